//! Shared by the integration tests: the reference vectors and their inputs.
#![allow(dead_code)] // each test binary uses a different part

use std::path::PathBuf;

use capability::{AppSid, ClientName, Credentials, Policy, Ttl};
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
pub fn policy_from_input(input: &Value) -> Policy {
    let mut b = Policy::builder();
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
