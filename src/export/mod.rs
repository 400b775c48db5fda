//! Output stage: the multigraph and its snapshots in the formats other tools read.
//!
//! [`gexf`] writes the whole time-indexed multigraph for Gephi's timeline; [`graphml`] and
//! [`nodelink`] write one snapshot; [`dyadyears`] and [`statelevel`] write the dyad-year and
//! state-year tables of ATOP and peacesciencer. Everything here reads the graph stage
//! ([`AllianceGraph`], [`Timeline`], [`Snapshot`]) and writes bytes; nothing is printed.

pub mod alliances;
pub mod covariates;
pub mod dyadyears;
pub mod gexf;
pub mod graphml;
pub mod nodelink;
pub mod provisions;
pub mod statelevel;
mod xml;

use crate::analysis::{self, Level, MetricRequest, NodeMetric};
use crate::dataset::merge_spans;
use crate::error::QueryError;
use crate::graph::{AllianceGraph, Period, SimpleEdge, Snapshot, Timeline};
use crate::io::table::Cell;
use crate::model::{DateSpan, DenseIndex, StateId};
use chrono::NaiveDate;

/// Per state (dense index), the days on which it is a node: its COW system spells, and under
/// [`SystemFilter::None`](crate::SystemFilter::None) and [`SystemFilter::Atop`](crate::SystemFilter::Atop) also its alliance memberships
/// ([`AllianceGraph::member_days`]); sorted, disjoint (touching spells joined), and clipped to
/// the end of the data (1 January after its last year).
pub fn node_spells(graph: &AllianceGraph) -> Vec<Vec<DateSpan>> {
    let data = &graph.data;
    let mut spells = data.system.clone();
    for (v, s) in spells.iter_mut().enumerate() {
        s.extend_from_slice(graph.member_days(v as DenseIndex));
    }
    let end = NaiveDate::from_ymd_opt(data.data_end + 1, 1, 1).unwrap_or(NaiveDate::MAX);
    for s in &mut spells {
        merge_spans(s);
        s.retain_mut(|span| match DateSpan::new(span.start(), span.end().min(end)) {
            Some(clipped) => {
                *span = clipped;
                true
            }
            None => false,
        });
    }
    spells
}

/// The COW region of a state code, by the code ranges of the COW state list: `americas`
/// (1–199), `europe` (200–399), `africa` (400–626), `middle east` (630–699), `asia` (700–899),
/// `oceania` (900–999); `other` above (codes outside the COW list, such as 8152).
pub fn region(id: StateId) -> &'static str {
    match id.0 {
        0..=199 => "americas",
        200..=399 => "europe",
        400..=626 => "africa",
        627..=699 => "middle east",
        700..=899 => "asia",
        900..=999 => "oceania",
        _ => "other",
    }
}

/// Extra node attributes of a snapshot export: metric values per node (in `snapshot.nodes`
/// order), integer or float. Computed by the analysis stage; the writers only print them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NodeMetrics {
    /// (metric, one cell per node), in column order.
    pub columns: Vec<(NodeMetric, Vec<Cell<'static>>)>,
}

impl NodeMetrics {
    /// No extra attributes (ccode, abbr, name, region only).
    pub fn none() -> Self {
        NodeMetrics::default()
    }

