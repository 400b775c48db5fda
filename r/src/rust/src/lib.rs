//! The Rust core of the `pactnet` R package: one `.Call` entry point per analysis, each a skin
//! over the library the CLI uses (the same tables, turned into columns by [`frame`]). Every entry
//! point runs inside [`guard`]: a library error comes back as a `pactnet_failure` list and a
//! panic as an internal error, which `R/call.R` signals as R conditions, so neither a Rust error
//! nor a panic ever unwinds into R.
//!
//! Arguments arrive already checked and normalised by the R wrappers (`R/*.R`): strings as
//! `character(1)`, counts as `integer(1)`, optional values as `NULL`, years as `NULL` or
//! `integer(2)`; the helpers below still refuse anything else with a usage error.

mod errors;
mod frame;
mod pictures;

use errors::{Failure, Outcome};
use extendr_api::prelude::*;
use frame::Columns;
use pactnet::analysis::{self, GraphMetric, Level, MetricRequest, NodeMetric};
use pactnet::api::choices::{parse_layers, split_metrics};
use pactnet::api::pictures::{
    durations_picture, matrix_picture, reach_picture, state_picture, write_animation, Canvas,
};
use pactnet::api::session::{LoadRequest, Spelling};
use pactnet::api::summary::Summary;
use pactnet::api::tables;
use pactnet::export::dyadyears::{Direction, DyadYearOptions, DyadYears, Dyads};
use pactnet::export::provisions::DyadProvisions;
use pactnet::export::statelevel::StateYears;
use pactnet::export::{NodeMetrics, SnapshotExport};
use pactnet::io::atomic::write_atomically;
use pactnet::io::table::Table;
use pactnet::io::Source;
use pactnet::model::DenseIndex;
use pactnet::plot::output::ImageFormat;
use pactnet::{
    AllianceGraph, Inputs, Layer, LoadOptions, OnRowError, Period, Snapshot, SnapshotBuilder, SystemEnd, SystemFilter,
    Timeline, YearRule,
};
use std::ops::RangeInclusive;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// Runs an entry point: its value, or its failure (a panic included) as a `pactnet_failure` list.
fn guard(f: impl FnOnce() -> Outcome<Robj>) -> Robj {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(value)) => value,
        Ok(Err(failure)) => failure.into_robj(),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_string());
            Failure::internal(format!("internal error (a bug in pactnet, please report it): {what}")).into_robj()
        }
    }
}

/// An R value built from Rust values failed (R ran out of memory, say).
fn r_failure(e: extendr_api::Error) -> Failure {
    Failure::internal(format!("cannot build the R value: {e}"))
}

/// A table as a named list of columns.
fn table_out(table: &dyn Table) -> Outcome<Robj> {
    Columns::of(table).map_err(|e| Failure::internal(e.to_string()))?.into_robj().map_err(r_failure)
}

// --- Arguments -----------------------------------------------------------------------------

fn opt_str(x: &Robj, name: &str) -> Outcome<Option<String>> {
    if x.is_null() {
        return Ok(None);
    }
    match x.as_str() {
        Some(s) if x.len() == 1 => Ok(Some(s.to_string())),
        _ => Err(Failure::usage(format!("{name}: expected one string"))),
    }
}

fn string(x: &Robj, name: &str) -> Outcome<String> {
    opt_str(x, name)?.ok_or_else(|| Failure::usage(format!("{name}: expected one string, not NULL")))
}

fn strings(x: &Robj, name: &str) -> Outcome<Vec<String>> {
    if x.is_null() {
        return Ok(Vec::new());
    }
    x.as_string_vector().ok_or_else(|| Failure::usage(format!("{name}: expected a character vector")))
}

fn opt_int(x: &Robj, name: &str) -> Outcome<Option<i32>> {
    if x.is_null() {
        return Ok(None);
    }
    match x.as_integer() {
        Some(i) if x.len() == 1 => Ok(Some(i)),
        _ => Err(Failure::usage(format!("{name}: expected one whole number"))),
    }
}

fn int(x: &Robj, name: &str) -> Outcome<i32> {
    opt_int(x, name)?.ok_or_else(|| Failure::usage(format!("{name}: expected one whole number, not NULL")))
}

fn real(x: &Robj, name: &str) -> Outcome<f64> {
    match x.as_real() {
        Some(v) if x.len() == 1 => Ok(v),
        _ => Err(Failure::usage(format!("{name}: expected one number"))),
    }
}

fn flag(x: &Robj, name: &str) -> Outcome<bool> {
    match x.as_bool() {
        Some(v) if x.len() == 1 => Ok(v),
        _ => Err(Failure::usage(format!("{name}: expected TRUE or FALSE"))),
    }
}

fn opt_path(x: &Robj, name: &str) -> Outcome<Option<PathBuf>> {
    Ok(opt_str(x, name)?.map(PathBuf::from))
}

/// `NULL` (every year) or `c(first, last)`, inclusive.
fn years(x: &Robj) -> Outcome<Option<RangeInclusive<i32>>> {
    if x.is_null() {
        return Ok(None);
    }
    match x.as_integer_slice() {
        Some(&[a, b]) if a <= b => Ok(Some(a..=b)),
        _ => Err(Failure::usage("years: expected NULL or c(first, last) with first <= last")),
    }
}

fn layer(x: &Robj) -> Outcome<Layer> {
    string(x, "layer")?.parse().map_err(Failure::usage)
}

// --- The loaded data -----------------------------------------------------------------------

/// The loaded data: the multigraph, its timeline, and what `pn_info` reports.
struct Net {
    graph: AllianceGraph,
    timeline: Timeline,
    warnings: Vec<String>,
    inputs: Inputs,
    /// Paths that outputs must never overwrite.
    input_paths: Vec<PathBuf>,
    sample: bool,
    /// The `where` expression, as given.
    filter: Option<String>,
    /// The COW alliance file and the state list, as given (`pn_info` shows them as the CLI does).
    cow_file: Option<PathBuf>,
    states_path: Option<PathBuf>,
}

fn net(x: &Robj) -> Outcome<ExternalPtr<Net>> {
    ExternalPtr::<Net>::try_from(x).map_err(|_| Failure::usage("net: expected a network from pn_load()"))
}

impl Net {
    fn state(&self, name: &str) -> Outcome<DenseIndex> {
        let states = &self.graph.data.states;
        states.lookup(name.trim()).ok_or_else(|| {
            Failure::from(pactnet::error::QueryError::UnknownState {
                name: name.to_string(),
                suggestions: states.suggestions(name),
            })
        })
    }

    fn snapshot(&self, period: Period, layer: Layer) -> Outcome<Snapshot> {
        Ok(SnapshotBuilder::new(&self.graph, &self.timeline).build(period, layer)?)
    }

