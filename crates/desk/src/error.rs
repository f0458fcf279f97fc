//! The one error of the desk services: what failed, naming the file, person or
//! package part, with the formats crate's stable code where there is one.

use std::path::{Path, PathBuf};

use reviewdesk_core::rules::RecusedEntry;
use reviewdesk_core::Lang;
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
    #[error("not a ReviewDesk file: not a sealed package, score sheet, result bundle or key card (its first bytes are none of theirs); check that the right file was chosen")]
    UnknownFileKind,
    /// The file is empty (0 bytes).
    #[error("the file is empty (0 bytes): it was not copied or saved whole; ask its sender for it again")]
    EmptyFile,
    /// A ReviewDesk file of another kind than the step takes (a score sheet given to
    /// `import`, which takes a package).
    #[error("this is {}, not {}: choose {} instead", kind_text(*found, Lang::En), kind_text(*expected, Lang::En), kind_text(*expected, Lang::En))]
    WrongFileKind {
        /// The kind the step takes.
        expected: crate::FileKind,
        /// The kind the file is.
        found: crate::FileKind,
    },
    /// A round (a package's `round` entry, or a bundle's) that does not validate:
    /// every problem with its field path (`bad_content`).
    #[error("{part}: {}", listed(problems.iter().map(|p| p.to_string()), "; "))]
    RoundInvalid {
        /// Which part: `round`.
        part: String,
        /// Every problem.
        problems: Vec<reviewdesk_core::RoundProblem>,
    },
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
    /// `empty_file`: the file is empty.
    EmptyFile,
    /// `wrong_file_kind`: a ReviewDesk file of another kind than the step takes.
    WrongFileKind,
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
            Self::EmptyFile => "empty_file",
            Self::WrongFileKind => "wrong_file_kind",
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
            Self::EmptyFile => DeskCode::EmptyFile,
            Self::WrongFileKind { .. } => DeskCode::WrongFileKind,
            Self::RoundInvalid { .. } => DeskCode::BadContent,
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
            Self::RoundInvalid { problems, .. } => problems.first().map(|p| p.path.as_str()),
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

/// A kind of file in `lang`, as a refusal names it.
fn kind_text(kind: crate::FileKind, lang: Lang) -> &'static str {
    use crate::FileKind as K;
    match (kind, lang) {
        (K::Package, Lang::ZhCn) => "评审包（.rdpkg）",
        (K::Package, Lang::En) => "a sealed package (.rdpkg)",
        (K::Encrypted, Lang::ZhCn) => "加密的评分表或结果包（.rdsheet / .rdbundle）",
        (K::Encrypted, Lang::En) => {
            "an encrypted score sheet or result bundle (.rdsheet / .rdbundle)"
        }
        (K::KeyCard, Lang::ZhCn) => "密钥卡（.card）",
        (K::KeyCard, Lang::En) => "a key card (.card)",
    }
}

/// The first ten of `items` joined by "；", then how many in all.
fn listed_zh(items: impl IntoIterator<Item = String>) -> String {
    let mut shown = Vec::new();
    let mut n = 0usize;
    for item in items {
        if shown.len() < LISTED {
            shown.push(shortened(&item));
        }
        n += 1;
    }
    let mut text = shown.join("；");
    if n > shown.len() {
        text.push_str(&format!("……等共 {n} 项"));
    }
    text
}

