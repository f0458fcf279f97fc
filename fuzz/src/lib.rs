//! Fixtures shared by the fuzz targets (`fuzz_targets/*.rs`) and the corpus builder
//! (`examples/make_corpus.rs`): the throwaway test keys of
//! `tests/vectors/formats/README.md`, the way a package is read, and the templates
//! the rules engine is fuzzed with. Everything is deterministic except age
//! encryption, which is randomized by design.
//!
//! A target may panic only where the library does: a harness that cannot build its
//! fixture returns early instead.

use std::io::Cursor;
use std::sync::OnceLock;

use reviewdesk_core::rules::ApplicantInput;
use reviewdesk_core::rules::{ComputeInput, DrawInput, Pair, ScoreInput, VerdictInput, VetoInput};
use reviewdesk_core::{StageKind, Template};
use reviewdesk_formats::{
    encrypt, Identity, Namespace, OpenedPackage, PackageBinding, Recipient, Signer, Trusted,
};
use sha2::{Digest, Sha256};

/// Throwaway age identity of the test organizer `ORG` (tests/vectors/formats/README.md).
pub const ORG_AGE: &str =
    "AGE-SECRET-KEY-1W8DP59AA8K87R0LUY4QW7QASPPA040FWR0F2V4RZCJVHHASXUEHQD0RXDZ";
/// Throwaway age identity of the test expert `E01`.
pub const EXPERT_AGE: &str =
    "AGE-SECRET-KEY-1LQX2QY2LNS8Z0K88E2UYUQL4FY343KRLETUEYQJ80SGJ38QZ6NLSLQYEKL";

/// The package id of every package the harnesses assemble (as in the vectors).
pub const PACKAGE_ID: &str = "3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f";
/// The round id of every package the harnesses assemble.
pub const ROUND_ID: &str = "gd-pool-2026-01";

/// The committed valid package: the sheet targets are bound to it.
pub const PACKAGE_VALID: &[u8] = include_bytes!("../../tests/vectors/formats/package-valid.rdpkg");

/// The test organizer's signing key (Ed25519 seed 01…01), the one trusted key of
/// the package targets.
pub fn organizer() -> &'static Signer {
    static S: OnceLock<Signer> = OnceLock::new();
    S.get_or_init(|| Signer::from_ed25519_seed(&[1; 32]))
}

/// The committed panel package (roster ORG, chair C01, E01): the re-check targets
/// are bound to it.
pub const PACKAGE_PANEL: &[u8] = include_bytes!("../../tests/vectors/formats/package-panel.rdpkg");

/// The test chair C01's signing key (seed 03…03), who signs re-check requests.
pub fn chair() -> &'static Signer {
    static S: OnceLock<Signer> = OnceLock::new();
    S.get_or_init(|| Signer::from_ed25519_seed(&[3; 32]))
}

/// The binding of `tests/vectors/formats/package-panel.rdpkg`, read by the
/// organizer: what `recheck-*.rdrecheck` vectors are checked against.
pub fn panel_binding() -> &'static PackageBinding {
    static B: OnceLock<PackageBinding> = OnceLock::new();
    B.get_or_init(|| {
        let keys = [organizer().public_key().clone()];
        let mut p = OpenedPackage::open(Cursor::new(PACKAGE_PANEL), Trusted::Keys(&keys))
            .expect("package-panel.rdpkg opens");
        let index = p
            .open_index(std::slice::from_ref(org_identity()))
            .expect("package-panel.rdpkg index");
        p.binding(&index)
    })
}

/// The test expert E01's signing key (seed 02…02).
pub fn expert() -> &'static Signer {
    static S: OnceLock<Signer> = OnceLock::new();
    S.get_or_init(|| Signer::from_ed25519_seed(&[2; 32]))
}

/// E01's age identity: the package targets read as E01.
pub fn expert_identity() -> &'static Identity {
    static I: OnceLock<Identity> = OnceLock::new();
    I.get_or_init(|| EXPERT_AGE.parse().expect("test identity"))
}

/// The organizer's age identity.
pub fn org_identity() -> &'static Identity {
    static I: OnceLock<Identity> = OnceLock::new();
    I.get_or_init(|| ORG_AGE.parse().expect("test identity"))
}

