//! The one error of the desk services: what failed, naming the file, person or
//! package part, with the formats crate's stable code where there is one.

use std::path::{Path, PathBuf};

use reviewdesk_core::rules::RecusedEntry;
use reviewdesk_core::ReviewCode;
use reviewdesk_core::{StageCode, StageError};
use reviewdesk_formats::{FormatCode, FormatError};
use reviewdesk_io::{ImportCode, ImportError, LoadCode, LoadError};
use reviewdesk_workspace::WorkspaceCode;
use thiserror::Error;

/// How many items of a list an error names before "… and N more".
pub const LISTED: usize = 10;
/// The most characters of a quoted value or a parser's message an error shows.
pub const QUOTED: usize = 200;

/// `text` cut to [`QUOTED`] characters, ending in "…" when it was longer: an
/// error never echoes a whole untrusted value (a 1 MB score would be one line).
pub fn shortened(text: &str) -> String {
    match text.char_indices().nth(QUOTED) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// The first [`LISTED`] of `items`, each [`shortened`], joined by `sep`, then
/// "… and N more" when there were more: an error names a few problems and counts
/// the rest, whatever the size of the file it comes from.
pub fn listed(items: impl IntoIterator<Item = String>, sep: &str) -> String {
    let mut shown = Vec::with_capacity(LISTED);
    let mut more = 0usize;
    for item in items {
        if shown.len() < LISTED {
            shown.push(shortened(&item));
        } else {
            more += 1;
        }
    }
    let mut text = shown.join(sep);
    if more > 0 {
        text.push_str(&format!("{sep}… and {more} more"));
    }
    text
}

/// Why a desk operation failed.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum DeskError {
    /// The round folder could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// `round.toml` could not be edited for a sealing again (nothing written).
    #[error(transparent)]
    Round(#[from] ImportError),
    /// A stage cannot be closed, a sample not taken over, a substitute not added.
    #[error(transparent)]
    Stage(#[from] StageError),
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A file could not be written (nothing is left half-written).
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A key card in the round folder does not read or verify.
    #[error("{path}: {source}")]
    Card {
        /// The card file.
        path: PathBuf,
        /// What is wrong with it.
        source: FormatError,
    },
    /// A file in `cards/` that is not `<person-id>.card`.
    #[error("{path}: not a key card name (expected <person-id>.card)")]
    UnexpectedCardFile {
        /// The file.
        path: PathBuf,
    },
    /// A panel member has no key card in `cards/`.
    #[error("cards/{person}.card is missing: every panel member needs a key card")]
    MissingCard {
        /// The person id.
        person: String,
    },
    /// A card's role is not the person's role in the round.
    #[error("cards/{person}.card: role is {found}, the round makes {person} {expected}")]
    CardRole {
        /// The person id.
        person: String,
        /// The role in the round.
        expected: &'static str,
        /// The role on the card.
        found: &'static str,
    },
    /// `cards/` does not hold exactly one organizer card beside the panel's.
    #[error("cards/: {0}")]
    OrganizerCard(String),
    /// The signing key is not the one on the organizer's card.
    #[error(
        "the signing key is {signer}, but the organizer's card (cards/{person}.card) is {card}"
    )]
    OrganizerKey {
        /// The organizer card's person id.
        person: String,
        /// The card's fingerprint.
        card: String,
        /// The signing key's fingerprint.
        signer: String,
    },
    /// Two cards carry the same signing key.
    #[error("cards/{first}.card and cards/{second}.card have the same signing key")]
    DuplicateKey {
        /// One person.
        first: String,
        /// The other.
        second: String,
    },
    /// A per-expert package was asked for someone who is not a panel expert.
    #[error("no panel expert has id {expert:?}")]
    UnknownExpert {
        /// The id asked for.
        expert: String,
    },
    /// A per-expert round could not be made.
    #[error("per-expert round for {expert}: {message}")]
    PerExpert {
        /// The expert.
        expert: String,
        /// What went wrong.
        message: String,
    },
    /// A part of a package, sheet or card failed a check.
    #[error("{part}: {source}")]
    Format {
        /// Which part: `manifest`, `entry material.M03`, `index`, `sheet`, …
        part: String,
        /// The check that failed.
        source: FormatError,
    },
    /// A key card inside a package disagrees with the package index.
    #[error("entry card.{person}: the card does not match the index's recipient {person}")]
    CardMismatch {
        /// The person.
        person: String,
    },
    /// The package pins a different organizer than the one the caller trusts.
    #[error("the package is signed by {found}, not by the trusted organizer {expected}")]
    UntrustedOrganizer {
        /// The fingerprint the caller trusts.
        expected: String,
        /// The fingerprint that signed.
        found: String,
    },
    /// The signing key is not an expert of the package.
    #[error("{fingerprint} is not an expert of this package")]
    NotAnExpert {
        /// The signing key's fingerprint.
        fingerprint: String,
    },
    /// The scores are not a JSON object.
    #[error("the scores are not a JSON object: {0}")]
    Scores(String),
    /// A result report could not be made.
    #[error("report {name}: {source}")]
    Report {
        /// The report's file name.
        name: &'static str,
        /// Why.
        source: reviewdesk_results::ResultsError,
    },
    /// An age identity file has no usable identity.
    #[error("{path}: {message}")]
    Identity {
        /// The identity file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The file is none of the kinds ReviewDesk reads.
    #[error("not a ReviewDesk package, sheet or key card")]
    UnknownFileKind,
    /// A part of a package that verified but does not read as its format says.
    #[error("{part}: {message}")]
    Malformed {
        /// Which part.
        part: String,
        /// What is wrong.
        message: String,
    },
    /// The organizer's key differs from the one pinned for that organizer.
    #[error("the package is signed by {presented}, but the key pinned for {organizer} is {pinned}: refused. If the organizer confirmed a new key to you out of band, import again confirming {presented}")]
    OrganizerChanged {
        /// The organizer's name.
        organizer: String,
        /// The pinned fingerprint.
        pinned: String,
        /// The package's signer.
        presented: String,
    },
    /// First package from this organizer: the user must confirm its key.
    #[error("first package from {organizer}: compare its key {fingerprint} with the one the organizer gave you, then confirm it (CLI: --trust {fingerprint})")]
    OrganizerNotPinned {
        /// The organizer's name.
        organizer: String,
        /// The package's signer.
        fingerprint: String,
    },
    /// The user confirmed another key than the one that signed.
    #[error("you confirmed {confirmed}, but the package is signed by {signer}: refused")]
    TrustMismatch {
        /// What the user confirmed.
        confirmed: String,
        /// The package's signer.
        signer: String,
    },
    /// The round's deadline has passed.
    #[error("the round's deadline {deadline} has passed: ask the organizer for a new package")]
    Expired {
        /// The deadline.
        deadline: String,
    },
    /// A package of a round already held at a revision as high or higher
    /// (`docs/formats.md`, "Sealed package", revision): an older sealing never
    /// replaces a newer one.
    #[error(
        "this package is revision {offered} of round {round}, but revision {held} is already \
         here: an older or equal revision is refused; ask the organizer for the newest package"
    )]
    StalePackage {
        /// The round.
        round: String,
        /// The revision of the package offered.
        offered: u32,
        /// The highest revision already held.
        held: u32,
    },
    /// A recusal declared after scoring the applicant.
    #[error("applicant {applicant} already has scores from you: clear them before recusing")]
    ScoredBeforeRecusal {
        /// The applicant.
        applicant: String,
    },
    /// A recusal is final for the package: it cannot be withdrawn or changed.
    #[error(
        "you recused yourself from applicant {applicant}: a recusal is final for this package"
    )]
    RecusalFinal {
        /// The applicant.
        applicant: String,
    },
    /// The printed sheet could not be made.
    #[error("printing the score sheet: {0}")]
    Print(String),
    /// Sealing into a folder that already holds files (packages already handed out
    /// are never overwritten).
    #[error("{}: the output folder is not empty; choose an empty folder", path.display())]
    OutputNotEmpty {
        /// The folder.
        path: PathBuf,
    },
    /// The workspace failed.
    #[error(transparent)]
    Workspace(#[from] reviewdesk_workspace::WorkspaceError),
    /// The review rules refuse the entry.
    #[error(transparent)]
    Review(#[from] reviewdesk_core::ReviewProblem),
    /// A sheet needs its package (and an identity) to be checked.
    #[error("a score sheet is checked against its package: give the package and an identity")]
    SheetNeedsPackage,
    /// An encrypted file (a sheet or a bundle) needs an identity to be read.
    #[error("an encrypted score sheet or result bundle: give an identity (age) to read it")]
    NeedsIdentity,
    /// The signing key is not the package's chair.
    #[error("{fingerprint} is not the chair of this package")]
    NotTheChair {
        /// The signing key's fingerprint.
        fingerprint: String,
    },
    /// A package's round or template, or a bundle's JSON entry, does not read or
    /// validate.
    #[error("{part}: {message}")]
    Content {
        /// Which part: `round`, `template`, `merge-input`, `opinions`, `draw`, …
        part: String,
        /// What is wrong.
        message: String,
    },
    /// A calendar year file that does not validate: every problem, by field path.
    #[error("{}: {}", path.display(), listed(problems.iter().map(|p| p.message(reviewdesk_core::Lang::En)), "; "))]
    CalendarYear {
        /// The file.
        path: PathBuf,
        /// Every problem.
        problems: Vec<reviewdesk_core::YearProblem>,
    },
    /// A sheet's payload names another expert than the one who signed it.
    #[error("the sheet is signed by expert {sheet} but its scores are expert {part}'s")]
    PartExpert {
        /// The sheet's expert (the signer).
        sheet: String,
        /// The payload's `expert`.
        part: String,
    },
    /// A sheet scores an applicant its expert is recused from.
    #[error("expert {expert} is recused from {}", listed(.entries.iter().map(|e| format!("{} ({})", e.applicant, e.entry)), ", "))]
    Recused {
        /// The expert.
        expert: String,
        /// The scores, verdicts or vetoes for applicants they are recused from.
        entries: Vec<RecusedEntry>,
    },
    /// A sheet's audit log is missing, out of order, or does not give its values
    /// (`docs/formats.md`, "Audit log").
    #[error("expert {expert}'s sheet: {violation}")]
    Audit {
        /// The sheet's expert.
        expert: String,
        /// The first violation.
        violation: reviewdesk_core::AuditViolation,
    },
    /// The same sheet was given twice.
    #[error("the same sheet as {}", .first.display())]
    DuplicateSheet {
        /// The file given first.
        first: PathBuf,
    },
    /// Some sheet files were refused for a reason other than an older revision or a
    /// duplicate: nothing was merged.
    #[error("{} sheet file(s) refused: {}", .reports.iter().filter(|r| r.is_blocking()).count(), listed(.reports.iter().filter(|r| r.is_blocking()).map(|r| format!("{}: {}", r.file.display(), r.outcome)), "; "))]
    SheetsRefused {
        /// What became of every sheet file, in the order given.
        reports: Vec<crate::merge::SheetReport>,
    },
    /// No sheet was accepted.
    #[error("no score sheet to merge")]
    NoSheets,
    /// The rules engine refused the merged input.
    #[error("the rules refuse the merged scores: {0}")]
    Compute(String),
    /// The draw's announced value is missing or has no use.
    #[error("site-visit draw: {0}")]
    Draw(String),
    /// The opinions do not fit the round.
    #[error("opinions: {0}")]
    Opinions(String),
    /// The user stopped the work; nothing was kept.
    #[error("stopped before it finished; nothing was kept")]
    Cancelled,
    /// A re-check request for another expert than the one whose desk imports it.
    #[error(
        "this re-check request is for expert {expert}, not for you ({you}): it was not imported"
    )]
    RecheckOtherExpert {
        /// The expert the request names.
        expert: String,
        /// This desk's expert.
        you: String,
    },
    /// A re-check request not newer than the last one imported.
    #[error("this is the chair's re-check request no. {offered}, but no. {held} was imported already: an older or the same request is not imported again")]
    StaleRecheck {
        /// The request's sequence.
        offered: u32,
        /// The highest sequence imported.
        held: u32,
    },
    /// The chair has no re-check to send to the expert.
    #[error("no re-check to send to expert {expert}: record a re-check on one of their divergence flags first (or ask for every flag)")]
    NoRechecks {
        /// The expert.
        expert: String,
    },
    /// What a bundle records is not what its signed inputs give.
    #[error("{entry} does not match what is recomputed from the signed sheets, round and template: at {path}, the bundle has {found}, recomputed {expected}")]
    Recompute {
        /// The entry: `merge-input`, `merge-output`, `draw` or `opinions`.
        entry: &'static str,
        /// Where, as a JSON path (`applicants[2].final`).
        path: String,
        /// The bundle's value (JSON, shortened).
        found: String,
        /// The recomputed value (JSON, shortened).
        expected: String,
    },
}

