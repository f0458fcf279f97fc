//! The organizer's decisions (`decisions`) end to end: sealed into the whole
//! package and into each expert's (only that expert's part), verified against the
//! round, carried by the chair's merge into the result bundle byte for byte and
//! recomputed by `verify_bundle`; a package or a bundle whose decisions are not
//! the round's, or not the package's, is refused.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use reviewdesk_core::{organizer_decisions, Date, Decisions, RecusalRuling};
use reviewdesk_desk::*;
use reviewdesk_formats::{write_bundle, BundleContent, Namespace, OpenedBundle, Role};
use reviewdesk_io::{dismiss_round_conflict, load_round, LoadedRound};
use sha2::{Digest, Sha256};

fn day() -> Date {
    Date::new(2026, 3, 10).unwrap()
}

/// A copy of the demo round in which E02's employer is the first applicant
/// assigned to E02 (by name), a conflict the organizer dismissed with a reason.
fn round_with_a_dismissed_conflict() -> (tempfile::TempDir, String) {
    let dir = round_copy(None);
    let loaded = load_round(dir.path()).unwrap();
    let a = loaded
        .round
        .assignments
        .iter()
        .find(|x| x.expert == "E02")
        .unwrap()
        .applicant
        .clone();
    let name = loaded.round.applicant(&a).unwrap().name.clone();
    let path = dir.path().join("round.toml");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("粤海理工学院信息工程学院", &name);
    fs::write(&path, text).unwrap();
    dismiss_round_conflict(
        dir.path(),
        &a,
        "E02",
        "仅兼职顾问，不参与经营",
        "郑雅文",
        day(),
    )
    .unwrap();
    (dir, a)
}

fn seal_on(loaded: &LoadedRound, scope: Scope<'_>, out: &Path) {
    let cards = load_cards(loaded).unwrap();
    seal_round_to_file_on(
        loaded,
        &cards,
        &signer("ORG"),
        scope,
        day(),
        out,
        &mut |_, _| {},
    )
    .unwrap();
}

/// The plaintext of a package's entry, for `who`.
fn entry(pkg: &Path, who: &str, name: &str) -> Vec<u8> {
    let mut p = open_for_member(pkg, None, &ids(who)).unwrap();
    p.package.decrypt_entry(name, &ids(who), &p.index).unwrap()
}

#[test]
fn decisions_go_from_the_seal_through_the_merge_into_the_verified_bundle() {
    let (round, conflicted) = round_with_a_dismissed_conflict();
    let tmp = tempfile::tempdir().unwrap();
    let loaded = load_round(round.path()).unwrap();
    let pkg = tmp.path().join("round.rdpkg");
    seal_on(&loaded, Scope::Whole, &pkg);
    let expected = organizer_decisions(&loaded.round, &loaded.template, day());
    assert_eq!(expected.conflicts.len(), 1);
    assert_eq!(expected.conflicts[0].applicant, conflicted);
    assert!(expected.conflicts[0].dismissal.is_some());

    // Verified with the chair's key: read strictly and equal to the round's.
    let v = verify_package(&pkg, None, &ids("C01"), &|_| {}).unwrap();
    assert_eq!(v.inspection.decisions.as_ref(), Some(&expected));
    let i = inspect_package(&pkg, &ids("E01")).unwrap();
    assert_eq!(i.decisions.as_ref(), Some(&expected));
    assert!(i
        .decisions
        .unwrap()
        .summary()
        .contains("1 conflicts (1 dismissed)"));
    assert!(inspect_package(&pkg, &[]).unwrap().decisions.is_none());
    let bytes = entry(&pkg, "C01", DECISIONS_ENTRY);
    assert_eq!(bytes, expected.to_text());

    // The chair's merge carries them byte for byte; the verifier recomputes them.
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
    for who in ["ORG", "C01"] {
        let v = verify_bundle(&out, None, &ids(who)).unwrap();
        assert_eq!(v.decisions, expected);
        assert_eq!(v.bundle.decisions(), Some(bytes.as_slice()));
        let names: Vec<&str> = v
            .bundle
            .manifest
            .entries
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(names[4], "decisions");
    }

    // Other decisions in the bundle, signed by the chair past the writer (which
    // refuses them): the package index's hash refuses them.
    let b = open_bundle(&out, None, &ids("C01")).unwrap();
    let mut content = b.content();
    let altered = String::from_utf8(bytes.clone())
        .unwrap()
        .replace("仅兼职顾问", "专职顾问")
        .into_bytes();
    content.decisions = Some(&altered);
    let err = write_bundle(&content, &signer("C01")).unwrap_err();
    assert_eq!(err.code().as_str(), "unwritable");
    let forged = tmp.path().join("forged.rdbundle");
    fs::write(&forged, forge_bundle(&b, &content)).unwrap();
    let err = verify_bundle(&forged, None, &ids("ORG")).unwrap_err();
    assert_eq!(err.code(), "hash_mismatch");
    assert!(err.to_string().contains("decisions"), "{err}");
    // Left out: the package lists them, so the bundle must carry them.
    content.decisions = None;
    fs::write(&forged, forge_bundle(&b, &content)).unwrap();
    let err = verify_bundle(&forged, None, &ids("ORG")).unwrap_err();
    assert_eq!(err.code(), "index_mismatch");
    // The forger's assembly is the writer's: the same content verifies.
    content.decisions = Some(&bytes);
    fs::write(&forged, forge_bundle(&b, &content)).unwrap();
    verify_bundle(&forged, None, &ids("ORG")).unwrap();
}

