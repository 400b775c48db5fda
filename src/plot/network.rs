//! The network picture of one year (or day) and layer.
//!
//! [`NetworkPlotter`] prepares everything once for a range of years (the positions from
//! [`super::layout::positions`], the node metric from [`crate::analysis`], the blocs from
//! [`crate::measures::blocs`] and their colours) and then turns each period into a
//! [`NetworkScene`]: positions, sizes, colours and texts. [`network_geometry`] turns a scene
//! into pixels ([`NetworkGeometry`]), and [`draw_network`] draws exactly that geometry on any
//! plotters backend, so PNG, SVG and the `--positions` file agree.
//!
//! Drawing conventions: an edge with several obligation types is drawn once, in the colour of its
//! strongest type (defense > offense > neutrality > nonaggression > consultation,
//! [`crate::ObligationSet::strongest`]), weaker types first so the strong ones lie on top; its
//! width grows with log₂ of its weight (alliances). Node area is proportional to the metric,
//! relative to its largest value over all prepared years, so sizes compare across a film; the
//! legend shows three reference circles and three reference edge widths.
//!
//! Figure controls ([`PlotOptions`]): the palette (colour, or greyscale with dashed edge types),
//! the text size, and highlighted states, each drawn with a ring and a bold label while the
//! other states and the edges that touch no highlighted state are faded ([`Emphasis`]).

use super::geometry::{heading_font, radius, text_size, NetworkGeometry};
use super::layout::{LayoutKind, LayoutOptions, Layouter, Point, YearLayout};
use super::style::{self, edge_width, Metrics, Region, FONT};
use super::{draw_error, Isolates, Labels, NodeColor, Palette, PlotError, PlotOptions, PlotResult};
use crate::analysis::{self, Level, MetricRequest, NodeMetric};
use crate::graph::{AllianceGraph, Period, Snapshot, SnapshotBuilder, Timeline};
use crate::measures::blocs::{self, BlocRequest};
use crate::model::{Layer, Obligation};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::collections::BTreeMap;
use std::ops::RangeInclusive;

/// One node of a scene.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneNode {
    /// COW code.
    pub ccode: u16,
    /// Text label (COW abbreviation, or the code when there is none).
    pub label: String,
    /// Position in layout units; `None`: drawn in the isolate band under the drawing.
    pub pos: Option<Point>,
    /// Size in 0..=1 (node area ∝ size); 0.5 when nodes have one size.
    pub size: f64,
    /// Fill colour.
    pub fill: RGBColor,
    /// Bloc label when coloured by bloc (`None`: alone, or not coloured by bloc).
    pub bloc: Option<u32>,
    /// Whether it stands out ([`PlotOptions::highlight`]).
    pub emphasis: Emphasis,
}

/// How a node is drawn when states are highlighted ([`PlotOptions::highlight`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emphasis {
    /// Nothing is highlighted: drawn as usual.
    Plain,
    /// Highlighted: a ring around the node ([`NetworkGeometry::ring`]) and a bold label,
    /// always drawn.
    Highlight,
    /// Another state is highlighted: fill, outline and label at [`style::FADED`] opacity.
    Faded,
}

/// One edge of a scene.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SceneEdge {
    /// First endpoint (index into the scene's nodes).
    pub a: usize,
    /// Second endpoint.
    pub b: usize,
    /// Number of alliances (line width).
    pub weight: u32,
    /// The type it is drawn in: the strongest of its types.
    pub kind: Obligation,
}

/// Everything [`draw_network`] draws.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkScene {
    /// Title: period, layer, node and edge counts.
    pub title: String,
    /// Source caption at the bottom.
    pub caption: String,
    /// Nodes, in drawing order.
    pub nodes: Vec<SceneNode>,
    /// Edges, in drawing order.
    pub edges: Vec<SceneEdge>,
    /// Which labels to draw.
    pub labels: Labels,
    /// Heading and entries of the node-colour legend (empty: no such legend).
    pub node_legend: (String, Vec<(String, RGBColor)>),
    /// Heading of the node-area legend and its reference values with their sizes (0..=1).
    pub size_legend: Option<(String, Vec<(String, f64)>)>,
    /// A large counter (the year, in animations) in the legend panel.
    pub counter: Option<String>,
    /// Nodes lie on a ring that overlap removal must not bend (the circle layout).
    pub ring: bool,
    /// The layout box the picture frames ([`super::layout::YearLayout::frame`]).
    pub frame: Option<(Point, Point)>,
    /// The types the legend lists: those of the data's source.
    pub obligations: &'static [Obligation],
    /// The palette (edge strokes and legend swatches; the node fills are already in the nodes).
    pub palette: Palette,
    /// Body text size in points ([`PlotOptions::font_size`]; `None`: pactnet's size).
    pub font_size: Option<f64>,
}

impl NetworkScene {
    /// The sizes of a `width` × `height` picture of this scene, with its text size.
    pub fn metrics(&self, width: u32, height: u32) -> Metrics {
        Metrics::for_size(width, height).with_font_size(self.font_size)
    }

    /// Whether edge `e` is faded: some state is highlighted and it touches none.
    pub fn faded_edge(&self, e: &SceneEdge) -> bool {
        let emphasis = |i: usize| self.nodes.get(i).map_or(Emphasis::Plain, |n| n.emphasis);
        emphasis(e.a) == Emphasis::Faded && emphasis(e.b) == Emphasis::Faded
    }

    /// The edges in drawing order: the faded ones first (in their order), then the others, so
    /// the edges of highlighted states lie on top.
    pub fn edges_in_drawing_order(&self) -> impl Iterator<Item = &SceneEdge> {
        let faded = self.edges.iter().filter(|e| self.faded_edge(e));
        faded.chain(self.edges.iter().filter(|e| !self.faded_edge(e)))
    }
}

