//! A capability policy file: its tables, read through the shared [`Walker`].

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::capability::schema;
use crate::capability::template::{CapabilitySlots, CapabilityTemplate};
use crate::jwt::layout::literal_len;
use crate::schema::keys_of;
use crate::toml::format::PolicyFormat;
use crate::toml::input::{InputUse, PairSlots, Slot};
use crate::toml::walk::{Value, Walker};
use crate::{AppSid, ClientName, LoadErrorKind, ParamScope, Template, Ttl, rules};

const ROOT_KEYS: &[&str] = keys_of!(schema::ROOT);
const INCOMING_KEYS: &[&str] = keys_of!(schema::INCOMING);
const OUTGOING_KEYS: &[&str] = keys_of!(schema::OUTGOING);
const EVENT_STREAM_KEYS: &[&str] = keys_of!(schema::EVENT_STREAM);

/// Reads a capability policy's root table, and checks its literal length.
pub(crate) fn read(w: &mut Walker, table: &DeTable<'_>) -> CapabilityTemplate {
    {
        let template = root(w, table);
        if !w.failed() {
            // The literal text alone must leave room in a token; inputs only add to it.
            let (pieces, _) = template.layout();
            if let Err(e) = rules::check_claim_len(literal_len(&pieces)) {
                w.error(LoadErrorKind::Policy(e), 0..0);
            }
        }
        template
    }
}

/// Reads the root table of a capability policy.
fn root(w: &mut Walker, root: &DeTable<'_>) -> CapabilityTemplate {
    w.known_keys_of(root, ROOT_KEYS, PolicyFormat::Capability);
    let ttl = root.get("ttl").map_or(Ttl::DEFAULT, |v| w.ttl(v));
    let incoming = root
        .get("incoming")
        .and_then(|v| w.table(v, "incoming"))
        .map(|(t, span)| incoming(w, t, span))
        .unwrap_or_default();
    let outgoing = root
        .get("outgoing")
        .and_then(|v| w.table(v, "outgoing"))
        .and_then(|(t, span)| outgoing(w, t, span));
    let event_stream = root
        .get("event_stream")
        .and_then(|v| w.table(v, "event_stream"))
        .map(|(t, _)| event_stream(w, t));
    // Judge by the keys present, so a broken section does not also read as missing.
    let present = |key| root.contains_key(key);
    if let Err(e) = rules::check_grants_something(
        usize::from(present("incoming")),
        present("outgoing"),
        present("event_stream"),
    ) {
        w.error(LoadErrorKind::Policy(e), 0..0);
    }
    Template {
        slots: CapabilitySlots {
            incoming,
            outgoing,
            event_stream,
        },
        ttl,
        inputs: w.take_inputs(),
    }
}

fn incoming(w: &mut Walker, table: &DeTable<'_>, span: Range<usize>) -> Vec<Slot<ClientName>> {
    w.known_keys(table, schema::INCOMING.header, INCOMING_KEYS);
    let Some(value) = table.get("client_name") else {
        let kind = LoadErrorKind::MissingKey {
            key: "client_name",
            table: schema::INCOMING.header,
        };
        w.error(kind, span);
        return Vec::new();
    };
    let items: Vec<&Value<'_>> = match value.get_ref() {
        DeValue::Array(items) => {
            if items.is_empty() {
                w.error(LoadErrorKind::NoClientNames, value.span());
            }
            items.iter().collect()
        }
        _ => vec![value],
    };
    let mut names = Vec::new();
    let mut literals: Vec<String> = Vec::new();
    for item in items {
        let Some(slot) = w.slot(item, "incoming.client_name", InputUse::ClientName) else {
            continue;
        };
        if let Slot::Literal(name) = &slot {
            let name: &ClientName = name;
            if let Err(e) =
                rules::check_distinct_name(name.as_str(), literals.iter().map(String::as_str))
            {
                w.error(LoadErrorKind::Policy(e), item.span());
                continue;
            }
            literals.push(name.as_str().to_owned());
        }
        names.push(slot);
    }
    names
}

fn outgoing(
    w: &mut Walker,
    table: &DeTable<'_>,
    span: Range<usize>,
) -> Option<(Slot<AppSid>, PairSlots)> {
    w.outgoing(
        table,
        span,
        schema::OUTGOING.header,
        OUTGOING_KEYS,
        "outgoing",
    )
}

fn event_stream(w: &mut Walker, table: &DeTable<'_>) -> PairSlots {
    w.known_keys(table, schema::EVENT_STREAM.header, EVENT_STREAM_KEYS);
    table
        .get("filters")
        .map(|v| w.pairs(v, ParamScope::EventStreamFilters, "event_stream.filters"))
        .unwrap_or_default()
}
