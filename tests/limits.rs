//! Every limit, at the limit and one past it, through every front end.

mod support;

use capability::rules::{MAX_PAIRS, MAX_VALUE_LEN};
use capability::{
    BindProblem, CapabilityMinter, CapabilityPolicy, CapabilityTemplate, LoadErrorKind, MintError,
    ParamScope, PolicyError, SignError, ValueError, capability, verify_capability_token,
};
use support::{NOW, creds};

const APP: &str = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

fn pairs(n: usize) -> Vec<(String, String)> {
    (0..n).map(|i| (format!("k{i}"), i.to_string())).collect()
}

fn too_long(scope: ParamScope, key: &str) -> ValueError {
    ValueError::TooLong {
        scope,
        key: key.into(),
        len: MAX_VALUE_LEN + 1,
        max: MAX_VALUE_LEN,
    }
}

#[test]
fn the_builder_takes_64_pairs_and_refuses_65() {
    let ok = CapabilityPolicy::builder()
        .allow_client_outgoing(APP.parse().unwrap(), pairs(MAX_PAIRS))
        .allow_event_stream(pairs(MAX_PAIRS))
        .build()
        .unwrap();
    let token = ok.sign_at(&creds(), NOW).unwrap();
    assert_eq!(
        verify_capability_token(token.as_str(), creds().auth_token(), NOW, 0)
            .unwrap()
            .scopes,
        ok.scopes()
    );

    let err = CapabilityPolicy::builder()
        .allow_client_outgoing(APP.parse().unwrap(), pairs(MAX_PAIRS + 1))
        .build();
    assert_eq!(
        err,
        Err(PolicyError::TooManyPairs {
            scope: ParamScope::OutgoingParams,
            count: 65,
            max: 64
        })
    );
    let err = CapabilityPolicy::builder()
        .allow_event_stream(pairs(MAX_PAIRS + 1))
        .build();
    assert_eq!(
        err,
        Err(PolicyError::TooManyPairs {
            scope: ParamScope::EventStreamFilters,
            count: 65,
            max: 64
        })
    );
    assert_eq!(
        err.unwrap_err().to_string(),
        "event stream filters: 65 given, at most 64 are allowed"
    );
}

#[test]
fn the_builder_takes_4_kib_values_and_refuses_one_byte_more() {
    let at = "a".repeat(MAX_VALUE_LEN);
    let policy = CapabilityPolicy::builder()
        .allow_client_outgoing(APP.parse().unwrap(), [("v", at.as_str())])
        .build()
        .unwrap();
    let token = policy.sign_at(&creds(), NOW).unwrap();
    assert_eq!(
        verify_capability_token(token.as_str(), creds().auth_token(), NOW, 0)
            .unwrap()
            .scopes,
        policy.scopes()
    );
    // The limit counts bytes: 2048 two-byte characters are at it. Encoded twice they are
    // 20 KiB, too long for any token, so the policy as a whole is refused.
    let wide = "é".repeat(MAX_VALUE_LEN / 2);
    let err = CapabilityPolicy::builder()
        .allow_client_outgoing(APP.parse().unwrap(), [("v", &wide)])
        .build()
        .unwrap_err();
    assert!(
        matches!(err, PolicyError::TokenTooLong { max: 8192, .. }),
        "{err:?}"
    );
    let over = format!("{at}x");
    let err = CapabilityPolicy::builder()
        .allow_client_outgoing(APP.parse().unwrap(), [("v", over)])
        .build();
    assert_eq!(
        err,
        Err(PolicyError::Value(too_long(
            ParamScope::OutgoingParams,
            "v"
        )))
    );
    let err = CapabilityPolicy::builder()
        .allow_event_stream([("f", "x".repeat(MAX_VALUE_LEN + 1))])
        .build();
    assert_eq!(
        err,
        Err(PolicyError::Value(too_long(
            ParamScope::EventStreamFilters,
            "f"
        )))
    );
    assert_eq!(
        err.unwrap_err().to_string(),
        "event stream filter \"f\" has a value of 4097 bytes; values must be at most 4096 bytes long"
    );
}

