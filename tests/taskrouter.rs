//! TaskRouter tokens: every vector byte for byte through the builder; the official token
//! verifies and decodes to its policies; every rule of spec section 2 refused by the builder;
//! the option flags give exactly the policies of spec 1.5, in that order, for every combination.

mod support;

use capability::{
    Allow, AuthToken, CustomPolicy, Method, PolicyError, TaskRouterPolicy, TaskRouterRule,
    TokenKind, VerifyError, verify_capability_token, verify_taskrouter_token,
};
use serde_json::Value;
use support::{
    AUTH_TOKEN, NOW, creds, taskrouter_policy_from_input, taskrouter_vectors, vectors_dir,
};

#[test]
fn the_builder_reproduces_every_taskrouter_vector() {
    for v in taskrouter_vectors() {
        let policy = taskrouter_policy_from_input(&v.input);
        let token = policy.sign_at(&creds(), NOW).unwrap();
        assert_eq!(token.as_str(), v.token, "{}", v.name);
        let key: AuthToken = AUTH_TOKEN.parse().unwrap();
        let decoded = verify_taskrouter_token(&v.token, &key, NOW, 0).unwrap();
        assert_eq!(
            decoded.policies,
            policy.rules(support::ACCOUNT_SID),
            "{}",
            v.name
        );
        // Keyed once, the same answers, for the token and for its tampered copy.
        let verifier = capability::TaskRouterVerifier::new(&key);
        assert_eq!(verifier.verify(&v.token, NOW, 0), Ok(decoded), "{}", v.name);
        let tampered = format!("{}x", &v.token[..v.token.len() - 1]);
        assert_eq!(
            verifier.verify(&tampered, NOW, 0),
            verify_taskrouter_token(&tampered, &key, NOW, 0)
        );
        let shown = format!("{verifier:?}");
        assert!(!shown.contains(AUTH_TOKEN), "{shown}");
        let _ = &v.payload;
    }
}

#[test]
fn the_official_taskrouter_token_verifies_and_decodes_to_its_policies() {
    let text = std::fs::read_to_string(vectors_dir().join("official-access-tokens.json")).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let case = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "taskrouter")
        .unwrap();
    let key: AuthToken = case["auth_token"].as_str().unwrap().parse().unwrap();
    let token = case["token"].as_str().unwrap();
    let now = doc["now"].as_u64().unwrap();
    let d = verify_taskrouter_token(token, &key, now, 0).unwrap();
    let expect = &case["expect"];
    assert_eq!(d.claims.iss, expect["claims"]["iss"]);
    assert_eq!(d.claims.iat, expect["claims"]["iat"].as_u64());
    assert_eq!(
        d.worker_sid.as_deref(),
        expect["claims"]["worker_sid"].as_str()
    );
    assert_eq!(d.channel, expect["claims"]["channel"]);
    let expected: Vec<TaskRouterRule> = expect["policies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let filter = |f: &Value| -> Vec<(String, bool)> {
                f.as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), v["required"].as_bool().unwrap()))
                    .collect()
            };
            (
                p["url"].as_str().unwrap().to_owned(),
                p["method"].as_str().unwrap().to_owned(),
                p["allow"].as_bool().unwrap(),
                filter(&p["query_filter"]),
                filter(&p["post_filter"]),
            )
        })
        .zip(d.policies.iter())
        .map(|(e, got)| {
            assert_eq!(
                (
                    &got.url,
                    &got.method,
                    got.allow,
                    &got.query_filter,
                    &got.post_filter
                ),
                (&e.0, &e.1, e.2, &e.3, &e.4)
            );
            got.clone()
        })
        .collect();
    assert_eq!(expected.len(), expect["policies"].as_array().unwrap().len());
    assert_eq!(d.policies.len(), expected.len());
    let wrong: AuthToken = "not the key".parse().unwrap();
    assert_eq!(
        verify_taskrouter_token(token, &wrong, now, 0),
        Err(VerifyError::BadSignature)
    );
    assert_eq!(
        verify_capability_token(token, &key, now, 0),
        Err(VerifyError::WrongKind {
            expected: TokenKind::Capability,
            found: TokenKind::TaskRouter
        })
    );
    assert_eq!(
        capability::inspect(token).unwrap().kind(),
        TokenKind::TaskRouter
    );
}

const WS: &str = "WS11111111111111111111111111111111";
const WK: &str = "WK22222222222222222222222222222222";
const WQ: &str = "WQ33333333333333333333333333333333";

fn worker() -> capability::TaskRouterPolicyBuilder {
    TaskRouterPolicy::builder()
        .workspace(WS.parse().unwrap())
        .worker(WK.parse().unwrap())
}

