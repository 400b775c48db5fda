//! The pixel geometry of a network picture, shared by PNG, SVG and the `--positions` file.
//!
//! Place in the flow: layout ([`super::layout`]) → **geometry** → drawing
//! ([`super::network::draw_network`]). [`NetworkGeometry::new`] fits the layout into the
//! drawing area (aspect kept), puts states without a tie in a band under it (ordered by region
//! then COW code), sizes nodes (area ∝ value, never below a minimum radius), removes node
//! overlaps ([`super::layout::overlap`]), and places labels: each tries sixteen candidate
//! boxes around its node (largest nodes first) and is left out where none is free of nodes,
//! other labels and the picture's edges (the legend and title have their own bands). Text is
//! measured with the embedded font, not the backend, so every backend gets the same geometry.

use super::layout::overlap::{overlapping_pairs, remove_overlaps, snap_to_grid};
use super::layout::Point;
use super::network::{Emphasis, NetworkScene};
use super::style::{self, Metrics, Region, FONT};
use super::{Labels, PlotError, PlotResult};
use crate::model::StateId;
use plotters::style::{FontDesc, FontStyle, IntoFont};

/// A pixel rectangle: left, top, right, bottom.
pub type Rect = (i32, i32, i32, i32);

/// Where everything of a network picture goes, in pixels (origin top left).
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkGeometry {
    /// Picture size.
    pub size: (i32, i32),
    /// Height of the title band.
    pub title_h: i32,
    /// Height of the caption band.
    pub caption_h: i32,
    /// Left edge of the legend column.
    pub legend_x: i32,
    /// Node centres, one per scene node, rounded to [`CENTRE_DECIMALS`] decimals (a ring stays
    /// even; the SVG and `--positions` write exactly these values, the PNG rounds them).
    pub centres: Vec<(f64, f64)>,
    /// Node radii.
    pub radii: Vec<i32>,
    /// Label boxes (`None`: not drawn).
    pub labels: Vec<Option<Rect>>,
    /// Labels that did not fit and were left out.
    pub left_out: usize,
    /// Radius of a node of size 1 (the largest value), before the minimum applies.
    pub r_full: f64,
    /// Smallest node radius.
    pub r_min: f64,
    /// Top of the isolate band and its heading (`None`: no band).
    pub band_top: Option<i32>,
    /// Label font size (pixels).
    pub label_px: f64,
    /// The highlight ring's distance outside its node and its line width (pixels,
    /// [`ring_size`]).
    pub ring_size: (f64, u32),
    /// The rectangle the layout is fitted into (left, top, right, bottom): the picture without
    /// its title, caption, legend column and isolate band.
    pub drawing: [f64; 4],
}

/// The highlight ring of a picture with sizes `m`: its distance outside the node's circle and its
/// line width, in pixels (2 and 3 at 1600×1200, at least 1 and 2).
pub fn ring_size(m: Metrics) -> (f64, u32) {
    (f64::from(m.px(2.0)).max(1.0) + 0.5 * f64::from(m.px(3.0).max(2)), m.px(3.0).max(2) as u32)
}

/// The node radius for a size in 0..=1: area ∝ size, never below `r_min`.
pub fn radius(size: f64, r_full: f64, r_min: f64) -> f64 {
    (r_full * size.max(0.0).sqrt()).max(r_min)
}

/// Width and height of `text` in `font`.
pub(crate) fn text_size(font: &FontDesc<'_>, text: &str) -> PlotResult<(i32, i32)> {
    let (w, h) = font.box_size(text).map_err(|e| PlotError::Draw { what: "text", message: e.to_string() })?;
    Ok((w as i32, h as i32))
}

/// Above this many nodes (or when pushing does not settle), overlaps are removed by snapping
/// nodes to a grid (fast, coarser) instead of pushing them apart.
const GRID_SNAP_ABOVE: usize = 1000;

/// Gap between nodes and between a node and its label (pixels).
const GAP: f64 = 2.0;

/// Width of the halo (an outline in the paper colour) behind every SVG label, in pixels: it
/// keeps a label legible over the edges it crosses. The PNG draws it as copies of the label
/// shifted by [`HALO_PNG`] pixels around it.
pub const HALO_SVG: f64 = 3.0;

/// The shift of the PNG label halo's copies (pixels).
pub const HALO_PNG: i32 = 1;

/// Decimals kept in node centres (pixels).
pub const CENTRE_DECIMALS: i32 = 2;

