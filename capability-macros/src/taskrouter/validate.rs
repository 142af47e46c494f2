//! The rules of `taskrouter-token.md` section 2, applied to a `taskrouter!` syntax tree at
//! compile time.
//!
//! Every rule is the runtime's own function: each value type's `check`, `Method`'s and `Ttl`'s
//! parsers, `Allow::from_name`, `capability_runtime::rules`, and the runtime's builder itself
//! for a custom policy equal to one already in the list. Their messages are shown as they are,
//! each spanned on the token that broke the rule, and every error of the invocation is
//! reported together. A missing workspace or channel, and a policy of literals whose token
//! would be too long, are reported on the whole invocation.

use capability_runtime::__macro_support::checked;
use capability_runtime::{
    Allow, Channel, Clause as OnceClause, CustomPolicy, Method, ParamScope, PolicyError,
    TaskQueueSid, TaskRouterPolicy, TaskRouterPolicyBuilder, TaskRouterUrl, WorkerSid,
    WorkspaceSid, rules,
};
use proc_macro2::Span;
use syn::spanned::Spanned as _;
use syn::{Expr, Ident};

use super::parse::{ChannelKind, Clause, FieldValue, Invocation, PolicyField};
use super::{OPTIONS, TASKROUTER_URL};
use crate::clause::{self, Block, ClauseList};
use crate::value::{Checked, Text, Validated, Values, WORKSPACE_SID, string_literal};

/// A policy that passed every rule that can be checked at compile time.
#[derive(Default)]
pub(crate) struct Policy {
    /// The workspace; without one the policy has an error, so this is `None` only in a policy
    /// that is never expanded (and so for `channel`).
    pub workspace: Option<Text>,
    pub channel: Option<ChannelValue>,
    /// The options, in the order of the token, each once.
    pub allow: Vec<Allow>,
    /// The custom policies, in the order written.
    pub policies: Vec<CustomValue>,
}

/// A checked channel.
pub(crate) enum ChannelValue {
    Worker(Text),
    TaskQueue(Text),
    Workspace,
}

/// A checked custom policy.
pub(crate) struct CustomValue {
    pub url: Text,
    pub method: Method,
    pub allow: bool,
    pub query_filter: Vec<(String, bool)>,
    pub post_filter: Vec<(String, bool)>,
}

/// What a run-time expression is, which decides how the expansion takes it.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    /// A value of a checked type, or a reference to one.
    Checked(&'static Checked),
    /// A `ttl`: a `Ttl` or a reference to one.
    Ttl,
}

/// The SID of a placeholder for a value known only at run time. No policy URL has a space
/// (`TaskRouterUrl::check`), so no default policy whose URL names it equals a literal one.
const UNKNOWN: &str = " ";

/// Checks the invocation. On success, the policy to expand; otherwise every error found, in
/// the order written.
pub(crate) fn validate(invocation: Invocation) -> Result<Validated<Policy, Kind>, syn::Error> {
    let lost = invocation.lost;
    let (channel, probe) = probe(&invocation.clauses);
    let channels = invocation
        .clauses
        .iter()
        .filter(|clause| matches!(clause, Clause::Channel { .. }))
        .count();
    let mut v = Validator {
        channels,
        rules_channel: channel,
        probe,
        all_known: true,
        ..Validator::default()
    };
    for item in invocation.in_order() {
        match item {
            Ok(clause) => v.clause(clause),
            Err(error) => v.values.errors.push(error),
        }
    }
    let call_site = Span::call_site();
    // A clause that did not parse may have been the workspace or the channel: say nothing
    // more.
    if !lost {
        if !v.values.seen.contains(&OnceClause::Workspace) {
            v.values.errors.at(call_site, PolicyError::MissingWorkspace);
        }
        if v.channels == 0 {
            v.values.errors.at(call_site, PolicyError::MissingChannel);
        }
    }
    // A policy of literals only is measured as the builder measures it. A value the macro
    // dropped (one that broke a rule) only makes it shorter: no error is made up.
    if v.all_known
        && let Err(error @ PolicyError::TokenTooLong { .. }) = v.probe.clone().build()
    {
        v.values.errors.at(call_site, error);
    }
    let Validator {
        mut policy, values, ..
    } = v;
    policy.allow.sort();
    values.finish(policy)
}

