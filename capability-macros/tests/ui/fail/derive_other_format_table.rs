use capability::PolicyFile;

#[derive(PolicyFile)]
#[policy(file = "tests/policies/other_format_table.toml")]
struct Policy;

fn main() {}
