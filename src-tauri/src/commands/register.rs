//! The register of units across years (动态管理): the units' standing with what is
//! due and the proposals, a unit's ledger, a final archive applied, proposals
//! decided, an event recorded, and the reports (catalogue, XLSX, history PDF, the
//! signed checkpoint and its verification).

use std::path::PathBuf;

use reviewdesk_core::Lang;
use reviewdesk_ipc::{
    CheckpointVerifiedView, IpcError, PublishedFileView, RegisterAppliedView, RegisterRecordView,
    RegisterView, ReportsView, UnitHistoryView,
};
use tauri::{AppHandle, State};

use crate::state::AppState;

/// The register on `at` (default today).
#[tauri::command]
pub async fn register_view(
    state: State<'_, AppState>,
    at: Option<String>,
) -> Result<RegisterView, IpcError> {
    state.call(move |s| s.register_view(at.as_deref())).await
}

/// A unit's ledger and standing on `at` (default today).
#[tauri::command]
pub async fn register_history(
    state: State<'_, AppState>,
    unit: String,
    at: Option<String>,
) -> Result<UnitHistoryView, IpcError> {
    state
        .call(move |s| s.register_history(&unit, at.as_deref()))
        .await
}

/// Applies a final archive (verified first); `year` for an assessment round.
#[tauri::command]
pub async fn register_apply(
    app: AppHandle,
    state: State<'_, AppState>,
    archive: PathBuf,
    year: Option<i32>,
) -> Result<RegisterAppliedView, IpcError> {
    state
        .long(&app, "register_apply", false, move |s, _| {
            s.register_apply(&archive, year)
        })
        .await
}

/// Confirms or rejects a proposal with the organizer's reason.
#[tauri::command]
pub async fn register_decide(
    state: State<'_, AppState>,
    id: String,
    confirm: bool,
    reason: String,
    at: Option<String>,
) -> Result<RegisterView, IpcError> {
    state
        .call(move |s| s.register_decide(&id, confirm, &reason, at.as_deref()))
        .await
}

/// Records one event by hand.
#[tauri::command]
pub async fn register_record(
    state: State<'_, AppState>,
    input: RegisterRecordView,
) -> Result<RegisterView, IpcError> {
    state.call(move |s| s.register_record(&input)).await
}

/// The catalogue of `year` (PDF and CSV per program) into the folder `out`.
#[tauri::command]
pub async fn register_catalogue(
    app: AppHandle,
    state: State<'_, AppState>,
    year: i32,
    out: PathBuf,
    lang: Lang,
) -> Result<ReportsView, IpcError> {
    state
        .long(&app, "register_reports", false, move |s, _| {
            s.register_catalogue(year, &out, lang)
        })
        .await
}

/// The register as XLSX, written to `out`.
#[tauri::command]
pub async fn register_export(
    app: AppHandle,
    state: State<'_, AppState>,
    out: PathBuf,
    lang: Lang,
) -> Result<PublishedFileView, IpcError> {
    state
        .long(&app, "register_reports", false, move |s, _| {
            s.register_export(&out, lang)
        })
        .await
}

/// A unit's history as PDF, written to `out`.
#[tauri::command]
pub async fn register_history_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    unit: String,
    out: PathBuf,
    lang: Lang,
) -> Result<PublishedFileView, IpcError> {
    state
        .long(&app, "register_reports", false, move |s, _| {
            s.register_history_pdf(&unit, &out, lang)
        })
        .await
}

/// The yearly checkpoint, signed with the identity in use, written to `out`.
#[tauri::command]
pub async fn register_checkpoint(
    state: State<'_, AppState>,
    year: i32,
    out: PathBuf,
) -> Result<PublishedFileView, IpcError> {
    state.call(move |s| s.register_checkpoint(year, &out)).await
}

/// A checkpoint file checked against the register.
#[tauri::command]
pub async fn register_verify(
    state: State<'_, AppState>,
    file: PathBuf,
) -> Result<CheckpointVerifiedView, IpcError> {
    state.call(move |s| s.register_verify(&file)).await
}
