//! Verification and inspection (spec section 3): official tokens accepted, every broken rule
//! rejected with its own error.

mod support;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use capability::{
    AuthToken, JsonKind, MAX_TOKEN_LEN, Malformed, Scope, ScopeRule, Segment, TimeClaim,
    ValueError, VerifyError, Warning, inspect, verify_capability_token,
};

use hmac::{KeyInit, Mac};
use support::{AUTH_TOKEN, NOW, vectors};

const APP: &str = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

/// official-helpers.md §7b V7: twilio-python 9.13, header `alg` first, `nbf`, sorted params.
const V7_PYTHON: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InNjb3BlOmNsaWVudDppbmNvbWluZz9jbGllbnROYW1lPWFsaWNlIHNjb3BlOmNsaWVudDpvdXRnb2luZz9hcHBQYXJhbXM9Zm9vJTNEYmFyJTI2biUzRDMmYXBwU2lkPUFQYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmImY2xpZW50TmFtZT1hbGljZSBzY29wZTpzdHJlYW06c3Vic2NyaWJlP3BhcmFtcz1mb29iYXIlM0RoZXkmcGF0aD0lMkYyMDEwLTA0LTAxJTJGRXZlbnRzIiwiaXNzIjoiQUNhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYSIsImV4cCI6MTcwMDAwMzYwMCwibmJmIjoxNzAwMDAwMDAwfQ.hAj0FJHYjNEnaPLCihH8Xg3ToCllx3h7RHhIoNdxN9o";
/// §7b V8: twilio-python, `bob smith` as a client name, no `nbf`.
const V8_PYTHON: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InNjb3BlOmNsaWVudDppbmNvbWluZz9jbGllbnROYW1lPWJvYitzbWl0aCIsImlzcyI6IkFDYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWEiLCJleHAiOjE3MDAwMDA2MDB9.yUM9C9eqyTnJYGEmBWd0Rbr3nqVOmKyN1bEyA-XnpSk";
/// §7b V9: twilio-node 5.13.1, outgoing first with `%2520` for a space, `iat`.
const V9_NODE: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InNjb3BlOmNsaWVudDpvdXRnb2luZz9hcHBTaWQ9QVBiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYiZjbGllbnROYW1lPWFsaWNlJmFwcFBhcmFtcz11c2VyX2lkJTNEYSUyNTIwYiUyNTI2YyUyNTNEZCUyNTJGJTI1QzMlMjVBOSBzY29wZTpjbGllbnQ6aW5jb21pbmc_Y2xpZW50TmFtZT1hbGljZSIsImlzcyI6IkFDYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWEiLCJleHAiOjE3MDAwMDM2MDAsImlhdCI6MTcwMDAwMDAwMH0.KlrpC01ojizUh7tpD7c-xcTNZWjh_9KK3KN1qVqee18";
/// §7b V6: no capabilities, `"scope":""`.
const V6_EMPTY: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzY29wZSI6IiIsImlzcyI6IkFDYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWEiLCJleHAiOjE3MDAwMDM2MDB9.Vh1qEb-6fZBdj81vh1AgQvQO8XSH6r4Q_vjvV4vioB4";

fn key() -> AuthToken {
    AUTH_TOKEN.parse().unwrap()
}

/// A token with exactly this header and payload JSON, signed with the reference key.
fn forge(header: &str, payload: &str) -> String {
    let mut input = URL_SAFE_NO_PAD.encode(header);
    input.push('.');
    input.push_str(&URL_SAFE_NO_PAD.encode(payload));
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(AUTH_TOKEN.as_bytes()).unwrap();
    mac.update(input.as_bytes());
    let sig = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{input}.{sig}")
}

const HS256: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

