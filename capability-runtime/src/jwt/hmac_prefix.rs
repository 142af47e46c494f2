//! HMAC-SHA256 over a fixed prefix and a varying tail, with the prefix hashed once.
//!
//! `hmac::Hmac` can be cloned after absorbing the prefix, and `CapabilityPolicy::sign_at` does just that
//! through the `hmac` crate. A [`CapabilityMinter`](crate::CapabilityMinter) mints in the time of a few SHA-256
//! compressions, where the generic buffering and finalisation of `hmac`/`digest` cost as much
//! again; so this keeps the two raw SHA-256 states and finishes them with
//! `sha2::block_api::compress256` directly, hashing whole blocks where they lie. A
//! [`CapabilityVerifier`](crate::CapabilityVerifier) uses it with an empty prefix. The property tests check that
//! every token it signs equals the `hmac` crate's, and the test below checks it against the
//! crate at every block boundary.

use sha2::Digest as _;
use sha2::block_api::compress256;
use zeroize::Zeroize;

/// SHA-256's initial hash value (FIPS 180-4, 5.3.3).
const IV: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

const BLOCK: usize = 64;

/// HMAC-SHA256 keyed once, with a prefix absorbed. Zeroized on drop: the states are derived
/// from the key.
#[derive(Clone)]
pub(crate) struct HmacPrefix {
    /// The inner hash state after `K ^ ipad` and every whole block of the prefix.
    inner: [u32; 8],
    /// The outer hash state after `K ^ opad`.
    outer: [u32; 8],
    /// The bytes of the prefix after its last whole block.
    pending: [u8; BLOCK],
    pending_len: usize,
    /// Bytes hashed into `inner`, counting the key block.
    absorbed: u64,
}

impl HmacPrefix {
    pub(crate) fn new(key: &[u8], prefix: &[u8]) -> Self {
        // RFC 2104: a key longer than a block is hashed first; then both pads.
        let mut k0 = [0u8; BLOCK];
        if key.len() > BLOCK {
            k0[..32].copy_from_slice(&sha2::Sha256::digest(key));
        } else {
            k0[..key.len()].copy_from_slice(key);
        }
        let mut pad = [0u8; BLOCK];
        let state = |pad: &[u8; BLOCK]| {
            let mut s = IV;
            compress256(&mut s, std::slice::from_ref(pad));
            s
        };
        pad.iter_mut().zip(&k0).for_each(|(p, k)| *p = k ^ 0x36);
        let inner = state(&pad);
        pad.iter_mut().zip(&k0).for_each(|(p, k)| *p = k ^ 0x5c);
        let outer = state(&pad);
        pad.zeroize();
        k0.zeroize();

        // The prefix is absorbed as a tail would be; where that leaves the hash is where every
        // MAC starts.
        let keyed = HmacPrefix {
            inner,
            outer,
            pending: [0; BLOCK],
            pending_len: 0,
            absorbed: BLOCK as u64,
        };
        let mut mac = keyed.start();
        mac.update(prefix);
        let mut pending = [0; BLOCK];
        pending.copy_from_slice(&mac.block[..BLOCK]);
        HmacPrefix {
            inner: mac.hash.state,
            outer,
            pending,
            pending_len: mac.len,
            absorbed: mac.hash.absorbed,
        }
    }

    /// The MAC of the prefix followed by `tail`.
    pub(crate) fn finish(&self, tail: &[u8]) -> [u8; 32] {
        let mut mac = self.start();
        mac.update(tail);
        mac.finish()
    }

    /// The prefix's bytes after its last whole block, which the text given to
    /// [`resume`](Self::resume)'s hash starts with.
    pub(crate) fn pending(&self) -> &[u8] {
        &self.pending[..self.pending_len]
    }

    /// An inner hash that has absorbed the prefix's whole blocks, for text that starts with
    /// [`pending`](Self::pending) and that the caller holds.
    pub(crate) fn resume(&self) -> InnerHash<'_> {
        InnerHash {
            key: self,
            state: self.inner,
            absorbed: self.absorbed,
        }
    }

    /// A MAC that continues after the prefix, fed a piece at a time.
    pub(crate) fn start(&self) -> RunningMac<'_> {
        let mut block = [0; 2 * BLOCK];
        block[..BLOCK].copy_from_slice(&self.pending);
        RunningMac {
            hash: self.resume(),
            block,
            len: self.pending_len,
        }
    }
}

/// The inner hash of a MAC over text that the caller holds, hashed where it lies: whole
/// blocks as they are complete, the last ones padded in place. Like [`RunningMac`], it lives
/// on the stack for one MAC and is not zeroized.
pub(crate) struct InnerHash<'a> {
    key: &'a HmacPrefix,
    state: [u32; 8],
    /// Bytes hashed so far, counting the key block.
    absorbed: u64,
}

impl InnerHash<'_> {
    /// Hashes the whole blocks at the front of `text`, and returns how many bytes they are.
    pub(crate) fn blocks(&mut self, text: &[u8]) -> usize {
        let (blocks, _) = text.as_chunks::<BLOCK>();
        if !blocks.is_empty() {
            compress256(&mut self.state, blocks);
        }
        let len = blocks.len() * BLOCK;
        self.absorbed += len as u64;
        len
    }

    /// The MAC after the first `len` bytes of `text`, which end the message, as the outer
    /// hash's state: its eight words, big-endian, are the MAC's bytes. The padding is written
    /// after them and hashed with them in one call: `text` must have room for it, up to the
    /// next multiple of 64 after `len + 8`.
    pub(crate) fn finish_in_place(&mut self, text: &mut [u8], len: usize) -> [u32; 8] {
        let end = (len + 9).next_multiple_of(BLOCK);
        let text = &mut text[..end];
        pad(text, len, self.absorbed + len as u64);
        compress256(&mut self.state, text.as_chunks().0);
        // The outer hash of the inner one: a single block, whose padding is known.
        let mut block = OUTER_PADDING;
        block[..32].copy_from_slice(&to_bytes(self.state));
        let mut outer = self.key.outer;
        compress256(&mut outer, std::slice::from_ref(&block));
        outer
    }
}

