//! The round's calendar travels with the round (issue 14, item 8): the demo round
//! sealed with the 2027 example year added (as the organizer's workspace would
//! give it) counts a notice that runs into 2027, from the bundle alone — no
//! workspace, no added year on this "machine" — and `archive verify` recomputes
//! with the same calendar. The same round sealed with the shipped calendar only
//! refuses that notice, naming 2027.

use std::path::{Path, PathBuf};

use reviewdesk_core::publication::{Objector, Outcome};
use reviewdesk_core::{CalendarYear, Date, Lang, WorkdayCalendar};
use reviewdesk_desk::publication::{
    add_objection, publish_final, publish_notice, rule_objection, verify_archive, NoticeRequest,
    ObjectionRequest, PublicationError,
};
use reviewdesk_desk::*;
use reviewdesk_io::{demo_round_dir, load_round};

mod common;
use common::*;

const EXAMPLE_2027: &str = include_str!("../../../tests/vectors/calendar/example-2027.toml");

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// The demo round sealed with `calendar`, merged by the chair: the bundle.
fn bundle_with(calendar: WorkdayCalendar, dir: &Path) -> PathBuf {
    let mut loaded = load_round(&demo_round_dir()).unwrap();
    loaded.calendar = calendar;
    let cards = load_cards(&loaded).unwrap();
    let pkg = dir.join("round.rdpkg");
    seal_round_to_file(
        &loaded,
        &cards,
        &signer("ORG"),
        Scope::Whole,
        &pkg,
        &mut |_, _| {},
    )
    .unwrap();
    // Every desk reads the round's calendar from the package.
    let v = verify_package(&pkg, None, &ids("E01"), &|_| {}).unwrap();
    assert_eq!(v.inspection.calendar.as_ref(), Some(&loaded.calendar));
    let sheets = demo_sheets(&loaded, &pkg, dir);
    let out = dir.join("result.rdbundle");
    merge_to_file(
        &mut chair_package(&pkg),
        &signer("C01"),
        &ids("C01"),
        &sheets,
        MergeOptions::default(),
        &out,
    )
    .unwrap();
    out
}

fn notice(bundle: &Path, pubdir: &Path) -> Result<Date, PublicationError> {
    publish_notice(
        pubdir,
        &signer("ORG"),
        &ids("ORG"),
        &NoticeRequest {
            bundle: Some(bundle),
            start: d("2026-12-28"),
            channel: "广州市某路1号",
            contact: "020-12345678",
            lang: Lang::ZhCn,
            today: d("2026-12-25"),
        },
    )
    .map(|n| n.period.end)
}

#[test]
fn a_round_sealed_with_an_added_year_counts_its_dates_from_the_bundle_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let with_2027 = CalendarYear::parse(EXAMPLE_2027)
        .unwrap()
        .added_to(&WorkdayCalendar::official());
    let bundle = bundle_with(with_2027.clone(), tmp.path());
    let v = verify_bundle(&bundle, None, &ids("ORG")).unwrap();
    assert_eq!(
        v.calendar, with_2027,
        "the bundle carries the package's calendar"
    );
    assert!(v.bundle.calendar().is_some());

    // 5 working days from Monday 2026-12-28: 12-28 … 12-31, then (the example's
    // New Year 01-01 … 01-03 off) Monday 2027-01-04.
    let pubdir = tmp.path().join("publication");
    assert_eq!(notice(&bundle, &pubdir).unwrap(), d("2027-01-04"));

    // An objection received on the last day: its reply is due 10 working days on.
    let evidence = tmp.path().join("evidence.pdf");
    std::fs::write(&evidence, b"%PDF-1.4 evidence").unwrap();
    let objection = |evidence: &[PathBuf]| {
        add_objection(
            &pubdir,
            &signer("ORG"),
            &ids("ORG"),
            &ObjectionRequest {
                objector: Objector {
                    name: "李四".into(),
                    organisation: "某公司".into(),
                    id_code: "91440101MA59XXXX0X".into(),
                    contact: "020-87654321".into(),
                },
                applicant: "A01",
                grounds: "材料不实",
                evidence,
                received: d("2027-01-04"),
                today: d("2027-01-04"),
            },
        )
    };
    // Evidence over 64 MiB (sparse: nothing written) is refused by its size,
    // unread, saying so in Chinese; nothing is registered or copied.
    let big = tmp.path().join("scan.pdf");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(64 * 1024 * 1024 + 1)
        .unwrap();
    let err = objection(&[evidence.clone(), big]).unwrap_err();
    assert_eq!(err.code().as_str(), "bad_input");
    assert!(
        err.message(Lang::ZhCn).contains("超过 64 MiB"),
        "{}",
        err.message(Lang::ZhCn)
    );
    assert!(!pubdir.join("evidence").exists());
    let o = objection(&[evidence]).unwrap();
    assert!(o.admitted, "{:?}", o.refused);
    assert_eq!(o.reply_due, Some(d("2027-01-18")));
    rule_objection(
        &pubdir,
        &signer("ORG"),
        &ids("ORG"),
        &o.id,
        Outcome::Rejected,
        "经核查材料属实",
        d("2027-01-08"),
    )
    .unwrap();
    let archive = tmp.path().join("round.rdarchive");
    publish_final(
        &pubdir,
        &signer("ORG"),
        &ids("ORG"),
        &archive,
        Lang::ZhCn,
        d("2027-01-11"),
    )
    .unwrap();
    // `archive verify` replays the notice period and the reply deadline with the
    // bundle's calendar.
    let report = verify_archive(&std::fs::read(&archive).unwrap()).unwrap();
    assert!(!report.rows.is_empty());
}

