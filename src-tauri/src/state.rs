//! The app's state: one [`Session`] (workspace, identity, the work open at each
//! desk) behind a lock, and the way every command runs on it — off the UI thread.

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use reviewdesk_app::Session;
use reviewdesk_ipc::{ErrorCode, IpcError, ProgressView};
use tauri::{AppHandle, Emitter};

/// A long task's progress callback: bytes `done` of `total`; `Break` to stop.
pub use reviewdesk_app::Progress;

/// State shared by all commands.
pub struct AppState {
    session: Arc<Mutex<Session>>,
    /// Set by the `cancel` command (which never waits for the session's lock);
    /// cleared when long work starts.
    cancel: Arc<AtomicBool>,
}

impl AppState {
    /// The state around a session.
    pub fn new(session: Session) -> Self {
        AppState {
            session: Arc::new(Mutex::new(session)),
            cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Asks the long work running now to stop (where it can with nothing left behind).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
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
    /// running, whether it can be cancelled, and bytes done of the total when the
    /// work reports them, at most one per percent) from start to end, done or
    /// failed, so the UI shows what is being done and how far it is. The work's
    /// progress callback answers `Break` once [`cancel`](Self::cancel) was asked
    /// (`cancellable` work only).
    pub async fn long<T, F>(
        &self,
        app: &AppHandle,
        task: &str,
        cancellable: bool,
        f: F,
    ) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Session, Progress<'_>) -> Result<T, IpcError> + Send + 'static,
    {
        self.cancel.store(false, Ordering::Relaxed);
        let reporter = Reporter {
            app: app.clone(),
            task: task.to_owned(),
            cancellable,
            cancel: Arc::clone(&self.cancel),
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

/// Sends one task's `progress` events and answers whether to go on.
struct Reporter {
    app: AppHandle,
    task: String,
    cancellable: bool,
    cancel: Arc<AtomicBool>,
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
                cancellable: self.cancellable,
                done,
                total,
            },
        );
    }

    /// Bytes `done` of `total`: sent when the whole percent changes; `Break` once
    /// the user asked to stop.
    fn report(&self, done: u64, total: u64) -> ControlFlow<()> {
        let percent = done.saturating_mul(100).checked_div(total).unwrap_or(0);
        if self.percent.swap(percent, Ordering::Relaxed) != percent {
            self.send(true, Some(done), Some(total));
        }
        if self.cancellable && self.cancel.load(Ordering::Relaxed) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }
}
