//! COW Formal Alliances v4.1, member level (`alliance_v4.1_by_member.csv`): which columns
//! pactnet reads. One row per alliance × member spell; every other column is ignored. The
//! censoring columns are optional (`validate::cow_alliances` checks them against the dates).
//!
//! The file is the user's own copy: pactnet never bundles or downloads it.

use super::records::{read_table, Columns, RawTable};
use super::source::Source;
use crate::error::LoadError;

/// Columns of the member-level COW alliance file.
pub const COW_ALLIANCE_COLUMNS: Columns = Columns {
    required: &[
        "version4id",
        "ccode",
        "mem_st_year",
        "mem_st_month",
        "mem_st_day",
        "mem_end_year",
        "mem_end_month",
        "mem_end_day",
        "defense",
        "neutrality",
        "nonaggression",
        "entente",
    ],
    optional: &["state_name", "left_censor", "right_censor"],
};

/// Reads the COW alliance file's rows (values are checked by `validate::cow_alliances`).
///
/// # Errors
/// See [`read_table`].
pub fn read_cow_alliances(source: &Source) -> Result<RawTable, LoadError> {
    read_table(source, COW_ALLIANCE_COLUMNS)
}
