//! A TaskRouter policy file: its tables, read through the shared [`Walker`].

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::schema::keys_of;
use crate::taskrouter::schema;
use crate::taskrouter::template::{
    self, ChannelSlot, CustomSlots, TaskRouterSlots, TaskRouterTemplate,
};
use crate::toml::format::PolicyFormat;
use crate::toml::input::{InputUse, Slot};
use crate::toml::walk::{Value, Walker};
use crate::{
    Allow, ChannelKind, LoadErrorKind, Method, ParamScope, PolicyError, SidKind, Template, Ttl,
    rules,
};

const ROOT_KEYS: &[&str] = keys_of!(schema::ROOT);
const WORKER_KEYS: &[&str] = keys_of!(schema::WORKER);
const TASK_QUEUE_KEYS: &[&str] = keys_of!(schema::TASK_QUEUE);
const WORKSPACE_KEYS: &[&str] = keys_of!(schema::WORKSPACE);
const POLICY_KEYS: &[&str] = keys_of!(schema::POLICY);
const FILTER_KEYS: &[&str] = &["required"];

/// Reads a TaskRouter policy's root table, and checks what its literals make.
pub(crate) fn read(w: &mut Walker, root: &DeTable<'_>) -> TaskRouterTemplate {
    w.known_keys_of(root, ROOT_KEYS, PolicyFormat::TaskRouter);
    let ttl = root.get("ttl").map_or(Ttl::DEFAULT, |v| w.ttl(v));
    let workspace = match root.get("workspace_sid") {
        Some(v) => w.slot(v, "workspace_sid", InputUse::Sid(SidKind::Workspace)),
        None => {
            w.error(LoadErrorKind::Policy(PolicyError::MissingWorkspace), 0..0);
            None
        }
    };
    let channels: Vec<(&str, &Value<'_>)> = ["worker", "task_queue", "workspace"]
        .into_iter()
        .filter_map(|key| Some((key, root.get(key)?)))
        .collect();
    let mut channel = None;
    let mut allow = Vec::new();
    match channels.as_slice() {
        [] => w.error(LoadErrorKind::Policy(PolicyError::MissingChannel), 0..0),
        [(key, value)] => {
            if let Some((table, span)) = w.table(value, key) {
                channel = read_channel(w, key, table, span, &mut allow);
            }
        }
        several => {
            let count = several.len();
            for (_, value) in &several[1..] {
                w.error(
                    LoadErrorKind::Policy(PolicyError::SeveralChannels { count }),
                    value.span(),
                );
            }
        }
    }
    let policies = match root.get("policy") {
        None => Vec::new(),
        Some(value) => match value.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|item| read_policy(w, item))
                .collect(),
            _ => {
                w.wrong_type("policy", "an array of tables ([[policy]])", value);
                Vec::new()
            }
        },
    };
    let template: TaskRouterTemplate = Template {
        slots: TaskRouterSlots {
            workspace,
            channel,
            allow,
            policies,
        },
        ttl,
        inputs: w.take_inputs(),
    };
    if !w.failed() {
        check_literals(w, root, &template);
    }
    template
}

/// Builds what the literals make, when no input is needed to know it: a custom policy equal
/// to one already in the list is an error at its `[[policy]]`, and the token's length is
/// bounded.
fn check_literals(w: &mut Walker, root: &DeTable<'_>, template: &TaskRouterTemplate) {
    if !template.inputs.is_empty() {
        return;
    }
    let spans: Vec<Range<usize>> = match root.get("policy").map(|v| v.get_ref()) {
        Some(DeValue::Array(items)) => items.iter().map(|i| i.span()).collect(),
        _ => Vec::new(),
    };
    for n in 0..=template.slots.policies.len() {
        let mut first = template.clone();
        first.slots.policies.truncate(n);
        if let Err(crate::BindProblem::Policy(e)) = template::build(&first, &[]) {
            let span = match e {
                PolicyError::DuplicatePolicy { .. } => spans.get(n - 1).cloned(),
                _ => None,
            };
            w.error(LoadErrorKind::Policy(e), span.unwrap_or(0..0));
            return;
        }
    }
}

