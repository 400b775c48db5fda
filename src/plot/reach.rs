//! A chain of obligation drawn as rings: the root state in the centre, the states reached at
//! depth k on the k-th ring, each joined to the state one step closer through which the chain
//! runs.
//!
//! Place in the flow: reach ([`crate::measures::reach`]) → **plot**. The first ring is in COW-code
//! order; each further ring is ordered by the angle of its states' `via`, so that chains fan out
//! without crossing. Node colours are COW regions.

use super::series::frame;
use super::style::{self, Metrics, FONT};
use super::{draw_error, PlotResult};
use crate::measures::reach::Reached;
use crate::model::{DenseIndex, Region, StateIndex};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::f64::consts::TAU;

/// One state on a ring.
#[derive(Debug, Clone, PartialEq)]
pub struct RingNode {
    /// Label (abbreviation).
    pub label: String,
    /// Ring (depth ≥ 1).
    pub depth: u32,
    /// Angle in radians, 0 at the top, clockwise.
    pub angle: f64,
    /// Index in the scene's nodes of the state one step closer; `None`: the root.
    pub via: Option<usize>,
    /// Fill colour.
    pub color: RGBColor,
}

/// Everything [`draw_reach`] draws.
#[derive(Debug, Clone, PartialEq)]
pub struct ReachScene {
    /// Title.
    pub title: String,
    /// Source caption.
    pub caption: String,
    /// The root's label and colour.
    pub root: (String, RGBColor),
    /// The states reached, ring by ring.
    pub nodes: Vec<RingNode>,
    /// Radius of ring k + 1 as a share of the outermost: rings are spaced by the square root of
    /// their state counts (at least 2), so a crowded ring gets room.
    pub rings: Vec<f64>,
}

impl ReachScene {
    /// Places the rows of [`crate::measures::reach::reach`] on rings around `root`.
    pub fn build(states: &StateIndex, root: DenseIndex, rows: &[Reached], title: String, caption: String) -> Self {
        let label = |v: DenseIndex| {
            let st = states.state(v);
            if st.abbr.is_empty() {
                st.id.to_string()
            } else {
                st.abbr.clone()
            }
        };
        let color = |v: DenseIndex| Region::of(states.state(v).id).color();
        let mut nodes: Vec<RingNode> = Vec::with_capacity(rows.len());
        let mut index: Vec<(DenseIndex, usize)> = Vec::with_capacity(rows.len());
        let max_depth = rows.iter().map(|r| r.depth).max().unwrap_or(0);
        for depth in 1..=max_depth {
            let ring: Vec<&Reached> = rows.iter().filter(|r| r.depth == depth).collect();
            let via_of = |r: &Reached| index.iter().find(|(v, _)| *v == r.via).map(|&(_, i)| i);
            let mut order: Vec<(f64, DenseIndex, Option<usize>)> = ring
                .iter()
                .map(|r| {
                    let via = via_of(r);
                    (via.map_or(0.0, |i| nodes[i].angle), r.state, via)
                })
                .collect();
            order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            // Ring 1 evenly spaced from the top; further rings: each via's states fanned out
            // around the via's angle, at least a minimum gap apart (pushed on clockwise), or
            // evenly spaced in that order when the fans would go round the circle.
            let k = order.len();
            let gap = (TAU / k as f64).min(TAU / 24.0);
            let mut angles: Vec<f64> = Vec::with_capacity(k);
            for fan in order.chunk_by(|x, y| x.2 == y.2) {
                for (j, x) in fan.iter().enumerate() {
                    angles.push(x.0 + gap * (j as f64 - (fan.len() as f64 - 1.0) / 2.0));
                }
            }
            for i in 1..k {
                angles[i] = angles[i].max(angles[i - 1] + gap);
            }
            let wraps = angles.last().zip(angles.first()).is_some_and(|(l, f)| l - f > TAU - gap);
            if depth == 1 || wraps {
                let a0 = if depth == 1 { 0.0 } else { angles[0] };
                angles.iter_mut().enumerate().for_each(|(i, a)| *a = a0 + TAU * i as f64 / k as f64);
            }
            let start = nodes.len();
            for (&(_, v, via), angle) in order.iter().zip(angles) {
                nodes.push(RingNode { label: label(v), depth, angle, via, color: color(v) });
            }
            index.extend(order.iter().enumerate().map(|(j, &(_, v, _))| (v, start + j)));
        }
        let widths: Vec<f64> =
            (1..=max_depth).map(|d| (nodes.iter().filter(|n| n.depth == d).count() as f64).sqrt().max(2.0)).collect();
        let total: f64 = widths.iter().sum();
        let rings = widths.iter().scan(0.0, |acc, w| {
            *acc += w;
            Some(*acc / total)
        });
        ReachScene { title, caption, root: (label(root), color(root)), rings: rings.collect(), nodes }
    }
}

