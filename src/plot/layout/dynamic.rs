//! The stable (dynamic) layout: one reference layout of all years, then each year's stress
//! layout anchored to it.
//!
//! Brandes & Mader (2011), "A quantitative comparison of stress-minimization approaches for
//! offline dynamic graph drawing", Graph Drawing 2011, LNCS 7034 (the method behind R
//! graphlayouts' `layout_as_dynamic`): the reference is a stress layout of the mean of the
//! yearly distance matrices (a pair counts in the years both states exist; inside a year,
//! unconnected pairs are one hop farther than the year's diameter); each year is then laid out
//! by stress majorization of its own distances, started from the reference and anchored to it
//! with weight α ([`super::stress::Anchors`]); each component is then polished without anchors,
//! a component of [`KEEP_ANCHORED_FROM`] states or more keeping as much of its anchored shape as
//! costs at most [`POLISH_TOLERANCE`] × the polished stress. A year's positions and frame depend only on the reference and on that year, so a
//! picture of one year equals the same year in any series of pictures.
//!
//! Only states with a tie in the year are laid out; isolates go to the band under the drawing.
//! Above [`super::DENSE_LIMIT`] states the reference is the sparse stress layout of the union
//! graph (every pair tied in some year) and the yearly layouts are sparse ([`super::sparse`]).
//! Cost: reference O(Y·n·(n + m) + sweeps·n²), each year O(n·(n + m) + sweeps·n²).

use super::graph::LocalGraph;
use super::mds::pivot_mds;
use super::sparse::{sparse_terms, SPARSE_PIVOTS};
use super::stress::{majorize, normalised_stress, Anchors, StressParams, Terms};

/// A component keeps its anchored shape, or as much of it (¾, ½, ¼ of the way from the
/// polished shape) as costs at most this factor of the stress of its polished (unanchored) shape.
pub const POLISH_TOLERANCE: f64 = 1.15;

/// Components of fewer states take their polished shape: they move little anyway, and a small
/// graph's stress is the one a reader checks by eye.
pub const KEEP_ANCHORED_FROM: usize = 30;

/// Sweeps of the reference layout: it is only the years' anchor, and more sweeps cost a
/// single picture of the full data a third of its time without changing any year's stress.
const REFERENCE_PARAMS: StressParams = StressParams { max_sweeps: 100, tolerance: 4e-3 };

/// Sweeps and tolerance of a year's anchored layout and of its large components' polish (a
/// hundredth of a hop: about half a pixel on the full data's pictures).
const YEAR_PARAMS: StressParams = StressParams { max_sweeps: 300, tolerance: 1e-2 };

/// Sweeps and tolerance that settle a component under [`KEEP_ANCHORED_FROM`] states fully (the
/// default tolerance stops a pendant state still turning slowly toward its best place).
const SMALL_POLISH: StressParams = StressParams { max_sweeps: 3000, tolerance: 1e-6 };

/// How far a year's frame reaches from the box of its own positions toward the box of its
/// states' reference places (0: its own box, 1: the reference box).
pub const FRAME_REACH: f64 = 0.25;
use super::{Point, DENSE_LIMIT};
use crate::error::QueryError;
use crate::graph::snapshot::map_years;
use crate::graph::{AllianceGraph, Snapshot, Timeline};
use crate::model::{DenseIndex, Layer};

/// Reference positions of every state that is a node in some year (per dense index).
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    points: Vec<Option<Point>>,
    dense: bool,
}

/// One year's nodes, local edges and hop distances (as u8, 255 = unconnected) of a small graph.
type YearDistances = (Vec<DenseIndex>, Vec<u8>);

/// One year's nodes, edges (dense indices) and, for a small graph, hop distances.
type YearGraph = (Vec<DenseIndex>, Vec<(DenseIndex, DenseIndex)>, Option<Vec<u8>>);

