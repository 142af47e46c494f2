//! A base64url encoder that takes its input in pieces, so a token's payload is encoded straight
//! into the token without being assembled first.
//!
//! The `base64` crate decodes tokens and checks this encoder in the tests. Minting encodes a
//! few dozen bytes in several pieces per token, where the crate's per-call setup cost as much as
//! the hashing; this encodes each 3-byte group into a small buffer of characters on the stack,
//! which reaches the `String` (and its UTF-8 check) a buffer at a time, and appends text
//! encoded in advance as it is.

use crate::encoding::Sink;
use crate::hmac_prefix::HmacPrefix;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The two characters of every 12-bit half of a group, so a group takes two lookups. (8 KiB,
/// which stays in the L1 cache while a token is minted.)
const PAIRS: [[u8; 2]; 4096] = {
    let mut table = [[0; 2]; 4096];
    let mut i = 0;
    while i < 4096 {
        table[i] = [ALPHABET[i >> 6], ALPHABET[i & 63]];
        i += 1;
    }
    table
};

/// Characters held before they are appended to the `String`: room for the part of a typical
/// token that varies (with the text around an input, and the signature), so that it reaches
/// the `String`, and its UTF-8 check, in one piece.
const HELD: usize = 384;

/// Appends the unpadded base64url of everything `put` into it to a `String`, without
/// allocating beyond the `String`'s own growth.
pub(crate) struct B64Stream<'a> {
    out: &'a mut String,
    /// The length of `out` before this stream wrote to it.
    start: usize,
    /// Encoded characters not yet appended to `out`.
    chars: [u8; HELD],
    len: usize,
    /// The `carried` bytes, 0 to 2, of the group being filled, big-endian. Kept in a
    /// register-sized value: bytes stored one by one and read back as a group would stall
    /// the CPU's store forwarding.
    carry: u32,
    carried: usize,
}

impl<'a> B64Stream<'a> {
    pub(crate) fn new(out: &'a mut String) -> Self {
        B64Stream {
            start: out.len(),
            out,
            chars: [0; HELD],
            len: 0,
            carry: 0,
            carried: 0,
        }
    }

    #[inline]
    pub(crate) fn put_bytes(&mut self, mut bytes: &[u8]) {
        // Complete the carried group first, a byte at a time: at most two.
        while self.carried > 0 {
            let [byte, rest @ ..] = bytes else { return };
            bytes = rest;
            self.carry = self.carry << 8 | u32::from(*byte);
            self.carried += 1;
            if self.carried == 3 {
                self.put_quad(encode_value(self.carry));
                (self.carry, self.carried) = (0, 0);
            }
        }
        let (groups, rest) = bytes.as_chunks::<3>();
        if !groups.is_empty() {
            self.put_groups(groups);
        }
        for &byte in rest {
            self.carry = self.carry << 8 | u32::from(byte);
        }
        self.carried = rest.len();
    }

    /// Puts a piece whose encoding was worked out in advance: only the 0 to 2 bytes that
    /// complete the pending group, and the 0 to 2 left over, are encoded now.
    #[inline]
    pub(crate) fn put_encoded(&mut self, piece: &Encoded) {
        let bytes = piece.text.as_bytes();
        let k = (3 - self.carried) % 3;
        if bytes.len() <= k {
            self.put_bytes(bytes);
            return;
        }
        self.put_bytes(&bytes[..k]);
        let (encoded, rest) = &piece.from[k];
        if encoded.len() <= HELD - self.len {
            self.put_chars(encoded.as_bytes());
        } else {
            self.flush();
            self.out.push_str(encoded);
        }
        self.put_bytes(&bytes[bytes.len() - rest..]);
    }

    /// Encodes what is left, unpadded (1 byte gives 2 characters, 2 bytes give 3), and
    /// appends everything held.
    pub(crate) fn finish(mut self) {
        self.put_last_group();
        self.flush();
    }

    /// [`finish`](Self::finish), then `.` and the signature: `mac` finished over everything
    /// this stream wrote. The end of the payload reaches the `String` with its signature.
    pub(crate) fn finish_signed(mut self, mac: &HmacPrefix) {
        self.put_last_group();
        let mut running = mac.start();
        running.update(&self.out.as_bytes()[self.start..]);
        running.update(&self.chars[..self.len]);
        let words = running.finish_words();
        if self.len + 44 > HELD {
            self.flush();
        }
        let (_, free) = self.chars.split_at_mut(self.len);
        write_signature(words, free.first_chunk_mut().expect("room for a signature"));
        self.len += 44;
        self.flush();
    }

