//! The expert desk's views: identities, imported packages, and the whole state of
//! one package's review, sent after every committed change (so the UI shows
//! "saved" only for what the workspace holds).

use reviewdesk_core::rules::{ExpertPart, RecusalCase};
use reviewdesk_core::{Date, RecusalRuling, StageAccess, StageKind};
use reviewdesk_desk::{ExpertDesk, RecheckItem};
use reviewdesk_keys::IdentitySummary;
use reviewdesk_workspace::{PackageRecord, SheetRecord};
use serde::Serialize;
use ts_rs::TS;

use crate::overview::{LocalizedText, RulingView, StageKindView};

/// A decimal or enum as its JSON string (`"8.5"`, `"upheld_request"`).
pub(crate) fn json_str<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// One identity in the keyring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IdentityView {
    /// The person's name.
    pub name: String,
    /// The role on the person's key card.
    pub role: crate::RoleView,
    /// `SHA256:…` of the signing key.
    pub fingerprint: String,
}

impl From<&IdentitySummary> for IdentityView {
    fn from(s: &IdentitySummary) -> Self {
        IdentityView {
            name: s.name.clone(),
            role: s.role.into(),
            fingerprint: s.fingerprint.to_string(),
        }
    }
}

/// One imported package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PackageView {
    /// Package id.
    pub id: String,
    /// Round id.
    pub round: String,
    /// The organizer's name.
    pub organizer_name: String,
    /// The organizer's fingerprint.
    pub organizer: String,
    /// This user's person id in it.
    pub person: String,
    /// When imported (RFC 3339 UTC).
    pub imported_at: String,
    /// The newer package that replaced it.
    pub superseded_by: Option<String>,
}

impl From<&PackageRecord> for PackageView {
    fn from(p: &PackageRecord) -> Self {
        PackageView {
            id: p.id.clone(),
            round: p.round.clone(),
            organizer_name: p.organizer_name.clone(),
            organizer: p.organizer.clone(),
            person: p.person.clone(),
            imported_at: p.imported_at.clone(),
            superseded_by: p.superseded_by.clone(),
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportView {
    /// The package.
    pub package: PackageView,
    /// The organizer key was pinned by this import.
    pub pinned_now: bool,
    /// The older package of the round it replaces.
    pub supersedes: Option<String>,
    /// Entries carried over from it.
    pub carried: u32,
    /// Entries that no longer fit, with why.
    pub dropped: Vec<String>,
}

impl From<&reviewdesk_desk::Imported> for ImportView {
    fn from(i: &reviewdesk_desk::Imported) -> Self {
        ImportView {
            package: PackageView::from(&i.package),
            pinned_now: i.pinned_now,
            supersedes: i.supersedes.clone(),
            carried: i.carried as u32,
            dropped: i.dropped.clone(),
        }
    }
}

/// A stage of the template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeskStage {
    /// Stage id.
    pub id: String,
    /// Name.
    pub name: LocalizedText,
    /// Score or pass/fail.
    pub kind: StageKindView,
    /// Highest total (score stages), decimal string.
    pub max: String,
}

/// An indicator, as the score form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeskIndicator {
    /// Indicator id.
    pub id: String,
    /// Its stage.
    pub stage: String,
    /// Its first-level indicator.
    pub parent: Option<String>,
    /// Name.
    pub name: LocalizedText,
    /// Scoring guidance (评分标准).
    pub guidance: Option<LocalizedText>,
    /// Maximum, decimal string.
    pub max: String,
    /// Step, decimal string.
    pub step: String,
    /// A score below this needs a reason.
    pub low_threshold: Option<String>,
    /// A veto item (marked, not scored).
    pub veto: bool,
    /// Scored by experts (a leaf that is not a veto item).
    pub scored: bool,
}

/// A request that this expert recuse, with its ruling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeskRequest {
    /// The applicant's reasons.
    pub reason: String,
    /// The ruling.
    pub ruling: RulingView,
}

/// A material's freshness against the template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FreshnessView {
    /// The rule's limit in months.
    pub max_age_months: u32,
    /// `Some(false)`: older than the limit; `None`: no issue date.
    pub fresh: Option<bool>,
}

/// A material (metadata only; the bytes come from `desk_material_range`, or `desk_image` for an image).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeskMaterial {
    /// Material id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Kind, e.g. `test_report`.
    pub kind: String,
    /// `pdf` or `image`, from the file name the organizer gave.
    pub viewer: String,
    /// Date of issue.
    pub issued: Option<String>,
    /// Freshness hint.
    pub freshness: Option<FreshnessView>,
}

