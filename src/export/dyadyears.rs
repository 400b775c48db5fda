//! Dyad-years as ATOP's dyad-year files and peacesciencer name them.
//!
//! Columns `ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul,
//! atop_number` ([`COLUMNS`]) for ATOP data. For COW Formal Alliances alone, peacesciencer's COW
//! names `ccode1,ccode2,year,cow_defense,cow_neutral,cow_nonagg,cow_entente,cow_number`
//! (`cow_number` is pactnet's, the count of alliances); for ATOP and COW combined, ATOP's five
//! columns, `cow_entente`, then `atop_number` (counting the alliances of both). Directed rows give ccode1's own obligations toward ccode2
//! ([`crate::MultiEdge::obligations_of`]); undirected rows keep ccode1 < ccode2 and take the
//! maximum over both directions. `atop_number` is the number of distinct alliances whose ties
//! between the two count in the year (the same in both directions). "In year Y" follows the
//! timeline's [`crate::YearRule`]. A dyad of year Y is a pair of states that are nodes on a
//! common day of Y's window: pairs that were both in the system in Y but never on the same day
//! are not dyads (as in peacesciencer). Rows are sorted by (year, ccode1, ccode2). Provision
//! columns (`--provisions`) follow `atop_number`, by the rule of [`super::provisions`];
//! covariates (`--state-covariates`, `--dyad-covariates`) come last, by the rule of
//! [`super::covariates`].

use super::node_spells;
use crate::graph::{AllianceGraph, Timeline};
use crate::io::table::{Cell, RowSink, Table};
use crate::model::covariates::Covariates;
use crate::model::{AllianceId, DateSpan, DenseIndex, Obligation, ObligationSet};
use crate::MemberSource;
use std::collections::BTreeMap;
use std::io;
use std::ops::RangeInclusive;

/// Column names of ATOP data, in order.
pub const COLUMNS: [&str; 9] = [
    "ccode1",
    "ccode2",
    "year",
    "atop_defense",
    "atop_offense",
    "atop_neutral",
    "atop_nonagg",
    "atop_consul",
    "atop_number",
];

/// The column of one obligation type's flag for data from `source` (peacesciencer's names).
pub fn flag_column(source: MemberSource, o: Obligation) -> &'static str {
    match (source, o) {
        (MemberSource::Cow, Obligation::Defense) => "cow_defense",
        (MemberSource::Cow, Obligation::Neutrality) => "cow_neutral",
        (MemberSource::Cow, Obligation::Nonaggression) => "cow_nonagg",
        (_, Obligation::Entente) => "cow_entente",
        (_, Obligation::Defense) => "atop_defense",
        (_, Obligation::Offense) => "atop_offense",
        (_, Obligation::Neutrality) => "atop_neutral",
        (_, Obligation::Nonaggression) => "atop_nonagg",
        (_, Obligation::Consultation) => "atop_consul",
    }
}

/// The columns of a dyad-year table of data from `source`, provisions aside.
pub fn columns_of(source: MemberSource) -> Vec<&'static str> {
    let mut c = vec!["ccode1", "ccode2", "year"];
    c.extend(source.obligations().iter().map(|&o| flag_column(source, o)));
    c.push(if source == MemberSource::Cow { "cow_number" } else { "atop_number" });
    c
}

/// Whether a dyad is an ordered or an unordered pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// Both (a, b) and (b, a), each with the first state's own obligations (the default).
    #[default]
    Directed,
    /// ccode1 < ccode2, obligations of either toward the other.
    Undirected,
}

/// Which dyads get a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dyads {
    /// Dyads with at least one tie counted in the year (the default).
    #[default]
    Allied,
    /// Every dyad of the year, with zeros where there is no tie.
    All,
}

/// What the dyad-year table holds.
#[derive(Debug, Clone, Default)]
pub struct DyadYearOptions {
    /// Years to write; default (`None`): every year of the timeline. Years outside it are skipped.
    pub years: Option<RangeInclusive<i32>>,
    /// Directed or undirected; default directed.
    pub direction: Direction,
    /// Allied dyads only, or all; default allied only.
    pub dyads: Dyads,
}

