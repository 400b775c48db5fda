//! `pactnet info`: what the loaded data holds.

use crate::args::{InputArgs, Session};
use clap::Args;
use pactnet::api::summary::Summary;
use pactnet::MemberSource;
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
    let sum = Summary::of(&s.graph, &s.timeline);
    let inputs = input.inputs();
    let years = &sum.years;
    let mut out = std::io::stdout().lock();
    match (sum.source, &input.cow_alliances, &input.states) {
        (MemberSource::Cow, Some(cow), Some(states)) => {
            writeln!(out, "members file:      {} (COW Formal Alliances alone)", cow.display())?;
            writeln!(out, "states file:       {}", states.display())?;
        }
        _ => {
            let source = if input.members.is_some() { "" } else { " (embedded sample)" };
            writeln!(out, "members file:      {}{source}", inputs.members.display_name())?;
            writeln!(out, "states file:       {}", inputs.states.display_name())?;
        }
    }
    if let (MemberSource::Combined, Some(cow)) = (sum.source, &input.cow_alliances) {
        writeln!(
            out,
            "COW alliance file: {} (added by --combine-sources: treaties both code count twice)",
            cow.display()
        )?;
    }
    if let Some(a) = &inputs.alliances {
        writeln!(out, "alliance file:     {} ({} alliances)", a.display_name(), sum.alliance_rows)?;
    }
    if let Some(d) = &s.graph.data.atop_dyads {
        let years = d.years().map_or(String::new(), |y| format!(", {}..{}", y.start(), y.end()));
        let rows = d.rows().len();
        writeln!(out, "ATOP dyad file:    {} ({rows} directed dyad-years{years}: its obligations are used)", d.file())?;
    }
    writeln!(out, "alliances:         {}", sum.alliances)?;
    match &s.filter {
        Some(f) => writeln!(out, "member rows:       {} (where {})", sum.member_rows, f.text())?,
        None => writeln!(out, "member rows:       {}", sum.member_rows)?,
    }
    writeln!(
        out,
        "states:            {} in the COW list, {} in alliances",
        sum.states_in_cow, sum.states_in_alliances
    )?;
    writeln!(
        out,
        "years:             {}..{} (data end {}, system filter {})",
        years.start(),
        years.end(),
        sum.data_end,
        sum.filter
    )?;
    writeln!(out, "multigraph edges:  {}", sum.edges)?;
    for (o, n) in &sum.edges_by_type {
        writeln!(out, "  {:<16} {n}", format!("{}:", o.name()))?;
    }
    writeln!(out, "  {:<16} {}", "no type:", sum.untyped_edges)?;
    writeln!(out, "  {:<16} {}", "ever counted:", sum.counted_edges)?;
    writeln!(out, "snapshots:         {} years x {} layers", years.clone().count(), sum.layers)?;
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
