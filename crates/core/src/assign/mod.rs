//! Automatic assignment of experts to applicants (专家自动分配), rule 15 of
//! `docs/rules.md`.
//!
//! [`assign`] takes an [`AssignInput`] — applicants with what each needs, experts
//! with their kind (技术 / 行业 / 财务), employer, fields and load limit, the
//! conflicted and recused pairs, pins and bans, and a seed — and returns an
//! [`AssignmentPlan`] (the experts of every applicant) or an [`AssignError`] that
//! says exactly what is short. It is a pure function: the same input and seed give
//! the same plan. [`derive_conflicts`] finds the conflicts of interest that follow
//! from employers (rule 15.1); [`diff`] compares a plan with the round's current
//! assignment for a dry run.

mod from_round;
mod solve;
#[cfg(test)]
mod tests;

pub use from_round::{default_per_applicant, kinds_present, round_input, RoundAssignOptions};

use crate::calendar::Date;
use crate::round::Assignment;
use crate::text::Lang;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The kind of expert a program asks for (专家类别); seed 004 asks for all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpertKind {
    /// Technical expert (技术专家).
    Technical,
    /// Industry expert (行业专家).
    Industry,
    /// Finance expert (财务专家).
    Finance,
}

impl ExpertKind {
    /// Every kind, in a fixed order.
    pub const ALL: [ExpertKind; 3] = [
        ExpertKind::Technical,
        ExpertKind::Industry,
        ExpertKind::Finance,
    ];

    fn index(self) -> usize {
        self as usize
    }

    /// The kind's name: 技术 / 行业 / 财务, technical / industry / finance.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ExpertKind::Technical, Lang::ZhCn) => "技术",
            (ExpertKind::Industry, Lang::ZhCn) => "行业",
            (ExpertKind::Finance, Lang::ZhCn) => "财务",
            (ExpertKind::Technical, Lang::En) => "technical",
            (ExpertKind::Industry, Lang::En) => "industry",
            (ExpertKind::Finance, Lang::En) => "finance",
        }
    }
}

/// An organisation as the assignment compares them: by credit code when both sides
/// have one, else by normalised name ([`normalize_org_name`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organization {
    /// Unified social credit code (统一社会信用代码), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_code: Option<String>,
    /// Registered name.
    pub name: String,
}

impl Organization {
    /// True when both name the same organisation: equal credit codes, or — when
    /// either lacks one — equal normalised names.
    pub fn same_as(&self, other: &Organization) -> bool {
        self.compared().same_as(&other.compared())
    }

    /// The organisation as [`Organization::same_as`] compares it, its name
    /// normalised once, for comparing it with many others.
    pub(crate) fn compared(&self) -> ComparedOrganization<'_> {
        ComparedOrganization {
            credit_code: self.credit_code.as_deref().map(str::trim),
            name: normalize_org_name(&self.name),
        }
    }

    /// The key experts are grouped by for "one expert per employer and applicant":
    /// the credit code if known, else the normalised name; `None` when both are empty.
    fn group_key(&self) -> Option<String> {
        match &self.credit_code {
            Some(c) if !c.trim().is_empty() => Some(format!("c:{}", c.trim().to_uppercase())),
            _ => {
                let n = normalize_org_name(&self.name);
                (!n.is_empty()).then(|| format!("n:{n}"))
            }
        }
    }
}

/// An organisation name reduced for comparison: white space (ASCII and the
/// ideographic space) removed, full-width ASCII forms (including （ ）) folded to
/// ASCII, ASCII letters lowercased.
pub fn normalize_org_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// An [`Organization`] ready to be compared: the trimmed credit code, the
/// normalised name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ComparedOrganization<'a> {
    credit_code: Option<&'a str>,
    name: String,
}

impl ComparedOrganization<'_> {
    /// [`Organization::same_as`]: equal credit codes when both have one, else
    /// equal normalised names (not empty).
    pub(crate) fn same_as(&self, other: &ComparedOrganization<'_>) -> bool {
        match (self.credit_code, other.credit_code) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            _ => !self.name.is_empty() && self.name == other.name,
        }
    }

    /// Whether both have a credit code.
    pub(crate) fn both_coded(&self, other: &ComparedOrganization<'_>) -> bool {
        self.credit_code.is_some() && other.credit_code.is_some()
    }
}