/// The dyad-year table of a graph, computed year by year as it is written.
#[derive(Debug)]
pub struct DyadYears<'g> {
    graph: &'g AllianceGraph,
    timeline: &'g Timeline,
    options: DyadYearOptions,
    spells: Vec<Vec<DateSpan>>,
    /// Provision columns added after `atop_number` ([`super::provisions`]); default none.
    provisions: Option<super::provisions::DyadProvisions<'g>>,
    /// Covariates joined as the last columns, with the table's columns; default none.
    covariates: Option<(&'g Covariates, Vec<&'static str>)>,
}

/// One row before it is written: (ccode1, ccode2) as dense indices, flags, alliance count.
type Row = (DenseIndex, DenseIndex, ObligationSet, usize);

impl<'g> DyadYears<'g> {
    /// The table of `graph` under `timeline`'s year rule.
    pub fn new(graph: &'g AllianceGraph, timeline: &'g Timeline, options: DyadYearOptions) -> Self {
        DyadYears { graph, timeline, options, spells: node_spells(graph), provisions: None, covariates: None }
    }

    /// Adds the provision columns of `provisions` (the largest value over the dyad's alliances
    /// in force that year; see [`super::provisions`]).
    pub fn with_provisions(mut self, provisions: super::provisions::DyadProvisions<'g>) -> Self {
        self.provisions = Some(provisions);
        self
    }

    /// Joins the covariates as the last columns (after any provisions, so add those first):
    /// `<name>1`, `<name>2` per state covariate, `<name>` per dyad covariate.
    ///
    /// # Errors
    /// [`ColumnClash`](super::covariates::ColumnClash) for a covariate column named as another
    /// column of the table.
    pub fn with_covariates(mut self, covariates: &'g Covariates) -> Result<Self, super::covariates::ColumnClash> {
        let columns = super::covariates::dyad_columns(covariates, self.base_columns())?;
        self.covariates = Some((covariates, columns));
        Ok(self)
    }

    /// The columns without covariates.
    fn base_columns(&self) -> Vec<&'static str> {
        let mut c = columns_of(self.graph.data.source);
        c.extend(self.provisions.iter().flat_map(|p| p.names()));
        c
    }

    /// Per allied pair (a < b), the alliances whose ties between them count in `year`.
    fn alliances_of(&self, year: i32) -> BTreeMap<(DenseIndex, DenseIndex), Vec<AllianceId>> {
        let edges = self.graph.edges();
        let mut out: BTreeMap<(DenseIndex, DenseIndex), Vec<AllianceId>> = BTreeMap::new();
        for &i in self.timeline.edges(year) {
            let e = &edges[i as usize];
            out.entry((e.a, e.b)).or_default().push(e.alliance);
        }
        for ids in out.values_mut() {
            ids.sort_unstable();
            ids.dedup();
        }
        out
    }

    /// The years written: the timeline's, limited to `options.years`.
    pub fn years(&self) -> RangeInclusive<i32> {
        let all = self.timeline.years();
        match &self.options.years {
            Some(r) => *r.start().max(all.start())..=*r.end().min(all.end()),
            None => all,
        }
    }

    /// The rows of one year, sorted by (ccode1, ccode2).
    pub fn rows(&self, year: i32) -> Vec<Row> {
        let edges = self.graph.edges();
        // Per allied pair (a < b): a's obligations, b's obligations, alliances.
        let mut ties: BTreeMap<(DenseIndex, DenseIndex), (ObligationSet, ObligationSet, Vec<AllianceId>)> =
            BTreeMap::new();
        for &i in self.timeline.edges(year) {
            let e = &edges[i as usize];
            let t = ties.entry((e.a, e.b)).or_default();
            t.0 = t.0.union(e.a_obligations);
            t.1 = t.1.union(e.b_obligations);
            t.2.push(e.alliance);
        }
        let mut pairs: Vec<(DenseIndex, DenseIndex, ObligationSet, ObligationSet, usize)> = ties
            .into_iter()
            .map(|((a, b), (oa, ob, mut ids))| {
                ids.sort_unstable();
                ids.dedup();
                (a, b, oa, ob, ids.len())
            })
            .collect();
        if self.options.dyads == Dyads::All {
            // The days of the year, or of each year of a multi-year window.
            let first = year + 1 - self.timeline.window() as i32;
            let windows: Vec<DateSpan> = (first..=year).filter_map(|y| self.timeline.rule().window(y)).collect();
            let nodes = self.timeline.nodes(year);
            let allied: std::collections::BTreeSet<(DenseIndex, DenseIndex)> =
                pairs.iter().map(|p| (p.0, p.1)).collect();
            for (k, &u) in nodes.iter().enumerate() {
                for &v in &nodes[k + 1..] {
                    if !allied.contains(&(u, v)) && windows.iter().any(|&w| self.meet(u, v, w)) {
                        pairs.push((u, v, ObligationSet::EMPTY, ObligationSet::EMPTY, 0));
                    }
                }
            }
        }
        let mut rows: Vec<Row> = Vec::with_capacity(pairs.len() * 2);
        for (a, b, oa, ob, n) in pairs {
            match self.options.direction {
                Direction::Directed => {
                    rows.push((a, b, oa, n));
                    rows.push((b, a, ob, n));
                }
                Direction::Undirected => rows.push((a, b, oa.union(ob), n)),
            }
        }
        rows.sort_unstable_by_key(|r| (r.0, r.1));
        rows
    }

    /// Whether u and v are nodes on a common day of `window`.
    fn meet(&self, u: DenseIndex, v: DenseIndex, window: DateSpan) -> bool {
        let (su, sv) = (&self.spells[u as usize], &self.spells[v as usize]);
        su.iter().any(|x| x.intersect(window).is_some_and(|x| sv.iter().any(|y| y.overlaps(x))))
    }
}

