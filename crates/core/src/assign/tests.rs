//! Tests of the assignment: conflicts, shortages, pins and bans, determinism, and
//! property tests against a brute-force oracle on tiny instances.

use super::*;
use proptest::prelude::*;
use ExpertKind::{Finance, Industry, Technical};

fn org(code: Option<&str>, name: &str) -> Organization {
    Organization {
        credit_code: code.map(str::to_owned),
        name: name.to_owned(),
    }
}

fn applicant(id: &str, cat: &str, req: Requirement) -> ApplicantProfile {
    ApplicantProfile {
        id: id.into(),
        organization: org(None, &format!("申报单位{id}")),
        categories: vec![cat.into()],
        topics: vec![cat.into()],
        requirement: req,
    }
}

fn expert(id: &str, kind: Option<ExpertKind>, employer: &str, max_load: u32) -> ExpertProfile {
    ExpertProfile {
        id: id.into(),
        kind,
        employer: Some(org(None, employer)),
        former_employers: vec![],
        fields: vec![],
        max_load,
    }
}

fn input(applicants: Vec<ApplicantProfile>, experts: Vec<ExpertProfile>) -> AssignInput {
    AssignInput {
        applicants,
        experts,
        conflicts: vec![],
        recusals: vec![],
        pins: vec![],
        bans: vec![],
        match_weight: 2,
        seed: 7,
    }
}