/// An employer the expert has left (原工作单位), and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormerEmployer {
    /// The organisation.
    #[serde(flatten)]
    pub organization: Organization,
    /// The last day the expert worked there.
    pub left: Date,
}

/// How many experts an applicant needs (每个申报单位的专家人数及类别).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirement {
    /// Experts in all.
    pub experts: u32,
    /// The fewest of each kind, e.g. technical 1, industry 1, finance 1; the rest
    /// may be of any kind.
    #[serde(default)]
    pub kinds: BTreeMap<ExpertKind, u32>,
}

impl Requirement {
    /// `experts` experts, at least one of each kind in `kinds`.
    pub fn at_least_one_of(experts: u32, kinds: &[ExpertKind]) -> Self {
        Requirement {
            experts,
            kinds: kinds.iter().map(|k| (*k, 1)).collect(),
        }
    }
}

/// An applicant as the assignment sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantProfile {
    /// Applicant id.
    pub id: String,
    /// The applicant itself (its credit code and registered name), for conflicts.
    pub organization: Organization,
    /// Its categories (申报类别), named in shortage messages.
    pub categories: Vec<String>,
    /// Topics an expert's field is matched against (industry, categories, scope).
    pub topics: Vec<String>,
    /// How many experts, of which kinds.
    pub requirement: Requirement,
}

/// An expert as the assignment sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpertProfile {
    /// Expert id.
    pub id: String,
    /// Kind, when the round gives one; an expert without a kind fills only the
    /// places of "any kind".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ExpertKind>,
    /// Current employer (工作单位).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer: Option<Organization>,
    /// Former employers (原工作单位), with the day each was left.
    #[serde(default)]
    pub former_employers: Vec<FormerEmployer>,
    /// Fields of expertise, compared with the applicants' topics.
    #[serde(default)]
    pub fields: Vec<String>,
    /// The most applicants this expert may review (the organizer's load limit).
    pub max_load: u32,
}

/// One expert–applicant pair.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Pair {
    /// Applicant id.
    pub applicant: String,
    /// Expert id.
    pub expert: String,
}

impl Pair {
    /// The pair of `applicant` and `expert`.
    pub fn new(applicant: impl Into<String>, expert: impl Into<String>) -> Self {
        Pair {
            applicant: applicant.into(),
            expert: expert.into(),
        }
    }
}

/// Everything the assignment decides from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignInput {
    /// The applicants.
    pub applicants: Vec<ApplicantProfile>,
    /// The experts (the chair excluded).
    pub experts: Vec<ExpertProfile>,
    /// Conflicted pairs (利益冲突): [`derive_conflicts`] plus any declared.
    #[serde(default)]
    pub conflicts: Vec<Pair>,
    /// Upheld recusal requests (予以回避).
    #[serde(default)]
    pub recusals: Vec<Pair>,
    /// Pairs the organizer fixes by hand (指定).
    #[serde(default)]
    pub pins: Vec<Pair>,
    /// Pairs the organizer forbids by hand (排除).
    #[serde(default)]
    pub bans: Vec<Pair>,
    /// How much a field match weighs against load, in applicants of load: an expert
    /// whose field matches is preferred over one who does not while their loads
    /// differ by less than this.
    #[serde(default = "default_match_weight")]
    pub match_weight: u32,
    /// The seed (recorded with the plan); the same seed gives the same plan.
    pub seed: u64,
}

fn default_match_weight() -> u32 {
    2
}

/// The experts of one applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantPanel {
    /// Applicant id.
    pub applicant: String,
    /// Expert ids, sorted.
    pub experts: Vec<String>,
}

/// The result of [`assign`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentPlan {
    /// The seed it was made with.
    pub seed: u64,
    /// One entry per applicant, in the input's order.
    pub panels: Vec<ApplicantPanel>,
}

impl AssignmentPlan {
    /// The plan as the round's assignment list: applicants in order, experts sorted.
    pub fn assignments(&self) -> Vec<Assignment> {
        self.panels
            .iter()
            .flat_map(|p| {
                p.experts.iter().map(|e| Assignment {
                    expert: e.clone(),
                    applicant: p.applicant.clone(),
                })
            })
            .collect()
    }

