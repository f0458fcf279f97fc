//! `OpenedPackage::open` over a `Cursor` of arbitrary bytes, trusting only the test
//! organizer (seed 01…01); then `open_index` as expert E01 and every entry checked
//! and decrypted (seeds: `tests/vectors/formats/*.rdpkg`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    reviewdesk_fuzz::read_package(data);
});
