//! Writes the seeds that need building into `CORPUS/<target>/` (run by
//! `scripts/fuzz.sh` before fuzzing: `cargo run --example make_corpus -- CORPUS`).
//! Plain files (vectors, demo cards, `round.toml`, templates) are copied by the
//! script; this writes what the targets take in another shape: decrypted sheets,
//! bodies to be signed by a harness, manifest bodies with their entries, age files,
//! secret texts, identity indexes, patched templates, the rules vectors as JSON,
//! and register ledgers and checkpoints made in a throwaway workspace.
//! Nothing here is committed; the files are named by their SHA-256 as libFuzzer does.

use std::fs;
use std::path::{Path, PathBuf};

use reviewdesk_core::rules::{ComputeInput, ExpertPart, PartScore, PartVerdict, PartVeto};
use reviewdesk_formats::{encrypt, split_signed_text, OpenedPackage, Signer, Trusted};
use reviewdesk_fuzz::*;
use sha2::{Digest, Sha256};

struct Out {
    root: PathBuf,
    count: usize,
}

impl Out {
    fn put(&mut self, target: &str, bytes: &[u8]) {
        let dir = self.root.join(target);
        fs::create_dir_all(&dir).expect("corpus dir");
        let name: String = Sha256::digest(bytes)
            .iter()
            .take(20)
            .map(|b| format!("{b:02x}"))
            .collect();
        fs::write(dir.join(name), bytes).expect("write seed");
        self.count += 1;
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some(ext))
        .collect();
    v.sort();
    v
}

/// (signed manifest, entries' bytes) of a package container, without checking
/// anything but the layout.
fn split_container(pkg: &[u8]) -> Option<(&[u8], &[u8])> {
    let l = u32::from_be_bytes(pkg.get(21..25)?.try_into().ok()?) as usize;
    let end = 25usize.checked_add(l)?;
    Some((pkg.get(25..end)?, pkg.get(end..)?))
}

