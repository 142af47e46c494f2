//! `AccessPolicy`: what an access token grants, checked when it is built.

use crate::access::grants::{ChatGrant, SyncGrant, TaskRouterGrant, VideoGrant, VoiceGrant};
use crate::access::layout::{self, Grants, Voice};
use crate::access::read::{
    AccessGrants, ChatClaims, OutgoingClaims, SyncClaims, TaskRouterClaims, VideoClaims,
    VoiceClaims,
};
use crate::access::schema as tables;
use crate::jwt::b64_stream::B64Stream;
use crate::jwt::layout::{Text, known};
use crate::rules::check_pairs;
use crate::schema;
use crate::setters::pushing_setters;
use crate::{
    Clause, ClientName, GrantKind, Identity, ParamScope, PolicyError, Region, Ttl, ValueError,
    rules,
};
use serde_json::Value;

/// What an access token grants, checked against every rule of spec section 2 of
/// `access-token.md`: one identity, at least one grant, each grant at most once, a voice
/// identity that is a client name, a voice grant that allows something, the chat and sync
/// grants with their service, the TaskRouter grant with its workspace.
///
/// An `AccessPolicy` is made by [`AccessPolicy::builder`], the TOML loader
/// ([`AccessTemplate`](crate::AccessTemplate)), the `access_token!` macro, or from a capability
/// [`CapabilityPolicy`](crate::CapabilityPolicy) with [`AccessPolicy::from_capability`]. Its header and grants are
/// encoded once, when it is built; signing adds the key, `jti` and `exp`.
///
/// ```
/// use capability::{AccessPolicy, ApiKey, VoiceGrant};
///
/// let policy = AccessPolicy::builder()
///     .identity("alice".parse()?)
///     .voice(VoiceGrant::new().allow_incoming())
///     .build()?;
/// let key = ApiKey::new(
///     "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
///     "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
///     "goldenvectorsecret0123456789abcd",
/// )?;
/// let token = policy.sign_at(&key, 1_700_000_000)?;
/// assert_eq!(token.expires_at(), 1_700_003_600);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessPolicy {
    parts: Parts,
    /// The header (spec 1.2) and its base64url, made once.
    pub(crate) header: String,
    pub(crate) header_b64: String,
    /// The grants object (spec 1.4), made once.
    pub(crate) grants: String,
    /// What a run-time value of an `access_token!` policy breaks. The macro cannot fail, so
    /// signing does.
    pub(crate) deferred: Option<PolicyError>,
}

/// Builds an [`AccessPolicy`] with method calls. [`build`](Self::build) checks every rule and
/// reports the first one broken.
///
/// ```
/// use capability::{AccessPolicy, PolicyError, VoiceGrant};
///
/// let err = AccessPolicy::builder()
///     .identity("frank@example.com".parse()?)
///     .voice(VoiceGrant::new().allow_incoming())
///     .build()
///     .unwrap_err();
/// assert_eq!(err, PolicyError::VoiceIdentity { identity: "frank@example.com".into() });
/// # Ok::<(), capability::ValueError>(())
/// ```
#[derive(Debug, Clone, Default)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct AccessPolicyBuilder {
    identities: Vec<Identity>,
    voice: Vec<VoiceGrant>,
    video: Vec<VideoGrant>,
    chat: Vec<ChatGrant>,
    sync: Vec<SyncGrant>,
    task_router: Vec<TaskRouterGrant>,
    ttls: Vec<Ttl>,
    regions: Vec<Region>,
    /// An identity the macro could not convert (a client name over 121 characters).
    deferred: Option<ValueError>,
}

