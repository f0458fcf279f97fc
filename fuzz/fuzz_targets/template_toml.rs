//! Template TOML: `reviewdesk_io::templates::parse_template` (parse + `validate`);
//! a template that passes is then computed with a small plausible input, since
//! `compute` trusts what `validate` accepted (seeds: `assets/templates/`,
//! `tests/vectors/rules/templates/`).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use reviewdesk_core::rules::compute;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(t) = reviewdesk_io::templates::parse_template(Path::new("template.toml"), text) {
        let input = reviewdesk_fuzz::synthetic_input(&t);
        let _ = compute(&t, &input);
    }
});
