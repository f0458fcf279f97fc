//! Re-checks (复核) as pure functions: which divergence flags a chair's request to
//! one expert carries (the engine's own flags: value, mean of the others, distance),
//! which flags of the requests an expert imported are open, and the rule that every
//! open flag has a justification that fits the value before the expert signs
//! (`docs/formats.md`, "Re-check request" and "Justifications").

use rust_decimal::Decimal;

use super::output::DivergenceFlag;
use super::part::{Answer, ExpertPart, Justification};
use crate::review::ReviewProblem;

/// The most characters a justification's text has.
pub const MAX_JUSTIFICATION: usize = 2000;

/// One cell of the expert × applicant × stage matrix a flag is on: an indicator,
/// or the stage total (`indicator` absent).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FlagCell {
    /// Applicant id.
    pub applicant: String,
    /// Stage id.
    pub stage: String,
    /// Indicator id; `None` for the stage total.
    pub indicator: Option<String>,
}

impl FlagCell {
    /// The cell of a divergence flag.
    pub fn of(f: &DivergenceFlag) -> Self {
        Self {
            applicant: f.applicant.clone(),
            stage: f.stage.clone(),
            indicator: f.indicator.clone(),
        }
    }

    /// The cell a justification answers.
    pub fn of_justification(j: &Justification) -> Self {
        Self {
            applicant: j.applicant.clone(),
            stage: j.stage.clone(),
            indicator: j.indicator.clone(),
        }
    }
}

impl std::fmt::Display for FlagCell {
    /// `APPLICANT/STAGE/INDICATOR`, or `APPLICANT/STAGE` for the stage total.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.indicator {
            Some(i) => write!(f, "{}/{}/{i}", self.applicant, self.stage),
            None => write!(f, "{}/{}", self.applicant, self.stage),
        }
    }
}

/// The flags a request to `expert` carries: with `cells`, the engine's flags of
/// that expert on exactly those cells (`Err` with the cells that carry no flag of
/// the expert); without, every flag of the expert. In cell order.
pub fn recheck_flags(
    flags: &[DivergenceFlag],
    expert: &str,
    cells: Option<&[FlagCell]>,
) -> Result<Vec<DivergenceFlag>, Vec<FlagCell>> {
    let mine = flags.iter().filter(|f| f.expert == expert);
    let mut out: Vec<DivergenceFlag> = match cells {
        None => mine.cloned().collect(),
        Some(cells) => {
            let missing: Vec<FlagCell> = cells
                .iter()
                .filter(|c| {
                    !flags
                        .iter()
                        .any(|f| f.expert == expert && FlagCell::of(f) == **c)
                })
                .cloned()
                .collect();
            if !missing.is_empty() {
                return Err(missing);
            }
            mine.filter(|f| cells.contains(&FlagCell::of(f)))
                .cloned()
                .collect()
        }
    };
    out.sort_by_key(FlagCell::of);
    out.dedup_by_key(|f| FlagCell::of(f));
    Ok(out)
}

/// A flag the expert must answer: the cell, the request that flags it last and the
/// value flagged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenFlag {
    /// The cell.
    pub cell: FlagCell,
    /// The sequence of the latest request that flags it.
    pub request: u32,
    /// The value the request flagged.
    pub value: Decimal,
}

/// The flags to answer from the requests imported, `(sequence, [(cell, value)])`:
/// per cell the latest request's flag (an earlier answer on the same cell is kept as
/// history, not checked again). In cell order.
pub fn open_flags(requests: &[(u32, Vec<(FlagCell, Decimal)>)]) -> Vec<OpenFlag> {
    let mut by_cell: std::collections::BTreeMap<FlagCell, OpenFlag> = Default::default();
    for (seq, flags) in requests {
        for (cell, value) in flags {
            let newer = by_cell.get(cell).is_none_or(|o| o.request < *seq);
            if newer {
                by_cell.insert(
                    cell.clone(),
                    OpenFlag {
                        cell: cell.clone(),
                        request: *seq,
                        value: *value,
                    },
                );
            }
        }
    }
    by_cell.into_values().collect()
}

