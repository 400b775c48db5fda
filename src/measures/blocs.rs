//! Blocs: communities of a snapshot by modularity (Louvain, with restarts and a final
//! node-level refinement), labels kept from year to year, and the stability and polarization of
//! the partition.
//!
//! Modularity with resolution γ (Newman & Girvan 2004; Reichardt & Bornholdt 2006):
//! Q = Σ_c [ L_c/m − γ (d_c / 2m)² ], L_c the edges inside bloc c, d_c its degree sum, m the edges.
//! Louvain: Blondel, Guillaume, Lambiotte & Lefebvre 2008, "Fast unfolding of communities in
//! large networks". Each run visits nodes in an order drawn from a SplitMix64 stream seeded by
//! `seed` (hand-written so that the same seed gives the same blocs with every crate version);
//! [`RESTARTS`] runs from derived seeds are made and the partition with the largest Q is kept.
//! Cost: O(RESTARTS · passes · m) per snapshot.

use crate::error::QueryError;
use crate::graph::snapshot::map_years;
use crate::graph::{AllianceGraph, Timeline};
use crate::io::table::{Cell, RowSink, Table};
use crate::model::{DenseIndex, Layer, StateIndex};
use crate::rng::SplitMix64;
use std::collections::BTreeMap;
use std::ops::RangeInclusive;

/// Independent Louvain runs per call; the best partition (largest Q, then the earliest run) wins.
pub const RESTARTS: u64 = 8;

/// A weighted undirected graph as adjacency lists; a self-loop weight counts both directions
/// (so a node's degree includes it twice, as the aggregated graphs of Louvain need).
#[derive(Debug, Clone, Default)]
struct Weighted {
    adj: Vec<Vec<(u32, f64)>>,
    degree: Vec<f64>,
    total: f64,
}

impl Weighted {
    fn from_edges(n: usize, edges: &[(u32, u32)]) -> Self {
        let mut adj = vec![Vec::new(); n];
        for &(a, b) in edges {
            adj[a as usize].push((b, 1.0));
            adj[b as usize].push((a, 1.0));
        }
        Weighted::from_adj(adj)
    }

    fn from_adj(adj: Vec<Vec<(u32, f64)>>) -> Self {
        let degree: Vec<f64> = adj.iter().map(|l| l.iter().map(|&(_, w)| w).sum()).collect();
        let total = degree.iter().sum();
        Weighted { adj, degree, total }
    }

    /// Modularity of `community` (one id per node).
    fn modularity(&self, community: &[u32], gamma: f64) -> f64 {
        if self.total == 0.0 {
            return 0.0;
        }
        let k = community.iter().max().map_or(0, |&c| c as usize + 1);
        let (mut inside, mut tot) = (vec![0.0; k], vec![0.0; k]);
        for (u, list) in self.adj.iter().enumerate() {
            let cu = community[u] as usize;
            tot[cu] += self.degree[u];
            for &(v, w) in list {
                if community[v as usize] as usize == cu {
                    inside[cu] += w;
                }
            }
        }
        let m2 = self.total;
        inside.iter().zip(&tot).map(|(i, t)| i / m2 - gamma * (t / m2) * (t / m2)).sum()
    }

