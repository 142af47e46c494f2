//! `verify`, `verify_access_token` and `inspect` on arbitrary bytes.
//!
//! The input is used three times:
//! - as the token itself (lossily converted to UTF-8, since all take `&str`);
//! - when it holds a newline, as `HEADER-JSON \n PAYLOAD-JSON`: the two parts are
//!   base64url-encoded and signed with the reference auth token, and again with the reference
//!   API secret, so that the claims, the header checks, the scope parser and the grants are
//!   reached behind a good signature for both verifiers.
//!
//! Each token is verified under two keys of each format and several clocks, and checked
//! against a model of spec section 3 (of `capability-token.md` and of `access-token.md`) built
//! from `inspect`, an HMAC recomputed with the `hmac` crate and, for access tokens, the grants
//! read by the spec model of `access.rs`:
//! - whatever a verifier accepts was signed with the key it was given, has an `HS256` header
//!   (`typ` absent or `JWT`, `cty` absent or `twilio-fpa;v=1`), is inside its time window, and
//!   decodes exactly as `inspect` decodes it (an access token: the same header, claims, `jti`,
//!   `sub`, non-empty identity, grants and grants text, and the grants the spec model reads);
//! - `inspect` never accepts what `verify` calls malformed (`Malformed` or `TooLong`), `verify`
//!   never accepts what `inspect` rejects, and `inspect` never answers `WrongKind`: it tells
//!   the formats apart itself;
//! - when `inspect` accepts, each verifier gives exactly the answer of the spec: the algorithm,
//!   the type, the content type, the signature, the kind (`WrongKind`, or a JSON error of the
//!   verifier's stricter reader), the time claims' types, for an access token the grants'
//!   types (one of the problems the model finds; the spec does not order them), then the time;
//! - `inspect` warns about each type problem of the grants that `verify_access_token` refuses.
use std::sync::LazyLock;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::access::{self, API_SECRET, CTY, OFFICIAL_SECRET, api_secret};
use super::{AUTH_TOKEN, NOW, OTHER_TOKEN, auth_token, forge, signed_with};
use capability::{
    ApiSecret, AuthToken, Decoded, DecodedAccessToken, DecodedCapabilityToken, JsonKind,
    MAX_TOKEN_LEN, PolicyError, TimeClaim, TokenKind, Unverified, ValueError, VerifyError, Warning,
    inspect, verify_access_token, verify_capability_token,
};

static KEYS: LazyLock<[(&str, AuthToken); 2]> = LazyLock::new(|| {
    [
        (AUTH_TOKEN, auth_token(AUTH_TOKEN)),
        (OTHER_TOKEN, auth_token(OTHER_TOKEN)),
    ]
});

/// The access-token keys: the reference API secret, and the official libraries' one (which
/// signed the tokens of `official-access-tokens.json`).
static SECRETS: LazyLock<[(&str, ApiSecret); 2]> = LazyLock::new(|| {
    [
        (API_SECRET, api_secret(API_SECRET)),
        (OFFICIAL_SECRET, api_secret(OFFICIAL_SECRET)),
    ]
});

/// `(now, leeway)` pairs: the reference clock, a leeway, and both overflow edges.
const CLOCKS: [(u64, u64); 4] = [(NOW, 0), (NOW, 3600), (u64::MAX, 0), (0, u64::MAX)];

/// Runs one input.
pub fn run(data: &[u8]) {
    check(&String::from_utf8_lossy(data));
    if let Some(at) = data.iter().position(|&b| b == b'\n') {
        check(&forge(&data[..at], &data[at + 1..], AUTH_TOKEN));
        check(&forge(&data[..at], &data[at + 1..], API_SECRET));
    }
}

