//! The package manifest parser and the container checks behind the signature: the
//! input is a `u16` length, a manifest body that is signed here by the test
//! organizer, and the entries' bytes; the package is then read like `package_open`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reviewdesk_fuzz::{assemble_package, read_package, split_manifest_input};

fuzz_target!(|data: &[u8]| {
    let Some((body, entries)) = split_manifest_input(data) else {
        return;
    };
    if let Some(pkg) = assemble_package(body, entries) {
        read_package(&pkg);
    }
});
