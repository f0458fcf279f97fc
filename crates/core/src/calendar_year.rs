//! A calendar year the organizer adds (`reviewdesk-calendar-year/1`): one year's
//! days off and make-up working days, typed from the State Council's notice
//! (国务院办公厅关于YYYY年部分节假日安排的通知). Rule 14 of `docs/rules.md`; the
//! file is `docs/formats.md` ("Calendar year").
//!
//! Pure functions: [`CalendarYear::parse`] reads the TOML strictly and returns
//! every problem with its field path (`holiday[2].dates[1]`), and
//! [`CalendarYear::fit`] says whether the year may join a calendar that already
//! covers some years (the shipped one: the same dates again are accepted, other
//! dates refused).

use crate::calendar::{Date, WorkdayCalendar};
use crate::Lang;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The `format` value of a calendar year file.
pub const CALENDAR_YEAR_FORMAT: &str = "reviewdesk-calendar-year/1";

/// The years a calendar year file may be for.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2099;

/// One year of the official holiday calendar, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarYear {
    /// The year.
    pub year: i32,
    /// The notice it was typed from (e.g. `国办发明电〔2026〕N号`).
    pub source: String,
    /// Every day off with its holiday's name, by date.
    pub holidays: BTreeMap<Date, String>,
    /// Every make-up working day (a Saturday or Sunday) with its holiday's name.
    pub workdays: BTreeMap<Date, String>,
}

/// One problem of a calendar year file, with the field it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearProblem {
    /// The field path (`holiday[0].dates[2]`, `workday[1].date`, `year`), or
    /// empty for the file as a whole.
    pub path: String,
    /// What is wrong.
    pub kind: YearProblemKind,
}

/// What is wrong with a calendar year file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum YearProblemKind {
    /// Not TOML, an unknown key, a missing key or a value of the wrong type.
    Syntax {
        /// 1-based line, when known.
        line: Option<usize>,
        /// The parser's message.
        message: String,
    },
    /// `format` is not `reviewdesk-calendar-year/1`.
    UnknownFormat(String),
    /// `year` outside 2000–2099.
    BadYear(i64),
    /// `source` is empty.
    EmptySource,
    /// A name is empty.
    EmptyName,
    /// A name has a control character (a line break, a tab).
    BadName,
    /// A holiday lists no date.
    NoDates,
    /// The file lists no holiday at all.
    NoHolidays,
    /// Not a date `YYYY-MM-DD` or a range `YYYY-MM-DD..YYYY-MM-DD`.
    BadDate(String),
    /// A range whose end is before its start.
    BadRange(String),
    /// A date outside the file's year.
    OutsideYear(Date),
    /// A date listed before (at `first`).
    Duplicate {
        /// The date.
        date: Date,
        /// Where it was listed first.
        first: String,
    },
    /// A make-up working day on a weekday (Monday to Friday).
    WorkdayNotWeekend {
        /// The date.
        date: Date,
        /// 1 = Monday … 5 = Friday.
        weekday: u32,
    },
    /// The year is in the calendar shipped with ReviewDesk with other dates.
    DiffersFromShipped {
        /// The year.
        year: i32,
        /// The first date that differs, and how it is in the shipped calendar.
        first: String,
    },
}

impl YearProblem {
    fn at(path: impl Into<String>, kind: YearProblemKind) -> Self {
        YearProblem {
            path: path.into(),
            kind,
        }
    }

