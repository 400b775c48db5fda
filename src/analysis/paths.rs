//! Shortest-path metrics from one breadth-first search per source: betweenness, closeness,
//! harmonic centrality, and the diameter and average path length of the largest component.
//!
//! Place in the flow: csr + components → **paths** → node table (betweenness, closeness,
//! harmonic) and graph table (diameter, avg_path_length). Each search costs O(n + m), so all
//! of them O(n (n + m)) time and O(n) memory. Conventions are networkx 3's:
//! - betweenness: Brandes, "A faster algorithm for betweenness centrality" (2001), undirected,
//!   endpoints excluded, normalised by 2 / ((n − 1)(n − 2)) per unordered pair (0 when n ≤ 2);
//!   the dependency accumulation follows networkx's arithmetic;
//! - closeness: Wasserman & Faust (1994) improved form for disconnected graphs,
//!   C(u) = ((r − 1) / Σ d(u, v)) · ((r − 1) / (n − 1)) with r the nodes reachable from u
//!   (u included), 0 when u reaches nothing;
//! - harmonic: Marchiori & Latora (2000), H(u) = Σ_{v ≠ u reachable} 1 / d(u, v), unnormalised;
//! - diameter and average path length: of the largest component ([`Components::largest`]),
//!   0 when it is a single node; the average is Σ d / (c (c − 1)) of exact integers.

use super::components::Components;
use super::twins::Quotient;

/// Which per-node path metrics to accumulate; the diameter and average path length of the
/// largest component are always computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PathTargets {
    /// Accumulate Brandes dependencies (needs path counts and a backward pass).
    pub betweenness: bool,
    /// Wasserman–Faust closeness.
    pub closeness: bool,
    /// Harmonic centrality.
    pub harmonic: bool,
}

impl PathTargets {
    /// Whether any per-node metric is asked for (then every node is a source; otherwise only
    /// the largest component's nodes are).
    pub fn any(self) -> bool {
        self.betweenness || self.closeness || self.harmonic
    }
}

/// Results of [`shortest_paths`]; vectors not asked for are left empty.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PathResults {
    /// Normalised betweenness per node.
    pub betweenness: Vec<f64>,
    /// Wasserman–Faust closeness per node.
    pub closeness: Vec<f64>,
    /// Harmonic centrality per node.
    pub harmonic: Vec<f64>,
    /// Diameter of the largest component (0 for a single node or an empty graph).
    pub diameter: u32,
    /// Average shortest-path length of the largest component (0 for a single node).
    pub avg_path_length: f64,
}

/// Scratch space of the searches, indexed by twin class.
#[derive(Debug, Clone, Default)]
pub struct PathScratch {
    dist: Vec<u32>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    order: Vec<u32>,
    /// Accumulated (unnormalised) betweenness of one member of each class.
    bc: Vec<f64>,
    /// Closeness and harmonic centrality of each class's members.
    close: Vec<f64>,
    harm: Vec<f64>,
    bits: Bits,
}

/// Largest number of classes searched with bit sets ([`search_bits`]); more use the queue.
const BITS: usize = 128;

/// The quotient as bit sets (k ≤ [`BITS`]): neighbour classes (self-loops of true twins left
/// out), the BFS levels of one search, and which classes are true twins.
#[derive(Debug, Clone, Default)]
struct Bits {
    adj: Vec<u128>,
    levels: Vec<u128>,
    true_twins: u128,
}

impl Bits {
    fn load(&mut self, q: &Quotient) {
        self.adj.clear();
        self.true_twins = 0;
        for c in 0..q.classes() {
            let mut row = 0u128;
            for &(d, _) in q.neighbors(c) {
                if d as usize == c {
                    self.true_twins |= 1 << c;
                } else {
                    row |= 1 << d;
                }
            }
            self.adj.push(row);
        }
    }
}

/// Distances from one source, weighted by class sizes (the source's twins included).
struct Reach {
    sum: u64,
    reached: u64,
    inv_sum: f64,
    far: u32,
}

/// The classes of a bit set, ascending.
fn members(mut set: u128) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (set != 0).then(|| {
            let c = set.trailing_zeros() as usize;
            set &= set - 1;
            c
        })
    })
}

