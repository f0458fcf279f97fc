//! Review templates (评审模板): the rules of a program — its categories, stages,
//! indicators, aggregation, divergence, grades, tie-breaks, quotas and freshness.
//!
//! A template is data (`assets/templates/*.toml`), versioned by its `format`
//! field. This module holds the model and [`Template::validate`], which returns
//! every problem with the field path where it was found; reading the files is
//! the shell's job. The semantics of each field are in `docs/rules.md`.

use crate::round::MaterialKind;
use crate::text::Localized;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// The format tag every template file carries.
pub const TEMPLATE_FORMAT: &str = "reviewdesk-template/1";

/// The largest stage max, stage weight, indicator max and divergence pct a template
/// may give (1,000,000): far above any real scale, and low enough that no sum or
/// product the rules engine forms from scores can leave `Decimal`'s range.
pub const MAX_TEMPLATE_VALUE: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// A program's review rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Format tag, [`TEMPLATE_FORMAT`].
    pub format: String,
    /// Stable identifier, e.g. `gd-supplier-recognition`.
    pub id: String,
    /// Revision of this template; a round records which one it used.
    pub version: u32,
    /// The program the template serves (项目名称).
    pub program: Localized,
    /// Where the rules come from (the seed document), free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Choices the seed leaves open that this template makes (假设), e.g. weights.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<String>,
    /// Decimal places kept when rounding aggregates and the final score (保留小数位数).
    #[serde(default = "default_decimals")]
    pub decimals: u32,
    /// How scores are aggregated (汇总方法).
    #[serde(default)]
    pub aggregation: Aggregation,
    /// Minimum number of valid experts per applicant and stage (有效评分最少人数).
    #[serde(default = "default_quorum")]
    pub quorum: u32,
    /// When an expert's score is flagged as far from the others (评分偏离).
    #[serde(default)]
    pub divergence: Divergence,
    /// How stage aggregates combine into the final score (综合得分).
    #[serde(default)]
    pub combination: Combination,
    /// Application categories (申报类别), e.g. 应用类 / 平台类.
    #[serde(default, rename = "category")]
    pub categories: Vec<Category>,
    /// The most categories one applicant may apply in (至多两项, seed 002); absent: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_categories: Option<u32>,
    /// The most industries (GB/T 4754 divisions, 行业大类) one applicant may name —
    /// or 全行业 alone (seed 002: three); absent: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_industries: Option<u32>,
    /// Review stages in order (评审环节).
    #[serde(rename = "stage")]
    pub stages: Vec<Stage>,
    /// Indicators (评价指标), first- and second-level, each in one stage.
    #[serde(default, rename = "indicator")]
    pub indicators: Vec<Indicator>,
    /// Eligibility checklist (基本条件), yes/no items checked before review.
    #[serde(default, rename = "eligibility")]
    pub eligibility: Vec<EligibilityItem>,
    /// Grade bands (评价等次), highest first.
    #[serde(default, rename = "grade")]
    pub grades: Vec<GradeBand>,
    /// Keys that order applicants with equal final scores (同分排序).
    #[serde(default, rename = "tie_break")]
    pub tie_breaks: Vec<TieBreak>,
    /// Group quotas (名额限制), e.g. one center per region.
    #[serde(default, rename = "quota")]
    pub quotas: Vec<Quota>,
    /// Material freshness rules (材料时效): kind → maximum age.
    #[serde(default, rename = "freshness")]
    pub freshness: Vec<FreshnessRule>,
    /// Material kinds every applicant must hand in (必备材料); empty: the template
    /// names none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_materials: Vec<MaterialKind>,
    /// The only material kinds accepted (允许的材料类型); empty: every kind.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_materials: Vec<MaterialKind>,
    /// The public notice (公示) and objections (异议): rule 17 of `docs/rules.md`;
    /// absent: [`NoticeRules::assumed_default`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<NoticeRules>,
}

/// How a notice period is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodUnit {
    /// Working days of the official calendar (工作日).
    WorkingDays,
    /// Calendar days (自然日).
    CalendarDays,
}

/// In which order the notice lists the applicants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeOrder {
    /// By region (所属地市), "排名不分先后".
    Region,
    /// By category and rank.
    Rank,
}

/// A program's public-notice settings (`[notice]`, rule 17).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeRules {
    /// Length of the notice period (公示期), 1–60.
    #[serde(default = "default_notice_days")]
    pub days: u32,
    /// Working or calendar days.
    #[serde(default = "default_unit")]
    pub unit: PeriodUnit,
    /// Whether the seed names no period, so the length is an assumption.
    #[serde(default)]
    pub assumed: bool,
    /// The list's order.
    #[serde(default = "default_order")]
    pub order: NoticeOrder,
    /// Working days to reply to an admitted objection, 1–60.
    #[serde(default = "default_reply_days")]
    pub reply_days: u32,
    /// 递补: the next applicant moves up when a listed one is struck off.
    #[serde(default)]
    pub substitution: bool,
    /// The article the period comes from, printed on the notice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

fn default_notice_days() -> u32 {
    5
}
fn default_unit() -> PeriodUnit {
    PeriodUnit::WorkingDays
}
fn default_order() -> NoticeOrder {
    NoticeOrder::Region
}
fn default_reply_days() -> u32 {
    10
}

