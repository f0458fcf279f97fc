//! The commands the UI can invoke. Each is a few lines: take the state, run one
//! session method off the UI thread, return its view or [`IpcError`].

pub mod about;
pub mod calendar;
pub mod chair;
pub mod desk;
pub mod dialog;
pub mod identity;
pub mod organizer;
pub mod publication;
pub mod register;
pub mod results;
pub mod stages;

use crate::state::AppState;
use reviewdesk_ipc::{HomeView, IpcError, RoundOverview};
use tauri::State;

/// The home screen: identities, recent work of each desk, whether the demo is there.
#[tauri::command]
pub async fn home(state: State<'_, AppState>) -> Result<HomeView, IpcError> {
    state.call(|s| s.home()).await
}

/// The overview of the round open (`no_round` when none is).
#[tauri::command]
pub async fn round_overview(state: State<'_, AppState>) -> Result<RoundOverview, IpcError> {
    state.call(|s| s.round_overview()).await
}

/// Asks the long work running now to stop, where it can with nothing left behind
/// (a package import); answers at once, without waiting for the work.
#[tauri::command]
pub async fn cancel(state: State<'_, AppState>) -> Result<(), IpcError> {
    state.cancel();
    Ok(())
}

/// Opens the bundled demo round and returns its overview.
#[tauri::command]
pub async fn round_open_demo(state: State<'_, AppState>) -> Result<RoundOverview, IpcError> {
    state.call(|s| s.open_demo()).await
}
