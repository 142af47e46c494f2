//! `#[derive(PolicyFile)]` in-process: expansion snapshots (`tests/expand_derive/NAME.rs` and
//! `NAME.expanded.rs`, `UPDATE_EXPAND=1` to write them), and errors that never panic.

use std::path::{Path, PathBuf};
use std::str::FromStr as _;

use proc_macro2::TokenStream;

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
    let update = std::env::var_os("UPDATE_EXPAND").is_some();
    let dir = Path::new(manifest_dir()).join("tests/expand_derive");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/expand_derive exists")
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".rs") && !name.ends_with(".expanded.rs")
        })
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 3, "expected the derive's expansion cases");
    let mut stale = Vec::new();
    for input in inputs {
        let source = std::fs::read_to_string(&input).expect("readable input");
        let tokens = TokenStream::from_str(&source).expect("Rust tokens");
        let expansion = policy_file_derive(tokens);
        assert!(
            !expansion.to_string().contains("compile_error"),
            "{}: does not compile:\n{expansion}",
            input.display()
        );
        let actual = pretty(expansion);
        let expected_path = input.with_extension("expanded.rs");
        if update {
            std::fs::write(&expected_path, &actual).expect("writable snapshot");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            eprintln!("--- {}\n+++ actual\n{actual}", expected_path.display());
            stale.push(expected_path);
        }
    }
    assert!(
        stale.is_empty(),
        "expansions differ from {stale:?}; rerun with UPDATE_EXPAND=1 to accept them"
    );
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
