//! The chair's merge (汇总): how the rules engine's input is built from the round
//! and the experts' parts, and what a result bundle records beside the engine's
//! input and output — the panel's opinions (评审意见) and the site-visit draw
//! (抽签记录). The bundle's JSON is documented in `docs/formats.md` ("Result
//! bundle").

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::draw::DRAW_TAG;
use super::input::{ApplicantInput, ComputeInput, IneligibleInput, Pair};
use super::output::ComputeResult;
use super::part::ExpertPart;
use crate::eligibility::FailedItem;
#[cfg(test)]
use crate::eligibility::{failed_items, is_ineligible};
use crate::round::{RecusalRuling, Round};
use crate::template::Template;

/// The part of the input that comes from the round alone: every applicant (its
/// category is the first of its `categories`, the one it is ranked in; region and
/// industry are the Chinese texts), the panel's experts (the chair does not score),
/// the assignments (absent when the round has none: everyone reviews everyone), and
/// the recusals the organizer or chair upheld, and the applicants that failed the
/// eligibility check with the items not met ([`ineligible_input`]). Scores,
/// verdicts, vetoes and the draw are empty.
pub fn round_input(round: &Round) -> ComputeInput {
    ComputeInput {
        ineligible: ineligible_input(round),
        applicants: round
            .applicants
            .iter()
            .map(|a| ApplicantInput {
                id: a.id.clone(),
                category: a.categories.first().cloned().unwrap_or_default(),
                region: Some(a.region.zh.clone()),
                industry: Some(a.industry.zh.clone()),
            })
            .collect(),
        experts: round.panel.experts.iter().map(|e| e.id.clone()).collect(),
        assignments: (!round.assignments.is_empty()).then(|| {
            round
                .assignments
                .iter()
                .map(|a| Pair {
                    expert: a.expert.clone(),
                    applicant: a.applicant.clone(),
                })
                .collect()
        }),
        recusals: round
            .recusal_requests
            .iter()
            .filter(|r| r.ruling == RecusalRuling::Upheld)
            .map(|r| Pair {
                expert: r.expert.clone(),
                applicant: r.applicant.clone(),
            })
            .collect(),
        ..ComputeInput::default()
    }
}

/// The applicants of `round` that failed the eligibility check (形式审查未通过), in
/// round order, each with its records not met in the round's order and their notes.
pub fn ineligible_input(round: &Round) -> Vec<IneligibleInput> {
    // The records not met, grouped by applicant in one pass (in the round's
    // order): `is_ineligible` and `failed_items` per applicant would scan every
    // record for each of thousands of applicants.
    let mut not_met: HashMap<&str, Vec<FailedItem>> = HashMap::new();
    for c in round.eligibility.iter().filter(|c| !c.met) {
        not_met
            .entry(c.applicant.as_str())
            .or_default()
            .push(FailedItem {
                item: c.item.clone(),
                note: c.note.clone().unwrap_or_default(),
            });
    }
    round
        .applicants
        .iter()
        .filter_map(|a| {
            not_met.get(a.id.as_str()).map(|items| IneligibleInput {
                applicant: a.id.clone(),
                items: items.clone(),
            })
        })
        .collect()
}

/// [`ineligible_input`] as the per-applicant checks give it (the property test's
/// reference).
#[cfg(test)]
pub(crate) fn ineligible_input_scanned(round: &Round) -> Vec<IneligibleInput> {
    round
        .applicants
        .iter()
        .filter(|a| is_ineligible(round, &a.id))
        .map(|a| IneligibleInput {
            applicant: a.id.clone(),
            items: failed_items(round, &a.id),
        })
        .collect()
}

/// The merge input: `base` (from [`round_input`]) with every part added in the
/// order given (the bundle's order: by expert id) through
/// [`ExpertPart::add_to`]; a declared recusal that is already in force (an upheld
/// request the expert also declared) is listed once, where it first appears.
pub fn merge_parts(base: &ComputeInput, parts: &[ExpertPart]) -> ComputeInput {
    let mut input = base.clone();
    for p in parts {
        p.add_to(&mut input);
    }
    let mut seen = HashSet::new();
    input
        .recusals
        .retain(|r| seen.insert((r.expert.clone(), r.applicant.clone())));
    input
}

/// One entry of a part for an applicant its expert is recused from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecusedEntry {
    /// The entry in the part, e.g. `scores[2]`.
    pub entry: String,
    /// The applicant.
    pub applicant: String,
}