/// The recipients of every package the harnesses assemble: ORG, then E01.
pub fn recipients() -> [Recipient; 2] {
    [org_identity().to_public(), expert_identity().to_public()]
}

/// The binding of `tests/vectors/formats/package-valid.rdpkg`, read by the organizer:
/// what `sheet-*.rdsheet` vectors are checked against.
pub fn binding() -> &'static PackageBinding {
    static B: OnceLock<PackageBinding> = OnceLock::new();
    B.get_or_init(|| {
        let keys = [organizer().public_key().clone()];
        let mut p = OpenedPackage::open(Cursor::new(PACKAGE_VALID), Trusted::Keys(&keys))
            .expect("package-valid.rdpkg opens");
        let index = p
            .open_index(std::slice::from_ref(org_identity()))
            .expect("package-valid.rdpkg index");
        p.binding(&index)
    })
}

/// Reads a package the way expert E01 does: open it trusting only the test
/// organizer, decrypt the index, then check and decrypt every entry the manifest
/// lists (whole and streaming, which must agree). Errors are fine; panics are not.
pub fn read_package(bytes: &[u8]) {
    let keys = [organizer().public_key().clone()];
    let Ok(mut p) = OpenedPackage::open(Cursor::new(bytes), Trusted::Keys(&keys)) else {
        return;
    };
    let _ = p.manifest_sha256();
    let ids = std::slice::from_ref(expert_identity());
    let names: Vec<String> = p.manifest.entries.iter().map(|e| e.name.clone()).collect();
    for n in &names {
        let _ = p.check_entry(n);
    }
    let Ok(index) = p.open_index(ids) else {
        return;
    };
    let _ = p.binding(&index);
    for n in names.iter().skip(1) {
        let whole = p.decrypt_entry(n, ids, &index);
        let mut streamed = Vec::new();
        let stream = p.decrypt_entry_to(n, ids, &index, &mut streamed);
        match (&whole, &stream) {
            (Ok(w), Ok(())) => assert_eq!(w, &streamed, "entry {n}: two decryptions differ"),
            (Err(a), Err(b)) => assert_eq!(a.code(), b.code(), "entry {n}: {a} / {b}"),
            _ => panic!("entry {n}: decrypt_entry {whole:?} but decrypt_entry_to {stream:?}"),
        }
    }
    let _ = p.decrypt_entry("material.not-listed", ids, &index);
}

/// A package container around a manifest body signed here by the test organizer:
/// `reviewdesk-package/1` LF, `L`, the signed manifest, then `entries` as given.
/// `None` when the body cannot be signed (a writer refuses an empty body).
pub fn assemble_package(manifest_body: &[u8], entries: &[u8]) -> Option<Vec<u8>> {
    let signed = organizer()
        .sign_text(Namespace::PackageManifest, manifest_body)
        .ok()?;
    let mut out = b"reviewdesk-package/1\n".to_vec();
    out.extend_from_slice(&(signed.len() as u32).to_be_bytes());
    out.extend_from_slice(&signed);
    out.extend_from_slice(entries);
    Some(out)
}

/// The `package_manifest` target's input: a big-endian `u16` length `n`, `n` bytes
/// of manifest body, then the entries' bytes.
pub fn split_manifest_input(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let (len, rest) = data.split_first_chunk::<2>()?;
    let n = usize::from(u16::from_be_bytes(*len)).min(rest.len());
    Some(rest.split_at(n))
}

/// The `round` plaintext of the packages the `package_index` target assembles.
pub const INDEX_ROUND_PLAIN: &[u8] = b"format = \"reviewdesk-round/1\"\nid = \"gd-pool-2026-01\"\n";

