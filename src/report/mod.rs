//! The study report: one directory with the metric tables, blocs, closure, time-series plots,
//! network pictures of chosen years, and an `index.html` that shows them (a static page that
//! opens from disk, with no network access).
//!
//! Place in the flow: the last stage. It calls the analysis, measures and plot stages, holds every
//! file in memory until all are made, then writes each atomically; files of the directory that
//! it does not write are left alone. A report that fails leaves nothing new: no file is written
//! before every one is made, and a write that fails removes the files (and the directory) this
//! run created.

mod html;

use crate::analysis::{self, GraphMetric, Level, MetricRequest, MetricTables};
use crate::error::QueryError;
use crate::graph::{AllianceGraph, Period, Timeline};
use crate::io::atomic::{write_atomically, WriteError};
use crate::io::table::{write_table_with, CsvCells, OutputFormat, Table};
use crate::measures::blocs::{yearly_blocs, BlocRequest, BlocTable};
use crate::measures::dynamics::{changes, ChangeRequest};
use crate::model::Layer;
use crate::plot::layout::{LayoutOptions, Layouter};
use crate::plot::network::draw_network;
use crate::plot::series::{draw_series, eras, Line, Panel, SeriesChart};
use crate::plot::{output, style, NetworkPlotter, NodeColor, PlotError, PlotOptions};
use plotters::style::RGBColor;
use rayon::prelude::*;
use std::io::Write;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A requested year is outside the data.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// A picture could not be drawn.
    #[error(transparent)]
    Plot(#[from] PlotError),
    /// A file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// The directory could not be created.
    #[error("{path}: cannot create the report directory: {error}")]
    Directory {
        /// The directory.
        path: PathBuf,
        /// The operating system's error.
        error: std::io::Error,
    },
}

/// What goes into the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// Years; `None`: every year of the data.
    pub years: Option<RangeInclusive<i32>>,
    /// Layers of the metric tables and series; those the data's source does not code are left
    /// out. Default: ATOP's six ([`Layer::ALL`]).
    pub layers: Vec<Layer>,
    /// Years drawn as network pictures; those outside the years are dropped. Default: 1816,
    /// 1870, 1914, 1939, 1955, 1989, 2016, or the first and last year when none of them is in.
    pub network_years: Vec<i32>,
    /// Picture size in pixels. Default: 1200×900.
    pub width: u32,
    /// Picture height. Default 900.
    pub height: u32,
    /// Seed of layouts and blocs. Default: 0.
    pub seed: u64,
    /// How the CSV tables' text cells are written. Default: spreadsheet-safe.
    pub csv_cells: CsvCells,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            years: None,
            layers: Layer::ALL.to_vec(),
            network_years: vec![1816, 1870, 1914, 1939, 1955, 1989, 2016],
            width: 1200,
            height: 900,
            seed: 0,
            csv_cells: CsvCells::Guarded,
        }
    }
}

/// A step of the report, for progress displays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Metric tables computed and written.
    Metrics,
    /// Blocs computed and written.
    Blocs,
    /// Closure and turnover computed and written.
    Closure,
    /// One time-series plot written.
    Series,
    /// One network picture written.
    Network(i32),
    /// The page written.
    Page,
}

/// What the report holds, for the page and the caller.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportSummary {
    /// Every file written, relative to the directory, in writing order.
    pub files: Vec<String>,
    /// The years covered.
    pub years: RangeInclusive<i32>,
    /// The network pictures' years.
    pub network_years: Vec<i32>,
}

/// Number of steps [`write_report`] reports for `options` (for a progress bar's length).
pub fn step_count(timeline: &Timeline, options: &ReportOptions) -> usize {
    let years = options.years.clone().unwrap_or_else(|| timeline.years());
    3 + SERIES + network_years(options, &years).len() + 1
}

/// Number of time-series plots.
const SERIES: usize = 3;

fn network_years(options: &ReportOptions, years: &RangeInclusive<i32>) -> Vec<i32> {
    let mut chosen: Vec<i32> = options.network_years.iter().copied().filter(|y| years.contains(y)).collect();
    chosen.sort_unstable();
    chosen.dedup();
    if chosen.is_empty() && !years.is_empty() {
        chosen = vec![*years.start(), *years.end()];
        chosen.dedup();
    }
    chosen
}

