//! The end of a payload that varies only in `exp`, base64-encoded from registers.
//!
//! A policy without inputs mints tokens that differ only in their last bytes: the 0 to 2
//! static bytes that did not fill a base64 group, `exp` in decimal, and `}`. Formatting `exp`
//! into memory and reading it back a group at a time made the CPU wait on store forwarding
//! (bytes stored in one width and loaded in another) on the path every such mint waits on.
//! Here the digits, the bytes and the groups stay in registers until their characters are
//! written.

use crate::jwt::b64_stream::{encode_group, encode_value};

/// `exp` in decimal, worked out before the 0 to 2 bytes in front of it are known: a stream
/// knows them only when it ends.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Expiry {
    exp: u64,
    /// The digits at the bottom of a `u128`, big-endian, and how many: when there are at most
    /// 13, as for any `exp` below 10^13 (the year 318857).
    digits: Option<(u128, usize)>,
}

impl Expiry {
    pub(crate) fn new(exp: u64) -> Self {
        const LIMIT: u64 = 10_000_000_000_000;
        let digits = (exp < LIMIT).then(|| {
            let count = exp.checked_ilog10().map_or(1, |d| d as usize + 1);
            // Sixteen digits, zero-padded, of which the last `count` are kept.
            let padded = u128::from(ascii8(exp / 100_000_000).swap_bytes()) << 64
                | u128::from(ascii8(exp % 100_000_000).swap_bytes());
            (padded & ((1 << (8 * count)) - 1), count)
        });
        Expiry { exp, digits }
    }

    /// Writes the unpadded base64 of `lead`, `exp` in decimal and `}` to the front of
    /// `chars`, and returns how many characters that is. `lead` is at most 2 bytes.
    pub(crate) fn encode(&self, lead: &[u8], chars: &mut [u8; 32]) -> usize {
        match self.in_register(lead) {
            Some((bytes, len)) => encode_register(bytes, len, chars),
            None => encode_memory(lead, self.exp, chars),
        }
    }

    /// The tail as a big-endian byte string at the top of a `u128`, and its length: when it
    /// fits in 16 bytes.
    fn in_register(&self, lead: &[u8]) -> Option<(u128, usize)> {
        let (digits, count) = self.digits.filter(|_| lead.len() <= 2)?;
        let len = lead.len() + count + 1;
        let lead = lead.iter().fold(0, |v, &b| v << 8 | u128::from(b));
        let bytes = (lead << (8 * count) | digits) << 8 | u128::from(b'}');
        Some((bytes << (8 * (16 - len)), len))
    }
}

/// The eight ASCII digits of `x < 10^8`, zero-padded, the first in the lowest byte: four
/// digit pairs at once in 16-bit lanes (P. Khuong, "How to print integers really fast").
fn ascii8(x: u64) -> u64 {
    let (hi, lo) = (x / 10_000, x % 10_000);
    let merged = hi | lo << 32;
    let top = ((merged * 10_486) >> 20) & (0x7f << 32 | 0x7f);
    let bottom = merged - 100 * top;
    let hundreds = bottom << 16 | top;
    let mut tens = ((hundreds * 103) >> 10) & (0xf << 48 | 0xf << 32 | 0xf << 16 | 0xf);
    tens += (hundreds - 10 * tens) << 8;
    tens | 0x3030_3030_3030_3030
}

/// Encodes `len` bytes at the top of `bytes`; below them `bytes` is zero, which is the
/// padding a last, partial group takes.
fn encode_register(bytes: u128, len: usize, chars: &mut [u8; 32]) -> usize {
    // Six groups cover 16 bytes: five whole, and the last byte.
    let groups = [
        (bytes >> 104) as u32,
        (bytes >> 80) as u32,
        (bytes >> 56) as u32,
        (bytes >> 32) as u32,
        (bytes >> 8) as u32,
        (bytes as u32) << 16,
    ];
    for (group, c) in groups.into_iter().zip(chars.as_chunks_mut::<4>().0) {
        *c = encode_value(group);
    }
    chars_len(len)
}

/// The same, for an `exp` of 14 digits or more.
fn encode_memory(lead: &[u8], exp: u64, chars: &mut [u8; 32]) -> usize {
    let (end, n) = expiry(exp);
    let mut bytes = [0; 2 + 21 + 1];
    bytes[..lead.len()].copy_from_slice(lead);
    bytes[lead.len()..lead.len() + n].copy_from_slice(&end[..n]);
    let len = lead.len() + n;
    for (group, c) in bytes
        .as_chunks::<3>()
        .0
        .iter()
        .zip(chars.as_chunks_mut::<4>().0)
    {
        *c = encode_group(group);
    }
    chars_len(len)
}

/// The length of the unpadded base64 of `len` bytes.
fn chars_len(len: usize) -> usize {
    (len * 4).div_ceil(3)
}

/// `exp` and the closing brace, and their length: at most 20 digits and `}`.
pub(crate) fn expiry(exp: u64) -> ([u8; 21], usize) {
    let mut end = [b'}'; 21];
    let mut buf = itoa::Buffer::new();
    let digits = buf.format(exp).as_bytes();
    end[..digits.len()].copy_from_slice(digits);
    (end, digits.len() + 1)
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    use super::*;

    #[test]
    fn eight_digits_at_once_for_every_power_and_its_neighbours() {
        let mut x = 1;
        while x <= 100_000_000 {
            for n in [x - 1, x, x + 1, x * 7 / 3]
                .into_iter()
                .filter(|&n| n < 100_000_000)
            {
                assert_eq!(ascii8(n).to_le_bytes(), *format!("{n:08}").as_bytes());
            }
            x *= 10;
        }
        for n in (0..100_000_000).step_by(9_973) {
            assert_eq!(ascii8(n).to_le_bytes(), *format!("{n:08}").as_bytes());
        }
    }

    #[test]
    fn the_tail_encodes_as_the_base64_crate_encodes_it() {
        let mut exps = vec![0, 9, 10, 1_700_000_000, 9_999_999_999_999, u64::MAX];
        let mut x = 1u64;
        while let Some(next) = x.checked_mul(10) {
            exps.extend([x - 1, x, x + 1, x + 123_456 % x]);
            x = next;
        }
        for lead in [&b""[..], b":", b"\":"] {
            for &exp in &exps {
                let mut chars = [0; 32];
                let expiry = Expiry::new(exp);
                let len = expiry.encode(lead, &mut chars);
                let text = format!("{}{exp}}}", std::str::from_utf8(lead).unwrap());
                let want = URL_SAFE_NO_PAD.encode(&text);
                assert_eq!(&chars[..len], want.as_bytes(), "{text}");
                let registers = expiry.in_register(lead).is_some();
                assert_eq!(registers, exp < 10_000_000_000_000, "{text}");
            }
        }
    }
}
