//! Property tests: sign then verify gives back the policy exactly, whatever the values hold.
//! The case count and seed are fixed, so CI runs the same cases every time.

mod support;

use capability::encoding::{decode, encode};
use capability::{AppSid, CapabilityPolicy, ClientName, Scope, Ttl, verify_capability_token};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

fn config() -> Config {
    Config {
        cases: 256,
        rng_seed: RngSeed::Fixed(0x00c0_ffee_2026_1127),
        failure_persistence: None,
        ..Config::default()
    }
}

/// The hostile values the spec and the issues name.
const SPEC_HOSTILE: &[&str] = &[
    "&",
    "=",
    "+",
    "%",
    "/",
    " ",
    "é",
    "😀",
    "",
    "&clientName=admin",
    "%26",
    "\n",
    "\0",
];

/// Text that tries to break the encoding: separators, escapes, controls, non-ASCII, and
/// arbitrary Unicode.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(
        [
            SPEC_HOSTILE,
            &[
                "%2B",
                "%25",
                "?",
                "scope:client:incoming?clientName=x",
                " scope:stream:subscribe",
                "\"",
                "\\",
                "a",
                "Z",
                "9",
                "_",
                ".",
                "-",
                "~",
            ],
        ]
        .concat(),
    );
    prop_oneof![
        prop::collection::vec(pieces, 0..8).prop_map(|p| p.concat()),
        any::<String>(),
    ]
}

fn pairs() -> impl Strategy<Value = Vec<(String, String)>> {
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

fn policy() -> impl Strategy<Value = CapabilityPolicy> {
    let names = prop::collection::vec("[A-Za-z0-9_]{1,12}", 0..4);
    let app = "AP[0-9a-f]{32}";
    let outgoing = prop::option::of((app, pairs()));
    let stream = prop::option::of(pairs());
    (names, outgoing, stream, 1u64..=86_400)
        .prop_filter("a policy grants something", |(n, o, s, _)| {
            !n.is_empty() || o.is_some() || s.is_some()
        })
        .prop_map(|(names, outgoing, stream, ttl)| {
            let mut b = CapabilityPolicy::builder().ttl(Ttl::try_from(ttl).unwrap());
            let mut seen = std::collections::HashSet::new();
            for n in names.into_iter().filter(|n| seen.insert(n.clone())) {
                b = b.allow_client_incoming(n.parse::<ClientName>().unwrap());
            }
            if let Some((sid, params)) = outgoing {
                b = b.allow_client_outgoing(sid.parse::<AppSid>().unwrap(), params);
            }
            if let Some(filters) = stream {
                b = b.allow_event_stream(filters);
            }
            b.build().unwrap()
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn decode_inverts_encode(text in any::<String>()) {
        prop_assert_eq!(decode(&encode(&text)).unwrap(), text);
    }

    #[test]
    fn the_encoder_writes_only_safe_characters(text in hostile_text()) {
        let encoded = encode(&text);
        prop_assert!(
            encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.-~%+".contains(&b)),
            "{:?}", encoded
        );
    }

    #[test]
    fn sign_then_verify_gives_back_the_policy(policy in policy(), now in 0u64..4_000_000_000) {
        let creds = support::creds();
        let token = policy.sign_at(&creds, now).unwrap();
        let decoded = verify_capability_token(token.as_str(), creds.auth_token(), now, 0).unwrap();
        prop_assert_eq!(&decoded.scopes, &policy.scopes());
        prop_assert_eq!(decoded.claims.exp, now + u64::from(policy.ttl().as_secs()));
        prop_assert_eq!(&decoded.claims.iss, creds.account_sid().as_str());
        // The scopes say exactly what the policy says, no more: one per grant.
        let expected = policy.incoming().len()
            + usize::from(policy.outgoing().is_some())
            + usize::from(policy.event_stream().is_some());
        prop_assert_eq!(decoded.scopes.len(), expected);
    }

    #[test]
    fn no_value_changes_another_param_or_the_caller(value in hostile_text()) {
        let policy = CapabilityPolicy::builder()
            .allow_client_incoming("alice".parse().unwrap())
            .allow_client_outgoing(
                "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".parse().unwrap(),
                [("before", "1"), ("user_id", value.as_str()), ("after", "2")],
            )
            .allow_event_stream([("CallSid", value.as_str())])
            .build()
            .unwrap();
        let creds = support::creds();
        let token = policy.sign_at(&creds, support::NOW).unwrap();
        let scopes = verify_capability_token(token.as_str(), creds.auth_token(), support::NOW, 0).unwrap().scopes;
        prop_assert_eq!(scopes, vec![
            Scope::Incoming { client_name: "alice".into() },
            Scope::EventStream { filters: vec![("CallSid".into(), value.clone())] },
            Scope::Outgoing {
                application_sid: "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".into(),
                client_name: Some("alice".into()),
                params: vec![("before".into(), "1".into()), ("user_id".into(), value.clone()), ("after".into(), "2".into())],
            },
        ]);
    }
}

#[test]
fn the_hostile_values_named_in_the_spec_round_trip() {
    let params: Vec<_> = SPEC_HOSTILE
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("k{i}"), v.to_string()))
        .collect();
    let policy = CapabilityPolicy::builder()
        .allow_client_outgoing(
            "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".parse().unwrap(),
            params.clone(),
        )
        .build()
        .unwrap();
    let creds = support::creds();
    let token = policy.sign_at(&creds, support::NOW).unwrap();
    let decoded =
        verify_capability_token(token.as_str(), creds.auth_token(), support::NOW, 0).unwrap();
    assert_eq!(
        decoded.scopes,
        [Scope::Outgoing {
            application_sid: "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".into(),
            client_name: None,
            params
        }]
    );
}

#[test]
fn a_value_too_long_once_encoded_is_refused_not_truncated() {
    // 4 KiB of `%` is a valid value, but encoded twice it is 20 KiB: the token would be over
    // the 8 KiB a verifier reads, so the policy is refused.
    let creds = support::creds();
    let err = CapabilityPolicy::builder()
        .allow_event_stream([("CallSid", "%".repeat(4096))])
        .build()
        .unwrap_err();
    assert!(
        matches!(err, capability::PolicyError::TokenTooLong { max: 8192, .. }),
        "{err:?}"
    );
    let sign = |value: &str| {
        CapabilityPolicy::builder()
            .allow_event_stream([("CallSid", value)])
            .build()
            .unwrap()
            .sign_at(&creds, support::NOW)
    };
    // 1 KiB of `%` fits, and comes back unchanged.
    let value = "%".repeat(1024);
    let token = sign(&value).unwrap();
    let scopes = verify_capability_token(token.as_str(), creds.auth_token(), support::NOW, 0)
        .unwrap()
        .scopes;
    assert_eq!(
        scopes,
        [Scope::EventStream {
            filters: vec![("CallSid".into(), value)]
        }]
    );
}
