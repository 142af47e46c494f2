use capability::PolicyFile;

#[derive(PolicyFile)]
#[policy(file = "tests/policies/unknown_key.toml")]
struct Policy;

fn main() {}
