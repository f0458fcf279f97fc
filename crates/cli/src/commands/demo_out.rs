//! `reviewdesk demo --out DIR`: the demo round end to end, as far as ReviewDesk
//! goes today, through the same services as the desktop — the organizer seals the
//! round (whole and per expert), each expert imports their package into a
//! throwaway workspace, accepts the pledge, declares, reads the materials in
//! memory, scores by a fixed script and signs a sheet. Then the files outside tools
//! check (`age -d`, `ssh-keygen -Y verify`) and the commands that check them.
//!
//! Keys are the round folder's `keys/`: for the bundled demo round the committed,
//! public, throwaway DEMO keys (`assets/demo/keys/`). Nothing here touches the
//! keyring or the user's own workspace.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use reviewdesk_core::rules::{Declaration, PartScore, PartVerdict, RecusalCase};
use reviewdesk_core::{Indicator, Lang, StageAccess, StageKind};
use reviewdesk_desk::{
    import_package, load_cards, open_for_member, read, read_identities, read_signing_key,
    seal_round_to_file, sheet_signature, write_bytes, write_encrypted_entry, DeskError, ExpertDesk,
    Now, PanelCards, Scope, Trust,
};
use reviewdesk_formats::{Fingerprint, Identity, Signer};
use reviewdesk_io::{demo_round_dir, load_round, LoadedRound};
use reviewdesk_workspace::Workspace;
use rust_decimal::Decimal;

use crate::clock;
use crate::error::CliError;
use crate::messages::{demo_labels, DemoLabels};
use crate::render::{self, shell_path, shell_word};

/// The whole round's package, in the output folder.
pub const WHOLE_PACKAGE: &str = "round.rdpkg";

/// `keys/README.txt` in the output folder.
const KEYS_README: &str = "\
演示密钥 DEMO KEYS — 公开、一次性，切勿用于真实评审 / throwaway and public: never use them for a real round.

<id>.age          age X25519 identities of the demo organizer (ORG), chair (C01) and experts
                  (E01…E05), copied from the round folder's keys/: `age -d -i <id>.age FILE`.
allowed_signers   OpenSSH allowed_signers made from the round's verified key cards
                  (principal = fingerprint): `ssh-keygen -Y verify -f allowed_signers …`.

Real keys live in the system keyring (reviewdesk key new) and are never written to disk
in the clear.
";

/// The scripted expert's reason for a score below the low threshold (the sheet's
/// text is the expert's own words, so it does not follow `--lang`).
const LOW_REASON: &str = "演示：低于低分阈值，申报材料中相关佐证不足。";
/// The scripted expert's note on a recusal the organizer upheld.
const UPHELD_NOTE: &str = "申报单位申请本人回避，已裁定予以回避。";

/// What one expert's scripted session did.
struct ExpertRun {
    expert: String,
    name: String,
    sheet: PathBuf,
    package: PathBuf,
    revision: u32,
    declared: usize,
    recused: usize,
    scores: usize,
    verdicts: usize,
    material_bytes: usize,
    fingerprint: Fingerprint,
}

/// The files written, in order, with what each is.
struct Written {
    files: Vec<(PathBuf, String)>,
}

impl Written {
    fn add(&mut self, path: &Path, what: impl Into<String>) {
        self.files.push((path.to_path_buf(), what.into()));
    }
}

fn werr(path: &Path) -> impl Fn(std::io::Error) -> CliError + '_ {
    move |source| CliError::File {
        path: path.to_path_buf(),
        source,
    }
}

fn mkdir(path: &Path) -> Result<(), CliError> {
    std::fs::create_dir_all(path).map_err(werr(path))
}

fn ws_err(e: reviewdesk_workspace::WorkspaceError) -> CliError {
    CliError::Desk(DeskError::Workspace(e))
}

/// The output folder must be new or empty: the demo makes fresh workspaces, and a
/// second run over the first would import into workspaces that already hold work.
fn prepare_out(out: &Path) -> Result<(), CliError> {
    if out.exists() {
        let mut entries = std::fs::read_dir(out).map_err(werr(out))?;
        if entries.next().is_some() {
            return Err(CliError::Usage(format!(
                "--out {}: the folder is not empty; give a new or empty folder",
                out.display()
            )));
        }
    }
    mkdir(out)
}

/// A person's DEMO keys from the round folder's `keys/`.
fn signer_of(keys: &Path, person: &str) -> Result<Signer, CliError> {
    Ok(read_signing_key(&keys.join(format!("{person}.key")))?)
}

fn identities_of(keys: &Path, person: &str) -> Result<Vec<Identity>, CliError> {
    Ok(read_identities(&keys.join(format!("{person}.age")))?)
}

