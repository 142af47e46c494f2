//! `#[derive(PolicyFile)]` mints the bytes of the run-time path (`PolicyFile::from_toml_file`,
//! `bind`, `sign_at`), for every bundled example policy of the three formats, through
//! `sign_at` and the minter; and for random values, both agree on tokens and on errors.

use capability::{
    ApiKey, ClientName, Credentials, Identity, MintError, PolicyFile, Token, WorkerSid,
};
use proptest::prelude::*;

#[derive(PolicyFile)]
#[policy(file = "examples/policies/voice_agent.toml")]
struct VoiceAgent<'a> {
    identity: ClientName,
    team: &'a str,
}

#[derive(PolicyFile)]
#[policy(file = "examples/policies/token_server.toml")]
struct VoiceDevice<'a> {
    identity: &'a ClientName,
}

#[derive(PolicyFile)]
#[policy(file = "examples/policies/team_chat.toml")]
struct TeamChat {
    identity: Identity,
}

#[derive(PolicyFile)]
#[policy(file = "examples/policies/agent_desk.toml")]
struct AgentDesk {
    identity: ClientName,
    team: String,
}

#[derive(PolicyFile)]
#[policy(file = "examples/policies/click_to_call.toml")]
struct ClickToCall<'a> {
    campaign: &'a str,
}

#[derive(PolicyFile)]
#[policy(file = "examples/policies/monitor.toml")]
struct Monitor<'a> {
    call_sid: &'a str,
}

#[derive(PolicyFile)]
#[policy(file = "examples/policies/supervisor_workspace.toml")]
struct SupervisorWorkspace;

#[derive(PolicyFile)]
#[policy(file = "examples/policies/support_agent_worker.toml")]
struct SupportAgentWorker {
    worker_sid: WorkerSid,
}

/// An identity that is the chat endpoint too: no one checked type covers both, so the field
/// is text, checked when the policy binds.
#[derive(PolicyFile)]
#[policy(file = "tests/policies/chat_endpoint.toml")]
struct ChatEndpoint<'a> {
    who: &'a str,
}

const NOW: u64 = 1_700_000_000;

/// An example's name, its inputs, and what the derive signed and minted for them.
type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], Token, Token);

fn api_key() -> ApiKey {
    ApiKey::new(
        "AC0123456789abcdef0123456789abcdef",
        "SK0123456789abcdef0123456789abcdef",
        "not-a-real-secret-but-long-enough",
    )
    .unwrap()
}

fn credentials() -> Credentials {
    Credentials::new(
        "AC0123456789abcdef0123456789abcdef",
        "not-a-real-auth-token",
    )
    .unwrap()
}

/// What the run-time path signs for the file at `path` with `inputs`, at `now`.
fn run_time(path: &str, inputs: &[(&str, &str)], now: u64) -> Result<Token, MintError> {
    let file = PolicyFile::from_toml_file(path).unwrap();
    let inputs = inputs.iter().copied();
    Ok(match file {
        PolicyFile::Capability(t) => t.bind(inputs)?.sign_at(&credentials(), now)?,
        PolicyFile::Access(t) => t.bind(inputs)?.sign_at(&api_key(), now)?,
        PolicyFile::TaskRouter(t) => t.bind(inputs)?.sign_at(&credentials(), now)?,
        _ => unreachable!("a new format"),
    })
}

fn name(text: &str) -> ClientName {
    text.parse().unwrap()
}

