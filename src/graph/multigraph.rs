//! The time-indexed alliance multigraph: one edge per pair of overlapping member rows of an
//! alliance, typed by obligations and dated by the overlap of the two rows.
//!
//! For every alliance and every pair of member rows `ra` (state a), `rb` (state b), `a ≠ b`, whose
//! spans overlap, one [`MultiEdge`] with span `[max(starts), min(ends))` and types = the union of
//! both rows' obligations; the directed view keeps each row's own obligations. Rows of different
//! phases pair like any others: the dates decide. Under [`SystemFilter::Cow`] an edge counts only
//! on days when both states are COW system members.

use crate::dataset::Dataset;
use crate::diagnostics::{Diagnostics, WarningKind};
use crate::error::Location;
use crate::model::{AllianceId, DateSpan, DenseIndex, MemberSpell, ObligationSet};
use crate::names::named_enum;
use chrono::{Datelike, NaiveDate};

named_enum!(
    /// Which states and ties count on a day.
    #[derive(Default)]
    SystemFilter, "system filter", [
    /// A state is a node only while a COW system member; a tie counts only on days when both
    /// states are members (the default).
    #[default]
    Cow = "cow",
    /// Every alliance member is a node while in an alliance (or in the system); every tie counts.
    None = "none",
    /// ATOP's own rule, as its dyadic and state-year files apply it: every member with a COW
    /// country code (one in the state list) counts on the days of its membership, with no system
    /// filter, an exit written as a full date counting as a day of membership
    /// ([`crate::model::MemberSpell::atop_span`]); codes the list lacks (Annam, 8152) are left out
    /// (warning [`WarningKind::NotCowCoded`]).
    Atop = "atop",
]);

impl SystemFilter {
    /// Whether alliance membership makes a state a node (`none`, `atop`), not only the system.
    pub fn members_are_nodes(self) -> bool {
        matches!(self, SystemFilter::None | SystemFilter::Atop)
    }

    /// A member row's days under this filter: ATOP's count of them under `atop`.
    pub fn member_span(self, m: &MemberSpell) -> DateSpan {
        match self {
            SystemFilter::Atop => m.atop_span(),
            SystemFilter::Cow | SystemFilter::None => m.span,
        }
    }
}

/// One multigraph edge: a tie between two states in one alliance over one span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MultiEdge {
    /// The alliance.
    pub alliance: AllianceId,
    /// The endpoint with the smaller COW code.
    pub a: DenseIndex,
    /// The endpoint with the larger COW code.
    pub b: DenseIndex,
    /// `[max(entries), min(exits))` of the two rows.
    pub span: DateSpan,
    /// a's own obligations (the directed view a → b).
    pub a_obligations: ObligationSet,
    /// b's own obligations (the directed view b → a).
    pub b_obligations: ObligationSet,
    /// Phase of a's row.
    pub a_phase: u16,
    /// Phase of b's row.
    pub b_phase: u16,
}

impl MultiEdge {
    /// The edge's types: the union of both rows' obligations.
    pub fn types(&self) -> ObligationSet {
        self.a_obligations.union(self.b_obligations)
    }

    /// The obligations `from` holds toward the other endpoint (directed view).
    pub fn obligations_of(&self, from: DenseIndex) -> ObligationSet {
        if from == self.a {
            self.a_obligations
        } else {
            self.b_obligations
        }
    }
}

/// The multigraph of a [`Dataset`] under a [`SystemFilter`].
#[derive(Debug, Clone)]
pub struct AllianceGraph {
    /// The data the graph was built from.
    pub data: Dataset,
    /// The filter in force.
    pub filter: SystemFilter,
    /// Edges sorted by (a, b, alliance, start).
    edges: Vec<MultiEdge>,
    /// Edge i counts on `counted_spans[counted_start[i]..counted_start[i + 1]]` (sorted days).
    counted_start: Vec<u32>,
    counted_spans: Vec<DateSpan>,
    /// Filters `none` and `atop` only: per state (dense index), the days it is in an alliance
    /// (merged; under `atop` only states of the state list, with ATOP's exit days).
    member_days: Vec<Vec<DateSpan>>,
    /// Per edge, its alliance's rank among the graph's distinct alliances (`0..alliance_count`),
    /// so that a snapshot counts its alliances with one array look-up per edge.
    alliance_slot: Vec<u32>,
    alliance_count: usize,
}

