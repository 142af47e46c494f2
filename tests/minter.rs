//! The precompiled signer emits exactly the bytes of `CapabilityPolicy::sign_at`.

mod support;

use capability::{
    BindProblem, CapabilityMinter, CapabilityPolicy, CapabilityTemplate, MintError, PolicyError,
    SignError,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use support::{NOW, creds, policy_from_input, vectors};

#[test]
fn every_reference_vector_through_a_minter() {
    let creds = creds();
    for v in vectors() {
        let minter = CapabilityMinter::new(&policy_from_input(&v.input), &creds);
        assert_eq!(
            minter.mint_at(&[], NOW).unwrap().as_str(),
            v.token,
            "{}",
            v.name
        );
        let mut buf = String::new();
        let exp = minter.mint_into(&mut buf, &[], NOW).unwrap();
        assert_eq!(buf, v.token);
        assert_eq!(exp, minter.mint_at(&[], NOW).unwrap().expires_at());
    }
}

/// A policy without inputs varies only in `exp`, which the minter formats and encodes in
/// registers up to 13 digits and in memory beyond: every digit count, at each of the three
/// ways the static bytes can leave a base64 group unfinished before it.
#[test]
fn literal_policies_at_every_length_of_exp() {
    let creds = creds();
    for name in ["a", "ab", "abc"] {
        let policy = CapabilityPolicy::builder()
            .allow_client_incoming(name.parse().unwrap())
            .build()
            .unwrap();
        let ttl = u64::from(policy.ttl().as_secs());
        let minter = CapabilityMinter::new(&policy, &creds);
        let mut exps = vec![ttl, u64::MAX];
        let mut power = 10u64;
        while let Some(next) = power.checked_mul(10) {
            exps.extend([power - 1, power, power + 1]);
            power = next;
        }
        for exp in exps.into_iter().filter(|&exp| exp >= ttl) {
            let now = exp - ttl;
            let signed = policy.sign_at(&creds, now).unwrap();
            assert_eq!(
                minter.mint_at(&[], now).unwrap(),
                signed,
                "{name}, exp {exp}"
            );
        }
    }
}

#[test]
fn inputs_are_checked_like_binding_checks_them() {
    let template = CapabilityTemplate::from_toml_str(
        "[incoming]\nclient_name = [{ input = \"a\" }, { input = \"b\" }]\n",
    )
    .unwrap();
    let minter = CapabilityMinter::from_template(&template, &creds());
    let problems = |r: Result<_, MintError>| match r {
        Err(MintError::Inputs(e)) => e.problems().to_vec(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        problems(minter.mint_at(&["alice"], NOW)),
        [BindProblem::InputCount {
            expected: 2,
            given: 1
        }]
    );
    assert!(matches!(
        &problems(minter.mint_at(&["bob smith", "x"], NOW))[..],
        [BindProblem::Invalid { input, .. }] if input == "a"
    ));
    assert_eq!(
        problems(minter.mint_at(&["alice", "alice"], NOW)),
        [BindProblem::Policy(PolicyError::DuplicateClientName {
            name: "alice".into()
        })]
    );
    assert_eq!(
        minter.mint_at(&["alice", "bob"], u64::MAX),
        Err(MintError::Sign(SignError::ExpiryOverflow {
            now: u64::MAX,
            ttl: 3600
        }))
    );
    let mut buf = String::from("old contents");
    assert!(minter.mint_into(&mut buf, &["alice"], NOW).is_err());
    assert_eq!(buf, "", "a failed mint leaves the buffer empty");
}

/// A value for an input: client names and SIDs must pass their rules; params may be anything.
#[derive(Debug, Clone)]
enum Place {
    Literal(String),
    Input(String),
}

impl Place {
    fn toml(&self) -> String {
        match self {
            Place::Literal(s) => serde_json::to_string(s).unwrap(),
            Place::Input(name) => format!("{{ input = \"{name}\" }}"),
        }
    }
}

fn place(
    literal: impl Strategy<Value = String>,
    input: &'static str,
) -> impl Strategy<Value = Place> {
    prop_oneof![
        literal.prop_map(Place::Literal),
        Just(Place::Input(input.to_owned()))
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(
            prop::sample::select(vec!["&", "=", "+", "%", " ", "é", "😀", "a", "\n", "~"]),
            0..6
        )
        .prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

fn pairs(prefix: &'static str) -> impl Strategy<Value = Vec<(String, Place)>> {
    prop::collection::vec(
        prop_oneof![
            text().prop_map(Place::Literal),
            (0..3usize).prop_map(move |i| Place::Input(format!("{prefix}{i}"))),
        ],
        0..5,
    )
    .prop_map(|values| {
        values
            .into_iter()
            .enumerate()
            .map(|(i, v)| (format!("k{i}"), v))
            .collect()
    })
}

/// A policy file with inputs in random places, rendered as TOML.
fn template() -> impl Strategy<Value = String> {
    let names = prop::collection::vec(place("[A-Za-z0-9_]{1,6}", "n0"), 0..3);
    let names = names.prop_map(|names| {
        // Inputs for names are distinct (n0, n1, …); literal names may still collide and be
        // rejected, which the test skips.
        names
            .into_iter()
            .enumerate()
            .map(|(i, p)| match p {
                Place::Input(_) => Place::Input(format!("n{i}")),
                literal => literal,
            })
            .collect::<Vec<_>>()
    });
    let outgoing = prop::option::of((place("AP[0-9a-f]{32}", "app"), pairs("p")));
    let stream = prop::option::of(pairs("f"));
    (names, outgoing, stream, 1u64..=86_400).prop_map(|(names, outgoing, stream, ttl)| {
        let mut toml = format!("ttl = {ttl}\n");
        if !names.is_empty() {
            let list: Vec<_> = names.iter().map(Place::toml).collect();
            toml += &format!("[incoming]\nclient_name = [{}]\n", list.join(", "));
        }
        let table = |pairs: &[(String, Place)]| {
            pairs
                .iter()
                .map(|(k, v)| format!("{k} = {}", v.toml()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if let Some((sid, params)) = outgoing {
            toml += &format!(
                "[outgoing]\napplication_sid = {}\nparams = {{ {} }}\n",
                sid.toml(),
                table(&params)
            );
        }
        if let Some(filters) = stream {
            toml += &format!("[event_stream]\nfilters = {{ {} }}\n", table(&filters));
        }
        toml
    })
}

proptest! {
    #![proptest_config(Config {
        cases: 256,
        rng_seed: RngSeed::Fixed(0x0006_1a7e_2026_1127),
        failure_persistence: None,
        ..Config::default()
    })]

    #[test]
    fn a_minter_emits_exactly_what_sign_at_emits(
        toml in template(),
        names in prop::collection::vec("[A-Za-z0-9_]{1,6}", 3),
        app in "AP[0-9a-f]{32}",
        values in prop::collection::vec(text(), 6),
        now in prop_oneof![0u64..4_000_000_000, 0..u64::MAX - 86_400],
    ) {
        let Ok(template) = CapabilityTemplate::from_toml_str(&toml) else {
            // Only a policy that grants nothing or repeats a literal name is rejected.
            return Ok(());
        };
        let value_of = |name: &str| -> String {
            let i: usize = name[1..].parse().unwrap_or(0);
            match &name[..1] {
                "n" => names[i].clone(),
                "a" => app.clone(),
                "p" => values[i].clone(),
                _ => values[3 + i].clone(),
            }
        };
        let given: Vec<(String, String)> =
            template.inputs().iter().map(|i| (i.name().to_owned(), value_of(i.name()))).collect();
        let positional: Vec<&str> = given.iter().map(|(_, v)| v.as_str()).collect();

        let creds = creds();
        let minter = CapabilityMinter::from_template(&template, &creds);
        let minted = minter.mint_at(&positional, now);
        match template.bind(given.clone()) {
            Ok(policy) => {
                let signed = policy.sign_at(&creds, now).unwrap();
                prop_assert_eq!(minted.unwrap(), signed.clone());
                let mut buf = String::new();
                prop_assert_eq!(minter.mint_into(&mut buf, &positional, now).unwrap(), signed.expires_at());
                prop_assert_eq!(buf.as_str(), signed.as_str());
            }
            Err(e) => {
                prop_assert!(minted.is_err(), "bind failed ({}) but the minter minted", e);
            }
        }
    }
}
