//! Aggregation methods (汇总方法) on exact decimals: mean, trimmed mean, median,
//! the population standard deviation (square root by Newton's method) and
//! half-up rounding. Rules 4 and 5 of `docs/rules.md`.

use crate::template::Method;
use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds half-up (四舍五入) to `decimals` places. Values here are never negative,
/// where half-up and half-away-from-zero agree.
/// The result carries exactly `decimals` places (85 → 85.00), so that printed
/// values have a fixed form.
pub fn round_half_up(x: Decimal, decimals: u32) -> Decimal {
    let mut r = x.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(decimals);
    r
}

/// The arithmetic mean; `None` for no values.
pub fn mean(values: &[Decimal]) -> Option<Decimal> {
    if values.is_empty() {
        return None;
    }
    let sum: Decimal = values.iter().sum();
    Some(sum / Decimal::from(values.len()))
}

/// The trimmed mean: with at least `min_n` values, drop exactly one highest and
/// one lowest (one instance each, even when tied) and take the mean of the rest;
/// otherwise the mean.
pub fn trimmed_mean(values: &[Decimal], min_n: u32) -> Option<Decimal> {
    if values.len() < min_n as usize || values.len() < 3 {
        return mean(values);
    }
    let mut v = values.to_vec();
    v.sort();
    mean(&v[1..v.len() - 1])
}

/// The median: the middle value, or the mean of the two middle values.
pub fn median(values: &[Decimal]) -> Option<Decimal> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort();
    let n = v.len();
    if n % 2 == 1 {
        Some(v[n / 2])
    } else {
        Some((v[n / 2 - 1] + v[n / 2]) / Decimal::TWO)
    }
}

/// Applies a plain (per-applicant) method; z-scores need the whole stage and
/// fall back to the mean here (used for indicator tie-break keys).
pub fn plain(method: Method, values: &[Decimal], min_n: u32) -> Option<Decimal> {
    match method {
        Method::Mean | Method::Zscore => mean(values),
        Method::TrimmedMean => trimmed_mean(values, min_n),
        Method::Median => median(values),
    }
}

/// Population mean and standard deviation (总体标准差) of the values.
pub fn mean_and_sd(values: &[Decimal]) -> Option<(Decimal, Decimal)> {
    let mu = mean(values)?;
    let var: Decimal =
        values.iter().map(|x| (x - mu) * (x - mu)).sum::<Decimal>() / Decimal::from(values.len());
    Some((mu, sqrt(var)))
}

/// The square root of a non-negative decimal by Newton's method, to the full
/// precision of [`Decimal`] (28 significant digits for roots of at least 0.1).
///
/// Starting from a guess above the root, x ← (x + v/x)/2 decreases
/// monotonically; iteration stops when it no longer decreases.
pub fn sqrt(v: Decimal) -> Decimal {
    if v <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    // A start above the root: max(v, 1).
    let mut x = if v > Decimal::ONE { v } else { Decimal::ONE };
    for _ in 0..400 {
        let next = (x + v / x) / Decimal::TWO;
        if next >= x {
            break;
        }
        x = next;
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn ds(v: &[&str]) -> Vec<Decimal> {
        v.iter().map(|s| d(s)).collect()
    }

    #[test]
    fn rounding_is_half_up() {
        assert_eq!(round_half_up(d("2.345"), 2), d("2.35"));
        assert_eq!(round_half_up(d("2.355"), 2), d("2.36"));
        assert_eq!(round_half_up(d("2.3449"), 2), d("2.34"));
        assert_eq!(round_half_up(d("0.5"), 0), d("1"));
    }

    #[test]
    fn trimmed_mean_drops_one_instance_each() {
        assert_eq!(
            trimmed_mean(&ds(&["9", "9", "9", "7", "7"]), 5),
            Some(d("25") / d("3"))
        );
        assert_eq!(trimmed_mean(&ds(&["9", "8", "7", "6"]), 5), Some(d("7.5")));
    }

    #[test]
    fn median_of_even_count_is_mean_of_middle_two() {
        assert_eq!(median(&ds(&["1", "4", "2", "10"])), Some(d("3")));
        assert_eq!(median(&ds(&["5", "1", "3"])), Some(d("3")));
    }

    #[test]
    fn sqrt_has_28_significant_digits() {
        assert_eq!(sqrt(d("2")).to_string(), "1.4142135623730950488016887242");
        assert_eq!(sqrt(d("0.04")), d("0.2"));
        assert_eq!(sqrt(d("144")), d("12"));
        assert_eq!(sqrt(d("0.5")).to_string(), "0.7071067811865475244008443621");
    }
}
