//! The small undirected graph the layouts work on: local node indices `0..n`, adjacency in
//! compressed rows, breadth-first distances and connected components.

use std::collections::VecDeque;

/// An undirected, unweighted graph on `0..n` in compressed sparse rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LocalGraph {
    start: Vec<usize>,
    adj: Vec<u32>,
}

impl LocalGraph {
    /// The graph on `n` nodes with `edges` (local indices; loops, duplicates and ends ≥ `n` are
    /// dropped). Neighbours are sorted, so every traversal is deterministic.
    pub fn new(n: usize, edges: &[(u32, u32)]) -> Self {
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(edges.len() * 2);
        for &(a, b) in edges {
            if a != b && (a as usize) < n && (b as usize) < n {
                pairs.push((a, b));
                pairs.push((b, a));
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut start = vec![0usize; n + 1];
        for &(a, _) in &pairs {
            start[a as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        LocalGraph { start, adj: pairs.into_iter().map(|(_, b)| b).collect() }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    /// Whether the graph has no node.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The sorted neighbours of `v`.
    pub fn neighbors(&self, v: usize) -> &[u32] {
        &self.adj[self.start[v]..self.start[v + 1]]
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.adj.len() / 2
    }

    /// Hop distances from `source` into `dist` (resized to `n`; `u32::MAX`: unreachable).
    /// Breadth-first search, O(n + m).
    pub fn bfs(&self, source: usize, dist: &mut Vec<u32>, queue: &mut VecDeque<u32>) {
        dist.clear();
        dist.resize(self.len(), u32::MAX);
        queue.clear();
        dist[source] = 0;
        queue.push_back(source as u32);
        while let Some(v) = queue.pop_front() {
            let dv = dist[v as usize];
            for &w in self.neighbors(v as usize) {
                if dist[w as usize] == u32::MAX {
                    dist[w as usize] = dv + 1;
                    queue.push_back(w);
                }
            }
        }
    }

    /// Connected components, each a sorted list of nodes, ordered by size (largest first) then
    /// by smallest node.
    pub fn components(&self) -> Vec<Vec<u32>> {
        let n = self.len();
        let mut seen = vec![false; n];
        let mut out = Vec::new();
        let mut stack = Vec::new();
        for s in 0..n {
            if seen[s] {
                continue;
            }
            seen[s] = true;
            stack.push(s as u32);
            let mut comp = Vec::new();
            while let Some(v) = stack.pop() {
                comp.push(v);
                for &w in self.neighbors(v as usize) {
                    if !seen[w as usize] {
                        seen[w as usize] = true;
                        stack.push(w);
                    }
                }
            }
            comp.sort_unstable();
            out.push(comp);
        }
        out.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
        out
    }

    /// The subgraph induced by `nodes` (sorted), with nodes renumbered `0..nodes.len()`.
    pub fn induced(&self, nodes: &[u32]) -> LocalGraph {
        let local = |v: u32| nodes.binary_search(&v).ok().map(|i| i as u32);
        let mut edges = Vec::new();
        for (i, &v) in nodes.iter().enumerate() {
            for &w in self.neighbors(v as usize) {
                if let Some(j) = local(w) {
                    if (i as u32) < j {
                        edges.push((i as u32, j));
                    }
                }
            }
        }
        LocalGraph::new(nodes.len(), &edges)
    }

    /// All-pairs hop distances as a dense row-major `n × n` matrix (`f64::INFINITY`: not
    /// connected). n breadth-first searches, O(n·(n + m)) time, n² memory.
    pub fn all_pairs(&self) -> Vec<f64> {
        let n = self.len();
        let mut d = vec![f64::INFINITY; n * n];
        let (mut dist, mut queue) = (Vec::new(), VecDeque::new());
        for s in 0..n {
            self.bfs(s, &mut dist, &mut queue);
            for (t, &h) in dist.iter().enumerate() {
                if h != u32::MAX {
                    d[s * n + t] = f64::from(h);
                }
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_distances_and_components() {
        // 0-1-2 and 3-4, 5 alone.
        let g = LocalGraph::new(6, &[(0, 1), (1, 2), (3, 4), (1, 0), (2, 2)]);
        assert_eq!(g.edge_count(), 3);
        let d = g.all_pairs();
        assert_eq!(&d[0..3], &[0.0, 1.0, 2.0]);
        assert!(d[3].is_infinite());
        assert_eq!(g.components(), vec![vec![0, 1, 2], vec![3, 4], vec![5]]);
        let sub = g.induced(&[1, 2, 5]);
        assert_eq!((sub.len(), sub.edge_count()), (3, 1));
    }
}
