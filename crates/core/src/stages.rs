//! Stage by stage (分阶段评审): closing a stage from an interim result — who goes
//! on (进入下一环节名单, e.g. 进入答辩名单) and why the others do not — and adding a
//! substitute expert (替补专家) to a stage short of quorum. Pure: the result, the
//! round and the day come in; the shell (`reviewdesk_desk::stages`) reads the
//! bundle, edits `round.toml` and seals the next revision.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::calendar::Date;
use crate::conflicts::round_conflicts;
use crate::eligibility::is_ineligible;
use crate::round::{Assignment, Expert, Round};
use crate::rules::{ComputeResult, StageStatus};
use crate::template::Template;

/// Why an applicant does or does not go on to the next stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdvanceOutcome {
    /// Goes on (进入下一环节).
    Advances,
    /// Below the gate of the closed stage or an earlier one (未达门槛分).
    FailedGate,
    /// Vetoed (一票否决).
    Vetoed,
    /// Failed a pass/fail stage (环节未通过).
    FailedStage,
    /// Fewer valid experts than the quorum in the closed stage or an earlier one:
    /// the stage cannot be closed yet (a substitute expert is needed).
    ShortOfQuorum,
    /// Did not reach the closed stage (not on an earlier advance list).
    NotInStage,
}

impl AdvanceOutcome {
    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Advances => "advances",
            Self::FailedGate => "failed_gate",
            Self::Vetoed => "vetoed",
            Self::FailedStage => "failed_stage",
            Self::ShortOfQuorum => "short_of_quorum",
            Self::NotInStage => "not_in_stage",
        }
    }
}

/// One applicant on the advance list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdvanceRow {
    /// Applicant id.
    pub applicant: String,
    /// Its outcome.
    pub outcome: AdvanceOutcome,
    /// The closed stage's aggregate, when it has one (a score stage with the quorum).
    pub aggregate: Option<Decimal>,
}

/// The gate's result: who goes on from the closed stage to the next one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advance {
    /// The round's id.
    pub round: String,
    /// The stage closed.
    pub closed: String,
    /// The stage it opens.
    pub next: String,
    /// The stage's gate, if it has one.
    pub gate: Option<Decimal>,
    /// Every applicant reviewed (the ineligible ones are not), in the round's order.
    pub rows: Vec<AdvanceRow>,
}

impl Advance {
    /// The applicants who go on, in the round's order.
    pub fn advancing(&self) -> Vec<String> {
        self.with(AdvanceOutcome::Advances)
    }

    /// The applicants short of quorum: while there are any, the stage cannot be closed.
    pub fn short(&self) -> Vec<String> {
        self.with(AdvanceOutcome::ShortOfQuorum)
    }

    fn with(&self, o: AdvanceOutcome) -> Vec<String> {
        self.rows
            .iter()
            .filter(|r| r.outcome == o)
            .map(|r| r.applicant.clone())
            .collect()
    }
}

/// Why a stage cannot be closed, a sample not taken over, or a substitute not added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StageError {
    /// The stage named is unknown, sampled, or the last unsampled stage.
    #[error("stage '{0}' cannot be closed: it is not an unsampled stage followed by another one")]
    NotClosable(String),
    /// No stage is left to close: every later unsampled stage is open already.
    #[error("every later stage is open already: there is no stage to close")]
    NothingToClose,
    /// Applicants short of quorum in the closed stage (or an earlier one).
    #[error("stage '{stage}' is short of quorum for {}: add a substitute expert first", applicants.join(", "))]
    Incomplete {
        /// The stage to close.
        stage: String,
        /// The applicants short of quorum.
        applicants: Vec<String>,
    },
    /// The bundle is of another round.
    #[error("the result bundle is of round '{bundle}', not of this round '{round}'")]
    OtherRound {
        /// The bundle's round.
        bundle: String,
        /// The round folder's.
        round: String,
    },
    /// The result records no drawn sample.
    #[error("the result bundle records no drawn sample: the template samples no stage, or nothing was drawn")]
    NoDraw,
    /// A substitute's id is taken, or names no applicant to review.
    #[error("substitute {expert}: {message}")]
    BadSubstitute {
        /// The substitute's id.
        expert: String,
        /// What is wrong.
        message: String,
    },
    /// The substitute has a conflict of interest with an applicant it would review.
    #[error(
        "substitute {expert} has a conflict of interest with applicant {applicant}: not assigned"
    )]
    Conflict {
        /// The substitute's id.
        expert: String,
        /// The applicant.
        applicant: String,
    },
}