/// Writes the report of `graph` into `dir` (created if missing), calling `progress` after each
/// step. `inputs` are files that must never be overwritten.
///
/// # Errors
/// [`ReportError`] when a year is outside the data, a picture fails, or a file cannot be written.
pub fn write_report(
    graph: &AllianceGraph,
    timeline: &Timeline,
    options: &ReportOptions,
    dir: &Path,
    inputs: &[&Path],
    progress: &mut dyn FnMut(Step),
) -> Result<ReportSummary, ReportError> {
    let years = timeline.select(options.years.clone())?;
    // A directory that cannot be one fails before the work, not after it.
    if std::fs::metadata(dir).is_ok_and(|m| !m.is_dir()) {
        let error = std::io::Error::new(std::io::ErrorKind::AlreadyExists, "a file of that name exists");
        return Err(ReportError::Directory { path: dir.to_path_buf(), error });
    }
    let mut out = Out { csv_cells: options.csv_cells, files: Vec::new() };

    // The tables, and layer any's stable layout of every year (whose reference is computed on
    // one thread), side by side; the layout serves the pictures and the explore page alike.
    let layout_options = LayoutOptions { seed: options.seed, ..LayoutOptions::default() };
    let (layout, studied) = rayon::join(
        || -> Result<_, QueryError> {
            let layouter = Layouter::new(graph, timeline, Layer::Any, &layout_options)?;
            let layouts = layouter.years(years.clone())?;
            Ok((layouter, layouts))
        },
        || -> Result<_, QueryError> {
            let request = MetricRequest {
                years: Some(years.clone()),
                // Layers of types the data's source does not code are left out.
                layers: options.layers.iter().copied().filter(|l| graph.data.source.layers().contains(l)).collect(),
                level: Level::Both,
                ..Default::default()
            };
            let tables = analysis::run(graph, timeline, &request)?;
            let bloc_request = BlocRequest { years: Some(years.clone()), seed: options.seed, ..Default::default() };
            let blocs = yearly_blocs(graph, timeline, &bloc_request)?;
            let closure =
                changes(graph, timeline, &ChangeRequest { years: Some(years.clone()), ..Default::default() })?;
            Ok((tables, blocs, closure))
        },
    );
    let ((layouter, layouts), (tables, blocs, closure)) = (layout?, studied?);
    out.table("graph_metrics.csv", &tables.graph_table())?;
    out.table("node_metrics.csv", &tables.node_table())?;
    progress(Step::Metrics);
    out.table("blocs.csv", &blocs.node_table())?;
    out.table("blocs_summary.csv", &blocs.summary_table())?;
    progress(Step::Blocs);
    out.table("closure.csv", &closure)?;
    progress(Step::Closure);

    let caption = style::data_caption(&graph.data);
    let (w, h) = (options.width, options.height);
    // Pictures are drawn in parallel and kept in their fixed order.
    let series = series_charts(&tables, &blocs, &caption)
        .into_par_iter()
        .map(|(name, chart)| Ok((name, output::png(w, h, |area| draw_series(area, &chart))?)))
        .collect::<Result<Vec<_>, PlotError>>()?;
    for (name, png) in series {
        out.bytes(name, &png)?;
        progress(Step::Series);
    }

    let network_years = network_years(options, &years);
    // Each chosen year twice: layer any coloured by region, and layer defense coloured by bloc
    // with isolates hidden (where NATO, the Warsaw Pact, Rio and the Arab League show), both on
    // layer any's stable layout, so that a state stands in one place in the two pictures of a
    // year. One plotter per picture kind over the chosen years, so that a bloc keeps its colour
    // from picture to picture.
    if let (Some(&first), Some(&last)) = (network_years.first(), network_years.last()) {
        let kinds = [
            (Layer::Any, PlotOptions { width: w, height: h, seed: options.seed, ..PlotOptions::default() }, ""),
            (
                Layer::Only(crate::model::Obligation::Defense),
                PlotOptions {
                    width: w,
                    height: h,
                    color: NodeColor::Community,
                    isolates: crate::plot::Isolates::Hide,
                    seed: options.seed,
                    ..PlotOptions::default()
                },
                "-defense",
            ),
        ];
        let plotters = kinds
            .into_par_iter()
            .map(|(layer, plot_options, suffix)| {
                let layouter = layouter.clone();
                NetworkPlotter::on_layout(graph, timeline, layer, &plot_options, first..=last, layouter, &layouts)
                    .map(|p| (p, suffix))
            })
            .collect::<Result<Vec<_>, PlotError>>()?;
        let pictures: Vec<(&NetworkPlotter<'_>, &str, i32)> = plotters
            .iter()
            .flat_map(|(plotter, suffix)| network_years.iter().map(move |&year| (plotter, *suffix, year)))
            .collect();
        let drawn = pictures
            .into_par_iter()
            .map(|(plotter, suffix, year)| {
                let scene = plotter.scene(Period::Year(year))?;
                let png = output::png(w, h, |area| draw_network(area, &scene))?;
                Ok((format!("network-{year}{suffix}.png"), png))
            })
            .collect::<Result<Vec<_>, PlotError>>()?;
        for (name, png) in drawn {
            out.bytes(&name, &png)?;
        }
        for &year in &network_years {
            progress(Step::Network(year));
        }
    }

    out.bytes("explore.html", crate::explore::page_from(graph, timeline, &layouts, &blocs)?.as_bytes())?;
    let page = html::page(graph, &years, &network_years, &tables, &blocs, &closure, &caption);
    out.bytes("index.html", page.as_bytes())?;
    let files = out.write_all(dir, inputs)?;
    progress(Step::Page);
    Ok(ReportSummary { files, years, network_years })
}

/// The report's files, made in memory, in writing order.
struct Out {
    csv_cells: CsvCells,
    files: Vec<(String, Vec<u8>)>,
}

impl Out {
    fn table(&mut self, name: &str, table: &dyn Table) -> Result<(), ReportError> {
        let mut bytes = Vec::new();
        write_table_with(table, OutputFormat::Csv, self.csv_cells, &mut bytes)
            .map_err(|error| WriteError::Io { path: PathBuf::from(name), error })?;
        self.files.push((name.to_string(), bytes));
        Ok(())
    }

    fn bytes(&mut self, name: &str, bytes: &[u8]) -> Result<(), ReportError> {
        self.files.push((name.to_string(), bytes.to_vec()));
        Ok(())
    }

    /// Writes every file into `dir` (created if missing), each atomically. On a failure the
    /// files this call created (those that did not exist before) are removed, and `dir` too when
    /// this call created it, so that nothing new is left; files it replaced keep their new text.
    fn write_all(self, dir: &Path, inputs: &[&Path]) -> Result<Vec<String>, ReportError> {
        let created_dir = !dir.exists();
        std::fs::create_dir_all(dir).map_err(|error| ReportError::Directory { path: dir.to_path_buf(), error })?;
        let mut created: Vec<PathBuf> = Vec::new();
        let mut names = Vec::with_capacity(self.files.len());
        for (name, bytes) in self.files {
            let path = dir.join(&name);
            let existed = std::fs::symlink_metadata(&path).is_ok();
            if let Err(e) = write_atomically(&path, inputs, |w: &mut dyn Write| w.write_all(&bytes)) {
                for p in &created {
                    let _ = std::fs::remove_file(p);
                }
                if created_dir {
                    let _ = std::fs::remove_dir(dir);
                }
                return Err(e.into());
            }
            if !existed {
                created.push(path);
            }
            names.push(name);
        }
        Ok(names)
    }
}

/// The three time-series plots: structure (density, transitivity), blocs (number, modularity),
/// and alliances by type (distinct alliances per layer).
fn series_charts(tables: &MetricTables<'_>, blocs: &BlocTable<'_>, caption: &str) -> Vec<(&'static str, SeriesChart)> {
    let structure = SeriesChart::from_tables(
        tables,
        &[GraphMetric::Density, GraphMetric::Transitivity],
        caption.to_string(),
        eras(),
    );
    let mut alliances = SeriesChart::from_tables(tables, &[GraphMetric::Alliances], caption.to_string(), eras());
    alliances.title = "Alliances in force, by obligation type".to_string();
    let points = |f: &dyn Fn(&crate::measures::blocs::YearBlocs) -> f64| {
        blocs.years.iter().map(|y| (f64::from(y.year), f(y))).collect::<Vec<_>>()
    };
    let black = RGBColor(0, 0, 0);
    let bloc_chart = SeriesChart {
        title: "Blocs (Louvain communities, layer any)".to_string(),
        caption: caption.to_string(),
        panels: vec![
            Panel {
                name: "blocs".to_string(),
                lines: vec![Line { label: "blocs".to_string(), color: black, points: points(&|y| y.blocs as f64) }],
            },
            Panel {
                name: "modularity".to_string(),
                lines: vec![Line { label: "modularity".to_string(), color: black, points: points(&|y| y.modularity) }],
            },
        ],
        eras: eras(),
        legend: vec![("layer any".to_string(), black)],
        x_label: "year".to_string(),
    };
    vec![("series-structure.png", structure), ("series-blocs.png", bloc_chart), ("series-alliances.png", alliances)]
}
