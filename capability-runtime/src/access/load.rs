//! An access-token policy file: its tables, read through the shared [`Walker`].

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::access::schema;
use crate::access::template::{
    AccessSlots, AccessTemplate, ChatSlots, SyncSlots, TaskRouterGrantSlots, VoiceSlots,
};
use crate::jwt::layout::literal_len;
use crate::schema::{Table, ValueKind, keys_of};
use crate::toml::format::PolicyFormat;
use crate::toml::input::{InputUse, Slot};
use crate::toml::walk::{Value, Walker};
use crate::{
    GrantKind, Identity, LoadErrorKind, Region, SidKind, Template, TextKind, Ttl, ValueError, rules,
};

const ROOT_KEYS: &[&str] = keys_of!(schema::ROOT);
const VOICE_KEYS: &[&str] = keys_of!(schema::VOICE);
const OUTGOING_KEYS: &[&str] = keys_of!(schema::OUTGOING);
const VIDEO_KEYS: &[&str] = keys_of!(schema::VIDEO);
const CHAT_KEYS: &[&str] = keys_of!(schema::CHAT);
const SYNC_KEYS: &[&str] = keys_of!(schema::SYNC);
const TASK_ROUTER_KEYS: &[&str] = keys_of!(schema::TASK_ROUTER);

/// Reads an access-token policy's root table, and checks its literal length.
pub(crate) fn read(w: &mut Walker, root: &DeTable<'_>) -> AccessTemplate {
    w.known_keys_of(root, ROOT_KEYS, PolicyFormat::AccessToken);
    let has_voice = root.contains_key("voice");
    let identity = match root.get("identity") {
        None => {
            w.error(
                LoadErrorKind::Policy(crate::PolicyError::MissingIdentity),
                0..0,
            );
            None
        }
        Some(value) => {
            let use_ = if has_voice {
                InputUse::VoiceIdentity
            } else {
                InputUse::Identity
            };
            let slot = w.slot::<Identity>(value, "identity", use_);
            if let Some(Slot::Literal(identity)) = &slot
                && has_voice
                && let Err(e) = rules::check_voice_identity(identity.as_str())
            {
                w.error(LoadErrorKind::Policy(e), value.span());
            }
            slot
        }
    };
    let ttl = root.get("ttl").map_or(Ttl::DEFAULT, |v| w.ttl(v));
    let region = root
        .get("region")
        .and_then(|v| w.slot::<Region>(v, "region", InputUse::Region));
    let mut table = |key: &'static str| root.get(key).and_then(|v| w.table(v, key));
    let tables = [
        table("voice"),
        table("video"),
        table("chat"),
        table("sync"),
        table("task_router"),
    ];
    let [voice, video, chat, sync, task_router] = tables;
    let voice = voice.map(|(t, span)| read_voice(w, t, span));
    let video = video.map(|(t, _)| {
        w.known_keys(t, schema::VIDEO.header, VIDEO_KEYS);
        t.get("room")
            .and_then(|v| text(w, v, "video.room", TextKind::Room))
    });
    let chat = chat.map(|(t, span)| {
        w.known_keys(t, schema::CHAT.header, CHAT_KEYS);
        let service = required(w, t, span, GrantKind::Chat, &schema::CHAT);
        ChatSlots {
            service: service.and_then(|v| sid(w, v, "chat.service_sid", SidKind::ChatService)),
            endpoint: optional_text(w, t, "chat.endpoint_id", TextKind::EndpointId),
            deployment_role: t
                .get("deployment_role_sid")
                .and_then(|v| sid(w, v, "chat.deployment_role_sid", SidKind::DeploymentRole)),
            push_credential: t
                .get("push_credential_sid")
                .and_then(|v| sid(w, v, "chat.push_credential_sid", SidKind::PushCredential)),
        }
    });
    let sync = sync.map(|(t, span)| {
        w.known_keys(t, schema::SYNC.header, SYNC_KEYS);
        let service = required(w, t, span, GrantKind::Sync, &schema::SYNC);
        SyncSlots {
            service: service.and_then(|v| sid(w, v, "sync.service_sid", SidKind::SyncService)),
            endpoint: optional_text(w, t, "sync.endpoint_id", TextKind::EndpointId),
        }
    });
    let task_router = task_router.map(|(t, span)| {
        w.known_keys(t, schema::TASK_ROUTER.header, TASK_ROUTER_KEYS);
        let workspace = required(w, t, span, GrantKind::TaskRouter, &schema::TASK_ROUTER);
        TaskRouterGrantSlots {
            workspace: workspace
                .and_then(|v| sid(w, v, "task_router.workspace_sid", SidKind::Workspace)),
            worker: t
                .get("worker_sid")
                .and_then(|v| sid(w, v, "task_router.worker_sid", SidKind::Worker)),
            role: t
                .get("role")
                .and_then(|v| text(w, v, "task_router.role", TextKind::Role)),
        }
    });
    // Judge by the keys present, so a broken table does not also read as missing.
    let grants = schema::ROOT
        .fields
        .iter()
        .filter(|f| matches!(f.kind, ValueKind::Table(_)));
    let count = grants.filter(|f| root.contains_key(f.key)).count();
    if let Err(e) = rules::check_access_grants(count) {
        w.error(LoadErrorKind::Policy(e), 0..0);
    }
    let template: AccessTemplate = Template {
        slots: AccessSlots {
            identity,
            voice,
            video,
            chat,
            sync,
            task_router,
            region,
        },
        ttl,
        inputs: w.take_inputs(),
    };
    if !w.failed() {
        // The literal text alone must leave room in a token; inputs only add to it.
        let (header, grants) = template.layout();
        if let Err(e) = rules::check_access_len(literal_len(&header), literal_len(&grants)) {
            w.error(LoadErrorKind::Policy(e), 0..0);
        }
    }
    template
}

