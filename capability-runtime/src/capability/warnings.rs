//! The warnings of a capability token: the rules of spec section 2 its scopes break.

use crate::warnings::{Warning, Warnings};
use crate::{
    AccountSid, AppSid, Clause, ClientName, DecodedCapabilityToken, ParamScope, PolicyError, Scope,
    TimeClaim, rules,
};

/// Every warning for a decoded capability token, in claim order.
pub(crate) fn of(token: &DecodedCapabilityToken<TimeClaim>) -> Vec<Warning> {
    let mut out = Warnings::default();
    out.value("issuer (iss)", &token.claims.iss, AccountSid::check);
    out.times(&token.claims);
    scopes(&mut out, &token.scopes);
    out.0
}

fn scopes(out: &mut Warnings, scopes: &[Scope]) {
    let mut names: Vec<&str> = Vec::new();
    let (mut outgoing, mut event_stream) = (0, 0);
    for scope in scopes {
        match scope {
            Scope::Incoming { client_name } => {
                out.value("incoming scope", client_name, ClientName::check);
                out.policy(rules::check_distinct_name(
                    client_name,
                    names.iter().copied(),
                ));
                names.push(client_name);
            }
            Scope::Outgoing {
                application_sid,
                client_name,
                params,
            } => {
                outgoing += 1;
                if outgoing == 2 {
                    out.policy(Err(PolicyError::DuplicateClause {
                        clause: Clause::Outgoing,
                    }));
                }
                out.value("outgoing scope", application_sid, AppSid::check);
                if let Some(name) = client_name {
                    out.value("outgoing scope", name, ClientName::check);
                }
                out.pairs("outgoing scope", ParamScope::OutgoingParams, params);
            }
            Scope::EventStream { filters } => {
                event_stream += 1;
                if event_stream == 2 {
                    out.policy(Err(PolicyError::DuplicateClause {
                        clause: Clause::EventStream,
                    }));
                }
                out.pairs(
                    "event stream scope",
                    ParamScope::EventStreamFilters,
                    filters,
                );
            }
            Scope::Unknown { .. } => {}
        }
    }
    let known = scopes
        .iter()
        .filter(|s| !matches!(s, Scope::Unknown { .. }));
    if known.count() == 0 {
        out.policy(Err(PolicyError::Empty));
    }
}
