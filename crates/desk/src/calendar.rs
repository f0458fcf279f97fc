//! The organizer's calendar years (`docs/formats.md`, "Calendar year"): a
//! calendar year file imported into the workspace — read within its size limit,
//! validated by `reviewdesk_core::CalendarYear`, stored with its SHA-256 — and the
//! round's calendar, the shipped one plus the years added, which sealing writes
//! into every package (entry `calendar`) and the desks read back.

use std::path::Path;

use reviewdesk_core::{CalendarYear, WorkdayCalendar, YearFit, YearProblem};
use reviewdesk_formats::{FormatError, Identity, Index, OpenedPackage};
use reviewdesk_workspace::{CalendarYearRecord, StoredYear, Workspace};
use sha2::{Digest, Sha256};

use crate::files::{read_limited, Limited};
use crate::DeskError;

/// The entry's name, in a package and in a result bundle.
pub const CALENDAR_ENTRY: &str = "calendar";

/// Where a covered year comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearOrigin {
    /// Shipped with ReviewDesk.
    Shipped,
    /// Added by the organizer from a calendar year file.
    Added,
}

/// One year of the round's calendar, for `calendar list` and the organizer's
/// screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarYearLine {
    /// The year.
    pub year: i32,
    /// Shipped or added.
    pub origin: YearOrigin,
    /// An added year's notice reference (`source`); `None` for a shipped one.
    pub source: Option<String>,
    /// An added year's file SHA-256.
    pub sha256: Option<String>,
    /// When an added year was imported (RFC 3339 UTC).
    pub imported_at: Option<String>,
    /// Days off listed for the year.
    pub holidays: usize,
    /// Make-up working days listed for the year.
    pub workdays: usize,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarImport {
    /// The year.
    pub year: i32,
    /// The notice reference.
    pub source: String,
    /// SHA-256 of the file.
    pub sha256: String,
    /// Added, unchanged (the same file again, or a shipped year with its own
    /// dates), or replaced.
    pub outcome: ImportedYear,
}

/// The outcome of [`import_calendar_year`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportedYear {
    /// A new year was added.
    Added,
    /// Nothing changed: the same file was imported before.
    Unchanged,
    /// The year ships with ReviewDesk with exactly these dates: nothing to add.
    Shipped,
    /// Another file for the year was replaced (`replace`), recorded in the log.
    Replaced {
        /// SHA-256 of the file replaced.
        previous: String,
    },
}

/// The round's calendar in this workspace: the shipped one plus every added year.
/// A stored year that no longer reads is `workspace_corrupt`.
pub fn round_calendar(ws: &Workspace) -> Result<WorkdayCalendar, DeskError> {
    let mut cal = WorkdayCalendar::official();
    for rec in ws.calendar_years()? {
        let year = CalendarYear::parse(&rec.text).map_err(|p| {
            reviewdesk_workspace::WorkspaceError::BadValue(format!(
                "calendar year {}: {}",
                rec.year,
                p.first()
                    .map(|p| p.message(reviewdesk_core::Lang::En))
                    .unwrap_or_default()
            ))
        })?;
        cal = year.added_to(&cal);
    }
    Ok(cal)
}

/// Every year of the round's calendar, shipped and added, by year.
pub fn calendar_years(ws: &Workspace) -> Result<Vec<CalendarYearLine>, DeskError> {
    let cal = round_calendar(ws)?;
    let added = ws.calendar_years()?;
    Ok(cal
        .years()
        .map(|year| {
            let (h, w) = cal.year_days(year);
            let rec = added.iter().find(|r| r.year == year);
            CalendarYearLine {
                year,
                origin: if rec.is_some() {
                    YearOrigin::Added
                } else {
                    YearOrigin::Shipped
                },
                source: rec.map(|r| r.source.clone()),
                sha256: rec.map(|r| r.sha256.clone()),
                imported_at: rec.map(|r| r.imported_at.clone()),
                holidays: h.len(),
                workdays: w.len(),
            }
        })
        .collect())
}