    /// The timeline of `window`-year windows (the CLI's `--window N`), or `None` for 1.
    fn windowed(&self, window: &Robj) -> Outcome<Option<Timeline>> {
        let w = int(window, "window")?;
        if !(1..=500).contains(&w) {
            return Err(Failure::usage(format!("window {w}: expected a number of years in 1..=500")));
        }
        Ok((w > 1).then(|| self.timeline.windowed(w as u32)))
    }

    fn inputs(&self) -> Vec<&Path> {
        self.input_paths.iter().map(PathBuf::as_path).collect()
    }
}

/// Covariate files as the CLI's `--state-covariates`, `--dyad-covariates [NAME=]FILE` and
/// `--directed-covariates` read them (a dyad file's NAME is its element name in R), with the
/// files' warnings.
fn covariates(
    net: &Net,
    state: &Robj,
    dyad: &Robj,
    directed: &Robj,
    lenient: bool,
) -> Outcome<(pactnet::model::covariates::Covariates, Vec<String>)> {
    use pactnet::io::covariates::{read_covariates, CovariateInputs};
    let files = strings(dyad, "dyad_covariates")?;
    let names: Vec<String> = match dyad.names() {
        Some(n) => n.map(str::to_string).collect(),
        None => vec![String::new(); files.len()],
    };
    let directed = flag(directed, "directed_covariates")?;
    if directed && files.is_empty() {
        return Err(Failure::usage(
            "directed_covariates says how dyad_covariates files are read: it needs dyad_covariates",
        ));
    }
    let inputs = CovariateInputs {
        state: strings(state, "state_covariates")?.into_iter().map(|p| Source::File(PathBuf::from(p))).collect(),
        dyad: files
            .into_iter()
            .zip(names)
            .map(|(p, n)| ((!n.is_empty() && n != "NA").then_some(n), Source::File(PathBuf::from(p))))
            .collect(),
        directed,
    };
    let on_row_error = if lenient { OnRowError::Skip } else { OnRowError::Fail };
    let (covariates, diags) = read_covariates(&inputs, &net.graph.data.states, on_row_error)?;
    let warnings = diags.iter().flat_map(|d| d.warnings().map(|w| w.to_string())).collect();
    Ok((covariates, warnings))
}

/// A table and the warnings of the files behind it, as `list(table, warnings)`.
fn with_warnings(table: Robj, warnings: Vec<String>) -> Outcome<Robj> {
    let pairs: Vec<(&str, Robj)> = vec![("table", table), ("warnings", Strings::from_values(&warnings).into())];
    Ok(List::from_pairs(pairs).into())
}

/// `year` or `date` (`YYYY-MM-DD`), exactly one.
fn period(year: &Robj, date: &Robj) -> Outcome<Period> {
    match (opt_int(year, "year")?, opt_str(date, "date")?) {
        (Some(_), Some(_)) => Err(Failure::usage("give year or date, not both")),
        (None, Some(d)) => d
            .parse::<chrono::NaiveDate>()
            .map(Period::Date)
            .map_err(|_| Failure::usage(format!("date {d:?}: expected a day as YYYY-MM-DD, e.g. 1939-09-01"))),
        (Some(y), None) => Ok(Period::Year(y)),
        (None, None) => Err(Failure::usage("give year (e.g. 1914) or date (e.g. \"1939-09-01\")")),
    }
}

/// Loads, validates, filters (`where`) and builds the multigraph with the library's
/// [`LoadRequest`], the rules and messages every front end shares (in R's spelling).
#[extendr]
#[allow(clippy::too_many_arguments)]
fn rs_load(
    members: Robj,
    states: Robj,
    alliances: Robj,
    cow_alliances: Robj,
    codesheets: Robj,
    atop_dyads: Robj,
    system: Robj,
    system_end: Robj,
    year_rule: Robj,
    data_end: Robj,
    lenient: Robj,
    combine_sources: Robj,
    where_: Robj,
    max_edges: Robj,
) -> Robj {
    guard(|| {
        let spelling = Spelling::R;
        let where_text = opt_str(&where_, "where")?;
        let max_edges = match opt_int(&max_edges, "max_edges")? {
            None => pactnet::graph::multigraph::MAX_EDGES,
            Some(n) => usize::try_from(n)
                .map_err(|_| Failure::usage(format!("max_edges {n}: expected a number of edges, 0 or more")))?,
        };
        let request = LoadRequest {
            members: opt_path(&members, "members")?,
            states: opt_path(&states, "states")?,
            alliances: opt_path(&alliances, "alliances")?,
            cow_alliances: opt_path(&cow_alliances, "cow_alliances")?,
            combine_sources: flag(&combine_sources, "combine_sources")?,
            codesheets: opt_path(&codesheets, "codesheets")?,
            atop_dyads: opt_path(&atop_dyads, "atop_dyads")?,
            options: LoadOptions {
                data_end: opt_int(&data_end, "data_end")?,
                on_row_error: if flag(&lenient, "lenient")? { OnRowError::Skip } else { OnRowError::Fail },
                system_end: spelling.choice::<SystemEnd>("system_end", &string(&system_end, "system_end")?)?,
            },
            filter: where_text.as_deref().map(|t| spelling.filter(t)).transpose()?,
            system: spelling.choice::<SystemFilter>("system", &string(&system, "system")?)?,
            year_rule: spelling.choice::<YearRule>("year_rule", &string(&year_rule, "year_rule")?)?,
            window: 1,
            max_edges,
            spelling,
        };
        let loaded = request.open()?;
        let n = Net {
            graph: loaded.graph,
            timeline: loaded.timeline,
            warnings: loaded.diagnostics.warnings().map(|w| w.to_string()).collect(),
            inputs: loaded.inputs,
            input_paths: request.input_paths(),
            sample: loaded.sample,
            filter: where_text,
            cow_file: request.cow_alliances.clone(),
            states_path: request.states.clone(),
        };
        Ok(ExternalPtr::new(n).into())
    })
}

