//! An access-token policy's tables and fields, said once (`access-token.md` 1.4 and 2).

use crate::schema::{
    Across, DefaultValue, Field, Table, ValueKind, format_field, table_field, ttl,
};
use crate::{ParamScope, PolicyFormat, SidKind, TextKind};

/// A field that takes one value, with an input allowed, as most grant fields do.
const fn value(
    key: &'static str,
    keyword: &'static str,
    claim: &'static str,
    kind: ValueKind,
    doc: &'static str,
) -> Field {
    Field {
        key,
        keyword: Some(keyword),
        claim: Some(claim),
        kind,
        input: true,
        required: false,
        default: None,
        doc,
    }
}

/// The endpoint id of a grant, placed at `claim`.
const fn endpoint(claim: &'static str) -> Field {
    value(
        "endpoint_id",
        "endpoint",
        claim,
        ValueKind::Text(TextKind::EndpointId),
        "The endpoint id, which of the identity's devices the grant is for: 1 to 256 characters, none of them a control character (access-token.md 2).",
    )
}

/// A field the grant needs.
const fn needed(field: Field) -> Field {
    Field {
        required: true,
        ..field
    }
}

/// The root of an access-token policy file.
pub const ROOT: Table = Table::root(
    "An Access Token, for Twilio's current SDKs (Voice JavaScript 2.x, iOS and Android Voice, Video, Conversations, Sync, TaskRouter.js v2), signed with an API key (access-token.md).",
    &[
        format_field(
            PolicyFormat::AccessToken,
            "The policy's format: \"access-token\" for an Access Token.",
        ),
        needed(value(
            "identity",
            "identity",
            "grants.identity",
            ValueKind::Identity,
            "The identity: 1 to 121 characters, none of them whitespace or a control character; with a voice grant, a client name of only letters, digits and underscores (Twilio error 31105) (access-token.md 2).",
        )),
        ttl(
            "The token's lifetime: a whole number of seconds from 1 to 86400; 3600 when absent (access-token.md 1.3).",
        ),
        value(
            "region",
            "region",
            "header.twr",
            ValueKind::Region,
            "The region: two lower-case letters and a digit, such as \"us1\" or \"ie1\" (access-token.md 2).",
        ),
        table_field("voice", &VOICE),
        table_field("video", &VIDEO),
        table_field("chat", &CHAT),
        table_field("sync", &SYNC),
        table_field("task_router", &TASK_ROUTER),
    ],
    &[
        Across::AnyOf(&["voice", "video", "chat", "sync", "task_router"]),
        Across::ClientNameWith {
            when: "voice",
            field: "identity",
        },
    ],
    &[
        "the literal text of a policy leaves its token within 8192 bytes (MAX_TOKEN_LEN)",
        "a param or filter value is at most 4096 bytes long, in UTF-8",
    ],
);

/// `[voice]`.
pub const VOICE: Table = Table {
    header: "[voice]",
    keyword: Some("voice"),
    claim: Some("grants.voice"),
    doc: "The voice grant: incoming calls, outgoing calls through a TwiML application, push notifications; it must allow something (access-token.md 1.4).",
    fields: &[
        Field {
            key: "incoming",
            keyword: Some("incoming"),
            claim: Some("grants.voice.incoming.allow"),
            kind: ValueKind::Bool,
            input: false,
            required: false,
            default: Some(DefaultValue::Bool(false)),
            doc: "Whether the identity may receive calls: a boolean, false when absent (access-token.md 1.4).",
        },
        table_field("outgoing", &OUTGOING),
        value(
            "push_credential_sid",
            "push_credential",
            "grants.voice.push_credential_sid",
            ValueKind::Sid(SidKind::PushCredential),
            "The push credential SID for incoming-call notifications: \"CR\" followed by 32 hexadecimal digits (access-token.md 2).",
        ),
        endpoint("grants.voice.endpoint_id"),
    ],
    across: &[Across::AnyOf(&[
        "incoming",
        "outgoing",
        "push_credential_sid",
    ])],
    loader_only: &[],
};

