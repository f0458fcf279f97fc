//! The organizer's decisions on who may review whom, as pure functions over a
//! [`Round`]: the conflicts of interest found from employers with why each was
//! found ([`round_conflicts`], a value a screen shows), dismissing one with a
//! reason ([`dismiss_conflict`]), and applicants' recusal requests (申请回避)
//! entered ([`add_recusal_request`]) and ruled ([`rule_recusal_request`]).
//!
//! Each edit returns the new round or a [`DecisionError`] that names what is
//! wrong; the shell writes only the tables the edit changed.

use crate::assign::Organization;
use crate::calendar::Date;
use crate::round::{ConflictDismissal, Expert, RecusalRequest, RecusalRuling, Round};
use serde::{Deserialize, Serialize};

/// Which employment a conflict comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "employment")]
pub enum Employment {
    /// The expert's current employer (工作单位).
    Current,
    /// An employer the expert left on `until`, within 36 months before the day
    /// conflicts are judged on (近三年曾任职单位).
    Former {
        /// The last day there.
        until: Date,
    },
}

/// How the employer was found to be the applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    /// Both have a unified social credit code and they are equal.
    CreditCode,
    /// One lacks a credit code and the normalised names are equal.
    Name,
}

/// One reason an expert is conflicted with an applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictGround {
    /// Current or former employer.
    pub employment: Employment,
    /// The employer's name as the expert's record gives it.
    pub employer: String,
    /// By credit code or by name.
    pub matched_by: MatchedBy,
}

/// A conflict of interest found from employers, with its dismissal if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// Applicant id.
    pub applicant: String,
    /// Expert id.
    pub expert: String,
    /// Every employment that makes it a conflict (at least one).
    pub grounds: Vec<ConflictGround>,
    /// The organizer's dismissal, when recorded: the conflict then does not keep
    /// the expert from the applicant.
    pub dismissal: Option<ConflictDismissal>,
}

/// Every conflict of a round as of a day, dismissals applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictReport {
    /// The day former employers are counted back from (36 months).
    pub as_of: Date,
    /// Conflicts in applicant order, then panel order.
    pub conflicts: Vec<Conflict>,
    /// Dismissals of pairs that are no longer conflicted (employers changed, or
    /// the former employer left more than 36 months before `as_of`): harmless,
    /// listed so nobody wonders.
    pub unused_dismissals: Vec<ConflictDismissal>,
}

impl ConflictReport {
    /// The conflicts not dismissed: these keep the expert from the applicant.
    pub fn standing(&self) -> impl Iterator<Item = &Conflict> {
        self.conflicts.iter().filter(|c| c.dismissal.is_none())
    }
}

fn organization(name: &str, code: Option<&crate::CreditCode>) -> Organization {
    Organization {
        credit_code: code.map(|c| c.as_str().to_owned()),
        name: name.to_owned(),
    }
}

/// An employment of an expert that can ground a conflict as of the day judged
/// on: current, or former within 36 months; its organisation ready to compare.
struct Employer<'a> {
    employment: Employment,
    name: &'a str,
    organization: Organization,
}

/// `expert`'s employers that count as of `as_of` (the rule of
/// `assign::derive_conflicts`): the current one when named, and those left within
/// 36 months.
fn employers(expert: &Expert, as_of: Date) -> Vec<Employer<'_>> {
    let since = as_of.months_earlier(36);
    let mut out = Vec::new();
    if !expert.affiliation.trim().is_empty() {
        out.push(Employer {
            employment: Employment::Current,
            name: &expert.affiliation,
            organization: organization(
                &expert.affiliation,
                expert.affiliation_credit_code.as_ref(),
            ),
        });
    }
    for f in expert.former_employers.iter().filter(|f| f.until >= since) {
        out.push(Employer {
            employment: Employment::Former { until: f.until },
            name: &f.name,
            organization: organization(&f.name, f.credit_code.as_ref()),
        });
    }
    out
}

/// The grounds on which an expert with `employers` is conflicted with an
/// applicant organisation.
fn grounds(
    employers: &[(&Employer<'_>, crate::assign::ComparedOrganization<'_>)],
    applicant: &crate::assign::ComparedOrganization<'_>,
) -> Vec<ConflictGround> {
    employers
        .iter()
        .filter(|(_, org)| org.same_as(applicant))
        .map(|(e, org)| ConflictGround {
            employment: e.employment,
            employer: e.name.to_owned(),
            matched_by: if org.both_coded(applicant) {
                MatchedBy::CreditCode
            } else {
                MatchedBy::Name
            },
        })
        .collect()
}