impl Reference {
    /// The reference layout of `layer` over every year of `timeline`.
    ///
    /// # Errors
    /// [`QueryError`] only if the timeline cannot build its own years.
    pub fn new(graph: &AllianceGraph, timeline: &Timeline, layer: Layer) -> Result<Self, QueryError> {
        let n_all = graph.data.states.len();
        let dense = n_all <= DENSE_LIMIT;
        // The union graph (for the start, and the whole reference of a large graph).
        let yearly: Vec<YearGraph> =
            map_years(graph, timeline, timeline.years(), layer, |_: &mut (), _, snap: &Snapshot| {
                let edges: Vec<(DenseIndex, DenseIndex)> = snap.edges.iter().map(|e| (e.a, e.b)).collect();
                let dist = dense.then(|| year_distances(snap).1);
                Ok::<_, QueryError>((snap.nodes.clone(), edges, dist))
            })?;
        let mut present = vec![false; n_all];
        let mut union_edges = Vec::new();
        for (nodes, edges, _) in &yearly {
            nodes.iter().for_each(|&v| present[v as usize] = true);
            union_edges.extend(edges.iter().copied());
        }
        let all: Vec<DenseIndex> = (0..n_all as DenseIndex).filter(|&v| present[v as usize]).collect();
        let local = |v: DenseIndex| all.binary_search(&v).ok().map(|i| i as u32);
        let local_edges: Vec<(u32, u32)> =
            union_edges.iter().filter_map(|&(a, b)| Some((local(a)?, local(b)?))).collect();
        let union = LocalGraph::new(all.len(), &local_edges);
        let n = all.len();
        let mut pos = pivot_mds(&union);
        let terms = if dense {
            // Mean of the yearly distances, summed in year order.
            let mut sum = vec![0.0f64; n * n];
            let mut count = vec![0u16; n * n];
            for (nodes, _, dist) in &yearly {
                let Some(dist) = dist else { continue };
                let ids: Vec<usize> = nodes.iter().filter_map(|&v| local(v)).map(|i| i as usize).collect();
                let k = ids.len();
                for (a, &ia) in ids.iter().enumerate() {
                    for (b, &ib) in ids.iter().enumerate() {
                        sum[ia * n + ib] += f64::from(dist[a * k + b]);
                        count[ia * n + ib] += 1;
                    }
                }
            }
            let d: Vec<f64> =
                sum.iter().zip(&count).map(|(&s, &c)| if c > 0 { s / f64::from(c) } else { f64::INFINITY }).collect();
            Terms::full(&d, n)
        } else {
            sparse_terms(&union, SPARSE_PIVOTS)
        };
        majorize(&terms, &mut pos, None, REFERENCE_PARAMS);
        let mut points = vec![None; n_all];
        for (&v, p) in all.iter().zip(pos) {
            points[v as usize] = Some(p);
        }
        Ok(Reference { points, dense })
    }

    /// The reference position of state `v`.
    pub fn point(&self, v: DenseIndex) -> Option<Point> {
        self.points.get(v as usize).copied().flatten()
    }

    /// The frame of `snap` with the year's positions `points` ([`Reference::year`], components
    /// gathered): the box of the points, reaching [`FRAME_REACH`] of the way toward the box of
    /// the reference places of the states of `main` (local indices: the largest component).
    /// Tight (sparse years fill the picture), while the reference part damps the jumps of a
    /// box that follows single states from year to year; it depends on the year alone, like
    /// the points. Only the largest component's reference places count: the others were
    /// gathered away from theirs.
    pub fn frame(&self, snap: &Snapshot, points: &[Option<Point>], main: &[u32]) -> Option<(Point, Point)> {
        let own: Vec<Point> = points.iter().flatten().copied().collect();
        let refs: Vec<Point> = main
            .iter()
            .filter(|&&i| points.get(i as usize).is_some_and(Option::is_some))
            .filter_map(|&i| self.point(*snap.nodes.get(i as usize)?))
            .collect();
        if own.is_empty() || refs.is_empty() {
            return None;
        }
        let ((olo, ohi), (rlo, rhi)) = (super::pack::bounds(&own), super::pack::bounds(&refs));
        let reach = |o: f64, r: f64| o + FRAME_REACH * (r - o);
        Some(([reach(olo[0], rlo[0]), reach(olo[1], rlo[1])], [reach(ohi[0], rhi[0]), reach(ohi[1], rhi[1])]))
    }

