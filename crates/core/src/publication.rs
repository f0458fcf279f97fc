//! Publication (公示 → 异议 → 更正 → 正式公布): rule 17 of `docs/rules.md`, as pure
//! functions. The notice period from the official calendar, the notice list from a
//! result, each objection's admission and reply date, the amendments rerun through
//! the rules engine, and the organizer's hash-chained register (its lines made and
//! checked here; the shell writes them). Files: `docs/formats.md` ("Publication").

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::calendar::{CalendarError, Date, WorkdayCalendar};
use crate::eligibility::FailedItem;
use crate::round::Round;
use crate::rules::{compute, ComputeError, ComputeInput, ComputeResult};
use crate::template::{NoticeOrder, PeriodUnit, Template};
use crate::text::Localized;

/// The longest free text of a register entry, in characters.
pub const MAX_TEXT: usize = 4000;

/// A notice period: first and last day, inclusive (rule 17.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticePeriod {
    /// The first day (the organizer's choice).
    pub start: Date,
    /// The last day.
    pub end: Date,
    /// The length.
    pub days: u32,
    /// Working or calendar days.
    pub unit: PeriodUnit,
}

/// The period of a notice starting on `start` (rule 17.1): `days` working days
/// counting `start` when it is a working day (else from the next working day), or
/// `days` calendar days from `start`.
pub fn notice_period(
    cal: &WorkdayCalendar,
    start: Date,
    days: u32,
    unit: PeriodUnit,
) -> Result<NoticePeriod, CalendarError> {
    let days = days.max(1);
    let end = match unit {
        PeriodUnit::WorkingDays => {
            if cal.is_working_day(start)? {
                cal.add_working_days(start, days - 1)?
            } else {
                cal.add_working_days(start, days)?
            }
        }
        PeriodUnit::CalendarDays => Date::from_days(start.to_days() + i64::from(days) - 1),
    };
    Ok(NoticePeriod {
        start,
        end,
        days,
        unit,
    })
}

/// One row of the notice list (rule 17.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeRow {
    /// 序号, from 1.
    pub seq: u32,
    /// Applicant id.
    pub applicant: String,
    /// 单位名称, as registered.
    pub name: String,
    /// 统一社会信用代码.
    pub credit_code: String,
    /// 所属地市.
    pub region: Localized,
    /// 类别: the category id the applicant is ranked in.
    pub category: String,
    /// 结果: the grade band id; absent when the template has no grades.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
}

/// The notice list of a result (rule 17.2): the selected applicants, by category
/// and rank, or by region (first appearance in the round) and round order.
pub fn notice_rows(round: &Round, result: &ComputeResult, order: NoticeOrder) -> Vec<NoticeRow> {
    let by_id: HashMap<&str, (usize, &crate::round::Applicant)> = round
        .applicants
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), (i, a)))
        .collect();
    let mut picked: Vec<(usize, &crate::rules::ApplicantResult)> = result
        .applicants
        .iter()
        .enumerate()
        .filter(|(_, r)| r.selected && by_id.contains_key(r.id.as_str()))
        .collect();
    if order == NoticeOrder::Region {
        let mut region_rank: HashMap<&str, usize> = HashMap::new();
        for a in &round.applicants {
            let n = region_rank.len();
            region_rank.entry(a.region.zh.as_str()).or_insert(n);
        }
        picked.sort_by_key(|(_, r)| {
            let (i, a) = by_id[r.id.as_str()];
            (region_rank[a.region.zh.as_str()], i)
        });
    }
    picked
        .into_iter()
        .enumerate()
        .map(|(n, (_, r))| {
            let (_, a) = by_id[r.id.as_str()];
            NoticeRow {
                seq: n as u32 + 1,
                applicant: a.id.clone(),
                name: a.name.clone(),
                credit_code: a.credit_code.to_string(),
                region: a.region.clone(),
                category: r.category.clone(),
                grade: r.grade.clone(),
            }
        })
        .collect()
}

/// Who raised an objection (异议人). Empty strings are missing values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Objector {
    /// Name of the person (联系人, real name).
    pub name: String,
    /// Organisation (单位名称).
    pub organisation: String,
    /// Its credit code, or the person's ID number.
    pub id_code: String,
    /// Contact (联系方式).
    pub contact: String,
}

/// Why an objection is refused on registration (rule 17.3), in checking order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// No objector name (匿名).
    Anonymous,
    /// No contact (无联系方式).
    NoContact,
    /// No grounds (无异议理由).
    NoGrounds,
    /// No evidence file (无佐证材料).
    NoEvidence,
    /// Received after the notice's end (逾期).
    Late,
    /// Received before the notice's start.
    Early,
}