fn toml_with_params(n: usize) -> String {
    let params: Vec<String> = (0..n).map(|i| format!("k{i} = \"{i}\"")).collect();
    format!(
        "[outgoing]\napplication_sid = \"{APP}\"\nparams = {{ {} }}\n",
        params.join(", ")
    )
}

#[test]
fn policy_files_take_64_pairs_and_refuse_65_with_a_position() {
    let policy = CapabilityTemplate::from_toml_str(&toml_with_params(MAX_PAIRS))
        .unwrap()
        .bind([] as [(&str, &str); 0])
        .unwrap();
    assert_eq!(policy.outgoing().unwrap().params().len(), MAX_PAIRS);
    let err = CapabilityTemplate::from_toml_str(&toml_with_params(MAX_PAIRS + 1)).unwrap_err();
    let d = &err.diagnostics()[0];
    assert_eq!((d.line, d.column), (3, 10));
    assert_eq!(
        d.kind,
        LoadErrorKind::Policy(PolicyError::TooManyPairs {
            scope: ParamScope::OutgoingParams,
            count: 65,
            max: 64
        })
    );
}

#[test]
fn policy_files_and_inputs_refuse_values_over_4_kib() {
    let file = |value: &str| format!("[event_stream]\nfilters = {{ CallSid = \"{value}\" }}\n");
    assert!(CapabilityTemplate::from_toml_str(&file(&"a".repeat(MAX_VALUE_LEN))).is_ok());
    let err = CapabilityTemplate::from_toml_str(&file(&"a".repeat(MAX_VALUE_LEN + 1))).unwrap_err();
    let d = &err.diagnostics()[0];
    assert_eq!((d.line, d.column), (2, 23));
    assert_eq!(
        d.kind,
        LoadErrorKind::Value(too_long(ParamScope::EventStreamFilters, "CallSid"))
    );

    let template = CapabilityTemplate::from_toml_str(&format!(
        "[outgoing]\napplication_sid = \"{APP}\"\nparams = {{ user_id = {{ input = \"user_id\" }} }}\n"
    ))
    .unwrap();
    let at = "a".repeat(MAX_VALUE_LEN);
    let over = "a".repeat(MAX_VALUE_LEN + 1);
    assert!(template.bind([("user_id", at.as_str())]).is_ok());
    let err = template.bind([("user_id", over.as_str())]).unwrap_err();
    assert_eq!(
        err.problems(),
        [BindProblem::Invalid {
            input: "user_id".into(),
            error: too_long(ParamScope::OutgoingParams, "user_id")
        }]
    );
    let minter = CapabilityMinter::from_template(&template, &creds());
    assert!(minter.mint_at(&[&at], NOW).is_ok());
    assert!(matches!(
        minter.mint_at(&[&over], NOW),
        Err(MintError::Inputs(e)) if e.problems() == [BindProblem::Invalid {
            input: "user_id".into(),
            error: too_long(ParamScope::OutgoingParams, "user_id"),
        }]
    ));
}