    /// The stable snake_case code.
    pub fn code(&self) -> &'static str {
        use YearProblemKind as K;
        match self.kind {
            K::Syntax { .. } => "syntax",
            K::UnknownFormat(_) => "unknown_format",
            K::BadYear(_) => "bad_year",
            K::EmptySource => "empty_source",
            K::EmptyName => "empty_name",
            K::BadName => "bad_name",
            K::NoDates => "no_dates",
            K::NoHolidays => "no_holidays",
            K::BadDate(_) => "bad_date",
            K::BadRange(_) => "bad_range",
            K::OutsideYear(_) => "outside_year",
            K::Duplicate { .. } => "duplicate_date",
            K::WorkdayNotWeekend { .. } => "workday_not_weekend",
            K::DiffersFromShipped { .. } => "differs_from_shipped",
        }
    }

    /// What is wrong, where, and what to do, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use YearProblemKind as K;
        let zh = lang == Lang::ZhCn;
        let what = match (&self.kind, zh) {
            // The parser's sentence is English: Chinese says where and what kind.
            (K::Syntax { line, .. }, true) => match line {
                Some(l) => format!(
                    "第 {l} 行不是本格式的 TOML（不是 TOML、有未知或缺少的字段，或值的类型不对）"
                ),
                None => "不是本格式的 TOML（不是 TOML、有未知或缺少的字段，或值的类型不对）"
                    .to_string(),
            },
            (K::Syntax { line, message }, false) => match line {
                Some(l) => format!("line {l} is not TOML of this format: {message}"),
                None => format!("not TOML of this format: {message}"),
            },
            (K::UnknownFormat(f), true) => {
                format!("format 为“{f}”：应为 \"{CALENDAR_YEAR_FORMAT}\"")
            }
            (K::UnknownFormat(f), false) => {
                format!("format is \"{f}\": it must be \"{CALENDAR_YEAR_FORMAT}\"")
            }
            (K::BadYear(y), true) => format!("年份 {y} 不在 2000–2099 之内"),
            (K::BadYear(y), false) => format!("the year {y} is outside 2000–2099"),
            (K::EmptySource, true) => {
                "请填写通知的文号（如 国办发明电〔2026〕N号），以便核对".into()
            }
            (K::EmptySource, false) => {
                "give the notice's reference (e.g. 国办发明电〔2026〕N号) so the dates can be checked"
                    .into()
            }
            (K::EmptyName, true) => "名称为空：请填写节日名称（如 春节）".into(),
            (K::EmptyName, false) => "the name is empty: give the holiday's name (e.g. 春节)".into(),
            (K::BadName, true) => "名称含换行或制表符等控制字符".into(),
            (K::BadName, false) => "the name has a control character (a line break, a tab)".into(),
            (K::NoDates, true) => "该节日未列出任何放假日期".into(),
            (K::NoDates, false) => "this holiday lists no day off".into(),
            (K::NoHolidays, true) => "文件未列出任何节假日（[[holiday]]）".into(),
            (K::NoHolidays, false) => "the file lists no holiday ([[holiday]])".into(),
            (K::BadDate(s), true) => format!(
                "“{s}”不是日期 YYYY-MM-DD，也不是日期范围 YYYY-MM-DD..YYYY-MM-DD"
            ),
            (K::BadDate(s), false) => format!(
                "\"{s}\" is not a date YYYY-MM-DD nor a range YYYY-MM-DD..YYYY-MM-DD"
            ),
            (K::BadRange(s), true) => format!("日期范围“{s}”的结束早于开始"),
            (K::BadRange(s), false) => format!("the range \"{s}\" ends before it starts"),
            (K::OutsideYear(d), true) => format!("{d} 不在本文件的年份之内"),
            (K::OutsideYear(d), false) => format!("{d} is outside the file's year"),
            (K::Duplicate { date, first }, true) => {
                format!("{date} 已在 {first} 列出，同一日期只能列一次")
            }
            (K::Duplicate { date, first }, false) => {
                format!("{date} is already listed at {first}: list each date once")
            }
            (K::WorkdayNotWeekend { date, weekday }, true) => format!(
                "{date} 是星期{}：调休上班日只能是星期六或星期日（工作日本来就上班，不必列出）",
                ["一", "二", "三", "四", "五"][(*weekday as usize).clamp(1, 5) - 1]
            ),
            (K::WorkdayNotWeekend { date, weekday }, false) => format!(
                "{date} is a {}: a make-up working day must be a Saturday or Sunday (weekdays are working days anyway)",
                ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
                    [(*weekday as usize).clamp(1, 5) - 1]
            ),
            (K::DiffersFromShipped { year, first }, true) => format!(
                "{year} 年已随评审台发布，且日期与本文件不同（{first}）：已发布的年份不能另行导入"
            ),
            (K::DiffersFromShipped { year, first }, false) => format!(
                "{year} ships with ReviewDesk with other dates ({first}): a shipped year cannot be imported"
            ),
        };
        if self.path.is_empty() {
            what
        } else if zh {
            format!("{}：{what}", self.path)
        } else {
            format!("{}: {what}", self.path)
        }
    }
}

