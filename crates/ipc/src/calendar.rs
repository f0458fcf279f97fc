//! The organizer's calendar years (`docs/formats.md`, "Calendar year") as the
//! organizer's screen shows them: every year the round's calendar covers, shipped
//! or added, and what an import did.

use reviewdesk_desk::{CalendarImport, CalendarYearLine, ImportedYear, YearOrigin};
use serde::Serialize;
use ts_rs::TS;

/// One year of the round's calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CalendarYearView {
    /// The year.
    pub year: i32,
    /// `shipped` (with ReviewDesk) or `added` (imported by the organizer).
    pub origin: String,
    /// An added year's notice reference (the file's `source`).
    pub source: Option<String>,
    /// An added year's file SHA-256 (64 hex digits).
    pub sha256: Option<String>,
    /// When an added year was imported (RFC 3339 UTC).
    pub imported_at: Option<String>,
    /// Days off listed for the year.
    pub holidays: u32,
    /// Make-up working days listed for the year.
    pub workdays: u32,
}

impl From<&CalendarYearLine> for CalendarYearView {
    fn from(l: &CalendarYearLine) -> Self {
        CalendarYearView {
            year: l.year,
            origin: match l.origin {
                YearOrigin::Shipped => "shipped",
                YearOrigin::Added => "added",
            }
            .into(),
            source: l.source.clone(),
            sha256: l.sha256.clone(),
            imported_at: l.imported_at.clone(),
            holidays: l.holidays as u32,
            workdays: l.workdays as u32,
        }
    }
}

/// What importing a calendar year file did, and the years covered after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CalendarImportView {
    /// The file's year.
    pub year: i32,
    /// Its notice reference.
    pub source: String,
    /// SHA-256 of the file.
    pub sha256: String,
    /// `added`, `unchanged` (the same file again), `shipped` (a shipped year with
    /// its own dates: nothing to add) or `replaced`.
    pub outcome: String,
    /// The SHA-256 of the file replaced, for `replaced`.
    pub previous: Option<String>,
    /// Every year covered after the import.
    pub years: Vec<CalendarYearView>,
}

impl CalendarImportView {
    /// The view of an import and the years covered after it.
    pub fn new(i: &CalendarImport, years: &[CalendarYearLine]) -> Self {
        let (outcome, previous) = match &i.outcome {
            ImportedYear::Added => ("added", None),
            ImportedYear::Unchanged => ("unchanged", None),
            ImportedYear::Shipped => ("shipped", None),
            ImportedYear::Replaced { previous } => ("replaced", Some(previous.clone())),
        };
        CalendarImportView {
            year: i.year,
            source: i.source.clone(),
            sha256: i.sha256.clone(),
            outcome: outcome.into(),
            previous,
            years: years.iter().map(CalendarYearView::from).collect(),
        }
    }
}
