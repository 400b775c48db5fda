//! `pactnet cliques`: maximal cliques per year and their overlap.

use crate::args::{InputArgs, OutputArgs, Session, YearArgs};
use clap::Args;
use pactnet::measures::cliques::{clique_stream, CliqueRows};
use pactnet::Layer;

/// Maximal cliques per year and their overlap.
///
/// Maximal cliques of at least --min-size states in each year: rows
/// `year,layer,clique,size,members` (members as COW codes, largest cliques first). With
/// --overlap, the clique co-membership matrix instead: `year,layer,a,b,shared_cliques` for every
/// pair of states in at least one common clique.
///
/// Example: `pactnet cliques --years 1955..1989 --layer defense --min-size 4`
#[derive(Debug, Args)]
pub struct CliquesArgs {
    #[command(flatten)]
    years: YearArgs,
    /// The layer.
    #[arg(long, alias = "layers", default_value = "any")]
    layer: Layer,
    /// Smallest clique size kept.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(2..))]
    min_size: u32,
    /// Write the co-membership matrix instead of the cliques.
    #[arg(long)]
    overlap: bool,
    /// Most maximal cliques kept over all the years (about 4 bytes per member and 16 per
    /// clique): past it the command stops with an error rather than exhaust memory (a graph of
    /// n states can have 3^(n/3) maximal cliques).
    #[arg(long, value_name = "N", default_value_t = pactnet::measures::cliques::MAX_CLIQUES)]
    max_cliques: usize,
    #[command(flatten)]
    output: OutputArgs,
}

/// Streams the rows ([`clique_stream`]): a batch of years is searched, written and freed before
/// the next, so memory is that of one batch's cliques, within `--max-cliques`.
pub fn run(args: &CliquesArgs, input: &InputArgs) -> anyhow::Result<()> {
    let s = Session::open(input, true)?;
    let min_size = args.min_size as usize;
    let rows = if args.overlap { CliqueRows::Overlap } else { CliqueRows::Cliques };
    let table = clique_stream(&s.graph, &s.timeline, args.years.range(), args.layer, min_size, args.max_cliques, rows)?;
    args.output.write(&table, input)
}
