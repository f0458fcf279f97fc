//! The chair desk's views (组长汇总台): the package opened as chair, one line per
//! imported sheet file, and the whole state after every committed change —
//! sheets in force, the completeness matrix with the quorum, divergence flags and
//! re-check requests, results with the method comparison, the draw, opinions.

use reviewdesk_core::rules::{CellState, Comparison, ComputeResult, QuorumState, COMPARED_METHODS};
use reviewdesk_core::Round;
use reviewdesk_desk::{ChairDesk, ChairOverview, ImportLine, ImportOutcome};
use reviewdesk_workspace::ChairPackageRecord;
use serde::Serialize;
use ts_rs::TS;

use crate::desk::{json_str, stage_row};
use crate::error::sheet_code;
use crate::{DeskStage, ErrorCode, IpcError, LocalizedText};

/// A package the chair opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChairPackageView {
    /// Package id.
    pub id: String,
    /// Round id.
    pub round: String,
    /// The organizer's fingerprint.
    pub organizer: String,
    /// The chair's person id.
    pub person: String,
    /// When first opened (RFC 3339 UTC).
    pub opened_at: String,
}

impl From<&ChairPackageRecord> for ChairPackageView {
    fn from(p: &ChairPackageRecord) -> Self {
        ChairPackageView {
            id: p.id.clone(),
            round: p.round.clone(),
            organizer: p.organizer.clone(),
            person: p.person.clone(),
            opened_at: p.opened_at.clone(),
        }
    }
}

/// What a sheet's audit log shows the chair (`docs/formats.md`, "Audit log").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditSummaryView {
    /// When the expert accepted the pledge (RFC 3339 UTC, the expert's clock).
    pub pledged_at: String,
    /// Applicants declared with no conflict of interest.
    pub no_conflict: u32,
    /// Applicants the expert recused from.
    pub recused: u32,
    /// Edits logged (declarations, scores and verdicts set, vetoes, clears).
    pub edits: u32,
    /// Materials opened.
    pub opened: u32,
}

impl From<&reviewdesk_core::AuditSummary> for AuditSummaryView {
    fn from(s: &reviewdesk_core::AuditSummary) -> Self {
        AuditSummaryView {
            pledged_at: s.pledged_at.clone(),
            no_conflict: s.no_conflict,
            recused: s.recused,
            edits: s.edits,
            opened: s.opened,
        }
    }
}

/// What became of one imported sheet file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportLineView {
    /// The file as given.
    pub file: String,
    /// Accepted (and kept).
    pub accepted: bool,
    /// Accepted: the expert.
    pub expert: Option<String>,
    /// Accepted: its revision.
    pub revision: Option<u32>,
    /// Accepted: the older revision it replaces.
    pub supersedes: Option<u32>,
    /// Accepted: what its audit log shows (pledge time, declarations, edits).
    pub audit: Option<AuditSummaryView>,
    /// Refused: the UI's code for the reason.
    pub code: Option<ErrorCode>,
    /// Refused: the library's code (`stale_revision`, `not_bound`, …).
    pub detail: String,
    /// Refused: the library's message (facts: files, applicants), in English.
    pub message: String,
    /// Refused: the library's message in Chinese.
    pub message_zh: String,
}

impl From<&ImportLine> for ImportLineView {
    fn from(l: &ImportLine) -> Self {
        let file = l.file.display().to_string();
        match &l.outcome {
            ImportOutcome::Accepted {
                expert,
                revision,
                supersedes,
                audit,
            } => ImportLineView {
                file,
                accepted: true,
                expert: Some(expert.clone()),
                revision: Some(*revision),
                supersedes: *supersedes,
                audit: Some(audit.into()),
                code: None,
                detail: String::new(),
                message: String::new(),
                message_zh: String::new(),
            },
            ImportOutcome::Refused(e) => ImportLineView {
                file,
                accepted: false,
                expert: None,
                revision: None,
                supersedes: None,
                audit: None,
                code: Some(sheet_code(e.code())),
                detail: e.code().as_str().to_owned(),
                message: e.message(reviewdesk_core::Lang::En),
                message_zh: e.message(reviewdesk_core::Lang::ZhCn),
            },
        }
    }
}

/// A person on the panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChairPerson {
    /// Person id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// A template item shown by name: a category or a grade band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NamedView {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: LocalizedText,
}

