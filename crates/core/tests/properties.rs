//! Property tests (proptest) of the rules engine's invariants: order
//! independence, bounds and monotonicity of the aggregates, recusal, ranking as
//! a total order, and the draw as a pure function without repeats.

mod common;

use proptest::prelude::*;
use reviewdesk_core::rules::aggregate::{median, plain, trimmed_mean};
use reviewdesk_core::rules::draw::{draw_sample, draw_seed};
use reviewdesk_core::rules::{compute, ComputeInput, Pair, ScoreInput};
use reviewdesk_core::Method;
use rust_decimal::Decimal;
use std::collections::HashSet;

fn half_steps(max: u32) -> impl Strategy<Value = Decimal> {
    (0..=max * 2).prop_map(|h| Decimal::new(h as i64 * 5, 1))
}

/// A small round: 1–6 applicants, 3–6 experts, 3 stages × 2 indicators, random scores.
fn small_round() -> impl Strategy<Value = (ComputeInput, u64)> {
    (1usize..6, 3usize..6, any::<u64>())
        .prop_map(|(a, e, seed)| (common::synthetic_input(a, e, 3, 2, seed), seed))
}

fn json(t: &reviewdesk_core::Template, i: &ComputeInput) -> String {
    serde_json::to_string(&compute(t, i).expect("computes")).unwrap()
}

fn methods() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("mean"),
        Just("trimmed_mean"),
        Just("median"),
        Just("zscore")
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn results_do_not_depend_on_the_order_of_experts_or_scores((input, seed) in small_round(), m in methods()) {
        let t = common::synthetic_template(3, 2, m);
        let mut shuffled = input.clone();
        let n = shuffled.scores.len();
        // A seeded permutation of scores and experts.
        let mut x = seed | 1;
        for i in (1..n).rev() {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.scores.swap(i, (x >> 33) as usize % (i + 1));
        }
        shuffled.experts.reverse();
        prop_assert_eq!(json(&t, &input), json(&t, &shuffled));
    }

    #[test]
    fn a_trimmed_mean_lies_between_min_and_max(v in prop::collection::vec(half_steps(10), 1..12), min_n in 3u32..7) {
        let tm = trimmed_mean(&v, min_n).unwrap();
        prop_assert!(tm >= *v.iter().min().unwrap() && tm <= *v.iter().max().unwrap());
    }

    #[test]
    fn raising_one_score_never_lowers_the_aggregate(
        v in prop::collection::vec(half_steps(10), 1..12),
        i in any::<prop::sample::Index>(),
        up in half_steps(5),
        m in prop_oneof![Just(Method::Mean), Just(Method::TrimmedMean), Just(Method::Median)],
    ) {
        let mut w = v.clone();
        let k = i.index(w.len());
        w[k] += up;
        prop_assert!(plain(m, &w, 5).unwrap() >= plain(m, &v, 5).unwrap());
        prop_assert_eq!(median(&v).is_some(), true);
    }

    #[test]
    fn a_recused_experts_scores_never_change_any_result((input, seed) in small_round(), m in methods()) {
        let t = common::synthetic_template(3, 2, m);
        let mut with = input.clone();
        with.experts.push("EX".into());
        let mut x = seed;
        for a in &input.applicants {
            with.recusals.push(Pair { expert: "EX".into(), applicant: a.id.clone() });
            for s in 0..3 {
                for i in 0..2 {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                    with.scores.push(ScoreInput {
                        expert: "EX".into(),
                        applicant: a.id.clone(),
                        stage: format!("s{s}"),
                        indicator: format!("s{s}i{i}"),
                        value: Decimal::from((x >> 40) % 11),
                        reason: None,
                    });
                }
            }
        }
        prop_assert_eq!(json(&t, &input), json(&t, &with));
    }

    #[test]
    fn ranking_is_a_total_order((input, _) in small_round(), m in methods()) {
        let t = common::synthetic_template(3, 2, m);
        let r = compute(&t, &input).unwrap();
        for cat in ["c", "d"] {
            let mut ranks: Vec<u32> = r.applicants.iter().filter(|a| a.category == cat).map(|a| a.rank.expect("every applicant is eligible, so ranked")).collect();
            ranks.sort();
            let expected: Vec<u32> = (1..=ranks.len() as u32).collect();
            prop_assert_eq!(ranks, expected);
        }
        // Graded applicants appear in rank order with non-increasing finals.
        for w in r.applicants.windows(2) {
            if w[0].category == w[1].category && w[1].final_score.is_some() && w[0].final_score.is_some() {
                prop_assert!(w[0].rank < w[1].rank && w[0].final_score >= w[1].final_score);
            }
        }
    }

    #[test]
    fn the_draw_is_a_function_of_its_inputs_without_repeats(
        round in "[a-z0-9-]{1,12}", announced in "[0-9]{1,8}", n in 0usize..40, k in 0usize..50,
    ) {
        let hash = "ab".repeat(32);
        let seed = draw_seed(&round, &hash, &announced);
        prop_assert_eq!(seed, draw_seed(&round, &hash, &announced));
        let cands: Vec<String> = (0..n).map(|i| format!("A{i:03}")).collect();
        let s1 = draw_sample(&seed, &cands, k);
        prop_assert_eq!(&s1, &draw_sample(&seed, &cands, k));
        prop_assert_eq!(s1.len(), k.min(n));
        let distinct: HashSet<&String> = s1.iter().collect();
        prop_assert_eq!(distinct.len(), s1.len());
    }
}
