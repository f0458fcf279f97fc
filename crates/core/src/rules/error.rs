//! Why a computation was refused: the template is invalid, or an input entry
//! is — each problem names the offending entry (e.g. `scores[12]`).

use crate::template::TemplateProblem;
use rust_decimal::Decimal;
use std::fmt;

/// A computation that could not be done.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ComputeError {
    /// The template does not validate.
    #[error("invalid template: {}", .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; "))]
    Template(Vec<TemplateProblem>),
    /// Some input entries are wrong; every one found is listed.
    #[error("{}", .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Input(Vec<InputProblem>),
}

/// One bad input entry, with its path (for example `scores[12].value`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputProblem {
    /// Where: a path into the input, e.g. `scores[12].value`.
    pub entry: String,
    /// What.
    pub kind: InputProblemKind,
}

impl fmt::Display for InputProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.entry, self.kind)
    }
}

impl std::error::Error for InputProblem {}

/// The kinds of bad input entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputProblemKind {
    /// An id is listed twice.
    #[error("id '{0}' is listed more than once")]
    DuplicateId(String),
    /// The same expert gives the same score, verdict, veto, assignment or recusal twice.
    #[error("duplicate entry (same as {0})")]
    DuplicateEntry(String),
    /// An applicant id not in `applicants`.
    #[error("unknown applicant '{0}'")]
    UnknownApplicant(String),
    /// An expert id not in `experts`.
    #[error("unknown expert '{0}'")]
    UnknownExpert(String),
    /// A stage id not in the template.
    #[error("unknown stage '{0}'")]
    UnknownStage(String),
    /// An indicator that is not a scored indicator of that stage.
    #[error("no scored indicator '{indicator}' in stage '{stage}'")]
    UnknownIndicator {
        /// The stage.
        stage: String,
        /// The indicator.
        indicator: String,
    },
    /// A veto mark on an indicator that is not a veto item.
    #[error("'{0}' is not a veto indicator")]
    NotVeto(String),
    /// A category id not in the template.
    #[error("unknown category '{0}'")]
    UnknownCategory(String),
    /// A score on a pass/fail stage, or a verdict on a score stage.
    #[error("stage '{stage}' is a {kind} stage")]
    WrongStageKind {
        /// The stage.
        stage: String,
        /// Its kind, `score` or `pass_fail`.
        kind: &'static str,
    },
    /// A score above the indicator's maximum.
    #[error("value {value} is above the maximum {max}")]
    AboveMax {
        /// The value.
        value: Decimal,
        /// The maximum.
        max: Decimal,
    },
    /// A negative score.
    #[error("value {0} is negative")]
    Negative(Decimal),
    /// A score not a multiple of the indicator's step.
    #[error("value {value} is not a multiple of the step {step}")]
    OffStep {
        /// The value.
        value: Decimal,
        /// The step.
        step: Decimal,
    },
    /// A score below the low-score threshold without a written reason.
    #[error("value {value} is below {threshold} and needs a written reason")]
    MissingReason {
        /// The value.
        value: Decimal,
        /// The threshold.
        threshold: Decimal,
    },
    /// A score, verdict or veto from an expert not assigned to the applicant.
    #[error("expert '{expert}' is not assigned to applicant '{applicant}'")]
    NotAssigned {
        /// Expert id.
        expert: String,
        /// Applicant id.
        applicant: String,
    },
    /// A quota groups by a field the applicant lacks.
    #[error("a quota groups by {0}, which this applicant lacks")]
    MissingGroupField(&'static str),
    /// An entry for a sampled stage and an applicant the draw did not pick.
    #[error("applicant '{applicant}' was not drawn for stage '{stage}'")]
    NotSampled {
        /// Applicant id.
        applicant: String,
        /// Stage id.
        stage: String,
    },
    /// The template samples a stage, but the input has no `draw`.
    #[error("the template samples stage '{0}': the input needs a draw")]
    DrawMissing(String),
    /// The input has a `draw`, but the template samples no stage.
    #[error("the template samples no stage: remove the draw")]
    DrawUnused,
    /// The written-result hash is not 64 lowercase hex digits.
    #[error("'{0}' is not 64 lowercase hex digits")]
    BadHash(String),
    /// A required text is empty.
    #[error("must not be empty")]
    Empty,
}

impl InputProblemKind {
    /// A stable snake_case code, used by the test vectors and the CLI.
    pub fn code(&self) -> &'static str {
        use InputProblemKind as K;
        match self {
            K::DuplicateId(_) => "duplicate_id",
            K::DuplicateEntry(_) => "duplicate_entry",
            K::UnknownApplicant(_) => "unknown_applicant",
            K::UnknownExpert(_) => "unknown_expert",
            K::UnknownStage(_) => "unknown_stage",
            K::UnknownIndicator { .. } => "unknown_indicator",
            K::NotVeto(_) => "not_veto",
            K::UnknownCategory(_) => "unknown_category",
            K::WrongStageKind { .. } => "wrong_stage_kind",
            K::AboveMax { .. } => "above_max",
            K::Negative(_) => "negative",
            K::OffStep { .. } => "off_step",
            K::MissingReason { .. } => "missing_reason",
            K::NotAssigned { .. } => "not_assigned",
            K::MissingGroupField(_) => "missing_group_field",
            K::NotSampled { .. } => "not_sampled",
            K::DrawMissing(_) => "draw_missing",
            K::DrawUnused => "draw_unused",
            K::BadHash(_) => "bad_hash",
            K::Empty => "empty",
        }
    }
}
