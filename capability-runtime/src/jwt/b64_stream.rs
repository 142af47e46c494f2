//! A base64url encoder that takes its input in pieces, so a token's payload is encoded straight
//! into the token without being assembled first.
//!
//! The `base64` crate decodes tokens and checks this encoder in the tests. Minting encodes a
//! few dozen bytes in several pieces per token, where the crate's per-call setup cost as much as
//! the hashing; this encodes each 3-byte group into a small buffer of characters on the stack,
//! which reaches the `String` (and its UTF-8 check) a buffer at a time, and copies text
//! encoded in advance as it is. A [`CapabilityMinter`](crate::CapabilityMinter)'s stream also signs: the hash
//! reads the characters where they are held, with its padding written after them.

use crate::jwt::hmac_prefix::{HmacPrefix, InnerHash};
use crate::jwt::sink::Sink;

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
/// token after its static prefix, with its signature, so that it reaches the `String`, and
/// its UTF-8 check, in one piece; and for a signing stream to hash it where it lies.
const HELD: usize = 512;

/// Appends the unpadded base64url of everything `put` into it to a `String`, without
/// allocating beyond the `String`'s own growth.
pub(crate) struct B64Stream<'a> {
    out: &'a mut String,
    /// Encoded characters, from the first not yet hashed or, in a stream that does not sign,
    /// not yet appended to `out`.
    chars: [u8; HELD],
    len: usize,
    /// A [`signing`](Self::signing) stream's MAC.
    signing: Option<Signing<'a>>,
    /// The `carried` bytes, 0 to 2, of the group being filled, big-endian. Kept in a
    /// register-sized value: bytes stored one by one and read back as a group would stall
    /// the CPU's store forwarding.
    carry: u32,
    carried: usize,
}

/// The MAC of a signing stream. It hashes the held characters where they lie: the whole
/// blocks among them when they are appended to make room, the rest at the end.
struct Signing<'a> {
    hash: InnerHash<'a>,
    /// `chars[..hashed]` are hashed.
    hashed: usize,
    /// `chars[..sent]` are in `out` already.
    sent: usize,
}

impl<'a> B64Stream<'a> {
    pub(crate) fn new(out: &'a mut String) -> Self {
        B64Stream {
            out,
            chars: [0; HELD],
            len: 0,
            signing: None,
            carry: 0,
            carried: 0,
        }
    }

