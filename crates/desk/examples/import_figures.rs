//! Import benchmark: imports a package as the demo round's expert E01 (its public
//! DEMO keys) into a fresh workspace, the organizer's key confirmed, and prints the
//! wall time. Run by `scripts/bench-packages.sh` beside `cat PACKAGE > /dev/null`.
//! Usage: import_figures PACKAGE KEYS_DIR

use std::path::PathBuf;
use std::time::Instant;

use reviewdesk_core::Date;
use reviewdesk_desk::{
    import_package_with_progress, read_identities, read_signing_key, Now, Trust,
};
use reviewdesk_workspace::Workspace;

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [package, keys] = args.as_slice() else {
        eprintln!("usage: import_figures PACKAGE KEYS_DIR");
        std::process::exit(2);
    };
    let me = read_signing_key(&keys.join("E01.key")).expect("E01.key");
    let ids = read_identities(&keys.join("E01.age")).expect("E01.age");
    let org = read_signing_key(&keys.join("ORG.key"))
        .expect("ORG.key")
        .fingerprint();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut ws = Workspace::open(dir.path()).expect("workspace");
    let now = Now {
        at: "2026-11-21T08:00:00Z".into(),
        today: Date::new(2026, 11, 21).expect("date"),
    };
    let start = Instant::now();
    let imported = import_package_with_progress(
        &mut ws,
        package,
        &me,
        &ids,
        Trust::Confirm(&org),
        &now,
        &|_, _| std::ops::ControlFlow::Continue(()),
    )
    .expect("import");
    let secs = start.elapsed().as_secs_f64();
    println!("import {secs:.2} s ({})", imported.package.id);
}
