//! Working days (工作日) under China's official holiday calendar: statutory
//! holidays (法定节假日) and the make-up working weekends (调休上班) the State
//! Council announces each year. Rule 14 of `docs/rules.md`.
//!
//! The calendar is data, `assets/calendar/cn-workdays.txt`, embedded here with
//! `include_str!` so that every copy of ReviewDesk counts the same days and no
//! file can go missing at run time; it is parsed by [`WorkdayCalendar::parse`],
//! a pure function. A date in a year the data does not cover is an error naming
//! that year — never a guess.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

/// The official calendar data shipped with ReviewDesk.
pub const OFFICIAL_CALENDAR: &str = include_str!("../../../assets/calendar/cn-workdays.txt");

/// A calendar date (proleptic Gregorian), written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

/// Why a date or the calendar is not usable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// Not a valid `YYYY-MM-DD` date.
    #[error("'{0}' is not a date (YYYY-MM-DD)")]
    BadDate(String),
    /// The holiday data does not cover this year: the organizer adds it from the
    /// State Council's notice (`reviewdesk calendar import FILE`).
    #[error("{}", self.message(crate::Lang::En))]
    YearNotCovered {
        /// The year asked about.
        year: i32,
        /// The years the data covers.
        covered: String,
    },
    /// A line of the calendar data is malformed.
    #[error("calendar data line {line}: {text}")]
    BadLine {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        text: String,
    },
}

impl CalendarError {
    /// The stable snake_case code: `bad_date`, `year_not_covered`, `bad_line`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadDate(_) => "bad_date",
            Self::YearNotCovered { .. } => "year_not_covered",
            Self::BadLine { .. } => "bad_line",
        }
    }

    /// What is wrong and what to do, in `lang` (a missing year says how to add it).
    pub fn message(&self, lang: crate::Lang) -> String {
        use crate::Lang::{En, ZhCn};
        match (self, lang) {
            (Self::YearNotCovered { year, covered }, ZhCn) => format!(
                "{year} 年的节假日安排尚未收录（已收录：{covered}）：请按国务院办公厅关于{year}年部分节假日安排的通知填写日历文件，用 `reviewdesk calendar import 文件` 导入（格式见 docs/formats.md“日历年份”）"
            ),
            (Self::YearNotCovered { year, covered }, En) => format!(
                "no holiday calendar for {year} (covered: {covered}): fill in a calendar year file from the State Council's notice on the {year} holidays and add it with `reviewdesk calendar import FILE` (format: docs/formats.md, \"Calendar year\")"
            ),
            (Self::BadDate(s), ZhCn) => format!("“{s}”不是日期（应为 YYYY-MM-DD）"),
            (Self::BadLine { line, text }, ZhCn) => format!("日历数据第 {line} 行：{text}"),
            (e, _) => e.to_string(),
        }
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

impl Date {
    /// The date, if it exists.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(&self) -> u32 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(&self) -> u32 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Count from 0000-03-01 so that leap days fall at the end of a year.
        let (y, m) = if self.month <= 2 {
            (self.year as i64 - 1, self.month as i64 + 9)
        } else {
            (self.year as i64, self.month as i64 - 3)
        };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let doy = (153 * m + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + if month <= 2 { 1 } else { 0 }) as i32;
        Date { year, month, day }
    }

    /// The next day.
    pub fn succ(self) -> Date {
        Date::from_days(self.to_days() + 1)
    }

    /// Day of the week, 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((self.to_days() + 3).rem_euclid(7) + 1) as u32
    }

    /// The same day `months` months earlier, clamped to the month's last day.
    pub fn months_earlier(self, months: u32) -> Date {
        let total = self.year as i64 * 12 + self.month as i64 - 1 - months as i64;
        let (y, m) = (total.div_euclid(12) as i32, total.rem_euclid(12) as u32 + 1);
        Date {
            year: y,
            month: m,
            day: self.day.min(days_in_month(y, m)),
        }
    }
}

