//! The home screen's views and the few small types every desk shares: a person's
//! role as an enum (never a string across the IPC), what a file dialog is for, and
//! the progress of long work.

use reviewdesk_keys::Role;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ChairPackageView, IdentityView, PackageView};

/// A person's role, as the key card states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RoleView {
    /// 评审专家.
    Expert,
    /// 评审组长.
    Chair,
    /// 主办单位.
    Organizer,
}

impl From<Role> for RoleView {
    fn from(r: Role) -> Self {
        match r {
            Role::Expert => RoleView::Expert,
            Role::Chair => RoleView::Chair,
            Role::Organizer => RoleView::Organizer,
        }
    }
}

impl From<RoleView> for Role {
    fn from(r: RoleView) -> Self {
        match r {
            RoleView::Expert => Role::Expert,
            RoleView::Chair => Role::Chair,
            RoleView::Organizer => Role::Organizer,
        }
    }
}

/// The desks of the app, in the order the home screen lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeskKind {
    /// 专家评审台.
    Expert,
    /// 组长汇总台.
    Chair,
    /// 主办单位工作台.
    Organizer,
}

/// The home screen: who can sign on this computer and the recent work of each desk.
/// Needs no round folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HomeView {
    /// The identities in the keyring's index (public data).
    pub identities: Vec<IdentityView>,
    /// The identity chosen for this session, if any.
    pub current: Option<IdentityView>,
    /// Packages imported at the expert desk, newest first.
    pub packages: Vec<PackageView>,
    /// Rounds opened at the chair desk, newest first.
    pub chair_rounds: Vec<ChairPackageView>,
    /// Round folders opened at the organizer desk, most recent first.
    pub organizer_rounds: Vec<OrganizerRoundView>,
    /// Whether the bundled demo round was found (resources of an installed app, or the
    /// source tree of a development build).
    pub demo_available: bool,
    /// Why the recent work could not be read (the workspace failed), if it could not.
    pub workspace_problem: Option<crate::IpcError>,
}

/// A round folder the organizer opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OrganizerRoundView {
    /// The folder.
    pub dir: String,
    /// The round's id.
    pub round: String,
    /// Its title in Chinese.
    pub title: String,
    /// When it was last opened (RFC 3339 UTC).
    pub opened_at: String,
}

impl From<&reviewdesk_workspace::OrganizerRoundRecord> for OrganizerRoundView {
    fn from(r: &reviewdesk_workspace::OrganizerRoundRecord) -> Self {
        OrganizerRoundView {
            dir: r.dir.clone(),
            round: r.round.clone(),
            title: r.title.clone(),
            opened_at: r.opened_at.clone(),
        }
    }
}

/// What a native file dialog is asked for; the shell picks the title, the filters
/// and whether it opens, saves or chooses a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PickKind {
    /// Open a sealed package (`.rdpkg`).
    Package,
    /// Open one or more score sheets (`.rdsheet`).
    Sheets,
    /// Choose a folder of score sheets.
    SheetFolder,
    /// Open a key backup.
    Backup,
    /// Save a key card (`.card`).
    SaveCard,
    /// Save a result bundle (`.rdbundle`).
    SaveBundle,
    /// Choose the folder a signed sheet and its PDF are written to.
    OutputFolder,
    /// Open a round folder.
    RoundFolder,
    /// Open an applicant spreadsheet (.xlsx, .xls, .ods, .csv).
    Spreadsheet,
    /// Choose a folder of material files.
    MaterialFolder,
    /// Choose the (empty) folder the sealed packages and the hand-out list go to.
    SealFolder,
    /// Open the expert list spreadsheet (.xlsx, .xls, .ods, .csv).
    ExpertList,
    /// Open one or more key cards (`.card`).
    Cards,
    /// Open one key card (`.card`), e.g. a substitute expert's.
    Card,
    /// Choose a folder of key cards.
    CardFolder,
    /// Open the chair's result bundle (`.rdbundle`).
    Bundle,
    /// Choose the folder result reports are written to.
    ReportFolder,
    /// Open an objection's evidence files (any kind, several).
    Evidence,
    /// Save the publication archive (`.rdarchive`).
    SaveArchive,
    /// Open a final publication archive (`.rdarchive`).
    Archive,
    /// Save a spreadsheet (`.xlsx`).
    SaveXlsx,
    /// Save a PDF.
    SavePdf,
    /// Save the register's checkpoint (`.rdcheckpoint`).
    SaveCheckpoint,
    /// Open a register checkpoint (`.rdcheckpoint`).
    Checkpoint,
    /// Open a year of the holiday calendar (`.toml`).
    CalendarYear,
    /// Open the chair's re-check request (`.rdrecheck`).
    Recheck,
    /// Save a re-check request for an expert (`.rdrecheck`).
    SaveRecheck,
}

/// Long work reported while it runs: the `progress` event's payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProgressView {
    /// What is being done (a command name, e.g. `package_import`); the UI words it.
    pub task: String,
    /// `true` while it runs; `false` once it has ended (done or failed).
    pub running: bool,
    /// Whether the `cancel` command can stop it with nothing left behind.
    pub cancellable: bool,
    /// Bytes or items done, when known (below 2^53, a JavaScript number).
    #[ts(type = "number | null")]
    pub done: Option<u64>,
    /// Bytes or items in all, when known.
    #[ts(type = "number | null")]
    pub total: Option<u64>,
}
