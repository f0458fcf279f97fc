//! The publication archive reader (`OpenedArchive`): the layout, the organizer's
//! signature, the per-entry limits, every entry hashed as it streams past and the
//! whole file's SHA-256; then every entry of an opened archive must read back
//! whole and match its hash. Seeds: the demo round's archive.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reviewdesk_formats::OpenedArchive;
use sha2::{Digest, Sha256};

fuzz_target!(|data: &[u8]| {
    let Ok(mut archive) = OpenedArchive::open(data) else {
        return;
    };
    assert_eq!(
        archive.file_sha256,
        <[u8; 32]>::from(Sha256::digest(data)),
        "the file's SHA-256 is of every byte"
    );
    let names: Vec<String> = archive.names().map(str::to_string).collect();
    for name in names {
        let bytes = archive
            .read(&name)
            .expect("an opened archive's entries read back")
            .expect("a listed entry is there");
        assert_eq!(
            Some(&<[u8; 32]>::from(Sha256::digest(&bytes))),
            archive.entry_sha256(&name)
        );
    }
});