impl StageError {
    /// What happened and what to do, in `lang`.
    pub fn message(&self, lang: crate::Lang) -> String {
        let zh = lang == crate::Lang::ZhCn;
        match self {
            Self::NotClosable(stage) => {
                if zh {
                    format!("环节 {stage} 不能结束：它不是其后还有环节的非抽查环节。请用 --stage 指定要结束的环节。")
                } else {
                    format!("Stage {stage} cannot be closed: it is not an unsampled stage followed by another. Name the stage to close with --stage.")
                }
            }
            Self::NothingToClose => {
                if zh {
                    "后续环节均已开放，没有可结束的环节。".to_owned()
                } else {
                    "Every later stage is open already: there is no stage to close.".to_owned()
                }
            }
            Self::Incomplete { stage, applicants } => {
                if zh {
                    format!(
                        "环节 {stage} 尚不能结束：申报单位 {} 的有效评分人数不足。请先增补替补专家（`reviewdesk round substitute`），待其评分并由组长重新汇总后再结束本环节。未写入任何内容。",
                        applicants.join("、")
                    )
                } else {
                    format!(
                        "Stage {stage} cannot be closed yet: {} short of quorum. Add a substitute expert first (reviewdesk round substitute), then close the stage on the chair's new bundle. Nothing was written.",
                        applicants.join(", ")
                    )
                }
            }
            Self::OtherRound { bundle, round } => {
                if zh {
                    format!("结果包属于批次 {bundle}，不是此评审批次 {round}。请确认结果包和批次文件夹。")
                } else {
                    format!("The result bundle is of round {bundle}, not of this round {round}. Check the bundle and the round folder.")
                }
            }
            Self::NoDraw => {
                if zh {
                    "结果包中没有抽签结果：模板不设抽查环节，或尚未抽签。".to_owned()
                } else {
                    "The result bundle records no draw: the template samples no stage, or nothing was drawn yet.".to_owned()
                }
            }
            Self::BadSubstitute { expert, message } => {
                if zh {
                    format!("不能增补替补专家 {expert}：编号已被占用、没有指定要评审的申报单位、申报单位编号不存在或该单位未通过形式审查。请检查 --id 与 --applicant。未写入任何内容。")
                } else {
                    format!("Substitute {expert} cannot be added: {message}. Nothing was written.")
                }
            }
            Self::Conflict { expert, applicant } => {
                if zh {
                    format!("替补专家 {expert} 与申报单位 {applicant} 存在利益冲突，不能评审该单位。请另选专家，或先排除该冲突（`reviewdesk round dismiss`）。未写入任何内容。")
                } else {
                    format!("Substitute {expert} has a conflict of interest with applicant {applicant} and cannot review it. Choose another expert, or dismiss the conflict first (reviewdesk round dismiss). Nothing was written.")
                }
            }
        }
    }
}

impl StageError {
    /// The stable snake_case code.
    pub fn code(&self) -> StageCode {
        match self {
            Self::NotClosable(_) => StageCode::NotClosable,
            Self::NothingToClose => StageCode::NothingToClose,
            Self::Incomplete { .. } => StageCode::StageIncomplete,
            Self::OtherRound { .. } => StageCode::OtherRound,
            Self::NoDraw => StageCode::NoDraw,
            Self::BadSubstitute { .. } => StageCode::BadSubstitute,
            Self::Conflict { .. } => StageCode::SubstituteConflict,
        }
    }
}

/// The codes of [`StageError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StageCode {
    /// `not_closable`
    NotClosable,
    /// `nothing_to_close`
    NothingToClose,
    /// `stage_incomplete`
    StageIncomplete,
    /// `other_round`
    OtherRound,
    /// `no_draw`
    NoDraw,
    /// `bad_substitute`
    BadSubstitute,
    /// `substitute_conflict`
    SubstituteConflict,
}

