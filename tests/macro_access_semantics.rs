//! What an `access_token!` policy does at run time: a rule broken by a run-time value is
//! deferred to `sign`, which fails with it (the macro never fails and never panics). The order
//! of evaluation is tested in `macro_eval_order.rs`.

mod support;

use capability::{
    ClientName, Identity, ParamScope, PolicyError, RoomName, SignError, ValueError, access_token,
};
use support::{NOW, api_key};

#[test]
fn an_identity_that_is_not_a_client_name_beside_a_voice_grant_fails_to_sign() {
    let identity: Identity = "frank@example.com".parse().unwrap();
    let policy = access_token! {
        identity &identity;
        voice { incoming };
    };
    assert_eq!(
        policy.sign_at(&api_key(), NOW).unwrap_err(),
        SignError::Policy(PolicyError::VoiceIdentity {
            identity: "frank@example.com".into()
        })
    );
    // Without the voice grant the same identity is fine.
    let policy = access_token! {
        identity identity;
        video {};
    };
    assert!(policy.sign_at(&api_key(), NOW).is_ok());
}

#[test]
fn a_param_value_over_4096_bytes_fails_to_sign() {
    let long = "x".repeat(4097);
    let policy = access_token! {
        identity "alice";
        voice { outgoing "APcccccccccccccccccccccccccccccccc" { note: long, plan: "gold" } };
    };
    assert_eq!(
        policy.sign_at(&api_key(), NOW).unwrap_err(),
        SignError::Policy(PolicyError::Value(ValueError::TooLong {
            scope: ParamScope::OutgoingParams,
            key: "note".into(),
            len: 4097,
            max: 4096,
        }))
    );
    let policy = access_token! {
        identity "alice";
        voice { outgoing "APcccccccccccccccccccccccccccccccc" { note: "x".repeat(4096) } };
    };
    assert!(policy.sign_at(&api_key(), NOW).is_ok());
}

#[test]
fn a_client_name_over_121_characters_fails_to_sign() {
    let name: ClientName = "a".repeat(122).parse().unwrap();
    let policy = access_token! {
        identity name;
        voice { incoming };
    };
    assert!(matches!(
        policy.sign_at(&api_key(), NOW).unwrap_err(),
        SignError::Policy(PolicyError::Value(ValueError::Identity { .. }))
    ));
    let name: ClientName = "a".repeat(121).parse().unwrap();
    let policy = access_token! {
        identity name;
        voice { incoming };
    };
    assert_eq!(policy.identity().as_str(), "a".repeat(121));
    assert!(policy.sign_at(&api_key(), NOW).is_ok());
}

/// A value written through `macro_rules!` is still a literal, checked at compile time, and a
/// `?` inside an expression works as it would outside the macro.
#[test]
fn literals_from_macro_rules_and_question_marks() -> Result<(), Box<dyn std::error::Error>> {
    macro_rules! room_policy {
        ($identity:literal, $room:expr) => {
            access_token! { identity $identity; video { room $room } }
        };
    }
    let policy = room_policy!("bob", "r1");
    assert_eq!(policy.video().unwrap().room_name().unwrap().as_str(), "r1");
    let policy = access_token! {
        identity "bob".parse::<Identity>()?;
        video { room "r2".parse::<RoomName>()? };
    };
    assert_eq!(policy.identity().as_str(), "bob");
    Ok(())
}