impl Refusal {
    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Anonymous => "anonymous",
            Self::NoContact => "no_contact",
            Self::NoGrounds => "no_grounds",
            Self::NoEvidence => "no_evidence",
            Self::Late => "late",
            Self::Early => "early",
        }
    }
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// Every reason to refuse an objection (rule 17.3), in order; empty: admitted.
pub fn objection_refusals(
    objector: &Objector,
    grounds: &str,
    evidence_files: usize,
    received: Date,
    period: &NoticePeriod,
) -> Vec<Refusal> {
    let mut out = Vec::new();
    if blank(&objector.name) {
        out.push(Refusal::Anonymous);
    }
    if blank(&objector.contact) {
        out.push(Refusal::NoContact);
    }
    if blank(grounds) {
        out.push(Refusal::NoGrounds);
    }
    if evidence_files == 0 {
        out.push(Refusal::NoEvidence);
    }
    if received > period.end {
        out.push(Refusal::Late);
    } else if received < period.start {
        out.push(Refusal::Early);
    }
    out
}

/// When the reply to an objection received on `received` is due (rule 17.3).
pub fn reply_due(
    cal: &WorkdayCalendar,
    received: Date,
    reply_days: u32,
) -> Result<Date, CalendarError> {
    cal.add_working_days(received, reply_days)
}

/// Whether an admitted objection without a ruling is overdue on `today`.
pub fn is_overdue(reply_due: Date, ruled: bool, today: Date) -> bool {
    !ruled && today > reply_due
}

/// Why an amendment may be made (rule 17.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// 计算错误.
    CalculationError,
    /// 分值超出指标范围.
    ScoreOutOfRange,
    /// 客观评分项评分不一致.
    ObjectiveItemInconsistent,
    /// 经专家组认定的畸高畸低评分.
    AbnormalScore,
    /// 异议成立.
    UpheldObjection,
}

/// One change an amendment makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    /// An expert's score on an indicator corrected.
    Score {
        /// Expert id.
        expert: String,
        /// Applicant id.
        applicant: String,
        /// Indicator id.
        indicator: String,
        /// The corrected value.
        value: Decimal,
    },
    /// The applicant is struck off (e.g. false materials).
    Strike {
        /// Applicant id.
        applicant: String,
    },
}

/// An applicant's standing, before or after an amendment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    /// Selected (入选).
    pub selected: bool,
    /// Grade band id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// Rank in its category.
    pub rank: Option<u32>,
}

/// An applicant whose standing an amendment changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffRow {
    /// Applicant id.
    pub applicant: String,
    /// Before the amendment.
    pub before: Standing,
    /// After it.
    pub after: Standing,
}

/// Why an amendment cannot be applied.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AmendError {
    /// A change names an applicant not in the input.
    #[error("amendment {number}: unknown applicant '{applicant}'")]
    UnknownApplicant {
        /// The amendment's number.
        number: u32,
        /// The id.
        applicant: String,
    },
    /// A score change names no score entry of the input.
    #[error("amendment {number}: no score by {expert} for {applicant} on {indicator} to correct")]
    NoSuchScore {
        /// The amendment's number.
        number: u32,
        /// Expert id.
        expert: String,
        /// Applicant id.
        applicant: String,
        /// Indicator id.
        indicator: String,
    },
    /// The rerun is refused by the rules engine.
    #[error("amendment {number}: {source}")]
    Compute {
        /// The amendment's number.
        number: u32,
        /// The engine's problems.
        source: ComputeError,
    },
}

/// An amendment as the rerun sees it: its number, reason and changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmendmentChanges<'a> {
    /// From 1.
    pub number: u32,
    /// The reason given.
    pub reason: &'a str,
    /// The changes.
    pub changes: &'a [Change],
}

