//! The expert desk's services on a real SQLite workspace: import (verify, pin,
//! refuse), pledge, declarations, scores, materials in memory, signed sheets.
//! Keys are the demo round's public DEMO keys.

use std::fs;
use std::path::{Path, PathBuf};

use reviewdesk_core::rules::{Declaration, PartScore, RecusalCase};
use reviewdesk_core::Date;
use reviewdesk_desk::*;
use reviewdesk_formats::{audit_head, Fingerprint, Identity, KeyCard, Role, Signer};
use reviewdesk_io::{demo_round_dir, load_round};
use reviewdesk_workspace::Workspace;

fn keys() -> PathBuf {
    demo_round_dir().join("keys")
}
fn signer(id: &str) -> Signer {
    read_signing_key(&keys().join(format!("{id}.key"))).unwrap()
}
fn ids(id: &str) -> Vec<Identity> {
    read_identities(&keys().join(format!("{id}.age")))
        .map_err(|e| e.to_string())
        .unwrap()
}
fn now() -> Now {
    Now {
        at: "2026-11-21T08:00:00Z".into(),
        today: Date::new(2026, 11, 21).unwrap(),
    }
}
fn code<T: std::fmt::Debug>(r: Result<T, DeskError>) -> String {
    match r {
        Ok(v) => format!("ok {v:?}").chars().take(2).collect(),
        Err(e) => e.code().to_string(),
    }
}

/// Seals the demo round (or a copy edited by `edit`) for one expert.
fn seal_for(dir: &Path, expert: &str, name: &str, edit: &dyn Fn(&Path)) -> PathBuf {
    let round = dir.join(format!("round-{name}"));
    fs::create_dir_all(&round).unwrap();
    let src = demo_round_dir();
    fs::copy(src.join("round.toml"), round.join("round.toml")).unwrap();
    for sub in ["materials", "cards"] {
        fs::create_dir_all(round.join(sub)).unwrap();
        for e in fs::read_dir(src.join(sub)).unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), round.join(sub).join(e.file_name())).unwrap();
        }
    }
    edit(&round);
    let loaded = load_round(&round).unwrap();
    let cards = load_cards(&loaded).unwrap();
    let org = if round.join("org.key.seed").exists() {
        Signer::from_ed25519_seed(&[9; 32])
    } else {
        signer("ORG")
    };
    let out = dir.join(format!("{name}.rdpkg"));
    seal_round_to_file(
        &loaded,
        &cards,
        &org,
        Scope::Expert(expert),
        &out,
        &mut |_, _| {},
    )
    .unwrap();
    out
}

fn org_fp() -> Fingerprint {
    signer("ORG").fingerprint()
}

fn score(a: &str, ind: &str, v: &str) -> PartScore {
    PartScore {
        applicant: a.into(),
        stage: "written".into(),
        indicator: ind.into(),
        value: v.parse().unwrap(),
        reason: None,
        comment: "依据充分".into(),
    }
}

