//! The one error of the desk services: what failed, naming the file, person or
//! package part, with the formats crate's stable code where there is one.

use std::path::PathBuf;

use reviewdesk_formats::FormatError;
use reviewdesk_io::LoadError;
use thiserror::Error;

/// Why a desk operation failed.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum DeskError {
    /// The round folder could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),
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
    /// A recusal declared after scoring the applicant.
    #[error("applicant {applicant} already has scores from you: clear them before recusing")]
    ScoredBeforeRecusal {
        /// The applicant.
        applicant: String,
    },
    /// The printed sheet could not be made.
    #[error("printing the score sheet: {0}")]
    Print(String),
    /// The workspace failed.
    #[error(transparent)]
    Workspace(#[from] reviewdesk_workspace::WorkspaceError),
    /// The review rules refuse the entry.
    #[error(transparent)]
    Review(#[from] reviewdesk_core::ReviewProblem),
    /// A sheet needs its package (and an identity) to be checked.
    #[error("a score sheet is checked against its package: give the package and an identity")]
    SheetNeedsPackage,
}

impl DeskError {
    /// A stable snake_case code: the formats crate's for format errors, else the
    /// variant's own.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Load(_) => "bad_round",
            Self::Read { .. } => "not_readable",
            Self::Write { .. } => "not_writable",
            Self::Card { source, .. } | Self::Format { source, .. } => source.code(),
            Self::UnexpectedCardFile { .. }
            | Self::MissingCard { .. }
            | Self::CardRole { .. }
            | Self::OrganizerCard(_)
            | Self::DuplicateKey { .. } => "bad_cards",
            Self::OrganizerKey { .. } => "wrong_signing_key",
            Self::UnknownExpert { .. } | Self::PerExpert { .. } => "bad_expert",
            Self::CardMismatch { .. } => "index_mismatch",
            Self::UntrustedOrganizer { .. } => "unknown_signer",
            Self::NotAnExpert { .. } => "not_an_expert",
            Self::Scores(_) => "bad_scores",
            Self::Identity { .. } => "bad_identity",
            Self::UnknownFileKind => "bad_magic",
            Self::SheetNeedsPackage => "needs_package",
            Self::Malformed { .. } => "malformed",
            Self::OrganizerChanged { .. } => "organizer_changed",
            Self::OrganizerNotPinned { .. } => "organizer_not_pinned",
            Self::TrustMismatch { .. } => "trust_mismatch",
            Self::Expired { .. } => "expired",
            Self::ScoredBeforeRecusal { .. } => "scored_before_recusal",
            Self::Print(_) => "print_failed",
            Self::Workspace(e) => e.code(),
            Self::Review(e) => e.code(),
        }
    }

    /// A format error in `part`.
    pub(crate) fn at(part: impl Into<String>) -> impl FnOnce(FormatError) -> Self {
        let part = part.into();
        move |source| Self::Format { part, source }
    }
}
