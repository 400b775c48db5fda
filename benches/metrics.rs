//! The metrics stage (issue 3): every graph- and node-level metric of every year × layer
//! (201 × 6 = 1,206 snapshots on ATOP 4.01), sequential vs parallel, on the embedded sample and
//! the real data (skipped with a message when absent). Loading and the multigraph are outside
//! the timed loop; snapshot building, the metrics and writing both CSV tables to memory are in.

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use pactnet::analysis::{self, Execution, Level, MetricRequest};
use pactnet::io::table::{write_table, OutputFormat};
use pactnet::Layer;

fn all_metrics(c: &mut Criterion) {
    let mut group = c.benchmark_group("metrics_all_years_all_layers");
    group.sample_size(20);
    for (name, inputs) in common::datasets() {
        let (g, t) = common::graph(&inputs);
        for (mode, execution) in [("sequential", Execution::Sequential), ("parallel", Execution::Parallel)] {
            let request =
                MetricRequest { layers: Layer::ALL.to_vec(), level: Level::Both, execution, ..Default::default() };
            group.bench_function(BenchmarkId::new(format!("{name}/{mode}"), "compute"), |b| {
                b.iter(|| analysis::run(&g, &t, &request).expect("years of the data").distinct_snapshots())
            });
            group.bench_function(BenchmarkId::new(format!("{name}/{mode}"), "compute+csv"), |b| {
                let mut out = Vec::with_capacity(16 << 20);
                b.iter(|| {
                    let tables = analysis::run(&g, &t, &request).expect("years of the data");
                    out.clear();
                    write_table(&tables.graph_table(), OutputFormat::Csv, &mut out).expect("in memory");
                    write_table(&tables.node_table(), OutputFormat::Csv, &mut out).expect("in memory");
                    out.len()
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, all_metrics);
criterion_main!(benches);