/// The expert's value for a cell in a part: the indicator's score, or for the
/// stage total the sum of the expert's scores of that stage for the applicant
/// (`None` when there is no score).
pub fn current_value(part: &ExpertPart, cell: &FlagCell) -> Option<Decimal> {
    let scores = part
        .scores
        .iter()
        .filter(|s| s.applicant == cell.applicant && s.stage == cell.stage);
    match &cell.indicator {
        Some(i) => scores.filter(|s| &s.indicator == i).map(|s| s.value).next(),
        None => scores.map(|s| s.value).reduce(|a, b| a + b),
    }
}

/// One justification checked against the open flags and the part as it stands: the
/// cell is open under that request (`not_flagged`), the text is 1–2,000 characters
/// and not only white space (`justification_required`), and `kept` means the value
/// equals the flagged one, `changed` that it differs (`justification_mismatch`).
pub fn check_justification(
    open: &[OpenFlag],
    part: &ExpertPart,
    j: &Justification,
) -> Result<(), ReviewProblem> {
    let cell = FlagCell::of_justification(j);
    let Some(flag) = open
        .iter()
        .find(|o| o.cell == cell && o.request == j.request)
    else {
        return Err(ReviewProblem::NotFlagged(format!(
            "{cell} (request {})",
            j.request
        )));
    };
    if j.text.trim().is_empty() || j.text.chars().count() > MAX_JUSTIFICATION {
        return Err(ReviewProblem::JustificationRequired(cell.to_string()));
    }
    let now = current_value(part, &cell);
    let same = now.is_some_and(|v| v == flag.value);
    let fits = match j.answer {
        Answer::Kept => same,
        Answer::Changed => !same,
    };
    if !fits {
        return Err(ReviewProblem::JustificationMismatch {
            cell: cell.to_string(),
            answer: j.answer,
            value: now.map_or_else(|| "-".to_owned(), |v| v.normalize().to_string()),
            flagged: flag.value.normalize().to_string(),
        });
    }
    Ok(())
}

