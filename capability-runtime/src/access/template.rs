//! `AccessTemplate`: an access-token policy file, its literal values checked, its inputs bound
//! at mint time.

use crate::access::layout::{self, Grants, Voice};
use crate::jwt::layout::{Piece, Text};
use crate::toml::input::{self, PairSlots, Slot};
use crate::toml::lower::{Lower, Rust};
use crate::{
    Access, AccessPolicy, AppSid, BindProblem, ChatGrant, ChatServiceSid, DeploymentRoleSid,
    EndpointId, Identity, PushCredentialSid, Region, RoomName, SyncGrant, SyncServiceSid,
    TaskRouterGrant, TaskRouterRole, Template, VideoGrant, VoiceGrant, WorkerSid, WorkspaceSid,
};

/// An access-token policy loaded from TOML: its literal values are checked, and its inputs
/// wait to be bound. [`PolicyFile`](crate::PolicyFile) loads a file of either format.
///
/// ```
/// use capability::AccessTemplate;
///
/// let template = AccessTemplate::from_toml_str(r#"
///     format = "access-token"
///     identity = { input = "identity" }
///     ttl = 600
///
///     [voice]
///     incoming = true
///     outgoing = { application_sid = "AP89a0180a1a4ddf1da954efca349b7a20", params = { plan = "gold" } }
/// "#)?;
/// let policy = template.bind([("identity", "alice")])?;
/// assert_eq!(policy.identity().as_str(), "alice");
///
/// // With a voice grant, the identity must be a client name.
/// assert!(template.bind([("identity", "bob smith")]).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// The schema, with every key (every string value may also be `{ input = "NAME" }`):
///
/// ```toml
/// format = "access-token"               # required
/// identity = "alice"                    # required
/// ttl = 600                             # optional; seconds, 1..=86400; default 3600
/// region = "ie1"                        # optional
///
/// [voice]
/// incoming = true                       # optional, default false
/// outgoing = { application_sid = "AP89a0180a1a4ddf1da954efca349b7a20", params = { plan = "gold" } }
/// push_credential_sid = "CR0123456789abcdef0123456789abcdef"
/// endpoint_id = "alice-browser-1"
///
/// [video]
/// room = "standup"                      # optional: without it, any room
///
/// [chat]
/// service_sid = "IS0123456789abcdef0123456789abcdef"    # required
/// endpoint_id = "alice-browser-1"
/// deployment_role_sid = "RL0123456789abcdef0123456789abcdef"
/// push_credential_sid = "CR0123456789abcdef0123456789abcdef"
///
/// [sync]
/// service_sid = "default"               # required
/// endpoint_id = "alice-browser-1"
///
/// [task_router]
/// workspace_sid = "WS0123456789abcdef0123456789abcdef"  # required
/// worker_sid = "WK0123456789abcdef0123456789abcdef"
/// role = "worker"
/// ```
pub type AccessTemplate = Template<Access>;

/// An access template's own fields.
#[doc(hidden)]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccessSlots {
    pub identity: Option<Slot<Identity>>,
    pub voice: Option<VoiceSlots>,
    pub video: Option<Option<Slot<RoomName>>>,
    pub chat: Option<ChatSlots>,
    pub sync: Option<SyncSlots>,
    pub task_router: Option<TaskRouterGrantSlots>,
    pub region: Option<Slot<Region>>,
}

#[doc(hidden)]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VoiceSlots {
    pub incoming: bool,
    pub outgoing: Option<(Slot<AppSid>, PairSlots)>,
    pub push_credential: Option<Slot<PushCredentialSid>>,
    pub endpoint: Option<Slot<EndpointId>>,
}

#[doc(hidden)]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChatSlots {
    pub service: Option<Slot<ChatServiceSid>>,
    pub endpoint: Option<Slot<EndpointId>>,
    pub deployment_role: Option<Slot<DeploymentRoleSid>>,
    pub push_credential: Option<Slot<PushCredentialSid>>,
}

#[doc(hidden)]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncSlots {
    pub service: Option<Slot<SyncServiceSid>>,
    pub endpoint: Option<Slot<EndpointId>>,
}

#[doc(hidden)]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskRouterGrantSlots {
    pub workspace: Option<Slot<WorkspaceSid>>,
    pub worker: Option<Slot<WorkerSid>>,
    pub role: Option<Slot<TaskRouterRole>>,
}

