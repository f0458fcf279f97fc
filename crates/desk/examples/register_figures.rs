//! The register at scale (issue 15): 10,000 units, each with ten years of events
//! in two programs (jx-dx-center: admitted, a grade a year, a reorganisation
//! after a failing year; gd-empowerment: admitted, a report a year) — about 24
//! ledger lines a unit — written to a real SQLite workspace, then timed: every
//! unit's status at one date (ledgers read back and re-checked, statuses
//! computed), the proposals, what is due, the signed checkpoint and its
//! verification. Prints figures; asserts nothing (targets: status < 1 s,
//! checkpoint < 2 s). Run with `scripts/bench-register.sh`.

use std::time::Instant;

use reviewdesk_core::credit_code::check_character;
use reviewdesk_core::register::{Event, NewEntry};
use reviewdesk_core::{CreditCode, Date};
use reviewdesk_desk::register::Register;
use reviewdesk_formats::Signer;
use reviewdesk_workspace::{AppliedFile, Workspace};

const UNITS: usize = 10_000;

/// This process's CPU time so far (user + system, all threads), from
/// `/proc/self/stat` on Linux (clock ticks of 1/100 s); 0 elsewhere. Printed beside
/// the wall time because the build machine is shared: CPU time does not grow
/// with the other processes' load.
fn cpu() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            Some((f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?) / 100.0)
        })
        .unwrap_or(0.0)
}
const YEARS: i32 = 10;
const CHUNK: usize = 500;

fn code(i: usize) -> CreditCode {
    let first = format!("91440101MA{i:07}");
    let check = check_character(&first).expect("a valid alphabet");
    CreditCode::parse(&format!("{first}{check}")).expect("a valid code")
}

fn entry(program: &str, on: Date, event: Event) -> NewEntry {
    NewEntry {
        program: program.into(),
        on,
        event,
        corrects: None,
        proposal: None,
        source: None,
        round: None,
        note: None,
    }
}

fn events(i: usize) -> Vec<NewEntry> {
    let d = |y: i32, m: u32, day: u32| Date::new(y, m, day).expect("a date");
    let name = format!("单位{i:05}有限公司");
    let mut out = vec![
        entry(
            "jx-dx-center",
            d(2016, 12, 20),
            Event::Admitted { name: name.clone() },
        ),
        entry("gd-empowerment", d(2016, 6, 30), Event::Admitted { name }),
    ];
    for y in 2016..2016 + YEARS {
        let failing = (i + y as usize).is_multiple_of(7);
        let grade = if failing {
            "unqualified"
        } else {
            ["excellent", "good", "qualified"][(i + y as usize) % 3]
        };
        out.push(entry(
            "gd-empowerment",
            d(y + 1, 3, 15),
            Event::ReportFiled {
                period: y.to_string(),
            },
        ));
        out.push(entry(
            "jx-dx-center",
            d(y + 1, 3, 20),
            Event::Graded {
                year: y,
                grade: grade.into(),
            },
        ));
        if failing {
            out.push(entry("jx-dx-center", d(y + 1, 4, 1), Event::Reorganising));
            out.push(entry("jx-dx-center", d(y + 1, 12, 1), Event::Rectified));
        }
    }
    out.sort_by_key(|e| e.on);
    out
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut ws = Workspace::open(dir.path()).expect("a workspace");
    let (t, c) = (Instant::now(), cpu());
    let mut lines = 0usize;
    for (k, chunk) in (0..UNITS).collect::<Vec<_>>().chunks(CHUNK).enumerate() {
        let batch = chunk.iter().map(|&i| (code(i), events(i))).collect();
        let applied = AppliedFile {
            sha256: format!("{k:064x}"),
            file: "archive".into(),
            round: format!("bench-{k}"),
            applied_on: "2026-12-31".into(),
            lines: 0,
        };
        lines += ws.register_apply(batch, &applied).expect("written").len();
    }
    println!(
        "register: {UNITS} units, {lines} ledger lines written in {:.2} s (cpu {:.2} s)",
        t.elapsed().as_secs_f64(),
        cpu() - c
    );
    let reg = Register::open(ws).expect("the register");
    let at = Date::new(2026, 6, 1).expect("a date");

    let (t, c) = (Instant::now(), cpu());
    let ledgers = reg.ledgers().expect("ledgers");
    println!(
        "every ledger read back and re-checked ({} ledgers): {:.3} s (cpu {:.2} s)",
        ledgers.len(),
        t.elapsed().as_secs_f64(),
        cpu() - c
    );
    drop(ledgers);

    let (t, c) = (Instant::now(), cpu());
    let statuses = reg.status(at, None).expect("statuses");
    let status_s = t.elapsed().as_secs_f64();
    let status_cpu = cpu() - c;
    let members = statuses.iter().filter(|s| s.standing.is_member()).count();
    println!(
        "status of {UNITS} units at {at} ({} statuses, {members} members): {status_s:.3} s, cpu {status_cpu:.2} s (target < 1 s)",
        statuses.len()
    );

    let (t, c) = (Instant::now(), cpu());
    let proposals = reg.proposals(at).expect("proposals");
    println!(
        "proposals at {at} ({}): {:.3} s (cpu {:.2} s)",
        proposals.len(),
        t.elapsed().as_secs_f64(),
        cpu() - c
    );

    let (t, c) = (Instant::now(), cpu());
    let due = reg.due(at).expect("due");
    println!(
        "due in {at}'s month ({} items): {:.3} s (cpu {:.2} s)",
        due.len(),
        t.elapsed().as_secs_f64(),
        cpu() - c
    );

    let signer = Signer::from_ed25519_seed(&[9; 32]);
    let (t, c) = (Instant::now(), cpu());
    let cp = reg.checkpoint(&signer, 2026, at).expect("a checkpoint");
    let cp_s = t.elapsed().as_secs_f64();
    let cp_cpu = cpu() - c;
    println!(
        "checkpoint of {UNITS} ledgers ({} KiB): {cp_s:.3} s, cpu {cp_cpu:.2} s (target < 2 s)",
        cp.len() / 1024
    );

    let (t, c) = (Instant::now(), cpu());
    let report = reg.verify_checkpoint(&cp).expect("verifies");
    println!(
        "checkpoint verified ({} unchanged of {}): {:.3} s (cpu {:.2} s)",
        report.unchanged,
        report.units,
        t.elapsed().as_secs_f64(),
        cpu() - c
    );
}
