//! A review round (评审批次): the program, the applicants and their materials, the
//! panel, who reviews whom, and the applicants' recusal requests.
//!
//! A round is what the organizer seals into a package. This module holds the
//! model and [`Round::validate`]; reading `round.toml` is the shell's job.

use crate::assign::ExpertKind;
use crate::calendar::Date;
use crate::credit_code::CreditCode;
use crate::eligibility::EligibilityCheck;
use crate::error::{RoundProblem, RoundProblemKind};
use crate::template::Template;
use crate::text::Localized;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The format tag every round file carries.
pub const ROUND_FORMAT: &str = "reviewdesk-round/1";

/// A review round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// Format tag, [`ROUND_FORMAT`].
    pub format: String,
    /// Stable identifier of the round, e.g. `gd-pool-2026-01`.
    pub id: String,
    /// The program this round belongs to.
    pub program: Program,
    /// The applicants (申报单位); none yet in a new round.
    #[serde(default, rename = "applicant")]
    pub applicants: Vec<Applicant>,
    /// The expert panel and its chair (评审专家组); absent in a new round
    /// ([`Panel::is_unnamed`]) until the organizer names it.
    #[serde(default, skip_serializing_if = "Panel::is_unnamed")]
    pub panel: Panel,
    /// Who reviews whom; empty means every expert reviews every applicant.
    #[serde(default, rename = "assignment")]
    pub assignments: Vec<Assignment>,
    /// Pairs the organizer fixed by hand for the automatic assignment (指定): the
    /// expert always reviews the applicant.
    #[serde(
        default,
        rename = "assignment_pin",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub assignment_pins: Vec<Assignment>,
    /// Pairs the organizer forbade by hand (排除): never assigned.
    #[serde(
        default,
        rename = "assignment_ban",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub assignment_bans: Vec<Assignment>,
    /// Applicants' requests that a named expert not review them (申请回避).
    #[serde(default, rename = "recusal_request")]
    pub recusal_requests: Vec<RecusalRequest>,
    /// Conflicts of interest found from employers that the organizer dismissed,
    /// each with its reason (利益冲突排除记录); a dismissed conflict does not
    /// keep the expert from the applicant.
    #[serde(
        default,
        rename = "conflict_dismissal",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub conflict_dismissals: Vec<ConflictDismissal>,
    /// Application materials (申报材料), each a file in the round's `materials/` folder.
    #[serde(default, rename = "material")]
    pub materials: Vec<Material>,
    /// The eligibility check (形式审查): one record per applicant and template
    /// checklist item, met or not with the reason (`crate::eligibility`).
    #[serde(default, rename = "eligibility", skip_serializing_if = "Vec::is_empty")]
    pub eligibility: Vec<EligibilityCheck>,
    /// The drawn sample of a sampled stage (e.g. the site-visit draw), once known:
    /// only these applicants are scored in that stage.
    #[serde(default, rename = "sample")]
    pub samples: Vec<StageSample>,
    /// The seed of the automatic assignment that wrote the `[[assignment]]` tables
    /// (`reviewdesk round assign`), so anyone can repeat it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignment_seed: Option<u64>,
    /// Who goes on to a later stage (进入下一环节名单), once an earlier stage is
    /// closed: that stage is open only for the applicants listed.
    #[serde(default, rename = "advance", skip_serializing_if = "Vec::is_empty")]
    pub advances: Vec<StageAdvance>,
    /// The revision of the packages last sealed from this round (1 or more):
    /// written by the sealing services before they seal, so each sealing again
    /// carries one more (`docs/formats.md`, "Sealed package").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package_revision: Option<u32>,
}

impl Round {
    /// The revision the packages sealed from this round carry: the recorded one,
    /// or 1.
    pub fn revision(&self) -> u32 {
        self.package_revision.unwrap_or(1)
    }
}

/// The applicants admitted to a stage after an earlier one closed (进入答辩名单).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageAdvance {
    /// The stage opened (not a sampled one).
    pub stage: String,
    /// The applicants it is open for; empty: open for none yet.
    pub applicants: Vec<String>,
}