/// An applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChairApplicant {
    /// Applicant id.
    pub id: String,
    /// Registered name.
    pub name: String,
    /// Category id.
    pub category: String,
    /// The experts who review it (assigned, not recused): who may dissent.
    pub reviewers: Vec<String>,
}

/// A sheet in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChairSheetView {
    /// Expert id.
    pub expert: String,
    /// Revision in force.
    pub revision: u32,
    /// Older revisions kept as history.
    pub older: Vec<u32>,
    /// SHA-256 of the signed sheet.
    pub sha256: String,
    /// What its audit log shows (pledge time, declarations, edits).
    pub audit: AuditSummaryView,
}

/// One expert × applicant × stage cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MatrixCell {
    /// Expert id.
    pub expert: String,
    /// Applicant id.
    pub applicant: String,
    /// Stage id.
    pub stage: String,
    /// `scored`, `partial`, `recused_self`, `recused_upheld`, `missing`,
    /// `not_assigned`, `not_sampled` or `awaiting_draw`.
    pub state: String,
    /// Entries given.
    pub given: u32,
    /// Entries needed.
    pub of: u32,
    /// Divergence flags on this cell.
    pub flags: u32,
    /// The expert's answers to re-check requests on this cell, as the sheet in
    /// force carries them.
    pub justifications: Vec<JustificationView>,
}

/// An expert's answer to one flag of a re-check request (复核说明).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct JustificationView {
    /// The request's sequence number.
    pub request: u32,
    /// Applicant id.
    pub applicant: String,
    /// Stage id.
    pub stage: String,
    /// Indicator id; none for the stage total.
    pub indicator: Option<String>,
    /// `kept` or `changed`.
    pub answer: String,
    /// The expert's reason.
    pub text: String,
}

impl From<&reviewdesk_core::rules::Justification> for JustificationView {
    fn from(j: &reviewdesk_core::rules::Justification) -> Self {
        JustificationView {
            request: j.request,
            applicant: j.applicant.clone(),
            stage: j.stage.clone(),
            indicator: j.indicator.clone(),
            answer: j.answer.as_str().to_owned(),
            text: j.text.clone(),
        }
    }
}

/// A re-check request file the chair wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SentRecheckView {
    /// Expert id.
    pub expert: String,
    /// Its sequence number for this expert.
    pub sequence: u32,
    /// How many cells it flags.
    pub flags: u32,
    /// When it was written (RFC 3339 UTC).
    pub at: String,
}

/// Valid experts against the quorum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct QuorumView {
    /// Applicant id.
    pub applicant: String,
    /// Stage id.
    pub stage: String,
    /// Valid experts.
    pub valid: u32,
    /// The quorum.
    pub quorum: u32,
    /// `met`, `short`, `not_sampled` or `awaiting_draw`.
    pub state: String,
}

/// A divergence flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FlagView {
    /// Expert id.
    pub expert: String,
    /// Applicant id.
    pub applicant: String,
    /// Stage id.
    pub stage: String,
    /// Indicator id (level `indicator`).
    pub indicator: Option<String>,
    /// The expert's value.
    pub value: String,
    /// Mean of the other experts' values.
    pub mean_of_others: String,
    /// The distance.
    pub d: String,
    /// The threshold it exceeds.
    pub threshold: String,
    /// The chair asked for a re-check.
    pub recheck: bool,
}

/// One applicant's stage result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StageResultView {
    /// Stage id.
    pub stage: String,
    /// `ok`, `insufficient_quorum`, `skipped` or `not_reviewed` (an ineligible
    /// applicant).
    pub status: String,
    /// Valid experts.
    pub valid: u32,
    /// Aggregate (score stages).
    pub aggregate: Option<String>,
    /// Decision (pass/fail stages).
    pub passed: Option<bool>,
}

/// One applicant's result, with its rank under every compared method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ResultRow {
    /// Applicant id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Category id.
    pub category: String,
    /// `graded`, `quota_exceeded`, `vetoed`, `failed_stage`, `failed_gate`,
    /// `insufficient_quorum`, `ineligible` (形式审查未通过).
    pub status: String,
    /// Per stage.
    pub stages: Vec<StageResultView>,
    /// Final score.
    pub final_score: Option<String>,
    /// Grade band id.
    pub grade: Option<String>,
    /// Rank within the category; none for an ineligible applicant.
    pub rank: Option<u32>,
    /// Selected.
    pub selected: bool,
    /// Rank per compared method (`methods` order; none: not applicable).
    pub ranks: Vec<Option<u32>>,
    /// Final per compared method.
    pub finals: Vec<Option<String>>,
    /// Per compared method: the rank differs from the template's method.
    pub differs: Vec<bool>,
}

