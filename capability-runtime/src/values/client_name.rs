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
        if !value.bytes().all(|b| NAME_BYTES[usize::from(b)]) {
            return Err(ValueError::ClientName {
                value: value.to_owned(),
            });
        }
        Ok(())
    }
}

/// The bytes a client name may hold, by value: one lookup per byte of a name checked as it
/// is minted.
const NAME_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    table
};

super::text_value!(ClientName);
