fn expansion() -> ::capability::Policy {
    {
        let value_0 = ::capability::__private::display(&(user.id));
        let value_1 = ::capability::__private::display(&(call_sid));
        let scope = ::capability::__private::Cow::Owned(
            ::capability::__private::assemble(
                &[
                    ::capability::__private::Piece::Lit(
                        "scope:client:incoming?clientName=andrew scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=CallSid%3D",
                    ),
                    ::capability::__private::Piece::Slot {
                        index: 1,
                        twice: true,
                    },
                    ::capability::__private::Piece::Lit(
                        " scope:client:outgoing?appSid=AP89a0180a1a4ddf1da954efca349b7a20&appParams=user_id%3D",
                    ),
                    ::capability::__private::Piece::Slot {
                        index: 0,
                        twice: true,
                    },
                    ::capability::__private::Piece::Lit(
                        "%26plan%3Dgold&clientName=andrew",
                    ),
                ],
                &[
                    ::capability::__private::String::as_str(&value_0),
                    ::capability::__private::String::as_str(&value_1),
                ],
            ),
        );
        ::capability::__private::Policy::__from_macro(
            ::capability::__private::Vec::from([
                ::capability::__private::ClientName::__checked("andrew"),
            ]),
            ::capability::__private::Option::Some((
                ::capability::__private::AppSid::__checked(
                    "AP89a0180a1a4ddf1da954efca349b7a20",
                ),
                ::capability::__private::Vec::from([
                    (::capability::__private::String::from("user_id"), value_0),
                    (
                        ::capability::__private::String::from("plan"),
                        ::capability::__private::String::from("gold"),
                    ),
                ]),
            )),
            ::capability::__private::Option::Some(
                ::capability::__private::Vec::from([
                    (::capability::__private::String::from("CallSid"), value_1),
                ]),
            ),
            ::capability::__private::Ttl::__checked(300),
            scope,
        )
    }
}
