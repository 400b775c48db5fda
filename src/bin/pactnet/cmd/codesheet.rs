//! `pactnet codesheet FILE…`: ATOP coding sheets parsed into alliance records, as JSON.

use anyhow::Context as _;
use clap::Args;
use pactnet::io::codesheet::read_codesheet;
use pactnet::io::Source;
use pactnet::validate::{codesheet, CodesheetRecord};
use pactnet::Diagnostics;
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;

/// Parse ATOP coding sheets and print their records as JSON.
///
/// Parse ATOP coding sheets (the questionnaire text a coder fills in for one alliance) and
/// print the records they give as a JSON array: atopid, signature date, termination (null
/// while in effect), types, and the members with their own obligations. What cannot be read is
/// reported with its file and line, and the exit code is 1.
///
/// Example: `pactnet codesheet sheets/3180.txt` ; use the sheets with `--codesheets sheets/`.
#[derive(Debug, Args)]
pub struct CodesheetArgs {
    /// Coding sheets (UTF-8 text).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

fn record_json(r: &CodesheetRecord) -> Value {
    let names = |s: pactnet::ObligationSet| s.iter().map(|o| o.name()).collect::<Vec<_>>();
    json!({
        "file": r.file.to_string(),
        "atopid": r.id.0,
        "signed": r.signed.to_string(),
        "terminated": r.terminated.map(|d| d.to_string()),
        "obligations": names(r.obligations),
        "asymmetric": r.asymmetric,
        "members": r.members.iter().map(|m| json!({
            "ccode": m.state.0, "name": m.name, "line": m.line, "obligations": names(m.obligations),
        })).collect::<Vec<_>>(),
    })
}

pub fn run(args: &CodesheetArgs) -> anyhow::Result<i32> {
    let mut records = Vec::new();
    let mut diag = Diagnostics::default();
    for f in &args.files {
        let sheet = read_codesheet(&Source::File(f.clone()))?;
        if let Some(r) = codesheet(&sheet, &mut diag) {
            records.push(record_json(&r));
        }
    }
    for e in &diag.errors {
        eprintln!("pactnet: error: {e}");
    }
    if !diag.errors.is_empty() {
        return Ok(1);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    serde_json::to_writer_pretty(&mut out, &Value::Array(records)).context("cannot write to stdout")?;
    writeln!(out).context("cannot write to stdout")?;
    Ok(0)
}
