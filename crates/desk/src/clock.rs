//! The one clock of both shells: the desktop app and the CLI read the system time
//! only through [`Now::system`] (the library itself takes `Now` as an argument).

use reviewdesk_core::Date;
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

use crate::Now;

/// China Standard Time, UTC+8 all year (no daylight saving): the zone the rounds'
/// deadlines are dated in, whatever zone this computer is set to.
const CHINA_STANDARD_TIME: i32 = 8 * 3600;

impl Now {
    /// `Now` from the system clock: the time in RFC 3339 UTC to the second, and
    /// today's date in China Standard Time.
    pub fn system() -> Now {
        Now::at_instant(OffsetDateTime::now_utc())
    }

    /// `Now` at a given instant (what [`Now::system`] does with the clock's reading).
    pub fn at_instant(t: OffsetDateTime) -> Now {
        let utc = t.to_offset(UtcOffset::UTC);
        let utc = utc.replace_nanosecond(0).unwrap_or(utc);
        let at = utc
            .format(&Rfc3339)
            .expect("a system clock between the years 0 and 9999 formats as RFC 3339");
        let cst = utc.to_offset(
            UtcOffset::from_whole_seconds(CHINA_STANDARD_TIME).expect("UTC+8 is a valid offset"),
        );
        let today = Date::new(cst.year(), u8::from(cst.month()).into(), cst.day().into())
            .expect("a calendar date from the clock is a valid date");
        Now { at, today }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_to_the_second_and_the_date_in_china() {
        // 2026-11-20 17:30:05.25 UTC is already 2026-11-21 01:30 in Beijing.
        let t = OffsetDateTime::from_unix_timestamp_nanos(1_795_195_805_250_000_000).unwrap();
        let n = Now::at_instant(t);
        assert_eq!(n.at, "2026-11-20T17:30:05Z");
        assert_eq!(n.today, Date::new(2026, 11, 21).unwrap());
    }
}
