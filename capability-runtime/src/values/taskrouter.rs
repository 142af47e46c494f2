use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::ValueError;

/// The URL of a custom TaskRouter policy: on the REST API or the event bridge.
///
/// It starts with `https://taskrouter.twilio.com/v1/` or `https://event-bridge.twilio.com/v1/`,
/// has no whitespace or control characters, and is at most 2 KiB long.
///
/// ```
/// use capability::TaskRouterUrl;
///
/// let url: TaskRouterUrl = "https://taskrouter.twilio.com/v1/Workspaces/WS0123456789abcdef0123456789abcdef/Tasks/**".parse()?;
/// assert!("https://example.com/v1/x".parse::<TaskRouterUrl>().is_err());
/// # Ok::<(), capability::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TaskRouterUrl(Cow<'static, str>);

impl TaskRouterUrl {
    /// The hosts a policy URL may name, with the API version.
    pub const PREFIXES: [&'static str; 2] = [
        "https://taskrouter.twilio.com/v1/",
        "https://event-bridge.twilio.com/v1/",
    ];
    /// The longest a policy URL may be, in bytes.
    pub const MAX_LEN: usize = 2048;

    /// The rule: one of [`Self::PREFIXES`], no whitespace or control characters, at most
    /// [`Self::MAX_LEN`] bytes.
    pub fn check(value: &str) -> Result<(), ValueError> {
        let bad = |c: char| c.is_whitespace() || c.is_control();
        let on_a_host = Self::PREFIXES.iter().any(|p| value.starts_with(p));
        if on_a_host && value.len() <= Self::MAX_LEN && !value.chars().any(bad) {
            Ok(())
        } else {
            Err(ValueError::TaskRouterUrl {
                value: value.to_owned(),
            })
        }
    }
}

super::text_value!(TaskRouterUrl);

/// The HTTP method of a TaskRouter policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
}

impl Method {
    /// The method as a token writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }

    /// The rule: `GET`, `POST` or `DELETE`, in capitals.
    pub fn check(value: &str) -> Result<(), ValueError> {
        value.parse::<Method>().map(drop)
    }
}

impl FromStr for Method {
    type Err = ValueError;
    fn from_str(value: &str) -> Result<Method, ValueError> {
        match value {
            "GET" => Ok(Method::Get),
            "POST" => Ok(Method::Post),
            "DELETE" => Ok(Method::Delete),
            _ => Err(ValueError::Method {
                value: value.to_owned(),
            }),
        }
    }
}

impl TryFrom<&str> for Method {
    type Error = ValueError;
    fn try_from(value: &str) -> Result<Method, ValueError> {
        value.parse()
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
