//! The chair desk: open the whole-round package as its chair, import sheets (files
//! or a folder), re-check requests, opinions and dissents, the announced draw
//! value, and the signed result bundle. Every edit returns the desk as committed.

use std::path::{Path, PathBuf};

use reviewdesk_desk::{ChairDesk, DeskError, ImportLine, Now};
use reviewdesk_formats::Identity;
use reviewdesk_ipc::{
    BundleView, ChairImportView, ChairPackageView, ChairView, ErrorCode, ImportLineView, IpcError,
    RecheckExportView, ReportsView,
};
use reviewdesk_workspace::Workspace;
use sha2::{Digest, Sha256};

use crate::Session;

impl Session {
    fn age(&self) -> Result<Identity, IpcError> {
        Ok(self.identity()?.age_identity().clone())
    }

    /// The chair desk as the workspace holds it now.
    pub fn chair_view(&mut self) -> Result<ChairView, IpcError> {
        let age = self.age()?;
        let (desk, ws) = self.chair_parts()?;
        let o = desk.overview(ws, std::slice::from_ref(&age))?;
        let (log, _) = ws.chair_audit_log(&desk.record.id)?;
        Ok(ChairView::new(desk, &o, log.lines().count() as u64))
    }

    /// Runs an edit on the open chair desk, then returns the new view.
    fn chair_edit(
        &mut self,
        f: impl FnOnce(&ChairDesk, &mut Workspace, &Now) -> Result<(), DeskError>,
    ) -> Result<ChairView, IpcError> {
        let now = self.now();
        let (desk, ws) = self.chair_parts()?;
        f(desk, ws, &now)?;
        self.chair_view()
    }

    /// The packages the chair opened before, newest first.
    pub fn chair_packages(&mut self) -> Result<Vec<ChairPackageView>, IpcError> {
        let ws = self.workspace()?;
        Ok(ws
            .chair_packages()?
            .iter()
            .map(ChairPackageView::from)
            .collect())
    }

    /// Opens a whole-round package file as its chair (verified whole first); the
    /// organizer's key must be pinned already or confirmed by `trust` (the
    /// fingerprint the chair compared), as at the expert desk.
    pub fn chair_open(&mut self, path: &Path, trust: Option<&str>) -> Result<ChairView, IpcError> {
        let identity = self.identity()?;
        let (signer, age) = (identity.signer().clone(), identity.age_identity().clone());
        let now = self.now();
        let confirmed = match trust {
            None => None,
            Some(t) => Some(reviewdesk_formats::Fingerprint::parse(t).ok_or_else(|| {
                IpcError::new(ErrorCode::Invalid, format!("not a key fingerprint: {t:?}"))
                    .with("field", "trust")
            })?),
        };
        let trust = match &confirmed {
            Some(fp) => reviewdesk_desk::Trust::Confirm(fp),
            None => reviewdesk_desk::Trust::Pinned,
        };
        let ws = self.workspace()?;
        let desk = ChairDesk::open(ws, path, &signer, std::slice::from_ref(&age), trust, &now)?;
        self.chair = Some(desk);
        self.chair_view()
    }

    /// Opens a package the chair opened before.
    pub fn chair_reopen(&mut self, package: &str) -> Result<ChairView, IpcError> {
        let identity = self.identity()?;
        let (signer, age) = (identity.signer().clone(), identity.age_identity().clone());
        let ws = self.workspace()?;
        let desk = ChairDesk::reopen(ws, package, &signer, std::slice::from_ref(&age))?;
        self.chair = Some(desk);
        self.chair_view()
    }

    fn chair_imported(
        &mut self,
        f: impl FnOnce(
            &ChairDesk,
            &mut Workspace,
            &Identity,
            &Now,
        ) -> Result<Vec<ImportLine>, DeskError>,
    ) -> Result<ChairImportView, IpcError> {
        let age = self.age()?;
        let now = self.now();
        let (desk, ws) = self.chair_parts()?;
        let lines = f(desk, ws, &age, &now)?;
        Ok(ChairImportView {
            lines: lines.iter().map(ImportLineView::from).collect(),
            chair: self.chair_view()?,
        })
    }

    /// Imports sheet files (one result line per file).
    pub fn chair_import(&mut self, paths: &[PathBuf]) -> Result<ChairImportView, IpcError> {
        self.chair_imported(|d, ws, age, now| d.import(ws, std::slice::from_ref(age), paths, now))
    }

