//! The one IPC error: `{code, message}`. The UI branches on `code`, never on the message.

use reviewdesk_desk::publication::{PublicationCode, PublicationError};
use std::collections::BTreeMap;
use std::path::Path;

use reviewdesk_core::{Lang, ReviewCode, StageCode};
use reviewdesk_desk::{DeskCode, DeskError};
use reviewdesk_formats::FormatCode;
use reviewdesk_io::{ImportCode, ImportError, LoadCode, LoadError, SheetCode, SheetError};
use reviewdesk_keys::{KeyCode, KeyError};
use reviewdesk_workspace::{WorkspaceCode, WorkspaceError};
use serde::Serialize;
use ts_rs::TS;

/// Stable, machine-readable error codes. Serialized in `snake_case`; the JSON of
/// every variant is pinned by a test, because the UI depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// A file or folder could not be read.
    NotReadable,
    /// A file is not well-formed (syntax, missing or unknown fields).
    Malformed,
    /// A file is well-formed but its content is inconsistent.
    Invalid,
    /// A referenced template is not known.
    UnknownTemplate,
    /// A material is missing or unacceptable.
    BadMaterial,
    /// No round is open.
    NoRound,
    /// A bug: something that should not happen.
    Internal,
    /// No usable keyring (no Secret Service, or locked).
    NoKeyring,
    /// The keyring failed or holds something unreadable.
    KeyringError,
    /// No identity of that name in the keyring.
    UnknownIdentity,
    /// An identity of that name exists already.
    NameTaken,
    /// A name that cannot be used (empty, too long, control characters).
    BadName,
    /// The backup's passphrase is wrong.
    WrongPassphrase,
    /// Not a ReviewDesk key backup.
    NotABackup,
    /// An empty passphrase.
    EmptyPassphrase,
    /// Not a ReviewDesk package (or another version of one).
    NotAPackage,
    /// A signature or hash does not hold: the file was changed.
    Tampered,
    /// The package is not encrypted to this identity, or it is not an expert of it.
    NotForYou,
    /// First package from this organizer: confirm its key (details: organizer, fingerprint).
    OrganizerNotPinned,
    /// Signed by another key than the one pinned (details: organizer, pinned, presented).
    OrganizerChanged,
    /// The confirmed fingerprint is not the signer's.
    TrustMismatch,
    /// The round's deadline has passed.
    Expired,
    /// A package of a round already held at an equal or higher revision (details:
    /// `round`, `offered`, `held`).
    StalePackage,
    /// No stage to close: the stage named is not followed by another, or every
    /// later stage is open already.
    NothingToClose,
    /// The stage cannot be closed: applicants are short of quorum (details:
    /// `applicants`); a substitute expert is needed first.
    StageIncomplete,
    /// The result bundle is of another round.
    OtherRound,
    /// The result bundle records no drawn sample.
    NoDraw,
    /// A substitute expert that cannot be added (id taken, no or unknown applicant).
    BadSubstitute,
    /// The substitute has a conflict of interest with an applicant it would review.
    SubstituteConflict,
    /// The package is in the workspace already.
    AlreadyImported,
    /// The workspace database failed, is corrupt or too new.
    Workspace,
    /// A file could not be written.
    NotWritable,
    /// Sealing into a folder that is not empty.
    OutputNotEmpty,
    /// Sealing a round that something still blocks (the sealing check).
    NotSealable,
    /// No identity is chosen.
    NoIdentity,
    /// No package is open at the desk.
    NoDesk,
    /// The pledge must be accepted first.
    PledgeFirst,
    /// Declare conflicts of interest for the applicant first.
    DeclareFirst,
    /// Recused from the applicant.
    Recused,
    /// An upheld request locks the recusal.
    RecusalLocked,
    /// A recusal for another reason needs a note.
    NoteRequired,
    /// The stage does not apply to this applicant.
    StageClosed,
    /// Not assigned to this expert.
    NotAssigned,
    /// Above the maximum or negative.
    OutOfRange,
    /// Not a multiple of the step.
    OffStep,
    /// Below the low-score threshold without a reason.
    ReasonRequired,
    /// Not a number.
    NotANumber,
    /// A veto without a reason.
    VetoReasonRequired,
    /// Some applicants have no declaration yet.
    MissingDeclarations,
    /// Scores exist for an applicant being recused.
    ScoredBeforeRecusal,
    /// A recusal once declared cannot be withdrawn or changed.
    RecusalFinal,
    /// An entry the template does not have.
    BadEntry,
    /// The printed sheet could not be made.
    PrintFailed,
    /// The identity is not the chair of this package.
    NotTheChair,
    /// A sheet older than the one already in force for its expert.
    StaleRevision,
    /// The same sheet again.
    DuplicateSheet,
    /// A sheet signed by someone outside the package's roster.
    OutsideRoster,
    /// A sheet for another package.
    OtherPackage,
    /// A sheet with a score, verdict or veto for an applicant its expert is recused from.
    RecusedScore,
    /// Not a score sheet (or not readable as one).
    NotASheet,
    /// No sheet has been accepted yet.
    NoSheets,
    /// The rules refuse the merged scores.
    ComputeRefused,
    /// The draw's announced value is missing, empty or has no use.
    BadDraw,
    /// The opinions do not fit the round (e.g. a dissent by someone who does not review the applicant).
    BadOpinions,
    /// No home or data directory for this user.
    NoDataDir,
    /// The operating system's random number generator failed.
    NoRandomness,
    /// The identity is listed but the keyring holds no private key for it.
    NotInKeyring,
    /// The package is not in the workspace.
    UnknownPackage,
    /// The workspace's audit log does not chain: it was changed outside ReviewDesk.
    AuditBroken,
    /// The workspace was written by a newer ReviewDesk.
    WorkspaceTooNew,
    /// A value the file format does not allow (over a size limit, a bad name).
    Unwritable,
    /// The round folder's key cards are missing, extra or do not fit the round (details: person, path).
    BadCards,
    /// The signing key is not the one on the organizer's card.
    WrongSigningKey,
    /// No panel expert of that id, or their own package cannot be made (details: person).
    BadExpert,
    /// An identity file holds no usable identity.
    BadIdentity,
    /// A score sheet is checked against its package: the package is needed.
    NeedsPackage,
    /// An encrypted sheet or bundle needs an identity to be read.
    NeedsIdentity,
    /// A package's round or template, or a result bundle's entry, does not read or fit the round.
    BadContent,
    /// Some sheet files were refused for a reason that stops the merge: nothing was merged.
    SheetsRefused,
    /// A result bundle records other values than its signed sheets, round and template give (details: entry).
    RecomputeMismatch,
    /// The user stopped long work before it finished; nothing was kept.
    Cancelled,
    /// Not an applicant spreadsheet (.xlsx, .xls, .ods or .csv).
    UnsupportedSheet,
    /// The workbook is damaged or not what its name says.
    BadWorkbook,
    /// The workbook has no sheet of that name.
    NoSuchSheet,
    /// A CSV that is neither UTF-8 nor GBK/GB18030, or has bytes that are not text.
    BadEncoding,
    /// The spreadsheet has errors: nothing was imported.
    SheetHasErrors,
    /// round.toml changed while it was being edited: nothing was written.
    RoundChanged,
    /// No assignment of experts can be made (a shortage, or an input refused).
    AssignRefused,
    /// A round folder already has a round.toml.
    RoundExists,
    /// An eligibility check that cannot be recorded (unknown applicant or item, an
    /// unmet condition without a reason …): nothing was written.
    EligibilityRefused,
    /// A conflict dismissal or a recusal request or ruling the rules refuse
    /// (`detail` says why: `no_conflict`, `duplicate_pending`, `empty_reason`, …).
    DecisionRefused,
    /// A publication step the register refuses (`detail`: `unknown_applicant`,
    /// `unknown_objection`, `not_admitted`, `already_ruled`, `amend_refused`,
    /// `bundle_mismatch`, `calendar`): nothing was written.
    PublicationRefused,
    /// No public notice has been published yet.
    NoNotice,
    /// The notice period is not over (`details.end`).
    NoticeRunning,
    /// Admitted objections wait for a ruling (`details.objections`).
    ObjectionsOpen,
    /// An amendment changed the list after the last notice: a new notice first.
    NewNoticeRequired,
    /// The final list is already published.
    AlreadyPublished,
    /// A calendar year file does not validate (`details.field`: the first
    /// problem's path; the message lists every problem).
    CalendarYearInvalid,
    /// Another calendar file for the year was imported before: replace it
    /// explicitly.
    CalendarYearExists,
    /// A flag of the chair's re-check request has no justification yet: the sheet cannot be signed (details: `cells`).
    RecheckUnanswered,
    /// A justification's answer does not fit the value: `kept` but the score changed, or `changed` but it did not.
    JustificationMismatch,
    /// No re-check request flags that cell (or, at the chair, the expert has no divergence flag there).
    NotFlagged,
    /// A justification without text (or over 2,000 characters).
    JustificationRequired,
    /// A re-check request for another expert.
    RecheckOtherExpert,
    /// A re-check request older than, or the same as, one already imported.
    StaleRecheck,
    /// Nothing to put in a re-check request: no re-check recorded for the expert.
    NoRechecks,
    /// A re-check request not signed by this package's chair.
    NotFromTheChair,
    /// Not a re-check request (or another version of one).
    NotARecheck,
    /// A sheet's audit log is missing, out of order, or does not give the sheet's
    /// values (`details.detail`: `audit_missing`, `audit_malformed`,
    /// `audit_package`, `audit_order`, `audit_values`; `line`: the log's line).
    AuditViolation,
    /// The file is empty (0 bytes).
    EmptyFile,
    /// A ReviewDesk file of another kind than the step takes (a score sheet given
    /// where a package is wanted).
    WrongFileKind,
}

