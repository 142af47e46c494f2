use capability::PolicyFile;

#[derive(PolicyFile)]
#[policy(file = "tests/policies/two_errors.toml")]
struct Policy;

fn main() {}
