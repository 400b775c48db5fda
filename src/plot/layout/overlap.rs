//! Node-overlap removal in pixels: overlapping circles pushed apart, the drawing kept in its box.
//!
//! A simplification of PRISM (Gansner & Hu 2010, "Efficient, proximity-preserving node overlap
//! removal", JGAA 14(1)): instead of a stress model on the proximity graph, each round moves the
//! two circles of every overlapping pair apart along their centre line by half the overlap
//! (pairs found with a uniform grid, so a round is O(n) for evenly spread nodes), which keeps
//! the relative order of the layout; if the drawing then leaves its box it is scaled back
//! into it about the box centre. Rounds stop when no pair overlaps.

use super::Point;

/// A box: left, top, right, bottom (pixels).
pub type Bounds = [f64; 4];

/// Pushes circles (`centres`, `radii`) apart until every pair is at least `gap` pixels apart
/// (edge to edge) and every circle lies inside `bounds`, in at most `rounds` rounds. Returns
/// whether it succeeded.
pub fn remove_overlaps(centres: &mut [Point], radii: &[f64], gap: f64, bounds: Bounds, rounds: usize) -> bool {
    let n = centres.len();
    if n == 0 {
        return true;
    }
    let r_max = radii.iter().copied().fold(0.0, f64::max);
    let cell = (2.0 * r_max + gap).max(1.0);
    for round in 0..=rounds {
        fit_inside(centres, radii, bounds);
        let pairs = overlapping_pairs(centres, radii, gap, cell);
        if pairs.is_empty() {
            return true;
        }
        if round == rounds {
            break;
        }
        for (i, j) in pairs {
            let (dx, dy) = (centres[j][0] - centres[i][0], centres[j][1] - centres[i][1]);
            let d = (dx * dx + dy * dy).sqrt();
            let (ux, uy) = if d > 1e-9 {
                // Turned by ±0.1 rad (by pair parity), so that collinear piles open sideways.
                let s = if (i + j) % 2 == 0 { SIN_TURN } else { -SIN_TURN };
                ((dx * COS_TURN - dy * s) / d, (dx * s + dy * COS_TURN) / d)
            } else {
                let a = (i * 7 + j * 13) as f64;
                (a.cos(), a.sin())
            };
            let push = (radii[i] + radii[j] + gap - d) / 2.0 + 0.05;
            centres[i][0] -= ux * push;
            centres[i][1] -= uy * push;
            centres[j][0] += ux * push;
            centres[j][1] += uy * push;
        }
    }
    false
}

/// Moves each circle to the nearest free cell of a square grid of `2·r_max + gap` pixels over
/// `bounds` (circles taken in `order`; ring-by-ring search around the cell it falls in), so
/// that no two circles overlap. For graphs too large for [`remove_overlaps`] to settle
/// quickly: O(n·s²) for a search radius of s cells. Returns false when the grid has fewer cells
/// than circles.
pub fn snap_to_grid(centres: &mut [Point], radii: &[f64], gap: f64, bounds: Bounds, order: &[usize]) -> bool {
    let r_max = radii.iter().copied().fold(0.0, f64::max);
    let cell = 2.0 * r_max + gap;
    let cols = ((bounds[2] - bounds[0]) / cell).floor().max(0.0) as i64;
    let rows = ((bounds[3] - bounds[1]) / cell).floor().max(0.0) as i64;
    if cols * rows < centres.len() as i64 {
        return false;
    }
    let mut taken = vec![false; (cols * rows) as usize];
    for &i in order {
        let p = centres[i];
        let cx = (((p[0] - bounds[0]) / cell).floor() as i64).clamp(0, cols - 1);
        let cy = (((p[1] - bounds[1]) / cell).floor() as i64).clamp(0, rows - 1);
        let mut found = None;
        'search: for ring in 0..cols.max(rows) {
            for gy in cy - ring..=cy + ring {
                for gx in cx - ring..=cx + ring {
                    if (gx - cx).abs() != ring && (gy - cy).abs() != ring {
                        continue;
                    }
                    if gx >= 0 && gy >= 0 && gx < cols && gy < rows && !taken[(gy * cols + gx) as usize] {
                        found = Some((gx, gy));
                        break 'search;
                    }
                }
            }
        }
        let Some((gx, gy)) = found else { return false };
        taken[(gy * cols + gx) as usize] = true;
        centres[i] = [bounds[0] + (gx as f64 + 0.5) * cell, bounds[1] + (gy as f64 + 0.5) * cell];
    }
    true
}

