//! Spectral centralities by power iteration: PageRank and eigenvector centrality, with
//! networkx 3's conventions.
//!
//! Place in the flow: csr → **spectral** → node table (pagerank, eigenvector).

use super::twins::Quotient;

/// PageRank's damping factor α (networkx's default, Brin & Page 1998).
pub const PAGERANK_ALPHA: f64 = 0.85;
/// Stopping rule of [`pagerank`]: the L1 change of one iteration below n × this.
pub const PAGERANK_TOL: f64 = 1e-15;
/// Stopping rule of [`eigenvector`]: the L1 change of one iteration below n × this (networkx's
/// `eigenvector_centrality(tol=1e-12)`).
pub const EIGENVECTOR_TOL: f64 = 1e-12;
/// Iteration cap of both methods; never reached on ATOP 4.01 (the slowest eigenvector snapshot
/// needs 933 iterations, PageRank about 200).
pub const MAX_ITER: usize = 100_000;

/// Scratch vectors of the power iterations, and the quotient flattened for tight loops.
#[derive(Debug, Clone, Default)]
pub struct SpectralScratch {
    x: Vec<f64>,
    last: Vec<f64>,
    /// `last[c] / degree(c)`, once per PageRank iteration.
    spread: Vec<f64>,
    inv_degree: Vec<f64>,
    size: Vec<f64>,
    offsets: Vec<usize>,
    targets: Vec<u32>,
    mult: Vec<f64>,
    dangling: Vec<u32>,
}

impl SpectralScratch {
    /// Copies the quotient's adjacency into flat arrays (targets, multiplicities as `f64`),
    /// so each iteration is one pass of multiply-adds. O(classes + quotient edges).
    fn load(&mut self, q: &Quotient) {
        let k = q.classes();
        self.offsets.clear();
        self.offsets.push(0);
        self.targets.clear();
        self.mult.clear();
        self.dangling.clear();
        self.size.clear();
        self.inv_degree.clear();
        for c in 0..k {
            for &(d, m) in q.neighbors(c) {
                self.targets.push(d);
                self.mult.push(f64::from(m));
            }
            self.offsets.push(self.targets.len());
            self.size.push(f64::from(q.size[c]));
            let deg = q.degree[c];
            self.inv_degree.push(if deg == 0 { 0.0 } else { 1.0 / f64::from(deg) });
            if deg == 0 {
                self.dangling.push(c as u32);
            }
        }
    }
}

/// PageRank of every node into `out` (resized to n): unweighted, α = [`PAGERANK_ALPHA`], uniform
/// teleport, the mass of dangling nodes (isolates) spread uniformly; the values sum to 1.
///
/// Definition: Brin & Page (1998); iteration as networkx 3's `pagerank`: from x = 1/n,
/// x ← α (xᵀ D⁻¹A + Σ_dangling x / n) + (1 − α)/n until ‖x − x_last‖₁ < n · [`PAGERANK_TOL`]
/// (converged: networkx's default tol = 1e-6 stops up to 2e-4 away). Twins have equal values
/// at every step, so the iteration runs on the [`Quotient`] (one value per class, sums weighted
/// by multiplicities), flattened by [`SpectralScratch`] into one multiply-add pass per
/// iteration. Each iteration is O(classes + quotient edges); the error shrinks by α per
/// iteration, so about 110 iterations (at most ~200) on ATOP 4.01.
pub fn pagerank(q: &Quotient, scratch: &mut SpectralScratch, out: &mut Vec<f64>) {
    let n = q.class.len();
    out.clear();
    if n == 0 {
        return;
    }
    scratch.load(q);
    let (nf, classes) = (n as f64, q.classes());
    let SpectralScratch { x, last, spread, inv_degree, size, offsets, targets, mult, dangling } = scratch;
    x.clear();
    x.resize(classes, 1.0 / nf);
    last.clear();
    last.resize(classes, 0.0);
    spread.clear();
    spread.resize(classes, 0.0);
    let teleport = (1.0 - PAGERANK_ALPHA) * (1.0 / nf);
    for _ in 0..MAX_ITER {
        std::mem::swap(last, x);
        let mass = dangling.iter().fold(0.0, |acc, &c| acc + size[c as usize] * last[c as usize]) * (1.0 / nf);
        for ((y, &l), &inv) in spread.iter_mut().zip(last.iter()).zip(inv_degree.iter()) {
            *y = l * inv;
        }
        let mut err = 0.0;
        for (c, xc) in x.iter_mut().enumerate() {
            let (a, b) = (offsets[c], offsets[c + 1]);
            let s = targets[a..b].iter().zip(&mult[a..b]).fold(0.0, |acc, (&d, &m)| acc + m * spread[d as usize]);
            *xc = PAGERANK_ALPHA * (s + mass) + teleport;
            err += size[c] * (*xc - last[c]).abs();
        }
        if err < nf * PAGERANK_TOL {
            break;
        }
    }
    out.extend(q.class.iter().map(|&c| x[c as usize]));
}

