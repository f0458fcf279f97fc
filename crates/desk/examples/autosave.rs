//! Autosave latency: 1,000 score edits through the expert desk on a real SQLite
//! workspace (each one checked, committed with its audit line, `synchronous=FULL`),
//! printed as median and 99th percentile. Run by `scripts/bench-desk.sh`.

use std::time::Instant;

use reviewdesk_core::rules::{Declaration, PartScore};
use reviewdesk_core::Date;
use reviewdesk_desk::*;
use reviewdesk_io::load_round;

/// The source tree's demo round (an example is a development tool).
fn demo_round_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo")
}
use reviewdesk_workspace::Workspace;

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let keys = demo_round_dir().join("keys");
    let signer = read_signing_key(&keys.join("E01.key")).expect("demo key");
    let ids = read_identities(&keys.join("E01.age")).expect("demo identity");
    let org = read_signing_key(&keys.join("ORG.key")).expect("demo key");
    let loaded = load_round(&demo_round_dir()).expect("demo round");
    let cards = load_cards(&loaded).expect("cards");
    let pkg = tmp.path().join("E01.rdpkg");
    seal_round_to_file(
        &loaded,
        &cards,
        &org,
        Scope::Expert("E01"),
        &pkg,
        &mut |_, _| {},
    )
    .expect("seal");
    let now = Now {
        at: "2026-11-21T08:00:00Z".into(),
        today: Date::new(2026, 11, 21).expect("date"),
    };
    let mut ws = Workspace::open(&tmp.path().join("ws")).expect("workspace");
    let imported = import_package(
        &mut ws,
        &pkg,
        &signer,
        &ids,
        Trust::Confirm(&org.fingerprint()),
        &now,
    )
    .expect("import");
    let desk = ExpertDesk::open(&ws, &imported.package.id, &ids).expect("open");
    desk.accept_pledge(&mut ws, &now).expect("pledge");
    desk.declare(
        &mut ws,
        Declaration {
            applicant: "A01".into(),
            recuse: None,
            note: String::new(),
        },
        &now,
    )
    .expect("declare");
    let inds: Vec<_> = desk
        .template
        .scored_indicators("written")
        .map(|i| (i.id.clone(), i.max))
        .collect();
    let mut times = Vec::with_capacity(1000);
    for n in 0..1000usize {
        let (id, max) = &inds[n % inds.len()];
        let value = if n % 2 == 0 {
            *max
        } else {
            *max - rust_decimal::Decimal::ONE
        };
        let t = Instant::now();
        desk.set_score(
            &mut ws,
            PartScore {
                applicant: "A01".into(),
                stage: "written".into(),
                indicator: id.clone(),
                value,
                reason: Some("基准测试".into()),
                comment: String::new(),
            },
            &now,
        )
        .expect("edit");
        times.push(t.elapsed());
    }
    times.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!(
        "autosave: 1000 edits, median {:.2} ms, p99 {:.2} ms, max {:.2} ms (target: median < 2 ms)",
        ms(times[500]),
        ms(times[990]),
        ms(times[999])
    );
    let (log, _) = ws
        .audit_log(&imported.package.id)
        .expect("audit chain verifies");
    println!("audit log: {} entries, chain verified", log.lines().count());
}