/// The kind of a [`DeskError`], one per stable code; a wrapped error keeps its
/// own crate's code ([`DeskCode::Format`], [`DeskCode::Workspace`], …), so nothing
/// is lost. Deliberately exhaustive (not `#[non_exhaustive]`): a caller that maps
/// every code (the desktop's IPC error) fails to compile when one is added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeskCode {
    /// `bad_round`: the round folder could not be loaded; the loader's own code.
    Load(LoadCode),
    /// `not_readable`
    NotReadable,
    /// `not_writable`
    NotWritable,
    /// `output_not_empty`
    OutputNotEmpty,
    /// A key card or a part of a package, sheet or bundle failed a check: the
    /// formats crate's code (and its text).
    Format(FormatCode),
    /// `bad_cards`: a round folder's `cards/` is not what the round needs.
    BadCards,
    /// `wrong_signing_key`: the signing key is not the organizer card's.
    WrongSigningKey,
    /// `bad_expert`: no such panel expert, or their per-expert round could not be made.
    BadExpert,
    /// `index_mismatch`: a key card inside a package disagrees with the index.
    CardMismatch,
    /// `unknown_signer`: the package is signed by another key than the trusted organizer's.
    UntrustedOrganizer,
    /// `not_an_expert`
    NotAnExpert,
    /// `bad_scores`
    BadScores,
    /// `report_failed`
    ReportFailed,
    /// `bad_identity`: an age identity file has no usable identity.
    BadIdentity,
    /// `bad_magic`: none of the kinds of file ReviewDesk reads.
    UnknownFileKind,
    /// `needs_package`
    NeedsPackage,
    /// `malformed`: a part that verified but does not read as its format says.
    Malformed,
    /// `organizer_changed`
    OrganizerChanged,
    /// `organizer_not_pinned`
    OrganizerNotPinned,
    /// `trust_mismatch`
    TrustMismatch,
    /// `expired`
    Expired,
    /// `stale_package`
    StalePackage,
    /// The round folder's edit failed: its own code.
    Round(ImportCode),
    /// Stage by stage: its own code.
    Stage(StageCode),
    /// `scored_before_recusal`
    ScoredBeforeRecusal,
    /// `recusal_final`
    RecusalFinal,
    /// `print_failed`
    PrintFailed,
    /// The workspace failed: its own code (and text).
    Workspace(WorkspaceCode),
    /// The review rules refuse the entry: their own code (and text).
    Review(ReviewCode),
    /// `needs_identity`
    NeedsIdentity,
    /// `not_the_chair`
    NotTheChair,
    /// `bad_content`
    BadContent,
    /// `part_expert_mismatch`
    PartExpertMismatch,
    /// `recused_score`
    RecusedScore,
    /// A sheet's audit log does not replay: its own code (`audit_missing`,
    /// `audit_malformed`, `audit_package`, `audit_order`, `audit_values`).
    Audit(reviewdesk_core::AuditCode),
    /// `duplicate_sheet`
    DuplicateSheet,
    /// `sheets_refused`
    SheetsRefused,
    /// `no_sheets`
    NoSheets,
    /// `compute_refused`
    ComputeRefused,
    /// `bad_draw`
    BadDraw,
    /// `bad_opinions`
    BadOpinions,
    /// `recompute_mismatch`
    RecomputeMismatch,
    /// `cancelled`: the user stopped the work; nothing was kept.
    Cancelled,
    /// `calendar_year_invalid`: a calendar year file does not validate.
    CalendarYearInvalid,
    /// `recheck_other_expert`: a re-check request for another expert.
    RecheckOtherExpert,
    /// `stale_recheck`: a re-check request not newer than the last one imported.
    StaleRecheck,
    /// `no_rechecks`: nothing to put in a re-check request.
    NoRechecks,
}

