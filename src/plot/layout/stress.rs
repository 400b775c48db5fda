//! Stress majorization: node distances in the drawing made to match graph distances.
//!
//! Gansner, Koren & North (2004), "Graph drawing by stress majorization", Graph Drawing 2004,
//! LNCS 3383: minimise Σ w_ij (‖x_i − x_j‖ − d_ij)² with w_ij = d_ij⁻² by the localized
//! majorization update x_i ← Σ_j w_ij (x_j + d_ij (x_i − x_j)/‖x_i − x_j‖) / Σ_j w_ij, applied
//! node after node in index order (deterministic). With anchors (Brandes & Mader 2011, see
//! [`super::dynamic`]) each update is blended with the node's reference position:
//! x_i ← (1 − α)·update + α·r_i.
//!
//! The terms of each node are a list, so the same loop serves full stress (every pair of a
//! component, O(n²) per sweep, [`Terms::full`]) and sparse stress (neighbours and pivots,
//! O(n·(deg + k)) per sweep, [`super::sparse`]).

use super::Point;

/// The stress terms of every node: for node i, pairs (j, d_ij, w_ij), in compressed rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Terms {
    start: Vec<usize>,
    other: Vec<u32>,
    target: Vec<f64>,
    weight: Vec<f64>,
}

impl Terms {
    /// Starts an empty term list; add each node's terms with [`Terms::push`] then close the node
    /// with [`Terms::end_node`].
    pub fn with_capacity(n: usize, terms: usize) -> Self {
        let mut start = Vec::with_capacity(n + 1);
        start.push(0);
        Terms {
            start,
            other: Vec::with_capacity(terms),
            target: Vec::with_capacity(terms),
            weight: Vec::with_capacity(terms),
        }
    }

    /// Adds a term of the current node: distance `d` (> 0) to node `j`, weight `w`.
    pub fn push(&mut self, j: u32, d: f64, w: f64) {
        self.other.push(j);
        self.target.push(d);
        self.weight.push(w);
    }

    /// Closes the current node's terms.
    pub fn end_node(&mut self) {
        self.start.push(self.other.len());
    }

    /// Every pair of a dense row-major `n × n` distance matrix with a finite, positive
    /// distance, weighted d⁻².
    pub fn full(d: &[f64], n: usize) -> Self {
        let mut t = Terms::with_capacity(n, n * n.saturating_sub(1));
        for i in 0..n {
            for j in 0..n {
                let dij = d[i * n + j];
                if j != i && dij.is_finite() && dij > 0.0 {
                    t.push(j as u32, dij, 1.0 / (dij * dij));
                }
            }
            t.end_node();
        }
        t
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    /// Whether there is no node.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// When majorization stops.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StressParams {
    /// Most sweeps. Default: 300.
    pub max_sweeps: usize,
    /// Stop when no node moved more than this (in hops) during a sweep. Default: 0.004.
    pub tolerance: f64,
}

impl Default for StressParams {
    fn default() -> Self {
        StressParams { max_sweeps: 300, tolerance: 4e-3 }
    }
}

/// Reference positions and the anchoring weight α ∈ [0, 1) of a dynamic layout.
#[derive(Debug, Clone, Copy)]
pub struct Anchors<'a> {
    /// One per node.
    pub points: &'a [Point],
    /// Share of the reference position in each update.
    pub alpha: f64,
}

/// Runs the localized majorization on `pos` (one point per node of `terms`) until it settles.
pub fn majorize(terms: &Terms, pos: &mut [Point], anchors: Option<Anchors<'_>>, params: StressParams) {
    let n = terms.len().min(pos.len());
    for _ in 0..params.max_sweeps {
        // The largest move of the sweep, squared (one square root per sweep, not a `hypot` per
        // node).
        let mut moved_sq: f64 = 0.0;
        for i in 0..n {
            let (lo, hi) = (terms.start[i], terms.start[i + 1]);
            let [xi, yi] = pos[i];
            let (mut sx, mut sy, mut sw) = (0.0, 0.0, 0.0);
            for t in lo..hi {
                let j = terms.other[t] as usize;
                let (d, w) = (terms.target[t], terms.weight[t]);
                let [xj, yj] = pos[j];
                let (mut dx, mut dy) = (xi - xj, yi - yj);
                let mut e = (dx * dx + dy * dy).sqrt();
                if e < 1e-9 {
                    // Coincident: a fixed, pair-dependent direction.
                    let a = (i * 7 + j * 13) as f64;
                    (dx, dy, e) = (a.cos(), a.sin(), 1.0);
                }
                sx += w * (xj + d * dx / e);
                sy += w * (yj + d * dy / e);
                sw += w;
            }
            if sw <= 0.0 {
                continue;
            }
            let mut next = [sx / sw, sy / sw];
            if let Some(a) = anchors {
                if let Some(r) = a.points.get(i) {
                    next = [(1.0 - a.alpha) * next[0] + a.alpha * r[0], (1.0 - a.alpha) * next[1] + a.alpha * r[1]];
                }
            }
            let (mx, my) = (next[0] - xi, next[1] - yi);
            moved_sq = moved_sq.max(mx * mx + my * my);
            pos[i] = next;
        }
        if moved_sq.sqrt() < params.tolerance {
            break;
        }
    }
}

