//! The organizer desk's decisions on the round open there: the panel from an
//! expert list and key cards (previewed, then written only without errors), the
//! conflicts of interest found and dismissed with a reason, the applicants'
//! recusal requests entered and ruled, and the eligibility check (形式审查). Each
//! call is one library service; who decided is the name the organizer gives, the
//! day is the session's clock.

use std::path::{Path, PathBuf};

use reviewdesk_core::RecusalRuling;
use reviewdesk_io::{load_round, Checked};
use reviewdesk_ipc::{
    ConflictsView, EligibilityOutcomeView, EligibilityView, ErrorCode, IpcError, PanelImportView,
    PanelPlanView, RegisterFlagView,
};

use crate::Session;

fn who(by: &str) -> Result<String, IpcError> {
    let by = by.trim();
    if by.is_empty() {
        return Err(
            IpcError::new(ErrorCode::Invalid, "who decided is not given").with("field", "by"),
        );
    }
    Ok(by.to_owned())
}

impl Session {
    /// The register's flags (动态管理) on applicants — (id, credit code) — of the
    /// round open at the organizer desk, today: banned (until when, why), revoked
    /// or removed, already a member, for the programs its template feeds, each
    /// citing the ledger line. Empty when the register has nothing on them.
    pub fn organizer_register_flags(
        &mut self,
        applicants: &[(String, String)],
    ) -> Result<Vec<RegisterFlagView>, IpcError> {
        let template = load_round(self.organizer_dir()?)?.round.program.template;
        let today = self.now().today;
        let register = reviewdesk_desk::register::Register::open(self.workspace()?)?;
        let flags = register.applicant_flags(&template, applicants, today)?;
        Ok(flags
            .iter()
            .map(|f| RegisterFlagView::new(f, register.programs()))
            .collect())
    }

    /// What importing the expert list `file` with the key cards (files or folders)
    /// `cards` would do; writes nothing.
    pub fn organizer_panel_plan(
        &self,
        file: &Path,
        cards: &[PathBuf],
    ) -> Result<PanelPlanView, IpcError> {
        let plan =
            reviewdesk_io::plan_panel_import(self.organizer_dir()?, file, None, None, cards)?;
        Ok(PanelPlanView::new(file, cards, &plan))
    }

    /// Imports the panel: planned again from the files as they are now, written
    /// (round.toml and cards/) only without errors.
    pub fn organizer_panel_import(
        &self,
        file: &Path,
        cards: &[PathBuf],
    ) -> Result<PanelImportView, IpcError> {
        let plan = reviewdesk_io::import_panel(self.organizer_dir()?, file, None, cards)?;
        Ok(PanelImportView {
            plan: PanelPlanView::new(file, cards, &plan),
            written: plan.round_toml.is_some(),
            organizer: self.organizer_view()?,
        })
    }

    /// The conflicts of interest (as of the round's deadline, else today) and the
    /// recusal requests of the round open at this desk.
    pub fn organizer_conflicts(&self) -> Result<ConflictsView, IpcError> {
        let dir = self.organizer_dir()?;
        let report = reviewdesk_io::conflict_report(dir, self.now().today)?;
        Ok(ConflictsView::new(&load_round(dir)?, &report))
    }

    /// Dismisses a conflict found, with the reason and who decided (today).
    pub fn organizer_dismiss(
        &self,
        expert: &str,
        applicant: &str,
        reason: &str,
        by: &str,
    ) -> Result<ConflictsView, IpcError> {
        reviewdesk_io::dismiss_round_conflict(
            self.organizer_dir()?,
            applicant,
            expert,
            reason.trim(),
            &who(by)?,
            self.now().today,
        )?;
        self.organizer_conflicts()
    }

    /// Enters an applicant's recusal request (pending), received today.
    pub fn organizer_recusal_add(
        &self,
        applicant: &str,
        expert: &str,
        reason: &str,
    ) -> Result<ConflictsView, IpcError> {
        reviewdesk_io::add_round_recusal(
            self.organizer_dir()?,
            applicant,
            expert,
            reason.trim(),
            Some(self.now().today),
        )?;
        self.organizer_conflicts()
    }

    /// Rules a pending recusal request, with the ruling's reason and who ruled (today).
    pub fn organizer_recusal_rule(
        &self,
        applicant: &str,
        expert: &str,
        upheld: bool,
        reason: &str,
        by: &str,
    ) -> Result<ConflictsView, IpcError> {
        let ruling = if upheld {
            RecusalRuling::Upheld
        } else {
            RecusalRuling::Rejected
        };
        reviewdesk_io::rule_round_recusal(
            self.organizer_dir()?,
            applicant,
            expert,
            ruling,
            reason.trim(),
            &who(by)?,
            self.now().today,
        )?;
        self.organizer_conflicts()
    }

    /// The eligibility check of every applicant.
    pub fn organizer_eligibility(&self) -> Result<EligibilityView, IpcError> {
        Ok(EligibilityView::new(&load_round(self.organizer_dir()?)?))
    }

    /// Records one applicant's eligibility check (today, by `by`).
    pub fn organizer_eligibility_record(
        &self,
        applicant: &str,
        outcome: &EligibilityOutcomeView,
        by: &str,
    ) -> Result<EligibilityView, IpcError> {
        let checked = match outcome {
            EligibilityOutcomeView::AllMet => Checked::AllMet,
            EligibilityOutcomeView::NotMet { item, note } => Checked::NotMet {
                item: item.clone(),
                note: note.trim().to_owned(),
            },
        };
        let loaded = reviewdesk_io::record_eligibility(
            self.organizer_dir()?,
            applicant,
            &checked,
            &who(by)?,
            self.now().today,
        )?;
        Ok(EligibilityView::new(&loaded))
    }
}
