//! The chair's merge and the result bundle against the demo round: sheets signed by
//! the demo experts, merged by the demo chair, verified and recomputed; refused
//! sheets; a merge output edited and re-signed; the site-visit draw of a sampled
//! template. Keys are the demo round's public DEMO keys.

use std::fs;
use std::path::{Path, PathBuf};

use reviewdesk_core::rules::Opinions;
use reviewdesk_desk::*;
use reviewdesk_formats::{write_bundle, OpenedBundle, Trusted};
use reviewdesk_io::{demo_round_dir, load_round};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

mod common;
use common::*;

#[test]
fn the_chair_merges_the_demo_sheets_and_the_bundle_verifies() {
    let tmp = tempfile::tempdir().unwrap();
    let (loaded, pkg) = seal(&demo_round_dir(), tmp.path());
    let mut sheets = demo_sheets(&loaded, &pkg, tmp.path());
    // E02 signs again (revision 2, other values); the older sheet comes after it
    // on the list, and E01's sheet is given twice.
    let e02v2 = sign(
        &pkg,
        "E02",
        &part(&loaded, "E02", 1, None),
        2,
        tmp.path(),
        "E02-v2.rdsheet",
    );
    let e01_copy = tmp.path().join("E01-copy.rdsheet");
    fs::copy(&sheets[0], &e01_copy).unwrap();
    sheets.insert(1, e02v2);
    sheets.push(e01_copy);
    let opinions: Opinions = serde_json::from_value(json!({"applicants": [
        {"applicant": "A01", "opinion": "申报材料完整，案例成效明显，建议予以认定。",
         "dissents": [{"expert": "E02", "note": "  案例集中于单一行业，推广性存疑。\n"}]}
    ]}))
    .unwrap();
    let out = tmp.path().join("result.rdbundle");
    let mut p = chair_package(&pkg);
    let merged = merge_to_file(
        &mut p,
        &signer("C01"),
        &ids("C01"),
        &sheets,
        MergeOptions {
            announced: None,
            opinions: Some(&opinions),
            audit: None,
        },
        &out,
    )
    .unwrap();
    assert_eq!(
        outcome_codes(&merged.sheets),
        [
            "E01@1",
            "E02@2",
            "stale_revision",
            "E03@1",
            "E04@1",
            "E05@1",
            "duplicate_sheet"
        ]
    );
    assert_eq!(merged.result.applicants.len(), 8);
    // E03's upheld recusal from A04 is in force once, though E03 declared it too.
    let e03_a04 = merged
        .input
        .recusals
        .iter()
        .filter(|r| r.expert == "E03" && r.applicant == "A04")
        .count();
    assert_eq!(e03_a04, 1);
    assert!(
        merged.draw.drawn.is_none(),
        "the demo template samples no stage"
    );

    for who in ["ORG", "C01"] {
        let v = verify_bundle(&out, None, &ids(who)).unwrap();
        assert_eq!(v.result, merged.result);
        assert_eq!(v.bundle.sheets.len(), 5);
        assert_eq!(v.bundle.sheets[1].revision, 2);
        assert_eq!(
            v.opinions.applicants[0].dissents[0].note, "  案例集中于单一行业，推广性存疑。\n",
            "dissents are kept verbatim"
        );
    }
    let org = reviewdesk_formats::Fingerprint::parse(ORG_FP).unwrap();
    verify_bundle(&out, Some(&org), &ids("ORG")).unwrap();
    let other = signer("E01").fingerprint();
    assert_eq!(
        code(verify_bundle(&out, Some(&other), &ids("ORG"))),
        "unknown_signer"
    );
    assert_eq!(
        code(verify_bundle(&out, None, &ids("E01"))),
        "not_a_recipient"
    );
    assert_eq!(code(verify_bundle(&out, None, &[])), "needs_identity");
    assert_eq!(
        encrypted_kind(&fs::read(&out).unwrap(), &ids("C01")).unwrap(),
        EncryptedKind::Bundle
    );
    assert_eq!(
        encrypted_kind(&fs::read(&sheets[0]).unwrap(), &ids("C01")).unwrap(),
        EncryptedKind::Sheet
    );
    // Issue 17, item 4: read as streams — the kind from the file's first bytes,
    // the bundle decrypted as it is read, its SHA-256 taken from the same read.
    assert_eq!(
        encrypted_file_kind(&out, &ids("C01")).unwrap(),
        EncryptedKind::Bundle
    );
    assert_eq!(
        encrypted_file_kind(&sheets[0], &ids("C01")).unwrap(),
        EncryptedKind::Sheet
    );
    let (streamed, sha) = open_bundle_file(&out, Some(&org), &ids("C01")).unwrap();
    assert_eq!(
        sha,
        <[u8; 32]>::from(Sha256::digest(fs::read(&out).unwrap()))
    );
    assert_eq!(
        streamed.container(),
        verify_bundle(&out, None, &ids("C01"))
            .unwrap()
            .bundle
            .container()
    );
    let mut cut = fs::read(&out).unwrap();
    cut.truncate(cut.len() - 1);
    let cut_path = tmp.path().join("cut.rdbundle");
    fs::write(&cut_path, &cut).unwrap();
    // The last chunk cut short does not authenticate: refused as the bytes are.
    assert_eq!(
        code(open_bundle(&cut_path, None, &ids("C01"))),
        "decrypt_failed"
    );
    assert_eq!(
        OpenedBundle::open(&cut, &ids("C01"), Trusted::AnyKey)
            .unwrap_err()
            .code()
            .as_str(),
        "decrypt_failed"
    );
    let export = bundle_signature(&out, None, &ids("ORG")).unwrap();
    assert_eq!(export.stem, "bundle-manifest");
    assert_eq!(export.fingerprint(), signer("C01").fingerprint());
    assert!(export
        .allowed_signers
        .contains("reviewdesk-bundle-manifest@v1"));
}

