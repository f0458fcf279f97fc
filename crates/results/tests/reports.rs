//! The reports of the demo round's result, read back: the PDFs with poppler's
//! `pdftotext -layout` and `pdfinfo` (Debian `poppler-utils`; the tests fail
//! without them), the XLSX with calamine (and its sheet XML for the frozen
//! header), the CSV with the csv crate. Every expected value is worked out here
//! from the engine's input and result, not by the crate under test.

mod common;

use std::io::{Cursor, Read};

use calamine::{open_workbook_from_rs, Data as XData, Reader, Xlsx};
use common::{demo, font, has_row, pages, pdftotext, reviews, squeeze, Data};
use reviewdesk_core::rules::{ApplicantResult, ApplicantStatus, StageStatus};
use reviewdesk_core::{Lang, StageKind};
use reviewdesk_results::{
    opinion_pages_pdf, public_notice_pdf, summary_csv, summary_pdf, summary_xlsx, ResultsError,
};
use rust_decimal::Decimal;

/// An expected spreadsheet cell.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Num(Decimal),
    Int(u32),
    Text(String),
    Empty,
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

fn status_zh(s: ApplicantStatus) -> &'static str {
    match s {
        ApplicantStatus::Graded => "已评定",
        ApplicantStatus::QuotaExceeded => "超出名额",
        ApplicantStatus::Vetoed => "一票否决",
        ApplicantStatus::FailedStage => "环节未通过",
        ApplicantStatus::FailedGate => "未达门槛分",
        ApplicantStatus::InsufficientQuorum => "有效评分不足",
        ApplicantStatus::Ineligible => "形式审查未通过",
    }
}

/// An expert's exact stage total, or `None` when they gave no complete set.
fn total(d: &Data, expert: &str, applicant: &str, stage: &str) -> Option<Decimal> {
    let leaves: Vec<&str> = d
        .template
        .scored_indicators(stage)
        .map(|i| i.id.as_str())
        .collect();
    let mut sum = Decimal::ZERO;
    for leaf in leaves {
        let s = d.input.scores.iter().find(|s| {
            s.expert == expert
                && s.applicant == applicant
                && s.stage == stage
                && s.indicator == leaf
        })?;
        sum += s.value;
    }
    // Printed with at least the template's places (trailing zeros only).
    if sum.scale() < d.template.decimals {
        sum.rescale(d.template.decimals);
    }
    Some(sum)
}

fn recused(d: &Data, expert: &str, applicant: &str) -> bool {
    d.input
        .recusals
        .iter()
        .any(|p| p.expert == expert && p.applicant == applicant)
}

fn name_of<'a>(d: &'a Data, applicant: &str) -> &'a str {
    &d.round
        .applicants
        .iter()
        .find(|a| a.id == applicant)
        .unwrap()
        .name
}

fn expert_name<'a>(d: &'a Data, id: &str) -> &'a str {
    &d.round
        .panel
        .experts
        .iter()
        .find(|e| e.id == id)
        .unwrap()
        .name
}

fn grade_zh<'a>(d: &'a Data, r: &ApplicantResult) -> Option<&'a str> {
    let g = r.grade.as_deref()?;
    Some(
        &d.template
            .grades
            .iter()
            .find(|b| b.id == g)
            .unwrap()
            .label
            .zh,
    )
}

/// The header and rows of sheet 汇总 and of the CSV, in Chinese.
fn expected_summary(d: &Data) -> (Vec<String>, Vec<Vec<Cell>>) {
    let t = &d.template;
    let mut header: Vec<String> = ["申报类别", "排名", "编号", "申报单位", "所属地区"]
        .map(String::from)
        .to_vec();
    header.extend(t.stages.iter().map(|s| s.name.zh.clone()));
    header.extend(["综合得分", "评价等次", "状态", "入选"].map(String::from));
    let score_stages: Vec<_> = t
        .stages
        .iter()
        .filter(|s| s.kind == StageKind::Score)
        .collect();
    for s in &score_stages {
        for e in &d.input.experts {
            header.push(format!("{} {e} {}", s.name.zh, expert_name(d, e)));
        }
    }
    let rows = d
        .result
        .applicants
        .iter()
        .map(|r| {
            let a = d.round.applicants.iter().find(|a| a.id == r.id).unwrap();
            let mut row = vec![
                text(&t.category(&r.category).unwrap().name.zh),
                r.rank.map_or(Cell::Empty, Cell::Int),
                text(&r.id),
                text(&a.name),
                text(&a.region.zh),
            ];
            for sr in &r.stages {
                row.push(match (sr.aggregate, sr.passed) {
                    (Some(x), _) => Cell::Num(x),
                    (None, Some(true)) => text("通过"),
                    (None, Some(false)) => text("不通过"),
                    (None, None) => panic!("the demo has no stage without an outcome"),
                });
            }
            row.push(r.final_score.map_or(Cell::Empty, Cell::Num));
            row.push(grade_zh(d, r).map_or(Cell::Empty, text));
            row.push(text(status_zh(r.status)));
            row.push(text(if r.selected { "是" } else { "否" }));
            for s in &score_stages {
                for e in &d.input.experts {
                    row.push(if recused(d, e, &r.id) {
                        text("回避")
                    } else {
                        total(d, e, &r.id, &s.id).map_or(Cell::Empty, Cell::Num)
                    });
                }
            }
            row
        })
        .collect();
    (header, rows)
}