/// Default limit on multigraph edges of the command line (`--max-edges`): 4 million. An edge
/// takes about 40 bytes (its record, its counted days and their index), plus 4 bytes for each
/// year it spans in the [`crate::Timeline`]. ATOP 4.01 has about 60 thousand edges, a 1-million-row
/// `pactnet synth` file about 3 million; one alliance of n members gives n(n−1)/2 (2,829 members
/// pass 4 million, so a 3,000-member alliance is an error unless the limit is raised).
pub const MAX_EDGES: usize = 4_000_000;

/// Why the multigraph could not be built.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    /// The member rows give more multigraph edges than the limit.
    #[error("{at}: alliance {alliance} ({rows} member rows) takes the multigraph past {limit} edges: pactnet stops here rather than exhaust memory (about 40 bytes per edge and 4 per edge-year; raise the limit with --max-edges)")]
    TooManyEdges {
        /// The file of the alliance's rows (the member file, its coding sheet or the COW
        /// file), at its first row.
        at: Location,
        /// The alliance being paired when the limit was passed.
        alliance: AllianceId,
        /// Its member rows.
        rows: usize,
        /// The limit.
        limit: usize,
    },
}

impl AllianceGraph {
    /// Builds the multigraph and the days each edge counts; filter warnings go to `diag`. No
    /// limit on the number of edges: see [`AllianceGraph::build_limited`].
    pub fn build(data: Dataset, filter: SystemFilter, diag: &mut Diagnostics) -> Self {
        match Self::build_limited(data, filter, usize::MAX, diag) {
            Ok(g) => g,
            Err(GraphError::TooManyEdges { .. }) => unreachable!("no edge count reaches usize::MAX"),
        }
    }

