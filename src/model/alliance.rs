//! Alliances and the membership spells of states in them.

use super::date::DateSpan;
use super::obligation::ObligationSet;
use super::state::StateId;
use std::fmt;

/// An ATOP alliance identifier (`atopid`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AllianceId(pub u32);

impl fmt::Display for AllianceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// One validated member row: a state's membership in one phase of one alliance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberSpell {
    /// Line of the row in the member file (1-based, the header is line 1).
    pub line: u64,
    /// The alliance.
    pub alliance: AllianceId,
    /// The member state.
    pub state: StateId,
    /// ATOP's phase number (0 when the file has no `phase` column).
    pub phase: u16,
    /// Days of membership, `[entry, exit)`.
    pub span: DateSpan,
    /// This member's own obligations in this phase.
    pub obligations: ObligationSet,
    /// Whether the exit was written as a full date (year, month and day). ATOP's dyadic files
    /// count such an exit day as a day of membership ([`MemberSpell::atop_span`]).
    pub exact_exit: bool,
}

impl MemberSpell {
    /// The days of membership as ATOP's own dyadic and state-year files count them: the exit
    /// day, when written as a full date, is still a day of membership, so an exit on 1 January
    /// of Y keeps the member in year Y (`[entry, exit + 1 day)`). Otherwise [`MemberSpell::span`].
    pub fn atop_span(&self) -> DateSpan {
        if !self.exact_exit {
            return self.span;
        }
        self.span.end().succ_opt().and_then(|end| DateSpan::new(self.span.start(), end)).unwrap_or(self.span)
    }
}

/// One spell of COW state-system membership, `[start, last day + 1)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SystemSpell {
    /// Line in the state file.
    pub line: u64,
    /// The state.
    pub state: StateId,
    /// Days in the system.
    pub span: DateSpan,
}
