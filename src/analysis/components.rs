//! Connected components of a snapshot, and the "largest component" the path metrics use.
//!
//! Place in the flow: csr → **components** → graph table (components, largest_component) and
//! [`crate::analysis::paths`] (diameter and average path length of the largest component).

use super::csr::Csr;

/// Component labels of every node, numbered in order of each component's smallest node.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Components {
    /// `label[u]`: the component of node u, `0..count`.
    pub label: Vec<u32>,
    /// `size[c]`: number of nodes of component c.
    pub size: Vec<u32>,
}

impl Components {
    /// Labels the components of `g` by breadth-first search, reusing the buffers; `queue` is
    /// scratch space. Isolated nodes are components of their own. O(n + m).
    pub fn compute(&mut self, g: &Csr, queue: &mut Vec<u32>) {
        let n = g.node_count();
        self.label.clear();
        self.label.resize(n, u32::MAX);
        self.size.clear();
        for s in 0..n {
            if self.label[s] != u32::MAX {
                continue;
            }
            let c = self.size.len() as u32;
            self.label[s] = c;
            queue.clear();
            queue.push(s as u32);
            let mut head = 0;
            while let Some(&u) = queue.get(head) {
                head += 1;
                for &v in g.neighbors(u as usize) {
                    if self.label[v as usize] == u32::MAX {
                        self.label[v as usize] = c;
                        queue.push(v);
                    }
                }
            }
            self.size.push(queue.len() as u32);
        }
    }

    /// Number of components (isolates included).
    pub fn count(&self) -> usize {
        self.size.len()
    }

    /// The largest component; among several of the same size, the one holding the smallest node
    /// (local indices follow COW codes, so: the smallest ccode — the anchors' rule). Components
    /// are numbered by their smallest node, so this is the first of maximum size. `None` for an
    /// empty graph.
    pub fn largest(&self) -> Option<u32> {
        let max = *self.size.iter().max()?;
        self.size.iter().position(|&s| s == max).map(|c| c as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_between_largest_components_go_to_the_smallest_node() {
        // {0, 3}, {1, 2}, {4}: two components of size 2; the one holding node 0 wins.
        let g = Csr::from_edges(5, &[(0, 3), (1, 2)]);
        let mut c = Components::default();
        c.compute(&g, &mut Vec::new());
        assert_eq!(c.label, [0, 1, 1, 0, 2]);
        assert_eq!(c.size, [2, 2, 1]);
        assert_eq!((c.count(), c.largest()), (3, Some(0)));
        // {0}, {1, 2, 3}: the larger one wins whatever its smallest node.
        c.compute(&Csr::from_edges(4, &[(1, 2), (2, 3)]), &mut Vec::new());
        assert_eq!((c.count(), c.largest()), (2, Some(1)));
        c.compute(&Csr::from_edges(0, &[]), &mut Vec::new());
        assert_eq!((c.count(), c.largest()), (0, None));
    }
}
