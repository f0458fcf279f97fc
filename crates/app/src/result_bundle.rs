//! The organizer desk's results: the chair's result bundle opened for the round
//! open at the desk — verified and recomputed as `reviewdesk verify` does, pinned
//! to the identity in use (the organizer who sealed the round) — then its reports
//! previewed and exported.

use std::path::{Path, PathBuf};

use reviewdesk_core::Lang;
use reviewdesk_desk::{result_reports, verify_bundle_file, BundleVerification, ReportFile};
use reviewdesk_io::load_round;
use reviewdesk_ipc::{ErrorCode, IpcError, ReportsView, ResultBundleView};
use reviewdesk_reports::DocumentDate;

use crate::Session;

/// A result bundle open at the organizer desk.
pub(crate) struct OpenResult {
    path: PathBuf,
    /// The SHA-256 of the bundle file's bytes, as verified (in every report).
    sha256: [u8; 32],
    verification: BundleVerification,
}

impl OpenResult {
    /// The bundle verified and recomputed.
    pub(crate) fn verification(&self) -> &BundleVerification {
        &self.verification
    }

    /// The SHA-256 of the bundle file's bytes, as verified.
    pub(crate) fn sha256(&self) -> &[u8; 32] {
        &self.sha256
    }
}

/// The report files in the order [`result_reports`] writes them.
const REPORTS: [&str; 5] = [
    "summary.pdf",
    "summary.xlsx",
    "summary.csv",
    "opinions.pdf",
    "public-notice.pdf",
];

impl Session {
    /// Opens the chair's result bundle `path` for the round open at this desk: every
    /// signature, binding and figure checked (the package must be sealed by the
    /// identity in use, and be for this round), then kept open for the reports.
    pub fn organizer_bundle_open(&mut self, path: &Path) -> Result<ResultBundleView, IpcError> {
        let dir = self.organizer_dir()?.to_path_buf();
        let identity = self.identity()?;
        let you = identity.fingerprint();
        let age = identity.age_identity().clone();
        let (verification, sha256) =
            verify_bundle_file(path, Some(&you), std::slice::from_ref(&age))?;
        let open = load_round(&dir)?;
        if verification.round.id != open.round.id {
            return Err(IpcError::new(
                ErrorCode::OtherRound,
                format!(
                    "the bundle is for round {}, the round open is {}",
                    verification.round.id, open.round.id
                ),
            )
            .with("expected", open.round.id.clone())
            .with("found", verification.round.id.clone()));
        }
        let view = ResultBundleView::new(
            &verification,
            &path.display().to_string(),
            &sha256,
            &you.to_string(),
            &REPORTS,
        );
        self.advance = None;
        self.result_bundle = Some(OpenResult {
            path: path.to_path_buf(),
            sha256,
            verification,
        });
        Ok(view)
    }

    fn bundle_reports(&self, lang: Lang) -> Result<Vec<ReportFile>, IpcError> {
        let open = self.result_bundle.as_ref().ok_or_else(|| {
            IpcError::new(
                ErrorCode::NoDesk,
                "no result bundle is open at the organizer desk",
            )
        })?;
        let today = self.now().today;
        let date = DocumentDate::new(today.year() as u16, today.month() as u8, today.day() as u8)
            .map_err(|e| IpcError::new(ErrorCode::PrintFailed, e.to_string()))?;
        Ok(result_reports(
            &open.verification,
            &open.sha256,
            lang,
            date,
        )?)
    }

    /// One report of the open bundle, made in `lang` (for the preview).
    pub fn organizer_bundle_report(&self, name: &str, lang: Lang) -> Result<Vec<u8>, IpcError> {
        self.bundle_reports(lang)?
            .into_iter()
            .find(|r| r.name == name)
            .map(|r| r.bytes)
            .ok_or_else(|| {
                IpcError::new(ErrorCode::Invalid, format!("no report called {name}"))
                    .with("field", "name")
            })
    }

    /// Writes every report of the open bundle, in `lang`, into the folder `out`
    /// (created if missing), each through a renamed temporary file.
    pub fn organizer_bundle_export(&self, out: &Path, lang: Lang) -> Result<ReportsView, IpcError> {
        let files = self.bundle_reports(lang)?;
        std::fs::create_dir_all(out).map_err(|e| {
            IpcError::new(ErrorCode::NotWritable, e.to_string())
                .with("path", out.display().to_string())
        })?;
        let mut written = Vec::new();
        for f in &files {
            let path = out.join(f.name);
            reviewdesk_desk::write_bytes(&path, &f.bytes)?;
            written.push(path.display().to_string());
        }
        Ok(ReportsView {
            dir: out.display().to_string(),
            files: written,
        })
    }

    /// The path of the result bundle open at the organizer desk, if any.
    pub fn organizer_bundle_path(&self) -> Option<&Path> {
        self.result_bundle.as_ref().map(|o| o.path.as_path())
    }
}
