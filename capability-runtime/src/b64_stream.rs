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

/// Characters held before they are appended to the `String`.
const OUT_CHUNK: usize = 128;

/// Appends the unpadded base64url of everything `put` into it to a `String`, without
/// allocating beyond the `String`'s own growth.
pub(crate) struct B64Stream<'a> {
    out: &'a mut String,
    /// Input bytes that do not yet make a whole group.
    carry: [u8; 3],
    carried: usize,
    /// Encoded characters not yet appended to `out`.
    chars: [u8; OUT_CHUNK],
    len: usize,
}

impl<'a> B64Stream<'a> {
    pub(crate) fn new(out: &'a mut String) -> Self {
        B64Stream {
            out,
            carry: [0; 3],
            carried: 0,
            chars: [0; OUT_CHUNK],
            len: 0,
        }
    }

    pub(crate) fn put_bytes(&mut self, mut bytes: &[u8]) {
        if self.carried > 0 {
            while self.carried < 3 {
                let Some((&b, rest)) = bytes.split_first() else {
                    return;
                };
                self.carry[self.carried] = b;
                self.carried += 1;
                bytes = rest;
            }
            let [a, b, c] = self.carry;
            self.emit(a, b, c);
            self.carried = 0;
        }
        let (mut groups, rest) = bytes.as_chunks::<3>();
        while !groups.is_empty() {
            if self.len == OUT_CHUNK {
                self.flush();
            }
            let n = ((OUT_CHUNK - self.len) / 4).min(groups.len());
            let out = &mut self.chars[self.len..self.len + 4 * n];
            for (group, chars) in groups[..n].iter().zip(out.as_chunks_mut::<4>().0) {
                *chars = encode_group(group);
            }
            self.len += 4 * n;
            groups = &groups[n..];
        }
        self.carry[..rest.len()].copy_from_slice(rest);
        self.carried = rest.len();
    }

    /// Encodes what is left, unpadded: 1 byte gives 2 characters, 2 bytes give 3.
    pub(crate) fn finish(mut self) {
        // Missing bytes count as zero, and their characters are dropped.
        match self.carried {
            1 => {
                self.emit(self.carry[0], 0, 0);
                self.len -= 2;
            }
            2 => {
                self.emit(self.carry[0], self.carry[1], 0);
                self.len -= 1;
            }
            _ => {}
        }
        self.flush();
    }

    /// Encodes one group of 3 bytes as 4 characters.
    fn emit(&mut self, a: u8, b: u8, c: u8) {
        if self.len == OUT_CHUNK {
            self.flush();
        }
        self.chars[self.len..self.len + 4].copy_from_slice(&encode_group(&[a, b, c]));
        self.len += 4;
    }

    fn flush(&mut self) {
        // Every byte comes from ALPHABET, which is ASCII.
        let text = std::str::from_utf8(&self.chars[..self.len]).expect("base64url is ASCII");
        self.out.push_str(text);
        self.len = 0;
    }
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
