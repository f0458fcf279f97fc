//! Writes the content vectors of `tests/vectors/formats/content/` (issue 17, item
//! 6): packages whose signatures, hashes and plaintexts all hold but whose
//! `round.toml` names a material file no system may be given, and score sheets
//! whose payload the merge refuses. `crates/desk/tests/vectors.rs` runs them; the
//! README there says how each is read. Run with
//! `cargo run -p reviewdesk-desk --example make_content_vectors`.
//!
//! The round is the demo round with its materials replaced by a few bytes each
//! (the vectors stay small), sealed by the demo organizer with the DEMO keys of
//! `assets/demo/keys/` — throwaway keys, public on purpose.

use std::fs;
use std::path::{Path, PathBuf};

use reviewdesk_core::{Date, Round};
use reviewdesk_desk::{
    load_cards, open_for_member, read_identities, read_signing_key, seal_round_to_file_on,
    sign_sheet, Scope, SheetDraft,
};
use reviewdesk_formats::{Sheet, SheetContent, Signer};
use reviewdesk_io::{demo_round_dir, load_round, LoadedRound};

/// The material file name of each bad-name vector (the first material's, M01's).
const BAD_NAMES: &[(&str, &str)] = &[
    ("dotdot", "../evil.pdf"),
    ("dotdot-twice", "../../evil.pdf"),
    ("drive-letter", "C:evil.pdf"),
    ("device-con", "CON"),
    ("device-nul-pdf", "NUL.pdf"),
    ("device-com1", "COM1"),
    ("device-lpt9-txt", "LPT9.txt"),
    ("trailing-dot", "evil.pdf."),
    ("trailing-space", "evil.pdf "),
];

const M01_FILE: &str = "A01-application.pdf";

fn keys() -> PathBuf {
    demo_round_dir().join("keys")
}

fn signer(id: &str) -> Signer {
    read_signing_key(&keys().join(format!("{id}.key"))).expect("DEMO signing key")
}

fn put(out: &Path, name: &str, bytes: &[u8], expect: &str) {
    fs::write(out.join(name), bytes).expect("write vector");
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    fs::write(out.join(format!("{stem}.expect")), format!("{expect}\n")).expect("write expect");
    println!("{name}: {expect}");
}

/// The demo round copied into `dir`, every material a few bytes.
fn small_round(dir: &Path) {
    let src = demo_round_dir();
    fs::copy(src.join("round.toml"), dir.join("round.toml")).expect("round.toml");
    for sub in ["materials", "cards"] {
        fs::create_dir_all(dir.join(sub)).expect("mkdir");
        for e in fs::read_dir(src.join(sub)).expect("read_dir") {
            let e = e.expect("entry");
            let to = dir.join(sub).join(e.file_name());
            if sub == "materials" {
                let bytes = fs::read(e.path()).expect("material");
                fs::write(&to, &bytes[..bytes.len().min(64)]).expect("stub");
            } else {
                fs::copy(e.path(), &to).expect("card");
            }
        }
    }
}

fn seal(loaded: &LoadedRound, out: &Path) -> Vec<u8> {
    let cards = load_cards(loaded).expect("cards");
    let on = Date::new(2026, 5, 1).expect("date");
    seal_round_to_file_on(
        loaded,
        &cards,
        &signer("ORG"),
        Scope::Whole,
        on,
        out,
        &mut |_, _| {},
    )
    .expect("seal");
    fs::read(out).expect("sealed")
}

