//! Graph-level metrics over time: one panel per metric (each with its own y scale), one line per
//! layer, optional shaded eras, the legend in a panel of its own on the right.

use super::style::{self, Metrics, FONT};
use super::{draw_error, PlotResult};
use crate::analysis::{GraphMetric, MetricTables};
use crate::model::Layer;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A shaded period of history.
#[derive(Debug, Clone, PartialEq)]
pub struct Era {
    /// Name shown at the top of the first panel.
    pub name: &'static str,
    /// First year (from its 1 January).
    pub start: f64,
    /// End (exclusive: 1 January of the year after the last).
    pub end: f64,
}

/// The two world wars and the Cold War (1947–1991).
pub fn eras() -> Vec<Era> {
    vec![
        Era { name: "WWI", start: 1914.0, end: 1919.0 },
        Era { name: "WWII", start: 1939.0, end: 1946.0 },
        Era { name: "Cold War", start: 1947.0, end: 1992.0 },
    ]
}

/// One line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Legend text.
    pub label: String,
    /// Colour.
    pub color: RGBColor,
    /// (year, value) points in year order.
    pub points: Vec<(f64, f64)>,
}

/// One panel: a y axis and its lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    /// Y-axis description.
    pub name: String,
    /// Lines.
    pub lines: Vec<Line>,
}

/// Everything [`draw_series`] draws.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesChart {
    /// Title.
    pub title: String,
    /// Source caption.
    pub caption: String,
    /// Panels, top to bottom; they share the x axis.
    pub panels: Vec<Panel>,
    /// Shaded eras (empty: none).
    pub eras: Vec<Era>,
    /// Legend entries (label, colour).
    pub legend: Vec<(String, RGBColor)>,
    /// Description of the shared x axis (`year` for time series).
    pub x_label: String,
}

/// Colour of a layer's line: black for `any`, the obligation's colour otherwise.
pub fn layer_color(layer: Layer) -> RGBColor {
    match layer {
        Layer::Any => style::ANY_LAYER,
        Layer::Only(o) => style::obligation_color(o),
    }
}

impl SeriesChart {
    /// One panel per metric of `metrics`, one line per layer of `tables`.
    pub fn from_tables(tables: &MetricTables<'_>, metrics: &[GraphMetric], caption: String, eras: Vec<Era>) -> Self {
        let rows: Vec<_> = tables.graph_rows().collect();
        let mut layers: Vec<Layer> = rows.iter().map(|r| r.layer).collect();
        layers.sort_by_key(|l| l.index());
        layers.dedup();
        // An empty cell (an assortativity networkx leaves undefined) is no point.
        let value = |c: crate::io::table::Cell<'_>| match c {
            crate::io::table::Cell::Int(i) => Some(i as f64),
            crate::io::table::Cell::Float(f) => Some(f),
            _ => None,
        };
        let panels = metrics
            .iter()
            .map(|&m| Panel {
                name: m.name().to_string(),
                lines: layers
                    .iter()
                    .map(|&l| Line {
                        label: l.name().to_string(),
                        color: layer_color(l),
                        points: rows
                            .iter()
                            .filter(|r| r.layer == l)
                            .filter_map(|r| Some((f64::from(r.year), value(r.cell(m))?)))
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        let (first, last) = (rows.first().map_or(0, |r| r.year), rows.last().map_or(0, |r| r.year));
        let names: Vec<&str> = metrics.iter().map(|m| m.name()).collect();
        SeriesChart {
            title: format!("{} of the alliance network, {first}–{last}", names.join(", ")),
            caption,
            panels,
            eras,
            legend: layers.iter().map(|&l| (format!("layer {l}"), layer_color(l))).collect(),
            x_label: "year".to_string(),
        }
    }
}

/// Draws `chart`: title on top, caption at the bottom, legend on the right, panels stacked.
///
/// # Errors
/// [`super::PlotError::Font`] or [`super::PlotError::Draw`] when the backend fails.
pub fn draw_series<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &SeriesChart) -> PlotResult<()>
where
    DB::ErrorType: 'static,
{
    style::register_fonts()?;
    let err = draw_error::<DB::ErrorType>("series");
    area.fill(&style::PAPER).map_err(&err)?;
    let (w, h) = area.dim_in_pixel();
    let m = Metrics::for_size(w, h);
    let body = frame(area, &chart.title, &chart.caption, m)?;
    let legend_w = legend_width(&body, &chart.legend, m)?;
    let (plots, legend) = body.split_horizontally(body.dim_in_pixel().0 as i32 - legend_w);
    draw_legend(&legend, &chart.legend, m)?;
    let (x0, x1) = x_range(&chart.panels);
    draw_panels(&plots, &chart.panels, (x0, x1), &chart.eras, m, &chart.x_label)
}

/// Draws the title and caption bands and returns the area between them.
pub(crate) fn frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    caption: &str,
    m: Metrics,
) -> PlotResult<DrawingArea<DB, Shift>>
where
    DB::ErrorType: 'static,
{
    let err = draw_error::<DB::ErrorType>("frame");
    let (w, h) = area.dim_in_pixel();
    let (_, h) = (w as i32, h as i32);
    let pad = m.px(24.0);
    let title_h = (m.font(28.0) * 2.0) as i32;
    let caption_h = (m.font(15.0) * 2.2) as i32;
    let title_font = (FONT, m.font(28.0), FontStyle::Bold).into_font().color(&style::INK);
    let caption_font = (FONT, m.font(15.0)).into_font().color(&style::MUTED);
    let left = Pos::new(HPos::Left, VPos::Center);
    area.draw_text(title, &title_font.pos(left), (pad, title_h / 2)).map_err(&err)?;
    area.draw_text(caption, &caption_font.pos(left), (pad, h - caption_h / 2)).map_err(&err)?;
    Ok(area.margin(title_h, caption_h, 0, 0))
}

fn legend_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(String, RGBColor)],
    m: Metrics,
) -> PlotResult<i32>
where
    DB::ErrorType: 'static,
{
    let err = draw_error::<DB::ErrorType>("legend");
    let font = (FONT, m.font(15.0)).into_font().color(&style::INK);
    let mut text = 0;
    for (t, _) in entries {
        text = text.max(area.estimate_text_size(t, &font).map_err(&err)?.0 as i32);
    }
    Ok(text + m.px(34.0).max(18) + 3 * m.px(12.0).max(6))
}

