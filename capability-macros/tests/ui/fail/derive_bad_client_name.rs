use capability::PolicyFile;

#[derive(PolicyFile)]
#[policy(file = "tests/policies/bad_client_name.toml")]
struct Policy;

fn main() {}
