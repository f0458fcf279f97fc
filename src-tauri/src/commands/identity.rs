//! Identities in the OS keyring: list, create, restore a backup, export the card.

use std::path::PathBuf;

use reviewdesk_desk::write_bytes;
use reviewdesk_ipc::{IdentityView, IpcError};
use reviewdesk_keys::{Keystore, Role, SecretString};

use crate::state::AppState;

/// The identities in the keyring's index.
#[tauri::command]
pub fn identities() -> Result<Vec<IdentityView>, IpcError> {
    let list = Keystore::open()?.list()?;
    Ok(list.iter().map(IdentityView::from).collect())
}

/// Creates an identity in the keyring (an expert's, or with `role` "chair" the
/// chair's: the role its key card states) and chooses it.
#[tauri::command]
pub fn identity_create(
    state: tauri::State<'_, AppState>,
    name: String,
    role: Option<String>,
) -> Result<IdentityView, IpcError> {
    let role = match role.as_deref() {
        Some("chair") => Role::Chair,
        _ => Role::Expert,
    };
    let store = Keystore::open()?;
    let summary = store.create(&name, role)?;
    let identity = store.load(&summary.name)?;
    state.expert.lock().expect("state lock").identity = Some(identity);
    Ok(IdentityView::from(&summary))
}

/// Restores a passphrase-protected backup into the keyring and chooses it.
#[tauri::command]
pub fn identity_restore(
    state: tauri::State<'_, AppState>,
    path: PathBuf,
    passphrase: String,
) -> Result<IdentityView, IpcError> {
    let bytes = reviewdesk_desk::read(&path)?;
    let id = reviewdesk_keys::Identity::restore(&bytes, &SecretString::from(passphrase))?;
    let store = Keystore::open()?;
    let summary = store.restore(&id)?;
    state.expert.lock().expect("state lock").identity = Some(id);
    Ok(IdentityView::from(&summary))
}

/// Chooses an identity from the keyring for this session.
#[tauri::command]
pub fn identity_choose(
    state: tauri::State<'_, AppState>,
    name: String,
) -> Result<IdentityView, IpcError> {
    let identity = Keystore::open()?.load(&name)?;
    let view = IdentityView::from(&identity.summary());
    let mut s = state.expert.lock().expect("state lock");
    s.desk = None;
    s.identity = Some(identity);
    Ok(view)
}

/// Writes the chosen identity's key card (public, self-signed) for the organizer.
#[tauri::command]
pub fn identity_export_card(
    state: tauri::State<'_, AppState>,
    path: PathBuf,
) -> Result<String, IpcError> {
    let s = state.expert.lock().expect("state lock");
    let card = s.identity()?.key_card()?;
    write_bytes(&path, &card)?;
    Ok(path.display().to_string())
}
