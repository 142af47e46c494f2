//! Spec section 4, row by row: a capability policy signed as an access token with a voice
//! grant, and what cannot be carried over refused by name.

mod support;

use capability::{
    AccessPolicy, CapabilityPolicy, ClientName, ConvertError, Ttl, verify_access_token,
};
use support::{NOW, api_key};

fn name(text: &str) -> ClientName {
    text.parse().unwrap()
}

const APP: &str = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

#[test]
fn one_incoming_name_is_the_identity_with_incoming_calls() {
    let policy = CapabilityPolicy::builder()
        .allow_client_incoming(name("alice"))
        .build()
        .unwrap();
    let access = AccessPolicy::from_capability(&policy, None).unwrap();
    assert_eq!(access.identity().as_str(), "alice");
    let voice = access.voice().unwrap();
    assert!(voice.incoming());
    assert!(voice.outgoing().is_none());
    assert_eq!(access.ttl(), Ttl::DEFAULT);
    assert_eq!(
        access.grants_json(),
        r#"{"identity":"alice","voice":{"incoming":{"allow":true}}}"#
    );
}

#[test]
fn outgoing_keeps_its_params_in_order_and_the_ttl_is_the_same() {
    let policy = CapabilityPolicy::builder()
        .allow_client_incoming(name("alice"))
        .allow_client_outgoing(APP.parse().unwrap(), [("z", "1"), ("a", "x&y=z")])
        .ttl(Ttl::try_from(600u64).unwrap())
        .build()
        .unwrap();
    let access = AccessPolicy::from_capability(&policy, None).unwrap();
    assert_eq!(access.ttl().as_secs(), 600);
    assert_eq!(
        access.grants_json(),
        format!(
            r#"{{"identity":"alice","voice":{{"incoming":{{"allow":true}},"outgoing":{{"application_sid":"{APP}","params":{{"z":"1","a":"x&y=z"}}}}}}}}"#
        )
    );
    let key = api_key();
    let token = access.sign_at(&key, NOW).unwrap();
    let decoded = verify_access_token(token.as_str(), key.secret(), NOW, 0).unwrap();
    assert_eq!(decoded.claims.exp, NOW + 600);
    assert_eq!(decoded.grants, access.grants());
}

#[test]
fn without_an_incoming_name_the_identity_is_given() {
    let policy = CapabilityPolicy::builder()
        .allow_client_outgoing(APP.parse().unwrap(), [("plan", "gold")])
        .build()
        .unwrap();
    assert_eq!(
        AccessPolicy::from_capability(&policy, None),
        Err(ConvertError::MissingIdentity)
    );
    let access = AccessPolicy::from_capability(&policy, Some(name("bob"))).unwrap();
    assert_eq!(access.identity().as_str(), "bob");
    assert!(!access.voice().unwrap().incoming());
    // A client name too long to be an identity is refused by the identity's rule.
    let long = name(&"a".repeat(122));
    let err = AccessPolicy::from_capability(&policy, Some(long)).unwrap_err();
    assert!(err.to_string().starts_with("identity \"aaaa"), "{err}");
}

#[test]
fn what_cannot_be_carried_over_is_refused_by_name() {
    let two = CapabilityPolicy::builder()
        .allow_client_incoming(name("alice"))
        .allow_client_incoming(name("bob"))
        .build()
        .unwrap();
    let err = AccessPolicy::from_capability(&two, None).unwrap_err();
    assert_eq!(
        err,
        ConvertError::SeveralIncoming {
            names: vec!["alice".into(), "bob".into()]
        }
    );
    assert_eq!(
        err.to_string(),
        r#"the policy grants incoming calls to 2 client names ("alice", "bob"); an access token has one identity"#
    );
    let stream = CapabilityPolicy::builder()
        .allow_client_incoming(name("alice"))
        .allow_event_stream([("CallSid", "CA1")])
        .build()
        .unwrap();
    assert_eq!(
        AccessPolicy::from_capability(&stream, None),
        Err(ConvertError::EventStream)
    );
    let one = CapabilityPolicy::builder()
        .allow_client_incoming(name("alice"))
        .build()
        .unwrap();
    assert_eq!(
        AccessPolicy::from_capability(&one, Some(name("bob"))),
        Err(ConvertError::IdentityGiven {
            incoming: "alice".into()
        })
    );
}
