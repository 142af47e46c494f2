//! The grants of an access token (spec 1.4), each a value built with method calls and checked
//! with the policy that holds it.

use std::fmt::Display;

use crate::rules::pairs;
use crate::{
    AppSid, ChatServiceSid, DeploymentRoleSid, EndpointId, Outgoing, PushCredentialSid, RoomName,
    SyncServiceSid, TaskRouterRole, WorkerSid, WorkspaceSid,
};

/// Keeps the first value of a field set twice, and the field's name, for the policy to refuse.
fn set<T>(
    slot: &mut Option<T>,
    value: T,
    repeated: &mut Option<&'static str>,
    field: &'static str,
) {
    if slot.is_some() {
        repeated.get_or_insert(field);
    } else {
        *slot = Some(value);
    }
}

/// The `voice` grant: calls with the Voice SDKs. It must allow something: incoming calls,
/// outgoing calls, or push notifications.
///
/// ```
/// use capability::VoiceGrant;
///
/// let voice = VoiceGrant::new()
///     .allow_incoming()
///     .allow_outgoing("AP89a0180a1a4ddf1da954efca349b7a20".parse()?, [("plan", "gold")]);
/// assert!(voice.incoming());
/// # Ok::<(), capability::ValueError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct VoiceGrant {
    incoming: bool,
    outgoing: Option<Outgoing>,
    push_credential_sid: Option<PushCredentialSid>,
    endpoint_id: Option<EndpointId>,
    pub(crate) repeated: Option<&'static str>,
}

impl VoiceGrant {
    /// A voice grant that allows nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Allows incoming calls to the token's identity.
    pub fn allow_incoming(mut self) -> Self {
        if self.incoming {
            self.repeated.get_or_insert("incoming");
        }
        self.incoming = true;
        self
    }

    /// Allows outgoing calls through the TwiML application `app_sid`, forwarding `params` to it
    /// in the order given. Pass `[] as [(&str, &str); 0]` for no params.
    pub fn allow_outgoing<K: Into<String>, V: Display>(
        mut self,
        app_sid: AppSid,
        params: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        let outgoing = Outgoing::new(app_sid, pairs(params));
        set(&mut self.outgoing, outgoing, &mut self.repeated, "outgoing");
        self
    }

    /// The push credential that lets Twilio wake the device for an incoming call.
    pub fn push_credential(mut self, sid: PushCredentialSid) -> Self {
        set(
            &mut self.push_credential_sid,
            sid,
            &mut self.repeated,
            "push_credential",
        );
        self
    }

    /// Which of the identity's devices this grant is for.
    pub fn endpoint(mut self, id: EndpointId) -> Self {
        set(&mut self.endpoint_id, id, &mut self.repeated, "endpoint");
        self
    }

    /// Whether incoming calls are allowed.
    pub fn incoming(&self) -> bool {
        self.incoming
    }

    /// The outgoing calls allowed, if any.
    pub fn outgoing(&self) -> Option<&Outgoing> {
        self.outgoing.as_ref()
    }

    /// The push credential, if any.
    pub fn push_credential_sid(&self) -> Option<&PushCredentialSid> {
        self.push_credential_sid.as_ref()
    }

    /// The endpoint id, if any.
    pub fn endpoint_id(&self) -> Option<&EndpointId> {
        self.endpoint_id.as_ref()
    }
}

/// The `video` grant: Twilio Video, in one room or in any.
///
/// ```
/// use capability::VideoGrant;
///
/// let video = VideoGrant::new().room("standup".parse()?);
/// assert_eq!(video.room_name().map(|r| r.as_str()), Some("standup"));
/// # Ok::<(), capability::ValueError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct VideoGrant {
    room: Option<RoomName>,
    pub(crate) repeated: Option<&'static str>,
}

impl VideoGrant {
    /// A video grant for any room.
    pub fn new() -> Self {
        Self::default()
    }

    /// Limits the grant to one room.
    pub fn room(mut self, room: RoomName) -> Self {
        set(&mut self.room, room, &mut self.repeated, "room");
        self
    }

    /// The room, if the grant is limited to one.
    pub fn room_name(&self) -> Option<&RoomName> {
        self.room.as_ref()
    }
}

/// The `chat` grant: Conversations. It needs its service.
///
/// ```
/// use capability::ChatGrant;
///
/// let chat = ChatGrant::new().service("IS0123456789abcdef0123456789abcdef".parse()?);
/// # Ok::<(), capability::ValueError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct ChatGrant {
    service_sid: Option<ChatServiceSid>,
    endpoint_id: Option<EndpointId>,
    deployment_role_sid: Option<DeploymentRoleSid>,
    push_credential_sid: Option<PushCredentialSid>,
    pub(crate) repeated: Option<&'static str>,
}

