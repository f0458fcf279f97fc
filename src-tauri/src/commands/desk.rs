//! The expert desk: import a package, open it, pledge, declare, score, read
//! materials (decrypted in memory, passed as bytes), sign and print the sheet.
//! Every edit returns the desk as committed, so the UI shows "saved" only then.

use std::path::PathBuf;
use std::sync::MutexGuard;

use reviewdesk_core::rules::{Declaration, PartScore, PartVerdict, PartVeto};
use reviewdesk_core::Lang;
use reviewdesk_desk::{
    import_package, oriented_image, score_sheet_pdf, write_bytes, ExpertDesk, PrintedSheet, Trust,
};
use reviewdesk_formats::Fingerprint;
use reviewdesk_ipc::{
    DeskState, DeskView, ErrorCode, ImportView, IpcError, PackageView, SignedView,
};
use rust_decimal::Decimal;
use tauri::ipc::Response;

use crate::state::{now, AppState, ExpertSession};

fn session<'a>(state: &'a tauri::State<'_, AppState>) -> MutexGuard<'a, ExpertSession> {
    state.expert.lock().unwrap_or_else(|e| e.into_inner())
}

/// The desk as the workspace holds it now.
fn view(s: &mut ExpertSession) -> Result<DeskView, IpcError> {
    let desk = s
        .desk
        .take()
        .ok_or_else(|| IpcError::new(ErrorCode::NoDesk, "no package is open"))?;
    let result = (|| {
        let ws = s.workspace()?;
        let id = &desk.record.id;
        let part = ws.part(id)?;
        let sheets = ws.sheets(id)?;
        let state = DeskState {
            part: &part,
            pledged_at: ws.pledged_at(id)?,
            sheets: &sheets,
            audit_entries: ws.audit_len(id)?,
            today: now().today,
        };
        Ok(DeskView::new(&desk, &state))
    })();
    s.desk = Some(desk);
    result
}

/// Runs an edit on the open desk with the workspace, then returns the new view.
fn edit(
    state: &tauri::State<'_, AppState>,
    f: impl FnOnce(
        &ExpertDesk,
        &mut reviewdesk_workspace::Workspace,
    ) -> Result<(), reviewdesk_desk::DeskError>,
) -> Result<DeskView, IpcError> {
    let mut s = session(state);
    let desk = s
        .desk
        .take()
        .ok_or_else(|| IpcError::new(ErrorCode::NoDesk, "no package is open"))?;
    let r = s
        .workspace()
        .and_then(|ws| f(&desk, ws).map_err(IpcError::from));
    s.desk = Some(desk);
    r?;
    view(&mut s)
}

/// The imported packages, newest first.
#[tauri::command]
pub fn packages(state: tauri::State<'_, AppState>) -> Result<Vec<PackageView>, IpcError> {
    let mut s = session(&state);
    let ws = s.workspace()?;
    Ok(ws.packages()?.iter().map(PackageView::from).collect())
}

/// Imports a package file; `trust` is the organizer fingerprint the user confirmed.
#[tauri::command]
pub fn package_import(
    state: tauri::State<'_, AppState>,
    path: PathBuf,
    trust: Option<String>,
) -> Result<ImportView, IpcError> {
    let mut s = session(&state);
    let identity = s.identity()?;
    let (signer, age) = (identity.signer().clone(), identity.age_identity().clone());
    let fp = trust
        .map(|t| {
            Fingerprint::parse(&t).ok_or_else(|| {
                IpcError::new(ErrorCode::TrustMismatch, format!("not a fingerprint: {t}"))
            })
        })
        .transpose()?;
    let trust = fp.as_ref().map_or(Trust::Pinned, Trust::Confirm);
    let ws = s.workspace()?;
    let imported = import_package(
        ws,
        &path,
        &signer,
        std::slice::from_ref(&age),
        trust,
        &now(),
    )?;
    Ok(ImportView::from(&imported))
}

/// Opens an imported package at the desk.
#[tauri::command]
pub fn desk_open(state: tauri::State<'_, AppState>, package: String) -> Result<DeskView, IpcError> {
    let mut s = session(&state);
    let age = s.identity()?.age_identity().clone();
    let ws = s.workspace()?;
    let desk = ExpertDesk::open(ws, &package, std::slice::from_ref(&age))?;
    s.desk = Some(desk);
    view(&mut s)
}