#[test]
fn an_experts_package_carries_only_that_experts_decisions() {
    let (round, conflicted) = round_with_a_dismissed_conflict();
    let tmp = tempfile::tempdir().unwrap();
    let loaded = load_round(round.path()).unwrap();
    let cards = load_cards(&loaded).unwrap();
    let whole = tmp.path().join("round.rdpkg");
    let per = tmp.path().join("experts");
    // Sealing per expert works with another expert's dismissal in the round.
    seal_family_on(
        &loaded,
        &cards,
        &signer("ORG"),
        day(),
        &whole,
        &per,
        &mut |_, _, _| {},
    )
    .unwrap();
    for e in ["E01", "E02", "E03"] {
        let pkg = per.join(format!("{e}.rdpkg"));
        let v = verify_package(&pkg, None, &ids(e), &|_| {}).unwrap();
        let d = v.inspection.decisions.unwrap();
        let mine = round_for_expert(&loaded, e).unwrap();
        assert_eq!(d, organizer_decisions(&mine, &loaded.template, day()));
        assert!(d.recusals.iter().all(|r| r.expert == e));
        assert!(d.conflicts.iter().all(|c| c.expert == e));
        let text = String::from_utf8(d.to_text()).unwrap();
        let others = ["E01", "E02", "E03", "E04", "E05"]
            .into_iter()
            .filter(|x| *x != e);
        for x in others {
            assert!(
                !text.contains(&format!("\"{x}\"")),
                "{e}'s decisions name {x}"
            );
        }
        assert_eq!(d.conflicts.len(), usize::from(e == "E02"), "{e}");
        if e == "E02" {
            assert_eq!(d.conflicts[0].applicant, conflicted);
        }
        if e == "E03" {
            assert_eq!(d.recusals[0].ruling, RecusalRuling::Upheld);
        }
    }
    // The whole package (the chair's) carries the whole round's.
    let v = verify_package(&whole, None, &ids("C01"), &|_| {}).unwrap();
    assert_eq!(
        v.inspection.decisions.unwrap(),
        organizer_decisions(&loaded.round, &loaded.template, day())
    );
}

