//! `reviewdesk round …` through the real binary. `applicants`: problems on their own
//! lines with sheet, row and column, in Chinese or English; nothing written on error.
//! `assign`: never a conflicted or recused pair, the same seed gives the same file,
//! a dry run or a shortage writes nothing.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn reviewdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reviewdesk"))
        .args(args)
        .output()
        .unwrap()
}

fn round_dir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo");
    let text = fs::read_to_string(src.join("round.toml"))
        .unwrap()
        .replace("\"gd-supplier-recognition\"", "\"gd-pool-2021\"");
    fs::write(tmp.path().join("round.toml"), without_eligibility(&text)).unwrap();
    fs::create_dir(tmp.path().join("materials")).unwrap();
    for e in fs::read_dir(src.join("materials")).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), tmp.path().join("materials").join(e.file_name())).unwrap();
    }
    tmp
}

const HEAD: &str = "单位名称,统一社会信用代码,所属地市,所属行业,申报类别\n";

#[test]
fn errors_are_listed_and_nothing_is_written() {
    let dir = round_dir();
    let d = dir.path().to_str().unwrap();
    let csv = dir.path().join("名单.csv");
    fs::write(
        &csv,
        format!(
            "{HEAD}甲公司,9.14401E+17,广州市,全行业,platform\n\
             乙公司,91440101MA5CXTYG34,深圳市,C13、C14、C15、C17,application\n"
        ),
    )
    .unwrap();
    let before = fs::read(dir.path().join("round.toml")).unwrap();
    let o = reviewdesk(&["round", "applicants", d, csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].starts_with("[错误] 工作表“名单.csv” 第2行 B列：统一社会信用代码存成了数字"),
        "{err}"
    );
    assert!(
        lines[1].starts_with("[错误] 工作表“名单.csv” 第3行 D列：填写了4个行业，模板至多允许3个"),
        "{err}"
    );
    assert!(lines[2].contains("sheet_has_errors"), "{err}");
    assert_eq!(fs::read(dir.path().join("round.toml")).unwrap(), before);

    let o = reviewdesk(&[
        "--lang",
        "en",
        "round",
        "applicants",
        d,
        csv.to_str().unwrap(),
    ]);
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.starts_with("[error] sheet \"名单.csv\", row 2, column B: the credit code is stored as a number (9.14401E+17)"),
        "{err}"
    );
}

#[test]
fn a_clean_sheet_imports_and_says_which_columns_it_used() {
    let dir = round_dir();
    let d = dir.path().to_str().unwrap();
    let csv = dir.path().join("名单.csv");
    fs::write(
        &csv,
        format!("{HEAD}乙公司,91440101MA5CXTYG34,深圳市,全行业,工业互联网平台、application\n"),
    )
    .unwrap();
    let o = reviewdesk(&[
        "--lang",
        "en",
        "round",
        "applicants",
        d,
        csv.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("credit code ← B \"统一社会信用代码\""),
        "{out}"
    );
    assert!(out.contains("1 added (A09)"), "{out}");
    let text = fs::read_to_string(dir.path().join("round.toml")).unwrap();
    assert!(
        text.contains("categories = [\"platform\", \"application\"]"),
        "{text}"
    );
}

/// The demo round with kinds (E01, E02 technical; E03, E05 industry; E04 finance),
/// E02 employed by A03 (by credit code, under another name) and the demo's upheld
/// request that E03 not review A04.
fn assign_dir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo");
    let mut text = fs::read_to_string(src.join("round.toml")).unwrap();
    for (id, kind) in [
        ("E01", "technical"),
        ("E02", "technical"),
        ("E03", "industry"),
        ("E04", "finance"),
        ("E05", "industry"),
    ] {
        let line = format!("id = \"{id}\"\n");
        text = text.replacen(&line, &format!("{line}kind = \"{kind}\"\n"), 1);
    }
    text = text.replacen(
        "id = \"E02\"\n",
        "id = \"E02\"\naffiliation_credit_code = \"91440604MA5RJHTPQ6\"\n",
        1,
    );
    fs::write(tmp.path().join("round.toml"), text).unwrap();
    fs::create_dir(tmp.path().join("materials")).unwrap();
    for e in fs::read_dir(src.join("materials")).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), tmp.path().join("materials").join(e.file_name())).unwrap();
    }
    tmp
}