/// A stage's progress for one applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeskStageProgress {
    /// Stage id.
    pub stage: String,
    /// `open`, `not_sampled` or `sample_not_drawn`.
    pub access: String,
    /// Entries made.
    pub done: u32,
    /// Entries needed.
    pub total: u32,
    /// Sum of the scores entered, decimal string.
    pub subtotal: String,
}

/// One assigned applicant and this expert's work on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeskApplicant {
    /// Applicant id.
    pub id: String,
    /// Registered name.
    pub name: String,
    /// Unified social credit code.
    pub credit_code: String,
    /// Region.
    pub region: LocalizedText,
    /// Requests against this expert.
    pub requests: Vec<DeskRequest>,
    /// An upheld request locks the recusal.
    pub locked: bool,
    /// `None`: not declared; `Some("")`: no conflict; else the recusal case.
    pub declaration: Option<String>,
    /// The expert's note on the declaration.
    pub note: String,
    /// Materials.
    pub materials: Vec<DeskMaterial>,
    /// Progress per stage.
    pub stages: Vec<DeskStageProgress>,
}

/// A stored score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeskScore {
    /// Applicant.
    pub applicant: String,
    /// Stage.
    pub stage: String,
    /// Indicator.
    pub indicator: String,
    /// Value, decimal string.
    pub value: String,
    /// Reason (below the threshold).
    pub reason: Option<String>,
    /// Comment.
    pub comment: String,
}

/// A stored verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeskVerdict {
    /// Applicant.
    pub applicant: String,
    /// Stage.
    pub stage: String,
    /// Pass.
    pub pass: bool,
    /// Comment.
    pub comment: String,
}

/// A stored veto.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeskVeto {
    /// Applicant.
    pub applicant: String,
    /// Indicator.
    pub indicator: String,
    /// Reason.
    pub reason: String,
}

/// A signed sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeskSheet {
    /// Revision.
    pub revision: u32,
    /// SHA-256 of the signed sheet.
    pub sha256: String,
    /// When.
    pub signed_at: String,
}

impl From<&SheetRecord> for DeskSheet {
    fn from(s: &SheetRecord) -> Self {
        DeskSheet {
            revision: s.revision,
            sha256: s.sha256.clone(),
            signed_at: s.signed_at.clone(),
        }
    }
}

/// Everything the expert desk shows, after the last committed change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeskView {
    /// The package.
    pub package: PackageView,
    /// Round title.
    pub title: LocalizedText,
    /// Organizer.
    pub organizer: LocalizedText,
    /// This expert's id.
    pub expert_id: String,
    /// This expert's name.
    pub expert_name: String,
    /// The pledge text.
    pub pledge: LocalizedText,
    /// When it was accepted.
    pub pledged_at: Option<String>,
    /// The round's deadline.
    pub deadline: Option<String>,
    /// The stages.
    pub stages: Vec<DeskStage>,
    /// The indicators, template order.
    pub indicators: Vec<DeskIndicator>,
    /// The recusal cases the expert may choose.
    pub recusal_cases: Vec<String>,
    /// The assigned applicants.
    pub applicants: Vec<DeskApplicant>,
    /// Scores.
    pub scores: Vec<DeskScore>,
    /// Verdicts.
    pub verdicts: Vec<DeskVerdict>,
    /// Vetoes.
    pub vetoes: Vec<DeskVeto>,
    /// Signed sheets, newest first.
    pub sheets: Vec<DeskSheet>,
    /// Audit log entries so far.
    pub audit_entries: u32,
    /// Applicants without a declaration (no sheet until empty).
    pub undeclared: Vec<String>,
    /// Open entries still to make.
    pub open_entries: u32,
    /// The flags of the chair's re-check requests imported, by request then cell.
    pub rechecks: Vec<DeskRecheckFlag>,
    /// The cells still waiting for a justification (`APPLICANT/STAGE[/INDICATOR]`):
    /// no sheet until empty.
    pub unanswered: Vec<String>,
}