/// The desk as it stands.
#[tauri::command]
pub fn desk_view(state: tauri::State<'_, AppState>) -> Result<DeskView, IpcError> {
    view(&mut session(&state))
}

/// Accepts the pledge.
#[tauri::command]
pub fn desk_pledge(state: tauri::State<'_, AppState>) -> Result<DeskView, IpcError> {
    edit(&state, |d, ws| d.accept_pledge(ws, &now()))
}

/// Declares "no conflict" (`recuse` empty) or a recusal for one applicant.
#[tauri::command]
pub fn desk_declare(
    state: tauri::State<'_, AppState>,
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
    edit(&state, |desk, ws| desk.declare(ws, d, &now()))
}

fn number(text: &str) -> Result<Decimal, IpcError> {
    let t = text.trim();
    let ok = !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && t.matches('.').count() <= 1;
    ok.then(|| t.parse::<Decimal>().ok())
        .flatten()
        .ok_or_else(|| IpcError::new(ErrorCode::NotANumber, format!("not a number: {text:?}")))
}

/// Sets one score (`value` as typed; checked here and by the rules).
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub fn desk_score(
    state: tauri::State<'_, AppState>,
    applicant: String,
    stage: String,
    indicator: String,
    value: String,
    reason: Option<String>,
    comment: String,
) -> Result<DeskView, IpcError> {
    if value.trim().is_empty() {
        return edit(&state, |d, ws| {
            d.clear_score(ws, &applicant, &stage, &indicator, &now())
        });
    }
    let value = number(&value)?;
    let s = PartScore {
        applicant,
        stage,
        indicator,
        value,
        reason: reason.filter(|r| !r.trim().is_empty()),
        comment,
    };
    edit(&state, |d, ws| d.set_score(ws, s, &now()))
}

/// Sets a pass/fail verdict.
#[tauri::command]
pub fn desk_verdict(
    state: tauri::State<'_, AppState>,
    applicant: String,
    stage: String,
    pass: bool,
    comment: String,
) -> Result<DeskView, IpcError> {
    let v = PartVerdict {
        applicant,
        stage,
        pass,
        comment,
    };
    edit(&state, |d, ws| d.set_verdict(ws, v, &now()))
}

/// Marks (with a reason) or withdraws (without) a veto.
#[tauri::command]
pub fn desk_veto(
    state: tauri::State<'_, AppState>,
    applicant: String,
    indicator: String,
    reason: Option<String>,
) -> Result<DeskView, IpcError> {
    match reason {
        None => edit(&state, |d, ws| {
            d.clear_veto(ws, &applicant, &indicator, &now())
        }),
        Some(reason) => {
            let v = PartVeto {
                applicant,
                indicator,
                reason,
            };
            edit(&state, |d, ws| d.set_veto(ws, v, &now()))
        }
    }
}

/// Opens a material for the PDF viewer, which then reads it by range
/// (`desk_material_range`); returns its length in bytes. The stored bytes are
/// checked against the signed manifest first.
#[tauri::command]
pub fn desk_material_open(
    state: tauri::State<'_, AppState>,
    material: String,
) -> Result<u64, IpcError> {
    with_material(&state, |desk, ws, age| {
        desk.open_material(ws, age, &material)
    })
}

/// Whether the open material's stored bytes were checked against the signed
/// manifest: `true` they match, `false` not yet (the check runs beside the reading);
/// an error (`tampered`) when they do not, and the material is closed.
#[tauri::command]
pub fn desk_material_verified(
    state: tauri::State<'_, AppState>,
    material: String,
) -> Result<bool, IpcError> {
    with_material(&state, |desk, _, _| desk.material_verified(&material))
}

/// Bytes `begin..end` of a material, decrypted in memory (only the age chunks the
/// range touches; never written to disk).
#[tauri::command]
pub fn desk_material_range(
    state: tauri::State<'_, AppState>,
    material: String,
    begin: u64,
    end: u64,
) -> Result<Response, IpcError> {
    let bytes = with_material(&state, |desk, ws, age| {
        desk.material_range(ws, age, &material, begin, end)
    })?;
    Ok(Response::new(bytes))
}

