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
        if self.carried > 0 {
            bytes = self.complete_group(bytes);
        }
        let (groups, rest) = bytes.as_chunks::<3>();
        if !groups.is_empty() {
            self.put_groups(groups);
        }
        self.hold(rest);
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
        self.put_chars(&signature_chars(&running.finish()));
        self.flush();
    }

    /// Fills the pending group from the front of `bytes`, encoding it once whole, and
    /// returns the rest of them.
    fn complete_group<'b>(&mut self, bytes: &'b [u8]) -> &'b [u8] {
        let (head, rest) = bytes.split_at((3 - self.carried).min(bytes.len()));
        self.hold(head);
        if self.carried == 3 {
            self.put_chars(&encode_value(self.carry));
            (self.carry, self.carried) = (0, 0);
        }
        rest
    }

    /// Adds bytes, no more than complete the group, to the carried ones.
    fn hold(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.carry = self.carry << 8 | u32::from(byte);
            self.carried += 1;
        }
    }

    fn put_last_group(&mut self) {
        if self.carried > 0 {
            let group = self.carry << (8 * (3 - self.carried));
            self.put_chars(&encode_value(group)[..self.carried + 1]);
            (self.carry, self.carried) = (0, 0);
        }
    }

    /// Encodes whole groups into the held characters, appending them whenever they fill up.
    fn put_groups(&mut self, mut groups: &[[u8; 3]]) {
        loop {
            let (now, later) = groups.split_at(groups.len().min((HELD - self.len) / 4));
            let (slots, _) = self.chars[self.len..].as_chunks_mut::<4>();
            for (group, c) in now.iter().zip(slots) {
                *c = encode_group(group);
            }
            self.len += now.len() * 4;
            if later.is_empty() {
                return;
            }
            self.flush();
            groups = later;
        }
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

/// Appends `.` and the 43 characters of an HMAC-SHA256 signature.
pub(crate) fn push_signature(out: &mut String, signature: &[u8; 32]) {
    push_ascii(out, &signature_chars(signature));
}

/// `.` and the 43 characters of an HMAC-SHA256 signature.
fn signature_chars(signature: &[u8; 32]) -> [u8; 44] {
    let mut chars = [b'.'; 44];
    let (groups, rest) = signature.as_chunks::<3>();
    for (group, c) in groups.iter().zip(chars[1..41].as_chunks_mut::<4>().0) {
        *c = encode_group(group);
    }
    if let [a, b] = *rest {
        chars[41..].copy_from_slice(&encode_group(&[a, b, 0])[..3]);
    }
    chars
}

/// The 4 characters of 3 bytes.
fn encode_group(&[a, b, c]: &[u8; 3]) -> [u8; 4] {
    encode_value(u32::from_be_bytes([0, a, b, c]))
}

/// The 4 characters of the low 24 bits of `n`.
fn encode_value(n: u32) -> [u8; 4] {
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
