use capability::{ClientName, PolicyFile};

#[derive(PolicyFile)]
#[policy(file = "tests/policies/agent.toml")]
struct Agent<'a> {
    identity: ClientName,
    team: &'a str,
    teem: &'a str,
}

fn main() {}
