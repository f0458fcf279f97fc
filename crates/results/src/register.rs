//! The register's reports (动态管理): a titled table of rows as PDF (the yearly
//! catalogue of units in good standing, a unit's history), as CSV (the
//! catalogue: UTF-8 with BOM, CRLF, as the notice's CSV), and several tables as
//! one XLSX workbook (the register). The desk builds the rows and labels from the
//! register; this module only lays them out, so the same tables give the same
//! bytes.

use std::collections::HashSet;

use reviewdesk_core::Lang;
use reviewdesk_reports::{Document, DocumentDate, FontData, PageLabel};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use crate::ResultsError;

/// One titled table of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterTable {
    /// The document's (or sheet's) title.
    pub title: String,
    /// A line under the title (the program, the unit).
    pub subtitle: String,
    /// Key–value lines before the table (organizer, date asked about, …).
    pub facts: Vec<(String, String)>,
    /// The column headers.
    pub header: Vec<String>,
    /// The rows, as text.
    pub rows: Vec<Vec<String>>,
    /// Paragraphs after the table (the articles the rows rest on).
    pub notes: Vec<String>,
    /// The text printed when there is no row.
    pub empty: String,
    /// The date printed and recorded as the file's creation date.
    pub date: DocumentDate,
    /// The language of the page labels.
    pub lang: Lang,
}

fn check(t: &RegisterTable) -> Result<(), ResultsError> {
    match t.rows.iter().position(|r| r.len() != t.header.len()) {
        Some(i) => Err(ResultsError::Inconsistent(format!(
            "row {} has {} cells for {} columns",
            i + 1,
            t.rows[i].len(),
            t.header.len()
        ))),
        None => Ok(()),
    }
}

/// The table as an A4 PDF: title, subtitle, the facts, the table (columns fitted
/// to the text), the notes and the date.
pub fn register_pdf(t: &RegisterTable, font: &FontData) -> Result<Vec<u8>, ResultsError> {
    check(t)?;
    let mut d = Document::new(t.title.clone());
    d.created(t.date)
        .page_label(match t.lang {
            Lang::ZhCn => PageLabel::Chinese,
            Lang::En => PageLabel::English,
        })
        .subject(t.subtitle.clone());
    d.title(t.title.clone()).subtitle(t.subtitle.clone());
    if !t.facts.is_empty() {
        d.key_values(t.facts.clone());
    }
    if t.rows.is_empty() {
        d.paragraph(t.empty.clone());
    } else {
        d.table(crate::fit::table(
            font,
            t.header.clone(),
            t.rows.clone(),
            &[0],
            &[1],
        ));
    }
    for n in &t.notes {
        d.paragraph(n.clone());
    }
    let date = match t.lang {
        Lang::ZhCn => format!("{}年{}月{}日", t.date.year(), t.date.month(), t.date.day()),
        Lang::En => format!(
            "{:04}-{:02}-{:02}",
            t.date.year(),
            t.date.month(),
            t.date.day()
        ),
    };
    d.styled(reviewdesk_reports::Paragraph::new(date).align(reviewdesk_reports::Align::Right));
    Ok(d.to_pdf_bytes(font)?)
}

/// The table as CSV: UTF-8 with BOM, CRLF, RFC 4180 quoting; the header, then
/// one record per row.
pub fn register_csv(t: &RegisterTable) -> Result<Vec<u8>, ResultsError> {
    check(t)?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer("\u{FEFF}".as_bytes().to_vec());
    w.write_record(&t.header)?;
    for r in &t.rows {
        w.write_record(r)?;
    }
    w.into_inner()
        .map_err(|e| ResultsError::Csv(csv::Error::from(e.into_error())))
}

/// The tables as one workbook, a sheet each (named after the table's title):
/// a bold, frozen header row and text cells; the first table's date is the
/// workbook's creation date, so the same tables give the same bytes.
pub fn register_xlsx(tables: &[RegisterTable]) -> Result<Vec<u8>, ResultsError> {
    let mut wb = Workbook::new();
    if let Some(first) = tables.first() {
        let date =
            ExcelDateTime::from_ymd(first.date.year(), first.date.month(), first.date.day())?;
        wb.set_properties(
            &DocProperties::new()
                .set_title(first.title.clone())
                .set_creation_datetime(&date),
        );
    }
    let bold = Format::new().set_bold();
    let mut taken = HashSet::new();
    for (k, t) in tables.iter().enumerate() {
        check(t)?;
        let ws = wb.add_worksheet();
        ws.set_name(crate::xlsx::sheet_name(
            &t.title,
            &format!("Sheet{}", k + 1),
            &mut taken,
        ))?;
        for (c, h) in t.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold)?;
            let widest = t
                .rows
                .iter()
                .map(|r| {
                    r[c].chars()
                        .map(|ch| if ch.is_ascii() { 1 } else { 2 })
                        .sum::<usize>()
                })
                .chain([h.chars().count() * 2])
                .max()
                .unwrap_or(8);
            ws.set_column_width(c as u16, (widest.clamp(6, 60) + 2) as u16)?;
        }
        for (i, r) in t.rows.iter().enumerate() {
            for (c, v) in r.iter().enumerate() {
                ws.write_string((i + 1) as u32, c as u16, v)?;
            }
        }
        ws.set_freeze_panes(1, 0)?;
    }
    Ok(wb.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: Vec<Vec<String>>) -> RegisterTable {
        RegisterTable {
            title: "广东省制造业赋能资源目录（2026年）".into(),
            subtitle: "广东省制造业赋能资源库".into(),
            facts: vec![("截至".into(), "2026-12-31".into())],
            header: vec!["序号".into(), "单位名称".into(), "统一社会信用代码".into()],
            rows,
            notes: vec!["依据：第二十条(一)".into()],
            empty: "（无）".into(),
            date: DocumentDate::new(2026, 12, 31).unwrap(),
            lang: Lang::ZhCn,
        }
    }

    #[test]
    fn the_csv_has_bom_crlf_and_every_row() {
        let t = table(vec![vec![
            "1".into(),
            "甲, 公司".into(),
            "91440101MA5AGYGLU6".into(),
        ]]);
        let csv = String::from_utf8(register_csv(&t).unwrap()).unwrap();
        assert_eq!(
            csv,
            "\u{FEFF}序号,单位名称,统一社会信用代码\r\n1,\"甲, 公司\",91440101MA5AGYGLU6\r\n"
        );
    }

    #[test]
    fn a_row_of_the_wrong_width_is_refused() {
        let t = table(vec![vec!["1".into()]]);
        assert!(matches!(
            register_csv(&t),
            Err(ResultsError::Inconsistent(_))
        ));
        assert!(register_xlsx(&[t]).is_err());
    }

    #[test]
    fn the_pdf_and_workbook_are_made_and_repeatable() {
        let font = FontData::bundled().unwrap();
        let t = table(vec![vec![
            "1".into(),
            "甲公司".into(),
            "91440101MA5AGYGLU6".into(),
        ]]);
        let pdf = register_pdf(&t, &font).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(pdf, register_pdf(&t, &font).unwrap());
        let x = register_xlsx(&[t.clone(), table(vec![])]).unwrap();
        assert!(x.starts_with(b"PK"));
        assert_eq!(x, register_xlsx(&[t, table(vec![])]).unwrap());
    }
}
