//! State-years: per state and year, the number of alliances and of partners in each layer, and
//! ATOP's state-year columns.
//!
//! Columns `ccode,year,alliances,partners,` then `<type>_alliances,<type>_partners` for each
//! obligation type of the data's source ([`crate::MemberSource::obligations`]): for ATOP defense,
//! offense, neutrality, nonaggression and consultation ([`COLUMNS`]); for COW alone defense,
//! neutrality, nonaggression and entente. A state's alliances in a layer are the
//! distinct alliances with a tie of the state counted in the year whose types the layer admits
//! (as in `pactnet snapshot --layer`); its partners the distinct states at the other end, so
//! `partners` is the state's degree in the year's snapshot.
//!
//! Then ATOP's state-year variables (ATOP codebook, section 2.5), as peacesciencer names them
//! (for COW alone the same variables of COW's types, named as [`super::dyadyears::flag_column`]
//! names them, then `cow_number` and `cow_transyr`):
//! - `atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul`: 1 when the state itself
//!   holds that obligation in the year: its own flags in a member row of an alliance it belongs
//!   to that year (the memberships of `atop_number`), so a state that is only promised defence
//!   scores 0. As in ATOP's state-year file, these come from the member rows, not from the
//!   directed dyads: ATOP's hand corrections of its dyadic files (`--atop-dyads`) do not change
//!   them, and a pledge to a state outside the COW list (France to Annam) counts; under
//!   `--system atop` a year in which an alliance changes phase takes the state's flags in the
//!   later phase (ATOP's convention), otherwise those of every phase in force that year;
//! - `atop_number`: the distinct alliances (phases of one alliance count once) of which the state
//!   is a member on a day of the year on which it is a node (under the system filter);
//! - `atop_transyr`: 1 when one of the state's member rows (a commitment: one phase of one
//!   alliance) starts in the calendar year or ends in it (the year of its last day as the system
//!   filter counts days: under `--system atop` an exit written as a full date is itself a day of
//!   membership, so an exit on 1 January of Y ends in Y, as in ATOP's files; otherwise it is the
//!   first day outside and the row ends in Y − 1; rows still in force at the data's end do not end).
//!
//! "In the year" follows the timeline's [`crate::YearRule`], as every year-based table. One row per
//! node of the year, zeros included, sorted by (year, ccode). State covariates
//! (`--state-covariates`) follow as one column each ([`super::covariates`]).

use super::covariates::ColumnClash;
use super::node_spells;
use crate::dataset::MemberSource;
use crate::graph::{AllianceGraph, SystemFilter, Timeline};
use crate::io::table::{Cell, RowSink, Table};
use crate::model::covariates::StateCovariates;
use crate::model::{AllianceId, DenseIndex, Obligation, ObligationSet};
use chrono::Datelike;
use std::io;
use std::ops::RangeInclusive;

/// Column names of an ATOP data set, in order.
pub const COLUMNS: [&str; 21] = [
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
    "atop_defense",
    "atop_offense",
    "atop_neutral",
    "atop_nonagg",
    "atop_consul",
    "atop_number",
    "atop_transyr",
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

/// The columns of a state-year table of data from `source`.
pub fn columns_of(source: MemberSource) -> Vec<&'static str> {
    let obligations = source.obligations();
    let mut c = COLUMNS[..4].to_vec();
    c.extend(obligations.iter().flat_map(|&o| layer_columns(o)));
    c.extend(obligations.iter().map(|&o| super::dyadyears::flag_column(source, o)));
    c.extend(if source == MemberSource::Cow { ["cow_number", "cow_transyr"] } else { ["atop_number", "atop_transyr"] });
    c
}

/// ATOP's state-year variables of one state in one year (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AtopStateYear {
    /// The obligations the state holds toward at least one partner (`atop_defense` …).
    pub obligations: ObligationSet,
    /// Alliances it is a member of (`atop_number`).
    pub number: u32,
    /// Whether one of its commitments starts or ends in the year (`atop_transyr`).
    pub transition: bool,
}

