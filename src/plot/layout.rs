//! Node positions: a seeded force-directed layout that keeps each state in its place across
//! years, and two ring layouts.
//!
//! Stability: [`Layout::new`] lays out the *union graph* of every year of the timeline once
//! (layer `any`; an edge weighs 0.5 + ln(years the pair is tied)/4), so a state has one anchor
//! position for all years and layers. Each year's picture then starts from the anchors and runs a
//! short, cooled Fruchterman–Reingold pass on that year's ties with a spring back to the anchor
//! ([`Layout::refine`]): allies of the year move closer, but no state moves far, and two years
//! that differ by one tie give nearly the same picture.
//!
//! Fruchterman & Reingold (1991), "Graph drawing by force-directed placement": repulsion k²/d
//! between every pair, attraction w·d²/k along edges, displacement capped by a temperature that
//! cools linearly; plus a weak pull to the centre so that unconnected parts stay in the frame.
//! Cost O(iterations · (n² + m)). Positions are in the unit square [0, 1]².

use super::choice;
use super::style::Region;
use crate::graph::{AllianceGraph, Period, Snapshot, SnapshotBuilder, Timeline};
use crate::model::{DenseIndex, Layer, StateIndex};
use crate::rng::SplitMix64;
use std::collections::BTreeMap;

choice!(
    /// Where nodes go.
    LayoutKind, "layout", [
    /// Seeded Fruchterman–Reingold on the union of all years, refined per year.
    Force = "force",
    /// Every state of the data on one ring, in COW-code order (so grouped by region).
    Circle = "circle",
    /// One disc per COW region, the discs on a ring.
    Region = "region",
]);

/// A point of the unit square.
pub type Point = [f64; 2];

/// Parameters of one Fruchterman–Reingold run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ForceParams {
    /// Iterations.
    pub iterations: usize,
    /// Largest step of the first iteration (unit-square lengths); cools linearly to 0.
    pub temperature: f64,
    /// Ideal edge length k.
    pub k: f64,
    /// Pull toward the centre (or, with anchors, toward each node's anchor), per unit distance.
    pub gravity: f64,
}

impl ForceParams {
    /// The defaults for a fresh layout of `n` nodes: 300 iterations, temperature 0.1,
    /// k = 1.2/√n, gravity 3.
    pub fn fresh(n: usize) -> Self {
        let k = 1.2 / (n.max(1) as f64).sqrt();
        ForceParams { iterations: 300, temperature: 0.1, k, gravity: 3.0 }
    }
}

/// `n` points drawn uniformly from the unit square, from `seed` ([`SplitMix64`], so a seed means
/// the same positions with every crate version).
pub fn random_points(n: usize, seed: u64) -> Vec<Point> {
    let mut s = SplitMix64::new(seed);
    let mut unit = || (s.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    (0..n).map(|_| [unit(), unit()]).collect()
}

/// Runs Fruchterman–Reingold on `n` nodes with weighted `edges` (local indices) from `start`.
/// With `anchors`, each node is pulled toward its anchor instead of the centre.
pub fn fruchterman_reingold(
    edges: &[(u32, u32, f64)],
    start: &[Point],
    anchors: Option<&[Point]>,
    params: ForceParams,
) -> Vec<Point> {
    let n = start.len();
    let mut pos = start.to_vec();
    let mut disp = vec![[0.0f64; 2]; n];
    let k2 = params.k * params.k;
    for it in 0..params.iterations {
        let t = params.temperature * (1.0 - it as f64 / params.iterations as f64);
        disp.iter_mut().for_each(|d| *d = [0.0, 0.0]);
        for i in 0..n {
            let [xi, yi] = pos[i];
            let (mut fx, mut fy) = (0.0, 0.0);
            for (j, pj) in pos.iter().enumerate() {
                if j == i {
                    continue;
                }
                let (mut dx, mut dy) = (xi - pj[0], yi - pj[1]);
                let mut d2 = dx * dx + dy * dy;
                if d2 < 1e-12 {
                    // Coincident points: push apart along a fixed, index-dependent direction.
                    let a = (i * 7 + j * 13) as f64;
                    (dx, dy) = (a.cos() * 1e-4, a.sin() * 1e-4);
                    d2 = 1e-8;
                }
                let f = k2 / d2; // (k²/d) · (1/d) for the unit vector
                fx += dx * f;
                fy += dy * f;
            }
            let target = anchors.map_or([0.5, 0.5], |a| a[i]);
            fx += (target[0] - xi) * params.gravity;
            fy += (target[1] - yi) * params.gravity;
            disp[i] = [fx, fy];
        }
        for &(a, b, w) in edges {
            let (a, b) = (a as usize, b as usize);
            let (dx, dy) = (pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]);
            let d = (dx * dx + dy * dy).sqrt();
            let f = w * d / params.k; // (w·d²/k) · (1/d)
            disp[a][0] -= dx * f;
            disp[a][1] -= dy * f;
            disp[b][0] += dx * f;
            disp[b][1] += dy * f;
        }
        for (p, d) in pos.iter_mut().zip(&disp) {
            let len = (d[0] * d[0] + d[1] * d[1]).sqrt();
            if len > 0.0 {
                let step = len.min(t) / len;
                p[0] += d[0] * step;
                p[1] += d[1] * step;
            }
        }
    }
    pos
}