fn main() {
    let root = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("fuzz/corpus"));
    let mut out = Out { root, count: 0 };
    let vectors = repo().join("tests/vectors/formats");

    // Cards: their bodies, for the harness to sign (keycard_body).
    let mut cards = files(&vectors, "card");
    cards.extend(files(&repo().join("assets/demo/cards"), "card"));
    for p in &cards {
        let bytes = fs::read(p).expect("card");
        if let Ok((body, _)) = split_signed_text(&bytes) {
            out.put("keycard_body", body);
        }
    }

    // Packages: the manifest bodies with their entries (package_manifest), the signed
    // manifests (signed_text), every entry as an age file (age_decrypt).
    for p in files(&vectors, "rdpkg") {
        let pkg = fs::read(&p).expect("package");
        let Some((signed, entries)) = split_container(&pkg) else {
            continue;
        };
        out.put("signed_text", signed);
        if let Ok((body, _)) = split_signed_text(signed) {
            if let Ok(n) = u16::try_from(body.len()) {
                out.put(
                    "package_manifest",
                    &[&n.to_be_bytes()[..], body, entries].concat(),
                );
            }
        }
        if let Ok(opened) = OpenedPackage::open(std::io::Cursor::new(&pkg), Trusted::AnyKey) {
            let mut at = 0usize;
            for e in &opened.manifest.entries {
                let end = at + e.size as usize;
                if let Some(bytes) = entries.get(at..end) {
                    if bytes.len() <= 16_384 {
                        out.put("age_decrypt", bytes);
                    }
                }
                at = end;
            }
        }
    }
    out.put("package_index", index_body_seed().as_bytes());
    if let Some(pkg) = index_package(index_body_seed().as_bytes()) {
        out.put("package_open", &pkg);
    }

    // Sheets: decrypted by the organizer (sheet_verify, signed_text), their bodies
    // (sheet_body).
    for p in files(&vectors, "rdsheet") {
        let file = fs::read(&p).expect("sheet");
        let Ok(plain) = reviewdesk_formats::decrypt(
            "sheet",
            &file,
            std::slice::from_ref(org_identity()),
            reviewdesk_formats::MAX_SHEET,
        ) else {
            continue;
        };
        out.put("sheet_verify", &plain);
        out.put("signed_text", &plain);
        if let Ok((body, _)) = split_signed_text(&plain) {
            out.put("sheet_body", body);
        }
    }

    // Re-check requests: decrypted by E01 (recheck_verify, signed_text), their
    // bodies (recheck_body).
    for p in files(&vectors, "rdrecheck") {
        let file = fs::read(&p).expect("re-check request");
        let Ok(plain) = reviewdesk_formats::decrypt(
            "re-check request",
            &file,
            std::slice::from_ref(expert_identity()),
            reviewdesk_formats::MAX_RECHECK,
        ) else {
            continue;
        };
        out.put("recheck_verify", &plain);
        out.put("signed_text", &plain);
        if let Ok((body, _)) = split_signed_text(&plain) {
            out.put("recheck_body", body);
        }
    }

    // Small age files to E01 and ORG.
    for plain in [&b"x"[..], b"material", &[0u8; 3000][..]] {
        out.put(
            "age_decrypt",
            &encrypt(plain, &recipients()).expect("encrypt"),
        );
    }

    // Secret texts: the test keys and the demo round's DEMO keys.
    let mut people: Vec<(String, &str, Signer, String)> = vec![
        (
            "王小明".into(),
            "expert",
            expert().clone(),
            EXPERT_AGE.into(),
        ),
        (
            "广东省工业互联网产业联盟".into(),
            "organizer",
            organizer().clone(),
            ORG_AGE.into(),
        ),
    ];
    let keys = repo().join("assets/demo/keys");
    for k in files(&keys, "key") {
        let stem = k
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("X")
            .to_string();
        let (Ok(ssh), Ok(age)) = (
            fs::read_to_string(&k),
            fs::read_to_string(k.with_extension("age")),
        ) else {
            continue;
        };
        let Ok(signer) = Signer::from_openssh(&ssh) else {
            continue;
        };
        let age = age
            .lines()
            .find(|l| l.starts_with("AGE-SECRET-KEY-"))
            .unwrap_or_default()
            .to_string();
        let role = match stem.chars().next() {
            Some('O') => "organizer",
            Some('C') => "chair",
            _ => "expert",
        };
        people.push((format!("演示 {stem}"), role, signer, age));
    }
    let mut index = String::from("reviewdesk-identities/1\n");
    for (name, role, signer, age) in &people {
        let text = format!(
            "reviewdesk-identity/1\nname: {name}\nrole: {role}\nfingerprint: {}\nage-identity: {age}\n\n{}",
            signer.fingerprint(),
            signer.to_openssh().expect("openssh")
        );
        if reviewdesk_keys::Identity::from_secret_text(text.as_bytes(), "seed").is_ok() {
            out.put("identity_secret", text.as_bytes());
        }
        index.push_str(&format!(
            "identity: {role} {} {name}\n",
            signer.fingerprint()
        ));
        out.put("identity_index", index.as_bytes());
    }
    out.put("identity_index", b"reviewdesk-identities/1\n");

    // Templates patched as the rules vectors patch them (template_toml), and the
    // vectors' inputs as the rules_compute target's JSON: all in `input`, and once
    // more with each expert's scores, verdicts and vetoes moved into a part.
    for p in files(&repo().join("tests/vectors/rules"), "toml") {
        let text = fs::read_to_string(&p).expect("vector");
        let v: toml::Table = toml::from_str(&text).expect("vector toml");
        let template_id = match v.get("template") {
            Some(toml::Value::String(s)) => s.clone(),
            _ => "basic".to_string(),
        };
        let base = {
            let local = repo().join(format!("tests/vectors/rules/templates/{template_id}.toml"));
            let path = if local.exists() {
                local
            } else {
                repo().join(format!("assets/templates/{template_id}.toml"))
            };
            fs::read_to_string(path)
                .ok()
                .and_then(|t| toml::from_str::<toml::Table>(&t).ok())
        };
        let base = match v.get("template") {
            Some(toml::Value::Table(t)) => Some(t.clone()),
            _ => base,
        };
        if let Some(mut t) = base {
            if let Some(toml::Value::Table(patch)) = v.get("patch") {
                for (k, val) in patch {
                    t.insert(k.clone(), val.clone());
                }
                if let Ok(s) = toml::to_string(&t) {
                    out.put("template_toml", s.as_bytes());
                }
            }
        }
        let Some(input) = v.get("input") else {
            continue;
        };
        let Ok(input) = input.clone().try_into::<ComputeInput>() else {
            continue;
        };
        let whole = serde_json::json!({ "template": template_id, "input": input });
        out.put("rules_compute", whole.to_string().as_bytes());
        let mut rest = input.clone();
        let mut parts = Vec::new();
        for x in &input.experts {
            let part = ExpertPart {
                expert: x.clone(),
                declarations: Vec::new(),
                scores: input
                    .scores
                    .iter()
                    .filter(|s| &s.expert == x)
                    .map(|s| PartScore {
                        applicant: s.applicant.clone(),
                        stage: s.stage.clone(),
                        indicator: s.indicator.clone(),
                        value: s.value,
                        reason: s.reason.clone(),
                        comment: String::new(),
                    })
                    .collect(),
                verdicts: input
                    .verdicts
                    .iter()
                    .filter(|s| &s.expert == x)
                    .map(|s| PartVerdict {
                        applicant: s.applicant.clone(),
                        stage: s.stage.clone(),
                        pass: s.pass,
                        comment: String::new(),
                    })
                    .collect(),
                vetoes: input
                    .vetoes
                    .iter()
                    .filter(|s| &s.expert == x)
                    .map(|s| PartVeto {
                        applicant: s.applicant.clone(),
                        indicator: s.indicator.clone(),
                        reason: "一票否决".into(),
                    })
                    .collect(),
                justifications: Vec::new(),
            };
            parts.push(part);
        }
        rest.scores.clear();
        rest.verdicts.clear();
        rest.vetoes.clear();
        let split = serde_json::json!({ "template": template_id, "input": rest, "parts": parts });
        out.put("rules_compute", split.to_string().as_bytes());
    }

    // The register: the fixture's ledgers (whole, and their first lines alone) and
    // checkpoints of it, signed by the organizer, by another key (whose
    // fingerprint the body does not name), and as bodies for the harness to sign.
    let register = register_fixture().expect("the register fixture builds");
    for l in register.ledgers().expect("the fixture's ledgers read") {
        let text: String = l.lines.iter().map(|x| x.to_line()).collect();
        out.put("register_ledger", text.as_bytes());
        if let Some(first) = l.lines.first() {
            out.put("register_ledger", first.to_line().as_bytes());
        }
    }
    let on = "2026-12-31".parse().expect("date");
    for signer in [organizer(), expert()] {
        let file = register
            .checkpoint(signer, 2026, on)
            .expect("the fixture's checkpoint");
        out.put("register_checkpoint", &file);
        if let Ok((body, _)) = split_signed_text(&file) {
            out.put("register_checkpoint", body);
        }
    }
    drop(register);
    let _ = fs::remove_dir_all(
        std::env::temp_dir().join(format!("reviewdesk-fuzz-register-{}", std::process::id())),
    );
    // The audit vectors: each sheet's part, an empty line, its log (audit_log).
    for p in files(&repo().join("tests/vectors/audit"), "json") {
        let v: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&p).expect("vector")).expect("JSON");
        let log: String = v["log"]
            .as_array()
            .expect("log lines")
            .iter()
            .map(|l| format!("{}\n", l.as_str().expect("a line")))
            .collect();
        out.put("audit_log", format!("{}\n\n{log}", v["part"]).as_bytes());
    }
    println!(
        "make_corpus: {} seeds written to {}",
        out.count,
        out.root.display()
    );
}
