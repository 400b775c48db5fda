//! `pactnet snapshot`: the simple projection of one year (or day) and layer.

use crate::args::{InputArgs, OutputArgs, PeriodArgs, WindowArgs};
use clap::Args;
use pactnet::io::table::{OwnedTable, Value};
use pactnet::{Layer, SnapshotBuilder};

/// The network of one year (or day) and layer: its edges or nodes.
///
/// Print a snapshot's edges (`a,b,weight,atopids`, a < b, sorted) or, with --nodes, its nodes
/// (`ccode,abbr,name,degree`).
///
/// Example: `pactnet snapshot --year 1950 --layer defense` or
/// `pactnet snapshot --date 1939-09-01 --nodes -o nodes.csv`
#[derive(Debug, Args)]
pub struct SnapshotArgs {
    #[command(flatten)]
    period: PeriodArgs,
    #[command(flatten)]
    window: WindowArgs,
    /// The layer: any, defense, offense, neutrality, nonaggression or consultation.
    #[arg(long, alias = "layers", default_value = "any")]
    layer: Layer,
    /// List the nodes instead of the edges.
    #[arg(long)]
    nodes: bool,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(args: &SnapshotArgs, input: &InputArgs) -> anyhow::Result<()> {
    args.window.reject_date(&args.period)?;
    let s = args.window.open(input)?;
    let period = args.period.period()?;
    let snap = SnapshotBuilder::new(&s.graph, &s.timeline).build(period, args.layer)?;
    let states = &s.graph.data.states;
    let table = if args.nodes {
        let mut t = OwnedTable::new(&["ccode", "abbr", "name", "degree"]);
        for (&v, deg) in snap.nodes.iter().zip(snap.degrees()) {
            let st = states.state(v);
            t.push(vec![
                i64::from(st.id.0).into(),
                st.abbr.as_str().into(),
                st.name.as_str().into(),
                i64::from(deg).into(),
            ]);
        }
        t
    } else {
        let mut t = OwnedTable::new(&["a", "b", "weight", "atopids"]);
        for e in &snap.edges {
            t.push(vec![
                i64::from(states.state(e.a).id.0).into(),
                i64::from(states.state(e.b).id.0).into(),
                i64::from(e.weight).into(),
                Value::list(snap.edge_alliances(e), ';'),
            ]);
        }
        t
    };
    args.output.write(&table, input)
}
