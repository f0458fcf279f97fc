//! The organizer desk's steps after an interim bundle (`crates/desk/src/stages.rs`
//! does the work): close a stage on the open bundle's result — the advance list
//! (进入下一环节名单) shown, exported, and the next package revision sealed for
//! those who go on — take over the site-visit draw, and add a substitute expert.
//! Each sealing goes into an empty folder with its hand-out list.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use reviewdesk_core::{CreditCode, Lang, Localized, WorkdayCalendar};
use reviewdesk_desk::{AdvanceList, HandOut, HandOutTo, Substitute};
use reviewdesk_ipc::{
    AdvanceView, ErrorCode, HandOutView, IpcError, ReportsView, StageSealedView,
    SubstituteInputView, SubstitutedView,
};
use reviewdesk_reports::FontData;

use crate::Session;

/// A sealing's progress as the shell reports it: permille of every file.
pub type Progress<'a> = &'a (dyn Fn(u64, u64) -> ControlFlow<()> + Sync);

fn font() -> Result<FontData, IpcError> {
    FontData::bundled().map_err(|e| IpcError::new(ErrorCode::PrintFailed, e.to_string()))
}

fn sealed(h: &HandOut, files: Vec<PathBuf>) -> StageSealedView {
    StageSealedView {
        revision: h.revision,
        handout: HandOutView::from(h),
        files: files.iter().map(|p| p.display().to_string()).collect(),
    }
}

