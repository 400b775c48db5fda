//! `pactnet similarity`: alliance-portfolio similarity of dyads, year by year.

use crate::args::{find_state, InputArgs, OutputArgs, Session, YearArgs};
use anyhow::Context as _;
use clap::{Args, ValueEnum};
use pactnet::measures::similarity::{similarity, Coding, Measure, SimilarityRequest};
use pactnet::Layer;

/// Alliance-portfolio similarity (Signorino & Ritter's S, Kendall's tau-b, Cohen's kappa, Scott's
/// pi) of every unordered pair of system members per year, or of the dyads given: rows
/// `year,a,b,<measure>` with a < b (COW codes).
///
/// Example: `pactnet similarity --years 1946..1991 --measure kappa --dyads USA,RUS UKG,FRN`
#[derive(Debug, Args)]
pub struct SimilarityArgs {
    #[command(flatten)]
    years: YearArgs,
    /// The layer whose ties make the portfolios.
    #[arg(long, default_value = "any")]
    layer: Layer,
    /// The measure: s (absolute distances), s2 (squared), taub, kappa or pi.
    #[arg(long, default_value = "s")]
    measure: Measure,
    /// Tie scores: valued (3 defense/offense, 2 neutrality/consultation, 1 nonaggression) or binary.
    #[arg(long, value_enum, default_value_t = CodingArg::Valued)]
    coding: CodingArg,
    /// Only these dyads, each `A,B` (COW codes or abbreviations).
    #[arg(long, value_name = "A,B", num_args = 1..)]
    dyads: Vec<String>,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum CodingArg {
    Valued,
    Binary,
}

pub fn run(args: &SimilarityArgs, input: &InputArgs) -> anyhow::Result<()> {
    let s = Session::open(input, true)?;
    let dyads = if args.dyads.is_empty() {
        None
    } else {
        let mut out = Vec::new();
        for d in &args.dyads {
            let (a, b) = d.split_once(',').with_context(|| format!("dyad {d:?}: expected two states as A,B"))?;
            out.push((find_state(&s, a)?, find_state(&s, b)?));
        }
        Some(out)
    };
    let coding = match args.coding {
        CodingArg::Valued => Coding::Valued,
        CodingArg::Binary => Coding::Binary,
    };
    let request =
        SimilarityRequest { years: args.years.range(), layer: args.layer, coding, measure: args.measure, dyads };
    let table = similarity(&s.graph, &s.timeline, &request)?;
    args.output.write(&table, input)
}