/// How a valid year fits a calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearFit {
    /// The calendar does not cover the year: it is added.
    New,
    /// The calendar covers the year with exactly these dates (names aside):
    /// nothing to add.
    Same,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    format: String,
    year: i64,
    source: String,
    #[serde(default)]
    holiday: Vec<RawHoliday>,
    #[serde(default)]
    workday: Vec<RawWorkday>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    name: String,
    dates: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWorkday {
    name: String,
    date: String,
}

/// A name with its words joined by one space, or the problem with it.
fn clean_name(name: &str) -> Result<String, YearProblemKind> {
    if name.chars().any(char::is_control) {
        return Err(YearProblemKind::BadName);
    }
    let n = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if n.is_empty() {
        Err(YearProblemKind::EmptyName)
    } else {
        Ok(n)
    }
}

/// The dates of `YYYY-MM-DD` or `YYYY-MM-DD..YYYY-MM-DD` (inclusive).
fn dates_of(item: &str) -> Result<Vec<Date>, YearProblemKind> {
    let bad = || YearProblemKind::BadDate(item.to_owned());
    match item.split_once("..") {
        None => Ok(vec![item.parse().map_err(|_| bad())?]),
        Some((a, b)) => {
            let (a, b): (Date, Date) =
                (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?);
            if b < a {
                return Err(YearProblemKind::BadRange(item.to_owned()));
            }
            // At most a year's days: a longer range has a date outside the year,
            // reported for its first such date.
            let mut out = vec![a];
            let mut d = a;
            while d < b && out.len() <= 366 {
                d = d.succ();
                out.push(d);
            }
            Ok(out)
        }
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

impl CalendarYear {
    /// Reads a calendar year file strictly (unknown keys refused) and checks it:
    /// every date valid and inside the year, no date listed twice, every make-up
    /// working day a Saturday or Sunday, names and source not empty, at least one
    /// holiday. Returns every problem, in file order.
    pub fn parse(text: &str) -> Result<CalendarYear, Vec<YearProblem>> {
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            vec![YearProblem::at(
                "",
                YearProblemKind::Syntax {
                    line: e.span().map(|s| line_of(text, s.start)),
                    message: e.message().trim().to_owned(),
                },
            )]
        })?;
        let mut problems = Vec::new();
        if raw.format != CALENDAR_YEAR_FORMAT {
            problems.push(YearProblem::at(
                "format",
                YearProblemKind::UnknownFormat(raw.format.clone()),
            ));
        }
        let year = match i32::try_from(raw.year) {
            Ok(y) if YEARS.contains(&y) => Some(y),
            _ => {
                problems.push(YearProblem::at("year", YearProblemKind::BadYear(raw.year)));
                None
            }
        };
        let source = raw.source.split_whitespace().collect::<Vec<_>>().join(" ");
        if source.is_empty() {
            problems.push(YearProblem::at("source", YearProblemKind::EmptySource));
        }
        if raw.holiday.is_empty() {
            problems.push(YearProblem::at("holiday", YearProblemKind::NoHolidays));
        }
        let mut first_at: BTreeMap<Date, String> = BTreeMap::new();
        let mut holidays = BTreeMap::new();
        let mut workdays = BTreeMap::new();
        // A date: inside the year and new, else a problem at `path`.
        let mut take = |path: String, d: Date, problems: &mut Vec<YearProblem>| -> bool {
            if year.is_some_and(|y| d.year() != y) {
                problems.push(YearProblem::at(path, YearProblemKind::OutsideYear(d)));
                return false;
            }
            if let Some(first) = first_at.get(&d) {
                problems.push(YearProblem::at(
                    path,
                    YearProblemKind::Duplicate {
                        date: d,
                        first: first.clone(),
                    },
                ));
                return false;
            }
            first_at.insert(d, path);
            true
        };
        for (i, h) in raw.holiday.iter().enumerate() {
            let name = clean_name(&h.name)
                .map_err(|k| problems.push(YearProblem::at(format!("holiday[{i}].name"), k)))
                .unwrap_or_default();
            if h.dates.is_empty() {
                problems.push(YearProblem::at(
                    format!("holiday[{i}].dates"),
                    YearProblemKind::NoDates,
                ));
            }
            for (j, item) in h.dates.iter().enumerate() {
                let path = format!("holiday[{i}].dates[{j}]");
                match dates_of(item.trim()) {
                    Err(k) => problems.push(YearProblem::at(path, k)),
                    Ok(ds) => {
                        for d in ds {
                            if !take(path.clone(), d, &mut problems) {
                                break;
                            }
                            holidays.insert(d, name.clone());
                        }
                    }
                }
            }
        }
        for (i, w) in raw.workday.iter().enumerate() {
            let name = clean_name(&w.name)
                .map_err(|k| problems.push(YearProblem::at(format!("workday[{i}].name"), k)))
                .unwrap_or_default();
            let path = format!("workday[{i}].date");
            let d: Date = match w.date.trim().parse() {
                Ok(d) => d,
                Err(_) => {
                    problems.push(YearProblem::at(
                        path,
                        YearProblemKind::BadDate(w.date.clone()),
                    ));
                    continue;
                }
            };
            if d.weekday() <= 5 {
                problems.push(YearProblem::at(
                    path,
                    YearProblemKind::WorkdayNotWeekend {
                        date: d,
                        weekday: d.weekday(),
                    },
                ));
                continue;
            }
            if take(path, d, &mut problems) {
                workdays.insert(d, name);
            }
        }
        match year {
            Some(year) if problems.is_empty() => Ok(CalendarYear {
                year,
                source,
                holidays,
                workdays,
            }),
            _ => Err(problems),
        }
    }

    /// Whether this year may join `calendar`: [`YearFit::New`] when it does not
    /// cover the year, [`YearFit::Same`] when it covers it with exactly these days
    /// off and make-up working days, else `differs_from_shipped` naming the
    /// first date that differs.
    pub fn fit(&self, calendar: &WorkdayCalendar) -> Result<YearFit, YearProblem> {
        if !calendar.covers(self.year) {
            return Ok(YearFit::New);
        }
        let (h, w) = calendar.year_days(self.year);
        let theirs: BTreeMap<Date, &str> = h
            .iter()
            .map(|(d, _)| (*d, "holiday"))
            .chain(w.iter().map(|(d, _)| (*d, "workday")))
            .collect();
        let ours: BTreeMap<Date, &str> = self
            .holidays
            .keys()
            .map(|d| (*d, "holiday"))
            .chain(self.workdays.keys().map(|d| (*d, "workday")))
            .collect();
        if theirs == ours {
            return Ok(YearFit::Same);
        }
        let first = theirs
            .keys()
            .chain(ours.keys())
            .filter(|d| theirs.get(d) != ours.get(d))
            .min()
            .map(|d| {
                format!(
                    "{d}: {} / {}",
                    theirs.get(d).copied().unwrap_or("-"),
                    ours.get(d).copied().unwrap_or("-")
                )
            })
            .unwrap_or_default();
        Err(YearProblem::at(
            "year",
            YearProblemKind::DiffersFromShipped {
                year: self.year,
                first,
            },
        ))
    }

    /// `calendar` with this year in it (replacing any dates it had for the year).
    pub fn added_to(&self, calendar: &WorkdayCalendar) -> WorkdayCalendar {
        calendar.with_year(
            self.year,
            self.holidays.iter().map(|(d, n)| (*d, n.clone())),
            self.workdays.iter().map(|(d, n)| (*d, n.clone())),
        )
    }
}

