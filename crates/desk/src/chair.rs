//! The chair's desk (组长汇总台): the whole-round package opened as its chair,
//! sheets imported many at once (each checked by [`check_sheets`], the same checks
//! as [`merge`](crate::merge)), the completeness matrix, the divergence flags and
//! re-check requests, the results with the method comparison, the site-visit draw,
//! the panel's opinions and dissents, and the signed result bundle. The chair's
//! work is kept in the workspace (`reviewdesk_workspace`, `chair_*` tables), each
//! change with its line in the chair's audit log.

use std::path::{Path, PathBuf};

use reviewdesk_core::rules::{
    compare, completeness, merge_parts, pre_draw_input, round_input, ApplicantOpinion, Comparison,
    Completeness, ComputeInput, ComputeResult, Dissent, DivergenceFlag, DrawRecord, ExpertPart,
    FlagCell, Justification, Opinions,
};
use reviewdesk_core::Template;
use reviewdesk_formats::{Fingerprint, Identity, Role, Signer};
use reviewdesk_workspace::{
    ChairEvent, ChairPackageRecord, ChairSheetRecord, ChairState, Workspace,
};

use crate::expert::Now;
use crate::files::{read, read_limited, write_bytes, Limited};
use crate::merge::{
    check_chair, check_sheets, merge_accepted, package_rules, run_compute, set_draw, CheckedSheet,
    MergeOptions, Merged, PackageRules, SheetOutcome,
};
use crate::package::{hex, verify_package};
use crate::recheck::{request_flags, write_recheck, RecheckCells, WrittenRecheck};
use crate::sheet::{open_for_member, OpenPackage};
use crate::DeskError;

/// The extension of score sheet files (`NAME.rdsheet`, as `.rdpkg` and `.rdbundle`):
/// what the desks write and the only one a folder import picks up.
pub const SHEET_EXTENSION: &str = "rdsheet";

/// What became of one imported sheet file.
#[derive(Debug)]
pub enum ImportOutcome {
    /// Accepted and kept: this expert's sheet in force from now on.
    Accepted {
        /// The expert.
        expert: String,
        /// Its revision.
        revision: u32,
        /// What its audit log shows: pledge time, declarations, edits.
        audit: reviewdesk_core::AuditSummary,
        /// The revision it replaces, when the chair had an older one.
        supersedes: Option<u32>,
    },
    /// Refused; nothing from it was kept (`stale_revision`, `duplicate_sheet`,
    /// `not_bound`, `recused_score`, a signature or decryption code, …).
    Refused(Box<DeskError>),
}

/// One sheet file and what became of it.
#[derive(Debug)]
pub struct ImportLine {
    /// The file as given.
    pub file: PathBuf,
    /// Accepted or refused.
    pub outcome: ImportOutcome,
}

/// The chair's view of the round as it stands.
#[derive(Debug)]
pub struct ChairOverview {
    /// What the workspace holds.
    pub state: ChairState,
    /// The sheets in force (highest revision per expert), by expert.
    pub sheets: Vec<CheckedSheet>,
    /// The merge input from them.
    pub input: ComputeInput,
    /// The rules engine's result; before the draw (a template that samples a
    /// stage, no announced value yet) it is computed without the sampled stage.
    pub result: Result<ComputeResult, DeskError>,
    /// Whether `result` is the pre-draw one.
    pub before_draw: bool,
    /// The completeness matrix.
    pub completeness: Completeness,
    /// The ranking under each method (absent when the rules refuse the input).
    pub comparison: Option<Comparison>,
    /// The draw as the bundle will record it (after the announced value).
    pub draw: Option<DrawRecord>,
    /// The opinions and dissents as the bundle will carry them.
    pub opinions: Opinions,
}

impl ChairOverview {
    /// The divergence flags of the result (none when it was refused).
    pub fn flags(&self) -> &[DivergenceFlag] {
        self.result
            .as_ref()
            .map(|r| r.divergence.as_slice())
            .unwrap_or(&[])
    }

