//! The metrics stage: graph- and node-level metrics of every (year, layer) snapshot.
//!
//! Place in the flow: snapshot → **analysis** → output. One driver, [`run`], builds every
//! snapshot asked for, recognises snapshots with the same nodes and edges (alliance networks
//! change slowly and layers often coincide) so that each distinct structure is computed once,
//! computes the distinct ones in parallel across snapshots (each one sequentially, so every float
//! sum has one fixed order and parallel output equals sequential output byte for byte), and
//! returns [`MetricTables`], which write themselves through [`crate::io::table::Table`].
//!
//! Per structure: a compact adjacency ([`csr`]), components ([`components`]), triangles once
//! ([`clustering`]), one breadth-first search per source for every path metric ([`paths`]),
//! power iterations ([`spectral`]) and the k-core ([`cores`]). Definitions are networkx 3's and
//! are checked against it on all 1,206 snapshots of ATOP 4.01 (see `tests/integration/metrics.rs`).
//!
//! ```
//! use pactnet::analysis::{self, Level, MetricRequest};
//! use pactnet::{AllianceGraph, Dataset, Inputs, Layer, LoadOptions, SystemFilter, Timeline};
//!
//! let (data, mut diag) = Dataset::load(&Inputs::sample(), &LoadOptions::default())?;
//! let graph = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
//! let timeline = Timeline::new(&graph);
//! let request = MetricRequest { years: Some(1950..=1951), layers: Layer::ALL.to_vec(), level: Level::Both, ..Default::default() };
//! let tables = analysis::run(&graph, &timeline, &request)?;
//! let rows: Vec<_> = tables.graph_rows().collect();
//! assert_eq!(rows.len(), 2 * 6);
//! // Each layer's snapshot is a subgraph of `any`.
//! assert!(rows.iter().all(|r| r.edges <= rows[if r.year == 1950 { 0 } else { 6 }].edges));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod assortativity;
pub mod clustering;
pub mod components;
pub mod cores;
pub mod csr;
pub mod paths;
pub mod spectral;
pub mod tables;
pub mod twins;

use crate::error::QueryError;
use crate::graph::{AllianceGraph, Period, Snapshot, SnapshotBuilder, Timeline};
use crate::model::{DenseIndex, Layer, Region, StateIndex};
use components::Components;
use csr::Csr;
use paths::{PathResults, PathScratch, PathTargets};
use rayon::prelude::*;
use spectral::SpectralScratch;
use std::collections::HashMap;
use std::ops::RangeInclusive;

pub use tables::{GraphRow, GraphTable, NodeRow, NodeTable};

use crate::names::named_enum;
pub use crate::names::UnknownName;

named_enum!(
    /// A graph-level metric: one value per (year, layer) snapshot, on its unweighted simple graph.
    GraphMetric, "graph metric", [
    /// Number of nodes N (states in the system that year).
    Nodes = "nodes",
    /// Number of edges E (pairs with at least one tie).
    Edges = "edges",
    /// 2E / (N (N − 1)); 0 when N < 2.
    Density = "density",
    /// Nodes of degree 0.
    Isolates = "isolates",
    /// Connected components, isolates included.
    Components = "components",
    /// Size of the largest component.
    LargestComponent = "largest_component",
    /// 2E / N; 0 for an empty graph.
    MeanDegree = "mean_degree",
    /// Mean local clustering over all nodes, zeros included (networkx `average_clustering`).
    AvgClustering = "avg_clustering",
    /// 3 × triangles / connected triples; 0 without a triangle.
    Transitivity = "transitivity",
    /// Freeman (1978): Σ (max degree − degree) / ((N − 1)(N − 2)); 0 when N < 3.
    DegreeCentralization = "degree_centralization",
    /// Diameter of the largest component (ties: the one holding the smallest ccode).
    Diameter = "diameter",
    /// Average shortest-path length of the largest component; 0 for a single node.
    AvgPathLength = "avg_path_length",
    /// Distinct alliances (atopids) with a counted tie in the snapshot.
    Alliances = "alliances",
    /// Multigraph edges counted in the snapshot.
    MultiEdges = "multi_edges",
    /// Degree assortativity (Newman 2002; networkx `degree_assortativity_coefficient`); empty
    /// where networkx gives NaN (no edge, or every edge end of one degree).
    DegreeAssortativity = "degree_assortativity",
    /// Assortativity by COW region ([`crate::model::Region`], Newman 2003; networkx
    /// `attribute_assortativity_coefficient`); empty where networkx gives NaN (every edge inside
    /// one region), 0 without edges (as networkx).
    RegionAssortativity = "region_assortativity",
]);