    /// How many applicants each expert reviews (experts with none are absent).
    pub fn loads(&self) -> BTreeMap<String, u32> {
        let mut m = BTreeMap::new();
        for p in &self.panels {
            for e in &p.experts {
                *m.entry(e.clone()).or_insert(0) += 1;
            }
        }
        m
    }
}

/// What is short for one applicant when no assignment exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shortage {
    /// Applicant id.
    pub applicant: String,
    /// Its categories.
    pub categories: Vec<String>,
    /// The kind that is short; `None` for places of any kind.
    pub kind: Option<ExpertKind>,
    /// How many experts are missing.
    pub missing: u32,
    /// How many experts of that kind (of any kind for `None`) the applicant could
    /// have — not conflicted, recused or banned, one per employer — before load
    /// limits: fewer than needed means the panel lacks them; more means their loads
    /// are full.
    pub eligible: u32,
}

impl Shortage {
    /// The shortage in words, e.g. `申报单位 A03（类别 platform）：缺 2 名财务专家（无利益冲突者 1 名）`.
    pub fn message(&self, lang: Lang) -> String {
        let cats = self.categories.join("、");
        match lang {
            Lang::ZhCn => {
                let kind = self.kind.map_or("", |k| k.label(lang));
                format!(
                    "申报单位 {}（类别 {}）：缺 {} 名{}专家（无利益冲突、未回避、未排除者 {} 名）",
                    self.applicant, cats, self.missing, kind, self.eligible
                )
            }
            Lang::En => {
                let kind = self
                    .kind
                    .map_or(String::new(), |k| format!("{} ", k.label(lang)));
                format!(
                    "applicant {} (category {}): {} {}expert(s) short without a conflict ({} eligible: not conflicted, recused or banned)",
                    self.applicant,
                    cats.replace('、', ", "),
                    self.missing,
                    kind,
                    self.eligible
                )
            }
        }
    }
}

/// Shortages summed per category and kind, e.g. `类别 platform: 缺 2 名财务专家`;
/// an applicant in two categories counts in both.
pub fn shortage_summary(shortages: &[Shortage], lang: Lang) -> Vec<String> {
    let mut sums: BTreeMap<(&str, Option<ExpertKind>), u32> = BTreeMap::new();
    for s in shortages {
        for c in &s.categories {
            *sums.entry((c.as_str(), s.kind)).or_insert(0) += s.missing;
        }
    }
    sums.into_iter()
        .map(|((cat, kind), n)| match lang {
            Lang::ZhCn => format!(
                "类别 {cat}: 缺 {n} 名{}专家",
                kind.map_or("", |k| k.label(lang))
            ),
            Lang::En => format!(
                "category {cat}: {n} {}expert(s) short without a conflict",
                kind.map_or(String::new(), |k| format!("{} ", k.label(lang)))
            ),
        })
        .collect()
}

/// A problem with the input itself, found before any assignment is tried.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[non_exhaustive]
pub enum InputProblem {
    /// Two applicants or two experts share an id.
    #[error("id '{0}' is used more than once")]
    DuplicateId(String),
    /// A pair names an applicant the input does not have.
    #[error("no applicant has id '{0}'")]
    UnknownApplicant(String),
    /// A pair names an expert the input does not have.
    #[error("no expert has id '{0}'")]
    UnknownExpert(String),
    /// The kinds required exceed the number of experts required.
    #[error("applicant '{0}' needs more experts by kind than in all")]
    KindsExceedTotal(String),
    /// A pin is also conflicted, recused or banned.
    #[error("expert '{}' is pinned to applicant '{}' but is {reason} there", pair.expert, pair.applicant)]
    PinRefused {
        /// The pin.
        pair: Pair,
        /// `conflicted`, `recused` or `banned`.
        reason: String,
    },
    /// Two experts of one employer are pinned to one applicant.
    #[error("experts '{0}' and '{1}' of one employer are both pinned to applicant '{2}'")]
    PinnedSameEmployer(String, String, String),
    /// An applicant has more pins than places.
    #[error("applicant '{0}' has more pinned experts than it needs")]
    TooManyPins(String),
    /// An expert has more pins than its load limit.
    #[error("expert '{0}' is pinned to more applicants than its load limit")]
    PinsOverLoad(String),
}

