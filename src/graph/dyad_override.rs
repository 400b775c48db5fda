//! ATOP's directed dyad-years (`--atop-dyads`) in place of the member-file rule, edge by edge.
//!
//! Without the file an edge's directed obligations are each row's own flags toward every
//! co-member. With it, for every year the file covers (its first to its last year), the file
//! decides, per dyad-year:
//! - a dyad-year of the member file's ties that the file does not list has no tie that year: the
//!   edge loses that year's days (warning [`WarningKind::MemberDyadYearsNotInAtopDyads`]);
//! - a listed one keeps its ties, each direction's obligations cut to the file's
//!   (`own ∩ file`: ATOP's corrections only remove obligations); an obligation the file gives
//!   that no tie of the dyad has that year is added to the dyad's first tie (in alliance order)
//!   and counted ([`WarningKind::AtopDyadsAddObligation`]); a row of zeros (`shareob`) leaves a
//!   tie with no type, in the `any` layer only;
//! - a listed dyad-year with no tie in the member file is left out (there is no alliance to tie
//!   it to) and counted ([`WarningKind::AtopDyadYearsWithoutTie`]).
//!
//! An edge whose obligations change within its span is split at 1 January of the years where
//! they change, so every later stage (snapshots, layers, `dyad`, `reach`, exports) reads the
//! corrected obligations from the edges themselves. Linear in the edge-years plus the file's
//! rows (each lookup a binary search).

use crate::diagnostics::{pair_subject, Diagnostics, WarningKind};
use crate::error::Location;
use crate::graph::multigraph::MultiEdge;
use crate::model::atop_dyads::AtopDyads;
use crate::model::{DateSpan, ObligationSet, StateIndex};
use chrono::NaiveDate;
use std::ops::Range;

/// The directed obligations of an edge in one year: `Some((a→b, b→a))`, or `None` when the
/// edge does not count that year.
type YearState = Option<(ObligationSet, ObligationSet)>;

/// The edges with the file's obligations (see the module docs); `edges` sorted by (a, b, …),
/// as the multigraph keeps them, and so is the result.
pub fn apply(edges: Vec<MultiEdge>, states: &StateIndex, dyads: &AtopDyads, diag: &mut Diagnostics) -> Vec<MultiEdge> {
    let Some(covered) = dyads.years() else { return edges };
    let at = Location::new(dyads.file(), 0);
    let mut seen = vec![false; dyads.rows().len()];
    let mut out = Vec::with_capacity(edges.len());
    for group in edges.chunk_by(|x, y| (x.a, x.b) == (y.a, y.b)) {
        let (a, b) = (group[0].a, group[0].b);
        let (ca, cb) = (states.state(a).id, states.state(b).id);
        let (ab, ba) = (dyads.dyad(ca, cb), dyads.dyad(cb, ca));
        // Per edge of the dyad, its state in each year of its span.
        let mut plans: Vec<Vec<(i32, YearState)>> = Vec::with_capacity(group.len());
        for e in group {
            let plan = e
                .span
                .years()
                .map(|y| {
                    if !covered.contains(&y) {
                        return (y, Some((e.a_obligations, e.b_obligations)));
                    }
                    let (ia, ib) = (dyads.year_in(ab.clone(), y), dyads.year_in(ba.clone(), y));
                    if ia.is_none() && ib.is_none() {
                        return (y, None);
                    }
                    for i in [ia, ib].into_iter().flatten() {
                        seen[i] = true;
                    }
                    let file = |i: Option<usize>| i.map_or(ObligationSet::EMPTY, |i| dyads.rows()[i].obligations);
                    let (fa, fb) = (file(ia), file(ib));
                    (y, Some((e.a_obligations.intersection(fa), e.b_obligations.intersection(fb))))
                })
                .collect();
            plans.push(plan);
        }
        add_missing_obligations(&mut plans, dyads, (ca, cb), (ab.clone(), ba.clone()), &covered, &at, diag);
        // The years the file lists neither direction of the dyad (a year's state is `None` only
        // then), once each.
        let mut dropped_years: Vec<i32> =
            plans.iter().flatten().filter(|(_, s)| s.is_none()).map(|(y, _)| *y).collect();
        dropped_years.sort_unstable();
        dropped_years.dedup();
        let kind = WarningKind::MemberDyadYearsNotInAtopDyads;
        let subject = pair_subject(ca, cb);
        for &y in &dropped_years {
            diag.warn(kind, &at, Some(subject));
            diag.warn_years(kind, subject, y..=y);
        }
        for (e, plan) in group.iter().zip(&plans) {
            push_pieces(e, plan, &mut out);
        }
    }
    for (row, _) in dyads.rows().iter().zip(&seen).filter(|(_, s)| !**s) {
        let kind = WarningKind::AtopDyadYearsWithoutTie;
        let (lo, hi) = (row.from.min(row.to), row.from.max(row.to));
        let subject = pair_subject(lo, hi);
        diag.warn(kind, &Location::new(dyads.file(), row.line), Some(subject));
        diag.warn_years(kind, subject, row.year..=row.year);
    }
    out
}