/// Reads and validates a calendar year file without storing it: every problem
/// (`calendar_year_invalid`), and a shipped year with other dates
/// (`differs_from_shipped`, among the problems).
pub fn read_calendar_year(path: &Path) -> Result<(CalendarYear, String, YearFit), DeskError> {
    let bytes = read_limited(path, Limited::CalendarYear)?;
    let text = String::from_utf8(bytes).map_err(|_| DeskError::CalendarYear {
        path: path.to_path_buf(),
        problems: vec![YearProblem {
            path: String::new(),
            kind: reviewdesk_core::YearProblemKind::Syntax {
                line: None,
                message: "not UTF-8 text".into(),
            },
        }],
    })?;
    let invalid = |problems| DeskError::CalendarYear {
        path: path.to_path_buf(),
        problems,
    };
    let year = CalendarYear::parse(&text).map_err(invalid)?;
    let fit = year
        .fit(&WorkdayCalendar::official())
        .map_err(|p| invalid(vec![p]))?;
    Ok((year, text, fit))
}

/// Imports a calendar year file into the workspace on `at` (RFC 3339 UTC): read
/// within its size limit, validated ([`read_calendar_year`]), then stored with
/// its SHA-256 — the same file again changes nothing, a shipped year with its own
/// dates is not stored, another file for a year already added is refused
/// (`calendar_year_exists`) unless `replace`.
pub fn import_calendar_year(
    ws: &mut Workspace,
    path: &Path,
    replace: bool,
    at: &str,
) -> Result<CalendarImport, DeskError> {
    let (year, text, fit) = read_calendar_year(path)?;
    let sha256: String = Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let outcome = match fit {
        YearFit::Same => ImportedYear::Shipped,
        YearFit::New => match ws.store_calendar_year(
            &CalendarYearRecord {
                year: year.year,
                text,
                sha256: sha256.clone(),
                source: year.source.clone(),
                imported_at: at.to_owned(),
            },
            replace,
        )? {
            StoredYear::Added => ImportedYear::Added,
            StoredYear::Unchanged => ImportedYear::Unchanged,
            StoredYear::Replaced { previous } => ImportedYear::Replaced { previous },
        },
    };
    Ok(CalendarImport {
        year: year.year,
        source: year.source,
        sha256,
        outcome,
    })
}

/// The `calendar` plaintext of a round's calendar.
pub fn calendar_bytes(calendar: &WorkdayCalendar) -> Vec<u8> {
    calendar.to_entry_text().into_bytes()
}

/// Reads a `calendar` plaintext strictly (`bad_content` naming the entry and the
/// line).
pub fn read_calendar(bytes: &[u8]) -> Result<WorkdayCalendar, DeskError> {
    WorkdayCalendar::from_entry_text(bytes).map_err(|e| DeskError::Content {
        part: CALENDAR_ENTRY.into(),
        message: format!("[{}] {e}", e.code()),
    })
}

/// The calendar a package's (or bundle's) `calendar` entry carries, or the shipped
/// one when there is none (a package sealed before rounds carried their calendar).
pub fn calendar_or_shipped(bytes: Option<&[u8]>) -> Result<WorkdayCalendar, DeskError> {
    bytes.map_or_else(|| Ok(WorkdayCalendar::official()), read_calendar)
}