    /// [`AllianceGraph::build`] with at most `max_edges` multigraph edges (the command line's
    /// default is [`MAX_EDGES`]).
    ///
    /// # Errors
    /// [`GraphError::TooManyEdges`] as soon as the pairs of an alliance pass `max_edges`.
    pub fn build_limited(
        data: Dataset,
        filter: SystemFilter,
        max_edges: usize,
        diag: &mut Diagnostics,
    ) -> Result<Self, GraphError> {
        let mut order: Vec<u32> = (0..data.members.len() as u32).collect();
        order.sort_by_key(|&i| {
            let m = &data.members[i as usize];
            (m.alliance, m.state, m.span.start())
        });
        let same_alliance = |x: &u32, y: &u32| data.members[*x as usize].alliance == data.members[*y as usize].alliance;
        // Counted first: the limit is checked before any edge is stored, and the edges are
        // allocated once, at their size (a vector grown by doubling would need up to 3 times it).
        let mut count = 0usize;
        for group in order.chunk_by(same_alliance) {
            count += pairs(&data, group).count();
            if count > max_edges {
                let first = group.iter().map(|&i| data.members[i as usize].line).min().unwrap_or(0);
                return Err(GraphError::TooManyEdges {
                    at: Location::new(data.file_of(data.members[group[0] as usize].alliance), first),
                    alliance: data.members[group[0] as usize].alliance,
                    rows: group.len(),
                    limit: max_edges,
                });
            }
        }
        let mut edges = Vec::with_capacity(count);
        for group in order.chunk_by(same_alliance) {
            edges.extend(pairs(&data, group).map(|(ri, rj, span)| {
                // Pairs are found on the half-open days (rows that only touch never pair); under
                // `atop` the tie then keeps ATOP's count of the days.
                let span = match filter {
                    SystemFilter::Atop => filter.member_span(ri).intersect(filter.member_span(rj)).unwrap_or(span),
                    SystemFilter::Cow | SystemFilter::None => span,
                };
                edge(&data, ri, rj, span)
            }));
        }
        // Unstable (no buffer) yet deterministic: the key is the whole edge.
        let key = |e: &MultiEdge| {
            (e.a, e.b, e.alliance, e.span.start(), e.span.end(), e.a_phase, e.b_phase, e.a_obligations, e.b_obligations)
        };
        edges.sort_unstable_by_key(key);
        if let Some(dyads) = &data.atop_dyads {
            edges = super::dyad_override::apply(edges, &data.states, dyads, diag);
            edges.sort_unstable_by_key(key);
        }
        edges.shrink_to_fit();
        let mut counted_start = Vec::with_capacity(edges.len() + 1);
        let mut counted_spans = Vec::with_capacity(edges.len());
        let no_location = Location::new(&data.member_file, 0);
        // Days outside the system are only warned about within the data's years: from the first
        // year of the COW list to the end of the data's last year.
        let first_year = data.system.iter().flatten().map(|s| s.start().year()).min().unwrap_or(data.data_end);
        let first_day = DateSpan::year(first_year).map_or(NaiveDate::MIN, |y| y.start());
        let warn_window = DateSpan::year(first_year)
            .zip(DateSpan::year(data.data_end))
            .and_then(|(a, b)| DateSpan::new(a.start(), b.end()));
        for e in &edges {
            let begin = counted_spans.len() as u32;
            match filter {
                SystemFilter::None => counted_spans.push(e.span),
                SystemFilter::Atop => {
                    let uncoded: Vec<u32> = [e.a, e.b]
                        .into_iter()
                        .filter(|&v| data.system[v as usize].is_empty())
                        .map(|v| u32::from(data.states.state(v).id.0))
                        .collect();
                    if uncoded.is_empty() {
                        counted_spans.push(e.span);
                    } else {
                        diag.warn(WarningKind::NotCowCoded, &no_location, uncoded);
                    }
                }
                SystemFilter::Cow => {
                    let (sa, sb) = (&data.system[e.a as usize], &data.system[e.b as usize]);
                    for x in sa {
                        for y in sb {
                            if let Some(s) = x.intersect(*y).and_then(|s| s.intersect(e.span)) {
                                counted_spans.push(s);
                            }
                        }
                    }
                    counted_spans[begin as usize..].sort();
                    let counted = &counted_spans[begin as usize..];
                    // Days before the state list's first year never count: an edge wholly
                    // before it is lost, one that starts before it loses those days.
                    let subjects = [e.a, e.b].map(|v| u32::from(data.states.state(v).id.0));
                    let before = WarningKind::EdgeBeforeStateList { first_year };
                    let lost_years = e.span.start().year()..=e.span.last_day().year().min(first_year - 1);
                    if e.span.start() < first_day && e.span.end() > first_day {
                        diag.warn_partly(before, &no_location, subjects);
                        subjects.into_iter().for_each(|code| diag.warn_years(before, code, lost_years.clone()));
                    }
                    if counted.is_empty() && e.span.end() <= first_day {
                        diag.warn(before, &no_location, subjects);
                        subjects.into_iter().for_each(|code| diag.warn_years(before, code, lost_years.clone()));
                    } else if let Some(span) = warn_window.and_then(|w| w.intersect(e.span)) {
                        let days_in = |s: &DateSpan| s.intersect(span).map_or(0, |s| (s.end() - s.start()).num_days());
                        let counted_days: i64 = counted.iter().map(days_in).sum();
                        if counted_days != days_in(&span) {
                            let kind = if counted_days == 0 {
                                WarningKind::EdgeNeverInSystem
                            } else {
                                WarningKind::EdgePartlyOutsideSystem
                            };
                            let outside: Vec<(u32, &Vec<DateSpan>)> = [(e.a, sa), (e.b, sb)]
                                .into_iter()
                                .filter(|(_, spells)| !covers(spells, span))
                                .map(|(v, spells)| (u32::from(data.states.state(v).id.0), spells))
                                .collect();
                            diag.warn(kind, &no_location, outside.iter().map(|(code, _)| *code));
                            for (code, spells) in outside {
                                for gap in gaps(spells, span) {
                                    diag.warn_years(kind, code, gap.years());
                                }
                            }
                        }
                    }
                }
            }
            counted_start.push(begin);
        }
        diag.name_states(&data.states);
        let mut member_days = Vec::new();
        if filter.members_are_nodes() {
            member_days = vec![Vec::new(); data.states.len()];
            for m in &data.members {
                let v = data.member_index(m) as usize;
                if filter == SystemFilter::None || !data.system[v].is_empty() {
                    member_days[v].push(filter.member_span(m));
                }
            }
            member_days.iter_mut().for_each(crate::dataset::merge_spans);
        }
        counted_start.push(counted_spans.len() as u32);
        counted_spans.shrink_to_fit();
        let (alliance_slot, alliance_count) = alliance_slots(&edges);
        Ok(AllianceGraph {
            data,
            filter,
            edges,
            counted_start,
            counted_spans,
            member_days,
            alliance_slot,
            alliance_count,
        })
    }

