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

/// Each metric family alone over every year × layer (parallel): the graph-level table without
/// paths, the path metrics, the spectral ones, clustering, cores.
fn metric_families(c: &mut Criterion) {
    use pactnet::analysis::{GraphMetric, NodeMetric};
    let mut group = c.benchmark_group("metric_families");
    group.sample_size(20);
    let families: [(&str, Level, Vec<GraphMetric>, Vec<NodeMetric>); 5] = [
        (
            "graph_without_paths",
            Level::Graph,
            GraphMetric::ALL
                .iter()
                .copied()
                .filter(|m| !matches!(m, GraphMetric::Diameter | GraphMetric::AvgPathLength))
                .collect(),
            vec![],
        ),
        ("paths", Level::Node, vec![], vec![NodeMetric::Betweenness, NodeMetric::Closeness, NodeMetric::Harmonic]),
        ("spectral", Level::Node, vec![], vec![NodeMetric::Pagerank, NodeMetric::Eigenvector]),
        ("clustering", Level::Node, vec![], vec![NodeMetric::Clustering]),
        ("cores", Level::Node, vec![], vec![NodeMetric::Core]),
    ];
    for (name, inputs) in common::datasets() {
        let (g, t) = common::graph(&inputs);
        for (family, level, graph_metrics, node_metrics) in &families {
            let request = MetricRequest {
                layers: Layer::ALL.to_vec(),
                level: *level,
                graph_metrics: graph_metrics.clone(),
                node_metrics: node_metrics.clone(),
                ..Default::default()
            };
            group.bench_function(BenchmarkId::new(*family, name), |b| {
                b.iter(|| analysis::run(&g, &t, &request).expect("years of the data").distinct_snapshots())
            });
        }
    }
    group.finish();
}

criterion_group!(benches, all_metrics, metric_families);
criterion_main!(benches);