impl ErrorCode {
    /// Every code, in declaration order (the pinning test checks that none is
    /// missing).
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::NotReadable,
        ErrorCode::Malformed,
        ErrorCode::Invalid,
        ErrorCode::UnknownTemplate,
        ErrorCode::BadMaterial,
        ErrorCode::NoRound,
        ErrorCode::Internal,
        ErrorCode::NoKeyring,
        ErrorCode::KeyringError,
        ErrorCode::UnknownIdentity,
        ErrorCode::NameTaken,
        ErrorCode::BadName,
        ErrorCode::WrongPassphrase,
        ErrorCode::NotABackup,
        ErrorCode::EmptyPassphrase,
        ErrorCode::NotAPackage,
        ErrorCode::Tampered,
        ErrorCode::NotForYou,
        ErrorCode::OrganizerNotPinned,
        ErrorCode::OrganizerChanged,
        ErrorCode::TrustMismatch,
        ErrorCode::Expired,
        ErrorCode::StalePackage,
        ErrorCode::NothingToClose,
        ErrorCode::StageIncomplete,
        ErrorCode::OtherRound,
        ErrorCode::NoDraw,
        ErrorCode::BadSubstitute,
        ErrorCode::SubstituteConflict,
        ErrorCode::AlreadyImported,
        ErrorCode::Workspace,
        ErrorCode::NotWritable,
        ErrorCode::OutputNotEmpty,
        ErrorCode::NotSealable,
        ErrorCode::NoIdentity,
        ErrorCode::NoDesk,
        ErrorCode::PledgeFirst,
        ErrorCode::DeclareFirst,
        ErrorCode::Recused,
        ErrorCode::RecusalLocked,
        ErrorCode::NoteRequired,
        ErrorCode::StageClosed,
        ErrorCode::NotAssigned,
        ErrorCode::OutOfRange,
        ErrorCode::OffStep,
        ErrorCode::ReasonRequired,
        ErrorCode::NotANumber,
        ErrorCode::VetoReasonRequired,
        ErrorCode::MissingDeclarations,
        ErrorCode::ScoredBeforeRecusal,
        ErrorCode::RecusalFinal,
        ErrorCode::BadEntry,
        ErrorCode::PrintFailed,
        ErrorCode::NotTheChair,
        ErrorCode::StaleRevision,
        ErrorCode::DuplicateSheet,
        ErrorCode::OutsideRoster,
        ErrorCode::OtherPackage,
        ErrorCode::RecusedScore,
        ErrorCode::NotASheet,
        ErrorCode::NoSheets,
        ErrorCode::ComputeRefused,
        ErrorCode::BadDraw,
        ErrorCode::BadOpinions,
        ErrorCode::NoDataDir,
        ErrorCode::NoRandomness,
        ErrorCode::NotInKeyring,
        ErrorCode::UnknownPackage,
        ErrorCode::AuditBroken,
        ErrorCode::WorkspaceTooNew,
        ErrorCode::Unwritable,
        ErrorCode::BadCards,
        ErrorCode::WrongSigningKey,
        ErrorCode::BadExpert,
        ErrorCode::BadIdentity,
        ErrorCode::NeedsPackage,
        ErrorCode::NeedsIdentity,
        ErrorCode::BadContent,
        ErrorCode::SheetsRefused,
        ErrorCode::RecomputeMismatch,
        ErrorCode::Cancelled,
        ErrorCode::UnsupportedSheet,
        ErrorCode::BadWorkbook,
        ErrorCode::NoSuchSheet,
        ErrorCode::BadEncoding,
        ErrorCode::SheetHasErrors,
        ErrorCode::RoundChanged,
        ErrorCode::AssignRefused,
        ErrorCode::RoundExists,
        ErrorCode::EligibilityRefused,
        ErrorCode::DecisionRefused,
        ErrorCode::PublicationRefused,
        ErrorCode::NoNotice,
        ErrorCode::NoticeRunning,
        ErrorCode::ObjectionsOpen,
        ErrorCode::NewNoticeRequired,
        ErrorCode::AlreadyPublished,
        ErrorCode::CalendarYearInvalid,
        ErrorCode::CalendarYearExists,
        ErrorCode::RecheckUnanswered,
        ErrorCode::JustificationMismatch,
        ErrorCode::NotFlagged,
        ErrorCode::JustificationRequired,
        ErrorCode::RecheckOtherExpert,
        ErrorCode::StaleRecheck,
        ErrorCode::NoRechecks,
        ErrorCode::NotFromTheChair,
        ErrorCode::NotARecheck,
        ErrorCode::AuditViolation,
        ErrorCode::EmptyFile,
        ErrorCode::WrongFileKind,
    ];
}

