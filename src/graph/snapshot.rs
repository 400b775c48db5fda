//! Snapshots: the simple, undirected projection of the multigraph for a year (or a day) and a
//! layer, with weights = number of distinct alliances linking each pair.
//!
//! [`SnapshotBuilder`] reuses its buffers: building every (year, layer) allocates nothing once
//! the buffers have grown to the largest snapshot.

use super::multigraph::AllianceGraph;
use super::timeline::Timeline;
use crate::error::QueryError;
use crate::model::{AllianceId, DateSpan, DenseIndex, Layer};
use chrono::NaiveDate;
use std::fmt;

/// The time a snapshot covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// A calendar year, `[Y-01-01, (Y+1)-01-01)`: nodes and ties present on at least one day.
    Year(i32),
    /// A single day.
    Date(NaiveDate),
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Date(d) => write!(f, "{d}"),
        }
    }
}

/// One edge of a snapshot: a pair of states and the alliances tying them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimpleEdge {
    /// Endpoint with the smaller COW code (dense index).
    pub a: DenseIndex,
    /// Endpoint with the larger COW code (dense index).
    pub b: DenseIndex,
    /// Number of distinct alliances linking a and b in the period and layer.
    pub weight: u32,
    first_alliance: u32,
}

/// The simple projection G(period, layer).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// The period (`None` only for a default, empty snapshot).
    pub period: Option<Period>,
    /// The layer.
    pub layer: Option<Layer>,
    /// Nodes: sorted dense indices (so in COW-code order).
    pub nodes: Vec<DenseIndex>,
    /// Edges sorted by (a, b), a < b.
    pub edges: Vec<SimpleEdge>,
    alliance_ids: Vec<AllianceId>,
    /// Distinct alliances with a counted tie in the snapshot.
    pub alliances: usize,
    /// Multigraph edges counted in the snapshot.
    pub multi_edges: usize,
}

impl Snapshot {
    /// The alliances (sorted ids) behind edge `e` of this snapshot.
    pub fn edge_alliances(&self, e: &SimpleEdge) -> &[AllianceId] {
        let start = e.first_alliance as usize;
        &self.alliance_ids[start..start + e.weight as usize]
    }

    /// Degree of each node, in `nodes` order.
    pub fn degrees(&self) -> Vec<u32> {
        let mut deg = vec![0u32; self.nodes.len()];
        for e in &self.edges {
            for v in [e.a, e.b] {
                if let Ok(i) = self.nodes.binary_search(&v) {
                    deg[i] += 1;
                }
            }
        }
        deg
    }

    /// Position of dense index `v` in `nodes`, if it is a node.
    pub fn local_index(&self, v: DenseIndex) -> Option<usize> {
        self.nodes.binary_search(&v).ok()
    }

    fn clear(&mut self) {
        self.nodes.clear();
        self.edges.clear();
        self.alliance_ids.clear();
        self.alliances = 0;
        self.multi_edges = 0;
    }
}

/// Builds snapshots of one graph, reusing its scratch space.
#[derive(Debug)]
pub struct SnapshotBuilder<'g> {
    graph: &'g AllianceGraph,
    timeline: &'g Timeline,
    /// Per alliance (dense), the stamp of the last snapshot that counted it.
    alliance_stamp: Vec<u32>,
    alliance_index: Vec<AllianceId>,
    stamp: u32,
    day_edges: Vec<u32>,
}

impl<'g> SnapshotBuilder<'g> {
    /// A builder for `graph` and its `timeline`.
    pub fn new(graph: &'g AllianceGraph, timeline: &'g Timeline) -> Self {
        let mut alliance_index: Vec<AllianceId> =
            graph.edges().iter().map(|e| e.alliance).collect();
        alliance_index.sort_unstable();
        alliance_index.dedup();
        SnapshotBuilder {
            graph,
            timeline,
            alliance_stamp: vec![0; alliance_index.len()],
            alliance_index,
            stamp: 0,
            day_edges: Vec::new(),
        }
    }

    /// Builds G(period, layer) into `out`, reusing its buffers.
    ///
    /// # Errors
    /// [`QueryError`] when the period lies outside the data's years.
    pub fn build_into(
        &mut self,
        period: Period,
        layer: Layer,
        out: &mut Snapshot,
    ) -> Result<(), QueryError> {
        out.clear();
        out.period = Some(period);
        out.layer = Some(layer);
        let years = self.timeline.years();
        let (first, last) = (*years.start(), *years.end());
        match period {
            Period::Year(y) => {
                if !self.timeline.contains(y) {
                    return Err(QueryError::YearOutOfRange {
                        year: y,
                        first,
                        last,
                    });
                }
                out.nodes.extend_from_slice(self.timeline.nodes(y));
                let edges = self.timeline.edges(y);
                self.project(edges, layer, out);
            }
            Period::Date(d) => {
                let day = DateSpan::day(d).filter(|_| years.contains(&chrono::Datelike::year(&d)));
                if day.is_none() {
                    return Err(QueryError::DateOutOfRange {
                        date: d,
                        first,
                        last,
                    });
                }
                let g = self.graph;
                out.nodes
                    .extend((0..g.data.states.len() as DenseIndex).filter(|&v| g.is_node_on(v, d)));
                let mut day_edges = std::mem::take(&mut self.day_edges);
                day_edges.clear();
                day_edges.extend(
                    (0..g.edges().len())
                        .filter(|&i| g.counted(i).iter().any(|s| s.contains(d)))
                        .map(|i| i as u32),
                );
                self.project(&day_edges, layer, out);
                self.day_edges = day_edges;
            }
        }
        Ok(())
    }

    /// Builds G(period, layer) into a new snapshot.
    ///
    /// # Errors
    /// As [`SnapshotBuilder::build_into`].
    pub fn build(&mut self, period: Period, layer: Layer) -> Result<Snapshot, QueryError> {
        let mut s = Snapshot::default();
        self.build_into(period, layer, &mut s)?;
        Ok(s)
    }

    /// Groups the counted multigraph edges `edges` (sorted by a, b, alliance) of `layer` into
    /// simple edges.
    fn project(&mut self, edges: &[u32], layer: Layer, out: &mut Snapshot) {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.alliance_stamp.iter_mut().for_each(|s| *s = 0);
            self.stamp = 1;
        }
        let all = self.graph.edges();
        for &i in edges {
            let e = &all[i as usize];
            if !layer.admits(e.types()) {
                continue;
            }
            out.multi_edges += 1;
            let k = self.alliance_index.binary_search(&e.alliance).unwrap_or(0);
            if self.alliance_stamp[k] != self.stamp {
                self.alliance_stamp[k] = self.stamp;
                out.alliances += 1;
            }
            match out.edges.last_mut() {
                Some(last) if (last.a, last.b) == (e.a, e.b) => {
                    if out.alliance_ids.last() != Some(&e.alliance) {
                        out.alliance_ids.push(e.alliance);
                        last.weight += 1;
                    }
                }
                _ => {
                    out.edges.push(SimpleEdge {
                        a: e.a,
                        b: e.b,
                        weight: 1,
                        first_alliance: out.alliance_ids.len() as u32,
                    });
                    out.alliance_ids.push(e.alliance);
                }
            }
        }
    }
}
