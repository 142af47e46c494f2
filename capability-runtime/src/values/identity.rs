use std::borrow::Cow;

use crate::{ClientName, ValueError};

/// The identity of an access token: who the device is, to every Twilio service it uses.
///
/// 1 to 121 characters, none of them whitespace or a control character. With a voice grant it
/// must also be a [`ClientName`] (only `A-Z a-z 0-9 _`, Twilio Voice error 31105): the access
/// policy checks that, since only it knows the grants.
///
/// ```
/// use capability::{ClientName, Identity};
///
/// let identity: Identity = "frank@example.com".parse()?;
/// assert_eq!(identity.as_str(), "frank@example.com");
/// assert!("bob smith".parse::<Identity>().is_err());
/// let name: ClientName = "alice".parse()?;
/// assert_eq!(Identity::try_from(name)?.as_str(), "alice");
/// # Ok::<(), capability::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Identity(Cow<'static, str>);

impl Identity {
    /// The most characters an identity may have (Twilio Voice error 31105).
    pub const MAX_CHARS: usize = 121;

    /// The rule: 1 to 121 characters, none of them whitespace or a control character.
    pub fn check(value: &str) -> Result<(), ValueError> {
        let count = value.chars().count();
        let admitted = |c: char| !c.is_whitespace() && !c.is_control();
        if (1..=Self::MAX_CHARS).contains(&count) && value.chars().all(admitted) {
            Ok(())
        } else {
            Err(ValueError::Identity {
                value: value.to_owned(),
            })
        }
    }

    /// Text that broke the rule, kept only by a policy that cannot be signed.
    pub(crate) fn unchecked(text: String) -> Identity {
        Identity(Cow::Owned(text))
    }

    /// This identity as a client name, when it is one.
    pub fn client_name(&self) -> Option<ClientName> {
        self.as_str().parse().ok()
    }
}

super::text_value!(Identity);

impl TryFrom<&ClientName> for Identity {
    type Error = ValueError;
    /// A client name is an identity when it is at most 121 characters long: its characters
    /// are all admitted, but a client name has no length limit of its own.
    fn try_from(name: &ClientName) -> Result<Identity, ValueError> {
        name.as_str().parse()
    }
}

impl TryFrom<ClientName> for Identity {
    type Error = ValueError;
    /// As for `&ClientName`.
    fn try_from(name: ClientName) -> Result<Identity, ValueError> {
        Identity::try_from(&name)
    }
}
