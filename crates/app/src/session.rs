//! [`Session`]: the state every desk shares, and the home screen.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use reviewdesk_desk::{ChairDesk, ExpertDesk, Now};
use reviewdesk_io::{load_round, LoadedRound};
use reviewdesk_ipc::{
    ChairPackageView, ErrorCode, HomeView, IdentityView, IpcError, OrganizerRoundView, PackageView,
    RoundOverview,
};
use reviewdesk_keys::{Identity, Keystore};
use reviewdesk_workspace::Workspace;

/// Where the time comes from: [`Now::system`] in the app, a fixed instant in tests.
pub type Clock = Arc<dyn Fn() -> Now + Send + Sync>;

/// Where a session keeps its data; `None` everywhere is the user's own.
#[derive(Default, Clone)]
pub struct SessionConfig {
    /// The workspace folder (default: the user's data directory).
    pub workspace_dir: Option<PathBuf>,
    /// The keyring's public index of identities (default: the user's data directory).
    pub identity_index: Option<PathBuf>,
    /// The bundled demo round, when the shell found it.
    pub demo_round: Option<PathBuf>,
    /// The clock (default: the system clock).
    pub clock: Option<Clock>,
}

/// The app's state between commands.
pub struct Session {
    config: SessionConfig,
    clock: Clock,
    workspace: Option<Workspace>,
    pub(crate) identity: Option<Identity>,
    pub(crate) expert: Option<ExpertDesk>,
    pub(crate) chair: Option<ChairDesk>,
    /// The round folder open at the organizer desk.
    pub(crate) organizer: Option<PathBuf>,
    /// The chair's result bundle open at the organizer desk, verified.
    pub(crate) result_bundle: Option<crate::result_bundle::OpenResult>,
    /// The advance list last made from that bundle (a stage being closed).
    pub(crate) advance: Option<reviewdesk_desk::AdvanceList>,
    round: Option<Result<LoadedRound, IpcError>>,
}

impl Session {
    /// A session with nothing open yet.
    pub fn new(config: SessionConfig) -> Self {
        let clock = config
            .clock
            .clone()
            .unwrap_or_else(|| Arc::new(Now::system));
        Session {
            config,
            clock,
            workspace: None,
            identity: None,
            expert: None,
            chair: None,
            organizer: None,
            result_bundle: None,
            advance: None,
            round: None,
        }
    }

    /// The time now.
    pub fn now(&self) -> Now {
        (self.clock)()
    }

    /// The workspace, opened on first use.
    pub fn workspace(&mut self) -> Result<&mut Workspace, IpcError> {
        if self.workspace.is_none() {
            let ws = match &self.config.workspace_dir {
                Some(dir) => Workspace::open(dir)?,
                None => Workspace::open_default()?,
            };
            self.workspace = Some(ws);
        }
        Ok(self.workspace.as_mut().expect("just opened"))
    }

    /// The open expert desk and the workspace, or `no_desk`.
    pub(crate) fn expert_parts(&mut self) -> Result<(&mut ExpertDesk, &mut Workspace), IpcError> {
        self.workspace()?;
        let desk = self
            .expert
            .as_mut()
            .ok_or_else(|| IpcError::new(ErrorCode::NoDesk, "no package is open"))?;
        Ok((desk, self.workspace.as_mut().expect("opened above")))
    }

    /// The open chair desk and the workspace, or `no_desk`.
    pub(crate) fn chair_parts(&mut self) -> Result<(&mut ChairDesk, &mut Workspace), IpcError> {
        self.workspace()?;
        let desk = self.chair.as_mut().ok_or_else(|| {
            IpcError::new(ErrorCode::NoDesk, "no package is open at the chair desk")
        })?;
        Ok((desk, self.workspace.as_mut().expect("opened above")))
    }

    /// The keyring with this session's index.
    pub(crate) fn keystore(&self) -> Result<Keystore, IpcError> {
        Ok(match &self.config.identity_index {
            Some(index) => Keystore::with_index(index.clone()),
            None => Keystore::open()?,
        })
    }

    /// The identity chosen, or `no_identity`.
    pub fn identity(&self) -> Result<&Identity, IpcError> {
        self.identity.as_ref().ok_or_else(|| {
            IpcError::new(ErrorCode::NoIdentity, "choose or create an identity first")
        })
    }

    /// Chooses an identity already loaded (e.g. from a backup): every desk's open
    /// work is closed, since it was opened with the keys of the one before.
    pub fn set_identity(&mut self, identity: Identity) {
        self.expert = None;
        self.chair = None;
        self.result_bundle = None;
        self.advance = None;
        self.identity = Some(identity);
    }

    /// The home screen: identities, the identity chosen, each desk's recent work.
    /// A workspace that cannot be opened still gives a home, with the reason.
    pub fn home(&mut self) -> Result<HomeView, IpcError> {
        let identities = self
            .keystore()?
            .list()?
            .iter()
            .map(IdentityView::from)
            .collect();
        let current = self
            .identity
            .as_ref()
            .map(|id| IdentityView::from(&id.summary()));
        let recent = (|| {
            let ws = self.workspace()?;
            let packages: Vec<PackageView> = ws.packages()?.iter().map(PackageView::from).collect();
            let chair: Vec<ChairPackageView> = ws
                .chair_packages()?
                .iter()
                .map(ChairPackageView::from)
                .collect();
            let organizer: Vec<OrganizerRoundView> = ws
                .organizer_rounds()?
                .iter()
                .map(OrganizerRoundView::from)
                .collect();
            Ok::<_, IpcError>((packages, chair, organizer))
        })();
        let (packages, chair_rounds, organizer_rounds, workspace_problem) = match recent {
            Ok((p, c, o)) => (p, c, o, None),
            Err(e) => (Vec::new(), Vec::new(), Vec::new(), Some(e)),
        };
        Ok(HomeView {
            identities,
            current,
            packages,
            chair_rounds,
            organizer_rounds,
            demo_available: self.config.demo_round.as_deref().is_some_and(Path::is_dir),
            workspace_problem,
        })
    }

    /// Opens a round folder for its overview.
    pub fn open_round(&mut self, dir: &Path) -> Result<RoundOverview, IpcError> {
        self.round = Some(load_round(dir).map_err(IpcError::from));
        self.round_overview()
    }

    /// Opens the bundled demo round.
    pub fn open_demo(&mut self) -> Result<RoundOverview, IpcError> {
        let dir = self.config.demo_round.clone().ok_or_else(|| {
            IpcError::new(
                ErrorCode::NoRound,
                "the bundled demo round was not found in the app's resources",
            )
        })?;
        self.open_round(&dir)
    }

    /// The overview of the round open, or `no_round`.
    pub fn round_overview(&self) -> Result<RoundOverview, IpcError> {
        match &self.round {
            Some(Ok(loaded)) => Ok(RoundOverview::from(loaded)),
            Some(Err(e)) => Err(e.clone()),
            None => Err(IpcError::new(ErrorCode::NoRound, "no round is open")),
        }
    }
}
