//! The TOML policy loader on arbitrary text.
//!
//! - A rejected file has at least one diagnostic, in file order, each placed at a line and
//!   column that match its byte span; `Display` and `render` do not panic.
//! - A loaded policy signs and verifies back to itself: it is bound (with no inputs, or with
//!   generated valid values: an `AP…` SID where an input fills an application SID, a fresh
//!   client name where it fills one, hostile text where it fills a param or filter), signed
//!   with `sign_at` at a fixed clock, and verified; the decoded scopes must equal
//!   `policy.scopes()` and the token must be the reference bytes. `Minter` must mint the same
//!   bytes from the same template. Binding may fail only when a generated client name
//!   collides with another one; signing may not fail.
use super::{CREDS, NOW, Outcome, check_binding, is_name_collision};
use capability::{Input, InputUse, LoadError, Minter, PolicyTemplate};

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
    match PolicyTemplate::from_toml_str(source) {
        Ok(template) => check_template(&template),
        Err(e) => check_error(source, &e),
    }
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
    let _ = e.render(source);
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

fn check_template(template: &PolicyTemplate) {
    let minter = Minter::from_template(template, &CREDS);
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
