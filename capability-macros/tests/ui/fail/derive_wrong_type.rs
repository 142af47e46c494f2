use capability::PolicyFile;

// `identity` is a voice identity: the field must be a `ClientName`, not text.
#[derive(PolicyFile)]
#[policy(file = "tests/policies/agent.toml")]
struct Agent<'a> {
    identity: &'a str,
    team: &'a str,
}

fn main() {}
