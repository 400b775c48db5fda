//! Degrees of separation: the shortest-path length between every pair of states in each year's
//! snapshot (unweighted, on the simple graph), as in Li, Bradshaw, Clary & Cranmer (2017), "A
//! three-degree horizon of peace in the military alliance network", Science Advances 3(3).
//!
//! Place in the flow: snapshot → **separation** → table. One breadth-first search per source on
//! the snapshot's compact adjacency: O(n (n + m)) per year, nothing allocated per year after
//! warm-up but the rows kept. Pairs are unordered, `a < b` by COW code; a pair in different
//! components has no distance ("unreachable").

use crate::analysis::csr::Csr;
use crate::error::QueryError;
use crate::graph::snapshot::map_years;
use crate::graph::{AllianceGraph, Snapshot, Timeline};
use crate::io::table::{Cell, RowSink, Table};
use crate::model::{DenseIndex, Layer, StateIndex};
use std::io;
use std::ops::RangeInclusive;

/// Unreachable, in a distance vector.
const UNREACHED: u32 = u32::MAX;

/// Breadth-first distances from `source` in `g` into `dist` (resized to n; [`u32::MAX`] where
/// unreachable). O(n + m).
pub fn bfs(g: &Csr, source: usize, dist: &mut Vec<u32>, queue: &mut Vec<u32>) {
    dist.clear();
    dist.resize(g.node_count(), UNREACHED);
    queue.clear();
    dist[source] = 0;
    queue.push(source as u32);
    let mut head = 0;
    while let Some(&u) = queue.get(head) {
        head += 1;
        let du = dist[u as usize];
        for &v in g.neighbors(u as usize) {
            if dist[v as usize] == UNREACHED {
                dist[v as usize] = du + 1;
                queue.push(v);
            }
        }
    }
}

/// What [`separation`] keeps of each year.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Pairs {
    /// Every unordered pair of the year's nodes (the default).
    #[default]
    All,
    /// Only these pairs (dense indices, either order), in the years where both are nodes.
    Only(Vec<(DenseIndex, DenseIndex)>),
    /// No pair rows: the distance histogram only (for the summary).
    None,
}

/// What [`separation`] computes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeparationRequest {
    /// Years (inclusive). Default `None`: every year of the timeline.
    pub years: Option<RangeInclusive<i32>>,
    /// The layer. Default: [`Layer::Any`].
    pub layer: Layer,
    /// The pair rows to keep. Default: [`Pairs::All`].
    pub pairs: Pairs,
}

impl Default for SeparationRequest {
    fn default() -> Self {
        SeparationRequest { years: None, layer: Layer::Any, pairs: Pairs::All }
    }
}

/// One year's distances.
#[derive(Debug, Clone, Default)]
pub struct YearSeparation {
    /// The year.
    pub year: i32,
    /// Nodes of the year's snapshot.
    pub nodes: usize,
    /// `histogram[d - 1]`: unordered pairs at distance d (no trailing zeros).
    pub histogram: Vec<u64>,
    /// Unordered pairs in different components.
    pub unreachable: u64,
    /// The kept pairs `(a, b, distance)`, a < b, sorted; `None` when unreachable.
    pub pairs: Vec<(DenseIndex, DenseIndex, Option<u32>)>,
}

/// Per-thread scratch: adjacency, distances, queue.
#[derive(Debug, Default)]
struct Scratch {
    csr: Csr,
    dist: Vec<u32>,
    queue: Vec<u32>,
}

/// The distances of one snapshot (see [`separation`]).
fn year_separation(snap: &Snapshot, year: i32, pairs: &Pairs, s: &mut Scratch) -> YearSeparation {
    s.csr = Csr::from_snapshot(snap);
    let n = snap.nodes.len();
    let mut out = YearSeparation { year, nodes: n, ..Default::default() };
    let wanted: Option<Vec<(usize, usize)>> = match pairs {
        Pairs::Only(list) => {
            let mut local: Vec<(usize, usize)> = list
                .iter()
                .filter_map(|&(a, b)| {
                    let (x, y) = (snap.local_index(a)?, snap.local_index(b)?);
                    (x != y).then(|| (x.min(y), x.max(y)))
                })
                .collect();
            local.sort_unstable();
            local.dedup();
            Some(local)
        }
        _ => None,
    };
    let mut reached = 0u64;
    for u in 0..n {
        // The wanted pairs are sorted: those from u form one run.
        let from_u = wanted.as_ref().map(|w| {
            let start = w.partition_point(|&(x, _)| x < u);
            &w[start..start + w[start..].partition_point(|&(x, _)| x == u)]
        });
        if from_u.is_some_and(|w| w.is_empty()) {
            continue;
        }
        bfs(&s.csr, u, &mut s.dist, &mut s.queue);
        // Every node the search reached after u in the queue order has distance ≥ 1; count the
        // pairs (u, v) with v > u only, so each unordered pair once.
        for &v in &s.queue[1..] {
            if (v as usize) > u {
                let d = s.dist[v as usize] as usize;
                if out.histogram.len() < d {
                    out.histogram.resize(d, 0);
                }
                out.histogram[d - 1] += 1;
                reached += 1;
            }
        }
        let dist = |v: usize| Some(s.dist[v]).filter(|&d| d != UNREACHED);
        match (from_u, pairs) {
            (Some(w), _) => out.pairs.extend(w.iter().map(|&(_, v)| (snap.nodes[u], snap.nodes[v], dist(v)))),
            (None, Pairs::All) => out.pairs.extend((u + 1..n).map(|v| (snap.nodes[u], snap.nodes[v], dist(v)))),
            (None, _) => {}
        }
    }
    if wanted.is_some() {
        // The histogram covers only the searched sources: not a summary of the year.
        out.histogram.clear();
    } else {
        let total = (n as u64) * (n.saturating_sub(1) as u64) / 2;
        out.unreachable = total - reached;
    }
    out
}

