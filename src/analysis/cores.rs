//! k-core numbers (networkx `core_number`).
//!
//! Place in the flow: csr → **cores** → node table (core). The core number of u is the largest k
//! such that u belongs to a subgraph where every node has degree ≥ k (Seidman 1983). Computed by
//! Batagelj & Zaveršnik's bucket algorithm, "An O(m) algorithm for cores decomposition of
//! networks" (2003): O(n + m) time, O(n) memory.

use super::csr::Csr;

/// Scratch space for [`core_numbers`].
#[derive(Debug, Clone, Default)]
pub struct CoreScratch {
    bin: Vec<u32>,
    pos: Vec<u32>,
    vert: Vec<u32>,
}

/// Core number of every node of `g` into `out` (resized to n; isolates get 0). O(n + m).
pub fn core_numbers(g: &Csr, scratch: &mut CoreScratch, out: &mut Vec<u32>) {
    let n = g.node_count();
    out.clear();
    out.extend((0..n).map(|u| g.degree(u) as u32));
    let max_deg = out.iter().copied().max().unwrap_or(0) as usize;
    let CoreScratch { bin, pos, vert } = scratch;
    // bin[d]: start of the nodes of current degree d in `vert` (counting sort by degree).
    bin.clear();
    bin.resize(max_deg + 1, 0);
    for &d in out.iter() {
        bin[d as usize] += 1;
    }
    let mut start = 0;
    for b in bin.iter_mut() {
        let count = *b;
        *b = start;
        start += count;
    }
    pos.clear();
    pos.resize(n, 0);
    vert.clear();
    vert.resize(n, 0);
    for u in 0..n {
        let d = out[u] as usize;
        pos[u] = bin[d];
        vert[bin[d] as usize] = u as u32;
        bin[d] += 1;
    }
    for d in (1..=max_deg).rev() {
        bin[d] = bin[d - 1];
    }
    if let Some(b) = bin.first_mut() {
        *b = 0;
    }
    // Peel nodes in order of current degree; a neighbour with a larger current degree moves one
    // bucket down (swapped with the first node of its bucket).
    for i in 0..n {
        let v = vert[i] as usize;
        for &u in g.neighbors(v) {
            let u = u as usize;
            if out[u] > out[v] {
                let du = out[u] as usize;
                let pu = pos[u] as usize;
                let pw = bin[du] as usize;
                let w = vert[pw] as usize;
                if u != w {
                    pos[u] = pw as u32;
                    vert[pu] = w as u32;
                    pos[w] = pu as u32;
                    vert[pw] = u as u32;
                }
                bin[du] += 1;
                out[u] -= 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cores(n: usize, edges: &[(u32, u32)]) -> Vec<u32> {
        let mut out = Vec::new();
        core_numbers(&Csr::from_edges(n, edges), &mut CoreScratch::default(), &mut out);
        out
    }

    #[test]
    fn closed_forms_and_a_mixed_graph() {
        // Complete K4: every node in the 3-core. Star: 1-core. Cycle: 2-core. Isolate: 0.
        assert_eq!(cores(4, &[(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]), [3; 4]);
        assert_eq!(cores(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]), [1; 5]);
        assert_eq!(cores(4, &[(0, 1), (1, 2), (2, 3), (0, 3)]), [2; 4]);
        // K4 on 0..4, a path 3-4-5-6 to a triangle 6-7-8, a leaf 10 on 5, isolate 9. Nodes 4 and 5
        // are in the 2-core: within 0..=8 every node has degree >= 2 (a core need not be
        // 2-connected); peeling the leaf first leaves 5 with degree 2.
        let e =
            [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3), (3, 4), (4, 5), (5, 6), (5, 10), (6, 7), (6, 8), (7, 8)];
        assert_eq!(cores(11, &e), [3, 3, 3, 3, 2, 2, 2, 2, 2, 0, 1]);
        assert!(cores(0, &[]).is_empty());
    }
}
