//! The `reviewdesk` binary itself: help, version, the demo overview, and bad input.

use std::process::{Command, Output};

fn reviewdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reviewdesk"))
        .args(args)
        .output()
        .expect("runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn help_lists_the_demo_command() {
    let o = reviewdesk(&["--help"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("demo"), "{}", stdout(&o));
}

#[test]
fn version_prints_the_crate_version() {
    let o = reviewdesk(&["--version"]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o).trim(),
        format!("reviewdesk {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn demo_prints_the_round_overview_in_chinese() {
    let o = reviewdesk(&["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for s in [
        "2026年度广东省工业互联网产业生态供给资源池优秀供应商认定（第一批）",
        "书面审查",
        "广州云擎工业软件有限公司",
        "91440101MA5AGYGLU6",
        "江门星链标识解析技术有限公司",
        "郑国平",
        "予以回避",
    ] {
        assert!(out.contains(s), "missing '{s}' in:\n{out}");
    }
}

#[test]
fn demo_speaks_english_on_request() {
    let o = reviewdesk(&["--lang", "en", "demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Supplier Recognition, Batch 1") && out.contains("Guangzhou"),
        "{out}"
    );
    assert!(
        out.contains("Written review") && out.contains("upheld"),
        "{out}"
    );
}

#[test]
fn an_unknown_subcommand_fails_with_usage() {
    let o = reviewdesk(&["--lang", "en", "frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unrecognized subcommand 'frobnicate'"),
        "{}",
        stderr(&o)
    );
    // In Chinese by default: what is wrong, the usage, where help is.
    let o = reviewdesk(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with("reviewdesk: 错误：[usage] 没有 `frobnicate` 这个命令"),
        "{err}"
    );
    assert!(
        err.contains("用法：reviewdesk") && err.contains("--help"),
        "{err}"
    );
}

#[test]
fn a_missing_round_folder_is_named() {
    let o = reviewdesk(&[
        "--lang",
        "en",
        "demo",
        "--round",
        "/nonexistent/round-folder",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.starts_with(
            "reviewdesk: error: [not_readable] cannot read /nonexistent/round-folder/round.toml"
        ),
        "{err}"
    );
    // In Chinese by default, the file named.
    let o = reviewdesk(&["demo", "--round", "/nonexistent/round-folder"]);
    let err = stderr(&o);
    assert!(
        err.starts_with(
            "reviewdesk: 错误：[not_readable] 无法读取 /nonexistent/round-folder/round.toml：文件或文件夹不存在"
        ),
        "{err}"
    );
}

#[test]
fn an_invalid_round_lists_every_problem_with_its_field() {
    let dir = tempfile::tempdir().unwrap();
    let demo = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo/round.toml"),
    )
    .unwrap();
    let broken = demo
        .replacen("applicant = \"A02\"", "applicant = \"A99\"", 1)
        .replacen(
            "categories = [\"network\"]",
            "categories = [\"quantum\"]",
            1,
        );
    std::fs::write(dir.path().join("round.toml"), broken).unwrap();
    let o = reviewdesk(&[
        "--lang",
        "en",
        "demo",
        "--round",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("no applicant has id 'A99'"), "{err}");
    let zh = stderr(&reviewdesk(&[
        "demo",
        "--round",
        dir.path().to_str().unwrap(),
    ]));
    assert!(
        zh.contains("没有编号为 `A99` 的申报单位") && zh.contains("模板中没有类别 `quantum`"),
        "{zh}"
    );
    assert!(
        err.contains("categories[0]: the template defines no category 'quantum'"),
        "{err}"
    );
}