impl DeskCode {
    /// The code's snake_case text, as the CLI prints it; a wrapped code's is its
    /// own crate's, except a load error's, which is `bad_round`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Load(_) => "bad_round",
            Self::NotReadable => "not_readable",
            Self::NotWritable => "not_writable",
            Self::OutputNotEmpty => "output_not_empty",
            Self::Format(c) => c.as_str(),
            Self::BadCards => "bad_cards",
            Self::WrongSigningKey => "wrong_signing_key",
            Self::BadExpert => "bad_expert",
            Self::CardMismatch => "index_mismatch",
            Self::UntrustedOrganizer => "unknown_signer",
            Self::NotAnExpert => "not_an_expert",
            Self::BadScores => "bad_scores",
            Self::ReportFailed => "report_failed",
            Self::BadIdentity => "bad_identity",
            Self::UnknownFileKind => "bad_magic",
            Self::NeedsPackage => "needs_package",
            Self::Malformed => "malformed",
            Self::OrganizerChanged => "organizer_changed",
            Self::OrganizerNotPinned => "organizer_not_pinned",
            Self::TrustMismatch => "trust_mismatch",
            Self::Expired => "expired",
            Self::StalePackage => "stale_package",
            Self::Round(c) => c.as_str(),
            Self::Stage(c) => c.as_str(),
            Self::ScoredBeforeRecusal => "scored_before_recusal",
            Self::RecusalFinal => "recusal_final",
            Self::PrintFailed => "print_failed",
            Self::Workspace(c) => c.as_str(),
            Self::Review(c) => c.as_str(),
            Self::NeedsIdentity => "needs_identity",
            Self::NotTheChair => "not_the_chair",
            Self::BadContent => "bad_content",
            Self::PartExpertMismatch => "part_expert_mismatch",
            Self::RecusedScore => "recused_score",
            Self::Audit(c) => c.as_str(),
            Self::DuplicateSheet => "duplicate_sheet",
            Self::SheetsRefused => "sheets_refused",
            Self::NoSheets => "no_sheets",
            Self::ComputeRefused => "compute_refused",
            Self::BadDraw => "bad_draw",
            Self::BadOpinions => "bad_opinions",
            Self::RecomputeMismatch => "recompute_mismatch",
            Self::Cancelled => "cancelled",
            Self::CalendarYearInvalid => "calendar_year_invalid",
            Self::RecheckOtherExpert => "recheck_other_expert",
            Self::StaleRecheck => "stale_recheck",
            Self::NoRechecks => "no_rechecks",
        }
    }
}