    /// Every node metric of the snapshot: for a year, the analysis stage's full set (degree,
    /// strength, betweenness, closeness, harmonic, pagerank, eigenvector, clustering, core) on
    /// the year's snapshot of the same layer; for a single day, degree and strength (the other
    /// metrics are yearly).
    ///
    /// # Errors
    /// [`QueryError`] when the snapshot's year is outside the timeline.
    pub fn all(graph: &AllianceGraph, timeline: &Timeline, snapshot: &Snapshot) -> Result<Self, QueryError> {
        let (Some(Period::Year(year)), Some(layer)) = (snapshot.period, snapshot.layer) else {
            let mut degree = vec![0i64; snapshot.nodes.len()];
            let mut strength = vec![0i64; snapshot.nodes.len()];
            for e in &snapshot.edges {
                for v in [e.a, e.b] {
                    if let Some(i) = snapshot.local_index(v) {
                        degree[i] += 1;
                        strength[i] += i64::from(e.weight);
                    }
                }
            }
            let cells = |v: Vec<i64>| v.into_iter().map(Cell::Int).collect();
            return Ok(NodeMetrics {
                columns: vec![(NodeMetric::Degree, cells(degree)), (NodeMetric::Strength, cells(strength))],
            });
        };
        let request =
            MetricRequest { years: Some(year..=year), layers: vec![layer], level: Level::Node, ..Default::default() };
        let tables = analysis::run(graph, timeline, &request)?;
        let rows: Vec<_> = tables.node_rows().collect();
        let columns = NodeMetric::ALL.iter().map(|&m| (m, rows.iter().map(|r| r.cell(m)).collect())).collect();
        Ok(NodeMetrics { columns })
    }
}

/// A snapshot ready for export, with its node attributes. Each edge's `types` is the union of
/// the types of the multigraph edges behind it within the layer (so an edge of the `defense`
/// layer may read `defense+consultation`).
#[derive(Debug)]
pub struct SnapshotExport<'a> {
    /// The graph the snapshot was built from.
    pub graph: &'a AllianceGraph,
    /// The snapshot.
    pub snapshot: &'a Snapshot,
    /// Extra node attributes.
    pub metrics: NodeMetrics,
    /// Extra edge attributes: per provision (`--provisions`), its name and one value per edge
    /// (in `snapshot.edges` order; rule of [`provisions`]); default none.
    pub provisions: Vec<(&'static str, Vec<Option<i32>>)>,
}

impl<'a> SnapshotExport<'a> {
    /// Prepares `snapshot` (built from `graph`) for export.
    pub fn new(graph: &'a AllianceGraph, snapshot: &'a Snapshot, metrics: NodeMetrics) -> Self {
        SnapshotExport { graph, snapshot, metrics, provisions: Vec::new() }
    }

    /// Adds the values of `provisions` to every edge, for the snapshot's period under
    /// `timeline`'s year rule (the largest over the edge's alliances; see [`provisions`]).
    pub fn with_provisions(mut self, provisions: &provisions::DyadProvisions<'_>, timeline: &Timeline) -> Self {
        let window = match self.snapshot.period {
            Some(Period::Year(y)) => timeline.rule().window(y),
            Some(Period::Date(d)) => DateSpan::day(d),
            None => None,
        };
        let per_edge: Vec<Vec<Option<i32>>> = self
            .snapshot
            .edges
            .iter()
            .map(|e| match window {
                Some(w) => provisions.values(e.a, e.b, self.snapshot.edge_alliances(e), w),
                None => vec![None; provisions.names().count()],
            })
            .collect();
        self.provisions = provisions
            .names()
            .enumerate()
            .map(|(k, name)| (name, per_edge.iter().map(|v| v.get(k).copied().flatten()).collect()))
            .collect();
        self
    }

    /// The COW code of a dense index.
    fn code(&self, v: DenseIndex) -> StateId {
        self.graph.data.states.state(v).id
    }

    /// Alliance ids of an edge joined by `;` (as `pactnet snapshot` writes them).
    fn atopids(&self, e: &SimpleEdge) -> String {
        let ids: Vec<String> = self.snapshot.edge_alliances(e).iter().map(ToString::to_string).collect();
        ids.join(";")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_follow_cow_code_ranges() {
        let r = |c| region(StateId(c));
        assert_eq!(
            [r(2), r(165), r(200), r(395), r(402), r(626)],
            ["americas", "americas", "europe", "europe", "africa", "africa"]
        );
        assert_eq!(
            [r(630), r(698), r(700), r(850), r(900), r(990), r(8152)],
            ["middle east", "middle east", "asia", "asia", "oceania", "oceania", "other"]
        );
    }
}
