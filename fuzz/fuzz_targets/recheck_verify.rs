//! `Recheck::verify` on an arbitrary signed plaintext, against the fixed binding of
//! `tests/vectors/formats/package-panel.rdpkg` (seeds: the decrypted
//! `tests/vectors/formats/*.rdrecheck`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use reviewdesk_formats::Recheck;

fuzz_target!(|data: &[u8]| {
    if let Ok(r) = Recheck::verify(data, reviewdesk_fuzz::panel_binding()) {
        assert!(!r.flags.is_empty(), "a verified request flags a cell");
    }
});