impl AccessPolicyBuilder {
    pushing_setters! {
        /// The identity of the token. Required, once.
        fn identity(identity: Identity) => identities;
        /// The voice grant.
        fn voice(grant: VoiceGrant) => voice;
        /// The video grant.
        fn video(grant: VideoGrant) => video;
        /// The chat (Conversations) grant.
        fn chat(grant: ChatGrant) => chat;
        /// The sync grant.
        fn sync(grant: SyncGrant) => sync;
        /// The TaskRouter grant.
        fn task_router(grant: TaskRouterGrant) => task_router;
        /// The token lifetime. Without it, tokens live [`Ttl::DEFAULT`].
        fn ttl(ttl: Ttl) => ttls;
        /// The Twilio region of the API key (the `twr` header).
        fn region(region: Region) => regions;
    }

    /// The identity of an `access_token!` policy given as a client name, which is an identity
    /// when it is at most 121 characters; a longer one makes signing fail.
    pub(crate) fn identity_from_client_name(self, name: ClientName) -> Self {
        match Identity::try_from(&name) {
            Ok(identity) => self.identity(identity),
            Err(error) => {
                let mut builder = self.identity(Identity::unchecked(name.as_str().to_owned()));
                builder.deferred.get_or_insert(error);
                builder
            }
        }
    }

    /// Checks every rule and makes the policy.
    ///
    /// # Errors
    /// The first [`PolicyError`] found.
    pub fn build(self) -> Result<AccessPolicy, PolicyError> {
        match self.assemble() {
            (policy, None) => Ok(policy),
            (_, Some(error)) => Err(error),
        }
    }

    /// Makes an `access_token!` policy: the macro has checked every literal and clause at
    /// compile time, so a rule broken here is by a run-time value, and makes
    /// [`sign`](AccessPolicy::sign) fail instead.
    pub(crate) fn build_from_macro(self) -> AccessPolicy {
        let (mut policy, error) = self.assemble();
        policy.deferred = error;
        policy
    }

    /// The policy of each clause's first value, and the first rule it breaks, in the order
    /// [`build`](Self::build) reports them.
    fn assemble(self) -> (AccessPolicy, Option<PolicyError>) {
        let mut error = self.deferred.clone().map(PolicyError::Value);
        let parts = self.parts(&mut error);
        if error.is_none() {
            error = parts.check().err();
        }
        let policy = AccessPolicy::encode(parts);
        if error.is_none() {
            error = rules::check_access_len(policy.header.len(), policy.grants.len()).err();
        }
        (policy, error)
    }

    /// Each clause's first value; a clause given twice, or a missing identity, is the
    /// `error` unless one came first.
    fn parts(self, error: &mut Option<PolicyError>) -> Parts {
        let clause = |clause| PolicyError::DuplicateClause { clause };
        let grant = |grant| PolicyError::DuplicateGrant { grant };
        let problems = [
            (self.identities.len() > 1, clause(Clause::Identity)),
            (self.identities.is_empty(), PolicyError::MissingIdentity),
            (self.voice.len() > 1, grant(GrantKind::Voice)),
            (self.video.len() > 1, grant(GrantKind::Video)),
            (self.chat.len() > 1, grant(GrantKind::Chat)),
            (self.sync.len() > 1, grant(GrantKind::Sync)),
            (self.task_router.len() > 1, grant(GrantKind::TaskRouter)),
            (self.ttls.len() > 1, clause(Clause::Ttl)),
            (self.regions.len() > 1, clause(Clause::Region)),
        ];
        if error.is_none() {
            *error = problems
                .into_iter()
                .find_map(|(broken, p)| broken.then_some(p));
        }
        fn one<T>(items: Vec<T>) -> Option<T> {
            items.into_iter().next()
        }
        Parts {
            identity: one(self.identities).unwrap_or(Identity::unchecked(String::new())),
            voice: one(self.voice),
            video: one(self.video),
            chat: one(self.chat),
            sync: one(self.sync),
            task_router: one(self.task_router),
            ttl: one(self.ttls).unwrap_or_default(),
            region: one(self.regions),
        }
    }
}

/// What a policy is made of, before its header and grants are encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Parts {
    identity: Identity,
    voice: Option<VoiceGrant>,
    video: Option<VideoGrant>,
    chat: Option<ChatGrant>,
    sync: Option<SyncGrant>,
    task_router: Option<TaskRouterGrant>,
    ttl: Ttl,
    region: Option<Region>,
}

