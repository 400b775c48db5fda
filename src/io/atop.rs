//! The ATOP files: which columns pactnet reads from the member- and alliance-level CSVs.
//!
//! ATOP 4.x and 5.x use the same names for these columns; every other column is ignored.

use super::records::{read_table, Columns, RawTable};
use super::source::Source;
use crate::error::LoadError;

/// Columns of the member-level file (`atop4_01m.csv`): one row per alliance × phase × member.
pub const MEMBER_COLUMNS: Columns = Columns {
    required: &[
        "atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit", "defense", "offense", "neutral",
        "nonagg", "consul",
    ],
    optional: &["phase"],
};

/// Columns of the alliance-level file (`atop4_01a.csv`): one row per alliance.
pub const ALLIANCE_COLUMNS: Columns = Columns {
    required: &["atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday"],
    optional: &["defense", "offense", "neutral", "nonagg", "consul"],
};

/// Reads the member-level file's rows (values are checked by `validate`).
///
/// # Errors
/// See [`read_table`].
pub fn read_members(source: &Source) -> Result<RawTable, LoadError> {
    read_table(source, MEMBER_COLUMNS)
}

/// Reads the alliance-level file's rows.
///
/// # Errors
/// See [`read_table`].
pub fn read_alliances(source: &Source) -> Result<RawTable, LoadError> {
    read_table(source, ALLIANCE_COLUMNS)
}
