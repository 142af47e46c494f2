//! Macro and TOML agree: the same policy written with `capability!` and in a policy file gives
//! equal `CapabilityPolicy` values and byte-identical tokens. TOML inputs (`{ input = "…" }`) stand where
//! the macro takes run-time expressions; values carry `& = + % space é`.

mod support;

use capability::{
    AppSid, CapabilityMinter, CapabilityPolicy, CapabilityTemplate, ClientName, Ttl, capability,
    verify_capability_token,
};
use support::{NOW, creds};

/// Checks that `from_macro` is the policy `toml` makes once bound to `inputs`: the same value,
/// the same claim, the same token bytes at [`NOW`], and a token that verifies to the policy's
/// scopes. A [`CapabilityMinter`] built from the template must mint the same bytes too.
#[track_caller]
fn agree(from_macro: CapabilityPolicy, toml: &str, inputs: &[(&str, &str)]) {
    let template = CapabilityTemplate::from_toml_str(toml)
        .unwrap_or_else(|e| panic!("{e}\n--- in ---\n{toml}"));
    let from_toml = template
        .bind(inputs.iter().copied())
        .unwrap_or_else(|e| panic!("{e}\n--- binding ---\n{toml}"));

    assert_eq!(from_macro, from_toml, "the policies differ");
    assert_eq!(from_macro.scope_claim(), from_toml.scope_claim());

    let creds = creds();
    let macro_token = from_macro.sign_at(&creds, NOW).unwrap();
    let toml_token = from_toml.sign_at(&creds, NOW).unwrap();
    assert_eq!(
        macro_token.as_str().as_bytes(),
        toml_token.as_str().as_bytes(),
        "the tokens differ"
    );
    assert_eq!(macro_token.expires_at(), toml_token.expires_at());
    assert_eq!(
        macro_token.expires_at(),
        NOW + u64::from(from_macro.ttl().as_secs())
    );

    // The template's inputs, in its order, for the minter.
    let values: Vec<&str> = template
        .inputs()
        .iter()
        .map(|input| {
            inputs
                .iter()
                .find(|(name, _)| *name == input.name())
                .map(|(_, value)| *value)
                .unwrap()
        })
        .collect();
    let minted = CapabilityMinter::from_template(&template, &creds)
        .mint_at(&values, NOW)
        .unwrap();
    assert_eq!(minted.as_str(), macro_token.as_str(), "the minter differs");

    let decoded =
        verify_capability_token(macro_token.as_str(), creds.auth_token(), NOW, 0).unwrap();
    assert_eq!(decoded.scopes, from_macro.scopes());
}

#[test]
fn literals_only() {
    let policy = capability! {
        incoming "andrew";
        outgoing "AP89a0180a1a4ddf1da954efca349b7a20" { user_id: "42", plan: "gold" };
        ttl 300;
    };
    let toml = r#"
ttl = 300

[incoming]
client_name = "andrew"

[outgoing]
application_sid = "AP89a0180a1a4ddf1da954efca349b7a20"
params = { user_id = "42", plan = "gold" }
"#;
    agree(policy, toml, &[]);
}

#[test]
fn an_input_for_every_kind_of_field() {
    // What a handler would have: checked values from a session and configuration.
    let identity: ClientName = "alice".parse().unwrap();
    let app_sid: AppSid = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".parse().unwrap();
    let user_id: u64 = 42;
    let call_sid = String::from("CA0123");
    let policy = capability! {
        incoming &identity;
        outgoing app_sid { user_id: user_id, plan: "gold" };
        event_stream { CallSid: call_sid };
    };
    let toml = r#"
[incoming]
client_name = { input = "identity" }

[outgoing]
application_sid = { input = "app_sid" }
params = { user_id = { input = "user_id" }, plan = "gold" }

[event_stream]
filters = { CallSid = { input = "call_sid" } }
"#;
    agree(
        policy,
        toml,
        &[
            ("identity", "alice"),
            ("app_sid", "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"),
            ("user_id", "42"),
            ("call_sid", "CA0123"),
        ],
    );
}

#[test]
fn several_incoming_names_in_any_clause_order() {
    // The outgoing scope carries the last incoming name; the macro writes its clauses in another
    // order than the file, which must not matter.
    let second: ClientName = "bob".parse().unwrap();
    let policy = capability! {
        outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
        incoming "alice";
        ttl 60;
        incoming second;
        incoming "carol"
    };
    let toml = r#"
ttl = 60

[incoming]
client_name = ["alice", { input = "second" }, "carol"]

[outgoing]
application_sid = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
"#;
    agree(policy, toml, &[("second", "bob")]);
}

