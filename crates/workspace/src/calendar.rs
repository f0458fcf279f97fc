//! The calendar years the organizer added (`docs/formats.md`, "Calendar year"):
//! the files as imported, and an append-only log of every import that changed a
//! year. The file is validated by the caller (`reviewdesk_core::CalendarYear`);
//! this module only keeps it, in one transaction per import.

use rusqlite::{params, OptionalExtension};

use crate::{Result, Workspace, WorkspaceError};

/// An added calendar year as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarYearRecord {
    /// The year.
    pub year: i32,
    /// The calendar year file, as imported.
    pub text: String,
    /// SHA-256 of `text`, 64 lowercase hex digits.
    pub sha256: String,
    /// The notice it was typed from (the file's `source`).
    pub source: String,
    /// When it was imported (RFC 3339 UTC).
    pub imported_at: String,
}

/// One line of the calendar years' log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarLogLine {
    /// The year.
    pub year: i32,
    /// SHA-256 of the text stored.
    pub sha256: String,
    /// SHA-256 of the text it replaced; `None` for a year's first import.
    pub replaced: Option<String>,
    /// When (RFC 3339 UTC).
    pub at: String,
}

/// What storing a year did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoredYear {
    /// The year was not there: added.
    Added,
    /// The same text was there already: nothing changed.
    Unchanged,
    /// Another text was there and `replace` was given: replaced (and logged).
    Replaced {
        /// SHA-256 of the text replaced.
        previous: String,
    },
}

impl Workspace {
    /// The added calendar years, by year.
    pub fn calendar_years(&self) -> Result<Vec<CalendarYearRecord>> {
        let mut st = self.conn.prepare(
            "SELECT year, text, sha256, source, imported_at FROM calendar_year ORDER BY year",
        )?;
        let rows = st.query_map([], |r| {
            Ok(CalendarYearRecord {
                year: r.get(0)?,
                text: r.get(1)?,
                sha256: r.get(2)?,
                source: r.get(3)?,
                imported_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every import that changed a year, oldest first.
    pub fn calendar_year_log(&self) -> Result<Vec<CalendarLogLine>> {
        let mut st = self
            .conn
            .prepare("SELECT year, sha256, replaced, at FROM calendar_year_log ORDER BY seq")?;
        let rows = st.query_map([], |r| {
            Ok(CalendarLogLine {
                year: r.get(0)?,
                sha256: r.get(1)?,
                replaced: r.get(2)?,
                at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Stores an added year in one transaction: a new year is added; the same text
    /// again changes nothing; another text for a year already added is refused
    /// (`calendar_year_exists`) unless `replace`, and then replaced. Every change
    /// appends a line to the log.
    pub fn store_calendar_year(
        &mut self,
        rec: &CalendarYearRecord,
        replace: bool,
    ) -> Result<StoredYear> {
        let tx = self.conn.transaction()?;
        let stored: Option<String> = tx
            .query_row(
                "SELECT sha256 FROM calendar_year WHERE year = ?1",
                params![rec.year],
                |r| r.get(0),
            )
            .optional()?;
        let outcome = match stored {
            Some(s) if s == rec.sha256 => return Ok(StoredYear::Unchanged),
            Some(s) if !replace => {
                return Err(WorkspaceError::CalendarYearExists {
                    year: rec.year,
                    stored: s,
                    new: rec.sha256.clone(),
                })
            }
            Some(s) => StoredYear::Replaced { previous: s },
            None => StoredYear::Added,
        };
        tx.execute(
            "INSERT INTO calendar_year (year, text, sha256, source, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(year) DO UPDATE SET text = ?2, sha256 = ?3, source = ?4, imported_at = ?5",
            params![rec.year, rec.text, rec.sha256, rec.source, rec.imported_at],
        )?;
        let replaced = match &outcome {
            StoredYear::Replaced { previous } => Some(previous.as_str()),
            _ => None,
        };
        tx.execute(
            "INSERT INTO calendar_year_log (year, sha256, replaced, at) VALUES (?1, ?2, ?3, ?4)",
            params![rec.year, rec.sha256, replaced, rec.imported_at],
        )?;
        tx.commit()?;
        Ok(outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(text: &str, sha: &str, at: &str) -> CalendarYearRecord {
        CalendarYearRecord {
            year: 2027,
            text: text.into(),
            sha256: sha.into(),
            source: "国办发明电〔2026〕N号".into(),
            imported_at: at.into(),
        }
    }

    #[test]
    fn a_year_is_added_once_and_replaced_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::open(dir.path()).unwrap();
        let a = rec("a", &"a".repeat(64), "2026-12-01T08:00:00Z");
        assert_eq!(
            ws.store_calendar_year(&a, false).unwrap(),
            StoredYear::Added
        );
        assert_eq!(
            ws.store_calendar_year(&a, false).unwrap(),
            StoredYear::Unchanged
        );
        let b = rec("b", &"b".repeat(64), "2026-12-02T08:00:00Z");
        let e = ws.store_calendar_year(&b, false).unwrap_err();
        assert_eq!(e.code(), "calendar_year_exists");
        assert!(e.to_string().contains("2027"), "{e}");
        assert_eq!(ws.calendar_years().unwrap(), std::slice::from_ref(&a));
        assert_eq!(
            ws.store_calendar_year(&b, true).unwrap(),
            StoredYear::Replaced {
                previous: "a".repeat(64)
            }
        );
        assert_eq!(ws.calendar_years().unwrap(), std::slice::from_ref(&b));
        let log = ws.calendar_year_log().unwrap();
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].replaced, None);
        assert_eq!(log[1].replaced.as_deref(), Some("a".repeat(64).as_str()));
        // The log is append-only.
        assert!(ws
            .conn
            .execute("DELETE FROM calendar_year_log", [])
            .is_err());
        drop(ws);
        let ws = Workspace::open(dir.path()).unwrap();
        assert_eq!(ws.calendar_years().unwrap(), [b]);
    }
}
