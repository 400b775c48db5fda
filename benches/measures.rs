//! The research measures over every year: blocs (Louvain with restarts), portfolio similarity of
//! every dyad-year, maximal cliques, closure and turnover; on the sample and the real data.

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use pactnet::measures::blocs::{yearly_blocs, BlocRequest};
use pactnet::measures::cliques::{yearly_cliques, MAX_CLIQUES};
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

criterion_group!(benches, measures);
criterion_main!(benches);
