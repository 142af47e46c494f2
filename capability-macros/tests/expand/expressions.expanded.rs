fn expansion() -> ::capability::Policy {
    {
        let name_0 = ::capability::__private::client_name(session.identity());
        let name_1 = ::capability::__private::client_name(&agents[0]);
        let app_sid_2 = ::capability::__private::app_sid(config.app_sid.clone());
        let value_3 = ::capability::__private::display(&(user.id));
        let value_4 = ::capability::__private::display(
            &(format!("{} {}", user.first, user.last)),
        );
        let value_5 = ::capability::__private::display(&(call_sid));
        let ttl_6 = ::capability::__private::ttl(config.ttl);
        let scope = ::capability::__private::Cow::Owned(
            ::capability::__private::assemble(
                &[
                    ::capability::__private::Piece::Lit(
                        "scope:client:incoming?clientName=",
                    ),
                    ::capability::__private::Piece::Slot {
                        index: 0,
                        twice: false,
                    },
                    ::capability::__private::Piece::Lit(
                        " scope:client:incoming?clientName=",
                    ),
                    ::capability::__private::Piece::Slot {
                        index: 1,
                        twice: false,
                    },
                    ::capability::__private::Piece::Lit(
                        " scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=CallSid%3D",
                    ),
                    ::capability::__private::Piece::Slot {
                        index: 5,
                        twice: true,
                    },
                    ::capability::__private::Piece::Lit(
                        " scope:client:outgoing?appSid=",
                    ),
                    ::capability::__private::Piece::Slot {
                        index: 2,
                        twice: false,
                    },
                    ::capability::__private::Piece::Lit("&appParams=user_id%3D"),
                    ::capability::__private::Piece::Slot {
                        index: 3,
                        twice: true,
                    },
                    ::capability::__private::Piece::Lit("%26display-name%3D"),
                    ::capability::__private::Piece::Slot {
                        index: 4,
                        twice: true,
                    },
                    ::capability::__private::Piece::Lit("&clientName="),
                    ::capability::__private::Piece::Slot {
                        index: 1,
                        twice: false,
                    },
                ],
                &[
                    ::capability::__private::ClientName::as_str(&name_0),
                    ::capability::__private::ClientName::as_str(&name_1),
                    ::capability::__private::AppSid::as_str(&app_sid_2),
                    ::capability::__private::String::as_str(&value_3),
                    ::capability::__private::String::as_str(&value_4),
                    ::capability::__private::String::as_str(&value_5),
                ],
            ),
        );
        ::capability::__private::Policy::__from_macro(
            ::capability::__private::Vec::from([name_0, name_1]),
            ::capability::__private::Option::Some((
                app_sid_2,
                ::capability::__private::Vec::from([
                    (::capability::__private::String::from("user_id"), value_3),
                    (::capability::__private::String::from("display-name"), value_4),
                ]),
            )),
            ::capability::__private::Option::Some(
                ::capability::__private::Vec::from([
                    (::capability::__private::String::from("CallSid"), value_5),
                ]),
            ),
            ttl_6,
            scope,
        )
    }
}
