//! The organizer desk's views of the panel, the conflicts of interest, the recusal
//! requests and the eligibility check: each a value the UI words from codes and
//! facts (params), built from the library's plans and reports.

use std::collections::BTreeMap;

use reviewdesk_core::applicants::column_letter;
use reviewdesk_core::conflicts::{ConflictReport, Employment, MatchedBy};
use reviewdesk_core::eligibility::EligibilityStatus;
use reviewdesk_core::{
    MemberCard, MemberChange, OrganizerCardPlan, PanelProblemKind, ProblemPlace, RecusalRuling,
};
use reviewdesk_io::{LoadedRound, PanelImport};
use serde::Serialize;
use ts_rs::TS;

use crate::{LocalizedText, OrganizerView};

fn json_code<T: Serialize>(v: &T) -> String {
    crate::desk::json_str(v)
}

fn n(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// A flag the register puts on an applicant at authoring (动态管理): banned
/// (until when, why), revoked or removed, or already a member — citing the ledger
/// line and the seed article. The UI words it from `kind` and the facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RegisterFlagView {
    /// The applicant's id in the round, or `row N` of the spreadsheet.
    pub applicant: String,
    /// 统一社会信用代码.
    pub credit_code: String,
    /// The program whose register flags it (`jx-dx-center`, …).
    pub program: String,
    /// `banned`, `revoked` or `already_member`.
    pub kind: String,
    /// The ledger line (`seq`) it rests on.
    pub seq: u32,
    /// That line's date (YYYY-MM-DD).
    pub on: String,
    /// For a ban: the first day the unit may apply again.
    pub until: Option<String>,
    /// The cause id (banned, revoked).
    pub cause: Option<String>,
    /// The cause as the program file words it.
    pub cause_label: Option<LocalizedText>,
    /// The program's name.
    pub program_name: Option<LocalizedText>,
    /// The seed article.
    pub article: String,
}

impl RegisterFlagView {
    /// The view of `f`, its program and cause named as `programs` name them.
    pub fn new(
        f: &reviewdesk_core::register::ApplicantFlag,
        programs: &[reviewdesk_core::register::ProgramRules],
    ) -> Self {
        let program = programs.iter().find(|p| p.id == f.program);
        let cause_label = program.and_then(|p| {
            p.causes
                .iter()
                .find(|c| Some(&c.id) == f.cause.as_ref())
                .map(|c| (&c.label).into())
        });
        RegisterFlagView {
            cause_label,
            program_name: program.map(|p| (&p.name).into()),
            ..Self::from(f)
        }
    }
}

impl From<&reviewdesk_core::register::ApplicantFlag> for RegisterFlagView {
    fn from(f: &reviewdesk_core::register::ApplicantFlag) -> Self {
        RegisterFlagView {
            cause_label: None,
            program_name: None,
            applicant: f.applicant.clone(),
            credit_code: f.unit.clone(),
            program: f.program.clone(),
            kind: json_code(&f.kind),
            seq: f.seq,
            on: f.on.to_string(),
            until: f.until.map(|d| d.to_string()),
            cause: f.cause.clone(),
            article: f.article.clone(),
        }
    }
}

/// One mapped column of the expert list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExpertColumnView {
    /// The field (`name`, `affiliation`, `kind`, …).
    pub field: String,
    /// Its column letter.
    pub column: String,
    /// The header found there.
    pub header: String,
}

/// A member of the planned panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PanelMemberView {
    /// The id they get (kept on re-import).
    pub id: String,
    /// The list row.
    pub row: u32,
    /// The name.
    pub name: String,
    /// The chair.
    pub chair: bool,
    /// `added`, `updated` or `unchanged`.
    pub change: String,
    /// `copied`, `replaced`, `already_there` or `missing`.
    pub card: String,
    /// The card file copied, when one is.
    pub card_file: Option<String>,
}

/// Where a panel problem is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PanelProblemView {
    /// The list row (from 1), when the problem is a row's.
    pub row: Option<u32>,
    /// Its column letter, when one cell is at fault.
    pub column: Option<String>,
    /// The key card file, when the problem is a card's.
    pub card: Option<String>,
    /// What (the core's snake_case code); the UI words it with `params`.
    pub code: String,
    /// A warning: the import goes on.
    pub warning: bool,
    /// The facts the sentence needs.
    pub params: BTreeMap<String, String>,
}

