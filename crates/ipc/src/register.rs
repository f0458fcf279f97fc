//! The register of units across years (动态管理) as the organizer desk shows it:
//! each unit's standing per program at a date with its open deadlines and whether
//! it may apply, what is due, the rules' proposals, a unit's ledger, and what
//! applying an archive, a checkpoint or a catalogue did.

use reviewdesk_core::register::{
    Deadline, DueItem, LedgerLine, ProgramRules, Proposal, Reason, UnitStatus,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{LocalizedText, NamedView};

/// Why a unit may not apply, or why it is recommended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RegisterReasonView {
    /// `already_member`, `banned`, `recommended`, `revoked`, `removed`.
    pub code: String,
    /// The ledger line it rests on.
    pub seq: u32,
    /// That line's date.
    pub on: String,
    /// The seed article.
    pub article: String,
    /// For a ban: the first day the unit may apply again.
    pub until: Option<String>,
    /// For a ban: its cause id.
    pub cause: Option<String>,
}

impl From<&Reason> for RegisterReasonView {
    fn from(r: &Reason) -> Self {
        RegisterReasonView {
            code: snake(&r.code),
            seq: r.seq,
            on: r.on.to_string(),
            article: r.article.clone(),
            until: r.until.map(|d| d.to_string()),
            cause: r.cause.clone(),
        }
    }
}

/// An open deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RegisterDeadlineView {
    /// `report`, `rectification` or `change_approval`.
    pub kind: String,
    /// The report's period.
    pub period: Option<String>,
    /// The day (none for a change awaiting approval).
    pub due: Option<String>,
    /// Past it.
    pub overdue: bool,
    /// The seed article.
    pub article: String,
}

impl From<&Deadline> for RegisterDeadlineView {
    fn from(d: &Deadline) -> Self {
        RegisterDeadlineView {
            kind: snake(&d.kind),
            period: d.period.clone(),
            due: d.due.map(|d| d.to_string()),
            overdue: d.overdue,
            article: d.article.clone(),
        }
    }
}

/// A unit's standing in one program at a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnitStatusView {
    /// 统一社会信用代码.
    pub unit: String,
    /// Its name (the latest).
    pub name: String,
    /// The program's id.
    pub program: String,
    /// `outside`, `applicant`, `member`, `warned`, `reorganising`, `removed`,
    /// `revoked`, `exited`.
    pub standing: String,
    /// Since when.
    pub since: Option<String>,
    /// Banned until (the first day it may apply again).
    pub banned_until: Option<String>,
    /// The last year graded.
    pub last_year: Option<i32>,
    /// Its grade id.
    pub last_grade: Option<String>,
    /// Open deadlines.
    pub deadlines: Vec<RegisterDeadlineView>,
    /// May apply (or be recommended) again.
    pub may_apply: bool,
    /// Why not.
    pub not_eligible: Vec<RegisterReasonView>,
    /// On the recommended list, and why.
    pub recommended: Option<RegisterReasonView>,
}

impl From<&UnitStatus> for UnitStatusView {
    fn from(s: &UnitStatus) -> Self {
        UnitStatusView {
            unit: s.unit.clone(),
            name: s.name.clone(),
            program: s.program.clone(),
            standing: s.standing.as_str().into(),
            since: s.since.map(|d| d.to_string()),
            banned_until: s.banned_until.map(|d| d.to_string()),
            last_year: s.last_grade.as_ref().map(|(y, _)| *y),
            last_grade: s.last_grade.as_ref().map(|(_, g)| g.clone()),
            deadlines: s.deadlines.iter().map(Into::into).collect(),
            may_apply: s.may_apply,
            not_eligible: s.not_eligible.iter().map(Into::into).collect(),
            recommended: s.recommended.as_ref().map(Into::into),
        }
    }
}

/// Something due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DueItemView {
    /// 统一社会信用代码.
    pub unit: String,
    /// Its name.
    pub name: String,
    /// The program's id.
    pub program: String,
    /// `report_due`, `report_overdue`, `rectification`, `ban_ends`.
    pub kind: String,
    /// The day.
    pub due: String,
    /// The report's period.
    pub period: Option<String>,
    /// The seed article.
    pub article: String,
}

impl From<&DueItem> for DueItemView {
    fn from(d: &DueItem) -> Self {
        DueItemView {
            unit: d.unit.clone(),
            name: d.name.clone(),
            program: d.program.clone(),
            kind: snake(&d.kind),
            due: d.due.to_string(),
            period: d.period.clone(),
            article: d.article.clone(),
        }
    }
}

/// A transition the rules propose, for the organizer to confirm or reject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProposalView {
    /// Its id.
    pub id: String,
    /// 统一社会信用代码.
    pub unit: String,
    /// The unit's name.
    pub name: String,
    /// The program's id.
    pub program: String,
    /// `warning`, `reorganisation`, `revocation`, `ban`, `removal`.
    pub kind: String,
    /// From when.
    pub on: String,
    /// The cause id.
    pub cause: Option<String>,
    /// Years of a ban (0: none).
    pub ban_years: u32,
    /// Months to rectify (a warning).
    pub months: u32,
    /// The ledger lines it rests on.
    pub grounds: Vec<u32>,
    /// The seed article.
    pub article: String,
}

impl ProposalView {
    /// The view of `p`, with the unit's `name`.
    pub fn new(p: &Proposal, name: &str) -> Self {
        ProposalView {
            id: p.id.clone(),
            unit: p.unit.clone(),
            name: name.into(),
            program: p.program.clone(),
            kind: p.kind.as_str().into(),
            on: p.on.to_string(),
            cause: p.cause.clone(),
            ban_years: p.ban_years,
            months: p.months,
            grounds: p.grounds.clone(),
            article: p.article.clone(),
        }
    }
}

