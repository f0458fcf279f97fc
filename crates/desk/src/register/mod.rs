//! The register of units across years (动态管理, issue 15), one function per
//! organizer action over the workspace's ledgers (`reviewdesk-workspace`) and the
//! built-in program files (`assets/programs/`): apply a verified final archive
//! (or bundle), record one event, status, history, what is due, the rules'
//! proposals confirmed or rejected with a reason, the yearly signed checkpoint
//! and its verification, the catalogue, a unit's history and the register as
//! files. The rules are `reviewdesk_core::register` (rule 18 of
//! `docs/rules.md`); days come in as arguments (no clock here).

mod checkpoint;
mod error;
mod reports;

use std::borrow::BorrowMut;
use std::collections::BTreeMap;

use reviewdesk_core::register::{
    applicant_flags, due, propose, status, ApplicantFlag, DueItem, Event, EventKind, EventSource,
    LedgerLine, NewEntry, ProgramRules, Proposal, Records, SourceFile, Standing, UnitStatus,
    MAX_LEDGER_TEXT,
};
use reviewdesk_core::{CreditCode, Date, Template};
use reviewdesk_workspace::{AppliedFile, Ledger, Workspace};

use crate::publication::{verify_archive, verify_archive_file, ArchiveReport, FinalResult};
use crate::{BundleVerification, DeskError};

pub use checkpoint::{Checkpoint, CheckpointReport, CheckpointUnit, CHECKPOINT_FORMAT};
pub use error::{RegisterCode, RegisterError};
pub use reports::{CatalogueFiles, RegisterLabels};

type Result<T> = std::result::Result<T, RegisterError>;

/// What applying an archive or bundle did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplyOutcome {
    /// The file's SHA-256.
    pub sha256: String,
    /// The round.
    pub round: String,
    /// The template.
    pub template: String,
    /// The programs it fed.
    pub programs: Vec<String>,
    /// Applied before: nothing was recorded this time.
    pub already_applied: bool,
    /// The lines written.
    pub lines: Vec<LedgerLine>,
    /// The proposals open for the units it touched, on its date.
    pub proposals: Vec<Proposal>,
}

/// One event to record by hand (`register record`).
#[derive(Debug, Clone, Default)]
pub struct RecordRequest {
    /// 统一社会信用代码.
    pub unit: String,
    /// The program's id.
    pub program: String,
    /// The event's kind (snake_case, as `--event` takes it).
    pub event: String,
    /// The event's date.
    pub on: Option<Date>,
    /// For `graded`: the year.
    pub year: Option<i32>,
    /// For `graded`: the grade id or label.
    pub grade: Option<String>,
    /// For `removed`, `revoked`, `banned`: the cause id.
    pub cause: Option<String>,
    /// For `applied`, `admitted`, `change_approved`: the name.
    pub name: Option<String>,
    /// For reports: the period (`2026Q1`, `2025`); for `report_filed`, the oldest
    /// open one when absent.
    pub period: Option<String>,
    /// For `warned`, `report_due`, `banned`: the day (default from the rules).
    pub until: Option<Date>,
    /// The line this one corrects.
    pub corrects: Option<u32>,
    /// A note.
    pub note: Option<String>,
}

/// A unit's history: its lines and its status in each of its programs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// 统一社会信用代码.
    pub unit: String,
    /// Every line.
    pub lines: Vec<LedgerLine>,
    /// The ledger's head.
    pub head: String,
    /// Its status in each program it has lines in, at the date asked.
    pub statuses: Vec<UnitStatus>,
}

/// The register: the workspace's ledgers and the built-in program files. It
/// owns its workspace (the CLI) or borrows the session's (`&mut Workspace`, the
/// app).
#[derive(Debug)]
pub struct Register<W = Workspace> {
    ws: W,
    programs: Vec<ProgramRules>,
    templates: Vec<Template>,
}

