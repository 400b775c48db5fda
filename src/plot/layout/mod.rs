//! Node positions of the network pictures, one file per algorithm.
//!
//! Place in the flow: snapshot → **layout** → picture geometry ([`super::geometry`]) → drawing.
//! [`positions`] is the one entry point: for a layer and a range of years it returns each year's
//! positions in layout units (one unit ≈ one hop), `None` for a state without a tie (drawn in the
//! isolate band under the picture). Every picture (`plot network`, `years`, `animate`, the
//! report) and any other view that wants the same places calls it.
//!
//! - [`LayoutKind::Stable`] (the default): stable across years ([`dynamic`], Brandes & Mader
//!   2011), each year a stress layout anchored to one reference layout of all years, its
//!   smaller components then gathered around the largest one ([`gather`]).
//! - [`LayoutKind::Stress`]: each year on its own, stress majorization ([`stress`], Gansner,
//!   Koren & North 2004) per connected component from pivot MDS ([`mds`]), sparse stress above
//!   [`DENSE_LIMIT`] nodes ([`sparse`], Ortmann, Klimenta & Brandes 2016), components packed
//!   largest first ([`pack`]).
//! - [`LayoutKind::Circle`]: one even ring of the states with a tie, ordered by bloc then
//!   region ([`circle`]); isolates in the band.
//! - [`LayoutKind::Region`]: one disc per COW region ([`region`]).

pub mod circle;
pub mod dynamic;
pub mod gather;
pub mod graph;
pub mod mds;
pub mod overlap;
pub mod pack;
pub mod region;
pub mod sparse;
pub mod stress;

use super::{choice, Isolates};
use crate::error::QueryError;
use crate::graph::snapshot::map_years;
use crate::graph::{AllianceGraph, Snapshot, Timeline};
use crate::measures::blocs;
use crate::model::{DenseIndex, Layer};
use graph::LocalGraph;
use std::collections::BTreeMap;
use std::ops::RangeInclusive;

choice!(
    /// Where nodes go.
    LayoutKind, "layout", [
    /// Stable across years: each year's stress layout anchored to a reference of all years.
    Stable = "stable",
    /// Each year's own stress layout, components packed, isolates in a band.
    Stress = "stress",
    /// One evenly spaced ring of the states with a tie, ordered by bloc then region; isolates
    /// in the band.
    Circle = "circle",
    /// One disc per COW region, the discs on a ring.
    Region = "region",
]);

/// A point in layout units.
pub type Point = [f64; 2];

/// Largest graph laid out with full (all-pairs) stress; larger ones use sparse stress.
pub const DENSE_LIMIT: usize = 1000;

/// The stable layout's default anchoring weight α (the CLI's, the Python package's and the
/// report's).
pub const DEFAULT_ANCHORING: f64 = 0.05;

/// How positions are computed. Every field's default is stated on it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutOptions {
    /// The algorithm. Default: [`LayoutKind::Stable`].
    pub kind: LayoutKind,
    /// Anchoring weight α ∈ [0, 0.99] of the stable layout: the share of the reference
    /// position in each update (0: each year free, only started from the reference). Default: 0.05.
    pub anchoring: f64,
    /// Whether isolates are drawn (the region layout puts them in their discs). Default: shown.
    pub isolates: Isolates,
    /// Width / height of the drawing area (component packing). Default: 4/3.
    pub aspect: f64,
    /// Seed of the bloc search that orders the circle. Default: 0.
    pub seed: u64,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            kind: LayoutKind::Stable,
            anchoring: DEFAULT_ANCHORING,
            isolates: Isolates::Show,
            aspect: 4.0 / 3.0,
            seed: 0,
        }
    }
}

