#[derive(PolicyFile)]
#[policy(file = "tests/policies/no_inputs.toml")]
struct Lobby;
