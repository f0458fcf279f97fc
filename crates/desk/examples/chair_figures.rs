//! The chair's merge at scale: a synthetic round of 500 applicants, a template of
//! 3 score stages × 10 indicators, 50 experts, each applicant assigned to 5 of
//! them (so each expert scores 50 applicants: 1,500 scores a sheet), and every
//! expert signs two revisions — 100 sheet files, 75,000 scores merged. Times
//! `reviewdesk_desk::merge`: open the package as the chair, decrypt and verify
//! all 100 sheets (signature, binding, roster, audit chain, payload, the audit
//! log replayed), keep each
//! expert's highest revision, build the input, run the rules engine (aggregates,
//! divergence, grades, ranks), write and read back the signed, encrypted bundle.
//! Then `verify_bundle` (the organizer's full recomputation). Prints figures;
//! asserts nothing. Run with `cargo run --release -p reviewdesk-desk --example
//! chair_figures` (`scripts/bench-chair.sh`).
//!
//! Why 50 experts and two revisions, not 100 experts: a package names at most 64
//! recipients (organizer and chair included; `docs/formats.md`), so 100 sheets of
//! one package are 100 files from at most 62 experts. Why 5 experts an applicant,
//! not every expert every applicant: the full grid (750,000 scores) makes a
//! `merge-input` of about 75 MB, over a bundle entry's 16 MiB limit — the merge
//! refuses it (`unwritable`) rather than write a bundle no reader would open.

use std::fmt::Write as _;
use std::time::Instant;

use reviewdesk_core::credit_code::check_character;
use reviewdesk_desk::{
    load_cards, merge, open_for_member, seal_round_to_file, sign_sheet, verify_bundle,
    MergeOptions, Scope, SheetDraft,
};
use reviewdesk_formats::{Identity, KeyCard, Role, Signer};
use reviewdesk_io::load_round;

const APPLICANTS: usize = 500;
const EXPERTS: usize = 50;
const REVISIONS: u32 = 2;
const STAGES: [&str; 3] = ["s1", "s2", "s3"];
const INDICATORS: usize = 10;
/// Experts per applicant.
const PER_APPLICANT: usize = 5;

/// Whether expert `e` reviews applicant `a`: five consecutive experts (mod 50).
fn assigned(e: usize, a: usize) -> bool {
    (0..PER_APPLICANT).any(|j| (a * PER_APPLICANT + j) % EXPERTS == e)
}

fn template() -> String {
    let mut t = String::from(
        "format = \"reviewdesk-template/1\"\nid = \"bench\"\nversion = 1\n\
         program = { zh = \"基准\", en = \"Benchmark\" }\nquorum = 3\ndecimals = 2\n\
         divergence = { pct = \"20\" }\n\
         [[category]]\nid = \"c\"\nname = { zh = \"甲类\", en = \"C\" }\n",
    );
    for (i, s) in STAGES.iter().enumerate() {
        let weight = if i == 0 { 40 } else { 30 };
        let _ = write!(
            t,
            "[[stage]]\nid = \"{s}\"\nname = {{ zh = \"环节{i}\", en = \"Stage {i}\" }}\n\
             kind = \"score\"\nmax = \"100\"\nweight = \"{weight}\"\n"
        );
        for k in 0..INDICATORS {
            let _ = write!(
                t,
                "[[indicator]]\nid = \"{s}_{k}\"\nstage = \"{s}\"\n\
                 name = {{ zh = \"指标{k}\", en = \"Indicator {k}\" }}\nmax = \"10\"\nstep = \"0.5\"\n"
            );
        }
    }
    t += "[[grade]]\nid = \"good\"\nlabel = { zh = \"良好\", en = \"Good\" }\nmin = \"80\"\n\
          [[grade]]\nid = \"pass\"\nlabel = { zh = \"合格\", en = \"Pass\" }\nmin = \"60\"\n\
          [[grade]]\nid = \"fail\"\nlabel = { zh = \"不合格\", en = \"Fail\" }\nmin = \"0\"\n";
    t
}