/// The figures `pactnet info` prints, as a named list.
#[extendr]
fn rs_info(net: Robj) -> Robj {
    guard(|| {
        let net = self::net(&net)?;
        let s = Summary::of(&net.graph, &net.timeline);
        let by_type: Vec<(&str, Robj)> = s.edges_by_type.iter().map(|(o, n)| (o.name(), (*n as f64).into())).collect();
        let by_type = List::from_pairs(by_type);
        let text =
            |s: Option<String>| -> Robj { s.map_or_else(|| Strings::from_values([Rstr::na()]).into(), Robj::from) };
        let path = |p: &Option<PathBuf>| p.as_ref().map(|p| p.display().to_string());
        let source = match s.source {
            pactnet::MemberSource::Atop => "atop",
            pactnet::MemberSource::Cow => "cow",
            pactnet::MemberSource::Combined => "combined",
        };
        // As `pactnet info` names them: COW alone by the paths given, else by file name.
        let (members_file, states_file) = match (s.source, path(&net.cow_file), path(&net.states_path)) {
            (pactnet::MemberSource::Cow, Some(cow), Some(states)) => (cow, states),
            _ => (net.inputs.members.display_name().to_string(), net.inputs.states.display_name().to_string()),
        };
        let dyads: Robj = match &net.graph.data.atop_dyads {
            Some(d) => {
                let years: Vec<i32> = d.years().map_or_else(Vec::new, |y| vec![*y.start(), *y.end()]);
                let pairs: Vec<(&str, Robj)> = vec![
                    ("file", d.file().to_string().into()),
                    ("rows", (d.rows().len() as f64).into()),
                    ("years", Integers::from_values(years).into()),
                ];
                List::from_pairs(pairs).into()
            }
            None => Robj::from(()),
        };
        let pairs: Vec<(&str, Robj)> = vec![
            ("source", source.into()),
            ("members_file", members_file.into()),
            ("states_file", states_file.into()),
            ("cow_alliance_file", text(path(&net.cow_file))),
            ("atop_dyads", dyads),
            ("alliance_file", text(net.inputs.alliances.as_ref().map(|a| a.display_name().to_string()))),
            ("sample", net.sample.into()),
            ("where", text(net.filter.clone())),
            ("alliance_rows", (s.alliance_rows as f64).into()),
            ("alliances", (s.alliances as f64).into()),
            ("member_rows", (s.member_rows as f64).into()),
            ("states_in_cow", (s.states_in_cow as f64).into()),
            ("states_in_alliances", (s.states_in_alliances as f64).into()),
            ("first_year", (*s.years.start()).into()),
            ("last_year", (*s.years.end()).into()),
            ("data_end", s.data_end.into()),
            ("system_filter", s.filter.to_string().into()),
            ("year_rule", net.timeline.rule().to_string().into()),
            ("multigraph_edges", (s.edges as f64).into()),
            ("edges_by_type", by_type.into()),
            ("untyped_edges", (s.untyped_edges as f64).into()),
            ("counted_edges", (s.counted_edges as f64).into()),
            ("layers", (s.layers as f64).into()),
            ("snapshots", ((s.years.clone().count() * s.layers) as f64).into()),
            ("warnings", Strings::from_values(&net.warnings).into()),
        ];
        Ok(List::from_pairs(pairs).into())
    })
}

/// `pactnet snapshot`: the edges (or, with `nodes`, the nodes) of one year or day and layer.
#[extendr]
fn rs_snapshot(net: Robj, year: Robj, date: Robj, layer: Robj, nodes: Robj, window: Robj) -> Robj {
    guard(|| {
        let net = self::net(&net)?;
        let windowed = net.windowed(&window)?;
        let period = period(&year, &date)?;
        if let (Some(_), Period::Date(_)) = (&windowed, period) {
            return Err(Failure::usage("window applies to years: give year instead of date"));
        }
        let timeline = windowed.as_ref().unwrap_or(&net.timeline);
        let snap = SnapshotBuilder::new(&net.graph, timeline).build(period, self::layer(&layer)?)?;
        if flag(&nodes, "nodes")? {
            table_out(&tables::snapshot_nodes(&net.graph, &snap))
        } else {
            table_out(&tables::snapshot_edges(&net.graph, &snap))
        }
    })
}

/// `pactnet metrics --level graph|node`: the one table of that level.
#[extendr]
fn rs_metrics(
    net: Robj,
    years: Robj,
    layers: Robj,
    level: Robj,
    metrics: Robj,
    only_states: Robj,
    window: Robj,
) -> Robj {
    guard(|| {
        let net = self::net(&net)?;
        let windowed = net.windowed(&window)?;
        let timeline = windowed.as_ref().unwrap_or(&net.timeline);
        let level: Level = string(&level, "level")?.parse().map_err(Failure::usage)?;
        let layers =
            parse_layers(&strings(&layers, "layers")?, net.graph.data.source.layers()).map_err(Failure::usage)?;
        let (graph_metrics, node_metrics): (Vec<GraphMetric>, Vec<NodeMetric>) =
            split_metrics(&strings(&metrics, "metrics")?, level).map_err(Failure::usage)?;
        let only = strings(&only_states, "only_states")?;
        if !only.is_empty() && !level.node() {
            return Err(Failure::usage(
                "only_states selects rows of the node table: it needs level = \"node\" or \"both\"",
            ));
        }
        let states =
            if only.is_empty() { None } else { Some(only.iter().map(|n| net.state(n)).collect::<Outcome<Vec<_>>>()?) };
        let request = MetricRequest {
            years: self::years(&years)?,
            layers,
            level,
            graph_metrics,
            node_metrics,
            states,
            ..MetricRequest::default()
        };
        // Both levels in one pass, as `--level both`: `list(graph, node)`.
        let tables = analysis::run(&net.graph, timeline, &request)?;
        match level {
            Level::Graph => table_out(&tables.graph_table()),
            Level::Node => table_out(&tables.node_table()),
            Level::Both => {
                let pairs: Vec<(&str, Robj)> =
                    vec![("graph", table_out(&tables.graph_table())?), ("node", table_out(&tables.node_table())?)];
                Ok(List::from_pairs(pairs).into())
            }
        }
    })
}

/// `pactnet state STATE [--by-year]`.
#[extendr]
fn rs_state(net: Robj, state: Robj, by_year: Robj) -> Robj {
    guard(|| {
        let net = self::net(&net)?;
        let v = net.state(&string(&state, "state")?)?;
        if flag(&by_year, "by_year")? {
            table_out(&tables::state_years(&net.graph, &net.timeline, v))
        } else {
            table_out(&tables::state_memberships(&net.graph, v))
        }
    })
}

/// `pactnet dyad A B`.
#[extendr]
fn rs_dyad(net: Robj, a: Robj, b: Robj) -> Robj {
    guard(|| {
        let net = self::net(&net)?;
        let (a, b) = (net.state(&string(&a, "a")?)?, net.state(&string(&b, "b")?)?);
        table_out(&tables::dyad_edges(&net.graph, a, b))
    })
}

/// `pactnet export dyadyears`.
#[extendr]
#[allow(clippy::too_many_arguments)]
fn rs_dyadyears(
    net: Robj,
    years: Robj,
    undirected: Robj,
    all_dyads: Robj,
    provisions: Robj,
    window: Robj,
    state_covariates: Robj,
    dyad_covariates: Robj,
    directed_covariates: Robj,
    lenient: Robj,
) -> Robj {
    guard(|| {
        let net = self::net(&net)?;
        let windowed = net.windowed(&window)?;
        let timeline = windowed.as_ref().unwrap_or(&net.timeline);
        let years = self::years(&years)?;
        timeline.select(years.clone())?;
        let options = DyadYearOptions {
            years,
            direction: if flag(&undirected, "undirected")? { Direction::Undirected } else { Direction::Directed },
            dyads: if flag(&all_dyads, "all_dyads")? { Dyads::All } else { Dyads::Allied },
        };
        let provisions = DyadProvisions::new(&net.graph.data, &strings(&provisions, "provisions")?)
            .map_err(|e| Failure::usage(format!("provisions: {e}")))?;
        let (covariates, warnings) =
            covariates(&net, &state_covariates, &dyad_covariates, &directed_covariates, flag(&lenient, "lenient")?)?;
        let mut table = DyadYears::new(&net.graph, timeline, options).with_provisions(provisions);
        if !covariates.is_empty() {
            table = table.with_covariates(&covariates).map_err(Failure::usage)?;
        }
        with_warnings(table_out(&table)?, warnings)
    })
}

