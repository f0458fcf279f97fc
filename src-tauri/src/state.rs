//! The app's state: the round that is open, or why it could not be opened.

use reviewdesk_io::{load_round, LoadedRound};
use reviewdesk_ipc::IpcError;
use std::path::Path;

/// State shared by all commands.
pub struct AppState {
    /// The open round, or the error that kept it from opening (shown by the UI).
    pub round: Result<LoadedRound, IpcError>,
}

impl AppState {
    /// Loads the round in `dir`; a failure is kept for the UI to show.
    pub fn open(dir: &Path) -> Self {
        AppState {
            round: load_round(dir).map_err(IpcError::from),
        }
    }
}
