//! The rules subcommands end to end: `template check|list`, `compute` (JSON,
//! `--table`, bad input naming the entry) and `calendar add-working-days`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn reviewdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reviewdesk"))
        .args(args)
        .output()
        .expect("runs")
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Writes a compute input for the `basic` vector template into a temp dir.
fn input(dir: &Path, json: &str) -> PathBuf {
    let p = dir.join("input.json");
    std::fs::write(&p, json).unwrap();
    p
}

fn basic() -> String {
    root()
        .join("tests/vectors/rules/templates/basic.toml")
        .display()
        .to_string()
}

const THREE: &str = r#"{"applicants":[{"id":"A1","category":"c"}],"experts":["E1","E2","E3"],
 "scores":[
  {"expert":"E1","applicant":"A1","stage":"s","indicator":"i1","value":"7.5"},
  {"expert":"E1","applicant":"A1","stage":"s","indicator":"i2","value":"8"},
  {"expert":"E2","applicant":"A1","stage":"s","indicator":"i1","value":"6.5"},
  {"expert":"E2","applicant":"A1","stage":"s","indicator":"i2","value":"7"},
  {"expert":"E3","applicant":"A1","stage":"s","indicator":"i1","value":"9"},
  {"expert":"E3","applicant":"A1","stage":"s","indicator":"i2","value":"9.5"}]}"#;

#[test]
fn compute_prints_the_result_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let o = reviewdesk(&[
        "compute",
        "--template",
        &basic(),
        "--input",
        input(dir.path(), THREE).to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["applicants"][0]["stages"][0]["aggregate"], "15.83");
    assert_eq!(v["applicants"][0]["final"], "79.15");
    assert_eq!(v["applicants"][0]["grade"], "pass");
}

#[test]
fn compute_table_is_readable_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let p = input(dir.path(), THREE);
    let zh = reviewdesk(&[
        "compute",
        "--template",
        &basic(),
        "--input",
        p.to_str().unwrap(),
        "--table",
    ]);
    assert!(
        text(&zh.stdout).contains("综合得分") && text(&zh.stdout).contains("79.15"),
        "{}",
        text(&zh.stdout)
    );
    let en = reviewdesk(&[
        "--lang",
        "en",
        "compute",
        "--template",
        &basic(),
        "--input",
        p.to_str().unwrap(),
        "--table",
    ]);
    assert!(
        text(&en.stdout).contains("Final") && text(&en.stdout).contains("graded"),
        "{}",
        text(&en.stdout)
    );
}

#[test]
fn a_value_above_max_is_refused_naming_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let bad = THREE.replace("\"9.5\"", "\"10.5\"");
    let path = input(dir.path(), &bad);
    let o = reviewdesk(&[
        "--lang",
        "en",
        "compute",
        "--template",
        &basic(),
        "--input",
        path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        text(&o.stderr).contains("scores[5].value: value 10.5 is above the maximum 10"),
        "{}",
        text(&o.stderr)
    );
    // In Chinese (the default): the entry and the rule's code.
    let o = reviewdesk(&[
        "compute",
        "--template",
        &basic(),
        "--input",
        path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        text(&o.stderr).contains("[compute_refused]")
            && text(&o.stderr).contains("`scores[5].value`（`above_max`）"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn a_value_that_is_not_a_decimal_names_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let bad = THREE.replace("\"9.5\"", "9.5");
    let o = reviewdesk(&[
        "compute",
        "--template",
        &basic(),
        "--input",
        input(dir.path(), &bad).to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("scores[5].value"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn a_builtin_template_can_be_named_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let o = reviewdesk(&[
        "compute",
        "--template",
        "gd-supplier-evaluation",
        "--input",
        input(
            dir.path(),
            r#"{"applicants":[{"id":"A1","category":"member"}],"experts":["E1"]}"#,
        )
        .to_str()
        .unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("insufficient_quorum"));
}

#[test]
fn template_check_accepts_every_shipped_template() {
    for f in std::fs::read_dir(root().join("assets/templates")).unwrap() {
        let p = f.unwrap().path();
        let o = reviewdesk(&["template", "check", p.to_str().unwrap()]);
        assert!(o.status.success(), "{}: {}", p.display(), text(&o.stderr));
    }
}

#[test]
fn template_check_names_the_file_and_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(root().join("assets/templates/jx-dx-center.toml")).unwrap();
    let p = dir.path().join("bad.toml");
    std::fs::write(&p, src.replacen("min = \"80\"", "min = \"95\"", 1)).unwrap();
    let o = reviewdesk(&["template", "check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let e = text(&o.stderr);
    assert!(
        e.contains("bad.toml") && e.contains("`grade[1].min`"),
        "{e}"
    );
}

#[test]
fn template_list_shows_the_six_programs() {
    let o = reviewdesk(&["template", "list"]);
    let out = text(&o.stdout);
    for id in [
        "gx-pool-assessment",
        "gd-supplier-recognition",
        "gd-supplier-evaluation",
        "gd-pool-2021",
        "jx-dx-center",
        "gd-empowerment",
    ] {
        assert!(out.contains(id), "{out}");
    }
}

#[test]
fn calendar_counts_working_days_and_names_missing_years() {
    let o = reviewdesk(&["calendar", "add-working-days", "2024-09-30", "5"]);
    assert_eq!(text(&o.stdout).trim(), "2024-10-12");
    let o = reviewdesk(&["calendar", "add-working-days", "2027-03-01", "1"]);
    assert_eq!(o.status.code(), Some(4));
    assert!(text(&o.stderr).contains("2027"), "{}", text(&o.stderr));
}
