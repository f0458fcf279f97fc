//! The chair's desk against the demo round: the package opened as the chair (and
//! refused to anyone else), sheets imported many at once and from a folder with
//! one line per file — accepted, superseding, older, duplicate, outside the
//! roster, another package, tampered, a score for a recused applicant — the
//! completeness matrix, re-checks, opinions and the draw kept across reopening,
//! and the signed bundle verified. Keys are the demo round's DEMO keys.

use std::fs;

use reviewdesk_core::rules::{CellState, QuorumState};
use reviewdesk_core::Date;
use reviewdesk_desk::*;
use reviewdesk_formats::{Sheet, SheetContent, Signer};
use reviewdesk_io::demo_round_dir;
use reviewdesk_workspace::Workspace;
use serde_json::json;

mod common;
use common::*;

fn now(at: &str) -> Now {
    Now {
        at: at.into(),
        today: Date::new(2026, 3, 1).unwrap(),
    }
}

fn lines(l: &[ImportLine]) -> Vec<String> {
    l.iter()
        .map(|x| match &x.outcome {
            ImportOutcome::Accepted {
                expert,
                revision,
                supersedes: None,
                ..
            } => format!("{expert}@{revision}"),
            ImportOutcome::Accepted {
                expert,
                revision,
                supersedes: Some(old),
                ..
            } => format!("{expert}@{revision}>{old}"),
            ImportOutcome::Refused(e) => e.code().to_string(),
        })
        .collect()
}

