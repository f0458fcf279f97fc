//! The desk services against the demo round and copies of it: the panel's cards,
//! per-expert rounds, sealing and verifying, sheets, exports. Keys are the demo
//! round's public DEMO keys.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use reviewdesk_desk::*;
use reviewdesk_formats::{KeyCard, Signer};
use reviewdesk_io::{demo_round_dir, load_round};

fn keys() -> PathBuf {
    demo_round_dir().join("keys")
}

fn signer(id: &str) -> Signer {
    read_signing_key(&keys().join(format!("{id}.key"))).unwrap()
}

fn ids(id: &str) -> Vec<reviewdesk_formats::Identity> {
    read_identities(&keys().join(format!("{id}.age")))
        .map_err(|e| e.to_string())
        .unwrap()
}

/// A copy of the demo round (round, materials, cards) to break.
fn demo_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let src = demo_round_dir();
    fs::copy(src.join("round.toml"), tmp.path().join("round.toml")).unwrap();
    for sub in ["materials", "cards"] {
        fs::create_dir(tmp.path().join(sub)).unwrap();
        for e in fs::read_dir(src.join(sub)).unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), tmp.path().join(sub).join(e.file_name())).unwrap();
        }
    }
    tmp
}

fn code<T>(r: Result<T, DeskError>) -> &'static str {
    r.map_or_else(|e| e.code().as_str(), |_| "ok")
}

fn sealed(dir: &Path, scope: Scope<'_>) -> PathBuf {
    let loaded = load_round(&demo_round_dir()).unwrap();
    let cards = load_cards(&loaded).unwrap();
    let out = dir.join("p.rdpkg");
    seal_round_to_file(&loaded, &cards, &signer("ORG"), scope, &out, &mut |_, _| {}).unwrap();
    out
}

#[test]
fn the_demo_cards_are_made_from_the_demo_keys() {
    let loaded = load_round(&demo_round_dir()).unwrap();
    let cards = load_cards(&loaded).unwrap();
    assert_eq!(cards.organizer.person, "ORG");
    assert_eq!(cards.members.len(), 6);
    for c in std::iter::once(&cards.organizer).chain(&cards.members) {
        let again = KeyCard::write(
            &c.card.name,
            c.card.role,
            &signer(&c.person),
            &ids(&c.person)[0].to_public(),
        )
        .unwrap();
        assert_eq!(again, c.bytes, "cards/{}.card is stale", c.person);
    }
}

#[test]
fn the_cards_folder_is_checked() {
    let check = |f: &dyn Fn(&Path)| {
        let tmp = demo_copy();
        f(&tmp.path().join("cards"));
        let loaded = load_round(tmp.path()).unwrap();
        code(load_cards(&loaded))
    };
    assert_eq!(check(&|_| {}), "ok");
    assert_eq!(
        check(&|d| fs::remove_file(d.join("E02.card")).unwrap()),
        "bad_cards"
    );
    assert_eq!(
        check(&|d| fs::remove_file(d.join("ORG.card")).unwrap()),
        "bad_cards"
    );
    // The chair's card filed as an expert's: wrong role (and the same key twice).
    assert_eq!(
        check(&|d| fs::copy(d.join("C01.card"), d.join("E01.card"))
            .map(drop)
            .unwrap()),
        "bad_cards"
    );
    assert_eq!(
        check(&|d| fs::write(d.join("notes.txt"), "x").unwrap()),
        "bad_cards"
    );
    // A second organizer card.
    assert_eq!(
        check(&|d| fs::copy(d.join("ORG.card"), d.join("ORG2.card"))
            .map(drop)
            .unwrap()),
        "bad_cards"
    );
    // A tampered card.
    assert_eq!(
        check(&|d| {
            let p = d.join("E03.card");
            let t = fs::read_to_string(&p).unwrap().replace("黄志强", "黄志刚");
            fs::write(p, t).unwrap()
        }),
        "bad_signature"
    );
}

#[test]
fn an_experts_round_names_only_their_applicants() {
    let loaded = load_round(&demo_round_dir()).unwrap();
    let r = round_for_expert(&loaded, "E03").unwrap();
    let applicants: Vec<&str> = r.applicants.iter().map(|a| a.id.as_str()).collect();
    // E03 is assigned A01-A05, A07, A08; A04's recusal request against E03 was
    // upheld: A04 stays listed with its request, without its materials.
    assert_eq!(
        applicants,
        ["A01", "A02", "A03", "A04", "A05", "A07", "A08"]
    );
    assert_eq!(r.panel.experts.len(), 1);
    assert!(r.assignments.iter().all(|a| a.expert == "E03"));
    assert!(r
        .materials
        .iter()
        .all(|m| applicants.contains(&m.applicant.as_str()) && m.applicant != "A04"));
    assert_eq!(r.recusal_requests.len(), 1);
    assert_eq!(r.recusal_requests[0].applicant, "A04");
    // The TOML reads back as the same round.
    let text = String::from_utf8(round_toml_for_expert(&loaded, "E03").unwrap()).unwrap();
    let back: reviewdesk_core::Round = toml::from_str(&text).unwrap();
    assert_eq!(back, r);
    assert_eq!(code(round_for_expert(&loaded, "C01")), "bad_expert");
}