impl InputProblem {
    /// The problem in words, e.g. `专家 E02 被指定评审 A03，但其与该单位存在利益冲突`.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        match self {
            Self::DuplicateId(id) if zh => format!("编号 {id} 出现了不止一次"),
            Self::UnknownApplicant(id) if zh => format!("没有编号为 {id} 的申报单位"),
            Self::UnknownExpert(id) if zh => format!("没有编号为 {id} 的专家"),
            Self::KindsExceedTotal(a) if zh => {
                format!("申报单位 {a} 按专家类别所需的人数多于每家专家总数")
            }
            Self::PinRefused { pair, reason } if zh => {
                let why = match reason.as_str() {
                    "conflicted" => "存在利益冲突",
                    "recused" => "已准予回避",
                    "banned" => "已被手工排除",
                    other => other,
                };
                format!(
                    "专家 {} 被指定评审 {}，但其与该单位{why}",
                    pair.expert, pair.applicant
                )
            }
            Self::PinnedSameEmployer(e1, e2, a) if zh => {
                format!("同一单位的专家 {e1} 与 {e2} 都被指定评审 {a}")
            }
            Self::TooManyPins(a) if zh => format!("申报单位 {a} 被指定的专家多于所需人数"),
            Self::PinsOverLoad(e) if zh => format!("专家 {e} 被指定的单位数超过其评审上限"),
            other => other.to_string(),
        }
    }
}

/// Why [`assign`] gives no plan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[non_exhaustive]
pub enum AssignError {
    /// The input contradicts itself; nothing was tried.
    #[error("the assignment input has {} problem(s): {}", .0.len(), join(.0))]
    Input(Vec<InputProblem>),
    /// No assignment meets every constraint; this is what is short.
    #[error("no assignment exists: {}", .0.iter().map(|s| s.message(Lang::En)).collect::<Vec<_>>().join("; "))]
    Shortage(Vec<Shortage>),
}

impl AssignError {
    /// Every problem or shortage, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Input(p), Lang::ZhCn) => format!(
                "自动分配的输入有 {} 处问题：{}",
                p.len(),
                p.iter()
                    .map(|x| x.message(lang))
                    .collect::<Vec<_>>()
                    .join("；")
            ),
            (Self::Shortage(s), Lang::ZhCn) => format!(
                "无法完成分配：{}",
                s.iter()
                    .map(|x| x.message(lang))
                    .collect::<Vec<_>>()
                    .join("；")
            ),
            (e, Lang::En) => e.to_string(),
        }
    }
}

fn join(p: &[InputProblem]) -> String {
    p.iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The conflicts of interest that follow from employers (rule 15.1): an expert is
/// conflicted with an applicant that is their current employer, or a former
/// employer they left on or after the day 36 months before `as_of`, compared by
/// credit code or normalised name ([`Organization::same_as`]). Pairs in applicant
/// order, then expert order.
pub fn derive_conflicts(
    applicants: &[ApplicantProfile],
    experts: &[ExpertProfile],
    as_of: Date,
) -> Vec<Pair> {
    let since = as_of.months_earlier(36);
    let mut out = Vec::new();
    for a in applicants {
        for e in experts {
            let current = e
                .employer
                .as_ref()
                .is_some_and(|o| o.same_as(&a.organization));
            let former = e
                .former_employers
                .iter()
                .any(|f| f.left >= since && f.organization.same_as(&a.organization));
            if current || former {
                out.push(Pair::new(&a.id, &e.id));
            }
        }
    }
    out
}

/// What a plan changes in an assignment list (the dry run).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AssignmentDiff {
    /// Pairs the plan adds, sorted by applicant then expert.
    pub added: Vec<Pair>,
    /// Pairs the plan removes, sorted.
    pub removed: Vec<Pair>,
    /// How many pairs stay.
    pub kept: usize,
}