fn problem_params(k: &PanelProblemKind) -> BTreeMap<String, String> {
    use PanelProblemKind as K;
    let mut p = BTreeMap::new();
    let mut put = |k: &str, v: String| {
        p.insert(k.to_owned(), v);
    };
    let rows = |r: &[usize]| {
        r.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",")
    };
    match k {
        K::MissingColumns { fields } => put(
            "fields",
            fields.iter().map(json_code).collect::<Vec<_>>().join(","),
        ),
        K::Empty { field } => put("field", json_code(field)),
        K::UnknownKind { text } | K::UnknownRole { text } => put("value", text.clone()),
        K::CreditCodeAsNumber { shown } => put("value", shown.clone()),
        K::BadCreditCode { error } => put("value", error.to_string()),
        K::CheckCharacter { found, expected } => {
            put("found", found.to_string());
            put("expected", expected.to_string());
        }
        K::BadFormerEmployer { entry } => put("value", entry.clone()),
        K::DuplicateExpert { first_row } | K::TwoChairs { first_row } => {
            put("first_row", first_row.to_string())
        }
        K::BadCard { reason } => put("reason", reason.clone()),
        K::CardMatchesNoRow { name } => put("name", name.clone()),
        K::AmbiguousCard { name, rows: r } => {
            put("name", name.clone());
            put("rows", rows(r));
        }
        K::CardRole {
            row,
            expected,
            found,
        } => {
            put("row", row.to_string());
            put("expected", json_code(expected));
            put("found", json_code(found));
        }
        K::TwoCardsForRow { row, first } => {
            put("row", row.to_string());
            put("first", first.clone());
        }
        K::DuplicateKey { first } | K::TwoOrganizerCards { first } => put("first", first.clone()),
        K::StillReferenced { id, name, table } => {
            put("id", id.clone());
            put("name", name.clone());
            put("table", table.clone());
        }
        K::SameNameAsRemoved { id } => put("id", id.clone()),
        K::NoRows | K::NoChair | K::NoExperts | K::NoCard | K::NoOrganizerCard => {}
    }
    p
}

/// What importing an expert list and key cards would do, before anything is
/// written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PanelPlanView {
    /// The expert list.
    pub file: String,
    /// The sheet read.
    pub sheet: String,
    /// The key cards and folders given.
    pub cards: Vec<String>,
    /// The columns used.
    pub columns: Vec<ExpertColumnView>,
    /// Columns no field uses: (letter, header).
    pub ignored: Vec<(String, String)>,
    /// The panel as it would be, chair first.
    pub members: Vec<PanelMemberView>,
    /// Members who leave: (id, name).
    pub removed: Vec<(String, String)>,
    /// Assignments dropped with them.
    pub dropped_assignments: u32,
    /// The organizer's card: `copied`, `replaced`, `already_there` or `missing`.
    pub organizer_card: String,
    /// Every problem: the list's, the cards', the round's.
    pub problems: Vec<PanelProblemView>,
    /// True when it can be imported (no error).
    pub importable: bool,
}

impl PanelPlanView {
    /// The view of a planned panel import.
    pub fn new(file: &std::path::Path, cards: &[std::path::PathBuf], p: &PanelImport) -> Self {
        let m = &p.mapping;
        let plan = &p.plan;
        let card_state = |c: &MemberCard| match c {
            MemberCard::Copied { replaces: true, .. } => "replaced",
            MemberCard::Copied { .. } => "copied",
            MemberCard::AlreadyThere => "already_there",
            MemberCard::Missing => "missing",
        };
        PanelPlanView {
            file: file.display().to_string(),
            sheet: p.sheet.clone(),
            cards: cards.iter().map(|c| c.display().to_string()).collect(),
            columns: m
                .columns
                .iter()
                .zip(&m.headers)
                .map(|((f, c), h)| ExpertColumnView {
                    field: json_code(f),
                    column: column_letter(*c),
                    header: h.clone(),
                })
                .collect(),
            ignored: m
                .ignored
                .iter()
                .map(|(c, h)| (column_letter(*c), h.clone()))
                .collect(),
            members: plan
                .members
                .iter()
                .map(|mb| PanelMemberView {
                    id: mb.id.clone(),
                    row: n(mb.row),
                    name: mb.name.clone(),
                    chair: mb.chair,
                    change: match mb.change {
                        MemberChange::Added => "added",
                        MemberChange::Updated => "updated",
                        MemberChange::Unchanged => "unchanged",
                    }
                    .to_owned(),
                    card: card_state(&mb.card).to_owned(),
                    card_file: match mb.card {
                        MemberCard::Copied { card, .. } => {
                            p.card_file(card).map(|f| f.display().to_string())
                        }
                        MemberCard::AlreadyThere | MemberCard::Missing => None,
                    },
                })
                .collect(),
            removed: plan
                .removed
                .iter()
                .map(|e| (e.id.clone(), e.name.clone()))
                .collect(),
            dropped_assignments: n(plan.dropped_assignments.len()),
            organizer_card: match &plan.organizer {
                OrganizerCardPlan::Copied { replaces: true, .. } => "replaced",
                OrganizerCardPlan::Copied { .. } => "copied",
                OrganizerCardPlan::AlreadyThere { .. } => "already_there",
                OrganizerCardPlan::Missing => "missing",
            }
            .to_owned(),
            problems: plan
                .problems
                .iter()
                .map(|pr| {
                    let (row, column, card) = match &pr.at {
                        ProblemPlace::Row { row, column, .. } => {
                            (Some(n(*row)), column.map(column_letter), None)
                        }
                        ProblemPlace::Card { file } => (None, None, Some(file.clone())),
                        ProblemPlace::Round => (None, None, None),
                    };
                    PanelProblemView {
                        row,
                        column,
                        card,
                        code: pr.kind.code().to_owned(),
                        warning: pr.is_warning(),
                        params: problem_params(&pr.kind),
                    }
                })
                .collect(),
            importable: p.round_toml.is_some(),
        }
    }
}

