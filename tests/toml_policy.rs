//! Policy files: the schema, every rule with its line and column, inputs and binding.

mod support;

use capability::{
    BindProblem, CapabilityTemplate, InputUse, LoadError, LoadErrorKind, MAX_POLICY_LEN,
    ParamScope, PolicyError, Scope, ValueError, verify_capability_token,
};
use support::{NOW, creds, policy_from_input, vectors};

/// Loads `source`, expecting errors; gives `(line, column, message)` of each.
fn errors(source: &str) -> Vec<(usize, usize, String)> {
    let err = CapabilityTemplate::from_toml_str(source).expect_err("the policy should be rejected");
    err.diagnostics()
        .iter()
        .map(|d| (d.line, d.column, d.kind.to_string()))
        .collect()
}

fn one_error(source: &str) -> (usize, usize, LoadErrorKind) {
    let err = CapabilityTemplate::from_toml_str(source).expect_err("the policy should be rejected");
    assert_eq!(err.diagnostics().len(), 1, "{err}");
    let d = &err.diagnostics()[0];
    (d.line, d.column, d.kind.clone())
}

#[test]
fn the_schema_example_loads_and_mints() {
    let source = r#"
ttl = 300                                                # optional

[incoming]
client_name = "andrew"

[outgoing]
application_sid = "AP89a0180a1a4ddf1da954efca349b7a20"
params = { user_id = { input = "user_id" }, plan = "gold" }

[event_stream]
filters = { CallSid = "CA0123" }
"#;
    let template = CapabilityTemplate::from_toml_str(source).unwrap();
    assert_eq!(template.ttl().as_secs(), 300);
    assert_eq!(template.inputs().len(), 1);
    assert_eq!(template.inputs()[0].name(), "user_id");
    assert_eq!(
        template.inputs()[0].uses(),
        [InputUse::Param {
            key: "user_id".into()
        }]
    );
    let policy = template.bind([("user_id", "42")]).unwrap();
    let token = policy.sign_at(&creds(), NOW).unwrap();
    let decoded = verify_capability_token(token.as_str(), creds().auth_token(), NOW, 0).unwrap();
    assert_eq!(
        decoded.scopes,
        [
            Scope::Incoming {
                client_name: "andrew".into()
            },
            Scope::EventStream {
                filters: vec![("CallSid".into(), "CA0123".into())]
            },
            Scope::Outgoing {
                application_sid: "AP89a0180a1a4ddf1da954efca349b7a20".into(),
                client_name: Some("andrew".into()),
                params: vec![
                    ("user_id".into(), "42".into()),
                    ("plan".into(), "gold".into())
                ],
            },
        ]
    );
}

#[test]
fn every_reference_vector_can_be_written_in_toml() {
    for v in vectors() {
        let mut toml = String::new();
        if let Some(ttl) = v.input.get("ttl") {
            toml += &format!("ttl = {ttl}\n");
        }
        if let Some(names) = v.input.get("incoming") {
            toml += &format!("[incoming]\nclient_name = {names}\n");
        }
        if let Some(out) = v.input.get("outgoing") {
            toml += &format!("[outgoing]\napplication_sid = {}\n", out["application_sid"]);
            toml += &format!("params = {{ {} }}\n", inline_pairs(&out["params"]));
        }
        if let Some(filters) = v.input.get("event_stream") {
            toml += &format!(
                "[event_stream]\nfilters = {{ {} }}\n",
                inline_pairs(filters)
            );
        }
        let policy = CapabilityTemplate::from_toml_str(&toml)
            .unwrap_or_else(|e| panic!("{}: {e}\n{toml}", v.name))
            .bind([] as [(&str, &str); 0])
            .unwrap();
        assert_eq!(policy, policy_from_input(&v.input), "{}", v.name);
        assert_eq!(
            policy.sign_at(&creds(), NOW).unwrap().as_str(),
            v.token,
            "{}",
            v.name
        );
    }
}

