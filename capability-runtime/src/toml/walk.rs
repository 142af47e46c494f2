//! Walking a parsed policy file: every key and value checked by the runtime's own rules, and
//! every error kept with its place. Each format's loader reads its own tables through this.

use std::io::Read as _;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::toml::format::PolicyFormat;
use crate::toml::input::{Input, InputUse, PairSlots, Slot};
use crate::{AppSid, Diagnostic, LoadError, LoadErrorKind, ParamScope, Ttl, rules};

/// The largest policy file a loader reads, in bytes. A larger one is refused before it is
/// parsed.
pub const MAX_POLICY_LEN: usize = 1024 * 1024;

/// Reads a policy file, refusing one over [`MAX_POLICY_LEN`] before reading it whole.
pub(crate) fn read_file(path: &Path) -> Result<String, LoadError> {
    let origin = Some(path.display().to_string());
    let fail = |kind| LoadError::new(origin.clone(), "", vec![at_start(kind)]);
    let io = |e: std::io::Error| {
        fail(LoadErrorKind::Io {
            message: e.to_string(),
        })
    };
    let file = std::fs::File::open(path).map_err(io)?;
    // Read at most one byte past the limit: the length on disk may change while we read.
    let mut bytes = Vec::new();
    file.take(MAX_POLICY_LEN as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    // Only what was read is known: a device, a pipe or a file under /proc has no length.
    if bytes.len() > MAX_POLICY_LEN {
        return Err(fail(LoadErrorKind::TooLarge {
            max: MAX_POLICY_LEN,
        }));
    }
    String::from_utf8(bytes).map_err(|e| {
        fail(LoadErrorKind::Io {
            message: format!(
                "the file is not UTF-8 (at byte {})",
                e.utf8_error().valid_up_to()
            ),
        })
    })
}

fn at_start(kind: LoadErrorKind) -> Diagnostic {
    Diagnostic {
        kind,
        span: 0..0,
        line: 1,
        column: 1,
    }
}

/// Parses `source` and hands its root table to `root`, which reads it through a [`Walker`].
/// Returns what `root` made when nothing anywhere was wrong, else every error, in file order,
/// each located. `origin` names the file in errors.
pub(crate) fn walk<T>(
    source: &str,
    origin: Option<String>,
    root: impl FnOnce(&mut Walker, &DeTable<'_>) -> T,
) -> Result<T, LoadError> {
    if source.len() > MAX_POLICY_LEN {
        let kind = LoadErrorKind::TooLarge {
            max: MAX_POLICY_LEN,
        };
        return Err(LoadError::new(origin, "", vec![at_start(kind)]));
    }
    let (table, errors) = DeTable::parse_recoverable(source);
    let mut walker = Walker::default();
    if errors.is_empty() {
        let made = root(&mut walker, table.get_ref());
        if walker.errors.is_empty() {
            return Ok(made);
        }
    } else {
        for e in errors {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim_end().to_owned();
            walker.error(LoadErrorKind::Syntax { message }, span);
        }
    }
    let mut diagnostics: Vec<Diagnostic> = walker
        .errors
        .into_iter()
        .map(|(kind, span)| locate(source, kind, span))
        .collect();
    diagnostics.sort_by_key(|d| d.span.start);
    Err(LoadError::new(origin, source, diagnostics))
}

/// The 1-based line and character column of a byte offset.
fn locate(source: &str, kind: LoadErrorKind, span: Range<usize>) -> Diagnostic {
    let start = span.start.min(source.len());
    // A span from the parser always falls on a char boundary; be safe if not.
    let before = source.get(..start).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Diagnostic {
        kind,
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
        span,
    }
}

pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

const INPUT_KEYS: &[&str] = &["input"];
const PAIR_VALUE: &str = "a string, an integer, a boolean or { input = \"NAME\" }";

/// The errors found so far and the inputs declared so far.
#[derive(Default)]
pub(crate) struct Walker {
    errors: Vec<(LoadErrorKind, Range<usize>)>,
    inputs: Vec<Input>,
}

impl Walker {
    pub(crate) fn error(&mut self, kind: LoadErrorKind, span: Range<usize>) {
        self.errors.push((kind, span));
    }

    /// Whether an error was found.
    pub(crate) fn failed(&self) -> bool {
        !self.errors.is_empty()
    }

    /// The inputs declared, in the order they first appear.
    pub(crate) fn take_inputs(&mut self) -> Vec<Input> {
        std::mem::take(&mut self.inputs)
    }

    /// Reports every key of `table` that is not in `expected`.
    pub(crate) fn known_keys(
        &mut self,
        table: &DeTable<'_>,
        name: &'static str,
        expected: &'static [&'static str],
    ) {
        for key in table.keys() {
            if !expected.contains(&key.get_ref().as_ref()) {
                let kind = LoadErrorKind::UnknownKey {
                    key: key.get_ref().to_string(),
                    table: name,
                    expected,
                };
                self.error(kind, key.span());
            }
        }
    }

    /// Reports every key of a policy's root `table` that is not in `expected`, naming the
    /// format of those that belong to another.
    pub(crate) fn known_keys_of(
        &mut self,
        table: &DeTable<'_>,
        expected: &'static [&'static str],
        format: PolicyFormat,
    ) {
        for key in table.keys() {
            let text: &str = key.get_ref();
            if expected.contains(&text) {
                continue;
            }
            let mut others = PolicyFormat::ALL.into_iter().filter(|f| *f != format);
            let kind = match others.find(|f| f.own_keys().contains(&text)) {
                Some(belongs) => LoadErrorKind::OtherFormatKey {
                    key: text.to_owned(),
                    belongs,
                    format,
                },
                None => LoadErrorKind::UnknownKey {
                    key: text.to_owned(),
                    table: "the policy",
                    expected,
                },
            };
            self.error(kind, key.span());
        }
    }

    /// The file's `format`: absent is a capability policy. `expected`, when given, is the one
    /// format the caller reads: another is an error at the `format` value.
    pub(crate) fn format(
        &mut self,
        root: &DeTable<'_>,
        expected: Option<PolicyFormat>,
    ) -> Option<PolicyFormat> {
        let (format, span) = match root.get("format") {
            None => (PolicyFormat::Capability, 0..0),
            Some(value) => {
                let DeValue::String(text) = value.get_ref() else {
                    self.wrong_type("format", "a string", value);
                    return None;
                };
                let Some(format) = PolicyFormat::from_name(text) else {
                    let kind = LoadErrorKind::UnknownFormat {
                        value: text.to_string(),
                    };
                    self.error(kind, value.span());
                    return None;
                };
                (format, value.span())
            }
        };
        match expected {
            Some(expected) if expected != format => {
                let kind = LoadErrorKind::WrongFormat { found: format };
                self.error(kind, span);
                None
            }
            _ => Some(format),
        }
    }

    pub(crate) fn wrong_type(
        &mut self,
        key: impl Into<String>,
        expected: &'static str,
        value: &Value<'_>,
    ) {
        let kind = LoadErrorKind::WrongType {
            key: key.into(),
            expected,
            found: value.get_ref().type_str(),
        };
        self.error(kind, value.span());
    }

    /// The boolean at `key` of `table`, or `absent` when the key is not there; an error, and
    /// `absent`, when the value is not a boolean.
    pub(crate) fn bool(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
        path: &str,
        absent: bool,
    ) -> bool {
        match table.get(key) {
            None => absent,
            Some(value) => match value.get_ref() {
                DeValue::Boolean(b) => *b,
                _ => {
                    self.wrong_type(path, "a boolean", value);
                    absent
                }
            },
        }
    }

    pub(crate) fn table<'t, 'i>(
        &mut self,
        value: &'t Value<'i>,
        key: &str,
    ) -> Option<(&'t DeTable<'i>, Range<usize>)> {
        match value.get_ref() {
            DeValue::Table(t) => Some((t, value.span())),
            _ => {
                self.wrong_type(key, "a table", value);
                None
            }
        }
    }

    pub(crate) fn ttl(&mut self, value: &Value<'_>) -> Ttl {
        let DeValue::Integer(n) = value.get_ref() else {
            self.wrong_type("ttl", "an integer number of seconds", value);
            return Ttl::DEFAULT;
        };
        // Out of i128 range is out of the ttl's range too.
        let secs = i128::from_str_radix(n.as_str(), n.radix()).unwrap_or(i128::MAX);
        Ttl::try_from(secs).unwrap_or_else(|e| {
            self.error(LoadErrorKind::Value(e), value.span());
            Ttl::DEFAULT
        })
    }

    /// A params or filters table at `name` (as `outgoing.params`), in file order.
    pub(crate) fn pairs(&mut self, value: &Value<'_>, scope: ParamScope, name: &str) -> PairSlots {
        let use_of: fn(String) -> InputUse = match scope {
            ParamScope::OutgoingParams => |key| InputUse::Param { key },
            // TaskRouter filters are tables of their own shape, read by their loader.
            ParamScope::EventStreamFilters | ParamScope::QueryFilter | ParamScope::PostFilter => {
                |key| InputUse::Filter { key }
            }
        };
        let Some((table, span)) = self.table(value, name) else {
            return Vec::new();
        };
        if let Err(e) = rules::check_pair_count(scope, table.len()) {
            self.error(LoadErrorKind::Policy(e), span);
            return Vec::new();
        }
        let mut pairs: PairSlots = Vec::new();
        for (key, value) in table.iter() {
            let key_text: &str = key.get_ref();
            if let Err(e) = rules::check_key(scope, key_text, pairs.iter().map(|(k, _)| k.as_str()))
            {
                self.error(LoadErrorKind::Policy(e), key.span());
                continue;
            }
            let path = format!("{name}.{key_text}");
            let slot = match value.get_ref() {
                DeValue::String(s) => match rules::check_value(scope, key_text, s) {
                    Ok(()) => Some(Slot::Literal(s.to_string())),
                    Err(e) => {
                        self.error(LoadErrorKind::Value(e), value.span());
                        None
                    }
                },
                DeValue::Integer(n) => match i128::from_str_radix(n.as_str(), n.radix()) {
                    Ok(n) => Some(Slot::Literal(n.to_string())),
                    Err(_) => {
                        self.wrong_type(path, PAIR_VALUE, value);
                        None
                    }
                },
                DeValue::Boolean(b) => Some(Slot::Literal(b.to_string())),
                DeValue::Table(t) => self
                    .input(t, value.span(), use_of(key_text.to_owned()))
                    .map(Slot::Input),
                _ => {
                    self.wrong_type(path, PAIR_VALUE, value);
                    None
                }
            };
            if let Some(slot) = slot {
                pairs.push((key_text.to_owned(), slot));
            }
        }
        pairs
    }

    /// An outgoing table, as the capability and access formats both have it at `path`
    /// (`outgoing`, `voice.outgoing`): its application SID, required, and its params.
    pub(crate) fn outgoing(
        &mut self,
        table: &DeTable<'_>,
        span: Range<usize>,
        header: &'static str,
        keys: &'static [&'static str],
        path: &str,
    ) -> Option<(Slot<AppSid>, PairSlots)> {
        self.known_keys(table, header, keys);
        let sid = match table.get("application_sid") {
            Some(v) => self.slot(
                v,
                &format!("{path}.application_sid"),
                InputUse::ApplicationSid,
            ),
            None => {
                let kind = LoadErrorKind::MissingKey {
                    key: "application_sid",
                    table: header,
                };
                self.error(kind, span);
                None
            }
        };
        let params = table
            .get("params")
            .map(|v| self.pairs(v, ParamScope::OutgoingParams, &format!("{path}.params")))
            .unwrap_or_default();
        Some((sid?, params))
    }

    /// A client name or SID: a string checked by the type's rule, or an input.
    pub(crate) fn slot<T>(
        &mut self,
        value: &Value<'_>,
        key: &str,
        use_: InputUse,
    ) -> Option<Slot<T>>
    where
        T: for<'a> TryFrom<&'a str, Error = crate::ValueError>,
    {
        match value.get_ref() {
            DeValue::String(s) => match T::try_from(s) {
                Ok(v) => Some(Slot::Literal(v)),
                Err(e) => {
                    self.error(LoadErrorKind::Value(e), value.span());
                    None
                }
            },
            DeValue::Table(t) => self.input(t, value.span(), use_).map(Slot::Input),
            _ => {
                self.wrong_type(key, "a string or { input = \"NAME\" }", value);
                None
            }
        }
    }

    /// `{ input = "NAME" }`: registers the use and gives the input's index.
    pub(crate) fn input(
        &mut self,
        table: &DeTable<'_>,
        span: Range<usize>,
        use_: InputUse,
    ) -> Option<usize> {
        self.known_keys(table, "an input", INPUT_KEYS);
        let Some(value) = table.get("input") else {
            let kind = LoadErrorKind::MissingKey {
                key: "input",
                table: "an input",
            };
            self.error(kind, span);
            return None;
        };
        let DeValue::String(name) = value.get_ref() else {
            self.wrong_type("input", "a string", value);
            return None;
        };
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !valid {
            let kind = LoadErrorKind::InputName {
                name: name.to_string(),
            };
            self.error(kind, value.span());
            return None;
        }
        let index = match self.inputs.iter().position(|i| i.name == **name) {
            Some(i) => i,
            None => {
                self.inputs.push(Input {
                    name: name.to_string(),
                    uses: Vec::new(),
                });
                self.inputs.len() - 1
            }
        };
        self.inputs[index].uses.push(use_);
        Some(index)
    }
}
