//! Chains of obligation ("chain-ganging", Christensen & Snyder 1990, "Chain gangs and passed
//! bucks", International Organization 44(2)): the states drawn in, step by step, through directed
//! pledges of one layer on one day or in one year.
//!
//! Place in the flow: multigraph (+ timeline) → **reach** → table/plot. A pledge a → b of layer L
//! exists when a and b share an alliance whose row for a carries L (the multigraph's directed
//! view), on a counted day of the period (so under the system filter). `in`: the states that
//! pledged to the root (depth 1), those that pledged to a depth-1 state (depth 2), …; `out`: the
//! states the root is pledged to, transitively. A breadth-first search: O(E log E) for the E
//! multigraph edges counted in the period.

use crate::error::QueryError;
use crate::graph::{AllianceGraph, Period, Timeline};
use crate::io::table::{Cell, RowSink, Table};
use crate::model::{AllianceId, DateSpan, DenseIndex, Layer, StateIndex};
use crate::names::named_enum;
use std::io;

named_enum!(
    /// Which way the chain runs.
    #[derive(Default)]
    Direction, "direction", [
    /// Who is pledged to the root, transitively (the default): who could be drawn in on its side.
    #[default]
    In = "in",
    /// Whom the root is pledged to, transitively: where the root could be drawn in.
    Out = "out",
]);

/// One state reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reached {
    /// Pledge steps from the root (≥ 1).
    pub depth: u32,
    /// The state.
    pub state: DenseIndex,
    /// A state one step closer to the root through which the chain runs (the smallest COW
    /// code when several).
    pub via: DenseIndex,
    /// The alliances of the pledge between `state` and `via` in the period, sorted.
    pub alliances: Vec<AllianceId>,
}

/// A pledge `from → to` in `alliance`.
type Pledge = (DenseIndex, DenseIndex, AllianceId);

/// The states reached from `root` through pledges of `layer` in `period`, sorted by (depth,
/// ccode). For [`Layer::Any`] a pledge is any of the five obligations.
///
/// # Errors
/// [`QueryError`] when the period lies outside the data's years.
pub fn reach(
    graph: &AllianceGraph,
    timeline: &Timeline,
    period: Period,
    layer: Layer,
    root: DenseIndex,
    direction: Direction,
) -> Result<Vec<Reached>, QueryError> {
    let years = timeline.years();
    let (first, last) = (*years.start(), *years.end());
    let counted: Vec<usize> = match period {
        Period::Year(y) => {
            if !timeline.contains(y) {
                return Err(QueryError::YearOutOfRange { year: y, first, last });
            }
            timeline.edges(y).iter().map(|&i| i as usize).collect()
        }
        Period::Date(d) => {
            if DateSpan::day(d).is_none() || !years.contains(&chrono::Datelike::year(&d)) {
                return Err(QueryError::DateOutOfRange { date: d, first, last });
            }
            (0..graph.edges().len()).filter(|&i| graph.counted(i).iter().any(|s| s.contains(d))).collect()
        }
    };
    // Pledges keyed by the end the search walks from: `to` for `in`, `from` for `out`.
    let mut pledges: Vec<Pledge> = Vec::new();
    for i in counted {
        let e = &graph.edges()[i];
        for (from, to) in [(e.a, e.b), (e.b, e.a)] {
            let own = e.obligations_of(from);
            if !own.is_empty() && layer.admits(own) {
                let (key, other) = match direction {
                    Direction::In => (to, from),
                    Direction::Out => (from, to),
                };
                pledges.push((key, other, e.alliance));
            }
        }
    }
    pledges.sort_unstable();
    pledges.dedup();
    let n = graph.data.states.len();
    let mut depth = vec![u32::MAX; n];
    let mut out: Vec<Reached> = Vec::new();
    depth[root as usize] = 0;
    let mut level: Vec<DenseIndex> = vec![root];
    let mut k = 0;
    while !level.is_empty() {
        k += 1;
        let start = out.len();
        // `level` is sorted, so the first state of it to reach a new one is the smallest `via`.
        for &x in &level {
            let lo = pledges.partition_point(|p| p.0 < x);
            let hi = pledges.partition_point(|p| p.0 <= x);
            for p in &pledges[lo..hi] {
                let v = p.1;
                if depth[v as usize] == u32::MAX {
                    depth[v as usize] = k;
                    out.push(Reached { depth: k, state: v, via: x, alliances: Vec::new() });
                }
            }
        }
        out[start..].sort_unstable_by_key(|r| r.state);
        for r in &mut out[start..] {
            let lo = pledges.partition_point(|p| (p.0, p.1) < (r.via, r.state));
            let hi = pledges.partition_point(|p| (p.0, p.1) <= (r.via, r.state));
            r.alliances = pledges[lo..hi].iter().map(|p| p.2).collect();
        }
        level = out[start..].iter().map(|r| r.state).collect();
    }
    Ok(out)
}

/// The rows of [`reach`] as a table: `depth,ccode,abbr,name,via,atopids` (via a COW code,
/// atopids a list: joined by `;` in CSV, an array in JSON).
#[derive(Debug, Clone, Copy)]
pub struct ReachTable<'t> {
    /// The state index, for codes and names.
    pub states: &'t StateIndex,
    /// The rows.
    pub rows: &'t [Reached],
}

impl Table for ReachTable<'_> {
    fn columns(&self) -> Vec<&'static str> {
        vec!["depth", "ccode", "abbr", "name", "via", "atopids"]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> io::Result<()> {
        for r in self.rows {
            let st = self.states.state(r.state);
            let ids: Vec<String> = r.alliances.iter().map(|a| a.to_string()).collect();
            sink.cell(Cell::Int(i64::from(r.depth)))?;
            sink.cell(Cell::Int(i64::from(st.id.0)))?;
            sink.cell(Cell::Text(&st.abbr))?;
            sink.cell(Cell::Text(&st.name))?;
            sink.cell(Cell::Int(i64::from(self.states.state(r.via).id.0)))?;
            sink.cell(Cell::List(&ids, ';'))?;
            sink.end_row()?;
        }
        Ok(())
    }
}
