//! A unit's register ledger as the workspace reads it back:
//! `reviewdesk_core::register::read_ledger` over the input's lines (split at LF),
//! for the unit the first line names (else `REGISTER_UNIT`). A ledger it accepts
//! must be rebuilt line by line, identically and with the same head, by
//! `LedgerLine::next` (what the writer calls). Lines after a broken one are still
//! parsed and checked on their own by `next`, since a fuzzer cannot forge the
//! `prev` chain. Seeds: the documented ledger vector and the fixture's ledgers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reviewdesk_core::register::{in_force, ledger_line_hash, read_ledger, LedgerLine, NewEntry};
use reviewdesk_core::{CreditCode, Date};

fn entry(l: &LedgerLine) -> NewEntry {
    NewEntry {
        program: l.program.clone(),
        on: l.on,
        event: l.event.clone(),
        corrects: l.corrects,
        proposal: l.proposal.clone(),
        source: l.source.clone(),
        round: l.round.clone(),
        note: l.note.clone(),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines: Vec<&str> = text
        .strip_suffix('\n')
        .unwrap_or(text)
        .split('\n')
        .collect();
    let unit = serde_json::from_str::<LedgerLine>(lines[0])
        .map(|l| l.unit)
        .unwrap_or_else(|_| reviewdesk_fuzz::REGISTER_UNIT.to_owned());
    let code = CreditCode::parse(&unit).ok();
    match read_ledger(&unit, lines.iter().copied()) {
        Ok((read, head)) => {
            let code = code.expect("a ledger that reads has a valid credit code");
            let mut last: Option<(LedgerLine, String)> = None;
            for (raw, l) in lines.iter().zip(&read) {
                let built =
                    LedgerLine::next(&code, last.as_ref().map(|(l, h)| (l, h.as_str())), entry(l))
                        .expect("a line the reader accepts, the writer accepts");
                assert_eq!(&built, l, "the writer rebuilds the line read");
                let text = built.to_line();
                assert_eq!(text.strip_suffix('\n'), Some(*raw), "canonical text");
                let hash = ledger_line_hash(text.as_bytes());
                last = Some((built, hash));
            }
            assert_eq!(
                last.map(|(_, h)| h)
                    .unwrap_or_else(|| reviewdesk_core::register::ledger_genesis(&unit)),
                head,
                "the head is the last line's hash"
            );
            let on = read.iter().map(|l| l.on).max();
            if let Some(on) = on {
                let kept = in_force(&read, on);
                assert!(kept.len() <= read.len());
            }
            let _ = in_force(&read, Date::new(2000, 1, 1).expect("date"));
        }
        Err(e) => {
            assert!(
                e.line >= 1 && e.line <= lines.len(),
                "the broken line is one of the input's"
            );
            let _ = e.to_string();
            // Each line on its own, through the writer's checks.
            let Some(code) = code else { return };
            let mut last: Option<(LedgerLine, String)> = None;
            for raw in &lines {
                let Ok(l) = serde_json::from_str::<LedgerLine>(raw) else {
                    continue;
                };
                let prev = last.as_ref().map(|(l, h)| (l, h.as_str()));
                if let Ok(built) = LedgerLine::next(&code, prev, entry(&l)) {
                    let text = built.to_line();
                    let hash = ledger_line_hash(text.as_bytes());
                    last = Some((built, hash));
                }
            }
        }
    }
});
