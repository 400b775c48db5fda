//! Measures every default network picture of the full data (issue 24's numbers):
//! `cargo run --release --example picture_measures -- ../shared/data [FIRST LAST]`.
//!
//! For layer `any` coloured by region and layer `defense` coloured by bloc (1600×1200, isolates
//! shown), each year: the states of the largest component, the share of the drawing area its
//! bounding box covers, node–node, label–node and label–label overlaps
//! ([`pactnet::plot::measure`]). Prints one CSV row per picture, then per layer the median and
//! smallest share and the years under 35 % among those with a component of 10 states or more.

use pactnet::io::Source;
use pactnet::plot::measure::measure;
use pactnet::plot::network::network_geometry;
use pactnet::plot::{NetworkPlotter, NodeColor, PlotOptions};
use pactnet::{AllianceGraph, Dataset, Inputs, Layer, LoadOptions, Obligation, Period, SystemFilter, Timeline};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.first().map_or("../shared/data", String::as_str));
    let inputs = Inputs {
        members: Source::File(dir.join("atop-4.01/atop4_01m.csv")),
        states: Source::File(dir.join("cow/states2016.csv")),
        alliances: None,
    };
    let (data, mut diag) = Dataset::load(&inputs, &LoadOptions::default())?;
    let graph = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
    let timeline = Timeline::new(&graph);
    let years = timeline.years();
    let first = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(*years.start());
    let last = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(*years.end());
    println!("layer,year,largest,share,node_overlaps,label_node_overlaps,label_overlaps");
    let kinds = [
        (Layer::Any, PlotOptions::default()),
        (Layer::Only(Obligation::Defense), PlotOptions { color: NodeColor::Community, ..PlotOptions::default() }),
    ];
    let mut summary = Vec::new();
    for (layer, options) in kinds {
        let plotter = NetworkPlotter::new(&graph, &timeline, layer, &options, first..=last)?;
        let mut shares = Vec::new();
        let mut under = Vec::new();
        let mut overlaps = 0;
        for year in first..=last {
            let scene = plotter.scene(Period::Year(year))?;
            let geo = network_geometry(&scene, options.width, options.height)?;
            let m = measure(&scene, &geo);
            println!(
                "{layer},{year},{},{:.3},{},{},{}",
                m.largest, m.largest_share, m.node_overlaps, m.label_node_overlaps, m.label_overlaps
            );
            overlaps += m.node_overlaps + m.label_node_overlaps + m.label_overlaps;
            if m.largest >= 10 {
                shares.push(m.largest_share);
                if m.largest_share < 0.35 {
                    under.push(year);
                }
            }
        }
        shares.sort_by(f64::total_cmp);
        let median = shares.get(shares.len() / 2).copied().unwrap_or(0.0);
        let least = shares.first().copied().unwrap_or(0.0);
        summary.push(format!(
            "{layer}: {} years with a component of 10+; share median {median:.3}, least {least:.3}; {} under 0.35 {:?}; overlaps {overlaps}",
            shares.len(),
            under.len(),
            under
        ));
    }
    for s in summary {
        eprintln!("{s}");
    }
    Ok(())
}
