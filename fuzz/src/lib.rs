//! The fuzz targets of `capability`, and the oracles they share.
//!
//! Each target is a module with `run(data: &[u8])`; `fuzz_targets/*.rs` only hand libFuzzer's
//! input to it, and `tests/fuzz_regressions.rs` (root, stable) replays the seeds and every
//! minimised crash through the same functions. Modules are named by `#[path]` so that the file
//! can also be included from that test.
//!
//! The oracles are written from the spec (`docs/spec/capability-token.md`), not from the library's
//! code, so that a target compares the library with a second opinion rather than with itself:
//! signatures are recomputed with the `hmac` crate, the scope claim is re-encoded by a
//! spec-1.4 encoder written here, and a signed token is rebuilt byte for byte from spec 1.1-1.3.
#![forbid(unsafe_code)]

#[path = "access.rs"]
pub mod access;
#[path = "bind_inputs.rs"]
pub mod bind_inputs;
#[path = "formats.rs"]
pub mod formats;
#[path = "load_toml.rs"]
pub mod load_toml;
#[path = "policy_file.rs"]
pub mod policy_file;
#[path = "scope_claim.rs"]
pub mod scope_claim;
#[path = "verify_inspect.rs"]
pub mod verify_inspect;

use std::sync::LazyLock;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use capability::encoding::encode;
use capability::rules::{MAX_PAIRS, MAX_VALUE_LEN};
use capability::{
    AppSid, AuthToken, BindProblem, CapabilityMinter, CapabilityPolicy, CapabilityTemplate,
    ClientName, Credentials, InputUse, MAX_TOKEN_LEN, MintError, PolicyError, Scope, SignError,
    Token, parse_scope_claim, verify_capability_token,
};
use hmac::{KeyInit as _, Mac as _};

/// The reference account of `tests/vectors/reference-tokens.json`.
pub const ACCOUNT_SID: &str = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
/// The reference key: every seed token is signed with it.
pub const AUTH_TOKEN: &str = "0123456789abcdef0123456789abcdef";
/// Another key, which signed none of the seeds.
pub const OTHER_TOKEN: &str = "fedcba9876543210fedcba9876543210";
/// The reference clock.
pub const NOW: u64 = 1_700_000_000;

const EVENTS_PATH: &str = "/2010-04-01/Events";
/// Spec 1.2: the header of every token this crate signs.
const REFERENCE_HEADER: &str = r#"{"typ":"JWT","alg":"HS256"}"#;

/// The reference credentials.
pub static CREDS: LazyLock<Credentials> =
    LazyLock::new(|| Credentials::new(ACCOUNT_SID, AUTH_TOKEN).expect("reference credentials"));

/// `key` as an `AuthToken`.
pub fn auth_token(key: &str) -> AuthToken {
    key.parse().expect("a non-empty key")
}