/// The applicants drawn for a sampled stage (抽中名单).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageSample {
    /// The stage id.
    pub stage: String,
    /// The applicants drawn.
    pub applicants: Vec<String>,
}

/// The program and this round's place in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Program {
    /// Title of this round as published (批次名称).
    pub title: Localized,
    /// Who runs it (主办单位).
    pub organizer: Localized,
    /// Id of the template whose rules apply.
    pub template: String,
    /// The confidentiality and integrity pledge (保密与廉政承诺) experts accept
    /// before any applicant is shown; the desk's standard text when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pledge: Option<Localized>,
    /// The last day sheets are accepted (评审截止日期); a package past it is expired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Date>,
    /// The last day applications were accepted (申报截止日): the date the template's
    /// freshness rules count back from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_deadline: Option<Date>,
}

/// An applicant organisation (申报单位).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    /// Identifier within the round, e.g. `A01`.
    pub id: String,
    /// Registered name (单位名称), in Chinese as registered.
    pub name: String,
    /// Unified social credit code (统一社会信用代码).
    pub credit_code: CreditCode,
    /// Region (所属地区), e.g. 广州市.
    pub region: Localized,
    /// Industry (所属行业, GB/T 4754 division).
    pub industry: Localized,
    /// Category ids from the template (申报类别); at most two in the Guangdong programs.
    pub categories: Vec<String>,
}

/// The panel: the experts who score and the chair who merges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Panel {
    /// The panel chair (评审组长).
    pub chair: Expert,
    /// The scoring experts (评审专家).
    #[serde(rename = "expert")]
    pub experts: Vec<Expert>,
}

impl Default for Panel {
    /// The panel of a new round: no chair named (empty fields), no experts.
    fn default() -> Self {
        let empty = Localized {
            zh: String::new(),
            en: String::new(),
        };
        Panel {
            chair: Expert {
                id: String::new(),
                name: String::new(),
                affiliation: String::new(),
                field: empty,
                kind: None,
                affiliation_credit_code: None,
                former_employers: Vec::new(),
            },
            experts: Vec::new(),
        }
    }
}

impl Panel {
    /// True for a panel not yet named (a new round's): it is the default one.
    /// Such a round validates, but cannot be sealed (no chair's key card).
    pub fn is_unnamed(&self) -> bool {
        *self == Panel::default()
    }
}

/// A panel member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expert {
    /// Identifier within the round, e.g. `E01`.
    pub id: String,
    /// Name (姓名).
    pub name: String,
    /// Employer (工作单位).
    pub affiliation: String,
    /// Field of expertise (专业领域).
    pub field: Localized,
    /// Kind (专家类别: 技术 / 行业 / 财务), when the program asks for kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ExpertKind>,
    /// The employer's unified social credit code (单位统一社会信用代码), when known:
    /// conflicts of interest are found by it, else by the employer's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation_credit_code: Option<CreditCode>,
    /// Employers the expert has left (近三年曾任职单位), with the last day there.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former_employers: Vec<FormerAffiliation>,
}

/// An employer a panel member has left (曾任职单位).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormerAffiliation {
    /// Registered name (单位名称).
    pub name: String,
    /// Its unified social credit code, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_code: Option<CreditCode>,
    /// The last day the expert worked there (离职日期).
    pub until: Date,
}

/// One expert reviewing one applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// Expert id.
    pub expert: String,
    /// Applicant id.
    pub applicant: String,
}

/// An applicant's request that an expert not review it (申请回避), and its ruling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecusalRequest {
    /// The applicant asking.
    pub applicant: String,
    /// The expert named.
    pub expert: String,
    /// The applicant's stated reasons (理由).
    pub reason: String,
    /// The organizer's or chair's ruling.
    pub ruling: RecusalRuling,
    /// The day the request was received (收到日期), when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<Date>,
    /// Why it was ruled so (裁定理由); only with a ruling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ruling_reason: Option<String>,
    /// Who ruled (裁定人); only with a ruling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ruled_by: Option<String>,
    /// The day of the ruling (裁定日期); only with a ruling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ruled_on: Option<Date>,
}

