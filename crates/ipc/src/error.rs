//! The one IPC error: `{code, message}`. The UI branches on `code`, never on the message.

use std::collections::BTreeMap;

use reviewdesk_desk::DeskError;
use reviewdesk_io::LoadError;
use reviewdesk_keys::KeyError;
use reviewdesk_workspace::WorkspaceError;
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
    /// The package is in the workspace already.
    AlreadyImported,
    /// The workspace database failed, is corrupt or too new.
    Workspace,
    /// A file could not be written.
    NotWritable,
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
}

/// The error every command returns to the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    /// What kind of failure, for the UI to choose a screen.
    pub code: ErrorCode,
    /// A human-readable description: what is wrong and where.
    pub message: String,
    /// Facts the UI shows beside its own words, e.g. `organizer`, `pinned`,
    /// `presented` fingerprints; `detail` is the library's own code.
    pub details: BTreeMap<String, String>,
}

impl IpcError {
    /// An error with a code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        IpcError {
            code,
            message: message.into(),
            details: BTreeMap::new(),
        }
    }

    /// Adds a detail.
    pub fn with(mut self, key: &str, value: impl Into<String>) -> Self {
        self.details.insert(key.to_owned(), value.into());
        self
    }
}

/// The UI's code for a library code (`DeskError::code`, `KeyError::code`, …).
fn code_of(detail: &str) -> ErrorCode {
    use ErrorCode as C;
    match detail {
        "no_keyring" => C::NoKeyring,
        "keyring" | "not_in_keyring" | "corrupt" | "index" | "random" => C::KeyringError,
        "unknown_name" => C::UnknownIdentity,
        "name_taken" => C::NameTaken,
        "bad_name" => C::BadName,
        "wrong_passphrase" => C::WrongPassphrase,
        "not_a_backup" => C::NotABackup,
        "empty_passphrase" => C::EmptyPassphrase,
        "bad_magic" | "unsupported_version" => C::NotAPackage,
        "truncated"
        | "trailing_data"
        | "too_large"
        | "duplicate_entry"
        | "missing_signature"
        | "bad_signature_encoding"
        | "unsupported_key"
        | "wrong_namespace"
        | "bad_signature"
        | "signer_mismatch"
        | "hash_mismatch"
        | "index_mismatch"
        | "bad_age_header"
        | "too_many_stanzas"
        | "decrypt_failed"
        | "not_bound"
        | "audit_mismatch" => C::Tampered,
        "not_a_recipient" | "not_an_expert" | "not_on_panel" => C::NotForYou,
        "organizer_not_pinned" => C::OrganizerNotPinned,
        "organizer_changed" | "unknown_signer" => C::OrganizerChanged,
        "trust_mismatch" => C::TrustMismatch,
        "expired" => C::Expired,
        "already_imported" => C::AlreadyImported,
        "no_data_dir" | "workspace_db" | "workspace_too_new" | "workspace_corrupt"
        | "audit_broken" | "unknown_package" => C::Workspace,
        "not_readable" | "io" => C::NotReadable,
        "not_writable" => C::NotWritable,
        "malformed" | "bad_round" | "bad_scores" => C::Malformed,
        "pledge_first" => C::PledgeFirst,
        "declare_first" => C::DeclareFirst,
        "recused" => C::Recused,
        "recusal_locked" => C::RecusalLocked,
        "note_required" => C::NoteRequired,
        "stage_closed" => C::StageClosed,
        "not_assigned" => C::NotAssigned,
        "out_of_range" => C::OutOfRange,
        "off_step" => C::OffStep,
        "reason_required" => C::ReasonRequired,
        "veto_reason_required" => C::VetoReasonRequired,
        "missing_declarations" => C::MissingDeclarations,
        "scored_before_recusal" => C::ScoredBeforeRecusal,
        "unknown_stage" | "unknown_indicator" | "wrong_stage_kind" | "not_veto" | "bad_score"
        | "no_such_entry" => C::BadEntry,
        "print_failed" | "report_failed" => C::PrintFailed,
        "not_the_chair" => C::NotTheChair,
        "stale_revision" => C::StaleRevision,
        "duplicate_sheet" => C::DuplicateSheet,
        "recused_score" => C::RecusedScore,
        "no_sheets" => C::NoSheets,
        "compute_refused" => C::ComputeRefused,
        "bad_draw" => C::BadDraw,
        "bad_opinions" | "bad_content" => C::BadOpinions,
        _ => C::Internal,
    }
}

/// The UI code of a sheet's refusal at the chair desk: where a code means
/// something else for a sheet than for a package (`unknown_signer`: the signer is
/// not on the roster, not a changed organizer key; `not_bound`: another package).
pub(crate) fn sheet_code(detail: &str) -> ErrorCode {
    match detail {
        "unknown_signer" | "part_expert_mismatch" => ErrorCode::OutsideRoster,
        "not_bound" => ErrorCode::OtherPackage,
        "bad_magic" | "bad_age_header" | "unsupported_version" => ErrorCode::NotASheet,
        other => code_of(other),
    }
}

