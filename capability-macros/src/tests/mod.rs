//! In-process tests of the macros: expansion snapshots here, error collection in each format's
//! module.
//!
//! Each `tests/expand/NAME.rs` holds one `capability! { … }`, `access_token! { … }` or
//! `taskrouter! { … }` invocation; its expansion, pretty-printed, must equal
//! `tests/expand/NAME.expanded.rs`. Run with `UPDATE_EXPAND=1` to write the expansions
//! instead.

mod access;
mod capability;
mod policy_file;
mod taskrouter;

use std::path::{Path, PathBuf};
use std::str::FromStr as _;

use proc_macro2::{Delimiter, TokenStream, TokenTree};

use crate::{access_token_macro, capability_macro, taskrouter_macro};

/// A macro on `proc_macro2` tokens.
type Macro = fn(TokenStream) -> TokenStream;

/// The macro of each name, and the type its expansion has.
fn macro_named(name: &str) -> Option<(Macro, &'static str)> {
    match name {
        "capability" => Some((capability_macro, "CapabilityPolicy")),
        "access_token" => Some((access_token_macro, "AccessPolicy")),
        "taskrouter" => Some((taskrouter_macro, "TaskRouterPolicy")),
        _ => None,
    }
}

fn expand_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand")
}

/// The macro's name and the tokens inside the braces of the one `NAME! { … }` in `source`.
fn invocation(source: &str, path: &Path) -> (String, TokenStream) {
    let tokens = TokenStream::from_str(source)
        .unwrap_or_else(|e| panic!("{}: not Rust tokens: {e}", path.display()));
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    match tokens.as_slice() {
        [
            TokenTree::Ident(name),
            TokenTree::Punct(bang),
            TokenTree::Group(body),
            rest @ ..,
        ] if macro_named(&name.to_string()).is_some()
            && bang.as_char() == '!'
            && body.delimiter() == Delimiter::Brace
            && rest
                .iter()
                .all(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ';')) =>
        {
            (name.to_string(), body.stream())
        }
        _ => panic!(
            "{}: expected one `capability! {{ … }}`, `access_token! {{ … }}` or `taskrouter! {{ … }}`",
            path.display()
        ),
    }
}

/// The expansion of macro `name`, as a function body pretty-printed by `prettyplease`.
fn pretty(name: &str, expansion: TokenStream) -> String {
    let (_, ty) = macro_named(name).expect("a known macro");
    let ty = proc_macro2::Ident::new(ty, proc_macro2::Span::call_site());
    let file = quote::quote! {
        fn expansion() -> ::capability::#ty {
            #expansion
        }
    };
    let file: syn::File = syn::parse2(file).expect("the expansion is a valid expression");
    prettyplease::unparse(&file)
}

#[test]
fn expansion_snapshots() {
    check_snapshots(&expand_dir(), 5, |source, input| {
        let (name, body) = invocation(source, input);
        let (run, _) = macro_named(&name).expect("a known macro");
        let expansion = run(body);
        (expansion.clone(), pretty(&name, expansion))
    });
}

/// Each `NAME.rs` in `dir` (at least `min` of them), expanded by `expand` into its tokens and
/// their pretty-printed text, must compile and equal `NAME.expanded.rs`; `UPDATE_EXPAND=1`
/// writes the text instead.
fn check_snapshots(dir: &Path, min: usize, expand: impl Fn(&str, &Path) -> (TokenStream, String)) {
    let update = std::env::var_os("UPDATE_EXPAND").is_some();
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".rs") && !name.ends_with(".expanded.rs")
        })
        .collect();
    inputs.sort();
    assert!(
        inputs.len() >= min,
        "expected the expansion cases in {}",
        dir.display()
    );

    let mut stale = Vec::new();
    for input in inputs {
        let source = std::fs::read_to_string(&input).expect("readable input");
        let (expansion, actual) = expand(&source, &input);
        assert!(
            !expansion.to_string().contains("compile_error"),
            "{}: the invocation does not compile:\n{expansion}",
            input.display()
        );
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

/// The messages of the `compile_error!`s of an expansion, in order.
fn errors_of(run: Macro, body: &str) -> Vec<String> {
    spanned_errors_of(run, body)
        .into_iter()
        .map(|(message, _)| message)
        .collect()
}

/// Each `compile_error!` of an expansion, in order: its message, and the source text under its
/// span (`<call site>` for the whole invocation).
fn spanned_errors_of(run: Macro, body: &str) -> Vec<(String, String)> {
    let tokens = TokenStream::from_str(body).expect("test input is Rust tokens");
    let mut errors = Vec::new();
    collect_errors(run(tokens), &mut errors);
    errors
}

fn collect_errors(tokens: TokenStream, errors: &mut Vec<(String, String)>) {
    // `::core::compile_error! { "message" }`: the path has the span's start, the braces its end.
    let mut start = None;
    for tree in tokens {
        match tree {
            TokenTree::Ident(ident) => {
                start = (ident == "compile_error").then(|| ident.span());
            }
            TokenTree::Group(group) if start.is_some() => {
                let lit = syn::parse2::<syn::LitStr>(group.stream()).expect("a message");
                let span = start.take().and_then(|start| start.join(group.span()));
                let text = span.and_then(|s| s.source_text());
                let text = text.unwrap_or_else(|| "<call site>".to_owned());
                errors.push((lit.value(), text));
            }
            TokenTree::Group(group) => collect_errors(group.stream(), errors),
            TokenTree::Punct(_) | TokenTree::Literal(_) => {}
        }
    }
}

/// Odd input gives errors, never a panic, and a valid expansion whenever it has no error.
fn assert_never_panics(name: &str, bodies: &[&str]) {
    let (run, _) = macro_named(name).expect("a known macro");
    for body in bodies {
        let tokens = TokenStream::from_str(body).expect("test input is Rust tokens");
        let expansion = run(tokens);
        let messages = errors_of(run, body);
        if messages.is_empty() {
            pretty(name, expansion);
        }
        eprintln!("{body:?}: {messages:?}");
    }
}

/// Each macro's clauses are the keywords of its format's root table. The clause lists keep
/// their own order, which is that of the compile errors' `expected …` lists.
#[test]
fn the_clauses_are_the_keywords_of_the_root_tables() {
    use std::collections::BTreeSet;

    use capability_runtime::__schema::{Table, access, capability, taskrouter};

    fn keywords(table: &Table) -> BTreeSet<&'static str> {
        table.fields.iter().filter_map(|f| f.keyword).collect()
    }
    fn clauses(list: &crate::clause::List<'static>) -> BTreeSet<&'static str> {
        list.keywords.iter().copied().collect()
    }
    assert_eq!(
        clauses(&crate::capability::parse::CLAUSES),
        keywords(&capability::ROOT)
    );
    assert_eq!(
        clauses(&crate::access::parse::CLAUSES),
        keywords(&access::ROOT)
    );
    // `allow OPTION;` is the macro's form of the channel tables' option keys.
    let mut taskrouter_clauses = clauses(&crate::taskrouter::parse::CLAUSES);
    assert!(taskrouter_clauses.remove("allow"));
    assert_eq!(taskrouter_clauses, keywords(&taskrouter::ROOT));
}
