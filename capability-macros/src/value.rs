//! The values of clauses, checked at compile time: a literal passes the runtime's own rule or is
//! an error under it; any other expression is a run-time value of the checked type, bound to a
//! local in the order written.

use std::fmt::Display;

use capability_runtime::{
    AppSid, Clause, ParamScope, PolicyError, Ttl, ValueError, WorkerSid, WorkspaceSid, rules,
};
use proc_macro2::Span;
use syn::parse::ParseStream;
use syn::{Expr, Ident, Lit, LitInt, LitStr, UnOp};

use crate::clause::{self, Block};
use crate::errors::Errors;

/// A run-time expression and the kind of value it must be.
pub(crate) struct Binding<K> {
    pub kind: K,
    pub expr: Expr,
}

/// A text of the token: checked literal text, or run-time binding `n`.
pub(crate) enum Text {
    Known(String),
    Binding(usize),
}

/// A ttl: a checked literal, or run-time binding `n`.
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

/// The text of `expr` if it is a string literal, as the rules would see it.
pub(crate) fn string_literal(expr: &Expr) -> Option<String> {
    match written(expr) {
        Written::Str(lit) => Some(lit.value()),
        _ => None,
    }
}

/// What a value should be, for the message given when a literal of the wrong kind stands for
/// it: "expected {what}: a string literal, or {ty}".
#[derive(Clone, Copy)]
pub(crate) struct Expected {
    /// As `a client name`.
    pub what: &'static str,
    /// As ``a `ClientName` ``.
    pub ty: &'static str,
}

impl Expected {
    /// As ``a client name: a string literal, or a `ClientName` ``.
    pub fn describe(self) -> String {
        let Expected { what, ty } = self;
        format!("{what}: a string literal, or {ty}")
    }
}

/// A checked type of the runtime, as a clause takes it: a string literal that passes the
/// type's rule, or an expression of the type, owned or borrowed.
pub(crate) struct Checked {
    /// The type, as `__private_0_1_0` names it: `AppSid`.
    pub ty: &'static str,
    pub expected: Expected,
    /// The runtime's rule, for a literal.
    pub check: fn(&str) -> Result<(), ValueError>,
    /// The `__private_0_1_0` function that takes an expression, which is also the stem of its local.
    pub conversion: &'static str,
}

impl Checked {
    /// The value after `keyword`, with an error that says what it takes when there is none.
    pub fn after(&self, input: ParseStream, keyword: &Ident) -> syn::Result<Expr> {
        clause::value_after(input, keyword, &self.expected.describe())
    }
}

/// A checked type, described for messages as ``{what}: a string literal, or a `{ty}` ``.
pub(crate) const fn checked(
    ty: &'static str,
    what: &'static str,
    types: &'static str,
    check: fn(&str) -> Result<(), ValueError>,
    conversion: &'static str,
) -> Checked {
    Checked {
        ty,
        expected: Expected { what, ty: types },
        check,
        conversion,
    }
}

/// An application SID: `outgoing` in both formats.
pub(crate) const APP_SID: Checked = Checked {
    ty: "AppSid",
    expected: Expected {
        what: "an application SID",
        ty: "an `AppSid`",
    },
    check: AppSid::check,
    conversion: "app_sid",
};

/// A workspace SID: `workspace` of `access_token!`'s TaskRouter grant and of `taskrouter!`.
pub(crate) const WORKSPACE_SID: Checked = checked(
    "WorkspaceSid",
    "a workspace SID",
    "a `WorkspaceSid`",
    WorkspaceSid::check,
    "workspace_sid",
);
/// A worker SID: `worker` of `access_token!`'s TaskRouter grant and of `taskrouter!`.
pub(crate) const WORKER_SID: Checked = checked(
    "WorkerSid",
    "a worker SID",
    "a `WorkerSid`",
    WorkerSid::check,
    "worker_sid",
);

/// The values of one invocation: its run-time bindings, in the order written, every error,
/// and the clauses that may appear once, seen so far.
pub(crate) struct Values<K> {
    pub bindings: Vec<Binding<K>>,
    pub errors: Errors,
    pub seen: Once<Clause>,
    /// The `ttl` clause, which every macro has.
    pub ttl: Option<TtlValue>,
}