impl StageCode {
    /// The snake_case text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotClosable => "not_closable",
            Self::NothingToClose => "nothing_to_close",
            Self::StageIncomplete => "stage_incomplete",
            Self::OtherRound => "other_round",
            Self::NoDraw => "no_draw",
            Self::BadSubstitute => "bad_substitute",
            Self::SubstituteConflict => "substitute_conflict",
        }
    }
}

/// Whether the round's advance list for `stage` (if any) admits `applicant`.
fn admitted(round: &Round, stage: &str, applicant: &str) -> bool {
    round
        .advances
        .iter()
        .find(|a| a.stage == stage)
        .is_none_or(|a| a.applicants.iter().any(|x| x == applicant))
}

/// The unsampled stage after `s`, if any.
fn next_unsampled(t: &Template, s: usize) -> Option<usize> {
    (s + 1..t.stages.len()).find(|&n| t.stages[n].sample.is_none())
}

/// The stage to close: `stage` when given (an unsampled stage followed by another
/// unsampled one), else the first unsampled stage whose next unsampled stage no
/// advance list opens yet for anyone.
fn stage_to_close(t: &Template, round: &Round, stage: Option<&str>) -> Result<usize, StageError> {
    if let Some(id) = stage {
        return t
            .stages
            .iter()
            .position(|s| s.id == id)
            .filter(|&s| t.stages[s].sample.is_none() && next_unsampled(t, s).is_some())
            .ok_or_else(|| StageError::NotClosable(id.to_owned()));
    }
    (0..t.stages.len())
        .filter(|&s| t.stages[s].sample.is_none())
        .find(|&s| {
            next_unsampled(t, s).is_some_and(|n| {
                round
                    .advances
                    .iter()
                    .find(|a| a.stage == t.stages[n].id)
                    .is_none_or(|a| a.applicants.is_empty())
            })
        })
        .ok_or(StageError::NothingToClose)
}

/// Closes a stage on an interim result (the chair's bundle after that stage): each
/// reviewed applicant goes on, or not with the reason — a veto, a failed pass/fail
/// stage or a gate (rules 8 and 9 of `docs/rules.md`) in the closed stage or an
/// earlier one, short of quorum there, or not on an earlier advance list.
/// `stage`: the stage to close, or the first one whose next stage is not open yet.
pub fn advance(
    template: &Template,
    round: &Round,
    result: &ComputeResult,
    stage: Option<&str>,
) -> Result<Advance, StageError> {
    let t = template;
    let closed = stage_to_close(t, round, stage)?;
    let next = next_unsampled(t, closed)
        .ok_or_else(|| StageError::NotClosable(t.stages[closed].id.clone()))?;
    let mut rows = Vec::new();
    for a in &round.applicants {
        if is_ineligible(round, &a.id) {
            continue;
        }
        let Some(r) = result.applicants.iter().find(|r| r.id == a.id) else {
            continue;
        };
        let reached = (1..=closed)
            .filter(|&s| t.stages[s].sample.is_none())
            .all(|s| admitted(round, &t.stages[s].id, &a.id));
        let mut outcome = AdvanceOutcome::Advances;
        if !reached {
            outcome = AdvanceOutcome::NotInStage;
        } else {
            for (s, st) in t.stages.iter().enumerate().take(closed + 1) {
                if st.sample.is_some() {
                    continue;
                }
                let sr = &r.stages[s];
                let o = match sr.status {
                    StageStatus::InsufficientQuorum => Some(AdvanceOutcome::ShortOfQuorum),
                    _ if !sr.vetoes.is_empty() => Some(AdvanceOutcome::Vetoed),
                    _ if sr.passed == Some(false) => Some(AdvanceOutcome::FailedStage),
                    _ if matches!((st.gate, sr.aggregate), (Some(g), Some(x)) if x < g) => {
                        Some(AdvanceOutcome::FailedGate)
                    }
                    _ => None,
                };
                if let Some(o) = o {
                    outcome = o;
                    break;
                }
            }
        }
        rows.push(AdvanceRow {
            applicant: a.id.clone(),
            outcome,
            aggregate: r.stages[closed].aggregate,
        });
    }
    Ok(Advance {
        round: round.id.clone(),
        closed: t.stages[closed].id.clone(),
        next: t.stages[next].id.clone(),
        gate: t.stages[closed].gate,
        rows,
    })
}