fn expert_id(e: usize) -> String {
    format!("E{e:03}")
}

fn round() -> String {
    let mut r = String::from(
        "format = \"reviewdesk-round/1\"\nid = \"bench-2026\"\n[program]\n\
         title = { zh = \"基准批次\", en = \"Benchmark round\" }\n\
         organizer = { zh = \"组织方\", en = \"Organizer\" }\ntemplate = \"bench\"\n",
    );
    for a in 0..APPLICANTS {
        let first17 = format!("91440101{a:09}");
        let code = format!("{first17}{}", check_character(&first17).expect("valid"));
        let _ = write!(
            r,
            "[[applicant]]\nid = \"A{a:03}\"\nname = \"申报单位{a}有限公司\"\ncredit_code = \"{code}\"\n\
             region = {{ zh = \"广州市\", en = \"Guangzhou\" }}\n\
             industry = {{ zh = \"C38\", en = \"C38\" }}\ncategories = [\"c\"]\n"
        );
    }
    r += "[panel.chair]\nid = \"C01\"\nname = \"组长\"\naffiliation = \"研究院\"\n\
          field = { zh = \"工业互联网\", en = \"Industrial Internet\" }\n";
    for e in 0..EXPERTS {
        let _ = write!(
            r,
            "[[panel.expert]]\nid = \"{}\"\nname = \"专家{e}\"\naffiliation = \"研究院\"\n\
             field = {{ zh = \"工业互联网\", en = \"Industrial Internet\" }}\n",
            expert_id(e)
        );
    }
    for a in 0..APPLICANTS {
        for e in (0..EXPERTS).filter(|&e| assigned(e, a)) {
            let _ = write!(
                r,
                "[[assignment]]\nexpert = \"{}\"\napplicant = \"A{a:03}\"\n",
                expert_id(e)
            );
        }
    }
    r
}

fn person(seed: u8, n: usize) -> (Signer, Identity) {
    let mut s = [seed; 32];
    s[0] = n as u8;
    s[1] = (n >> 8) as u8;
    (Signer::from_ed25519_seed(&s), Identity::generate())
}

/// Expert `e`'s part: every applicant declared and scored, values varying so that
/// some scores diverge.
fn part(e: usize, revision: u32) -> String {
    let mut s = format!("{{\"expert\":\"{}\",\"declarations\":[", expert_id(e));
    let mine: Vec<usize> = (0..APPLICANTS).filter(|&a| assigned(e, a)).collect();
    for (i, a) in mine.iter().enumerate() {
        let sep = if i == 0 { "" } else { "," };
        let _ = write!(s, "{sep}{{\"applicant\":\"A{a:03}\"}}");
    }
    s += "],\"scores\":[";
    let mut first = true;
    for &a in &mine {
        for st in STAGES {
            for k in 0..INDICATORS {
                let halves = 10 + (e * 7 + a * 3 + k + revision as usize) % 11;
                let v = if halves.is_multiple_of(2) {
                    format!("{}", halves / 2)
                } else {
                    format!("{}.5", halves / 2)
                };
                let sep = if first { "" } else { "," };
                first = false;
                let _ = write!(
                    s,
                    "{sep}{{\"applicant\":\"A{a:03}\",\"stage\":\"{st}\",\"indicator\":\"{st}_{k}\",\"value\":\"{v}\"}}"
                );
            }
        }
    }
    s += "]}";
    s
}

