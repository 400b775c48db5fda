//! `pactnet plot`: network pictures, yearly series of them, animations, metric time series, a
//! state's chart and the adjacency matrix, as PNG, SVG or GIF by the output extension.

use crate::args::{
    expand_layers, find_state, progress_bar, state_label, usage, InputArgs, LayerChoice, PeriodArgs, Session,
    WindowArgs, YearArgs, YearRange,
};
use anyhow::Context as _;
use clap::{Args, Subcommand};
use pactnet::analysis::{GraphMetric, NodeMetric};
use pactnet::api::pictures::{
    matrix_picture, network_scene, render_network, series_picture, state_picture, write_animation, Canvas,
    SeriesRequest,
};
use pactnet::io::atomic::write_atomically;
use pactnet::plot::layout::{LayoutKind, DEFAULT_ANCHORING};
use pactnet::plot::output::ImageFormat;
use pactnet::plot::{FigureText, Isolates, Labels, NetworkPlotter, NodeColor, Palette, PlotOptions, FONT_SIZES};
use pactnet::{Layer, Period, Snapshot, SnapshotBuilder};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Draw networks, time series, state timelines, matrices and animations.
///
/// Draw alliance networks and metrics: PNG, SVG (also PDF for `network` and `years`; GIF for
/// `animate`), chosen by the output file's extension. Text uses an embedded font; the same
/// input gives the same picture.
///
/// Examples:
///   pactnet plot network --year 1914 -o 1914.png
///   pactnet plot network --year 1914 --highlight GMY,UKG --palette greyscale --font-size 20 -o 1914.pdf
///   pactnet plot years --years 1946..1991 --layer defense -o frames/
///   pactnet plot animate --years 1870..1945 -o europe.gif
///   pactnet plot series --metrics density,transitivity --layers any,defense --eras -o s.svg
///   pactnet plot state RUS -o russia.png
///   pactnet plot matrix --year 1960 -o matrix.png
///   pactnet plot durations --by type -o survival.png
///   pactnet plot reach RUS --date 1914-06-28 -o reach.png
#[derive(Debug, Args)]
pub struct PlotArgs {
    #[command(subcommand)]
    command: PlotCommand,
}

#[derive(Debug, Subcommand)]
enum PlotCommand {
    Network(NetworkArgs),
    Years(YearsArgs),
    Animate(AnimateArgs),
    Series(SeriesArgs),
    State(StateArgs),
    Matrix(MatrixArgs),
    Durations(super::durations::PlotDurationsArgs),
    Reach(super::reach::PlotReachArgs),
}

/// How a network picture looks (shared by `network`, `years` and `animate`).
#[derive(Debug, Clone, Args)]
struct LookArgs {
    /// The layer: any, defense, offense, neutrality, nonaggression or consultation (ATOP); any,
    /// defense, neutrality, nonaggression or entente (COW alone).
    #[arg(long, alias = "layers", default_value = "any")]
    layer: Layer,
    /// Node placement: `stable` (stress layout of each year anchored to one reference of all
    /// years, so a state keeps its place), `stress` (each year on its own), `circle` (one even
    /// ring ordered by bloc then region), `region` (one disc per region).
    #[arg(long, default_value = "stable")]
    layout: LayoutKind,
    /// Anchoring weight of the stable layout, 0..=0.99: the pull toward each state's reference
    /// place (0: free yearly layouts started from the reference).
    #[arg(long, default_value_t = DEFAULT_ANCHORING, value_parser = parse_anchoring)]
    anchoring: f64,
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
    /// Width in pixels (200..=8000).
    #[arg(long, default_value_t = 1600, value_parser = clap::value_parser!(u32).range(200..=8000))]
    width: u32,
    /// Height in pixels (150..=8000).
    #[arg(long, default_value_t = 1200, value_parser = clap::value_parser!(u32).range(150..=8000))]
    height: u32,
    /// Seed of the bloc search.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// The title: your own text, or `none` (default: period, layer and counts).
    #[arg(long, value_name = "TEXT|none")]
    title: Option<FigureText>,
    /// The caption: your own text, or `none` (default: the data source and how many labels
    /// were left out).
    #[arg(long, value_name = "TEXT|none")]
    caption: Option<FigureText>,
    /// States to highlight, comma-separated (COW codes, abbreviations, names or aliases, as
    /// `pactnet state` takes them): each gets a ring and a bold label (drawn even with
    /// `--labels none`); the other states and the edges that touch none of them are faded.
    /// Example: --highlight GMY,UKG
    #[arg(long, value_delimiter = ',', value_name = "STATES")]
    highlight: Vec<String>,
    /// `colour`, or `greyscale` for print: grey node fills (regions; the four largest blocs
    /// apart, the others sharing a light grey) and edge types told apart by dash pattern as
    /// well as grey level; the legend follows.
    #[arg(long, default_value = "colour", value_parser = parse_palette)]
    palette: Palette,
    /// Body text size in points, 6..=60 (legend entries and caption; the title, headings and
    /// labels in proportion; 1 pt = 1 pixel, and 1 pt of a PDF page). Default: 15 at
    /// 1600×1200, scaled with the picture.
    #[arg(long, value_name = "PT", value_parser = parse_font_size)]
    font_size: Option<f64>,
}

