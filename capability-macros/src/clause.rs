//! The grammar both macros share: a list of clauses each ended by `;`, a clause's value, and
//! `{ key: value, ... }` blocks of params.
//!
//! ```text
//! list    := (item (";" item)*)? ";"?
//! item    := keyword ...            (what follows the keyword is the format's)
//! value   := expr                   (parsed without eager braces: `SID { … }` is SID and a block)
//! block   := "{" (pair ("," pair)* ","?)? "}"
//! pair    := (ident | string-literal) ":" expr
//! ```
//!
//! The parser recovers: a broken item is reported and skipped up to the next `;`, a broken
//! pair up to the next `,`, so one compile shows every mistake. Expressions are parsed on a
//! fork of the stream, so a failure inside one cannot leave the rest of the input half read.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::ext::IdentExt as _;
use syn::parse::discouraged::Speculative as _;
use syn::parse::{ParseStream, Parser as _};
use syn::token::Brace;
use syn::{Expr, Ident, LitStr, Token, braced};

/// A list of clauses (or of a grant's fields) as written: the items that parsed, in order, and
/// the syntax errors.
pub(crate) struct ClauseList<C> {
    pub clauses: Vec<C>,
    /// Each syntax error with the number of items before it, so that errors can be reported in
    /// the order written.
    pub errors: Vec<(usize, syn::Error)>,
    /// Whether an item was dropped because it did not parse: what it said is unknown, so rules
    /// about what the list lacks are not checked.
    pub lost: bool,
}

impl<C> ClauseList<C> {
    /// The items and the syntax errors in the order written.
    pub fn in_order(self) -> Vec<Result<C, syn::Error>> {
        let mut out = Vec::new();
        let mut errors = self.errors.into_iter().peekable();
        for (i, clause) in self.clauses.into_iter().enumerate() {
            while let Some((_, error)) = errors.next_if(|(at, _)| *at <= i) {
                out.push(Err(error));
            }
            out.push(Ok(clause));
        }
        out.extend(errors.map(|(_, error)| Err(error)));
        out
    }
}

/// What a list is made of, for its messages.
pub(crate) struct List<'a> {
    /// What an item is called: `clause`, or `field`.
    pub noun: &'static str,
    /// Where the list is: empty at the top level, ` in the voice grant` inside a grant.
    pub place: &'a str,
    /// The keywords an item may start with, in the order the messages list them.
    pub keywords: &'a [&'a str],
}

impl List<'_> {
    /// The keywords as the "expected" part of a message: "`a`, `b` or `c`".
    fn expected(&self) -> String {
        one_of(self.keywords)
    }

    fn starts_item(&self, input: ParseStream) -> bool {
        let fork = input.fork();
        match fork.call(Ident::parse_any) {
            Ok(ident) => self.keywords.contains(&ident.to_string().as_str()),
            Err(_) => false,
        }
    }
}

