//! A program's lifecycle rules as data (`ProgramRules`, the program file
//! `assets/programs/<id>.toml`, format `reviewdesk-program/1`, `docs/formats.md`
//! "Program file"): which rounds feed the register, which grades fail, the
//! consecutive-failure limit and what it triggers, causes with their bans, the
//! warning period, report due dates. Every rule names its seed article.
//! `ProgramRules::validate` returns every problem with its field path, like
//! `Template::validate`.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::calendar::Date;
use crate::register::ledger::is_program_id;
use crate::template::Template;
use crate::text::Localized;

/// The program file's format tag.
pub const PROGRAM_FORMAT: &str = "reviewdesk-program/1";

/// One program's rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramRules {
    /// [`PROGRAM_FORMAT`].
    pub format: String,
    /// The program's id (the file's stem).
    pub id: String,
    /// The program's name.
    pub name: Localized,
    /// The seed document the rules come from.
    pub source: String,
    /// The rounds whose archives feed the register.
    #[serde(rename = "round")]
    pub rounds: Vec<RoundSource>,
    /// The yearly grades.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grades: Option<GradeRules>,
    /// What failing grades trigger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<FailureRule>,
    /// Reports the units owe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<ReportRule>,
    /// Warnings and their rectification period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<WarningRule>,
    /// What a verified complaint triggers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complaint: Option<CauseRef>,
    /// Filing and approval of changes (name, ownership, business).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<ChangeRule>,
    /// The yearly catalogue of units in good standing, if the program publishes one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalogue: Option<Article>,
    /// Voluntary exit, if the program provides for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit: Option<Article>,
    /// The causes of removal or revocation.
    #[serde(rename = "cause")]
    pub causes: Vec<CauseRule>,
}

/// What a round's archive records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Records {
    /// A selection round: the selected applicants are admitted.
    Admission,
    /// An assessment round: every graded applicant's grade for the year.
    Grade,
}

/// A template whose rounds feed the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundSource {
    /// The template's id.
    pub template: String,
    /// What its archive records.
    pub records: Records,
    /// The seed article.
    pub article: String,
}

/// The yearly grades.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeRules {
    /// The template whose grade ids these are.
    pub template: String,
    /// Grades that count as failing.
    pub failing: Vec<String>,
    /// Grades that put the unit on the recommended list (重点培育).
    #[serde(default)]
    pub recommended: Vec<String>,
    /// The article of the recommended list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommended_article: Option<String>,
    /// The seed article of the grades.
    pub article: String,
}

/// What happens to a unit removed or revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// 清退/移出.
    Remove,
    /// 撤销 (a title).
    Revoke,
}

/// What failing grades trigger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FailureRule {
    /// Consecutive failing years that trigger `action` (1 to 5).
    pub limit: u32,
    /// Removal or revocation.
    pub action: Action,
    /// The cause id recorded.
    pub cause: String,
    /// The seed article.
    pub article: String,
    /// Whether a failing year short of the limit proposes a reorganisation.
    #[serde(default)]
    pub reorganise: bool,
    /// The reorganisation's article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reorganise_article: Option<String>,
}

/// A report period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Calendar quarters, named `2026Q1`.
    Quarter,
    /// Calendar years, named `2025`.
    Year,
}

/// Reports the units owe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportRule {
    /// The period one report covers.
    pub period: Period,
    /// The month it is due, counted from the period's first month (1 = that month;
    /// 3 = a quarter's last month; 15 = March of the next year).
    pub due_month: u32,
    /// The day of that month (past the month's end: its last day).
    pub due_day: u32,
    /// Whether an overdue report proposes a warning.
    #[serde(default)]
    pub overdue_warns: bool,
    /// The seed article.
    pub article: String,
}

/// Warnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WarningRule {
    /// Months to rectify.
    pub months: u32,
    /// What an unrectified warning proposes.
    pub action: Action,
    /// The cause recorded.
    pub cause: String,
    /// The seed article.
    pub article: String,
}

/// A cause and its article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CauseRef {
    /// The cause id.
    pub cause: String,
    /// The seed article.
    pub article: String,
}

/// Changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeRule {
    /// Months within which a change must be filed (0: no limit stated).
    #[serde(default)]
    pub within_months: u32,
    /// The seed article.
    pub article: String,
}

/// An article alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// The seed article.
    pub article: String,
}

/// A cause of removal or revocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CauseRule {
    /// The id (`false_materials`).
    pub id: String,
    /// What it is.
    pub label: Localized,
    /// Removal or revocation.
    pub action: Action,
    /// The seed article.
    pub article: String,
    /// Years the unit may not apply after it (0: none).
    #[serde(default)]
    pub ban_years: u32,
    /// The ban's article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ban_article: Option<String>,
}

/// A problem with a program file, at a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramProblem {
    /// Where: a dotted path (`cause[2].ban_years`).
    pub path: String,
    /// What.
    pub what: String,
}