impl<K> Default for Values<K> {
    fn default() -> Self {
        Values {
            bindings: Vec::new(),
            errors: Errors::default(),
            seen: Once::default(),
            ttl: None,
        }
    }
}

/// A policy that passed every rule that can be checked at compile time: its run-time
/// expressions in the order written (each is evaluated once, in this order), the `ttl` clause
/// every macro has, and the format's own clauses.
pub(crate) struct Validated<P, K>(pub Vec<Binding<K>>, pub Option<TtlValue>, pub P);

impl<K> Values<K> {
    /// The policy and its bindings, or every error found, in the order written.
    pub fn finish<P>(self, policy: P) -> Result<Validated<P, K>, syn::Error> {
        self.errors
            .finish(Validated(self.bindings, self.ttl, policy))
    }

    /// A clause that may appear once: `true` the first time, an error at `keyword` after.
    pub fn first_clause(&mut self, clause: Clause, keyword: &Ident) -> bool {
        self.seen.first_clause(clause, keyword, &mut self.errors)
    }

    pub fn bind(&mut self, kind: K, expr: Expr) -> usize {
        self.bindings.push(Binding { kind, expr });
        self.bindings.len() - 1
    }

    /// A text value: a string literal that passes `check` (an error under the literal if it
    /// does not), or a run-time expression of `kind`.
    pub fn text<E: Display>(
        &mut self,
        expr: Expr,
        kind: K,
        expected: Expected,
        check: impl FnOnce(&str) -> Result<(), E>,
    ) -> Option<Text> {
        match written(&expr) {
            Written::Str(lit) => {
                let text = lit.value();
                if let Err(e) = check(&text) {
                    self.errors.at(lit.span(), e);
                    return None;
                }
                Some(Text::Known(text))
            }
            Written::Int(..) | Written::OtherLiteral => {
                let message = format!("expected {}", expected.describe());
                self.errors.push(syn::Error::new_spanned(&expr, message));
                None
            }
            Written::Expr => Some(Text::Binding(self.bind(kind, expr))),
        }
    }

    /// The `ttl` clause: the first one's value, if it passes its rule.
    pub fn ttl_clause(&mut self, keyword: &Ident, expr: Expr, kind: K) {
        let first = self.first_clause(Clause::Ttl, keyword);
        let ttl = self.ttl(expr, kind);
        if first {
            self.ttl = ttl;
        }
    }

    /// A ttl: an integer literal in range, or a run-time expression of `kind`.
    pub fn ttl(&mut self, expr: Expr, kind: K) -> Option<TtlValue> {
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
            Written::Expr => Some(TtlValue::Binding(self.bind(kind, expr))),
        }
    }

    /// The pairs of a params or filters block, with their keys checked. A value that is a
    /// string literal is known text; any other value is a run-time binding of `kind`, which
    /// takes anything that implements `Display`.
    pub fn pairs(&mut self, scope: ParamScope, block: Option<Block>, kind: K) -> Vec<(String, Text)>
    where
        K: Copy,
    {
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
                _ => Text::Binding(self.bind(kind, pair.value)),
            };
            pairs.push((key, value));
        }
        pairs
    }
}

/// The clauses (or grants, or fields) that may appear once, seen so far.
pub(crate) struct Once<T>(Vec<T>);

impl<T> Default for Once<T> {
    fn default() -> Self {
        Once(Vec::new())
    }
}

impl<T: PartialEq> Once<T> {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// `true` the first time `item` is seen; after that, `repeated` as an error under `span`.
    pub fn first(
        &mut self,
        item: T,
        span: Span,
        errors: &mut Errors,
        repeated: PolicyError,
    ) -> bool {
        if self.0.contains(&item) {
            errors.at(span, repeated);
            return false;
        }
        self.0.push(item);
        true
    }

    pub fn contains(&self, item: &T) -> bool {
        self.0.contains(item)
    }
}

impl Once<Clause> {
    /// A clause that may appear once: `true` the first time, an error under its keyword after.
    pub fn first_clause(&mut self, clause: Clause, keyword: &Ident, errors: &mut Errors) -> bool {
        let repeated = PolicyError::DuplicateClause { clause };
        self.first(clause, keyword.span(), errors, repeated)
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
