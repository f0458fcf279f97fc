//! Eligibility check (形式审查): the template's checklist of basic conditions
//! (基本条件) checked per applicant before the review, each item recorded as met
//! or not met — a failed item with the reason kept (`note`), who checked and when.
//!
//! An applicant with any item not met has failed: it is left out of the review
//! (not assigned, in no expert's package, no quorum needed) and its result is
//! `ineligible` (形式审查未通过) with the failed items. An applicant with every item
//! met has passed; otherwise it is not yet checked. The rule is stated in
//! `docs/rules.md` ("Eligibility check"); the records are the `[[eligibility]]`
//! tables of `round.toml` (`docs/formats.md`).

use crate::calendar::Date;
use crate::round::Round;
use crate::template::Template;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// One recorded check of one checklist item for one applicant (形式审查记录).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityCheck {
    /// The applicant's id.
    pub applicant: String,
    /// The template's eligibility item id.
    pub item: String,
    /// Met (符合) or not.
    pub met: bool,
    /// Why not met (the reason kept and shown in the results); may note a met item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who checked (审查人).
    pub checked_by: String,
    /// The day it was checked (审查日期).
    pub checked_on: Date,
}

impl EligibilityCheck {
    /// The note, when it holds more than white space.
    pub fn reason(&self) -> Option<&str> {
        self.note.as_deref().filter(|n| !n.trim().is_empty())
    }
}

/// A failed item: the item id and the reason recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FailedItem {
    /// The template's eligibility item id.
    pub item: String,
    /// The reason recorded (`note`).
    pub note: String,
}

/// Where an applicant stands in the eligibility check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EligibilityStatus {
    /// Some items are not recorded yet and none is recorded as not met (待审查).
    Unchecked {
        /// The items not recorded, in template order.
        missing: Vec<String>,
    },
    /// Every item recorded as met (通过); also an applicant under a template
    /// without a checklist.
    Passed,
    /// Some item recorded as not met (形式审查未通过): left out of the review.
    Failed {
        /// The items not met, in template order, with their notes.
        failed: Vec<FailedItem>,
    },
}

/// One applicant's eligibility: its records in template order and its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicantEligibility<'a> {
    /// The applicant's id.
    pub applicant: &'a str,
    /// Per template item, in template order: the item and its record, if any.
    pub items: Vec<(&'a str, Option<&'a EligibilityCheck>)>,
    /// The status.
    pub status: EligibilityStatus,
}

/// The failed items of `applicant` in the order of the round's records (template
/// order once checked through [`record_checks`]); empty when it has not failed.
pub fn failed_items(round: &Round, applicant: &str) -> Vec<FailedItem> {
    round
        .eligibility
        .iter()
        .filter(|c| c.applicant == applicant && !c.met)
        .map(|c| FailedItem {
            item: c.item.clone(),
            note: c.note.clone().unwrap_or_default(),
        })
        .collect()
}

/// Whether `applicant` failed the eligibility check (some item recorded as not
/// met): such an applicant is left out of the review.
pub fn is_ineligible(round: &Round, applicant: &str) -> bool {
    round
        .eligibility
        .iter()
        .any(|c| c.applicant == applicant && !c.met)
}

/// The status of one applicant under the template's checklist: failed when any
/// item is recorded as not met, else not yet checked when an item is unrecorded,
/// else passed.
pub fn status_of(round: &Round, template: &Template, applicant: &str) -> EligibilityStatus {
    let record = |item: &str| {
        round
            .eligibility
            .iter()
            .find(|c| c.applicant == applicant && c.item == item)
    };
    applicant_eligibility(template, applicant, record).status
}

/// One applicant's eligibility; `record` gives its first record of an item.
fn applicant_eligibility<'a>(
    template: &'a Template,
    applicant: &'a str,
    record: impl Fn(&str) -> Option<&'a EligibilityCheck>,
) -> ApplicantEligibility<'a> {
    let items: Vec<(&str, Option<&EligibilityCheck>)> = template
        .eligibility
        .iter()
        .map(|i| (i.id.as_str(), record(&i.id)))
        .collect();
    let failed: Vec<FailedItem> = items
        .iter()
        .filter_map(|(id, c)| c.filter(|c| !c.met).map(|c| (id, c)))
        .map(|(id, c)| FailedItem {
            item: (*id).to_owned(),
            note: c.note.clone().unwrap_or_default(),
        })
        .collect();
    let missing: Vec<String> = items
        .iter()
        .filter(|(_, c)| c.is_none())
        .map(|(id, _)| (*id).to_owned())
        .collect();
    let status = if !failed.is_empty() {
        EligibilityStatus::Failed { failed }
    } else if !missing.is_empty() {
        EligibilityStatus::Unchecked { missing }
    } else {
        EligibilityStatus::Passed
    };
    ApplicantEligibility {
        applicant,
        items,
        status,
    }
}