    /// Edge `i`'s alliance as a rank among the graph's distinct alliances (in id order).
    #[inline]
    pub fn alliance_slot(&self, i: usize) -> usize {
        self.alliance_slot[i] as usize
    }

    /// Number of distinct alliances with an edge.
    pub fn alliance_count(&self) -> usize {
        self.alliance_count
    }

    /// All edges, sorted by (a, b, alliance, start).
    pub fn edges(&self) -> &[MultiEdge] {
        &self.edges
    }

    /// The days on which edge `i` counts under the filter (sorted, disjoint; may be empty).
    pub fn counted(&self, i: usize) -> &[DateSpan] {
        &self.counted_spans[self.counted_start[i] as usize..self.counted_start[i + 1] as usize]
    }

    /// Bytes the multigraph's edges take on the heap: the edges, their counted days and index.
    pub fn edge_bytes(&self) -> usize {
        use std::mem::size_of;
        self.edges.capacity() * size_of::<MultiEdge>()
            + self.counted_start.capacity() * size_of::<u32>()
            + self.counted_spans.capacity() * size_of::<DateSpan>()
    }

    /// The days on which state `v` is in an alliance and so a node under `none` and `atop` (sorted,
    /// disjoint; empty under `cow`, where only the system counts).
    pub fn member_days(&self, v: DenseIndex) -> &[DateSpan] {
        self.member_days.get(v as usize).map_or(&[], Vec::as_slice)
    }

    /// Whether state `v` is a node on day `d`: a system member, or (filters `none`, `atop`) in an alliance.
    pub fn is_node_on(&self, v: DenseIndex, d: NaiveDate) -> bool {
        // Both lists are sorted and disjoint: the first span ending after `d` is the only candidate.
        let on = |spans: &[DateSpan]| spans.get(spans.partition_point(|s| s.end() <= d)).is_some_and(|s| s.contains(d));
        on(&self.data.system[v as usize]) || self.member_days.get(v as usize).is_some_and(|days| on(days))
    }

    /// Indices of the edges between `a` and `b` (either order), in (alliance, start) order.
    pub fn edges_between(&self, a: DenseIndex, b: DenseIndex) -> std::ops::Range<usize> {
        let (a, b) = (a.min(b), a.max(b));
        let lo = self.edges.partition_point(|e| (e.a, e.b) < (a, b));
        let hi = self.edges.partition_point(|e| (e.a, e.b) <= (a, b));
        lo..hi
    }
}

/// The parts of `span` that the sorted disjoint `spells` leave out.
fn gaps(spells: &[DateSpan], span: DateSpan) -> Vec<DateSpan> {
    let mut out = Vec::new();
    let mut cursor = span.start();
    for s in spells {
        if s.end() <= cursor {
            continue;
        }
        if s.start() >= span.end() {
            break;
        }
        if s.start() > cursor {
            out.extend(DateSpan::new(cursor, s.start()));
        }
        cursor = cursor.max(s.end());
    }
    out.extend(DateSpan::new(cursor, span.end()));
    out
}

/// Whether the sorted disjoint `spells` cover every day of `span`.
fn covers(spells: &[DateSpan], span: DateSpan) -> bool {
    spells.iter().any(|s| s.start() <= span.start() && span.end() <= s.end())
}

