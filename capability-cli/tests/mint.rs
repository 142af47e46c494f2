//! `capability mint`, end to end: output, byte-identity with the library, reference vectors,
//! credentials from the environment and from `--env-file`, and every way it can fail.

mod support;

use capability::{CapabilityTemplate, Credentials, Ttl};
use serde_json::{Value, json};
use support::{
    ACCOUNT_SID, AUTH_TOKEN, NOW, TempDir, arg, capability, example, payload_of, policy_toml,
    vector, vectors, workspace,
};

/// What the library signs for a policy file, inputs, ttl override and time.
fn library_token(policy: &str, inputs: &[(&str, &str)], ttl: Option<u64>, now: u64) -> String {
    let mut template = CapabilityTemplate::from_toml_file(workspace().join(policy)).unwrap();
    if let Some(ttl) = ttl {
        template = template.with_ttl(Ttl::try_from(ttl).unwrap());
    }
    let policy = template.bind(inputs.iter().copied()).unwrap();
    let creds = Credentials::new(ACCOUNT_SID, AUTH_TOKEN).unwrap();
    policy.sign_at(&creds, now).unwrap().into_string()
}

fn input_args(inputs: &[(&str, &str)]) -> Vec<String> {
    inputs
        .iter()
        .flat_map(|(k, v)| ["--input".to_owned(), format!("{k}={v}")])
        .collect()
}

#[test]
fn mint_now_is_byte_identical_to_policy_sign_at() {
    let cases: [(&str, &[(&str, &str)]); 3] = [
        ("agent_desk", &[("identity", "alice"), ("team", "billing")]),
        ("click_to_call", &[("campaign", "spring sale & more=yes")]),
        (
            "monitor",
            &[("call_sid", "CA0123456789abcdef0123456789abcdef")],
        ),
    ];
    for (name, inputs) in cases {
        let policy = example(name);
        for now in [0, NOW, 1_800_000_123] {
            let out = capability(["mint", policy.as_str(), "--now", &now.to_string()])
                .args(input_args(inputs))
                .vector_creds()
                .run();
            let expected = library_token(&policy, inputs, None, now);
            assert_eq!(out.ok(), format!("{expected}\n"), "{name} at {now}");
        }
    }
}

