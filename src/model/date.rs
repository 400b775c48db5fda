//! Dates of the data model: the partial-date rules of ATOP/COW rows and half-open spans.
//!
//! Every interval is half-open, `[start, end)`: a day D is inside when `start <= D < end`.
//! An entry date names the first day inside; an exit date names the first day outside.

use chrono::{Datelike, Days, NaiveDate};
use std::fmt;

/// A half-open interval of days, `[start, end)`, never empty (`start < end`).
///
/// An alliance row that ends on 1 January Y+1 is still in force on 31 December Y and never on a
/// day of Y+1; two spans that only touch (`a.end == b.start`) do not overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateSpan {
    start: NaiveDate,
    end: NaiveDate,
}

impl DateSpan {
    /// `[start, end)`, or `None` when it would be empty (`end <= start`).
    pub fn new(start: NaiveDate, end: NaiveDate) -> Option<Self> {
        (start < end).then_some(DateSpan { start, end })
    }

    /// The first day inside.
    pub fn start(self) -> NaiveDate {
        self.start
    }

    /// The first day outside.
    pub fn end(self) -> NaiveDate {
        self.end
    }

    /// The last day inside (`end - 1 day`).
    pub fn last_day(self) -> NaiveDate {
        self.end.pred_opt().unwrap_or(self.end)
    }

    /// Whether day `d` is inside.
    pub fn contains(self, d: NaiveDate) -> bool {
        self.start <= d && d < self.end
    }

    /// The common days of two spans, `[max(starts), min(ends))`, if any.
    pub fn intersect(self, other: DateSpan) -> Option<DateSpan> {
        DateSpan::new(self.start.max(other.start), self.end.min(other.end))
    }

    /// Whether the spans share a day.
    pub fn overlaps(self, other: DateSpan) -> bool {
        self.start.max(other.start) < self.end.min(other.end)
    }

    /// The span of calendar year `year`, `[year-01-01, (year+1)-01-01)`.
    pub fn year(year: i32) -> Option<DateSpan> {
        DateSpan::new(NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year + 1, 1, 1)?)
    }

    /// The single day `d`, `[d, d + 1)`.
    pub fn day(d: NaiveDate) -> Option<DateSpan> {
        DateSpan::new(d, d.checked_add_days(Days::new(1))?)
    }

    /// The calendar years holding a day of the span: `start.year ..= last_day.year`.
    pub fn years(self) -> std::ops::RangeInclusive<i32> {
        self.start.year()..=self.last_day().year()
    }
}

impl fmt::Display for DateSpan {
    /// `[2001-01-01, 2002-01-01)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}, {})", self.start, self.end)
    }
}

/// Why a (year, month, day) triple is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// The month is outside 0..=12 (0 = missing).
    Month,
    /// The day is outside 0..=31 (0 = missing).
    Day,
    /// Month and day are in range but the day does not exist in that month (30 February).
    NoSuchDay,
}

impl DateProblem {
    /// What was expected, for error messages.
    pub fn expected(self) -> &'static str {
        match self {
            DateProblem::Month => "not a month (expected 1..=12, or 0/empty for missing)",
            DateProblem::Day => "not a day (expected 1..=31, or 0/empty for missing)",
            DateProblem::NoSuchDay => "no such day in that month",
        }
    }
}

fn check_ranges(month: u32, day: u32) -> Result<(), DateProblem> {
    if month > 12 {
        return Err(DateProblem::Month);
    }
    if day > 31 {
        return Err(DateProblem::Day);
    }
    Ok(())
}

fn ymd(year: i32, month: u32, day: u32) -> Result<NaiveDate, DateProblem> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateProblem::NoSuchDay)
}

/// First day inside, from an entry date whose month and day may be missing (0):
/// a missing month is January, a missing day the 1st.
///
/// # Errors
/// A month above 12, a day above 31, or a day that the month does not have.
pub fn entry_date(year: i32, month: u32, day: u32) -> Result<NaiveDate, DateProblem> {
    check_ranges(month, day)?;
    ymd(year, month.max(1), day.max(1))
}

/// First day outside, from an exit date whose month and day may be missing (0):
/// the exit day itself when complete; a missing day → the 1st of the following month (member
/// through the end of the month); a missing month → 1 January of the following year.
///
/// # Errors
/// As [`entry_date`]; a day given without a month counts as a missing month.
pub fn exit_date(year: i32, month: u32, day: u32) -> Result<NaiveDate, DateProblem> {
    check_ranges(month, day)?;
    match (month, day) {
        (0, _) => ymd(year + 1, 1, 1),
        (12, 0) => ymd(year + 1, 1, 1),
        (m, 0) => ymd(year, m + 1, 1),
        (m, d) => ymd(year, m, d),
    }
}

