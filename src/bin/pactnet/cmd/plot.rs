//! `pactnet plot`: network pictures, yearly series of them, animations, metric time series, a
//! state's chart and the adjacency matrix, as PNG, SVG or GIF by the output extension.

use crate::args::{InputArgs, Session, YearRange};
use anyhow::{bail, Context as _};
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use pactnet::analysis::NodeMetric;
use pactnet::io::atomic::write_atomically;
use pactnet::plot::layout::LayoutKind;
use pactnet::plot::network::draw_network;
use pactnet::plot::output::{self, ImageFormat};
use pactnet::plot::{Isolates, Labels, NetworkPlotter, NodeColor, PlotOptions};
use pactnet::{Layer, Period, Snapshot, SnapshotBuilder};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Draw alliance networks and metrics: PNG, SVG (or GIF for `animate`), chosen by the output
/// file's extension. Text uses an embedded font; the same input gives the same picture.
///
/// Examples:
///   pactnet plot network --year 1914 -o 1914.png
///   pactnet plot years --years 1946..1991 --layer defense -o frames/
///   pactnet plot animate --years 1870..1945 -o europe.gif
#[derive(Debug, Args)]
pub struct PlotArgs {
    #[command(subcommand)]
    command: PlotCommand,
}

#[derive(Debug, Subcommand)]
enum PlotCommand {
    Network(NetworkArgs),
    Years(YearsArgs),
}

/// How a network picture looks (shared by `network`, `years` and `animate`).
#[derive(Debug, Clone, Args)]
struct LookArgs {
    /// The layer: any, defense, offense, neutrality, nonaggression or consultation.
    #[arg(long, default_value = "any")]
    layer: Layer,
    /// Node placement: `force` (seeded, a state keeps its place across years), `circle` (one
    /// ring in COW-code order), `region` (one disc per region).
    #[arg(long, default_value = "force")]
    layout: LayoutKind,
    /// Node colour: `region` (COW code ranges), `community` (Louvain blocs, labels kept across
    /// years) or `none`.
    #[arg(long, default_value = "region")]
    color: NodeColor,
    /// Node area: a node metric (degree, strength, betweenness, closeness, harmonic, pagerank,
    /// eigenvector, clustering, core) or `none`.
    #[arg(long, default_value = "degree", value_parser = parse_size)]
    size: SizeArg,
    /// Labels (COW abbreviations): `auto` (largest nodes first, never overlapping), `all`, `none`.
    #[arg(long, default_value = "auto")]
    labels: Labels,
    /// Leave out states without a tie.
    #[arg(long)]
    hide_isolates: bool,
    /// Width in pixels.
    #[arg(long, default_value_t = 1600)]
    width: u32,
    /// Height in pixels.
    #[arg(long, default_value_t = 1200)]
    height: u32,
    /// Seed of the force layout and of the bloc search.
    #[arg(long, default_value_t = 0)]
    seed: u64,
}

/// A node metric, or none.
#[derive(Debug, Clone, Copy)]
struct SizeArg(Option<NodeMetric>);

fn parse_size(s: &str) -> Result<SizeArg, String> {
    if s.eq_ignore_ascii_case("none") {
        return Ok(SizeArg(None));
    }
    s.parse::<NodeMetric>().map(|m| SizeArg(Some(m))).map_err(|e| format!("{e}, none"))
}

impl TryFrom<&LookArgs> for PlotOptions {
    type Error = anyhow::Error;

    fn try_from(a: &LookArgs) -> anyhow::Result<PlotOptions> {
        let options = PlotOptions {
            layout: a.layout,
            color: a.color,
            size: a.size.0,
            labels: a.labels,
            isolates: if a.hide_isolates { Isolates::Hide } else { Isolates::Show },
            width: a.width,
            height: a.height,
            seed: a.seed,
        };
        options.check()?;
        Ok(options)
    }
}