named_enum!(
    /// A node-level metric: one value per (year, layer, state).
    NodeMetric, "node metric", [
    /// Number of neighbours.
    Degree = "degree",
    /// Sum of edge weights (alliance ties).
    Strength = "strength",
    /// Brandes betweenness, normalised by 2 / ((N − 1)(N − 2)), endpoints excluded.
    Betweenness = "betweenness",
    /// Wasserman–Faust closeness (networkx's default).
    Closeness = "closeness",
    /// Σ 1 / d over the other reachable nodes.
    Harmonic = "harmonic",
    /// PageRank, α = 0.85, unweighted, converged.
    Pagerank = "pagerank",
    /// Eigenvector centrality, networkx's power iteration on A + I.
    Eigenvector = "eigenvector",
    /// Local clustering coefficient.
    Clustering = "clustering",
    /// k-core number.
    Core = "core",
]);

named_enum!(
    /// Which tables to compute.
    Level, "level", [
    /// Graph-level table only (the default).
    Graph = "graph",
    /// Node-level table only.
    Node = "node",
    /// Both tables, in one pass.
    Both = "both",
]);

impl Level {
    /// Whether the graph table is computed.
    pub fn graph(self) -> bool {
        matches!(self, Level::Graph | Level::Both)
    }

    /// Whether the node table is computed.
    pub fn node(self) -> bool {
        matches!(self, Level::Node | Level::Both)
    }
}

/// How the distinct snapshots are spread over threads. Both give byte-identical results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Execution {
    /// Across snapshots on rayon's thread pool (the default); each snapshot sequential.
    #[default]
    Parallel,
    /// One snapshot after the other on the calling thread.
    Sequential,
}

/// What [`run`] computes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricRequest {
    /// Years (inclusive). Default `None`: every year of the timeline.
    pub years: Option<RangeInclusive<i32>>,
    /// Layers; output follows [`Layer::ALL`]'s order whatever the order here, duplicates
    /// ignored. Default: `[Layer::Any]`.
    pub layers: Vec<Layer>,
    /// Tables to compute. Default: [`Level::Graph`].
    pub level: Level,
    /// Graph-level columns; output in [`GraphMetric::ALL`]'s order. Default: all.
    pub graph_metrics: Vec<GraphMetric>,
    /// Node-level columns; output in [`NodeMetric::ALL`]'s order. Default: all.
    pub node_metrics: Vec<NodeMetric>,
    /// Only these states' rows in the node table (metrics are still computed on the whole
    /// snapshot). Default `None`: every state.
    pub states: Option<Vec<DenseIndex>>,
    /// Threads. Default: [`Execution::Parallel`].
    pub execution: Execution,
}

impl Default for MetricRequest {
    fn default() -> Self {
        MetricRequest {
            years: None,
            layers: vec![Layer::Any],
            level: Level::Graph,
            graph_metrics: GraphMetric::ALL.to_vec(),
            node_metrics: NodeMetric::ALL.to_vec(),
            states: None,
            execution: Execution::Parallel,
        }
    }
}

/// The metrics of every requested (year, layer), ready to be written as tables.
#[derive(Debug, Clone)]
pub struct MetricTables<'g> {
    states: &'g StateIndex,
    level: Level,
    graph_metrics: Vec<GraphMetric>,
    node_metrics: Vec<NodeMetric>,
    state_filter: Option<Vec<DenseIndex>>,
    entries: Vec<Entry>,
    structures: Vec<Structure>,
    values: Vec<Values>,
}

