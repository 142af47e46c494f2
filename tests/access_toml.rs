//! Access-token policy files: every vector through `AccessTemplate` and `PolicyFile`, inputs
//! for every string, and every rule of spec section 2 refused with line:column.

mod support;

use capability::{
    AccessTemplate, CapabilityTemplate, LoadErrorKind, PolicyError, PolicyFile, PolicyFormat,
};
use support::policy_toml::access_policy_toml;
use support::{NOW, access_vectors, api_key};

#[test]
fn every_access_vector_loads_binds_and_signs_byte_for_byte() {
    for v in access_vectors() {
        let toml = access_policy_toml(&v.input, &[]);
        let template = AccessTemplate::from_toml_str(&toml)
            .unwrap_or_else(|e| panic!("{}: {e}\n{toml}", v.name));
        assert!(template.inputs().is_empty());
        let policy = template.bind(std::iter::empty::<(&str, &str)>()).unwrap();
        assert_eq!(
            policy.sign_at(&api_key(), NOW).unwrap().as_str(),
            v.token,
            "{}",
            v.name
        );
        let PolicyFile::Access(same) = PolicyFile::from_toml_str(&toml).unwrap() else {
            panic!("{}: not read as an access-token policy", v.name)
        };
        assert_eq!(*same, template);
    }
}

#[test]
fn every_string_may_be_an_input() {
    let paths = [
        "identity",
        "region",
        "voice.outgoing.application_sid",
        "voice.push_credential_sid",
        "voice.endpoint_id",
        "video.room",
        "chat.service_sid",
        "chat.endpoint_id",
        "chat.deployment_role_sid",
        "chat.push_credential_sid",
        "sync.service_sid",
        "sync.endpoint_id",
        "task_router.workspace_sid",
        "task_router.worker_sid",
        "task_router.role",
    ];
    let mut bound = 0;
    for v in access_vectors() {
        let toml = access_policy_toml(&v.input, &paths);
        let template = AccessTemplate::from_toml_str(&toml)
            .unwrap_or_else(|e| panic!("{}: {e}\n{toml}", v.name));
        // Each input takes the vector's own value back.
        let pairs: Vec<(String, String)> = template
            .inputs()
            .iter()
            .map(|input| {
                let path = paths
                    .iter()
                    .find(|p| p.replace('.', "_") == input.name())
                    .unwrap();
                let mut value = &v.input;
                for key in path.split('.') {
                    value = if matches!(key, "identity" | "region") {
                        &value[key]
                    } else if value.get("grants").is_some() {
                        &value["grants"][key]
                    } else {
                        &value[key]
                    };
                }
                (input.name().to_owned(), value.as_str().unwrap().to_owned())
            })
            .collect();
        bound += pairs.len();
        let policy = template.bind(pairs).unwrap();
        assert_eq!(
            policy.sign_at(&api_key(), NOW).unwrap().as_str(),
            v.token,
            "{}",
            v.name
        );
    }
    assert!(bound >= 30, "{bound} inputs bound");
}

/// The error of loading `toml`: its one diagnostic's kind and line:column.
fn error(toml: &str) -> (LoadErrorKind, usize, usize) {
    let err = AccessTemplate::from_toml_str(toml).unwrap_err();
    let d = &err.diagnostics()[0];
    assert_eq!(err.diagnostics().len(), 1, "{err}");
    (d.kind.clone(), d.line, d.column)
}