impl ChatGrant {
    /// A chat grant with no fields yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The Conversations service. Required.
    pub fn service(mut self, sid: ChatServiceSid) -> Self {
        set(&mut self.service_sid, sid, &mut self.repeated, "service");
        self
    }

    /// Which of the identity's devices this grant is for.
    pub fn endpoint(mut self, id: EndpointId) -> Self {
        set(&mut self.endpoint_id, id, &mut self.repeated, "endpoint");
        self
    }

    /// The role the identity takes in the service.
    pub fn deployment_role(mut self, sid: DeploymentRoleSid) -> Self {
        set(
            &mut self.deployment_role_sid,
            sid,
            &mut self.repeated,
            "deployment_role",
        );
        self
    }

    /// The push credential for notifications.
    pub fn push_credential(mut self, sid: PushCredentialSid) -> Self {
        set(
            &mut self.push_credential_sid,
            sid,
            &mut self.repeated,
            "push_credential",
        );
        self
    }

    /// The service. A built policy's chat grant always has one.
    pub fn service_sid(&self) -> Option<&ChatServiceSid> {
        self.service_sid.as_ref()
    }

    /// The endpoint id, if any.
    pub fn endpoint_id(&self) -> Option<&EndpointId> {
        self.endpoint_id.as_ref()
    }

    /// The deployment role, if any.
    pub fn deployment_role_sid(&self) -> Option<&DeploymentRoleSid> {
        self.deployment_role_sid.as_ref()
    }

    /// The push credential, if any.
    pub fn push_credential_sid(&self) -> Option<&PushCredentialSid> {
        self.push_credential_sid.as_ref()
    }
}

/// The `sync` grant (`data_sync` in the token): Sync. It needs its service, which may be
/// `default`.
///
/// ```
/// use capability::SyncGrant;
///
/// let sync = SyncGrant::new().service("default".parse()?);
/// # Ok::<(), capability::ValueError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct SyncGrant {
    service_sid: Option<SyncServiceSid>,
    endpoint_id: Option<EndpointId>,
    pub(crate) repeated: Option<&'static str>,
}

impl SyncGrant {
    /// A sync grant with no fields yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The Sync service. Required.
    pub fn service(mut self, sid: SyncServiceSid) -> Self {
        set(&mut self.service_sid, sid, &mut self.repeated, "service");
        self
    }

    /// Which of the identity's devices this grant is for.
    pub fn endpoint(mut self, id: EndpointId) -> Self {
        set(&mut self.endpoint_id, id, &mut self.repeated, "endpoint");
        self
    }

    /// The service. A built policy's sync grant always has one.
    pub fn service_sid(&self) -> Option<&SyncServiceSid> {
        self.service_sid.as_ref()
    }

    /// The endpoint id, if any.
    pub fn endpoint_id(&self) -> Option<&EndpointId> {
        self.endpoint_id.as_ref()
    }
}

/// The `task_router` grant: TaskRouter.js v2. It needs its workspace.
///
/// ```
/// use capability::TaskRouterGrant;
///
/// let grant = TaskRouterGrant::new()
///     .workspace("WS0123456789abcdef0123456789abcdef".parse()?)
///     .role("worker".parse()?);
/// # Ok::<(), capability::ValueError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct TaskRouterGrant {
    workspace_sid: Option<WorkspaceSid>,
    worker_sid: Option<WorkerSid>,
    role: Option<TaskRouterRole>,
    pub(crate) repeated: Option<&'static str>,
}

impl TaskRouterGrant {
    /// A TaskRouter grant with no fields yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The workspace. Required.
    pub fn workspace(mut self, sid: WorkspaceSid) -> Self {
        set(
            &mut self.workspace_sid,
            sid,
            &mut self.repeated,
            "workspace",
        );
        self
    }

    /// The worker the identity is.
    pub fn worker(mut self, sid: WorkerSid) -> Self {
        set(&mut self.worker_sid, sid, &mut self.repeated, "worker");
        self
    }

    /// The identity's role, such as `worker` or `supervisor`.
    pub fn role(mut self, role: TaskRouterRole) -> Self {
        set(&mut self.role, role, &mut self.repeated, "role");
        self
    }

    /// The workspace. A built policy's TaskRouter grant always has one.
    pub fn workspace_sid(&self) -> Option<&WorkspaceSid> {
        self.workspace_sid.as_ref()
    }

    /// The worker, if any.
    pub fn worker_sid(&self) -> Option<&WorkerSid> {
        self.worker_sid.as_ref()
    }

    /// The role, if any.
    pub fn role_name(&self) -> Option<&TaskRouterRole> {
        self.role.as_ref()
    }
}