/// Every applicant's eligibility, in round order.
pub fn eligibility<'a>(round: &'a Round, template: &'a Template) -> Vec<ApplicantEligibility<'a>> {
    // Each applicant's first record of each item, found once: not one scan of
    // every record per applicant and item.
    let mut first: HashMap<(&str, &str), &EligibilityCheck> = HashMap::new();
    for c in &round.eligibility {
        first
            .entry((c.applicant.as_str(), c.item.as_str()))
            .or_insert(c);
    }
    round
        .applicants
        .iter()
        .map(|a| {
            applicant_eligibility(template, &a.id, |item| {
                first.get(&(a.id.as_str(), item)).copied()
            })
        })
        .collect()
}

/// One item's outcome to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemOutcome {
    /// The template's eligibility item id.
    pub item: String,
    /// Met or not.
    pub met: bool,
    /// The reason (required when not met).
    pub note: Option<String>,
}

/// Why a check cannot be recorded; nothing is changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EligibilityError {
    /// The template has no eligibility checklist.
    #[error("template '{template}' has no eligibility checklist")]
    NoChecklist {
        /// The template id.
        template: String,
    },
    /// No applicant with this id.
    #[error("no applicant has id '{0}'")]
    UnknownApplicant(String),
    /// No checklist item with this id.
    #[error("the template has no eligibility item '{item}' (its items: {})", known.join(", "))]
    UnknownItem {
        /// The id given.
        item: String,
        /// The template's item ids, in order.
        known: Vec<String>,
    },
    /// The same item given twice in one record.
    #[error("eligibility item '{0}' is given more than once")]
    DuplicateItem(String),
    /// An item not met without a note: the reason must be kept.
    #[error("eligibility item '{0}' is not met: a note with the reason is required")]
    NoteRequired(String),
    /// Nobody named as the checker.
    #[error("the checker's name (checked_by) must not be empty")]
    CheckerRequired,
    /// No item given.
    #[error("no eligibility item to record")]
    NothingToRecord,
}

impl EligibilityError {
    /// What is wrong and what to do, in `lang` (English: the `Display` text).
    pub fn message(&self, lang: crate::Lang) -> String {
        if lang == crate::Lang::En {
            return self.to_string();
        }
        match self {
            Self::NoChecklist { template } => format!("模板 `{template}` 没有形式审查清单"),
            Self::UnknownApplicant(id) => format!("没有编号为 {id} 的申报单位"),
            Self::UnknownItem { item, known } => format!(
                "模板中没有形式审查项 `{item}`（模板的审查项：{}）",
                known.join("、")
            ),
            Self::DuplicateItem(item) => format!("形式审查项 `{item}` 给出了不止一次"),
            Self::NoteRequired(item) => {
                format!("形式审查项 `{item}` 未满足：必须写明理由（--note）")
            }
            Self::CheckerRequired => "必须填写审查人（--by）".to_owned(),
            Self::NothingToRecord => "没有要记录的形式审查项".to_owned(),
        }
    }
}

impl EligibilityError {
    /// The stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoChecklist { .. } => "no_checklist",
            Self::UnknownApplicant(_) => "unknown_applicant",
            Self::UnknownItem { .. } => "unknown_item",
            Self::DuplicateItem(_) => "duplicate_item",
            Self::NoteRequired(_) => "note_required",
            Self::CheckerRequired => "checker_required",
            Self::NothingToRecord => "nothing_to_record",
        }
    }
}

/// The outcomes of every item of the template's checklist as met (`--all-met`).
pub fn all_met(template: &Template) -> Vec<ItemOutcome> {
    template
        .eligibility
        .iter()
        .map(|i| ItemOutcome {
            item: i.id.clone(),
            met: true,
            note: None,
        })
        .collect()
}