impl NoticeRules {
    /// The settings of a template without `[notice]`: 5 working days, marked as an
    /// assumption, by region, replies within 10 working days, no 递补.
    pub fn assumed_default() -> Self {
        Self {
            days: default_notice_days(),
            unit: PeriodUnit::WorkingDays,
            assumed: true,
            order: NoticeOrder::Region,
            reply_days: default_reply_days(),
            substitution: false,
            basis: None,
        }
    }
}

impl Template {
    /// The template's notice settings, or [`NoticeRules::assumed_default`].
    pub fn notice_rules(&self) -> NoticeRules {
        self.notice
            .clone()
            .unwrap_or_else(NoticeRules::assumed_default)
    }
}

fn default_decimals() -> u32 {
    2
}
fn default_quorum() -> u32 {
    3
}
fn default_min_n() -> u32 {
    5
}
fn default_pct() -> Decimal {
    Decimal::from(20)
}
fn default_step() -> Decimal {
    Decimal::ONE
}

/// An application category (申报类别).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Identifier used by applicants, e.g. `application`.
    pub id: String,
    /// Display name.
    pub name: Localized,
}

/// How a stage decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    /// Indicators are scored and aggregated (打分).
    Score,
    /// Each expert gives pass or fail (通过/不通过).
    PassFail,
}

/// How a pass/fail stage turns verdicts into a decision (表决规则).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassRule {
    /// More than half of the valid experts pass the applicant (过半数).
    #[default]
    Majority,
    /// Every valid expert passes the applicant (一致通过).
    Unanimous,
}

/// One review stage: written review (书面审查), defense (答辩) or site visit (实地考察).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Identifier, e.g. `written`.
    pub id: String,
    /// Display name.
    pub name: Localized,
    /// Score or pass/fail.
    pub kind: StageKind,
    /// Highest possible stage total (score stages); the sum of its scored indicators' maxima.
    #[serde(default)]
    pub max: Decimal,
    /// Weight in the final score, in percent; score-stage weights sum to 100.
    #[serde(default)]
    pub weight: Decimal,
    /// Gate (门槛分): an applicant whose stage aggregate is below this is eliminated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate: Option<Decimal>,
    /// Pass/fail stages: how verdicts decide.
    #[serde(default)]
    pub pass_rule: PassRule,
    /// When only a random sample of applicants goes through this stage (随机抽取).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<Sample>,
}

/// How many applicants a sampled stage draws (抽查比例).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sample {
    /// A fixed number of applicants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// A percentage of the candidates, rounded up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pct: Option<Decimal>,
}

/// An indicator (评价指标). First-level indicators (一级指标) group second-level
/// ones (二级指标) through `parent`; only indicators without children are scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Identifier, unique in the template, e.g. `team`.
    pub id: String,
    /// The stage it belongs to.
    pub stage: String,
    /// The first-level indicator this one belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Display name.
    pub name: Localized,
    /// Scoring guidance shown to experts (评分标准).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<Localized>,
    /// Highest score (满分); for a group, the sum of its children's maxima.
    #[serde(default)]
    pub max: Decimal,
    /// Scores are multiples of this (评分步长), e.g. 0.5.
    #[serde(default = "default_step")]
    pub step: Decimal,
    /// A score below this needs a written reason (低分须说明理由).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low_threshold: Option<Decimal>,
    /// A veto item (一票否决项): experts mark it, they do not score it.
    #[serde(default)]
    pub veto: bool,
}

/// One yes/no eligibility condition (基本条件).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityItem {
    /// Identifier.
    pub id: String,
    /// The condition as the seed states it.
    pub text: Localized,
}

/// Aggregation method (汇总方法).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Arithmetic mean (算术平均).
    #[default]
    Mean,
    /// Drop one highest and one lowest, then the mean (去掉一个最高分和一个最低分).
    TrimmedMean,
    /// Median (中位数).
    Median,
    /// Per-expert standardization (标准分), stage totals only.
    Zscore,
}

/// Where aggregation happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Aggregate each expert's stage total.
    #[default]
    StageTotal,
    /// Aggregate each indicator, round each, sum.
    Indicator,
}

/// How scores are aggregated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aggregation {
    /// The method.
    #[serde(default)]
    pub method: Method,
    /// The level.
    #[serde(default)]
    pub level: Level,
    /// Trimmed mean and z-score: the fewest values for which the method applies.
    #[serde(default = "default_min_n")]
    pub min_n: u32,
}

impl Default for Aggregation {
    fn default() -> Self {
        Aggregation {
            method: Method::Mean,
            level: Level::StageTotal,
            min_n: default_min_n(),
        }
    }
}

/// The divergence rule (评分偏离).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Divergence {
    /// Flag when a value is more than this percentage of the maximum from the others' mean.
    #[serde(default = "default_pct")]
    pub pct: Decimal,
}

impl Default for Divergence {
    fn default() -> Self {
        Divergence { pct: default_pct() }
    }
}

/// How stage results combine (综合方法).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Combination {
    /// Σ weight × aggregate / max over score stages, after gates and pass/fail stages (加权合成).
    #[default]
    Weighted,
}

