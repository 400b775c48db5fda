//! `pactnet validate`: every problem of the inputs, one per line.

use crate::args::InputArgs;
use anyhow::Context as _;
use clap::Args;
use pactnet::error::ValidateError;
use pactnet::{AllianceGraph, Dataset, OnRowError, WarningKind};
use std::io::Write;

/// Check the inputs and list every problem.
///
/// Check the inputs: print every error as `FILE:LINE: field FIELD = VALUE: message`, then the
/// warnings counted by kind. Exit 0 when there are no errors (warnings allowed), 1 otherwise.
///
/// Example: `pactnet --members atop4_01m.csv --states states2016.csv validate`
#[derive(Debug, Args)]
pub struct ValidateArgs {}

/// Formats an error as `FILE:LINE: field FIELD = VALUE: message`.
fn problem_line(e: &ValidateError) -> String {
    match e {
        ValidateError::BadField { at, field, value, expected } => {
            format!("{at}: field {field} = {}: {expected}", pactnet::error::shown(value))
        }
        ValidateError::ExitBeforeEntry { at, field, value, start, end } => {
            format!("{at}: field {field} = {}: exit {end} is not after entry {start}", pactnet::error::shown(value))
        }
        ValidateError::FieldCount { at, found, expected } => {
            format!("{at}: field count = {found}: expected {expected} fields as in the header")
        }
        ValidateError::BadProvision { at, field, value, expected } => {
            format!("{at}: field {field} = {}: {expected}", pactnet::error::shown(value))
        }
    }
}

/// The cross-check of the alliance file against the member file, as one line:
/// `alliance file: 745 alliances, all member atopids present, dates consistent`.
fn alliance_check(data: &Dataset, diag: &pactnet::Diagnostics) -> String {
    let spans: std::collections::BTreeMap<u32, pactnet::DateSpan> =
        data.alliances.iter().map(|a| (a.id.0, a.span)).collect();
    let missing = diag.count(WarningKind::AllianceNotInAllianceFile);
    let conflicts = diag.count(WarningKind::AllianceConflict);
    let outside = data
        .members
        .iter()
        .filter(|m| spans.get(&m.alliance.0).is_some_and(|a| m.span.start() < a.start() || m.span.end() > a.end()))
        .count();
    let n = data.alliances.len();
    let mut parts = vec![format!("{n} alliance{}", if n == 1 { "" } else { "s" })];
    parts.push(if missing == 0 {
        "all member atopids present".to_string()
    } else {
        format!("{missing} member rows name atopids it lacks")
    });
    parts.push(match (outside, conflicts) {
        (0, 0) => "dates consistent (every member spell within its alliance's dates)".to_string(),
        _ => format!(
            "{outside} member spells outside their alliance's dates, {conflicts} atopids listed twice with different data"
        ),
    });
    format!("alliance file: {}", parts.join(", "))
}

pub fn run(_args: &ValidateArgs, input: &InputArgs) -> anyhow::Result<i32> {
    let (data, mut diag) = input.load(OnRowError::Skip).context("cannot read the inputs")?;
    let rows = data.members.len();
    // The covariate and network files, each with its own errors and warnings.
    let model_inputs = input.model_input_diagnostics(&data.states)?;
    let cross_check = input.alliances.is_some().then(|| alliance_check(&data, &diag));
    AllianceGraph::build_limited(data, input.system.into(), input.max_edges, &mut diag)
        .context("cannot build the multigraph")?;
    let errors = diag.errors.len() + model_inputs.iter().map(|d| d.errors.len()).sum::<usize>();
    let code = if errors == 0 { 0 } else { 1 };
    let mut out = crate::args::stdout()?;
    let written = (|| -> std::io::Result<()> {
        let all = || std::iter::once(&diag).chain(&model_inputs);
        for e in all().flat_map(|d| &d.errors) {
            writeln!(out, "{}", problem_line(e))?;
        }
        if !input.quiet {
            // Skipped rows and bad provision cells are listed above as errors.
            for w in all()
                .flat_map(|d| d.warnings())
                .filter(|w| !matches!(w.kind, WarningKind::SkippedRow | WarningKind::BadProvisionCell))
            {
                writeln!(out, "warning: {w}")?;
            }
        }
        if let Some(line) = &cross_check {
            writeln!(out, "{line}")?;
        }
        writeln!(out, "{errors} error{}, {rows} valid member rows", if errors == 1 { "" } else { "s" })?;
        out.flush()
    })();
    match written {
        // A closed pipe (`validate | head`) ends the listing, not the verdict.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(code),
        Err(e) => Err(e).context("cannot write to stdout"),
        Ok(()) => Ok(code),
    }
}
