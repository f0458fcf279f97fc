use super::*;
use proptest::prelude::*;

const TEMPLATE: &str = include_str!("../../../../assets/templates/gd-supplier-recognition.toml");
const DEMO: &str = include_str!("../../../../assets/demo/round.toml");

fn template() -> Template {
    toml::from_str(TEMPLATE).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::new(y, m, d).unwrap()
}

/// The round of the spec's test vector (`docs/formats.md`, "What a package holds").
const VECTOR_ROUND: &str = r#"
format = "reviewdesk-round/1"
id = "R1"
assignment_seed = 7

[program]
title = { zh = "测试批次", en = "Test round" }
organizer = { zh = "主办单位", en = "Organizer" }
template = "gd-supplier-recognition"

[[applicant]]
id = "A01"
name = "广州云擎工业软件有限公司"
credit_code = "91440101MA5AGYGLU6"
region = { zh = "广州市", en = "Guangzhou" }
industry = { zh = "软件", en = "Software" }
categories = ["application"]

[[applicant]]
id = "A02"
name = "东莞智造科技有限公司"
credit_code = "91441900MA5QQJE70C"
region = { zh = "东莞市", en = "Dongguan" }
industry = { zh = "制造", en = "Manufacturing" }
categories = ["application"]

[[applicant]]
id = "A03"
name = "佛山数联网络有限公司"
credit_code = "91440604MA5RJHTPQ6"
region = { zh = "佛山市", en = "Foshan" }
industry = { zh = "网络", en = "Networks" }
categories = ["platform"]

[panel.chair]
id = "C01"
name = "郑国平"
affiliation = "华南理工大学"
field = { zh = "工业互联网", en = "Industrial internet" }

[[panel.expert]]
id = "E01"
name = "陈立新"
affiliation = "东莞智造"
affiliation_credit_code = "91441900MA5QQJE70C"
field = { zh = "制造", en = "Manufacturing" }

[[panel.expert]]
id = "E02"
name = "李敏"
affiliation = "中山大学"
field = { zh = "网络", en = "Networks" }
former_employers = [{ name = "佛山数联网络有限公司", until = "2024-06-30" }]

[[assignment]]
expert = "E01"
applicant = "A01"

[[assignment]]
expert = "E02"
applicant = "A01"

[[assignment]]
expert = "E01"
applicant = "A03"

[[recusal_request]]
applicant = "A01"
expert = "E02"
reason = "存在合作关系"
received = "2026-03-01"
ruling = "upheld"
ruling_reason = "合作项目仍在履行"
ruled_by = "郑雅文"
ruled_on = "2026-03-03"

[[conflict_dismissal]]
expert = "E01"
applicant = "A02"
reason = "仅兼职顾问，不参与经营"
by = "郑雅文"
on = "2026-03-02"

[[eligibility]]
applicant = "A01"
item = "legal_entity"
met = true
checked_by = "郑雅文"
checked_on = "2026-03-05"

[[eligibility]]
applicant = "A01"
item = "coverage"
met = true
checked_by = "郑雅文"
checked_on = "2026-03-05"

[[eligibility]]
applicant = "A01"
item = "team_and_cases"
met = true
checked_by = "郑雅文"
checked_on = "2026-03-05"

[[eligibility]]
applicant = "A01"
item = "own_ip"
met = true
checked_by = "郑雅文"
checked_on = "2026-03-05"

[[eligibility]]
applicant = "A02"
item = "coverage"
met = false
note = "业务仅覆盖东莞市。"
checked_by = "郑雅文"
checked_on = "2026-03-05"

[[eligibility]]
applicant = "A03"
item = "legal_entity"
met = true
checked_by = "郑雅文"
checked_on = "2026-03-05"
"#;

fn vector_round() -> Round {
    let round: Round = toml::from_str(VECTOR_ROUND).unwrap();
    round.validate(&template()).unwrap();
    round
}

fn vector() -> Decisions {
    organizer_decisions(&vector_round(), &template(), day(2026, 3, 10))
}