/// The audit log the expert desk writes for this work (the desk's shape, made
/// without a workspace per expert: entering thousands of scores would time
/// SQLite, not what is measured), so the merge's replay runs on every sheet as on
/// real ones.
fn desk_log(pkg: &reviewdesk_desk::OpenPackage, expert: usize, revision: u32) -> String {
    let parts: Vec<reviewdesk_core::rules::ExpertPart> = (1..=revision)
        .map(|r| serde_json::from_str(&part(expert, r)).expect("a part"))
        .collect();
    reviewdesk_core::audit::entered_log(
        &pkg.binding.package.to_string(),
        pkg.package.manifest.organizer.as_str(),
        "2026-11-21T08:00:00Z",
        &parts,
    )
}

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("cards")).unwrap();
    std::fs::create_dir_all(dir.join("materials")).unwrap();
    std::fs::write(dir.join("template.toml"), template()).unwrap();
    std::fs::write(dir.join("round.toml"), round()).unwrap();
    let write_card = |id: &str, role: Role, p: &(Signer, Identity)| {
        let card = KeyCard::write(id, role, &p.0, &p.1.to_public()).unwrap();
        std::fs::write(dir.join("cards").join(format!("{id}.card")), card).unwrap();
    };
    let org = person(1, 0);
    let chair = person(2, 0);
    write_card("ORG", Role::Organizer, &org);
    write_card("C01", Role::Chair, &chair);
    let experts: Vec<(Signer, Identity)> = (0..EXPERTS).map(|e| person(3, e)).collect();
    for (e, p) in experts.iter().enumerate() {
        write_card(&expert_id(e), Role::Expert, p);
    }
    let loaded = load_round(dir).expect("the synthetic round loads");
    let cards = load_cards(&loaded).expect("cards");
    let pkg_path = dir.join("round.rdpkg");
    seal_round_to_file(
        &loaded,
        &cards,
        &org.0,
        Scope::Whole,
        &pkg_path,
        &mut |_, _| {},
    )
    .expect("sealed");

    // The sheets: each expert signs revision 1, then revision 2.
    let mut files = Vec::new();
    let mut bytes = 0u64;
    for (e, (signer, id)) in experts.iter().enumerate() {
        let pkg = open_for_member(&pkg_path, None, std::slice::from_ref(id)).expect("open");
        for revision in 1..=REVISIONS {
            let scores = part(e, revision);
            let log = desk_log(&pkg, e, revision);
            let file = sign_sheet(
                &pkg,
                signer,
                SheetDraft {
                    scores: &scores,
                    audit: &log,
                    revision,
                },
            )
            .expect("sheet");
            bytes += file.len() as u64;
            let path = dir.join(format!("{}-{revision}.rdsheet", expert_id(e)));
            std::fs::write(&path, file).unwrap();
            files.push(path);
        }
    }
    let scores_per_sheet = APPLICANTS * PER_APPLICANT / EXPERTS * STAGES.len() * INDICATORS;
    println!(
        "chair merge: {} sheet files ({} experts × {} revisions), {APPLICANTS} applicants × {} stages × {INDICATORS} indicators, {PER_APPLICANT} experts an applicant, {scores_per_sheet} scores a sheet, {:.1} MB of sheets",
        files.len(),
        EXPERTS,
        REVISIONS,
        STAGES.len(),
        bytes as f64 / 1e6
    );

    let chair_ids = std::slice::from_ref(&chair.1);
    let mut runs = Vec::new();
    let mut bundle_len = 0;
    let mut flags = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let mut pkg = open_for_member(&pkg_path, None, chair_ids).expect("chair opens");
        let merged = merge(
            &mut pkg,
            &chair.0,
            chair_ids,
            &files,
            MergeOptions::default(),
        )
        .expect("merge");
        runs.push(t.elapsed().as_secs_f64());
        bundle_len = merged.bundle.len();
        flags = merged.result.divergence.len();
        std::fs::write(dir.join("result.rdbundle"), &merged.bundle).unwrap();
    }
    runs.sort_by(|a, b| a.total_cmp(b));
    println!(
        "  import + verify + compute + sign bundle: best {:.3} s, median {:.3} s, worst {:.3} s (target < 2 s); bundle {:.1} MB; {flags} divergence flags",
        runs[0],
        runs[1],
        runs[2],
        bundle_len as f64 / 1e6
    );
    let t = Instant::now();
    let v = verify_bundle(
        &dir.join("result.rdbundle"),
        None,
        std::slice::from_ref(&org.1),
    )
    .expect("verifies");
    println!(
        "  verify_bundle (organizer, full recomputation): {:.3} s, {} applicants",
        t.elapsed().as_secs_f64(),
        v.result.applicants.len()
    );
}
