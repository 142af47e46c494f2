use std::borrow::Cow;

use crate::ValueError;

/// The Twilio region an access token is for (its `twr` header): two lower-case letters and a
/// digit, such as `us1`, `ie1` or `au1`. API keys are regional, so a token signed with a key
/// made outside `us1` needs its region.
///
/// ```
/// use capability::Region;
///
/// let region: Region = "ie1".parse()?;
/// assert_eq!(region.as_str(), "ie1");
/// assert!("IE1".parse::<Region>().is_err());
/// assert!("".parse::<Region>().is_err());
/// # Ok::<(), capability::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Region(Cow<'static, str>);

impl Region {
    /// The rule: two lower-case ASCII letters and one digit. An empty region is an error, not
    /// "no region".
    pub fn check(value: &str) -> Result<(), ValueError> {
        match value.as_bytes() {
            [a, b, d] if a.is_ascii_lowercase() && b.is_ascii_lowercase() && d.is_ascii_digit() => {
                Ok(())
            }
            _ => Err(ValueError::Region {
                value: value.to_owned(),
            }),
        }
    }
}

super::text_value!(Region);