/// `[voice.outgoing]`.
pub const OUTGOING: Table = Table {
    header: "[voice.outgoing]",
    keyword: Some("outgoing"),
    claim: Some("grants.voice.outgoing"),
    doc: "Outgoing calls through a TwiML application, with the params it is given (access-token.md 1.4).",
    fields: &[
        Field {
            key: "application_sid",
            keyword: None,
            claim: Some("grants.voice.outgoing.application_sid"),
            kind: ValueKind::AppSid,
            input: true,
            required: true,
            default: None,
            doc: "The TwiML application SID of outgoing calls: \"AP\" followed by 32 hexadecimal digits (access-token.md 2).",
        },
        Field {
            key: "params",
            keyword: None,
            claim: Some("grants.voice.outgoing.params"),
            kind: ValueKind::Pairs(ParamScope::OutgoingParams),
            input: false,
            required: false,
            default: None,
            doc: "The params the application is given: at most 64, keys not empty, each value a string of at most 4096 bytes, an integer, a boolean or an input (access-token.md 2).",
        },
    ],
    across: &[],
    loader_only: &[],
};

/// `[video]`.
pub const VIDEO: Table = Table {
    header: "[video]",
    keyword: Some("video"),
    claim: Some("grants.video"),
    doc: "The video grant: one room, or any room (access-token.md 1.4).",
    fields: &[value(
        "room",
        "room",
        "grants.video.room",
        ValueKind::Text(TextKind::Room),
        "The video room the token may join, any room when absent: 1 to 128 characters, none of them a control character (access-token.md 2).",
    )],
    across: &[],
    loader_only: &[],
};

/// `[chat]`.
pub const CHAT: Table = Table {
    header: "[chat]",
    keyword: Some("chat"),
    claim: Some("grants.chat"),
    doc: "The chat (Conversations) grant; it needs its service SID (access-token.md 1.4).",
    fields: &[
        needed(value(
            "service_sid",
            "service",
            "grants.chat.service_sid",
            ValueKind::Sid(SidKind::ChatService),
            "The chat service SID: \"IS\" followed by 32 hexadecimal digits (access-token.md 2).",
        )),
        endpoint("grants.chat.endpoint_id"),
        value(
            "deployment_role_sid",
            "deployment_role",
            "grants.chat.deployment_role_sid",
            ValueKind::Sid(SidKind::DeploymentRole),
            "The deployment role SID: \"RL\" followed by 32 hexadecimal digits (access-token.md 2).",
        ),
        value(
            "push_credential_sid",
            "push_credential",
            "grants.chat.push_credential_sid",
            ValueKind::Sid(SidKind::PushCredential),
            "The push credential SID for chat notifications: \"CR\" followed by 32 hexadecimal digits (access-token.md 2).",
        ),
    ],
    across: &[],
    loader_only: &[],
};

/// `[sync]`.
pub const SYNC: Table = Table {
    header: "[sync]",
    keyword: Some("sync"),
    claim: Some("grants.data_sync"),
    doc: "The sync grant; it needs its service SID (access-token.md 1.4).",
    fields: &[
        needed(value(
            "service_sid",
            "service",
            "grants.data_sync.service_sid",
            ValueKind::Sid(SidKind::SyncService),
            "The sync service SID: \"IS\" followed by 32 hexadecimal digits, or \"default\" (access-token.md 2).",
        )),
        endpoint("grants.data_sync.endpoint_id"),
    ],
    across: &[],
    loader_only: &[],
};

/// `[task_router]`.
pub const TASK_ROUTER: Table = Table {
    header: "[task_router]",
    keyword: Some("task_router"),
    claim: Some("grants.task_router"),
    doc: "The TaskRouter grant, for TaskRouter.js v2; it needs its workspace SID (access-token.md 1.4).",
    fields: &[
        needed(value(
            "workspace_sid",
            "workspace",
            "grants.task_router.workspace_sid",
            ValueKind::Sid(SidKind::Workspace),
            "The workspace SID: \"WS\" followed by 32 hexadecimal digits (access-token.md 2).",
        )),
        value(
            "worker_sid",
            "worker",
            "grants.task_router.worker_sid",
            ValueKind::Sid(SidKind::Worker),
            "The worker SID: \"WK\" followed by 32 hexadecimal digits (access-token.md 2).",
        ),
        value(
            "role",
            "role",
            "grants.task_router.role",
            ValueKind::Text(TextKind::Role),
            "The TaskRouter role, such as \"worker\" or \"supervisor\": 1 to 256 characters, none of them a control character (access-token.md 2).",
        ),
    ],
    across: &[],
    loader_only: &[],
};
