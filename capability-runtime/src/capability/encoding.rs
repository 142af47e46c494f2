//! `E`, the form percent-encoder of spec section 1.5, and its inverse.
//!
//! `A-Z a-z 0-9 _ . - ~` stay as they are, a space becomes `+`, and every other byte of the
//! UTF-8 text becomes `%XX` with upper-case hex digits.

use std::borrow::Cow;

use crate::jwt::scan;
use crate::jwt::sink::Sink;

/// `"000102…FF"`: the two upper-case hex digits of byte `b` are `HEX_PAIRS[2 * b..2 * b + 2]`.
const HEX_PAIRS: &str = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F606162636465666768696A6B6C6D6E6F707172737475767778797A7B7C7D7E7F808182838485868788898A8B8C8D8E8F909192939495969798999A9B9C9D9E9FA0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3B4B5B6B7B8B9BABBBCBDBEBFC0C1C2C3C4C5C6C7C8C9CACBCCCDCECFD0D1D2D3D4D5D6D7D8D9DADBDCDDDEDFE0E1E2E3E4E5E6E7E8E9EAEBECEDEEEFF0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF";

/// Which bytes `E` keeps as they are, by value: one lookup per byte of a minted value.
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-' | b'~');
        b += 1;
    }
    table
};

fn is_unreserved(b: u8) -> bool {
    UNRESERVED[usize::from(b)]
}

/// Appends `E(text)` to `out`.
///
/// ```
/// let mut out = String::new();
/// capability::encoding::encode_into(&mut out, "a b&c=d/é");
/// assert_eq!(out, "a+b%26c%3Dd%2F%C3%A9");
/// ```
pub fn encode_into(out: &mut String, text: &str) {
    escape_into(out, text, "+", "%");
}

/// Appends `E(text)`, or `E(E(text))` when `twice` (a param or filter key or value).
pub(crate) fn encode_as(out: &mut impl Sink, text: &str, twice: bool) {
    if twice {
        encode_twice_into(out, text);
    } else {
        escape_into(out, text, "+", "%");
    }
}

/// The length of what [`encode_as`] appends, without encoding it.
pub(crate) fn encoded_len(text: &str, twice: bool) -> usize {
    let (space, other) = if twice { (3, 5) } else { (1, 3) };
    text.bytes()
        .map(|b| match b {
            b' ' => space,
            b if is_unreserved(b) => 1,
            _ => other,
        })
        .sum()
}

/// Appends `text` with each unreserved byte as it is, a space as `space`, and every other byte
/// as `percent` followed by its two hex digits.
fn escape_into(out: &mut impl Sink, text: &str, space: &str, percent: &str) {
    let mut start = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if is_unreserved(b) {
            continue;
        }
        // `text[start..i]` holds only ASCII, so both ends are char boundaries.
        if start < i {
            out.put(&text[start..i]);
        }
        if b == b' ' {
            out.put(space);
        } else {
            out.put(percent);
            let at = 2 * usize::from(b);
            out.put(&HEX_PAIRS[at..at + 2]);
        }
        start = i + 1;
    }
    if start < text.len() {
        out.put(&text[start..]);
    }
}

/// `E(text)` as a new string.
///
/// ```
/// assert_eq!(capability::encoding::encode("/2010-04-01/Events"), "%2F2010-04-01%2FEvents");
/// ```
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    encode_into(&mut out, text);
    out
}

/// Appends `E(E(text))` to `out`: E turns a space into `+`, then `+` into `%2B`; a byte into
/// `%XY`, then `%` into `%25`, leaving the hex digits.
pub(crate) fn encode_twice_into(out: &mut impl Sink, text: &str) {
    escape_into(out, text, "%2B", "%25");
}

/// Why a percent-encoded text could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// A `%` is not followed by two hexadecimal digits.
    #[error("`%` at byte {offset} is not followed by two hexadecimal digits")]
    BadEscape {
        /// Where the `%` stands in the encoded text.
        offset: usize,
    },
    /// The decoded bytes are not UTF-8.
    #[error("the decoded bytes are not UTF-8")]
    NotUtf8,
}

/// Decodes form encoding: `+` and `%20` become a space, `%XX` becomes byte `XX` (either case),
/// and every other character stands for itself. The bytes must decode to UTF-8.
///
/// It accepts what every official library's encoder writes, so it is more lenient than `E`
/// (Node leaves `!*'()` unescaped, and writes a space as `%20`).
///
/// ```
/// use capability::encoding::{decode, encode};
///
/// assert_eq!(decode("a+b%26c%3dd%2F%C3%A9")?, "a b&c=d/é");
/// assert_eq!(decode(&encode("any text: ✓"))?, "any text: ✓");
/// # Ok::<(), capability::encoding::DecodeError>(())
/// ```
pub fn decode(text: &str) -> Result<String, DecodeError> {
    decode_cow(text).map(Cow::into_owned)
}

/// [`decode`], borrowing `text` when it holds nothing to decode.
#[inline]
pub(crate) fn decode_cow(text: &str) -> Result<Cow<'_, str>, DecodeError> {
    // Most keys and values need no decoding; only the check for that is inlined.
    match scan::find_either(text.as_bytes(), b'%', b'+') {
        None => Ok(Cow::Borrowed(text)),
        Some(first) => decode_from(text, first).map(Cow::Owned),
    }
}

/// Decodes `text`, whose first `%` or `+` is at `first`.
fn decode_from(text: &str, first: usize) -> Result<String, DecodeError> {
    let bytes = text.as_bytes();
    // Everything before the first `%` or `+` stands for itself.
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..first]);
    let mut i = first;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hi = bytes.get(i + 1).copied().and_then(hex_value);
                let lo = bytes.get(i + 2).copied().and_then(hex_value);
                let (Some(hi), Some(lo)) = (hi, lo) else {
                    return Err(DecodeError::BadEscape { offset: i });
                };
                out.push(hi << 4 | lo);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| DecodeError::NotUtf8)
}

fn hex_value(b: u8) -> Option<u8> {
    char::from(b).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::{encode, encode_twice_into, encoded_len};

    #[test]
    fn encoded_len_is_the_length_of_the_encoding() {
        for text in ["", "abc", "a b", "&=+%/ é😀~._-", "\0\n", "%2525"] {
            assert_eq!(encoded_len(text, false), encode(text).len(), "{text:?}");
            let mut twice = String::new();
            encode_twice_into(&mut twice, text);
            assert_eq!(encoded_len(text, true), twice.len(), "{text:?}");
        }
    }
}
