//! Every vector of `access-tokens.json`, byte for byte, through the builder.

mod support;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use support::{NOW, access_policy_from_input, access_vectors, api_key};

#[test]
fn the_builder_reproduces_every_access_vector() {
    for v in access_vectors() {
        let policy = access_policy_from_input(&v.input);
        let token = policy.sign_at(&api_key(), NOW).unwrap();
        let parts: Vec<&str> = token.as_str().split('.').collect();
        let decode = |s: &str| String::from_utf8(URL_SAFE_NO_PAD.decode(s).unwrap()).unwrap();
        assert_eq!(decode(parts[0]), v.header, "{}: header", v.name);
        assert_eq!(decode(parts[1]), v.payload, "{}: payload", v.name);
        assert_eq!(token.as_str(), v.token, "{}: token", v.name);
        let ttl = v.input.get("ttl").and_then(|t| t.as_u64()).unwrap_or(3600);
        assert_eq!(token.expires_at(), NOW + ttl, "{}", v.name);
    }
}
