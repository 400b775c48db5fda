//! Measures of a drawn network picture: what `../shared/tools/picture_check.py` reports, for
//! the project's own tests and the `picture_measures` example.
//!
//! Place in the flow: scene ([`super::network::NetworkScene`]) → geometry
//! ([`super::geometry::NetworkGeometry`]) → **measures**. Nothing here changes a picture.

use super::geometry::NetworkGeometry;
use super::network::NetworkScene;

/// The figures of one picture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PictureMeasures {
    /// States in the largest connected component (by edges; ties to the smallest scene index).
    pub largest: usize,
    /// The share of the drawing area its bounding box covers ([`NetworkGeometry::box_share`]).
    pub largest_share: f64,
    /// Pairs of node circles that overlap by more than half a pixel.
    pub node_overlaps: usize,
    /// (label box, node circle) pairs that overlap by more than half a pixel (its own node
    /// included, as picture_check.py counts them).
    pub label_node_overlaps: usize,
    /// Pairs of label boxes that overlap (by more than half a pixel).
    pub label_overlaps: usize,
}

/// The scene indices of the largest connected component of `scene`'s edges (ties: the one
/// with the smallest index); empty without edges.
pub fn largest_component(scene: &NetworkScene) -> Vec<usize> {
    let n = scene.nodes.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut v: usize) -> usize {
        while parent[v] != v {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        v
    }
    let mut tied = vec![false; n];
    for e in &scene.edges {
        if e.a >= n || e.b >= n {
            continue;
        }
        tied[e.a] = true;
        tied[e.b] = true;
        let (a, b) = (root(&mut parent, e.a), root(&mut parent, e.b));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut size = vec![0usize; n];
    for v in (0..n).filter(|&v| tied[v]) {
        let r = root(&mut parent, v);
        size[r] += 1;
    }
    let Some(best) = (0..n).filter(|&v| size[v] > 0).max_by(|&a, &b| size[a].cmp(&size[b]).then(b.cmp(&a))) else {
        return Vec::new();
    };
    (0..n).filter(|&v| tied[v] && root(&mut parent, v) == best).collect()
}

/// The measures of `scene` drawn with `geo`. Overlaps use picture_check.py's rules (half a
/// pixel of tolerance); O(n²) in the nodes, for tests and reports, not for drawing.
pub fn measure(scene: &NetworkScene, geo: &NetworkGeometry) -> PictureMeasures {
    let main = largest_component(scene);
    let n = geo.centres.len();
    let circle = |i: usize| (geo.centres[i].0, geo.centres[i].1, f64::from(geo.radii[i]));
    let mut node_overlaps = 0;
    for i in 0..n {
        for j in i + 1..n {
            let ((x1, y1, r1), (x2, y2, r2)) = (circle(i), circle(j));
            if ((x1 - x2).powi(2) + (y1 - y2).powi(2)).sqrt() < r1 + r2 - 0.5 {
                node_overlaps += 1;
            }
        }
    }
    let labels: Vec<(usize, [f64; 4])> = geo
        .labels
        .iter()
        .enumerate()
        .filter_map(|(i, b)| b.map(|(l, t, r, bo)| (i, [f64::from(l), f64::from(t), f64::from(r), f64::from(bo)])))
        .collect();
    let mut label_node_overlaps = 0;
    for &(_, b) in &labels {
        for i in 0..n {
            let (cx, cy, r) = circle(i);
            let (nx, ny) = (cx.clamp(b[0], b[2]), cy.clamp(b[1], b[3]));
            if (nx - cx).powi(2) + (ny - cy).powi(2) < (r - 0.5).max(0.0).powi(2) {
                label_node_overlaps += 1;
            }
        }
    }
    let mut label_overlaps = 0;
    for (k, &(_, a)) in labels.iter().enumerate() {
        for &(_, b) in &labels[k + 1..] {
            if a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5 {
                label_overlaps += 1;
            }
        }
    }
    PictureMeasures {
        largest: main.len(),
        largest_share: geo.box_share(&main),
        node_overlaps,
        label_node_overlaps,
        label_overlaps,
    }
}
