const _: &[u8] = ::core::include_bytes!(
    "$CARGO_MANIFEST_DIR/tests/policies/worker.toml"
);
#[automatically_derived]
impl ::capability::__private_0_1_0::DerivedPolicy for Worker {
    type Format = ::capability::__private_0_1_0::lowered::TaskRouter;
    type Erased = Worker;
    #[inline]
    fn template() -> ::capability::__private_0_1_0::lowered::Template<
        ::capability::__private_0_1_0::lowered::TaskRouter,
    > {
        {
            use ::capability::__private_0_1_0::lowered as __lowered;
            __lowered::template::<
                __lowered::TaskRouter,
            >(
                __lowered::TaskRouterSlots {
                    workspace: __lowered::Option::Some(
                        __lowered::Slot::Literal(
                            __lowered::checked::<
                                __lowered::WorkspaceSid,
                            >("WS11111111111111111111111111111111"),
                        ),
                    ),
                    channel: __lowered::Option::Some(
                        __lowered::ChannelSlot::Worker(__lowered::Slot::Input(0usize)),
                    ),
                    allow: __lowered::Vec::from([__lowered::Allow::ActivityUpdates]),
                    policies: __lowered::Vec::from([]),
                },
                __lowered::checked_ttl(3600u32),
                __lowered::Vec::from([
                    __lowered::input(
                        __lowered::String::from("worker_sid"),
                        __lowered::Vec::from([
                            __lowered::InputUse::Sid(__lowered::SidKind::Worker),
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
        let input_0 = <WorkerSid as ::capability::__private_0_1_0::CheckedInput<
            ::capability::__private_0_1_0::WorkerSid,
        >>::input_text(&self.worker_sid);
        mint(&[&*input_0])
    }
}
#[automatically_derived]
impl Worker {
    /// The `ttl` of `tests/policies/worker.toml`: the lifetime of its tokens.
    pub const TTL: ::capability::__private_0_1_0::Ttl = ::capability::__private_0_1_0::checked_ttl(
        3600u32,
    );
    /// The inputs of `tests/policies/worker.toml`, in the order of the file: one field each.
    pub const INPUTS: &'static [&'static str] = &["worker_sid"];
    /// The policy, with the fields as its inputs.
    ///
    /// # Errors
    /// A `BindError` when a field breaks a rule of a field it fills that its type does
    /// not carry, or the values break a rule of the policy.
    #[inline]
    pub fn policy(
        &self,
    ) -> ::core::result::Result<
        ::capability::__private_0_1_0::TaskRouterPolicy,
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
        key: &::capability::__private_0_1_0::Credentials,
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
        key: &::capability::__private_0_1_0::Credentials,
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
        key: &::capability::__private_0_1_0::Credentials,
    ) -> ::capability::__private_0_1_0::PolicyFileMinter<Worker> {
        ::capability::__private_0_1_0::PolicyFileMinter::new(key)
    }
}