/// `pactnet export statelevel`.
#[extendr]
fn rs_statelevel(net: Robj, years: Robj, state_covariates: Robj, lenient: Robj) -> Robj {
    guard(|| {
        let net = self::net(&net)?;
        let years = self::years(&years)?;
        net.timeline.select(years.clone())?;
        let (covariates, mut warnings) =
            covariates(&net, &state_covariates, &Robj::from(()), &Robj::from(false), flag(&lenient, "lenient")?)?;
        let mut table = StateYears::new(&net.graph, &net.timeline, years);
        if !covariates.is_empty() {
            table = table.with_covariates(&covariates.state).map_err(Failure::usage)?;
            let unjoined = table.covariate_rows_not_joined();
            warnings.extend(unjoined.iter().flat_map(|d| d.warnings().map(|w| w.to_string())));
        }
        with_warnings(table_out(&table)?, warnings)
    })
}

/// `pactnet export alliances`.
#[extendr]
fn rs_alliances(net: Robj) -> Robj {
    guard(|| {
        let net = self::net(&net)?;
        table_out(&pactnet::export::alliances::AllianceTable::new(&net.graph.data))
    })
}

/// `pactnet export graphml|json` as text (for `pn_igraph`, `pn_network`, `pn_export`).
#[extendr]
#[allow(clippy::too_many_arguments)]
fn rs_snapshot_text(
    net: Robj,
    format: Robj,
    year: Robj,
    date: Robj,
    layer: Robj,
    with_metrics: Robj,
    provisions: Robj,
) -> Robj {
    guard(|| {
        let net = self::net(&net)?;
        let snap = net.snapshot(period(&year, &date)?, self::layer(&layer)?)?;
        let metrics = if flag(&with_metrics, "with_metrics")? {
            NodeMetrics::all(&net.graph, &net.timeline, &snap)?
        } else {
            NodeMetrics::none()
        };
        let provisions = DyadProvisions::new(&net.graph.data, &strings(&provisions, "provisions")?)
            .map_err(|e| Failure::usage(format!("provisions: {e}")))?;
        let x = SnapshotExport::new(&net.graph, &snap, metrics).with_provisions(&provisions, &net.timeline);
        let mut out = Vec::new();
        let written = match string(&format, "format")?.as_str() {
            "graphml" => pactnet::export::graphml::write_graphml(&x, &mut out),
            "json" => pactnet::export::nodelink::write_node_link(&x, &mut out),
            f => return Err(Failure::usage(format!("format {f:?}: expected graphml or json"))),
        };
        written.map_err(|e| Failure::internal(e.to_string()))?;
        String::from_utf8(out).map(Robj::from).map_err(|e| Failure::internal(e.to_string()))
    })
}

/// `pactnet export gexf`: the whole multigraph as GEXF text.
#[extendr]
fn rs_gexf(net: Robj) -> Robj {
    guard(|| {
        let net = self::net(&net)?;
        let mut out = Vec::new();
        pactnet::export::gexf::write_gexf(&net.graph, &mut out).map_err(|e| Failure::internal(e.to_string()))?;
        String::from_utf8(out).map(Robj::from).map_err(|e| Failure::internal(e.to_string()))
    })
}

/// Writes `data` (a string or a raw vector) to `path` atomically, never onto an input.
#[extendr]
fn rs_write(net: Robj, path: Robj, data: Robj) -> Robj {
    guard(|| {
        let net = self::net(&net)?;
        let path = PathBuf::from(string(&path, "file")?);
        let bytes: Vec<u8> = match (data.as_raw_slice(), data.as_str()) {
            (Some(raw), _) => raw.to_vec(),
            (None, Some(text)) => text.as_bytes().to_vec(),
            _ => return Err(Failure::usage("data: expected a string or a raw vector")),
        };
        write_atomically(&path, &net.inputs(), |out| out.write_all(&bytes))?;
        Ok(Robj::from(path.display().to_string()))
    })
}

/// `pactnet blocs` (or `--summary`).
#[extendr]
#[allow(clippy::too_many_arguments)]
fn rs_blocs(
    net: Robj,
    years: Robj,
    layer: Robj,
    seed: Robj,
    resolution: Robj,
    alpha: Robj,
    summary: Robj,
    window: Robj,
) -> Robj {
    use pactnet::measures::blocs::{yearly_blocs, BlocRequest};
    guard(|| {
        let net = self::net(&net)?;
        let windowed = net.windowed(&window)?;
        let timeline = windowed.as_ref().unwrap_or(&net.timeline);
        let resolution = real(&resolution, "resolution")?;
        let alpha = real(&alpha, "alpha")?;
        if !(resolution.is_finite() && resolution > 0.0) {
            return Err(Failure::usage(format!("resolution {resolution}: expected a positive number")));
        }
        if !(0.0..=1.6).contains(&alpha) {
            return Err(Failure::usage(format!("alpha {alpha}: expected a number in 0..=1.6")));
        }
        let seed = real(&seed, "seed")?;
        if !(seed >= 0.0 && seed.fract() == 0.0 && seed < 2f64.powi(53)) {
            return Err(Failure::usage(format!("seed {seed}: expected a whole number, 0 or more")));
        }
        let request = BlocRequest {
            years: self::years(&years)?,
            layer: self::layer(&layer)?,
            seed: seed as u64,
            resolution,
            alpha,
        };
        let t = yearly_blocs(&net.graph, timeline, &request)?;
        if flag(&summary, "summary")? {
            table_out(&t.summary_table())
        } else {
            table_out(&t.node_table())
        }
    })
}

/// A weight per state (dense index; absent states weigh 0) from a named double vector, names
/// being states (codes, abbreviations or names), as the CLI's `--weights FILE` rows.
fn similarity_weights(
    net: &Net,
    weights: &Robj,
    measure: pactnet::measures::similarity::Measure,
) -> Outcome<Option<Vec<f64>>> {
    use pactnet::measures::similarity::Measure;
    if weights.is_null() {
        return Ok(None);
    }
    if !matches!(measure, Measure::S | Measure::S2) {
        return Err(Failure::usage(format!("weights apply to measure s or s2, not {measure}")));
    }
    let values = weights.as_real_slice().ok_or_else(|| Failure::usage("weights: expected a named numeric vector"))?;
    let names: Vec<String> = match weights.names() {
        Some(n) => n.map(str::to_string).collect(),
        None => {
            return Err(Failure::usage("weights: expected a numeric vector named by state, e.g. c(USA = 2, RUS = 1)"))
        }
    };
    let mut out = vec![0.0; net.graph.data.states.len()];
    for (name, &w) in names.iter().zip(values) {
        if !(w.is_finite() && w >= 0.0) {
            return Err(Failure::usage(format!("weight {w} of {name}: expected a number, 0 or more")));
        }
        out[net.state(name)? as usize] = w;
    }
    Ok(Some(out))
}