impl Table for DyadYears<'_> {
    fn columns(&self) -> Vec<&'static str> {
        match &self.covariates {
            Some((_, columns)) => columns.clone(),
            None => self.base_columns(),
        }
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> io::Result<()> {
        let states = &self.graph.data.states;
        for year in self.years() {
            let tied = match &self.provisions {
                Some(p) if !p.is_empty() => self.alliances_of(year),
                _ => BTreeMap::new(),
            };
            let window = self.timeline.rule().window(year);
            for (u, v, set, n) in self.rows(year) {
                sink.cell(Cell::Int(i64::from(states.state(u).id.0)))?;
                sink.cell(Cell::Int(i64::from(states.state(v).id.0)))?;
                sink.cell(Cell::Int(i64::from(year)))?;
                for &o in self.graph.data.source.obligations() {
                    sink.cell(Cell::Int(i64::from(set.contains(o))))?;
                }
                sink.cell(Cell::Int(n as i64))?;
                if let Some(p) = &self.provisions {
                    let ids = tied.get(&(u.min(v), u.max(v))).map_or(&[][..], Vec::as_slice);
                    let values = window.map_or_else(|| vec![None; p.names().count()], |w| p.values(u, v, ids, w));
                    for value in values {
                        super::alliances::write_opt(sink, value)?;
                    }
                }
                if let Some((covariates, _)) = &self.covariates {
                    let (a, b) = (states.state(u).id, states.state(v).id);
                    for k in 0..covariates.state.names().len() {
                        super::covariates::write_value(sink, covariates.state.value_at(k, a, year))?;
                        super::covariates::write_value(sink, covariates.state.value_at(k, b, year))?;
                    }
                    for k in 0..covariates.dyad.names().len() {
                        super::covariates::write_value(sink, covariates.dyad.get_at(k, a, b, year))?;
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

    #[test]
    fn columns_follow_the_source() {
        assert_eq!(columns_of(MemberSource::Atop), COLUMNS);
        assert_eq!(
            columns_of(MemberSource::Cow),
            ["ccode1", "ccode2", "year", "cow_defense", "cow_neutral", "cow_nonagg", "cow_entente", "cow_number"]
        );
        let combined = columns_of(MemberSource::Combined);
        assert_eq!(
            combined[3..],
            [
                "atop_defense",
                "atop_offense",
                "atop_neutral",
                "atop_nonagg",
                "atop_consul",
                "cow_entente",
                "atop_number"
            ]
        );
    }
}
