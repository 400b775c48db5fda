//! Alliance survival: the Kaplan–Meier product-limit estimator (Kaplan & Meier 1958,
//! "Nonparametric estimation from incomplete observations", JASA 53(282)) of alliance
//! durations, censored for alliances still in force at the end of the data — the descriptive
//! start of alliance-termination studies (Leeds & Savun 2007, "Terminating alliances", JOP 69(4)).
//!
//! Place in the flow: validated member rows → **survival** → table/plot. An alliance lasts from
//! its earliest member entry to its latest member exit (gaps between phases ignored); duration in
//! years = days / 365.25. It is censored when one of its rows is in force at the end of the data,
//! i.e. ends on 1 January after the last data year (`yrexit` 0 or empty). O(A log A) for A alliances.

use crate::dataset::Dataset;
use crate::io::table::{Cell, RowSink, Table};
use crate::model::{AllianceId, ObligationSet};
use crate::names::named_enum;
use std::io;

named_enum!(
    /// How alliances are grouped into survival curves.
    #[derive(Default)]
    GroupBy, "grouping", [
    /// One group, `all` (the default).
    #[default]
    None = "none",
    /// `all`, then one group per obligation type (an alliance with any row carrying it).
    Type = "type",
]);

/// One alliance's duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spell {
    /// The alliance.
    pub alliance: AllianceId,
    /// Days from the earliest entry to the latest exit.
    pub days: i64,
    /// Whether it is still in force at the end of the data (censored).
    pub censored: bool,
    /// Union of the obligations of its rows.
    pub types: ObligationSet,
}

/// Every alliance's duration, sorted by atopid. O(R log R) for R member rows.
pub fn spells(data: &Dataset) -> Vec<Spell> {
    let end_of_data = chrono::NaiveDate::from_ymd_opt(data.data_end + 1, 1, 1);
    let mut rows: Vec<_> = data.members.iter().collect();
    rows.sort_by_key(|m| m.alliance);
    // (alliance, earliest entry, latest exit, censored, types)
    let mut acc: Vec<(AllianceId, chrono::NaiveDate, chrono::NaiveDate, bool, ObligationSet)> = Vec::new();
    for m in rows {
        let censored = Some(m.span.end()) == end_of_data;
        match acc.last_mut() {
            Some(a) if a.0 == m.alliance => {
                a.1 = a.1.min(m.span.start());
                a.2 = a.2.max(m.span.end());
                a.3 |= censored;
                a.4 = a.4.union(m.obligations);
            }
            _ => acc.push((m.alliance, m.span.start(), m.span.end(), censored, m.obligations)),
        }
    }
    acc.into_iter()
        .map(|(alliance, start, end, censored, types)| Spell {
            alliance,
            days: (end - start).num_days(),
            censored,
            types,
        })
        .collect()
}

/// One step of a Kaplan–Meier curve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    /// Time in days.
    pub days: i64,
    /// Alliances at risk just before the time (duration ≥ it).
    pub at_risk: usize,
    /// Terminations at the time.
    pub events: usize,
    /// Censored at the time (counted at risk at it).
    pub censored: usize,
    /// Ŝ(t) = Π over event times u ≤ t of (1 − events(u) / at_risk(u)).
    pub survival: f64,
}

/// The Kaplan–Meier curve of `(days, censored)` observations: one step per distinct time with
/// an event or a censoring, in time order. O(k log k).
pub fn kaplan_meier(obs: &mut [(i64, bool)]) -> Vec<Step> {
    obs.sort_unstable();
    let mut out: Vec<Step> = Vec::new();
    let mut at_risk = obs.len();
    let mut survival = 1.0;
    let mut i = 0;
    while i < obs.len() {
        let t = obs[i].0;
        let run = obs[i..].iter().take_while(|o| o.0 == t).count();
        let censored = obs[i..i + run].iter().filter(|o| o.1).count();
        let events = run - censored;
        if events > 0 {
            survival *= 1.0 - events as f64 / at_risk as f64;
        }
        out.push(Step { days: t, at_risk, events, censored, survival });
        at_risk -= run;
        i += run;
    }
    out
}

/// Days per year in durations.
pub const DAYS_PER_YEAR: f64 = 365.25;

