//! `OpenedPackage::entry_stream` gives any range of an entry's plaintext by
//! decrypting only the age chunks it touches; it agrees with a whole decryption
//! everywhere, and a changed stored byte fails its chunk and `EntrySpan::check`.

mod common;

use std::io::Cursor;

use common::*;
use proptest::prelude::*;
use reviewdesk_formats::{OpenedPackage, Trusted, MAX_RANGE};

const CHUNK: u64 = 64 * 1024;

/// A material over several age chunks, its last one short.
fn big() -> Vec<u8> {
    (0..(3 * CHUNK + 1234) as usize)
        .map(|i| (i as u64).wrapping_mul(2_654_435_761).rotate_right(13) as u8)
        .collect()
}

/// The sample package with M03 added, sealed once for every test.
fn package() -> Vec<u8> {
    static PKG: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    PKG.get_or_init(|| {
        let mut plain = sample_plaintexts();
        plain.push(("material.M03".into(), big()));
        seal_with(&plain, sample_recipients())
    })
    .clone()
}

fn opened(pkg: &[u8]) -> (OpenedPackage<Cursor<Vec<u8>>>, reviewdesk_formats::Index) {
    let keys = [organizer().public_key().clone()];
    let mut p = OpenedPackage::open(Cursor::new(pkg.to_vec()), Trusted::Keys(&keys)).expect("open");
    let index = p.open_index(&[identity(EXPERT_AGE)]).expect("index");
    (p, index)
}

#[test]
fn ranges_across_chunk_boundaries_match_the_plaintext() {
    let pkg = package();
    let (p, index) = opened(&pkg);
    let ids = [identity(EXPERT_AGE)];
    let want = big();
    let mut s = p
        .entry_stream("material.M03", &ids, &index, Cursor::new(pkg.clone()))
        .expect("stream");
    assert_eq!(s.len(), want.len() as u64);
    let n = want.len() as u64;
    for (b, e) in [
        (0, 10),
        (CHUNK - 5, CHUNK + 5),
        (n - 100, n),
        (n - 100, n + 5000),
        (2 * CHUNK, 3 * CHUNK),
        (0, n),
        (7, 7),
        (n, n + 1),
        (3, 1),
    ] {
        let got = s.range(b, e).expect("range");
        let (b, e) = (b.min(n) as usize, e.min(n).max(b.min(n)) as usize);
        assert_eq!(got, want[b..e], "range {b}..{e}");
    }
    assert_eq!(
        s.range(0, MAX_RANGE + 1).map(|v| v.len()).unwrap_or(0),
        want.len(),
        "clamped to the length first"
    );
}

#[test]
fn a_flipped_stored_byte_fails_its_chunk_and_the_span_check() {
    let pkg = package();
    let (p, index) = opened(&pkg);
    let ids = [identity(EXPERT_AGE)];
    let span = p.entry_span("material.M03").expect("span");
    span.check(&mut Cursor::new(pkg.clone())).expect("intact");
    // A byte in the middle of M03's second chunk.
    let mut bad = pkg.clone();
    let at = (span.at + span.size / 2) as usize;
    bad[at] ^= 1;
    assert_eq!(
        span.check(&mut Cursor::new(bad.clone()))
            .unwrap_err()
            .code(),
        "hash_mismatch"
    );
    let mut s = p
        .entry_stream("material.M03", &ids, &index, Cursor::new(bad.clone()))
        .expect("the header and the last chunk still hold");
    let want = big();
    assert_eq!(s.range(0, 100).expect("first chunk"), want[..100]);
    let err = s.range(0, want.len() as u64).unwrap_err();
    assert_eq!(err.code(), "decrypt_failed");
    // The last byte belongs to M03's last chunk: the length cannot be read.
    let mut bad = pkg;
    let last = bad.len() - 1;
    bad[last] ^= 1;
    let err = p
        .entry_stream("material.M03", &ids, &index, Cursor::new(bad))
        .unwrap_err();
    assert_eq!(err.code(), "decrypt_failed");
}

#[test]
fn only_a_recipient_reads_and_only_listed_entries() {
    let pkg = package();
    let (p, index) = opened(&pkg);
    let err = p
        .entry_stream(
            "material.M03",
            &[identity(OUTSIDER_AGE)],
            &index,
            Cursor::new(pkg.clone()),
        )
        .unwrap_err();
    assert_eq!(err.code(), "not_a_recipient");
    let err = p
        .entry_stream(
            "material.M99",
            &[identity(EXPERT_AGE)],
            &index,
            Cursor::new(pkg),
        )
        .unwrap_err();
    assert_eq!(err.code(), "index_mismatch");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_range_is_the_slice(b in 0u64..(3 * CHUNK + 1300), len in 0u64..(2 * CHUNK)) {
        let pkg = package();
        let (p, index) = opened(&pkg);
        let want = big();
        let mut s = p
            .entry_stream("material.M03", &[identity(EXPERT_AGE)], &index, Cursor::new(pkg))
            .expect("stream");
        let n = want.len() as u64;
        let got = s.range(b, b + len).expect("range");
        let (lo, hi) = (b.min(n) as usize, (b + len).min(n).max(b.min(n)) as usize);
        prop_assert_eq!(got, want[lo..hi].to_vec());
    }
}
