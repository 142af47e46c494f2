//! A checked `access_token!` policy to tokens: the runtime's `AccessPolicyBuilder`, through the
//! doc-hidden `::capability::__private_0_1_0` module of the facade.
//!
//! The run-time expressions are bound to hygienic locals in the order written (see
//! [`crate::expand`]); the builder then takes every value in the order of the token, literals
//! as the checked values they already are (`__checked`). `__build_from_macro` never fails: the
//! macro has checked every rule a literal or a clause can break, and a rule broken by a
//! run-time value makes `sign` fail instead.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote_spanned;

use super::validate::{FieldValue, GrantValue, Kind, Policy};
use super::{IDENTITY, REGION};
use crate::expand::{BindingKind, Expansion};
use crate::value::{APP_SID, Text, Validated};

/// The expansion of a checked policy: an expression of type `AccessPolicy`.
pub(crate) fn expand(Validated(bindings, ttl, policy): Validated<Policy, Kind>) -> TokenStream {
    let site = Span::mixed_site();
    let ex = Expansion::new(&bindings);
    let private = &ex.private;

    let builder = match &policy.identity {
        Some(text @ Text::Known(_)) => {
            let identity = ex.checked(text, IDENTITY.ty);
            quote_spanned!(site=> #private::AccessPolicy::builder().identity(#identity))
        }
        // An `Identity` or a `ClientName`, which the builder takes by different methods.
        Some(Text::Binding(i)) => {
            let local = ex.local(*i);
            quote_spanned!(site=> #private::access_builder(#local))
        }
        None => quote_spanned!(site=> #private::AccessPolicy::builder()),
    };
    let grants = policy.grants.iter().map(|grant| grant_tokens(&ex, grant));
    let region = policy.region.map(|region| {
        let region = ex.checked(&region, REGION.ty);
        quote_spanned!(site=> .region(#region))
    });
    let ttl = ttl.map(|ttl| {
        let ttl = ex.ttl(&ttl);
        quote_spanned!(site=> .ttl(#ttl))
    });

    let built = quote_spanned! {site=>
        #private::build_access(#builder #(#grants)* #region #ttl)
    };
    ex.with_bindings(&bindings, built)
}

/// `.voice(VoiceGrant::new().allow_incoming()…)`.
fn grant_tokens(ex: &Expansion, grant: &GrantValue) -> TokenStream {
    let site = Span::mixed_site();
    let private = &ex.private;
    let method = Ident::new(grant.grant.keyword, site);
    let ty = Ident::new(grant.grant.ty, site);
    let fields = grant.fields.iter().map(|(field, value)| {
        let method = Ident::new(field.method, site);
        let args = match value {
            FieldValue::Nothing => TokenStream::new(),
            FieldValue::Outgoing(app_sid, params) => {
                let app_sid = ex.checked(app_sid, APP_SID.ty);
                let params = params_tokens(ex, params);
                quote_spanned!(site=> #app_sid, #params)
            }
            FieldValue::Checked(value_type, text) => ex.checked(text, value_type.ty),
        };
        quote_spanned!(site=> .#method(#args))
    });
    quote_spanned!(site=> .#method(#private::#ty::new() #(#fields)*))
}

/// The params of `allow_outgoing`: `[("key", value), …]`, every value a `String`.
fn params_tokens(ex: &Expansion, params: &[(String, Text)]) -> TokenStream {
    let site = Span::mixed_site();
    let private = &ex.private;
    if params.is_empty() {
        return quote_spanned!(site=> #private::NO_PARAMS);
    }
    let pairs = params.iter().map(|(key, value)| {
        let value = ex.text(value, "String", "from");
        quote_spanned!(site=> (#key, #value))
    });
    quote_spanned!(site=> [#(#pairs),*])
}

impl BindingKind for Kind {
    fn local_name(self) -> &'static str {
        match self {
            Kind::Checked(checked) => checked.conversion,
            Kind::Ttl => "ttl",
            Kind::Display => "value",
        }
    }

    fn conversion(self) -> Option<&'static str> {
        match self {
            Kind::Checked(checked) => Some(checked.conversion),
            Kind::Ttl => Some("ttl"),
            Kind::Display => None,
        }
    }
}
