//! Maximal cliques of a snapshot (Bron–Kerbosch with pivoting on bitsets, Tomita et al. 2006:
//! [`super::bron_kerbosch`]), bounded in number ([`MAX_CLIQUES`]), and the clique co-membership ("clique overlap")
//! matrix (Everett & Borgatti 1998): for two states, how many maximal cliques of at least k
//! states hold both. Polarization building blocks: a system split into a few large, disjoint
//! cliques is polarized; overlapping cliques knit it together.

use super::bron_kerbosch::{for_each_maximal_clique, Adjacency};
use crate::error::QueryError;
use crate::graph::snapshot::map_years;
use crate::graph::{AllianceGraph, Snapshot, Timeline};
use crate::io::table::{Cell, RowSink, Table};
use crate::model::{DenseIndex, Layer};
use std::collections::BTreeMap;
use std::ops::{ControlFlow, RangeInclusive};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Default bound on the maximal cliques kept over all the years of one request
/// (`--max-cliques`): 2 million. A clique takes 4 bytes per member and 16 more, so even cliques
/// of 100 states stay under 1 GB; alliance snapshots have some hundreds. A graph of n nodes can
/// have 3^(n/3) maximal cliques (48 states in 16 allied triples have 43 million).
pub const MAX_CLIQUES: usize = 2_000_000;

/// The maximal cliques of one year, stored flat: the members of every clique in one vector
/// (4 bytes a member) and each clique as its range there (16 bytes a clique), nothing more.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearCliques {
    /// The year.
    pub year: i32,
    members: Vec<DenseIndex>,
    /// The cliques as `(start, end)` in `members`, in order (size descending, members).
    ranges: Vec<(usize, usize)>,
}

impl YearCliques {
    /// Number of cliques.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The cliques, each as sorted dense indices, by (size descending, members).
    pub fn iter(&self) -> impl Iterator<Item = &[DenseIndex]> + '_ {
        self.ranges.iter().map(|&(start, end)| &self.members[start..end])
    }
}

/// The maximal cliques of `snap` with at least `min_size` states, each as sorted dense indices,
/// sorted by (size descending, members); `None` as soon as `kept` (shared by the years of a
/// request) passes `limit`. Bron–Kerbosch with pivoting on bitsets
/// ([`super::bron_kerbosch`]); worst case exponential, which the bound stops. The cliques are
/// stored flat as they are found and sorted in place ([`YearCliques`]: 4 bytes a member, 16 a
/// clique).
pub fn maximal_cliques(
    snap: &Snapshot,
    year: i32,
    min_size: usize,
    kept: &AtomicUsize,
    limit: usize,
) -> Option<YearCliques> {
    let edges = snap.edges.iter().filter_map(|e| Some((snap.local_index(e.a)?, snap.local_index(e.b)?)));
    let graph = Adjacency::new(snap.nodes.len(), edges);
    let mut out = YearCliques { year, members: Vec::new(), ranges: Vec::new() };
    let flow = for_each_maximal_clique(&graph, &mut |c| {
        if c.len() < min_size {
            return ControlFlow::Continue(());
        }
        if kept.fetch_add(1, Ordering::Relaxed) >= limit {
            return ControlFlow::Break(());
        }
        // Local indices ascending are dense indices ascending: the nodes are sorted.
        let start = out.members.len();
        out.members.extend(c.iter().map(|&i| snap.nodes[i]));
        out.ranges.push((start, out.members.len()));
        ControlFlow::Continue(())
    });
    if flow.is_break() {
        return None;
    }
    // Two maximal cliques are never equal, so the unstable (in-place) sort is deterministic.
    let members = &out.members;
    out.ranges.sort_unstable_by(|&(a0, a1), &(b0, b1)| {
        (b1 - b0).cmp(&(a1 - a0)).then_with(|| members[a0..a1].cmp(&members[b0..b1]))
    });
    Some(out)
}

/// Pairs of states in at least one common clique, with the number of cliques they share,
/// sorted by (a, b) with a < b.
pub fn co_membership<'a>(cliques: impl IntoIterator<Item = &'a [DenseIndex]>) -> Vec<(DenseIndex, DenseIndex, u32)> {
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
    /// The cliques of each year, in year order.
    pub years: Vec<YearCliques>,
}

