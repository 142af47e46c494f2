use capability::PolicyFile;

#[derive(PolicyFile)]
#[policy(file = "tests/policies/missing_grant.toml")]
struct Policy;

fn main() {}