/// The input with every score correction of `amendments` applied in order (rule
/// 17.5); strikes do not change the input (so the site-visit draw stays as drawn),
/// but each must name an applicant of it.
pub fn amended_input(
    input: &ComputeInput,
    amendments: &[AmendmentChanges<'_>],
) -> Result<ComputeInput, AmendError> {
    let mut out = input.clone();
    let known: HashSet<&str> = input.applicants.iter().map(|a| a.id.as_str()).collect();
    for a in amendments {
        for c in a.changes {
            match c {
                Change::Score {
                    expert,
                    applicant,
                    indicator,
                    value,
                } => {
                    let hit = out.scores.iter_mut().find(|s| {
                        &s.expert == expert
                            && &s.applicant == applicant
                            && &s.indicator == indicator
                    });
                    match hit {
                        Some(s) => s.value = *value,
                        None => {
                            return Err(AmendError::NoSuchScore {
                                number: a.number,
                                expert: expert.clone(),
                                applicant: applicant.clone(),
                                indicator: indicator.clone(),
                            })
                        }
                    }
                }
                Change::Strike { applicant } => {
                    if !known.contains(applicant.as_str()) {
                        return Err(AmendError::UnknownApplicant {
                            number: a.number,
                            applicant: applicant.clone(),
                        });
                    }
                }
            }
        }
    }
    Ok(out)
}

/// The result after `amendments` (rule 17.5): the rules engine rerun on the input
/// with every corrected score (the result as it should have been; the base result
/// when no score changed), then each struck-off applicant taken out — `ineligible`
/// with the amendment as its failed item, unselected and unranked, the ranks
/// after it closed up — and, with `substitution` (递补), rule 12's quotas applied
/// again over the remaining ranking so the next applicant moves up; without it the
/// place stays empty.
pub fn amended_result(
    template: &Template,
    input: &ComputeInput,
    base: &ComputeResult,
    amendments: &[AmendmentChanges<'_>],
    substitution: bool,
) -> Result<ComputeResult, AmendError> {
    if amendments.is_empty() {
        return Ok(base.clone());
    }
    let number = amendments.last().map_or(0, |a| a.number);
    let corrected = amended_input(input, amendments)?;
    let any_score = amendments
        .iter()
        .any(|a| a.changes.iter().any(|c| matches!(c, Change::Score { .. })));
    let mut result = if any_score {
        compute(template, &corrected).map_err(|source| AmendError::Compute { number, source })?
    } else {
        base.clone()
    };
    let mut struck = false;
    for a in amendments {
        for c in a.changes {
            if let Change::Strike { applicant } = c {
                if let Some(r) = result.applicants.iter_mut().find(|r| &r.id == applicant) {
                    r.status = crate::rules::ApplicantStatus::Ineligible;
                    r.selected = false;
                    r.pass = false;
                    r.rank = None;
                    r.failed_items.push(FailedItem {
                        item: format!("amendment-{}", a.number),
                        note: a.reason.to_owned(),
                    });
                    struck = true;
                }
            }
        }
    }
    if struck {
        rerank(template, input, &mut result, substitution);
    }
    Ok(result)
}

/// Closes up the ranks after struck-off applicants (listed last in their
/// category, by id, as the engine lists the ineligible) and, with `substitution`,
/// applies rule 12's quotas again in rank order.
fn rerank(
    template: &Template,
    input: &ComputeInput,
    result: &mut ComputeResult,
    substitution: bool,
) {
    use crate::rules::ApplicantStatus as S;
    use crate::template::GroupField;
    let groups_of: HashMap<&str, (Option<&str>, Option<&str>)> = input
        .applicants
        .iter()
        .map(|a| (a.id.as_str(), (a.region.as_deref(), a.industry.as_deref())))
        .collect();
    let all = std::mem::take(&mut result.applicants);
    let mut out = Vec::with_capacity(all.len());
    let mut categories: Vec<&str> = template.categories.iter().map(|c| c.id.as_str()).collect();
    for a in &all {
        if !categories.contains(&a.category.as_str()) {
            categories.push(a.category.as_str());
        }
    }
    for cat in categories {
        let mut ranked: Vec<crate::rules::ApplicantResult> = Vec::new();
        let mut unranked: Vec<crate::rules::ApplicantResult> = Vec::new();
        for a in all.iter().filter(|a| a.category == cat) {
            if a.rank.is_some() {
                ranked.push(a.clone());
            } else {
                unranked.push(a.clone());
            }
        }
        unranked.sort_by(|x, y| x.id.as_bytes().cmp(y.id.as_bytes()));
        let quotas: Vec<&crate::template::Quota> = template
            .quotas
            .iter()
            .filter(|q| q.category.as_deref().is_none_or(|c| c == cat))
            .collect();
        let mut filled: HashMap<(usize, Vec<Option<&str>>), u32> = HashMap::new();
        for (i, a) in ranked.iter_mut().enumerate() {
            a.rank = Some(i as u32 + 1);
            if !substitution {
                continue;
            }
            if a.status == S::QuotaExceeded {
                a.status = S::Graded;
            }
            a.selected = false;
            if !a.pass {
                continue;
            }
            let (region, industry) = groups_of.get(a.id.as_str()).copied().unwrap_or_default();
            let keys: Vec<(usize, Vec<Option<&str>>)> = quotas
                .iter()
                .enumerate()
                .map(|(qi, q)| {
                    let key = q
                        .group_by
                        .iter()
                        .map(|f| match f {
                            GroupField::Region => region,
                            GroupField::Industry => industry,
                        })
                        .collect();
                    (qi, key)
                })
                .collect();
            let room = keys
                .iter()
                .zip(&quotas)
                .all(|(k, q)| filled.get(k).copied().unwrap_or(0) < q.k);
            if room {
                for k in keys {
                    *filled.entry(k).or_insert(0) += 1;
                }
                a.selected = true;
            } else {
                a.status = S::QuotaExceeded;
            }
        }
        out.extend(ranked);
        out.extend(unranked);
    }
    result.applicants = out;
}

/// The applicants whose selection, grade or rank differ between two results.
pub fn result_diff(before: &ComputeResult, after: &ComputeResult) -> Vec<DiffRow> {
    let standing = |r: &crate::rules::ApplicantResult| Standing {
        selected: r.selected,
        grade: r.grade.clone(),
        rank: r.rank,
    };
    let after_by: HashMap<&str, &crate::rules::ApplicantResult> = after
        .applicants
        .iter()
        .map(|a| (a.id.as_str(), a))
        .collect();
    before
        .applicants
        .iter()
        .filter_map(|b| {
            let a = after_by.get(b.id.as_str())?;
            let (sb, sa) = (standing(b), standing(a));
            (sb != sa).then(|| DiffRow {
                applicant: b.id.clone(),
                before: sb,
                after: sa,
            })
        })
        .collect()
}

/// Whether two notice lists differ in a way that needs a new notice: a row added
/// or removed, or its result changed (rule 17.5). The order and numbering alone
/// are not material.
pub fn is_material(before: &[NoticeRow], after: &[NoticeRow]) -> bool {
    let key = |rows: &[NoticeRow]| -> HashMap<String, Option<String>> {
        rows.iter()
            .map(|r| (r.applicant.clone(), r.grade.clone()))
            .collect()
    };
    key(before) != key(after)
}

/// The register's first `prev`: SHA-256 of `reviewdesk-publication-log@v1` + LF.
pub fn log_genesis() -> String {
    hex(&Sha256::digest(b"reviewdesk-publication-log@v1\n"))
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of one register line with its LF: the next line's `prev`.
pub fn line_hash(line_with_lf: &[u8]) -> String {
    hex(&Sha256::digest(line_with_lf))
}

/// A file named in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedFile {
    /// The file name.
    pub name: String,
    /// Its SHA-256.
    pub sha256: String,
}

/// A ruling's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// 异议成立.
    Upheld,
    /// 异议不成立.
    Rejected,
}

/// One step of the register (`event` of a line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Event {
    /// The bundle the publication is about (always line 1).
    Bundle {
        /// SHA-256 of the bundle file.
        sha256: String,
        /// The round id.
        round: String,
    },
    /// A notice published.
    Notice {
        /// From 1.
        number: u32,
        /// SHA-256 of `notice.json`.
        sha256: String,
        /// First day.
        start: Date,
        /// Last day.
        end: Date,
        /// The PDF and CSV.
        files: Vec<NamedFile>,
    },
    /// An objection registered.
    Objection {
        /// `O1`, `O2`, …
        id: String,
        /// Who.
        objector: Objector,
        /// The contested applicant.
        applicant: String,
        /// 异议理由.
        grounds: String,
        /// The evidence files (name as given, stored file's hash).
        evidence: Vec<NamedFile>,
        /// Day received.
        received: Date,
        /// Admitted (受理).
        admitted: bool,
        /// Why refused (not admitted only).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        refused: Vec<Refusal>,
        /// When the reply is due (admitted only).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reply_due: Option<Date>,
    },
    /// An investigation note.
    Note {
        /// The objection's id.
        objection: String,
        /// The note.
        text: String,
    },
    /// A ruling on an admitted objection.
    Ruling {
        /// The objection's id.
        objection: String,
        /// Upheld or rejected.
        outcome: Outcome,
        /// The reasons.
        reasons: String,
    },
    /// An amendment.
    Amendment {
        /// From 1.
        number: u32,
        /// SHA-256 of its record.
        sha256: String,
        /// Whether the list changed (a new notice is needed).
        material: bool,
    },
    /// The final list.
    Final {
        /// SHA-256 of `final.json`.
        sha256: String,
        /// The PDF and CSV.
        files: Vec<NamedFile>,
    },
}