/// The error every command returns to the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    /// What kind of failure, for the UI to choose a screen.
    pub code: ErrorCode,
    /// A human-readable description in English: what is wrong, where and what to
    /// do (the library error's `message(Lang::En)`).
    pub message: String,
    /// The same in Chinese (the library error's `message(Lang::ZhCn)`), for the
    /// Chinese UI; for the shell's own errors, which have no Chinese text, the
    /// English one.
    pub message_zh: String,
    /// Facts the UI shows beside its own words, e.g. `organizer`, `pinned`,
    /// `presented` fingerprints; `detail` is the library's own code; `path`,
    /// `entry`, `person`, `field` and `line` locate the error when it names them.
    pub details: BTreeMap<String, String>,
}

impl IpcError {
    /// An error with a code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        let message = message.into();
        IpcError {
            code,
            message_zh: message.clone(),
            message,
            details: BTreeMap::new(),
        }
    }

    /// An error with its English and Chinese messages.
    pub fn bilingual(code: ErrorCode, en: impl Into<String>, zh: impl Into<String>) -> Self {
        IpcError {
            message_zh: zh.into(),
            ..IpcError::new(code, en)
        }
    }

    /// Adds a detail.
    pub fn with(mut self, key: &str, value: impl Into<String>) -> Self {
        self.details.insert(key.to_owned(), value.into());
        self
    }
}

/// The UI's code for a format error's code, where the file is a package (or a key
/// card, a backup, a bundle): exhaustive, so a new library code does not compile
/// until it is given one.
fn format_code(code: FormatCode) -> ErrorCode {
    use ErrorCode as C;
    use FormatCode as F;
    match code {
        F::BadMagic | F::UnsupportedVersion => C::NotAPackage,
        F::Truncated
        | F::TrailingData
        | F::TooLarge
        | F::DuplicateEntry
        | F::MissingSignature
        | F::BadSignatureEncoding
        | F::UnsupportedKey
        | F::WrongNamespace
        | F::BadSignature
        | F::SignerMismatch
        | F::HashMismatch
        | F::IndexMismatch
        | F::BadAgeHeader
        | F::TooManyStanzas
        | F::DecryptFailed
        | F::NotBound
        | F::AuditMismatch => C::Tampered,
        F::Malformed | F::BadName => C::Malformed,
        F::UnknownSigner => C::OrganizerChanged,
        F::NotARecipient => C::NotForYou,
        F::StaleRevision => C::StaleRevision,
        F::NoSuchEntry => C::BadEntry,
        F::Unwritable => C::Unwritable,
        F::Io => C::NotReadable,
    }
}

/// The UI's code for a round folder's load error.
fn load_code(code: LoadCode) -> ErrorCode {
    match code {
        LoadCode::NotReadable => ErrorCode::NotReadable,
        LoadCode::Malformed => ErrorCode::Malformed,
        LoadCode::Invalid => ErrorCode::Invalid,
        LoadCode::UnknownTemplate => ErrorCode::UnknownTemplate,
        LoadCode::BadMaterial => ErrorCode::BadMaterial,
    }
}

/// The UI's code for a spreadsheet reader's error.
fn sheet_code_of(code: SheetCode) -> ErrorCode {
    match code {
        SheetCode::Read => ErrorCode::NotReadable,
        SheetCode::Unsupported => ErrorCode::UnsupportedSheet,
        SheetCode::Workbook => ErrorCode::BadWorkbook,
        SheetCode::NoSuchSheet => ErrorCode::NoSuchSheet,
        SheetCode::Encoding | SheetCode::Undecodable => ErrorCode::BadEncoding,
        SheetCode::Csv => ErrorCode::Malformed,
    }
}

/// The UI's code for an applicant import's error.
fn import_code(code: ImportCode) -> ErrorCode {
    match code {
        ImportCode::Round(l) => load_code(l),
        ImportCode::Sheet(s) => sheet_code_of(s),
        ImportCode::HasErrors => ErrorCode::SheetHasErrors,
        ImportCode::RoundChanged => ErrorCode::RoundChanged,
        ImportCode::NotWritable => ErrorCode::NotWritable,
        ImportCode::AssignRefused => ErrorCode::AssignRefused,
        ImportCode::RoundExists => ErrorCode::RoundExists,
        ImportCode::EligibilityRefused => ErrorCode::EligibilityRefused,
        ImportCode::DecisionRefused => ErrorCode::DecisionRefused,
    }
}

/// The UI's code for an identity store's error.
fn key_code(code: KeyCode) -> ErrorCode {
    use ErrorCode as C;
    use KeyCode as K;
    match code {
        K::NoKeyring => C::NoKeyring,
        K::Keyring | K::Corrupt | K::Index => C::KeyringError,
        K::NotInKeyring => C::NotInKeyring,
        K::UnknownName => C::UnknownIdentity,
        K::NameTaken => C::NameTaken,
        K::BadName => C::BadName,
        K::NoDataDir => C::NoDataDir,
        K::Random => C::NoRandomness,
        K::WrongPassphrase => C::WrongPassphrase,
        K::NotABackup => C::NotABackup,
        K::EmptyPassphrase => C::EmptyPassphrase,
        K::Format(f) => format_code(f),
    }
}

/// The UI's code for a workspace error.
fn workspace_code(code: WorkspaceCode) -> ErrorCode {
    use ErrorCode as C;
    use WorkspaceCode as W;
    match code {
        W::NoDataDir => C::NoDataDir,
        W::Io => C::NotReadable,
        W::Db | W::Corrupt => C::Workspace,
        W::TooNew => C::WorkspaceTooNew,
        W::UnknownPackage => C::UnknownPackage,
        W::AlreadyImported => C::AlreadyImported,
        W::AuditBroken | W::LedgerBroken => C::AuditBroken,
        W::BadRegisterEntry => C::Invalid,
        W::CalendarYearExists => C::CalendarYearExists,
    }
}

/// The UI's code for a refusal by the review rules.
fn review_code(code: ReviewCode) -> ErrorCode {
    use ErrorCode as C;
    use ReviewCode as R;
    match code {
        R::NotOnPanel => C::NotForYou,
        R::NotAssigned => C::NotAssigned,
        R::PledgeFirst => C::PledgeFirst,
        R::DeclareFirst => C::DeclareFirst,
        R::Recused => C::Recused,
        R::RecusalLocked => C::RecusalLocked,
        R::NoteRequired => C::NoteRequired,
        R::StageClosed => C::StageClosed,
        R::UnknownStage | R::UnknownIndicator | R::WrongStageKind | R::NotVeto | R::BadScore => {
            C::BadEntry
        }
        R::VetoReasonRequired => C::VetoReasonRequired,
        R::OutOfRange => C::OutOfRange,
        R::OffStep => C::OffStep,
        R::ReasonRequired => C::ReasonRequired,
        R::MissingDeclarations => C::MissingDeclarations,
        R::RecheckUnanswered => C::RecheckUnanswered,
        R::JustificationMismatch => C::JustificationMismatch,
        R::NotFlagged => C::NotFlagged,
        R::JustificationRequired => C::JustificationRequired,
    }
}