/// The positions of one year's states.
#[derive(Debug, Clone, PartialEq)]
pub struct YearLayout {
    /// The year.
    pub year: i32,
    /// The year's nodes (dense indices, COW-code order, as in its snapshot).
    pub nodes: Vec<DenseIndex>,
    /// Per node, its position in layout units; `None`: a state without a tie, placed in the
    /// isolate band by the picture (the ring layouts give every node a position).
    pub points: Vec<Option<Point>>,
    /// The box (min, max) the picture frames, joined with the points' own extent (`None`: the
    /// points' extent alone). The stable layout's frame reaches a little beyond the points,
    /// toward the reference places of the year's states ([`dynamic::Reference::frame`]), so
    /// that the scale holds from year to year.
    pub frame: Option<(Point, Point)>,
}

/// The positions of every year of `years` (inclusive, in order) of `layer`.
///
/// This is the one function behind every network picture (through [`Layouter`]): for
/// [`LayoutKind::Stable`] a year's positions depend only on that year and on the reference
/// layout of all years of `timeline`, so they are the same whichever range is asked for.
/// Deterministic (no thread-order effects).
///
/// # Errors
/// [`QueryError::YearOutOfRange`] when a year lies outside the timeline.
pub fn positions(
    graph: &AllianceGraph,
    timeline: &Timeline,
    layer: Layer,
    years: RangeInclusive<i32>,
    options: &LayoutOptions,
) -> Result<Vec<YearLayout>, QueryError> {
    Layouter::new(graph, timeline, layer, options)?.years(years)
}

/// A layout prepared for one layer (for the stable layout: its reference of all years), that
/// places the nodes of any snapshot of that layer.
#[derive(Debug, Clone)]
pub struct Layouter<'g> {
    graph: &'g AllianceGraph,
    timeline: &'g Timeline,
    layer: Layer,
    options: LayoutOptions,
    reference: Option<dynamic::Reference>,
}

impl<'g> Layouter<'g> {
    /// Prepares `options.kind` for `layer` (the stable layout computes its reference here).
    ///
    /// # Errors
    /// [`QueryError`] if the timeline cannot build its own years.
    pub fn new(
        graph: &'g AllianceGraph,
        timeline: &'g Timeline,
        layer: Layer,
        options: &LayoutOptions,
    ) -> Result<Self, QueryError> {
        let reference = match options.kind {
            LayoutKind::Stable => Some(dynamic::Reference::new(graph, timeline, layer)?),
            _ => None,
        };
        Ok(Layouter { graph, timeline, layer, options: *options, reference })
    }

    /// The positions of every year of `years`, in parallel across years, in year order.
    ///
    /// # Errors
    /// [`QueryError::YearOutOfRange`] when a year lies outside the timeline.
    pub fn years(&self, years: RangeInclusive<i32>) -> Result<Vec<YearLayout>, QueryError> {
        let years = self.timeline.select(Some(years))?;
        map_years(self.graph, self.timeline, years, self.layer, |_: &mut (), year, snap: &Snapshot| {
            let (points, frame) = self.snapshot(snap);
            Ok::<_, QueryError>(YearLayout { year, nodes: snap.nodes.clone(), points, frame })
        })
    }

    /// The positions of `snap`'s nodes (snapshot order) and the frame ([`YearLayout::frame`])
    /// — a year's or a day's snapshot of the prepared layer.
    pub fn snapshot(&self, snap: &Snapshot) -> (Vec<Option<Point>>, Option<(Point, Point)>) {
        if let (LayoutKind::Stable, Some(r)) = (self.options.kind, &self.reference) {
            let alpha = self.options.anchoring.clamp(0.0, 0.99);
            let mut points = r.year(snap, alpha);
            let main = gather_components(snap, &mut points);
            let frame = r.frame(snap, &points, &main);
            return (points, frame);
        }
        (self.points(snap), None)
    }

