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
    }
}

pub fn run(_args: &ValidateArgs, input: &InputArgs) -> anyhow::Result<i32> {
    let (data, mut diag) =
        Dataset::load_with(&input.inputs(), &input.extra_inputs()?, &input.load_options(OnRowError::Skip))
            .context("cannot read the inputs")?;
    let rows = data.members.len();
    AllianceGraph::build_limited(data, input.system.into(), input.max_edges, &mut diag)
        .context("cannot build the multigraph")?;
    let errors = diag.errors.len();
    let code = if errors == 0 { 0 } else { 1 };
    let written = (|| -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for e in &diag.errors {
            writeln!(out, "{}", problem_line(e))?;
        }
        if !input.quiet {
            for w in diag.warnings().filter(|w| w.kind != WarningKind::SkippedRow) {
                writeln!(out, "warning: {w}")?;
            }
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