/// One (year, layer) snapshot: its distinct structure and what depends on more than structure.
#[derive(Debug, Clone)]
struct Entry {
    year: i32,
    layer: Layer,
    structure: u32,
    alliances: usize,
    multi_edges: usize,
    /// Per node (structure order); empty unless the strength column is asked for.
    strength: Vec<u32>,
}

/// A distinct snapshot structure: nodes (dense, sorted) and edges (local indices, sorted).
#[derive(Debug, Clone)]
struct Structure {
    nodes: Vec<DenseIndex>,
    edges: Vec<(u32, u32)>,
}

/// Everything computed on one structure. Vectors not asked for are empty.
#[derive(Debug, Clone, Default)]
struct Values {
    isolates: usize,
    components: usize,
    largest_component: usize,
    avg_clustering: f64,
    transitivity: f64,
    degree_centralization: f64,
    degree_assortativity: Option<f64>,
    region_assortativity: Option<f64>,
    degree: Vec<u32>,
    paths: PathResults,
    pagerank: Vec<f64>,
    eigenvector: Vec<f64>,
    clustering: Vec<f64>,
    core: Vec<u32>,
}

/// Which computations the requested columns need.
#[derive(Debug, Clone, Copy)]
struct Needs {
    triangles: bool,
    node_clustering: bool,
    paths: bool,
    path_targets: PathTargets,
    pagerank: bool,
    eigenvector: bool,
    core: bool,
}

impl Needs {
    fn of(level: Level, graph: &[GraphMetric], node: &[NodeMetric]) -> Self {
        let g = |m| level.graph() && graph.contains(&m);
        let n = |m| level.node() && node.contains(&m);
        let path_targets = PathTargets {
            betweenness: n(NodeMetric::Betweenness),
            closeness: n(NodeMetric::Closeness),
            harmonic: n(NodeMetric::Harmonic),
        };
        Needs {
            triangles: g(GraphMetric::AvgClustering) || g(GraphMetric::Transitivity) || n(NodeMetric::Clustering),
            node_clustering: n(NodeMetric::Clustering),
            paths: g(GraphMetric::Diameter) || g(GraphMetric::AvgPathLength) || path_targets.any(),
            path_targets,
            pagerank: n(NodeMetric::Pagerank),
            eigenvector: n(NodeMetric::Eigenvector),
            core: n(NodeMetric::Core),
        }
    }
}

/// Per-thread scratch space: after the first few structures nothing is allocated but results.
#[derive(Debug, Default)]
struct Scratch {
    csr: Csr,
    comps: Components,
    queue: Vec<u32>,
    triangles: clustering::Triangles,
    local: Vec<f64>,
    paths: PathScratch,
    twins: twins::Twins,
    quotient: twins::Quotient,
    spectral: SpectralScratch,
    cores: cores::CoreScratch,
    classes: Vec<u8>,
}

