//! `pactnet metrics`: graph- and node-level metrics of every year and layer.

use crate::args::{
    expand_layers, find_state, spinner, usage, InputArgs, LayerChoice, OutputArgs, WindowArgs, YearArgs,
};
use anyhow::Context as _;
use clap::Args;
use pactnet::analysis::{self, GraphMetric, Level, MetricRequest, NodeMetric};
use pactnet::io::atomic::write_atomically;
use pactnet::io::table::{write_table_with, OutputFormat};

/// Graph- and node-level metrics of every year and layer.
///
/// Graph-level metrics (one row per year and layer) or node-level metrics (one row per year,
/// layer and state), exactly as networkx computes them, on the simple projection of each
/// snapshot. `--level both -o DIR` computes both tables in one pass and writes
/// DIR/graph_metrics.csv and DIR/node_metrics.csv. Rows are sorted by (year, layer, ccode);
/// floats are written round-trip exact.
///
/// Example: `pactnet metrics --layers all --level both -o out/` or
/// `pactnet metrics --years 1946..1991 --level node --metrics degree,betweenness --only-states USA,RUS`
#[derive(Debug, Args)]
pub struct MetricsArgs {
    #[command(flatten)]
    years: YearArgs,
    #[command(flatten)]
    window: WindowArgs,
    /// Layers, comma-separated (any, defense, offense, neutrality, nonaggression,
    /// consultation; with COW alone any, defense, neutrality, nonaggression, entente), or `all`
    /// (every layer of the data's source).
    #[arg(long, alias = "layer", value_delimiter = ',', default_value = "any")]
    layers: Vec<LayerChoice>,
    /// graph (one row per year and layer), node (one per state), or both (needs -o DIR).
    #[arg(long, default_value = "graph")]
    level: Level,
    /// Only these columns, comma-separated [default: all of the level's metrics].
    #[arg(long, value_delimiter = ',')]
    metrics: Vec<MetricName>,
    /// Only these states' rows in the node table (codes, abbreviations or names, comma-separated;
    /// needs --level node or both).
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    only_states: Vec<String>,
    #[command(flatten)]
    output: OutputArgs,
}

/// A graph- or node-metric name, parsed by clap (an unknown name is a usage error).
#[derive(Debug, Clone, Copy)]
enum MetricName {
    Graph(GraphMetric),
    Node(NodeMetric),
}

impl std::str::FromStr for MetricName {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match (s.parse::<GraphMetric>(), s.parse::<NodeMetric>()) {
            (Ok(g), _) => Ok(MetricName::Graph(g)),
            (_, Ok(n)) => Ok(MetricName::Node(n)),
            (Err(g), Err(n)) => Err(format!("{g}; or a node metric: {}", n.expected)),
        }
    }
}

/// Splits `--metrics` into graph and node metrics; a name must be one of the requested level's.
fn metrics(names: &[MetricName], level: Level) -> anyhow::Result<(Vec<GraphMetric>, Vec<NodeMetric>)> {
    if names.is_empty() {
        return Ok((GraphMetric::ALL.to_vec(), NodeMetric::ALL.to_vec()));
    }
    let (mut graph, mut node) = (Vec::new(), Vec::new());
    for name in names {
        match *name {
            MetricName::Graph(g) if level.graph() => graph.push(g),
            MetricName::Node(n) if level.node() => node.push(n),
            MetricName::Graph(g) => {
                return Err(usage(format!(
                    "--metrics {g}: a graph metric, not a {} metric (use --level graph or both)",
                    level.name()
                )))
            }
            MetricName::Node(n) => {
                return Err(usage(format!(
                    "--metrics {n}: a node metric, not a {} metric (use --level node or both)",
                    level.name()
                )))
            }
        }
    }
    // A table without chosen columns keeps its identifying ones only.
    Ok((graph, node))
}

pub fn run(args: &MetricsArgs, input: &InputArgs) -> anyhow::Result<()> {
    let layers = expand_layers(&args.layers, input.source());
    let (graph_metrics, node_metrics) = metrics(&args.metrics, args.level)?;
    if !args.only_states.is_empty() && !args.level.node() {
        return Err(usage("--only-states selects rows of the node table: it needs --level node or both, not graph"));
    }
    if args.level == Level::Both && args.output.output.is_none() {
        return Err(usage("--level both writes two files: give -o DIR"));
    }
    let s = args.window.open(input)?;
    let states = if args.only_states.is_empty() {
        None
    } else {
        Some(args.only_states.iter().map(|n| find_state(&s, n)).collect::<anyhow::Result<Vec<_>>>()?)
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
                write_table_with(&tables.graph_table(), format, input.csv_cells(), w)
            })?;
            write_atomically(&dir.join(format!("node_metrics.{ext}")), &inputs, |w| {
                write_table_with(&tables.node_table(), format, input.csv_cells(), w)
            })?;
            Ok(())
        }
    }
}
