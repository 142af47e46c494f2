use capability::PolicyFile;

#[derive(PolicyFile)]
#[policy(file = "tests/policies/bad_sid.toml")]
struct Policy;

fn main() {}
