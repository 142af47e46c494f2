//! The bytes of a TaskRouter token (spec section 1), written once for every front end: the
//! policies of spec 1.5 in their order, then the custom ones, in the claims of spec 1.2, with
//! each SID known now or left as a slot (JSON-escaped) to fill at mint time.

use crate::jwt::json;
use crate::jwt::layout::{Piece, Text, Writer};
use crate::{Allow, Method, TaskRouterRule};

const API: &str = "https://taskrouter.twilio.com/v1/Workspaces/";
const EVENT_BRIDGE: &str = "https://event-bridge.twilio.com/v1/wschannels/";

/// Whose token it is, its SID known or a slot.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ChannelText<'a> {
    Worker(Text<'a>),
    TaskQueue(Text<'a>),
    Workspace,
}

/// A custom policy with its URL known or a slot.
#[derive(Debug, Clone)]
pub(crate) struct CustomText<'a> {
    pub(crate) url: Text<'a>,
    pub(crate) method: Method,
    pub(crate) allow: bool,
    pub(crate) query_filter: &'a [(String, bool)],
    pub(crate) post_filter: &'a [(String, bool)],
}

/// One policy: its URL in pieces, each known text or a slot.
#[derive(Debug, Clone)]
pub(crate) struct RuleText<'a> {
    pub(crate) url: Vec<Text<'a>>,
    pub(crate) method: Method,
    pub(crate) allow: bool,
    pub(crate) query_filter: Vec<(&'a str, bool)>,
    pub(crate) post_filter: Vec<(&'a str, bool)>,
}

fn rule<'a>(url: Vec<Text<'a>>, method: Method) -> RuleText<'a> {
    RuleText {
        url,
        method,
        allow: true,
        query_filter: Vec::new(),
        post_filter: Vec::new(),
    }
}

/// Every policy of the token, in the order of spec 1.5, then the custom ones.
pub(crate) fn rules<'a>(
    account: Text<'a>,
    workspace: Text<'a>,
    channel: ChannelText<'a>,
    allow: &[Allow],
    custom: &[CustomText<'a>],
) -> Vec<RuleText<'a>> {
    let known = Text::Known;
    let channel_sid = match channel {
        ChannelText::Worker(sid) | ChannelText::TaskQueue(sid) => sid,
        ChannelText::Workspace => workspace,
    };
    let bridge = vec![known(EVENT_BRIDGE), account, known("/"), channel_sid];
    let base = vec![known(API), workspace];
    let with = |head: &[Text<'a>], tail: &[Text<'a>]| -> Vec<Text<'a>> {
        head.iter().chain(tail).copied().collect()
    };
    let resource = match channel {
        ChannelText::Worker(sid) => with(&base, &[known("/Workers/"), sid]),
        ChannelText::TaskQueue(sid) => with(&base, &[known("/TaskQueues/"), sid]),
        ChannelText::Workspace => base.clone(),
    };
    let sub = with(&resource, &[known("/**")]);
    let mut out = vec![
        rule(bridge.clone(), Method::Get),
        rule(bridge, Method::Post),
        rule(resource.clone(), Method::Get),
    ];
    let has = |a| allow.contains(&a);
    for (option, url, method) in [
        (Allow::UpdateSelf, &resource, Method::Post),
        (Allow::DeleteSelf, &resource, Method::Delete),
        (Allow::FetchSubresources, &sub, Method::Get),
        (Allow::DeleteSubresources, &sub, Method::Delete),
        (Allow::UpdateSubresources, &sub, Method::Post),
    ] {
        if has(option) {
            out.push(rule(url.clone(), method));
        }
    }
    if let ChannelText::Worker(sid) = channel {
        let tasks = with(&base, &[known("/Tasks/**")]);
        let reservations = with(&base, &[known("/Workers/"), sid, known("/Reservations/**")]);
        out.push(rule(with(&base, &[known("/Activities")]), Method::Get));
        out.push(rule(tasks.clone(), Method::Get));
        out.push(rule(reservations.clone(), Method::Get));
        if has(Allow::ActivityUpdates) {
            let mut activity = rule(resource.clone(), Method::Post);
            activity.post_filter.push(("ActivitySid", true));
            out.push(activity);
        }
        if has(Allow::ReservationUpdates) {
            out.push(rule(tasks, Method::Post));
            out.push(rule(reservations, Method::Post));
        }
    }
    for c in custom {
        out.push(RuleText {
            url: vec![c.url],
            method: c.method,
            allow: c.allow,
            query_filter: c
                .query_filter
                .iter()
                .map(|(k, r)| (k.as_str(), *r))
                .collect(),
            post_filter: c
                .post_filter
                .iter()
                .map(|(k, r)| (k.as_str(), *r))
                .collect(),
        });
    }
    out
}

