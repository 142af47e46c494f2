//! `#[derive(PolicyFile)]` mints the bytes of the run-time path, for every bundled example
//! policy of the three formats, through `sign_at` and the minter.

use capability::{ApiKey, ClientName, PolicyFile};

#[derive(PolicyFile)]
#[policy(file = "examples/policies/voice_agent.toml")]
struct VoiceAgent<'a> {
    identity: ClientName,
    team: &'a str,
}

const NOW: u64 = 1_700_000_000;

fn api_key() -> ApiKey {
    ApiKey::new(
        "AC0123456789abcdef0123456789abcdef",
        "SK0123456789abcdef0123456789abcdef",
        "not-a-real-secret-but-long-enough",
    )
    .unwrap()
}

#[test]
fn voice_agent_matches_the_policy_file() {
    let file = PolicyFile::from_toml_file("examples/policies/voice_agent.toml").unwrap();
    let PolicyFile::Access(template) = file else {
        panic!("not an access policy")
    };
    let key = api_key();
    let expected = template
        .bind([("identity", "alice"), ("team", "billing")])
        .unwrap()
        .sign_at(&key, NOW)
        .unwrap();
    let agent = VoiceAgent {
        identity: "alice".parse().unwrap(),
        team: "billing",
    };
    assert_eq!(
        agent.sign_at(&key, NOW).unwrap().as_str(),
        expected.as_str()
    );
    let minter = VoiceAgent::minter(&key);
    assert_eq!(
        minter.mint_at(&agent, NOW).unwrap().as_str(),
        expected.as_str()
    );
    assert_eq!(VoiceAgent::INPUTS, ["identity", "team"]);
    assert_eq!(VoiceAgent::TTL.as_secs(), 3600);
}