impl std::fmt::Display for DeskCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for DeskCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl DeskError {
    /// The stable code: the wrapped error's for format, workspace, review and
    /// load errors, else the variant's own. [`DeskCode::as_str`] is its text.
    pub fn code(&self) -> DeskCode {
        match self {
            Self::Load(e) => DeskCode::Load(e.code()),
            Self::Read { .. } => DeskCode::NotReadable,
            Self::Write { .. } => DeskCode::NotWritable,
            Self::OutputNotEmpty { .. } => DeskCode::OutputNotEmpty,
            Self::Card { source, .. } | Self::Format { source, .. } => {
                DeskCode::Format(source.code())
            }
            Self::UnexpectedCardFile { .. }
            | Self::MissingCard { .. }
            | Self::CardRole { .. }
            | Self::OrganizerCard(_)
            | Self::DuplicateKey { .. } => DeskCode::BadCards,
            Self::OrganizerKey { .. } => DeskCode::WrongSigningKey,
            Self::UnknownExpert { .. } | Self::PerExpert { .. } => DeskCode::BadExpert,
            Self::CardMismatch { .. } => DeskCode::CardMismatch,
            Self::UntrustedOrganizer { .. } => DeskCode::UntrustedOrganizer,
            Self::NotAnExpert { .. } => DeskCode::NotAnExpert,
            Self::Scores(_) => DeskCode::BadScores,
            Self::Report { .. } => DeskCode::ReportFailed,
            Self::Identity { .. } => DeskCode::BadIdentity,
            Self::UnknownFileKind => DeskCode::UnknownFileKind,
            Self::SheetNeedsPackage => DeskCode::NeedsPackage,
            Self::Malformed { .. } => DeskCode::Malformed,
            Self::OrganizerChanged { .. } => DeskCode::OrganizerChanged,
            Self::OrganizerNotPinned { .. } => DeskCode::OrganizerNotPinned,
            Self::TrustMismatch { .. } => DeskCode::TrustMismatch,
            Self::Expired { .. } => DeskCode::Expired,
            Self::StalePackage { .. } => DeskCode::StalePackage,
            Self::Round(e) => DeskCode::Round(e.code()),
            Self::Stage(e) => DeskCode::Stage(e.code()),
            Self::ScoredBeforeRecusal { .. } => DeskCode::ScoredBeforeRecusal,
            Self::RecusalFinal { .. } => DeskCode::RecusalFinal,
            Self::Print(_) => DeskCode::PrintFailed,
            Self::Workspace(e) => DeskCode::Workspace(e.code()),
            Self::Review(e) => DeskCode::Review(e.code()),
            Self::NeedsIdentity => DeskCode::NeedsIdentity,
            Self::NotTheChair { .. } => DeskCode::NotTheChair,
            Self::Content { .. } => DeskCode::BadContent,
            Self::PartExpert { .. } => DeskCode::PartExpertMismatch,
            Self::Recused { .. } => DeskCode::RecusedScore,
            Self::Audit { violation, .. } => DeskCode::Audit(violation.code()),
            Self::DuplicateSheet { .. } => DeskCode::DuplicateSheet,
            Self::SheetsRefused { .. } => DeskCode::SheetsRefused,
            Self::NoSheets => DeskCode::NoSheets,
            Self::Compute(_) => DeskCode::ComputeRefused,
            Self::Draw(_) => DeskCode::BadDraw,
            Self::Opinions(_) => DeskCode::BadOpinions,
            Self::Recompute { .. } => DeskCode::RecomputeMismatch,
            Self::Cancelled => DeskCode::Cancelled,
            Self::CalendarYear { .. } => DeskCode::CalendarYearInvalid,
            Self::RecheckOtherExpert { .. } => DeskCode::RecheckOtherExpert,
            Self::StaleRecheck { .. } => DeskCode::StaleRecheck,
            Self::NoRechecks { .. } => DeskCode::NoRechecks,
        }
    }

