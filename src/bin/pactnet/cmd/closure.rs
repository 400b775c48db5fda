//! `pactnet closure`: triadic closure and turnover, year by year.

use crate::args::{InputArgs, OutputArgs, Session, YearArgs};
use clap::Args;
use pactnet::measures::dynamics::{changes, ChangeRequest};
use pactnet::Layer;

/// Triadic closure and turnover per year.
///
/// Triadic closure and change per year: edges, ties added and removed since the year before,
/// Jaccard similarity of the two edge sets, how many new ties join states that already had a
/// common ally (and their share), GWESP (statnet's fixed decay), alliances formed and ended, the
/// share of ties from bilateral alliances. With --esp, the edgewise-shared-partner distribution
/// instead: `year,layer,shared_partners,edges`.
///
/// Example: `pactnet closure --years 1946..1991 --layer defense`
#[derive(Debug, Args)]
pub struct ClosureArgs {
    #[command(flatten)]
    years: YearArgs,
    /// The layer.
    #[arg(long, alias = "layers", default_value = "any")]
    layer: Layer,
    /// GWESP decay α (> 0) of the yearly summary (not with --esp).
    #[arg(long, default_value_t = 0.5, value_parser = positive, conflicts_with = "esp")]
    decay: f64,
    /// Write the shared-partner distribution instead of the yearly summary.
    #[arg(long)]
    esp: bool,
    #[command(flatten)]
    output: OutputArgs,
}

fn positive(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err(format!("{s:?} is not a number above 0")),
    }
}

pub fn run(args: &ClosureArgs, input: &InputArgs) -> anyhow::Result<()> {
    let s = Session::open(input, true)?;
    let request = ChangeRequest { years: args.years.range(), layer: args.layer, alpha: args.decay };
    let table = changes(&s.graph, &s.timeline, &request)?;
    if args.esp {
        args.output.write(&table.esp_table(), input)
    } else {
        args.output.write(&table, input)
    }
}