/// Adds to the dyad's first tie of a year each obligation the file gives that year that no tie
/// of the dyad keeps (ATOP coding more than the member rows): counted, one per dyad-year.
fn add_missing_obligations(
    plans: &mut [Vec<(i32, YearState)>],
    dyads: &AtopDyads,
    (ca, cb): (crate::StateId, crate::StateId),
    (ab, ba): (Range<usize>, Range<usize>),
    covered: &std::ops::RangeInclusive<i32>,
    at: &Location,
    diag: &mut Diagnostics,
) {
    let file = |i: Option<usize>| i.map_or(ObligationSet::EMPTY, |i| dyads.rows()[i].obligations);
    let years = plans.iter().flatten().map(|(y, _)| *y);
    let (Some(lo), Some(hi)) = (years.clone().min(), years.max()) else { return };
    let len = (hi - lo + 1) as usize;
    // Per year of the dyad: the union of its ties' obligations, and its first tie (plan, entry).
    let mut have = vec![(ObligationSet::EMPTY, ObligationSet::EMPTY); len];
    let mut first: Vec<Option<(usize, usize)>> = vec![None; len];
    for (p, plan) in plans.iter().enumerate() {
        for (k, (y, state)) in plan.iter().enumerate() {
            if let Some((oa, ob)) = state {
                let slot = (y - lo) as usize;
                have[slot] = (have[slot].0.union(*oa), have[slot].1.union(*ob));
                first[slot].get_or_insert((p, k));
            }
        }
    }
    for (slot, (got, tie)) in have.iter().zip(&first).enumerate() {
        let y = lo + slot as i32;
        let Some((p, k)) = *tie else { continue };
        if !covered.contains(&y) {
            continue;
        }
        let want = (file(dyads.year_in(ab.clone(), y)), file(dyads.year_in(ba.clone(), y)));
        if want.0.union(got.0) == got.0 && want.1.union(got.1) == got.1 {
            continue;
        }
        if let Some((oa, ob)) = &mut plans[p][k].1 {
            *oa = oa.union(want.0);
            *ob = ob.union(want.1);
        }
        let subject = pair_subject(ca, cb);
        diag.warn(WarningKind::AtopDyadsAddObligation, at, Some(subject));
        diag.warn_years(WarningKind::AtopDyadsAddObligation, subject, y..=y);
    }
}