/// A grade band (评价等次).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    /// Identifier, e.g. `excellent`.
    pub id: String,
    /// Display label, e.g. 优秀.
    pub label: Localized,
    /// Lowest final score in the band (inclusive).
    pub min: Decimal,
    /// Whether the band passes; by default every band but the lowest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass: Option<bool>,
}

/// One tie-break key: a stage aggregate, or an indicator aggregate, higher first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TieBreak {
    /// Stage id.
    pub stage: String,
    /// Indicator id in that stage, for an indicator aggregate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
}

/// An applicant field a quota groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupField {
    /// 所属地区.
    Region,
    /// 所属行业.
    Industry,
}

/// A group quota (名额限制): at most `k` selected per group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quota {
    /// The category it applies to; absent = every category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The applicant fields that form a group.
    pub group_by: Vec<GroupField>,
    /// How many per group.
    pub k: u32,
}

/// A freshness rule (材料时效): materials of `kind` older than this are stale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FreshnessRule {
    /// The kind of material.
    pub kind: MaterialKind,
    /// Maximum age in months before the application date.
    pub max_age_months: u32,
}

/// One problem found while validating a template, with its field path
/// (for example `indicator[3].max`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateProblem {
    /// Where: a dotted path into the template file.
    pub path: String,
    /// What.
    pub kind: TemplateProblemKind,
}

impl fmt::Display for TemplateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}

impl std::error::Error for TemplateProblem {}

/// The kinds of problem a template can have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TemplateProblemKind {
    /// The `format` tag is not one this version reads.
    #[error("unsupported format '{found}', expected '{TEMPLATE_FORMAT}'")]
    Format {
        /// What the file says.
        found: String,
    },
    /// An identifier is used twice.
    #[error("id '{0}' is used more than once")]
    DuplicateId(String),
    /// An identifier is empty or not made of letters, digits, `-` and `_`.
    #[error("id '{0}' must be non-empty and use only letters, digits, '-' and '_'")]
    BadId(String),
    /// A text lacks its Chinese or English version.
    #[error("text must be given in both Chinese (zh) and English (en)")]
    IncompleteText,
    /// The weights of the score stages do not sum to 100.
    #[error("the weights of the score stages sum to {0}, not 100")]
    WeightsNot100(Decimal),
    /// A number that must not be negative is.
    #[error("must not be negative (is {0})")]
    Negative(Decimal),
    /// A number that must be positive is not.
    #[error("must be greater than zero (is {0})")]
    NotPositive(Decimal),
    /// A maximum is not a whole number of steps.
    #[error("max {max} is not a multiple of step {step}")]
    MaxNotMultipleOfStep {
        /// The maximum.
        max: Decimal,
        /// The step.
        step: Decimal,
    },
    /// A score stage's maximum differs from the sum of its scored indicators' maxima.
    #[error("stage max {stage_max} differs from the sum of its scored indicators' maxima {sum}")]
    StageMaxMismatch {
        /// The stage's maximum.
        stage_max: Decimal,
        /// The sum of its scored indicators' maxima.
        sum: Decimal,
    },
    /// A first-level indicator's maximum differs from the sum of its children's.
    #[error("group max {group_max} differs from the sum of its children's maxima {sum}")]
    GroupMaxMismatch {
        /// The group's maximum.
        group_max: Decimal,
        /// The sum of its children's maxima.
        sum: Decimal,
    },
    /// A reference to a stage the template does not have.
    #[error("no stage has id '{0}'")]
    UnknownStage(String),
    /// A reference to an indicator the template does not have (in that stage).
    #[error("no indicator '{0}' in that stage")]
    UnknownIndicator(String),
    /// A reference to a category the template does not have.
    #[error("no category has id '{0}'")]
    UnknownCategory(String),
    /// A parent indicator is itself a child, or in another stage.
    #[error("parent '{0}' must be a first-level indicator of the same stage")]
    BadParent(String),
    /// A score stage has no scored indicator.
    #[error("a score stage needs at least one scored indicator")]
    NoIndicators,
    /// Indicators on a pass/fail stage can only be veto items.
    #[error("a pass/fail stage can only have veto indicators")]
    ScoredIndicatorOnPassFail,
    /// A veto indicator carries a maximum, step or threshold, or has children.
    #[error("a veto indicator is marked, not scored: no max, children or low_threshold")]
    ScoredVeto,
    /// A pass/fail or sampled stage carries weight, or a gate.
    #[error("{0}")]
    StageShape(&'static str),
    /// A low-score threshold outside (0, max].
    #[error("low_threshold {threshold} must lie between 0 and max {max}")]
    BadThreshold {
        /// The threshold.
        threshold: Decimal,
        /// The indicator's maximum.
        max: Decimal,
    },
    /// A gate outside [0, stage max].
    #[error("gate {gate} must lie between 0 and the stage max {max}")]
    BadGate {
        /// The gate.
        gate: Decimal,
        /// The stage's maximum.
        max: Decimal,
    },
    /// Grade bands not in strictly decreasing order of minimum.
    #[error("grade bands must be listed highest first with strictly decreasing minima ({min} follows {previous})")]
    GradeBandsUnordered {
        /// This band's minimum.
        min: Decimal,
        /// The previous band's minimum.
        previous: Decimal,
    },
    /// The lowest band does not start at 0, so some finals have no grade.
    #[error("the lowest grade band must start at 0 (starts at {0})")]
    GradeGap(Decimal),
    /// A band minimum outside [0, 100].
    #[error("a band minimum must lie between 0 and 100 (is {0})")]
    GradeOutOfRange(Decimal),
    /// More than one stage is sampled.
    #[error("at most one stage may be sampled")]
    SeveralSampled,
    /// A sample must give exactly one of count and pct, within range.
    #[error("a sample gives exactly one of count (≥ 1) or pct (0 < pct ≤ 100)")]
    BadSample,
    /// z-scores are only defined on stage totals.
    #[error("method zscore exists only at level stage_total")]
    ZscoreAtIndicatorLevel,
    /// A count that must be at least 1 (or 2) is too small.
    #[error("must be at least {min} (is {found})")]
    TooSmall {
        /// The least allowed value.
        min: u32,
        /// The value found.
        found: u32,
    },
    /// More decimal places than a decimal can carry usefully.
    #[error("decimals must be at most 6 (is {0})")]
    TooManyDecimals(u32),
    /// A max, weight or pct above [`MAX_TEMPLATE_VALUE`].
    #[error("must be at most {max} (is {found})")]
    TooLarge {
        /// The largest allowed value.
        max: Decimal,
        /// The value found.
        found: Decimal,
    },
    /// A quota groups by nothing, or twice by the same field.
    #[error("group_by must name region and/or industry, each once")]
    BadGroupBy,
    /// A list that must not be empty is.
    #[error("must not be empty")]
    Empty,
    /// A required material kind the allowed kinds leave out: no applicant could
    /// ever satisfy it.
    #[error("required material kind '{0}' is not among the allowed kinds")]
    RequiredNotAllowed(String),
}