/// The bloc colours ([`style::BLOC_COLORS`]), pairwise distinct within a picture.
pub use style::BLOC_COLORS as BLOC_PALETTE;

/// Fill of the blocs beyond the twelfth (smallest first to lose a colour).
pub use style::OTHER_BLOC;

/// A year's positions (snapshot order) and frame ([`super::layout::YearLayout`]).
type Placed = (Vec<Option<Point>>, Option<(Point, Point)>);

/// Per year: each node's bloc label (`None`: alone) and each coloured label's palette index.
type YearColours = (Vec<Option<u32>>, BTreeMap<u32, usize>);

/// Prepares the network scenes of a range of years for one layer: the positions, the node
/// metric and the blocs (with their colours) of every year once.
#[derive(Debug)]
pub struct NetworkPlotter<'g> {
    graph: &'g AllianceGraph,
    timeline: &'g Timeline,
    layer: Layer,
    options: PlotOptions,
    years: RangeInclusive<i32>,
    layouter: Layouter<'g>,
    /// Per year, the metric of each node in snapshot order.
    sizes: BTreeMap<i32, Vec<f64>>,
    /// Per year, each node's bloc and the colours of the blocs.
    blocs: BTreeMap<i32, YearColours>,
    /// Per prepared year, the positions of its nodes (snapshot order) and its frame.
    positions: BTreeMap<i32, Placed>,
    caption: String,
}

impl<'g> NetworkPlotter<'g> {
    /// Prepares `years` (inclusive) of `layer` with `options`.
    ///
    /// # Errors
    /// [`PlotError::BadSize`] for an unusable picture size; [`PlotError::Query`] when a year
    /// lies outside the data.
    pub fn new(
        graph: &'g AllianceGraph,
        timeline: &'g Timeline,
        layer: Layer,
        options: &PlotOptions,
        years: RangeInclusive<i32>,
    ) -> PlotResult<Self> {
        options.check()?;
        let years = timeline.select(Some(years))?;
        let layouter = Layouter::new(graph, timeline, layer, &layout_options(options))?;
        let layouts = layouter.years(years.clone())?;
        Self::on_layout(graph, timeline, layer, options, years, layouter, &layouts)
    }

    /// Prepares `years` of `layer` with the places of another layout: `layouter` (for days) and
    /// its `layouts` of (at least) these years — so that the pictures of several layers of a
    /// year show each state in one place (the report draws layer `defense` on layer `any`'s
    /// layout). A year missing from `layouts` is laid out by `layouter` when drawn.
    ///
    /// # Errors
    /// As [`NetworkPlotter::new`].
    pub fn on_layout(
        graph: &'g AllianceGraph,
        timeline: &'g Timeline,
        layer: Layer,
        options: &PlotOptions,
        years: RangeInclusive<i32>,
        layouter: Layouter<'g>,
        layouts: &[YearLayout],
    ) -> PlotResult<Self> {
        options.check()?;
        let years = timeline.select(Some(years))?;
        let positions: BTreeMap<i32, Placed> =
            layouts.iter().filter(|y| years.contains(&y.year)).map(|y| (y.year, (y.points.clone(), y.frame))).collect();
        let mut sizes = BTreeMap::new();
        if let Some(metric) = options.size {
            let request = MetricRequest {
                years: Some(years.clone()),
                layers: vec![layer],
                level: Level::Node,
                node_metrics: vec![metric],
                ..MetricRequest::default()
            };
            let tables = analysis::run(graph, timeline, &request)?;
            for row in tables.node_rows() {
                sizes.entry(row.year).or_insert_with(Vec::new).push(cell_value(row.cell(metric)));
            }
        }
        let mut bloc_map = BTreeMap::new();
        if options.color == NodeColor::Community {
            let request =
                BlocRequest { years: Some(years.clone()), layer, seed: options.seed, ..BlocRequest::default() };
            let mut previous: BTreeMap<u32, usize> = BTreeMap::new();
            for y in blocs::yearly_blocs(graph, timeline, &request)?.years {
                let labels = super::layout::singletons_to_none(&y.labels);
                let colours = bloc_colours(&labels, &previous, options.palette.blocs().len());
                previous = colours.clone();
                bloc_map.insert(y.year, (labels, colours));
            }
        }
        Ok(NetworkPlotter {
            positions,
            graph,
            timeline,
            layer,
            options: options.clone(),
            years,
            layouter,
            sizes,
            blocs: bloc_map,
            caption: style::data_caption(&graph.data),
        })
    }

    /// The prepared years.
    pub fn years(&self) -> RangeInclusive<i32> {
        self.years.clone()
    }

    /// The options.
    pub fn options(&self) -> &PlotOptions {
        &self.options
    }

    /// The positions (layout units, snapshot order, `None`: isolate band) of a prepared year.
    pub fn positions(&self, year: i32) -> Option<&[Option<Point>]> {
        self.positions.get(&year).map(|(p, _)| p.as_slice())
    }

    /// The scene of `period` (a prepared year, or any day of the data).
    ///
    /// # Errors
    /// [`PlotError::Query`] for a period outside the data or a year that was not prepared;
    /// [`PlotError::MetricNeedsYear`] for a day sized by a metric other than degree or strength.
    pub fn scene(&self, period: Period) -> PlotResult<NetworkScene> {
        let mut builder = SnapshotBuilder::new(self.graph, self.timeline);
        let mut snap = Snapshot::default();
        self.scene_with(&mut builder, &mut snap, period)
    }

