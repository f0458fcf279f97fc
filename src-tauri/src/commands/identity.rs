//! Identities in the OS keyring: list, create, restore a backup, choose, export the card.

use std::path::PathBuf;

use reviewdesk_ipc::{IdentityView, IpcError, RoleView};
use tauri::{AppHandle, State};

use crate::state::AppState;

/// The identities in the keyring's index.
#[tauri::command]
pub async fn identities(state: State<'_, AppState>) -> Result<Vec<IdentityView>, IpcError> {
    state.call(|s| s.identities()).await
}

/// Creates an identity with the role its key card will state, and chooses it.
#[tauri::command]
pub async fn identity_create(
    app: AppHandle,
    state: State<'_, AppState>,
    name: String,
    role: RoleView,
) -> Result<IdentityView, IpcError> {
    state
        .long(&app, "identity_create", false, move |s, _| {
            s.identity_create(&name, role)
        })
        .await
}

/// Restores a passphrase-protected backup into the keyring and chooses it.
#[tauri::command]
pub async fn identity_restore(
    app: AppHandle,
    state: State<'_, AppState>,
    path: PathBuf,
    passphrase: String,
) -> Result<IdentityView, IpcError> {
    state
        .long(&app, "identity_restore", false, move |s, _| {
            s.identity_restore(&path, passphrase)
        })
        .await
}

/// Chooses an identity from the keyring for this session.
#[tauri::command]
pub async fn identity_choose(
    state: State<'_, AppState>,
    name: String,
) -> Result<IdentityView, IpcError> {
    state.call(move |s| s.identity_choose(&name)).await
}

/// Writes the chosen identity's key card (public, self-signed) for the organizer.
#[tauri::command]
pub async fn identity_export_card(
    state: State<'_, AppState>,
    path: PathBuf,
) -> Result<String, IpcError> {
    state.call(move |s| s.identity_export_card(&path)).await
}
