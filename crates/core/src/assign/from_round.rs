//! A round as the assignment's input ([`round_input`]): its applicants, its panel
//! experts with their kinds and employers, the conflicts that follow from those
//! employers as of a given day (less those the organizer dismissed), and the
//! upheld recusal requests.

use super::{
    derive_conflicts, ApplicantProfile, AssignInput, ExpertKind, ExpertProfile, FormerEmployer,
    Organization, Pair, Requirement,
};
use crate::calendar::Date;
use crate::eligibility::is_ineligible;
use crate::round::{RecusalRuling, Round};
use crate::template::Template;
use std::collections::BTreeSet;

/// What the organizer chooses for an automatic assignment of a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundAssignOptions {
    /// Experts per applicant; `None` takes [`default_per_applicant`].
    pub per_applicant: Option<u32>,
    /// The most applicants one expert reviews; `None` means no limit.
    pub max_load: Option<u32>,
    /// The seed (same seed, same round: same assignment).
    pub seed: u64,
    /// The day conflicts of interest are judged on (former employers left within
    /// 36 months before it count): the round's deadline when it has one, else
    /// what the caller passes (today).
    pub as_of: Date,
}

/// Experts per applicant when the organizer does not say: the template's quorum
/// (the fewest valid scores an applicant's result needs).
pub fn default_per_applicant(template: &Template) -> u32 {
    template.quorum
}

/// The kinds an applicant needs at least one of: every kind some panel expert has
/// (none when no expert has a kind).
pub fn kinds_present(round: &Round) -> Vec<ExpertKind> {
    let kinds: BTreeSet<ExpertKind> = round.experts().iter().filter_map(|e| e.kind).collect();
    kinds.into_iter().collect()
}

/// The assignment input of `round`: every applicant (except those that failed the
/// eligibility check, which are not reviewed) needs `per_applicant` experts
/// with at least one of each kind present on the panel; the panel's experts (the
/// chair excluded) with their kinds, current and former employers; the conflicts
/// [`derive_conflicts`] finds as of `options.as_of`; the upheld recusal requests.
pub fn round_input(round: &Round, template: &Template, options: RoundAssignOptions) -> AssignInput {
    let per_applicant = options
        .per_applicant
        .unwrap_or_else(|| default_per_applicant(template));
    let requirement = Requirement::at_least_one_of(per_applicant, &kinds_present(round));
    let max_load = options
        .max_load
        .unwrap_or(u32::try_from(round.applicants.len()).unwrap_or(u32::MAX));
    // An applicant that failed the eligibility check is not reviewed: not assigned.
    let applicants: Vec<ApplicantProfile> = round
        .applicants
        .iter()
        .filter(|a| !is_ineligible(round, &a.id))
        .map(|a| ApplicantProfile {
            id: a.id.clone(),
            organization: Organization {
                credit_code: Some(a.credit_code.as_str().to_owned()),
                name: a.name.clone(),
            },
            categories: a.categories.clone(),
            topics: std::iter::once(a.industry.zh.clone())
                .chain(a.categories.iter().cloned())
                .collect(),
            requirement: requirement.clone(),
        })
        .collect();
    let experts: Vec<ExpertProfile> = round
        .experts()
        .iter()
        .map(|e| ExpertProfile {
            id: e.id.clone(),
            kind: e.kind,
            employer: (!e.affiliation.trim().is_empty()).then(|| Organization {
                credit_code: e
                    .affiliation_credit_code
                    .as_ref()
                    .map(|c| c.as_str().to_owned()),
                name: e.affiliation.clone(),
            }),
            former_employers: e
                .former_employers
                .iter()
                .map(|f| FormerEmployer {
                    organization: Organization {
                        credit_code: f.credit_code.as_ref().map(|c| c.as_str().to_owned()),
                        name: f.name.clone(),
                    },
                    left: f.until,
                })
                .collect(),
            fields: vec![e.field.zh.clone()],
            max_load,
        })
        .collect();
    let mut conflicts = derive_conflicts(&applicants, &experts, options.as_of);
    // A conflict the organizer dismissed with a reason does not exclude the pair.
    conflicts.retain(|p| {
        !round
            .conflict_dismissals
            .iter()
            .any(|d| d.applicant == p.applicant && d.expert == p.expert)
    });
    let recusals = round
        .recusal_requests
        .iter()
        .filter(|r| r.ruling == RecusalRuling::Upheld && !is_ineligible(round, &r.applicant))
        .map(|r| Pair::new(&r.applicant, &r.expert))
        .collect();
    AssignInput {
        applicants,
        experts,
        conflicts,
        recusals,
        pins: pairs_of(round, &round.assignment_pins),
        bans: pairs_of(round, &round.assignment_bans),
        match_weight: super::default_match_weight(),
        seed: options.seed,
    }
}

