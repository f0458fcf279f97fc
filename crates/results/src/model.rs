//! What every report shows, worked out once: the rows in the result's order,
//! each expert's exact stage totals, and the texts of names, decisions and
//! statuses in the chosen language. The PDF, XLSX and CSV writers only lay it out.

use std::collections::{HashMap, HashSet};

use reviewdesk_core::rules::{ApplicantResult, StageResult, StageStatus};
use reviewdesk_core::{Applicant, Stage, StageKind};
use rust_decimal::Decimal;

use crate::labels::{self, Labels};
use crate::{ResultSet, ResultsError};

/// One expert's part in one score stage for one applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExpertCell {
    /// The sum of the expert's scores on every scored indicator of the stage
    /// (exact), with at least the template's decimal places.
    Total(Decimal),
    /// The expert is recused from the applicant (回避).
    Recused,
    /// Not assigned to the applicant, or no score given.
    Blank,
    /// Some but not all scored indicators scored: the engine leaves the expert out.
    Incomplete,
}

/// A cell of the summary as a spreadsheet sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    /// Text.
    Text(String),
    /// A score: an XLSX number cell, the decimal's own text in CSV.
    Number(Decimal),
    /// A count or rank.
    Integer(u32),
    /// Nothing (an absent score).
    Empty,
}

/// A table of values with its header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sheet {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// One applicant's row.
pub(crate) struct Row<'a> {
    pub result: &'a ApplicantResult,
    pub applicant: &'a Applicant,
    /// Per template stage: one cell per expert (score stages), empty otherwise.
    pub totals: Vec<Vec<ExpertCell>>,
}

pub(crate) struct Model<'a> {
    pub set: &'a ResultSet<'a>,
    pub l: &'static Labels,
    /// The scoring experts (the input's, in its order): id and name.
    pub experts: Vec<(&'a str, &'a str)>,
    pub rows: Vec<Row<'a>>,
}

/// `d` with at least `places` decimal places (17 → 17.00 for two): trailing
/// zeros only, so the value is unchanged and the column reads like the
/// aggregates; a value with more places keeps them all (nothing is rounded).
pub(crate) fn at_least_places(d: Decimal, places: u32) -> Decimal {
    let mut x = d;
    if x.scale() < places {
        x.rescale(places);
    }
    x
}

fn inconsistent(what: String) -> ResultsError {
    ResultsError::Inconsistent(what)
}

impl<'a> Model<'a> {
    /// Checks that the parts of `set` belong together and works out the rows.
    pub fn new(set: &'a ResultSet<'a>) -> Result<Self, ResultsError> {
        let (t, r) = (set.template, set.result);
        if r.template != t.id || r.template_version != t.version {
            return Err(inconsistent(format!(
                "the result is for template {} version {}, the template is {} version {}",
                r.template, r.template_version, t.id, t.version
            )));
        }
        if r.decimals != t.decimals {
            return Err(inconsistent(format!(
                "the result keeps {} decimals, the template {}",
                r.decimals, t.decimals
            )));
        }
        let by_id: HashMap<&str, &Applicant> = set
            .round
            .applicants
            .iter()
            .map(|a| (a.id.as_str(), a))
            .collect();
        for o in &set.opinions.applicants {
            if !by_id.contains_key(o.applicant.as_str()) {
                return Err(inconsistent(format!(
                    "the opinions name applicant {:?}, which the round does not have",
                    o.applicant
                )));
            }
        }
        for (expert, j) in set.justifications {
            if !by_id.contains_key(j.applicant.as_str())
                || !set.input.experts.contains(expert)
                || t.stage(&j.stage).is_none()
            {
                return Err(inconsistent(format!(
                    "a re-check justification names expert {expert:?}, applicant {:?} or stage {:?}, which the round or template does not have",
                    j.applicant, j.stage
                )));
            }
        }
        let experts: Vec<(&str, &str)> = set
            .input
            .experts
            .iter()
            .map(|id| {
                let name = set
                    .round
                    .panel
                    .experts
                    .iter()
                    .find(|e| &e.id == id)
                    .map_or(id.as_str(), |e| e.name.as_str());
                (id.as_str(), name)
            })
            .collect();

        // (expert, applicant, stage) → indicator → value, from the input's scores.
        let mut scores: HashMap<(&str, &str, &str), HashMap<&str, Decimal>> = HashMap::new();
        for s in &set.input.scores {
            scores
                .entry((&s.expert, &s.applicant, &s.stage))
                .or_default()
                .insert(&s.indicator, s.value);
        }
        let recused: HashSet<(&str, &str)> = set
            .input
            .recusals
            .iter()
            .map(|p| (p.expert.as_str(), p.applicant.as_str()))
            .collect();
        let assigned: Option<HashSet<(&str, &str)>> = set.input.assignments.as_ref().map(|v| {
            v.iter()
                .map(|p| (p.expert.as_str(), p.applicant.as_str()))
                .collect()
        });

        let mut rows = Vec::with_capacity(r.applicants.len());
        for res in &r.applicants {
            let applicant = *by_id.get(res.id.as_str()).ok_or_else(|| {
                inconsistent(format!(
                    "the result has applicant {:?}, which the round does not have",
                    res.id
                ))
            })?;
            let same_stages = res.stages.len() == t.stages.len()
                && res
                    .stages
                    .iter()
                    .zip(&t.stages)
                    .all(|(a, b)| a.stage == b.id);
            if !same_stages {
                return Err(inconsistent(format!(
                    "the result's stages for applicant {:?} are not the template's",
                    res.id
                )));
            }
            let totals = t
                .stages
                .iter()
                .map(|stage| {
                    if stage.kind != StageKind::Score {
                        return Vec::new();
                    }
                    let leaves: Vec<&str> = t
                        .scored_indicators(&stage.id)
                        .map(|i| i.id.as_str())
                        .collect();
                    experts
                        .iter()
                        .map(|&(e, _)| {
                            let a = res.id.as_str();
                            if recused.contains(&(e, a)) {
                                return ExpertCell::Recused;
                            }
                            if assigned.as_ref().is_some_and(|s| !s.contains(&(e, a))) {
                                return ExpertCell::Blank;
                            }
                            match scores.get(&(e, a, stage.id.as_str())) {
                                None => ExpertCell::Blank,
                                Some(given) => {
                                    let mut sum = Decimal::ZERO;
                                    for leaf in &leaves {
                                        match given.get(leaf) {
                                            Some(v) => sum += *v,
                                            None => return ExpertCell::Incomplete,
                                        }
                                    }
                                    ExpertCell::Total(at_least_places(sum, t.decimals))
                                }
                            }
                        })
                        .collect()
                })
                .collect();
            rows.push(Row {
                result: res,
                applicant,
                totals,
            });
        }
        Ok(Self {
            set,
            l: labels::labels(set.lang),
            experts,
            rows,
        })
    }

