//! Structurally equivalent nodes ("twins"): nodes with the same neighbourhood, open (N(u) =
//! N(v), not adjacent: false twins) or closed (N[u] = N[v], adjacent: true twins). Multilateral
//! pacts make many of them, and they share every path metric, so the path searches run from one
//! representative per class.
//!
//! Place in the flow: csr → **twins** → [`crate::analysis::paths`]. Why it is exact: swapping two
//! twins is an automorphism, so for twins s, s' and any other node w the dependencies
//! δ_s(w) = δ_s'(w), and a twin never lies on a shortest path from its twin (d(s, x) = d(v, x)
//! for every other x). So Σ_{s ∈ C} δ_s(w) = |C| · δ_r(w) for the representative r, and the
//! distances from every member equal r's. This is the identical-vertex reduction of Sariyüce,
//! Saule, Kaya & Çatalyürek, "Shattering and compressing networks for betweenness centrality"
//! (SDM 2013), applied to sources only. O(n log n · d_max) time to find the classes, O(n) memory.

use super::csr::Csr;

/// Classes of structurally equivalent nodes; each node is in exactly one (often alone).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Twins {
    /// `rep[u]`: the smallest node of u's class.
    pub rep: Vec<u32>,
    /// `size[r]`: the size of the class represented by r (meaningful for representatives only).
    pub size: Vec<u32>,
    /// Scratch: nodes sorted by neighbourhood digest.
    pub order: Vec<u32>,
    /// Scratch: digest of each node's neighbourhood.
    pub digest: Vec<u64>,
}

/// The quotient graph of the twin classes: one node per class, and for each class the classes
/// adjacent to its members with multiplicities (a member of class c has `mult` neighbours in
/// class c'; for true twins c' may be c itself). Any metric invariant under swapping twins
/// (PageRank, eigenvector centrality) can iterate on it and give every member its class's value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quotient {
    /// `class[u]`: the class of node u, `0..classes` in order of representatives.
    pub class: Vec<u32>,
    /// `rep[c]`: the representative (smallest member) of class c.
    pub rep: Vec<u32>,
    /// `size[c]`: members of class c.
    pub size: Vec<u32>,
    /// `degree[c]`: the degree of each member of c.
    pub degree: Vec<u32>,
    offsets: Vec<u32>,
    targets: Vec<(u32, u32)>,
    count: Vec<u32>,
}

impl Quotient {
    /// Builds the quotient of `g` under `twins`, reusing the buffers. O(n + m).
    pub fn compute(&mut self, g: &Csr, twins: &Twins) {
        let n = g.node_count();
        self.class.clear();
        self.class.resize(n, 0);
        self.size.clear();
        self.degree.clear();
        self.rep.clear();
        for u in 0..n {
            if twins.is_rep(u) {
                self.class[u] = self.size.len() as u32;
                self.rep.push(u as u32);
                self.size.push(twins.size[u]);
                self.degree.push(g.degree(u) as u32);
            }
        }
        for u in 0..n {
            self.class[u] = self.class[twins.rep[u] as usize];
        }
        self.offsets.clear();
        self.offsets.push(0);
        self.targets.clear();
        self.count.clear();
        self.count.resize(self.size.len(), 0);
        for r in (0..n).filter(|&u| twins.is_rep(u)) {
            let start = self.targets.len();
            for &v in g.neighbors(r) {
                let c = self.class[v as usize];
                if self.count[c as usize] == 0 {
                    self.targets.push((c, 0));
                }
                self.count[c as usize] += 1;
            }
            for t in &mut self.targets[start..] {
                t.1 = std::mem::take(&mut self.count[t.0 as usize]);
            }
            self.offsets.push(self.targets.len() as u32);
        }
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.size.len()
    }

    /// The classes adjacent to a member of class `c`, with the number of such neighbours.
    #[inline]
    pub fn neighbors(&self, c: usize) -> &[(u32, u32)] {
        &self.targets[self.offsets[c] as usize..self.offsets[c + 1] as usize]
    }
}

