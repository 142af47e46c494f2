//! The policies and tokens the benchmarks compare, shared so each benchmark signs the same
//! claims. See `benches/ratios.rs` (the README's table) and `benches/mint.rs` (criterion).
#![forbid(unsafe_code)]

use std::collections::BTreeMap;

use capability::{
    AccessPolicy, AccessTemplate, ApiKey, CapabilityPolicy, CapabilityTemplate, Credentials,
    TaskRouterPolicy, TaskRouterTemplate, Ttl, VoiceGrant,
};

/// The reference vectors' account SID.
pub const ACCOUNT_SID: &str = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
/// The reference vectors' auth token.
pub const AUTH_TOKEN: &str = "0123456789abcdef0123456789abcdef";

/// The reference credentials.
pub fn creds() -> Credentials {
    Credentials::new(ACCOUNT_SID, AUTH_TOKEN).expect("valid reference credentials")
}

/// The seed policy: incoming `andrew`, outgoing with `user_id=42`.
pub fn seed_policy() -> CapabilityPolicy {
    CapabilityPolicy::builder()
        .allow_client_incoming("andrew".parse().expect("valid name"))
        .allow_client_outgoing(
            "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
                .parse()
                .expect("valid SID"),
            [("user_id", 42)],
        )
        .build()
        .expect("valid policy")
}

/// The seed policy with the client name as a run-time input, the usual per-user token.
pub fn seed_template() -> CapabilityTemplate {
    CapabilityTemplate::from_toml_str(
        r#"
[incoming]
client_name = { input = "identity" }
[outgoing]
application_sid = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
params = { user_id = 42 }
"#,
    )
    .expect("valid policy file")
}

/// The claims of a capability token, for jsonwebtoken.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Claims {
    /// The scope claim.
    pub scope: String,
    /// The account SID.
    pub iss: String,
    /// The expiry.
    pub exp: u64,
}

/// The reference API key of the access-token vectors.
pub fn api_key() -> ApiKey {
    ApiKey::new(
        ACCOUNT_SID,
        "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        "goldenvectorsecret0123456789abcd",
    )
    .expect("valid reference key")
}

/// The access seed: what the token server grants, as Twilio's Voice quickstart does: identity
/// `alice`, incoming calls and outgoing calls through the TwiML application.
pub fn access_seed_policy() -> AccessPolicy {
    AccessPolicy::builder()
        .identity("alice".parse().expect("valid identity"))
        .voice(
            VoiceGrant::new().allow_incoming().allow_outgoing(
                "AP89a0180a1a4ddf1da954efca349b7a20"
                    .parse()
                    .expect("valid SID"),
                [] as [(&str, &str); 0],
            ),
        )
        .build()
        .expect("valid policy")
}

/// The access seed with the identity as a run-time input.
pub fn access_seed_template() -> AccessTemplate {
    AccessTemplate::from_toml_str(
        r#"
format = "access-token"
identity = { input = "identity" }
[voice]
incoming = true
outgoing = { application_sid = "AP89a0180a1a4ddf1da954efca349b7a20" }
"#,
    )
    .expect("valid policy file")
}

/// The claims of the access seed, for jsonwebtoken: serialized in this field order, they are
/// the bytes of the reference format.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct AccessClaims {
    /// `SK…-now`.
    pub jti: String,
    /// The API key SID.
    pub iss: String,
    /// The account SID.
    pub sub: String,
    /// The expiry.
    pub exp: u64,
    /// The grants.
    pub grants: Grants,
}

/// The grants of the access seed.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Grants {
    /// The identity.
    pub identity: String,
    /// The voice grant.
    pub voice: Voice,
}

/// The voice grant of the access seed.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Voice {
    /// `{"allow": true}`.
    pub incoming: Allow,
    /// The TwiML application.
    pub outgoing: Outgoing,
}

/// `{"allow": …}`.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Allow {
    /// Whether incoming calls are allowed.
    pub allow: bool,
}

/// `{"application_sid": …}`.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Outgoing {
    /// The TwiML application SID.
    pub application_sid: String,
}

/// The TaskRouter seed's worker.
pub const WORKER_SID: &str = "WK22222222222222222222222222222222";

/// The TaskRouter seed: a support agent's worker (examples/policies/support_agent_worker.toml),
/// the default worker policies plus activity and reservation updates, for a shift of 8 hours.
pub fn taskrouter_seed_policy() -> TaskRouterPolicy {
    TaskRouterPolicy::builder()
        .workspace(
            "WS11111111111111111111111111111111"
                .parse()
                .expect("valid SID"),
        )
        .worker(WORKER_SID.parse().expect("valid SID"))
        .allow(capability::Allow::ActivityUpdates)
        .allow(capability::Allow::ReservationUpdates)
        .ttl(Ttl::try_from(28_800u64).expect("valid ttl"))
        .build()
        .expect("valid policy")
}

/// The TaskRouter seed with the worker SID as a run-time input, as the example file has it.
pub fn taskrouter_seed_template() -> TaskRouterTemplate {
    TaskRouterTemplate::from_toml_str(
        r#"
format = "taskrouter"
workspace_sid = "WS11111111111111111111111111111111"
ttl = 28800
[worker]
sid = { input = "worker_sid" }
activity_updates = true
reservation_updates = true
"#,
    )
    .expect("valid policy file")
}

/// The claims of the TaskRouter seed, for jsonwebtoken: serialized in this field order, they
/// are the bytes of the reference format.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct TaskRouterClaims {
    /// The account SID.
    pub account_sid: String,
    /// The workspace SID.
    pub workspace_sid: String,
    /// The worker SID.
    pub channel: String,
    /// `v1`.
    pub version: String,
    /// The worker SID.
    pub friendly_name: String,
    /// The policies, in token order.
    pub policies: Vec<TaskRouterRule>,
    /// The worker SID.
    pub worker_sid: String,
    /// The account SID.
    pub iss: String,
    /// The expiry.
    pub exp: u64,
}

/// One policy of a TaskRouter token.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct TaskRouterRule {
    /// The URL.
    pub url: String,
    /// The HTTP method.
    pub method: String,
    /// Whether the request is allowed.
    pub allow: bool,
    /// Query parameters, by name.
    pub query_filter: BTreeMap<String, Required>,
    /// Form parameters, by name.
    pub post_filter: BTreeMap<String, Required>,
}

/// `{"required": …}`.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Required {
    /// Whether the parameter is required.
    pub required: bool,
}
