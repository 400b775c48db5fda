//! `pactnet state STATE`: a state's alliance memberships and its ties per year.

use crate::args::{find_state, InputArgs, OutputArgs, Session};
use clap::Args;
use pactnet::api::tables::{state_memberships, state_years};
use pactnet::io::table::{write_table_with, OutputFormat, OwnedTable};
use std::io::Write;

/// A state's alliances over time.
///
/// Show a state's memberships over time (atopid, phase, start, end (exclusive), its own
/// obligations, partners) and, per year, its degree, strength and alliances in the `any` layer.
/// A state is a COW code (365) or abbreviation (RUS). In csv/json, the memberships are written,
/// or the per-year table with --by-year; the table format shows both.
///
/// Example: `pactnet state RUS` or `pactnet state 2 --by-year --format csv`
#[derive(Debug, Args)]
pub struct StateArgs {
    /// COW code (365), abbreviation (RUS) or name (Russia, "Soviet Union"), any case.
    state: String,
    /// Write the per-year table (year, degree, strength, alliances) instead of the memberships.
    #[arg(long)]
    by_year: bool,
    #[command(flatten)]
    output: OutputArgs,
}

fn memberships(s: &Session, v: u32) -> OwnedTable {
    state_memberships(&s.graph, v)
}

fn by_year(s: &Session, v: u32) -> OwnedTable {
    state_years(&s.graph, &s.timeline, v)
}

pub fn run(args: &StateArgs, input: &InputArgs) -> anyhow::Result<()> {
    let s = Session::open(input, true)?;
    let v = find_state(&s, &args.state)?;
    let format = args.output.format();
    if format == OutputFormat::Table && !args.by_year {
        let st = s.graph.data.states.state(v);
        let (m, y) = (memberships(&s, v), by_year(&s, v));
        return args.output.write_with(input, |out: &mut dyn Write| {
            writeln!(out, "{} ({}) {}: {} memberships\n", st.abbr, st.id, st.name, m.rows.len())?;
            write_table_with(&m, format, input.csv_cells(), out)?;
            writeln!(out, "\nper year (layer any):")?;
            write_table_with(&y, format, input.csv_cells(), out)
        });
    }
    let table = if args.by_year { by_year(&s, v) } else { memberships(&s, v) };
    args.output.write(&table, input)
}