fn check(token: &str) {
    let inspected = inspect(token);
    if token.len() > MAX_TOKEN_LEN {
        assert!(
            matches!(inspected, Err(VerifyError::TooLong { .. })),
            "inspect read a token over the limit: {inspected:?}"
        );
    }
    for (i, (key_text, key)) in KEYS.iter().enumerate() {
        let signed = signed_with(token, key_text);
        // Every clock under the reference key; the reference clock under the other key.
        let clocks = if i == 0 { &CLOCKS[..] } else { &CLOCKS[..1] };
        for &(now, leeway) in clocks {
            let verified = verify_capability_token(token, key, now, leeway);
            check_one(&inspected, &verified, signed, now, leeway);
        }
    }
    // inspect picks the format itself: "this is not an X token" is never its answer.
    assert!(
        !matches!(inspected, Err(VerifyError::WrongKind { .. })),
        "inspect refuses a token as of the wrong kind: {inspected:?}"
    );
    // The spec model of the grants, when inspect reads an access token.
    let model = match &inspected {
        Ok(u) if u.kind() == TokenKind::Access => payload(token).and_then(|p| access::model(&p)),
        _ => None,
    };
    if let (Ok(u), Some(model)) = (&inspected, &model) {
        check_warnings(u, model);
    }
    for (i, (key_text, key)) in SECRETS.iter().enumerate() {
        let signed = signed_with(token, key_text);
        let clocks = if i == 0 { &CLOCKS[..] } else { &CLOCKS[..1] };
        for &(now, leeway) in clocks {
            let verified = verify_access_token(token, key, now, leeway);
            check_access(&inspected, &verified, model.as_ref(), signed, now, leeway);
        }
    }
}

/// The decoded payload segment of a token, when it has three segments.
fn payload(token: &str) -> Option<Vec<u8>> {
    let mut parts = token.split('.');
    let (_, payload, _) = (parts.next()?, parts.next()?, parts.next()?);
    URL_SAFE_NO_PAD.decode(payload).ok()
}

/// `inspect` warns about every type problem of the grants that `verify_access_token` refuses
/// (spec 3: strict verification, tolerant inspection).
fn check_warnings(u: &Unverified, model: &access::Model) {
    let warnings = u.warnings();
    for problem in &model.problems {
        let warned = warnings.iter().any(|w| match (problem, w) {
            (
                VerifyError::ClaimType {
                    claim,
                    expected,
                    found,
                },
                Warning::ClaimType {
                    claim: c,
                    expected: e,
                    found: f,
                },
            ) => (claim, expected, found) == (c, e, f),
            (VerifyError::MissingClaim { .. }, Warning::Policy(PolicyError::MissingIdentity)) => {
                true
            }
            (
                VerifyError::EmptyClaim { .. },
                Warning::Value {
                    error: ValueError::Identity { value },
                    ..
                },
            ) => value.is_empty(),
            _ => false,
        });
        assert!(
            warned,
            "inspect does not warn about {problem} (warnings: {warnings:?})"
        );
    }
}

fn header_ok(alg: &str, typ: Option<&str>, cty: Option<&str>) -> bool {
    alg == "HS256" && matches!(typ, None | Some("JWT")) && matches!(cty, None | Some(CTY))
}

