//! The organizer's calendar years (`docs/formats.md`, "Calendar year"): the years
//! the round's calendar covers — shipped, or added from a calendar year file typed
//! from the State Council's notice — and the import of such a file into the
//! session's workspace. Sealing at the organizer desk then writes the round's
//! calendar (shipped plus added) into every package.

use std::path::Path;

use reviewdesk_core::WorkdayCalendar;
use reviewdesk_ipc::{CalendarImportView, CalendarYearView, IpcError};

use crate::Session;

impl Session {
    /// Every year the round's calendar covers, by year: shipped with ReviewDesk or
    /// added to this workspace (with its notice reference, SHA-256 and import time).
    pub fn calendar_years(&mut self) -> Result<Vec<CalendarYearView>, IpcError> {
        let ws = self.workspace()?;
        Ok(reviewdesk_desk::calendar_years(ws)?
            .iter()
            .map(CalendarYearView::from)
            .collect())
    }

    /// Imports the calendar year file `path` into the workspace: validated (every
    /// problem: `calendar_year_invalid`, the messages in `details.problems_zh` and
    /// `details.problems_en`, the first problem's field in `details.field`), then
    /// stored with its SHA-256 at the session's clock. The same file again changes
    /// nothing; another file for a year already added is `calendar_year_exists`
    /// unless `replace` (recorded). Returns what it did and the years covered after.
    pub fn calendar_import(
        &mut self,
        path: &Path,
        replace: bool,
    ) -> Result<CalendarImportView, IpcError> {
        let at = self.now().at;
        let ws = self.workspace()?;
        let imported = reviewdesk_desk::import_calendar_year(ws, path, replace, &at)?;
        let years = reviewdesk_desk::calendar_years(ws)?;
        Ok(CalendarImportView::new(&imported, &years))
    }

    /// The round's calendar in this session's workspace (shipped plus added), the
    /// one sealing writes into the packages.
    pub(crate) fn round_calendar(&mut self) -> Result<WorkdayCalendar, IpcError> {
        Ok(reviewdesk_desk::round_calendar(self.workspace()?)?)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Session, SessionConfig};

    const EXAMPLE: &str = include_str!("../../../tests/vectors/calendar/example-2027.toml");

    fn session(dir: &std::path::Path) -> Session {
        Session::new(SessionConfig {
            workspace_dir: Some(dir.join("ws")),
            identity_index: Some(dir.join("identities.json")),
            ..SessionConfig::default()
        })
    }

    #[test]
    fn the_organizer_lists_years_and_imports_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = session(dir.path());
        let before = s.calendar_years().unwrap();
        assert!(before.iter().all(|y| y.origin == "shipped"));
        assert!(!before.iter().any(|y| y.year == 2027));
        let file = dir.path().join("2027.toml");
        std::fs::write(&file, EXAMPLE).unwrap();
        let v = s.calendar_import(&file, false).unwrap();
        assert_eq!((v.year, v.outcome.as_str()), (2027, "added"));
        let y = v.years.iter().find(|y| y.year == 2027).unwrap();
        assert_eq!(y.origin, "added");
        assert_eq!(y.sha256.as_deref(), Some(v.sha256.as_str()));
        assert!(s.round_calendar().unwrap().covers(2027));

        // A bad file: every problem in both languages, nothing stored.
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, EXAMPLE.replace("\"2027-01-31\"", "\"2027-02-01\"")).unwrap();
        let e = s.calendar_import(&bad, false).unwrap_err();
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "calendar_year_invalid");
        assert_eq!(json["details"]["field"], "workday[0].date");
        assert!(
            json["details"]["problems_zh"]
                .as_str()
                .unwrap()
                .contains("星期一"),
            "{json}"
        );
        // Another file for 2027: refused unless replaced.
        let other = dir.path().join("other.toml");
        std::fs::write(&other, EXAMPLE.replace("\"2027-06-09\"", "\"2027-06-10\"")).unwrap();
        let e = s.calendar_import(&other, false).unwrap_err();
        assert_eq!(
            serde_json::to_value(&e).unwrap()["code"],
            "calendar_year_exists"
        );
        let r = s.calendar_import(&other, true).unwrap();
        assert_eq!(r.outcome, "replaced");
        assert_eq!(r.previous.as_deref(), Some(v.sha256.as_str()));
    }
}
