//! What would block sealing a round (封装前检查): [`check_sealing`] returns every
//! [`Blocker`] as a typed value — stale materials without a reason, kinds the
//! template does not allow, required kinds an applicant lacks, recusal requests
//! not ruled on, panel members without a key card, applicants whose eligibility
//! check (形式审查) is unfinished, applicants with fewer experts than the quorum. The shell says which key cards exist and renders the findings.

use crate::calendar::Date;
use crate::eligibility::{is_ineligible, EligibilityStatus};
use crate::materials::{freshness, missing_required, MaterialFreshness};
use crate::round::{MaterialKind, RecusalRuling, Round};
use crate::template::Template;

/// One thing that blocks sealing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocker {
    /// A material the freshness rules call stale, undated or uncountable (no
    /// application deadline), with no `stale_reason`.
    StaleMaterial {
        /// Material id.
        material: String,
        /// Applicant id.
        applicant: String,
        /// Why.
        freshness: MaterialFreshness,
    },
    /// A material of a kind the template's `allowed_materials` leaves out.
    KindNotAllowed {
        /// Material id.
        material: String,
        /// Its kind.
        kind: MaterialKind,
    },
    /// An applicant with no material of a required kind.
    MissingRequired {
        /// Applicant id.
        applicant: String,
        /// The kind.
        kind: MaterialKind,
    },
    /// A recusal request still pending (待裁定).
    PendingRecusal {
        /// Applicant id.
        applicant: String,
        /// Expert id.
        expert: String,
    },
    /// No panel named yet (a new round's): no chair, no experts.
    NoPanel,
    /// A panel member (chair or expert) without `cards/<id>.card`.
    MissingCard {
        /// Person id.
        person: String,
    },
    /// An applicant whose eligibility check (形式审查) is not finished: some item
    /// of the template's checklist is not recorded and none is recorded as not met.
    EligibilityUnchecked {
        /// Applicant id.
        applicant: String,
        /// The items not recorded, in template order.
        missing: Vec<String>,
    },
    /// An applicant reviewed by fewer experts than the quorum (upheld recusals
    /// not counted).
    BelowQuorum {
        /// Applicant id.
        applicant: String,
        /// Experts assigned and not recused.
        experts: u32,
        /// The template's quorum.
        quorum: u32,
    },
}

/// Every blocker, in the order: materials (freshness, then kinds), required kinds
/// per applicant, recusal requests, key cards (chair first), unfinished
/// eligibility checks, quorum per applicant. An applicant that failed the
/// eligibility check is left out of the review, so its materials' freshness,
/// required kinds, recusal requests and quorum block nothing.
/// `has_card(id)` says whether `cards/<id>.card` exists.
pub fn check_sealing(
    round: &Round,
    template: &Template,
    has_card: impl Fn(&str) -> bool,
) -> Vec<Blocker> {
    let mut out = Vec::new();
    let deadline: Option<Date> = round.program.application_deadline;
    let reviewed = |applicant: &str| !is_ineligible(round, applicant);
    for m in round.materials.iter().filter(|m| reviewed(&m.applicant)) {
        let f = freshness(m, template, deadline);
        let has_reason = m
            .stale_reason
            .as_deref()
            .is_some_and(|r| !r.trim().is_empty());
        if f.needs_reason() && !has_reason {
            out.push(Blocker::StaleMaterial {
                material: m.id.clone(),
                applicant: m.applicant.clone(),
                freshness: f,
            });
        }
    }
    if !template.allowed_materials.is_empty() {
        for m in &round.materials {
            if !template.allowed_materials.contains(&m.kind) {
                out.push(Blocker::KindNotAllowed {
                    material: m.id.clone(),
                    kind: m.kind,
                });
            }
        }
    }
    for (applicant, kinds) in missing_required(&round.applicants, &round.materials, template)
        .into_iter()
        .filter(|(a, _)| reviewed(a))
    {
        for kind in kinds {
            out.push(Blocker::MissingRequired {
                applicant: applicant.clone(),
                kind,
            });
        }
    }
    for r in round
        .recusal_requests
        .iter()
        .filter(|r| reviewed(&r.applicant))
    {
        if r.ruling == RecusalRuling::Pending {
            out.push(Blocker::PendingRecusal {
                applicant: r.applicant.clone(),
                expert: r.expert.clone(),
            });
        }
    }
    if round.panel.is_unnamed() {
        out.push(Blocker::NoPanel);
    }
    let named = (!round.panel.is_unnamed()).then_some(&round.panel);
    for e in named
        .into_iter()
        .flat_map(|p| std::iter::once(&p.chair).chain(&p.experts))
    {
        if !has_card(&e.id) {
            out.push(Blocker::MissingCard {
                person: e.id.clone(),
            });
        }
    }
    out.extend(eligibility_blockers(round, template));
    let upheld = |expert: &str, applicant: &str| {
        round.recusal_requests.iter().any(|r| {
            r.ruling == RecusalRuling::Upheld && r.expert == expert && r.applicant == applicant
        })
    };
    for a in round.applicants.iter().filter(|a| reviewed(&a.id)) {
        let experts = round
            .experts()
            .iter()
            .filter(|e| {
                let assigned = round.assignments.is_empty()
                    || round
                        .assignments
                        .iter()
                        .any(|x| x.expert == e.id && x.applicant == a.id);
                assigned && !upheld(&e.id, &a.id)
            })
            .count() as u32;
        if experts < template.quorum {
            out.push(Blocker::BelowQuorum {
                applicant: a.id.clone(),
                experts,
                quorum: template.quorum,
            });
        }
    }
    out
}

