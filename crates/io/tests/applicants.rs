//! Importing applicants from real spreadsheet files (XLSX written here with
//! rust_xlsxwriter, CSVs in GBK and UTF-8 with BOM) into a copy of the demo round.

use reviewdesk_core::{column_letter, Round};
use reviewdesk_io::{import_applicants, ImportError, SheetError};
use rust_xlsxwriter::{Format, Workbook};
use std::fs;
use std::path::{Path, PathBuf};

const A01: &str = "91440101MA5AGYGLU6"; // the demo's A01
const NEW1: &str = "91440101MA5CXTYG34"; // valid, not in the demo
const NEW2: &str = "91440300MA5FUWJD8Y"; // valid, not in the demo

/// A copy of the demo round under the seed-002 template (two categories, three industries).
fn round_dir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let src = reviewdesk_io::demo_round_dir();
    let text = fs::read_to_string(src.join("round.toml")).unwrap().replace(
        "template = \"gd-supplier-recognition\"",
        "template = \"gd-pool-2021\"",
    );
    fs::write(tmp.path().join("round.toml"), without_eligibility(&text)).unwrap();
    fs::create_dir(tmp.path().join("materials")).unwrap();
    for e in fs::read_dir(src.join("materials")).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), tmp.path().join("materials").join(e.file_name())).unwrap();
    }
    reviewdesk_io::load_round(tmp.path()).expect("the test round loads");
    tmp
}

fn with_wrong_check(code: &str) -> String {
    let mut c = code.to_owned();
    let last = c.pop().unwrap();
    c.push(if last == '0' { '1' } else { '0' });
    c
}

enum V<'a> {
    S(&'a str),
    N(f64),
}

/// An XLSX with a two-row merged header (rows 2–3 under a merged title in row 1)
/// and the data from row 4.
fn xlsx(path: &Path, rows: &[Vec<V>]) -> PathBuf {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("申报名单").unwrap();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 5, "2026年申报名单", &f).unwrap();
    ws.merge_range(1, 0, 2, 0, "单位名称", &f).unwrap();
    ws.merge_range(1, 1, 2, 1, "统一社会信用代码", &f).unwrap();
    ws.merge_range(1, 2, 1, 4, "申报信息", &f).unwrap();
    ws.write_string(2, 2, "所属地市").unwrap();
    ws.write_string(2, 3, "所属行业").unwrap();
    ws.write_string(2, 4, "申报类别").unwrap();
    ws.merge_range(1, 5, 2, 5, "联系人", &f).unwrap();
    for (i, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (3 + i as u32, c as u16);
            match v {
                V::S(s) => ws.write_string(r, c, *s).map(|_| ()).unwrap(),
                V::N(n) => ws.write_number(r, c, *n).map(|_| ()).unwrap(),
            }
        }
    }
    wb.save(path).unwrap();
    path.to_path_buf()
}

fn row<'a>(name: &'a str, code: V<'a>, cats: &'a str) -> Vec<V<'a>> {
    vec![
        V::S(name),
        code,
        V::S("广州市"),
        V::S("C38 电气机械和器材制造业、C39"),
        V::S(cats),
        V::S("张三"),
    ]
}

fn problems(plan: &reviewdesk_io::ApplicantImport) -> Vec<(usize, String, &'static str)> {
    plan.checked
        .problems
        .iter()
        .map(|p| {
            (
                p.row,
                p.column.map(column_letter).unwrap_or_default(),
                p.kind.code(),
            )
        })
        .collect()
}

fn round(dir: &Path) -> Round {
    toml::from_str(&fs::read_to_string(dir.join("round.toml")).unwrap()).unwrap()
}