/// Every edge of the typed, dated multigraph.
#[extendr]
fn rs_multigraph(net: Robj) -> Robj {
    guard(|| table_out(&tables::multigraph_edges(&self::net(&net)?.graph)))
}

/// `pactnet closure` (or `--esp`).
#[extendr]
fn rs_closure(net: Robj, years: Robj, layer: Robj, decay: Robj, esp: Robj) -> Robj {
    use pactnet::measures::dynamics::{changes, ChangeRequest};
    guard(|| {
        let net = self::net(&net)?;
        let decay = real(&decay, "decay")?;
        if !(decay.is_finite() && decay > 0.0) {
            return Err(Failure::usage(format!("decay {decay}: expected a number above 0")));
        }
        let request = ChangeRequest { years: self::years(&years)?, layer: self::layer(&layer)?, alpha: decay };
        let t = changes(&net.graph, &net.timeline, &request)?;
        if flag(&esp, "esp")? {
            table_out(&t.esp_table())
        } else {
            table_out(&t)
        }
    })
}

/// `pactnet cliques` (or `--overlap`).
#[extendr]
fn rs_cliques(net: Robj, years: Robj, layer: Robj, min_size: Robj, overlap: Robj) -> Robj {
    use pactnet::measures::cliques::yearly_cliques;
    guard(|| {
        let net = self::net(&net)?;
        let min_size = int(&min_size, "min_size")?;
        if min_size < 2 {
            return Err(Failure::usage(format!("min_size {min_size}: expected 2 or more")));
        }
        let t = yearly_cliques(
            &net.graph,
            &net.timeline,
            self::years(&years)?,
            self::layer(&layer)?,
            min_size as usize,
            pactnet::measures::cliques::MAX_CLIQUES,
        )?;
        if flag(&overlap, "overlap")? {
            table_out(&t.overlap_table())
        } else {
            table_out(&t)
        }
    })
}

/// `pactnet similarity`.
#[extendr]
#[allow(clippy::too_many_arguments)]
fn rs_similarity(
    net: Robj,
    years: Robj,
    layer: Robj,
    measure: Robj,
    coding: Robj,
    among: Robj,
    dyads: Robj,
    window: Robj,
    weights: Robj,
) -> Robj {
    use pactnet::measures::similarity::{similarity, Coding, Measure, SimilarityRequest};
    guard(|| {
        let net = self::net(&net)?;
        let windowed = net.windowed(&window)?;
        let timeline = windowed.as_ref().unwrap_or(&net.timeline);
        let dyads = strings(&dyads, "dyads")?;
        let dyads = if dyads.is_empty() {
            None
        } else {
            let pair = |d: &String| -> Outcome<(DenseIndex, DenseIndex)> {
                let (a, b) = d
                    .split_once(',')
                    .ok_or_else(|| Failure::usage(format!("dyads {d:?}: expected \"A,B\" (e.g. \"USA,RUS\")")))?;
                Ok((net.state(a.trim())?, net.state(b.trim())?))
            };
            Some(dyads.iter().map(pair).collect::<Outcome<Vec<_>>>()?)
        };
        let measure: Measure = string(&measure, "measure")?.parse().map_err(Failure::usage)?;
        let coding: Coding = string(&coding, "coding")?.parse().map_err(Failure::usage)?;
        let among = strings(&among, "among")?;
        let among = if among.is_empty() {
            None
        } else {
            Some(
                pactnet::api::choices::parse_state_set(&net.graph.data.states, &among)
                    .map_err(|e| Failure::usage(format!("among: {e}")))?,
            )
        };
        let request = SimilarityRequest {
            years: self::years(&years)?,
            layer: self::layer(&layer)?,
            coding,
            measure,
            dyads,
            weights: similarity_weights(&net, &weights, measure)?,
            among,
        };
        let table = similarity(&net.graph, timeline, &request)?;
        let unweighted = table.unweighted_years();
        let warnings = match unweighted.first() {
            Some(first) => vec![format!(
                "similarity: in {} {} (first: {first}) no state{} with a weight is a node: those values are empty",
                unweighted.len(),
                if unweighted.len() == 1 { "year" } else { "years" },
                if request.among.is_none() { "" } else { " of among" }
            )],
            None => Vec::new(),
        };
        with_warnings(table_out(&table)?, warnings)
    })
}