#[test]
fn a_sheet_that_does_not_belong_stops_the_merge_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let (loaded, pkg) = seal(&demo_round_dir(), tmp.path());
    let sheets = demo_sheets(&loaded, &pkg, tmp.path());
    let chair = signer("C01");
    let run = |files: &[PathBuf]| {
        let out = tmp.path().join("x.rdbundle");
        let r = merge_to_file(
            &mut chair_package(&pkg),
            &chair,
            &ids("C01"),
            files,
            MergeOptions::default(),
            &out,
        );
        assert!(r.is_err() || out.exists());
        if r.is_err() {
            assert!(!out.exists(), "a failed merge leaves no bundle");
        }
        r
    };
    // E03 scores A04, from which E03 is recused.
    let mut e03 = part(&loaded, "E03", 0, None);
    let mut a01_scores: Vec<Value> = e03["scores"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["applicant"] == "A01")
        .cloned()
        .collect();
    for s in &mut a01_scores {
        s["applicant"] = json!("A04");
    }
    e03["scores"].as_array_mut().unwrap().extend(a01_scores);
    let recused = sign_unlogged(&pkg, "E03", &e03, 2, "", tmp.path(), "E03-recused.rdsheet");
    // E01 signs a part that says it is E02's.
    let mut foreign = part(&loaded, "E02", 0, None);
    foreign["expert"] = json!("E02");
    let as_e01 = sign_unlogged(
        &pkg,
        "E01",
        &foreign,
        2,
        "",
        tmp.path(),
        "E01-foreign.rdsheet",
    );
    // A sheet for another package (E01's per-expert package).
    let per = tmp.path().join("per");
    fs::create_dir(&per).unwrap();
    let per_pkg = per.join("E01.rdpkg");
    let loaded_demo = load_round(&demo_round_dir()).unwrap();
    seal_round_to_file(
        &loaded_demo,
        &load_cards(&loaded_demo).unwrap(),
        &signer("ORG"),
        Scope::Expert("E01"),
        &per_pkg,
        &mut |_, _| {},
    )
    .unwrap();
    let elsewhere = sign(
        &per_pkg,
        "E01",
        &part(&loaded, "E01", 0, None),
        3,
        tmp.path(),
        "E01-per.rdsheet",
    );
    let not_a_sheet = demo_round_dir().join("round.toml");

    let all = [
        sheets.clone(),
        vec![recused, as_e01, elsewhere, not_a_sheet],
    ]
    .concat();
    let err = run(&all).unwrap_err();
    assert_eq!(err.code(), "sheets_refused");
    let DeskError::SheetsRefused { reports } = &err else {
        panic!("{err}")
    };
    assert_eq!(
        outcome_codes(reports),
        [
            "E01@1",
            "E02@1",
            "E03@1",
            "E04@1",
            "E05@1",
            "recused_score",
            "part_expert_mismatch",
            "not_bound",
            "bad_age_header"
        ]
        .map(String::from)
    );
    assert!(err.to_string().contains("A04 (scores["), "{err}");
    // Without the bad ones the merge goes through.
    run(&sheets).unwrap();
    fs::remove_file(tmp.path().join("x.rdbundle")).unwrap();
    // Only the chair merges.
    let r = merge(
        &mut open_for_member(&pkg, None, &ids("E01")).unwrap(),
        &signer("E01"),
        &ids("E01"),
        &sheets,
        MergeOptions::default(),
    );
    assert_eq!(code(r), "not_the_chair");
    assert_eq!(code(run(&[])), "no_sheets");
    // Opinions by someone who does not review the applicant.
    let bad: Opinions = serde_json::from_value(json!({"applicants": [
        {"applicant": "A04", "opinion": "…", "dissents": [{"expert": "E03", "note": "x"}]}
    ]}))
    .unwrap();
    let r = merge(
        &mut chair_package(&pkg),
        &chair,
        &ids("C01"),
        &sheets,
        MergeOptions {
            announced: None,
            opinions: Some(&bad),
            audit: None,
        },
    );
    assert_eq!(code(r), "bad_opinions");
    // An announced value for a template without a draw.
    let r = merge(
        &mut chair_package(&pkg),
        &chair,
        &ids("C01"),
        &sheets,
        MergeOptions {
            announced: Some("20260315"),
            opinions: None,
            audit: None,
        },
    );
    assert_eq!(code(r), "bad_draw");
}

