//! Property tests for access tokens: sign then verify gives back the policy exactly, and no
//! identity or param value, however hostile, changes another field or grant. The case count
//! and seed are fixed, so CI runs the same cases every time.

mod support;

use capability::{
    AccessPolicy, ChatGrant, SyncGrant, TaskRouterGrant, Ttl, VideoGrant, VoiceGrant,
    verify_access_token,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use serde_json::Value;
use support::api_key;

fn config() -> Config {
    Config {
        cases: 256,
        rng_seed: RngSeed::Fixed(0x00ac_ce55_2026_1202),
        failure_persistence: None,
        ..Config::default()
    }
}

/// Text that tries to break out of a JSON string: quotes, backslashes, controls, escapes,
/// JSON of its own, non-ASCII, and arbitrary Unicode.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\"",
        "\\",
        "\\\"",
        "\n",
        "\0",
        "\u{1f}",
        "\u{7f}",
        "\u{2028}",
        "é",
        "😀",
        "/",
        "}",
        "{",
        ",",
        ":",
        "\",\"identity\":\"admin",
        "\"}}",
        "\\u0022",
        "a",
        "Z",
        "_",
        " ",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 0..8).prop_map(|p| p.concat()),
        any::<String>(),
    ]
}

fn params() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec(
        (
            hostile_text().prop_filter("keys are not empty", |k| !k.is_empty()),
            hostile_text(),
        ),
        0..6,
    )
    .prop_map(|pairs| {
        let mut seen = std::collections::HashSet::new();
        pairs
            .into_iter()
            .filter(|(k, _)| seen.insert(k.clone()))
            .collect()
    })
}

/// Free text of the fields that forbid only controls: room, endpoint, role.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop::string::string_regex(&format!("[^\\p{{Cc}}]{{1,{max}}}")).unwrap()
}

fn sid(prefix: &'static str) -> impl Strategy<Value = String> {
    "[0-9a-fA-F]{32}".prop_map(move |hex| format!("{prefix}{hex}"))
}