/// An [`Blocker::EligibilityUnchecked`] per applicant whose check is not finished.
fn eligibility_blockers(round: &Round, template: &Template) -> Vec<Blocker> {
    crate::eligibility::eligibility(round, template)
        .into_iter()
        .filter_map(|e| match e.status {
            EligibilityStatus::Unchecked { missing } => Some(Blocker::EligibilityUnchecked {
                applicant: e.applicant.to_owned(),
                missing,
            }),
            EligibilityStatus::Passed | EligibilityStatus::Failed { .. } => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eligibility::{record_checks, ItemOutcome};

    fn demo() -> (Round, Template) {
        let template: Template = toml::from_str(include_str!(
            "../../../assets/templates/gd-supplier-recognition.toml"
        ))
        .unwrap();
        let round: Round = toml::from_str(include_str!("../../../assets/demo/round.toml")).unwrap();
        (round, template)
    }

    #[test]
    fn a_round_without_a_panel_says_so_not_that_a_card_is_missing() {
        let (mut round, template) = demo();
        round.panel = crate::round::Panel::default();
        round.applicants.clear();
        round.materials.clear();
        round.assignments.clear();
        round.recusal_requests.clear();
        round.eligibility.clear();
        let blockers = check_sealing(&round, &template, |_| false);
        assert_eq!(blockers, [Blocker::NoPanel]);
    }

    #[test]
    fn an_unfinished_check_blocks_and_a_failed_applicant_needs_no_quorum() {
        let (mut round, template) = demo();
        assert_eq!(check_sealing(&round, &template, |_| true), vec![]);
        // A02's checks removed, A03's kept but for one item: both block.
        round
            .eligibility
            .retain(|c| c.applicant != "A02" && !(c.applicant == "A03" && c.item == "own_ip"));
        let blockers = check_sealing(&round, &template, |_| true);
        assert_eq!(
            blockers,
            vec![
                Blocker::EligibilityUnchecked {
                    applicant: "A02".into(),
                    missing: vec![
                        "legal_entity".into(),
                        "coverage".into(),
                        "team_and_cases".into(),
                        "own_ip".into()
                    ],
                },
                Blocker::EligibilityUnchecked {
                    applicant: "A03".into(),
                    missing: vec!["own_ip".into()],
                },
            ]
        );
        // A02 fails one item (the rest unrecorded): no longer unchecked, and its
        // missing experts, pending request and stale materials block nothing.
        let date = Date::new(2026, 3, 6).unwrap();
        let not_met = ItemOutcome {
            item: "legal_entity".into(),
            met: false,
            note: Some("营业执照已注销。".into()),
        };
        let mut round =
            record_checks(&round, &template, "A02", &[not_met], "郑雅文", date).unwrap();
        round.assignments.retain(|a| a.applicant != "A02");
        round.recusal_requests[0].applicant = "A02".into();
        round.recusal_requests[0].ruling = RecusalRuling::Pending;
        let blockers = check_sealing(&round, &template, |_| true);
        assert_eq!(
            blockers,
            vec![Blocker::EligibilityUnchecked {
                applicant: "A03".into(),
                missing: vec!["own_ip".into()],
            }]
        );
        // The same round with A02 eligible again: its quorum and request block.
        round.eligibility.retain(|c| c.applicant != "A02");
        let blockers = check_sealing(&round, &template, |_| true);
        assert!(blockers.contains(&Blocker::PendingRecusal {
            applicant: "A02".into(),
            expert: "E03".into()
        }));
        assert!(blockers
            .iter()
            .any(|b| matches!(b, Blocker::BelowQuorum { applicant, experts: 0, .. } if applicant == "A02")));
    }
}
