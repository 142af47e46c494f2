//! Every access-token vector, reproduced byte for byte by an `access_token!` invocation: once
//! written in literals, checked at compile time, and once with every value a run-time
//! expression.

mod support;

use std::collections::BTreeMap;

use capability::{
    AccessPolicy, AppSid, ChatServiceSid, ClientName, DeploymentRoleSid, EndpointId, Identity,
    PushCredentialSid, Region, RoomName, SyncServiceSid, TaskRouterRole, Ttl, WorkerSid,
    WorkspaceSid, access_token,
};
use support::{NOW, access_vectors, api_key};

/// Signs each policy at the vectors' clock and compares it with the vector of the same name.
/// Every vector must have a policy, and every policy a vector.
fn assert_reproduces(policies: BTreeMap<&str, AccessPolicy>) {
    let key = api_key();
    let vectors = access_vectors();
    let mut names: Vec<&str> = vectors.iter().map(|v| v.name.as_str()).collect();
    names.sort();
    assert_eq!(
        policies.keys().copied().collect::<Vec<_>>(),
        names,
        "one invocation per vector"
    );
    for vector in &vectors {
        let policy = &policies[vector.name.as_str()];
        let token = policy.sign_at(&key, NOW).unwrap();
        assert_eq!(token.as_str(), vector.token, "token of {}", vector.name);
    }
}

