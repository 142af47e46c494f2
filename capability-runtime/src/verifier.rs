//! What the verifiers of every format share: [`Verifier`], written once over each format's
//! reader.

use std::fmt;
use std::marker::PhantomData;

use crate::jwt::hmac_prefix::HmacPrefix;
use crate::jwt::verify;
use crate::{Format, VerifyError};

/// A verifier with its HMAC keyed once, for a server that checks many tokens:
/// [`CapabilityVerifier`](crate::CapabilityVerifier), [`AccessVerifier`](crate::AccessVerifier)
/// or [`TaskRouterVerifier`](crate::TaskRouterVerifier).
#[derive(Clone)]
pub struct Verifier<F: Format> {
    /// HMAC-SHA256 keyed with the secret, with no prefix: the whole signing input is the tail.
    /// Zeroized on drop.
    key: HmacPrefix,
    format: PhantomData<F>,
}

impl<F: Format> Verifier<F> {
    /// Keys the HMAC with the format's secret: the auth token, or the API key's secret.
    pub fn new(secret: &F::Secret) -> Self {
        Verifier {
            key: HmacPrefix::new(secret.as_ref().as_bytes(), b""),
            format: PhantomData,
        }
    }

    /// Checks a token completely: its shape, an `HS256` header, the signature over the bytes
    /// as received (in constant time), the claims of its format and their types, and the time.
    ///
    /// # Errors
    /// A [`VerifyError`] naming the first rule the token broke; [`VerifyError::WrongKind`] for
    /// a token of another format.
    pub fn verify(&self, token: &str, now: u64, leeway: u64) -> Result<F::Decoded, VerifyError> {
        let decoded = verify::open(token, &self.key, F::decode)?;
        verify::check_time(F::claims(&decoded), now, leeway)?;
        Ok(decoded)
    }
}

impl<F: Format> fmt::Debug for Verifier<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Verifier<{}>(<keyed with a redacted secret>)", F::FORMAT)
    }
}

/// A format's `verify_*_token`, the verifier keyed for one token, and its `*Verifier` alias:
/// each format says only its names and its docs.
macro_rules! verify_once {
    (
        $(#[$doc:meta])*
        pub fn $name:ident($secret:ident: &$Secret:ty) -> $Decoded:ty;
        $(#[$alias_doc:meta])*
        pub type $Verifier:ident = Verifier<$Format:ty>;
    ) => {
        $(#[$doc])*
        ///
        /// # Errors
        /// A [`VerifyError`](crate::VerifyError) naming the first rule the token broke;
        /// [`VerifyError::WrongKind`](crate::VerifyError::WrongKind) for a token of another
        /// format.
        pub fn $name(
            token: &str,
            $secret: &$Secret,
            now: u64,
            leeway: u64,
        ) -> Result<$Decoded, crate::VerifyError> {
            $Verifier::new($secret).verify(token, now, leeway)
        }

        #[doc = concat!(
            "[`", stringify!($name), "`] with the HMAC keyed once, ",
            "for a server that checks many tokens."
        )]
        $(#[$alias_doc])*
        pub type $Verifier = crate::Verifier<$Format>;
    };
}

pub(crate) use verify_once;