/// `pactnet tergm MODEL`: the terms table, the fit table and the summary lines, as a list.
#[extendr]
#[allow(clippy::too_many_arguments)]
fn rs_tergm(
    net: Robj,
    model: Robj,
    years: Robj,
    layer: Robj,
    bootstrap: Robj,
    seed: Robj,
    level: Robj,
    predict: Robj,
    state_covariates: Robj,
    dyad_covariates: Robj,
    directed_covariates: Robj,
    network: Robj,
    network_nodes: Robj,
    lenient: Robj,
) -> Robj {
    use pactnet::tergm::{covariates::CovariateAttributes, model::max_lag, networks};
    guard(|| {
        let net = self::net(&net)?;
        let model = string(&model, "model")?;
        let level = real(&level, "level")?;
        if !(level > 0.0 && level < 1.0) {
            return Err(Failure::usage(format!("level {level}: expected a number between 0 and 1 (e.g. 0.95)")));
        }
        let bootstrap = int(&bootstrap, "bootstrap")?;
        if bootstrap < 0 {
            return Err(Failure::usage(format!("bootstrap {bootstrap}: expected 0 or more replicates")));
        }
        let seed = real(&seed, "seed")?;
        if !(seed >= 0.0 && seed.fract() == 0.0 && seed < 2f64.powi(53)) {
            return Err(Failure::usage(format!("seed {seed}: expected a whole number, 0 or more")));
        }
        let lenient = flag(&lenient, "lenient")?;
        let (covariates, mut warnings) =
            covariates(&net, &state_covariates, &dyad_covariates, &directed_covariates, lenient)?;
        let layer = self::layer(&layer)?;
        let network = opt_path(&network, "network")?;
        if network.is_some() && layer != Layer::Any {
            return Err(Failure::usage(
                "layer chooses among pactnet's snapshots; with network the file is the network",
            ));
        }
        let states = &net.graph.data.states;
        let mut diags = [pactnet::Diagnostics::default(), pactnet::Diagnostics::default()];
        let [net_diag, node_diag] = &mut diags;
        let file = match network {
            Some(p) => Some(pactnet::io::network::read_network(&Source::File(p), states, net_diag)?),
            None => None,
        };
        let nodes = match opt_path(&network_nodes, "network_nodes")? {
            Some(p) => Some(pactnet::io::network::read_nodes(&Source::File(p), states, node_diag)?),
            None => None,
        };
        let on_row_error = if lenient { OnRowError::Skip } else { OnRowError::Fail };
        pactnet::io::covariates::settle_row_errors(&mut diags, on_row_error)?;
        warnings.extend(diags.iter().flat_map(|d| d.warnings().map(|w| w.to_string())));
        let source = match &file {
            Some(f) => networks::Source::File(f),
            None => networks::Source::Snapshots { graph: &net.graph, timeline: &net.timeline, layer },
        };
        let built = networks::networks(&source, self::years(&years)?, max_lag(&model), nodes.as_ref(), &covariates)
            .map_err(Failure::query)?;
        let attributes = CovariateAttributes::new(&covariates, &net.graph.data.states);
        let request = pactnet::tergm::ModelRequest {
            formula: &model,
            networks: &built.networks,
            years: built.years.clone(),
            attributes: &attributes,
            bootstrap: (bootstrap > 0).then_some(pactnet::tergm::bootstrap::BootstrapRequest {
                replicates: bootstrap as usize,
                seed: seed as u64,
                level,
            }),
            level,
            predict: opt_int(&predict, "predict")?,
            max_cells: pactnet::tergm::design::DEFAULT_MAX_CELLS,
        };
        let result = pactnet::tergm::run(&request).map_err(Failure::usage)?;
        let mut summary = result.summary();
        summary.extend(networks::left_out_warning(&built.left_out, "of the networks"));
        let pairs: Vec<(&str, Robj)> = vec![
            ("terms", table_out(&result.terms_table())?),
            ("fit", table_out(&result.fit_table())?),
            ("summary", Strings::from_values(&summary).into()),
            ("warnings", Strings::from_values(&warnings).into()),
        ];
        Ok(List::from_pairs(pairs).into())
    })
}

/// The network pictures' look (the CLI's `LookArgs`), checked as `PlotOptions::check` does.
#[allow(clippy::too_many_arguments)]
fn look_options(
    layout: &Robj,
    color: &Robj,
    size: &Robj,
    labels: &Robj,
    hide_isolates: &Robj,
    width: &Robj,
    height: &Robj,
    seed: &Robj,
) -> Outcome<pactnet::plot::PlotOptions> {
    use pactnet::plot::{Isolates, PlotOptions};
    let size = string(size, "size")?;
    let size = if size.eq_ignore_ascii_case("none") {
        None
    } else {
        Some(size.parse::<NodeMetric>().map_err(|e| Failure::usage(format!("{e}, none")))?)
    };
    let dims = |x: &Robj, name: &str| -> Outcome<u32> {
        u32::try_from(int(x, name)?).map_err(|_| Failure::usage(format!("{name}: expected a positive number")))
    };
    let seed = real(seed, "seed")?;
    if !(seed >= 0.0 && seed.fract() == 0.0 && seed < 2f64.powi(53)) {
        return Err(Failure::usage(format!("seed {seed}: expected a whole number, 0 or more")));
    }
    let options = PlotOptions {
        layout: string(layout, "layout")?.parse().map_err(Failure::usage)?,
        anchoring: pactnet::plot::layout::DEFAULT_ANCHORING,
        color: string(color, "color")?.parse().map_err(Failure::usage)?,
        size,
        labels: string(labels, "labels")?.parse().map_err(Failure::usage)?,
        isolates: if flag(hide_isolates, "hide_isolates")? { Isolates::Hide } else { Isolates::Show },
        width: dims(width, "width")?,
        height: dims(height, "height")?,
        seed: seed as u64,
        ..PlotOptions::default()
    };
    options.check()?;
    Ok(options)
}

/// `pactnet plot animate --years A..B`: one network frame per year, as GIF bytes.
#[extendr]
#[allow(clippy::too_many_arguments)]
fn rs_plot_animate(
    net: Robj,
    years: Robj,
    fps: Robj,
    layer: Robj,
    layout: Robj,
    color: Robj,
    size: Robj,
    labels: Robj,
    hide_isolates: Robj,
    width: Robj,
    height: Robj,
    seed: Robj,
) -> Robj {
    guard(|| {
        let net = self::net(&net)?;
        let options = look_options(&layout, &color, &size, &labels, &hide_isolates, &width, &height, &seed)?;
        let fps = int(&fps, "fps")?;
        if !(1..=50).contains(&fps) {
            return Err(Failure::usage(format!("fps {fps}: expected 1..=50 frames per second")));
        }
        let years =
            self::years(&years)?.ok_or_else(|| Failure::usage("years: give the years to animate, e.g. 1900:1950"))?;
        let mut out = Vec::new();
        let layer = self::layer(&layer)?;
        write_animation(&net.graph, &net.timeline, years, layer, &options, fps as u32, &mut || (), &mut out)?;
        Ok(Raw::from_bytes(&out).into())
    })
}

/// `pactnet plot network`: the picture as PNG or SVG bytes.
#[extendr]
#[allow(clippy::too_many_arguments)]
fn rs_plot_network(
    net: Robj,
    format: Robj,
    year: Robj,
    date: Robj,
    layer: Robj,
    layout: Robj,
    color: Robj,
    size: Robj,
    labels: Robj,
    hide_isolates: Robj,
    width: Robj,
    height: Robj,
    seed: Robj,
) -> Robj {
    guard(|| {
        let net = self::net(&net)?;
        let format = image_format(&format)?;
        let period = period(&year, &date)?;
        let options = look_options(&layout, &color, &size, &labels, &hide_isolates, &width, &height, &seed)?;
        let bytes = pactnet::api::pictures::network_picture(
            &net.graph,
            &net.timeline,
            period,
            self::layer(&layer)?,
            &options,
            format,
        )?;
        Ok(Raw::from_bytes(&bytes).into())
    })
}