/// The base64url HMAC-SHA256 of `signing_input` under `key`, computed with the `hmac` crate.
pub fn signature(key: &str, signing_input: &str) -> String {
    let mut mac =
        hmac::Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).expect("any key length");
    mac.update(signing_input.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// Whether the last segment of `token` is exactly the canonical base64url of the HMAC of
/// everything before it under `key`. Comparing text, not decoded bytes, also catches a
/// signature accepted in a second, non-canonical spelling.
pub fn signed_with(token: &str, key: &str) -> bool {
    token
        .rsplit_once('.')
        .is_some_and(|(signing_input, sig)| sig == signature(key, signing_input))
}

/// A token with exactly these header and payload bytes, signed with `key`.
pub fn forge(header: &[u8], payload: &[u8], key: &str) -> String {
    let mut input = URL_SAFE_NO_PAD.encode(header);
    input.push('.');
    input.push_str(&URL_SAFE_NO_PAD.encode(payload));
    let sig = signature(key, &input);
    format!("{input}.{sig}")
}

/// `E(Q(pairs))` of spec 1.4: each pair as `E(key)=E(value)`, joined by `&`, encoded again.
fn nested(pairs: &[(String, String)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    encode(&query.join("&"))
}

/// One scope in the reference format of spec 1.4. An unknown scope is written as it was read.
pub fn encode_scope(scope: &Scope) -> String {
    match scope {
        Scope::Incoming { client_name } => {
            format!("scope:client:incoming?clientName={}", encode(client_name))
        }
        Scope::EventStream { filters } => {
            let mut out = format!("scope:stream:subscribe?path={}", encode(EVENTS_PATH));
            if !filters.is_empty() {
                out.push_str("&params=");
                out.push_str(&nested(filters));
            }
            out
        }
        Scope::Outgoing {
            application_sid,
            client_name,
            params,
        } => {
            let mut out = format!("scope:client:outgoing?appSid={}", encode(application_sid));
            if !params.is_empty() {
                out.push_str("&appParams=");
                out.push_str(&nested(params));
            }
            if let Some(name) = client_name {
                out.push_str("&clientName=");
                out.push_str(&encode(name));
            }
            out
        }
        Scope::Unknown { raw } => raw.clone(),
    }
}

/// A whole scope claim in the reference format: the scopes in the order given, joined by one
/// space.
pub fn encode_claim(scopes: &[Scope]) -> String {
    let parts: Vec<String> = scopes.iter().map(encode_scope).collect();
    parts.join(" ")
}

/// The scopes in the canonical order of spec 1.4: incoming (in order), event stream, outgoing.
pub fn canonical_order(scopes: &[Scope]) -> Vec<Scope> {
    let of = |want: fn(&Scope) -> bool| scopes.iter().filter(move |s| want(s)).cloned();
    of(|s| matches!(s, Scope::Incoming { .. }))
        .chain(of(|s| matches!(s, Scope::EventStream { .. })))
        .chain(of(|s| matches!(s, Scope::Outgoing { .. })))
        .collect()
}

/// Whether a params or filters list passes every rule of spec section 2 and the limits.
fn pairs_ok(pairs: &[(String, String)]) -> bool {
    pairs.len() <= MAX_PAIRS
        && pairs.iter().enumerate().all(|(i, (k, v))| {
            !k.is_empty() && v.len() <= MAX_VALUE_LEN && pairs[..i].iter().all(|(e, _)| e != k)
        })
}

/// The policy that grants exactly `scopes`, when a policy can: only known scopes, valid and
/// distinct client names, at most one outgoing and one event stream, valid keys and values,
/// and an outgoing `clientName` that is the last incoming name, as a policy writes it.
/// `CapabilityPolicy::builder` must accept every such list.
pub fn policy_from_scopes(scopes: &[Scope]) -> Option<CapabilityPolicy> {
    // A policy grants something; the empty claim is not one.
    if scopes.is_empty() {
        return None;
    }
    let mut names: Vec<ClientName> = Vec::new();
    let mut outgoing = None;
    let mut stream = None;
    for scope in scopes {
        match scope {
            Scope::Incoming { client_name } => {
                let name: ClientName = client_name.parse().ok()?;
                if names.contains(&name) {
                    return None;
                }
                names.push(name);
            }
            Scope::Outgoing {
                application_sid,
                client_name,
                params,
            } => {
                let sid: AppSid = application_sid.parse().ok()?;
                if outgoing.is_some() || !pairs_ok(params) {
                    return None;
                }
                outgoing = Some((sid, client_name.clone(), params.clone()));
            }
            Scope::EventStream { filters } => {
                if stream.is_some() || !pairs_ok(filters) {
                    return None;
                }
                stream = Some(filters.clone());
            }
            Scope::Unknown { .. } => return None,
        }
    }
    let mut builder = CapabilityPolicy::builder();
    if let Some((sid, client_name, params)) = outgoing {
        let last = names.last().map(|n| n.as_str().to_owned());
        if client_name != last {
            return None;
        }
        builder = builder.allow_client_outgoing(sid, params);
    }
    if let Some(filters) = stream {
        builder = builder.allow_event_stream(filters);
    }
    for name in names {
        builder = builder.allow_client_incoming(name);
    }
    match builder.build() {
        Ok(policy) => Some(policy),
        Err(e) => panic!("scopes that follow every rule do not build: {e}\n{scopes:#?}"),
    }
}

/// The token spec 1.1-1.3 describes for `policy`, the reference credentials and `exp`.
pub fn reference_token(policy: &CapabilityPolicy, exp: u64) -> String {
    let payload = format!(
        r#"{{"scope":"{}","iss":"{ACCOUNT_SID}","exp":{exp}}}"#,
        policy.scope_claim()
    );
    forge(REFERENCE_HEADER.as_bytes(), payload.as_bytes(), AUTH_TOKEN)
}

/// A signed policy verifies back to itself, and its token is exactly the one spec 1.1-1.3
/// describes: the reference header, the payload `{"scope":…,"iss":…,"exp":…}` and the
/// HMAC-SHA256 of both under the reference key.
pub fn check_round_trip(policy: &CapabilityPolicy, token: &Token, now: u64) {
    let scopes = policy.scopes();
    let exp = now + u64::from(policy.ttl().as_secs());
    assert_eq!(token.expires_at(), exp, "exp is not now + ttl");
    assert_eq!(
        policy.scope_claim(),
        encode_claim(&scopes),
        "the policy's scope claim is not in the reference format"
    );
    assert_eq!(
        parse_scope_claim(policy.scope_claim()).as_ref(),
        Ok(&scopes),
        "the policy's own scope claim does not parse back to its scopes"
    );
    let expected = reference_token(policy, exp);
    assert_eq!(
        token.as_str(),
        expected,
        "the token is not the reference bytes"
    );
    assert!(signed_with(token.as_str(), AUTH_TOKEN));

    let decoded = match verify_capability_token(token.as_str(), &auth_token(AUTH_TOKEN), now, 0) {
        Ok(decoded) => decoded,
        Err(e) => panic!(
            "a signed policy does not verify back: {e}\n(token of {} bytes)",
            token.as_str().len()
        ),
    };
    assert_eq!(
        decoded.scopes, scopes,
        "verify gives other scopes than the policy"
    );
    assert_eq!(decoded.claims.iss, ACCOUNT_SID);
    assert_eq!(decoded.claims.exp, exp);
    assert_eq!(decoded.claims.nbf, None);
    assert_eq!(decoded.claims.iat, None);
    assert_eq!(decoded.header.alg, "HS256");
    assert_eq!(decoded.header.typ.as_deref(), Some("JWT"));
}

/// Checks that each input's value landed in every field it fills, and nowhere else matters:
/// the scopes are compared whole by [`check_round_trip`].
fn check_uses(template: &CapabilityTemplate, values: &[&str], policy: &CapabilityPolicy) {
    for (input, value) in template.inputs().iter().zip(values) {
        for use_ in input.uses() {
            let value = *value;
            match use_ {
                InputUse::ClientName => assert!(
                    policy.incoming().iter().any(|n| n.as_str() == value),
                    "input {:?} is not an incoming name",
                    input.name()
                ),
                InputUse::ApplicationSid => assert_eq!(
                    policy.outgoing().map(|o| o.application_sid().as_str()),
                    Some(value)
                ),
                InputUse::Param { key } => {
                    let params = policy.outgoing().map_or(&[][..], |o| o.params());
                    let found = params
                        .iter()
                        .find(|(k, _)| k == key)
                        .map(|(_, v)| v.as_str());
                    assert_eq!(found, Some(value), "param {key:?}");
                }
                InputUse::Filter { key } => {
                    let filters = policy.event_stream().map_or(&[][..], |s| s.filters());
                    let found = filters
                        .iter()
                        .find(|(k, _)| k == key)
                        .map(|(_, v)| v.as_str());
                    assert_eq!(found, Some(value), "filter {key:?}");
                }
                other => panic!("an input use this target does not know: {other:?}"),
            }
        }
    }
}

/// What became of a binding, once `bind` and `CapabilityMinter` were found to agree.
#[derive(Debug)]
pub enum Outcome {
    /// The names are not the inputs one to one: `bind` refused them.
    Unmatched,
    /// `bind` (and `CapabilityMinter`) refused the values.
    Unbound(capability::BindError),
    /// The values bound, but signing failed (and minting failed the same way).
    Unsigned(CapabilityPolicy, SignError),
    /// The token was signed, and it round-tripped.
    Signed(CapabilityPolicy, Token),
}

/// Binds `pairs` to `template` by name (`bind`, then `sign_at`) and by position (`minter`,
/// built from the same template) and checks that both agree: the same token bytes, or the same
/// error. A signed token must round-trip ([`check_round_trip`]); a token refused as too long
/// must really be over [`MAX_TOKEN_LEN`], with the length reported.
pub fn check_binding(
    template: &CapabilityTemplate,
    minter: &CapabilityMinter,
    pairs: &[(&str, &str)],
    now: u64,
) -> Outcome {
    let inputs = template.inputs();
    assert_eq!(
        minter.inputs(),
        inputs,
        "CapabilityMinter and template list different inputs"
    );
    let bound = template.bind(pairs.iter().copied());

    // The values in input order, when every input is named exactly once and nothing else is.
    let positional: Option<Vec<&str>> = if pairs.len() == inputs.len() {
        inputs
            .iter()
            .map(|i| pairs.iter().find(|(n, _)| *n == i.name()).map(|(_, v)| *v))
            .collect()
    } else {
        None
    };
    let Some(values) = positional else {
        assert!(
            bound.is_err(),
            "bind accepted names that are not the inputs one to one: {pairs:?}"
        );
        if pairs.len() != inputs.len() {
            let given: Vec<&str> = pairs.iter().map(|(_, v)| *v).collect();
            match minter.mint_at(&given, now) {
                Err(MintError::Inputs(e)) => assert!(
                    matches!(e.problems(), [BindProblem::InputCount { .. }]),
                    "CapabilityMinter: {e}"
                ),
                other => panic!(
                    "CapabilityMinter took {} values for {} inputs: {other:?}",
                    given.len(),
                    inputs.len()
                ),
            }
        }
        return Outcome::Unmatched;
    };

    let minted = minter.mint_at(&values, now);
    let policy = match (bound, minted) {
        (Ok(policy), minted) => (policy, minted),
        (Err(a), Err(MintError::Inputs(b))) => {
            assert_eq!(a, b, "bind and CapabilityMinter report different problems");
            return Outcome::Unbound(a);
        }
        (bound, minted) => panic!("bind gave {bound:?}, CapabilityMinter {minted:?}"),
    };
    let (policy, minted) = policy;
    check_uses(template, &values, &policy);
    match (policy.sign_at(&CREDS, now), minted) {
        (Ok(signed), Ok(minted)) => {
            assert_eq!(
                signed, minted,
                "CapabilityMinter and bind+sign_at disagree on the bytes"
            );
            check_round_trip(&policy, &signed, now);
            Outcome::Signed(policy, signed)
        }
        (Err(a), Err(MintError::Sign(b))) => {
            assert_eq!(a, b, "sign_at and CapabilityMinter fail differently");
            if let SignError::TooLong { len, max } = a {
                assert_eq!(max, MAX_TOKEN_LEN);
                let exp = now + u64::from(policy.ttl().as_secs());
                let real = reference_token(&policy, exp).len();
                assert_eq!(
                    len, real,
                    "TooLong reports a length the token would not have"
                );
                assert!(
                    len > MAX_TOKEN_LEN,
                    "refused a token of {len} bytes as too long"
                );
            }
            Outcome::Unsigned(policy, a)
        }
        (signed, minted) => panic!("bind+sign_at gave {signed:?}, CapabilityMinter {minted:?}"),
    }
}

/// Whether a bind error is only a collision between a generated client name and another one,
/// which valid values can still cause.
pub fn is_name_collision(e: &capability::BindError) -> bool {
    e.problems().iter().all(|p| {
        matches!(
            p,
            BindProblem::Policy(PolicyError::DuplicateClientName { .. })
        )
    })
}
