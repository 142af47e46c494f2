use capability::{ClientName, PolicyFile};

#[derive(PolicyFile)]
#[policy(file = "tests/policies/agent.toml")]
struct Agent(ClientName, String);

fn main() {}
