//! Whole pictures as bytes (PNG or SVG), as `pactnet plot network`, `series`, `state`,
//! `matrix`, `durations`, `reach` and `animate` (GIF) draw them: the plot stage's scene or chart, rendered by the
//! output format. The CLI and the Python and R packages call these, so a picture's bytes are the
//! same from each.

use crate::analysis::{self, GraphMetric, MetricRequest};
use crate::graph::{AllianceGraph, Period, Timeline};
use crate::measures::reach::{reach, Direction};
use crate::measures::survival::{durations, GroupBy};
use crate::model::DenseIndex;
use crate::plot::durations::{draw_durations, DurationChart};
use crate::plot::geometry::NetworkGeometry;
use crate::plot::matrix::draw_matrix;
use crate::plot::network::{draw_network, draw_network_geometry, draw_network_without_marks, network_geometry};
use crate::plot::output::{self, ImageFormat};
use crate::plot::reach::{draw_reach, ReachScene};
use crate::plot::series::{self, draw_series};
use crate::plot::state::draw_state;
use crate::plot::style::data_caption;
use crate::plot::style::source_caption;
use crate::plot::{check_size, MatrixScene, StateChart};
use crate::plot::{NetworkPlotter, NetworkScene, PlotOptions, PlotResult, SeriesChart};
use crate::{Dataset, Layer, SnapshotBuilder};
use std::ops::RangeInclusive;

/// Renders a network scene as PNG (any format but SVG) or SVG text, with the picture's geometry
/// (node circles and label boxes in pixels, for `--positions`).
///
/// # Errors
/// The drawing's or the encoder's [`crate::plot::PlotError`].
pub fn render_network(
    scene: &NetworkScene,
    options: &PlotOptions,
    format: ImageFormat,
) -> PlotResult<(Vec<u8>, NetworkGeometry)> {
    let geo = network_geometry(scene, options.width, options.height)?;
    // The SVG's nodes and labels are written with the geometry's fractional centres; the PDF is
    // that SVG converted.
    let svg = || -> PlotResult<String> {
        let drawn = output::svg(options.width, options.height, |a| draw_network_without_marks(a, scene, &geo))?;
        Ok(geo.add_svg_marks(drawn, scene))
    };
    let bytes = match format {
        ImageFormat::Svg => svg()?.into_bytes(),
        ImageFormat::Pdf => output::pdf_from_svg(&svg()?)?,
        ImageFormat::Png | ImageFormat::Gif => {
            output::png(options.width, options.height, |a| draw_network_geometry(a, scene, &geo))?
        }
    };
    Ok((bytes, geo))
}

/// The scene of one year (or day) and layer. A day prepares its own year only (clamped to the
/// data's years); the stable layout's places do not depend on the years prepared.
///
/// # Errors
/// A period outside the data or a bad size.
pub fn network_scene(
    graph: &AllianceGraph,
    timeline: &Timeline,
    period: Period,
    layer: Layer,
    options: &PlotOptions,
) -> PlotResult<NetworkScene> {
    let all = timeline.years();
    let year = match period {
        Period::Date(d) => chrono::Datelike::year(&d).clamp(*all.start(), *all.end()),
        Period::Year(y) => y,
    };
    NetworkPlotter::new(graph, timeline, layer, options, year..=year)?.scene(period)
}

/// The network picture of one year (or day) and layer. A day prepares the layout of its own
/// year only (clamped to the data's years).
///
/// # Errors
/// A period outside the data, a bad size, or a drawing error.
pub fn network_picture(
    graph: &AllianceGraph,
    timeline: &Timeline,
    period: Period,
    layer: Layer,
    options: &PlotOptions,
    format: ImageFormat,
) -> PlotResult<Vec<u8>> {
    let scene = network_scene(graph, timeline, period, layer, options)?;
    Ok(render_network(&scene, options, format)?.0)
}

/// The animation `pactnet plot animate` draws: one network frame per year of `years` (states
/// keeping their places, the year counting in the legend panel), written to `out` as a looping
/// GIF at `fps` frames per second. `on_scene` is called once per year prepared (a progress bar).
///
/// # Errors
/// Years outside the data, a bad size, or a drawing or encoding error.
#[allow(clippy::too_many_arguments)]
pub fn write_animation(
    graph: &AllianceGraph,
    timeline: &Timeline,
    years: RangeInclusive<i32>,
    layer: Layer,
    options: &PlotOptions,
    fps: u32,
    on_scene: &mut dyn FnMut(),
    out: &mut dyn std::io::Write,
) -> PlotResult<()> {
    let years = timeline.select(Some(years))?;
    let plotter = NetworkPlotter::new(graph, timeline, layer, options, years.clone())?;
    let scenes = years
        .map(|y| {
            let mut scene = plotter.scene(Period::Year(y))?;
            scene.counter = Some(y.to_string());
            on_scene();
            Ok(scene)
        })
        .collect::<PlotResult<Vec<NetworkScene>>>()?;
    crate::plot::animate::write_gif(options.width, options.height, fps, &scenes, draw_frame, out)
}

/// One animation frame (a named function: a generic one is not general over the raster's
/// lifetime).
fn draw_frame(
    area: &plotters::drawing::DrawingArea<crate::plot::raster::Raster<'_>, plotters::coord::Shift>,
    scene: &NetworkScene,
) -> PlotResult<()> {
    draw_network(area, scene)
}