impl Twins {
    /// Finds the classes of `g`, reusing the buffers: groups the nodes by open neighbourhood
    /// (false twins, isolates included), then the nodes still alone by closed neighbourhood
    /// (true twins). No node can have both kinds of twin.
    ///
    /// Candidates are found by sorting on an order-independent digest of the neighbourhood
    /// (a sum of mixed node ids, as in Zobrist hashing), and every merge is confirmed by
    /// comparing the sorted neighbour lists, so a digest collision can only leave twins apart
    /// (still exact), never merge non-twins. O(m + n log n) time, O(n) memory.
    pub fn compute(&mut self, g: &Csr) {
        let n = g.node_count();
        self.rep.clear();
        self.rep.extend(0..n as u32);
        self.size.clear();
        self.size.resize(n, 1);
        self.digest.clear();
        self.digest.extend((0..n).map(|u| g.neighbors(u).iter().fold(0u64, |h, &v| h.wrapping_add(mix(v)))));
        self.order.clear();
        self.order.extend(0..n as u32);
        let digest = &self.digest;
        self.order.sort_unstable_by_key(|&u| (digest[u as usize], u));
        self.group(|a, b| g.neighbors(a) == g.neighbors(b));
        self.order.clear();
        self.order.extend((0..n as u32).filter(|&u| self.size[u as usize] == 1 && self.rep[u as usize] == u));
        for &u in &self.order {
            self.digest[u as usize] = self.digest[u as usize].wrapping_add(mix(u));
        }
        let digest = &self.digest;
        self.order.sort_unstable_by_key(|&u| (digest[u as usize], u));
        self.group(|a, b| closed(g, a as u32).eq(closed(g, b as u32)));
    }

    /// Merges the nodes of `order` equal under `same` within each run of equal digests; each
    /// class's representative is its smallest member (runs are sorted by node within a digest).
    fn group(&mut self, same: impl Fn(usize, usize) -> bool) {
        let mut i = 0;
        while i < self.order.len() {
            let r = self.order[i] as usize;
            let mut end = i + 1;
            while end < self.order.len() && self.digest[r] == self.digest[self.order[end] as usize] {
                end += 1;
            }
            // A run of equal digests: almost always one class; split it exactly if not.
            for j in i..end {
                let u = self.order[j] as usize;
                if self.rep[u] as usize != u || self.size[u] != 1 {
                    continue;
                }
                for l in j + 1..end {
                    let v = self.order[l] as usize;
                    if self.rep[v] as usize == v && self.size[v] == 1 && same(u, v) {
                        self.rep[v] = u as u32;
                        self.size[u] += 1;
                    }
                }
            }
            i = end;
        }
    }

    /// Whether `u` represents its class.
    #[inline]
    pub fn is_rep(&self, u: usize) -> bool {
        self.rep[u] as usize == u
    }
}

/// The closed neighbourhood N[u] = N(u) ∪ {u}, ascending.
fn closed(g: &Csr, u: u32) -> impl Iterator<Item = u32> + '_ {
    let nb = g.neighbors(u as usize);
    let split = nb.partition_point(|&v| v < u);
    nb[..split].iter().copied().chain(std::iter::once(u)).chain(nb[split..].iter().copied())
}

/// A 64-bit mix of a node id (splitmix64's finaliser, Steele et al. 2014), summed into digests.
fn mix(u: u32) -> u64 {
    let mut z = u64::from(u).wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn false_and_true_twins() {
        // Star, centre 0, leaves 1..=3 (false twins); K3 on 4,5,6 where 6 also touches 7: 4 and 5
        // are true twins (N[4] = N[5] = {4, 5, 6}); 8 and 9 are isolates (false twins).
        let g = Csr::from_edges(10, &[(0, 1), (0, 2), (0, 3), (4, 5), (4, 6), (5, 6), (6, 7)]);
        let mut t = Twins::default();
        t.compute(&g);
        assert_eq!(t.rep, [0, 1, 1, 1, 4, 4, 6, 7, 8, 8]);
        assert_eq!((t.size[1], t.size[4], t.size[8], t.size[0], t.size[6]), (3, 2, 2, 1, 1));
        // K4: all true twins of 0.
        t.compute(&Csr::from_edges(4, &[(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]));
        assert_eq!((t.rep.as_slice(), t.size[0]), (&[0, 0, 0, 0][..], 4));
    }
}