/// A fixed, well-spread number for (expert, applicant, indicator): FNV-1a.
fn mix(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The scripted score: 55 % to 97 % of the maximum, down to the step; a score
/// below the indicator's low threshold comes with the reason the rules require.
fn scripted_score(expert: &str, applicant: &str, ind: &Indicator) -> PartScore {
    let pct = 55 + mix(&[expert, applicant, &ind.id]) % 43;
    let raw = ind.max * Decimal::from(pct) / Decimal::from(100);
    let step = if ind.step > Decimal::ZERO {
        ind.step
    } else {
        Decimal::ONE
    };
    let value = ((raw / step).floor() * step).min(ind.max).normalize();
    let low = ind.low_threshold.is_some_and(|t| value < t);
    PartScore {
        applicant: applicant.into(),
        stage: ind.stage.clone(),
        indicator: ind.id.clone(),
        value,
        reason: low.then(|| LOW_REASON.to_owned()),
        comment: String::new(),
    }
}

/// What every expert's session shares.
#[derive(Clone, Copy)]
struct Setting<'a> {
    out: &'a Path,
    keys: &'a Path,
    org: &'a Fingerprint,
    now: &'a Now,
    labels: &'static DemoLabels,
}

/// One expert's session on their own package, in their own workspace.
fn run_expert(
    cx: &Setting<'_>,
    expert: &str,
    name: &str,
    written: &mut Written,
) -> Result<ExpertRun, CliError> {
    let Setting {
        out,
        keys,
        org,
        now,
        labels: l,
    } = *cx;
    let signer = signer_of(keys, expert)?;
    let ids = identities_of(keys, expert)?;
    let package = out.join("per-expert").join(format!("{expert}.rdpkg"));
    let ws_dir = out.join(format!("workspace-{expert}"));
    let mut ws = Workspace::open(&ws_dir).map_err(ws_err)?;
    written.add(&ws_dir, l.what_workspace);

    // The expert compared the organizer's fingerprint out of band: confirm it.
    let imported = import_package(&mut ws, &package, &signer, &ids, Trust::Confirm(org), now)?;
    let mut desk = ExpertDesk::open(&ws, &imported.package.id, &ids)?;
    desk.accept_pledge(&mut ws, now)?;

    let review = desk.review();
    let assigned: Vec<String> = review.assigned().iter().map(|a| a.id.clone()).collect();
    let mut run = ExpertRun {
        expert: expert.into(),
        name: name.into(),
        sheet: out.join("sheets").join(format!("{expert}.sheet")),
        package: package.clone(),
        revision: 0,
        declared: 0,
        recused: 0,
        scores: 0,
        verdicts: 0,
        material_bytes: 0,
        fingerprint: signer.fingerprint(),
    };
    let mut scores = Vec::new();
    let mut verdicts = Vec::new();
    let mut materials = Vec::new();
    for a in &assigned {
        // An upheld request that this expert not review the applicant: recuse, as
        // the rules require; otherwise the script declares no conflict.
        let locked = review.recusal_locked(a);
        let d = Declaration {
            applicant: a.clone(),
            recuse: locked.then_some(RecusalCase::UpheldRequest),
            note: if locked {
                UPHELD_NOTE.to_owned()
            } else {
                String::new()
            },
        };
        desk.declare(&mut ws, d, now)?;
        run.declared += 1;
        if locked {
            run.recused += 1;
            continue;
        }
        materials.extend(review.materials(a).iter().map(|m| m.id.clone()));
        for (stage, access) in review.stages(a) {
            if access != StageAccess::Open {
                continue;
            }
            match stage.kind {
                StageKind::Score => {
                    for ind in desk.template.scored_indicators(&stage.id) {
                        scores.push(scripted_score(expert, a, ind));
                    }
                }
                // Verdicts only where the round carries a drawn sample for the
                // stage (a site visit happens after the draw).
                StageKind::PassFail if stage.sample.is_some() => {
                    verdicts.push(PartVerdict {
                        applicant: a.clone(),
                        stage: stage.id.clone(),
                        pass: !mix(&[expert, a, &stage.id]).is_multiple_of(5),
                        comment: String::new(),
                    });
                }
                StageKind::PassFail => {}
            }
        }
    }
    // The materials, decrypted in memory as the desk shows them (never written).
    for m in &materials {
        run.material_bytes += desk.material(&ws, &ids, m)?.len();
    }
    for s in scores {
        desk.set_score(&mut ws, s, now)?;
        run.scores += 1;
    }
    for v in verdicts {
        desk.set_verdict(&mut ws, v, now)?;
        run.verdicts += 1;
    }
    let sheet = desk.sign(&mut ws, &signer, &ids, now)?;
    write_bytes(&run.sheet, &sheet.file)?;
    written.add(&run.sheet, l.what_sheet);
    run.revision = sheet.record.revision;
    Ok(run)
}

