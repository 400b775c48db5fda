//! The directed obligations of dyad-years as ATOP's own dyadic file codes them.
//!
//! ATOP builds its dyadic files from all pairs of members of an alliance in a year and corrects
//! by hand the multilateral alliances whose members' obligations vary (two states that both
//! pledge to defend a third owe each other nothing); the member file alone cannot reproduce
//! those corrections. An [`AtopDyads`] table holds them; [`crate::graph::dyad_override`] makes
//! the multigraph follow it.

use super::obligation::ObligationSet;
use super::state::StateId;
use std::ops::RangeInclusive;
use std::sync::Arc;

/// One row: `from`'s obligations toward `to` in `year`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DirectedDyadYear {
    /// Line in the file (1-based, the header is line 1).
    pub line: u64,
    /// Calendar year.
    pub year: i32,
    /// State A, whose obligations the row gives.
    pub from: StateId,
    /// State B.
    pub to: StateId,
    /// A's obligations toward B (empty for a dyad that shares an alliance without any).
    pub obligations: ObligationSet,
}

impl DirectedDyadYear {
    /// The row's key, (from, to, year): a directed dyad's rows are contiguous.
    pub fn key(&self) -> (StateId, StateId, i32) {
        (self.from, self.to, self.year)
    }
}

/// A directed dyad-year file: rows sorted by (from, to, year), each key once.
#[derive(Debug, Clone)]
pub struct AtopDyads {
    file: Arc<str>,
    rows: Vec<DirectedDyadYear>,
    years: Option<RangeInclusive<i32>>,
}

impl AtopDyads {
    /// The table of `rows`, which must be sorted by key with each key once (as the reader
    /// leaves them); the order is restored if not.
    pub fn new(file: Arc<str>, mut rows: Vec<DirectedDyadYear>) -> Self {
        if !rows.windows(2).all(|w| w[0].key() < w[1].key()) {
            rows.sort_unstable_by_key(DirectedDyadYear::key);
            rows.dedup_by_key(|r| r.key());
        }
        let years = rows.iter().map(|r| r.year);
        let years = years.clone().min().zip(years.max()).map(|(lo, hi)| lo..=hi);
        AtopDyads { file, rows, years }
    }

    /// Display name of the file.
    pub fn file(&self) -> &Arc<str> {
        &self.file
    }

    /// Every row, sorted by (from, to, year).
    pub fn rows(&self) -> &[DirectedDyadYear] {
        &self.rows
    }

    /// The years from the file's first to its last (`None` for a file without rows). Within
    /// them, a dyad-year the file does not list has no alliance tie.
    pub fn years(&self) -> Option<RangeInclusive<i32>> {
        self.years.clone()
    }

    /// The rows of the directed dyad `from` → `to`, by year, as positions in [`AtopDyads::rows`].
    pub fn dyad(&self, from: StateId, to: StateId) -> std::ops::Range<usize> {
        let lo = self.rows.partition_point(|r| (r.from, r.to) < (from, to));
        let hi = lo + self.rows[lo..].partition_point(|r| (r.from, r.to) == (from, to));
        lo..hi
    }

    /// The position of the row of `year` among the positions `dyad` (from [`AtopDyads::dyad`]).
    pub fn year_in(&self, dyad: std::ops::Range<usize>, year: i32) -> Option<usize> {
        let start = dyad.start;
        self.rows[dyad].binary_search_by_key(&year, |r| r.year).ok().map(|k| start + k)
    }

    /// `from`'s obligations toward `to` in `year`, if the file lists the directed dyad-year.
    pub fn get(&self, year: i32, from: StateId, to: StateId) -> Option<ObligationSet> {
        self.index_of(year, from, to).map(|i| self.rows[i].obligations)
    }

    /// The position of the row (from, to, year), if listed.
    pub fn index_of(&self, year: i32, from: StateId, to: StateId) -> Option<usize> {
        self.rows.binary_search_by_key(&(from, to, year), DirectedDyadYear::key).ok()
    }
}