#[test]
fn a_sealed_round_verifies_with_and_without_a_key() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = sealed(tmp.path(), Scope::Whole);
    let seen = AtomicU64::new(0);
    let v = verify_package(&pkg, None, &[], &|n| {
        seen.fetch_add(n, Ordering::Relaxed);
    })
    .unwrap();
    assert!(!v.decrypted);
    // index, round, template, decisions, calendar, 7 cards, 8 materials.
    assert_eq!(v.entries_checked, 20);
    assert_eq!(v.inspection.entries[3].name, "decisions");
    assert_eq!(v.inspection.entries[4].name, "calendar");
    assert!(v.inspection.decisions.is_none(), "not read without a key");
    assert_eq!(v.inspection.recipient_count, 7);
    let stored: u64 = v.inspection.entries.iter().map(|e| e.size).sum();
    assert_eq!(seen.load(Ordering::Relaxed), stored);
    let fp = signer("ORG").fingerprint();
    let v = verify_package(&pkg, Some(&fp), &ids("E05"), &|_| {}).unwrap();
    assert!(v.decrypted);
    let d = v.inspection.decisions.as_ref().expect("read and checked");
    assert_eq!(d.eligibility.len(), 8);
    assert_eq!(
        v.inspection.calendar,
        Some(reviewdesk_core::WorkdayCalendar::official()),
        "the round's calendar, read strictly"
    );
    assert_eq!(v.inspection.recipients.unwrap().len(), 7);
    let other = signer("E01").fingerprint();
    assert_eq!(
        code(verify_package(&pkg, Some(&other), &[], &|_| {})),
        "unknown_signer"
    );
}

#[test]
fn verify_names_the_first_bad_entry_in_container_order() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = sealed(tmp.path(), Scope::Whole);
    let i = inspect_package(&pkg, &[]).unwrap();
    let mut bytes = fs::read(&pkg).unwrap();
    let header = bytes.len() as u64 - i.entries.iter().map(|e| e.size).sum::<u64>();
    let start = |name: &str| {
        let k = i.entries.iter().position(|e| e.name == name).unwrap();
        (header + i.entries[..k].iter().map(|e| e.size).sum::<u64>()) as usize
    };
    // Corrupt M07 and M02: M02 comes first in the container.
    let (m07, m02) = (start("material.M07"), start("material.M02"));
    bytes[m07 + 100] ^= 1;
    bytes[m02 + 100] ^= 1;
    fs::write(&pkg, bytes).unwrap();
    let err = verify_package(&pkg, None, &[], &|_| {}).unwrap_err();
    assert_eq!(err.code(), "hash_mismatch");
    assert!(err.to_string().starts_with("entry material.M02"), "{err}");
}

#[test]
fn sheets_round_trip_against_their_package() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = sealed(tmp.path(), Scope::Expert("E02"));
    let opened = open_for_member(&pkg, None, &ids("E02")).unwrap();
    let draft = SheetDraft {
        scores: r#"{"scores": [{"value": "9.25"}]}"#,
        audit: "{\"event\":\"opened\"}\n",
        revision: 1,
    };
    let sheet = sign_sheet(&opened, &signer("E02"), draft).unwrap();
    let chair = open_for_member(&pkg, None, &ids("C01")).unwrap();
    let read = open_sheet(&sheet, &chair, &ids("C01")).unwrap();
    assert_eq!(read.expert, "E02");
    assert_eq!(read.scores, "{\"scores\": [{\"value\": \"9.25\"}]}\n");
    // E01 is not in E02's package.
    assert_eq!(
        code(sign_sheet(&opened, &signer("E01"), draft)),
        "not_an_expert"
    );
    assert_eq!(code(check_scores("[1, 2]")), "bad_scores");
    assert_eq!(code(check_scores("{\"a\": }")), "bad_scores");
    // Numbers are never read (no floating point): any JSON object passes.
    assert_eq!(code(check_scores("{\"a\": 1e400}")), "ok");
}

