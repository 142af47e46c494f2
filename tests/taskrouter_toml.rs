//! TaskRouter policy files and the precompiled signer: every vector byte for byte through
//! `TaskRouterTemplate`, `PolicyFile` and `TaskRouterMinter`, with literals and with inputs;
//! every rule of spec section 2 refused with line:column; the minter signs what bind + sign_at
//! sign.

mod support;

use capability::{PolicyFile, TaskRouterMinter, TaskRouterTemplate};
use proptest::prelude::*;
use support::policy_toml::taskrouter_policy_toml;
use support::{NOW, creds, taskrouter_vectors};

#[test]
fn every_vector_through_the_template_the_file_and_the_minter() {
    for v in taskrouter_vectors() {
        let toml = taskrouter_policy_toml(&v.input, &[]);
        let template = TaskRouterTemplate::from_toml_str(&toml)
            .unwrap_or_else(|e| panic!("{}: {e}\n{toml}", v.name));
        let policy = template.bind(std::iter::empty::<(&str, &str)>()).unwrap();
        assert_eq!(
            policy.sign_at(&creds(), NOW).unwrap().as_str(),
            v.token,
            "{}",
            v.name
        );
        assert!(
            matches!(PolicyFile::from_toml_str(&toml).unwrap(), PolicyFile::TaskRouter(t) if *t == template)
        );
        assert_eq!(
            TaskRouterMinter::new(&policy, &creds())
                .mint_at(&[], NOW)
                .unwrap()
                .as_str(),
            v.token
        );
        assert_eq!(
            TaskRouterMinter::from_template(&template, &creds())
                .mint_at(&[], NOW)
                .unwrap()
                .as_str(),
            v.token
        );

        // The SIDs as inputs.
        let toml = taskrouter_policy_toml(&v.input, &["workspace_sid", "sid"]);
        let template = TaskRouterTemplate::from_toml_str(&toml).unwrap();
        let values: Vec<&str> = template
            .inputs()
            .iter()
            .map(|i| match i.name() {
                "workspace_sid" => v.input["workspace_sid"].as_str().unwrap(),
                _ => v
                    .input
                    .get("worker_sid")
                    .or(v.input.get("taskqueue_sid"))
                    .unwrap()
                    .as_str()
                    .unwrap(),
            })
            .collect();
        let minter = TaskRouterMinter::from_template(&template, &creds());
        let mut buf = String::new();
        minter.mint_into(&mut buf, &values, NOW).unwrap();
        assert_eq!(buf, v.token, "{}: with inputs", v.name);
    }
}

fn error(toml: &str) -> (String, usize, usize) {
    let err = TaskRouterTemplate::from_toml_str(toml).unwrap_err();
    assert_eq!(err.diagnostics().len(), 1, "{err}");
    let d = &err.diagnostics()[0];
    (d.kind.to_string(), d.line, d.column)
}