#[test]
fn the_demo_result_has_what_the_tests_rely_on() {
    let d = demo();
    let statuses: Vec<ApplicantStatus> = d.result.applicants.iter().map(|r| r.status).collect();
    assert!(
        statuses.contains(&ApplicantStatus::FailedStage),
        "{statuses:?}"
    );
    assert!(d.result.applicants.iter().any(|r| r.selected));
    assert!(d
        .result
        .applicants
        .iter()
        .any(|r| !r.selected && r.status == ApplicantStatus::Graded));
    assert_eq!(d.input.recusals.len(), 1, "the demo's upheld recusal");
    assert!(d
        .result
        .applicants
        .iter()
        .all(|r| r.stages.iter().all(|s| s.status == StageStatus::Ok)));
}

#[test]
fn summary_pdf_shows_every_expert_total_result_and_signature_line() {
    let d = demo();
    let pdf = summary_pdf(&d.set(Lang::ZhCn), font()).unwrap();
    let text = pdftotext(&pdf, None);
    assert!(text.contains("评分汇总表"));
    assert!(squeeze(&text).contains(&squeeze(&d.round.program.title.zh)));
    assert!(text.contains(&d.round.panel.chair.name));
    for e in &d.round.panel.experts {
        assert!(text.contains(&e.name), "expert {}", e.name);
        assert!(
            text.contains(&format!("评审专家签字（{}）", e.name)),
            "signature line of {}",
            e.name
        );
    }
    assert!(text.contains(&format!("评审组长签字（{}）", d.round.panel.chair.name)));
    assert!(text.contains("日期"));
    assert!(text.contains("结果包 SHA-256: 5c0ffee"), "the footer");
    // The re-check justifications under the divergent scores: who, kept or
    // changed, and why.
    assert!(text.contains("复核说明"), "{text}");
    let e02 = d.round.expert("E02").unwrap().name.clone();
    assert!(
        has_row(&text, &["A01", &e02, "1", "维持原分"]),
        "justification row in:\n{text}"
    );
    assert!(squeeze(&text).contains("现场核实案例材料，维持原分。"));

    // Per score stage: id, name, each expert's total (or 回避 / —), valid count, aggregate.
    for (i, stage) in d.template.stages.iter().enumerate() {
        if stage.kind != StageKind::Score {
            continue;
        }
        for r in &d.result.applicants {
            let mut row: Vec<String> = vec![r.id.clone(), name_of(&d, &r.id).to_owned()];
            for e in &d.input.experts {
                row.push(if recused(&d, e, &r.id) {
                    "回避".into()
                } else if reviews(&d.input, e, &r.id) {
                    total(&d, e, &r.id, &stage.id).unwrap().to_string()
                } else {
                    "—".into()
                });
            }
            row.push(r.stages[i].valid_experts.to_string());
            row.push(r.stages[i].aggregate.unwrap().to_string());
            let row: Vec<&str> = row.iter().map(String::as_str).collect();
            assert!(
                has_row(&text, &row),
                "stage {} row {row:?} in:\n{text}",
                stage.id
            );
        }
    }
    // The result rows: rank, name, stage outcomes, final, grade, status, selected.
    for r in &d.result.applicants {
        let rank = r.rank.expect("every demo applicant is ranked");
        let mut row: Vec<String> = vec![rank.to_string(), name_of(&d, &r.id).into()];
        for sr in &r.stages {
            row.push(match (sr.aggregate, sr.passed) {
                (Some(x), _) => x.to_string(),
                (None, Some(p)) => if p { "通过" } else { "不通过" }.to_owned(),
                other => panic!("unexpected stage outcome {other:?}"),
            });
        }
        row.push(r.final_score.unwrap().to_string());
        row.push(grade_zh(&d, r).unwrap().to_owned());
        row.push(status_zh(r.status).to_owned());
        row.push(if r.selected { "是" } else { "否" }.to_owned());
        let row: Vec<&str> = row.iter().map(String::as_str).collect();
        assert!(has_row(&text, &row), "result row {row:?} in:\n{text}");
    }
}

