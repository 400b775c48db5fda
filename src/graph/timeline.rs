//! The data's years, the nodes of each year, and the multigraph edges counted in each year.
//!
//! What "in year Y" means is the [`YearRule`]: by default any day of Y, `[Y-01-01, (Y+1)-01-01)`.
//! A state is a node of Y when it is a node on a day of Y's window; an edge counts in Y when one
//! of its counted days falls in the window. The years run from the first year with a node to the
//! data's last year.

use super::multigraph::{AllianceGraph, MultiEdge, SystemFilter};
use crate::error::QueryError;
use crate::model::{DateSpan, DenseIndex};
use crate::names::named_enum;
use chrono::Datelike;
use std::ops::{Range, RangeInclusive};

named_enum!(
    /// Which days of a year make a state or a tie "in" that year.
    #[derive(Default)]
    YearRule, "year rule", [
    /// Any day of the year, `[Y-01-01, (Y+1)-01-01)` (the default, as ATOP's dyad-year files).
    #[default]
    Any = "any",
    /// Only 31 December of the year.
    End = "end",
    /// Only 1 January of the year.
    Start = "start",
]);

impl YearRule {
    /// The days of `year` under the rule, as a half-open span.
    pub fn window(self, year: i32) -> Option<DateSpan> {
        let y = DateSpan::year(year)?;
        match self {
            YearRule::Any => Some(y),
            YearRule::End => DateSpan::new(y.last_day(), y.end()),
            YearRule::Start => DateSpan::day(y.start()),
        }
    }

    /// The years whose window meets `span`, as `first..last + 1` (possibly empty).
    pub fn years_meeting(self, span: DateSpan) -> Range<i32> {
        let (start, last) = (span.start(), span.last_day());
        let lo = match self {
            YearRule::Start if (start.month(), start.day()) != (1, 1) => start.year() + 1,
            _ => start.year(),
        };
        let hi = match self {
            YearRule::End if (last.month(), last.day()) != (12, 31) => last.year() - 1,
            _ => last.year(),
        };
        lo..(hi + 1).max(lo)
    }
}

/// Years, nodes per year and counted edges per year, computed once for a graph.
#[derive(Debug, Clone)]
pub struct Timeline {
    rule: YearRule,
    first: i32,
    last: i32,
    /// `nodes[y - first]`: sorted dense indices of the nodes of year y.
    nodes: Vec<Vec<DenseIndex>>,
    /// `edges[y - first]`: sorted indices of the multigraph edges counted in year y.
    edges: Vec<Vec<u32>>,
    /// Years per window (1: each year alone).
    window: u32,
}

impl Timeline {
    /// The timeline of `graph`'s data under its filter.
    pub fn new(graph: &AllianceGraph) -> Self {
        Timeline::with_rule(graph, YearRule::Any)
    }

    /// The timeline of `graph` under a year rule.
    pub fn with_rule(graph: &AllianceGraph, rule: YearRule) -> Self {
        let data = &graph.data;
        let last = data.data_end;
        let mut node_spans: Vec<(DenseIndex, DateSpan)> = Vec::new();
        for (v, spells) in data.system.iter().enumerate() {
            node_spans.extend(spells.iter().map(|s| (v as DenseIndex, *s)));
        }
        for v in 0..data.states.len() {
            node_spans.extend(graph.member_days(v as DenseIndex).iter().map(|s| (v as DenseIndex, *s)));
        }
        let first = node_spans
            .iter()
            .map(|(_, s)| rule.years_meeting(*s))
            .filter(|r| !r.is_empty())
            .map(|r| r.start)
            .min()
            .unwrap_or(last + 1)
            .min(last + 1);
        let len = (last - first + 1).max(0) as usize;
        // Year slots of a span, clipped to the data's years (an empty range when outside).
        let clip = |s: DateSpan| -> Range<usize> {
            let r = rule.years_meeting(s);
            let lo = r.start.max(first);
            let hi = r.end.min(last + 1);
            if lo >= hi {
                0..0
            } else {
                (lo - first) as usize..(hi - first) as usize
            }
        };
        let mut nodes = vec![Vec::new(); len];
        for (v, s) in node_spans {
            for y in clip(s) {
                nodes[y].push(v);
            }
        }
        for n in &mut nodes {
            n.sort_unstable();
            n.dedup();
        }
        let mut edges = vec![Vec::new(); len];
        for i in 0..graph.edges().len() {
            let mut prev = usize::MAX;
            for s in graph.counted(i) {
                for y in clip(*s) {
                    if y != prev {
                        edges[y].push(i as u32);
                        prev = y;
                    }
                }
            }
        }
        if graph.filter == SystemFilter::Atop && data.atop_dyads.is_none() {
            let all = graph.edges();
            for year in &mut edges {
                keep_latest_phase(year, all);
            }
        }
        Timeline { rule, first, last, nodes, edges, window: 1 }
    }

    /// The data's years, first with a node ..= last data year (empty when there are none).
    pub fn years(&self) -> RangeInclusive<i32> {
        self.first..=self.last
    }