/// One line of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogLine {
    /// From 1.
    pub seq: u32,
    /// SHA-256 of the previous line, or [`log_genesis`].
    pub prev: String,
    /// The day of the step.
    pub on: Date,
    /// The organizer's fingerprint.
    pub by: String,
    /// The step.
    pub event: Event,
}

impl LogLine {
    /// The line's canonical text with its LF.
    pub fn to_line(&self) -> String {
        let mut s = serde_json::to_string(self).expect("register lines serialize");
        s.push('\n');
        s
    }
}

/// Why a register does not read (`log_broken`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("register line {line}: {what}")]
pub struct LogError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub what: String,
}

/// Reads a register, checking every line (parse, canonical form, `seq`, `prev`,
/// `by`); returns the lines and the hash the next line's `prev` must be.
pub fn read_log(text: &[u8]) -> Result<(Vec<LogLine>, String), LogError> {
    let mut prev = log_genesis();
    let mut out: Vec<LogLine> = Vec::new();
    if text.is_empty() {
        return Ok((out, prev));
    }
    if !text.ends_with(b"\n") {
        return Err(LogError {
            line: text.split(|&b| b == b'\n').count(),
            what: "the last line does not end in LF".into(),
        });
    }
    for (i, raw) in text[..text.len() - 1].split(|&b| b == b'\n').enumerate() {
        let n = i + 1;
        let err = |what: String| LogError { line: n, what };
        let line: LogLine =
            serde_json::from_slice(raw).map_err(|e| err(format!("not a register entry: {e}")))?;
        let mut again = line.to_line().into_bytes();
        again.pop();
        if again != raw {
            return Err(err("not in canonical form".into()));
        }
        if line.seq as usize != n {
            return Err(err(format!("seq {} where {n} was expected", line.seq)));
        }
        if line.prev != prev {
            return Err(err(
                "prev is not the SHA-256 of the line before (a line was edited, removed or moved)"
                    .into(),
            ));
        }
        if let Some(first) = out.first() {
            if first.by != line.by {
                return Err(err(format!("by {} differs from line 1's", line.by)));
            }
        }
        let mut with_lf = raw.to_vec();
        with_lf.push(b'\n');
        prev = line_hash(&with_lf);
        out.push(line);
    }
    Ok((out, prev))
}