    /// Moves single nodes to the neighbouring community with the best gain until none improves.
    /// Returns whether anything moved.
    fn local_moves(&self, community: &mut [u32], gamma: f64, rng: &mut SplitMix64) -> bool {
        let n = self.adj.len();
        let m2 = self.total;
        if m2 == 0.0 {
            return false;
        }
        let mut tot = vec![0.0; n];
        for u in 0..n {
            tot[community[u] as usize] += self.degree[u];
        }
        let mut order: Vec<u32> = (0..n as u32).collect();
        let mut weight_to = vec![0.0; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut moved_any = false;
        loop {
            rng.shuffle(&mut order);
            let mut moved = false;
            for &u in &order {
                let u = u as usize;
                let (cu, ku) = (community[u], self.degree[u]);
                for &(v, w) in &self.adj[u] {
                    if v as usize != u {
                        let c = community[v as usize];
                        if weight_to[c as usize] == 0.0 {
                            touched.push(c);
                        }
                        weight_to[c as usize] += w;
                    }
                }
                tot[cu as usize] -= ku;
                // Gain of joining c (up to a common factor): w(u, c) − γ k_u tot_c / 2m.
                let gain = |c: u32, w: f64| w - gamma * ku * tot[c as usize] / m2;
                let (mut best, mut best_gain) = (cu, gain(cu, weight_to[cu as usize]));
                for &c in &touched {
                    let g = gain(c, weight_to[c as usize]);
                    if g > best_gain + 1e-12 || (g > best_gain - 1e-12 && c < best && best != cu) {
                        best = c;
                        best_gain = g;
                    }
                }
                tot[best as usize] += ku;
                if best != cu {
                    community[u] = best;
                    moved = true;
                    moved_any = true;
                }
                for &c in &touched {
                    weight_to[c as usize] = 0.0;
                }
                touched.clear();
            }
            if !moved {
                return moved_any;
            }
        }
    }

    /// The graph of communities: one node per community, weights summed (self-loops inside).
    fn aggregate(&self, community: &[u32], k: usize) -> Weighted {
        let mut maps: Vec<BTreeMap<u32, f64>> = vec![BTreeMap::new(); k];
        for (u, list) in self.adj.iter().enumerate() {
            for &(v, w) in list {
                *maps[community[u] as usize].entry(community[v as usize]).or_insert(0.0) += w;
            }
        }
        Weighted::from_adj(maps.into_iter().map(|m| m.into_iter().collect()).collect())
    }
}

/// Renumbers community ids `0..k` in order of first appearance; returns k.
fn renumber(community: &mut [u32]) -> usize {
    let mut next = 0;
    let mut ids = vec![u32::MAX; community.len().max(1)];
    for c in community.iter_mut() {
        let slot = &mut ids[*c as usize];
        if *slot == u32::MAX {
            *slot = next;
            next += 1;
        }
        *c = *slot;
    }
    next as usize
}

/// One Louvain run: local moves, aggregation, repeated until nothing moves; then a final
/// node-level pass on the original graph.
fn louvain_once(g: &Weighted, gamma: f64, rng: &mut SplitMix64) -> Vec<u32> {
    let n = g.adj.len();
    let mut membership: Vec<u32> = (0..n as u32).collect();
    let mut level = g.clone();
    loop {
        let mut community: Vec<u32> = (0..level.adj.len() as u32).collect();
        if !level.local_moves(&mut community, gamma, rng) {
            break;
        }
        let k = renumber(&mut community);
        for c in membership.iter_mut() {
            *c = community[*c as usize];
        }
        level = level.aggregate(&community, k);
    }
    g.local_moves(&mut membership, gamma, rng);
    renumber(&mut membership);
    membership
}

/// A partition of a snapshot's nodes into blocs.
#[derive(Debug, Clone, PartialEq)]
pub struct Partition {
    /// Bloc of each node (local index), numbered 0.. in order of first appearance.
    pub bloc: Vec<u32>,
    /// Number of blocs (isolated nodes are blocs of their own).
    pub count: usize,
    /// Modularity Q of the partition at the resolution used.
    pub modularity: f64,
}

/// Blocs of the graph with `n` nodes and `edges` (local indices, a < b), by Louvain at
/// resolution `gamma`, deterministic for `seed`. An edgeless graph gives one bloc per node and Q = 0.
pub fn blocs(n: usize, edges: &[(u32, u32)], gamma: f64, seed: u64) -> Partition {
    let g = Weighted::from_edges(n, edges);
    let mut best: Option<(f64, Vec<u32>)> = None;
    let mut seeds = SplitMix64::new(seed);
    for _ in 0..RESTARTS {
        let mut rng = SplitMix64::new(seeds.next_u64());
        let p = louvain_once(&g, gamma, &mut rng);
        let q = g.modularity(&p, gamma);
        if best.as_ref().is_none_or(|(bq, _)| q > *bq + 1e-12) {
            best = Some((q, p));
        }
    }
    let (modularity, bloc) = best.unwrap_or((0.0, Vec::new()));
    let count = bloc.iter().max().map_or(0, |&c| c as usize + 1);
    Partition { bloc, count, modularity }
}

/// Normalised mutual information of two partitions of the same items, I(X;Y) / √(H(X)·H(Y))
/// (Strehl & Ghosh 2002); 1 when both are a single bloc (nothing to tell apart).
pub fn nmi(x: &[u32], y: &[u32]) -> f64 {
    let n = x.len() as f64;
    if x.is_empty() {
        return 1.0;
    }
    let mut joint: BTreeMap<(u32, u32), f64> = BTreeMap::new();
    let (mut px, mut py): (BTreeMap<u32, f64>, BTreeMap<u32, f64>) = (BTreeMap::new(), BTreeMap::new());
    for (&a, &b) in x.iter().zip(y) {
        *joint.entry((a, b)).or_default() += 1.0;
        *px.entry(a).or_default() += 1.0;
        *py.entry(b).or_default() += 1.0;
    }
    let h = |p: &BTreeMap<u32, f64>| -p.values().map(|&c| (c / n) * (c / n).ln()).sum::<f64>();
    let (hx, hy) = (h(&px), h(&py));
    if hx == 0.0 && hy == 0.0 {
        return 1.0;
    }
    if hx == 0.0 || hy == 0.0 {
        return 0.0;
    }
    let i: f64 = joint.iter().map(|(&(a, b), &c)| (c / n) * ((c * n) / (px[&a] * py[&b])).ln()).sum();
    (i / (hx * hy).sqrt()).min(1.0)
}

/// Esteban–Ray polarization over a partition (Esteban & Ray 1994), with K = 1:
/// ER_α = Σ_i Σ_j π_i^(1+α) π_j δ_ij, π = bloc shares of the nodes, δ_ij = 1 − density of the
/// ties between blocs i and j (within bloc i for i = j: its internal density; 0 for a one-node
/// bloc's inside). α ∈ [0, 1.6].
pub fn esteban_ray(n: usize, edges: &[(u32, u32)], bloc: &[u32], alpha: f64) -> f64 {
    let k = bloc.iter().max().map_or(0, |&c| c as usize + 1);
    if n == 0 || k == 0 {
        return 0.0;
    }
    let mut size = vec![0.0f64; k];
    for &b in bloc {
        size[b as usize] += 1.0;
    }
    let mut ties = vec![vec![0.0f64; k]; k];
    for &(a, b) in edges {
        let (x, y) = (bloc[a as usize] as usize, bloc[b as usize] as usize);
        ties[x][y] += 1.0;
        if x != y {
            ties[y][x] += 1.0;
        }
    }
    let mut er = 0.0;
    for i in 0..k {
        for j in 0..k {
            let possible = if i == j { size[i] * (size[i] - 1.0) / 2.0 } else { size[i] * size[j] };
            let density = if possible > 0.0 { ties[i][j] / possible } else { 0.0 };
            let (pi, pj) = (size[i] / n as f64, size[j] / n as f64);
            er += pi.powf(1.0 + alpha) * pj * (1.0 - density);
        }
    }
    er
}

/// Keeps bloc labels across years: each bloc of `current` takes the label of the previous
/// year's bloc it overlaps most (largest overlap first; a label is used once), the others get
/// new labels from `next_label`. `previous` and `current` give each node (by dense index) its
/// label / bloc. Returns the labels of `current`'s blocs (indexed by bloc id).
pub fn match_labels(
    previous: &BTreeMap<u32, u32>,
    current: &BTreeMap<u32, u32>,
    blocs: usize,
    next_label: &mut u32,
) -> Vec<u32> {
    let mut overlap: BTreeMap<(u32, u32), u32> = BTreeMap::new();
    for (v, &b) in current {
        if let Some(&label) = previous.get(v) {
            *overlap.entry((b, label)).or_default() += 1;
        }
    }
    let mut pairs: Vec<((u32, u32), u32)> = overlap.into_iter().collect();
    pairs.sort_by_key(|&((b, label), c)| (std::cmp::Reverse(c), b, label));
    let mut labels = vec![u32::MAX; blocs];
    let mut used = std::collections::BTreeSet::new();
    for ((b, label), _) in pairs {
        if labels[b as usize] == u32::MAX && used.insert(label) {
            labels[b as usize] = label;
        }
    }
    for l in labels.iter_mut().filter(|l| **l == u32::MAX) {
        *l = *next_label;
        *next_label += 1;
    }
    labels
}

/// What [`yearly_blocs`] computes.
#[derive(Debug, Clone, PartialEq)]
pub struct BlocRequest {
    /// Years (inclusive); `None`: every year of the timeline.
    pub years: Option<RangeInclusive<i32>>,
    /// The layer. Default: any.
    pub layer: Layer,
    /// Louvain seed. Default: 0.
    pub seed: u64,
    /// Modularity resolution γ. Default: 1.
    pub resolution: f64,
    /// Esteban–Ray α. Default: 1.
    pub alpha: f64,
}

impl Default for BlocRequest {
    fn default() -> Self {
        BlocRequest { years: None, layer: Layer::Any, seed: 0, resolution: 1.0, alpha: 1.0 }
    }
}

/// One year's blocs: per node its persistent label, and the year's summary.
#[derive(Debug, Clone)]
pub struct YearBlocs {
    /// The year.
    pub year: i32,
    /// Nodes (dense indices, COW-code order).
    pub nodes: Vec<DenseIndex>,
    /// Label of each node's bloc, kept across years while the bloc persists.
    pub labels: Vec<u32>,
    /// Number of blocs.
    pub blocs: usize,
    /// Modularity Q.
    pub modularity: f64,
    /// NMI with the previous year's partition on the nodes of both years (`None` the first year).
    pub nmi_prev: Option<f64>,
    /// Esteban–Ray polarization of the partition.
    pub polarization: f64,
}

/// A year, its nodes, their partition and its polarization, before labels are matched.
type YearPartition = (i32, Vec<DenseIndex>, Partition, f64);

/// Blocs of every requested year, in year order.
#[derive(Debug, Clone)]
pub struct BlocTable<'g> {
    states: &'g StateIndex,
    layer: Layer,
    /// The years.
    pub years: Vec<YearBlocs>,
}