/// First day after a COW spell whose last day is (year, month, day): the day after it. A
/// missing day or month closes the spell at the end of the month or year, as [`exit_date`].
///
/// # Errors
/// As [`entry_date`].
pub fn day_after(year: i32, month: u32, day: u32) -> Result<NaiveDate, DateProblem> {
    if month == 0 || day == 0 {
        return exit_date(year, month, day);
    }
    check_ranges(month, day)?;
    let last = ymd(year, month, day)?;
    last.succ_opt().ok_or(DateProblem::NoSuchDay)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn entry_fills_missing_month_and_day() {
        assert_eq!(entry_date(1900, 5, 17), Ok(d(1900, 5, 17)));
        assert_eq!(entry_date(1900, 5, 0), Ok(d(1900, 5, 1)));
        assert_eq!(entry_date(1900, 0, 0), Ok(d(1900, 1, 1)));
        assert_eq!(entry_date(1900, 0, 9), Ok(d(1900, 1, 9)));
    }

    #[test]
    fn exit_fills_to_end_of_month_or_year() {
        assert_eq!(exit_date(1900, 5, 17), Ok(d(1900, 5, 17)));
        assert_eq!(exit_date(1900, 5, 0), Ok(d(1900, 6, 1)));
        assert_eq!(exit_date(1900, 12, 0), Ok(d(1901, 1, 1)));
        assert_eq!(exit_date(1900, 0, 0), Ok(d(1901, 1, 1)));
    }

    #[test]
    fn impossible_dates_are_named() {
        assert_eq!(entry_date(1900, 13, 1), Err(DateProblem::Month));
        assert_eq!(entry_date(1900, 1, 32), Err(DateProblem::Day));
        assert_eq!(entry_date(1900, 2, 30), Err(DateProblem::NoSuchDay));
        // 1900 is not a leap year (divisible by 100, not by 400); 2000 and 1904 are.
        assert_eq!(entry_date(1900, 2, 29), Err(DateProblem::NoSuchDay));
        assert_eq!(entry_date(2000, 2, 29), Ok(d(2000, 2, 29)));
        assert_eq!(exit_date(1904, 2, 29), Ok(d(1904, 2, 29)));
        assert_eq!(exit_date(1905, 2, 29), Err(DateProblem::NoSuchDay));
    }

    #[test]
    fn cow_spell_ends_the_day_after_its_last_day() {
        assert_eq!(day_after(2016, 12, 31), Ok(d(2017, 1, 1)));
        assert_eq!(day_after(1904, 2, 28), Ok(d(1904, 2, 29)));
        assert_eq!(day_after(1940, 6, 0), Ok(d(1940, 7, 1)));
    }

    #[test]
    fn spans_are_half_open() {
        let a = DateSpan::new(d(1990, 1, 1), d(1995, 3, 1)).unwrap();
        let b = DateSpan::new(d(1995, 3, 1), d(2000, 1, 1)).unwrap();
        assert!(!a.overlaps(b), "spans that only touch share no day");
        assert_eq!(a.intersect(b), None);
        assert!(a.contains(d(1995, 2, 28)));
        assert!(!a.contains(d(1995, 3, 1)));
        assert!(DateSpan::new(d(1990, 1, 1), d(1990, 1, 1)).is_none());
        let c = DateSpan::new(d(1994, 6, 1), d(1996, 1, 1)).unwrap();
        assert_eq!(a.intersect(c), DateSpan::new(d(1994, 6, 1), d(1995, 3, 1)));
    }

    #[test]
    fn an_end_of_first_january_stays_in_the_year_before() {
        let s = DateSpan::new(d(1992, 6, 10), d(2017, 1, 1)).unwrap();
        assert_eq!(s.years(), 1992..=2016);
        assert_eq!(s.last_day(), d(2016, 12, 31));
        assert!(s.overlaps(DateSpan::year(2016).unwrap()));
        assert!(!s.overlaps(DateSpan::year(2017).unwrap()));
        assert_eq!(DateSpan::day(d(2016, 12, 31)).unwrap().end(), d(2017, 1, 1));
    }
}
