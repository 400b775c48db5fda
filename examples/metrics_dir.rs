//! Writes `graph_metrics.csv` and `node_metrics.csv` of every year and layer of ATOP 4.01 + COW
//! into a directory: `cargo run --release --example metrics_dir -- MEMBERS STATES OUTDIR`.

use pactnet::analysis::{self, Level, MetricRequest};
use pactnet::io::table::{write_table, OutputFormat};
use pactnet::io::Source;
use pactnet::{AllianceGraph, Dataset, Inputs, Layer, LoadOptions, SystemFilter, Timeline};
use std::io::{BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [members, states, out] = args.as_slice() else {
        return Err("usage: metrics_dir MEMBERS STATES OUTDIR".into());
    };
    let inputs = Inputs { members: Source::File(members.into()), states: Source::File(states.into()), alliances: None };
    let (data, mut diag) = Dataset::load(&inputs, &LoadOptions::default())?;
    let graph = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
    let timeline = Timeline::new(&graph);
    let request = MetricRequest { layers: Layer::ALL.to_vec(), level: Level::Both, ..Default::default() };
    let tables = analysis::run(&graph, &timeline, &request)?;
    std::fs::create_dir_all(out)?;
    let dir = std::path::Path::new(out);
    let mut g = BufWriter::new(std::fs::File::create(dir.join("graph_metrics.csv"))?);
    write_table(&tables.graph_table(), OutputFormat::Csv, &mut g)?;
    g.flush()?;
    let mut n = BufWriter::new(std::fs::File::create(dir.join("node_metrics.csv"))?);
    write_table(&tables.node_table(), OutputFormat::Csv, &mut n)?;
    n.flush()?;
    eprintln!("{} snapshots, {} distinct", tables.snapshots(), tables.distinct_snapshots());
    Ok(())
}
