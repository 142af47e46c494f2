//! The rules of `access-token.md` section 2, applied to an `access_token!` syntax tree at
//! compile time.
//!
//! Every rule is the runtime's own function: each value type's `check`, `Ttl`'s parser and
//! `capability_runtime::rules`. Their messages are shown as they are, each spanned on the token
//! that broke the rule, and every error of the invocation is reported together. A missing
//! identity and a policy without grants are reported on the whole invocation.

use capability_runtime::{
    Clause as OnceClause, GrantKind, Identity, ParamScope, PolicyError, rules,
};
use proc_macro2::Span;
use syn::Ident;

use super::parse::{self, Clause, FieldClause, Invocation};
use super::{Field, Grant, IDENTITY, REGION};
use crate::clause::ClauseList;
use crate::value::{APP_SID, Checked, Once, Text, Validated, Values};

/// A policy that passed every rule that can be checked at compile time.
#[derive(Default)]
pub(crate) struct Policy {
    /// The identity; without one the policy has an error, so this is `None` only in a policy
    /// that is never expanded.
    pub identity: Option<Text>,
    /// The grants, in the order of the token.
    pub grants: Vec<GrantValue>,
    pub region: Option<Text>,
}

/// A checked grant: its fields, in the order of its table.
pub(crate) struct GrantValue {
    pub grant: &'static Grant,
    pub fields: Vec<(&'static Field, FieldValue)>,
}

/// A checked field.
pub(crate) enum FieldValue {
    /// `incoming`
    Nothing,
    /// The application SID and its params.
    Outgoing(Text, Vec<(String, Text)>),
    /// A value of the checked type.
    Checked(&'static Checked, Text),
}

/// What a run-time expression is, which decides how the expansion takes it.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    /// A value of a checked type, or a reference to one.
    Checked(&'static Checked),
    /// A `ttl`: a `Ttl` or a reference to one.
    Ttl,
    /// A param value: anything that implements `Display`.
    Display,
}

/// Checks the invocation. On success, the policy to expand; otherwise every error found, in
/// the order written.
pub(crate) fn validate(invocation: Invocation) -> Result<Validated<Policy, Kind>, syn::Error> {
    let lost = invocation.lost;
    let voice = invocation.clauses.iter().any(
        |clause| matches!(clause, Clause::Grant { grant, .. } if grant.kind == GrantKind::Voice),
    );
    let mut v = Validator {
        voice,
        ..Validator::default()
    };
    for item in invocation.in_order() {
        match item {
            Ok(clause) => v.clause(clause),
            Err(error) => v.values.errors.push(error),
        }
    }
    // A clause that did not parse may have been the identity or a grant: say nothing more.
    if !lost {
        let call_site = Span::call_site();
        if !v.values.seen.contains(&OnceClause::Identity) {
            v.values.errors.at(call_site, PolicyError::MissingIdentity);
        }
        if let Err(e) = rules::check_access_grants(v.grants_seen.len()) {
            v.values.errors.at(call_site, e);
        }
    }
    let Validator {
        mut policy, values, ..
    } = v;
    policy.grants.sort_by_key(|g| g.grant.kind);
    values.finish(policy)
}

#[derive(Default)]
struct Validator {
    policy: Policy,
    values: Values<Kind>,
    /// Whether the policy has a voice grant, which needs an identity that is a client name.
    voice: bool,
    /// The grants seen so far.
    grants_seen: Once<GrantKind>,
}

impl Validator {
    fn clause(&mut self, clause: Clause) {
        match clause {
            Clause::Identity { keyword, identity } => {
                let first = self.values.first_clause(OnceClause::Identity, &keyword);
                let voice = self.voice;
                let kind = Kind::Checked(&IDENTITY);
                let identity = self.values.text(identity, kind, IDENTITY.expected, |text| {
                    Identity::check(text)?;
                    if voice {
                        rules::check_voice_identity(text)?;
                    }
                    Ok::<_, PolicyError>(())
                });
                if first {
                    self.policy.identity = identity;
                }
            }
            Clause::Grant {
                keyword,
                grant,
                fields,
            } => {
                let repeated = PolicyError::DuplicateGrant { grant: grant.kind };
                let errors = &mut self.values.errors;
                let first = self
                    .grants_seen
                    .first(grant.kind, keyword.span(), errors, repeated);
                // The rules of a grant as a whole apply to the one that counts, the first, and
                // only when every field parsed.
                if first && !fields.lost {
                    self.grant_rules(&keyword, grant, &fields);
                }
                let fields = self.fields(grant, fields);
                if first {
                    self.policy.grants.push(GrantValue { grant, fields });
                }
            }
            Clause::Region { keyword, region } => {
                let first = self.values.first_clause(OnceClause::Region, &keyword);
                let kind = Kind::Checked(&REGION);
                let region = self.text(region, kind, &REGION);
                if first {
                    self.policy.region = region;
                }
            }
            Clause::Ttl { keyword, ttl } => self.values.ttl_clause(&keyword, ttl, Kind::Ttl),
        }
    }