impl TemplateProblemKind {
    /// A stable snake_case code, used by the test vectors.
    pub fn code(&self) -> &'static str {
        use TemplateProblemKind as K;
        match self {
            K::Format { .. } => "format",
            K::DuplicateId(_) => "duplicate_id",
            K::BadId(_) => "bad_id",
            K::IncompleteText => "incomplete_text",
            K::WeightsNot100(_) => "weights_not_100",
            K::Negative(_) => "negative",
            K::NotPositive(_) => "not_positive",
            K::MaxNotMultipleOfStep { .. } => "max_not_multiple_of_step",
            K::StageMaxMismatch { .. } => "stage_max_mismatch",
            K::GroupMaxMismatch { .. } => "group_max_mismatch",
            K::UnknownStage(_) => "unknown_stage",
            K::UnknownIndicator(_) => "unknown_indicator",
            K::UnknownCategory(_) => "unknown_category",
            K::BadParent(_) => "bad_parent",
            K::NoIndicators => "no_indicators",
            K::ScoredIndicatorOnPassFail => "scored_indicator_on_pass_fail",
            K::ScoredVeto => "scored_veto",
            K::StageShape(_) => "stage_shape",
            K::BadThreshold { .. } => "bad_threshold",
            K::BadGate { .. } => "bad_gate",
            K::GradeBandsUnordered { .. } => "grade_bands_unordered",
            K::GradeGap(_) => "grade_gap",
            K::GradeOutOfRange(_) => "grade_out_of_range",
            K::SeveralSampled => "several_sampled",
            K::BadSample => "bad_sample",
            K::ZscoreAtIndicatorLevel => "zscore_at_indicator_level",
            K::TooSmall { .. } => "too_small",
            K::TooManyDecimals(_) => "too_many_decimals",
            K::TooLarge { .. } => "too_large",
            K::BadGroupBy => "bad_group_by",
            K::Empty => "empty",
            K::RequiredNotAllowed(_) => "required_not_allowed",
        }
    }
}

fn is_plain_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

struct Checker {
    problems: Vec<TemplateProblem>,
}

impl Checker {
    fn push(&mut self, path: impl Into<String>, kind: TemplateProblemKind) {
        self.problems.push(TemplateProblem {
            path: path.into(),
            kind,
        });
    }
    fn text(&mut self, path: String, t: &Localized) {
        if t.is_incomplete() {
            self.push(path, TemplateProblemKind::IncompleteText);
        }
    }
    fn id<'a>(&mut self, path: String, id: &'a str, seen: &mut HashSet<&'a str>) {
        if !is_plain_id(id) {
            self.push(path, TemplateProblemKind::BadId(id.to_owned()));
        } else if !seen.insert(id) {
            self.push(path, TemplateProblemKind::DuplicateId(id.to_owned()));
        }
    }
    fn non_negative(&mut self, path: String, d: Decimal) {
        if d.is_sign_negative() && !d.is_zero() {
            self.push(path, TemplateProblemKind::Negative(d));
        }
    }
    fn at_most_limit(&mut self, path: String, d: Decimal) {
        if d > MAX_TEMPLATE_VALUE {
            self.push(
                path,
                TemplateProblemKind::TooLarge {
                    max: MAX_TEMPLATE_VALUE,
                    found: d,
                },
            );
        }
    }
}

