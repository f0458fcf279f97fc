//! What would block sealing a round (封装前检查): [`check_sealing`] returns every
//! [`Blocker`] as a typed value — stale materials without a reason, kinds the
//! template does not allow, required kinds an applicant lacks, recusal requests
//! not ruled on, panel members without a key card, applicants with fewer experts
//! than the quorum. The shell says which key cards exist and renders the findings.

use crate::calendar::Date;
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
/// per applicant, recusal requests, key cards (chair first), quorum per applicant.
/// `has_card(id)` says whether `cards/<id>.card` exists.
pub fn check_sealing(
    round: &Round,
    template: &Template,
    has_card: impl Fn(&str) -> bool,
) -> Vec<Blocker> {
    let mut out = Vec::new();
    let deadline: Option<Date> = round.program.application_deadline;
    for m in &round.materials {
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
    for (applicant, kinds) in missing_required(&round.applicants, &round.materials, template) {
        for kind in kinds {
            out.push(Blocker::MissingRequired {
                applicant: applicant.clone(),
                kind,
            });
        }
    }
    for r in &round.recusal_requests {
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
    let upheld = |expert: &str, applicant: &str| {
        round.recusal_requests.iter().any(|r| {
            r.ruling == RecusalRuling::Upheld && r.expert == expert && r.applicant == applicant
        })
    };
    for a in &round.applicants {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::round::{Panel, Program, ROUND_FORMAT};
    use crate::text::Localized;

    fn new_round() -> (Round, Template) {
        let template: Template =
            toml::from_str(include_str!("../../../assets/templates/gd-pool-2021.toml")).unwrap();
        let l = |s: &str| Localized {
            zh: s.into(),
            en: s.into(),
        };
        let round = Round {
            format: ROUND_FORMAT.into(),
            id: "r".into(),
            program: Program {
                title: l("t"),
                organizer: l("o"),
                template: template.id.clone(),
                pledge: None,
                deadline: None,
                application_deadline: None,
            },
            applicants: Vec::new(),
            panel: Panel::default(),
            assignments: Vec::new(),
            recusal_requests: Vec::new(),
            materials: Vec::new(),
            samples: Vec::new(),
            assignment_seed: None,
        };
        (round, template)
    }

    #[test]
    fn a_round_without_a_panel_says_so_not_that_a_card_is_missing() {
        let (round, template) = new_round();
        let blockers = check_sealing(&round, &template, |_| false);
        assert_eq!(blockers, [Blocker::NoPanel]);
    }
}
