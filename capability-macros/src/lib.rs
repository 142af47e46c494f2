//! The `capability!`, `access_token!` and `taskrouter!` macros of the
//! [`capability`](https://docs.rs/twilio-capability) library (package `twilio-capability`):
//! policies checked by the compiler.
//!
//! Use them through `twilio-capability`, which re-exports them and holds the items their
//! expansions name (`::capability::__private_0_1_0`).
//!
//! Each macro is three steps, each in its own module of the format's folder (`capability/`,
//! `access/`, `taskrouter/`): `parse` (tokens to syntax tree, grammar only), `validate` (the rules of the
//! policy, through the runtime's own functions) and `expand` (the tokens of the expansion).
//! What the formats share is written once: the clause grammar and its error recovery
//! (`clause`), literal and run-time values (`value`), the hygienic locals of the expansion
//! (`expand`) and the collection of errors (`errors`).
#![forbid(unsafe_code)]

mod access;
mod capability;
mod clause;
mod errors;
mod expand;
mod policy_file;
mod taskrouter;
mod value;

#[cfg(test)]
mod tests;

use proc_macro2::TokenStream;

#[doc = include_str!("capability.md")]
#[proc_macro]
pub fn capability(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    capability_macro(input.into()).into()
}

#[doc = include_str!("access_token.md")]
#[proc_macro]
pub fn access_token(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    access_token_macro(input.into()).into()
}

#[doc = include_str!("taskrouter.md")]
#[proc_macro]
pub fn taskrouter(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    taskrouter_macro(input.into()).into()
}

#[doc = include_str!("policy_file.md")]
#[proc_macro_derive(PolicyFile, attributes(policy))]
pub fn derive_policy_file(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    policy_file_derive(input.into()).into()
}

/// Parse, validate, expand: the whole macro on `proc_macro2` tokens, so that tests can run it
/// in-process. Every error of the invocation comes back as a `compile_error!`, each spanned on
/// the token at fault; it never panics.
fn capability_macro(input: TokenStream) -> TokenStream {
    use capability::{expand, parse, validate};
    match validate::validate(clause::parse(input, &parse::CLAUSES, &parse::clause)) {
        Ok(policy) => expand::expand(policy),
        Err(errors) => errors::expand(errors),
    }
}

/// `access_token!` on `proc_macro2` tokens, as [`capability_macro`].
fn access_token_macro(input: TokenStream) -> TokenStream {
    use access::{expand, parse, validate};
    match validate::validate(clause::parse(input, &parse::CLAUSES, &parse::clause)) {
        Ok(policy) => expand::expand(policy),
        Err(errors) => errors::expand(errors),
    }
}

/// `taskrouter!` on `proc_macro2` tokens, as [`capability_macro`].
fn taskrouter_macro(input: TokenStream) -> TokenStream {
    use taskrouter::{expand, parse, validate};
    match validate::validate(clause::parse(input, &parse::CLAUSES, &parse::clause)) {
        Ok(policy) => expand::expand(policy),
        Err(errors) => errors::expand(errors),
    }
}

/// `#[derive(PolicyFile)]` on `proc_macro2` tokens. A file that can be read is tracked even
/// when it has errors, so that fixing it rebuilds the crate.
fn policy_file_derive(input: TokenStream) -> TokenStream {
    use policy_file::{expand, parse, validate};
    let input = match syn::parse2::<syn::DeriveInput>(input) {
        Ok(input) => input,
        Err(error) => return error.into_compile_error(),
    };
    // Only a struct gets the fallback items: an enum or a union is refused as a whole.
    let fallback = matches!(input.data, syn::Data::Struct(_))
        .then(|| expand::fallback(&input.ident, &input.generics));
    let (error, track) = match parse::parse(input) {
        Ok(parsed) => match validate::validate(parsed) {
            Ok(checked) => return expand::expand(checked),
            Err(failed) => (failed.error, failed.track),
        },
        Err(error) => (error, None),
    };
    let mut tokens = error.into_compile_error();
    tokens.extend(track.as_deref().map(expand::track));
    tokens.extend(fallback);
    tokens
}
