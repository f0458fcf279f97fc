//! The working-day calendar: the years it covers (shipped with ReviewDesk, or added
//! by the organizer from the State Council's notice) and a year's file imported.

use std::path::PathBuf;

use reviewdesk_ipc::{CalendarImportView, CalendarYearView, IpcError};
use tauri::State;

use crate::state::AppState;

/// The years the calendar covers.
#[tauri::command]
pub async fn calendar_years(state: State<'_, AppState>) -> Result<Vec<CalendarYearView>, IpcError> {
    state.call(|s| s.calendar_years()).await
}

/// Imports a year's file (`replace`: a different file for an added year).
#[tauri::command]
pub async fn calendar_import(
    state: State<'_, AppState>,
    path: PathBuf,
    replace: bool,
) -> Result<CalendarImportView, IpcError> {
    state.call(move |s| s.calendar_import(&path, replace)).await
}
