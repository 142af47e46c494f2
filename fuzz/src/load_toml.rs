//! The TOML policy loader on arbitrary text, of any format.
//!
//! - Loading is deterministic. A rejected file has at least one diagnostic, in file order, each
//!   placed at a line and column that match its byte span; `Display` and `render` do not panic.
//! - `PolicyFile` and the loader of the file's format agree: a capability file loads the same
//!   through `CapabilityTemplate`, an access-token file through `AccessTemplate` (with the same
//!   errors, when it does not load), and the loaders of the other formats refuse it with
//!   `WrongFormat`.
//! - A loaded capability policy signs and verifies back to itself: it is bound (with no inputs,
//!   or with generated valid values: an `AP…` SID where an input fills an application SID, a
//!   fresh client name where it fills one, hostile text where it fills a param or filter),
//!   signed with `sign_at` at a fixed clock, and verified; the decoded scopes must equal
//!   `policy.scopes()` and the token must be the reference bytes. `CapabilityMinter` must mint the same
//!   bytes from the same template. Binding may fail only when a generated client name
//!   collides with another one; signing may not fail.
//! - A loaded access-token policy likewise: bound with no inputs (which must bind and sign) or
//!   with generated valid values (a SID of the right kind, a client name for an identity,
//!   hostile text for a param), signed with the reference API key at a fixed clock; the token is
//!   the reference bytes of spec 1.1-1.5, at most `MAX_TOKEN_LEN`, verifies with
//!   `verify_access_token` and decodes to `policy.grants()` and `policy.identity()`, and
//!   `AccessMinter` mints the same bytes. Binding may fail only when one input fills fields no
//!   one value can satisfy, or the values make the token too long for some clock.
use super::access::{self, API_KEY};
use super::{CREDS, NOW, Outcome, check_binding, is_name_collision};
use capability::{
    AccessMinter, AccessTemplate, BindProblem, CapabilityMinter, CapabilityTemplate, Input,
    InputUse, LoadError, LoadErrorKind, PolicyFile, PolicyFormat, SidKind,
};

/// Values no param or filter value may use to change anything else (issue: property tests).
const HOSTILE: &[&str] = &[
    "&clientName=admin",
    "%26",
    "+",
    "a b\n\0c",
    "é=&%+?#",
    "",
    " scope:client:incoming?clientName=root",
    "%%%25",
];

/// Runs one input.
pub fn run(data: &[u8]) {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let file = PolicyFile::from_toml_str(source);
    assert_eq!(
        file,
        PolicyFile::from_toml_str(source),
        "loading is not deterministic"
    );
    let capability = CapabilityTemplate::from_toml_str(source);
    let access = AccessTemplate::from_toml_str(source);
    for e in [
        file.as_ref().err(),
        capability.as_ref().err(),
        access.as_ref().err(),
    ]
    .into_iter()
    .flatten()
    {
        check_error(source, e);
    }
    match &file {
        Ok(PolicyFile::Capability(t)) => {
            assert_eq!(
                capability.as_ref(),
                Ok(t),
                "PolicyFile and CapabilityTemplate disagree"
            );
            wrong_format(&access, PolicyFormat::Capability);
        }
        Ok(PolicyFile::Access(t)) => {
            assert_eq!(
                access.as_ref(),
                Ok(&**t),
                "PolicyFile and AccessTemplate disagree"
            );
            wrong_format(&capability, PolicyFormat::AccessToken);
        }
        Ok(other) => {
            wrong_format(&capability, other.format());
            wrong_format(&access, other.format());
        }
        Err(_) => {}
    }
    // A file each loader reads as its own format: PolicyFile reads it the same.
    if let Err(e) = &capability
        && !about_format(e)
    {
        assert_eq!(
            file.as_ref().map(drop),
            Err(e),
            "PolicyFile and CapabilityTemplate disagree"
        );
    }
    if let Err(e) = &access
        && !about_format(e)
    {
        assert_eq!(
            file.as_ref().map(drop),
            Err(e),
            "PolicyFile and AccessTemplate disagree"
        );
    }
    if let Ok(template) = &capability {
        check_template(template);
    }
    if let Ok(template) = &access {
        check_access_template(template);
    }
}

/// Whether a loader's error is about the file's `format` key (another format, an unknown one,
/// or not a string): the loader then did not read the file as its own format.
fn about_format(e: &LoadError) -> bool {
    e.diagnostics().iter().any(|d| match &d.kind {
        LoadErrorKind::WrongFormat { .. } | LoadErrorKind::UnknownFormat { .. } => true,
        LoadErrorKind::WrongType { key, .. } => key == "format",
        _ => false,
    })
}

/// A loader of one format refuses a file of another, saying which format it is.
fn wrong_format<T: std::fmt::Debug>(loaded: &Result<T, LoadError>, found: PolicyFormat) {
    let Err(e) = loaded else {
        panic!("a loader read a file of another format ({found}): {loaded:?}");
    };
    assert!(
        e.diagnostics()
            .iter()
            .any(|d| d.kind == LoadErrorKind::WrongFormat { found }),
        "a file of format {found} refused without WrongFormat: {e}"
    );
}

