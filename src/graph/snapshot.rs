//! Snapshots: the simple, undirected projection of the multigraph for a year (or a day) and a
//! layer, with weights = number of distinct alliances linking each pair.
//!
//! [`SnapshotBuilder`] reuses its buffers: building every (year, layer) allocates nothing once
//! the buffers have grown to the largest snapshot.

use super::multigraph::AllianceGraph;
use super::timeline::Timeline;
use crate::error::QueryError;
use crate::model::{AllianceId, DateSpan, DenseIndex, Layer, ObligationSet, StateId, StateIndex};
use chrono::NaiveDate;
use petgraph::graph::{NodeIndex, UnGraph};
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
    /// Union of the types of the multigraph edges behind it (within the layer's edges).
    pub types: ObligationSet,
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

    /// The snapshot as a petgraph graph: node weights are COW codes, in `nodes` order (so node
    /// index i is `nodes[i]`), edge weights the number of alliances.
    pub fn to_ungraph(&self, states: &StateIndex) -> UnGraph<StateId, u32> {
        let mut g = UnGraph::with_capacity(self.nodes.len(), self.edges.len());
        for &v in &self.nodes {
            g.add_node(states.state(v).id);
        }
        for e in &self.edges {
            if let (Some(a), Some(b)) = (self.local_index(e.a), self.local_index(e.b)) {
                g.add_edge(NodeIndex::new(a), NodeIndex::new(b), e.weight);
            }
        }
        g
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
    stamp: u32,
    day_edges: Vec<u32>,
}

impl<'g> SnapshotBuilder<'g> {
    /// A builder for `graph` and its `timeline`.
    pub fn new(graph: &'g AllianceGraph, timeline: &'g Timeline) -> Self {
        SnapshotBuilder {
            graph,
            timeline,
            alliance_stamp: vec![0; graph.alliance_count()],
            stamp: 0,
            day_edges: Vec::new(),
        }
    }

    /// Builds G(period, layer) into `out`, reusing its buffers.
    ///
    /// # Errors
    /// [`QueryError`] when the period lies outside the data's years, or the layer is not one of
    /// the data's source ([`crate::MemberSource::layers`]).
    pub fn build_into(&mut self, period: Period, layer: Layer, out: &mut Snapshot) -> Result<(), QueryError> {
        let source = self.graph.data.source;
        if !source.layers().contains(&layer) {
            let layers = source.layers().iter().map(|l| l.name()).collect::<Vec<_>>().join(", ");
            return Err(QueryError::LayerNotInData { layer: layer.name(), data_source: source.name(), layers });
        }
        out.clear();
        out.period = Some(period);
        out.layer = Some(layer);
        let years = self.timeline.years();
        let (first, last) = (*years.start(), *years.end());
        match period {
            Period::Year(y) => {
                if !self.timeline.contains(y) {
                    return Err(QueryError::YearOutOfRange { year: y, first, last });
                }
                out.nodes.extend_from_slice(self.timeline.nodes(y));
                let edges = self.timeline.edges(y);
                self.project(edges, layer, out);
            }
            Period::Date(d) => {
                let day = DateSpan::day(d).filter(|_| years.contains(&chrono::Datelike::year(&d)));
                if day.is_none() {
                    return Err(QueryError::DateOutOfRange { date: d, first, last });
                }
                let g = self.graph;
                out.nodes.extend((0..g.data.states.len() as DenseIndex).filter(|&v| g.is_node_on(v, d)));
                let mut day_edges = std::mem::take(&mut self.day_edges);
                day_edges.clear();
                day_edges.extend(
                    (0..g.edges().len()).filter(|&i| g.counted(i).iter().any(|s| s.contains(d))).map(|i| i as u32),
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
            let k = self.graph.alliance_slot(i as usize);
            if self.alliance_stamp[k] != self.stamp {
                self.alliance_stamp[k] = self.stamp;
                out.alliances += 1;
            }
            match out.edges.last_mut() {
                Some(last) if (last.a, last.b) == (e.a, e.b) => {
                    last.types = last.types.union(e.types());
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
                        types: e.types(),
                        first_alliance: out.alliance_ids.len() as u32,
                    });
                    out.alliance_ids.push(e.alliance);
                }
            }
        }
    }
}

