//! The organizer's decisions (`reviewdesk-decisions/1`): what the organizer
//! decided about who reviews whom — each applicant's eligibility result, the
//! conflicts of interest found and those dismissed with their reasons, every
//! recusal request with its ruling, and the assignment's seed, day and pairs — as
//! of the day a package is sealed. Every package carries it as its `decisions`
//! entry (signed through the index); the chair's result bundle carries the same
//! bytes, so anyone who verifies the result sees which decisions it rests on.
//!
//! [`organizer_decisions`] builds the value from a round, its template and the
//! sealing day (no IO, no clock); [`Decisions::to_text`] writes it in its one
//! canonical form and [`Decisions::parse`] reads it strictly. The format is in
//! `docs/formats.md` ("What a package holds").

use crate::calendar::Date;
use crate::conflicts::{round_conflicts, Employment, MatchedBy};
use crate::eligibility::{eligibility, EligibilityStatus, FailedItem};
use crate::round::{RecusalRuling, Round};
use crate::template::Template;
use serde::{Deserialize, Serialize};

/// The format line, the plaintext's first line.
pub const DECISIONS_FORMAT: &str = "reviewdesk-decisions/1";
/// The most bytes a decisions plaintext may have (a result bundle's entry limit).
pub const MAX_DECISIONS: usize = 16_777_216;

/// The organizer's decisions on a round as of the day it was sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decisions {
    /// The round's id.
    pub round: String,
    /// The day the package was sealed (China Standard Time).
    pub sealed_on: Date,
    /// The day conflicts of interest were judged on: the round's deadline, else
    /// `sealed_on`.
    pub conflicts_as_of: Date,
    /// Every applicant's eligibility result, in round order.
    pub eligibility: Vec<EligibilityDecision>,
    /// Every conflict of interest found from employers, with its dismissal.
    pub conflicts: Vec<ConflictDecision>,
    /// Dismissals whose pair is not conflicted as of `conflicts_as_of`.
    pub unused_dismissals: Vec<DismissalRecord>,
    /// Every recusal request with its ruling, in round order.
    pub recusals: Vec<RecusalDecision>,
    /// The assignment: its seed and its pairs.
    pub assignment: AssignmentDecision,
}

/// An applicant's eligibility result (形式审查结果).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EligibilityResult {
    /// Every checklist item met.
    Passed,
    /// Some item not met: left out of the review.
    Failed,
    /// Some item not recorded, none recorded as not met.
    NotChecked,
}

/// One applicant's eligibility result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityDecision {
    /// The applicant's id.
    pub applicant: String,
    /// The result.
    pub result: EligibilityResult,
    /// For a failed applicant: the items not met, in template order, with notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<FailedItem>,
    /// For an applicant not checked: the items without a record, in template order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
}

/// Current or former employer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmploymentKind {
    /// The expert's current employer.
    Current,
    /// An employer the expert left (近三年曾任职单位).
    Former,
}

/// One ground of a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroundRecord {
    /// Current or former employer.
    pub employment: EmploymentKind,
    /// The employer's name as the expert's record gives it.
    pub employer: String,
    /// The last day there, for a former employer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// By credit code or by name.
    pub matched_by: MatchedBy,
}

/// A dismissal: why, who, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dismissal {
    /// Why the finding is not a conflict.
    pub reason: String,
    /// Who decided.
    pub by: String,
    /// The day it was decided.
    pub on: Date,
}

/// A conflict of interest found, with its dismissal if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictDecision {
    /// Applicant id.
    pub applicant: String,
    /// Expert id.
    pub expert: String,
    /// Every employment that makes it a conflict.
    pub grounds: Vec<GroundRecord>,
    /// The organizer's dismissal, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dismissal: Option<Dismissal>,
}

/// A dismissal recorded for a pair that is not conflicted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DismissalRecord {
    /// Applicant id.
    pub applicant: String,
    /// Expert id.
    pub expert: String,
    /// Why.
    pub reason: String,
    /// Who decided.
    pub by: String,
    /// When.
    pub on: Date,
}

/// A recusal request (申请回避) and its ruling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecusalDecision {
    /// The applicant asking.
    pub applicant: String,
    /// The expert named.
    pub expert: String,
    /// The applicant's reasons.
    pub reason: String,
    /// The day received, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<Date>,
    /// The ruling.
    pub ruling: RecusalRuling,
    /// Why it was ruled so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ruling_reason: Option<String>,
    /// Who ruled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ruled_by: Option<String>,
    /// The day of the ruling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ruled_on: Option<Date>,
}

