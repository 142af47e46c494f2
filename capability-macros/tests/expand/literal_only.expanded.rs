fn expansion() -> ::capability::Policy {
    ::capability::__private::Policy::__from_macro(
        ::capability::__private::Vec::from([
            ::capability::__private::ClientName::__checked("andrew"),
            ::capability::__private::ClientName::__checked("bridget"),
        ]),
        ::capability::__private::Option::Some((
            ::capability::__private::AppSid::__checked(
                "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
            ),
            ::capability::__private::Vec::from([
                (
                    ::capability::__private::String::from("user_id"),
                    ::capability::__private::String::from("42"),
                ),
                (
                    ::capability::__private::String::from("plan"),
                    ::capability::__private::String::from("gold"),
                ),
            ]),
        )),
        ::capability::__private::Option::Some(
            ::capability::__private::Vec::from([
                (
                    ::capability::__private::String::from("CallSid"),
                    ::capability::__private::String::from("CA123"),
                ),
                (
                    ::capability::__private::String::from("call type"),
                    ::capability::__private::String::from("a b&c=d/é"),
                ),
            ]),
        ),
        ::capability::__private::Ttl::__checked(600),
        ::capability::__private::Cow::Borrowed(
            "scope:client:incoming?clientName=andrew scope:client:incoming?clientName=bridget scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=CallSid%3DCA123%26call%2Btype%3Da%2Bb%2526c%253Dd%252F%25C3%25A9 scope:client:outgoing?appSid=APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb&appParams=user_id%3D42%26plan%3Dgold&clientName=bridget",
        ),
    )
}