fn claims(scope: &str) -> String {
    format!(r#"{{"scope":"{scope}","iss":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","exp":1700003600}}"#)
}

#[test]
fn python_token_verifies_and_decodes() {
    let d = verify_capability_token(V7_PYTHON, &key(), NOW, 0).unwrap();
    assert_eq!(d.header.alg, "HS256");
    assert_eq!(d.claims.exp, 1_700_003_600);
    assert_eq!(d.claims.nbf, Some(NOW));
    assert_eq!(d.claims.iat, None);
    assert_eq!(
        d.scopes,
        [
            Scope::Incoming {
                client_name: "alice".into()
            },
            Scope::Outgoing {
                application_sid: APP.into(),
                client_name: Some("alice".into()),
                params: vec![("foo".into(), "bar".into()), ("n".into(), "3".into())],
            },
            Scope::EventStream {
                filters: vec![("foobar".into(), "hey".into())]
            },
        ]
    );
    assert_eq!(inspect(V7_PYTHON).unwrap().scopes(), d.scopes);
}

#[test]
fn node_token_verifies_and_decodes() {
    let d = verify_capability_token(V9_NODE, &key(), NOW, 0).unwrap();
    assert_eq!(d.claims.iat, Some(NOW));
    assert_eq!(d.claims.nbf, None);
    assert_eq!(
        d.scopes,
        [
            Scope::Outgoing {
                application_sid: APP.into(),
                client_name: Some("alice".into()),
                params: vec![("user_id".into(), "a b&c=d/é".into())],
            },
            Scope::Incoming {
                client_name: "alice".into()
            },
        ]
    );
    assert_eq!(inspect(V9_NODE).unwrap().scopes(), d.scopes);
}

#[test]
fn python_token_with_a_space_in_the_name_is_read_as_is() {
    let d = verify_capability_token(V8_PYTHON, &key(), NOW, 0).unwrap();
    assert_eq!(
        d.scopes,
        [Scope::Incoming {
            client_name: "bob smith".into()
        }]
    );
}

#[test]
fn a_token_that_grants_nothing_reads_as_no_scopes() {
    assert_eq!(
        verify_capability_token(V6_EMPTY, &key(), NOW, 0)
            .unwrap()
            .scopes,
        []
    );
}

#[test]
fn every_single_byte_change_is_rejected() {
    let alphabet: Vec<u8> = (b'A'..=b'Z')
        .chain(b'a'..=b'z')
        .chain(b'0'..=b'9')
        .chain(*b"-_.=+/ ")
        .collect();
    for v in vectors() {
        let original = v.token.as_bytes();
        for i in 0..original.len() {
            for &b in &alphabet {
                if b == original[i] {
                    continue;
                }
                let mut changed = original.to_vec();
                changed[i] = b;
                let changed = String::from_utf8(changed).unwrap();
                let err = verify_capability_token(&changed, &key(), NOW, 0).expect_err(&changed);
                assert!(
                    matches!(
                        err,
                        VerifyError::Malformed(_)
                            | VerifyError::BadSignature
                            | VerifyError::UnsupportedAlgorithm { .. }
                            | VerifyError::UnsupportedType { .. }
                            | VerifyError::MissingClaim { .. }
                            | VerifyError::ClaimType { .. }
                    ),
                    "{}: byte {i} -> {:?}: {err:?}",
                    v.name,
                    b as char
                );
            }
        }
    }
}

#[test]
fn a_wrong_key_is_a_bad_signature() {
    let wrong: AuthToken = "0123456789abcdef0123456789abcdeF".parse().unwrap();
    for v in vectors() {
        assert_eq!(
            verify_capability_token(&v.token, &wrong, NOW, 0),
            Err(VerifyError::BadSignature)
        );
    }
    assert_eq!(
        verify_capability_token(V7_PYTHON, &wrong, NOW, 0),
        Err(VerifyError::BadSignature)
    );
}

#[test]
fn alg_none_is_refused_with_or_without_a_signature() {
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims("scope:client:incoming?clientName=admin"));
    for token in [
        format!("{header}.{payload}."),
        forge(r#"{"alg":"none"}"#, &claims("")),
    ] {
        assert_eq!(
            verify_capability_token(&token, &key(), NOW, 0),
            Err(VerifyError::UnsupportedAlgorithm { alg: "none".into() })
        );
    }
    // inspect reads it, and says nothing was checked.
    let unverified = inspect(&format!("{header}.{payload}.")).unwrap();
    assert_eq!(unverified.header().alg, "none");
}

#[test]
fn other_algorithms_and_types_are_refused() {
    for alg in ["HS512", "HS384", "RS256", "hs256", ""] {
        let token = forge(&format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#), &claims(""));
        assert_eq!(
            verify_capability_token(&token, &key(), NOW, 0),
            Err(VerifyError::UnsupportedAlgorithm { alg: alg.into() })
        );
    }
    let token = forge(r#"{"alg":"HS256","typ":"JWS"}"#, &claims(""));
    assert_eq!(
        verify_capability_token(&token, &key(), NOW, 0),
        Err(VerifyError::UnsupportedType { typ: "JWS".into() })
    );
    let token = forge(r#"{"typ":"JWT"}"#, &claims(""));
    assert_eq!(
        verify_capability_token(&token, &key(), NOW, 0),
        Err(VerifyError::MissingClaim { claim: "alg" })
    );
    let token = forge(r#"{"alg":256}"#, &claims(""));
    assert_eq!(
        verify_capability_token(&token, &key(), NOW, 0),
        Err(VerifyError::ClaimType {
            claim: "alg",
            expected: "a string",
            found: JsonKind::Integer
        })
    );
    // Without `typ`, and with keys in either order, HS256 is fine.
    assert!(
        verify_capability_token(&forge(r#"{"alg":"HS256"}"#, &claims("")), &key(), NOW, 0).is_ok()
    );
}

#[test]
fn expiry_is_exclusive_and_honours_leeway() {
    let token = &vectors()[0].token; // exp = NOW + 3600
    let exp = NOW + 3600;
    assert!(verify_capability_token(token, &key(), exp - 1, 0).is_ok());
    assert_eq!(
        verify_capability_token(token, &key(), exp, 0),
        Err(VerifyError::Expired {
            exp,
            now: exp,
            leeway: 0
        })
    );
    assert_eq!(
        verify_capability_token(token, &key(), exp + 10, 10),
        Err(VerifyError::Expired {
            exp,
            now: exp + 10,
            leeway: 10
        })
    );
    assert!(verify_capability_token(token, &key(), exp + 10, 11).is_ok());
    assert!(
        verify_capability_token(token, &key(), u64::MAX, u64::MAX).is_ok(),
        "leeway must not overflow"
    );
}

#[test]
fn not_before_in_the_future_is_rejected() {
    assert_eq!(
        verify_capability_token(V7_PYTHON, &key(), NOW - 1, 0),
        Err(VerifyError::NotYetValid {
            nbf: NOW,
            now: NOW - 1,
            leeway: 0
        })
    );
    assert!(verify_capability_token(V7_PYTHON, &key(), NOW - 1, 1).is_ok());
    let future = forge(
        HS256,
        &format!(
            r#"{{"scope":"","iss":"AC","exp":{},"nbf":{}}}"#,
            NOW + 7200,
            NOW + 3600
        ),
    );
    assert!(matches!(
        verify_capability_token(&future, &key(), NOW, 0),
        Err(VerifyError::NotYetValid { .. })
    ));
}

#[test]
fn time_claims_must_be_json_integers() {
    let cases = [
        (r#""exp":"1700003600""#, "exp", JsonKind::String),
        (r#""exp":1700003600.0"#, "exp", JsonKind::OtherNumber),
        (r#""exp":1.7e9"#, "exp", JsonKind::OtherNumber),
        (r#""exp":-1"#, "exp", JsonKind::NegativeInteger),
        (
            r#""exp":18446744073709551616"#,
            "exp",
            JsonKind::OtherNumber,
        ),
        (r#""exp":null"#, "exp", JsonKind::Null),
        (r#""exp":true"#, "exp", JsonKind::Bool),
        (r#""exp":[1]"#, "exp", JsonKind::Array),
        (r#""exp":1700003600,"nbf":"0""#, "nbf", JsonKind::String),
        (r#""exp":1700003600,"iat":{}"#, "iat", JsonKind::Object),
    ];
    for (claim_json, claim, found) in cases {
        let token = forge(HS256, &format!(r#"{{"scope":"","iss":"AC",{claim_json}}}"#));
        let err = verify_capability_token(&token, &key(), NOW, 0).unwrap_err();
        assert_eq!(
            err,
            VerifyError::ClaimType {
                claim,
                expected: "a non-negative JSON integer",
                found
            },
            "{claim_json}"
        );
        assert!(err.to_string().contains(&format!("`{claim}`")), "{err}");
    }
    let token = forge(HS256, r#"{"scope":"","iss":"AC"}"#);
    assert_eq!(
        verify_capability_token(&token, &key(), NOW, 0),
        Err(VerifyError::MissingClaim { claim: "exp" })
    );
    let token = forge(HS256, r#"{"scope":"","exp":1700003600}"#);
    assert_eq!(
        verify_capability_token(&token, &key(), NOW, 0),
        Err(VerifyError::MissingClaim { claim: "iss" })
    );
    let token = forge(HS256, r#"{"scope":5,"iss":"AC","exp":1700003600}"#);
    assert!(matches!(
        verify_capability_token(&token, &key(), NOW, 0),
        Err(VerifyError::ClaimType { claim: "scope", .. })
    ));
    // The largest u64 is an integer like any other.
    let token = forge(
        HS256,
        r#"{"scope":"","iss":"AC","exp":18446744073709551615}"#,
    );
    assert_eq!(
        verify_capability_token(&token, &key(), NOW, 0)
            .unwrap()
            .claims
            .exp,
        u64::MAX
    );
}

#[test]
fn claims_may_come_in_any_order_and_unknown_ones_are_ignored() {
    let token = forge(
        r#"{"typ":"JWT","kid":"x","alg":"HS256"}"#,
        r#"{"custom":{"a":[1,2]},"exp":1700003600,"iss":"AC","scope":"scope:client:incoming?clientName=a"}"#,
    );
    let d = verify_capability_token(&token, &key(), NOW, 0).unwrap();
    assert_eq!(
        d.scopes,
        [Scope::Incoming {
            client_name: "a".into()
        }]
    );
    // C# 5+ leaves out `scope` when it grants nothing.
    assert_eq!(
        verify_capability_token(
            &forge(HS256, r#"{"iss":"AC","exp":1700003600}"#),
            &key(),
            NOW,
            0
        )
        .unwrap()
        .scopes,
        []
    );
}

#[test]
fn duplicate_claims_are_malformed() {
    let token = forge(HS256, r#"{"scope":"","iss":"AC","exp":1700003600,"exp":1}"#);
    assert!(matches!(
        verify_capability_token(&token, &key(), NOW, 0),
        Err(VerifyError::Malformed(Malformed::Json {
            segment: Segment::Payload,
            ..
        }))
    ));
}

#[test]
fn malformed_shapes_are_rejected() {
    let t = &vectors()[0].token;
    let parts: Vec<&str> = t.split('.').collect();
    let cases = [
        (String::new(), Malformed::Segments { count: 1 }),
        (
            format!("{}.{}", parts[0], parts[1]),
            Malformed::Segments { count: 2 },
        ),
        (format!("{t}.x"), Malformed::Segments { count: 4 }),
        (
            format!("{}=.{}.{}", parts[0], parts[1], parts[2]),
            Malformed::Base64 {
                segment: Segment::Header,
            },
        ),
        (
            format!("{}.{}.{}=", parts[0], parts[1], parts[2]),
            Malformed::Base64 {
                segment: Segment::Signature,
            },
        ),
        (
            format!("{}.{}!.{}", parts[0], parts[1], parts[2]),
            Malformed::Base64 {
                segment: Segment::Payload,
            },
        ),
    ];
    for (token, expected) in cases {
        assert_eq!(
            verify_capability_token(&token, &key(), NOW, 0),
            Err(VerifyError::Malformed(expected.clone())),
            "{token}"
        );
        assert!(inspect(&token).is_err());
    }
    let not_json = forge("not json", &claims(""));
    assert!(matches!(
        verify_capability_token(&not_json, &key(), NOW, 0),
        Err(VerifyError::Malformed(Malformed::Json {
            segment: Segment::Header,
            ..
        }))
    ));
    let array = forge("[1]", &claims(""));
    assert!(matches!(
        verify_capability_token(&array, &key(), NOW, 0),
        Err(VerifyError::Malformed(Malformed::Json { .. }))
    ));
}

#[test]
fn a_token_over_8_kib_is_refused_before_decoding() {
    // A valid token of exactly MAX_TOKEN_LEN bytes, padded with an unknown claim.
    let base = forge(
        HS256,
        &claims("").replace("{\"scope\"", "{\"pad\":\"\",\"scope\""),
    );
    let pad = (MAX_TOKEN_LEN - base.len()) * 3 / 4;
    let mut token = String::new();
    for extra in pad.saturating_sub(4)..pad + 4 {
        let t = forge(
            HS256,
            &claims("").replace(
                "{\"scope\"",
                &format!("{{\"pad\":\"{}\",\"scope\"", "x".repeat(extra)),
            ),
        );
        if t.len() == MAX_TOKEN_LEN {
            token = t;
        }
    }
    assert_eq!(
        token.len(),
        MAX_TOKEN_LEN,
        "could not build a token of exactly the limit"
    );
    assert!(verify_capability_token(&token, &key(), NOW, 0).is_ok());
    let over = format!("{token}A");
    assert_eq!(
        verify_capability_token(&over, &key(), NOW, 0),
        Err(VerifyError::TooLong {
            len: MAX_TOKEN_LEN + 1,
            max: MAX_TOKEN_LEN
        })
    );
    // Refused by length alone: garbage of the same size gets the same answer.
    let garbage = "!".repeat(MAX_TOKEN_LEN + 1);
    assert_eq!(
        inspect(&garbage),
        Err(VerifyError::TooLong {
            len: MAX_TOKEN_LEN + 1,
            max: MAX_TOKEN_LEN
        })
    );
}

#[test]
fn inspect_does_not_check_the_signature_or_the_time() {
    let t = &vectors()[0].token;
    let (input, _) = t.rsplit_once('.').unwrap();
    let tampered = format!("{input}.{}", URL_SAFE_NO_PAD.encode([0u8; 32]));
    assert_eq!(
        verify_capability_token(&tampered, &key(), NOW, 0),
        Err(VerifyError::BadSignature)
    );
    assert_eq!(
        inspect(&tampered).unwrap().claims().exp.seconds(),
        Some(NOW + 3600)
    );
    assert!(inspect(t).is_ok());
    assert!(matches!(
        verify_capability_token(t, &key(), u64::MAX, 0),
        Err(VerifyError::Expired { .. })
    ));
}

#[test]
fn every_official_scope_encoding_is_understood() {
    let read = |scope: &str| {
        verify_capability_token(&forge(HS256, &claims(scope)), &key(), NOW, 0).map(|d| d.scopes)
    };
    let stream = |filters: &[(&str, &str)]| {
        vec![Scope::EventStream {
            filters: filters
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }]
    };
    // Raw or encoded path; filters under `params` or `appParams`; PHP's empty `params=`.
    assert_eq!(
        read("scope:stream:subscribe?path=/2010-04-01/Events").unwrap(),
        stream(&[])
    );
    assert_eq!(
        read("scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=").unwrap(),
        stream(&[])
    );
    assert_eq!(
        read("scope:stream:subscribe?path=/2010-04-01/Events&appParams=foo%3Dbar").unwrap(),
        stream(&[("foo", "bar")])
    );
    assert_eq!(
        read("scope:stream:subscribe?params=foobar%3Dhey&path=%2F2010-04-01%2FEvents").unwrap(),
        stream(&[("foobar", "hey")])
    );
    // Space as `+` or `%20`; lower-case hex (C# net35); empty `appParams=` (PHP, Node).
    let out = |params: &[(&str, &str)], name: Option<&str>| {
        vec![Scope::Outgoing {
            application_sid: "AP123".into(),
            client_name: name.map(Into::into),
            params: params
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }]
    };
    assert_eq!(
        read("scope:client:outgoing?appSid=AP123&appParams=").unwrap(),
        out(&[], None)
    );
    assert_eq!(
        read("scope:client:outgoing?appSid=AP123&clientName=CL123&appParams=foo%3Dbar").unwrap(),
        out(&[("foo", "bar")], Some("CL123"))
    );
    assert_eq!(
        read("scope:client:outgoing?appParams=k%3Da%2520b%26j%3Da%2Bb&appSid=AP123").unwrap(),
        out(&[("k", "a b"), ("j", "a b")], None)
    );
    assert_eq!(
        read("scope:client:outgoing?appSid=AP123&appParams=user_id%3da%2bb%2526c").unwrap(),
        out(&[("user_id", "a b&c")], None)
    );
    assert_eq!(
        read("scope:client:incoming?clientName=bob%20smith").unwrap(),
        [Scope::Incoming {
            client_name: "bob smith".into()
        }]
    );
    // Empty values are read as the empty text they are (Python and Node mint them); whether
    // they are valid is for `inspect`'s warnings.
    assert_eq!(
        read("scope:client:incoming?clientName=").unwrap(),
        [Scope::Incoming {
            client_name: String::new()
        }]
    );
    assert_eq!(
        read("scope:client:outgoing?appParams=plan%3Dgold&appSid=&clientName=carol").unwrap(),
        [Scope::Outgoing {
            application_sid: String::new(),
            client_name: Some("carol".into()),
            params: vec![("plan".into(), "gold".into())],
        }]
    );
    // An unknown kind is reported, not dropped.
    assert_eq!(
        read("scope:video:publish?room=x").unwrap(),
        [Scope::Unknown {
            raw: "scope:video:publish?room=x".into()
        }]
    );
}

#[test]
fn malformed_scopes_say_which_rule() {
    let rule = |scope: &str| match verify_capability_token(
        &forge(HS256, &claims(scope)),
        &key(),
        NOW,
        0,
    ) {
        Err(VerifyError::Malformed(Malformed::Scope(e))) => e.rule,
        other => panic!("{scope}: {other:?}"),
    };
    assert_eq!(
        rule("scope:client:incoming"),
        ScopeRule::Missing { name: "clientName" }
    );
    assert_eq!(
        rule("scope:client:outgoing?clientName=a"),
        ScopeRule::Missing { name: "appSid" }
    );
    assert_eq!(
        rule("scope:client:incoming?clientName=a&clientName=b"),
        ScopeRule::Repeated {
            name: "clientName".into()
        }
    );
    assert_eq!(
        rule("scope:client:incoming?clientName=a&admin=1"),
        ScopeRule::UnknownParameter {
            name: "admin".into()
        }
    );
    assert_eq!(
        rule("scope:client:incoming?clientName"),
        ScopeRule::NoEquals {
            item: "clientName".into()
        }
    );
    assert!(matches!(
        rule("scope:client:incoming?clientName=%G1"),
        ScopeRule::Encoding { .. }
    ));
    assert!(matches!(
        rule("scope:client:incoming?clientName=%FF"),
        ScopeRule::Encoding { .. }
    ));
    assert_eq!(
        rule("scope:stream:subscribe?path=/other"),
        ScopeRule::Path {
            path: "/other".into()
        }
    );
    assert_eq!(
        rule("scope:stream:subscribe?path=/2010-04-01/Events&params=&appParams="),
        ScopeRule::Repeated {
            name: "params".into()
        }
    );
    assert_eq!(
        rule("scope:client:incoming?clientName=a  scope:client:incoming?clientName=b"),
        ScopeRule::Empty
    );
    assert_eq!(rule("client:incoming?clientName=a"), ScopeRule::Shape);
    assert_eq!(rule("scope:client?x=1"), ScopeRule::Shape);
    assert_eq!(
        rule("scope:client:outgoing?appSid=AP1&appParams=novalue"),
        ScopeRule::NoEquals {
            item: "novalue".into()
        }
    );
}

#[test]
fn a_verifier_keyed_once_agrees_with_verify_and_hides_its_key() {
    let verifier = capability::CapabilityVerifier::new(&key());
    assert!(!format!("{verifier:?}").contains(AUTH_TOKEN));
    for token in [V7_PYTHON, V8_PYTHON, V9_NODE, V6_EMPTY] {
        assert_eq!(
            verifier.verify(token, NOW, 0),
            verify_capability_token(token, &key(), NOW, 0)
        );
    }
    let wrong = capability::CapabilityVerifier::new(&"other".parse().unwrap());
    assert_eq!(
        wrong.verify(V7_PYTHON, NOW, 0),
        Err(VerifyError::BadSignature)
    );
}

#[test]
fn segments_are_counted_wherever_the_dots_are() {
    let t = &vectors()[0].token;
    let parts: Vec<&str> = t.split('.').collect();
    let (h, p, s) = (parts[0], parts[1], parts[2]);
    // A dot deep inside the long payload, where it is found a word at a time.
    let deep = format!("{h}.{}.{}.{s}", &p[..40], &p[40..]);
    for (token, count) in [
        (".".to_owned(), 2),
        ("...".to_owned(), 4),
        (format!("{h}{p}{s}"), 1),
        (format!("{h}.{p}{s}"), 2),
        (format!(".{h}.{p}.{s}"), 4),
        (format!("{h}.{p}.{s}."), 4),
        (format!("{h}..{p}.{s}"), 4),
        (format!("{h}.{p}..{s}"), 4),
        (deep, 4),
    ] {
        assert_eq!(
            verify_capability_token(&token, &key(), NOW, 0),
            Err(VerifyError::Malformed(Malformed::Segments { count })),
            "{token}"
        );
        assert_eq!(
            inspect(&token),
            Err(VerifyError::Malformed(Malformed::Segments { count }))
        );
    }
    // Three empty segments are the right shape: the empty header is what is wrong.
    assert!(matches!(
        verify_capability_token("..", &key(), NOW, 0),
        Err(VerifyError::Malformed(Malformed::Json {
            segment: Segment::Header,
            ..
        }))
    ));
}

#[test]
fn a_signature_of_another_length_is_bad_not_malformed() {
    let t = forge(HS256, &claims(""));
    let (input, sig) = t.rsplit_once('.').unwrap();
    // Canonical base64url of 31, 33 and 0 bytes.
    for other in ["A".repeat(42), "A".repeat(44), String::new()] {
        assert_eq!(
            verify_capability_token(&format!("{input}.{other}"), &key(), NOW, 0),
            Err(VerifyError::BadSignature),
            "{other:?}"
        );
    }
    // Not base64url at all, at the right length and at others.
    for other in [
        format!("{}!", &sig[..42]),
        format!("{sig}AB"),
        format!("{sig}=="),
    ] {
        assert_eq!(
            verify_capability_token(&format!("{input}.{other}"), &key(), NOW, 0),
            Err(VerifyError::Malformed(Malformed::Base64 {
                segment: Segment::Signature
            })),
            "{other:?}"
        );
    }
}

#[test]
fn a_payload_too_long_for_the_stack_is_read_the_same() {
    // Verification decodes payloads of up to 1 KiB on the stack; this one is about 5 KiB.
    let params: Vec<String> = (0..300).map(|i| format!("k{i}%3Dv{i}")).collect();
    let scope = format!(
        "scope:client:outgoing?appSid={APP}&appParams={}",
        params.join("%26")
    );
    let token = forge(HS256, &claims(&scope));
    assert!(token.len() > 4096 && token.len() < MAX_TOKEN_LEN);
    let d = verify_capability_token(&token, &key(), NOW, 0).unwrap();
    let Scope::Outgoing { params, .. } = &d.scopes[0] else {
        panic!("{:?}", d.scopes);
    };
    assert_eq!(params.len(), 300);
    assert_eq!(params[299], ("k299".to_owned(), "v299".to_owned()));
    assert_eq!(inspect(&token).unwrap().scopes(), d.scopes);
    // And a broken one is still found broken.
    let mut broken = token.clone().into_bytes();
    broken[3000] = b'!';
    assert_eq!(
        verify_capability_token(std::str::from_utf8(&broken).unwrap(), &key(), NOW, 0),
        Err(VerifyError::Malformed(Malformed::Base64 {
            segment: Segment::Payload
        }))
    );
}

#[test]
fn parameter_names_may_be_percent_encoded() {
    // Decoded before they are matched, as every name is.
    let token = forge(
        HS256,
        &claims("scope:client:outgoing?app%53id=AP1&client%4Eame=a+b scope:Client:incoming?x"),
    );
    assert_eq!(
        verify_capability_token(&token, &key(), NOW, 0)
            .unwrap()
            .scopes,
        [
            Scope::Outgoing {
                application_sid: "AP1".into(),
                client_name: Some("a b".into()),
                params: vec![],
            },
            Scope::Unknown {
                raw: "scope:Client:incoming?x".into()
            },
        ]
    );
}

#[test]
fn a_payload_that_is_not_utf8_is_malformed_json() {
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(HS256),
        URL_SAFE_NO_PAD.encode(b"{\"scope\":\"\xff\",\"iss\":\"AC\",\"exp\":1700003600}")
    );
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(AUTH_TOKEN.as_bytes()).unwrap();
    mac.update(input.as_bytes());
    let token = format!(
        "{input}.{}",
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    );
    assert!(matches!(
        verify_capability_token(&token, &key(), NOW, 0),
        Err(VerifyError::Malformed(Malformed::Json {
            segment: Segment::Payload,
            ..
        }))
    ));
}

#[test]
fn inspect_reads_what_spec_section_2_forbids_and_types_each_warning() {
    let long = "x".repeat(4097);
    let payload = format!(
        r#"{{"scope":"scope:client:incoming?clientName= scope:client:outgoing?appSid=AP1&appParams=k%3D{long}","iss":"AC1","exp":1700090000.0,"nbf":1700000000}}"#
    );
    let token = forge(HS256, &payload);
    let unverified = inspect(&token).unwrap();
    assert_eq!(
        unverified.scopes()[0],
        Scope::Incoming {
            client_name: String::new()
        }
    );
    assert_eq!(
        unverified.claims().exp,
        TimeClaim::Invalid(serde_json::json!(1700090000.0))
    );
    let warnings = unverified.warnings();
    assert!(matches!(
        &warnings[0],
        Warning::Value { at: "issuer (iss)", value, error: ValueError::AccountSid { .. } } if value == "AC1"
    ));
    assert!(matches!(
        &warnings[1],
        Warning::TimeType {
            claim: "exp",
            found: JsonKind::OtherNumber,
            ..
        }
    ));
    assert!(matches!(
        &warnings[2],
        Warning::Value {
            at: "incoming scope",
            error: ValueError::EmptyClientName,
            ..
        }
    ));
    assert!(matches!(
        &warnings[3],
        Warning::Value {
            error: ValueError::AppSid { .. },
            ..
        }
    ));
    // A value over the limit is not repeated in the message.
    assert_eq!(
        warnings[4].to_string(),
        r#"outgoing scope: outgoing param "k" has a value of 4097 bytes; values must be at most 4096 bytes long"#
    );
    // No lifetime warning: `exp` is not a time to count from.
    assert_eq!(warnings.len(), 5, "{warnings:?}");
    // verify reads the same scopes, but not the float `exp`.
    assert!(matches!(
        verify_capability_token(&token, &key(), NOW, 0),
        Err(VerifyError::ClaimType { claim: "exp", .. })
    ));
}
