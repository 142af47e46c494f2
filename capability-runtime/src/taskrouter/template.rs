//! `TaskRouterTemplate`: a TaskRouter policy file, its literal values checked, its inputs bound
//! at mint time.

use crate::jwt::layout::{Piece, Text};
use crate::taskrouter::layout::{self, ChannelText, CustomText};
use crate::toml::input::{self, Slot};
use crate::toml::lower::{Lower, Rust, lowered_struct};
use crate::{
    Allow, BindProblem, CustomPolicy, Method, TaskQueueSid, TaskRouter, TaskRouterPolicy,
    TaskRouterUrl, Template, WorkerSid, WorkspaceSid,
};

/// A TaskRouter policy loaded from TOML: its literal values are checked, and its inputs wait to
/// be bound. [`PolicyFile`](crate::PolicyFile) loads a file of any format.
///
/// ```
/// use capability::TaskRouterTemplate;
///
/// let template = TaskRouterTemplate::from_toml_str(r#"
///     format = "taskrouter"
///     workspace_sid = "WS11111111111111111111111111111111"
///     ttl = 28800
///
///     [worker]
///     sid = { input = "worker_sid" }
///     activity_updates = true
/// "#)?;
/// let policy = template.bind([("worker_sid", "WK22222222222222222222222222222222")])?;
/// assert_eq!(policy.allows(), [capability::Allow::ActivityUpdates]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// The schema, with every key (every string value except `method` may also be
/// `{ input = "NAME" }`):
///
/// ```toml
/// format = "taskrouter"                 # required
/// workspace_sid = "WS11111111111111111111111111111111"   # required
/// ttl = 28800                           # optional; seconds, 1..=86400; default 3600
///
/// [worker]                              # exactly one of [worker], [task_queue], [workspace]
/// sid = "WK22222222222222222222222222222222"
/// update_self = true                    # each option of spec 1.5, default false
/// delete_self = false
/// fetch_subresources = false
/// delete_subresources = false
/// update_subresources = false
/// activity_updates = true               # [worker] only
/// reservation_updates = true            # [worker] only
///
/// [[policy]]                            # custom policies, in order
/// url = "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Tasks/**"
/// method = "POST"
/// allow = true                          # default true
/// post_filter = { ActivitySid = { required = true } }
/// query_filter = { }
/// ```
pub type TaskRouterTemplate = Template<TaskRouter>;

lowered_struct! {
    /// A TaskRouter template's own fields.
    #[derive(Debug, Clone, Default, PartialEq, Eq)]
    pub struct TaskRouterSlots {
        pub workspace: Option<Slot<WorkspaceSid>>,
        pub channel: Option<ChannelSlot>,
        pub allow: Vec<Allow>,
        pub policies: Vec<CustomSlots>,
    }
}

#[doc(hidden)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChannelSlot {
    Worker(Slot<WorkerSid>),
    TaskQueue(Slot<TaskQueueSid>),
    Workspace,
}

lowered_struct! {
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct CustomSlots {
        pub url: Slot<TaskRouterUrl>,
        pub method: Method,
        pub allow: bool,
        pub query_filter: Vec<(String, bool)>,
        pub post_filter: Vec<(String, bool)>,
    }
}

/// The policy with input `i` replaced by `values[i]`, through the builder.
pub(crate) fn build(
    t: &TaskRouterTemplate,
    values: &[&str],
) -> Result<TaskRouterPolicy, BindProblem> {
    let inputs = &t.inputs;
    let mut b = TaskRouterPolicy::builder().ttl(t.ttl);
    if let Some(ws) = &t.slots.workspace {
        b = b.workspace(input::resolve(ws, values, inputs)?);
    }
    b = match &t.slots.channel {
        Some(ChannelSlot::Worker(sid)) => b.worker(input::resolve(sid, values, inputs)?),
        Some(ChannelSlot::TaskQueue(sid)) => b.task_queue(input::resolve(sid, values, inputs)?),
        Some(ChannelSlot::Workspace) => b.workspace_channel(),
        None => b,
    };
    for allow in &t.slots.allow {
        b = b.allow(*allow);
    }
    for p in &t.slots.policies {
        let mut custom =
            CustomPolicy::new(input::resolve(&p.url, values, inputs)?, p.method).allowing(p.allow);
        for (name, required) in &p.query_filter {
            custom = custom.query_filter(name, *required);
        }
        for (name, required) in &p.post_filter {
            custom = custom.post_filter(name, *required);
        }
        b = b.policy(custom);
    }
    b.build().map_err(BindProblem::Policy)
}

impl TaskRouterTemplate {
    /// The payload up to `"exp":`, for `account`, with input `i` as `Text::Slot(i)`.
    pub(crate) fn layout(&self, account: &str) -> Vec<Piece<String>> {
        let workspace = self
            .slots
            .workspace
            .as_ref()
            .map_or(Text::Known(""), Slot::text);
        let channel = match &self.slots.channel {
            Some(ChannelSlot::Worker(sid)) => ChannelText::Worker(Slot::text(sid)),
            Some(ChannelSlot::TaskQueue(sid)) => ChannelText::TaskQueue(Slot::text(sid)),
            Some(ChannelSlot::Workspace) | None => ChannelText::Workspace,
        };
        let custom: Vec<CustomText<'_>> = self
            .slots
            .policies
            .iter()
            .map(|p| CustomText {
                url: Slot::text(&p.url),
                method: p.method,
                allow: p.allow,
                query_filter: &p.query_filter,
                post_filter: &p.post_filter,
            })
            .collect();
        let account = Text::Known(account);
        let rules = layout::rules(account, workspace, channel, &self.slots.allow, &custom);
        layout::payload(account, workspace, channel, &rules)
    }
}

impl Lower for ChannelSlot {
    fn lower(&self, out: &mut Rust) {
        match self {
            ChannelSlot::Worker(sid) => out.call("ChannelSlot::Worker", &[sid]),
            ChannelSlot::TaskQueue(sid) => out.call("ChannelSlot::TaskQueue", &[sid]),
            ChannelSlot::Workspace => out.path("ChannelSlot::Workspace"),
        };
    }
}
