//! `E`, the form percent-encoder of spec section 1.5, and its inverse.
//!
//! `A-Z a-z 0-9 _ . - ~` stay as they are, a space becomes `+`, and every other byte of the
//! UTF-8 text becomes `%XX` with upper-case hex digits.

use std::fmt::Write as _;

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'~')
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

/// Appends `text` with each unreserved byte as it is, a space as `space`, and every other byte
/// as `percent` followed by its two hex digits.
fn escape_into(out: &mut String, text: &str, space: &str, percent: &str) {
    let mut start = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if is_unreserved(b) {
            continue;
        }
        // `text[start..i]` holds only ASCII, so both ends are char boundaries.
        if start < i {
            out.push_str(&text[start..i]);
        }
        if b == b' ' {
            out.push_str(space);
        } else {
            out.push_str(percent);
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
        start = i + 1;
    }
    if start < text.len() {
        out.push_str(&text[start..]);
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
pub(crate) fn encode_twice_into(out: &mut String, text: &str) {
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
    let bytes = text.as_bytes();
    if !bytes.iter().any(|&b| b == b'%' || b == b'+') {
        return Ok(text.to_owned());
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
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

/// Writes a `u64` in decimal without allocating.
pub(crate) fn push_u64(out: &mut String, n: u64) {
    // Writing to a String cannot fail.
    let _ = write!(out, "{n}");
}
