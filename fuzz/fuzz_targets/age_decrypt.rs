//! `check_age_header` and `decrypt` (64 KiB plaintext limit) on arbitrary bytes, with
//! the test identities of E01 and ORG (seeds: `tests/vectors/formats/*.rdsheet`, the
//! entries of the package vectors, small files encrypted to them).
#![no_main]

use libfuzzer_sys::fuzz_target;
use reviewdesk_formats::{check_age_header, decrypt};
use reviewdesk_fuzz::{expert_identity, org_identity};

const LIMIT: u64 = 65_536;

fuzz_target!(|data: &[u8]| {
    let header = check_age_header("fuzz", data);
    let ids = [expert_identity().clone(), org_identity().clone()];
    if let Ok(plain) = decrypt("fuzz", data, &ids, LIMIT) {
        assert!(header.is_ok(), "decrypted a file whose header is refused");
        assert!(plain.len() as u64 <= LIMIT);
    }
});