    /// The year's positions of `snap`'s nodes (snapshot order): `None` for an isolate. Stress
    /// of the year's graph, started from the reference and anchored to it with weight `alpha`.
    pub fn year(&self, snap: &Snapshot, alpha: f64) -> Vec<Option<Point>> {
        let n = snap.nodes.len();
        let mut degree = vec![0u32; n];
        let mut edges = Vec::with_capacity(snap.edges.len());
        for e in &snap.edges {
            if let (Some(a), Some(b)) = (snap.local_index(e.a), snap.local_index(e.b)) {
                degree[a] += 1;
                degree[b] += 1;
                edges.push((a, b));
            }
        }
        let active: Vec<usize> = (0..n).filter(|&i| degree[i] > 0).collect();
        let mut slot = vec![u32::MAX; n];
        for (k, &i) in active.iter().enumerate() {
            slot[i] = k as u32;
        }
        let local_edges: Vec<(u32, u32)> = edges.iter().map(|&(a, b)| (slot[a], slot[b])).collect();
        let g = LocalGraph::new(active.len(), &local_edges);
        let reference: Vec<Point> = active.iter().map(|&i| self.point(snap.nodes[i]).unwrap_or([0.0, 0.0])).collect();
        let mut pos = reference.clone();
        let terms =
            if self.dense { Terms::full(&connected_distances(&g), g.len()) } else { sparse_terms(&g, SPARSE_PIVOTS) };
        // Strongly anchored first (the year settles near its reference shape), then with the
        // chosen weight; finally turned and scaled onto the reference, which costs no stress.
        let settle = StressParams { max_sweeps: 30, ..StressParams::default() };
        majorize(&terms, &mut pos, Some(Anchors { points: &reference, alpha: alpha.max(0.5) }), settle);
        majorize(&terms, &mut pos, Some(Anchors { points: &reference, alpha }), YEAR_PARAMS);
        polish_components(&g, &mut pos, self.dense);
        align(&mut pos, &reference);
        let mut out = vec![None; n];
        for (&i, p) in active.iter().zip(pos) {
            out[i] = Some(p);
        }
        out
    }
}

/// Majorizes each connected component of `g` on its own distances only, without anchors, from
/// `pos`: the anchoring and the pulls between components bend a component a little; this
/// settles each one in the nearest shape of least stress, where it was.
fn polish_components(g: &LocalGraph, pos: &mut [Point], dense: bool) {
    for comp in g.components() {
        if comp.len() < 3 {
            continue;
        }
        let sub = g.induced(&comp);
        let anchored: Vec<Point> = comp.iter().map(|&v| pos[v as usize]).collect();
        let mut local = anchored.clone();
        let full = dense && sub.len() <= DENSE_LIMIT;
        let d = full.then(|| sub.all_pairs());
        let terms = match &d {
            Some(d) => Terms::full(d, sub.len()),
            None => sparse_terms(&sub, SPARSE_PIVOTS),
        };
        // A small component is cheap to settle fully: its stress is the one checked by eye.
        let params = if sub.len() < KEEP_ANCHORED_FROM { SMALL_POLISH } else { YEAR_PARAMS };
        majorize(&terms, &mut local, None, params);
        if let Some(d) = d.as_ref().filter(|_| sub.len() >= KEEP_ANCHORED_FROM) {
            // Keep as much of the anchored shape as costs at most POLISH_TOLERANCE × the
            // polished stress: stable where that is cheap, the polished shape where it is not.
            let limit = POLISH_TOLERANCE * normalised_stress(d, &local);
            for t in [1.0, 0.75, 0.5, 0.25] {
                let mixed: Vec<Point> = local
                    .iter()
                    .zip(&anchored)
                    .map(|(p, a)| [p[0] + t * (a[0] - p[0]), p[1] + t * (a[1] - p[1])])
                    .collect();
                if normalised_stress(d, &mixed) <= limit {
                    local = mixed;
                    break;
                }
            }
        }
        for (&v, p) in comp.iter().zip(local) {
            pos[v as usize] = p;
        }
    }
}

