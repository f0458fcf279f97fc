//! The organizer desk: a round folder open for authoring, and applicants imported
//! from a spreadsheet — previewed first (columns, every problem by row and column,
//! what would change), written only without errors.

use std::path::Path;

use reviewdesk_io::{import_applicants, load_round, plan_applicant_import};
use reviewdesk_ipc::{
    ApplicantImportView, ApplicantPlanView, ErrorCode, IpcError, MaterialImportView,
    MaterialPlanView, OrganizerView, TemplateView,
};
use reviewdesk_workspace::OrganizerRoundRecord;

use crate::Session;

impl Session {
    fn organizer_dir(&self) -> Result<&Path, IpcError> {
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
    /// existing `round.toml`) and opens it. `deadline` is `YYYY-MM-DD` or empty.
    pub fn organizer_new(
        &mut self,
        dir: &Path,
        template: &str,
        title: &str,
        organizer: &str,
        deadline: &str,
    ) -> Result<OrganizerView, IpcError> {
        let deadline = match deadline.trim() {
            "" => None,
            d => Some(d.parse::<reviewdesk_core::Date>().map_err(|e| {
                IpcError::new(ErrorCode::Invalid, format!("deadline {d:?}: {e}"))
                    .with("field", "deadline")
            })?),
        };
        reviewdesk_io::create_round(
            dir,
            &reviewdesk_io::NewRound {
                template: template.to_owned(),
                title: title.trim().to_owned(),
                organizer: Some(organizer.trim().to_owned()).filter(|o| !o.is_empty()),
                deadline,
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
        &self,
        file: &Path,
        sheet: Option<&str>,
    ) -> Result<ApplicantPlanView, IpcError> {
        let plan = plan_applicant_import(self.organizer_dir()?, file, sheet, None)?;
        Ok(ApplicantPlanView::new(file, &plan))
    }

    /// Imports `file` into the round: planned again from the files as they are now,
    /// written only when it has no error (else the plan says why nothing was).
    pub fn organizer_applicants_import(
        &self,
        file: &Path,
        sheet: Option<&str>,
    ) -> Result<ApplicantImportView, IpcError> {
        let plan = import_applicants(self.organizer_dir()?, file, sheet)?;
        Ok(ApplicantImportView {
            plan: ApplicantPlanView::new(file, &plan),
            written: plan.round_toml.is_some(),
            organizer: self.organizer_view()?,
        })
    }
}
