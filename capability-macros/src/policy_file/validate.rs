//! The policy file of `#[derive(PolicyFile)]`, loaded at compile time by the runtime's own
//! loader, and the struct's fields checked against its inputs.

use std::path::PathBuf;

use capability_runtime::__macro_support::policy_file;
use capability_runtime::{Input, InputUse, PolicyFile, SidKind, TextKind};
use syn::{Ident, Type};

use crate::errors::Errors;
use crate::policy_file::parse::Struct;

/// A struct whose fields are exactly its policy file's inputs.
pub(crate) struct Checked {
    pub ident: Ident,
    pub generics: syn::Generics,
    pub template: PolicyFile,
    /// The file's path as the attribute gives it.
    pub written: String,
    /// The file, resolved against the manifest directory, for the expansion to track.
    pub path: PathBuf,
    /// The fields in the order of the template's inputs.
    pub fields: Vec<InputField>,
}

/// A field and what its input fills.
pub(crate) struct InputField {
    pub ident: Ident,
    pub ty: Type,
    pub kind: FieldKind,
}

/// What a field must hold.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldKind {
    /// A value of this checked type (its name in the facade), owned or borrowed; an
    /// identity's field may hold a client name too.
    Checked(&'static str),
    /// Anything `Display`: free text, or text that no one checked type covers, which the
    /// template checks against every rule when the struct mints.
    Text,
}

/// Why a file could not be used, after its errors were pushed: whether it can be tracked.
pub(crate) struct Failed {
    pub error: syn::Error,
    /// The file, when it could be read, so that editing it rebuilds the crate.
    pub track: Option<PathBuf>,
}

pub(crate) fn validate(parsed: Struct) -> Result<Checked, Failed> {
    let written = parsed.file.value();
    let span = parsed.file.span();
    let path = manifest_dir().join(&written);
    let template = match policy_file::load(&path, &written) {
        Ok(template) => template,
        Err(error) => {
            let mut errors = Errors::default();
            let whole_file = error.diagnostics().iter().any(|d| d.kind.is_whole_file());
            for d in error.diagnostics() {
                let text = policy_file::render(&error, d);
                let text = text.trim_end();
                errors.at(span, text.strip_prefix("error: ").unwrap_or(text));
            }
            return Err(Failed {
                error: errors.into_error(),
                track: (!whole_file).then_some(path),
            });
        }
    };
    let mut errors = Errors::default();
    let inputs = template.inputs();
    let mut fields: Vec<Option<InputField>> = inputs.iter().map(|_| None).collect();
    for field in parsed.fields {
        let Some(i) = inputs.iter().position(|input| input.name() == field.input) else {
            errors.at(field.input_span, no_input(&field.input, &written, inputs));
            continue;
        };
        if fields[i].is_some() {
            errors.at(
                field.input_span,
                format!("input `{}` is filled by another field already", field.input),
            );
            continue;
        }
        fields[i] = Some(InputField {
            ident: field.ident,
            ty: field.ty,
            kind: kind(inputs[i].uses()),
        });
    }
    for (input, field) in inputs.iter().zip(&fields) {
        if field.is_none() {
            errors.at(parsed.ident.span(), no_field(input, &written));
        }
    }
    errors.finish(()).map_err(|error| Failed {
        error,
        track: Some(path.clone()),
    })?;
    Ok(Checked {
        ident: parsed.ident,
        generics: parsed.generics,
        template,
        written,
        path,
        fields: fields.into_iter().flatten().collect(),
    })
}

/// The directory of the crate being built, against which the file's path is resolved, as
/// `include_str!`'s is not: askama and sqlx resolve theirs so too.
fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(PathBuf::new, PathBuf::from)
}

fn no_input(name: &str, file: &str, inputs: &[Input]) -> String {
    let names: Vec<String> = inputs.iter().map(|i| format!("`{}`", i.name())).collect();
    let known = if names.is_empty() {
        "it has no inputs".to_owned()
    } else {
        format!("its inputs are {}", names.join(", "))
    };
    format!("`{file}` has no input `{name}`: {known}")
}

