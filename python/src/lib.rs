//! `pactnet._pactnet`: the Rust core of the `pactnet` Python package. Every table method returns
//! the CLI's own table as typed columns (see [`columns`]); `pactnet/__init__.py` makes them
//! pandas DataFrames. Long computations run with the GIL released.

mod columns;
mod errors;

use columns::Columns;
use errors::{
    bad_argument, from_error, from_load, from_plot, from_query, from_report, from_session, from_write, DataError,
};
use pactnet::analysis::{self, GraphMetric, Level, MetricRequest, NodeMetric};
use pactnet::api::choices::{parse_layers, split_metrics};
use pactnet::api::pictures::{
    durations_picture, matrix_picture, network_picture, reach_picture, series_picture, state_picture, write_animation,
    Canvas, SeriesRequest,
};
use pactnet::api::session::{LoadRequest, Spelling};
use pactnet::api::summary::Summary;
use pactnet::api::tables;
use pactnet::export::alliances::AllianceDetail;
use pactnet::export::dyadyears::{Direction, DyadYearOptions, DyadYears, Dyads};
use pactnet::export::gexf::write_gexf;
use pactnet::export::graphml::write_graphml;
use pactnet::export::nodelink::node_link;
use pactnet::export::provisions::DyadProvisions;
use pactnet::export::statelevel::StateYears;
use pactnet::export::{NodeMetrics, SnapshotExport};
use pactnet::io::atomic::write_atomically;
use pactnet::io::Source;
use pactnet::measures::blocs::{yearly_blocs, BlocRequest};
use pactnet::measures::cliques::{yearly_cliques, MAX_CLIQUES};
use pactnet::measures::dynamics::{changes, ChangeRequest};
use pactnet::measures::reach::{reach, Direction as ReachDirection, ReachTable};
use pactnet::measures::separation::{separation, Pairs, SeparationRequest};
use pactnet::measures::similarity::{similarity, Coding, Measure, SimilarityRequest};
use pactnet::measures::survival::{durations, GroupBy};
use pactnet::model::{AllianceId, DenseIndex};
use pactnet::plot::output::ImageFormat;
use pactnet::plot::{FigureText, Isolates, PlotOptions};
use pactnet::report::{write_report, ReportOptions};
use pactnet::{
    AllianceGraph, Inputs, Layer, LoadOptions, OnRowError, Period, Snapshot, SnapshotBuilder, SystemEnd, SystemFilter,
    Timeline, YearRule,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

/// A table as `[(name, kind, data)]` columns (see [`Columns::into_py`]).
type PyTable = Py<PyList>;

/// Years as `(first, last)`, inclusive, from Python (already normalised there).
type Years = Option<(i32, i32)>;

fn years(y: Years) -> Option<RangeInclusive<i32>> {
    y.map(|(a, b)| a..=b)
}

fn layer(name: &str) -> PyResult<Layer> {
    name.parse().map_err(bad_argument)
}

/// A table gathered into columns, as `[(name, kind, data)]`.
fn table_out(py: Python<'_>, cols: std::io::Result<Columns>) -> PyResult<PyTable> {
    cols.map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?.into_py(py)
}

/// The loaded data: the multigraph and its timeline.
#[pyclass(frozen, module = "pactnet._pactnet")]
struct Network {
    graph: AllianceGraph,
    timeline: Timeline,
    warnings: Vec<String>,
    inputs: Inputs,
    /// Paths that outputs must never overwrite.
    input_paths: Vec<PathBuf>,
    sample: bool,
}

#[pyfunction]
#[pyo3(signature = (members=None, states=None, alliances=None, cow_alliances=None, codesheets=None, system="cow", data_end=None, year_rule="any", lenient=false, combine_sources=false, atop_dyads=None, system_end="data", filter=None, window=1, max_edges=pactnet::graph::multigraph::MAX_EDGES))]
#[allow(clippy::too_many_arguments)]
fn load(
    py: Python<'_>,
    members: Option<PathBuf>,
    states: Option<PathBuf>,
    alliances: Option<PathBuf>,
    cow_alliances: Option<PathBuf>,
    codesheets: Option<PathBuf>,
    system: &str,
    data_end: Option<i32>,
    year_rule: &str,
    lenient: bool,
    combine_sources: bool,
    atop_dyads: Option<PathBuf>,
    system_end: &str,
    filter: Option<&str>,
    window: u32,
    max_edges: usize,
) -> PyResult<Network> {
    let spelling = Spelling::Python;
    let request = LoadRequest {
        members,
        states,
        alliances,
        cow_alliances,
        combine_sources,
        codesheets,
        atop_dyads,
        options: LoadOptions {
            data_end,
            on_row_error: if lenient { OnRowError::Skip } else { OnRowError::Fail },
            system_end: spelling.choice::<SystemEnd>("system_end", system_end).map_err(from_session)?,
        },
        filter: filter.map(|text| spelling.filter(text)).transpose().map_err(from_session)?,
        system: spelling.choice::<SystemFilter>("system", system).map_err(from_session)?,
        year_rule: spelling.choice::<YearRule>("year_rule", year_rule).map_err(from_session)?,
        window,
        max_edges,
        spelling,
    };
    let loaded = py.detach(|| request.open()).map_err(from_session)?;
    let input_paths = request.input_paths();
    Ok(Network {
        graph: loaded.graph,
        timeline: loaded.timeline,
        warnings: loaded.diagnostics.warnings().map(|w| w.to_string()).collect(),
        inputs: loaded.inputs,
        input_paths,
        sample: loaded.sample,
    })
}

impl Network {
    /// The figure controls of `plot network` and `plot animate` (`--palette`, `--font-size`,
    /// `--highlight`, `--title`, `--caption`) set on `options`; highlighted states resolved as
    /// every state argument.
    fn figure(
        &self,
        options: &mut PlotOptions,
        palette: &str,
        font_size: Option<f64>,
        highlight: Vec<String>,
        title: Option<&str>,
        caption: Option<&str>,
    ) -> PyResult<()> {
        options.palette = match palette.trim().to_ascii_lowercase().as_str() {
            "color" => pactnet::plot::Palette::Colour,
            "grayscale" => pactnet::plot::Palette::Greyscale,
            _ => palette.parse().map_err(bad_argument)?,
        };
        if let Some(pt) = font_size.filter(|pt| !pactnet::plot::FONT_SIZES.contains(pt)) {
            let (lo, hi) = (pactnet::plot::FONT_SIZES.start(), pactnet::plot::FONT_SIZES.end());
            return Err(PyValueError::new_err(format!("font_size {pt}: expected a size in {lo}..={hi} points")));
        }
        options.font_size = font_size;
        let mut ids = Vec::with_capacity(highlight.len());
        for name in highlight.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
            ids.push(self.graph.data.states.state(self.state(name)?).id);
        }
        ids.sort();
        ids.dedup();
        options.highlight = ids;
        let text = |t: Option<&str>| t.map_or(FigureText::Default, |t| t.parse().unwrap_or(FigureText::Default));
        options.title = text(title);
        options.caption = text(caption);
        Ok(())
    }

    fn state(&self, name: &str) -> PyResult<DenseIndex> {
        let states = &self.graph.data.states;
        states.lookup(name.trim()).ok_or_else(|| {
            from_query(pactnet::error::QueryError::UnknownState {
                name: name.to_string(),
                suggestions: states.suggestions(name),
            })
        })
    }

    fn period(year: Option<i32>, date: Option<&str>) -> PyResult<Period> {
        match (year, date) {
            (Some(_), Some(_)) => Err(PyValueError::new_err("give year or date, not both")),
            (None, Some(d)) => d.parse::<chrono::NaiveDate>().map(Period::Date).map_err(|_| {
                PyValueError::new_err(format!("date {d:?}: expected a day as YYYY-MM-DD, e.g. 1939-09-01"))
            }),
            (Some(y), None) => Ok(Period::Year(y)),
            (None, None) => Err(PyValueError::new_err("give year (e.g. 1914) or date (e.g. \"1939-09-01\")")),
        }
    }

    fn snapshot_of(&self, year: Option<i32>, layer_name: &str, date: Option<&str>) -> PyResult<Snapshot> {
        let period = Self::period(year, date)?;
        let layer = layer(layer_name)?;
        SnapshotBuilder::new(&self.graph, &self.timeline).build(period, layer).map_err(from_query)
    }

    /// The timeline with `window`-year windows (`None`: single years, the network's own).
    fn window_timeline(&self, window: u32) -> PyResult<Option<Timeline>> {
        match window {
            0 => Err(PyValueError::new_err("window 0: expected a number of years, 1 or more")),
            1 => Ok(None),
            n => Ok(Some(self.timeline.windowed(n))),
        }
    }

    /// Reads covariate files against the data's states (`None` when none is given), with the
    /// warnings the CLI prints after the table.
    fn covariates(
        &self,
        state: Vec<PathBuf>,
        dyad: Vec<(Option<String>, PathBuf)>,
        directed: bool,
    ) -> PyResult<(Option<pactnet::model::covariates::Covariates>, Vec<String>)> {
        use pactnet::io::covariates::{read_covariates, CovariateInputs};
        if state.is_empty() && dyad.is_empty() {
            return Ok((None, Vec::new()));
        }
        let inputs = CovariateInputs {
            state: state.into_iter().map(Source::File).collect(),
            dyad: dyad.into_iter().map(|(n, p)| (n, Source::File(p))).collect(),
            directed,
        };
        let (covariates, diags) =
            read_covariates(&inputs, &self.graph.data.states, OnRowError::Fail).map_err(from_error)?;
        Ok((Some(covariates), diags.iter().flat_map(|d| d.warnings().map(|w| w.to_string())).collect()))
    }

    fn inputs(&self) -> Vec<&Path> {
        self.input_paths.iter().map(PathBuf::as_path).collect()
    }
}