/// Computes the blocs of every requested year (in parallel), then matches labels and NMI from
/// year to year (in order).
///
/// # Errors
/// [`QueryError::YearOutOfRange`] when a requested year lies outside the timeline.
pub fn yearly_blocs<'g>(
    graph: &'g AllianceGraph,
    timeline: &Timeline,
    request: &BlocRequest,
) -> Result<BlocTable<'g>, QueryError> {
    let years = timeline.select(request.years.clone())?;
    let computed: Result<Vec<YearPartition>, QueryError> =
        map_years(graph, timeline, years, request.layer, |local: &mut Vec<(u32, u32)>, year, snap| {
            local.clear();
            local.extend(
                snap.edges.iter().filter_map(|e| Some((snap.local_index(e.a)? as u32, snap.local_index(e.b)? as u32))),
            );
            let p = blocs(snap.nodes.len(), local, request.resolution, request.seed);
            let er = esteban_ray(snap.nodes.len(), local, &p.bloc, request.alpha);
            Ok((year, snap.nodes.clone(), p, er))
        });
    let mut out = Vec::new();
    let mut previous: BTreeMap<u32, u32> = BTreeMap::new();
    let mut previous_bloc: BTreeMap<u32, u32> = BTreeMap::new();
    let mut next_label = 0;
    for (i, (year, nodes, p, polarization)) in computed?.into_iter().enumerate() {
        let current: BTreeMap<u32, u32> = nodes.iter().copied().zip(p.bloc.iter().copied()).collect();
        let bloc_labels = match_labels(&previous, &current, p.count, &mut next_label);
        let labels: Vec<u32> = p.bloc.iter().map(|&b| bloc_labels[b as usize]).collect();
        let nmi_prev = (i > 0).then(|| {
            let common: Vec<(u32, u32)> =
                current.iter().filter_map(|(v, &b)| previous_bloc.get(v).map(|&pb| (pb, b))).collect();
            let (x, y): (Vec<u32>, Vec<u32>) = common.into_iter().unzip();
            nmi(&x, &y)
        });
        previous = nodes.iter().copied().zip(labels.iter().copied()).collect();
        previous_bloc = current;
        out.push(YearBlocs { year, nodes, labels, blocs: p.count, modularity: p.modularity, nmi_prev, polarization });
    }
    Ok(BlocTable { states: &graph.data.states, layer: request.layer, years: out })
}