/// `v` rounded to [`CENTRE_DECIMALS`] decimals.
fn round_centre(v: f64) -> f64 {
    let k = 10f64.powi(CENTRE_DECIMALS);
    (v * k).round() / k
}

/// A pixel coordinate as written to the SVG and `--positions`: [`CENTRE_DECIMALS`] decimals at
/// most, trailing zeros dropped (`412.5`, `300`).
pub fn format_coord(v: f64) -> String {
    let s = format!("{:.*}", CENTRE_DECIMALS as usize, round_centre(v));
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.') } else { &s };
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

impl NetworkGeometry {
    /// The geometry of `scene` in a `width` × `height` picture whose legend column is
    /// `legend_w` pixels wide.
    ///
    /// # Errors
    /// [`PlotError::Font`] if the embedded font cannot be read.
    pub fn new(scene: &NetworkScene, width: u32, height: u32, legend_w: i32) -> PlotResult<Self> {
        style::register_fonts()?;
        let (w, h) = (width as i32, height as i32);
        let m = scene.metrics(width, height);
        let pad = m.px(24.0);
        // Without a title or caption, their bands shrink to the margin.
        let title_h = if scene.title.is_empty() { pad } else { (m.font(28.0) * 2.0) as i32 };
        let caption_h = if scene.caption.is_empty() { pad / 2 } else { (m.font(15.0) * 2.2) as i32 };
        let legend_x = w - legend_w;
        let label_px = m.font(14.0);
        let n = scene.nodes.len();
        let mut sizes = Vec::with_capacity(n);
        for node in &scene.nodes {
            sizes.push(text_size(&label_font(label_px, node.emphasis), &node.label)?);
        }
        let area = [f64::from(pad), f64::from(title_h), f64::from(legend_x - pad), f64::from(h - caption_h - pad / 2)];
        let mut r_full = f64::from(m.px(20.0));
        let mut r_min = f64::from(m.px(4.0)).max(2.0);

        // The isolate band: rows of cells under the drawing.
        let band: Vec<usize> = {
            let mut b: Vec<usize> = (0..n).filter(|&i| scene.nodes[i].pos.is_none()).collect();
            b.sort_by_key(|&i| (Region::of(StateId(scene.nodes[i].ccode)), scene.nodes[i].ccode));
            b
        };
        let mut centres_f: Vec<Point> = vec![[0.0, 0.0]; n];
        let mut fixed_labels: Vec<Option<Rect>> = vec![None; n];
        let mut band_top = None;
        let mut bottom = area[3];
        let mut band_r = r_min;
        if !band.is_empty() {
            let label_w = band.iter().map(|&i| sizes[i].0).max().unwrap_or(0);
            let label_h = band.iter().map(|&i| sizes[i].1).max().unwrap_or(0);
            let room_w = area[2] - area[0];
            let with_labels = scene.labels != Labels::None;
            let mut cell_w = 2.0 * band_r + GAP * 3.0 + if with_labels { f64::from(label_w) + 8.0 } else { 4.0 };
            let mut row_h = (2.0 * band_r).max(if with_labels { f64::from(label_h) } else { 0.0 }) + 6.0;
            let heading = f64::from(label_h) * 1.6;
            let rows = |cell_w: f64| (band.len() as f64 / (room_w / cell_w).floor().max(1.0)).ceil();
            let limit = 0.4 * (area[3] - area[1]);
            let mut labelled = with_labels;
            if rows(cell_w) * row_h + heading > limit {
                // Too many for labels: dots only, as small as needed.
                labelled = false;
                band_r =
                    band_r.min(((limit * room_w / band.len() as f64).sqrt() / 2.0 - 1.5).max(1.0)).floor().max(1.0);
                cell_w = 2.0 * band_r + 3.0;
                row_h = 2.0 * band_r + 3.0;
            }
            let per_row = (room_w / cell_w).floor().max(1.0) as usize;
            let top = area[3] - rows(cell_w) * row_h - heading;
            band_top = Some(top.round() as i32);
            for (k, &i) in band.iter().enumerate() {
                let (col, row) = ((k % per_row) as f64, (k / per_row) as f64);
                let cx = area[0] + col * cell_w + band_r + 1.0;
                let cy = top + heading + row * row_h + row_h / 2.0;
                centres_f[i] = [cx.round(), cy.round()];
                if labelled {
                    let (tw, th) = sizes[i];
                    let l = (cx + band_r + GAP + 1.0).round() as i32;
                    let t = (cy - f64::from(th) / 2.0).round() as i32;
                    fixed_labels[i] = Some((l, t, l + tw, t + th));
                }
            }
            bottom = top - 4.0;
        }

        // The drawing: fit the layout, size the nodes, remove overlaps.
        let main: Vec<usize> = (0..n).filter(|&i| scene.nodes[i].pos.is_some()).collect();
        let mut radii_f: Vec<f64> = scene.nodes.iter().map(|node| radius(node.size, r_full, r_min)).collect();
        for &i in &band {
            radii_f[i] = band_r;
        }
        let drawing = [area[0], area[1], area[2], bottom.max(area[1] + 20.0)];
        let pts: Vec<Point> = main.iter().map(|&i| scene.nodes[i].pos.unwrap_or([0.0, 0.0])).collect();
        // Node size scale: the largest node about as wide as the gap between close nodes (the
        // lower quartile of nearest-neighbour distances), so that clusters stay open.
        if !scene.ring && pts.len() > 2 {
            let margin = r_full + 1.0;
            let c = fit(
                &pts,
                scene.frame,
                [drawing[0] + margin, drawing[1] + margin, drawing[2] - margin, drawing[3] - margin],
            );
            if let Some(nn) = nearest_quantile(&c, 0.25) {
                r_full = r_full.min((0.6 * nn).max(r_min * 1.5)).floor();
            }
        }
        // No more than a third of the drawing covered by nodes.
        let room = 0.33 * (drawing[2] - drawing[0]).max(1.0) * (drawing[3] - drawing[1]).max(1.0);
        if !main.is_empty() {
            let n_main = main.len() as f64;
            r_min = r_min.min((room / (std::f64::consts::PI * n_main)).sqrt().floor().max(1.0));
            let total: f64 = main.iter().map(|&i| scene.nodes[i].size.max(0.0)).sum();
            if total > 0.0 {
                r_full = r_full.min((room / (std::f64::consts::PI * total)).sqrt().floor().max(r_min));
            }
        }
        let mut placed = false;
        for _attempt in 0..16 {
            let rs: Vec<f64> = main.iter().map(|&i| radius(scene.nodes[i].size, r_full, r_min).round()).collect();
            let margin = rs.iter().copied().fold(0.0, f64::max) + 1.0;
            let mut c = fit(
                &pts,
                scene.frame,
                [drawing[0] + margin, drawing[1] + margin, drawing[2] - margin, drawing[3] - margin],
            );
            let ok = if scene.ring {
                overlapping_pairs(&c, &rs, GAP, 2.0 * margin + GAP).is_empty()
            } else {
                let fitted = c.clone();
                (c.len() <= GRID_SNAP_ABOVE && remove_overlaps(&mut c, &rs, GAP, drawing, 80)) || {
                    // Too many, or pushing did not settle: snap the fitted positions to a grid.
                    c = fitted;
                    let mut by_size: Vec<usize> = (0..c.len()).collect();
                    by_size.sort_by(|&a, &b| rs[b].total_cmp(&rs[a]).then(a.cmp(&b)));
                    snap_to_grid(&mut c, &rs, GAP, drawing, &by_size)
                }
            };
            if ok {
                for ((&i, p), r) in main.iter().zip(&c).zip(&rs) {
                    centres_f[i] = [round_centre(p[0]), round_centre(p[1])];
                    radii_f[i] = *r;
                }
                placed = true;
                break;
            }
            r_full *= 0.8;
            r_min = (r_min * 0.8).max(1.0);
        }
        if !placed {
            // Smallest dots at the fitted positions (cannot overlap less without a new layout).
            for (&i, p) in main.iter().zip(fit(&pts, scene.frame, drawing)) {
                centres_f[i] = [round_centre(p[0]), round_centre(p[1])];
                radii_f[i] = 1.0;
            }
        }
        let centres: Vec<(f64, f64)> = centres_f.iter().map(|p| (p[0], p[1])).collect();
        let radii: Vec<i32> = radii_f.iter().map(|r| r.round().max(1.0) as i32).collect();

        // Labels: highlighted states first (always labelled), then the largest nodes first; a
        // ringed node's label keeps clear of its ring.
        let ring = ring_size(m);
        let ring_out = (ring.0 + 0.5 * f64::from(ring.1)).ceil() as i32;
        let is_highlight = |i: usize| scene.nodes[i].emphasis == Emphasis::Highlight;
        let label_radii: Vec<i32> =
            radii.iter().enumerate().map(|(i, &r)| if is_highlight(i) { r + ring_out } else { r }).collect();
        let bounds = (pad / 2, title_h, legend_x - pad / 2, h - caption_h);
        let mut order: Vec<usize> = main.clone();
        order.sort_by(|&a, &b| {
            is_highlight(b)
                .cmp(&is_highlight(a))
                .then(scene.nodes[b].size.total_cmp(&scene.nodes[a].size))
                .then(a.cmp(&b))
        });
        let forced = order.iter().filter(|&&i| is_highlight(i)).count();
        let (labels, left_out) =
            place_labels(&centres, &label_radii, &sizes, &order, forced, &fixed_labels, scene.labels, bounds, (w, h));
        let left_out = left_out
            + if scene.labels == Labels::None {
                0
            } else {
                band.iter().filter(|&&i| fixed_labels[i].is_none()).count()
            };
        Ok(NetworkGeometry {
            size: (w, h),
            title_h,
            caption_h,
            legend_x,
            centres,
            radii,
            labels,
            left_out,
            r_full,
            r_min,
            band_top,
            label_px,
            ring_size: ring,
            drawing,
        })
    }

    /// The share (0..=1) of the drawing area ([`NetworkGeometry::drawing`]) that the bounding
    /// box of the nodes `nodes` (scene indices; their circles included) covers: how well a
    /// component uses the frame.
    pub fn box_share(&self, nodes: &[usize]) -> f64 {
        let mut lo = [f64::INFINITY; 2];
        let mut hi = [f64::NEG_INFINITY; 2];
        for &i in nodes {
            let (Some(&(x, y)), Some(&r)) = (self.centres.get(i), self.radii.get(i)) else { continue };
            let r = f64::from(r);
            lo = [lo[0].min(x - r), lo[1].min(y - r)];
            hi = [hi[0].max(x + r), hi[1].max(y + r)];
        }
        let d = self.drawing;
        let area = (d[2] - d[0]) * (d[3] - d[1]);
        if !(hi[0] > lo[0] && area > 0.0) {
            return 0.0;
        }
        ((hi[0] - lo[0]) * (hi[1] - lo[1]) / area).min(1.0)
    }

    /// The `--positions` table: one row per node,
    /// `ccode,abbr,x,y,r,fill,bloc,label_x0,label_y0,label_x1,label_y1` (pixels, origin top
    /// left; `fill` as `#RRGGBB`; `bloc` empty unless coloured by bloc; the label box empty when
    /// the label is not drawn).
    pub fn positions_csv(&self, scene: &NetworkScene) -> String {
        use std::fmt::Write as _;
        let mut out = String::from("ccode,abbr,x,y,r,fill,bloc,label_x0,label_y0,label_x1,label_y1\n");
        for (i, node) in scene.nodes.iter().enumerate() {
            let (x, y) = (format_coord(self.centres[i].0), format_coord(self.centres[i].1));
            let c = node.fill;
            let bloc = node.bloc.map(|b| b.to_string()).unwrap_or_default();
            let label = match self.labels[i] {
                Some((l, t, r, b)) => format!("{l},{t},{r},{b}"),
                None => ",,,".to_string(),
            };
            let _ = writeln!(
                out,
                "{},{},{x},{y},{},#{:02X}{:02X}{:02X},{bloc},{label}",
                node.ccode,
                csv_text(&node.label),
                self.radii[i],
                c.0,
                c.1,
                c.2
            );
        }
        out
    }
}

impl NetworkGeometry {
    /// The order in which nodes and labels are drawn: scene order, highlighted states last (on
    /// top of their neighbours).
    pub fn mark_order(&self, scene: &NetworkScene) -> Vec<usize> {
        let mut order: Vec<usize> = (0..scene.nodes.len()).collect();
        order.sort_by_key(|&i| scene.nodes[i].emphasis == Emphasis::Highlight);
        order
    }

    /// The highlight ring of node `i`: its radius and line width (pixels).
    pub fn ring(&self, i: usize) -> (f64, u32) {
        (f64::from(self.radii.get(i).copied().unwrap_or(0)) + self.ring_size.0, self.ring_size.1)
    }

    /// The label font of a node: bold when highlighted.
    pub fn label_font(&self, emphasis: Emphasis) -> FontDesc<'static> {
        label_font(self.label_px, emphasis)
    }
}