/// Writes `bundle` again with `edit` applied to its content, signed by the chair.
fn resign(
    path: &Path,
    out: &Path,
    edit: impl FnOnce(&OpenedBundle) -> (Option<Vec<u8>>, Option<Vec<u8>>),
) {
    let b = OpenedBundle::open(&fs::read(path).unwrap(), &ids("C01"), Trusted::AnyKey).unwrap();
    let (input, output) = edit(&b);
    let mut content = b.content();
    if let Some(i) = &input {
        content.merge_input = i;
    }
    if let Some(o) = &output {
        content.merge_output = o;
    }
    fs::write(out, write_bundle(&content, &signer("C01")).unwrap()).unwrap();
}

#[test]
fn an_edited_merge_is_caught_by_recomputation_even_when_the_chair_signs_it() {
    let tmp = tempfile::tempdir().unwrap();
    let (loaded, pkg) = seal(&demo_round_dir(), tmp.path());
    let sheets = demo_sheets(&loaded, &pkg, tmp.path());
    let out = tmp.path().join("result.rdbundle");
    merge_to_file(
        &mut chair_package(&pkg),
        &signer("C01"),
        &ids("C01"),
        &sheets,
        MergeOptions::default(),
        &out,
    )
    .unwrap();

    // merge-output: one applicant's final score raised.
    let edited = tmp.path().join("edited-output.rdbundle");
    resign(&out, &edited, |b| {
        let mut v: Value = serde_json::from_slice(b.merge_output()).unwrap();
        v["applicants"][0]["final"] = json!("99.99");
        (None, Some(canonical_json(&v)))
    });
    // The chain itself holds: the chair signed it.
    open_bundle(&edited, None, &ids("ORG")).unwrap();
    let err = verify_bundle(&edited, None, &ids("ORG")).unwrap_err();
    assert_eq!(err.code(), "recompute_mismatch");
    let msg = err.to_string();
    assert!(
        msg.starts_with("merge-output does not match") && msg.contains("applicants[0].final"),
        "{msg}"
    );
    assert!(msg.contains("\"99.99\""), "{msg}");

    // merge-input: a score that no sheet gives (and an output recomputed to match).
    let edited = tmp.path().join("edited-input.rdbundle");
    let template = loaded.template.clone();
    resign(&out, &edited, |b| {
        let mut v: Value = serde_json::from_slice(b.merge_input()).unwrap();
        let old = halves(v["scores"][0]["value"].as_str().unwrap());
        v["scores"][0]["value"] = json!(from_halves(old - 1));
        let input: reviewdesk_core::rules::ComputeInput = serde_json::from_value(v).unwrap();
        let result = run_compute(&template, &input).unwrap();
        (Some(canonical_json(&input)), Some(canonical_json(&result)))
    });
    let err = verify_bundle(&edited, None, &ids("ORG")).unwrap_err();
    assert_eq!(err.code(), "recompute_mismatch");
    assert!(
        err.to_string().starts_with("merge-input does not match")
            && err.to_string().contains("scores[0].value"),
        "{err}"
    );

    // Not canonical: the same JSON, pretty-printed.
    let edited = tmp.path().join("pretty.rdbundle");
    resign(&out, &edited, |b| {
        let v: Value = serde_json::from_slice(b.merge_output()).unwrap();
        (None, Some(serde_json::to_vec_pretty(&v).unwrap()))
    });
    let err = verify_bundle(&edited, None, &ids("ORG")).unwrap_err();
    assert!(err.to_string().contains("canonical"), "{err}");
}

