use capability::PolicyFile;

// No `#[policy(file = …)]`.
#[derive(PolicyFile)]
struct Lobby;

// An unknown key, and an input attribute with a typo.
#[derive(PolicyFile)]
#[policy(file = "tests/policies/names.toml", path = "x.toml")]
struct Call<'a> {
    #[policy(inptu = "user-id")]
    user: &'a str,
    r#type: &'a str,
}

fn main() {}