#[test]
fn every_example_policy_mints_the_bytes_of_the_run_time_path() {
    let key = api_key();
    let creds = credentials();
    let cases: Vec<Case> = vec![
        {
            let v = VoiceAgent {
                identity: name("alice"),
                team: "billing",
            };
            let m = VoiceAgent::minter(&key);
            (
                "voice_agent",
                &[("identity", "alice"), ("team", "billing")],
                v.sign_at(&key, NOW).unwrap(),
                m.mint_at(&v, NOW).unwrap(),
            )
        },
        {
            let alice = name("alice");
            let v = VoiceDevice { identity: &alice };
            let m = VoiceDevice::minter(&key);
            (
                "token_server",
                &[("identity", "alice")],
                v.sign_at(&key, NOW).unwrap(),
                m.mint_at(&v, NOW).unwrap(),
            )
        },
        {
            let v = TeamChat {
                identity: "frank@example.com".parse().unwrap(),
            };
            let m = TeamChat::minter(&key);
            (
                "team_chat",
                &[("identity", "frank@example.com")],
                v.sign_at(&key, NOW).unwrap(),
                m.mint_at(&v, NOW).unwrap(),
            )
        },
        {
            let v = AgentDesk {
                identity: name("alice"),
                team: "billing".to_owned(),
            };
            let m = AgentDesk::minter(&creds);
            (
                "agent_desk",
                &[("identity", "alice"), ("team", "billing")],
                v.sign_at(&creds, NOW).unwrap(),
                m.mint_at(&v, NOW).unwrap(),
            )
        },
        {
            let v = ClickToCall {
                campaign: "spring sale & more",
            };
            let m = ClickToCall::minter(&creds);
            (
                "click_to_call",
                &[("campaign", "spring sale & more")],
                v.sign_at(&creds, NOW).unwrap(),
                m.mint_at(&v, NOW).unwrap(),
            )
        },
        {
            let v = Monitor {
                call_sid: "CA0123456789abcdef0123456789abcdef",
            };
            let m = Monitor::minter(&creds);
            (
                "monitor",
                &[("call_sid", "CA0123456789abcdef0123456789abcdef")],
                v.sign_at(&creds, NOW).unwrap(),
                m.mint_at(&v, NOW).unwrap(),
            )
        },
        {
            let m = SupervisorWorkspace::minter(&creds);
            (
                "supervisor_workspace",
                &[],
                SupervisorWorkspace.sign_at(&creds, NOW).unwrap(),
                m.mint_at(&SupervisorWorkspace, NOW).unwrap(),
            )
        },
        {
            let v = SupportAgentWorker {
                worker_sid: "WK22222222222222222222222222222222".parse().unwrap(),
            };
            let m = SupportAgentWorker::minter(&creds);
            (
                "support_agent_worker",
                &[("worker_sid", "WK22222222222222222222222222222222")],
                v.sign_at(&creds, NOW).unwrap(),
                m.mint_at(&v, NOW).unwrap(),
            )
        },
    ];
    let mut examples: Vec<String> = std::fs::read_dir("examples/policies")
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    examples.sort();
    let mut covered: Vec<String> = cases.iter().map(|c| c.0.to_owned()).collect();
    covered.sort();
    assert_eq!(covered, examples, "every bundled example policy has a case");
    for (example, inputs, signed, minted) in cases {
        let path = format!("examples/policies/{example}.toml");
        let expected = run_time(&path, inputs, NOW).unwrap();
        assert_eq!(signed.as_str(), expected.as_str(), "{example}: sign_at");
        assert_eq!(minted.as_str(), expected.as_str(), "{example}: minter");
        assert_eq!(signed.expires_at(), expected.expires_at(), "{example}");
    }
}

#[test]
fn the_constants_are_the_files() {
    assert_eq!(VoiceAgent::INPUTS, ["identity", "team"]);
    assert_eq!(VoiceAgent::TTL.as_secs(), 3600);
    assert_eq!(SupportAgentWorker::TTL.as_secs(), 28800);
    assert_eq!(SupervisorWorkspace::INPUTS, [] as [&str; 0]);
    let file = PolicyFile::from_toml_file("examples/policies/agent_desk.toml").unwrap();
    let names: Vec<&str> = file.inputs().iter().map(|i| i.name()).collect();
    assert_eq!(AgentDesk::INPUTS, names);
    assert_eq!(AgentDesk::TTL, file.ttl());
}

