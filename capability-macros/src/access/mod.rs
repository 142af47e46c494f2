//! The `access_token!` macro: a Twilio Access Token policy (`access-token.md`).
//!
//! What the three steps share is here: the grants, their fields, and the checked type each
//! value must be.

pub(crate) mod expand;
pub(crate) mod parse;
pub(crate) mod validate;

use capability_runtime::__schema::{self as schema, Table, ValueKind, access};
use capability_runtime::{
    ChatServiceSid, DeploymentRoleSid, EndpointId, GrantKind, Identity, PushCredentialSid, Region,
    RoomName, SidKind, SyncServiceSid, TaskRouterRole, TextKind,
};

use crate::value::{Checked, WORKER_SID, WORKSPACE_SID, checked};

/// A grant of the policy: its clause, the runtime's grant type and its fields.
pub(crate) struct Grant {
    pub kind: GrantKind,
    /// The clause keyword, which is also the builder's method: `voice`.
    pub keyword: &'static str,
    /// The grant type, as `__private_0_1_0` names it: `VoiceGrant`.
    pub ty: &'static str,
    /// The fields, in the order the expansion sets them.
    pub fields: &'static [Field],
    /// The field the grant needs, if any (`rules::check_grant_field`).
    pub required: Option<&'static str>,
}

/// A field of a grant.
#[derive(Clone, Copy)]
pub(crate) struct Field {
    /// The field keyword, as the runtime names it in its errors: `push_credential`.
    pub name: &'static str,
    /// The grant type's method that sets it: `push_credential`.
    pub method: &'static str,
    pub takes: Takes,
}

/// What a field takes after its keyword.
#[derive(Clone, Copy)]
pub(crate) enum Takes {
    /// Nothing: `incoming`.
    Nothing,
    /// An application SID and an optional params block: `outgoing`.
    Outgoing,
    /// One value of a checked type.
    Value(&'static Checked),
}

/// A grant whose clause, fields and required field are those of the runtime's `table`.
macro_rules! grant {
    ($kind:ident, $ty:literal, $table:ident) => {
        Grant {
            kind: GrantKind::$kind,
            keyword: keyword(access::$table.keyword),
            ty: $ty,
            fields: &fields::<{ access::$table.fields.len() }>(&access::$table),
            required: access::$table.needs(),
        }
    };
}

/// The macro's fields of the runtime's `table`, in its order. `N` is its field count.
const fn fields<const N: usize>(table: &'static Table) -> [Field; N] {
    let mut out = [Field {
        name: "",
        method: "",
        takes: Takes::Nothing,
    }; N];
    let mut i = 0;
    while i < N {
        out[i] = field(&table.fields[i]);
        i += 1;
    }
    out
}

/// A field as the macro takes it: a flag (`incoming`), the outgoing clause, or a value of the
/// checked type of its kind, set by the method of its name.
const fn field(field: &'static schema::Field) -> Field {
    let name = keyword(field.keyword);
    match field.kind {
        ValueKind::Bool => Field {
            name,
            method: "allow_incoming",
            takes: Takes::Nothing,
        },
        ValueKind::Table(_) => Field {
            name,
            method: "allow_outgoing",
            takes: Takes::Outgoing,
        },
        kind => Field {
            name,
            method: name,
            takes: Takes::Value(checked_of(kind)),
        },
    }
}

/// The checked type of a grant field's kind.
const fn checked_of(kind: ValueKind) -> &'static Checked {
    match kind {
        ValueKind::Sid(SidKind::PushCredential) => &PUSH_CREDENTIAL_SID,
        ValueKind::Sid(SidKind::ChatService) => &CHAT_SERVICE_SID,
        ValueKind::Sid(SidKind::SyncService) => &SYNC_SERVICE_SID,
        ValueKind::Sid(SidKind::DeploymentRole) => &DEPLOYMENT_ROLE_SID,
        ValueKind::Sid(SidKind::Workspace) => &WORKSPACE_SID,
        ValueKind::Sid(SidKind::Worker) => &WORKER_SID,
        ValueKind::Text(TextKind::EndpointId) => &ENDPOINT_ID,
        ValueKind::Text(TextKind::Room) => &ROOM_NAME,
        ValueKind::Text(TextKind::Role) => &TASK_ROUTER_ROLE,
        _ => panic!("a grant field of a kind the macro has no checked type for"),
    }
}

/// The macro's keyword of a table or field; the runtime's table gives one to each grant field.
const fn keyword(keyword: Option<&'static str>) -> &'static str {
    match keyword {
        Some(keyword) => keyword,
        None => panic!("a grant or grant field without a macro keyword"),
    }
}

/// The grants, in the order of the token (spec 1.4), as the runtime's tables list them.
pub(crate) const GRANTS: [Grant; 5] = [
    grant!(Voice, "VoiceGrant", VOICE),
    grant!(Video, "VideoGrant", VIDEO),
    grant!(Chat, "ChatGrant", CHAT),
    grant!(Sync, "SyncGrant", SYNC),
    grant!(TaskRouter, "TaskRouterGrant", TASK_ROUTER),
];

/// The identity: an `Identity`, or a `ClientName`, which the expansion takes through
/// `__private_0_1_0::identity`.
pub(crate) const IDENTITY: Checked = checked(
    "Identity",
    "an identity",
    "an `Identity` or a `ClientName`",
    Identity::check,
    "identity",
);
pub(crate) const REGION: Checked =
    checked("Region", "a region", "a `Region`", Region::check, "region");
const PUSH_CREDENTIAL_SID: Checked = checked(
    "PushCredentialSid",
    "a push credential SID",
    "a `PushCredentialSid`",
    PushCredentialSid::check,
    "push_credential_sid",
);
const ENDPOINT_ID: Checked = checked(
    "EndpointId",
    "an endpoint id",
    "an `EndpointId`",
    EndpointId::check,
    "endpoint_id",
);
const ROOM_NAME: Checked = checked(
    "RoomName",
    "a video room",
    "a `RoomName`",
    RoomName::check,
    "room_name",
);
const CHAT_SERVICE_SID: Checked = checked(
    "ChatServiceSid",
    "a chat service SID",
    "a `ChatServiceSid`",
    ChatServiceSid::check,
    "chat_service_sid",
);
const DEPLOYMENT_ROLE_SID: Checked = checked(
    "DeploymentRoleSid",
    "a deployment role SID",
    "a `DeploymentRoleSid`",
    DeploymentRoleSid::check,
    "deployment_role_sid",
);
const SYNC_SERVICE_SID: Checked = checked(
    "SyncServiceSid",
    "a sync service SID",
    "a `SyncServiceSid`",
    SyncServiceSid::check,
    "sync_service_sid",
);
const TASK_ROUTER_ROLE: Checked = checked(
    "TaskRouterRole",
    "a TaskRouter role",
    "a `TaskRouterRole`",
    TaskRouterRole::check,
    "task_router_role",
);