const VECTOR_TEXT: &str = r#"reviewdesk-decisions/1
{"round":"R1","sealed_on":"2026-03-10","conflicts_as_of":"2026-03-10","eligibility":[{"applicant":"A01","result":"passed"},{"applicant":"A02","result":"failed","failed":[{"item":"coverage","note":"业务仅覆盖东莞市。"}]},{"applicant":"A03","result":"not_checked","missing":["coverage","team_and_cases","own_ip"]}],"conflicts":[{"applicant":"A02","expert":"E01","grounds":[{"employment":"current","employer":"东莞智造","matched_by":"credit_code"}],"dismissal":{"reason":"仅兼职顾问，不参与经营","by":"郑雅文","on":"2026-03-02"}},{"applicant":"A03","expert":"E02","grounds":[{"employment":"former","employer":"佛山数联网络有限公司","until":"2024-06-30","matched_by":"name"}]}],"unused_dismissals":[],"recusals":[{"applicant":"A01","expert":"E02","reason":"存在合作关系","received":"2026-03-01","ruling":"upheld","ruling_reason":"合作项目仍在履行","ruled_by":"郑雅文","ruled_on":"2026-03-03"}],"assignment":{"seed":7,"every_expert":false,"applicants":[{"applicant":"A01","experts":["E01","E02"]},{"applicant":"A02","experts":[]},{"applicant":"A03","experts":["E01"]}]}}
"#;

#[test]
fn the_spec_test_vector() {
    let text = String::from_utf8(vector().to_text()).unwrap();
    assert_eq!(text, VECTOR_TEXT);
    assert_eq!(Decisions::parse(text.as_bytes()).unwrap(), vector());
}

fn code(text: &str) -> &'static str {
    Decisions::parse(text.as_bytes()).map_or_else(|e| e.code(), |_| "ok")
}