/// Pushes apart pairs of points closer than `min_dist` (half the overlap each, `rounds` passes),
/// so that dense clusters become discs instead of piles.
pub fn separate(points: &mut [Point], min_dist: f64, rounds: usize) {
    let n = points.len();
    for _ in 0..rounds {
        let mut moved = false;
        for i in 0..n {
            for j in i + 1..n {
                let (dx, dy) = (points[j][0] - points[i][0], points[j][1] - points[i][1]);
                let d = dx.hypot(dy);
                if d < min_dist {
                    let (ux, uy) = if d > 1e-12 {
                        (dx / d, dy / d)
                    } else {
                        let a = (i * 7 + j * 13) as f64;
                        (a.cos(), a.sin())
                    };
                    let push = (min_dist - d) / 2.0;
                    points[i][0] -= ux * push;
                    points[i][1] -= uy * push;
                    points[j][0] += ux * push;
                    points[j][1] += uy * push;
                    moved = true;
                }
            }
        }
        if !moved {
            break;
        }
    }
}

/// Rescales points so that their bounding box is the unit square (each axis on its own; a
/// single point or a flat axis goes to the middle).
pub fn fit_unit_square(points: &mut [Point]) {
    for axis in 0..2 {
        let lo = points.iter().map(|p| p[axis]).fold(f64::INFINITY, f64::min);
        let hi = points.iter().map(|p| p[axis]).fold(f64::NEG_INFINITY, f64::max);
        for p in points.iter_mut() {
            p[axis] = if hi - lo > 1e-12 { (p[axis] - lo) / (hi - lo) } else { 0.5 };
        }
    }
}

/// Smallest distance between two force-layout nodes (unit square): about a large node's
/// diameter at the default picture size.
pub const MIN_SEPARATION: f64 = 0.028;

/// Strength of the spring from a node to its anchor in [`Layout::refine`] (per unit distance).
pub const ANCHOR_SPRING: f64 = 5.0;

/// Anchor positions of every state that is a node in some year, stable across years and layers.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    kind: LayoutKind,
    /// Per dense index: its anchor, if the state is ever a node.
    anchor: Vec<Option<Point>>,
    /// Ideal edge length of the union layout (used by the yearly refinement).
    k: f64,
}