/// "Every flag of an imported request needs a justification before signing": each
/// open flag has one in the part under its request (`recheck_unanswered`, naming
/// every such cell), and each of those fits ([`check_justification`]).
pub fn check_justifications(open: &[OpenFlag], part: &ExpertPart) -> Result<(), ReviewProblem> {
    let mut unanswered = Vec::new();
    for flag in open {
        let answer = part
            .justifications
            .iter()
            .find(|j| j.request == flag.request && FlagCell::of_justification(j) == flag.cell);
        match answer {
            None => unanswered.push(flag.cell.to_string()),
            Some(j) => check_justification(open, part, j)?,
        }
    }
    if unanswered.is_empty() {
        Ok(())
    } else {
        Err(ReviewProblem::RecheckUnanswered(unanswered))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::ReviewCode;
    use crate::rules::PartScore;
    use proptest::prelude::*;

    fn cell(a: &str, i: Option<&str>) -> FlagCell {
        FlagCell {
            applicant: a.into(),
            stage: "written".into(),
            indicator: i.map(str::to_owned),
        }
    }

    fn score(a: &str, i: &str, v: Decimal) -> PartScore {
        PartScore {
            applicant: a.into(),
            stage: "written".into(),
            indicator: i.into(),
            value: v,
            reason: None,
            comment: String::new(),
        }
    }

    fn flag(expert: &str, a: &str, i: Option<&str>, v: &str) -> DivergenceFlag {
        DivergenceFlag {
            expert: expert.into(),
            applicant: a.into(),
            stage: "written".into(),
            indicator: i.map(str::to_owned),
            value: v.parse().unwrap(),
            mean_of_others: "5".parse().unwrap(),
            d: "4".parse().unwrap(),
            threshold: "2".parse().unwrap(),
        }
    }

    fn justify(a: &str, i: Option<&str>, request: u32, answer: Answer) -> Justification {
        Justification {
            applicant: a.into(),
            stage: "written".into(),
            indicator: i.map(str::to_owned),
            request,
            answer,
            text: "复核后说明".into(),
        }
    }

    fn code(r: Result<(), ReviewProblem>) -> Option<ReviewCode> {
        r.err().map(|e| e.code())
    }

    #[test]
    fn a_request_carries_the_experts_own_flags_in_cell_order() {
        let flags = [
            flag("E01", "A02", Some("w1"), "9"),
            flag("E02", "A01", Some("w1"), "1"),
            flag("E01", "A01", None, "30"),
        ];
        let all = recheck_flags(&flags, "E01", None).unwrap();
        assert_eq!(
            all.iter().map(FlagCell::of).collect::<Vec<_>>(),
            [cell("A01", None), cell("A02", Some("w1"))]
        );
        let one = recheck_flags(&flags, "E01", Some(&[cell("A02", Some("w1"))])).unwrap();
        assert_eq!(one, [flags[0].clone()]);
        // A cell that carries no flag of this expert is named.
        assert_eq!(
            recheck_flags(&flags, "E01", Some(&[cell("A01", Some("w1"))])),
            Err(vec![cell("A01", Some("w1"))])
        );
    }

    #[test]
    fn the_latest_request_on_a_cell_is_the_one_to_answer() {
        let v = |s: &str| s.parse::<Decimal>().unwrap();
        let open = open_flags(&[
            (
                1,
                vec![
                    (cell("A01", Some("w1")), v("9")),
                    (cell("A02", None), v("30")),
                ],
            ),
            (2, vec![(cell("A01", Some("w1")), v("8"))]),
        ]);
        assert_eq!(open.len(), 2);
        assert_eq!((open[0].request, open[0].value), (2, v("8")));
        assert_eq!((open[1].request, open[1].value), (1, v("30")));
    }

    #[test]
    fn signing_waits_for_every_flag_and_each_answer_must_fit() {
        let v = |s: &str| s.parse::<Decimal>().unwrap();
        let open = open_flags(&[(
            1,
            vec![
                (cell("A01", Some("w1")), v("9")),
                (cell("A02", None), v("15")),
            ],
        )]);
        let mut part = ExpertPart {
            expert: "E01".into(),
            scores: vec![
                score("A01", "w1", v("9")),
                score("A02", "w1", v("8")),
                score("A02", "w2", v("7")),
            ],
            ..Default::default()
        };
        assert_eq!(
            check_justifications(&open, &part),
            Err(ReviewProblem::RecheckUnanswered(vec![
                "A01/written/w1".into(),
                "A02/written".into()
            ]))
        );
        part.justifications
            .push(justify("A01", Some("w1"), 1, Answer::Kept));
        // The stage total 8 + 7 = 15 equals the flagged 15: `changed` does not fit.
        part.justifications
            .push(justify("A02", None, 1, Answer::Changed));
        assert_eq!(
            code(check_justifications(&open, &part)),
            Some(ReviewCode::JustificationMismatch)
        );
        part.scores[2].value = v("6");
        assert_eq!(check_justifications(&open, &part), Ok(()));
        // Kept after all but the score moved: refused.
        part.scores[0].value = v("7");
        assert_eq!(
            code(check_justifications(&open, &part)),
            Some(ReviewCode::JustificationMismatch)
        );
        // Another request's number or an unflagged cell is not a flag to answer.
        let stale = justify("A01", Some("w1"), 2, Answer::Changed);
        assert_eq!(
            code(check_justification(&open, &part, &stale)),
            Some(ReviewCode::NotFlagged)
        );
        let mut empty = justify("A01", Some("w1"), 1, Answer::Changed);
        empty.text = "  ".into();
        assert_eq!(
            code(check_justification(&open, &part, &empty)),
            Some(ReviewCode::JustificationRequired)
        );
    }

    proptest! {
        /// `kept` fits exactly when the value is the flagged one, `changed` exactly
        /// when it is not, whatever the values.
        #[test]
        fn kept_and_changed_are_exact_opposites(flagged in 0i64..2000, now in 0i64..2000, scale in 0u32..3) {
            let f = Decimal::new(flagged, scale);
            let n = Decimal::new(now, scale);
            let open = open_flags(&[(1, vec![(cell("A01", Some("w1")), f)])]);
            let part = ExpertPart {
                expert: "E01".into(),
                scores: vec![score("A01", "w1", n)],
                ..Default::default()
            };
            let kept = check_justification(&open, &part, &justify("A01", Some("w1"), 1, Answer::Kept)).is_ok();
            let changed = check_justification(&open, &part, &justify("A01", Some("w1"), 1, Answer::Changed)).is_ok();
            prop_assert_eq!(kept, f == n);
            prop_assert_eq!(changed, f != n);
        }
    }
}
