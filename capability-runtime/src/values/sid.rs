use std::borrow::Cow;

use crate::ValueError;

/// `true` when `value` is `prefix` followed by exactly 32 hexadecimal digits.
fn is_sid(value: &str, prefix: &str) -> bool {
    value.len() == prefix.len() + 32
        && value.starts_with(prefix)
        && value[prefix.len()..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// A Twilio account SID, the token's issuer: `AC` followed by 32 hexadecimal digits.
///
/// ```
/// use capability::AccountSid;
///
/// let sid: AccountSid = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".parse()?;
/// assert_eq!(sid.to_string(), "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
/// assert!("AC123".parse::<AccountSid>().is_err());
/// # Ok::<(), capability::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountSid(Cow<'static, str>);

impl AccountSid {
    /// The rule: `AC` followed by 32 hexadecimal digits.
    pub fn check(value: &str) -> Result<(), ValueError> {
        if is_sid(value, "AC") {
            Ok(())
        } else {
            Err(ValueError::AccountSid {
                value: value.to_owned(),
            })
        }
    }
}

super::text_value!(AccountSid);

/// A TwiML application SID, the target of outgoing calls: `AP` followed by 32 hexadecimal digits.
///
/// ```
/// use capability::AppSid;
///
/// let sid: AppSid = "AP89a0180a1a4ddf1da954efca349b7a20".parse()?;
/// assert_eq!(sid.as_ref(), "AP89a0180a1a4ddf1da954efca349b7a20");
/// assert!("myAppSid".parse::<AppSid>().is_err());
/// # Ok::<(), capability::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AppSid(Cow<'static, str>);

impl AppSid {
    /// The rule: `AP` followed by 32 hexadecimal digits.
    pub fn check(value: &str) -> Result<(), ValueError> {
        if is_sid(value, "AP") {
            Ok(())
        } else {
            Err(ValueError::AppSid {
                value: value.to_owned(),
            })
        }
    }
}

super::text_value!(AppSid);