/// The organizer's pins or bans as pairs, leaving out applicants that failed the
/// eligibility check (they are not assigned at all).
fn pairs_of(round: &Round, list: &[crate::round::Assignment]) -> Vec<Pair> {
    list.iter()
        .filter(|a| !is_ineligible(round, &a.applicant))
        .map(|a| Pair::new(&a.applicant, &a.expert))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::round::Expert;

    const TEMPLATE: &str =
        include_str!("../../../../assets/templates/gd-supplier-recognition.toml");
    const ROUND: &str = include_str!("../../../../assets/demo/round.toml");

    fn demo() -> (Round, Template) {
        let template: Template = toml::from_str(TEMPLATE).unwrap();
        let round: Round = toml::from_str(ROUND).unwrap();
        (round, template)
    }

    fn options(seed: u64) -> RoundAssignOptions {
        RoundAssignOptions {
            per_applicant: Some(3),
            max_load: None,
            seed,
            as_of: Date::new(2026, 6, 30).unwrap(),
        }
    }

    #[test]
    fn expert_fields_are_optional_and_read_back() {
        let text = r#"
id = "E09"
name = "张三"
affiliation = "广州云擎工业软件有限公司"
field = { zh = "工业软件", en = "Industrial software" }
kind = "finance"
affiliation_credit_code = "91440101MA5AGYGLU6"
former_employers = [{ name = "某某大学", until = "2024-06-30" }]
"#;
        let e: Expert = toml::from_str(text).unwrap();
        assert_eq!(e.kind, Some(ExpertKind::Finance));
        assert_eq!(e.former_employers[0].until, Date::new(2024, 6, 30).unwrap());
        let back: Expert = toml::from_str(&toml::to_string(&e).unwrap()).unwrap();
        assert_eq!(back, e);
        // A bad credit code is refused when read.
        let bad = text.replace("91440101MA5AGYGLU6", "91440101OA5AGYGLU6");
        assert!(toml::from_str::<Expert>(&bad).is_err());
        // Without the new fields the text written is what it was before them.
        let (round, _) = demo();
        let written = toml::to_string(&round.panel.experts[0]).unwrap();
        assert!(!written.contains("kind") && !written.contains("former"));
    }

    #[test]
    fn employers_become_conflicts_and_upheld_requests_recusals() {
        let (mut round, template) = demo();
        let a01 = round.applicants[0].clone();
        round.panel.experts[0].affiliation = "别的名字".into();
        round.panel.experts[0].affiliation_credit_code = Some(a01.credit_code.clone());
        round.panel.experts[1].former_employers = vec![crate::round::FormerAffiliation {
            name: round.applicants[1].name.clone(),
            credit_code: None,
            until: Date::new(2023, 7, 1).unwrap(),
        }];
        // Left more than 36 months before the day: no conflict.
        round.panel.experts[2].former_employers = vec![crate::round::FormerAffiliation {
            name: round.applicants[2].name.clone(),
            credit_code: None,
            until: Date::new(2023, 6, 29).unwrap(),
        }];
        let input = round_input(&round, &template, options(7));
        let e = |i: usize| round.panel.experts[i].id.clone();
        assert_eq!(
            input.conflicts,
            vec![Pair::new("A01", e(0)), Pair::new("A02", e(1))]
        );
        assert!(input.applicants.iter().all(|a| a.requirement.experts == 3));
        assert!(input.applicants[0].requirement.kinds.is_empty());
        let plan = super::super::assign(&input).unwrap();
        assert!(super::super::check(&input, &plan).is_empty());
        assert!(!plan.panels[0].experts.contains(&e(0)));
    }

    #[test]
    fn kinds_present_are_required_and_the_quorum_is_the_default() {
        let (mut round, template) = demo();
        round.panel.experts[0].kind = Some(ExpertKind::Finance);
        round.panel.experts[1].kind = Some(ExpertKind::Technical);
        let mut o = options(1);
        o.per_applicant = None;
        let input = round_input(&round, &template, o);
        let r = &input.applicants[0].requirement;
        assert_eq!(r.experts, template.quorum);
        assert_eq!(
            r.kinds.keys().copied().collect::<Vec<_>>(),
            vec![ExpertKind::Technical, ExpertKind::Finance]
        );
    }

    #[test]
    fn a_failed_applicant_is_not_assigned() {
        let (round, template) = demo();
        let not_met = crate::eligibility::ItemOutcome {
            item: "coverage".into(),
            met: false,
            note: Some("业务仅覆盖东莞市。".into()),
        };
        let date = Date::new(2026, 3, 6).unwrap();
        // A04 has an upheld recusal request: it goes with the applicant.
        let round =
            crate::eligibility::record_checks(&round, &template, "A04", &[not_met], "郑雅文", date)
                .unwrap();
        let input = round_input(&round, &template, options(7));
        assert_eq!(input.applicants.len(), round.applicants.len() - 1);
        assert!(input.applicants.iter().all(|a| a.id != "A04"));
        assert!(input.recusals.iter().all(|p| p.applicant != "A04"));
        let plan = super::super::assign(&input).unwrap();
        assert!(plan.assignments().iter().all(|a| a.applicant != "A04"));
    }
}
