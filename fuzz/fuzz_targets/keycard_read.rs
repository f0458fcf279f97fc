//! `KeyCard::read` on arbitrary bytes: a key card file as it arrives from another
//! person (seeds: `tests/vectors/formats/*.card`, `assets/demo/cards/`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use reviewdesk_formats::KeyCard;

fuzz_target!(|data: &[u8]| {
    if let Ok(card) = KeyCard::read(data) {
        let _ = card.fingerprint();
        let _ = card.allowed_signers_line();
    }
});
