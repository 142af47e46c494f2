//! `taskrouter!` syntax to syntax tree. No rule of the policy is checked here, only the
//! grammar, on the shared clause machinery of [`crate::clause`]:
//!
//! ```text
//! policy  := (clause (";" clause)*)? ";"?
//! clause  := "workspace" expr
//!          | "worker" expr | "task_queue" expr | "workspace_channel"
//!          | "allow" ident ("," ident)*
//!          | "policy" ident expr ("{" (field (";" field)*)? ";"? "}")?
//!          | "ttl" expr
//! field   := "query_filter" block | "post_filter" block | "deny"
//! block   := "{" (pair ("," pair)* ","?)? "}"
//! ```
//!
//! The method of a custom policy, the options of `allow` and the modes of a filter (the values
//! of its pairs) are identifiers here; which ones are known is a rule, checked by `validate`.
//! A custom policy's fields are a clause list of their own, with the same recovery: a broken
//! field is skipped up to the next `;` inside the block.

use capability_runtime::ParamScope;
use syn::ext::IdentExt as _;
use syn::parse::ParseStream;
use syn::token::Brace;
use syn::{Expr, Ident, LitStr, Token, braced};

use super::{OPTIONS, TASK_QUEUE_SID, TASKROUTER_URL};
use crate::clause::{self, Block, ClauseList, Item, List};
use crate::value::{Checked, WORKER_SID, WORKSPACE_SID};

/// A whole invocation: the clauses that parsed, in the order written, and the syntax errors.
pub(crate) type Invocation = ClauseList<Clause>;

/// One clause, as written.
pub(crate) enum Clause {
    /// `workspace SID`
    Workspace { keyword: Ident, sid: Expr },
    /// `worker SID`, `task_queue SID` or `workspace_channel`: whose token it is.
    Channel {
        keyword: Ident,
        kind: ChannelKind,
        /// The SID of a worker or a task queue; `None` for the workspace.
        sid: Option<Expr>,
    },
    /// `allow OPTION, …`
    Allow { options: Vec<Ident> },
    /// `policy METHOD URL { fields }`
    Policy {
        method: Ident,
        url: Expr,
        fields: ClauseList<PolicyField>,
    },
    /// `ttl SECONDS`
    Ttl { keyword: Ident, ttl: Expr },
}

/// The channel a clause names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChannelKind {
    Worker,
    TaskQueue,
    Workspace,
}

impl ChannelKind {
    /// The checked type of the channel's SID, if it has one.
    pub fn sid(self) -> Option<&'static Checked> {
        match self {
            ChannelKind::Worker => Some(&WORKER_SID),
            ChannelKind::TaskQueue => Some(&TASK_QUEUE_SID),
            ChannelKind::Workspace => None,
        }
    }
}

/// One field of a custom policy's block, as written.
pub(crate) struct PolicyField {
    pub keyword: Ident,
    pub value: FieldValue,
}

/// What a field of a custom policy holds.
pub(crate) enum FieldValue {
    /// `query_filter { … }` or `post_filter { … }`: names and their modes.
    Filter(ParamScope, Block),
    /// `deny`
    Deny,
}

pub(crate) const CLAUSES: List = List {
    noun: "clause",
    place: "",
    keywords: &[
        "workspace",
        "worker",
        "task_queue",
        "workspace_channel",
        "allow",
        "policy",
        "ttl",
    ],
};

const FIELDS: List = List {
    noun: "field",
    place: " of a custom policy",
    keywords: &["query_filter", "post_filter", "deny"],
};

