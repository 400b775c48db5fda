//! The `circle` layout: one evenly spaced ring, states ordered by bloc, then region, then code.
//!
//! Node k of n sits at angle 2πk/n (clockwise from the top) on the unit circle, so the radius
//! and the angular gaps are exactly equal. Blocs (Louvain, [`crate::measures::blocs`]) come
//! largest first, each as one arc; states alone follow, grouped by region. The ring ordering
//! of Six & Tollis (1999) reduces crossings by grouping; here the groups are the blocs. O(n log n).

use super::Point;
use crate::model::{DenseIndex, StateIndex};
use crate::plot::style::Region;
use std::collections::BTreeMap;

/// The ring order of `nodes` (dense indices) with bloc labels `bloc` (`None`: alone): a
/// permutation of `0..nodes.len()`.
pub fn ring_order(states: &StateIndex, nodes: &[DenseIndex], bloc: &[Option<u32>]) -> Vec<usize> {
    let mut size: BTreeMap<u32, usize> = BTreeMap::new();
    for b in bloc.iter().flatten() {
        *size.entry(*b).or_default() += 1;
    }
    // Bloc rank: larger blocs first, then smaller label.
    let mut ranked: Vec<(u32, usize)> = size.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let rank: BTreeMap<u32, usize> = ranked.iter().enumerate().map(|(r, (b, _))| (*b, r)).collect();
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by_key(|&i| {
        let st = states.state(nodes[i]);
        let r = bloc.get(i).copied().flatten().and_then(|b| rank.get(&b).copied()).unwrap_or(usize::MAX);
        (r, Region::of(st.id), st.id)
    });
    order
}

/// Positions on the unit circle for nodes in ring `order` (node `order[k]` at angle 2πk/n).
pub fn ring(order: &[usize]) -> Vec<Point> {
    let n = order.len();
    let mut pos = vec![[0.0, 0.0]; n];
    for (k, &i) in order.iter().enumerate() {
        let a = std::f64::consts::TAU * k as f64 / n.max(1) as f64;
        if let Some(p) = pos.get_mut(i) {
            *p = [a.sin(), -a.cos()];
        }
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ring_is_even() {
        let p = ring(&[2, 0, 1, 3]);
        // Node 2 on top, node 0 at 3 o'clock, node 1 at the bottom, node 3 at 9 o'clock.
        let r = |q: Point| [(q[0] * 1e9).round() / 1e9, (q[1] * 1e9).round() / 1e9];
        assert_eq!([r(p[2]), r(p[0]), r(p[1]), r(p[3])], [[0.0, -1.0], [1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]]);
    }
}
