//! The data's years, the nodes of each year, and the multigraph edges counted in each year.
//!
//! Year Y covers `[Y-01-01, (Y+1)-01-01)`. A state is a node of Y when it is a node on at least
//! one day of Y; an edge counts in Y when one of its counted days falls in Y. The years run from
//! the first year with a node to the data's last year.

use super::multigraph::{AllianceGraph, SystemFilter};
use crate::model::{DateSpan, DenseIndex};
use chrono::Datelike;
use std::ops::RangeInclusive;

/// Years, nodes per year and counted edges per year, computed once for a graph.
#[derive(Debug, Clone)]
pub struct Timeline {
    first: i32,
    last: i32,
    /// `nodes[y - first]`: sorted dense indices of the nodes of year y.
    nodes: Vec<Vec<DenseIndex>>,
    /// `edges[y - first]`: sorted indices of the multigraph edges counted in year y.
    edges: Vec<Vec<u32>>,
}

impl Timeline {
    /// The timeline of `graph`'s data under its filter.
    pub fn new(graph: &AllianceGraph) -> Self {
        let data = &graph.data;
        let last = data.data_end;
        let mut node_spans: Vec<(DenseIndex, DateSpan)> = Vec::new();
        for (v, spells) in data.system.iter().enumerate() {
            node_spans.extend(spells.iter().map(|s| (v as DenseIndex, *s)));
        }
        if graph.filter == SystemFilter::None {
            node_spans.extend(data.members.iter().map(|m| (data.member_index(m), m.span)));
        }
        let first = node_spans.iter().map(|(_, s)| s.start().year()).min().unwrap_or(last + 1).min(last + 1);
        let len = (last - first + 1).max(0) as usize;
        // Year slots of a span, clipped to the data's years (an empty range when outside).
        let clip = |s: DateSpan| -> std::ops::Range<usize> {
            let r = s.years();
            let lo = (*r.start()).max(first);
            let hi = (*r.end()).min(last);
            if lo > hi {
                0..0
            } else {
                (lo - first) as usize..(hi - first) as usize + 1
            }
        };
        let mut nodes = vec![Vec::new(); len];
        for (v, s) in node_spans {
            for y in clip(s) {
                nodes[y].push(v);
            }
        }
        for n in &mut nodes {
            n.sort_unstable();
            n.dedup();
        }
        let mut edges = vec![Vec::new(); len];
        for i in 0..graph.edges().len() {
            let mut prev = usize::MAX;
            for s in graph.counted(i) {
                for y in clip(*s) {
                    if y != prev {
                        edges[y].push(i as u32);
                        prev = y;
                    }
                }
            }
        }
        Timeline { first, last, nodes, edges }
    }

    /// The data's years, first with a node ..= last data year (empty when there are none).
    pub fn years(&self) -> RangeInclusive<i32> {
        self.first..=self.last
    }

    /// Whether `year` is one of the data's years.
    pub fn contains(&self, year: i32) -> bool {
        self.years().contains(&year)
    }

    /// Sorted dense indices of the nodes of `year` (empty outside the data).
    pub fn nodes(&self, year: i32) -> &[DenseIndex] {
        self.slot(year).map_or(&[], |i| &self.nodes[i])
    }

    /// Sorted indices of the multigraph edges counted in `year` (empty outside the data).
    pub fn edges(&self, year: i32) -> &[u32] {
        self.slot(year).map_or(&[], |i| &self.edges[i])
    }

    fn slot(&self, year: i32) -> Option<usize> {
        self.contains(year).then(|| (year - self.first) as usize)
    }
}
