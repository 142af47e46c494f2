//! Every TaskRouter vector, reproduced byte for byte by a `taskrouter!` invocation: once
//! written in literals, checked at compile time, and once with every value a run-time
//! expression.

mod support;

use std::collections::BTreeMap;

use capability::{
    TaskQueueSid, TaskRouterPolicy, TaskRouterUrl, Ttl, WorkerSid, WorkspaceSid, taskrouter,
};
use support::{NOW, creds, taskrouter_vectors};

/// Signs each policy at the vectors' clock and compares it with the vector of the same name.
/// Every vector must have a policy, and every policy a vector.
fn assert_reproduces(policies: BTreeMap<&str, TaskRouterPolicy>) {
    let creds = creds();
    let vectors = taskrouter_vectors();
    let mut names: Vec<&str> = vectors.iter().map(|v| v.name.as_str()).collect();
    names.sort();
    assert_eq!(
        policies.keys().copied().collect::<Vec<_>>(),
        names,
        "one invocation per vector"
    );
    for vector in &vectors {
        let policy = &policies[vector.name.as_str()];
        let token = policy.sign_at(&creds, NOW).unwrap();
        assert_eq!(token.as_str(), vector.token, "token of {}", vector.name);
        // The same policy as the builder makes from the vector's input.
        assert_eq!(
            policy,
            &support::taskrouter_policy_from_input(&vector.input),
            "policy of {}",
            vector.name
        );
    }
}

#[test]
fn literal_invocations_reproduce_every_taskrouter_vector() {
    let policies = BTreeMap::from([
        (
            "worker_default",
            taskrouter! {
                workspace "WS11111111111111111111111111111111";
                worker "WK22222222222222222222222222222222";
            },
        ),
        (
            "worker_activity_and_reservation_updates",
            taskrouter! {
                worker "WK22222222222222222222222222222222";
                allow reservation_updates;
                workspace "WS11111111111111111111111111111111";
                allow activity_updates;
            },
        ),
        (
            // The options are listed in the order of the token, whatever the order written.
            "worker_all_allow_options",
            taskrouter! {
                workspace "WS11111111111111111111111111111111";
                worker "WK22222222222222222222222222222222";
                allow reservation_updates, activity_updates, update_subresources;
                allow delete_subresources, fetch_subresources, delete_self, update_self;
            },
        ),
        (
            "taskqueue_default",
            taskrouter! {
                workspace "WS11111111111111111111111111111111";
                task_queue "WQ33333333333333333333333333333333";
            },
        ),
        (
            "workspace_default",
            taskrouter! {
                workspace_channel;
                workspace "WS11111111111111111111111111111111"
            },
        ),
        (
            "workspace_custom_policies",
            taskrouter! {
                workspace "WS11111111111111111111111111111111";
                workspace_channel;
                policy POST "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Tasks/**" {
                    deny;
                    post_filter { AssignmentStatus: required, "Reason": optional };
                    query_filter { TaskQueueSid: required };
                };
                policy GET "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Workers" {};
            },
        ),
        (
            "worker_ttl_28800",
            taskrouter! {
                ttl 28_800;
                workspace "WS11111111111111111111111111111111";
                worker "WK22222222222222222222222222222222";
            },
        ),
    ]);
    assert_reproduces(policies);
}

/// Parses `text` into one of the checked types, as a program does with run-time text.
fn checked<T: std::str::FromStr>(text: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    text.parse().unwrap()
}

#[test]
fn runtime_expressions_reproduce_every_taskrouter_vector() {
    struct Config {
        workspace: WorkspaceSid,
        ttl: Ttl,
    }
    let config = Config {
        workspace: checked("WS11111111111111111111111111111111"),
        ttl: Ttl::try_from(28_800u64).unwrap(),
    };
    let worker: WorkerSid = checked("WK22222222222222222222222222222222");
    let queues: Vec<TaskQueueSid> = vec![checked("WQ33333333333333333333333333333333")];
    let api = format!(
        "https://taskrouter.twilio.com/v1/Workspaces/{}",
        config.workspace
    );
    let url = |path: &str| -> TaskRouterUrl { checked(&format!("{api}{path}")) };

    let policies = BTreeMap::from([
        (
            "worker_default",
            taskrouter! {
                workspace &config.workspace;
                worker &worker;
            },
        ),
        (
            "worker_activity_and_reservation_updates",
            taskrouter! {
                workspace config.workspace.clone();
                worker worker.clone();
                allow activity_updates, reservation_updates;
            },
        ),
        (
            "worker_all_allow_options",
            taskrouter! {
                workspace checked::<WorkspaceSid>("WS11111111111111111111111111111111");
                worker checked::<WorkerSid>("WK22222222222222222222222222222222");
                allow update_self, delete_self, fetch_subresources, delete_subresources;
                allow update_subresources, activity_updates, reservation_updates;
            },
        ),
        (
            "taskqueue_default",
            taskrouter! {
                workspace &config.workspace;
                task_queue &queues[0];
            },
        ),
        (
            "workspace_default",
            taskrouter! {
                workspace config.workspace.clone();
                workspace_channel;
            },
        ),
        (
            "workspace_custom_policies",
            taskrouter! {
                workspace &config.workspace;
                workspace_channel;
                policy POST url("/Tasks/**") {
                    query_filter { TaskQueueSid: required };
                    post_filter { AssignmentStatus: required, Reason: optional };
                    deny;
                };
                policy GET &url("/Workers");
            },
        ),
        (
            "worker_ttl_28800",
            taskrouter! {
                workspace &config.workspace;
                worker &worker;
                ttl &config.ttl;
            },
        ),
    ]);
    assert_reproduces(policies);
}