#[test]
fn the_parser_refuses_what_is_not_the_canonical_document() {
    let good = VECTOR_TEXT;
    assert_eq!(code(good), "ok");
    let body = good.strip_prefix("reviewdesk-decisions/1\n").unwrap();
    let cases: Vec<(String, &str)> = vec![
        // Trailing data: after the object, after the LF, a second LF.
        (format!("{}x\n", good.trim_end()), "malformed"),
        (format!("{good}x"), "malformed"),
        (format!("{good}\n"), "not_canonical"),
        (format!("{good}{body}"), "malformed"),
        // No final LF; CRLF; a trailing space.
        (good.trim_end().to_owned(), "not_canonical"),
        (format!("{}\r\n", good.trim_end()), "not_canonical"),
        (format!("{} \n", good.trim_end()), "not_canonical"),
        // Keys in another order.
        (
            good.replace(
                r#""round":"R1","sealed_on":"2026-03-10""#,
                r#""sealed_on":"2026-03-10","round":"R1""#,
            ),
            "not_canonical",
        ),
        // An unknown key, at the top and inside.
        (
            good.replace(r#"{"round":"R1","#, r#"{"round":"R1","note":"x","#),
            "malformed",
        ),
        (
            good.replace(r#""result":"passed"}"#, r#""result":"passed","by":"x"}"#),
            "malformed",
        ),
        // A key twice; a key missing.
        (
            good.replace(r#"{"round":"R1","#, r#"{"round":"R1","round":"R1","#),
            "malformed",
        ),
        (good.replace(r#""unused_dismissals":[],"#, ""), "malformed"),
        // Non-canonical encodings of the same value.
        (good.replace("业务", "\\u4e1a\\u52a1"), "not_canonical"),
        (
            good.replace(r#""seed":7,"#, r#""seed":null,"#),
            "not_canonical",
        ),
        (
            good.replace(r#"{"round":"R1","#, r#"{ "round": "R1", "#),
            "not_canonical",
        ),
        (good.replace(r#""seed":7"#, r#""seed":7.0"#), "malformed"),
        (good.replace(r#""seed":7"#, r#""seed":"7""#), "malformed"),
        // Values the document does not allow.
        (good.replace("2026-03-10", "2026-02-30"), "malformed"),
        (
            good.replace(r#""ruling":"upheld""#, r#""ruling":"maybe""#),
            "malformed",
        ),
        // A result with items that do not fit it; a ground's `until`.
        (
            good.replace(
                r#""result":"failed","failed""#,
                r#""result":"passed","failed""#,
            ),
            "malformed",
        ),
        (
            good.replace(r#""result":"not_checked""#, r#""result":"passed""#),
            "malformed",
        ),
        (good.replace(r#","until":"2024-06-30""#, ""), "malformed"),
        // The format line.
        (
            good.replace("reviewdesk-decisions/1", "reviewdesk-decisions/2"),
            "unsupported_version",
        ),
        (
            good.replace("reviewdesk-decisions/1", "reviewdesk-family/1"),
            "bad_magic",
        ),
        (body.to_owned(), "bad_magic"),
        (String::new(), "bad_magic"),
    ];
    for (text, want) in cases {
        assert_eq!(code(&text), want, "{text}");
    }
    let huge = vec![b' '; MAX_DECISIONS + 1];
    assert_eq!(Decisions::parse(&huge).unwrap_err().code(), "too_large");
}

#[test]
fn the_demo_round_has_every_applicant_passed_one_upheld_request_and_its_pairs() {
    let round: Round = toml::from_str(DEMO).unwrap();
    let d = organizer_decisions(&round, &template(), day(2026, 3, 10));
    assert_eq!(d.round, round.id);
    assert_eq!(d.eligibility.len(), round.applicants.len());
    assert!(d
        .eligibility
        .iter()
        .all(|e| e.result == EligibilityResult::Passed));
    assert_eq!(d.recusals.len(), 1);
    assert_eq!(d.recusals[0].ruling, RecusalRuling::Upheld);
    let pairs: usize = d
        .assignment
        .applicants
        .iter()
        .map(|a| a.experts.len())
        .sum();
    assert_eq!(pairs, round.assignments.len());
    assert!(!d.assignment.every_expert);
    // The deadline, when the round has one, is the day conflicts are judged on.
    assert_eq!(
        d.conflicts_as_of,
        round.program.deadline.unwrap_or(day(2026, 3, 10))
    );
    assert_eq!(Decisions::parse(&d.to_text()).unwrap(), d);
    assert!(d
        .summary()
        .starts_with("8 applicants (8 passed, 0 failed, 0 not checked)"));
}

#[test]
fn conflicts_are_judged_on_the_deadline_and_a_stale_dismissal_is_kept_apart() {
    let mut round = vector_round();
    // E02 left A03 on 2024-06-30: 36 months later the conflict is gone.
    round.program.deadline = Some(day(2027, 7, 1));
    round
        .conflict_dismissals
        .push(crate::round::ConflictDismissal {
            expert: "E02".into(),
            applicant: "A03".into(),
            reason: "已离职".into(),
            by: "郑雅文".into(),
            on: day(2026, 3, 4),
        });
    let d = organizer_decisions(&round, &template(), day(2026, 3, 10));
    assert_eq!(d.conflicts_as_of, day(2027, 7, 1));
    assert_eq!(d.conflicts.len(), 1);
    assert_eq!(d.unused_dismissals.len(), 1);
    assert_eq!(d.unused_dismissals[0].expert, "E02");
    // Without assignments every expert reviews every applicant.
    round.assignments.clear();
    round.assignment_seed = None;
    let d = organizer_decisions(&round, &template(), day(2026, 3, 10));
    assert!(d.assignment.every_expert);
    assert!(d
        .assignment
        .applicants
        .iter()
        .all(|a| a.experts == ["E01", "E02"]));
    let text = String::from_utf8(d.to_text()).unwrap();
    assert!(
        text.contains(r#""assignment":{"every_expert":true,"#),
        "{text}"
    );
    assert_eq!(Decisions::parse(text.as_bytes()).unwrap(), d);
}

proptest! {
    /// Whatever the organizer typed — any text, line breaks, quotes and control
    /// characters included — and whatever the seed and the days, the document
    /// reads back as what was written, and only its one canonical form does.
    #[test]
    fn any_decisions_read_back_exactly(
        reason in any::<String>().prop_filter("not blank", |s| !s.trim().is_empty()),
        note in "\\PC{1,40}",
        by in "[\\p{Han}a-z \n\"\\\\]{1,12}",
        seed in proptest::option::of(0u64..=i64::MAX as u64),
        days in 0u32..2000,
        pending in any::<bool>(),
    ) {
        let mut round = vector_round();
        round.recusal_requests[0].reason = reason.clone();
        if pending {
            round.recusal_requests[0].ruling = RecusalRuling::Pending;
            round.recusal_requests[0].ruling_reason = None;
            round.recusal_requests[0].ruled_by = None;
            round.recusal_requests[0].ruled_on = None;
        }
        round.conflict_dismissals[0].by = by;
        round.eligibility[4].note = Some(note);
        round.assignment_seed = seed;
        let sealed = Date::from_days(day(2026, 1, 1).to_days() + i64::from(days));
        let d = organizer_decisions(&round, &template(), sealed);
        let text = d.to_text();
        prop_assert_eq!(Decisions::parse(&text).unwrap(), d.clone());
        // One line of JSON after the format line, whatever the text held.
        prop_assert_eq!(text.iter().filter(|b| **b == b'\n').count(), 2);
        // The same value pretty-printed is refused.
        let mut pretty = b"reviewdesk-decisions/1\n".to_vec();
        pretty.extend(serde_json::to_vec_pretty(&d).unwrap());
        pretty.push(b'\n');
        prop_assert_eq!(Decisions::parse(&pretty).unwrap_err().code(), "not_canonical");
    }
}

#[test]
fn pins_and_bans_are_stated_only_when_recorded_and_read_back() {
    let mut round = vector_round();
    let plain = organizer_decisions(&round, &template(), day(2026, 3, 10)).to_text();
    assert!(!String::from_utf8_lossy(&plain).contains("\"pins\""));
    round.assignment_pins = vec![crate::round::Assignment {
        expert: "E01".into(),
        applicant: "A01".into(),
    }];
    round.assignment_bans = vec![crate::round::Assignment {
        expert: "E02".into(),
        applicant: "A03".into(),
    }];
    let d = organizer_decisions(&round, &template(), day(2026, 3, 10));
    let text = d.to_text();
    let s = String::from_utf8_lossy(&text);
    assert!(
        s.contains(r#""pins":[{"expert":"E01","applicant":"A01"}],"bans":[{"expert":"E02","applicant":"A03"}]"#),
        "{s}"
    );
    assert_eq!(Decisions::parse(&text).unwrap(), d);
}

proptest! {
    /// The decisions and the engine's input look assignments and eligibility
    /// records up through indexes built once (`Round::experts_by_applicant`,
    /// `eligibility`, `ineligible_input`); over random
    /// assignments (none at all included) and random, repeated eligibility records
    /// they give what the per-applicant scans give (`Round::experts_for`,
    /// `status_of`, `is_ineligible` with `failed_items`): the same experts in panel
    /// order, the same first record, the same items not met in record order.
    #[test]
    fn indexed_lookups_agree_with_the_per_applicant_scans(
        assigned in proptest::collection::vec(any::<bool>(), 6),
        records in proptest::collection::vec((0usize..3, 0usize..6, any::<bool>()), 0..14),
    ) {
        let template = template();
        let mut round = vector_round();
        let applicants: Vec<String> = round.applicants.iter().map(|a| a.id.clone()).collect();
        let experts: Vec<String> = round.panel.experts.iter().map(|e| e.id.clone()).collect();
        round.assignments = applicants
            .iter()
            .flat_map(|a| experts.iter().map(move |e| (e.clone(), a.clone())))
            .zip(&assigned)
            .filter(|(_, on)| **on)
            .map(|((expert, applicant), _)| crate::round::Assignment { expert, applicant })
            .collect();
        let items: Vec<String> = template
            .eligibility
            .iter()
            .map(|i| i.id.clone())
            .chain(["not_an_item".to_owned()])
            .collect();
        let first_check = round.eligibility[0].clone();
        round.eligibility = records
            .iter()
            .enumerate()
            .map(|(n, &(a, i, met))| crate::eligibility::EligibilityCheck {
                applicant: applicants[a].clone(),
                item: items[i % items.len()].clone(),
                met,
                note: Some(format!("record {n}")),
                ..first_check.clone()
            })
            .collect();
        let by_applicant = round.experts_by_applicant();
        for a in &applicants {
            let scanned: Vec<&str> = round.experts_for(a).iter().map(|e| e.id.as_str()).collect();
            let indexed: Vec<&str> = by_applicant[a.as_str()].iter().map(|e| e.id.as_str()).collect();
            prop_assert_eq!(scanned, indexed);
        }
        for e in eligibility(&round, &template) {
            prop_assert_eq!(
                e.status,
                crate::eligibility::status_of(&round, &template, e.applicant)
            );
        }
        prop_assert_eq!(
            crate::rules::ineligible_input(&round),
            crate::rules::ineligible_input_scanned(&round)
        );
    }
}
