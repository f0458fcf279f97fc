//! The register's services through a real workspace: the scenarios by
//! recording and confirming, the checkpoint against a changed register, the files.

use super::*;
use reviewdesk_core::register::{DueKind, EventKind, FlagKind, ProposalKind};
use reviewdesk_core::Lang;
use reviewdesk_formats::Signer;
use sha2::Digest;

const CENTER: &str = "91360100MA38KX4C2X";
const RESOURCE: &str = "91440101MA5AGYGLU6";

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn open(dir: &std::path::Path) -> Register {
    Register::open(Workspace::open(dir).unwrap()).unwrap()
}

fn rec(unit: &str, program: &str, event: &str, on: &str) -> RecordRequest {
    RecordRequest {
        unit: unit.into(),
        program: program.into(),
        event: event.into(),
        on: Some(d(on)),
        ..Default::default()
    }
}

fn graded(unit: &str, program: &str, on: &str, year: i32, grade: &str) -> RecordRequest {
    RecordRequest {
        year: Some(year),
        grade: Some(grade.into()),
        ..rec(unit, program, "graded", on)
    }
}

/// Seed 003 through the services: 不合格 for 2024 (reorganised) and 2025 →
/// revoked at the 2025 decision, banned two years, flagged in a 2026 round.
fn jiangxi(r: &mut Register) {
    let today = d("2026-12-01");
    r.record(
        RecordRequest {
            name: Some("南昌数字化转型促进中心".into()),
            ..rec(CENTER, "jx-dx-center", "admitted", "2023-12-20")
        },
        today,
    )
    .unwrap();
    r.record(
        graded(CENTER, "jx-dx-center", "2025-03-20", 2024, "不合格"),
        today,
    )
    .unwrap();
    let p = r.proposals(d("2025-03-20")).unwrap();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].kind, ProposalKind::Reorganisation);
    r.confirm(&p[0].id, "管理单位启动重组", d("2025-04-01"))
        .unwrap();
    r.record(
        graded(CENTER, "jx-dx-center", "2026-03-18", 2025, "unqualified"),
        today,
    )
    .unwrap();
    let p = r.proposals(d("2026-03-18")).unwrap();
    assert_eq!(p[0].kind, ProposalKind::Revocation);
    r.confirm(&p[0].id, "连续两次评价不合格", d("2026-03-18"))
        .unwrap();
}

#[test]
fn jiangxi_center_is_revoked_banned_and_flagged_in_2026() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = open(dir.path());
    jiangxi(&mut r);
    let s = r.status(d("2026-06-01"), Some("jx-dx-center")).unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].standing, Standing::Revoked);
    assert_eq!(s[0].since, Some(d("2026-03-18")));
    assert_eq!(s[0].banned_until, Some(d("2028-03-18")));
    assert!(!s[0].may_apply);
    assert!(r.status(d("2028-03-18"), None).unwrap()[0].may_apply);
    let flags = r
        .applicant_flags(
            "jx-dx-center",
            &[
                ("A01".into(), CENTER.into()),
                ("A02".into(), RESOURCE.into()),
            ],
            d("2026-09-01"),
        )
        .unwrap();
    assert_eq!(flags.len(), 2);
    assert!(flags.iter().all(|f| f.applicant == "A01"));
    assert_eq!(flags[0].kind, FlagKind::Banned);
    assert_eq!(flags[0].until, Some(d("2028-03-18")));
    // A round of another template is not this program's: no flag.
    assert!(r
        .applicant_flags(
            "gd-empowerment",
            &[("A01".into(), CENTER.into())],
            d("2026-09-01")
        )
        .unwrap()
        .is_empty());
    let h = r.history(CENTER, d("2026-06-01")).unwrap();
    assert_eq!(h.lines.len(), 6);
    assert_eq!(
        h.lines[5].event,
        Event::Banned {
            until: d("2028-03-18"),
            cause: "consecutive_failure".into()
        }
    );
    assert_eq!(h.lines[5].note.as_deref(), Some("连续两次评价不合格"));
}

