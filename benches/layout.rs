//! Layouts (issue 11): the stable positions of every year, one year's stress layout, on the
//! sample and the real data, and one year of synthetic data with 2,000 states (sparse stress).
//! Targets: all 201 yearly pictures of the real data ≤ 10 s, one picture ≤ 300 ms, a 2,000-state
//! picture ≤ 5 s and a 10,000-state one ≤ 30 s (those two measured by hand, see the README).

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use pactnet::io::Source;
use pactnet::plot::layout::{positions, LayoutKind, LayoutOptions};
use pactnet::synth::{generate, SynthOptions};
use pactnet::{Inputs, Layer};

fn layouts(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    let stable = LayoutOptions::default();
    let stress = LayoutOptions { kind: LayoutKind::Stress, ..LayoutOptions::default() };
    let synth = generate(&SynthOptions { states: 2000, alliances: 7450, years: 1816..=2016, seed: 0 })
        .expect("valid synth options");
    let synth_inputs = Inputs {
        members: Source::Bytes { name: "synth/members.csv", data: synth.members.into_bytes().into() },
        states: Source::Bytes { name: "synth/states.csv", data: synth.states.into_bytes().into() },
        alliances: None,
    };
    let mut sets = common::datasets();
    sets.push(("synth2000", synth_inputs));
    for (name, inputs) in sets {
        let (g, t) = common::graph(&inputs);
        let year = 2000.clamp(*t.years().start(), *t.years().end());
        group.bench_function(BenchmarkId::new("stable_one_year", name), |b| {
            b.iter(|| positions(&g, &t, Layer::Any, year..=year, &stable).expect("year of the data").len())
        });
        group.bench_function(BenchmarkId::new("stress_one_year", name), |b| {
            b.iter(|| positions(&g, &t, Layer::Any, year..=year, &stress).expect("year of the data").len())
        });
        if name != "synth2000" {
            group.bench_function(BenchmarkId::new("stable_all_years", name), |b| {
                b.iter(|| positions(&g, &t, Layer::Any, t.years(), &stable).expect("years of the data").len())
            });
        }
    }
    group.finish();
}

criterion_group!(benches, layouts);
criterion_main!(benches);