impl Layout {
    /// Lays out the union of every year of `timeline` (layer `any`) with `kind`; `seed` seeds the
    /// force layout's starting points.
    pub fn new(graph: &AllianceGraph, timeline: &Timeline, kind: LayoutKind, seed: u64) -> Self {
        let states = &graph.data.states;
        let mut present = vec![false; states.len()];
        let mut years_tied: BTreeMap<(DenseIndex, DenseIndex), u32> = BTreeMap::new();
        let mut builder = SnapshotBuilder::new(graph, timeline);
        let mut snap = Snapshot::default();
        for year in timeline.years() {
            if builder.build_into(Period::Year(year), Layer::Any, &mut snap).is_err() {
                continue;
            }
            for &v in &snap.nodes {
                present[v as usize] = true;
            }
            for e in &snap.edges {
                *years_tied.entry((e.a, e.b)).or_default() += 1;
            }
        }
        let nodes: Vec<DenseIndex> = (0..states.len() as DenseIndex).filter(|&v| present[v as usize]).collect();
        let edges: Vec<(DenseIndex, DenseIndex, f64)> =
            years_tied.into_iter().map(|((a, b), y)| (a, b, 0.5 + 0.25 * f64::from(y).ln())).collect();
        Layout::of_graph(states, &nodes, &edges, kind, seed)
    }

    /// Lays out the graph of `nodes` (sorted dense indices) and weighted `edges` (dense
    /// indices, both ends in `nodes`).
    pub fn of_graph(
        states: &StateIndex,
        nodes: &[DenseIndex],
        edges: &[(DenseIndex, DenseIndex, f64)],
        kind: LayoutKind,
        seed: u64,
    ) -> Self {
        let n = nodes.len();
        let params = ForceParams::fresh(n);
        let mut points = match kind {
            LayoutKind::Force => {
                let local = |v: DenseIndex| nodes.binary_search(&v).ok().map(|i| i as u32);
                let local_edges: Vec<(u32, u32, f64)> =
                    edges.iter().filter_map(|&(a, b, w)| Some((local(a)?, local(b)?, w))).collect();
                let mut p = fruchterman_reingold(&local_edges, &random_points(n, seed), None, params);
                fit_unit_square(&mut p);
                separate(&mut p, MIN_SEPARATION, 50);
                p
            }
            LayoutKind::Circle => (0..n)
                .map(|i| {
                    let a = std::f64::consts::TAU * i as f64 / n.max(1) as f64;
                    [0.5 + 0.5 * a.sin(), 0.5 - 0.5 * a.cos()]
                })
                .collect(),
            LayoutKind::Region => region_discs(states, nodes),
        };
        fit_unit_square(&mut points);
        let mut anchor = vec![None; states.len()];
        for (&v, p) in nodes.iter().zip(points) {
            anchor[v as usize] = Some(p);
        }
        Layout { kind, anchor, k: params.k }
    }

    /// The layout kind.
    pub fn kind(&self) -> LayoutKind {
        self.kind
    }

    /// The anchor of state `v` (`None` if it is never a node).
    pub fn anchor(&self, v: DenseIndex) -> Option<Point> {
        self.anchor.get(v as usize).copied().flatten()
    }

    /// Positions of `snap`'s nodes (in `snap.nodes` order), inside the unit square.
    ///
    /// Ring layouts return the anchors. The force layout starts from the anchors and runs 40
    /// cooled iterations (temperature 0.006, so no node moves more than 0.12) on the snapshot's ties (weight 1 + ln(alliances)),
    /// with a spring to the anchor, then clamps to the unit square. A node without an anchor
    /// (not seen when the layout was made) starts in the middle.
    pub fn refine(&self, snap: &Snapshot) -> Vec<Point> {
        let start: Vec<Point> = snap.nodes.iter().map(|&v| self.anchor(v).unwrap_or([0.5, 0.5])).collect();
        if self.kind != LayoutKind::Force {
            return start;
        }
        let edges: Vec<(u32, u32, f64)> = snap
            .edges
            .iter()
            .filter_map(|e| {
                Some((snap.local_index(e.a)? as u32, snap.local_index(e.b)? as u32, 1.0 + f64::from(e.weight).ln()))
            })
            .collect();
        let params = ForceParams { iterations: 40, temperature: 0.006, k: self.k, gravity: ANCHOR_SPRING };
        let mut pos = fruchterman_reingold(&edges, &start, Some(&start), params);
        separate(&mut pos, MIN_SEPARATION, 20);
        for p in &mut pos {
            p[0] = p[0].clamp(0.0, 1.0);
            p[1] = p[1].clamp(0.0, 1.0);
        }
        pos
    }
}