#[test]
fn exports_name_entries_by_material_id_or_entry_name() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = sealed(tmp.path(), Scope::Whole);
    let (name, c) = encrypted_entry(&pkg, None, "M03").unwrap();
    assert_eq!(name, "material.M03");
    let plain = reviewdesk_formats::decrypt("m", &c, &ids("E01"), 1 << 20).unwrap();
    assert_eq!(
        plain,
        fs::read(demo_round_dir().join("materials/A01-workshop-photo.jpg")).unwrap()
    );
    assert_eq!(
        encrypted_entry(&pkg, None, "card.E02").unwrap().0,
        "card.E02"
    );
    assert_eq!(
        code(encrypted_entry(&pkg, None, "../round")),
        "no_such_entry"
    );
    let e = package_signature(&pkg, None).unwrap();
    assert!(e.payload.starts_with(b"reviewdesk-package-manifest/1\n"));
    assert!(e.signature.starts_with(b"-----BEGIN SSH SIGNATURE-----\n"));
    let files = e.write_to(&tmp.path().join("out dir")).unwrap();
    let cmd = e.verify_command(&files);
    assert!(
        cmd.contains('\'') && cmd.contains("-n reviewdesk-package-manifest@v1"),
        "{cmd}"
    );
}

#[test]
fn file_kinds_come_from_the_first_bytes() {
    assert_eq!(
        file_kind(b"reviewdesk-package/1\n\0\0").unwrap(),
        FileKind::Package
    );
    assert_eq!(
        file_kind(b"age-encryption.org/v1\n-> X25519").unwrap(),
        FileKind::Encrypted
    );
    assert_eq!(
        file_kind(b"reviewdesk-keycard/1\nname").unwrap(),
        FileKind::KeyCard
    );
    assert_eq!(code(file_kind(b"reviewdesk-package/2\n")), "bad_magic");
}

#[test]
fn a_failed_seal_leaves_nothing_behind() {
    let tmp = demo_copy();
    let loaded = load_round(tmp.path()).unwrap();
    let cards = load_cards(&loaded).unwrap();
    // A material disappears after the round was loaded.
    fs::remove_file(tmp.path().join("materials/A05-audit-report.pdf")).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("p.rdpkg");
    let err = seal_round_to_file(
        &loaded,
        &cards,
        &signer("ORG"),
        Scope::Whole,
        &out,
        &mut |_, _| {},
    )
    .unwrap_err();
    assert!(err.to_string().contains("A05-audit-report.pdf"), "{err}");
    assert_eq!(fs::read_dir(out_dir.path()).unwrap().count(), 0);
    // Nor does an export whose entry fails its hash.
    let pkg = sealed(out_dir.path(), Scope::Whole);
    let mut bytes = fs::read(&pkg).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    fs::write(&pkg, bytes).unwrap();
    let target = out_dir.path().join("M08.age");
    let err = write_encrypted_entry(&pkg, None, "M08", &target).unwrap_err();
    assert_eq!(err.code(), "hash_mismatch");
    assert_eq!(fs::read_dir(out_dir.path()).unwrap().count(), 1);
}

#[test]
fn a_failed_applicant_is_in_no_experts_package() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = demo_copy();
    // A02 fails the eligibility check after the assignment was made: its
    // [[assignment]] rows are still there, yet no expert's package has it.
    let not_met = reviewdesk_io::Checked::NotMet {
        item: "coverage".into(),
        note: "业务仅覆盖深圳市。".into(),
    };
    let day = reviewdesk_core::Date::new(2026, 3, 9).unwrap();
    let loaded =
        reviewdesk_io::record_eligibility(dir.path(), "A02", &not_met, "郑雅文", day).unwrap();
    assert!(loaded
        .round
        .assignments
        .iter()
        .any(|a| a.applicant == "A02"));
    let a02: Vec<String> = loaded
        .round
        .materials
        .iter()
        .filter(|m| m.applicant == "A02")
        .map(|m| format!("material.{}", m.id))
        .collect();
    assert!(!a02.is_empty());
    let whole = tmp.path().join("round.rdpkg");
    let per = tmp.path().join("per-expert");
    let cards = load_cards(&loaded).unwrap();
    let sealed = seal_family(
        &loaded,
        &cards,
        &signer("ORG"),
        &whole,
        &per,
        &mut |_, _, _| {},
    )
    .unwrap();
    assert_eq!(sealed.len(), 6);
    for e in ["E01", "E02", "E03", "E04", "E05"] {
        let r = round_for_expert(&loaded, e).unwrap();
        assert!(r.applicant("A02").is_none(), "{e}");
        assert!(r.eligibility.iter().all(|c| c.applicant != "A02"));
        let i = inspect_package(&per.join(format!("{e}.rdpkg")), &[]).unwrap();
        let names: Vec<&str> = i.entries.iter().map(|x| x.name.as_str()).collect();
        assert!(
            names.iter().any(|n| n.starts_with("material.")),
            "{e}: {names:?}"
        );
        assert!(
            a02.iter().all(|m| !names.contains(&m.as_str())),
            "{e}: {names:?}"
        );
    }
    // The whole round (organizer and chair) keeps the applicant and its reason.
    let i = inspect_package(&whole, &[]).unwrap();
    let names: Vec<&str> = i.entries.iter().map(|x| x.name.as_str()).collect();
    assert!(a02.iter().all(|m| names.contains(&m.as_str())));
}