/// The pieces of edge `e` under `plan`: one edge per run of years with the same state.
fn push_pieces(e: &MultiEdge, plan: &[(i32, YearState)], out: &mut Vec<MultiEdge>) {
    if plan.iter().all(|(_, s)| *s == Some((e.a_obligations, e.b_obligations))) {
        out.push(*e);
        return;
    }
    for run in plan.chunk_by(|x, y| x.1 == y.1) {
        let (Some((oa, ob)), Some(&(first, _)), Some(&(last, _))) = (run[0].1, run.first(), run.last()) else {
            continue;
        };
        let from = NaiveDate::from_ymd_opt(first, 1, 1).unwrap_or(NaiveDate::MIN);
        let to = NaiveDate::from_ymd_opt(last + 1, 1, 1).unwrap_or(NaiveDate::MAX);
        let Some(span) = DateSpan::new(from, to).and_then(|years| years.intersect(e.span)) else { continue };
        out.push(MultiEdge { span, a_obligations: oa, b_obligations: ob, ..*e });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::atop_dyads::DirectedDyadYear;
    use crate::model::{AllianceId, Obligation, State, StateId};

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    fn states() -> StateIndex {
        StateIndex::new(
            [2u16, 20, 200]
                .iter()
                .map(|&c| State { id: StateId(c), abbr: format!("S{c}"), name: String::new() })
                .collect(),
        )
    }

    const DEF: ObligationSet = ObligationSet::EMPTY;

    fn set(os: &[Obligation]) -> ObligationSet {
        os.iter().fold(DEF, |s, o| s.with(*o))
    }

    fn edge(a: u32, b: u32, from: NaiveDate, to: NaiveDate, oa: ObligationSet, ob: ObligationSet) -> MultiEdge {
        MultiEdge {
            alliance: AllianceId(1),
            a,
            b,
            span: DateSpan::new(from, to).unwrap(),
            a_obligations: oa,
            b_obligations: ob,
            a_phase: 0,
            b_phase: 0,
        }
    }

    fn row(year: i32, from: u16, to: u16, obligations: ObligationSet) -> DirectedDyadYear {
        DirectedDyadYear { line: 2, year, from: StateId(from), to: StateId(to), obligations }
    }

    #[test]
    fn the_file_cuts_obligations_splits_edges_and_drops_unlisted_years() {
        use Obligation::*;
        let dc = set(&[Defense, Consultation]);
        // 2 and 20 allied 1950-03-01 .. 1954-06-01, both defense + consultation by the member rows.
        let edges = vec![edge(0, 1, d(1950, 3, 1), d(1954, 6, 1), dc, dc)];
        // The file: 1950-1951 as the rows; 1952 only consultation for 2→20, nothing for 20→2
        // (a shareob-like direction); 1953 not listed (no tie); 1954 listed as the rows.
        let c = set(&[Consultation]);
        let rows = vec![
            row(1950, 2, 20, dc),
            row(1950, 20, 2, dc),
            row(1951, 2, 20, dc),
            row(1951, 20, 2, dc),
            row(1952, 2, 20, c),
            row(1952, 20, 2, DEF),
            row(1954, 2, 20, dc),
            row(1954, 20, 2, dc),
        ];
        let dyads = AtopDyads::new("f.csv".into(), rows);
        let mut diag = Diagnostics::default();
        let out = apply(edges, &states(), &dyads, &mut diag);
        let got: Vec<_> =
            out.iter().map(|e| (e.span.start(), e.span.end(), e.a_obligations, e.b_obligations)).collect();
        assert_eq!(
            got,
            [
                (d(1950, 3, 1), d(1952, 1, 1), dc, dc),
                (d(1952, 1, 1), d(1953, 1, 1), c, DEF),
                (d(1954, 1, 1), d(1954, 6, 1), dc, dc),
            ]
        );
        assert_eq!(diag.count(WarningKind::MemberDyadYearsNotInAtopDyads), 1);
        let t = diag.tally(WarningKind::MemberDyadYearsNotInAtopDyads).unwrap();
        assert_eq!(t.years[&pair_subject(StateId(2), StateId(20))].iter().copied().collect::<Vec<_>>(), [1953]);
        assert_eq!(diag.count(WarningKind::AtopDyadYearsWithoutTie), 0);
    }

    #[test]
    fn file_rows_without_a_tie_and_obligations_beyond_the_rows_are_counted() {
        use Obligation::*;
        let c = set(&[Consultation]);
        let edges = vec![edge(0, 1, d(1950, 1, 1), d(1951, 1, 1), c, c)];
        let rows = vec![
            row(1950, 2, 20, set(&[Defense, Consultation])),
            row(1950, 20, 2, c),
            row(1950, 2, 200, c),
            row(1950, 200, 2, c),
        ];
        let dyads = AtopDyads::new("f.csv".into(), rows);
        let mut diag = Diagnostics::default();
        let out = apply(edges, &states(), &dyads, &mut diag);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].a_obligations, set(&[Defense, Consultation]), "the file's defense is added");
        assert_eq!(diag.count(WarningKind::AtopDyadsAddObligation), 1);
        assert_eq!(diag.count(WarningKind::AtopDyadYearsWithoutTie), 2, "both directions of 2–200");
        let t = diag.tally(WarningKind::AtopDyadYearsWithoutTie).unwrap();
        assert_eq!(t.subjects.iter().copied().collect::<Vec<_>>(), [pair_subject(StateId(2), StateId(200))]);
    }

    #[test]
    fn years_outside_the_file_keep_the_member_rule() {
        use Obligation::*;
        let dc = set(&[Defense, Consultation]);
        let edges = vec![edge(0, 1, d(1948, 1, 1), d(1952, 1, 1), dc, dc)];
        let rows = vec![row(1950, 2, 20, dc), row(1950, 20, 2, dc), row(1951, 2, 20, DEF), row(1951, 20, 2, DEF)];
        let dyads = AtopDyads::new("f.csv".into(), rows);
        let mut diag = Diagnostics::default();
        let out = apply(edges, &states(), &dyads, &mut diag);
        let got: Vec<_> = out.iter().map(|e| (e.span.start(), e.a_obligations)).collect();
        assert_eq!(got, [(d(1948, 1, 1), dc), (d(1951, 1, 1), DEF)]);
        assert_eq!(diag.warnings().count(), 0);
    }
}