fn assigned(dir: &Path) -> Vec<(String, String)> {
    let round: toml::Table = fs::read_to_string(dir.join("round.toml"))
        .unwrap()
        .parse()
        .unwrap();
    round["assignment"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["expert"].as_str().unwrap().to_owned(),
                a["applicant"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn assign_skips_conflicts_and_recusals_and_repeats_with_its_seed() {
    let dir = assign_dir();
    let d = dir.path().to_str().unwrap();
    let round_toml = dir.path().join("round.toml");
    let before = fs::read_to_string(&round_toml).unwrap();
    let o = reviewdesk(&["round", "assign", d, "--seed", "42", "--per-applicant", "3"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("种子 42；每个申报单位 3 名专家"), "{out}");
    assert!(out.contains("A03–E02") && out.contains("A04–E03"), "{out}");
    let pairs = assigned(dir.path());
    assert_eq!(pairs.len(), 8 * 3);
    assert!(!pairs.contains(&("E02".into(), "A03".into())), "{pairs:?}");
    assert!(!pairs.contains(&("E03".into(), "A04".into())), "{pairs:?}");
    for a in 1..=8 {
        let a = format!("A0{a}");
        let panel: Vec<&str> = pairs
            .iter()
            .filter(|p| p.1 == a)
            .map(|p| p.0.as_str())
            .collect();
        assert!(
            panel.contains(&"E04"),
            "{a} has no finance expert: {panel:?}"
        );
        assert!(
            panel.contains(&"E01") || panel.contains(&"E02"),
            "{a} has no technical expert: {panel:?}"
        );
    }
    // Only the assignment tables and the seed changed.
    let after = fs::read_to_string(&round_toml).unwrap();
    assert!(after.contains("\nassignment_seed = 42\n"), "{after}");
    let outside = |t: &str| -> String {
        t.replace("assignment_seed = 42\n", "")
            .split("\n\n")
            .filter(|b| !b.starts_with("[[assignment]]"))
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    assert_eq!(outside(&after), outside(&before));

    // The same seed again: the same file; the seed recorded is the default.
    let o = reviewdesk(&["round", "assign", d, "--per-applicant", "3"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(fs::read_to_string(&round_toml).unwrap(), after);
    let other = assign_dir();
    let o2 = reviewdesk(&[
        "round",
        "assign",
        other.path().to_str().unwrap(),
        "--seed",
        "42",
        "--per-applicant",
        "3",
    ]);
    assert_eq!(o2.status.code(), Some(0));
    assert_eq!(
        fs::read_to_string(other.path().join("round.toml")).unwrap(),
        after
    );
}

#[test]
fn a_dry_run_writes_nothing() {
    let dir = assign_dir();
    let d = dir.path().to_str().unwrap();
    let before = fs::read(dir.path().join("round.toml")).unwrap();
    let o = reviewdesk(&[
        "--lang",
        "en",
        "round",
        "assign",
        d,
        "--dry-run",
        "--seed",
        "7",
        "--per-applicant",
        "3",
        "--max-load",
        "8",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("Seed 7; 3 experts per applicant"), "{out}");
    assert!(out.contains("Removed "), "{out}");
    assert!(out.contains("Dry run"), "{out}");
    assert_eq!(fs::read(dir.path().join("round.toml")).unwrap(), before);

    // Three kinds on the panel, two experts per applicant: refused, nothing written.
    let o = reviewdesk(&["round", "assign", d, "--per-applicant", "2"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("[assign_input] 无法分配"), "{err}");
    assert_eq!(fs::read(dir.path().join("round.toml")).unwrap(), before);
}

#[test]
fn a_shortage_names_every_applicant_and_writes_nothing() {
    let dir = assign_dir();
    let d = dir.path().to_str().unwrap();
    let path = dir.path().join("round.toml");
    // The only finance expert worked for A01 until recently (by name).
    let text = fs::read_to_string(&path).unwrap().replacen(
        "id = \"E04\"\n",
        "id = \"E04\"\nformer_employers = [{ name = \"广州云擎工业软件有限公司\", until = \"2026-01-31\" }]\n",
        1,
    );
    fs::write(&path, &text).unwrap();
    let o = reviewdesk(&["round", "assign", d, "--per-applicant", "3"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.starts_with("申报单位 A01（类别 application）：缺 1 名财务专家"),
        "{err}"
    );
    assert!(err.contains("assign_shortage"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    let o = reviewdesk(&["--lang", "en", "round", "assign", d, "--per-applicant", "3"]);
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.starts_with("applicant A01 (category application): 1 finance expert(s) short"),
        "{err}"
    );
}

#[test]
fn a_new_round_loads_takes_applicants_and_is_never_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("gd-2027-01");
    let d = dir.to_str().unwrap();
    let o = reviewdesk(&[
        "round",
        "new",
        d,
        "--template",
        "gd-pool-2021",
        "--title",
        "2027年度 \"第一批\"",
        "--deadline",
        "2027-03-31",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(dir.join("materials").is_dir() && dir.join("cards").is_dir());
    let loaded = reviewdesk_io::load_round(&dir).unwrap();
    assert_eq!(loaded.round.id, "gd-2027-01");
    assert_eq!(loaded.round.program.title.zh, "2027年度 \"第一批\"");
    assert_eq!(
        loaded.round.program.deadline.unwrap().to_string(),
        "2027-03-31"
    );
    assert!(loaded.round.applicants.is_empty() && loaded.round.panel.is_unnamed());

    // The next step works on it.
    let csv = tmp.path().join("名单.csv");
    fs::write(
        &csv,
        format!("{HEAD}乙公司,91440101MA5CXTYG34,深圳市,全行业,application\n"),
    )
    .unwrap();
    let o = reviewdesk(&["round", "applicants", d, csv.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        reviewdesk_io::load_round(&dir)
            .unwrap()
            .round
            .applicants
            .len(),
        1
    );

    // An existing round.toml is refused and left as it is.
    let before = fs::read(dir.join("round.toml")).unwrap();
    let o = reviewdesk(&[
        "round",
        "new",
        d,
        "--template",
        "gd-pool-2021",
        "--title",
        "x",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("round_exists"));
    assert_eq!(fs::read(dir.join("round.toml")).unwrap(), before);

    // An unknown template: nothing is created.
    let other = tmp.path().join("other");
    let o = reviewdesk(&[
        "round",
        "new",
        other.to_str().unwrap(),
        "--template",
        "no-such",
        "--title",
        "x",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("gd-pool-2021"));
    assert!(!other.exists());
}

/// `text` without the demo round's `[[eligibility]]` tables (from its
/// `# 形式审查` comment to the first `[[material]]`): they name the demo template's
/// checklist items, which another template does not have.
fn without_eligibility(text: &str) -> String {
    let start = text
        .find("# 形式审查")
        .expect("the demo's eligibility tables");
    let end = text.find("[[material]]").expect("the demo's materials");
    format!("{}{}", &text[..start], &text[end..])
}

/// Pins and bans by hand: a pin is always assigned, a ban never; both are recorded
/// and kept by the next run; a pin that breaks a rule (E02 works for A03) is
/// refused with nothing written; `--no-pins`/`--no-bans` remove them.
#[test]
fn assign_keeps_pins_and_bans_and_refuses_a_pin_against_a_conflict() {
    let dir = assign_dir();
    let d = dir.path().to_str().unwrap();
    let round_toml = dir.path().join("round.toml");
    let o = reviewdesk(&[
        "round",
        "assign",
        d,
        "--seed",
        "42",
        "--per-applicant",
        "3",
        "--pin",
        "A01:E05",
        "--ban",
        "A02:E04",
        "--ban",
        "A03:E01",
        "--lang",
        "en",
    ]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    // A02 still needs a finance expert, and E04 is the only one: nothing is written.
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(!fs::read_to_string(&round_toml)
        .unwrap()
        .contains("assignment_pin"));

    let o = reviewdesk(&[
        "round",
        "assign",
        d,
        "--seed",
        "42",
        "--per-applicant",
        "3",
        "--pin",
        "A01:E05",
        "--ban",
        "A04:E01",
        "--lang",
        "en",
    ]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.contains("Pinned: A01–E05; banned: A04–E01"), "{out}");
    let pairs = assigned(dir.path());
    assert!(pairs.contains(&("E05".into(), "A01".into())), "{pairs:?}");
    assert!(!pairs.contains(&("E01".into(), "A04".into())), "{pairs:?}");
    let text = fs::read_to_string(&round_toml).unwrap();
    assert!(
        text.contains("[[assignment_pin]]\nexpert = \"E05\"\napplicant = \"A01\""),
        "{text}"
    );

    // The next run without flags keeps them; the same seed gives the same file.
    let o = reviewdesk(&["round", "assign", d, "--per-applicant", "3"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(fs::read_to_string(&round_toml).unwrap(), text);

    // A pin against a conflict of interest (E02 works for A03): refused.
    let o = reviewdesk(&[
        "round",
        "assign",
        d,
        "--per-applicant",
        "3",
        "--pin",
        "A03:E02",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(fs::read_to_string(&round_toml).unwrap(), text);

    let o = reviewdesk(&[
        "round",
        "assign",
        d,
        "--per-applicant",
        "3",
        "--no-pins",
        "--no-bans",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let text = fs::read_to_string(&round_toml).unwrap();
    assert!(
        !text.contains("assignment_pin") && !text.contains("assignment_ban"),
        "{text}"
    );
}