impl Parts {
    /// The rules of spec section 2 that span a grant's fields, or the grants.
    fn check(&self) -> Result<(), PolicyError> {
        let fields = [
            (GrantKind::Voice, self.voice.as_ref().map(|g| g.repeated)),
            (GrantKind::Video, self.video.as_ref().map(|g| g.repeated)),
            (GrantKind::Chat, self.chat.as_ref().map(|g| g.repeated)),
            (GrantKind::Sync, self.sync.as_ref().map(|g| g.repeated)),
            (
                GrantKind::TaskRouter,
                self.task_router.as_ref().map(|g| g.repeated),
            ),
        ];
        let mut count = 0;
        for (grant, repeated) in fields {
            count += usize::from(repeated.is_some());
            if let Some(Some(field)) = repeated {
                return Err(PolicyError::DuplicateGrantField { grant, field });
            }
        }
        rules::check_access_grants(count)?;
        if let Some(voice) = &self.voice {
            rules::check_voice_allows(
                voice.incoming(),
                voice.outgoing().is_some(),
                voice.push_credential_sid().is_some(),
            )?;
            rules::check_voice_identity(self.identity.as_str())?;
            if let Some(outgoing) = voice.outgoing() {
                check_pairs(ParamScope::OutgoingParams, outgoing.params())?;
            }
        }
        let needs = |table: &schema::Table| table.needs().unwrap_or_default();
        if let Some(chat) = &self.chat {
            let present = chat.service_sid().is_some();
            rules::check_grant_field(GrantKind::Chat, needs(&tables::CHAT), present)?;
        }
        if let Some(sync) = &self.sync {
            let present = sync.service_sid().is_some();
            rules::check_grant_field(GrantKind::Sync, needs(&tables::SYNC), present)?;
        }
        if let Some(task_router) = &self.task_router {
            let present = task_router.workspace_sid().is_some();
            rules::check_grant_field(GrantKind::TaskRouter, needs(&tables::TASK_ROUTER), present)?;
        }
        Ok(())
    }
}

impl AccessPolicy {
    /// Starts a policy with method calls.
    pub fn builder() -> AccessPolicyBuilder {
        AccessPolicyBuilder::default()
    }

    /// Encodes the header and grants of a policy's parts.
    fn encode(parts: Parts) -> AccessPolicy {
        let mut policy = AccessPolicy {
            parts,
            header: String::new(),
            header_b64: String::new(),
            grants: String::new(),
            deferred: None,
        };
        policy.header = known(&layout::header(
            policy
                .parts
                .region
                .as_ref()
                .map(|r| Text::Known(r.as_str())),
        ));
        let mut stream = B64Stream::new(&mut policy.header_b64);
        stream.put_bytes(policy.header.as_bytes());
        stream.finish();
        policy.grants = known(&layout::grants(&policy.layout()));
        policy
    }

