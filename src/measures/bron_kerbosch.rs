//! Maximal cliques by Bron–Kerbosch with pivoting, on bitsets.
//!
//! Bron & Kerbosch (1973), "Algorithm 457: finding all cliques of an undirected graph", with the
//! pivot of Tomita, Tanaka & Takahashi (2006), "The worst-case time complexity for generating
//! all maximal cliques and computational experiments": at each step the pivot `u` of `P ∪ X`
//! with the most neighbours in `P` is chosen and only the candidates outside `N(u)` are
//! branched on. Worst case O(3^(n/3)), which is optimal: a graph of n nodes can have 3^(n/3)
//! maximal cliques (Moon & Moser 1965), so callers bound the number they keep
//! ([`for_each_maximal_clique`] stops when told to). Sets are `u64` bitsets of the node indices,
//! so one step costs O(n/64) words; nothing is stored but the current clique.

use std::ops::ControlFlow;

/// An undirected graph's adjacency as one bitset row per node.
#[derive(Debug, Clone, Default)]
pub struct Adjacency {
    nodes: usize,
    words: usize,
    rows: Vec<u64>,
}

impl Adjacency {
    /// The graph of `nodes` nodes (0..nodes) and the undirected `edges` (self-loops ignored;
    /// an edge with an end past the nodes is ignored).
    pub fn new(nodes: usize, edges: impl IntoIterator<Item = (usize, usize)>) -> Self {
        let words = nodes.div_ceil(64);
        let mut rows = vec![0u64; nodes * words];
        for (a, b) in edges {
            if a != b && a < nodes && b < nodes {
                rows[a * words + b / 64] |= 1 << (b % 64);
                rows[b * words + a / 64] |= 1 << (a % 64);
            }
        }
        Adjacency { nodes, words, rows }
    }

    fn row(&self, v: usize) -> &[u64] {
        &self.rows[v * self.words..(v + 1) * self.words]
    }
}

/// Calls `visit` with every maximal clique of `graph` (its nodes ascending), until `visit`
/// returns [`ControlFlow::Break`]; returns that `Break`, or `Continue` when every clique was
/// visited. Isolated nodes are cliques of one.
pub fn for_each_maximal_clique(
    graph: &Adjacency,
    visit: &mut dyn FnMut(&[usize]) -> ControlFlow<()>,
) -> ControlFlow<()> {
    if graph.nodes == 0 {
        return ControlFlow::Continue(());
    }
    let mut p = vec![0u64; graph.words];
    for v in 0..graph.nodes {
        p[v / 64] |= 1 << (v % 64);
    }
    let x = vec![0u64; graph.words];
    let mut clique = Vec::new();
    expand(graph, &mut clique, p, x, visit)
}

/// The nodes of a bitset, ascending.
fn members(set: &[u64]) -> impl Iterator<Item = usize> + '_ {
    set.iter().enumerate().flat_map(|(w, &word)| {
        let mut bits = word;
        std::iter::from_fn(move || {
            (bits != 0).then(|| {
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                w * 64 + b
            })
        })
    })
}

fn count_and(a: &[u64], b: &[u64]) -> u32 {
    a.iter().zip(b).map(|(x, y)| (x & y).count_ones()).sum()
}

