//! Figures for the automatic assignment (rule 15): synthetic rounds of 500
//! applicants × 100 experts × 5 per applicant and 5,000 × 300 × 5, each applicant
//! needing one technical, one industry and one finance expert, about 2 % of pairs
//! conflicted, experts grouped three to an employer; load limit the even share
//! plus 2, then exactly the even share (every expert full, so the greedy fill
//! leaves places that only augmenting paths can fill). Run in release:
//! `cargo run --release -p reviewdesk-core --example assign_figures`.

use reviewdesk_core::assign::{
    assign, check, ApplicantProfile, AssignInput, ExpertKind, ExpertProfile, Organization, Pair,
    Requirement,
};
use std::time::Instant;

/// A small deterministic generator (xorshift), so the instances are the same on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn instance(applicants: usize, experts: usize, per: u32, slack: u32, seed: u64) -> AssignInput {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ applicants as u64);
    let topics = [
        "制造", "软件", "能源", "材料", "医药", "物流", "金融", "农业",
    ];
    let demand = applicants as u64 * per as u64;
    let max_load = demand.div_ceil(experts as u64) as u32 + slack;
    let experts: Vec<ExpertProfile> = (0..experts)
        .map(|i| ExpertProfile {
            id: format!("E{i:04}"),
            kind: Some(ExpertKind::ALL[i % 3]),
            employer: Some(Organization {
                credit_code: None,
                name: format!("单位{}", i / 3),
            }),
            former_employers: vec![],
            fields: vec![topics[rng.below(8) as usize].to_owned()],
            max_load,
        })
        .collect();
    let applicants: Vec<ApplicantProfile> = (0..applicants)
        .map(|i| ApplicantProfile {
            id: format!("A{i:05}"),
            organization: Organization {
                credit_code: None,
                name: format!("申报单位{i}"),
            },
            categories: vec![if i % 2 == 0 { "平台" } else { "应用" }.to_owned()],
            topics: vec![topics[rng.below(8) as usize].to_owned()],
            requirement: Requirement::at_least_one_of(per, &ExpertKind::ALL),
        })
        .collect();
    let mut conflicts = Vec::new();
    for a in &applicants {
        for e in &experts {
            if rng.below(50) == 0 {
                conflicts.push(Pair::new(&a.id, &e.id));
            }
        }
    }
    AssignInput {
        applicants,
        experts,
        conflicts,
        recusals: vec![],
        pins: vec![],
        bans: vec![],
        match_weight: 2,
        seed,
    }
}

fn main() {
    for (a, e, per, slack) in [
        (500, 100, 5, 2),
        (500, 100, 5, 0),
        (5_000, 300, 5, 2),
        (5_000, 300, 5, 0),
    ] {
        let input = instance(a, e, per, slack, 2026);
        let start = Instant::now();
        let plan = assign(&input).expect("an assignment exists");
        let took = start.elapsed();
        assert!(check(&input, &plan).is_empty());
        let loads = plan.loads();
        let (lo, hi) = (
            loads.values().min().copied().unwrap_or(0),
            loads.values().max().copied().unwrap_or(0),
        );
        println!(
            "{a} applicants × {e} experts × {per}: {:.3} s, {} pairs, {} conflicted pairs, loads {lo}–{hi} (limit {})",
            took.as_secs_f64(),
            plan.assignments().len(),
            input.conflicts.len(),
            input.experts[0].max_load
        );
    }
}
