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