/// The example calendar year file of `docs/formats.md` (2027, **not** the
/// official notice: its dates are an example until the State Council publishes
/// the 2027 schedule). Also a test vector.
pub const EXAMPLE_2027: &str = include_str!("../../../tests/vectors/calendar/example-2027.toml");

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn problems(text: &str) -> Vec<(String, &'static str)> {
        CalendarYear::parse(text)
            .unwrap_err()
            .iter()
            .map(|p| (p.path.clone(), p.code()))
            .collect()
    }

    const HEAD: &str = "format = \"reviewdesk-calendar-year/1\"\nyear = 2027\nsource = \"例\"\n";

    fn with(body: &str) -> String {
        format!("{HEAD}{body}")
    }

    #[test]
    fn the_example_reads_and_counts_working_days() {
        let y = CalendarYear::parse(EXAMPLE_2027).unwrap();
        assert_eq!(y.year, 2027);
        assert!(y.source.contains("示例"), "{}", y.source);
        let cal = y.added_to(&WorkdayCalendar::official());
        assert!(cal.covers(2027));
        // The example's Spring Festival: 02-05..02-13 off, Sunday 02-14 worked.
        assert!(!cal.is_working_day(d("2027-02-08")).unwrap());
        assert!(cal.is_working_day(d("2027-02-14")).unwrap());
        assert_eq!(
            cal.add_working_days(d("2027-02-04"), 1).unwrap(),
            d("2027-02-14")
        );
        assert_eq!(y.holidays.len(), 3 + 9 + 3 + 5 + 1 + 1 + 7);
        assert_eq!(y.workdays.len(), 6);
        assert_eq!(y.fit(&WorkdayCalendar::official()), Ok(YearFit::New));
        assert_eq!(y.fit(&cal), Ok(YearFit::Same));
    }

    #[test]
    fn ranges_and_single_dates_both_list_days_off() {
        let y = CalendarYear::parse(&with(
            "[[holiday]]\nname = \"  元旦 \"\ndates = [\"2027-01-01\", \"2027-01-02..2027-01-03\"]\n",
        ))
        .unwrap();
        assert_eq!(
            y.holidays.keys().map(|d| d.to_string()).collect::<Vec<_>>(),
            ["2027-01-01", "2027-01-02", "2027-01-03"]
        );
        assert_eq!(y.holidays[&d("2027-01-02")], "元旦");
        // A holiday on a weekend and on a weekday are both allowed.
        assert_eq!(d("2027-01-02").weekday(), 6);
        assert_eq!(d("2027-01-01").weekday(), 5);
    }

    #[test]
    fn each_refusal_names_its_field() {
        let ok_h = "[[holiday]]\nname = \"元旦\"\ndates = [\"2027-01-01\"]\n";
        assert_eq!(
            problems(&with(
                "[[holiday]]\nname = \"元旦\"\ndates = [\"2027-02-30\"]\n"
            )),
            [("holiday[0].dates[0]".into(), "bad_date")]
        );
        assert_eq!(
            problems(&with(
                "[[holiday]]\nname = \"元旦\"\ndates = [\"2028-01-01\"]\n"
            )),
            [("holiday[0].dates[0]".into(), "outside_year")]
        );
        assert_eq!(
            problems(&with(
                "[[holiday]]\nname = \"x\"\ndates = [\"2026-12-31..2027-01-01\"]\n"
            )),
            [("holiday[0].dates[0]".into(), "outside_year")]
        );
        assert_eq!(
            problems(&with(
                "[[holiday]]\nname = \"x\"\ndates = [\"2027-01-03..2027-01-01\"]\n"
            )),
            [("holiday[0].dates[0]".into(), "bad_range")]
        );
        assert_eq!(
            problems(&with(&format!(
                "{ok_h}[[holiday]]\nname = \"春节\"\ndates = [\"2027-01-01\"]\n"
            ))),
            [("holiday[1].dates[0]".into(), "duplicate_date")]
        );
        // A make-up working day on a weekday (2027-02-15 is a Monday).
        assert_eq!(
            problems(&with(&format!(
                "{ok_h}[[workday]]\nname = \"春节\"\ndate = \"2027-02-15\"\n"
            ))),
            [("workday[0].date".into(), "workday_not_weekend")]
        );
        // A weekend day both off and worked.
        assert_eq!(
            problems(&with(
                "[[holiday]]\nname = \"元旦\"\ndates = [\"2027-01-02\"]\n[[workday]]\nname = \"元旦\"\ndate = \"2027-01-02\"\n"
            )),
            [("workday[0].date".into(), "duplicate_date")]
        );
        assert_eq!(
            problems(&with(
                "[[holiday]]\nname = \" \"\ndates = [\"2027-01-01\"]\n"
            )),
            [("holiday[0].name".into(), "empty_name")]
        );
        assert_eq!(
            problems(&with(
                "[[holiday]]\nname = \"a\\nb\"\ndates = [\"2027-01-01\"]\n"
            )),
            [("holiday[0].name".into(), "bad_name")]
        );
        assert_eq!(
            problems(&with("[[holiday]]\nname = \"元旦\"\ndates = []\n")),
            [("holiday[0].dates".into(), "no_dates")]
        );
        assert_eq!(problems(HEAD), [("holiday".into(), "no_holidays")]);
        assert_eq!(
            problems(&format!(
                "format = \"reviewdesk-calendar-year/2\"\nyear = 1999\nsource = \" \"\n{ok_h}"
            )),
            [
                ("format".into(), "unknown_format"),
                ("year".into(), "bad_year"),
                ("source".into(), "empty_source"),
            ]
        );
        // Strict: an unknown key, a missing key, a wrong type.
        for bad in [
            with(&format!("{ok_h}note = \"x\"\n")),
            with("[[holiday]]\nname = \"元旦\"\ndates = [\"2027-01-01\"]\nfrom = \"2027-01-01\"\n"),
            "format = \"reviewdesk-calendar-year/1\"\nyear = 2027\n".to_owned(),
            with("[[holiday]]\nname = \"元旦\"\ndates = \"2027-01-01\"\n"),
            "year = 2027 = 1".to_owned(),
        ] {
            assert_eq!(problems(&bad).len(), 1, "{bad}");
            assert_eq!(problems(&bad)[0].1, "syntax", "{bad}");
        }
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let p = problems(&with(
            "[[holiday]]\nname = \"\"\ndates = [\"2027-13-01\", \"2026-05-01\"]\n[[workday]]\nname = \"x\"\ndate = \"2027-02-15\"\n",
        ));
        assert_eq!(
            p.iter().map(|(_, c)| *c).collect::<Vec<_>>(),
            [
                "empty_name",
                "bad_date",
                "outside_year",
                "workday_not_weekend"
            ]
        );
    }

    #[test]
    fn messages_say_where_and_what_in_both_languages() {
        let e = CalendarYear::parse(&with(
            "[[holiday]]\nname = \"春节\"\ndates = [\"2027-02-06\"]\n[[workday]]\nname = \"春节\"\ndate = \"2027-02-15\"\n",
        ))
        .unwrap_err();
        let zh = e[0].message(Lang::ZhCn);
        assert!(zh.starts_with("workday[0].date："), "{zh}");
        assert!(
            zh.contains("星期一") && zh.contains("星期六或星期日"),
            "{zh}"
        );
        let en = e[0].message(Lang::En);
        assert!(
            en.contains("Monday") && en.contains("Saturday or Sunday"),
            "{en}"
        );
    }

    #[test]
    fn a_shipped_year_is_accepted_only_with_its_own_dates() {
        let shipped = WorkdayCalendar::official();
        let (h, w) = shipped.year_days(2026);
        let mut text = "format = \"reviewdesk-calendar-year/1\"\nyear = 2026\nsource = \"国办发明电〔2025〕7号\"\n".to_owned();
        for (day, _) in &h {
            text.push_str(&format!(
                "[[holiday]]\nname = \"假\"\ndates = [\"{day}\"]\n"
            ));
        }
        for (day, _) in &w {
            text.push_str(&format!("[[workday]]\nname = \"班\"\ndate = \"{day}\"\n"));
        }
        let same = CalendarYear::parse(&text).unwrap();
        assert_eq!(same.fit(&shipped), Ok(YearFit::Same));
        let mut other = same.clone();
        other.holidays.pop_last();
        let e = other.fit(&shipped).unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.code()),
            ("year", "differs_from_shipped")
        );
        assert!(
            e.message(Lang::ZhCn).contains("2026 年已随评审台发布"),
            "{}",
            e.message(Lang::ZhCn)
        );
    }

    fn arb_year() -> impl Strategy<Value = (i32, Vec<u16>, Vec<u16>)> {
        (
            2027i32..2040,
            proptest::collection::vec(0u16..365, 1..30),
            proptest::collection::vec(0u16..365, 0..10),
        )
    }

    proptest! {
        /// Any valid year added to a calendar: its days off are not working days,
        /// its make-up days are, every other weekday is, and the package's text
        /// reads back as the same calendar.
        #[test]
        fn an_added_year_counts_as_its_file_says((year, offs, works) in arb_year()) {
            let jan1 = Date::new(year, 1, 1).unwrap().to_days();
            let offs: std::collections::BTreeSet<Date> =
                offs.iter().map(|o| Date::from_days(jan1 + i64::from(*o))).collect();
            let works: std::collections::BTreeSet<Date> = works
                .iter()
                .map(|o| Date::from_days(jan1 + i64::from(*o)))
                .filter(|d| d.weekday() >= 6 && !offs.contains(d))
                .collect();
            let mut text = format!("format = \"{CALENDAR_YEAR_FORMAT}\"\nyear = {year}\nsource = \"s\"\n");
            for o in &offs {
                text.push_str(&format!("[[holiday]]\nname = \"h\"\ndates = [\"{o}\"]\n"));
            }
            for w in &works {
                text.push_str(&format!("[[workday]]\nname = \"w\"\ndate = \"{w}\"\n"));
            }
            let y = CalendarYear::parse(&text).unwrap();
            let cal = y.added_to(&WorkdayCalendar::official());
            for k in 0..365 {
                let day = Date::from_days(jan1 + k);
                if day.year() != year { break; }
                let expected = if works.contains(&day) {
                    true
                } else if offs.contains(&day) {
                    false
                } else {
                    day.weekday() <= 5
                };
                prop_assert_eq!(cal.is_working_day(day).unwrap(), expected, "{}", day);
            }
            let entry = cal.to_entry_text();
            prop_assert_eq!(WorkdayCalendar::from_entry_text(entry.as_bytes()).unwrap(), cal);
        }

        /// A make-up working day on a weekday is always refused, at its path.
        #[test]
        fn a_weekday_make_up_day_is_refused(o in 0i64..365) {
            let day = Date::from_days(Date::new(2031, 1, 1).unwrap().to_days() + o);
            prop_assume!(day.year() == 2031 && day.weekday() <= 5);
            let text = format!(
                "format = \"{CALENDAR_YEAR_FORMAT}\"\nyear = 2031\nsource = \"s\"\n[[holiday]]\nname = \"h\"\ndates = [\"2031-01-01\"]\n[[workday]]\nname = \"w\"\ndate = \"{day}\"\n"
            );
            let e = CalendarYear::parse(&text).unwrap_err();
            prop_assert_eq!(e.len(), 1);
            prop_assert_eq!(e[0].code(), "workday_not_weekend");
            prop_assert_eq!(e[0].path.as_str(), "workday[0].date");
        }
    }
}