/// cos and sin of 0.1 rad.
const COS_TURN: f64 = 0.995_004_165_278_025_8;
const SIN_TURN: f64 = 0.099_833_416_646_828_15;

/// Pairs (i < j) closer than `r_i + r_j + gap`, by i (a fixed order), found through a grid of
/// `cell`-pixel squares.
pub fn overlapping_pairs(centres: &[Point], radii: &[f64], gap: f64, cell: f64) -> Vec<(usize, usize)> {
    // A hash map is fine here: it is only looked up, and each bucket lists nodes in index order,
    // so the output order does not depend on the map's.
    use std::collections::HashMap;
    let key = |p: &Point| ((p[0] / cell).floor() as i64, (p[1] / cell).floor() as i64);
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::with_capacity(centres.len());
    for (i, p) in centres.iter().enumerate() {
        grid.entry(key(p)).or_default().push(i);
    }
    let mut out = Vec::new();
    for (i, p) in centres.iter().enumerate() {
        let (cx, cy) = key(p);
        for gx in cx - 1..=cx + 1 {
            for gy in cy - 1..=cy + 1 {
                let Some(list) = grid.get(&(gx, gy)) else { continue };
                for &j in list {
                    if j > i {
                        let (dx, dy) = (centres[j][0] - p[0], centres[j][1] - p[1]);
                        let min = radii[i] + radii[j] + gap;
                        if dx * dx + dy * dy < min * min {
                            out.push((i, j));
                        }
                    }
                }
            }
        }
    }
    out
}

/// Scales the drawing about the centre of `bounds` (and shifts it) so that every circle lies
/// inside `bounds`; a drawing already inside is only shifted if it sticks out.
pub fn fit_inside(centres: &mut [Point], radii: &[f64], bounds: Bounds) {
    let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for (p, &r) in centres.iter().zip(radii) {
        for a in 0..2 {
            lo[a] = lo[a].min(p[a] - r);
            hi[a] = hi[a].max(p[a] + r);
        }
    }
    let r_max = radii.iter().copied().fold(0.0, f64::max);
    for a in 0..2 {
        let (b0, b1) = (bounds[a], bounds[a + 2]);
        let (span, room) = (hi[a] - lo[a], b1 - b0);
        if span > room && span > 2.0 * r_max {
            // Shrink the centres' spread so that the circles fit.
            let (c_lo, c_hi) = (lo[a] + r_max, hi[a] - r_max);
            let target = (room - 2.0 * r_max).max(0.0);
            let s = if c_hi - c_lo > 1e-9 { target / (c_hi - c_lo) } else { 0.0 };
            for p in centres.iter_mut() {
                p[a] = b0 + r_max + (p[a] - c_lo) * s;
            }
        } else if lo[a] < b0 {
            centres.iter_mut().for_each(|p| p[a] += b0 - lo[a]);
        } else if hi[a] > b1 {
            centres.iter_mut().for_each(|p| p[a] -= hi[a] - b1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_snapping_separates_a_pile() {
        // 50 circles of radius 3 on one point; cells of 8 px in a 100 × 100 box (144 cells).
        let mut c: Vec<Point> = vec![[50.0, 50.0]; 50];
        let r = vec![3.0; 50];
        let order: Vec<usize> = (0..50).collect();
        assert!(snap_to_grid(&mut c, &r, 2.0, [0.0, 0.0, 100.0, 100.0], &order));
        assert!(overlapping_pairs(&c, &r, 2.0, 8.0).is_empty());
        // The first circle keeps the cell it was in: (6, 6) → centre 52.
        assert_eq!(c[0], [52.0, 52.0]);
        let mut too_many: Vec<Point> = vec![[5.0, 5.0]; 200];
        let order: Vec<usize> = (0..200).collect();
        assert!(!snap_to_grid(&mut too_many, &[3.0; 200], 2.0, [0.0, 0.0, 100.0, 100.0], &order));
    }

    #[test]
    fn a_pile_is_spread_and_kept_inside() {
        // 30 circles of radius 5 at nearly one point (on a line), in a 200 × 200 box.
        let mut c: Vec<Point> = (0..30).map(|i| [100.0 + f64::from(i) * 0.01, 100.0]).collect();
        let r = vec![5.0; 30];
        assert!(remove_overlaps(&mut c, &r, 1.0, [0.0, 0.0, 200.0, 200.0], 500));
        assert!(overlapping_pairs(&c, &r, 1.0, 11.0).is_empty());
        assert!(c.iter().all(|p| p[0] >= 5.0 && p[0] <= 195.0 && p[1] >= 5.0 && p[1] <= 195.0));
    }
}