/// A panel import done (or refused: then `written` is false and the plan says why).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PanelImportView {
    /// What was planned.
    pub plan: PanelPlanView,
    /// True when `round.toml` and `cards/` were written.
    pub written: bool,
    /// The round as its folder holds it now.
    pub organizer: OrganizerView,
}

/// One reason an expert is conflicted with an applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConflictGroundView {
    /// The employer's name as the expert's record gives it.
    pub employer: String,
    /// The day the expert left it; `None`: their current employer.
    pub until: Option<String>,
    /// Matched by `credit_code` or `name`.
    pub matched_by: String,
}

/// A recorded decision: why, who, on which day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DecisionView {
    /// The reason.
    pub reason: String,
    /// Who decided.
    pub by: String,
    /// The day (`YYYY-MM-DD`).
    pub on: String,
}

/// A conflict of interest found from employers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConflictView {
    /// Expert id and name.
    pub expert: String,
    /// The expert's name.
    pub expert_name: String,
    /// Applicant id.
    pub applicant: String,
    /// The applicant's name.
    pub applicant_name: String,
    /// Why it is a conflict.
    pub grounds: Vec<ConflictGroundView>,
    /// The organizer's dismissal, when recorded.
    pub dismissal: Option<DecisionView>,
}

/// A recusal request (申请回避) with its ruling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RecusalView {
    /// Applicant id.
    pub applicant: String,
    /// The applicant's name.
    pub applicant_name: String,
    /// Expert id.
    pub expert: String,
    /// The expert's name.
    pub expert_name: String,
    /// The applicant's reasons.
    pub reason: String,
    /// The day it came in, when recorded.
    pub received: Option<String>,
    /// `pending`, `upheld` or `rejected`.
    pub ruling: String,
    /// The ruling's reason, who ruled and when, once ruled (when recorded).
    pub decision: Option<DecisionView>,
}

/// Conflicts of interest and recusal requests: what the organizer rules on.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ConflictsView {
    /// The day former employers are counted back from.
    pub as_of: String,
    /// Every conflict found, dismissed or not.
    pub conflicts: Vec<ConflictView>,
    /// Every recusal request, in the round's order.
    pub requests: Vec<RecusalView>,
    /// The panel's experts (id, name), for a new request.
    pub experts: Vec<(String, String)>,
    /// The applicants (id, name), for a new request.
    pub applicants: Vec<(String, String)>,
    /// The round as its folder holds it now.
    pub organizer: OrganizerView,
}

