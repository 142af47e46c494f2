//! A TaskRouter policy's tables and fields, said once (`taskrouter-token.md` 1.2 to 2).

use crate::schema::{
    Across, DefaultValue, Field, Table, ValueKind, format_field, table_field, ttl,
};
use crate::{Allow, ChannelKind, ParamScope, PolicyFormat, SidKind};

/// The root of a TaskRouter policy file.
pub const ROOT: Table = Table::root(
    "A TaskRouter capability token, for TaskRouter.js v1, signed with the auth token: the token of a worker, a task queue or the workspace (taskrouter-token.md).",
    &[
        format_field(
            PolicyFormat::TaskRouter,
            "The policy's format: \"taskrouter\" for a TaskRouter capability token.",
        ),
        Field {
            key: "workspace_sid",
            keyword: Some("workspace"),
            claim: Some("workspace_sid"),
            kind: ValueKind::Sid(SidKind::Workspace),
            input: true,
            required: true,
            default: None,
            doc: "The workspace SID: \"WS\" followed by 32 hexadecimal digits (taskrouter-token.md 2).",
        },
        ttl(
            "The token's lifetime: a whole number of seconds from 1 to 86400; 3600 when absent (taskrouter-token.md 1.2).",
        ),
        table_field("worker", &WORKER),
        table_field("task_queue", &TASK_QUEUE),
        table_field("workspace", &WORKSPACE),
        Field {
            key: "policy",
            keyword: Some("policy"),
            claim: Some("policies"),
            kind: ValueKind::Tables(&POLICY),
            input: false,
            required: false,
            default: None,
            doc: POLICY.doc,
        },
    ],
    &[Across::OneOf(&["worker", "task_queue", "workspace"])],
    &[
        "the literal text of a policy leaves its token within 8192 bytes (MAX_TOKEN_LEN)",
        "a custom TaskRouter policy URL is at most 2048 bytes long, in UTF-8",
        "a custom TaskRouter policy differs from every policy the token has before it",
    ],
);

/// A channel's fields: its SID, if it has one, then the allow options of spec 1.5, in order.
const fn channel_fields<const N: usize>(sid: Option<Field>, kind: ChannelKind) -> [Field; N] {
    let first = match sid {
        Some(_) => 1,
        None => 0,
    };
    let placeholder = option(Allow::UpdateSelf, kind);
    let mut out = [placeholder; N];
    if let Some(sid) = sid {
        out[0] = sid;
    }
    let mut i = 0;
    while i < Allow::ALL.len() {
        out[first + i] = option(Allow::ALL[i], kind);
        i += 1;
    }
    out
}

/// An allow option of a channel.
const fn option(allow: Allow, channel: ChannelKind) -> Field {
    Field {
        key: allow.name(),
        keyword: Some(allow.name()),
        claim: Some("policies"),
        kind: ValueKind::Allow(allow, channel),
        input: false,
        required: false,
        default: Some(DefaultValue::Bool(false)),
        doc: match allow {
            Allow::UpdateSelf => {
                "Allow POST on the resource, to update itself: a boolean, false when absent (taskrouter-token.md 1.5)."
            }
            Allow::DeleteSelf => {
                "Allow DELETE on the resource, to delete itself: a boolean, false when absent (taskrouter-token.md 1.5)."
            }
            Allow::FetchSubresources => {
                "Allow GET on the resource's sub-resources: a boolean, false when absent (taskrouter-token.md 1.5)."
            }
            Allow::DeleteSubresources => {
                "Allow DELETE on the resource's sub-resources: a boolean, false when absent (taskrouter-token.md 1.5)."
            }
            Allow::UpdateSubresources => {
                "Allow POST on the resource's sub-resources: a boolean, false when absent (taskrouter-token.md 1.5)."
            }
            Allow::ActivityUpdates => {
                "Allow the worker to post its activity (ActivitySid required): a boolean, false when absent; for a worker only (taskrouter-token.md 1.5)."
            }
            Allow::ReservationUpdates => {
                "Allow the worker to update its tasks and reservations: a boolean, false when absent; for a worker only (taskrouter-token.md 1.5)."
            }
        },
    }
}