#[test]
fn a_sampled_stage_is_drawn_from_the_announced_value_and_recomputed() {
    let tmp = tempfile::tempdir().unwrap();
    let round = round_copy(Some("gd-pool-2021"));
    let (loaded, pkg) = seal(round.path(), tmp.path());
    let experts = ["E01", "E02", "E03", "E04", "E05"];
    let none: Vec<String> = Vec::new();
    // Each expert works in their own workspace, as at the desk.
    let workspaces: Vec<tempfile::TempDir> = experts
        .iter()
        .map(|_| tempfile::tempdir().unwrap())
        .collect();
    let org_fp = signer("ORG").fingerprint();
    let sign_in = |ws_dir: &Path, package: &Path, e: &str, part: &Value, name: &str| {
        let mut ws = reviewdesk_workspace::Workspace::open(ws_dir).unwrap();
        let part = serde_json::from_value(part.clone()).unwrap();
        let (_, signed) = sign_scores(
            &mut ws,
            package,
            &signer(e),
            &ids(e),
            Trust::Confirm(&org_fp),
            &part,
            &sign_now(),
        )
        .unwrap();
        let out = tmp.path().join(name);
        fs::write(&out, signed.file).unwrap();
        out
    };
    // Written and defense sheets first: no site-visit verdicts yet (the sampled
    // stage is not open before the draw).
    let first: Vec<PathBuf> = experts
        .iter()
        .zip(&workspaces)
        .map(|(e, w)| {
            sign_in(
                w.path(),
                &pkg,
                e,
                &part(&loaded, e, 0, Some(&none)),
                &format!("{e}-1.rdsheet"),
            )
        })
        .collect();
    let chair = signer("C01");
    let r = merge(
        &mut chair_package(&pkg),
        &chair,
        &ids("C01"),
        &first,
        MergeOptions::default(),
    );
    assert_eq!(code(r), "bad_draw", "the announced value is needed");
    let drawn = merge(
        &mut chair_package(&pkg),
        &chair,
        &ids("C01"),
        &first,
        MergeOptions {
            announced: Some("20260315"),
            opinions: None,
            audit: None,
        },
    )
    .unwrap();
    let drawn_sample = drawn.draw.drawn.clone().expect("a draw");
    let sample = drawn_sample.sample.clone();
    assert!(!sample.is_empty());
    // The organizer writes the sample into the round and seals the family again;
    // each expert imports their newer package into the same workspace (the work
    // carries over, its log starting again with the import) and gives the site
    // visits' verdicts. The verdicts are not part of what the draw commits to, so
    // the sample stays.
    let font = reviewdesk_reports::FontData::bundled().unwrap();
    let again = tmp.path().join("resealed");
    let shipped = reviewdesk_core::WorkdayCalendar::official();
    let org = signer("ORG");
    let h = open_sampled_stage(
        round.path(),
        &drawn_sample,
        HandOutTo {
            organizer: &org,
            dir: &again,
            font: &font,
            lang: reviewdesk_core::Lang::ZhCn,
            today: sign_now().today,
            calendar: &shipped,
        },
        &mut |_, _, _, _| {},
    )
    .unwrap();
    let whole = h
        .lines
        .iter()
        .find(|l| l.role == reviewdesk_formats::Role::Chair)
        .map(|l| again.join(&l.file))
        .unwrap();
    let second: Vec<PathBuf> = experts
        .iter()
        .zip(&workspaces)
        .map(|(e, w)| {
            sign_in(
                w.path(),
                &again.join("experts").join(format!("{e}.rdpkg")),
                e,
                &part(&loaded, e, 0, Some(&sample)),
                &format!("{e}-2.rdsheet"),
            )
        })
        .collect();
    let log = sheet_log(&whole, &second[0]);
    assert!(log.lines().nth(1).unwrap().contains("\"event\":\"pledge\""));
    assert!(log.lines().last().unwrap().contains("\"event\":\"sign\""));
    let out = tmp.path().join("result.rdbundle");
    let merged = merge_to_file(
        &mut chair_package(&whole),
        &chair,
        &ids("C01"),
        &second,
        MergeOptions {
            announced: Some("20260315"),
            opinions: None,
            audit: None,
        },
        &out,
    )
    .unwrap();
    assert!(merged
        .input
        .verdicts
        .iter()
        .all(|v| sample.contains(&v.applicant)));
    assert!(!merged.input.verdicts.is_empty());
    let d = merged.draw.drawn.clone().unwrap();
    assert_eq!(d.sample, sample);
    assert_eq!(d.announced, "20260315");
    assert_eq!(
        d.written_result_hash,
        written_result_hash(&loaded.template, &merged.input)
    );
    let v = verify_bundle(&out, None, &ids("ORG")).unwrap();
    assert_eq!(v.draw, merged.draw);
    // Another announced value in the record: the draw no longer recomputes.
    let edited = tmp.path().join("edited-draw.rdbundle");
    let b = OpenedBundle::open(&fs::read(&out).unwrap(), &ids("C01"), Trusted::AnyKey).unwrap();
    let mut rec: Value = serde_json::from_slice(b.draw()).unwrap();
    rec["drawn"]["sample"] = json!(["A01"]);
    let draw = canonical_json(&rec);
    let mut content = b.content();
    content.draw = &draw;
    fs::write(&edited, write_bundle(&content, &chair).unwrap()).unwrap();
    let err = verify_bundle(&edited, None, &ids("ORG")).unwrap_err();
    assert_eq!(err.code(), "recompute_mismatch");
    assert!(err.to_string().starts_with("draw does not match"), "{err}");
}

