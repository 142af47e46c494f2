//! `capability inspect`, end to end: text and JSON, stdin, `--verify` with every way a token
//! can be rejected, `--leeway`, `--env-file`, and tokens of the official helper libraries.

mod support;

use serde_json::{Value, json};
use support::{ACCOUNT_SID, AUTH_TOKEN, TempDir, arg, capability, example, forge, tamper, vector};

/// twilio-python 9.13: `alg` first, with `nbf` (helper notes, V7). Signed with AUTH_TOKEN.
const PYTHON_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InNjb3BlOmNsaWVudDppbmNvbWluZz9jbGllbnROYW1lPWFsaWNlIHNjb3BlOmNsaWVudDpvdXRnb2luZz9hcHBQYXJhbXM9Zm9vJTNEYmFyJTI2biUzRDMmYXBwU2lkPUFQYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmImY2xpZW50TmFtZT1hbGljZSBzY29wZTpzdHJlYW06c3Vic2NyaWJlP3BhcmFtcz1mb29iYXIlM0RoZXkmcGF0aD0lMkYyMDEwLTA0LTAxJTJGRXZlbnRzIiwiaXNzIjoiQUNhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYSIsImV4cCI6MTcwMDAwMzYwMCwibmJmIjoxNzAwMDAwMDAwfQ.hAj0FJHYjNEnaPLCihH8Xg3ToCllx3h7RHhIoNdxN9o";

/// twilio-node 5.13.1: outgoing first, `%20` for a space, with `iat` (helper notes, V9).
const NODE_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InNjb3BlOmNsaWVudDpvdXRnb2luZz9hcHBTaWQ9QVBiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYiZjbGllbnROYW1lPWFsaWNlJmFwcFBhcmFtcz11c2VyX2lkJTNEYSUyNTIwYiUyNTI2YyUyNTNEZCUyNTJGJTI1QzMlMjVBOSBzY29wZTpjbGllbnQ6aW5jb21pbmc_Y2xpZW50TmFtZT1hbGljZSIsImlzcyI6IkFDYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWEiLCJleHAiOjE3MDAwMDM2MDAsImlhdCI6MTcwMDAwMDAwMH0.KlrpC01ojizUh7tpD7c-xcTNZWjh_9KK3KN1qVqee18";

/// The reference vector's token: incoming `andrew`, outgoing with params, exp 1700003600.
fn andrew() -> String {
    vector("incoming_outgoing_params").token
}

const ANDREW_BODY: &str = "\
header:     alg \"HS256\", typ \"JWT\"
issuer:     ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
expiry:     2023-11-14 23:13:20 UTC (expires in 4m 59s)
grants:
  - incoming calls to client \"andrew\"
  - outgoing calls through application \"APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\" as client \"andrew\", with params \"key\" = \"a value\", \"foo\" = \"bar/baz\"
";

#[test]
fn text_shows_header_issuer_expiry_scopes_and_that_nothing_was_verified() {
    let out = capability(["inspect", &andrew(), "--now", "1700003301"]).run();
    assert_eq!(
        out.ok(),
        format!("{ANDREW_BODY}signature:  NOT verified (use --verify)\n")
    );
}

