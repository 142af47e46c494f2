use std::fmt;

/// The kinds of grant an access token has, in the order the token lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum GrantKind {
    /// `voice`: the Voice SDKs.
    Voice,
    /// `video`: Twilio Video.
    Video,
    /// `chat`: Conversations.
    Chat,
    /// `data_sync`: Sync.
    Sync,
    /// `task_router`: TaskRouter.js v2.
    TaskRouter,
}

impl GrantKind {
    /// The grant's key in the token's `grants` object.
    pub const fn key(self) -> &'static str {
        match self {
            GrantKind::Voice => "voice",
            GrantKind::Video => "video",
            GrantKind::Chat => "chat",
            GrantKind::Sync => "data_sync",
            GrantKind::TaskRouter => "task_router",
        }
    }
}

impl fmt::Display for GrantKind {
    /// The grant as the policy names it: `voice`, `video`, `chat`, `sync`, `task_router`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            GrantKind::Sync => "sync",
            other => other.key(),
        })
    }
}
