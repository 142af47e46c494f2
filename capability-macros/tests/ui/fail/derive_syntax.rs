use capability::PolicyFile;

#[derive(PolicyFile)]
#[policy(file = "tests/policies/syntax.toml")]
struct Policy;

fn main() {}
