//! `verify_access_token`, `verify_taskrouter_token` and `inspect` on arbitrary bytes, used as
//! the `verify_inspect` target uses them: as the token itself, and, when the input holds a
//! newline, as `HEADER-JSON \n PAYLOAD-JSON` signed with the reference keys, so that the
//! claims and the grants are reached behind a good signature.
//!
//! Invariants, checked against an HMAC recomputed with the `hmac` crate and the spec:
//! - nothing panics, and nothing over `MAX_TOKEN_LEN` is read;
//! - whatever a verifier accepts was signed with the key it was given, has alg `HS256`, `typ`
//!   absent or `JWT`, `cty` absent or `twilio-fpa;v=1`, is inside its time window, and is
//!   read by `inspect` as that format, with the same identity, grants and claims (or policies);
//! - a verifier refuses every token `inspect` reads as another format, once the header and the
//!   signature are right, with `WrongKind` (or a JSON error of its own stricter reader);
//! - an accepted access token has a non-empty identity and no warning about its types.
use super::{AUTH_TOKEN, NOW, forge, signed_with};
use capability::{
    ApiSecret, AuthToken, Decoded, MAX_TOKEN_LEN, TokenKind, VerifyError, Warning, inspect,
    verify_access_token, verify_taskrouter_token,
};

/// The reference API secret.
pub const API_SECRET: &str = "goldenvectorsecret0123456789abcd";

/// `(now, leeway)`: the reference clock, a leeway, and both overflow edges.
const CLOCKS: [(u64, u64); 3] = [(NOW, 0), (u64::MAX, 0), (0, u64::MAX)];

/// Runs one input.
pub fn run(data: &[u8]) {
    check(&String::from_utf8_lossy(data));
    if let Some(at) = data.iter().position(|&b| b == b'\n') {
        check(&forge(&data[..at], &data[at + 1..], API_SECRET));
        check(&forge(&data[..at], &data[at + 1..], AUTH_TOKEN));
    }
}

fn header_ok(header: &capability::Header) -> bool {
    header.alg == "HS256"
        && matches!(header.typ.as_deref(), None | Some("JWT"))
        && matches!(header.cty.as_deref(), None | Some("twilio-fpa;v=1"))
}

fn in_window(exp: u64, nbf: Option<u64>, now: u64, leeway: u64) -> bool {
    let (exp, now, leeway) = (i128::from(exp), i128::from(now), i128::from(leeway));
    exp > now - leeway && nbf.is_none_or(|nbf| i128::from(nbf) <= now + leeway)
}

fn check(token: &str) {
    let inspected = inspect(token);
    if token.len() > MAX_TOKEN_LEN {
        assert!(matches!(inspected, Err(VerifyError::TooLong { .. })));
    }
    let secret: ApiSecret = API_SECRET.parse().expect("a secret");
    let auth: AuthToken = AUTH_TOKEN.parse().expect("a key");
    for (now, leeway) in CLOCKS {
        let access = verify_access_token(token, &secret, now, leeway);
        if let Ok(d) = &access {
            assert!(
                signed_with(token, API_SECRET),
                "accepted a token not signed with its key"
            );
            assert!(
                header_ok(&d.header),
                "accepted a header spec 3 refuses: {:?}",
                d.header
            );
            assert!(
                in_window(d.claims.exp, d.claims.nbf, now, leeway),
                "outside its window"
            );
            assert!(!d.identity.is_empty(), "accepted an empty identity");
            let Ok(u) = &inspected else {
                panic!("verify accepted a token inspect rejects: {inspected:?}")
            };
            let Decoded::Access(i) = u.decoded() else {
                panic!(
                    "verify_access_token accepted a token inspect reads as {:?}",
                    u.kind()
                )
            };
            assert_eq!(
                (&i.identity, &i.grants, &i.sub, &i.jti),
                (&d.identity, &d.grants, &d.sub, &d.jti)
            );
            assert_eq!(i.grants_json, d.grants_json);
            assert!(
                !u.warnings()
                    .iter()
                    .any(|w| matches!(w, Warning::ClaimType { .. } | Warning::TimeType { .. })),
                "a verified token with type warnings: {:?}",
                u.warnings()
            );
        }
        let taskrouter = verify_taskrouter_token(token, &auth, now, leeway);
        if let Ok(d) = &taskrouter {
            assert!(
                signed_with(token, AUTH_TOKEN),
                "accepted a token not signed with its key"
            );
            assert!(header_ok(&d.header));
            assert!(in_window(d.claims.exp, d.claims.nbf, now, leeway));
            let Ok(u) = &inspected else {
                panic!("verify accepted a token inspect rejects: {inspected:?}")
            };
            let Decoded::TaskRouter(i) = u.decoded() else {
                panic!(
                    "verify_taskrouter_token accepted a token inspect reads as {:?}",
                    u.kind()
                )
            };
            assert_eq!(i.policies, d.policies);
            assert_eq!(
                (&i.workspace_sid, &i.channel),
                (&d.workspace_sid, &d.channel)
            );
        }
        // The other format, correctly signed behind a good header, is refused by its kind.
        let Ok(u) = &inspected else { continue };
        if !header_ok(u.header()) {
            continue;
        }
        let refused = |result: Result<(), &VerifyError>, kind: TokenKind| match result {
            Err(VerifyError::WrongKind { found, .. }) => assert_eq!(*found, u.kind()),
            Err(VerifyError::Malformed(_)) => {}
            Err(e) => panic!(
                "{kind:?} verifier gave {e} for a token inspect reads as {:?}",
                u.kind()
            ),
            Ok(_) => panic!(
                "{kind:?} verifier accepted a token inspect reads as {:?}",
                u.kind()
            ),
        };
        if u.kind() != TokenKind::Access && signed_with(token, API_SECRET) {
            refused(access.as_ref().map(drop), TokenKind::Access);
        }
        if u.kind() != TokenKind::TaskRouter && signed_with(token, AUTH_TOKEN) {
            refused(taskrouter.as_ref().map(drop), TokenKind::TaskRouter);
        }
    }
}
