//! Every yearly snapshot of every layer (201 × 6 = 1,206 on ATOP 4.01), built with one reused
//! builder. Issue 2 target: under 30 ms on top of loading.

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use pactnet::{Layer, Period, Snapshot, SnapshotBuilder};

fn all_snapshots(c: &mut Criterion) {
    let mut group = c.benchmark_group("snapshots");
    for (name, inputs) in common::datasets() {
        let (g, t) = common::graph(&inputs);
        group.bench_function(BenchmarkId::new("all_years_all_layers", name), |b| {
            let mut builder = SnapshotBuilder::new(&g, &t);
            let mut snap = Snapshot::default();
            b.iter(|| {
                let mut edges = 0;
                for y in t.years() {
                    for layer in Layer::ALL {
                        builder.build_into(Period::Year(y), layer, &mut snap).expect("year of the data");
                        edges += snap.edges.len();
                    }
                }
                edges
            })
        });
    }
    group.finish();
}

criterion_group!(benches, all_snapshots);
criterion_main!(benches);
