//! `pactnet dyad A B`: every multigraph edge between two states.

use crate::args::{find_state, usage, InputArgs, OutputArgs, Session};
use clap::Args;
use pactnet::api::tables::dyad_edges;

/// Every tie between two states.
///
/// List every multigraph edge between A and B: alliance, phases, span `[start, end)`, types, the
/// obligations of each side toward the other (directed view), and the spans on which the tie
/// counts under the system filter.
///
/// Example: `pactnet dyad USA UKG` or `pactnet dyad 220 211 --format csv`
#[derive(Debug, Args)]
pub struct DyadArgs {
    /// First state (COW code, abbreviation or name, any case).
    a: String,
    /// Second state.
    b: String,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(args: &DyadArgs, input: &InputArgs) -> anyhow::Result<()> {
    let s = Session::open(input, true)?;
    let (a, b) = (find_state(&s, &args.a)?, find_state(&s, &args.b)?);
    if a == b {
        return Err(usage(format!("dyad {} {}: name two different states", args.a, args.b)));
    }
    let t = dyad_edges(&s.graph, a, b);
    args.output.write(&t, input)
}
