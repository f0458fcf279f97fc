//! The rules engine (评审规则): from a template and the experts' scores to
//! stage results, divergence flags, final scores, grades, ranks, quota
//! selection and the site-visit draw. Every rule is stated in `docs/rules.md`;
//! all arithmetic is in exact decimals.

pub mod aggregate;
mod compare;
mod completeness;
pub mod draw;
mod engine;
mod error;
mod input;
mod merge;
mod output;
mod part;
mod recheck;

pub use compare::{
    compare, ApplicantComparison, Comparison, MethodOutcome, NotApplicable, COMPARED_METHODS,
};
pub use completeness::{completeness, Cell, CellState, Completeness, QuorumCell, QuorumState};
pub use engine::{check_score_value, compute};
pub use error::{ComputeError, InputProblem, InputProblemKind};
pub use input::{
    ApplicantInput, ComputeInput, DrawInput, IneligibleInput, Pair, ScoreInput, VerdictInput,
    VetoInput,
};
#[cfg(test)]
pub(crate) use merge::ineligible_input_scanned;
pub use merge::{
    ineligible_input, merge_parts, pre_draw_input, recused_entries, round_input, ApplicantOpinion,
    Dissent, DrawRecord, DrawnSample, Opinions, RecusedEntry, DRAW_RECOMPUTE,
};
pub use output::{
    ApplicantResult, ApplicantStatus, ComputeResult, DivergenceFlag, DrawResult,
    IndicatorAggregate, StageResult, StageStatus,
};
pub use part::{
    Answer, Declaration, ExpertPart, Justification, PartScore, PartVerdict, PartVeto, RecusalCase,
};
pub use recheck::{
    check_justification, check_justifications, current_value, open_flags, recheck_flags, FlagCell,
    OpenFlag, MAX_JUSTIFICATION,
};