#[test]
fn sheets_of_the_per_expert_packages_merge_through_the_whole_packages_family() {
    let tmp = tempfile::tempdir().unwrap();
    let loaded = load_round(&demo_round_dir()).unwrap();
    let whole = tmp.path().join("round.rdpkg");
    let per = tmp.path().join("per-expert");
    let sealed = seal_family(
        &loaded,
        &load_cards(&loaded).unwrap(),
        &signer("ORG"),
        &whole,
        &per,
        &mut |_, _, _| {},
    )
    .unwrap();
    assert_eq!(sealed.len(), 6, "five per-expert packages, then the whole");
    assert_eq!(sealed[5].0, whole);
    // Each expert signs against their own package.
    let sheets: Vec<PathBuf> = ["E01", "E02", "E03", "E04", "E05"]
        .iter()
        .map(|e| {
            let own = per.join(format!("{e}.rdpkg"));
            sign(
                &own,
                e,
                &part(&loaded, e, 0, None),
                1,
                tmp.path(),
                &format!("{e}.rdsheet"),
            )
        })
        .collect();
    let audit = "{\"at\":\"2026-11-22T09:00:00Z\",\"event\":\"sheets_imported\",\"n\":5}\n";
    let out = tmp.path().join("x.rdbundle");
    let merged = merge_to_file(
        &mut chair_package(&whole),
        &signer("C01"),
        &ids("C01"),
        &sheets,
        MergeOptions {
            audit: Some(audit),
            ..MergeOptions::default()
        },
        &out,
    )
    .unwrap();
    assert_eq!(
        outcome_codes(&merged.sheets),
        ["E01@1", "E02@1", "E03@1", "E04@1", "E05@1"].map(String::from)
    );
    let v = verify_bundle(
        &out,
        Some(&reviewdesk_formats::Fingerprint::parse(ORG_FP).unwrap()),
        &ids("ORG"),
    )
    .unwrap();
    assert_eq!(v.bundle.sheets.len(), 5);
    assert_eq!(v.bundle.audit(), Some(audit.as_bytes()));
    assert_eq!(v.bundle.binding.family.len(), 5);

    // (A sheet signed against another expert's package is refused: see
    // `reviewdesk-formats`' bundle tests; here E02 cannot even open E01's.)
    let mut pkg = chair_package(&whole);
    // An audit log that is not JSON lines is refused before anything is written.
    let err = merge(
        &mut pkg,
        &signer("C01"),
        &ids("C01"),
        &sheets,
        MergeOptions {
            audit: Some("imported five sheets\n"),
            ..MergeOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "bad_content", "{err}");
}

#[test]
fn an_applicant_that_failed_the_eligibility_check_is_merged_ineligible_and_verifies() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = round_copy(None);
    let day = reviewdesk_core::Date::new(2026, 3, 9).unwrap();
    let not_met = reviewdesk_io::Checked::NotMet {
        item: "legal_entity".into(),
        note: "营业执照已被吊销。".into(),
    };
    reviewdesk_io::record_eligibility(dir.path(), "A02", &not_met, "郑雅文", day).unwrap();
    // The next assignment drops A02's rows.
    let req = reviewdesk_io::AssignRequest {
        per_applicant: None,
        max_load: None,
        seed: Some(3),
        today: day,
        pins: None,
        bans: None,
    };
    reviewdesk_io::assign_round(dir.path(), req, false).unwrap();
    let (loaded, pkg) = seal(dir.path(), tmp.path());
    assert!(loaded
        .round
        .assignments
        .iter()
        .all(|a| a.applicant != "A02"));
    let sheets: Vec<PathBuf> = ["E01", "E02", "E03", "E04", "E05"]
        .iter()
        .map(|e| {
            let p = part(&loaded, e, 0, None);
            sign(&pkg, e, &p, 1, tmp.path(), &format!("{e}.rdsheet"))
        })
        .collect();
    let out = tmp.path().join("x.rdbundle");
    let merged = merge_to_file(
        &mut chair_package(&pkg),
        &signer("C01"),
        &ids("C01"),
        &sheets,
        MergeOptions::default(),
        &out,
    )
    .unwrap();
    assert_eq!(merged.input.ineligible.len(), 1);
    assert_eq!(merged.input.ineligible[0].applicant, "A02");
    let a02 = merged
        .result
        .applicants
        .iter()
        .find(|a| a.id == "A02")
        .unwrap();
    assert_eq!(
        a02.status,
        reviewdesk_core::rules::ApplicantStatus::Ineligible
    );
    assert_eq!(a02.rank, None);
    assert_eq!(a02.failed_items[0].note, "营业执照已被吊销。");
    // Everyone else is reviewed, graded and ranked as before.
    assert!(merged
        .result
        .applicants
        .iter()
        .filter(|a| a.id != "A02")
        .all(|a| a.rank.is_some()));
    // The verifier rebuilds the input (its `ineligible` from the round) and the output.
    let v = verify_bundle(
        &out,
        Some(&reviewdesk_formats::Fingerprint::parse(ORG_FP).unwrap()),
        &ids("ORG"),
    )
    .unwrap();
    assert_eq!(v.bundle.sheets.len(), 5);
}
