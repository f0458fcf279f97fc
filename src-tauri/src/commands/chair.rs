//! The chair desk: open the whole-round package as its chair, import sheets (files
//! or a folder), re-check requests, opinions and dissents, the announced draw
//! value, and the signed result bundle.

use std::path::PathBuf;

use reviewdesk_ipc::{
    BundleView, ChairImportView, ChairPackageView, ChairView, IpcError, RecheckExportView,
};
use tauri::{AppHandle, State};

use crate::state::AppState;

/// The packages the chair opened before, newest first.
#[tauri::command]
pub async fn chair_packages(state: State<'_, AppState>) -> Result<Vec<ChairPackageView>, IpcError> {
    state.call(|s| s.chair_packages()).await
}

/// Opens a whole-round package file as its chair (verified whole first); `trust`
/// is the organizer fingerprint the chair confirmed (needed the first time).
#[tauri::command]
pub async fn chair_open(
    app: AppHandle,
    state: State<'_, AppState>,
    path: PathBuf,
    trust: Option<String>,
) -> Result<ChairView, IpcError> {
    state
        .long(&app, "chair_open", false, move |s, _| {
            s.chair_open(&path, trust.as_deref())
        })
        .await
}

/// Opens a package the chair opened before.
#[tauri::command]
pub async fn chair_reopen(
    app: AppHandle,
    state: State<'_, AppState>,
    package: String,
) -> Result<ChairView, IpcError> {
    state
        .long(&app, "chair_open", false, move |s, _| {
            s.chair_reopen(&package)
        })
        .await
}

/// The chair desk as it stands.
#[tauri::command]
pub async fn chair_view(state: State<'_, AppState>) -> Result<ChairView, IpcError> {
    state.call(|s| s.chair_view()).await
}

/// Imports sheet files (one result line per file).
#[tauri::command]
pub async fn chair_import(
    app: AppHandle,
    state: State<'_, AppState>,
    paths: Vec<PathBuf>,
) -> Result<ChairImportView, IpcError> {
    state
        .long(&app, "chair_import", false, move |s, _| {
            s.chair_import(&paths)
        })
        .await
}

/// Imports every sheet file in a folder.
#[tauri::command]
pub async fn chair_import_folder(
    app: AppHandle,
    state: State<'_, AppState>,
    dir: PathBuf,
) -> Result<ChairImportView, IpcError> {
    state
        .long(&app, "chair_import", false, move |s, _| {
            s.chair_import_folder(&dir)
        })
        .await
}

/// Records a re-check request for a divergence flag.
#[tauri::command]
pub async fn chair_recheck(
    state: State<'_, AppState>,
    expert: String,
    applicant: String,
    stage: String,
    indicator: Option<String>,
    note: String,
) -> Result<ChairView, IpcError> {
    state
        .call(move |s| s.chair_recheck(&expert, &applicant, &stage, indicator.as_deref(), &note))
        .await
}

/// Writes a re-check request file for an expert from the re-checks recorded.
#[tauri::command]
pub async fn chair_recheck_export(
    state: State<'_, AppState>,
    expert: String,
    path: PathBuf,
) -> Result<RecheckExportView, IpcError> {
    state
        .call(move |s| s.chair_recheck_export(&expert, &path))
        .await
}

/// Writes the panel's opinion on an applicant (empty: removes it).
#[tauri::command]
pub async fn chair_opinion(
    state: State<'_, AppState>,
    applicant: String,
    opinion: String,
) -> Result<ChairView, IpcError> {
    state
        .call(move |s| s.chair_opinion(&applicant, &opinion))
        .await
}

/// Writes an expert's dissent on an applicant (empty: removes it).
#[tauri::command]
pub async fn chair_dissent(
    state: State<'_, AppState>,
    applicant: String,
    expert: String,
    note: String,
) -> Result<ChairView, IpcError> {
    state
        .call(move |s| s.chair_dissent(&applicant, &expert, &note))
        .await
}

/// Enters the value announced for the site-visit draw.
#[tauri::command]
pub async fn chair_draw(
    state: State<'_, AppState>,
    announced: String,
) -> Result<ChairView, IpcError> {
    state.call(move |s| s.chair_draw(&announced)).await
}

/// Signs the result bundle and writes it to `path`.
#[tauri::command]
pub async fn chair_sign(
    app: AppHandle,
    state: State<'_, AppState>,
    path: PathBuf,
) -> Result<BundleView, IpcError> {
    state
        .long(&app, "chair_sign", false, move |s, _| s.chair_sign(&path))
        .await
}

/// Writes the result reports of the signed bundle into `out`, in the UI's language.
#[tauri::command]
pub async fn chair_reports(
    app: AppHandle,
    state: State<'_, AppState>,
    bundle: PathBuf,
    out: PathBuf,
    lang: reviewdesk_core::Lang,
) -> Result<reviewdesk_ipc::ReportsView, IpcError> {
    state
        .long(&app, "chair_reports", false, move |s, _| {
            s.chair_reports(&bundle, &out, lang)
        })
        .await
}