/// The scores, verdicts and vetoes of `part` for applicants its expert is recused
/// from — by an upheld request in `base` or by the part's own declaration. A
/// recused expert gives no score (`docs/formats.md`, merge), so the chair refuses
/// such a sheet.
pub fn recused_entries(base: &ComputeInput, part: &ExpertPart) -> Vec<RecusedEntry> {
    let recused: BTreeSet<&str> = base
        .recusals
        .iter()
        .filter(|r| r.expert == part.expert)
        .map(|r| r.applicant.as_str())
        .chain(part.recused())
        .collect();
    let hit = |kind: &str, i: usize, applicant: &str| {
        recused.contains(applicant).then(|| RecusedEntry {
            entry: format!("{kind}[{i}]"),
            applicant: applicant.to_owned(),
        })
    };
    let scores = part.scores.iter().enumerate();
    let verdicts = part.verdicts.iter().enumerate();
    let vetoes = part.vetoes.iter().enumerate();
    scores
        .filter_map(|(i, s)| hit("scores", i, &s.applicant))
        .chain(verdicts.filter_map(|(i, v)| hit("verdicts", i, &v.applicant)))
        .chain(vetoes.filter_map(|(i, v)| hit("vetoes", i, &v.applicant)))
        .collect()
}

/// The input the site-visit draw commits to: `input` without `draw` and without
/// any score, verdict or veto of the sampled stage. Everything the results of the
/// unsampled stages are computed from; its hash is the draw's
/// `written_result_hash`.
pub fn pre_draw_input(template: &Template, input: &ComputeInput) -> ComputeInput {
    let mut out = input.clone();
    out.draw = None;
    if let Some(s) = template.sampled_stage() {
        out.scores.retain(|x| x.stage != s.id);
        out.verdicts.retain(|x| x.stage != s.id);
        out.vetoes
            .retain(|x| template.indicator(&x.indicator).map(|i| &i.stage) != Some(&s.id));
    }
    out
}

/// How anyone recomputes the draw, written into every draw record.
pub const DRAW_RECOMPUTE: &str = "seed = SHA-256(\"reviewdesk/site-visit/v1\" 0x00 round_id 0x00 written_result_hash 0x00 announced); written_result_hash = SHA-256 of merge-input without \"draw\" and without the sampled stage's scores, verdicts and vetoes (compact JSON + LF); candidates = the applicants not vetoed, failed or short of quorum in the other stages, sorted by id; ChaCha20 (RFC 8439, key = seed, nonce = 12 zero bytes) read as little-endian u64 words drives a partial Fisher-Yates shuffle; the sample is the first k positions (docs/rules.md, rule 13)";

/// The site-visit draw as a result bundle records it (`draw` entry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrawRecord {
    /// The draw's version tag, `reviewdesk/site-visit/v1`.
    pub method: String,
    /// How to recompute it: [`DRAW_RECOMPUTE`].
    pub recompute: String,
    /// The draw, when the template samples a stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drawn: Option<DrawnSample>,
}

/// A draw that took place (抽签结果).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrawnSample {
    /// The sampled stage.
    pub stage: String,
    /// The round's id.
    pub round_id: String,
    /// SHA-256 of the pre-draw input ([`pre_draw_input`]), 64 lowercase hex digits.
    pub written_result_hash: String,
    /// The value the chair announced (公布的抽签值).
    pub announced: String,
    /// The seed, 64 lowercase hex digits.
    pub seed: String,
    /// The candidates, sorted by id byte-wise.
    pub candidates: Vec<String>,
    /// How many were drawn.
    pub k: u32,
    /// The sample, in draw order.
    pub sample: Vec<String>,
}

impl DrawRecord {
    /// The record of a computation: its draw inputs and result, or no draw.
    pub fn of(input: &ComputeInput, result: &ComputeResult) -> Self {
        Self {
            method: DRAW_TAG.to_owned(),
            recompute: DRAW_RECOMPUTE.to_owned(),
            drawn: match (&input.draw, &result.draw) {
                (Some(i), Some(r)) => Some(DrawnSample {
                    stage: r.stage.clone(),
                    round_id: i.round_id.clone(),
                    written_result_hash: i.written_result_hash.clone(),
                    announced: i.announced.clone(),
                    seed: r.seed.clone(),
                    candidates: r.candidates.clone(),
                    k: r.k,
                    sample: r.sample.clone(),
                }),
                _ => None,
            },
        }
    }
}

/// The panel's opinions (`opinions` entry): per applicant the panel's opinion
/// (评审意见) and any expert's dissent (保留意见), each text kept verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opinions {
    /// One entry per applicant the panel wrote about, in any order.
    #[serde(default)]
    pub applicants: Vec<ApplicantOpinion>,
}

/// The panel's opinion on one applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicantOpinion {
    /// Applicant id.
    pub applicant: String,
    /// The panel's opinion (评审意见), as the chair wrote it.
    pub opinion: String,
    /// Experts who disagree, each in their own words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dissents: Vec<Dissent>,
}

