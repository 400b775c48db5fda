//! The figures `pactnet info` prints about the loaded data.

use crate::graph::{AllianceGraph, SystemFilter, Timeline};
use crate::{Obligation, ObligationSet};
use std::collections::BTreeSet;
use std::ops::RangeInclusive;

/// What the loaded data holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Rows of the alliance-level file, when one was read.
    pub alliance_rows: usize,
    /// Distinct alliances among the member rows.
    pub alliances: usize,
    /// Member rows.
    pub member_rows: usize,
    /// States with at least one COW system spell.
    pub states_in_cow: usize,
    /// Distinct states among the member rows.
    pub states_in_alliances: usize,
    /// The timeline's years, inclusive.
    pub years: RangeInclusive<i32>,
    /// Last year of the data.
    pub data_end: i32,
    /// The system filter.
    pub filter: SystemFilter,
    /// Multigraph edges.
    pub edges: usize,
    /// Where the member rows came from.
    pub source: crate::MemberSource,
    /// Multigraph edges of each type of the source (an edge may have several), in bit order.
    pub edges_by_type: Vec<(Obligation, usize)>,
    /// Multigraph edges without a type.
    pub untyped_edges: usize,
    /// Multigraph edges that count on at least one day under the system filter.
    pub counted_edges: usize,
    /// Snapshots: years × layers.
    pub layers: usize,
}

impl Summary {
    /// The figures of `graph` and its `timeline`.
    pub fn of(graph: &AllianceGraph, timeline: &Timeline) -> Self {
        let data = &graph.data;
        let edges = graph.edges();
        Summary {
            alliance_rows: data.alliances.len(),
            alliances: data.members.iter().map(|m| m.alliance).collect::<BTreeSet<_>>().len(),
            member_rows: data.members.len(),
            states_in_cow: data.system.iter().filter(|s| !s.is_empty()).count(),
            states_in_alliances: data.members.iter().map(|m| m.state).collect::<BTreeSet<_>>().len(),
            years: timeline.years(),
            data_end: data.data_end,
            filter: graph.filter,
            edges: edges.len(),
            source: data.source,
            edges_by_type: data
                .source
                .obligations()
                .iter()
                .map(|&o| (o, edges.iter().filter(|e| e.types().contains(o)).count()))
                .collect(),
            untyped_edges: edges.iter().filter(|e| e.types() == ObligationSet::EMPTY).count(),
            counted_edges: (0..edges.len()).filter(|&i| !graph.counted(i).is_empty()).count(),
            layers: data.source.layers().len(),
        }
    }
}
