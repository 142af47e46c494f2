//! In-process tests of `capability!`: error collection, and what must expand.

use std::str::FromStr as _;

use proc_macro2::TokenStream;

use super::{assert_never_panics, errors_of};
use crate::capability_macro;

/// The messages of the `compile_error!`s of a `capability!` invocation, in order.
fn errors(body: &str) -> Vec<String> {
    errors_of(capability_macro, body)
}

fn expand_str(body: &str) -> String {
    let tokens = TokenStream::from_str(body).expect("test input is Rust tokens");
    capability_macro(tokens).to_string()
}

/// Every rule error of an invocation, in the order written.
#[test]
fn every_error_is_reported_in_one_expansion() {
    let messages = errors(
        r#"
        incoming "bob smith";
        incoming "alice";
        incoming "alice";
        outgoing "AP123" { "": 1, a: 2, a: 3 };
        outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
        event_stream { k: 1 };
        ttl 0;
        ttl -5;
        bogus 1;
        "#,
    );
    assert_eq!(
        messages,
        [
            r#"client name "bob smith" may contain only letters, digits and underscores"#,
            r#"incoming client name "alice" is already granted; incoming names must be distinct"#,
            r#"application SID "AP123" must be "AP" followed by 32 hexadecimal digits"#,
            "outgoing param key must not be empty",
            r#"outgoing param key "a" appears twice; keys must be unique within their scope"#,
            "outgoing may appear only once in a policy",
            "ttl 0 must be a whole number of seconds from 1 to 86400",
            "ttl may appear only once in a policy",
            "ttl -5 must be a whole number of seconds from 1 to 86400",
            "unknown clause `bogus`; expected `incoming`, `outgoing`, `event_stream` or `ttl`",
        ]
    );
}

#[test]
fn syntax_errors_do_not_hide_later_clauses() {
    let messages = errors(
        r#"
        incoming "alice" ttl 0;
        outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" { a 1, b: , "c": 3, 4: 5 };
        event_stream { x: 1 } incoming "bob smith";
        "#,
    );
    assert_eq!(
        messages,
        [
            "expected `;` to end the `incoming` clause",
            "ttl 0 must be a whole number of seconds from 1 to 86400",
            "expected `:` and a value after the key `a`",
            "expected a value after `b:`",
            "expected a key: an identifier or a string literal",
            "expected `;` to end the `event_stream` clause",
            r#"client name "bob smith" may contain only letters, digits and underscores"#,
        ]
    );
}

#[test]
fn empty_policies_are_refused() {
    let empty = "policy grants nothing: give it at least one of incoming, outgoing or event_stream";
    assert_eq!(errors(""), [empty]);
    assert_eq!(errors("ttl 300;"), [empty]);
    // A clause that did not parse might have granted something: no second guess.
    assert_eq!(
        errors("incomin \"alice\";"),
        ["unknown clause `incomin`; expected `incoming`, `outgoing`, `event_stream` or `ttl`"]
    );
}

#[test]
fn wrong_kinds_of_literal_are_named() {
    assert_eq!(
        errors("incoming 42;"),
        ["expected a client name: a string literal, or a `ClientName`"]
    );
    assert_eq!(
        errors("outgoing 'a';"),
        ["expected an application SID: a string literal, or an `AppSid`"]
    );
    assert_eq!(
        errors("event_stream { call-sid: 1 }"),
        [
            "expected `:` and a value after the key `call`; write a key that is not an \
             identifier as a string literal"
        ]
    );
    assert_eq!(
        errors("incoming \"a\"; ttl \"300\";"),
        ["`ttl` takes a whole number of seconds: an integer literal, or a `Ttl`"]
    );
    assert_eq!(
        errors("incoming \"a\"; ttl 99999999999999999999999999999999999999999;"),
        [
            "ttl \"99999999999999999999999999999999999999999\" must be a whole number of seconds \
             from 1 to 86400"
        ]
    );
}

#[test]
fn valid_invocations_have_no_errors() {
    for body in [
        "incoming \"a\"",
        "incoming \"a\";",
        "ttl 1; event_stream",
        "outgoing sid { r#type: 1, \"user-id\": f(a, b), n: x.y::<A, B>() }; ttl 86_400;",
        "incoming \"a\"; incoming b; incoming &c; incoming \"d\";",
    ] {
        assert_eq!(errors(body), Vec::<String>::new(), "{body}");
    }
    assert!(expand_str("incoming \"a\"").contains("Cow :: Borrowed"));
}

/// Odd input gives errors, never a panic, and a valid expansion whenever it has no error.
#[test]
fn odd_inputs_never_panic() {
    assert_never_panics(
        "capability",
        &[
            ";",
            ";;",
            "incoming",
            "incoming;",
            "incoming \"a\";;",
            "incoming \"a\" \"b\"",
            "outgoing",
            "outgoing {}",
            "outgoing \"APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\" { a: 1 } { b: 2 }",
            "outgoing s { a: |x, y| x + y, b: f::<A, B>(1, 2), c: S { x: 1 } }",
            "outgoing s { a: (1 2), b: 3 }",
            "event_stream { , }",
            "event_stream { a: 1,, b: 2 }",
            "event_stream { a: }",
            "event_stream { a }",
            "event_stream { \"\": 1, \"\": 2 }",
            "event_stream CallSid: 1",
            "event_stream [a: 1]",
            "ttl",
            "ttl;",
            "ttl 0x10; incoming \"a\"",
            "ttl 1e3; incoming \"a\"",
            "ttl 300u8; incoming \"a\"",
            "ttl --5; incoming \"a\"",
            "ttl -0; incoming \"a\"",
            "ttl 340282366920938463463374607431768211456; incoming \"a\"",
            "incoming r#\"raw\"#",
            "incoming \"a\"suffix",
            "incoming #[attr] \"a\"",
            "incoming b\"bytes\"",
            "incoming c\"cstr\"",
            "incoming 'x'",
            "incoming r#incoming",
            "r#ttl 5",
            "42",
            "\"alice\"",
            "{ incoming \"a\" }",
            "incoming \"a\" outgoing s",
            "incoming \"é\"",
        ],
    );
}

/// The limits, at the limit and one past it, checked on literals at compile time.
#[test]
fn literal_limits_are_compile_errors() {
    let block = |n: usize| -> String {
        let pairs: Vec<String> = (0..n).map(|i| format!("k{i}: \"{i}\"")).collect();
        format!("event_stream {{ {} }}", pairs.join(", "))
    };
    assert_eq!(errors(&block(64)), Vec::<String>::new());
    assert_eq!(
        errors(&block(65)),
        ["event stream filters: 65 given, at most 64 are allowed"]
    );
    let value = |n: usize| {
        format!(
            "outgoing \"APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\" {{ v: \"{}\" }}",
            "x".repeat(n)
        )
    };
    assert_eq!(errors(&value(4096)), Vec::<String>::new());
    assert_eq!(
        errors(&value(4097)),
        ["outgoing param \"v\" has a value of 4097 bytes; values must be at most 4096 bytes long"]
    );
}
