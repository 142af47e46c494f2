use std::fmt;
use std::str::FromStr;

use zeroize::Zeroize;

use crate::ValueError;

/// A secret HMAC key: a redacted `Debug`, no `Display`, no `PartialEq`, and zeroized on drop.
macro_rules! secret_type {
    ($(#[$doc:meta])* $ty:ident, $empty:ident) => {
        $(#[$doc])*
        pub struct $ty(String);

        impl $ty {
            /// The rule: not empty. The key is any UTF-8 text.
            pub fn check(value: &str) -> Result<(), ValueError> {
                if value.is_empty() {
                    Err(ValueError::$empty)
                } else {
                    Ok(())
                }
            }

            /// The secret itself. Everything that reads it is easy to find by this name.
            pub fn expose_secret(&self) -> &str {
                &self.0
            }
        }

        impl Clone for $ty {
            fn clone(&self) -> Self {
                $ty(self.0.clone())
            }
        }

        impl Drop for $ty {
            fn drop(&mut self) {
                self.0.zeroize();
            }
        }

        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($ty), "(<redacted>)"))
            }
        }

        impl FromStr for $ty {
            type Err = ValueError;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Self::check(value)?;
                Ok($ty(value.to_owned()))
            }
        }

        impl TryFrom<&str> for $ty {
            type Error = ValueError;
            fn try_from(value: &str) -> Result<Self, Self::Error> {
                value.parse()
            }
        }

        impl TryFrom<String> for $ty {
            type Error = ValueError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::check(&value)?;
                Ok($ty(value))
            }
        }

        impl AsRef<str> for $ty {
            /// The secret, as `expose_secret` gives it.
            fn as_ref(&self) -> &str {
                self.expose_secret()
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                Self::try_from(text).map_err(serde::de::Error::custom)
            }
        }
    };
}

secret_type!(
    /// The account's auth token: the HMAC key that signs capability and TaskRouter tokens. A
    /// secret.
    ///
    /// - `Debug` prints `AuthToken(<redacted>)`; there is no `Display` and no `PartialEq`.
    /// - The bytes are overwritten with zeros when the value is dropped.
    /// - No error message of this crate contains it.
    ///
    /// Twilio's are 32 hexadecimal digits, but the key is any non-empty UTF-8 text.
    ///
    /// ```
    /// use capability::AuthToken;
    ///
    /// let token: AuthToken = "0123456789abcdef0123456789abcdef".parse()?;
    /// assert_eq!(format!("{token:?}"), "AuthToken(<redacted>)");
    /// assert!("".parse::<AuthToken>().is_err());
    /// # Ok::<(), capability::ValueError>(())
    /// ```
    AuthToken,
    EmptyAuthToken
);

secret_type!(
    /// An API key's secret: the HMAC key that signs access tokens. A secret, handled as the
    /// [`AuthToken`] is.
    ///
    /// ```
    /// use capability::ApiSecret;
    ///
    /// let secret: ApiSecret = "goldenvectorsecret0123456789abcd".parse()?;
    /// assert_eq!(format!("{secret:?}"), "ApiSecret(<redacted>)");
    /// assert!("".parse::<ApiSecret>().is_err());
    /// # Ok::<(), capability::ValueError>(())
    /// ```
    ApiSecret,
    EmptyApiSecret
);
