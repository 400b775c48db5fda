//! One state's chart: its degree and betweenness over time (from [`crate::analysis`]) above a
//! Gantt-style timeline of its alliances, one bar per alliance, coloured by the strongest type of
//! its ties to the other members.

use super::series::{self, Era, Line, Panel};
use super::style::{self, Metrics, FONT};
use super::{draw_error, PlotResult};
use crate::analysis::{self, Level, MetricRequest, NodeMetric};
use crate::graph::{AllianceGraph, Timeline};
use crate::model::{AllianceId, DenseIndex, Layer, Obligation};
use chrono::Datelike;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::collections::BTreeMap;
use std::ops::RangeInclusive;

/// One alliance bar.
#[derive(Debug, Clone, PartialEq)]
pub struct AllianceBar {
    /// The alliance.
    pub id: AllianceId,
    /// Start, as a fractional year (1 July 1900 ≈ 1900.5).
    pub start: f64,
    /// End (exclusive), as a fractional year.
    pub end: f64,
    /// Strongest type of the state's ties in it.
    pub kind: Obligation,
}

/// Everything [`draw_state`] draws.
#[derive(Debug, Clone, PartialEq)]
pub struct StateChart {
    /// Title.
    pub title: String,
    /// Source caption.
    pub caption: String,
    /// Metric panels (degree, betweenness).
    pub panels: Vec<Panel>,
    /// Alliance bars, by start then id.
    pub bars: Vec<AllianceBar>,
    /// Years shown.
    pub years: (f64, f64),
    /// Shaded eras.
    pub eras: Vec<Era>,
    /// The types the legend lists: those of the data's source.
    pub obligations: &'static [Obligation],
}

/// A date as a fractional year.
fn fractional(d: chrono::NaiveDate) -> f64 {
    f64::from(d.year()) + f64::from(d.ordinal0()) / 365.25
}

impl StateChart {
    /// The years a state's chart shows by default: from 5 years before its system entry or
    /// first alliance (whichever is earlier) to 5 years after its system exit or last alliance
    /// (whichever is later), within the timeline.
    pub fn default_years(graph: &AllianceGraph, timeline: &Timeline, v: DenseIndex) -> RangeInclusive<i32> {
        let all = timeline.years();
        let (mut first, mut last) = (i32::MAX, i32::MIN);
        let mut see = |span: crate::model::DateSpan| {
            first = first.min(span.start().year());
            last = last.max(span.last_day().year());
        };
        if let Some(spells) = graph.data.system.get(v as usize) {
            spells.iter().copied().for_each(&mut see);
        }
        for (i, e) in graph.edges().iter().enumerate() {
            if e.a == v || e.b == v {
                graph.counted(i).iter().copied().for_each(&mut see);
            }
        }
        if first > last {
            return all;
        }
        (first - 5).max(*all.start())..=(last + 5).min(*all.end())
    }

