//! `pactnet info`: what the loaded data holds.

use crate::args::{InputArgs, Session};
use clap::Args;
use pactnet::{Layer, Obligation, ObligationSet};
use std::collections::BTreeSet;
use std::io::Write;

/// What the loaded data holds.
///
/// Summarise the data: alliances, member rows, states, years, multigraph edges in total and per
/// type, and the warnings of the load.
///
/// Example: `pactnet info` (the embedded sample) or
/// `pactnet --members atop4_01m.csv --states states2016.csv info`
#[derive(Debug, Args)]
pub struct InfoArgs {}

pub fn run(_args: &InfoArgs, input: &InputArgs) -> anyhow::Result<()> {
    let s = Session::open(input, false)?;
    let data = &s.graph.data;
    let inputs = input.inputs();
    let alliances: BTreeSet<_> = data.members.iter().map(|m| m.alliance).collect();
    let member_states: BTreeSet<_> = data.members.iter().map(|m| m.state).collect();
    let in_cow = data.system.iter().filter(|s| !s.is_empty()).count();
    let years = s.timeline.years();
    let edges = s.graph.edges();
    let mut out = std::io::stdout().lock();
    let source = if input.members.is_some() { "" } else { " (embedded sample)" };
    writeln!(out, "members file:      {}{source}", inputs.members.display_name())?;
    writeln!(out, "states file:       {}", inputs.states.display_name())?;
    if let Some(a) = &inputs.alliances {
        writeln!(out, "alliance file:     {} ({} alliances)", a.display_name(), data.alliances.len())?;
    }
    writeln!(out, "alliances:         {}", alliances.len())?;
    match &s.filter {
        Some(f) => writeln!(out, "member rows:       {} (where {})", data.members.len(), f.text())?,
        None => writeln!(out, "member rows:       {}", data.members.len())?,
    }
    writeln!(out, "states:            {} in the COW list, {} in alliances", in_cow, member_states.len())?;
    writeln!(
        out,
        "years:             {}..{} (data end {}, system filter {})",
        years.start(),
        years.end(),
        data.data_end,
        s.graph.filter
    )?;
    writeln!(out, "multigraph edges:  {}", edges.len())?;
    for o in Obligation::ALL {
        let n = edges.iter().filter(|e| e.types().contains(o)).count();
        writeln!(out, "  {:<16} {n}", format!("{}:", o.name()))?;
    }
    let untyped = edges.iter().filter(|e| e.types() == ObligationSet::EMPTY).count();
    writeln!(out, "  {:<16} {untyped}", "no type:")?;
    let counted = (0..edges.len()).filter(|&i| !s.graph.counted(i).is_empty()).count();
    writeln!(out, "  {:<16} {counted}", "ever counted:")?;
    writeln!(out, "snapshots:         {} years x {} layers", years.clone().count(), Layer::ALL.len())?;
    let warnings: Vec<String> = s.diagnostics.warnings().map(|w| w.to_string()).collect();
    if warnings.is_empty() {
        writeln!(out, "warnings:          none")?;
    } else {
        writeln!(out, "warnings:")?;
    }
    for w in warnings {
        writeln!(out, "  {w}")?;
    }
    Ok(())
}