/// Decrypts and reads a package's `calendar` entry when its index lists one.
pub(crate) fn package_calendar<R: std::io::Read + std::io::Seek>(
    pkg: &mut OpenedPackage<R>,
    identities: &[Identity],
    index: &Index,
) -> Result<Option<(Vec<u8>, WorkdayCalendar)>, DeskError> {
    if !index.entries.iter().any(|e| e.name == CALENDAR_ENTRY) {
        return Ok(None);
    }
    let bytes = pkg
        .decrypt_entry(CALENDAR_ENTRY, identities, index)
        .map_err(|e: FormatError| DeskError::at(format!("entry {CALENDAR_ENTRY}"))(e))?;
    let cal = read_calendar(&bytes)?;
    Ok(Some((bytes, cal)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../../tests/vectors/calendar/example-2027.toml");

    #[test]
    fn an_imported_year_joins_the_round_calendar_and_is_listed() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::open(&dir.path().join("ws")).unwrap();
        let file = dir.path().join("2027.toml");
        std::fs::write(&file, EXAMPLE).unwrap();
        assert!(!round_calendar(&ws).unwrap().covers(2027));
        let i = import_calendar_year(&mut ws, &file, false, "2026-12-01T08:00:00Z").unwrap();
        assert_eq!((i.year, &i.outcome), (2027, &ImportedYear::Added));
        assert_eq!(i.sha256.len(), 64);
        let again = import_calendar_year(&mut ws, &file, false, "2026-12-01T09:00:00Z").unwrap();
        assert_eq!(again.outcome, ImportedYear::Unchanged);
        let cal = round_calendar(&ws).unwrap();
        assert!(cal.covers(2027));
        let lines = calendar_years(&ws).unwrap();
        assert_eq!(
            lines.iter().map(|l| (l.year, l.origin)).collect::<Vec<_>>(),
            [
                (2024, YearOrigin::Shipped),
                (2025, YearOrigin::Shipped),
                (2026, YearOrigin::Shipped),
                (2027, YearOrigin::Added)
            ]
        );
        assert_eq!(lines[3].holidays, 29);
        assert_eq!(lines[3].workdays, 6);
        // Another file for 2027: refused, then replaced when asked.
        std::fs::write(&file, EXAMPLE.replace("\"2027-06-09\"", "\"2027-06-10\"")).unwrap();
        let e = import_calendar_year(&mut ws, &file, false, "2026-12-02T08:00:00Z").unwrap_err();
        assert_eq!(e.code().as_str(), "calendar_year_exists");
        let r = import_calendar_year(&mut ws, &file, true, "2026-12-02T08:00:00Z").unwrap();
        assert!(
            matches!(r.outcome, ImportedYear::Replaced { ref previous } if *previous == i.sha256)
        );
        assert!(!round_calendar(&ws)
            .unwrap()
            .is_working_day("2027-06-10".parse().unwrap())
            .unwrap());
    }

    #[test]
    fn an_invalid_file_is_refused_with_every_problem_and_nothing_stored() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::open(&dir.path().join("ws")).unwrap();
        let file = dir.path().join("bad.toml");
        std::fs::write(
            &file,
            EXAMPLE
                .replace("\"2027-01-31\"", "\"2027-02-01\"")
                .replace("\"2027-06-09\"", "\"2027-06-31\""),
        )
        .unwrap();
        let e = import_calendar_year(&mut ws, &file, false, "2026-12-01T08:00:00Z").unwrap_err();
        assert_eq!(e.code().as_str(), "calendar_year_invalid");
        let DeskError::CalendarYear { problems, .. } = &e else {
            panic!("{e}")
        };
        assert_eq!(
            problems.iter().map(|p| p.code()).collect::<Vec<_>>(),
            ["bad_date", "workday_not_weekend"]
        );
        assert!(ws.calendar_years().unwrap().is_empty());
    }

    #[test]
    fn the_entry_reads_back_and_a_package_without_one_counts_with_the_shipped_calendar() {
        let y = CalendarYear::parse(EXAMPLE).unwrap();
        let cal = y.added_to(&WorkdayCalendar::official());
        assert_eq!(read_calendar(&calendar_bytes(&cal)).unwrap(), cal);
        assert_eq!(
            calendar_or_shipped(None).unwrap(),
            WorkdayCalendar::official()
        );
        let mut bad = calendar_bytes(&cal);
        bad.extend_from_slice(b"# comment\n");
        assert_eq!(
            read_calendar(&bad).unwrap_err().code().as_str(),
            "bad_content"
        );
    }
}
