//! What a policy format's tables and fields are, as data: each format describes its own once
//! (`access/schema.rs`, `capability/schema.rs`, `taskrouter/schema.rs`), and the loaders'
//! key lists, the macro crate's grant tables and the JSON Schema are read from that.
//!
//! Not public API: the macro crate reads it through `__schema`, and it may change in any
//! release.

use crate::toml::input::InputUse;
use crate::{Allow, ChannelKind, ParamScope, PolicyFormat, SidKind, TextKind};

/// A table of a policy file: the root, a grant, a section or one `[[policy]]`.
#[derive(Debug)]
pub struct Table {
    /// How the loader's errors name it: `[voice]`, `[[policy]]`, `the policy`.
    pub header: &'static str,
    /// The macro's clause for it, as `voice`, when the macro has one.
    pub keyword: Option<&'static str>,
    /// Where it lands in the token, as `grants.voice`.
    pub claim: Option<&'static str>,
    /// What it is, in the words of the spec, with its section.
    pub doc: &'static str,
    /// Its keys, in the order the loader lists them in its errors.
    pub fields: &'static [Field],
    /// The rules across its fields.
    pub across: &'static [Across],
    /// The rules the JSON Schema cannot say, left to the loader (`capability check`).
    pub loader_only: &'static [&'static str],
}

/// A key of a [`Table`].
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The TOML key: `push_credential_sid`.
    pub key: &'static str,
    /// The macro's keyword for it, as `push_credential`, when the macro has one.
    pub keyword: Option<&'static str>,
    /// Where it lands in the token, as `grants.voice.push_credential_sid`.
    pub claim: Option<&'static str>,
    /// The value it takes, and so its rule.
    pub kind: ValueKind,
    /// Whether `{ input = "NAME" }` may stand for it.
    pub input: bool,
    /// Whether the table needs it.
    pub required: bool,
    /// The value an absent key means, if any.
    pub default: Option<DefaultValue>,
    /// What it is, in the words of the loader's errors and the spec, with its section.
    pub doc: &'static str,
}

/// The value a [`Field`] takes, with the rule of the type that checks it.
#[derive(Debug, Clone, Copy)]
pub enum ValueKind {
    /// The `format` key, naming this format.
    Format(PolicyFormat),
    /// Seconds, 1 to 86400: [`Ttl`](crate::Ttl).
    Ttl,
    /// `true` or `false`.
    Bool,
    /// An allow option of a channel: `true` is refused where the option is for a worker only.
    Allow(Allow, ChannelKind),
    /// An [`Identity`](crate::Identity).
    Identity,
    /// A [`ClientName`](crate::ClientName), or a non-empty array of distinct ones.
    ClientNames,
    /// An [`AppSid`](crate::AppSid).
    AppSid,
    /// A SID of a [`SidKind`].
    Sid(SidKind),
    /// A text of a [`TextKind`].
    Text(TextKind),
    /// A [`Region`](crate::Region).
    Region,
    /// `key = value` pairs, each a string, an integer, a boolean or an input.
    Pairs(ParamScope),
    /// TaskRouter filters: `Name = { required = true }`.
    Filters(ParamScope),
    /// A TaskRouter [`Method`](crate::Method).
    Method,
    /// A [`TaskRouterUrl`](crate::TaskRouterUrl).
    Url,
    /// A table of its own.
    Table(&'static Table),
    /// An array of tables, as `[[policy]]`.
    Tables(&'static Table),
}

/// The value an absent key means.
#[derive(Debug, Clone, Copy)]
pub enum DefaultValue {
    /// A number, as the ttl's 3600.
    Integer(u32),
    /// A boolean.
    Bool(bool),
    /// A string, as the `format` of a capability policy.
    Str(&'static str),
}

/// A rule across the fields of one table.
#[derive(Debug)]
pub enum Across {
    /// At least one of these keys is there (a boolean one only when `true`).
    AnyOf(&'static [&'static str]),
    /// Exactly one of these keys is there.
    OneOf(&'static [&'static str]),
    /// With key `when` there, a literal `field` must be a client name too.
    ClientNameWith {
        /// The key whose presence brings the rule.
        when: &'static str,
        /// The field the rule narrows.
        field: &'static str,
    },
}

impl ValueKind {
    /// The field a value of this kind fills, for a SID or a text (a grant's fields): its rule,
    /// and what an input standing for it fills.
    pub(crate) fn text_use(self) -> Option<InputUse> {
        match self {
            ValueKind::Sid(kind) => Some(InputUse::Sid(kind)),
            ValueKind::Text(kind) => Some(InputUse::Text(kind)),
            _ => None,
        }
    }
}

impl Table {
    /// A format's root table: how the loader names it, and no clause or claim of its own.
    pub const fn root(
        doc: &'static str,
        fields: &'static [Field],
        across: &'static [Across],
        loader_only: &'static [&'static str],
    ) -> Table {
        Table {
            header: "the policy",
            keyword: None,
            claim: None,
            doc,
            fields,
            across,
            loader_only,
        }
    }

