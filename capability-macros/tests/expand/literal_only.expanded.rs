fn expansion() -> ::capability::CapabilityPolicy {
    ::capability::__private_0_1_0::capability_policy(
        ::capability::__private_0_1_0::Vec::from([
            ::capability::__private_0_1_0::checked::<
                ::capability::__private_0_1_0::ClientName,
            >("andrew"),
            ::capability::__private_0_1_0::checked::<
                ::capability::__private_0_1_0::ClientName,
            >("bridget"),
        ]),
        ::capability::__private_0_1_0::Option::Some((
            ::capability::__private_0_1_0::checked::<
                ::capability::__private_0_1_0::AppSid,
            >("APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"),
            ::capability::__private_0_1_0::Vec::from([
                (
                    ::capability::__private_0_1_0::String::from("user_id"),
                    ::capability::__private_0_1_0::String::from("42"),
                ),
                (
                    ::capability::__private_0_1_0::String::from("plan"),
                    ::capability::__private_0_1_0::String::from("gold"),
                ),
            ]),
        )),
        ::capability::__private_0_1_0::Option::Some(
            ::capability::__private_0_1_0::Vec::from([
                (
                    ::capability::__private_0_1_0::String::from("CallSid"),
                    ::capability::__private_0_1_0::String::from("CA123"),
                ),
                (
                    ::capability::__private_0_1_0::String::from("call type"),
                    ::capability::__private_0_1_0::String::from("a b&c=d/é"),
                ),
            ]),
        ),
        ::capability::__private_0_1_0::checked_ttl(600),
        ::capability::__private_0_1_0::Cow::Borrowed(
            "scope:client:incoming?clientName=andrew scope:client:incoming?clientName=bridget scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=CallSid%3DCA123%26call%2Btype%3Da%2Bb%2526c%253Dd%252F%25C3%25A9 scope:client:outgoing?appSid=APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb&appParams=user_id%3D42%26plan%3Dgold&clientName=bridget",
        ),
    )
}