/// Three applicants, each needing 3 experts (one of each kind); two experts of
/// each kind at separate employers, load limit 2.
fn seed004() -> AssignInput {
    let req = Requirement::at_least_one_of(3, &ExpertKind::ALL);
    input(
        vec![
            applicant("A01", "platform", req.clone()),
            applicant("A02", "platform", req.clone()),
            applicant("A03", "application", req),
        ],
        vec![
            expert("T1", Some(Technical), "大学甲", 2),
            expert("T2", Some(Technical), "大学乙", 2),
            expert("I1", Some(Industry), "协会甲", 2),
            expert("I2", Some(Industry), "协会乙", 2),
            expert("F1", Some(Finance), "会计师事务所甲", 2),
            expert("F2", Some(Finance), "会计师事务所乙", 2),
        ],
    )
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn names_are_compared_without_spaces_and_full_width_forms() {
    assert_eq!(
        normalize_org_name(" 广州某某 科技（集团）有限公司 "),
        normalize_org_name("广州某某科技(集团)有限公司")
    );
    assert_eq!(normalize_org_name("ＡＢＣ Co"), "abcco");
}

#[test]
fn conflicts_follow_current_and_recent_former_employers() {
    let mut a1 = applicant("A1", "c", Requirement::at_least_one_of(1, &[]));
    a1.organization = org(Some("91440101MA59XXXX0X"), "广州某某科技有限公司");
    let mut a2 = applicant("A2", "c", Requirement::at_least_one_of(1, &[]));
    a2.organization = org(None, "深圳某某（集团）有限公司");
    let mut a3 = applicant("A3", "c", Requirement::at_least_one_of(1, &[]));
    a3.organization = org(None, "佛山某某有限公司");
    let mut by_code = expert("E1", None, "", 1);
    by_code.employer = Some(org(Some("91440101ma59xxxx0x"), "改名后的名称"));
    let by_name = expert("E2", None, "深圳某某(集团)有限公司", 1);
    let mut former_recent = expert("E3", None, "大学", 1);
    former_recent.former_employers = vec![FormerEmployer {
        organization: org(None, "佛山某某有限公司"),
        left: date("2023-03-01"),
    }];
    let mut former_old = expert("E4", None, "大学", 1);
    former_old.former_employers = vec![FormerEmployer {
        organization: org(None, "佛山某某有限公司"),
        left: date("2023-02-28"),
    }];
    let got = derive_conflicts(
        &[a1, a2, a3],
        &[by_code, by_name, former_recent, former_old],
        date("2026-03-01"),
    );
    assert_eq!(
        got,
        vec![
            Pair::new("A1", "E1"),
            Pair::new("A2", "E2"),
            Pair::new("A3", "E3")
        ]
    );
}

#[test]
fn credit_codes_decide_when_both_sides_have_one() {
    let a = org(Some("91440101MA59XXXX0X"), "同名公司");
    let b = org(Some("91440101MA59YYYY0Y"), "同名公司");
    assert!(!a.same_as(&b));
    assert!(a.same_as(&org(None, "同名 公司")));
}

#[test]
fn seed_004_gets_one_expert_of_each_kind_within_load() {
    let inp = seed004();
    let plan = assign(&inp).unwrap();
    assert_eq!(check(&inp, &plan), vec![]);
    assert_eq!(plan.seed, 7);
    assert!(plan.loads().values().all(|&n| n <= 2));
    assert_eq!(plan.assignments().len(), 9);
}

#[test]
fn a_missing_finance_expert_is_named_with_applicant_category_and_count() {
    let mut inp = seed004();
    inp.conflicts = vec![Pair::new("A02", "F1")];
    inp.recusals = vec![Pair::new("A02", "F2")];
    let Err(AssignError::Shortage(s)) = assign(&inp) else {
        panic!("expected a shortage: {:?}", assign(&inp));
    };
    assert_eq!(
        s,
        vec![Shortage {
            applicant: "A02".into(),
            categories: vec!["platform".into()],
            kind: Some(Finance),
            missing: 1,
            eligible: 0,
        }]
    );
    assert_eq!(
        s[0].message(Lang::ZhCn),
        "申报单位 A02（类别 platform）：缺 1 名财务专家（无利益冲突、未回避、未排除者 0 名）"
    );
    assert!(s[0]
        .message(Lang::En)
        .starts_with("applicant A02 (category platform): 1 finance expert(s) short"));
    assert_eq!(
        shortage_summary(&s, Lang::ZhCn),
        vec!["类别 platform: 缺 1 名财务专家"]
    );
}

#[test]
fn load_limits_can_be_what_is_short() {
    let mut inp = seed004();
    for e in &mut inp.experts {
        if e.kind == Some(Finance) {
            e.max_load = 1;
        }
    }
    let Err(AssignError::Shortage(s)) = assign(&inp) else {
        panic!("expected a shortage");
    };
    // Three applicants, two finance places in all: one applicant is one short,
    // though two finance experts would be eligible.
    assert_eq!(s.len(), 1);
    assert_eq!(
        (s[0].kind, s[0].missing, s[0].eligible),
        (Some(Finance), 1, 2)
    );
}

#[test]
fn two_categories_count_in_both_summaries() {
    let s = vec![
        Shortage {
            applicant: "A1".into(),
            categories: vec!["平台".into(), "应用".into()],
            kind: Some(Finance),
            missing: 2,
            eligible: 0,
        },
        Shortage {
            applicant: "A2".into(),
            categories: vec!["平台".into()],
            kind: Some(Finance),
            missing: 1,
            eligible: 0,
        },
    ];
    assert_eq!(
        shortage_summary(&s, Lang::ZhCn),
        vec!["类别 平台: 缺 3 名财务专家", "类别 应用: 缺 2 名财务专家"]
    );
}

#[test]
fn one_expert_per_employer_on_an_applicant() {
    let req = Requirement::at_least_one_of(2, &[]);
    let mut inp = input(
        vec![applicant("A1", "c", req)],
        vec![
            expert("E1", None, "某大学", 1),
            expert("E2", None, "某 大学", 1),
        ],
    );
    let Err(AssignError::Shortage(s)) = assign(&inp) else {
        panic!("expected a shortage");
    };
    assert_eq!((s[0].kind, s[0].missing, s[0].eligible), (None, 1, 1));
    inp.experts.push(expert("E3", None, "另一大学", 1));
    let plan = assign(&inp).unwrap();
    assert_eq!(check(&inp, &plan), vec![]);
    assert!(plan.panels[0].experts.contains(&"E3".to_owned()));
}

#[test]
fn pins_are_kept_and_bans_avoided() {
    let mut inp = seed004();
    inp.pins = vec![Pair::new("A01", "T2"), Pair::new("A02", "T2")];
    inp.bans = vec![Pair::new("A03", "I1")];
    for seed in 0..20 {
        inp.seed = seed;
        let plan = assign(&inp).unwrap();
        assert_eq!(check(&inp, &plan), vec![], "seed {seed}");
        assert!(plan.panels[2].experts.contains(&"I2".to_owned()));
        assert!(plan.panels[2].experts.contains(&"T1".to_owned()));
    }
}

#[test]
fn a_pin_on_a_conflicted_pair_is_refused() {
    let mut inp = seed004();
    inp.pins = vec![Pair::new("A01", "T1"), Pair::new("A01", "X9")];
    inp.conflicts = vec![Pair::new("A01", "T1")];
    let Err(AssignError::Input(p)) = assign(&inp) else {
        panic!("expected input problems");
    };
    assert_eq!(
        p,
        vec![
            InputProblem::UnknownExpert("X9".into()),
            InputProblem::PinRefused {
                pair: Pair::new("A01", "T1"),
                reason: "conflicted".into()
            }
        ]
    );
}

#[test]
fn matching_fields_are_preferred_at_equal_load() {
    let req = Requirement::at_least_one_of(1, &[]);
    let mut inp = input(
        vec![applicant("A1", "储能", req)],
        vec![expert("E1", None, "甲", 1), expert("E2", None, "乙", 1)],
    );
    inp.experts[1].fields = vec!["储能".into()];
    for seed in 0..20 {
        inp.seed = seed;
        assert_eq!(assign(&inp).unwrap().panels[0].experts, vec!["E2"]);
    }
}

#[test]
fn loads_are_balanced() {
    let req = Requirement::at_least_one_of(2, &[]);
    let apps = (0..30)
        .map(|i| applicant(&format!("A{i:02}"), "c", req.clone()))
        .collect();
    let experts = (0..6)
        .map(|i| expert(&format!("E{i}"), None, &format!("单位{i}"), 30))
        .collect();
    let inp = input(apps, experts);
    let plan = assign(&inp).unwrap();
    let loads: Vec<u32> = plan.loads().into_values().collect();
    assert_eq!(loads, vec![10; 6]);
}

#[test]
fn same_seed_same_plan_and_ties_follow_the_seed() {
    let req = Requirement::at_least_one_of(2, &[]);
    let apps = (0..10)
        .map(|i| applicant(&format!("A{i}"), "c", req.clone()))
        .collect();
    let experts = (0..10)
        .map(|i| expert(&format!("E{i}"), None, &format!("单位{i}"), 2))
        .collect();
    let mut inp = input(apps, experts);
    let first = assign(&inp).unwrap();
    assert_eq!(assign(&inp).unwrap(), first);
    inp.seed = 8;
    let other = assign(&inp).unwrap();
    assert_eq!(check(&inp, &other), vec![]);
    assert_ne!(other.panels, first.panels);
}

#[test]
fn the_dry_run_diff_lists_what_changes() {
    let inp = seed004();
    let plan = assign(&inp).unwrap();
    let mut current = plan.assignments();
    let gone = current.remove(0);
    current.push(crate::round::Assignment {
        expert: "X".into(),
        applicant: "A01".into(),
    });
    let d = diff(&current, &plan);
    assert_eq!(d.added, vec![Pair::new(&gone.applicant, &gone.expert)]);
    assert_eq!(d.removed, vec![Pair::new("A01", "X")]);
    assert_eq!(d.kept, 8);
    assert!(diff(&plan.assignments(), &plan).is_empty());
}

/// A plan exists iff this finds one: every combination of expert sets, tried.
fn brute_force_feasible(inp: &AssignInput) -> bool {
    fn go(inp: &AssignInput, a: usize, load: &mut Vec<u32>) -> bool {
        if a == inp.applicants.len() {
            return true;
        }
        let ap = &inp.applicants[a];
        let n = inp.experts.len();
        for mask in 0u32..(1 << n) {
            if mask.count_ones() != ap.requirement.experts {
                continue;
            }
            let chosen: Vec<usize> = (0..n).filter(|i| mask & (1 << i) != 0).collect();
            let plan = AssignmentPlan {
                seed: 0,
                panels: vec![ApplicantPanel {
                    applicant: ap.id.clone(),
                    experts: chosen.iter().map(|&i| inp.experts[i].id.clone()).collect(),
                }],
            };
            let local = AssignInput {
                applicants: vec![ap.clone()],
                pins: inp
                    .pins
                    .iter()
                    .filter(|p| p.applicant == ap.id)
                    .cloned()
                    .collect(),
                ..inp.clone()
            };
            if !check(&local, &plan).is_empty() {
                continue;
            }
            if chosen.iter().any(|&i| load[i] >= inp.experts[i].max_load) {
                continue;
            }
            for &i in &chosen {
                load[i] += 1;
            }
            let ok = go(inp, a + 1, load);
            for &i in &chosen {
                load[i] -= 1;
            }
            if ok {
                return true;
            }
        }
        false
    }
    go(inp, 0, &mut vec![0; inp.experts.len()])
}

/// Tiny random instances. With `mixed` false every employer has experts of one
/// kind only (the case where the solver is complete).
fn instances(mixed: bool) -> impl Strategy<Value = AssignInput> {
    let kinds = prop_oneof![
        Just(Some(Technical)),
        Just(Some(Industry)),
        Just(Some(Finance)),
        Just(None)
    ];
    let experts = prop::collection::vec((kinds, 0u8..3, 1u32..4, any::<bool>()), 1..=6);
    let reqs = prop::collection::vec((1u32..=3, 0u32..=1, 0u32..=1, 0u32..=1), 1..=3);
    (
        experts,
        reqs,
        prop::collection::vec(any::<u8>(), 18),
        prop::collection::vec(any::<u8>(), 18),
        any::<u64>(),
    )
        .prop_map(move |(es, rs, forbid, pin, seed)| {
            let experts: Vec<ExpertProfile> = es
                .iter()
                .enumerate()
                .map(|(i, (kind, g, load, field))| {
                    let employer = if mixed {
                        format!("单位{g}")
                    } else {
                        format!("单位{g}{kind:?}")
                    };
                    let mut e = expert(&format!("E{i}"), *kind, &employer, *load);
                    if *field {
                        e.fields = vec!["c".into()];
                    }
                    e
                })
                .collect();
            let applicants: Vec<ApplicantProfile> = rs
                .iter()
                .enumerate()
                .map(|(i, (n, t, ind, f))| {
                    let mut kinds = BTreeMap::new();
                    for (k, m) in [(Technical, *t), (Industry, *ind), (Finance, *f)] {
                        if m > 0 && kinds.values().sum::<u32>() < *n {
                            kinds.insert(k, m);
                        }
                    }
                    let req = Requirement { experts: *n, kinds };
                    applicant(&format!("A{i}"), "c", req)
                })
                .collect();
            let mut inp = input(applicants, experts);
            inp.seed = seed;
            let mut pinned_apps = HashSet::new();
            for a in 0..inp.applicants.len() {
                for e in 0..inp.experts.len() {
                    let p = Pair::new(&inp.applicants[a].id, &inp.experts[e].id);
                    match forbid[a * 6 + e] % 14 {
                        0 => inp.conflicts.push(p),
                        1 => inp.recusals.push(p),
                        2 => inp.bans.push(p),
                        _ if pin[a * 6 + e] % 16 == 0 && pinned_apps.insert(a) => inp.pins.push(p),
                        _ => {}
                    }
                }
            }
            inp
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_plan_is_valid_and_found_whenever_one_exists(inp in instances(false)) {
        let got = assign(&inp);
        prop_assume!(!matches!(got, Err(AssignError::Input(_))));
        let feasible = brute_force_feasible(&inp);
        match got {
            Ok(plan) => {
                prop_assert_eq!(check(&inp, &plan), vec![]);
                prop_assert!(feasible);
                prop_assert_eq!(assign(&inp).unwrap(), plan);
            }
            Err(AssignError::Shortage(s)) => {
                prop_assert!(!feasible, "a plan exists but the solver reported {:?}", s);
                prop_assert!(!s.is_empty() && s.iter().all(|x| x.missing > 0));
            }
            Err(e) => prop_assert!(false, "{e}"),
        }
    }

    #[test]
    fn with_mixed_employers_a_plan_is_still_valid(inp in instances(true)) {
        if let Ok(plan) = assign(&inp) {
            prop_assert_eq!(check(&inp, &plan), vec![]);
            prop_assert_eq!(assign(&inp).unwrap(), plan);
        }
    }
}

#[test]
fn the_seed_key_is_sha256_of_the_tagged_seed() {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(b"reviewdesk/assign/v1\0");
    h.update(7u64.to_le_bytes());
    assert_eq!(solve::seed_key(7), <[u8; 32]>::from(h.finalize()));
}

#[test]
fn a_greedy_choice_that_blocks_another_applicant_is_undone() {
    // A1 takes any expert; A2 needs a technical one and is conflicted with T1.
    // Whenever the seed lets A1 take T2 first, only an augmenting path fills A2.
    let mut inp = input(
        vec![
            applicant("A1", "c", Requirement::at_least_one_of(1, &[])),
            applicant("A2", "c", Requirement::at_least_one_of(1, &[Technical])),
        ],
        vec![
            expert("T1", Some(Technical), "甲", 1),
            expert("T2", Some(Technical), "乙", 1),
        ],
    );
    inp.conflicts = vec![Pair::new("A2", "T1")];
    for seed in 0..32 {
        inp.seed = seed;
        let plan = assign(&inp).unwrap();
        assert_eq!(check(&inp, &plan), vec![]);
        assert_eq!(plan.panels[0].experts, vec!["T1"]);
    }
}
