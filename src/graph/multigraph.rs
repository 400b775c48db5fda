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
]);

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
    /// Per edge, `counted_spans[range]`: the sorted days on which it counts under the filter.
    counted_range: Vec<(u32, u32)>,
    counted_spans: Vec<DateSpan>,
}

impl AllianceGraph {
    /// Builds the multigraph and the days each edge counts; filter warnings go to `diag`.
    pub fn build(data: Dataset, filter: SystemFilter, diag: &mut Diagnostics) -> Self {
        let mut order: Vec<u32> = (0..data.members.len() as u32).collect();
        order.sort_by_key(|&i| {
            let m = &data.members[i as usize];
            (m.alliance, m.state, m.span.start())
        });
        let mut edges = Vec::new();
        for group in order.chunk_by(|&x, &y| data.members[x as usize].alliance == data.members[y as usize].alliance) {
            for (k, &i) in group.iter().enumerate() {
                for &j in &group[k + 1..] {
                    let (ri, rj) = (&data.members[i as usize], &data.members[j as usize]);
                    if ri.state == rj.state {
                        continue;
                    }
                    if let Some(span) = ri.span.intersect(rj.span) {
                        // group is sorted by state, so ri.state < rj.state
                        edges.push(edge(&data, ri, rj, span));
                    }
                }
            }
        }
        edges.sort_by_key(|e| (e.a, e.b, e.alliance, e.span.start(), e.span.end()));
        let mut counted_range = Vec::with_capacity(edges.len());
        let mut counted_spans = Vec::with_capacity(edges.len());
        let no_location = Location::new(&data.member_file, 0);
        // Days outside the system are only warned about within the data's years: from the first
        // year of the COW list to the end of the data's last year.
        let first_year = data.system.iter().flatten().map(|s| s.start().year()).min().unwrap_or(data.data_end);
        let warn_window = DateSpan::year(first_year)
            .zip(DateSpan::year(data.data_end))
            .and_then(|(a, b)| DateSpan::new(a.start(), b.end()));
        for e in &edges {
            let begin = counted_spans.len() as u32;
            match filter {
                SystemFilter::None => counted_spans.push(e.span),
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
                    if let Some(span) = warn_window.and_then(|w| w.intersect(e.span)) {
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
            counted_range.push((begin, counted_spans.len() as u32 - begin));
        }
        diag.name_states(&data.states);
        AllianceGraph { data, filter, edges, counted_range, counted_spans }
    }

    /// All edges, sorted by (a, b, alliance, start).
    pub fn edges(&self) -> &[MultiEdge] {
        &self.edges
    }

    /// The days on which edge `i` counts under the filter (sorted, disjoint; may be empty).
    pub fn counted(&self, i: usize) -> &[DateSpan] {
        let (start, len) = self.counted_range[i];
        &self.counted_spans[start as usize..(start + len) as usize]
    }

    /// Whether state `v` is a node on day `d`: a system member, or (filter `none`) in an alliance.
    pub fn is_node_on(&self, v: DenseIndex, d: NaiveDate) -> bool {
        self.data.system[v as usize].iter().any(|s| s.contains(d))
            || (self.filter == SystemFilter::None
                && self.data.members.iter().any(|m| self.data.member_index(m) == v && m.span.contains(d)))
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
