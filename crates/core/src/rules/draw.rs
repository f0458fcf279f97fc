//! The site-visit draw (实地考察随机抽取), rule 13 of `docs/rules.md`:
//! reproducible by anyone from public values.
//!
//! seed = SHA-256(`reviewdesk/site-visit/v1` ‖ 0x00 ‖ round id ‖ 0x00 ‖
//! written-stage result hash (lowercase hex) ‖ 0x00 ‖ announced value); the
//! ChaCha20 keystream (RFC 8439, key = seed, nonce = 12 zero bytes, block
//! counter from 0) read as little-endian u64 words drives a partial
//! Fisher–Yates shuffle of the candidates sorted by id.

use chacha20::cipher::{KeyIvInit, StreamCipher};
use chacha20::ChaCha20;
use sha2::{Digest, Sha256};

/// The domain-separation tag of version 1 of the draw.
pub const DRAW_TAG: &str = "reviewdesk/site-visit/v1";

/// The draw's seed from its public inputs.
pub fn draw_seed(round_id: &str, written_result_hash: &str, announced: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(DRAW_TAG.as_bytes());
    h.update([0u8]);
    h.update(round_id.as_bytes());
    h.update([0u8]);
    h.update(written_result_hash.as_bytes());
    h.update([0u8]);
    h.update(announced.as_bytes());
    h.finalize().into()
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A ChaCha20 keystream read as consecutive little-endian u64 words.
pub struct KeystreamWords {
    cipher: ChaCha20,
    block: [u8; 64],
    pos: usize,
}

impl KeystreamWords {
    /// The keystream of `key` with a zero nonce, from block 0.
    pub fn new(key: &[u8; 32]) -> Self {
        let cipher = ChaCha20::new(key.into(), &[0u8; 12].into());
        KeystreamWords {
            cipher,
            block: [0; 64],
            pos: 64,
        }
    }

    /// The next 64-bit word.
    pub fn next_word(&mut self) -> u64 {
        if self.pos == 64 {
            self.block = [0; 64];
            self.cipher.apply_keystream(&mut self.block);
            self.pos = 0;
        }
        let mut w = [0u8; 8];
        w.copy_from_slice(&self.block[self.pos..self.pos + 8]);
        self.pos += 8;
        u64::from_le_bytes(w)
    }

    /// A uniform integer in `0..m` (m ≥ 1): draws words, rejecting any word
    /// ≥ m·⌊2^64/m⌋, and returns word mod m.
    pub fn uniform(&mut self, m: u64) -> u64 {
        assert!(m >= 1, "uniform(0)");
        let zone = ((1u128 << 64) / m as u128) * m as u128;
        loop {
            let w = self.next_word();
            if (w as u128) < zone {
                return w % m;
            }
        }
    }
}

/// Draws `k` (at most the number of candidates) of `candidates`, which must be
/// sorted by id byte-wise: for i in 0..k, j = i + uniform(n − i), swap i and j.
/// Returns positions 0..k in that order.
pub fn draw_sample<T: Clone>(seed: &[u8; 32], candidates: &[T], k: usize) -> Vec<T> {
    let mut v = candidates.to_vec();
    let n = v.len();
    let k = k.min(n);
    let mut words = KeystreamWords::new(seed);
    for i in 0..k {
        let j = i + words.uniform((n - i) as u64) as usize;
        v.swap(i, j);
    }
    v.truncate(k);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keystream_matches_rfc8439_appendix_a1_test_vector_1() {
        // RFC 8439 A.1 #1: key 0, nonce 0, block counter 0; first bytes
        // 76 b8 e0 ad a0 f1 3d 90 …
        let mut k = KeystreamWords::new(&[0u8; 32]);
        assert_eq!(
            k.next_word(),
            u64::from_le_bytes([0x76, 0xb8, 0xe0, 0xad, 0xa0, 0xf1, 0x3d, 0x90])
        );
        for _ in 0..7 {
            k.next_word();
        }
        // Block 1 starts at byte 64: RFC 8439 A.1 #2 (counter 1) begins 9f 07 e7 be.
        let w = k.next_word().to_le_bytes();
        assert_eq!(&w[..4], &[0x9f, 0x07, 0xe7, 0xbe]);
    }

    #[test]
    fn seed_is_sha256_of_the_tagged_inputs() {
        let s = draw_seed("r", "ab", "7");
        let mut h = Sha256::new();
        h.update(b"reviewdesk/site-visit/v1\0r\0ab\x007");
        assert_eq!(s, <[u8; 32]>::from(h.finalize()));
    }

    #[test]
    fn sample_has_no_repeats_and_is_capped() {
        let c: Vec<u32> = (0..10).collect();
        let s = draw_sample(&[7; 32], &c, 4);
        assert_eq!(s.len(), 4);
        let mut t = s.clone();
        t.sort();
        t.dedup();
        assert_eq!(t.len(), 4);
        assert_eq!(draw_sample(&[7; 32], &c, 99).len(), 10);
    }
}
