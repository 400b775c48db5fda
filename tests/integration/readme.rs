//! The README is the truth: every `$ pactnet …` line in a ```console block is run and its output
//! compared with the lines that follow it. A last line `…` means "the output starts with these
//! lines". Commands that name the full data files run in their own test, ignored (and so counted
//! in `cargo test`'s summary) when the real data is absent.
//! `PACTNET_BLESS=1 cargo test readme -- --test-threads=1` rewrites the README's outputs from the
//! actual ones.

use crate::common::real_data;
use std::path::Path;

/// One command of a console block: its line index, the command, and the expected lines.
struct Example {
    line: usize,
    command: String,
    expected: Vec<String>,
    truncated: bool,
}

fn examples(readme: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut in_console = false;
    for (i, line) in readme.lines().enumerate() {
        if line.starts_with("```") {
            in_console = line == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ ") {
            out.push(Example { line: i, command: cmd.to_string(), expected: Vec::new(), truncated: false });
        } else if let Some(ex) = out.last_mut() {
            if line == "…" {
                ex.truncated = true;
            } else {
                ex.expected.push(line.to_string());
            }
        }
    }
    out
}

/// Runs `command` with `pactnet` on the PATH; full-data file names point into `data`.
fn run(command: &str, data: Option<&Path>) -> String {
    let mut command = command.to_string();
    if let Some(dir) = data {
        for (name, sub) in [
            ("atop4_01m.csv", "atop-4.01/atop4_01m.csv"),
            ("atop4_01a.csv", "atop-4.01/atop4_01a.csv"),
            ("atop5_1m.csv", "atop-5.1/atop5_1m.csv"),
            ("atop5_1a.csv", "atop-5.1/atop5_1a.csv"),
            ("atop5_1ddyr.csv", "reference/atop5_1_directed_dyad_years.csv"),
            ("states2016.csv", "cow/states2016.csv"),
            ("alliance_v4.1_by_member.csv", "cow-alliances-4.1/alliance_v4.1_by_member.csv"),
            ("state_years.csv", "covariates-1981-2000/state_years.csv"),
            ("contiguity.csv", "covariates-1981-2000/contiguity.csv"),
            ("war_dyad_years.csv", "covariates-1981-2000/war_dyad_years.csv"),
        ] {
            command = command.replace(name, &dir.join(sub).display().to_string());
        }
    }
    let bin = Path::new(env!("CARGO_BIN_EXE_pactnet")).parent().expect("binary directory");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let dir = tempfile::tempdir().expect("temp dir");
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg(&command)
        .env("PATH", path)
        .current_dir(dir.path())
        .output()
        .expect("sh runs");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn every_sample_example_in_the_readme_prints_what_it_shows() {
    check_examples(false);
}

/// The examples on the full data (they name its files).
#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn every_full_data_example_in_the_readme_prints_what_it_shows() {
    check_examples(true);
}

/// Runs the README's examples on the full data (`full`) or on the embedded sample.
fn check_examples(full: bool) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let needs_data = |c: &str| c.contains("atop4_01") || c.contains("atop5_1") || c.contains("states2016.csv");
    let data = if full { real_data() } else { None };
    if full && data.is_none() {
        return;
    }
    let bless = std::env::var("PACTNET_BLESS").is_ok_and(|v| v == "1");
    let mut lines: Vec<String> = readme.lines().map(str::to_string).collect();
    let mut failures = Vec::new();
    let mut checked = 0;
    // Walk backwards so that blessing can replace lines without shifting the ones still to do.
    for ex in examples(&readme).into_iter().rev() {
        if needs_data(&ex.command) != full {
            continue;
        }
        // COW's alliance files may be absent where ATOP's are (CI has both).
        let cow = data.as_deref().map(|d| d.join("cow-alliances-4.1/alliance_v4.1_by_member.csv"));
        if ex.command.contains("alliance_v4.1") && !cow.as_deref().is_some_and(Path::is_file) {
            assert!(std::env::var("CI").map_or(true, |v| v != "true"), "COW alliance data not found: {cow:?}");
            eprintln!("skipped README.md:{}: COW alliance data not found", ex.line + 1);
            continue;
        }
        // The covariates of btergm's example (issue 22) may be absent where ATOP's files are.
        let covariates = data.as_deref().map(|d| d.join("covariates-1981-2000/state_years.csv"));
        if ex.command.contains("state_years.csv") && !covariates.as_deref().is_some_and(Path::is_file) {
            assert!(std::env::var("CI").map_or(true, |v| v != "true"), "covariates not found: {covariates:?}");
            eprintln!("skipped README.md:{}: covariates not found", ex.line + 1);
            continue;
        }
        let actual: Vec<String> = run(&ex.command, data.as_deref()).lines().map(str::to_string).collect();
        checked += 1;
        let shown =
            if ex.truncated { actual.iter().take(ex.expected.len()).cloned().collect() } else { actual.clone() };
        if shown != ex.expected {
            failures.push(format!(
                "README.md:{}: $ {}\n--- expected\n{}\n--- actual\n{}",
                ex.line + 1,
                ex.command,
                ex.expected.join("\n"),
                shown.join("\n")
            ));
            let start = ex.line + 1;
            lines.splice(start..start + ex.expected.len(), shown);
        }
    }
    assert!(checked >= if full { 2 } else { 5 }, "only {checked} README examples were run");
    if bless && !failures.is_empty() {
        std::fs::write(&path, lines.join("\n") + "\n").expect("rewrite README.md");
        return;
    }
    assert!(
        failures.is_empty(),
        "{} README examples differ (PACTNET_BLESS=1 rewrites them):\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