    /// As [`NetworkPlotter::scene`], reusing a builder and a snapshot (one per thread).
    ///
    /// # Errors
    /// As [`NetworkPlotter::scene`].
    pub fn scene_with(
        &self,
        builder: &mut SnapshotBuilder<'_>,
        snap: &mut Snapshot,
        period: Period,
    ) -> PlotResult<NetworkScene> {
        if let Period::Year(y) = period {
            if !self.years.contains(&y) {
                return Err(crate::error::QueryError::YearOutOfRange {
                    year: y,
                    first: *self.years.start(),
                    last: *self.years.end(),
                }
                .into());
            }
        }
        builder.build_into(period, self.layer, snap)?;
        let n = snap.nodes.len();
        let (values, max) = self.node_values(snap, period)?;
        let (bloc_labels, colours) = self.bloc_labels(snap, period);
        let (positions, frame) = match period {
            Period::Year(y) => match self.positions.get(&y) {
                Some(p) if p.0.len() == n => p.clone(),
                _ => self.layouter.snapshot(snap),
            },
            Period::Date(_) => self.layouter.snapshot(snap),
        };
        let states = &self.graph.data.states;
        let mut degree = vec![0u32; n];
        let mut local_edges = Vec::with_capacity(snap.edges.len());
        for e in &snap.edges {
            let (Some(a), Some(b)) = (snap.local_index(e.a), snap.local_index(e.b)) else { continue };
            degree[a] += 1;
            degree[b] += 1;
            let kind = e.types.strongest().unwrap_or(self.graph.data.source.weakest());
            local_edges.push(SceneEdge { a, b, weight: e.weight, kind });
        }
        let keep: Vec<bool> = degree.iter().map(|&d| d > 0 || self.options.isolates == Isolates::Show).collect();
        let palette = self.options.palette;
        let bloc_fills = palette.blocs();
        let mut new_index = vec![usize::MAX; n];
        let mut nodes = Vec::with_capacity(n);
        let mut size_of = vec![0.0; n];
        for i in (0..n).filter(|&i| keep[i]) {
            let st = states.state(snap.nodes[i]);
            let bloc = bloc_labels.get(i).copied().flatten();
            let fill = match self.options.color {
                NodeColor::Region => palette.region(Region::of(st.id)),
                NodeColor::Community => match bloc {
                    Some(b) => colours.get(&b).map_or(palette.other_bloc(), |&c| bloc_fills[c % bloc_fills.len()]),
                    None => palette.neutral(),
                },
                NodeColor::None => palette.neutral(),
            };
            let size = match &values {
                Some(v) if max > 0.0 => (v.get(i).copied().unwrap_or(0.0) / max).clamp(0.0, 1.0),
                Some(_) => 0.0,
                None => 0.5,
            };
            size_of[i] = size;
            let label = if st.abbr.is_empty() { st.id.to_string() } else { st.abbr.clone() };
            new_index[i] = nodes.len();
            let pos = positions.get(i).copied().flatten();
            let emphasis = if self.options.highlight.is_empty() {
                Emphasis::Plain
            } else if self.options.highlight.contains(&st.id) {
                Emphasis::Highlight
            } else {
                Emphasis::Faded
            };
            nodes.push(SceneNode { ccode: st.id.0, label, pos, size, fill, bloc, emphasis });
        }
        let mut edges: Vec<SceneEdge> =
            local_edges.into_iter().map(|e| SceneEdge { a: new_index[e.a], b: new_index[e.b], ..e }).collect();
        // Weaker types first, so stronger ones are drawn on top; then by weight and endpoints.
        edges.sort_by_key(|e| (std::cmp::Reverse(e.kind), e.weight, e.a, e.b));
        let hidden = if self.options.isolates == Isolates::Hide { ", isolates hidden" } else { "" };
        // A multi-year window names its years (the first ones of the data have fewer).
        let when = match period {
            Period::Year(y) if self.timeline.window() > 1 => {
                let first = (y + 1 - self.timeline.window() as i32).max(*self.timeline.years().start());
                format!("{first}–{y}")
            }
            _ => period.to_string(),
        };
        let title = self.options.title.or(|| {
            format!("Alliances {when}, layer {}: {} states, {} ties{hidden}", self.layer, n, snap.edges.len())
                + &style::filter_suffix(&self.graph.data)
        });
        let node_legend = match self.options.color {
            NodeColor::Region => {
                let mut present: Vec<Region> = nodes.iter().map(|nd| Region::of(crate::StateId(nd.ccode))).collect();
                present.sort();
                present.dedup();
                let entries = present.iter().map(|&r| (r.name().to_string(), palette.region(r))).collect();
                ("Node colour: region".to_string(), entries)
            }
            NodeColor::Community => (
                "Node colour: bloc (Louvain)".to_string(),
                bloc_legend(&nodes, &colours, &size_of, &new_index, palette),
            ),
            NodeColor::None => (String::new(), Vec::new()),
        };
        // Reference values within the range of the drawn nodes' values, sized on the nodes' scale.
        let drawn: Vec<f64> = match &values {
            Some(v) => (0..n).filter(|&i| keep[i]).map(|i| v.get(i).copied().unwrap_or(0.0)).collect(),
            None => Vec::new(),
        };
        let lo = drawn.iter().copied().filter(|&v| v > 0.0).fold(f64::INFINITY, f64::min);
        let hi = drawn.iter().copied().fold(0.0, f64::max);
        let size_legend = self.options.size.filter(|_| max > 0.0 && hi > 0.0).map(|m| {
            let entries = reference_values(lo, hi).into_iter().map(|v| (format_value(v), v / max)).collect();
            (format!("Node area: {m}"), entries)
        });
        Ok(NetworkScene {
            title,
            caption: self.options.caption.or(|| self.caption.clone()),
            nodes,
            edges,
            labels: self.options.labels,
            node_legend,
            size_legend,
            counter: None,
            ring: self.options.layout == LayoutKind::Circle,
            frame,
            obligations: self.graph.data.source.obligations(),
            palette,
            font_size: self.options.font_size,
        })
    }