/// Every conflict of interest of the round's panel experts (the chair excluded, as
/// in the assignment) with its applicants as of `as_of`, each with its grounds
/// and its dismissal. The pairs are exactly those `assign::derive_conflicts` finds.
pub fn round_conflicts(round: &Round, as_of: Date) -> ConflictReport {
    let mut conflicts = Vec::new();
    // Each expert's employers and each applicant compared as prepared once, not
    // per pair (5,000 applicants × 50 experts).
    let experts: Vec<(&Expert, Vec<Employer<'_>>)> = round
        .experts()
        .iter()
        .map(|e| (e, employers(e, as_of)))
        .collect();
    let compared: Vec<Vec<(&Employer<'_>, crate::assign::ComparedOrganization<'_>)>> = experts
        .iter()
        .map(|(_, list)| {
            list.iter()
                .map(|x| (x, x.organization.compared()))
                .collect()
        })
        .collect();
    for a in &round.applicants {
        let org = organization(&a.name, Some(&a.credit_code));
        let org = org.compared();
        for ((e, _), employers) in experts.iter().zip(&compared) {
            let g = grounds(employers, &org);
            if !g.is_empty() {
                conflicts.push(Conflict {
                    applicant: a.id.clone(),
                    expert: e.id.clone(),
                    grounds: g,
                    dismissal: round
                        .conflict_dismissals
                        .iter()
                        .find(|d| d.applicant == a.id && d.expert == e.id)
                        .cloned(),
                });
            }
        }
    }
    let unused_dismissals = round
        .conflict_dismissals
        .iter()
        .filter(|d| {
            !conflicts
                .iter()
                .any(|c| c.applicant == d.applicant && c.expert == d.expert)
        })
        .cloned()
        .collect();
    ConflictReport {
        as_of,
        conflicts,
        unused_dismissals,
    }
}

/// Why an edit of the organizer's decisions is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecisionError {
    /// The round has no applicant with this id.
    #[error("no applicant has id '{0}'")]
    UnknownApplicant(String),
    /// The panel has no expert (chair excluded) with this id.
    #[error("no panel expert has id '{0}'")]
    UnknownExpert(String),
    /// The reason is empty.
    #[error("a reason is required")]
    EmptyReason,
    /// Who decided is not said.
    #[error("who decided is required")]
    EmptyName,
    /// There is no conflict of this pair to dismiss.
    #[error(
        "expert '{expert}' has no conflict of interest with applicant '{applicant}' as of {as_of}"
    )]
    NoConflict {
        /// Expert id.
        expert: String,
        /// Applicant id.
        applicant: String,
        /// The day conflicts were judged on.
        as_of: Date,
    },
    /// The conflict is dismissed already.
    #[error("the conflict of expert '{expert}' with applicant '{applicant}' is already dismissed")]
    AlreadyDismissed {
        /// Expert id.
        expert: String,
        /// Applicant id.
        applicant: String,
    },
    /// A request of this applicant about this expert is pending already.
    #[error("applicant '{applicant}' already has a pending request about expert '{expert}'")]
    DuplicatePending {
        /// Applicant id.
        applicant: String,
        /// Expert id.
        expert: String,
    },
    /// No pending request of this applicant about this expert to rule on.
    #[error("applicant '{applicant}' has no pending request about expert '{expert}'")]
    NoPendingRequest {
        /// Applicant id.
        applicant: String,
        /// Expert id.
        expert: String,
    },
    /// A ruling must be upheld or rejected.
    #[error("a ruling is upheld or rejected, not pending")]
    NotARuling,
    /// The ruling's day is before the day the request was received.
    #[error("the ruling ({on}) cannot be dated before the request was received ({received})")]
    RuledBeforeReceived {
        /// The day received.
        received: Date,
        /// The ruling's day.
        on: Date,
    },
}

