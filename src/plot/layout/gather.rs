//! Gathering of a year's components around its largest one, each keeping its shape.
//!
//! Place in the flow: the stable layout ([`super::dynamic`]) places every component where the
//! reference of all years puts its states, so in a sparse year (1939) three small Latin
//! American components hold the corners and the European core fills a sixth of the picture.
//! [`gather`] keeps the largest component where it is and moves every other one rigidly (no
//! turn, no scaling) along the line from its centre toward the largest one's centre, until it
//! is [`MARGIN`] edge lengths (the year's median edge length: layouts aligned to the reference
//! are not one unit per hop) away from everything already placed: each of its nodes that far
//! from the largest component's convex hull and from the nodes of the components gathered
//! before it, none of which may lie inside its own hull. Order: largest first, then by
//! smallest node (COW code), so the result is deterministic; a component never moves away
//! and never passes what it would touch. Each component keeps its direction from the core, so
//! the picture keeps the reference's arrangement, only tighter.
//!
//! Cost: O(s · k · (h + g)) per component of k nodes, for s steps (at most [`MAX_STEPS`]), a
//! hull of h corners and g nodes gathered before; small beside the stress layout.

use super::Point;

/// The clearance a gathered component keeps from what is placed, in edge lengths.
pub const MARGIN: f64 = 1.0;

/// Steps of the march toward the core (each a fraction of the way, at least [`STEP`]).
pub const MAX_STEPS: usize = 400;

/// The length of one step, in edge lengths.
pub const STEP: f64 = 0.1;

/// Moves the components of `points` (lists of indices into `points`, largest first, as
/// [`super::graph::LocalGraph::components`] gives them) toward the first one; `unit` is the
/// length of a typical edge (layout units), the scale of [`MARGIN`] and [`STEP`].
pub fn gather(points: &mut [Point], components: &[Vec<u32>], unit: f64) {
    let Some((main, rest)) = components.split_first() else { return };
    if rest.is_empty() || main.is_empty() || !(unit > 0.0 && unit.is_finite()) {
        return;
    }
    let (margin, step_min) = (MARGIN * unit, STEP * unit);
    let main_points: Vec<Point> = main.iter().map(|&v| points[v as usize]).collect();
    let hull = convex_hull(&main_points);
    let core = centroid(&main_points);
    // The nodes of the components gathered so far.
    let mut placed: Vec<Point> = Vec::new();
    for comp in rest {
        let own: Vec<Point> = comp.iter().map(|&v| points[v as usize]).collect();
        let centre = centroid(&own);
        let own_hull = convex_hull(&own);
        // Every node `margin` from the core's hull and from the gathered nodes, and no gathered
        // node inside this component's hull.
        let clear = |d: Point| {
            own.iter().all(|p| {
                let q = [p[0] + d[0], p[1] + d[1]];
                hull_distance(&hull, q) >= margin && placed.iter().all(|&o| dist(o, q) >= margin)
            }) && placed.iter().all(|o| hull_distance(&own_hull, [o[0] - d[0], o[1] - d[1]]) > 0.0)
        };
        let to_core = [core[0] - centre[0], core[1] - centre[1]];
        let length = (to_core[0] * to_core[0] + to_core[1] * to_core[1]).sqrt();
        let mut shift = [0.0, 0.0];
        if length > 1e-9 && clear(shift) {
            let step = (length / MAX_STEPS as f64).max(step_min);
            let mut t = 0.0;
            loop {
                let next = (t + step).min(length);
                if !clear([to_core[0] * next / length, to_core[1] * next / length]) {
                    break;
                }
                t = next;
                if t >= length {
                    break;
                }
            }
            shift = [to_core[0] * t / length, to_core[1] * t / length];
        }
        for &v in comp {
            let p = &mut points[v as usize];
            *p = [p[0] + shift[0], p[1] + shift[1]];
        }
        placed.extend(own.iter().map(|p| [p[0] + shift[0], p[1] + shift[1]]));
    }
}

fn dist(a: Point, b: Point) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

/// The mean of `points` (origin when empty).
fn centroid(points: &[Point]) -> Point {
    let n = points.len().max(1) as f64;
    let (x, y) = points.iter().fold((0.0, 0.0), |(x, y), p| (x + p[0], y + p[1]));
    [x / n, y / n]
}

