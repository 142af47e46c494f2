//! Every reference vector, reproduced byte for byte by a `capability!` invocation: once written
//! in literals, checked at compile time, and once with every value a run-time expression.

mod support;

use std::collections::BTreeMap;

use capability::{AppSid, CapabilityPolicy, ClientName, Ttl, capability};
use serde_json::Value;
use support::{NOW, Vector, creds, pairs, vectors};

/// Signs each policy at the vectors' clock and compares it with the vector of the same name.
/// Every vector must have a policy, and every policy a vector.
fn assert_reproduces(policies: BTreeMap<&str, CapabilityPolicy>) {
    let creds = creds();
    let vectors = vectors();
    assert_eq!(
        policies.keys().copied().collect::<Vec<_>>(),
        {
            let mut names: Vec<_> = vectors.iter().map(|v| v.name.as_str()).collect();
            names.sort();
            names
        },
        "one invocation per vector"
    );
    for Vector { name, token, .. } in &vectors {
        let policy = &policies[name.as_str()];
        let signed = policy.sign_at(&creds, NOW).unwrap();
        assert_eq!(signed.as_str(), token, "token of {name}");
    }
}

#[test]
fn literal_invocations_reproduce_every_vector() {
    let policies = BTreeMap::from([
        (
            "incoming_only",
            capability! {
                incoming "alice";
            },
        ),
        (
            // The scope order is canonical, whatever the order of the clauses.
            "outgoing_then_incoming",
            capability! {
                outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
                incoming "alice";
            },
        ),
        (
            "incoming_outgoing_params",
            capability! {
                incoming "andrew";
                outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" { key: "a value", foo: "bar/baz" };
            },
        ),
        (
            "params_special_chars",
            capability! {
                incoming "alice";
                outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" { "user_id": "a b&c=d/é" };
            },
        ),
        (
            "two_incoming_event_stream_ttl600",
            capability! {
                incoming "andrew";
                incoming "bridget";
                event_stream;
                ttl 600
            },
        ),
        (
            "outgoing_only_ttl300",
            capability! {
                ttl 300;
                outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" { user_id: "42" };
            },
        ),
        (
            "event_stream_filters",
            capability! {
                incoming "alice";
                event_stream { CallSid: "CA123", type: "call status" };
            },
        ),
    ]);
    assert_reproduces(policies);
}

/// The run-time values of a vector's input.
struct Values {
    names: Vec<ClientName>,
    sid: Option<AppSid>,
    params: Vec<(String, String)>,
    filters: Vec<(String, String)>,
    ttl: Option<Ttl>,
}

fn values(input: &Value) -> Values {
    let names = input["incoming"].as_array().into_iter().flatten();
    Values {
        names: names
            .map(|n| n.as_str().unwrap().parse().unwrap())
            .collect(),
        sid: input["outgoing"]["application_sid"]
            .as_str()
            .map(|s| s.parse().unwrap()),
        params: pairs(&input["outgoing"]["params"]),
        filters: pairs(&input["event_stream"]),
        ttl: input["ttl"].as_u64().map(|t| Ttl::try_from(t).unwrap()),
    }
}

/// The value of `key` among `pairs`, which must hold exactly `keys`, in that order.
fn value<'a>(pairs: &'a [(String, String)], keys: &[&str], key: &str) -> &'a str {
    let found: Vec<_> = pairs.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(found, keys);
    &pairs.iter().find(|(k, _)| k == key).unwrap().1
}

#[test]
fn runtime_expressions_give_the_same_bytes() {
    let inputs: BTreeMap<String, Values> = vectors()
        .into_iter()
        .map(|v| (v.name, values(&v.input)))
        .collect();
    let case = |name: &str| &inputs[name];

    let v = case("incoming_only");
    let incoming_only = capability! { incoming &v.names[0] };

    let v = case("outgoing_then_incoming");
    let outgoing_then_incoming = capability! {
        outgoing v.sid.as_ref().unwrap();
        incoming v.names[0].clone();
    };

    let v = case("incoming_outgoing_params");
    let keys = ["key", "foo"];
    let incoming_outgoing_params = capability! {
        incoming &v.names[0];
        outgoing v.sid.clone().unwrap() {
            key: value(&v.params, &keys, "key"),
            foo: value(&v.params, &keys, "foo").to_owned(),
        };
    };

    let v = case("params_special_chars");
    let special = String::from(value(&v.params, &["user_id"], "user_id"));
    let params_special_chars = capability! {
        incoming &v.names[0];
        outgoing v.sid.as_ref().unwrap() { user_id: special };
    };

    let v = case("two_incoming_event_stream_ttl600");
    let two_incoming_event_stream_ttl600 = capability! {
        ttl v.ttl.unwrap();
        incoming &v.names[0];
        event_stream {};
        incoming &v.names[1];
    };

    let v = case("outgoing_only_ttl300");
    assert_eq!(value(&v.params, &["user_id"], "user_id"), "42");
    let outgoing_only_ttl300 = capability! {
        outgoing v.sid.as_ref().unwrap() { user_id: 42 };
        ttl v.ttl.as_ref().unwrap();
    };

    let v = case("event_stream_filters");
    let keys = ["CallSid", "type"];
    let event_stream_filters = capability! {
        incoming &v.names[0];
        event_stream {
            CallSid: value(&v.filters, &keys, "CallSid"),
            "type": value(&v.filters, &keys, "type"),
        };
    };

    assert_reproduces(BTreeMap::from([
        ("incoming_only", incoming_only),
        ("outgoing_then_incoming", outgoing_then_incoming),
        ("incoming_outgoing_params", incoming_outgoing_params),
        ("params_special_chars", params_special_chars),
        (
            "two_incoming_event_stream_ttl600",
            two_incoming_event_stream_ttl600,
        ),
        ("outgoing_only_ttl300", outgoing_only_ttl300),
        ("event_stream_filters", event_stream_filters),
    ]));
}
