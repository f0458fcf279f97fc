//! The app's state: the round that is open (or why not), and the expert desk —
//! the workspace, the identity chosen for this session (its keys in memory only,
//! loaded from the keyring) and the package open at the desk.

use std::path::Path;
use std::sync::Mutex;

use reviewdesk_desk::{ChairDesk, ExpertDesk, Now};
use reviewdesk_io::{load_round, LoadedRound};
use reviewdesk_ipc::{ErrorCode, IpcError};
use reviewdesk_keys::Identity;
use reviewdesk_workspace::Workspace;

/// The expert desk's session.
#[derive(Default)]
pub struct ExpertSession {
    /// The workspace, opened on first use.
    pub workspace: Option<Workspace>,
    /// The identity chosen, loaded from the keyring.
    pub identity: Option<Identity>,
    /// The package open at the desk.
    pub desk: Option<ExpertDesk>,
}

impl ExpertSession {
    /// The workspace, opening it in the data directory on first use.
    pub fn workspace(&mut self) -> Result<&mut Workspace, IpcError> {
        if self.workspace.is_none() {
            self.workspace = Some(Workspace::open_default()?);
        }
        Ok(self.workspace.as_mut().expect("just opened"))
    }

    /// The identity, or `no_identity`.
    pub fn identity(&self) -> Result<&Identity, IpcError> {
        self.identity.as_ref().ok_or_else(|| {
            IpcError::new(ErrorCode::NoIdentity, "choose or create an identity first")
        })
    }
}

/// The chair desk's session: the package open at the chair desk (the workspace
/// and the identity are the expert session's).
#[derive(Default)]
pub struct ChairSession {
    /// The package open at the chair desk.
    pub desk: Option<ChairDesk>,
}

/// State shared by all commands.
pub struct AppState {
    /// The open round, or the error that kept it from opening (shown by the UI).
    pub round: Result<LoadedRound, IpcError>,
    /// The expert desk.
    pub expert: Mutex<ExpertSession>,
    /// The chair desk (locked after `expert` when both are needed).
    pub chair: Mutex<ChairSession>,
}

impl AppState {
    /// Loads the round in `dir`; a failure is kept for the UI to show.
    pub fn open(dir: &Path) -> Self {
        AppState {
            round: load_round(dir).map_err(IpcError::from),
            expert: Mutex::new(ExpertSession::default()),
            chair: Mutex::new(ChairSession::default()),
        }
    }
}

/// The clock, read once per command.
pub fn now() -> Now {
    let t = time::OffsetDateTime::now_utc();
    let at = t
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    // Chinese programs run on Beijing time (UTC+8) for deadlines and freshness.
    let local = t.to_offset(time::UtcOffset::from_hms(8, 0, 0).expect("valid offset"));
    let today = reviewdesk_core::Date::new(
        local.year(),
        u32::from(u8::from(local.month())),
        u32::from(local.day()),
    )
    .expect("a real date");
    Now { at, today }
}