/// `[[k, v], …]` as the inside of an inline TOML table; JSON strings are valid TOML strings
/// for these inputs.
fn inline_pairs(pairs: &serde_json::Value) -> String {
    support::pairs(pairs)
        .iter()
        .map(|(k, v)| format!("{} = {}", serde_json::json!(k), serde_json::json!(v)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn params_keep_file_order() {
    let source = r#"
[outgoing]
application_sid = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
[outgoing.params]
zulu = "1"
alpha = "2"
mike = 3
bool = true
"#;
    let policy = CapabilityTemplate::from_toml_str(source)
        .unwrap()
        .bind([] as [(&str, &str); 0])
        .unwrap();
    let params = policy.outgoing().unwrap().params();
    let keys: Vec<_> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        keys,
        [
            ("zulu", "1"),
            ("alpha", "2"),
            ("mike", "3"),
            ("bool", "true")
        ]
    );
}

#[test]
fn inputs_fill_names_sids_params_and_filters() {
    let source = r#"
[incoming]
client_name = [{ input = "identity" }, "supervisor"]
[outgoing]
application_sid = { input = "app" }
params = { who = { input = "identity" } }
[event_stream]
filters = { CallSid = { input = "call" } }
"#;
    let t = CapabilityTemplate::from_toml_str(source).unwrap();
    let names: Vec<_> = t.inputs().iter().map(|i| i.name()).collect();
    assert_eq!(names, ["identity", "app", "call"]);
    assert_eq!(
        t.inputs()[0].uses(),
        [InputUse::ClientName, InputUse::Param { key: "who".into() }]
    );
    let policy = t
        .bind([
            ("identity", "alice"),
            ("app", "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"),
            ("call", "CA1 & more"),
        ])
        .unwrap();
    let names: Vec<_> = policy.incoming().iter().map(|n| n.as_str()).collect();
    assert_eq!(names, ["alice", "supervisor"]);
    assert_eq!(
        policy.outgoing().unwrap().params(),
        [("who".into(), "alice".into())]
    );
    assert_eq!(
        policy.event_stream().unwrap().filters(),
        [("CallSid".into(), "CA1 & more".into())]
    );
}

#[test]
fn binding_reports_every_problem_at_once() {
    let source = r#"
[incoming]
client_name = { input = "identity" }
[outgoing]
application_sid = { input = "app" }
params = { n = { input = "n" } }
"#;
    let t = CapabilityTemplate::from_toml_str(source).unwrap();
    let err = t
        .bind([
            ("identity", "bob smith"),
            ("app", "APnope"),
            ("extra", "1"),
            ("extra", "2"),
        ])
        .unwrap_err();
    assert_eq!(
        err.problems(),
        [
            BindProblem::Repeated {
                input: "extra".into()
            },
            BindProblem::Unknown {
                input: "extra".into()
            },
            BindProblem::Missing { input: "n".into() },
            BindProblem::Invalid {
                input: "identity".into(),
                error: ValueError::ClientName {
                    value: "bob smith".into()
                }
            },
            BindProblem::Invalid {
                input: "app".into(),
                error: ValueError::AppSid {
                    value: "APnope".into()
                }
            },
        ]
    );
}

#[test]
fn binding_checks_policy_rules_on_the_bound_values() {
    let source = r#"
[incoming]
client_name = [{ input = "a" }, "alice"]
"#;
    let t = CapabilityTemplate::from_toml_str(source).unwrap();
    let err = t.bind([("a", "alice")]).unwrap_err();
    assert_eq!(
        err.problems(),
        [BindProblem::Policy(PolicyError::DuplicateClientName {
            name: "alice".into()
        })]
    );
    assert!(t.bind([("a", "bob")]).is_ok());
}

#[test]
fn bad_client_name_is_placed_on_the_value() {
    let (line, col, kind) = one_error("[incoming]\nclient_name = \"bob smith\"\n");
    assert_eq!((line, col), (2, 15));
    assert_eq!(
        kind,
        LoadErrorKind::Value(ValueError::ClientName {
            value: "bob smith".into()
        })
    );
}

#[test]
fn empty_client_name_is_rejected() {
    let (line, col, kind) = one_error("[incoming]\nclient_name = \"\"\n");
    assert_eq!(
        (line, col, kind),
        (2, 15, LoadErrorKind::Value(ValueError::EmptyClientName))
    );
}

#[test]
fn bad_application_sid_is_rejected() {
    let (line, col, kind) = one_error("[outgoing]\napplication_sid = \"AP123\"\n");
    assert_eq!((line, col), (2, 19));
    assert_eq!(
        kind,
        LoadErrorKind::Value(ValueError::AppSid {
            value: "AP123".into()
        })
    );
}

#[test]
fn ttl_out_of_range_is_rejected() {
    for (ttl, value) in [("0", 0), ("86401", 86401), ("-5", -5)] {
        let (line, col, kind) = one_error(&format!("ttl = {ttl}\n[event_stream]\n"));
        assert_eq!(
            (line, col, kind),
            (1, 7, LoadErrorKind::Value(ValueError::Ttl { value }))
        );
    }
    let (line, col, kind) = one_error("ttl = \"300\"\n[event_stream]\n");
    assert_eq!((line, col), (1, 7));
    assert!(
        matches!(
            kind,
            LoadErrorKind::WrongType {
                found: "string",
                ..
            }
        ),
        "{kind:?}"
    );
    assert!(CapabilityTemplate::from_toml_str("ttl = 86400\n[event_stream]\n").is_ok());
    assert!(CapabilityTemplate::from_toml_str("ttl = 1\n[event_stream]\n").is_ok());
}

#[test]
fn empty_and_duplicate_keys_are_rejected() {
    let (line, col, kind) = one_error(
        "[outgoing]\napplication_sid = \"APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"\nparams = { \"\" = \"x\" }\n",
    );
    assert_eq!((line, col), (3, 12));
    assert_eq!(
        kind,
        LoadErrorKind::Policy(PolicyError::EmptyKey {
            scope: ParamScope::OutgoingParams
        })
    );

    // TOML itself refuses a repeated key, with its place.
    let errs = errors("[event_stream]\nfilters = { a = \"1\", a = \"2\" }\n");
    assert_eq!(errs.len(), 1);
    assert_eq!((errs[0].0, errs[0].1), (2, 22));
    assert!(errs[0].2.contains("duplicate key"), "{errs:?}");
}

#[test]
fn duplicate_incoming_names_are_rejected() {
    let (line, col, kind) = one_error("[incoming]\nclient_name = [\"a\", \"b\", \"a\"]\n");
    assert_eq!((line, col), (2, 26));
    assert_eq!(
        kind,
        LoadErrorKind::Policy(PolicyError::DuplicateClientName { name: "a".into() })
    );
}

#[test]
fn duplicate_clauses_are_rejected() {
    let errs = errors(
        "[outgoing]\napplication_sid = \"APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"\n[outgoing]\n",
    );
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].0, 3);
    assert!(errs[0].2.contains("duplicate"), "{errs:?}");
}

#[test]
fn an_empty_policy_is_rejected() {
    let (line, col, kind) = one_error("ttl = 300\n");
    assert_eq!(
        (line, col, kind),
        (1, 1, LoadErrorKind::Policy(PolicyError::Empty))
    );
    let (_, _, kind) = one_error("");
    assert_eq!(kind, LoadErrorKind::Policy(PolicyError::Empty));
}

#[test]
fn unknown_keys_are_rejected_everywhere() {
    let cases = [
        ("incomming = 1\n[event_stream]\n", 1, 1, "incomming"),
        (
            "[incoming]\nclient_name = \"a\"\nname = \"b\"\n",
            3,
            1,
            "name",
        ),
        (
            "[outgoing]\napplication_sid = \"APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"\nparam = {}\n",
            3,
            1,
            "param",
        ),
        ("[event_stream]\nfilter = {}\n", 2, 1, "filter"),
        (
            "[incoming]\nclient_name = { input = \"a\", default = \"b\" }\n",
            2,
            30,
            "default",
        ),
    ];
    for (source, line, col, key) in cases {
        let (l, c, kind) = one_error(source);
        assert_eq!((l, c), (line, col), "{source}");
        assert!(
            matches!(&kind, LoadErrorKind::UnknownKey { key: k, .. } if k == key),
            "{source}: {kind:?}"
        );
    }
}

#[test]
fn missing_keys_are_rejected() {
    let (l, _, kind) = one_error("[incoming]\n");
    assert_eq!(l, 1);
    assert_eq!(
        kind,
        LoadErrorKind::MissingKey {
            key: "client_name",
            table: "[incoming]"
        }
    );
    let (_, _, kind) = one_error("[outgoing]\nparams = {}\n");
    assert_eq!(
        kind,
        LoadErrorKind::MissingKey {
            key: "application_sid",
            table: "[outgoing]"
        }
    );
}

#[test]
fn every_error_in_a_file_is_reported_with_the_file_name() {
    let dir = std::env::temp_dir().join(format!("capability-toml-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.toml");
    std::fs::write(&path, "ttl = 0\n[incoming]\nclient_name = \"bob smith\"\n").unwrap();
    let err = CapabilityTemplate::from_toml_file(&path).unwrap_err();
    let shown = err.to_string();
    let file = path.display().to_string();
    assert_eq!(
        shown,
        format!(
            "{file}:1:7: ttl 0 must be a whole number of seconds from 1 to 86400\n\
             {file}:3:15: client name \"bob smith\" may contain only letters, digits and underscores"
        )
    );
    let rendered = err.render();
    assert!(rendered.contains(&format!("--> {file}:3:15")), "{rendered}");
    assert!(
        rendered.contains("3 | client_name = \"bob smith\"\n  |               ^^^^^^^^^^^"),
        "{rendered}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_syntax_error_has_its_place() {
    let errs = errors("ttl = 300\n[incoming\nclient_name = \"a\"\n");
    assert_eq!((errs[0].0, errs[0].1), (2, 10), "{errs:?}");
    assert!(errs[0].2.starts_with("TOML syntax:"), "{errs:?}");
}

#[test]
fn wrong_types_name_the_key() {
    let (_, _, kind) = one_error("incoming = \"andrew\"\n");
    assert_eq!(
        kind,
        LoadErrorKind::WrongType {
            key: "incoming".into(),
            expected: "a table",
            found: "string"
        }
    );
    let (l, c, kind) = one_error(
        "[outgoing]\napplication_sid = \"APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"\nparams = { when = 2024-01-01 }\n",
    );
    assert_eq!((l, c), (3, 19));
    assert!(
        matches!(kind, LoadErrorKind::WrongType { ref key, found: "datetime", .. } if key == "outgoing.params.when")
    );
}

#[test]
fn a_file_over_the_limit_is_refused_before_parsing() {
    // At the limit: valid TOML padded with a comment, loads.
    let head = "[event_stream]\n#";
    let at_limit = format!("{head}{}", "x".repeat(MAX_POLICY_LEN - head.len()));
    assert_eq!(at_limit.len(), MAX_POLICY_LEN);
    assert!(CapabilityTemplate::from_toml_str(&at_limit).is_ok());
    // One byte over: refused, even though it is the same valid TOML.
    let over = format!("{at_limit}x");
    let (_, _, kind) = one_error(&over);
    assert_eq!(
        kind,
        LoadErrorKind::TooLarge {
            max: MAX_POLICY_LEN
        }
    );

    let dir = std::env::temp_dir().join(format!("capability-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("big.toml");
    std::fs::write(&path, &over).unwrap();
    let err: LoadError = CapabilityTemplate::from_toml_file(&path).unwrap_err();
    assert!(matches!(
        err.diagnostics()[0].kind,
        LoadErrorKind::TooLarge { .. }
    ));
    // About the whole file: named, with no place in it.
    assert_eq!(
        err.to_string(),
        format!(
            "{}: policy file is more than {MAX_POLICY_LEN} bytes long, over the limit",
            path.display()
        )
    );
    std::fs::write(&path, &at_limit).unwrap();
    assert!(CapabilityTemplate::from_toml_file(&path).is_ok());
    std::fs::remove_dir_all(&dir).unwrap();
}