fn parse_palette(s: &str) -> Result<Palette, String> {
    // The American spellings too.
    match s.trim().to_ascii_lowercase().as_str() {
        "color" => Ok(Palette::Colour),
        "grayscale" => Ok(Palette::Greyscale),
        _ => s.parse::<Palette>().map_err(|e| e.to_string()),
    }
}

fn parse_font_size(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(pt) if FONT_SIZES.contains(&pt) => Ok(pt),
        _ => Err(format!("{s:?} is not a size in {}..={} points", FONT_SIZES.start(), FONT_SIZES.end())),
    }
}

/// The states of `--highlight`, resolved as `pactnet state` resolves a name; an unknown name is a
/// usage error with the resolver's close matches.
fn highlight_states(s: &Session, names: &[String]) -> anyhow::Result<Vec<pactnet::StateId>> {
    let mut ids = Vec::with_capacity(names.len());
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let v = find_state(s, name).map_err(|e| usage(format!("--highlight: {e:#}")))?;
        ids.push(s.graph.data.states.state(v).id);
    }
    ids.sort();
    ids.dedup();
    Ok(ids)
}

/// A node metric, or none.
#[derive(Debug, Clone, Copy)]
struct SizeArg(Option<NodeMetric>);

fn parse_anchoring(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(a) if (0.0..=0.99).contains(&a) => Ok(a),
        _ => Err(format!("{s:?} is not a number in 0..=0.99")),
    }
}

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
            anchoring: a.anchoring,
            color: a.color,
            size: a.size.0,
            labels: a.labels,
            isolates: if a.hide_isolates { Isolates::Hide } else { Isolates::Show },
            width: a.width,
            height: a.height,
            seed: a.seed,
            title: a.title.clone().unwrap_or_default(),
            caption: a.caption.clone().unwrap_or_default(),
            palette: a.palette,
            font_size: a.font_size,
            // Resolved once the data is open (`highlight_states`).
            highlight: Vec::new(),
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
    #[command(flatten)]
    period: PeriodArgs,
    #[command(flatten)]
    window: WindowArgs,
    #[command(flatten)]
    look: LookArgs,
    /// Output file: .png, .svg or .pdf (vector, DejaVu Sans embedded, 1 pixel = 1 pt).
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Also write the picture's geometry as CSV, one row per drawn state:
    /// `ccode,abbr,x,y,r,fill,bloc,label_x0,label_y0,label_x1,label_y1` (pixels, origin top left).
    #[arg(long, value_name = "FILE.csv")]
    positions: Option<PathBuf>,
}

/// One picture per year, `network-YYYY-LAYER.png` (or .svg, .pdf) in a directory, made in parallel.
///
/// Example: `pactnet plot years --years 1900..1950 -o frames/`
#[derive(Debug, Args)]
struct YearsArgs {
    #[command(flatten)]
    years: YearArgs,
    #[command(flatten)]
    window: WindowArgs,
    #[command(flatten)]
    look: LookArgs,
    /// File format of the pictures.
    #[arg(long, default_value = "png", value_parser = ["png", "svg", "pdf"])]
    format: String,
    /// Output directory (created if missing).
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    /// Also write each picture's geometry to `DIR/positions-YYYY-LAYER.csv` (see `plot network
    /// --positions`).
    #[arg(long, value_name = "DIR")]
    positions: Option<PathBuf>,
}