impl DeskError {
    /// What is wrong, where (file, entry, person, field) and what to do, in
    /// `lang`: the one text the CLI prints and the app shows. English is the
    /// `Display` text; Chinese says the same without echoing a parser's English
    /// detail.
    pub fn message(&self, lang: Lang) -> String {
        use reviewdesk_formats::{io_reason, part_name};
        // Wrapped errors speak for themselves in both languages.
        match self {
            Self::Load(e) => return e.message(lang),
            Self::Round(e) => return e.message(lang),
            Self::Stage(e) => return e.message(lang),
            Self::Workspace(e) => return e.message(lang),
            Self::Review(e) => return e.message(lang),
            Self::Audit { expert, violation } => {
                return match lang {
                    Lang::En => format!("expert {expert}'s sheet: {}", violation.message(lang)),
                    _ => format!("专家 {expert} 的评分表：{}", violation.message(lang)),
                }
            }
            _ if lang == Lang::En => return self.to_string(),
            _ => {}
        }
        let resend = "请勿使用此文件，向发送方重新索取";
        match self {
            Self::Load(_)
            | Self::Round(_)
            | Self::Stage(_)
            | Self::Workspace(_)
            | Self::Review(_)
            | Self::Audit { .. } => {
                unreachable!("answered above")
            }
            Self::Read { path, source } => format!(
                "无法读取 {}：{}。请检查路径与权限",
                path.display(),
                io_reason(source, lang)
            ),
            Self::Write { path, source } => format!(
                "无法写入 {}：{}。没有留下写了一半的文件",
                path.display(),
                io_reason(source, lang)
            ),
            Self::Card { path, source } => format!(
                "{} 未通过校验：{}",
                path.display(),
                source.message(lang)
            ),
            Self::UnexpectedCardFile { path } => format!(
                "{} 不是密钥卡的文件名（应为 <人员编号>.card）：请改名或移出 cards/ 文件夹",
                path.display()
            ),
            Self::MissingCard { person } => format!(
                "缺少 cards/{person}.card：评审组每位成员都需要一张密钥卡。请向其索取后放入 cards/"
            ),
            Self::CardRole {
                person,
                expected,
                found,
            } => format!(
                "cards/{person}.card 上的角色是 `{found}`，而评审批次中 {person} 的角色是 `{expected}`：请向其索取正确角色的密钥卡"
            ),
            Self::OrganizerCard(_) => {
                "cards/ 中必须恰好有一张主办单位的密钥卡（在评审组成员的卡之外）".to_string()
            }
            Self::OrganizerKey {
                person,
                card,
                signer,
            } => format!(
                "签名密钥是 {signer}，而主办单位的密钥卡（cards/{person}.card）是 {card}：请用与密钥卡一致的主办单位身份签名"
            ),
            Self::DuplicateKey { first, second } => format!(
                "cards/{first}.card 与 cards/{second}.card 的签名密钥相同：每人必须有自己的密钥"
            ),
            Self::UnknownExpert { expert } => format!("评审组中没有编号为 `{expert}` 的专家"),
            Self::PerExpert { expert, .. } => {
                format!("无法为专家 `{expert}` 生成其个人评审包所需的评审批次")
            }
            // A format error that names its entry itself is not prefixed twice.
            Self::Format { part, source }
                if source.entry() == Some(part.strip_prefix("entry ").unwrap_or(part)) =>
            {
                source.message(lang)
            }
            Self::Format { part, source } => {
                format!("{}：{}", part_name(part, lang), source.message(lang))
            }
            Self::CardMismatch { person } => format!(
                "条目 `card.{person}` 中的密钥卡与索引中的接收人 {person} 不一致：评审包已损坏或被篡改。{resend}"
            ),
            Self::UntrustedOrganizer { expected, found } => format!(
                "评审包的签名者是 {found}，不是受信任的主办单位密钥 {expected}：可能是伪造的评审包，或主办单位更换了密钥。请向主办单位核实"
            ),
            Self::NotAnExpert { fingerprint } => format!(
                "{fingerprint} 不是此评审包中的评审专家：请确认使用的是您的专家身份"
            ),
            Self::Scores(_) => {
                "评分内容不是一个 JSON 对象（或不是有效的 JSON）：评分表不能用于汇总。请专家重新导出并签名".to_string()
            }
            Self::Report { name, .. } => {
                format!("无法生成报告 {name}：数据与报告不匹配，或写入失败")
            }
            Self::Identity { path, .. } => format!(
                "{} 中没有可用的 age 身份：请检查所选的身份文件",
                path.display()
            ),
            Self::UnknownFileKind => {
                "这不是评审台的文件：不是评审包、评分表、结果包或密钥卡（文件开头与这几种都不符）。请检查选择的文件是否正确".to_string()
            }
            Self::EmptyFile => format!("文件为空（0 字节）：没有完整复制或保存。{resend}"),
            Self::WrongFileKind { expected, found } => format!(
                "这是{}，不是{}：请改选{}",
                kind_text(*found, lang),
                kind_text(*expected, lang),
                kind_text(*expected, lang)
            ),
            Self::RoundInvalid { part, problems } => format!(
                "{}有 {} 处问题，后续步骤（导入、汇总）都会拒绝它：{}。请向主办单位反映，索取修正后的评审包",
                part_name(part, lang),
                problems.len(),
                listed_zh(problems.iter().map(|p| p.message(lang)))
            ),
            Self::Malformed { part, .. } => format!(
                "{}已通过签名校验，但内容不符合其格式：文件由不兼容的版本生成或已损坏。{resend}",
                part_name(part, lang)
            ),
            Self::OrganizerChanged {
                organizer,
                pinned,
                presented,
            } => format!(
                "评审包的签名者是 {presented}，而为「{organizer}」固定的密钥是 {pinned}，已拒绝。若主办单位已线下向您确认更换了密钥，请确认 {presented} 后重新导入"
            ),
            Self::OrganizerNotPinned {
                organizer,
                fingerprint,
            } => format!(
                "这是第一次收到「{organizer}」的评审包：请将其密钥 {fingerprint} 与主办单位线下提供的指纹核对，一致后确认（命令行：--trust {fingerprint}）"
            ),
            Self::TrustMismatch { confirmed, signer } => format!(
                "您确认的是 {confirmed}，而评审包的签名者是 {signer}，已拒绝"
            ),
            Self::Expired { deadline } => format!(
                "评审截止日期 {deadline} 已过：请向主办单位索取新的评审包"
            ),
            Self::StalePackage {
                round,
                offered,
                held,
            } => format!(
                "此评审包是批次 {round} 的第 {offered} 版，而此处已有第 {held} 版：旧版或同版不能替换新版，已拒绝。请向主办单位索取最新版本"
            ),
            Self::ScoredBeforeRecusal { applicant } => format!(
                "您已给申报单位 {applicant} 打过分：请先清除这些评分再申请回避"
            ),
            Self::RecusalFinal { applicant } => format!(
                "您已回避申报单位 {applicant}：对此评审包而言，回避不能撤回或更改"
            ),
            Self::Print(_) => "无法生成打印用评分表".to_string(),
            Self::OutputNotEmpty { path } => format!(
                "{}：输出文件夹不是空的（已分发的评审包绝不覆盖）。请选择一个空文件夹",
                path.display()
            ),
            Self::SheetNeedsPackage => {
                "评分表要对照其评审包核对：请给出评审包（--package）和身份（--as 或 --identity）".to_string()
            }
            Self::NeedsIdentity => {
                "这是加密的评分表或结果包：请给出能解密它的身份（--as 或 --identity）".to_string()
            }
            Self::NotTheChair { fingerprint } => {
                format!("{fingerprint} 不是此评审包的评审组长：只有组长能汇总")
            }
            Self::Content { part, .. } => format!(
                "{}的内容不符合要求，后续步骤会拒绝它：文件已损坏、被篡改或由不兼容的版本生成。{resend}",
                part_name(part, lang)
            ),
            Self::CalendarYear { path, problems } => format!(
                "日历年份文件 {} 有 {} 处问题：{}",
                path.display(),
                problems.len(),
                listed_zh(problems.iter().map(|p| p.message(lang)))
            ),
            Self::PartExpert { sheet, part } => format!(
                "评分表由专家 {sheet} 签名，评分内容却是专家 {part} 的：评分表不能用于汇总，请该专家重新签名"
            ),
            Self::Recused { expert, entries } => format!(
                "专家 {expert} 已回避的申报单位有评分：{}。评分表不能用于汇总，请该专家删除这些评分后重新签名",
                listed_zh(entries.iter().map(|e| format!("{}（{}）", e.applicant, e.entry)))
            ),
            Self::DuplicateSheet { first } => {
                let name = first.display().to_string();
                match name.strip_suffix(crate::chair::IMPORTED_MARK) {
                    Some(held) => format!("与此前已导入的 {held} 是同一份评分表"),
                    None => format!("与 {name} 是同一份评分表"),
                }
            }
            Self::SheetsRefused { reports } => {
                let refused: Vec<_> = reports.iter().filter(|r| r.is_blocking()).collect();
                format!(
                    "{} 份评分表被拒绝，未汇总任何内容：{}。请把它们移出列表，或向专家索取更正后的评分表",
                    refused.len(),
                    listed_zh(refused.iter().map(|r| match &r.outcome {
                        crate::merge::SheetOutcome::Refused(e) => {
                            format!("{}：[{}] {}", r.file.display(), e.code(), e.message(lang))
                        }
                        crate::merge::SheetOutcome::Accepted { .. } => r.file.display().to_string(),
                    }))
                )
            }
            Self::NoSheets => "没有可汇总的评分表".to_string(),
            Self::Compute(_) => {
                "评分规则拒绝了汇总后的评分（评分与模板或评审批次不符）：请按英文详情（--lang en）找出有问题的评分表并请专家更正".to_string()
            }
            Self::Draw(_) => {
                "现场考察抽签的公布值缺失或不适用：模板设有抽查环节时须给出 --announced，没有时不能给".to_string()
            }
            Self::Opinions(_) => "评审意见与评审批次不符（申报单位或环节不对）".to_string(),
            Self::Cancelled => "已中止，未保留任何内容".to_string(),
            Self::RecheckOtherExpert { expert, you } => format!(
                "该复核请求是发给专家 {expert} 的，不是发给您（{you}）的：未导入。请向评审组组长索取您本人的复核请求"
            ),
            Self::StaleRecheck { offered, held } => format!(
                "这是组长的第 {offered} 次复核请求，而第 {held} 次已经导入：较早或相同的请求不再导入，请使用组长最新发出的文件"
            ),
            Self::NoRechecks { expert } => format!(
                "没有要发给专家 {expert} 的复核：请先在其评分偏离项中请求复核（或选择全部偏离项）"
            ),
            Self::Recompute {
                entry,
                path,
                found,
                expected,
            } => format!(
                "条目 `{entry}` 与按签名的评分表、评审批次和模板重新计算的结果不符：在 `{path}` 处，结果包中为 `{found}`，重新计算为 `{expected}`。结果包不可信；{resend}"
            ),
        }
    }
}

