//! `reviewdesk calendar import|list|add-working-days` in a throwaway home: a year
//! added from a calendar year file (the 2027 example of docs/formats.md), listed,
//! counted with; an invalid file refused with every problem by field path; another
//! file for the year refused unless `--replace`; a missing year says how to add it.

mod common;
use common::*;

const EXAMPLE: &str = include_str!("../../../tests/vectors/calendar/example-2027.toml");

#[test]
fn a_missing_year_says_which_and_how_to_add_it_in_both_languages() {
    let home = Home::new();
    let o = home.run(&["calendar", "add-working-days", "2026-12-31", "1"]);
    assert_eq!(o.status.code(), Some(4));
    let err = text(&o.stderr);
    assert!(err.contains("[year_not_covered]"), "{err}");
    assert!(err.contains("2027 年的节假日安排尚未收录"), "{err}");
    assert!(err.contains("reviewdesk calendar import 文件"), "{err}");
    let o = home.run(&[
        "--lang",
        "en",
        "calendar",
        "add-working-days",
        "2026-12-31",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(4));
    let err = text(&o.stderr);
    assert!(err.contains("no holiday calendar for 2027"), "{err}");
    assert!(err.contains("reviewdesk calendar import FILE"), "{err}");
    // Asking created no workspace.
    assert!(!home.path("share/reviewdesk").exists());
}

#[test]
fn a_year_is_imported_listed_and_counted_with() {
    let home = Home::new();
    let file = home.path("2027.toml");
    std::fs::write(&file, EXAMPLE).unwrap();
    let listed = home.ok(&["calendar", "list"]);
    assert!(
        listed.contains("2026") && listed.contains("随评审台发布"),
        "{listed}"
    );
    assert!(!listed.contains("2027"), "{listed}");

    let out = home.ok(&["calendar", "import", s(&file)]);
    assert!(out.contains("已导入 2027"), "{out}");
    let sha = text(
        &std::process::Command::new("sha256sum")
            .arg(&file)
            .output()
            .unwrap()
            .stdout,
    )[..64]
        .to_string();
    assert!(out.contains(&format!("SHA-256  {sha}")), "{out}");
    let again = home.ok(&["--lang", "en", "calendar", "import", s(&file)]);
    assert!(again.contains("Unchanged"), "{again}");

    let listed = home.ok(&["--lang", "en", "calendar", "list"]);
    let line = listed
        .lines()
        .find(|l| l.contains("2027"))
        .unwrap_or_else(|| panic!("{listed}"));
    assert!(line.contains("added") && line.contains(&sha), "{line}");
    assert!(listed.contains("EXAMPLE"), "{listed}");
    // The example's New Year: 2027-01-01 … 01-03 off.
    let next = home.ok(&["calendar", "add-working-days", "2026-12-31", "1"]);
    assert_eq!(next.trim(), "2027-01-04");

    // Another file for 2027: refused, nothing changed; replaced with --replace.
    let other = home.path("2027-b.toml");
    std::fs::write(&other, EXAMPLE.replace("\"2027-06-09\"", "\"2027-06-10\"")).unwrap();
    let o = home.run(&["calendar", "import", s(&other)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("[calendar_year_exists]"),
        "{}",
        text(&o.stderr)
    );
    let out = home.ok(&["calendar", "import", "--replace", s(&other)]);
    assert!(out.contains("已替换") && out.contains(&sha), "{out}");
}

#[test]
fn an_invalid_file_lists_every_problem_and_imports_nothing() {
    let home = Home::new();
    let file = home.path("bad.toml");
    std::fs::write(
        &file,
        EXAMPLE
            .replace("\"2027-01-31\"", "\"2027-02-01\"")
            .replace("\"2027-06-09\"", "\"2028-06-09\""),
    )
    .unwrap();
    let o = home.run(&["calendar", "import", s(&file)]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("[calendar_year_invalid]"), "{err}");
    assert!(
        err.contains("holiday[4].dates[0]：2028-06-09 不在本文件的年份之内"),
        "{err}"
    );
    assert!(
        err.contains("workday[0].date：2027-02-01 是星期一"),
        "{err}"
    );
    let o = home.run(&["--lang", "en", "calendar", "import", s(&file)]);
    let err = text(&o.stderr);
    assert!(
        err.contains("workday[0].date: 2027-02-01 is a Monday: a make-up working day must be a Saturday or Sunday"),
        "{err}"
    );
    let listed = home.ok(&["calendar", "list"]);
    assert!(!listed.contains("2027"), "{listed}");
}

/// The organizer imports 2027 and seals (here: `demo --out`, which seals with the
/// organizer's workspace calendar); on another machine — a fresh home without the
/// import — the notice runs into 2027 from the bundle alone, and `archive verify`
/// recomputes it with the same calendar.
#[test]
fn a_round_sealed_with_an_imported_year_counts_2027_on_a_fresh_machine() {
    let organizer = Home::new();
    let file = organizer.path("2027.toml");
    std::fs::write(&file, EXAMPLE).unwrap();
    organizer.ok(&["calendar", "import", s(&file)]);
    let out = organizer.path("demo");
    organizer.ok(&["demo", "--out", s(&out)]);
    let bundle = out.join("result.rdbundle");

    let other = Home::new();
    let listed = other.ok(&["calendar", "list"]);
    assert!(!listed.contains("2027"), "{listed}");
    let keys = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo/keys");
    let (key, identity) = (keys.join("ORG.key"), keys.join("ORG.age"));
    let with_keys = |args: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        v.extend([
            "--key".into(),
            s(&key).into(),
            "--identity".into(),
            s(&identity).into(),
        ]);
        v
    };
    let run = |args: Vec<String>| {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        other.ok(&a)
    };
    let pubdir = other.path("publication");
    let printed = run(with_keys(&[
        "notice",
        "new",
        s(&bundle),
        "--start",
        "2026-12-28",
        "-o",
        s(&pubdir),
        "--channel",
        "广州市某路1号",
        "--contact",
        "020-12345678",
        "--on",
        "2026-12-25",
    ]));
    assert!(printed.contains("公示截止日期: 2027-01-04"), "{printed}");
    assert_eq!(printed.lines().last(), Some("end: 2027-01-04"), "{printed}");
    let archive = other.path("round.rdarchive");
    run(with_keys(&[
        "publish",
        s(&pubdir),
        "-o",
        s(&archive),
        "--on",
        "2027-01-05",
    ]));
    let verified = other.ok(&["archive", "verify", s(&archive)]);
    assert!(!verified.is_empty());
}
