//! The metric rows and the two tables (graph level, node level) that write them through
//! [`crate::io::table::Table`], so every output format and the one float formatter apply.
//!
//! Place in the flow: analysis → **tables** → output (CSV/JSON). Rows are sorted by
//! (year, layer in [`Layer::ALL`] order, ccode).

use super::{GraphMetric, MetricTables, NodeMetric};
use crate::io::table::{Cell, RowSink, Table};
use crate::model::{DenseIndex, Layer};
use std::io;

/// One row of the graph-level table. Definitions: [`GraphMetric`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GraphRow {
    /// Year.
    pub year: i32,
    /// Layer.
    pub layer: Layer,
    /// Nodes.
    pub nodes: usize,
    /// Edges.
    pub edges: usize,
    /// Density.
    pub density: f64,
    /// Isolated nodes.
    pub isolates: usize,
    /// Connected components.
    pub components: usize,
    /// Size of the largest component.
    pub largest_component: usize,
    /// Mean degree.
    pub mean_degree: f64,
    /// Average local clustering.
    pub avg_clustering: f64,
    /// Transitivity.
    pub transitivity: f64,
    /// Freeman degree centralization.
    pub degree_centralization: f64,
    /// Diameter of the largest component.
    pub diameter: u32,
    /// Average path length of the largest component.
    pub avg_path_length: f64,
    /// Distinct alliances.
    pub alliances: usize,
    /// Counted multigraph edges.
    pub multi_edges: usize,
    /// Degree assortativity; `None` where networkx gives NaN.
    pub degree_assortativity: Option<f64>,
    /// Region assortativity; `None` where networkx gives NaN.
    pub region_assortativity: Option<f64>,
}

impl GraphRow {
    /// The cell of metric `m`.
    pub fn cell(&self, m: GraphMetric) -> Cell<'static> {
        let int = |x: usize| Cell::Int(x as i64);
        match m {
            GraphMetric::Nodes => int(self.nodes),
            GraphMetric::Edges => int(self.edges),
            GraphMetric::Density => Cell::Float(self.density),
            GraphMetric::Isolates => int(self.isolates),
            GraphMetric::Components => int(self.components),
            GraphMetric::LargestComponent => int(self.largest_component),
            GraphMetric::MeanDegree => Cell::Float(self.mean_degree),
            GraphMetric::AvgClustering => Cell::Float(self.avg_clustering),
            GraphMetric::Transitivity => Cell::Float(self.transitivity),
            GraphMetric::DegreeCentralization => Cell::Float(self.degree_centralization),
            GraphMetric::Diameter => Cell::Int(i64::from(self.diameter)),
            GraphMetric::AvgPathLength => Cell::Float(self.avg_path_length),
            GraphMetric::Alliances => int(self.alliances),
            GraphMetric::MultiEdges => int(self.multi_edges),
            GraphMetric::DegreeAssortativity => self.degree_assortativity.map_or(Cell::Missing, Cell::Float),
            GraphMetric::RegionAssortativity => self.region_assortativity.map_or(Cell::Missing, Cell::Float),
        }
    }
}

/// One row of the node-level table. Definitions: [`NodeMetric`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeRow {
    /// Year.
    pub year: i32,
    /// Layer.
    pub layer: Layer,
    /// The state (dense index; its ccode and abbreviation come from the state index).
    pub state: DenseIndex,
    /// Degree.
    pub degree: u32,
    /// Strength (sum of weights).
    pub strength: u32,
    /// Normalised betweenness.
    pub betweenness: f64,
    /// Wasserman–Faust closeness.
    pub closeness: f64,
    /// Harmonic centrality.
    pub harmonic: f64,
    /// PageRank.
    pub pagerank: f64,
    /// Eigenvector centrality.
    pub eigenvector: f64,
    /// Local clustering.
    pub clustering: f64,
    /// Core number.
    pub core: u32,
}

impl NodeRow {
    /// The cell of metric `m`.
    pub fn cell(&self, m: NodeMetric) -> Cell<'static> {
        match m {
            NodeMetric::Degree => Cell::Int(i64::from(self.degree)),
            NodeMetric::Strength => Cell::Int(i64::from(self.strength)),
            NodeMetric::Betweenness => Cell::Float(self.betweenness),
            NodeMetric::Closeness => Cell::Float(self.closeness),
            NodeMetric::Harmonic => Cell::Float(self.harmonic),
            NodeMetric::Pagerank => Cell::Float(self.pagerank),
            NodeMetric::Eigenvector => Cell::Float(self.eigenvector),
            NodeMetric::Clustering => Cell::Float(self.clustering),
            NodeMetric::Core => Cell::Int(i64::from(self.core)),
        }
    }
}

/// The graph-level table: `year,layer,` then the requested [`GraphMetric`]s in their order.
#[derive(Debug, Clone, Copy)]
pub struct GraphTable<'t, 'g>(pub &'t MetricTables<'g>);

impl Table for GraphTable<'_, '_> {
    fn columns(&self) -> Vec<&'static str> {
        ["year", "layer"].into_iter().chain(self.0.graph_metrics().iter().map(|m| m.name())).collect()
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> io::Result<()> {
        let metrics = self.0.graph_metrics();
        for row in self.0.graph_rows() {
            sink.cell(Cell::Int(i64::from(row.year)))?;
            sink.cell(Cell::Text(row.layer.name()))?;
            for &m in metrics {
                sink.cell(row.cell(m))?;
            }
            sink.end_row()?;
        }
        Ok(())
    }
}

/// The node-level table: `year,layer,ccode,abbr,` then the requested [`NodeMetric`]s.
#[derive(Debug, Clone, Copy)]
pub struct NodeTable<'t, 'g>(pub &'t MetricTables<'g>);

impl Table for NodeTable<'_, '_> {
    fn columns(&self) -> Vec<&'static str> {
        ["year", "layer", "ccode", "abbr"].into_iter().chain(self.0.node_metrics().iter().map(|m| m.name())).collect()
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> io::Result<()> {
        let metrics = self.0.node_metrics();
        let states = self.0.states();
        for row in self.0.node_rows() {
            let state = states.state(row.state);
            sink.cell(Cell::Int(i64::from(row.year)))?;
            sink.cell(Cell::Text(row.layer.name()))?;
            sink.cell(Cell::Int(i64::from(state.id.0)))?;
            sink.cell(Cell::Text(&state.abbr))?;
            for &m in metrics {
                sink.cell(row.cell(m))?;
            }
            sink.end_row()?;
        }
        Ok(())
    }
}
