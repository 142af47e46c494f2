use std::fmt;
use std::str::FromStr;

use zeroize::Zeroize;

use crate::ValueError;

/// The account's auth token: the HMAC key that signs capability tokens. A secret.
///
/// - `Debug` prints `AuthToken(<redacted>)`; there is no `Display` and no `PartialEq`.
/// - The bytes are overwritten with zeros when the value is dropped.
/// - No error message of this crate contains it.
///
/// ```
/// use capability::AuthToken;
///
/// let token: AuthToken = "0123456789abcdef0123456789abcdef".parse()?;
/// assert_eq!(format!("{token:?}"), "AuthToken(<redacted>)");
/// assert!("".parse::<AuthToken>().is_err());
/// # Ok::<(), capability::ValueError>(())
/// ```
pub struct AuthToken(String);

impl AuthToken {
    /// The rule: not empty. Twilio's are 32 hexadecimal digits, but the key is any UTF-8 text.
    pub fn check(value: &str) -> Result<(), ValueError> {
        if value.is_empty() {
            Err(ValueError::EmptyAuthToken)
        } else {
            Ok(())
        }
    }

    /// The secret itself. Everything that reads it is easy to find by this name.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl Clone for AuthToken {
    fn clone(&self) -> Self {
        AuthToken(self.0.clone())
    }
}

impl Drop for AuthToken {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for AuthToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuthToken(<redacted>)")
    }
}

impl FromStr for AuthToken {
    type Err = ValueError;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Self::check(value)?;
        Ok(AuthToken(value.to_owned()))
    }
}

impl TryFrom<&str> for AuthToken {
    type Error = ValueError;
    fn try_from(value: &str) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl TryFrom<String> for AuthToken {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::check(&value)?;
        Ok(AuthToken(value))
    }
}

impl AsRef<str> for AuthToken {
    /// The secret, as [`AuthToken::expose_secret`] gives it.
    fn as_ref(&self) -> &str {
        self.expose_secret()
    }
}

impl<'de> serde::Deserialize<'de> for AuthToken {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::try_from(text).map_err(serde::de::Error::custom)
    }
}
