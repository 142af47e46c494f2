//! The errors of building a policy as a whole; a single value's are [`ValueError`](crate::ValueError)s.

use std::fmt;

use crate::{GrantKind, ParamScope, ValueError};

/// A clause of a policy that may appear at most once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Clause {
    /// `allow_client_outgoing` / `outgoing`.
    Outgoing,
    /// `allow_event_stream` / `event_stream`.
    EventStream,
    /// `ttl`.
    Ttl,
    /// `identity`, of an access token.
    Identity,
    /// `region`, of an access token.
    Region,
    /// `workspace`, of a TaskRouter token.
    Workspace,
    /// `allow` of one option, of a TaskRouter token.
    Allow,
}

impl fmt::Display for Clause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Clause::Outgoing => "outgoing",
            Clause::EventStream => "event_stream",
            Clause::Ttl => "ttl",
            Clause::Identity => "identity",
            Clause::Region => "region",
            Clause::Workspace => "workspace",
            Clause::Allow => "an allow option",
        })
    }
}

/// A policy as a whole broke a rule of spec section 2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// The policy grants nothing.
    #[error("policy grants nothing: give it at least one of incoming, outgoing or event_stream")]
    Empty,
    /// A clause that may appear once appears again.
    #[error("{clause} may appear only once in a policy")]
    DuplicateClause {
        /// The repeated clause.
        clause: Clause,
    },
    /// An incoming client name appears twice.
    #[error("incoming client name {name:?} is already granted; incoming names must be distinct")]
    DuplicateClientName {
        /// The repeated name.
        name: String,
    },
    /// A param or filter key is empty.
    #[error("{scope} key must not be empty")]
    EmptyKey {
        /// The list the key belongs to.
        scope: ParamScope,
    },
    /// A params or filters list is longer than [`MAX_PAIRS`](crate::rules::MAX_PAIRS).
    #[error("{scope}s: {count} given, at most {max} are allowed")]
    TooManyPairs {
        /// The list.
        scope: ParamScope,
        /// How many it holds.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// The policy's token would be longer than [`MAX_TOKEN_LEN`](crate::MAX_TOKEN_LEN), the
    /// most a verifier reads, whatever the expiry: params and filters are encoded twice, so
    /// values within their own limit can still add up to too much.
    #[error(
        "the policy's token would be up to {len} bytes long, over the {max} bytes a verifier reads; shorten its values"
    )]
    TokenTooLong {
        /// The longest the token could be.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A param or filter value breaks its rule (it is too long).
    #[error(transparent)]
    Value(#[from] ValueError),
    /// An access-token policy has no identity.
    #[error("an access token needs an identity")]
    MissingIdentity,
    /// An access-token policy grants nothing.
    #[error(
        "access token grants nothing: give it at least one of voice, video, chat, sync or task_router"
    )]
    NoGrants,
    /// A grant appears twice in an access-token policy.
    #[error("the {grant} grant may appear only once in a policy")]
    DuplicateGrant {
        /// The repeated grant.
        grant: GrantKind,
    },
    /// A field appears twice in one grant.
    #[error("`{field}` may appear only once in the {grant} grant")]
    DuplicateGrantField {
        /// The grant.
        grant: GrantKind,
        /// The repeated field.
        field: &'static str,
    },
    /// A grant lacks a field it needs: the chat and sync grants their service SID, the
    /// TaskRouter grant its workspace SID.
    #[error("the {grant} grant needs `{field}`")]
    MissingGrantField {
        /// The grant.
        grant: GrantKind,
        /// The field it needs.
        field: &'static str,
    },
    /// A voice grant that allows neither incoming calls, outgoing calls nor push notifications.
    #[error("the voice grant allows nothing: give it incoming, outgoing or a push credential")]
    VoiceAllowsNothing,
    /// With a voice grant, the identity must be a client name (Twilio Voice error 31105).
    #[error(
        "identity {identity:?} cannot be used with a voice grant: a voice identity may contain only letters, digits and underscores (Twilio error 31105)"
    )]
    VoiceIdentity {
        /// The identity.
        identity: String,
    },
    /// A TaskRouter policy has no workspace.
    #[error("a TaskRouter token needs its workspace")]
    MissingWorkspace,
    /// A TaskRouter policy names no channel: a worker, a task queue or the workspace.
    #[error(
        "a TaskRouter token needs exactly one channel: a worker, a task queue or the workspace; none is given"
    )]
    MissingChannel,
    /// A TaskRouter policy names more than one channel.
    #[error(
        "a TaskRouter token needs exactly one channel: a worker, a task queue or the workspace; {count} are given"
    )]
    SeveralChannels {
        /// How many are given.
        count: usize,
    },
    /// An allow option that exists only for a worker, on another channel.
    #[error("{allow} is only for a worker's token, not for {channel}")]
    WorkerOnly {
        /// The option.
        allow: crate::Allow,
        /// The channel the policy has, as `a task queue`.
        channel: &'static str,
    },
    /// An allow option given twice.
    #[error("{allow} is given twice")]
    DuplicateAllow {
        /// The option.
        allow: crate::Allow,
    },
    /// A custom policy equal to one already in the token's list.
    #[error("the custom policy {method} {url} is already in the token's list of policies")]
    DuplicatePolicy {
        /// Its method.
        method: crate::Method,
        /// Its URL.
        url: String,
    },
    /// A param or filter key appears twice in its list.
    #[error("{scope} key {key:?} appears twice; keys must be unique within their scope")]
    DuplicateKey {
        /// The list the key belongs to.
        scope: ParamScope,
        /// The repeated key.
        key: String,
    },
}
