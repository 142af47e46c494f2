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
use crate::toml::walk::Walker;
use crate::{GrantKind, Identity, LoadErrorKind, Region, Template, Ttl, ValueError, rules};

const ROOT_KEYS: &[&str] = keys_of!(schema::ROOT);
const OUTGOING_KEYS: &[&str] = keys_of!(schema::OUTGOING);

/// A grant's kind, schema table and TOML keys.
type GrantSchema = (GrantKind, &'static Table, &'static [&'static str]);
const VOICE: GrantSchema = (GrantKind::Voice, &schema::VOICE, keys_of!(schema::VOICE));
const VIDEO: GrantSchema = (GrantKind::Video, &schema::VIDEO, keys_of!(schema::VIDEO));
const CHAT: GrantSchema = (GrantKind::Chat, &schema::CHAT, keys_of!(schema::CHAT));
const SYNC: GrantSchema = (GrantKind::Sync, &schema::SYNC, keys_of!(schema::SYNC));
const TASK_ROUTER: GrantSchema = (
    GrantKind::TaskRouter,
    &schema::TASK_ROUTER,
    keys_of!(schema::TASK_ROUTER),
);

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
    let video = video.map(|t| Grant::new(w, t, VIDEO).slot("room"));
    let chat = chat.map(|t| {
        let mut g = Grant::new(w, t, CHAT);
        ChatSlots {
            service: g.slot("service_sid"),
            endpoint: g.slot("endpoint_id"),
            deployment_role: g.slot("deployment_role_sid"),
            push_credential: g.slot("push_credential_sid"),
        }
    });
    let sync = sync.map(|t| {
        let mut g = Grant::new(w, t, SYNC);
        SyncSlots {
            service: g.slot("service_sid"),
            endpoint: g.slot("endpoint_id"),
        }
    });
    let task_router = task_router.map(|t| {
        let mut g = Grant::new(w, t, TASK_ROUTER);
        TaskRouterGrantSlots {
            workspace: g.slot("workspace_sid"),
            worker: g.slot("worker_sid"),
            role: g.slot("role"),
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
    let mut g = Grant::new(w, (table, span.clone()), VOICE);
    let incoming = g.w.bool(table, "incoming", "voice.incoming", false);
    let outgoing = table
        .get("outgoing")
        .and_then(|v| g.w.table(v, "voice.outgoing"))
        .and_then(|(t, span)| {
            g.w.outgoing(
                t,
                span,
                schema::OUTGOING.header,
                OUTGOING_KEYS,
                "voice.outgoing",
            )
        });
    let push_credential = g.slot("push_credential_sid");
    let endpoint = g.slot("endpoint_id");
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

/// A grant's table, read field by field as its schema table says.
struct Grant<'w, 't, 'i> {
    w: &'w mut Walker,
    table: &'t DeTable<'i>,
    span: Range<usize>,
    kind: GrantKind,
    schema: &'static Table,
}

impl<'w, 't, 'i> Grant<'w, 't, 'i> {
    /// Starts reading a grant's table: an error for each key its schema table does not have.
    fn new(
        w: &'w mut Walker,
        (table, span): (&'t DeTable<'i>, Range<usize>),
        (kind, schema, keys): GrantSchema,
    ) -> Self {
        w.known_keys(table, schema.header, keys);
        Grant {
            w,
            table,
            span,
            kind,
            schema,
        }
    }

    /// The field `key`, checked by the rule of its type; an error at the table when the grant
    /// needs it and it is missing. `key` is a SID or text row of the grant's schema table (the
    /// loader tests read every field of every grant).
    fn slot<T>(&mut self, key: &'static str) -> Option<Slot<T>>
    where
        T: for<'a> TryFrom<&'a str, Error = ValueError>,
    {
        let field = self.schema.field(key);
        debug_assert!(
            field.is_some(),
            "`{key}` is not a row of {}",
            self.schema.header
        );
        let field = field?;
        let value = self.table.get(key);
        if field.required
            && let Err(e) = rules::check_grant_field(self.kind, key, value.is_some())
        {
            self.w.error(LoadErrorKind::Policy(e), self.span.clone());
        }
        let use_ = field.kind.text_use();
        debug_assert!(
            use_.is_some(),
            "`{key}` takes {:?}, not a SID or a text",
            field.kind
        );
        let use_ = use_?;
        let path = format!("{}.{key}", self.schema.header.trim_matches(['[', ']']));
        self.w.slot(value?, &path, use_)
    }
}