    /// Appends `prefix`, which `mac` has absorbed, and a stream that [`finish_signed`]
    /// (Self::finish_signed) ends with `mac`'s signature over the prefix and the stream.
    pub(crate) fn signing(out: &'a mut String, prefix: &str, mac: &'a HmacPrefix) -> Self {
        // The prefix's bytes after its last whole block are hashed with the stream's.
        let pending = mac.pending();
        out.push_str(&prefix[..prefix.len() - pending.len()]);
        let mut stream = B64Stream::new(out);
        stream.signing = Some(Signing {
            hash: mac.resume(),
            hashed: 0,
            sent: 0,
        });
        stream.put_chars(pending);
        stream
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

    /// Puts a piece whose encoding was worked out in advance: only the group that its first
    /// bytes complete is encoded now, and its 0 to 2 last bytes are carried.
    #[inline]
    pub(crate) fn put_encoded(&mut self, piece: &Encoded) {
        // How many of its bytes complete the carried group.
        let k = [0, 2, 1][self.carried];
        let Some(from) = piece.from[k].as_ref() else {
            return self.put_bytes(piece.text.as_bytes());
        };
        if k > 0 {
            self.put_quad(encode_value(self.carry << (8 * k) | from.head));
        }
        self.put_chars(from.chars.as_bytes());
        (self.carry, self.carried) = from.rest;
    }

    /// Encodes what is left, unpadded (1 byte gives 2 characters, 2 bytes give 3), and
    /// appends everything held.
    pub(crate) fn finish(mut self) {
        self.put_last_group();
        self.flush();
    }

    /// Ends a [`signing`](Self::signing) stream: the characters `tail` writes (at most 32)
    /// and says it wrote, `.` and the signature over the prefix and everything after it.
    /// `tail` is given the 0 to 2 bytes still carried, to encode in front of its own.
    pub(crate) fn finish_signed(mut self, tail: impl FnOnce(&[u8], &mut [u8; 32]) -> usize) {
        let carried = self.carry.to_be_bytes();
        let lead = &carried[carried.len() - self.carried..];
        // Room for the tail, then for the hash's padding (`0x80`, zeros to the end of the
        // block, and an 8-byte length: at most 72 bytes), which the signature overwrites.
        if self.len + 32 + 72 > HELD {
            self.flush();
        }
        let (_, free) = self.chars.split_at_mut(self.len);
        self.len += tail(lead, free.first_chunk_mut().expect("room for the tail"));
        let Signing {
            mut hash,
            hashed,
            sent,
        } = self.signing.take().expect("a signing stream");
        let words = hash.finish_in_place(&mut self.chars[hashed..], self.len - hashed);
        let (_, free) = self.chars.split_at_mut(self.len);
        write_signature(words, free.first_chunk_mut().expect("room for a signature"));
        push_ascii(self.out, &self.chars[sent..self.len + 44]);
    }

    /// Ends a segment of the token: its last 0 to 2 bytes unpadded, then `.`; what is put
    /// after starts a new segment, in whole groups of its own.
    pub(crate) fn end_segment(&mut self) {
        self.put_last_group();
        self.put_chars(b".");
    }

    /// Ends a [`signing`](Self::signing) stream whose payload is all put: its last group,
    /// `.` and the signature.
    pub(crate) fn finish_signed_plain(mut self) {
        self.put_last_group();
        self.finish_signed(|_, _| 0);
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
        while !groups.is_empty() {
            if self.len + 4 > HELD {
                self.flush();
            }
            let room = (HELD - self.len) / 4;
            let (now, later) = groups.split_at(room.min(groups.len()));
            let chars = &mut self.chars[self.len..self.len + now.len() * 4];
            for (group, c) in now.iter().zip(chars.as_chunks_mut::<4>().0) {
                *c = encode_group(group);
            }
            self.len += now.len() * 4;
            groups = later;
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

    /// Puts characters that are already base64.
    fn put_chars(&mut self, mut chars: &[u8]) {
        loop {
            let n = chars.len().min(HELD - self.len);
            self.chars[self.len..self.len + n].copy_from_slice(&chars[..n]);
            self.len += n;
            chars = &chars[n..];
            if chars.is_empty() {
                return;
            }
            self.flush();
        }
    }

    /// Appends the held characters, making room for more. A signing stream hashes their
    /// whole blocks first, and keeps the rest (fewer than 64, already appended) to hash later.
    fn flush(&mut self) {
        let Some(signing) = &mut self.signing else {
            push_ascii(self.out, &self.chars[..self.len]);
            self.len = 0;
            return;
        };
        signing.hashed += signing.hash.blocks(&self.chars[signing.hashed..self.len]);
        push_ascii(self.out, &self.chars[signing.sent..self.len]);
        self.chars.copy_within(signing.hashed..self.len, 0);
        self.len -= signing.hashed;
        (signing.hashed, signing.sent) = (0, self.len);
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
    /// For `k` in 0..3, the text after `k` bytes that complete a group, when it is longer.
    from: [Option<Aligned>; 3],
}

/// Text that follows `k` bytes completing a group: those bytes, the base64 of the whole groups
/// after them, and the 0 to 2 bytes left over; bytes as a stream carries them, big-endian in a
/// `u32`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Aligned {
    head: u32,
    chars: String,
    rest: (u32, usize),
}

impl Encoded {
    pub(crate) fn new(text: String) -> Self {
        let value = |bytes: &[u8]| bytes.iter().fold(0, |v, &b| v << 8 | u32::from(b));
        let from = [0, 1, 2].map(|k| {
            let (head, bytes) = text.as_bytes().split_at_checked(k)?;
            let whole = bytes.len() / 3 * 3;
            let (groups, rest) = bytes.split_at(whole);
            (!bytes.is_empty()).then(|| {
                let mut chars = String::with_capacity(whole / 3 * 4);
                let mut stream = B64Stream::new(&mut chars);
                stream.put_bytes(groups);
                stream.finish();
                Aligned {
                    head: value(head),
                    chars,
                    rest: (value(rest), rest.len()),
                }
            })
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
    use hmac::{KeyInit, Mac};

    #[test]
    fn a_signing_stream_signs_what_it_appends() {
        let key = b"0123456789abcdef0123456789abcdef";
        let text: String = (0..1500)
            .map(|i| char::from(b'!' + (i % 90) as u8))
            .collect();
        // Prefixes either side of a block; bodies either side of what the stream holds.
        for prefix_len in [0, 1, 37, 63, 64, 65, 97, 128, 200] {
            let prefix = &text[1000..1000 + prefix_len];
            let mac = HmacPrefix::new(key, prefix.as_bytes());
            for body_len in [
                0, 1, 2, 3, 50, 280, 380, 381, 382, 383, 384, 385, 512, 700, 999,
            ] {
                for step in [1, 7, 200, 1000] {
                    let body = &text[..body_len];
                    let mut out = String::from("x");
                    let mut stream = B64Stream::signing(&mut out, prefix, &mac);
                    for (i, chunk) in body.as_bytes().chunks(step).enumerate() {
                        let chunk = std::str::from_utf8(chunk).unwrap();
                        if i % 2 == 0 {
                            stream.put_encoded(&Encoded::new(chunk.to_owned()));
                        } else {
                            stream.put(chunk);
                        }
                    }
                    let expiry = crate::jwt::expiry_tail::Expiry::new(1_700_000_000);
                    stream.finish_signed(|lead, chars| expiry.encode(lead, chars));

                    let signed = format!(
                        "{prefix}{}",
                        URL_SAFE_NO_PAD.encode(format!("{body}1700000000}}"))
                    );
                    let mut reference = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
                    reference.update(signed.as_bytes());
                    let signature = URL_SAFE_NO_PAD.encode(reference.finalize().into_bytes());
                    assert_eq!(
                        out,
                        format!("x{signed}.{signature}"),
                        "prefix {prefix_len}, body {body_len}, step {step}"
                    );
                }
            }
        }
    }

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