#[test]
fn ttl_overrides_the_policy_and_stays_byte_identical() {
    let policy = example("click_to_call");
    let out = capability([
        "mint",
        &policy,
        "--input",
        "campaign=x",
        "--ttl",
        "60",
        "--now",
        "1700000000",
    ])
    .vector_creds()
    .run();
    let expected = library_token(&policy, &[("campaign", "x")], Some(60), NOW);
    assert_eq!(out.ok(), format!("{expected}\n"));
    assert!(payload_of(&expected).ends_with(r#""exp":1700000060}"#));
}

#[test]
fn every_reference_vector_is_reproduced_from_a_policy_file() {
    let dir = TempDir::new("vectors");
    let all = vectors();
    assert!(all.iter().any(|v| v.name == "incoming_outgoing_params"));
    for v in all {
        let path = dir.write(&format!("{}.toml", v.name), &policy_toml(&v.input));
        let out = capability(["mint", &arg(&path), "--now", "1700000000"])
            .vector_creds()
            .run();
        assert_eq!(out.ok(), format!("{}\n", v.token), "vector {}", v.name);
    }
}

#[test]
fn incoming_outgoing_params_matches_its_reference_token() {
    let dir = TempDir::new("vector-one");
    let path = dir.write(
        "policy.toml",
        r#"
[incoming]
client_name = "andrew"

[outgoing]
application_sid = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
params = { key = "a value", foo = "bar/baz" }
"#,
    );
    let out = capability(["mint", &arg(&path), "--now", "1700000000"])
        .vector_creds()
        .run();
    let expected = vector("incoming_outgoing_params").token;
    assert_eq!(out.ok(), format!("{expected}\n"));
}

#[test]
fn json_gives_token_expiry_and_scopes() {
    let out = capability([
        "mint",
        &example("agent_desk"),
        "-i",
        "identity=alice",
        "--input",
        "team=billing",
        "--now",
        "1700000000",
        "--json",
    ])
    .vector_creds()
    .run();
    let text = out.ok();
    assert!(text.ends_with('\n') && text.lines().count() == 1, "{text}");
    let token = library_token(
        &example("agent_desk"),
        &[("identity", "alice"), ("team", "billing")],
        None,
        NOW,
    );
    let value: Value = serde_json::from_str(text).unwrap();
    assert_eq!(
        value,
        json!({
            "kind": "capability",
            "token": token,
            "expires_at": 1_700_003_600u64,
            "scopes": [
                {"kind": "incoming", "client_name": "alice"},
                {
                    "kind": "outgoing",
                    "application_sid": "AP89a0180a1a4ddf1da954efca349b7a20",
                    "client_name": "alice",
                    "params": [["agent", "alice"], ["team", "billing"], ["desk", "support"]]
                }
            ]
        })
    );
    // Keys in the documented order.
    assert!(
        text.starts_with(r#"{"kind":"capability","token":""#),
        "{text}"
    );
    assert!(text.contains(r#"","expires_at":1700003600,"scopes":[{"kind":"incoming","client_name":"alice"},{"kind":"outgoing","application_sid":"#));
}

#[test]
fn json_shows_event_stream_filters() {
    let out = capability([
        "mint",
        &example("monitor"),
        "--input",
        "call_sid=CA0123",
        "--now",
        "1700000000",
        "--json",
    ])
    .vector_creds()
    .run();
    let value: Value = serde_json::from_str(out.ok()).unwrap();
    assert_eq!(value["expires_at"], 1_700_001_800u64);
    assert_eq!(
        value["scopes"],
        json!([
            {"kind": "incoming", "client_name": "supervisor_console"},
            {"kind": "event_stream", "filters": [["CallSid", "CA0123"], ["type", "call status"]]}
        ])
    );
}

#[test]
fn without_now_the_system_clock_signs() {
    let unix = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
    };
    let before = unix();
    let out = capability([
        "mint",
        &example("click_to_call"),
        "--input",
        "campaign=x",
        "--json",
    ])
    .vector_creds()
    .run();
    let after = unix();
    let value: Value = serde_json::from_str(out.ok()).unwrap();
    let exp = value["expires_at"].as_u64().unwrap();
    assert!((before + 300..=after + 300).contains(&exp), "{exp}");
}

#[test]
fn env_file_supplies_the_credentials() {
    let dir = TempDir::new("env-file");
    let env = dir.write(
        "twilio.env",
        &format!(
            "# demo credentials\nexport TWILIO_ACCOUNT_SID=\"{ACCOUNT_SID}\"\n\nTWILIO_AUTH_TOKEN='{AUTH_TOKEN}'  # the key\n"
        ),
    );
    let inputs = [("campaign", "x")];
    let out = capability([
        "mint",
        &example("click_to_call"),
        "--input",
        "campaign=x",
        "--now",
        "1700000000",
        "--env-file",
        &arg(&env),
    ])
    .run();
    let expected = library_token(&example("click_to_call"), &inputs, None, NOW);
    assert_eq!(out.ok(), format!("{expected}\n"));
}

#[test]
fn env_file_replaces_the_environment() {
    let dir = TempDir::new("env-file-only");
    let env = dir.write("twilio.env", &format!("TWILIO_ACCOUNT_SID={ACCOUNT_SID}\n"));
    let out = capability([
        "mint",
        &example("click_to_call"),
        "--input",
        "campaign=x",
        "--env-file",
        &arg(&env),
    ])
    .vector_creds()
    .run();
    out.fails(
        1,
        &[&format!(
            "error: the env file {} sets neither TWILIO_AUTH_TOKEN nor TWILIO_AUTH_TOKEN_FILE",
            env.display()
        )],
    );
}

#[test]
fn env_file_problems_name_the_file_and_line() {
    let dir = TempDir::new("env-file-bad");
    let missing = dir.path().join("absent.env");
    let out = capability([
        "mint",
        &example("click_to_call"),
        "--input",
        "campaign=x",
        "--env-file",
        &arg(&missing),
    ])
    .run();
    out.fails(
        1,
        &[&format!(
            "error: cannot read the env file {}",
            missing.display()
        )],
    );

    let bad = dir.write(
        "bad.env",
        &format!("TWILIO_ACCOUNT_SID={ACCOUNT_SID}\nTWILIO_AUTH_TOKEN '{AUTH_TOKEN}'\n"),
    );
    let out = capability([
        "mint",
        &example("click_to_call"),
        "--input",
        "campaign=x",
        "--env-file",
        &arg(&bad),
    ])
    .run();
    let stderr = out.fails(
        1,
        &[&format!(
            "error: the env file {}, line 2: expected KEY=VALUE",
            bad.display()
        )],
    );
    assert!(!stderr.contains(AUTH_TOKEN), "{stderr}");

    let swapped = dir.write(
        "swapped.env",
        &format!("TWILIO_ACCOUNT_SID={AUTH_TOKEN}\nTWILIO_AUTH_TOKEN={ACCOUNT_SID}\n"),
    );
    let out = capability([
        "mint",
        &example("click_to_call"),
        "--input",
        "campaign=x",
        "--env-file",
        &arg(&swapped),
    ])
    .run();
    let stderr = out.fails(
        1,
        &[&format!(
            "error: the env file {}: TWILIO_ACCOUNT_SID: the account SID must be \"AC\" followed by 32 hexadecimal digits",
            swapped.display()
        )],
    );
    assert!(!stderr.contains(AUTH_TOKEN), "{stderr}");
}

#[test]
fn missing_environment_variables_are_named() {
    let args = [
        "mint",
        "examples/policies/click_to_call.toml",
        "--input",
        "campaign=x",
    ];
    let out = capability(args).run();
    assert_eq!(
        out.fails(1, &[]),
        "error: environment variable TWILIO_ACCOUNT_SID is not set\n\
         help: set TWILIO_ACCOUNT_SID, or TWILIO_ACCOUNT_SID_FILE to a file that holds it, or name a dotenv file with --env-file PATH\n"
    );
    let out = capability(args)
        .env("TWILIO_ACCOUNT_SID", ACCOUNT_SID)
        .run();
    out.fails(
        1,
        &["error: environment variable TWILIO_AUTH_TOKEN is not set\n"],
    );
    let out = capability(args)
        .env("TWILIO_ACCOUNT_SID", "ACnothex")
        .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
        .run();
    let stderr = out.fails(
        1,
        &["error: environment variable TWILIO_ACCOUNT_SID: the account SID must be \"AC\" followed by 32 hexadecimal digits"],
    );
    assert!(!stderr.contains("ACnothex"));
    let out = capability(args).creds(ACCOUNT_SID, "").run();
    out.fails(
        1,
        &["error: environment variable TWILIO_AUTH_TOKEN: the auth token must not be empty"],
    );
}

#[test]
fn a_toml_syntax_error_is_shown_rustc_style() {
    let dir = TempDir::new("syntax");
    let path = dir.write("broken.toml", "ttl = 60\n[outgoing\n");
    let out = capability(["mint", &arg(&path)]).vector_creds().run();
    let stderr = out.fails(1, &[]);
    assert_eq!(
        stderr,
        format!(
            "error: TOML syntax: unclosed table, expected `]`\n \
             --> {}:2:10\n  |\n2 | [outgoing\n  |          ^\n\n",
            path.display()
        )
    );
}

#[test]
fn an_unknown_key_is_shown_at_its_place() {
    let dir = TempDir::new("unknown-key");
    let path = dir.write(
        "typo.toml",
        "[outgoing]\napplication_sid = \"APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"\nparms = { a = \"b\" }\n",
    );
    let out = capability(["mint", &arg(&path)]).vector_creds().run();
    out.fails(
        1,
        &[
            "error: unknown key `parms` in [outgoing]; expected one of: application_sid, params\n",
            &format!("--> {}:3:1\n", path.display()),
            "3 | parms = { a = \"b\" }\n  | ^^^^^\n",
        ],
    );
}

#[test]
fn a_bad_input_value_names_the_input_and_the_rule() {
    let out = capability([
        "mint",
        &example("agent_desk"),
        "--input",
        "identity=bob smith",
        "--input",
        "team=billing",
    ])
    .vector_creds()
    .run();
    assert_eq!(
        out.fails(1, &[]),
        "error: examples/policies/agent_desk.toml: input `identity`: client name \"bob smith\" \
         may contain only letters, digits and underscores\n"
    );
}

#[test]
fn a_missing_input_is_named_with_a_hint() {
    let out = capability(["mint", &example("agent_desk"), "--input", "identity=alice"])
        .vector_creds()
        .run();
    assert_eq!(
        out.fails(1, &[]),
        "error: examples/policies/agent_desk.toml: input `team` is missing\n\
         help: examples/policies/agent_desk.toml takes --input identity=… --input team=…\n"
    );
}

#[test]
fn unknown_and_repeated_inputs_are_named() {
    let out = capability([
        "mint",
        &example("click_to_call"),
        "--input",
        "campaign=a",
        "--input",
        "campaign=b",
        "--input",
        "identity=alice",
    ])
    .vector_creds()
    .run();
    out.fails(
        1,
        &[
            "error: examples/policies/click_to_call.toml: input `campaign` is given more than once\n",
            "error: examples/policies/click_to_call.toml: input `identity` is not used by this policy\n",
            "help: examples/policies/click_to_call.toml takes --input campaign=…\n",
        ],
    );
}

#[test]
fn a_missing_policy_file_fails_with_its_name() {
    let out = capability(["mint", "examples/policies/absent.toml"])
        .vector_creds()
        .run();
    out.fails(
        1,
        &["error: examples/policies/absent.toml: cannot read the policy file: No such file"],
    );
}

#[test]
fn bad_flag_syntax_is_a_usage_error() {
    let policy = example("click_to_call");
    let cases: [(&[&str], &str); 7] = [
        (&["--ttl", "ten"], "invalid value 'ten' for '--ttl <SECS>'"),
        (&["--ttl", "1.5"], "invalid value '1.5' for '--ttl <SECS>'"),
        (&["--now=-1"], "invalid value '-1' for '--now <UNIX>'"),
        (
            &["--now", "yesterday"],
            "invalid value 'yesterday' for '--now <UNIX>'",
        ),
        (&["--input", "campaign"], "expected NAME=VALUE"),
        (&["--frobnicate"], "unexpected argument '--frobnicate'"),
        (&["--ttl"], "a value is required for '--ttl <SECS>'"),
    ];
    for (extra, needle) in cases {
        let out = capability(["mint", policy.as_str(), "--input", "campaign=x"])
            .args(extra)
            .vector_creds()
            .run();
        out.fails(2, &["error: ", needle]);
    }
    capability(["mint"]).run().fails(2, &["<POLICY.toml>"]);
}

/// A well-formed value that breaks a rule of spec section 2 exits 1, with the message the same
/// value gets in a policy file, whichever way it came in.
#[test]
fn a_flag_value_that_breaks_a_rule_is_invalid_not_a_usage_error() {
    let dir = TempDir::new("mint-flag-rules");
    let policy = example("click_to_call");
    for ttl in ["0", "-1", "86401", "90000", "18446744073709551616"] {
        let rule = Ttl::try_from(ttl.parse::<i128>().unwrap())
            .unwrap_err()
            .to_string();
        assert!(rule.starts_with(&format!("ttl {ttl} must be")), "{rule}");
        for flag in [vec!["--ttl", ttl], vec![&*format!("--ttl={ttl}")]] {
            capability(["mint", policy.as_str(), "--input", "campaign=x"])
                .args(&flag)
                .vector_creds()
                .run()
                .fails(1, &[&format!("error: --ttl: {rule}\n")]);
        }
        // The same value in the file: the same message, at its place.
        let file = dir.write(
            "ttl.toml",
            &format!("ttl = {ttl}\n[incoming]\nclient_name = \"a\"\n"),
        );
        if ttl.len() < 19 {
            capability(["mint", &arg(&file)])
                .vector_creds()
                .run()
                .fails(1, &[&format!("error: {rule}\n")]);
        }
    }
    // --identity, --input and the file: the client name rule, exit 1 each time.
    let rule = "client name \"bob smith\" may contain only letters, digits and underscores";
    let outgoing = dir.write(
        "outgoing.toml",
        "[outgoing]\napplication_sid = \"APcccccccccccccccccccccccccccccccc\"\n",
    );
    capability([
        "mint",
        &arg(&outgoing),
        "--as",
        "access-token",
        "--identity",
        "bob smith",
    ])
    .vector_api_key()
    .run()
    .fails(1, &[&format!("error: --identity: {rule}\n")]);
    capability([
        "mint",
        &arg(&outgoing),
        "--as",
        "access-token",
        "--identity",
        "",
    ])
    .vector_api_key()
    .run()
    .fails(1, &["error: --identity: client name must not be empty\n"]);
    capability([
        "mint",
        &example("agent_desk"),
        "-i",
        "identity=bob smith",
        "-i",
        "team=x",
    ])
    .vector_creds()
    .run()
    .fails(1, &[&format!("input `identity`: {rule}")]);
    let file = dir.write("name.toml", "[incoming]\nclient_name = \"bob smith\"\n");
    capability(["mint", &arg(&file)])
        .vector_creds()
        .run()
        .fails(1, &[&format!("error: {rule}\n")]);
}

#[test]
fn no_flag_takes_credentials() {
    for flag in ["--auth-token", "--token", "--account-sid", "--auth_token"] {
        let out = capability(["mint", &example("click_to_call"), flag, "AC-or-secret"]).run();
        let stderr = out.fails(2, &[&format!("unexpected argument '{flag}'")]);
        assert!(!stderr.contains("AC-or-secret"), "{stderr}");
    }
    let help = capability(["mint", "--help"]).run();
    help.ok();
    assert!(
        help.stdout.contains("No flag takes them"),
        "{}",
        help.stdout
    );
    assert!(help.stdout.contains("--env-file <PATH>"));
}

#[test]
fn an_expiry_past_64_bits_fails_cleanly() {
    let out = capability([
        "mint",
        &example("click_to_call"),
        "--input",
        "campaign=x",
        "--now",
        "18446744073709551615",
    ])
    .vector_creds()
    .run();
    out.fails(
        1,
        &["error: expiry 18446744073709551615 + 300 seconds overflows"],
    );
}

#[test]
fn every_error_line_is_prefixed() {
    let out = capability(["mint", &example("agent_desk")]).run();
    out.code(1).stderr_lines_are_prefixed();
    let out = capability(["mint", &example("agent_desk"), "-i", "identity=a b"]).run();
    out.code(1).stderr_lines_are_prefixed();
}