impl<'g> BlocTable<'g> {
    /// The per-node table: `year,layer,ccode,abbr,bloc`.
    pub fn node_table(&self) -> BlocNodes<'_, 'g> {
        BlocNodes(self)
    }

    /// The per-year table: `year,layer,blocs,modularity,nmi_prev,polarization`.
    pub fn summary_table(&self) -> BlocSummary<'_, 'g> {
        BlocSummary(self)
    }
}

/// Rows `year,layer,ccode,abbr,bloc` of a [`BlocTable`].
#[derive(Debug, Clone, Copy)]
pub struct BlocNodes<'t, 'g>(&'t BlocTable<'g>);

impl Table for BlocNodes<'_, '_> {
    fn columns(&self) -> Vec<&'static str> {
        vec!["year", "layer", "ccode", "abbr", "bloc"]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> std::io::Result<()> {
        for y in &self.0.years {
            for (&v, &label) in y.nodes.iter().zip(&y.labels) {
                let st = self.0.states.state(v);
                sink.cell(Cell::Int(i64::from(y.year)))?;
                sink.cell(Cell::Text(self.0.layer.name()))?;
                sink.cell(Cell::Int(i64::from(st.id.0)))?;
                sink.cell(Cell::Text(&st.abbr))?;
                sink.cell(Cell::Int(i64::from(label)))?;
                sink.end_row()?;
            }
        }
        Ok(())
    }
}

