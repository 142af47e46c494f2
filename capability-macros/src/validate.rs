//! The rules of spec section 2, applied to the syntax tree at compile time.
//!
//! Every rule is the runtime's own function: `ClientName::check`, `AppSid::check`, `Ttl`'s
//! parser and `capability_runtime::rules`. Their messages are shown as they are, each spanned
//! on the token that broke the rule, and every error of the invocation is reported together.

use capability_runtime::{
    AppSid, Clause as OnceClause, ClientName, ParamScope, PolicyError, Ttl, ValueError, rules,
};
use proc_macro2::Span;
use syn::{Expr, Ident, Lit, LitInt, LitStr, UnOp};

use crate::parse::{Block, Clause, Invocation};

/// A policy that passed every rule that can be checked at compile time.
pub(crate) struct Policy {
    /// The run-time expressions, in the order written. Each is evaluated once, in this order.
    pub bindings: Vec<Binding>,
    /// The incoming client names, in the order written.
    pub incoming: Vec<Text>,
    /// The application SID and its params.
    pub outgoing: Option<(Text, Vec<(String, Text)>)>,
    /// The event-stream filters.
    pub event_stream: Option<Vec<(String, Text)>>,
    pub ttl: Option<TtlValue>,
}

/// A run-time expression and the type it must have.
pub(crate) struct Binding {
    pub kind: Kind,
    pub expr: Expr,
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

/// A text of the claim: checked literal text, or run-time binding `n`.
pub(crate) enum Text {
    Known(String),
    Binding(usize),
}

/// The ttl: a checked literal, or run-time binding `n`.
pub(crate) enum TtlValue {
    Known(u32),
    Binding(usize),
}

/// How an expression is written, as far as the rules care.
enum Written<'a> {
    Str(&'a LitStr),
    /// An integer literal, possibly negated: `300` or `-5`.
    Int(&'a LitInt, bool),
    /// A literal of another kind: `42` where a name is expected, `1.5` for a ttl.
    OtherLiteral,
    /// Anything else: a run-time value.
    Expr,
}

fn written(expr: &Expr) -> Written<'_> {
    match expr {
        // A fragment passed down by `macro_rules!` arrives in an invisible group.
        Expr::Group(group) => written(&group.expr),
        Expr::Lit(lit) => match &lit.lit {
            Lit::Str(s) => Written::Str(s),
            Lit::Int(i) => Written::Int(i, false),
            _ => Written::OtherLiteral,
        },
        Expr::Unary(unary) if matches!(unary.op, UnOp::Neg(_)) => match written(&unary.expr) {
            Written::Int(i, negative) => Written::Int(i, !negative),
            Written::Str(_) | Written::OtherLiteral => Written::OtherLiteral,
            Written::Expr => Written::Expr,
        },
        _ => Written::Expr,
    }
}

/// All the errors of one invocation, combined into one `syn::Error`.
#[derive(Default)]
struct Errors(Option<syn::Error>);

impl Errors {
    fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    fn at(&mut self, span: Span, message: impl std::fmt::Display) {
        self.push(syn::Error::new(span, message));
    }
}

/// Checks the invocation. On success, the policy to expand; otherwise every error found, in
/// the order written.
pub(crate) fn validate(invocation: Invocation) -> Result<Policy, syn::Error> {
    let Invocation { clauses, errors } = invocation;
    let syntax_ok = errors.is_empty();
    let mut v = Validator::default();
    let mut errors = errors.into_iter().peekable();
    for (i, clause) in clauses.into_iter().enumerate() {
        while let Some((_, error)) = errors.next_if(|(at, _)| *at <= i) {
            v.errors.push(error);
        }
        v.clause(clause);
    }
    for (_, error) in errors {
        v.errors.push(error);
    }
    // A policy whose clauses did not parse is not known to be empty: say nothing more.
    if syntax_ok
        && let Err(e) = rules::check_grants_something(
            v.incoming_clauses,
            v.seen.contains(&OnceClause::Outgoing),
            v.seen.contains(&OnceClause::EventStream),
        )
    {
        v.errors.at(Span::call_site(), e);
    }
    match v.errors.0 {
        Some(errors) => Err(errors),
        None => Ok(v.policy),
    }
}

struct Validator {
    policy: Policy,
    errors: Errors,
    /// How many `incoming` clauses there are, literal or not, valid or not.
    incoming_clauses: usize,
    /// The literal incoming names that passed their rule, for the distinct-name rule.
    literal_names: Vec<String>,
    /// The clauses that may appear once, seen so far.
    seen: Vec<OnceClause>,
}

impl Default for Validator {
    fn default() -> Self {
        Validator {
            policy: Policy {
                bindings: Vec::new(),
                incoming: Vec::new(),
                outgoing: None,
                event_stream: None,
                ttl: None,
            },
            errors: Errors::default(),
            incoming_clauses: 0,
            literal_names: Vec::new(),
            seen: Vec::new(),
        }
    }
}

impl Validator {
    fn bind(&mut self, kind: Kind, expr: Expr) -> usize {
        self.policy.bindings.push(Binding { kind, expr });
        self.policy.bindings.len() - 1
    }

    /// A clause that may appear once: `true` the first time, an error at `keyword` after.
    fn first(&mut self, clause: OnceClause, keyword: &Ident) -> bool {
        if self.seen.contains(&clause) {
            self.errors
                .at(keyword.span(), PolicyError::DuplicateClause { clause });
            return false;
        }
        self.seen.push(clause);
        true
    }

