//! The rules of `capability-token.md` section 2, applied to a `capability!` syntax tree at
//! compile time.
//!
//! Every rule is the runtime's own function: `ClientName::check`, `AppSid::check`, `Ttl`'s
//! parser and `capability_runtime::rules`. Their messages are shown as they are, each spanned
//! on the token that broke the rule, and every error of the invocation is reported together.

use capability_runtime::{Clause as OnceClause, ClientName, ParamScope, rules};
use proc_macro2::Span;
use syn::Expr;

use super::parse::{Clause, Invocation};
use crate::value::{APP_SID, Expected, Text, Validated, Values};

/// A policy that passed every rule that can be checked at compile time.
#[derive(Default)]
pub(crate) struct Policy {
    /// The incoming client names, in the order written.
    pub incoming: Vec<Text>,
    /// The application SID and its params.
    pub outgoing: Option<(Text, Vec<(String, Text)>)>,
    /// The event-stream filters.
    pub event_stream: Option<Vec<(String, Text)>>,
}

/// What a run-time expression is, which decides how the expansion takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An `incoming` name: a `ClientName` or a reference to one.
    ClientName,
    /// An `outgoing` application SID: an `AppSid` or a reference to one.
    AppSid,
    /// A `ttl`: a `Ttl` or a reference to one.
    Ttl,
    /// A param or filter value: anything that implements `Display`.
    Display,
}

/// Checks the invocation. On success, the policy to expand; otherwise every error found, in
/// the order written.
pub(crate) fn validate(invocation: Invocation) -> Result<Validated<Policy, Kind>, syn::Error> {
    let syntax_ok = invocation.errors.is_empty();
    let mut v = Validator::default();
    for item in invocation.in_order() {
        match item {
            Ok(clause) => v.clause(clause),
            Err(error) => v.values.errors.push(error),
        }
    }
    // A policy whose clauses did not parse is not known to be empty: say nothing more.
    if syntax_ok
        && let Err(e) = rules::check_grants_something(
            v.incoming_clauses,
            v.values.seen.contains(&OnceClause::Outgoing),
            v.values.seen.contains(&OnceClause::EventStream),
        )
    {
        v.values.errors.at(Span::call_site(), e);
    }
    v.values.finish(v.policy)
}

#[derive(Default)]
struct Validator {
    policy: Policy,
    values: Values<Kind>,
    /// How many `incoming` clauses there are, literal or not, valid or not.
    incoming_clauses: usize,
    /// The literal incoming names that passed their rule, for the distinct-name rule.
    literal_names: Vec<String>,
}

impl Validator {
    fn clause(&mut self, clause: Clause) {
        match clause {
            Clause::Incoming { name } => {
                self.incoming_clauses += 1;
                let name = self.incoming_name(name);
                self.policy.incoming.extend(name);
            }
            Clause::Outgoing {
                keyword,
                app_sid,
                params,
            } => {
                let first = self.values.first_clause(OnceClause::Outgoing, &keyword);
                let app_sid =
                    self.values
                        .text(app_sid, Kind::AppSid, APP_SID.expected, APP_SID.check);
                let params = self
                    .values
                    .pairs(ParamScope::OutgoingParams, params, Kind::Display);
                if let (true, Some(app_sid)) = (first, app_sid) {
                    self.policy.outgoing = Some((app_sid, params));
                }
            }
            Clause::EventStream { keyword, filters } => {
                let first = self.values.first_clause(OnceClause::EventStream, &keyword);
                let filters =
                    self.values
                        .pairs(ParamScope::EventStreamFilters, filters, Kind::Display);
                if first {
                    self.policy.event_stream = Some(filters);
                }
            }
            Clause::Ttl { keyword, ttl } => self.values.ttl_clause(&keyword, ttl, Kind::Ttl),
        }
    }

    fn incoming_name(&mut self, expr: Expr) -> Option<Text> {
        let earlier = &self.literal_names;
        let name = self.values.text(
            expr,
            Kind::ClientName,
            Expected {
                what: "a client name",
                ty: "a `ClientName`",
            },
            |name| {
                ClientName::check(name)?;
                rules::check_distinct_name(name, earlier.iter().map(String::as_str))
            },
        );
        if let Some(Text::Known(name)) = &name {
            self.literal_names.push(name.clone());
        }
        name
    }
}
