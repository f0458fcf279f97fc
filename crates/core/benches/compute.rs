//! Benchmark of the rules engine: applicants × experts × 3 stages × 10
//! indicators, every expert scoring everything, trimmed mean. The issue's
//! target is 500 × 100 × 3 × 10 (1.5 million scores) in under a second.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use reviewdesk_core::rules::compute;
use std::time::Duration;

#[path = "../tests/common/mod.rs"]
mod common;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("compute");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_secs(1));
    for (apps, experts) in [(50, 10), (200, 50), (500, 100)] {
        let t = common::synthetic_template(3, 10, "trimmed_mean");
        let input = common::synthetic_input(apps, experts, 3, 10, 42);
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{apps}x{experts}x3x10")),
            &input,
            |b, input| b.iter(|| compute(&t, input).expect("computes")),
        );
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