/// The round with the advance list recorded: the next stage open for exactly the
/// applicants who go on. Refused while any applicant is short of quorum.
pub fn open_next(round: &Round, adv: &Advance) -> Result<Round, StageError> {
    if adv.round != round.id {
        return Err(StageError::OtherRound {
            bundle: adv.round.clone(),
            round: round.id.clone(),
        });
    }
    let short = adv.short();
    if !short.is_empty() {
        return Err(StageError::Incomplete {
            stage: adv.closed.clone(),
            applicants: short,
        });
    }
    let mut out = round.clone();
    let list = crate::round::StageAdvance {
        stage: adv.next.clone(),
        applicants: adv.advancing(),
    };
    match out.advances.iter_mut().find(|a| a.stage == adv.next) {
        Some(a) => *a = list,
        None => out.advances.push(list),
    }
    Ok(out)
}

/// The round with a substitute expert (替补专家) on the panel, assigned to
/// `applicants` (each reviewed, none it has an undismissed conflict of interest
/// with as of `as_of`). When the round had no `[[assignment]]` (every expert
/// reviews every applicant) the pairs that held are written out first, so nothing
/// else changes.
pub fn add_substitute(
    round: &Round,
    expert: Expert,
    applicants: &[String],
    as_of: Date,
) -> Result<Round, StageError> {
    let bad = |message: String| StageError::BadSubstitute {
        expert: expert.id.clone(),
        message,
    };
    if expert.id == round.panel.chair.id || round.panel.experts.iter().any(|e| e.id == expert.id) {
        return Err(bad(format!("id {} is taken on the panel", expert.id)));
    }
    if applicants.is_empty() {
        return Err(bad("no applicant named for the substitute to review".into()));
    }
    for a in applicants {
        if !round.applicants.iter().any(|x| &x.id == a) {
            return Err(bad(format!("no applicant has id {a}")));
        }
        if is_ineligible(round, a) {
            return Err(bad(format!("applicant {a} failed the eligibility check")));
        }
    }
    let mut out = round.clone();
    if out.assignments.is_empty() {
        for a in &round.applicants {
            if is_ineligible(round, &a.id) {
                continue;
            }
            for e in &round.panel.experts {
                out.assignments.push(Assignment {
                    expert: e.id.clone(),
                    applicant: a.id.clone(),
                });
            }
        }
    }
    let id = expert.id.clone();
    out.panel.experts.push(expert);
    let report = round_conflicts(&out, as_of);
    if let Some(c) = report
        .standing()
        .find(|c| c.expert == id && applicants.contains(&c.applicant))
    {
        return Err(StageError::Conflict {
            expert: id,
            applicant: c.applicant.clone(),
        });
    }
    for a in applicants {
        if !out
            .assignments
            .iter()
            .any(|x| x.expert == id && &x.applicant == a)
        {
            out.assignments.push(Assignment {
                expert: id.clone(),
                applicant: a.clone(),
            });
        }
    }
    Ok(out)
}