impl Template {
    /// The category with this id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The stage with this id.
    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The scored indicators of a stage (leaves that are not veto items), in template order.
    pub fn scored_indicators<'a>(&'a self, stage: &'a str) -> impl Iterator<Item = &'a Indicator> {
        self.indicators.iter().filter(move |i| {
            i.stage == stage
                && !i.veto
                && !self
                    .indicators
                    .iter()
                    .any(|c| c.parent.as_deref() == Some(&i.id))
        })
    }

    /// The veto indicators of a stage (一票否决项).
    pub fn veto_indicators<'a>(&'a self, stage: &'a str) -> impl Iterator<Item = &'a Indicator> {
        self.indicators
            .iter()
            .filter(move |i| i.stage == stage && i.veto)
    }

    /// The sampled stage, if any.
    pub fn sampled_stage(&self) -> Option<&Stage> {
        self.stages.iter().find(|s| s.sample.is_some())
    }

    /// Whether a grade band passes: its `pass` flag, or by default every band but the lowest.
    pub fn band_passes(&self, index: usize) -> bool {
        self.grades[index]
            .pass
            .unwrap_or(index + 1 < self.grades.len())
    }

    /// The maximum age of a material kind, if the template limits it.
    pub fn freshness_months(&self, kind: MaterialKind) -> Option<u32> {
        self.freshness
            .iter()
            .find(|f| f.kind == kind)
            .map(|f| f.max_age_months)
    }

