//! Completeness (完整性): who has scored whom in which stage, as the chair sees it
//! before and after the merge — a matrix of experts × applicants × stages, each
//! cell with its state, and per applicant and stage the valid experts against the
//! template's quorum. Pure: computed from the template, the merge input and the
//! result (for the draw).

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::input::{ComputeInput, Pair};
use super::output::{ComputeResult, StageStatus};
use crate::template::{StageKind, Template};

/// The state of one expert × applicant × stage cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CellState {
    /// Every scored indicator has a score (or the pass/fail verdict is given): a
    /// valid expert for this applicant and stage (已评).
    Scored,
    /// Some scored indicators have a score, not all (部分): not a valid expert.
    Partial,
    /// The expert declared a conflict of interest (自行回避).
    RecusedSelf,
    /// An applicant's recusal request against the expert was upheld (申请回避).
    RecusedUpheld,
    /// Assigned, not recused, nothing given (缺评).
    Missing,
    /// The expert is not assigned to this applicant (未分配).
    NotAssigned,
    /// A sampled stage the applicant was not drawn for (未抽中).
    NotSampled,
    /// A sampled stage before the draw, nothing given yet (待抽签).
    AwaitingDraw,
    /// Nothing given in a stage after the one that eliminated the applicant (a
    /// failed gate, a veto): not required (未进入本环节).
    NotRequired,
}

/// One cell of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    /// Expert id.
    pub expert: String,
    /// Applicant id.
    pub applicant: String,
    /// Stage id.
    pub stage: String,
    /// Its state.
    pub state: CellState,
    /// Score stages: how many scored indicators have a score; pass/fail: 0 or 1.
    pub given: u32,
    /// Score stages: the stage's scored indicators; pass/fail: 1.
    pub of: u32,
}

/// Whether an applicant has enough valid experts in a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuorumState {
    /// At least the quorum (达到法定人数).
    Met,
    /// Fewer valid experts than the quorum (有效评分不足).
    Short,
    /// A sampled stage the applicant was not drawn for.
    NotSampled,
    /// A sampled stage before the draw: whether it is needed is not known yet.
    AwaitingDraw,
    /// A stage after the one that eliminated the applicant, short of quorum: not
    /// required (the result's stage status `not_required`).
    NotRequired,
}

/// Valid experts against the quorum for one applicant and stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuorumCell {
    /// Applicant id.
    pub applicant: String,
    /// Stage id.
    pub stage: String,
    /// Experts whose cell is [`CellState::Scored`].
    pub valid: u32,
    /// The template's quorum.
    pub quorum: u32,
    /// The verdict.
    pub state: QuorumState,
}

/// The whole matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completeness {
    /// Stage ids, template order.
    pub stages: Vec<String>,
    /// Expert ids, input order.
    pub experts: Vec<String>,
    /// Applicant ids, input order.
    pub applicants: Vec<String>,
    /// Cells by stage, then applicant, then expert.
    pub cells: Vec<Cell>,
    /// By stage, then applicant.
    pub quorum: Vec<QuorumCell>,
}

impl Completeness {
    /// One cell.
    pub fn cell(&self, expert: &str, applicant: &str, stage: &str) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|c| c.expert == expert && c.applicant == applicant && c.stage == stage)
    }

    /// One quorum cell.
    pub fn quorum_of(&self, applicant: &str, stage: &str) -> Option<&QuorumCell> {
        self.quorum
            .iter()
            .find(|c| c.applicant == applicant && c.stage == stage)
    }
}