/// The assignment: its seed and the experts of every applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignmentDecision {
    /// The automatic assignment's seed, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// True when the round has no `[[assignment]]`: every expert reviews every
    /// applicant.
    pub every_expert: bool,
    /// Every applicant in round order with its experts.
    pub applicants: Vec<AssignedExperts>,
    /// Pairs the organizer fixed by hand (指定), as recorded; left out when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pins: Vec<crate::round::Assignment>,
    /// Pairs the organizer forbade by hand (排除), as recorded; left out when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bans: Vec<crate::round::Assignment>,
}

/// The experts assigned to one applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignedExperts {
    /// Applicant id.
    pub applicant: String,
    /// The panel experts assigned to it, in panel order.
    pub experts: Vec<String>,
}

/// The organizer's decisions on `round` under `template`, sealed on `sealed_on`:
/// conflicts judged as of the round's deadline, else `sealed_on`.
pub fn organizer_decisions(round: &Round, template: &Template, sealed_on: Date) -> Decisions {
    let conflicts_as_of = round.program.deadline.unwrap_or(sealed_on);
    let eligibility = eligibility(round, template)
        .into_iter()
        .map(|a| {
            let mut d = EligibilityDecision {
                applicant: a.applicant.to_owned(),
                result: EligibilityResult::Passed,
                failed: Vec::new(),
                missing: Vec::new(),
            };
            match a.status {
                EligibilityStatus::Passed => {}
                EligibilityStatus::Failed { failed } => {
                    d.result = EligibilityResult::Failed;
                    d.failed = failed;
                }
                EligibilityStatus::Unchecked { missing } => {
                    d.result = EligibilityResult::NotChecked;
                    d.missing = missing;
                }
            }
            d
        })
        .collect();
    let report = round_conflicts(round, conflicts_as_of);
    let conflicts = report
        .conflicts
        .into_iter()
        .map(|c| ConflictDecision {
            applicant: c.applicant,
            expert: c.expert,
            grounds: c
                .grounds
                .into_iter()
                .map(|g| {
                    let (employment, until) = match g.employment {
                        Employment::Current => (EmploymentKind::Current, None),
                        Employment::Former { until } => (EmploymentKind::Former, Some(until)),
                    };
                    GroundRecord {
                        employment,
                        employer: g.employer,
                        until,
                        matched_by: g.matched_by,
                    }
                })
                .collect(),
            dismissal: c.dismissal.map(|d| Dismissal {
                reason: d.reason,
                by: d.by,
                on: d.on,
            }),
        })
        .collect();
    let unused_dismissals = report
        .unused_dismissals
        .into_iter()
        .map(|d| DismissalRecord {
            applicant: d.applicant,
            expert: d.expert,
            reason: d.reason,
            by: d.by,
            on: d.on,
        })
        .collect();
    let recusals = round
        .recusal_requests
        .iter()
        .map(|r| RecusalDecision {
            applicant: r.applicant.clone(),
            expert: r.expert.clone(),
            reason: r.reason.clone(),
            received: r.received,
            ruling: r.ruling,
            ruling_reason: r.ruling_reason.clone(),
            ruled_by: r.ruled_by.clone(),
            ruled_on: r.ruled_on,
        })
        .collect();
    let experts_of = round.experts_by_applicant();
    let assignment = AssignmentDecision {
        seed: round.assignment_seed,
        every_expert: round.assignments.is_empty(),
        applicants: round
            .applicants
            .iter()
            .map(|a| AssignedExperts {
                applicant: a.id.clone(),
                experts: experts_of
                    .get(a.id.as_str())
                    .into_iter()
                    .flatten()
                    .map(|e| e.id.clone())
                    .collect(),
            })
            .collect(),
        pins: round.assignment_pins.clone(),
        bans: round.assignment_bans.clone(),
    };
    Decisions {
        round: round.id.clone(),
        sealed_on,
        conflicts_as_of,
        eligibility,
        conflicts,
        unused_dismissals,
        recusals,
        assignment,
    }
}

/// Why a decisions plaintext is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecisionsError {
    /// Over [`MAX_DECISIONS`] bytes.
    #[error("the decisions are {0} bytes, over the limit of {MAX_DECISIONS}")]
    TooLarge(usize),
    /// Not a decisions document.
    #[error("not a decisions document: the first line is not {DECISIONS_FORMAT}")]
    BadMagic,
    /// A decisions document of another version.
    #[error("decisions version {0:?}: this reader knows {DECISIONS_FORMAT} only")]
    UnsupportedVersion(String),
    /// The JSON does not fit the document: syntax, an unknown, missing or repeated
    /// key, a wrong type, trailing data, or a result with items that do not fit it.
    #[error("malformed decisions: {0}")]
    Malformed(String),
    /// It parses, but its bytes are not the canonical form of what it says.
    #[error(
        "the decisions are not in canonical form (compact JSON, fields in order, one final LF)"
    )]
    NotCanonical,
}

