//! The `impl Format` of each format, written once: a format's folder gives one row of its
//! types, and its steps by their common names.

/// Implements [`Format`](crate::Format) for a format, in its folder's `mod.rs`, from one row:
/// its types, and the steps every format's folder has (`load::read`, `template::build`,
/// `read::decode`); and gives its policy `sign`, by the system clock.
macro_rules! impl_format {
    (
        $format:ident ($name:ident) {
            $policy:ident, $key:ident, $secret:ident, $decoded:ident, $slots:ident, $minter:ident
        }
    ) => {
        impl crate::$policy {
            /// Signs a token that expires `ttl` seconds from now, by the system clock.
            ///
            /// # Errors
            /// As [`sign_at`](Self::sign_at), and [`SignError::ClockBeforeEpoch`] when the
            /// clock reads a time before 1970.
            ///
            /// [`SignError::ClockBeforeEpoch`]: crate::SignError::ClockBeforeEpoch
            pub fn sign(&self, key: &crate::$key) -> Result<crate::Token, crate::SignError> {
                self.sign_at(key, crate::jwt::token::unix_now()?)
            }
        }

        impl crate::Format for crate::$format {
            type Policy = crate::$policy;
            type Key = crate::$key;
            type Secret = crate::$secret;
            type Decoded = crate::$decoded;
            const FORMAT: crate::PolicyFormat = crate::PolicyFormat::$name;
            type Slots = template::$slots;
            type Minter = minter::$minter;

            fn load(
                source: &str,
                origin: Option<String>,
            ) -> Result<crate::Template<Self>, crate::LoadError> {
                crate::toml::template::load(source, origin, load::read, Self::Slots::default())
            }

            fn build(
                t: &crate::Template<Self>,
                values: &[&str],
            ) -> Result<Self::Policy, crate::BindProblem> {
                template::build(t, values)
            }

            fn sign_at(
                policy: &Self::Policy,
                key: &Self::Key,
                now: u64,
            ) -> Result<crate::Token, crate::SignError> {
                policy.sign_at(key, now)
            }

            fn decode(
                header: crate::Header,
                payload: &[u8],
            ) -> Result<Self::Decoded, crate::VerifyError> {
                crate::jwt::verify::Strict::strict(read::decode::<u64>(header, payload))
            }

            fn claims(decoded: &Self::Decoded) -> &crate::Claims {
                &decoded.claims
            }
        }
    };
}
pub(crate) use impl_format;