/// Normalised stress of `pos` against a dense distance matrix after optimal scaling, pairs
/// weighted d⁻² (the figure `picture_check.py` reports): Σ ((s·e − d)/d)² / pairs.
pub fn normalised_stress(d: &[f64], pos: &[Point]) -> f64 {
    let n = pos.len();
    let (mut num, mut den, mut pairs) = (0.0, 0.0, 0usize);
    for i in 0..n {
        for j in i + 1..n {
            let dij = d[i * n + j];
            if dij.is_finite() && dij > 0.0 {
                let e = (pos[i][0] - pos[j][0]).hypot(pos[i][1] - pos[j][1]);
                num += e / dij;
                den += e * e / (dij * dij);
                pairs += 1;
            }
        }
    }
    if pairs == 0 || den <= 0.0 {
        return 0.0;
    }
    let s = num / den;
    let mut total = 0.0;
    for i in 0..n {
        for j in i + 1..n {
            let dij = d[i * n + j];
            if dij.is_finite() && dij > 0.0 {
                let e = (pos[i][0] - pos[j][0]).hypot(pos[i][1] - pos[j][1]);
                total += ((s * e - dij) / dij).powi(2);
            }
        }
    }
    total / pairs as f64
}

#[cfg(test)]
mod tests {
    use super::super::graph::LocalGraph;
    use super::super::mds::pivot_mds;
    use super::*;

    #[test]
    fn a_cycle_becomes_a_regular_polygon() {
        // C6 drawn as a regular hexagon with unit sides: opposite nodes 2 apart (d = 3) — the
        // best compromise; stress far below a random start's.
        let g = LocalGraph::new(6, &[(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 0)]);
        let d = g.all_pairs();
        let mut pos: Vec<Point> = (0..6).map(|i| [(i * 37 % 11) as f64, (i * 17 % 7) as f64]).collect();
        let before = normalised_stress(&d, &pos);
        majorize(&Terms::full(&d, 6), &mut pos, None, StressParams::default());
        let after = normalised_stress(&d, &pos);
        assert!(after < 0.02 && after < before / 5.0, "{before} -> {after}");
        let side = |i: usize, j: usize| (pos[i][0] - pos[j][0]).hypot(pos[i][1] - pos[j][1]);
        let sides: Vec<f64> = (0..6).map(|i| side(i, (i + 1) % 6)).collect();
        let (lo, hi) = sides.iter().fold((f64::MAX, 0.0f64), |(l, h), &s| (l.min(s), h.max(s)));
        assert!(hi / lo < 1.05, "{sides:?}");
    }

    #[test]
    fn a_path_from_mds_is_already_optimal() {
        let g = LocalGraph::new(4, &[(0, 1), (1, 2), (2, 3)]);
        let d = g.all_pairs();
        let mut pos = pivot_mds(&g);
        majorize(&Terms::full(&d, 4), &mut pos, None, StressParams::default());
        assert!(normalised_stress(&d, &pos) < 1e-9);
    }

    #[test]
    fn full_anchoring_keeps_the_reference() {
        let d = vec![0.0, 1.0, 1.0, 0.0];
        let reference = [[0.0, 0.0], [5.0, 0.0]];
        let mut pos = reference.to_vec();
        let anchors = Anchors { points: &reference, alpha: 0.999_999 };
        majorize(&Terms::full(&d, 2), &mut pos, Some(anchors), StressParams::default());
        assert!((pos[1][0] - 5.0).abs() < 1e-3, "{pos:?}");
        let mut free = reference.to_vec();
        majorize(&Terms::full(&d, 2), &mut free, None, StressParams::default());
        assert!(((free[1][0] - free[0][0]).abs() - 1.0).abs() < 1e-3, "{free:?}");
    }
}