/// One network picture: a year's (or a day's) snapshot of a layer.
///
/// Example: `pactnet plot network --year 1914 --layer defense -o 1914.png`
#[derive(Debug, Args)]
struct NetworkArgs {
    /// The year: states and ties present on at least one of its days.
    #[arg(long, value_name = "YEAR", required_unless_present = "date", conflicts_with = "date")]
    year: Option<i32>,
    /// A single day, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<chrono::NaiveDate>,
    #[command(flatten)]
    look: LookArgs,
    /// Output file: .png or .svg.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

/// One picture per year, `network-YYYY-LAYER.png` (or .svg) in a directory, made in parallel.
///
/// Example: `pactnet plot years --years 1900..1950 -o frames/`
#[derive(Debug, Args)]
struct YearsArgs {
    /// Years, inclusive: `1900..1950` [default: every year of the data].
    #[arg(long, value_name = "A..B")]
    years: Option<YearRange>,
    #[command(flatten)]
    look: LookArgs,
    /// File format of the pictures.
    #[arg(long, default_value = "png", value_parser = ["png", "svg"])]
    format: String,
    /// Output directory (created if missing).
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
}

pub fn run(args: &PlotArgs, input: &InputArgs) -> anyhow::Result<()> {
    match &args.command {
        PlotCommand::Network(a) => network(a, input),
        PlotCommand::Years(a) => years(a, input),
    }
}

/// The format of `path`, which must be one of `allowed`.
fn format_of(path: &Path, allowed: &[ImageFormat]) -> anyhow::Result<ImageFormat> {
    match ImageFormat::of_path(path) {
        Some(f) if allowed.contains(&f) => Ok(f),
        _ => {
            let names: Vec<String> = allowed.iter().map(|f| format!(".{}", f.extension())).collect();
            bail!("{}: the output must end in {}", path.display(), names.join(" or "))
        }
    }
}

/// Writes `bytes` to `path` atomically.
fn write_file(path: &Path, bytes: &[u8], input: &InputArgs) -> anyhow::Result<()> {
    Ok(write_atomically(path, &input.input_paths(), |out| out.write_all(bytes))?)
}

/// Renders one scene in `format`.
fn render(
    scene: &pactnet::plot::NetworkScene,
    options: &PlotOptions,
    format: ImageFormat,
) -> pactnet::plot::PlotResult<Vec<u8>> {
    match format {
        ImageFormat::Svg => {
            output::svg(options.width, options.height, |a| draw_network(a, scene)).map(String::into_bytes)
        }
        _ => output::png(options.width, options.height, |a| draw_network(a, scene)),
    }
}

fn network(a: &NetworkArgs, input: &InputArgs) -> anyhow::Result<()> {
    let format = format_of(&a.output, &[ImageFormat::Png, ImageFormat::Svg])?;
    let options = PlotOptions::try_from(&a.look)?;
    let s = Session::open(input, true)?;
    let (period, years) = match (a.year, a.date) {
        (_, Some(d)) => (Period::Date(d), s.timeline.years()),
        (Some(y), None) => (Period::Year(y), y..=y),
        (None, None) => bail!("give --year or --date"),
    };
    // A day needs no yearly metric table; prepare its own year only (for the layout).
    let years = match period {
        Period::Date(d) => {
            let y = chrono::Datelike::year(&d).clamp(*years.start(), *years.end());
            y..=y
        }
        Period::Year(_) => years,
    };
    let plotter = NetworkPlotter::new(&s.graph, &s.timeline, a.look.layer, &options, years)?;
    let scene = plotter.scene(period)?;
    let bytes = render(&scene, &options, format)?;
    write_file(&a.output, &bytes, input)
}

/// A progress bar on a terminal unless quiet; hidden otherwise.
fn progress(len: usize, input: &InputArgs, what: &str) -> ProgressBar {
    if input.quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template(&format!("{what} {{bar:40}} {{pos}}/{{len}} {{eta}}")) {
        bar.set_style(style);
    }
    bar
}

fn years(a: &YearsArgs, input: &InputArgs) -> anyhow::Result<()> {
    let format = if a.format == "svg" { ImageFormat::Svg } else { ImageFormat::Png };
    let options = PlotOptions::try_from(&a.look)?;
    let s = Session::open(input, true)?;
    let years = s.timeline.select(a.years.as_ref().map(|y| y.0.clone()))?;
    std::fs::create_dir_all(&a.output)
        .with_context(|| format!("{}: cannot create the directory", a.output.display()))?;
    let plotter = NetworkPlotter::new(&s.graph, &s.timeline, a.look.layer, &options, years.clone())?;
    let list: Vec<i32> = years.collect();
    let bar = progress(list.len(), input, "plot");
    let layer = a.look.layer;
    let result: anyhow::Result<Vec<()>> = list
        .par_iter()
        .map_init(
            || (SnapshotBuilder::new(&s.graph, &s.timeline), Snapshot::default()),
            |(builder, snap), &year| {
                let scene = plotter.scene_with(builder, snap, Period::Year(year))?;
                let bytes = render(&scene, &options, format)?;
                let path = a.output.join(format!("network-{year}-{}.{}", layer.name(), format.extension()));
                write_file(&path, &bytes, input)?;
                bar.inc(1);
                Ok(())
            },
        )
        .collect();
    bar.finish_and_clear();
    result.map(|_| ())
}
