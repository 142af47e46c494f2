//! What both expansions share: the path of the facade's `__private` module, and the hygienic
//! locals that hold the run-time expressions, bound in the order written so that each is
//! evaluated once.
//!
//! The locals are hygienic (`Span::mixed_site()`): no user expression can name them.

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream};
use quote::{ToTokens as _, format_ident, quote_spanned};
use syn::Expr;

use crate::value::Binding;

/// How the expansion takes a run-time expression of one kind.
pub(crate) trait BindingKind: Copy {
    /// The stem of the local that holds the value, as `name` for `name_0`.
    fn local_name(self) -> &'static str;
    /// The `__private` function that takes the expression, which accepts the checked type or a
    /// reference to it; `None` for a value that only needs `Display`.
    fn conversion(self) -> Option<&'static str>;
}

/// `::capability::__private`, the doc-hidden module of the facade that the expansions name.
pub(crate) fn private() -> TokenStream {
    quote_spanned!(Span::mixed_site()=> ::capability::__private)
}

/// The locals of the bindings: `name_0`, `value_1`, … numbered in the order written.
pub(crate) fn locals<K: BindingKind>(bindings: &[Binding<K>]) -> Vec<Ident> {
    let site = Span::mixed_site();
    bindings
        .iter()
        .enumerate()
        .map(|(i, b)| format_ident!("{}_{}", b.kind.local_name(), i, span = site))
        .collect()
}

/// The `let local = …;` statements of the bindings, in the order written.
pub(crate) fn lets<'a, K: BindingKind>(
    private: &'a TokenStream,
    bindings: &'a [Binding<K>],
    locals: &'a [Ident],
) -> impl Iterator<Item = TokenStream> + 'a {
    bindings
        .iter()
        .zip(locals)
        .map(move |(binding, local)| bind(private, binding, local))
}

/// `let local = …;` for one run-time expression, which takes it as its kind requires.
fn bind<K: BindingKind>(private: &TokenStream, binding: &Binding<K>, local: &Ident) -> TokenStream {
    let site = Span::mixed_site();
    let expr = &binding.expr;
    let value = match binding.kind.conversion() {
        Some(conversion) => {
            let conversion = Ident::new(conversion, site);
            quote_spanned!(site=> #private::#conversion(#expr))
        }
        None => {
            // `&(expr)`, spanned so that rustc's span for it is the user's expression: an error
            // such as a missing `Display` then points there, not at the whole invocation.
            let (first, last) = edge_spans(expr);
            let mut group = Group::new(Delimiter::Parenthesis, expr.to_token_stream());
            group.set_span(last);
            let amp = quote_spanned!(first=> &);
            quote_spanned!(site=> #private::display(#amp #group))
        }
    };
    quote_spanned!(site=> let #local = #value;)
}

/// The spans of the first and last tokens of `expr`.
fn edge_spans(expr: &Expr) -> (Span, Span) {
    let mut tokens = expr.to_token_stream().into_iter();
    let first = tokens.next().map_or_else(Span::call_site, |t| t.span());
    let last = tokens.last().map_or(first, |t| t.span());
    (first, last)
}
