use capability::PolicyFile;

#[derive(PolicyFile)]
#[policy(file = "tests/policies/no_such_file.toml")]
struct Policy;

fn main() {}