#[test]
fn literal_invocations_reproduce_every_access_vector() {
    let policies = BTreeMap::from([
        (
            "voice_incoming_only",
            access_token! {
                identity "alice";
                voice { incoming };
            },
        ),
        (
            "voice_outgoing_only_no_params",
            access_token! {
                identity "bob";
                voice { outgoing "APcccccccccccccccccccccccccccccccc" };
            },
        ),
        (
            "voice_incoming_outgoing_awkward_params",
            access_token! {
                identity "carol_1";
                voice {
                    incoming;
                    outgoing "APcccccccccccccccccccccccccccccccc" {
                        to: "+1 555 0100",
                        space: "a b",
                        form: "x&y=z+1%20/2",
                        accent: "Renée",
                        emoji: "😀",
                        quote_backslash: "say \"hi\" C:\\dir",
                        newline: "one\ntwo",
                        tab: "a\tb",
                        del: "a\u{7f}b",
                        line_separator: "a\u{2028}b",
                        controls: "\u{8}\u{c}\r\u{1}\u{1f}",
                        "key with space & é": "v",
                        empty: "",
                    };
                };
            },
        ),
        (
            // The fields are set in the order of the token, whatever the order written.
            "voice_push_credential",
            access_token! {
                identity "dave";
                voice {
                    push_credential "CRdddddddddddddddddddddddddddddddd";
                    incoming
                }
            },
        ),
        (
            "voice_endpoint_id",
            access_token! {
                voice { incoming; endpoint "erin:browser:1" };
                identity "erin";
            },
        ),
        (
            // Without a voice grant, the identity need not be a client name.
            "video_room",
            access_token! {
                identity "frank@example.com";
                video { room "Daily Standup é" };
            },
        ),
        (
            "chat_all_fields",
            access_token! {
                identity "grace";
                chat {
                    service "ISeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";
                    endpoint "grace:web";
                    deployment_role "RLffffffffffffffffffffffffffffffff";
                    push_credential "CRdddddddddddddddddddddddddddddddd";
                };
            },
        ),
        (
            "sync_default_service",
            access_token! {
                identity "heidi";
                sync { service "default" };
            },
        ),
        (
            "task_router_all_fields",
            access_token! {
                identity "ivan";
                task_router {
                    workspace "WS11111111111111111111111111111111";
                    worker "WK22222222222222222222222222222222";
                    role "supervisor";
                };
            },
        ),
        (
            // The grants are laid out in the order of the token, whatever the order written.
            "grants_declared_scrambled",
            access_token! {
                identity "judy";
                task_router { workspace "WS11111111111111111111111111111111" };
                sync { service "IS0123456789abcdef0123456789abcdef"; endpoint "judy:sync" };
                video {};
                chat { service "ISeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee" };
                voice { incoming; outgoing "APcccccccccccccccccccccccccccccccc" };
            },
        ),
        (
            "region_ie1",
            access_token! {
                region "ie1";
                identity "mallory";
                voice {
                    incoming;
                    outgoing "APcccccccccccccccccccccccccccccccc" { user_id: "42" };
                };
            },
        ),
        (
            "identity_non_ascii_without_voice",
            access_token! {
                identity "Zoë_😀";
                chat { service "ISeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee" };
            },
        ),
        (
            "ttl_1",
            access_token! {
                identity "oscar";
                voice { incoming };
                ttl 1
            },
        ),
        (
            "ttl_86400",
            access_token! {
                ttl 86_400;
                identity "peggy";
                video { room "r1" };
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
fn runtime_expressions_reproduce_every_access_vector() {
    struct User {
        name: ClientName,
        id: u32,
    }
    let app: AppSid = checked("APcccccccccccccccccccccccccccccccc");
    let push: PushCredentialSid = checked("CRdddddddddddddddddddddddddddddddd");
    let chat_service: ChatServiceSid = checked("ISeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee");
    let workspace: WorkspaceSid = checked("WS11111111111111111111111111111111");
    let mallory = User {
        name: checked("mallory"),
        id: 42,
    };
    let awkward = [
        "+1 555 0100",
        "a b",
        "x&y=z+1%20/2",
        "Renée",
        "😀",
        "say \"hi\" C:\\dir",
    ];
    let controls = String::from("\u{8}\u{c}\r\u{1}\u{1f}");

    let policies = BTreeMap::from([
        (
            "voice_incoming_only",
            access_token! {
                identity checked::<ClientName>("alice");
                voice { incoming };
            },
        ),
        (
            "voice_outgoing_only_no_params",
            access_token! {
                identity &checked::<Identity>("bob");
                voice { outgoing &app };
            },
        ),
        (
            "voice_incoming_outgoing_awkward_params",
            access_token! {
                identity checked::<Identity>("carol_1");
                voice {
                    incoming;
                    outgoing app.clone() {
                        to: awkward[0],
                        space: awkward[1],
                        form: awkward[2],
                        accent: awkward[3],
                        emoji: awkward[4],
                        quote_backslash: awkward[5],
                        newline: "one\ntwo".to_owned(),
                        tab: format!("a{}b", '\t'),
                        del: 'a'.to_string() + "\u{7f}b",
                        line_separator: "a\u{2028}b",
                        controls: controls,
                        "key with space & é": 'v',
                        empty: String::new(),
                    };
                };
            },
        ),
        (
            "voice_push_credential",
            access_token! {
                identity &checked::<ClientName>("dave");
                voice { incoming; push_credential &push };
            },
        ),
        (
            "voice_endpoint_id",
            access_token! {
                identity checked::<ClientName>("erin");
                voice { incoming; endpoint checked::<EndpointId>("erin:browser:1") };
            },
        ),
        (
            "video_room",
            access_token! {
                identity checked::<Identity>("frank@example.com");
                video { room &checked::<RoomName>("Daily Standup é") };
            },
        ),
        (
            "chat_all_fields",
            access_token! {
                identity checked::<ClientName>("grace");
                chat {
                    service &chat_service;
                    endpoint &checked::<EndpointId>("grace:web");
                    deployment_role checked::<DeploymentRoleSid>("RLffffffffffffffffffffffffffffffff");
                    push_credential push.clone();
                };
            },
        ),
        (
            "sync_default_service",
            access_token! {
                identity checked::<ClientName>("heidi");
                sync { service checked::<SyncServiceSid>("default") };
            },
        ),
        (
            "task_router_all_fields",
            access_token! {
                identity checked::<ClientName>("ivan");
                task_router {
                    workspace &workspace;
                    worker checked::<WorkerSid>("WK22222222222222222222222222222222");
                    role &checked::<TaskRouterRole>("supervisor");
                };
            },
        ),
        (
            "grants_declared_scrambled",
            access_token! {
                identity checked::<Identity>("judy");
                task_router { workspace workspace.clone() };
                sync {
                    service &checked::<SyncServiceSid>("IS0123456789abcdef0123456789abcdef");
                    endpoint checked::<EndpointId>("judy:sync");
                };
                video {};
                chat { service chat_service.clone() };
                voice { incoming; outgoing app.clone() };
            },
        ),
        (
            "region_ie1",
            access_token! {
                identity &mallory.name;
                region checked::<Region>("ie1");
                voice { incoming; outgoing &app { user_id: mallory.id } };
            },
        ),
        (
            "identity_non_ascii_without_voice",
            access_token! {
                identity checked::<Identity>("Zoë_😀");
                chat { service &chat_service };
            },
        ),
        (
            "ttl_1",
            access_token! {
                identity checked::<ClientName>("oscar");
                voice { incoming };
                ttl Ttl::try_from(1u64).unwrap();
            },
        ),
        (
            "ttl_86400",
            access_token! {
                identity checked::<ClientName>("peggy");
                video { room checked::<RoomName>("r1") };
                ttl &Ttl::try_from(86_400u64).unwrap();
            },
        ),
    ]);
    assert_reproduces(policies);
}