#[test]
fn empowerment_warning_becomes_a_removal_proposal_on_2026_10_10() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = open(dir.path());
    let today = d("2026-12-01");
    r.record(
        RecordRequest {
            name: Some("赋能资源甲".into()),
            ..rec(RESOURCE, "gd-empowerment", "admitted", "2025-06-30")
        },
        today,
    )
    .unwrap();
    r.record(
        rec(RESOURCE, "gd-empowerment", "report_filed", "2026-03-20"),
        today,
    )
    .unwrap();
    assert_eq!(
        r.history(RESOURCE, today).unwrap().lines[1].event,
        Event::ReportFiled {
            period: "2025".into()
        }
    );
    r.record(
        rec(RESOURCE, "gd-empowerment", "warned", "2026-04-10"),
        today,
    )
    .unwrap();
    let due_oct = r.due(d("2026-10-01")).unwrap();
    assert_eq!(due_oct.len(), 1);
    assert_eq!(
        (due_oct[0].kind, due_oct[0].due),
        (DueKind::Rectification, d("2026-10-10"))
    );
    assert!(r.proposals(d("2026-10-09")).unwrap().is_empty());
    let p = r.proposals(d("2026-10-10")).unwrap();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].kind, ProposalKind::Removal);
    r.reject(&p[0].id, "已提交整改材料，复核中", d("2026-10-11"))
        .unwrap();
    assert!(r.proposals(d("2026-10-12")).unwrap().is_empty());
    let e = r.confirm(&p[0].id, "x", d("2026-10-12")).unwrap_err();
    assert_eq!(e.code(), RegisterCode::UnknownProposal);
}

#[test]
fn record_checks_causes_grades_and_corrections_against_the_program() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = open(dir.path());
    let today = d("2026-12-01");
    let e = r
        .record(
            rec(RESOURCE, "gd-empowerment", "admitted", "2025-06-30"),
            today,
        )
        .unwrap_err();
    assert_eq!(e.code(), RegisterCode::MissingField);
    assert!(e.message(Lang::ZhCn).contains("--name"));
    let e = r
        .record(
            RecordRequest {
                cause: Some("closure".into()),
                ..rec(RESOURCE, "gd-empowerment", "removed", "2025-06-30")
            },
            today,
        )
        .unwrap_err();
    assert_eq!(e.code(), RegisterCode::UnknownCause);
    assert!(e.to_string().contains("major_incident"), "{e}");
    let e = r
        .record(
            graded(RESOURCE, "gd-supplier", "2025-04-01", 2024, "甲等"),
            today,
        )
        .unwrap_err();
    assert_eq!(e.code(), RegisterCode::UnknownGrade);
    let e = r
        .record(rec(RESOURCE, "nope", "exited", "2025-06-30"), today)
        .unwrap_err();
    assert_eq!(e.code(), RegisterCode::UnknownProgram);
    let e = r
        .record(
            RecordRequest {
                corrects: Some(3),
                ..rec(RESOURCE, "gd-empowerment", "annulled", "2025-06-30")
            },
            today,
        )
        .unwrap_err();
    assert_eq!(e.code(), RegisterCode::BadInput);
    assert!(
        r.ledgers().unwrap().is_empty(),
        "nothing written by a refusal"
    );
}