/// A program the register knows, with its grade bands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RegisterProgramView {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: LocalizedText,
    /// The seed document it comes from.
    pub source: String,
    /// Its grade ids and labels (those its assessments use).
    pub grades: Vec<NamedView>,
    /// Its causes of removal, revocation or a ban, with their labels.
    pub causes: Vec<NamedView>,
}

impl RegisterProgramView {
    /// The view of `p`, its grades labelled as `template` (the one its yearly
    /// grades come from) labels them.
    pub fn new(p: &ProgramRules, template: Option<&reviewdesk_core::Template>) -> Self {
        RegisterProgramView {
            id: p.id.clone(),
            name: (&p.name).into(),
            source: p.source.clone(),
            grades: template.map(crate::chair::grades).unwrap_or_default(),
            causes: p
                .causes
                .iter()
                .map(|c| NamedView {
                    id: c.id.clone(),
                    name: (&c.label).into(),
                })
                .collect(),
        }
    }
}

/// The register at a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RegisterView {
    /// The date asked.
    pub at: String,
    /// The programs.
    pub programs: Vec<RegisterProgramView>,
    /// Every unit's standing per program it has events in.
    pub units: Vec<UnitStatusView>,
    /// What is due in the date's month, and overdue.
    pub due: Vec<DueItemView>,
    /// The rules' open proposals.
    pub proposals: Vec<ProposalView>,
}

/// One ledger line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LedgerLineView {
    /// From 1.
    pub seq: u32,
    /// The event's date.
    pub on: String,
    /// The program's id.
    pub program: String,
    /// The event's kind (`admitted`, `graded`, `warned`, …).
    pub kind: String,
    /// The event's fields (`year`, `grade`, `cause`, `until`, …) as text.
    pub fields: Vec<(String, String)>,
    /// The line it corrects.
    pub corrects: Option<u32>,
    /// The proposal it confirms.
    pub proposal: Option<String>,
    /// The round it came from.
    pub round: Option<String>,
    /// SHA-256 of the verified file it came from.
    pub source: Option<String>,
    /// A note (the organizer's reason for a confirmation or rejection).
    pub note: Option<String>,
}

impl From<&LedgerLine> for LedgerLineView {
    fn from(l: &LedgerLine) -> Self {
        LedgerLineView {
            seq: l.seq,
            on: l.on.to_string(),
            program: l.program.clone(),
            kind: l.event.kind().as_str().into(),
            fields: l.event.fields(),
            corrects: l.corrects,
            proposal: l.proposal.clone(),
            round: l.round.clone(),
            source: l.source.as_ref().map(|s| s.sha256.clone()),
            note: l.note.clone(),
        }
    }
}

/// A unit's ledger and its standing in each of its programs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnitHistoryView {
    /// 统一社会信用代码.
    pub unit: String,
    /// Every line, oldest first.
    pub lines: Vec<LedgerLineView>,
    /// The ledger's head hash.
    pub head: String,
    /// Its standing per program at the date asked.
    pub statuses: Vec<UnitStatusView>,
}

/// What applying an archive did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RegisterAppliedView {
    /// The file's SHA-256.
    pub sha256: String,
    /// The round.
    pub round: String,
    /// The programs it fed.
    pub programs: Vec<String>,
    /// Applied before: nothing recorded this time.
    pub already_applied: bool,
    /// Lines written.
    pub lines: u32,
    /// The register after it (as of the archive's proposals' date).
    pub register: RegisterView,
}

/// An event the organizer records by hand.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct RegisterRecordView {
    /// 统一社会信用代码.
    pub unit: String,
    /// The program's id.
    pub program: String,
    /// The event's kind.
    pub event: String,
    /// Its date, `YYYY-MM-DD`.
    pub on: String,
    /// For `graded`: the year (empty otherwise).
    pub year: String,
    /// For `graded`: the grade id (empty otherwise).
    pub grade: String,
    /// For `removed`, `revoked`, `banned`: the cause id (empty otherwise).
    pub cause: String,
    /// For `applied`, `admitted`, `change_approved`: the unit's name (empty
    /// otherwise).
    pub name: String,
    /// A note (may be empty).
    pub note: String,
}

/// A checkpoint verified against the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CheckpointVerifiedView {
    /// The signer's fingerprint.
    pub organizer: String,
    /// The year.
    pub year: i32,
    /// The day it was made.
    pub on: String,
    /// Ledgers it lists.
    pub units: u32,
    /// Unchanged up to the checkpoint.
    pub unchanged: u32,
    /// With lines added since: (unit, lines added).
    pub appended: Vec<(String, u32)>,
    /// Changed, shortened or missing: (unit, what).
    pub changed: Vec<(String, String)>,
    /// In the register, not in the checkpoint.
    pub new_units: Vec<String>,
}

impl From<&reviewdesk_desk::register::CheckpointReport> for CheckpointVerifiedView {
    fn from(r: &reviewdesk_desk::register::CheckpointReport) -> Self {
        CheckpointVerifiedView {
            organizer: r.organizer.clone(),
            year: r.year,
            on: r.on.to_string(),
            units: r.units as u32,
            unchanged: r.unchanged as u32,
            appended: r.appended.clone(),
            changed: r.changed.clone(),
            new_units: r.new_units.clone(),
        }
    }
}

/// A value's snake_case name as serde writes it.
fn snake<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