#[test]
fn a_macro_policy_with_a_run_time_value_over_4_kib_fails_to_sign() {
    let at = "a".repeat(MAX_VALUE_LEN);
    let policy = capability! { outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" { user_id: at } };
    assert!(policy.sign_at(&creds(), NOW).is_ok());
    assert!(
        CapabilityMinter::new(&policy, &creds())
            .mint_at(&[], NOW)
            .is_ok()
    );

    let over = "a".repeat(MAX_VALUE_LEN + 1);
    let policy = capability! { event_stream { CallSid: over } };
    let expected = too_long(ParamScope::EventStreamFilters, "CallSid");
    assert_eq!(
        policy.sign_at(&creds(), NOW),
        Err(SignError::Value(expected.clone()))
    );
    assert_eq!(
        policy.sign(&creds()),
        Err(SignError::Value(expected.clone()))
    );
    assert_eq!(
        CapabilityMinter::new(&policy, &creds()).mint_at(&[], NOW),
        Err(MintError::Sign(SignError::Value(expected)))
    );
}

#[test]
fn a_macro_policy_whose_run_time_values_add_up_past_8_kib_fails_to_sign() {
    // Each value is allowed; together they make a token `verify` would refuse.
    let (a, b, c) = ("a".repeat(3000), "b".repeat(3000), "c".repeat(3000));
    let policy = capability! { outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" { a: a, b: b, c: c } };
    let err = policy.sign_at(&creds(), NOW).unwrap_err();
    assert!(
        matches!(err, SignError::TooLong { max: 8192, len } if len > 8192),
        "{err:?}"
    );
    let mut buf = String::from("left over");
    assert_eq!(
        CapabilityMinter::new(&policy, &creds()).mint_into(&mut buf, &[], NOW),
        Err(MintError::Sign(err))
    );
    assert!(buf.is_empty());
}

#[test]
fn a_long_input_that_encodes_short_mints() {
    // 4 KiB of `a` would be 20 KiB if every byte needed escaping twice; it needs none.
    let template = CapabilityTemplate::from_toml_str(
        "[event_stream]\nfilters = { CallSid = { input = \"call\" } }\n",
    )
    .unwrap();
    let long = "a".repeat(MAX_VALUE_LEN);
    let minted = CapabilityMinter::from_template(&template, &creds()).mint_at(&[&long], NOW);
    let bound = template.bind([("call", long.as_str())]).unwrap();
    assert_eq!(minted.unwrap(), bound.sign_at(&creds(), NOW).unwrap());
}

#[test]
fn no_front_end_emits_a_token_its_own_verifier_would_refuse() {
    let template = CapabilityTemplate::from_toml_str(
        "[event_stream]\nfilters = { CallSid = { input = \"call\" } }\n",
    )
    .unwrap();
    let percent = "%".repeat(MAX_VALUE_LEN); // allowed, but 20 KiB once encoded twice
    let minter = CapabilityMinter::from_template(&template, &creds());
    let mut buf = String::new();
    let err = minter.mint_into(&mut buf, &[&percent], NOW).unwrap_err();
    assert!(
        matches!(&err, MintError::Inputs(e) if matches!(
            e.problems(),
            [BindProblem::Policy(PolicyError::TokenTooLong { max: 8192, .. })]
        )),
        "{err:?}"
    );
    assert!(buf.is_empty());
    let err = template.bind([("call", percent.as_str())]).unwrap_err();
    assert!(
        matches!(
            err.problems(),
            [BindProblem::Policy(PolicyError::TokenTooLong {
                max: 8192,
                ..
            })]
        ),
        "{err:?}"
    );
    // A file whose literal text alone is too long is refused when it loads.
    let file = format!(
        "[event_stream]\nfilters = {{ CallSid = \"{}\" }}\n",
        "%".repeat(1300)
    );
    let err = CapabilityTemplate::from_toml_str(&file).unwrap_err();
    assert!(
        matches!(
            err.diagnostics()[0].kind,
            LoadErrorKind::Policy(PolicyError::TokenTooLong { .. })
        ),
        "{err}"
    );
    // Just under the limit both sign, identically, and the token verifies.
    let fits = "%".repeat(1100);
    let token = minter.mint_at(&[&fits], NOW).unwrap();
    assert!(token.as_str().len() <= capability::MAX_TOKEN_LEN);
    assert_eq!(
        token,
        template
            .bind([("call", fits.as_str())])
            .unwrap()
            .sign_at(&creds(), NOW)
            .unwrap()
    );
    assert!(verify_capability_token(token.as_str(), creds().auth_token(), NOW, 0).is_ok());
}