#[test]
fn every_rule_of_section_2_is_refused_with_its_place() {
    let head = "format = \"access-token\"\nidentity = \"alice\"\n";
    let cases: Vec<(String, &str, usize, usize)> = vec![
        // (file, the message, line, column)
        (
            format!("{head}[voice]\nincoming = true\n[video]\nroom = \"\"\n"),
            r#"video room "" must be 1 to 128 characters, none of them a control character"#,
            6,
            8,
        ),
        (
            "format = \"access-token\"\n[video]\n".into(),
            "an access token needs an identity",
            1,
            1,
        ),
        (
            "format = \"access-token\"\nidentity = \"bob smith\"\n[video]\n".into(),
            r#"identity "bob smith" must be 1 to 121 characters, none of them whitespace or a control character"#,
            2,
            12,
        ),
        (
            "format = \"access-token\"\nidentity = \"a@b\"\n[voice]\nincoming = true\n".into(),
            r#"identity "a@b" cannot be used with a voice grant"#,
            2,
            12,
        ),
        (
            format!("{head}[voice]\nincoming = false\n"),
            "the voice grant allows nothing: give it incoming, outgoing or a push credential",
            3,
            1,
        ),
        (
            format!("{head}[voice]\noutgoing = {{ application_sid = \"AP1\" }}\n"),
            r#"application SID "AP1" must be "AP" followed by 32 hexadecimal digits"#,
            4,
            32,
        ),
        (
            format!("{head}[voice]\npush_credential_sid = \"CR1\"\n"),
            r#"push credential SID "CR1" must be "CR" followed by 32 hexadecimal digits"#,
            4,
            23,
        ),
        (
            format!("{head}[chat]\nendpoint_id = \"x\"\n"),
            "the chat grant needs `service_sid`",
            3,
            1,
        ),
        (
            format!("{head}[chat]\nservice_sid = \"default\"\n"),
            r#"chat service SID "default" must be "IS" followed by 32 hexadecimal digits"#,
            4,
            15,
        ),
        (
            format!(
                "{head}[chat]\nservice_sid = \"IS0123456789abcdef0123456789abcdef\"\ndeployment_role_sid = \"RL\"\n"
            ),
            r#"deployment role SID "RL" must be"#,
            5,
            23,
        ),
        (
            format!("{head}[sync]\nendpoint_id = \"x\"\n"),
            "the sync grant needs `service_sid`",
            3,
            1,
        ),
        (
            format!("{head}[sync]\nservice_sid = \"IS\"\n"),
            r#"sync service SID "IS" must be "IS" followed by 32 hexadecimal digits, or "default""#,
            4,
            15,
        ),
        (
            format!("{head}[task_router]\nrole = \"worker\"\n"),
            "the task_router grant needs `workspace_sid`",
            3,
            1,
        ),
        (
            format!(
                "{head}[task_router]\nworkspace_sid = \"WS0123456789abcdef0123456789abcdef\"\nworker_sid = \"WQ0123456789abcdef0123456789abcdef\"\n"
            ),
            r#"worker SID "WQ0123456789abcdef0123456789abcdef" must be "WK" followed by"#,
            5,
            14,
        ),
        (
            format!(
                "{head}[task_router]\nworkspace_sid = \"WS0123456789abcdef0123456789abcdef\"\nrole = \"a\\nb\"\n"
            ),
            r#"TaskRouter role "a\nb" must be 1 to 256 characters"#,
            5,
            8,
        ),
        (
            format!("{head}region = \"IE1\"\n[video]\n"),
            r#"region "IE1" must be two lower-case letters and a digit"#,
            3,
            10,
        ),
        (
            format!("{head}region = \"\"\n[video]\n"),
            r#"region "" must be two lower-case letters and a digit"#,
            3,
            10,
        ),
        (
            format!("{head}ttl = 86401\n[video]\n"),
            "ttl 86401 must be a whole number of seconds from 1 to 86400",
            3,
            7,
        ),
        (format!("{head}ttl = 0\n[video]\n"), "ttl 0 must be", 3, 7),
        (
            head.to_owned(),
            "access token grants nothing: give it at least one of voice, video, chat, sync or task_router",
            1,
            1,
        ),
        (
            format!(
                "{head}[voice]\nincoming = true\n[voice.outgoing]\napplication_sid = \"APcccccccccccccccccccccccccccccccc\"\nparams = {{ \"\" = \"x\" }}\n"
            ),
            "outgoing param key must not be empty",
            7,
            12,
        ),
        (
            format!(
                "{head}[voice]\nincoming = true\n[voice.outgoing]\napplication_sid = \"APcccccccccccccccccccccccccccccccc\"\nparams = {{ v = \"{}\" }}\n",
                "x".repeat(4097)
            ),
            r#"outgoing param "v" has a value of 4097 bytes"#,
            7,
            16,
        ),
        (
            format!("{head}[voice]\nincoming = true\nendpoint = \"x\"\n"),
            "unknown key `endpoint` in [voice]; expected one of: incoming, outgoing, push_credential_sid, endpoint_id",
            5,
            1,
        ),
        (
            format!("{head}[video]\n[incoming]\nclient_name = \"alice\"\n"),
            r#"`incoming` belongs to capability policies, but this file is format = "access-token""#,
            4,
            2,
        ),
        (
            format!("{head}[video]\n[vidoe]\n"),
            "unknown key `vidoe` in the policy; expected one of: format, identity, ttl, region, voice, video, chat, sync, task_router",
            4,
            2,
        ),
        (
            format!("{head}[voice]\nincoming = \"yes\"\n"),
            "`voice.incoming` must be a boolean, found string",
            4,
            12,
        ),
    ];
    for (toml, message, line, column) in cases {
        let (kind, l, c) = error(&toml);
        assert!(kind.to_string().starts_with(message), "{toml}\n{kind}");
        assert_eq!((l, c), (line, column), "{toml}\n{kind}");
    }
}

#[test]
fn a_file_is_read_by_the_loader_of_its_format() {
    let access = "format = \"access-token\"\nidentity = \"a\"\n[video]\n";
    let err = CapabilityTemplate::from_toml_str(access).unwrap_err();
    assert_eq!(
        err.to_string(),
        "1:10: this is an access-token policy; load it with AccessTemplate, or with PolicyFile for any format"
    );
    let capability = "[incoming]\nclient_name = \"a\"\n";
    let err = AccessTemplate::from_toml_str(capability).unwrap_err();
    assert!(
        matches!(
            err.diagnostics()[0].kind,
            LoadErrorKind::WrongFormat {
                found: PolicyFormat::Capability,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(
        PolicyFile::from_toml_str(capability).unwrap().format(),
        PolicyFormat::Capability
    );
    let unknown = PolicyFile::from_toml_str("format = \"fax\"\n[incoming]\nclient_name = \"a\"\n")
        .unwrap_err();
    assert!(unknown.to_string().contains(
        r#"unknown policy format "fax"; expected "capability", "access-token" or "taskrouter""#
    ));
    // An input with a voice grant is checked as a client name when it is bound.
    let template = AccessTemplate::from_toml_str(
        "format = \"access-token\"\nidentity = { input = \"who\" }\n[voice]\nincoming = true\n",
    )
    .unwrap();
    let err = template.bind([("who", "a@b")]).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"input `who`: client name "a@b" may contain only letters, digits and underscores"#
    );
    assert!(template.bind([("who", "ab")]).is_ok());
    let _ = PolicyError::NoGrants;
}
