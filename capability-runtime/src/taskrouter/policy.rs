//! `TaskRouterPolicy`: what a TaskRouter capability token allows, checked when it is built.

use crate::rules::at_most_one;
use crate::setters::pushing_setters;
use crate::{
    Allow, ChannelKind, Clause, Method, ParamScope, PolicyError, TaskQueueSid, TaskRouterUrl, Ttl,
    WorkerSid, WorkspaceSid, rules,
};

/// Whose token it is (spec 1.2): a worker's, a task queue's, or the workspace's.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Channel {
    /// A worker (Worker.js).
    Worker(WorkerSid),
    /// A task queue (TaskQueue.js).
    TaskQueue(TaskQueueSid),
    /// The workspace (Workspace.js).
    Workspace,
}

impl Channel {
    /// The kind of channel.
    pub fn kind(&self) -> ChannelKind {
        match self {
            Channel::Worker(_) => ChannelKind::Worker,
            Channel::TaskQueue(_) => ChannelKind::TaskQueue,
            Channel::Workspace => ChannelKind::Workspace,
        }
    }

    /// The channel in words, with an article, as `a task queue`.
    pub fn describe(&self) -> &'static str {
        self.kind().describe()
    }
}

/// A custom policy: a request the token also allows (or denies), after the default ones.
///
/// ```
/// use capability::{CustomPolicy, Method};
///
/// let policy = CustomPolicy::new(
///     "https://taskrouter.twilio.com/v1/Workspaces/WS0123456789abcdef0123456789abcdef/Tasks/**".parse()?,
///     Method::Post,
/// )
/// .post_filter("ActivitySid", true);
/// assert!(policy.allow());
/// # Ok::<(), capability::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct CustomPolicy {
    url: TaskRouterUrl,
    method: Method,
    allow: bool,
    query_filter: Vec<(String, bool)>,
    post_filter: Vec<(String, bool)>,
}

impl CustomPolicy {
    /// A policy that allows `method` on `url`, with no filters.
    pub fn new(url: TaskRouterUrl, method: Method) -> CustomPolicy {
        CustomPolicy {
            url,
            method,
            allow: true,
            query_filter: Vec::new(),
            post_filter: Vec::new(),
        }
    }

    /// Allows the request (`true`, the default) or denies it (`false`).
    pub fn allowing(mut self, allow: bool) -> Self {
        self.allow = allow;
        self
    }

    /// Adds a query parameter to the query filter: `required` or merely allowed.
    pub fn query_filter(mut self, name: impl Into<String>, required: bool) -> Self {
        self.query_filter.push((name.into(), required));
        self
    }

    /// Adds a form parameter to the post filter: `required` or merely allowed.
    pub fn post_filter(mut self, name: impl Into<String>, required: bool) -> Self {
        self.post_filter.push((name.into(), required));
        self
    }

    /// The URL.
    pub fn url(&self) -> &TaskRouterUrl {
        &self.url
    }

    /// The method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// Whether it allows the request.
    pub fn allow(&self) -> bool {
        self.allow
    }

    /// The query filter, in declaration order.
    pub fn query_filters(&self) -> &[(String, bool)] {
        &self.query_filter
    }

    /// The post filter, in declaration order.
    pub fn post_filters(&self) -> &[(String, bool)] {
        &self.post_filter
    }
}

/// What a TaskRouter capability token allows, checked against every rule of spec section 2 of
/// `taskrouter-token.md`: a workspace, exactly one channel, worker-only options only for a
/// worker, custom policies on TaskRouter's hosts with unique filter names and none equal to a
/// policy already in the list.
///
/// ```
/// use capability::{Allow, Credentials, TaskRouterPolicy};
///
/// let policy = TaskRouterPolicy::builder()
///     .workspace("WS11111111111111111111111111111111".parse()?)
///     .worker("WK22222222222222222222222222222222".parse()?)
///     .allow(Allow::ActivityUpdates)
///     .allow(Allow::ReservationUpdates)
///     .build()?;
/// let creds = Credentials::new("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "0123456789abcdef0123456789abcdef")?;
/// let token = policy.sign_at(&creds, 1_700_000_000)?;
/// assert_eq!(token.expires_at(), 1_700_003_600);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRouterPolicy {
    pub(crate) workspace: WorkspaceSid,
    pub(crate) channel: Channel,
    /// The options, in spec order, each once.
    pub(crate) allow: Vec<Allow>,
    pub(crate) policies: Vec<CustomPolicy>,
    pub(crate) ttl: Ttl,
    /// What a run-time value of a `taskrouter!` policy breaks (a custom policy equal to one
    /// already in the list, say). The macro cannot fail, so signing does.
    pub(crate) deferred: Option<PolicyError>,
}

/// Builds a [`TaskRouterPolicy`] with method calls; [`build`](Self::build) checks every rule.
#[derive(Debug, Clone, Default)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct TaskRouterPolicyBuilder {
    workspaces: Vec<WorkspaceSid>,
    channels: Vec<Channel>,
    allow: Vec<Allow>,
    policies: Vec<CustomPolicy>,
    ttls: Vec<Ttl>,
}

