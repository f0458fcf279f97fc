//! The re-check request body parser behind the signature: the input is signed here
//! as a re-check request by the chair C01's key (seed 03…03), who is on the roster
//! of the fixed binding, then verified; an accepted request's decimals are read as
//! the core reads them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reviewdesk_formats::{Namespace, Recheck};

fuzz_target!(|data: &[u8]| {
    let Ok(signed) = reviewdesk_fuzz::chair().sign_text(Namespace::Recheck, data) else {
        return;
    };
    if let Ok(r) = Recheck::verify(&signed, reviewdesk_fuzz::panel_binding()) {
        for f in &r.flags {
            let _ = f.value.parse::<rust_decimal::Decimal>();
        }
    }
});