fn no_field(input: &Input, file: &str) -> String {
    let uses: Vec<String> = input.uses().iter().map(describe).collect();
    let name = input.name();
    let ty = match kind(input.uses()) {
        FieldKind::Checked(ty) => ty,
        FieldKind::Text => "&str",
    };
    let add = if syn::parse_str::<Ident>(name).is_ok() {
        format!("add a field `{name}: {ty}`")
    } else if syn::parse_str::<Ident>(&format!("r#{name}")).is_ok() {
        format!("add a field `r#{name}: {ty}`")
    } else {
        format!(
            "its name is not a Rust identifier: add a field with \
             `#[policy(input = \"{name}\")]`, of type `{ty}`"
        )
    };
    format!(
        "`{file}` has an input `{name}` that no field fills (it fills {}): {add}",
        uses.join(", ")
    )
}

/// The field an input fills, in words.
fn describe(use_: &InputUse) -> String {
    match use_ {
        InputUse::ClientName => "an incoming client name".to_owned(),
        InputUse::ApplicationSid => "the outgoing application SID".to_owned(),
        InputUse::Param { key } => format!("outgoing param `{key}`"),
        InputUse::Filter { key } => format!("event-stream filter `{key}`"),
        InputUse::Identity => "the identity".to_owned(),
        InputUse::VoiceIdentity => "the identity, a client name for the voice grant".to_owned(),
        InputUse::Sid(kind) => format!("the {}", kind.field()),
        InputUse::Text(kind) => format!("the {}", kind.field()),
        InputUse::Region => "the region".to_owned(),
        InputUse::PolicyUrl => "the URL of a custom policy".to_owned(),
        _ => "a field".to_owned(),
    }
}

/// The strictest checked type among the fields an input fills, when one covers them all.
fn kind(uses: &[InputUse]) -> FieldKind {
    let mut types: Vec<&'static str> = Vec::new();
    for use_ in uses {
        let ty = match use_ {
            InputUse::Param { .. } | InputUse::Filter { .. } => continue,
            InputUse::ClientName | InputUse::VoiceIdentity => "ClientName",
            InputUse::Identity => "Identity",
            InputUse::ApplicationSid => "AppSid",
            InputUse::Region => "Region",
            InputUse::PolicyUrl => "TaskRouterUrl",
            InputUse::Sid(kind) => match sid_type(*kind) {
                Some(ty) => ty,
                None => return FieldKind::Text,
            },
            InputUse::Text(kind) => match text_type(*kind) {
                Some(ty) => ty,
                None => return FieldKind::Text,
            },
            _ => return FieldKind::Text,
        };
        if !types.contains(&ty) {
            types.push(ty);
        }
    }
    // A client name is an identity too: the builder and the macros take one for either.
    if types.len() == 2 && types.contains(&"Identity") && types.contains(&"ClientName") {
        return FieldKind::Checked("ClientName");
    }
    match types[..] {
        [ty] => FieldKind::Checked(ty),
        _ => FieldKind::Text,
    }
}

fn sid_type(kind: SidKind) -> Option<&'static str> {
    Some(match kind {
        SidKind::PushCredential => "PushCredentialSid",
        SidKind::ChatService => "ChatServiceSid",
        SidKind::SyncService => "SyncServiceSid",
        SidKind::DeploymentRole => "DeploymentRoleSid",
        SidKind::Workspace => "WorkspaceSid",
        SidKind::Worker => "WorkerSid",
        SidKind::TaskQueue => "TaskQueueSid",
        _ => return None,
    })
}

fn text_type(kind: TextKind) -> Option<&'static str> {
    Some(match kind {
        TextKind::Room => "RoomName",
        TextKind::EndpointId => "EndpointId",
        TextKind::Role => "TaskRouterRole",
        _ => return None,
    })
}