/// The convex hull of `points`, counter-clockwise (Andrew's monotone chain, 1979); fewer than
/// three corners for degenerate inputs.
pub fn convex_hull(points: &[Point]) -> Vec<Point> {
    let mut p: Vec<Point> = points.to_vec();
    p.sort_by(|a, b| a[0].total_cmp(&b[0]).then(a[1].total_cmp(&b[1])));
    p.dedup();
    if p.len() < 3 {
        return p;
    }
    let cross = |o: Point, a: Point, b: Point| (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    let mut hull: Vec<Point> = Vec::with_capacity(2 * p.len());
    for pass in 0..2 {
        let start = hull.len();
        let iter: Box<dyn Iterator<Item = &Point>> =
            if pass == 0 { Box::new(p.iter()) } else { Box::new(p.iter().rev()) };
        for &q in iter {
            while hull.len() >= start + 2 && cross(hull[hull.len() - 2], hull[hull.len() - 1], q) <= 0.0 {
                hull.pop();
            }
            hull.push(q);
        }
        hull.pop();
    }
    hull
}

/// The distance from `c` to the polygon `hull` (0 inside it); a hull of one or two corners is
/// a point or a segment.
pub fn hull_distance(hull: &[Point], c: Point) -> f64 {
    match hull.len() {
        0 => f64::INFINITY,
        1 => dist(hull[0], c),
        _ => {
            let segment = |a: Point, b: Point| {
                let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
                let len2 = dx * dx + dy * dy;
                let t =
                    if len2 > 0.0 { (((c[0] - a[0]) * dx + (c[1] - a[1]) * dy) / len2).clamp(0.0, 1.0) } else { 0.0 };
                dist([a[0] + t * dx, a[1] + t * dy], c)
            };
            let edges = (0..hull.len()).map(|i| (hull[i], hull[(i + 1) % hull.len()]));
            let inside = hull.len() >= 3
                && edges.clone().all(|(a, b)| (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]) >= 0.0);
            if inside {
                0.0
            } else {
                edges.map(|(a, b)| segment(a, b)).fold(f64::INFINITY, f64::min)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hull_and_distance_of_a_square() {
        let sq = [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0], [1.0, 1.0]];
        let h = convex_hull(&sq);
        assert_eq!(h.len(), 4, "{h:?}");
        assert_eq!(hull_distance(&h, [1.0, 1.0]), 0.0);
        assert!((hull_distance(&h, [5.0, 1.0]) - 3.0).abs() < 1e-12);
        // Corner: (3, 3) is √2 from (2, 2).
        assert!((hull_distance(&h, [3.0, 3.0]) - 2f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn a_far_component_comes_to_the_margin_keeping_its_shape() {
        // Main: a unit square at the origin; a pair 20 units to the right; a pair 20 above.
        let mut p =
            vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [20.0, 0.5], [21.0, 0.5], [0.5, 20.0], [0.5, 21.0]];
        let comps = vec![vec![0, 1, 2, 3], vec![4, 5], vec![6, 7]];
        gather(&mut p, &comps, 1.0);
        assert_eq!(&p[..4], &[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]], "the main one stays");
        // The right pair moves left along y = 0.5 until its nearer node is MARGIN from the
        // hull's right side x = 1, within one step.
        let goal = 1.0 + MARGIN;
        assert!(p[4][0] >= goal - 1e-9 && p[4][0] < goal + STEP + 1e-9, "{:?}", p[4]);
        assert_eq!(p[5][0] - p[4][0], 1.0, "shape kept");
        assert_eq!((p[4][1], p[5][1]), (0.5, 0.5), "moved along the line between centres");
        assert!(p[6][1] >= goal - 1e-9 && p[6][1] < goal + STEP + 1e-9, "{:?}", p[6]);
    }

    #[test]
    fn a_component_stops_at_one_gathered_before_it() {
        // Two pairs on the same side, one behind the other: the second stops at the first.
        let mut p = vec![[0.0, 0.0], [0.0, 1.0], [10.0, 0.5], [11.0, 0.5], [30.0, 0.5], [31.0, 0.5]];
        gather(&mut p, &[vec![0, 1], vec![2, 3], vec![4, 5]], 1.0);
        let (a, b) = (p[3][0], p[4][0]);
        assert!(b - a >= MARGIN - 1e-9 && b - a < MARGIN + STEP + 1e-9, "{a} {b}");
        assert_eq!((p[5][0] - p[4][0], p[3][0] - p[2][0]), (1.0, 1.0), "shapes kept");
    }
}
