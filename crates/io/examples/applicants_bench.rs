//! Benchmark: a 5,000-row applicant XLSX imported into a copy of the demo round
//! (read, mapped, checked, merged, round.toml edited, validated and written), then
//! imported again (every row an update-free match). Prints figures; asserts nothing
//! about time. Run: `cargo run --release -p reviewdesk-io --example applicants_bench`.

use reviewdesk_core::credit_code::check_character;
use rust_xlsxwriter::Workbook;
use std::fs;
use std::time::Instant;

const ROWS: usize = 5_000;

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo");
    let text = fs::read_to_string(src.join("round.toml"))
        .unwrap()
        .replace("\"gd-supplier-recognition\"", "\"gd-pool-2021\"");
    fs::write(dir.join("round.toml"), without_eligibility(&text)).unwrap();
    fs::create_dir(dir.join("materials")).unwrap();
    for e in fs::read_dir(src.join("materials")).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), dir.join("materials").join(e.file_name())).unwrap();
    }

    let file = dir.join("applicants.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in [
        "单位名称",
        "统一社会信用代码",
        "所属地市",
        "所属行业",
        "申报类别",
        "联系人",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let cats = [
        "application",
        "工业互联网平台",
        "network、security",
        "platform/application",
    ];
    for i in 0..ROWS {
        let first17 = format!("9144{:06}MA{:05}", 100_000 + i, i);
        let code = format!("{first17}{}", check_character(&first17).unwrap());
        let r = (i + 1) as u32;
        ws.write_string(r, 0, format!("测试单位{i:05}有限公司"))
            .unwrap();
        ws.write_string(r, 1, code).unwrap();
        ws.write_string(r, 2, "广州市").unwrap();
        ws.write_string(r, 3, "C38 电气机械和器材制造业、C39")
            .unwrap();
        ws.write_string(r, 4, cats[i % cats.len()]).unwrap();
        ws.write_string(r, 5, "张三").unwrap();
    }
    wb.save(&file).unwrap();
    println!(
        "{ROWS} rows, {} KiB of XLSX",
        fs::metadata(&file).unwrap().len() / 1024
    );

    for run in ["first import", "re-import"] {
        let t = Instant::now();
        let plan = reviewdesk_io::import_applicants(dir, &file, None).unwrap();
        let took = t.elapsed();
        let m = plan.merge.expect("no errors");
        println!(
            "{run}: {:.0} ms ({} added, {} unchanged, {} problems)",
            took.as_secs_f64() * 1000.0,
            m.added.len(),
            m.unchanged.len(),
            plan.checked.problems.len()
        );
    }
    let t = Instant::now();
    let sheet = reviewdesk_io::read_sheet(&file, None).unwrap();
    println!(
        "of which reading the XLSX: {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    drop(sheet);
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
