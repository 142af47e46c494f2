use capability::PolicyFile;

#[derive(PolicyFile)]
#[policy(file = "tests/policies/bad_ttl.toml")]
struct Policy;

fn main() {}
