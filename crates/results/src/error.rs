//! The one error type of `reviewdesk-results`.

use thiserror::Error;

/// Why a result report could not be produced.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ResultsError {
    /// The parts of the [`ResultSet`](crate::ResultSet) do not belong together
    /// (a result of another template, an applicant of the result or the opinions
    /// that the round does not have, …); says which part and what.
    #[error("the result set is inconsistent: {0}")]
    Inconsistent(String),
    /// The PDF layout engine refused the document (a character the font lacks, …).
    #[error("PDF report: {0}")]
    Pdf(#[from] reviewdesk_reports::ReportError),
    /// The XLSX writer failed (an invalid sheet name, a value Excel cannot hold, …).
    #[error("XLSX report: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The CSV writer failed.
    #[error("CSV report: {0}")]
    Csv(#[from] csv::Error),
}