#[test]
fn the_policy_is_the_bound_template() {
    let file = PolicyFile::from_toml_file("examples/policies/voice_agent.toml").unwrap();
    let PolicyFile::Access(template) = file else {
        panic!("voice_agent.toml is an access policy")
    };
    let bound = template
        .bind([("identity", "alice"), ("team", "billing")])
        .unwrap();
    let derived = VoiceAgent {
        identity: name("alice"),
        team: "billing",
    }
    .policy()
    .unwrap();
    assert_eq!(derived, bound);
}

#[test]
fn one_minter_mints_for_values_of_any_lifetime() {
    static MINTER: std::sync::OnceLock<capability::PolicyFileMinter<VoiceAgent<'static>>> =
        std::sync::OnceLock::new();
    let minter = MINTER.get_or_init(|| VoiceAgent::minter(&api_key()));
    for team in ["billing", "support"] {
        let owned = team.to_owned();
        let agent = VoiceAgent {
            identity: name("bob"),
            team: &owned,
        };
        let expected = run_time(
            "examples/policies/voice_agent.toml",
            &[("identity", "bob"), ("team", team)],
            NOW,
        )
        .unwrap();
        assert_eq!(minter.mint_at(&agent, NOW).unwrap(), expected);
    }
}

/// Text of every kind the rules care about: names, spaces, control characters, long runs.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9_]{1,12}",
        "[a-z@. -]{0,12}",
        "\\PC{0,8}",
        "[\\x00-\\x1f]{1,3}",
        "a{100,140}",
        "x{1000,1100}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn derive_and_policy_file_agree(identity in text(), team in text(), now in 0u64..=u64::MAX) {
        let key = api_key();
        let expected = run_time(
            "examples/policies/voice_agent.toml",
            &[("identity", &identity), ("team", &team)],
            now,
        );
        match identity.parse::<ClientName>() {
            // The field's type carries the client-name rule; what it does not carry (the
            // identity's length, the param's) both report alike.
            Ok(client) => {
                let agent = VoiceAgent { identity: client, team: &team };
                prop_assert_eq!(&agent.sign_at(&key, now), &expected);
                prop_assert_eq!(&VoiceAgent::minter(&key).mint_at(&agent, now), &expected);
                prop_assert_eq!(
                    agent.policy().map_err(MintError::Inputs).err(),
                    expected.as_ref().err().filter(|e| matches!(e, MintError::Inputs(_))).cloned()
                );
            }
            // A name the type refuses, the file refuses too.
            Err(_) => prop_assert!(expected.is_err()),
        }
        let expected = run_time("examples/policies/team_chat.toml", &[("identity", &identity)], now);
        match identity.parse::<Identity>() {
            Ok(identity) => {
                let chat = TeamChat { identity };
                prop_assert_eq!(&chat.sign_at(&key, now), &expected);
                prop_assert_eq!(&TeamChat::minter(&key).mint_at(&chat, now), &expected);
            }
            Err(_) => prop_assert!(expected.is_err()),
        }
        // Text that no type checks: every value reaches the policy, which checks it.
        let expected = run_time("tests/policies/chat_endpoint.toml", &[("who", &identity)], now);
        let chat = ChatEndpoint { who: &identity };
        prop_assert_eq!(&chat.sign_at(&key, now), &expected);
        prop_assert_eq!(&ChatEndpoint::minter(&key).mint_at(&chat, now), &expected);
        prop_assert_eq!(
            chat.policy().map_err(MintError::Inputs).err(),
            expected.as_ref().err().filter(|e| matches!(e, MintError::Inputs(_))).cloned()
        );
    }

    #[test]
    fn free_text_fields_agree_on_errors_too(campaign in text(), now in 0u64..=u64::MAX) {
        let creds = credentials();
        let expected = run_time(
            "examples/policies/click_to_call.toml",
            &[("campaign", &campaign)],
            now,
        );
        let call = ClickToCall { campaign: &campaign };
        prop_assert_eq!(&call.sign_at(&creds, now), &expected);
        prop_assert_eq!(&ClickToCall::minter(&creds).mint_at(&call, now), &expected);
    }
}
