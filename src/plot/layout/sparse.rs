//! Sparse stress for large graphs: each node keeps its neighbours and a few pivots as terms.
//!
//! Ortmann, Klimenta & Brandes (2016), "A sparse stress model", Graph Drawing 2016, LNCS 9801:
//! k pivots (max–min, [`super::mds::pivots`]) split the nodes into regions (nearest pivot); node
//! i keeps a term to each neighbour (d = 1, w = 1) and to each pivot p that is not a
//! neighbour, with d = d(i, p) and weight s/d², where s counts the nodes of p's region within
//! d(i, p)/2 of p — the pivot stands for them. Cost per sweep O(n·(deg + k)) instead of O(n²);
//! setup O(k·(n + m)).

use super::graph::LocalGraph;
use super::mds::pivots;
use super::stress::Terms;

/// Number of pivots of a sparse layout.
pub const SPARSE_PIVOTS: usize = 100;

/// The sparse stress terms of `g` with up to `k` pivots. Pairs in different components get no
/// term.
pub fn sparse_terms(g: &LocalGraph, k: usize) -> Terms {
    let n = g.len();
    let (piv, rows) = pivots(g, k);
    // A node's pivot distances as computed treat unreachable nodes as one hop beyond the
    // farthest; recompute reachability from the component ids.
    let comps = g.components();
    let mut comp = vec![0usize; n];
    for (c, nodes) in comps.iter().enumerate() {
        for &v in nodes {
            comp[v as usize] = c;
        }
    }
    // Regions: each node belongs to its nearest pivot (first pivot on ties).
    let mut region_dists: Vec<Vec<f64>> = vec![Vec::new(); piv.len()];
    for v in 0..n {
        let mut best = (f64::INFINITY, usize::MAX);
        for (p, row) in rows.iter().enumerate() {
            if comp[piv[p]] == comp[v] && row[v] < best.0 {
                best = (row[v], p);
            }
        }
        if let Some(list) = region_dists.get_mut(best.1) {
            list.push(best.0);
        }
    }
    region_dists.iter_mut().for_each(|l| l.sort_by(f64::total_cmp));
    let mut terms = Terms::with_capacity(n, n * (k + 4));
    for v in 0..n {
        let nb = g.neighbors(v);
        for &w in nb {
            terms.push(w, 1.0, 1.0);
        }
        for (p, row) in rows.iter().enumerate() {
            let pv = piv[p];
            if pv == v || comp[pv] != comp[v] || nb.binary_search(&(pv as u32)).is_ok() {
                continue;
            }
            let d = row[v];
            let s = region_dists[p].partition_point(|&x| x <= d / 2.0).max(1);
            terms.push(pv as u32, d, s as f64 / (d * d));
        }
        terms.end_node();
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::super::mds::pivot_mds;
    use super::super::stress::{majorize, normalised_stress, StressParams};
    use super::*;

    #[test]
    fn sparse_stress_is_close_to_full_stress_on_a_grid() {
        // A 12 × 12 grid with 12 pivots: the sparse model must land within 1.5× of the full
        // model's stress (both start from the same pivot MDS).
        let side = 12u32;
        let mut edges = Vec::new();
        for r in 0..side {
            for c in 0..side {
                let v = r * side + c;
                if c + 1 < side {
                    edges.push((v, v + 1));
                }
                if r + 1 < side {
                    edges.push((v, v + side));
                }
            }
        }
        let g = LocalGraph::new((side * side) as usize, &edges);
        let d = g.all_pairs();
        let n = g.len();
        let mut full = pivot_mds(&g);
        let mut sparse = full.clone();
        majorize(&Terms::full(&d, n), &mut full, None, StressParams::default());
        majorize(&sparse_terms(&g, 12), &mut sparse, None, StressParams::default());
        let (f, s) = (normalised_stress(&d, &full), normalised_stress(&d, &sparse));
        assert!(s < 1.5 * f + 1e-3, "sparse {s} vs full {f}");
    }
}