/// The Kaplan–Meier curves of one grouping.
#[derive(Debug, Clone)]
pub struct SurvivalTable {
    /// `(group name, alliances, curve)`, `all` first, then the types of the data's source
    /// ([`crate::MemberSource::obligations`]) in bit order.
    pub groups: Vec<(&'static str, usize, Vec<Step>)>,
}

/// The survival curves of the data's alliances, grouped by `by`.
pub fn durations(data: &Dataset, by: GroupBy) -> SurvivalTable {
    let spells = spells(data);
    let curve = |keep: &dyn Fn(&Spell) -> bool| {
        let mut obs: Vec<(i64, bool)> = spells.iter().filter(|s| keep(s)).map(|s| (s.days, s.censored)).collect();
        (obs.len(), kaplan_meier(&mut obs))
    };
    let (n, all) = curve(&|_| true);
    let mut groups = vec![("all", n, all)];
    if by == GroupBy::Type {
        for &o in data.source.obligations() {
            let (n, c) = curve(&|s: &Spell| s.types.contains(o));
            groups.push((o.name(), n, c));
        }
    }
    SurvivalTable { groups }
}

impl SurvivalTable {
    /// Median survival time in years of each group: the smallest time with Ŝ ≤ 0.5, `None`
    /// when the curve never gets there.
    pub fn medians(&self) -> Vec<Option<f64>> {
        self.groups
            .iter()
            .map(|(_, _, c)| c.iter().find(|s| s.survival <= 0.5).map(|s| s.days as f64 / DAYS_PER_YEAR))
            .collect()
    }

    /// `group,alliances,events,median_years`.
    pub fn summary_table(&self) -> SurvivalSummary<'_> {
        SurvivalSummary(self)
    }
}

impl Table for SurvivalTable {
    fn columns(&self) -> Vec<&'static str> {
        vec!["group", "time", "at_risk", "events", "censored", "survival"]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> io::Result<()> {
        for (name, _, curve) in &self.groups {
            for s in curve {
                sink.cell(Cell::Text(name))?;
                sink.cell(Cell::Float(s.days as f64 / DAYS_PER_YEAR))?;
                sink.cell(Cell::Int(s.at_risk as i64))?;
                sink.cell(Cell::Int(s.events as i64))?;
                sink.cell(Cell::Int(s.censored as i64))?;
                sink.cell(Cell::Float(s.survival))?;
                sink.end_row()?;
            }
        }
        Ok(())
    }
}

/// See [`SurvivalTable::summary_table`].
#[derive(Debug, Clone, Copy)]
pub struct SurvivalSummary<'t>(&'t SurvivalTable);

impl Table for SurvivalSummary<'_> {
    fn columns(&self) -> Vec<&'static str> {
        vec!["group", "alliances", "events", "median_years"]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> io::Result<()> {
        for ((name, n, curve), median) in self.0.groups.iter().zip(self.0.medians()) {
            sink.cell(Cell::Text(name))?;
            sink.cell(Cell::Int(*n as i64))?;
            sink.cell(Cell::Int(curve.iter().map(|s| s.events as i64).sum()))?;
            sink.cell(median.map_or(Cell::Missing, Cell::Float))?;
            sink.end_row()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_limit_with_ties_and_censoring_by_hand() {
        // Times (days) with censoring marked *: 2, 3, 3, 3*, 5*, 7, 7, 9*.
        // t=2: at risk 8, 1 event           → S = 7/8                 = 0.875
        // t=3: at risk 7, 2 events, 1 cens. → S = 7/8 · 5/7 = 5/8    = 0.625
        // t=5: at risk 4, 0 events, 1 cens. → S = 0.625
        // t=7: at risk 3, 2 events          → S = 5/8 · 1/3 = 5/24   = 0.208333…
        // t=9: at risk 1, 0 events, 1 cens. → S = 5/24
        let mut obs = [(7, false), (3, true), (2, false), (3, false), (9, true), (5, true), (3, false), (7, false)];
        let km = kaplan_meier(&mut obs);
        let got: Vec<(i64, usize, usize, usize)> =
            km.iter().map(|s| (s.days, s.at_risk, s.events, s.censored)).collect();
        assert_eq!(got, [(2, 8, 1, 0), (3, 7, 2, 1), (5, 4, 0, 1), (7, 3, 2, 0), (9, 1, 0, 1)]);
        let expected = [7.0 / 8.0, 5.0 / 8.0, 5.0 / 8.0, 5.0 / 24.0, 5.0 / 24.0];
        for (s, e) in km.iter().zip(expected) {
            assert!((s.survival - e).abs() < 1e-12, "{} vs {e}", s.survival);
        }
        // Median: the first time with S ≤ 0.5 is t = 7.
        let table = SurvivalTable { groups: vec![("all", 8, km)] };
        assert_eq!(table.medians(), [Some(7.0 / DAYS_PER_YEAR)]);
        assert!(kaplan_meier(&mut []).is_empty());
    }
}