#[test]
fn import_verifies_pins_the_organizer_and_refuses_what_it_must() {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(&tmp.path().join("ws")).unwrap();
    let pkg = seal_for(tmp.path(), "E03", "first", &|_| {});
    let (me, my_ids) = (signer("E03"), ids("E03"));

    // First package of this organizer: the user must confirm the key.
    let r = import_package(&mut ws, &pkg, &me, &my_ids, Trust::Pinned, &now());
    assert_eq!(code(r), "organizer_not_pinned");
    let wrong = signer("E01").fingerprint();
    let r = import_package(&mut ws, &pkg, &me, &my_ids, Trust::Confirm(&wrong), &now());
    assert_eq!(code(r), "trust_mismatch");
    // Not this expert's package.
    let r = import_package(
        &mut ws,
        &pkg,
        &signer("E01"),
        &ids("E01"),
        Trust::Confirm(&org_fp()),
        &now(),
    );
    assert_eq!(code(r), "not_a_recipient");
    assert!(ws.packages().unwrap().is_empty(), "nothing half-imported");

    let imported = import_package(
        &mut ws,
        &pkg,
        &me,
        &my_ids,
        Trust::Confirm(&org_fp()),
        &now(),
    )
    .unwrap();
    assert!(imported.pinned_now);
    assert_eq!(imported.package.person, "E03");
    assert!(ws.package_file(&imported.package.id).is_file());

    // The same package again.
    let r = import_package(&mut ws, &pkg, &me, &my_ids, Trust::Pinned, &now());
    assert_eq!(code(r), "already_imported");

    // Another key claiming the same organizer: refused with both fingerprints.
    let other = seal_for(tmp.path(), "E03", "other-key", &|round| {
        let s = Signer::from_ed25519_seed(&[9; 32]);
        let age = Identity::generate();
        let card = KeyCard::write("冒充的主办方", Role::Organizer, &s, &age.to_public()).unwrap();
        fs::write(round.join("cards/ORG.card"), card).unwrap();
        fs::write(round.join("org.key.seed"), "").unwrap();
    });
    let err = import_package(&mut ws, &other, &me, &my_ids, Trust::Pinned, &now()).unwrap_err();
    assert_eq!(err.code(), "organizer_changed");
    let msg = err.to_string();
    assert!(msg.contains(&org_fp().to_string()), "{msg}");
    assert!(msg.contains(
        &Signer::from_ed25519_seed(&[9; 32])
            .fingerprint()
            .to_string()
    ));

    // Past its deadline.
    let expired = seal_for(tmp.path(), "E03", "expired", &|round| {
        let p = round.join("round.toml");
        let t = fs::read_to_string(&p).unwrap().replacen(
            "template = \"gd-supplier-recognition\"",
            "template = \"gd-supplier-recognition\"\ndeadline = \"2026-11-20\"",
            1,
        );
        fs::write(p, t).unwrap();
    });
    let r = import_package(&mut ws, &expired, &me, &my_ids, Trust::Pinned, &now());
    assert_eq!(code(r), "expired");

    // A tampered copy.
    let mut bytes = fs::read(&pkg).unwrap();
    let n = bytes.len();
    bytes[n - 100] ^= 1;
    let bad = tmp.path().join("tampered.rdpkg");
    fs::write(&bad, bytes).unwrap();
    let r = import_package(&mut ws, &bad, &me, &my_ids, Trust::Pinned, &now());
    assert_eq!(code(r), "hash_mismatch");
    assert_eq!(ws.packages().unwrap().len(), 1);
}

