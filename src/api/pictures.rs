//! Whole pictures as bytes (PNG or SVG), as `pactnet plot network` and `pactnet plot series`
//! draw them: the plot stage's scene or chart, rendered by the output format.

use crate::analysis::{self, GraphMetric, MetricRequest};
use crate::graph::{AllianceGraph, Period, Timeline};
use crate::plot::geometry::NetworkGeometry;
use crate::plot::network::{draw_network_geometry, draw_network_without_marks, network_geometry};
use crate::plot::output::{self, ImageFormat};
use crate::plot::series::{self, draw_series};
use crate::plot::style::data_caption;
use crate::plot::{NetworkPlotter, NetworkScene, PlotOptions, PlotResult, SeriesChart};
use crate::Layer;
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
    let bytes = match format {
        // The SVG's nodes and labels are written with the geometry's fractional centres.
        ImageFormat::Svg => geo
            .add_svg_marks(
                output::svg(options.width, options.height, |a| draw_network_without_marks(a, scene, &geo))?,
                scene,
            )
            .into_bytes(),
        _ => output::png(options.width, options.height, |a| draw_network_geometry(a, scene, &geo))?,
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
    match format {
        ImageFormat::Svg => {
            output::svg(request.width, request.height, |a| draw_series(a, &chart)).map(String::into_bytes)
        }
        _ => output::png(request.width, request.height, |a| draw_series(a, &chart)),
    }
}
