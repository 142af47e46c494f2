//! The warnings of a TaskRouter token: the rules of spec section 2 its claims and policies
//! break.

use crate::taskrouter::read::DecodedTaskRouterToken;
use crate::warnings::{Warning, Warnings};
use crate::{
    AccountSid, Method, TaskQueueSid, TaskRouterUrl, TimeClaim, VerifyError, WorkerSid,
    WorkspaceSid,
};

/// Every warning for a decoded TaskRouter token, in claim order.
pub(crate) fn of(
    token: &DecodedTaskRouterToken<TimeClaim>,
    problems: &[VerifyError],
) -> Vec<Warning> {
    let mut out = Warnings::default();
    out.value("issuer (iss)", &token.claims.iss, AccountSid::check);
    out.value("account_sid", &token.account_sid, AccountSid::check);
    out.value("workspace_sid", &token.workspace_sid, WorkspaceSid::check);
    if let Some(sid) = &token.worker_sid {
        out.value("worker_sid", sid, WorkerSid::check);
    }
    if let Some(sid) = &token.taskqueue_sid {
        out.value("taskqueue_sid", sid, TaskQueueSid::check);
    }
    out.times(&token.claims);
    for problem in problems {
        if let VerifyError::ClaimType {
            claim,
            expected,
            found,
        } = problem
        {
            out.0.push(Warning::ClaimType {
                claim,
                expected,
                found: *found,
            });
        }
    }
    for rule in &token.policies {
        out.value("policy", &rule.url, TaskRouterUrl::check);
        out.value("policy", &rule.method, Method::check);
    }
    out.0
}
