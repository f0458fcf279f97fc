//! The result bundle reader on an arbitrary decrypted container: the chair-signed
//! manifest, the entry layout and limits, the package manifest and index entries,
//! and every sheet against the roster (`OpenedBundle::open_container`, trusting any
//! organizer key so the fuzzer can reach past the first signature check). Seeds: the
//! package vectors (the same container layout) and the bundle vectors.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reviewdesk_formats::{OpenedBundle, Trusted};

fuzz_target!(|data: &[u8]| {
    let _ = OpenedBundle::open_container(data.to_vec(), Trusted::AnyKey);
});
