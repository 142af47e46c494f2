//! A loaded policy file written back as Rust: the expression that rebuilds it from the values
//! the loader checked, for `#[derive(PolicyFile)]`. Only the runtime knows a template's fields,
//! so it writes the expression; the derive parses it and places it in the user's crate, where
//! it builds the template without reading or checking anything again.

use crate::toml::input::{Input, InputUse, Slot};
use crate::{
    Allow, AppSid, ChatServiceSid, ClientName, DeploymentRoleSid, EndpointId, Identity, Method,
    PushCredentialSid, Region, RoomName, SidKind, SyncServiceSid, TaskQueueSid, TaskRouterRole,
    TaskRouterUrl, TextKind, Ttl, WorkerSid, WorkspaceSid,
};

/// Rust source text under construction. Every path it writes starts with `root`, the module
/// that re-exports what the text names.
pub struct Rust {
    root: String,
    text: String,
}

impl Rust {
    /// An empty expression whose paths start with `root`.
    pub fn new(root: &str) -> Self {
        Rust {
            root: root.to_owned(),
            text: String::new(),
        }
    }

    /// The text written so far.
    pub fn into_text(self) -> String {
        self.text
    }

    /// Writes `text` as it is.
    pub fn raw(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Writes `root::item`.
    pub fn path(&mut self, item: &str) -> &mut Self {
        self.text.push_str(&self.root);
        self.text.push_str("::");
        self.text.push_str(item);
        self
    }

    /// Writes a string literal: `Debug` of a `str` is a valid Rust literal of the same text.
    pub fn str(&mut self, text: &str) -> &mut Self {
        use std::fmt::Write as _;
        let _ = write!(self.text, "{text:?}");
        self
    }

    /// Writes `value`.
    pub fn value(&mut self, value: &dyn Lower) -> &mut Self {
        value.lower(self);
        self
    }

    /// Writes `root::name(args, …)`.
    pub fn call(&mut self, name: &str, args: &[&dyn Lower]) -> &mut Self {
        self.path(name).raw("(");
        self.list(args);
        self.raw(")")
    }

    /// Writes `root::name { field: value, … }`.
    pub fn fields(&mut self, name: &str, fields: &[(&str, &dyn Lower)]) -> &mut Self {
        self.path(name).raw(" { ");
        for (field, value) in fields {
            self.raw(field).raw(": ").value(*value).raw(", ");
        }
        self.raw("}")
    }

    fn list(&mut self, items: &[&dyn Lower]) {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.raw(", ");
            }
            item.lower(self);
        }
    }
}

/// A value the loader checked, written as the Rust expression that rebuilds it.
pub trait Lower {
    /// Writes the expression.
    fn lower(&self, out: &mut Rust);
}

impl Lower for bool {
    fn lower(&self, out: &mut Rust) {
        out.raw(if *self { "true" } else { "false" });
    }
}

impl Lower for usize {
    fn lower(&self, out: &mut Rust) {
        out.raw(&format!("{self}usize"));
    }
}

impl Lower for String {
    fn lower(&self, out: &mut Rust) {
        out.path("String::from(").str(self).raw(")");
    }
}

impl<T: Lower> Lower for Option<T> {
    fn lower(&self, out: &mut Rust) {
        match self {
            None => out.path("Option::None"),
            Some(value) => out.call("Option::Some", &[value]),
        };
    }
}

impl<T: Lower> Lower for Vec<T> {
    fn lower(&self, out: &mut Rust) {
        out.path("Vec::from([");
        let items: Vec<&dyn Lower> = self.iter().map(|v| v as &dyn Lower).collect();
        out.list(&items);
        out.raw("])");
    }
}

impl<A: Lower, B: Lower> Lower for (A, B) {
    fn lower(&self, out: &mut Rust) {
        out.raw("(")
            .value(&self.0)
            .raw(", ")
            .value(&self.1)
            .raw(")");
    }
}

impl<T: Lower> Lower for Slot<T> {
    fn lower(&self, out: &mut Rust) {
        match self {
            Slot::Literal(value) => out.call("Slot::Literal", &[value]),
            Slot::Input(i) => out.call("Slot::Input", &[i]),
        };
    }
}

impl Lower for Ttl {
    fn lower(&self, out: &mut Rust) {
        out.path("checked_ttl(")
            .raw(&format!("{}u32", self.as_secs()))
            .raw(")");
    }
}

impl Lower for Input {
    fn lower(&self, out: &mut Rust) {
        out.call("input", &[&self.name, &self.uses]);
    }
}

impl Lower for InputUse {
    fn lower(&self, out: &mut Rust) {
        let unit = |out: &mut Rust, variant: &str| {
            out.path("InputUse::").raw(variant);
        };
        match self {
            InputUse::ClientName => unit(out, "ClientName"),
            InputUse::ApplicationSid => unit(out, "ApplicationSid"),
            InputUse::Identity => unit(out, "Identity"),
            InputUse::VoiceIdentity => unit(out, "VoiceIdentity"),
            InputUse::Region => unit(out, "Region"),
            InputUse::PolicyUrl => unit(out, "PolicyUrl"),
            InputUse::Param { key } => {
                out.fields("InputUse::Param", &[("key", key)]);
            }
            InputUse::Filter { key } => {
                out.fields("InputUse::Filter", &[("key", key)]);
            }
            InputUse::Sid(kind) => {
                out.call("InputUse::Sid", &[kind]);
            }
            InputUse::Text(kind) => {
                out.call("InputUse::Text", &[kind]);
            }
        }
    }
}

/// A struct of slots, and its `impl Lower`, from one definition: the expression is
/// `root::Name { field: …, … }`, built in another crate, so the fields are public (and the
/// struct doc-hidden).
macro_rules! lowered_struct {
    (
        $(#[$meta:meta])*
        pub struct $ty:ident { $(pub $field:ident: $field_ty:ty),* $(,)? }
    ) => {
        $(#[$meta])*
        #[doc(hidden)]
        pub struct $ty { $(pub $field: $field_ty),* }

        impl $crate::toml::lower::Lower for $ty {
            fn lower(&self, out: &mut $crate::toml::lower::Rust) {
                out.fields(
                    stringify!($ty),
                    &[$((stringify!($field), &self.$field as &dyn $crate::toml::lower::Lower)),*],
                );
            }
        }
    };
}

pub(crate) use lowered_struct;

/// Unit-variant enums: `Debug` writes the variant's name.
macro_rules! lower_unit_enum {
    ($($ty:ident),*) => {$(
        impl Lower for $ty {
            fn lower(&self, out: &mut Rust) {
                out.path(concat!(stringify!($ty), "::")).raw(&format!("{self:?}"));
            }
        }
    )*};
}

lower_unit_enum!(SidKind, TextKind, Method, Allow);

/// Checked text: the literal, wrapped without a second check, as the macros wrap theirs.
macro_rules! lower_checked_text {
    ($($ty:ident),*) => {$(
        impl Lower for $ty {
            fn lower(&self, out: &mut Rust) {
                out.path("checked::<")
                    .path(stringify!($ty))
                    .raw(">(")
                    .str(self.as_str())
                    .raw(")");
            }
        }
    )*};
}

crate::__for_each_input_type!(lower_checked_text);
