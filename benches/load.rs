//! Load → validate → multigraph (+ timeline): the whole front of the flow, per data set.
//! Issue 2 target on ATOP 4.01 + COW 2016: under 15 ms. Issue 21: ATOP 5.1 (2,510 rows) within
//! 1.2× of ATOP 4.01 (2,398 rows) per row; `atop_dyads` times the same load with ATOP's directed
//! dyad-year file (`--atop-dyads`, 273,296 rows) against it without, under `--system atop`: at
//! most 50 ms more. The `growth` group (issue 12) times the
//! load, `state`, `state --by-year` and `export gexf` on `synth` data of n, 4n and 16n rows, so
//! that their ratios show linear growth (16× per 16× rows), and `state` and `gexf` against the load.
//! The `covariates` group (issue 22) reads btergm's covariates of 1981–2000 (3,280 state-years,
//! 507 contiguous pairs, 3,414 war dyad-years) against ATOP 4.01's state list, and writes
//! `export dyadyears` of 1981–2000 with and without them joined.

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

fn atop_dyads(c: &mut Criterion) {
    use pactnet::ExtraInputs;
    let (Some(inputs), Some(dyads)) = (common::atop51_inputs(), common::atop51_dyads()) else {
        eprintln!("ATOP 5.1 or its dyad-year file not found: no atop_dyads group");
        return;
    };
    let mut group = c.benchmark_group("atop_dyads");
    group.sample_size(20);
    for (name, extra) in [
        ("without", ExtraInputs::default()),
        ("with", ExtraInputs { atop_dyads: Some(dyads), ..ExtraInputs::default() }),
    ] {
        group.bench_with_input(BenchmarkId::new("atop5.1+multigraph+timeline", name), &extra, |b, extra| {
            b.iter(|| {
                let (data, mut diag) = Dataset::load_with(&inputs, extra, &LoadOptions::default()).expect("loads");
                let g = AllianceGraph::build(data, SystemFilter::Atop, &mut diag);
                let t = Timeline::new(&g);
                (g.edges().len(), t.years())
            })
        });
    }
    group.finish();
}

fn growth(c: &mut Criterion) {
    use pactnet::api::tables::{state_memberships, state_years};
    use pactnet::synth::{generate, SynthOptions};
    let mut group = c.benchmark_group("growth");
    group.sample_size(10);
    for k in [1u32, 4, 16] {
        // 200 states and 1,500 alliances per k: about 5.6k member rows per k.
        let synth = generate(&SynthOptions { states: 200, alliances: 1500 * k, years: 1816..=2016, seed: 12 })
            .expect("valid synth options");
        let rows = format!("{}rows", synth.member_rows);
        let inputs = pactnet::Inputs {
            members: pactnet::io::Source::Bytes { name: "members.csv", data: synth.members.into_bytes().into() },
            states: pactnet::io::Source::Bytes { name: "states.csv", data: synth.states.into_bytes().into() },
            alliances: None,
        };
        group.bench_with_input(BenchmarkId::new("load", &rows), &inputs, |b, inputs| b.iter(|| common::graph(inputs)));
        let (g, t) = common::graph(&inputs);
        let v = g.data.states.lookup("2").expect("state 2 is in every synth list");
        group.bench_function(BenchmarkId::new("state", &rows), |b| b.iter(|| state_memberships(&g, v)));
        group.bench_function(BenchmarkId::new("state_by_year", &rows), |b| b.iter(|| state_years(&g, &t, v)));
        group.bench_function(BenchmarkId::new("gexf", &rows), |b| {
            b.iter(|| pactnet::export::gexf::write_gexf(&g, &mut std::io::sink()).expect("a sink takes every byte"))
        });
    }
    group.finish();
}

fn covariates(c: &mut Criterion) {
    use pactnet::export::dyadyears::{DyadYearOptions, DyadYears};
    use pactnet::io::covariates::{read_covariates, CovariateInputs};
    use pactnet::io::table::{write_table, OutputFormat};
    use pactnet::io::Source;
    let dir = common::data_dir().join("covariates-1981-2000");
    let (Some(inputs), true) = (common::real_inputs(), dir.join("state_years.csv").is_file()) else {
        eprintln!("ATOP 4.01 or the covariates not found: no covariates group");
        return;
    };
    let file = |f: &str| Source::File(dir.join(f));
    let covariate_inputs = CovariateInputs {
        state: vec![file("state_years.csv")],
        dyad: vec![(None, file("contiguity.csv")), (Some("war".into()), file("war_dyad_years.csv"))],
        directed: false,
    };
    let (graph, timeline) = common::graph(&inputs);
    let mut group = c.benchmark_group("covariates");
    group.bench_function("read", |b| {
        b.iter(|| read_covariates(&covariate_inputs, &graph.data.states, pactnet::OnRowError::Fail).expect("reads"))
    });
    let (covariates, _) =
        read_covariates(&covariate_inputs, &graph.data.states, pactnet::OnRowError::Fail).expect("reads");
    for joined in [false, true] {
        let name = if joined { "with" } else { "without" };
        group.bench_function(BenchmarkId::new("dyadyears 1981..2000", name), |b| {
            b.iter(|| {
                let options = DyadYearOptions { years: Some(1981..=2000), ..Default::default() };
                let mut table = DyadYears::new(&graph, &timeline, options);
                if joined {
                    table = table.with_covariates(&covariates).expect("no clash");
                }
                let mut out = Vec::with_capacity(1 << 20);
                write_table(&table, OutputFormat::Csv, &mut out).expect("writes");
                out.len()
            })
        });
    }
    group.finish();
}

/// Issue 25: the cost of the spreadsheet guard on CSV cells (`--raw-csv` writes them as they
/// are): `export dyadyears` of the full data (every year, all numbers), and the node metrics of
/// every year (abbreviations and names, the text the guard reads). Guarded and raw share a
/// group, so they read as a ratio.
fn csv_guard(c: &mut Criterion) {
    use pactnet::analysis::{run, Level, MetricRequest};
    use pactnet::export::dyadyears::{DyadYearOptions, DyadYears};
    use pactnet::io::table::{write_table_with, CsvCells, OutputFormat, Table};
    let Some(inputs) = common::real_inputs() else {
        eprintln!("ATOP 4.01 not found: no csv_guard group");
        return;
    };
    let (graph, timeline) = common::graph(&inputs);
    let dyads = DyadYears::new(&graph, &timeline, DyadYearOptions::default());
    let request = MetricRequest { level: Level::Node, ..Default::default() };
    let metrics = run(&graph, &timeline, &request).expect("every year");
    let nodes = metrics.node_table();
    let mut group = c.benchmark_group("csv_guard");
    group.sample_size(10);
    let tables: [(&str, &dyn Table); 2] = [("export dyadyears", &dyads), ("node metrics", &nodes)];
    for (name, table) in tables {
        for (cells, label) in [(CsvCells::Guarded, "guarded"), (CsvCells::Raw, "raw")] {
            group.bench_function(BenchmarkId::new(name, label), |b| {
                b.iter(|| {
                    let mut out = Vec::with_capacity(1 << 24);
                    write_table_with(table, OutputFormat::Csv, cells, &mut out).expect("writes");
                    out.len()
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, load, atop_dyads, growth, covariates, csv_guard);
criterion_main!(benches);