/// One search from class `s` with level bit sets (same results as the queue search of
/// [`shortest_paths`]): each level is the union of the frontier's neighbour sets minus the
/// visited classes, path counts pull from `adj ∩ previous level` and dependencies from
/// `adj ∩ next level`, so only the edges of the shortest-path DAG are touched, never the
/// edges inside a level. Adds |S| δ(w) to `bc[w]` when `betweenness`. O(k + DAG edges) per
/// search with word-wide set operations.
fn search_bits(
    q: &Quotient,
    s: usize,
    betweenness: bool,
    bits: &mut Bits,
    sigma: &mut [f64],
    delta: &mut [f64],
    bc: &mut [f64],
) -> Reach {
    let Bits { adj, levels, true_twins } = bits;
    let size = |c: usize| f64::from(q.size[c]);
    levels.clear();
    levels.push(1 << s);
    let mut visited: u128 = 1 << s;
    sigma[s] = 1.0;
    let (mut sum, mut reached, mut inv_sum) = (0u64, 0u64, 0.0f64);
    loop {
        let frontier = levels[levels.len() - 1];
        let next = members(frontier).fold(0u128, |acc, u| acc | adj[u]) & !visited;
        if next == 0 {
            break;
        }
        visited |= next;
        levels.push(next);
        let d = (levels.len() - 1) as u64;
        let count: u64 = members(next).map(|c| u64::from(q.size[c])).sum();
        sum += d * count;
        reached += count;
        inv_sum += count as f64 / d as f64;
        if betweenness {
            for v in members(next) {
                sigma[v] =
                    members(adj[v] & frontier).fold(0.0, |acc, u| acc + if u == s { 1.0 } else { size(u) } * sigma[u]);
            }
        }
    }
    let mut far = (levels.len() - 1) as u32;
    // The other members of s's class (see `shortest_paths`).
    let rest = q.size[s] - 1;
    let rest_dist = match (rest, *true_twins >> s & 1 == 1, levels.len() > 1) {
        (0, _, _) => None,
        (_, true, _) => Some(1u32),
        (_, false, true) => Some(2),
        (_, false, false) => None,
    };
    if let Some(d) = rest_dist {
        sum += u64::from(rest) * u64::from(d);
        reached += u64::from(rest);
        inv_sum += f64::from(rest) / f64::from(d);
        far = far.max(d);
    }
    if betweenness {
        // Pull dependencies level by level, deepest first; the deepest level has δ = 0.
        let rest_coeff = if rest_dist == Some(2) { f64::from(rest) / f64::from(q.degree[s]) } else { 0.0 };
        for l in (1..levels.len()).rev() {
            let below = levels.get(l + 1).copied().unwrap_or(0);
            for v in members(levels[l]) {
                let pulled = members(adj[v] & below).fold(0.0, |acc, w| acc + size(w) * (1.0 + delta[w]) / sigma[w]);
                let mut dv = sigma[v] * pulled;
                if l == 1 {
                    dv += rest_coeff;
                }
                delta[v] = dv;
                bc[v] += f64::from(q.size[s]) * dv;
            }
        }
    }
    Reach { sum, reached, inv_sum, far }
}

const UNSEEN: u32 = u32::MAX;

/// One breadth-first search per twin class of the quotient graph `q` (every class when
/// `targets.any()`, else the classes of the largest component), filling `out` per node.
/// `comps` must be the components of the graph `q` was built from.
///
/// Why the quotient is exact (Sariyüce, Saule, Kaya & Çatalyürek, "Shattering and compressing
/// networks for betweenness centrality", SDM 2013, identical-vertex compression; see
/// [`crate::analysis::twins`]): from a source s, every member of another class C is at the same
/// distance d(C) (the distance between the classes in the quotient) and has the same number of
/// shortest paths σ(C) = Σ_{C' predecessor} |C'| σ(C') (the source's own class counts 1, for s
/// alone), and Brandes' dependency becomes δ(C) = Σ_{C'' successor} |C''| σ(C)/σ(C'') (1 + δ(C'')).
/// The other members of s's class are handled apart: true twins (adjacent, N[s] = N[s']) sit at
/// distance 1 with σ = 1 and lie on no path; false twins (N(s) = N(s')) at distance 2 with
/// σ = deg(s), each neighbour of s carrying 1/deg(s) of each; both are sinks (δ = 0). Every
/// member of the source's class gives the same dependencies, so one search per class counts
/// |S| times. Path counts are integers, exact in `f64` below 2^53.
///
/// O(k (k + q)) time for k classes and q quotient edges (instead of O(n (n + m))); O(k) memory;
/// nothing is allocated once `scratch` and `out` have grown.
pub fn shortest_paths(
    q: &Quotient,
    comps: &Components,
    targets: PathTargets,
    scratch: &mut PathScratch,
    out: &mut PathResults,
) {
    search_all(q, comps, targets, scratch, out, BITS);
}

