//! Reading access tokens: every official library's token verifies with its key and decodes to
//! its grants; this crate's tokens read back as their policy; the wrong key, the wrong format
//! and broken grants are refused by `verify_access_token` and read with warnings by `inspect`.

mod support;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use capability::{
    ApiSecret, AuthToken, Decoded, JsonKind, TokenKind, VerifyError, inspect, verify_access_token,
    verify_capability_token,
};
use hmac::{KeyInit, Mac};
use serde_json::{Value, json};
use support::{NOW, access_policy_from_input, access_vectors, api_key, vectors_dir};

fn secret(text: &str) -> ApiSecret {
    text.parse().unwrap()
}

#[test]
fn every_official_access_token_verifies_and_decodes_to_its_grants() {
    let text = std::fs::read_to_string(vectors_dir().join("official-access-tokens.json")).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let now = doc["now"].as_u64().unwrap();
    let mut seen = 0;
    for case in doc["cases"].as_array().unwrap() {
        if case["kind"] != "access" {
            continue;
        }
        seen += 1;
        let name = case["name"].as_str().unwrap();
        let token = case["token"].as_str().unwrap();
        let key = secret(case["api_secret"].as_str().unwrap());
        let expect = &case["expect"];
        let d = verify_access_token(token, &key, now, 0).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(d.header.alg, expect["header"]["alg"], "{name}");
        assert_eq!(
            d.header.typ.as_deref(),
            expect["header"]["typ"].as_str(),
            "{name}"
        );
        assert_eq!(
            d.header.cty.as_deref(),
            expect["header"]["cty"].as_str(),
            "{name}"
        );
        assert_eq!(d.header.twr.as_deref(), expect["region"].as_str(), "{name}");
        let claims = &expect["claims"];
        assert_eq!(d.jti.as_deref(), claims["jti"].as_str(), "{name}");
        assert_eq!(d.claims.iss, claims["iss"], "{name}");
        assert_eq!(d.sub, claims["sub"], "{name}");
        assert_eq!(d.claims.exp, claims["exp"], "{name}");
        assert_eq!(d.claims.nbf, claims["nbf"].as_u64(), "{name}");
        assert_eq!(d.claims.iat, claims["iat"].as_u64(), "{name}");
        assert_eq!(d.identity, expect["identity"], "{name}");
        // The raw grants, key for key, and the typed grants, field for field.
        let mut raw = d.raw_grants();
        assert_eq!(raw.remove("identity"), Some(expect["identity"].clone()));
        assert_eq!(Value::Object(raw), expect["grants"], "{name}");
        assert_eq!(typed(&d.grants), expect["grants"], "{name}: typed grants");
        // The wrong key, and the auth-token verifier, refuse it.
        assert_eq!(
            verify_access_token(token, &secret("not the secret"), now, 0),
            Err(VerifyError::BadSignature),
            "{name}"
        );
        let auth: AuthToken = case["api_secret"].as_str().unwrap().parse().unwrap();
        assert_eq!(
            verify_capability_token(token, &auth, now, 0),
            Err(VerifyError::WrongKind {
                expected: TokenKind::Capability,
                found: TokenKind::Access
            }),
            "{name}"
        );
        // inspect tells the format apart by itself, and finds nothing wrong.
        let unverified = inspect(token).unwrap();
        assert_eq!(unverified.kind(), TokenKind::Access, "{name}");
        assert!(
            unverified.warnings().is_empty(),
            "{name}: {:?}",
            unverified.warnings()
        );
    }
    assert_eq!(seen, 7);
}

/// The typed grants back as the JSON they were read from, to compare with the vectors.
fn typed(g: &capability::AccessGrants) -> Value {
    let mut out = serde_json::Map::new();
    let mut object = |key: &str, fields: Vec<(&str, Option<Value>)>| {
        let fields = fields
            .into_iter()
            .filter_map(|(k, v)| Some((k.to_owned(), v?)))
            .collect();
        out.insert(key.to_owned(), Value::Object(fields));
    };
    let s = |v: &Option<String>| v.clone().map(Value::String);
    if let Some(v) = &g.voice {
        let outgoing = v.outgoing.as_ref().map(|o| {
            let mut out = json!({"application_sid": o.application_sid});
            if !o.params.is_empty() {
                out["params"] = Value::Object(o.params.iter().cloned().collect());
            }
            out
        });
        object(
            "voice",
            vec![
                ("incoming", v.incoming.then(|| json!({"allow": true}))),
                ("outgoing", outgoing),
                ("push_credential_sid", s(&v.push_credential_sid)),
                ("endpoint_id", s(&v.endpoint_id)),
            ],
        );
    }
    if let Some(v) = &g.video {
        object("video", vec![("room", s(&v.room))]);
    }
    if let Some(c) = &g.chat {
        object(
            "chat",
            vec![
                ("service_sid", s(&c.service_sid)),
                ("endpoint_id", s(&c.endpoint_id)),
                ("deployment_role_sid", s(&c.deployment_role_sid)),
                ("push_credential_sid", s(&c.push_credential_sid)),
            ],
        );
    }
    if let Some(c) = &g.sync {
        object(
            "data_sync",
            vec![
                ("service_sid", s(&c.service_sid)),
                ("endpoint_id", s(&c.endpoint_id)),
            ],
        );
    }
    if let Some(t) = &g.task_router {
        object(
            "task_router",
            vec![
                ("workspace_sid", s(&t.workspace_sid)),
                ("worker_sid", s(&t.worker_sid)),
                ("role", s(&t.role)),
            ],
        );
    }
    for (key, value) in &g.other {
        out.insert(key.clone(), value.clone());
    }
    Value::Object(out)
}

