//! The input of a computation (评分输入): applicants, experts, assignments,
//! recusals, scores, verdicts, vetoes and the draw's public values. Decimals
//! travel as strings; the format is documented in `docs/rules.md`.

use crate::eligibility::FailedItem;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Everything [`compute`](super::compute) needs besides the template.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComputeInput {
    /// The applicants (申报单位).
    pub applicants: Vec<ApplicantInput>,
    /// The scoring experts' ids (评审专家).
    pub experts: Vec<String>,
    /// Who reviews whom; absent = every expert on every applicant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignments: Option<Vec<Pair>>,
    /// Recusals in force (回避): self-declared, or an applicant's request ruled upheld.
    #[serde(default)]
    pub recusals: Vec<Pair>,
    /// Applicants that failed the eligibility check (形式审查未通过), with the items
    /// not met: left out of every stage, result `ineligible`, ranked nowhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ineligible: Vec<IneligibleInput>,
    /// Indicator scores (指标得分).
    #[serde(default)]
    pub scores: Vec<ScoreInput>,
    /// Pass/fail verdicts (通过/不通过).
    #[serde(default)]
    pub verdicts: Vec<VerdictInput>,
    /// Veto marks (一票否决).
    #[serde(default)]
    pub vetoes: Vec<VetoInput>,
    /// The site-visit draw's public values (抽签).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draw: Option<DrawInput>,
}

/// An applicant as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicantInput {
    /// Identifier.
    pub id: String,
    /// Category id from the template (申报类别).
    pub category: String,
    /// Region (所属地区), needed when a quota groups by region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Industry (所属行业), needed when a quota groups by industry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
}

/// An applicant that failed the eligibility check, with the items it did not meet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IneligibleInput {
    /// Applicant id.
    pub applicant: String,
    /// The checklist items not met, with the reasons recorded (at least one).
    pub items: Vec<FailedItem>,
}

/// An expert–applicant pair (an assignment or a recusal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    /// Expert id.
    pub expert: String,
    /// Applicant id.
    pub applicant: String,
}

/// One expert's score on one indicator for one applicant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreInput {
    /// Expert id.
    pub expert: String,
    /// Applicant id.
    pub applicant: String,
    /// Stage id.
    pub stage: String,
    /// Scored indicator id.
    pub indicator: String,
    /// The score, a decimal string.
    pub value: Decimal,
    /// Written reason (理由), required below the indicator's low-score threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One expert's verdict on a pass/fail stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerdictInput {
    /// Expert id.
    pub expert: String,
    /// Applicant id.
    pub applicant: String,
    /// Stage id.
    pub stage: String,
    /// Pass (通过) or fail.
    pub pass: bool,
}

/// One expert marking a veto indicator for an applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VetoInput {
    /// Expert id.
    pub expert: String,
    /// Applicant id.
    pub applicant: String,
    /// Veto indicator id.
    pub indicator: String,
}

/// The public values the site-visit draw is derived from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrawInput {
    /// The round's id.
    pub round_id: String,
    /// SHA-256 of the written-stage result, 64 lowercase hex digits.
    pub written_result_hash: String,
    /// The value the chair announces before the draw (公布的抽签值).
    pub announced: String,
}
