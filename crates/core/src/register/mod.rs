//! The register of units across years (动态管理, rule 18 of `docs/rules.md`): per
//! unit an append-only, hash-chained ledger of dated events (`ledger.rs`), each
//! program's lifecycle rules as data (`program.rs`), and pure functions over them
//! (`status.rs`): a unit's status at a date, the transitions the rules propose,
//! what is due, and the flags on applicants at authoring. No IO: the workspace
//! stores the lines, `reviewdesk-desk` applies archives and signs checkpoints.

pub mod ledger;
pub mod program;
pub mod status;

#[cfg(test)]
mod tests;

pub use ledger::{
    in_force, is_program_id, ledger_genesis, ledger_line_hash, read_ledger, Event, EventKind,
    EventSource, LedgerBroken, LedgerError, LedgerLine, LedgerProblem, NewEntry, SourceFile,
    LEDGER_DOMAIN, MAX_LEDGER_TEXT,
};
pub use program::{
    months_later, Action, GradeRules, Period, ProgramProblem, ProgramRules, Records, RoundSource,
    PROGRAM_FORMAT,
};
pub use status::{
    applicant_flags, due, propose, status, ApplicantFlag, Deadline, DeadlineKind, DueItem, DueKind,
    FlagKind, Proposal, ProposalKind, Reason, ReasonCode, Standing, UnitStatus,
};