    /// The year rule in force.
    pub fn rule(&self) -> YearRule {
        self.rule
    }

    /// Years per window (1 unless made by [`Timeline::windowed`]).
    pub fn window(&self) -> u32 {
        self.window
    }

    /// The timeline of `n`-year windows: "year Y" becomes the window of years Y − n + 1 ..= Y
    /// (under the year rule; with `any`, the days `[(Y−n+1)-01-01, (Y+1)-01-01)`), the first
    /// n − 1 years taking the years that exist. A state is a node and an edge counts when it does
    /// in at least one year of the window, so snapshot weights count the window's distinct
    /// alliances. `n` ≤ 1 gives the yearly timeline. Applied to a windowed timeline, windows
    /// compose. O(n × size) per year.
    pub fn windowed(&self, n: u32) -> Timeline {
        let n = n.max(1) as usize;
        let union = |lists: &[Vec<u32>]| -> Vec<Vec<u32>> {
            (0..lists.len())
                .map(|i| {
                    let mut u: Vec<u32> = lists[i.saturating_sub(n - 1)..=i].iter().flatten().copied().collect();
                    u.sort_unstable();
                    u.dedup();
                    u
                })
                .collect()
        };
        Timeline {
            rule: self.rule,
            first: self.first,
            last: self.last,
            nodes: union(&self.nodes),
            edges: union(&self.edges),
            window: self.window + n as u32 - 1,
        }
    }

    /// The requested years (`None`: all of them), checked against the data's years.
    ///
    /// # Errors
    /// [`QueryError::YearOutOfRange`] when a non-empty range reaches outside the data.
    pub fn select(&self, years: Option<RangeInclusive<i32>>) -> Result<RangeInclusive<i32>, QueryError> {
        let years = years.unwrap_or_else(|| self.years());
        for y in [*years.start(), *years.end()] {
            if !years.is_empty() && !self.contains(y) {
                return Err(QueryError::YearOutOfRange { year: y, first: self.first, last: self.last });
            }
        }
        Ok(years)
    }

    /// Whether `year` is one of the data's years.
    pub fn contains(&self, year: i32) -> bool {
        self.years().contains(&year)
    }

    /// Sorted dense indices of the nodes of `year` (empty outside the data).
    pub fn nodes(&self, year: i32) -> &[DenseIndex] {
        self.slot(year).map_or(&[], |i| &self.nodes[i])
    }

    /// Sorted indices of the multigraph edges counted in `year` (empty outside the data).
    pub fn edges(&self, year: i32) -> &[u32] {
        self.slot(year).map_or(&[], |i| &self.edges[i])
    }

    /// The years (as `first..last + 1`, possibly empty) in which an edge counted on the days
    /// `span` counts: those whose window (with [`Timeline::windowed`], any of its years) meets
    /// `span`, within the data's years. So edge `i` is in [`Timeline::edges`] of year y exactly
    /// when y is in `years_counting(s)` for one of its counted spans `s`; lets per-state tables
    /// find their years from the state's own edges instead of scanning every year.
    pub fn years_counting(&self, span: DateSpan) -> Range<i32> {
        let r = self.rule.years_meeting(span);
        let (lo, hi) = (r.start.max(self.first), r.end.min(self.last + 1));
        if lo >= hi {
            return 0..0;
        }
        lo..(hi + self.window as i32 - 1).min(self.last + 1)
    }

    fn slot(&self, year: i32) -> Option<usize> {
        self.contains(year).then(|| (year - self.first) as usize)
    }
}