#[test]
fn an_xlsx_with_errors_imports_nothing_and_names_every_problem() {
    let dir = round_dir();
    let before = fs::read(dir.path().join("round.toml")).unwrap();
    let wrong = with_wrong_check(NEW1);
    let file = xlsx(
        &dir.path().join("applicants.xlsx"),
        &[
            row("广州云擎工业软件有限公司（更名）", V::S(A01), "application"),
            row("数字丢失公司", V::N(9.14401e17), "platform"),
            row("早期代码公司", V::S(&wrong), "platform"),
            row("重复公司", V::S(A01), "network"),
            row("未知类别公司", V::S("91440300MA5W7WKKHD"), "区块链"),
            row(
                "两类公司",
                V::S(NEW2),
                "工业互联网应用（含工业软件）、platform",
            ),
        ],
    );
    let plan = import_applicants(dir.path(), &file, None).unwrap();
    assert_eq!(plan.mapping.header_row, 3);
    assert_eq!(plan.sheet, "申报名单");
    assert_eq!(
        problems(&plan),
        vec![
            (5, "B".into(), "credit_code_as_number"),
            (6, "B".into(), "check_character"),
            (7, "B".into(), "duplicate_credit_code"),
            (8, "E".into(), "unknown_category"),
        ]
    );
    match &plan.checked.problems[1].kind {
        reviewdesk_core::RowProblemKind::CheckCharacter { expected, .. } => {
            assert_eq!(*expected, NEW1.chars().last().unwrap())
        }
        other => panic!("{other:?}"),
    }
    assert!(plan.round_toml.is_none() && plan.merge.is_none());
    assert_eq!(fs::read(dir.path().join("round.toml")).unwrap(), before);
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_clean_xlsx_imports_and_a_reimport_updates_by_credit_code() {
    let dir = round_dir();
    let old_text = fs::read_to_string(dir.path().join("round.toml")).unwrap();
    let old = round(dir.path());
    let wrong = with_wrong_check(NEW1);
    let rows = |a01: &'static str| {
        vec![
            row(a01, V::S(A01), "application"),
            row("早期代码公司", V::S(&wrong), "platform"),
            row(
                "两类公司",
                V::S(NEW2),
                "工业互联网应用（含工业软件）、platform",
            ),
        ]
    };
    let file = dir.path().join("applicants.xlsx");
    xlsx(&file, &rows("广州云擎工业软件有限公司（更名）"));
    let plan = import_applicants(dir.path(), &file, None).unwrap();
    assert_eq!(problems(&plan), vec![(5, "B".into(), "check_character")]);
    let merge = plan.merge.unwrap();
    assert_eq!(merge.updated, ["A01"]);
    assert_eq!(merge.added, ["A09", "A10"]);

    let text = fs::read_to_string(dir.path().join("round.toml")).unwrap();
    let new = round(dir.path());
    assert_eq!(new.applicants.len(), 10);
    assert_eq!(new.applicants[0].name, "广州云擎工业软件有限公司（更名）");
    assert_eq!(new.applicants[0].region.en, "Guangzhou", "English kept");
    assert_eq!(new.applicants[9].categories, ["application", "platform"]);
    assert_eq!(new.applicants[8].credit_code.as_str(), wrong);
    // Everything else means what it meant, and the comments are still there.
    let strip = |mut r: Round| {
        r.applicants.clear();
        r
    };
    assert_eq!(strip(new.clone()), strip(old));
    assert!(text.starts_with("# 演示批次"));
    assert_eq!(
        text.lines().filter(|l| l.starts_with('#')).count(),
        old_text.lines().filter(|l| l.starts_with('#')).count()
    );
    // The new applicants follow the last old one, before the panel.
    let a10 = text.find("id = \"A10\"").unwrap();
    assert!(text.find("id = \"A08\"").unwrap() < a10 && a10 < text.find("[panel").unwrap());
    reviewdesk_io::load_round(dir.path()).expect("the written round loads");

    // The same file again: nothing changes, byte for byte.
    let again = import_applicants(dir.path(), &file, None).unwrap();
    assert!(again.merge.as_ref().unwrap().added.is_empty());
    assert_eq!(
        fs::read_to_string(dir.path().join("round.toml")).unwrap(),
        text
    );

    // A renamed applicant: updated under its id, never duplicated.
    xlsx(&file, &rows("广州云擎工业软件股份有限公司"));
    let renamed = import_applicants(dir.path(), &file, None).unwrap();
    assert_eq!(renamed.merge.unwrap().updated, ["A01"]);
    let r = round(dir.path());
    assert_eq!(r.applicants.len(), 10);
    assert_eq!(r.applicants[0].id, "A01");
    assert_eq!(r.applicants[0].name, "广州云擎工业软件股份有限公司");
}

const CSV: &str = "单位名称,统一社会信用代码,所属地区,所属行业,申报类别\r\n\
    汕头潮联数字科技有限公司,91440101MA5CXTYG34,汕头市,全行业,工业互联网平台\r\n\
    韶关云岭网络有限公司,91440300MA5FUWJD8Y,韶关市,C13、C14,network;security\r\n";

fn check_csv(bytes: &[u8]) {
    let dir = round_dir();
    let file = dir.path().join("名单.csv");
    fs::write(&file, bytes).unwrap();
    let plan = import_applicants(dir.path(), &file, None).unwrap();
    assert!(
        plan.checked.problems.is_empty(),
        "{:?}",
        plan.checked.problems
    );
    let r = round(dir.path());
    assert_eq!(r.applicants[8].name, "汕头潮联数字科技有限公司");
    assert_eq!(r.applicants[8].categories, ["platform"]);
    assert_eq!(r.applicants[9].region.zh, "韶关市");
    assert_eq!(r.applicants[9].industry.zh, "C13、C14");
    assert_eq!(r.applicants[9].categories, ["network", "security"]);
}

#[test]
fn a_gbk_csv_imports() {
    let (bytes, _, bad) = encoding_rs::GBK.encode(CSV);
    assert!(!bad);
    assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
    check_csv(&bytes);
}

#[test]
fn a_utf8_csv_with_bom_imports() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(CSV.as_bytes());
    check_csv(&bytes);
}

#[test]
fn a_csv_that_would_need_replacement_characters_is_refused() {
    let dir = round_dir();
    let before = fs::read(dir.path().join("round.toml")).unwrap();
    let file = dir.path().join("bad.csv");
    // UTF-8 with BOM, then a byte that is not UTF-8 on line 2.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice("单位名称,统一社会信用代码\r\n".as_bytes());
    bytes.extend_from_slice(b"\xFF\xFE bad\r\n");
    fs::write(&file, &bytes).unwrap();
    match import_applicants(dir.path(), &file, None) {
        Err(ImportError::Sheet(SheetError::Undecodable { line: 2, .. })) => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(fs::read(dir.path().join("round.toml")).unwrap(), before);
}

#[test]
fn a_sheet_is_chosen_by_name() {
    let dir = round_dir();
    let file = xlsx(&dir.path().join("a.xlsx"), &[]);
    match import_applicants(dir.path(), &file, Some("Sheet9")) {
        Err(ImportError::Sheet(SheetError::NoSuchSheet { available, .. })) => {
            assert_eq!(available, ["申报名单"])
        }
        other => panic!("{other:?}"),
    }
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
