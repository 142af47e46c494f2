//! The JSON Schema of policy files, generated from the formats' tables and the value types'
//! rules, so that it cannot drift from the loader.

use serde_json::{Map, Value, json};

use crate::schema::{Across, DefaultValue, Field, Table, ValueKind};
use crate::{Method, PolicyFormat, SidKind, TaskRouterUrl, TextKind, Ttl, rules};

const DRAFT: &str = "http://json-schema.org/draft-07/schema#";
const INPUT: &str = "#/definitions/input";
/// What `capability check` checks and the schema cannot say, as the description lists it.
const LOADER_ONLY: &str = "Checked by `capability check`, not by this schema:";
/// JSON has one kind of number, and a draft-07 `integer` is any number with no fraction: the
/// loader's TOML tells `600.0` from `600`, the schema's JSON cannot.
const WHOLE_FLOAT: &str =
    "a ttl, param or filter written as a number is a TOML integer, not a float such as 600.0";

/// Each format's root table.
const ROOTS: [(PolicyFormat, &Table); 3] = [
    (PolicyFormat::Capability, &crate::capability::schema::ROOT),
    (PolicyFormat::AccessToken, &crate::access::schema::ROOT),
    (PolicyFormat::TaskRouter, &crate::taskrouter::schema::ROOT),
];