/// `round` with `outcomes` recorded for `applicant`, checked by `checked_by` on
/// `checked_on`: an item already recorded for the applicant is replaced where it
/// is, a new one is added after the round's last record. Notes are trimmed (an
/// empty one is none). Refused — nothing recorded — for an unknown applicant or
/// item, an item given twice, an item not met without a note, an empty checker's
/// name, no items, or a template without a checklist.
pub fn record_checks(
    round: &Round,
    template: &Template,
    applicant: &str,
    outcomes: &[ItemOutcome],
    checked_by: &str,
    checked_on: Date,
) -> Result<Round, EligibilityError> {
    if template.eligibility.is_empty() {
        return Err(EligibilityError::NoChecklist {
            template: template.id.clone(),
        });
    }
    if round.applicant(applicant).is_none() {
        return Err(EligibilityError::UnknownApplicant(applicant.to_owned()));
    }
    if outcomes.is_empty() {
        return Err(EligibilityError::NothingToRecord);
    }
    let checked_by = checked_by.trim();
    if checked_by.is_empty() {
        return Err(EligibilityError::CheckerRequired);
    }
    let mut seen = HashSet::new();
    for o in outcomes {
        if !template.eligibility.iter().any(|i| i.id == o.item) {
            return Err(EligibilityError::UnknownItem {
                item: o.item.clone(),
                known: template.eligibility.iter().map(|i| i.id.clone()).collect(),
            });
        }
        if !seen.insert(o.item.as_str()) {
            return Err(EligibilityError::DuplicateItem(o.item.clone()));
        }
        let note = o.note.as_deref().map(str::trim).unwrap_or("");
        if !o.met && note.is_empty() {
            return Err(EligibilityError::NoteRequired(o.item.clone()));
        }
    }
    let mut out = round.clone();
    for o in outcomes {
        let note = o
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned);
        let check = EligibilityCheck {
            applicant: applicant.to_owned(),
            item: o.item.clone(),
            met: o.met,
            note,
            checked_by: checked_by.to_owned(),
            checked_on,
        };
        match out
            .eligibility
            .iter_mut()
            .find(|c| c.applicant == applicant && c.item == o.item)
        {
            Some(old) => *old = check,
            None => out.eligibility.push(check),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::RoundProblemKind;

    const TEMPLATE: &str = include_str!("../../../assets/templates/gd-pool-2021.toml");
    const ROUND: &str = r#"
format = "reviewdesk-round/1"
id = "r1"

[program]
title = { zh = "批次", en = "Round" }
organizer = { zh = "主办", en = "Organizer" }
template = "gd-pool-2021"

[[applicant]]
id = "A01"
name = "甲公司"
credit_code = "91440101MA5AGYGLU6"
region = { zh = "广州市", en = "Guangzhou" }
industry = { zh = "全行业", en = "All industries" }
categories = ["application"]

[[applicant]]
id = "A02"
name = "乙公司"
credit_code = "91440300MA5FQ6QX1K"
region = { zh = "深圳市", en = "Shenzhen" }
industry = { zh = "全行业", en = "All industries" }
categories = ["platform"]
"#;

    fn fixture() -> (Round, Template) {
        let t: Template = toml::from_str(TEMPLATE).unwrap();
        let r: Round = toml::from_str(ROUND).unwrap();
        r.validate(&t).unwrap();
        (r, t)
    }

    fn day() -> Date {
        Date::new(2026, 3, 2).unwrap()
    }

    fn met(item: &str) -> ItemOutcome {
        ItemOutcome {
            item: item.into(),
            met: true,
            note: None,
        }
    }

    fn not_met(item: &str, note: &str) -> ItemOutcome {
        ItemOutcome {
            item: item.into(),
            met: false,
            note: Some(note.into()),
        }
    }

    #[test]
    fn status_goes_from_unchecked_to_passed_or_failed() {
        let (r, t) = fixture();
        assert_eq!(
            status_of(&r, &t, "A01"),
            EligibilityStatus::Unchecked {
                missing: vec![
                    "legal_entity".into(),
                    "coverage".into(),
                    "categories".into()
                ]
            }
        );
        let r = record_checks(&r, &t, "A01", &[met("coverage")], "王审查", day()).unwrap();
        assert_eq!(
            status_of(&r, &t, "A01"),
            EligibilityStatus::Unchecked {
                missing: vec!["legal_entity".into(), "categories".into()]
            }
        );
        let r = record_checks(&r, &t, "A01", &all_met(&t), "王审查", day()).unwrap();
        assert_eq!(status_of(&r, &t, "A01"), EligibilityStatus::Passed);
        // Re-recording replaces in place: one record per item.
        assert_eq!(r.eligibility.len(), 3);
        assert!(!is_ineligible(&r, "A01"));

        // One item not met fails the applicant even with others unrecorded.
        let r = record_checks(
            &r,
            &t,
            "A02",
            &[not_met("coverage", "  业务仅覆盖深圳市。 ")],
            "李审查",
            day(),
        )
        .unwrap();
        let failed = vec![FailedItem {
            item: "coverage".into(),
            note: "业务仅覆盖深圳市。".into(),
        }];
        assert_eq!(
            status_of(&r, &t, "A02"),
            EligibilityStatus::Failed {
                failed: failed.clone()
            }
        );
        assert!(is_ineligible(&r, "A02"));
        assert_eq!(failed_items(&r, "A02"), failed);
        r.validate(&t).unwrap();
        let all = eligibility(&r, &t);
        assert_eq!(all.len(), 2);
        assert_eq!(
            all[1].items[1].1.map(|c| c.checked_by.as_str()),
            Some("李审查")
        );
        // Met again later: passes once every item is met.
        let r = record_checks(&r, &t, "A02", &all_met(&t), "李审查", day()).unwrap();
        assert_eq!(status_of(&r, &t, "A02"), EligibilityStatus::Passed);
        assert!(failed_items(&r, "A02").is_empty());
    }

    #[test]
    fn a_template_without_a_checklist_passes_everyone_and_records_nothing() {
        let (r, mut t) = fixture();
        t.eligibility.clear();
        assert_eq!(status_of(&r, &t, "A01"), EligibilityStatus::Passed);
        assert!(matches!(
            record_checks(&r, &t, "A01", &[met("coverage")], "王", day()),
            Err(EligibilityError::NoChecklist { .. })
        ));
    }

    #[test]
    fn refusals_name_what_is_wrong_and_change_nothing() {
        let (r, t) = fixture();
        let rec = |a: &str, o: &[ItemOutcome], by: &str| record_checks(&r, &t, a, o, by, day());
        let e = rec("A09", &[met("coverage")], "王").unwrap_err();
        assert_eq!(e, EligibilityError::UnknownApplicant("A09".into()));
        assert_eq!(e.code(), "unknown_applicant");
        let e = rec("A01", &[met("nope")], "王").unwrap_err();
        assert_eq!(e.code(), "unknown_item");
        assert!(e.to_string().contains("legal_entity, coverage, categories"));
        let e = rec("A01", &[not_met("coverage", " ")], "王").unwrap_err();
        assert_eq!(e, EligibilityError::NoteRequired("coverage".into()));
        let mut no_note = not_met("coverage", "");
        no_note.note = None;
        assert_eq!(
            rec("A01", &[no_note], "王").unwrap_err().code(),
            "note_required"
        );
        let e = rec("A01", &[met("coverage"), met("coverage")], "王").unwrap_err();
        assert_eq!(e.code(), "duplicate_item");
        assert_eq!(
            rec("A01", &[met("coverage")], " ").unwrap_err().code(),
            "checker_required"
        );
        assert_eq!(
            rec("A01", &[], "王").unwrap_err().code(),
            "nothing_to_record"
        );
    }

    #[test]
    fn validation_names_bad_records() {
        let (r, t) = fixture();
        let good = record_checks(&r, &t, "A01", &[met("coverage")], "王", day()).unwrap();
        let mut bad = good.clone();
        let c = bad.eligibility[0].clone();
        bad.eligibility.push(c.clone());
        bad.eligibility.push(EligibilityCheck {
            applicant: "A09".into(),
            item: "nope".into(),
            met: false,
            note: Some("  ".into()),
            checked_by: String::new(),
            ..c
        });
        let problems = bad.validate(&t).unwrap_err();
        let seen: Vec<(String, RoundProblemKind)> =
            problems.into_iter().map(|p| (p.path, p.kind)).collect();
        assert_eq!(
            seen,
            vec![
                (
                    "eligibility[1]".into(),
                    RoundProblemKind::DuplicateEligibility {
                        applicant: "A01".into(),
                        item: "coverage".into()
                    }
                ),
                (
                    "eligibility[2].applicant".into(),
                    RoundProblemKind::UnknownApplicant("A09".into())
                ),
                (
                    "eligibility[2].item".into(),
                    RoundProblemKind::UnknownEligibilityItem("nope".into())
                ),
                ("eligibility[2].note".into(), RoundProblemKind::Empty),
                ("eligibility[2].checked_by".into(), RoundProblemKind::Empty),
            ]
        );
    }

    #[test]
    fn records_read_and_write_as_toml() {
        let text = r#"
applicant = "A02"
item = "coverage"
met = false
note = "业务仅覆盖深圳市。"
checked_by = "李审查"
checked_on = "2026-03-02"
"#;
        let c: EligibilityCheck = toml::from_str(text).unwrap();
        assert_eq!(c.checked_on, day());
        let back: EligibilityCheck = toml::from_str(&toml::to_string(&c).unwrap()).unwrap();
        assert_eq!(back, c);
        assert!(toml::from_str::<EligibilityCheck>(&format!("{text}extra = 1\n")).is_err());
        // A round without records writes none.
        let (r, _) = fixture();
        assert!(!toml::to_string(&r).unwrap().contains("eligibility"));
    }
}
