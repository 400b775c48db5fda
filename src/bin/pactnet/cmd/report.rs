//! `pactnet report`: the whole study in one directory, with an index.html to open.

use crate::args::{expand_layers, progress_bar, InputArgs, LayerChoice, Session, YearArgs};
use clap::Args;
use pactnet::report::{step_count, write_report, ReportOptions, Step};
use pactnet::{Layer, Period, Snapshot, SnapshotBuilder};
use std::path::PathBuf;

/// The whole study in one directory, with an index.html.
///
/// Write the study: graph- and node-level metric tables, blocs, triadic closure, time-series
/// plots (density, transitivity, blocs, modularity, alliances by type), network pictures of
/// chosen years, and an index.html that shows them with short captions and the tables' first
/// rows (a static page: open it from disk). Files of DIR that pactnet does not write are kept.
///
/// Example: `pactnet report -o report/` (the embedded sample), then open report/index.html
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    years: YearArgs,
    /// Layers of the metric tables and series, comma-separated, or `all`.
    #[arg(long, alias = "layer", value_delimiter = ',', default_value = "all")]
    layers: Vec<LayerChoice>,
    /// Years drawn as network pictures, comma-separated (those outside the years are dropped,
    /// with a warning) [default: 1816,1870,1914,1939,1955,1989,2016, those of them with ties].
    #[arg(long, value_delimiter = ',', value_parser = crate::args::parse_year)]
    network_years: Option<Vec<i32>>,
    /// Picture width in pixels (200..=8000).
    #[arg(long, default_value_t = 1200, value_parser = clap::value_parser!(u32).range(200..=8000))]
    width: u32,
    /// Picture height in pixels (150..=8000).
    #[arg(long, default_value_t = 900, value_parser = clap::value_parser!(u32).range(150..=8000))]
    height: u32,
    /// Seed of the layouts and blocs.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// The report directory.
    #[arg(short, long, value_name = "DIR", default_value = "report")]
    output: PathBuf,
}

/// The network years drawn when none are given.
const DEFAULT_NETWORK_YEARS: [i32; 7] = [1816, 1870, 1914, 1939, 1955, 1989, 2016];

/// The years of `years` whose `any` snapshot has a tie (a picture of isolated dots says nothing).
fn with_ties(s: &Session, years: &[i32]) -> Vec<i32> {
    let mut builder = SnapshotBuilder::new(&s.graph, &s.timeline);
    let mut snap = Snapshot::default();
    years
        .iter()
        .copied()
        .filter(|&y| builder.build_into(Period::Year(y), Layer::Any, &mut snap).is_ok() && !snap.edges.is_empty())
        .collect()
}

pub fn run(args: &ReportArgs, input: &InputArgs) -> anyhow::Result<()> {
    let layers = expand_layers(&args.layers, input.source());
    let s = Session::open(input, true)?;
    let network_years = match &args.network_years {
        Some(years) => years.clone(),
        None => with_ties(&s, &DEFAULT_NETWORK_YEARS),
    };
    let drawn = s.timeline.select(args.years.range()).ok();
    let dropped: Vec<String> = network_years
        .iter()
        .filter(|y| !drawn.as_ref().is_some_and(|r| r.contains(y)))
        .map(ToString::to_string)
        .collect();
    if !dropped.is_empty() && args.network_years.is_some() && !input.quiet {
        let within = drawn.map_or_else(|| "the data".to_string(), |r| format!("{}..{}", r.start(), r.end()));
        eprintln!("pactnet: warning: --network-years {} outside the years {within}: not drawn", dropped.join(","));
    }
    let options = ReportOptions {
        years: args.years.range(),
        layers,
        network_years,
        width: args.width,
        height: args.height,
        seed: args.seed,
        csv_cells: input.csv_cells(),
    };
    let bar = progress_bar(step_count(&s.timeline, &options), input, "report");
    let summary = write_report(&s.graph, &s.timeline, &options, &args.output, &input.input_paths(), &mut |step| {
        if let Step::Network(y) = step {
            bar.set_message(format!("{y}"));
        }
        bar.inc(1);
    })?;
    bar.finish_and_clear();
    if !input.quiet {
        eprintln!(
            "pactnet: wrote {} files for {}..{} to {}; open {}",
            summary.files.len(),
            summary.years.start(),
            summary.years.end(),
            args.output.display(),
            args.output.join("index.html").display()
        );
    }
    Ok(())
}
