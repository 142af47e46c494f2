//! The `access_token!` macro: a Twilio Access Token policy (`access-token.md`).
//!
//! What the three steps share is here: the grants, their fields, and the checked type each
//! value must be.

pub(crate) mod expand;
pub(crate) mod parse;
pub(crate) mod validate;

use capability_runtime::{
    ChatServiceSid, DeploymentRoleSid, EndpointId, GrantKind, Identity, PushCredentialSid, Region,
    RoomName, SyncServiceSid, TaskRouterRole,
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
pub(crate) struct Field {
    /// The field keyword, as the runtime names it in its errors: `push_credential`.
    pub name: &'static str,
    /// The grant type's method that sets it: `push_credential`.
    pub method: &'static str,
    pub takes: Takes,
}

/// What a field takes after its keyword.
pub(crate) enum Takes {
    /// Nothing: `incoming`.
    Nothing,
    /// An application SID and an optional params block: `outgoing`.
    Outgoing,
    /// One value of a checked type.
    Value(&'static Checked),
}

/// A field that takes one value, set by the method of its name.
const fn value(name: &'static str, checked: &'static Checked) -> Field {
    Field {
        name,
        method: name,
        takes: Takes::Value(checked),
    }
}

/// The grants, in the order of the token (spec 1.4).
pub(crate) const GRANTS: [Grant; 5] = [
    Grant {
        kind: GrantKind::Voice,
        keyword: "voice",
        ty: "VoiceGrant",
        fields: &[
            Field {
                name: "incoming",
                method: "allow_incoming",
                takes: Takes::Nothing,
            },
            Field {
                name: "outgoing",
                method: "allow_outgoing",
                takes: Takes::Outgoing,
            },
            value("push_credential", &PUSH_CREDENTIAL_SID),
            value("endpoint", &ENDPOINT_ID),
        ],
        required: None,
    },
    Grant {
        kind: GrantKind::Video,
        keyword: "video",
        ty: "VideoGrant",
        fields: &[value("room", &ROOM_NAME)],
        required: None,
    },
    Grant {
        kind: GrantKind::Chat,
        keyword: "chat",
        ty: "ChatGrant",
        fields: &[
            value("service", &CHAT_SERVICE_SID),
            value("endpoint", &ENDPOINT_ID),
            value("deployment_role", &DEPLOYMENT_ROLE_SID),
            value("push_credential", &PUSH_CREDENTIAL_SID),
        ],
        required: Some("service"),
    },
    Grant {
        kind: GrantKind::Sync,
        keyword: "sync",
        ty: "SyncGrant",
        fields: &[
            value("service", &SYNC_SERVICE_SID),
            value("endpoint", &ENDPOINT_ID),
        ],
        required: Some("service"),
    },
    Grant {
        kind: GrantKind::TaskRouter,
        keyword: "task_router",
        ty: "TaskRouterGrant",
        fields: &[
            value("workspace", &WORKSPACE_SID),
            value("worker", &WORKER_SID),
            value("role", &TASK_ROUTER_ROLE),
        ],
        required: Some("workspace"),
    },
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