#[test]
fn a_checkpoint_verifies_and_names_the_unit_whose_past_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = open(dir.path());
    jiangxi(&mut r);
    let signer = Signer::from_ed25519_seed(&[7; 32]);
    let cp = r.checkpoint(&signer, 2026, d("2026-12-31")).unwrap();
    let ok = r.verify_checkpoint(&cp).unwrap();
    assert_eq!((ok.units, ok.unchanged), (1, 1));
    assert!(ok.changed.is_empty());
    assert_eq!(ok.organizer, signer.fingerprint().to_string());
    // The same history with the 2024 grade told differently: detected, unit named.
    let other = tempfile::tempdir().unwrap();
    let mut forged = open(other.path());
    let today = d("2026-12-01");
    forged
        .record(
            RecordRequest {
                name: Some("南昌数字化转型促进中心".into()),
                ..rec(CENTER, "jx-dx-center", "admitted", "2023-12-20")
            },
            today,
        )
        .unwrap();
    for (on, y, g) in [
        ("2025-03-20", 2024, "qualified"),
        ("2025-04-01", 2025, "qualified"),
        ("2026-03-18", 2025, "good"),
    ] {
        forged
            .record(graded(CENTER, "jx-dx-center", on, y, g), today)
            .unwrap();
    }
    forged
        .record(rec(CENTER, "jx-dx-center", "exited", "2026-03-18"), today)
        .unwrap();
    forged
        .record(
            rec(CENTER, "jx-dx-center", "change_filed", "2026-03-18"),
            today,
        )
        .unwrap();
    let bad = forged.verify_checkpoint(&cp).unwrap();
    assert_eq!(bad.changed.len(), 1);
    assert_eq!(bad.changed[0].0, CENTER);
    // Appending later is allowed; a tampered checkpoint is refused.
    r.record(
        rec(CENTER, "jx-dx-center", "change_filed", "2027-01-05"),
        today,
    )
    .unwrap();
    assert_eq!(
        r.verify_checkpoint(&cp).unwrap().appended,
        vec![(CENTER.to_owned(), 1)]
    );
    let mut tampered = cp.clone();
    let i = tampered.iter().position(|&b| b == b'6').unwrap();
    tampered[i] = b'7';
    assert_eq!(
        r.verify_checkpoint(&tampered).unwrap_err().code(),
        RegisterCode::BadCheckpoint
    );
}

#[test]
fn catalogue_history_and_workbook_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = open(dir.path());
    jiangxi(&mut r);
    let today = d("2026-12-01");
    r.record(
        RecordRequest {
            name: Some("赋能资源甲".into()),
            ..rec(RESOURCE, "gd-empowerment", "admitted", "2025-06-30")
        },
        today,
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let files = r.write_catalogue(2026, out.path(), Lang::ZhCn).unwrap();
    let listed: Vec<(&str, usize)> = files
        .iter()
        .map(|f| (f.program.as_str(), f.units))
        .collect();
    assert_eq!(listed, vec![("jx-dx-center", 0), ("gd-empowerment", 1)]);
    let csv = std::fs::read_to_string(&files[1].csv).unwrap();
    assert!(
        csv.contains(&format!("1,赋能资源甲,{RESOURCE},2025-06-30,")),
        "{csv}"
    );
    assert!(std::fs::read(&files[1].pdf).unwrap().starts_with(b"%PDF-"));
    assert!(r
        .history_pdf(CENTER, today, Lang::ZhCn)
        .unwrap()
        .starts_with(b"%PDF-"));
    assert!(r.register_xlsx(today, Lang::En).unwrap().starts_with(b"PK"));
    assert_eq!(
        r.history(RESOURCE, today).unwrap().statuses[0].standing,
        Standing::Member
    );
    assert_eq!(
        r.history("91350100M000100Y43", today).unwrap_err().code(),
        RegisterCode::UnknownUnit
    );
}

/// The vector of `docs/formats.md` ("Register checkpoint"): the two lines of the
/// ledger vector, signed on 2026-12-31 by the Ed25519 key whose seed is 32 bytes 0x07.
#[test]
fn the_documented_checkpoint_vector_holds() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = open(dir.path());
    let today = d("2026-12-01");
    r.record(
        RecordRequest {
            name: Some("南昌数字化转型促进中心".into()),
            ..rec(CENTER, "jx-dx-center", "admitted", "2023-12-20")
        },
        today,
    )
    .unwrap();
    r.record(
        RecordRequest {
            note: Some("运行评价结果".into()),
            ..graded(CENTER, "jx-dx-center", "2025-03-20", 2024, "unqualified")
        },
        today,
    )
    .unwrap();
    let signer = Signer::from_ed25519_seed(&[7; 32]);
    let fp = signer.fingerprint().to_string();
    assert_eq!(fp, FINGERPRINT_07);
    let file = r.checkpoint(&signer, 2026, d("2026-12-31")).unwrap();
    let body = format!(
        "{{\"format\":\"reviewdesk-register-checkpoint/1\",\"year\":2026,\"on\":\"2026-12-31\",\"organizer\":\"{fp}\",\"units\":[{{\"unit\":\"{CENTER}\",\"lines\":2,\"head\":\"f9cde0cb9e0ea68e5ba1792403c7ed14823493568a78ef92d144e9845e69f20f\"}}]}}\n"
    );
    assert!(
        file.starts_with(body.as_bytes()),
        "{}",
        String::from_utf8_lossy(&file)
    );
    assert!(file[body.len()..].starts_with(b"-----BEGIN SSH SIGNATURE-----\n"));
    assert_eq!(
        reviewdesk_core::publication::hex(&sha2::Sha256::digest(&file)),
        CHECKPOINT_SHA256
    );
}

