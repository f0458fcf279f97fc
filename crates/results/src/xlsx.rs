//! The summary as an XLSX workbook, kept to features every spreadsheet reads
//! (Excel, WPS, LibreOffice): plain cells, a bold header row, number formats,
//! frozen panes, column widths. No formulas, tables, styles or macros.

use std::collections::HashSet;

use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};

use crate::model::{Model, Sheet, Value};
use crate::{ResultSet, ResultsError};

/// Excel's limit on a sheet name, in characters.
const MAX_SHEET_NAME: usize = 31;

/// The number format showing exactly `places` decimals ("0", "0.00", …).
fn number_format(places: u32) -> String {
    if places == 0 {
        "0".to_owned()
    } else {
        format!("0.{}", "0".repeat(places as usize))
    }
}

/// A score as a spreadsheet number.
///
/// A spreadsheet number is an IEEE-754 double, so this is the one place a score
/// becomes floating point. The decimal's own text is parsed, which gives the
/// double nearest to the exact value (Rust's float parsing is correctly rounded);
/// the cell's number format shows the decimal's places, so what the sheet
/// displays is the exact decimal. Every score the engine produces has at most 28
/// significant digits and a few decimals; the displayed value is exact for any
/// score with at most 15 significant digits.
fn to_cell_number(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(f64::NAN)
}

/// A column width in Excel's units (about one Latin digit): a CJK character
/// counts two, plus a margin; at least 6, at most 60.
fn display_width(text: &str) -> f64 {
    let units: f64 = text
        .chars()
        .map(|c| if c.is_ascii() { 1.1 } else { 2.1 })
        .sum();
    (units + 2.0).clamp(6.0, 60.0)
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Text(s) => s.clone(),
        Value::Number(d) => d.to_string(),
        Value::Integer(n) => n.to_string(),
        Value::Empty => String::new(),
    }
}

/// A sheet name Excel accepts: without `[]:*?/\`, not starting or ending with
/// `'`, at most 31 characters, unique in the workbook (case-insensitively).
pub(crate) fn sheet_name(wanted: &str, fallback: &str, taken: &mut HashSet<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let clean = clean.trim_matches('\'').trim();
    let base: String = if clean.is_empty() || clean.eq_ignore_ascii_case("history") {
        fallback.to_owned()
    } else {
        clean.chars().take(MAX_SHEET_NAME).collect()
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name.to_lowercase()) {
        let suffix = format!(" ({n})");
        let keep = MAX_SHEET_NAME - suffix.chars().count();
        name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
        n += 1;
    }
    taken.insert(name.to_lowercase());
    name
}

fn write_sheet(
    ws: &mut Worksheet,
    sheet: &Sheet,
    decimals: u32,
    frozen_columns: u16,
) -> Result<(), ResultsError> {
    let header = Format::new().set_bold();
    let integer = Format::new().set_num_format("0");
    for (c, h) in sheet.header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &header)?;
    }
    let mut widths: Vec<f64> = sheet.header.iter().map(|h| display_width(h)).collect();
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            let col = c as u16;
            match v {
                Value::Text(s) => {
                    ws.write_string(r, col, s)?;
                }
                Value::Number(d) => {
                    // At least the template's decimals; more if the value has them
                    // (an expert's total of scores with finer steps), so no digit is hidden.
                    let format =
                        Format::new().set_num_format(number_format(decimals.max(d.scale())));
                    ws.write_number_with_format(r, col, to_cell_number(*d), &format)?;
                }
                Value::Integer(n) => {
                    ws.write_number_with_format(r, col, f64::from(*n), &integer)?;
                }
                Value::Empty => {}
            }
            if let Some(w) = widths.get_mut(c) {
                *w = w.max(display_width(&value_text(v)));
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(1, frozen_columns)?;
    Ok(())
}

/// The summary as an XLSX workbook: sheet 汇总 ("Summary" in English) with the
/// same columns and rows as [`summary_csv`](crate::summary_csv), then one sheet
/// per score stage (named after the stage) with every expert's total, the
/// number of valid scores and the aggregate. Header rows are bold and frozen
/// (with the applicant columns of the stage sheets); scores are number cells
/// formatted with the template's decimals (more when a value has more), ranks
/// and counts integer cells, everything else text; absent scores are empty
/// cells. The workbook's creation date is the set's date, so the same input
/// gives the same bytes.
///
/// # Errors
///
/// [`ResultsError::Inconsistent`] when the parts of `set` do not belong together;
/// [`ResultsError::Xlsx`] when the writer fails.
pub fn summary_xlsx(set: &ResultSet<'_>) -> Result<Vec<u8>, ResultsError> {
    let m = Model::new(set)?;
    let decimals = set.result.decimals;
    let mut wb = Workbook::new();
    let date = ExcelDateTime::from_ymd(set.date.year(), set.date.month(), set.date.day())?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{} — {}", m.l.summary_title, set.round.id))
            .set_subject(m.text(&set.round.program.title))
            .set_author(set.round.panel.chair.name.clone())
            .set_creation_datetime(&date),
    );
    let mut taken = HashSet::new();
    let summary = m.summary_sheet();
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(&summary.name, "Summary", &mut taken))?;
    write_sheet(ws, &summary, decimals, 0)?;
    for (i, stage) in m.score_stages() {
        let sheet = m.stage_sheet(i);
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&sheet.name, &stage.id, &mut taken))?;
        write_sheet(ws, &sheet, decimals, 2)?;
    }
    Ok(wb.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_cleaned_shortened_and_unique() {
        let mut taken = HashSet::new();
        assert_eq!(sheet_name("书面审查", "w", &mut taken), "书面审查");
        assert_eq!(sheet_name("书面审查", "w", &mut taken), "书面审查 (2)");
        assert_eq!(sheet_name("a/b:c", "x", &mut taken), "a_b_c");
        assert_eq!(sheet_name("'  '", "fallback", &mut taken), "fallback");
        let long = "x".repeat(40);
        assert_eq!(sheet_name(&long, "y", &mut taken).chars().count(), 31);
        let again = sheet_name(&long, "y", &mut taken);
        assert_eq!(again.chars().count(), 31);
        assert!(again.ends_with(" (2)"));
    }

    #[test]
    fn number_formats_show_the_places() {
        assert_eq!(number_format(0), "0");
        assert_eq!(number_format(3), "0.000");
        assert_eq!(to_cell_number(Decimal::new(8_550, 2)), 85.5);
    }
}
