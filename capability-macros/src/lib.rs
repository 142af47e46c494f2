//! The `capability!` macro of the [`capability`](https://docs.rs/capability) crate: policies
//! checked by the compiler.
//!
//! Use it through `capability`, which re-exports it and holds the items its expansion names.
//!
//! The macro is three steps, each in its own module, joined by `capability_macro`:
//! `parse` (tokens to syntax tree, grammar only), `validate` (the rules of the policy, through
//! the runtime's own functions) and `expand` (the tokens of the expansion).
#![forbid(unsafe_code)]

mod expand;
mod parse;
mod validate;

#[cfg(test)]
mod tests;

use proc_macro2::TokenStream;

#[doc = include_str!("capability.md")]
#[proc_macro]
pub fn capability(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    capability_macro(input.into()).into()
}

/// Parse, validate, expand: the whole macro on `proc_macro2` tokens, so that tests can run it
/// in-process. Every error of the invocation comes back as a `compile_error!`, each spanned on
/// the token at fault; it never panics.
fn capability_macro(input: TokenStream) -> TokenStream {
    match validate::validate(parse::parse(input)) {
        Ok(policy) => expand::expand(policy),
        Err(errors) => expand::errors(errors),
    }
}
