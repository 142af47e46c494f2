//! A checked `capability!` policy to tokens: plain calls into the runtime, through the
//! doc-hidden `::capability::__private_0_1_0` module of the facade.
//!
//! The run-time expressions are bound to hygienic locals in the order written (see
//! [`crate::expand`]). The claim is laid out here, at compile time, by the runtime's own
//! `claim_layout`: literal text comes out already encoded, and a policy of literals only becomes
//! one `Cow::Borrowed` string.

use capability_runtime::__macro_support::{self as claim_layout, Piece};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote_spanned;

use super::validate::{Kind, Policy};
use crate::expand::{BindingKind, Expansion};
use crate::value::{APP_SID, Binding, Text, Validated};

/// The expansion of a checked policy: an expression of type `CapabilityPolicy`.
pub(crate) fn expand(Validated(bindings, ttl, policy): Validated<Policy, Kind>) -> TokenStream {
    let Policy {
        incoming,
        outgoing,
        event_stream,
    } = policy;
    let site = Span::mixed_site();
    let ex = Expansion::new(&bindings);
    let private = &ex.private;

    // The claim, laid out with a slot for each run-time text, numbered in the order written.
    let names: Vec<_> = incoming.iter().map(|t| layout_text(&bindings, t)).collect();
    let filters = event_stream
        .as_deref()
        .map(|filters| layout_pairs(&bindings, filters));
    let out = outgoing
        .as_ref()
        .map(|(sid, params)| (layout_text(&bindings, sid), layout_pairs(&bindings, params)));
    let pieces = claim_layout::layout(
        &names,
        filters.as_deref(),
        out.as_ref().map(|(sid, params)| (*sid, &params[..])),
    );

    let (scope_let, scope) = match pieces.as_slice() {
        [Piece::Lit(claim)] => (
            TokenStream::new(),
            quote_spanned!(site=> #private::Cow::Borrowed(#claim)),
        ),
        _ => {
            let pieces = pieces.iter().map(|piece| match piece {
                Piece::Lit(text) => quote_spanned!(site=> #private::Piece::Lit(#text)),
                Piece::Slot { index, twice } => {
                    let index = Literal::usize_unsuffixed(*index);
                    quote_spanned!(site=> #private::Piece::Slot { index: #index, twice: #twice })
                }
            });
            let slots = bindings
                .iter()
                .zip(&ex.locals)
                .filter_map(|(binding, local)| {
                    let ty = match binding.kind {
                        Kind::ClientName => quote_spanned!(site=> ClientName),
                        Kind::AppSid => quote_spanned!(site=> AppSid),
                        Kind::Display => quote_spanned!(site=> String),
                        Kind::Ttl => return None,
                    };
                    Some(quote_spanned!(site=> #private::#ty::as_str(&#local)))
                });
            let scope = Ident::new("scope", site);
            (
                quote_spanned! {site=>
                    let #scope = #private::Cow::Owned(#private::assemble(
                        &[#(#pieces),*],
                        &[#(#slots),*],
                    ));
                },
                quote_spanned!(site=> #scope),
            )
        }
    };

    let name = |t: &Text| ex.checked(t, "ClientName");
    let pairs = |pairs: &[(String, Text)]| {
        let pairs = pairs.iter().map(|(key, v)| {
            let v = ex.text(v, "String", "from");
            quote_spanned!(site=> (#private::String::from(#key), #v))
        });
        quote_spanned!(site=> #private::Vec::from([#(#pairs),*]))
    };
    let names = incoming.iter().map(name);
    let incoming = quote_spanned!(site=> #private::Vec::from([#(#names),*]));
    let outgoing = match &outgoing {
        Some((sid, params)) => {
            let sid = ex.checked(sid, APP_SID.ty);
            let params = pairs(params);
            quote_spanned!(site=> #private::Option::Some((#sid, #params)))
        }
        None => quote_spanned!(site=> #private::Option::None),
    };
    let event_stream = match &event_stream {
        Some(filters) => {
            let filters = pairs(filters);
            quote_spanned!(site=> #private::Option::Some(#filters))
        }
        None => quote_spanned!(site=> #private::Option::None),
    };
    let ttl = match &ttl {
        Some(ttl) => ex.ttl(ttl),
        None => quote_spanned!(site=> #private::Ttl::DEFAULT),
    };

    let policy = quote_spanned! {site=>
        #private::capability_policy(#incoming, #outgoing, #event_stream, #ttl, #scope)
    };
    ex.with_bindings(&bindings, quote_spanned!(site=> #scope_let #policy))
}

/// A text of the claim, for `claim_layout`: run-time texts are slots, numbered in the order
/// written (a ttl is not text, and has no slot).
fn layout_text<'a>(bindings: &[Binding<Kind>], text: &'a Text) -> claim_layout::Text<'a> {
    match text {
        Text::Known(text) => claim_layout::Text::Known(text),
        Text::Binding(i) => {
            let slot = bindings
                .iter()
                .take(*i)
                .filter(|b| b.kind != Kind::Ttl)
                .count();
            claim_layout::Text::Slot(slot)
        }
    }
}

fn layout_pairs<'a>(
    bindings: &[Binding<Kind>],
    pairs: &'a [(String, Text)],
) -> Vec<(claim_layout::Text<'a>, claim_layout::Text<'a>)> {
    pairs
        .iter()
        .map(|(key, value)| {
            (
                claim_layout::Text::Known(key.as_str()),
                layout_text(bindings, value),
            )
        })
        .collect()
}

impl BindingKind for Kind {
    fn local_name(self) -> &'static str {
        match self {
            Kind::ClientName => "name",
            Kind::AppSid => APP_SID.conversion,
            Kind::Ttl => "ttl",
            Kind::Display => "value",
        }
    }

    fn conversion(self) -> Option<&'static str> {
        match self {
            Kind::ClientName => Some("client_name"),
            Kind::AppSid => Some(APP_SID.conversion),
            Kind::Ttl => Some("ttl"),
            Kind::Display => None,
        }
    }
}