    /// The experts' answers to re-check requests, as the sheets in force carry
    /// them: (expert, justification), by expert.
    pub fn justifications(&self) -> Vec<(&str, &Justification)> {
        self.sheets
            .iter()
            .flat_map(|c| {
                c.part
                    .justifications
                    .iter()
                    .map(move |j| (c.sheet.expert.as_str(), j))
            })
            .collect()
    }
}

/// The whole-round package open at the chair's desk.
#[derive(Debug)]
pub struct ChairDesk {
    /// The package as recorded in the workspace.
    pub record: ChairPackageRecord,
    /// The round and template it carries.
    pub rules: PackageRules,
    /// The round's part of the merge input (applicants, experts, assignments,
    /// upheld recusals).
    pub base: ComputeInput,
    pkg: OpenPackage,
}

impl ChairDesk {
    /// Opens a whole-round package as its chair: verified whole first (every
    /// signature, hash and plaintext), the signer must be the chair
    /// (`not_the_chair`), and the organizer's key must be the one pinned for that
    /// organizer, or be confirmed now by `trust` (then pinned) — as at the expert
    /// desk (`organizer_not_pinned`, `organizer_changed`, `trust_mismatch`). The
    /// file is kept in the workspace and recorded once (a package opened before is
    /// opened again, its work kept).
    pub fn open(
        ws: &mut Workspace,
        path: &Path,
        signer: &Signer,
        identities: &[Identity],
        trust: crate::Trust<'_>,
        now: &Now,
    ) -> Result<Self, DeskError> {
        verify_package(path, None, identities, &|_| {})?;
        let mut pkg = open_for_member(path, None, identities)?;
        check_chair(&pkg, signer)?;
        let id = pkg.binding.package.to_string();
        if let Ok(known) = ws.chair_package(&id) {
            if known.fingerprint != signer.fingerprint().to_string() {
                return Err(DeskError::NotTheChair {
                    fingerprint: signer.fingerprint().to_string(),
                });
            }
            return Self::reopen(ws, &id, signer, identities);
        }
        let rules = package_rules(&mut pkg, identities)?;
        let organizer = pkg.package.manifest.organizer.clone();
        let organizer_name = rules.round.program.organizer.zh.clone();
        // An older or equal revision of a round already opened is refused.
        let held = ws
            .chair_packages()?
            .into_iter()
            .filter(|p| {
                p.round == rules.round.id && p.fingerprint == signer.fingerprint().to_string()
            })
            .map(|p| crate::package::kept_revision(&ws.chair_file(&p.id), &p.organizer))
            .collect::<Result<Vec<u32>, DeskError>>()?;
        crate::package::check_newer(&rules.round.id, pkg.package.manifest.revision, held)?;
        if crate::expert::organizer_trusted(ws, &organizer_name, &organizer, trust)? {
            ws.pin_organizer(&organizer_name, &organizer.to_string(), &now.at)?;
        }
        let fp = signer.fingerprint();
        let person = pkg
            .index
            .recipients
            .iter()
            .find(|r| r.role == Role::Chair && r.fingerprint == fp)
            .map(|r| r.person.clone())
            .unwrap_or_default();
        let dest = ws.chair_file(&id);
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir).map_err(|source| DeskError::Write {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        write_bytes(&dest, &read(path)?)?;
        let record = ChairPackageRecord {
            id: id.clone(),
            round: rules.round.id.clone(),
            manifest_sha256: hex(&pkg.binding.manifest_sha256),
            organizer: pkg.package.manifest.organizer.to_string(),
            person,
            fingerprint: fp.to_string(),
            opened_at: now.at.clone(),
        };
        ws.add_chair_package(&record)?;
        Self::reopen(ws, &id, signer, identities)
    }

    /// Opens a package the chair opened before, from the workspace's copy (its
    /// manifest checked against the organizer key recorded then).
    pub fn reopen(
        ws: &Workspace,
        id: &str,
        signer: &Signer,
        identities: &[Identity],
    ) -> Result<Self, DeskError> {
        let record = ws.chair_package(id)?;
        let organizer =
            Fingerprint::parse(&record.organizer).ok_or_else(|| DeskError::Malformed {
                part: "workspace".into(),
                message: format!("bad organizer fingerprint {}", record.organizer),
            })?;
        let mut pkg = open_for_member(&ws.chair_file(id), Some(&organizer), identities)?;
        check_chair(&pkg, signer)?;
        let rules = package_rules(&mut pkg, identities)?;
        let base = round_input(&rules.round);
        Ok(Self {
            record,
            rules,
            base,
            pkg,
        })
    }

    /// The template.
    pub fn template(&self) -> &Template {
        &self.rules.template
    }

    /// The stored sheets in force, each checked again, as (name, bytes).
    fn stored(&self, ws: &Workspace) -> Result<Vec<(PathBuf, Vec<u8>)>, DeskError> {
        let state = ws.chair_state(&self.record.id)?;
        Ok(state
            .current_sheets()
            .into_iter()
            .map(|s| (stored_name(&s.expert, s.revision), s.file.clone()))
            .collect())
    }

    /// Imports sheet files: each checked against the package and against the
    /// sheets already accepted; per expert the highest revision wins. One line per
    /// file, in the order given; what is accepted is kept, each sheet its own
    /// transaction with its audit line.
    pub fn import(
        &self,
        ws: &mut Workspace,
        identities: &[Identity],
        files: &[PathBuf],
        now: &Now,
    ) -> Result<Vec<ImportLine>, DeskError> {
        let stored = self.stored(ws)?;
        let n = stored.len();
        let current: Vec<(String, u32)> = ws
            .chair_state(&self.record.id)?
            .current_sheets()
            .iter()
            .map(|s| (s.expert.clone(), s.revision))
            .collect();
        let items = stored
            .into_iter()
            .map(|(name, bytes)| (name, Ok(bytes)))
            .chain(
                files
                    .iter()
                    .map(|f| (f.clone(), read_limited(f, Limited::Sheet))),
            )
            .collect();
        let checks = check_sheets(&self.pkg, identities, &self.rules.round, &self.base, items);
        let mut accepted: Vec<Option<CheckedSheet>> = (0..files.len()).map(|_| None).collect();
        for c in checks.accepted {
            if c.at >= n {
                let at = c.at - n;
                accepted[at] = Some(c);
            }
        }
        let mut lines = Vec::with_capacity(files.len());
        for (i, report) in checks.reports.into_iter().enumerate().skip(n) {
            let outcome = match report.outcome {
                SheetOutcome::Refused(e) => ImportOutcome::Refused(e),
                SheetOutcome::Accepted {
                    expert,
                    revision,
                    audit,
                } => {
                    let c = accepted[i - n].take().expect("an accepted sheet");
                    ws.chair_add_sheet(
                        &self.record.id,
                        &ChairSheetRecord {
                            expert: expert.clone(),
                            revision,
                            sha256: hex(&c.sheet.sha256),
                            file: c.file,
                            imported_at: now.at.clone(),
                        },
                    )?;
                    let supersedes = current.iter().find(|(e, _)| *e == expert).map(|(_, r)| *r);
                    ImportOutcome::Accepted {
                        expert,
                        revision,
                        supersedes,
                        audit,
                    }
                }
            };
            lines.push(ImportLine {
                file: report.file,
                outcome,
            });
        }
        Ok(lines)
    }

    /// Imports every `*.rdsheet` file in a folder (not its sub-folders), by name;
    /// files of any other name are left alone.
    pub fn import_folder(
        &self,
        ws: &mut Workspace,
        identities: &[Identity],
        dir: &Path,
        now: &Now,
    ) -> Result<Vec<ImportLine>, DeskError> {
        let files = sheet_files_in(dir)?;
        self.import(ws, identities, &files, now)
    }

    /// The sheets in force, checked.
    pub fn sheets(
        &self,
        ws: &Workspace,
        identities: &[Identity],
    ) -> Result<Vec<CheckedSheet>, DeskError> {
        let items = self
            .stored(ws)?
            .into_iter()
            .map(|(name, bytes)| (name, Ok(bytes)))
            .collect();
        let checks = check_sheets(&self.pkg, identities, &self.rules.round, &self.base, items);
        if let Some(r) = checks.reports.into_iter().find_map(|r| match r.outcome {
            SheetOutcome::Refused(e) => Some(e),
            SheetOutcome::Accepted { .. } => None,
        }) {
            return Err(*r);
        }
        Ok(checks.accepted)
    }

    /// Everything the chair's screens show.
    pub fn overview(
        &self,
        ws: &Workspace,
        identities: &[Identity],
    ) -> Result<ChairOverview, DeskError> {
        let state = ws.chair_state(&self.record.id)?;
        let sheets = self.sheets(ws, identities)?;
        let parts: Vec<ExpertPart> = sheets.iter().map(|c| c.part.clone()).collect();
        let mut input = merge_parts(&self.base, &parts);
        let t = &self.rules.template;
        let sampled = t.sampled_stage().is_some();
        let before_draw = sampled && state.announced.is_none();
        let (result, rules_t, rules_input) = if before_draw {
            // Before the draw: the rules without the sampled stage.
            let (t2, i2) = without_sampled_stage(t, &input);
            (run_compute(&t2, &i2), t2, i2)
        } else {
            let r = set_draw(t, &self.rules.round, &mut input, state.announced.as_deref())
                .and_then(|()| run_compute(t, &input));
            (r, t.clone(), input.clone())
        };
        let comparison = result
            .as_ref()
            .ok()
            .and_then(|_| compare(&rules_t, &rules_input).ok());
        let completeness = completeness(t, &input, &self.base.recusals, result.as_ref().ok());
        let draw = match (&result, before_draw) {
            (Ok(r), false) if sampled => Some(DrawRecord::of(&input, r)),
            _ => None,
        };
        let opinions = opinions_of(&state);
        Ok(ChairOverview {
            state,
            sheets,
            input,
            result,
            before_draw,
            completeness,
            comparison,
            draw,
            opinions,
        })
    }

    /// Records a re-check request for one divergence flag (复核).
    #[allow(clippy::too_many_arguments)]
    pub fn request_recheck(
        &self,
        ws: &mut Workspace,
        expert: &str,
        applicant: &str,
        stage: &str,
        indicator: Option<&str>,
        note: &str,
        now: &Now,
    ) -> Result<(), DeskError> {
        let known = |list: &[String], x: &str| list.iter().any(|y| y == x);
        if !known(&self.base.experts, expert)
            || !self.base.applicants.iter().any(|a| a.id == applicant)
            || self.rules.template.stage(stage).is_none()
        {
            return Err(DeskError::Content {
                part: "recheck".into(),
                message: format!("no expert {expert:?}, applicant {applicant:?} or stage {stage:?} in this round"),
            });
        }
        ws.chair_record(
            &self.record.id,
            &now.at,
            ChairEvent::Recheck {
                expert: expert.into(),
                applicant: applicant.into(),
                stage: stage.into(),
                indicator: indicator.map(str::to_owned),
                note: note.into(),
            },
        )?;
        Ok(())
    }

    /// Writes a re-check request file for `expert` to `out` (through a temporary
    /// file): the cells `cells` names, or without it the re-checks recorded for the
    /// expert ([`request_recheck`](Self::request_recheck); `no_rechecks` when there
    /// are none), each with the value, the mean of the others and the distance of
    /// the result as it stands (`not_flagged` for a cell that no longer carries a
    /// flag of the expert) and its recorded note, else `note`. The request gets the
    /// expert's next sequence number and is recorded (`send_recheck`) before the
    /// file is written.
    #[allow(clippy::too_many_arguments)]
    pub fn export_recheck(
        &self,
        ws: &mut Workspace,
        signer: &Signer,
        identities: &[Identity],
        expert: &str,
        cells: Option<RecheckCells<'_>>,
        note: &str,
        out: &Path,
        now: &Now,
    ) -> Result<WrittenRecheck, DeskError> {
        check_chair(&self.pkg, signer)?;
        let overview = self.overview(ws, identities)?;
        let result = overview.result?;
        let recorded: Vec<(FlagCell, String)> = overview
            .state
            .rechecks
            .iter()
            .filter(|r| r.expert == expert)
            .map(|r| {
                (
                    FlagCell {
                        applicant: r.applicant.clone(),
                        stage: r.stage.clone(),
                        indicator: r.indicator.clone(),
                    },
                    r.note.clone(),
                )
            })
            .collect();
        let recorded_cells: Vec<FlagCell> = recorded.iter().map(|(c, _)| c.clone()).collect();
        let cells = match cells {
            Some(c) => c,
            None if recorded_cells.is_empty() => {
                return Err(DeskError::NoRechecks {
                    expert: expert.to_owned(),
                })
            }
            None => RecheckCells::These(&recorded_cells),
        };
        let note_of = |c: &FlagCell| {
            recorded
                .iter()
                .find(|(r, n)| r == c && !n.trim().is_empty())
                .map_or_else(|| note.to_owned(), |(_, n)| n.clone())
        };
        let flags = request_flags(&result.divergence, expert, cells, &note_of)?;
        let sequence = ws.chair_next_recheck(&self.record.id, expert)?;
        let written = write_recheck(&self.pkg, signer, identities, expert, sequence, &flags)?;
        ws.chair_record(
            &self.record.id,
            &now.at,
            ChairEvent::SendRecheck {
                expert: expert.to_owned(),
                sequence,
                sha256: hex(&written.request.sha256),
                flags: flags.len() as u32,
            },
        )?;
        write_bytes(out, &written.file)?;
        Ok(written)
    }

    fn check_applicant(&self, applicant: &str) -> Result<(), DeskError> {
        if self.base.applicants.iter().any(|a| a.id == applicant) {
            Ok(())
        } else {
            Err(DeskError::Opinions(format!("no applicant {applicant:?}")))
        }
    }

    /// Writes (or with an empty text removes) the panel's opinion on an applicant,
    /// kept verbatim.
    pub fn set_opinion(
        &self,
        ws: &mut Workspace,
        applicant: &str,
        opinion: &str,
        now: &Now,
    ) -> Result<(), DeskError> {
        self.check_applicant(applicant)?;
        let opinion = if opinion.trim().is_empty() {
            ""
        } else {
            opinion
        };
        ws.chair_record(
            &self.record.id,
            &now.at,
            ChairEvent::Opinion {
                applicant: applicant.into(),
                opinion: opinion.into(),
            },
        )?;
        Ok(())
    }

    /// Writes (or with an empty text removes) an expert's dissent on an applicant,
    /// kept verbatim; only an expert who reviews the applicant (assigned, not
    /// recused) dissents (`bad_opinions`).
    pub fn set_dissent(
        &self,
        ws: &mut Workspace,
        applicant: &str,
        expert: &str,
        note: &str,
        now: &Now,
    ) -> Result<(), DeskError> {
        self.check_applicant(applicant)?;
        let note = if note.trim().is_empty() { "" } else { note };
        if !note.is_empty() {
            let probe = Opinions {
                applicants: vec![ApplicantOpinion {
                    applicant: applicant.into(),
                    opinion: "-".into(),
                    dissents: vec![Dissent {
                        expert: expert.into(),
                        note: note.into(),
                    }],
                }],
            };
            let problems = probe.problems(&self.base);
            if !problems.is_empty() {
                return Err(DeskError::Opinions(crate::error::listed(problems, "; ")));
            }
        }
        ws.chair_record(
            &self.record.id,
            &now.at,
            ChairEvent::Dissent {
                applicant: applicant.into(),
                expert: expert.into(),
                note: note.into(),
            },
        )?;
        Ok(())
    }

    /// Enters the value announced for the site-visit draw (`bad_draw` when the
    /// template samples no stage or the value is empty or holds a line break).
    pub fn set_announced(
        &self,
        ws: &mut Workspace,
        announced: &str,
        now: &Now,
    ) -> Result<(), DeskError> {
        let mut probe = self.base.clone();
        set_draw(
            &self.rules.template,
            &self.rules.round,
            &mut probe,
            Some(announced),
        )?;
        ws.chair_record(
            &self.record.id,
            &now.at,
            ChairEvent::Draw {
                announced: announced.into(),
            },
        )?;
        Ok(())
    }

    /// Signs the result bundle from the sheets in force, the announced value, the
    /// opinions and the chair's audit log, and writes it to `out` (through a
    /// temporary file). The merge is tried first; only when it goes through is the
    /// `sign_bundle` line recorded, and the bundle then carries the log up to and
    /// including that line.
    pub fn sign_bundle(
        &mut self,
        ws: &mut Workspace,
        signer: &Signer,
        identities: &[Identity],
        out: &Path,
        now: &Now,
    ) -> Result<Merged, DeskError> {
        check_chair(&self.pkg, signer)?;
        let state = ws.chair_state(&self.record.id)?;
        let sheets = self.sheets(ws, identities)?;
        let opinions = opinions_of(&state);
        let options = MergeOptions {
            announced: state.announced.as_deref(),
            opinions: Some(&opinions),
            audit: None,
        };
        let (pkg, rules, base) = (&mut self.pkg, &self.rules, &self.base);
        merge_accepted(pkg, signer, identities, rules, base, &sheets, options)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        ws.chair_record(
            &self.record.id,
            &now.at,
            ChairEvent::SignBundle { file: name },
        )?;
        let (audit, _) = ws.chair_audit_log(&self.record.id)?;
        let options = MergeOptions {
            audit: Some(&audit),
            ..options
        };
        let merged = merge_accepted(pkg, signer, identities, rules, base, &sheets, options)?;
        write_bytes(out, &merged.bundle)?;
        Ok(merged)
    }
}

/// How a sheet the chair's workspace already holds is named in a refusal (it has no
/// file name of its own any more): `E01.r2.rdsheet (imported)`; the Chinese
/// message says 此前已导入的 instead of the mark.
pub const IMPORTED_MARK: &str = " (imported)";

fn stored_name(expert: &str, revision: u32) -> PathBuf {
    PathBuf::from(format!(
        "{expert}.r{revision}.{SHEET_EXTENSION}{IMPORTED_MARK}"
    ))
}

/// The opinions as the bundle carries them: per applicant with an opinion or a
/// dissent, by applicant id (a dissent without an opinion is kept and refused at
/// signing as `bad_opinions`).
fn opinions_of(state: &ChairState) -> Opinions {
    let mut ids: Vec<&str> = state
        .opinions
        .iter()
        .map(|(a, _)| a.as_str())
        .chain(state.dissents.iter().map(|d| d.applicant.as_str()))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Opinions {
        applicants: ids
            .into_iter()
            .map(|a| ApplicantOpinion {
                applicant: a.to_owned(),
                opinion: state
                    .opinions
                    .iter()
                    .find(|(x, _)| x == a)
                    .map(|(_, o)| o.clone())
                    .unwrap_or_default(),
                dissents: state
                    .dissents
                    .iter()
                    .filter(|d| d.applicant == a)
                    .map(|d| Dissent {
                        expert: d.expert.clone(),
                        note: d.note.clone(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The template without its sampled stage (and that stage's indicators and
/// quotas' references) and the input without that stage's entries: what the
/// results are before the draw.
pub(crate) fn without_sampled_stage(
    t: &Template,
    input: &ComputeInput,
) -> (Template, ComputeInput) {
    let mut t2 = t.clone();
    let i2 = pre_draw_input(t, input);
    if let Some(s) = t.sampled_stage() {
        let id = s.id.clone();
        t2.stages.retain(|x| x.id != id);
        t2.indicators.retain(|x| x.stage != id);
        t2.tie_breaks.retain(|x| x.stage != id);
    }
    (t2, i2)
}

/// Every `*.rdsheet` file directly in `dir`, by name.
pub fn sheet_files_in(dir: &Path) -> Result<Vec<PathBuf>, DeskError> {
    let rd = std::fs::read_dir(dir).map_err(|source| DeskError::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files = Vec::new();
    for e in rd {
        let e = e.map_err(|source| DeskError::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        let p = e.path();
        if p.is_file() && p.extension().is_some_and(|x| x == SHEET_EXTENSION) {
            files.push(p);
        }
    }
    files.sort();
    Ok(files)
}