#[test]
fn opinion_pages_have_one_page_per_applicant_with_its_opinion() {
    let d = demo();
    let pdf = opinion_pages_pdf(&d.set(Lang::ZhCn), font()).unwrap();
    assert_eq!(pages(&pdf), d.result.applicants.len());
    for (k, r) in d.result.applicants.iter().enumerate() {
        let page = pdftotext(&pdf, Some(k + 1));
        let flat = squeeze(&page);
        assert!(
            page.contains(name_of(&d, &r.id)),
            "page {} names {}",
            k + 1,
            r.id
        );
        assert!(has_row(
            &page,
            &["综合得分", &r.final_score.unwrap().to_string()]
        ));
        assert!(has_row(&page, &["评价等次", grade_zh(&d, r).unwrap()]));
        let rank = r.rank.expect("every demo applicant is ranked");
        assert!(has_row(&page, &["类别内排名", &rank.to_string()]));
        let site = &r.stages[2];
        let verdict = format!(
            "{} {}/{}",
            if site.passed.unwrap() {
                "通过"
            } else {
                "不通过"
            },
            site.passes.unwrap(),
            site.valid_experts
        );
        assert!(
            has_row(&page, &["实地考察", &verdict]),
            "{verdict} in:\n{page}"
        );
        match d.opinions.applicants.iter().find(|o| o.applicant == r.id) {
            Some(o) => {
                assert!(flat.contains(&squeeze(&o.opinion)), "opinion of {}", r.id);
                for ds in &o.dissents {
                    let line = format!(
                        "{}（{}）：{}",
                        expert_name(&d, &ds.expert),
                        ds.expert,
                        ds.note
                    );
                    assert!(flat.contains(&squeeze(&line)), "dissent {line}");
                }
                if o.dissents.is_empty() {
                    assert!(has_row(&page, &["无。"]));
                }
            }
            None => assert!(flat.contains("专家组未对该单位出具书面意见。"), "{page}"),
        }
        assert!(page.contains(&format!("评审组长签字（{}）", d.round.panel.chair.name)));
        assert!(page.contains("专家组成员签字"));
    }
}

#[test]
fn public_notice_lists_exactly_the_selected_with_the_notice_terms() {
    let d = demo();
    let pdf = public_notice_pdf(&d.set(Lang::ZhCn), font()).unwrap();
    let text = pdftotext(&pdf, None);
    let flat = squeeze(&text);
    assert!(flat.contains(&squeeze(&d.round.program.title.zh)));
    assert!(flat.contains("拟入选名单公示"));
    assert!(flat.contains("草稿"));
    assert!(flat.contains("5个工作日"));
    assert!(flat.contains("书面形式实名提出"));
    assert!(flat.contains("联系方式"));
    assert!(flat.contains("证明材料"));
    assert!(flat.contains(&squeeze(&d.round.program.organizer.zh)));
    for r in &d.result.applicants {
        let a = d.round.applicants.iter().find(|a| a.id == r.id).unwrap();
        if r.selected {
            let row = [
                r.rank.expect("a selected applicant is ranked").to_string(),
                a.name.clone(),
                a.region.zh.clone(),
                r.final_score.unwrap().to_string(),
                grade_zh(&d, r).unwrap().to_owned(),
            ];
            let row: Vec<&str> = row.iter().map(String::as_str).collect();
            assert!(has_row(&text, &row), "{row:?} in:\n{text}");
        } else {
            assert!(!text.contains(&a.name), "{} is not selected", a.name);
        }
    }
}