impl DecisionError {
    /// What is wrong and what to do, in `lang` (English: the `Display` text,
    /// with the hint a dismissal needs).
    pub fn message(&self, lang: crate::Lang) -> String {
        use DecisionError as E;
        if lang == crate::Lang::En {
            return match self {
                E::NoConflict { .. } => {
                    format!("{self}: only a conflict `round conflicts` lists can be dismissed")
                }
                _ => self.to_string(),
            };
        }
        match self {
            E::UnknownApplicant(id) => format!("没有编号为 {id} 的申报单位"),
            E::UnknownExpert(id) => format!("评审专家组中没有编号为 {id} 的专家（组长除外）"),
            E::EmptyReason => "必须填写理由（--reason）".to_owned(),
            E::EmptyName => "必须填写决定人（--by）".to_owned(),
            E::NoConflict {
                expert,
                applicant,
                as_of,
            } => format!(
                "按 {as_of} 判断，专家 {expert} 与申报单位 {applicant} 之间没有利益冲突，无需排除（见 `reviewdesk round conflicts`）"
            ),
            E::AlreadyDismissed { expert, applicant } => {
                format!("专家 {expert} 与申报单位 {applicant} 的利益冲突已排除过")
            }
            E::DuplicatePending { applicant, expert } => {
                format!("{applicant} 申请 {expert} 回避的请求已在待裁定中")
            }
            E::NoPendingRequest { applicant, expert } => {
                format!("没有 {applicant} 申请 {expert} 回避的待裁定请求")
            }
            E::NotARuling => "裁定只能是予以回避（--upheld）或不予回避（--rejected）".to_owned(),
            E::RuledBeforeReceived { received, on } => {
                format!("裁定日期 {on} 早于收到申请的日期 {received}")
            }
        }
    }
}

impl DecisionError {
    /// A stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownApplicant(_) => "unknown_applicant",
            Self::UnknownExpert(_) => "unknown_expert",
            Self::EmptyReason => "empty_reason",
            Self::EmptyName => "empty_name",
            Self::NoConflict { .. } => "no_conflict",
            Self::AlreadyDismissed { .. } => "already_dismissed",
            Self::DuplicatePending { .. } => "duplicate_pending",
            Self::NoPendingRequest { .. } => "no_pending_request",
            Self::NotARuling => "not_a_ruling",
            Self::RuledBeforeReceived { .. } => "ruled_before_received",
        }
    }
}

fn known_pair(round: &Round, applicant: &str, expert: &str) -> Result<(), DecisionError> {
    if round.applicant(applicant).is_none() {
        return Err(DecisionError::UnknownApplicant(applicant.to_owned()));
    }
    if !round.experts().iter().any(|e| e.id == expert) {
        return Err(DecisionError::UnknownExpert(expert.to_owned()));
    }
    Ok(())
}

fn required(text: &str, err: DecisionError) -> Result<String, DecisionError> {
    let t = text.trim();
    if t.is_empty() {
        Err(err)
    } else {
        Ok(t.to_owned())
    }
}

/// The round with the conflict of `expert` and `applicant` dismissed: the pair
/// must be conflicted as of `as_of` ([`round_conflicts`]) and not dismissed yet;
/// the reason and who decided must be given. The new `[[conflict_dismissal]]`
/// comes after the others.
pub fn dismiss_conflict(
    round: &Round,
    as_of: Date,
    applicant: &str,
    expert: &str,
    reason: &str,
    by: &str,
    on: Date,
) -> Result<Round, DecisionError> {
    known_pair(round, applicant, expert)?;
    let reason = required(reason, DecisionError::EmptyReason)?;
    let by = required(by, DecisionError::EmptyName)?;
    if round
        .conflict_dismissals
        .iter()
        .any(|d| d.applicant == applicant && d.expert == expert)
    {
        return Err(DecisionError::AlreadyDismissed {
            expert: expert.to_owned(),
            applicant: applicant.to_owned(),
        });
    }
    let report = round_conflicts(round, as_of);
    if !report
        .conflicts
        .iter()
        .any(|c| c.applicant == applicant && c.expert == expert)
    {
        return Err(DecisionError::NoConflict {
            expert: expert.to_owned(),
            applicant: applicant.to_owned(),
            as_of,
        });
    }
    let mut out = round.clone();
    out.conflict_dismissals.push(ConflictDismissal {
        expert: expert.to_owned(),
        applicant: applicant.to_owned(),
        reason,
        by,
        on,
    });
    Ok(out)
}

/// The round with a new pending recusal request of `applicant` about `expert`
/// (after the others). Refused: an unknown id, an empty reason, or a pending
/// request of the same pair already there (a ruled one may be asked again).
pub fn add_recusal_request(
    round: &Round,
    applicant: &str,
    expert: &str,
    reason: &str,
    received: Option<Date>,
) -> Result<Round, DecisionError> {
    known_pair(round, applicant, expert)?;
    let reason = required(reason, DecisionError::EmptyReason)?;
    if round.recusal_requests.iter().any(|r| {
        r.applicant == applicant && r.expert == expert && r.ruling == RecusalRuling::Pending
    }) {
        return Err(DecisionError::DuplicatePending {
            applicant: applicant.to_owned(),
            expert: expert.to_owned(),
        });
    }
    let mut out = round.clone();
    out.recusal_requests.push(RecusalRequest {
        applicant: applicant.to_owned(),
        expert: expert.to_owned(),
        reason,
        ruling: RecusalRuling::Pending,
        received,
        ruling_reason: None,
        ruled_by: None,
        ruled_on: None,
    });
    Ok(out)
}

