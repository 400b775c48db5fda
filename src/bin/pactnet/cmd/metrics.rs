//! `pactnet metrics`: graph- and node-level metrics of every year and layer.

use crate::args::{find_state, spinner, InputArgs, OutputArgs, Session, YearArgs};
use anyhow::Context as _;
use clap::Args;
use pactnet::analysis::{self, Level, MetricRequest};
use pactnet::api::choices::{parse_layers, split_metrics};
use pactnet::io::atomic::write_atomically;
use pactnet::io::table::{write_table, OutputFormat};

/// Graph- and node-level metrics of every year and layer.
///
/// Graph-level metrics (one row per year and layer) or node-level metrics (one row per year,
/// layer and state), exactly as networkx computes them, on the simple projection of each
/// snapshot. `--level both -o DIR` computes both tables in one pass and writes
/// DIR/graph_metrics.csv and DIR/node_metrics.csv. Rows are sorted by (year, layer, ccode);
/// floats are written round-trip exact.
///
/// Example: `pactnet metrics --layers all --level both -o out/` or
/// `pactnet metrics --years 1946..1991 --level node --metrics degree,betweenness --states USA,RUS`
#[derive(Debug, Args)]
pub struct MetricsArgs {
    #[command(flatten)]
    years: YearArgs,
    /// Layers, comma-separated (any, defense, offense, neutrality, nonaggression,
    /// consultation), or `all`.
    #[arg(long, value_delimiter = ',', default_value = "any")]
    layers: Vec<String>,
    /// graph (one row per year and layer), node (one per state), or both (needs -o DIR).
    #[arg(long, default_value = "graph")]
    level: Level,
    /// Only these columns, comma-separated [default: all of the level's metrics].
    #[arg(long, value_delimiter = ',')]
    metrics: Vec<String>,
    /// Only these states' rows in the node table (COW codes or abbreviations, comma-separated).
    #[arg(long, value_delimiter = ',')]
    states: Vec<String>,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(args: &MetricsArgs, input: &InputArgs) -> anyhow::Result<()> {
    let layers = parse_layers(&args.layers)?;
    let (graph_metrics, node_metrics) = split_metrics(&args.metrics, args.level)?;
    let s = Session::open(input, true)?;
    let states = if args.states.is_empty() {
        None
    } else {
        Some(args.states.iter().map(|n| find_state(&s, n)).collect::<anyhow::Result<Vec<_>>>()?)
    };
    let request = MetricRequest {
        years: args.years.range(),
        layers,
        level: args.level,
        graph_metrics,
        node_metrics,
        states,
        ..MetricRequest::default()
    };
    let bar = spinner(input, "computing metrics");
    let tables = analysis::run(&s.graph, &s.timeline, &request)?;
    bar.finish_and_clear();
    match args.level {
        Level::Graph => args.output.write(&tables.graph_table(), input),
        Level::Node => args.output.write(&tables.node_table(), input),
        Level::Both => {
            let dir = args.output.output.as_ref().context("--level both writes two files: give -o DIR")?;
            std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create the directory", dir.display()))?;
            let format = match args.output.format() {
                OutputFormat::Table => OutputFormat::Csv,
                f => f,
            };
            let ext = if format == OutputFormat::Json { "json" } else { "csv" };
            let inputs = input.input_paths();
            write_atomically(&dir.join(format!("graph_metrics.{ext}")), &inputs, |w| {
                write_table(&tables.graph_table(), format, w)
            })?;
            write_atomically(&dir.join(format!("node_metrics.{ext}")), &inputs, |w| {
                write_table(&tables.node_table(), format, w)
            })?;
            Ok(())
        }
    }
}