/// An image material, upright (EXIF orientation applied) and scaled to `max_px`, as PNG.
#[tauri::command]
pub fn desk_image(
    state: tauri::State<'_, AppState>,
    material: String,
    max_px: u32,
) -> Result<Response, IpcError> {
    let bytes = desk_material_bytes(&state, &material)?;
    Ok(Response::new(oriented_image(
        &bytes,
        max_px.clamp(16, 4096),
    )?))
}

fn desk_material_bytes(
    state: &tauri::State<'_, AppState>,
    material: &str,
) -> Result<Vec<u8>, IpcError> {
    with_material(state, |desk, ws, age| desk.material(ws, age, material))
}

/// Runs `f` on the open desk with the workspace and the expert's age identity.
fn with_material<T>(
    state: &tauri::State<'_, AppState>,
    f: impl FnOnce(
        &mut ExpertDesk,
        &reviewdesk_workspace::Workspace,
        &[reviewdesk_formats::Identity],
    ) -> Result<T, reviewdesk_desk::DeskError>,
) -> Result<T, IpcError> {
    let mut s = session(state);
    let age = s.identity()?.age_identity().clone();
    let mut desk = s
        .desk
        .take()
        .ok_or_else(|| IpcError::new(ErrorCode::NoDesk, "no package is open"))?;
    let r = s
        .workspace()
        .and_then(|ws| Ok(f(&mut desk, ws, std::slice::from_ref(&age))?));
    s.desk = Some(desk);
    r
}

/// Signs the next revision of the sheet into `dir` (the `.rdsheet` for the chair
/// and a PDF to print and sign by hand, in `lang`).
#[tauri::command]
pub fn desk_sign(
    state: tauri::State<'_, AppState>,
    dir: PathBuf,
    lang: String,
) -> Result<SignedView, IpcError> {
    let lang = if lang == "en" { Lang::En } else { Lang::ZhCn };
    let mut s = session(&state);
    let identity = s.identity()?;
    let (signer, age) = (identity.signer().clone(), identity.age_identity().clone());
    let desk = s
        .desk
        .take()
        .ok_or_else(|| IpcError::new(ErrorCode::NoDesk, "no package is open"))?;
    let r = (|| {
        let ws = s.workspace()?;
        let signed = desk.sign(ws, &signer, std::slice::from_ref(&age), &now())?;
        let base = format!(
            "{}-{}-r{}",
            desk.round.id, desk.record.person, signed.record.revision
        );
        let sheet_path = dir.join(format!("{base}.rdsheet"));
        write_bytes(&sheet_path, &signed.file)?;
        let font = reviewdesk_reports::FontData::bundled()
            .map_err(|e| IpcError::new(ErrorCode::PrintFailed, e.to_string()))?;
        let pdf = score_sheet_pdf(
            &desk,
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
        Ok::<_, IpcError>((signed, sheet_path, pdf_path))
    })();
    s.desk = Some(desk);
    let (signed, sheet_path, pdf_path) = r?;
    Ok(SignedView {
        revision: signed.record.revision,
        sha256: signed.record.sha256.clone(),
        sheet_path: sheet_path.display().to_string(),
        pdf_path: pdf_path.display().to_string(),
        desk: view(&mut s)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_field_takes_only_a_plain_decimal() {
        for ok in ["8", " 8.5 ", "0", "10.25", "-1"] {
            let n = number(ok).unwrap_or_else(|e| panic!("{ok:?}: {e:?}"));
            assert_eq!(n, ok.trim().parse::<Decimal>().unwrap());
        }
        // Text, a comma, two points, an exponent, empty: not_a_number, quoting it.
        for bad in ["abc", "八", "8,5", "8.5.1", "1e2", "", "  ", "8分"] {
            let e = number(bad).unwrap_err();
            assert_eq!(e.code, ErrorCode::NotANumber, "{bad:?}");
            assert!(e.message.contains(&format!("{bad:?}")), "{}", e.message);
        }
    }
}
