//! Issue 15's measures on the embedded sample and the real data: separation (all years, one
//! layer), alliance durations, and the metrics with and without 5-year windows (all layers, graph
//! level). Loading and the multigraph are outside the timed loop.

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use pactnet::analysis::{self, MetricRequest};
use pactnet::measures::separation::{separation, Pairs, SeparationRequest};
use pactnet::measures::survival::{durations, GroupBy};
use pactnet::{Layer, Obligation};

fn research(c: &mut Criterion) {
    let mut group = c.benchmark_group("research");
    group.sample_size(10);
    for (name, inputs) in common::datasets() {
        let (g, t) = common::graph(&inputs);
        for layer in [Layer::Any, Layer::Only(Obligation::Defense)] {
            let request = SeparationRequest { layer, pairs: Pairs::None, ..Default::default() };
            group.bench_function(BenchmarkId::new(format!("{name}/separation_summary"), layer), |b| {
                b.iter(|| separation(&g, &t, &request).expect("years of the data").years.len())
            });
        }
        group.bench_function(BenchmarkId::new(format!("{name}/durations"), "by_type"), |b| {
            b.iter(|| durations(&g.data, GroupBy::Type).groups.len())
        });
        let request = MetricRequest { layers: Layer::ALL.to_vec(), ..Default::default() };
        for window in [1, 5] {
            let w = t.windowed(window);
            group.bench_function(
                BenchmarkId::new(format!("{name}/metrics_all_layers"), format!("window{window}")),
                |b| b.iter(|| analysis::run(&g, &w, &request).expect("years of the data").snapshots()),
            );
        }
    }
    group.finish();
}

criterion_group!(benches, research);
criterion_main!(benches);
