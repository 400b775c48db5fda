//! Triangles, counted once per snapshot, and the clustering measures built on them: local
//! clustering, average clustering and transitivity.
//!
//! Place in the flow: csr → **clustering** → graph table (avg_clustering, transitivity) and node
//! table (clustering). Definitions as networkx 3 (`clustering`, `average_clustering`,
//! `transitivity`), after Watts & Strogatz (1998) and Newman, *Networks* (2018), §7.3: with
//! T(u) the triangles through u and d(u) its degree, C(u) = 2T(u) / (d(u)(d(u) − 1)) (0 when
//! T(u) = 0); transitivity = 3 × triangles / connected triples = Σ 2T(u) / Σ d(u)(d(u) − 1).
//! Both quotients are of exact integers, divided once, as networkx does.

use super::csr::Csr;

/// Triangles through every node of a graph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Triangles {
    /// `per_node[u]`: number of triangles containing u.
    pub per_node: Vec<u32>,
    mark: Vec<u32>,
}

impl Triangles {
    /// Counts the triangles of `g`, reusing the buffers. Each triangle u < v < w is found once,
    /// from u, by intersecting marks of u's neighbours with v's larger neighbours:
    /// O(Σ_u Σ_{v ∈ N(u), v > u} d(v)) ≤ O(m · d_max) time, O(n) memory.
    pub fn compute(&mut self, g: &Csr) {
        let n = g.node_count();
        self.per_node.clear();
        self.per_node.resize(n, 0);
        self.mark.clear();
        self.mark.resize(n, u32::MAX);
        for u in 0..n {
            let nu = g.neighbors(u);
            for &v in nu {
                self.mark[v as usize] = u as u32;
            }
            // Neighbour lists are sorted: only the part above u (then above v) can close u < v < w.
            let above_u = nu.partition_point(|&v| (v as usize) <= u);
            for &v in &nu[above_u..] {
                let nv = g.neighbors(v as usize);
                let above_v = nv.partition_point(|&w| w <= v);
                for &w in &nv[above_v..] {
                    if self.mark[w as usize] == u as u32 {
                        self.per_node[u] += 1;
                        self.per_node[v as usize] += 1;
                        self.per_node[w as usize] += 1;
                    }
                }
            }
        }
    }

    /// Local clustering of every node into `out` (resized to n): 2T(u) / (d(u)(d(u) − 1)),
    /// 0 when u is in no triangle. O(n).
    pub fn local_clustering(&self, g: &Csr, out: &mut Vec<f64>) {
        out.clear();
        out.extend(self.per_node.iter().enumerate().map(|(u, &t)| {
            if t == 0 {
                0.0
            } else {
                let d = g.degree(u) as u64;
                (2 * u64::from(t)) as f64 / (d * (d - 1)) as f64
            }
        }));
    }

    /// Transitivity: Σ 2T(u) / Σ d(u)(d(u) − 1), 0 without a triangle. O(n).
    pub fn transitivity(&self, g: &Csr) -> f64 {
        let closed: u64 = self.per_node.iter().map(|&t| 2 * u64::from(t)).sum();
        let triples: u64 = (0..g.node_count()).map(|u| g.degree(u) as u64).map(|d| d * d.saturating_sub(1)).sum();
        if closed == 0 {
            0.0
        } else {
            closed as f64 / triples as f64
        }
    }
}

/// Mean of the local clustering over all nodes, zeros included, summed in node order (as
/// networkx's `average_clustering`); 0 for an empty graph. O(n).
pub fn average_clustering(local: &[f64]) -> f64 {
    if local.is_empty() {
        0.0
    } else {
        local.iter().sum::<f64>() / local.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(n: usize, edges: &[(u32, u32)]) -> (Triangles, Vec<f64>, f64) {
        let g = Csr::from_edges(n, edges);
        let mut t = Triangles::default();
        t.compute(&g);
        let mut c = Vec::new();
        t.local_clustering(&g, &mut c);
        let tr = t.transitivity(&g);
        (t, c, tr)
    }

    #[test]
    fn complete_graph_k4_has_clustering_one() {
        // K4: 4 triangles, each node in 3; C(u) = 2·3 / (3·2) = 1; transitivity = 24 / 24 = 1.
        let (t, c, tr) = run(4, &[(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]);
        assert_eq!(t.per_node, [3, 3, 3, 3]);
        assert_eq!(c, [1.0; 4]);
        assert_eq!((tr, average_clustering(&c)), (1.0, 1.0));
    }

    #[test]
    fn star_path_and_cycle_have_no_triangles() {
        // Star with centre 0 and 4 leaves: 12 connected triples at the centre, no triangle.
        let (t, c, tr) = run(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        assert_eq!((t.per_node, c, tr), (vec![0; 5], vec![0.0; 5], 0.0));
        // Cycle C5: every node has 2 neighbours that are not adjacent.
        let (_, c, tr) = run(5, &[(0, 1), (1, 2), (2, 3), (3, 4), (0, 4)]);
        assert_eq!((c, tr), (vec![0.0; 5], 0.0));
        assert_eq!(average_clustering(&[]), 0.0);
    }

    #[test]
    fn counts_equal_every_triple_checked_on_random_graphs() {
        // Pseudo-random graphs (a linear congruential generator), dense and sparse: the forward
        // algorithm's per-node counts equal the brute-force count over all triples.
        let mut seed = 12345u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        };
        for (n, p) in [(30usize, 50u32), (60, 10), (45, 90)] {
            let mut edges = Vec::new();
            for a in 0..n as u32 {
                for b in a + 1..n as u32 {
                    if next() % 100 < p {
                        edges.push((a, b));
                    }
                }
            }
            let (t, ..) = run(n, &edges);
            let adjacent = |a: u32, b: u32| edges.binary_search(&(a.min(b), a.max(b))).is_ok();
            let mut brute = vec![0u32; n];
            for a in 0..n as u32 {
                for b in a + 1..n as u32 {
                    for c in b + 1..n as u32 {
                        if adjacent(a, b) && adjacent(b, c) && adjacent(a, c) {
                            for v in [a, b, c] {
                                brute[v as usize] += 1;
                            }
                        }
                    }
                }
            }
            assert_eq!(t.per_node, brute, "n = {n}, p = {p}%");
            assert!(brute.iter().sum::<u32>() > 0);
        }
    }

    #[test]
    fn a_triangle_with_a_tail() {
        // Triangle 0-1-2 plus the edge 2-3. T = [1, 1, 1, 0]; d = [2, 2, 3, 1].
        // C = [2/2, 2/2, 2/6, 0]; average = (1 + 1 + 1/3) / 4 = 7/12.
        // Transitivity = (2+2+2) / (2 + 2 + 6 + 0) = 6/10.
        let (t, c, tr) = run(4, &[(0, 1), (0, 2), (1, 2), (2, 3)]);
        assert_eq!(t.per_node, [1, 1, 1, 0]);
        assert_eq!(c, [1.0, 1.0, 1.0 / 3.0, 0.0]);
        assert!((average_clustering(&c) - 7.0 / 12.0).abs() < 1e-15);
        assert_eq!(tr, 0.6);
    }
}