/// A conflict of interest found from employers that the organizer dismissed
/// (利益冲突排除), with the reason, who decided and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictDismissal {
    /// Expert id.
    pub expert: String,
    /// Applicant id.
    pub applicant: String,
    /// Why the finding is not a conflict (理由); never empty.
    pub reason: String,
    /// Who decided (决定人).
    pub by: String,
    /// The day it was decided.
    pub on: Date,
}

/// The ruling on a recusal request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecusalRuling {
    /// Not yet ruled on (待裁定).
    Pending,
    /// Upheld: the expert recuses (予以回避).
    Upheld,
    /// Rejected: the expert reviews (不予回避).
    Rejected,
}

/// What kind of document a material is; freshness rules are per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaterialKind {
    /// Application form (申报书).
    ApplicationForm,
    /// Business licence (营业执照).
    BusinessLicense,
    /// Case study (应用案例).
    CaseStudy,
    /// Test report (检测报告).
    TestReport,
    /// Intellectual-property certificate (知识产权证书).
    IpCertificate,
    /// Audit report (审计报告).
    AuditReport,
    /// User feedback (用户评价).
    UserFeedback,
    /// Photograph (现场照片).
    Photo,
    /// Anything else (其他).
    Other,
}

/// One application material.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// Identifier within the round, e.g. `M01`.
    pub id: String,
    /// Applicant id.
    pub applicant: String,
    /// Kind of document.
    pub kind: MaterialKind,
    /// Title shown to experts.
    pub title: String,
    /// Plain file name inside the round's `materials/` folder.
    pub file: String,
    /// Date of issue (出具日期), for the template's freshness rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<Date>,
    /// Why a material the freshness rules call stale (or cannot date) is accepted
    /// all the same (过期说明), recorded by the organizer; without it a stale
    /// material blocks sealing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stale_reason: Option<String>,
}

/// An id: letters, digits, `-` and `_`, and not a Windows device name (a
/// person's id names their card, `cards/<id>.card`).
fn is_plain_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !crate::names::is_device_name(id)
}

/// True for a file name that cannot be read as a path on any system
/// ([`crate::check_file_name`]: no separators or `..`, no drive letter, no
/// Windows device name, no trailing dot or space, …).
pub fn is_plain_file_name(name: &str) -> bool {
    crate::names::check_file_name(name).is_ok()
}

struct Checker {
    problems: Vec<RoundProblem>,
}

impl Checker {
    fn push(&mut self, path: impl Into<String>, kind: RoundProblemKind) {
        self.problems.push(RoundProblem {
            path: path.into(),
            kind,
        });
    }
    fn text(&mut self, path: String, t: &Localized) {
        if t.is_incomplete() {
            self.push(path, RoundProblemKind::IncompleteText);
        }
    }
    fn non_empty(&mut self, path: String, s: &str) {
        if s.trim().is_empty() {
            self.push(path, RoundProblemKind::Empty);
        }
    }
    /// Checks ids are plain and unique within `seen`.
    fn id<'a>(&mut self, path: String, id: &'a str, seen: &mut HashSet<&'a str>) {
        if !is_plain_id(id) {
            self.push(path, RoundProblemKind::BadId(id.to_owned()));
        } else if !seen.insert(id) {
            self.push(path, RoundProblemKind::DuplicateId(id.to_owned()));
        }
    }
}

/// `ruling_reason`, `ruled_by` and `ruled_on` belong to a ruling: none of them on a
/// pending request; given, they are not empty.
fn check_ruling_details(c: &mut Checker, p: &str, r: &RecusalRequest) {
    let details = [
        ("ruling_reason", r.ruling_reason.is_some()),
        ("ruled_by", r.ruled_by.is_some()),
        ("ruled_on", r.ruled_on.is_some()),
    ];
    if r.ruling == RecusalRuling::Pending {
        for (field, given) in details {
            if given {
                c.push(
                    format!("{p}.{field}"),
                    RoundProblemKind::RulingDetailWhilePending,
                );
            }
        }
    }
    if let (Some(received), Some(on)) = (r.received, r.ruled_on) {
        if on < received {
            c.push(
                format!("{p}.ruled_on"),
                RoundProblemKind::RuledBeforeReceived { received, on },
            );
        }
    }
    if let Some(t) = &r.ruling_reason {
        c.non_empty(format!("{p}.ruling_reason"), t);
    }
    if let Some(t) = &r.ruled_by {
        c.non_empty(format!("{p}.ruled_by"), t);
    }
}

