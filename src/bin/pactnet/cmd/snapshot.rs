//! `pactnet snapshot`: the simple projection of one year (or day) and layer.

use crate::args::{InputArgs, OutputArgs, PeriodArgs, WindowArgs};
use clap::Args;
use pactnet::api::tables::{snapshot_edges, snapshot_nodes};
use pactnet::{Layer, SnapshotBuilder};

/// The network of one year (or day) and layer: its edges or nodes.
///
/// Print a snapshot's edges (`a,b,weight,atopids`, a < b, sorted) or, with --nodes, its nodes
/// (`ccode,abbr,name,degree`).
///
/// Example: `pactnet snapshot --year 1950 --layer defense` or
/// `pactnet snapshot --date 1939-09-01 --nodes -o nodes.csv`
#[derive(Debug, Args)]
pub struct SnapshotArgs {
    #[command(flatten)]
    period: PeriodArgs,
    #[command(flatten)]
    window: WindowArgs,
    /// The layer: any, defense, offense, neutrality, nonaggression or consultation (ATOP); any,
    /// defense, neutrality, nonaggression or entente (COW alone).
    #[arg(long, alias = "layers", default_value = "any")]
    layer: Layer,
    /// List the nodes instead of the edges.
    #[arg(long)]
    nodes: bool,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(args: &SnapshotArgs, input: &InputArgs) -> anyhow::Result<()> {
    args.window.reject_date(&args.period)?;
    let s = args.window.open(input)?;
    let period = args.period.period()?;
    let snap = SnapshotBuilder::new(&s.graph, &s.timeline).build(period, args.layer)?;
    if args.nodes {
        args.output.write(&snapshot_nodes(&s.graph, &snap), input)
    } else {
        args.output.write(&snapshot_edges(&s.graph, &snap), input)
    }
}
