fn expansion() -> ::capability::CapabilityPolicy {
    {
        let value_0 = ::capability::__private_0_1_0::display(&(user.id));
        let value_1 = ::capability::__private_0_1_0::display(&(call_sid));
        let scope = ::capability::__private_0_1_0::Cow::Owned(
            ::capability::__private_0_1_0::assemble(
                &[
                    ::capability::__private_0_1_0::Piece::Lit(
                        "scope:client:incoming?clientName=andrew scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=CallSid%3D",
                    ),
                    ::capability::__private_0_1_0::Piece::Slot {
                        index: 1,
                        twice: true,
                    },
                    ::capability::__private_0_1_0::Piece::Lit(
                        " scope:client:outgoing?appSid=AP89a0180a1a4ddf1da954efca349b7a20&appParams=user_id%3D",
                    ),
                    ::capability::__private_0_1_0::Piece::Slot {
                        index: 0,
                        twice: true,
                    },
                    ::capability::__private_0_1_0::Piece::Lit(
                        "%26plan%3Dgold&clientName=andrew",
                    ),
                ],
                &[
                    ::capability::__private_0_1_0::String::as_str(&value_0),
                    ::capability::__private_0_1_0::String::as_str(&value_1),
                ],
            ),
        );
        ::capability::__private_0_1_0::capability_policy(
            ::capability::__private_0_1_0::Vec::from([
                ::capability::__private_0_1_0::checked::<
                    ::capability::__private_0_1_0::ClientName,
                >("andrew"),
            ]),
            ::capability::__private_0_1_0::Option::Some((
                ::capability::__private_0_1_0::checked::<
                    ::capability::__private_0_1_0::AppSid,
                >("AP89a0180a1a4ddf1da954efca349b7a20"),
                ::capability::__private_0_1_0::Vec::from([
                    (::capability::__private_0_1_0::String::from("user_id"), value_0),
                    (
                        ::capability::__private_0_1_0::String::from("plan"),
                        ::capability::__private_0_1_0::String::from("gold"),
                    ),
                ]),
            )),
            ::capability::__private_0_1_0::Option::Some(
                ::capability::__private_0_1_0::Vec::from([
                    (::capability::__private_0_1_0::String::from("CallSid"), value_1),
                ]),
            ),
            ::capability::__private_0_1_0::checked_ttl(300),
            scope,
        )
    }
}
