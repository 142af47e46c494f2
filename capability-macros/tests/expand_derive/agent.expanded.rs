const _: &[u8] = ::core::include_bytes!(
    "$CARGO_MANIFEST_DIR/tests/policies/agent.toml"
);
#[automatically_derived]
impl<'a, T: Display> ::capability::__private_0_1_0::DerivedPolicy for Agent<'a, T> {
    type Format = ::capability::__private_0_1_0::lowered::Access;
    type Erased = Agent<'static, T>;
    fn template() -> &'static ::capability::__private_0_1_0::lowered::Template<
        ::capability::__private_0_1_0::lowered::Access,
    > {
        static TEMPLATE: ::capability::__private_0_1_0::LazyLock<
            ::capability::__private_0_1_0::lowered::Template<
                ::capability::__private_0_1_0::lowered::Access,
            >,
        > = ::capability::__private_0_1_0::LazyLock::new(|| ::capability::__private_0_1_0::lowered::template::<
            ::capability::__private_0_1_0::lowered::Access,
        >(
            ::capability::__private_0_1_0::lowered::AccessSlots {
                identity: ::capability::__private_0_1_0::lowered::Option::Some(
                    ::capability::__private_0_1_0::lowered::Slot::Input(0usize),
                ),
                voice: ::capability::__private_0_1_0::lowered::Option::Some(::capability::__private_0_1_0::lowered::VoiceSlots {
                    incoming: true,
                    outgoing: ::capability::__private_0_1_0::lowered::Option::Some((
                        ::capability::__private_0_1_0::lowered::Slot::Literal(
                            ::capability::__private_0_1_0::lowered::checked::<
                                ::capability::__private_0_1_0::lowered::AppSid,
                            >("AP89a0180a1a4ddf1da954efca349b7a20"),
                        ),
                        ::capability::__private_0_1_0::lowered::Vec::from([
                            (
                                ::capability::__private_0_1_0::lowered::String::from(
                                    "team",
                                ),
                                ::capability::__private_0_1_0::lowered::Slot::Input(1usize),
                            ),
                        ]),
                    )),
                    push_credential: ::capability::__private_0_1_0::lowered::Option::None,
                    endpoint: ::capability::__private_0_1_0::lowered::Option::None,
                }),
                video: ::capability::__private_0_1_0::lowered::Option::None,
                chat: ::capability::__private_0_1_0::lowered::Option::None,
                sync: ::capability::__private_0_1_0::lowered::Option::None,
                task_router: ::capability::__private_0_1_0::lowered::Option::None,
                region: ::capability::__private_0_1_0::lowered::Option::None,
            },
            ::capability::__private_0_1_0::lowered::checked_ttl(600u32),
            ::capability::__private_0_1_0::lowered::Vec::from([
                ::capability::__private_0_1_0::lowered::input(
                    ::capability::__private_0_1_0::lowered::String::from("identity"),
                    ::capability::__private_0_1_0::lowered::Vec::from([
                        ::capability::__private_0_1_0::lowered::InputUse::VoiceIdentity,
                    ]),
                ),
                ::capability::__private_0_1_0::lowered::input(
                    ::capability::__private_0_1_0::lowered::String::from("team"),
                    ::capability::__private_0_1_0::lowered::Vec::from([
                        ::capability::__private_0_1_0::lowered::InputUse::Param {
                            key: ::capability::__private_0_1_0::lowered::String::from(
                                "team",
                            ),
                        },
                    ]),
                ),
            ]),
        ));
        &TEMPLATE
    }
    fn with_inputs<__PolicyFileResult>(
        &self,
        mint: impl ::core::ops::FnOnce(&[&str]) -> __PolicyFileResult,
    ) -> __PolicyFileResult {
        let input_0 = <&'a ClientName as ::capability::__private_0_1_0::CheckedInput<
            ::capability::__private_0_1_0::ClientName,
        >>::input_text(&self.identity);
        let input_1 = <T as ::capability::__private_0_1_0::TextInput>::input_text(
            &self.team,
        );
        mint(&[&*input_0, &*input_1])
    }
}
#[automatically_derived]
impl<'a, T: Display> Agent<'a, T> {
    /// The `ttl` of `tests/policies/agent.toml`: the lifetime of its tokens.
    pub const TTL: ::capability::__private_0_1_0::Ttl = ::capability::__private_0_1_0::checked_ttl(
        600u32,
    );
    /// The inputs of `tests/policies/agent.toml`, in the order of the file: one field each.
    pub const INPUTS: &'static [&'static str] = &["identity", "team"];
    /// The policy, with the fields as its inputs.
    ///
    /// # Errors
    /// A `BindError` when a field breaks a rule of a field it fills that its type does
    /// not carry, or the values break a rule of the policy.
    pub fn policy(
        &self,
    ) -> ::core::result::Result<
        ::capability::__private_0_1_0::AccessPolicy,
        ::capability::__private_0_1_0::BindError,
    > {
        ::capability::__private_0_1_0::derived_policy(self)
    }
    /// Signs the policy's token by the system clock.
    ///
    /// # Errors
    /// As `policy`, and as the policy's `sign`.
    pub fn sign(
        &self,
        key: &::capability::__private_0_1_0::ApiKey,
    ) -> ::core::result::Result<
        ::capability::__private_0_1_0::Token,
        ::capability::__private_0_1_0::MintError,
    > {
        ::capability::__private_0_1_0::derived_sign(self, key)
    }
    /// Signs the policy's token as if the time were `now` (Unix seconds).
    ///
    /// # Errors
    /// As `policy`, and as the policy's `sign_at`.
    pub fn sign_at(
        &self,
        key: &::capability::__private_0_1_0::ApiKey,
        now: u64,
    ) -> ::core::result::Result<
        ::capability::__private_0_1_0::Token,
        ::capability::__private_0_1_0::MintError,
    > {
        ::capability::__private_0_1_0::derived_sign_at(self, key, now)
    }
    /// The policy file compiled once with `key`, to mint for any value of this struct.
    pub fn minter(
        key: &::capability::__private_0_1_0::ApiKey,
    ) -> ::capability::__private_0_1_0::PolicyFileMinter<Agent<'static, T>> {
        ::capability::__private_0_1_0::PolicyFileMinter::new(key)
    }
}
