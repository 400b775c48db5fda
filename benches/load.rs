//! Load → validate → multigraph (+ timeline): the whole front of the flow, per data set.
//! Issue 2 target on ATOP 4.01 + COW 2016: under 15 ms.

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use pactnet::{AllianceGraph, Dataset, LoadOptions, SystemFilter, Timeline};

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    for (name, inputs) in common::datasets() {
        group.bench_with_input(BenchmarkId::new("validate", name), &inputs, |b, inputs| {
            b.iter(|| Dataset::load(inputs, &LoadOptions::default()).expect("loads"))
        });
        group.bench_with_input(BenchmarkId::new("validate+multigraph+timeline", name), &inputs, |b, inputs| {
            b.iter(|| {
                let (data, mut diag) = Dataset::load(inputs, &LoadOptions::default()).expect("loads");
                let g = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
                let t = Timeline::new(&g);
                (g.edges().len(), t.years())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
