//! `capability inspect` reads what the official libraries really mint, then says what is wrong
//! with it: each break of spec section 2 is a warning, in text and in `--json`, and a warning
//! never changes the exit code.

mod support;

use serde_json::{Value, json};
use support::{AUTH_TOKEN, capability, sign, vector_file};

const HS256: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
const NOW: &str = "1700000000";

/// A payload with this scope claim, the reference issuer and an hour to live.
fn claims(scope: &str) -> String {
    format!(r#"{{"scope":"{scope}","iss":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","exp":1700003600}}"#)
}

/// `inspect --verify --json` of a token signed with `AUTH_TOKEN`: exits 0 and gives its JSON.
fn verified_json(token: &str) -> Value {
    let out = capability(["inspect", token, "--verify", "--json", "--now", NOW])
        .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
        .run();
    let value: Value = serde_json::from_str(out.ok()).expect("JSON");
    assert_eq!(value["verified"], true, "{value}");
    value
}

/// The warnings `inspect --verify --json` gives for a signed token with this payload.
fn warnings(payload: &str) -> Value {
    verified_json(&sign(HS256, payload, AUTH_TOKEN))["warnings"].clone()
}

#[test]
fn every_official_token_that_breaks_a_rule_is_decoded_with_its_warning() {
    let doc = vector_file("official-capability-tokens.json");
    let key = doc["auth_token"].as_str().unwrap();
    let now = doc["now"].as_u64().unwrap().to_string();
    let tokens = doc["tokens"].as_array().unwrap();
    assert_eq!(tokens.len(), 7);
    for case in tokens {
        let (name, library) = (
            case["name"].as_str().unwrap(),
            case["library"].as_str().unwrap(),
        );
        let token = case["token"].as_str().unwrap();
        let python = library.starts_with("python");
        let incoming = |name: &str| json!({"kind": "incoming", "client_name": name});
        let (scopes, warning) = match name {
            "empty_client_name" => (
                json!([incoming("")]),
                r#"incoming scope: client name "" must not be empty"#.to_owned(),
            ),
            "empty_app_sid" => (
                json!([incoming("carol"), {"kind": "outgoing", "application_sid": "", "client_name": "carol", "params": [["plan", "gold"]]}]),
                r#"outgoing scope: application SID "" must be "AP" followed by 32 hexadecimal digits"#.to_owned(),
            ),
            "client_name_with_space" => (
                json!([incoming("carol smith")]),
                r#"incoming scope: client name "carol smith" may contain only letters, digits and underscores"#.to_owned(),
            ),
            "lifetime_over_24h" => (
                json!([incoming("carol")]),
                format!(
                    "lifetime (exp - {}) of 90000 seconds: a token's lifetime must be 1 to 86400 seconds",
                    if python { "nbf" } else { "iat" }
                ),
            ),
            other => panic!("a vector this test does not know: {other}"),
        };
        let context = format!("{name} ({library}): {}", case["breaks"]);

        let out = capability(["inspect", token, "--verify", "--json", "--now", &now])
            .env("TWILIO_AUTH_TOKEN", key)
            .run();
        let value: Value = serde_json::from_str(out.ok()).expect("JSON");
        assert_eq!(value["verified"], true, "{context}");
        assert_eq!(value["scopes"], scopes, "{context}");
        assert_eq!(value["warnings"], json!([warning]), "{context}");

        let out = capability(["inspect", token, "--now", &now]).run();
        let text = out.ok();
        let line = format!("\nwarning:    {warning}\nsignature:  NOT verified (use --verify)\n");
        assert!(text.ends_with(&line), "{context}: {text}");
    }
}

#[test]
fn each_value_rule_is_a_warning_that_names_field_value_and_rule() {
    let cases = [
        (
            claims("scope:client:incoming?clientName=bob+smith"),
            r#"incoming scope: client name "bob smith" may contain only letters, digits and underscores"#,
        ),
        (
            claims("scope:client:outgoing?appSid=AP123"),
            r#"outgoing scope: application SID "AP123" must be "AP" followed by 32 hexadecimal digits"#,
        ),
        (
            claims(
                "scope:client:outgoing?appSid=APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb&clientName=a-b",
            ),
            r#"outgoing scope: client name "a-b" may contain only letters, digits and underscores"#,
        ),
        (
            r#"{"scope":"scope:client:incoming?clientName=a","iss":"AC123","exp":1700003600}"#
                .to_owned(),
            r#"issuer (iss): account SID "AC123" must be "AC" followed by 32 hexadecimal digits"#,
        ),
    ];
    for (payload, warning) in cases {
        assert_eq!(warnings(&payload), json!([warning]), "{payload}");
    }
}

#[test]
fn each_policy_rule_is_a_warning() {
    let app = "scope:client:outgoing?appSid=APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    let stream = "scope:stream:subscribe?path=%2F2010-04-01%2FEvents";
    let cases = [
        (
            claims("scope:client:incoming?clientName=a scope:client:incoming?clientName=a"),
            r#"incoming client name "a" is already granted; incoming names must be distinct"#
                .to_owned(),
        ),
        (
            claims(&format!("{app} {app}")),
            "outgoing may appear only once in a policy".to_owned(),
        ),
        (
            claims(&format!("{stream} {stream}")),
            "event_stream may appear only once in a policy".to_owned(),
        ),
        (
            claims(&format!("{app}&appParams=k%3D1%26k%3D2")),
            r#"outgoing param key "k" appears twice; keys must be unique within their scope"#
                .to_owned(),
        ),
        (
            claims(&format!("{stream}&params=%3D1")),
            "event stream filter key must not be empty".to_owned(),
        ),
        (
            claims(""),
            "policy grants nothing: give it at least one of incoming, outgoing or event_stream"
                .to_owned(),
        ),
    ];
    for (payload, warning) in cases {
        assert_eq!(warnings(&payload), json!([warning]), "{payload}");
    }
}

#[test]
fn a_lifetime_outside_one_second_to_a_day_is_a_warning() {
    let incoming = "scope:client:incoming?clientName=a";
    let payload = |times: &str| {
        format!(r#"{{"scope":"{incoming}","iss":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",{times}}}"#)
    };
    let rule = "a token's lifetime must be 1 to 86400 seconds";
    for (times, warning) in [
        (
            r#""exp":1700086401,"nbf":1700000000"#,
            Some(format!("lifetime (exp - nbf) of 86401 seconds: {rule}")),
        ),
        (
            r#""exp":1700000000,"iat":1700000000"#,
            Some(format!("lifetime (exp - iat) of 0 seconds: {rule}")),
        ),
        // With both, the lifetime counts from `nbf`.
        (
            r#""exp":1700090000,"nbf":1700086400,"iat":1700000000"#,
            None,
        ),
        (r#""exp":1700086400,"nbf":1700000000"#, None),
        // Without either, there is nothing to count from.
        (r#""exp":1800000000"#, None),
    ] {
        let token = sign(HS256, &payload(times), AUTH_TOKEN);
        let out = capability(["inspect", &token, "--json", "--now", NOW]).run();
        let value: Value = serde_json::from_str(out.ok()).expect("JSON");
        assert_eq!(value["warnings"], json!(Vec::from_iter(warning)), "{times}");
    }
}

#[test]
fn a_time_that_is_not_an_integer_is_shown_and_warned_about_but_refused_by_verify() {
    let payload = r#"{"scope":"scope:client:incoming?clientName=a","iss":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","exp":1700003600.5,"nbf":"soon"}"#;
    let token = sign(HS256, payload, AUTH_TOKEN);

    let out = capability(["inspect", &token, "--json", "--now", NOW]).run();
    let value: Value = serde_json::from_str(out.ok()).expect("JSON");
    assert_eq!(
        value["claims"],
        json!({"iss": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "exp": 1700003600.5, "nbf": "soon", "iat": null})
    );
    assert_eq!(
        value["warnings"],
        json!([
            "claim `exp` is 1700003600.5: it must be a non-negative JSON integer, not a fraction, an exponent or an integer too large for 64 bits",
            "claim `nbf` is \"soon\": it must be a non-negative JSON integer, not a string",
        ])
    );

    let out = capability(["inspect", &token, "--now", NOW]).run();
    let text = out.ok();
    assert!(
        text.contains(
            "expiry:     1700003600.5 (not Unix seconds)\nnot before: \"soon\" (not Unix seconds)\n"
        ),
        "{text}"
    );

    // Verification stays strict: the token is shown, marked rejected, and the command fails.
    let out = capability(["inspect", &token, "--verify", "--json", "--now", NOW])
        .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
        .run();
    out.code(1);
    let value: Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(value["verified"], false);
    assert_eq!(value["warnings"].as_array().map(Vec::len), Some(2));
    out.stderr_has(&["token rejected: claim `exp` must be a non-negative JSON integer"]);
}

#[test]
fn a_warning_never_changes_the_exit_code() {
    let bad_name = sign(
        HS256,
        &claims("scope:client:incoming?clientName=bob+smith"),
        AUTH_TOKEN,
    );
    let good = sign(
        HS256,
        &claims("scope:client:incoming?clientName=bob"),
        AUTH_TOKEN,
    );
    for args in [
        vec!["inspect", "--now", NOW],
        vec!["inspect", "--json", "--now", NOW],
        vec!["inspect", "--verify", "--now", NOW],
        vec!["inspect", "--verify", "--json", "--now", NOW],
    ] {
        for token in [&bad_name, &good] {
            let out = capability(args.iter().copied().chain([token.as_str()]))
                .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
                .run();
            out.code(0);
            assert_eq!(
                out.stdout.contains("bob smith\\\" may contain only"),
                token == &bad_name && args.contains(&"--json"),
                "{args:?}: {}",
                out.stdout
            );
        }
    }
    // Expired, the same token fails under --verify for the time, not for the warning.
    let out = capability(["inspect", &bad_name, "--verify", "--now", "1800000000"])
        .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
        .run();
    out.code(1);
    assert!(
        out.stdout
            .contains("warning:    incoming scope: client name \"bob smith\"")
    );
    out.stderr_has(&["token rejected: token expired"]);
}