fn check_conflict_dismissals(c: &mut Checker, round: &Round, applicant_ids: &HashSet<&str>) {
    let mut pairs = HashSet::new();
    for (i, d) in round.conflict_dismissals.iter().enumerate() {
        let p = format!("conflict_dismissal[{i}]");
        if !round.panel.experts.iter().any(|e| e.id == d.expert) {
            c.push(
                format!("{p}.expert"),
                RoundProblemKind::UnknownExpert(d.expert.clone()),
            );
        }
        if !applicant_ids.contains(d.applicant.as_str()) {
            c.push(
                format!("{p}.applicant"),
                RoundProblemKind::UnknownApplicant(d.applicant.clone()),
            );
        }
        c.non_empty(format!("{p}.reason"), &d.reason);
        c.non_empty(format!("{p}.by"), &d.by);
        if !pairs.insert((d.expert.as_str(), d.applicant.as_str())) {
            c.push(
                p,
                RoundProblemKind::DuplicateDismissal {
                    expert: d.expert.clone(),
                    applicant: d.applicant.clone(),
                },
            );
        }
    }
}

impl Round {
    /// The `[[eligibility]]` records: a known applicant and template item, one
    /// record per pair, a note on an item not met, a checker's name.
    fn validate_eligibility(
        &self,
        template: &Template,
        applicant_ids: &HashSet<&str>,
        c: &mut Checker,
    ) {
        let mut pairs = HashSet::new();
        for (i, e) in self.eligibility.iter().enumerate() {
            let p = format!("eligibility[{i}]");
            if !pairs.insert((e.applicant.as_str(), e.item.as_str())) {
                c.push(
                    p.clone(),
                    RoundProblemKind::DuplicateEligibility {
                        applicant: e.applicant.clone(),
                        item: e.item.clone(),
                    },
                );
            }
            if !applicant_ids.contains(e.applicant.as_str()) {
                c.push(
                    format!("{p}.applicant"),
                    RoundProblemKind::UnknownApplicant(e.applicant.clone()),
                );
            }
            if !template.eligibility.iter().any(|x| x.id == e.item) {
                c.push(
                    format!("{p}.item"),
                    RoundProblemKind::UnknownEligibilityItem(e.item.clone()),
                );
            }
            if !e.met && e.reason().is_none() {
                c.push(format!("{p}.note"), RoundProblemKind::Empty);
            }
            c.non_empty(format!("{p}.checked_by"), &e.checked_by);
        }
    }

    /// Every expert on the panel, chair excluded.
    pub fn experts(&self) -> &[Expert] {
        &self.panel.experts
    }

    /// The applicant with this id.
    pub fn applicant(&self, id: &str) -> Option<&Applicant> {
        self.applicants.iter().find(|a| a.id == id)
    }

    /// The expert with this id (the chair included).
    pub fn expert(&self, id: &str) -> Option<&Expert> {
        std::iter::once(&self.panel.chair)
            .chain(&self.panel.experts)
            .find(|e| e.id == id)
    }

    /// Whether `expert` is assigned to `applicant` (an empty assignment list
    /// assigns everyone to everyone).
    pub fn is_assigned(&self, expert: &str, applicant: &str) -> bool {
        if self.assignments.is_empty() {
            return self.experts().iter().any(|e| e.id == expert)
                && self.applicant(applicant).is_some();
        }
        self.assignments
            .iter()
            .any(|a| a.expert == expert && a.applicant == applicant)
    }

    /// The experts assigned to an applicant, in panel order.
    pub fn experts_for(&self, applicant: &str) -> Vec<&Expert> {
        self.experts()
            .iter()
            .filter(|e| self.is_assigned(&e.id, applicant))
            .collect()
    }

