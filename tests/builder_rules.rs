//! Every rule of spec section 2, through the value types and the builder.

use capability::{
    AccountSid, AppSid, AuthToken, CapabilityPolicy, Clause, ClientName, Credentials,
    CredentialsError, ParamScope, PolicyError, Ttl, ValueError,
};

const APP: &str = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

fn app() -> AppSid {
    APP.parse().unwrap()
}

fn name(n: &str) -> ClientName {
    n.parse().unwrap()
}

const NONE: [(&str, &str); 0] = [];

#[test]
fn account_sid_is_ac_and_32_hex_digits() {
    assert!(
        "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            .parse::<AccountSid>()
            .is_ok()
    );
    assert!(
        "AC0123456789ABCDEFabcdef0123456789"
            .parse::<AccountSid>()
            .is_ok()
    );
    for bad in [
        "",
        "AC",
        "ACaaaa",
        "APaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "ACgaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "acaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ] {
        assert_eq!(
            bad.parse::<AccountSid>(),
            Err(ValueError::AccountSid { value: bad.into() }),
            "{bad}"
        );
    }
}

#[test]
fn app_sid_is_ap_and_32_hex_digits() {
    assert!(APP.parse::<AppSid>().is_ok());
    for bad in [
        "myAppSid",
        "AP123",
        "ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbz",
        "APé",
    ] {
        let err = bad.parse::<AppSid>().unwrap_err();
        assert_eq!(err, ValueError::AppSid { value: bad.into() });
        assert_eq!(
            err.to_string(),
            format!("application SID {bad:?} must be \"AP\" followed by 32 hexadecimal digits")
        );
    }
}

#[test]
fn client_name_is_letters_digits_underscores() {
    for good in ["a", "Z", "0", "_", "agent_42", "ABCxyz_019"] {
        assert_eq!(good.parse::<ClientName>().unwrap().as_str(), good);
    }
    for bad in [
        "bob smith",
        "@",
        "a-b",
        "a.b",
        "é",
        "a\n",
        "tab\t",
        "a&clientName=admin",
    ] {
        let err = bad.parse::<ClientName>().unwrap_err();
        assert_eq!(err, ValueError::ClientName { value: bad.into() });
    }
    assert_eq!("".parse::<ClientName>(), Err(ValueError::EmptyClientName));
    assert_eq!(
        "bob smith".parse::<ClientName>().unwrap_err().to_string(),
        r#"client name "bob smith" may contain only letters, digits and underscores"#
    );
}

#[test]
fn ttl_is_1_to_86400_seconds() {
    assert_eq!(Ttl::default().as_secs(), 3600);
    assert_eq!(Ttl::try_from(1u64).unwrap().as_secs(), 1);
    assert_eq!(Ttl::try_from(86_400u64).unwrap().as_secs(), 86_400);
    assert_eq!(Ttl::try_from(0u64), Err(ValueError::Ttl { value: 0 }));
    assert_eq!(
        Ttl::try_from(86_401u64),
        Err(ValueError::Ttl { value: 86_401 })
    );
    assert_eq!(
        Ttl::try_from(u64::MAX),
        Err(ValueError::Ttl {
            value: u64::MAX.into()
        })
    );
    assert_eq!(Ttl::try_from(-1i64), Err(ValueError::Ttl { value: -1 }));
    assert_eq!("300".parse::<Ttl>().unwrap().as_secs(), 300);
    for bad in ["", "+5", " 5", "5s", "1_000", "-1"] {
        assert_eq!(
            bad.parse::<Ttl>(),
            Err(ValueError::TtlText { value: bad.into() }),
            "{bad:?}"
        );
    }
    assert_eq!("0".parse::<Ttl>(), Err(ValueError::Ttl { value: 0 }));
    assert_eq!(
        "99999999999999999999999999999999999999999".parse::<Ttl>(),
        Err(ValueError::TtlText {
            value: "99999999999999999999999999999999999999999".into()
        })
    );
}

