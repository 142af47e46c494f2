//! Syntax to syntax tree. No rule of the policy is checked here, only the grammar:
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
//!
//! The parser recovers: a broken clause is reported and skipped up to the next `;`, a broken
//! pair up to the next `,`, so one compile shows every mistake. Expressions are parsed on a
//! fork of the stream, so a failure inside one cannot leave the rest of the input half read.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::ext::IdentExt as _;
use syn::parse::discouraged::Speculative as _;
use syn::parse::{ParseStream, Parser as _};
use syn::token::Brace;
use syn::{Expr, Ident, LitStr, Token, braced};

/// The clause keywords, as the "expected" part of messages.
const EXPECTED_CLAUSES: &str = "`incoming`, `outgoing`, `event_stream` or `ttl`";

/// A whole invocation: the clauses that parsed, in the order written, and the syntax errors.
pub(crate) struct Invocation {
    pub clauses: Vec<Clause>,
    /// Each syntax error with the number of clauses before it, so that errors can be reported
    /// in the order written.
    pub errors: Vec<(usize, syn::Error)>,
}

/// One clause, as written.
pub(crate) enum Clause {
    /// `incoming NAME`
    Incoming { keyword: Ident, name: Expr },
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

/// A `{ key: value, ... }` block, holding the pairs that parsed.
pub(crate) struct Block {
    pub pairs: Vec<Pair>,
}

/// `key: value`.
pub(crate) struct Pair {
    pub key: Key,
    pub value: Expr,
}

/// A param or filter key: `user_id` or `"user-id"`.
pub(crate) enum Key {
    Ident(Ident),
    Str(LitStr),
}

impl Key {
    /// The key's text: the identifier without any `r#`, or the literal's value.
    pub fn text(&self) -> String {
        match self {
            Key::Ident(ident) => ident.unraw().to_string(),
            Key::Str(lit) => lit.value(),
        }
    }

