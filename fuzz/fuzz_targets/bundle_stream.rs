//! The bundle's stream reader against its whole reader (issue 17, item 4): a
//! container read from a stream, holding only what is trusted so far
//! (`OpenedBundle::open_container_from`), must be accepted exactly when
//! `OpenedBundle::open_container` accepts the same bytes, and read to the same
//! container. Any organizer key is trusted so the fuzzer can reach past the first
//! signature check. Seeds: those of `bundle_open`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reviewdesk_formats::{OpenedBundle, Trusted};

fuzz_target!(|data: &[u8]| {
    let whole = OpenedBundle::open_container(data.to_vec(), Trusted::AnyKey);
    let streamed = OpenedBundle::open_container_from(data, Trusted::AnyKey);
    match (whole, streamed) {
        (Ok(a), Ok(b)) => assert_eq!(a.container(), b.container()),
        (Err(_), Err(_)) => {}
        (a, b) => panic!(
            "the readers disagree: whole {:?}, streamed {:?}",
            a.err().map(|e| e.code()),
            b.err().map(|e| e.code())
        ),
    }
});
