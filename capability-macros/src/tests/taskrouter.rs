//! In-process tests of `taskrouter!`: error collection, each error under its token.

use capability_runtime::{Allow, Method};

use super::{assert_never_panics, spanned_errors_of};
use crate::taskrouter::expand::{allow_variant, method_variant};
use crate::taskrouter_macro;

/// Each error of a `taskrouter!` invocation, in order, with the text under its span.
fn errors(body: &str) -> Vec<(String, String)> {
    spanned_errors_of(taskrouter_macro, body)
}

fn owned(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(message, text)| ((*message).to_owned(), (*text).to_owned()))
        .collect()
}

const WS: &str = "WS11111111111111111111111111111111";
const WK: &str = "WK22222222222222222222222222222222";
const WQ: &str = "WQ33333333333333333333333333333333";
const API: &str = "https://taskrouter.twilio.com/v1/Workspaces/";

const OPTIONS: &str = "`update_self`, `delete_self`, `fetch_subresources`, \
                       `delete_subresources`, `update_subresources`, `activity_updates` or \
                       `reservation_updates`";

/// Every rule error of an invocation, in the order written, each under the token at fault.
#[test]
fn every_error_is_reported_in_one_expansion() {
    let actual = errors(&format!(
        r#"
        workspace "WS1";
        worker "{WK}";
        task_queue "WQ3";
        workspace_channel;
        allow activity_updates, update_self, activity_updates, fly;
        policy PUT "https://example.com/x" {{
            deny;
            deny;
            query_filter {{ "": required, A: optional, A: required }};
            post_filter {{ B: maybe, C: true }};
            colour {{}};
        }};
        policy GET "{API}{WS}/Tasks/**";
        ttl 0;
        ttl 5;
        workspace "{WS}";
        player;
        "#
    ));
    let several = "a TaskRouter token needs exactly one channel: a worker, a task queue or the \
                   workspace; 3 are given";
    let expected = owned(&[
        (
            r#"workspace SID "WS1" must be "WS" followed by 32 hexadecimal digits"#,
            r#""WS1""#,
        ),
        (several, "task_queue"),
        (
            r#"task queue SID "WQ3" must be "WQ" followed by 32 hexadecimal digits"#,
            r#""WQ3""#,
        ),
        (several, "workspace_channel"),
        ("activity_updates is given twice", "activity_updates"),
        (&format!("unknown option `fly`; expected {OPTIONS}"), "fly"),
        (
            r#"TaskRouter policy method "PUT" must be GET, POST or DELETE"#,
            "PUT",
        ),
        (
            "TaskRouter policy URL \"https://example.com/x\" must start with \
             https://taskrouter.twilio.com/v1/ or https://event-bridge.twilio.com/v1/, have no \
             whitespace or control characters, and be at most 2048 bytes",
            r#""https://example.com/x""#,
        ),
        ("`deny` may appear only once in a custom policy", "deny"),
        ("query filter key must not be empty", r#""""#),
        (
            r#"query filter key "A" appears twice; keys must be unique within their scope"#,
            "A",
        ),
        (
            "unknown filter mode `maybe`; expected `required` or `optional`",
            "maybe",
        ),
        ("expected a filter mode: `required` or `optional`", "true"),
        (
            "unknown field `colour` of a custom policy; expected `query_filter`, `post_filter` \
             or `deny`",
            "colour",
        ),
        // The first workspace is not a valid SID: the defaults it would name are unknown, so
        // the `GET …/Tasks/**` of a worker's token is not compared.
        (
            "ttl 0 must be a whole number of seconds from 1 to 86400",
            "0",
        ),
        ("ttl may appear only once in a policy", "ttl"),
        ("workspace may appear only once in a policy", "workspace"),
        (
            "unknown clause `player`; expected `workspace`, `worker`, `task_queue`, \
             `workspace_channel`, `allow`, `policy` or `ttl`",
            "player",
        ),
    ]);
    assert_eq!(actual, expected);
}

#[test]
fn syntax_errors_do_not_hide_later_clauses() {
    let actual = errors(&format!(
        r#"
        workspace "{WS}" worker "{WK}";
        policy; policy "https://x" GET; policy GET; policy GET {{ deny }};
        allow; allow update_self,; allow 5;
        policy GET "{API}x" {{ deny post_filter {{ A: required }}; query_filter; }};
        policy POST "{API}y" {{ post_filter {{ A required, B: optional }} }};
        allow update_self, update_self ttl 0;
        "#
    ));
    let url = "a TaskRouter policy URL: a string literal, or a `TaskRouterUrl`";
    let example = r#"`policy GET "https://taskrouter.twilio.com/v1/…" { … }`"#;
    let expected = owned(&[
        ("expected `;` to end the `workspace` clause", "worker"),
        (
            &format!("`policy` needs a method and a URL: {example}"),
            "policy",
        ),
        (
            &format!("expected a method before the URL: {example}"),
            r#""https://x""#,
        ),
        (&format!("`policy GET` needs {url}"), "GET"),
        (&format!("`policy GET` needs {url}"), "GET"),
        (&format!("`allow` needs an option: {OPTIONS}"), "allow"),
        (&format!("`allow` needs an option: {OPTIONS}"), ";"),
        (&format!("`allow` needs an option: {OPTIONS}"), "5"),
        ("expected `;` to end the `deny` field", "post_filter"),
        (
            "`query_filter` needs a block of filters: `query_filter { Name: required }`",
            "query_filter",
        ),
        ("expected `:` and a value after the key `A`", "required"),
        // The clause is read up to the missing `;`, and the next one after it.
        ("update_self is given twice", "update_self"),
        ("expected `;` to end the `allow` clause", "ttl"),
        (
            "ttl 0 must be a whole number of seconds from 1 to 86400",
            "0",
        ),
    ]);
    assert_eq!(actual, expected);
}

#[test]
fn a_missing_workspace_or_channel_is_reported_on_the_invocation() {
    let workspace = ("a TaskRouter token needs its workspace", "<call site>");
    let channel = (
        "a TaskRouter token needs exactly one channel: a worker, a task queue or the workspace; \
         none is given",
        "<call site>",
    );
    assert_eq!(errors(""), owned(&[workspace, channel]));
    assert_eq!(
        errors("ttl 300; allow update_self"),
        owned(&[workspace, channel])
    );
    assert_eq!(errors("workspace_channel"), owned(&[workspace]));
    assert_eq!(errors(&format!("workspace \"{WS}\"")), owned(&[channel]));
    // Without a channel, a worker-only option is not an error of its own, a repeated one is.
    assert_eq!(
        errors(&format!(
            "workspace \"{WS}\"; allow activity_updates, delete_self, delete_self"
        )),
        owned(&[("delete_self is given twice", "delete_self"), channel])
    );
    // A broken SID is reported under itself, not as a missing one.
    assert_eq!(
        errors(&format!("workspace \"WS\"; task_queue \"{WQ}\"")),
        owned(&[(
            r#"workspace SID "WS" must be "WS" followed by 32 hexadecimal digits"#,
            r#""WS""#
        )])
    );
    // A clause that did not parse might have been the workspace or the channel.
    assert_eq!(
        errors("workspace; wroker x"),
        owned(&[
            (
                "`workspace` needs a workspace SID: a string literal, or a `WorkspaceSid`",
                "workspace"
            ),
            (
                "unknown clause `wroker`; expected `workspace`, `worker`, `task_queue`, \
                 `workspace_channel`, `allow`, `policy` or `ttl`",
                "wroker"
            ),
        ])
    );
}

#[test]
fn worker_only_options_need_a_worker_wherever_it_is_written() {
    let only = |allow: &str, channel: &str| {
        (
            format!("{allow} is only for a worker's token, not for {channel}"),
            allow.to_owned(),
        )
    };
    assert_eq!(
        errors(&format!(
            "allow activity_updates, reservation_updates, update_self; workspace \"{WS}\"; \
             task_queue \"{WQ}\""
        )),
        [
            only("activity_updates", "a task queue"),
            only("reservation_updates", "a task queue")
        ]
    );
    assert_eq!(
        errors(&format!(
            "workspace \"{WS}\"; allow reservation_updates; workspace_channel"
        )),
        [only("reservation_updates", "the workspace")]
    );
    // A worker given at run time is a worker all the same.
    assert_eq!(
        errors("allow activity_updates; workspace ws; worker sid"),
        []
    );
}

/// A custom policy is compared with the defaults and the custom policies before it by the
/// runtime's builder, whenever what it is compared with is known at compile time.
#[test]
fn a_literal_custom_policy_equal_to_one_in_the_list_is_an_error() {
    let duplicate = |method: &str, url: &str| {
        (
            format!("the custom policy {method} {url} is already in the token's list of policies"),
            format!("{url:?}"),
        )
    };
    let tasks = format!("{API}{WS}/Tasks/**");
    let worker = format!("{API}{WS}/Workers/{WK}");
    let head = format!("workspace \"{WS}\"; worker \"{WK}\";");
    // The defaults of spec 1.5, an option's among them, whichever comes first.
    assert_eq!(
        errors(&format!(
            "policy POST \"{worker}\" {{ post_filter {{ ActivitySid: required }} }}; \
             {head} policy GET \"{tasks}\"; allow activity_updates"
        )),
        [duplicate("POST", &worker), duplicate("GET", &tasks)]
    );
    // Not equal: another method, a filter more, denied.
    assert_eq!(
        errors(&format!(
            "{head} policy DELETE \"{tasks}\"; policy GET \"{tasks}\" {{ query_filter {{ A: optional }} }};
             policy GET \"{tasks}\" {{ deny }}; policy POST \"{worker}\" {{ post_filter {{ ActivitySid: optional }} }}"
        )),
        []
    );
    // Custom policies among themselves, filters in order.
    let x = format!("{API}x");
    assert_eq!(
        errors(&format!(
            "{head} policy POST \"{x}\" {{ query_filter {{ A: required, B: optional }}; deny }};
             policy POST \"{x}\" {{ deny; query_filter {{ A: required, B: optional }} }};
             policy POST \"{x}\" {{ deny; query_filter {{ B: optional, A: required }} }}"
        )),
        [duplicate("POST", &x)]
    );
    // A run-time workspace or worker: the URLs that name it are unknown, the others are not.
    assert_eq!(
        errors(&format!(
            "workspace ws; worker \"{WK}\"; policy GET \"{tasks}\"; policy GET \"{x}\"; \
             policy GET url; policy GET \"{x}\""
        )),
        [duplicate("GET", &x)]
    );
    assert_eq!(
        errors(&format!(
            "workspace \"{WS}\"; worker wk; policy GET \"{tasks}\"; policy GET \"{worker}\""
        )),
        [duplicate("GET", &tasks)]
    );
    // The event bridge's defaults name the account, known only when signing.
    let bridge = format!(
        "https://event-bridge.twilio.com/v1/wschannels/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/{WK}"
    );
    assert_eq!(errors(&format!("{head} policy GET \"{bridge}\"")), []);
    // A policy with a broken part is not compared.
    assert_eq!(
        errors(&format!(
            "{head} policy GET \"{tasks}\" {{ query_filter {{ A: maybe }} }}"
        ))
        .len(),
        1
    );
}

/// A policy of literals whose token would be over 8192 bytes is an error on the invocation; the
/// same with a run-time URL is deferred to signing.
#[test]
fn a_policy_of_literals_too_long_to_sign_is_an_error() {
    let long = |n: usize| format!("{API}{}", "a".repeat(n));
    let body = |url: &str| {
        let policies: Vec<String> = (0..4).map(|i| format!("policy GET \"{url}{i}\"")).collect();
        format!(
            "workspace \"{WS}\"; workspace_channel; {}",
            policies.join("; ")
        )
    };
    assert_eq!(errors(&body(&long(1000))), []);
    let actual = errors(&body(&long(1500)));
    assert_eq!(actual.len(), 1, "{actual:?}");
    assert!(
        actual[0]
            .0
            .starts_with("the policy's token would be up to ")
    );
    assert_eq!(actual[0].1, "<call site>");
    let run_time = format!("{}; policy GET url", body(&long(1500)));
    assert_eq!(errors(&run_time), []);
}

#[test]
fn valid_invocations_have_no_errors() {
    for body in [
        format!("workspace \"{WS}\"; workspace_channel"),
        format!("workspace_channel; workspace \"{WS}\";"),
        format!("workspace ws; worker \"{WK}\"; allow activity_updates, reservation_updates"),
        "workspace &ws; task_queue q.clone(); ttl t; allow update_self".to_owned(),
        format!(
            "workspace w; worker k; policy POST url {{ post_filter {{ A: required, \"b-c\": optional }} }}; \
             policy DELETE \"{API}x\" {{ deny; }}; ttl 86_400"
        ),
        format!(
            "workspace w; worker k; allow update_self; allow delete_self; policy GET \"{API}x\" {{}}"
        ),
    ] {
        assert_eq!(errors(&body), [], "{body}");
    }
}

/// Odd input gives errors, never a panic, and a valid expansion whenever it has no error.
#[test]
fn odd_inputs_never_panic() {
    assert_never_panics(
        "taskrouter",
        &[
            ";",
            ";;",
            "workspace",
            "workspace_channel x",
            "workspace w; workspace_channel;;",
            "worker",
            "allow",
            "allow ,",
            "allow a b",
            "allow r#update_self",
            "policy",
            "policy GET",
            "policy GET {}",
            "policy GET u { deny } { deny }",
            "policy GET u { ; }",
            "policy GET u { query_filter }",
            "policy GET u { query_filter { A } }",
            "policy GET u { query_filter { A: } }",
            "policy GET u { query_filter { A: required::x } }",
            "policy GET u { query_filter { A: -required } }",
            "policy get u",
            "policy 1 u",
            "policy GET \"\"",
            "workspace w; worker k; policy GET u { post_filter { A: required } { B: optional } }",
            "ttl -0; workspace w; workspace_channel",
            "{ workspace w }",
            "\"WS\"",
        ],
    );
}

/// The expansion names each option and method by the runtime's own variant.
#[test]
fn the_expansion_names_the_runtime_variants() {
    for allow in Allow::ALL {
        assert_eq!(allow_variant(allow), format!("{allow:?}"));
    }
    for method in [Method::Get, Method::Post, Method::Delete] {
        assert_eq!(method_variant(method), format!("{method:?}"));
    }
}
