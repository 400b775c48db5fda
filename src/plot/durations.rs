//! Alliance survival curves: Kaplan–Meier step curves per group, censoring ticks, each group's
//! median marked, and the number at risk under the x axis.
//!
//! Place in the flow: survival ([`crate::measures::survival`]) → **plot**. The chart is built
//! from a [`SurvivalTable`] (no estimate is computed here) and drawn on any plotters backend.

use super::series::{draw_legend, frame, layer_color};
use super::style::{self, Metrics, FONT};
use super::{draw_error, PlotResult};
use crate::measures::survival::{SurvivalTable, DAYS_PER_YEAR};
use crate::model::{Layer, Obligation};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One group's curve.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// Group name (`all`, `defense`, …).
    pub label: String,
    /// Line colour.
    pub color: RGBColor,
    /// (years, survival) at every step, from (0, 1).
    pub steps: Vec<(f64, f64)>,
    /// (years, survival) of the censored observations.
    pub censored: Vec<(f64, f64)>,
    /// Median survival in years, if reached.
    pub median: Option<f64>,
    /// Durations in years, sorted (for the numbers at risk).
    pub times: Vec<f64>,
}

/// Everything [`draw_durations`] draws.
#[derive(Debug, Clone, PartialEq)]
pub struct DurationChart {
    /// Title.
    pub title: String,
    /// Source caption.
    pub caption: String,
    /// Curves, in legend order.
    pub curves: Vec<Curve>,
}

impl DurationChart {
    /// The chart of every group of `table` (empty groups left out).
    pub fn from_table(table: &SurvivalTable, caption: String) -> Self {
        let medians = table.medians();
        let curves = table
            .groups
            .iter()
            .zip(medians)
            .filter(|((_, n, _), _)| *n > 0)
            .map(|((name, _, steps), median)| {
                let layer = Obligation::EVERY.into_iter().find(|o| o.name() == *name).map_or(Layer::Any, Layer::Only);
                let years = |d: i64| d as f64 / DAYS_PER_YEAR;
                let mut points = vec![(0.0, 1.0)];
                let mut times = Vec::new();
                for s in steps {
                    points.push((years(s.days), s.survival));
                    times.extend(std::iter::repeat_n(years(s.days), s.events + s.censored));
                }
                Curve {
                    label: name.to_string(),
                    color: layer_color(layer),
                    steps: points,
                    censored: steps.iter().filter(|s| s.censored > 0).map(|s| (years(s.days), s.survival)).collect(),
                    median,
                    times,
                }
            })
            .collect();
        DurationChart { title: "Alliance survival (Kaplan–Meier)".to_string(), caption, curves }
    }

    /// Number of alliances with a duration of at least `t` years in each curve.
    pub fn at_risk(&self, t: f64) -> Vec<usize> {
        self.curves.iter().map(|c| c.times.len() - c.times.partition_point(|&x| x < t)).collect()
    }
}

