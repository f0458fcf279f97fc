//! The register of units across years (动态管理) at the organizer desk, on the
//! session's workspace through `reviewdesk_desk::register`: the units' standing
//! at a date with what is due and the rules' proposals, a unit's ledger, a final
//! archive applied, proposals confirmed or rejected with a reason, an event
//! recorded by hand, and the reports — the yearly catalogue, the register as XLSX,
//! a unit's history as PDF, the signed checkpoint and its verification.

use std::collections::BTreeMap;
use std::path::Path;

use reviewdesk_core::{Date, Lang};
use reviewdesk_desk::register::{RecordRequest, Register};
use reviewdesk_ipc::{
    CheckpointVerifiedView, DueItemView, ErrorCode, IpcError, LedgerLineView, ProposalView,
    PublishedFileView, RegisterAppliedView, RegisterProgramView, RegisterRecordView, RegisterView,
    ReportsView, UnitHistoryView, UnitStatusView,
};
use reviewdesk_workspace::Workspace;
use sha2::{Digest, Sha256};

use crate::Session;

/// The most bytes a checkpoint file is read with (one line per unit: 10,000 units
/// take about 1.5 MB).
const MAX_CHECKPOINT: u64 = 64 * 1024 * 1024;

fn date(field: &str, text: &str) -> Result<Date, IpcError> {
    text.trim().parse::<Date>().map_err(|e| {
        IpcError::new(ErrorCode::Invalid, format!("{field} {text:?}: {e}")).with("field", field)
    })
}

