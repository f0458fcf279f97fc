//! The result of a computation (评审结果): per applicant its status, stage
//! results, final score, grade, rank and selection; the divergence flags; the
//! draw.

use crate::eligibility::FailedItem;
use crate::template::{Level, Method};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What [`compute`](super::compute) returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComputeResult {
    /// Template id.
    pub template: String,
    /// Template version.
    pub template_version: u32,
    /// Aggregation method used.
    pub method: Method,
    /// Aggregation level used.
    pub level: Level,
    /// Decimal places of aggregates and finals.
    pub decimals: u32,
    /// Applicants, by category (template order) then rank.
    pub applicants: Vec<ApplicantResult>,
    /// Divergence flags (评分偏离), by stage, applicant, indicator, expert.
    pub divergence: Vec<DivergenceFlag>,
    /// The site-visit draw, when the template samples a stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draw: Option<DrawResult>,
}

/// An applicant's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicantStatus {
    /// Graded and, if its band passes, selected (通过).
    Graded,
    /// Graded with a passing band, but its group's quota was already filled (超出名额).
    QuotaExceeded,
    /// More than half of its valid experts marked a veto item (一票否决).
    Vetoed,
    /// Failed a pass/fail stage (环节未通过).
    FailedStage,
    /// A stage aggregate below that stage's gate (未达门槛分).
    FailedGate,
    /// Fewer valid experts than the quorum in some stage (有效评分不足); not graded.
    InsufficientQuorum,
    /// Failed the eligibility check (形式审查未通过): not reviewed, not graded,
    /// ranked nowhere; the failed items are in `failed_items`.
    Ineligible,
}

/// One applicant's result (单位评审结果).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicantResult {
    /// Applicant id.
    pub id: String,
    /// Category id.
    pub category: String,
    /// Outcome.
    pub status: ApplicantStatus,
    /// One entry per template stage, in template order.
    pub stages: Vec<StageResult>,
    /// Final score out of 100 (综合得分), when every weighted stage has an aggregate.
    #[serde(rename = "final")]
    pub final_score: Option<Decimal>,
    /// Grade band id (评价等次), absent when short of quorum.
    pub grade: Option<String>,
    /// Whether the grade is a passing one and the applicant is graded.
    pub pass: bool,
    /// Rank within the category, from 1, all distinct (排名); none for an
    /// ineligible applicant, which is ranked nowhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    /// Selected (入选): graded, passing, within quota.
    pub selected: bool,
    /// An ineligible applicant's checklist items not met, with the reasons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failed_items: Vec<FailedItem>,
}

/// How a stage went for one applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageStatus {
    /// Enough valid experts; the aggregate or decision stands.
    Ok,
    /// Fewer valid experts than the quorum.
    InsufficientQuorum,
    /// A sampled stage the applicant was not drawn for (未抽中).
    Skipped,
    /// A stage after the one that eliminated the applicant (a failed gate or
    /// pass/fail stage, a veto), short of quorum: not required of it (无需评审).
    NotRequired,
    /// The applicant failed the eligibility check: no stage reviews it (未评审).
    NotReviewed,
}

/// One applicant's result in one stage (环节结果).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageResult {
    /// Stage id.
    pub stage: String,
    /// Status.
    pub status: StageStatus,
    /// Number of valid experts.
    pub valid_experts: u32,
    /// Score stages: the aggregate A(a, s), rounded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregate: Option<Decimal>,
    /// Level `indicator`: each indicator's rounded aggregate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<IndicatorAggregate>,
    /// Pass/fail stages: how many valid experts passed the applicant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passes: Option<u32>,
    /// Pass/fail stages: the decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passed: Option<bool>,
    /// Veto indicators of this stage marked by more than half of the valid experts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vetoes: Vec<String>,
}

/// An indicator's aggregate (指标得分).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorAggregate {
    /// Indicator id.
    pub indicator: String,
    /// Rounded aggregate.
    pub aggregate: Decimal,
}

/// A score far from the other experts' (评分偏离, 畸高畸低), to be re-checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DivergenceFlag {
    /// Expert id.
    pub expert: String,
    /// Applicant id.
    pub applicant: String,
    /// Stage id.
    pub stage: String,
    /// Indicator id, at level `indicator`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// The expert's value (stage total or indicator score).
    pub value: Decimal,
    /// Mean of the other valid experts' values (exact, not rounded).
    pub mean_of_others: Decimal,
    /// |value − mean_of_others|.
    pub d: Decimal,
    /// The threshold d exceeded: pct % of the stage or indicator max.
    pub threshold: Decimal,
}

/// The site-visit draw (实地考察抽签).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawResult {
    /// The sampled stage.
    pub stage: String,
    /// The seed, 64 lowercase hex digits.
    pub seed: String,
    /// The candidates, sorted by id byte-wise.
    pub candidates: Vec<String>,
    /// How many were drawn.
    pub k: u32,
    /// The sample, in draw order.
    pub sample: Vec<String>,
}