    pub fn stages(&self) -> impl Iterator<Item = (usize, &'a Stage)> {
        self.set.template.stages.iter().enumerate()
    }

    pub fn score_stages(&self) -> impl Iterator<Item = (usize, &'a Stage)> {
        self.stages().filter(|(_, s)| s.kind == StageKind::Score)
    }

    pub fn text(&self, l: &'a reviewdesk_core::Localized) -> &'a str {
        l.get(self.set.lang)
    }

    pub fn category(&self, id: &'a str) -> &'a str {
        self.set
            .template
            .category(id)
            .map_or(id, |c| c.name.get(self.set.lang))
    }

    pub fn grade(&self, r: &'a ApplicantResult) -> Option<&'a str> {
        r.grade.as_deref().map(|g| {
            self.set
                .template
                .grades
                .iter()
                .find(|b| b.id == g)
                .map_or(g, |b| b.label.get(self.set.lang))
        })
    }

    pub fn status(&self, r: &ApplicantResult) -> &'static str {
        labels::status(self.set.lang, r.status)
    }

    pub fn selected(&self, r: &ApplicantResult) -> &'static str {
        if r.selected {
            self.l.yes
        } else {
            self.l.no
        }
    }

    pub fn expert_name(&self, id: &'a str) -> &'a str {
        self.experts
            .iter()
            .find(|(e, _)| *e == id)
            .map_or(id, |(_, n)| n)
    }

    /// An expert's cell as printed.
    pub fn cell(&self, c: ExpertCell, sr: &StageResult) -> String {
        if matches!(sr.status, StageStatus::Skipped | StageStatus::NotReviewed) {
            return self.l.none.to_owned();
        }
        match c {
            ExpertCell::Total(d) => d.to_string(),
            ExpertCell::Recused => self.l.recused.to_owned(),
            ExpertCell::Blank => self.l.none.to_owned(),
            ExpertCell::Incomplete => self.l.incomplete.to_owned(),
        }
    }

    /// A stage's outcome as text: the aggregate of a score stage, the decision of
    /// a pass/fail stage (with the passes out of the valid experts when `counts`),
    /// or why there is none.
    pub fn stage_outcome(&self, sr: &StageResult, counts: bool) -> String {
        match sr.status {
            StageStatus::Skipped => return self.l.not_drawn.to_owned(),
            StageStatus::InsufficientQuorum => return self.l.short_of_quorum.to_owned(),
            StageStatus::NotReviewed => return self.l.not_reviewed.to_owned(),
            StageStatus::NotRequired => return self.l.not_required.to_owned(),
            StageStatus::Ok => {}
        }
        if let Some(a) = sr.aggregate {
            return a.to_string();
        }
        match sr.passed {
            Some(p) => {
                let word = if p { self.l.pass } else { self.l.fail };
                match (counts, sr.passes) {
                    (true, Some(n)) => format!("{word} {n}/{}", sr.valid_experts),
                    _ => word.to_owned(),
                }
            }
            None => self.l.none.to_owned(),
        }
    }

    /// The rank as printed: none (`—`) for an ineligible applicant.
    pub fn rank_text(&self, r: &ApplicantResult) -> String {
        r.rank
            .map_or_else(|| self.l.none.to_owned(), |n| n.to_string())
    }

    /// An ineligible applicant's failed checklist items: the item's text in the
    /// language (its id when the template lacks it) and the reason recorded.
    pub fn failed_items(&self, r: &ApplicantResult) -> Vec<(String, String)> {
        r.failed_items
            .iter()
            .map(|f| {
                let text = self
                    .set
                    .template
                    .eligibility
                    .iter()
                    .find(|i| i.id == f.item)
                    .map_or(f.item.as_str(), |i| self.text(&i.text));
                (text.to_owned(), f.note.clone())
            })
            .collect()
    }

    pub fn final_text(&self, r: &ApplicantResult) -> String {
        r.final_score
            .map_or_else(|| self.l.none.to_owned(), |d| d.to_string())
    }

    /// The summary as one table (sheet 汇总 and the CSV): the result columns, then
    /// every expert's total per score stage.
    pub fn summary_sheet(&self) -> Sheet {
        let l = self.l;
        let mut header: Vec<String> = [l.category, l.rank, l.id, l.applicant, l.region]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        header.extend(self.stages().map(|(_, s)| self.text(&s.name).to_owned()));
        header.extend(
            [l.final_score, l.grade, l.status, l.selected]
                .iter()
                .map(|s| (*s).to_owned()),
        );
        for (_, s) in self.score_stages() {
            for (id, name) in &self.experts {
                header.push(format!("{} {id} {name}", self.text(&s.name)));
            }
        }
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let r = row.result;
                let mut v = vec![
                    Value::Text(self.category(&r.category).to_owned()),
                    r.rank.map_or(Value::Empty, Value::Integer),
                    Value::Text(r.id.clone()),
                    Value::Text(row.applicant.name.clone()),
                    Value::Text(self.text(&row.applicant.region).to_owned()),
                ];
                for (i, _) in self.stages() {
                    let sr = &r.stages[i];
                    v.push(match (sr.status, sr.aggregate) {
                        (StageStatus::Ok, Some(a)) => Value::Number(a),
                        _ => Value::Text(self.stage_outcome(sr, false)),
                    });
                }
                v.push(r.final_score.map_or(Value::Empty, Value::Number));
                v.push(
                    self.grade(r)
                        .map_or(Value::Empty, |g| Value::Text(g.to_owned())),
                );
                v.push(Value::Text(self.status(r).to_owned()));
                v.push(Value::Text(self.selected(r).to_owned()));
                for (i, _) in self.score_stages() {
                    for &c in &row.totals[i] {
                        v.push(self.value(c, &r.stages[i]));
                    }
                }
                v
            })
            .collect();
        Sheet {
            name: match self.set.lang {
                reviewdesk_core::Lang::ZhCn => "汇总".to_owned(),
                reviewdesk_core::Lang::En => "Summary".to_owned(),
            },
            header,
            rows,
        }
    }