/// The state-year table of a graph, computed year by year as it is written.
#[derive(Debug)]
pub struct StateYears<'g> {
    graph: &'g AllianceGraph,
    timeline: &'g Timeline,
    years: RangeInclusive<i32>,
    /// (year, state, alliance, the state's own obligations in it) of every membership counted
    /// in a year, sorted, one per (year, state, alliance) with the obligations of all its rows.
    memberships: Vec<(i32, DenseIndex, AllianceId, ObligationSet)>,
    /// (year, state) of every start or end of a commitment, sorted, without repeats.
    transitions: Vec<(i32, DenseIndex)>,
    /// State covariates joined as columns, if any, with the table's columns.
    covariates: Option<(&'g StateCovariates, Vec<&'static str>)>,
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
        let spells = node_spells(graph);
        let data = &graph.data;
        // (year, state, alliance, row start, the row's obligations) of every row counted in a year.
        let (mut rows, mut transitions) = (Vec::new(), Vec::new());
        let in_force = chrono::NaiveDate::from_ymd_opt(data.data_end + 1, 1, 1).unwrap_or(chrono::NaiveDate::MAX);
        for m in &data.members {
            let v = data.member_index(m);
            // The member's days as the filter counts them (ATOP's exit day under `atop`).
            let span = graph.filter.member_span(m);
            for node_days in &spells[v as usize] {
                if let Some(days) = span.intersect(*node_days) {
                    let start = m.span.start();
                    rows.extend(timeline.years_counting(days).map(|y| (y, v, m.alliance, start, m.obligations)));
                }
            }
            transitions.push((span.start().year(), v));
            // A commitment ends in the year of its last day; one in force at the data's end does not end.
            if span.end() < in_force {
                transitions.push((span.last_day().year(), v));
            }
        }
        rows.sort_unstable();
        // Under `atop`, ATOP's year of a phase change: the rows of the latest start decide (as
        // `Timeline` does for ties); otherwise every row of the year counts.
        let latest_only = graph.filter == SystemFilter::Atop;
        let memberships = rows
            .chunk_by(|x, y| (x.0, x.1, x.2) == (y.0, y.1, y.2))
            .map(|run| {
                let (year, v, alliance, last_start, _) = run[run.len() - 1];
                let counted = run.iter().filter(|r| !latest_only || r.3 == last_start);
                (year, v, alliance, counted.fold(ObligationSet::EMPTY, |set, r| set.union(r.4)))
            })
            .collect();
        transitions.sort_unstable();
        transitions.dedup();
        StateYears { graph, timeline, years, memberships, transitions, covariates: None }
    }

    /// Joins the state covariates: one column per covariate after ATOP's columns (empty where
    /// the state-year has no value).
    ///
    /// # Errors
    /// [`ColumnClash`] for a covariate named as a column of the table.
    pub fn with_covariates(mut self, covariates: &'g StateCovariates) -> Result<Self, ColumnClash> {
        let columns = super::covariates::state_columns(covariates, columns_of(self.graph.data.source))?;
        self.covariates = Some((covariates, columns));
        Ok(self)
    }

    /// Per state-covariate file with rows that the table does not join (their state is no node
    /// of their year, within the table's years; a file without `year`: a state that is no node
    /// in any of them): [`WarningKind::CovariateRowsNotJoined`](crate::diagnostics::WarningKind)
    /// with the states and years. Empty without covariates.
    pub fn covariate_rows_not_joined(&self) -> Vec<crate::diagnostics::Diagnostics> {
        use crate::diagnostics::{Diagnostics, WarningKind};
        let Some((covariates, _)) = &self.covariates else { return Vec::new() };
        let states = &self.graph.data.states;
        let is_node =
            |id, year| states.index_of(id).is_some_and(|v| self.timeline.nodes(year).binary_search(&v).is_ok());
        let mut out = Vec::new();
        for table in covariates.tables() {
            let mut diag = Diagnostics::default();
            let file: std::sync::Arc<str> = table
                .file()
                .file_name()
                .map_or_else(|| table.file().display().to_string().into(), |n| n.to_string_lossy().into());
            let at = crate::error::Location::new(&file, 0);
            for (id, year) in table.keys() {
                let unjoined: Vec<i32> = match year {
                    Some(y) if self.years.contains(&y) && !is_node(id, y) => vec![y],
                    None if !self.years.clone().any(|y| is_node(id, y)) => vec![],
                    _ => continue,
                };
                diag.warn(WarningKind::CovariateRowsNotJoined, &at, Some(u32::from(id.0)));
                if let (Some(&a), Some(&b)) = (unjoined.first(), unjoined.last()) {
                    diag.warn_years(WarningKind::CovariateRowsNotJoined, u32::from(id.0), a..=b);
                }
            }
            if diag.count(WarningKind::CovariateRowsNotJoined) > 0 {
                diag.name_states(states);
                out.push(diag);
            }
        }
        out
    }

    /// Per node of `year` (in `timeline.nodes(year)` order): ATOP's state-year variables.
    pub fn atop(&self, year: i32) -> Vec<AtopStateYear> {
        let nodes = self.timeline.nodes(year);
        let mut out = vec![AtopStateYear::default(); nodes.len()];
        let lo = self.memberships.partition_point(|&(y, ..)| y < year);
        let hi = self.memberships.partition_point(|&(y, ..)| y <= year);
        for &(_, v, _, obligations) in &self.memberships[lo..hi] {
            if let Ok(p) = nodes.binary_search(&v) {
                out[p].number += 1;
                out[p].obligations = out[p].obligations.union(obligations);
            }
        }
        let lo = self.transitions.partition_point(|&(y, _)| y < year);
        let hi = self.transitions.partition_point(|&(y, _)| y <= year);
        for &(_, v) in &self.transitions[lo..hi] {
            if let Ok(p) = nodes.binary_search(&v) {
                out[p].transition = true;
            }
        }
        out
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
        match &self.covariates {
            Some((_, columns)) => columns.clone(),
            None => columns_of(self.graph.data.source),
        }
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> io::Result<()> {
        let states = &self.graph.data.states;
        for year in self.years.clone() {
            let nodes = self.timeline.nodes(year);
            for ((&v, counts), atop) in nodes.iter().zip(self.counts(year)).zip(self.atop(year)) {
                sink.cell(Cell::Int(i64::from(states.state(v).id.0)))?;
                sink.cell(Cell::Int(i64::from(year)))?;
                for (alliances, partners) in counts {
                    sink.cell(Cell::Int(i64::from(alliances)))?;
                    sink.cell(Cell::Int(i64::from(partners)))?;
                }
                for &o in self.graph.data.source.obligations() {
                    sink.cell(Cell::Int(i64::from(atop.obligations.contains(o))))?;
                }
                sink.cell(Cell::Int(i64::from(atop.number)))?;
                sink.cell(Cell::Int(i64::from(atop.transition)))?;
                if let Some((covariates, _)) = &self.covariates {
                    let id = states.state(v).id;
                    for k in 0..covariates.names().len() {
                        super::covariates::write_value(sink, covariates.value_at(k, id, year))?;
                    }
                }
                sink.end_row()?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{LoadOptions, StateId, SystemFilter, YearRule};

    /// UKG, BEL, FRN in the system throughout; GMY from 1955. Data end 1995.
    /// - 1: UKG guarantees BEL: phase 1 [1950-01-01, 1952-07-01) UKG defense, BEL nothing;
    ///   phase 2 [1952-07-01, 1960-01-01) UKG defense + consultation, BEL consultation.
    /// - 2: FRN–BEL nonaggression, [1953-03-01, 1953-09-01).
    /// - 3: FRN–GMY neutrality, [1950-01-01, 1958-01-01) (GMY outside the system until 1955).
    /// - 4: UKG–FRN consultation from 1990, still in force (`yrexit` 0).
    fn graph(filter: SystemFilter) -> AllianceGraph {
        let members =
            "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul
1,200,1950,1,1,1952,7,1,1,1,0,0,0,0
1,211,1950,1,1,1952,7,1,1,0,0,0,0,0
1,200,1952,7,1,1960,1,1,2,1,0,0,0,1
1,211,1952,7,1,1960,1,1,2,0,0,0,0,1
2,220,1953,3,1,1953,9,1,1,0,0,0,1,0
2,211,1953,3,1,1953,9,1,1,0,0,0,1,0
3,220,1950,1,1,1958,1,1,1,0,0,1,0,0
3,255,1950,1,1,1958,1,1,1,0,0,1,0,0
4,200,1990,1,1,0,,,1,0,0,0,0,1
4,220,1990,1,1,0,,,1,0,0,0,0,1
";
        let states = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version
UKG,200,United Kingdom,1816,1,1,2016,12,31,2016
BEL,211,Belgium,1816,1,1,2016,12,31,2016
FRN,220,France,1816,1,1,2016,12,31,2016
GMY,255,Germany,1955,1,1,2016,12,31,2016
";
        let options = LoadOptions { data_end: Some(1995), ..Default::default() };
        let (data, mut diag) = crate::testdata::load_texts(members, states, &options).unwrap();
        AllianceGraph::build(data, filter, &mut diag)
    }

    /// The ATOP columns of state `code` in `year`: (defense, offense, neutral, nonagg, consul,
    /// number, transyr); `None` when it is no node of the year.
    fn atop(g: &AllianceGraph, t: &Timeline, code: u16, year: i32) -> Option<[u32; 7]> {
        let table = StateYears::new(g, t, None);
        let v = g.data.states.index_of(StateId(code))?;
        let p = t.nodes(year).binary_search(&v).ok()?;
        let a = table.atop(year)[p];
        let f = |o| u32::from(a.obligations.contains(o));
        Some([
            f(Obligation::Defense),
            f(Obligation::Offense),
            f(Obligation::Neutrality),
            f(Obligation::Nonaggression),
            f(Obligation::Consultation),
            a.number,
            u32::from(a.transition),
        ])
    }

    #[test]
    fn obligations_are_the_states_own_flags_in_its_memberships() {
        let g = graph(SystemFilter::Cow);
        let t = Timeline::new(&g);
        // 1951: UKG defends BEL; BEL, only defended, holds nothing (yet is a member: number 1).
        assert_eq!(atop(&g, &t, 200, 1951), Some([1, 0, 0, 0, 0, 1, 0]));
        assert_eq!(atop(&g, &t, 211, 1951), Some([0, 0, 0, 0, 0, 1, 0]));
        // FRN pledges neutrality in alliance 3, a membership of its own, though its partner GMY
        // enters the system only in 1955 (as ATOP's state-year file counts France's pledge to
        // Annam, which has no COW code).
        assert_eq!(atop(&g, &t, 220, 1951), Some([0, 0, 1, 0, 0, 1, 0]));
        assert_eq!(atop(&g, &t, 220, 1956), Some([0, 0, 1, 0, 0, 1, 0]));
        // Without the system filter the tie counts in 1951, and GMY is a node.
        let g = graph(SystemFilter::None);
        let t = Timeline::new(&g);
        assert_eq!(atop(&g, &t, 220, 1951), Some([0, 0, 1, 0, 0, 1, 0]));
        assert_eq!(atop(&g, &t, 255, 1951), Some([0, 0, 1, 0, 0, 1, 0]));
    }

    #[test]
    fn number_counts_alliances_once_and_transyr_marks_starts_and_ends() {
        let g = graph(SystemFilter::Cow);
        let t = Timeline::new(&g);
        // 1950: alliances 1 and 3 start.
        assert_eq!(atop(&g, &t, 200, 1950), Some([1, 0, 0, 0, 0, 1, 1]));
        // 1952: phase 1 of alliance 1 ends and phase 2 starts on 1 July: one alliance, both
        // phases' obligations (any day of the year), a transition.
        assert_eq!(atop(&g, &t, 200, 1952), Some([1, 0, 0, 0, 1, 1, 1]));
        assert_eq!(atop(&g, &t, 211, 1952), Some([0, 0, 0, 0, 1, 1, 1]));
        // 1953: alliance 2 starts and ends within the year: BEL in two alliances, FRN in two
        // (2 and 3); UKG in one, no transition.
        assert_eq!(atop(&g, &t, 211, 1953), Some([0, 0, 0, 1, 1, 2, 1]));
        assert_eq!(atop(&g, &t, 220, 1953), Some([0, 0, 1, 1, 0, 2, 1]));
        assert_eq!(atop(&g, &t, 200, 1953), Some([1, 0, 0, 0, 1, 1, 0]));
        // Alliance 3's exit date 1958-01-01 is the first day outside: its last day, and so its
        // end, falls in 1957; 1958 holds nothing of it.
        assert_eq!(atop(&g, &t, 220, 1958), Some([0; 7]));
        assert_eq!(atop(&g, &t, 220, 1957), Some([0, 0, 1, 0, 0, 1, 1]));
        // Under --system atop the exit day is a day of membership: the alliance is in force and
        // ends in 1958, as ATOP's files code it.
        let ga = graph(SystemFilter::Atop);
        let ta = Timeline::new(&ga);
        assert_eq!(atop(&ga, &ta, 220, 1958), Some([0, 0, 1, 0, 0, 1, 1]));
        assert_eq!(atop(&ga, &ta, 220, 1957), Some([0, 0, 1, 0, 0, 1, 0]));
        // 1990 starts alliance 4; in 1995 (the data's end) it is still in force: no end.
        assert_eq!(atop(&g, &t, 200, 1990), Some([0, 0, 0, 0, 1, 1, 1]));
        assert_eq!(atop(&g, &t, 200, 1995), Some([0, 0, 0, 0, 1, 1, 0]));
        assert_eq!(atop(&g, &t, 200, 1975), Some([0; 7]));
    }

    #[test]
    fn the_year_rule_decides_which_days_count() {
        let g = graph(SystemFilter::Cow);
        // Only 31 December: in 1953 alliance 2 (March to September) is not in force.
        let t = Timeline::with_rule(&g, YearRule::End);
        assert_eq!(atop(&g, &t, 211, 1953), Some([0, 0, 0, 0, 1, 1, 1]));
        // Only 1 January: in 1952 phase 1 holds (UKG defense, BEL nothing), not phase 2.
        let t = Timeline::with_rule(&g, YearRule::Start);
        assert_eq!(atop(&g, &t, 211, 1952), Some([0, 0, 0, 0, 0, 1, 1]));
    }
}