    /// Imports every sheet file in a folder.
    pub fn chair_import_folder(&mut self, dir: &Path) -> Result<ChairImportView, IpcError> {
        self.chair_imported(|d, ws, age, now| {
            d.import_folder(ws, std::slice::from_ref(age), dir, now)
        })
    }

    /// Records a re-check request for a divergence flag.
    pub fn chair_recheck(
        &mut self,
        expert: &str,
        applicant: &str,
        stage: &str,
        indicator: Option<&str>,
        note: &str,
    ) -> Result<ChairView, IpcError> {
        self.chair_edit(|d, ws, now| {
            d.request_recheck(ws, expert, applicant, stage, indicator, note, now)
        })
    }

    /// Writes a re-check request file for `expert` to `path`: the re-checks
    /// recorded for them, with the values of the result as it stands, signed as
    /// the chair and encrypted to the expert and the chair.
    pub fn chair_recheck_export(
        &mut self,
        expert: &str,
        path: &Path,
    ) -> Result<RecheckExportView, IpcError> {
        let identity = self.identity()?;
        let (signer, age) = (identity.signer().clone(), identity.age_identity().clone());
        let now = self.now();
        let (desk, ws) = self.chair_parts()?;
        let written = desk.export_recheck(
            ws,
            &signer,
            std::slice::from_ref(&age),
            expert,
            None,
            "",
            path,
            &now,
        )?;
        Ok(RecheckExportView {
            path: path.display().to_string(),
            expert: expert.to_owned(),
            sequence: written.request.sequence,
            flags: written.request.flags.len() as u32,
            chair: self.chair_view()?,
        })
    }

    /// Writes the panel's opinion on an applicant (empty: removes it).
    pub fn chair_opinion(&mut self, applicant: &str, opinion: &str) -> Result<ChairView, IpcError> {
        self.chair_edit(|d, ws, now| d.set_opinion(ws, applicant, opinion, now))
    }

    /// Writes an expert's dissent on an applicant (empty: removes it).
    pub fn chair_dissent(
        &mut self,
        applicant: &str,
        expert: &str,
        note: &str,
    ) -> Result<ChairView, IpcError> {
        self.chair_edit(|d, ws, now| d.set_dissent(ws, applicant, expert, note, now))
    }

    /// Enters the value announced for the site-visit draw.
    pub fn chair_draw(&mut self, announced: &str) -> Result<ChairView, IpcError> {
        self.chair_edit(|d, ws, now| d.set_announced(ws, announced, now))
    }

    /// Signs the result bundle and writes it to `path`.
    pub fn chair_sign(&mut self, path: &Path) -> Result<BundleView, IpcError> {
        let identity = self.identity()?;
        let (signer, age) = (identity.signer().clone(), identity.age_identity().clone());
        let now = self.now();
        let (desk, ws) = self.chair_parts()?;
        let merged = desk.sign_bundle(ws, &signer, std::slice::from_ref(&age), path, &now)?;
        let sha256 = Sha256::digest(&merged.bundle)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let chair = self.chair_view()?;
        Ok(BundleView {
            path: path.display().to_string(),
            sha256,
            sheets: chair.sheets.len() as u32,
            chair,
        })
    }

    /// Writes the result reports (summary PDF, XLSX, CSV, opinion pages, public
    /// notice draft) of the signed bundle `bundle` into `out`, in `lang`: the bundle
    /// is verified first against the organizer of the package open at this desk.
    pub fn chair_reports(
        &mut self,
        bundle: &Path,
        out: &Path,
        lang: reviewdesk_core::Lang,
    ) -> Result<ReportsView, IpcError> {
        let age = self.age()?;
        let today = self.now().today;
        let (desk, _) = self.chair_parts()?;
        let organizer = reviewdesk_formats::Fingerprint::parse(&desk.record.organizer);
        let written = reviewdesk_desk::write_result_reports(
            bundle,
            organizer.as_ref(),
            std::slice::from_ref(&age),
            out,
            lang,
            today,
        )?;
        Ok(ReportsView {
            dir: out.display().to_string(),
            files: written
                .iter()
                .map(|(p, _)| p.display().to_string())
                .collect(),
        })
    }
}