fn main() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/formats/content");
    fs::create_dir_all(&out).expect("out dir");
    let tmp = tempfile::tempdir().expect("tmp");
    // Nested two deep, so `../../evil.pdf` stays inside the temporary folder.
    let dir = tmp.path().join("a").join("b").join("round");
    fs::create_dir_all(&dir).expect("mkdir");
    small_round(&dir);
    let valid = load_round(&dir).expect("the small demo round loads");
    let package = tmp.path().join("package.rdpkg");
    put(&out, "package-valid.rdpkg", &seal(&valid, &package), "ok");

    // round.toml naming M01's file so that no system may be given it: sealed
    // as it is (the sealing services refuse it; this is an organizer's tool
    // gone wrong, or a forger), everything signed and hashed.
    let text = fs::read_to_string(dir.join("round.toml")).expect("round.toml");
    for (slug, name) in BAD_NAMES {
        let bad_dir = tmp.path().join("a").join("b").join(format!("bad-{slug}"));
        fs::create_dir_all(&bad_dir).expect("mkdir");
        small_round(&bad_dir);
        let bad_text = text.replace(
            &format!("file = \"{M01_FILE}\""),
            &format!("file = \"{name}\""),
        );
        assert_ne!(bad_text, text, "M01's file line is in the demo round");
        fs::write(bad_dir.join("round.toml"), &bad_text).expect("round.toml");
        let material = bad_dir.join("materials").join(name);
        fs::create_dir_all(material.parent().expect("parent")).expect("mkdir");
        fs::copy(bad_dir.join("materials").join(M01_FILE), &material).expect("material");
        let round: Round = toml::from_str(&bad_text).expect("parses");
        let loaded = LoadedRound {
            dir: bad_dir.clone(),
            round,
            template: valid.template.clone(),
            calendar: valid.calendar.clone(),
        };
        let file = tmp.path().join(format!("{slug}.rdpkg"));
        put(
            &out,
            &format!("package-material-{slug}.rdpkg"),
            &seal(&loaded, &file),
            "bad_content",
        );
    }

    // Sheets bound to package-valid.rdpkg, read by the chair C01.
    let opened = open_for_member(&out.join("package-valid.rdpkg"), None, &ids("E01"))
        .expect("E01 opens the package");
    let e01 = signer("E01");
    let part = serde_json::json!({
        "expert": "E01",
        "declarations": [{"applicant": "A01"}],
        "scores": [],
        "verdicts": []
    });
    let sheet = sign_sheet(
        &opened,
        &e01,
        SheetDraft {
            scores: &part.to_string(),
            audit: "{\"event\":\"signed\"}\n",
            revision: 1,
        },
    )
    .expect("sign");
    put(&out, "sheet-valid.rdsheet", &sheet, "ok");
    // A payload that is not JSON: signed with the formats crate directly, as
    // `sign_sheet` refuses it.
    let not_json = Sheet::write(
        &SheetContent {
            expert: "E01",
            revision: 1,
            scores: "scores: A01 = 90\n",
            audit: "{\"event\":\"signed\"}\n",
        },
        &opened.binding,
        &e01,
    )
    .expect("write");
    put(
        &out,
        "sheet-payload-not-json.rdsheet",
        &not_json,
        "bad_scores",
    );
    // E03 is recused from A04 by an upheld request, and scores it all the same.
    let opened3 = open_for_member(&out.join("package-valid.rdpkg"), None, &ids("E03"))
        .expect("E03 opens the package");
    let stage = &valid.template.stages[0];
    let indicator = valid
        .template
        .scored_indicators(&stage.id)
        .next()
        .expect("a scored indicator");
    let recused = serde_json::json!({
        "expert": "E03",
        "declarations": [],
        "scores": [{
            "applicant": "A04", "stage": stage.id, "indicator": indicator.id,
            "value": indicator.max.to_string()
        }],
        "verdicts": []
    });
    let sheet = sign_sheet(
        &opened3,
        &signer("E03"),
        SheetDraft {
            scores: &recused.to_string(),
            audit: "{\"event\":\"signed\"}\n",
            revision: 1,
        },
    )
    .expect("sign");
    put(
        &out,
        "sheet-recused-applicant-scored.rdsheet",
        &sheet,
        "recused_score",
    );
}

fn ids(id: &str) -> Vec<reviewdesk_formats::Identity> {
    read_identities(&keys().join(format!("{id}.age"))).expect("DEMO identity")
}