#[test]
fn an_event_stream_without_filters() {
    let toml = r#"
ttl = 86400

[incoming]
client_name = "monitor"

[event_stream]
"#;
    agree(
        capability! { incoming "monitor"; event_stream; ttl 86400 },
        toml,
        &[],
    );
    // An empty block and an empty filters table are the same as none.
    let toml_empty_table = r#"
ttl = 86400
incoming = { client_name = "monitor" }
event_stream = { filters = {} }
"#;
    agree(
        capability! { event_stream {}; incoming "monitor"; ttl 86400 },
        toml_empty_table,
        &[],
    );
    // Only the event stream: no incoming name, no outgoing.
    agree(capability! { event_stream }, "[event_stream]\n", &[]);
}

#[test]
fn event_stream_filters_with_awkward_text() {
    let call_sid = "CA 1&2=3+4%5 é";
    let policy = capability! {
        event_stream {
            CallSid: call_sid,
            "a b&c=d": "x+y%z é",
            "é": "",
            "100%": "+&=",
        };
    };
    let toml = r#"
[event_stream]
filters = { CallSid = { input = "call_sid" }, "a b&c=d" = "x+y%z é", "é" = "", "100%" = "+&=" }
"#;
    // Written out by hand (spec 1.4 and 1.5), so that the two cannot agree on a wrong claim.
    assert_eq!(
        policy.scope_claim(),
        "scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=\
         CallSid%3DCA%2B1%25262%253D3%252B4%25255%2B%25C3%25A9\
         %26a%2Bb%2526c%253Dd%3Dx%252By%2525z%2B%25C3%25A9\
         %26%25C3%25A9%3D\
         %26100%2525%3D%252B%2526%253D"
    );
    agree(policy, toml, &[("call_sid", call_sid)]);
}

#[test]
fn outgoing_params_with_awkward_text_from_inputs_and_literals() {
    let identity: ClientName = "agent_7".parse().unwrap();
    let note = String::from("50% off & more = é+ok");
    let team = "sales & support";
    let policy = capability! {
        ttl 1;
        event_stream { "Account Sid": "AC é&=+%" };
        outgoing "AP89a0180a1a4ddf1da954efca349b7a20" {
            "note=": note,
            plain: "a b&c=d+e%f é",
            "é é": team,
        };
        incoming identity;
    };
    // The same file in the table-per-section style, with the params as a subtable.
    let toml = r#"
ttl = 1

[incoming]
client_name = { input = "identity" }

[outgoing]
application_sid = "AP89a0180a1a4ddf1da954efca349b7a20"

[outgoing.params]
"note=" = { input = "note" }
plain = "a b&c=d+e%f é"
"é é" = { input = "team" }

[event_stream.filters]
"Account Sid" = "AC é&=+%"
"#;
    agree(
        policy,
        toml,
        &[
            ("identity", "agent_7"),
            ("note", "50% off & more = é+ok"),
            ("team", team),
        ],
    );
}

#[test]
fn one_input_fills_several_fields() {
    // The token server's policy: the identity is the incoming name and a param, and here a
    // filter as well.
    let identity: ClientName = "alice".parse().unwrap();
    let policy = capability! {
        incoming &identity;
        outgoing "AP89a0180a1a4ddf1da954efca349b7a20" { identity: identity };
        event_stream { ClientName: identity };
        ttl 3600;
    };
    let toml = r#"
ttl = 3600

[incoming]
client_name = { input = "identity" }

[outgoing]
application_sid = "AP89a0180a1a4ddf1da954efca349b7a20"
params = { identity = { input = "identity" } }

[event_stream]
filters = { ClientName = { input = "identity" } }
"#;
    agree(policy, toml, &[("identity", "alice")]);
}

#[test]
fn numbers_and_booleans_are_written_the_same() {
    // TOML integers and booleans are literals of the file; in the macro they are run-time values
    // written through `Display`. Both give the decimal text.
    let ttl = Ttl::try_from(900u64).unwrap();
    let policy = capability! {
        outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" {
            n: 3,
            big: 1_000_000,
            hex: 0x1F,
            neg: -7,
            yes: true,
            no: false,
            empty: "",
        };
        ttl ttl;
    };
    let toml = r#"
ttl = 900

[outgoing]
application_sid = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
params = { n = 3, big = 1_000_000, hex = 0x1F, neg = -7, yes = true, no = false, empty = "" }
"#;
    agree(policy, toml, &[]);
}