    /// The positions of the layouts without a frame.
    fn points(&self, snap: &Snapshot) -> Vec<Option<Point>> {
        let states = &self.graph.data.states;
        match self.options.kind {
            LayoutKind::Stable => vec![None; snap.nodes.len()],
            LayoutKind::Stress => stress_components(snap, self.options.aspect),
            LayoutKind::Circle | LayoutKind::Region => {
                // The ring holds the states with a tie; isolates go to the band under it, as in
                // the force layouts (on the ring they took a third of it in sparse years).
                let isolates =
                    if self.options.kind == LayoutKind::Circle { Isolates::Hide } else { self.options.isolates };
                let drawn: Vec<usize> = drawn_nodes(snap, isolates);
                let nodes: Vec<DenseIndex> = drawn.iter().map(|&i| snap.nodes[i]).collect();
                let points = if self.options.kind == LayoutKind::Circle {
                    let local: Vec<(u32, u32)> = snap
                        .edges
                        .iter()
                        .filter_map(|e| Some((snap.local_index(e.a)? as u32, snap.local_index(e.b)? as u32)))
                        .collect();
                    let p = blocs::blocs(snap.nodes.len(), &local, 1.0, self.options.seed);
                    let all = singletons_to_none(&p.bloc);
                    let bloc: Vec<Option<u32>> = drawn.iter().map(|&i| all.get(i).copied().flatten()).collect();
                    circle::ring(&circle::ring_order(states, &nodes, &bloc))
                } else {
                    region::region_discs(states, &nodes)
                };
                let mut out = vec![None; snap.nodes.len()];
                for (&i, p) in drawn.iter().zip(points) {
                    out[i] = Some(p);
                }
                out
            }
        }
    }
}

/// Moves the components of a year's positions toward its largest one ([`gather`]) and
/// returns the largest one's nodes (local indices).
fn gather_components(snap: &Snapshot, points: &mut [Option<Point>]) -> Vec<u32> {
    let edges: Vec<(u32, u32)> = snap
        .edges
        .iter()
        .filter_map(|e| Some((snap.local_index(e.a)? as u32, snap.local_index(e.b)? as u32)))
        .collect();
    let comps: Vec<Vec<u32>> = LocalGraph::new(snap.nodes.len(), &edges)
        .components()
        .into_iter()
        .filter(|c| c.len() > 1 && c.iter().all(|&v| points.get(v as usize).is_some_and(Option::is_some)))
        .collect();
    let mut dense: Vec<Point> = points.iter().map(|p| p.unwrap_or([0.0, 0.0])).collect();
    // The median edge length: the scale of the gaps left between components.
    let mut lengths: Vec<f64> = edges
        .iter()
        .map(|&(a, b)| {
            let (p, q) = (dense[a as usize], dense[b as usize]);
            ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt()
        })
        .collect();
    lengths.sort_by(f64::total_cmp);
    let unit = lengths.get(lengths.len() / 2).copied().unwrap_or(1.0);
    gather::gather(&mut dense, &comps, unit);
    for comp in &comps {
        for &v in comp {
            points[v as usize] = Some(dense[v as usize]);
        }
    }
    comps.into_iter().next().unwrap_or_default()
}

/// Local indices of the nodes that are drawn: all, or those with a tie.
fn drawn_nodes(snap: &Snapshot, isolates: Isolates) -> Vec<usize> {
    let degree = snap.degrees();
    (0..snap.nodes.len()).filter(|&i| isolates == Isolates::Show || degree[i] > 0).collect()
}

/// A year on its own: stress majorization of each connected component with a tie (pivot MDS
/// start; sparse stress above [`DENSE_LIMIT`]), components packed largest first, one hop
/// apart; isolates `None`.
pub fn stress_components(snap: &Snapshot, aspect: f64) -> Vec<Option<Point>> {
    let n = snap.nodes.len();
    let edges: Vec<(u32, u32)> = snap
        .edges
        .iter()
        .filter_map(|e| Some((snap.local_index(e.a)? as u32, snap.local_index(e.b)? as u32)))
        .collect();
    let g = LocalGraph::new(n, &edges);
    let comps: Vec<Vec<u32>> = g.components().into_iter().filter(|c| c.len() > 1).collect();
    let mut laid: Vec<Vec<Point>> = comps
        .iter()
        .map(|c| {
            let sub = g.induced(c);
            let mut pos = mds::pivot_mds(&sub);
            open_a_line(&mut pos);
            let terms = if sub.len() <= DENSE_LIMIT {
                stress::Terms::full(&sub.all_pairs(), sub.len())
            } else {
                sparse::sparse_terms(&sub, sparse::SPARSE_PIVOTS)
            };
            stress::majorize(&terms, &mut pos, None, stress::StressParams::default());
            pos
        })
        .collect();
    pack::pack(&mut laid, 0.75, aspect);
    let mut out = vec![None; n];
    for (c, pos) in comps.iter().zip(laid) {
        for (&v, p) in c.iter().zip(pos) {
            out[v as usize] = Some(p);
        }
    }
    out
}

