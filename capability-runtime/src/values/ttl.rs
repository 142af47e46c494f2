use std::fmt;
use std::str::FromStr;

use crate::ValueError;

/// How long a token lives, in whole seconds: 1 to 86400 (Twilio refuses more than 24 hours).
///
/// The default is 3600 seconds, as in every official helper library.
///
/// ```
/// use capability::Ttl;
///
/// assert_eq!(Ttl::default().as_secs(), 3600);
/// assert_eq!(Ttl::try_from(300u64)?.as_secs(), 300);
/// assert_eq!("600".parse::<Ttl>()?.as_secs(), 600);
/// assert!(Ttl::try_from(0u64).is_err());
/// assert!(Ttl::try_from(86_401u64).is_err());
/// # Ok::<(), capability::ValueError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ttl(u32);

impl Ttl {
    /// The longest lifetime Twilio accepts: 24 hours.
    pub const MAX_SECS: u32 = 86_400;
    /// The lifetime of a token whose policy names none.
    pub const DEFAULT: Ttl = Ttl(3600);

    /// The rule: 1 to 86400 seconds.
    pub fn check(secs: i128) -> Result<(), ValueError> {
        if (1..=i128::from(Self::MAX_SECS)).contains(&secs) {
            Ok(())
        } else {
            Err(ValueError::Ttl { value: secs })
        }
    }

    /// Wraps a number of seconds that has already passed [`Self::check`], for the macros.
    pub(crate) const fn checked(secs: u32) -> Self {
        Ttl(secs)
    }

    /// A lifetime of `secs` seconds.
    ///
    /// ```
    /// use capability::Ttl;
    ///
    /// assert_eq!(Ttl::from_secs(600)?.as_secs(), 600);
    /// assert!(Ttl::from_secs(0).is_err());
    /// # Ok::<(), capability::ValueError>(())
    /// ```
    ///
    /// # Errors
    /// [`ValueError::Ttl`] when `secs` is not from 1 to 86400.
    pub fn from_secs(secs: u64) -> Result<Ttl, ValueError> {
        Ttl::try_from(secs)
    }

    /// The lifetime in seconds.
    pub const fn as_secs(self) -> u32 {
        self.0
    }
}

impl Default for Ttl {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<i128> for Ttl {
    type Error = ValueError;
    fn try_from(secs: i128) -> Result<Self, Self::Error> {
        Self::check(secs)?;
        // The check bounds `secs` to 1..=86400, which fits a u32.
        Ok(Ttl(secs as u32))
    }
}

impl TryFrom<u64> for Ttl {
    type Error = ValueError;
    fn try_from(secs: u64) -> Result<Self, Self::Error> {
        Self::try_from(i128::from(secs))
    }
}

impl TryFrom<i64> for Ttl {
    type Error = ValueError;
    fn try_from(secs: i64) -> Result<Self, Self::Error> {
        Self::try_from(i128::from(secs))
    }
}

impl FromStr for Ttl {
    type Err = ValueError;
    /// Parses a decimal number of seconds, such as `"300"`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        // Only plain decimal digits: no sign, no spaces, no `_`.
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ValueError::TtlText {
                value: text.to_owned(),
            });
        }
        match text.parse::<i128>() {
            Ok(secs) => Self::try_from(secs),
            Err(_) => Err(ValueError::TtlText {
                value: text.to_owned(),
            }),
        }
    }
}

impl TryFrom<&str> for Ttl {
    type Error = ValueError;
    fn try_from(text: &str) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl fmt::Display for Ttl {
    /// Writes the number of seconds, as `300`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl<'de> serde::Deserialize<'de> for Ttl {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let secs = i128::deserialize(d)?;
        Self::try_from(secs).map_err(serde::de::Error::custom)
    }
}