    /// The chart of state `v` over `years` (`None`: [`StateChart::default_years`]) in `layer`:
    /// degree and betweenness from [`analysis::run`], and the state's alliances from the
    /// multigraph's counted ties.
    ///
    /// # Errors
    /// [`super::PlotError::Query`] when a year lies outside the data.
    pub fn build(
        graph: &AllianceGraph,
        timeline: &Timeline,
        v: DenseIndex,
        layer: Layer,
        years: Option<RangeInclusive<i32>>,
        eras: Vec<Era>,
    ) -> PlotResult<Self> {
        let years = timeline.select(Some(years.unwrap_or_else(|| Self::default_years(graph, timeline, v))))?;
        let metrics = [NodeMetric::Degree, NodeMetric::Betweenness];
        let request = MetricRequest {
            years: Some(years.clone()),
            layers: vec![layer],
            level: Level::Node,
            node_metrics: metrics.to_vec(),
            states: Some(vec![v]),
            ..MetricRequest::default()
        };
        let tables = analysis::run(graph, timeline, &request)?;
        let rows: Vec<_> = tables.node_rows().collect();
        let panels = vec![
            Panel {
                name: "degree".into(),
                lines: vec![Line {
                    label: "degree".into(),
                    color: series::layer_color(layer),
                    points: rows.iter().map(|r| (f64::from(r.year), f64::from(r.degree))).collect(),
                }],
            },
            Panel {
                name: "betweenness".into(),
                lines: vec![Line {
                    label: "betweenness".into(),
                    color: series::layer_color(layer),
                    points: rows.iter().map(|r| (f64::from(r.year), r.betweenness)).collect(),
                }],
            },
        ];
        let (y0, y1) = (f64::from(*years.start()), f64::from(*years.end()) + 1.0);
        let mut by_alliance: BTreeMap<AllianceId, (f64, f64, crate::model::ObligationSet)> = BTreeMap::new();
        for (i, e) in graph.edges().iter().enumerate() {
            if (e.a != v && e.b != v) || !layer.admits(e.types()) {
                continue;
            }
            for span in graph.counted(i) {
                let (s, t) = (fractional(span.start()).max(y0), fractional(span.end()).min(y1));
                if s >= t {
                    continue;
                }
                let entry = by_alliance.entry(e.alliance).or_insert((s, t, e.types()));
                entry.0 = entry.0.min(s);
                entry.1 = entry.1.max(t);
                entry.2 = entry.2.union(e.types());
            }
        }
        let mut bars: Vec<AllianceBar> = by_alliance
            .into_iter()
            .map(|(id, (start, end, types))| AllianceBar {
                id,
                start,
                end,
                kind: types.strongest().unwrap_or(graph.data.source.weakest()),
            })
            .collect();
        bars.sort_by(|a, b| a.start.total_cmp(&b.start).then(a.id.cmp(&b.id)));
        let st = graph.data.states.state(v);
        let name = if st.name.is_empty() { st.id.to_string() } else { format!("{} ({}, {})", st.name, st.abbr, st.id) };
        Ok(StateChart {
            title: format!("{name}: alliances {}–{}, layer {layer}", years.start(), years.end())
                + &style::filter_suffix(&graph.data),
            caption: style::data_caption(&graph.data),
            panels,
            bars,
            years: (y0, y1),
            eras,
            obligations: graph.data.source.obligations(),
        })
    }
}