#[test]
fn every_reference_token_reads_back_as_its_policy() {
    let key = api_key();
    for v in access_vectors() {
        let policy = access_policy_from_input(&v.input);
        let d = verify_access_token(&v.token, key.secret(), NOW, 0).unwrap();
        assert_eq!(d.identity, policy.identity().as_str(), "{}", v.name);
        assert_eq!(d.grants, policy.grants(), "{}", v.name);
        assert_eq!(d.header.twr.as_deref(), policy.region().map(|r| r.as_str()));
        assert_eq!(d.claims.exp, NOW + u64::from(policy.ttl().as_secs()));
        assert!(
            inspect(&v.token).unwrap().warnings().is_empty(),
            "{}",
            v.name
        );
    }
}

fn forge(header: &str, payload: &str, key: &str) -> String {
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(payload)
    );
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(input.as_bytes());
    format!(
        "{input}.{}",
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    )
}

const HEADER: &str = r#"{"typ":"JWT","alg":"HS256","cty":"twilio-fpa;v=1"}"#;
const KEY: &str = "s3cr3t";

fn payload(grants: &str) -> String {
    format!(
        r#"{{"jti":"SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-1700000000","iss":"SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","sub":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","exp":1700003600,"grants":{grants}}}"#
    )
}

#[test]
fn unknown_grants_are_kept_raw_and_params_keep_their_json() {
    let token = forge(
        HEADER,
        &payload(
            r#"{"identity":"alice","player":{"url":"x"},"voice":{"outgoing":{"application_sid":"APcccccccccccccccccccccccccccccccc","params":{"n":42,"t":true,"s":"x"}}},"rtc":null}"#,
        ),
        KEY,
    );
    let d = verify_access_token(&token, &secret(KEY), NOW, 0).unwrap();
    assert_eq!(
        d.grants.other,
        [
            ("player".to_owned(), json!({"url": "x"})),
            ("rtc".to_owned(), Value::Null)
        ]
    );
    let params = &d
        .grants
        .voice
        .as_ref()
        .unwrap()
        .outgoing
        .as_ref()
        .unwrap()
        .params;
    assert_eq!(
        params,
        &[
            ("n".to_owned(), json!(42)),
            ("t".to_owned(), json!(true)),
            ("s".to_owned(), json!("x"))
        ]
    );
    // Numbers are not text, which spec section 2 asks of params: inspect says so.
    let warnings: Vec<String> = inspect(&token)
        .unwrap()
        .warnings()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        warnings,
        [
            "claim `grants.voice.outgoing.params` must be an object of strings, not an integer",
            "claim `grants.voice.outgoing.params` must be an object of strings, not a boolean",
        ]
    );
    // `"params":{}` is the same as no params; Ruby's `"twr":null` is no region.
    let token = forge(
        r#"{"cty":"twilio-fpa;v=1","twr":null,"typ":"JWT","alg":"HS256"}"#,
        &payload(
            r#"{"identity":"alice","voice":{"outgoing":{"application_sid":"APcccccccccccccccccccccccccccccccc","params":{}}}}"#,
        ),
        KEY,
    );
    let d = verify_access_token(&token, &secret(KEY), NOW, 0).unwrap();
    assert_eq!(d.header.twr, None);
    assert!(d.grants.voice.unwrap().outgoing.unwrap().params.is_empty());
}