/// Draws `chart`: title, curves with censoring ticks and medians, legend on the right, and a
/// table of the numbers at risk under the x axis.
///
/// # Errors
/// [`super::PlotError::Font`] or [`super::PlotError::Draw`] when the backend fails.
pub fn draw_durations<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &DurationChart) -> PlotResult<()>
where
    DB::ErrorType: 'static,
{
    style::register_fonts()?;
    let err = draw_error::<DB::ErrorType>("durations");
    area.fill(&style::PAPER).map_err(&err)?;
    let (w, h) = area.dim_in_pixel();
    let m = Metrics::for_size(w, h);
    let body = frame(area, &chart.title, &chart.caption, m)?;
    let legend: Vec<(String, RGBColor)> = chart.curves.iter().map(|c| (c.label.clone(), c.color)).collect();
    let legend_w = m.px(300.0).max(150);
    let (left, right) = body.split_horizontally(body.dim_in_pixel().0 as i32 - legend_w);
    draw_legend(&right, &legend, m)?;
    let row_h = (m.font(14.0) * 1.5) as i32;
    let table_h = row_h * (chart.curves.len() as i32 + 2);
    let (plot, table) = left.split_vertically(left.dim_in_pixel().1 as i32 - table_h);
    let xmax = chart.curves.iter().flat_map(|c| c.times.last()).fold(1.0f64, |a, &b| a.max(b));
    let xmax = (xmax / 10.0).ceil() * 10.0;
    let y_label_w = m.px(110.0).max(70);
    let margin = m.px(12.0);
    let label = (FONT, m.font(14.0)).into_font().color(&style::INK);
    let desc = (FONT, m.font(16.0)).into_font().color(&style::INK);
    let mut c = ChartBuilder::on(&plot)
        .margin(margin)
        .margin_left(m.px(24.0))
        .x_label_area_size(m.font(14.0) as i32 * 3)
        .y_label_area_size(y_label_w)
        .build_cartesian_2d(0.0..xmax, 0.0..1.02)
        .map_err(&err)?;
    c.configure_mesh()
        .x_desc("years since the alliance began")
        .y_desc("share of alliances in force")
        .label_style(label.clone())
        .axis_desc_style(desc)
        .light_line_style(style::PAPER)
        .bold_line_style(RGBColor(0xEE, 0xEE, 0xEE))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| format!("{v:.1}"))
        .draw()
        .map_err(&err)?;
    let stroke = m.px(2.5).max(1) as u32;
    let tick = 0.012;
    // The median line at 0.5 first, under the curves.
    c.draw_series(std::iter::once(PathElement::new(vec![(0.0, 0.5), (xmax, 0.5)], style::NEUTRAL.stroke_width(1))))
        .map_err(&err)?;
    for curve in &chart.curves {
        let mut path = Vec::with_capacity(2 * curve.steps.len() + 1);
        for (i, &(t, s)) in curve.steps.iter().enumerate() {
            if i > 0 {
                path.push((t, curve.steps[i - 1].1));
            }
            path.push((t, s));
        }
        if let (Some(&(_, s)), Some(&t)) = (curve.steps.last(), curve.times.last()) {
            path.push((t, s));
        }
        c.draw_series(std::iter::once(PathElement::new(path, curve.color.stroke_width(stroke)))).map_err(&err)?;
        c.draw_series(curve.censored.iter().map(|&(t, s)| {
            PathElement::new(vec![(t, s - tick), (t, s + tick)], curve.color.stroke_width(stroke.max(2) / 2 + 1))
        }))
        .map_err(&err)?;
        if let Some(med) = curve.median {
            c.draw_series(std::iter::once(PathElement::new(vec![(med, 0.0), (med, 0.5)], curve.color.stroke_width(1))))
                .map_err(&err)?;
            c.draw_series(std::iter::once(Circle::new((med, 0.5), m.px(6.0).max(3), curve.color.filled())))
                .map_err(&err)?;
        }
    }
    // Numbers at risk: one row per curve, a column per x tick (every tenth of the axis).
    let (tw, _) = table.dim_in_pixel();
    let x0 = m.px(24.0) + y_label_w + margin;
    let x1 = tw as i32 - margin;
    let small = (FONT, m.font(13.0)).into_font().color(&style::MUTED);
    table
        .draw_text("number at risk", &small.pos(Pos::new(HPos::Left, VPos::Center)), (margin, row_h / 2))
        .map_err(&err)?;
    for k in 0..=10 {
        let t = xmax * f64::from(k) / 10.0;
        let x = x0 + ((x1 - x0) as f64 * f64::from(k) / 10.0) as i32;
        for (row, (n, curve)) in chart.at_risk(t).into_iter().zip(&chart.curves).enumerate() {
            let font = (FONT, m.font(13.0)).into_font().color(&curve.color);
            let y = row_h * (row as i32 + 1) + row_h / 2;
            table.draw_text(&n.to_string(), &font.pos(Pos::new(HPos::Center, VPos::Center)), (x, y)).map_err(&err)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::survival::{kaplan_meier, SurvivalTable};

    #[test]
    fn chart_steps_medians_and_numbers_at_risk() {
        // Durations 1, 2, 2*, 4 years: S = 3/4 at 1 y; at 2 y 3 at risk, 1 event (and one
        // censored) → 3/4 · 2/3 = 1/2, the median; 0 at 4 y.
        let y = |k: i64| (365.25 * k as f64) as i64;
        let mut obs = [(y(1), false), (y(2), true), (y(2), false), (y(4), false)];
        let table = SurvivalTable { groups: vec![("all", 4, kaplan_meier(&mut obs))] };
        let chart = DurationChart::from_table(&table, "test".into());
        let c = &chart.curves[0];
        assert_eq!(c.steps.len(), 4);
        assert_eq!(c.censored.len(), 1);
        assert!((c.median.unwrap() - 2.0).abs() < 0.01);
        assert_eq!(c.steps.iter().map(|p| p.1).collect::<Vec<_>>(), [1.0, 0.75, 0.5, 0.0]);
        assert_eq!((chart.at_risk(0.0), chart.at_risk(1.5), chart.at_risk(5.0)), (vec![4], vec![3], vec![0]));
        let svg = super::super::output::svg(800, 600, |area| draw_durations(area, &chart)).unwrap();
        assert!(svg.contains("number at risk") && svg.contains("Kaplan"));
    }
}
