//! The illustrative sample embedded in the binary (`data/sample/`), used when no input is given.

use super::source::Source;

/// The sample's member-level rows (ATOP columns), `data/sample/members.csv`.
pub const MEMBERS: Source =
    Source::Embedded { name: "sample/members.csv", text: include_str!("../../data/sample/members.csv") };

/// The sample's COW state-list rows, `data/sample/states.csv`.
pub const STATES: Source =
    Source::Embedded { name: "sample/states.csv", text: include_str!("../../data/sample/states.csv") };

/// The sample's README (what it holds, where to get the full data, citations).
pub const README: &str = include_str!("../../data/sample/README.md");
