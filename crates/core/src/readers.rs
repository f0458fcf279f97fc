//! Who may read an applicant's materials (材料可读人): the rule sealing applies
//! when it encrypts each material, so that a recusal is cryptographic — a recused
//! or unassigned expert is simply not a recipient of that material.

use crate::round::{Material, RecusalRuling, Round};

/// The experts who may read `material` besides the organizer, in panel order: the
/// experts assigned to its applicant (every expert when the round has no
/// assignments) whose recusal from that applicant was not upheld; none for an
/// applicant that failed the eligibility check (it is not reviewed). The chair is
/// not among them unless the chair is also such an expert.
pub fn material_readers<'a>(round: &'a Round, material: &Material) -> Vec<&'a str> {
    applicant_readers(round, &material.applicant)
}

/// [`material_readers`] for every material of `applicant`.
pub fn applicant_readers<'a>(round: &'a Round, applicant: &str) -> Vec<&'a str> {
    if crate::eligibility::is_ineligible(round, applicant) {
        return Vec::new();
    }
    round
        .experts_for(applicant)
        .into_iter()
        .filter(|e| {
            !round.recusal_requests.iter().any(|q| {
                q.applicant == applicant && q.expert == e.id && q.ruling == RecusalRuling::Upheld
            })
        })
        .map(|e| e.id.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::round::{Assignment, RecusalRequest};

    fn demo() -> Round {
        toml::from_str(include_str!("../../../assets/demo/round.toml")).expect("demo round")
    }

    fn material(applicant: &str) -> Material {
        Material {
            id: "M99".into(),
            applicant: applicant.into(),
            kind: crate::round::MaterialKind::Other,
            title: "x".into(),
            file: "x.pdf".into(),
            issued: None,
            stale_reason: None,
        }
    }

    fn request(applicant: &str, expert: &str, ruling: RecusalRuling) -> RecusalRequest {
        RecusalRequest {
            applicant: applicant.into(),
            expert: expert.into(),
            reason: "r".into(),
            ruling,
            received: None,
            ruling_reason: None,
            ruled_by: None,
            ruled_on: None,
        }
    }

    #[test]
    fn nobody_but_the_organizer_reads_an_applicant_that_failed_eligibility() {
        let mut round = demo();
        assert!(!applicant_readers(&round, "A02").is_empty());
        let check = round
            .eligibility
            .iter_mut()
            .find(|c| c.applicant == "A02")
            .expect("the demo records A02's check");
        check.met = false;
        check.note = Some("营业执照已注销".into());
        assert!(material_readers(&round, &material("A02")).is_empty());
        assert!(!applicant_readers(&round, "A01").is_empty());
    }

    #[test]
    fn assigned_experts_read_and_an_upheld_recusal_removes_one() {
        let mut r = demo();
        r.assignments = vec![
            Assignment {
                expert: "E02".into(),
                applicant: "A01".into(),
            },
            Assignment {
                expert: "E01".into(),
                applicant: "A01".into(),
            },
            Assignment {
                expert: "E03".into(),
                applicant: "A02".into(),
            },
        ];
        r.recusal_requests = vec![];
        assert_eq!(material_readers(&r, &material("A01")), ["E01", "E02"]);
        r.recusal_requests = vec![
            request("A01", "E02", RecusalRuling::Upheld),
            // Rejected and pending requests leave the expert a reader.
            request("A01", "E01", RecusalRuling::Rejected),
            // An upheld request for another applicant changes nothing here.
            request("A02", "E01", RecusalRuling::Upheld),
        ];
        assert_eq!(material_readers(&r, &material("A01")), ["E01"]);
        assert_eq!(material_readers(&r, &material("A02")), ["E03"]);
        r.recusal_requests
            .push(request("A01", "E01", RecusalRuling::Pending));
        assert_eq!(material_readers(&r, &material("A01")), ["E01"]);
        assert!(material_readers(&r, &material("A03")).is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]
        /// Over random assignments and rulings: a reader is an expert of the panel
        /// (never the chair), assigned (or nobody is), never upheld-recused; every
        /// such expert reads; panel order.
        #[test]
        fn readers_are_exactly_the_assigned_unrecused_experts(
            assigned in proptest::collection::vec(proptest::bool::ANY, 40),
            rulings in proptest::collection::vec(0u8..4, 40),
        ) {
            let mut r = demo();
            let experts: Vec<String> = r.panel.experts.iter().map(|e| e.id.clone()).collect();
            let applicants: Vec<String> = r.applicants.iter().map(|a| a.id.clone()).collect();
            let pairs: Vec<(String, String)> = applicants
                .iter()
                .flat_map(|a| experts.iter().map(move |e| (e.clone(), a.clone())))
                .collect();
            r.assignments = pairs
                .iter()
                .zip(&assigned)
                .filter(|(_, on)| **on)
                .map(|((e, a), _)| Assignment { expert: e.clone(), applicant: a.clone() })
                .collect();
            r.recusal_requests = pairs
                .iter()
                .zip(&rulings)
                .filter_map(|((e, a), k)| {
                    let ruling = match k {
                        0 => RecusalRuling::Upheld,
                        1 => RecusalRuling::Rejected,
                        2 => RecusalRuling::Pending,
                        _ => return None,
                    };
                    Some(request(a, e, ruling))
                })
                .collect();
            for a in &applicants {
                let got = material_readers(&r, &material(a));
                let want: Vec<&str> = experts
                    .iter()
                    .filter(|e| {
                        r.assignments.is_empty()
                            || r.assignments.iter().any(|x| &x.expert == *e && &x.applicant == a)
                    })
                    .filter(|e| {
                        !r.recusal_requests.iter().any(|q| {
                            &q.expert == *e && &q.applicant == a && q.ruling == RecusalRuling::Upheld
                        })
                    })
                    .map(String::as_str)
                    .collect();
                proptest::prop_assert_eq!(&got, &want);
                proptest::prop_assert!(!got.contains(&r.panel.chair.id.as_str()));
            }
        }
    }

    #[test]
    fn no_assignments_means_every_expert_but_never_the_chair() {
        let mut r = demo();
        r.assignments.clear();
        r.recusal_requests = vec![request("A04", "E03", RecusalRuling::Upheld)];
        let all: Vec<&str> = r.panel.experts.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(material_readers(&r, &material("A01")), all);
        let without: Vec<&str> = all.iter().copied().filter(|e| *e != "E03").collect();
        assert_eq!(material_readers(&r, &material("A04")), without);
        assert!(!material_readers(&r, &material("A01")).contains(&r.panel.chair.id.as_str()));
    }
}
