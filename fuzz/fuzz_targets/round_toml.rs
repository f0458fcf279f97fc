//! `round.toml` as `reviewdesk-io::load_round` reads it: the text parsed into
//! `reviewdesk_core::Round` (serde, `toml`), its template resolved among the
//! built-in ones, then `Round::validate` (seed: `assets/demo/round.toml`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use reviewdesk_core::Round;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(round) = toml::from_str::<Round>(text) else {
        return;
    };
    let template = reviewdesk_fuzz::templates()
        .iter()
        .find(|t| t.id == round.program.template)
        .unwrap_or(&reviewdesk_fuzz::templates()[0]);
    let _ = round.validate(template);
});