/// Maximal cliques of at least `min_size` states in every requested year of `layer`, at most
/// `max_cliques` in all ([`MAX_CLIQUES`] on the command line).
///
/// # Errors
/// [`QueryError::YearOutOfRange`] when a requested year lies outside the timeline;
/// [`QueryError::TooManyCliques`] when the years have more than `max_cliques` cliques (found
/// before the memory they would take is used).
pub fn yearly_cliques<'g>(
    graph: &'g AllianceGraph,
    timeline: &Timeline,
    years: Option<RangeInclusive<i32>>,
    layer: Layer,
    min_size: usize,
    max_cliques: usize,
) -> Result<CliqueTable<'g>, QueryError> {
    let years = timeline.select(years)?;
    let (first, last) = (*years.start(), *years.end());
    let kept = AtomicUsize::new(0);
    let out = map_years(graph, timeline, years, layer, |_: &mut (), year, snap| {
        Ok::<_, QueryError>(maximal_cliques(snap, year, min_size, &kept, max_cliques))
    })?;
    let years: Option<Vec<YearCliques>> = out.into_iter().collect();
    let years = years.ok_or(QueryError::TooManyCliques { limit: max_cliques, min_size, first, last })?;
    Ok(CliqueTable { states: &graph.data.states, layer, years })
}

/// What a [`CliqueStream`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CliqueRows {
    /// The cliques: `year,layer,clique,size,members` ([`CliqueTable`]'s rows).
    #[default]
    Cliques,
    /// Their co-membership matrix: `year,layer,a,b,shared_cliques` ([`CliqueOverlap`]'s rows).
    Overlap,
}

/// Years per batch of a [`CliqueStream`] (or as many as rayon has threads, if more): 16, so
/// that the per-batch setup (a snapshot builder per thread) is paid about 13 times over the
/// 201 years of ATOP 4.01, not 100 times; memory stays within the bound whatever the batch.
const BATCH_YEARS: usize = 16;

/// The rows of [`yearly_cliques`] computed as they are written, a batch of years at a time (16
/// years, in parallel within the batch): each batch's rows are written, and its cliques freed,
/// before the next batch is searched. Memory is that of one
/// batch's cliques, never more than the bound (`max_cliques` over all the years, as for
/// [`yearly_cliques`]); the rows and their order are [`CliqueTable`]'s, byte for byte.
#[derive(Debug, Clone)]
pub struct CliqueStream<'a> {
    graph: &'a AllianceGraph,
    timeline: &'a Timeline,
    years: RangeInclusive<i32>,
    layer: Layer,
    min_size: usize,
    max_cliques: usize,
    rows: CliqueRows,
}

/// [`yearly_cliques`] as a [`CliqueStream`] writing `rows`.
///
/// # Errors
/// [`QueryError::YearOutOfRange`] when a requested year lies outside the timeline. Writing the
/// stream fails with an I/O error of kind `Other` holding [`QueryError::TooManyCliques`] when
/// the years have more than `max_cliques` cliques: the rows of the batches before it are written
/// by then (`-o FILE` is written atomically, so the file is left as it was).
pub fn clique_stream<'a>(
    graph: &'a AllianceGraph,
    timeline: &'a Timeline,
    years: Option<RangeInclusive<i32>>,
    layer: Layer,
    min_size: usize,
    max_cliques: usize,
    rows: CliqueRows,
) -> Result<CliqueStream<'a>, QueryError> {
    let years = timeline.select(years)?;
    Ok(CliqueStream { graph, timeline, years, layer, min_size, max_cliques, rows })
}