fn image_format(path: &Path) -> PyResult<ImageFormat> {
    match ImageFormat::of_path(path) {
        Some(f @ (ImageFormat::Png | ImageFormat::Svg)) => Ok(f),
        _ => Err(PyValueError::new_err(format!("{}: the output must end in .png or .svg", path.display()))),
    }
}

/// The picture's format: the file's extension, else `format` (`png` or `svg`).
fn picture_format(path: Option<&Path>, format: &str) -> PyResult<ImageFormat> {
    match (path, format.to_ascii_lowercase().as_str()) {
        (Some(p), _) => image_format(p),
        (None, "png") => Ok(ImageFormat::Png),
        (None, "svg") => Ok(ImageFormat::Svg),
        (None, other) => Err(PyValueError::new_err(format!("format {other:?}: expected png or svg"))),
    }
}

/// The look of a network picture (`plot network`'s and `plot animate`'s options), checked.
#[allow(clippy::too_many_arguments)]
fn look_options(
    layout: &str,
    anchoring: Option<f64>,
    color: &str,
    size: &str,
    labels: &str,
    hide_isolates: bool,
    width: u32,
    height: u32,
    seed: u64,
) -> PyResult<PlotOptions> {
    let size = if size.eq_ignore_ascii_case("none") {
        None
    } else {
        Some(size.parse::<NodeMetric>().map_err(|e| PyValueError::new_err(format!("{e}, none")))?)
    };
    let anchoring = anchoring.unwrap_or(pactnet::plot::layout::DEFAULT_ANCHORING);
    if !(0.0..=0.99).contains(&anchoring) {
        return Err(PyValueError::new_err(format!("anchoring {anchoring}: expected a number in 0..=0.99")));
    }
    let options = PlotOptions {
        layout: layout.parse().map_err(bad_argument)?,
        anchoring,
        color: color.parse().map_err(bad_argument)?,
        size,
        labels: labels.parse().map_err(bad_argument)?,
        isolates: if hide_isolates { Isolates::Hide } else { Isolates::Show },
        width,
        height,
        seed,
        ..PlotOptions::default()
    };
    options.check().map_err(from_plot)?;
    Ok(options)
}

