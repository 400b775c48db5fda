//! One year's network in the form the change statistics read: adjacency bit rows, degrees,
//! neighbour lists and the shared-partner count of every pair.

use super::YearNetwork;
use crate::model::StateId;

/// A year's network indexed by node position (`0..n`, the order of [`YearNetwork::nodes`]).
#[derive(Debug, Clone)]
pub struct YearGraph {
    /// The year.
    pub year: i32,
    /// The nodes (sorted).
    pub nodes: Vec<StateId>,
    words: usize,
    adjacency: Vec<u64>,
    /// Degree of each node.
    pub degree: Vec<u32>,
    /// Neighbours of each node, ascending.
    pub neighbours: Vec<Vec<u32>>,
    /// `shared[i * n + j]`: common neighbours of `i` and `j` (0 on the diagonal).
    shared: Vec<u32>,
}

impl YearGraph {
    /// The graph of `network` (its ties must join its nodes, as [`YearNetwork::new`] ensures; a
    /// tie that does not is ignored).
    pub fn new(network: &YearNetwork) -> YearGraph {
        let n = network.nodes.len();
        let words = n.div_ceil(64).max(1);
        let mut adjacency = vec![0u64; n * words];
        let mut neighbours = vec![Vec::new(); n];
        for &(a, b) in &network.ties {
            let (Ok(i), Ok(j)) = (network.nodes.binary_search(&a), network.nodes.binary_search(&b)) else {
                continue;
            };
            if i == j || adjacency[i * words + j / 64] >> (j % 64) & 1 == 1 {
                continue;
            }
            adjacency[i * words + j / 64] |= 1 << (j % 64);
            adjacency[j * words + i / 64] |= 1 << (i % 64);
            neighbours[i].push(j as u32);
            neighbours[j].push(i as u32);
        }
        for list in &mut neighbours {
            list.sort_unstable();
        }
        let degree = neighbours.iter().map(|l| l.len() as u32).collect();
        let mut shared = vec![0u32; n * n];
        for i in 0..n {
            let ri = &adjacency[i * words..(i + 1) * words];
            for j in (i + 1)..n {
                let rj = &adjacency[j * words..(j + 1) * words];
                let c: u32 = ri.iter().zip(rj).map(|(x, y)| (x & y).count_ones()).sum();
                shared[i * n + j] = c;
                shared[j * n + i] = c;
            }
        }
        YearGraph { year: network.year, nodes: network.nodes.clone(), words, adjacency, degree, neighbours, shared }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the year has no nodes.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Whether `i` and `j` are tied.
    pub fn tied(&self, i: usize, j: usize) -> bool {
        self.adjacency[i * self.words + j / 64] >> (j % 64) & 1 == 1
    }

    /// Common neighbours of `i` and `j`.
    pub fn shared(&self, i: usize, j: usize) -> u32 {
        self.shared[i * self.len() + j]
    }

    /// The common neighbours of `i` and `j`, ascending.
    pub fn common_neighbours(&self, i: usize, j: usize) -> impl Iterator<Item = usize> + '_ {
        let (ri, rj) = (i * self.words, j * self.words);
        (0..self.words).flat_map(move |w| {
            let mut bits = self.adjacency[ri + w] & self.adjacency[rj + w];
            std::iter::from_fn(move || {
                (bits != 0).then(|| {
                    let b = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    w * 64 + b
                })
            })
        })
    }

    /// The position of `state` among the nodes, if it is one.
    pub fn position(&self, state: StateId) -> Option<usize> {
        self.nodes.binary_search(&state).ok()
    }

    /// Whether the states `a` and `b` are tied (false when either is not a node).
    pub fn tied_states(&self, a: StateId, b: StateId) -> bool {
        matches!((self.position(a), self.position(b)), (Some(i), Some(j)) if i != j && self.tied(i, j))
    }

    /// Common neighbours of the states `a` and `b` (0 when either is not a node).
    pub fn shared_states(&self, a: StateId, b: StateId) -> u32 {
        match (self.position(a), self.position(b)) {
            (Some(i), Some(j)) if i != j => self.shared(i, j),
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: u16) -> StateId {
        StateId(v)
    }

    #[test]
    fn counts_degrees_and_shared_partners_of_a_small_graph() {
        // A triangle 1-2-3 with a pendant 4 on 3; 5 isolated.
        let (net, out) = YearNetwork::new(
            2000,
            vec![s(5), s(1), s(2), s(3), s(4)],
            [(s(2), s(1)), (s(2), s(3)), (s(1), s(3)), (s(3), s(4)), (s(3), s(4)), (s(9), s(1))],
        );
        assert_eq!(out, vec![(s(1), s(9))]);
        let g = YearGraph::new(&net);
        assert_eq!(g.degree, vec![2, 2, 3, 1, 0]);
        assert!(g.tied(0, 1) && g.tied(2, 3) && !g.tied(0, 3));
        assert_eq!(g.shared(0, 1), 1); // 3
        assert_eq!(g.shared(0, 3), 1); // 3
        assert_eq!(g.shared(0, 2), 1); // 2
        assert_eq!(g.shared(3, 4), 0);
        assert_eq!(g.common_neighbours(0, 3).collect::<Vec<_>>(), vec![2]);
        assert_eq!(g.shared_states(s(1), s(4)), 1);
        assert!(g.tied_states(s(4), s(3)) && !g.tied_states(s(4), s(9)));
    }

    #[test]
    fn common_neighbours_cross_word_boundaries() {
        let nodes: Vec<StateId> = (1..=130).map(s).collect();
        let ties = (3..=130).flat_map(|k| [(s(1), s(k)), (s(2), s(k))]);
        let g = YearGraph::new(&YearNetwork::new(1, nodes, ties).0);
        assert_eq!(g.shared(0, 1), 128);
        assert_eq!(g.common_neighbours(0, 1).count(), 128);
        assert_eq!(g.common_neighbours(0, 1).last(), Some(129));
    }
}
