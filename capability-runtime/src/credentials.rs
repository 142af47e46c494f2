//! `Credentials`: the account SID that issues tokens and the auth token that signs them.

use std::fmt;

use hmac::{Hmac, KeyInit};
use sha2::Sha256;

use crate::{AccountSid, AuthToken, ValueError};

pub(crate) type HmacSha256 = Hmac<Sha256>;

/// The environment variable that holds the account SID.
pub const ACCOUNT_SID_VAR: &str = "TWILIO_ACCOUNT_SID";
/// The environment variable that holds the auth token.
pub const AUTH_TOKEN_VAR: &str = "TWILIO_AUTH_TOKEN";

/// An account SID and its auth token, with the HMAC key prepared once.
///
/// `Debug` shows the account SID and hides the token:
///
/// ```
/// use capability::Credentials;
///
/// let creds = Credentials::new("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "0123456789abcdef0123456789abcdef")?;
/// let shown = format!("{creds:?}");
/// assert!(shown.contains("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
/// assert!(!shown.contains("0123456789abcdef"));
/// # Ok::<(), capability::CredentialsError>(())
/// ```
#[derive(Clone)]
pub struct Credentials {
    account_sid: AccountSid,
    auth_token: AuthToken,
    /// HMAC-SHA256 keyed with the auth token; cloned for each signature. Zeroized on drop.
    key: HmacSha256,
}

/// Why credentials could not be made. No variant carries the auth token, and the environment
/// variants carry no value at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialsError {
    /// A value passed to [`Credentials::new`] broke its rule.
    #[error(transparent)]
    Invalid(#[from] ValueError),
    /// An environment variable is not set.
    #[error("environment variable {var} is not set")]
    MissingVar {
        /// The variable.
        var: &'static str,
    },
    /// An environment variable is not valid Unicode.
    #[error("environment variable {var} is not valid Unicode")]
    NotUnicode {
        /// The variable.
        var: &'static str,
    },
    /// An environment variable's value broke its rule. The value is not shown: the two
    /// variables are easy to swap, and one of them is a secret.
    #[error("environment variable {var}: the {field} {rule}")]
    InvalidVar {
        /// The variable.
        var: &'static str,
        /// The field it holds, as `account SID`.
        field: &'static str,
        /// The rule its value broke.
        rule: &'static str,
    },
}

impl Credentials {
    /// Checks both values and prepares the signing key.
    ///
    /// # Errors
    /// [`CredentialsError::Invalid`] when the account SID is not `AC` + 32 hex digits, or the
    /// auth token is empty.
    pub fn new(account_sid: &str, auth_token: &str) -> Result<Credentials, CredentialsError> {
        Ok(Self::from_parts(account_sid.parse()?, auth_token.parse()?))
    }

    /// Builds credentials from values that are already checked.
    pub fn from_parts(account_sid: AccountSid, auth_token: AuthToken) -> Credentials {
        let key = HmacSha256::new_from_slice(auth_token.expose_secret().as_bytes())
            .expect("HMAC accepts a key of any length");
        Credentials {
            account_sid,
            auth_token,
            key,
        }
    }

    /// Reads `TWILIO_ACCOUNT_SID` and `TWILIO_AUTH_TOKEN`.
    ///
    /// # Errors
    /// A [`CredentialsError`] that names the variable, never its value.
    pub fn from_env() -> Result<Credentials, CredentialsError> {
        Self::from_lookup(std::env::var_os)
    }

    /// Reads the two variables through `lookup`, as [`Credentials::from_env`] does through the
    /// process environment. Useful for a dotenv file or a test.
    ///
    /// # Errors
    /// As [`Credentials::from_env`].
    pub fn from_lookup(
        mut lookup: impl FnMut(&'static str) -> Option<std::ffi::OsString>,
    ) -> Result<Credentials, CredentialsError> {
        let account_sid = read_var(&mut lookup, ACCOUNT_SID_VAR)?;
        let auth_token = read_var(&mut lookup, AUTH_TOKEN_VAR)?;
        Ok(Self::from_parts(account_sid, auth_token))
    }

    /// The account SID, which tokens carry as their issuer.
    pub fn account_sid(&self) -> &AccountSid {
        &self.account_sid
    }

    /// The auth token.
    pub fn auth_token(&self) -> &AuthToken {
        &self.auth_token
    }

    pub(crate) fn key(&self) -> &HmacSha256 {
        &self.key
    }
}

impl AuthToken {
    /// Reads `TWILIO_AUTH_TOKEN` alone through `lookup`, as [`Credentials::from_lookup`] reads
    /// both variables: enough to verify tokens, which name their own issuer.
    ///
    /// # Errors
    /// A [`CredentialsError`] that names the variable, never its value.
    pub fn from_lookup(
        mut lookup: impl FnMut(&'static str) -> Option<std::ffi::OsString>,
    ) -> Result<AuthToken, CredentialsError> {
        read_var(&mut lookup, AUTH_TOKEN_VAR)
    }
}

/// One variable through `lookup`, checked by its type's rule. The error carries no value; the
/// text read is zeroized once parsed.
fn read_var<T: std::str::FromStr<Err = ValueError>>(
    lookup: &mut impl FnMut(&'static str) -> Option<std::ffi::OsString>,
    var: &'static str,
) -> Result<T, CredentialsError> {
    let value = lookup(var).ok_or(CredentialsError::MissingVar { var })?;
    let value = value
        .into_string()
        .map_err(|_| CredentialsError::NotUnicode { var })?;
    let parsed = value
        .parse()
        .map_err(|e: ValueError| CredentialsError::InvalidVar {
            var,
            field: e.field(),
            rule: e.rule(),
        });
    zeroize::Zeroize::zeroize(&mut { value });
    parsed
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("account_sid", &self.account_sid.as_str())
            .field("auth_token", &self.auth_token)
            .finish()
    }
}
