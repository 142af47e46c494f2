//! `#[derive(PolicyFile)]` over a bundled example mints what `capability mint` mints from the
//! same file, for the same inputs and clock, byte for byte.

mod support;

use capability::{ApiKey, ClientName, Credentials, PolicyFile};
use support::{ACCOUNT_SID, API_KEY_SID, API_SECRET, AUTH_TOKEN, NOW, capability, example};

/// The README's example.
#[derive(PolicyFile)]
#[policy(file = "../examples/policies/voice_agent.toml")]
struct VoiceAgent<'a> {
    identity: ClientName,
    team: &'a str,
}

#[derive(PolicyFile)]
#[policy(file = "../examples/policies/agent_desk.toml")]
struct AgentDesk<'a> {
    identity: ClientName,
    team: &'a str,
}

fn minted(run: support::Run) -> String {
    run.run().ok().trim_end().to_owned()
}

#[test]
fn the_readme_example_mints_what_capability_mint_mints() {
    let key = ApiKey::new(ACCOUNT_SID, API_KEY_SID, API_SECRET).unwrap();
    let now = NOW.to_string();
    for (identity, team) in [("alice", "billing"), ("bob_2", "night shift")] {
        let cli = minted(
            capability([
                "mint",
                &example("voice_agent"),
                "--input",
                &format!("identity={identity}"),
                "--input",
                &format!("team={team}"),
                "--now",
                &now,
            ])
            .api_key(ACCOUNT_SID, API_KEY_SID, API_SECRET),
        );
        let agent = VoiceAgent {
            identity: identity.parse().unwrap(),
            team,
        };
        assert_eq!(agent.sign_at(&key, NOW).unwrap().as_str(), cli);
        assert_eq!(
            VoiceAgent::minter(&key)
                .mint_at(&agent, NOW)
                .unwrap()
                .as_str(),
            cli
        );
    }
}

#[test]
fn a_capability_policy_file_mints_what_capability_mint_mints() {
    let creds = Credentials::new(ACCOUNT_SID, AUTH_TOKEN).unwrap();
    let cli = minted(
        capability([
            "mint",
            &example("agent_desk"),
            "--input",
            "identity=alice",
            "--input",
            "team=billing",
            "--now",
            &NOW.to_string(),
        ])
        .creds(ACCOUNT_SID, AUTH_TOKEN),
    );
    let desk = AgentDesk {
        identity: "alice".parse().unwrap(),
        team: "billing",
    };
    assert_eq!(desk.sign_at(&creds, NOW).unwrap().as_str(), cli);
}
