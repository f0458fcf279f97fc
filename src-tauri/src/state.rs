//! The app's state: one [`Session`] (workspace, identity, the work open at each
//! desk) behind a lock, and the way every command runs on it — off the UI thread.

use std::sync::{Arc, Mutex};

use reviewdesk_app::Session;
use reviewdesk_ipc::{ErrorCode, IpcError, ProgressView};
use tauri::{AppHandle, Emitter};

/// State shared by all commands.
pub struct AppState {
    session: Arc<Mutex<Session>>,
}

impl AppState {
    /// The state around a session.
    pub fn new(session: Session) -> Self {
        AppState {
            session: Arc::new(Mutex::new(session)),
        }
    }

    /// Runs `f` on the session on a blocking-task thread, never on the UI thread:
    /// disk, keyring and crypto work cannot freeze the window.
    pub async fn call<T, F>(&self, f: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Session) -> Result<T, IpcError> + Send + 'static,
    {
        let session = Arc::clone(&self.session);
        tauri::async_runtime::spawn_blocking(move || {
            let mut s = session.lock().unwrap_or_else(|e| e.into_inner());
            f(&mut s)
        })
        .await
        .map_err(|e| {
            IpcError::new(
                ErrorCode::Internal,
                format!("the command's task failed: {e}"),
            )
        })?
    }

    /// [`call`](Self::call) for long work: a `progress` event (the task's name,
    /// running) before and another (not running) after, done or failed, so the UI
    /// shows what is being done.
    pub async fn long<T, F>(&self, app: &AppHandle, task: &str, f: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Session) -> Result<T, IpcError> + Send + 'static,
    {
        let progress = |running| ProgressView {
            task: task.to_owned(),
            running,
            done: None,
            total: None,
        };
        let _ = app.emit("progress", progress(true));
        let r = self.call(f).await;
        let _ = app.emit("progress", progress(false));
        r
    }
}
