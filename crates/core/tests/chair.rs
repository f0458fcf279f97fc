//! The chair's views on a computation: the completeness matrix agrees with the
//! rules engine's valid experts, and the method comparison ranks every applicant
//! under every method, marking the changes.

mod common;

use proptest::prelude::*;
use reviewdesk_core::rules::{
    compare, completeness, compute, CellState, ComputeInput, NotApplicable, Pair, QuorumState,
    COMPARED_METHODS,
};
use reviewdesk_core::{Level, Method};
use rust_decimal::Decimal;

/// A small round with holes: some scores dropped, some recusals.
fn holey_round() -> impl Strategy<Value = (ComputeInput, Vec<Pair>)> {
    (
        1usize..5,
        3usize..6,
        any::<u64>(),
        prop::collection::vec(any::<prop::sample::Index>(), 0..12),
        prop::collection::vec(
            any::<(prop::sample::Index, prop::sample::Index, bool)>(),
            0..3,
        ),
    )
        .prop_map(|(a, e, seed, drops, recusals)| {
            let mut input = common::synthetic_input(a, e, 2, 2, seed);
            for d in drops {
                if !input.scores.is_empty() {
                    let i = d.index(input.scores.len());
                    input.scores.remove(i);
                }
            }
            let mut upheld = Vec::new();
            for (xe, xa, is_upheld) in recusals {
                let p = Pair {
                    expert: input.experts[xe.index(e)].clone(),
                    applicant: input.applicants[xa.index(a)].id.clone(),
                };
                if input.recusals.contains(&p) {
                    continue;
                }
                input
                    .scores
                    .retain(|s| !(s.expert == p.expert && s.applicant == p.applicant));
                if is_upheld {
                    upheld.push(p.clone());
                }
                input.recusals.push(p);
            }
            (input, upheld)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_matrix_counts_the_engines_valid_experts((input, upheld) in holey_round()) {
        let t = common::synthetic_template(2, 2, "mean");
        let result = compute(&t, &input).expect("computes");
        let c = completeness(&t, &input, &upheld, Some(&result));
        prop_assert_eq!(c.cells.len(), input.experts.len() * input.applicants.len() * 2);
        for a in &result.applicants {
            for s in &a.stages {
                let q = c.quorum_of(&a.id, &s.stage).unwrap();
                prop_assert_eq!(q.valid, s.valid_experts);
                prop_assert_eq!(q.state == QuorumState::Met, s.valid_experts >= t.quorum);
            }
        }
        for cell in &c.cells {
            let p = Pair { expert: cell.expert.clone(), applicant: cell.applicant.clone() };
            match cell.state {
                CellState::RecusedUpheld => prop_assert!(upheld.contains(&p)),
                CellState::RecusedSelf => prop_assert!(input.recusals.contains(&p) && !upheld.contains(&p)),
                CellState::Scored => prop_assert_eq!(cell.given, cell.of),
                CellState::Partial => prop_assert!(cell.given > 0 && cell.given < cell.of),
                CellState::Missing => prop_assert_eq!(cell.given, 0),
                CellState::NotRequired => {
                    prop_assert_eq!(cell.given, 0);
                    let a = result.applicants.iter().find(|a| a.id == cell.applicant).unwrap();
                    let s = a.stages.iter().find(|s| s.stage == cell.stage).unwrap();
                    prop_assert_eq!(s.status, reviewdesk_core::rules::StageStatus::NotRequired);
                }
                CellState::NotAssigned | CellState::NotSampled | CellState::AwaitingDraw => prop_assert!(false, "no assignments, no sample"),
            }
        }
    }

    #[test]
    fn the_comparison_agrees_with_compute_per_method((input, _) in holey_round(), own in 0usize..4) {
        let name = ["mean", "trimmed_mean", "median", "zscore"][own];
        let t = common::synthetic_template(2, 2, name);
        let cmp = compare(&t, &input).expect("compares");
        prop_assert_eq!(cmp.methods.len(), 4);
        prop_assert!(cmp.methods[own].template_method);
        for (i, m) in COMPARED_METHODS.iter().enumerate() {
            let mut t2 = t.clone();
            t2.aggregation.method = *m;
            let r = compute(&t2, &input).unwrap();
            for a in &cmp.applicants {
                let x = r.applicants.iter().find(|x| x.id == a.id).unwrap();
                prop_assert_eq!(a.ranks[i], x.rank);
                prop_assert_eq!(a.finals[i], x.final_score);
                prop_assert_eq!(a.differs[i], x.rank != a.ranks[own]);
            }
        }
        prop_assert!(cmp.applicants.iter().all(|a| !a.differs[own]));
    }
}

#[test]
fn a_spread_changes_the_ranking_and_zscore_needs_stage_totals() {
    let t = common::synthetic_template(1, 1, "mean");
    let mut input = common::synthetic_input(2, 5, 1, 1, 7);
    // A0000: 10 10 1 1 1 → mean 4.6, median 1; A0001: 4 4 4 4 4 → 4.
    let a0 = [10, 10, 1, 1, 1];
    for s in &mut input.scores {
        let e: usize = s.expert[1..].parse().unwrap();
        s.value = if s.applicant == "A0000" {
            Decimal::from(a0[e])
        } else {
            Decimal::from(4)
        };
    }
    for a in &mut input.applicants {
        a.category = "c".into();
    }
    let cmp = compare(&t, &input).unwrap();
    let a = cmp.applicants.iter().find(|a| a.id == "A0000").unwrap();
    assert_eq!(a.ranks[0], Some(1));
    assert_eq!(a.ranks[2], Some(2), "the median puts A0000 second");
    assert!(a.differs[2] && !a.differs[0]);
    assert!(cmp.any_change());

    let mut ti = t.clone();
    ti.aggregation.level = Level::Indicator;
    let cmp = compare(&ti, &input).unwrap();
    assert_eq!(cmp.methods[3].method, Method::Zscore);
    assert_eq!(
        cmp.methods[3].not_applicable,
        Some(NotApplicable::ZscoreAtIndicatorLevel)
    );
    assert!(cmp
        .applicants
        .iter()
        .all(|a| a.ranks[3].is_none() && !a.differs[3]));
}