/// One flag of a re-check request at the expert desk: what the chair sent, the
/// value now and the justification given (复核).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeskRecheckFlag {
    /// The request's sequence number.
    pub request: u32,
    /// Applicant id.
    pub applicant: String,
    /// Stage id.
    pub stage: String,
    /// Indicator id; none for the stage total.
    pub indicator: Option<String>,
    /// The value the chair flagged (exact decimal).
    pub value: String,
    /// The mean of the other experts' values (exact decimal).
    pub mean_of_others: String,
    /// The distance (exact decimal).
    pub distance: String,
    /// The chair's note (may be empty).
    pub note: String,
    /// The value now (none: no score).
    pub current: Option<String>,
    /// Whether this is the flag to answer (the latest request on its cell).
    pub open: bool,
    /// `kept` or `changed`, once justified.
    pub answer: Option<String>,
    /// The justification's text (empty: none yet).
    pub text: String,
}

impl From<&RecheckItem> for DeskRecheckFlag {
    fn from(r: &RecheckItem) -> Self {
        DeskRecheckFlag {
            request: r.request,
            applicant: r.flag.applicant.clone(),
            stage: r.flag.stage.clone(),
            indicator: r.flag.indicator.clone(),
            value: r.flag.value.clone(),
            mean_of_others: r.flag.mean_of_others.clone(),
            distance: r.flag.distance.clone(),
            note: r.flag.note.clone(),
            current: r.current.map(|v| v.normalize().to_string()),
            open: r.open,
            answer: r
                .justification
                .as_ref()
                .map(|j| j.answer.as_str().to_owned()),
            text: r
                .justification
                .as_ref()
                .map(|j| j.text.clone())
                .unwrap_or_default(),
        }
    }
}

fn stage_kind(k: StageKind) -> StageKindView {
    match k {
        StageKind::Score => StageKindView::Score,
        StageKind::PassFail => StageKindView::PassFail,
    }
}

/// A template stage as the desks show it.
pub(crate) fn stage_row(s: &reviewdesk_core::Stage) -> DeskStage {
    DeskStage {
        id: s.id.clone(),
        name: (&s.name).into(),
        kind: stage_kind(s.kind),
        max: if s.kind == StageKind::Score {
            s.max.to_string()
        } else {
            String::new()
        },
    }
}

fn ruling(r: RecusalRuling) -> RulingView {
    match r {
        RecusalRuling::Pending => RulingView::Pending,
        RecusalRuling::Upheld => RulingView::Upheld,
        RecusalRuling::Rejected => RulingView::Rejected,
    }
}

fn viewer(file: &str) -> &'static str {
    let lower = file.to_ascii_lowercase();
    if lower.ends_with(".pdf") {
        "pdf"
    } else {
        "image"
    }
}

/// What the state of a package's review adds to the desk.
#[derive(Debug, Clone)]
pub struct DeskState<'a> {
    /// The expert's part.
    pub part: &'a ExpertPart,
    /// When the pledge was accepted.
    pub pledged_at: Option<String>,
    /// Signed sheets.
    pub sheets: &'a [SheetRecord],
    /// Audit entries.
    pub audit_entries: u64,
    /// Today, for freshness.
    pub today: Date,
    /// The flags of the re-check requests imported.
    pub rechecks: &'a [RecheckItem],
}