/// One expert's dissent (保留意见).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dissent {
    /// Expert id.
    pub expert: String,
    /// The expert's note, verbatim.
    pub note: String,
}

impl Opinions {
    /// What is wrong with these opinions for `input`, each problem with its path
    /// (`applicants[1].dissents[0].expert: …`): an applicant not in the round or
    /// listed twice, an empty opinion or note, a dissent by someone who is not one
    /// of the applicant's reviewing experts (assigned and not recused), or two by
    /// the same expert.
    pub fn problems(&self, input: &ComputeInput) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let reviews = |e: &str, a: &str| {
            input.experts.iter().any(|x| x == e)
                && input
                    .assignments
                    .as_ref()
                    .is_none_or(|v| v.iter().any(|p| p.expert == e && p.applicant == a))
                && !input
                    .recusals
                    .iter()
                    .any(|p| p.expert == e && p.applicant == a)
        };
        for (i, o) in self.applicants.iter().enumerate() {
            let p = format!("applicants[{i}]");
            if !input.applicants.iter().any(|a| a.id == o.applicant) {
                out.push(format!("{p}.applicant: no applicant {:?}", o.applicant));
            }
            if !seen.insert(o.applicant.as_str()) {
                out.push(format!("{p}.applicant: {:?} listed twice", o.applicant));
            }
            if o.opinion.trim().is_empty() {
                out.push(format!("{p}.opinion: empty"));
            }
            let mut dissenters = HashSet::new();
            for (j, d) in o.dissents.iter().enumerate() {
                let q = format!("{p}.dissents[{j}]");
                if !reviews(&d.expert, &o.applicant) {
                    out.push(format!(
                        "{q}.expert: {:?} does not review {:?}",
                        d.expert, o.applicant
                    ));
                }
                if !dissenters.insert(d.expert.as_str()) {
                    out.push(format!("{q}.expert: {:?} dissents twice", d.expert));
                }
                if d.note.trim().is_empty() {
                    out.push(format!("{q}.note: empty"));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{PartScore, PartVerdict, ScoreInput};
    use rust_decimal::Decimal;

    fn base() -> ComputeInput {
        ComputeInput {
            applicants: vec![
                ApplicantInput {
                    id: "A1".into(),
                    category: "c".into(),
                    region: None,
                    industry: None,
                },
                ApplicantInput {
                    id: "A2".into(),
                    category: "c".into(),
                    region: None,
                    industry: None,
                },
            ],
            experts: vec!["E1".into(), "E2".into()],
            recusals: vec![Pair {
                expert: "E2".into(),
                applicant: "A2".into(),
            }],
            ..ComputeInput::default()
        }
    }

    fn part(expert: &str, applicants: &[&str]) -> ExpertPart {
        ExpertPart {
            expert: expert.into(),
            scores: applicants
                .iter()
                .map(|a| PartScore {
                    applicant: (*a).into(),
                    stage: "s".into(),
                    indicator: "i".into(),
                    value: Decimal::new(85, 1),
                    reason: None,
                    comment: String::new(),
                })
                .collect(),
            ..ExpertPart::default()
        }
    }

    #[test]
    fn parts_merge_in_order_and_a_recusal_in_force_is_listed_once() {
        let mut e2 = part("E2", &["A1"]);
        e2.declarations = serde_json::from_str(
            r#"[{"applicant":"A1"},{"applicant":"A2","recuse":"upheld_request"}]"#,
        )
        .unwrap();
        let merged = merge_parts(&base(), &[part("E1", &["A1", "A2"]), e2]);
        assert_eq!(merged.recusals.len(), 1);
        let who: Vec<&str> = merged.scores.iter().map(|s| s.expert.as_str()).collect();
        assert_eq!(who, ["E1", "E1", "E2"]);
        assert_eq!(
            merged.scores[2],
            ScoreInput {
                expert: "E2".into(),
                applicant: "A1".into(),
                stage: "s".into(),
                indicator: "i".into(),
                value: Decimal::new(85, 1),
                reason: None,
            }
        );
    }

    #[test]
    fn a_recused_expert_gives_no_score_verdict_or_veto() {
        assert!(recused_entries(&base(), &part("E2", &["A1"])).is_empty());
        let mut p = part("E2", &["A1", "A2"]);
        p.verdicts.push(PartVerdict {
            applicant: "A2".into(),
            stage: "v".into(),
            pass: true,
            comment: String::new(),
        });
        let hits = recused_entries(&base(), &p);
        let entries: Vec<&str> = hits.iter().map(|h| h.entry.as_str()).collect();
        assert_eq!(entries, ["scores[1]", "verdicts[0]"]);
        // A self-declared recusal counts as well.
        let mut q = part("E1", &["A1"]);
        q.declarations =
            serde_json::from_str(r#"[{"applicant":"A1","recuse":"employment"}]"#).unwrap();
        assert_eq!(recused_entries(&base(), &q)[0].applicant, "A1");
    }

    #[test]
    fn opinions_name_every_problem() {
        let o: Opinions = serde_json::from_str(
            r#"{"applicants":[
                {"applicant":"A1","opinion":"材料完整，建议认定。","dissents":[{"expert":"E1","note":"案例偏少。"}]},
                {"applicant":"A2","opinion":" ","dissents":[{"expert":"E2","note":"x"},{"expert":"E1","note":"y"},{"expert":"E1","note":""}]},
                {"applicant":"A1","opinion":"again"},
                {"applicant":"A9","opinion":"?"}
            ]}"#,
        )
        .unwrap();
        let p = o.problems(&base());
        assert_eq!(
            p,
            [
                "applicants[1].opinion: empty",
                "applicants[1].dissents[0].expert: \"E2\" does not review \"A2\"",
                "applicants[1].dissents[2].expert: \"E1\" dissents twice",
                "applicants[1].dissents[2].note: empty",
                "applicants[2].applicant: \"A1\" listed twice",
                "applicants[3].applicant: no applicant \"A9\"",
            ]
        );
        assert!(serde_json::from_str::<Opinions>(r#"{"applicants":[],"x":1}"#).is_err());
        // Texts are kept exactly, white space included.
        let text = r#"{"applicants":[{"applicant":"A1","opinion":"  两行\n意见 "}]}"#;
        let o: Opinions = serde_json::from_str(text).unwrap();
        assert_eq!(o.applicants[0].opinion, "  两行\n意见 ");
        assert_eq!(serde_json::to_string(&o).unwrap(), text);
    }

    #[test]
    fn a_failed_applicant_comes_out_ineligible_with_its_reason_and_unranked() {
        use crate::eligibility::{record_checks, FailedItem, ItemOutcome};
        use crate::rules::{compute, ApplicantStatus, StageStatus};
        let template: Template = toml::from_str(include_str!(
            "../../../../assets/templates/gd-supplier-recognition.toml"
        ))
        .unwrap();
        let round: Round =
            toml::from_str(include_str!("../../../../assets/demo/round.toml")).unwrap();
        // The demo round passes everyone: nothing about eligibility in the input.
        let plain = round_input(&round);
        assert!(plain.ineligible.is_empty());
        assert!(!serde_json::to_string(&plain)
            .unwrap()
            .contains("ineligible"));

        let outcome = ItemOutcome {
            item: "coverage".into(),
            met: false,
            note: Some("业务仅覆盖佛山市。".into()),
        };
        let date = crate::calendar::Date::new(2026, 3, 6).unwrap();
        let failed = record_checks(&round, &template, "A03", &[outcome], "郑雅文", date).unwrap();
        let input = round_input(&failed);
        let reason = vec![FailedItem {
            item: "coverage".into(),
            note: "业务仅覆盖佛山市。".into(),
        }];
        assert_eq!(input.ineligible.len(), 1);
        assert_eq!(input.ineligible[0].applicant, "A03");
        assert_eq!(input.ineligible[0].items, reason);
        let json = serde_json::to_string(&input).unwrap();
        assert!(json.contains(r#""ineligible":[{"applicant":"A03","items":[{"item":"coverage","note":"业务仅覆盖佛山市。"}]}]"#), "{json}");
        // Through the engine: ineligible, its reason kept, no stage, grade or rank.
        let result = compute(&template, &input).unwrap();
        let a03 = result.applicants.iter().find(|a| a.id == "A03").unwrap();
        assert_eq!(a03.status, ApplicantStatus::Ineligible);
        assert_eq!(a03.failed_items, reason);
        assert_eq!(
            (a03.rank, a03.grade.as_deref(), a03.final_score),
            (None, None, None)
        );
        assert!(!a03.selected && !a03.pass);
        assert!(a03
            .stages
            .iter()
            .all(|s| s.status == StageStatus::NotReviewed));
        // Every other applicant is short of quorum (no scores) but ranked; A03 last.
        let cat = &a03.category;
        let in_cat: Vec<_> = result
            .applicants
            .iter()
            .filter(|a| &a.category == cat)
            .collect();
        assert_eq!(in_cat.last().unwrap().id, "A03");
        assert!(in_cat[..in_cat.len() - 1]
            .iter()
            .all(|a| a.rank.is_some() && a.status == ApplicantStatus::InsufficientQuorum));
        let out = serde_json::to_string(&a03).unwrap();
        assert!(
            out.contains(r#""status":"ineligible""#) && !out.contains("\"rank\""),
            "{out}"
        );
    }
}
