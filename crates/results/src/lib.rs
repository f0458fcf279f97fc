//! The panel chair's result reports (评审结果报表): what a merged round's result
//! looks like on paper and in a spreadsheet.
//!
//! - [`summary_pdf`] — 评分汇总表: every expert's stage total per applicant
//!   (one table per score stage, "回避" for a recusal), the aggregates, then the
//!   result per category (stage decisions, final, grade, rank, status,
//!   selection), and a signature line for every panel member and the date.
//! - [`opinion_pages_pdf`] — 评审意见: one page per applicant with its result,
//!   the panel's opinion verbatim, every dissent (保留意见) with its expert, and
//!   the signature lines.
//! - [`public_notice_pdf`] — 公示名单 (draft): the selected applicants by
//!   category and rank, with the notice-period and objection terms.
//! - [`summary_xlsx`] — the summary as a workbook: sheet 汇总 (the same columns
//!   as the CSV), one sheet per score stage with the experts' totals; scores are
//!   number cells.
//! - [`summary_csv`] — the summary as CSV, UTF-8 with BOM, CRLF.
//! - [`notice_pdf`], [`notice_csv`] — the organizer's public notice (公示) and
//!   final list from a notice record ([`NoticeDoc`]), with the period's dates.
//! - [`register_pdf`], [`register_csv`], [`register_xlsx`] — the register's
//!   catalogue, a unit's history and the whole register from [`RegisterTable`]s.
//!
//! Everything comes in through a [`ResultSet`] (the round, its template, the
//! rules engine's input and result, the opinions, the draw record, the
//! language, the date) and goes out as bytes: the crate does no file IO, never
//! reads the clock, and does no scoring arithmetic beyond summing an expert's
//! indicator scores into their stage total, exactly, as the engine does.
//! Scores are `rust_decimal::Decimal` throughout and are printed as the
//! decimal's own text; the one conversion to `f64` is at the XLSX number-cell
//! boundary (see [`summary_xlsx`]). The same input gives the same bytes.
//!
//! Rows are in the result's order: by category (template order), then rank.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod csv_out;
mod error;
mod fit;
mod labels;
mod model;
mod notice;
mod pdf;
mod register;
mod xlsx;

use reviewdesk_core::rules::{ComputeInput, ComputeResult, DrawRecord, Justification, Opinions};
use reviewdesk_core::{Lang, Round, Template};
use reviewdesk_reports::DocumentDate;

pub use csv_out::summary_csv;
pub use error::ResultsError;
pub use notice::{notice_csv, notice_pdf, ListKind, NoticeDoc};
pub use pdf::{opinion_pages_pdf, public_notice_pdf, summary_pdf};
pub use register::{register_csv, register_pdf, register_xlsx, RegisterTable};
pub use xlsx::summary_xlsx;

/// Everything a result report is made from: a merged round's data, as a result
/// bundle holds it, plus how to print it.
#[derive(Debug, Clone)]
pub struct ResultSet<'a> {
    /// The round (applicants' names and regions, the panel's names, the title).
    pub round: &'a Round,
    /// Its template (stage, category and grade names; decimals).
    pub template: &'a Template,
    /// The rules engine's input (the experts' scores and recusals).
    pub input: &'a ComputeInput,
    /// The rules engine's result for `input`.
    pub result: &'a ComputeResult,
    /// The panel's opinions and dissents.
    pub opinions: &'a Opinions,
    /// The site-visit draw record.
    pub draw: &'a DrawRecord,
    /// The language of the labels; names stay as registered. Chinese by default.
    pub lang: Lang,
    /// The date the reports are dated (printed, and the documents' metadata date).
    pub date: DocumentDate,
    /// A line printed at the foot of every PDF page, verbatim (for example the
    /// result bundle's SHA-256); none when `None`.
    pub footer: Option<String>,
    /// The experts' answers to the chair's re-check requests, as their sheets
    /// carry them: (expert, justification); the summary prints them under the
    /// divergent scores.
    pub justifications: &'a [(String, Justification)],
}
