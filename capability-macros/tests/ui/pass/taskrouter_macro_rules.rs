// Literals passed down by `macro_rules!` are still checked as literals, and `?` works inside
// an expression as it does outside the macro.
use capability::{TaskRouterUrl, taskrouter};

macro_rules! worker_policy {
    ($workspace:literal, $worker:literal, $url:literal, $ttl:literal) => {
        taskrouter! {
            workspace $workspace;
            worker $worker;
            policy GET $url { query_filter { A: required } };
            ttl $ttl;
        }
    };
}

macro_rules! workspace_policy_expr {
    ($workspace:expr, $url:expr) => {
        taskrouter! { workspace $workspace; workspace_channel; policy DELETE $url }
    };
}

fn main() -> Result<(), capability::ValueError> {
    let policy = worker_policy!(
        "WS0123456789abcdef0123456789abcdef",
        "WK0123456789abcdef0123456789abcdef",
        "https://taskrouter.twilio.com/v1/x",
        120
    );
    assert_eq!(policy.ttl().as_secs(), 120);
    let policy = workspace_policy_expr!(
        "WS0123456789abcdef0123456789abcdef",
        "https://taskrouter.twilio.com/v1/y".parse::<TaskRouterUrl>()?
    );
    assert_eq!(policy.custom_policies().len(), 1);
    Ok(())
}
