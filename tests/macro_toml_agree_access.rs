//! Macro and TOML agree on access tokens: the same policy written with `access_token!` and in
//! a policy file gives equal `AccessPolicy` values and byte-identical tokens, from the builder
//! and from the minter. TOML inputs stand where the macro takes run-time expressions.

mod support;

use capability::{
    AccessMinter, AccessPolicy, AccessTemplate, ClientName, EndpointId, Identity, RoomName,
    WorkerSid, access_token, verify_access_token,
};
use support::{NOW, api_key};

#[track_caller]
fn agree(from_macro: AccessPolicy, toml: &str, inputs: &[(&str, &str)]) {
    let template =
        AccessTemplate::from_toml_str(toml).unwrap_or_else(|e| panic!("{e}\n--- in ---\n{toml}"));
    let from_toml = template
        .bind(inputs.iter().copied())
        .unwrap_or_else(|e| panic!("{e}\n--- binding ---\n{toml}"));
    assert_eq!(from_macro, from_toml, "the policies differ");
    let key = api_key();
    let macro_token = from_macro.sign_at(&key, NOW).unwrap();
    assert_eq!(
        macro_token,
        from_toml.sign_at(&key, NOW).unwrap(),
        "the tokens differ"
    );
    let values: Vec<&str> = template
        .inputs()
        .iter()
        .map(|i| inputs.iter().find(|(n, _)| *n == i.name()).unwrap().1)
        .collect();
    let minted = AccessMinter::from_template(&template, &key)
        .mint_at(&values, NOW)
        .unwrap();
    assert_eq!(minted, macro_token, "the minter differs");
    let decoded = verify_access_token(macro_token.as_str(), key.secret(), NOW, 0).unwrap();
    assert_eq!(decoded.grants, from_macro.grants());
}

#[test]
fn a_voice_agent_with_a_runtime_identity_and_params() {
    let name: ClientName = "alice".parse().unwrap();
    let team = "billing & more";
    agree(
        access_token! {
            identity &name;
            voice {
                incoming;
                outgoing "AP89a0180a1a4ddf1da954efca349b7a20" { team: team, desk: "support" };
                push_credential "CR0123456789abcdef0123456789abcdef";
            };
            ttl 3600;
        },
        r#"
format = "access-token"
identity = { input = "identity" }
ttl = 3600
[voice]
incoming = true
push_credential_sid = "CR0123456789abcdef0123456789abcdef"
[voice.outgoing]
application_sid = "AP89a0180a1a4ddf1da954efca349b7a20"
params = { team = { input = "team" }, desk = "support" }
"#,
        &[("identity", "alice"), ("team", team)],
    );
}

#[test]
fn video_in_a_runtime_room() {
    let identity: Identity = "frank@example.com".parse().unwrap();
    let room: RoomName = "Daily Standup é".parse().unwrap();
    agree(
        access_token! { identity identity; video { room room }; region "au1" },
        "format = \"access-token\"\nidentity = { input = \"who\" }\nregion = \"au1\"\n[video]\nroom = { input = \"room\" }\n",
        &[("who", "frank@example.com"), ("room", "Daily Standup é")],
    );
}

#[test]
fn chat_and_sync_with_a_runtime_endpoint() {
    let endpoint: EndpointId = "grace:web:1".parse().unwrap();
    agree(
        access_token! {
            identity "grace";
            chat { service "ISeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"; endpoint &endpoint };
            sync { service "default"; endpoint &endpoint };
        },
        "format = \"access-token\"\nidentity = \"grace\"\n[chat]\nservice_sid = \"ISeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\"\nendpoint_id = { input = \"endpoint\" }\n[sync]\nservice_sid = \"default\"\nendpoint_id = { input = \"endpoint\" }\n",
        &[("endpoint", "grace:web:1")],
    );
}

#[test]
fn task_router_with_a_runtime_worker() {
    let worker: WorkerSid = "WK22222222222222222222222222222222".parse().unwrap();
    agree(
        access_token! {
            identity "ivan";
            task_router { workspace "WS11111111111111111111111111111111"; worker worker; role "supervisor" };
            ttl 28800;
        },
        "format = \"access-token\"\nidentity = \"ivan\"\nttl = 28800\n[task_router]\nworkspace_sid = \"WS11111111111111111111111111111111\"\nworker_sid = { input = \"worker\" }\nrole = \"supervisor\"\n",
        &[("worker", "WK22222222222222222222222222222222")],
    );
}

#[test]
fn every_grant_written_in_another_order() {
    let user_id = 42;
    agree(
        access_token! {
            ttl 600;
            task_router { workspace "WS11111111111111111111111111111111" };
            sync { service "IS0123456789abcdef0123456789abcdef" };
            video {};
            chat { service "ISeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee" };
            voice { outgoing "APcccccccccccccccccccccccccccccccc" { user_id: user_id }; incoming };
            identity "judy";
            region "ie1";
        },
        r#"
format = "access-token"
region = "ie1"
identity = "judy"
ttl = 600
[chat]
service_sid = "ISeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"
[video]
[task_router]
workspace_sid = "WS11111111111111111111111111111111"
[voice]
outgoing = { application_sid = "APcccccccccccccccccccccccccccccccc", params = { user_id = { input = "user_id" } } }
incoming = true
[sync]
service_sid = "IS0123456789abcdef0123456789abcdef"
"#,
        &[("user_id", "42")],
    );
}