    fn put_last_group(&mut self) {
        if self.carried > 0 {
            let group = self.carry << (8 * (3 - self.carried));
            self.put_chars(&encode_value(group)[..self.carried + 1]);
            (self.carry, self.carried) = (0, 0);
        }
    }

    /// Encodes whole groups into the held characters, appending them whenever they fill up.
    fn put_groups(&mut self, groups: &[[u8; 3]]) {
        for groups in groups.chunks(HELD / 4) {
            if groups.len() * 4 > HELD - self.len {
                self.flush();
            }
            let chars = &mut self.chars[self.len..self.len + groups.len() * 4];
            for (group, c) in groups.iter().zip(chars.as_chunks_mut::<4>().0) {
                *c = encode_group(group);
            }
            self.len += groups.len() * 4;
        }
    }

    /// Puts the 4 characters of a group.
    fn put_quad(&mut self, chars: [u8; 4]) {
        if self.len + 4 > HELD {
            self.flush();
        }
        self.chars[self.len..self.len + 4].copy_from_slice(&chars);
        self.len += 4;
    }

    /// Puts at most [`HELD`] characters that are already base64.
    fn put_chars(&mut self, chars: &[u8]) {
        if chars.len() > HELD - self.len {
            self.flush();
        }
        self.chars[self.len..self.len + chars.len()].copy_from_slice(chars);
        self.len += chars.len();
    }

    fn flush(&mut self) {
        if self.len > 0 {
            push_ascii(self.out, &self.chars[..self.len]);
            self.len = 0;
        }
    }
}

/// Appends base64 characters, which are ASCII.
fn push_ascii(out: &mut String, chars: &[u8]) {
    out.push_str(std::str::from_utf8(chars).expect("base64url is ASCII"));
}

/// Text with its base64 worked out for each way it can fall across 3-byte groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Encoded {
    text: String,
    /// For `k` in 0..3: the base64 of the whole groups of `text[k..]`, and how many bytes
    /// are left after them.
    from: [(String, usize); 3],
}

impl Encoded {
    pub(crate) fn new(text: String) -> Self {
        let from = [0, 1, 2].map(|k| {
            let bytes = text.as_bytes().get(k..).unwrap_or_default();
            let whole = bytes.len() / 3 * 3;
            let mut encoded = String::with_capacity(whole / 3 * 4);
            let mut stream = B64Stream::new(&mut encoded);
            stream.put_bytes(&bytes[..whole]);
            stream.finish();
            (encoded, bytes.len() - whole)
        });
        Encoded { text, from }
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }
}

/// Appends `prefix`, the characters `encode` writes (at most 32) and says it wrote, `.` and
/// the signature: `mac`, which has absorbed `prefix`, finished over those characters. For a
/// payload that varies only in its last bytes this is all the work after working them out,
/// with one UTF-8 check and no stream.
pub(crate) fn push_signed_tail(
    out: &mut String,
    prefix: &str,
    mac: &HmacPrefix,
    encode: impl FnOnce(&mut [u8; 32]) -> usize,
) {
    let mut running = mac.start();
    let (words, tail) = running.finish_with(encode);
    let mut chars = [0; 32 + 44];
    chars[..tail.len()].copy_from_slice(tail);
    let (_, signature) = chars.split_at_mut(tail.len());
    write_signature(
        words,
        signature.first_chunk_mut().expect("room for a signature"),
    );
    let len = tail.len() + 44;
    // The prefix goes in only now: copying it gives the signature's stores time to land
    // before they are read back.
    out.push_str(prefix);
    push_ascii(out, &chars[..len]);
}

/// Appends `.` and the 43 characters of an HMAC-SHA256 signature.
pub(crate) fn push_signature(out: &mut String, signature: &[u8; 32]) {
    let words = std::array::from_fn(|i| {
        u32::from_be_bytes(signature[4 * i..4 * i + 4].try_into().expect("4 bytes"))
    });
    let mut chars = [0; 44];
    write_signature(words, &mut chars);
    push_ascii(out, &chars);
}

