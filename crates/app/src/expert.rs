//! The expert desk: import a package, open it, pledge, declare, score, read
//! materials (decrypted in memory, returned as bytes), sign and print the sheet.
//! Every edit returns the desk as committed, so the UI shows "saved" only then.

use std::path::Path;

use reviewdesk_core::rules::{
    Answer, Declaration, Justification, PartScore, PartVerdict, PartVeto,
};
use reviewdesk_core::Lang;
use reviewdesk_desk::{
    import_package_with_progress, oriented_image, score_sheet_pdf, write_bytes, DeskError,
    ExpertDesk, PrintedSheet, Trust, SHEET_EXTENSION,
};
use reviewdesk_formats::Fingerprint;
use reviewdesk_ipc::{
    DeskState, DeskView, ErrorCode, ImportView, IpcError, PackageView, SignedView,
};
use reviewdesk_workspace::Workspace;
use rust_decimal::Decimal;

use crate::Session;

/// A score as typed: only a plain decimal (digits, one point, a leading minus).
pub fn parse_score(text: &str) -> Result<Decimal, IpcError> {
    let t = text.trim();
    let ok = !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && t.matches('.').count() <= 1;
    ok.then(|| t.parse::<Decimal>().ok())
        .flatten()
        .ok_or_else(|| IpcError::new(ErrorCode::NotANumber, format!("not a number: {text:?}")))
}

impl Session {
    /// The desk as the workspace holds it now.
    pub fn desk_view(&mut self) -> Result<DeskView, IpcError> {
        let today = self.now().today;
        let (desk, ws) = self.expert_parts()?;
        let id = &desk.record.id;
        let part = ws.part(id)?;
        let sheets = ws.sheets(id)?;
        let rechecks = desk.recheck_items(ws)?;
        let state = DeskState {
            part: &part,
            pledged_at: ws.pledged_at(id)?,
            sheets: &sheets,
            audit_entries: ws.audit_len(id)?,
            today,
            rechecks: &rechecks,
        };
        Ok(DeskView::new(desk, &state))
    }

    /// Runs an edit on the open desk, then returns the new view.
    fn desk_edit(
        &mut self,
        f: impl FnOnce(&ExpertDesk, &mut Workspace, &reviewdesk_desk::Now) -> Result<(), DeskError>,
    ) -> Result<DeskView, IpcError> {
        let now = self.now();
        let (desk, ws) = self.expert_parts()?;
        f(desk, ws, &now)?;
        self.desk_view()
    }

    /// The imported packages, newest first.
    pub fn packages(&mut self) -> Result<Vec<PackageView>, IpcError> {
        let ws = self.workspace()?;
        Ok(ws.packages()?.iter().map(PackageView::from).collect())
    }

    /// Imports a package file; `trust` is the organizer fingerprint the user
    /// confirmed; `progress(done, total)` in bytes (the file is read once, copied,
    /// then the copy verified) answers `Break` to stop it (`cancelled`, nothing kept).
    pub fn package_import(
        &mut self,
        path: &Path,
        trust: Option<&str>,
        progress: &(dyn Fn(u64, u64) -> std::ops::ControlFlow<()> + Sync),
    ) -> Result<ImportView, IpcError> {
        let identity = self.identity()?;
        let (signer, age) = (identity.signer().clone(), identity.age_identity().clone());
        let fp = trust
            .map(|t| {
                Fingerprint::parse(t).ok_or_else(|| {
                    IpcError::new(ErrorCode::TrustMismatch, format!("not a fingerprint: {t}"))
                })
            })
            .transpose()?;
        let trust = fp.as_ref().map_or(Trust::Pinned, Trust::Confirm);
        let now = self.now();
        let ws = self.workspace()?;
        let imported = import_package_with_progress(
            ws,
            path,
            &signer,
            std::slice::from_ref(&age),
            trust,
            &now,
            progress,
        )?;
        Ok(ImportView::from(&imported))
    }

    /// Opens an imported package at the desk.
    pub fn desk_open(&mut self, package: &str) -> Result<DeskView, IpcError> {
        let age = self.identity()?.age_identity().clone();
        let ws = self.workspace()?;
        let desk = ExpertDesk::open(ws, package, std::slice::from_ref(&age))?;
        self.expert = Some(desk);
        self.desk_view()
    }

