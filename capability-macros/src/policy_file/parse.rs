//! The struct of `#[derive(PolicyFile)]`: its `#[policy(file = "…")]` and its fields, grammar
//! only.

use proc_macro2::Span;
use syn::ext::IdentExt as _;
use syn::{Attribute, Data, DeriveInput, Fields, Generics, Ident, LitStr, Type};

use crate::errors::Errors;

/// A derive input that has the shape the derive takes.
pub(crate) struct Struct {
    pub ident: Ident,
    pub generics: Generics,
    /// The `file = "…"` literal: the path, relative to the crate's manifest directory.
    pub file: LitStr,
    pub fields: Vec<Field>,
}

/// A named field, and the input it fills.
pub(crate) struct Field {
    pub ident: Ident,
    pub ty: Type,
    /// The input's name: `#[policy(input = "…")]`, or the field's name without `r#`.
    pub input: String,
    /// Where the input's name was written: the attribute's literal, or the field's name.
    pub input_span: Span,
}

/// Reads the struct; every error found is in the `Err`.
pub(crate) fn parse(input: DeriveInput) -> Result<Struct, syn::Error> {
    let mut errors = Errors::default();
    let file = struct_file(&input.attrs, &input.ident, &mut errors);
    let fields = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => named
                .named
                .iter()
                .filter_map(|f| field(f, &mut errors))
                .collect(),
            Fields::Unit => Vec::new(),
            Fields::Unnamed(unnamed) => {
                errors.at(
                    unnamed.paren_token.span.join(),
                    "`#[derive(PolicyFile)]` needs named fields, one per input of the policy \
                     file; a tuple struct has none",
                );
                Vec::new()
            }
        },
        Data::Enum(syn::DataEnum { enum_token, .. }) => {
            not_a_struct(&mut errors, enum_token.span, "an enum");
            Vec::new()
        }
        Data::Union(syn::DataUnion { union_token, .. }) => {
            not_a_struct(&mut errors, union_token.span, "a union");
            Vec::new()
        }
    };
    match file {
        Some(file) => errors.finish(Struct {
            ident: input.ident,
            generics: input.generics,
            file,
            fields,
        }),
        None => Err(errors.into_error()),
    }
}

fn not_a_struct(errors: &mut Errors, span: Span, what: &str) {
    errors.at(
        span,
        format!(
            "`#[derive(PolicyFile)]` takes a struct whose fields are the policy file's inputs, \
             not {what}"
        ),
    );
}

/// The `file = "…"` of the struct's one `#[policy(…)]`.
fn struct_file(attrs: &[Attribute], ident: &Ident, errors: &mut Errors) -> Option<LitStr> {
    let file = policy_key(
        attrs,
        "file",
        "a struct",
        "a struct reads one policy file",
        errors,
    );
    if file.is_none() {
        errors.at(
            ident.span(),
            "`#[derive(PolicyFile)]` needs its policy file: add \
             `#[policy(file = \"policies/NAME.toml\")]`, a path relative to the crate's \
             Cargo.toml",
        );
    }
    file
}

/// The value of `key = "…"`, the one key that `#[policy(…)]` takes on `what`; every other key,
/// and the key given twice (`once` says why it may not be), is an error.
fn policy_key(
    attrs: &[Attribute],
    key: &str,
    what: &str,
    once: &str,
    errors: &mut Errors,
) -> Option<LitStr> {
    let mut found: Option<LitStr> = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("policy")) {
        let parsed = attr.parse_nested_meta(|meta| {
            if !meta.path.is_ident(key) {
                return Err(meta.error(format!(
                    "unknown key in `#[policy(…)]` of {what}: the only key is `{key} = \"…\"`"
                )));
            }
            let value: LitStr = meta.value()?.parse()?;
            if found.is_some() {
                return Err(meta.error(format!("`{key}` is given twice: {once}")));
            }
            found = Some(value);
            Ok(())
        });
        if let Err(e) = parsed {
            errors.push(e);
        }
    }
    found
}

fn field(field: &syn::Field, errors: &mut Errors) -> Option<Field> {
    let ident = field.ident.clone()?;
    let input = policy_key(
        &field.attrs,
        "input",
        "a field",
        "a field fills one input",
        errors,
    );
    let (name, input_span) = match input {
        Some(lit) => (lit.value(), lit.span()),
        None => (ident.unraw().to_string(), ident.span()),
    };
    Some(Field {
        ident,
        ty: field.ty.clone(),
        input: name,
        input_span,
    })
}
