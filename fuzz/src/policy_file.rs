//! `PolicyFile` on arbitrary text: access-token and TaskRouter policy files, their binding, and
//! their minters.
//!
//! - A rejected file has at least one diagnostic; every diagnostic's line and column match its
//!   span; the loader of the file's own format agrees with `PolicyFile`, and the others refuse it.
//! - A loaded access-token or TaskRouter policy is bound with generated values (each input gets
//!   a value valid for every field it fills), signed with `sign_at` at a fixed clock, and
//!   verified back to the policy: the grants and identity, or the policies. The minter mints
//!   the same bytes from the same template, or fails where binding fails. A token is never over
//!   `MAX_TOKEN_LEN`.
use super::formats::API_SECRET;
use super::{AUTH_TOKEN, CREDS, NOW};
use capability::{
    AccessMinter, AccessTemplate, ApiKey, AuthToken, CapabilityTemplate, Input, InputUse,
    LoadErrorKind, MAX_TOKEN_LEN, PolicyFile, SidKind, TaskRouterMinter, TaskRouterTemplate,
    TextKind, verify_access_token, verify_taskrouter_token,
};

/// Runs one input.
pub fn run(data: &[u8]) {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    match PolicyFile::from_toml_str(source) {
        Ok(PolicyFile::Access(t)) => {
            assert_eq!(AccessTemplate::from_toml_str(source).as_ref(), Ok(&*t));
            refused_by(CapabilityTemplate::from_toml_str(source).err());
            check_access(&t);
        }
        Ok(PolicyFile::TaskRouter(t)) => {
            assert_eq!(TaskRouterTemplate::from_toml_str(source).as_ref(), Ok(&*t));
            refused_by(AccessTemplate::from_toml_str(source).err());
            check_taskrouter(&t);
        }
        Ok(_) => refused_by(AccessTemplate::from_toml_str(source).err()),
        Err(e) => {
            assert!(
                !e.diagnostics().is_empty(),
                "a load error without a diagnostic"
            );
            for d in e.diagnostics() {
                let start = d.span.start;
                assert!(start <= source.len() && source.is_char_boundary(start));
                let before = &source[..start];
                let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                assert_eq!(d.line, before.matches('\n').count() + 1);
                assert_eq!(d.column, before[line_start..].chars().count() + 1);
            }
            let _ = (e.to_string(), e.render());
        }
    }
}

/// A loader of another format refuses the file with `WrongFormat`.
fn refused_by(error: Option<capability::LoadError>) {
    let error = error.expect("a loader of another format read the file");
    assert!(
        error
            .diagnostics()
            .iter()
            .any(|d| matches!(d.kind, LoadErrorKind::WrongFormat { .. })),
        "{error}"
    );
}

/// A value valid for every field `input` fills, or none when no value can be.
fn value_for(input: &Input) -> Option<String> {
    let mut value: Option<String> = None;
    for use_ in input.uses() {
        let wanted = match use_ {
            InputUse::Identity | InputUse::VoiceIdentity => "alice_1".to_owned(),
            InputUse::ApplicationSid => "APcccccccccccccccccccccccccccccccc".to_owned(),
            InputUse::Sid(kind) => match kind {
                SidKind::SyncService => "default".to_owned(),
                kind => format!("{}0123456789abcdef0123456789abcdef", kind.prefix()),
            },
            InputUse::Text(TextKind::Room | TextKind::EndpointId | TextKind::Role) => {
                "a:b é".to_owned()
            }
            InputUse::Region => "ie1".to_owned(),
            InputUse::PolicyUrl => "https://taskrouter.twilio.com/v1/Workspaces/x".to_owned(),
            _ => "v \"\\\n\u{1}é".to_owned(),
        };
        match &value {
            Some(v) if *v != wanted => return None,
            _ => value = Some(wanted),
        }
    }
    value
}

fn key() -> ApiKey {
    ApiKey::new(
        super::ACCOUNT_SID,
        "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        API_SECRET,
    )
    .expect("a key")
}

fn check_access(t: &AccessTemplate) {
    let Some(values) = t.inputs().iter().map(value_for).collect::<Option<Vec<_>>>() else {
        return;
    };
    let pairs: Vec<(&str, &str)> = t
        .inputs()
        .iter()
        .map(Input::name)
        .zip(values.iter().map(String::as_str))
        .collect();
    let refs: Vec<&str> = values.iter().map(String::as_str).collect();
    let key = key();
    let minted = AccessMinter::from_template(t, &key).mint_at(&refs, NOW);
    let Ok(policy) = t.bind(pairs) else {
        assert!(minted.is_err(), "the minter mints what binding refuses");
        return;
    };
    let signed = policy.sign_at(&key, NOW);
    assert_eq!(
        minted.as_ref().map_err(|e| e.to_string()),
        signed.as_ref().map_err(|e| e.to_string())
    );
    let Ok(token) = signed else { return };
    assert!(token.as_str().len() <= MAX_TOKEN_LEN);
    let d =
        verify_access_token(token.as_str(), key.secret(), NOW, 0).expect("a signed token verifies");
    assert_eq!(d.grants, policy.grants());
    assert_eq!(d.identity, policy.identity().as_str());
    assert_eq!(d.grants_json, policy.grants_json());
}

fn check_taskrouter(t: &TaskRouterTemplate) {
    let Some(values) = t.inputs().iter().map(value_for).collect::<Option<Vec<_>>>() else {
        return;
    };
    let pairs: Vec<(&str, &str)> = t
        .inputs()
        .iter()
        .map(Input::name)
        .zip(values.iter().map(String::as_str))
        .collect();
    let refs: Vec<&str> = values.iter().map(String::as_str).collect();
    let minted = TaskRouterMinter::from_template(t, &CREDS).mint_at(&refs, NOW);
    let Ok(policy) = t.bind(pairs) else {
        assert!(minted.is_err(), "the minter mints what binding refuses");
        return;
    };
    let signed = policy.sign_at(&CREDS, NOW);
    assert_eq!(
        minted.as_ref().map_err(|e| e.to_string()),
        signed.as_ref().map_err(|e| e.to_string())
    );
    let Ok(token) = signed else { return };
    assert!(token.as_str().len() <= MAX_TOKEN_LEN);
    let auth: AuthToken = AUTH_TOKEN.parse().expect("a key");
    let d =
        verify_taskrouter_token(token.as_str(), &auth, NOW, 0).expect("a signed token verifies");
    assert_eq!(d.policies, policy.rules(super::ACCOUNT_SID));
}