/// An inner hash in progress over text fed a piece at a time: the bytes of its next,
/// partial block are copied into it.
pub(crate) struct RunningMac<'a> {
    hash: InnerHash<'a>,
    /// The partial block, and room for the padding to spill into a second.
    block: [u8; 2 * BLOCK],
    len: usize,
}

impl RunningMac<'_> {
    pub(crate) fn update(&mut self, mut bytes: &[u8]) {
        if self.len > 0 {
            let n = (BLOCK - self.len).min(bytes.len());
            self.block[self.len..self.len + n].copy_from_slice(&bytes[..n]);
            self.len += n;
            bytes = &bytes[n..];
            if self.len < BLOCK {
                return;
            }
            self.hash.blocks(&self.block[..BLOCK]);
        }
        // Whole blocks are hashed where they lie; only the last, partial one is copied.
        let hashed = self.hash.blocks(bytes);
        let last = &bytes[hashed..];
        self.block[..last.len()].copy_from_slice(last);
        self.len = last.len();
    }

    /// The MAC. Takes `&mut self`, not `self`: moving the state and block would copy them.
    pub(crate) fn finish(&mut self) -> [u8; 32] {
        to_bytes(self.finish_words())
    }

    /// The MAC after up to `N` last bytes that `write` puts straight into the block, and
    /// says how many it put; with those bytes. Made for this MAC, they are not copied into
    /// it: a copy of bytes just stored would wait on store forwarding.
    pub(crate) fn finish_with<const N: usize>(
        &mut self,
        write: impl FnOnce(&mut [u8; N]) -> usize,
    ) -> ([u32; 8], &[u8]) {
        // The block holds fewer than 64 bytes; with N more and the padding, two blocks do.
        const { assert!(N <= BLOCK - 8) };
        let at = self.len;
        let (_, free) = self.block.split_at_mut(at);
        let n = write(free.first_chunk_mut().expect("room for N bytes"));
        debug_assert!(n <= N, "wrote {n} of at most {N} bytes");
        let n = n.min(N);
        self.len += n;
        let words = self.finish_words();
        (words, &self.block[at..at + n])
    }

    /// The MAC as the outer hash's state: its eight words, big-endian, are the MAC's bytes.
    pub(crate) fn finish_words(&mut self) -> [u32; 8] {
        self.hash.finish_in_place(&mut self.block, self.len)
    }
}

/// SHA-256 padding after the `len` bytes of `blocks` that end a message of `absorbed` bytes:
/// `0x80`, zeros, and the length in bits in the last 8 bytes of `blocks`, which must be the
/// next multiple of 64 after `len + 8` long.
fn pad(blocks: &mut [u8], len: usize, absorbed: u64) {
    let end = blocks.len();
    debug_assert_eq!(end, (len + 9).next_multiple_of(BLOCK));
    blocks[len] = 0x80;
    blocks[len + 1..end - 8].fill(0);
    blocks[end - 8..].copy_from_slice(&(absorbed * 8).to_be_bytes());
}

/// The second half of the outer hash's one block: `0x80`, zeros, and the length in bits of
/// the key block and a 32-byte hash.
const OUTER_PADDING: [u8; BLOCK] = {
    let mut block = [0; BLOCK];
    block[32] = 0x80;
    let bits = ((BLOCK + 32) as u64 * 8).to_be_bytes();
    let mut i = 0;
    while i < 8 {
        block[BLOCK - 8 + i] = bits[i];
        i += 1;
    }
    block
};

fn to_bytes(state: [u32; 8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (chunk, word) in out.chunks_exact_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

impl Drop for HmacPrefix {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
        self.pending.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{KeyInit, Mac};

    fn reference(key: &[u8], message: &[u8]) -> [u8; 32] {
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
        mac.update(message);
        mac.finalize().into_bytes().into()
    }

    #[test]
    fn agrees_with_the_hmac_crate_at_every_boundary() {
        let message: Vec<u8> = (0..300u32).map(|i| (i * 7 + 3) as u8).collect();
        for key_len in [0, 1, 32, 63, 64, 65, 200] {
            let key = vec![0xA5u8; key_len];
            for split in [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 200, 300] {
                for end in [split, (split + 1).min(300), (split + 9).min(300), 300] {
                    let (prefix, tail) = message[..end].split_at(split.min(end));
                    let mac = HmacPrefix::new(&key, prefix);
                    let expected = reference(&key, &message[..end]);
                    let at = format!(
                        "key {key_len}, prefix {}, tail {}",
                        prefix.len(),
                        tail.len()
                    );
                    assert_eq!(mac.finish(tail), expected, "{at}");
                    if tail.len() <= 32 {
                        let mut running = mac.start();
                        let (words, written) = running.finish_with::<32>(|block| {
                            block[..tail.len()].copy_from_slice(tail);
                            tail.len()
                        });
                        assert_eq!(written, tail);
                        assert_eq!(to_bytes(words), expected, "{at}, written");
                    }
                    for cut in [0, 1, 63, 64, 65, 100] {
                        let (a, b) = tail.split_at(cut.min(tail.len()));
                        let mut running = mac.start();
                        running.update(a);
                        running.update(b);
                        assert_eq!(running.finish(), expected, "{at}, cut {cut}");
                    }
                }
            }
        }
    }
}