/// An objection as the register holds it now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectionState {
    /// `O1`, …
    pub id: String,
    /// Who.
    pub objector: Objector,
    /// Contested applicant.
    pub applicant: String,
    /// Grounds.
    pub grounds: String,
    /// Evidence.
    pub evidence: Vec<NamedFile>,
    /// Received.
    pub received: Date,
    /// Admitted.
    pub admitted: bool,
    /// Refusal reasons.
    pub refused: Vec<Refusal>,
    /// Reply due.
    pub reply_due: Option<Date>,
    /// Notes, in order, with their day.
    pub notes: Vec<(Date, String)>,
    /// The ruling, with its day.
    pub ruling: Option<(Date, Outcome, String)>,
}

impl ObjectionState {
    /// Whether it is overdue on `today` (admitted, unruled, past its reply date).
    pub fn overdue(&self, today: Date) -> bool {
        self.admitted
            && self
                .reply_due
                .is_some_and(|d| is_overdue(d, self.ruling.is_some(), today))
    }
}

/// The register folded into its current state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Register {
    /// The bundle's SHA-256 and round id (line 1).
    pub bundle: Option<(String, String)>,
    /// The notices: number, record hash, period start and end, files.
    pub notices: Vec<(u32, String, Date, Date, Vec<NamedFile>)>,
    /// The objections in order.
    pub objections: Vec<ObjectionState>,
    /// The amendments: number, record hash, material, and the number of notices
    /// published before it.
    pub amendments: Vec<(u32, String, bool, usize)>,
    /// The final list's record hash and files.
    pub final_list: Option<(String, Vec<NamedFile>)>,
}