impl DecisionsError {
    /// A stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::TooLarge(_) => "too_large",
            Self::BadMagic => "bad_magic",
            Self::UnsupportedVersion(_) => "unsupported_version",
            Self::Malformed(_) => "malformed",
            Self::NotCanonical => "not_canonical",
        }
    }
}

impl Decisions {
    /// The canonical plaintext: the format line, then the compact JSON (fields in
    /// declared order, absent optional fields left out, non-ASCII as UTF-8), LF.
    pub fn to_text(&self) -> Vec<u8> {
        let mut out = format!("{DECISIONS_FORMAT}\n").into_bytes();
        // Strings, dates, integers and booleans only: serializing cannot fail.
        out.extend(serde_json::to_vec(self).unwrap_or_default());
        out.push(b'\n');
        out
    }

    /// Reads a decisions plaintext strictly: the size, the format line, JSON that
    /// deserializes into the document with nothing else, each result with the
    /// items that fit it, and bytes that are exactly [`to_text`](Self::to_text) of
    /// the value read.
    pub fn parse(bytes: &[u8]) -> Result<Decisions, DecisionsError> {
        if bytes.len() > MAX_DECISIONS {
            return Err(DecisionsError::TooLarge(bytes.len()));
        }
        let line = format!("{DECISIONS_FORMAT}\n");
        let Some(json) = bytes.strip_prefix(line.as_bytes()) else {
            let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
            return Err(match first.strip_prefix(b"reviewdesk-decisions/") {
                Some(v) => DecisionsError::UnsupportedVersion(
                    String::from_utf8_lossy(v).chars().take(32).collect(),
                ),
                None => DecisionsError::BadMagic,
            });
        };
        let value: Decisions =
            serde_json::from_slice(json).map_err(|e| DecisionsError::Malformed(e.to_string()))?;
        for (i, e) in value.eligibility.iter().enumerate() {
            let fits = match e.result {
                EligibilityResult::Passed => e.failed.is_empty() && e.missing.is_empty(),
                EligibilityResult::Failed => !e.failed.is_empty() && e.missing.is_empty(),
                EligibilityResult::NotChecked => e.failed.is_empty() && !e.missing.is_empty(),
            };
            if !fits {
                return Err(DecisionsError::Malformed(format!(
                    "eligibility[{i}]: `failed` and `missing` do not fit the result"
                )));
            }
        }
        for (i, c) in value.conflicts.iter().enumerate() {
            for (j, g) in c.grounds.iter().enumerate() {
                if (g.employment == EmploymentKind::Former) != g.until.is_some() {
                    return Err(DecisionsError::Malformed(format!(
                        "conflicts[{i}].grounds[{j}]: `until` is for a former employer only, and required there"
                    )));
                }
            }
        }
        if value.to_text() != bytes {
            return Err(DecisionsError::NotCanonical);
        }
        Ok(value)
    }

    /// A one-line summary: applicants by result, conflicts (dismissed), recusal
    /// requests by ruling, pairs, seed and days.
    pub fn summary(&self) -> String {
        let count =
            |r: EligibilityResult| self.eligibility.iter().filter(|e| e.result == r).count();
        let ruled = |r: RecusalRuling| self.recusals.iter().filter(|q| q.ruling == r).count();
        let pairs: usize = self
            .assignment
            .applicants
            .iter()
            .map(|a| a.experts.len())
            .sum();
        let seed = self
            .assignment
            .seed
            .map_or_else(|| "no seed".to_owned(), |s| format!("seed {s}"));
        format!(
            "{} applicants ({} passed, {} failed, {} not checked); {} conflicts ({} dismissed); \
             {} recusal requests ({} upheld, {} rejected, {} pending); {} pairs{}, {seed}; \
             conflicts as of {}; sealed on {}",
            self.eligibility.len(),
            count(EligibilityResult::Passed),
            count(EligibilityResult::Failed),
            count(EligibilityResult::NotChecked),
            self.conflicts.len(),
            self.conflicts
                .iter()
                .filter(|c| c.dismissal.is_some())
                .count(),
            self.recusals.len(),
            ruled(RecusalRuling::Upheld),
            ruled(RecusalRuling::Rejected),
            ruled(RecusalRuling::Pending),
            pairs,
            if self.assignment.every_expert {
                " (every expert)"
            } else {
                ""
            },
            self.conflicts_as_of,
            self.sealed_on,
        )
    }
}

#[cfg(test)]
mod tests;
