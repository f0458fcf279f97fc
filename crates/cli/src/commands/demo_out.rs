//! `reviewdesk demo --out DIR`: the demo round end to end through the same
//! services as the desktop. First the organizer authors the round in `DIR/round/`
//! from the demo's spreadsheets, materials folder and key cards
//! (`demo_author.rs`: no hand-written `round.toml`) and seals it (per expert,
//! then the whole round naming them); each expert imports their package into a
//! throwaway workspace, accepts the pledge, declares, reads the materials in
//! memory, scores by a fixed script and signs a sheet. When the template samples a
//! stage, the chair draws from the announced value, the organizer writes the
//! sample into the round and seals again, and each expert imports the newer
//! package (their work carries over), gives the site-visit verdicts and signs
//! again. The chair merges the final sheets with the panel's opinions into the
//! signed result bundle. Then the files outside tools check (`age -d`,
//! `ssh-keygen -Y verify`) and the commands that check them.
//!
//! `--round DIR` runs a given round folder instead (as it is: nothing authored).
//! Keys are the demo folder's (or the given round folder's) `keys/`: for the
//! bundled demo the committed, public, throwaway DEMO keys (`assets/demo/keys/`).
//! Nothing here touches the keyring or the user's own workspace.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use reviewdesk_core::rules::{
    ApplicantOpinion, Declaration, Dissent, Opinions, PartScore, PartVerdict, RecusalCase,
};
use reviewdesk_core::{material_readers, Indicator, Lang, StageAccess, StageKind};
use reviewdesk_desk::{
    canonical_json, import_package, load_cards, merge, open_for_member, open_sampled_stage, read,
    read_identities, read_signing_key, seal_family_on, sheet_signature, write_bytes,
    write_encrypted_entry, DeskError, ExpertDesk, HandOutTo, MergeOptions, Merged, Now, PanelCards,
    Trust,
};
use reviewdesk_formats::{Fingerprint, Identity, Signer};
use reviewdesk_io::{load_round, LoadedRound};
use reviewdesk_workspace::Workspace;
use rust_decimal::Decimal;

use crate::clock;
use crate::error::CliError;
use crate::messages::{demo_labels, DemoLabels};
use crate::render::{self, shell_path, shell_word};

use super::demo_author;

