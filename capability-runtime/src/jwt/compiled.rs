//! A token compiled for minting: everything static encoded and hashed once, so that a mint
//! encodes only the clock and the inputs. The access-token and TaskRouter minters are built on
//! it; the capability token's `CapabilityMinter` has a faster path of its own for the same idea.

use crate::jwt::b64_stream::{B64Stream, Encoded};
use crate::jwt::hmac_prefix::HmacPrefix;
use crate::jwt::json;
use crate::jwt::layout::Piece;

/// A piece of a token before it is compiled.
pub(crate) enum Raw {
    /// Literal text.
    Lit(String),
    /// The value of input `index`, JSON-escaped.
    Input(usize),
    /// The token's `now`, as decimal digits.
    Now,
    /// The token's `exp`, as decimal digits.
    Exp,
}

/// A part of the token after the compiled prefix.
#[derive(Clone)]
enum Part {
    Lit(Encoded),
    Input(usize),
    /// The end of the header, when the header has an input.
    Dot,
    Now,
    Exp,
}

/// A token whose static prefix the HMAC has absorbed, and whose other literal text is
/// base64-encoded for each alignment it can have.
#[derive(Clone)]
pub(crate) struct Compiled {
    /// The token's static prefix, as far as it fills whole 3-byte groups.
    prefix: String,
    /// The HMAC keyed with the key, having absorbed `prefix`.
    state: HmacPrefix,
    parts: Vec<Part>,
}

impl Compiled {
    /// Compiles the token `header.payload`, signed with `key`.
    pub(crate) fn new(key: &[u8], header: Vec<Raw>, payload: Vec<Raw>) -> Compiled {
        let mut prefix = String::new();
        let literal_header = header.iter().all(|p| matches!(p, Raw::Lit(_)));
        if literal_header {
            // A header without inputs is base64-encoded now, into the prefix.
            let mut stream = B64Stream::new(&mut prefix);
            for piece in &header {
                if let Raw::Lit(text) = piece {
                    stream.put_bytes(text.as_bytes());
                }
            }
            stream.finish();
            prefix.push('.');
        }
        // The static prefix goes on with the payload's literal text up to its first variable
        // part, in whole groups. A header with an input leaves no static prefix.
        let mut literal = String::new();
        let mut payload = payload.into_iter().peekable();
        if literal_header {
            while let Some(Raw::Lit(text)) = payload.peek() {
                literal.push_str(text);
                payload.next();
            }
        }
        let whole = literal.len() / 3 * 3;
        let mut stream = B64Stream::new(&mut prefix);
        stream.put_bytes(&literal.as_bytes()[..whole]);
        stream.finish();
        let state = HmacPrefix::new(key, prefix.as_bytes());
        let mut parts = Vec::new();
        let mut lit = String::new();
        let push = |parts: &mut Vec<Part>, lit: &mut String, part: Option<Part>| {
            if !lit.is_empty() {
                parts.push(Part::Lit(Encoded::new(std::mem::take(lit))));
            }
            parts.extend(part);
        };
        let put = |parts: &mut Vec<Part>, lit: &mut String, piece: Raw| match piece {
            Raw::Lit(text) => lit.push_str(&text),
            Raw::Input(i) => push(parts, lit, Some(Part::Input(i))),
            Raw::Now => push(parts, lit, Some(Part::Now)),
            Raw::Exp => push(parts, lit, Some(Part::Exp)),
        };
        if !literal_header {
            for piece in header {
                put(&mut parts, &mut lit, piece);
            }
            push(&mut parts, &mut lit, Some(Part::Dot));
        }
        // `literal` is ASCII, so any byte offset is a char boundary.
        lit.push_str(&literal[whole..]);
        for piece in payload {
            put(&mut parts, &mut lit, piece);
        }
        push(&mut parts, &mut lit, None);
        Compiled {
            prefix,
            state,
            parts,
        }
    }

    /// Mints into `out` (appending): the prefix, the parts with `inputs` JSON-escaped, `now`
    /// and `exp`, `.` and the signature. `out` should have room for the token.
    pub(crate) fn mint_into(&self, out: &mut String, inputs: &[&str], now: u64, exp: u64) {
        let mut stream = B64Stream::signing(out, &self.prefix, &self.state);
        let (mut now_digits, mut exp_digits) = (itoa::Buffer::new(), itoa::Buffer::new());
        let (now, exp) = (now_digits.format(now), exp_digits.format(exp));
        for part in &self.parts {
            match *part {
                Part::Lit(ref text) => stream.put_encoded(text),
                Part::Input(i) => json::escape_into(&mut stream, inputs[i]),
                Part::Dot => stream.end_segment(),
                Part::Now => stream.put_bytes(now.as_bytes()),
                Part::Exp => stream.put_bytes(exp.as_bytes()),
            }
        }
        stream.finish_signed_plain();
    }
}

/// `len` literal bytes grown by each value, JSON-escaped, in each of its `slots`.
pub(crate) fn grown_len(len: usize, values: &[&str], slots: &[usize]) -> usize {
    values.iter().zip(slots).fold(len, |len, (value, &n)| {
        len.saturating_add(json::escaped_len(value).saturating_mul(n))
    })
}

/// How many slots each of `count` inputs fills among the pieces.
pub(crate) fn slots(pieces: &[Piece<String>], count: usize) -> Vec<usize> {
    let mut slots = vec![0; count];
    for piece in pieces {
        if let Piece::Slot { index, .. } = piece {
            slots[*index] += 1;
        }
    }
    slots
}

/// Laid-out pieces as raw pieces of a token, each slot a JSON-escaped input.
pub(crate) fn raw(pieces: Vec<Piece<String>>) -> impl Iterator<Item = Raw> {
    pieces.into_iter().map(|piece| match piece {
        Piece::Lit(text) => Raw::Lit(text),
        Piece::Slot { index, .. } => Raw::Input(index),
    })
}