/// Shortest-path lengths between the states of every requested year, in parallel across years.
///
/// # Errors
/// [`QueryError::YearOutOfRange`] when a requested year lies outside the timeline.
pub fn separation<'g>(
    graph: &'g AllianceGraph,
    timeline: &Timeline,
    request: &SeparationRequest,
) -> Result<SeparationTable<'g>, QueryError> {
    let years = timeline.select(request.years.clone())?;
    let pairs = &request.pairs;
    let years = map_years(graph, timeline, years, request.layer, |s: &mut Scratch, year, snap| {
        Ok::<_, QueryError>(year_separation(snap, year, pairs, s))
    })?;
    Ok(SeparationTable { states: &graph.data.states, layer: request.layer, years })
}

/// The distances of every requested year; writes `year,layer,a,b,distance` (a, b COW codes,
/// distance empty when unreachable).
#[derive(Debug, Clone)]
pub struct SeparationTable<'g> {
    states: &'g StateIndex,
    layer: Layer,
    /// One entry per year, in year order.
    pub years: Vec<YearSeparation>,
}

impl<'g> SeparationTable<'g> {
    /// The summary: `year,layer,distance,dyads,share`, one row per distance 1, 2, … and a last
    /// `unreachable` row per year; share = dyads / (N (N − 1) / 2), empty when N < 2.
    pub fn summary_table(&self) -> SeparationSummary<'_, 'g> {
        SeparationSummary(self)
    }
}

impl Table for SeparationTable<'_> {
    fn columns(&self) -> Vec<&'static str> {
        vec!["year", "layer", "a", "b", "distance"]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> io::Result<()> {
        for y in &self.years {
            for &(a, b, d) in &y.pairs {
                sink.cell(Cell::Int(i64::from(y.year)))?;
                sink.cell(Cell::Text(self.layer.name()))?;
                sink.cell(Cell::Int(i64::from(self.states.state(a).id.0)))?;
                sink.cell(Cell::Int(i64::from(self.states.state(b).id.0)))?;
                sink.cell(d.map_or(Cell::Missing, |d| Cell::Int(i64::from(d))))?;
                sink.end_row()?;
            }
        }
        Ok(())
    }
}

/// See [`SeparationTable::summary_table`].
#[derive(Debug, Clone, Copy)]
pub struct SeparationSummary<'t, 'g>(&'t SeparationTable<'g>);

impl Table for SeparationSummary<'_, '_> {
    fn columns(&self) -> Vec<&'static str> {
        vec!["year", "layer", "distance", "dyads", "share"]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> io::Result<()> {
        for y in &self.0.years {
            let total = (y.nodes as u64) * (y.nodes.saturating_sub(1) as u64) / 2;
            let share = |k: u64| if total == 0 { Cell::Missing } else { Cell::Float(k as f64 / total as f64) };
            let mut row = |d: Cell<'_>, k: u64| -> io::Result<()> {
                sink.cell(Cell::Int(i64::from(y.year)))?;
                sink.cell(Cell::Text(self.0.layer.name()))?;
                sink.cell(d)?;
                sink.cell(Cell::Int(k as i64))?;
                sink.cell(share(k))?;
                sink.end_row()
            };
            for (i, &k) in y.histogram.iter().enumerate() {
                row(Cell::Int(i as i64 + 1), k)?;
            }
            row(Cell::Text("unreachable"), y.unreachable)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bfs_on_a_path_and_a_star() {
        let (mut dist, mut queue) = (Vec::new(), Vec::new());
        // Path 0-1-2-3 and an isolated node 4: distances from 0 are 0, 1, 2, 3, unreachable.
        let path = Csr::from_edges(5, &[(0, 1), (1, 2), (2, 3)]);
        bfs(&path, 0, &mut dist, &mut queue);
        assert_eq!(dist, [0, 1, 2, 3, UNREACHED]);
        // Star with centre 0 and leaves 1..=4: leaf to leaf is 2.
        let star = Csr::from_edges(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        bfs(&star, 3, &mut dist, &mut queue);
        assert_eq!(dist, [1, 2, 2, 0, 2]);
    }
}