/// Computes the requested metrics of every (year, layer) of the request.
///
/// Snapshots are built in year order with one [`SnapshotBuilder`]; structures (node list + edge
/// list) already seen are not computed again. Cost: O(Σ n (n + m)) over the distinct structures
/// for the path metrics, O(iterations × (n + m)) for the spectral ones, O(m · d_max) for
/// triangles; everything else O(n + m).
///
/// # Errors
/// [`QueryError::YearOutOfRange`] when a requested year lies outside the timeline.
pub fn run<'g>(
    graph: &'g AllianceGraph,
    timeline: &Timeline,
    request: &MetricRequest,
) -> Result<MetricTables<'g>, QueryError> {
    let years = request.years.clone().unwrap_or_else(|| timeline.years());
    let (first, last) = (*timeline.years().start(), *timeline.years().end());
    for y in [*years.start(), *years.end()] {
        if !years.is_empty() && !timeline.contains(y) {
            return Err(QueryError::YearOutOfRange { year: y, first, last });
        }
    }
    let mut layers = request.layers.clone();
    layers.sort_by_key(|l| l.index());
    layers.dedup();
    let mut graph_metrics = request.graph_metrics.clone();
    graph_metrics.sort();
    graph_metrics.dedup();
    let mut node_metrics = request.node_metrics.clone();
    node_metrics.sort();
    node_metrics.dedup();
    let state_filter = request.states.clone().map(|mut s| {
        s.sort_unstable();
        s.dedup();
        s
    });
    let needs = Needs::of(request.level, &graph_metrics, &node_metrics);
    let want_strength = request.level.node() && node_metrics.contains(&NodeMetric::Strength);

    // 1. Build every snapshot, years in parallel (each chunk of years with its own builder).
    let years: Vec<i32> = years.collect();
    let built: Vec<Built> = match request.execution {
        Execution::Parallel => {
            let chunk = years.len().div_ceil(4 * rayon::current_num_threads()).max(1);
            let chunks: Vec<Vec<Built>> = years
                .par_chunks(chunk)
                .map(|ys| build_years(graph, timeline, ys, &layers, want_strength))
                .collect::<Result<_, _>>()?;
            chunks.into_iter().flatten().collect()
        }
        Execution::Sequential => build_years(graph, timeline, &years, &layers, want_strength)?,
    };
    // Keep each distinct structure once (in first-seen order, so the ids do not depend on threads).
    let mut seen: HashMap<u64, Vec<u32>> = HashMap::new();
    let mut structures: Vec<Structure> = Vec::new();
    let mut entries = Vec::with_capacity(built.len());
    for b in built {
        let ids = seen.entry(b.hash).or_default();
        let found = ids.iter().copied().find(|&id| {
            let s = &structures[id as usize];
            s.nodes == b.structure.nodes && s.edges == b.structure.edges
        });
        let structure = found.unwrap_or_else(|| {
            let id = structures.len() as u32;
            structures.push(b.structure);
            ids.push(id);
            id
        });
        entries.push(Entry { structure, ..b.entry });
    }

    // 2. Compute each distinct structure, sequentially inside, in parallel across structures.
    let states = &graph.data.states;
    let regions: Vec<u8> = (0..states.len()).map(|v| region_class(states, v as DenseIndex)).collect();
    let values: Vec<Values> = match request.execution {
        Execution::Parallel => structures
            .par_iter()
            .map_init(Scratch::default, |scratch, s| compute(s, needs, &regions, scratch))
            .collect(),
        Execution::Sequential => {
            let mut scratch = Scratch::default();
            structures.iter().map(|s| compute(s, needs, &regions, &mut scratch)).collect()
        }
    };
    Ok(MetricTables {
        states: &graph.data.states,
        level: request.level,
        graph_metrics,
        node_metrics,
        state_filter,
        entries,
        structures,
        values,
    })
}

/// One built snapshot before deduplication: its entry (structure id not yet known), its
/// structure and the structure's digest.
struct Built {
    entry: Entry,
    structure: Structure,
    hash: u64,
}

/// Builds the snapshots of `years` × `layers` (in that order) with one [`SnapshotBuilder`], each
/// with local indices (position in the sorted node list) and its strengths if asked for.
/// O(Σ (n + m)) time; the builder's buffers are reused, each result owns its vectors.
fn build_years(
    graph: &AllianceGraph,
    timeline: &Timeline,
    years: &[i32],
    layers: &[Layer],
    want_strength: bool,
) -> Result<Vec<Built>, QueryError> {
    let mut builder = SnapshotBuilder::new(graph, timeline);
    let mut snap = Snapshot::default();
    let mut local = vec![u32::MAX; graph.data.states.len()];
    let mut out = Vec::with_capacity(years.len() * layers.len());
    for &year in years {
        for &layer in layers {
            builder.build_into(Period::Year(year), layer, &mut snap)?;
            for (i, &v) in snap.nodes.iter().enumerate() {
                local[v as usize] = i as u32;
            }
            // Every edge's endpoints are nodes of the snapshot (the builder's invariant).
            let edges: Vec<(u32, u32)> =
                snap.edges.iter().map(|e| (local[e.a as usize], local[e.b as usize])).collect();
            let mut strength = Vec::new();
            if want_strength {
                strength.resize(snap.nodes.len(), 0);
                for (e, &(a, b)) in snap.edges.iter().zip(&edges) {
                    strength[a as usize] += e.weight;
                    strength[b as usize] += e.weight;
                }
            }
            out.push(Built {
                hash: structure_hash(&snap.nodes, &edges),
                entry: Entry {
                    year,
                    layer,
                    structure: 0,
                    alliances: snap.alliances,
                    multi_edges: snap.multi_edges,
                    strength,
                },
                structure: Structure { nodes: snap.nodes.clone(), edges },
            });
        }
    }
    Ok(out)
}

