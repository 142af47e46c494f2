//! Shared by the integration tests: the reference vectors and their inputs.
#![allow(dead_code)] // each test binary uses a different part

use std::path::PathBuf;

pub mod policy_toml;

use capability::{AppSid, CapabilityPolicy, ClientName, Credentials, Ttl};
use serde_json::Value;

pub const ACCOUNT_SID: &str = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
pub const AUTH_TOKEN: &str = "0123456789abcdef0123456789abcdef";
pub const NOW: u64 = 1_700_000_000;

/// `tests/vectors/`: the copies of `../shared/vectors/` the tests read.
pub fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

pub fn creds() -> Credentials {
    Credentials::new(ACCOUNT_SID, AUTH_TOKEN).unwrap()
}

/// One case of `reference-tokens.json`.
pub struct Vector {
    pub name: String,
    pub input: Value,
    pub payload: String,
    pub token: String,
}

pub fn vectors() -> Vec<Vector> {
    let path = vectors_dir().join("reference-tokens.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["account_sid"], ACCOUNT_SID);
    assert_eq!(doc["auth_token"], AUTH_TOKEN);
    assert_eq!(doc["now"], NOW);
    let cases = doc["cases"].as_array().unwrap();
    assert!(!cases.is_empty());
    cases
        .iter()
        .map(|c| Vector {
            name: c["name"].as_str().unwrap().to_owned(),
            input: c["input"].clone(),
            payload: c["payload"].as_str().unwrap().to_owned(),
            token: c["token"].as_str().unwrap().to_owned(),
        })
        .collect()
}

/// `[[k, v], …]` as pairs.
pub fn pairs(value: &Value) -> Vec<(String, String)> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .map(|p| {
                    (
                        p[0].as_str().unwrap().to_owned(),
                        p[1].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A vector's input as a policy, made with the builder.
pub fn policy_from_input(input: &Value) -> CapabilityPolicy {
    let mut b = CapabilityPolicy::builder();
    for name in input["incoming"].as_array().into_iter().flatten() {
        b = b.allow_client_incoming(name.as_str().unwrap().parse::<ClientName>().unwrap());
    }
    if let Some(out) = input.get("outgoing") {
        let sid: AppSid = out["application_sid"].as_str().unwrap().parse().unwrap();
        b = b.allow_client_outgoing(sid, pairs(&out["params"]));
    }
    if let Some(filters) = input.get("event_stream") {
        b = b.allow_event_stream(pairs(filters));
    }
    if let Some(ttl) = input.get("ttl") {
        b = b.ttl(Ttl::try_from(ttl.as_u64().unwrap()).unwrap());
    }
    b.build().unwrap()
}

/// The reference API key of `access-tokens.json`.
pub const API_KEY_SID: &str = "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
pub const API_SECRET: &str = "goldenvectorsecret0123456789abcd";

pub fn api_key() -> capability::ApiKey {
    capability::ApiKey::new(ACCOUNT_SID, API_KEY_SID, API_SECRET).unwrap()
}

/// One case of `access-tokens.json`.
pub struct AccessVector {
    pub name: String,
    pub input: Value,
    pub header: String,
    pub payload: String,
    pub token: String,
}

pub fn access_vectors() -> Vec<AccessVector> {
    let path = vectors_dir().join("access-tokens.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["account_sid"], ACCOUNT_SID);
    assert_eq!(doc["api_key_sid"], API_KEY_SID);
    assert_eq!(doc["api_secret"], API_SECRET);
    assert_eq!(doc["now"], NOW);
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 14);
    cases
        .iter()
        .map(|c| AccessVector {
            name: c["name"].as_str().unwrap().to_owned(),
            input: c["input"].clone(),
            header: c["header"].as_str().unwrap().to_owned(),
            payload: c["payload"].as_str().unwrap().to_owned(),
            token: c["token"].as_str().unwrap().to_owned(),
        })
        .collect()
}

/// A string field of a vector's input, parsed into its checked type.
fn field<T: std::str::FromStr>(value: &Value, key: &str) -> Option<T>
where
    T::Err: std::fmt::Debug,
{
    value.get(key).map(|v| v.as_str().unwrap().parse().unwrap())
}

/// An access vector's input as a policy, made with the builder.
pub fn access_policy_from_input(input: &Value) -> capability::AccessPolicy {
    use capability::{ChatGrant, SyncGrant, TaskRouterGrant, VideoGrant, VoiceGrant};
    let mut b = capability::AccessPolicy::builder()
        .identity(input["identity"].as_str().unwrap().parse().unwrap());
    let grants = &input["grants"];
    if let Some(v) = grants.get("voice") {
        let mut voice = VoiceGrant::new();
        if v["incoming"] == true {
            voice = voice.allow_incoming();
        }
        if let Some(out) = v.get("outgoing") {
            voice = voice.allow_outgoing(
                field(out, "application_sid").unwrap(),
                pairs(&out["params"]),
            );
        }
        if let Some(sid) = field(v, "push_credential_sid") {
            voice = voice.push_credential(sid);
        }
        if let Some(id) = field(v, "endpoint_id") {
            voice = voice.endpoint(id);
        }
        b = b.voice(voice);
    }
    if let Some(v) = grants.get("video") {
        let mut video = VideoGrant::new();
        if let Some(room) = field(v, "room") {
            video = video.room(room);
        }
        b = b.video(video);
    }
    if let Some(c) = grants.get("chat") {
        let mut chat = ChatGrant::new();
        if let Some(sid) = field(c, "service_sid") {
            chat = chat.service(sid);
        }
        if let Some(id) = field(c, "endpoint_id") {
            chat = chat.endpoint(id);
        }
        if let Some(sid) = field(c, "deployment_role_sid") {
            chat = chat.deployment_role(sid);
        }
        if let Some(sid) = field(c, "push_credential_sid") {
            chat = chat.push_credential(sid);
        }
        b = b.chat(chat);
    }
    if let Some(s) = grants.get("sync") {
        let mut sync = SyncGrant::new();
        if let Some(sid) = field(s, "service_sid") {
            sync = sync.service(sid);
        }
        if let Some(id) = field(s, "endpoint_id") {
            sync = sync.endpoint(id);
        }
        b = b.sync(sync);
    }
    if let Some(t) = grants.get("task_router") {
        let mut grant = TaskRouterGrant::new();
        if let Some(sid) = field(t, "workspace_sid") {
            grant = grant.workspace(sid);
        }
        if let Some(sid) = field(t, "worker_sid") {
            grant = grant.worker(sid);
        }
        if let Some(role) = field(t, "role") {
            grant = grant.role(role);
        }
        b = b.task_router(grant);
    }
    if let Some(ttl) = input.get("ttl") {
        b = b.ttl(Ttl::try_from(ttl.as_u64().unwrap()).unwrap());
    }
    if let Some(region) = field(input, "region") {
        b = b.region(region);
    }
    b.build().unwrap()
}

/// One case of `taskrouter-tokens.json`.
pub struct TaskRouterVector {
    pub name: String,
    pub input: Value,
    pub payload: String,
    pub token: String,
}

pub fn taskrouter_vectors() -> Vec<TaskRouterVector> {
    let path = vectors_dir().join("taskrouter-tokens.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["account_sid"], ACCOUNT_SID);
    assert_eq!(doc["auth_token"], AUTH_TOKEN);
    assert_eq!(doc["now"], NOW);
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 7);
    cases
        .iter()
        .map(|c| TaskRouterVector {
            name: c["name"].as_str().unwrap().to_owned(),
            input: c["input"].clone(),
            payload: c["payload"].as_str().unwrap().to_owned(),
            token: c["token"].as_str().unwrap().to_owned(),
        })
        .collect()
}

/// A TaskRouter vector's input as a policy, made with the builder.
pub fn taskrouter_policy_from_input(input: &Value) -> capability::TaskRouterPolicy {
    use capability::{Allow, CustomPolicy, TaskRouterPolicy};
    let mut b = TaskRouterPolicy::builder().workspace(field(input, "workspace_sid").unwrap());
    b = match input["type"].as_str().unwrap() {
        "worker" => b.worker(field(input, "worker_sid").unwrap()),
        "taskqueue" => b.task_queue(field(input, "taskqueue_sid").unwrap()),
        _ => b.workspace_channel(),
    };
    for name in input["allow"].as_array().into_iter().flatten() {
        b = b.allow(Allow::from_name(name.as_str().unwrap()).unwrap());
    }
    for p in input["policies"].as_array().into_iter().flatten() {
        let mut custom = CustomPolicy::new(field(p, "url").unwrap(), field(p, "method").unwrap());
        if let Some(allow) = p.get("allow") {
            custom = custom.allowing(allow.as_bool().unwrap());
        }
        for (name, f) in p["query_filter"].as_object().into_iter().flatten() {
            custom = custom.query_filter(name, f["required"].as_bool().unwrap());
        }
        for (name, f) in p["post_filter"].as_object().into_iter().flatten() {
            custom = custom.post_filter(name, f["required"].as_bool().unwrap());
        }
        b = b.policy(custom);
    }
    if let Some(ttl) = input.get("ttl") {
        b = b.ttl(Ttl::try_from(ttl.as_u64().unwrap()).unwrap());
    }
    b.build().unwrap()
}