/// `verify_access_token` against `inspect`, the HMAC and the spec model.
fn check_access(
    inspected: &Result<Unverified, VerifyError>,
    verified: &Result<DecodedAccessToken, VerifyError>,
    model: Option<&access::Model>,
    signed: bool,
    now: u64,
    leeway: u64,
) {
    let read = match inspected {
        Ok(u) => match u.decoded() {
            Decoded::Access(a) => Some(&**a),
            _ => None,
        },
        Err(_) => None,
    };
    match verified {
        Ok(d) => {
            assert!(
                signed,
                "verify_access_token accepted a token not signed with its key"
            );
            let Some(a) = read else {
                panic!(
                    "verify_access_token accepted a token inspect does not read as one: {inspected:?}"
                );
            };
            let h = &d.header;
            assert!(
                header_ok(&h.alg, h.typ.as_deref(), h.cty.as_deref()),
                "accepted a header spec 3 refuses: {h:?}"
            );
            assert!(!d.identity.is_empty(), "accepted an empty identity");
            assert!(
                !expired(d.claims.exp, now, leeway),
                "accepted an expired access token"
            );
            assert!(
                !not_yet_valid(d.claims.nbf, now, leeway),
                "accepted an access token before its nbf"
            );
            let Ok(u) = inspected else { unreachable!() };
            assert_eq!(
                strict(u).as_ref(),
                Ok(&(d.claims.exp, d.claims.nbf, d.claims.iat)),
                "verify_access_token and inspect read the times differently"
            );
            assert_eq!(
                (&a.header, &a.claims.iss, &a.jti, &a.sub, &a.identity),
                (&d.header, &d.claims.iss, &d.jti, &d.sub, &d.identity),
                "verify_access_token and inspect decode the claims differently"
            );
            assert_eq!(
                a.grants, d.grants,
                "verify_access_token and inspect decode other grants"
            );
            assert_eq!(a.grants_json, d.grants_json);
            if let Some(m) = model {
                assert_eq!(
                    m.problems,
                    [],
                    "verify_access_token accepted grants spec 3 refuses"
                );
                assert_eq!(m.identity.as_deref(), Some(d.identity.as_str()));
                assert_eq!(m.grants, d.grants, "the grants are not what spec 3 reads");
            }
        }
        Err(e) if is_malformed(e) => assert!(
            read.is_none(),
            "inspect reads an access token verify_access_token calls malformed: {e}"
        ),
        Err(_) => {}
    }
    let Ok(u) = inspected else {
        assert!(
            verified.is_err(),
            "verify_access_token accepted a token inspect rejects"
        );
        return;
    };
    let h = u.header();
    let expected = if h.alg != "HS256" {
        Err(VerifyError::UnsupportedAlgorithm { alg: h.alg.clone() })
    } else if let Some(typ) = h.typ.as_ref().filter(|t| *t != "JWT") {
        Err(VerifyError::UnsupportedType { typ: typ.clone() })
    } else if let Some(cty) = h.cty.as_ref().filter(|c| *c != CTY) {
        Err(VerifyError::UnsupportedContentType { cty: cty.clone() })
    } else if !signed {
        Err(VerifyError::BadSignature)
    } else if u.kind() != TokenKind::Access {
        // The access reader is stricter about the JSON (a repeated `sub`, say).
        if matches!(verified, Err(VerifyError::Malformed(_))) {
            return;
        }
        Err(VerifyError::WrongKind {
            expected: TokenKind::Access,
            found: u.kind(),
        })
    } else {
        match strict(u) {
            Err(e) => Err(e),
            Ok((exp, nbf, _)) => {
                let problem = match (model, verified) {
                    // The spec does not order the grants' problems: any one of them.
                    (Some(m), Err(e)) if m.problems.contains(e) => Some(e.clone()),
                    (Some(m), _) => m.problems.first().cloned(),
                    // Repeated keys in the grants: not modelled, beyond being a grants claim.
                    (
                        None,
                        Err(
                            e @ (VerifyError::ClaimType { claim, .. }
                            | VerifyError::MissingClaim { claim }
                            | VerifyError::EmptyClaim { claim }),
                        ),
                    ) if claim.starts_with("grants") => Some(e.clone()),
                    (None, _) => None,
                };
                match problem {
                    Some(e) => Err(e),
                    None if expired(exp, now, leeway) => {
                        Err(VerifyError::Expired { exp, now, leeway })
                    }
                    None if not_yet_valid(nbf, now, leeway) => Err(VerifyError::NotYetValid {
                        nbf: nbf.unwrap_or_default(),
                        now,
                        leeway,
                    }),
                    None => Ok(()),
                }
            }
        }
    };
    assert_eq!(
        verified.as_ref().map(|_| ()).map_err(Clone::clone),
        expected,
        "verify_access_token departs from spec section 3"
    );
}

fn is_malformed(e: &VerifyError) -> bool {
    matches!(e, VerifyError::Malformed(_) | VerifyError::TooLong { .. })
}

/// The time rules of spec section 3, in exact integer arithmetic.
fn expired(exp: u64, now: u64, leeway: u64) -> bool {
    i128::from(exp) <= i128::from(now) - i128::from(leeway)
}

fn not_yet_valid(nbf: Option<u64>, now: u64, leeway: u64) -> bool {
    nbf.is_some_and(|nbf| i128::from(nbf) > i128::from(now) + i128::from(leeway))
}