/// What the rules compare against, known before the clauses are checked in the order written:
/// the channel that counts (the first, its SID a placeholder if not a literal), and the
/// builder of a policy with the workspace, that channel and the options, to which each custom
/// policy of literals is then added. With a placeholder where a value is known only at run
/// time, that builder compares exactly what can be compared at compile time.
fn probe(clauses: &[Clause]) -> (Option<Channel>, TaskRouterPolicyBuilder) {
    let workspace = clauses.iter().find_map(|clause| match clause {
        Clause::Workspace { sid, .. } => Some(string_literal(sid).and_then(|s| s.parse().ok())),
        _ => None,
    });
    let channel = clauses.iter().find_map(|clause| match clause {
        Clause::Channel { kind, sid, .. } => {
            let sid = sid.as_ref().and_then(string_literal);
            Some(match kind {
                ChannelKind::Worker => Channel::Worker(
                    sid.and_then(|s| s.parse().ok())
                        .unwrap_or(checked::<WorkerSid>(UNKNOWN)),
                ),
                ChannelKind::TaskQueue => {
                    Channel::TaskQueue(sid.and_then(|s| s.parse().ok()).unwrap_or(checked::<
                        TaskQueueSid,
                    >(
                        UNKNOWN
                    )))
                }
                ChannelKind::Workspace => Channel::Workspace,
            })
        }
        _ => None,
    });
    // Without a channel, no default policy is known: the workspace's URLs are left out too.
    let (workspace, probe_channel) = match (workspace, &channel) {
        (Some(Some(workspace)), Some(channel)) => (workspace, channel.clone()),
        (_, Some(channel)) => (checked::<WorkspaceSid>(UNKNOWN), channel.clone()),
        (_, None) => (checked::<WorkspaceSid>(UNKNOWN), Channel::Workspace),
    };
    let mut probe = TaskRouterPolicy::builder()
        .workspace(workspace)
        .channel(probe_channel.clone());
    let mut allowed = Vec::new();
    for clause in clauses {
        if let Clause::Allow { options } = clause {
            for option in options
                .iter()
                .filter_map(|o| Allow::from_name(&o.to_string()))
            {
                if rules::check_allow(option, probe_channel.kind(), &allowed).is_ok() {
                    allowed.push(option);
                    probe = probe.allow(option);
                }
            }
        }
    }
    (channel, probe)
}

#[derive(Default)]
struct Validator {
    policy: Policy,
    values: Values<Kind>,
    /// How many channels are written, and how many are seen so far.
    channels: usize,
    channels_seen: usize,
    /// The first channel written, for the worker-only options; `None` when there is none.
    rules_channel: Option<Channel>,
    /// The builder the custom policies of literals are compared with (see [`probe`]).
    probe: TaskRouterPolicyBuilder,
    /// Whether every SID and URL is a literal, so that `probe` is the whole policy.
    all_known: bool,
}

impl Validator {
    fn clause(&mut self, clause: Clause) {
        match clause {
            Clause::Workspace { keyword, sid } => {
                let first = self.values.first_clause(OnceClause::Workspace, &keyword);
                let workspace = self.text(sid, &WORKSPACE_SID);
                if first {
                    self.policy.workspace = workspace;
                }
            }
            Clause::Channel { keyword, kind, sid } => {
                self.channels_seen += 1;
                let first = self.channels_seen == 1;
                if !first {
                    let count = self.channels;
                    let error = PolicyError::SeveralChannels { count };
                    self.values.errors.at(keyword.span(), error);
                }
                let channel = match (kind, sid, kind.sid()) {
                    (ChannelKind::Workspace, _, _) => Some(ChannelValue::Workspace),
                    (ChannelKind::Worker, Some(sid), Some(checked)) => {
                        self.text(sid, checked).map(ChannelValue::Worker)
                    }
                    (ChannelKind::TaskQueue, Some(sid), Some(checked)) => {
                        self.text(sid, checked).map(ChannelValue::TaskQueue)
                    }
                    _ => None,
                };
                if first {
                    self.policy.channel = channel;
                }
            }
            Clause::Allow { options } => {
                for option in options {
                    self.option(&option);
                }
            }
            Clause::Policy {
                method,
                url,
                fields,
            } => self.policy(&method, url, fields),
            Clause::Ttl { keyword, ttl } => self.values.ttl_clause(&keyword, ttl, Kind::Ttl),
        }
    }

    /// A literal of a checked type, or a run-time expression of it.
    fn text(&mut self, expr: Expr, checked: &'static Checked) -> Option<Text> {
        let text = self.values.text(
            expr,
            Kind::Checked(checked),
            checked.expected,
            checked.check,
        );
        if !matches!(text, Some(Text::Known(_))) {
            self.all_known = false;
        }
        text
    }

    /// An option of `allow`: known, once, and a worker-only one only for a worker.
    fn option(&mut self, option: &Ident) {
        let Some(allow) = Allow::from_name(&option.to_string()) else {
            let expected = clause::one_of(&OPTIONS);
            let message = format!("unknown option `{option}`; expected {expected}");
            self.values.errors.at(option.span(), message);
            return;
        };
        let checked = match &self.rules_channel {
            Some(channel) => rules::check_allow(allow, channel.kind(), &self.policy.allow),
            // Without a channel (an error of its own) only the repetition is checked.
            None if self.policy.allow.contains(&allow) => {
                Err(PolicyError::DuplicateAllow { allow })
            }
            None => Ok(()),
        };
        match checked {
            Ok(()) => self.policy.allow.push(allow),
            Err(error) => self.values.errors.at(option.span(), error),
        }
    }