/// The next free expert id: `E` and two digits (or more), one above the highest.
pub fn next_expert_id(round: &Round) -> String {
    let n = round
        .panel
        .experts
        .iter()
        .map(|e| e.id.as_str())
        .chain(std::iter::once(round.panel.chair.id.as_str()))
        .filter_map(|id| id.strip_prefix('E').and_then(|d| d.parse::<u32>().ok()))
        .max()
        .unwrap_or(0);
    format!("E{:02}", n + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{compute, round_input, ScoreInput};

    const TEMPLATE: &str = include_str!("../../../tests/vectors/rules/templates/staged.toml");

    /// Three applicants (A1 below the written gate, A2 and A3 above it), three experts.
    fn setup() -> (Template, Round) {
        let t: Template = toml::from_str(TEMPLATE).unwrap();
        let round: Round = toml::from_str(
            r#"
format = "reviewdesk-round/1"
id = "staged-1"
[program]
title = { zh = "测试", en = "Test" }
organizer = { zh = "主办", en = "Org" }
template = "staged"
[[applicant]]
id = "A1"
name = "甲公司"
credit_code = "91440101MA5AGYGLU6"
region = { zh = "广州市", en = "Guangzhou" }
industry = { zh = "C38", en = "C38" }
categories = ["c"]
[[applicant]]
id = "A2"
name = "乙公司"
credit_code = "91440300MA5W7WKKHD"
region = { zh = "深圳市", en = "Shenzhen" }
industry = { zh = "C39", en = "C39" }
categories = ["c"]
[[applicant]]
id = "A3"
name = "丙公司"
credit_code = "91440604MA5RJHTPQ6"
region = { zh = "佛山市", en = "Foshan" }
industry = { zh = "C21", en = "C21" }
categories = ["c"]
[panel.chair]
id = "C01"
name = "组长"
affiliation = "研究院"
field = { zh = "工业", en = "Industry" }
[[panel.expert]]
id = "E01"
name = "专家一"
affiliation = "大学一"
field = { zh = "软件", en = "Software" }
[[panel.expert]]
id = "E02"
name = "专家二"
affiliation = "大学二"
field = { zh = "网络", en = "Networks" }
[[panel.expert]]
id = "E03"
name = "专家三"
affiliation = "大学三"
field = { zh = "安全", en = "Security" }
"#,
        )
        .unwrap();
        round.validate(&t).unwrap();
        (t, round)
    }

    fn written(experts: &[&str], applicant: &str, each: i64) -> Vec<ScoreInput> {
        experts
            .iter()
            .flat_map(|e| {
                ["w1", "w2"].map(|i| ScoreInput {
                    expert: (*e).into(),
                    applicant: applicant.into(),
                    stage: "written".into(),
                    indicator: i.into(),
                    value: Decimal::from(each),
                    reason: None,
                })
            })
            .collect()
    }

    fn result(t: &Template, round: &Round, scores: Vec<ScoreInput>) -> ComputeResult {
        let mut input = round_input(round);
        input.scores = scores;
        compute(t, &input).unwrap()
    }

    #[test]
    fn the_gate_names_who_goes_on_and_why_not() {
        let (t, round) = setup();
        let all = ["E01", "E02", "E03"];
        let mut scores = written(&all, "A1", 4); // 8 < gate 10
        scores.extend(written(&all, "A2", 8));
        scores.extend(written(&all[..2], "A3", 9)); // two valid experts: short
        let r = result(&t, &round, scores.clone());
        let adv = advance(&t, &round, &r, None).unwrap();
        assert_eq!(
            (adv.closed.as_str(), adv.next.as_str()),
            ("written", "defense")
        );
        assert_eq!(adv.gate, Some(Decimal::from(10)));
        let outcome = |a: &str| adv.rows.iter().find(|r| r.applicant == a).unwrap().outcome;
        assert_eq!(outcome("A1"), AdvanceOutcome::FailedGate);
        assert_eq!(outcome("A2"), AdvanceOutcome::Advances);
        assert_eq!(outcome("A3"), AdvanceOutcome::ShortOfQuorum);
        assert_eq!(adv.advancing(), ["A2"]);
        // Not closed while A3 is short of quorum.
        assert_eq!(
            open_next(&round, &adv).unwrap_err().code(),
            StageCode::StageIncomplete
        );

        // With E03's scores for A3 the stage closes: defense open for A2 and A3 only.
        scores.extend(written(&["E03"], "A3", 9));
        let r = result(&t, &round, scores);
        let adv = advance(&t, &round, &r, None).unwrap();
        assert_eq!(adv.advancing(), ["A2", "A3"]);
        let opened = open_next(&round, &adv).unwrap();
        opened.validate(&t).unwrap();
        assert_eq!(opened.advances.len(), 1);
        assert_eq!(opened.advances[0].stage, "defense");
        assert_eq!(opened.advances[0].applicants, ["A2", "A3"]);
        // The expert's desk: defense closed for A1, open for A2.
        let review = crate::ExpertReview::new(&t, &opened, "E01").unwrap();
        let access = |a: &str| {
            review
                .stages(a)
                .into_iter()
                .find(|(s, _)| s.id == "defense")
                .unwrap()
                .1
        };
        assert_eq!(access("A1"), crate::StageAccess::NotAdvanced);
        assert_eq!(access("A2"), crate::StageAccess::Open);
        // The written stage is closed: next to close is the defense, then nothing.
        let again = advance(&t, &opened, &r, None).unwrap();
        assert_eq!(
            (again.closed.as_str(), again.next.as_str()),
            ("defense", "visit")
        );
        let outcome = |a: &str| {
            again
                .rows
                .iter()
                .find(|r| r.applicant == a)
                .unwrap()
                .outcome
        };
        assert_eq!(outcome("A1"), AdvanceOutcome::NotInStage);
        assert_eq!(outcome("A2"), AdvanceOutcome::ShortOfQuorum);
        let mut all_open = opened.clone();
        all_open.advances.push(crate::round::StageAdvance {
            stage: "visit".into(),
            applicants: vec!["A2".into()],
        });
        assert_eq!(
            advance(&t, &all_open, &r, None).unwrap_err(),
            StageError::NothingToClose
        );
        assert_eq!(
            advance(&t, &opened, &r, Some("visit")).unwrap_err().code(),
            StageCode::NotClosable
        );
        // Another round's list is refused.
        let mut other = adv.clone();
        other.round = "other".into();
        assert_eq!(
            open_next(&round, &other).unwrap_err().code(),
            StageCode::OtherRound
        );
    }

    #[test]
    fn an_empty_advance_list_keeps_the_stage_closed_until_the_gate() {
        let (t, mut round) = setup();
        round.advances.push(crate::round::StageAdvance {
            stage: "defense".into(),
            applicants: vec![],
        });
        round.validate(&t).unwrap();
        let review = crate::ExpertReview::new(&t, &round, "E01").unwrap();
        assert!(review
            .stages("A2")
            .iter()
            .any(|(s, a)| s.id == "defense" && *a == crate::StageAccess::NotAdvanced));
        // Empty: the written stage is still the one to close.
        let r = result(&t, &round, written(&["E01", "E02", "E03"], "A2", 8));
        assert_eq!(advance(&t, &round, &r, None).unwrap().closed, "written");
        // An advance list for the first stage, a sampled or unknown one is invalid.
        round.advances[0].stage = "written".into();
        assert!(round.validate(&t).is_err());
    }

    #[test]
    fn a_substitute_is_assigned_unless_conflicted() {
        let (_, round) = setup();
        let day = Date::new(2026, 6, 30).unwrap();
        let sub = |id: &str| Expert {
            id: id.into(),
            name: "替补".into(),
            affiliation: "大学四".into(),
            field: crate::Localized {
                zh: "软件".into(),
                en: "Software".into(),
            },
            kind: None,
            affiliation_credit_code: None,
            former_employers: vec![],
        };
        assert_eq!(next_expert_id(&round), "E04");
        let out = add_substitute(&round, sub("E04"), &["A3".into()], day).unwrap();
        // Every pair that held before is written out, and E04 reviews A3 only.
        assert_eq!(out.assignments.len(), 3 * 3 + 1);
        assert!(out
            .assignments
            .iter()
            .any(|a| a.expert == "E04" && a.applicant == "A3"));
        assert!(!out
            .assignments
            .iter()
            .any(|a| a.expert == "E04" && a.applicant == "A1"));
        assert_eq!(
            add_substitute(&round, sub("E01"), &["A3".into()], day)
                .unwrap_err()
                .code(),
            StageCode::BadSubstitute
        );
        assert_eq!(
            add_substitute(&round, sub("E04"), &["A9".into()], day)
                .unwrap_err()
                .code(),
            StageCode::BadSubstitute
        );
        // Working at A3 (by its name): a conflict of interest.
        let mut conflicted = sub("E04");
        conflicted.affiliation = "丙公司".into();
        assert_eq!(
            add_substitute(&round, conflicted, &["A3".into()], day).unwrap_err(),
            StageError::Conflict {
                expert: "E04".into(),
                applicant: "A3".into()
            }
        );
    }
}