/// `pactnet plot series`: the picture as PNG or SVG bytes.
#[extendr]
#[allow(clippy::too_many_arguments)]
fn rs_plot_series(
    net: Robj,
    format: Robj,
    metrics: Robj,
    layers: Robj,
    years: Robj,
    eras: Robj,
    width: Robj,
    height: Robj,
) -> Robj {
    use pactnet::api::pictures::{series_picture, SeriesRequest};
    guard(|| {
        let net = self::net(&net)?;
        let format = image_format(&format)?;
        let metrics = strings(&metrics, "metrics")?
            .iter()
            .map(|m| m.parse::<GraphMetric>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(Failure::usage)?;
        let layers = strings(&layers, "layers")?.iter().map(|l| l.parse::<Layer>()).collect::<Result<Vec<_>, _>>();
        let layers = layers.map_err(Failure::usage)?;
        let dims = |x: &Robj, name: &str| -> Outcome<u32> {
            u32::try_from(int(x, name)?).map_err(|_| Failure::usage(format!("{name}: expected a positive number")))
        };
        let request = SeriesRequest {
            years: self::years(&years)?,
            layers,
            metrics,
            eras: flag(&eras, "eras")?,
            width: dims(&width, "width")?,
            height: dims(&height, "height")?,
        };
        let bytes = series_picture(&net.graph, &net.timeline, &request, format)?;
        Ok(Raw::from_bytes(&bytes).into())
    })
}

/// `pactnet plot state STATE`: a state's degree and betweenness over the years.
#[extendr]
#[allow(clippy::too_many_arguments)]
fn rs_plot_state(
    net: Robj,
    format: Robj,
    state: Robj,
    layer: Robj,
    years: Robj,
    eras: Robj,
    width: Robj,
    height: Robj,
) -> Robj {
    guard(|| {
        let net = self::net(&net)?;
        let format = image_format(&format)?;
        let (width, height) = pictures::size(int(&width, "width")?, int(&height, "height")?)?;
        let v = net.state(&string(&state, "state")?)?;
        let canvas = Canvas { format, width, height };
        let layer = self::layer(&layer)?;
        let bytes =
            state_picture(&net.graph, &net.timeline, v, layer, self::years(&years)?, flag(&eras, "eras")?, canvas)?;
        Ok(Raw::from_bytes(&bytes).into())
    })
}

/// `pactnet plot matrix --year Y`: the adjacency matrix of one year's snapshot.
#[extendr]
fn rs_plot_matrix(net: Robj, format: Robj, year: Robj, layer: Robj, width: Robj, height: Robj) -> Robj {
    guard(|| {
        let net = self::net(&net)?;
        let format = image_format(&format)?;
        let (width, height) = pictures::size(int(&width, "width")?, int(&height, "height")?)?;
        let canvas = Canvas { format, width, height };
        let bytes = matrix_picture(&net.graph, &net.timeline, int(&year, "year")?, self::layer(&layer)?, canvas)?;
        Ok(Raw::from_bytes(&bytes).into())
    })
}

/// `pactnet plot durations`: the Kaplan–Meier curves of `durations`.
#[extendr]
fn rs_plot_durations(net: Robj, format: Robj, by: Robj, width: Robj, height: Robj) -> Robj {
    use pactnet::measures::survival::GroupBy;
    guard(|| {
        let net = self::net(&net)?;
        let format = image_format(&format)?;
        let (width, height) = pictures::size(int(&width, "width")?, int(&height, "height")?)?;
        let by: GroupBy = string(&by, "by")?.parse().map_err(Failure::usage)?;
        let bytes = durations_picture(&net.graph.data, by, Canvas { format, width, height })?;
        Ok(Raw::from_bytes(&bytes).into())
    })
}

/// `pactnet plot reach STATE`: the chains of `reach` as a tree.
#[extendr]
#[allow(clippy::too_many_arguments)]
fn rs_plot_reach(
    net: Robj,
    format: Robj,
    state: Robj,
    year: Robj,
    date: Robj,
    layer: Robj,
    direction: Robj,
    width: Robj,
    height: Robj,
) -> Robj {
    use pactnet::measures::reach::Direction;
    guard(|| {
        let net = self::net(&net)?;
        let format = image_format(&format)?;
        let (width, height) = pictures::size(int(&width, "width")?, int(&height, "height")?)?;
        let root = net.state(&string(&state, "state")?)?;
        let direction: Direction = string(&direction, "direction")?.parse().map_err(Failure::usage)?;
        let (period, layer) = (period(&year, &date)?, self::layer(&layer)?);
        let canvas = Canvas { format, width, height };
        let bytes = reach_picture(&net.graph, &net.timeline, period, layer, root, direction, canvas)?;
        Ok(Raw::from_bytes(&bytes).into())
    })
}

fn image_format(x: &Robj) -> Outcome<ImageFormat> {
    match string(x, "format")?.as_str() {
        "png" => Ok(ImageFormat::Png),
        "svg" => Ok(ImageFormat::Svg),
        f => Err(Failure::usage(format!("format {f:?}: expected png or svg"))),
    }
}

/// `pactnet separation` (or `--summary`).
#[extendr]
fn rs_separation(net: Robj, years: Robj, layer: Robj, dyads: Robj, summary: Robj) -> Robj {
    use pactnet::measures::separation::{separation, Pairs, SeparationRequest};
    guard(|| {
        let net = self::net(&net)?;
        let dyads = strings(&dyads, "dyads")?;
        let summary = flag(&summary, "summary")?;
        if summary && !dyads.is_empty() {
            return Err(Failure::usage(
                "dyads chooses pair rows: not with summary = TRUE (the histogram of every pair)",
            ));
        }
        let pairs = if summary {
            Pairs::None
        } else if dyads.is_empty() {
            Pairs::All
        } else {
            let pair = |d: &String| -> Outcome<(DenseIndex, DenseIndex)> {
                let (a, b) = d
                    .split_once(',')
                    .ok_or_else(|| Failure::usage(format!("dyads {d:?}: expected \"A,B\" (e.g. \"USA,RUS\")")))?;
                Ok((net.state(a.trim())?, net.state(b.trim())?))
            };
            Pairs::Only(dyads.iter().map(pair).collect::<Outcome<Vec<_>>>()?)
        };
        let request = SeparationRequest { years: self::years(&years)?, layer: self::layer(&layer)?, pairs };
        let table = separation(&net.graph, &net.timeline, &request)?;
        if summary {
            table_out(&table.summary_table())
        } else {
            table_out(&table)
        }
    })
}

/// `pactnet reach STATE`.
#[extendr]
fn rs_reach(net: Robj, state: Robj, year: Robj, date: Robj, layer: Robj, direction: Robj) -> Robj {
    use pactnet::measures::reach::{reach, Direction, ReachTable};
    guard(|| {
        let net = self::net(&net)?;
        let root = net.state(&string(&state, "state")?)?;
        let direction: Direction = string(&direction, "direction")?.parse().map_err(Failure::usage)?;
        let rows = reach(&net.graph, &net.timeline, period(&year, &date)?, self::layer(&layer)?, root, direction)?;
        table_out(&ReachTable { states: &net.graph.data.states, rows: &rows })
    })
}

/// `pactnet durations` (or `--summary`).
#[extendr]
fn rs_durations(net: Robj, by: Robj, summary: Robj) -> Robj {
    use pactnet::measures::survival::{durations, GroupBy};
    guard(|| {
        let net = self::net(&net)?;
        let by: GroupBy = string(&by, "by")?.parse().map_err(Failure::usage)?;
        let table = durations(&net.graph.data, by);
        if flag(&summary, "summary")? {
            table_out(&table.summary_table())
        } else {
            table_out(&table)
        }
    })
}

/// `pactnet alliance ATOPID`: the record as the CLI's text or JSON.
#[extendr]
fn rs_alliance(net: Robj, id: Robj, format: Robj) -> Robj {
    use pactnet::export::alliances::AllianceDetail;
    guard(|| {
        let net = self::net(&net)?;
        let id = int(&id, "atopid")?;
        let data = &net.graph.data;
        let detail = u32::try_from(id).ok().and_then(|i| AllianceDetail::new(data, pactnet::AllianceId(i)));
        let Some(detail) = detail else {
            let mut ids: Vec<u32> = data.members.iter().map(|m| m.alliance.0).collect();
            ids.sort_unstable();
            ids.dedup();
            let k = ids.partition_point(|&i| i64::from(i) < i64::from(id));
            let near: Vec<String> =
                ids[k.saturating_sub(2)..(k + 2).min(ids.len())].iter().map(u32::to_string).collect();
            return Err(Failure::usage(format!(
                "no alliance {id} in {} (nearest atopids: {})",
                data.member_file,
                near.join(", ")
            )));
        };
        let text = match string(&format, "format")?.as_str() {
            "text" => {
                let mut out = Vec::new();
                detail.write_text(&mut out).map_err(|e| Failure::internal(e.to_string()))?;
                String::from_utf8(out).map_err(|e| Failure::internal(e.to_string()))?
            }
            "json" => {
                // As the CLI's `--format json`: serde_json's pretty form and a newline.
                let json =
                    serde_json::to_string_pretty(&detail.to_json()).map_err(|e| Failure::internal(e.to_string()))?;
                format!("{json}\n")
            }
            f => return Err(Failure::usage(format!("format {f:?}: expected text or json"))),
        };
        Ok(Robj::from(text))
    })
}

/// `pactnet explore`: the interactive page as one HTML string.
#[extendr]
fn rs_explore(net: Robj, years: Robj, seed: Robj) -> Robj {
    guard(|| {
        let net = self::net(&net)?;
        let seed = real(&seed, "seed")?;
        if !(seed >= 0.0 && seed.fract() == 0.0 && seed < 2f64.powi(53)) {
            return Err(Failure::usage(format!("seed {seed}: expected a whole number, 0 or more")));
        }
        let options = pactnet::explore::ExploreOptions { years: self::years(&years)?, seed: seed as u64 };
        Ok(Robj::from(pactnet::explore::page(&net.graph, &net.timeline, &options)?))
    })
}

/// `pactnet report`: writes the study directory; returns the files written.
#[extendr]
#[allow(clippy::too_many_arguments)]
fn rs_report(
    net: Robj,
    directory: Robj,
    years: Robj,
    layers: Robj,
    network_years: Robj,
    width: Robj,
    height: Robj,
    seed: Robj,
) -> Robj {
    use pactnet::report::{write_report, ReportOptions};
    guard(|| {
        let net = self::net(&net)?;
        let dir = PathBuf::from(string(&directory, "directory")?);
        let network_years = match network_years.as_integer_slice() {
            Some(y) => y.to_vec(),
            None if network_years.is_null() => Vec::new(),
            None => return Err(Failure::usage("network_years: expected whole numbers")),
        };
        let dims = |x: &Robj, name: &str| -> Outcome<u32> {
            u32::try_from(int(x, name)?).map_err(|_| Failure::usage(format!("{name}: expected a positive number")))
        };
        let seed = real(&seed, "seed")?;
        if !(seed >= 0.0 && seed.fract() == 0.0 && seed < 2f64.powi(53)) {
            return Err(Failure::usage(format!("seed {seed}: expected a whole number, 0 or more")));
        }
        let options = ReportOptions {
            years: self::years(&years)?,
            layers: parse_layers(&strings(&layers, "layers")?, net.graph.data.source.layers())
                .map_err(Failure::usage)?,
            network_years,
            width: dims(&width, "width")?,
            height: dims(&height, "height")?,
            seed: seed as u64,
            ..ReportOptions::default()
        };
        let inputs = net.inputs();
        let summary = write_report(&net.graph, &net.timeline, &options, &dir, &inputs, &mut |_| {})
            .map_err(|e| Failure::io(e.to_string(), &dir))?;
        Ok(Strings::from_values(&summary.files).into())
    })
}

/// Doubles as the CLI's CSV writes them (round-trip exact), for the tests' cell-by-cell checks.
#[extendr]
fn rs_format_doubles(x: Robj) -> Robj {
    guard(|| {
        let values = x.as_real_slice().ok_or_else(|| Failure::usage("x: expected a double vector"))?;
        let mut buf = ryu::Buffer::new();
        let text = values.iter().map(|&v| {
            if v.is_nan() && Rfloat::from(v).is_na() {
                Rstr::na()
            } else {
                Rstr::from(pactnet::io::table::format_float(if v == 0.0 { 0.0 } else { v }, &mut buf))
            }
        });
        Ok(Strings::from_values(text).into())
    })
}

/// CSV cells read as doubles by Rust's correctly rounded parser (`nan` as NaN, an empty cell as
/// NA), for the tests' bit-for-bit checks of double columns.
#[extendr]
fn rs_parse_doubles(x: Robj) -> Robj {
    guard(|| {
        let cells = strings(&x, "x")?;
        let values = cells.iter().map(|c| match c.as_str() {
            "" => Ok(Rfloat::na()),
            "nan" => Ok(Rfloat::from(f64::NAN)),
            t => t.parse::<f64>().map(Rfloat::from).map_err(|_| Failure::usage(format!("{t:?} is not a number"))),
        });
        Ok(Doubles::from_values(values.collect::<Outcome<Vec<_>>>()?).into())
    })
}

/// Panics, for the tests only: proves that a Rust panic reaches R as a `pactnet_internal_error`.
#[extendr]
fn rs_panic_for_tests() -> Robj {
    guard(|| panic!("pactnet: test panic"))
}

extendr_module! {
    mod pactnet;
    fn rs_load;
    fn rs_info;
    fn rs_snapshot;
    fn rs_metrics;
    fn rs_state;
    fn rs_dyad;
    fn rs_dyadyears;
    fn rs_statelevel;
    fn rs_alliances;
    fn rs_snapshot_text;
    fn rs_gexf;
    fn rs_write;
    fn rs_blocs;
    fn rs_closure;
    fn rs_multigraph;
    fn rs_cliques;
    fn rs_similarity;
    fn rs_tergm;
    fn rs_plot_network;
    fn rs_plot_series;
    fn rs_plot_state;
    fn rs_plot_matrix;
    fn rs_plot_durations;
    fn rs_plot_reach;
    fn rs_plot_animate;
    fn rs_separation;
    fn rs_reach;
    fn rs_durations;
    fn rs_alliance;
    fn rs_report;
    fn rs_explore;
    fn rs_format_doubles;
    fn rs_parse_doubles;
    fn rs_panic_for_tests;
}
