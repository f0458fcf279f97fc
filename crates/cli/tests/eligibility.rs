//! `reviewdesk round eligibility` through the real binary on a copy of the demo
//! round: the checklist status in Chinese and English, a condition recorded as not
//! met with its reason (then `round check` and `round assign` leave the applicant
//! out), and every refusal — in the user's language, exit 1 (or clap's 2 for a
//! malformed command line) — with nothing written.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn reviewdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reviewdesk"))
        .args(args)
        .output()
        .unwrap()
}

fn demo() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo")
}

fn round_dir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for sub in ["materials", "cards"] {
        fs::create_dir(tmp.path().join(sub)).unwrap();
        for e in fs::read_dir(demo().join(sub)).unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), tmp.path().join(sub).join(e.file_name())).unwrap();
        }
    }
    fs::copy(demo().join("round.toml"), tmp.path().join("round.toml")).unwrap();
    tmp
}

fn out(o: &Output) -> (String, String) {
    (
        String::from_utf8(o.stdout.clone()).unwrap(),
        String::from_utf8(o.stderr.clone()).unwrap(),
    )
}

/// The demo's record of `item` for `applicant`, as the file has it.
fn record(applicant: &str, item: &str) -> String {
    format!("[[eligibility]]\napplicant = \"{applicant}\"\nitem = \"{item}\"\nmet = true\nchecked_by = \"郑雅文\"\nchecked_on = \"2026-03-05\"\n\n")
}