#[test]
fn expiry_in_the_past_reads_as_ago() {
    let three_hours_later = (1_700_003_600u64 + 3 * 3600 + 17).to_string();
    let out = capability(["inspect", &andrew(), "--now", &three_hours_later]).run();
    assert!(
        out.ok()
            .contains("expiry:     2023-11-14 23:13:20 UTC (expired 3h ago)\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn the_token_can_come_from_stdin_with_whitespace_around_it() {
    let expected = format!("{ANDREW_BODY}signature:  NOT verified (use --verify)\n");
    let piped = format!("\n  {}\r\n\n", andrew());
    let out = capability(["inspect", "--now", "1700003301"])
        .stdin(&piped)
        .run();
    assert_eq!(out.ok(), expected);
    let out = capability(["inspect", "-", "--now", "1700003301"])
        .stdin(&piped)
        .run();
    assert_eq!(out.ok(), expected);
    let out = capability([
        "inspect",
        &format!(" {}\n", andrew()),
        "--now",
        "1700003301",
    ])
    .run();
    assert_eq!(out.ok(), expected);
}

#[test]
fn empty_input_is_not_a_token() {
    let out = capability(["inspect"]).stdin("  \n").run();
    out.fails(1, &["error: no token given: standard input is empty\n"]);
    let out = capability(["inspect", "-"]).run();
    out.fails(1, &["error: no token given: standard input is empty\n"]);
    let out = capability(["inspect", " "]).run();
    out.fails(1, &["error: no token given: the TOKEN argument is empty\n"]);
}

#[test]
fn verify_accepts_a_good_token() {
    let out = capability(["inspect", &andrew(), "--verify", "--now", "1700003301"])
        .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
        .run();
    assert_eq!(
        out.ok(),
        format!(
            "{ANDREW_BODY}signature:  verified with TWILIO_AUTH_TOKEN; time checked (leeway 0s)\n"
        )
    );
}

#[test]
fn verify_needs_only_the_auth_token() {
    let out = capability(["inspect", &andrew(), "--verify", "--now", "1700000000"]).run();
    assert_eq!(
        out.fails(1, &[]),
        "error: environment variable TWILIO_AUTH_TOKEN is not set\n\
         help: set TWILIO_AUTH_TOKEN, or TWILIO_AUTH_TOKEN_FILE to a file that holds it, or name a dotenv file with --env-file PATH\n"
    );
    let out = capability(["inspect", &andrew(), "--verify", "--now", "1700000000"])
        .env("TWILIO_AUTH_TOKEN", "")
        .run();
    out.fails(
        1,
        &["error: environment variable TWILIO_AUTH_TOKEN: the auth token must not be empty\n"],
    );
}

#[test]
fn verify_reads_the_auth_token_from_an_env_file() {
    let dir = TempDir::new("inspect-env");
    let env = dir.write("key.env", &format!("TWILIO_AUTH_TOKEN=\"{AUTH_TOKEN}\"\n"));
    let out = capability([
        "inspect",
        &andrew(),
        "--verify",
        "--now",
        "1700000000",
        "--env-file",
        &arg(&env),
    ])
    .env("TWILIO_AUTH_TOKEN", "the wrong key")
    .run();
    assert!(out.ok().contains("signature:  verified"), "{}", out.stdout);

    let empty = dir.write("empty.env", "# nothing here\n");
    let out = capability(["inspect", &andrew(), "--verify", "--env-file", &arg(&empty)])
        .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
        .run();
    out.fails(
        1,
        &[&format!(
            "error: the env file {} sets neither TWILIO_AUTH_TOKEN nor TWILIO_AUTH_TOKEN_FILE\n",
            empty.display()
        )],
    );
}

#[test]
fn env_file_and_leeway_need_verify() {
    let out = capability(["inspect", &andrew(), "--env-file", "x.env"]).run();
    out.fails(2, &["--verify"]);
    let out = capability(["inspect", &andrew(), "--leeway", "5"]).run();
    out.fails(2, &["--verify"]);
}

#[test]
fn a_garbage_token_is_rejected_and_named() {
    let out = capability(["inspect", "not-a-token"]).run();
    assert_eq!(
        out.fails(1, &[]),
        "error: cannot read the token: malformed token: a token is three segments joined by `.`, found 1\n"
    );
    let out = capability(["inspect", "YQ.e30.AA"]).run();
    out.fails(
        1,
        &["error: cannot read the token: malformed token: the header is not a valid JSON object"],
    );
    let out = capability(["inspect", "--verify", "e30.e30.%%%"])
        .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
        .run();
    out.fails(1, &["error: token rejected: "]);
}

#[test]
fn an_alg_none_token_is_shown_but_rejected() {
    let payload = r#"{"scope":"scope:client:incoming?clientName=mallory","iss":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","exp":1700003600}"#;
    let token = forge(r#"{"alg":"none","typ":"JWT"}"#, payload, b"");
    // Without --verify, nothing is checked, and the output says so.
    let out = capability(["inspect", &token, "--now", "1700000000"]).run();
    let text = out.ok();
    assert!(
        text.starts_with("header:     alg \"none\", typ \"JWT\"\n"),
        "{text}"
    );
    assert!(
        text.ends_with("signature:  NOT verified (use --verify)\n"),
        "{text}"
    );
    // With it, the token is refused.
    let out = capability(["inspect", &token, "--verify", "--now", "1700000000"])
        .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
        .run();
    out.code(1);
    assert_eq!(
        out.stderr,
        "error: token rejected: unsupported algorithm \"none\": only \"HS256\" is accepted\n"
    );
    assert!(
        out.stdout.ends_with(
            "signature:  REJECTED: unsupported algorithm \"none\": only \"HS256\" is accepted\n"
        ),
        "{}",
        out.stdout
    );
    let out = capability([
        "inspect",
        &token,
        "--verify",
        "--json",
        "--now",
        "1700000000",
    ])
    .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
    .run();
    out.code(1)
        .stderr_has(&["error: token rejected: unsupported algorithm \"none\""]);
    let value: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(value["verified"], json!(false));
    assert_eq!(value["header"], json!({"typ": "JWT", "alg": "none"}));
}

#[test]
fn a_tampered_signature_is_rejected() {
    let token = tamper(&andrew(), 2);
    let out = capability(["inspect", &token, "--verify", "--now", "1700000000"])
        .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
        .run();
    out.code(1);
    assert_eq!(
        out.stderr,
        "error: token rejected: bad signature: the token was not signed with this key, or was altered\n"
    );
    assert!(out.stdout.contains("signature:  REJECTED: bad signature"));
    // Without --verify the change goes unnoticed, as the output warns.
    let out = capability(["inspect", &token, "--now", "1700000000"]).run();
    assert!(out.ok().contains("NOT verified"));
}

#[test]
fn a_tampered_payload_is_rejected_before_it_is_read() {
    let token = tamper(&andrew(), 1);
    let out = capability(["inspect", &token, "--verify", "--now", "1700000000"])
        .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
        .run();
    out.fails(1, &["error: token rejected: bad signature"]);
}

#[test]
fn a_token_signed_with_another_key_is_rejected() {
    let out = capability(["inspect", &andrew(), "--verify", "--now", "1700000000"])
        .env("TWILIO_AUTH_TOKEN", "another key")
        .run();
    out.code(1)
        .stderr_has(&["error: token rejected: bad signature"]);
}

#[test]
fn an_expired_token_is_rejected_under_verify() {
    let out = capability(["inspect", &andrew(), "--verify", "--now", "1700014400"])
        .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
        .run();
    out.code(1);
    assert_eq!(
        out.stderr,
        "error: token rejected: token expired at 1700003600; it is now 1700014400 (leeway 0s); \
         expired 3h ago, at 2023-11-14 23:13:20 UTC\n"
    );
    assert!(
        out.stdout
            .contains("expiry:     2023-11-14 23:13:20 UTC (expired 3h ago)\n")
    );
    assert!(out.stdout.ends_with(
        "signature:  REJECTED: token expired at 1700003600; it is now 1700014400 (leeway 0s)\n"
    ));
    // Expired from the second `exp` names.
    let out = capability(["inspect", &andrew(), "--verify", "--now", "1700003600"])
        .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
        .run();
    out.code(1).stderr_has(&["expired just now"]);
    // Without --verify, an expired token is shown and is no error.
    let out = capability(["inspect", &andrew(), "--now", "1700014400"]).run();
    out.ok();
}

#[test]
fn leeway_forgives_clock_skew() {
    let out = capability([
        "inspect",
        &andrew(),
        "--verify",
        "--now",
        "1700003610",
        "--leeway",
        "30",
    ])
    .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
    .run();
    assert!(
        out.ok()
            .ends_with("signature:  verified with TWILIO_AUTH_TOKEN; time checked (leeway 30s)\n")
    );
    let out = capability([
        "inspect",
        &andrew(),
        "--verify",
        "--now",
        "1700003610",
        "--leeway",
        "10",
    ])
    .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
    .run();
    out.code(1).stderr_has(&["(leeway 10s)"]);
}

#[test]
fn a_token_not_yet_valid_is_rejected_under_verify() {
    let out = capability(["inspect", PYTHON_TOKEN, "--verify", "--now", "1699999700"])
        .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
        .run();
    out.code(1);
    assert_eq!(
        out.stderr,
        "error: token rejected: token is not valid before 1700000000; it is now 1699999700 \
         (leeway 0s); valid in 5m, from 2023-11-14 22:13:20 UTC\n"
    );
}

#[test]
fn tokens_of_official_libraries_are_read_and_verified() {
    let out = capability(["inspect", PYTHON_TOKEN, "--verify", "--now", "1700000000"])
        .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
        .run();
    assert_eq!(
        out.ok(),
        "\
header:     alg \"HS256\", typ \"JWT\"
issuer:     ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
expiry:     2023-11-14 23:13:20 UTC (expires in 1h)
not before: 2023-11-14 22:13:20 UTC (now)
grants:
  - incoming calls to client \"alice\"
  - outgoing calls through application \"APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\" as client \"alice\", with params \"foo\" = \"bar\", \"n\" = \"3\"
  - the event stream, filtered by \"foobar\" = \"hey\"
signature:  verified with TWILIO_AUTH_TOKEN; time checked (leeway 0s)
"
    );
    let out = capability(["inspect", NODE_TOKEN, "--verify", "--now", "1700000060"])
        .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
        .run();
    let text = out.ok();
    assert!(
        text.contains("issued at:  2023-11-14 22:13:20 UTC (1m ago)\n"),
        "{text}"
    );
    assert!(
        text.contains("with params \"user_id\" = \"a b&c=d/é\"\n"),
        "{text}"
    );
}

#[test]
fn json_has_the_documented_shape() {
    let out = capability(["inspect", PYTHON_TOKEN, "--json", "--now", "1700000000"]).run();
    let text = out.ok();
    assert_eq!(
        text,
        concat!(
            r#"{"kind":"capability","verified":null,"header":{"typ":"JWT","alg":"HS256"},"#,
            r#""claims":{"iss":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","exp":1700003600,"nbf":1700000000,"iat":null},"#,
            r#""scopes":[{"kind":"incoming","client_name":"alice"},"#,
            r#"{"kind":"outgoing","application_sid":"APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","client_name":"alice","params":[["foo","bar"],["n","3"]]},"#,
            r#"{"kind":"event_stream","filters":[["foobar","hey"]]}],"warnings":[]}"#,
            "\n"
        )
    );
    let out = capability([
        "inspect",
        NODE_TOKEN,
        "--json",
        "--verify",
        "--now",
        "1700000000",
    ])
    .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
    .run();
    let value: Value = serde_json::from_str(out.ok()).unwrap();
    assert_eq!(
        value,
        json!({
            "kind": "capability",
            "verified": true,
            "header": {"typ": "JWT", "alg": "HS256"},
            "claims": {"iss": ACCOUNT_SID, "exp": 1_700_003_600u64, "nbf": null, "iat": 1_700_000_000u64},
            "scopes": [
                {"kind": "outgoing", "application_sid": "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "client_name": "alice", "params": [["user_id", "a b&c=d/é"]]},
                {"kind": "incoming", "client_name": "alice"}
            ],
            "warnings": []
        })
    );
}

#[test]
fn json_shows_absent_fields_as_null_and_unknown_scopes_raw() {
    let payload = concat!(
        r#"{"scope":"scope:client:outgoing?appSid=APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb "#,
        r#"scope:video:join?room=lobby","iss":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","exp":1700003600}"#
    );
    let token = forge(r#"{"alg":"HS256"}"#, payload, b"not a real signature");
    let out = capability(["inspect", &token, "--json", "--now", "1700000000"]).run();
    let value: Value = serde_json::from_str(out.ok()).unwrap();
    assert_eq!(value["verified"], Value::Null);
    assert_eq!(value["header"], json!({"typ": null, "alg": "HS256"}));
    assert_eq!(
        value["scopes"],
        json!([
            {"kind": "outgoing", "application_sid": "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "client_name": null, "params": []},
            {"kind": "unknown", "raw": "scope:video:join?room=lobby"}
        ])
    );
    let out = capability(["inspect", &token, "--now", "1700000000"]).run();
    let text = out.ok();
    assert!(
        text.starts_with("header:     alg \"HS256\", typ none\n"),
        "{text}"
    );
    assert!(
        text.contains("  - unknown scope \"scope:video:join?room=lobby\"\n"),
        "{text}"
    );
}

#[test]
fn a_token_that_grants_nothing_says_so() {
    let empty = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzY29wZSI6IiIsImlzcyI6IkFDYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWEiLCJleHAiOjE3MDAwMDM2MDB9.Vh1qEb-6fZBdj81vh1AgQvQO8XSH6r4Q_vjvV4vioB4";
    let out = capability(["inspect", empty, "--now", "1700000000"]).run();
    assert!(out.ok().contains("grants:     nothing\n"), "{}", out.stdout);
    assert!(
        out.ok().contains(
            "warning:    policy grants nothing: give it at least one of incoming, outgoing or event_stream\n"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn control_characters_from_a_token_are_escaped() {
    let payload = r#"{"scope":"","iss":"AC\u001b[31mred","exp":1700003600}"#;
    let token = forge(r#"{"alg":"HS256\u001b[0m"}"#, payload, b"x");
    let out = capability(["inspect", &token, "--now", "1700000000"]).run();
    let text = out.ok();
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(text.contains(r#"issuer:     "AC\u{1b}[31mred""#), "{text}");
}

#[test]
fn a_minted_token_round_trips_through_inspect() {
    let out = capability([
        "mint",
        &example("agent_desk"),
        "--input",
        "identity=alice",
        "--input",
        "team=billing",
        "--now",
        "1700000000",
    ])
    .vector_creds()
    .run();
    let token = out.ok().to_owned();
    let out = capability(["inspect", "--verify", "--now", "1700000001"])
        .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
        .stdin(&token)
        .run();
    let text = out.ok();
    assert!(text.contains("(expires in 59m 59s)"), "{text}");
    assert!(
        text.contains("  - incoming calls to client \"alice\"\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "with params \"agent\" = \"alice\", \"team\" = \"billing\", \"desk\" = \"support\"\n"
        ),
        "{text}"
    );
}