/// Seals the demo round with `decisions` in place of its own (the organizer's
/// key signs whatever it is given).
fn seal_with_decisions(loaded: &LoadedRound, decisions: Option<Vec<u8>>, out: &Path) {
    let cards = load_cards(loaded).unwrap();
    let org = signer("ORG");
    let mut c = contents(loaded, &cards, &org, Scope::Whole, day()).unwrap();
    let at = c
        .entries
        .iter()
        .position(|(n, _)| n == DECISIONS_ENTRY)
        .unwrap();
    match decisions {
        Some(d) => c.entries[at].1 = Source::Bytes(d),
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
                    Source::File(p, _) => Box::new(fs::File::open(p)?),
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
fn a_package_whose_decisions_are_missing_malformed_or_not_its_rounds_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let loaded = load_round(&reviewdesk_io::demo_round_dir()).unwrap();
    let good = organizer_decisions(&loaded.round, &loaded.template, day());
    let text = String::from_utf8(good.to_text()).unwrap();
    let pkg = |name: &str, d: Option<String>| -> PathBuf {
        let p = tmp.path().join(name);
        seal_with_decisions(&loaded, d.map(String::into_bytes), &p);
        p
    };
    let verify = |p: &Path| verify_package(p, None, &ids("C01"), &|_| {});

    let ok = pkg("ok.rdpkg", Some(text.clone()));
    verify(&ok).unwrap();

    // Sealed without them: refused with or without a key, and by the merge.
    let none = pkg("none.rdpkg", None);
    assert_eq!(code(verify(&none)), "no_such_entry");
    assert_eq!(
        code(verify_package(&none, None, &[], &|_| {})),
        "no_such_entry"
    );
    let sheets = demo_sheets(&loaded, &ok, tmp.path());
    let merge_of = |p: &Path| {
        merge(
            &mut chair_package(p),
            &signer("C01"),
            &ids("C01"),
            &sheets,
            MergeOptions::default(),
        )
    };
    assert_eq!(code(merge_of(&none)), "no_such_entry");

    // Not read strictly: each is bad_content naming the entry and the reader's code.
    for (d, inner) in [
        (format!("{text}\n"), "not_canonical"),
        (text.replace("{\"round\"", "{ \"round\""), "not_canonical"),
        (
            text.replace("{\"round\"", "{\"x\":1,\"round\""),
            "malformed",
        ),
        (
            text.replace("decisions/1", "decisions/2"),
            "unsupported_version",
        ),
    ] {
        let p = pkg("bad.rdpkg", Some(d));
        let err = verify(&p).unwrap_err();
        assert_eq!(err.code(), "bad_content");
        let msg = err.to_string();
        assert!(
            msg.starts_with("decisions: ") && msg.contains(inner),
            "{msg}"
        );
    }

    // Well formed but not the round's: a dismissal that was never recorded, a
    // recusal ruled otherwise, another day's conflicts. The merge refuses too.
    let mut forged = good.clone();
    forged.recusals[0].ruling = RecusalRuling::Rejected;
    let p = pkg(
        "rejected.rdpkg",
        Some(String::from_utf8(forged.to_text()).unwrap()),
    );
    let err = verify(&p).unwrap_err();
    assert_eq!(err.code(), "bad_content");
    assert!(err.to_string().contains("recusals[0].ruling"), "{err}");
    assert_eq!(code(merge_of(&p)), "bad_content");
    let mut forged = good.clone();
    forged.assignment.applicants[0].experts.pop();
    let p = pkg(
        "pairs.rdpkg",
        Some(String::from_utf8(forged.to_text()).unwrap()),
    );
    assert!(verify(&p)
        .unwrap_err()
        .to_string()
        .contains("assignment.applicants[0].experts"));
}

#[test]
fn a_bundle_of_decisions_that_are_not_its_rounds_fails_recomputation() {
    // The organizer sealed decisions its round does not give; the chair's desk
    // refuses to merge them, so a bundle of them is written by hand and signed by
    // the chair: the verifier recomputes them from the round.
    let tmp = tempfile::tempdir().unwrap();
    let loaded = load_round(&reviewdesk_io::demo_round_dir()).unwrap();
    let good = tmp.path().join("good.rdpkg");
    seal_on(&loaded, Scope::Whole, &good);
    let sheets = demo_sheets(&loaded, &good, tmp.path());
    let valid = tmp.path().join("valid.rdbundle");
    merge_to_file(
        &mut chair_package(&good),
        &signer("C01"),
        &ids("C01"),
        &sheets,
        MergeOptions::default(),
        &valid,
    )
    .unwrap();
    let valid = open_bundle(&valid, None, &ids("C01")).unwrap();

    let mut forged: Decisions = organizer_decisions(&loaded.round, &loaded.template, day());
    forged.recusals[0].ruling_reason = Some("另有说明".into());
    let bad = tmp.path().join("bad.rdpkg");
    seal_with_decisions(&loaded, Some(forged.to_text()), &bad);
    let mut p = chair_package(&bad);
    // No expert desk imports such a package, so the experts' sheets are forged
    // too: each expert's part signed against it with the log their desk wrote for
    // the good package, its import line naming this one (a log that replays).
    let id = |pkg: &Path| {
        open_package(pkg, None)
            .unwrap()
            .manifest
            .package
            .to_string()
    };
    let (good_id, bad_id) = (id(&good), id(&bad));
    let forged_dir = tmp.path().join("forged-sheets");
    fs::create_dir(&forged_dir).unwrap();
    let sheets: Vec<PathBuf> = ["E01", "E02", "E03", "E04", "E05"]
        .iter()
        .zip(&sheets)
        .map(|(e, good_sheet)| {
            let log = sheet_log(&good, good_sheet).replacen(&good_id, &bad_id, 1);
            sign_unlogged(
                &bad,
                e,
                &part(&loaded, e, 0, None),
                1,
                &log,
                &forged_dir,
                &format!("{e}.rdsheet"),
            )
        })
        .collect();
    let plain: Vec<Vec<u8>> = sheets
        .iter()
        .map(|s| {
            reviewdesk_formats::decrypt("sheet", &fs::read(s).unwrap(), &ids("C01"), 1 << 24)
                .unwrap()
        })
        .collect();
    let take =
        |p: &mut OpenPackage, n: &str| p.package.decrypt_entry(n, &ids("C01"), &p.index).unwrap();
    let (round, template, decisions, calendar) = (
        take(&mut p, "round"),
        take(&mut p, "template"),
        take(&mut p, DECISIONS_ENTRY),
        take(&mut p, "calendar"),
    );
    let content = BundleContent {
        package_manifest: &p.package.signed_manifest,
        package_index: &p.index_plaintext,
        round: &round,
        template: &template,
        sheets: plain.iter().map(Vec::as_slice).collect(),
        merge_input: valid.merge_input(),
        merge_output: valid.merge_output(),
        opinions: valid.opinions(),
        draw: valid.draw(),
        family: None,
        decisions: Some(&decisions),
        calendar: Some(&calendar),
        audit: None,
    };
    let out = tmp.path().join("forged.rdbundle");
    fs::write(&out, write_bundle(&content, &signer("C01")).unwrap()).unwrap();
    open_bundle(&out, None, &ids("ORG")).unwrap();
    let err = verify_bundle(&out, None, &ids("ORG")).unwrap_err();
    assert_eq!(err.code(), "recompute_mismatch");
    let msg = err.to_string();
    assert!(
        msg.starts_with("decisions does not match") && msg.contains("recusals[0].ruling_reason"),
        "{msg}"
    );
}

/// A bundle container assembled and signed by the chair exactly as the writer
/// does, without the writer's checks, encrypted to the organizer and the chair.
fn forge_bundle(b: &OpenedBundle, content: &BundleContent<'_>) -> Vec<u8> {
    let mut parts: Vec<(String, &[u8])> = vec![
        ("package-manifest".into(), content.package_manifest),
        ("package-index".into(), content.package_index),
        ("round".into(), content.round),
        ("template".into(), content.template),
    ];
    parts.extend(content.family.map(|f| ("family".to_string(), f)));
    parts.extend(content.decisions.map(|d| ("decisions".to_string(), d)));
    parts.extend(content.calendar.map(|c| ("calendar".to_string(), c)));
    for s in &b.sheets {
        let name = format!("sheet.{}", s.expert);
        parts.push((name.clone(), b.entry(&name).unwrap()));
    }
    parts.extend([
        ("merge-input".to_string(), content.merge_input),
        ("merge-output".to_string(), content.merge_output),
        ("opinions".to_string(), content.opinions),
        ("draw".to_string(), content.draw),
    ]);
    parts.extend(content.audit.map(|a| ("audit".to_string(), a)));
    let hex = |b: &[u8]| -> String { b.iter().map(|x| format!("{x:02x}")).collect() };
    let chair = signer("C01");
    let mut body = format!(
        "reviewdesk-bundle-manifest/1\npackage: {}\nmanifest: {}\nround: {}\nchair: {}\nentries: {}\n",
        b.manifest.package,
        hex(&b.manifest.manifest_sha256),
        b.manifest.round,
        chair.fingerprint(),
        parts.len()
    );
    for (name, bytes) in &parts {
        body += &format!(
            "entry: {name} {} {}\n",
            bytes.len(),
            hex(&Sha256::digest(bytes))
        );
    }
    let signed = chair
        .sign_text(Namespace::BundleManifest, body.as_bytes())
        .unwrap();
    let mut container = b"reviewdesk-bundle/1\n".to_vec();
    container.extend((signed.len() as u32).to_be_bytes());
    container.extend(&signed);
    for (_, bytes) in &parts {
        container.extend_from_slice(bytes);
    }
    let to: Vec<_> = b
        .index
        .recipients
        .iter()
        .filter(|r| matches!(r.role, Role::Organizer | Role::Chair))
        .map(|r| r.age.clone())
        .collect();
    reviewdesk_formats::encrypt(&container, &to).unwrap()
}