impl Register {
    /// Folds the lines (already checked by [`read_log`]).
    pub fn of(lines: &[LogLine]) -> Register {
        let mut r = Register::default();
        for l in lines {
            match &l.event {
                Event::Bundle { sha256, round } => r.bundle = Some((sha256.clone(), round.clone())),
                Event::Notice {
                    number,
                    sha256,
                    start,
                    end,
                    files,
                } => r
                    .notices
                    .push((*number, sha256.clone(), *start, *end, files.clone())),
                Event::Objection {
                    id,
                    objector,
                    applicant,
                    grounds,
                    evidence,
                    received,
                    admitted,
                    refused,
                    reply_due,
                } => r.objections.push(ObjectionState {
                    id: id.clone(),
                    objector: objector.clone(),
                    applicant: applicant.clone(),
                    grounds: grounds.clone(),
                    evidence: evidence.clone(),
                    received: *received,
                    admitted: *admitted,
                    refused: refused.clone(),
                    reply_due: *reply_due,
                    notes: Vec::new(),
                    ruling: None,
                }),
                Event::Note { objection, text } => {
                    if let Some(o) = r.objections.iter_mut().find(|o| &o.id == objection) {
                        o.notes.push((l.on, text.clone()));
                    }
                }
                Event::Ruling {
                    objection,
                    outcome,
                    reasons,
                } => {
                    if let Some(o) = r.objections.iter_mut().find(|o| &o.id == objection) {
                        o.ruling = Some((l.on, *outcome, reasons.clone()));
                    }
                }
                Event::Amendment {
                    number,
                    sha256,
                    material,
                } => {
                    let n = r.notices.len();
                    r.amendments.push((*number, sha256.clone(), *material, n));
                }
                Event::Final { sha256, files } => {
                    r.final_list = Some((sha256.clone(), files.clone()))
                }
            }
        }
        r
    }

    /// The objection `id`.
    pub fn objection(&self, id: &str) -> Option<&ObjectionState> {
        self.objections.iter().find(|o| o.id == id)
    }

    /// The last notice's period.
    pub fn last_period(&self) -> Option<(u32, Date, Date)> {
        self.notices.last().map(|n| (n.0, n.2, n.3))
    }

