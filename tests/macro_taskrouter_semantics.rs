//! What a `taskrouter!` policy does at run time: a rule broken by a run-time value is deferred
//! to `sign_at`, which fails with it (the macro never fails and never panics). The order of
//! evaluation is tested in `macro_eval_order.rs`.

mod support;

use capability::{
    Method, PolicyError, SignError, TaskRouterUrl, WorkerSid, WorkspaceSid, taskrouter,
};
use support::{ACCOUNT_SID, NOW, creds};

const WS: &str = "WS11111111111111111111111111111111";
const WK: &str = "WK22222222222222222222222222222222";

fn url(text: &str) -> TaskRouterUrl {
    text.parse().unwrap()
}

fn duplicate(method: Method, url: &str) -> SignError {
    SignError::Policy(PolicyError::DuplicatePolicy {
        method,
        url: url.to_owned(),
    })
}

#[test]
fn a_runtime_url_equal_to_a_default_policy_fails_to_sign() {
    let tasks = format!("https://taskrouter.twilio.com/v1/Workspaces/{WS}/Tasks/**");
    let runtime = url(&tasks);
    let policy = taskrouter! {
        workspace "WS11111111111111111111111111111111";
        worker "WK22222222222222222222222222222222";
        policy GET &runtime;
    };
    assert_eq!(
        policy.sign_at(&creds(), NOW).unwrap_err(),
        duplicate(Method::Get, &tasks)
    );
    // An option's default: the worker's activity update.
    let worker = format!("https://taskrouter.twilio.com/v1/Workspaces/{WS}/Workers/{WK}");
    let policy = taskrouter! {
        workspace "WS11111111111111111111111111111111";
        worker "WK22222222222222222222222222222222";
        allow activity_updates;
        policy POST url(&worker) { post_filter { ActivitySid: required } };
    };
    assert_eq!(
        policy.sign_at(&creds(), NOW).unwrap_err(),
        duplicate(Method::Post, &worker)
    );
    // Not equal: denied, or another method.
    let policy = taskrouter! {
        workspace "WS11111111111111111111111111111111";
        worker "WK22222222222222222222222222222222";
        policy GET &runtime { deny };
        policy DELETE runtime;
    };
    assert!(policy.sign_at(&creds(), NOW).is_ok());
}

#[test]
fn a_runtime_sid_that_makes_a_literal_policy_a_default_fails_to_sign() {
    let workspace: WorkspaceSid = WS.parse().unwrap();
    let worker: WorkerSid = WK.parse().unwrap();
    let reservations =
        format!("https://taskrouter.twilio.com/v1/Workspaces/{WS}/Workers/{WK}/Reservations/**");
    let policy = taskrouter! {
        workspace &workspace;
        worker &worker;
        policy GET "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Workers/WK22222222222222222222222222222222/Reservations/**";
    };
    assert_eq!(
        policy.sign_at(&creds(), NOW).unwrap_err(),
        duplicate(Method::Get, &reservations)
    );
    // A custom policy equal to an earlier one, given at run time.
    let x = "https://taskrouter.twilio.com/v1/x";
    let policy = taskrouter! {
        workspace &workspace;
        worker &worker;
        policy POST "https://taskrouter.twilio.com/v1/x";
        policy POST url(x);
    };
    assert_eq!(
        policy.sign_at(&creds(), NOW).unwrap_err(),
        duplicate(Method::Post, x)
    );
}

#[test]
fn a_literal_equal_to_an_event_bridge_default_fails_to_sign() {
    // The event bridge's URLs name the account, known only when signing.
    let bridge = format!("https://event-bridge.twilio.com/v1/wschannels/{ACCOUNT_SID}/{WK}");
    let policy = taskrouter! {
        workspace "WS11111111111111111111111111111111";
        worker "WK22222222222222222222222222222222";
        policy POST "https://event-bridge.twilio.com/v1/wschannels/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/WK22222222222222222222222222222222";
    };
    assert_eq!(
        policy.sign_at(&creds(), NOW).unwrap_err(),
        duplicate(Method::Post, &bridge)
    );
}

#[test]
fn runtime_urls_too_long_to_sign_fail_to_sign() {
    let long = |i: usize| {
        url(&format!(
            "https://taskrouter.twilio.com/v1/{}{i}",
            "a".repeat(2000)
        ))
    };
    let policy = taskrouter! {
        workspace "WS11111111111111111111111111111111";
        workspace_channel;
        policy GET long(1);
        policy GET long(2);
        policy GET long(3);
        policy GET long(4);
    };
    assert!(matches!(
        policy.sign_at(&creds(), NOW).unwrap_err(),
        SignError::Policy(PolicyError::TokenTooLong { max: 8192, .. })
    ));
}

#[test]
fn a_policy_that_breaks_no_rule_is_what_the_builder_makes() {
    let runtime = url("https://taskrouter.twilio.com/v1/Workspaces/x");
    let policy = taskrouter! {
        workspace "WS11111111111111111111111111111111";
        worker "WK22222222222222222222222222222222";
        allow update_self;
        policy GET &runtime { query_filter { A: optional } };
        ttl 60;
    };
    let built = capability::TaskRouterPolicy::builder()
        .workspace(WS.parse().unwrap())
        .worker(WK.parse().unwrap())
        .allow(capability::Allow::UpdateSelf)
        .policy(capability::CustomPolicy::new(runtime, Method::Get).query_filter("A", false))
        .ttl(capability::Ttl::try_from(60u64).unwrap())
        .build()
        .unwrap();
    assert_eq!(policy, built);
    assert!(policy.sign_at(&creds(), NOW).is_ok());
}
