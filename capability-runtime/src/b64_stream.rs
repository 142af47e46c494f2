//! A base64url encoder that takes its input in pieces, so a token's payload is encoded straight
//! into the token without being assembled first.
//!
//! The `base64` crate decodes tokens and checks this encoder in the tests. Minting encodes a
//! few dozen bytes in several pieces per token, where the crate's per-call setup cost as much as
//! the hashing; this writes each 3-byte group straight into the `String`.

use crate::encoding::Sink;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// [`ALPHABET`] four times over, so a lookup by any `u8` needs no bounds check.
const LOOKUP: [u8; 256] = {
    let mut table = [0; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = ALPHABET[i % 64];
        i += 1;
    }
    table
};

/// Input bytes held before they are encoded: a multiple of 3, so each full buffer encodes
/// with no padding and the next one continues the same stream.
const IN_CHUNK: usize = 192;

/// Appends the unpadded base64url of everything `put` into it to a `String`, without
/// allocating beyond the `String`'s own growth. Pieces are copied into a small buffer and
/// encoded a buffer at a time, so many short pieces cost little more than one long one.
pub(crate) struct B64Stream<'a> {
    out: &'a mut String,
    buf: [u8; IN_CHUNK],
    len: usize,
}

impl<'a> B64Stream<'a> {
    pub(crate) fn new(out: &'a mut String) -> Self {
        B64Stream {
            out,
            buf: [0; IN_CHUNK],
            len: 0,
        }
    }

    pub(crate) fn put_bytes(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            let n = (IN_CHUNK - self.len).min(bytes.len());
            self.buf[self.len..self.len + n].copy_from_slice(&bytes[..n]);
            self.len += n;
            bytes = &bytes[n..];
            if self.len == IN_CHUNK {
                self.encode_whole_groups();
            }
        }
    }

    /// Puts a piece whose encoding was worked out in advance: only the 0 to 2 bytes that
    /// complete the pending group, and the 0 to 2 left over, are encoded now.
    pub(crate) fn put_encoded(&mut self, piece: &Encoded) {
        let bytes = piece.text.as_bytes();
        let k = (3 - self.len % 3) % 3;
        if bytes.len() <= k {
            self.put_bytes(bytes);
            return;
        }
        self.put_bytes(&bytes[..k]);
        self.encode_whole_groups();
        let (encoded, rest) = &piece.from[k];
        self.out.push_str(encoded);
        self.put_bytes(&bytes[bytes.len() - rest..]);
    }

    /// Encodes what is left, unpadded: 1 byte gives 2 characters, 2 bytes give 3.
    pub(crate) fn finish(mut self) {
        self.encode_whole_groups();
        let (chars, kept) = match self.buf[..self.len] {
            [a] => (encode_group(&[a, 0, 0]), 2),
            [a, b] => (encode_group(&[a, b, 0]), 3),
            _ => ([0; 4], 0),
        };
        push_ascii(self.out, &chars[..kept]);
    }

    /// Encodes every whole group held, keeping the 0 to 2 bytes after them.
    fn encode_whole_groups(&mut self) {
        let (groups, rest) = self.buf[..self.len].as_chunks::<3>();
        let mut chars = [0u8; IN_CHUNK / 3 * 4];
        for (group, c) in groups.iter().zip(chars.as_chunks_mut::<4>().0) {
            *c = encode_group(group);
        }
        push_ascii(self.out, &chars[..groups.len() * 4]);
        let (done, kept) = (groups.len() * 3, rest.len());
        self.buf.copy_within(done..done + kept, 0);
        self.len = kept;
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
    let mut chars = [b'.'; 44];
    let (groups, rest) = signature.as_chunks::<3>();
    for (group, c) in groups.iter().zip(chars[1..41].as_chunks_mut::<4>().0) {
        *c = encode_group(group);
    }
    if let [a, b] = *rest {
        chars[41..].copy_from_slice(&encode_group(&[a, b, 0])[..3]);
    }
    push_ascii(out, &chars);
}

/// The 4 characters of 3 bytes. [`LOOKUP`] repeats the alphabet, so each shift needs no mask.
fn encode_group(&[a, b, c]: &[u8; 3]) -> [u8; 4] {
    let n = u32::from_be_bytes([0, a, b, c]);
    [n >> 18, n >> 12, n >> 6, n].map(|s| LOOKUP[usize::from(s as u8)])
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
        let text: String = (0..100)
            .map(|i| char::from(b'!' + (i % 90) as u8))
            .collect();
        for lead in 0..5 {
            for len in [0, 1, 2, 3, 4, 5, 50, 100] {
                let piece = super::Encoded::new(text[..len].to_owned());
                let mut out = String::new();
                let mut stream = B64Stream::new(&mut out);
                stream.put(&text[50..50 + lead]);
                stream.put_encoded(&piece);
                stream.put("tail");
                stream.finish();
                let whole = format!("{}{}tail", &text[50..50 + lead], &text[..len]);
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
        for split in [0, 1, 2, 3, 4, 5, 191, 192, 193, 500, 998, 999, 1000] {
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
