//! The organizer desk: a round folder open for authoring, and applicants imported
//! from a spreadsheet — previewed first (columns, every problem by row and column,
//! what would change), written only without errors.

use std::path::Path;

use reviewdesk_core::Lang;
use reviewdesk_io::{
    assign_round, import_applicants, load_round, plan_applicant_import, AssignRequest, ImportError,
};
use reviewdesk_ipc::{
    ApplicantImportView, ApplicantPlanView, AssignRequestView, AssignmentPlanView, ErrorCode,
    HandOutView, IpcError, MaterialImportView, MaterialPlanView, NewRoundView, OrganizerView,
    TemplateView,
};
use reviewdesk_workspace::OrganizerRoundRecord;

use crate::Session;

impl Session {
    pub(crate) fn organizer_dir(&self) -> Result<&Path, IpcError> {
        self.organizer.as_deref().ok_or_else(|| {
            IpcError::new(
                ErrorCode::NoRound,
                "no round folder is open at the organizer desk",
            )
        })
    }

    /// Opens a round folder at the organizer desk (it must load) and records it
    /// among the home screen's recent work.
    pub fn organizer_open(&mut self, dir: &Path) -> Result<OrganizerView, IpcError> {
        let loaded = load_round(dir)?;
        let now = self.now();
        self.workspace()?.organizer_opened(&OrganizerRoundRecord {
            dir: dir.display().to_string(),
            round: loaded.round.id.clone(),
            title: loaded.round.program.title.zh.clone(),
            opened_at: now.at,
        })?;
        self.organizer = Some(dir.to_path_buf());
        self.result_bundle = None;
        self.advance = None;
        Ok(OrganizerView::new(&loaded))
    }

    /// The built-in templates a new round can start from.
    pub fn organizer_templates(&self) -> Result<Vec<TemplateView>, IpcError> {
        Ok(reviewdesk_io::templates::builtin()?
            .iter()
            .map(TemplateView::from)
            .collect())
    }

    /// Creates a round folder in `dir` from a built-in template (never over an
    /// existing `round.toml`) and opens it. The dates are `YYYY-MM-DD` or empty.
    pub fn organizer_new(
        &mut self,
        dir: &Path,
        new: &NewRoundView,
    ) -> Result<OrganizerView, IpcError> {
        let date = |field: &str, d: &str| match d.trim() {
            "" => Ok(None),
            d => d.parse::<reviewdesk_core::Date>().map(Some).map_err(|e| {
                IpcError::new(ErrorCode::Invalid, format!("{field} {d:?}: {e}"))
                    .with("field", field)
            }),
        };
        reviewdesk_io::create_round(
            dir,
            &reviewdesk_io::NewRound {
                template: new.template.clone(),
                title: new.title.trim().to_owned(),
                organizer: Some(new.organizer.trim().to_owned()).filter(|o| !o.is_empty()),
                deadline: date("deadline", &new.deadline)?,
                application_deadline: date("application_deadline", &new.application_deadline)?,
            },
        )?;
        self.organizer_open(dir)
    }

    /// What importing the material files in `folder` would do; copies nothing.
    pub fn organizer_materials_plan(&self, folder: &Path) -> Result<MaterialPlanView, IpcError> {
        let plan = reviewdesk_io::plan_material_import(self.organizer_dir()?, folder)?;
        Ok(MaterialPlanView::from(&plan))
    }

    /// Imports the material files in `folder`: planned again from the files as they
    /// are now, copied and written only without errors.
    pub fn organizer_materials_import(
        &self,
        folder: &Path,
    ) -> Result<MaterialImportView, IpcError> {
        let plan = reviewdesk_io::import_materials(self.organizer_dir()?, folder)?;
        Ok(MaterialImportView {
            plan: MaterialPlanView::from(&plan),
            written: plan.round_toml.is_some(),
            organizer: self.organizer_view()?,
        })
    }

    /// The round open at the organizer desk, as its folder holds it now.
    pub fn organizer_view(&self) -> Result<OrganizerView, IpcError> {
        Ok(OrganizerView::new(&load_round(self.organizer_dir()?)?))
    }

    /// What importing `file` (sheet `sheet`, else the first) would do; writes nothing.
    pub fn organizer_applicants_plan(
        &mut self,
        file: &Path,
        sheet: Option<&str>,
    ) -> Result<ApplicantPlanView, IpcError> {
        let plan = plan_applicant_import(self.organizer_dir()?, file, sheet, None)?;
        let mut view = ApplicantPlanView::new(file, &plan);
        view.register_flags = self.organizer_register_flags(&sheet_codes(&plan))?;
        Ok(view)
    }

    /// Imports `file` into the round: planned again from the files as they are now,
    /// written only when it has no error (else the plan says why nothing was).
    pub fn organizer_applicants_import(
        &mut self,
        file: &Path,
        sheet: Option<&str>,
    ) -> Result<ApplicantImportView, IpcError> {
        let plan = import_applicants(self.organizer_dir()?, file, sheet)?;
        let mut view = ApplicantPlanView::new(file, &plan);
        view.register_flags = self.organizer_register_flags(&sheet_codes(&plan))?;
        Ok(ApplicantImportView {
            plan: view,
            written: plan.round_toml.is_some(),
            organizer: self.organizer_view()?,
        })
    }

