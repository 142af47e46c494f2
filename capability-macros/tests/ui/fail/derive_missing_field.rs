use capability::{ClientName, PolicyFile};

// `team` is an input of the file, and no field fills it.
#[derive(PolicyFile)]
#[policy(file = "tests/policies/agent.toml")]
struct Agent {
    identity: ClientName,
}

fn main() {}
