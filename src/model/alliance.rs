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
