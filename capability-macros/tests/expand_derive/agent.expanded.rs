const _: &[u8] = ::core::include_bytes!(
    "$CARGO_MANIFEST_DIR/tests/policies/agent.toml"
);
#[automatically_derived]
impl<'a, T: Display> ::capability::__private_0_1_0::DerivedPolicy for Agent<'a, T> {
    type Format = ::capability::__private_0_1_0::lowered::Access;
    type Erased = Agent<'static, T>;
    #[inline]
    fn template() -> ::capability::__private_0_1_0::lowered::Template<
        ::capability::__private_0_1_0::lowered::Access,
    > {
        {
            use ::capability::__private_0_1_0::lowered as __lowered;
            __lowered::template::<
                __lowered::Access,
            >(
                __lowered::AccessSlots {
                    identity: __lowered::Option::Some(__lowered::Slot::Input(0usize)),
                    voice: __lowered::Option::Some(__lowered::VoiceSlots {
                        incoming: true,
                        outgoing: __lowered::Option::Some((
                            __lowered::Slot::Literal(
                                __lowered::checked::<
                                    __lowered::AppSid,
                                >("AP89a0180a1a4ddf1da954efca349b7a20"),
                            ),
                            __lowered::Vec::from([
                                (
                                    __lowered::String::from("team"),
                                    __lowered::Slot::Input(1usize),
                                ),
                            ]),
                        )),
                        push_credential: __lowered::Option::None,
                        endpoint: __lowered::Option::None,
                    }),
                    video: __lowered::Option::None,
                    chat: __lowered::Option::None,
                    sync: __lowered::Option::None,
                    task_router: __lowered::Option::None,
                    region: __lowered::Option::None,
                },
                __lowered::checked_ttl(600u32),
                __lowered::Vec::from([
                    __lowered::input(
                        __lowered::String::from("identity"),
                        __lowered::Vec::from([__lowered::InputUse::VoiceIdentity]),
                    ),
                    __lowered::input(
                        __lowered::String::from("team"),
                        __lowered::Vec::from([
                            __lowered::InputUse::Param {
                                key: __lowered::String::from("team"),
                            },
                        ]),
                    ),
                ]),
            )
        }
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
    #[inline]
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
    #[inline]
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
    #[inline]
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
    #[inline]
    pub fn minter(
        key: &::capability::__private_0_1_0::ApiKey,
    ) -> ::capability::__private_0_1_0::PolicyFileMinter<Agent<'static, T>> {
        ::capability::__private_0_1_0::PolicyFileMinter::new(key)
    }
}
