fn expansion() -> ::capability::CapabilityPolicy {
    {
        let name_0 = ::capability::__private_0_1_0::client_name(session.identity());
        let name_1 = ::capability::__private_0_1_0::client_name(&agents[0]);
        let app_sid_2 = ::capability::__private_0_1_0::app_sid(config.app_sid.clone());
        let value_3 = ::capability::__private_0_1_0::display(&(user.id));
        let value_4 = ::capability::__private_0_1_0::display(
            &(format!("{} {}", user.first, user.last)),
        );
        let value_5 = ::capability::__private_0_1_0::display(&(call_sid));
        let ttl_6 = ::capability::__private_0_1_0::ttl(config.ttl);
        let scope = ::capability::__private_0_1_0::Cow::Owned(
            ::capability::__private_0_1_0::assemble(
                &[
                    ::capability::__private_0_1_0::Piece::Lit(
                        "scope:client:incoming?clientName=",
                    ),
                    ::capability::__private_0_1_0::Piece::Slot {
                        index: 0,
                        twice: false,
                    },
                    ::capability::__private_0_1_0::Piece::Lit(
                        " scope:client:incoming?clientName=",
                    ),
                    ::capability::__private_0_1_0::Piece::Slot {
                        index: 1,
                        twice: false,
                    },
                    ::capability::__private_0_1_0::Piece::Lit(
                        " scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=CallSid%3D",
                    ),
                    ::capability::__private_0_1_0::Piece::Slot {
                        index: 5,
                        twice: true,
                    },
                    ::capability::__private_0_1_0::Piece::Lit(
                        " scope:client:outgoing?appSid=",
                    ),
                    ::capability::__private_0_1_0::Piece::Slot {
                        index: 2,
                        twice: false,
                    },
                    ::capability::__private_0_1_0::Piece::Lit("&appParams=user_id%3D"),
                    ::capability::__private_0_1_0::Piece::Slot {
                        index: 3,
                        twice: true,
                    },
                    ::capability::__private_0_1_0::Piece::Lit("%26display-name%3D"),
                    ::capability::__private_0_1_0::Piece::Slot {
                        index: 4,
                        twice: true,
                    },
                    ::capability::__private_0_1_0::Piece::Lit("&clientName="),
                    ::capability::__private_0_1_0::Piece::Slot {
                        index: 1,
                        twice: false,
                    },
                ],
                &[
                    ::capability::__private_0_1_0::ClientName::as_str(&name_0),
                    ::capability::__private_0_1_0::ClientName::as_str(&name_1),
                    ::capability::__private_0_1_0::AppSid::as_str(&app_sid_2),
                    ::capability::__private_0_1_0::String::as_str(&value_3),
                    ::capability::__private_0_1_0::String::as_str(&value_4),
                    ::capability::__private_0_1_0::String::as_str(&value_5),
                ],
            ),
        );
        ::capability::__private_0_1_0::capability_policy(
            ::capability::__private_0_1_0::Vec::from([name_0, name_1]),
            ::capability::__private_0_1_0::Option::Some((
                app_sid_2,
                ::capability::__private_0_1_0::Vec::from([
                    (::capability::__private_0_1_0::String::from("user_id"), value_3),
                    (
                        ::capability::__private_0_1_0::String::from("display-name"),
                        value_4,
                    ),
                ]),
            )),
            ::capability::__private_0_1_0::Option::Some(
                ::capability::__private_0_1_0::Vec::from([
                    (::capability::__private_0_1_0::String::from("CallSid"), value_5),
                ]),
            ),
            ttl_6,
            scope,
        )
    }
}