prop_compose! {
    fn policy()(
        client_name in "[A-Za-z0-9_]{1,20}",
        other_identity in "[^\\s\\p{Cc}]{1,30}",
        incoming in any::<bool>(),
        outgoing in prop::option::of((sid("AP"), params())),
        push in prop::option::of(sid("CR")),
        voice in any::<bool>(),
        endpoint in prop::option::of(text(40)),
        room in prop::option::of(prop::option::of(text(40))),
        chat in prop::option::of((sid("IS"), prop::option::of(sid("RL")))),
        sync in prop::option::of(prop_oneof![Just("default".to_owned()), sid("IS")]),
        task_router in prop::option::of((sid("WS"), prop::option::of(sid("WK")), prop::option::of(text(20)))),
        ttl in 1u64..=86_400,
        region in prop::option::of("[a-z]{2}[0-9]"),
    ) -> AccessPolicy {
        let voice = voice && (incoming || outgoing.is_some() || push.is_some());
        let identity = if voice { client_name } else { other_identity };
        let mut b = AccessPolicy::builder()
            .identity(identity.parse().unwrap())
            .ttl(Ttl::try_from(ttl).unwrap());
        let mut any = false;
        if voice {
            let mut grant = VoiceGrant::new();
            if incoming {
                grant = grant.allow_incoming();
            }
            if let Some((app, params)) = outgoing {
                grant = grant.allow_outgoing(app.parse().unwrap(), params);
            }
            if let Some(push) = push {
                grant = grant.push_credential(push.parse().unwrap());
            }
            if let Some(endpoint) = &endpoint {
                grant = grant.endpoint(endpoint.parse().unwrap());
            }
            b = b.voice(grant);
            any = true;
        }
        if let Some(room) = room {
            let mut grant = VideoGrant::new();
            if let Some(room) = room {
                grant = grant.room(room.parse().unwrap());
            }
            b = b.video(grant);
            any = true;
        }
        if let Some((service, role)) = chat {
            let mut grant = ChatGrant::new().service(service.parse().unwrap());
            if let Some(role) = role {
                grant = grant.deployment_role(role.parse().unwrap());
            }
            b = b.chat(grant);
            any = true;
        }
        if let Some(service) = sync {
            let mut grant = SyncGrant::new().service(service.parse().unwrap());
            if let Some(endpoint) = &endpoint {
                grant = grant.endpoint(endpoint.parse().unwrap());
            }
            b = b.sync(grant);
            any = true;
        }
        if let Some((workspace, worker, role)) = task_router.filter(|_| !any) {
            let mut grant = TaskRouterGrant::new().workspace(workspace.parse().unwrap());
            if let Some(worker) = worker {
                grant = grant.worker(worker.parse().unwrap());
            }
            if let Some(role) = role {
                grant = grant.role(role.parse().unwrap());
            }
            b = b.task_router(grant);
            any = true;
        }
        if !any {
            b = b.video(VideoGrant::new());
        }
        if let Some(region) = region {
            b = b.region(region.parse().unwrap());
        }
        b.build().unwrap()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn sign_then_verify_returns_the_policy(policy in policy(), now in 0u64..=4_000_000_000) {
        let key = api_key();
        let token = policy.sign_at(&key, now).unwrap();
        let decoded = verify_access_token(token.as_str(), key.secret(), now, 0).unwrap();
        prop_assert_eq!(&decoded.identity, policy.identity().as_str());
        prop_assert_eq!(&decoded.grants, &policy.grants());
        prop_assert_eq!(decoded.header.twr.as_deref(), policy.region().map(|r| r.as_str()));
        prop_assert_eq!(decoded.claims.exp, now + u64::from(policy.ttl().as_secs()));
        prop_assert_eq!(decoded.jti.clone(), Some(format!("{}-{now}", key.key_sid())));
        prop_assert_eq!(&decoded.claims.iss, key.key_sid().as_str());
        prop_assert_eq!(&decoded.sub, key.account_sid().as_str());
        // The grants object is the policy's, byte for byte.
        prop_assert_eq!(&decoded.grants_json, policy.grants_json());
        let raw = serde_json::to_string(&Value::Object(decoded.raw_grants())).unwrap();
        prop_assert_eq!(raw, policy.grants_json());
    }

    #[test]
    fn no_param_value_changes_another_field_or_grant(
        params in params(),
        identity in "[A-Za-z0-9_]{1,20}",
        room in text(30),
    ) {
        let app = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
        let policy = AccessPolicy::builder()
            .identity(identity.parse().unwrap())
            .voice(VoiceGrant::new().allow_incoming().allow_outgoing(app.parse().unwrap(), params.clone()))
            .video(VideoGrant::new().room(room.parse().unwrap()))
            .build()
            .unwrap();
        let key = api_key();
        let token = policy.sign_at(&key, 1_700_000_000).unwrap();
        let d = verify_access_token(token.as_str(), key.secret(), 1_700_000_000, 0).unwrap();
        // Exactly the grants and fields written, nothing added, each value as it was.
        let raw = d.raw_grants();
        let keys: Vec<&str> = raw.keys().map(String::as_str).collect();
        prop_assert_eq!(keys, ["identity", "voice", "video"]);
        prop_assert_eq!(&d.identity, &identity);
        let voice = d.grants.voice.unwrap();
        prop_assert!(voice.incoming);
        let outgoing = voice.outgoing.unwrap();
        prop_assert_eq!(outgoing.application_sid, app);
        let decoded: Vec<(String, String)> = outgoing
            .params
            .into_iter()
            .map(|(k, v)| (k, v.as_str().unwrap().to_owned()))
            .collect();
        prop_assert_eq!(decoded, params);
        prop_assert_eq!(d.grants.video.unwrap().room, Some(room));
        prop_assert!(d.grants.other.is_empty());
    }

    #[test]
    fn no_identity_changes_another_field_or_grant(identity in "[^\\s\\p{Cc}]{1,121}") {
        let policy = AccessPolicy::builder()
            .identity(identity.parse().unwrap())
            .chat(ChatGrant::new().service("IS0123456789abcdef0123456789abcdef".parse().unwrap()))
            .build()
            .unwrap();
        let key = api_key();
        let token = policy.sign_at(&key, 1_700_000_000).unwrap();
        let d = verify_access_token(token.as_str(), key.secret(), 1_700_000_000, 0).unwrap();
        let raw = d.raw_grants();
        let keys: Vec<&str> = raw.keys().map(String::as_str).collect();
        prop_assert_eq!(keys, ["identity", "chat"]);
        prop_assert_eq!(&d.identity, &identity);
        let chat = d.grants.chat.unwrap();
        prop_assert_eq!(chat.service_sid.as_deref(), Some("IS0123456789abcdef0123456789abcdef"));
        prop_assert_eq!((chat.endpoint_id, chat.deployment_role_sid, chat.push_credential_sid), (None, None, None));
    }
}