const FINGERPRINT_07: &str = "SHA256:z/fSv0Z0RZS+Lccbc6ZoOWwt/fbj1VFJGSBKQbo4icE";
const CHECKPOINT_SHA256: &str = "2b05771e7c628db2670ed0a8746c5761da7db1b442c12d85bba4720663c7fd18";

fn result(code: &str, name: &str, grade: Option<&str>, selected: bool) -> FinalResult {
    FinalResult {
        applicant: "A01".into(),
        name: name.into(),
        credit_code: code.into(),
        grade: grade.map(str::to_owned),
        selected,
    }
}

fn source(sha: u8) -> EventSource {
    EventSource {
        file: SourceFile::Archive,
        sha256: format!("{sha:02x}").repeat(32),
        round: "gx-2025".into(),
    }
}

/// An assessment's results (seed 000, gx-pool-assessment): a unit not yet in the
/// register is entered from the assessment and graded; the same file again records
/// nothing; another file with another grade for the year corrects it; a grade round
/// needs its year; a template that feeds no program is refused.
#[test]
fn an_assessment_records_grades_idempotently_and_corrects_a_changed_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = open(dir.path());
    let on = d("2026-02-10");
    let results = vec![
        result(CENTER, "广西甲公司", Some("unqualified"), false),
        result(RESOURCE, "广西乙公司", Some("qualified"), true),
        result("91350100M000100Y43", "未评级单位", None, false),
    ];
    let e = r
        .apply_results(source(1), "gx-pool-assessment", on, &results, None)
        .unwrap_err();
    assert_eq!(e.code(), RegisterCode::YearNeeded);
    let first = r
        .apply_results(source(1), "gx-pool-assessment", on, &results, Some(2025))
        .unwrap();
    assert_eq!(first.programs, vec!["gx-pool".to_owned()]);
    let kinds: Vec<(&str, EventKind)> = first
        .lines
        .iter()
        .map(|l| (l.unit.as_str(), l.event.kind()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (CENTER, EventKind::Admitted),
            (CENTER, EventKind::Graded),
            (RESOURCE, EventKind::Admitted),
            (RESOURCE, EventKind::Graded),
        ]
    );
    assert!(
        first.lines[0].note.is_some(),
        "the entry from the assessment says so"
    );
    assert_eq!(first.lines[1].source, Some(source(1)));
    // The unqualified unit is proposed for removal (第十条).
    assert_eq!(first.proposals.len(), 1);
    assert_eq!(first.proposals[0].unit, CENTER);
    assert_eq!(first.proposals[0].kind, ProposalKind::Removal);
    let again = r
        .apply_results(source(1), "gx-pool-assessment", on, &results, Some(2025))
        .unwrap();
    assert!(again.already_applied && again.lines.is_empty());
    assert_eq!(again.proposals.len(), 1);
    // A corrected assessment: the changed grade corrects the line, the same one is skipped.
    let corrected = vec![
        result(CENTER, "广西甲公司", Some("qualified"), true),
        result(RESOURCE, "广西乙公司", Some("qualified"), true),
    ];
    let second = r
        .apply_results(
            source(2),
            "gx-pool-assessment",
            d("2026-02-20"),
            &corrected,
            Some(2025),
        )
        .unwrap();
    assert_eq!(second.lines.len(), 1);
    assert_eq!(second.lines[0].corrects, Some(2));
    assert!(second.proposals.is_empty());
    let e = r
        .apply_results(source(3), "gd-pool-2021", on, &results, None)
        .unwrap_err();
    assert_eq!(e.code(), RegisterCode::NoProgram);
}