    /// The size metric of each node of `snap` and the value that maps to the largest size.
    fn node_values(&self, snap: &Snapshot, period: Period) -> PlotResult<(Option<Vec<f64>>, f64)> {
        let Some(metric) = self.options.size else { return Ok((None, 0.0)) };
        match period {
            // Each year on its own scale: a year's picture (sizes, then overlap removal and
            // labels) is the same whichever years were prepared with it.
            Period::Year(y) => {
                let v = self.sizes.get(&y).cloned().unwrap_or_default();
                let max = v.iter().copied().fold(0.0, f64::max);
                Ok((Some(v), max))
            }
            // A day is not a yearly snapshot: the analysis tables do not cover it, but degree
            // and strength are read off the snapshot itself.
            Period::Date(_) => {
                let v: Vec<f64> = match metric {
                    NodeMetric::Degree => snap.degrees().into_iter().map(f64::from).collect(),
                    NodeMetric::Strength => {
                        let mut s = vec![0.0; snap.nodes.len()];
                        for e in &snap.edges {
                            for v in [e.a, e.b] {
                                if let Some(i) = snap.local_index(v) {
                                    s[i] += f64::from(e.weight);
                                }
                            }
                        }
                        s
                    }
                    other => return Err(PlotError::MetricNeedsYear { metric: other }),
                };
                let max = v.iter().copied().fold(0.0, f64::max);
                Ok((Some(v), max))
            }
        }
    }

    /// Bloc label of each node of `snap` (`None`: alone, or no blocs asked for) and the colour
    /// of each coloured bloc.
    fn bloc_labels(&self, snap: &Snapshot, period: Period) -> YearColours {
        if self.options.color != NodeColor::Community {
            return (Vec::new(), BTreeMap::new());
        }
        match period {
            Period::Year(y) => self.blocs.get(&y).cloned().unwrap_or_default(),
            Period::Date(_) => {
                let local: Vec<(u32, u32)> = snap
                    .edges
                    .iter()
                    .filter_map(|e| Some((snap.local_index(e.a)? as u32, snap.local_index(e.b)? as u32)))
                    .collect();
                let p = blocs::blocs(snap.nodes.len(), &local, 1.0, self.options.seed);
                let labels = super::layout::singletons_to_none(&p.bloc);
                let colours = bloc_colours(&labels, &BTreeMap::new(), self.options.palette.blocs().len());
                (labels, colours)
            }
        }
    }
}

/// The layout options of a picture.
pub fn layout_options(options: &PlotOptions) -> LayoutOptions {
    LayoutOptions {
        kind: options.layout,
        anchoring: options.anchoring,
        isolates: options.isolates,
        aspect: f64::from(options.width.max(1)) * 0.8 / f64::from(options.height.max(1)),
        seed: options.seed,
    }
}

/// Colours of a year's blocs of two or more states: the `count` largest get distinct palette
/// colours (indices below `count`), each keeping its colour of the previous year (`previous`)
/// when still free.
pub(crate) fn bloc_colours(
    labels: &[Option<u32>],
    previous: &BTreeMap<u32, usize>,
    count: usize,
) -> BTreeMap<u32, usize> {
    let mut size: BTreeMap<u32, usize> = BTreeMap::new();
    for l in labels.iter().flatten() {
        *size.entry(*l).or_default() += 1;
    }
    let mut ranked: Vec<(u32, usize)> = size.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(count);
    let mut used = vec![false; count];
    let mut out = BTreeMap::new();
    for &(l, _) in &ranked {
        if let Some(&c) = previous.get(&l) {
            if c < used.len() && !used[c] {
                used[c] = true;
                out.insert(l, c);
            }
        }
    }
    for &(l, _) in &ranked {
        if out.contains_key(&l) {
            continue;
        }
        if let Some(c) = (0..used.len()).find(|&c| !used[c]) {
            used[c] = true;
            out.insert(l, c);
        }
    }
    out
}

/// Legend entries of the coloured blocs, largest first: "USA, UKG, FRN … (28)" (members by
/// node size, then code), then the shared colour of the others and grey for states alone.
fn bloc_legend(
    nodes: &[SceneNode],
    colours: &BTreeMap<u32, usize>,
    size_of: &[f64],
    new_index: &[usize],
    palette: Palette,
) -> Vec<(String, RGBColor)> {
    let fills = palette.blocs();
    // Size of each drawn node, by scene index.
    let mut scene_size = vec![0.0; nodes.len()];
    for (i, &k) in new_index.iter().enumerate() {
        if let Some(s) = scene_size.get_mut(k) {
            *s = size_of[i];
        }
    }
    let mut members: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (k, nd) in nodes.iter().enumerate() {
        if let Some(b) = nd.bloc {
            members.entry(b).or_default().push(k);
        }
    }
    let mut coloured: Vec<(u32, Vec<usize>)> =
        members.iter().filter(|(b, _)| colours.contains_key(b)).map(|(b, m)| (*b, m.clone())).collect();
    coloured.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    let mut out = Vec::new();
    for (b, mut m) in coloured {
        m.sort_by(|&x, &y| scene_size[y].total_cmp(&scene_size[x]).then(nodes[x].ccode.cmp(&nodes[y].ccode)));
        let names: Vec<&str> = m.iter().take(3).map(|&k| nodes[k].label.as_str()).collect();
        let more = if m.len() > 3 { " …" } else { "" };
        let c = colours.get(&b).map_or(palette.other_bloc(), |&c| fills[c % fills.len()]);
        out.push((format!("{}{more} ({})", names.join(", "), m.len()), c));
    }
    let others = members.keys().filter(|b| !colours.contains_key(b)).count();
    if others > 0 {
        out.push((format!("{others} smaller blocs"), palette.other_bloc()));
    }
    if nodes.iter().any(|nd| nd.bloc.is_none()) {
        out.push(("state alone".to_string(), palette.neutral()));
    }
    out
}

