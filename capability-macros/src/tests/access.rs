//! In-process tests of `access_token!`: error collection, each error under its token.

use super::{assert_never_panics, spanned_errors_of};
use crate::access::GRANTS;
use crate::access_token_macro;

/// Each error of an `access_token!` invocation, in order, with the text under its span.
fn errors(body: &str) -> Vec<(String, String)> {
    spanned_errors_of(access_token_macro, body)
}

fn owned(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(message, text)| ((*message).to_owned(), (*text).to_owned()))
        .collect()
}

/// Every rule error of an invocation, in the order written, each under the token at fault.
#[test]
fn every_error_is_reported_in_one_expansion() {
    let actual = errors(
        r#"
        identity "frank@example.com";
        voice {
            incoming;
            outgoing "AP1" { a: 1, a: 2, "": 3, b: "ok" };
            incoming;
            push_credential "CR00";
        };
        video { room "" };
        video {};
        chat { endpoint "e"; deployment_role "RL" };
        sync { service "IS0" };
        task_router { worker "WK1"; role "" };
        region "IE1";
        ttl 0;
        ttl 86401;
        identity "b";
        player { x 1 };
        "#,
    );
    let voice_identity = "identity \"frank@example.com\" cannot be used with a voice grant: a voice \
                          identity may contain only letters, digits and underscores (Twilio error \
                          31105)";
    let expected = owned(&[
        (voice_identity, r#""frank@example.com""#),
        (
            r#"application SID "AP1" must be "AP" followed by 32 hexadecimal digits"#,
            r#""AP1""#,
        ),
        (
            r#"outgoing param key "a" appears twice; keys must be unique within their scope"#,
            "a",
        ),
        ("outgoing param key must not be empty", r#""""#),
        (
            "`incoming` may appear only once in the voice grant",
            "incoming",
        ),
        (
            r#"push credential SID "CR00" must be "CR" followed by 32 hexadecimal digits"#,
            r#""CR00""#,
        ),
        (
            r#"video room "" must be 1 to 128 characters, none of them a control character"#,
            r#""""#,
        ),
        ("the video grant may appear only once in a policy", "video"),
        ("the chat grant needs `service`", "chat"),
        (
            r#"deployment role SID "RL" must be "RL" followed by 32 hexadecimal digits"#,
            r#""RL""#,
        ),
        (
            r#"sync service SID "IS0" must be "IS" followed by 32 hexadecimal digits, or "default""#,
            r#""IS0""#,
        ),
        ("the task_router grant needs `workspace`", "task_router"),
        (
            r#"worker SID "WK1" must be "WK" followed by 32 hexadecimal digits"#,
            r#""WK1""#,
        ),
        (
            r#"TaskRouter role "" must be 1 to 256 characters, none of them a control character"#,
            r#""""#,
        ),
        (
            r#"region "IE1" must be two lower-case letters and a digit, such as "us1" or "ie1""#,
            r#""IE1""#,
        ),
        (
            "ttl 0 must be a whole number of seconds from 1 to 86400",
            "0",
        ),
        ("ttl may appear only once in a policy", "ttl"),
        (
            "ttl 86401 must be a whole number of seconds from 1 to 86400",
            "86401",
        ),
        ("identity may appear only once in a policy", "identity"),
        (
            "unknown clause `player`; expected `identity`, `voice`, `video`, `chat`, `sync`, \
             `task_router`, `region` or `ttl`",
            "player",
        ),
    ]);
    assert_eq!(actual, expected);
}

#[test]
fn syntax_errors_do_not_hide_later_fields_and_clauses() {
    let actual = errors(
        r#"
        identity "alice" region "IE1";
        voice { incoming outgoing "AP1"; endpoint; rooms "x"; push_credential "CR" }
        video { room "a" "b"; room "\n" };
        chat service "IS0";
        sync { service "default" } ttl 0;
        "#,
    );
    let expected = owned(&[
        ("expected `;` to end the `identity` clause", "region"),
        (
            r#"region "IE1" must be two lower-case letters and a digit, such as "us1" or "ie1""#,
            r#""IE1""#,
        ),
        ("expected `;` to end the `incoming` field", "outgoing"),
        (
            r#"application SID "AP1" must be "AP" followed by 32 hexadecimal digits"#,
            r#""AP1""#,
        ),
        (
            "`endpoint` needs an endpoint id: a string literal, or an `EndpointId`",
            "endpoint",
        ),
        (
            "unknown field `rooms` in the voice grant; expected `incoming`, `outgoing`, \
             `push_credential` or `endpoint`",
            "rooms",
        ),
        (
            r#"push credential SID "CR" must be "CR" followed by 32 hexadecimal digits"#,
            r#""CR""#,
        ),
        ("expected `;` to end the `voice` clause", "video"),
        ("expected `;` to end the `room` field", r#""b""#),
        ("`room` may appear only once in the video grant", "room"),
        (
            r#"video room "\n" must be 1 to 128 characters, none of them a control character"#,
            r#""\n""#,
        ),
        ("`chat` needs a block of fields: `chat { … }`", "service"),
        ("expected `;` to end the `sync` clause", "ttl"),
        (
            "ttl 0 must be a whole number of seconds from 1 to 86400",
            "0",
        ),
    ]);
    assert_eq!(actual, expected);
}

#[test]
fn a_missing_identity_or_grant_is_reported_on_the_invocation() {
    let missing = ("an access token needs an identity", "<call site>");
    let no_grants = (
        "access token grants nothing: give it at least one of voice, video, chat, sync or \
         task_router",
        "<call site>",
    );
    assert_eq!(errors(""), owned(&[missing, no_grants]));
    assert_eq!(
        errors("ttl 300; region \"ie1\""),
        owned(&[missing, no_grants])
    );
    assert_eq!(errors("video {}"), owned(&[missing]));
    assert_eq!(errors("identity \"a\""), owned(&[no_grants]));
    // A broken identity is reported under itself, not as a missing one.
    assert_eq!(
        errors("identity \"a b\"; video {}"),
        owned(&[(
            r#"identity "a b" must be 1 to 121 characters, none of them whitespace or a control character"#,
            r#""a b""#
        )])
    );
    // A clause that did not parse might have been the identity or a grant: no second guess.
    assert_eq!(
        errors("identity;"),
        owned(&[(
            "`identity` needs an identity: a string literal, or an `Identity` or a `ClientName`",
            "identity"
        )])
    );
    assert_eq!(
        errors("identity \"a\"; vioce {}"),
        owned(&[(
            "unknown clause `vioce`; expected `identity`, `voice`, `video`, `chat`, `sync`, \
             `task_router`, `region` or `ttl`",
            "vioce"
        )])
    );
}

#[test]
fn grant_rules_apply_to_what_is_written() {
    let allows_nothing = "the voice grant allows nothing: give it incoming, outgoing or a push \
                          credential";
    assert_eq!(
        errors("identity \"a\"; voice { endpoint \"e\" }"),
        owned(&[(allows_nothing, "voice")])
    );
    // A field whose value is wrong is still written: the grant allows it, the value is the
    // error.
    assert_eq!(
        errors("identity \"a\"; voice { push_credential \"CR\" }"),
        owned(&[(
            r#"push credential SID "CR" must be "CR" followed by 32 hexadecimal digits"#,
            r#""CR""#
        )])
    );
    // A field that did not parse might have been the one needed.
    assert_eq!(
        errors("identity \"a\"; chat { sevice \"x\" }"),
        owned(&[(
            "unknown field `sevice` in the chat grant; expected `service`, `endpoint`, \
             `deployment_role` or `push_credential`",
            "sevice"
        )])
    );
    // A literal identity is checked as a client name only beside a voice grant, wherever it
    // is written.
    assert_eq!(
        errors("identity \"a@b\"; chat { service \"default\" }").len(),
        1
    );
    assert_eq!(errors("identity \"a@b\"; sync { service \"default\" }"), []);
    assert_eq!(
        errors("voice { incoming }; identity \"a@b\""),
        owned(&[(
            "identity \"a@b\" cannot be used with a voice grant: a voice identity may contain \
             only letters, digits and underscores (Twilio error 31105)",
            r#""a@b""#
        )])
    );
}

#[test]
fn wrong_kinds_of_literal_are_named() {
    let one = |body: &str| -> String {
        let errors = errors(body);
        assert_eq!(errors.len(), 1, "{body}: {errors:?}");
        errors[0].0.clone()
    };
    assert_eq!(
        one("identity 42; video {}"),
        "expected an identity: a string literal, or an `Identity` or a `ClientName`"
    );
    assert_eq!(
        one("identity \"a\"; video { room 1.5 }"),
        "expected a video room: a string literal, or a `RoomName`"
    );
    assert_eq!(
        one("identity \"a\"; voice { outgoing 'x' }"),
        "expected an application SID: a string literal, or an `AppSid`"
    );
    assert_eq!(
        one("identity \"a\"; video {}; ttl \"300\""),
        "`ttl` takes a whole number of seconds: an integer literal, or a `Ttl`"
    );
    assert_eq!(
        one("identity \"a\"; video {}; region -1"),
        "expected a region: a string literal, or a `Region`"
    );
    assert_eq!(
        one("identity \"a\"; voice { incoming { a: 1 } }"),
        "expected `;` to end the `incoming` field"
    );
    assert_eq!(
        one("identity \"a\"; voice { outgoing { a: 1 } }"),
        "expected an application SID before the params block: `outgoing \"AP…\" { … }`"
    );
}

#[test]
fn valid_invocations_have_no_errors() {
    for body in [
        "identity \"a\"; video {}",
        "identity \"a\"; video {};",
        "video { }; identity a",
        "identity &a; voice { incoming; }; ttl 1; region \"au1\"",
        "identity a.b(); voice { outgoing sid { r#type: 1, \"user-id\": f(a, b) }; incoming }",
        "identity \"a\"; chat { service s; endpoint e; deployment_role r; push_credential p; }",
        "identity \"a\"; sync { service \"default\"; endpoint \"e\" }; ttl 86_400",
        "identity \"a\"; task_router { workspace w; worker k; role \"worker\" }",
        "identity i; voice { push_credential \"CR0123456789abcdef0123456789ABCDEF\" }",
    ] {
        assert_eq!(errors(body), [], "{body}");
    }
}

/// Odd input gives errors, never a panic, and a valid expansion whenever it has no error.
#[test]
fn odd_inputs_never_panic() {
    assert_never_panics(
        "access_token",
        &[
            ";",
            ";;",
            "identity",
            "identity \"a\";;",
            "identity \"a\" \"b\"",
            "voice",
            "voice;",
            "voice { ; }",
            "voice { ;; }",
            "voice { incoming;; }",
            "voice [incoming]",
            "voice (incoming)",
            "voice { outgoing }",
            "voice { outgoing {} }",
            "voice { outgoing s { a } }",
            "voice { outgoing s { a: } }",
            "voice { outgoing s { a: 1 } { b: 2 } }",
            "voice { r#incoming }",
            "voice { 42 }",
            "voice { { incoming } }",
            "video { room }",
            "video { room; room }",
            "video { room r; } { }",
            "r#voice { incoming }",
            "identity a; video {} video {}",
            "ttl -0; identity \"a\"; video {}",
            "ttl 340282366920938463463374607431768211456; identity \"a\"; video {}",
            "ttl 1e3; identity \"a\"; video {}",
            "region \"\"; identity \"a\"; video {}",
            "identity \"é\"; voice { incoming }",
            "identity r#\"raw\"#; video {}",
            "identity b\"bytes\"; video {}",
            "identity #[attr] \"a\"; video {}",
            "\"alice\"",
            "{ identity \"a\" }",
        ],
    );
}

/// The limits, at the limit and one past it, checked on literals at compile time.
#[test]
fn literal_limits_are_compile_errors() {
    let sid = "APcccccccccccccccccccccccccccccccc";
    let params = |n: usize| -> String {
        let pairs: Vec<String> = (0..n).map(|i| format!("k{i}: \"{i}\"")).collect();
        format!(
            "identity \"a\"; voice {{ outgoing \"{sid}\" {{ {} }} }}",
            pairs.join(", ")
        )
    };
    assert_eq!(errors(&params(64)), []);
    assert_eq!(
        errors(&params(65)),
        owned(&[("outgoing params: 65 given, at most 64 are allowed", "k64")])
    );
    let value = |n: usize| {
        format!(
            "identity \"a\"; voice {{ outgoing \"{sid}\" {{ v: \"{}\" }} }}",
            "x".repeat(n)
        )
    };
    assert_eq!(errors(&value(4096)), []);
    let message = "outgoing param \"v\" has a value of 4097 bytes; values must be at most 4096 \
                   bytes long";
    assert_eq!(errors(&value(4097))[0].0, message);
    let identity = |n: usize| format!("identity \"{}\"; voice {{ incoming }}", "é".repeat(n));
    assert_eq!(
        errors(&format!("identity \"{}\"; video {{}}", "é".repeat(121))),
        []
    );
    assert_eq!(errors(&identity(122)).len(), 1);
}

/// The grants' table says what the runtime says: each keyword is the grant's name, and a
/// required field is one of the grant's fields.
#[test]
fn the_grant_table_agrees_with_the_runtime() {
    for grant in &GRANTS {
        assert_eq!(grant.kind.to_string(), grant.keyword);
        if let Some(required) = grant.required {
            assert!(grant.fields.iter().any(|f| f.name == required));
        }
    }
    let mut kinds: Vec<_> = GRANTS.iter().map(|g| g.kind).collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(kinds.len(), GRANTS.len());
}
