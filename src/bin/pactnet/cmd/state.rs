//! `pactnet state STATE`: a state's alliance memberships and its ties per year.

use crate::args::{find_state, state_label, InputArgs, OutputArgs, Session};
use clap::Args;
use pactnet::io::table::{write_table, OutputFormat, OwnedTable, Value};
use pactnet::{Layer, Period, Snapshot, SnapshotBuilder};
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
    let data = &s.graph.data;
    let mut t = OwnedTable::new(&["atopid", "phase", "start", "end", "obligations", "partners"]);
    let mut rows: Vec<_> = data.members.iter().filter(|m| data.member_index(m) == v).collect();
    rows.sort_by_key(|m| (m.span.start(), m.alliance, m.phase));
    // The rows of the state's alliances, by alliance: one pass over the member rows.
    let mut by_alliance: std::collections::BTreeMap<_, Vec<_>> =
        rows.iter().map(|m| (m.alliance, Vec::new())).collect();
    for m in &data.members {
        if let Some(list) = by_alliance.get_mut(&m.alliance) {
            list.push(m);
        }
    }
    for m in rows {
        let mut partners: Vec<u32> = by_alliance[&m.alliance]
            .iter()
            .filter(|p| p.state != m.state && p.span.overlaps(m.span))
            .map(|p| data.member_index(p))
            .collect();
        partners.sort_unstable();
        partners.dedup();
        let names: Vec<String> = partners.iter().map(|&p| state_label(s, p)).collect();
        t.push(vec![
            i64::from(m.alliance.0).into(),
            i64::from(m.phase).into(),
            m.span.start().to_string().into(),
            m.span.end().to_string().into(),
            m.obligations.to_string().into(),
            Value::list(names, ' '),
        ]);
    }
    t
}

fn by_year(s: &Session, v: u32) -> OwnedTable {
    let mut t = OwnedTable::new(&["year", "in_system", "degree", "strength", "alliances"]);
    let mut builder = SnapshotBuilder::new(&s.graph, &s.timeline);
    let mut snap = Snapshot::default();
    for year in s.timeline.years() {
        if builder.build_into(Period::Year(year), Layer::Any, &mut snap).is_err() {
            continue;
        }
        let node = snap.local_index(v).is_some();
        let touching: Vec<_> = snap.edges.iter().filter(|e| e.a == v || e.b == v).collect();
        let strength: u32 = touching.iter().map(|e| e.weight).sum();
        let mut alliances: Vec<_> = touching.iter().flat_map(|e| snap.edge_alliances(e)).collect();
        alliances.sort_unstable();
        alliances.dedup();
        t.push(vec![
            i64::from(year).into(),
            (if node { "yes" } else { "no" }).into(),
            (touching.len() as i64).into(),
            i64::from(strength).into(),
            (alliances.len() as i64).into(),
        ]);
    }
    t
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
            write_table(&m, format, out)?;
            writeln!(out, "\nper year (layer any):")?;
            write_table(&y, format, out)
        });
    }
    let table = if args.by_year { by_year(&s, v) } else { memberships(&s, v) };
    args.output.write(&table, input)
}