/// A compared method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MethodView {
    /// `mean`, `trimmed_mean`, `median`, `zscore`.
    pub method: String,
    /// The template's own.
    pub template_method: bool,
    /// Why not applied (`zscore_at_indicator_level`, `refused`).
    pub not_applicable: Option<String>,
}

/// The site-visit draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DrawView {
    /// The sampled stage.
    pub stage: String,
    /// The value the chair entered.
    pub announced: Option<String>,
    /// The round's id.
    pub round_id: String,
    /// SHA-256 of the pre-draw input.
    pub written_result_hash: String,
    /// The seed.
    pub seed: String,
    /// The candidates.
    pub candidates: Vec<String>,
    /// How many are drawn.
    pub k: u32,
    /// The sample, in draw order.
    pub sample: Vec<String>,
    /// How to recompute it.
    pub recompute: String,
}

/// A dissent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DissentView {
    /// Expert id.
    pub expert: String,
    /// The note, verbatim.
    pub note: String,
}

/// The panel's opinion on an applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OpinionView {
    /// Applicant id.
    pub applicant: String,
    /// The opinion, verbatim (empty: none yet).
    pub opinion: String,
    /// Dissents.
    pub dissents: Vec<DissentView>,
}

/// Everything the chair desk shows, after the last committed change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChairView {
    /// The package.
    pub package: ChairPackageView,
    /// Round title.
    pub title: LocalizedText,
    /// The chair.
    pub chair: ChairPerson,
    /// The stages.
    pub stages: Vec<DeskStage>,
    /// The template's categories.
    pub categories: Vec<NamedView>,
    /// The template's grade bands.
    pub grades: Vec<NamedView>,
    /// The experts.
    pub experts: Vec<ChairPerson>,
    /// The applicants.
    pub applicants: Vec<ChairApplicant>,
    /// Sheets in force, by expert.
    pub sheets: Vec<ChairSheetView>,
    /// The matrix, by stage, applicant, expert.
    pub cells: Vec<MatrixCell>,
    /// Quorum per applicant and stage.
    pub quorum: Vec<QuorumView>,
    /// Divergence flags.
    pub flags: Vec<FlagView>,
    /// Results (empty when the rules refuse the input).
    pub results: Vec<ResultRow>,
    /// The compared methods.
    pub methods: Vec<MethodView>,
    /// Why there are no results.
    pub result_error: Option<IpcError>,
    /// The results are the pre-draw ones (the sampled stage left out).
    pub before_draw: bool,
    /// Whether the template samples a stage.
    pub samples: bool,
    /// The draw, once the announced value is entered.
    pub draw: Option<DrawView>,
    /// Opinions, one per applicant.
    pub opinions: Vec<OpinionView>,
    /// The chair's audit log entries.
    pub audit_entries: u32,
    /// The re-check request files written, by expert then sequence.
    pub sent_rechecks: Vec<SentRecheckView>,
}

/// A re-check request file written for an expert, and the desk after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RecheckExportView {
    /// Where it was written.
    pub path: String,
    /// The expert.
    pub expert: String,
    /// Its sequence number.
    pub sequence: u32,
    /// How many cells it flags.
    pub flags: u32,
    /// The desk after writing it.
    pub chair: ChairView,
}

/// A template's categories by id and name.
pub(crate) fn categories(t: &reviewdesk_core::Template) -> Vec<NamedView> {
    t.categories
        .iter()
        .map(|c| NamedView {
            id: c.id.clone(),
            name: (&c.name).into(),
        })
        .collect()
}

/// A template's grade bands by id and label.
pub(crate) fn grades(t: &reviewdesk_core::Template) -> Vec<NamedView> {
    t.grades
        .iter()
        .map(|g| NamedView {
            id: g.id.clone(),
            name: (&g.label).into(),
        })
        .collect()
}

fn cell_state(s: CellState) -> &'static str {
    match s {
        CellState::Scored => "scored",
        CellState::Partial => "partial",
        CellState::RecusedSelf => "recused_self",
        CellState::RecusedUpheld => "recused_upheld",
        CellState::Missing => "missing",
        CellState::NotAssigned => "not_assigned",
        CellState::NotSampled => "not_sampled",
        CellState::AwaitingDraw => "awaiting_draw",
        CellState::NotRequired => "not_required",
    }
}