#[test]
fn a_failed_condition_is_recorded_and_the_applicant_left_out_of_the_review() {
    let dir = round_dir();
    let d = dir.path().to_str().unwrap();
    let path = dir.path().join("round.toml");
    let before = fs::read_to_string(&path).unwrap();

    let o = reviewdesk(&["round", "eligibility", d]);
    let (stdout, _) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.starts_with("形式审查清单（模板 gd-supplier-recognition，4项）：\n  legal_entity  在中华人民共和国境内依法注册"),
        "{stdout}"
    );
    assert!(
        stdout.contains("A03 佛山数研智造科技有限公司：通过\n"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("通过 8 家，未通过 0 家，待审查 0 家。\n"),
        "{stdout}"
    );

    let o = reviewdesk(&[
        "round",
        "eligibility",
        d,
        "--applicant",
        "A03",
        "--not-met",
        "coverage",
        "--note",
        "业务仅覆盖佛山市，未覆盖广东省全境。",
        "--by",
        "郑雅文",
        "--on",
        "2026-03-09",
    ]);
    let (stdout, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert_eq!(
        stdout,
        "已记录 A03 的形式审查（审查人 郑雅文，2026-03-09）：形式审查未通过 — coverage（业务覆盖范围或相关权限能够覆盖或管理广东省全境。）不符合：业务仅覆盖佛山市，未覆盖广东省全境。\n"
    );
    // Only that record's lines changed.
    let after = fs::read_to_string(&path).unwrap();
    let changed = "[[eligibility]]\napplicant = \"A03\"\nitem = \"coverage\"\nmet = false\nchecked_by = \"郑雅文\"\nchecked_on = \"2026-03-09\"\nnote = \"业务仅覆盖佛山市，未覆盖广东省全境。\"\n\n";
    assert_eq!(
        after,
        before.replacen(&record("A03", "coverage"), changed, 1)
    );

    let o = reviewdesk(&["round", "eligibility", d, "--lang", "en"]);
    let (stdout, _) = out(&o);
    assert!(
        stdout.contains("A03 佛山数研智造科技有限公司: failed eligibility check — coverage (Business covers all of Guangdong.) not met: 业务仅覆盖佛山市，未覆盖广东省全境。\n"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("7 passed, 1 failed, 0 not yet checked.\n"),
        "{stdout}"
    );

    // A03 no longer needs experts: the next assignment drops its rows.
    let o = reviewdesk(&["round", "check", d, "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o).0);
    let o = reviewdesk(&["round", "assign", d, "--seed", "7"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o).1);
    let text = fs::read_to_string(&path).unwrap();
    let round: reviewdesk_core::Round = toml::from_str(&text).unwrap();
    assert!(round.assignments.iter().all(|a| a.applicant != "A03"));
    assert!(round.assignments.iter().any(|a| a.applicant == "A02"));
    assert_eq!(round.eligibility.len(), 32);
}

#[test]
fn an_unfinished_check_blocks_sealing_until_recorded_today() {
    let dir = round_dir();
    let d = dir.path().to_str().unwrap();
    let path = dir.path().join("round.toml");
    let mut text = fs::read_to_string(&path).unwrap();
    for item in ["legal_entity", "own_ip"] {
        text = text.replacen(&record("A06", item), "", 1);
    }
    fs::write(&path, &text).unwrap();

    let o = reviewdesk(&["round", "check", d]);
    let (stdout, _) = out(&o);
    assert_eq!(o.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("形式审查未完成：A06 尚未记录 legal_entity、own_ip；请用 reviewdesk round eligibility 记录"),
        "{stdout}"
    );
    let o = reviewdesk(&["round", "check", d, "--lang", "en"]);
    assert!(out(&o).0.contains(
        "eligibility check not finished: A06 has no record for legal_entity, own_ip; record it with reviewdesk round eligibility"
    ));
    let o = reviewdesk(&["round", "eligibility", d, "--lang", "en"]);
    let (stdout, _) = out(&o);
    assert!(
        stdout.contains("A06 中山明途机器视觉科技有限公司: not yet checked (not recorded: legal_entity, own_ip)\n"),
        "{stdout}"
    );
    assert!(stdout.ends_with("7 passed, 0 failed, 1 not yet checked.\n"));

    // Two items met at once, dated today by the CLI's clock (China Standard Time).
    let today = reviewdesk_desk::Now::system().today;
    let o = reviewdesk(&[
        "round",
        "eligibility",
        d,
        "--applicant",
        "A06",
        "--met",
        "legal_entity",
        "own_ip",
        "--by",
        "郑雅文",
        "--lang",
        "en",
    ]);
    let (stdout, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.starts_with("Recorded A06's eligibility check (by 郑雅文, "),
        "{stdout}"
    );
    assert!(stdout.ends_with("): passed\n"), "{stdout}");
    let after = fs::read_to_string(&path).unwrap();
    let later = reviewdesk_desk::Now::system().today;
    assert!(
        [today, later].iter().any(|t| after
            .contains(&format!("[[eligibility]]\napplicant = \"A06\"\nitem = \"legal_entity\"\nmet = true\nchecked_by = \"郑雅文\"\nchecked_on = \"{t}\"\n"))),
        "{after}"
    );
    // Before the materials: right after the last record.
    assert!(
        after
            .find("applicant = \"A06\"\nitem = \"own_ip\"")
            .unwrap()
            < after.find("[[material]]").unwrap()
    );
    let o = reviewdesk(&["round", "check", d]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o).0);
}

#[test]
fn refusals_say_what_and_where_and_write_nothing() {
    let dir = round_dir();
    let d = dir.path().to_str().unwrap();
    let path = dir.path().join("round.toml");
    let before = fs::read(&path).unwrap();
    let shown = path.display().to_string();
    let refused = |args: &[&str], code: i32| -> String {
        let mut all = vec!["round", "eligibility", d];
        all.extend_from_slice(args);
        let o = reviewdesk(&all);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {}", out(&o).1);
        assert_eq!(fs::read(&path).unwrap(), before, "{args:?} wrote");
        out(&o).1
    };
    let e = refused(&["--applicant", "A99", "--all-met", "--by", "郑雅文"], 1);
    assert!(
        e.contains(&format!("[unknown_applicant] {shown}：--applicant A99：批次中没有这个编号的申报单位；未写入任何内容")),
        "{e}"
    );
    let e = refused(
        &[
            "--applicant",
            "A99",
            "--all-met",
            "--by",
            "郑雅文",
            "--lang",
            "en",
        ],
        1,
    );
    assert!(
        e.contains(&format!("[unknown_applicant] {shown}: --applicant A99: the round has no applicant with this id; nothing was written")),
        "{e}"
    );
    let e = refused(
        &[
            "--applicant",
            "A01",
            "--met",
            "coverage",
            "scope",
            "--by",
            "王",
        ],
        1,
    );
    assert!(
        e.contains("[unknown_item] ") && e.contains("scope：模板的形式审查清单中没有这一项（清单：legal_entity、coverage、team_and_cases、own_ip）"),
        "{e}"
    );
    let e = refused(
        &[
            "--applicant",
            "A01",
            "--not-met",
            "coverage",
            "--by",
            "王",
            "--lang",
            "en",
        ],
        1,
    );
    assert!(
        e.contains("[note_required] ") && e.contains("--not-met coverage: an unmet condition needs its reason in --note; nothing was written"),
        "{e}"
    );
    let e = refused(
        &[
            "--applicant",
            "A01",
            "--not-met",
            "coverage",
            "--note",
            "  ",
            "--by",
            "王",
        ],
        1,
    );
    assert!(
        e.contains("--not-met coverage：不符合的条件必须用 --note 写明原因"),
        "{e}"
    );
    let e = refused(&["--applicant", "A01", "--all-met", "--by", " "], 1);
    assert!(
        e.contains("[checker_required] ") && e.contains("--by：审查人姓名不能为空"),
        "{e}"
    );
    let e = refused(
        &[
            "--applicant",
            "A01",
            "--met",
            "coverage",
            "coverage",
            "--by",
            "王",
        ],
        1,
    );
    assert!(e.contains("[duplicate_item] "), "{e}");
    // A malformed command line is clap's (exit 2): no outcome, two outcomes, no
    // checker, a note without --not-met, an outcome without an applicant, a bad date.
    refused(&["--applicant", "A01", "--by", "王"], 2);
    refused(
        &[
            "--applicant",
            "A01",
            "--all-met",
            "--met",
            "coverage",
            "--by",
            "王",
        ],
        2,
    );
    refused(&["--applicant", "A01", "--all-met"], 2);
    refused(
        &[
            "--applicant",
            "A01",
            "--all-met",
            "--note",
            "x",
            "--by",
            "王",
        ],
        2,
    );
    refused(&["--all-met", "--by", "王"], 2);
    let e = refused(
        &[
            "--applicant",
            "A01",
            "--all-met",
            "--by",
            "王",
            "--on",
            "2026-02-30",
        ],
        2,
    );
    assert!(
        e.contains("--on 2026-02-30：不是 YYYY-MM-DD 格式的日期"),
        "{e}"
    );
}

#[test]
fn a_template_without_a_checklist_has_nothing_to_record() {
    let dir = round_dir();
    let d = dir.path().to_str().unwrap();
    let path = dir.path().join("round.toml");
    // The demo's template without its checklist, as the folder's own template.toml;
    // the demo's records go with it.
    let builtin =
        fs::read_to_string(demo().join("../templates/gd-supplier-recognition.toml")).unwrap();
    let template: String = builtin
        .split("\n\n")
        .filter(|block| !block.starts_with("[[eligibility]]"))
        .collect::<Vec<_>>()
        .join("\n\n");
    assert!(!template.contains("eligibility"));
    fs::write(dir.path().join("template.toml"), template).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let start = text.find("# 形式审查").unwrap();
    let end = text.find("[[material]]").unwrap();
    let text = format!("{}{}", &text[..start], &text[end..]);
    fs::write(&path, &text).unwrap();
    let o = reviewdesk(&["round", "eligibility", d]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        out(&o).0,
        "模板 gd-supplier-recognition 没有形式审查清单：每家申报单位都视为通过。\n"
    );
    let o = reviewdesk(&[
        "round",
        "eligibility",
        d,
        "--applicant",
        "A01",
        "--all-met",
        "--by",
        "王",
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).1.contains("[no_checklist] "));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}