impl AssignmentDiff {
    /// True when the plan changes nothing.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

/// The change from `current` (the round's assignment list) to `plan`.
pub fn diff(current: &[Assignment], plan: &AssignmentPlan) -> AssignmentDiff {
    let old: BTreeSet<Pair> = current
        .iter()
        .map(|a| Pair::new(&a.applicant, &a.expert))
        .collect();
    let new: BTreeSet<Pair> = plan
        .assignments()
        .iter()
        .map(|a| Pair::new(&a.applicant, &a.expert))
        .collect();
    AssignmentDiff {
        added: new.difference(&old).cloned().collect(),
        removed: old.difference(&new).cloned().collect(),
        kept: old.intersection(&new).count(),
    }
}

/// A broken constraint found by [`check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// A conflicted, recused or banned pair is assigned.
    Forbidden(Pair),
    /// A pin is missing.
    PinMissing(Pair),
    /// Two experts of one employer review one applicant.
    SameEmployer(Pair, Pair),
    /// An applicant has the wrong number of experts, or too few of a kind.
    Count(String),
    /// An expert is over their load limit.
    Overloaded(String),
    /// An id the input does not know, or an expert twice on one applicant.
    Malformed(String),
}

/// Every constraint of rule 15 that `plan` breaks for `input` (empty when valid).
/// Independent of the solver; the tests hold every plan to it.
pub fn check(input: &AssignInput, plan: &AssignmentPlan) -> Vec<Violation> {
    let mut v = Vec::new();
    let forbidden: HashSet<&Pair> = input
        .conflicts
        .iter()
        .chain(&input.recusals)
        .chain(&input.bans)
        .collect();
    let experts: HashMap<&str, &ExpertProfile> =
        input.experts.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut assigned = HashSet::new();
    let mut load: HashMap<&str, u32> = HashMap::new();
    for p in &plan.panels {
        let Some(a) = input.applicants.iter().find(|a| a.id == p.applicant) else {
            v.push(Violation::Malformed(p.applicant.clone()));
            continue;
        };
        let mut kinds: BTreeMap<ExpertKind, u32> = BTreeMap::new();
        let mut groups: HashMap<String, &str> = HashMap::new();
        let mut seen = HashSet::new();
        for e in &p.experts {
            let Some(x) = experts.get(e.as_str()) else {
                v.push(Violation::Malformed(e.clone()));
                continue;
            };
            if !seen.insert(e) {
                v.push(Violation::Malformed(format!("{}/{e}", a.id)));
            }
            let pair = Pair::new(&a.id, e);
            if forbidden.contains(&pair) {
                v.push(Violation::Forbidden(pair.clone()));
            }
            if let Some(k) = x.kind {
                *kinds.entry(k).or_insert(0) += 1;
            }
            if let Some(g) = x.employer.as_ref().and_then(Organization::group_key) {
                if let Some(other) = groups.insert(g, e) {
                    v.push(Violation::SameEmployer(
                        Pair::new(&a.id, other),
                        pair.clone(),
                    ));
                }
            }
            *load.entry(e).or_insert(0) += 1;
            assigned.insert(pair);
        }
        let short_kind = a
            .requirement
            .kinds
            .iter()
            .any(|(k, n)| kinds.get(k).copied().unwrap_or(0) < *n);
        if p.experts.len() != a.requirement.experts as usize || short_kind {
            v.push(Violation::Count(a.id.clone()));
        }
    }
    if plan.panels.len() != input.applicants.len() {
        v.push(Violation::Malformed("panels".into()));
    }
    for pin in &input.pins {
        if !assigned.contains(pin) {
            v.push(Violation::PinMissing(pin.clone()));
        }
    }
    for (e, n) in load {
        if experts.get(e).is_some_and(|x| n > x.max_load) {
            v.push(Violation::Overloaded(e.to_owned()));
        }
    }
    v
}

/// Assigns experts to applicants (rule 15): every applicant gets its required
/// number of experts and at least the required number of each kind; no
/// conflicted, recused or banned pair; at most one expert per employer on one
/// applicant; every pin; no expert over their load limit. Among such plans it
/// prefers balanced loads and matching fields, ties broken by the seed. Returns
/// the shortages when no plan is found.
pub fn assign(input: &AssignInput) -> Result<AssignmentPlan, AssignError> {
    solve::solve(input)
}
