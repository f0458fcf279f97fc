//! A calendar year file (`reviewdesk-calendar-year/1`), as `read_calendar_year`
//! reads it after the size limit and UTF-8: `CalendarYear::parse` (strict TOML,
//! every date checked), then `fit` against the shipped calendar and `added_to`
//! it. A year added to a calendar must then fit it as `Same`, and the calendar's
//! entry text (as a package carries it) must read back to the same calendar. Every problem must
//! render in Chinese and English. Seed: `tests/vectors/calendar/example-2027.toml`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reviewdesk_core::{CalendarYear, Lang, WorkdayCalendar, YearFit, YearProblem};

fn render(p: &YearProblem) {
    let _ = p.code();
    let _ = p.message(Lang::ZhCn);
    let _ = p.message(Lang::En);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match CalendarYear::parse(text) {
        Ok(y) => {
            let official = WorkdayCalendar::official();
            if let Err(p) = y.fit(&official) {
                render(&p);
            }
            let added = y.added_to(&official);
            assert!(added.covers(y.year));
            assert_eq!(
                y.fit(&added),
                Ok(YearFit::Same),
                "a year added fits as it is"
            );
            // A package carries the calendar as its entry text: it must read back.
            match WorkdayCalendar::from_entry_text(added.to_entry_text().as_bytes()) {
                Ok(back) => assert_eq!(back, added, "the calendar entry reads back"),
                Err(e) => panic!("the calendar entry of an accepted year does not read: {e:?}"),
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "a refusal names a problem");
            problems.iter().for_each(render);
        }
    }
});