impl TaskRouterPolicyBuilder {
    pushing_setters! {
        /// The workspace. Required.
        fn workspace(sid: WorkspaceSid) => workspaces;
    }

    /// A worker's token (Worker.js).
    pub fn worker(self, sid: WorkerSid) -> Self {
        self.channel(Channel::Worker(sid))
    }

    /// A task queue's token (TaskQueue.js).
    pub fn task_queue(self, sid: TaskQueueSid) -> Self {
        self.channel(Channel::TaskQueue(sid))
    }

    /// The workspace's own token (Workspace.js).
    pub fn workspace_channel(self) -> Self {
        self.channel(Channel::Workspace)
    }

    pushing_setters! {
        /// Whose token it is. Exactly one is required.
        fn channel(channel: Channel) => channels;
        /// One of the optional policies of spec 1.5.
        fn allow(allow: Allow) => allow;
        /// A custom policy, after the default ones, in the order given.
        fn policy(policy: CustomPolicy) => policies;
        /// The token lifetime. Without it, tokens live [`Ttl::DEFAULT`].
        fn ttl(ttl: Ttl) => ttls;
    }

    /// Checks every rule and makes the policy.
    ///
    /// # Errors
    /// The first [`PolicyError`] found.
    pub fn build(self) -> Result<TaskRouterPolicy, PolicyError> {
        let mut b = self;
        let workspace = at_most_one(
            &mut b.workspaces,
            PolicyError::DuplicateClause {
                clause: Clause::Workspace,
            },
        )?
        .ok_or(PolicyError::MissingWorkspace)?;
        let channel = match b.channels.len() {
            0 => return Err(PolicyError::MissingChannel),
            1 => b.channels.remove(0),
            count => return Err(PolicyError::SeveralChannels { count }),
        };
        let mut allow: Vec<Allow> = Vec::new();
        for option in b.allow {
            rules::check_allow(option, channel.kind(), &allow)?;
            allow.push(option);
        }
        allow.sort();
        let ttl = at_most_one(
            &mut b.ttls,
            PolicyError::DuplicateClause {
                clause: Clause::Ttl,
            },
        )?
        .unwrap_or_default();
        for policy in &b.policies {
            for (scope, filter) in [
                (ParamScope::QueryFilter, &policy.query_filter),
                (ParamScope::PostFilter, &policy.post_filter),
            ] {
                rules::check_pair_count(scope, filter.len())?;
                for (i, (name, _)) in filter.iter().enumerate() {
                    rules::check_key(scope, name, filter[..i].iter().map(|(k, _)| k.as_str()))?;
                }
            }
        }
        let policy = TaskRouterPolicy {
            workspace,
            channel,
            allow,
            policies: Vec::new(),
            ttl,
            deferred: None,
        };
        // A custom policy equal to one already in the list, default or custom, is refused. The
        // event bridge's URLs name the account, known only when signing: they are compared
        // then (a space is in no policy URL, so this account matches none of them).
        let mut policy = policy;
        for custom in b.policies {
            let rules = policy.rules(" ");
            if rules.iter().any(|r| r.same_as(&custom)) {
                return Err(PolicyError::DuplicatePolicy {
                    method: custom.method,
                    url: custom.url.as_str().to_owned(),
                });
            }
            policy.policies.push(custom);
        }
        rules::check_taskrouter_len(policy.payload("AC00000000000000000000000000000000").len())?;
        Ok(policy)
    }

    /// Makes a `taskrouter!` policy: the macro has checked every literal and clause at compile
    /// time, so a rule broken here is by a run-time value (a custom policy equal to one
    /// already in the list, a token too long), and makes
    /// [`sign_at`](TaskRouterPolicy::sign_at) fail with it instead.
    pub(crate) fn build_from_macro(self) -> TaskRouterPolicy {
        match self.clone().build() {
            Ok(policy) => policy,
            Err(error) => {
                // Whatever the builder holds, as far as it goes: the policy is never signed.
                let b = self;
                let mut allow = b.allow;
                allow.sort();
                allow.dedup();
                TaskRouterPolicy {
                    workspace: b.workspaces.into_iter().next().unwrap_or(
                        <WorkspaceSid as crate::__macro_support::Checked>::checked(""),
                    ),
                    channel: b.channels.into_iter().next().unwrap_or(Channel::Workspace),
                    allow,
                    policies: b.policies,
                    ttl: b.ttls.into_iter().next().unwrap_or_default(),
                    deferred: Some(error),
                }
            }
        }
    }
}

impl TaskRouterPolicy {
    /// Starts a policy with method calls.
    pub fn builder() -> TaskRouterPolicyBuilder {
        TaskRouterPolicyBuilder::default()
    }

    /// The workspace.
    pub fn workspace(&self) -> &WorkspaceSid {
        &self.workspace
    }

    /// Whose token it is.
    pub fn channel(&self) -> &Channel {
        &self.channel
    }

    /// The optional policies it has, in spec order.
    pub fn allows(&self) -> &[Allow] {
        &self.allow
    }

    /// The custom policies, in declaration order.
    pub fn custom_policies(&self) -> &[CustomPolicy] {
        &self.policies
    }

    /// How long a token signed from this policy lives.
    pub fn ttl(&self) -> Ttl {
        self.ttl
    }
}