/// The UI's code for a stage-by-stage refusal (closing a stage, a sample, a
/// substitute).
fn stage_code(code: StageCode) -> ErrorCode {
    use ErrorCode as C;
    use StageCode as S;
    match code {
        S::NotClosable | S::NothingToClose => C::NothingToClose,
        S::StageIncomplete => C::StageIncomplete,
        S::OtherRound => C::OtherRound,
        S::NoDraw => C::NoDraw,
        S::BadSubstitute => C::BadSubstitute,
        S::SubstituteConflict => C::SubstituteConflict,
    }
}

/// The UI's code for a desk error (a wrapped error's by its own crate's mapping).
fn desk_code(code: DeskCode) -> ErrorCode {
    use DeskCode as D;
    use ErrorCode as C;
    match code {
        D::Load(l) => load_code(l),
        D::Format(f) => format_code(f),
        D::Workspace(w) => workspace_code(w),
        D::Review(r) => review_code(r),
        D::NotReadable => C::NotReadable,
        D::NotWritable => C::NotWritable,
        D::OutputNotEmpty => C::OutputNotEmpty,
        D::BadCards => C::BadCards,
        D::WrongSigningKey => C::WrongSigningKey,
        D::BadExpert => C::BadExpert,
        D::CardMismatch => C::Tampered,
        D::UntrustedOrganizer => C::OrganizerChanged,
        D::NotAnExpert => C::NotForYou,
        D::BadScores | D::Malformed => C::Malformed,
        D::ReportFailed | D::PrintFailed => C::PrintFailed,
        D::BadIdentity => C::BadIdentity,
        D::UnknownFileKind => C::NotAPackage,
        D::EmptyFile => C::EmptyFile,
        D::WrongFileKind => C::WrongFileKind,
        D::NeedsPackage => C::NeedsPackage,
        D::NeedsIdentity => C::NeedsIdentity,
        D::OrganizerChanged => C::OrganizerChanged,
        D::OrganizerNotPinned => C::OrganizerNotPinned,
        D::TrustMismatch => C::TrustMismatch,
        D::Expired => C::Expired,
        D::StalePackage => C::StalePackage,
        D::Round(i) => import_code(i),
        D::Stage(s) => stage_code(s),
        D::ScoredBeforeRecusal => C::ScoredBeforeRecusal,
        D::RecusalFinal => C::RecusalFinal,
        D::NotTheChair => C::NotTheChair,
        D::BadContent => C::BadContent,
        D::PartExpertMismatch => C::OutsideRoster,
        D::RecusedScore => C::RecusedScore,
        D::Audit(_) => C::AuditViolation,
        D::DuplicateSheet => C::DuplicateSheet,
        D::SheetsRefused => C::SheetsRefused,
        D::NoSheets => C::NoSheets,
        D::ComputeRefused => C::ComputeRefused,
        D::BadDraw => C::BadDraw,
        D::BadOpinions => C::BadOpinions,
        D::RecomputeMismatch => C::RecomputeMismatch,
        D::Cancelled => C::Cancelled,
        D::CalendarYearInvalid => C::CalendarYearInvalid,
        D::RecheckOtherExpert => C::RecheckOtherExpert,
        D::StaleRecheck => C::StaleRecheck,
        D::NoRechecks => C::NoRechecks,
    }
}

/// The UI code of a re-check request's refusal at the expert desk: `unknown_signer`
/// is a request not signed by the package's chair (not a changed organizer key),
/// `not_bound` another package or round, a bad format line not a request. Every
/// other code is [`desk_code`]'s.
pub(crate) fn recheck_code(code: DeskCode) -> ErrorCode {
    use DeskCode as D;
    use FormatCode as F;
    match code {
        D::Format(F::UnknownSigner) => ErrorCode::NotFromTheChair,
        D::Format(F::NotBound) => ErrorCode::OtherPackage,
        D::Format(F::BadMagic | F::BadAgeHeader | F::UnsupportedVersion) => ErrorCode::NotARecheck,
        other => desk_code(other),
    }
}

/// The UI code of a sheet's refusal at the chair desk: where a code means
/// something else for a sheet than for a package (`unknown_signer`: the signer is
/// not on the roster, not a changed organizer key; `not_bound`: another package;
/// not a sheet rather than not a package). Every other code is [`desk_code`]'s.
pub(crate) fn sheet_code(code: DeskCode) -> ErrorCode {
    use DeskCode as D;
    use FormatCode as F;
    match code {
        D::Format(F::UnknownSigner) => ErrorCode::OutsideRoster,
        D::Format(F::NotBound) => ErrorCode::OtherPackage,
        D::Format(F::BadMagic | F::BadAgeHeader | F::UnsupportedVersion) | D::UnknownFileKind => {
            ErrorCode::NotASheet
        }
        other => desk_code(other),
    }
}

/// Adds the facts that locate an error, when it names them.
fn locate(
    mut err: IpcError,
    path: Option<&Path>,
    entry: Option<&str>,
    person: Option<&str>,
    field: Option<&str>,
    line: Option<usize>,
) -> IpcError {
    if let Some(path) = path {
        err = err.with("path", path.display().to_string());
    }
    if let Some(entry) = entry {
        err = err.with("entry", entry);
    }
    if let Some(person) = person {
        err = err.with("person", person);
    }
    if let Some(field) = field {
        err = err.with("field", field);
    }
    if let Some(line) = line {
        err = err.with("line", line.to_string());
    }
    err
}

