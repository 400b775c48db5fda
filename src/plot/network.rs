//! The network picture of one year (or day) and layer.
//!
//! [`NetworkPlotter`] prepares everything once for a range of years (the stable layout, the
//! node metric from [`crate::analysis`], the blocs from [`crate::measures::blocs`]) and then
//! turns each period into a [`NetworkScene`]: positions, sizes, colours and texts.
//! [`draw_network`] draws a scene on any plotters backend.
//!
//! Drawing conventions: an edge with several obligation types is drawn once, in the colour of its
//! strongest type (defense > offense > neutrality > nonaggression > consultation,
//! [`crate::ObligationSet::strongest`]), weaker types first so the strong ones lie on top; its
//! width grows with log₂ of its weight (alliances). Node area is proportional to the metric,
//! relative to its largest value over all prepared years, so sizes compare across a film.

use super::layout::{Layout, Point};
use super::style::{self, Metrics, Region, FONT};
use super::{draw_error, Isolates, Labels, NodeColor, PlotError, PlotOptions, PlotResult};
use crate::analysis::{self, Level, MetricRequest, NodeMetric};
use crate::graph::{AllianceGraph, Period, Snapshot, SnapshotBuilder, Timeline};
use crate::measures::blocs::{self, BlocRequest};
use crate::model::{Layer, Obligation};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::ops::RangeInclusive;

/// One node of a scene.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneNode {
    /// Text label (COW abbreviation, or the code when there is none).
    pub label: String,
    /// Position in the unit square.
    pub pos: Point,
    /// Size in 0..=1 (node area ∝ size); 0.5 when nodes have one size.
    pub size: f64,
    /// Fill colour.
    pub fill: RGBColor,
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
    /// What node area shows (`None`: nothing).
    pub size_note: Option<String>,
    /// A large counter (the year, in animations) in the legend panel.
    pub counter: Option<String>,
}