/// An optional text field: empty is none.
fn given(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn view(r: &Register<&mut Workspace>, at: Date) -> Result<RegisterView, IpcError> {
    let statuses = r.status(at, None)?;
    let names: BTreeMap<&str, &str> = statuses
        .iter()
        .map(|s| (s.unit.as_str(), s.name.as_str()))
        .collect();
    let proposals = r
        .proposals(at)?
        .iter()
        .map(|p| ProposalView::new(p, names.get(p.unit.as_str()).copied().unwrap_or("")))
        .collect();
    let programs = r
        .programs()
        .iter()
        .map(|p| {
            let template = p
                .grades
                .as_ref()
                .map(|g| g.template.clone())
                .or_else(|| p.rounds.first().map(|s| s.template.clone()))
                .and_then(|id| reviewdesk_io::templates::builtin_by_id(&id).ok().flatten());
            RegisterProgramView::new(p, template.as_ref())
        })
        .collect();
    Ok(RegisterView {
        at: at.to_string(),
        programs,
        units: statuses.iter().map(UnitStatusView::from).collect(),
        due: r.due(at)?.iter().map(DueItemView::from).collect(),
        proposals,
    })
}

fn write(path: &Path, bytes: &[u8]) -> Result<PublishedFileView, IpcError> {
    reviewdesk_desk::write_bytes(path, bytes)?;
    Ok(PublishedFileView {
        name: path.display().to_string(),
        sha256: Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
    })
}

impl Session {
    /// The day asked, or today.
    fn register_day(&self, at: Option<&str>) -> Result<Date, IpcError> {
        match at.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => date("at", t),
            None => Ok(self.now().today),
        }
    }

    fn register(&mut self) -> Result<Register<&mut Workspace>, IpcError> {
        Ok(Register::open(self.workspace()?)?)
    }

    /// The register on `at` (default today): every unit's standing, what is due,
    /// the open proposals.
    pub fn register_view(&mut self, at: Option<&str>) -> Result<RegisterView, IpcError> {
        let at = self.register_day(at)?;
        view(&self.register()?, at)
    }

    /// A unit's ledger and its standing on `at` (default today).
    pub fn register_history(
        &mut self,
        unit: &str,
        at: Option<&str>,
    ) -> Result<UnitHistoryView, IpcError> {
        let at = self.register_day(at)?;
        let h = self.register()?.history(unit.trim(), at)?;
        Ok(UnitHistoryView {
            unit: h.unit,
            lines: h.lines.iter().map(LedgerLineView::from).collect(),
            head: h.head,
            statuses: h.statuses.iter().map(UnitStatusView::from).collect(),
        })
    }

    /// Applies a final archive (verified first): admissions or the grades of
    /// `year` for every unit; again, nothing is recorded. The register as of today,
    /// or of the archive's date when that is later.
    pub fn register_apply(
        &mut self,
        archive: &Path,
        year: Option<i32>,
    ) -> Result<RegisterAppliedView, IpcError> {
        let today = self.now().today;
        let mut r = self.register()?;
        let out = r.apply_archive_file(archive, year)?;
        // Shown as of its own date when that is later than today (a list
        // published ahead): what it recorded is then on screen.
        let day = out
            .lines
            .iter()
            .map(|l| l.on)
            .max()
            .map_or(today, |d| d.max(today));
        Ok(RegisterAppliedView {
            sha256: out.sha256,
            round: out.round,
            programs: out.programs,
            already_applied: out.already_applied,
            lines: out.lines.len() as u32,
            register: view(&r, day)?,
        })
    }

    /// Confirms a proposal (`upheld` true) or rejects it, with the organizer's
    /// reason, on `at` (default today).
    pub fn register_decide(
        &mut self,
        id: &str,
        confirm: bool,
        reason: &str,
        at: Option<&str>,
    ) -> Result<RegisterView, IpcError> {
        let at = self.register_day(at)?;
        let mut r = self.register()?;
        if confirm {
            r.confirm(id.trim(), reason.trim(), at)?;
        } else {
            r.reject(id.trim(), reason.trim(), at)?;
        }
        view(&r, at)
    }

    /// Records one event by hand (checked against the program's rules).
    pub fn register_record(
        &mut self,
        input: &RegisterRecordView,
    ) -> Result<RegisterView, IpcError> {
        let today = self.now().today;
        let on = date("on", &input.on)?;
        let year = match given(&input.year) {
            Some(y) => Some(y.parse::<i32>().map_err(|e| {
                IpcError::new(ErrorCode::Invalid, format!("year {y:?}: {e}")).with("field", "year")
            })?),
            None => None,
        };
        let mut r = self.register()?;
        r.record(
            RecordRequest {
                unit: input.unit.trim().to_owned(),
                program: input.program.trim().to_owned(),
                event: input.event.trim().to_owned(),
                on: Some(on),
                year,
                grade: given(&input.grade),
                cause: given(&input.cause),
                name: given(&input.name),
                note: given(&input.note),
                ..RecordRequest::default()
            },
            today,
        )?;
        view(&r, on.max(today))
    }

    /// The yearly catalogue (units in good standing on 31 December of `year`),
    /// PDF and CSV per program, into the folder `out`.
    pub fn register_catalogue(
        &mut self,
        year: i32,
        out: &Path,
        lang: Lang,
    ) -> Result<ReportsView, IpcError> {
        let files = self.register()?.write_catalogue(year, out, lang)?;
        Ok(ReportsView {
            dir: out.display().to_string(),
            files: files
                .iter()
                .flat_map(|f| [f.pdf.display().to_string(), f.csv.display().to_string()])
                .collect(),
        })
    }

    /// The register on today as XLSX, written to `out`.
    pub fn register_export(
        &mut self,
        out: &Path,
        lang: Lang,
    ) -> Result<PublishedFileView, IpcError> {
        let today = self.now().today;
        let bytes = self.register()?.register_xlsx(today, lang)?;
        write(out, &bytes)
    }

    /// A unit's history as PDF, written to `out`.
    pub fn register_history_pdf(
        &mut self,
        unit: &str,
        out: &Path,
        lang: Lang,
    ) -> Result<PublishedFileView, IpcError> {
        let today = self.now().today;
        let bytes = self.register()?.history_pdf(unit.trim(), today, lang)?;
        write(out, &bytes)
    }

    /// The yearly checkpoint of the whole register, signed with the identity in
    /// use, written to `out`.
    pub fn register_checkpoint(
        &mut self,
        year: i32,
        out: &Path,
    ) -> Result<PublishedFileView, IpcError> {
        let today = self.now().today;
        let signer = self.identity()?.signer().clone();
        let bytes = self.register()?.checkpoint(&signer, year, today)?;
        write(out, &bytes)
    }

    /// A checkpoint file checked against the register.
    pub fn register_verify(&mut self, file: &Path) -> Result<CheckpointVerifiedView, IpcError> {
        let unreadable = |e: std::io::Error| {
            IpcError::new(ErrorCode::NotReadable, e.to_string())
                .with("path", file.display().to_string())
        };
        let len = std::fs::metadata(file).map_err(unreadable)?.len();
        if len > MAX_CHECKPOINT {
            return Err(IpcError::new(
                ErrorCode::Malformed,
                format!("{len} bytes: more than a checkpoint may have ({MAX_CHECKPOINT})"),
            )
            .with("path", file.display().to_string()));
        }
        let bytes = std::fs::read(file).map_err(unreadable)?;
        let report = self.register()?.verify_checkpoint(&bytes)?;
        Ok(CheckpointVerifiedView::from(&report))
    }
}
