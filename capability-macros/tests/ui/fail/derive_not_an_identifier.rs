use capability::PolicyFile;

// Input `user-id` needs `#[policy(input = "user-id")]`; `type` needs `r#type`.
#[derive(PolicyFile)]
#[policy(file = "tests/policies/names.toml")]
struct Call {}

fn main() {}
