//! The yearly networks a model is fitted to: pactnet's own snapshots of a layer, or a dyad-year
//! file (`--network`); each year's nodes are the snapshot's states, a node list
//! (`--network-nodes`), or the states with state covariates that year.

use super::YearNetwork;
use crate::graph::{AllianceGraph, Period, SnapshotBuilder, Timeline};
use crate::model::covariates::{Covariates, NodeList, YearlyNetworks};
use crate::model::{Layer, StateId};
use std::collections::BTreeMap;
use std::ops::RangeInclusive;

/// Per year, the ties left out because an end is not among the year's nodes.
pub type LeftOut = BTreeMap<i32, Vec<(StateId, StateId)>>;

/// The yearly networks of pactnet's own snapshots: for each year of `years` (and the `lag_years`
/// before, for lagged terms, where the data has them), the ties of `layer` among `nodes(year)`
/// (default: the snapshot's nodes). Returns the networks and, per year, the ties left out because
/// an end is not among the year's nodes.
pub fn networks_from_snapshots(
    graph: &AllianceGraph,
    timeline: &Timeline,
    years: RangeInclusive<i32>,
    lag_years: u32,
    layer: Layer,
    nodes: Option<&dyn Fn(i32) -> Vec<StateId>>,
) -> Result<(BTreeMap<i32, YearNetwork>, LeftOut), crate::error::QueryError> {
    let data_years = timeline.years();
    let first = (*years.start() - lag_years as i32).max(*data_years.start());
    let last = (*years.end()).min(*data_years.end());
    let mut builder = SnapshotBuilder::new(graph, timeline);
    let mut networks = BTreeMap::new();
    let mut left_out = BTreeMap::new();
    let states = &graph.data.states;
    for year in first..=last {
        let snap = builder.build(Period::Year(year), layer)?;
        let year_nodes = match nodes {
            Some(f) => f(year),
            None => snap.nodes.iter().map(|&v| states.state(v).id).collect(),
        };
        let ties = snap.edges.iter().map(|e| (states.state(e.a).id, states.state(e.b).id));
        let (network, out) = YearNetwork::new(year, year_nodes, ties);
        if !out.is_empty() {
            left_out.insert(year, out);
        }
        networks.insert(year, network);
    }
    Ok((networks, left_out))
}

/// Where the networks come from.
pub enum Source<'a> {
    /// pactnet's snapshots of a layer.
    Snapshots {
        /// The multigraph.
        graph: &'a AllianceGraph,
        /// Its timeline.
        timeline: &'a Timeline,
        /// The layer.
        layer: Layer,
    },
    /// A dyad-year file.
    File(&'a YearlyNetworks),
}

/// The networks of a model, with the years to model and the ties left out.
pub struct Networks {
    /// The networks by year (the model's years and the lagged years before them).
    pub networks: BTreeMap<i32, YearNetwork>,
    /// The model's years.
    pub years: RangeInclusive<i32>,
    /// Ties left out because an end is not among its year's nodes.
    pub left_out: LeftOut,
}

/// Why the networks cannot be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum NetworksError {
    /// The snapshots' years cannot be read.
    #[error(transparent)]
    Query(#[from] crate::error::QueryError),
    /// A network file has no ties.
    #[error("--network {0}: no ties in the file")]
    EmptyFile(String),
    /// A network file without a node list or state covariates.
    #[error("--network gives ties, not each year's states: give them with --network-nodes FILE or --state-covariates")]
    NoNodes,
}

/// The networks of `source` for `years` (default: every year of the source) and `lag` years
/// before; `nodes` (a node list) chooses each year's states, else the snapshot's states, or for a
/// file the states with state covariates that year. In a file, a year with nodes and no rows has
/// no ties.
///
/// # Errors
/// [`NetworksError`].
pub fn networks(
    source: &Source<'_>,
    years: Option<RangeInclusive<i32>>,
    lag: u32,
    nodes: Option<&NodeList>,
    covariates: &Covariates,
) -> Result<Networks, NetworksError> {
    match source {
        Source::Snapshots { graph, timeline, layer } => {
            let years = years.unwrap_or_else(|| timeline.years());
            let node_fn = nodes.map(|n| move |y: i32| n.states(y));
            let node_ref: Option<&dyn Fn(i32) -> Vec<StateId>> =
                node_fn.as_ref().map(|f| f as &dyn Fn(i32) -> Vec<StateId>);
            let (networks, left_out) = networks_from_snapshots(graph, timeline, years.clone(), lag, *layer, node_ref)?;
            Ok(Networks { networks, years, left_out })
        }
        Source::File(file) => {
            let file_years = file.years();
            let (Some(&first), Some(&last)) = (file_years.first(), file_years.last()) else {
                return Err(NetworksError::EmptyFile(file.file().display().to_string()));
            };
            if nodes.is_none() && covariates.state.is_empty() {
                return Err(NetworksError::NoNodes);
            }
            let years = years.unwrap_or(first..=last);
            let mut networks = BTreeMap::new();
            let mut left_out = BTreeMap::new();
            for year in (*years.start() - lag as i32).max(first)..=*years.end() {
                let year_nodes = match nodes {
                    Some(n) => n.states(year),
                    None => covariates.state.states(year),
                };
                if year_nodes.is_empty() {
                    continue;
                }
                let (network, out) = YearNetwork::new(year, year_nodes, file.ties(year).iter().copied());
                if !out.is_empty() {
                    left_out.insert(year, out);
                }
                networks.insert(year, network);
            }
            Ok(Networks { networks, years, left_out })
        }
    }
}

/// One line naming how many ties were left out because an end is not a node of the year, if any.
pub fn left_out_warning(left_out: &LeftOut, what: &str) -> Option<String> {
    let total: usize = left_out.values().map(Vec::len).sum();
    let (year, tie) = left_out.iter().find_map(|(y, t)| t.first().map(|&tie| (*y, tie)))?;
    Some(format!(
        "tergm: {total} tie(s) {what} in {} year(s) left out because a state is not among the year's nodes \
         (--network-nodes / --state-covariates); the first: {}–{} in {year}",
        left_out.len(),
        tie.0,
        tie.1
    ))
}
