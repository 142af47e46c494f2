//! What a `capability!` invocation means at run time: the same claim as the builder for the
//! same content, run-time values of checked types, and expressions that keep their meaning.

use capability::{AppSid, CapabilityPolicy, ClientName, Scope, Ttl, capability};
use proptest::prelude::*;

fn builder_policy(
    names: &[ClientName],
    outgoing: Option<(AppSid, Vec<(&str, String)>)>,
    filters: Option<Vec<(&str, String)>>,
    ttl: Option<Ttl>,
) -> CapabilityPolicy {
    let mut b = CapabilityPolicy::builder();
    for name in names {
        b = b.allow_client_incoming(name.clone());
    }
    if let Some((sid, params)) = outgoing {
        b = b.allow_client_outgoing(sid, params);
    }
    if let Some(filters) = filters {
        b = b.allow_event_stream(filters);
    }
    if let Some(ttl) = ttl {
        b = b.ttl(ttl);
    }
    b.build().unwrap()
}

#[test]
fn the_same_content_gives_the_same_policy_as_the_builder() {
    let sid: AppSid = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".parse().unwrap();
    let macro_policy = capability! {
        ttl 900;
        outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" { "user-id": 7, r#type: "a&b" };
        incoming "zed";
        event_stream { CallSid: "CA1" };
        incoming "amy";
    };
    let builder = builder_policy(
        &["zed".parse().unwrap(), "amy".parse().unwrap()],
        Some((sid, vec![("user-id", "7".into()), ("type", "a&b".into())])),
        Some(vec![("CallSid", "CA1".into())]),
        Some(Ttl::try_from(900u64).unwrap()),
    );
    assert_eq!(macro_policy, builder);
    assert_eq!(macro_policy.scope_claim(), builder.scope_claim());
}

#[test]
fn owned_and_borrowed_values_of_the_checked_types_are_taken() {
    let name: ClientName = "agent_1".parse().unwrap();
    let sid: AppSid = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".parse().unwrap();
    let ttl = Ttl::try_from(60u64).unwrap();
    let borrowed = capability! { incoming &name; outgoing &sid; ttl &ttl };
    let owned = capability! { incoming name.clone(); outgoing sid.clone(); ttl ttl };
    assert_eq!(borrowed, owned);
    assert_eq!(borrowed.incoming(), [name]);
    assert_eq!(borrowed.outgoing().unwrap().application_sid(), &sid);
    assert_eq!(borrowed.ttl(), ttl);
}

#[test]
fn values_are_borrowed_not_moved() {
    struct User {
        name: String,
        id: u64,
    }
    let user = User {
        name: "Ada Lovelace".into(),
        id: 1815,
    };
    let policy = capability! {
        outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" { name: user.name, id: user.id };
    };
    // `user.name` is still here: the macro only borrowed it.
    assert_eq!(user.name, "Ada Lovelace");
    assert_eq!(
        policy.outgoing().unwrap().params(),
        [
            ("name".into(), "Ada Lovelace".into()),
            ("id".into(), "1815".into())
        ]
    );
}

#[test]
fn equal_runtime_names_give_two_identical_incoming_scopes() {
    let a: ClientName = "same".parse().unwrap();
    let b: ClientName = "same".parse().unwrap();
    let policy = capability! { incoming a; incoming b };
    let incoming = Scope::Incoming {
        client_name: "same".into(),
    };
    assert_eq!(policy.scopes(), [incoming.clone(), incoming]);
    assert_eq!(
        policy.scope_claim(),
        "scope:client:incoming?clientName=same scope:client:incoming?clientName=same"
    );
}

#[test]
fn internal_names_do_not_capture_user_names() {
    // Locals with the names the expansion uses inside, and items that shadow the prelude.
    #[allow(dead_code)]
    struct String;
    #[allow(dead_code)]
    struct Vec;
    #[allow(dead_code, non_snake_case)]
    fn Some() {}
    let scope = "user scope";
    let value_0 = "user value 0";
    let name_0 = "user name 0";
    let policy = capability! {
        outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" { a: value_0, b: scope, c: name_0, d: 4 };
    };
    let params: std::vec::Vec<_> = policy
        .outgoing()
        .unwrap()
        .params()
        .iter()
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(params, ["user value 0", "user scope", "user name 0", "4"]);
}

#[test]
fn literals_passed_through_macro_rules_are_still_literals() {
    macro_rules! agent {
        ($name:expr, $ttl:expr) => {
            capability! { incoming $name; ttl $ttl }
        };
    }
    let policy = agent!("from_macro_rules", 30);
    assert_eq!(policy.incoming()[0].as_str(), "from_macro_rules");
    assert_eq!(policy.ttl().as_secs(), 30);
}

#[test]
fn the_ttl_defaults_to_an_hour() {
    assert_eq!(capability! { event_stream }.ttl(), Ttl::DEFAULT);
}

fn name() -> impl Strategy<Value = ClientName> {
    "[A-Za-z0-9_]{1,12}".prop_map(|s| s.parse().unwrap())
}

fn text() -> impl Strategy<Value = String> {
    // Any text, weighted towards the characters the encoder treats specially.
    prop_oneof![any::<String>(), "[ &=+%/a-z\u{e9}]{0,8}"]
}

proptest! {
    /// Run-time values through the precomputed layout give the claim the builder encodes.
    #[test]
    fn runtime_values_give_the_builders_claim(
        first in name(),
        last in name(),
        v1 in text(),
        v2 in text(),
        f1 in text(),
        secs in 1u64..=86_400,
    ) {
        prop_assume!(first != last);
        let sid: AppSid = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".parse().unwrap();
        let ttl = Ttl::try_from(secs).unwrap();
        let policy = capability! {
            incoming &first;
            incoming "middle";
            incoming &last;
            outgoing &sid { "a b": v1, lit: "x&y", c: v2 };
            event_stream { f: f1, g: 0 };
            ttl ttl;
        };
        let builder = builder_policy(
            &[first.clone(), "middle".parse().unwrap(), last.clone()],
            Some((sid, vec![("a b", v1.clone()), ("lit", "x&y".into()), ("c", v2.clone())])),
            Some(vec![("f", f1.clone()), ("g", "0".into())]),
            Some(ttl),
        );
        prop_assert_eq!(policy.scope_claim(), builder.scope_claim());
        prop_assert_eq!(policy, builder);
    }
}
