//! `access_token!` syntax to syntax tree. No rule of the policy is checked here, only the
//! grammar, on the shared clause machinery of [`crate::clause`]:
//!
//! ```text
//! policy  := (clause (";" clause)*)? ";"?
//! clause  := "identity" expr
//!          | grant "{" (field (";" field)*)? ";"? "}"
//!          | "region" expr
//!          | "ttl" expr
//! grant   := "voice" | "video" | "chat" | "sync" | "task_router"
//! field   := "incoming"                          (voice)
//!          | "outgoing" expr block?              (voice)
//!          | keyword expr                        (every other field of the grant's table)
//! block   := "{" (pair ("," pair)* ","?)? "}"
//! ```
//!
//! A grant's fields are a clause list of their own, with the same recovery: a broken field is
//! skipped up to the next `;` inside the block.

use syn::parse::ParseStream;
use syn::token::Brace;
use syn::{Expr, Ident, Token, braced};

use super::{Field, GRANTS, Grant, IDENTITY, REGION, Takes};
use crate::clause::{self, Block, ClauseList, Item, List};
use crate::value::Checked;

/// A whole invocation: the clauses that parsed, in the order written, and the syntax errors.
pub(crate) type Invocation = ClauseList<Clause>;

/// One clause, as written.
pub(crate) enum Clause {
    /// `identity NAME`
    Identity { keyword: Ident, identity: Expr },
    /// `voice { fields }`, …
    Grant {
        keyword: Ident,
        grant: &'static Grant,
        fields: ClauseList<FieldClause>,
    },
    /// `region REGION`
    Region { keyword: Ident, region: Expr },
    /// `ttl SECONDS`
    Ttl { keyword: Ident, ttl: Expr },
}

/// One field of a grant, as written.
pub(crate) struct FieldClause {
    pub keyword: Ident,
    pub field: &'static Field,
    pub value: Value,
}

/// What a field holds after its keyword.
pub(crate) enum Value {
    /// `incoming`
    Nothing,
    /// `outgoing SID { params }`
    Outgoing {
        app_sid: Expr,
        params: Option<Block>,
    },
    /// `push_credential SID`, …: a value of the checked type.
    Checked(&'static Checked, Expr),
}

pub(crate) const CLAUSES: List = List {
    noun: "clause",
    place: "",
    keywords: &[
        "identity",
        "voice",
        "video",
        "chat",
        "sync",
        "task_router",
        "region",
        "ttl",
    ],
};

/// One of the [`CLAUSES`] of `access_token!`, after its keyword.
pub(crate) fn clause(keyword: &Ident, input: ParseStream, _: &mut Vec<syn::Error>) -> Item<Clause> {
    let keyword = keyword.clone();
    let clause = match keyword.to_string().as_str() {
        "identity" => IDENTITY
            .after(input, &keyword)
            .map(|identity| Clause::Identity { keyword, identity }),
        "region" => REGION
            .after(input, &keyword)
            .map(|region| Clause::Region { keyword, region }),
        "ttl" => clause::value_after(input, &keyword, clause::TTL)
            .map(|ttl| Clause::Ttl { keyword, ttl }),
        name => {
            let grant = GRANTS.iter().find(|g| g.keyword == name)?;
            fields(input, &keyword, grant).map(|fields| Clause::Grant {
                keyword,
                grant,
                fields,
            })
        }
    };
    Some(clause)
}

/// The `{ … }` block of a grant, as a list of fields.
fn fields(
    input: ParseStream,
    keyword: &Ident,
    grant: &'static Grant,
) -> syn::Result<ClauseList<FieldClause>> {
    if !input.peek(Brace) {
        let message = format!("`{keyword}` needs a block of fields: `{keyword} {{ … }}`");
        return Err(if input.is_empty() || input.peek(Token![;]) {
            syn::Error::new(keyword.span(), message)
        } else {
            input.error(message)
        });
    }
    let content;
    braced!(content in input);
    let place = format!(" in the {} grant", grant.kind);
    let keywords: Vec<&str> = grant.fields.iter().map(|f| f.name).collect();
    let list = List {
        noun: "field",
        place: &place,
        keywords: &keywords,
    };
    let field = |keyword: &Ident, input: ParseStream, errors: &mut Vec<syn::Error>| {
        let field = grant.fields.iter().find(|f| keyword == f.name)?;
        let value = match field.takes {
            Takes::Nothing => Ok(Value::Nothing),
            Takes::Outgoing => clause::outgoing(input, keyword, errors)
                .map(|(app_sid, params)| Value::Outgoing { app_sid, params }),
            Takes::Value(checked) => checked
                .after(input, keyword)
                .map(|expr| Value::Checked(checked, expr)),
        };
        Some(value.map(|value| FieldClause {
            keyword: keyword.clone(),
            field,
            value,
        }))
    };
    Ok(clause::clauses(&content, &list, &field))
}