    /// A literal of a checked type, or a run-time expression of it.
    fn text(&mut self, expr: syn::Expr, kind: Kind, checked: &Checked) -> Option<Text> {
        self.values
            .text(expr, kind, checked.expected, checked.check)
    }

    /// What a grant must have as a whole: a voice grant allows something, a chat or sync grant
    /// has its service, a TaskRouter grant its workspace. Each error is under the grant's
    /// keyword.
    fn grant_rules(&mut self, keyword: &Ident, grant: &Grant, fields: &ClauseList<FieldClause>) {
        let has = |name: &str| fields.clauses.iter().any(|f| f.field.name == name);
        let allows = match grant.kind {
            GrantKind::Voice => {
                rules::check_voice_allows(has("incoming"), has("outgoing"), has("push_credential"))
            }
            _ => Ok(()),
        };
        let required = match grant.required {
            Some(field) => rules::check_grant_field(grant.kind, field, has(field)),
            None => Ok(()),
        };
        for error in [allows, required].into_iter().filter_map(Result::err) {
            self.values.errors.at(keyword.span(), error);
        }
    }

    /// The fields of a grant, each checked, in the order of the grant's table. A field given
    /// twice is an error under its second keyword; its value is still checked.
    fn fields(
        &mut self,
        grant: &Grant,
        fields: ClauseList<FieldClause>,
    ) -> Vec<(&'static Field, FieldValue)> {
        let mut seen = Once::default();
        let mut out = Vec::new();
        for item in fields.in_order() {
            let FieldClause {
                keyword,
                field,
                value,
            } = match item {
                Ok(field) => field,
                Err(error) => {
                    self.values.errors.push(error);
                    continue;
                }
            };
            let repeated = PolicyError::DuplicateGrantField {
                grant: grant.kind,
                field: field.name,
            };
            let errors = &mut self.values.errors;
            let first = seen.first(field.name, keyword.span(), errors, repeated);
            let value = self.field_value(value);
            if let (true, Some(value)) = (first, value) {
                out.push((field, value));
            }
        }
        let position = |field: &Field| grant.fields.iter().position(|f| f.name == field.name);
        out.sort_by_key(|(field, _)| position(field));
        out
    }

    fn field_value(&mut self, value: parse::Value) -> Option<FieldValue> {
        match value {
            parse::Value::Nothing => Some(FieldValue::Nothing),
            parse::Value::Outgoing { app_sid, params } => {
                let app_sid = self.text(app_sid, Kind::Checked(&APP_SID), &APP_SID);
                let params = self
                    .values
                    .pairs(ParamScope::OutgoingParams, params, Kind::Display);
                Some(FieldValue::Outgoing(app_sid?, params))
            }
            parse::Value::Checked(checked, expr) => {
                let text = self.text(expr, Kind::Checked(checked), checked)?;
                Some(FieldValue::Checked(checked, text))
            }
        }
    }
}
