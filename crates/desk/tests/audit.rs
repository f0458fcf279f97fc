//! The audit log proves the order of the work (issue 18, part 3): a sheet signed
//! at the real expert desk — materials opened, a recusal, scores changed — merges,
//! and the chair is shown its pledge time, declarations and edits; a sheet whose
//! log is missing, out of order or not its values is refused by the merge and the
//! chair's import, naming the violation and its line.

use std::fs;
use std::path::{Path, PathBuf};

use reviewdesk_core::rules::{Declaration, PartScore, RecusalCase};
use reviewdesk_core::{AuditEntry, AuditEvent, Date, Lang};
use reviewdesk_desk::*;
use reviewdesk_io::demo_round_dir;
use reviewdesk_workspace::Workspace;
use serde_json::Value;

mod common;
use common::*;

fn now(at: &str) -> Now {
    Now {
        at: at.into(),
        today: Date::new(2026, 3, 1).unwrap(),
    }
}

/// E01's session at the desk on the whole package: the pledge, A01 declared and
/// its material M01 opened twice (logged once), two scores (one changed, one
/// cleared and set again), A04 declared recused, every other applicant declared,
/// signed. Returns the sheet file and the desk's part.
fn desk_session(pkg: &Path, dir: &Path) -> (PathBuf, reviewdesk_core::rules::ExpertPart) {
    let mut ws = Workspace::open(&dir.join("ws-E01")).unwrap();
    let me = signer("E01");
    let my_ids = ids("E01");
    let org = signer("ORG").fingerprint();
    let t = now("2026-03-01T08:00:00Z");
    let imported = import_package(&mut ws, pkg, &me, &my_ids, Trust::Confirm(&org), &t).unwrap();
    let mut desk = ExpertDesk::open(&ws, &imported.package.id, &my_ids).unwrap();
    desk.accept_pledge(&mut ws, &now("2026-03-01T08:01:00Z"))
        .unwrap();
    let declare = |a: &str, recuse: Option<RecusalCase>| Declaration {
        applicant: a.into(),
        recuse,
        note: String::new(),
    };
    desk.declare(&mut ws, declare("A01", None), &t).unwrap();
    desk.open_material(&mut ws, &my_ids, "M01", &t).unwrap();
    desk.material(&mut ws, &my_ids, "M01", &t).unwrap();
    let score = |ind: &str, value: rust_decimal::Decimal| PartScore {
        applicant: "A01".into(),
        stage: "written".into(),
        indicator: ind.into(),
        value,
        reason: None,
        comment: String::new(),
    };
    // The first two scored indicators, at their maximum and a step below.
    let inds: Vec<(String, rust_decimal::Decimal, rust_decimal::Decimal)> = desk
        .template
        .scored_indicators("written")
        .map(|i| (i.id.clone(), i.max, i.max - i.step))
        .take(2)
        .collect();
    let ((i0, max0, below0), (i1, max1, below1)) = (inds[0].clone(), inds[1].clone());
    desk.set_score(&mut ws, score(&i0, below0), &t).unwrap();
    desk.set_score(&mut ws, score(&i0, max0), &t).unwrap();
    desk.set_score(&mut ws, score(&i1, max1), &t).unwrap();
    desk.clear_score(&mut ws, "A01", "written", &i1, &t)
        .unwrap();
    desk.set_score(&mut ws, score(&i1, below1), &t).unwrap();
    desk.declare(&mut ws, declare("A04", Some(RecusalCase::Board)), &t)
        .unwrap();
    for a in ["A02", "A03", "A05", "A06", "A07", "A08"] {
        desk.declare(&mut ws, declare(a, None), &t).unwrap();
    }
    let signed = desk.sign(&mut ws, &me, &my_ids, &t).unwrap();
    let out = dir.join("E01-desk.rdsheet");
    fs::write(&out, &signed.file).unwrap();
    (out, signed.part)
}