/// The label font of `px` pixels: bold for a highlighted state.
fn label_font(px: f64, emphasis: Emphasis) -> FontDesc<'static> {
    match emphasis {
        Emphasis::Highlight => (FONT, px, FontStyle::Bold).into_font(),
        Emphasis::Plain | Emphasis::Faded => (FONT, px).into_font(),
    }
}

impl NetworkGeometry {
    /// The edges, node circles and label texts of `scene` as SVG elements, with exactly the
    /// centres of [`NetworkGeometry::centres`] and the label boxes of
    /// [`NetworkGeometry::labels`] (what `--positions` writes) and the attributes plotters' SVG
    /// backend gives them: the edges (faded first; a dashed type with `stroke-dasharray`), a
    /// filled circle and its outline per node, then the labels on top.
    pub fn svg_marks(&self, scene: &NetworkScene) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let hex = |c: plotters::style::RGBColor| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
        let outline = hex(style::OUTLINE);
        let ink = hex(style::INK);
        let paper = hex(style::PAPER);
        // Edges as plotters' SVG backend writes a two-point path (so pictures without dashes are
        // what they were), a dashed type as one line with a dash array.
        let m = scene.metrics(self.size.0.max(0) as u32, self.size.1.max(0) as u32);
        for e in scene.edges_in_drawing_order() {
            let (Some(&(ax, ay)), Some(&(bx, by))) = (self.centres.get(e.a), self.centres.get(e.b)) else { continue };
            let opacity = if scene.faded_edge(e) { style::FADED_EDGE_OPACITY } else { style::EDGE_OPACITY };
            let stroke = scene.palette.edge(e.kind);
            let width = style::edge_width(e.weight, m);
            let dash = style::dash_lengths(stroke, width, m)
                .map_or(String::new(), |(on, off)| format!(" stroke-dasharray=\"{on} {off}\""));
            let (ax, ay, bx, by) = (ax.round() as i32, ay.round() as i32, bx.round() as i32, by.round() as i32);
            let _ = writeln!(
                out,
                r#"<polyline fill="none" opacity="{opacity}" stroke="{}" stroke-width="{width}"{dash} points="{ax},{ay} {bx},{by} "/>"#,
                hex(stroke.color)
            );
        }
        let order = self.mark_order(scene);
        for &i in &order {
            let node = &scene.nodes[i];
            let (x, y) = (format_coord(self.centres[i].0), format_coord(self.centres[i].1));
            let r = self.radii[i];
            let fill = hex(node.fill);
            let opacity = if node.emphasis == Emphasis::Faded { style::FADED } else { 1.0 };
            if node.emphasis == Emphasis::Highlight {
                // Under the node, filled with the paper (as in the PNG).
                let (ring_r, ring_w) = self.ring(i);
                let _ = writeln!(
                    out,
                    r#"<circle class="highlight" cx="{x}" cy="{y}" r="{}" opacity="1" fill="{paper}" stroke="{ink}" stroke-width="{ring_w}"/>"#,
                    format_coord(ring_r)
                );
            }
            let _ = writeln!(
                out,
                r#"<circle cx="{x}" cy="{y}" r="{r}" opacity="{opacity}" fill="{fill}" stroke="none" stroke-width="1"/>"#
            );
            let _ = writeln!(
                out,
                r#"<circle cx="{x}" cy="{y}" r="{r}" opacity="{opacity}" fill="none" stroke="{outline}" stroke-width="1"/>"#
            );
        }
        for &i in &order {
            let (node, b) = (&scene.nodes[i], &self.labels[i]);
            if let Some((l, t, _, _)) = b {
                let (opacity, weight) = match node.emphasis {
                    Emphasis::Plain => (1.0, ""),
                    Emphasis::Faded => (style::FADED_TEXT, ""),
                    Emphasis::Highlight => (1.0, " font-weight=\"bold\""),
                };
                let _ = writeln!(
                    out,
                    "<text x=\"{l}\" y=\"{t}\" dy=\"0.76em\" text-anchor=\"start\" font-family=\"{FONT}\" \
                     font-size=\"{}\"{weight} opacity=\"{opacity}\" fill=\"{ink}\" stroke=\"{paper}\" \
                     stroke-width=\"{HALO_SVG}\" stroke-linejoin=\"round\" paint-order=\"stroke\">\n{}\n</text>",
                    self.label_px,
                    xml_text(&node.label)
                );
            }
        }
        out
    }

    /// `svg` (a document drawn without edges, nodes and labels) with
    /// [`NetworkGeometry::svg_marks`] added last, so nodes lie over edges and labels over nodes.
    pub fn add_svg_marks(&self, mut svg: String, scene: &NetworkScene) -> String {
        let at = svg.rfind("</svg>").unwrap_or(svg.len());
        svg.insert_str(at, &self.svg_marks(scene));
        svg
    }
}

