//! The key card body parser behind the signature: the input is signed here as a key
//! card by the test expert's key (seed 02…02), so every input reaches the body
//! parser and `signer_mismatch`, which a forged signature never would.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reviewdesk_formats::{KeyCard, Namespace};

fuzz_target!(|data: &[u8]| {
    let Ok(signed) = reviewdesk_fuzz::expert().sign_text(Namespace::KeyCard, data) else {
        return;
    };
    if let Ok(card) = KeyCard::read(&signed) {
        let _ = card.allowed_signers_line();
    }
});