    /// Whether an amendment after the last notice changed the list.
    pub fn needs_new_notice(&self) -> bool {
        let n = self.notices.len();
        self.amendments.iter().any(|a| a.2 && a.3 >= n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn end(start: &str, days: u32, unit: PeriodUnit) -> Date {
        notice_period(&WorkdayCalendar::official(), d(start), days, unit)
            .unwrap()
            .end
    }

    #[test]
    fn a_notice_counts_its_first_day_when_it_is_a_working_day() {
        // Monday 2025-09-29: 09-29, 09-30, then National Day (10-01…08 off),
        // 10-09, 10-10 and the make-up Saturday 10-11.
        assert_eq!(
            end("2025-09-29", 5, PeriodUnit::WorkingDays),
            d("2025-10-11")
        );
        // A plain week: Monday to Friday.
        assert_eq!(
            end("2026-03-02", 5, PeriodUnit::WorkingDays),
            d("2026-03-06")
        );
        // One day: the start itself.
        assert_eq!(
            end("2026-03-02", 1, PeriodUnit::WorkingDays),
            d("2026-03-02")
        );
    }

    #[test]
    fn a_notice_starting_on_a_day_off_runs_from_the_next_working_day() {
        // Saturday 2025-09-27 is off; Sunday 09-28 is a make-up working day.
        assert_eq!(
            end("2025-09-27", 5, PeriodUnit::WorkingDays),
            d("2025-10-10")
        );
        // Inside the National Day week 2025.
        assert_eq!(
            end("2025-10-03", 5, PeriodUnit::WorkingDays),
            d("2025-10-14")
        );
    }

    #[test]
    fn the_spring_festival_week_and_its_make_up_days_are_counted() {
        // Wednesday 2026-02-11: 02-11, 02-12, 02-13, Saturday 02-14 (make-up),
        // then 02-15…02-23 off, Tuesday 02-24.
        assert_eq!(
            end("2026-02-11", 5, PeriodUnit::WorkingDays),
            d("2026-02-24")
        );
        // Inside the holiday: 02-24 … 02-27 and Saturday 02-28 (make-up).
        assert_eq!(
            end("2026-02-16", 5, PeriodUnit::WorkingDays),
            d("2026-02-28")
        );
        // 2025: Sunday 01-26 is worked, 01-28…02-04 off, Saturday 02-08 worked.
        assert_eq!(
            end("2025-01-24", 5, PeriodUnit::WorkingDays),
            d("2025-02-06")
        );
    }

    #[test]
    fn calendar_days_count_every_day_from_the_start() {
        assert_eq!(
            end("2025-09-29", 7, PeriodUnit::CalendarDays),
            d("2025-10-05")
        );
        assert_eq!(
            end("2026-12-28", 7, PeriodUnit::CalendarDays),
            d("2027-01-03")
        );
    }

    #[test]
    fn a_period_into_an_uncovered_year_is_refused() {
        let e = notice_period(
            &WorkdayCalendar::official(),
            d("2026-12-28"),
            10,
            PeriodUnit::WorkingDays,
        )
        .unwrap_err();
        assert!(
            matches!(e, CalendarError::YearNotCovered { year: 2027, .. }),
            "{e}"
        );
    }

    fn period() -> NoticePeriod {
        notice_period(
            &WorkdayCalendar::official(),
            d("2026-03-02"),
            5,
            PeriodUnit::WorkingDays,
        )
        .unwrap()
    }

    fn objector() -> Objector {
        Objector {
            name: "李四".into(),
            organisation: "某某科技有限公司".into(),
            id_code: "91440101MA59XXXX0X".into(),
            contact: "020-12345678".into(),
        }
    }

    fn refusals(o: &Objector, grounds: &str, files: usize, received: &str) -> Vec<Refusal> {
        objection_refusals(o, grounds, files, d(received), &period())
    }

    #[test]
    fn a_complete_objection_in_the_period_is_admitted() {
        assert!(refusals(&objector(), "案例数据不实", 1, "2026-03-06").is_empty());
        assert!(refusals(&objector(), "案例数据不实", 2, "2026-03-02").is_empty());
    }

    #[test]
    fn an_anonymous_objection_is_refused() {
        let o = Objector {
            name: "  ".into(),
            ..objector()
        };
        assert_eq!(refusals(&o, "x", 1, "2026-03-03"), [Refusal::Anonymous]);
    }

    #[test]
    fn an_objection_without_contact_is_refused() {
        let o = Objector {
            contact: String::new(),
            ..objector()
        };
        assert_eq!(refusals(&o, "x", 1, "2026-03-03"), [Refusal::NoContact]);
    }

    #[test]
    fn an_objection_without_evidence_or_grounds_is_refused() {
        assert_eq!(
            refusals(&objector(), "x", 0, "2026-03-03"),
            [Refusal::NoEvidence]
        );
        assert_eq!(
            refusals(&objector(), "", 1, "2026-03-03"),
            [Refusal::NoGrounds]
        );
    }

    #[test]
    fn a_late_or_early_objection_is_refused() {
        assert_eq!(refusals(&objector(), "x", 1, "2026-03-07"), [Refusal::Late]);
        assert_eq!(
            refusals(&objector(), "x", 1, "2026-03-01"),
            [Refusal::Early]
        );
    }

    #[test]
    fn every_reason_is_given_in_order() {
        assert_eq!(
            refusals(&Objector::default(), " ", 0, "2026-04-01"),
            [
                Refusal::Anonymous,
                Refusal::NoContact,
                Refusal::NoGrounds,
                Refusal::NoEvidence,
                Refusal::Late
            ]
        );
    }

    #[test]
    fn a_reply_is_due_in_working_days_and_overdue_after() {
        let cal = WorkdayCalendar::official();
        // Thursday 2026-09-24 + 10 working days: Mid-Autumn 09-25 off, 09-28,
        // 09-29, 09-30, National Day 10-01…07 off, 10-08, 10-09, Saturday 10-10
        // (make-up), 10-12, 10-13, 10-14, 10-15.
        let due = reply_due(&cal, d("2026-09-24"), 10).unwrap();
        assert_eq!(due, d("2026-10-15"));
        assert!(!is_overdue(due, false, d("2026-10-15")));
        assert!(is_overdue(due, false, d("2026-10-16")));
        assert!(!is_overdue(due, true, d("2026-10-16")));
    }

    /// One score stage (one indicator of 10), pass from 60, one selected per region.
    fn quota_template() -> Template {
        toml::from_str(
            r#"
format = "reviewdesk-template/1"
id = "q"
version = 1
program = { zh = "测试", en = "Test" }
quorum = 3
[[category]]
id = "c"
name = { zh = "甲类", en = "C" }
[[stage]]
id = "s"
name = { zh = "评审", en = "Review" }
kind = "score"
max = "10"
weight = "100"
[[indicator]]
id = "i1"
stage = "s"
name = { zh = "指标", en = "Indicator" }
max = "10"
[[grade]]
id = "pass"
label = { zh = "合格", en = "Pass" }
min = "60"
[[grade]]
id = "fail"
label = { zh = "不合格", en = "Fail" }
min = "0"
[[quota]]
category = "c"
group_by = ["region"]
k = 1
"#,
        )
        .unwrap()
    }

    /// A1 scored 9 and A2 8 by three experts, both in region R.
    fn quota_input() -> ComputeInput {
        let scores: Vec<serde_json::Value> = ["E1", "E2", "E3"]
            .iter()
            .flat_map(|e| {
                [("A1", "9"), ("A2", "8")].map(|(a, v)| {
                    serde_json::json!({"expert": e, "applicant": a, "stage": "s", "indicator": "i1", "value": v})
                })
            })
            .collect();
        serde_json::from_value(serde_json::json!({
            "applicants": [
                {"id": "A1", "category": "c", "region": "R"},
                {"id": "A2", "category": "c", "region": "R"}
            ],
            "experts": ["E1", "E2", "E3"],
            "scores": scores
        }))
        .unwrap()
    }

    fn selected(r: &ComputeResult) -> Vec<&str> {
        r.applicants
            .iter()
            .filter(|a| a.selected)
            .map(|a| a.id.as_str())
            .collect()
    }

    #[test]
    fn a_struck_applicant_is_replaced_only_when_the_program_allows_substitution() {
        let (t, input) = (quota_template(), quota_input());
        let base = compute(&t, &input).unwrap();
        assert_eq!(selected(&base), ["A1"]);
        let strike = [Change::Strike {
            applicant: "A1".into(),
        }];
        let a = [AmendmentChanges {
            number: 1,
            reason: "提供虚假材料",
            changes: &strike,
        }];
        let with = amended_result(&t, &input, &base, &a, true).unwrap();
        assert_eq!(selected(&with), ["A2"]);
        let without = amended_result(&t, &input, &base, &a, false).unwrap();
        assert!(selected(&without).is_empty());
        let struck = without.applicants.iter().find(|x| x.id == "A1").unwrap();
        assert_eq!(struck.rank, None);
        assert_eq!(struck.failed_items[0].item, "amendment-1");
        // A1 loses its place and rank; A2's rank moves up (1), not its selection.
        let diff = result_diff(&base, &without);
        assert_eq!(diff.len(), 2, "{diff:?}");
        assert!(diff
            .iter()
            .any(|d| d.applicant == "A2" && d.after.rank == Some(1) && !d.after.selected));
    }

    #[test]
    fn a_corrected_score_takes_full_effect_and_must_name_an_existing_score() {
        let (t, input) = (quota_template(), quota_input());
        let base = compute(&t, &input).unwrap();
        let fix: Vec<Change> = ["E1", "E2", "E3"]
            .iter()
            .map(|e| Change::Score {
                expert: (*e).into(),
                applicant: "A2".into(),
                indicator: "i1".into(),
                value: Decimal::from(10),
            })
            .collect();
        let a = [AmendmentChanges {
            number: 1,
            reason: "计算错误",
            changes: &fix,
        }];
        let r = amended_result(&t, &input, &base, &a, false).unwrap();
        assert_eq!(selected(&r), ["A2"]);
        let missing = [Change::Score {
            expert: "E9".into(),
            applicant: "A2".into(),
            indicator: "i1".into(),
            value: Decimal::ONE,
        }];
        let bad = [AmendmentChanges {
            number: 2,
            reason: "x",
            changes: &missing,
        }];
        assert!(matches!(
            amended_input(&input, &bad),
            Err(AmendError::NoSuchScore { number: 2, .. })
        ));
    }

    fn line(seq: u32, prev: String, event: Event) -> LogLine {
        LogLine {
            seq,
            prev,
            on: d("2026-03-02"),
            by: "SHA256:x".into(),
            event,
        }
    }

    #[test]
    fn the_register_chain_finds_an_edited_line() {
        let l1 = line(
            1,
            log_genesis(),
            Event::Bundle {
                sha256: "a".repeat(64),
                round: "r".into(),
            },
        )
        .to_line();
        let l2 = line(
            2,
            line_hash(l1.as_bytes()),
            Event::Note {
                objection: "O1".into(),
                text: "调查".into(),
            },
        )
        .to_line();
        let text = format!("{l1}{l2}");
        let (lines, _) = read_log(text.as_bytes()).unwrap();
        assert_eq!(lines.len(), 2);
        let edited = text.replacen("\"r\"", "\"s\"", 1);
        assert_eq!(read_log(edited.as_bytes()).unwrap_err().line, 2);
        let swapped = format!("{l2}{l1}");
        assert_eq!(read_log(swapped.as_bytes()).unwrap_err().line, 1);
        let spaced = text.replacen("{\"seq\":1,", "{\"seq\": 1,", 1);
        assert_eq!(read_log(spaced.as_bytes()).unwrap_err().line, 1);
    }
}