/// [`shortest_paths`], with bit-set searches when there are at most `max_bits` classes.
fn search_all(
    q: &Quotient,
    comps: &Components,
    targets: PathTargets,
    scratch: &mut PathScratch,
    out: &mut PathResults,
    max_bits: usize,
) {
    let n = q.class.len();
    let k = q.classes();
    let PathScratch { dist, sigma, delta, order, bc, close, harm, bits } = scratch;
    let use_bits = k <= max_bits.min(BITS);
    if use_bits {
        bits.load(q);
    }
    dist.clear();
    dist.resize(k, UNSEEN);
    sigma.clear();
    sigma.resize(k, 0.0);
    delta.clear();
    delta.resize(k, 0.0);
    for v in [&mut *bc, &mut *close, &mut *harm] {
        v.clear();
        v.resize(k, 0.0);
    }
    let largest = comps.largest();
    let (mut diameter, mut total) = (0u32, 0u64);
    for s in 0..k {
        let in_largest = largest == comps.label.get(q.rep[s] as usize).copied();
        if !targets.any() && !in_largest {
            continue;
        }
        let size_s = q.size[s];
        if use_bits {
            let r = search_bits(q, s, targets.betweenness, bits, sigma, delta, bc);
            if in_largest {
                total += u64::from(size_s) * r.sum;
                diameter = diameter.max(r.far);
            }
            if targets.closeness && r.sum > 0 && n > 1 {
                let r1 = r.reached as f64;
                close[s] = (r1 / r.sum as f64) * (r1 / (n - 1) as f64);
            }
            harm[s] = r.inv_sum;
            continue;
        }
        // Forward: class distances, path counts (only for betweenness), BFS order.
        order.clear();
        order.push(s as u32);
        dist[s] = 0;
        sigma[s] = 1.0;
        let mut true_twins = false;
        let mut head = 0;
        while let Some(&u) = order.get(head) {
            head += 1;
            let (u, du) = (u as usize, dist[u as usize]);
            // The source class stands for s alone.
            let weight = if u == s { 1.0 } else { f64::from(q.size[u]) };
            for &(v, _) in q.neighbors(u) {
                let v = v as usize;
                if v == u {
                    true_twins |= u == s;
                    continue;
                }
                if dist[v] == UNSEEN {
                    dist[v] = du + 1;
                    sigma[v] = 0.0;
                    order.push(v as u32);
                }
                if targets.betweenness && dist[v] == du + 1 {
                    sigma[v] += weight * sigma[u];
                }
            }
        }
        // The other members of s's class: at distance 1 (true twins), 2 (false twins of a node
        // with neighbours) or unreachable (isolates).
        let rest = size_s - 1;
        let rest_dist = match (rest, true_twins, order.len() > 1) {
            (0, _, _) => None,
            (_, true, _) => Some(1u32),
            (_, false, true) => Some(2),
            (_, false, false) => None,
        };
        let (mut sum, mut reached, mut inv_sum) = (0u64, 0u64, 0.0f64);
        for &v in &order[1..] {
            let (d, c) = (dist[v as usize], q.size[v as usize]);
            sum += u64::from(c) * u64::from(d);
            reached += u64::from(c);
            if targets.harmonic {
                inv_sum += f64::from(c) / f64::from(d);
            }
        }
        let mut far = order.last().map_or(0, |&v| dist[v as usize]);
        if let Some(d) = rest_dist {
            sum += u64::from(rest) * u64::from(d);
            reached += u64::from(rest);
            if targets.harmonic {
                inv_sum += f64::from(rest) / f64::from(d);
            }
            far = far.max(d);
        }
        if in_largest {
            total += u64::from(size_s) * sum;
            diameter = diameter.max(far);
        }
        if targets.closeness && sum > 0 && n > 1 {
            let r1 = reached as f64;
            close[s] = (r1 / sum as f64) * (r1 / (n - 1) as f64);
        }
        if targets.harmonic {
            harm[s] = inv_sum;
        }
        // Backward: Brandes dependencies in reverse BFS order.
        if targets.betweenness {
            if rest_dist == Some(2) {
                // False twins of s hang below every neighbour class of s (σ = deg(s) each).
                let coeff = 1.0 / f64::from(q.degree[s]);
                for &(v, _) in q.neighbors(s) {
                    delta[v as usize] += sigma[v as usize] * coeff * f64::from(rest);
                }
            }
            for &w in order.iter().rev() {
                let w = w as usize;
                let coeff = (1.0 + delta[w]) / sigma[w] * f64::from(q.size[w]);
                let dw = dist[w];
                for &(v, _) in q.neighbors(w) {
                    let v = v as usize;
                    if dist[v].wrapping_add(1) == dw {
                        delta[v] += sigma[v] * coeff;
                    }
                }
                // Every member of s's class gives the same dependencies (0 on the class itself).
                if w != s {
                    bc[w] += f64::from(size_s) * delta[w];
                }
            }
        }
        for &v in order.iter() {
            dist[v as usize] = UNSEEN;
            delta[v as usize] = 0.0;
        }
    }
    let per_node = |v: &mut Vec<f64>, on: bool, of: &[f64]| {
        v.clear();
        if on {
            v.extend(q.class.iter().map(|&c| of[c as usize]));
        }
    };
    if targets.betweenness && n > 2 {
        let scale = 1.0 / ((n - 1) * (n - 2)) as f64;
        bc.iter_mut().for_each(|b| *b *= scale);
    }
    per_node(&mut out.betweenness, targets.betweenness, bc);
    per_node(&mut out.closeness, targets.closeness, close);
    per_node(&mut out.harmonic, targets.harmonic, harm);
    let c = largest.and_then(|c| comps.size.get(c as usize)).map_or(0, |&c| u64::from(c));
    out.diameter = diameter;
    out.avg_path_length = if c > 1 { total as f64 / (c * (c - 1)) as f64 } else { 0.0 };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::csr::Csr;
    use crate::analysis::twins::Twins;

    const ALL: PathTargets = PathTargets { betweenness: true, closeness: true, harmonic: true };

    fn quotient(g: &Csr, reduce: bool) -> Quotient {
        let n = g.node_count();
        let mut twins = Twins { rep: (0..n as u32).collect(), size: vec![1; n], ..Twins::default() };
        if reduce {
            twins.compute(g);
        }
        let mut q = Quotient::default();
        q.compute(g, &twins);
        q
    }

    fn run(n: usize, edges: &[(u32, u32)]) -> PathResults {
        let g = Csr::from_edges(n, edges);
        let mut comps = Components::default();
        comps.compute(&g, &mut Vec::new());
        let mut out = PathResults::default();
        shortest_paths(&quotient(&g, true), &comps, ALL, &mut PathScratch::default(), &mut out);
        // Without the twin reduction (every node its own class), and with the queue search
        // instead of bit sets, the results agree.
        let mut plain = PathResults::default();
        shortest_paths(&quotient(&g, false), &comps, ALL, &mut PathScratch::default(), &mut plain);
        let mut queue = PathResults::default();
        search_all(&quotient(&g, true), &comps, ALL, &mut PathScratch::default(), &mut queue, 0);
        assert_eq!((queue.diameter, queue.avg_path_length), (plain.diameter, plain.avg_path_length));
        for (a, b) in [
            (&queue.betweenness, &plain.betweenness),
            (&queue.closeness, &plain.closeness),
            (&queue.harmonic, &plain.harmonic),
        ] {
            assert!(a.iter().zip(b.iter()).all(|(x, y)| (x - y).abs() < 1e-14 * y.abs().max(1.0)), "{a:?} vs {b:?}");
        }
        assert_eq!((out.diameter, out.avg_path_length), (plain.diameter, plain.avg_path_length));
        for (a, b) in [
            (&out.betweenness, &plain.betweenness),
            (&out.closeness, &plain.closeness),
            (&out.harmonic, &plain.harmonic),
        ] {
            assert!(a.iter().zip(b.iter()).all(|(x, y)| (x - y).abs() < 1e-14 * y.abs().max(1.0)), "{a:?} vs {b:?}");
        }
        out
    }

    fn close(a: &[f64], b: &[f64]) {
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).abs() < 1e-15, "{a:?}\nvs\n{b:?}");
        }
    }

    #[test]
    fn path_graph_p4() {
        // 0-1-2-3. Betweenness: node 1 lies on 0-2 and 0-3 → 2 pairs; normalised 2 / (3·2/2) = 2/3.
        // Closeness of 0: distances 1+2+3 = 6 → 3/6 = 1/2; of 1: 1+1+2 = 4 → 3/4.
        // Harmonic of 0: 1 + 1/2 + 1/3 = 11/6; of 1: 1 + 1 + 1/2 = 5/2.
        // Diameter 3; average path = 2·(1+2+3+1+2+1) / (4·3) = 20/12.
        let r = run(4, &[(0, 1), (1, 2), (2, 3)]);
        close(&r.betweenness, &[0.0, 2.0 / 3.0, 2.0 / 3.0, 0.0]);
        close(&r.closeness, &[0.5, 0.75, 0.75, 0.5]);
        close(&r.harmonic, &[11.0 / 6.0, 2.5, 2.5, 11.0 / 6.0]);
        assert_eq!(r.diameter, 3);
        close(&[r.avg_path_length], &[20.0 / 12.0]);
    }

    #[test]
    fn star_and_complete_graph() {
        // Star, centre 0, 4 leaves: the centre is on all C(4,2) = 6 leaf pairs → 6 / 6 = 1.
        // Closeness: centre 4/4 = 1; a leaf 1 + 3·2 = 7 → 4/7. Harmonic: centre 4; leaf 1 + 3/2.
        // Diameter 2; average = (2·4·1 + 2·6·2) / (5·4) = 32/20.
        let r = run(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        close(&r.betweenness, &[1.0, 0.0, 0.0, 0.0, 0.0]);
        close(&r.closeness, &[1.0, 4.0 / 7.0, 4.0 / 7.0, 4.0 / 7.0, 4.0 / 7.0]);
        close(&r.harmonic, &[4.0, 2.5, 2.5, 2.5, 2.5]);
        assert_eq!(r.diameter, 2);
        close(&[r.avg_path_length], &[1.6]);
        // K4: no node between others; closeness 1; harmonic 3; diameter 1, average 1.
        let r = run(4, &[(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]);
        close(&r.betweenness, &[0.0; 4]);
        close(&r.closeness, &[1.0; 4]);
        close(&r.harmonic, &[3.0; 4]);
        assert_eq!((r.diameter, r.avg_path_length), (1, 1.0));
    }

    #[test]
    fn twins_of_both_kinds_and_the_karate_club() {
        // Star 0–{1,2,3} (false twins), K3 on 4,5,6 with 6–7 (4, 5 true twins), isolates 8, 9;
        // `run` checks the quotient and both searches against the plain graph.
        let r = run(10, &[(0, 1), (0, 2), (0, 3), (4, 5), (4, 6), (5, 6), (6, 7)]);
        assert_eq!(r.diameter, 2);
        run(34, &crate::testdata::KARATE_CLUB);
    }

    #[test]
    fn cycle_c5() {
        // C5: the 5 pairs at distance 2 each have one middle node (0-2 via 1, 1-3 via 2, …), so
        // every node is between exactly 1 pair: 1 / C(4,2) = 1/6.
        // Closeness: distances 1,1,2,2 → 4/6 = 2/3. Harmonic 1+1+1/2+1/2 = 3. Diameter 2,
        // average 6/4 = 1.5.
        let r = run(5, &[(0, 1), (1, 2), (2, 3), (3, 4), (0, 4)]);
        close(&r.betweenness, &[1.0 / 6.0; 5]);
        close(&r.closeness, &[2.0 / 3.0; 5]);
        close(&r.harmonic, &[3.0; 5]);
        assert_eq!((r.diameter, r.avg_path_length), (2, 1.5));
    }

    #[test]
    fn disconnected_graphs_use_wasserman_faust_and_the_largest_component() {
        // {0-1-2 path}, {3-4}, {5}: n = 6. Closeness of 0: r = 3, Σd = 3 → (2/3)·(2/5) = 4/15.
        // Node 3: r = 2, Σd = 1 → 1 · 1/5. Isolate: 0. Betweenness of 1: 1 pair / C(5,2) = 1/10.
        // Largest component {0,1,2}: diameter 2, average (1+2+1)·2 / 6 = 4/3.
        let r = run(6, &[(0, 1), (1, 2), (3, 4)]);
        close(&r.closeness, &[4.0 / 15.0, 0.4, 4.0 / 15.0, 0.2, 0.2, 0.0]);
        close(&r.betweenness, &[0.0, 0.1, 0.0, 0.0, 0.0, 0.0]);
        close(&r.harmonic, &[1.5, 2.0, 1.5, 1.0, 1.0, 0.0]);
        assert_eq!(r.diameter, 2);
        close(&[r.avg_path_length], &[4.0 / 3.0]);
        // Only graph-level targets: same diameter and average, no node vectors.
        let g = Csr::from_edges(6, &[(0, 1), (1, 2), (3, 4)]);
        let mut comps = Components::default();
        comps.compute(&g, &mut Vec::new());
        let mut out = PathResults::default();
        shortest_paths(&quotient(&g, true), &comps, PathTargets::default(), &mut PathScratch::default(), &mut out);
        assert_eq!((out.diameter, out.avg_path_length, out.betweenness.len()), (2, r.avg_path_length, 0));
        // One node: everything 0.
        let r = run(1, &[]);
        assert_eq!((r.diameter, r.avg_path_length, r.closeness[0], r.betweenness[0]), (0, 0.0, 0.0, 0.0));
    }
}
