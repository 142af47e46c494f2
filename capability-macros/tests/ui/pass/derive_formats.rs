//! Every format, every kind of field: owned and borrowed, generic, raw identifiers, renamed
//! inputs, a unit struct, and text that no one checked type covers.

use std::fmt::Display;

use capability::{ApiKey, ClientName, Credentials, PolicyFile, WorkerSid};

#[derive(PolicyFile)]
#[policy(file = "tests/policies/agent.toml")]
struct Agent<'a, T: Display> {
    identity: &'a ClientName,
    team: T,
}

#[derive(PolicyFile)]
#[policy(file = "tests/policies/no_inputs.toml")]
struct Lobby;

#[derive(PolicyFile)]
#[policy(file = "tests/policies/names.toml")]
struct Call {
    #[policy(input = "user-id")]
    user: u64,
    r#type: String,
}

#[derive(PolicyFile)]
#[policy(file = "tests/policies/mixed_identity.toml")]
struct Chat<'a> {
    who: &'a str,
}

#[derive(PolicyFile)]
#[policy(file = "tests/policies/worker.toml")]
struct Worker {
    worker_sid: WorkerSid,
}

fn main() {
    let key = ApiKey::new(
        "AC0123456789abcdef0123456789abcdef",
        "SK0123456789abcdef0123456789abcdef",
        "not-a-real-secret-but-long-enough",
    )
    .unwrap();
    let creds =
        Credentials::new("AC0123456789abcdef0123456789abcdef", "not-a-real-auth-token").unwrap();
    let name: ClientName = "alice".parse().unwrap();

    let agent = Agent { identity: &name, team: 7 };
    let minter = Agent::<u8>::minter(&key);
    assert_eq!(
        agent.sign_at(&key, 1).unwrap().as_str(),
        minter.mint_at(&agent, 1).unwrap().as_str()
    );
    assert_eq!(Agent::<u8>::INPUTS, ["identity", "team"]);
    assert_eq!(Agent::<u8>::TTL.as_secs(), 600);

    assert_eq!(Lobby::INPUTS, [] as [&str; 0]);
    assert!(Lobby.sign_at(&creds, 1).is_ok());

    let call = Call { user: 42, r#type: "support".to_owned() };
    assert_eq!(Call::INPUTS, ["user-id", "type"]);
    assert!(call.policy().is_ok());

    // An identity may be an email address, and an endpoint id; as text, it is checked when
    // the policy binds.
    assert!(Chat { who: "frank@example.com" }.policy().is_ok());
    assert!(Chat { who: "bob smith" }.policy().is_err());

    let worker = Worker { worker_sid: "WK22222222222222222222222222222222".parse().unwrap() };
    assert!(worker.sign_at(&creds, 1).is_ok());
}
