//! `AccessMinter` signs exactly what `AccessPolicy::sign_at` signs: every vector, from a policy
//! and from a policy file with an input for every string, and random values of every field.

mod support;

use capability::{AccessMinter, AccessTemplate, BindProblem, MAX_TOKEN_LEN, MintError, SignError};
use proptest::prelude::*;
use support::policy_toml::access_policy_toml;
use support::{NOW, access_policy_from_input, access_vectors, api_key};

#[test]
fn every_vector_from_a_policy_and_from_a_file_with_inputs() {
    let key = api_key();
    for v in access_vectors() {
        let policy = access_policy_from_input(&v.input);
        let minter = AccessMinter::new(&policy, &key);
        assert_eq!(
            minter.mint_at(&[], NOW).unwrap().as_str(),
            v.token,
            "{}",
            v.name
        );

        // The identity, the region and the first param as inputs.
        let toml = access_policy_toml(
            &v.input,
            &["identity", "region", "voice.outgoing.application_sid"],
        );
        let template = AccessTemplate::from_toml_str(&toml).unwrap();
        let values: Vec<&str> = template
            .inputs()
            .iter()
            .map(|i| match i.name() {
                "identity" => v.input["identity"].as_str().unwrap(),
                "region" => v.input["region"].as_str().unwrap(),
                _ => v.input["grants"]["voice"]["outgoing"]["application_sid"]
                    .as_str()
                    .unwrap(),
            })
            .collect();
        let minter = AccessMinter::from_template(&template, &key);
        let mut buf = String::new();
        let exp = minter.mint_into(&mut buf, &values, NOW).unwrap();
        assert_eq!(buf, v.token, "{}", v.name);
        assert_eq!(
            exp,
            NOW + v.input.get("ttl").and_then(|t| t.as_u64()).unwrap_or(3600)
        );
    }
}

#[test]
fn bad_values_are_refused_before_anything_is_signed() {
    let template = AccessTemplate::from_toml_str(
        "format = \"access-token\"\nidentity = { input = \"who\" }\n[voice]\nincoming = true\n",
    )
    .unwrap();
    let minter = AccessMinter::from_template(&template, &api_key());
    let mut buf = String::from("old");
    let err = minter.mint_into(&mut buf, &["bob smith"], NOW).unwrap_err();
    assert!(buf.is_empty());
    let MintError::Inputs(err) = err else {
        panic!("{err}")
    };
    assert!(matches!(&err.problems()[0], BindProblem::Invalid { input, .. } if input == "who"));
    assert!(matches!(
        minter.mint_at(&[], NOW),
        Err(MintError::Inputs(e)) if matches!(e.problems()[0], BindProblem::InputCount { expected: 1, given: 0 })
    ));
    assert!(matches!(
        minter.mint_at(&["a"], u64::MAX),
        Err(MintError::Sign(SignError::ExpiryOverflow { .. }))
    ));
}

#[test]
fn a_token_over_the_limit_is_refused() {
    let template = AccessTemplate::from_toml_str(
        "format = \"access-token\"\nidentity = \"a\"\n[voice]\n[voice.outgoing]\napplication_sid = \"APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"\nparams = { a = { input = \"v\" }, b = { input = \"v\" } }\n",
    )
    .unwrap();
    let minter = AccessMinter::from_template(&template, &api_key());
    // 4096 controls escape to 24 KiB in each of the two params.
    let value = "\u{1}".repeat(4096);
    let err = template.bind([("v", value.as_str())]).unwrap_err();
    assert!(matches!(
        err.problems(),
        [BindProblem::Policy(
            capability::PolicyError::TokenTooLong { .. }
        )]
    ));
    // The minter refuses the values as `bind` does.
    assert_eq!(minter.mint_at(&[&value], NOW), Err(MintError::Inputs(err)));
}

#[test]
fn values_too_long_for_some_clock_are_refused_at_every_clock() {
    let template = AccessTemplate::from_toml_str(
        "format = \"access-token\"\nidentity = \"a\"\n[voice]\n[voice.outgoing]\napplication_sid = \"APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"\nparams = { a = { input = \"v\" }, b = { input = \"v\" } }\n",
    )
    .unwrap();
    let minter = AccessMinter::from_template(&template, &api_key());
    let binds = |n: usize| template.bind([("v", "x".repeat(n).as_str())]).is_ok();
    // The shortest value `bind` refuses: with 20-digit `now` and `exp`, its token would be
    // over MAX_TOKEN_LEN.
    let (mut ok, mut refused) = (1, MAX_TOKEN_LEN);
    while refused - ok > 1 {
        let mid = (ok + refused) / 2;
        if binds(mid) { ok = mid } else { refused = mid }
    }
    let value = "x".repeat(refused);
    let err = template.bind([("v", value.as_str())]).unwrap_err();
    assert!(matches!(
        err.problems(),
        [BindProblem::Policy(
            capability::PolicyError::TokenTooLong { .. }
        )]
    ));
    // One byte shorter, the token at NOW is far enough within the limit that this one would
    // fit at NOW too; the minter refuses it all the same, as `bind` does.
    let shorter = minter.mint_at(&[&"x".repeat(ok)], NOW).unwrap();
    assert!(shorter.as_str().len() + 4 <= MAX_TOKEN_LEN);
    assert_eq!(minter.mint_at(&[&value], NOW), Err(MintError::Inputs(err)));
}

/// Identities: client names, and other text without whitespace or controls.
fn identity() -> impl Strategy<Value = String> {
    prop_oneof!["[A-Za-z0-9_]{1,40}", "[^\\s\\p{Cc}]{1,40}"]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_minter_signs_what_bind_and_sign_at_sign(
        name in "[A-Za-z0-9_]{1,40}",
        other in identity(),
        user in any::<String>(),
        room in "[^\\p{Cc}]{1,40}",
        region in "[a-z]{2}[0-9]",
        voice in any::<bool>(),
        now in 0u64..=u64::MAX - 86_400,
    ) {
        let key = api_key();
        let toml = if voice {
            "format = \"access-token\"\nidentity = { input = \"id\" }\nregion = { input = \"region\" }\n[voice]\nincoming = true\n[voice.outgoing]\napplication_sid = \"APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"\nparams = { user = { input = \"user\" }, fixed = \"é\\n\" }\n[video]\nroom = { input = \"room\" }\n"
        } else {
            "format = \"access-token\"\nidentity = { input = \"id\" }\nregion = { input = \"region\" }\n[chat]\nservice_sid = \"IS0123456789abcdef0123456789abcdef\"\nendpoint_id = { input = \"user\" }\n[video]\nroom = { input = \"room\" }\n"
        };
        let template = AccessTemplate::from_toml_str(toml).unwrap();
        let id = if voice { name } else { other };
        let values: Vec<&str> = template.inputs().iter().map(|i| match i.name() {
            "id" => id.as_str(),
            "region" => region.as_str(),
            "user" => user.as_str(),
            _ => room.as_str(),
        }).collect();
        let pairs: Vec<(&str, &str)> = template.inputs().iter().map(|i| i.name()).zip(values.iter().copied()).collect();
        let minter = AccessMinter::from_template(&template, &key);
        let minted = minter.mint_at(&values, now);
        match template.bind(pairs) {
            Ok(policy) => {
                let signed = policy.sign_at(&key, now);
                prop_assert_eq!(minted.map_err(|e| e.to_string()), signed.map_err(|e| e.to_string()));
            }
            // The endpoint id is free text with its own rule: both refuse it.
            Err(_) => prop_assert!(minted.is_err()),
        }
    }
}