fn check_one(
    inspected: &Result<Unverified, VerifyError>,
    verified: &Result<DecodedCapabilityToken, VerifyError>,
    signed: bool,
    now: u64,
    leeway: u64,
) {
    match verified {
        Ok(decoded) => {
            assert!(signed, "verify accepted a token not signed with its key");
            let Ok(unverified) = inspected else {
                panic!("verify accepted a token that inspect rejects: {inspected:?}");
            };
            assert_eq!(
                strict(unverified).as_ref(),
                Ok(&(decoded.claims.exp, decoded.claims.nbf, decoded.claims.iat)),
                "verify and inspect read the times differently"
            );
            assert_eq!(unverified.kind(), TokenKind::Capability);
            assert_eq!(
                (
                    unverified.header(),
                    &unverified.claims().iss,
                    unverified.scopes()
                ),
                (&decoded.header, &decoded.claims.iss, &decoded.scopes[..]),
                "verify and inspect decode the token differently"
            );
            assert_eq!(decoded.header.alg, "HS256");
            assert!(matches!(decoded.header.typ.as_deref(), None | Some("JWT")));
            assert!(
                !expired(decoded.claims.exp, now, leeway),
                "accepted an expired token"
            );
            assert!(
                !not_yet_valid(decoded.claims.nbf, now, leeway),
                "accepted a token before its nbf"
            );
        }
        // An access token is read by its own decoder, which may take JSON (a repeated
        // `scope`, say) that the capability token's refuses.
        Err(e) if is_malformed(e) => assert!(
            inspected
                .as_ref()
                .map_or(true, |u| u.kind() != TokenKind::Capability),
            "inspect accepts a token verify calls malformed: {e}"
        ),
        Err(_) => {}
    }
    if let Err(e) = inspected {
        assert!(
            verified.is_err(),
            "verify accepted a token inspect rejects ({e})"
        );
        return;
    }
    let Ok(unverified) = inspected else {
        unreachable!()
    };
    // inspect read it: verify's answer is now fully determined by spec section 3.
    let header = unverified.header();
    let expected = if header.alg != "HS256" {
        Err(VerifyError::UnsupportedAlgorithm {
            alg: header.alg.clone(),
        })
    } else if let Some(typ) = header.typ.as_ref().filter(|t| *t != "JWT") {
        Err(VerifyError::UnsupportedType { typ: typ.clone() })
    } else if let Some(cty) = header.cty.as_ref().filter(|c| *c != "twilio-fpa;v=1") {
        Err(VerifyError::UnsupportedContentType { cty: cty.clone() })
    } else if !signed {
        Err(VerifyError::BadSignature)
    } else if unverified.kind() != TokenKind::Capability {
        if matches!(verified, Err(VerifyError::Malformed(_))) {
            return;
        }
        Err(VerifyError::WrongKind {
            expected: TokenKind::Capability,
            found: unverified.kind(),
        })
    } else {
        match strict(unverified) {
            Err(e) => Err(e),
            Ok((exp, _, _)) if expired(exp, now, leeway) => {
                Err(VerifyError::Expired { exp, now, leeway })
            }
            Ok((_, nbf, _)) if not_yet_valid(nbf, now, leeway) => Err(VerifyError::NotYetValid {
                nbf: nbf.unwrap_or_default(),
                now,
                leeway,
            }),
            // What verify then returns was compared with inspect's reading above.
            Ok(_) => Ok(()),
        }
    };
    assert_eq!(
        verified.as_ref().map(|_| ()).map_err(Clone::clone),
        expected,
        "verify departs from spec section 3"
    );
}

/// `exp`, `nbf` and `iat` as `verify` must read them: integers, or the error for the first
/// that is not, in that order.
fn strict(unverified: &Unverified) -> Result<(u64, Option<u64>, Option<u64>), VerifyError> {
    let claims = unverified.claims();
    let time = |claim: &'static str, time: Option<&TimeClaim>| match time {
        None => Ok(None),
        Some(TimeClaim::Seconds(secs)) => Ok(Some(*secs)),
        Some(TimeClaim::Invalid(value)) => Err(VerifyError::ClaimType {
            claim,
            expected: "a non-negative JSON integer",
            found: kind(value),
        }),
    };
    let exp = time("exp", Some(&claims.exp))?.unwrap_or_default();
    Ok((
        exp,
        time("nbf", claims.nbf.as_ref())?,
        time("iat", claims.iat.as_ref())?,
    ))
}

/// The kind of a JSON value that is not an integer of 64 bits.
fn kind(value: &serde_json::Value) -> JsonKind {
    use serde_json::Value;
    match value {
        Value::Null => JsonKind::Null,
        Value::Bool(_) => JsonKind::Bool,
        Value::Number(n) if n.is_i64() => JsonKind::NegativeInteger,
        Value::Number(_) => JsonKind::OtherNumber,
        Value::String(_) => JsonKind::String,
        Value::Array(_) => JsonKind::Array,
        Value::Object(_) => JsonKind::Object,
    }
}
