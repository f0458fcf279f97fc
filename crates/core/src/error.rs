//! What can be wrong with a round, each problem with the place it was found.

use std::fmt;

/// One problem found while validating a round, with the field path where it was
/// found (for example `assignment[3].expert`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundProblem {
    /// Where: a dotted path into the round file.
    pub path: String,
    /// What.
    pub kind: RoundProblemKind,
}

/// The kinds of problem a round can have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RoundProblemKind {
    /// The `format` tag is not one this version reads.
    #[error("unsupported format '{found}', expected '{expected}'")]
    Format {
        /// What the file says.
        found: String,
        /// What this version reads.
        expected: &'static str,
    },
    /// The round names another template than the one it was given.
    #[error("the round uses template '{wanted}' but template '{given}' was supplied")]
    TemplateMismatch {
        /// The template the round asks for.
        wanted: String,
        /// The template supplied.
        given: String,
    },
    /// An identifier is used twice.
    #[error("id '{0}' is used more than once")]
    DuplicateId(String),
    /// An identifier is empty or contains characters other than letters, digits, `-` and `_`.
    #[error("id '{0}' must be non-empty, use only letters, digits, '-' and '_', and not be a Windows device name (CON, NUL, COM1, …)")]
    BadId(String),
    /// A reference to an applicant that the round does not have.
    #[error("no applicant has id '{0}'")]
    UnknownApplicant(String),
    /// A reference to an expert that the panel does not have.
    #[error("no panel expert has id '{0}'")]
    UnknownExpert(String),
    /// A category the template does not define.
    #[error("the template defines no category '{0}'")]
    UnknownCategory(String),
    /// A text that must be given in Chinese and English lacks one.
    #[error("text must be given in both Chinese (zh) and English (en)")]
    IncompleteText,
    /// A required field is empty.
    #[error("must not be empty")]
    Empty,
    /// The same expert–applicant pair is listed twice.
    #[error("expert '{expert}' is assigned to applicant '{applicant}' more than once")]
    DuplicateAssignment {
        /// Expert id.
        expert: String,
        /// Applicant id.
        applicant: String,
    },
    /// A file name that could be read as a path or as anything but one plain file
    /// on some system (separators, `..`, hidden files, drive letters, Windows
    /// device names, a trailing dot or space: [`crate::check_file_name`]).
    #[error("file name '{0}' is not a plain file name: {reason}", reason = file_name_reason(.0, crate::Lang::En))]
    BadFileName(String),
    /// A sample for a stage the template does not sample.
    #[error("stage '{0}' is not a sampled stage of the template")]
    NotSampled(String),
    /// An advance list for a stage that is not a later, unsampled stage of the
    /// template (the first stage is open to every applicant; a sampled stage has
    /// its `[[sample]]`).
    #[error(
        "stage '{0}' is not a later, unsampled stage of the template: no advance list opens it"
    )]
    NotAdvanceable(String),
    /// Two advance lists for the same stage.
    #[error("stage '{0}' has more than one advance list")]
    DuplicateAdvance(String),
    /// `package_revision` is 0.
    #[error("package_revision must be 1 or more")]
    ZeroRevision,
    /// An eligibility record for an item the template's checklist does not have.
    #[error("the template has no eligibility item '{0}'")]
    UnknownEligibilityItem(String),
    /// Two eligibility records for the same applicant and item.
    #[error("eligibility item '{item}' is recorded more than once for applicant '{applicant}'")]
    DuplicateEligibility {
        /// Applicant id.
        applicant: String,
        /// Item id.
        item: String,
    },
    /// `ruling_reason`, `ruled_by` or `ruled_on` on a request still pending.
    #[error("only a ruled request (upheld or rejected) has a ruling's reason, author or date")]
    RulingDetailWhilePending,
    /// A recusal request ruled before the day it was received.
    #[error("the ruling ({on}) is dated before the request was received ({received})")]
    RuledBeforeReceived {
        /// `received`.
        received: crate::calendar::Date,
        /// `ruled_on`.
        on: crate::calendar::Date,
    },
    /// The same conflict is dismissed twice.
    #[error("the conflict of expert '{expert}' with applicant '{applicant}' is dismissed more than once")]
    DuplicateDismissal {
        /// Expert id.
        expert: String,
        /// Applicant id.
        applicant: String,
    },
}

/// Why `name` is not a plain file name, in `lang`.
pub(crate) fn file_name_reason(name: &str, lang: crate::Lang) -> &'static str {
    match crate::names::check_file_name(name) {
        Err(p) => p.message(lang),
        Ok(()) => "",
    }
}

impl fmt::Display for RoundProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}

impl std::error::Error for RoundProblem {}
