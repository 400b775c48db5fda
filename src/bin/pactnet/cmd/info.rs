//! `pactnet info`: what the loaded data holds.

use crate::args::{InputArgs, Session};
use clap::Args;
use pactnet::api::summary::Summary;
use pactnet::model::covariates::Covariates;
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
    let mut out = crate::args::stdout()?;
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
    let mut warnings: Vec<String> = s.diagnostics.warnings().map(|w| w.to_string()).collect();
    if input.has_covariates() {
        let (covariates, more) = input.covariates_and_warnings(&s.graph.data)?;
        warnings.extend(more);
        covariate_lines(&mut out, &covariates)?;
    }
    if input.network.is_some() || input.network_nodes.is_some() {
        let (network, nodes, more) = input.network_and_warnings(&s.graph.data)?;
        warnings.extend(more);
        if let Some(n) = network {
            let years = n.years();
            let span = match (years.first(), years.last()) {
                (Some(a), Some(b)) => format!("{} years {a}..{b}", years.len()),
                _ => "no years".to_string(),
            };
            let weighted = if n.weighted() { ", weighted" } else { "" };
            writeln!(out, "network file:      {} ({span}, {} ties{weighted})", file_name(n.file()), n.tie_count())?;
        }
        if let Some(n) = nodes {
            writeln!(out, "nodes file:        {} ({})", file_name(n.file()), n.summary())?;
        }
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
    if warnings.is_empty() {
        writeln!(out, "warnings:          none")?;
    } else {
        writeln!(out, "warnings:")?;
    }
    for w in warnings {
        writeln!(out, "  {w}")?;
    }
    out.flush()?;
    Ok(())
}

/// A path's file name, as the other input lines show it.
fn file_name(p: &std::path::Path) -> String {
    p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// One line per covariate file: its covariates, rows and years.
fn covariate_lines(out: &mut dyn Write, c: &Covariates) -> std::io::Result<()> {
    let years = |y: Option<std::ops::RangeInclusive<i32>>| match y {
        Some(y) => format!("{}..{}", y.start(), y.end()),
        None => "every year".to_string(),
    };
    for (k, t) in c.state.tables().iter().enumerate() {
        let label = if k == 0 { "state covariates:" } else { "" };
        let rows = if t.yearly() { "state-years" } else { "states" };
        let (names, n, span) = (t.names().join(", "), t.len(), years(t.years()));
        writeln!(out, "{label:<19}{} ({names}; {n} {rows}, {span})", file_name(t.file()))?;
    }
    for (k, t) in c.dyad.tables().iter().enumerate() {
        let label = if k == 0 { "dyad covariates:" } else { "" };
        let rows = if t.yearly() { "dyad-years" } else { "dyads" };
        let how = if t.directed() { "directed" } else { "undirected" };
        let (names, n, span) = (t.names().join(", "), t.len(), years(t.years()));
        writeln!(out, "{label:<19}{} ({names}; {n} {how} {rows}, {span})", file_name(t.file()))?;
    }
    Ok(())
}