/// The round with the pending request of `applicant` about `expert` ruled
/// `ruling` (upheld or rejected) with its reason, who ruled and the day: all
/// three are always recorded. Refused: an unknown id, `Pending` as a ruling, an
/// empty reason or name, no pending request of the pair.
pub fn rule_recusal_request(
    round: &Round,
    applicant: &str,
    expert: &str,
    ruling: RecusalRuling,
    reason: &str,
    by: &str,
    on: Date,
) -> Result<Round, DecisionError> {
    known_pair(round, applicant, expert)?;
    if ruling == RecusalRuling::Pending {
        return Err(DecisionError::NotARuling);
    }
    let reason = required(reason, DecisionError::EmptyReason)?;
    let by = required(by, DecisionError::EmptyName)?;
    let mut out = round.clone();
    let r = out
        .recusal_requests
        .iter_mut()
        .find(|r| {
            r.applicant == applicant && r.expert == expert && r.ruling == RecusalRuling::Pending
        })
        .ok_or_else(|| DecisionError::NoPendingRequest {
            applicant: applicant.to_owned(),
            expert: expert.to_owned(),
        })?;
    if let Some(received) = r.received.filter(|d| *d > on) {
        return Err(DecisionError::RuledBeforeReceived { received, on });
    }
    r.ruling = ruling;
    r.ruling_reason = Some(reason);
    r.ruled_by = Some(by);
    r.ruled_on = Some(on);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assign::{round_input, RoundAssignOptions};
    use crate::round::FormerAffiliation;
    use crate::template::Template;

    const TEMPLATE: &str = include_str!("../../../assets/templates/gd-supplier-recognition.toml");
    const ROUND: &str = include_str!("../../../assets/demo/round.toml");

    fn demo() -> (Round, Template) {
        (
            toml::from_str(ROUND).unwrap(),
            toml::from_str(TEMPLATE).unwrap(),
        )
    }

    fn day(y: i32, m: u32, d: u32) -> Date {
        Date::new(y, m, d).unwrap()
    }

    /// E01 works at A01 (by code), E02 left A02 in 2024 (by name), E03 left A03
    /// too long ago.
    fn conflicted() -> (Round, Template) {
        let (mut round, t) = demo();
        let a01 = round.applicants[0].clone();
        round.panel.experts[0].affiliation = "别的名字".into();
        round.panel.experts[0].affiliation_credit_code = Some(a01.credit_code.clone());
        round.panel.experts[1].former_employers = vec![FormerAffiliation {
            name: format!(" {} ", round.applicants[1].name),
            credit_code: None,
            until: day(2024, 3, 31),
        }];
        round.panel.experts[2].former_employers = vec![FormerAffiliation {
            name: round.applicants[2].name.clone(),
            credit_code: None,
            until: day(2023, 6, 29),
        }];
        (round, t)
    }

    #[test]
    fn conflicts_say_why_and_match_the_assignment() {
        let (round, t) = conflicted();
        let as_of = day(2026, 6, 30);
        let report = round_conflicts(&round, as_of);
        let pairs: Vec<(&str, &str)> = report
            .conflicts
            .iter()
            .map(|c| (c.applicant.as_str(), c.expert.as_str()))
            .collect();
        assert_eq!(pairs, [("A01", "E01"), ("A02", "E02")]);
        assert_eq!(
            report.conflicts[0].grounds[0].employment,
            Employment::Current
        );
        assert_eq!(
            report.conflicts[0].grounds[0].matched_by,
            MatchedBy::CreditCode
        );
        assert_eq!(
            report.conflicts[1].grounds[0].employment,
            Employment::Former {
                until: day(2024, 3, 31)
            }
        );
        assert_eq!(report.conflicts[1].grounds[0].matched_by, MatchedBy::Name);
        let input = round_input(
            &round,
            &t,
            RoundAssignOptions {
                per_applicant: Some(3),
                max_load: None,
                seed: 0,
                as_of,
            },
        );
        let derived: Vec<(&str, &str)> = input
            .conflicts
            .iter()
            .map(|p| (p.applicant.as_str(), p.expert.as_str()))
            .collect();
        assert_eq!(derived, pairs);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]
        /// Over random employers — an applicant's name with spaces or full-width
        /// letters, its credit code or another, former employers left at random
        /// days — the conflicts found are exactly the pairs the assignment derives,
        /// each ground's match as `Organization::same_as` has it, which is still
        /// the rule: equal codes when both have one, else equal normalised names.
        #[test]
        fn conflicts_found_once_per_expert_are_the_derived_pairs(
            picks in proptest::collection::vec((0usize..8, 0u8..4, 0u8..3, 0i64..1500), 4..12),
        ) {
            let (mut round, t) = demo();
            let as_of = day(2026, 6, 30);
            let applicants = round.applicants.clone();
            let experts = round.panel.experts.len();
            for (i, &(a, how, code, days)) in picks.iter().enumerate() {
                let a = &applicants[a % applicants.len()];
                let name = match how {
                    0 => a.name.clone(),
                    1 => format!(" {} ", a.name),
                    2 => format!("{}ＡＢ", a.name),
                    _ => "无关单位".to_owned(),
                };
                let credit_code = match code {
                    0 => Some(a.credit_code.clone()),
                    1 => Some(applicants[(i + 1) % applicants.len()].credit_code.clone()),
                    _ => None,
                };
                let e = &mut round.panel.experts[i % experts];
                if i < experts {
                    e.affiliation = name;
                    e.affiliation_credit_code = credit_code;
                    e.former_employers.clear();
                } else {
                    e.former_employers.push(FormerAffiliation {
                        name,
                        credit_code,
                        until: Date::from_days(as_of.to_days() - days),
                    });
                }
            }
            let report = round_conflicts(&round, as_of);
            let found: Vec<(&str, &str)> = report
                .conflicts
                .iter()
                .map(|c| (c.applicant.as_str(), c.expert.as_str()))
                .collect();
            let input = round_input(
                &round,
                &t,
                RoundAssignOptions { per_applicant: Some(3), max_load: None, seed: 0, as_of },
            );
            let derived: Vec<(&str, &str)> = input
                .conflicts
                .iter()
                .map(|p| (p.applicant.as_str(), p.expert.as_str()))
                .collect();
            proptest::prop_assert_eq!(found, derived);
            for c in &report.conflicts {
                let a = applicants.iter().find(|x| x.id == c.applicant).unwrap();
                let e = round.panel.experts.iter().find(|x| x.id == c.expert).unwrap();
                for g in &c.grounds {
                    let code = match g.employment {
                        Employment::Current => e.affiliation_credit_code.as_ref(),
                        Employment::Former { until } => e
                            .former_employers
                            .iter()
                            .find(|f| f.until == until && f.name == g.employer)
                            .and_then(|f| f.credit_code.as_ref()),
                    };
                    let by = match code {
                        Some(code) => {
                            proptest::prop_assert_eq!(code.as_str(), a.credit_code.as_str());
                            MatchedBy::CreditCode
                        }
                        None => {
                            let norm = |s: &str| -> String {
                                s.chars()
                                    .filter(|c| !c.is_whitespace())
                                    .map(|c| match c {
                                        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap(),
                                        _ => c,
                                    })
                                    .map(|c| c.to_ascii_lowercase())
                                    .collect()
                            };
                            proptest::prop_assert_eq!(norm(&g.employer), norm(&a.name));
                            MatchedBy::Name
                        }
                    };
                    proptest::prop_assert_eq!(g.matched_by, by);
                }
            }
        }
    }

    #[test]
    fn a_dismissed_conflict_is_shown_and_no_longer_excludes() {
        let (round, t) = conflicted();
        let as_of = day(2026, 6, 30);
        let on = day(2026, 5, 2);
        let r =
            dismiss_conflict(&round, as_of, "A02", "E02", " 仅短期借调 ", "王处长", on).unwrap();
        assert_eq!(r.conflict_dismissals[0].reason, "仅短期借调");
        r.validate(&t).unwrap();
        let report = round_conflicts(&r, as_of);
        assert_eq!(report.conflicts.len(), 2);
        assert_eq!(report.standing().count(), 1);
        let input = round_input(
            &r,
            &t,
            RoundAssignOptions {
                per_applicant: Some(3),
                max_load: None,
                seed: 0,
                as_of,
            },
        );
        assert_eq!(input.conflicts.len(), 1);
        assert_eq!(input.conflicts[0].expert, "E01");
        // Twice, empty reason, a pair without a conflict, an unknown id: refused.
        let again = dismiss_conflict(&r, as_of, "A02", "E02", "x", "王", on);
        assert_eq!(again.unwrap_err().code(), "already_dismissed");
        let empty = dismiss_conflict(&round, as_of, "A02", "E02", "  ", "王", on);
        assert_eq!(empty.unwrap_err(), DecisionError::EmptyReason);
        let none = dismiss_conflict(&round, as_of, "A03", "E03", "x", "王", on);
        assert_eq!(none.unwrap_err().code(), "no_conflict");
        let unknown = dismiss_conflict(&round, as_of, "A99", "E03", "x", "王", on);
        assert_eq!(
            unknown.unwrap_err(),
            DecisionError::UnknownApplicant("A99".into())
        );
        // A dismissal whose conflict went away is listed as unused.
        let mut moved = r.clone();
        moved.panel.experts[1].former_employers.clear();
        assert_eq!(round_conflicts(&moved, as_of).unused_dismissals.len(), 1);
    }

    #[test]
    fn requests_are_added_then_ruled_with_reason_author_and_day() {
        let (round, t) = demo();
        let before = round.recusal_requests.len();
        let r = add_recusal_request(
            &round,
            "A03",
            "E04",
            "曾为我司提供审计服务",
            Some(day(2026, 4, 1)),
        )
        .unwrap();
        r.validate(&t).unwrap();
        let new = &r.recusal_requests[before];
        assert_eq!(new.ruling, RecusalRuling::Pending);
        assert_eq!(new.received, Some(day(2026, 4, 1)));
        let dup = add_recusal_request(&r, "A03", "E04", "again", None);
        assert_eq!(dup.unwrap_err().code(), "duplicate_pending");
        assert_eq!(
            add_recusal_request(&r, "A03", "C01", "chair", None).unwrap_err(),
            DecisionError::UnknownExpert("C01".into())
        );
        let ruled = rule_recusal_request(
            &r,
            "A03",
            "E04",
            RecusalRuling::Upheld,
            "审计关系属实",
            "郑国平",
            day(2026, 4, 3),
        )
        .unwrap();
        ruled.validate(&t).unwrap();
        let early = rule_recusal_request(
            &r,
            "A03",
            "E04",
            RecusalRuling::Upheld,
            "x",
            "y",
            day(2026, 3, 31),
        );
        assert_eq!(early.unwrap_err().code(), "ruled_before_received");
        let new = &ruled.recusal_requests[before];
        assert_eq!(new.ruling, RecusalRuling::Upheld);
        assert_eq!(new.ruling_reason.as_deref(), Some("审计关系属实"));
        assert_eq!(new.ruled_by.as_deref(), Some("郑国平"));
        assert_eq!(new.ruled_on, Some(day(2026, 4, 3)));
        // Ruled once: nothing pending left to rule; a new request may be filed.
        let twice = rule_recusal_request(
            &ruled,
            "A03",
            "E04",
            RecusalRuling::Rejected,
            "x",
            "y",
            day(2026, 4, 4),
        );
        assert_eq!(twice.unwrap_err().code(), "no_pending_request");
        assert!(add_recusal_request(&ruled, "A03", "E04", "新理由", None).is_ok());
        let pending = rule_recusal_request(
            &r,
            "A03",
            "E04",
            RecusalRuling::Pending,
            "x",
            "y",
            day(2026, 4, 4),
        );
        assert_eq!(pending.unwrap_err(), DecisionError::NotARuling);
        let no_name = rule_recusal_request(
            &r,
            "A03",
            "E04",
            RecusalRuling::Rejected,
            "x",
            " ",
            day(2026, 4, 4),
        );
        assert_eq!(no_name.unwrap_err(), DecisionError::EmptyName);
    }

    #[test]
    fn ruling_details_on_a_pending_request_are_invalid() {
        let (round, t) = demo();
        let mut r = add_recusal_request(&round, "A03", "E04", "理由", None).unwrap();
        let i = r.recusal_requests.len() - 1;
        r.recusal_requests[i].ruled_by = Some("某人".into());
        let problems = r.validate(&t).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, format!("recusal_request[{i}].ruled_by"));
        // Old rounds (no new fields) stay valid, and the new fields read back.
        let text = toml::to_string(&r.recusal_requests[i]).unwrap();
        assert!(text.contains("ruled_by") && !text.contains("received"));
    }
}
