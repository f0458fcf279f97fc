//! The commands the UI can invoke. Each is a few lines: take the state, call one
//! library function, return a view or an [`IpcError`].

pub mod chair;
pub mod desk;
pub mod identity;

use crate::state::AppState;
use reviewdesk_ipc::{IpcError, RoundOverview};

/// The overview of the open round (program, stages, applicants, panel).
#[tauri::command]
pub fn round_overview(state: tauri::State<'_, AppState>) -> Result<RoundOverview, IpcError> {
    let loaded = state.round.as_ref().map_err(Clone::clone)?;
    Ok(RoundOverview::from(loaded))
}
