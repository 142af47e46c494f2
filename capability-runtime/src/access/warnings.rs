//! The warnings of an access token: the rules of spec section 2 its claims and grants break.

use crate::access::read::{DecodedAccessToken, Problem};
use crate::access::schema;
use crate::warnings::{Warning, Warnings, kind};
use crate::{
    AccountSid, ApiKeySid, AppSid, ChatServiceSid, DeploymentRoleSid, EndpointId, GrantKind,
    Identity, ParamScope, PolicyError, PushCredentialSid, Region, RoomName, SyncServiceSid,
    TaskRouterRole, TimeClaim, ValueError, WorkerSid, WorkspaceSid, rules,
};

type Rule = fn(&str) -> Result<(), ValueError>;

/// Every warning for a decoded access token, in claim order: the header, the claims, the
/// grants' types, then each grant.
pub(crate) fn of(token: &DecodedAccessToken<TimeClaim>, problems: &[Problem]) -> Vec<Warning> {
    let mut out = Warnings::default();
    if let Some(region) = &token.header.twr {
        out.value("header (twr)", region, Region::check);
    }
    out.value("issuer (iss)", &token.claims.iss, ApiKeySid::check);
    out.value("subject (sub)", &token.sub, AccountSid::check);
    out.times(&token.claims);
    for problem in problems {
        out.0.push(match *problem {
            Problem::Type {
                claim,
                expected,
                found,
            } => Warning::ClaimType {
                claim,
                expected,
                found,
            },
            Problem::MissingIdentity => Warning::Policy(PolicyError::MissingIdentity),
            Problem::EmptyIdentity => Warning::Value {
                at: "identity",
                value: String::new(),
                error: ValueError::Identity {
                    value: String::new(),
                },
            },
        });
    }
    let g = &token.grants;
    if !token.identity.is_empty() {
        out.value("identity", &token.identity, Identity::check);
        if g.voice.is_some() {
            out.policy(rules::check_voice_identity(&token.identity));
        }
    }
    let count = [
        g.voice.is_some(),
        g.video.is_some(),
        g.chat.is_some(),
        g.sync.is_some(),
        g.task_router.is_some(),
    ];
    let count = count.iter().filter(|&&b| b).count() + g.other.len();
    out.policy(rules::check_access_grants(count));
    let mut field = |at, value: &Option<String>, rule: Rule| {
        if let Some(value) = value {
            out.value(at, value, rule);
        }
    };
    if let Some(v) = &g.voice {
        field(
            "voice grant",
            &v.push_credential_sid,
            PushCredentialSid::check,
        );
        field("voice grant", &v.endpoint_id, EndpointId::check);
    }
    if let Some(v) = &g.video {
        field("video grant", &v.room, RoomName::check);
    }
    if let Some(c) = &g.chat {
        field("chat grant", &c.service_sid, ChatServiceSid::check);
        field("chat grant", &c.endpoint_id, EndpointId::check);
        field(
            "chat grant",
            &c.deployment_role_sid,
            DeploymentRoleSid::check,
        );
        field(
            "chat grant",
            &c.push_credential_sid,
            PushCredentialSid::check,
        );
    }
    if let Some(s) = &g.sync {
        field("sync grant", &s.service_sid, SyncServiceSid::check);
        field("sync grant", &s.endpoint_id, EndpointId::check);
    }
    if let Some(t) = &g.task_router {
        field("task_router grant", &t.workspace_sid, WorkspaceSid::check);
        field("task_router grant", &t.worker_sid, WorkerSid::check);
        field("task_router grant", &t.role, TaskRouterRole::check);
    }
    if let Some(v) = &g.voice {
        out.policy(rules::check_voice_allows(
            v.incoming,
            v.outgoing.is_some(),
            v.push_credential_sid.is_some(),
        ));
        if let Some(o) = &v.outgoing {
            out.value("voice grant", &o.application_sid, AppSid::check);
            let mut strings = Vec::new();
            for (key, value) in &o.params {
                match value.as_str() {
                    Some(text) => strings.push((key.clone(), text.to_owned())),
                    None => out.0.push(Warning::ClaimType {
                        claim: "grants.voice.outgoing.params",
                        expected: "an object of strings",
                        found: kind(value),
                    }),
                }
            }
            out.pairs("voice grant", ParamScope::OutgoingParams, &strings);
        }
    }
    let required = [
        (
            GrantKind::Chat,
            &schema::CHAT,
            g.chat.as_ref().map(|c| c.service_sid.is_some()),
        ),
        (
            GrantKind::Sync,
            &schema::SYNC,
            g.sync.as_ref().map(|s| s.service_sid.is_some()),
        ),
        (
            GrantKind::TaskRouter,
            &schema::TASK_ROUTER,
            g.task_router.as_ref().map(|t| t.workspace_sid.is_some()),
        ),
    ];
    for (grant, table, present) in required {
        // Named as the macro and the builder name it: `service`, `workspace`.
        let field = table
            .fields
            .iter()
            .find(|f| f.required)
            .and_then(|f| f.keyword);
        if let (Some(present), Some(field)) = (present, field) {
            out.policy(rules::check_grant_field(grant, field, present));
        }
    }
    out.0
}
