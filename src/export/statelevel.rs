//! State-years: per state and year, the number of alliances and of partners in each layer.
//!
//! Columns `ccode,year,alliances,partners,` then `<type>_alliances,<type>_partners` for defense,
//! offense, neutrality, nonaggression and consultation. A state's alliances in a layer are the
//! distinct alliances with a tie of the state counted in the year whose types the layer admits
//! (as in `pactnet snapshot --layer`); its partners the distinct states at the other end, so
//! `partners` is the state's degree in the year's snapshot. One row per node of the year, zeros
//! included, sorted by (year, ccode).

use crate::graph::{AllianceGraph, Timeline};
use crate::io::table::{Cell, RowSink, Table};
use crate::model::{DenseIndex, Layer};
use std::io;
use std::ops::RangeInclusive;

/// Column names, in order.
pub const COLUMNS: [&str; 14] = [
    "ccode",
    "year",
    "alliances",
    "partners",
    "defense_alliances",
    "defense_partners",
    "offense_alliances",
    "offense_partners",
    "neutrality_alliances",
    "neutrality_partners",
    "nonaggression_alliances",
    "nonaggression_partners",
    "consultation_alliances",
    "consultation_partners",
];

/// The state-year table of a graph, computed year by year as it is written.
#[derive(Debug)]
pub struct StateYears<'g> {
    graph: &'g AllianceGraph,
    timeline: &'g Timeline,
    years: RangeInclusive<i32>,
}

impl<'g> StateYears<'g> {
    /// The table of `graph` for `years` (default: every year of the timeline; years outside it
    /// are skipped).
    pub fn new(graph: &'g AllianceGraph, timeline: &'g Timeline, years: Option<RangeInclusive<i32>>) -> Self {
        let all = timeline.years();
        let years = match years {
            Some(r) => *r.start().max(all.start())..=*r.end().min(all.end()),
            None => all,
        };
        StateYears { graph, timeline, years }
    }

    /// Per node of `year` (in `timeline.nodes(year)` order), per layer: (alliances, partners).
    pub fn counts(&self, year: i32) -> Vec<[(u32, u32); 6]> {
        let nodes = self.timeline.nodes(year);
        let edges = self.graph.edges();
        // (node position, layer, alliance) and (node position, layer, partner), deduplicated.
        let mut alliances: Vec<(usize, usize, u32)> = Vec::new();
        let mut partners: Vec<(usize, usize, DenseIndex)> = Vec::new();
        for &i in self.timeline.edges(year) {
            let e = &edges[i as usize];
            for layer in Layer::ALL.into_iter().filter(|l| l.admits(e.types())) {
                for (v, other) in [(e.a, e.b), (e.b, e.a)] {
                    if let Ok(p) = nodes.binary_search(&v) {
                        alliances.push((p, layer.index(), e.alliance.0));
                        partners.push((p, layer.index(), other));
                    }
                }
            }
        }
        alliances.sort_unstable();
        alliances.dedup();
        partners.sort_unstable();
        partners.dedup();
        let mut out = vec![[(0u32, 0u32); 6]; nodes.len()];
        for (p, l, _) in alliances {
            out[p][l].0 += 1;
        }
        for (p, l, _) in partners {
            out[p][l].1 += 1;
        }
        out
    }
}

impl Table for StateYears<'_> {
    fn columns(&self) -> Vec<&'static str> {
        COLUMNS.to_vec()
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> io::Result<()> {
        let states = &self.graph.data.states;
        for year in self.years.clone() {
            for (&v, counts) in self.timeline.nodes(year).iter().zip(self.counts(year)) {
                sink.cell(Cell::Int(i64::from(states.state(v).id.0)))?;
                sink.cell(Cell::Int(i64::from(year)))?;
                for (alliances, partners) in counts {
                    sink.cell(Cell::Int(i64::from(alliances)))?;
                    sink.cell(Cell::Int(i64::from(partners)))?;
                }
                sink.end_row()?;
            }
        }
        Ok(())
    }
}
