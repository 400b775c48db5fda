//! `pactnet separation`: shortest-path lengths between states, per year.

use crate::args::{find_state, InputArgs, OutputArgs, Session, YearArgs};
use anyhow::Context as _;
use clap::Args;
use pactnet::measures::separation::{separation, Pairs, SeparationRequest};
use pactnet::Layer;

/// Degrees of separation: shortest-path lengths between states, per year.
///
/// For every unordered pair of the year's states (a < b by COW code), the number of alliance
/// ties on the shortest path between them in the layer's snapshot: rows `year,layer,a,b,distance`
/// (distance empty when they are in different components). --dyads keeps only the pairs named.
/// --summary writes one row per year and distance instead, `year,layer,distance,dyads,share`,
/// distances 1, 2, … and a last `unreachable` row; a year's dyads sum to N(N−1)/2.
///
/// Example: `pactnet separation --years 1946..1991 --layer defense --summary` or
/// `pactnet separation --years 1914 --dyads GMY,RUS USA,UKG`
#[derive(Debug, Args)]
pub struct SeparationArgs {
    #[command(flatten)]
    years: YearArgs,
    /// The layer.
    #[arg(long, default_value = "any")]
    layer: Layer,
    /// Only these pairs, each `A,B` (COW codes or abbreviations), space-separated.
    #[arg(long, value_name = "A,B", num_args = 1.., conflicts_with = "summary")]
    dyads: Vec<String>,
    /// One row per year and distance instead of one per pair.
    #[arg(long)]
    summary: bool,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(args: &SeparationArgs, input: &InputArgs) -> anyhow::Result<()> {
    let s = Session::open(input, true)?;
    let pairs = if args.summary {
        Pairs::None
    } else if args.dyads.is_empty() {
        Pairs::All
    } else {
        let mut list = Vec::new();
        for d in &args.dyads {
            let (a, b) = d.split_once(',').with_context(|| format!("--dyads {d:?}: expected A,B (e.g. USA,RUS)"))?;
            list.push((find_state(&s, a.trim())?, find_state(&s, b.trim())?));
        }
        Pairs::Only(list)
    };
    let request = SeparationRequest { years: args.years.range(), layer: args.layer, pairs };
    let table = separation(&s.graph, &s.timeline, &request)?;
    if args.summary {
        args.output.write(&table.summary_table(), input)
    } else {
        args.output.write(&table, input)
    }
}
