//! `reviewdesk calendar add-working-days DATE N`.

use crate::error::CliError;
use reviewdesk_core::{Date, WorkdayCalendar};

/// Prints the N-th working day after DATE.
pub fn add_working_days(date: &str, n: u32) -> Result<(), CliError> {
    let date: Date = date.parse()?;
    println!("{}", WorkdayCalendar::official().add_working_days(date, n)?);
    Ok(())
}