impl fmt::Display for ProgramProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.what)
    }
}

impl ProgramRules {
    /// The cause with this id.
    pub fn cause(&self, id: &str) -> Option<&CauseRule> {
        self.causes.iter().find(|c| c.id == id)
    }

    /// Whether a grade fails.
    pub fn is_failing(&self, grade: &str) -> bool {
        self.grades
            .as_ref()
            .is_some_and(|g| g.failing.iter().any(|f| f == grade))
    }

    /// Whether a grade puts the unit on the recommended list.
    pub fn is_recommended(&self, grade: &str) -> bool {
        self.grades
            .as_ref()
            .is_some_and(|g| g.recommended.iter().any(|f| f == grade))
    }

    /// What an archive of this template records for this program, if anything.
    pub fn records(&self, template: &str) -> Option<Records> {
        self.rounds
            .iter()
            .find(|r| r.template == template)
            .map(|r| r.records)
    }

    /// Every problem, with its field path; empty when the file is usable.
    pub fn validate(&self) -> Result<(), Vec<ProgramProblem>> {
        let mut p: Vec<ProgramProblem> = Vec::new();
        let mut bad = |path: String, what: &str| {
            p.push(ProgramProblem {
                path,
                what: what.to_owned(),
            })
        };
        if self.format != PROGRAM_FORMAT {
            bad("format".into(), &format!("must be {PROGRAM_FORMAT}"));
        }
        if !is_program_id(&self.id) {
            bad("id".into(), "letters, digits, '-' and '_' only");
        }
        if self.name.zh.trim().is_empty() || self.name.en.trim().is_empty() {
            bad("name".into(), "needs zh and en");
        }
        if self.source.trim().is_empty() {
            bad("source".into(), "names the seed document");
        }
        let article = |a: &str| !a.trim().is_empty();
        if self.rounds.is_empty() {
            bad("round".into(), "at least one template feeds the register");
        }
        for (i, r) in self.rounds.iter().enumerate() {
            if !is_program_id(&r.template) {
                bad(format!("round[{i}].template"), "not a template id");
            }
            if self.rounds[..i].iter().any(|o| o.template == r.template) {
                bad(format!("round[{i}].template"), "named twice");
            }
            if !article(&r.article) {
                bad(format!("round[{i}].article"), "cites its seed article");
            }
            if r.records == Records::Grade && self.grades.is_none() {
                bad(format!("round[{i}].records"), "grade rounds need [grades]");
            }
        }
        let mut ids: Vec<&str> = Vec::new();
        for (i, c) in self.causes.iter().enumerate() {
            if !is_program_id(&c.id) {
                bad(
                    format!("cause[{i}].id"),
                    "letters, digits, '-' and '_' only",
                );
            }
            if ids.contains(&c.id.as_str()) {
                bad(format!("cause[{i}].id"), "used twice");
            }
            ids.push(&c.id);
            if c.label.zh.trim().is_empty() || c.label.en.trim().is_empty() {
                bad(format!("cause[{i}].label"), "needs zh and en");
            }
            if !article(&c.article) {
                bad(format!("cause[{i}].article"), "cites its seed article");
            }
            if c.ban_years > 10 {
                bad(format!("cause[{i}].ban_years"), "at most 10");
            }
            match (&c.ban_article, c.ban_years) {
                (None, n) if n > 0 => {
                    bad(format!("cause[{i}].ban_article"), "a ban cites its article")
                }
                (Some(_), 0) => bad(format!("cause[{i}].ban_article"), "given without ban_years"),
                (Some(a), _) if !article(a) => bad(format!("cause[{i}].ban_article"), "empty"),
                _ => {}
            }
        }
        if let Some(g) = &self.grades {
            if g.failing.is_empty() {
                bad("grades.failing".into(), "names at least one grade");
            }
            if !article(&g.article) {
                bad("grades.article".into(), "cites its seed article");
            }
            if g.recommended.iter().any(|r| g.failing.contains(r)) {
                bad(
                    "grades.recommended".into(),
                    "a failing grade cannot be recommended",
                );
            }
            match (&g.recommended_article, g.recommended.is_empty()) {
                (None, false) => bad(
                    "grades.recommended_article".into(),
                    "the list cites its article",
                ),
                (Some(_), true) => bad(
                    "grades.recommended_article".into(),
                    "given without recommended grades",
                ),
                _ => {}
            }
        }
        let cause_of = |c: &str, action: Action| -> Option<&'static str> {
            match self.cause(c) {
                None => Some("not a cause of this file"),
                Some(r) if r.action != action => Some("that cause's action differs"),
                Some(_) => None,
            }
        };
        if let Some(f) = &self.failure {
            if self.grades.is_none() {
                bad("failure".into(), "needs [grades]");
            }
            if !(1..=5).contains(&f.limit) {
                bad("failure.limit".into(), "1 to 5");
            }
            if let Some(w) = cause_of(&f.cause, f.action) {
                bad("failure.cause".into(), w);
            }
            if !article(&f.article) {
                bad("failure.article".into(), "cites its seed article");
            }
            match (f.reorganise, &f.reorganise_article) {
                (true, None) => bad(
                    "failure.reorganise_article".into(),
                    "a reorganisation cites its article",
                ),
                (false, Some(_)) => bad(
                    "failure.reorganise_article".into(),
                    "given without reorganise",
                ),
                (true, _) if f.limit < 2 => {
                    bad("failure.reorganise".into(), "needs a limit of 2 or more")
                }
                _ => {}
            }
        }
        if let Some(r) = &self.report {
            let most = match r.period {
                Period::Quarter => 6,
                Period::Year => 24,
            };
            if !(1..=most).contains(&r.due_month) {
                bad("report.due_month".into(), &format!("1 to {most}"));
            }
            if !(1..=31).contains(&r.due_day) {
                bad("report.due_day".into(), "1 to 31");
            }
            if !article(&r.article) {
                bad("report.article".into(), "cites its seed article");
            }
            if r.overdue_warns && self.warning.is_none() {
                bad("report.overdue_warns".into(), "needs [warning]");
            }
        }
        if let Some(w) = &self.warning {
            if !(1..=24).contains(&w.months) {
                bad("warning.months".into(), "1 to 24");
            }
            if let Some(x) = cause_of(&w.cause, w.action) {
                bad("warning.cause".into(), x);
            }
            if !article(&w.article) {
                bad("warning.article".into(), "cites its seed article");
            }
        }
        if let Some(c) = &self.complaint {
            if self.cause(&c.cause).is_none() {
                bad("complaint.cause".into(), "not a cause of this file");
            }
            if !article(&c.article) {
                bad("complaint.article".into(), "cites its seed article");
            }
        }
        for (name, a) in [
            ("change.article", self.change.as_ref().map(|c| &c.article)),
            (
                "catalogue.article",
                self.catalogue.as_ref().map(|c| &c.article),
            ),
            ("exit.article", self.exit.as_ref().map(|c| &c.article)),
        ] {
            if a.is_some_and(|a| !article(a)) {
                bad(name.into(), "cites its seed article");
            }
        }
        if p.is_empty() {
            Ok(())
        } else {
            Err(p)
        }
    }

    /// Problems between the program file and the templates it names: each round's
    /// template exists, and the grade ids are those of `grades.template`.
    pub fn check_templates(&self, templates: &[Template]) -> Vec<ProgramProblem> {
        let mut p = Vec::new();
        let find = |id: &str| templates.iter().find(|t| t.id == id);
        for (i, r) in self.rounds.iter().enumerate() {
            if find(&r.template).is_none() {
                p.push(ProgramProblem {
                    path: format!("round[{i}].template"),
                    what: format!("no template {}", r.template),
                });
            }
        }
        if let Some(g) = &self.grades {
            match find(&g.template) {
                None => p.push(ProgramProblem {
                    path: "grades.template".into(),
                    what: format!("no template {}", g.template),
                }),
                Some(t) => {
                    for (field, list) in [("failing", &g.failing), ("recommended", &g.recommended)]
                    {
                        for (i, grade) in list.iter().enumerate() {
                            if !t.grades.iter().any(|b| &b.id == grade) {
                                p.push(ProgramProblem {
                                    path: format!("grades.{field}[{i}]"),
                                    what: format!("template {} has no grade {grade}", t.id),
                                });
                            }
                        }
                    }
                }
            }
        }
        p
    }

    /// The grade id a user typed: an id, or a grade's Chinese or English label,
    /// of the grades template.
    pub fn grade_id(&self, templates: &[Template], typed: &str) -> Option<String> {
        let g = self.grades.as_ref()?;
        let t = templates.iter().find(|t| t.id == g.template)?;
        t.grades
            .iter()
            .find(|b| b.id == typed || b.label.zh == typed || b.label.en == typed)
            .map(|b| b.id.clone())
    }
}

/// The date `months` months after `d`, clamped to the month's last day.
pub fn months_later(d: Date, months: u32) -> Date {
    let total = d.year() as i64 * 12 + d.month() as i64 - 1 + months as i64;
    let (y, m) = (total.div_euclid(12) as i32, total.rem_euclid(12) as u32 + 1);
    day_clamped(y, m, d.day())
}

/// Day `day` of a month, or its last day when the month is shorter.
pub fn day_clamped(year: i32, month: u32, day: u32) -> Date {
    (1..=day)
        .rev()
        .find_map(|d| Date::new(year, month, d))
        .expect("every month has a first day")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_later_clamps_to_the_months_end() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(months_later(d("2026-04-10"), 6), d("2026-10-10"));
        assert_eq!(months_later(d("2026-08-31"), 6), d("2027-02-28"));
        assert_eq!(months_later(d("2024-03-15"), 24), d("2026-03-15"));
        assert_eq!(day_clamped(2026, 6, 31), d("2026-06-30"));
    }
}