/// One instance of every [`DeskError`] variant, free-form fields filled with
/// English parser sentences a Chinese message must not echo (a new variant fails
/// to compile in the match until it is listed), for the message tests here and
/// in the crates above.
#[doc(hidden)]
pub fn every_desk_error() -> Vec<DeskError> {
    use crate::merge::{SheetOutcome, SheetReport};
    let english = || "expected value at line 1 column 1".to_string();
    let io = || std::io::Error::new(std::io::ErrorKind::NotFound, english());
    let mut all = vec![
        DeskError::Read {
            path: "a/round.rdpkg".into(),
            source: io(),
        },
        DeskError::Write {
            path: "a/out.rdbundle".into(),
            source: io(),
        },
        DeskError::Card {
            path: "cards/E01.card".into(),
            source: FormatError::BadSignature,
        },
        DeskError::UnexpectedCardFile {
            path: "cards/notes.txt".into(),
        },
        DeskError::MissingCard {
            person: "E02".into(),
        },
        DeskError::CardRole {
            person: "E02".into(),
            expected: "expert",
            found: "chair",
        },
        DeskError::OrganizerCard(english()),
        DeskError::OrganizerKey {
            person: "ORG".into(),
            card: "SHA256:abc".into(),
            signer: "SHA256:def".into(),
        },
        DeskError::DuplicateKey {
            first: "E01".into(),
            second: "E02".into(),
        },
        DeskError::UnknownExpert {
            expert: "E09".into(),
        },
        DeskError::PerExpert {
            expert: "E01".into(),
            message: english(),
        },
        DeskError::Format {
            part: "entry material.M03".into(),
            source: FormatError::DecryptFailed {
                name: "material.M03".into(),
                message: english(),
            },
        },
        DeskError::CardMismatch {
            person: "E01".into(),
        },
        DeskError::UntrustedOrganizer {
            expected: "SHA256:abc".into(),
            found: "SHA256:def".into(),
        },
        DeskError::NotAnExpert {
            fingerprint: "SHA256:abc".into(),
        },
        DeskError::Scores(english()),
        DeskError::Report {
            name: "summary.pdf",
            source: reviewdesk_results::ResultsError::Inconsistent(english()),
        },
        DeskError::Identity {
            path: "E01.age".into(),
            message: english(),
        },
        DeskError::UnknownFileKind,
        DeskError::EmptyFile,
        DeskError::WrongFileKind {
            expected: crate::FileKind::Package,
            found: crate::FileKind::Encrypted,
        },
        DeskError::RoundInvalid {
            part: "round".into(),
            problems: vec![reviewdesk_core::RoundProblem {
                path: "material[0].file".into(),
                kind: reviewdesk_core::RoundProblemKind::BadFileName("C:evil.pdf".into()),
            }],
        },
        DeskError::Malformed {
            part: "entry round".into(),
            message: english(),
        },
        DeskError::OrganizerChanged {
            organizer: "Alliance".into(),
            pinned: "SHA256:abc".into(),
            presented: "SHA256:def".into(),
        },
        DeskError::OrganizerNotPinned {
            organizer: "Alliance".into(),
            fingerprint: "SHA256:abc".into(),
        },
        DeskError::TrustMismatch {
            confirmed: "SHA256:abc".into(),
            signer: "SHA256:def".into(),
        },
        DeskError::Expired {
            deadline: "2026-05-01".into(),
        },
        DeskError::StalePackage {
            round: "gd-2026".into(),
            offered: 1,
            held: 2,
        },
        DeskError::ScoredBeforeRecusal {
            applicant: "A01".into(),
        },
        DeskError::RecusalFinal {
            applicant: "A01".into(),
        },
        DeskError::Print(english()),
        DeskError::OutputNotEmpty { path: "out".into() },
        DeskError::SheetNeedsPackage,
        DeskError::NeedsIdentity,
        DeskError::NotTheChair {
            fingerprint: "SHA256:abc".into(),
        },
        DeskError::Content {
            part: "decisions".into(),
            message: english(),
        },
        DeskError::CalendarYear {
            path: "2027.toml".into(),
            problems: vec![reviewdesk_core::YearProblem {
                path: "year".into(),
                kind: reviewdesk_core::YearProblemKind::Syntax {
                    line: Some(1),
                    message: english(),
                },
            }],
        },
        DeskError::PartExpert {
            sheet: "E01".into(),
            part: "E02".into(),
        },
        DeskError::Recused {
            expert: "E03".into(),
            entries: vec![RecusedEntry {
                entry: "scores[0]".into(),
                applicant: "A04".into(),
            }],
        },
        DeskError::DuplicateSheet {
            first: "E01.rdsheet".into(),
        },
        DeskError::SheetsRefused {
            reports: vec![SheetReport {
                file: "E01.rdsheet".into(),
                outcome: SheetOutcome::Refused(Box::new(DeskError::Scores(english()))),
            }],
        },
        DeskError::NoSheets,
        DeskError::Compute(english()),
        DeskError::Draw(english()),
        DeskError::Opinions(english()),
        DeskError::Cancelled,
        DeskError::Audit {
            expert: "E01".into(),
            violation: reviewdesk_core::AuditViolation::Missing,
        },
        DeskError::RecheckOtherExpert {
            expert: "E02".into(),
            you: "E01".into(),
        },
        DeskError::StaleRecheck {
            offered: 1,
            held: 2,
        },
        DeskError::NoRechecks {
            expert: "E01".into(),
        },
        DeskError::Recompute {
            entry: "merge-output",
            path: "applicants[0].final".into(),
            found: "\"99.99\"".into(),
            expected: "\"84.12\"".into(),
        },
        DeskError::Stage(StageError::NothingToClose),
    ];
    all.extend(
        reviewdesk_io::every_load_error()
            .into_iter()
            .map(DeskError::Load),
    );
    all.extend(
        reviewdesk_io::every_import_error()
            .into_iter()
            .map(DeskError::Round),
    );
    all.extend(
        reviewdesk_workspace::every_workspace_error()
            .into_iter()
            .map(DeskError::Workspace),
    );
    all.push(DeskError::Review(
        reviewdesk_core::ReviewProblem::PledgeFirst,
    ));
    all.extend(
        reviewdesk_formats::every_format_error()
            .into_iter()
            .map(|e| DeskError::Format {
                part: "sheet".into(),
                source: e,
            }),
    );
    for e in &all {
        match e {
            DeskError::Load(_)
            | DeskError::Round(_)
            | DeskError::Stage(_)
            | DeskError::Read { .. }
            | DeskError::Write { .. }
            | DeskError::Card { .. }
            | DeskError::UnexpectedCardFile { .. }
            | DeskError::MissingCard { .. }
            | DeskError::CardRole { .. }
            | DeskError::OrganizerCard(_)
            | DeskError::OrganizerKey { .. }
            | DeskError::DuplicateKey { .. }
            | DeskError::UnknownExpert { .. }
            | DeskError::PerExpert { .. }
            | DeskError::Format { .. }
            | DeskError::CardMismatch { .. }
            | DeskError::UntrustedOrganizer { .. }
            | DeskError::NotAnExpert { .. }
            | DeskError::Scores(_)
            | DeskError::Report { .. }
            | DeskError::Identity { .. }
            | DeskError::UnknownFileKind
            | DeskError::EmptyFile
            | DeskError::WrongFileKind { .. }
            | DeskError::RoundInvalid { .. }
            | DeskError::Malformed { .. }
            | DeskError::OrganizerChanged { .. }
            | DeskError::OrganizerNotPinned { .. }
            | DeskError::TrustMismatch { .. }
            | DeskError::Expired { .. }
            | DeskError::StalePackage { .. }
            | DeskError::ScoredBeforeRecusal { .. }
            | DeskError::RecusalFinal { .. }
            | DeskError::Print(_)
            | DeskError::OutputNotEmpty { .. }
            | DeskError::Workspace(_)
            | DeskError::Review(_)
            | DeskError::SheetNeedsPackage
            | DeskError::NeedsIdentity
            | DeskError::NotTheChair { .. }
            | DeskError::Content { .. }
            | DeskError::CalendarYear { .. }
            | DeskError::PartExpert { .. }
            | DeskError::Recused { .. }
            | DeskError::DuplicateSheet { .. }
            | DeskError::SheetsRefused { .. }
            | DeskError::NoSheets
            | DeskError::Compute(_)
            | DeskError::Draw(_)
            | DeskError::Opinions(_)
            | DeskError::Cancelled
            | DeskError::Audit { .. }
            | DeskError::RecheckOtherExpert { .. }
            | DeskError::StaleRecheck { .. }
            | DeskError::NoRechecks { .. }
            | DeskError::Recompute { .. } => {}
        }
    }
    all
}

#[cfg(test)]
mod message_tests {
    use super::*;
    use reviewdesk_core::{en_message_problem, zh_message_problem};

    #[test]
    fn every_desk_error_reads_in_both_languages() {
        let all = every_desk_error();
        assert!(all.len() > 100, "{}", all.len());
        for e in all {
            let (zh, en) = (e.message(Lang::ZhCn), e.message(Lang::En));
            assert!(
                zh_message_problem(&zh).is_none(),
                "[{}] {:?}",
                e.code(),
                zh_message_problem(&zh)
            );
            assert!(en_message_problem(&en).is_none(), "[{}] {en}", e.code());
        }
    }

    #[test]
    fn the_confusing_messages_of_issue_17_are_fixed() {
        let zh = |e: DeskError| e.message(Lang::ZhCn);
        assert!(zh(DeskError::EmptyFile).starts_with("文件为空"));
        let m = zh(DeskError::WrongFileKind {
            expected: crate::FileKind::Package,
            found: crate::FileKind::Encrypted,
        });
        assert!(
            m.starts_with("这是加密的评分表或结果包") && m.contains("请改选评审包"),
            "{m}"
        );
        let en = DeskError::UnknownFileKind.to_string();
        assert!(en.contains("result bundle"), "{en}");
    }
}
