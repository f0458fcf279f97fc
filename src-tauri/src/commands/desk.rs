//! The expert desk: import a package, open it, pledge, declare, score, read
//! materials (decrypted in memory, passed as bytes), sign and print the sheet.

use std::path::PathBuf;

use reviewdesk_core::rules::PartVerdict;
use reviewdesk_core::Lang;
use reviewdesk_ipc::{DeskView, ImportView, IpcError, PackageView, SignedView};
use tauri::ipc::Response;
use tauri::{AppHandle, State};

use crate::state::AppState;

/// The imported packages, newest first.
#[tauri::command]
pub async fn packages(state: State<'_, AppState>) -> Result<Vec<PackageView>, IpcError> {
    state.call(|s| s.packages()).await
}

/// Imports a package file; `trust` is the organizer fingerprint the user confirmed.
#[tauri::command]
pub async fn package_import(
    app: AppHandle,
    state: State<'_, AppState>,
    path: PathBuf,
    trust: Option<String>,
) -> Result<ImportView, IpcError> {
    state
        .long(&app, "package_import", true, move |s, progress| {
            s.package_import(&path, trust.as_deref(), progress)
        })
        .await
}

/// Opens an imported package at the desk.
#[tauri::command]
pub async fn desk_open(state: State<'_, AppState>, package: String) -> Result<DeskView, IpcError> {
    state.call(move |s| s.desk_open(&package)).await
}

/// The desk as it stands.
#[tauri::command]
pub async fn desk_view(state: State<'_, AppState>) -> Result<DeskView, IpcError> {
    state.call(|s| s.desk_view()).await
}

/// Accepts the pledge.
#[tauri::command]
pub async fn desk_pledge(state: State<'_, AppState>) -> Result<DeskView, IpcError> {
    state.call(|s| s.desk_pledge()).await
}

/// Declares "no conflict" (`recuse` empty) or a recusal for one applicant.
#[tauri::command]
pub async fn desk_declare(
    state: State<'_, AppState>,
    applicant: String,
    recuse: Option<String>,
    note: String,
) -> Result<DeskView, IpcError> {
    state
        .call(move |s| s.desk_declare(applicant, recuse, note))
        .await
}

/// Sets one score (`value` as typed; checked by the session and the rules).
#[tauri::command]
pub async fn desk_score(
    state: State<'_, AppState>,
    applicant: String,
    stage: String,
    indicator: String,
    value: String,
    reason: Option<String>,
    comment: String,
) -> Result<DeskView, IpcError> {
    state
        .call(move |s| s.desk_score(applicant, stage, indicator, &value, reason, comment))
        .await
}

/// Sets a pass/fail verdict.
#[tauri::command]
pub async fn desk_verdict(
    state: State<'_, AppState>,
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
    state.call(move |s| s.desk_verdict(v)).await
}

/// Marks (with a reason) or withdraws (without) a veto.
#[tauri::command]
pub async fn desk_veto(
    state: State<'_, AppState>,
    applicant: String,
    indicator: String,
    reason: Option<String>,
) -> Result<DeskView, IpcError> {
    state
        .call(move |s| s.desk_veto(applicant, indicator, reason))
        .await
}

/// Imports the chair's re-check request file (`.rdrecheck`).
#[tauri::command]
pub async fn desk_recheck_import(
    state: State<'_, AppState>,
    path: PathBuf,
) -> Result<DeskView, IpcError> {
    state.call(move |s| s.desk_recheck_import(&path)).await
}

/// Justifies one flagged cell of a re-check request: `kept` or `changed`, with a reason.
#[tauri::command]
pub async fn desk_justify(
    state: State<'_, AppState>,
    request: u32,
    applicant: String,
    stage: String,
    indicator: Option<String>,
    answer: String,
    text: String,
) -> Result<DeskView, IpcError> {
    state
        .call(move |s| s.desk_justify(request, applicant, stage, indicator, &answer, text))
        .await
}

/// Opens a material for the PDF viewer; returns its length in bytes.
#[tauri::command]
pub async fn desk_material_open(
    state: State<'_, AppState>,
    material: String,
) -> Result<u64, IpcError> {
    state.call(move |s| s.desk_material_open(&material)).await
}

/// Whether the open material's stored bytes were checked (`false`: not yet).
#[tauri::command]
pub async fn desk_material_verified(
    state: State<'_, AppState>,
    material: String,
) -> Result<bool, IpcError> {
    state
        .call(move |s| s.desk_material_verified(&material))
        .await
}

/// Bytes `begin..end` of a material, decrypted in memory (never written to disk).
#[tauri::command]
pub async fn desk_material_range(
    state: State<'_, AppState>,
    material: String,
    begin: u64,
    end: u64,
) -> Result<Response, IpcError> {
    let bytes = state
        .call(move |s| s.desk_material_range(&material, begin, end))
        .await?;
    Ok(Response::new(bytes))
}

/// An image material, upright (EXIF orientation applied) and scaled, as PNG.
#[tauri::command]
pub async fn desk_image(
    state: State<'_, AppState>,
    material: String,
    max_px: u32,
) -> Result<Response, IpcError> {
    let bytes = state.call(move |s| s.desk_image(&material, max_px)).await?;
    Ok(Response::new(bytes))
}

/// Signs the next revision of the sheet into `dir` (the sheet for the chair and a
/// PDF to print and sign by hand, in the UI's language).
#[tauri::command]
pub async fn desk_sign(
    app: AppHandle,
    state: State<'_, AppState>,
    dir: PathBuf,
    lang: Lang,
) -> Result<SignedView, IpcError> {
    state
        .long(&app, "desk_sign", false, move |s, _| {
            s.desk_sign(&dir, lang)
        })
        .await
}