/// ATOP's year of a phase change (under `--system atop`): of the ties of one alliance between
/// two states counted in a year, only those of the latest start count, so the year takes the
/// obligations of the phase in force at its end, as ATOP's dyadic files code it (alliance 1362
/// in 1888: phase 2's defense, not phase 1's neutrality). `year` holds sorted edge indices, and
/// the edges of one (a, b, alliance) are adjacent, by start.
fn keep_latest_phase(year: &mut Vec<u32>, edges: &[MultiEdge]) {
    let group = |i: u32| {
        let e = &edges[i as usize];
        (e.a, e.b, e.alliance)
    };
    let mut kept = Vec::with_capacity(year.len());
    for run in year.chunk_by(|x, y| group(*x) == group(*y)) {
        let latest = run.iter().map(|&i| edges[i as usize].span.start()).max();
        kept.extend(run.iter().filter(|&&i| Some(edges[i as usize].span.start()) == latest));
    }
    *year = kept;
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn windows_are_unions_of_years() {
        use crate::io::Source;
        use crate::{Dataset, Inputs, LoadOptions};
        // 4001: USA–UKG 1950-06-01..1951-01-01; 4002: UKG–FRN 1952-01-01..1952-03-01.
        let m = concat!(
            "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul\n",
            "4001,2,1950,6,1,1951,1,1,0,1,0,0,0,0\n4001,200,1950,6,1,1951,1,1,0,1,0,0,0,0\n",
            "4002,200,1952,1,1,1952,3,1,0,1,0,0,0,0\n4002,220,1952,1,1,1952,3,1,0,1,0,0,0,0\n"
        );
        let st = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\n\
                  USA,2,USA,1816,1,1,2016,12,31,2016\nUKG,200,UKG,1816,1,1,2016,12,31,2016\n\
                  FRN,220,FRN,1951,1,1,2016,12,31,2016\n";
        let inputs = Inputs {
            members: Source::Embedded { name: "m.csv", text: m },
            states: Source::Embedded { name: "s.csv", text: st },
            alliances: None,
        };
        let (data, mut diag) =
            Dataset::load(&inputs, &LoadOptions { data_end: Some(2016), ..Default::default() }).unwrap();
        let g = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
        let t = Timeline::new(&g);
        let w = t.windowed(3);
        assert_eq!((t.window(), w.window(), w.windowed(2).window()), (1, 3, 4));
        assert_eq!(w.years(), t.years());
        // Window 1950..=1952 holds both ties; 1951..=1953 and 1952..=1954 only the second;
        // 1953..=1955 none; the first window of the data (1816) is the year alone.
        assert_eq!((w.edges(1952), w.edges(1954), w.edges(1955)), (&[0, 1][..], &[1][..], &[][..]));
        assert_eq!(w.edges(1950), t.edges(1950));
        assert_eq!(w.nodes(1816), t.nodes(1816));
        // FRN enters the system in 1951: a node of the 1952 window, not of the 1950 one.
        assert_eq!((w.nodes(1950).len(), w.nodes(1952).len()), (2, 3));
        // Window 1 is the yearly timeline.
        let one = t.windowed(1);
        assert!(t.years().all(|y| one.edges(y) == t.edges(y) && one.nodes(y) == t.nodes(y)));
    }

    #[test]
    fn years_counting_agrees_with_the_edges_of_each_year() {
        use crate::{Dataset, Inputs, LoadOptions};
        // The embedded sample under every filter, rule and window: edge i is listed in year y
        // exactly when y is in years_counting of one of its counted spans.
        let (data, _) = Dataset::load(&Inputs::sample(), &LoadOptions::default()).unwrap();
        for filter in [SystemFilter::Cow, SystemFilter::None] {
            let g = AllianceGraph::build(data.clone(), filter, &mut crate::Diagnostics::default());
            for rule in [YearRule::Any, YearRule::End, YearRule::Start] {
                let base = Timeline::with_rule(&g, rule);
                for t in [base.windowed(1), base.windowed(3).windowed(2)] {
                    let t = &t;
                    // (edge, year) pairs both ways, sorted.
                    let mut listed: Vec<(u32, i32)> =
                        t.years().flat_map(|y| t.edges(y).iter().map(move |&i| (i, y))).collect();
                    listed.sort_unstable();
                    let mut derived: Vec<(u32, i32)> = (0..g.edges().len())
                        .flat_map(|i| {
                            g.counted(i).iter().flat_map(move |s| t.years_counting(*s).map(move |y| (i as u32, y)))
                        })
                        .collect();
                    derived.sort_unstable();
                    derived.dedup();
                    assert_eq!(derived, listed, "{filter}, {rule}, window {}", t.window());
                    assert!(!listed.is_empty(), "{filter}, {rule}: no edge-years");
                }
            }
        }
    }

    fn span(a: (i32, u32, u32), b: (i32, u32, u32)) -> DateSpan {
        let d = |(y, m, dd)| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        DateSpan::new(d(a), d(b)).unwrap()
    }

    #[test]
    fn year_rules_pick_the_years_whose_window_meets_a_span() {
        // 1900-03-01 .. 1902-12-31 (exclusive end: last day 30 December 1902).
        let s = span((1900, 3, 1), (1902, 12, 31));
        assert_eq!(YearRule::Any.years_meeting(s), 1900..1903);
        assert_eq!(YearRule::End.years_meeting(s), 1900..1902, "31 Dec 1902 is outside");
        assert_eq!(YearRule::Start.years_meeting(s), 1901..1903, "1 Jan 1900 is before the start");
        // A span from 1 January to 1 January: every rule counts the year.
        let y = span((1950, 1, 1), (1951, 1, 1));
        for rule in [YearRule::Any, YearRule::End, YearRule::Start] {
            assert_eq!(rule.years_meeting(y), 1950..1951, "{rule}");
        }
        // A span inside one year, missing both 1 January and 31 December.
        let mid = span((1950, 5, 1), (1950, 6, 1));
        assert_eq!(YearRule::Any.years_meeting(mid), 1950..1951);
        assert!(YearRule::End.years_meeting(mid).is_empty());
        assert!(YearRule::Start.years_meeting(mid).is_empty());
        assert_eq!(YearRule::End.window(1900), Some(span((1900, 12, 31), (1901, 1, 1))));
        assert_eq!("END".parse::<YearRule>(), Ok(YearRule::End));
        assert_eq!(
            "last".parse::<YearRule>().unwrap_err().to_string(),
            "unknown year rule \"last\": expected one of any, end, start"
        );
    }
}
