//! `capability!` syntax to syntax tree. No rule of the policy is checked here, only the
//! grammar, on the shared clause machinery of [`crate::clause`]:
//!
//! ```text
//! policy  := (clause (";" clause)*)? ";"?
//! clause  := "incoming" expr
//!          | "outgoing" expr block?
//!          | "event_stream" block?
//!          | "ttl" expr
//! block   := "{" (pair ("," pair)* ","?)? "}"
//! pair    := (ident | string-literal) ":" expr
//! ```

use syn::parse::ParseStream;
use syn::{Expr, Ident};

use crate::clause::{self, Block, ClauseList, Item, List};

/// A whole invocation: the clauses that parsed, in the order written, and the syntax errors.
pub(crate) type Invocation = ClauseList<Clause>;

/// One clause, as written.
pub(crate) enum Clause {
    /// `incoming NAME`
    Incoming { name: Expr },
    /// `outgoing SID { params }`
    Outgoing {
        keyword: Ident,
        app_sid: Expr,
        params: Option<Block>,
    },
    /// `event_stream { filters }`
    EventStream {
        keyword: Ident,
        filters: Option<Block>,
    },
    /// `ttl SECONDS`
    Ttl { keyword: Ident, ttl: Expr },
}

pub(crate) const CLAUSES: List = List {
    noun: "clause",
    place: "",
    keywords: &["incoming", "outgoing", "event_stream", "ttl"],
};

/// One of the [`CLAUSES`] of `capability!`, after its keyword.
pub(crate) fn clause(
    keyword: &Ident,
    input: ParseStream,
    errors: &mut Vec<syn::Error>,
) -> Item<Clause> {
    let keyword = keyword.clone();
    let clause = match keyword.to_string().as_str() {
        "incoming" => clause::value_after(
            input,
            &keyword,
            "a client name: a string literal or a `ClientName`",
        )
        .map(|name| Clause::Incoming { name }),
        "outgoing" => {
            clause::outgoing(input, &keyword, errors).map(|(app_sid, params)| Clause::Outgoing {
                keyword,
                app_sid,
                params,
            })
        }
        "event_stream" => {
            clause::block(input, errors).map(|filters| Clause::EventStream { keyword, filters })
        }
        "ttl" => clause::value_after(input, &keyword, clause::TTL)
            .map(|ttl| Clause::Ttl { keyword, ttl }),
        _ => return None,
    };
    Some(clause)
}
