//! The scope-claim parser on arbitrary text.
//!
//! - It never panics, and a parsed claim has one scope per space-separated item; an unknown
//!   scope keeps its item exactly.
//! - Re-encoding the parsed scopes in the reference format (spec 1.4, by an encoder written in
//!   this crate) parses back to the same scopes. The input itself may use any official
//!   library's encoding, so it is not compared byte for byte.
//! - When the scopes are what a policy can grant (valid and distinct names, at most one
//!   outgoing and one event stream, valid keys and values, the outgoing `clientName` being
//!   the last incoming name), `CapabilityPolicy::builder` accepts them; the policy grants them in the
//!   canonical order, writes its claim in the reference format, and that claim parses back.
use super::{canonical_order, encode_claim, policy_from_scopes};
use capability::{Scope, parse_scope_claim};

/// Runs one input.
pub fn run(data: &[u8]) {
    let Ok(claim) = std::str::from_utf8(data) else {
        return;
    };
    let scopes = match parse_scope_claim(claim) {
        Ok(scopes) => scopes,
        Err(e) => {
            let _ = e.to_string();
            assert!(
                claim.split(' ').any(|item| item == e.scope),
                "the error names a scope that is not in the claim: {e}"
            );
            return;
        }
    };
    if claim.is_empty() {
        assert!(scopes.is_empty());
    } else {
        let items: Vec<&str> = claim.split(' ').collect();
        assert_eq!(scopes.len(), items.len(), "one scope per item");
        for (scope, item) in scopes.iter().zip(&items) {
            if let Scope::Unknown { raw } = scope {
                assert_eq!(raw, item, "an unknown scope is kept as written");
            }
            let _ = scope.to_string();
        }
    }

    let canonical = encode_claim(&scopes);
    assert_eq!(
        parse_scope_claim(&canonical).as_ref(),
        Ok(&scopes),
        "the reference encoding of the parsed scopes does not parse back: {canonical:?}"
    );

    if let Some(policy) = policy_from_scopes(&scopes) {
        let granted = policy.scopes();
        assert_eq!(
            granted,
            canonical_order(&scopes),
            "the policy grants other scopes"
        );
        assert_eq!(
            policy.scope_claim(),
            encode_claim(&granted),
            "the policy's claim is not in the reference format"
        );
        assert_eq!(
            parse_scope_claim(policy.scope_claim()).as_ref(),
            Ok(&granted),
            "the policy's claim does not parse back"
        );
    }
}