/// `round` encrypted once per process to ORG and E01.
fn index_round_cipher() -> &'static [u8] {
    static C: OnceLock<Vec<u8>> = OnceLock::new();
    C.get_or_init(|| encrypt(INDEX_ROUND_PLAIN, &recipients()).expect("encrypt round"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn entry_line(name: &str, bytes: &[u8]) -> String {
    format!(
        "entry: {name} {} {}\n",
        bytes.len(),
        hex(&Sha256::digest(bytes))
    )
}

/// A valid index body for [`index_package`]: ORG and E01, the one entry `round`.
pub fn index_body_seed() -> String {
    let org = organizer().fingerprint();
    let [org_age, exp_age] = recipients();
    format!(
        "reviewdesk-package-index/1\npackage: {PACKAGE_ID}\nround: {ROUND_ID}\norganizer: {org}\nrecipients: 2\nrecipient: ORG organizer {org} {org_age}\nrecipient: E01 expert {} {exp_age}\nentries: 1\n{}",
        expert().fingerprint(),
        entry_line("round", INDEX_ROUND_PLAIN),
    )
}

/// The `package_index` target: `index_body` signed by the test organizer and
/// encrypted to ORG and E01 as the `index` entry of a package whose other entry is
/// `round` ([`INDEX_ROUND_PLAIN`]), its manifest signed by the organizer too.
pub fn index_package(index_body: &[u8]) -> Option<Vec<u8>> {
    let signed = organizer()
        .sign_text(Namespace::PackageIndex, index_body)
        .ok()?;
    let index = encrypt(&signed, &recipients()).ok()?;
    let round = index_round_cipher();
    let manifest = format!(
        "reviewdesk-package-manifest/1\npackage: {PACKAGE_ID}\nround: {ROUND_ID}\nrevision: 1\norganizer: {}\nentries: 2\n{}{}",
        organizer().fingerprint(),
        entry_line("index", &index),
        entry_line("round", round),
    );
    assemble_package(manifest.as_bytes(), &[index.as_slice(), round].concat())
}

/// The templates the rules engine is fuzzed with, by id: every built-in one
/// (`assets/templates/`) and the three base templates of the rules vectors
/// (`tests/vectors/rules/templates/`).
pub fn templates() -> &'static [Template] {
    static T: OnceLock<Vec<Template>> = OnceLock::new();
    T.get_or_init(|| {
        let mut all = reviewdesk_io::templates::builtin().expect("built-in templates");
        for (name, text) in [
            (
                "basic.toml",
                include_str!("../../tests/vectors/rules/templates/basic.toml"),
            ),
            (
                "staged.toml",
                include_str!("../../tests/vectors/rules/templates/staged.toml"),
            ),
            (
                "sampled.toml",
                include_str!("../../tests/vectors/rules/templates/sampled.toml"),
            ),
        ] {
            all.push(
                reviewdesk_io::templates::parse_template(std::path::Path::new(name), text)
                    .expect("rules vector template"),
            );
        }
        all
    })
}

/// The template with this id, or the first one.
pub fn template(id: &str) -> &'static Template {
    let all = templates();
    all.iter().find(|t| t.id == id).unwrap_or(&all[0])
}

