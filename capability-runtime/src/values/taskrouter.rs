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

/// The kinds of [`Channel`](crate::Channel).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChannelKind {
    /// A worker.
    Worker,
    /// A task queue.
    TaskQueue,
    /// The workspace.
    Workspace,
}

impl ChannelKind {
    /// The kind in words, with an article, as `a task queue`.
    pub const fn describe(self) -> &'static str {
        match self {
            ChannelKind::Worker => "a worker",
            ChannelKind::TaskQueue => "a task queue",
            ChannelKind::Workspace => "the workspace",
        }
    }
}

/// The optional policies of spec 1.5, in the order the token lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Allow {
    /// `POST` on the resource: update itself.
    UpdateSelf,
    /// `DELETE` on the resource: delete itself.
    DeleteSelf,
    /// `GET` on the resource's sub-resources.
    FetchSubresources,
    /// `DELETE` on the resource's sub-resources.
    DeleteSubresources,
    /// `POST` on the resource's sub-resources.
    UpdateSubresources,
    /// A worker posts its activity (`ActivitySid` required). Worker tokens only.
    ActivityUpdates,
    /// A worker updates its tasks and reservations. Worker tokens only.
    ReservationUpdates,
}

impl Allow {
    /// Every option, in the order the token lists their policies.
    pub const ALL: [Allow; 7] = [
        Allow::UpdateSelf,
        Allow::DeleteSelf,
        Allow::FetchSubresources,
        Allow::DeleteSubresources,
        Allow::UpdateSubresources,
        Allow::ActivityUpdates,
        Allow::ReservationUpdates,
    ];

    /// The option's name in a policy file, as `activity_updates`.
    pub const fn name(self) -> &'static str {
        match self {
            Allow::UpdateSelf => "update_self",
            Allow::DeleteSelf => "delete_self",
            Allow::FetchSubresources => "fetch_subresources",
            Allow::DeleteSubresources => "delete_subresources",
            Allow::UpdateSubresources => "update_subresources",
            Allow::ActivityUpdates => "activity_updates",
            Allow::ReservationUpdates => "reservation_updates",
        }
    }

    /// The option named `name`.
    pub fn from_name(name: &str) -> Option<Allow> {
        Allow::ALL.into_iter().find(|a| a.name() == name)
    }

    /// Whether only a worker's token may have it.
    pub const fn worker_only(self) -> bool {
        matches!(self, Allow::ActivityUpdates | Allow::ReservationUpdates)
    }
}

impl fmt::Display for Allow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