    /// The file the error is about, when it names one (a load error's file, an
    /// unreadable or unwritable file, a key card, an identity file, the sheet
    /// given first of two the same).
    pub fn path(&self) -> Option<&Path> {
        match self {
            Self::Load(e) => Some(e.path()),
            Self::Workspace(e) => e.path(),
            Self::Read { path, .. }
            | Self::Write { path, .. }
            | Self::Card { path, .. }
            | Self::UnexpectedCardFile { path }
            | Self::OutputNotEmpty { path }
            | Self::Identity { path, .. }
            | Self::CalendarYear { path, .. } => Some(path),
            Self::DuplicateSheet { first } => Some(first),
            _ => None,
        }
    }

    /// The package or bundle entry the error was found in, when it names one.
    pub fn entry(&self) -> Option<&str> {
        match self {
            Self::Card { source, .. } | Self::Format { source, .. } => source.entry(),
            Self::Recompute { entry, .. } => Some(entry),
            _ => None,
        }
    }

    /// The person (panel member's id) the error is about, when it names one.
    pub fn person(&self) -> Option<&str> {
        match self {
            Self::MissingCard { person }
            | Self::CardRole { person, .. }
            | Self::OrganizerKey { person, .. }
            | Self::CardMismatch { person } => Some(person),
            Self::DuplicateKey { first, .. } => Some(first),
            Self::UnknownExpert { expert } | Self::PerExpert { expert, .. } => Some(expert),
            Self::PartExpert { sheet, .. } => Some(sheet),
            Self::Recused { expert, .. } | Self::Audit { expert, .. } => Some(expert),
            Self::RecheckOtherExpert { expert, .. } | Self::NoRechecks { expert } => Some(expert),
            _ => None,
        }
    }