impl AccessTemplate {
    /// The header and the grants object laid out with input `i` as `Text::Slot(i)`, for the
    /// minter and for the length check of the loader.
    pub(crate) fn layout(&self) -> (Vec<Piece<String>>, Vec<Piece<String>>) {
        fn text<T: AsRef<str>>(slot: &Slot<T>) -> Text<'_> {
            match slot {
                Slot::Literal(v) => Text::Known(v.as_ref()),
                Slot::Input(i) => Text::Slot(*i),
            }
        }
        fn field<'a, T: AsRef<str>>(
            key: &'static str,
            slot: &'a Option<Slot<T>>,
        ) -> Option<(&'static str, Text<'a>)> {
            slot.as_ref().map(|s| (key, text(s)))
        }
        let header = layout::header(self.slots.region.as_ref().map(text));
        let grants = Grants {
            identity: self.slots.identity.as_ref().map_or(Text::Known(""), text),
            voice: self.slots.voice.as_ref().map(|v| Voice {
                incoming: v.incoming,
                outgoing: v.outgoing.as_ref().map(|(sid, params)| {
                    let params = params
                        .iter()
                        .map(|(k, v)| (Text::Known(k.as_str()), text(v)));
                    (text(sid), params.collect())
                }),
                push_credential_sid: v.push_credential.as_ref().map(text),
                endpoint_id: v.endpoint.as_ref().map(text),
            }),
            video: self
                .slots
                .video
                .as_ref()
                .map(|room| room.as_ref().map(text)),
            chat: self.slots.chat.as_ref().map(|c| {
                [
                    field("service_sid", &c.service),
                    field("endpoint_id", &c.endpoint),
                    field("deployment_role_sid", &c.deployment_role),
                    field("push_credential_sid", &c.push_credential),
                ]
                .into_iter()
                .flatten()
                .collect()
            }),
            sync: self.slots.sync.as_ref().map(|s| {
                [
                    field("service_sid", &s.service),
                    field("endpoint_id", &s.endpoint),
                ]
                .into_iter()
                .flatten()
                .collect()
            }),
            task_router: self.slots.task_router.as_ref().map(|t| {
                [
                    field("workspace_sid", &t.workspace),
                    field("worker_sid", &t.worker),
                    field("role", &t.role),
                ]
                .into_iter()
                .flatten()
                .collect()
            }),
        };
        (header, layout::grants(&grants))
    }
}

/// The policy with input `i` replaced by `values[i]`.
pub(crate) fn build(
    template: &AccessTemplate,
    values: &[&str],
) -> Result<AccessPolicy, BindProblem> {
    let slots = &template.slots;
    let inputs = &template.inputs;
    macro_rules! value {
        ($slot:expr) => {
            input::resolve($slot, values, inputs)?
        };
    }
    let mut b = AccessPolicy::builder().ttl(template.ttl);
    if let Some(identity) = &slots.identity {
        b = b.identity(value!(identity));
    }
    if let Some(region) = &slots.region {
        b = b.region(value!(region));
    }
    if let Some(v) = &slots.voice {
        let mut voice = VoiceGrant::new();
        if v.incoming {
            voice = voice.allow_incoming();
        }
        if let Some((sid, params)) = &v.outgoing {
            voice = voice.allow_outgoing(value!(sid), input::pairs(params, values));
        }
        if let Some(sid) = &v.push_credential {
            voice = voice.push_credential(value!(sid));
        }
        if let Some(id) = &v.endpoint {
            voice = voice.endpoint(value!(id));
        }
        b = b.voice(voice);
    }
    if let Some(room) = &slots.video {
        let mut video = VideoGrant::new();
        if let Some(room) = room {
            video = video.room(value!(room));
        }
        b = b.video(video);
    }
    if let Some(c) = &slots.chat {
        let mut chat = ChatGrant::new();
        if let Some(sid) = &c.service {
            chat = chat.service(value!(sid));
        }
        if let Some(id) = &c.endpoint {
            chat = chat.endpoint(value!(id));
        }
        if let Some(sid) = &c.deployment_role {
            chat = chat.deployment_role(value!(sid));
        }
        if let Some(sid) = &c.push_credential {
            chat = chat.push_credential(value!(sid));
        }
        b = b.chat(chat);
    }
    if let Some(s) = &slots.sync {
        let mut sync = SyncGrant::new();
        if let Some(sid) = &s.service {
            sync = sync.service(value!(sid));
        }
        if let Some(id) = &s.endpoint {
            sync = sync.endpoint(value!(id));
        }
        b = b.sync(sync);
    }
    if let Some(t) = &slots.task_router {
        let mut grant = TaskRouterGrant::new();
        if let Some(sid) = &t.workspace {
            grant = grant.workspace(value!(sid));
        }
        if let Some(sid) = &t.worker {
            grant = grant.worker(value!(sid));
        }
        if let Some(role) = &t.role {
            grant = grant.role(value!(role));
        }
        b = b.task_router(grant);
    }
    b.build().map_err(BindProblem::Policy)
}

impl Lower for AccessSlots {
    fn lower(&self, out: &mut Rust) {
        out.fields(
            "AccessSlots",
            &[
                ("identity", &self.identity),
                ("voice", &self.voice),
                ("video", &self.video),
                ("chat", &self.chat),
                ("sync", &self.sync),
                ("task_router", &self.task_router),
                ("region", &self.region),
            ],
        );
    }
}

impl Lower for VoiceSlots {
    fn lower(&self, out: &mut Rust) {
        out.fields(
            "VoiceSlots",
            &[
                ("incoming", &self.incoming),
                ("outgoing", &self.outgoing),
                ("push_credential", &self.push_credential),
                ("endpoint", &self.endpoint),
            ],
        );
    }
}

impl Lower for ChatSlots {
    fn lower(&self, out: &mut Rust) {
        out.fields(
            "ChatSlots",
            &[
                ("service", &self.service),
                ("endpoint", &self.endpoint),
                ("deployment_role", &self.deployment_role),
                ("push_credential", &self.push_credential),
            ],
        );
    }
}

impl Lower for SyncSlots {
    fn lower(&self, out: &mut Rust) {
        out.fields(
            "SyncSlots",
            &[("service", &self.service), ("endpoint", &self.endpoint)],
        );
    }
}

impl Lower for TaskRouterGrantSlots {
    fn lower(&self, out: &mut Rust) {
        out.fields(
            "TaskRouterGrantSlots",
            &[
                ("workspace", &self.workspace),
                ("worker", &self.worker),
                ("role", &self.role),
            ],
        );
    }
}