/// The whole round's package, in the output folder.
pub const WHOLE_PACKAGE: &str = "round.rdpkg";
/// The result bundle, in the output folder.
pub const BUNDLE: &str = "result.rdbundle";
/// The value the demo chair announces for the site-visit draw (in a real round: a
/// number published beforehand, e.g. a lottery's).
const ANNOUNCED: &str = "20261122";

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
    workspace: PathBuf,
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
        workspace: ws_dir.clone(),
        sheet: out.join("sheets").join(format!("{expert}.rdsheet")),
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
                // Open: every applicant reaching an unsampled stage, or one the
                // package's drawn sample names (a site visit follows the draw).
                StageKind::PassFail => {
                    verdicts.push(PartVerdict {
                        applicant: a.clone(),
                        stage: stage.id.clone(),
                        pass: !mix(&[expert, a, &stage.id]).is_multiple_of(5),
                        comment: String::new(),
                    });
                }
            }
        }
    }
    // The materials, decrypted in memory as the desk shows them (never written).
    for m in &materials {
        run.material_bytes += desk.material(&mut ws, &ids, m, now)?.len();
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

/// After the draw: the expert imports the newer package (the round with the sample
/// written in; their declarations and scores carry over), gives a verdict for
/// each drawn applicant they review and signs revision 2.
fn site_visit(
    cx: &Setting<'_>,
    run: &mut ExpertRun,
    package: &Path,
    written: &mut Written,
) -> Result<(), CliError> {
    let (keys, now) = (cx.keys, cx.now);
    let signer = signer_of(keys, &run.expert)?;
    let ids = identities_of(keys, &run.expert)?;
    let mut ws = Workspace::open(&run.workspace).map_err(ws_err)?;
    let imported = import_package(&mut ws, package, &signer, &ids, Trust::Pinned, now)?;
    let desk = ExpertDesk::open(&ws, &imported.package.id, &ids)?;
    let review = desk.review();
    let mut verdicts = Vec::new();
    for a in review.assigned() {
        for (stage, access) in review.stages(&a.id) {
            if stage.kind == StageKind::PassFail && access == StageAccess::Open {
                verdicts.push(PartVerdict {
                    applicant: a.id.clone(),
                    stage: stage.id.clone(),
                    pass: !mix(&[&run.expert, &a.id, &stage.id]).is_multiple_of(5),
                    comment: String::new(),
                });
            }
        }
    }
    for v in verdicts {
        desk.set_verdict(&mut ws, v, now)?;
        run.verdicts += 1;
    }
    let sheet = desk.sign(&mut ws, &signer, &ids, now)?;
    // A sheet of the newer package: the revisions of its own lineage.
    let dir = cx.out.join("sheets").join("after-draw");
    mkdir(&dir)?;
    run.sheet = dir.join(format!("{}.rdsheet", run.expert));
    write_bytes(&run.sheet, &sheet.file)?;
    written.add(&run.sheet, cx.labels.what_sheet);
    run.revision = sheet.record.revision;
    run.package = package.to_path_buf();
    Ok(())
}

/// A copy of the round folder (round.toml, template.toml, materials, cards): what
/// the organizer takes the draw into, so a `--round DIR` given stays as it was.
fn copy_round(loaded: &LoadedRound, to: &Path) -> Result<(), CliError> {
    mkdir(to)?;
    for sub in ["materials", "cards"] {
        let (from, dest) = (loaded.dir.join(sub), to.join(sub));
        mkdir(&dest)?;
        for e in std::fs::read_dir(&from).map_err(werr(&from))? {
            let e = e.map_err(werr(&from))?;
            write_bytes(&dest.join(e.file_name()), &read(&e.path())?)?;
        }
    }
    for file in ["template.toml", "round.toml"] {
        let from = loaded.dir.join(file);
        if from.is_file() {
            write_bytes(&to.join(file), &read(&from)?)?;
        }
    }
    Ok(())
}

/// The panel's opinions the demo chair writes: one per graded applicant, and a
/// dissent by the first expert reviewing the top-ranked one.
fn scripted_opinions(merged: &Merged, lang: Lang) -> Opinions {
    let _ = lang; // The opinions are the panel's own words, in Chinese.
    let mut applicants = Vec::new();
    for a in &merged.result.applicants {
        let Some(final_score) = a.final_score else {
            continue;
        };
        let grade = a.grade.clone().unwrap_or_default();
        let verdict = if a.selected {
            "建议入选"
        } else {
            "建议不予入选"
        };
        applicants.push(ApplicantOpinion {
            applicant: a.id.clone(),
            opinion: format!(
                "经书面审查、现场答辩{}，专家组认为该单位申报材料基本齐全，综合得分 {final_score}，评价等次 {grade}，{verdict}。",
                if a.stages.iter().any(|s| s.passed.is_some()) {
                    "与实地考察"
                } else {
                    ""
                }
            ),
            dissents: Vec::new(),
        });
    }
    if let Some(top) = merged
        .result
        .applicants
        .iter()
        .find(|a| a.rank == Some(1) && a.final_score.is_some())
    {
        let reviewer = merged.input.experts.iter().find(|e| {
            merged
                .input
                .scores
                .iter()
                .any(|s| &s.expert == *e && s.applicant == top.id)
        });
        if let (Some(e), Some(o)) = (
            reviewer,
            applicants.iter_mut().find(|o| o.applicant == top.id),
        ) {
            o.dissents.push(Dissent {
                expert: e.clone(),
                note: "本人同意评审结论，但认为其服务网点覆盖的佐证材料偏少，建议公示前补充核实。"
                    .into(),
            });
        }
    }
    Opinions { applicants }
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
    let per = out.join("per-expert");
    // Per-expert packages first, then the whole one naming them (its family), so
    // the chair accepts each expert's sheet.
    let today = clock::now().today;
    let sealed = seal_family_on(loaded, cards, org, today, &whole, &per, &mut |_, _, _| {})?;
    for (file, _) in sealed {
        match file.file_stem().and_then(|s| s.to_str()) {
            Some(e) if file != whole => written.add(&file, format!("{} {e}", l.what_per_expert)),
            _ => written.add(&file, l.what_whole),
        }
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
    // The demo folder (the bundled one: spreadsheets, materials, cards, keys), or
    // the round folder given.
    let dir = match round {
        Some(r) => r.to_path_buf(),
        None => super::demo_round()?,
    };
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
    // 0. The organizer authors the bundled demo's round from its input files.
    let (mut loaded, authored) = match round {
        Some(_) => (load_round(&dir)?, None),
        None => {
            let to = demo_author::round_dir(out);
            let a = demo_author::author_round(&dir, &to, lang)?;
            written.add(&to, l.what_authored);
            (a.loaded, Some(a.text))
        }
    };
    // The organizer seals the round's calendar: the shipped one plus the years
    // added to this user's workspace (`reviewdesk calendar import`).
    loaded.calendar = super::calendar::round_calendar()?;
    let cards = load_cards(&loaded)?;
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

    let chair = &loaded.round.panel.chair.id;
    let chair_ids = identities_of(&keys, chair)?;
    // 4. The chair draws the site-visit sample from the written and defense
    //    scores; the organizer writes it into the round and seals it again; each
    //    expert imports the newer package, gives the site-visit verdicts and signs
    //    revision 2; the chair merges the final sheets into the result bundle.
    let chair_signer = signer_of(&keys, chair)?;
    let sheet_files = |runs: &[ExpertRun]| runs.iter().map(|r| r.sheet.clone()).collect::<Vec<_>>();
    let merge_with = |pkg_path: &Path, files: &[PathBuf], opinions: Option<&Opinions>| {
        let mut pkg = open_for_member(pkg_path, Some(&org_fp), &chair_ids)?;
        let announced = loaded.template.sampled_stage().map(|_| ANNOUNCED);
        let options = MergeOptions {
            announced,
            opinions,
            audit: None,
        };
        Ok::<_, CliError>(merge(&mut pkg, &chair_signer, &chair_ids, files, options)?)
    };
    let mut final_package = whole.clone();
    let pre = merge_with(&whole, &sheet_files(&runs), None)?;
    let drawn = pre.draw.drawn.clone();
    if let Some(d) = &drawn {
        // The organizer takes the draw over through the same service as
        // `reviewdesk round sample` (the sample into round.toml, the next package
        // revision, the family sealed for hand-out), in a copy of the round folder.
        let dir = out.join("round-with-sample");
        copy_round(&loaded, &dir)?;
        let again = out.join("resealed");
        let font =
            reviewdesk_reports::FontData::bundled().map_err(|e| DeskError::Print(e.to_string()))?;
        let to = HandOutTo {
            organizer: &org,
            dir: &again,
            font: &font,
            lang,
            today: now.today,
            calendar: &loaded.calendar,
        };
        let h = open_sampled_stage(&dir, d, to, &mut |_, _, _, _| {})?;
        written.add(&dir, l.what_round_with_sample);
        for line in &h.lines {
            let file = again.join(&line.file);
            if line.role == reviewdesk_formats::Role::Chair {
                final_package = file.clone();
                written.add(&file, l.what_whole);
            } else {
                written.add(&file, format!("{} {}", l.what_per_expert, line.person));
            }
        }
        for r in &mut runs {
            let package = again.join("experts").join(format!("{}.rdpkg", r.expert));
            site_visit(&setting, r, &package, &mut written)?;
        }
    }
    let computed = merge_with(&final_package, &sheet_files(&runs), None)?;
    let opinions = scripted_opinions(&computed, lang);
    let opinions_file = out.join("opinions.json");
    write_bytes(&opinions_file, &canonical_json(&opinions))?;
    written.add(&opinions_file, l.what_opinions);
    let merged = merge_with(&final_package, &sheet_files(&runs), Some(&opinions))?;
    let bundle = out.join(BUNDLE);
    write_bytes(&bundle, &merged.bundle)?;
    written.add(&bundle, l.what_bundle);
    // The reports, from the bundle as the organizer will check it.
    let org_text = org_fp.to_string();
    let reports = crate::commands::report::write_reports(
        &bundle,
        Some(&org_text),
        &chair_ids,
        &out.join("reports"),
        lang,
    )?;
    for (path, f) in &reports {
        written.add(path, format!("{} ({})", l.what_report, f.name));
    }

    // 4b. The organizer publishes: notice, objections, amendment, final list, archive.
    let org_ids = identities_of(&keys, &cards.organizer.person)?;
    let first_applicant = loaded
        .round
        .applicants
        .first()
        .map(|a| a.id.clone())
        .unwrap_or_default();
    let publication = crate::commands::demo_publish::publish(
        &bundle,
        out,
        &org,
        &org_ids,
        &first_applicant,
        lang,
    )?;
    for n in &publication.notices {
        written.add(&n.join("notice.pdf"), l.what_notice);
        written.add(&n.join("notice.csv"), l.what_notice);
    }
    written.add(&publication.evidence, l.what_evidence);
    written.add(&publication.dir.join("log.jsonl"), l.what_register);
    written.add(&publication.final_dir.join("final-list.pdf"), l.what_final);
    written.add(&publication.final_dir.join("final-list.csv"), l.what_final);
    written.add(&publication.archive, l.what_archive);

    // 5. Files for outside tools: one material's raw age file (from the whole
    //    package) and each final sheet's signed plaintext with its detached signature.
    let exports = out.join("exports");
    mkdir(&exports)?;
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

    // 6. What was done, and how to check it.
    let mut text = format!("{}\n{}\n\n", l.title, l.demo_keys);
    if let Some(a) = &authored {
        let _ = write!(text, "{a}\n\n");
    }
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
    if let Some(d) = &merged.draw.drawn {
        let _ = writeln!(
            text,
            "\n{}\n{}: {}\n{}: {}\n{}\n",
            l.draw_heading,
            l.announced,
            d.announced,
            l.sample,
            d.sample.join(", "),
            l.reseal_note
        );
    }
    let _ = write!(
        text,
        "{}\n{}\n",
        l.results,
        crate::commands::compute::render(&merged.template, &merged.result, lang)
    );

    let rd = program();
    let q = shell_path;
    let _ = writeln!(text, "{}\n{}\n", l.publication, publication.dir.display());
    let _ = writeln!(text, "{}", l.try_it);
    let _ = writeln!(text, "{}", l.c_verify_package);
    let _ = writeln!(
        text,
        "{rd} verify {} --organizer {org_fp} --identity {}",
        q(&whole),
        q(&out.join("keys").join(format!("{chair}.age")))
    );
    let _ = writeln!(text, "{}", l.c_verify_bundle);
    let _ = writeln!(
        text,
        "{rd} verify {} --organizer {org_fp} --identity {}",
        q(&bundle),
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
    // `age -d` as an expert the material is sealed to (assigned, not recused).
    let reader = material_export.as_ref().and_then(|(m, _)| {
        let readers = material_readers(&loaded.round, m);
        runs.iter().find(|r| readers.contains(&r.expert.as_str()))
    });
    if let (Some((m, enc)), Some(first)) = (&material_export, reader) {
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
    let _ = writeln!(text, "{}", l.c_publication);
    for (dir, ns, stem) in publication
        .notices
        .iter()
        .map(|d| (d, "reviewdesk-notice@v1", "notice"))
        .chain(std::iter::once((
            &publication.final_dir,
            "reviewdesk-final-list@v1",
            "final-list",
        )))
    {
        let _ = writeln!(
            text,
            "ssh-keygen -Y verify -f {} -I {org_fp} -n {ns} -s {} < {}",
            q(&dir.join("allowed_signers")),
            q(&dir.join(format!("{stem}.pdf.sig"))),
            q(&dir.join(format!("{stem}.pdf")))
        );
    }
    let _ = writeln!(text, "{rd} archive verify {}", q(&publication.archive));
    print!("{text}");
    Ok(())
}