/// Up to three reference values for the node-area legend, largest first: round numbers of the
/// 1-2-5 series (…, 0.5, 1, 2, 5, 10, 20, …) within `lo..=hi` (the smallest positive and the
/// largest value drawn): the largest such number and those at or just under a quarter and a
/// sixteenth of it, filled from the smallest when fewer are distinct. With no such number in
/// the range: the 1-2-5 number just under `hi`.
fn reference_values(lo: f64, hi: f64) -> Vec<f64> {
    if !(hi > 0.0 && hi.is_finite()) {
        return Vec::new();
    }
    let lo = if lo > 0.0 && lo <= hi { lo } else { hi };
    // Series values m·10^e: divide by a power of ten for e < 0, so 0.02 is the nearest float.
    let nice = |m: f64, e: i32| if e < 0 { m / 10f64.powi(-e) } else { m * 10f64.powi(e) };
    let tol = 1e-9 * hi;
    let mut ladder = Vec::new();
    let mut e = lo.log10().floor() as i32 - 1;
    while nice(1.0, e) <= hi + tol && ladder.len() < 64 {
        for m in [1.0, 2.0, 5.0] {
            let v = nice(m, e);
            if v >= lo - tol && v <= hi + tol {
                ladder.push(v);
            }
        }
        e += 1;
    }
    let Some(&top) = ladder.last() else {
        let e = hi.log10().floor() as i32;
        let below = [5.0, 2.0, 1.0].into_iter().map(|m| nice(m, e)).find(|&v| v <= hi + tol);
        return below.into_iter().collect();
    };
    let mut out = vec![top];
    for target in [top / 4.0, top / 16.0] {
        let pick = ladder.iter().rev().copied().find(|&v| v <= target + tol).unwrap_or(ladder[0]);
        if !out.contains(&pick) {
            out.push(pick);
        }
    }
    for &v in &ladder {
        if out.len() >= 3 {
            break;
        }
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out.sort_by(|a, b| b.total_cmp(a));
    out
}

/// A legend number: integers without decimals, others with up to three significant digits.
fn format_value(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        let decimals = (2 - v.abs().log10().floor() as i32).clamp(0, 12) as usize;
        let s = format!("{v:.decimals$}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A numeric table cell as a float (text reads 0).
fn cell_value(c: crate::io::table::Cell<'_>) -> f64 {
    match c {
        crate::io::table::Cell::Int(i) => i as f64,
        crate::io::table::Cell::Float(f) => f,
        _ => 0.0,
    }
}

/// One line of the legend.
enum LegendLine {
    Head(String),
    Tie(Obligation),
    Width(u32),
    Swatch(String, RGBColor),
    Area(String, f64),
    /// The highlighted states, beside a ringed circle.
    Ring(String),
}

/// The legend line of the highlighted states: up to six labels, then how many more.
fn highlight_line(scene: &NetworkScene) -> Option<String> {
    let names: Vec<&str> =
        scene.nodes.iter().filter(|n| n.emphasis == Emphasis::Highlight).map(|n| n.label.as_str()).collect();
    match names.len() {
        0 => None,
        k if k <= 6 => Some(names.join(", ")),
        k => Some(format!("{} and {} more", names[..5].join(", "), k - 5)),
    }
}

fn legend_lines(scene: &NetworkScene) -> Vec<LegendLine> {
    let mut lines = Vec::new();
    // Only the types drawn: a defense picture lists defense alone.
    let drawn: Vec<Obligation> =
        scene.obligations.iter().copied().filter(|&o| scene.edges.iter().any(|e| e.kind == o)).collect();
    if !drawn.is_empty() {
        lines.push(LegendLine::Head("Ties, by strongest type".into()));
        lines.extend(drawn.into_iter().map(LegendLine::Tie));
        lines.push(LegendLine::Head("Edge width: alliances".into()));
        lines.extend([1, 2, 5].map(LegendLine::Width));
    }
    if !scene.node_legend.1.is_empty() {
        lines.push(LegendLine::Head(scene.node_legend.0.clone()));
        lines.extend(scene.node_legend.1.iter().map(|(t, c)| LegendLine::Swatch(t.clone(), *c)));
    }
    if let Some((head, entries)) = &scene.size_legend {
        lines.push(LegendLine::Head(head.clone()));
        lines.extend(entries.iter().map(|(t, s)| LegendLine::Area(t.clone(), *s)));
    }
    if let Some(names) = highlight_line(scene) {
        lines.push(LegendLine::Head("Highlighted".into()));
        lines.push(LegendLine::Ring(names));
    }
    lines
}

/// Width of the legend column of `scene` in a `width` × `height` picture.
fn legend_width(scene: &NetworkScene, m: Metrics) -> PlotResult<i32> {
    style::register_fonts()?;
    let head = heading_font(m);
    let body = (FONT, m.font(15.0)).into_font();
    let swatch = m.px(40.0).max(20);
    let gap = m.px(10.0).max(6);
    let mut text_w = 0;
    for line in legend_lines(scene) {
        let w = match &line {
            LegendLine::Head(t) => text_size(&head, t)?.0,
            LegendLine::Tie(o) => text_size(&body, o.name())?.0 + swatch + gap,
            LegendLine::Width(k) => text_size(&body, &k.to_string())?.0 + swatch + gap,
            LegendLine::Swatch(t, _) | LegendLine::Area(t, _) | LegendLine::Ring(t) => {
                text_size(&body, t)?.0 + swatch + gap
            }
        };
        text_w = text_w.max(w);
    }
    Ok(text_w + 2 * gap + m.px(20.0))
}

/// The pixel geometry of `scene` in a `width` × `height` picture: what [`draw_network`] draws
/// and what `--positions` writes.
///
/// # Errors
/// [`PlotError::Font`] if the embedded font cannot be read.
pub fn network_geometry(scene: &NetworkScene, width: u32, height: u32) -> PlotResult<NetworkGeometry> {
    let m = scene.metrics(width, height);
    let legend_w = legend_width(scene, m)?;
    NetworkGeometry::new(scene, width, height, legend_w)
}

/// Draws `scene` on `area`: title on top, caption at the bottom, legend column on the right
/// (never over the network), the network in the rest, states without a tie in a band under it.
///
/// # Errors
/// [`PlotError::Font`] or [`PlotError::Draw`] when the backend fails.
pub fn draw_network<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, scene: &NetworkScene) -> PlotResult<()>
where
    DB::ErrorType: 'static,
{
    let (w, h) = area.dim_in_pixel();
    let geo = network_geometry(scene, w, h)?;
    draw_network_geometry(area, scene, &geo)
}

/// Draws `scene` with a geometry made by [`network_geometry`] for this area's size (node
/// centres rounded to whole pixels: plotters' backends draw at integer coordinates).
///
/// # Errors
/// [`PlotError::Font`] or [`PlotError::Draw`] when the backend fails.
pub fn draw_network_geometry<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &NetworkScene,
    geo: &NetworkGeometry,
) -> PlotResult<()>
where
    DB::ErrorType: 'static,
{
    draw_network_without_marks(area, scene, geo)?;
    draw_edges(area, scene, geo)?;
    let err = draw_error::<DB::ErrorType>("network");
    // Faded nodes first, highlighted ones (with their rings) on top.
    for i in geo.mark_order(scene) {
        let n = &scene.nodes[i];
        let (centre, r) = (pixel(geo.centres[i]), geo.radii[i] as u32);
        let alpha = if n.emphasis == Emphasis::Faded { style::FADED } else { 1.0 };
        if n.emphasis == Emphasis::Highlight {
            // The ring as an ink disc with a paper disc inside (a thick bitmap circle outline
            // comes out speckled), under the node.
            let (ring_r, ring_w) = geo.ring(i);
            let half = f64::from(ring_w) / 2.0;
            let outer = (ring_r + half).round() as u32;
            let inner = (ring_r - half).round().max(f64::from(r)) as u32;
            area.draw(&Circle::new(centre, outer, style::INK.filled())).map_err(&err)?;
            area.draw(&Circle::new(centre, inner, style::PAPER.filled())).map_err(&err)?;
        }
        area.draw(&Circle::new(centre, r, n.fill.mix(alpha).filled())).map_err(&err)?;
        area.draw(&Circle::new(centre, r, style::OUTLINE.mix(alpha).stroke_width(1))).map_err(&err)?;
    }
    // A halo in the paper colour behind every label, so that it reads over the edges.
    let k = super::geometry::HALO_PNG;
    for i in geo.mark_order(scene) {
        let (n, b) = (&scene.nodes[i], &geo.labels[i]);
        if let Some((l, t, _, _)) = b {
            let font = geo.label_font(n.emphasis);
            let ink =
                if n.emphasis == Emphasis::Faded { style::INK.mix(style::FADED_TEXT) } else { style::INK.mix(1.0) };
            let halo_font = font.color(&style::PAPER);
            for (dx, dy) in [(-k, -k), (0, -k), (k, -k), (-k, 0), (k, 0), (-k, k), (0, k), (k, k)] {
                area.draw_text(&n.label, &halo_font, (*l + dx, *t + dy)).map_err(&err)?;
            }
            area.draw_text(&n.label, &font.color(&ink), (*l, *t)).map_err(&err)?;
        }
    }
    Ok(())
}

/// A centre's nearest pixel.
fn pixel(c: (f64, f64)) -> (i32, i32) {
    (c.0.round() as i32, c.1.round() as i32)
}

/// Draws everything of `scene` but its marks — edges, node circles and labels — (title, caption,
/// legend, the isolate band's heading): the SVG adds the marks itself, nodes with their
/// fractional centres and dashed edges as one dashed line each
/// ([`NetworkGeometry::add_svg_marks`]); the PNG draws them with [`draw_edges`] and
/// [`draw_network_geometry`].
///
/// # Errors
/// [`PlotError::Font`] or [`PlotError::Draw`] when the backend fails.
pub fn draw_network_without_marks<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &NetworkScene,
    geo: &NetworkGeometry,
) -> PlotResult<()>
where
    DB::ErrorType: 'static,
{
    style::register_fonts()?;
    let err = draw_error::<DB::ErrorType>("network");
    area.fill(&style::PAPER).map_err(&err)?;
    let (w, h) = area.dim_in_pixel();
    let (_, h) = (w as i32, h as i32);
    let m = scene.metrics(w, h as u32);
    let title_font = (FONT, m.font(28.0), FontStyle::Bold).into_font().color(&style::INK);
    let caption_font = (FONT, m.font(15.0)).into_font().color(&style::MUTED);
    let pad = m.px(24.0);
    let left = Pos::new(HPos::Left, VPos::Center);
    area.draw_text(&scene.title, &title_font.pos(left), (pad, geo.title_h / 2)).map_err(&err)?;
    let mut caption = scene.caption.clone();
    // No caption asked for: no note of left-out labels either.
    if geo.left_out > 0 && !caption.is_empty() {
        caption.push_str(&format!(
            "; {} label{} left out where {} would overlap",
            geo.left_out,
            if geo.left_out == 1 { "" } else { "s" },
            if geo.left_out == 1 { "it" } else { "they" }
        ));
    }
    area.draw_text(&caption, &caption_font.pos(left), (pad, h - geo.caption_h / 2)).map_err(&err)?;
    draw_legend(area, scene, geo, m)?;
    if let Some(top) = geo.band_top {
        let heading = (FONT, geo.label_px).into_font().color(&style::MUTED);
        area.draw(&PathElement::new(vec![(pad, top), (geo.legend_x - pad, top)], style::NEUTRAL.stroke_width(1)))
            .map_err(&err)?;
        area.draw_text("No tie in this period (by region, then COW code):", &heading, (pad, top + 3)).map_err(&err)?;
    }
    Ok(())
}

