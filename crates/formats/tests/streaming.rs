//! `seal_streaming` writes a package that reads exactly like `seal`'s, entries
//! spooled through a scratch file instead of memory; wrong sizes are refused.

mod common;

use std::io::Cursor;

use common::*;
use reviewdesk_formats::{seal_streaming, OpenedPackage, PackageId, StreamSealInput, Trusted};

fn streamed(sizes_off: u64) -> Result<Vec<u8>, reviewdesk_formats::FormatError> {
    let plain = sample_plaintexts();
    let input = StreamSealInput {
        package: PackageId([0x3f; 16]),
        round: "gd-pool-2026-01",
        recipients: sample_recipients(),
        names: plain.iter().map(|(n, _)| n.clone()).collect(),
    };
    let mut sizes: Vec<u64> = plain.iter().map(|(_, b)| b.len() as u64).collect();
    sizes[4] += sizes_off;
    let spool = tempfile::tempfile().expect("spool");
    let mut out = Vec::new();
    let mut seen = Vec::new();
    seal_streaming(
        &input,
        &organizer(),
        &sizes,
        &mut |i| Ok(Box::new(Cursor::new(plain[i].1.clone()))),
        spool,
        &mut out,
        &mut |done, total| seen.push((done, total)),
    )?;
    assert_eq!(seen.len(), plain.len());
    assert_eq!(seen.last().map(|s| s.0), seen.last().map(|s| s.1));
    Ok(out)
}

#[test]
fn a_streamed_package_opens_like_a_sealed_one() {
    let pkg = streamed(0).expect("seal");
    let keys = [organizer().public_key().clone()];
    let mut opened = OpenedPackage::open(Cursor::new(pkg), Trusted::Keys(&keys)).expect("open");
    let ids = [identity(EXPERT_AGE)];
    let index = opened.open_index(&ids).expect("index");
    assert_eq!(index.recipients.len(), 2);
    for (name, bytes) in sample_plaintexts() {
        assert_eq!(
            opened.decrypt_entry(&name, &ids, &index).expect("entry"),
            bytes
        );
    }
}

#[test]
fn a_source_of_another_size_is_refused() {
    assert_eq!(streamed(1).unwrap_err().code(), "unwritable");
}

#[test]
fn streamed_reads_match_whole_reads_and_catch_a_flipped_byte() {
    let pkg = sample_package();
    let keys = [organizer().public_key().clone()];
    let ids = [identity(EXPERT_AGE)];
    let mut opened =
        OpenedPackage::open(Cursor::new(pkg.clone()), Trusted::Keys(&keys)).expect("open");
    let index = opened.open_index(&ids).expect("index");
    for (name, bytes) in sample_plaintexts() {
        let mut out = Vec::new();
        opened
            .decrypt_entry_to(&name, &ids, &index, &mut out)
            .expect("entry");
        assert_eq!(out, bytes);
        let mut c = Vec::new();
        opened.copy_entry_ciphertext(&name, &mut c).expect("copy");
        assert_eq!(c, opened.entry_ciphertext(&name).expect("whole"));
        assert_eq!(opened.check_entry(&name).expect("check"), 2);
    }
    assert_eq!(
        opened.check_entry("material.M99").unwrap_err().code(),
        "no_such_entry"
    );
    // The last byte belongs to the last entry.
    let mut bad = pkg;
    let last = bad.len() - 1;
    bad[last] ^= 1;
    let mut opened = OpenedPackage::open(Cursor::new(bad), Trusted::Keys(&keys)).expect("open");
    let index = opened.open_index(&ids).expect("index");
    let mut out = Vec::new();
    let err = opened
        .decrypt_entry_to("material.M02", &ids, &index, &mut out)
        .unwrap_err();
    assert_eq!(err.code(), "hash_mismatch");
    assert!(out.is_empty(), "nothing is decrypted before the hash holds");
}
