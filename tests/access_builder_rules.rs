//! Every rule of spec section 2 of `access-token.md`, refused by `AccessPolicy::builder()` with
//! its own typed error; the value rules by each type's `parse`.

use capability::{
    AccessPolicy, ApiKey, ChatGrant, Clause, GrantKind, Identity, ParamScope, PolicyError, Region,
    RoomName, SyncGrant, TaskRouterGrant, Ttl, ValueError, VideoGrant, VoiceGrant,
};

const APP: &str = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

fn id(text: &str) -> Identity {
    text.parse().unwrap()
}

fn incoming() -> VoiceGrant {
    VoiceGrant::new().allow_incoming()
}

#[test]
fn each_policy_rule_has_its_error() {
    let b = AccessPolicy::builder;
    let cases: Vec<(capability::AccessPolicyBuilder, PolicyError)> = vec![
        (b().voice(incoming()), PolicyError::MissingIdentity),
        (
            b().identity(id("a"))
                .identity(id("b"))
                .video(VideoGrant::new()),
            PolicyError::DuplicateClause {
                clause: Clause::Identity,
            },
        ),
        (b().identity(id("a")), PolicyError::NoGrants),
        (
            b().identity(id("a")).voice(incoming()).voice(incoming()),
            PolicyError::DuplicateGrant {
                grant: GrantKind::Voice,
            },
        ),
        (
            b().identity(id("a"))
                .video(VideoGrant::new())
                .video(VideoGrant::new()),
            PolicyError::DuplicateGrant {
                grant: GrantKind::Video,
            },
        ),
        (
            b().identity(id("a")).voice(incoming().allow_incoming()),
            PolicyError::DuplicateGrantField {
                grant: GrantKind::Voice,
                field: "incoming",
            },
        ),
        (
            b().identity(id("a")).video(
                VideoGrant::new()
                    .room("x".parse().unwrap())
                    .room("y".parse().unwrap()),
            ),
            PolicyError::DuplicateGrantField {
                grant: GrantKind::Video,
                field: "room",
            },
        ),
        (
            b().identity(id("a")).voice(VoiceGrant::new()),
            PolicyError::VoiceAllowsNothing,
        ),
        (
            b().identity(id("a@b")).voice(incoming()),
            PolicyError::VoiceIdentity {
                identity: "a@b".into(),
            },
        ),
        (
            b().identity(id("a")).chat(ChatGrant::new()),
            PolicyError::MissingGrantField {
                grant: GrantKind::Chat,
                field: "service",
            },
        ),
        (
            b().identity(id("a")).sync(SyncGrant::new()),
            PolicyError::MissingGrantField {
                grant: GrantKind::Sync,
                field: "service",
            },
        ),
        (
            b().identity(id("a")).task_router(TaskRouterGrant::new()),
            PolicyError::MissingGrantField {
                grant: GrantKind::TaskRouter,
                field: "workspace",
            },
        ),
        (
            b().identity(id("a"))
                .video(VideoGrant::new())
                .ttl(Ttl::DEFAULT)
                .ttl(Ttl::DEFAULT),
            PolicyError::DuplicateClause {
                clause: Clause::Ttl,
            },
        ),
        (
            b().identity(id("a"))
                .video(VideoGrant::new())
                .region("ie1".parse().unwrap())
                .region("us1".parse().unwrap()),
            PolicyError::DuplicateClause {
                clause: Clause::Region,
            },
        ),
        (
            b().identity(id("a"))
                .voice(VoiceGrant::new().allow_outgoing(APP.parse().unwrap(), [("", "x")])),
            PolicyError::EmptyKey {
                scope: ParamScope::OutgoingParams,
            },
        ),
        (
            b().identity(id("a")).voice(
                VoiceGrant::new().allow_outgoing(APP.parse().unwrap(), [("k", "1"), ("k", "2")]),
            ),
            PolicyError::DuplicateKey {
                scope: ParamScope::OutgoingParams,
                key: "k".into(),
            },
        ),
        (
            b().identity(id("a"))
                .voice(VoiceGrant::new().allow_outgoing(
                    APP.parse().unwrap(),
                    (0..65).map(|i| (format!("k{i}"), "v")),
                )),
            PolicyError::TooManyPairs {
                scope: ParamScope::OutgoingParams,
                count: 65,
                max: 64,
            },
        ),
    ];
    for (builder, error) in cases {
        assert_eq!(builder.build().unwrap_err(), error);
    }
    // A value over 4096 bytes, and values that add up to a token over 8 KiB.
    let long = "x".repeat(4097);
    let err = AccessPolicy::builder()
        .identity(id("a"))
        .voice(VoiceGrant::new().allow_outgoing(APP.parse().unwrap(), [("k", long.as_str())]))
        .build()
        .unwrap_err();
    assert!(
        matches!(
            err,
            PolicyError::Value(ValueError::TooLong { len: 4097, .. })
        ),
        "{err}"
    );
    let controls = "\u{1}".repeat(4000);
    let err = AccessPolicy::builder()
        .identity(id("a"))
        .voice(VoiceGrant::new().allow_outgoing(APP.parse().unwrap(), [("k", controls.as_str())]))
        .build()
        .unwrap_err();
    assert!(matches!(err, PolicyError::TokenTooLong { .. }), "{err}");
}

#[test]
fn each_value_rule_has_its_error() {
    for bad in ["", "bob smith", "a\tb", "a\u{1}", &"x".repeat(122)] {
        assert!(
            matches!(bad.parse::<Identity>(), Err(ValueError::Identity { .. })),
            "{bad:?}"
        );
    }
    assert!("x".repeat(121).parse::<Identity>().is_ok());
    for bad in ["", "IE1", "ie", "ie12", "i1e"] {
        assert!(
            matches!(bad.parse::<Region>(), Err(ValueError::Region { .. })),
            "{bad:?}"
        );
    }
    assert!(matches!(
        "".parse::<RoomName>(),
        Err(ValueError::Text { .. })
    ));
    assert!(
        "x".repeat(129).parse::<RoomName>().is_err() && "x".repeat(128).parse::<RoomName>().is_ok()
    );
    assert!("x".repeat(257).parse::<capability::EndpointId>().is_err());
    assert!("a\nb".parse::<capability::TaskRouterRole>().is_err());
    for (bad, kind) in [
        ("AP0123456789abcdef0123456789abcdef", "push credential SID"),
        ("CR0123456789abcdef0123456789abcde", "push credential SID"),
    ] {
        let err = bad.parse::<capability::PushCredentialSid>().unwrap_err();
        assert_eq!(err.field(), kind);
    }
    assert!("default".parse::<capability::SyncServiceSid>().is_ok());
    assert!("default".parse::<capability::ChatServiceSid>().is_err());
    assert!("RLx".parse::<capability::DeploymentRoleSid>().is_err());
    assert!("WKx".parse::<capability::WorkspaceSid>().is_err());
    assert!("SK0123".parse::<capability::ApiKeySid>().is_err());
    let err = ApiKey::new(
        "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        "",
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "API secret must not be empty");
    // A client name converts into an identity when it is short enough to be one.
    let name: capability::ClientName = "alice".parse().unwrap();
    assert_eq!(Identity::try_from(&name).unwrap().as_str(), "alice");
    let long: capability::ClientName = "a".repeat(122).parse().unwrap();
    assert!(Identity::try_from(long).is_err());
}