/// Text escaped for XML.
fn xml_text(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

/// A CSV field: quoted when it holds a comma or a quote.
fn csv_text(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Maps `pts` into `b` (left, top, right, bottom), the aspect ratio kept, centred: the box of
/// the points joined with `frame`.
fn fit(pts: &[Point], frame: Option<(Point, Point)>, b: [f64; 4]) -> Vec<Point> {
    let (mut lo, mut hi) = super::layout::pack::bounds(pts);
    if let Some((flo, fhi)) = frame.filter(|_| !pts.is_empty()) {
        for a in 0..2 {
            lo[a] = lo[a].min(flo[a]);
            hi[a] = hi[a].max(fhi[a]);
        }
    }
    let (sx, sy) = (hi[0] - lo[0], hi[1] - lo[1]);
    let (rw, rh) = ((b[2] - b[0]).max(0.0), (b[3] - b[1]).max(0.0));
    let s = match (sx > 1e-9, sy > 1e-9) {
        (true, true) => (rw / sx).min(rh / sy),
        (true, false) => rw / sx,
        (false, true) => rh / sy,
        (false, false) => 0.0,
    };
    let (cx, cy) = ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0);
    let (mx, my) = ((lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0);
    pts.iter().map(|p| [cx + (p[0] - mx) * s, cy + (p[1] - my) * s]).collect()
}

/// The `q`-quantile (0..=1) of the distances from each point to its nearest other point
/// (`None` for fewer than two points). A grid of cells about the mean spacing keeps it near O(n).
fn nearest_quantile(pts: &[Point], q: f64) -> Option<f64> {
    let n = pts.len();
    if n < 2 {
        return None;
    }
    let (lo, hi) = super::layout::pack::bounds(pts);
    let area = ((hi[0] - lo[0]).max(1.0)) * ((hi[1] - lo[1]).max(1.0));
    let cell = (area / n as f64).sqrt().max(1.0);
    let key = |p: &Point| (((p[0] - lo[0]) / cell) as i64, ((p[1] - lo[1]) / cell) as i64);
    let mut grid: std::collections::BTreeMap<(i64, i64), Vec<usize>> = std::collections::BTreeMap::new();
    for (i, p) in pts.iter().enumerate() {
        grid.entry(key(p)).or_default().push(i);
    }
    let mut nearest = Vec::with_capacity(n);
    for (i, p) in pts.iter().enumerate() {
        let (cx, cy) = key(p);
        let mut best = f64::INFINITY;
        // Rings of cells until a neighbour is found and the ring is beyond it.
        for ring in 0..64i64 {
            if best <= (ring as f64 - 1.0) * cell {
                break;
            }
            for gx in cx - ring..=cx + ring {
                for gy in cy - ring..=cy + ring {
                    if (gx - cx).abs() != ring && (gy - cy).abs() != ring {
                        continue;
                    }
                    for &j in grid.get(&(gx, gy)).map(Vec::as_slice).unwrap_or(&[]) {
                        if j != i {
                            best = best.min((pts[j][0] - p[0]).hypot(pts[j][1] - p[1]));
                        }
                    }
                }
            }
        }
        if best.is_finite() {
            nearest.push(best);
        }
    }
    nearest.sort_by(f64::total_cmp);
    let k = ((nearest.len() as f64 - 1.0) * q.clamp(0.0, 1.0)).round() as usize;
    nearest.get(k).copied()
}

fn overlaps(a: Rect, b: Rect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

fn circle_hits_rect(c: (f64, f64), r: i32, rect: Rect) -> bool {
    let nx = c.0.clamp(f64::from(rect.0), f64::from(rect.2));
    let ny = c.1.clamp(f64::from(rect.1), f64::from(rect.3));
    let (dx, dy) = (c.0 - nx, c.1 - ny);
    dx * dx + dy * dy < f64::from(r) * f64::from(r)
}

/// A uniform grid of buckets over the picture, for "what is near this box" queries.
struct Grid {
    cell: i32,
    cols: i32,
    rows: i32,
    buckets: Vec<Vec<usize>>,
}

impl Grid {
    fn new(size: (i32, i32), cell: i32) -> Self {
        let cell = cell.max(8);
        let (cols, rows) = (size.0 / cell + 1, size.1 / cell + 1);
        Grid { cell, cols, rows, buckets: vec![Vec::new(); (cols * rows) as usize] }
    }

    fn cells(&self, r: Rect) -> impl Iterator<Item = usize> + '_ {
        let c0 = (r.0 / self.cell).clamp(0, self.cols - 1);
        let c1 = (r.2 / self.cell).clamp(0, self.cols - 1);
        let r0 = (r.1 / self.cell).clamp(0, self.rows - 1);
        let r1 = (r.3 / self.cell).clamp(0, self.rows - 1);
        (r0..=r1).flat_map(move |y| (c0..=c1).map(move |x| (y * self.cols + x) as usize))
    }

    fn insert(&mut self, r: Rect, item: usize) {
        let cells: Vec<usize> = self.cells(r).collect();
        for c in cells {
            self.buckets[c].push(item);
        }
    }

    fn any(&self, r: Rect, mut hit: impl FnMut(usize) -> bool) -> bool {
        self.cells(r).any(|c| self.buckets[c].iter().any(|&i| hit(i)))
    }
}

/// Chooses label boxes. `fixed` boxes (the isolate band) are kept as they are; the others are
/// tried in `order` at sixteen candidate places around the node (right, left, above, below,
/// the four diagonals, each near and a little farther). `Auto` keeps a label only where it is
/// inside `bounds` and overlaps no node and no earlier label; `All` keeps every label (at its
/// first free place, else its first place inside). The first `forced` of `order` are placed as
/// with `All` whatever `mode` says (highlighted states). Returns the boxes and how many were
/// left out.
#[allow(clippy::too_many_arguments)]
pub(crate) fn place_labels(
    centres: &[(f64, f64)],
    radii: &[i32],
    sizes: &[(i32, i32)],
    order: &[usize],
    forced: usize,
    fixed: &[Option<Rect>],
    mode: Labels,
    bounds: Rect,
    size: (i32, i32),
) -> (Vec<Option<Rect>>, usize) {
    let mut placed: Vec<Option<Rect>> = vec![None; centres.len()];
    if mode == Labels::None && forced == 0 {
        return (placed, 0);
    }
    let cell = 2 * radii.iter().copied().max().unwrap_or(4) + 8;
    let mut nodes = Grid::new(size, cell.max(24));
    for (i, (&(x, y), &r)) in centres.iter().zip(radii).enumerate() {
        let (x, y) = (x.round() as i32, y.round() as i32);
        nodes.insert((x - r - 1, y - r - 1, x + r + 1, y + r + 1), i);
    }
    let mut taken = Grid::new(size, 48);
    let mut boxes: Vec<Rect> = Vec::new();
    for (i, f) in fixed.iter().enumerate() {
        if let Some(b) = f {
            placed[i] = Some(*b);
            taken.insert(*b, boxes.len());
            boxes.push(*b);
        }
    }
    let mut left_out = 0;
    let inside = |b: &Rect| b.0 >= bounds.0 && b.1 >= bounds.1 && b.2 <= bounds.2 && b.3 <= bounds.3;
    for (k, &i) in order.iter().enumerate() {
        let mode = if k < forced { Labels::All } else { mode };
        if placed[i].is_some() || mode == Labels::None {
            continue;
        }
        let ((x, y), r, (w, h)) = (centres[i], radii[i], sizes[i]);
        // Candidate boxes from the centre's nearest pixel (the gap covers the rounding).
        let (x, y) = (x.round() as i32, y.round() as i32);
        let mut rects = Vec::with_capacity(16);
        for extra in [0, 6] {
            let g = GAP as i32 + extra;
            let d = ((f64::from(r) + f64::from(g)) * std::f64::consts::FRAC_1_SQRT_2).ceil() as i32;
            for (l, t) in [
                (x + r + g, y - h / 2),
                (x - r - g - w, y - h / 2),
                (x - w / 2, y - r - g - h),
                (x - w / 2, y + r + g),
                (x + d, y - d - h),
                (x + d, y + d),
                (x - d - w, y - d - h),
                (x - d - w, y + d),
            ] {
                rects.push((l, t, l + w, t + h));
            }
        }
        let free = |b: &Rect| {
            inside(b)
                && !taken.any(*b, |k| overlaps(boxes[k], *b))
                && !nodes.any(*b, |j| circle_hits_rect(centres[j], radii[j], *b))
        };
        let choice = match rects.iter().find(|b| free(b)) {
            Some(b) => Some(*b),
            None if mode == Labels::All => rects.iter().find(|b| inside(b)).copied().or(Some(rects[0])),
            None => None,
        };
        match choice {
            Some(b) => {
                taken.insert(b, boxes.len());
                boxes.push(b);
                placed[i] = Some(b);
            }
            None => left_out += 1,
        }
    }
    (placed, left_out)
}

/// The bold heading font of the legend (shared with the drawing).
pub(crate) fn heading_font(m: Metrics) -> FontDesc<'static> {
    (FONT, m.font(16.0), FontStyle::Bold).into_font()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_labels_never_overlap_each_other_or_any_node() {
        // A 10 × 10 grid of nodes 30 px apart with 40 × 12 px labels: not all fit.
        let centres: Vec<(f64, f64)> =
            (0..100).map(|i| (f64::from(50 + 30 * (i % 10)), f64::from(50 + 30 * (i / 10)))).collect();
        let radii = vec![5; 100];
        let sizes = vec![(40, 12); 100];
        let order: Vec<usize> = (0..100).collect();
        let fixed = vec![None; 100];
        let bounds = (0, 0, 400, 400);
        let (auto, left) = place_labels(&centres, &radii, &sizes, &order, 0, &fixed, Labels::Auto, bounds, (400, 400));
        let boxes: Vec<Rect> = auto.iter().flatten().copied().collect();
        assert!(!boxes.is_empty() && boxes.len() < 100, "{}", boxes.len());
        assert_eq!(boxes.len() + left, 100);
        for (i, a) in boxes.iter().enumerate() {
            assert!(boxes[i + 1..].iter().all(|b| !overlaps(*a, *b)), "{a:?} overlaps");
        }
        for b in auto.iter().flatten() {
            let hits = centres.iter().filter(|&&c| circle_hits_rect(c, 5, *b)).count();
            assert_eq!(hits, 0, "label {b:?} covers a node");
        }
        let (all, _) = place_labels(&centres, &radii, &sizes, &order, 0, &fixed, Labels::All, bounds, (400, 400));
        assert!(all.iter().all(Option::is_some));
        let (none, _) = place_labels(&centres, &radii, &sizes, &order, 0, &fixed, Labels::None, bounds, (400, 400));
        assert!(none.iter().all(Option::is_none));
        // Forced labels (highlighted states): drawn under `None`, and first under `Auto`, even
        // where all of a crowded row's places are taken.
        let mut forced_first: Vec<usize> = vec![55, 56, 57];
        forced_first.extend((0..100).filter(|i| !(55..=57).contains(i)));
        let (some, left) =
            place_labels(&centres, &radii, &sizes, &forced_first, 3, &fixed, Labels::None, bounds, (400, 400));
        let drawn: Vec<usize> = (0..100).filter(|&i| some[i].is_some()).collect();
        assert_eq!((drawn, left), (vec![55, 56, 57], 0));
        let (auto, _) =
            place_labels(&centres, &radii, &sizes, &forced_first, 3, &fixed, Labels::Auto, bounds, (400, 400));
        assert!((55..=57).all(|i| auto[i].is_some()));
    }

    #[test]
    fn nearest_distance_quantiles_of_a_grid() {
        // A 5 × 4 grid with spacing 10 and one far point (nearest: the corner (40, 30)).
        let mut pts: Vec<Point> = (0..20).map(|i| [f64::from(i % 5) * 10.0, f64::from(i / 5) * 10.0]).collect();
        pts.push([500.0, 500.0]);
        assert_eq!(nearest_quantile(&pts, 0.5), Some(10.0));
        assert_eq!(nearest_quantile(&pts, 1.0), Some(460.0f64.hypot(470.0)));
        assert_eq!(nearest_quantile(&pts[..1], 0.5), None);
    }

    #[test]
    fn radius_gives_area_proportional_to_size() {
        // size 1 → 20, size 1/4 → 10 (area a quarter), size 0 → the minimum 3.
        assert_eq!(radius(1.0, 20.0, 3.0), 20.0);
        assert_eq!(radius(0.25, 20.0, 3.0), 10.0);
        assert_eq!(radius(0.0, 20.0, 3.0), 3.0);
    }
}
