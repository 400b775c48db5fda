//! The accepted ranges of the values every input shares: calendar years, COW state codes and
//! ATOP alliance ids. The readers and `validate` check cells against them.

use super::state::StateId;
use std::ops::RangeInclusive;

/// Accepted calendar years.
pub const YEARS: RangeInclusive<i64> = 1000..=2100;
/// Accepted state codes.
pub const STATE_CODES: RangeInclusive<i64> = 1..=StateId::MAX as i64;
/// Accepted alliance ids.
pub const ALLIANCE_IDS: RangeInclusive<i64> = 1..=999_999;