    /// Accepts the pledge.
    pub fn desk_pledge(&mut self) -> Result<DeskView, IpcError> {
        self.desk_edit(|d, ws, now| d.accept_pledge(ws, now))
    }

    /// Declares "no conflict" (`recuse` empty) or a recusal for one applicant.
    pub fn desk_declare(
        &mut self,
        applicant: String,
        recuse: Option<String>,
        note: String,
    ) -> Result<DeskView, IpcError> {
        let recuse = match recuse.filter(|r| !r.is_empty()) {
            None => None,
            Some(r) => Some(
                serde_json::from_value(serde_json::Value::String(r.clone())).map_err(|_| {
                    IpcError::new(ErrorCode::BadEntry, format!("unknown recusal case {r}"))
                })?,
            ),
        };
        let d = Declaration {
            applicant,
            recuse,
            note,
        };
        self.desk_edit(|desk, ws, now| desk.declare(ws, d, now))
    }

    /// Sets one score (`value` as typed; checked here and by the rules); an empty
    /// value clears it.
    pub fn desk_score(
        &mut self,
        applicant: String,
        stage: String,
        indicator: String,
        value: &str,
        reason: Option<String>,
        comment: String,
    ) -> Result<DeskView, IpcError> {
        if value.trim().is_empty() {
            return self
                .desk_edit(|d, ws, now| d.clear_score(ws, &applicant, &stage, &indicator, now));
        }
        let s = PartScore {
            applicant,
            stage,
            indicator,
            value: parse_score(value)?,
            reason: reason.filter(|r| !r.trim().is_empty()),
            comment,
        };
        self.desk_edit(|d, ws, now| d.set_score(ws, s, now))
    }

    /// Sets a pass/fail verdict.
    pub fn desk_verdict(&mut self, v: PartVerdict) -> Result<DeskView, IpcError> {
        self.desk_edit(|d, ws, now| d.set_verdict(ws, v, now))
    }

    /// Marks (with a reason) or withdraws (without) a veto.
    pub fn desk_veto(
        &mut self,
        applicant: String,
        indicator: String,
        reason: Option<String>,
    ) -> Result<DeskView, IpcError> {
        match reason {
            None => self.desk_edit(|d, ws, now| d.clear_veto(ws, &applicant, &indicator, now)),
            Some(reason) => {
                let v = PartVeto {
                    applicant,
                    indicator,
                    reason,
                };
                self.desk_edit(|d, ws, now| d.set_veto(ws, v, now))
            }
        }
    }

    /// Imports the chair's re-check request file (verified against this package's
    /// chair, for this expert, newer than the last one imported); its flags then
    /// wait for a justification each.
    pub fn desk_recheck_import(&mut self, path: &Path) -> Result<DeskView, IpcError> {
        let age = self.identity()?.age_identity().clone();
        let now = self.now();
        let (desk, ws) = self.expert_parts()?;
        desk.import_recheck(ws, std::slice::from_ref(&age), path, &now)
            .map_err(|e| IpcError::recheck(&e))?;
        self.desk_view()
    }

    /// Justifies one flagged cell of request `request`: `answer` is `kept` or
    /// `changed` (which must fit the value now), `text` the reason.
    pub fn desk_justify(
        &mut self,
        request: u32,
        applicant: String,
        stage: String,
        indicator: Option<String>,
        answer: &str,
        text: String,
    ) -> Result<DeskView, IpcError> {
        let answer = match answer {
            "kept" => Answer::Kept,
            "changed" => Answer::Changed,
            other => {
                return Err(IpcError::new(
                    ErrorCode::BadEntry,
                    format!("answer {other:?}: `kept` or `changed`"),
                )
                .with("field", "answer"))
            }
        };
        let j = Justification {
            applicant,
            stage,
            indicator: indicator.filter(|i| !i.is_empty()),
            request,
            answer,
            text,
        };
        self.desk_edit(|d, ws, now| d.justify(ws, j, now))
    }

