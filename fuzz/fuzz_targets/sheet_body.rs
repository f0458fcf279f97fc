//! The sheet body parser behind the signature: the input is signed here as a sheet
//! by expert E01's key (seed 02…02), who is on the roster of the fixed binding, then
//! verified; an accepted sheet's `scores` payload is read as an `ExpertPart`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reviewdesk_core::rules::ExpertPart;
use reviewdesk_formats::{Namespace, Sheet};

fuzz_target!(|data: &[u8]| {
    let Ok(signed) = reviewdesk_fuzz::expert().sign_text(Namespace::Sheet, data) else {
        return;
    };
    if let Ok(sheet) = Sheet::verify(&signed, reviewdesk_fuzz::binding()) {
        let _ = serde_json::from_str::<ExpertPart>(&sheet.scores);
    }
});
