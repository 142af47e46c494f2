//! `verify` and `inspect` on arbitrary bytes.
//!
//! The input is used twice:
//! - as the token itself (lossily converted to UTF-8, since both take `&str`);
//! - when it holds a newline, as `HEADER-JSON \n PAYLOAD-JSON`: the two parts are
//!   base64url-encoded and signed with the reference key, so that the claims, the header
//!   checks and the scope parser are reached behind a good signature.
//!
//! Each token is verified under two keys and several clocks, and checked against a model of
//! spec section 3 built from `inspect` and an HMAC recomputed with the `hmac` crate:
//! - whatever `verify` accepts was signed with the key it was given, has an `HS256` header, is
//!   inside its time window, and decodes exactly as `inspect` decodes it;
//! - `inspect` never accepts what `verify` calls malformed (`Malformed` or `TooLong`), and
//!   `verify` never accepts what `inspect` rejects;
//! - when `inspect` accepts, `verify` gives exactly the answer of the spec: the algorithm, the
//!   type, the signature, the time claims' types, then the time, in that order.
use std::sync::LazyLock;

use super::{AUTH_TOKEN, NOW, OTHER_TOKEN, auth_token, forge, signed_with};
use capability::{
    AuthToken, DecodedToken, JsonKind, MAX_TOKEN_LEN, TimeClaim, TokenKind, Unverified,
    VerifyError, inspect, verify,
};

static KEYS: LazyLock<[(&str, AuthToken); 2]> = LazyLock::new(|| {
    [
        (AUTH_TOKEN, auth_token(AUTH_TOKEN)),
        (OTHER_TOKEN, auth_token(OTHER_TOKEN)),
    ]
});

/// `(now, leeway)` pairs: the reference clock, a leeway, and both overflow edges.
const CLOCKS: [(u64, u64); 4] = [(NOW, 0), (NOW, 3600), (u64::MAX, 0), (0, u64::MAX)];

/// Runs one input.
pub fn run(data: &[u8]) {
    check(&String::from_utf8_lossy(data));
    if let Some(at) = data.iter().position(|&b| b == b'\n') {
        check(&forge(&data[..at], &data[at + 1..], AUTH_TOKEN));
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
            let verified = verify(token, key, now, leeway);
            check_one(&inspected, &verified, signed, now, leeway);
        }
    }
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
    verified: &Result<DecodedToken, VerifyError>,
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
