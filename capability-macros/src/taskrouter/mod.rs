//! The `taskrouter!` macro: a TaskRouter capability-token policy (`taskrouter-token.md`).
//!
//! What the three steps share is here: the checked types of the values that only this format
//! has, and the names of the options.

pub(crate) mod expand;
pub(crate) mod parse;
pub(crate) mod validate;

use capability_runtime::{Allow, TaskQueueSid, TaskRouterUrl};

use crate::value::{Checked, checked};

/// A task queue SID: `task_queue`.
pub(crate) const TASK_QUEUE_SID: Checked = checked(
    "TaskQueueSid",
    "a task queue SID",
    "a `TaskQueueSid`",
    TaskQueueSid::check,
    "task_queue_sid",
);

/// The URL of a custom policy: `policy METHOD URL`.
pub(crate) const TASKROUTER_URL: Checked = checked(
    "TaskRouterUrl",
    "a TaskRouter policy URL",
    "a `TaskRouterUrl`",
    TaskRouterUrl::check,
    "taskrouter_url",
);

/// The names of the options of spec 1.5, as `allow` takes them, in the token's order.
pub(crate) const OPTIONS: [&str; Allow::ALL.len()] = {
    let mut names = [""; Allow::ALL.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = Allow::ALL[i].name();
        i += 1;
    }
    names
};