/// Draws the edges of `scene` (centres rounded to pixels), faded ones first
/// ([`NetworkScene::edges_in_drawing_order`]), each in its type's stroke
/// ([`Palette::edge`]) with its width by weight.
///
/// # Errors
/// [`PlotError::Draw`] when the backend fails.
pub fn draw_edges<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &NetworkScene,
    geo: &NetworkGeometry,
) -> PlotResult<()>
where
    DB::ErrorType: 'static,
{
    let err = draw_error::<DB::ErrorType>("network");
    let (w, h) = area.dim_in_pixel();
    let m = scene.metrics(w, h);
    for e in scene.edges_in_drawing_order() {
        let (Some(&a), Some(&b)) = (geo.centres.get(e.a), geo.centres.get(e.b)) else { continue };
        let opacity = if scene.faded_edge(e) { style::FADED_EDGE_OPACITY } else { style::EDGE_OPACITY };
        let stroke = scene.palette.edge(e.kind);
        draw_stroke(area, [pixel(a), pixel(b)], stroke, stroke.color.mix(opacity), edge_width(e.weight, m), m)
            .map_err(&err)?;
    }
    Ok(())
}

/// Draws the line `ends` with `stroke`'s dashes ([`style::dash_lengths`]) in `color` and
/// `width` pixels.
fn draw_stroke<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ends: [(i32, i32); 2],
    stroke: style::EdgeStroke,
    color: RGBAColor,
    width: u32,
    m: Metrics,
) -> Result<(), plotters::drawing::DrawingAreaErrorKind<DB::ErrorType>> {
    let style = color.stroke_width(width);
    match style::dash_lengths(stroke, width, m) {
        None => area.draw(&PathElement::new(ends, style)),
        Some((on, off)) => area.draw(&plotters::element::DashedPathElement::new(ends, on, off, style)),
    }
}

