//! The organizer desk's results: the chair's result bundle opened (verified and
//! recomputed), its reports previewed and exported.

use std::path::PathBuf;

use reviewdesk_core::Lang;
use reviewdesk_ipc::{IpcError, ReportsView, ResultBundleView};
use tauri::ipc::Response;
use tauri::{AppHandle, State};

use crate::state::AppState;

/// Opens the chair's result bundle for the round open at the organizer desk.
#[tauri::command]
pub async fn organizer_bundle_open(
    app: AppHandle,
    state: State<'_, AppState>,
    path: PathBuf,
) -> Result<ResultBundleView, IpcError> {
    state
        .long(&app, "organizer_bundle", false, move |s, _| {
            s.organizer_bundle_open(&path)
        })
        .await
}

/// One report of the open bundle, in `lang`, as raw bytes (for the preview).
#[tauri::command]
pub async fn organizer_bundle_report(
    state: State<'_, AppState>,
    name: String,
    lang: Lang,
) -> Result<Response, IpcError> {
    let bytes = state
        .call(move |s| s.organizer_bundle_report(&name, lang))
        .await?;
    Ok(Response::new(bytes))
}

/// Writes every report of the open bundle, in `lang`, into the folder `out`.
#[tauri::command]
pub async fn organizer_bundle_export(
    app: AppHandle,
    state: State<'_, AppState>,
    out: PathBuf,
    lang: Lang,
) -> Result<ReportsView, IpcError> {
    state
        .long(&app, "organizer_reports", false, move |s, _| {
            s.organizer_bundle_export(&out, lang)
        })
        .await
}
