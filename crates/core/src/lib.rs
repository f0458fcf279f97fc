//! ReviewDesk's domain core (评审台领域核心): the model of an expert review round
//! and the rules that act on it.
//!
//! This crate is the functional core of the application. It does no IO: it never
//! reads files, opens databases, talks to a keyring or looks at the clock. Time,
//! random seeds and keys come in as arguments; text comes in as already-parsed
//! values. The imperative shell (`reviewdesk-io`, the CLI, the desktop app) does
//! the reading and writing and calls into this crate.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod applicants;
pub mod assign;
pub mod audit;
pub mod calendar;
pub mod calendar_year;
pub mod conflicts;
pub mod credit_code;
pub mod decisions;
pub mod eligibility;
pub mod error;
pub mod materials;
pub mod names;
pub mod panel;
pub mod publication;
pub mod readers;
pub mod register;
pub mod review;
pub mod round;
pub mod rules;
pub mod sealing;
pub mod stages;
pub mod template;
pub mod text;

pub use applicants::{
    check_sheet, column_letter, detect_mapping, merge_applicants, Cell, CheckedSheet,
    ColumnMapping, Field, MergeOutcome, RowProblem, RowProblemKind, Sheet, SheetApplicant,
};
pub use audit::{check_audit, AuditCode, AuditContext, AuditSummary, AuditViolation};
pub use calendar::{CalendarError, Date, WorkdayCalendar, CALENDAR_ENTRY_FORMAT};
pub use calendar_year::{
    CalendarYear, YearFit, YearProblem, YearProblemKind, CALENDAR_YEAR_FORMAT,
};
pub use conflicts::{
    add_recusal_request, dismiss_conflict, round_conflicts, rule_recusal_request, Conflict,
    ConflictGround, ConflictReport, DecisionError, Employment, MatchedBy,
};
pub use credit_code::{CheckMismatch, CreditCode, CreditCodeError};
pub use decisions::{organizer_decisions, Decisions, DecisionsError, DECISIONS_FORMAT};
pub use eligibility::{
    EligibilityCheck, EligibilityError, EligibilityStatus, FailedItem, ItemOutcome,
};
pub use error::{RoundProblem, RoundProblemKind};
pub use materials::{
    date_from_name, freshness, kind_from_name, missing_required, plan_materials, sniff,
    AcceptedFile, FileFormat, FileProblem, FileProblemKind, FolderFile, MaterialFreshness,
    MaterialPlan,
};
pub use names::{check_file_name, is_device_name, NameProblem};
pub use panel::{
    check_expert_sheet, detect_expert_mapping, parse_loose_date, plan_panel, CardFacts, CardRole,
    CheckedExperts, ExistingCard, ExpertField, ExpertMapping, MemberCard, MemberChange,
    OrganizerCardPlan, PanelPlan, PanelProblem, PanelProblemKind, PlannedMember, ProblemPlace,
    SheetExpert,
};
pub use readers::{applicant_readers, material_readers};
pub use review::{
    standard_pledge, ApplicantProgress, AuditEntry, AuditEvent, ExpertReview, Freshness,
    ReviewCode, ReviewProblem, StageAccess, StageProgress,
};
pub use round::FormerAffiliation;
pub use round::{
    Applicant, Assignment, ConflictDismissal, Expert, Material, MaterialKind, Panel, Program,
    RecusalRequest, RecusalRuling, Round, StageAdvance, StageSample, ROUND_FORMAT,
};
pub use sealing::{check_sealing, Blocker};
pub use stages::{
    add_substitute, advance, next_expert_id, open_next, Advance, AdvanceOutcome, AdvanceRow,
    StageCode, StageError,
};
pub use template::{
    Aggregation, Category, Combination, Divergence, EligibilityItem, FreshnessRule, GradeBand,
    GroupField, Indicator, Level, Method, NoticeOrder, NoticeRules, PassRule, PeriodUnit, Quota,
    Sample, Stage, StageKind, Template, TemplateProblem, TemplateProblemKind, TieBreak,
    MAX_TEMPLATE_VALUE, TEMPLATE_FORMAT,
};
pub use text::{en_message_problem, is_cjk, zh_message_problem, Lang, Localized};
