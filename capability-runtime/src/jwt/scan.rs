//! Finding ASCII delimiters in the short texts of a token, 8 bytes at a time.
//!
//! A token is split at `.`, a scope claim at spaces, `?`, `&` and `=`, and each piece is checked
//! for `%` and `+`. The pieces are tens of bytes long: too short for `memchr`'s setup to pay,
//! long enough that testing one byte at a time shows in a profile. This tests a word at a time
//! (SWAR), in safe code.

const LOWS: u64 = u64::from_ne_bytes([0x7F; 8]);

/// The high bit of each byte of `word` that equals `b`, and no other bit. A byte of `x` is 0
/// when neither its own high bit nor the carry of its low 7 bits plus `0x7F` sets bit 7; no
/// carry crosses into the next byte, so every byte is judged exactly.
fn matches(word: u64, b: u8) -> u64 {
    let x = word ^ u64::from_ne_bytes([b; 8]);
    !(((x & LOWS) + LOWS) | x | LOWS)
}

/// The index of the first byte of `text` that `is`; `mask` flags them a word at a time.
fn find_with(text: &[u8], mask: impl Fn(u64) -> u64, is: impl Fn(u8) -> bool) -> Option<usize> {
    let (words, tail) = text.as_chunks::<8>();
    for (i, word) in words.iter().enumerate() {
        let m = mask(u64::from_le_bytes(*word));
        if m != 0 {
            return Some(i * 8 + (m.trailing_zeros() / 8) as usize);
        }
    }
    let at = tail.iter().position(|&c| is(c))?;
    Some(words.len() * 8 + at)
}

/// The index of the first `b` in `text`.
pub(crate) fn find(text: &[u8], b: u8) -> Option<usize> {
    find_with(text, |w| matches(w, b), |c| c == b)
}

/// The index of the first `a` or `b` in `text`.
pub(crate) fn find_either(text: &[u8], a: u8, b: u8) -> Option<usize> {
    find_with(
        text,
        |w| matches(w, a) | matches(w, b),
        |c| c == a || c == b,
    )
}

/// The index of the last `b` in `text`.
pub(crate) fn rfind(text: &[u8], b: u8) -> Option<usize> {
    let (head, words) = text.as_rchunks::<8>();
    for (i, word) in words.iter().enumerate().rev() {
        // Big-endian, so the word's last byte is its lowest.
        let m = matches(u64::from_be_bytes(*word), b);
        if m != 0 {
            return Some(head.len() + i * 8 + 7 - (m.trailing_zeros() / 8) as usize);
        }
    }
    head.iter().rposition(|&c| c == b)
}

/// Whether `text` holds a `b`. It reads every word, without a branch per word: for a text that
/// should not hold one.
pub(crate) fn contains(text: &[u8], b: u8) -> bool {
    let (words, tail) = text.as_chunks::<8>();
    let found = words
        .iter()
        .fold(0, |acc, word| acc | matches(u64::from_le_bytes(*word), b));
    found != 0 || tail.contains(&b)
}

/// `text` around its first `at`, an ASCII byte, so both sides are valid `str`s.
#[inline]
pub(crate) fn split_once(text: &str, at: u8) -> Option<(&str, &str)> {
    let i = find(text.as_bytes(), at)?;
    Some((&text[..i], &text[i + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngSeed};

    /// Fixed, as in `tests/properties.rs`, so that every run checks the same cases.
    fn config() -> Config {
        Config {
            cases: 2048,
            rng_seed: RngSeed::Fixed(0x00c0_ffee_2026_1127),
            failure_persistence: None,
            ..Config::default()
        }
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn finds_what_a_plain_scan_finds(
            text in proptest::collection::vec(
                proptest::sample::select(b"ab&=%+ .\x80\xff\x00\x01".to_vec()), 0..40),
            a in proptest::sample::select(b"&=%+ .\x80\x00".to_vec()),
            b in proptest::sample::select(b"&=%+ .\xff\x01".to_vec()),
        ) {
            prop_assert_eq!(find(&text, a), text.iter().position(|&c| c == a));
            prop_assert_eq!(rfind(&text, a), text.iter().rposition(|&c| c == a));
            prop_assert_eq!(contains(&text, a), text.contains(&a));
            prop_assert_eq!(
                find_either(&text, a, b),
                text.iter().position(|&c| c == a || c == b)
            );
        }
    }

    #[test]
    fn a_byte_one_off_a_match_is_not_a_match() {
        // `b ^ 0x01` next to `b` is where the usual subtract-and-mask test reports false matches.
        for at in 0..16 {
            let mut text = [b'x'; 17];
            text[at] = b'&';
            text[at + 1] = b'&' ^ 0x01;
            assert_eq!(find(&text, b'&'), Some(at));
            assert_eq!(find(&text, b'&' ^ 0x01), Some(at + 1));
        }
    }
}