    /// The field with TOML key `key`.
    pub const fn field(&self, key: &str) -> Option<&'static Field> {
        let mut i = 0;
        while i < self.fields.len() {
            if eq(self.fields[i].key, key) {
                return Some(&self.fields[i]);
            }
            i += 1;
        }
        None
    }

    /// The macro's keyword of the first field the table needs, as the builder's and the
    /// macro's errors name it: `service` for `[chat]`.
    pub const fn needs(&self) -> Option<&'static str> {
        let mut i = 0;
        while i < self.fields.len() {
            if self.fields[i].required {
                return self.fields[i].keyword;
            }
            i += 1;
        }
        None
    }

    /// The keys the table needs, in order.
    pub fn required(&self) -> impl Iterator<Item = &'static str> {
        self.fields.iter().filter(|f| f.required).map(|f| f.key)
    }
}

/// A key whose value is `table`, named and placed as the table is.
pub const fn table_field(key: &'static str, table: &'static Table) -> Field {
    Field {
        key,
        keyword: table.keyword,
        claim: table.claim,
        kind: ValueKind::Table(table),
        input: false,
        required: false,
        default: None,
        doc: table.doc,
    }
}

/// The `format` key of a format's root: required but for the capability format, which a file
/// without one is.
pub const fn format_field(format: PolicyFormat, doc: &'static str) -> Field {
    let default = match format {
        PolicyFormat::Capability => Some(DefaultValue::Str(format.name())),
        _ => None,
    };
    Field {
        key: "format",
        keyword: None,
        claim: None,
        kind: ValueKind::Format(format),
        input: false,
        required: default.is_none(),
        default,
        doc,
    }
}

/// The `ttl` of every format: seconds from 1 to 86400, 3600 when absent. `doc` names the
/// format's spec section.
pub const fn ttl(doc: &'static str) -> Field {
    Field {
        key: "ttl",
        keyword: Some("ttl"),
        claim: Some("exp"),
        kind: ValueKind::Ttl,
        input: false,
        required: false,
        default: Some(DefaultValue::Integer(crate::Ttl::DEFAULT.as_secs())),
        doc,
    }
}

/// The TOML keys of `fields`, in order: a table's key list, as the loader's errors print it.
/// `N` is `fields.len()`.
pub const fn keys<const N: usize>(fields: &[Field]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = fields[i].key;
        i += 1;
    }
    out
}

/// Each field's key and claim path, for a table whose token keys are its TOML keys, as the
/// readers take them. `N` is `fields.len()`; a field without a claim fails the build.
pub(crate) const fn claims<const N: usize>(fields: &[Field]) -> [(&'static str, &'static str); N] {
    let mut out = [("", ""); N];
    let mut i = 0;
    while i < N {
        out[i] = match fields[i].claim {
            Some(claim) => (fields[i].key, claim),
            None => panic!("a field read from a token has a claim"),
        };
        i += 1;
    }
    out
}

const fn eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A table's TOML keys as a `&'static [&'static str]`, as the loader's errors list them.
macro_rules! keys_of {
    ($table:expr) => {
        &$crate::schema::keys::<{ $table.fields.len() }>($table.fields)
    };
}
pub(crate) use keys_of;