/// A 64-bit FxHash-style digest of a structure (only to find candidates; equality is checked).
fn structure_hash(nodes: &[DenseIndex], edges: &[(u32, u32)]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = (nodes.len() as u64).wrapping_mul(K) ^ edges.len() as u64;
    let mut add = |x: u64| h = (h.rotate_left(5) ^ x).wrapping_mul(K);
    nodes.iter().for_each(|&v| add(u64::from(v)));
    edges.iter().for_each(|&(a, b)| add(u64::from(a) << 32 | u64::from(b)));
    h
}

/// The class of dense state `v` for the region assortativity: its [`Region`]'s position.
fn region_class(states: &StateIndex, v: DenseIndex) -> u8 {
    let r = Region::of(states.state(v).id);
    Region::ALL.iter().position(|&x| x == r).unwrap_or(0) as u8
}

/// Every metric `needs` asks for, on one structure; `regions` is the region class of each
/// dense state index.
fn compute(s: &Structure, needs: Needs, regions: &[u8], scratch: &mut Scratch) -> Values {
    let n = s.nodes.len();
    let Scratch {
        csr,
        comps,
        queue,
        triangles,
        local,
        paths: path_scratch,
        twins,
        quotient,
        spectral: spec,
        cores: core_scratch,
        classes: local_class,
    } = scratch;
    csr.rebuild(n, &s.edges);
    comps.compute(csr, queue);
    let mut v = Values {
        degree: (0..n).map(|u| csr.degree(u) as u32).collect(),
        components: comps.count(),
        largest_component: comps.largest().and_then(|c| comps.size.get(c as usize)).map_or(0, |&c| c as usize),
        ..Values::default()
    };
    v.isolates = v.degree.iter().filter(|&&d| d == 0).count();
    v.degree_assortativity = assortativity::degree_assortativity(&v.degree, &s.edges);
    local_class.clear();
    local_class.extend(s.nodes.iter().map(|&node| regions[node as usize]));
    v.region_assortativity =
        assortativity::attribute_assortativity(&v.degree, local_class, &s.edges, Region::ALL.len());
    if n >= 3 {
        let max = v.degree.iter().copied().max().unwrap_or(0);
        let sum: u64 = v.degree.iter().map(|&d| u64::from(max - d)).sum();
        v.degree_centralization = sum as f64 / ((n - 1) * (n - 2)) as f64;
    }
    if needs.paths || needs.pagerank || needs.eigenvector {
        twins.compute(csr);
        quotient.compute(csr, twins);
    }
    if needs.triangles {
        triangles.compute(csr);
        triangles.local_clustering(csr, local);
        v.avg_clustering = clustering::average_clustering(local);
        v.transitivity = triangles.transitivity(csr);
        if needs.node_clustering {
            v.clustering = local.clone();
        }
    }
    if needs.paths {
        paths::shortest_paths(quotient, comps, needs.path_targets, path_scratch, &mut v.paths);
    }
    if needs.pagerank {
        spectral::pagerank(quotient, spec, &mut v.pagerank);
    }
    if needs.eigenvector {
        spectral::eigenvector(quotient, spec, &mut v.eigenvector);
    }
    if needs.core {
        cores::core_numbers(csr, core_scratch, &mut v.core);
    }
    v
}

