//! The impls of `#[derive(PolicyFile)]`: the template the loader checked, rebuilt from its
//! values, and the methods that bind it to the struct's fields.

use std::path::Path;

use capability_runtime::__macro_support::policy_file;
use capability_runtime::PolicyFile;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned as _;
use syn::{GenericParam, Lifetime, LitStr};

use crate::expand::private_path;
use crate::policy_file::validate::{Checked, FieldKind};

pub(crate) fn expand(checked: Checked) -> TokenStream {
    let private = private_path();
    let Checked {
        ident,
        generics,
        template,
        path,
        fields,
        ..
    } = &checked;
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let erased = erased(ident, generics);
    let [format, policy, key] = policy_file::type_names(template);
    let format = format_ident!("{format}");
    let policy = format_ident!("{policy}");
    let key = format_ident!("{key}");
    let rebuilt = rebuild(template, &private);
    let track = track(path);
    let inputs: Vec<LitStr> = template
        .inputs()
        .iter()
        .map(|i| LitStr::new(i.name(), Span::call_site()))
        .collect();
    let ttl = template.ttl().as_secs();
    let site = Span::mixed_site();
    let locals: Vec<_> = (0..fields.len())
        .map(|i| format_ident!("input_{}", i, span = site))
        .collect();
    let values = fields.iter().zip(&locals).map(|(field, local)| {
        let name = &field.ident;
        let ty = &field.ty;
        // Spanned on the field's type, so that a wrong type is reported there.
        let text = match field.kind {
            FieldKind::Checked(checked) => {
                let checked = format_ident!("{checked}");
                quote_spanned!(ty.span()=>
                    <#ty as #private::CheckedInput<#private::#checked>>::input_text(&self.#name)
                )
            }
            FieldKind::Text => quote_spanned!(ty.span()=>
                <#ty as #private::TextInput>::input_text(&self.#name)
            ),
        };
        quote!(let #local = #text;)
    });
    let ttl_doc = format!(
        " The `ttl` of `{}`: the lifetime of its tokens.",
        checked.written
    );
    let inputs_doc = format!(
        " The inputs of `{}`, in the order of the file: one field each.",
        checked.written
    );
    quote! {
        #track

        #[automatically_derived]
        impl #impl_generics #private::DerivedPolicy for #ident #ty_generics #where_clause {
            type Format = #private::lowered::#format;
            type Erased = #erased;

            #[inline]
            fn template() -> #private::lowered::Template<#private::lowered::#format> {
                #rebuilt
            }

            fn with_inputs<__PolicyFileResult>(
                &self,
                mint: impl ::core::ops::FnOnce(&[&str]) -> __PolicyFileResult,
            ) -> __PolicyFileResult {
                #(#values)*
                mint(&[#(&*#locals),*])
            }
        }

        #[automatically_derived]
        impl #impl_generics #ident #ty_generics #where_clause {
            #[doc = #ttl_doc]
            pub const TTL: #private::Ttl = #private::checked_ttl(#ttl);

            #[doc = #inputs_doc]
            pub const INPUTS: &'static [&'static str] = &[#(#inputs),*];

            /// The policy, with the fields as its inputs.
            ///
            /// # Errors
            /// A `BindError` when a field breaks a rule of a field it fills that its type does
            /// not carry, or the values break a rule of the policy.
            #[inline]
            pub fn policy(&self) -> ::core::result::Result<#private::#policy, #private::BindError> {
                #private::derived_policy(self)
            }

            /// Signs the policy's token by the system clock.
            ///
            /// # Errors
            /// As `policy`, and as the policy's `sign`.
            #[inline]
            pub fn sign(&self, key: &#private::#key) -> ::core::result::Result<#private::Token, #private::MintError> {
                #private::derived_sign(self, key)
            }

            /// Signs the policy's token as if the time were `now` (Unix seconds).
            ///
            /// # Errors
            /// As `policy`, and as the policy's `sign_at`.
            #[inline]
            pub fn sign_at(&self, key: &#private::#key, now: u64) -> ::core::result::Result<#private::Token, #private::MintError> {
                #private::derived_sign_at(self, key, now)
            }

            /// The policy file compiled once with `key`, to mint for any value of this struct.
            #[inline]
            pub fn minter(key: &#private::#key) -> #private::PolicyFileMinter<#erased> {
                #private::PolicyFileMinter::new(key)
            }
        }
    }
}

/// The struct with every lifetime `'static`.
fn erased(ident: &syn::Ident, generics: &syn::Generics) -> TokenStream {
    if generics.params.is_empty() {
        return quote!(#ident);
    }
    let params = generics.params.iter().map(|param| match param {
        GenericParam::Lifetime(_) => {
            let lifetime = Lifetime::new("'static", Span::call_site());
            quote!(#lifetime)
        }
        GenericParam::Type(t) => {
            let ident = &t.ident;
            quote!(#ident)
        }
        GenericParam::Const(c) => {
            let ident = &c.ident;
            quote!(#ident)
        }
    });
    quote!(#ident<#(#params),*>)
}

/// The expression that rebuilds the checked template, which the runtime writes. Its paths
/// start with a short alias of `lowered`, declared in the block: the text is parsed, and a
/// third as many tokens parse faster.
fn rebuild(template: &PolicyFile, private: &TokenStream) -> TokenStream {
    let text = policy_file::lower(template, "__lowered");
    match text.parse::<TokenStream>() {
        Ok(tokens) => quote!({
            use #private::lowered as __lowered;
            #tokens
        }),
        Err(e) => {
            syn::Error::new(Span::call_site(), format!("internal error: {e}")).into_compile_error()
        }
    }
}

/// Makes cargo rebuild the crate when the file changes, until `proc_macro::tracked_path` is
/// stable.
pub(crate) fn track(path: &Path) -> TokenStream {
    let path = LitStr::new(&path.to_string_lossy(), Span::call_site());
    quote!(
        const _: &[u8] = ::core::include_bytes!(#path);
    )
}

/// What a struct whose file or fields have errors gets besides them: its items, with bodies
/// that never run (the crate does not compile), so that code using them reports nothing more.
pub(crate) fn fallback(ident: &syn::Ident, generics: &syn::Generics) -> TokenStream {
    let private = private_path();
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #ident #ty_generics #where_clause {
            pub const TTL: #private::Ttl = #private::checked_ttl(1);
            pub const INPUTS: &'static [&'static str] = &[];
            pub fn policy(&self) -> ::core::result::Result<#private::Unloaded, #private::BindError> {
                ::core::unreachable!()
            }
            pub fn sign<K>(&self, _: &K) -> ::core::result::Result<#private::Token, #private::MintError> {
                ::core::unreachable!()
            }
            pub fn sign_at<K>(&self, _: &K, _: u64) -> ::core::result::Result<#private::Token, #private::MintError> {
                ::core::unreachable!()
            }
            pub fn minter<K>(_: &K) -> #private::Unloaded {
                ::core::unreachable!()
            }
        }
    }
}
