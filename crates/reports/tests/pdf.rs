//! Reports written as PDF and read back with poppler's `pdftotext`: the
//! Chinese text must survive the round trip, the font must be subset, the
//! footer must be on every page, and the bytes must not change between runs.
//!
//! Needs `pdftotext` (Debian `poppler-utils`) on the PATH.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use reviewdesk_reports::{Align, Document, DocumentDate, FontData, Paragraph, ReportError, Table};

/// The bundled font, parsed once for all tests.
fn font() -> &'static FontData {
    static FONT: OnceLock<FontData> = OnceLock::new();
    FONT.get_or_init(|| {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../assets/fonts/NotoSansCJKsc-Regular.otf");
        let bytes =
            std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        FontData::from_bytes(&bytes).expect("the bundled font parses")
    })
}

/// Text of `pdf` as poppler extracts it, optionally of one page only.
fn pdftotext(pdf: &[u8], page: Option<usize>) -> String {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("write the PDF");
    let mut command = Command::new("pdftotext");
    if let Some(n) = page {
        command.args(["-f", &n.to_string(), "-l", &n.to_string()]);
    }
    let output = command
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed to run these tests");
    assert!(
        output.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("pdftotext prints UTF-8")
}

/// Number of pages, from the PDF's own page tree (`/Type /Pages ... /Count N`).
fn page_count(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("write the PDF");
    let output = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo (poppler-utils)");
    let info = String::from_utf8_lossy(&output.stdout).into_owned();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in pdfinfo output:\n{info}"))
}

fn score_sheet() -> Document {
    let mut doc = Document::new("专家评分表");
    doc.created(DocumentDate::new(2026, 3, 18).unwrap())
        .author("陈立新")
        .running_header("2026年度广东省工业互联网产业生态供给资源池优秀供应商认定（第一批）")
        .footer("评分表签名哈希 SHA-256：9f2c4e7a1b0d5e3f")
        .title("专家评分表")
        .subtitle("评审专家：陈立新（E01）")
        .heading("一、评分说明")
        .paragraph("请专家依据《评分细则》独立评分，评分结果提交后不得修改。存在利害关系的，应当主动申请回避。")
        .key_values([("申报单位", "广州云擎工业软件有限公司"), ("统一社会信用代码", "91440101MA5AGYGLU6")])
        .table(
            Table::new(["评价指标", "分值", "得分"])
                .widths(&[4, 1, 1])
                .right_aligned(&[1, 2])
                .row(["运营情况", "15", "12.5"])
                .row(["核心团队", "15", "13"]),
        )
        .styled(Paragraph::new("2026年3月18日").align(Align::Right))
        .signature_block(["专家签字", "日期"]);
    doc
}

#[test]
fn chinese_text_comes_back_out_of_the_pdf() {
    let pdf = score_sheet().to_pdf_bytes(font()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = pdftotext(&pdf, None);
    for expected in [
        "专家评分表",
        "一、评分说明",
        "独立评分",
        "广州云擎工业软件有限公司",
        "91440101MA5AGYGLU6",
        "评价指标",
        "12.5",
        "专家签字",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from extracted text:\n{text}"
        );
    }
}

#[test]
fn the_font_is_subset_so_the_file_is_small() {
    let pdf = score_sheet().to_pdf_bytes(font()).unwrap();
    assert!(
        pdf.len() < 60_000,
        "one page should be well under 60 KB, got {} bytes",
        pdf.len()
    );
    // The subset tag marks an embedded subset (PDF 32000-1 §9.6.4).
    assert!(
        pdf.windows(7).any(|w| w == b"RDCJKF+"),
        "no subset tag on the embedded font"
    );
}

#[test]
fn footer_and_page_number_are_on_every_page() {
    let mut doc = Document::new("多页测试");
    doc.footer("签名哈希 0f3a9c").title("多页文档");
    for i in 1..=60 {
        doc.heading(format!("第{i}节")).paragraph(
            "工业互联网平台汇聚设备、系统与数据，推动企业生产方式、组织方式和商业模式的变革。"
                .repeat(2),
        );
    }
    let pdf = doc.to_pdf_bytes(font()).unwrap();
    let pages = page_count(&pdf);
    assert!(pages >= 3, "expected several pages, got {pages}");
    for n in 1..=pages {
        // poppler decides where spaces go between CJK and digits; compare without them.
        let text: String = pdftotext(&pdf, Some(n)).split_whitespace().collect();
        assert!(
            text.contains("签名哈希0f3a9c"),
            "footer missing on page {n}:\n{text}"
        );
        assert!(
            text.contains(&format!("第{n}页共{pages}页")),
            "page number missing on page {n}:\n{text}"
        );
    }
}

#[test]
fn a_long_table_repeats_its_header_on_each_page() {
    let mut table = Table::new(["序号", "申报单位", "平均分"]).widths(&[1, 5, 2]);
    for i in 1..=80 {
        table.push_row([
            i.to_string(),
            format!("示例企业{i}有限公司"),
            "85.250".to_string(),
        ]);
    }
    let mut doc = Document::new("汇总表");
    doc.title("评分汇总表").table(table);
    let pdf = doc.to_pdf_bytes(font()).unwrap();
    let pages = page_count(&pdf);
    assert!(pages >= 2);
    for n in 1..=pages {
        assert!(
            pdftotext(&pdf, Some(n)).contains("申报单位"),
            "header row missing on page {n}"
        );
    }
    let all = pdftotext(&pdf, None);
    assert!(all.contains("示例企业1有限公司") && all.contains("示例企业80有限公司"));
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let a = score_sheet().to_pdf_bytes(font()).unwrap();
    let b = score_sheet().to_pdf_bytes(font()).unwrap();
    assert!(a == b, "two renderings of one document differ");
    let mut other = score_sheet();
    other.paragraph("多一段");
    assert_ne!(a, other.to_pdf_bytes(font()).unwrap());
}

#[test]
fn a_character_the_font_lacks_is_an_error_not_a_box() {
    let mut doc = Document::new("x");
    doc.paragraph("私用区字符\u{E000}");
    match doc.to_pdf_bytes(font()) {
        Err(ReportError::MissingGlyph { ch }) => assert_eq!(ch, '\u{E000}'),
        other => panic!("expected MissingGlyph, got {other:?}"),
    }
}

#[test]
fn a_ragged_table_is_an_error() {
    let mut doc = Document::new("x");
    doc.table(Table::new(["甲", "乙"]).row(["1", "2"]).row(["3"]));
    match doc.to_pdf_bytes(font()) {
        Err(ReportError::TableShape {
            row: 1,
            expected: 2,
            found: 1,
        }) => {}
        other => panic!("expected TableShape, got {other:?}"),
    }
}

#[test]
fn invalid_dates_and_fonts_are_rejected() {
    assert!(matches!(
        DocumentDate::new(2025, 2, 29),
        Err(ReportError::InvalidDate { .. })
    ));
    assert!(DocumentDate::new(2024, 2, 29).is_ok());
    assert!(matches!(
        FontData::from_bytes(b"not a font"),
        Err(ReportError::InvalidFont)
    ));
}

#[test]
fn poppler_renders_the_page_without_complaint() {
    // A font poppler cannot load shows up as errors on stderr (and as boxes on the page).
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, score_sheet().to_pdf_bytes(font()).unwrap()).unwrap();
    let output = Command::new("pdftoppm")
        .args(["-png", "-r", "40"])
        .arg(&path)
        .arg(dir.path().join("page"))
        .output()
        .expect("pdftoppm (poppler-utils)");
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert!(dir.path().join("page-1.png").exists());
}
