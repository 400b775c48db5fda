//! `pactnet reach` and `pactnet plot reach`: chains of directed pledges to or from one state.

use super::plot::{format_of, write_file, SizeArgs};
use crate::args::{find_state, InputArgs, OutputArgs, PeriodArgs, Session};
use clap::Args;
use pactnet::api::pictures::{reach_picture, Canvas};
use pactnet::measures::reach::{reach, Direction, ReachTable, Reached};
use pactnet::model::DenseIndex;
use pactnet::plot::output::ImageFormat;
use pactnet::{Layer, Period};
use std::path::PathBuf;

/// Chains of obligation: who is pledged to a state, and who is pledged to them, and so on.
///
/// A pledge a→b of the layer exists when a and b share an alliance whose row for a carries the
/// obligation (ATOP's member-level, directed view), on a counted day of the period (under
/// --system). `--direction in` (default): the states that pledged to STATE (depth 1), those that
/// pledged to a depth-1 state (depth 2), and so on; `out`: the states STATE is pledged to,
/// transitively. Rows `depth,ccode,abbr,name,via,atopids`: via is a state one step closer to
/// STATE through which the chain runs (the smallest COW code when several), atopids the
/// alliances of that pledge. Sorted by depth, ccode.
///
/// Example: `pactnet reach GMY --date 1914-06-28 --direction out` or
/// `pactnet reach USA --year 1955 --layer defense`
#[derive(Debug, Args)]
pub struct ReachArgs {
    #[command(flatten)]
    query: ReachQuery,
    #[command(flatten)]
    output: OutputArgs,
}

/// What `reach` and `plot reach` ask: whose chains, when, of which layer and direction.
#[derive(Debug, Args)]
struct ReachQuery {
    /// The state: COW code, abbreviation or name (any case).
    state: String,
    #[command(flatten)]
    period: PeriodArgs,
    /// The layer of the pledges (`any`: any of the five obligations).
    #[arg(long, alias = "layers", default_value = "defense")]
    layer: Layer,
    /// `in`: states pledged to STATE, transitively; `out`: states STATE is pledged to.
    #[arg(long, default_value = "in")]
    direction: Direction,
}

impl ReachQuery {
    /// The root state, the period and the chain's rows.
    fn run(&self, s: &Session) -> anyhow::Result<(DenseIndex, Period, Vec<Reached>)> {
        let root = find_state(s, &self.state)?;
        let period = self.period.period()?;
        let rows = reach(&s.graph, &s.timeline, period, self.layer, root, self.direction)?;
        Ok((root, period, rows))
    }
}

pub fn run(args: &ReachArgs, input: &InputArgs) -> anyhow::Result<()> {
    let s = Session::open(input, true)?;
    let (_, _, rows) = args.query.run(&s)?;
    args.output.write(&ReachTable { states: &s.graph.data.states, rows: &rows }, input)
}

/// A chain of obligation as rings around the state: depth k on the k-th ring, each state joined
/// to the one through which its chain runs (see `pactnet reach`).
///
/// Example: `pactnet plot reach RUS --date 1914-06-28 --layer any -o reach.png`
#[derive(Debug, Args)]
pub struct PlotReachArgs {
    #[command(flatten)]
    query: ReachQuery,
    #[command(flatten)]
    size: SizeArgs,
    /// Output file: .png or .svg.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

pub fn plot(args: &PlotReachArgs, input: &InputArgs) -> anyhow::Result<()> {
    let format = format_of(&args.output, &[ImageFormat::Png, ImageFormat::Svg])?;
    let s = Session::open(input, true)?;
    let q = &args.query;
    let (root, period) = (find_state(&s, &q.state)?, q.period.period()?);
    let canvas = Canvas { format, width: args.size.width, height: args.size.height };
    let bytes = reach_picture(&s.graph, &s.timeline, period, q.layer, root, q.direction, canvas)?;
    write_file(&args.output, &bytes, input)
}