/// Writes `.` and the 43 characters of an HMAC-SHA256 signature, given as the eight
/// big-endian words of the outer hash's state.
///
/// It works from the words, not from the bytes they make: bytes just stored one word at a
/// time and read back eight at a time would stall the CPU's store forwarding, on the path
/// every mint waits on.
fn write_signature(words: [u32; 8], chars: &mut [u8; 44]) {
    let q = |i: usize| u64::from(words[2 * i]) << 32 | u64::from(words[2 * i + 1]);
    let (q0, q1, q2, q3) = (q(0), q(1), q(2), q(3));
    // 256 bits: five runs of 48, then 16.
    let runs = [
        q0 >> 16,
        (q0 & 0xffff) << 32 | q1 >> 32,
        (q1 & 0xffff_ffff) << 16 | q2 >> 48,
        q2 & 0xffff_ffff_ffff,
        q3 >> 16,
    ];
    chars[0] = b'.';
    for (run, c) in runs.into_iter().zip(chars[1..41].as_chunks_mut::<8>().0) {
        *c = encode_six(run);
    }
    let last = (q3 & 0xffff) as u32;
    chars[41..].copy_from_slice(&encode_value(last << 8)[..3]);
}

/// The 8 characters of the low 48 bits of `n`.
fn encode_six(n: u64) -> [u8; 8] {
    let pair = |shift: u32| PAIRS[(n >> shift & 0xfff) as usize];
    let ([c0, c1], [c2, c3], [c4, c5], [c6, c7]) = (pair(36), pair(24), pair(12), pair(0));
    [c0, c1, c2, c3, c4, c5, c6, c7]
}

/// The 4 characters of 3 bytes.
pub(crate) fn encode_group(&[a, b, c]: &[u8; 3]) -> [u8; 4] {
    encode_value(u32::from_be_bytes([0, a, b, c]))
}

/// The 4 characters of the low 24 bits of `n`.
pub(crate) fn encode_value(n: u32) -> [u8; 4] {
    let ([c0, c1], [c2, c3]) = (
        PAIRS[(n >> 12 & 0xfff) as usize],
        PAIRS[(n & 0xfff) as usize],
    );
    [c0, c1, c2, c3]
}

impl Sink for B64Stream<'_> {
    fn put(&mut self, text: &str) {
        self.put_bytes(text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn pre_encoded_pieces_encode_as_the_whole_at_every_alignment() {
        let text: String = (0..1000)
            .map(|i| char::from(b'!' + (i % 90) as u8))
            .collect();
        // Past HELD characters, a piece goes to the String directly.
        for lead in [0, 1, 2, 3, 4, 300] {
            for len in [0, 1, 2, 3, 4, 5, 50, 100, 287, 288, 289, 600] {
                let piece = super::Encoded::new(text[..len].to_owned());
                let mut out = String::new();
                let mut stream = B64Stream::new(&mut out);
                stream.put(&text[500..500 + lead]);
                stream.put_encoded(&piece);
                stream.put("tail");
                stream.finish();
                let whole = format!("{}{}tail", &text[500..500 + lead], &text[..len]);
                assert_eq!(out, URL_SAFE_NO_PAD.encode(whole), "lead {lead}, len {len}");
            }
        }
    }

    #[test]
    fn signatures_encode_as_the_crate_does() {
        for seed in 0..8u8 {
            let sig: [u8; 32] = std::array::from_fn(|i| {
                (i as u8)
                    .wrapping_mul(37)
                    .wrapping_add(seed.wrapping_mul(91))
            });
            let mut out = String::from("x");
            super::push_signature(&mut out, &sig);
            assert_eq!(out, format!("x.{}", URL_SAFE_NO_PAD.encode(sig)));
        }
    }

    use super::*;
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    #[test]
    fn pieces_encode_as_the_whole() {
        let text: String = (0..1000)
            .map(|i| char::from(b'!' + (i % 90) as u8))
            .collect();
        for split in [
            0, 1, 2, 3, 4, 5, 95, 96, 97, 287, 288, 289, 500, 998, 999, 1000,
        ] {
            for step in [1, 2, 7, 64, 1000] {
                let mut out = String::from("prefix.");
                let mut stream = B64Stream::new(&mut out);
                stream.put(&text[..split]);
                for chunk in text.as_bytes()[split..].chunks(step) {
                    stream.put(std::str::from_utf8(chunk).unwrap());
                }
                stream.finish();
                assert_eq!(out, format!("prefix.{}", URL_SAFE_NO_PAD.encode(&text)));
                for end in [split, split + 1, split.saturating_sub(1)] {
                    let end = end.min(text.len());
                    let mut out = String::new();
                    let mut stream = B64Stream::new(&mut out);
                    stream.put(&text[..end]);
                    stream.finish();
                    assert_eq!(out, URL_SAFE_NO_PAD.encode(&text[..end]));
                }
            }
        }
    }
}