fn read_voice(w: &mut Walker, table: &DeTable<'_>, span: Range<usize>) -> VoiceSlots {
    w.known_keys(table, schema::VOICE.header, VOICE_KEYS);
    let incoming = match table.get("incoming") {
        None => false,
        Some(value) => match value.get_ref() {
            DeValue::Boolean(b) => *b,
            _ => {
                w.wrong_type("voice.incoming", "a boolean", value);
                false
            }
        },
    };
    let outgoing = table
        .get("outgoing")
        .and_then(|v| w.table(v, "voice.outgoing"))
        .and_then(|(t, span)| {
            w.outgoing(
                t,
                span,
                schema::OUTGOING.header,
                OUTGOING_KEYS,
                "voice.outgoing",
            )
        });
    let push_credential = table
        .get("push_credential_sid")
        .and_then(|v| sid(w, v, "voice.push_credential_sid", SidKind::PushCredential));
    let endpoint = optional_text(w, table, "voice.endpoint_id", TextKind::EndpointId);
    // Judge by the keys present, as for the grants: an `incoming` of the wrong type is
    // reported as that, not also as allowing nothing.
    let incoming_given = table
        .get("incoming")
        .is_some_and(|v| !matches!(v.get_ref(), DeValue::Boolean(false)));
    let allows = rules::check_voice_allows(
        incoming_given,
        table.contains_key("outgoing"),
        table.contains_key("push_credential_sid"),
    );
    if let Err(e) = allows {
        w.error(LoadErrorKind::Policy(e), span);
    }
    VoiceSlots {
        incoming,
        outgoing,
        push_credential,
        endpoint,
    }
}

/// The value of the key a grant needs, as its schema table says; an error at the table when
/// it is missing.
fn required<'t, 'i>(
    w: &mut Walker,
    table: &'t DeTable<'i>,
    span: Range<usize>,
    grant: GrantKind,
    fields: &'static Table,
) -> Option<&'t Value<'i>> {
    let key = fields.required().next().unwrap_or_default();
    let value = table.get(key);
    if let Err(e) = rules::check_grant_field(grant, key, value.is_some()) {
        w.error(LoadErrorKind::Policy(e), span);
    }
    value
}

/// A SID of `kind`, checked by the rule of its type.
fn sid<T>(w: &mut Walker, value: &Value<'_>, key: &str, kind: SidKind) -> Option<Slot<T>>
where
    T: for<'a> TryFrom<&'a str, Error = ValueError>,
{
    w.slot(value, key, InputUse::Sid(kind))
}

/// A text of `kind`, checked by the rule of its type.
fn text<T>(w: &mut Walker, value: &Value<'_>, key: &str, kind: TextKind) -> Option<Slot<T>>
where
    T: for<'a> TryFrom<&'a str, Error = ValueError>,
{
    w.slot(value, key, InputUse::Text(kind))
}

/// An endpoint id, if the table has one.
fn optional_text<T>(
    w: &mut Walker,
    table: &DeTable<'_>,
    key: &'static str,
    kind: TextKind,
) -> Option<Slot<T>>
where
    T: for<'a> TryFrom<&'a str, Error = ValueError>,
{
    let field = key.rsplit('.').next().unwrap_or(key);
    table.get(field).and_then(|v| text(w, v, key, kind))
}