#[test]
fn a_round_sealed_with_the_shipped_calendar_refuses_a_date_in_2027() {
    let tmp = tempfile::tempdir().unwrap();
    let bundle = bundle_with(WorkdayCalendar::official(), tmp.path());
    let err = notice(&bundle, &tmp.path().join("publication")).unwrap_err();
    assert_eq!(err.code().as_str(), "calendar", "{err}");
    let PublicationError::Calendar(c) = &err else {
        panic!("{err}")
    };
    assert!(
        c.message(Lang::ZhCn)
            .starts_with("2027 年的节假日安排尚未收录"),
        "{}",
        c.message(Lang::ZhCn)
    );
    assert!(
        err.to_string().contains("reviewdesk calendar import"),
        "{err}"
    );
}

/// Seals the demo round with `calendar` as its `calendar` entry (none: left out;
/// the organizer's key signs whatever it is given).
fn seal_with_calendar(calendar: Option<Vec<u8>>, out: &Path) {
    let loaded = load_round(&demo_round_dir()).unwrap();
    let cards = load_cards(&loaded).unwrap();
    let org = signer("ORG");
    let mut c = contents(&loaded, &cards, &org, Scope::Whole, d("2026-03-10")).unwrap();
    let at = c
        .entries
        .iter()
        .position(|(n, _)| n == CALENDAR_ENTRY)
        .unwrap();
    match calendar {
        Some(bytes) => c.entries[at].1 = Source::Bytes(bytes),
        None => {
            c.entries.remove(at);
        }
    }
    write_atomically(out, |w| {
        reviewdesk_formats::seal_streaming(
            &reviewdesk_formats::StreamSealInput {
                package: new_package_id().unwrap(),
                round: &c.round,
                revision: 1,
                recipients: c.recipients.iter().map(PersonCard::recipient).collect(),
                names: c.entries.iter().map(|(n, _)| n.clone()).collect(),
                readers: c.readers.clone(),
            },
            &org,
            &c.entries.iter().map(|(_, s)| s.size()).collect::<Vec<_>>(),
            &|i| -> std::io::Result<Box<dyn std::io::Read>> {
                Ok(match &c.entries[i].1 {
                    Source::Bytes(b) => Box::new(std::io::Cursor::new(b.clone())),
                    Source::File(p, _) => Box::new(std::fs::File::open(p)?),
                })
            },
            w,
            &mut |_, _| {},
        )
        .map_err(|source| DeskError::Format {
            part: "seal".into(),
            source,
        })
    })
    .unwrap();
}

#[test]
fn a_package_whose_calendar_does_not_read_strictly_is_refused_and_one_without_counts_as_shipped() {
    let tmp = tempfile::tempdir().unwrap();
    let good = WorkdayCalendar::official().to_entry_text();
    for (name, bad) in [
        ("comment", good.replacen("years", "# 注释\nyears", 1)),
        ("out-of-order", {
            let mut lines: Vec<&str> = good.lines().collect();
            lines.swap(2, 3);
            lines.join("\n") + "\n"
        }),
        (
            "no-format-line",
            good.replacen("reviewdesk-calendar/1\n", "", 1),
        ),
        ("both", format!("{good}2026-01-01 workday New Year's Day\n")),
    ] {
        let pkg = tmp.path().join(format!("{name}.rdpkg"));
        seal_with_calendar(Some(bad.into_bytes()), &pkg);
        // Without a key only hashes are checked; with one, the calendar is read.
        verify_package(&pkg, None, &[], &|_| {}).unwrap();
        let err = verify_package(&pkg, None, &ids("E01"), &|_| {}).unwrap_err();
        assert_eq!(err.code().as_str(), "bad_content", "{name}: {err}");
        assert!(err.to_string().contains("calendar"), "{name}: {err}");
    }
    // A package sealed before rounds carried their calendar: verified, counted
    // with the shipped calendar.
    let old = tmp.path().join("old.rdpkg");
    seal_with_calendar(None, &old);
    let v = verify_package(&old, None, &ids("E01"), &|_| {}).unwrap();
    assert_eq!(v.inspection.calendar, None);
    let mut p = chair_package(&old);
    let rules = package_rules(&mut p, &ids("C01")).unwrap();
    assert_eq!(rules.calendar, WorkdayCalendar::official());
    assert!(rules.calendar_bytes.is_none());
}
