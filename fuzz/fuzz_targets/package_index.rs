//! The package index parser behind its signature and encryption: the input is an
//! index body, signed here by the test organizer, encrypted to ORG and E01 and put
//! into a package (with a `round` entry) whose manifest the organizer signs; the
//! package is then read like `package_open`. age encryption is randomized, so the
//! ciphertext differs between runs of the same input; what is parsed does not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(pkg) = reviewdesk_fuzz::index_package(data) {
        reviewdesk_fuzz::read_package(&pkg);
    }
});