/// Moves `pos` by the similarity transform (rotation, uniform scale, translation; no
/// reflection) that brings it closest to `target` in least squares (2-D Procrustes analysis,
/// Gower 1975). Normalised stress does not change.
pub fn align(pos: &mut [Point], target: &[Point]) {
    let n = pos.len().min(target.len());
    if n < 2 {
        return;
    }
    let mean = |p: &[Point]| {
        let (sx, sy) = p.iter().take(n).fold((0.0, 0.0), |(x, y), q| (x + q[0], y + q[1]));
        [sx / n as f64, sy / n as f64]
    };
    let (mp, mt) = (mean(pos), mean(target));
    let (mut a, mut b, mut norm) = (0.0, 0.0, 0.0);
    for (p, t) in pos.iter().zip(target) {
        let (x, y) = (p[0] - mp[0], p[1] - mp[1]);
        let (u, v) = (t[0] - mt[0], t[1] - mt[1]);
        a += x * u + y * v;
        b += x * v - y * u;
        norm += x * x + y * y;
    }
    if norm <= 1e-12 {
        return;
    }
    // The best rotation is atan2(b, a); the best scale (a cos + b sin) / norm = √(a² + b²) / norm.
    let r = (a * a + b * b).sqrt();
    if r <= 1e-12 {
        return;
    }
    let (c, s) = (a / r, b / r);
    let scale = r / norm;
    for p in pos.iter_mut() {
        let (x, y) = (p[0] - mp[0], p[1] - mp[1]);
        *p = [mt[0] + scale * (c * x - s * y), mt[1] + scale * (s * x + c * y)];
    }
}

/// All-pairs hop distances of `g` with unconnected pairs one hop beyond the largest distance.
pub fn connected_distances(g: &LocalGraph) -> Vec<f64> {
    let mut d = g.all_pairs();
    let far = d.iter().copied().filter(|x| x.is_finite()).fold(0.0, f64::max);
    d.iter_mut().filter(|x| x.is_infinite()).for_each(|x| *x = far + 1.0);
    d
}

/// A year's nodes and their hop distances (u8, capped at 255), unconnected pairs one hop
/// beyond the year's largest distance.
fn year_distances(snap: &Snapshot) -> YearDistances {
    let edges: Vec<(u32, u32)> = snap
        .edges
        .iter()
        .filter_map(|e| Some((snap.local_index(e.a)? as u32, snap.local_index(e.b)? as u32)))
        .collect();
    let g = LocalGraph::new(snap.nodes.len(), &edges);
    let d = connected_distances(&g);
    (snap.nodes.clone(), d.iter().map(|&x| x.min(255.0) as u8).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alignment_undoes_a_rotation_scale_and_shift() {
        // A triangle turned by 90°, doubled and shifted comes back exactly.
        let target = [[0.0, 0.0], [1.0, 0.0], [0.0, 2.0]];
        let mut pos = [[5.0, 5.0], [5.0, 7.0], [1.0, 5.0]];
        align(&mut pos, &target);
        for (p, t) in pos.iter().zip(&target) {
            assert!((p[0] - t[0]).abs() < 1e-9 && (p[1] - t[1]).abs() < 1e-9, "{pos:?}");
        }
    }
}
