//! The organizer's publication on the demo round's bundle (DEMO keys): a notice,
//! the final list and the archive verify; an archive whose final list was edited —
//! the register re-chained and the archive signed again by the organizer — still
//! fails, because the final list is recomputed from the bundle.

use std::path::Path;

use reviewdesk_core::publication::{line_hash, log_genesis, read_log, Event, LogLine};
use reviewdesk_core::{Date, Lang};
use reviewdesk_desk::publication::{
    publish_final, publish_notice, verify_archive, NoticeRecord, NoticeRequest, PublicationError,
};
use reviewdesk_desk::*;
use reviewdesk_formats::{write_archive, OpenedArchive};
use reviewdesk_io::demo_round_dir;

mod common;
use common::*;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn sha(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn demo_bundle(dir: &Path) -> std::path::PathBuf {
    let (loaded, pkg) = seal(&demo_round_dir(), dir);
    let sheets = demo_sheets(&loaded, &pkg, dir);
    let out = dir.join("result.rdbundle");
    let mut p = chair_package(&pkg);
    merge_to_file(
        &mut p,
        &signer("C01"),
        &ids("C01"),
        &sheets,
        MergeOptions::default(),
        &out,
    )
    .unwrap();
    out
}

#[test]
fn an_edited_final_list_fails_even_when_re_chained_and_re_signed() {
    let tmp = tempfile::tempdir().unwrap();
    let bundle = demo_bundle(tmp.path());
    let pubdir = tmp.path().join("publication");
    let org = signer("ORG");
    let org_ids = ids("ORG");
    // The chair cannot publish: the bundle's package is the organizer's.
    let err = publish_notice(
        &pubdir,
        &signer("C01"),
        &ids("C01"),
        &NoticeRequest {
            bundle: Some(&bundle),
            start: d("2026-03-02"),
            channel: "x",
            contact: "y",
            lang: Lang::ZhCn,
            today: d("2026-03-02"),
        },
    )
    .expect_err("refused");
    assert_eq!(err.code().as_str(), "unknown_signer", "{err}");
    let notice = publish_notice(
        &pubdir,
        &org,
        &org_ids,
        &NoticeRequest {
            bundle: Some(&bundle),
            start: d("2026-03-02"),
            channel: "广州市某路1号",
            contact: "020-12345678",
            lang: Lang::ZhCn,
            today: d("2026-02-27"),
        },
    )
    .unwrap();
    assert_eq!(notice.period.end, d("2026-03-06"));
    let archive = tmp.path().join("round.rdarchive");
    let published = publish_final(
        &pubdir,
        &org,
        &org_ids,
        &archive,
        Lang::ZhCn,
        d("2026-03-09"),
    )
    .unwrap();
    assert_eq!(published.rows, notice.rows);
    let bytes = std::fs::read(&archive).unwrap();
    let report = verify_archive(&bytes).unwrap();
    assert_eq!(report.rows.len(), notice.rows);
    assert!(report.rows.len() >= 2);

    // Drop the last row of the final list, fix every hash the register holds,
    // re-chain it and sign the archive again with the organizer's key.
    let mut opened = OpenedArchive::open(&bytes).unwrap();
    let mut record: NoticeRecord =
        serde_json::from_slice(&opened.read("final.json").unwrap().unwrap()).unwrap();
    record.rows.pop();
    let mut edited = serde_json::to_vec(&record).unwrap();
    edited.push(b'\n');
    let (mut lines, _) = read_log(&opened.read("log").unwrap().unwrap()).unwrap();
    let mut prev = log_genesis();
    let mut log = String::new();
    for l in &mut lines {
        if let Event::Final { sha256, .. } = &mut l.event {
            *sha256 = sha(&edited);
        }
        l.prev = prev;
        let line = LogLine::to_line(l);
        prev = line_hash(line.as_bytes());
        log.push_str(&line);
    }
    let names: Vec<String> = opened.names().map(str::to_string).collect();
    let entries: Vec<(String, Vec<u8>)> = names
        .into_iter()
        .map(|n| {
            let b = match n.as_str() {
                "final.json" => edited.clone(),
                "log" => log.clone().into_bytes(),
                _ => opened.read(&n).unwrap().unwrap(),
            };
            (n, b)
        })
        .collect();
    let refs: Vec<(String, &[u8])> = entries
        .iter()
        .map(|(n, b)| (n.clone(), b.as_slice()))
        .collect();
    let forged = write_archive(&opened.manifest.round, &refs, &org).unwrap();
    let err: PublicationError = verify_archive(&forged).unwrap_err();
    assert_eq!(err.code().as_str(), "recompute_mismatch", "{err}");
    assert!(err.to_string().contains("final.json"), "{err}");
}