fn text(what: &str, t: Option<String>) -> Result<Option<String>> {
    match t {
        Some(s) if s.trim().is_empty() => Err(RegisterError::BadInput(format!("{what} is empty"))),
        Some(s) if s.chars().count() > MAX_LEDGER_TEXT => Err(RegisterError::BadInput(format!(
            "{what} is longer than {MAX_LEDGER_TEXT} characters"
        ))),
        other => Ok(other),
    }
}

impl<W: BorrowMut<Workspace>> Register<W> {
    /// The register in this workspace, with the built-in programs and templates.
    pub fn open(ws: W) -> Result<Self> {
        Ok(Self {
            ws,
            programs: reviewdesk_io::programs::builtin_programs()?,
            templates: reviewdesk_io::templates::builtin()?,
        })
    }

    /// The workspace.
    pub fn workspace(&self) -> &Workspace {
        self.ws.borrow()
    }

    /// The program files.
    pub fn programs(&self) -> &[ProgramRules] {
        &self.programs
    }

    /// The program with this id.
    pub fn program(&self, id: &str) -> Result<&ProgramRules> {
        self.programs
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| RegisterError::UnknownProgram {
                program: id.to_owned(),
                known: self.programs.iter().map(|p| p.id.clone()).collect(),
            })
    }

    /// Applies a final archive (`.rdarchive`): verified and recomputed first
    /// ([`verify_archive`]; anything that does not verify is refused), then per
    /// program fed by its template the admissions (the final list) or the grades
    /// of `year` (every graded applicant), dated the final list's day. Applying
    /// the same archive again records nothing and says so.
    pub fn apply_archive(&mut self, bytes: &[u8], year: Option<i32>) -> Result<ApplyOutcome> {
        let report = verify_archive(bytes)?;
        self.apply_archive_report(&report, year)
    }

    /// Applies an archive verified by [`verify_archive`] or
    /// [`verify_archive_file`] (its report names the file's SHA-256).
    fn apply_archive_report(
        &mut self,
        report: &ArchiveReport,
        year: Option<i32>,
    ) -> Result<ApplyOutcome> {
        let source = EventSource {
            file: SourceFile::Archive,
            sha256: report.sha256.clone(),
            round: report.round.clone(),
        };
        self.apply_results(
            source,
            &report.template,
            report.published,
            &report.results,
            year,
        )
    }

    /// Reads an archive file (at most `MAX_ARCHIVE` bytes, as a stream:
    /// [`verify_archive_file`]) and applies it ([`Register::apply_archive`]).
    pub fn apply_archive_file(
        &mut self,
        path: &std::path::Path,
        year: Option<i32>,
    ) -> Result<ApplyOutcome> {
        let report = verify_archive_file(path)?;
        self.apply_archive_report(&report, year)
    }

    /// Reads a bundle file, verifies and recomputes it with `identities`
    /// ([`crate::verify_bundle`]) and applies it as of `on`.
    pub fn apply_bundle_file(
        &mut self,
        path: &std::path::Path,
        identities: &[reviewdesk_formats::Identity],
        on: Date,
        year: Option<i32>,
    ) -> Result<ApplyOutcome> {
        if identities.is_empty() {
            return Err(RegisterError::Desk(DeskError::NeedsIdentity));
        }
        // One read: the bytes verified are the bytes hashed.
        let (v, sha256) = crate::verify_bundle_file(path, None, identities)?;
        self.apply_bundle(&sha256, &v, on, year)
    }

    /// Applies a verified result bundle ([`crate::verify_bundle`]) as of `on` (a
    /// bundle has no publication date): as [`Register::apply_archive`].
    pub fn apply_bundle(
        &mut self,
        bundle_sha256: &[u8; 32],
        v: &BundleVerification,
        on: Date,
        year: Option<i32>,
    ) -> Result<ApplyOutcome> {
        let source = EventSource {
            file: SourceFile::Bundle,
            sha256: crate::package::hex(bundle_sha256),
            round: v.round.id.clone(),
        };
        let results = crate::publication::final_results(&v.round, &v.result);
        self.apply_results(source, &v.template.id, on, &results, year)
    }

    fn apply_results(
        &mut self,
        source: EventSource,
        template: &str,
        on: Date,
        results: &[FinalResult],
        year: Option<i32>,
    ) -> Result<ApplyOutcome> {
        let fed: Vec<ProgramRules> = self
            .programs
            .iter()
            .filter(|p| p.records(template).is_some())
            .cloned()
            .collect();
        if fed.is_empty() {
            return Err(RegisterError::NoProgram {
                template: template.to_owned(),
            });
        }
        let mut outcome = ApplyOutcome {
            sha256: source.sha256.clone(),
            round: source.round.clone(),
            template: template.to_owned(),
            programs: fed.iter().map(|p| p.id.clone()).collect(),
            already_applied: false,
            lines: Vec::new(),
            proposals: Vec::new(),
        };
        let units: Vec<&FinalResult> = results.iter().collect();
        if self.ws.borrow().register_applied(&source.sha256)?.is_some() {
            outcome.already_applied = true;
            outcome.proposals =
                self.proposals_of(units.iter().map(|r| r.credit_code.as_str()), on)?;
            return Ok(outcome);
        }
        let mut batch: BTreeMap<String, (CreditCode, Vec<NewEntry>)> = BTreeMap::new();
        for p in &fed {
            let records = p.records(template).expect("filtered above");
            if records == Records::Grade && year.is_none() {
                return Err(RegisterError::YearNeeded {
                    round: source.round.clone(),
                });
            }
            for r in &units {
                let code = CreditCode::parse(&r.credit_code)
                    .map_err(|e| RegisterError::BadInput(format!("{}: {e}", r.credit_code)))?;
                let ledger = self.ws.borrow().register_ledger(code.as_str())?;
                let st = status(code.as_str(), &ledger.lines, p, on);
                let entry = |event: Event| NewEntry {
                    program: p.id.clone(),
                    on,
                    event,
                    corrects: None,
                    proposal: None,
                    source: Some(source.clone()),
                    round: Some(source.round.clone()),
                    note: None,
                };
                let mut entries = Vec::new();
                match records {
                    Records::Admission => {
                        if r.selected && !st.standing.is_member() {
                            entries.push(entry(Event::Admitted {
                                name: r.name.clone(),
                            }));
                        }
                    }
                    Records::Grade => {
                        let Some(grade) = &r.grade else { continue };
                        let y = year.expect("checked above");
                        if st.standing == Standing::Outside {
                            let mut e = entry(Event::Admitted {
                                name: r.name.clone(),
                            });
                            e.note = Some(
                                "assessed as a member: entered from the assessment (年度考核名单补录)".into(),
                            );
                            entries.push(e);
                        }
                        let earlier = reviewdesk_core::register::in_force(&ledger.lines, on)
                            .into_iter()
                            .rev()
                            .find(|l| l.program == p.id && matches!(&l.event, Event::Graded { year: gy, .. } if *gy == y))
                            .map(|l| (l.seq, l.event.clone()));
                        let mut e = entry(Event::Graded {
                            year: y,
                            grade: grade.clone(),
                        });
                        match earlier {
                            Some((_, Event::Graded { grade: g, .. })) if &g == grade => continue,
                            Some((seq, _)) => e.corrects = Some(seq),
                            None => {}
                        }
                        entries.push(e);
                    }
                }
                if !entries.is_empty() {
                    batch
                        .entry(code.to_string())
                        .or_insert_with(|| (code.clone(), Vec::new()))
                        .1
                        .extend(entries);
                }
            }
        }
        let applied = AppliedFile {
            sha256: source.sha256.clone(),
            file: match source.file {
                SourceFile::Archive => "archive".into(),
                SourceFile::Bundle => "bundle".into(),
            },
            round: source.round.clone(),
            applied_on: on.to_string(),
            lines: 0,
        };
        outcome.lines = self
            .ws
            .borrow_mut()
            .register_apply(batch.into_values().collect(), &applied)?;
        outcome.proposals = self.proposals_of(units.iter().map(|r| r.credit_code.as_str()), on)?;
        Ok(outcome)
    }

    fn proposals_of<'a>(
        &self,
        units: impl Iterator<Item = &'a str>,
        on: Date,
    ) -> Result<Vec<Proposal>> {
        let mut out = Vec::new();
        for u in units {
            let ledger = self.ws.borrow().register_ledger(u)?;
            for p in &self.programs {
                if ledger.lines.iter().any(|l| l.program == p.id) {
                    out.extend(propose(u, &ledger.lines, p, on));
                }
            }
        }
        Ok(out)
    }

    /// Records one event by hand, checked against the program file (the cause is
    /// one of its causes with the event's action, the grade one of its grades, a
    /// correction names an earlier line of the same program).
    pub fn record(&mut self, req: RecordRequest, today: Date) -> Result<Vec<LedgerLine>> {
        let code = CreditCode::parse(&req.unit)
            .map_err(|e| RegisterError::BadInput(format!("--unit {}: {e}", req.unit)))?;
        let rules = self.program(&req.program)?.clone();
        let kind = EventKind::parse(&req.event)
            .ok_or_else(|| RegisterError::UnknownEvent(req.event.clone()))?;
        let on = req.on.unwrap_or(today);
        let ledger = self.ws.borrow().register_ledger(code.as_str())?;
        let st = status(code.as_str(), &ledger.lines, &rules, on);
        let need = |what: &'static str| RegisterError::Missing {
            event: kind.as_str(),
            what,
        };
        let cause = |action: Option<reviewdesk_core::register::Action>| -> Result<String> {
            let c = req.cause.clone().ok_or_else(|| need("--cause"))?;
            match rules.cause(&c) {
                Some(r) if action.is_none_or(|a| a == r.action) => Ok(c),
                _ => Err(RegisterError::UnknownCause {
                    program: rules.id.clone(),
                    cause: c,
                    known: rules
                        .causes
                        .iter()
                        .filter(|r| action.is_none_or(|a| a == r.action))
                        .map(|r| r.id.clone())
                        .collect(),
                }),
            }
        };
        let name = text("--name", req.name.clone())?;
        let known_name = || -> Option<String> {
            ledger
                .lines
                .iter()
                .rev()
                .find_map(|l| l.event.name().map(str::to_owned))
        };
        use reviewdesk_core::register::Action;
        let event = match kind {
            EventKind::Applied => Event::Applied {
                name: name.or_else(known_name).ok_or_else(|| need("--name"))?,
            },
            EventKind::Admitted => Event::Admitted {
                name: name.or_else(known_name).ok_or_else(|| need("--name"))?,
            },
            EventKind::Graded => {
                let year = req.year.ok_or_else(|| need("--year"))?;
                let typed = req.grade.clone().ok_or_else(|| need("--grade"))?;
                let grade = rules.grade_id(&self.templates, &typed).ok_or_else(|| {
                    RegisterError::UnknownGrade {
                        program: rules.id.clone(),
                        grade: typed.clone(),
                    }
                })?;
                Event::Graded { year, grade }
            }
            EventKind::ReportDue => Event::ReportDue {
                period: text("--period", req.period.clone())?.ok_or_else(|| need("--period"))?,
                due: req.until.ok_or_else(|| need("--until"))?,
            },
            EventKind::ReportFiled | EventKind::ReportLate => {
                let period = match text("--period", req.period.clone())? {
                    Some(p) => p,
                    None => st
                        .deadlines
                        .iter()
                        .find_map(|d| d.period.clone())
                        .ok_or_else(|| need("--period"))?,
                };
                if kind == EventKind::ReportFiled {
                    Event::ReportFiled { period }
                } else {
                    Event::ReportLate { period }
                }
            }
            EventKind::Warned => Event::Warned {
                deadline: match (req.until, &rules.warning) {
                    (Some(d), _) => d,
                    (None, Some(w)) => reviewdesk_core::register::months_later(on, w.months),
                    (None, None) => return Err(need("--until")),
                },
            },
            EventKind::Rectified => Event::Rectified,
            EventKind::Reorganising => Event::Reorganising,
            EventKind::Removed => Event::Removed {
                cause: cause(Some(Action::Remove))?,
            },
            EventKind::Revoked => Event::Revoked {
                cause: cause(Some(Action::Revoke))?,
            },
            EventKind::Banned => {
                let c = cause(None)?;
                let years = rules.cause(&c).map_or(0, |r| r.ban_years);
                let until = match (req.until, years) {
                    (Some(d), _) => d,
                    (None, 0) => return Err(need("--until")),
                    (None, y) => reviewdesk_core::register::months_later(on, y * 12),
                };
                Event::Banned { until, cause: c }
            }
            EventKind::Exited => Event::Exited,
            EventKind::ChangeFiled => Event::ChangeFiled,
            EventKind::ChangeApproved => Event::ChangeApproved { name },
            EventKind::ComplaintVerified => Event::ComplaintVerified,
            EventKind::ProposalRejected => {
                return Err(RegisterError::BadInput(
                    "a proposal is rejected with `register reject ID --reason TEXT`".into(),
                ))
            }
            EventKind::Annulled => Event::Annulled,
        };
        if let Some(c) = req.corrects {
            match ledger.lines.get((c as usize).wrapping_sub(1)) {
                Some(l) if l.program == rules.id => {}
                _ => {
                    return Err(RegisterError::BadInput(format!(
                        "--corrects {c}: no line {c} of program {} in the ledger of {code}",
                        rules.id
                    )))
                }
            }
        }
        let entry = NewEntry {
            program: rules.id.clone(),
            on,
            event,
            corrects: req.corrects,
            proposal: None,
            source: None,
            round: None,
            note: text("--note", req.note)?,
        };
        Ok(self.ws.borrow_mut().register_append(&code, vec![entry])?)
    }

    /// Every ledger, re-checked.
    pub fn ledgers(&self) -> Result<Vec<Ledger>> {
        Ok(self.ws.borrow().register_ledgers()?)
    }

    /// Every unit's status on `at` in every program it has lines in (or only
    /// `program`), by credit code then program.
    pub fn status(&self, at: Date, program: Option<&str>) -> Result<Vec<UnitStatus>> {
        if let Some(p) = program {
            self.program(p)?;
        }
        let mut out = Vec::new();
        for l in self.ledgers()? {
            out.extend(self.statuses_of(&l, at, program));
        }
        Ok(out)
    }

    fn statuses_of(&self, l: &Ledger, at: Date, only: Option<&str>) -> Vec<UnitStatus> {
        self.programs
            .iter()
            .filter(|p| only.is_none_or(|o| o == p.id))
            .filter(|p| l.lines.iter().any(|x| x.program == p.id && x.on <= at))
            .map(|p| status(&l.unit, &l.lines, p, at))
            .collect()
    }

    /// A unit's lines, head, and status in each of its programs on `at`.
    pub fn history(&self, unit: &str, at: Date) -> Result<History> {
        let l = self.ws.borrow().register_ledger(unit)?;
        if l.lines.is_empty() {
            return Err(RegisterError::UnknownUnit(unit.to_owned()));
        }
        let statuses = self.statuses_of(&l, at, None);
        Ok(History {
            unit: l.unit,
            lines: l.lines,
            head: l.head,
            statuses,
        })
    }

    /// What is due in `at`'s month: reports due and overdue, rectification
    /// deadlines, bans ending; by date.
    pub fn due(&self, at: Date) -> Result<Vec<DueItem>> {
        let mut out: Vec<DueItem> = self.status(at, None)?.iter().flat_map(due).collect();
        out.sort_by(|a, b| (a.due, &a.unit).cmp(&(b.due, &b.unit)));
        Ok(out)
    }

    /// Every open proposal on `at`, by date.
    pub fn proposals(&self, at: Date) -> Result<Vec<Proposal>> {
        let mut out = Vec::new();
        for l in self.ledgers()? {
            for p in &self.programs {
                if l.lines.iter().any(|x| x.program == p.id) {
                    out.extend(propose(&l.unit, &l.lines, p, at));
                }
            }
        }
        out.sort_by(|a, b| (a.on, &a.id).cmp(&(b.on, &b.id)));
        Ok(out)
    }

    fn open_proposal(&self, id: &str, on: Date) -> Result<Proposal> {
        let unit = id.split('/').next().unwrap_or_default();
        let ledger = self.ws.borrow().register_ledger(unit)?;
        self.programs
            .iter()
            .flat_map(|p| propose(unit, &ledger.lines, p, on))
            .find(|p| p.id == id)
            .ok_or_else(|| RegisterError::UnknownProposal(id.to_owned()))
    }

    /// Confirms an open proposal on `on` with the organizer's reason: records its
    /// events (the transition and, where its cause bans, the ban), each naming the
    /// proposal and carrying the reason.
    pub fn confirm(&mut self, id: &str, reason: &str, on: Date) -> Result<Vec<LedgerLine>> {
        let reason = text("--reason", Some(reason.to_owned()))?.expect("given");
        let p = self.open_proposal(id, on)?;
        let code =
            CreditCode::parse(&p.unit).map_err(|e| RegisterError::BadInput(e.to_string()))?;
        let entries = p
            .events(on)
            .into_iter()
            .map(|event| NewEntry {
                program: p.program.clone(),
                on,
                event,
                corrects: None,
                proposal: Some(p.id.clone()),
                source: None,
                round: None,
                note: Some(reason.clone()),
            })
            .collect();
        Ok(self.ws.borrow_mut().register_append(&code, entries)?)
    }

    /// Rejects an open proposal on `on` with the organizer's reason (a
    /// `proposal_rejected` line); it is not proposed again.
    pub fn reject(&mut self, id: &str, reason: &str, on: Date) -> Result<Vec<LedgerLine>> {
        let reason = text("--reason", Some(reason.to_owned()))?.expect("given");
        let p = self.open_proposal(id, on)?;
        let code =
            CreditCode::parse(&p.unit).map_err(|e| RegisterError::BadInput(e.to_string()))?;
        Ok(self.ws.borrow_mut().register_append(
            &code,
            vec![NewEntry {
                program: p.program.clone(),
                on,
                event: Event::ProposalRejected { proposal: p.id },
                corrects: None,
                proposal: None,
                source: None,
                round: None,
                note: Some(reason),
            }],
        )?)
    }

    /// The flags on applicants at authoring: for the programs a round of
    /// `template` feeds, each applicant banned, revoked or already a member on
    /// `at`, citing the ledger line.
    pub fn applicant_flags(
        &self,
        template: &str,
        applicants: &[(String, String)],
        at: Date,
    ) -> Result<Vec<ApplicantFlag>> {
        let mut rows = Vec::new();
        for p in self
            .programs
            .iter()
            .filter(|p| p.records(template).is_some())
        {
            for (id, code) in applicants {
                let ledger = self.ws.borrow().register_ledger(code)?;
                if ledger.lines.iter().any(|l| l.program == p.id && l.on <= at) {
                    rows.push((id.clone(), status(code, &ledger.lines, p, at)));
                }
            }
        }
        Ok(applicant_flags(&rows))
    }
}

#[cfg(test)]
mod tests;