fn seal_all(
    loaded: &LoadedRound,
    cards: &PanelCards,
    org: &Signer,
    out: &Path,
    l: &DemoLabels,
    written: &mut Written,
) -> Result<PathBuf, CliError> {
    let whole = out.join(WHOLE_PACKAGE);
    seal_round_to_file(loaded, cards, org, Scope::Whole, &whole, &mut |_, _| {})?;
    written.add(&whole, l.what_whole);
    let per = out.join("per-expert");
    mkdir(&per)?;
    for e in &loaded.round.panel.experts {
        let p = per.join(format!("{}.rdpkg", e.id));
        seal_round_to_file(loaded, cards, org, Scope::Expert(&e.id), &p, &mut |_, _| {})?;
        written.add(&p, format!("{} {}", l.what_per_expert, e.id));
    }
    Ok(whole)
}

/// Copies the age identities and writes `allowed_signers` (from the verified
/// cards) into `out/keys/`.
fn copy_keys(
    keys: &Path,
    cards: &PanelCards,
    out: &Path,
    l: &DemoLabels,
    written: &mut Written,
) -> Result<PathBuf, CliError> {
    let dir = out.join("keys");
    mkdir(&dir)?;
    let readme = dir.join("README.txt");
    write_bytes(&readme, KEYS_README.as_bytes())?;
    written.add(&readme, l.what_readme);
    let people = std::iter::once(&cards.organizer).chain(&cards.members);
    let mut signers = String::from("# DEMO keys: throwaway and public, never for a real round\n");
    for c in people {
        let name = format!("{}.age", c.person);
        let to = dir.join(&name);
        write_bytes(&to, &read(&keys.join(&name))?)?;
        written.add(
            &to,
            format!("{} {} ({})", l.what_age, c.person, c.card.name),
        );
        let line = c
            .card
            .allowed_signers_line()
            .map_err(|source| DeskError::Card {
                path: PathBuf::from(format!("cards/{}.card", c.person)),
                source,
            })?;
        signers.push_str(&line);
    }
    let allowed = dir.join("allowed_signers");
    write_bytes(&allowed, signers.as_bytes())?;
    written.add(&allowed, l.what_allowed_signers);
    Ok(allowed)
}

/// How the user started this binary, for the commands printed at the end.
fn program() -> String {
    std::env::args_os()
        .next()
        .map(|a| a.to_string_lossy().into_owned())
        .filter(|a| a.contains('/'))
        .map(|a| shell_word(&a))
        .unwrap_or_else(|| "reviewdesk".into())
}

