//! `reviewdesk round applicants` through the real binary: problems on their own
//! lines with sheet, row and column, in Chinese or English; nothing written on error.

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
    fs::write(tmp.path().join("round.toml"), text).unwrap();
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
