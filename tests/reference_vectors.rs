//! Every reference vector, reproduced byte for byte, and read back.

mod support;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use capability::verify_capability_token;
use support::{NOW, creds, policy_from_input, vectors};

#[test]
fn builder_reproduces_every_vector_byte_for_byte() {
    let creds = creds();
    for v in vectors() {
        let policy = policy_from_input(&v.input);
        let token = policy.sign_at(&creds, NOW).unwrap();
        assert_eq!(token.as_str(), v.token, "token of {}", v.name);
        let payload = token.as_str().split('.').nth(1).unwrap();
        let payload = URL_SAFE_NO_PAD.decode(payload).unwrap();
        assert_eq!(
            String::from_utf8(payload).unwrap(),
            v.payload,
            "payload of {}",
            v.name
        );
        assert_eq!(token.expires_at(), NOW + u64::from(policy.ttl().as_secs()));
    }
}

#[test]
fn every_vector_verifies_back_to_its_policy() {
    let creds = creds();
    for v in vectors() {
        let policy = policy_from_input(&v.input);
        let decoded = verify_capability_token(&v.token, creds.auth_token(), NOW, 0).unwrap();
        assert_eq!(decoded.scopes, policy.scopes(), "scopes of {}", v.name);
        assert_eq!(decoded.claims.iss, support::ACCOUNT_SID);
        assert_eq!(decoded.header.alg, "HS256");
        assert_eq!(decoded.header.typ.as_deref(), Some("JWT"));
    }
}