impl ConflictsView {
    /// The view of a round's conflicts (as of the report's day) and requests.
    pub fn new(loaded: &LoadedRound, report: &ConflictReport) -> Self {
        let round = &loaded.round;
        let applicant = |id: &str| {
            round
                .applicants
                .iter()
                .find(|a| a.id == id)
                .map_or_else(String::new, |a| a.name.clone())
        };
        let expert = |id: &str| {
            round
                .panel
                .experts
                .iter()
                .chain(std::iter::once(&round.panel.chair))
                .find(|e| e.id == id)
                .map_or_else(String::new, |e| e.name.clone())
        };
        ConflictsView {
            as_of: report.as_of.to_string(),
            conflicts: report
                .conflicts
                .iter()
                .map(|c| ConflictView {
                    expert: c.expert.clone(),
                    expert_name: expert(&c.expert),
                    applicant: c.applicant.clone(),
                    applicant_name: applicant(&c.applicant),
                    grounds: c
                        .grounds
                        .iter()
                        .map(|g| ConflictGroundView {
                            employer: g.employer.clone(),
                            until: match g.employment {
                                Employment::Current => None,
                                Employment::Former { until } => Some(until.to_string()),
                            },
                            matched_by: match g.matched_by {
                                MatchedBy::CreditCode => "credit_code",
                                MatchedBy::Name => "name",
                            }
                            .to_owned(),
                        })
                        .collect(),
                    dismissal: c.dismissal.as_ref().map(|d| DecisionView {
                        reason: d.reason.clone(),
                        by: d.by.clone(),
                        on: d.on.to_string(),
                    }),
                })
                .collect(),
            requests: round
                .recusal_requests
                .iter()
                .map(|r| RecusalView {
                    applicant: r.applicant.clone(),
                    applicant_name: applicant(&r.applicant),
                    expert: r.expert.clone(),
                    expert_name: expert(&r.expert),
                    reason: r.reason.clone(),
                    received: r.received.map(|d| d.to_string()),
                    ruling: match r.ruling {
                        RecusalRuling::Pending => "pending",
                        RecusalRuling::Upheld => "upheld",
                        RecusalRuling::Rejected => "rejected",
                    }
                    .to_owned(),
                    decision: match (&r.ruling_reason, &r.ruled_by, r.ruled_on) {
                        (Some(reason), Some(by), Some(on)) => Some(DecisionView {
                            reason: reason.clone(),
                            by: by.clone(),
                            on: on.to_string(),
                        }),
                        _ => None,
                    },
                })
                .collect(),
            experts: round
                .panel
                .experts
                .iter()
                .map(|e| (e.id.clone(), e.name.clone()))
                .collect(),
            applicants: round
                .applicants
                .iter()
                .map(|a| (a.id.clone(), a.name.clone()))
                .collect(),
            organizer: OrganizerView::new(loaded),
        }
    }
}

/// One item of the template's eligibility checklist (基本条件).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EligibilityItemView {
    /// Item id.
    pub id: String,
    /// The condition.
    pub text: LocalizedText,
}

/// One recorded check of one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EligibilityMarkView {
    /// Item id.
    pub item: String,
    /// Met or not.
    pub met: bool,
    /// The note (the reason, when not met).
    pub note: Option<String>,
    /// Who checked, and when.
    pub by: String,
    /// The day (`YYYY-MM-DD`).
    pub on: String,
}

/// An applicant's eligibility check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApplicantEligibilityView {
    /// Applicant id.
    pub applicant: String,
    /// Its name.
    pub name: String,
    /// `unchecked`, `passed` or `failed`.
    pub status: String,
    /// The items recorded.
    pub marks: Vec<EligibilityMarkView>,
}

/// The eligibility check (形式审查) of every applicant.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct EligibilityView {
    /// The template's checklist; empty when it has none.
    pub items: Vec<EligibilityItemView>,
    /// Per applicant, in the round's order.
    pub applicants: Vec<ApplicantEligibilityView>,
    /// The round as its folder holds it now.
    pub organizer: OrganizerView,
}

impl EligibilityView {
    /// The view of a loaded round's eligibility check.
    pub fn new(loaded: &LoadedRound) -> Self {
        let round = &loaded.round;
        let name = |id: &str| {
            round
                .applicants
                .iter()
                .find(|a| a.id == id)
                .map_or_else(String::new, |a| a.name.clone())
        };
        EligibilityView {
            items: loaded
                .template
                .eligibility
                .iter()
                .map(|i| EligibilityItemView {
                    id: i.id.clone(),
                    text: LocalizedText::from(&i.text),
                })
                .collect(),
            applicants: reviewdesk_core::eligibility::eligibility(round, &loaded.template)
                .into_iter()
                .map(|e| ApplicantEligibilityView {
                    applicant: e.applicant.to_owned(),
                    name: name(e.applicant),
                    status: match e.status {
                        EligibilityStatus::Unchecked { .. } => "unchecked",
                        EligibilityStatus::Passed => "passed",
                        EligibilityStatus::Failed { .. } => "failed",
                    }
                    .to_owned(),
                    marks: e
                        .items
                        .iter()
                        .filter_map(|(_, c)| *c)
                        .map(|c| EligibilityMarkView {
                            item: c.item.clone(),
                            met: c.met,
                            note: c.note.clone(),
                            by: c.checked_by.clone(),
                            on: c.checked_on.to_string(),
                        })
                        .collect(),
                })
                .collect(),
            organizer: OrganizerView::new(loaded),
        }
    }
}

/// What the organizer records for one applicant's eligibility check, as the UI
/// sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum EligibilityOutcomeView {
    /// Every item of the checklist is met.
    AllMet,
    /// This item is not met, for this reason.
    NotMet {
        /// The item id.
        item: String,
        /// The reason (required).
        note: String,
    },
}