impl FromStr for Date {
    type Err = CalendarError;
    fn from_str(s: &str) -> Result<Date, CalendarError> {
        let bad = || CalendarError::BadDate(s.to_owned());
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Result<u32, CalendarError> {
            let part = &s[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        Date::new(num(0..4)? as i32, num(5..7)?, num(8..10)?).ok_or_else(bad)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Whether a material issued on `issued` is still fresh on `as_of` under a
/// maximum age of `max_age_months` (材料时效): issued on or after the same day
/// that many months earlier, and not after `as_of`.
pub fn is_fresh(issued: Date, as_of: Date, max_age_months: u32) -> bool {
    issued <= as_of && issued >= as_of.months_earlier(max_age_months)
}

/// The working-day calendar for the years its data covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkdayCalendar {
    years: BTreeSet<i32>,
    /// Days off under a notice, with the holiday's name.
    holidays: BTreeMap<Date, String>,
    /// Make-up working weekend days, with the holiday's name.
    workdays: BTreeMap<Date, String>,
}

/// A year's listed dates with their holiday's name, by date.
pub type YearDays<'a> = Vec<(Date, &'a str)>;

/// The first line of a calendar as a package carries it (`calendar` entry,
/// `docs/formats.md` "Sealed package").
pub const CALENDAR_ENTRY_FORMAT: &str = "reviewdesk-calendar/1";

impl WorkdayCalendar {
    /// Parses calendar data: `#` comments, one `years Y1 Y2 …` line, then lines
    /// `YYYY-MM-DD holiday|workday <name>` (the name required, its words joined by
    /// one space).
    pub fn parse(text: &str) -> Result<Self, CalendarError> {
        let mut cal = WorkdayCalendar {
            years: BTreeSet::new(),
            holidays: BTreeMap::new(),
            workdays: BTreeMap::new(),
        };
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            let bad = |t: &str| CalendarError::BadLine {
                line: i + 1,
                text: t.to_owned(),
            };
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split_whitespace();
            let head = parts.next().unwrap_or_default();
            if head == "years" {
                for y in parts {
                    cal.years
                        .insert(y.parse().map_err(|_| bad("a year must be a number"))?);
                }
                continue;
            }
            let date: Date = head
                .parse()
                .map_err(|_| bad("expected a date or 'years'"))?;
            if !cal.years.contains(&date.year) {
                return Err(bad("date outside the declared years"));
            }
            let set = match parts.next() {
                Some("holiday") => &mut cal.holidays,
                Some("workday") => &mut cal.workdays,
                _ => return Err(bad("expected 'holiday' or 'workday'")),
            };
            let name = parts.collect::<Vec<_>>().join(" ");
            if name.is_empty() {
                return Err(bad(
                    "a holiday name is required after 'holiday' or 'workday'",
                ));
            }
            if set.insert(date, name).is_some() {
                return Err(bad("date listed twice"));
            }
        }
        if let Some(d) = cal.holidays.keys().find(|d| cal.workdays.contains_key(d)) {
            return Err(CalendarError::BadLine {
                line: 0,
                text: format!("{d} is both a holiday and a workday"),
            });
        }
        if cal.years.is_empty() {
            return Err(CalendarError::BadLine {
                line: 0,
                text: "no 'years' line".into(),
            });
        }
        Ok(cal)
    }

    /// The calendar shipped with ReviewDesk ([`OFFICIAL_CALENDAR`]), parsed once
    /// per process (every loaded round starts from it).
    pub fn official() -> Self {
        static OFFICIAL: std::sync::OnceLock<WorkdayCalendar> = std::sync::OnceLock::new();
        OFFICIAL
            .get_or_init(|| {
                Self::parse(OFFICIAL_CALENDAR)
                    .expect("the embedded calendar data parses (checked by a test)")
            })
            .clone()
    }

    /// The years covered.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().copied()
    }

