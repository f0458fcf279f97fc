//! The About screen and the file the app was asked to open.

use std::path::PathBuf;

use reviewdesk_ipc::{AboutView, ErrorCode, IpcError, OpenedFileView};
use tauri::State;

use crate::OpenedFile;

/// The app's resource directories (an installed app's, or the build's own).
pub struct Resources(pub Vec<PathBuf>);

/// The version, the build's commit (`REVIEWDESK_COMMIT`, set by `build.rs`) and
/// the licence notices shipped in the resource directory.
#[tauri::command]
pub async fn about(resources: State<'_, Resources>) -> Result<AboutView, IpcError> {
    let dirs = resources.0.clone();
    tauri::async_runtime::spawn_blocking(move || {
        reviewdesk_app::about(env!("CARGO_PKG_VERSION"), env!("REVIEWDESK_COMMIT"), &dirs)
    })
    .await
    .map_err(|e| IpcError::new(ErrorCode::Internal, format!("the about task failed: {e}")))?
}

/// Takes the file the app was asked to open (on its command line, or handed over
/// by a second launch), once: `null` when there is none (any more).
#[tauri::command]
pub async fn opened_file(slot: State<'_, OpenedFile>) -> Result<Option<OpenedFileView>, IpcError> {
    Ok(slot.0.lock().unwrap_or_else(|e| e.into_inner()).take())
}