fn check_error(source: &str, e: &LoadError) {
    let diagnostics = e.diagnostics();
    assert!(!diagnostics.is_empty(), "a load error without a diagnostic");
    assert!(
        diagnostics
            .windows(2)
            .all(|w| w[0].span.start <= w[1].span.start),
        "diagnostics are not in file order"
    );
    for d in diagnostics {
        let start = d.span.start;
        assert!(
            start <= source.len() && source.is_char_boundary(start),
            "span {:?} is not in the source",
            d.span
        );
        let before = &source[..start];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        assert_eq!(d.line, before.matches('\n').count() + 1, "line of {d:?}");
        assert_eq!(
            d.column,
            before[line_start..].chars().count() + 1,
            "column of {d:?}"
        );
    }
    let _ = e.to_string();
    let _ = e.render();
}

/// A value that follows the rule of every field `input` fills.
fn valid_value(i: usize, input: &Input) -> String {
    let uses = input.uses();
    if uses.contains(&InputUse::ApplicationSid) {
        // Letters and digits only, so also a valid client name.
        format!("AP{:032x}", 0xf0dd_0000_usize + i)
    } else if uses.contains(&InputUse::ClientName) {
        format!("fuzz_input_{i}")
    } else {
        HOSTILE[i % HOSTILE.len()].to_owned()
    }
}

fn check_template(template: &CapabilityTemplate) {
    let minter = CapabilityMinter::from_template(template, &CREDS);
    let values: Vec<String> = template
        .inputs()
        .iter()
        .enumerate()
        .map(|(i, input)| valid_value(i, input))
        .collect();
    let pairs: Vec<(&str, &str)> = template
        .inputs()
        .iter()
        .zip(&values)
        .map(|(input, value)| (input.name(), value.as_str()))
        .collect();
    match check_binding(template, &minter, &pairs, NOW) {
        Outcome::Signed(..) => {}
        Outcome::Unbound(e) if !pairs.is_empty() && is_name_collision(&e) => {}
        Outcome::Unbound(e) => panic!("a loaded policy does not bind with valid inputs: {e}"),
        Outcome::Unsigned(_, e) => panic!("a loaded policy does not sign: {e}"),
        Outcome::Unmatched => unreachable!("the names are the inputs, one to one"),
    }
}

/// A value that follows the rule of every field `input` fills, when one value can: SIDs and
/// regions are letters and digits, so they are also identities, client names, texts and
/// params; a client name is also an identity, a text and a param.
fn access_value(i: usize, input: &Input) -> String {
    let uses = input.uses();
    let sid = uses.iter().find_map(|u| match u {
        InputUse::Sid(SidKind::SyncService) => Some("IS".to_owned()),
        InputUse::Sid(kind) => Some(kind.prefix().to_owned()),
        InputUse::ApplicationSid => Some("AP".to_owned()),
        _ => None,
    });
    if let Some(prefix) = sid {
        format!("{prefix}{:032x}", 0xf0dd_0000_usize + i)
    } else if uses.contains(&InputUse::Region) {
        "ie1".to_owned()
    } else if uses.iter().any(|u| {
        matches!(
            u,
            InputUse::Identity | InputUse::VoiceIdentity | InputUse::Text(_)
        )
    }) {
        format!("fuzz_input_{i}")
    } else {
        HOSTILE[i % HOSTILE.len()].to_owned()
    }
}

fn check_access_template(template: &AccessTemplate) {
    let minter = AccessMinter::from_template(template, &API_KEY);
    let values: Vec<String> = template
        .inputs()
        .iter()
        .enumerate()
        .map(|(i, input)| access_value(i, input))
        .collect();
    let pairs: Vec<(&str, &str)> = template
        .inputs()
        .iter()
        .zip(&values)
        .map(|(input, value)| (input.name(), value.as_str()))
        .collect();
    match access::check_binding(template, &minter, &pairs, NOW) {
        access::Outcome::Signed(policy, _) => {
            // Binding is deterministic.
            assert_eq!(template.bind(pairs.iter().copied()).as_ref(), Ok(&policy));
        }
        access::Outcome::Unbound(e)
            if !pairs.is_empty()
                && (access::is_too_long(&e)
                    || e.problems().iter().all(|p| conflicting(template, p))) => {}
        access::Outcome::Unbound(e) => {
            panic!("a loaded access policy does not bind with valid inputs: {e}")
        }
        access::Outcome::Unsigned(_, e) => panic!("a loaded access policy does not sign: {e}"),
        access::Outcome::Unmatched => unreachable!("the names are the inputs, one to one"),
    }
}

/// Whether a bind problem is a value refused by an input that fills fields of several kinds
/// of SID, or a SID and a region: no one value can satisfy them all.
fn conflicting(template: &AccessTemplate, problem: &BindProblem) -> bool {
    let BindProblem::Invalid { input, .. } = problem else {
        return false;
    };
    let Some(input) = template.inputs().iter().find(|i| i.name() == input) else {
        return false;
    };
    let mut kinds: Vec<&str> = input
        .uses()
        .iter()
        .filter_map(|u| match u {
            InputUse::Sid(kind) => Some(kind.prefix()),
            InputUse::ApplicationSid => Some("AP"),
            InputUse::Region => Some("region"),
            _ => None,
        })
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds.len() > 1
}