fn xlsx_cell_matches(got: &XData, want: &Cell) -> bool {
    match (got, want) {
        (XData::Float(f), Cell::Num(d)) => *f == d.to_string().parse::<f64>().unwrap(),
        (XData::Int(i), Cell::Num(d)) => Decimal::from(*i) == *d,
        (XData::Float(f), Cell::Int(n)) => *f == f64::from(*n),
        (XData::Int(i), Cell::Int(n)) => *i == i64::from(*n),
        (XData::String(s), Cell::Text(t)) => s == t,
        (XData::Empty, Cell::Empty) => true,
        _ => false,
    }
}

fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn xlsx_has_number_cells_for_scores_and_text_elsewhere() {
    let d = demo();
    let bytes = summary_xlsx(&d.set(Lang::ZhCn)).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(wb.sheet_names(), ["汇总", "书面审查", "现场答辩"]);

    let (header, rows) = expected_summary(&d);
    let range = wb.worksheet_range("汇总").unwrap();
    assert_eq!(range.get_size(), (rows.len() + 1, header.len()));
    for (c, h) in header.iter().enumerate() {
        assert_eq!(
            range.get((0, c)),
            Some(&XData::String(h.clone())),
            "header {c}"
        );
    }
    let mut numbers = 0;
    for (r, row) in rows.iter().enumerate() {
        for (c, want) in row.iter().enumerate() {
            let got = range.get((r + 1, c)).unwrap_or(&XData::Empty);
            assert!(
                xlsx_cell_matches(got, want),
                "汇总 row {} column {} ({}): got {got:?}, want {want:?}",
                r + 1,
                c,
                header[c]
            );
            numbers += usize::from(matches!(want, Cell::Num(_)));
        }
    }
    assert!(numbers > 50, "scores are number cells ({numbers})");

    // Sheet 书面审查: id, name, the experts' totals, valid scores, aggregate.
    let written = wb.worksheet_range("书面审查").unwrap();
    for (r, res) in d.result.applicants.iter().enumerate() {
        let row = r + 1;
        assert_eq!(written.get((row, 0)), Some(&XData::String(res.id.clone())));
        for (k, e) in d.input.experts.iter().enumerate() {
            let want = if recused(&d, e, &res.id) {
                text("回避")
            } else {
                total(&d, e, &res.id, "written").map_or(Cell::Empty, Cell::Num)
            };
            let got = written.get((row, 2 + k)).unwrap_or(&XData::Empty);
            assert!(
                xlsx_cell_matches(got, &want),
                "{} {e}: {got:?} {want:?}",
                res.id
            );
        }
        let n = d.input.experts.len();
        assert!(xlsx_cell_matches(
            written.get((row, 2 + n)).unwrap(),
            &Cell::Int(res.stages[0].valid_experts)
        ));
        assert!(xlsx_cell_matches(
            written.get((row, 3 + n)).unwrap(),
            &Cell::Num(res.stages[0].aggregate.unwrap())
        ));
    }

    // Frozen header rows and the template's decimals as the number format.
    let sheet1 = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet1.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{sheet1}"
    );
    let sheet2 = zip_entry(&bytes, "xl/worksheets/sheet2.xml");
    assert!(sheet2.contains(r#"xSplit="2" ySplit="1""#) && sheet2.contains(r#"state="frozen""#));
    assert!(sheet1.contains("<cols>"), "column widths are set");
    let styles = zip_entry(&bytes, "xl/styles.xml");
    assert_eq!(d.template.decimals, 2);
    assert!(styles.contains(r#"formatCode="0.00""#), "{styles}");
}

#[test]
fn csv_has_a_bom_crlf_and_the_exact_decimals() {
    let d = demo();
    let bytes = summary_csv(&d.set(Lang::ZhCn)).unwrap();
    assert!(bytes.starts_with("\u{FEFF}".as_bytes()));
    let body = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(body.ends_with("\r\n"));
    assert_eq!(
        body.matches('\n').count(),
        body.matches("\r\n").count(),
        "CRLF only"
    );
    let (header, rows) = expected_summary(&d);
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let got_header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(got_header, header);
    let got: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let want: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Cell::Num(x) => x.to_string(),
                    Cell::Int(n) => n.to_string(),
                    Cell::Text(s) => s.clone(),
                    Cell::Empty => String::new(),
                })
                .collect()
        })
        .collect();
    assert_eq!(got, want);
    // Finals keep the template's two places as the engine computed them.
    let first_final = d.result.applicants[0].final_score.unwrap();
    assert_eq!(
        got[0][header.iter().position(|h| h == "综合得分").unwrap()],
        first_final.to_string()
    );
}

