//! The rules engine on fuzzed JSON: `{"template": ID, "input": ComputeInput,
//! "parts": [ExpertPart…]}`, read with `serde_json` as a sheet payload and a merge
//! input are; every part is added to the input (`ExpertPart::add_to`) and `compute`
//! runs with the named template (built-in, or a rules-vector base template). It
//! must never panic (seeds: `tests/vectors/rules/*.toml` converted to JSON).
#![no_main]

use libfuzzer_sys::fuzz_target;
use reviewdesk_core::rules::{compute, ComputeInput, ExpertPart};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    template: String,
    input: ComputeInput,
    #[serde(default)]
    parts: Vec<ExpertPart>,
}

fuzz_target!(|data: &[u8]| {
    let Ok(case) = serde_json::from_slice::<Case>(data) else {
        return;
    };
    let mut input = case.input;
    for part in &case.parts {
        let _ = part.recused().count();
        part.add_to(&mut input);
    }
    let _ = compute(reviewdesk_fuzz::template(&case.template), &input);
});