    fn value(&self, c: ExpertCell, sr: &StageResult) -> Value {
        match c {
            _ if matches!(sr.status, StageStatus::Skipped | StageStatus::NotReviewed) => {
                Value::Empty
            }
            ExpertCell::Total(d) => Value::Number(d),
            ExpertCell::Recused => Value::Text(self.l.recused.to_owned()),
            ExpertCell::Blank => Value::Empty,
            ExpertCell::Incomplete => Value::Text(self.l.incomplete.to_owned()),
        }
    }

    /// One score stage's experts' totals, the valid scores and the aggregate.
    pub fn stage_sheet(&self, i: usize) -> Sheet {
        let l = self.l;
        let stage = &self.set.template.stages[i];
        let mut header: Vec<String> = vec![l.id.to_owned(), l.applicant.to_owned()];
        header.extend(self.experts.iter().map(|(id, n)| format!("{id} {n}")));
        header.push(l.valid_experts.to_owned());
        header.push(l.aggregate.to_owned());
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let sr = &row.result.stages[i];
                let mut v = vec![
                    Value::Text(row.result.id.clone()),
                    Value::Text(row.applicant.name.clone()),
                ];
                v.extend(row.totals[i].iter().map(|&c| self.value(c, sr)));
                v.push(Value::Integer(sr.valid_experts));
                v.push(match (sr.status, sr.aggregate) {
                    (StageStatus::Ok, Some(a)) => Value::Number(a),
                    _ => Value::Text(self.stage_outcome(sr, false)),
                });
                v
            })
            .collect();
        Sheet {
            name: self.text(&stage.name).to_owned(),
            header,
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_added_never_taken_away() {
        assert_eq!(at_least_places(Decimal::new(17, 0), 2).to_string(), "17.00");
        assert_eq!(
            at_least_places(Decimal::new(190, 1), 2).to_string(),
            "19.00"
        );
        assert_eq!(
            at_least_places(Decimal::new(17_125, 3), 2).to_string(),
            "17.125"
        );
        assert_eq!(at_least_places(Decimal::new(175, 1), 0).to_string(), "17.5");
    }
}