/// Keywords as the "expected" part of a message: "`a`, `b` or `c`".
pub(crate) fn one_of(keywords: &[&str]) -> String {
    let quoted: Vec<String> = keywords.iter().map(|k| format!("`{k}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Reads one item after its keyword: `None` when the keyword is not one of the list's. Errors
/// that do not stop the item (inside a block) are pushed to the vector.
pub(crate) type ItemParser<'a, C> =
    &'a dyn Fn(&Ident, ParseStream, &mut Vec<syn::Error>) -> Item<C>;

/// One item after its keyword, as an [`ItemParser`] reads it: `None` for a keyword not the
/// list's.
pub(crate) type Item<C> = Option<syn::Result<C>>;

/// Parses the tokens of a whole invocation as a list. It never fails: every syntax error is in
/// [`ClauseList::errors`].
pub(crate) fn parse<C>(tokens: TokenStream, list: &List, item: ItemParser<C>) -> ClauseList<C> {
    let parser = |input: ParseStream| Ok(clauses(input, list, item));
    parser.parse2(tokens).unwrap_or_else(|error| ClauseList {
        clauses: Vec::new(),
        errors: vec![(0, error)],
        lost: true,
    })
}

/// Reads `input` to its end as a list of `;`-ended items.
pub(crate) fn clauses<C>(input: ParseStream, list: &List, item: ItemParser<C>) -> ClauseList<C> {
    let mut out = ClauseList {
        clauses: Vec::new(),
        errors: Vec::new(),
        lost: false,
    };
    while !input.is_empty() {
        let at = out.clauses.len();
        let mut errors = Vec::new();
        let clause = one(input, list, item, &mut errors);
        out.errors.extend(errors.into_iter().map(|e| (at, e)));
        let (keyword, clause) = match clause {
            Ok(clause) => clause,
            Err(error) => {
                out.errors.push((at, error));
                out.lost = true;
                skip_past::<Token![;]>(input, |i| i.peek(Token![;]));
                continue;
            }
        };
        out.clauses.push(clause);
        if input.is_empty() {
            break;
        }
        if input.peek(Token![;]) {
            skip_past::<Token![;]>(input, |i| i.peek(Token![;]));
            continue;
        }
        let noun = list.noun;
        let error = input.error(format!("expected `;` to end the `{keyword}` {noun}"));
        out.errors.push((out.clauses.len(), error));
        // When the next item follows directly, only the `;` is missing: read on from it.
        if !list.starts_item(input) {
            skip_past::<Token![;]>(input, |i| i.peek(Token![;]));
        }
    }
    out
}

/// One item: its keyword, then what the format reads after it.
fn one<C>(
    input: ParseStream,
    list: &List,
    item: ItemParser<C>,
    errors: &mut Vec<syn::Error>,
) -> syn::Result<(Ident, C)> {
    let List { noun, place, .. } = list;
    if !input.peek(Ident::peek_any) {
        let expected = list.expected();
        return Err(input.error(format!("expected a {noun}{place}: {expected}")));
    }
    let keyword = input.call(Ident::parse_any)?;
    match item(&keyword, input, errors) {
        Some(clause) => clause.map(|clause| (keyword, clause)),
        None => Err(syn::Error::new(
            keyword.span(),
            format!(
                "unknown {noun} `{keyword}`{place}; expected {}",
                list.expected()
            ),
        )),
    }
}

/// What `ttl` needs, in both formats.
pub(crate) const TTL: &str = "a lifetime in seconds: an integer literal or a `Ttl`";

/// The expression after a keyword; `what` says what it should be, for the message when it is
/// missing.
pub(crate) fn value_after(input: ParseStream, keyword: &Ident, what: &str) -> syn::Result<Expr> {
    if input.is_empty() || input.peek(Token![;]) {
        return Err(syn::Error::new(
            keyword.span(),
            format!("`{keyword}` needs {what}"),
        ));
    }
    speculate(input, Expr::parse_without_eager_brace)
}

/// `outgoing SID { params }` after its keyword: the application SID and the optional params.
pub(crate) fn outgoing(
    input: ParseStream,
    keyword: &Ident,
    errors: &mut Vec<syn::Error>,
) -> syn::Result<(Expr, Option<Block>)> {
    if input.peek(Brace) {
        return Err(input.error(
            "expected an application SID before the params block: `outgoing \"AP…\" { … }`",
        ));
    }
    let app_sid = value_after(
        input,
        keyword,
        "an application SID: a string literal or an `AppSid`",
    )?;
    let params = block(input, errors)?;
    Ok((app_sid, params))
}

/// Runs `parser` on a fork, and moves `input` past what it read only if it succeeds.
fn speculate<T>(input: ParseStream, parser: fn(ParseStream) -> syn::Result<T>) -> syn::Result<T> {
    let fork = input.fork();
    let value = parser(&fork)?;
    input.advance_to(&fork);
    Ok(value)
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

/// An optional `{ key: value, ... }` block. Errors inside it are pushed to `errors`, and the
/// block keeps the pairs that parsed.
pub(crate) fn block(
    input: ParseStream,
    errors: &mut Vec<syn::Error>,
) -> syn::Result<Option<Block>> {
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
