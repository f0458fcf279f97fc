//! `Sheet::verify` on an arbitrary signed plaintext, against the fixed binding of
//! `tests/vectors/formats/package-valid.rdpkg`; an accepted sheet then goes through
//! a `SheetLedger` (seeds: the decrypted `tests/vectors/formats/*.rdsheet`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use reviewdesk_formats::{Sheet, SheetLedger};

fuzz_target!(|data: &[u8]| {
    if let Ok(sheet) = Sheet::verify(data, reviewdesk_fuzz::binding()) {
        let mut ledger = SheetLedger::default();
        ledger
            .accept(sheet.clone())
            .expect("a first sheet is accepted");
        ledger
            .accept(sheet)
            .expect("the same sheet again is accepted");
    }
});
