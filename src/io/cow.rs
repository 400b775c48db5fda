//! The COW State System Membership file (`states2016.csv`): one row per spell of membership.

use super::records::{read_table, Columns, RawTable};
use super::source::Source;
use crate::error::LoadError;

/// Columns of the COW state list.
pub const STATE_COLUMNS: Columns = Columns {
    required: &["ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday"],
    optional: &["stateabb", "statenme"],
};

/// Reads the state list's rows (values are checked by `validate`).
///
/// # Errors
/// See [`read_table`].
pub fn read_states(source: &Source) -> Result<RawTable, LoadError> {
    read_table(source, STATE_COLUMNS)
}