    fn clause(&mut self, clause: Clause) {
        match clause {
            Clause::Incoming { name, .. } => {
                self.incoming_clauses += 1;
                let name = self.incoming_name(name);
                self.policy.incoming.extend(name);
            }
            Clause::Outgoing {
                keyword,
                app_sid,
                params,
            } => {
                let first = self.first(OnceClause::Outgoing, &keyword);
                let app_sid = self.app_sid(app_sid);
                let params = self.pairs(ParamScope::OutgoingParams, params);
                if let (true, Some(app_sid)) = (first, app_sid) {
                    self.policy.outgoing = Some((app_sid, params));
                }
            }
            Clause::EventStream { keyword, filters } => {
                let first = self.first(OnceClause::EventStream, &keyword);
                let filters = self.pairs(ParamScope::EventStreamFilters, filters);
                if first {
                    self.policy.event_stream = Some(filters);
                }
            }
            Clause::Ttl { keyword, ttl } => {
                let first = self.first(OnceClause::Ttl, &keyword);
                let ttl = self.ttl(ttl);
                if first {
                    self.policy.ttl = ttl;
                }
            }
        }
    }

    fn incoming_name(&mut self, expr: Expr) -> Option<Text> {
        match written(&expr) {
            Written::Str(lit) => {
                let name = lit.value();
                if let Err(e) = ClientName::check(&name) {
                    self.errors.at(lit.span(), e);
                    return None;
                }
                let earlier = self.literal_names.iter().map(String::as_str);
                if let Err(e) = rules::check_distinct_name(&name, earlier) {
                    self.errors.at(lit.span(), e);
                    return None;
                }
                self.literal_names.push(name.clone());
                Some(Text::Known(name))
            }
            Written::Int(..) | Written::OtherLiteral => {
                self.wrong_literal(&expr, "a client name", "a `ClientName`");
                None
            }
            Written::Expr => Some(Text::Binding(self.bind(Kind::ClientName, expr))),
        }
    }

    fn app_sid(&mut self, expr: Expr) -> Option<Text> {
        match written(&expr) {
            Written::Str(lit) => {
                let sid = lit.value();
                if let Err(e) = AppSid::check(&sid) {
                    self.errors.at(lit.span(), e);
                    return None;
                }
                Some(Text::Known(sid))
            }
            Written::Int(..) | Written::OtherLiteral => {
                self.wrong_literal(&expr, "an application SID", "an `AppSid`");
                None
            }
            Written::Expr => Some(Text::Binding(self.bind(Kind::AppSid, expr))),
        }
    }

    fn ttl(&mut self, expr: Expr) -> Option<TtlValue> {
        match written(&expr) {
            Written::Int(lit, negative) => match ttl_literal(lit, negative) {
                Ok(ttl) => Some(TtlValue::Known(ttl.as_secs())),
                Err(e) => {
                    self.errors.push(syn::Error::new_spanned(&expr, e));
                    None
                }
            },
            Written::Str(_) | Written::OtherLiteral => {
                self.errors.push(syn::Error::new_spanned(
                    &expr,
                    "`ttl` takes a whole number of seconds: an integer literal, or a `Ttl`",
                ));
                None
            }
            Written::Expr => Some(TtlValue::Binding(self.bind(Kind::Ttl, expr))),
        }
    }

    fn wrong_literal(&mut self, expr: &Expr, what: &str, ty: &str) {
        self.errors.push(syn::Error::new_spanned(
            expr,
            format!("expected {what}: a string literal, or {ty}"),
        ));
    }

    /// The pairs of a params or filters block, with their keys checked. A value that is a
    /// string literal is known text; any other value is a run-time binding.
    fn pairs(&mut self, scope: ParamScope, block: Option<Block>) -> Vec<(String, Text)> {
        let mut pairs: Vec<(String, Text)> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        let block_pairs = block.map(|b| b.pairs).unwrap_or_default();
        if let Err(e) = rules::check_pair_count(scope, block_pairs.len()) {
            // On the first pair past the limit.
            if let Some(pair) = block_pairs.get(rules::MAX_PAIRS) {
                self.errors.at(pair.key.span(), e);
            }
        }
        for pair in block_pairs {
            let key = pair.key.text();
            let earlier = keys.iter().map(String::as_str);
            if let Err(e) = rules::check_key(scope, &key, earlier) {
                self.errors.at(pair.key.span(), e);
            } else {
                keys.push(key.clone());
            }
            let value = match written(&pair.value) {
                Written::Str(lit) => {
                    let text = lit.value();
                    if let Err(e) = rules::check_value(scope, &key, &text) {
                        self.errors.at(lit.span(), e);
                    }
                    Text::Known(text)
                }
                _ => Text::Binding(self.bind(Kind::Display, pair.value)),
            };
            pairs.push((key, value));
        }
        pairs
    }
}

/// A ttl literal, by the runtime's rule. The digits are read as the runtime reads a ttl
/// written as text; a negative literal is out of range whatever its digits.
fn ttl_literal(lit: &LitInt, negative: bool) -> Result<Ttl, ValueError> {
    let digits = lit.base10_digits();
    if !negative {
        return digits.parse::<Ttl>();
    }
    let text = format!("-{digits}");
    match text.parse::<i128>() {
        Ok(secs) => Ttl::try_from(secs),
        Err(_) => Err(ValueError::TtlText { value: text }),
    }
}