/// The completeness of `input` (the merge input: round plus the experts' parts)
/// under `template`. `upheld` are the recusals the organizer or chair upheld (the
/// `recusals` of [`round_input`](super::round_input)); every other recusal in
/// `input` was declared by the expert. `result`, when the rules ran with a draw,
/// tells which applicants a sampled stage drew; without it a sampled stage's
/// quorum is [`QuorumState::AwaitingDraw`]. A stage the result marks
/// `not_required` for an applicant (after a failed gate or a veto) counts nothing
/// as missing there.
pub fn completeness(
    template: &Template,
    input: &ComputeInput,
    upheld: &[Pair],
    result: Option<&ComputeResult>,
) -> Completeness {
    let upheld: HashSet<(&str, &str)> = upheld
        .iter()
        .map(|p| (p.expert.as_str(), p.applicant.as_str()))
        .collect();
    let recused: HashSet<(&str, &str)> = input
        .recusals
        .iter()
        .map(|p| (p.expert.as_str(), p.applicant.as_str()))
        .collect();
    let assigned: Option<HashSet<(&str, &str)>> = input.assignments.as_ref().map(|v| {
        v.iter()
            .map(|p| (p.expert.as_str(), p.applicant.as_str()))
            .collect()
    });
    // (expert, applicant, stage) → distinct scored indicators given.
    let mut given: HashMap<(&str, &str, &str), HashSet<&str>> = HashMap::new();
    for s in &input.scores {
        given
            .entry((s.expert.as_str(), s.applicant.as_str(), s.stage.as_str()))
            .or_default()
            .insert(s.indicator.as_str());
    }
    let verdicts: HashSet<(&str, &str, &str)> = input
        .verdicts
        .iter()
        .map(|v| (v.expert.as_str(), v.applicant.as_str(), v.stage.as_str()))
        .collect();
    let not_required: HashSet<(&str, &str)> = result
        .into_iter()
        .flat_map(|r| &r.applicants)
        .flat_map(|a| {
            a.stages
                .iter()
                .filter(|s| s.status == StageStatus::NotRequired)
                .map(|s| (a.id.as_str(), s.stage.as_str()))
        })
        .collect();
    let drawn: Option<HashSet<&str>> = result
        .and_then(|r| r.draw.as_ref())
        .map(|d| d.sample.iter().map(String::as_str).collect());

    // An applicant that failed the eligibility check is reviewed by no one.
    let reviewed: Vec<&super::ApplicantInput> = input
        .applicants
        .iter()
        .filter(|a| !input.ineligible.iter().any(|x| x.applicant == a.id))
        .collect();
    let mut out = Completeness {
        stages: template.stages.iter().map(|s| s.id.clone()).collect(),
        experts: input.experts.clone(),
        applicants: reviewed.iter().map(|a| a.id.clone()).collect(),
        cells: Vec::new(),
        quorum: Vec::new(),
    };
    for st in &template.stages {
        let leaves: HashSet<&str> = template
            .scored_indicators(&st.id)
            .map(|i| i.id.as_str())
            .collect();
        let of = match st.kind {
            StageKind::Score => leaves.len() as u32,
            StageKind::PassFail => 1,
        };
        for a in &reviewed {
            let a = a.id.as_str();
            let not_sampled = st.sample.is_some() && drawn.as_ref().is_some_and(|d| !d.contains(a));
            let not_needed = not_required.contains(&(a, st.id.as_str()));
            let mut valid = 0u32;
            for e in &input.experts {
                let e = e.as_str();
                let n = match st.kind {
                    StageKind::Score => given.get(&(e, a, st.id.as_str())).map_or(0, |set| {
                        set.iter().filter(|i| leaves.contains(*i)).count() as u32
                    }),
                    StageKind::PassFail => u32::from(verdicts.contains(&(e, a, st.id.as_str()))),
                };
                let state = if assigned.as_ref().is_some_and(|s| !s.contains(&(e, a))) {
                    CellState::NotAssigned
                } else if upheld.contains(&(e, a)) {
                    CellState::RecusedUpheld
                } else if recused.contains(&(e, a)) {
                    CellState::RecusedSelf
                } else if not_sampled {
                    CellState::NotSampled
                } else if n >= of && of > 0 {
                    CellState::Scored
                } else if n > 0 {
                    CellState::Partial
                } else if not_needed {
                    CellState::NotRequired
                } else if st.sample.is_some() && drawn.is_none() {
                    CellState::AwaitingDraw
                } else {
                    CellState::Missing
                };
                if state == CellState::Scored {
                    valid += 1;
                }
                out.cells.push(Cell {
                    expert: e.to_owned(),
                    applicant: a.to_owned(),
                    stage: st.id.clone(),
                    state,
                    given: n,
                    of,
                });
            }
            let state = if not_sampled {
                QuorumState::NotSampled
            } else if valid >= template.quorum {
                QuorumState::Met
            } else if not_needed {
                QuorumState::NotRequired
            } else if st.sample.is_some() && drawn.is_none() {
                QuorumState::AwaitingDraw
            } else {
                QuorumState::Short
            };
            out.quorum.push(QuorumCell {
                applicant: a.to_owned(),
                stage: st.id.clone(),
                valid,
                quorum: template.quorum,
                state,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{ApplicantInput, ScoreInput, VerdictInput};
    use rust_decimal::Decimal;

    fn template() -> Template {
        toml::from_str(
            r#"
format = "reviewdesk-template/1"
id = "t"
version = 1
program = { zh = "项目", en = "P" }
quorum = 2
[[category]]
id = "c"
name = { zh = "类", en = "C" }
[[stage]]
id = "w"
name = { zh = "书面", en = "W" }
kind = "score"
max = "20"
weight = "100"
[[stage]]
id = "v"
name = { zh = "考察", en = "V" }
kind = "pass_fail"
[[indicator]]
id = "i1"
stage = "w"
name = { zh = "一", en = "1" }
max = "10"
[[indicator]]
id = "i2"
stage = "w"
name = { zh = "二", en = "2" }
max = "10"
[[grade]]
id = "a"
label = { zh = "合格", en = "Pass" }
min = "0"
"#,
        )
        .unwrap()
    }

    fn score(e: &str, a: &str, i: &str) -> ScoreInput {
        ScoreInput {
            expert: e.into(),
            applicant: a.into(),
            stage: "w".into(),
            indicator: i.into(),
            value: Decimal::from(8),
            reason: None,
        }
    }

    fn pair(e: &str, a: &str) -> Pair {
        Pair {
            expert: e.into(),
            applicant: a.into(),
        }
    }

    #[test]
    fn every_cell_state_and_the_quorum() {
        let upheld = vec![pair("E4", "A1")];
        let input = ComputeInput {
            applicants: ["A1", "A2"]
                .iter()
                .map(|a| ApplicantInput {
                    id: (*a).into(),
                    category: "c".into(),
                    region: None,
                    industry: None,
                })
                .collect(),
            experts: vec!["E1".into(), "E2".into(), "E3".into(), "E4".into()],
            assignments: Some(vec![
                pair("E1", "A1"),
                pair("E2", "A1"),
                pair("E3", "A1"),
                pair("E4", "A1"),
                pair("E1", "A2"),
                pair("E2", "A2"),
            ]),
            recusals: vec![pair("E4", "A1"), pair("E3", "A1")],
            scores: vec![
                score("E1", "A1", "i1"),
                score("E1", "A1", "i2"),
                score("E2", "A1", "i1"),
                score("E1", "A2", "i1"),
                score("E1", "A2", "i2"),
                score("E2", "A2", "i1"),
                score("E2", "A2", "i2"),
            ],
            verdicts: vec![VerdictInput {
                expert: "E1".into(),
                applicant: "A1".into(),
                stage: "v".into(),
                pass: true,
            }],
            ..Default::default()
        };
        let c = completeness(&template(), &input, &upheld, None);
        let st = |e, a, s| c.cell(e, a, s).unwrap().state;
        assert_eq!(st("E1", "A1", "w"), CellState::Scored);
        assert_eq!(st("E2", "A1", "w"), CellState::Partial);
        assert_eq!(c.cell("E2", "A1", "w").unwrap().given, 1);
        assert_eq!(st("E3", "A1", "w"), CellState::RecusedSelf);
        assert_eq!(st("E4", "A1", "w"), CellState::RecusedUpheld);
        assert_eq!(st("E3", "A2", "w"), CellState::NotAssigned);
        assert_eq!(st("E1", "A1", "v"), CellState::Scored);
        assert_eq!(st("E2", "A1", "v"), CellState::Missing);
        assert_eq!(c.cells.len(), 4 * 2 * 2);
        let q = c.quorum_of("A1", "w").unwrap();
        assert_eq!((q.valid, q.quorum, q.state), (1, 2, QuorumState::Short));
        assert_eq!(c.quorum_of("A2", "w").unwrap().state, QuorumState::Met);
    }

    #[test]
    fn an_ineligible_applicant_is_in_no_cell_and_needs_no_quorum() {
        let input = ComputeInput {
            applicants: ["A1", "A2"]
                .iter()
                .map(|a| ApplicantInput {
                    id: (*a).into(),
                    category: "c".into(),
                    region: None,
                    industry: None,
                })
                .collect(),
            experts: vec!["E1".into()],
            ineligible: vec![crate::rules::IneligibleInput {
                applicant: "A2".into(),
                items: vec![crate::eligibility::FailedItem {
                    item: "coverage".into(),
                    note: "x".into(),
                }],
            }],
            ..Default::default()
        };
        let c = completeness(&template(), &input, &[], None);
        assert_eq!(c.applicants, ["A1"]);
        assert!(c.cell("E1", "A2", "w").is_none() && c.quorum_of("A2", "w").is_none());
        assert_eq!(c.cell("E1", "A1", "w").unwrap().state, CellState::Missing);
    }

    #[test]
    fn a_stage_after_a_failed_gate_is_not_required() {
        // Gate 17 on the written stage: A1's 16.00 fails it; no site-visit verdicts.
        let mut t = template();
        t.stages[0].gate = Some(Decimal::from(17));
        let input = ComputeInput {
            applicants: vec![ApplicantInput {
                id: "A1".into(),
                category: "c".into(),
                region: None,
                industry: None,
            }],
            experts: vec!["E1".into(), "E2".into()],
            scores: vec![
                score("E1", "A1", "i1"),
                score("E1", "A1", "i2"),
                score("E2", "A1", "i1"),
                score("E2", "A1", "i2"),
            ],
            ..Default::default()
        };
        let result = crate::rules::compute(&t, &input).unwrap();
        let a = &result.applicants[0];
        assert_eq!(a.status, crate::rules::ApplicantStatus::FailedGate);
        assert_eq!(a.stages[1].status, StageStatus::NotRequired);
        let c = completeness(&t, &input, &[], Some(&result));
        assert_eq!(
            c.cell("E1", "A1", "v").unwrap().state,
            CellState::NotRequired
        );
        assert_eq!(
            c.quorum_of("A1", "v").unwrap().state,
            QuorumState::NotRequired
        );
        assert_eq!(c.quorum_of("A1", "w").unwrap().state, QuorumState::Met);
        // Without the result nothing says the stage is not required.
        let c = completeness(&t, &input, &[], None);
        assert_eq!(c.cell("E1", "A1", "v").unwrap().state, CellState::Missing);
    }
}