/// Rows `year,layer,blocs,modularity,nmi_prev,polarization` of a [`BlocTable`] (`nmi_prev`
/// empty in the first year).
#[derive(Debug, Clone, Copy)]
pub struct BlocSummary<'t, 'g>(&'t BlocTable<'g>);

impl Table for BlocSummary<'_, '_> {
    fn columns(&self) -> Vec<&'static str> {
        vec!["year", "layer", "blocs", "modularity", "nmi_prev", "polarization"]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> std::io::Result<()> {
        for y in &self.0.years {
            sink.cell(Cell::Int(i64::from(y.year)))?;
            sink.cell(Cell::Text(self.0.layer.name()))?;
            sink.cell(Cell::Int(y.blocs as i64))?;
            sink.cell(Cell::Float(y.modularity))?;
            match y.nmi_prev {
                Some(v) => sink.cell(Cell::Float(v))?,
                None => sink.cell(Cell::Missing)?,
            }
            sink.cell(Cell::Float(y.polarization))?;
            sink.end_row()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testdata::KARATE_CLUB as KARATE;

    #[test]
    fn karate_club_reaches_the_known_optimum() {
        // The best modularity of the karate club is 0.4197896 (Brandes et al. 2008, 4 blocs).
        let p = blocs(34, &KARATE, 1.0, 0);
        assert!((p.modularity - 0.419_789_612_097_304_4).abs() < 1e-9, "{}", p.modularity);
        assert_eq!(p.count, 4);
        for seed in 0..100 {
            let q = blocs(34, &KARATE, 1.0, seed).modularity;
            assert!(q >= 0.415, "seed {seed}: Q = {q}");
        }
        assert_eq!(blocs(34, &KARATE, 1.0, 7), blocs(34, &KARATE, 1.0, 7), "deterministic");
    }

    #[test]
    fn two_cliques_joined_by_one_edge_split_in_two() {
        // K5 on 0..5 and K5 on 5..10 joined by 4–5: m = 21; each half has 10 edges inside and
        // degree sum 21, so Q = 2·(10/21 − (21/42)²) = 0.452381.
        let mut edges = Vec::new();
        for base in [0, 5] {
            for a in 0..5 {
                for b in a + 1..5 {
                    edges.push((base + a, base + b));
                }
            }
        }
        edges.push((4, 5));
        let p = blocs(10, &edges, 1.0, 1);
        assert_eq!(p.bloc, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
        assert!((p.modularity - (2.0 * (10.0 / 21.0 - 0.25))).abs() < 1e-12);
    }

    #[test]
    fn an_edgeless_graph_has_zero_modularity() {
        let p = blocs(4, &[], 1.0, 0);
        assert_eq!((p.count, p.modularity), (4, 0.0));
        assert_eq!(blocs(0, &[], 1.0, 0).count, 0);
    }

    #[test]
    fn nmi_and_polarization_on_known_partitions() {
        assert!((nmi(&[0, 0, 1, 1], &[1, 1, 0, 0]) - 1.0).abs() < 1e-12, "relabelling changes nothing");
        assert!(nmi(&[0, 0, 1, 1], &[0, 1, 0, 1]).abs() < 1e-12, "independent partitions");
        // Two blocs of 2 nodes, each a clique, no ties between: δ_ii = 0, δ_ij = 1, π = ½:
        // ER_1 = 2 · (½)² · ½ · 1 = 0.25.
        let er = esteban_ray(4, &[(0, 1), (2, 3)], &[0, 0, 1, 1], 1.0);
        assert!((er - 0.25).abs() < 1e-12, "{er}");
    }

    #[test]
    fn labels_follow_the_largest_overlap() {
        let prev: BTreeMap<u32, u32> = [(1, 7), (2, 7), (3, 9), (4, 9)].into();
        // This year: bloc 0 = {3, 4, 5}, bloc 1 = {1, 2}, bloc 2 = {6}.
        let cur: BTreeMap<u32, u32> = [(1, 1), (2, 1), (3, 0), (4, 0), (5, 0), (6, 2)].into();
        let mut next = 10;
        assert_eq!(match_labels(&prev, &cur, 3, &mut next), [9, 7, 10]);
        assert_eq!(next, 11);
    }
}
