//! Re-checks end to end on the demo round sealed as a package family: the chair
//! records a re-check on an expert's divergent score and writes the request file;
//! the expert's desk imports it (once: an older or the same request again is
//! refused), cannot sign until every flag is justified — kept or changed, each
//! fitting the value — and signs a revision carrying the justifications, which
//! the chair sees after importing it.

mod common;

use std::path::PathBuf;

use common::*;
use reviewdesk_core::rules::{Answer, Declaration, FlagCell, Justification, PartScore};
use reviewdesk_core::Date;
use reviewdesk_desk::*;
use reviewdesk_io::load_round;
use reviewdesk_workspace::Workspace;

fn now(at: &str) -> Now {
    Now {
        at: at.into(),
        today: Date::new(2026, 3, 1).unwrap(),
    }
}

#[test]
fn a_recheck_goes_to_the_expert_and_the_justified_revision_comes_back() {
    let tmp = tempfile::tempdir().unwrap();
    let round = round_copy(None);
    let loaded = load_round(round.path()).unwrap();
    let whole = tmp.path().join("round.rdpkg");
    let per = tmp.path().join("per-expert");
    seal_family(
        &loaded,
        &load_cards(&loaded).unwrap(),
        &signer("ORG"),
        &whole,
        &per,
        &mut |_, _, _| {},
    )
    .unwrap();
    let org = signer("ORG").fingerprint();
    let t = now("2026-03-01T08:00:00Z");

    // E02…E05 sign their scripted parts; E01 scores through the desk, with one
    // score far below the others.
    let mut sheets: Vec<PathBuf> = ["E02", "E03", "E04", "E05"]
        .iter()
        .map(|e| {
            sign(
                &per.join(format!("{e}.rdpkg")),
                e,
                &part(&loaded, e, 0, Some(&[])),
                1,
                tmp.path(),
                &format!("{e}.rdsheet"),
            )
        })
        .collect();
    let mut ws_e = Workspace::open(&tmp.path().join("ws-e01")).unwrap();
    let imported = import_package(
        &mut ws_e,
        &per.join("E01.rdpkg"),
        &signer("E01"),
        &ids("E01"),
        Trust::Confirm(&org),
        &t,
    )
    .unwrap();
    let desk = ExpertDesk::open(&ws_e, &imported.package.id, &ids("E01")).unwrap();
    desk.accept_pledge(&mut ws_e, &t).unwrap();
    let scripted = part(&loaded, "E01", 0, Some(&[]));
    for d in scripted["declarations"].as_array().unwrap() {
        let d: Declaration = serde_json::from_value(d.clone()).unwrap();
        desk.declare(&mut ws_e, d, &t).unwrap();
    }
    let scores: Vec<PartScore> = serde_json::from_value(scripted["scores"].clone()).unwrap();
    // Every score of the first applicant's first stage at 0: far from the others
    // whether the template flags indicators or stage totals.
    let low_of = |s: &PartScore| PartScore {
        value: "0".parse().unwrap(),
        reason: Some("材料中未见相关证明".into()),
        ..s.clone()
    };
    let low = low_of(&scores[0]);
    let in_low = |s: &PartScore| s.applicant == low.applicant && s.stage == low.stage;
    for s in &scores {
        let s = if in_low(s) { low_of(s) } else { s.clone() };
        desk.set_score(&mut ws_e, s, &t).unwrap();
    }
    let first = desk
        .sign(&mut ws_e, &signer("E01"), &ids("E01"), &t)
        .unwrap();
    let e01_r1 = tmp.path().join("E01.rdsheet");
    std::fs::write(&e01_r1, &first.file).unwrap();
    sheets.insert(0, e01_r1);

    // The chair imports the sheets, sees the flag and records a re-check on it.
    let mut ws_c = Workspace::open(&tmp.path().join("ws-c01")).unwrap();
    let chair = ChairDesk::open(
        &mut ws_c,
        &whole,
        &signer("C01"),
        &ids("C01"),
        Trust::Confirm(&org),
        &t,
    )
    .unwrap();
    chair.import(&mut ws_c, &ids("C01"), &sheets, &t).unwrap();
    let o = chair.overview(&ws_c, &ids("C01")).unwrap();
    // The flag is on the indicator or on the stage total, as the template's
    // aggregation level says.
    let flag = o
        .flags()
        .iter()
        .find(|f| {
            f.expert == "E01"
                && f.applicant == low.applicant
                && f.stage == low.stage
                && f.indicator.as_ref().is_none_or(|i| *i == low.indicator)
        })
        .unwrap_or_else(|| {
            panic!(
                "E01's low score {low:?} is flagged: {:?} {:?}",
                o.result.as_ref().err(),
                o.flags()
            )
        })
        .clone();
    let cell = FlagCell::of(&flag);
    let out = tmp.path().join("E01-1.rdrecheck");
    // Nothing recorded for E02 yet, and a cell without a flag of E01's is named.
    assert_eq!(
        code(chair.export_recheck(
            &mut ws_c,
            &signer("C01"),
            &ids("C01"),
            "E02",
            None,
            "",
            &out,
            &t
        )),
        "no_rechecks"
    );
    let unflagged = FlagCell {
        applicant: "A99".into(),
        ..cell.clone()
    };
    assert_eq!(
        code(chair.export_recheck(
            &mut ws_c,
            &signer("C01"),
            &ids("C01"),
            "E01",
            Some(RecheckCells::These(std::slice::from_ref(&unflagged))),
            "",
            &out,
            &t
        )),
        "not_flagged"
    );
    // Only the chair writes one.
    assert_eq!(
        code(chair.export_recheck(
            &mut ws_c,
            &signer("E01"),
            &ids("C01"),
            "E01",
            Some(RecheckCells::Flagged),
            "",
            &out,
            &t
        )),
        "not_the_chair"
    );
    chair
        .request_recheck(
            &mut ws_c,
            "E01",
            &cell.applicant,
            &cell.stage,
            cell.indicator.as_deref(),
            "请核对\n评分依据",
            &t,
        )
        .unwrap();
    let written = chair
        .export_recheck(
            &mut ws_c,
            &signer("C01"),
            &ids("C01"),
            "E01",
            None,
            "",
            &out,
            &t,
        )
        .unwrap();
    let r = &written.request;
    assert_eq!(
        (r.expert.as_str(), r.sequence, r.flags.len()),
        ("E01", 1, 1)
    );
    let f = &r.flags[0];
    assert_eq!(f.value, flag.value.normalize().to_string());
    assert_eq!(
        f.mean_of_others,
        flag.mean_of_others.normalize().to_string()
    );
    assert_eq!(f.distance, flag.d.normalize().to_string());
    assert_eq!(f.note, "请核对 评分依据");
    assert_eq!(ws_c.chair_next_recheck(&chair.record.id, "E01").unwrap(), 2);

    // The expert imports it, once.
    let got = desk
        .import_recheck(&mut ws_e, &ids("E01"), &out, &t)
        .unwrap();
    assert_eq!(got.sha256, r.sha256);
    assert_eq!(
        code(desk.import_recheck(&mut ws_e, &ids("E01"), &out, &t)),
        "stale_recheck"
    );
    // Another expert cannot even read it.
    assert_eq!(
        code(open_recheck(&out, &chair_package(&whole), &ids("E02"))),
        "not_a_recipient"
    );
    let items = desk.recheck_items(&ws_e).unwrap();
    assert_eq!(items.len(), 1);
    assert!(items[0].open && items[0].justification.is_none());

    // Signing waits for the justification, which must fit the value.
    let err = desk
        .sign(&mut ws_e, &signer("E01"), &ids("E01"), &t)
        .unwrap_err();
    assert_eq!(err.code().as_str(), "recheck_unanswered");
    assert!(err.to_string().contains(&cell.to_string()), "{err}");
    let answer = |a: Answer, text: &str| Justification {
        applicant: cell.applicant.clone(),
        stage: cell.stage.clone(),
        indicator: cell.indicator.clone(),
        request: 1,
        answer: a,
        text: text.into(),
    };
    assert_eq!(
        code(desk.justify(&mut ws_e, answer(Answer::Changed, "改"), &t)),
        "justification_mismatch"
    );
    assert_eq!(
        code(desk.justify(&mut ws_e, answer(Answer::Kept, "  "), &t)),
        "justification_required"
    );
    assert_eq!(
        code(desk.justify(
            &mut ws_e,
            Justification {
                request: 2,
                ..answer(Answer::Kept, "维持")
            },
            &t
        )),
        "not_flagged"
    );
    desk.justify(&mut ws_e, answer(Answer::Kept, "维持"), &t)
        .unwrap();
    // Changing the score afterwards makes `kept` untrue: signing is refused again.
    for s in scores.iter().filter(|s| in_low(s)) {
        desk.set_score(&mut ws_e, s.clone(), &t).unwrap();
    }
    assert_eq!(
        code(desk.sign(&mut ws_e, &signer("E01"), &ids("E01"), &t)),
        "justification_mismatch"
    );
    let why = "复核后发现漏看了案例材料，改为与材料相符的分数";
    desk.justify(&mut ws_e, answer(Answer::Changed, why), &t)
        .unwrap();
    let second = desk
        .sign(&mut ws_e, &signer("E01"), &ids("E01"), &t)
        .unwrap();
    assert_eq!(second.record.revision, 2);
    assert_eq!(second.part.justifications, [answer(Answer::Changed, why)]);
    let (log, _) = ws_e.audit_log(&imported.package.id).unwrap();
    assert!(log.contains("\"event\":\"import_recheck\""));
    assert_eq!(log.matches("\"event\":\"justify\"").count(), 2);

    // The chair imports revision 2 and sees the justification.
    let e01_r2 = tmp.path().join("E01.r2.rdsheet");
    std::fs::write(&e01_r2, &second.file).unwrap();
    chair.import(&mut ws_c, &ids("C01"), &[e01_r2], &t).unwrap();
    let o = chair.overview(&ws_c, &ids("C01")).unwrap();
    let js = o.justifications();
    assert_eq!(js.len(), 1);
    assert_eq!(js[0].0, "E01");
    assert_eq!(js[0].1.text, why);
    assert!(!o
        .flags()
        .iter()
        .any(|f| f.expert == "E01" && FlagCell::of(f) == cell));

    // The signed bundle carries the revision, and its reports print the answer.
    let mut chair = chair;
    if loaded.template.sampled_stage().is_some() {
        chair.set_announced(&mut ws_c, "20260315", &t).unwrap();
    }
    let bundle = tmp.path().join("result.rdbundle");
    chair
        .sign_bundle(&mut ws_c, &signer("C01"), &ids("C01"), &bundle, &t)
        .unwrap();
    let v = verify_bundle(&bundle, Some(&org), &ids("ORG")).unwrap();
    assert_eq!(
        v.justifications(),
        [("E01".to_owned(), answer(Answer::Changed, why))]
    );
    let reports = write_result_reports(
        &bundle,
        Some(&org),
        &ids("ORG"),
        &tmp.path().join("reports"),
        reviewdesk_core::Lang::ZhCn,
        Date::new(2026, 3, 20).unwrap(),
    )
    .unwrap();
    assert!(reports.iter().any(|(p, _)| p.ends_with("summary.pdf")));
}