fn quorum_state(s: QuorumState) -> &'static str {
    match s {
        QuorumState::Met => "met",
        QuorumState::Short => "short",
        QuorumState::NotSampled => "not_sampled",
        QuorumState::AwaitingDraw => "awaiting_draw",
        QuorumState::NotRequired => "not_required",
    }
}

/// The rows of a result, in its order, with the ranks under every compared method
/// when a comparison was made (the chair desk's; the organizer sees none).
pub(crate) fn result_rows(
    round: &Round,
    comparison: Option<&Comparison>,
    r: &ComputeResult,
) -> Vec<ResultRow> {
    r.applicants
        .iter()
        .map(|a| {
            let cmp = comparison.and_then(|c| c.applicants.iter().find(|x| x.id == a.id));
            let n = COMPARED_METHODS.len();
            ResultRow {
                id: a.id.clone(),
                name: round
                    .applicants
                    .iter()
                    .find(|x| x.id == a.id)
                    .map(|x| x.name.clone())
                    .unwrap_or_default(),
                category: a.category.clone(),
                status: json_str(&a.status),
                stages: a
                    .stages
                    .iter()
                    .map(|s| StageResultView {
                        stage: s.stage.clone(),
                        status: json_str(&s.status),
                        valid: s.valid_experts,
                        aggregate: s.aggregate.map(|d| d.to_string()),
                        passed: s.passed,
                    })
                    .collect(),
                final_score: a.final_score.map(|d| d.to_string()),
                grade: a.grade.clone(),
                rank: a.rank,
                selected: a.selected,
                ranks: cmp.map_or(vec![None; n], |c| c.ranks.clone()),
                finals: cmp.map_or(vec![None; n], |c| {
                    c.finals.iter().map(|f| f.map(|d| d.to_string())).collect()
                }),
                differs: cmp.map_or(vec![false; n], |c| c.differs.clone()),
            }
        })
        .collect()
}

