// The expansion names nothing from the caller's scope: the prelude may be shadowed, and locals
// named like the expansion's own are neither captured nor shadowed.
#![allow(dead_code, non_camel_case_types, non_snake_case)]

use capability::{TaskRouterUrl, WorkspaceSid, taskrouter};

struct String;
struct Vec;
struct Option;
struct Allow;
struct Method;
struct CustomPolicy;
struct TaskRouterPolicy;
struct WorkerSid;
fn Some() {}
mod std {}
mod core {}

fn main() {
    let workspace: WorkspaceSid = "WS0123456789abcdef0123456789abcdef".parse().unwrap();
    let url: TaskRouterUrl = "https://taskrouter.twilio.com/v1/x".parse().unwrap();
    let workspace_sid_0 = &url;
    let taskrouter_url_1 = workspace.clone();
    let policy = taskrouter! {
        workspace taskrouter_url_1;
        worker "WK0123456789abcdef0123456789abcdef";
        allow activity_updates;
        policy POST workspace_sid_0 { post_filter { Reason: optional }; deny };
        ttl 60;
    };
    assert_eq!(policy.workspace(), &workspace);
    assert_eq!(policy.custom_policies()[0].url(), &url);
    assert_eq!(policy.ttl().as_secs(), 60);
}