/// Draws `chart`: metric panels on the upper 40 %, the alliance timeline below, the type legend
/// on the right.
///
/// # Errors
/// [`super::PlotError::Font`] or [`super::PlotError::Draw`] when the backend fails.
pub fn draw_state<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &StateChart) -> PlotResult<()>
where
    DB::ErrorType: 'static,
{
    style::register_fonts()?;
    let err = draw_error::<DB::ErrorType>("state chart");
    area.fill(&style::PAPER).map_err(&err)?;
    let (w, h) = area.dim_in_pixel();
    let m = Metrics::for_size(w, h);
    let body = series::frame(area, &chart.title, &chart.caption, m)?;
    let legend: Vec<(String, RGBColor)> =
        chart.obligations.iter().map(|&o| (o.name().to_string(), style::obligation_color(o))).collect();
    let legend_w = m.px(250.0).max(170);
    let (main, side) = body.split_horizontally(body.dim_in_pixel().0 as i32 - legend_w);
    series::draw_legend(&side, &legend, m)?;
    let (top, bottom) = main.split_vertically((main.dim_in_pixel().1 as f64 * 0.4) as i32);
    series::draw_panels(&top, &chart.panels, (chart.years.0, chart.years.1 - 1.0), &chart.eras, m, "year")?;

    let label = (FONT, m.font(14.0)).into_font().color(&style::INK);
    let rows = chart.bars.len().max(1);
    let mut gantt = ChartBuilder::on(&bottom)
        .margin(m.px(12.0))
        .margin_left(m.px(24.0))
        .x_label_area_size(m.font(14.0) as i32 * 3)
        .y_label_area_size(m.px(110.0).max(70))
        .build_cartesian_2d(chart.years.0..chart.years.1, 0f64..rows as f64)
        .map_err(&err)?;
    let ids: Vec<String> = chart.bars.iter().map(|b| b.id.0.to_string()).collect();
    let show_ids = f64::from(bottom.dim_in_pixel().1) / rows as f64 >= m.font(12.0);
    let id_label = |y: &f64| -> String {
        let i = rows as f64 - y - 0.5;
        if show_ids && (i - i.round()).abs() < 1e-6 && i >= 0.0 {
            ids.get(i.round() as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    // Too many rows for every id: label the longest alliances where their labels do not touch.
    let row_px = f64::from(bottom.dim_in_pixel().1) / rows as f64;
    let labelled: Vec<usize> = if show_ids { Vec::new() } else { longest_apart(&chart.bars, row_px, m.font(12.0), 15) };
    let desc = if show_ids {
        "alliance (atopid)".to_string()
    } else {
        format!("{} alliances (atopid of the {} longest)", chart.bars.len(), labelled.len())
    };
    gantt
        .configure_mesh()
        .y_desc(desc)
        .x_desc("year")
        .label_style(label.clone())
        .axis_desc_style((FONT, m.font(16.0)).into_font().color(&style::INK))
        .disable_y_mesh()
        .light_line_style(style::PAPER)
        .bold_line_style(RGBColor(0xEE, 0xEE, 0xEE))
        .y_labels(if show_ids { rows * 2 + 1 } else { 0 })
        .y_label_formatter(&id_label)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .draw()
        .map_err(&err)?;
    for (i, b) in chart.bars.iter().enumerate() {
        let top_y = rows as f64 - i as f64 - 0.15;
        let bottom_y = rows as f64 - i as f64 - 0.85;
        gantt
            .draw_series(std::iter::once(Rectangle::new(
                [(b.start, bottom_y), (b.end, top_y)],
                style::obligation_color(b.kind).filled(),
            )))
            .map_err(&err)?;
    }
    let small = (FONT, m.font(12.0)).into_font().color(&style::INK);
    let span = chart.years.1 - chart.years.0;
    for &i in &labelled {
        let b = &chart.bars[i];
        let y = rows as f64 - i as f64 - 0.5;
        // After the bar, or before it when the bar reaches the right edge.
        let (x, anchor) = if b.end < chart.years.1 - 0.08 * span {
            (b.end + 0.005 * span, HPos::Left)
        } else {
            (b.start - 0.005 * span, HPos::Right)
        };
        gantt
            .draw_series(std::iter::once(Text::new(
                b.id.0.to_string(),
                (x, y),
                small.clone().pos(Pos::new(anchor, VPos::Center)),
            )))
            .map_err(&err)?;
    }
    if chart.bars.is_empty() {
        let font = (FONT, m.font(18.0)).into_font().color(&style::MUTED);
        let (bw, bh) = bottom.dim_in_pixel();
        bottom
            .draw_text(
                "no alliances in these years",
                &font.pos(Pos::new(HPos::Center, VPos::Center)),
                ((bw / 2) as i32, (bh / 2) as i32),
            )
            .map_err(&err)?;
    }
    Ok(())
}

/// Indices of up to `max` bars, longest first, whose labels (`font_px` tall, on rows
/// `row_px` apart) do not overlap; in bar order.
fn longest_apart(bars: &[AllianceBar], row_px: f64, font_px: f64, max: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..bars.len()).collect();
    order.sort_by(|&a, &b| {
        let (la, lb) = (bars[a].end - bars[a].start, bars[b].end - bars[b].start);
        lb.total_cmp(&la).then(a.cmp(&b))
    });
    let apart = ((font_px / row_px.max(1e-9)).ceil() as usize).max(1);
    let mut chosen: Vec<usize> = Vec::new();
    for i in order {
        if chosen.len() >= max {
            break;
        }
        if chosen.iter().all(|&c| c.abs_diff(i) >= apart) {
            chosen.push(i);
        }
    }
    chosen.sort_unstable();
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_bars_get_labels_that_do_not_touch() {
        // Rows 4 px apart, labels 10 px tall: labelled rows at least 3 apart.
        let bar = |start: f64, end: f64| AllianceBar { id: AllianceId(1), start, end, kind: Obligation::Defense };
        let bars = vec![bar(0.0, 10.0), bar(0.0, 9.0), bar(0.0, 1.0), bar(0.0, 2.0), bar(0.0, 8.0), bar(0.0, 3.0)];
        // Longest: 0 (10), 1 (9: 1 row from 0), 4 (8: 4 rows from 0), 5 (3: 1 from 4),
        // 3 (2: 1 from 4), 2 (1: 2 from 0 and 4).
        assert_eq!(longest_apart(&bars, 4.0, 10.0, 15), vec![0, 4]);
        assert_eq!(longest_apart(&bars, 4.0, 10.0, 1), vec![0]);
    }
}
