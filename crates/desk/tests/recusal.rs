//! A recusal is cryptographic: each material is encrypted only to the organizer and
//! the experts assigned to its applicant whose recusal was not upheld. Checked with
//! Debian's `age -d` on the extracted entry (as a recused expert would try), and
//! through the library, the verifier, the chair and the expert desk.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::*;
use reviewdesk_core::{material_readers, Date};
use reviewdesk_desk::*;
use reviewdesk_formats::{Identity, Role};
use reviewdesk_io::load_round;
use reviewdesk_workspace::Workspace;

/// The demo round with A01's request that E02 recuse upheld.
fn recused_round() -> tempfile::TempDir {
    let round = round_copy(None);
    let path = round.path().join("round.toml");
    let mut toml = fs::read_to_string(&path).unwrap();
    toml = toml.replacen(
        "[[recusal_request]]",
        "[[recusal_request]]\napplicant = \"A01\"\nexpert = \"E02\"\nreason = \"林晓梅专家近三年曾为本公司提供咨询服务，申请其回避。\"\nruling = \"upheld\"\n\n[[recusal_request]]",
        1,
    );
    fs::write(&path, toml).unwrap();
    round
}

/// `age -d -i IDENTITY FILE`: the plaintext, or age's complaint.
fn age_decrypt(identity: &Path, file: &Path) -> Result<Vec<u8>, String> {
    let out = Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(identity)
        .arg(file)
        .output()
        .expect("Debian's `age` (apt-get install age; scripts/setup.sh test installs it)");
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[test]
fn age_opens_a_material_only_for_its_assigned_unrecused_experts() {
    let round = recused_round();
    let tmp = tempfile::tempdir().unwrap();
    let (loaded, pkg) = seal(round.path(), tmp.path());
    let m01 = tmp.path().join("M01.age");
    assert_eq!(
        write_encrypted_entry(&pkg, Some(&signer("ORG").fingerprint()), "M01", &m01).unwrap(),
        "material.M01"
    );
    let plain = fs::read(round.path().join("materials/A01-application.pdf")).unwrap();
    let key = |id: &str| keys().join(format!("{id}.age"));
    // E02 is assigned to A01 but recused; the chair reads no materials.
    for who in ["E02", "C01"] {
        let err = age_decrypt(&key(who), &m01).unwrap_err();
        assert!(err.contains("no identity matched"), "{who}: {err}");
    }
    // E01 is assigned and not recused; the organizer reads everything.
    for who in ["E01", "E03", "ORG"] {
        assert_eq!(age_decrypt(&key(who), &m01).unwrap(), plain, "{who}");
    }
    // E02 still reads A02's material (assigned, not recused), as does the round.
    let m04 = tmp.path().join("M04.age");
    write_encrypted_entry(&pkg, None, "M04", &m04).unwrap();
    assert!(age_decrypt(&key("E02"), &m04).is_ok());
    let round_entry = tmp.path().join("round.age");
    write_encrypted_entry(&pkg, None, "round", &round_entry).unwrap();
    for who in ["E02", "C01"] {
        assert!(age_decrypt(&key(who), &round_entry).is_ok(), "{who}");
    }
    // A03 is not assigned to E02 at all: its material is not E02's either.
    assert!(!loaded.round.is_assigned("E02", "A03"));
    let m05 = tmp.path().join("M05.age");
    write_encrypted_entry(&pkg, None, "M05", &m05).unwrap();
    assert!(age_decrypt(&key("E02"), &m05).is_err());
}

#[test]
fn the_index_names_each_materials_readers_and_readers_are_checked() {
    let round = recused_round();
    let tmp = tempfile::tempdir().unwrap();
    let (loaded, pkg) = seal(round.path(), tmp.path());
    let mut opened = open_package(&pkg, None).unwrap();
    let index = opened.open_index(&ids("E02")).unwrap();
    // The index's readers are the core rule's, the organizer first, in roster order.
    for m in &loaded.round.materials {
        let name = format!("material.{}", m.id);
        let want: Vec<String> = std::iter::once("ORG")
            .chain(material_readers(&loaded.round, m))
            .map(str::to_string)
            .collect();
        let got: Vec<String> = index
            .readers_of(&name)
            .iter()
            .map(|r| r.person.clone())
            .collect();
        assert_eq!(got, want, "{name}");
        assert_eq!(opened.check_entry(&name).unwrap(), want.len(), "{name}");
        assert!(!got.contains(&"C01".to_string()));
    }
    assert_eq!(
        index.readers[0],
        (
            "material.M01".to_string(),
            ["ORG", "E01", "E03", "E04", "E05"]
                .map(String::from)
                .to_vec()
        )
    );
    // Every other entry goes to all seven.
    assert_eq!(index.stanzas_of("round"), 7);
    assert_eq!(opened.check_entry("card.C01").unwrap(), 7);

    // The library does not try: not_a_recipient, for E02 and for the chair.
    for who in ["E02", "C01"] {
        let err = opened
            .decrypt_entry("material.M01", &ids(who), &index)
            .unwrap_err();
        assert_eq!(err.code(), "not_a_recipient", "{who}");
        let err = opened
            .entry_stream(
                "material.M01",
                &ids(who),
                &index,
                fs::File::open(&pkg).unwrap(),
            )
            .unwrap_err();
        assert_eq!(err.code(), "not_a_recipient", "{who}");
    }
    let m01 = opened
        .decrypt_entry("material.M01", &ids("E01"), &index)
        .unwrap();
    assert_eq!(
        m01,
        fs::read(round.path().join("materials/A01-application.pdf")).unwrap()
    );

    // Verify: as E02, as the chair, and with no identity.
    let v = verify_package(&pkg, None, &ids("E02"), &|_| {}).unwrap();
    assert!(v.decrypted);
    let unreadable = |who: &str| -> Vec<String> {
        loaded
            .round
            .materials
            .iter()
            .filter(|m| !material_readers(&loaded.round, m).contains(&who))
            .map(|m| format!("material.{}", m.id))
            .collect()
    };
    assert_eq!(v.not_readable, unreadable("E02"));
    assert!(v.not_readable.contains(&"material.M01".to_string()));
    assert!(!v.not_readable.contains(&"material.M04".to_string()));
    let chair = verify_package(&pkg, None, &ids("C01"), &|_| {}).unwrap();
    assert_eq!(chair.not_readable.len(), loaded.round.materials.len());
    let org = verify_package(&pkg, None, &ids("ORG"), &|_| {}).unwrap();
    assert!(org.not_readable.is_empty());
    let none = verify_package(&pkg, None, &[], &|_| {}).unwrap();
    assert!(!none.decrypted && none.not_readable.is_empty());
    // inspect shows each entry's readers with the roster.
    let i = inspect_package(&pkg, &ids("C01")).unwrap();
    let m01 = i.entries.iter().find(|e| e.name == "material.M01").unwrap();
    assert_eq!(
        m01.readers.as_deref().unwrap(),
        ["ORG", "E01", "E03", "E04", "E05"].map(String::from)
    );
    let roster = i.recipients.as_ref().unwrap();
    assert_eq!(roster[1].role, Role::Chair);
}

#[test]
fn per_expert_packages_seal_materials_to_the_organizer_and_that_expert_only() {
    let round = recused_round();
    let tmp = tempfile::tempdir().unwrap();
    let loaded = load_round(round.path()).unwrap();
    let cards = load_cards(&loaded).unwrap();
    let written = seal_family(
        &loaded,
        &cards,
        &signer("ORG"),
        &tmp.path().join("whole.rdpkg"),
        &tmp.path().join("experts"),
        &mut |_, _, _| {},
    )
    .unwrap();
    assert_eq!(written.len(), loaded.round.panel.experts.len() + 1);
    for expert in ["E01", "E02"] {
        let path = tmp.path().join("experts").join(format!("{expert}.rdpkg"));
        let mut opened = open_package(&path, None).unwrap();
        let index = opened.open_index(&ids("C01")).unwrap();
        let materials: Vec<&(String, Vec<String>)> = index.readers.iter().collect();
        assert!(!materials.is_empty());
        for (name, readers) in materials {
            assert_eq!(readers, &["ORG".to_string(), expert.to_string()], "{name}");
            assert_eq!(opened.check_entry(name).unwrap(), 2);
            assert_eq!(
                opened
                    .decrypt_entry(name, &ids("C01"), &index)
                    .unwrap_err()
                    .code(),
                "not_a_recipient"
            );
            opened.decrypt_entry(name, &ids(expert), &index).unwrap();
        }
        // The recused expert's package does not even hold A01's materials.
        let has_m01 = index.entries.iter().any(|e| e.name == "material.M01");
        assert_eq!(has_m01, expert == "E01", "{expert}");
    }
    // The chair verifies its whole package without any material.
    let chair =
        verify_package(&tmp.path().join("whole.rdpkg"), None, &ids("C01"), &|_| {}).unwrap();
    assert_eq!(chair.not_readable.len(), loaded.round.materials.len());
}

#[test]
fn the_expert_desk_imports_the_whole_package_without_what_is_not_sealed_to_it() {
    let round = recused_round();
    let tmp = tempfile::tempdir().unwrap();
    let (_, pkg) = seal(round.path(), tmp.path());
    let mut ws = Workspace::open(&tmp.path().join("ws")).unwrap();
    let now = Now {
        at: "2026-11-21T08:00:00Z".into(),
        today: Date::new(2026, 11, 21).unwrap(),
    };
    let my_ids: Vec<Identity> = ids("E02");
    let fp = signer("ORG").fingerprint();
    let imported = import_package(
        &mut ws,
        &pkg,
        &signer("E02"),
        &my_ids,
        Trust::Confirm(&fp),
        &now,
    )
    .unwrap();
    let desk = ExpertDesk::open(&ws, &imported.package.id, &my_ids).unwrap();
    desk.accept_pledge(&mut ws, &now).unwrap();
    let no_conflict = |a: &str| reviewdesk_core::rules::Declaration {
        applicant: a.into(),
        recuse: None,
        note: String::new(),
    };
    desk.declare(&mut ws, no_conflict("A02"), &now).unwrap();
    let mut desk = desk;
    assert_eq!(
        desk.material(&mut ws, &my_ids, "M04", &now).unwrap(),
        fs::read(round.path().join("materials/A02-test-report.pdf")).unwrap()
    );
    // A01's request against E02 was upheld: no declaration opens its materials,
    // and E02's key would not either.
    assert_eq!(
        code(desk.declare(&mut ws, no_conflict("A01"), &now)),
        "recusal_locked"
    );
    let m01 = desk.material(&mut ws, &my_ids, "M01", &now).unwrap_err();
    assert!(
        matches!(
            m01.code().as_str(),
            "recused" | "declare_first" | "not_a_recipient"
        ),
        "{m01}"
    );
    let mut opened = open_package(&pkg, None).unwrap();
    let index = opened.open_index(&my_ids).unwrap();
    assert!(!index.is_reader("material.M01", &my_ids));
    assert!(index.is_reader("material.M04", &my_ids));
}

#[test]
fn the_desk_does_not_try_a_material_the_index_does_not_seal_to_it() {
    // A package whose round lets E02 read A02 but whose index seals M04 to the
    // organizer alone: the desk refuses by the index, before any decryption.
    let round = recused_round();
    let tmp = tempfile::tempdir().unwrap();
    let loaded = load_round(round.path()).unwrap();
    let cards = load_cards(&loaded).unwrap();
    let org = signer("ORG");
    let today = reviewdesk_core::Date::new(2026, 3, 10).unwrap();
    let mut c = contents(&loaded, &cards, &org, Scope::Whole, today).unwrap();
    c.readers.insert("material.M04".into(), vec!["ORG".into()]);
    let pkg = tmp.path().join("narrow.rdpkg");
    write_atomically(&pkg, |w| {
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
    let mut ws = Workspace::open(&tmp.path().join("ws")).unwrap();
    let now = Now {
        at: "2026-11-21T08:00:00Z".into(),
        today: Date::new(2026, 11, 21).unwrap(),
    };
    let my_ids = ids("E02");
    let fp = org.fingerprint();
    let imported = import_package(
        &mut ws,
        &pkg,
        &signer("E02"),
        &my_ids,
        Trust::Confirm(&fp),
        &now,
    )
    .unwrap();
    let mut desk = ExpertDesk::open(&ws, &imported.package.id, &my_ids).unwrap();
    desk.accept_pledge(&mut ws, &now).unwrap();
    desk.declare(
        &mut ws,
        reviewdesk_core::rules::Declaration {
            applicant: "A02".into(),
            recuse: None,
            note: String::new(),
        },
        &now,
    )
    .unwrap();
    for r in [
        desk.material(&mut ws, &my_ids, "M04", &now).map(|_| ()),
        desk.open_material(&mut ws, &my_ids, "M04", &now)
            .map(|_| ()),
        desk.material_range(&mut ws, &my_ids, "M04", 0, 10, &now)
            .map(|_| ()),
    ] {
        let e = r.unwrap_err();
        assert_eq!(e.code().as_str(), "not_a_recipient", "{e}");
        assert!(e.to_string().contains("material.M04"), "{e}");
    }
}