/// Eigenvector centrality of every node into `out` (resized to n), networkx 3's
/// `eigenvector_centrality(tol=1e-12)`: power iteration on A + I from the all-ones vector
/// (scaled to sum 1), each step normalised to unit Euclidean norm, until the L1 change is below
/// n × [`EIGENVECTOR_TOL`]. On a disconnected graph the components with the largest adjacency
/// eigenvalue carry the mass (others decay towards 0); without edges every node gets 1/√n.
///
/// Definition: Bonacich (1972); the shift by I makes the iteration converge on bipartite graphs.
/// The iterates are equal on twins, so the iteration runs on the [`Quotient`] (norm and change
/// weighted by class sizes): the same sequence as networkx's up to rounding. Each iteration is
/// O(classes + quotient edges); the count depends on the spectral gap, (λ₂ + 1)/(λ₁ + 1) per step.
pub fn eigenvector(q: &Quotient, scratch: &mut SpectralScratch, out: &mut Vec<f64>) {
    let n = q.class.len();
    out.clear();
    if n == 0 {
        return;
    }
    scratch.load(q);
    let (nf, classes) = (n as f64, q.classes());
    let SpectralScratch { x, last, size, offsets, targets, mult, .. } = scratch;
    x.clear();
    x.resize(classes, 1.0 / nf);
    last.clear();
    last.resize(classes, 0.0);
    for _ in 0..MAX_ITER {
        std::mem::swap(last, x);
        let mut sq = 0.0;
        for (c, xc) in x.iter_mut().enumerate() {
            let (a, b) = (offsets[c], offsets[c + 1]);
            let v = targets[a..b].iter().zip(&mult[a..b]).fold(last[c], |acc, (&d, &m)| acc + m * last[d as usize]);
            *xc = v;
            sq += size[c] * (v * v);
        }
        let norm = if sq == 0.0 { 1.0 } else { sq.sqrt() };
        let mut err = 0.0;
        for ((xc, &l), &k) in x.iter_mut().zip(last.iter()).zip(size.iter()) {
            *xc /= norm;
            err += k * (*xc - l).abs();
        }
        if err < nf * EIGENVECTOR_TOL {
            break;
        }
    }
    out.extend(q.class.iter().map(|&c| x[c as usize]));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::csr::Csr;
    use crate::analysis::twins::Twins;

    fn both(n: usize, edges: &[(u32, u32)]) -> (Vec<f64>, Vec<f64>) {
        let g = Csr::from_edges(n, edges);
        let mut twins = Twins::default();
        twins.compute(&g);
        let mut q = Quotient::default();
        q.compute(&g, &twins);
        let mut s = SpectralScratch::default();
        let (mut pr, mut ev) = (Vec::new(), Vec::new());
        pagerank(&q, &mut s, &mut pr);
        eigenvector(&q, &mut s, &mut ev);
        // Without the reduction (every node its own class) the values agree.
        let alone = Twins { rep: (0..n as u32).collect(), size: vec![1; n], ..Twins::default() };
        q.compute(&g, &alone);
        let (mut pr1, mut ev1) = (Vec::new(), Vec::new());
        pagerank(&q, &mut s, &mut pr1);
        eigenvector(&q, &mut s, &mut ev1);
        close(&pr, &pr1, 1e-15);
        close(&ev, &ev1, 1e-12);
        (pr, ev)
    }

    fn close(a: &[f64], b: &[f64], tol: f64) {
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).abs() < tol, "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn regular_graphs_are_uniform() {
        // Cycle C5 and K4 are regular: PageRank 1/n, eigenvector 1/√n.
        let (pr, ev) = both(5, &[(0, 1), (1, 2), (2, 3), (3, 4), (0, 4)]);
        close(&pr, &[0.2; 5], 1e-15);
        close(&ev, &[1.0 / 5f64.sqrt(); 5], 1e-12);
        let (pr, ev) = both(4, &[(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]);
        close(&pr, &[0.25; 4], 1e-15);
        close(&ev, &[0.5; 4], 1e-12);
    }

    #[test]
    fn star_in_closed_form() {
        // Star, centre 0, k = 4 leaves. PageRank: leaf x_l = 0.15/5 + 0.85 x_c / 4 and
        // x_c = 0.15/5 + 0.85 · 4 x_l; with x_c + 4 x_l = 1: x_c = (0.03 + 0.85) / (1 + 0.85)
        // = 0.88 / 1.85, x_l = (1 − x_c) / 4.
        // Eigenvector: λ₁ = √k = 2, Perron vector (√k, 1, 1, 1, 1) → (2, 1, 1, 1, 1) / √8.
        let (pr, ev) = both(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        let xc = 0.88 / 1.85;
        close(&pr, &[xc, (1.0 - xc) / 4.0, (1.0 - xc) / 4.0, (1.0 - xc) / 4.0, (1.0 - xc) / 4.0], 1e-14);
        let r8 = 8f64.sqrt();
        close(&ev, &[2.0 / r8, 1.0 / r8, 1.0 / r8, 1.0 / r8, 1.0 / r8], 1e-10);
    }

    #[test]
    fn isolates_and_edgeless_graphs() {
        // No edges: every node is dangling, PageRank 1/n; eigenvector 1/√n.
        let (pr, ev) = both(4, &[]);
        close(&pr, &[0.25; 4], 1e-15);
        close(&ev, &[0.5; 4], 1e-15);
        // An edge plus an isolate: the isolate holds c = 0.15 / (3 − 0.85) (its own teleport
        // plus its dangling share), the pair the rest equally. Eigenvector: the edge
        // (λ = 1) carries the mass, the isolate (λ = 0) decays as (1/2)^k → 0.
        let (pr, ev) = both(3, &[(0, 1)]);
        let c = 0.15 / (3.0 - 0.85);
        close(&pr, &[(1.0 - c) / 2.0, (1.0 - c) / 2.0, c], 1e-14);
        close(&ev, &[std::f64::consts::FRAC_1_SQRT_2, std::f64::consts::FRAC_1_SQRT_2, 0.0], 1e-11);
        let (pr, ev) = both(1, &[]);
        assert_eq!((pr, ev), (vec![1.0], vec![1.0]));
        assert_eq!(both(0, &[]), (vec![], vec![]));
    }
}