/// The pairs of rows of one alliance's rows `group` (sorted by state) that make multigraph
/// edges: different states, overlapping spans; with the overlap. The first row has the smaller
/// state.
fn pairs<'d>(
    data: &'d Dataset,
    group: &'d [u32],
) -> impl Iterator<Item = (&'d MemberSpell, &'d MemberSpell, DateSpan)> + 'd {
    group.iter().enumerate().flat_map(move |(k, &i)| {
        let ri = &data.members[i as usize];
        group[k + 1..].iter().filter_map(move |&j| {
            let rj = &data.members[j as usize];
            (ri.state != rj.state).then(|| ri.span.intersect(rj.span)).flatten().map(|span| (ri, rj, span))
        })
    })
}

fn edge(data: &Dataset, ri: &MemberSpell, rj: &MemberSpell, span: DateSpan) -> MultiEdge {
    MultiEdge {
        alliance: ri.alliance,
        a: data.member_index(ri),
        b: data.member_index(rj),
        span,
        a_obligations: ri.obligations,
        b_obligations: rj.obligations,
        a_phase: ri.phase,
        b_phase: rj.phase,
    }
}

/// Each edge's alliance rank among the distinct alliances of `edges` (ids sorted), and their
/// number. O(E log E), once per graph.
fn alliance_slots(edges: &[MultiEdge]) -> (Vec<u32>, usize) {
    let mut ids: Vec<AllianceId> = edges.iter().map(|e| e.alliance).collect();
    ids.sort_unstable();
    ids.dedup();
    let slots = edges.iter().map(|e| ids.binary_search(&e.alliance).unwrap_or(0) as u32).collect();
    (slots, ids.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::Source;
    use crate::{Inputs, LoadOptions};

    /// One alliance of `n` members (codes 1..=n) in 1950..1960, all in the system.
    fn big_alliance(n: u16) -> Dataset {
        let mut members = String::from(
            "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul\n",
        );
        let mut states = String::from("stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\n");
        for c in 1..=n {
            members.push_str(&format!("1001,{c},1950,1,1,1960,1,1,1,1,0,0,0,0\n"));
            states.push_str(&format!("S{c},{c},State {c},1816,1,1,2016,12,31,2016\n"));
        }
        let inputs = Inputs {
            members: Source::Bytes { name: "m.csv", data: members.into_bytes().into() },
            states: Source::Bytes { name: "s.csv", data: states.into_bytes().into() },
            alliances: None,
        };
        Dataset::load(&inputs, &LoadOptions::default()).unwrap().0
    }

    #[test]
    fn issue12_a_large_alliance_takes_at_most_64_bytes_per_edge() {
        let mut diag = Diagnostics::default();
        let g = AllianceGraph::build(big_alliance(300), SystemFilter::Cow, &mut diag);
        assert_eq!(g.edges().len(), 300 * 299 / 2);
        let per_edge = g.edge_bytes() as f64 / g.edges().len() as f64;
        // 28 (edge) + 8 (one counted span) + 4 (its index) = 40.
        assert!(per_edge <= 64.0, "{per_edge} bytes per edge");
        assert_eq!(per_edge.round(), 40.0);
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(g.counted(7), [DateSpan::new(day(1950, 1, 1), day(1960, 1, 1)).unwrap()]);
    }

    #[test]
    fn issue12_the_edge_limit_is_a_clear_error() {
        let mut diag = Diagnostics::default();
        let err = AllianceGraph::build_limited(big_alliance(100), SystemFilter::Cow, 4949, &mut diag).unwrap_err();
        assert_eq!(
            err.to_string(),
            "m.csv:2: alliance 1001 (100 member rows) takes the multigraph past 4949 edges: pactnet stops here rather than exhaust memory (about 40 bytes per edge and 4 per edge-year; raise the limit with --max-edges)"
        );
        let g = AllianceGraph::build_limited(big_alliance(100), SystemFilter::Cow, 4950, &mut diag).unwrap();
        assert_eq!(g.edges().len(), 4950);
    }
}