#[test]
fn auth_token_must_not_be_empty_and_is_never_shown() {
    assert!(matches!(
        "".parse::<AuthToken>(),
        Err(ValueError::EmptyAuthToken)
    ));
    let secret = "s3cr3t-auth-token-value";
    let token: AuthToken = secret.parse().unwrap();
    assert!(!format!("{token:?}").contains(secret));
    let creds = Credentials::new("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", secret).unwrap();
    let shown = format!("{creds:?} {creds:#?}");
    assert!(!shown.contains(secret), "{shown}");
    assert!(shown.contains("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
    assert_eq!(
        Credentials::new("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "").unwrap_err(),
        CredentialsError::Invalid(ValueError::EmptyAuthToken)
    );
}

#[test]
fn credentials_from_the_environment_name_the_variable_never_the_value() {
    let env = |sid: Option<&str>, token: Option<&str>| {
        Credentials::from_lookup(|var| match var {
            "TWILIO_ACCOUNT_SID" => sid.map(Into::into),
            "TWILIO_AUTH_TOKEN" => token.map(Into::into),
            _ => None,
        })
    };
    let secret = "0123456789abcdef0123456789abcdef";
    let err = env(None, Some(secret)).unwrap_err();
    assert_eq!(
        err,
        CredentialsError::MissingVar {
            var: "TWILIO_ACCOUNT_SID"
        }
    );
    assert_eq!(
        err.to_string(),
        "environment variable TWILIO_ACCOUNT_SID is not set"
    );
    let err = env(Some("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), None).unwrap_err();
    assert_eq!(
        err,
        CredentialsError::MissingVar {
            var: "TWILIO_AUTH_TOKEN"
        }
    );
    // Swapped variables: the secret sits where the SID should be, and must not be shown.
    let err = env(Some(secret), Some("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(secret), "{shown}");
    assert_eq!(
        err.to_string(),
        "environment variable TWILIO_ACCOUNT_SID: the account SID must be \"AC\" followed by 32 hexadecimal digits"
    );
    let err = env(Some("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), Some("")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "environment variable TWILIO_AUTH_TOKEN: the auth token must not be empty"
    );
    let creds = env(Some("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), Some(secret)).unwrap();
    assert_eq!(
        creds.account_sid().as_str(),
        "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    );
}

#[test]
fn an_empty_policy_is_rejected() {
    assert_eq!(CapabilityPolicy::builder().build(), Err(PolicyError::Empty));
    assert_eq!(
        CapabilityPolicy::builder().ttl(Ttl::default()).build(),
        Err(PolicyError::Empty)
    );
}

#[test]
fn each_single_scope_is_enough() {
    assert!(
        CapabilityPolicy::builder()
            .allow_client_incoming(name("a"))
            .build()
            .is_ok()
    );
    assert!(
        CapabilityPolicy::builder()
            .allow_client_outgoing(app(), NONE)
            .build()
            .is_ok()
    );
    assert!(
        CapabilityPolicy::builder()
            .allow_event_stream(NONE)
            .build()
            .is_ok()
    );
}

#[test]
fn duplicate_clauses_are_rejected() {
    let err = CapabilityPolicy::builder()
        .allow_client_outgoing(app(), NONE)
        .allow_client_outgoing(app(), NONE)
        .build();
    assert_eq!(
        err,
        Err(PolicyError::DuplicateClause {
            clause: Clause::Outgoing
        })
    );
    let err = CapabilityPolicy::builder()
        .allow_event_stream(NONE)
        .allow_event_stream(NONE)
        .build();
    assert_eq!(
        err,
        Err(PolicyError::DuplicateClause {
            clause: Clause::EventStream
        })
    );
    let ttl = Ttl::default();
    let err = CapabilityPolicy::builder()
        .allow_event_stream(NONE)
        .ttl(ttl)
        .ttl(ttl)
        .build();
    assert_eq!(
        err,
        Err(PolicyError::DuplicateClause {
            clause: Clause::Ttl
        })
    );
    assert_eq!(
        PolicyError::DuplicateClause {
            clause: Clause::EventStream
        }
        .to_string(),
        "event_stream may appear only once in a policy"
    );
}

#[test]
fn incoming_names_must_be_distinct() {
    let err = CapabilityPolicy::builder()
        .allow_client_incoming(name("a"))
        .allow_client_incoming(name("b"))
        .allow_client_incoming(name("a"))
        .build();
    assert_eq!(
        err,
        Err(PolicyError::DuplicateClientName { name: "a".into() })
    );
}

#[test]
fn keys_must_be_present_and_unique_within_their_scope() {
    let err = CapabilityPolicy::builder()
        .allow_client_outgoing(app(), [("", "x")])
        .build();
    assert_eq!(
        err,
        Err(PolicyError::EmptyKey {
            scope: ParamScope::OutgoingParams
        })
    );
    let err = CapabilityPolicy::builder()
        .allow_event_stream([("", "x")])
        .build();
    assert_eq!(
        err,
        Err(PolicyError::EmptyKey {
            scope: ParamScope::EventStreamFilters
        })
    );
    let err = CapabilityPolicy::builder()
        .allow_client_outgoing(app(), [("k", "1"), ("k", "2")])
        .build();
    assert_eq!(
        err,
        Err(PolicyError::DuplicateKey {
            scope: ParamScope::OutgoingParams,
            key: "k".into()
        })
    );
    let err = CapabilityPolicy::builder()
        .allow_event_stream([("k", 1), ("k", 2)])
        .build();
    assert_eq!(
        err,
        Err(PolicyError::DuplicateKey {
            scope: ParamScope::EventStreamFilters,
            key: "k".into()
        })
    );
    // The same key in two different scopes is fine.
    assert!(
        CapabilityPolicy::builder()
            .allow_client_outgoing(app(), [("k", 1)])
            .allow_event_stream([("k", 2)])
            .build()
            .is_ok()
    );
}

#[test]
fn values_may_be_any_text_including_empty() {
    let policy = CapabilityPolicy::builder()
        .allow_client_outgoing(
            app(),
            vec![
                ("empty".to_string(), String::new()),
                ("n".into(), "42".into()),
            ],
        )
        .allow_event_stream([("id", 7)])
        .build()
        .unwrap();
    assert_eq!(
        policy.outgoing().unwrap().params()[0],
        ("empty".into(), String::new())
    );
    assert_eq!(
        policy.event_stream().unwrap().filters()[0],
        ("id".into(), "7".into())
    );
}

#[test]
fn scope_order_is_canonical_whatever_the_call_order() {
    let a = CapabilityPolicy::builder()
        .allow_client_outgoing(app(), [("x", 1)])
        .allow_event_stream(NONE)
        .allow_client_incoming(name("alice"))
        .build()
        .unwrap();
    let b = CapabilityPolicy::builder()
        .allow_client_incoming(name("alice"))
        .allow_event_stream(NONE)
        .allow_client_outgoing(app(), [("x", 1)])
        .build()
        .unwrap();
    assert_eq!(a.scope_claim(), b.scope_claim());
    assert_eq!(
        a.scope_claim(),
        "scope:client:incoming?clientName=alice scope:stream:subscribe?path=%2F2010-04-01%2FEvents \
         scope:client:outgoing?appSid=APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb&appParams=x%3D1&clientName=alice"
    );
}

#[test]
fn signing_refuses_an_expiry_that_overflows() {
    let policy = CapabilityPolicy::builder()
        .allow_event_stream(NONE)
        .build()
        .unwrap();
    let creds = Credentials::new("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "k").unwrap();
    let err = policy.sign_at(&creds, u64::MAX - 3599).unwrap_err();
    assert_eq!(
        err,
        capability::SignError::ExpiryOverflow {
            now: u64::MAX - 3599,
            ttl: 3600
        }
    );
    let ok = policy.sign_at(&creds, u64::MAX - 3600).unwrap();
    assert_eq!(ok.expires_at(), u64::MAX);
    assert!(capability::verify_capability_token(ok.as_str(), creds.auth_token(), 0, 0).is_ok());
}

#[test]
fn the_auth_token_alone_is_read_with_the_same_rules() {
    let read = |value: Option<&str>| {
        AuthToken::from_lookup(|var| match var {
            "TWILIO_AUTH_TOKEN" => value.map(Into::into),
            "TWILIO_AUTH_TOKEN_FILE" => None,
            other => panic!("{other} looked up"),
        })
    };
    assert_eq!(
        read(None).unwrap_err(),
        CredentialsError::MissingVar {
            var: "TWILIO_AUTH_TOKEN"
        }
    );
    assert_eq!(
        read(Some("")).unwrap_err().to_string(),
        "environment variable TWILIO_AUTH_TOKEN: the auth token must not be empty"
    );
    assert_eq!(read(Some("s3cr3t")).unwrap().expose_secret(), "s3cr3t");
}
