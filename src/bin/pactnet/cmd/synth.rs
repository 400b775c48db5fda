//! `pactnet synth`: seeded synthetic data in the ATOP and COW formats, for scale tests.

use crate::args::{InputArgs, YearRange};
use anyhow::Context as _;
use clap::Args;
use pactnet::io::atomic::write_atomically;
use pactnet::synth::{generate, SynthOptions};
use std::path::PathBuf;

/// Write a seeded synthetic data set for scale tests.
///
/// Write a synthetic data set: DIR/members.csv (ATOP member-level columns) and DIR/states.csv
/// (COW state list), with bilateral and multilateral alliances, phases, entries and exits,
/// mixed and asymmetric obligations, and states leaving and re-entering the system. The same
/// seed always gives the same files. The model is documented in the library (`pactnet::synth`).
///
/// Example: `pactnet synth --state-count 2000 --alliance-count 7450 --years 1816..2016 -o big/` then
/// `pactnet --members big/members.csv --states big/states.csv info`
#[derive(Debug, Args)]
pub struct SynthArgs {
    /// Number of states (2..=9998).
    #[arg(long, value_name = "N", default_value_t = 200, value_parser = clap::value_parser!(u16).range(2..=9998))]
    state_count: u16,
    /// Number of alliances.
    #[arg(long, value_name = "M", default_value_t = 745)]
    alliance_count: u32,
    /// Years of the data, A..B.
    #[arg(long, default_value = "1816..2016", value_name = "A..B")]
    years: YearRange,
    /// Seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output directory (created if missing; other files in it are left alone).
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
}

pub fn run(args: &SynthArgs, input: &InputArgs) -> anyhow::Result<()> {
    let options = SynthOptions {
        states: args.state_count,
        alliances: args.alliance_count,
        years: args.years.0.clone(),
        seed: args.seed,
    };
    let data = generate(&options)?;
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("{}: cannot create the directory", args.output.display()))?;
    let inputs = input.input_paths();
    for (name, text) in [("members.csv", &data.members), ("states.csv", &data.states)] {
        write_atomically(&args.output.join(name), &inputs, |w| w.write_all(text.as_bytes()))?;
    }
    if !input.quiet {
        eprintln!(
            "pactnet: wrote {} member rows and {} COW rows to {}",
            data.member_rows,
            data.states.lines().count() - 1,
            args.output.display()
        );
    }
    Ok(())
}
