//! `pactnet explore`: the interactive network page, one self-contained HTML file.

use crate::args::{InputArgs, Session, YearArgs};
use anyhow::Context;
use clap::Args;
use pactnet::explore::{page, ExploreOptions};
use std::path::PathBuf;

/// An interactive page to look around the network in a browser.
///
/// Write one self-contained HTML file (script, style and data inline; it makes no network
/// request, so it opens from disk): a year slider with play, a layer choice, colour by region or
/// bloc, search by abbreviation, COW code or name, hover for a state's degree and alliances,
/// click for its partners with treaty ids and dates. The view is kept in the URL fragment, e.g.
/// `explore.html#year=1914&layer=defense&state=FRN`.
///
/// Example: `pactnet explore -o explore.html` (the embedded sample), then open explore.html
#[derive(Debug, Args)]
pub struct ExploreArgs {
    #[command(flatten)]
    years: YearArgs,
    /// Seed of the layout and the blocs (as `plot years` and `report`).
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// The page to write (`-`: stdout).
    #[arg(short, long, value_name = "FILE.html")]
    output: PathBuf,
}

pub fn run(args: &ExploreArgs, input: &InputArgs) -> anyhow::Result<()> {
    let s = Session::open(input, true)?;
    let options = ExploreOptions { years: args.years.range(), seed: args.seed };
    let html = page(&s.graph, &s.timeline, &options)?;
    // `-o -` is stdout, as for every table.
    let out = crate::args::OutputArgs { output: Some(args.output.clone()), format: None };
    out.write_with(input, |w| w.write_all(html.as_bytes()))
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    if !input.quiet && args.output.as_os_str() != "-" {
        eprintln!("pactnet: wrote {} ({} KB); open it in a browser", args.output.display(), html.len().div_ceil(1024));
    }
    Ok(())
}
