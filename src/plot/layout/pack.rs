//! Packing of separately laid out components: bounding boxes on shelves, largest first.
//!
//! Each component's box (grown by `gap` on every side) is placed left to right on horizontal
//! shelves whose width is chosen so that the packed drawing has about the picture's aspect
//! ratio; a shelf is as tall as its tallest box. Boxes never overlap, so components never
//! do. The classic next-fit shelf heuristic (e.g. Coffman et al. 1980); O(c log c) for c
//! components.

use super::Point;

/// Moves each component (a list of points, given largest first) into its own box; returns the
/// packed points in the same nesting. `aspect` is width / height of the target area.
pub fn pack(components: &mut [Vec<Point>], gap: f64, aspect: f64) {
    let boxes: Vec<(Point, Point)> = components.iter().map(|c| bounds(c)).collect();
    let size = |b: &(Point, Point)| [b.1[0] - b.0[0] + 2.0 * gap, b.1[1] - b.0[1] + 2.0 * gap];
    let area: f64 = boxes.iter().map(|b| size(b)[0] * size(b)[1]).sum();
    let widest = boxes.iter().map(|b| size(b)[0]).fold(0.0, f64::max);
    let shelf_w = (area * aspect.max(0.1)).sqrt().max(widest);
    let (mut x, mut y, mut shelf_h) = (0.0, 0.0, 0.0f64);
    for (c, b) in components.iter_mut().zip(&boxes) {
        let [w, h] = size(b);
        if x > 0.0 && x + w > shelf_w + 1e-9 {
            x = 0.0;
            y += shelf_h;
            shelf_h = 0.0;
        }
        let (dx, dy) = (x + gap - b.0[0], y + gap - b.0[1]);
        c.iter_mut().for_each(|p| *p = [p[0] + dx, p[1] + dy]);
        x += w;
        shelf_h = shelf_h.max(h);
    }
}

/// The bounding box (min, max) of `points` (zero box at the origin when empty).
pub fn bounds(points: &[Point]) -> (Point, Point) {
    if points.is_empty() {
        return ([0.0; 2], [0.0; 2]);
    }
    let mut lo = [f64::INFINITY; 2];
    let mut hi = [f64::NEG_INFINITY; 2];
    for p in points {
        for a in 0..2 {
            lo[a] = lo[a].min(p[a]);
            hi[a] = hi[a].max(p[a]);
        }
    }
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_boxes_do_not_overlap() {
        let mut comps: Vec<Vec<Point>> = vec![
            vec![[0.0, 0.0], [4.0, 3.0]],
            vec![[10.0, 10.0], [12.0, 11.0]],
            vec![[-5.0, -5.0], [-4.0, -4.0]],
            vec![[0.0, 0.0]],
        ];
        pack(&mut comps, 0.5, 1.0);
        let boxes: Vec<_> = comps.iter().map(|c| bounds(c)).collect();
        for i in 0..boxes.len() {
            for j in i + 1..boxes.len() {
                let (a, b) = (boxes[i], boxes[j]);
                let apart = a.1[0] + 1.0 <= b.0[0] + 1e-9
                    || b.1[0] + 1.0 <= a.0[0] + 1e-9
                    || a.1[1] + 1.0 <= b.0[1] + 1e-9
                    || b.1[1] + 1.0 <= a.0[1] + 1e-9;
                assert!(apart, "{i} {j}: {a:?} {b:?}");
            }
        }
        // The first component keeps its shape, moved to (0.5, 0.5).
        assert_eq!(comps[0], vec![[0.5, 0.5], [4.5, 3.5]]);
    }
}