#[test]
fn verify_is_strict_where_inspect_warns() {
    let cases: [(String, VerifyError, &str); 5] = [
        (
            payload(r#"{"voice":{"incoming":{"allow":true}}}"#),
            VerifyError::MissingClaim {
                claim: "grants.identity",
            },
            "an access token needs an identity",
        ),
        (
            payload(r#"{"identity":"","video":{}}"#),
            VerifyError::EmptyClaim {
                claim: "grants.identity",
            },
            r#"identity: identity "" must be 1 to 121 characters"#,
        ),
        (
            payload(r#"{"identity":42,"video":{}}"#),
            VerifyError::ClaimType {
                claim: "grants.identity",
                expected: "a string",
                found: JsonKind::Integer,
            },
            "claim `grants.identity` must be a string, not an integer",
        ),
        (
            payload(r#"{"identity":"a","video":{"room":5}}"#),
            VerifyError::ClaimType {
                claim: "grants.video.room",
                expected: "a string",
                found: JsonKind::Integer,
            },
            "claim `grants.video.room` must be a string, not an integer",
        ),
        (
            r#"{"iss":"SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","sub":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","exp":1700003600.5,"nbf":1700000000,"grants":{"identity":"a","video":{}}}"#.to_owned(),
            VerifyError::ClaimType {
                claim: "exp",
                expected: "a non-negative JSON integer",
                found: JsonKind::OtherNumber,
            },
            "claim `exp` is 1700003600.5",
        ),
    ];
    for (payload, error, warning) in cases {
        let token = forge(HEADER, &payload, KEY);
        assert_eq!(
            verify_access_token(&token, &secret(KEY), NOW, 0),
            Err(error),
            "{payload}"
        );
        let unverified = inspect(&token).unwrap();
        let warnings: Vec<String> = unverified
            .warnings()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(
            warnings.iter().any(|w| w.starts_with(warning)),
            "{payload}: {warnings:?}"
        );
    }
}

#[test]
fn each_rule_of_section_2_is_a_warning() {
    let cases = [
        (
            r#"{"identity":"bob smith","video":{}}"#,
            r#"identity: identity "bob smith" must be 1 to 121 characters, none of them whitespace or a control character"#,
        ),
        (
            r#"{"identity":"a@b","voice":{"incoming":{"allow":true}}}"#,
            r#"identity "a@b" cannot be used with a voice grant"#,
        ),
        (
            r#"{"identity":"a","voice":{}}"#,
            "the voice grant allows nothing",
        ),
        (
            r#"{"identity":"a","voice":{"outgoing":{"application_sid":"AP1"}}}"#,
            r#"voice grant: application SID "AP1" must be"#,
        ),
        (
            r#"{"identity":"a","chat":{}}"#,
            "the chat grant needs `service`",
        ),
        (
            r#"{"identity":"a","data_sync":{"service_sid":"IS1"}}"#,
            r#"sync grant: sync service SID "IS1" must be "IS" followed by 32 hexadecimal digits, or "default""#,
        ),
        (
            r#"{"identity":"a","task_router":{"role":"x"}}"#,
            "the task_router grant needs `workspace`",
        ),
        (r#"{"identity":"a"}"#, "access token grants nothing"),
        (
            r#"{"identity":"a","video":{"room":""}}"#,
            r#"video grant: video room "" must be 1 to 128 characters"#,
        ),
    ];
    for (grants, warning) in cases {
        let token = forge(HEADER, &payload(grants), KEY);
        // Correctly signed and of the right types: verify accepts it; inspect warns.
        assert!(
            verify_access_token(&token, &secret(KEY), NOW, 0).is_ok(),
            "{grants}"
        );
        let warnings: Vec<String> = inspect(&token)
            .unwrap()
            .warnings()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(
            warnings.len() == 1 && warnings[0].starts_with(warning),
            "{grants}: {warnings:?}"
        );
    }
    let token = forge(
        r#"{"typ":"JWT","alg":"HS256","cty":"twilio-fpa;v=1","twr":"IE1"}"#,
        &payload(r#"{"identity":"a","video":{}}"#),
        KEY,
    );
    let unverified = inspect(&token).unwrap();
    assert_eq!(
        unverified.warnings()[0].to_string(),
        r#"header (twr): region "IE1" must be two lower-case letters and a digit, such as "us1" or "ie1""#
    );
    assert!(matches!(unverified.decoded(), Decoded::Access(_)));
}

#[test]
fn the_content_type_is_checked_and_a_capability_token_is_not_an_access_token() {
    let token = forge(
        r#"{"typ":"JWT","alg":"HS256","cty":"text/plain"}"#,
        &payload(r#"{"identity":"a","video":{}}"#),
        KEY,
    );
    assert_eq!(
        verify_access_token(&token, &secret(KEY), NOW, 0),
        Err(VerifyError::UnsupportedContentType {
            cty: "text/plain".into()
        })
    );
    let capability = support::vectors()[0].token.clone();
    assert_eq!(
        verify_access_token(&capability, &secret(support::AUTH_TOKEN), NOW, 0),
        Err(VerifyError::WrongKind {
            expected: TokenKind::Access,
            found: TokenKind::Capability
        })
    );
}