/// A small, plausible input for any valid template: a few applicants over its
/// categories, `quorum` experts (1 to 5), everyone scoring every leaf of every
/// unsampled score stage (maximum, zero, or one step below the maximum), verdicts
/// on the pass/fail stages, one veto, the draw when a stage is sampled. Used to run
/// `compute` on fuzzed templates that pass `validate`.
pub fn synthetic_input(t: &Template) -> ComputeInput {
    let cats: Vec<&str> = t.categories.iter().map(|c| c.id.as_str()).take(3).collect();
    let cats = if cats.is_empty() { vec!["c"] } else { cats };
    let applicants: Vec<ApplicantInput> = (0..4)
        .map(|i| ApplicantInput {
            id: format!("A{i}"),
            category: cats[i % cats.len()].to_string(),
            region: Some(format!("r{}", i % 2)),
            industry: Some(format!("i{}", i % 3)),
        })
        .collect();
    let n_experts = (t.quorum as usize).clamp(1, 5);
    let experts: Vec<String> = (0..n_experts).map(|i| format!("E{i}")).collect();
    let mut input = ComputeInput {
        applicants,
        experts,
        ..ComputeInput::default()
    };
    for (xi, x) in input.experts.clone().iter().enumerate() {
        for (ai, a) in input.applicants.clone().iter().enumerate() {
            for s in t.stages.iter().filter(|s| s.sample.is_none()) {
                match s.kind {
                    StageKind::Score => {
                        for (li, ind) in t.scored_indicators(&s.id).enumerate() {
                            let value = match (xi + ai + li) % 3 {
                                0 => ind.max,
                                1 => Default::default(),
                                _ => ind
                                    .max
                                    .checked_sub(ind.step)
                                    .filter(|v| !v.is_sign_negative())
                                    .unwrap_or_default(),
                            };
                            let low = ind.low_threshold.is_some_and(|th| value < th);
                            input.scores.push(ScoreInput {
                                expert: x.clone(),
                                applicant: a.id.clone(),
                                stage: s.id.clone(),
                                indicator: ind.id.clone(),
                                value,
                                reason: low.then(|| "低于阈值的理由".to_string()),
                            });
                        }
                    }
                    StageKind::PassFail => input.verdicts.push(VerdictInput {
                        expert: x.clone(),
                        applicant: a.id.clone(),
                        stage: s.id.clone(),
                        pass: (xi + ai) % 3 != 0,
                    }),
                }
            }
        }
    }
    if let Some(v) = t.indicators.iter().find(|i| i.veto) {
        input.vetoes.push(VetoInput {
            expert: "E0".into(),
            applicant: "A1".into(),
            indicator: v.id.clone(),
        });
    }
    if n_experts > 1 {
        input.recusals.push(Pair {
            expert: format!("E{}", n_experts - 1),
            applicant: "A0".into(),
        });
        input
            .scores
            .retain(|s| !(s.expert == format!("E{}", n_experts - 1) && s.applicant == "A0"));
        input
            .verdicts
            .retain(|s| !(s.expert == format!("E{}", n_experts - 1) && s.applicant == "A0"));
    }
    if t.sampled_stage().is_some() {
        input.draw = Some(DrawInput {
            round_id: ROUND_ID.into(),
            written_result_hash: "0".repeat(64),
            announced: "20260315".into(),
        });
    }
    input
}

/// The unit of the register vectors of `docs/formats.md` ("Register ledger line",
/// "Register checkpoint"): 南昌数字化转型促进中心, program `jx-dx-center`.
pub const REGISTER_UNIT: &str = "91360100MA38KX4C2X";
/// A second unit of the register fixture, program `gd-supplier`.
pub const REGISTER_UNIT_2: &str = "91440101MA5AGYGLU6";

/// The events of the register fixture: the two lines of the documented ledger
/// vector for [`REGISTER_UNIT`], and one admission for [`REGISTER_UNIT_2`].
fn register_requests() -> Vec<reviewdesk_desk::register::RecordRequest> {
    use reviewdesk_desk::register::RecordRequest;
    let d = |s: &str| s.parse::<reviewdesk_core::Date>().expect("fixture date");
    let rec = |unit: &str, program: &str, event: &str, on: &str| RecordRequest {
        unit: unit.into(),
        program: program.into(),
        event: event.into(),
        on: Some(d(on)),
        ..Default::default()
    };
    vec![
        RecordRequest {
            name: Some("南昌数字化转型促进中心".into()),
            ..rec(REGISTER_UNIT, "jx-dx-center", "admitted", "2023-12-20")
        },
        RecordRequest {
            year: Some(2024),
            grade: Some("unqualified".into()),
            note: Some("运行评价结果".into()),
            ..rec(REGISTER_UNIT, "jx-dx-center", "graded", "2025-03-20")
        },
        RecordRequest {
            name: Some("广州数据资源服务有限公司".into()),
            ..rec(REGISTER_UNIT_2, "gd-supplier", "admitted", "2024-06-30")
        },
    ]
}

/// A register in a new workspace (in the temporary directory, named by the
/// process id; `scripts/fuzz.sh` removes it) holding [`register_requests`]: what
/// the checkpoint target holds checkpoints against. `None` if it cannot be built.
pub fn register_fixture() -> Option<reviewdesk_desk::register::Register> {
    let dir = std::env::temp_dir().join(format!("reviewdesk-fuzz-register-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let ws = reviewdesk_workspace::Workspace::open(&dir).ok()?;
    let mut r = reviewdesk_desk::register::Register::open(ws).ok()?;
    let today = "2026-12-01".parse::<reviewdesk_core::Date>().ok()?;
    for req in register_requests() {
        r.record(req, today).ok()?;
    }
    Some(r)
}