impl DeskView {
    /// Builds the view of `desk` in `state`.
    pub fn new(desk: &ExpertDesk, state: &DeskState<'_>) -> Self {
        let review = desk.review();
        let t = &desk.template;
        let part = state.part;
        let progress = review.progress(part);
        let expert = desk.round.expert(&desk.record.person);
        let applicants = review
            .assigned()
            .into_iter()
            .map(|a| {
                let decl = part.declarations.iter().find(|d| d.applicant == a.id);
                let p = progress.iter().find(|p| p.applicant == a.id);
                DeskApplicant {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    credit_code: a.credit_code.to_string(),
                    region: (&a.region).into(),
                    requests: review
                        .requests(&a.id)
                        .iter()
                        .map(|r| DeskRequest {
                            reason: r.reason.clone(),
                            ruling: ruling(r.ruling),
                        })
                        .collect(),
                    locked: review.recusal_locked(&a.id),
                    declaration: decl.map(|d| d.recuse.map(|c| json_str(&c)).unwrap_or_default()),
                    note: decl.map(|d| d.note.clone()).unwrap_or_default(),
                    materials: review
                        .materials(&a.id)
                        .into_iter()
                        .map(|m| DeskMaterial {
                            id: m.id.clone(),
                            title: m.title.clone(),
                            kind: json_str(&m.kind),
                            viewer: viewer(&m.file).into(),
                            issued: m.issued.map(|d| d.to_string()),
                            freshness: review.freshness(m, state.today).map(|f| FreshnessView {
                                max_age_months: f.max_age_months,
                                fresh: f.fresh,
                            }),
                        })
                        .collect(),
                    stages: p
                        .map(|p| {
                            p.stages
                                .iter()
                                .map(|s| DeskStageProgress {
                                    stage: s.stage.clone(),
                                    access: match s.access {
                                        StageAccess::Open => "open",
                                        StageAccess::NotSampled => "not_sampled",
                                        StageAccess::SampleNotDrawn => "sample_not_drawn",
                                        StageAccess::NotAdvanced => "not_advanced",
                                    }
                                    .into(),
                                    done: s.done as u32,
                                    total: s.total as u32,
                                    subtotal: s.subtotal.to_string(),
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                }
            })
            .collect::<Vec<_>>();
        let undeclared = applicants
            .iter()
            .filter(|a| a.declaration.is_none())
            .map(|a| a.id.clone())
            .collect();
        let open_entries = review
            .check_ready(true, part)
            .map(|n| n as u32)
            .unwrap_or_else(|_| {
                progress
                    .iter()
                    .filter(|p| p.recused != Some(true))
                    .flat_map(|p| &p.stages)
                    .map(|s| (s.total - s.done.min(s.total)) as u32)
                    .sum()
            });
        DeskView {
            package: PackageView::from(&desk.record),
            title: (&desk.round.program.title).into(),
            organizer: (&desk.round.program.organizer).into(),
            expert_id: desk.record.person.clone(),
            expert_name: expert.map(|e| e.name.clone()).unwrap_or_default(),
            pledge: (&review.pledge()).into(),
            pledged_at: state.pledged_at.clone(),
            deadline: desk.round.program.deadline.map(|d| d.to_string()),
            stages: t.stages.iter().map(stage_row).collect(),
            indicators: t
                .indicators
                .iter()
                .map(|i| DeskIndicator {
                    id: i.id.clone(),
                    stage: i.stage.clone(),
                    parent: i.parent.clone(),
                    name: (&i.name).into(),
                    guidance: i.guidance.as_ref().map(Into::into),
                    max: i.max.to_string(),
                    step: i.step.to_string(),
                    low_threshold: i.low_threshold.map(|d| d.to_string()),
                    veto: i.veto,
                    scored: t.scored_indicators(&i.stage).any(|l| l.id == i.id),
                })
                .collect(),
            recusal_cases: RecusalCase::ALL.iter().map(json_str).collect(),
            applicants,
            scores: part
                .scores
                .iter()
                .map(|s| DeskScore {
                    applicant: s.applicant.clone(),
                    stage: s.stage.clone(),
                    indicator: s.indicator.clone(),
                    value: s.value.to_string(),
                    reason: s.reason.clone(),
                    comment: s.comment.clone(),
                })
                .collect(),
            verdicts: part
                .verdicts
                .iter()
                .map(|v| DeskVerdict {
                    applicant: v.applicant.clone(),
                    stage: v.stage.clone(),
                    pass: v.pass,
                    comment: v.comment.clone(),
                })
                .collect(),
            vetoes: part
                .vetoes
                .iter()
                .map(|v| DeskVeto {
                    applicant: v.applicant.clone(),
                    indicator: v.indicator.clone(),
                    reason: v.reason.clone(),
                })
                .collect(),
            sheets: state.sheets.iter().map(DeskSheet::from).collect(),
            audit_entries: u32::try_from(state.audit_entries).unwrap_or(u32::MAX),
            undeclared,
            open_entries,
            rechecks: state.rechecks.iter().map(DeskRecheckFlag::from).collect(),
            unanswered: state
                .rechecks
                .iter()
                .filter(|r| r.open && r.justification.is_none())
                .map(|r| {
                    let f = &r.flag;
                    match &f.indicator {
                        Some(i) => format!("{}/{}/{i}", f.applicant, f.stage),
                        None => format!("{}/{}", f.applicant, f.stage),
                    }
                })
                .collect(),
        }
    }
}

/// A signed and printed sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SignedView {
    /// Revision.
    pub revision: u32,
    /// SHA-256 of the signed sheet.
    pub sha256: String,
    /// The sheet file written.
    pub sheet_path: String,
    /// The printable PDF written.
    pub pdf_path: String,
    /// The desk after signing.
    pub desk: DeskView,
}