/// Draws the legend in its column, from the title band down.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &NetworkScene,
    geo: &NetworkGeometry,
    m: Metrics,
) -> PlotResult<()>
where
    DB::ErrorType: 'static,
{
    let err = draw_error::<DB::ErrorType>("legend");
    let head = heading_font(m).color(&style::INK);
    let body = (FONT, m.font(15.0)).into_font().color(&style::INK);
    let line_h = (m.font(15.0) * 1.6) as i32;
    let swatch = m.px(40.0).max(20);
    let gap = m.px(10.0).max(6);
    let x = geo.legend_x + gap;
    let bottom = geo.size.1 - geo.caption_h;
    let mut y = geo.title_h + line_h / 2;
    let left = Pos::new(HPos::Left, VPos::Center);
    for line in legend_lines(scene) {
        // Leave the room of the counter free.
        if y > bottom - line_h {
            break;
        }
        match line {
            LegendLine::Head(t) => {
                y += line_h / 3;
                area.draw_text(&t, &head.pos(left), (x, y)).map_err(&err)?;
            }
            LegendLine::Tie(o) => {
                let stroke = scene.palette.edge(o);
                let width = m.px(4.0).max(2) as u32;
                draw_stroke(area, [(x, y), (x + swatch, y)], stroke, stroke.color.mix(1.0), width, m).map_err(&err)?;
                area.draw_text(o.name(), &body.pos(left), (x + swatch + gap, y)).map_err(&err)?;
            }
            LegendLine::Width(k) => {
                let style = style::MUTED.stroke_width(edge_width(k, m));
                area.draw(&PathElement::new(vec![(x, y), (x + swatch, y)], style)).map_err(&err)?;
                area.draw_text(&k.to_string(), &body.pos(left), (x + swatch + gap, y)).map_err(&err)?;
            }
            LegendLine::Swatch(t, c) => {
                let r = m.px(8.0).max(4);
                let centre = (x + swatch / 2, y);
                area.draw(&Rectangle::new([(centre.0 - r, y - r), (centre.0 + r, y + r)], c.filled())).map_err(&err)?;
                area.draw(&Rectangle::new([(centre.0 - r, y - r), (centre.0 + r, y + r)], style::OUTLINE))
                    .map_err(&err)?;
                area.draw_text(&t, &body.pos(left), (x + swatch + gap, y)).map_err(&err)?;
            }
            LegendLine::Area(t, s) => {
                let r = radius(s, geo.r_full, geo.r_min).round().max(1.0) as i32;
                // Reference circles as outlines, so they never read as nodes.
                let step = (2 * r + 4 - line_h).max(0);
                y += step / 2;
                let centre = (x + swatch / 2, y);
                area.draw(&Circle::new(centre, r as u32, style::OUTLINE.stroke_width(1))).map_err(&err)?;
                area.draw_text(&t, &body.pos(left), (x + swatch + gap, y)).map_err(&err)?;
                y += step / 2;
            }
            LegendLine::Ring(t) => {
                let r = m.px(8.0).max(4);
                let centre = (x + swatch / 2, y);
                let (gap_r, ring_w) = super::geometry::ring_size(m);
                let half = f64::from(ring_w) / 2.0;
                let ring_r = f64::from(r) + gap_r;
                area.draw(&Circle::new(centre, (ring_r + half).round() as u32, style::INK.filled())).map_err(&err)?;
                area.draw(&Circle::new(centre, (ring_r - half).round() as u32, style::PAPER.filled())).map_err(&err)?;
                area.draw(&Circle::new(centre, r as u32, style::NEUTRAL.filled())).map_err(&err)?;
                area.draw(&Circle::new(centre, r as u32, style::OUTLINE.stroke_width(1))).map_err(&err)?;
                area.draw_text(&t, &body.pos(left), (x + swatch + gap, y)).map_err(&err)?;
            }
        }
        y += line_h;
    }
    if let Some(c) = &scene.counter {
        let size = m.font(64.0);
        let font = (FONT, size, FontStyle::Bold).into_font().color(&style::MUTED);
        let y_counter = (bottom - (size * 0.8) as i32).max(y + size as i32);
        area.draw_text(c, &font.pos(left), (x, y_counter)).map_err(&err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_distinct_and_kept() {
        // Blocs 7 (3 states), 9 (2), singles; last year 9 had colour 0.
        let labels = [Some(7), Some(7), Some(7), Some(9), Some(9), None];
        let prev = BTreeMap::from([(9, 0)]);
        let c = bloc_colours(&labels, &prev, BLOC_PALETTE.len());
        assert_eq!(c, BTreeMap::from([(9, 0), (7, 1)]));
        // Fourteen blocs of two: twelve colours, all distinct; the two smallest labels... the
        // two last by (size, label) get none.
        let many: Vec<Option<u32>> = (0..28).map(|i| Some(i / 2)).collect();
        let c = bloc_colours(&many, &BTreeMap::new(), BLOC_PALETTE.len());
        assert_eq!(c.len(), 12);
        let distinct: std::collections::BTreeSet<usize> = c.values().copied().collect();
        assert_eq!(distinct.len(), 12);
        assert!(!c.contains_key(&12) && !c.contains_key(&13));
    }

    #[test]
    fn layers_drawn_on_one_layout_put_each_state_in_one_place() {
        use crate::{Dataset, Inputs, LoadOptions, SystemFilter};
        let (data, mut diag) = Dataset::load(&Inputs::sample(), &LoadOptions::default()).expect("the sample loads");
        let graph = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
        let timeline = Timeline::new(&graph);
        let options = PlotOptions { isolates: Isolates::Hide, ..PlotOptions::default() };
        let layouter = Layouter::new(&graph, &timeline, Layer::Any, &layout_options(&options)).expect("a layout");
        let layouts = layouter.years(1955..=1955).expect("1955 is in the sample");
        let any =
            NetworkPlotter::on_layout(&graph, &timeline, Layer::Any, &options, 1955..=1955, layouter.clone(), &layouts)
                .and_then(|p| p.scene(Period::Year(1955)))
                .expect("layer any");
        let defense = Layer::Only(Obligation::Defense);
        let shared = NetworkPlotter::on_layout(&graph, &timeline, defense, &options, 1955..=1955, layouter, &layouts)
            .and_then(|p| p.scene(Period::Year(1955)))
            .expect("layer defense on any's layout");
        let own = NetworkPlotter::new(&graph, &timeline, defense, &options, 1955..=1955)
            .and_then(|p| p.scene(Period::Year(1955)))
            .expect("layer defense on its own layout");
        let place: BTreeMap<u16, Option<Point>> = any.nodes.iter().map(|n| (n.ccode, n.pos)).collect();
        assert!(shared.nodes.len() > 10 && shared.nodes.len() < any.nodes.len(), "{}", shared.nodes.len());
        for n in &shared.nodes {
            assert_eq!(Some(&n.pos), place.get(&n.ccode), "state {} moved between the layers", n.ccode);
        }
        assert_eq!(shared.frame, any.frame);
        // On its own layout the defense picture places states elsewhere: the test can fail.
        assert!(own.nodes.iter().any(|n| place.get(&n.ccode) != Some(&n.pos)));
    }

    #[test]
    fn reference_values_are_round() {
        // Degrees 1..=87: the series in range is 1 2 5 10 20 50; 50, then ≤ 12.5 → 10, ≤ 3.125 → 2.
        assert_eq!(reference_values(1.0, 87.0), vec![50.0, 10.0, 2.0]);
        // 3..=450: 5 … 200; 200, ≤ 50 → 50, ≤ 12.5 → 10.
        assert_eq!(reference_values(3.0, 450.0), vec![200.0, 50.0, 10.0]);
        // 1..=3: only 1 and 2 are in range.
        assert_eq!(reference_values(1.0, 3.0), vec![2.0, 1.0]);
        // 4..=12: 5 and 10; 10, ≤ 2.5 → none, so the smallest (5).
        assert_eq!(reference_values(4.0, 12.0), vec![10.0, 5.0]);
        // 0.004..=0.5 (a centrality): 0.5, ≤ 0.125 → 0.1, ≤ 0.03125 → 0.02.
        assert_eq!(reference_values(0.004, 0.5), vec![0.5, 0.1, 0.02]);
        // 1..=6 with 1 2 5: 5, ≤ 1.25 → 1, then 2 to fill.
        assert_eq!(reference_values(1.0, 6.0), vec![5.0, 2.0, 1.0]);
        // All values 0.37: no series number in range, the one under it.
        assert_eq!(reference_values(0.37, 0.37), vec![0.2]);
        assert_eq!(reference_values(0.0, 0.0), Vec::<f64>::new());
        assert_eq!(format_value(0.02), "0.02");
        assert_eq!(format_value(0.0005), "0.0005");
        assert_eq!(format_value(5.4), "5.4");
        assert_eq!(format_value(20.0), "20");
    }
}