/// An animated GIF, one frame per year, states keeping their places, the year counting in the
/// legend panel.
///
/// Example: `pactnet plot animate --years 1870..1945 --fps 4 --width 1000 --height 750 -o europe.gif`
#[derive(Debug, Args)]
struct AnimateArgs {
    /// Years, inclusive: `1870..1945`.
    #[arg(long, value_name = "A..B")]
    years: YearRange,
    #[command(flatten)]
    look: LookArgs,
    /// Frames (years) per second, 1..=50.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=50))]
    fps: u32,
    /// Output file: .gif.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

/// Graph-level metrics over time: one panel per metric, one line per layer.
///
/// Example: `pactnet plot series --metrics density,transitivity --layers any,defense --eras -o s.svg`
#[derive(Debug, Args)]
struct SeriesArgs {
    /// Graph metrics, comma-separated (see `pactnet metrics --help`).
    #[arg(long, value_delimiter = ',', default_value = "density,transitivity")]
    metrics: Vec<GraphMetric>,
    /// Layers, comma-separated (any, defense, offense, neutrality, nonaggression,
    /// consultation; with COW alone any, defense, neutrality, nonaggression, entente), or `all`
    /// (every layer of the data's source).
    #[arg(long, alias = "layer", value_delimiter = ',', default_value = "any")]
    layers: Vec<LayerChoice>,
    #[command(flatten)]
    years: YearArgs,
    /// Shade the world wars and the Cold War.
    #[arg(long)]
    eras: bool,
    #[command(flatten)]
    size: SizeArgs,
    /// Output file: .png or .svg.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

/// A state's degree and betweenness over time and the timeline of its alliances.
///
/// Example: `pactnet plot state FRN --years 1816..1945 -o france.png`
#[derive(Debug, Args)]
struct StateArgs {
    /// The state: COW code, abbreviation or name, any case.
    state: String,
    /// The layer.
    #[arg(long, alias = "layers", default_value = "any")]
    layer: Layer,
    #[command(flatten)]
    years: YearArgs,
    /// Shade the world wars and the Cold War.
    #[arg(long)]
    eras: bool,
    #[command(flatten)]
    size: SizeArgs,
    /// Output file: .png or .svg [default: STATE.png].
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The adjacency matrix of a year as a heat map, states in COW-code order (grouped by region).
///
/// Example: `pactnet plot matrix --year 1960 --layer defense -o m.png`
#[derive(Debug, Args)]
struct MatrixArgs {
    /// The year.
    #[arg(long, value_name = "YEAR", value_parser = crate::args::parse_year)]
    year: i32,
    /// The layer.
    #[arg(long, alias = "layers", default_value = "any")]
    layer: Layer,
    #[command(flatten)]
    size: SizeArgs,
    /// Output file: .png or .svg.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

/// Picture size.
#[derive(Debug, Clone, Args)]
pub(crate) struct SizeArgs {
    /// Width in pixels (200..=8000).
    #[arg(long, default_value_t = 1600, value_parser = clap::value_parser!(u32).range(200..=8000))]
    pub(crate) width: u32,
    /// Height in pixels (150..=8000).
    #[arg(long, default_value_t = 1200, value_parser = clap::value_parser!(u32).range(150..=8000))]
    pub(crate) height: u32,
}

pub fn run(args: &PlotArgs, input: &InputArgs) -> anyhow::Result<()> {
    match &args.command {
        PlotCommand::Network(a) => network(a, input),
        PlotCommand::Years(a) => years(a, input),
        PlotCommand::Animate(a) => animate(a, input),
        PlotCommand::Series(a) => series(a, input),
        PlotCommand::State(a) => state(a, input),
        PlotCommand::Matrix(a) => matrix(a, input),
        PlotCommand::Durations(a) => super::durations::plot(a, input),
        PlotCommand::Reach(a) => super::reach::plot(a, input),
    }
}

/// The format of `path`, which must be one of `allowed`.
pub(crate) fn format_of(path: &Path, allowed: &[ImageFormat]) -> anyhow::Result<ImageFormat> {
    match ImageFormat::of_path(path) {
        Some(f) if allowed.contains(&f) => Ok(f),
        _ => {
            let names: Vec<String> = allowed.iter().map(|f| format!(".{}", f.extension())).collect();
            let list = match names.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
                _ => names.concat(),
            };
            Err(usage(format!("-o {}: the output must end in {list}", path.display())))
        }
    }
}

/// Writes `bytes` to `path` atomically.
pub(crate) fn write_file(path: &Path, bytes: &[u8], input: &InputArgs) -> anyhow::Result<()> {
    Ok(write_atomically(path, &input.input_paths(), |out| out.write_all(bytes))?)
}

fn animate(a: &AnimateArgs, input: &InputArgs) -> anyhow::Result<()> {
    format_of(&a.output, &[ImageFormat::Gif])?;
    let mut options = PlotOptions::try_from(&a.look)?;
    let s = Session::open(input, true)?;
    options.highlight = highlight_states(&s, &a.look.highlight)?;
    let years = s.timeline.select(Some(a.years.0.clone()))?;
    let bar = progress_bar(years.count(), input, "scenes");
    Ok(write_atomically(&a.output, &input.input_paths(), |out| {
        let written = write_animation(
            &s.graph,
            &s.timeline,
            a.years.0.clone(),
            a.look.layer,
            &options,
            a.fps,
            &mut || bar.inc(1),
            out,
        );
        bar.finish_and_clear();
        written.map_err(std::io::Error::other)
    })?)
}

fn series(a: &SeriesArgs, input: &InputArgs) -> anyhow::Result<()> {
    let format = format_of(&a.output, &[ImageFormat::Png, ImageFormat::Svg])?;
    let s = Session::open(input, true)?;
    let request = SeriesRequest {
        years: a.years.range(),
        layers: expand_layers(&a.layers, input.source()),
        metrics: a.metrics.clone(),
        eras: a.eras,
        width: a.size.width,
        height: a.size.height,
    };
    let bytes = series_picture(&s.graph, &s.timeline, &request, format)?;
    write_file(&a.output, &bytes, input)
}

fn state(a: &StateArgs, input: &InputArgs) -> anyhow::Result<()> {
    let s = Session::open(input, true)?;
    let v = find_state(&s, &a.state)?;
    let path = a
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}.png", pactnet::io::atomic::safe_file_name(&state_label(&s, v)))));
    let format = format_of(&path, &[ImageFormat::Png, ImageFormat::Svg])?;
    let canvas = Canvas { format, width: a.size.width, height: a.size.height };
    let bytes = state_picture(&s.graph, &s.timeline, v, a.layer, a.years.range(), a.eras, canvas)?;
    write_file(&path, &bytes, input)
}

fn matrix(a: &MatrixArgs, input: &InputArgs) -> anyhow::Result<()> {
    let format = format_of(&a.output, &[ImageFormat::Png, ImageFormat::Svg])?;
    let s = Session::open(input, true)?;
    let canvas = Canvas { format, width: a.size.width, height: a.size.height };
    let bytes = matrix_picture(&s.graph, &s.timeline, a.year, a.layer, canvas)?;
    write_file(&a.output, &bytes, input)
}

fn network(a: &NetworkArgs, input: &InputArgs) -> anyhow::Result<()> {
    let format = format_of(&a.output, &[ImageFormat::Png, ImageFormat::Svg, ImageFormat::Pdf])?;
    let mut options = PlotOptions::try_from(&a.look)?;
    a.window.reject_date(&a.period)?;
    let s = a.window.open(input)?;
    options.highlight = highlight_states(&s, &a.look.highlight)?;
    let period = a.period.period()?;
    let scene = network_scene(&s.graph, &s.timeline, period, a.look.layer, &options)?;
    if !input.quiet {
        for &id in &options.highlight {
            if !scene.nodes.iter().any(|n| n.ccode == id.0) {
                let name = s.graph.data.states.lookup(&id.0.to_string()).map_or(id.to_string(), |v| state_label(&s, v));
                eprintln!(
                    "pactnet: warning: --highlight {name}: not in the {period} picture \
                     (not a state then, or an isolate hidden)"
                );
            }
        }
    }
    let (bytes, geo) = render_network(&scene, &options, format)?;
    write_file(&a.output, &bytes, input)?;
    if let Some(path) = &a.positions {
        write_file(path, geo.positions_csv(&scene).as_bytes(), input)?;
    }
    Ok(())
}

fn years(a: &YearsArgs, input: &InputArgs) -> anyhow::Result<()> {
    let format = match a.format.as_str() {
        "svg" => ImageFormat::Svg,
        "pdf" => ImageFormat::Pdf,
        _ => ImageFormat::Png,
    };
    let mut options = PlotOptions::try_from(&a.look)?;
    let s = a.window.open(input)?;
    options.highlight = highlight_states(&s, &a.look.highlight)?;
    let years = s.timeline.select(a.years.range())?;
    for dir in std::iter::once(&a.output).chain(&a.positions) {
        std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create the directory", dir.display()))?;
    }
    let plotter = NetworkPlotter::new(&s.graph, &s.timeline, a.look.layer, &options, years.clone())?;
    let list: Vec<i32> = years.collect();
    let bar = progress_bar(list.len(), input, "plot");
    let layer = a.look.layer;
    let result: anyhow::Result<Vec<()>> = list
        .par_iter()
        .map_init(
            || (SnapshotBuilder::new(&s.graph, &s.timeline), Snapshot::default()),
            |(builder, snap), &year| {
                let scene = plotter.scene_with(builder, snap, Period::Year(year))?;
                let (bytes, geo) = render_network(&scene, &options, format)?;
                let path = a.output.join(format!("network-{year}-{}.{}", layer.name(), format.extension()));
                write_file(&path, &bytes, input)?;
                if let Some(dir) = &a.positions {
                    let csv = dir.join(format!("positions-{year}-{}.csv", layer.name()));
                    write_file(&csv, geo.positions_csv(&scene).as_bytes(), input)?;
                }
                bar.inc(1);
                Ok(())
            },
        )
        .collect();
    bar.finish_and_clear();
    result.map(|_| ())
}