/// Legend: a line swatch and a label per entry, from the top of `area`.
pub(crate) fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(String, RGBColor)],
    m: Metrics,
) -> PlotResult<()>
where
    DB::ErrorType: 'static,
{
    let err = draw_error::<DB::ErrorType>("legend");
    let font = (FONT, m.font(15.0)).into_font().color(&style::INK);
    let (line_h, swatch, gap) = ((m.font(15.0) * 1.6) as i32, m.px(34.0).max(18), m.px(12.0).max(6));
    let mut y = line_h;
    for (t, c) in entries {
        area.draw(&PathElement::new(vec![(gap, y), (gap + swatch, y)], c.stroke_width(m.px(4.0).max(2) as u32)))
            .map_err(&err)?;
        area.draw_text(t, &font.pos(Pos::new(HPos::Left, VPos::Center)), (2 * gap + swatch, y)).map_err(&err)?;
        y += line_h;
    }
    Ok(())
}

/// The years spanned by the panels' points.
pub(crate) fn x_range(panels: &[Panel]) -> (f64, f64) {
    let xs = panels.iter().flat_map(|p| p.lines.iter().flat_map(|l| l.points.iter().map(|p| p.0)));
    let (lo, hi) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| (lo.min(x), hi.max(x)));
    if lo > hi {
        (0.0, 1.0)
    } else if lo == hi {
        (lo - 0.5, hi + 0.5)
    } else {
        (lo, hi)
    }
}

