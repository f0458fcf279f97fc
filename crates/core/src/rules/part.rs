//! One expert's part of a computation's input (专家评分表): what a signed score
//! sheet carries and what the chair merges — the expert's conflict-of-interest
//! declarations, scores, pass/fail verdicts and vetoes, each for one applicant.
//!
//! Every entry belongs to the part's expert by construction (there is no expert
//! field per score), so a sheet cannot carry another expert's scores. The format is
//! documented in `docs/formats.md` ("Score sheet payload").

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::input::{ComputeInput, Pair, ScoreInput, VerdictInput, VetoInput};

/// The grounds on which an expert recuses (回避情形), from the programs' rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecusalCase {
    /// Worked for the applicant within the last 3 years (近三年在申报单位任职).
    Employment,
    /// Sat on its board or supervisory board (担任董事、监事).
    Board,
    /// Controls it or holds shares in it (控股或参股).
    Control,
    /// Close family of its legal representative (与法定代表人有近亲属关系).
    Family,
    /// An economic interest in it (有经济利益关系).
    EconomicInterest,
    /// A legal dispute with it (有法律纠纷).
    LegalDispute,
    /// Helped prepare its application (参与申报材料编写).
    PreparedApplication,
    /// An applicant's request against this expert was upheld (申请回避，予以回避).
    UpheldRequest,
    /// Any other tie that could affect fairness (其他可能影响公正的关系).
    Other,
}

impl RecusalCase {
    /// Every case, in the order the desk offers them.
    pub const ALL: [RecusalCase; 9] = [
        RecusalCase::Employment,
        RecusalCase::Board,
        RecusalCase::Control,
        RecusalCase::Family,
        RecusalCase::EconomicInterest,
        RecusalCase::LegalDispute,
        RecusalCase::PreparedApplication,
        RecusalCase::UpheldRequest,
        RecusalCase::Other,
    ];
}

/// An expert's declaration about one assigned applicant, made before its
/// materials are opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    /// Applicant id.
    pub applicant: String,
    /// `None`: no conflict of interest (无利益冲突); `Some`: the expert recuses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recuse: Option<RecusalCase>,
    /// The expert's own words (may be empty; required by the desk for `other`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// One indicator's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartScore {
    /// Applicant id.
    pub applicant: String,
    /// Stage id.
    pub stage: String,
    /// Indicator id.
    pub indicator: String,
    /// The score, an exact decimal (a string in JSON).
    pub value: Decimal,
    /// The reason required below the template's low-score threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The expert's comment (评语), free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

/// A pass/fail stage's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartVerdict {
    /// Applicant id.
    pub applicant: String,
    /// Stage id.
    pub stage: String,
    /// Passed (通过) or not (不通过).
    pub pass: bool,
    /// The expert's comment.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

/// A veto (一票否决) on a veto indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartVeto {
    /// Applicant id.
    pub applicant: String,
    /// The veto indicator's id.
    pub indicator: String,
    /// Why (required).
    pub reason: String,
}

/// The expert's answer to one flag of a re-check request (复核说明).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// The score is kept (维持原分): the value equals the flagged one.
    Kept,
    /// The score was changed (修改评分): the value differs from the flagged one.
    Changed,
}

impl Answer {
    /// `kept` or `changed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Kept => "kept",
            Self::Changed => "changed",
        }
    }
}

/// The expert's justification for one flagged cell of a re-check request
/// (`docs/formats.md`, "Justifications").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Justification {
    /// Applicant id.
    pub applicant: String,
    /// Stage id.
    pub stage: String,
    /// Indicator id; absent for a flag on the stage total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// The request's sequence number.
    pub request: u32,
    /// Kept or changed.
    pub answer: Answer,
    /// The expert's reason.
    pub text: String,
}

/// One expert's part: the JSON payload `scores` of a score sheet.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpertPart {
    /// The expert's id.
    pub expert: String,
    /// One declaration per assigned applicant.
    #[serde(default)]
    pub declarations: Vec<Declaration>,
    /// Scores.
    #[serde(default)]
    pub scores: Vec<PartScore>,
    /// Pass/fail verdicts.
    #[serde(default)]
    pub verdicts: Vec<PartVerdict>,
    /// Vetoes.
    #[serde(default)]
    pub vetoes: Vec<PartVeto>,
    /// Answers to the chair's re-check requests (absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub justifications: Vec<Justification>,
}

impl ExpertPart {
    /// The applicants this expert recused from.
    pub fn recused(&self) -> impl Iterator<Item = &str> {
        self.declarations
            .iter()
            .filter(|d| d.recuse.is_some())
            .map(|d| d.applicant.as_str())
    }

    /// Adds this part to a computation's input: the declared recusals, the scores,
    /// verdicts and vetoes, each under this expert's id. The engine's own
    /// validation (ranges, steps, recused scores, unknown ids) runs on the result.
    pub fn add_to(&self, input: &mut ComputeInput) {
        let expert = || self.expert.clone();
        input.recusals.extend(self.recused().map(|a| Pair {
            expert: expert(),
            applicant: a.to_owned(),
        }));
        input.scores.extend(self.scores.iter().map(|s| ScoreInput {
            expert: expert(),
            applicant: s.applicant.clone(),
            stage: s.stage.clone(),
            indicator: s.indicator.clone(),
            value: s.value,
            reason: s.reason.clone(),
        }));
        input
            .verdicts
            .extend(self.verdicts.iter().map(|v| VerdictInput {
                expert: expert(),
                applicant: v.applicant.clone(),
                stage: v.stage.clone(),
                pass: v.pass,
            }));
        input.vetoes.extend(self.vetoes.iter().map(|v| VetoInput {
            expert: expert(),
            applicant: v.applicant.clone(),
            indicator: v.indicator.clone(),
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_reads_from_json_with_decimal_strings_and_adds_under_its_expert() {
        let json = r#"{
            "expert": "E01",
            "declarations": [
                {"applicant": "A01"},
                {"applicant": "A04", "recuse": "upheld_request", "note": "申请回避已裁定"}
            ],
            "scores": [{"applicant": "A01", "stage": "written", "indicator": "w1", "value": "8.5", "comment": "材料完整"}],
            "verdicts": [{"applicant": "A01", "stage": "site", "pass": true}],
            "vetoes": []
        }"#;
        let part: ExpertPart = serde_json::from_str(json).unwrap();
        assert_eq!(part.recused().collect::<Vec<_>>(), ["A04"]);
        let mut input = ComputeInput::default();
        part.add_to(&mut input);
        assert_eq!(input.recusals.len(), 1);
        assert_eq!(input.recusals[0].expert, "E01");
        assert_eq!(input.scores[0].expert, "E01");
        assert_eq!(input.scores[0].value, Decimal::new(85, 1));
        assert_eq!(input.verdicts[0].expert, "E01");
    }

    #[test]
    fn unknown_fields_and_unknown_cases_are_refused() {
        assert!(serde_json::from_str::<ExpertPart>(r#"{"expert":"E01","extra":1}"#).is_err());
        let bad = r#"{"expert":"E01","declarations":[{"applicant":"A01","recuse":"friendship"}]}"#;
        assert!(serde_json::from_str::<ExpertPart>(bad).is_err());
    }
}
