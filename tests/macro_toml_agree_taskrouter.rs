//! Macro and TOML agree on TaskRouter tokens: the same policy written with `taskrouter!` and
//! in a policy file gives equal `TaskRouterPolicy` values and byte-identical tokens, from the
//! builder and from the minter; TOML inputs stand where the macro takes run-time values.

mod support;

use capability::{
    AuthToken, TaskRouterMinter, TaskRouterPolicy, TaskRouterTemplate, TaskRouterUrl, WorkerSid,
    taskrouter, verify_taskrouter_token,
};
use support::{AUTH_TOKEN, NOW, creds};

#[track_caller]
fn agree(from_macro: TaskRouterPolicy, toml: &str, inputs: &[(&str, &str)]) {
    let template = TaskRouterTemplate::from_toml_str(toml)
        .unwrap_or_else(|e| panic!("{e}\n--- in ---\n{toml}"));
    let from_toml = template.bind(inputs.iter().copied()).unwrap();
    assert_eq!(from_macro, from_toml, "the policies differ");
    let token = from_macro.sign_at(&creds(), NOW).unwrap();
    assert_eq!(
        token,
        from_toml.sign_at(&creds(), NOW).unwrap(),
        "the tokens differ"
    );
    let values: Vec<&str> = template
        .inputs()
        .iter()
        .map(|i| inputs.iter().find(|(n, _)| *n == i.name()).unwrap().1)
        .collect();
    let minted = TaskRouterMinter::from_template(&template, &creds()).mint_at(&values, NOW);
    assert_eq!(minted.unwrap(), token, "the minter differs");
    assert_eq!(
        TaskRouterMinter::new(&from_macro, &creds())
            .mint_at(&[], NOW)
            .unwrap(),
        token
    );
    let key: AuthToken = AUTH_TOKEN.parse().unwrap();
    let decoded = verify_taskrouter_token(token.as_str(), &key, NOW, 0).unwrap();
    assert_eq!(decoded.policies, from_macro.rules(support::ACCOUNT_SID));
}

#[test]
fn a_support_agent_with_a_runtime_worker() {
    let worker: WorkerSid = "WK22222222222222222222222222222222".parse().unwrap();
    agree(
        taskrouter! {
            workspace "WS11111111111111111111111111111111";
            worker &worker;
            allow activity_updates, reservation_updates;
            ttl 28800;
        },
        "format = \"taskrouter\"\nworkspace_sid = \"WS11111111111111111111111111111111\"\nttl = 28800\n[worker]\nsid = { input = \"worker_sid\" }\nactivity_updates = true\nreservation_updates = true\n",
        &[("worker_sid", "WK22222222222222222222222222222222")],
    );
}

#[test]
fn a_supervisor_with_a_deny_policy() {
    agree(
        taskrouter! {
            policy DELETE "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Tasks/**" { deny };
            workspace_channel;
            allow update_subresources, fetch_subresources;
            workspace "WS11111111111111111111111111111111";
        },
        "format = \"taskrouter\"\nworkspace_sid = \"WS11111111111111111111111111111111\"\n[workspace]\nfetch_subresources = true\nupdate_subresources = true\n[[policy]]\nurl = \"https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Tasks/**\"\nmethod = \"DELETE\"\nallow = false\n",
        &[],
    );
}

#[test]
fn a_task_queue_with_filtered_runtime_policies() {
    let url: TaskRouterUrl =
        "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Tasks"
            .parse()
            .unwrap();
    agree(
        taskrouter! {
            workspace "WS11111111111111111111111111111111";
            task_queue "WQ33333333333333333333333333333333";
            allow update_self;
            policy POST url {
                post_filter { TaskQueueSid: required, Priority: optional };
                query_filter { Attributes: optional };
            };
            ttl 600;
        },
        "format = \"taskrouter\"\nworkspace_sid = \"WS11111111111111111111111111111111\"\nttl = 600\n[task_queue]\nsid = \"WQ33333333333333333333333333333333\"\nupdate_self = true\n[[policy]]\nurl = { input = \"url\" }\nmethod = \"POST\"\npost_filter = { TaskQueueSid = { required = true }, Priority = { required = false } }\nquery_filter = { Attributes = { required = false } }\n",
        &[(
            "url",
            "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Tasks",
        )],
    );
}

#[test]
fn a_macro_policy_deferred_to_signing_is_refused_by_its_minter_too() {
    let url: TaskRouterUrl =
        "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Activities"
            .parse()
            .unwrap();
    let policy = taskrouter! {
        workspace "WS11111111111111111111111111111111";
        worker "WK22222222222222222222222222222222";
        policy GET url;
    };
    assert!(policy.sign_at(&creds(), NOW).is_err());
    assert!(
        TaskRouterMinter::new(&policy, &creds())
            .mint_at(&[], NOW)
            .is_err()
    );
}