/// The rules with every text known, as a decoded token gives them.
pub(crate) fn known_rules(rules: &[RuleText<'_>]) -> Vec<TaskRouterRule> {
    rules
        .iter()
        .map(|r| TaskRouterRule {
            url: r
                .url
                .iter()
                .map(|t| match t {
                    Text::Known(text) => *text,
                    Text::Slot(_) => "",
                })
                .collect(),
            method: r.method.as_str().to_owned(),
            allow: r.allow,
            query_filter: r
                .query_filter
                .iter()
                .map(|(k, v)| ((*k).to_owned(), *v))
                .collect(),
            post_filter: r
                .post_filter
                .iter()
                .map(|(k, v)| ((*k).to_owned(), *v))
                .collect(),
        })
        .collect()
}

/// The payload up to `exp` (spec 1.2): `{"account_sid":…,"policies":[…],…,"iss":…,"exp":`.
pub(crate) fn payload(
    account: Text<'_>,
    workspace: Text<'_>,
    channel: ChannelText<'_>,
    rules: &[RuleText<'_>],
) -> Vec<Piece<String>> {
    let mut w = Writer::default();
    let channel_sid = match channel {
        ChannelText::Worker(sid) | ChannelText::TaskQueue(sid) => sid,
        ChannelText::Workspace => workspace,
    };
    w.lit(r#"{"account_sid":"#);
    string(&mut w, &[account]);
    w.lit(r#","workspace_sid":"#);
    string(&mut w, &[workspace]);
    w.lit(r#","channel":"#);
    string(&mut w, &[channel_sid]);
    w.lit(r#","version":"v1","friendly_name":"#);
    string(&mut w, &[channel_sid]);
    w.lit(r#","policies":["#);
    for (i, rule) in rules.iter().enumerate() {
        if i > 0 {
            w.lit(",");
        }
        w.lit(r#"{"url":"#);
        string(&mut w, &rule.url);
        w.lit(&format!(
            r#","method":"{}","allow":{},"query_filter":"#,
            rule.method, rule.allow
        ));
        filter(&mut w, &rule.query_filter);
        w.lit(r#","post_filter":"#);
        filter(&mut w, &rule.post_filter);
        w.lit("}");
    }
    w.lit("]");
    match channel {
        ChannelText::Worker(sid) => {
            w.lit(r#","worker_sid":"#);
            string(&mut w, &[sid]);
        }
        ChannelText::TaskQueue(sid) => {
            w.lit(r#","taskqueue_sid":"#);
            string(&mut w, &[sid]);
        }
        ChannelText::Workspace => {}
    }
    w.lit(r#","iss":"#);
    string(&mut w, &[account]);
    w.lit(r#","exp":"#);
    w.finish()
}

/// A JSON string of several texts, each escaped.
fn string(w: &mut Writer, texts: &[Text<'_>]) {
    w.lit("\"");
    for &text in texts {
        w.text_as(text, json::escape_into);
    }
    w.lit("\"");
}

/// `{"Name":{"required":true},…}`.
fn filter(w: &mut Writer, filter: &[(&str, bool)]) {
    w.lit("{");
    for (i, (name, required)) in filter.iter().enumerate() {
        if i > 0 {
            w.lit(",");
        }
        string(w, &[Text::Known(name)]);
        w.lit(&format!(r#":{{"required":{required}}}"#));
    }
    w.lit("}");
}