/// The log's entries, to edit.
fn entries(log: &str) -> Vec<AuditEntry> {
    log.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Entries renumbered 1…n, as log text.
fn text(mut entries: Vec<AuditEntry>) -> String {
    for (i, e) in entries.iter_mut().enumerate() {
        e.seq = i as u64 + 1;
    }
    entries.iter().map(|e| e.to_line() + "\n").collect()
}

#[test]
fn a_sheet_from_the_desk_merges_and_the_chair_sees_its_log() {
    let tmp = tempfile::tempdir().unwrap();
    let (loaded, pkg) = seal(&demo_round_dir(), tmp.path());
    let (e01, _) = desk_session(&pkg, tmp.path());
    let log = sheet_log(&pkg, &e01);
    // M01 opened twice in one session: logged once, after the declaration.
    let opens: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("\"event\":\"open_material\""))
        .collect();
    assert_eq!(
        opens,
        [r#"{"seq":4,"at":"2026-03-01T08:00:00Z","event":"open_material","material":"M01"}"#]
    );
    let mut sheets = vec![e01];
    for e in ["E02", "E03", "E04", "E05"] {
        sheets.push(sign(
            &pkg,
            e,
            &part(&loaded, e, 0, None),
            1,
            tmp.path(),
            &format!("{e}.rdsheet"),
        ));
    }
    let merged = merge(
        &mut chair_package(&pkg),
        &signer("C01"),
        &ids("C01"),
        &sheets,
        MergeOptions::default(),
    )
    .unwrap();
    let SheetOutcome::Accepted { expert, audit, .. } = &merged.sheets[0].outcome else {
        panic!("{}", merged.sheets[0].outcome)
    };
    assert_eq!(expert, "E01");
    assert_eq!(audit.pledged_at, "2026-03-01T08:01:00Z");
    assert_eq!((audit.no_conflict, audit.recused), (7, 1));
    // Eight declarations, five score edits.
    assert_eq!(audit.edits, 13);
    assert_eq!(audit.opened, 1);

    // The chair's desk shows the same per imported sheet.
    let mut ws = Workspace::open(&tmp.path().join("chair-ws")).unwrap();
    let t = now("2026-03-02T08:00:00Z");
    let org = signer("ORG").fingerprint();
    let desk = ChairDesk::open(
        &mut ws,
        &pkg,
        &signer("C01"),
        &ids("C01"),
        Trust::Confirm(&org),
        &t,
    )
    .unwrap();
    let lines = desk.import(&mut ws, &ids("C01"), &sheets, &t).unwrap();
    let ImportOutcome::Accepted { audit: shown, .. } = &lines[0].outcome else {
        panic!("refused")
    };
    assert_eq!(shown, audit);
    let o = desk.overview(&ws, &ids("C01")).unwrap();
    assert_eq!(&o.sheets[0].audit, audit);
}

#[test]
fn a_sheet_whose_log_is_missing_out_of_order_or_not_its_values_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (loaded, pkg) = seal(&demo_round_dir(), tmp.path());
    let (good, part_e01) = desk_session(&pkg, tmp.path());
    let log = sheet_log(&pkg, &good);
    let part: Value = serde_json::to_value(&part_e01).unwrap();
    let forged = |name: &str, log: &str, part: &Value| {
        sign_unlogged(&pkg, "E01", part, 1, log, tmp.path(), name)
    };
    // 1. No log at all.
    let missing = forged("missing.rdsheet", "", &part);
    // 2. A01's declaration (line 3) moved after its first score (line 5).
    let mut e = entries(&log);
    let decl = e.remove(2);
    e.insert(4, decl);
    let late_declaration = forged("late-declaration.rdsheet", &text(e), &part);
    // 3. A04's material M06 opened after the recusal from A04, before signing.
    let mut e = entries(&log);
    let signing = e.pop().unwrap();
    e.push(AuditEntry {
        seq: 0,
        at: "2026-03-01T09:00:00Z".into(),
        event: AuditEvent::OpenMaterial {
            material: "M06".into(),
        },
    });
    e.push(signing);
    let opened_after_recusal = forged("opened-after-recusal.rdsheet", &text(e), &part);
    // 4. A score changed in the sheet after signing.
    let mut edited = part.clone();
    edited["scores"][0]["value"] = Value::String("0".into());
    let value_edited = forged("value-edited.rdsheet", &log, &edited);

    let mut sheets = vec![
        missing.clone(),
        late_declaration.clone(),
        opened_after_recusal.clone(),
        value_edited.clone(),
    ];
    for e in ["E02", "E03", "E04", "E05"] {
        sheets.push(sign(
            &pkg,
            e,
            &part_of(&loaded, e),
            1,
            tmp.path(),
            &format!("{e}.rdsheet"),
        ));
    }
    let err = merge(
        &mut chair_package(&pkg),
        &signer("C01"),
        &ids("C01"),
        &sheets,
        MergeOptions::default(),
    )
    .unwrap_err();
    let DeskError::SheetsRefused { reports } = &err else {
        panic!("{err}")
    };
    assert_eq!(
        outcome_codes(reports)[..4],
        [
            "audit_missing",
            "audit_order",
            "audit_order",
            "audit_values"
        ]
        .map(String::from)
    );
    let refused = |i: usize| match &reports[i].outcome {
        SheetOutcome::Refused(e) => &**e,
        SheetOutcome::Accepted { .. } => panic!("accepted"),
    };
    assert_eq!(refused(1).line(), Some(3));
    assert_eq!(refused(1).person(), Some("E01"));
    let DeskError::Audit { violation, .. } = refused(2) else {
        panic!()
    };
    let zh = violation.message(Lang::ZhCn);
    assert!(
        zh.contains("回避申报单位 A04 之后") && zh.contains("打开材料"),
        "{zh}"
    );
    let en = violation.message(Lang::En);
    assert!(
        en.contains("`open_material` of applicant A04 after the recusal"),
        "{en}"
    );
    assert!(
        refused(3).to_string().contains("score A01 written"),
        "{}",
        refused(3)
    );

    // The chair's import refuses them the same way and keeps nothing of them.
    let mut ws = Workspace::open(&tmp.path().join("chair-ws")).unwrap();
    let t = now("2026-03-02T08:00:00Z");
    let org = signer("ORG").fingerprint();
    let desk = ChairDesk::open(
        &mut ws,
        &pkg,
        &signer("C01"),
        &ids("C01"),
        Trust::Confirm(&org),
        &t,
    )
    .unwrap();
    let lines = desk
        .import(
            &mut ws,
            &ids("C01"),
            &[
                missing,
                late_declaration,
                opened_after_recusal,
                value_edited,
            ],
            &t,
        )
        .unwrap();
    let codes: Vec<String> = lines
        .iter()
        .map(|l| match &l.outcome {
            ImportOutcome::Refused(e) => e.code().to_string(),
            ImportOutcome::Accepted { .. } => "accepted".into(),
        })
        .collect();
    assert_eq!(
        codes,
        [
            "audit_missing",
            "audit_order",
            "audit_order",
            "audit_values"
        ]
    );
    assert!(ws.chair_state(&desk.record.id).unwrap().sheets.is_empty());
}

