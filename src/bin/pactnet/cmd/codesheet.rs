//! `pactnet codesheet FILE…`: ATOP coding sheets parsed into alliance records, as JSON.

use anyhow::Context as _;
use clap::Args;
use pactnet::io::codesheet::{read_codesheet, read_questions};
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
/// With --questions, print instead every question of each sheet as written: a JSON array of
/// objects {file, number, question, answer, yes_no}, yes_no being true or false when the answer
/// starts with the word Yes or No (null otherwise).
///
/// Example: `pactnet codesheet sheets/3180.txt` ; use the sheets with `--codesheets sheets/`;
/// `pactnet codesheet --questions sheets/4255.txt`.
#[derive(Debug, Args)]
pub struct CodesheetArgs {
    /// Coding sheets (UTF-8 text).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Print every question with its answer as written, not the alliance records.
    #[arg(long)]
    questions: bool,
}

fn questions_json(args: &CodesheetArgs) -> anyhow::Result<Value> {
    let mut out = Vec::new();
    for f in &args.files {
        let source = Source::File(f.clone());
        let file = source.display_name().to_string();
        for q in read_questions(&source)? {
            out.push(json!({
                "file": file, "number": q.number, "line": q.line, "question": q.question,
                "answer": q.answer(), "yes_no": q.yes_no(),
            }));
        }
    }
    Ok(Value::Array(out))
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
    if args.questions {
        let value = questions_json(args)?;
        let mut out = crate::args::stdout()?;
        serde_json::to_writer_pretty(&mut out, &value).context("cannot write to stdout")?;
        writeln!(out).and_then(|()| out.flush()).context("cannot write to stdout")?;
        return Ok(0);
    }
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
    let mut out = crate::args::stdout()?;
    serde_json::to_writer_pretty(&mut out, &Value::Array(records)).context("cannot write to stdout")?;
    writeln!(out).and_then(|()| out.flush()).context("cannot write to stdout")?;
    Ok(0)
}
