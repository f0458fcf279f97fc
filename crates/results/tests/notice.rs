//! The public notice and the final list as PDF, read back with poppler's
//! `pdftotext`: every listed applicant's row (序号, name, credit code, region,
//! category, result) in the list's order, the period with both dates, how and where
//! to object, and the footer — what a reader sees, whatever the renderer does to
//! make the file (`docs/formats.md`, "Publication"). Needs `pdftotext` (Debian
//! `poppler-utils`) on the PATH.

mod common;

use common::{demo, font, has_row, pdftotext, squeeze, Data};
use reviewdesk_core::publication::{notice_rows, NoticePeriod, NoticeRow};
use reviewdesk_core::{Lang, NoticeOrder, PeriodUnit};
use reviewdesk_reports::DocumentDate;
use reviewdesk_results::{notice_csv, notice_pdf, ListKind, NoticeDoc};

fn doc<'a>(d: &'a Data, rows: &'a [NoticeRow], kind: ListKind, lang: Lang) -> NoticeDoc<'a> {
    NoticeDoc {
        kind,
        round: &d.round,
        template: &d.template,
        rows,
        period: NoticePeriod {
            start: "2026-03-02".parse().unwrap(),
            end: "2026-03-06".parse().unwrap(),
            days: 5,
            unit: PeriodUnit::WorkingDays,
        },
        assumed: false,
        order: NoticeOrder::Region,
        basis: None,
        channel: "广州市天河区某路1号 评审办公室",
        contact: "联系人：王工 020-12345678",
        lang,
        date: DocumentDate::new(2026, 2, 27).unwrap(),
        footer: Some("结果包 SHA-256：5c0ffee".to_owned()),
    }
}

#[test]
fn the_notice_reads_back_as_its_rows_period_and_terms() {
    let d = demo();
    let rows = notice_rows(&d.round, &d.result, NoticeOrder::Region);
    assert!(rows.len() >= 3, "the demo selects applicants: {rows:?}");
    let notice = doc(&d, &rows, ListKind::Notice, Lang::ZhCn);
    let text = pdftotext(&notice_pdf(&notice, font()).unwrap(), None);
    let flat = squeeze(&text);
    let title = d.round.program.title.get(Lang::ZhCn);
    assert!(
        flat.contains(&squeeze(&format!("{title} 拟入选名单公示"))),
        "{text}"
    );
    // The header (narrow columns wrap: 所属/地市).
    assert!(
        has_row(
            &text,
            &["序号", "单位名称", "统一社会信用代码", "类别", "结果"]
        ),
        "{text}"
    );
    assert!(flat.contains("（排名不分先后）"));
    // Every row of the CSV is in the PDF, in the same order: number, name and
    // credit code on one line, then region, category and result.
    let csv = String::from_utf8(notice_csv(&notice).unwrap()).unwrap();
    assert_eq!(csv.lines().count(), rows.len() + 1);
    let mut at = 0;
    for (row, line) in rows.iter().zip(csv.lines().skip(1)) {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(
            cells[..3],
            [row.seq.to_string().as_str(), &row.name, &row.credit_code]
        );
        assert!(has_row(&text, &cells[..3]), "{line}\n{text}");
        let found = flat[at..].find(&row.credit_code).unwrap_or_else(|| {
            panic!(
                "row {} not after byte {at} of the PDF's text:\n{text}",
                row.seq
            )
        });
        at += found;
        let rest = squeeze(&cells[3..].concat());
        let after: String = flat[at + row.credit_code.len()..]
            .chars()
            .take(40)
            .collect();
        // Wrapped cells interleave line by line: each character is in the row.
        assert!(rest.chars().all(|c| after.contains(c)), "{line}: {after}");
    }
    for want in [
        "公示期：2026-03-02至2026-03-06（5个工作日，按国务院办公厅公布的节假日安排计算）。",
        "异议受理方式：广州市天河区某路1号评审办公室",
        "联系方式：联系人：王工020-12345678",
        "结果包SHA-256：5c0ffee",
        "2026年2月27日",
    ] {
        assert!(flat.contains(want), "{want} missing:\n{text}");
    }
}

#[test]
fn the_final_list_in_english_reads_back_without_objection_terms() {
    let d = demo();
    let rows = notice_rows(&d.round, &d.result, NoticeOrder::Region);
    let list = doc(&d, &rows, ListKind::FinalList, Lang::En);
    let text = pdftotext(&notice_pdf(&list, font()).unwrap(), None);
    let flat = squeeze(&text);
    assert!(flat.contains("Finallist"), "{text}");
    assert!(
        flat.contains("NoticePeriod:2026-03-02to2026-03-06.")
            || flat.contains("Noticeperiod:2026-03-02to2026-03-06."),
        "{text}"
    );
    assert!(
        !flat.contains("Whereto object") && !flat.contains("Wheretoobject"),
        "{text}"
    );
    for row in &rows {
        assert!(
            has_row(&text, &[&row.seq.to_string(), &row.credit_code]),
            "{row:?}\n{text}"
        );
    }
}