    /// The field path (a load error's first problem), when the error names one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Load(e) => e.field(),
            Self::CalendarYear { problems, .. } => problems
                .first()
                .map(|p| p.path.as_str())
                .filter(|p| !p.is_empty()),
            _ => None,
        }
    }

    /// The 1-based line the error points at, when it names one.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::Load(e) => e.line(),
            Self::Card { source, .. } | Self::Format { source, .. } => source.line(),
            Self::Audit { violation, .. } => violation.line().map(|l| l as usize),
            _ => None,
        }
    }

    /// A format error in `part`.
    pub(crate) fn at(part: impl Into<String>) -> impl FnOnce(FormatError) -> Self {
        let part = part.into();
        move |source| Self::Format { part, source }
    }
}

#[cfg(test)]
mod capped_text {
    use super::*;

    #[test]
    fn a_long_value_is_cut_to_the_quoted_length() {
        let value = "7".repeat(1_000_000);
        let s = shortened(&value);
        assert_eq!(s.chars().count(), QUOTED + 1);
        assert!(s.ends_with('…'));
        assert_eq!(shortened("短值"), "短值");
        // Cut on a character boundary, never inside a UTF-8 sequence.
        let wide = "评".repeat(QUOTED + 5);
        assert_eq!(shortened(&wide).chars().count(), QUOTED + 1);
    }

    #[test]
    fn a_long_list_names_a_few_and_counts_the_rest() {
        let items = (0..4_822).map(|i| format!("scores[{i}]: out of range"));
        let text = listed(items, "; ");
        assert!(text.starts_with("scores[0]: out of range; scores[1]"));
        assert!(text.ends_with("; … and 4812 more"), "{text}");
        assert!(text.len() < 1_000, "{} bytes", text.len());
        assert_eq!(listed(["a".to_string(), "b".to_string()], ", "), "a, b");
    }

    #[test]
    fn a_refusal_of_many_entries_stays_short() {
        let e = DeskError::Compute(listed(
            (0..100_000).map(|i| format!("scores[{i}]: {}", "9".repeat(10_000))),
            "; ",
        ));
        let text = e.to_string();
        assert!(
            text.len() < 4 * (LISTED + 1) * (QUOTED + 20),
            "{} bytes",
            text.len()
        );
        assert!(text.contains("… and 99990 more"));
    }
}