#[test]
fn every_rule_of_section_2_is_refused_by_the_builder() {
    let url = |u: &str| u.parse().unwrap();
    let tasks = format!("https://taskrouter.twilio.com/v1/Workspaces/{WS}/Tasks/**");
    let cases: Vec<(capability::TaskRouterPolicyBuilder, PolicyError)> = vec![
        (
            TaskRouterPolicy::builder().worker(WK.parse().unwrap()),
            PolicyError::MissingWorkspace,
        ),
        (
            TaskRouterPolicy::builder().workspace(WS.parse().unwrap()),
            PolicyError::MissingChannel,
        ),
        (
            worker().task_queue(WQ.parse().unwrap()),
            PolicyError::SeveralChannels { count: 2 },
        ),
        (
            TaskRouterPolicy::builder()
                .workspace(WS.parse().unwrap())
                .task_queue(WQ.parse().unwrap())
                .allow(Allow::ActivityUpdates),
            PolicyError::WorkerOnly {
                allow: Allow::ActivityUpdates,
                channel: "a task queue",
            },
        ),
        (
            TaskRouterPolicy::builder()
                .workspace(WS.parse().unwrap())
                .workspace_channel()
                .allow(Allow::ReservationUpdates),
            PolicyError::WorkerOnly {
                allow: Allow::ReservationUpdates,
                channel: "the workspace",
            },
        ),
        (
            worker().allow(Allow::UpdateSelf).allow(Allow::UpdateSelf),
            PolicyError::DuplicateAllow {
                allow: Allow::UpdateSelf,
            },
        ),
        (
            worker().policy(CustomPolicy::new(url(&tasks), Method::Get)),
            PolicyError::DuplicatePolicy {
                method: Method::Get,
                url: tasks.clone(),
            },
        ),
        (
            worker().policy(CustomPolicy::new(url(&tasks), Method::Post).post_filter("", true)),
            PolicyError::EmptyKey {
                scope: capability::ParamScope::PostFilter,
            },
        ),
        (
            worker().policy(
                CustomPolicy::new(url(&tasks), Method::Post)
                    .query_filter("A", true)
                    .query_filter("A", false),
            ),
            PolicyError::DuplicateKey {
                scope: capability::ParamScope::QueryFilter,
                key: "A".into(),
            },
        ),
        (
            worker()
                .policy(CustomPolicy::new(url(&tasks), Method::Post))
                .policy(CustomPolicy::new(url(&tasks), Method::Post)),
            PolicyError::DuplicatePolicy {
                method: Method::Post,
                url: tasks.clone(),
            },
        ),
    ];
    for (builder, error) in cases {
        assert_eq!(builder.build().unwrap_err(), error);
    }
    // The values' own rules.
    assert!(
        "https://example.com/v1/x"
            .parse::<capability::TaskRouterUrl>()
            .is_err()
    );
    assert!(
        format!("{tasks} x")
            .parse::<capability::TaskRouterUrl>()
            .is_err()
    );
    assert!(
        format!("https://taskrouter.twilio.com/v1/{}", "a".repeat(2048))
            .parse::<capability::TaskRouterUrl>()
            .is_err()
    );
    assert!("PUT".parse::<Method>().is_err());
    assert!("WQ1".parse::<capability::TaskQueueSid>().is_err());
    // A custom policy equal to one of the event bridge's is refused when signing, once the
    // account is known.
    let bridge = format!(
        "https://event-bridge.twilio.com/v1/wschannels/{}/{WK}",
        support::ACCOUNT_SID
    );
    let policy = worker()
        .policy(CustomPolicy::new(url(&bridge), Method::Get))
        .build()
        .unwrap();
    assert!(matches!(
        policy.sign_at(&creds(), NOW),
        Err(capability::SignError::Policy(
            PolicyError::DuplicatePolicy { .. }
        ))
    ));
}

/// A policy's URL, method and post filter.
type Expected = (String, String, Vec<(String, bool)>);

#[test]
fn the_option_flags_give_exactly_the_policies_of_section_1_5_for_every_combination() {
    let account = support::ACCOUNT_SID;
    let base = format!("https://taskrouter.twilio.com/v1/Workspaces/{WS}");
    let bridge = format!("https://event-bridge.twilio.com/v1/wschannels/{account}/{WK}");
    let resource = format!("{base}/Workers/{WK}");
    let rule = |url: &str, method: &str| {
        (
            url.to_owned(),
            method.to_owned(),
            Vec::<(String, bool)>::new(),
        )
    };
    for mask in 0u32..(1 << Allow::ALL.len()) {
        let chosen: Vec<Allow> = Allow::ALL
            .iter()
            .copied()
            .filter(|a| mask & (1 << *a as u32) != 0)
            .collect();
        // Given in reverse, to show that order of declaration does not matter.
        let mut b = worker();
        for a in chosen.iter().rev() {
            b = b.allow(*a);
        }
        let policy = b.build().unwrap();
        let got: Vec<Expected> = policy
            .rules(account)
            .into_iter()
            .map(|r| {
                assert!(r.allow && r.query_filter.is_empty());
                (r.url, r.method, r.post_filter)
            })
            .collect();
        let mut want = vec![
            rule(&bridge, "GET"),
            rule(&bridge, "POST"),
            rule(&resource, "GET"),
        ];
        let sub = format!("{resource}/**");
        for (a, url, method) in [
            (Allow::UpdateSelf, &resource, "POST"),
            (Allow::DeleteSelf, &resource, "DELETE"),
            (Allow::FetchSubresources, &sub, "GET"),
            (Allow::DeleteSubresources, &sub, "DELETE"),
            (Allow::UpdateSubresources, &sub, "POST"),
        ] {
            if chosen.contains(&a) {
                want.push(rule(url, method));
            }
        }
        let tasks = format!("{base}/Tasks/**");
        let reservations = format!("{resource}/Reservations/**");
        want.push(rule(&format!("{base}/Activities"), "GET"));
        want.push(rule(&tasks, "GET"));
        want.push(rule(&reservations, "GET"));
        if chosen.contains(&Allow::ActivityUpdates) {
            want.push((
                resource.clone(),
                "POST".into(),
                vec![("ActivitySid".into(), true)],
            ));
        }
        if chosen.contains(&Allow::ReservationUpdates) {
            want.push(rule(&tasks, "POST"));
            want.push(rule(&reservations, "POST"));
        }
        assert_eq!(got, want, "options {chosen:?}");
    }
}