/// Moves the points of a start that lies on one line (pivot MDS gives a triangle's three
/// states one line: their two pivots see them alike) off that line by a deterministic few
/// percent of its length: stress majorization keeps a collinear start collinear, and would hide
/// an edge of the triangle under the other two (1939's GUA–NIC–HON).
pub fn open_a_line(pos: &mut [Point]) {
    if pos.len() < 3 {
        return;
    }
    let n = pos.len() as f64;
    let (mx, my) = pos.iter().fold((0.0, 0.0), |(x, y), p| (x + p[0] / n, y + p[1] / n));
    let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
    for p in pos.iter() {
        let (dx, dy) = (p[0] - mx, p[1] - my);
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    // Eigenvalues of the 2×2 scatter matrix: the spread along and across the main direction.
    let half_trace = (sxx + syy) / 2.0;
    let root = (((sxx - syy) / 2.0).powi(2) + sxy * sxy).sqrt();
    let (along, across) = (half_trace + root, half_trace - root);
    if along <= 1e-18 || across > 1e-6 * along {
        return;
    }
    // The main direction (eigenvector of `along`) and its normal.
    let angle = 0.5 * (2.0 * sxy).atan2(sxx - syy);
    let normal = [-angle.sin(), angle.cos()];
    let length = (along / n).sqrt();
    for (i, p) in pos.iter_mut().enumerate() {
        // Alternating sides, growing slowly: 0.1, −0.1, 0.2, −0.2, … of the spread.
        let k = (i / 2 + 1) as f64 * if i % 2 == 0 { 1.0 } else { -1.0 };
        let off = 0.1 * length * k / (1.0 + (i / 2) as f64 * 0.5);
        *p = [p[0] + normal[0] * off, p[1] + normal[1] * off];
    }
}

/// Labels of blocs with one member become `None`.
pub(crate) fn singletons_to_none(labels: &[u32]) -> Vec<Option<u32>> {
    let mut count: BTreeMap<u32, usize> = BTreeMap::new();
    for &l in labels {
        *count.entry(l).or_default() += 1;
    }
    labels.iter().map(|l| (count.get(l).copied().unwrap_or(0) > 1).then_some(*l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_triangle_from_a_line_becomes_a_triangle() {
        // Three points on the line y = x: opened, then majorized to the K3's equal sides.
        let mut pos = vec![[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]];
        open_a_line(&mut pos);
        let area = |p: &[Point]| {
            ((p[1][0] - p[0][0]) * (p[2][1] - p[0][1]) - (p[2][0] - p[0][0]) * (p[1][1] - p[0][1])).abs() / 2.0
        };
        assert!(area(&pos) > 1e-3, "{pos:?}");
        let g = LocalGraph::new(3, &[(0, 1), (1, 2), (0, 2)]);
        let terms = stress::Terms::full(&g.all_pairs(), 3);
        stress::majorize(&terms, &mut pos, None, stress::StressParams::default());
        let d = |a: Point, b: Point| ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt();
        for (a, b) in [(0, 1), (1, 2), (0, 2)] {
            assert!((d(pos[a], pos[b]) - 1.0).abs() < 0.02, "{pos:?}");
        }
        // Points already spread are left alone.
        let mut square = vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]];
        open_a_line(&mut square);
        assert_eq!(square, vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]);
    }

    #[test]
    fn choices_parse() {
        assert_eq!("Region".parse::<LayoutKind>(), Ok(LayoutKind::Region));
        let err = "spring".parse::<LayoutKind>().unwrap_err().to_string();
        assert_eq!(err, "unknown layout \"spring\": expected one of stable, stress, circle, region");
    }
}
