use std::borrow::Cow;

use crate::ValueError;

/// A Twilio Client identity: one or more of `A-Z a-z 0-9 _`, nothing else.
///
/// Twilio documents this rule but its helper libraries do not enforce it: they accept
/// `bob smith` and mint a token that Twilio rejects.
///
/// ```
/// use capability::ClientName;
///
/// let name: ClientName = "agent_42".parse()?;
/// assert_eq!(name.as_str(), "agent_42");
/// assert!("bob smith".parse::<ClientName>().is_err());
/// # Ok::<(), capability::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClientName(Cow<'static, str>);

impl ClientName {
    /// The rule: not empty, and only ASCII letters, digits and underscores.
    pub fn check(value: &str) -> Result<(), ValueError> {
        if value.is_empty() {
            return Err(ValueError::EmptyClientName);
        }
        if !value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return Err(ValueError::ClientName {
                value: value.to_owned(),
            });
        }
        Ok(())
    }
}

super::text_value!(ClientName);