/// The SID of a worker or a task queue channel.
const fn channel_sid(kind: SidKind, claim: &'static str, doc: &'static str) -> Field {
    Field {
        key: "sid",
        keyword: None,
        claim: Some(claim),
        kind: ValueKind::Sid(kind),
        input: true,
        required: true,
        default: None,
        doc,
    }
}

const WORKER_FIELDS: [Field; 1 + Allow::ALL.len()] = channel_fields(
    Some(channel_sid(
        SidKind::Worker,
        "worker_sid",
        "The worker SID: \"WK\" followed by 32 hexadecimal digits (taskrouter-token.md 2).",
    )),
    ChannelKind::Worker,
);
const TASK_QUEUE_FIELDS: [Field; 1 + Allow::ALL.len()] = channel_fields(
    Some(channel_sid(
        SidKind::TaskQueue,
        "taskqueue_sid",
        "The task queue SID: \"WQ\" followed by 32 hexadecimal digits (taskrouter-token.md 2).",
    )),
    ChannelKind::TaskQueue,
);
const WORKSPACE_FIELDS: [Field; Allow::ALL.len()] = channel_fields(None, ChannelKind::Workspace);

/// `[worker]`.
pub const WORKER: Table = Table {
    header: "[worker]",
    keyword: Some("worker"),
    claim: Some("channel"),
    doc: "A worker's token, with the options it allows (taskrouter-token.md 1.5).",
    fields: &WORKER_FIELDS,
    across: &[],
    loader_only: &[],
};

/// `[task_queue]`.
pub const TASK_QUEUE: Table = Table {
    header: "[task_queue]",
    keyword: Some("task_queue"),
    claim: Some("channel"),
    doc: "A task queue's token, with the options it allows; the worker's options are refused (taskrouter-token.md 1.5).",
    fields: &TASK_QUEUE_FIELDS,
    across: &[],
    loader_only: &[],
};

/// `[workspace]`.
pub const WORKSPACE: Table = Table {
    header: "[workspace]",
    keyword: Some("workspace_channel"),
    claim: Some("channel"),
    doc: "The workspace's own token, with the options it allows; the worker's options are refused (taskrouter-token.md 1.5).",
    fields: &WORKSPACE_FIELDS,
    across: &[],
    loader_only: &[],
};

/// One `[[policy]]`: a custom policy.
pub const POLICY: Table = Table {
    header: "[[policy]]",
    keyword: Some("policy"),
    claim: Some("policies"),
    doc: "Custom policies, after the ones the channel grants, in the order written (taskrouter-token.md 1.5).",
    fields: &[
        Field {
            key: "url",
            keyword: None,
            claim: Some("policies.url"),
            kind: ValueKind::Url,
            input: true,
            required: true,
            default: None,
            doc: "The policy's URL: it starts with https://taskrouter.twilio.com/v1/ or https://event-bridge.twilio.com/v1/, has no whitespace or control characters, and is at most 2048 bytes (taskrouter-token.md 2).",
        },
        Field {
            key: "method",
            keyword: None,
            claim: Some("policies.method"),
            kind: ValueKind::Method,
            input: false,
            required: true,
            default: None,
            doc: "The policy's HTTP method: GET, POST or DELETE (taskrouter-token.md 1.3).",
        },
        Field {
            key: "allow",
            keyword: Some("deny"),
            claim: Some("policies.allow"),
            kind: ValueKind::Bool,
            input: false,
            required: false,
            default: Some(DefaultValue::Bool(true)),
            doc: "Whether the policy allows the request: a boolean, true when absent (taskrouter-token.md 1.5).",
        },
        filter(
            "query_filter",
            "policies.query_filter",
            ParamScope::QueryFilter,
        ),
        filter(
            "post_filter",
            "policies.post_filter",
            ParamScope::PostFilter,
        ),
    ],
    across: &[],
    loader_only: &[],
};

const fn filter(key: &'static str, claim: &'static str, scope: ParamScope) -> Field {
    Field {
        key,
        keyword: Some(key),
        claim: Some(claim),
        kind: ValueKind::Filters(scope),
        input: false,
        required: false,
        default: None,
        doc: "The parameters the request may or must carry: at most 64, names not empty, each { required = true } or { required = false } (taskrouter-token.md 1.3).",
    }
}
