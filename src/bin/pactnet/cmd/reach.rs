//! `pactnet reach`: chains of directed pledges to or from one state.

use crate::args::{find_state, InputArgs, OutputArgs, PeriodArgs, Session};
use clap::Args;
use pactnet::measures::reach::{reach, Direction, ReachTable};
use pactnet::Layer;

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
    /// The state: COW code or abbreviation.
    state: String,
    #[command(flatten)]
    period: PeriodArgs,
    /// The layer of the pledges (`any`: any of the five obligations).
    #[arg(long, default_value = "defense")]
    layer: Layer,
    /// `in`: states pledged to STATE, transitively; `out`: states STATE is pledged to.
    #[arg(long, default_value = "in")]
    direction: Direction,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(args: &ReachArgs, input: &InputArgs) -> anyhow::Result<()> {
    let s = Session::open(input, true)?;
    let root = find_state(&s, &args.state)?;
    let rows = reach(&s.graph, &s.timeline, args.period.period()?, args.layer, root, args.direction)?;
    args.output.write(&ReachTable { states: &s.graph.data.states, rows: &rows }, input)
}
