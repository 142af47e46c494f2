//! The errors of one invocation, collected so that one compile shows them all.

use std::fmt::Display;

use proc_macro2::{Span, TokenStream};
use quote::quote;

/// All the errors of one invocation, combined into one `syn::Error`.
#[derive(Default)]
pub(crate) struct Errors(Option<syn::Error>);

impl Errors {
    pub fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    /// An error with `message`, under `span`.
    pub fn at(&mut self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    /// Every error pushed, when the caller knows that one was: with none, an error saying so.
    pub fn into_error(self) -> syn::Error {
        self.0
            .unwrap_or_else(|| syn::Error::new(Span::call_site(), "internal error: no error"))
    }

    /// `value` if no error was pushed; otherwise every error, in the order pushed.
    pub fn finish<T>(self, value: T) -> Result<T, syn::Error> {
        match self.0 {
            Some(errors) => Err(errors),
            None => Ok(value),
        }
    }
}

/// The expansion of an invocation that broke a rule: every error, and nothing else.
pub(crate) fn expand(error: syn::Error) -> TokenStream {
    let errors = error.into_compile_error();
    quote!({ #errors })
}
