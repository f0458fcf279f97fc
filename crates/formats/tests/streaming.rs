//! `seal_streaming` writes a package that reads exactly like `seal`'s — every
//! entry encrypted on the workers and written once at the place its header fixed —
//! whatever the entry sizes (age chunk boundaries, more than one write block);
//! wrong sizes are refused; materials are encrypted to their readers only.

mod common;

use std::io::Cursor;

use common::*;
use reviewdesk_formats::{
    seal_streaming, OpenedPackage, PackageId, Readers, Role, StreamSealInput, Trusted,
};

fn streamed_with(
    plain: &[(String, Vec<u8>)],
    readers: Readers,
    sizes_off: u64,
) -> Result<Vec<u8>, reviewdesk_formats::FormatError> {
    let input = StreamSealInput {
        package: PackageId([0x3f; 16]),
        round: "gd-pool-2026-01",
        revision: 1,
        recipients: sample_recipients(),
        names: plain.iter().map(|(n, _)| n.clone()).collect(),
        readers,
    };
    let mut sizes: Vec<u64> = plain.iter().map(|(_, b)| b.len() as u64).collect();
    let last = sizes.len() - 1;
    sizes[last] += sizes_off;
    let mut out = Cursor::new(Vec::new());
    let mut seen = Vec::new();
    seal_streaming(
        &input,
        &organizer(),
        &sizes,
        &|i| Ok(Box::new(Cursor::new(plain[i].1.clone()))),
        &mut out,
        &mut |done, total| seen.push((done, total)),
    )?;
    assert_eq!(seen.len(), plain.len());
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0));
    assert_eq!(seen.last().map(|s| s.0), seen.last().map(|s| s.1));
    // The writer is left at the end of the package.
    assert_eq!(out.position(), out.get_ref().len() as u64);
    Ok(out.into_inner())
}

fn streamed(sizes_off: u64) -> Result<Vec<u8>, reviewdesk_formats::FormatError> {
    let plain = sample_plaintexts();
    let readers = everyone_reads(&plain, &sample_recipients());
    streamed_with(&plain, readers, sizes_off)
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
fn entries_of_every_size_land_where_the_manifest_says() {
    // Around age's 64 KiB chunks and the workers' 4 MiB write blocks, more entries
    // than workers, and a material only the organizer reads.
    let mut plain: Vec<(String, Vec<u8>)> = sample_plaintexts().into_iter().take(3).collect();
    for (i, n) in [
        1usize,
        65_535,
        65_536,
        65_537,
        4 << 20,
        (4 << 20) + 17,
        9_999_999,
    ]
    .into_iter()
    .enumerate()
    {
        let bytes = (0..n).map(|k| (k * 31 + i) as u8).collect();
        plain.push((format!("material.M{i:02}"), bytes));
    }
    let mut readers = everyone_reads(&plain, &sample_recipients());
    readers.insert("material.M03".into(), vec!["ORG".into()]);
    let pkg = streamed_with(&plain, readers, 0).expect("seal");
    let keys = [organizer().public_key().clone()];
    let mut opened = OpenedPackage::open(Cursor::new(pkg), Trusted::Keys(&keys)).expect("open");
    let org = [identity(ORG_AGE)];
    let exp = [identity(EXPERT_AGE)];
    let index = opened.open_index(&org).expect("index");
    assert_eq!(index.stanzas_of("material.M03"), 1);
    assert_eq!(index.stanzas_of("material.M04"), 2);
    for (name, bytes) in &plain {
        assert_eq!(
            &opened.decrypt_entry(name, &org, &index).expect("entry"),
            bytes
        );
        if name == "material.M03" {
            assert_eq!(opened.check_entry(name).expect("check"), 1);
            assert_eq!(
                opened.decrypt_entry(name, &exp, &index).unwrap_err().code(),
                "not_a_recipient"
            );
        } else {
            assert_eq!(opened.check_entry(name).expect("check"), 2);
            assert_eq!(
                &opened.decrypt_entry(name, &exp, &index).expect("entry"),
                bytes
            );
        }
    }
}

#[test]
fn a_source_of_another_size_is_refused() {
    assert_eq!(streamed(1).unwrap_err().code(), "unwritable");
}

#[test]
fn readers_the_roster_does_not_have_are_refused() {
    let plain = sample_plaintexts();
    let all = everyone_reads(&plain, &sample_recipients());
    let mut stranger = all.clone();
    stranger.insert("material.M01".into(), vec!["ORG".into(), "X99".into()]);
    let mut no_organizer = all.clone();
    no_organizer.insert("material.M01".into(), vec!["E01".into()]);
    let mut twice = all.clone();
    twice.insert("material.M01".into(), vec!["ORG".into(), "ORG".into()]);
    let mut missing = all.clone();
    missing.remove("material.M02");
    let mut not_a_material = all;
    not_a_material.insert("round".into(), vec!["ORG".into()]);
    for readers in [stranger, no_organizer, twice, missing, not_a_material] {
        let err = streamed_with(&plain, readers.clone(), 0).unwrap_err();
        assert_eq!(err.code(), "unwritable", "{readers:?}");
    }
    // Given in any order, written in roster order.
    let mut reversed = everyone_reads(&plain, &sample_recipients());
    reversed.insert("material.M01".into(), vec!["E01".into(), "ORG".into()]);
    let pkg = streamed_with(&plain, reversed, 0).expect("seal");
    let keys = [organizer().public_key().clone()];
    let mut opened = OpenedPackage::open(Cursor::new(pkg), Trusted::Keys(&keys)).expect("open");
    let index = opened.open_index(&[identity(ORG_AGE)]).expect("index");
    assert_eq!(
        index.readers,
        vec![
            (
                "material.M01".to_string(),
                vec!["ORG".to_string(), "E01".to_string()]
            ),
            (
                "material.M02".to_string(),
                vec!["ORG".to_string(), "E01".to_string()]
            ),
        ]
    );
    assert_eq!(
        index
            .readers_of("round")
            .iter()
            .map(|r| r.role)
            .collect::<Vec<_>>(),
        [Role::Organizer, Role::Expert]
    );
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