    /// A custom policy: its method, URL and fields checked, and, when all of it is literal,
    /// compared with the policies before it.
    fn policy(&mut self, method: &Ident, url: Expr, fields: ClauseList<PolicyField>) {
        let method = match method.to_string().parse::<Method>() {
            Ok(parsed) => Some(parsed),
            Err(error) => {
                self.values.errors.at(method.span(), error);
                None
            }
        };
        let url_span = url.span();
        let url = self.text(url, &TASKROUTER_URL);
        // A field that did not parse may have changed the policy: it is not compared.
        let mut complete = !fields.lost && fields.errors.is_empty();
        let mut allow = true;
        let mut query_filter = None;
        let mut post_filter = None;
        let mut seen: Vec<String> = Vec::new();
        for item in fields.in_order() {
            let PolicyField { keyword, value } = match item {
                Ok(field) => field,
                Err(error) => {
                    self.values.errors.push(error);
                    continue;
                }
            };
            let name = keyword.to_string();
            let first = !seen.contains(&name);
            if first {
                seen.push(name);
            } else {
                let message = format!("`{keyword}` may appear only once in a custom policy");
                self.values.errors.at(keyword.span(), message);
                complete = false;
            }
            match value {
                FieldValue::Deny => allow = false,
                FieldValue::Filter(scope, block) => {
                    let (filter, ok) = self.filter(scope, block);
                    complete &= ok;
                    let slot = match scope {
                        ParamScope::PostFilter => &mut post_filter,
                        _ => &mut query_filter,
                    };
                    slot.get_or_insert(filter);
                }
            }
        }
        let (Some(method), Some(url)) = (method, url) else {
            return;
        };
        let custom = CustomValue {
            url,
            method,
            allow,
            query_filter: query_filter.unwrap_or_default(),
            post_filter: post_filter.unwrap_or_default(),
        };
        match (&custom.url, complete) {
            (Text::Known(text), true) => self.compare(&custom, text.clone(), url_span),
            (Text::Known(_), false) => {}
            (Text::Binding(_), _) => self.all_known = false,
        }
        self.policy.policies.push(custom);
    }

    /// A custom policy of literals, given to the runtime's builder after the ones before it:
    /// an error under its URL if the builder finds it equal to one already in the list.
    fn compare(&mut self, custom: &CustomValue, url: String, span: Span) {
        let Ok(url) = TaskRouterUrl::try_from(url) else {
            return;
        };
        let mut policy = CustomPolicy::new(url, custom.method).allowing(custom.allow);
        for (name, required) in &custom.query_filter {
            policy = policy.query_filter(name, *required);
        }
        for (name, required) in &custom.post_filter {
            policy = policy.post_filter(name, *required);
        }
        let probe = self.probe.clone().policy(policy);
        match probe.clone().build() {
            Err(error @ PolicyError::DuplicatePolicy { .. }) => self.values.errors.at(span, error),
            _ => self.probe = probe,
        }
    }

    /// The names of a filter and their modes, each name checked. `false` with them when one
    /// broke a rule.
    fn filter(&mut self, scope: ParamScope, block: Block) -> (Vec<(String, bool)>, bool) {
        let mut ok = true;
        if let Err(error) = rules::check_pair_count(scope, block.pairs.len()) {
            // On the first pair past the limit.
            if let Some(pair) = block.pairs.get(rules::MAX_PAIRS) {
                self.values.errors.at(pair.key.span(), error);
            }
            ok = false;
        }
        let mut filter: Vec<(String, bool)> = Vec::new();
        for pair in block.pairs {
            let name = pair.key.text();
            let earlier = filter.iter().map(|(name, _)| name.as_str());
            if let Err(error) = rules::check_key(scope, &name, earlier) {
                self.values.errors.at(pair.key.span(), error);
                ok = false;
                continue;
            }
            match mode(&pair.value) {
                Ok(required) => filter.push((name, required)),
                Err(error) => {
                    self.values.errors.push(error);
                    ok = false;
                }
            }
        }
        (filter, ok)
    }
}

/// The mode of a filter: `required` or `optional`.
fn mode(expr: &Expr) -> Result<bool, syn::Error> {
    match expr {
        // A fragment passed down by `macro_rules!` arrives in an invisible group.
        Expr::Group(group) => mode(&group.expr),
        Expr::Path(path) if path.attrs.is_empty() && path.qself.is_none() => {
            match path.path.get_ident() {
                Some(ident) if ident == "required" => Ok(true),
                Some(ident) if ident == "optional" => Ok(false),
                Some(ident) => Err(syn::Error::new(
                    ident.span(),
                    format!("unknown filter mode `{ident}`; expected `required` or `optional`"),
                )),
                None => Err(not_a_mode(expr)),
            }
        }
        _ => Err(not_a_mode(expr)),
    }
}

fn not_a_mode(expr: &Expr) -> syn::Error {
    syn::Error::new_spanned(expr, "expected a filter mode: `required` or `optional`")
}
