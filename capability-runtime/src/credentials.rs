//! `Credentials`, the account SID and the auth token that sign capability and TaskRouter
//! tokens, and `ApiKey`, the account SID and the API key that sign access tokens.

use std::ffi::OsString;
use std::fmt;
use std::io::Read as _;
use std::path::Path;
use std::str::FromStr;

use hmac::{Hmac, KeyInit};
use sha2::Sha256;
use zeroize::Zeroizing;

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

/// The variable that names a file holding the account SID, instead of [`ACCOUNT_SID_VAR`]: the
/// `NAME_FILE` convention of Docker's official images, for secrets mounted as files.
pub const ACCOUNT_SID_FILE_VAR: &str = "TWILIO_ACCOUNT_SID_FILE";
/// The variable that names a file holding the auth token, instead of [`AUTH_TOKEN_VAR`].
pub const AUTH_TOKEN_FILE_VAR: &str = "TWILIO_AUTH_TOKEN_FILE";
/// The variable that names a file holding the API key's SID, instead of [`API_KEY_VAR`].
pub const API_KEY_FILE_VAR: &str = "TWILIO_API_KEY_FILE";
/// The variable that names a file holding the API key's secret, instead of [`API_SECRET_VAR`].
pub const API_SECRET_FILE_VAR: &str = "TWILIO_API_SECRET_FILE";

/// The longest file a `*_FILE` variable may name, in bytes. A longer one is refused, and is not
/// read past this.
pub const MAX_SECRET_FILE_LEN: usize = 64 * 1024;

/// A value's variable, and the one that names a file holding it instead.
#[derive(Clone, Copy)]
struct Var {
    name: &'static str,
    file: &'static str,
}