    /// [`Round::experts_for`] of every applicant at once, by applicant id: one pass
    /// over the assignments instead of one per applicant and expert (5,000
    /// applicants × 50 experts × 15,000 assignments would be 3.75 billion
    /// comparisons).
    pub fn experts_by_applicant(&self) -> HashMap<&str, Vec<&Expert>> {
        let pairs: HashSet<(&str, &str)> = self
            .assignments
            .iter()
            .map(|a| (a.expert.as_str(), a.applicant.as_str()))
            .collect();
        self.applicants
            .iter()
            .map(|a| {
                let experts = self
                    .experts()
                    .iter()
                    .filter(|e| {
                        self.assignments.is_empty()
                            || pairs.contains(&(e.id.as_str(), a.id.as_str()))
                    })
                    .collect();
                (a.id.as_str(), experts)
            })
            .collect()
    }

    /// Checks the round against itself and its template. Returns every problem
    /// found, each with its field path, or `Ok(())`.
    pub fn validate(&self, template: &Template) -> Result<(), Vec<RoundProblem>> {
        let mut c = Checker {
            problems: Vec::new(),
        };
        if self.format != ROUND_FORMAT {
            c.push(
                "format",
                RoundProblemKind::Format {
                    found: self.format.clone(),
                    expected: ROUND_FORMAT,
                },
            );
        }
        if !is_plain_id(&self.id) {
            c.push("id", RoundProblemKind::BadId(self.id.clone()));
        }
        c.text("program.title".into(), &self.program.title);
        c.text("program.organizer".into(), &self.program.organizer);
        if self.program.template != template.id {
            c.push(
                "program.template",
                RoundProblemKind::TemplateMismatch {
                    wanted: self.program.template.clone(),
                    given: template.id.clone(),
                },
            );
        }

        let mut applicant_ids = HashSet::new();
        for (i, a) in self.applicants.iter().enumerate() {
            let p = format!("applicant[{i}]");
            c.id(format!("{p}.id"), &a.id, &mut applicant_ids);
            c.non_empty(format!("{p}.name"), &a.name);
            c.text(format!("{p}.region"), &a.region);
            c.text(format!("{p}.industry"), &a.industry);
            if a.categories.is_empty() {
                c.push(format!("{p}.categories"), RoundProblemKind::Empty);
            }
            for (j, cat) in a.categories.iter().enumerate() {
                if template.category(cat).is_none() {
                    c.push(
                        format!("{p}.categories[{j}]"),
                        RoundProblemKind::UnknownCategory(cat.clone()),
                    );
                }
            }
        }

        let mut person_ids = HashSet::new();
        let members = std::iter::once(("panel.chair".to_owned(), &self.panel.chair)).chain(
            self.panel
                .experts
                .iter()
                .enumerate()
                .map(|(i, e)| (format!("panel.expert[{i}]"), e)),
        );
        let unnamed = self.panel.is_unnamed();
        for (p, e) in members.filter(|_| !unnamed) {
            c.id(format!("{p}.id"), &e.id, &mut person_ids);
            c.non_empty(format!("{p}.name"), &e.name);
            c.text(format!("{p}.field"), &e.field);
            for (j, f) in e.former_employers.iter().enumerate() {
                c.non_empty(format!("{p}.former_employers[{j}].name"), &f.name);
            }
        }
        if self.panel.experts.is_empty() && !unnamed {
            c.push("panel.expert", RoundProblemKind::Empty);
        }

        let is_expert = |id: &str| self.panel.experts.iter().any(|e| e.id == id);
        let mut pairs = HashSet::new();
        for (i, a) in self.assignments.iter().enumerate() {
            let p = format!("assignment[{i}]");
            if !is_expert(&a.expert) {
                c.push(
                    format!("{p}.expert"),
                    RoundProblemKind::UnknownExpert(a.expert.clone()),
                );
            }
            if !applicant_ids.contains(a.applicant.as_str()) {
                c.push(
                    format!("{p}.applicant"),
                    RoundProblemKind::UnknownApplicant(a.applicant.clone()),
                );
            }
            if !pairs.insert((a.expert.as_str(), a.applicant.as_str())) {
                c.push(
                    p,
                    RoundProblemKind::DuplicateAssignment {
                        expert: a.expert.clone(),
                        applicant: a.applicant.clone(),
                    },
                );
            }
        }
        for (key, list) in [
            ("assignment_pin", &self.assignment_pins),
            ("assignment_ban", &self.assignment_bans),
        ] {
            for (i, a) in list.iter().enumerate() {
                let p = format!("{key}[{i}]");
                if !is_expert(&a.expert) {
                    c.push(
                        format!("{p}.expert"),
                        RoundProblemKind::UnknownExpert(a.expert.clone()),
                    );
                }
                if !applicant_ids.contains(a.applicant.as_str()) {
                    c.push(
                        format!("{p}.applicant"),
                        RoundProblemKind::UnknownApplicant(a.applicant.clone()),
                    );
                }
            }
        }

        for (i, r) in self.recusal_requests.iter().enumerate() {
            let p = format!("recusal_request[{i}]");
            if !is_expert(&r.expert) {
                c.push(
                    format!("{p}.expert"),
                    RoundProblemKind::UnknownExpert(r.expert.clone()),
                );
            }
            if !applicant_ids.contains(r.applicant.as_str()) {
                c.push(
                    format!("{p}.applicant"),
                    RoundProblemKind::UnknownApplicant(r.applicant.clone()),
                );
            }
            c.non_empty(format!("{p}.reason"), &r.reason);
            check_ruling_details(&mut c, &p, r);
        }

        check_conflict_dismissals(&mut c, self, &applicant_ids);

        let mut material_ids = HashSet::new();
        for (i, m) in self.materials.iter().enumerate() {
            let p = format!("material[{i}]");
            c.id(format!("{p}.id"), &m.id, &mut material_ids);
            if !applicant_ids.contains(m.applicant.as_str()) {
                c.push(
                    format!("{p}.applicant"),
                    RoundProblemKind::UnknownApplicant(m.applicant.clone()),
                );
            }
            c.non_empty(format!("{p}.title"), &m.title);
            if !is_plain_file_name(&m.file) {
                c.push(
                    format!("{p}.file"),
                    RoundProblemKind::BadFileName(m.file.clone()),
                );
            }
        }

        self.validate_eligibility(template, &applicant_ids, &mut c);

        for (i, smp) in self.samples.iter().enumerate() {
            let p = format!("sample[{i}]");
            if template
                .stage(&smp.stage)
                .is_none_or(|s| s.sample.is_none())
            {
                c.push(
                    format!("{p}.stage"),
                    RoundProblemKind::NotSampled(smp.stage.clone()),
                );
            }
            for (j, a) in smp.applicants.iter().enumerate() {
                if !applicant_ids.contains(a.as_str()) {
                    c.push(
                        format!("{p}.applicants[{j}]"),
                        RoundProblemKind::UnknownApplicant(a.clone()),
                    );
                }
            }
        }

        let mut advanced = HashSet::new();
        for (i, adv) in self.advances.iter().enumerate() {
            let p = format!("advance[{i}]");
            let later = template
                .stages
                .iter()
                .position(|s| s.id == adv.stage)
                .is_some_and(|at| at > 0 && template.stages[at].sample.is_none());
            if !later {
                c.push(
                    format!("{p}.stage"),
                    RoundProblemKind::NotAdvanceable(adv.stage.clone()),
                );
            } else if !advanced.insert(adv.stage.as_str()) {
                c.push(
                    format!("{p}.stage"),
                    RoundProblemKind::DuplicateAdvance(adv.stage.clone()),
                );
            }
            for (j, a) in adv.applicants.iter().enumerate() {
                if !applicant_ids.contains(a.as_str()) {
                    c.push(
                        format!("{p}.applicants[{j}]"),
                        RoundProblemKind::UnknownApplicant(a.clone()),
                    );
                }
            }
        }
        if self.package_revision == Some(0) {
            c.push("package_revision", RoundProblemKind::ZeroRevision);
        }

        if c.problems.is_empty() {
            Ok(())
        } else {
            Err(c.problems)
        }
    }
}
