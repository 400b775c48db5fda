//! The research measures over every year: blocs (Louvain with restarts), portfolio similarity of
//! every dyad-year, maximal cliques, closure and turnover; on the sample and the real data.

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use pactnet::measures::blocs::{yearly_blocs, BlocRequest};
use pactnet::measures::cliques::{clique_stream, yearly_cliques, CliqueRows, MAX_CLIQUES};
use pactnet::measures::dynamics::{changes, ChangeRequest};
use pactnet::measures::similarity::{similarity, Measure, SimilarityRequest};
use pactnet::Layer;

fn measures(c: &mut Criterion) {
    let mut group = c.benchmark_group("measures");
    group.sample_size(10);
    for (name, inputs) in common::datasets() {
        let (g, t) = common::graph(&inputs);
        group.bench_function(BenchmarkId::new("blocs_all_years", name), |b| {
            b.iter(|| yearly_blocs(&g, &t, &BlocRequest::default()).expect("years of the data").years.len())
        });
        for measure in [Measure::S, Measure::TauB] {
            let request = SimilarityRequest { measure, ..SimilarityRequest::default() };
            group.bench_function(BenchmarkId::new(format!("similarity_{measure}_all_dyad_years"), name), |b| {
                b.iter(|| similarity(&g, &t, &request).expect("years of the data").len())
            });
        }
        group.bench_function(BenchmarkId::new("cliques_all_years", name), |b| {
            b.iter(|| yearly_cliques(&g, &t, None, Layer::Any, 3, MAX_CLIQUES).expect("years of the data").years.len())
        });
        group.bench_function(BenchmarkId::new("closure_all_years", name), |b| {
            b.iter(|| changes(&g, &t, &ChangeRequest::default()).expect("years of the data").rows.len())
        });
    }
    group.finish();
}

/// Issue 25: `cliques`' CSV of every year, held whole then written against streamed (a batch of
/// years searched, written and freed at a time, as the command does): the same bytes.
fn cliques_csv(c: &mut Criterion) {
    use pactnet::io::table::{write_table, OutputFormat};
    let mut group = c.benchmark_group("cliques_csv");
    group.sample_size(10);
    for (name, inputs) in common::datasets() {
        let (g, t) = common::graph(&inputs);
        group.bench_function(BenchmarkId::new("whole", name), |b| {
            b.iter(|| {
                let table = yearly_cliques(&g, &t, None, Layer::Any, 3, MAX_CLIQUES).expect("years of the data");
                let mut out = Vec::new();
                write_table(&table, OutputFormat::Csv, &mut out).expect("in memory");
                out.len()
            })
        });
        group.bench_function(BenchmarkId::new("streamed", name), |b| {
            b.iter(|| {
                let table = clique_stream(&g, &t, None, Layer::Any, 3, MAX_CLIQUES, CliqueRows::Cliques)
                    .expect("years of the data");
                let mut out = Vec::new();
                write_table(&table, OutputFormat::Csv, &mut out).expect("in memory");
                out.len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, measures, cliques_csv);
criterion_main!(benches);
