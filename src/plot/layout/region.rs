//! The `region` layout: one sunflower disc per COW region, the discs on a ring.
//!
//! Nodes of a region fill a disc along Vogel's spiral (Vogel 1979, "A better way to construct
//! the sunflower head"); regions follow each other clockwise in COW-code order. O(n).

use super::Point;
use crate::model::{DenseIndex, StateIndex};
use crate::plot::style::Region;

/// One sunflower disc per region (Vogel's spiral), the discs on a ring in COW-code order.
pub fn region_discs(states: &StateIndex, nodes: &[DenseIndex]) -> Vec<Point> {
    let region = |v: DenseIndex| Region::of(states.state(v).id);
    let mut groups: Vec<(Region, Vec<usize>)> = Vec::new();
    for (i, &v) in nodes.iter().enumerate() {
        match groups.last_mut() {
            Some((r, members)) if *r == region(v) => members.push(i),
            _ => groups.push((region(v), vec![i])),
        }
    }
    // Codes are sorted, so each region is one run; merge any repeats (e.g. `Other`).
    groups.sort_by_key(|(r, _)| *r);
    groups.dedup_by(|b, a| {
        if a.0 == b.0 {
            a.1.append(&mut b.1);
            true
        } else {
            false
        }
    });
    let largest = groups.iter().map(|(_, m)| m.len()).max().unwrap_or(1) as f64;
    let g = groups.len().max(1) as f64;
    let ring = if groups.len() > 1 { 0.34 } else { 0.0 };
    let disc = if groups.len() > 1 { (0.9 * ring * (std::f64::consts::PI / g).sin()).min(0.16) } else { 0.45 };
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let mut pos = vec![[0.5, 0.5]; nodes.len()];
    for (j, (_, members)) in groups.iter().enumerate() {
        let a = std::f64::consts::TAU * j as f64 / g;
        let centre = [0.5 + ring * a.sin(), 0.5 - ring * a.cos()];
        let c = disc / largest.sqrt();
        for (i, &node) in members.iter().enumerate() {
            let r = c * (i as f64 + 0.5).sqrt();
            let t = i as f64 * golden;
            pos[node] = [centre[0] + r * t.cos(), centre[1] + r * t.sin()];
        }
    }
    pos
}