/// Runs the demo round into `out`.
pub fn run(round: Option<&Path>, out: &Path, lang: Lang) -> Result<(), CliError> {
    let l = demo_labels(lang);
    let dir = round.map(Path::to_path_buf).unwrap_or_else(demo_round_dir);
    let loaded = load_round(&dir)?;
    let cards = load_cards(&loaded)?;
    let keys = dir.join("keys");
    if !keys.is_dir() {
        return Err(CliError::Usage(format!(
            "demo --out needs the round folder's DEMO key files in {} (<id>.key and <id>.age \
             for the organizer and every panel member), as the bundled demo round has",
            keys.display()
        )));
    }
    prepare_out(out)?;
    let mut written = Written { files: Vec::new() };
    let now = clock::now();

    // 1. The DEMO keys, so `age` and `ssh-keygen` can be used on the outputs.
    let allowed = copy_keys(&keys, &cards, out, l, &mut written)?;

    // 2. The organizer seals the round: whole, and one package per expert.
    let org = signer_of(&keys, &cards.organizer.person)?;
    let org_fp = org.fingerprint();
    let whole = seal_all(&loaded, &cards, &org, out, l, &mut written)?;

    // 3. Each expert: import, pledge, declare, read, score, sign.
    mkdir(&out.join("sheets"))?;
    let mut runs = Vec::new();
    let setting = Setting {
        out,
        keys: &keys,
        org: &org_fp,
        now: &now,
        labels: l,
    };
    for e in &loaded.round.panel.experts {
        runs.push(run_expert(&setting, &e.id, &e.name, &mut written)?);
    }

    // 4. Files for outside tools: one material's raw age file (from the whole
    //    package) and each sheet's signed plaintext with its detached signature.
    let exports = out.join("exports");
    mkdir(&exports)?;
    let chair = &loaded.round.panel.chair.id;
    let chair_ids = identities_of(&keys, chair)?;
    let material = loaded.round.materials.first();
    let mut material_export = None;
    if let Some(m) = material {
        let to = exports.join(format!("{}.age", m.id));
        write_encrypted_entry(&whole, Some(&org_fp), &m.id, &to)?;
        written.add(&to, format!("{} {} ({})", l.what_material, m.id, m.file));
        material_export = Some((m, to));
    }
    let mut sig_exports = Vec::new();
    for r in &runs {
        let pkg = open_for_member(&r.package, Some(&org_fp), &chair_ids)?;
        let export = sheet_signature(&read(&r.sheet)?, &pkg, &chair_ids)?;
        let files = export.write_to(&exports.join(format!("sheet-{}", r.expert)))?;
        written.add(
            &files.payload,
            format!("{} {}", l.what_sheet_payload, r.expert),
        );
        written.add(
            &files.signature,
            format!("{} {}", l.what_sheet_sig, r.expert),
        );
        sig_exports.push((r, export.namespace.as_str(), files));
    }

    // 5. The chair's merge and result bundle go here, once `reviewdesk merge`
    //    exists: read sheets/*.sheet with the chair's identity against their
    //    packages (each sheet is bound to its expert's per-expert package),
    //    merge, sign the bundle into out/, and add its checks to the commands
    //    printed below.

    // 6. What was done, and how to check it.
    let mut text = format!("{}\n{}\n\n", l.title, l.demo_keys);
    let mut t = render::table(vec![l.file, l.what, l.bytes]);
    for (path, what) in &written.files {
        let size = if path.is_dir() {
            l.folder.to_owned()
        } else {
            std::fs::metadata(path)
                .map(|m| m.len().to_string())
                .unwrap_or_default()
        };
        t.add_row(vec![path.display().to_string(), what.clone(), size]);
    }
    let _ = write!(text, "{}: {}\n{t}\n\n", l.files, written.files.len());
    let mut t = render::table(vec![
        l.expert,
        l.name,
        l.sheet,
        l.revision,
        l.declared,
        l.recused,
        l.scores,
        l.verdicts,
        l.material_bytes,
    ]);
    for r in &runs {
        t.add_row(vec![
            r.expert.clone(),
            r.name.clone(),
            r.sheet.display().to_string(),
            r.revision.to_string(),
            r.declared.to_string(),
            r.recused.to_string(),
            r.scores.to_string(),
            r.verdicts.to_string(),
            r.material_bytes.to_string(),
        ]);
    }
    let _ = write!(text, "{}\n{t}\n", l.sheets);
    for s in loaded.template.stages.iter() {
        if s.kind == StageKind::PassFail && runs.iter().all(|r| r.verdicts == 0) {
            let _ = writeln!(text, "{}: {}", s.name.get(lang), l.no_sample);
        }
    }
    let _ = writeln!(text, "{}\n", l.merge_pending);

    let rd = program();
    let q = shell_path;
    let _ = writeln!(text, "{}", l.try_it);
    let _ = writeln!(text, "{}", l.c_verify_package);
    let _ = writeln!(
        text,
        "{rd} verify {} --organizer {org_fp} --identity {}",
        q(&whole),
        q(&out.join("keys").join(format!("{chair}.age")))
    );
    let _ = writeln!(text, "{}", l.c_verify_sheets);
    for r in &runs {
        let _ = writeln!(
            text,
            "{rd} verify {} --package {} --identity {}",
            q(&r.sheet),
            q(&r.package),
            q(&out.join("keys").join(format!("{chair}.age")))
        );
    }
    if let (Some((m, enc)), Some(first)) = (&material_export, runs.first()) {
        let plain = exports.join(&m.file);
        let _ = writeln!(text, "{}", l.c_age);
        let _ = writeln!(
            text,
            "age -d -i {} -o {} {}",
            q(&out.join("keys").join(format!("{}.age", first.expert))),
            q(&plain),
            q(enc)
        );
        let _ = writeln!(
            text,
            "cmp {} {}",
            q(&plain),
            q(&loaded.dir.join("materials").join(&m.file))
        );
    }
    let _ = writeln!(text, "{}", l.c_ssh);
    for (r, ns, files) in &sig_exports {
        let _ = writeln!(
            text,
            "ssh-keygen -Y verify -f {} -I {} -n {ns} -s {} < {}",
            q(&allowed),
            r.fingerprint,
            q(&files.signature),
            q(&files.payload)
        );
    }
    print!("{text}");
    Ok(())
}