    /// Checks the template against itself. Returns every problem found, each
    /// with its field path, or `Ok(())`.
    pub fn validate(&self) -> Result<(), Vec<TemplateProblem>> {
        use TemplateProblemKind as K;
        let mut c = Checker {
            problems: Vec::new(),
        };
        if self.format != TEMPLATE_FORMAT {
            c.push(
                "format",
                K::Format {
                    found: self.format.clone(),
                },
            );
        }
        if !is_plain_id(&self.id) {
            c.push("id", K::BadId(self.id.clone()));
        }
        c.text("program".into(), &self.program);
        if self.decimals > 6 {
            c.push("decimals", K::TooManyDecimals(self.decimals));
        }
        if self.quorum < 1 {
            c.push(
                "quorum",
                K::TooSmall {
                    min: 1,
                    found: self.quorum,
                },
            );
        }
        if let Some(n) = &self.notice {
            for (field, v) in [("notice.days", n.days), ("notice.reply_days", n.reply_days)] {
                if v < 1 {
                    c.push(field, K::TooSmall { min: 1, found: v });
                } else if v > 60 {
                    c.push(
                        field,
                        K::TooLarge {
                            max: Decimal::from(60),
                            found: Decimal::from(v),
                        },
                    );
                }
            }
        }
        if self.aggregation.min_n < 3 {
            c.push(
                "aggregation.min_n",
                K::TooSmall {
                    min: 3,
                    found: self.aggregation.min_n,
                },
            );
        }
        if self.aggregation.method == Method::Zscore && self.aggregation.level == Level::Indicator {
            c.push("aggregation.method", K::ZscoreAtIndicatorLevel);
        }
        c.non_negative("divergence.pct".into(), self.divergence.pct);
        c.at_most_limit("divergence.pct".into(), self.divergence.pct);

        let mut cat_ids = HashSet::new();
        for (i, cat) in self.categories.iter().enumerate() {
            c.id(format!("category[{i}].id"), &cat.id, &mut cat_ids);
            c.text(format!("category[{i}].name"), &cat.name);
        }
        for (path, max) in [
            ("max_categories", self.max_categories),
            ("max_industries", self.max_industries),
        ] {
            if let Some(found @ 0) = max {
                c.push(path, K::TooSmall { min: 1, found });
            }
        }

        // Stages.
        if self.stages.is_empty() {
            c.push("stage", K::Empty);
        }
        let mut stage_ids = HashSet::new();
        let mut weight_sum = Decimal::ZERO;
        let mut sampled = 0;
        for (i, s) in self.stages.iter().enumerate() {
            let p = format!("stage[{i}]");
            c.id(format!("{p}.id"), &s.id, &mut stage_ids);
            c.text(format!("{p}.name"), &s.name);
            c.non_negative(format!("{p}.weight"), s.weight);
            c.at_most_limit(format!("{p}.weight"), s.weight);
            match s.kind {
                StageKind::Score => {
                    if s.max <= Decimal::ZERO {
                        c.push(format!("{p}.max"), K::NotPositive(s.max));
                    }
                    c.at_most_limit(format!("{p}.max"), s.max);
                    // Saturating: out-of-range values are reported, not summed to a panic.
                    weight_sum = weight_sum.saturating_add(s.weight);
                    if let Some(g) = s.gate {
                        if g.is_sign_negative() || g > s.max {
                            c.push(
                                format!("{p}.gate"),
                                K::BadGate {
                                    gate: g,
                                    max: s.max,
                                },
                            );
                        }
                    }
                }
                StageKind::PassFail => {
                    if !s.weight.is_zero() {
                        c.push(
                            format!("{p}.weight"),
                            K::StageShape("a pass/fail stage carries no weight"),
                        );
                    }
                    if s.gate.is_some() {
                        c.push(
                            format!("{p}.gate"),
                            K::StageShape("a pass/fail stage has no gate"),
                        );
                    }
                    if !s.max.is_zero() {
                        c.push(
                            format!("{p}.max"),
                            K::StageShape("a pass/fail stage has no max"),
                        );
                    }
                }
            }
            if let Some(sample) = &s.sample {
                sampled += 1;
                if sampled == 2 {
                    c.push(format!("{p}.sample"), K::SeveralSampled);
                }
                if !s.weight.is_zero() {
                    c.push(
                        format!("{p}.weight"),
                        K::StageShape("a sampled stage carries no weight"),
                    );
                }
                let ok = match (sample.count, sample.pct) {
                    (Some(n), None) => n >= 1,
                    (None, Some(p)) => p > Decimal::ZERO && p <= Decimal::ONE_HUNDRED,
                    _ => false,
                };
                if !ok {
                    c.push(format!("{p}.sample"), K::BadSample);
                }
            }
        }
        if weight_sum != Decimal::ONE_HUNDRED {
            c.push("stage", K::WeightsNot100(weight_sum));
        }

        // Indicators.
        let mut ind_ids = HashSet::new();
        let by_id: HashMap<&str, &Indicator> =
            self.indicators.iter().map(|i| (i.id.as_str(), i)).collect();
        let has_children = |id: &str| {
            self.indicators
                .iter()
                .any(|c| c.parent.as_deref() == Some(id))
        };
        for (i, ind) in self.indicators.iter().enumerate() {
            let p = format!("indicator[{i}]");
            c.id(format!("{p}.id"), &ind.id, &mut ind_ids);
            c.text(format!("{p}.name"), &ind.name);
            if let Some(g) = &ind.guidance {
                c.text(format!("{p}.guidance"), g);
            }
            let stage = self.stage(&ind.stage);
            if stage.is_none() {
                c.push(format!("{p}.stage"), K::UnknownStage(ind.stage.clone()));
            }
            if let Some(parent) = &ind.parent {
                match by_id.get(parent.as_str()) {
                    None => c.push(format!("{p}.parent"), K::UnknownIndicator(parent.clone())),
                    Some(par) if par.parent.is_some() || par.stage != ind.stage || par.veto => {
                        c.push(format!("{p}.parent"), K::BadParent(parent.clone()))
                    }
                    Some(_) => {}
                }
            }
            if ind.veto {
                if !ind.max.is_zero() || ind.low_threshold.is_some() || has_children(&ind.id) {
                    c.push(p.clone(), K::ScoredVeto);
                }
                continue;
            }
            if stage.map(|s| s.kind) == Some(StageKind::PassFail) {
                c.push(format!("{p}.stage"), K::ScoredIndicatorOnPassFail);
                continue;
            }
            if ind.max <= Decimal::ZERO {
                c.push(format!("{p}.max"), K::NotPositive(ind.max));
            }
            c.at_most_limit(format!("{p}.max"), ind.max);
            if ind.step <= Decimal::ZERO {
                c.push(format!("{p}.step"), K::NotPositive(ind.step));
            } else if !(ind.max % ind.step).is_zero() {
                c.push(
                    format!("{p}.max"),
                    K::MaxNotMultipleOfStep {
                        max: ind.max,
                        step: ind.step,
                    },
                );
            }
            if let Some(t) = ind.low_threshold {
                if t <= Decimal::ZERO || t > ind.max {
                    c.push(
                        format!("{p}.low_threshold"),
                        K::BadThreshold {
                            threshold: t,
                            max: ind.max,
                        },
                    );
                }
            }
            if has_children(&ind.id) {
                let sum = self
                    .indicators
                    .iter()
                    .filter(|x| x.parent.as_deref() == Some(&ind.id))
                    .fold(Decimal::ZERO, |a, x| a.saturating_add(x.max));
                if sum != ind.max {
                    c.push(
                        format!("{p}.max"),
                        K::GroupMaxMismatch {
                            group_max: ind.max,
                            sum,
                        },
                    );
                }
            }
        }
        for (i, s) in self.stages.iter().enumerate() {
            if s.kind != StageKind::Score {
                continue;
            }
            let leaves: Vec<&Indicator> = self.scored_indicators(&s.id).collect();
            if leaves.is_empty() {
                c.push(format!("stage[{i}]"), K::NoIndicators);
                continue;
            }
            let sum = leaves
                .iter()
                .fold(Decimal::ZERO, |a, x| a.saturating_add(x.max));
            if sum != s.max {
                c.push(
                    format!("stage[{i}].max"),
                    K::StageMaxMismatch {
                        stage_max: s.max,
                        sum,
                    },
                );
            }
        }

        if !self.allowed_materials.is_empty() {
            for (i, k) in self.required_materials.iter().enumerate() {
                if !self.allowed_materials.contains(k) {
                    let name = serde_json::to_value(k)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    c.push(
                        format!("required_materials[{i}]"),
                        K::RequiredNotAllowed(name),
                    );
                }
            }
        }

        let mut elig_ids = HashSet::new();
        for (i, e) in self.eligibility.iter().enumerate() {
            c.id(format!("eligibility[{i}].id"), &e.id, &mut elig_ids);
            c.text(format!("eligibility[{i}].text"), &e.text);
        }

        // Grades.
        if self.grades.is_empty() {
            c.push("grade", K::Empty);
        }
        let mut grade_ids = HashSet::new();
        let mut previous: Option<Decimal> = None;
        for (i, g) in self.grades.iter().enumerate() {
            let p = format!("grade[{i}]");
            c.id(format!("{p}.id"), &g.id, &mut grade_ids);
            c.text(format!("{p}.label"), &g.label);
            if g.min.is_sign_negative() && !g.min.is_zero() || g.min > Decimal::ONE_HUNDRED {
                c.push(format!("{p}.min"), K::GradeOutOfRange(g.min));
            }
            if let Some(prev) = previous {
                if g.min >= prev {
                    c.push(
                        format!("{p}.min"),
                        K::GradeBandsUnordered {
                            min: g.min,
                            previous: prev,
                        },
                    );
                }
            }
            previous = Some(g.min);
        }
        if let Some(last) = self.grades.last() {
            if !last.min.is_zero() {
                c.push(
                    format!("grade[{}].min", self.grades.len() - 1),
                    K::GradeGap(last.min),
                );
            }
        }

        for (i, t) in self.tie_breaks.iter().enumerate() {
            let p = format!("tie_break[{i}]");
            match self.stage(&t.stage) {
                None => c.push(format!("{p}.stage"), K::UnknownStage(t.stage.clone())),
                Some(s) if s.kind != StageKind::Score => c.push(
                    format!("{p}.stage"),
                    K::StageShape("a tie-break names a score stage"),
                ),
                Some(s) => {
                    if let Some(ind) = &t.indicator {
                        if !self.scored_indicators(&s.id).any(|x| &x.id == ind) {
                            c.push(format!("{p}.indicator"), K::UnknownIndicator(ind.clone()));
                        }
                    }
                }
            }
        }

        for (i, q) in self.quotas.iter().enumerate() {
            let p = format!("quota[{i}]");
            if let Some(cat) = &q.category {
                if self.category(cat).is_none() {
                    c.push(format!("{p}.category"), K::UnknownCategory(cat.clone()));
                }
            }
            let distinct: HashSet<_> = q.group_by.iter().collect();
            if q.group_by.is_empty() || distinct.len() != q.group_by.len() {
                c.push(format!("{p}.group_by"), K::BadGroupBy);
            }
            if q.k < 1 {
                c.push(format!("{p}.k"), K::TooSmall { min: 1, found: q.k });
            }
        }

        let mut kinds = HashSet::new();
        for (i, f) in self.freshness.iter().enumerate() {
            if !kinds.insert(f.kind) {
                c.push(
                    format!("freshness[{i}].kind"),
                    K::DuplicateId(format!("{:?}", f.kind)),
                );
            }
            if f.max_age_months < 1 {
                c.push(
                    format!("freshness[{i}].max_age_months"),
                    K::TooSmall { min: 1, found: 0 },
                );
            }
        }

        if c.problems.is_empty() {
            Ok(())
        } else {
            Err(c.problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{compute, ApplicantInput, ComputeError, ComputeInput, ScoreInput};

    #[test]
    fn the_notice_settings_default_to_an_assumed_five_working_days_and_are_bounded() {
        let t = basic();
        assert_eq!(t.notice_rules(), NoticeRules::assumed_default());
        assert!(t.notice_rules().assumed);
        let mut t = basic();
        t.notice = Some(NoticeRules {
            days: 7,
            unit: PeriodUnit::CalendarDays,
            ..NoticeRules::assumed_default()
        });
        assert!(t.validate().is_ok());
        t.notice = Some(NoticeRules {
            days: 0,
            reply_days: 61,
            ..NoticeRules::assumed_default()
        });
        let problems = t.validate().unwrap_err();
        let found: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.path.as_str(), p.kind.code()))
            .collect();
        assert_eq!(
            found,
            [
                ("notice.days", "too_small"),
                ("notice.reply_days", "too_large")
            ]
        );
        let parsed: NoticeRules = toml::from_str("days = 5\nunit = \"working_days\"").unwrap();
        assert!(!parsed.assumed);
        assert_eq!(parsed.order, NoticeOrder::Region);
        assert!(toml::from_str::<NoticeRules>("days = 5\nlength = 3").is_err());
    }

    /// One score stage of two indicators (10 + 10), weight 100, like the rules
    /// vectors' `basic` template.
    fn basic() -> Template {
        toml::from_str(
            r#"
format = "reviewdesk-template/1"
id = "basic"
version = 1
program = { zh = "规则测试", en = "Rules test" }
quorum = 3
[[category]]
id = "c"
name = { zh = "甲类", en = "Category C" }
[[stage]]
id = "s"
name = { zh = "评审", en = "Review" }
kind = "score"
max = "20"
weight = "100"
[[indicator]]
id = "i1"
stage = "s"
name = { zh = "指标一", en = "Indicator 1" }
max = "10"
[[indicator]]
id = "i2"
stage = "s"
name = { zh = "指标二", en = "Indicator 2" }
max = "10"
[[grade]]
id = "pass"
label = { zh = "合格", en = "Pass" }
min = "60"
[[grade]]
id = "fail"
label = { zh = "不合格", en = "Fail" }
min = "0"
"#,
        )
        .expect("basic template")
    }

    fn codes_at(t: &Template) -> Vec<(String, &'static str)> {
        t.validate()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.path, p.kind.code()))
            .collect()
    }

    /// Every expert gives every indicator its max.
    fn full_marks(t: &Template) -> ComputeInput {
        let experts = ["E1", "E2", "E3"];
        ComputeInput {
            applicants: vec![ApplicantInput {
                id: "A1".into(),
                category: "c".into(),
                region: None,
                industry: None,
            }],
            experts: experts.iter().map(|e| e.to_string()).collect(),
            scores: experts
                .iter()
                .flat_map(|e| {
                    t.indicators.iter().map(move |i| ScoreInput {
                        expert: e.to_string(),
                        applicant: "A1".into(),
                        stage: "s".into(),
                        indicator: i.id.clone(),
                        value: i.max,
                        reason: None,
                    })
                })
                .collect(),
            ..ComputeInput::default()
        }
    }

    #[test]
    fn the_basic_template_is_valid() {
        assert_eq!(codes_at(&basic()), vec![]);
    }

    // Found by the `template_values` fuzz target: maxima and weights near
    // `Decimal::MAX` made `validate` panic ("Addition overflowed") summing them.
    #[test]
    fn huge_maxima_and_weights_are_refused_not_summed_into_a_panic() {
        let mut t = basic();
        t.indicators[0].max = Decimal::MAX;
        t.indicators[0].step = Decimal::ONE;
        let codes = codes_at(&t);
        assert!(
            codes.contains(&("indicator[0].max".into(), "too_large")),
            "{codes:?}"
        );
        assert!(codes.contains(&("stage[0].max".into(), "stage_max_mismatch")));

        let mut t = basic();
        t.stages[0].weight = Decimal::MAX;
        t.stages.push(t.stages[0].clone());
        t.stages[1].id = "s2".into();
        t.indicators.push(t.indicators[0].clone());
        t.indicators[2].id = "i3".into();
        t.indicators[2].stage = "s2".into();
        t.stages[1].max = t.indicators[2].max;
        let codes = codes_at(&t);
        assert!(
            codes.contains(&("stage[0].weight".into(), "too_large")),
            "{codes:?}"
        );
        assert!(codes.contains(&("stage[1].weight".into(), "too_large")));
        assert!(codes.contains(&("stage".into(), "weights_not_100")));

        let mut t = basic();
        for i in &mut t.indicators {
            i.parent = None;
        }
        t.indicators[1].parent = Some("i1".into());
        t.indicators.push(t.indicators[1].clone());
        t.indicators[2].id = "i3".into();
        t.indicators[1].max = Decimal::MAX;
        t.indicators[2].max = Decimal::MAX;
        let codes = codes_at(&t);
        assert!(
            codes.contains(&("indicator[0].max".into(), "group_max_mismatch")),
            "{codes:?}"
        );
    }

    // Found by the `template_values` fuzz target: a valid-looking template whose
    // divergence pct (or max) was near `Decimal::MAX` made `compute` panic
    // ("Multiplication overflowed") at the divergence threshold, pct × max.
    #[test]
    fn compute_refuses_a_template_whose_arithmetic_would_overflow() {
        let mut t = basic();
        t.divergence.pct = Decimal::MAX;
        let input = full_marks(&t);
        match compute(&t, &input) {
            Err(ComputeError::Template(p)) => {
                assert_eq!(
                    (p[0].path.as_str(), p[0].kind.code()),
                    ("divergence.pct", "too_large")
                )
            }
            other => panic!("expected too_large, got {other:?}"),
        }

        // Maxima that sum exactly (so the old `validate` passed), then three experts'
        // scores overflow.
        let mut t = basic();
        let half: Decimal = "39614081257132168796771975167".parse().expect("decimal");
        t.stages[0].max = "79228162514264337593543950334".parse().expect("decimal");
        t.indicators[0].max = half;
        t.indicators[1].max = half;
        assert!(matches!(
            compute(&t, &full_marks(&t)),
            Err(ComputeError::Template(_))
        ));
    }

    #[test]
    fn values_at_the_limit_compute() {
        let mut t = basic();
        let half = MAX_TEMPLATE_VALUE / Decimal::TWO;
        t.stages[0].max = MAX_TEMPLATE_VALUE;
        t.indicators[0].max = half;
        t.indicators[1].max = half;
        t.divergence.pct = MAX_TEMPLATE_VALUE;
        assert_eq!(codes_at(&t), vec![]);
        let r = compute(&t, &full_marks(&t)).expect("computes");
        assert_eq!(
            r.applicants[0].stages[0].aggregate,
            Some(Decimal::new(100000000, 2))
        );
        t.divergence.pct = MAX_TEMPLATE_VALUE + Decimal::ONE;
        assert_eq!(codes_at(&t), vec![("divergence.pct".into(), "too_large")]);
    }

    #[test]
    fn a_required_kind_must_be_allowed() {
        let mut t = basic();
        t.allowed_materials = vec![MaterialKind::ApplicationForm];
        t.required_materials = vec![MaterialKind::ApplicationForm, MaterialKind::AuditReport];
        let problems = t.validate().unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].path, "required_materials[1]");
        assert_eq!(
            problems[0].kind,
            TemplateProblemKind::RequiredNotAllowed("audit_report".into())
        );
        // No allowed list: anything goes.
        t.allowed_materials.clear();
        assert!(t.validate().is_ok());
    }
}