/// Prepares the network scenes of a range of years for one layer: the layout once, the node
/// metric and the blocs of every year once.
#[derive(Debug)]
pub struct NetworkPlotter<'g> {
    graph: &'g AllianceGraph,
    timeline: &'g Timeline,
    layer: Layer,
    options: PlotOptions,
    years: RangeInclusive<i32>,
    layout: Layout,
    /// Per year, the metric of each node in snapshot order.
    sizes: BTreeMap<i32, Vec<f64>>,
    /// Largest metric value over the prepared years.
    size_max: f64,
    /// Per year, each node's bloc label (`None` for a one-state bloc).
    blocs: BTreeMap<i32, Vec<Option<u32>>>,
    /// Per prepared year, the refined positions of its nodes (snapshot order).
    positions: BTreeMap<i32, Vec<Point>>,
    /// The camera: the bounding box (min, max) of every refined position of every prepared year,
    /// mapped onto the picture.
    camera: (Point, Point),
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
        let layout = Layout::new(graph, timeline, options.layout, options.seed);
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
        let size_max = sizes.values().flatten().copied().fold(0.0, f64::max);
        let mut bloc_map = BTreeMap::new();
        if options.color == NodeColor::Community {
            let request =
                BlocRequest { years: Some(years.clone()), layer, seed: options.seed, ..BlocRequest::default() };
            for y in blocs::yearly_blocs(graph, timeline, &request)?.years {
                bloc_map.insert(y.year, singletons_to_none(&y.labels));
            }
        }
        let year_list: Vec<i32> = years.clone().collect();
        let refined: Vec<(i32, Vec<Point>)> = year_list
            .par_iter()
            .map_init(
                || (SnapshotBuilder::new(graph, timeline), Snapshot::default()),
                |(builder, snap), &y| match builder.build_into(Period::Year(y), layer, snap) {
                    Ok(()) => (y, layout.refine(snap)),
                    Err(_) => (y, Vec::new()),
                },
            )
            .collect();
        let positions: BTreeMap<i32, Vec<Point>> = refined.into_iter().collect();
        let camera = camera(positions.values().flatten());
        Ok(NetworkPlotter {
            positions,
            camera,
            graph,
            timeline,
            layer,
            options: options.clone(),
            years,
            layout,
            sizes,
            size_max,
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

    /// The layout (anchor positions).
    pub fn layout(&self) -> &Layout {
        &self.layout
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
        let bloc_labels = self.bloc_labels(snap, period);
        let (lo, hi) = self.camera;
        let positions: Vec<Point> = self
            .year_positions(snap, period)
            .into_iter()
            .map(|p| {
                let f = |i: usize| {
                    let span = hi[i] - lo[i];
                    if span > 1e-9 {
                        ((p[i] - lo[i]) / span).clamp(0.0, 1.0)
                    } else {
                        0.5
                    }
                };
                [f(0), f(1)]
            })
            .collect();
        let states = &self.graph.data.states;
        let mut degree = vec![0u32; n];
        let mut local_edges = Vec::with_capacity(snap.edges.len());
        for e in &snap.edges {
            let (Some(a), Some(b)) = (snap.local_index(e.a), snap.local_index(e.b)) else { continue };
            degree[a] += 1;
            degree[b] += 1;
            let kind = e.types.strongest().unwrap_or(Obligation::Consultation);
            local_edges.push(SceneEdge { a, b, weight: e.weight, kind });
        }
        let keep: Vec<bool> = degree.iter().map(|&d| d > 0 || self.options.isolates == Isolates::Show).collect();
        let mut new_index = vec![usize::MAX; n];
        let mut nodes = Vec::with_capacity(n);
        for i in (0..n).filter(|&i| keep[i]) {
            let st = states.state(snap.nodes[i]);
            let fill = match self.options.color {
                NodeColor::Region => Region::of(st.id).color(),
                NodeColor::Community => style::bloc_color(bloc_labels.get(i).copied().flatten()),
                NodeColor::None => style::NEUTRAL,
            };
            let size = match &values {
                Some(v) if max > 0.0 => (v.get(i).copied().unwrap_or(0.0) / max).clamp(0.0, 1.0),
                Some(_) => 0.0,
                None => 0.5,
            };
            let label = if st.abbr.is_empty() { st.id.to_string() } else { st.abbr.clone() };
            new_index[i] = nodes.len();
            nodes.push(SceneNode { label, pos: positions[i], size, fill });
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
        let title = format!("Alliances {when}, layer {}: {} states, {} ties{hidden}", self.layer, n, snap.edges.len())
            + &style::filter_suffix(&self.graph.data);
        let node_legend = match self.options.color {
            NodeColor::Region => {
                let mut present: Vec<Region> = nodes_regions(snap, states);
                present.dedup();
                ("Node colour: region".to_string(), present.iter().map(|r| (r.name().to_string(), r.color())).collect())
            }
            NodeColor::Community => (
                "Node colour: bloc".to_string(),
                vec![
                    ("Louvain bloc (colours cycle)".to_string(), style::BLOC_COLORS[0]),
                    ("state alone".to_string(), style::NEUTRAL),
                ],
            ),
            NodeColor::None => (String::new(), Vec::new()),
        };
        Ok(NetworkScene {
            title,
            caption: self.caption.clone(),
            nodes,
            edges,
            labels: self.options.labels,
            node_legend,
            size_note: self.options.size.map(|m| format!("Node area: {m}")),
            counter: None,
        })
    }

    /// Refined positions of `snap`'s nodes: cached for a prepared year, computed for a day.
    fn year_positions(&self, snap: &Snapshot, period: Period) -> Vec<Point> {
        match period {
            Period::Year(y) => match self.positions.get(&y) {
                Some(p) if p.len() == snap.nodes.len() => p.clone(),
                _ => self.layout.refine(snap),
            },
            Period::Date(_) => self.layout.refine(snap),
        }
    }

    /// The size metric of each node of `snap` and the value that maps to the largest size.
    fn node_values(&self, snap: &Snapshot, period: Period) -> PlotResult<(Option<Vec<f64>>, f64)> {
        let Some(metric) = self.options.size else { return Ok((None, 0.0)) };
        match period {
            Period::Year(y) => Ok((Some(self.sizes.get(&y).cloned().unwrap_or_default()), self.size_max)),
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

    /// Bloc label of each node of `snap` (`None`: alone, or no blocs asked for).
    fn bloc_labels(&self, snap: &Snapshot, period: Period) -> Vec<Option<u32>> {
        if self.options.color != NodeColor::Community {
            return Vec::new();
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
                singletons_to_none(&p.bloc)
            }
        }
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

/// The bounding box of `points` (the unit square when there are none).
fn camera<'a>(points: impl Iterator<Item = &'a Point>) -> (Point, Point) {
    let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for p in points {
        for i in 0..2 {
            lo[i] = lo[i].min(p[i]);
            hi[i] = hi[i].max(p[i]);
        }
    }
    if lo[0] > hi[0] {
        ([0.0; 2], [1.0; 2])
    } else {
        (lo, hi)
    }
}

/// Labels of blocs with one member become `None` (drawn grey).
fn singletons_to_none(labels: &[u32]) -> Vec<Option<u32>> {
    let mut count: BTreeMap<u32, usize> = BTreeMap::new();
    for &l in labels {
        *count.entry(l).or_default() += 1;
    }
    labels.iter().map(|l| (count.get(l).copied().unwrap_or(0) > 1).then_some(*l)).collect()
}

fn nodes_regions(snap: &Snapshot, states: &crate::model::StateIndex) -> Vec<Region> {
    let mut r: Vec<Region> = snap.nodes.iter().map(|&v| Region::of(states.state(v).id)).collect();
    r.sort();
    r
}

/// A pixel rectangle: left, top, right, bottom.
pub(crate) type Rect = (i32, i32, i32, i32);

fn overlaps(a: Rect, b: Rect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

fn circle_hits_rect(c: (i32, i32), r: i32, rect: Rect) -> bool {
    let nx = c.0.clamp(rect.0, rect.2);
    let ny = c.1.clamp(rect.1, rect.3);
    let (dx, dy) = (i64::from(c.0 - nx), i64::from(c.1 - ny));
    dx * dx + dy * dy < i64::from(r) * i64::from(r)
}

/// Chooses label boxes: nodes by decreasing size, each trying right, left, above, below. `Auto`
/// keeps a label only where it overlaps no earlier label and no other node; `All` keeps every
/// label (at its first free place, else at the right).
pub(crate) fn place_labels(
    centres: &[(i32, i32)],
    radii: &[i32],
    sizes: &[(i32, i32)],
    order: &[usize],
    mode: Labels,
    bounds: Rect,
) -> Vec<Option<Rect>> {
    let mut placed: Vec<Option<Rect>> = vec![None; centres.len()];
    if mode == Labels::None {
        return placed;
    }
    let mut taken: Vec<Rect> = Vec::new();
    for &i in order {
        let ((x, y), r, (w, h)) = (centres[i], radii[i], sizes[i]);
        let gap = 2;
        let candidates = [
            (x + r + gap, y - h / 2),
            (x - r - gap - w, y - h / 2),
            (x - w / 2, y - r - gap - h),
            (x - w / 2, y + r + gap),
        ];
        let rects = candidates.map(|(l, t)| (l, t, l + w, t + h));
        let inside = |b: &Rect| b.0 >= bounds.0 && b.1 >= bounds.1 && b.2 <= bounds.2 && b.3 <= bounds.3;
        let free = |b: &Rect| {
            inside(b)
                && !taken.iter().any(|t| overlaps(*t, *b))
                && !centres.iter().zip(radii).enumerate().any(|(j, (&c, &rj))| j != i && circle_hits_rect(c, rj, *b))
        };
        let choice = match rects.iter().find(|b| free(b)) {
            Some(b) => Some(*b),
            None if mode == Labels::All => rects.iter().find(|b| inside(b)).copied().or(Some(rects[0])),
            None => None,
        };
        if let Some(b) = choice {
            taken.push(b);
            placed[i] = Some(b);
        }
    }
    placed
}

/// Draws `scene` on `area`: title on top, caption at the bottom, legend panel on the right
/// (never over the network), the network in the rest.
///
/// # Errors
/// [`PlotError::Font`] or [`PlotError::Draw`] when the backend fails.
pub fn draw_network<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, scene: &NetworkScene) -> PlotResult<()>
where
    DB::ErrorType: 'static,
{
    style::register_fonts()?;
    let err = draw_error::<DB::ErrorType>("network");
    area.fill(&style::PAPER).map_err(&err)?;
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let m = Metrics::for_size(w as u32, h as u32);
    let title_font = (FONT, m.font(28.0)).into_font().style(FontStyle::Bold).color(&style::INK);
    let caption_font = (FONT, m.font(15.0)).into_font().color(&style::MUTED);
    let label_font = (FONT, m.font(14.0)).into_font().color(&style::INK);
    let pad = m.px(24.0);

    // Title and caption bands.
    let title_h = (m.font(28.0) * 2.0) as i32;
    let caption_h = (m.font(15.0) * 2.2) as i32;
    area.draw_text(&scene.title, &title_font.pos(Pos::new(HPos::Left, VPos::Center)), (pad, title_h / 2))
        .map_err(&err)?;
    area.draw_text(&scene.caption, &caption_font.pos(Pos::new(HPos::Left, VPos::Center)), (pad, h - caption_h / 2))
        .map_err(&err)?;

    // Legend panel on the right.
    let legend_w = draw_legend(area, scene, m, (w, title_h, h - caption_h))?;

    // The network.
    let r_min = f64::from(m.px(4.0));
    let r_max = f64::from(m.px(18.0));
    let (x0, y0, x1, y1) =
        (pad + r_max as i32, title_h + r_max as i32, w - legend_w - pad - r_max as i32, h - caption_h - r_max as i32);
    let to_px = |p: Point| -> (i32, i32) {
        (x0 + (p[0] * f64::from(x1 - x0)).round() as i32, y0 + (p[1] * f64::from(y1 - y0)).round() as i32)
    };
    let centres: Vec<(i32, i32)> = scene.nodes.iter().map(|n| to_px(n.pos)).collect();
    let radii: Vec<i32> =
        scene.nodes.iter().map(|n| (r_min + (r_max - r_min) * n.size.sqrt()).round() as i32).collect();
    for e in &scene.edges {
        let (Some(&a), Some(&b)) = (centres.get(e.a), centres.get(e.b)) else { continue };
        let width = (1.0 + 1.4 * f64::from(e.weight).log2()).min(6.0) * m.scale.max(0.5);
        let color = style::obligation_color(e.kind).mix(0.6).stroke_width(width.round().max(1.0) as u32);
        area.draw(&PathElement::new(vec![a, b], color)).map_err(&err)?;
    }
    for (i, n) in scene.nodes.iter().enumerate() {
        area.draw(&Circle::new(centres[i], radii[i], n.fill.filled())).map_err(&err)?;
        area.draw(&Circle::new(centres[i], radii[i], style::OUTLINE.stroke_width(1))).map_err(&err)?;
    }
    if scene.labels != Labels::None {
        let mut sizes = Vec::with_capacity(scene.nodes.len());
        for n in &scene.nodes {
            let (tw, th) = area.estimate_text_size(&n.label, &label_font).map_err(&err)?;
            sizes.push((tw as i32, th as i32));
        }
        let mut order: Vec<usize> = (0..scene.nodes.len()).collect();
        order.sort_by(|&a, &b| scene.nodes[b].size.total_cmp(&scene.nodes[a].size).then(a.cmp(&b)));
        let bounds = (pad / 2, title_h, w - legend_w - pad / 2, h - caption_h);
        let boxes = place_labels(&centres, &radii, &sizes, &order, scene.labels, bounds);
        for (n, b) in scene.nodes.iter().zip(boxes) {
            if let Some((l, t, _, _)) = b {
                area.draw_text(&n.label, &label_font, (l, t)).map_err(&err)?;
            }
        }
    }
    Ok(())
}

/// Draws the legend in a right-hand panel between `top` and `bottom`; returns its width.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &NetworkScene,
    m: Metrics,
    (w, top, bottom): (i32, i32, i32),
) -> PlotResult<i32>
where
    DB::ErrorType: 'static,
{
    let err = draw_error::<DB::ErrorType>("legend");
    let head = (FONT, m.font(16.0)).into_font().style(FontStyle::Bold).color(&style::INK);
    let body = (FONT, m.font(15.0)).into_font().color(&style::INK);
    let line_h = (m.font(15.0) * 1.6) as i32;
    let swatch = m.px(34.0).max(18);
    let gap = m.px(10.0).max(6);
    let mut lines: Vec<(bool, String)> = vec![(true, "Ties, by strongest type".into())];
    lines.extend(Obligation::ALL.iter().map(|o| (false, o.name().to_string())));
    lines.push((false, "width: alliances".into()));
    if !scene.node_legend.1.is_empty() {
        lines.push((true, scene.node_legend.0.clone()));
        lines.extend(scene.node_legend.1.iter().map(|(t, _)| (false, t.clone())));
    }
    if let Some(s) = &scene.size_note {
        lines.push((true, s.clone()));
    }
    let mut text_w = 0;
    for (is_head, t) in &lines {
        let f = if *is_head { &head } else { &body };
        let (tw, _) = area.estimate_text_size(t, f).map_err(&err)?;
        text_w = text_w.max(tw as i32 + if *is_head { 0 } else { swatch + gap });
    }
    let panel_w = text_w + 2 * gap + m.px(20.0);
    let x = w - panel_w + gap;
    let mut y = top + line_h / 2;
    let left = Pos::new(HPos::Left, VPos::Center);
    let draw_head = |t: &str, y: &mut i32| -> PlotResult<()> {
        *y += line_h / 3;
        area.draw_text(t, &head.pos(left), (x, *y)).map_err(&err)?;
        *y += line_h;
        Ok(())
    };
    draw_head("Ties, by strongest type", &mut y)?;
    for o in Obligation::ALL {
        let style = style::obligation_color(o).stroke_width(m.px(4.0).max(2) as u32);
        area.draw(&PathElement::new(vec![(x, y), (x + swatch, y)], style)).map_err(&err)?;
        area.draw_text(o.name(), &body.pos(left), (x + swatch + gap, y)).map_err(&err)?;
        y += line_h;
    }
    let thin = style::MUTED.stroke_width(1);
    let thick = style::MUTED.stroke_width(m.px(6.0).max(3) as u32);
    area.draw(&PathElement::new(vec![(x, y - line_h / 5), (x + swatch, y - line_h / 5)], thin)).map_err(&err)?;
    area.draw(&PathElement::new(vec![(x, y + line_h / 5), (x + swatch, y + line_h / 5)], thick)).map_err(&err)?;
    area.draw_text("width: alliances", &body.pos(left), (x + swatch + gap, y)).map_err(&err)?;
    y += line_h;
    if !scene.node_legend.1.is_empty() {
        draw_head(&scene.node_legend.0, &mut y)?;
        let r = m.px(8.0).max(4);
        for (t, c) in &scene.node_legend.1 {
            let centre = (x + swatch / 2, y);
            area.draw(&Circle::new(centre, r, c.filled())).map_err(&err)?;
            area.draw(&Circle::new(centre, r, style::OUTLINE.stroke_width(1))).map_err(&err)?;
            area.draw_text(t, &body.pos(left), (x + swatch + gap, y)).map_err(&err)?;
            y += line_h;
        }
    }
    if let Some(s) = &scene.size_note {
        draw_head(s, &mut y)?;
    }
    if let Some(c) = &scene.counter {
        let size = m.font(64.0);
        let font = (FONT, size).into_font().style(FontStyle::Bold).color(&style::MUTED);
        let y_counter = (bottom - (size * 0.8) as i32).max(y + size as i32);
        area.draw_text(c, &font.pos(Pos::new(HPos::Left, VPos::Center)), (x, y_counter)).map_err(&err)?;
    }
    Ok(panel_w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_labels_never_overlap_each_other_or_other_nodes() {
        // A 10 × 10 grid of nodes 30 px apart with 40 × 12 px labels: not all fit.
        let centres: Vec<(i32, i32)> = (0..100).map(|i| (50 + 30 * (i % 10), 50 + 30 * (i / 10))).collect();
        let radii = vec![5; 100];
        let sizes = vec![(40, 12); 100];
        let order: Vec<usize> = (0..100).collect();
        let bounds = (0, 0, 400, 400);
        let auto = place_labels(&centres, &radii, &sizes, &order, Labels::Auto, bounds);
        let boxes: Vec<Rect> = auto.iter().flatten().copied().collect();
        assert!(!boxes.is_empty() && boxes.len() < 100, "{}", boxes.len());
        for (i, a) in boxes.iter().enumerate() {
            assert!(boxes[i + 1..].iter().all(|b| !overlaps(*a, *b)), "{a:?} overlaps");
        }
        for (i, b) in auto.iter().enumerate() {
            if let Some(b) = b {
                let hits = centres.iter().enumerate().filter(|&(j, &c)| j != i && circle_hits_rect(c, 5, *b)).count();
                assert_eq!(hits, 0, "label of node {i} covers another node");
            }
        }
        let all = place_labels(&centres, &radii, &sizes, &order, Labels::All, bounds);
        assert!(all.iter().all(Option::is_some));
        assert!(place_labels(&centres, &radii, &sizes, &order, Labels::None, bounds).iter().all(Option::is_none));
    }
}
