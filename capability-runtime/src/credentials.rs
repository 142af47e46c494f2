//! `Credentials`, the account SID and the auth token that sign capability and TaskRouter
//! tokens, and `ApiKey`, the account SID and the API key that sign access tokens.

use std::fmt;

use hmac::{Hmac, KeyInit};
use sha2::Sha256;

use crate::{AccountSid, ApiKeySid, ApiSecret, AuthToken, ValueError};

pub(crate) type HmacSha256 = Hmac<Sha256>;

/// The environment variable that holds the account SID.
pub const ACCOUNT_SID_VAR: &str = "TWILIO_ACCOUNT_SID";
/// The environment variable that holds the auth token.
pub const AUTH_TOKEN_VAR: &str = "TWILIO_AUTH_TOKEN";
/// The environment variable that holds the API key's SID, as Twilio's Voice quickstarts name it.
pub const API_KEY_VAR: &str = "TWILIO_API_KEY";
/// The environment variable that holds the API key's secret.
pub const API_SECRET_VAR: &str = "TWILIO_API_SECRET";

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
    /// A value passed to [`Credentials::new`] or [`ApiKey::new`] broke its rule.
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
    /// An environment variable's value broke its rule. The value is not shown: the
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

/// An account SID and an API key, its SID and its secret, with the HMAC key prepared once:
/// what signs an access token. The secret gets everything the auth token has: a redacted
/// `Debug`, zeroize on drop, and no place in any message.
///
/// ```
/// use capability::ApiKey;
///
/// let key = ApiKey::new(
///     "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
///     "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
///     "goldenvectorsecret0123456789abcd",
/// )?;
/// let shown = format!("{key:?}");
/// assert!(shown.contains("SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"));
/// assert!(!shown.contains("goldenvector"));
/// # Ok::<(), capability::CredentialsError>(())
/// ```
#[derive(Clone)]
pub struct ApiKey {
    account_sid: AccountSid,
    key_sid: ApiKeySid,
    secret: ApiSecret,
    /// HMAC-SHA256 keyed with the secret. Zeroized on drop.
    key: HmacSha256,
}

impl ApiKey {
    /// Checks the three values and prepares the signing key.
    ///
    /// # Errors
    /// [`CredentialsError::Invalid`] when the account SID is not `AC` + 32 hex digits, the key
    /// SID not `SK` + 32 hex digits, or the secret is empty. The secret is never in the error.
    pub fn new(account_sid: &str, key_sid: &str, secret: &str) -> Result<ApiKey, CredentialsError> {
        Ok(Self::from_parts(
            account_sid.parse()?,
            key_sid.parse()?,
            secret.parse()?,
        ))
    }

    /// Builds an API key from values that are already checked.
    pub fn from_parts(account_sid: AccountSid, key_sid: ApiKeySid, secret: ApiSecret) -> ApiKey {
        let key = HmacSha256::new_from_slice(secret.expose_secret().as_bytes())
            .expect("HMAC accepts a key of any length");
        ApiKey {
            account_sid,
            key_sid,
            secret,
            key,
        }
    }

    /// Reads `TWILIO_ACCOUNT_SID`, `TWILIO_API_KEY` and `TWILIO_API_SECRET`, the names of
    /// Twilio's Voice quickstarts.
    ///
    /// # Errors
    /// A [`CredentialsError`] that names the variable, never its value.
    pub fn from_env() -> Result<ApiKey, CredentialsError> {
        Self::from_lookup(std::env::var_os)
    }

    /// Reads the three variables through `lookup`, as [`ApiKey::from_env`] does through the
    /// process environment.
    ///
    /// # Errors
    /// As [`ApiKey::from_env`].
    pub fn from_lookup(
        mut lookup: impl FnMut(&'static str) -> Option<std::ffi::OsString>,
    ) -> Result<ApiKey, CredentialsError> {
        let account_sid = read_var(&mut lookup, ACCOUNT_SID_VAR)?;
        let key_sid = read_var(&mut lookup, API_KEY_VAR)?;
        let secret = read_var(&mut lookup, API_SECRET_VAR)?;
        Ok(Self::from_parts(account_sid, key_sid, secret))
    }

    /// The account SID, the token's subject (`sub`).
    pub fn account_sid(&self) -> &AccountSid {
        &self.account_sid
    }

    /// The API key's SID, the token's issuer (`iss`).
    pub fn key_sid(&self) -> &ApiKeySid {
        &self.key_sid
    }

    /// The secret.
    pub fn secret(&self) -> &ApiSecret {
        &self.secret
    }

    pub(crate) fn key(&self) -> &HmacSha256 {
        &self.key
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiKey")
            .field("account_sid", &self.account_sid.as_str())
            .field("key_sid", &self.key_sid.as_str())
            .field("secret", &self.secret)
            .finish()
    }
}

impl ApiSecret {
    /// Reads `TWILIO_API_SECRET` alone through `lookup`: enough to verify access tokens.
    ///
    /// # Errors
    /// A [`CredentialsError`] that names the variable, never its value.
    pub fn from_lookup(
        mut lookup: impl FnMut(&'static str) -> Option<std::ffi::OsString>,
    ) -> Result<ApiSecret, CredentialsError> {
        read_var(&mut lookup, API_SECRET_VAR)
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