    /// Runs `f` on the open desk with the workspace, the expert's age identity and
    /// the clock (opening a material is logged).
    fn with_material<T>(
        &mut self,
        f: impl FnOnce(
            &mut ExpertDesk,
            &mut Workspace,
            &[reviewdesk_formats::Identity],
            &reviewdesk_desk::Now,
        ) -> Result<T, DeskError>,
    ) -> Result<T, IpcError> {
        let age = self.identity()?.age_identity().clone();
        let now = self.now();
        let (desk, ws) = self.expert_parts()?;
        Ok(f(desk, ws, std::slice::from_ref(&age), &now)?)
    }

    /// Opens a material for the PDF viewer, which then reads it by range; returns
    /// its length in bytes.
    pub fn desk_material_open(&mut self, material: &str) -> Result<u64, IpcError> {
        self.with_material(|desk, ws, age, now| desk.open_material(ws, age, material, now))
    }

    /// Whether the open material's stored bytes were checked against the signed
    /// manifest (`false`: not yet); `tampered` when they do not match.
    pub fn desk_material_verified(&mut self, material: &str) -> Result<bool, IpcError> {
        self.with_material(|desk, _, _, _| desk.material_verified(material))
    }

    /// Bytes `begin..end` of a material, decrypted in memory.
    pub fn desk_material_range(
        &mut self,
        material: &str,
        begin: u64,
        end: u64,
    ) -> Result<Vec<u8>, IpcError> {
        self.with_material(|desk, ws, age, now| {
            desk.material_range(ws, age, material, begin, end, now)
        })
    }

    /// An image material, upright and scaled to `max_px`, as PNG.
    pub fn desk_image(&mut self, material: &str, max_px: u32) -> Result<Vec<u8>, IpcError> {
        let bytes =
            self.with_material(|desk, ws, age, now| desk.material(ws, age, material, now))?;
        Ok(oriented_image(&bytes, max_px.clamp(16, 4096))?)
    }

    /// Signs the next revision of the sheet into `dir`: the sheet file for the
    /// chair and a PDF to print and sign by hand, in `lang`.
    pub fn desk_sign(&mut self, dir: &Path, lang: Lang) -> Result<SignedView, IpcError> {
        let identity = self.identity()?;
        let (signer, age) = (identity.signer().clone(), identity.age_identity().clone());
        let now = self.now();
        let (desk, ws) = self.expert_parts()?;
        let signed = desk.sign(ws, &signer, std::slice::from_ref(&age), &now)?;
        let base = format!(
            "{}-{}-r{}",
            desk.round.id, desk.record.person, signed.record.revision
        );
        let sheet_path = dir.join(format!("{base}.{SHEET_EXTENSION}"));
        write_bytes(&sheet_path, &signed.file)?;
        let font = reviewdesk_reports::FontData::bundled()
            .map_err(|e| IpcError::new(ErrorCode::PrintFailed, e.to_string()))?;
        let pdf = score_sheet_pdf(
            desk,
            PrintedSheet {
                part: &signed.part,
                revision: signed.record.revision,
                sha256: &signed.record.sha256,
                signed_at: &signed.record.signed_at,
            },
            &font,
            lang,
        )?;
        let pdf_path = dir.join(format!("{base}.pdf"));
        write_bytes(&pdf_path, &pdf)?;
        Ok(SignedView {
            revision: signed.record.revision,
            sha256: signed.record.sha256.clone(),
            sheet_path: sheet_path.display().to_string(),
            pdf_path: pdf_path.display().to_string(),
            desk: self.desk_view()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_field_takes_only_a_plain_decimal() {
        for ok in ["8", " 8.5 ", "0", "10.25", "-1"] {
            let n = parse_score(ok).unwrap_or_else(|e| panic!("{ok:?}: {e:?}"));
            assert_eq!(n, ok.trim().parse::<Decimal>().unwrap());
        }
        // Text, a comma, two points, an exponent, empty: not_a_number, quoting it.
        for bad in ["abc", "八", "8,5", "8.5.1", "1e2", "", "  ", "8分"] {
            let e = parse_score(bad).unwrap_err();
            assert_eq!(e.code, ErrorCode::NotANumber, "{bad:?}");
            assert!(e.message.contains(&format!("{bad:?}")), "{}", e.message);
        }
    }
}