    /// Whether the data covers `year`.
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    /// The days off and the make-up working days listed for `year`, with their
    /// names (both empty for a year not covered).
    pub fn year_days(&self, year: i32) -> (YearDays<'_>, YearDays<'_>) {
        fn pick(m: &BTreeMap<Date, String>, year: i32) -> YearDays<'_> {
            m.range(
                Date {
                    year,
                    month: 1,
                    day: 1,
                }..,
            )
            .take_while(|(d, _)| d.year == year)
            .map(|(d, n)| (*d, n.as_str()))
            .collect()
        }
        (pick(&self.holidays, year), pick(&self.workdays, year))
    }

    /// This calendar with `year` added: its days off and make-up working days
    /// (names kept). A year already covered is replaced.
    pub fn with_year(
        &self,
        year: i32,
        holidays: impl IntoIterator<Item = (Date, String)>,
        workdays: impl IntoIterator<Item = (Date, String)>,
    ) -> WorkdayCalendar {
        let mut cal = self.clone();
        cal.holidays.retain(|d, _| d.year != year);
        cal.workdays.retain(|d, _| d.year != year);
        cal.years.insert(year);
        cal.holidays
            .extend(holidays.into_iter().filter(|(d, _)| d.year == year));
        cal.workdays
            .extend(workdays.into_iter().filter(|(d, _)| d.year == year));
        cal
    }

    /// The calendar as a package carries it: the line `reviewdesk-calendar/1`, the
    /// `years` line, then one line per listed date in date order,
    /// `YYYY-MM-DD holiday|workday NAME`, each ended by LF; nothing else (no
    /// comments, no blank lines). [`WorkdayCalendar::from_entry_text`] reads it
    /// back.
    pub fn to_entry_text(&self) -> String {
        let mut s = format!("{CALENDAR_ENTRY_FORMAT}\nyears");
        for y in &self.years {
            s.push_str(&format!(" {y}"));
        }
        s.push('\n');
        let mut lines: Vec<(Date, &str, &str)> = self
            .holidays
            .iter()
            .map(|(d, n)| (*d, "holiday", n.as_str()))
            .chain(
                self.workdays
                    .iter()
                    .map(|(d, n)| (*d, "workday", n.as_str())),
            )
            .collect();
        lines.sort();
        for (d, kind, name) in lines {
            s.push_str(&format!("{d} {kind} {name}\n"));
        }
        s
    }

    /// Reads a package's `calendar` entry strictly: UTF-8, the format line, data
    /// [`WorkdayCalendar::parse`] accepts, and exactly the bytes
    /// [`WorkdayCalendar::to_entry_text`] writes for it (any other spelling — a
    /// comment, a blank line, dates out of order, two spaces — is refused, naming
    /// the first line that differs).
    pub fn from_entry_text(bytes: &[u8]) -> Result<WorkdayCalendar, CalendarError> {
        let bad = |line: usize, text: &str| CalendarError::BadLine {
            line,
            text: text.to_owned(),
        };
        let text = std::str::from_utf8(bytes).map_err(|_| bad(0, "not UTF-8"))?;
        let body = text
            .strip_prefix(CALENDAR_ENTRY_FORMAT)
            .and_then(|r| r.strip_prefix('\n'))
            .ok_or_else(|| bad(1, "expected the line `reviewdesk-calendar/1`"))?;
        let cal = Self::parse(body).map_err(|e| match e {
            CalendarError::BadLine { line, text } if line > 0 => CalendarError::BadLine {
                line: line + 1,
                text,
            },
            e => e,
        })?;
        let again = cal.to_entry_text();
        if again != text {
            let line = again
                .lines()
                .zip(text.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| again.lines().count().min(text.lines().count()))
                + 1;
            return Err(bad(
                line,
                "not in canonical form (years on one line, then one line per date in date order, single spaces, LF, nothing else)",
            ));
        }
        Ok(cal)
    }

    fn covered(&self, year: i32) -> Result<(), CalendarError> {
        if self.years.contains(&year) {
            Ok(())
        } else {
            Err(CalendarError::YearNotCovered {
                year,
                covered: self
                    .years
                    .iter()
                    .map(|y| y.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
        }
    }

    /// Whether `date` is a working day: a weekday that is not a holiday, or a
    /// make-up working weekend day.
    pub fn is_working_day(&self, date: Date) -> Result<bool, CalendarError> {
        self.covered(date.year)?;
        Ok(if date.weekday() >= 6 {
            self.workdays.contains_key(&date)
        } else {
            !self.holidays.contains_key(&date)
        })
    }

    /// The `n`-th working day after `date` (`date` itself for n = 0).
    pub fn add_working_days(&self, date: Date, n: u32) -> Result<Date, CalendarError> {
        self.covered(date.year)?;
        let mut d = date;
        let mut left = n;
        while left > 0 {
            d = d.succ();
            if self.is_working_day(d)? {
                left -= 1;
            }
        }
        Ok(d)
    }

    /// The last day of a public notice (公示) of `days` working days published
    /// on `published`: the `days`-th working day after it.
    pub fn notice_end(&self, published: Date, days: u32) -> Result<Date, CalendarError> {
        self.add_working_days(published, days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn check(date: &str, n: u32, expected: &str) {
        assert_eq!(
            WorkdayCalendar::official()
                .add_working_days(d(date), n)
                .unwrap(),
            d(expected),
            "{date} + {n}"
        );
    }

    #[test]
    fn dates_round_trip_through_day_numbers() {
        for s in [
            "1970-01-01",
            "2000-02-29",
            "2024-12-31",
            "2026-03-01",
            "1969-12-31",
        ] {
            assert_eq!(Date::from_days(d(s).to_days()), d(s));
        }
        assert_eq!(d("1970-01-01").to_days(), 0);
        assert_eq!(d("2024-10-01").weekday(), 2);
        assert!("2025-02-29".parse::<Date>().is_err());
        assert!("2025-2-01".parse::<Date>().is_err());
    }

    #[test]
    fn working_days_follow_holidays_and_make_up_weekends() {
        // National Day 2024: 10-01..07 off, Sunday 09-29 and Saturday 10-12 worked.
        check("2024-09-27", 1, "2024-09-29");
        check("2024-09-30", 1, "2024-10-08");
        check("2024-10-08", 4, "2024-10-12");
        // Spring Festival 2025: 01-28..02-04 off; Sunday 01-26 and Saturday 02-08 worked.
        check("2025-01-24", 1, "2025-01-26");
        check("2025-01-27", 1, "2025-02-05");
        check("2025-03-03", 0, "2025-03-03");
        check("2025-03-07", 5, "2025-03-14");
    }

    #[test]
    fn a_year_without_data_is_an_error_naming_it() {
        let cal = WorkdayCalendar::official();
        let e = cal.add_working_days(d("2023-06-01"), 1).unwrap_err();
        assert!(
            matches!(e, CalendarError::YearNotCovered { year: 2023, .. }),
            "{e}"
        );
        let e = cal.add_working_days(d("2026-12-28"), 10).unwrap_err();
        assert!(
            matches!(e, CalendarError::YearNotCovered { year: 2027, .. }),
            "{e}"
        );
    }

    #[test]
    fn a_missing_year_says_how_to_add_it() {
        let e = WorkdayCalendar::official()
            .add_working_days(d("2027-03-01"), 1)
            .unwrap_err();
        assert_eq!(e.code(), "year_not_covered");
        let zh = e.message(crate::Lang::ZhCn);
        assert!(zh.starts_with("2027 年的节假日安排尚未收录"), "{zh}");
        assert!(zh.contains("reviewdesk calendar import"), "{zh}");
        let en = e.to_string();
        assert!(en.contains("no holiday calendar for 2027"), "{en}");
        assert!(en.contains("reviewdesk calendar import FILE"), "{en}");
    }

    #[test]
    fn the_package_text_is_canonical_and_read_strictly() {
        let cal = WorkdayCalendar::official();
        let text = cal.to_entry_text();
        assert!(text.starts_with(
            "reviewdesk-calendar/1\nyears 2024 2025 2026\n2024-01-01 holiday New Year's Day\n"
        ));
        assert_eq!(
            WorkdayCalendar::from_entry_text(text.as_bytes()).unwrap(),
            cal
        );
        for bad in [
            text.replacen("reviewdesk-calendar/1\n", "", 1),
            text.replacen("years", "# c\nyears", 1),
            text.replacen("holiday New", "holiday  New", 1),
            text.replacen("\n2024-01-01", "\n\n2024-01-01", 1),
            format!("{text}2026-12-31 holiday\n"),
            text.replacen("\n", "\r\n", 1),
        ] {
            let e = WorkdayCalendar::from_entry_text(bad.as_bytes()).unwrap_err();
            assert_eq!(e.code(), "bad_line", "{bad:.80}");
        }
        // Two lines swapped: out of date order.
        let mut lines: Vec<&str> = text.lines().collect();
        lines.swap(2, 3);
        let swapped = lines.join("\n") + "\n";
        let e = WorkdayCalendar::from_entry_text(swapped.as_bytes()).unwrap_err();
        assert!(matches!(e, CalendarError::BadLine { line: 3, .. }), "{e}");
    }

    #[test]
    fn freshness_counts_calendar_months() {
        assert!(is_fresh(d("2021-03-31"), d("2026-03-31"), 60));
        assert!(!is_fresh(d("2021-03-30"), d("2026-03-31"), 60));
        assert!(is_fresh(d("2025-02-28"), d("2026-02-28"), 12));
        assert!(!is_fresh(d("2026-04-01"), d("2026-03-31"), 12));
    }
}