/// The desk's byte progress as permille of every file.
pub(crate) fn permille(progress: Progress<'_>) -> impl FnMut(usize, usize, u64, u64) + '_ {
    move |file, files, done, total| {
        let part = done.saturating_mul(1000).checked_div(total).unwrap_or(0);
        let _ = progress(file as u64 * 1000 + part, files as u64 * 1000);
    }
}

/// What a sealing at this desk needs besides the round and the keys: the bundled
/// font and the calendar it seals (the shipped one with the workspace's years),
/// kept while a [`HandOutTo`] borrows them.
struct Sealing {
    font: FontData,
    calendar: WorkdayCalendar,
}

impl Session {
    fn sealing(&mut self) -> Result<Sealing, IpcError> {
        Ok(Sealing {
            font: font()?,
            calendar: self.round_calendar()?,
        })
    }

    /// A sealing into `out` with the identity in use, today.
    fn hand_out_to<'a>(
        &'a self,
        sealing: &'a Sealing,
        out: &'a Path,
        lang: Lang,
    ) -> Result<HandOutTo<'a>, IpcError> {
        Ok(HandOutTo {
            organizer: self.identity()?.signer(),
            dir: out,
            font: &sealing.font,
            lang,
            today: self.now().today,
            calendar: &sealing.calendar,
        })
    }

    fn open_result(&self) -> Result<&crate::result_bundle::OpenResult, IpcError> {
        self.result_bundle.as_ref().ok_or_else(|| {
            IpcError::new(
                ErrorCode::NoDesk,
                "open the chair's (interim) result bundle first",
            )
            .with("detail", "no_bundle")
        })
    }

    /// Closes `stage` (or the first stage whose next one is not open yet) on the
    /// result of the bundle open at this desk (already verified and recomputed):
    /// who goes on, who does not and why. The list is kept for the next steps.
    pub fn organizer_advance(&mut self, stage: Option<&str>) -> Result<AdvanceView, IpcError> {
        let open = self.open_result()?;
        let v = open.verification();
        let advance = reviewdesk_core::advance(&v.template, &v.round, &v.result, stage)
            .map_err(reviewdesk_desk::DeskError::from)?;
        let list = AdvanceList {
            advance,
            round: v.round.clone(),
            template: v.template.clone(),
            bundle_sha256: open.sha256().iter().map(|b| format!("{b:02x}")).collect(),
        };
        let view = AdvanceView::new(&list.advance, &list.round, &list.bundle_sha256);
        self.advance = Some(list);
        Ok(view)
    }

    fn advance_made(&self) -> Result<&AdvanceList, IpcError> {
        self.advance.as_ref().ok_or_else(|| {
            IpcError::new(ErrorCode::NoDesk, "make the advance list first")
                .with("detail", "no_advance")
        })
    }

    /// Writes the advance list (advance.pdf, advance.csv, in `lang`) into `out`.
    pub fn organizer_advance_export(
        &self,
        out: &Path,
        lang: Lang,
    ) -> Result<ReportsView, IpcError> {
        let list = self.advance_made()?;
        let files =
            reviewdesk_desk::write_advance_list(list, out, &font()?, lang, self.now().today)?;
        Ok(ReportsView {
            dir: out.display().to_string(),
            files: files.iter().map(|p| p.display().to_string()).collect(),
        })
    }

    /// Opens the next stage for those the advance list lets go on: the round
    /// folder gets the `[[advance]]` list and the next revision, the whole package
    /// family is sealed into the empty folder `out` with its hand-out list, and the
    /// advance list is written beside it. Refused while anyone is short of quorum.
    pub fn organizer_open_next_stage(
        &mut self,
        out: &Path,
        lang: Lang,
        progress: Progress<'_>,
    ) -> Result<StageSealedView, IpcError> {
        let sealing = self.sealing()?;
        let dir = self.organizer_dir()?;
        let list = self.advance_made()?;
        let to = self.hand_out_to(&sealing, out, lang)?;
        let h = reviewdesk_desk::open_next_stage(dir, list, to, &mut permille(progress))?;
        let files = reviewdesk_desk::write_advance_list(list, out, &sealing.font, lang, to.today)?;
        Ok(sealed(&h, files))
    }

    /// Takes over the site-visit draw of the bundle open at this desk: the drawn
    /// sample goes into the round with the next revision, and the package family
    /// is sealed into the empty folder `out`.
    pub fn organizer_open_sampled_stage(
        &mut self,
        out: &Path,
        lang: Lang,
        progress: Progress<'_>,
    ) -> Result<StageSealedView, IpcError> {
        let sealing = self.sealing()?;
        let dir = self.organizer_dir()?;
        let drawn = self
            .open_result()?
            .verification()
            .draw
            .drawn
            .clone()
            .ok_or(reviewdesk_desk::DeskError::Stage(
                reviewdesk_core::StageError::NoDraw,
            ))?;
        let to = self.hand_out_to(&sealing, out, lang)?;
        let h = reviewdesk_desk::open_sampled_stage(dir, &drawn, to, &mut permille(progress))?;
        Ok(sealed(&h, Vec::new()))
    }

    /// Adds a substitute expert to the round open at this desk (the card verified,
    /// conflicts of interest checked) and seals their package and the whole one
    /// into the empty folder `out`; every other expert keeps the package they hold.
    pub fn organizer_substitute(
        &mut self,
        input: &SubstituteInputView,
        out: &Path,
        lang: Lang,
        progress: Progress<'_>,
    ) -> Result<SubstitutedView, IpcError> {
        let sealing = self.sealing()?;
        let dir = self.organizer_dir()?;
        let identity = self.identity()?;
        let required = |field: &str, text: &str| {
            if text.trim().is_empty() {
                Err(
                    IpcError::new(ErrorCode::Invalid, format!("{field} is empty"))
                        .with("field", field),
                )
            } else {
                Ok(())
            }
        };
        required("affiliation", &input.affiliation)?;
        required("field_zh", &input.field_zh)?;
        required("field_en", &input.field_en)?;
        let code = input.affiliation_code.trim();
        let affiliation_credit_code = if code.is_empty() {
            None
        } else {
            Some(CreditCode::parse(code).map_err(|e| {
                IpcError::new(ErrorCode::Invalid, format!("{code}: {e}"))
                    .with("field", "affiliation_code")
            })?)
        };
        let to = self.hand_out_to(&sealing, out, lang)?;
        let card = PathBuf::from(&input.card);
        let sub = Substitute {
            card: &card,
            affiliation: input.affiliation.trim(),
            affiliation_credit_code,
            field: Localized {
                zh: input.field_zh.trim().to_owned(),
                en: input.field_en.trim().to_owned(),
            },
            applicants: &input.applicants,
        };
        let done = reviewdesk_desk::add_substitute(
            dir,
            Path::new(&input.previous),
            std::slice::from_ref(identity.age_identity()),
            &sub,
            to,
            &mut permille(progress),
        )?;
        Ok(SubstitutedView {
            expert: done.expert,
            revision: done.handout.revision,
            handout: HandOutView::from(&done.handout),
        })
    }
}
