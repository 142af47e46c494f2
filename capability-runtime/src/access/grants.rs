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

/// Setters of fields that take one value: a second is kept out and named after its setter,
/// for the policy to refuse.
macro_rules! set_once {
    ($($(#[$doc:meta])* fn $setter:ident($arg:ident: $ty:ty) => $field:ident;)*) => {$(
        $(#[$doc])*
        pub fn $setter(mut self, $arg: $ty) -> Self {
            set(&mut self.$field, $arg, &mut self.repeated, stringify!($setter));
            self
        }
    )*};
}

/// Getters of optional fields.
macro_rules! optional {
    ($($(#[$doc:meta])* fn $getter:ident -> $ty:ty = $field:ident;)*) => {$(
        $(#[$doc])*
        pub fn $getter(&self) -> Option<&$ty> {
            self.$field.as_ref()
        }
    )*};
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

    set_once! {
        /// The push credential that lets Twilio wake the device for an incoming call.
        fn push_credential(sid: PushCredentialSid) => push_credential_sid;
        /// Which of the identity's devices this grant is for.
        fn endpoint(id: EndpointId) => endpoint_id;
    }

    /// Whether incoming calls are allowed.
    pub fn incoming(&self) -> bool {
        self.incoming
    }

    optional! {
        /// The outgoing calls allowed, if any.
        fn outgoing -> Outgoing = outgoing;
        /// The push credential, if any.
        fn push_credential_sid -> PushCredentialSid = push_credential_sid;
        /// The endpoint id, if any.
        fn endpoint_id -> EndpointId = endpoint_id;
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

    set_once! {
        /// Limits the grant to one room.
        fn room(room: RoomName) => room;
    }

    optional! {
        /// The room, if the grant is limited to one.
        fn room_name -> RoomName = room;
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

    set_once! {
        /// The Conversations service. Required.
        fn service(sid: ChatServiceSid) => service_sid;
        /// Which of the identity's devices this grant is for.
        fn endpoint(id: EndpointId) => endpoint_id;
        /// The role the identity takes in the service.
        fn deployment_role(sid: DeploymentRoleSid) => deployment_role_sid;
        /// The push credential for notifications.
        fn push_credential(sid: PushCredentialSid) => push_credential_sid;
    }

    optional! {
        /// The service. A built policy's chat grant always has one.
        fn service_sid -> ChatServiceSid = service_sid;
        /// The endpoint id, if any.
        fn endpoint_id -> EndpointId = endpoint_id;
        /// The deployment role, if any.
        fn deployment_role_sid -> DeploymentRoleSid = deployment_role_sid;
        /// The push credential, if any.
        fn push_credential_sid -> PushCredentialSid = push_credential_sid;
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

    set_once! {
        /// The Sync service. Required.
        fn service(sid: SyncServiceSid) => service_sid;
        /// Which of the identity's devices this grant is for.
        fn endpoint(id: EndpointId) => endpoint_id;
    }

    optional! {
        /// The service. A built policy's sync grant always has one.
        fn service_sid -> SyncServiceSid = service_sid;
        /// The endpoint id, if any.
        fn endpoint_id -> EndpointId = endpoint_id;
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

    set_once! {
        /// The workspace. Required.
        fn workspace(sid: WorkspaceSid) => workspace_sid;
        /// The worker the identity is.
        fn worker(sid: WorkerSid) => worker_sid;
        /// The identity's role, such as `worker` or `supervisor`.
        fn role(role: TaskRouterRole) => role;
    }

    optional! {
        /// The workspace. A built policy's TaskRouter grant always has one.
        fn workspace_sid -> WorkspaceSid = workspace_sid;
        /// The worker, if any.
        fn worker_sid -> WorkerSid = worker_sid;
        /// The role, if any.
        fn role_name -> TaskRouterRole = role;
    }
}