impl ChairView {
    /// Builds the view of `desk` from its overview.
    pub fn new(desk: &ChairDesk, o: &ChairOverview, audit_entries: u64) -> Self {
        let round = &desk.rules.round;
        let t = desk.template();
        let flags = o.flags();
        let justifications = o.justifications();
        let requested = |f: &reviewdesk_core::rules::DivergenceFlag| {
            o.state.rechecks.iter().any(|r| {
                r.expert == f.expert
                    && r.applicant == f.applicant
                    && r.stage == f.stage
                    && r.indicator == f.indicator
            })
        };
        let reviews = |e: &str, a: &str| {
            desk.base
                .assignments
                .as_ref()
                .is_none_or(|v| v.iter().any(|p| p.expert == e && p.applicant == a))
                && !o
                    .input
                    .recusals
                    .iter()
                    .any(|p| p.expert == e && p.applicant == a)
        };
        let chair = &round.panel.chair;
        let chair_name = if chair.id == desk.record.person {
            chair.name.clone()
        } else {
            String::new()
        };
        ChairView {
            package: ChairPackageView::from(&desk.record),
            title: (&round.program.title).into(),
            chair: ChairPerson {
                id: desk.record.person.clone(),
                name: chair_name,
            },
            stages: t.stages.iter().map(stage_row).collect(),
            categories: categories(t),
            grades: grades(t),
            experts: round
                .panel
                .experts
                .iter()
                .map(|e| ChairPerson {
                    id: e.id.clone(),
                    name: e.name.clone(),
                })
                .collect(),
            applicants: round
                .applicants
                .iter()
                .map(|a| ChairApplicant {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    category: a.categories.first().cloned().unwrap_or_default(),
                    reviewers: round
                        .panel
                        .experts
                        .iter()
                        .filter(|e| reviews(&e.id, &a.id))
                        .map(|e| e.id.clone())
                        .collect(),
                })
                .collect(),
            sheets: o
                .sheets
                .iter()
                .map(|c| ChairSheetView {
                    expert: c.sheet.expert.clone(),
                    revision: c.sheet.revision,
                    older: o
                        .state
                        .sheets
                        .iter()
                        .filter(|s| s.expert == c.sheet.expert && s.revision < c.sheet.revision)
                        .map(|s| s.revision)
                        .collect(),
                    sha256: c.sheet.sha256.iter().map(|b| format!("{b:02x}")).collect(),
                    audit: (&c.audit).into(),
                })
                .collect(),
            cells: o
                .completeness
                .cells
                .iter()
                .map(|c| MatrixCell {
                    expert: c.expert.clone(),
                    applicant: c.applicant.clone(),
                    stage: c.stage.clone(),
                    state: cell_state(c.state).into(),
                    given: c.given,
                    of: c.of,
                    flags: flags
                        .iter()
                        .filter(|f| {
                            f.expert == c.expert && f.applicant == c.applicant && f.stage == c.stage
                        })
                        .count() as u32,
                    justifications: justifications
                        .iter()
                        .filter(|(e, j)| {
                            *e == c.expert && j.applicant == c.applicant && j.stage == c.stage
                        })
                        .map(|(_, j)| JustificationView::from(*j))
                        .collect(),
                })
                .collect(),
            quorum: o
                .completeness
                .quorum
                .iter()
                .map(|q| QuorumView {
                    applicant: q.applicant.clone(),
                    stage: q.stage.clone(),
                    valid: q.valid,
                    quorum: q.quorum,
                    state: quorum_state(q.state).into(),
                })
                .collect(),
            flags: flags
                .iter()
                .map(|f| FlagView {
                    expert: f.expert.clone(),
                    applicant: f.applicant.clone(),
                    stage: f.stage.clone(),
                    indicator: f.indicator.clone(),
                    value: f.value.to_string(),
                    mean_of_others: f.mean_of_others.round_dp(2).to_string(),
                    d: f.d.round_dp(2).to_string(),
                    threshold: f.threshold.to_string(),
                    recheck: requested(f),
                })
                .collect(),
            results: o
                .result
                .as_ref()
                .map(|r| result_rows(&desk.rules.round, o.comparison.as_ref(), r))
                .unwrap_or_default(),
            methods: o
                .comparison
                .as_ref()
                .map(|c| {
                    c.methods
                        .iter()
                        .map(|m| MethodView {
                            method: json_str(&m.method),
                            template_method: m.template_method,
                            not_applicable: m.not_applicable.map(|n| json_str(&n)),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            result_error: o.result.as_ref().err().map(IpcError::sheet),
            before_draw: o.before_draw,
            samples: t.sampled_stage().is_some(),
            draw: o.draw.as_ref().and_then(|d| {
                d.drawn.as_ref().map(|s| DrawView {
                    stage: s.stage.clone(),
                    announced: Some(s.announced.clone()),
                    round_id: s.round_id.clone(),
                    written_result_hash: s.written_result_hash.clone(),
                    seed: s.seed.clone(),
                    candidates: s.candidates.clone(),
                    k: s.k,
                    sample: s.sample.clone(),
                    recompute: d.recompute.clone(),
                })
            }),
            opinions: round
                .applicants
                .iter()
                .map(|a| {
                    let op = o.opinions.applicants.iter().find(|x| x.applicant == a.id);
                    OpinionView {
                        applicant: a.id.clone(),
                        opinion: op.map(|x| x.opinion.clone()).unwrap_or_default(),
                        dissents: op
                            .map(|x| {
                                x.dissents
                                    .iter()
                                    .map(|d| DissentView {
                                        expert: d.expert.clone(),
                                        note: d.note.clone(),
                                    })
                                    .collect()
                            })
                            .unwrap_or_default(),
                    }
                })
                .collect(),
            audit_entries: u32::try_from(audit_entries).unwrap_or(u32::MAX),
            sent_rechecks: o
                .state
                .sent
                .iter()
                .map(|r| SentRecheckView {
                    expert: r.expert.clone(),
                    sequence: r.sequence,
                    flags: r.flags,
                    at: r.at.clone(),
                })
                .collect(),
        }
    }
}

/// A signed bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BundleView {
    /// Where it was written.
    pub path: String,
    /// SHA-256 of the bundle file.
    pub sha256: String,
    /// Sheets it carries.
    pub sheets: u32,
    /// The desk after signing.
    pub chair: ChairView,
}

/// What an import of sheet files did: one line per file, and the desk after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChairImportView {
    /// One line per file, in the order given.
    pub lines: Vec<ImportLineView>,
    /// The desk after the import.
    pub chair: ChairView,
}

/// The result reports written from a signed bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReportsView {
    /// The folder.
    pub dir: String,
    /// The files written (summary PDF, XLSX, CSV, opinion pages, public notice draft).
    pub files: Vec<String>,
}