/// One Bron–Kerbosch step: `clique` = R, `p` = P (candidates), `x` = X (excluded).
fn expand(
    graph: &Adjacency,
    clique: &mut Vec<usize>,
    mut p: Vec<u64>,
    mut x: Vec<u64>,
    visit: &mut dyn FnMut(&[usize]) -> ControlFlow<()>,
) -> ControlFlow<()> {
    if p.iter().all(|&w| w == 0) {
        if x.iter().all(|&w| w == 0) {
            let mut sorted = clique.clone();
            sorted.sort_unstable();
            return visit(&sorted);
        }
        return ControlFlow::Continue(());
    }
    // The pivot: the node of P ∪ X with the most neighbours in P (Tomita et al.).
    let Some(pivot) =
        members(&p).chain(members(&x)).max_by_key(|&u| (count_and(&p, graph.row(u)), std::cmp::Reverse(u)))
    else {
        return ControlFlow::Continue(());
    };
    let outside_pivot: Vec<u64> = p.iter().zip(graph.row(pivot)).map(|(&a, &n)| a & !n).collect();
    let candidates: Vec<usize> = members(&outside_pivot).collect();
    for v in candidates {
        let n = graph.row(v);
        let p_next: Vec<u64> = p.iter().zip(n).map(|(a, b)| a & b).collect();
        let x_next: Vec<u64> = x.iter().zip(n).map(|(a, b)| a & b).collect();
        clique.push(v);
        let flow = expand(graph, clique, p_next, x_next, visit);
        clique.pop();
        flow?;
        p[v / 64] &= !(1 << (v % 64));
        x[v / 64] |= 1 << (v % 64);
    }
    ControlFlow::Continue(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(nodes: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
        let g = Adjacency::new(nodes, edges.iter().copied());
        let mut out = Vec::new();
        let _ = for_each_maximal_clique(&g, &mut |c| {
            out.push(c.to_vec());
            ControlFlow::Continue(())
        });
        out.sort();
        out
    }

    #[test]
    fn small_graphs_have_their_known_cliques() {
        // Two triangles sharing the edge 1–2, and an isolated node 4.
        assert_eq!(all(5, &[(0, 1), (0, 2), (1, 2), (1, 3), (2, 3)]), [vec![0, 1, 2], vec![1, 2, 3], vec![4]]);
        // A path 0–1–2: its two edges.
        assert_eq!(all(3, &[(0, 1), (1, 2)]), [vec![0, 1], vec![1, 2]]);
        // K4: one clique.
        assert_eq!(all(4, &[(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]), [vec![0, 1, 2, 3]]);
        assert!(all(0, &[]).is_empty());
    }

    /// Moon–Moser graphs (k groups of 3, every pair from different groups adjacent) have 3^k
    /// maximal cliques of k nodes: the worst case, here past 64 nodes (two bitset words).
    #[test]
    fn moon_moser_graphs_have_three_to_the_k_cliques() {
        for k in [2usize, 4, 7, 23] {
            let n = 3 * k;
            let edges = (0..n).flat_map(|a| (a + 1..n).map(move |b| (a, b))).filter(|(a, b)| a / 3 != b / 3);
            let g = Adjacency::new(n, edges);
            let mut count = 0u64;
            let flow = for_each_maximal_clique(&g, &mut |c| {
                assert_eq!(c.len(), k);
                count += 1;
                if count == 100_000 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            });
            let expected = 3u64.checked_pow(k as u32).unwrap_or(u64::MAX);
            if expected < 100_000 {
                assert_eq!((count, flow), (expected, ControlFlow::Continue(())), "k = {k}");
            } else {
                assert_eq!((count, flow), (100_000, ControlFlow::Break(())), "k = {k}: stops when told");
            }
        }
    }

    /// The same cliques as petgraph's `maximal_cliques` on a seeded random graph.
    #[test]
    fn equals_petgraph_on_random_graphs() {
        let mut rng = crate::rng::SplitMix64::new(7);
        for n in [10usize, 40, 70] {
            let edges: Vec<(usize, usize)> =
                (0..n).flat_map(|a| (a + 1..n).map(move |b| (a, b))).filter(|_| rng.chance(0.3)).collect();
            let mut g = petgraph::graph::UnGraph::<(), ()>::new_undirected();
            let nodes: Vec<_> = (0..n).map(|_| g.add_node(())).collect();
            for &(a, b) in &edges {
                g.add_edge(nodes[a], nodes[b], ());
            }
            let mut theirs: Vec<Vec<usize>> = petgraph::algo::maximal_cliques(&g)
                .into_iter()
                .map(|c| {
                    let mut v: Vec<usize> = c.into_iter().map(|x| x.index()).collect();
                    v.sort_unstable();
                    v
                })
                .collect();
            theirs.sort();
            assert_eq!(all(n, &edges), theirs, "n = {n}");
        }
    }
}
