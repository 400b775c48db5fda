//! Measures the scale curve and draws it with pactnet's own plotting:
//! `cargo run --release --example scale_curve -- docs/images/scale.png`.
//!
//! For synthetic data at 1×, 10× and 100× ATOP's size (states × alliances, each scaled by √10
//! per step) over 201 years, and at 1× and 10× over 1,001 years, it generates the data
//! (`pactnet::synth`, seed 1), then times, in this process, the full metrics workload: multigraph,
//! every year × 6 layers, every graph and node metric, both tables written to memory (median of
//! 3 runs; 1 for the largest). It prints a CSV of the figures and draws wall time against size.

use pactnet::analysis::{self, Level, MetricRequest};
use pactnet::io::table::{write_table, OutputFormat};
use pactnet::io::Source;
use pactnet::plot::output;
use pactnet::plot::series::{draw_series, Line, Panel, SeriesChart};
use pactnet::synth::{generate, SynthOptions};
use pactnet::{AllianceGraph, Dataset, Inputs, Layer, LoadOptions, SystemFilter, Timeline};
use plotters::style::RGBColor;
use std::time::Instant;

/// Seconds of one full workload on `options`' synthetic data.
fn workload(options: &SynthOptions) -> Result<f64, Box<dyn std::error::Error>> {
    let data = generate(options)?;
    let inputs = Inputs {
        members: Source::Bytes { name: "members.csv", data: data.members.as_bytes().into() },
        states: Source::Bytes { name: "states.csv", data: data.states.as_bytes().into() },
        alliances: None,
    };
    let start = Instant::now();
    let (dataset, mut diag) = Dataset::load(&inputs, &LoadOptions::default())?;
    let graph = AllianceGraph::build(dataset, SystemFilter::Cow, &mut diag);
    let timeline = Timeline::new(&graph);
    let request = MetricRequest { layers: Layer::ALL.to_vec(), level: Level::Both, ..Default::default() };
    let tables = analysis::run(&graph, &timeline, &request)?;
    let mut out = Vec::new();
    write_table(&tables.graph_table(), OutputFormat::Csv, &mut out)?;
    write_table(&tables.node_table(), OutputFormat::Csv, &mut out)?;
    Ok(start.elapsed().as_secs_f64())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = std::env::args().nth(1).unwrap_or_else(|| "scale.png".to_string());
    // (size factor, states, alliances per 201 years)
    let sizes: [(f64, u16, u32); 3] = [(1.0, 200, 745), (10.0, 632, 2356), (100.0, 2000, 7450)];
    let spans = [
        ("201 years (1816–2016)", 1816..=2016, 1u32, RGBColor(0, 0, 0)),
        ("1,001 years (1016–2016)", 1016..=2016, 5, RGBColor(213, 94, 0)),
    ];
    println!("years,size_factor,states,alliances,seconds");
    let mut lines = Vec::new();
    for (label, years, year_factor, color) in spans {
        let mut points = Vec::new();
        for &(factor, states, alliances) in &sizes {
            if year_factor > 1 && factor > 10.0 {
                continue;
            }
            let options = SynthOptions { states, alliances: alliances * year_factor, years: years.clone(), seed: 1 };
            let runs = if factor >= 100.0 || year_factor > 1 && factor >= 10.0 { 1 } else { 3 };
            let mut times: Vec<f64> = (0..runs).map(|_| workload(&options)).collect::<Result<_, _>>()?;
            times.sort_by(f64::total_cmp);
            let seconds = times[times.len() / 2];
            println!("{},{factor},{states},{},{seconds:.3}", years.end() - years.start() + 1, options.alliances);
            points.push((factor.log10(), seconds));
        }
        lines.push(Line { label: label.to_string(), color, points });
    }
    let chart = SeriesChart {
        title: "Full metrics workload on synthetic data: wall time against size".to_string(),
        caption: "pactnet synth (seed 1); every year × 6 layers, every graph and node metric, both tables; 2 cores"
            .to_string(),
        legend: lines.iter().map(|l| (l.label.clone(), l.color)).collect(),
        panels: vec![Panel { name: "seconds".to_string(), lines }],
        eras: Vec::new(),
        x_label: "log10 of states × alliances, relative to ATOP 4.01 (0 = 1×, 1 = 10×, 2 = 100×)".to_string(),
    };
    let png = output::png(1000, 600, |area| draw_series(area, &chart))?;
    std::fs::write(&target, png)?;
    eprintln!("wrote {target}");
    Ok(())
}