/// What a series picture shows: graph metrics over the years, one line per layer.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesRequest {
    /// Years, inclusive; `None`: every year of the data.
    pub years: Option<RangeInclusive<i32>>,
    /// Layers, one line each.
    pub layers: Vec<Layer>,
    /// Graph metrics, one panel each.
    pub metrics: Vec<GraphMetric>,
    /// Shade the world wars and the Cold War.
    pub eras: bool,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// The series picture of graph metrics over time.
///
/// # Errors
/// Years outside the data, a bad size, or a drawing error.
pub fn series_picture(
    graph: &AllianceGraph,
    timeline: &Timeline,
    request: &SeriesRequest,
    format: ImageFormat,
) -> PlotResult<Vec<u8>> {
    let metrics = MetricRequest {
        years: Some(timeline.select(request.years.clone())?),
        layers: request.layers.clone(),
        graph_metrics: request.metrics.clone(),
        ..MetricRequest::default()
    };
    let tables = analysis::run(graph, timeline, &metrics)?;
    let eras = if request.eras { series::eras() } else { Vec::new() };
    let chart = SeriesChart::from_tables(&tables, &request.metrics, data_caption(&graph.data), eras);
    let (w, h) = (request.width, request.height);
    match format {
        ImageFormat::Svg => output::svg(w, h, |a| draw_series(a, &chart)).map(String::into_bytes),
        ImageFormat::Pdf => output::pdf(w, h, |a| draw_series(a, &chart)),
        ImageFormat::Png | ImageFormat::Gif => output::png(w, h, |a| draw_series(a, &chart)),
    }
}

/// Renders with the same draw function on an SVG canvas (SVG, and PDF converted from it) or a
/// PNG one (PNG, and GIF, which has no still pictures of its own).
macro_rules! render {
    ($format:expr, $width:expr, $height:expr, |$area:ident| $draw:expr) => {
        match $format {
            ImageFormat::Svg => output::svg($width, $height, |$area| $draw).map(String::into_bytes),
            ImageFormat::Pdf => output::pdf($width, $height, |$area| $draw),
            ImageFormat::Png | ImageFormat::Gif => output::png($width, $height, |$area| $draw),
        }
    };
}

/// A picture's format and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Canvas {
    /// PNG or SVG.
    pub format: ImageFormat,
    /// Width in pixels (200..=8000).
    pub width: u32,
    /// Height in pixels (150..=8000).
    pub height: u32,
}

impl Canvas {
    fn checked(self) -> PlotResult<Self> {
        check_size(self.width, self.height)?;
        Ok(self)
    }
}

/// `pactnet plot state`: a state's degree, betweenness and alliances over `years` (`None`: the
/// years it is in the data) in `layer`, with the eras shaded when asked.
///
/// # Errors
/// Years outside the data, a bad size, or a drawing error.
pub fn state_picture(
    graph: &AllianceGraph,
    timeline: &Timeline,
    state: DenseIndex,
    layer: Layer,
    years: Option<RangeInclusive<i32>>,
    eras: bool,
    canvas: Canvas,
) -> PlotResult<Vec<u8>> {
    let c = canvas.checked()?;
    let eras = if eras { series::eras() } else { Vec::new() };
    let chart = StateChart::build(graph, timeline, state, layer, years, eras)?;
    render!(c.format, c.width, c.height, |a| draw_state(a, &chart))
}

/// `pactnet plot matrix`: the adjacency matrix of one year's snapshot of `layer`.
///
/// # Errors
/// A year outside the data, a bad size, or a drawing error.
pub fn matrix_picture(
    graph: &AllianceGraph,
    timeline: &Timeline,
    year: i32,
    layer: Layer,
    canvas: Canvas,
) -> PlotResult<Vec<u8>> {
    let c = canvas.checked()?;
    let snap = SnapshotBuilder::new(graph, timeline).build(Period::Year(year), layer)?;
    let scene = MatrixScene::build(graph, &snap);
    render!(c.format, c.width, c.height, |a| draw_matrix(a, &scene))
}

/// `pactnet plot durations`: the Kaplan–Meier curves of alliances, grouped `by`.
///
/// # Errors
/// A bad size or a drawing error.
pub fn durations_picture(data: &Dataset, by: GroupBy, canvas: Canvas) -> PlotResult<Vec<u8>> {
    let c = canvas.checked()?;
    let table = durations(data, by);
    let chart = DurationChart::from_table(&table, source_caption(&data.member_file));
    render!(c.format, c.width, c.height, |a| draw_durations(a, &chart))
}

/// `pactnet plot reach`: the chains of pledges to (`In`) or from (`Out`) `root` on a year or day,
/// as rings around the state.
///
/// # Errors
/// A period outside the data, a bad size, or a drawing error.
pub fn reach_picture(
    graph: &AllianceGraph,
    timeline: &Timeline,
    period: Period,
    layer: Layer,
    root: DenseIndex,
    direction: Direction,
    canvas: Canvas,
) -> PlotResult<Vec<u8>> {
    let c = canvas.checked()?;
    let rows = reach(graph, timeline, period, layer, root, direction)?;
    let st = graph.data.states.state(root);
    let who = if st.abbr.is_empty() { st.id.to_string() } else { st.abbr.clone() };
    let what = match layer {
        Layer::Any => "pledges (any obligation)".to_string(),
        Layer::Only(o) => format!("{o} pledges"),
    };
    let title = match direction {
        Direction::In => format!("Chains of {what} to {who}, {period}"),
        Direction::Out => format!("Chains of {what} from {who}, {period}"),
    };
    let scene = ReachScene::build(&graph.data.states, root, &rows, title, data_caption(&graph.data));
    render!(c.format, c.width, c.height, |a| draw_reach(a, &scene))
}
