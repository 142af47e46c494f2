//! What the expansions share: the path of the facade's `__private_*` module, how a checked
//! literal is written, and the hygienic locals that hold the run-time expressions, bound in the
//! order written so that each is evaluated once.
//!
//! The locals are hygienic (`Span::mixed_site()`): no user expression can name them.

use proc_macro2::{Delimiter, Group, Ident, Literal, Span, TokenStream};
use quote::{ToTokens as _, format_ident, quote_spanned};
use syn::Expr;

use crate::value::{Binding, Text, TtlValue};

/// How the expansion takes a run-time expression of one kind.
pub(crate) trait BindingKind: Copy {
    /// The stem of the local that holds the value, as `name` for `name_0`.
    fn local_name(self) -> &'static str;
    /// The `__private_0_1_0` function that takes the expression, which accepts the checked type or a
    /// reference to it; `None` for a value that only needs `Display`.
    fn conversion(self) -> Option<&'static str>;
}

/// `::capability::__private_0_1_0`. The facade's module is named for its version, which is this
/// crate's: the facade requires this crate at exactly its own version.
pub(crate) fn private_path() -> TokenStream {
    let site = Span::mixed_site();
    let private = format_ident!(
        "__private_{}",
        env!("CARGO_PKG_VERSION").replace('.', "_"),
        span = site
    );
    quote_spanned!(site=> ::capability::#private)
}

/// What an expansion writes its values with: the path of the facade's `__private_0_1_0` module and
/// the locals of the run-time bindings.
pub(crate) struct Expansion {
    /// `::capability::__private_0_1_0`, the doc-hidden module of the facade that expansions
    /// name, with the version of both crates in its name.
    pub private: TokenStream,
    /// The locals of the bindings: `name_0`, `value_1`, … numbered in the order written.
    pub locals: Vec<Ident>,
}

impl Expansion {
    pub fn new<K: BindingKind>(bindings: &[Binding<K>]) -> Self {
        let site = Span::mixed_site();
        let locals = bindings
            .iter()
            .enumerate()
            .map(|(i, b)| format_ident!("{}_{}", b.kind.local_name(), i, span = site))
            .collect();
        Expansion {
            private: private_path(),
            locals,
        }
    }

    /// The local of binding `i`.
    pub fn local(&self, i: usize) -> TokenStream {
        let local = &self.locals[i];
        quote_spanned!(Span::mixed_site()=> #local)
    }

    /// A text: a literal as `Type::constructor("…")`, or the local of its binding.
    pub fn text(&self, text: &Text, ty: &str, constructor: &str) -> TokenStream {
        let site = Span::mixed_site();
        let private = &self.private;
        match text {
            Text::Known(text) => {
                let ty = Ident::new(ty, site);
                let constructor = Ident::new(constructor, site);
                quote_spanned!(site=> #private::#ty::#constructor(#text))
            }
            Text::Binding(i) => self.local(*i),
        }
    }

    /// A value of a checked type: a literal as `checked::<Type>("…")`, which the macro has
    /// checked by the type's rule, or the local of its binding.
    pub fn checked(&self, text: &Text, ty: &str) -> TokenStream {
        let site = Span::mixed_site();
        let private = &self.private;
        match text {
            Text::Known(text) => {
                let ty = Ident::new(ty, site);
                quote_spanned!(site=> #private::checked::<#private::#ty>(#text))
            }
            Text::Binding(i) => self.local(*i),
        }
    }

    /// A ttl: a literal as `checked_ttl(…)`, or the local of its binding.
    pub fn ttl(&self, ttl: &TtlValue) -> TokenStream {
        let site = Span::mixed_site();
        let private = &self.private;
        match ttl {
            TtlValue::Known(secs) => {
                let secs = Literal::u32_unsuffixed(*secs);
                quote_spanned!(site=> #private::checked_ttl(#secs))
            }
            TtlValue::Binding(i) => self.local(*i),
        }
    }

    /// `body`, after the `let local = …;` statements of the bindings, in the order written: a
    /// block, or `body` alone when there is no binding.
    pub fn with_bindings<K: BindingKind>(
        &self,
        bindings: &[Binding<K>],
        body: TokenStream,
    ) -> TokenStream {
        if bindings.is_empty() {
            return body;
        }
        let lets = bindings
            .iter()
            .zip(&self.locals)
            .map(|(binding, local)| bind(&self.private, binding, local));
        quote_spanned! {Span::mixed_site()=>
            {
                #(#lets)*
                #body
            }
        }
    }
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