impl From<DeskError> for IpcError {
    fn from(e: DeskError) -> Self {
        let detail = e.code().as_str();
        let mut err = IpcError::new(code_of(detail), e.to_string()).with("detail", detail);
        match &e {
            DeskError::OrganizerChanged {
                organizer,
                pinned,
                presented,
            } => {
                err = err
                    .with("organizer", organizer.as_str())
                    .with("pinned", pinned.as_str())
                    .with("presented", presented.as_str());
            }
            DeskError::OrganizerNotPinned {
                organizer,
                fingerprint,
            } => {
                err = err
                    .with("organizer", organizer.as_str())
                    .with("fingerprint", fingerprint.as_str());
            }
            DeskError::UntrustedOrganizer { expected, found } => {
                err = err
                    .with("pinned", expected.as_str())
                    .with("presented", found.as_str());
            }
            DeskError::Expired { deadline } => err = err.with("deadline", deadline.as_str()),
            DeskError::Review(reviewdesk_core::ReviewProblem::MissingDeclarations(list)) => {
                err = err.with("applicants", list.join(", "))
            }
            _ => {}
        }
        err
    }
}

impl From<KeyError> for IpcError {
    fn from(e: KeyError) -> Self {
        let detail = e.code().as_str();
        IpcError::new(code_of(detail), e.to_string()).with("detail", detail)
    }
}

impl From<WorkspaceError> for IpcError {
    fn from(e: WorkspaceError) -> Self {
        let detail = e.code().as_str();
        IpcError::new(code_of(detail), e.to_string()).with("detail", detail)
    }
}

impl From<LoadError> for IpcError {
    fn from(e: LoadError) -> Self {
        let code = match &e {
            LoadError::Read { .. } => ErrorCode::NotReadable,
            LoadError::Parse { .. } => ErrorCode::Malformed,
            LoadError::Invalid { .. } => ErrorCode::Invalid,
            LoadError::UnknownTemplate { .. } => ErrorCode::UnknownTemplate,
            LoadError::Material { .. } => ErrorCode::BadMaterial,
            _ => ErrorCode::Internal,
        };
        IpcError::new(code, e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_json_is_pinned() {
        let e = IpcError::new(ErrorCode::Malformed, "round.toml: line 3");
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"code":"malformed","message":"round.toml: line 3","details":{}}"#
        );
    }

    #[test]
    fn every_code_has_a_pinned_name() {
        let all = [
            (ErrorCode::NotReadable, "not_readable"),
            (ErrorCode::Malformed, "malformed"),
            (ErrorCode::Invalid, "invalid"),
            (ErrorCode::UnknownTemplate, "unknown_template"),
            (ErrorCode::BadMaterial, "bad_material"),
            (ErrorCode::NoRound, "no_round"),
            (ErrorCode::Internal, "internal"),
            (ErrorCode::NoKeyring, "no_keyring"),
            (ErrorCode::Tampered, "tampered"),
            (ErrorCode::NotForYou, "not_for_you"),
            (ErrorCode::OrganizerNotPinned, "organizer_not_pinned"),
            (ErrorCode::OrganizerChanged, "organizer_changed"),
            (ErrorCode::Expired, "expired"),
            (ErrorCode::AlreadyImported, "already_imported"),
            (ErrorCode::PledgeFirst, "pledge_first"),
            (ErrorCode::OutOfRange, "out_of_range"),
            (ErrorCode::OffStep, "off_step"),
            (ErrorCode::NotANumber, "not_a_number"),
            (ErrorCode::MissingDeclarations, "missing_declarations"),
        ];
        for (code, name) in all {
            assert_eq!(serde_json::to_value(code).unwrap(), name);
        }
    }

    #[test]
    fn every_desk_code_the_library_returns_has_a_ui_code() {
        // Each library code maps to something other than `internal`.
        for detail in [
            "no_keyring",
            "hash_mismatch",
            "bad_signature",
            "truncated",
            "not_a_recipient",
            "organizer_not_pinned",
            "organizer_changed",
            "unknown_signer",
            "trust_mismatch",
            "expired",
            "already_imported",
            "bad_magic",
            "pledge_first",
            "declare_first",
            "recused",
            "recusal_locked",
            "note_required",
            "out_of_range",
            "off_step",
            "reason_required",
            "missing_declarations",
            "workspace_db",
            "not_writable",
            "not_the_chair",
            "stale_revision",
            "duplicate_sheet",
            "recused_score",
            "no_sheets",
            "compute_refused",
            "bad_draw",
            "bad_opinions",
        ] {
            assert_ne!(code_of(detail), ErrorCode::Internal, "{detail}");
        }
    }

    #[test]
    fn a_sheets_refusal_is_named_for_a_sheet() {
        // For a sheet, an unknown signer is someone outside the roster (not a
        // changed organizer key), and `not_bound` another package.
        assert_eq!(sheet_code("unknown_signer"), ErrorCode::OutsideRoster);
        assert_eq!(sheet_code("part_expert_mismatch"), ErrorCode::OutsideRoster);
        assert_eq!(sheet_code("not_bound"), ErrorCode::OtherPackage);
        assert_eq!(sheet_code("bad_age_header"), ErrorCode::NotASheet);
        assert_eq!(sheet_code("decrypt_failed"), ErrorCode::Tampered);
        assert_eq!(sheet_code("stale_revision"), ErrorCode::StaleRevision);
        assert_eq!(sheet_code("duplicate_sheet"), ErrorCode::DuplicateSheet);
        assert_eq!(sheet_code("recused_score"), ErrorCode::RecusedScore);
        assert_eq!(
            serde_json::to_value(ErrorCode::NotTheChair).unwrap(),
            "not_the_chair"
        );
    }

    #[test]
    fn load_errors_map_to_codes() {
        let e = reviewdesk_io::load_round(std::path::Path::new("/nonexistent/round")).unwrap_err();
        assert_eq!(IpcError::from(e).code, ErrorCode::NotReadable);
    }
}