#[test]
fn the_expert_works_through_pledge_declarations_materials_scores_and_a_signed_sheet() {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(&tmp.path().join("ws")).unwrap();
    let pkg = seal_for(tmp.path(), "E03", "p", &|_| {});
    let (me, my_ids) = (signer("E03"), ids("E03"));
    let imported = import_package(
        &mut ws,
        &pkg,
        &me,
        &my_ids,
        Trust::Confirm(&org_fp()),
        &now(),
    )
    .unwrap();
    let mut desk = ExpertDesk::open(&ws, &imported.package.id, &my_ids).unwrap();
    let ind = desk
        .template
        .scored_indicators("written")
        .next()
        .unwrap()
        .id
        .clone();

    let no_conflict = |a: &str| Declaration {
        applicant: a.into(),
        recuse: None,
        note: String::new(),
    };
    // Nothing before the pledge.
    assert_eq!(
        code(desk.declare(&mut ws, no_conflict("A01"), &now())),
        "pledge_first"
    );
    assert_eq!(
        code(desk.material(&mut ws, &my_ids, "M01", &now())),
        "pledge_first"
    );
    desk.accept_pledge(&mut ws, &now()).unwrap();
    // No material before the declaration.
    assert_eq!(
        code(desk.material(&mut ws, &my_ids, "M01", &now())),
        "declare_first"
    );
    assert_eq!(
        code(desk.open_material(&mut ws, &my_ids, "M01", &now())),
        "declare_first"
    );
    assert_eq!(
        code(desk.material_range(&mut ws, &my_ids, "M01", 0, 10, &now())),
        "declare_first"
    );
    desk.declare(&mut ws, no_conflict("A01"), &now()).unwrap();
    let m01 = desk.material(&mut ws, &my_ids, "M01", &now()).unwrap();
    let original = fs::read(demo_round_dir().join("materials/A01-application.pdf")).unwrap();
    assert_eq!(m01, original);
    // Read by range, as the PDF viewer does: the same bytes.
    let n = desk.open_material(&mut ws, &my_ids, "M01", &now()).unwrap();
    assert_eq!(n, original.len() as u64);
    let mut by_range = Vec::new();
    let mut at = 0;
    while at < n {
        by_range.extend(
            desk.material_range(&mut ws, &my_ids, "M01", at, at + 7_000, &now())
                .unwrap(),
        );
        at += 7_000;
    }
    assert_eq!(by_range, original);
    assert_eq!(
        desk.material_range(&mut ws, &my_ids, "M01", n - 9, n + 100, &now())
            .unwrap(),
        original[original.len() - 9..]
    );
    // The stored bytes are hashed beside the reading, on their own thread.
    while !desk.material_verified("M01").unwrap() {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    // A byte changed in the workspace copy: the chunk it is in fails, and so does
    // the check of the stored bytes, which closes the material.
    let file = desk.file().to_path_buf();
    let intact = fs::read(&file).unwrap();
    let span = reviewdesk_formats::OpenedPackage::open(
        fs::File::open(&file).unwrap(),
        reviewdesk_formats::Trusted::Fingerprints(&[org_fp()]),
    )
    .unwrap()
    .entry_span("material.M01")
    .unwrap();
    let mut bad = intact.clone();
    bad[(span.at + span.size / 2) as usize] ^= 1;
    fs::write(&file, &bad).unwrap();
    desk.open_material(&mut ws, &my_ids, "M01", &now()).unwrap();
    let failed = loop {
        match desk.material_verified("M01") {
            Ok(false) => std::thread::sleep(std::time::Duration::from_millis(5)),
            other => break other,
        }
    };
    assert_eq!(code(failed), "hash_mismatch");
    assert_eq!(
        code(desk.material_verified("M01")),
        "malformed",
        "closed after the mismatch"
    );
    fs::write(&file, &intact).unwrap();

    // A recusal declared while a material is open closes it.
    desk.declare(&mut ws, no_conflict("A03"), &now()).unwrap();
    desk.open_material(&mut ws, &my_ids, "M05", &now()).unwrap();
    desk.declare(
        &mut ws,
        Declaration {
            applicant: "A03".into(),
            recuse: Some(RecusalCase::Other),
            note: "刚发现曾为其提供咨询".into(),
        },
        &now(),
    )
    .unwrap();
    assert_eq!(
        code(desk.material_range(&mut ws, &my_ids, "M05", 0, 100, &now())),
        "recused"
    );
    // A recusal is final: withdrawing it or changing its case is refused; the same
    // declaration again changes nothing.
    assert_eq!(
        code(desk.declare(&mut ws, no_conflict("A03"), &now())),
        "recusal_final"
    );
    let other_case = Declaration {
        applicant: "A03".into(),
        recuse: Some(RecusalCase::Board),
        note: String::new(),
    };
    assert_eq!(
        code(desk.declare(&mut ws, other_case, &now())),
        "recusal_final"
    );
    desk.declare(
        &mut ws,
        Declaration {
            applicant: "A03".into(),
            recuse: Some(RecusalCase::Other),
            note: "刚发现曾为其提供咨询".into(),
        },
        &now(),
    )
    .unwrap();

    // A04's request against E03 was upheld: the recusal is locked.
    assert_eq!(
        code(desk.declare(&mut ws, no_conflict("A04"), &now())),
        "recusal_locked"
    );
    desk.declare(
        &mut ws,
        Declaration {
            applicant: "A04".into(),
            recuse: Some(RecusalCase::UpheldRequest),
            note: String::new(),
        },
        &now(),
    )
    .unwrap();
    // Its materials are not even in this expert's package; its scoring is closed.
    assert_eq!(
        code(desk.material(&mut ws, &my_ids, "M06", &now())),
        "no_such_entry"
    );
    assert_eq!(
        code(desk.set_score(&mut ws, score("A04", &ind, "8"), &now())),
        "recused"
    );

    // Scores are checked before they are stored.
    assert_eq!(
        code(desk.set_score(&mut ws, score("A01", &ind, "999"), &now())),
        "out_of_range"
    );
    assert_eq!(
        code(desk.set_score(&mut ws, score("A01", &ind, "8.25"), &now())),
        "off_step"
    );
    desk.set_score(&mut ws, score("A01", &ind, "8"), &now())
        .unwrap();
    assert_eq!(
        code(desk.set_score(&mut ws, score("A02", &ind, "8"), &now())),
        "declare_first"
    );

    // Not every applicant declared: no sheet yet.
    assert_eq!(
        code(desk.sign(&mut ws, &me, &my_ids, &now())),
        "missing_declarations"
    );
    for a in ["A02", "A05", "A07", "A08"] {
        desk.declare(&mut ws, no_conflict(a), &now()).unwrap();
    }
    let sheet = desk.sign(&mut ws, &me, &my_ids, &now()).unwrap();
    assert_eq!(sheet.record.revision, 1);
    // The chair reads it back with the organizer's package and its own identity.
    let chair_pkg = open_for_member(&pkg, Some(&org_fp()), &ids("C01")).unwrap();
    let read = open_sheet(&sheet.file, &chair_pkg, &ids("C01")).unwrap();
    assert_eq!(read.expert, "E03");
    assert_eq!(read.revision, 1);
    assert_eq!(audit_head(&read.audit), Some(read.audit_head));
    assert!(read
        .audit
        .lines()
        .last()
        .unwrap()
        .contains(r#""event":"sign""#));
    let part: reviewdesk_core::rules::ExpertPart = serde_json::from_str(&read.scores).unwrap();
    assert_eq!(part.scores.len(), 1);
    assert_eq!(part.declarations.len(), 7);

    // The workshop photo carries EXIF orientation 6 (rotate 90°): shown upright.
    let photo = desk.material(&mut ws, &my_ids, "M03", &now()).unwrap();
    let raw = image::load_from_memory(&photo).unwrap();
    let png = oriented_image(&photo, 4096).unwrap();
    let shown = image::load_from_memory(&png).unwrap();
    assert_eq!((shown.width(), shown.height()), (raw.height(), raw.width()));
    let thumb = image::load_from_memory(&oriented_image(&photo, 200).unwrap()).unwrap();
    assert!(thumb.width() <= 200 && thumb.height() <= 200);

    // An edit, then the next revision.
    desk.set_score(&mut ws, score("A01", &ind, "9"), &now())
        .unwrap();
    let again = desk.sign(&mut ws, &me, &my_ids, &now()).unwrap();
    assert_eq!(again.record.revision, 2);
    assert_eq!(ws.sheets(&imported.package.id).unwrap().len(), 2);
    ws.integrity_check().unwrap();

    // The printed sheet names the applicants and the score, with the hash on each page.
    let font = reviewdesk_reports::FontData::bundled().unwrap();
    let pdf = score_sheet_pdf(
        &desk,
        PrintedSheet {
            part: &again.part,
            revision: again.record.revision,
            sha256: &again.record.sha256,
            signed_at: &again.record.signed_at,
        },
        &font,
        reviewdesk_core::Lang::ZhCn,
    )
    .unwrap();
    let pdf_path = tmp.path().join("sheet.pdf");
    fs::write(&pdf_path, &pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args([pdf_path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/setup.sh");
    let text = String::from_utf8(out.stdout).unwrap();
    let a01 = &desk.round.applicant("A01").unwrap().name;
    assert!(text.contains(a01.as_str()), "{text}");
    assert!(text.contains("专家签字"));
    assert!(text.contains(&again.record.sha256[..16]));
    assert!(text.contains("回避"));

    // Another sealing with the same revision is not newer: refused, nothing kept.
    let same = seal_for(tmp.path(), "E03", "same", &|_| {});
    let err = import_package(&mut ws, &same, &me, &my_ids, Trust::Pinned, &now()).unwrap_err();
    assert_eq!(code(Err::<(), _>(err)), "stale_package");
    assert_eq!(ws.packages().unwrap().len(), 1);

    // A newer package (revision 2) of the same round carries the work over.
    let newer = seal_for(tmp.path(), "E03", "newer", &|round| {
        let path = round.join("round.toml");
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, format!("package_revision = 2\n{text}")).unwrap();
    });
    let imp2 = import_package(&mut ws, &newer, &me, &my_ids, Trust::Pinned, &now()).unwrap();
    assert_eq!(
        imp2.supersedes.as_deref(),
        Some(imported.package.id.as_str())
    );
    assert_eq!(imp2.carried, 8, "{:?}", imp2.dropped);
    let part2 = ws.part(&imp2.package.id).unwrap();
    assert_eq!(part2.scores[0].value.to_string(), "9");

    // The older revision, imported after the newer one, is refused with both named.
    let err = import_package(&mut ws, &same, &me, &my_ids, Trust::Pinned, &now()).unwrap_err();
    assert!(
        matches!(
            &err,
            DeskError::StalePackage { offered: 1, held: 2, round } if round == "gd-pool-2026-01"
        ),
        "{err}"
    );
    assert_eq!(ws.packages().unwrap().len(), 2);
}