impl Table for CliqueStream<'_> {
    fn columns(&self) -> Vec<&'static str> {
        match self.rows {
            CliqueRows::Cliques => vec!["year", "layer", "clique", "size", "members"],
            CliqueRows::Overlap => vec!["year", "layer", "a", "b", "shared_cliques"],
        }
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> std::io::Result<()> {
        let (first, last) = (*self.years.start(), *self.years.end());
        let too_many = || QueryError::TooManyCliques { limit: self.max_cliques, min_size: self.min_size, first, last };
        let kept = AtomicUsize::new(0);
        let years: Vec<i32> = self.years.clone().collect();
        for batch in years.chunks(BATCH_YEARS.max(rayon::current_num_threads())) {
            let (Some(&from), Some(&to)) = (batch.first(), batch.last()) else { continue };
            let found = map_years(self.graph, self.timeline, from..=to, self.layer, |_: &mut (), year, snap| {
                Ok::<_, QueryError>(maximal_cliques(snap, year, self.min_size, &kept, self.max_cliques))
            })
            .map_err(std::io::Error::other)?;
            let found: Option<Vec<YearCliques>> = found.into_iter().collect();
            let table = CliqueTable {
                states: &self.graph.data.states,
                layer: self.layer,
                years: found.ok_or_else(|| std::io::Error::other(too_many()))?,
            };
            match self.rows {
                CliqueRows::Cliques => table.write_rows(sink)?,
                CliqueRows::Overlap => table.overlap_table().write_rows(sink)?,
            }
        }
        Ok(())
    }
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
        let mut members: Vec<String> = Vec::new();
        for cliques in &self.years {
            for (k, c) in cliques.iter().enumerate() {
                members.clear();
                members.extend(c.iter().map(|&v| self.states.state(v).id.to_string()));
                sink.cell(Cell::Int(i64::from(cliques.year)))?;
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
        for cliques in &self.0.years {
            for (a, b, n) in co_membership(cliques.iter()) {
                sink.cell(Cell::Int(i64::from(cliques.year)))?;
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
        let pairs = co_membership([&[0, 1, 2][..], &[1, 2, 3][..]]);
        assert_eq!(pairs, [(0, 1, 1), (0, 2, 1), (1, 2, 2), (1, 3, 1), (2, 3, 1)]);
    }

    /// Issue 25: the stream writes the bytes of the table held whole (cliques and overlap, over
    /// many batches of years), and past the bound it fails with the bound's error.
    #[test]
    fn issue25_the_stream_writes_what_the_whole_table_holds() {
        use crate::io::table::{write_table, OutputFormat};
        use crate::{Dataset, Inputs, LoadOptions, SystemFilter};
        let (data, mut diag) = Dataset::load(&Inputs::sample(), &LoadOptions::default()).unwrap();
        let g = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
        let t = Timeline::new(&g);
        let render = |table: &dyn Table| {
            let mut out = Vec::new();
            write_table(table, OutputFormat::Csv, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        let years = Some(1900..=1990);
        let whole = yearly_cliques(&g, &t, years.clone(), Layer::Any, 3, MAX_CLIQUES).unwrap();
        let count: usize = whole.years.iter().map(YearCliques::len).sum();
        assert!(count > 100, "{count} cliques");
        for (rows, expected) in
            [(CliqueRows::Cliques, render(&whole)), (CliqueRows::Overlap, render(&whole.overlap_table()))]
        {
            let stream = clique_stream(&g, &t, years.clone(), Layer::Any, 3, MAX_CLIQUES, rows).unwrap();
            let got = render(&stream);
            assert_eq!(got.lines().count(), expected.lines().count());
            assert_eq!(got, expected, "{rows:?}");
        }
        assert_eq!(render(&whole).lines().count(), 1 + count);
        // One clique fewer than the years hold: the bound's error.
        let stream = clique_stream(&g, &t, years.clone(), Layer::Any, 3, count - 1, CliqueRows::Cliques).unwrap();
        let err = write_table(&stream, OutputFormat::Csv, &mut Vec::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            QueryError::TooManyCliques { limit: count - 1, min_size: 3, first: 1900, last: 1990 }.to_string()
        );
        let stream = clique_stream(&g, &t, years, Layer::Any, 3, count, CliqueRows::Cliques).unwrap();
        assert_eq!(render(&stream).lines().count(), 1 + count);
    }

    #[test]
    fn cliques_of_a_sample_year() {
        use crate::{Dataset, Inputs, LoadOptions, Period, SnapshotBuilder, SystemFilter};
        let (data, mut diag) = Dataset::load(&Inputs::sample(), &LoadOptions::default()).unwrap();
        let g = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
        let t = Timeline::new(&g);
        let table = yearly_cliques(&g, &t, Some(1955..=1955), Layer::Any, 3, MAX_CLIQUES).unwrap();
        let cliques: Vec<&[DenseIndex]> = table.years[0].iter().collect();
        // The Warsaw Pact's eight members form a clique of their own in 1955.
        let code = |v: DenseIndex| g.data.states.state(v).id.0;
        let warsaw: Vec<u16> = vec![255, 265, 290, 310, 315, 339, 355, 360, 365];
        assert!(cliques.iter().any(|c| c.iter().map(|&v| code(v)).all(|x| warsaw.contains(&x)) && c.len() == 8));
        assert!(cliques.windows(2).all(|w| w[0].len() >= w[1].len()), "largest first");
        // Every clique is complete in the snapshot.
        let snap = SnapshotBuilder::new(&g, &t).build(Period::Year(1955), Layer::Any).unwrap();
        for c in &cliques {
            for (i, &a) in c.iter().enumerate() {
                for &b in &c[i + 1..] {
                    assert!(snap.edges.iter().any(|e| (e.a, e.b) == (a, b)), "{a} {b}");
                }
            }
        }
    }
}