impl IpcError {
    /// A desk error under `code`, with its details: `detail` (the library's code),
    /// what locates it (`path`, `entry`, `person`, `field`, `line`) and the facts
    /// its screen shows.
    fn desk(code: ErrorCode, e: &DeskError) -> Self {
        let mut err = IpcError::bilingual(code, e.message(Lang::En), e.message(Lang::ZhCn))
            .with("detail", e.code().as_str());
        err = locate(err, e.path(), e.entry(), e.person(), e.field(), e.line());
        // The facts a screen shows beside its words (no code is decided here).
        if let DeskError::OrganizerChanged {
            organizer,
            pinned,
            presented,
        } = e
        {
            err = err
                .with("organizer", organizer.as_str())
                .with("pinned", pinned.as_str())
                .with("presented", presented.as_str());
        }
        if let DeskError::OrganizerNotPinned {
            organizer,
            fingerprint,
        } = e
        {
            err = err
                .with("organizer", organizer.as_str())
                .with("fingerprint", fingerprint.as_str());
        }
        if let DeskError::UntrustedOrganizer { expected, found } = e {
            err = err
                .with("pinned", expected.as_str())
                .with("presented", found.as_str());
        }
        if let DeskError::CalendarYear { problems, .. } = e {
            let lines = |lang| {
                problems
                    .iter()
                    .map(|p| p.message(lang))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            err = err
                .with("problems_zh", lines(reviewdesk_core::Lang::ZhCn))
                .with("problems_en", lines(reviewdesk_core::Lang::En));
        }
        if let DeskError::Expired { deadline } = e {
            err = err.with("deadline", deadline.as_str());
        }
        if let DeskError::Stage(reviewdesk_core::StageError::Incomplete { applicants, .. }) = e {
            err = err.with("applicants", applicants.join(", "));
        }
        if let DeskError::StalePackage {
            round,
            offered,
            held,
        } = e
        {
            err = err
                .with("round", round.as_str())
                .with("offered", offered.to_string())
                .with("held", held.to_string());
        }
        if let DeskError::Review(reviewdesk_core::ReviewProblem::MissingDeclarations(list)) = e {
            err = err.with("applicants", list.join(", "));
        }
        if let DeskError::Review(reviewdesk_core::ReviewProblem::RecheckUnanswered(cells)) = e {
            err = err.with("cells", cells.join(", "));
        }
        if let DeskError::StaleRecheck { offered, held } = e {
            err = err
                .with("offered", offered.to_string())
                .with("held", held.to_string());
        }
        err
    }

    /// A re-check request's refusal at the expert desk, coded by [`recheck_code`].
    pub fn recheck(e: &DeskError) -> Self {
        IpcError::desk(recheck_code(e.code()), e)
    }

    /// A sheet's (or the chair's result's) refusal at the chair desk, coded by
    /// [`sheet_code`].
    pub(crate) fn sheet(e: &DeskError) -> Self {
        IpcError::desk(sheet_code(e.code()), e)
    }
}

impl From<DeskError> for IpcError {
    fn from(e: DeskError) -> Self {
        IpcError::desk(desk_code(e.code()), &e)
    }
}

impl From<PublicationError> for IpcError {
    fn from(e: PublicationError) -> Self {
        use PublicationCode as P;
        let code = match e.code() {
            P::Desk(_) => {
                if let PublicationError::Desk(d) = e {
                    return d.into();
                }
                ErrorCode::Internal
            }
            P::LogBroken => ErrorCode::AuditBroken,
            P::BadInput => ErrorCode::Invalid,
            P::UnknownApplicant
            | P::UnknownObjection
            | P::NotAdmitted
            | P::AlreadyRuled
            | P::AmendRefused
            | P::BundleMismatch
            | P::Calendar => ErrorCode::PublicationRefused,
            P::NoNotice => ErrorCode::NoNotice,
            P::NoticeRunning => ErrorCode::NoticeRunning,
            P::ObjectionsOpen => ErrorCode::ObjectionsOpen,
            P::NewNoticeRequired => ErrorCode::NewNoticeRequired,
            P::AlreadyPublished => ErrorCode::AlreadyPublished,
            P::NotTheOrganizer => ErrorCode::TrustMismatch,
            P::BadArchive => ErrorCode::Malformed,
            P::RecomputeMismatch => ErrorCode::RecomputeMismatch,
        };
        let mut err = IpcError::bilingual(code, e.message(Lang::En), e.message(Lang::ZhCn))
            .with("detail", e.code().as_str());
        match &e {
            PublicationError::NoticeRunning { end } => err = err.with("end", end.to_string()),
            PublicationError::ObjectionsOpen(list) => err = err.with("objections", list.join(", ")),
            PublicationError::NotTheOrganizer { expected, found } => {
                err = err
                    .with("pinned", expected.as_str())
                    .with("presented", found.as_str())
            }
            _ => {}
        }
        err
    }
}

impl From<reviewdesk_desk::register::RegisterError> for IpcError {
    /// The register's refusals of an input (no such program, cause, grade, unit or
    /// proposal; a field missing; an assessment without its year) are `invalid`,
    /// a checkpoint that does not read is `malformed`, with the register's own
    /// code in `detail`; the wrapped workspace, publication, desk and load errors
    /// keep their mappings.
    fn from(e: reviewdesk_desk::register::RegisterError) -> Self {
        use reviewdesk_desk::register::RegisterError as R;
        let detail = e.code().as_str();
        match e {
            R::Workspace(w) => w.into(),
            R::Publication(p) => p.into(),
            R::Desk(d) => d.into(),
            R::Load(l) => l.into(),
            R::BadCheckpoint(_) => IpcError::bilingual(
                ErrorCode::Malformed,
                e.message(Lang::En),
                e.message(Lang::ZhCn),
            )
            .with("detail", detail),
            R::UnknownProgram { .. }
            | R::NoProgram { .. }
            | R::YearNeeded { .. }
            | R::UnknownEvent(_)
            | R::Missing { .. }
            | R::UnknownCause { .. }
            | R::UnknownGrade { .. }
            | R::UnknownUnit(_)
            | R::UnknownProposal(_)
            | R::BadInput(_) => IpcError::bilingual(
                ErrorCode::Invalid,
                e.message(Lang::En),
                e.message(Lang::ZhCn),
            )
            .with("detail", detail),
        }
    }
}

impl From<KeyError> for IpcError {
    fn from(e: KeyError) -> Self {
        let code = e.code();
        let err = IpcError::bilingual(key_code(code), e.message(Lang::En), e.message(Lang::ZhCn))
            .with("detail", code.as_str());
        let (path, entry, line) = if let KeyError::Index { path, .. } = &e {
            (Some(path.as_path()), None, None)
        } else if let KeyError::Format(f) = &e {
            (None, f.entry(), f.line())
        } else {
            (None, None, None)
        };
        locate(err, path, entry, None, None, line)
    }
}

impl From<WorkspaceError> for IpcError {
    fn from(e: WorkspaceError) -> Self {
        let code = e.code();
        let mut err = IpcError::bilingual(
            workspace_code(code),
            e.message(Lang::En),
            e.message(Lang::ZhCn),
        )
        .with("detail", code.as_str());
        if let WorkspaceError::TooNew { found, known, .. } = &e {
            // The screen names the schema versions (the workspace's, this app's).
            err = err
                .with("schema", found.to_string())
                .with("schema_known", known.to_string());
        }
        locate(err, e.path(), None, None, None, None)
    }
}

impl From<LoadError> for IpcError {
    fn from(e: LoadError) -> Self {
        let code = e.code();
        let err = IpcError::bilingual(load_code(code), e.message(Lang::En), e.message(Lang::ZhCn))
            .with("detail", code.as_str());
        locate(err, Some(e.path()), None, None, e.field(), e.line())
    }
}

impl From<SheetError> for IpcError {
    fn from(e: SheetError) -> Self {
        let code = e.code();
        let err = IpcError::bilingual(
            sheet_code_of(code),
            e.message(Lang::En),
            e.message(Lang::ZhCn),
        )
        .with("detail", code.as_str());
        locate(err, Some(e.path()), None, None, None, e.line())
    }
}

impl From<ImportError> for IpcError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Round(l) => l.into(),
            ImportError::Sheet(s) => s.into(),
            ImportError::Decision(d) => IpcError::bilingual(
                ErrorCode::DecisionRefused,
                d.message(Lang::En),
                d.message(Lang::ZhCn),
            )
            .with("detail", d.code()),
            other => {
                let code = other.code();
                IpcError::bilingual(
                    import_code(code),
                    other.message(Lang::En),
                    other.message(Lang::ZhCn),
                )
                .with("detail", code.as_str())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 17, item 9: every library error reaches the UI with its Chinese
    /// sentence in `message_zh` (Chinese, no English sentence) and its English one
    /// in `message` (no Chinese outside quoted values).
    #[test]
    fn every_library_error_crosses_in_both_languages() {
        use reviewdesk_core::{en_message_problem, zh_message_problem};
        let mut all: Vec<IpcError> = Vec::new();
        all.extend(
            reviewdesk_desk::every_desk_error()
                .into_iter()
                .map(IpcError::from),
        );
        all.extend(
            reviewdesk_desk::publication::every_publication_error()
                .into_iter()
                .map(IpcError::from),
        );
        all.extend(
            reviewdesk_keys::every_key_error()
                .into_iter()
                .map(IpcError::from),
        );
        all.extend(
            reviewdesk_workspace::every_workspace_error()
                .into_iter()
                .map(IpcError::from),
        );
        all.extend(
            reviewdesk_io::every_load_error()
                .into_iter()
                .map(IpcError::from),
        );
        all.extend(
            reviewdesk_io::every_import_error()
                .into_iter()
                .map(IpcError::from),
        );
        assert!(all.len() > 150, "{}", all.len());
        for e in &all {
            assert!(
                zh_message_problem(&e.message_zh).is_none(),
                "{:?}: {:?}",
                e.code,
                zh_message_problem(&e.message_zh)
            );
            assert!(
                en_message_problem(&e.message).is_none(),
                "{:?}: {}",
                e.code,
                e.message
            );
        }
        let empty = IpcError::from(DeskError::EmptyFile);
        assert_eq!(empty.code, ErrorCode::EmptyFile);
        assert!(
            empty.message_zh.starts_with("文件为空"),
            "{}",
            empty.message_zh
        );
    }

    #[test]
    fn error_json_is_pinned() {
        let e = IpcError::new(ErrorCode::Malformed, "round.toml: line 3");
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"code":"malformed","message":"round.toml: line 3","message_zh":"round.toml: line 3","details":{}}"#
        );
    }

    /// The JSON name the UI depends on, per code. An exhaustive `match`: a new
    /// `ErrorCode` does not compile until its name is pinned here.
    fn pinned_name(code: ErrorCode) -> &'static str {
        match code {
            ErrorCode::NotReadable => "not_readable",
            ErrorCode::Malformed => "malformed",
            ErrorCode::Invalid => "invalid",
            ErrorCode::UnknownTemplate => "unknown_template",
            ErrorCode::BadMaterial => "bad_material",
            ErrorCode::NoRound => "no_round",
            ErrorCode::Internal => "internal",
            ErrorCode::NoKeyring => "no_keyring",
            ErrorCode::KeyringError => "keyring_error",
            ErrorCode::UnknownIdentity => "unknown_identity",
            ErrorCode::NameTaken => "name_taken",
            ErrorCode::BadName => "bad_name",
            ErrorCode::WrongPassphrase => "wrong_passphrase",
            ErrorCode::NotABackup => "not_a_backup",
            ErrorCode::EmptyPassphrase => "empty_passphrase",
            ErrorCode::NotAPackage => "not_a_package",
            ErrorCode::Tampered => "tampered",
            ErrorCode::NotForYou => "not_for_you",
            ErrorCode::OrganizerNotPinned => "organizer_not_pinned",
            ErrorCode::OrganizerChanged => "organizer_changed",
            ErrorCode::TrustMismatch => "trust_mismatch",
            ErrorCode::Expired => "expired",
            ErrorCode::StalePackage => "stale_package",
            ErrorCode::NothingToClose => "nothing_to_close",
            ErrorCode::StageIncomplete => "stage_incomplete",
            ErrorCode::OtherRound => "other_round",
            ErrorCode::NoDraw => "no_draw",
            ErrorCode::BadSubstitute => "bad_substitute",
            ErrorCode::SubstituteConflict => "substitute_conflict",
            ErrorCode::AlreadyImported => "already_imported",
            ErrorCode::Workspace => "workspace",
            ErrorCode::NotWritable => "not_writable",
            ErrorCode::OutputNotEmpty => "output_not_empty",
            ErrorCode::NotSealable => "not_sealable",
            ErrorCode::NoIdentity => "no_identity",
            ErrorCode::NoDesk => "no_desk",
            ErrorCode::PledgeFirst => "pledge_first",
            ErrorCode::DeclareFirst => "declare_first",
            ErrorCode::Recused => "recused",
            ErrorCode::RecusalLocked => "recusal_locked",
            ErrorCode::NoteRequired => "note_required",
            ErrorCode::StageClosed => "stage_closed",
            ErrorCode::NotAssigned => "not_assigned",
            ErrorCode::OutOfRange => "out_of_range",
            ErrorCode::OffStep => "off_step",
            ErrorCode::ReasonRequired => "reason_required",
            ErrorCode::NotANumber => "not_a_number",
            ErrorCode::VetoReasonRequired => "veto_reason_required",
            ErrorCode::MissingDeclarations => "missing_declarations",
            ErrorCode::ScoredBeforeRecusal => "scored_before_recusal",
            ErrorCode::RecusalFinal => "recusal_final",
            ErrorCode::BadEntry => "bad_entry",
            ErrorCode::PrintFailed => "print_failed",
            ErrorCode::NotTheChair => "not_the_chair",
            ErrorCode::StaleRevision => "stale_revision",
            ErrorCode::DuplicateSheet => "duplicate_sheet",
            ErrorCode::OutsideRoster => "outside_roster",
            ErrorCode::OtherPackage => "other_package",
            ErrorCode::RecusedScore => "recused_score",
            ErrorCode::NotASheet => "not_a_sheet",
            ErrorCode::NoSheets => "no_sheets",
            ErrorCode::ComputeRefused => "compute_refused",
            ErrorCode::BadDraw => "bad_draw",
            ErrorCode::BadOpinions => "bad_opinions",
            ErrorCode::NoDataDir => "no_data_dir",
            ErrorCode::NoRandomness => "no_randomness",
            ErrorCode::NotInKeyring => "not_in_keyring",
            ErrorCode::UnknownPackage => "unknown_package",
            ErrorCode::AuditBroken => "audit_broken",
            ErrorCode::WorkspaceTooNew => "workspace_too_new",
            ErrorCode::Unwritable => "unwritable",
            ErrorCode::BadCards => "bad_cards",
            ErrorCode::WrongSigningKey => "wrong_signing_key",
            ErrorCode::BadExpert => "bad_expert",
            ErrorCode::BadIdentity => "bad_identity",
            ErrorCode::NeedsPackage => "needs_package",
            ErrorCode::NeedsIdentity => "needs_identity",
            ErrorCode::BadContent => "bad_content",
            ErrorCode::SheetsRefused => "sheets_refused",
            ErrorCode::RecomputeMismatch => "recompute_mismatch",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::UnsupportedSheet => "unsupported_sheet",
            ErrorCode::BadWorkbook => "bad_workbook",
            ErrorCode::NoSuchSheet => "no_such_sheet",
            ErrorCode::BadEncoding => "bad_encoding",
            ErrorCode::SheetHasErrors => "sheet_has_errors",
            ErrorCode::RoundChanged => "round_changed",
            ErrorCode::AssignRefused => "assign_refused",
            ErrorCode::RoundExists => "round_exists",
            ErrorCode::EligibilityRefused => "eligibility_refused",
            ErrorCode::DecisionRefused => "decision_refused",
            ErrorCode::PublicationRefused => "publication_refused",
            ErrorCode::NoNotice => "no_notice",
            ErrorCode::NoticeRunning => "notice_running",
            ErrorCode::ObjectionsOpen => "objections_open",
            ErrorCode::NewNoticeRequired => "new_notice_required",
            ErrorCode::AlreadyPublished => "already_published",
            ErrorCode::CalendarYearInvalid => "calendar_year_invalid",
            ErrorCode::CalendarYearExists => "calendar_year_exists",
            ErrorCode::RecheckUnanswered => "recheck_unanswered",
            ErrorCode::JustificationMismatch => "justification_mismatch",
            ErrorCode::NotFlagged => "not_flagged",
            ErrorCode::JustificationRequired => "justification_required",
            ErrorCode::RecheckOtherExpert => "recheck_other_expert",
            ErrorCode::StaleRecheck => "stale_recheck",
            ErrorCode::NoRechecks => "no_rechecks",
            ErrorCode::NotFromTheChair => "not_from_the_chair",
            ErrorCode::NotARecheck => "not_a_recheck",
            ErrorCode::AuditViolation => "audit_violation",
            ErrorCode::EmptyFile => "empty_file",
            ErrorCode::WrongFileKind => "wrong_file_kind",
        }
    }

    #[test]
    fn every_code_has_a_pinned_name() {
        for &code in ErrorCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), pinned_name(code));
        }
        // `ALL` lists every variant once, in declaration order (a fieldless enum's
        // discriminants are 0, 1, …), and as many as the generated TypeScript union
        // has members — so a variant left out of `ALL` fails here.
        for (i, &code) in ErrorCode::ALL.iter().enumerate() {
            assert_eq!(code as usize, i, "{code:?}");
        }
        let decl = <ErrorCode as TS>::decl(&ts_rs::Config::new());
        let union = decl.split_once('=').unwrap().1;
        assert_eq!(
            union.matches('"').count(),
            2 * ErrorCode::ALL.len(),
            "{decl}"
        );
        for &code in ErrorCode::ALL {
            assert!(
                union.contains(&format!("\"{}\"", pinned_name(code))),
                "{decl}"
            );
        }
    }

    #[test]
    fn library_codes_map_to_ui_codes() {
        // The mappings are exhaustive matches (a new library code does not compile
        // until mapped); here a sample of what they say, including codes that
        // reached the UI as `internal` while the mapping was by string.
        use ErrorCode as C;
        for (code, ui) in [
            (DeskCode::Format(FormatCode::HashMismatch), C::Tampered),
            (DeskCode::Format(FormatCode::BadSignature), C::Tampered),
            (DeskCode::Format(FormatCode::Truncated), C::Tampered),
            (DeskCode::Format(FormatCode::NotARecipient), C::NotForYou),
            (
                DeskCode::Format(FormatCode::UnknownSigner),
                C::OrganizerChanged,
            ),
            (DeskCode::Format(FormatCode::BadMagic), C::NotAPackage),
            (DeskCode::Format(FormatCode::Unwritable), C::Unwritable),
            (DeskCode::Format(FormatCode::BadName), C::Malformed),
            (DeskCode::OrganizerNotPinned, C::OrganizerNotPinned),
            (DeskCode::OrganizerChanged, C::OrganizerChanged),
            (DeskCode::TrustMismatch, C::TrustMismatch),
            (DeskCode::Expired, C::Expired),
            (DeskCode::StalePackage, C::StalePackage),
            (DeskCode::Review(ReviewCode::PledgeFirst), C::PledgeFirst),
            (DeskCode::Review(ReviewCode::DeclareFirst), C::DeclareFirst),
            (DeskCode::Review(ReviewCode::Recused), C::Recused),
            (
                DeskCode::Review(ReviewCode::RecusalLocked),
                C::RecusalLocked,
            ),
            (DeskCode::Review(ReviewCode::NoteRequired), C::NoteRequired),
            (DeskCode::Review(ReviewCode::OutOfRange), C::OutOfRange),
            (DeskCode::Review(ReviewCode::OffStep), C::OffStep),
            (
                DeskCode::Review(ReviewCode::ReasonRequired),
                C::ReasonRequired,
            ),
            (
                DeskCode::Review(ReviewCode::MissingDeclarations),
                C::MissingDeclarations,
            ),
            (DeskCode::Review(ReviewCode::BadScore), C::BadEntry),
            (DeskCode::Workspace(WorkspaceCode::Db), C::Workspace),
            (
                DeskCode::Workspace(WorkspaceCode::AlreadyImported),
                C::AlreadyImported,
            ),
            (
                DeskCode::Workspace(WorkspaceCode::UnknownPackage),
                C::UnknownPackage,
            ),
            (
                DeskCode::Workspace(WorkspaceCode::AuditBroken),
                C::AuditBroken,
            ),
            (DeskCode::Workspace(WorkspaceCode::NoDataDir), C::NoDataDir),
            (DeskCode::Load(LoadCode::Invalid), C::Invalid),
            (DeskCode::NotWritable, C::NotWritable),
            (DeskCode::OutputNotEmpty, C::OutputNotEmpty),
            (DeskCode::NotTheChair, C::NotTheChair),
            (DeskCode::DuplicateSheet, C::DuplicateSheet),
            (DeskCode::RecusedScore, C::RecusedScore),
            (
                DeskCode::Audit(reviewdesk_core::AuditCode::Order),
                C::AuditViolation,
            ),
            (
                DeskCode::Audit(reviewdesk_core::AuditCode::Missing),
                C::AuditViolation,
            ),
            (DeskCode::NoSheets, C::NoSheets),
            (DeskCode::ComputeRefused, C::ComputeRefused),
            (DeskCode::BadDraw, C::BadDraw),
            (DeskCode::BadOpinions, C::BadOpinions),
            (DeskCode::BadCards, C::BadCards),
            (DeskCode::WrongSigningKey, C::WrongSigningKey),
            (DeskCode::BadExpert, C::BadExpert),
            (DeskCode::BadIdentity, C::BadIdentity),
            (DeskCode::NeedsPackage, C::NeedsPackage),
            (DeskCode::NeedsIdentity, C::NeedsIdentity),
            (DeskCode::BadContent, C::BadContent),
            (DeskCode::PartExpertMismatch, C::OutsideRoster),
            (DeskCode::SheetsRefused, C::SheetsRefused),
            (DeskCode::RecomputeMismatch, C::RecomputeMismatch),
            (DeskCode::Cancelled, C::Cancelled),
            (DeskCode::CalendarYearInvalid, C::CalendarYearInvalid),
            (
                DeskCode::Workspace(WorkspaceCode::CalendarYearExists),
                C::CalendarYearExists,
            ),
            (DeskCode::RecheckOtherExpert, C::RecheckOtherExpert),
            (DeskCode::StaleRecheck, C::StaleRecheck),
            (DeskCode::NoRechecks, C::NoRechecks),
            (
                DeskCode::Review(ReviewCode::RecheckUnanswered),
                C::RecheckUnanswered,
            ),
            (
                DeskCode::Review(ReviewCode::JustificationMismatch),
                C::JustificationMismatch,
            ),
            (DeskCode::Review(ReviewCode::NotFlagged), C::NotFlagged),
            (
                DeskCode::Review(ReviewCode::JustificationRequired),
                C::JustificationRequired,
            ),
        ] {
            assert_eq!(desk_code(code), ui, "{code:?}");
        }
        // A re-check request's own meaning of a few format codes.
        for (code, ui) in [
            (
                DeskCode::Format(FormatCode::UnknownSigner),
                C::NotFromTheChair,
            ),
            (DeskCode::Format(FormatCode::NotBound), C::OtherPackage),
            (DeskCode::Format(FormatCode::BadMagic), C::NotARecheck),
            (DeskCode::Format(FormatCode::NotARecipient), C::NotForYou),
            (DeskCode::StaleRecheck, C::StaleRecheck),
        ] {
            assert_eq!(recheck_code(code), ui, "{code:?}");
        }
        for (code, ui) in [
            (KeyCode::NoKeyring, C::NoKeyring),
            (KeyCode::NotInKeyring, C::NotInKeyring),
            (KeyCode::Random, C::NoRandomness),
            (KeyCode::NoDataDir, C::NoDataDir),
            (KeyCode::UnknownName, C::UnknownIdentity),
            (KeyCode::Format(FormatCode::BadSignature), C::Tampered),
        ] {
            assert_eq!(key_code(code), ui, "{code:?}");
        }
        assert_eq!(workspace_code(WorkspaceCode::TooNew), C::WorkspaceTooNew);
    }

    #[test]
    fn no_library_code_is_internal() {
        // `internal` is for bugs in the shell, never a library's refusal.
        let formats = [
            FormatCode::BadMagic,
            FormatCode::UnsupportedVersion,
            FormatCode::Truncated,
            FormatCode::TrailingData,
            FormatCode::TooLarge,
            FormatCode::Malformed,
            FormatCode::BadName,
            FormatCode::DuplicateEntry,
            FormatCode::MissingSignature,
            FormatCode::BadSignatureEncoding,
            FormatCode::UnsupportedKey,
            FormatCode::WrongNamespace,
            FormatCode::UnknownSigner,
            FormatCode::BadSignature,
            FormatCode::SignerMismatch,
            FormatCode::HashMismatch,
            FormatCode::IndexMismatch,
            FormatCode::BadAgeHeader,
            FormatCode::TooManyStanzas,
            FormatCode::NotARecipient,
            FormatCode::DecryptFailed,
            FormatCode::NotBound,
            FormatCode::StaleRevision,
            FormatCode::AuditMismatch,
            FormatCode::NoSuchEntry,
            FormatCode::Unwritable,
            FormatCode::Io,
        ];
        for f in formats {
            assert_ne!(format_code(f), ErrorCode::Internal, "{f:?}");
            assert_ne!(
                sheet_code(DeskCode::Format(f)),
                ErrorCode::Internal,
                "{f:?}"
            );
        }
        for w in [
            WorkspaceCode::NoDataDir,
            WorkspaceCode::Io,
            WorkspaceCode::Db,
            WorkspaceCode::TooNew,
            WorkspaceCode::UnknownPackage,
            WorkspaceCode::AlreadyImported,
            WorkspaceCode::AuditBroken,
            WorkspaceCode::Corrupt,
            WorkspaceCode::LedgerBroken,
            WorkspaceCode::BadRegisterEntry,
            WorkspaceCode::CalendarYearExists,
        ] {
            assert_ne!(workspace_code(w), ErrorCode::Internal, "{w:?}");
        }
    }

    #[test]
    fn a_sheets_refusal_is_named_for_a_sheet() {
        // For a sheet, an unknown signer is someone outside the roster (not a
        // changed organizer key), and `not_bound` another package.
        let f = DeskCode::Format;
        assert_eq!(
            sheet_code(f(FormatCode::UnknownSigner)),
            ErrorCode::OutsideRoster
        );
        assert_eq!(
            sheet_code(DeskCode::PartExpertMismatch),
            ErrorCode::OutsideRoster
        );
        assert_eq!(sheet_code(f(FormatCode::NotBound)), ErrorCode::OtherPackage);
        assert_eq!(
            sheet_code(f(FormatCode::BadAgeHeader)),
            ErrorCode::NotASheet
        );
        assert_eq!(sheet_code(DeskCode::UnknownFileKind), ErrorCode::NotASheet);
        assert_eq!(
            sheet_code(f(FormatCode::DecryptFailed)),
            ErrorCode::Tampered
        );
        assert_eq!(
            sheet_code(f(FormatCode::StaleRevision)),
            ErrorCode::StaleRevision
        );
        assert_eq!(
            sheet_code(DeskCode::DuplicateSheet),
            ErrorCode::DuplicateSheet
        );
        assert_eq!(sheet_code(DeskCode::RecusedScore), ErrorCode::RecusedScore);
    }

    #[test]
    fn load_errors_map_to_codes() {
        let e = reviewdesk_io::load_round(std::path::Path::new("/nonexistent/round")).unwrap_err();
        let e = IpcError::from(e);
        assert_eq!(e.code, ErrorCode::NotReadable);
        assert_eq!(e.details["detail"], "not_readable");
        assert!(e.details["path"].starts_with("/nonexistent/round"), "{e:?}");
    }

    #[test]
    fn a_load_error_names_its_file_line_and_field() {
        let origin = std::path::Path::new("round.toml");
        let e = reviewdesk_io::parse_round(origin, "[program]\nid = = 1\n", None).unwrap_err();
        let e = IpcError::from(e);
        assert_eq!(e.code, ErrorCode::Malformed);
        assert_eq!(e.details["path"], "round.toml");
        assert_eq!(e.details["line"], "2");
    }

    #[test]
    fn details_locate_the_error() {
        let e = IpcError::from(DeskError::Format {
            part: "manifest".into(),
            source: reviewdesk_formats::FormatError::HashMismatch {
                name: "material.M03".into(),
                what: "SHA-256",
            },
        });
        assert_eq!(e.code, ErrorCode::Tampered);
        assert_eq!(e.details["detail"], "hash_mismatch");
        assert_eq!(e.details["entry"], "material.M03");

        let e = IpcError::from(DeskError::MissingCard {
            person: "E02".into(),
        });
        assert_eq!(e.code, ErrorCode::BadCards);
        assert_eq!(e.details["detail"], "bad_cards");
        assert_eq!(e.details["person"], "E02");

        let e = IpcError::from(DeskError::Write {
            path: "/tmp/out/sheet.rdsheet".into(),
            source: std::io::Error::other("disk full"),
        });
        assert_eq!(e.code, ErrorCode::NotWritable);
        assert_eq!(e.details["path"], "/tmp/out/sheet.rdsheet");

        // The facts the UI's screens show stay as they were.
        let e = IpcError::from(DeskError::OrganizerChanged {
            organizer: "某某厅".into(),
            pinned: "SHA256:a".into(),
            presented: "SHA256:b".into(),
        });
        assert_eq!(e.code, ErrorCode::OrganizerChanged);
        let keys: Vec<&str> = e.details.keys().map(String::as_str).collect();
        assert_eq!(keys, ["detail", "organizer", "pinned", "presented"]);
    }

    #[test]
    fn a_newer_workspace_names_both_schema_versions() {
        let e = IpcError::from(WorkspaceError::TooNew {
            path: "/home/u/.local/share/reviewdesk/workspace/workspace.sqlite3".into(),
            found: 7,
            known: 3,
        });
        assert_eq!(e.code, ErrorCode::WorkspaceTooNew);
        assert_eq!(e.details["schema"], "7");
        assert_eq!(e.details["schema_known"], "3");
        assert!(e.details["path"].ends_with("workspace.sqlite3"));
        assert!(e.message.contains("schema version 7"), "{}", e.message);
    }
}