const ACCOUNT_SID: Var = Var {
    name: ACCOUNT_SID_VAR,
    file: ACCOUNT_SID_FILE_VAR,
};
const AUTH_TOKEN: Var = Var {
    name: AUTH_TOKEN_VAR,
    file: AUTH_TOKEN_FILE_VAR,
};
const API_KEY: Var = Var {
    name: API_KEY_VAR,
    file: API_KEY_FILE_VAR,
};
const API_SECRET: Var = Var {
    name: API_SECRET_VAR,
    file: API_SECRET_FILE_VAR,
};

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
    /// A value and the file that should hold it are both given: `TWILIO_AUTH_TOKEN` and
    /// `TWILIO_AUTH_TOKEN_FILE`, say.
    #[error("environment variables {var} and {file_var} are both set; set one of them")]
    BothSet {
        /// The value's variable.
        var: &'static str,
        /// The variable naming a file.
        file_var: &'static str,
    },
    /// The file a `*_FILE` variable names could not be read.
    #[error("environment variable {var}: cannot read {path}: {reason}")]
    UnreadableFile {
        /// The `*_FILE` variable.
        var: &'static str,
        /// The file, as the variable names it.
        path: String,
        /// What the operating system said.
        reason: String,
    },
    /// The file a `*_FILE` variable names is over [`MAX_SECRET_FILE_LEN`]; it was not read
    /// past that.
    #[error("environment variable {var}: {path} is more than {max} bytes long, over the limit")]
    FileTooLarge {
        /// The `*_FILE` variable.
        var: &'static str,
        /// The file, as the variable names it.
        path: String,
        /// The limit.
        max: usize,
    },
    /// The file a `*_FILE` variable names is not UTF-8.
    #[error("environment variable {var}: {path} is not UTF-8")]
    FileNotUnicode {
        /// The `*_FILE` variable.
        var: &'static str,
        /// The file, as the variable names it.
        path: String,
    },
    /// The value in the file a `*_FILE` variable names broke its rule. The value is not shown.
    #[error("environment variable {var}: the {field} in {path} {rule}")]
    InvalidFile {
        /// The `*_FILE` variable.
        var: &'static str,
        /// The file, as the variable names it.
        path: String,
        /// The field it holds, as `auth token`.
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

    /// Reads `TWILIO_ACCOUNT_SID` and `TWILIO_AUTH_TOKEN`, each of which may instead be in
    /// the file that `TWILIO_ACCOUNT_SID_FILE` or `TWILIO_AUTH_TOKEN_FILE` names (see
    /// [`ApiKey::from_env`] for how such a file is read).
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
        mut lookup: impl FnMut(&'static str) -> Option<OsString>,
    ) -> Result<Credentials, CredentialsError> {
        let account_sid = read_var(&mut lookup, ACCOUNT_SID)?;
        let auth_token = read_var(&mut lookup, AUTH_TOKEN)?;
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
    /// Reads `TWILIO_AUTH_TOKEN` (or `TWILIO_AUTH_TOKEN_FILE`) alone through `lookup`, as
    /// [`Credentials::from_lookup`] reads both values: enough to verify tokens, which name
    /// their own issuer.
    ///
    /// # Errors
    /// A [`CredentialsError`] that names the variable, never its value.
    pub fn from_lookup(
        mut lookup: impl FnMut(&'static str) -> Option<OsString>,
    ) -> Result<AuthToken, CredentialsError> {
        read_var(&mut lookup, AUTH_TOKEN)
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
    /// Each may instead be in a file, for secrets that a container runtime mounts as files:
    /// `TWILIO_API_SECRET_FILE=/run/secrets/twilio_api_secret` (and `TWILIO_ACCOUNT_SID_FILE`,
    /// `TWILIO_API_KEY_FILE`), the convention of Docker's official images. The file's contents
    /// are the value, less one trailing newline (`\n` or `\r\n`). A file over
    /// [`MAX_SECRET_FILE_LEN`] is refused, and not read past it; a variable set together with
    /// its `_FILE` is an error. The contents never reach an error, and are zeroized once read.
    ///
    /// ```no_run
    /// // TWILIO_API_SECRET_FILE=/run/secrets/twilio_api_secret, and the two SIDs, are set.
    /// let key = capability::ApiKey::from_env()?;
    /// # Ok::<(), capability::CredentialsError>(())
    /// ```
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
        mut lookup: impl FnMut(&'static str) -> Option<OsString>,
    ) -> Result<ApiKey, CredentialsError> {
        let account_sid = read_var(&mut lookup, ACCOUNT_SID)?;
        let key_sid = read_var(&mut lookup, API_KEY)?;
        let secret = read_var(&mut lookup, API_SECRET)?;
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
    /// Reads `TWILIO_API_SECRET` (or `TWILIO_API_SECRET_FILE`) alone through `lookup`:
    /// enough to verify access tokens.
    ///
    /// # Errors
    /// A [`CredentialsError`] that names the variable, never its value.
    pub fn from_lookup(
        mut lookup: impl FnMut(&'static str) -> Option<OsString>,
    ) -> Result<ApiSecret, CredentialsError> {
        read_var(&mut lookup, API_SECRET)
    }
}

/// One value through `lookup`: from its variable, or from the file its `_FILE` variable names,
/// checked by its type's rule. The error carries no value; the text read is zeroized once
/// parsed.
fn read_var<T: FromStr<Err = ValueError>>(
    lookup: &mut impl FnMut(&'static str) -> Option<OsString>,
    var: Var,
) -> Result<T, CredentialsError> {
    match (lookup(var.name), lookup(var.file)) {
        (Some(_), Some(_)) => Err(CredentialsError::BothSet {
            var: var.name,
            file_var: var.file,
        }),
        (None, None) => Err(CredentialsError::MissingVar { var: var.name }),
        (Some(value), None) => {
            let value = Zeroizing::new(
                value
                    .into_string()
                    .map_err(|_| CredentialsError::NotUnicode { var: var.name })?,
            );
            value
                .parse()
                .map_err(|e: ValueError| CredentialsError::InvalidVar {
                    var: var.name,
                    field: e.field(),
                    rule: e.rule(),
                })
        }
        (None, Some(path)) => read_file(var.file, Path::new(&path)),
    }
}

/// The value in the file at `path`, named by the variable `var`.
fn read_file<T: FromStr<Err = ValueError>>(
    var: &'static str,
    path: &Path,
) -> Result<T, CredentialsError> {
    let shown = || path.display().to_string();
    let unreadable = |e: std::io::Error| CredentialsError::UnreadableFile {
        var,
        path: shown(),
        reason: e.to_string(),
    };
    let too_large = || CredentialsError::FileTooLarge {
        var,
        path: shown(),
        max: MAX_SECRET_FILE_LEN,
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    // Refused unread when the file system knows the length; a pipe is bounded by the read.
    if file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() > MAX_SECRET_FILE_LEN as u64)
    {
        return Err(too_large());
    }
    // Room for one byte past the limit from the start, so that the buffer never grows and
    // leaves a copy of the secret behind.
    let mut bytes = Zeroizing::new(Vec::with_capacity(MAX_SECRET_FILE_LEN + 1));
    file.take(MAX_SECRET_FILE_LEN as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() > MAX_SECRET_FILE_LEN {
        return Err(too_large());
    }
    // One trailing newline, as `echo` or an editor leaves it, is not part of the value.
    let text = bytes
        .strip_suffix(b"\r\n")
        .or_else(|| bytes.strip_suffix(b"\n"))
        .unwrap_or(&bytes);
    let text = std::str::from_utf8(text)
        .map_err(|_| CredentialsError::FileNotUnicode { var, path: shown() })?;
    text.parse()
        .map_err(|e: ValueError| CredentialsError::InvalidFile {
            var,
            path: shown(),
            field: e.field(),
            rule: e.rule(),
        })
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("account_sid", &self.account_sid.as_str())
            .field("auth_token", &self.auth_token)
            .finish()
    }
}
