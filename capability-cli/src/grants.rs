//! An access token's grants in plain words, for `inspect`. Every string from the token is
//! quoted, so that a forged token cannot write escape sequences to the terminal.

use capability::__schema::{Table, access};
use capability::{AccessGrants, TaskRouterRule};

/// A grant's name, as its table's macro keyword: `task_router`.
fn grant_name(table: &Table) -> &'static str {
    table.keyword.unwrap_or(table.header)
}

/// A field's words, from its macro keyword: `push credential` for `push_credential_sid`.
fn label(table: &Table, key: &str) -> String {
    let field = table.field(key).and_then(|f| f.keyword);
    field.unwrap_or(key).replace('_', " ")
}

/// One line per grant, in token order of kinds: voice, video, chat, sync, TaskRouter, then
/// every other grant as its JSON.
pub fn describe(grants: &AccessGrants) -> Vec<String> {
    let mut lines = Vec::new();
    let field = |parts: &mut Vec<String>, name: String, value: Option<&str>| {
        if let Some(value) = value {
            parts.push(format!("{name} {value:?}"));
        }
    };
    if let Some(voice) = &grants.voice {
        let mut parts = Vec::new();
        if voice.incoming {
            parts.push("incoming calls".to_owned());
        }
        if let Some(outgoing) = &voice.outgoing {
            let mut text = format!(
                "outgoing calls through application {:?}",
                outgoing.application_sid
            );
            if !outgoing.params.is_empty() {
                let params: Vec<String> = outgoing
                    .params
                    .iter()
                    .map(|(k, v)| match v.as_str() {
                        Some(text) => format!("{k:?} = {text:?}"),
                        None => format!("{k:?} = {v}"),
                    })
                    .collect();
                text.push_str(&format!(", with params {}", params.join(", ")));
            }
            parts.push(text);
        }
        for (key, value) in voice.fields() {
            field(&mut parts, label(&access::VOICE, key), value);
        }
        if parts.is_empty() {
            parts.push("nothing".to_owned());
        }
        lines.push(format!("voice: {}", parts.join("; ")));
    }
    if let Some(video) = &grants.video {
        lines.push(match &video.room {
            Some(room) => format!("video: room {room:?}"),
            None => "video: any room".to_owned(),
        });
    }
    let mut simple = |table: &Table, fields: &[(&str, Option<&str>)]| {
        let mut parts = Vec::new();
        for (key, value) in fields {
            field(&mut parts, label(table, key), *value);
        }
        let grant = grant_name(table);
        let parts = if parts.is_empty() {
            "no fields".to_owned()
        } else {
            parts.join(", ")
        };
        lines.push(format!("{grant}: {parts}"));
    };
    if let Some(chat) = &grants.chat {
        simple(&access::CHAT, &chat.fields());
    }
    if let Some(sync) = &grants.sync {
        simple(&access::SYNC, &sync.fields());
    }
    if let Some(task_router) = &grants.task_router {
        simple(&access::TASK_ROUTER, &task_router.fields());
    }
    for (key, value) in &grants.other {
        lines.push(format!("other grant {key:?}: {value}"));
    }
    lines
}

/// A TaskRouter policy as `allow POST https://… (ActivitySid required)`.
pub fn describe_rule(rule: &TaskRouterRule) -> String {
    let verdict = if rule.allow { "allow" } else { "deny" };
    let mut text = format!("{verdict} {} {}", shown(&rule.method), shown(&rule.url));
    let filters: Vec<String> = rule
        .query_filter
        .iter()
        .chain(&rule.post_filter)
        .map(|(name, required)| {
            let how = if *required { "required" } else { "allowed" };
            format!("{} {how}", shown(name))
        })
        .collect();
    if !filters.is_empty() {
        text.push_str(&format!(" ({})", filters.join(", ")));
    }
    text
}

/// Text from a token as it is, or quoted and escaped when it has whitespace or controls.
fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_empty() || text.chars().any(|c| c.is_control() || c.is_whitespace()) {
        format!("{text:?}").into()
    } else {
        text.into()
    }
}