/// One sunflower disc per region (Vogel's spiral), the discs on a ring in COW-code order.
fn region_discs(states: &StateIndex, nodes: &[DenseIndex]) -> Vec<Point> {
    let region = |v: DenseIndex| Region::of(states.state(v).id);
    let mut groups: Vec<(Region, Vec<usize>)> = Vec::new();
    for (i, &v) in nodes.iter().enumerate() {
        match groups.last_mut() {
            Some((r, members)) if *r == region(v) => members.push(i),
            _ => groups.push((region(v), vec![i])),
        }
    }
    // Codes are sorted, so each region is one run; merge any repeats (e.g. `Other`).
    groups.sort_by_key(|(r, _)| *r);
    groups.dedup_by(|b, a| {
        if a.0 == b.0 {
            a.1.append(&mut b.1);
            true
        } else {
            false
        }
    });
    let largest = groups.iter().map(|(_, m)| m.len()).max().unwrap_or(1) as f64;
    let g = groups.len().max(1) as f64;
    let ring = if groups.len() > 1 { 0.34 } else { 0.0 };
    let disc = if groups.len() > 1 { (0.9 * ring * (std::f64::consts::PI / g).sin()).min(0.16) } else { 0.45 };
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let mut pos = vec![[0.5, 0.5]; nodes.len()];
    for (j, (_, members)) in groups.iter().enumerate() {
        let a = std::f64::consts::TAU * j as f64 / g;
        let centre = [0.5 + ring * a.sin(), 0.5 - ring * a.cos()];
        let c = disc / largest.sqrt();
        for (i, &node) in members.iter().enumerate() {
            let r = c * (i as f64 + 0.5).sqrt();
            let t = i as f64 * golden;
            pos[node] = [centre[0] + r * t.cos(), centre[1] + r * t.sin()];
        }
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spread(p: &[Point]) -> f64 {
        p.iter().map(|a| p.iter().map(|b| (a[0] - b[0]).hypot(a[1] - b[1])).sum::<f64>()).sum()
    }

    #[test]
    fn force_layout_is_deterministic_and_pulls_neighbours_together() {
        // Two triangles joined by one edge: 0-1-2-0, 3-4-5-3, 2-3.
        let e: Vec<(u32, u32, f64)> =
            [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)].iter().map(|&(a, b)| (a, b, 1.0)).collect();
        let start = random_points(6, 7);
        let a = fruchterman_reingold(&e, &start, None, ForceParams::fresh(6));
        let b = fruchterman_reingold(&e, &start, None, ForceParams::fresh(6));
        assert_eq!(a, b);
        let d = |i: usize, j: usize| (a[i][0] - a[j][0]).hypot(a[i][1] - a[j][1]);
        assert!(d(0, 1) < d(0, 4) && d(3, 4) < d(1, 5), "{a:?}");
        assert_ne!(random_points(6, 7), random_points(6, 8));
        assert!(spread(&a) > 0.0);
    }

    #[test]
    fn fitting_fills_the_unit_square() {
        let mut p = vec![[2.0, -1.0], [4.0, 3.0], [3.0, 1.0]];
        fit_unit_square(&mut p);
        assert_eq!(p, [[0.0, 0.0], [1.0, 1.0], [0.5, 0.5]]);
        let mut one = vec![[7.0, 7.0]];
        fit_unit_square(&mut one);
        assert_eq!(one, [[0.5, 0.5]]);
    }

    #[test]
    fn choices_parse() {
        assert_eq!("Region".parse::<LayoutKind>(), Ok(LayoutKind::Region));
        let err = "spring".parse::<LayoutKind>().unwrap_err().to_string();
        assert_eq!(err, "unknown layout \"spring\": expected one of force, circle, region");
    }
}
