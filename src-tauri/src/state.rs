//! The app's state: one [`Session`] (workspace, identity, the work open at each
//! desk) behind a lock, and the way every command runs on it — off the UI thread.

use std::sync::atomic::{AtomicU64, Ordering};
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

    /// [`call`](Self::call) for long work: `progress` events (the task's name,
    /// running, and bytes done of the total when the work reports them, at most one
    /// per percent) from start to end, done or failed, so the UI shows what is
    /// being done and how far it is.
    pub async fn long<T, F>(&self, app: &AppHandle, task: &str, f: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Session, &(dyn Fn(u64, u64) + Sync)) -> Result<T, IpcError> + Send + 'static,
    {
        let reporter = Reporter {
            app: app.clone(),
            task: task.to_owned(),
            percent: AtomicU64::new(u64::MAX),
        };
        reporter.send(true, None, None);
        self.call(move |s| {
            let r = f(s, &|done, total| reporter.report(done, total));
            reporter.send(false, None, None);
            r
        })
        .await
    }
}

/// Sends one task's `progress` events.
struct Reporter {
    app: AppHandle,
    task: String,
    /// The last percent sent (`u64::MAX`: none yet).
    percent: AtomicU64,
}

impl Reporter {
    fn send(&self, running: bool, done: Option<u64>, total: Option<u64>) {
        let _ = self.app.emit(
            "progress",
            ProgressView {
                task: self.task.clone(),
                running,
                done,
                total,
            },
        );
    }

    /// Bytes `done` of `total`: sent when the whole percent changes.
    fn report(&self, done: u64, total: u64) {
        let percent = done.saturating_mul(100).checked_div(total).unwrap_or(0);
        if self.percent.swap(percent, Ordering::Relaxed) != percent {
            self.send(true, Some(done), Some(total));
        }
    }
}
