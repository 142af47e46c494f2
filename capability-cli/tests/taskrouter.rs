//! The command line with TaskRouter tokens: `mint` of every vector byte for byte, `inspect`
//! with each policy in words and as JSON, `--verify` with the auth token, `check`.

mod support;

use serde_json::{Value, json};
use support::policy_toml::taskrouter_policy_toml;
use support::{ACCOUNT_SID, AUTH_TOKEN, NOW, TempDir, arg, capability, example, vector_file};

#[test]
fn mint_reproduces_every_taskrouter_vector() {
    let doc = vector_file("taskrouter-tokens.json");
    let dir = TempDir::new("taskrouter-vectors");
    for case in doc["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let file = dir.write(
            &format!("{name}.toml"),
            &taskrouter_policy_toml(&case["input"], &[]),
        );
        let out = capability(["mint", &arg(&file), "--now", &NOW.to_string()])
            .vector_creds()
            .run();
        assert_eq!(
            out.ok().trim_end(),
            case["token"].as_str().unwrap(),
            "{name}"
        );
    }
}

#[test]
fn mint_json_lists_the_policies_and_inspect_reads_them_back() {
    let out = capability([
        "mint",
        &example("support_agent_worker"),
        "--input",
        "worker_sid=WK22222222222222222222222222222222",
        "--json",
        "--now",
        &NOW.to_string(),
    ])
    .vector_creds()
    .run();
    let minted: Value = serde_json::from_str(out.ok()).unwrap();
    assert_eq!(minted["kind"], "taskrouter");
    assert_eq!(minted["expires_at"], NOW + 28800);
    let token = minted["token"].as_str().unwrap();
    let vector = vector_file("taskrouter-tokens.json")["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "worker_activity_and_reservation_updates")
        .unwrap()
        .clone();
    let expected_policies: Value =
        serde_json::from_str::<Value>(vector["payload"].as_str().unwrap()).unwrap()["policies"]
            .clone();
    assert_eq!(minted["policies"], expected_policies);

    let out = capability(["inspect", token, "--now", &NOW.to_string()]).run();
    let text = out.ok();
    assert!(text.contains("\nworkspace:  WS11111111111111111111111111111111\nchannel:    WK22222222222222222222222222222222\npolicies:\n"), "{text}");
    assert!(text.contains("  - allow POST https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Workers/WK22222222222222222222222222222222 (ActivitySid required)\n"), "{text}");

    let out = capability([
        "inspect",
        token,
        "--verify",
        "--json",
        "--now",
        &NOW.to_string(),
    ])
    .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
    .run();
    let value: Value = serde_json::from_str(out.ok()).unwrap();
    assert_eq!(value["kind"], "taskrouter");
    assert_eq!(value["verified"], true);
    assert_eq!(value["header"], json!({"typ": "JWT", "alg": "HS256"}));
    assert_eq!(value["claims"]["iss"], ACCOUNT_SID);
    assert_eq!(value["channel"], "WK22222222222222222222222222222222");
    assert_eq!(value["workspace_sid"], "WS11111111111111111111111111111111");
    assert_eq!(value["worker_sid"], "WK22222222222222222222222222222222");
    assert!(value.get("taskqueue_sid").is_none());
    assert_eq!(value["policies"], expected_policies);
    assert_eq!(value["warnings"], json!([]));

    capability(["inspect", token, "--verify", "--now", &NOW.to_string()])
        .env("TWILIO_AUTH_TOKEN", "another")
        .run()
        .code(1)
        .stderr_has(&["token rejected: bad signature"]);
}

#[test]
fn the_official_taskrouter_token_is_read_and_verified() {
    let doc = vector_file("official-access-tokens.json");
    let case = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "taskrouter")
        .unwrap();
    let token = case["token"].as_str().unwrap();
    let out = capability([
        "inspect",
        token,
        "--verify",
        "--json",
        "--now",
        &NOW.to_string(),
    ])
    .env("TWILIO_AUTH_TOKEN", case["auth_token"].as_str().unwrap())
    .run();
    let value: Value = serde_json::from_str(out.ok()).unwrap();
    assert_eq!(value["verified"], true);
    assert_eq!(value["policies"], case["expect"]["policies"]);
}

#[test]
fn check_validates_taskrouter_policies() {
    let dir = TempDir::new("taskrouter-check");
    let bad = dir.write(
        "bad.toml",
        "format = \"taskrouter\"\nworkspace_sid = \"WS11111111111111111111111111111111\"\n[workspace]\nactivity_updates = true\n",
    );
    let out = capability([
        "check",
        &example("support_agent_worker"),
        &example("supervisor_workspace"),
        &arg(&bad),
    ])
    .run();
    out.code(1);
    assert!(out.stdout.contains("examples/policies/support_agent_worker.toml: ok, taskrouter policy, ttl 28800s, 1 input\n  worker_sid: worker SID\n"), "{}", out.stdout);
    assert!(out.stdout.contains("examples/policies/supervisor_workspace.toml: ok, taskrouter policy, ttl 3600s, no inputs\n"), "{}", out.stdout);
    assert!(
        out.stderr.contains(&format!("--> {}:4:20", arg(&bad))),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("activity_updates is only for a worker's token, not for the workspace")
    );
}