/// Writes a picture's bytes to `path` (atomically, never onto an input) when one is given, and
/// returns them.
fn picture_out(py: Python<'_>, bytes: Vec<u8>, path: Option<&Path>, inputs: &[&Path]) -> PyResult<Py<PyBytes>> {
    if let Some(path) = path {
        write_atomically(path, inputs, |out| out.write_all(&bytes)).map_err(from_write)?;
    }
    Ok(PyBytes::new(py, &bytes).unbind())
}

#[pymethods]
impl Network {
    /// The figures `pactnet info` prints, as a dict.
    fn info<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let s = Summary::of(&self.graph, &self.timeline);
        let d = PyDict::new(py);
        d.set_item("members_file", &*self.inputs.members.display_name())?;
        d.set_item("states_file", &*self.inputs.states.display_name())?;
        d.set_item("alliance_file", self.inputs.alliances.as_ref().map(|a| a.display_name().to_string()))?;
        d.set_item("sample", self.sample)?;
        d.set_item("alliance_rows", s.alliance_rows)?;
        d.set_item("alliances", s.alliances)?;
        d.set_item("member_rows", s.member_rows)?;
        d.set_item("states_in_cow", s.states_in_cow)?;
        d.set_item("states_in_alliances", s.states_in_alliances)?;
        d.set_item("first_year", *s.years.start())?;
        d.set_item("last_year", *s.years.end())?;
        d.set_item("data_end", s.data_end)?;
        d.set_item("system_filter", s.filter.to_string())?;
        d.set_item("year_rule", self.timeline.rule().to_string())?;
        d.set_item("multigraph_edges", s.edges)?;
        let by_type = PyDict::new(py);
        for (o, n) in &s.edges_by_type {
            by_type.set_item(o.name(), n)?;
        }
        d.set_item("edges_by_type", by_type)?;
        d.set_item("untyped_edges", s.untyped_edges)?;
        d.set_item("counted_edges", s.counted_edges)?;
        d.set_item("snapshots", s.years.clone().count() * s.layers)?;
        d.set_item("warnings", self.warnings.clone())?;
        Ok(d)
    }

    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    /// `(first, last)`, inclusive.
    #[getter]
    fn year_span(&self) -> (i32, i32) {
        let y = self.timeline.years();
        (*y.start(), *y.end())
    }

    #[pyo3(signature = (year=None, layer="any", date=None, nodes=false))]
    fn snapshot(
        &self,
        py: Python<'_>,
        year: Option<i32>,
        layer: &str,
        date: Option<&str>,
        nodes: bool,
    ) -> PyResult<PyTable> {
        let snap = self.snapshot_of(year, layer, date)?;
        let columns = if nodes {
            Columns::of(&tables::snapshot_nodes(&self.graph, &snap))
        } else {
            Columns::of(&tables::snapshot_edges(&self.graph, &snap))
        };
        table_out(py, columns)
    }

    /// The snapshot as networkx's node-link JSON text.
    #[pyo3(signature = (year=None, layer="any", date=None))]
    fn node_link(&self, year: Option<i32>, layer: &str, date: Option<&str>) -> PyResult<String> {
        let snap = self.snapshot_of(year, layer, date)?;
        let x = SnapshotExport::new(&self.graph, &snap, NodeMetrics::none());
        Ok(node_link(&x).to_string())
    }

    fn multigraph(&self, py: Python<'_>) -> PyResult<PyTable> {
        let cols = py.detach(|| Columns::of(&tables::multigraph_edges(&self.graph)));
        table_out(py, cols)
    }

    /// `pactnet explore`: the interactive page as one HTML string (written to `path`
    /// atomically when given).
    #[pyo3(signature = (path=None, years=None, seed=0))]
    fn explore(&self, py: Python<'_>, path: Option<PathBuf>, years: Years, seed: u64) -> PyResult<String> {
        let options = pactnet::explore::ExploreOptions { years: self::years(years), seed };
        let page = py.detach(|| pactnet::explore::page(&self.graph, &self.timeline, &options)).map_err(from_query)?;
        if let Some(path) = path {
            let inputs = self.inputs();
            write_atomically(&path, &inputs, |out| out.write_all(page.as_bytes())).map_err(from_write)?;
        }
        Ok(page)
    }

    /// One row per alliance with every ATOP alliance-level column (`pactnet export alliances`).
    fn alliances(&self, py: Python<'_>) -> PyResult<PyTable> {
        let cols = py.detach(|| Columns::of(&pactnet::export::alliances::AllianceTable::new(&self.graph.data)));
        table_out(py, cols)
    }

    #[pyo3(signature = (years=None, layers=vec!["any".to_string()], level="graph", metrics=vec![], states=vec![]))]
    fn metrics(
        &self,
        py: Python<'_>,
        years: Years,
        layers: Vec<String>,
        level: &str,
        metrics: Vec<String>,
        states: Vec<String>,
    ) -> PyResult<(Option<PyTable>, Option<PyTable>)> {
        let level: Level = level.parse().map_err(bad_argument)?;
        let layers = parse_layers(&layers, self.graph.data.source.layers()).map_err(bad_argument)?;
        let (graph_metrics, node_metrics): (Vec<GraphMetric>, Vec<NodeMetric>) =
            split_metrics(&metrics, level).map_err(bad_argument)?;
        let states = if states.is_empty() {
            None
        } else {
            Some(states.iter().map(|n| self.state(n)).collect::<PyResult<Vec<_>>>()?)
        };
        let request = MetricRequest {
            years: self::years(years),
            layers,
            level,
            graph_metrics,
            node_metrics,
            states,
            ..MetricRequest::default()
        };
        let (g, n) = py
            .detach(|| {
                let tables = analysis::run(&self.graph, &self.timeline, &request)?;
                let g = level.graph().then(|| Columns::of(&tables.graph_table()));
                let n = level.node().then(|| Columns::of(&tables.node_table()));
                Ok::<_, pactnet::error::QueryError>((g, n))
            })
            .map_err(from_query)?;
        Ok((g.map(|c| table_out(py, c)).transpose()?, n.map(|c| table_out(py, c)).transpose()?))
    }

    #[pyo3(signature = (years=None, layer="any", seed=0, resolution=1.0, alpha=1.0, summary=false))]
    #[allow(clippy::too_many_arguments)]
    fn blocs(
        &self,
        py: Python<'_>,
        years: Years,
        layer: &str,
        seed: u64,
        resolution: f64,
        alpha: f64,
        summary: bool,
    ) -> PyResult<PyTable> {
        if !(resolution.is_finite() && resolution > 0.0) {
            return Err(PyValueError::new_err(format!("resolution {resolution}: expected a positive number")));
        }
        if !(0.0..=1.6).contains(&alpha) {
            return Err(PyValueError::new_err(format!("alpha {alpha}: expected a number in 0..=1.6")));
        }
        let request = BlocRequest { years: self::years(years), layer: self::layer(layer)?, seed, resolution, alpha };
        let cols = py
            .detach(|| {
                let t = yearly_blocs(&self.graph, &self.timeline, &request)?;
                Ok::<_, pactnet::error::QueryError>(if summary {
                    Columns::of(&t.summary_table())
                } else {
                    Columns::of(&t.node_table())
                })
            })
            .map_err(from_query)?;
        table_out(py, cols)
    }

    #[pyo3(signature = (years=None, layer="any", measure="s", coding="valued", weights=None, dyads=vec![], among=None))]
    #[allow(clippy::too_many_arguments)]
    fn similarity(
        &self,
        py: Python<'_>,
        years: Years,
        layer: &str,
        measure: &str,
        coding: &str,
        weights: Option<Vec<(String, f64)>>,
        dyads: Vec<(String, String)>,
        among: Option<Vec<String>>,
    ) -> PyResult<PyTable> {
        let measure: Measure = measure.parse().map_err(bad_argument)?;
        let coding: Coding = coding.parse().map_err(bad_argument)?;
        let dyads = if dyads.is_empty() {
            None
        } else {
            Some(dyads.iter().map(|(a, b)| Ok((self.state(a)?, self.state(b)?))).collect::<PyResult<Vec<_>>>()?)
        };
        let weights = match weights {
            None => None,
            Some(pairs) => {
                if !matches!(measure, Measure::S | Measure::S2) {
                    return Err(PyValueError::new_err(format!("weights apply to measure s or s2, not {measure}")));
                }
                let mut w = vec![0.0; self.graph.data.states.len()];
                for (state, weight) in pairs {
                    if !(weight.is_finite() && weight >= 0.0) {
                        return Err(PyValueError::new_err(format!(
                            "weight {weight} of {state}: expected a number, 0 or more"
                        )));
                    }
                    w[self.state(&state)? as usize] = weight;
                }
                Some(w)
            }
        };
        let request = SimilarityRequest {
            years: self::years(years),
            layer: self::layer(layer)?,
            coding,
            measure,
            dyads,
            weights,
            among: match among {
                None => None,
                Some(names) => Some(
                    pactnet::api::choices::parse_state_set(&self.graph.data.states, &names)
                        .map_err(|e| bad_argument(format!("among: {e}")))?,
                ),
            },
        };
        let cols = py
            .detach(|| similarity(&self.graph, &self.timeline, &request).map(|t| Columns::of(&t)))
            .map_err(from_query)?;
        table_out(py, cols)
    }

    #[pyo3(signature = (years=None, layer="any", decay=0.5, esp=false))]
    fn closure(&self, py: Python<'_>, years: Years, layer: &str, decay: f64, esp: bool) -> PyResult<PyTable> {
        if !(decay.is_finite() && decay > 0.0) {
            return Err(PyValueError::new_err(format!("decay {decay}: expected a number above 0")));
        }
        let request = ChangeRequest { years: self::years(years), layer: self::layer(layer)?, alpha: decay };
        let cols = py
            .detach(|| {
                changes(&self.graph, &self.timeline, &request).map(|t| {
                    if esp {
                        Columns::of(&t.esp_table())
                    } else {
                        Columns::of(&t)
                    }
                })
            })
            .map_err(from_query)?;
        table_out(py, cols)
    }

    #[pyo3(signature = (years=None, layer="any", min_size=3, overlap=false))]
    fn cliques(&self, py: Python<'_>, years: Years, layer: &str, min_size: u32, overlap: bool) -> PyResult<PyTable> {
        if min_size < 2 {
            return Err(PyValueError::new_err(format!("min_size {min_size}: expected 2 or more")));
        }
        let layer = self::layer(layer)?;
        let cols = py
            .detach(|| {
                let (years, size) = (self::years(years), min_size as usize);
                yearly_cliques(&self.graph, &self.timeline, years, layer, size, MAX_CLIQUES).map(|t| {
                    if overlap {
                        Columns::of(&t.overlap_table())
                    } else {
                        Columns::of(&t)
                    }
                })
            })
            .map_err(from_query)?;
        table_out(py, cols)
    }

    /// `pactnet tergm`: the term table, the fit table and the summary lines.
    #[pyo3(signature = (model, years=None, layer="any", bootstrap=0, seed=0, level=0.95, predict=None, state_covariates=Vec::new(), dyad_covariates=Vec::new(), directed_covariates=false, network=None, network_nodes=None, max_design_cells=pactnet::tergm::design::DEFAULT_MAX_CELLS))]
    #[allow(clippy::too_many_arguments)]
    fn tergm(
        &self,
        py: Python<'_>,
        model: &str,
        years: Years,
        layer: &str,
        bootstrap: usize,
        seed: u64,
        level: f64,
        predict: Option<i32>,
        state_covariates: Vec<PathBuf>,
        dyad_covariates: Vec<(Option<String>, PathBuf)>,
        directed_covariates: bool,
        network: Option<PathBuf>,
        network_nodes: Option<PathBuf>,
        max_design_cells: usize,
    ) -> PyResult<(PyTable, PyTable, Vec<String>)> {
        use pactnet::io::covariates::{read_covariates, settle_row_errors, CovariateInputs};
        use pactnet::tergm::{covariates::CovariateAttributes, model::max_lag, networks};
        if !(level > 0.0 && level < 1.0) {
            return Err(PyValueError::new_err(format!("level {level}: expected a number between 0 and 1 (e.g. 0.95)")));
        }
        let layer = self::layer(layer)?;
        if network.is_some() && layer != Layer::Any {
            return Err(PyValueError::new_err(
                "layer chooses among pactnet's snapshots; with network= the file is the network",
            ));
        }
        let states = &self.graph.data.states;
        let inputs = CovariateInputs {
            state: state_covariates.into_iter().map(Source::File).collect(),
            dyad: dyad_covariates.into_iter().map(|(n, p)| (n, Source::File(p))).collect(),
            directed: directed_covariates,
        };
        let (covariates, _) = read_covariates(&inputs, states, OnRowError::Fail).map_err(from_error)?;
        let mut diags = [pactnet::Diagnostics::default(), pactnet::Diagnostics::default()];
        let [net_diag, node_diag] = &mut diags;
        let file = match network {
            Some(p) => Some(pactnet::io::network::read_network(&Source::File(p), states, net_diag).map_err(from_load)?),
            None => None,
        };
        let nodes = match network_nodes {
            Some(p) => Some(pactnet::io::network::read_nodes(&Source::File(p), states, node_diag).map_err(from_load)?),
            None => None,
        };
        settle_row_errors(&mut diags, OnRowError::Fail).map_err(from_error)?;
        let source = match &file {
            Some(f) => networks::Source::File(f),
            None => networks::Source::Snapshots { graph: &self.graph, timeline: &self.timeline, layer },
        };
        let built = networks::networks(&source, self::years(years), max_lag(model), nodes.as_ref(), &covariates)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        let attributes = CovariateAttributes::new(&covariates, states);
        let request = pactnet::tergm::ModelRequest {
            formula: model,
            networks: &built.networks,
            years: built.years.clone(),
            attributes: &attributes,
            bootstrap: (bootstrap > 0).then_some(pactnet::tergm::bootstrap::BootstrapRequest {
                replicates: bootstrap,
                seed,
                level,
            }),
            level,
            predict,
            max_cells: max_design_cells,
        };
        let result = py.detach(|| pactnet::tergm::run(&request)).map_err(|e| PyValueError::new_err(e.to_string()))?;
        let mut summary = result.summary();
        summary.extend(networks::left_out_warning(&built.left_out, "of the networks"));
        let terms = table_out(py, Columns::of(&result.terms_table()))?;
        let fit = table_out(py, Columns::of(&result.fit_table()))?;
        Ok((terms, fit, summary))
    }

    #[pyo3(signature = (years=None, undirected=false, all_dyads=false, provisions=vec![], window=1, state_covariates=vec![], dyad_covariates=vec![], directed_covariates=false))]
    #[allow(clippy::too_many_arguments)]
    fn dyadyears(
        &self,
        py: Python<'_>,
        years: Years,
        undirected: bool,
        all_dyads: bool,
        provisions: Vec<String>,
        window: u32,
        state_covariates: Vec<PathBuf>,
        dyad_covariates: Vec<(Option<String>, PathBuf)>,
        directed_covariates: bool,
    ) -> PyResult<(PyTable, Vec<String>)> {
        let windowed = self.window_timeline(window)?;
        let timeline = windowed.as_ref().unwrap_or(&self.timeline);
        timeline.select(self::years(years)).map_err(from_query)?;
        let options = DyadYearOptions {
            years: self::years(years),
            direction: if undirected { Direction::Undirected } else { Direction::Directed },
            dyads: if all_dyads { Dyads::All } else { Dyads::Allied },
        };
        let provisions = DyadProvisions::new(&self.graph.data, &provisions)
            .map_err(|e| PyValueError::new_err(format!("provisions: {e}")))?;
        let (covariates, warnings) = self.covariates(state_covariates, dyad_covariates, directed_covariates)?;
        let mut table = DyadYears::new(&self.graph, timeline, options).with_provisions(provisions);
        if let Some(c) = &covariates {
            table = table.with_covariates(c).map_err(bad_argument)?;
        }
        let cols = py.detach(|| Columns::of(&table));
        Ok((table_out(py, cols)?, warnings))
    }

    #[pyo3(signature = (years=None, state_covariates=vec![]))]
    fn statelevel(
        &self,
        py: Python<'_>,
        years: Years,
        state_covariates: Vec<PathBuf>,
    ) -> PyResult<(PyTable, Vec<String>)> {
        self.timeline.select(self::years(years)).map_err(from_query)?;
        let (covariates, mut warnings) = self.covariates(state_covariates, Vec::new(), false)?;
        let mut table = StateYears::new(&self.graph, &self.timeline, self::years(years));
        if let Some(c) = &covariates {
            table = table.with_covariates(&c.state).map_err(bad_argument)?;
            warnings.extend(table.covariate_rows_not_joined().iter().flat_map(|d| d.warnings().map(|w| w.to_string())));
        }
        let cols = py.detach(|| Columns::of(&table));
        Ok((table_out(py, cols)?, warnings))
    }

    /// Shortest-path lengths between states per year (`pactnet separation`): every pair, only
    /// `dyads` (pairs of states) or, with `summary`, one row per year and distance.
    #[pyo3(signature = (years=None, layer="any", dyads=vec![], summary=false))]
    fn separation(
        &self,
        py: Python<'_>,
        years: Years,
        layer: &str,
        dyads: Vec<(String, String)>,
        summary: bool,
    ) -> PyResult<PyTable> {
        if summary && !dyads.is_empty() {
            return Err(PyValueError::new_err("dyads and summary go separately: the summary counts every pair"));
        }
        let pairs = if summary {
            Pairs::None
        } else if dyads.is_empty() {
            Pairs::All
        } else {
            Pairs::Only(dyads.iter().map(|(a, b)| Ok((self.state(a)?, self.state(b)?))).collect::<PyResult<_>>()?)
        };
        let request = SeparationRequest { years: self::years(years), layer: self::layer(layer)?, pairs };
        let cols = py.detach(|| {
            separation(&self.graph, &self.timeline, &request).map(|table| {
                if summary {
                    Columns::of(&table.summary_table())
                } else {
                    Columns::of(&table)
                }
            })
        });
        table_out(py, cols.map_err(from_query)?)
    }

    /// The chain of obligation to (`direction="in"`) or from (`"out"`) a state (`pactnet reach`).
    #[pyo3(signature = (state, year=None, date=None, layer="defense", direction="in"))]
    fn reach(
        &self,
        py: Python<'_>,
        state: &str,
        year: Option<i32>,
        date: Option<&str>,
        layer: &str,
        direction: &str,
    ) -> PyResult<PyTable> {
        let root = self.state(state)?;
        let period = Self::period(year, date)?;
        let direction: ReachDirection = direction.parse().map_err(bad_argument)?;
        let rows =
            reach(&self.graph, &self.timeline, period, self::layer(layer)?, root, direction).map_err(from_query)?;
        table_out(py, Columns::of(&ReachTable { states: &self.graph.data.states, rows: &rows }))
    }

    /// Kaplan–Meier survival of alliances (`pactnet durations`), by `none` or `type`.
    #[pyo3(signature = (by="none", summary=false))]
    fn durations(&self, py: Python<'_>, by: &str, summary: bool) -> PyResult<PyTable> {
        let by: GroupBy = by.parse().map_err(bad_argument)?;
        let table = durations(&self.graph.data, by);
        table_out(py, if summary { Columns::of(&table.summary_table()) } else { Columns::of(&table) })
    }

    /// One alliance as `pactnet alliance ATOPID --format json` writes it (JSON text).
    fn alliance(&self, id: u32) -> PyResult<String> {
        let data = &self.graph.data;
        match AllianceDetail::new(data, AllianceId(id)) {
            Some(detail) => Ok(detail.to_json().to_string()),
            None => Err(PyValueError::new_err(format!("no alliance {id} in {}", data.member_file))),
        }
    }

    /// The whole dated multigraph as GEXF 1.3 (`pactnet export gexf`), written atomically.
    fn export_gexf(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        let inputs = self.inputs();
        py.detach(|| write_atomically(&path, &inputs, |out| write_gexf(&self.graph, out))).map_err(from_write)
    }

    /// A snapshot as GraphML (`pactnet export graphml`), written atomically; `with_metrics` adds
    /// every node metric, `provisions` the named ATOP provision columns.
    #[pyo3(signature = (path, year=None, date=None, layer="any", with_metrics=false, provisions=vec![]))]
    #[allow(clippy::too_many_arguments)]
    fn export_graphml(
        &self,
        py: Python<'_>,
        path: PathBuf,
        year: Option<i32>,
        date: Option<&str>,
        layer: &str,
        with_metrics: bool,
        provisions: Vec<String>,
    ) -> PyResult<()> {
        let snap = self.snapshot_of(year, layer, date)?;
        let metrics = if with_metrics {
            NodeMetrics::all(&self.graph, &self.timeline, &snap).map_err(from_query)?
        } else {
            NodeMetrics::none()
        };
        let provisions = DyadProvisions::new(&self.graph.data, &provisions)
            .map_err(|e| PyValueError::new_err(format!("provisions: {e}")))?;
        let x = SnapshotExport::new(&self.graph, &snap, metrics).with_provisions(&provisions, &self.timeline);
        let inputs = self.inputs();
        py.detach(|| write_atomically(&path, &inputs, |out| write_graphml(&x, out))).map_err(from_write)
    }

    /// The same data with multi-year windows (`--window N`): year Y stands for the N years up to Y.
    fn windowed(&self, n: u32) -> PyResult<Network> {
        if n == 0 {
            return Err(PyValueError::new_err("window 0: expected a number of years, 1 or more"));
        }
        Ok(Network {
            graph: self.graph.clone(),
            timeline: if n > 1 { self.timeline.windowed(n) } else { self.timeline.clone() },
            warnings: self.warnings.clone(),
            inputs: self.inputs.clone(),
            input_paths: self.input_paths.clone(),
            sample: self.sample,
        })
    }

    #[pyo3(signature = (state, by_year=false))]
    fn state_table(&self, py: Python<'_>, state: &str, by_year: bool) -> PyResult<PyTable> {
        let v = self.state(state)?;
        let cols = py.detach(|| {
            if by_year {
                Columns::of(&tables::state_years(&self.graph, &self.timeline, v))
            } else {
                Columns::of(&tables::state_memberships(&self.graph, v))
            }
        });
        table_out(py, cols)
    }

    fn dyad(&self, py: Python<'_>, a: &str, b: &str) -> PyResult<PyTable> {
        let (a, b) = (self.state(a)?, self.state(b)?);
        table_out(py, Columns::of(&tables::dyad_edges(&self.graph, a, b)))
    }

    #[pyo3(signature = (path=None, year=None, date=None, layer="any", layout="stable", anchoring=None, color="region", size="degree", labels="auto", hide_isolates=false, width=1600, height=1200, seed=0, format="png", palette="colour", font_size=None, highlight=vec![], title=None, caption=None))]
    #[allow(clippy::too_many_arguments)]
    fn plot_network(
        &self,
        py: Python<'_>,
        path: Option<PathBuf>,
        year: Option<i32>,
        date: Option<&str>,
        layer: &str,
        layout: &str,
        anchoring: Option<f64>,
        color: &str,
        size: &str,
        labels: &str,
        hide_isolates: bool,
        width: u32,
        height: u32,
        seed: u64,
        format: &str,
        palette: &str,
        font_size: Option<f64>,
        highlight: Vec<String>,
        title: Option<&str>,
        caption: Option<&str>,
    ) -> PyResult<Py<PyBytes>> {
        let format = picture_format(path.as_deref(), format)?;
        let period = Self::period(year, date)?;
        let layer = self::layer(layer)?;
        let mut options = look_options(layout, anchoring, color, size, labels, hide_isolates, width, height, seed)?;
        self.figure(&mut options, palette, font_size, highlight, title, caption)?;
        let bytes = py
            .detach(|| network_picture(&self.graph, &self.timeline, period, layer, &options, format))
            .map_err(from_plot)?;
        picture_out(py, bytes, path.as_deref(), &self.inputs())
    }

    /// `pactnet plot animate`: one network frame per year, as GIF bytes (written to `path`
    /// when given).
    #[pyo3(signature = (years, path=None, fps=2, layer="any", layout="stable", anchoring=None, color="region", size="degree", labels="auto", hide_isolates=false, width=1600, height=1200, seed=0, palette="colour", font_size=None, highlight=vec![]))]
    #[allow(clippy::too_many_arguments)]
    fn plot_animate(
        &self,
        py: Python<'_>,
        years: (i32, i32),
        path: Option<PathBuf>,
        fps: u32,
        layer: &str,
        layout: &str,
        anchoring: Option<f64>,
        color: &str,
        size: &str,
        labels: &str,
        hide_isolates: bool,
        width: u32,
        height: u32,
        seed: u64,
        palette: &str,
        font_size: Option<f64>,
        highlight: Vec<String>,
    ) -> PyResult<Py<PyBytes>> {
        if let Some(p) = path.as_deref().filter(|p| ImageFormat::of_path(p) != Some(ImageFormat::Gif)) {
            return Err(PyValueError::new_err(format!("{}: the output must end in .gif", p.display())));
        }
        if !(1..=50).contains(&fps) {
            return Err(PyValueError::new_err(format!("fps {fps}: expected 1..=50 frames per second")));
        }
        let layer = self::layer(layer)?;
        let mut options = look_options(layout, anchoring, color, size, labels, hide_isolates, width, height, seed)?;
        self.figure(&mut options, palette, font_size, highlight, None, None)?;
        let mut bytes = Vec::new();
        py.detach(|| {
            write_animation(
                &self.graph,
                &self.timeline,
                years.0..=years.1,
                layer,
                &options,
                fps,
                &mut || (),
                &mut bytes,
            )
        })
        .map_err(from_plot)?;
        picture_out(py, bytes, path.as_deref(), &self.inputs())
    }

    #[pyo3(signature = (path=None, metrics=vec!["density".to_string(), "transitivity".to_string()], layers=vec!["any".to_string()], years=None, eras=false, width=1600, height=1200, format="png"))]
    #[allow(clippy::too_many_arguments)]
    fn plot_series(
        &self,
        py: Python<'_>,
        path: Option<PathBuf>,
        metrics: Vec<String>,
        layers: Vec<String>,
        years: Years,
        eras: bool,
        width: u32,
        height: u32,
        format: &str,
    ) -> PyResult<Py<PyBytes>> {
        let format = picture_format(path.as_deref(), format)?;
        let metrics =
            metrics.iter().map(|m| m.parse::<GraphMetric>()).collect::<Result<Vec<_>, _>>().map_err(bad_argument)?;
        let layers = layers.iter().map(|l| self::layer(l)).collect::<PyResult<Vec<_>>>()?;
        let request = SeriesRequest { years: self::years(years), layers, metrics, eras, width, height };
        let bytes = py.detach(|| series_picture(&self.graph, &self.timeline, &request, format)).map_err(from_plot)?;
        picture_out(py, bytes, path.as_deref(), &self.inputs())
    }

    /// `pactnet plot state`: a state's degree, betweenness and alliances over the years.
    #[pyo3(signature = (state, path=None, years=None, layer="any", eras=false, width=1600, height=1200, format="png"))]
    #[allow(clippy::too_many_arguments)]
    fn plot_state(
        &self,
        py: Python<'_>,
        state: &str,
        path: Option<PathBuf>,
        years: Years,
        layer: &str,
        eras: bool,
        width: u32,
        height: u32,
        format: &str,
    ) -> PyResult<Py<PyBytes>> {
        let canvas = Canvas { format: picture_format(path.as_deref(), format)?, width, height };
        let (v, layer) = (self.state(state)?, self::layer(layer)?);
        let bytes = py
            .detach(|| state_picture(&self.graph, &self.timeline, v, layer, self::years(years), eras, canvas))
            .map_err(from_plot)?;
        picture_out(py, bytes, path.as_deref(), &self.inputs())
    }

    /// `pactnet plot matrix`: the adjacency matrix of one year's snapshot.
    #[pyo3(signature = (year, path=None, layer="any", width=1600, height=1200, format="png"))]
    #[allow(clippy::too_many_arguments)]
    fn plot_matrix(
        &self,
        py: Python<'_>,
        year: i32,
        path: Option<PathBuf>,
        layer: &str,
        width: u32,
        height: u32,
        format: &str,
    ) -> PyResult<Py<PyBytes>> {
        let canvas = Canvas { format: picture_format(path.as_deref(), format)?, width, height };
        let layer = self::layer(layer)?;
        let bytes =
            py.detach(|| matrix_picture(&self.graph, &self.timeline, year, layer, canvas)).map_err(from_plot)?;
        picture_out(py, bytes, path.as_deref(), &self.inputs())
    }

    /// `pactnet plot durations`: Kaplan–Meier curves of alliances.
    #[pyo3(signature = (path=None, by="none", width=1600, height=1200, format="png"))]
    fn plot_durations(
        &self,
        py: Python<'_>,
        path: Option<PathBuf>,
        by: &str,
        width: u32,
        height: u32,
        format: &str,
    ) -> PyResult<Py<PyBytes>> {
        let canvas = Canvas { format: picture_format(path.as_deref(), format)?, width, height };
        let by: GroupBy = by.parse().map_err(bad_argument)?;
        let bytes = py.detach(|| durations_picture(&self.graph.data, by, canvas)).map_err(from_plot)?;
        picture_out(py, bytes, path.as_deref(), &self.inputs())
    }

    /// `pactnet plot reach`: the chains of pledges to or from a state, as rings.
    #[pyo3(signature = (state, path=None, year=None, date=None, layer="defense", direction="in", width=1600, height=1200, format="png"))]
    #[allow(clippy::too_many_arguments)]
    fn plot_reach(
        &self,
        py: Python<'_>,
        state: &str,
        path: Option<PathBuf>,
        year: Option<i32>,
        date: Option<&str>,
        layer: &str,
        direction: &str,
        width: u32,
        height: u32,
        format: &str,
    ) -> PyResult<Py<PyBytes>> {
        let canvas = Canvas { format: picture_format(path.as_deref(), format)?, width, height };
        let (root, period, layer) = (self.state(state)?, Self::period(year, date)?, self::layer(layer)?);
        let direction: ReachDirection = direction.parse().map_err(bad_argument)?;
        let bytes = py
            .detach(|| reach_picture(&self.graph, &self.timeline, period, layer, root, direction, canvas))
            .map_err(from_plot)?;
        picture_out(py, bytes, path.as_deref(), &self.inputs())
    }

    #[pyo3(signature = (directory="report".into(), years=None, layers=vec!["all".to_string()], network_years=None, width=1200, height=900, seed=0))]
    #[allow(clippy::too_many_arguments)]
    fn report(
        &self,
        py: Python<'_>,
        directory: PathBuf,
        years: Years,
        layers: Vec<String>,
        network_years: Option<Vec<i32>>,
        width: u32,
        height: u32,
        seed: u64,
    ) -> PyResult<Vec<String>> {
        let defaults = ReportOptions::default();
        // Years asked for by name must be drawn: one outside the report's years is an error
        // (the defaults outside them are left out, as on the command line).
        let network_years = match network_years {
            None => defaults.network_years.clone(),
            Some(asked) => {
                let within = self.timeline.select(self::years(years)).map_err(from_query)?;
                let outside: Vec<String> = asked.iter().filter(|y| !within.contains(y)).map(i32::to_string).collect();
                if !outside.is_empty() {
                    return Err(bad_argument(format!(
                        "network_years {}: outside the report's years {}..{}",
                        outside.join(", "),
                        within.start(),
                        within.end()
                    )));
                }
                asked
            }
        };
        let options = ReportOptions {
            years: self::years(years),
            layers: parse_layers(&layers, self.graph.data.source.layers()).map_err(bad_argument)?,
            network_years,
            width,
            height,
            seed,
            ..defaults
        };
        let inputs = self.inputs();
        let summary = py
            .detach(|| write_report(&self.graph, &self.timeline, &options, &directory, &inputs, &mut |_| {}))
            .map_err(from_report)?;
        Ok(summary.files)
    }
}

/// Writes bytes to `path` atomically (a temporary file renamed into place), as every output.
#[pyfunction]
fn write_file(py: Python<'_>, path: PathBuf, data: &[u8]) -> PyResult<()> {
    py.detach(|| write_atomically(&path, &[], |out| out.write_all(data))).map_err(from_write)
}

/// Panics, for the tests only (hidden: not in `__all__` nor the stubs): proves that a Rust panic
/// reaches Python as `pyo3_runtime.PanicException`, not an abort. With `detach`, the panic happens
/// with the GIL released, as in every long computation.
#[pyfunction]
#[pyo3(signature = (detach=false))]
fn _panic_for_tests(py: Python<'_>, detach: bool) {
    if detach {
        py.detach(|| panic!("pactnet: test panic with the GIL released"));
    }
    panic!("pactnet: test panic");
}

/// The Rust core of the `pactnet` package.
#[pymodule]
fn _pactnet(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(write_file, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    m.add_class::<Network>()?;
    m.add("DataError", m.py().get_type::<DataError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
