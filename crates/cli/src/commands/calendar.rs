//! `reviewdesk calendar add-working-days DATE N`, `calendar import FILE` and
//! `calendar list`: the working-day calendar and the years the organizer adds to it
//! in the workspace (`docs/formats.md`, "Calendar year").

use std::path::Path;

use crate::clock;
use crate::error::CliError;
use crate::messages::calendar_labels;
use crate::render::table;
use reviewdesk_core::{Date, Lang, WorkdayCalendar};
use reviewdesk_desk::{calendar_years, import_calendar_year, DeskError, ImportedYear, YearOrigin};
use reviewdesk_workspace::Workspace;

fn workspace() -> Result<Workspace, CliError> {
    Workspace::open_default().map_err(|e| CliError::Desk(DeskError::Workspace(e)))
}

/// The round's calendar on this machine: the shipped one plus the years added to
/// the user's workspace. No workspace yet: the shipped one (nothing is created).
pub fn round_calendar() -> Result<WorkdayCalendar, CliError> {
    let dir =
        reviewdesk_workspace::default_dir().map_err(|e| CliError::Desk(DeskError::Workspace(e)))?;
    if !dir.join(reviewdesk_workspace::DB_FILE).exists() {
        return Ok(WorkdayCalendar::official());
    }
    Ok(reviewdesk_desk::round_calendar(&workspace()?)?)
}

/// Prints the N-th working day after DATE, with the years this workspace added.
pub fn add_working_days(date: &str, n: u32) -> Result<(), CliError> {
    let date: Date = date.parse()?;
    println!("{}", round_calendar()?.add_working_days(date, n)?);
    Ok(())
}

/// `calendar import FILE [--replace]`.
pub fn import(file: &Path, replace: bool, lang: Lang) -> Result<(), CliError> {
    let l = calendar_labels(lang);
    let mut ws = workspace()?;
    let at = clock::now().at;
    let i = match import_calendar_year(&mut ws, file, replace, &at) {
        Err(DeskError::CalendarYear { path, problems }) => {
            for p in &problems {
                eprintln!("{}: {} [{}]", path.display(), p.message(lang), p.code());
            }
            return Err(CliError::Explained {
                code: "calendar_year_invalid",
                message: format!("{}: {}", l.invalid, path.display()),
            });
        }
        Err(e) => return Err(e.into()),
        Ok(i) => i,
    };
    match &i.outcome {
        ImportedYear::Added => println!("{} {}: {}", l.added, i.year, i.source),
        ImportedYear::Unchanged => println!("{} {}: {}", i.year, l.unchanged, i.source),
        ImportedYear::Shipped => println!("{} {}", i.year, l.shipped_same),
        ImportedYear::Replaced { previous } => {
            println!("{} {}: {}", l.added, i.year, i.source);
            println!("{} {previous}", l.replaced);
        }
    }
    println!("SHA-256  {}  {}", i.sha256, file.display());
    if matches!(
        i.outcome,
        ImportedYear::Added | ImportedYear::Replaced { .. }
    ) {
        println!("{}", l.sealed_after);
    }
    println!("{}: {}", l.workspace, ws.dir().display());
    Ok(())
}

/// `calendar list`: every year covered, shipped or added.
pub fn list(lang: Lang) -> Result<(), CliError> {
    let l = calendar_labels(lang);
    let ws = workspace()?;
    let mut t = table(vec![
        l.year,
        l.origin,
        l.days_off,
        l.make_up,
        l.source,
        l.imported_at,
        "SHA-256",
    ]);
    for y in calendar_years(&ws)? {
        t.add_row(vec![
            y.year.to_string(),
            match y.origin {
                YearOrigin::Shipped => l.shipped.to_string(),
                YearOrigin::Added => l.added_origin.to_string(),
            },
            y.holidays.to_string(),
            y.workdays.to_string(),
            y.source.unwrap_or_default(),
            y.imported_at.unwrap_or_default(),
            y.sha256.unwrap_or_default(),
        ]);
    }
    println!("{t}");
    println!("{}", l.how_to_add);
    Ok(())
}
