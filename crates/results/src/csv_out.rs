//! The summary as CSV: UTF-8 with a byte-order mark (so Excel and WPS read the
//! Chinese correctly when the file is double-clicked), CRLF line ends, RFC 4180
//! quoting, scores as the decimal's own text.

use crate::model::{Model, Value};
use crate::{ResultSet, ResultsError};

/// The byte-order mark the file starts with.
const BOM: &str = "\u{FEFF}";

/// The summary as CSV: the columns and rows of sheet 汇总 of
/// [`summary_xlsx`](crate::summary_xlsx) — category, rank, id, name, region,
/// one column per stage (the aggregate of a score stage, the decision of a
/// pass/fail stage), final, grade, status, selected, then one column per score
/// stage and expert with the expert's total ("回避" when recused, empty when not
/// assigned or not scored). UTF-8 with BOM, CRLF after every record, fields
/// quoted only when they must be. Layout and a test vector: `docs/formats.md`
/// ("Reports").
///
/// # Errors
///
/// [`ResultsError::Inconsistent`] when the parts of `set` do not belong together;
/// [`ResultsError::Csv`] when the writer fails.
pub fn summary_csv(set: &ResultSet<'_>) -> Result<Vec<u8>, ResultsError> {
    let m = Model::new(set)?;
    let sheet = m.summary_sheet();
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    w.write_record(&sheet.header)?;
    for row in &sheet.rows {
        w.write_record(row.iter().map(|v| match v {
            Value::Text(s) => s.clone(),
            Value::Number(d) => d.to_string(),
            Value::Integer(n) => n.to_string(),
            Value::Empty => String::new(),
        }))?;
    }
    w.into_inner()
        .map_err(|e| ResultsError::Csv(csv::Error::from(e.into_error())))
}