/// Builds the snapshot of `layer` for every year of `years` and maps it with `f`, in parallel
/// across years (rayon; results in year order). Each thread reuses one builder, one snapshot and
/// one scratch value `S` for `f`, so the per-year loop allocates only what `f` returns. The one
/// year loop of the yearly measures.
///
/// # Errors
/// The first error of `f`, or [`QueryError`] for a year outside the timeline.
pub fn map_years<S, T, E, F>(
    graph: &AllianceGraph,
    timeline: &Timeline,
    years: std::ops::RangeInclusive<i32>,
    layer: Layer,
    f: F,
) -> Result<Vec<T>, E>
where
    S: Default,
    T: Send,
    E: From<QueryError> + Send,
    F: Fn(&mut S, i32, &Snapshot) -> Result<T, E> + Sync,
{
    use rayon::prelude::*;
    let years: Vec<i32> = years.collect();
    years
        .par_iter()
        .map_init(
            || (SnapshotBuilder::new(graph, timeline), Snapshot::default(), S::default()),
            |(builder, snap, scratch), &year| {
                builder.build_into(Period::Year(year), layer, snap)?;
                f(scratch, year, snap)
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::Source;
    use crate::model::{Obligation, ObligationSet};
    use crate::{AllianceGraph, Dataset, Diagnostics, Inputs, LoadOptions, SystemFilter, Timeline, WarningKind};

    /// COW list: 2 (USA) always; 200 (UKG) always; 255 (GMY) out of the system 1945-05-08..1955-05-04;
    /// 300 (AUH) always. No row for 8152.
    const STATES: &str = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version
USA,2,United States of America,1816,1,1,2016,12,31,2016
UKG,200,United Kingdom,1816,1,1,2016,12,31,2016
GMY,255,Germany,1816,1,1,1945,5,7,2016
GMY,255,Germany,1955,5,5,2016,12,31,2016
AUH,300,Austria-Hungary,1816,1,1,2016,12,31,2016
";

    fn graph(members: &'static str, filter: SystemFilter) -> (AllianceGraph, Timeline, Diagnostics) {
        let inputs = Inputs {
            members: Source::Embedded { name: "m.csv", text: members },
            states: Source::Embedded { name: "s.csv", text: STATES },
            alliances: None,
        };
        let (data, mut diag) =
            Dataset::load(&inputs, &LoadOptions { data_end: Some(2016), ..Default::default() }).unwrap();
        let g = AllianceGraph::build(data, filter, &mut diag);
        let t = Timeline::new(&g);
        (g, t, diag)
    }

    fn codes(g: &AllianceGraph, s: &Snapshot) -> Vec<(u16, u16, u32)> {
        let st = |v| g.data.states.state(v).id.0;
        s.edges.iter().map(|e| (st(e.a), st(e.b), e.weight)).collect()
    }

    fn year(g: &AllianceGraph, t: &Timeline, y: i32, layer: Layer) -> Snapshot {
        SnapshotBuilder::new(g, t).build(Period::Year(y), layer).unwrap()
    }

    #[test]
    fn an_edge_ending_on_first_january_is_in_the_year_before_only() {
        // 1001: USA-UKG from 1950-03-01, exit 1960-01-01 (first day outside).
        let m: &'static str = concat!(
            "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul\n",
            "1001,2,1950,3,1,1960,1,1,1,1,0,0,0,0\n1001,200,1950,3,1,1960,1,1,1,1,0,0,0,0\n"
        );
        let (g, t, _) = graph(m, SystemFilter::Cow);
        assert_eq!(codes(&g, &year(&g, &t, 1959, Layer::Any)), [(2, 200, 1)]);
        assert!(year(&g, &t, 1960, Layer::Any).edges.is_empty());
        assert!(year(&g, &t, 1949, Layer::Any).edges.is_empty());
        assert_eq!(year(&g, &t, 1950, Layer::Any).multi_edges, 1);
    }

    #[test]
    fn rows_that_only_touch_give_no_edge() {
        // UKG leaves on 1900-06-01, AUH joins on 1900-06-01: no common day.
        let m: &'static str = concat!(
            "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul\n",
            "1002,200,1890,1,1,1900,6,1,1,0,0,0,1,0\n1002,300,1900,6,1,1910,1,1,2,0,0,0,1,0\n"
        );
        let (g, _, _) = graph(m, SystemFilter::Cow);
        assert!(g.edges().is_empty());
    }

    #[test]
    fn a_tie_during_a_gap_in_system_membership_does_not_count() {
        // USA-GMY 1940..1960; Germany is out of the system 1945-05-08 .. 1955-05-04.
        let m: &'static str = concat!(
            "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul\n",
            "1003,2,1940,1,1,1960,1,1,0,0,0,0,0,1\n1003,255,1940,1,1,1960,1,1,0,0,0,0,0,1\n"
        );
        let (g, t, diag) = graph(m, SystemFilter::Cow);
        assert_eq!(g.counted(0).len(), 2);
        assert_eq!(codes(&g, &year(&g, &t, 1945, Layer::Any)), [(2, 255, 1)], "counts until 7 May 1945");
        let y1950 = year(&g, &t, 1950, Layer::Any);
        assert!(y1950.edges.is_empty());
        assert!(!y1950.nodes.contains(&g.data.states.index_of(crate::StateId(255)).unwrap()));
        assert_eq!(codes(&g, &year(&g, &t, 1955, Layer::Any)), [(2, 255, 1)]);
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let mut b = SnapshotBuilder::new(&g, &t);
        assert!(b.build(Period::Date(d("1950-07-01")), Layer::Any).unwrap().edges.is_empty());
        assert_eq!(b.build(Period::Date(d("1945-05-07")), Layer::Any).unwrap().edges.len(), 1);
        assert!(b.build(Period::Date(d("1945-05-08")), Layer::Any).unwrap().edges.is_empty());
        assert_eq!(diag.count(WarningKind::EdgePartlyOutsideSystem), 1);
        // Without the filter the tie counts every year and Germany stays a node.
        let (g, t, _) = graph(m, SystemFilter::None);
        assert_eq!(codes(&g, &year(&g, &t, 1950, Layer::Any)), [(2, 255, 1)]);
    }

    #[test]
    fn layers_types_weights_and_the_directed_view() {
        // 1004: UKG pledges defense to AUH, AUH only neutrality (asymmetric), two phases.
        // 1005: UKG-AUH nonaggression, overlapping 1004 in 1905.
        let m: &'static str = concat!(
            "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul\n",
            "1004,200,1900,1,1,1905,1,1,1,1,0,0,0,0\n1004,300,1900,1,1,1905,1,1,1,0,0,1,0,0\n",
            "1004,200,1905,1,1,1906,1,1,2,1,0,0,0,0\n1004,300,1905,1,1,1906,1,1,2,0,0,1,0,0\n",
            "1005,200,1905,6,0,1907,0,0,0,0,0,0,1,0\n1005,300,1905,6,0,1907,0,0,0,0,0,0,1,0\n"
        );
        let (g, t, diag) = graph(m, SystemFilter::Cow);
        assert_eq!(g.edges().len(), 3);
        let e = &g.edges()[0];
        assert_eq!(e.types(), ObligationSet::EMPTY.with(Obligation::Defense).with(Obligation::Neutrality));
        assert_eq!(e.obligations_of(e.a), ObligationSet::EMPTY.with(Obligation::Defense), "UKG's own flags");
        assert_eq!(e.obligations_of(e.b), ObligationSet::EMPTY.with(Obligation::Neutrality), "AUH's own flags");
        // 1904: both phases of 1004 (phase 1 ends 1905-01-01, so only phase 1 counts) → weight 1.
        // 1905: phase 2 of 1004 and 1005 → weight 2 (distinct atopids), 2 multigraph edges.
        assert_eq!(codes(&g, &year(&g, &t, 1904, Layer::Any)), [(200, 300, 1)]);
        let s = year(&g, &t, 1905, Layer::Any);
        assert_eq!(codes(&g, &s), [(200, 300, 2)]);
        assert_eq!((s.alliances, s.multi_edges), (2, 2));
        assert_eq!(s.edge_alliances(&s.edges[0]), [AllianceId(1004), AllianceId(1005)]);
        let union = ObligationSet::EMPTY.with(Obligation::Defense).with(Obligation::Neutrality);
        assert_eq!(s.edges[0].types, union.with(Obligation::Nonaggression), "1004 phase 2 and 1005");
        let pg = s.to_ungraph(&g.data.states);
        assert_eq!((pg.node_count(), pg.edge_count()), (s.nodes.len(), 1));
        let e = pg.edge_references().next().unwrap();
        use petgraph::visit::EdgeRef;
        assert_eq!((pg[e.source()], pg[e.target()], *e.weight()), (crate::StateId(200), crate::StateId(300), 2));
        let def = year(&g, &t, 1905, Layer::Only(Obligation::Defense));
        assert_eq!(codes(&g, &def), [(200, 300, 1)]);
        assert_eq!((def.alliances, def.multi_edges), (1, 1));
        assert!(year(&g, &t, 1906, Layer::Only(Obligation::Defense)).edges.is_empty());
        assert_eq!(codes(&g, &year(&g, &t, 1906, Layer::Only(Obligation::Nonaggression))), [(200, 300, 1)]);
        // An exit in 1907 without month: member through the end of 1907.
        assert_eq!(codes(&g, &year(&g, &t, 1907, Layer::Any)), [(200, 300, 1)]);
        assert!(year(&g, &t, 1908, Layer::Any).edges.is_empty());
        assert_eq!(diag.count(WarningKind::MissingEntryDay), 2);
        assert_eq!(diag.count(WarningKind::MissingExitMonth), 2);
    }

    #[test]
    fn members_outside_the_state_list_are_nodes_only_without_the_filter() {
        let m: &'static str = concat!(
            "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul\n",
            "1006,200,1874,1,1,1884,1,1,0,1,0,0,0,0\n1006,8152,1874,1,1,1884,1,1,0,1,0,0,0,0\n"
        );
        let (g, t, diag) = graph(m, SystemFilter::Cow);
        let v = g.data.states.index_of(crate::StateId(8152)).unwrap();
        assert!(!year(&g, &t, 1880, Layer::Any).nodes.contains(&v));
        assert_eq!(
            diag.tally(WarningKind::NotInStateList).unwrap().subjects.iter().copied().collect::<Vec<_>>(),
            [8152]
        );
        assert_eq!(diag.count(WarningKind::EdgeNeverInSystem), 1);
        let (g, t, _) = graph(m, SystemFilter::None);
        let s = year(&g, &t, 1880, Layer::Any);
        assert!(s.nodes.contains(&v));
        assert_eq!(codes(&g, &s), [(200, 8152, 1)]);
        assert!(!year(&g, &t, 1884, Layer::Any).nodes.contains(&v));
    }

    #[test]
    fn years_outside_the_data_are_errors() {
        let m: &'static str = concat!(
            "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul\n",
            "1001,2,1900,1,1,1910,1,1,0,1,0,0,0,0\n"
        );
        let (g, t, _) = graph(m, SystemFilter::Cow);
        assert_eq!(t.years(), 1816..=2016);
        let err = SnapshotBuilder::new(&g, &t).build(Period::Year(1700), Layer::Any).unwrap_err();
        assert_eq!(err.to_string(), "year 1700 is outside the data (1816..=2016)");
    }
}