#[test]
fn english_reports_are_complete() {
    let d = demo();
    let set = d.set(Lang::En);
    let text = pdftotext(&summary_pdf(&set, font()).unwrap(), None);
    for s in [
        "Score summary",
        "Expert panel",
        "Written review: experts' scores (max 100, weight 60%)",
        "Results",
        "Recognized",
        "recused",
        "Panel chair's signature (郑国平)",
        "Expert's signature (陈立新)",
        "Re-check justifications",
        "kept",
    ] {
        assert!(text.contains(s), "{s:?} in:\n{text}");
    }
    for zh in ["评分汇总表", "回避", "予以认定", "申报类别", "签字"] {
        assert!(
            !text.contains(zh),
            "no Chinese label {zh:?} in the English summary"
        );
    }
    let opinions = pdftotext(&opinion_pages_pdf(&set, font()).unwrap(), None);
    assert!(opinions.contains("Opinion of the panel"));
    assert!(squeeze(&opinions).contains("Thepanelwrotenoopiniononthisapplicant."));
    assert!(opinions.contains("Dissenting opinions"));
    let notice = squeeze(&pdftotext(&public_notice_pdf(&set, font()).unwrap(), None));
    assert!(notice.contains("5workingdays"));
    assert!(notice.contains("undertheirrealname"));
    let csv = summary_csv(&set).unwrap();
    let csv = std::str::from_utf8(&csv).unwrap();
    assert!(csv.starts_with(
        "\u{FEFF}Category,Rank,ID,Applicant,Region,Written review,Defense,Site visit,Final score,Grade,Status,Selected,Written review E01 陈立新,"
    ));
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(summary_xlsx(&set).unwrap())).unwrap();
    assert_eq!(wb.sheet_names(), ["Summary", "Written review", "Defense"]);
    let range = wb.worksheet_range("Summary").unwrap();
    assert_eq!(range.get((1, 10)), Some(&XData::String("graded".into())));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let d = demo();
    let set = d.set(Lang::ZhCn);
    assert_eq!(
        summary_pdf(&set, font()).unwrap(),
        summary_pdf(&set, font()).unwrap()
    );
    assert_eq!(
        opinion_pages_pdf(&set, font()).unwrap(),
        opinion_pages_pdf(&set, font()).unwrap()
    );
    assert_eq!(
        public_notice_pdf(&set, font()).unwrap(),
        public_notice_pdf(&set, font()).unwrap()
    );
    assert_eq!(summary_xlsx(&set).unwrap(), summary_xlsx(&set).unwrap());
    assert_eq!(summary_csv(&set).unwrap(), summary_csv(&set).unwrap());
}

#[test]
fn a_result_of_another_template_or_round_is_refused() {
    let mut d = demo();
    d.result.template_version += 1;
    assert!(matches!(
        summary_csv(&d.set(Lang::ZhCn)),
        Err(ResultsError::Inconsistent(_))
    ));
    d.result.template_version -= 1;
    d.result.applicants[0].id = "A99".into();
    let e = summary_xlsx(&d.set(Lang::ZhCn)).unwrap_err();
    assert!(e.to_string().contains("A99"), "{e}");
    d.result.applicants[0].id = "A01".into();
    d.justifications[0].0 = "E99".into();
    let e = summary_pdf(&d.set(Lang::ZhCn), font()).unwrap_err();
    assert!(e.to_string().contains("E99"), "{e}");
}

/// The demo with A05 failed on `coverage` (its scores in the input, as an expert
/// could have scored it from an older package): recomputed.
fn demo_with_a_failed_applicant() -> Data {
    use reviewdesk_core::eligibility::{failed_items, record_checks, ItemOutcome};
    let mut d = demo();
    let not_met = ItemOutcome {
        item: "coverage".into(),
        met: false,
        note: Some("业务仅覆盖江门市，未覆盖广东省全境。".into()),
    };
    let day = reviewdesk_core::Date::new(2026, 3, 6).unwrap();
    d.round = record_checks(&d.round, &d.template, "A05", &[not_met], "郑雅文", day).unwrap();
    d.input.ineligible = vec![reviewdesk_core::rules::IneligibleInput {
        applicant: "A05".into(),
        items: failed_items(&d.round, "A05"),
    }];
    d.result = reviewdesk_core::rules::compute(&d.template, &d.input).unwrap();
    d
}