    /// The grants with every text known, for [`layout::grants`].
    fn layout(&self) -> Grants<'_> {
        fn known(text: &str) -> Text<'_> {
            Text::Known(text)
        }
        fn opt<'a, T: AsRef<str>>(
            key: &'static str,
            v: Option<&'a T>,
        ) -> Option<(&'static str, Text<'a>)> {
            v.map(|v| (key, Text::Known(v.as_ref())))
        }
        Grants {
            identity: known(self.parts.identity.as_str()),
            voice: self.parts.voice.as_ref().map(|v| Voice {
                incoming: v.incoming(),
                outgoing: v.outgoing().map(|o| {
                    let params = o.params().iter().map(|(k, v)| (known(k), known(v)));
                    (known(o.application_sid().as_str()), params.collect())
                }),
                push_credential_sid: v.push_credential_sid().map(|s| known(s.as_str())),
                endpoint_id: v.endpoint_id().map(|s| known(s.as_str())),
            }),
            video: self
                .parts
                .video
                .as_ref()
                .map(|v| v.room_name().map(|r| known(r.as_str()))),
            chat: self.parts.chat.as_ref().map(|c| {
                layout::set_fields([
                    opt("service_sid", c.service_sid()),
                    opt("endpoint_id", c.endpoint_id()),
                    opt("deployment_role_sid", c.deployment_role_sid()),
                    opt("push_credential_sid", c.push_credential_sid()),
                ])
            }),
            sync: self.parts.sync.as_ref().map(|s| {
                layout::set_fields([
                    opt("service_sid", s.service_sid()),
                    opt("endpoint_id", s.endpoint_id()),
                ])
            }),
            task_router: self.parts.task_router.as_ref().map(|t| {
                layout::set_fields([
                    opt("workspace_sid", t.workspace_sid()),
                    opt("worker_sid", t.worker_sid()),
                    opt("role", t.role_name()),
                ])
            }),
        }
    }

    /// The identity.
    pub fn identity(&self) -> &Identity {
        &self.parts.identity
    }

    /// The voice grant, if any.
    pub fn voice(&self) -> Option<&VoiceGrant> {
        self.parts.voice.as_ref()
    }

    /// The video grant, if any.
    pub fn video(&self) -> Option<&VideoGrant> {
        self.parts.video.as_ref()
    }

    /// The chat grant, if any.
    pub fn chat(&self) -> Option<&ChatGrant> {
        self.parts.chat.as_ref()
    }

    /// The sync grant, if any.
    pub fn sync(&self) -> Option<&SyncGrant> {
        self.parts.sync.as_ref()
    }

    /// The TaskRouter grant, if any.
    pub fn task_router(&self) -> Option<&TaskRouterGrant> {
        self.parts.task_router.as_ref()
    }

    /// How long a token signed from this policy lives.
    pub fn ttl(&self) -> Ttl {
        self.parts.ttl
    }

    /// The region, if any.
    pub fn region(&self) -> Option<&Region> {
        self.parts.region.as_ref()
    }

    /// The grants as [`verify_access_token`](crate::verify_access_token) decodes them from a
    /// token signed from this policy.
    pub fn grants(&self) -> AccessGrants {
        let text = |t: Option<&dyn AsRef<str>>| t.map(|t| t.as_ref().to_owned());
        AccessGrants {
            voice: self.parts.voice.as_ref().map(|v| VoiceClaims {
                incoming: v.incoming(),
                outgoing: v.outgoing().map(|o| OutgoingClaims {
                    application_sid: o.application_sid().as_str().to_owned(),
                    params: o
                        .params()
                        .iter()
                        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                        .collect(),
                }),
                push_credential_sid: text(v.push_credential_sid().map(|s| s as _)),
                endpoint_id: text(v.endpoint_id().map(|s| s as _)),
            }),
            video: self.parts.video.as_ref().map(|v| VideoClaims {
                room: text(v.room_name().map(|s| s as _)),
            }),
            chat: self.parts.chat.as_ref().map(|c| ChatClaims {
                service_sid: text(c.service_sid().map(|s| s as _)),
                endpoint_id: text(c.endpoint_id().map(|s| s as _)),
                deployment_role_sid: text(c.deployment_role_sid().map(|s| s as _)),
                push_credential_sid: text(c.push_credential_sid().map(|s| s as _)),
            }),
            sync: self.parts.sync.as_ref().map(|s| SyncClaims {
                service_sid: text(s.service_sid().map(|s| s as _)),
                endpoint_id: text(s.endpoint_id().map(|s| s as _)),
            }),
            task_router: self.parts.task_router.as_ref().map(|t| TaskRouterClaims {
                workspace_sid: text(t.workspace_sid().map(|s| s as _)),
                worker_sid: text(t.worker_sid().map(|s| s as _)),
                role: text(t.role_name().map(|s| s as _)),
            }),
            other: Vec::new(),
        }
    }

    /// The grants object exactly as a signed token carries it, identity first.
    pub fn grants_json(&self) -> &str {
        &self.grants
    }
}