#[test]
fn every_import_outcome_one_line_per_file_and_nothing_from_a_refused_one() {
    let tmp = tempfile::tempdir().unwrap();
    let (loaded, pkg) = seal(&demo_round_dir(), tmp.path());
    let mut ws = Workspace::open(&tmp.path().join("ws")).unwrap();
    let t = now("2026-03-01T08:00:00Z");

    assert_eq!(
        code(ChairDesk::open(
            &mut ws,
            &pkg,
            &signer("E01"),
            &ids("E01"),
            Trust::Pinned,
            &t
        )),
        "not_the_chair"
    );
    // The organizer's key: not pinned yet, so not trusted without a confirmation;
    // a wrong confirmation is refused; the right one pins it.
    let org = read_signing_key(&demo_round_dir().join("keys/ORG.key"))
        .unwrap()
        .fingerprint();
    assert_eq!(
        code(ChairDesk::open(
            &mut ws,
            &pkg,
            &signer("C01"),
            &ids("C01"),
            Trust::Pinned,
            &t
        )),
        "organizer_not_pinned"
    );
    let other = signer("C01").fingerprint();
    assert_eq!(
        code(ChairDesk::open(
            &mut ws,
            &pkg,
            &signer("C01"),
            &ids("C01"),
            Trust::Confirm(&other),
            &t
        )),
        "trust_mismatch"
    );
    let desk = ChairDesk::open(
        &mut ws,
        &pkg,
        &signer("C01"),
        &ids("C01"),
        Trust::Confirm(&org),
        &t,
    )
    .unwrap();

    // Five sheets from a folder; beside them a file that is not a sheet, and a
    // sheet under the old `.sheet` name — a folder import takes `*.rdsheet` only.
    let folder = tmp.path().join("in");
    fs::create_dir(&folder).unwrap();
    demo_sheets(&loaded, &pkg, &folder);
    fs::write(folder.join("notes.txt"), "not a sheet").unwrap();
    fs::copy(folder.join("E01.rdsheet"), folder.join("E01-legacy.sheet")).unwrap();
    assert_eq!(sheet_files_in(&folder).unwrap().len(), 5);
    let l = desk
        .import_folder(&mut ws, &ids("C01"), &folder, &t)
        .unwrap();
    assert_eq!(lines(&l), ["E01@1", "E02@1", "E03@1", "E04@1", "E05@1"]);

    // E02 revises twice; the older revisions come after the newer.
    let v2 = sign(
        &pkg,
        "E02",
        &part(&loaded, "E02", 1, None),
        2,
        tmp.path(),
        "E02-2.rdsheet",
    );
    let v3 = sign(
        &pkg,
        "E02",
        &part(&loaded, "E02", 2, None),
        3,
        tmp.path(),
        "E02-3.rdsheet",
    );
    // E03 scores A04, from which it is recused (an upheld request).
    let mut e03 = part(&loaded, "E03", 0, None);
    let extra: Vec<_> = e03["scores"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["applicant"] == "A01")
        .map(|s| {
            let mut s = s.clone();
            s["applicant"] = json!("A04");
            s
        })
        .collect();
    e03["scores"].as_array_mut().unwrap().extend(extra);
    let recused = sign_unlogged(&pkg, "E03", &e03, 2, "", tmp.path(), "E03-recused.rdsheet");
    // A sheet for another package: the same round sealed again.
    let other_dir = tmp.path().join("other");
    fs::create_dir(&other_dir).unwrap();
    let (_, other_pkg) = seal(&demo_round_dir(), &other_dir);
    let elsewhere = sign(
        &other_pkg,
        "E04",
        &part(&loaded, "E04", 0, None),
        2,
        tmp.path(),
        "E04-other.rdsheet",
    );
    // A sheet signed by a key outside the package's roster.
    let opened = chair_package(&pkg);
    let stranger = Signer::from_ed25519_seed(&[7; 32]);
    let scores = part(&loaded, "E05", 1, None).to_string() + "\n";
    let outside = tmp.path().join("outsider.rdsheet");
    let file = Sheet::write(
        &SheetContent {
            expert: "E05",
            revision: 9,
            scores: &scores,
            audit: "",
        },
        &opened.binding,
        &stranger,
    )
    .unwrap();
    fs::write(&outside, file).unwrap();
    // A tampered copy of E04's sheet: one byte of the ciphertext changed.
    let mut bytes = fs::read(folder.join("E04.rdsheet")).unwrap();
    let n = bytes.len();
    bytes[n - 40] ^= 0x01;
    let tampered = tmp.path().join("E04-tampered.rdsheet");
    fs::write(&tampered, bytes).unwrap();

    let files = vec![
        v3.clone(),
        v2.clone(),
        folder.join("E01.rdsheet"),
        recused,
        elsewhere,
        outside,
        tampered,
        v3.clone(),
    ];
    let l = desk.import(&mut ws, &ids("C01"), &files, &t).unwrap();
    let got = lines(&l);
    assert_eq!(got[0], "E02@3>1");
    assert_eq!(got[1], "stale_revision");
    assert_eq!(got[2], "duplicate_sheet");
    assert_eq!(got[3], "recused_score");
    assert_eq!(got[4], "not_bound");
    assert_eq!(got[5], "unknown_signer", "outside the roster");
    assert_eq!(got[6], "decrypt_failed", "tampered");
    assert_eq!(got[7], "duplicate_sheet");
    if let ImportOutcome::Refused(e) = &l[3].outcome {
        assert!(e.to_string().contains("A04"), "{e}");
    }

    // Only the accepted ones entered: five experts, E02 at revision 3.
    let o = desk.overview(&ws, &ids("C01")).unwrap();
    let revs: Vec<(String, u32)> = o
        .sheets
        .iter()
        .map(|c| (c.sheet.expert.clone(), c.sheet.revision))
        .collect();
    assert_eq!(
        revs,
        [("E01", 1), ("E02", 3), ("E03", 1), ("E04", 1), ("E05", 1)]
            .map(|(e, r)| (e.to_string(), r))
    );
    assert_eq!(
        o.state.sheets.len(),
        6,
        "revision 1 of E02 stays as history"
    );
    // Now revision 2 is older than the one in force.
    let l = desk.import(&mut ws, &ids("C01"), &[v2], &t).unwrap();
    assert_eq!(lines(&l), ["stale_revision"]);
    let (log, _) = ws.chair_audit_log(&desk.record.id).unwrap();
    assert_eq!(log.matches("\"import_sheet\"").count(), 6);
}