/// Draws `panels` stacked in `area` over the years `x`, with `eras` shaded; only the bottom one
/// labels the x axis.
pub(crate) fn draw_panels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panels: &[Panel],
    x: (f64, f64),
    eras: &[Era],
    m: Metrics,
    x_label: &str,
) -> PlotResult<()>
where
    DB::ErrorType: 'static,
{
    let err = draw_error::<DB::ErrorType>("series");
    // Years print as whole numbers; a short axis (a log scale, say) gets one decimal.
    let x_tick = |v: &f64| if x.1 - x.0 < 10.0 { format!("{v:.1}") } else { format!("{v:.0}") };
    let parts = area.split_evenly((panels.len().max(1), 1));
    let label = (FONT, m.font(14.0)).into_font().color(&style::INK);
    let desc = (FONT, m.font(16.0)).into_font().color(&style::INK);
    for (i, (part, panel)) in parts.iter().zip(panels).enumerate() {
        let last = i + 1 == panels.len();
        let ymax = panel.lines.iter().flat_map(|l| l.points.iter().map(|p| p.1)).fold(0.0, f64::max);
        let ymin = panel.lines.iter().flat_map(|l| l.points.iter().map(|p| p.1)).fold(0.0, f64::min);
        let ymax = if ymax > ymin { ymax + (ymax - ymin) * 0.08 } else { ymin + 1.0 };
        let mut chart = ChartBuilder::on(part)
            .margin(m.px(12.0))
            .margin_left(m.px(24.0))
            .x_label_area_size(if last { m.font(14.0) as i32 * 3 } else { m.font(14.0) as i32 + 6 })
            .y_label_area_size(m.px(110.0).max(70))
            .build_cartesian_2d(x.0..x.1, ymin..ymax)
            .map_err(&err)?;
        let mut mesh = chart.configure_mesh();
        mesh.y_desc(panel.name.as_str())
            .label_style(label.clone())
            .axis_desc_style(desc.clone())
            .light_line_style(style::PAPER)
            .bold_line_style(RGBColor(0xEE, 0xEE, 0xEE))
            .x_label_formatter(&x_tick)
            .y_label_formatter(&|v| format_tick(*v));
        if last {
            mesh.x_desc(x_label);
        }
        mesh.draw().map_err(&err)?;
        for era in eras.iter().filter(|e| e.end > x.0 && e.start < x.1) {
            let (a, b) = (era.start.max(x.0), era.end.min(x.1));
            chart
                .draw_series(std::iter::once(Rectangle::new([(a, ymin), (b, ymax)], style::NEUTRAL.mix(0.45).filled())))
                .map_err(&err)?;
            if i == 0 {
                let font = (FONT, m.font(13.0)).into_font().color(&style::MUTED);
                chart
                    .draw_series(std::iter::once(Text::new(
                        era.name.to_string(),
                        ((a + b) / 2.0, ymax),
                        font.pos(Pos::new(HPos::Center, VPos::Top)),
                    )))
                    .map_err(&err)?;
            }
        }
        for line in &panel.lines {
            // A missing value (an undefined metric: an empty cell) is a gap, not a line across.
            for run in runs(&line.points) {
                chart
                    .draw_series(LineSeries::new(run.iter().copied(), line.color.stroke_width(m.px(2.5).max(1) as u32)))
                    .map_err(&err)?;
            }
        }
    }
    Ok(())
}

/// `points` (by x) cut where a step is more than 1.5 × the smallest step: the runs a line
/// connects, so that missing x values (years without a value) stay gaps.
fn runs(points: &[(f64, f64)]) -> Vec<&[(f64, f64)]> {
    let step = points.windows(2).map(|w| w[1].0 - w[0].0).filter(|&d| d > 0.0).fold(f64::INFINITY, f64::min);
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..points.len() {
        if points[i].0 - points[i - 1].0 > 1.5 * step {
            out.push(&points[start..i]);
            start = i;
        }
    }
    if start < points.len() {
        out.push(&points[start..]);
    }
    out
}

/// Tick labels: integers plainly, small values with up to three decimals.
fn format_tick(v: f64) -> String {
    if v == v.round() && v.abs() < 1e9 {
        format!("{v:.0}")
    } else if v.abs() >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.3}").trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_missing_years() {
        // 1900, 1901, (1902 missing), 1903, 1904: two runs; one point alone is its own run.
        let p = [(1900.0, 1.0), (1901.0, 2.0), (1903.0, 0.5), (1904.0, 0.7)];
        assert_eq!(runs(&p), vec![&p[..2], &p[2..]]);
        assert_eq!(runs(&p[..1]), vec![&p[..1]]);
        assert!(runs(&[]).is_empty());
    }

    #[test]
    fn ticks_are_short() {
        assert_eq!(format_tick(3.0), "3");
        assert_eq!(format_tick(0.25), "0.25");
        assert_eq!(format_tick(12.34), "12.3");
    }

    #[test]
    fn x_range_covers_the_points() {
        let p = |pts: Vec<(f64, f64)>| Panel {
            name: "x".into(),
            lines: vec![Line { label: "l".into(), color: style::INK, points: pts }],
        };
        assert_eq!(x_range(&[p(vec![(1900.0, 1.0), (1950.0, 2.0)])]), (1900.0, 1950.0));
        assert_eq!(x_range(&[p(vec![(1900.0, 1.0)])]), (1899.5, 1900.5));
    }
}
