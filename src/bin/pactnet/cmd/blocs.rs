//! `pactnet blocs`: communities per year, with labels kept across years.

use crate::args::{InputArgs, OutputArgs, WindowArgs, YearArgs};
use clap::Args;
use pactnet::measures::blocs::{yearly_blocs, BlocRequest};
use pactnet::Layer;

/// Blocs (communities) per year, with labels kept across years.
///
/// Blocs (Louvain communities, seeded and deterministic) of each year: rows
/// `year,layer,ccode,abbr,bloc`, a bloc keeping its label while it persists; with --summary one
/// row per year: `year,layer,blocs,modularity,nmi_prev,polarization` (NMI with the previous
/// year's partition, Esteban–Ray polarization).
///
/// Example: `pactnet blocs --years 1946..1991 --layer defense --summary`
#[derive(Debug, Args)]
pub struct BlocsArgs {
    #[command(flatten)]
    years: YearArgs,
    #[command(flatten)]
    window: WindowArgs,
    /// The layer.
    #[arg(long, alias = "layers", default_value = "any")]
    layer: Layer,
    /// Seed of the Louvain node orders.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Modularity resolution γ (larger: more, smaller blocs).
    #[arg(long, default_value_t = 1.0, value_parser = positive)]
    resolution: f64,
    /// Esteban–Ray α of the polarization column, in 0..=1.6 (with --summary).
    #[arg(long, default_value_t = 1.0, value_parser = alpha, requires = "summary")]
    alpha: f64,
    /// One row per year instead of one per state.
    #[arg(long)]
    summary: bool,
    #[command(flatten)]
    output: OutputArgs,
}

fn positive(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err(format!("{s:?} is not a positive number")),
    }
}

fn alpha(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=1.6).contains(&v) => Ok(v),
        _ => Err(format!("{s:?} is not a number in 0..=1.6")),
    }
}

pub fn run(args: &BlocsArgs, input: &InputArgs) -> anyhow::Result<()> {
    let s = args.window.open(input)?;
    let request = BlocRequest {
        years: args.years.range(),
        layer: args.layer,
        seed: args.seed,
        resolution: args.resolution,
        alpha: args.alpha,
    };
    let table = yearly_blocs(&s.graph, &s.timeline, &request)?;
    if args.summary {
        args.output.write(&table.summary_table(), input)
    } else {
        args.output.write(&table.node_table(), input)
    }
}
