#[derive(PolicyFile)]
#[policy(file = "tests/policies/agent.toml")]
struct Agent<'a, T: Display> {
    identity: &'a ClientName,
    team: T,
}
