//! The ATOP files: which columns pactnet reads from the member- and alliance-level CSVs.
//!
//! ATOP 4.x and 5.x use the same names for these columns; every other whole-number column is
//! read as a provision ([`super::provisions`]).

use super::records::{read_table_with_provisions, Columns, RawTable};
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

/// Reads the member-level file's rows (values are checked by `validate`) and, in the same pass,
/// its provision columns ([`super::provisions`]).
///
/// # Errors
/// See [`read_table_with_provisions`].
pub fn read_members(source: &Source) -> Result<RawTable, LoadError> {
    read_table_with_provisions(source, MEMBER_COLUMNS)
}

/// Reads the alliance-level file's rows and, in the same pass, its provision columns.
///
/// # Errors
/// See [`read_table_with_provisions`].
pub fn read_alliances(source: &Source) -> Result<RawTable, LoadError> {
    read_table_with_provisions(source, ALLIANCE_COLUMNS)
}