#[test]
fn an_ineligible_applicant_is_reported_with_its_reason_and_unranked() {
    let d = demo_with_a_failed_applicant();
    let a05 = d.result.applicants.iter().find(|a| a.id == "A05").unwrap();
    assert_eq!(a05.status, ApplicantStatus::Ineligible);
    let name = name_of(&d, "A05").to_owned();
    let reason = "业务仅覆盖江门市，未覆盖广东省全境。";

    // CSV: no rank, every stage 未评审, no final or grade, its status, no totals.
    let csv = summary_csv(&d.set(Lang::ZhCn)).unwrap();
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |h: &str| header.iter().position(|x| x == h).unwrap();
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let row = rows.iter().find(|r| r[col("编号")] == "A05").unwrap();
    assert_eq!(row[col("排名")], "");
    assert_eq!(row[col("状态")], "形式审查未通过");
    for s in &d.template.stages {
        assert_eq!(row[col(&s.name.zh)], "未评审");
    }
    assert_eq!(
        (row[col("综合得分")].as_str(), row[col("评价等次")].as_str()),
        ("", "")
    );
    assert!(row[col("入选")] == "否" && row[col("评价等次") + 3..].iter().all(String::is_empty));
    // Listed last in its category; the others ranked 1…n without it.
    let cat = &row[col("申报类别")];
    let same: Vec<&Vec<String>> = rows.iter().filter(|r| &r[col("申报类别")] == cat).collect();
    assert_eq!(same.last().unwrap()[col("编号")], "A05");
    let ranks: Vec<String> = same[..same.len() - 1]
        .iter()
        .map(|r| r[col("排名")].clone())
        .collect();
    let want: Vec<String> = (1..same.len()).map(|n| n.to_string()).collect();
    assert_eq!(ranks, want);

    // The summary PDF: its row, and the section with the condition and the reason.
    let summary = squeeze(&pdftotext(
        &summary_pdf(&d.set(Lang::ZhCn), font()).unwrap(),
        None,
    ));
    assert!(summary.contains("形式审查未通过"), "{summary}");
    assert!(summary.contains("以下单位未通过形式审查"), "{summary}");
    // Table cells wrap: pdftotext interleaves their lines, so the starts are looked for.
    let table = &summary[summary.find("以下单位未通过形式审查").unwrap()..];
    assert!(
        table.contains(&format!(
            "原因{}业务覆盖范围或相关权限能够覆盖或管理",
            squeeze(&name)
        )),
        "{table}"
    );
    assert!(table.contains("业务仅覆盖江门市"), "{table}");
    // Its opinion page carries the reason too.
    let opinions = squeeze(&pdftotext(
        &opinion_pages_pdf(&d.set(Lang::ZhCn), font()).unwrap(),
        None,
    ));
    let page = &opinions[opinions.find(&squeeze(&name)).unwrap()..];
    assert!(page.contains("未满足的基本条件") && page.contains(&squeeze(reason)));
    // Not in the public notice.
    let notice = squeeze(&pdftotext(
        &public_notice_pdf(&d.set(Lang::ZhCn), font()).unwrap(),
        None,
    ));
    assert!(!notice.contains(&squeeze(&name)));

    // In English.
    let set = d.set(Lang::En);
    let csv = summary_csv(&set).unwrap();
    let csv = std::str::from_utf8(&csv).unwrap();
    let line = csv.lines().find(|l| l.contains(",A05,")).unwrap();
    assert!(line.contains(",failed eligibility check,no"), "{line}");
    assert!(line.contains("not reviewed"), "{line}");
    let summary = squeeze(&pdftotext(&summary_pdf(&set, font()).unwrap(), None));
    assert!(summary.contains("Failedeligibilitycheck"), "{summary}");
    assert!(
        summary.contains("ConditionnotmetReason珠海海纳工业大数据有限公司Businesscoversallof"),
        "{summary}"
    );
    assert!(summary.contains("业务仅覆盖江门市"), "{summary}");
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(summary_xlsx(&set).unwrap())).unwrap();
    let range = wb.worksheet_range("Summary").unwrap();
    let r = (1..range.height())
        .find(|&i| range.get((i, 2)) == Some(&XData::String("A05".into())))
        .unwrap() as u32;
    assert_eq!(range.get_value((r, 1)), Some(&XData::Empty));
    assert_eq!(
        range.get_value((r, 10)),
        Some(&XData::String("failed eligibility check".into()))
    );
}
