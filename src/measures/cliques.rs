//! Maximal cliques of a snapshot (Bron–Kerbosch with pivoting, as petgraph's
//! `maximal_cliques`, Tomita et al. 2006) and the clique co-membership ("clique overlap")
//! matrix (Everett & Borgatti 1998): for two states, how many maximal cliques of at least k
//! states hold both. Polarization building blocks: a system split into a few large, disjoint
//! cliques is polarized; overlapping cliques knit it together.

use crate::error::QueryError;
use crate::graph::snapshot::map_years;
use crate::graph::{AllianceGraph, Snapshot, Timeline};
use crate::io::table::{Cell, RowSink, Table};
use crate::model::{DenseIndex, Layer};
use std::collections::BTreeMap;
use std::ops::RangeInclusive;

/// The maximal cliques of `snap` with at least `min_size` states, each as sorted dense indices,
/// sorted by (size descending, members). Worst case exponential; alliance snapshots have a few
/// hundred nodes and take microseconds.
pub fn maximal_cliques(snap: &Snapshot, states: &crate::model::StateIndex, min_size: usize) -> Vec<Vec<DenseIndex>> {
    let g = snap.to_ungraph(states);
    let mut cliques: Vec<Vec<DenseIndex>> = petgraph::algo::maximal_cliques(&g)
        .into_iter()
        .filter(|c| c.len() >= min_size)
        .map(|c| {
            let mut members: Vec<DenseIndex> = c.into_iter().map(|n| snap.nodes[n.index()]).collect();
            members.sort_unstable();
            members
        })
        .collect();
    cliques.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    cliques
}

/// Pairs of states in at least one common clique, with the number of cliques they share,
/// sorted by (a, b) with a < b.
pub fn co_membership(cliques: &[Vec<DenseIndex>]) -> Vec<(DenseIndex, DenseIndex, u32)> {
    let mut counts: BTreeMap<(DenseIndex, DenseIndex), u32> = BTreeMap::new();
    for c in cliques {
        for (i, &a) in c.iter().enumerate() {
            for &b in &c[i + 1..] {
                *counts.entry((a, b)).or_insert(0) += 1;
            }
        }
    }
    counts.into_iter().map(|((a, b), n)| (a, b, n)).collect()
}

/// The cliques of every requested year.
#[derive(Debug, Clone)]
pub struct CliqueTable<'g> {
    states: &'g crate::model::StateIndex,
    layer: Layer,
    /// (year, cliques) in year order.
    pub years: Vec<(i32, Vec<Vec<DenseIndex>>)>,
}

/// Maximal cliques of at least `min_size` states in every requested year of `layer`.
///
/// # Errors
/// [`QueryError::YearOutOfRange`] when a requested year lies outside the timeline.
pub fn yearly_cliques<'g>(
    graph: &'g AllianceGraph,
    timeline: &Timeline,
    years: Option<RangeInclusive<i32>>,
    layer: Layer,
    min_size: usize,
) -> Result<CliqueTable<'g>, QueryError> {
    let years = timeline.select(years)?;
    let out = map_years(graph, timeline, years, layer, |_: &mut (), year, snap| {
        Ok::<_, QueryError>((year, maximal_cliques(snap, &graph.data.states, min_size)))
    })?;
    Ok(CliqueTable { states: &graph.data.states, layer, years: out })
}

impl<'g> CliqueTable<'g> {
    /// Rows `year,layer,a,b,shared_cliques` of the co-membership matrix (non-zero entries).
    pub fn overlap_table(&self) -> CliqueOverlap<'_, 'g> {
        CliqueOverlap(self)
    }
}

impl Table for CliqueTable<'_> {
    fn columns(&self) -> Vec<&'static str> {
        vec!["year", "layer", "clique", "size", "members"]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> std::io::Result<()> {
        for (year, cliques) in &self.years {
            for (k, c) in cliques.iter().enumerate() {
                let members: Vec<String> = c.iter().map(|&v| self.states.state(v).id.to_string()).collect();
                sink.cell(Cell::Int(i64::from(*year)))?;
                sink.cell(Cell::Text(self.layer.name()))?;
                sink.cell(Cell::Int(k as i64 + 1))?;
                sink.cell(Cell::Int(c.len() as i64))?;
                sink.cell(Cell::List(&members, ' '))?;
                sink.end_row()?;
            }
        }
        Ok(())
    }
}

/// Rows `year,layer,a,b,shared_cliques` of a [`CliqueTable`].
#[derive(Debug, Clone, Copy)]
pub struct CliqueOverlap<'t, 'g>(&'t CliqueTable<'g>);

impl Table for CliqueOverlap<'_, '_> {
    fn columns(&self) -> Vec<&'static str> {
        vec!["year", "layer", "a", "b", "shared_cliques"]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> std::io::Result<()> {
        for (year, cliques) in &self.0.years {
            for (a, b, n) in co_membership(cliques) {
                sink.cell(Cell::Int(i64::from(*year)))?;
                sink.cell(Cell::Text(self.0.layer.name()))?;
                sink.cell(Cell::Int(i64::from(self.0.states.state(a).id.0)))?;
                sink.cell(Cell::Int(i64::from(self.0.states.state(b).id.0)))?;
                sink.cell(Cell::Int(i64::from(n)))?;
                sink.end_row()?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn co_membership_counts_shared_cliques() {
        // Two triangles sharing the edge 1–2: cliques {0,1,2} and {1,2,3}.
        let pairs = co_membership(&[vec![0, 1, 2], vec![1, 2, 3]]);
        assert_eq!(pairs, [(0, 1, 1), (0, 2, 1), (1, 2, 2), (1, 3, 1), (2, 3, 1)]);
    }

    #[test]
    fn cliques_of_a_sample_year() {
        use crate::{Dataset, Inputs, LoadOptions, Period, SnapshotBuilder, SystemFilter};
        let (data, mut diag) = Dataset::load(&Inputs::sample(), &LoadOptions::default()).unwrap();
        let g = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
        let t = Timeline::new(&g);
        let table = yearly_cliques(&g, &t, Some(1955..=1955), Layer::Any, 3).unwrap();
        let cliques = &table.years[0].1;
        // The Warsaw Pact's eight members form a clique of their own in 1955.
        let code = |v: DenseIndex| g.data.states.state(v).id.0;
        let warsaw: Vec<u16> = vec![255, 265, 290, 310, 315, 339, 355, 360, 365];
        assert!(cliques.iter().any(|c| c.iter().map(|&v| code(v)).all(|x| warsaw.contains(&x)) && c.len() == 8));
        assert!(cliques.windows(2).all(|w| w[0].len() >= w[1].len()), "largest first");
        // Every clique is complete in the snapshot.
        let snap = SnapshotBuilder::new(&g, &t).build(Period::Year(1955), Layer::Any).unwrap();
        for c in cliques {
            for (i, &a) in c.iter().enumerate() {
                for &b in &c[i + 1..] {
                    assert!(snap.edges.iter().any(|e| (e.a, e.b) == (a, b)), "{a} {b}");
                }
            }
        }
    }
}
