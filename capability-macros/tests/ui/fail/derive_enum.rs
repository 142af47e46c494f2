use capability::PolicyFile;

#[derive(PolicyFile)]
#[policy(file = "tests/policies/no_inputs.toml")]
enum Lobby {
    Open,
}

fn main() {}