/// Draws `scene`: rings, links to the state one step closer, nodes and labels.
///
/// # Errors
/// [`super::PlotError::Font`] or [`super::PlotError::Draw`] when the backend fails.
pub fn draw_reach<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, scene: &ReachScene) -> PlotResult<()>
where
    DB::ErrorType: 'static,
{
    style::register_fonts()?;
    let err = draw_error::<DB::ErrorType>("reach");
    area.fill(&style::PAPER).map_err(&err)?;
    let (w, h) = area.dim_in_pixel();
    let m = Metrics::for_size(w, h);
    let body = frame(area, &scene.title, &scene.caption, m)?;
    let (bw, bh) = body.dim_in_pixel();
    let (cx, cy) = (f64::from(bw) / 2.0, f64::from(bh) / 2.0);
    let max_depth = scene.nodes.iter().map(|n| n.depth).max().unwrap_or(0);
    let outer = (cx.min(cy) - f64::from(m.px(60.0))).max(10.0);
    let radius = |d: u32| outer * scene.rings.get(d as usize - 1).copied().unwrap_or(0.0);
    let at = |d: u32, a: f64| ((cx + radius(d) * a.sin()) as i32, (cy - radius(d) * a.cos()) as i32);
    let pos: Vec<(i32, i32)> = scene.nodes.iter().map(|n| at(n.depth, n.angle)).collect();
    let centre = (cx as i32, cy as i32);
    for d in 1..=max_depth {
        body.draw(&Circle::new(centre, radius(d) as i32, style::NEUTRAL.stroke_width(1))).map_err(&err)?;
    }
    let link = style::MUTED.stroke_width(m.px(2.0).max(1) as u32);
    for (n, &p) in scene.nodes.iter().zip(&pos) {
        let to = n.via.and_then(|i| pos.get(i).copied()).unwrap_or(centre);
        body.draw(&PathElement::new(vec![p, to], link)).map_err(&err)?;
    }
    // Nodes shrink when a ring is crowded (down to 3 px).
    let room = (1..=max_depth)
        .map(|d| {
            let count = scene.nodes.iter().filter(|n| n.depth == d).count().max(1) as f64;
            0.4 * TAU * radius(d) / count
        })
        .fold(f64::from(m.px(14.0)), f64::min);
    let r = (room as i32).max(3);
    let font = (FONT, m.font(14.0)).into_font().color(&style::INK);
    let outline = style::OUTLINE.stroke_width(1);
    for (n, &p) in scene.nodes.iter().zip(&pos) {
        body.draw(&Circle::new(p, r, n.color.filled())).map_err(&err)?;
        body.draw(&Circle::new(p, r, outline)).map_err(&err)?;
        body.draw_text(&n.label, &font.pos(Pos::new(HPos::Center, VPos::Top)), (p.0, p.1 + r + 2)).map_err(&err)?;
    }
    let big = (FONT, m.font(18.0), FontStyle::Bold).into_font().color(&style::INK);
    // The root's circle holds its label (about three letters).
    let root_r = (2 * r).max((m.font(18.0) * 1.15) as i32);
    body.draw(&Circle::new(centre, root_r, scene.root.1.filled())).map_err(&err)?;
    body.draw(&Circle::new(centre, root_r, outline)).map_err(&err)?;
    body.draw_text(&scene.root.0, &big.pos(Pos::new(HPos::Center, VPos::Center)), centre).map_err(&err)?;
    let small = (FONT, m.font(13.0)).into_font().color(&style::MUTED);
    for d in 1..=max_depth {
        // On the ring's lower-left diagonal, where the first ring (which starts at the top) is
        // least likely to put a state.
        let (x, y) = at(d, TAU * 5.0 / 8.0);
        body.draw_text(&format!("depth {d}"), &small.pos(Pos::new(HPos::Right, VPos::Top)), (x - 2, y + 2))
            .map_err(&err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AllianceId, State, StateId};

    #[test]
    fn rings_follow_depth_and_fans_sit_around_their_via() {
        let states = StateIndex::new(
            [2u16, 200, 220, 365, 710]
                .iter()
                .map(|&c| State { id: StateId(c), abbr: format!("S{c}"), name: String::new() })
                .collect(),
        );
        // Root 0 (2); depth 1: 1 and 2; depth 2: 3 via 1, 4 via 1.
        let r = |depth, state, via| Reached { depth, state, via, alliances: vec![AllianceId(1)] };
        let rows = [r(1, 1, 0), r(1, 2, 0), r(2, 3, 1), r(2, 4, 1)];
        let scene = ReachScene::build(&states, 0, &rows, "t".into(), "c".into());
        assert_eq!(scene.root.0, "S2");
        let depths: Vec<u32> = scene.nodes.iter().map(|n| n.depth).collect();
        assert_eq!(depths, [1, 1, 2, 2]);
        assert_eq!((scene.nodes[0].angle, scene.nodes[1].angle), (0.0, std::f64::consts::PI));
        // Two rings of two states: widths max(√2, 2) = 2 each.
        assert_eq!(scene.rings, [0.5, 1.0]);
        // Both depth-2 states hang from node 0 (S200, at angle 0), one on each side of it.
        assert_eq!((scene.nodes[2].via, scene.nodes[3].via), (Some(0), Some(0)));
        assert!((scene.nodes[2].angle + scene.nodes[3].angle).abs() < 1e-12 && scene.nodes[2].angle < 0.0);
        let svg = super::super::output::svg(800, 600, |area| draw_reach(area, &scene)).unwrap();
        assert_eq!(svg.matches("<circle").count(), 2 + 4 * 2 + 2, "rings, nodes with outlines, root");
        assert!(svg.contains("depth 2"));
    }
}