#[test]
fn completeness_rechecks_opinions_and_draw_survive_reopening_and_the_bundle_verifies() {
    let tmp = tempfile::tempdir().unwrap();
    let round = round_copy(Some("gd-pool-2021"));
    let (loaded, pkg) = seal(round.path(), tmp.path());
    let ws_dir = tmp.path().join("ws");
    let t = now("2026-03-01T08:00:00Z");
    let id;
    {
        let mut ws = Workspace::open(&ws_dir).unwrap();
        let org = read_signing_key(&demo_round_dir().join("keys/ORG.key"))
            .unwrap()
            .fingerprint();
        let desk = ChairDesk::open(
            &mut ws,
            &pkg,
            &signer("C01"),
            &ids("C01"),
            Trust::Confirm(&org),
            &t,
        )
        .unwrap();
        id = desk.record.id.clone();
        // Written-stage sheets only (no site verdicts): E01 declares a conflict with
        // its first applicant, E02 leaves one score out, E05 is not in yet.
        let mut sheets = Vec::new();
        for e in ["E01", "E02", "E03", "E04"] {
            let mut p = part(&loaded, e, 0, Some(&[]));
            if e == "E01" {
                let a = p["declarations"][0]["applicant"].clone();
                p["declarations"][0]["recuse"] = json!("employment");
                p["scores"]
                    .as_array_mut()
                    .unwrap()
                    .retain(|s| s["applicant"] != a);
            }
            if e == "E02" {
                p["scores"].as_array_mut().unwrap().remove(0);
            }
            sheets.push(sign(&pkg, e, &p, 1, tmp.path(), &format!("{e}.rdsheet")));
        }
        let l = desk.import(&mut ws, &ids("C01"), &sheets, &t).unwrap();
        assert_eq!(lines(&l), ["E01@1", "E02@1", "E03@1", "E04@1"]);

        let o = desk.overview(&ws, &ids("C01")).unwrap();
        assert!(o.before_draw);
        assert!(o.result.is_ok(), "{:?}", o.result.as_ref().err());
        let c = &o.completeness;
        let (rev, _) = assigned(&loaded, "E01");
        let first = &rev[0];
        let written = &loaded.template.stages[0].id;
        assert_eq!(
            c.cell("E01", first, written).unwrap().state,
            CellState::RecusedSelf
        );
        assert_eq!(
            c.cell("E03", "A04", written).unwrap().state,
            CellState::RecusedUpheld
        );
        let e02_first = &assigned(&loaded, "E02").0[0];
        assert_eq!(
            c.cell("E02", e02_first, written).unwrap().state,
            CellState::Partial
        );
        let e05 = &assigned(&loaded, "E05").0[0];
        assert_eq!(
            c.cell("E05", e05, written).unwrap().state,
            CellState::Missing
        );
        let site = loaded.template.sampled_stage().unwrap().id.clone();
        assert_eq!(
            c.cell("E04", "A01", &loaded.template.sampled_stage().unwrap().id)
                .unwrap()
                .state,
            CellState::AwaitingDraw
        );
        assert!(c
            .quorum
            .iter()
            .filter(|q| q.stage == site)
            .all(|q| q.state == QuorumState::AwaitingDraw));
        assert_eq!(o.comparison.as_ref().unwrap().methods.len(), 4);

        desk.request_recheck(&mut ws, "E02", "A01", written, None, "请复核", &t)
            .unwrap();
        desk.set_opinion(&mut ws, "A01", "申报材料完整，建议认定。\n", &t)
            .unwrap();
        desk.set_dissent(&mut ws, "A01", "E02", "  案例偏少。", &t)
            .unwrap();
        assert_eq!(
            code(desk.set_dissent(&mut ws, "A04", "E03", "x", &t)),
            "bad_opinions"
        );
        assert_eq!(code(desk.set_announced(&mut ws, "", &t)), "bad_draw");
        desk.set_announced(&mut ws, "20260315-上证收盘", &t)
            .unwrap();
    }
    // Reopened: everything is still there.
    let mut ws = Workspace::open(&ws_dir).unwrap();
    let mut desk = ChairDesk::reopen(&ws, &id, &signer("C01"), &ids("C01")).unwrap();
    let o = desk.overview(&ws, &ids("C01")).unwrap();
    assert!(!o.before_draw);
    assert_eq!(o.sheets.len(), 4);
    assert_eq!(o.state.rechecks.len(), 1);
    assert_eq!(o.opinions.applicants[0].dissents[0].note, "  案例偏少。");
    let draw = o.draw.as_ref().unwrap().drawn.as_ref().unwrap();
    assert_eq!(draw.announced, "20260315-上证收盘");
    assert!(!draw.sample.is_empty());
    let site = loaded.template.sampled_stage().unwrap().id.clone();
    for a in &o.completeness.applicants {
        let q = o.completeness.quorum_of(a, &site).unwrap();
        let drawn = draw.sample.contains(a);
        assert_eq!(q.state == QuorumState::NotSampled, !drawn, "{a}");
    }

    let out = tmp.path().join("result.rdbundle");
    assert_eq!(
        code(desk.sign_bundle(&mut ws, &signer("E01"), &ids("C01"), &out, &t)),
        "not_the_chair"
    );
    let merged = desk
        .sign_bundle(&mut ws, &signer("C01"), &ids("C01"), &out, &t)
        .unwrap();
    assert_eq!(merged.draw.drawn.as_ref().unwrap().sample, draw.sample);
    let v = verify_bundle(&out, None, &ids("ORG")).unwrap();
    assert_eq!(v.bundle.sheets.len(), 4);
    assert_eq!(
        v.opinions.applicants[0].opinion,
        "申报材料完整，建议认定。\n"
    );
    let (log, _) = ws.chair_audit_log(&id).unwrap();
    assert!(log.lines().last().unwrap().contains("\"sign_bundle\""));
    assert_eq!(
        v.bundle.audit(),
        Some(log.as_bytes()),
        "the bundle carries the chair's audit log up to its own signing"
    );
}
