//! `pactnet dyad A B`: every multigraph edge between two states.

use crate::args::{find_state, usage, InputArgs, OutputArgs, Session};
use clap::Args;
use pactnet::io::table::OwnedTable;

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
    let mut t =
        OwnedTable::new(&["atopid", "phase_a", "phase_b", "start", "end", "types", "a_to_b", "b_to_a", "counted"]);
    for i in s.graph.edges_between(a, b) {
        let e = &s.graph.edges()[i];
        let counted: Vec<String> = s.graph.counted(i).iter().map(ToString::to_string).collect();
        let (pa, pb) = if e.a == a { (e.a_phase, e.b_phase) } else { (e.b_phase, e.a_phase) };
        t.push(vec![
            i64::from(e.alliance.0).into(),
            i64::from(pa).into(),
            i64::from(pb).into(),
            e.span.start().to_string().into(),
            e.span.end().to_string().into(),
            e.types().to_string().into(),
            e.obligations_of(a).to_string().into(),
            e.obligations_of(b).to_string().into(),
            counted.join(" ").into(),
        ]);
    }
    args.output.write(&t, input)
}
