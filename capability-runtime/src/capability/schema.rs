//! A capability policy's tables and fields, said once (`capability-token.md` 1.4 and 2).

use crate::schema::{Across, Field, Table, ValueKind, format_field, table_field, ttl};
use crate::{ParamScope, PolicyFormat};

/// The root of a capability policy file.
pub const ROOT: Table = Table::root(
    "A Twilio Client 1.x capability token, signed with the auth token; a file without `format` is one (capability-token.md).",
    &[
        ttl(
            "The token's lifetime: a whole number of seconds from 1 to 86400; 3600 when absent (capability-token.md 1.3).",
        ),
        table_field("incoming", &INCOMING),
        table_field("outgoing", &OUTGOING),
        table_field("event_stream", &EVENT_STREAM),
        format_field(
            PolicyFormat::Capability,
            "The policy's format: \"capability\", or absent, for a capability token.",
        ),
    ],
    &[Across::AnyOf(&["incoming", "outgoing", "event_stream"])],
    &[
        "the literal text of a policy leaves its token within 8192 bytes (MAX_TOKEN_LEN)",
        "a param or filter value is at most 4096 bytes long, in UTF-8",
        "the incoming client names are distinct",
    ],
);

/// `[incoming]`.
pub const INCOMING: Table = Table {
    header: "[incoming]",
    keyword: Some("incoming"),
    claim: Some("scope client:incoming"),
    doc: "Incoming calls to one or more client names (capability-token.md 1.4).",
    fields: &[Field {
        key: "client_name",
        keyword: None,
        claim: Some("scope client:incoming clientName"),
        kind: ValueKind::ClientNames,
        input: true,
        required: true,
        default: None,
        doc: "The client name, or a non-empty array of distinct ones, that may receive calls: 1 or more letters, digits and underscores (capability-token.md 2).",
    }],
    across: &[],
    loader_only: &[],
};

/// `[outgoing]`.
pub const OUTGOING: Table = Table {
    header: "[outgoing]",
    keyword: Some("outgoing"),
    claim: Some("scope client:outgoing"),
    doc: "Outgoing calls through a TwiML application, with the params it is given (capability-token.md 1.4).",
    fields: &[
        Field {
            key: "application_sid",
            keyword: None,
            claim: Some("scope client:outgoing appSid"),
            kind: ValueKind::AppSid,
            input: true,
            required: true,
            default: None,
            doc: "The TwiML application SID of outgoing calls: \"AP\" followed by 32 hexadecimal digits (capability-token.md 2).",
        },
        Field {
            key: "params",
            keyword: None,
            claim: Some("scope client:outgoing appParams"),
            kind: ValueKind::Pairs(ParamScope::OutgoingParams),
            input: false,
            required: false,
            default: None,
            doc: "The params the application is given: at most 64, keys not empty, each value a string of at most 4096 bytes, an integer, a boolean or an input (capability-token.md 2).",
        },
    ],
    across: &[],
    loader_only: &[],
};

/// `[event_stream]`.
pub const EVENT_STREAM: Table = Table {
    header: "[event_stream]",
    keyword: Some("event_stream"),
    claim: Some("scope stream:subscribe"),
    doc: "A subscription to the event stream, with its filters (capability-token.md 1.4).",
    fields: &[Field {
        key: "filters",
        keyword: None,
        claim: Some("scope stream:subscribe params"),
        kind: ValueKind::Pairs(ParamScope::EventStreamFilters),
        input: false,
        required: false,
        default: None,
        doc: "The event stream's filters: at most 64, keys not empty, each value a string of at most 4096 bytes, an integer, a boolean or an input (capability-token.md 2).",
    }],
    across: &[],
    loader_only: &[],
};