#[test]
fn every_rule_of_section_2_is_refused_with_its_place() {
    let head = "format = \"taskrouter\"\nworkspace_sid = \"WS11111111111111111111111111111111\"\n";
    let worker = format!("{head}[worker]\nsid = \"WK22222222222222222222222222222222\"\n");
    let tasks =
        "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Tasks/**";
    let cases: Vec<(String, &str, usize, usize)> = vec![
        (
            "format = \"taskrouter\"\n[workspace]\n".into(),
            "a TaskRouter token needs its workspace",
            1,
            1,
        ),
        (
            head.to_owned(),
            "a TaskRouter token needs exactly one channel: a worker, a task queue or the workspace; none is given",
            1,
            1,
        ),
        (
            format!("{worker}[workspace]\n"),
            "a TaskRouter token needs exactly one channel: a worker, a task queue or the workspace; 2 are given",
            5,
            1,
        ),
        (
            format!("{head}workspace_sid = \"WS1\"\n[workspace]\n"),
            "TOML syntax",
            3,
            1,
        ),
        (
            "format = \"taskrouter\"\nworkspace_sid = \"WS1\"\n[workspace]\n".into(),
            r#"workspace SID "WS1" must be "WS" followed by 32 hexadecimal digits"#,
            2,
            17,
        ),
        (
            format!("{head}[worker]\nsid = \"WQ22222222222222222222222222222222\"\n"),
            r#"worker SID "WQ22222222222222222222222222222222" must be "WK""#,
            4,
            7,
        ),
        (
            format!("{head}[worker]\n"),
            "[worker] needs the key `sid`",
            3,
            1,
        ),
        (
            format!(
                "{head}[task_queue]\nsid = \"WQ33333333333333333333333333333333\"\nactivity_updates = true\n"
            ),
            "activity_updates is only for a worker's token, not for a task queue",
            5,
            20,
        ),
        (
            format!("{head}[workspace]\nreservation_updates = true\n"),
            "reservation_updates is only for a worker's token, not for the workspace",
            4,
            23,
        ),
        (
            format!("{head}[workspace]\nsid = \"x\"\n"),
            "unknown key `sid` in [workspace]",
            4,
            1,
        ),
        (
            format!("{head}ttl = 90000\n[workspace]\n"),
            "ttl 90000 must be a whole number of seconds from 1 to 86400",
            3,
            7,
        ),
        (
            format!("{worker}[[policy]]\nurl = \"https://example.com/v1/x\"\nmethod = \"GET\"\n"),
            "TaskRouter policy URL \"https://example.com/v1/x\" must start with",
            6,
            7,
        ),
        (
            format!("{worker}[[policy]]\nurl = \"{tasks} \"\nmethod = \"GET\"\n"),
            "TaskRouter policy URL",
            6,
            7,
        ),
        (
            format!("{worker}[[policy]]\nurl = \"{tasks}\"\nmethod = \"PUT\"\n"),
            r#"TaskRouter policy method "PUT" must be GET, POST or DELETE"#,
            7,
            10,
        ),
        (
            format!("{worker}[[policy]]\nurl = \"{tasks}\"\n"),
            "[[policy]] needs the key `method`",
            5,
            1,
        ),
        (
            format!(
                "{worker}[[policy]]\nurl = \"{tasks}\"\nmethod = \"POST\"\npost_filter = {{ \"\" = {{ required = true }} }}\n"
            ),
            "post filter key must not be empty",
            8,
            17,
        ),
        (
            format!(
                "{worker}[[policy]]\nurl = \"{tasks}\"\nmethod = \"POST\"\npost_filter = {{ A = {{ required = 1 }} }}\n"
            ),
            "`policy.post_filter.A.required` must be a boolean",
            8,
            34,
        ),
        (
            format!("{worker}[[policy]]\nurl = \"{tasks}\"\nmethod = \"GET\"\n"),
            "the custom policy GET https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Tasks/** is already in the token's list of policies",
            5,
            1,
        ),
        (
            format!("{worker}[voice]\n"),
            "`voice` belongs to access-token policies, but this file is format = \"taskrouter\"",
            5,
            2,
        ),
    ];
    for (toml, message, line, column) in cases {
        let (kind, l, c) = error(&toml);
        assert!(kind.starts_with(message), "{toml}\n{kind}");
        assert_eq!((l, c), (line, column), "{toml}\n{kind}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_minter_signs_what_bind_and_sign_at_sign(
        worker in "WK[0-9a-f]{32}",
        url_tail in "[A-Za-z0-9/*_]{0,40}",
        path in prop_oneof![Just("https://taskrouter.twilio.com/v1/"), Just("https://event-bridge.twilio.com/v1/")],
        now in 0u64..=u64::MAX - 86_400,
    ) {
        let toml = "format = \"taskrouter\"\nworkspace_sid = \"WS11111111111111111111111111111111\"\n[worker]\nsid = { input = \"worker\" }\nupdate_self = true\nreservation_updates = true\n[[policy]]\nurl = { input = \"url\" }\nmethod = \"GET\"\n";
        let template = TaskRouterTemplate::from_toml_str(toml).unwrap();
        let url = format!("{path}{url_tail}");
        let values = [worker.as_str(), url.as_str()];
        let minted = TaskRouterMinter::from_template(&template, &creds()).mint_at(&values, now);
        let signed = template
            .bind([("worker", worker.as_str()), ("url", url.as_str())])
            .map_err(|e| e.to_string())
            .and_then(|p| p.sign_at(&creds(), now).map_err(|e| e.to_string()));
        prop_assert_eq!(minted.map_err(|e| e.to_string()), signed);
    }
}