    pub fn span(&self) -> Span {
        match self {
            Key::Ident(ident) => ident.span(),
            Key::Str(lit) => lit.span(),
        }
    }
}

/// Parses the tokens inside `capability! { ... }`. It never fails: every syntax error is in
/// [`Invocation::errors`].
pub(crate) fn parse(tokens: TokenStream) -> Invocation {
    let parser = |input: ParseStream| Ok(invocation(input));
    parser.parse2(tokens).unwrap_or_else(|error| Invocation {
        clauses: Vec::new(),
        errors: vec![(0, error)],
    })
}

fn invocation(input: ParseStream) -> Invocation {
    let mut out = Invocation {
        clauses: Vec::new(),
        errors: Vec::new(),
    };
    while !input.is_empty() {
        let at = out.clauses.len();
        let mut errors = Vec::new();
        let clause = clause(input, &mut errors);
        out.errors.extend(errors.into_iter().map(|e| (at, e)));
        let clause = match clause {
            Ok(clause) => clause,
            Err(error) => {
                out.errors.push((at, error));
                skip_past::<Token![;]>(input, |i| i.peek(Token![;]));
                continue;
            }
        };
        let keyword = clause.keyword().to_string();
        out.clauses.push(clause);
        if input.is_empty() {
            break;
        }
        if input.peek(Token![;]) {
            skip_past::<Token![;]>(input, |i| i.peek(Token![;]));
            continue;
        }
        let error = input.error(format!("expected `;` to end the `{keyword}` clause"));
        out.errors.push((out.clauses.len(), error));
        // When the next clause follows directly, only the `;` is missing: read on from it.
        if !starts_clause(input) {
            skip_past::<Token![;]>(input, |i| i.peek(Token![;]));
        }
    }
    out
}

impl Clause {
    pub fn keyword(&self) -> &Ident {
        match self {
            Clause::Incoming { keyword, .. }
            | Clause::Outgoing { keyword, .. }
            | Clause::EventStream { keyword, .. }
            | Clause::Ttl { keyword, .. } => keyword,
        }
    }
}

fn starts_clause(input: ParseStream) -> bool {
    let fork = input.fork();
    match fork.call(Ident::parse_any) {
        Ok(ident) => matches!(
            ident.to_string().as_str(),
            "incoming" | "outgoing" | "event_stream" | "ttl"
        ),
        Err(_) => false,
    }
}

fn clause(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<Clause> {
    if !input.peek(Ident::peek_any) {
        return Err(input.error(format!("expected a clause: {EXPECTED_CLAUSES}")));
    }
    let keyword = input.call(Ident::parse_any)?;
    match keyword.to_string().as_str() {
        "incoming" => {
            let name = value_after(
                input,
                &keyword,
                "a client name: a string literal or a `ClientName`",
                Expr::parse_without_eager_brace,
            )?;
            Ok(Clause::Incoming { keyword, name })
        }
        "outgoing" => {
            if input.peek(Brace) {
                return Err(input.error(
                    "expected an application SID before the params block: \
                     `outgoing \"AP…\" { … }`",
                ));
            }
            let app_sid = value_after(
                input,
                &keyword,
                "an application SID: a string literal or an `AppSid`",
                Expr::parse_without_eager_brace,
            )?;
            let params = block(input, errors)?;
            Ok(Clause::Outgoing {
                keyword,
                app_sid,
                params,
            })
        }
        "event_stream" => {
            let filters = block(input, errors)?;
            Ok(Clause::EventStream { keyword, filters })
        }
        "ttl" => {
            let ttl = value_after(
                input,
                &keyword,
                "a lifetime in seconds: an integer literal or a `Ttl`",
                Expr::parse_without_eager_brace,
            )?;
            Ok(Clause::Ttl { keyword, ttl })
        }
        _ => Err(syn::Error::new(
            keyword.span(),
            format!("unknown clause `{keyword}`; expected {EXPECTED_CLAUSES}"),
        )),
    }
}

/// The expression after a clause keyword.
fn value_after(
    input: ParseStream,
    keyword: &Ident,
    what: &str,
    parser: fn(ParseStream) -> syn::Result<Expr>,
) -> syn::Result<Expr> {
    if input.is_empty() || input.peek(Token![;]) {
        return Err(syn::Error::new(
            keyword.span(),
            format!("`{keyword}` needs {what}"),
        ));
    }
    speculate(input, parser)
}

/// Runs `parser` on a fork, and moves `input` past what it read only if it succeeds.
fn speculate<T>(input: ParseStream, parser: fn(ParseStream) -> syn::Result<T>) -> syn::Result<T> {
    let fork = input.fork();
    let value = parser(&fork)?;
    input.advance_to(&fork);
    Ok(value)
}

/// An optional `{ key: value, ... }` block. Errors inside it are pushed to `errors`, and the
/// block keeps the pairs that parsed.
fn block(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<Option<Block>> {
    if !input.peek(Brace) {
        return Ok(None);
    }
    let content;
    braced!(content in input);
    let mut pairs = Vec::new();
    while !content.is_empty() {
        match pair(&content) {
            Ok(pair) => {
                let key = pair.key.text();
                pairs.push(pair);
                if content.is_empty() {
                    break;
                }
                if content.peek(Token![,]) {
                    skip_past::<Token![,]>(&content, |i| i.peek(Token![,]));
                    continue;
                }
                errors.push(
                    content.error(format!("expected `,` or `}}` after the value of `{key}`")),
                );
            }
            Err(error) => errors.push(error),
        }
        skip_past::<Token![,]>(&content, |i| i.peek(Token![,]));
    }
    Ok(Some(Block { pairs }))
}

fn pair(input: ParseStream) -> syn::Result<Pair> {
    let key = if input.peek(LitStr) {
        Key::Str(input.parse()?)
    } else if input.peek(Ident::peek_any) {
        Key::Ident(input.call(Ident::parse_any)?)
    } else {
        return Err(input.error("expected a key: an identifier or a string literal"));
    };
    if !input.peek(Token![:]) || input.peek(Token![::]) {
        let mut message = format!("expected `:` and a value after the key `{}`", key.text());
        // `user-id: 1`: the key goes on past the identifier.
        if input.peek(Token![-]) || input.peek(Token![.]) || input.peek(Token![::]) {
            message.push_str("; write a key that is not an identifier as a string literal");
        }
        return Err(if input.is_empty() {
            syn::Error::new(key.span(), message)
        } else {
            input.error(message)
        });
    }
    let colon: Token![:] = input.parse()?;
    if input.is_empty() || input.peek(Token![,]) {
        return Err(syn::Error::new(
            colon.span,
            format!("expected a value after `{}:`", key.text()),
        ));
    }
    let value = speculate(input, <Expr as syn::parse::Parse>::parse)?;
    Ok(Pair { key, value })
}

/// Skips token trees up to and including the next `T` at this level, which `is_t` recognises.
fn skip_past<T: syn::parse::Parse>(input: ParseStream, is_t: fn(ParseStream) -> bool) {
    while !input.is_empty() {
        if is_t(input) {
            let _ = input.parse::<T>();
            return;
        }
        if input.parse::<TokenTree>().is_err() {
            return;
        }
    }
}
