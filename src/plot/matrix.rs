//! The adjacency matrix of a snapshot as a heat map: states in COW-code order (so grouped by
//! region, with the regions marked), each tie a cell in the colour of its strongest type.

use super::style::{self, Metrics, Region, FONT};
use super::{draw_error, PlotResult};
use crate::graph::{AllianceGraph, Snapshot};
use crate::model::Obligation;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Everything [`draw_matrix`] draws.
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixScene {
    /// Title.
    pub title: String,
    /// Source caption.
    pub caption: String,
    /// Row/column labels (COW abbreviations), in order.
    pub labels: Vec<String>,
    /// Region of each row.
    pub regions: Vec<Region>,
    /// Ties: (row, column, strongest type), row < column; drawn on both sides of the diagonal.
    pub cells: Vec<(usize, usize, Obligation)>,
    /// The types the legend lists: those of the data's source.
    pub obligations: &'static [Obligation],
}

impl MatrixScene {
    /// The matrix of `snap` (its nodes in COW-code order).
    pub fn build(graph: &AllianceGraph, snap: &Snapshot) -> Self {
        let states = &graph.data.states;
        let labels = snap
            .nodes
            .iter()
            .map(|&v| {
                let s = states.state(v);
                if s.abbr.is_empty() {
                    s.id.to_string()
                } else {
                    s.abbr.clone()
                }
            })
            .collect();
        let regions = snap.nodes.iter().map(|&v| Region::of(states.state(v).id)).collect();
        let cells = snap
            .edges
            .iter()
            .filter_map(|e| {
                Some((
                    snap.local_index(e.a)?,
                    snap.local_index(e.b)?,
                    e.types.strongest().unwrap_or(graph.data.source.weakest()),
                ))
            })
            .collect();
        let period = snap.period.map(|p| p.to_string()).unwrap_or_default();
        let layer = snap.layer.map_or("any", |l| l.name());
        MatrixScene {
            title: format!(
                "Alliance matrix {period}, layer {layer}: {} states, {} ties",
                snap.nodes.len(),
                snap.edges.len()
            ) + &style::filter_suffix(&graph.data),
            caption: style::data_caption(&graph.data),
            labels,
            regions,
            cells,
            obligations: graph.data.source.obligations(),
        }
    }
}

/// The smallest text the matrix draws (pixels).
pub const MIN_LABEL_PX: f64 = 12.0;

/// Draws `scene`: the square matrix on the left, the legend on the right; state labels on the
/// axes when cells are at least 9 px, region names otherwise.
///
/// # Errors
/// [`super::PlotError::Font`] or [`super::PlotError::Draw`] when the backend fails.
pub fn draw_matrix<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, scene: &MatrixScene) -> PlotResult<()>
where
    DB::ErrorType: 'static,
{
    style::register_fonts()?;
    let err = draw_error::<DB::ErrorType>("matrix");
    area.fill(&style::PAPER).map_err(&err)?;
    let (w, h) = area.dim_in_pixel();
    let m = Metrics::for_size(w, h);
    let body = super::series::frame(area, &scene.title, &scene.caption, m)?;
    let legend: Vec<(String, RGBColor)> =
        scene.obligations.iter().map(|&o| (o.name().to_string(), style::obligation_color(o))).collect();
    let legend_w = m.px(250.0).max(170);
    let (main, side) = body.split_horizontally(body.dim_in_pixel().0 as i32 - legend_w);
    super::series::draw_legend(&side, &legend, m)?;
    let (mw, mh) = main.dim_in_pixel();
    let n = scene.labels.len().max(1) as i32;
    let margin = m.px(110.0).max(70);
    let cell = ((mw.min(mh) as i32 - margin - m.px(20.0)) / n).max(1);
    let side_len = cell * n;
    let (x0, y0) = (margin, margin.min(mh as i32 - side_len - m.px(10.0)).max(0));
    // State labels only where a row is tall enough for legible text (12 px or more, the size
    // a journal prints); otherwise the region names label the blocks.
    let font_px = m.font(13.0).max(MIN_LABEL_PX);
    let show_states = f64::from(cell) >= font_px;
    main.draw(&Rectangle::new([(x0, y0), (x0 + side_len, y0 + side_len)], style::MUTED.stroke_width(1)))
        .map_err(&err)?;
    for &(a, b, kind) in &scene.cells {
        let color = style::obligation_color(kind).filled();
        for (r, c) in [(a as i32, b as i32), (b as i32, a as i32)] {
            let (x, y) = (x0 + c * cell, y0 + r * cell);
            main.draw(&Rectangle::new([(x, y), (x + cell, y + cell)], color)).map_err(&err)?;
        }
    }
    // Region boundaries and names.
    let mut start = 0usize;
    let region_font = (FONT, m.font(13.0)).into_font().color(&style::INK);
    for i in 1..=scene.regions.len() {
        if i < scene.regions.len() && scene.regions[i] == scene.regions[start] {
            continue;
        }
        let (s, e) = (start as i32 * cell, i as i32 * cell);
        if i < scene.regions.len() {
            let line = style::MUTED.stroke_width(1);
            main.draw(&PathElement::new(vec![(x0 + e, y0), (x0 + e, y0 + side_len)], line)).map_err(&err)?;
            main.draw(&PathElement::new(vec![(x0, y0 + e), (x0 + side_len, y0 + e)], line)).map_err(&err)?;
        }
        if !show_states && e - s >= m.px(30.0) {
            let name = scene.regions[start].name();
            main.draw_text(
                name,
                &region_font.pos(Pos::new(HPos::Right, VPos::Center)),
                (x0 - m.px(6.0), y0 + (s + e) / 2),
            )
            .map_err(&err)?;
            main.draw_text(
                name,
                &region_font.transform(FontTransform::Rotate270).pos(Pos::new(HPos::Left, VPos::Center)),
                (x0 + (s + e) / 2, y0 - m.px(6.0)),
            )
            .map_err(&err)?;
        }
        start = i;
    }
    if show_states {
        let font = (FONT, font_px).into_font().color(&style::INK);
        for (i, l) in scene.labels.iter().enumerate() {
            let mid = i as i32 * cell + cell / 2;
            main.draw_text(l, &font.pos(Pos::new(HPos::Right, VPos::Center)), (x0 - 3, y0 + mid)).map_err(&err)?;
            main.draw_text(
                l,
                &font.transform(FontTransform::Rotate270).pos(Pos::new(HPos::Left, VPos::Center)),
                (x0 + mid, y0 - 3),
            )
            .map_err(&err)?;
        }
    }
    Ok(())
}