impl<'g> MetricTables<'g> {
    /// The tables computed (as requested).
    pub fn level(&self) -> Level {
        self.level
    }

    /// Graph-level columns after `year,layer`, in output order.
    pub fn graph_metrics(&self) -> &[GraphMetric] {
        &self.graph_metrics
    }

    /// Node-level columns after `year,layer,ccode,abbr`, in output order.
    pub fn node_metrics(&self) -> &[NodeMetric] {
        &self.node_metrics
    }

    /// Number of (year, layer) snapshots.
    pub fn snapshots(&self) -> usize {
        self.entries.len()
    }

    /// Number of distinct structures among them (each computed once).
    pub fn distinct_snapshots(&self) -> usize {
        self.structures.len()
    }

    /// The state index, for codes and abbreviations.
    pub fn states(&self) -> &'g StateIndex {
        self.states
    }

    /// One row per (year, layer), sorted by year then layer (every graph metric filled in,
    /// whatever was requested: the cheap ones are always computed, the others are 0 when not
    /// requested).
    pub fn graph_rows(&self) -> impl Iterator<Item = GraphRow> + '_ {
        self.entries.iter().map(|e| {
            let s = &self.structures[e.structure as usize];
            let v = &self.values[e.structure as usize];
            let (n, m) = (s.nodes.len(), s.edges.len());
            GraphRow {
                year: e.year,
                layer: e.layer,
                nodes: n,
                edges: m,
                density: if n > 1 { 2.0 * m as f64 / (n * (n - 1)) as f64 } else { 0.0 },
                isolates: v.isolates,
                components: v.components,
                largest_component: v.largest_component,
                mean_degree: if n > 0 { 2.0 * m as f64 / n as f64 } else { 0.0 },
                avg_clustering: v.avg_clustering,
                transitivity: v.transitivity,
                degree_centralization: v.degree_centralization,
                diameter: v.paths.diameter,
                avg_path_length: v.paths.avg_path_length,
                alliances: e.alliances,
                multi_edges: e.multi_edges,
                degree_assortativity: v.degree_assortativity,
                region_assortativity: v.region_assortativity,
            }
        })
    }

    /// One row per (year, layer, state), sorted by year, layer, ccode; only the states of the
    /// request's filter. Metrics not requested read 0.
    pub fn node_rows(&self) -> impl Iterator<Item = NodeRow> + '_ {
        self.entries.iter().flat_map(move |e| {
            let s = &self.structures[e.structure as usize];
            let v = &self.values[e.structure as usize];
            s.nodes.iter().enumerate().filter(move |(_, node)| self.keeps(**node)).map(move |(i, &state)| {
                let f = |x: &[f64]| x.get(i).copied().unwrap_or(0.0);
                NodeRow {
                    year: e.year,
                    layer: e.layer,
                    state,
                    degree: v.degree.get(i).copied().unwrap_or(0),
                    strength: e.strength.get(i).copied().unwrap_or(0),
                    betweenness: f(&v.paths.betweenness),
                    closeness: f(&v.paths.closeness),
                    harmonic: f(&v.paths.harmonic),
                    pagerank: f(&v.pagerank),
                    eigenvector: f(&v.eigenvector),
                    clustering: f(&v.clustering),
                    core: v.core.get(i).copied().unwrap_or(0),
                }
            })
        })
    }

    fn keeps(&self, state: DenseIndex) -> bool {
        self.state_filter.as_ref().is_none_or(|f| f.binary_search(&state).is_ok())
    }

    /// The graph-level table (`year,layer,` + the graph metrics).
    pub fn graph_table(&self) -> GraphTable<'_, 'g> {
        GraphTable(self)
    }

    /// The node-level table (`year,layer,ccode,abbr,` + the node metrics).
    pub fn node_table(&self) -> NodeTable<'_, 'g> {
        NodeTable(self)
    }
}