fn read_channel(
    w: &mut Walker,
    key: &'static str,
    table: &DeTable<'_>,
    span: Range<usize>,
    allow: &mut Vec<Allow>,
) -> Option<ChannelSlot> {
    let (name, keys) = match key {
        "worker" => (schema::WORKER.header, WORKER_KEYS),
        "task_queue" => (schema::TASK_QUEUE.header, TASK_QUEUE_KEYS),
        _ => (schema::WORKSPACE.header, WORKSPACE_KEYS),
    };
    w.known_keys(table, name, keys);
    fn sid_of<T>(
        w: &mut Walker,
        table: &DeTable<'_>,
        span: &Range<usize>,
        name: &'static str,
        kind: SidKind,
        path: &str,
    ) -> Option<Slot<T>>
    where
        T: for<'a> TryFrom<&'a str, Error = crate::ValueError>,
    {
        match table.get("sid") {
            Some(v) => w.slot(v, path, InputUse::Sid(kind)),
            None => {
                let kind = LoadErrorKind::MissingKey {
                    key: "sid",
                    table: name,
                };
                w.error(kind, span.clone());
                None
            }
        }
    }
    let (channel, kind) = match key {
        "worker" => {
            let sid = sid_of(w, table, &span, name, SidKind::Worker, "worker.sid");
            (sid.map(ChannelSlot::Worker), ChannelKind::Worker)
        }
        "task_queue" => {
            let sid = sid_of(w, table, &span, name, SidKind::TaskQueue, "task_queue.sid");
            (sid.map(ChannelSlot::TaskQueue), ChannelKind::TaskQueue)
        }
        _ => (Some(ChannelSlot::Workspace), ChannelKind::Workspace),
    };
    for option in Allow::ALL {
        let Some(value) = table.get(option.name()) else {
            continue;
        };
        match value.get_ref() {
            DeValue::Boolean(true) => match rules::check_allow(option, kind, allow) {
                Ok(()) => allow.push(option),
                Err(e) => w.error(LoadErrorKind::Policy(e), value.span()),
            },
            DeValue::Boolean(false) => {}
            _ => w.wrong_type(format!("{key}.{}", option.name()), "a boolean", value),
        }
    }
    channel
}

fn read_policy(w: &mut Walker, value: &Value<'_>) -> Option<CustomSlots> {
    let (table, span) = w.table(value, "policy")?;
    w.known_keys(table, schema::POLICY.header, POLICY_KEYS);
    let missing = |w: &mut Walker, key| {
        let kind = LoadErrorKind::MissingKey {
            key,
            table: schema::POLICY.header,
        };
        w.error(kind, span.clone());
    };
    let url = match table.get("url") {
        Some(v) => w.slot(v, "policy.url", InputUse::PolicyUrl),
        None => {
            missing(w, "url");
            None
        }
    };
    let method = match table.get("method") {
        None => {
            missing(w, "method");
            None
        }
        Some(v) => match v.get_ref() {
            DeValue::String(text) => match text.parse::<Method>() {
                Ok(method) => Some(method),
                Err(e) => {
                    w.error(LoadErrorKind::Value(e), v.span());
                    None
                }
            },
            _ => {
                w.wrong_type("policy.method", "\"GET\", \"POST\" or \"DELETE\"", v);
                None
            }
        },
    };
    let allow = w.bool(table, "allow", "policy.allow", true);
    let query_filter = filter(
        w,
        table.get("query_filter"),
        ParamScope::QueryFilter,
        "policy.query_filter",
    );
    let post_filter = filter(
        w,
        table.get("post_filter"),
        ParamScope::PostFilter,
        "policy.post_filter",
    );
    Some(CustomSlots {
        url: url?,
        method: method?,
        allow,
        query_filter,
        post_filter,
    })
}

/// `{ Name = { required = true }, … }`, in file order.
fn filter(
    w: &mut Walker,
    value: Option<&Value<'_>>,
    scope: ParamScope,
    name: &'static str,
) -> Vec<(String, bool)> {
    let Some((table, span)) = value.and_then(|v| w.table(v, name)) else {
        return Vec::new();
    };
    if let Err(e) = rules::check_pair_count(scope, table.len()) {
        w.error(LoadErrorKind::Policy(e), span);
        return Vec::new();
    }
    let mut out: Vec<(String, bool)> = Vec::new();
    for (key, value) in table.iter() {
        let text: &str = key.get_ref();
        if let Err(e) = rules::check_key(scope, text, out.iter().map(|(k, _)| k.as_str())) {
            w.error(LoadErrorKind::Policy(e), key.span());
            continue;
        }
        let path = format!("{name}.{text}");
        let Some((entry, entry_span)) = w.table(value, &path) else {
            continue;
        };
        w.known_keys(entry, "a filter", FILTER_KEYS);
        match entry.get("required").map(|v| (v, v.get_ref())) {
            Some((_, DeValue::Boolean(required))) => out.push((text.to_owned(), *required)),
            Some((v, _)) => w.wrong_type(format!("{path}.required"), "a boolean", v),
            None => {
                let kind = LoadErrorKind::MissingKey {
                    key: "required",
                    table: "a filter",
                };
                w.error(kind, entry_span);
            }
        }
    }
    out
}