    /// Records why a stale material is accepted all the same (empty: removes it).
    pub fn organizer_material_reason(
        &self,
        material: &str,
        reason: &str,
    ) -> Result<OrganizerView, IpcError> {
        reviewdesk_io::set_stale_reason(self.organizer_dir()?, material, reason.trim())?;
        self.organizer_view()
    }

    /// Assigns the panel's experts to the applicants: with `apply` false a dry run
    /// (what would change; nothing written), else written into `round.toml` with its
    /// seed. When no assignment meets every constraint the view says what is short
    /// and nothing is written.
    pub fn organizer_assign(
        &self,
        req: AssignRequestView,
        apply: bool,
    ) -> Result<AssignmentPlanView, IpcError> {
        let dir = self.organizer_dir()?;
        let manual = |list: &[(String, String)]| {
            list.iter()
                .map(|(applicant, expert)| reviewdesk_core::Assignment {
                    expert: expert.clone(),
                    applicant: applicant.clone(),
                })
                .collect()
        };
        let request = AssignRequest {
            per_applicant: req.per_applicant,
            max_load: req.max_load,
            seed: req.seed,
            today: self.now().today,
            pins: Some(manual(&req.pins)),
            bans: Some(manual(&req.bans)),
        };
        match assign_round(dir, request, !apply) {
            Ok(edit) => {
                let loaded = load_round(dir)?;
                Ok(AssignmentPlanView::new(
                    &loaded,
                    &edit,
                    apply,
                    OrganizerView::new(&loaded),
                ))
            }
            Err(ImportError::Assign(reviewdesk_core::assign::AssignError::Shortage(s))) => {
                let loaded = load_round(dir)?;
                let seed = req.seed.or(loaded.round.assignment_seed).unwrap_or(0);
                Ok(AssignmentPlanView::short(
                    seed,
                    &s,
                    &loaded.template,
                    OrganizerView::new(&loaded),
                ))
            }
            Err(ImportError::Assign(reviewdesk_core::assign::AssignError::Input(problems))) => {
                let loaded = load_round(dir)?;
                let seed = req.seed.or(loaded.round.assignment_seed).unwrap_or(0);
                Ok(AssignmentPlanView::refused(
                    seed,
                    &problems,
                    &loaded.template,
                    OrganizerView::new(&loaded),
                ))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Seals the round open at this desk with the chosen identity's key into the
    /// empty folder `out` — one package per expert, the whole round for the chair —
    /// and writes the hand-out list (PDF in `lang`, CSV). The round must have no
    /// blocker. When `cards/` holds no organizer card yet, the identity's own card is
    /// put there first. The packages carry the round's calendar (the shipped one
    /// plus the years added to the workspace). `progress` gets permille of every file to seal.
    pub fn organizer_seal(
        &mut self,
        out: &Path,
        lang: Lang,
        progress: crate::Progress<'_>,
    ) -> Result<HandOutView, IpcError> {
        let calendar = self.round_calendar()?;
        let dir = self.organizer_dir()?;
        let mut loaded = load_round(dir)?;
        // The round's calendar (shipped plus this workspace's added years) goes
        // into every package.
        loaded.calendar = calendar;
        let blockers = reviewdesk_io::sealing_blockers(&loaded);
        if !blockers.is_empty() {
            return Err(IpcError::new(
                ErrorCode::NotSealable,
                format!("{} thing(s) block sealing this round", blockers.len()),
            )
            .with("count", blockers.len().to_string()));
        }
        let identity = self.identity()?;
        reviewdesk_desk::ensure_organizer_card(&loaded, &identity.key_card()?)?;
        let cards = reviewdesk_desk::load_cards(&loaded)?;
        let font = reviewdesk_reports::FontData::bundled()
            .map_err(|e| IpcError::new(ErrorCode::PrintFailed, e.to_string()))?;
        let handout = reviewdesk_desk::seal_for_handout(
            &loaded,
            &cards,
            identity.signer(),
            out,
            &font,
            lang,
            self.now().today,
            &mut crate::stages::permille(progress),
        )?;
        Ok(HandOutView::from(&handout))
    }
}

/// The applicants of a planned import as (id, credit code): the merged round's
/// ids when the sheet merges, else `row N` of the sheet.
fn sheet_codes(plan: &reviewdesk_io::ApplicantImport) -> Vec<(String, String)> {
    match &plan.merge {
        Some(m) => m
            .applicants
            .iter()
            .map(|a| (a.id.clone(), a.credit_code.to_string()))
            .collect(),
        None => plan
            .checked
            .applicants
            .iter()
            .map(|a| (format!("row {}", a.row), a.credit_code.to_string()))
            .collect(),
    }
}
