//! The warnings of an access token: the rules of spec section 2 its claims and grants break.

use crate::access::read::{DecodedAccessToken, Problem};
use crate::access::schema;
use crate::warnings::{Warning, Warnings, kind};
use crate::{
    AccountSid, ApiKeySid, AppSid, GrantKind, Identity, ParamScope, PolicyError, Region, TimeClaim,
    ValueError, rules,
};

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
    // Each string field of each grant, by the rule its schema row names, in token order.
    let grants = [
        ("voice grant", GrantKind::Voice, &schema::VOICE),
        ("video grant", GrantKind::Video, &schema::VIDEO),
        ("chat grant", GrantKind::Chat, &schema::CHAT),
        ("sync grant", GrantKind::Sync, &schema::SYNC),
        (
            "task_router grant",
            GrantKind::TaskRouter,
            &schema::TASK_ROUTER,
        ),
    ];
    for (at, grant, table) in grants {
        for (key, value) in g.text_fields(grant) {
            let use_ = table.field(key).and_then(|field| field.kind.text_use());
            if let (Some(value), Some(use_)) = (value, use_) {
                out.checked(at, value, use_.check(value));
            }
        }
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
