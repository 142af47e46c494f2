//! TOML text to [`PolicyTemplate`]: walks the parsed document, checks every key and value by
//! the runtime's own rules, and keeps every error with its place.

use std::io::Read as _;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{
    Diagnostic, Input, InputUse, LoadError, LoadErrorKind, MAX_POLICY_LEN, PairSlots,
    PolicyTemplate, Slot,
};
use crate::claim_layout::Piece;
use crate::{AppSid, ClientName, ParamScope, Ttl, rules};

/// Reads a policy file, refusing one over [`MAX_POLICY_LEN`] before reading it whole.
pub(super) fn read_file(path: &Path) -> Result<String, LoadError> {
    let origin = Some(path.display().to_string());
    let fail = |kind| LoadError::new(origin.clone(), vec![at_start(kind)]);
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
    if bytes.len() > MAX_POLICY_LEN {
        let len = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        return Err(fail(LoadErrorKind::TooLarge {
            len,
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

/// Loads TOML text. `origin` names the file in errors.
pub(super) fn load(source: &str, origin: Option<String>) -> Result<PolicyTemplate, LoadError> {
    if source.len() > MAX_POLICY_LEN {
        let kind = LoadErrorKind::TooLarge {
            len: source.len() as u64,
            max: MAX_POLICY_LEN,
        };
        return Err(LoadError::new(origin, vec![at_start(kind)]));
    }
    let (root, errors) = DeTable::parse_recoverable(source);
    let mut loader = Loader::default();
    if errors.is_empty() {
        let template = loader.root(root.get_ref());
        if loader.errors.is_empty() {
            // The literal text alone must leave room in a token; inputs only add to it.
            let (pieces, _) = template.layout();
            let claim_len = pieces.iter().map(|piece| match piece {
                Piece::Lit(text) => text.len(),
                Piece::Slot { .. } => 0,
            });
            match rules::check_claim_len(claim_len.sum()) {
                Ok(()) => return Ok(template),
                Err(e) => loader.error(LoadErrorKind::Policy(e), 0..0),
            }
        }
    } else {
        for e in errors {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim_end().to_owned();
            loader.error(LoadErrorKind::Syntax { message }, span);
        }
    }
    let mut diagnostics: Vec<Diagnostic> = loader
        .errors
        .into_iter()
        .map(|(kind, span)| locate(source, kind, span))
        .collect();
    diagnostics.sort_by_key(|d| d.span.start);
    Err(LoadError::new(origin, diagnostics))
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

type Value<'i> = Spanned<DeValue<'i>>;

const ROOT_KEYS: &[&str] = &["ttl", "incoming", "outgoing", "event_stream"];
const INCOMING_KEYS: &[&str] = &["client_name"];
const OUTGOING_KEYS: &[&str] = &["application_sid", "params"];
const EVENT_STREAM_KEYS: &[&str] = &["filters"];
const INPUT_KEYS: &[&str] = &["input"];
const PAIR_VALUE: &str = "a string, an integer, a boolean or { input = \"NAME\" }";

#[derive(Default)]
struct Loader {
    errors: Vec<(LoadErrorKind, Range<usize>)>,
    inputs: Vec<Input>,
}

impl Loader {
    fn error(&mut self, kind: LoadErrorKind, span: Range<usize>) {
        self.errors.push((kind, span));
    }

    fn root(&mut self, root: &DeTable<'_>) -> PolicyTemplate {
        self.known_keys(root, "the policy", ROOT_KEYS);
        let ttl = root.get("ttl").map_or(Ttl::DEFAULT, |v| self.ttl(v));
        let incoming = root
            .get("incoming")
            .and_then(|v| self.table(v, "incoming"))
            .map(|(t, span)| self.incoming(t, span))
            .unwrap_or_default();
        let outgoing = root
            .get("outgoing")
            .and_then(|v| self.table(v, "outgoing"))
            .and_then(|(t, span)| self.outgoing(t, span));
        let event_stream = root
            .get("event_stream")
            .and_then(|v| self.table(v, "event_stream"))
            .map(|(t, _)| self.event_stream(t));
        // Judge by the keys present, so a broken section does not also read as missing.
        let present = |key| root.contains_key(key);
        if let Err(e) = rules::check_grants_something(
            usize::from(present("incoming")),
            present("outgoing"),
            present("event_stream"),
        ) {
            self.error(LoadErrorKind::Policy(e), 0..0);
        }
        PolicyTemplate {
            incoming,
            outgoing,
            event_stream,
            ttl,
            inputs: std::mem::take(&mut self.inputs),
        }
    }

    /// Reports every key of `table` that is not in `expected`.
    fn known_keys(
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

    fn wrong_type(&mut self, key: impl Into<String>, expected: &'static str, value: &Value<'_>) {
        let kind = LoadErrorKind::WrongType {
            key: key.into(),
            expected,
            found: value.get_ref().type_str(),
        };
        self.error(kind, value.span());
    }

    fn table<'t, 'i>(
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

    fn ttl(&mut self, value: &Value<'_>) -> Ttl {
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

    fn incoming(&mut self, table: &DeTable<'_>, span: Range<usize>) -> Vec<Slot<ClientName>> {
        self.known_keys(table, "[incoming]", INCOMING_KEYS);
        let Some(value) = table.get("client_name") else {
            let kind = LoadErrorKind::MissingKey {
                key: "client_name",
                table: "[incoming]",
            };
            self.error(kind, span);
            return Vec::new();
        };
        let items: Vec<&Value<'_>> = match value.get_ref() {
            DeValue::Array(items) => {
                if items.is_empty() {
                    self.error(LoadErrorKind::NoClientNames, value.span());
                }
                items.iter().collect()
            }
            _ => vec![value],
        };
        let mut names = Vec::new();
        let mut literals: Vec<String> = Vec::new();
        for item in items {
            let Some(slot) = self.slot(item, "incoming.client_name", InputUse::ClientName) else {
                continue;
            };
            if let Slot::Literal(name) = &slot {
                let name: &ClientName = name;
                if let Err(e) =
                    rules::check_distinct_name(name.as_str(), literals.iter().map(String::as_str))
                {
                    self.error(LoadErrorKind::Policy(e), item.span());
                    continue;
                }
                literals.push(name.as_str().to_owned());
            }
            names.push(slot);
        }
        names
    }

    fn outgoing(
        &mut self,
        table: &DeTable<'_>,
        span: Range<usize>,
    ) -> Option<(Slot<AppSid>, PairSlots)> {
        self.known_keys(table, "[outgoing]", OUTGOING_KEYS);
        let sid = match table.get("application_sid") {
            Some(v) => self.slot(v, "outgoing.application_sid", InputUse::ApplicationSid),
            None => {
                let kind = LoadErrorKind::MissingKey {
                    key: "application_sid",
                    table: "[outgoing]",
                };
                self.error(kind, span);
                None
            }
        };
        let params = table
            .get("params")
            .map(|v| self.pairs(v, ParamScope::OutgoingParams))
            .unwrap_or_default();
        Some((sid?, params))
    }

    fn event_stream(&mut self, table: &DeTable<'_>) -> PairSlots {
        self.known_keys(table, "[event_stream]", EVENT_STREAM_KEYS);
        table
            .get("filters")
            .map(|v| self.pairs(v, ParamScope::EventStreamFilters))
            .unwrap_or_default()
    }

    /// A params or filters table, in file order.
    fn pairs(&mut self, value: &Value<'_>, scope: ParamScope) -> PairSlots {
        let (name, use_of): (&str, fn(String) -> InputUse) = match scope {
            ParamScope::OutgoingParams => ("outgoing.params", |key| InputUse::Param { key }),
            ParamScope::EventStreamFilters => {
                ("event_stream.filters", |key| InputUse::Filter { key })
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

    /// A client name or SID: a string checked by the type's rule, or an input.
    fn slot<T>(&mut self, value: &Value<'_>, key: &str, use_: InputUse) -> Option<Slot<T>>
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
    fn input(&mut self, table: &DeTable<'_>, span: Range<usize>, use_: InputUse) -> Option<usize> {
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