/// One of the [`CLAUSES`] of `taskrouter!`, after its keyword.
pub(crate) fn clause(keyword: &Ident, input: ParseStream, _: &mut Vec<syn::Error>) -> Item<Clause> {
    let channel = |kind: ChannelKind| {
        let sid = kind
            .sid()
            .map(|sid| sid.after(input, keyword))
            .transpose()?;
        Ok(Clause::Channel {
            keyword: keyword.clone(),
            kind,
            sid,
        })
    };
    let clause = match keyword.to_string().as_str() {
        "workspace" => WORKSPACE_SID
            .after(input, keyword)
            .map(|sid| Clause::Workspace {
                keyword: keyword.clone(),
                sid,
            }),
        "worker" => channel(ChannelKind::Worker),
        "task_queue" => channel(ChannelKind::TaskQueue),
        "workspace_channel" => channel(ChannelKind::Workspace),
        "allow" => options(input, keyword).map(|options| Clause::Allow { options }),
        "policy" => policy(input, keyword),
        "ttl" => clause::value_after(input, keyword, clause::TTL).map(|ttl| Clause::Ttl {
            keyword: keyword.clone(),
            ttl,
        }),
        _ => return None,
    };
    Some(clause)
}

/// An error under the next token, or under `keyword` when the clause ends here.
fn error_after(input: ParseStream, keyword: &Ident, message: String) -> syn::Error {
    if input.is_empty() || input.peek(Token![;]) {
        syn::Error::new(keyword.span(), message)
    } else {
        input.error(message)
    }
}

/// The options after `allow`: `activity_updates, reservation_updates`.
fn options(input: ParseStream, keyword: &Ident) -> syn::Result<Vec<Ident>> {
    let mut options = Vec::new();
    loop {
        if !input.peek(Ident::peek_any) {
            let expected = clause::one_of(&OPTIONS);
            let message = format!("`allow` needs an option: {expected}");
            return Err(match options.last() {
                None => error_after(input, keyword, message),
                Some(_) => input.error(message),
            });
        }
        options.push(input.call(Ident::parse_any)?);
        if !input.peek(Token![,]) {
            return Ok(options);
        }
        input.parse::<Token![,]>()?;
    }
}

/// `policy METHOD URL { fields }` after its keyword.
fn policy(input: ParseStream, keyword: &Ident) -> syn::Result<Clause> {
    let example = "`policy GET \"https://taskrouter.twilio.com/v1/…\" { … }`";
    if !input.peek(Ident::peek_any) {
        let message = if input.peek(LitStr) {
            format!("expected a method before the URL: {example}")
        } else {
            format!("`policy` needs a method and a URL: {example}")
        };
        return Err(error_after(input, keyword, message));
    }
    let method = input.call(Ident::parse_any)?;
    if input.is_empty() || input.peek(Token![;]) || input.peek(Brace) {
        let message = format!(
            "`policy {method}` needs {}",
            TASKROUTER_URL.expected.describe()
        );
        return Err(syn::Error::new(method.span(), message));
    }
    let url = clause::value_after(input, keyword, &TASKROUTER_URL.expected.describe())?;
    let fields = if input.peek(Brace) {
        let content;
        braced!(content in input);
        clause::clauses(&content, &FIELDS, &field)
    } else {
        ClauseList {
            clauses: Vec::new(),
            errors: Vec::new(),
            lost: false,
        }
    };
    Ok(Clause::Policy {
        method,
        url,
        fields,
    })
}

fn field(
    keyword: &Ident,
    input: ParseStream,
    errors: &mut Vec<syn::Error>,
) -> Option<syn::Result<PolicyField>> {
    let value = match keyword.to_string().as_str() {
        "deny" => Ok(FieldValue::Deny),
        "query_filter" => filter(input, keyword, ParamScope::QueryFilter, errors),
        "post_filter" => filter(input, keyword, ParamScope::PostFilter, errors),
        _ => return None,
    };
    Some(value.map(|value| PolicyField {
        keyword: keyword.clone(),
        value,
    }))
}

/// The `{ Name: mode, … }` block of a filter.
fn filter(
    input: ParseStream,
    keyword: &Ident,
    scope: ParamScope,
    errors: &mut Vec<syn::Error>,
) -> syn::Result<FieldValue> {
    match clause::block(input, errors)? {
        Some(block) => Ok(FieldValue::Filter(scope, block)),
        None => {
            let message =
                format!("`{keyword}` needs a block of filters: `{keyword} {{ Name: required }}`");
            Err(error_after(input, keyword, message))
        }
    }
}
