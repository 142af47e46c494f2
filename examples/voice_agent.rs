//! A policy file read by the compiler: `examples/policies/voice_agent.toml` through
//! `#[derive(PolicyFile)]`, minted for two agents with demo credentials, as
//! `capability mint examples/policies/voice_agent.toml --input identity=… --input team=…` would.
//!
//! ```sh
//! cargo run --example voice_agent
//! ```

use capability::{ApiKey, ClientName, PolicyFile, verify_access_token};

/// One access token per signed-in agent, for both directions.
#[derive(PolicyFile)]
#[policy(file = "examples/policies/voice_agent.toml")]
struct VoiceAgent<'a> {
    /// The signed-in agent: a client name, as the file's voice grant needs.
    identity: ClientName,
    /// The agent's team, an outgoing param.
    team: &'a str,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Demo credentials, not a real account: the tokens verify here, and Twilio refuses them.
    let key = ApiKey::new(
        "AC00000000000000000000000000000000",
        "SK00000000000000000000000000000000",
        "demo-api-secret-not-a-secret",
    )?;
    println!(
        "examples/policies/voice_agent.toml: inputs {}",
        VoiceAgent::INPUTS.join(", ")
    );
    println!("ttl: {}s", VoiceAgent::TTL.as_secs());
    let minter = VoiceAgent::minter(&key);
    for (name, team) in [("alice", "billing"), ("bob", "support")] {
        let agent = VoiceAgent {
            identity: name.parse()?,
            team,
        };
        let token = minter.mint(&agent)?;
        let decoded = verify_access_token(token.as_str(), key.secret(), token.expires_at() - 1, 0)?;
        let voice = decoded.grants.voice.as_ref().ok_or("no voice grant")?;
        let outgoing = voice.outgoing.as_ref().ok_or("no outgoing grant")?;
        let params: Vec<String> = outgoing
            .params
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        println!(
            "{}: incoming {}, outgoing through {} with {}",
            decoded.identity,
            voice.incoming,
            outgoing.application_sid,
            params.join(", "),
        );
    }
    Ok(())
}
