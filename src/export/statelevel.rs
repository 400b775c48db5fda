//! State-years: per state and year, the number of alliances and of partners in each layer.
//!
//! Columns `ccode,year,alliances,partners,` then `<type>_alliances,<type>_partners` for each
//! obligation type of the data's source ([`crate::MemberSource::obligations`]): for ATOP defense,
//! offense, neutrality, nonaggression and consultation ([`COLUMNS`]); for COW alone defense,
//! neutrality, nonaggression and entente. A state's alliances in a layer are the
//! distinct alliances with a tie of the state counted in the year whose types the layer admits
//! (as in `pactnet snapshot --layer`); its partners the distinct states at the other end, so
//! `partners` is the state's degree in the year's snapshot. One row per node of the year, zeros
//! included, sorted by (year, ccode).

use crate::graph::{AllianceGraph, Timeline};
use crate::io::table::{Cell, RowSink, Table};
use crate::model::{DenseIndex, Obligation};
use std::io;
use std::ops::RangeInclusive;

/// Column names of an ATOP data set, in order.
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

/// The two columns of one obligation type's layer.
fn layer_columns(o: Obligation) -> [&'static str; 2] {
    match o {
        Obligation::Defense => ["defense_alliances", "defense_partners"],
        Obligation::Offense => ["offense_alliances", "offense_partners"],
        Obligation::Neutrality => ["neutrality_alliances", "neutrality_partners"],
        Obligation::Nonaggression => ["nonaggression_alliances", "nonaggression_partners"],
        Obligation::Consultation => ["consultation_alliances", "consultation_partners"],
        Obligation::Entente => ["entente_alliances", "entente_partners"],
    }
}

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

    /// Per node of `year` (in `timeline.nodes(year)` order), per layer of the data's source (in
    /// [`crate::MemberSource::layers`] order): (alliances, partners).
    pub fn counts(&self, year: i32) -> Vec<Vec<(u32, u32)>> {
        let layers = self.graph.data.source.layers();
        let nodes = self.timeline.nodes(year);
        let edges = self.graph.edges();
        // (node position, layer, alliance) and (node position, layer, partner), deduplicated.
        let mut alliances: Vec<(usize, usize, u32)> = Vec::new();
        let mut partners: Vec<(usize, usize, DenseIndex)> = Vec::new();
        for &i in self.timeline.edges(year) {
            let e = &edges[i as usize];
            for (l, _) in layers.iter().enumerate().filter(|(_, l)| l.admits(e.types())) {
                for (v, other) in [(e.a, e.b), (e.b, e.a)] {
                    if let Ok(p) = nodes.binary_search(&v) {
                        alliances.push((p, l, e.alliance.0));
                        partners.push((p, l, other));
                    }
                }
            }
        }
        alliances.sort_unstable();
        alliances.dedup();
        partners.sort_unstable();
        partners.dedup();
        let mut out = vec![vec![(0u32, 0u32); layers.len()]; nodes.len()];
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
        let mut c = COLUMNS[..4].to_vec();
        c.extend(self.graph.data.source.obligations().iter().flat_map(|&o| layer_columns(o)));
        c
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
