//! The policies and tokens the benchmarks compare, shared so each benchmark signs the same
//! claims. See `benches/ratios.rs` (the README's table) and `benches/mint.rs` (criterion).
#![forbid(unsafe_code)]

use capability::{Credentials, Policy, PolicyTemplate};

/// The reference vectors' account SID.
pub const ACCOUNT_SID: &str = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
/// The reference vectors' auth token.
pub const AUTH_TOKEN: &str = "0123456789abcdef0123456789abcdef";

/// The reference credentials.
pub fn creds() -> Credentials {
    Credentials::new(ACCOUNT_SID, AUTH_TOKEN).expect("valid reference credentials")
}

/// The seed policy: incoming `andrew`, outgoing with `user_id=42`.
pub fn seed_policy() -> Policy {
    Policy::builder()
        .allow_client_incoming("andrew".parse().expect("valid name"))
        .allow_client_outgoing(
            "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
                .parse()
                .expect("valid SID"),
            [("user_id", 42)],
        )
        .build()
        .expect("valid policy")
}

/// The seed policy with the client name as a run-time input, the usual per-user token.
pub fn seed_template() -> PolicyTemplate {
    PolicyTemplate::from_toml_str(
        r#"
[incoming]
client_name = { input = "identity" }
[outgoing]
application_sid = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
params = { user_id = 42 }
"#,
    )
    .expect("valid policy file")
}

/// The claims of a capability token, for jsonwebtoken.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Claims {
    /// The scope claim.
    pub scope: String,
    /// The account SID.
    pub iss: String,
    /// The expiry.
    pub exp: u64,
}