/// A full part for `expert` (as `part`), signed through the desk.
fn part_of(loaded: &reviewdesk_io::LoadedRound, expert: &str) -> Value {
    part(loaded, expert, 0, None)
}

#[test]
fn sheet_sign_enters_the_part_at_the_desk_and_continues_the_log() {
    let tmp = tempfile::tempdir().unwrap();
    let (loaded, pkg) = seal(&demo_round_dir(), tmp.path());
    let mut ws = Workspace::open(&tmp.path().join("ws")).unwrap();
    let org = signer("ORG").fingerprint();
    let t = sign_now();
    let mut p: reviewdesk_core::rules::ExpertPart =
        serde_json::from_value(part(&loaded, "E02", 0, None)).unwrap();
    let sign_it = |ws: &mut Workspace, p: &reviewdesk_core::rules::ExpertPart| {
        sign_scores(
            ws,
            &pkg,
            &signer("E02"),
            &ids("E02"),
            Trust::Confirm(&org),
            p,
            &t,
        )
    };
    let (first, s1) = sign_it(&mut ws, &p).unwrap();
    assert!(first.imported);
    assert_eq!(s1.record.revision, 1);
    assert_eq!(s1.part, p);
    // The same part again: only the signing is logged, revision 2.
    let (again, s2) = sign_it(&mut ws, &p).unwrap();
    assert!(!again.imported);
    assert_eq!(again.changes, 0);
    assert_eq!(s2.record.revision, 2);
    // A score dropped from the file is cleared at the desk; one changed is set.
    let dropped = p.scores.remove(0);
    p.scores[0].comment = "复核后维持".into();
    let (third, s3) = sign_it(&mut ws, &p).unwrap();
    assert_eq!(third.changes, 2);
    assert_eq!(s3.record.revision, 3);
    let (log, _) = ws.audit_log(&first.package.id).unwrap();
    assert!(log.contains(&format!(
        "\"event\":\"clear_score\",\"applicant\":\"{}\"",
        dropped.applicant
    )));
    // A verdict cannot be withdrawn at the desk: the file must keep it.
    let mut no_verdicts = p.clone();
    no_verdicts.verdicts.clear();
    assert_eq!(code(sign_it(&mut ws, &no_verdicts)), "bad_scores");
    // Another expert's key on this workspace's package.
    let r = sign_scores(
        &mut ws,
        &pkg,
        &signer("E01"),
        &ids("E01"),
        Trust::Confirm(&org),
        &p,
        &t,
    );
    assert_eq!(code(r), "not_an_expert");
    // A value the desk's rules refuse is refused (and nothing signed).
    let mut over = p.clone();
    over.scores[0].value = rust_decimal::Decimal::from(1000);
    assert_eq!(code(sign_it(&mut ws, &over)), "out_of_range");
    assert_eq!(ws.next_revision(&first.package.id).unwrap(), 4);
}
