//! `#[derive(PolicyFile)]` in-process: expansion snapshots (`tests/expand_derive/NAME.rs` and
//! `NAME.expanded.rs`, `UPDATE_EXPAND=1` to write them), and errors that never panic.

use std::path::Path;
use std::str::FromStr as _;

use proc_macro2::TokenStream;

use super::check_snapshots;
use crate::policy_file_derive;

fn manifest_dir() -> &'static str {
    env!("CARGO_MANIFEST_DIR")
}

/// The expansion pretty-printed, the manifest directory (in the tracked path) written as
/// `$CARGO_MANIFEST_DIR` so that the snapshot holds no machine's path.
fn pretty(expansion: TokenStream) -> String {
    let file: syn::File = syn::parse2(expansion).expect("the expansion is items");
    prettyplease::unparse(&file).replace(manifest_dir(), "$CARGO_MANIFEST_DIR")
}

#[test]
fn expansion_snapshots() {
    let dir = Path::new(manifest_dir()).join("tests/expand_derive");
    check_snapshots(&dir, 3, |source, _| {
        let expansion = policy_file_derive(TokenStream::from_str(source).expect("Rust tokens"));
        (expansion.clone(), pretty(expansion))
    });
}

/// A file that cannot be read is one error, naming the path resolved against the manifest
/// directory, and nothing tracks it (an `include_bytes!` of it would be a second error).
#[test]
fn a_missing_file_is_named_by_its_resolved_path() {
    let source = "#[policy(file = \"tests/policies/none.toml\")] struct A;";
    let expansion = policy_file_derive(TokenStream::from_str(source).expect("tokens"));
    let text = expansion.to_string();
    let resolved = format!(
        "{}/tests/policies/none.toml: cannot read the policy file",
        manifest_dir()
    );
    assert!(text.contains(&resolved), "{text}");
    assert_eq!(text.matches("compile_error").count(), 1, "{text}");
    assert!(!text.contains("include_bytes"), "{text}");
}

/// A file with errors is tracked, so that fixing it rebuilds the crate.
#[test]
fn a_file_with_errors_is_tracked() {
    let source = "#[policy(file = \"tests/policies/two_errors.toml\")] struct A;";
    let text = policy_file_derive(TokenStream::from_str(source).expect("tokens")).to_string();
    assert_eq!(text.matches("compile_error").count(), 2, "{text}");
    let tracked = format!(
        "include_bytes ! (\"{}/tests/policies/two_errors.toml\")",
        manifest_dir()
    );
    assert!(text.contains(&tracked), "{text}");
}

/// Odd structs and attributes give errors, never a panic.
#[test]
fn odd_input_gives_errors() {
    let cases = [
        "struct A;",
        "#[policy] struct A;",
        "#[policy()] struct A;",
        "#[policy(file)] struct A;",
        "#[policy(file = 3)] struct A;",
        "#[policy(file = \"\")] struct A;",
        "#[policy(file = \"tests\")] struct A;",
        "#[policy(file = \"tests/policies/agent.toml\", file = \"x\")] struct A;",
        "#[policy(file = \"tests/policies/agent.toml\")] struct A { #[policy] identity: ClientName }",
        "#[policy(file = \"tests/policies/agent.toml\")] struct A { #[policy(input = 1)] x: u8 }",
        "#[policy(file = \"tests/policies/agent.toml\")] struct A { identity: ClientName, #[policy(input = \"identity\")] again: ClientName, team: String }",
        "#[policy(file = \"tests/policies/agent.toml\")] union U { a: u8 }",
        "#[policy(file = \"tests/policies/no_inputs.toml\")] struct A(u8);",
        "#[policy(file = \"/dev/null/x.toml\")] struct A;",
        "#[policy(file = \"tests/policies/syntax.toml\")] struct A;",
    ];
    for case in cases {
        let expansion = policy_file_derive(TokenStream::from_str(case).expect("tokens"));
        let text = expansion.to_string();
        assert!(text.contains("compile_error"), "{case}: no error in {text}");
        eprintln!("{case}: {text}");
    }
}
