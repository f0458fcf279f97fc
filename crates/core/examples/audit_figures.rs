//! The audit log's replay at the chair's scale: 100 sheets as `chair_figures`
//! merges them (50 experts, each 50 applicants × 30 indicators, two revisions: a
//! log of 3,054 lines, about 450 KB, per sheet), each replayed by `check_audit`
//! against its part. Prints figures; asserts nothing but that every log replays.
//! Run with `cargo run --release -p reviewdesk-core --example audit_figures`.

use std::time::Instant;

use reviewdesk_core::rules::{Declaration, ExpertPart, PartScore};
use reviewdesk_core::{check_audit, AuditContext, AuditEntry, AuditEvent, Round};

const EXPERTS: usize = 50;
const APPLICANTS: usize = 50;
const INDICATORS: usize = 30;

fn part(e: usize, revision: usize) -> ExpertPart {
    let mut p = ExpertPart {
        expert: format!("E{e:02}"),
        ..Default::default()
    };
    for a in 0..APPLICANTS {
        p.declarations.push(Declaration {
            applicant: format!("A{a:03}"),
            recuse: None,
            note: String::new(),
        });
        for k in 0..INDICATORS {
            p.scores.push(PartScore {
                applicant: format!("A{a:03}"),
                stage: format!("s{}", k / 10),
                indicator: format!("i{k}"),
                value: rust_decimal::Decimal::new(((e * 7 + a * 3 + k + revision) % 21) as i64, 1)
                    + rust_decimal::Decimal::from(5),
                reason: None,
                comment: String::new(),
            });
        }
    }
    p
}

fn log(e: usize) -> String {
    let mut events = vec![
        AuditEvent::Import {
            package: "3f1c0a9e5b7d42c8a16e0f9b2d4c6e81".into(),
            organizer: "SHA256:org".into(),
        },
        AuditEvent::Pledge {
            text_sha256: "00".repeat(32),
        },
    ];
    events.extend(part(e, 1).declarations.into_iter().map(AuditEvent::Declare));
    for r in 1..=2 {
        events.extend(part(e, r).scores.into_iter().map(AuditEvent::Score));
        events.push(AuditEvent::Sign { revision: r as u32 });
    }
    events
        .into_iter()
        .enumerate()
        .map(|(i, event)| {
            AuditEntry {
                seq: i as u64 + 1,
                at: "2026-11-21T08:00:00Z".into(),
                event,
            }
            .to_line()
                + "\n"
        })
        .collect()
}

fn main() {
    let round: Round = toml::from_str(include_str!("../../../assets/demo/round.toml")).unwrap();
    let sheets: Vec<(String, ExpertPart)> = (0..EXPERTS)
        .flat_map(|e| [(log(e), part(e, 2)), (log(e), part(e, 2))])
        .collect();
    let bytes: usize = sheets.iter().map(|(l, _)| l.len()).sum();
    let lines = sheets[0].0.lines().count();
    let mut runs = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        for (log, part) in &sheets {
            let cx = AuditContext {
                package: "3f1c0a9e5b7d42c8a16e0f9b2d4c6e81",
                round: &round,
                revision: 2,
                part,
            };
            check_audit(log, &cx).expect("a desk log replays");
        }
        runs.push(t.elapsed().as_millis());
    }
    runs.sort_unstable();
    println!(
        "audit replay: {} sheets, {lines} lines a log, {} KB of logs: best {} ms, median {} ms, worst {} ms ({} µs a sheet, median)",
        sheets.len(),
        bytes / 1000,
        runs[0],
        runs[2],
        runs[4],
        runs[2] * 1000 / sheets.len() as u128
    );
}
