//! Compact adjacency (compressed sparse rows) of one snapshot, with local indices `0..n` in the
//! snapshot's node order (= COW code order): the form every metric of [`crate::analysis`] reads.
//!
//! Place in the flow: snapshot → **csr** → metrics. The buffers are reused: rebuilding for the
//! next snapshot allocates nothing once they have grown to the largest one.

use crate::graph::Snapshot;

/// Undirected simple graph as compressed sparse rows; neighbour lists are sorted ascending.
///
/// Building costs O(n + m) time and memory (n nodes, m edges).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Csr {
    /// `offsets[u]..offsets[u + 1]` is the range of `targets` holding u's neighbours.
    offsets: Vec<u32>,
    targets: Vec<u32>,
}

impl Csr {
    /// The graph with `n` nodes and the edges `edges` (local indices `a < b`, sorted by `(a, b)`,
    /// no duplicates). O(n + m).
    ///
    /// # Panics
    /// When an endpoint is `>= n` (a caller bug, never data: the driver maps data to indices).
    pub fn from_edges(n: usize, edges: &[(u32, u32)]) -> Self {
        let mut g = Csr::default();
        g.rebuild(n, edges);
        g
    }

    /// The snapshot's projection with local indices (position in `snap.nodes`); edges whose
    /// endpoints are not nodes of the snapshot are skipped. O(n + m log n).
    pub fn from_snapshot(snap: &Snapshot) -> Self {
        let edges: Vec<(u32, u32)> = snap
            .edges
            .iter()
            .filter_map(|e| Some((snap.local_index(e.a)? as u32, snap.local_index(e.b)? as u32)))
            .collect();
        Csr::from_edges(snap.nodes.len(), &edges)
    }

    /// Rebuilds in place for `n` nodes and sorted edges `a < b` (see [`Csr::from_edges`]).
    /// Neighbour lists come out sorted because the edges are sorted by `(a, b)`: node u first
    /// receives its smaller neighbours (edges `(x, u)`, x ascending), then its larger ones.
    pub fn rebuild(&mut self, n: usize, edges: &[(u32, u32)]) {
        self.offsets.clear();
        self.offsets.resize(n + 2, 0);
        // Degrees shifted by two, so that after the prefix sum offsets[u + 1] is u's write cursor.
        for &(a, b) in edges {
            self.offsets[a as usize + 2] += 1;
            self.offsets[b as usize + 2] += 1;
        }
        for u in 2..n + 2 {
            self.offsets[u] += self.offsets[u - 1];
        }
        self.targets.clear();
        self.targets.resize(2 * edges.len(), 0);
        for &(a, b) in edges {
            let ca = &mut self.offsets[a as usize + 1];
            self.targets[*ca as usize] = b;
            *ca += 1;
            let cb = &mut self.offsets[b as usize + 1];
            self.targets[*cb as usize] = a;
            *cb += 1;
        }
        self.offsets.truncate(n + 1);
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Number of (undirected) edges.
    pub fn edge_count(&self) -> usize {
        self.targets.len() / 2
    }

    /// Neighbours of `u`, sorted ascending.
    #[inline]
    pub fn neighbors(&self, u: usize) -> &[u32] {
        &self.targets[self.offsets[u] as usize..self.offsets[u + 1] as usize]
    }

    /// Degree of `u`.
    #[inline]
    pub fn degree(&self, u: usize) -> usize {
        (self.offsets[u + 1] - self.offsets[u]) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_are_sorted_and_degrees_sum_to_twice_the_edges() {
        // 0-1, 0-3, 1-2, 1-3, 2-3; node 4 isolated.
        let g = Csr::from_edges(5, &[(0, 1), (0, 3), (1, 2), (1, 3), (2, 3)]);
        assert_eq!(g.node_count(), 5);
        assert_eq!(g.edge_count(), 5);
        assert_eq!(g.neighbors(0), [1, 3]);
        assert_eq!(g.neighbors(1), [0, 2, 3]);
        assert_eq!(g.neighbors(3), [0, 1, 2]);
        assert!(g.neighbors(4).is_empty());
        assert_eq!((0..5).map(|u| g.degree(u)).sum::<usize>(), 10);
        let mut h = g.clone();
        h.rebuild(2, &[(0, 1)]);
        assert_eq!((h.node_count(), h.neighbors(1)), (2, &[0u32][..]));
        assert_eq!(Csr::from_edges(0, &[]).node_count(), 0);
    }
}
