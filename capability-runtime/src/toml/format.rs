//! The formats a policy file can be in, as its `format` key names them.

use std::fmt;

/// The formats a policy file can be in, as its `format` key names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PolicyFormat {
    /// `format = "capability"`, or no `format`: a Twilio Client capability token.
    Capability,
    /// `format = "access-token"`: an Access Token.
    AccessToken,
    /// `format = "taskrouter"`: a TaskRouter capability token.
    TaskRouter,
}

impl PolicyFormat {
    /// The format named `name`, as a policy file writes it.
    pub fn from_name(name: &str) -> Option<PolicyFormat> {
        match name {
            "capability" => Some(PolicyFormat::Capability),
            "access-token" => Some(PolicyFormat::AccessToken),
            "taskrouter" => Some(PolicyFormat::TaskRouter),
            _ => None,
        }
    }

    /// Every format.
    pub(crate) const ALL: [PolicyFormat; 3] = [
        PolicyFormat::Capability,
        PolicyFormat::AccessToken,
        PolicyFormat::TaskRouter,
    ];

    /// The names, in the facade, of the format's marker type, its policy type and its key
    /// type: what code written for the format in another crate names.
    pub(crate) const fn type_names(self) -> [&'static str; 3] {
        match self {
            PolicyFormat::Capability => ["Capability", "CapabilityPolicy", "Credentials"],
            PolicyFormat::AccessToken => ["Access", "AccessPolicy", "ApiKey"],
            PolicyFormat::TaskRouter => ["TaskRouter", "TaskRouterPolicy", "Credentials"],
        }
    }

    /// The root keys of this format that no other has: the key of another format that turns
    /// up in a file is named as that format's.
    pub(crate) fn own_keys(self) -> &'static [&'static str] {
        match self {
            PolicyFormat::Capability => &["incoming", "outgoing", "event_stream"],
            PolicyFormat::AccessToken => &[
                "identity",
                "region",
                "voice",
                "video",
                "chat",
                "sync",
                "task_router",
            ],
            PolicyFormat::TaskRouter => &[
                "workspace_sid",
                "worker",
                "task_queue",
                "workspace",
                "policy",
            ],
        }
    }

    /// The type that loads this format alone.
    pub fn loader(self) -> &'static str {
        match self {
            PolicyFormat::Capability => "CapabilityTemplate",
            PolicyFormat::AccessToken => "AccessTemplate",
            PolicyFormat::TaskRouter => "TaskRouterTemplate",
        }
    }

    /// The format's name with its article, as `an access-token`.
    pub(crate) fn article(self) -> &'static str {
        match self {
            PolicyFormat::Capability => "a capability",
            PolicyFormat::AccessToken => "an access-token",
            PolicyFormat::TaskRouter => "a taskrouter",
        }
    }

    /// The name a policy file writes, as `access-token`.
    pub const fn name(self) -> &'static str {
        match self {
            PolicyFormat::Capability => "capability",
            PolicyFormat::AccessToken => "access-token",
            PolicyFormat::TaskRouter => "taskrouter",
        }
    }
}

impl fmt::Display for PolicyFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
