//! `Template::validate` and `compute` on templates whose numbers are fuzzed: a
//! template chosen among the built-in and rules-vector ones, then any of its
//! decimals (stage max, weight and gate, indicator max, step and low threshold,
//! divergence pct, grade minimum, sample pct) and integers (decimals, quorum,
//! min_n) overwritten with values decoded from the input — every 96-bit mantissa
//! and scale, which a text mutator rarely writes into TOML. The template is
//! validated; one that passes is computed with a small plausible input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reviewdesk_core::rules::compute;
use reviewdesk_core::Sample;
use rust_decimal::Decimal;

struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(*b)
    }
    fn u32(&mut self) -> Option<u32> {
        let (b, rest) = self.0.split_first_chunk::<4>()?;
        self.0 = rest;
        Some(u32::from_le_bytes(*b))
    }
    /// 13 bytes: lo, mid, hi, then the sign (bit 0) and the scale (0-28).
    fn decimal(&mut self) -> Option<Decimal> {
        let (lo, mid, hi, flags) = (self.u32()?, self.u32()?, self.u32()?, self.byte()?);
        Some(Decimal::from_parts(
            lo,
            mid,
            hi,
            flags & 1 == 1,
            u32::from(flags >> 1) % 29,
        ))
    }
}

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes(data);
    let Some(pick) = b.byte() else {
        return;
    };
    let all = reviewdesk_fuzz::templates();
    let mut t = all[usize::from(pick) % all.len()].clone();
    while let (Some(field), Some(at)) = (b.byte(), b.byte()) {
        let at = usize::from(at);
        let (ns, ni, ng) = (t.stages.len(), t.indicators.len(), t.grades.len());
        match field % 12 {
            0 if ns > 0 => t.stages[at % ns].max = b.decimal().unwrap_or_default(),
            1 if ns > 0 => t.stages[at % ns].weight = b.decimal().unwrap_or_default(),
            2 if ns > 0 => t.stages[at % ns].gate = b.decimal(),
            3 if ni > 0 => t.indicators[at % ni].max = b.decimal().unwrap_or_default(),
            4 if ni > 0 => t.indicators[at % ni].step = b.decimal().unwrap_or_default(),
            5 if ni > 0 => t.indicators[at % ni].low_threshold = b.decimal(),
            6 => t.divergence.pct = b.decimal().unwrap_or_default(),
            7 if ng > 0 => t.grades[at % ng].min = b.decimal().unwrap_or_default(),
            8 if ns > 0 => {
                t.stages[at % ns].sample = Some(Sample {
                    count: None,
                    pct: b.decimal(),
                })
            }
            9 => t.decimals = b.u32().unwrap_or_default(),
            10 => t.quorum = b.u32().unwrap_or_default(),
            11 => t.aggregation.min_n = b.u32().unwrap_or_default(),
            _ => {}
        }
    }
    let input = reviewdesk_fuzz::synthetic_input(&t);
    let _ = compute(&t, &input);
});
