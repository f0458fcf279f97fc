//! Crash test: a scoring process is killed with SIGKILL at random points, 50 times.
//! After each kill the workspace reopens, `PRAGMA integrity_check` is ok, the audit
//! chain verifies, and every edit the process had acknowledged (printed after its
//! commit returned, as the desktop shell answers the UI) is there — the state is
//! exactly the first N edits for some N at least the acknowledged count.
//!
//! The child is this test binary re-run with `REVIEWDESK_CRASH_CHILD` set: the same
//! library calls the desktop shell makes for each edit, without a window.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use reviewdesk_core::rules::{Declaration, PartScore};
use reviewdesk_core::Date;
use reviewdesk_desk::*;
use reviewdesk_io::{demo_round_dir, load_round};
use reviewdesk_workspace::Workspace;
use rust_decimal::Decimal;

const ROUNDS: usize = 50;

fn now() -> Now {
    Now {
        at: "2026-11-21T08:00:00Z".into(),
        today: Date::new(2026, 11, 21).unwrap(),
    }
}

fn keys(name: &str) -> std::path::PathBuf {
    demo_round_dir().join("keys").join(name)
}

/// Edit `n` of the endless sequence: indicator `n mod k`, a value from `n`.
fn edit(inds: &[(String, Decimal)], n: u64) -> PartScore {
    let (id, max) = &inds[(n % inds.len() as u64) as usize];
    let value = Decimal::from(n % 3).min(*max);
    PartScore {
        applicant: "A01".into(),
        stage: "written".into(),
        indicator: id.clone(),
        value,
        reason: Some(format!("edit {n}")),
        comment: format!("#{n}"),
    }
}

fn indicators(desk: &ExpertDesk) -> Vec<(String, Decimal)> {
    desk.template
        .scored_indicators("written")
        .map(|i| (i.id.clone(), i.max))
        .collect()
}

/// The child: opens the workspace and edits until killed, printing `ack N` after
/// each committed edit. Starts at the edit after the last one stored.
fn child(dir: &Path, package: &str) {
    let ids = read_identities(&keys("E01.age")).unwrap();
    let mut ws = Workspace::open(dir).unwrap();
    let desk = ExpertDesk::open(&ws, package, &ids).unwrap();
    let inds = indicators(&desk);
    let mut n: u64 = ws
        .part(package)
        .unwrap()
        .scores
        .iter()
        .filter_map(|s| s.comment.strip_prefix('#')?.parse::<u64>().ok())
        .max()
        .map_or(0, |m| m + 1);
    loop {
        desk.set_score(&mut ws, edit(&inds, n), &now()).unwrap();
        println!("ack {n}");
        n += 1;
    }
}

#[test]
fn acknowledged_edits_survive_sigkill() {
    if let (Ok(dir), Ok(pkg)) = (
        std::env::var("REVIEWDESK_CRASH_CHILD"),
        std::env::var("REVIEWDESK_CRASH_PACKAGE"),
    ) {
        child(Path::new(&dir), &pkg);
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ws");
    let signer = read_signing_key(&keys("E01.key")).unwrap();
    let ids = read_identities(&keys("E01.age")).unwrap();
    let org = read_signing_key(&keys("ORG.key")).unwrap();
    let loaded = load_round(&demo_round_dir()).unwrap();
    let cards = load_cards(&loaded).unwrap();
    let pkg = tmp.path().join("E01.rdpkg");
    seal_round_to_file(
        &loaded,
        &cards,
        &org,
        Scope::Expert("E01"),
        &pkg,
        &mut |_, _| {},
    )
    .unwrap();
    let package = {
        let mut ws = Workspace::open(&dir).unwrap();
        let imp = import_package(
            &mut ws,
            &pkg,
            &signer,
            &ids,
            Trust::Confirm(&org.fingerprint()),
            &now(),
        )
        .unwrap();
        let desk = ExpertDesk::open(&ws, &imp.package.id, &ids).unwrap();
        desk.accept_pledge(&mut ws, &now()).unwrap();
        desk.declare(
            &mut ws,
            Declaration {
                applicant: "A01".into(),
                recuse: None,
                note: String::new(),
            },
            &now(),
        )
        .unwrap();
        imp.package.id
    };
    let base = Workspace::open(&dir).unwrap().audit_len(&package).unwrap();

    // A small deterministic generator for the kill points.
    let mut seed: u64 = 0x5eed_1234_abcd;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut acked_total: Option<u64> = None;
    for round in 0..ROUNDS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "acknowledged_edits_survive_sigkill",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("REVIEWDESK_CRASH_CHILD", &dir)
            .env("REVIEWDESK_CRASH_PACKAGE", &package)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let want = 1 + next() % 40;
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut seen = 0;
        let mut line = String::new();
        while seen < want {
            line.clear();
            if reader.read_line(&mut line).unwrap() == 0 {
                break;
            }
            if let Some(n) = line.trim().strip_prefix("ack ") {
                acked_total = Some(n.parse().unwrap());
                seen += 1;
            }
        }
        // Sometimes mid-edit: let it run on a little before the kill.
        if next() % 2 == 0 {
            std::thread::sleep(std::time::Duration::from_micros(next() % 3000));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        let ws = Workspace::open(&dir).unwrap();
        ws.integrity_check().unwrap();
        let (log, _) = ws.audit_log(&package).unwrap();
        let committed = ws.audit_len(&package).unwrap() - base;
        let acked = acked_total.map_or(0, |n| n + 1);
        assert!(
            committed >= acked,
            "round {round}: {acked} edits acknowledged, only {committed} in the workspace"
        );
        assert_eq!(log.lines().count() as u64, base + committed);
        // The stored scores are exactly the result of edits 0..committed.
        let desk = ExpertDesk::open(&ws, &package, &ids).unwrap();
        let inds = indicators(&desk);
        let part = ws.part(&package).unwrap();
        for (i, (id, _)) in inds.iter().enumerate() {
            let last = (0..committed)
                .rev()
                .find(|n| (n % inds.len() as u64) as usize == i);
            let stored = part.scores.iter().find(|s| &s.indicator == id);
            match (last, stored) {
                (None, None) => {}
                (Some(n), Some(s)) => {
                    assert_eq!(s.comment, format!("#{n}"), "round {round}, {id}");
                    assert_eq!(s.value, edit(&inds, n).value);
                }
                other => panic!("round {round}, {id}: {other:?}"),
            }
        }
    }
}