/// The JSON Schema (draft-07) of policy files of every format, pretty-printed with a trailing
/// newline: what `capability schema` prints.
///
/// The `format` key selects the branch: `"access-token"`, `"taskrouter"`, or `"capability"`
/// (the branch of a file without `format`, as the loader reads it). Every key has its type,
/// its rule and the description the loader's errors use; a rule JSON Schema cannot say is
/// listed in the top-level `description`, after "Checked by `capability check`". Draft-07
/// because every editor engine that reads it (taplo, behind VS Code's Even Better TOML, Zed and
/// Helix; JetBrains IDEs; VS Code's own JSON support) supports that draft fully.
///
/// An editor finds the schema through a first-line comment, `#:schema ./policy.schema.json`,
/// which the loader ignores as a comment. A root `"$schema"` key is refused, as every unknown
/// key is: one way to say it.
///
/// ```
/// let schema: serde_json::Value = serde_json::from_str(&capability::policy_schema())?;
/// assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
/// let ttl = &schema["definitions"]["access-token"]["properties"]["ttl"];
/// assert_eq!((&ttl["minimum"], &ttl["maximum"], &ttl["default"]), (&1.into(), &86400.into(), &3600.into()));
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn policy_schema() -> String {
    let mut loader_only: Vec<&str> = vec![WHOLE_FLOAT];
    let mut definitions = Map::new();
    definitions.insert("input".into(), input());
    let mut keys_for_editors = Vec::new();
    for (format, root) in ROOTS {
        collect_loader_only(root, &mut loader_only);
        definitions.insert(format.name().into(), table(root));
        keys_for_editors.push(json!({"$ref": target(format)}));
    }
    // `format` names the branch; anything else, no `format` included, is a capability
    // policy, whose own `format` rule then flags a wrong one at the key. Nested if/then/else
    // rather than an allOf, which taplo would not look into for completion.
    let mut branch = json!({"$ref": target(PolicyFormat::Capability)});
    for format in PolicyFormat::ALL.into_iter().rev() {
        if format == PolicyFormat::Capability {
            continue;
        }
        branch = json!({
            "if": {"properties": {"format": {"const": format.name()}}, "required": ["format"]},
            "then": {"$ref": target(format)},
            "else": branch,
        });
    }
    // An empty schema passes anything, and so the whole `anyOf`.
    keys_for_editors.push(json!({}));
    let names: Vec<&str> = PolicyFormat::ALL.iter().map(|f| f.name()).collect();
    let mut description = String::from(
        "A policy file of twilio-capability (the `capability` command line and library): \
         what a Twilio token grants. The `format` key selects the format: \"capability\" \
         (or no `format`) for a Client 1.x capability token, \"access-token\" for an Access \
         Token, \"taskrouter\" for a TaskRouter capability token. Point an editor at this \
         schema with a first line `#:schema PATH`; a root `$schema` key is refused, as every \
         unknown key is.\n\n",
    );
    description.push_str(LOADER_ONLY);
    for rule in &loader_only {
        description.push_str("\n- ");
        description.push_str(rule);
    }
    let schema = json!({
        "$schema": DRAFT,
        "title": "twilio-capability policy file",
        "description": description,
        "type": "object",
        "properties": {
            "format": {
                "description": "The policy's format; a file without one is a capability policy.",
                "enum": names,
                "default": PolicyFormat::Capability.name(),
            },
        },
        "if": branch["if"],
        "then": branch["then"],
        "else": branch["else"],
        "$comment": "The anyOf lists every format's keys for editors that find keys through anyOf but not through if/then (taplo); its last branch, {}, makes it check nothing. The if/then/else checks.",
        "anyOf": keys_for_editors,
        "definitions": definitions,
    });
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

fn target(format: PolicyFormat) -> String {
    format!("#/definitions/{}", format.name())
}

/// The loader-only rules of `table` and of the tables inside it, each once, in order.
fn collect_loader_only(table: &Table, out: &mut Vec<&'static str>) {
    for rule in table.loader_only {
        if !out.contains(rule) {
            out.push(rule);
        }
    }
    for field in table.fields {
        if let ValueKind::Table(inner) | ValueKind::Tables(inner) = field.kind {
            collect_loader_only(inner, out);
        }
    }
}

/// `{ input = "NAME" }`, with the input-name rule. The description is the `input` key's, not
/// the object's: an editor's hover on a field joins the descriptions of every branch it may
/// take, and the field's own should stand alone there.
fn input() -> Value {
    json!({
        "type": "object",
        "properties": {"input": {
            "description": "An input: a value given at mint time, as `--input NAME=VALUE`. The name is 1 or more of A-Z a-z 0-9 _ -.",
            "type": "string",
            "pattern": "^[A-Za-z0-9_-]+$",
        }},
        "required": ["input"],
        "additionalProperties": false,
    })
}

fn table(table: &Table) -> Value {
    let mut properties = Map::new();
    for field in table.fields {
        properties.insert(field.key.into(), field_schema(field));
    }
    let required: Vec<&str> = table.required().collect();
    let mut out = json!({
        "description": table.doc,
        "type": "object",
        "properties": properties,
    });
    if !required.is_empty() {
        out["required"] = json!(required);
    }
    out["additionalProperties"] = json!(false);
    // Each rule's keywords on the table itself, not in an `allOf`, in which taplo would not
    // look for the table's keys; only a second rule of the same keyword goes in one.
    let mut all_of = Vec::new();
    for rule in table.across {
        let Value::Object(rule) = across(table, rule) else {
            continue;
        };
        match out.as_object_mut() {
            Some(own) if !rule.keys().any(|k| own.contains_key(k)) => own.extend(rule),
            _ => all_of.push(Value::Object(rule)),
        }
    }
    if !all_of.is_empty() {
        out["allOf"] = json!(all_of);
    }
    out
}

fn across(table: &Table, rule: &Across) -> Value {
    let present = |key: &str| match table.field(key).map(|f| f.kind) {
        Some(ValueKind::Bool) => json!({"required": [key], "properties": {key: {"const": true}}}),
        _ => json!({"required": [key]}),
    };
    match rule {
        Across::AnyOf(keys) => {
            json!({"anyOf": keys.iter().map(|k| present(k)).collect::<Vec<_>>()})
        }
        Across::OneOf(keys) => {
            json!({"oneOf": keys.iter().map(|k| present(k)).collect::<Vec<_>>()})
        }
        Across::ClientNameWith { when, field } => json!({
            "if": {"required": [when]},
            "then": {"properties": {*field: {"anyOf": [client_name(), {"$ref": INPUT}]}}},
        }),
    }
}

fn field_schema(field: &Field) -> Value {
    let mut out = Map::new();
    out.insert("description".into(), json!(field.doc));
    if let Value::Object(rule) = value(field.kind, field.input) {
        out.extend(rule);
    }
    if let Some(default) = field.default {
        let default = match default {
            DefaultValue::Integer(n) => json!(n),
            DefaultValue::Bool(b) => json!(b),
            DefaultValue::Str(s) => json!(s),
        };
        out.insert("default".into(), default);
    }
    Value::Object(out)
}

/// The schema of one value of `kind`, or of an input where `input`, without its description.
fn value(kind: ValueKind, input: bool) -> Value {
    let or_input = |value: Value| match input {
        true => json!({"anyOf": [value, {"$ref": INPUT}]}),
        false => value,
    };
    match kind {
        ValueKind::ClientNames => {
            let one = or_input(client_name());
            json!({"anyOf": [one, {"type": "array", "minItems": 1, "items": one}]})
        }
        kind => or_input(plain(kind)),
    }
}

/// The schema of one literal value of `kind`.
fn plain(kind: ValueKind) -> Value {
    match kind {
        ValueKind::Format(format) => json!({"const": format.name()}),
        ValueKind::Ttl => json!({"type": "integer", "minimum": 1, "maximum": Ttl::MAX_SECS}),
        ValueKind::Bool => json!({"type": "boolean"}),
        ValueKind::Allow(allow, channel) => {
            if allow.worker_only() && channel != crate::ChannelKind::Worker {
                json!({"type": "boolean", "const": false})
            } else {
                json!({"type": "boolean"})
            }
        }
        ValueKind::Identity => json!({
            "type": "string",
            "minLength": 1,
            "maxLength": crate::Identity::MAX_CHARS,
            "pattern": none_of(|c| c.is_whitespace() || c.is_control()),
        }),
        ValueKind::ClientNames => client_name(),
        ValueKind::AppSid => sid("AP", None),
        ValueKind::Sid(kind) => {
            // The one exception of spec 2: a sync service may be the word `default`.
            let also = (kind == SidKind::SyncService).then_some("default");
            sid(kind.prefix(), also)
        }
        ValueKind::Text(kind) => text(kind),
        ValueKind::Region => json!({"type": "string", "pattern": "^[a-z]{2}[0-9]$"}),
        ValueKind::Pairs(_) => pairs(json!({"anyOf": [
            {"type": "string", "maxLength": rules::MAX_VALUE_LEN},
            {"type": "integer"},
            {"type": "boolean"},
            {"$ref": INPUT},
        ]})),
        ValueKind::Filters(_) => pairs(json!({
            "type": "object",
            "properties": {"required": {"type": "boolean"}},
            "required": ["required"],
            "additionalProperties": false,
        })),
        ValueKind::Method => {
            let methods = [Method::Get, Method::Post, Method::Delete].map(Method::as_str);
            json!({"enum": methods})
        }
        ValueKind::Url => {
            let hosts: Vec<String> = TaskRouterUrl::PREFIXES.iter().map(|p| escape(p)).collect();
            let rest = none_of(|c| c.is_whitespace() || c.is_control());
            // `none_of` is anchored; its class goes after the hosts.
            let rest = rest.trim_start_matches('^');
            json!({
                "type": "string",
                "maxLength": TaskRouterUrl::MAX_LEN,
                "pattern": format!("^({}){rest}", hosts.join("|")),
            })
        }
        ValueKind::Table(inner) => table(inner),
        ValueKind::Tables(inner) => json!({"type": "array", "items": table(inner)}),
    }
}

fn client_name() -> Value {
    json!({"type": "string", "pattern": "^[A-Za-z0-9_]+$"})
}

fn sid(prefix: &str, also: Option<&str>) -> Value {
    let sid = format!("{prefix}[0-9a-fA-F]{{32}}");
    let pattern = match also {
        Some(word) => format!("^({sid}|{word})$"),
        None => format!("^{sid}$"),
    };
    json!({"type": "string", "pattern": pattern})
}

fn text(kind: TextKind) -> Value {
    json!({
        "type": "string",
        "minLength": 1,
        "maxLength": kind.max_chars(),
        "pattern": none_of(char::is_control),
    })
}

/// A params or filters table of at most [`rules::MAX_PAIRS`] keys, none empty.
fn pairs(value: Value) -> Value {
    json!({
        "type": "object",
        "maxProperties": rules::MAX_PAIRS,
        "propertyNames": {"minLength": 1},
        "additionalProperties": value,
    })
}

/// `^[^…]*$`: text with no character that `bad` refuses, found by asking `bad` of every
/// character, so the class is the rule's own. ECMA-262 and Rust regexes both read `\uXXXX`.
fn none_of(bad: impl Fn(char) -> bool) -> String {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for c in (0..=char::MAX as u32)
        .filter_map(char::from_u32)
        .filter(|c| bad(*c))
    {
        let c = c as u32;
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == c => *end = c,
            _ => ranges.push((c, c)),
        }
    }
    let mut class = String::new();
    for (start, end) in ranges {
        class.push_str(&format!("\\u{start:04X}"));
        if end > start {
            class.push_str(&format!("-\\u{end:04X}"));
        }
    }
    format!("^[^{class}]*$")
}

/// `text` as a regex that matches it literally.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{ROOTS, none_of};

    /// The loader names a key of another format's root as that format's: the keys it knows
    /// as a format's own are those of its root table that no other root has.
    #[test]
    fn each_formats_own_keys_are_those_only_its_root_table_has() {
        for (format, root) in ROOTS {
            let others = ROOTS.iter().filter(|(other, _)| *other != format);
            let mut own: Vec<&str> = root
                .fields
                .iter()
                .map(|f| f.key)
                .filter(|key| others.clone().all(|(_, t)| t.field(key).is_none()))
                .collect();
            let mut listed = format.own_keys().to_vec();
            own.sort_unstable();
            listed.sort_unstable();
            assert_eq!(listed, own, "{format}");
        }
    }

    #[test]
    fn every_refused_character_is_in_the_basic_plane() {
        // `\uXXXX` names only the basic plane: a rule that refused more could not be said.
        for c in (0x10000..=char::MAX as u32).filter_map(char::from_u32) {
            assert!(!c.is_whitespace() && !c.is_control(), "{c:?}");
        }
        assert_eq!(none_of(|c| c == 'a' || c == 'b'), "^[^\\u0061-\\u0062]*$");
    }
}
