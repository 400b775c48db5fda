//! Raw rows → model types + [`Diagnostics`]. Every data-quirk rule of pactnet lives here.
//!
//! Errors (the row is invalid): a field that is not a whole number where one is required, a month
//! outside 0..=12, a day outside 0..=31, a day the month does not have, an obligation flag other
//! than 0/1, a year outside 1000..=2100 (0/empty allowed for `yrexit`), a state code outside
//! 1..=9999, an atopid outside 1..=999999, an exit on or before the entry, a wrong field count,
//! bytes that are not UTF-8. Warnings (tolerated, counted): missing months and days (filled by
//! the rules of [`crate::model::date`]), `yrexit` 0 (in force), duplicate rows (equal in every
//! value pactnet reads, compared parsed: ignored), a state-list row giving a code another
//! abbreviation or name than its first row (the first is kept), an abbreviation used by two codes.
//! Coding sheets are interpreted by [`crate::io::codesheet_record`] ([`codesheet`] reports its
//! errors here).

use crate::diagnostics::{Diagnostics, WarningKind};
use crate::error::{Location, ValidateError};
pub use crate::io::codesheet_record::{CodesheetMember, CodesheetRecord};
use crate::io::records::{Columns, RawRow, RawTable};
use crate::io::{atop, cow};
use crate::model::date::{day_after, entry_date, exit_date, DateProblem};
use crate::model::{
    AllianceId, DateSpan, MemberSpell, Obligation, ObligationSet, ProvisionTable, State, StateId, SystemSpell,
};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashSet};
use std::ops::RangeInclusive;
use std::sync::Arc;

pub use crate::model::limits::{ALLIANCE_IDS, STATE_CODES, YEARS};

/// The validated member file.
#[derive(Debug, Clone)]
pub struct Members {
    /// Valid, de-duplicated rows in file order.
    pub spells: Vec<MemberSpell>,
    /// The data's last year: `--data-end`, else the largest `yrent`/`yrexit` in the file.
    pub data_end: i32,
}

/// One row of the alliance-level file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AllianceRecord {
    /// Line in the alliance file.
    pub line: u64,
    /// The alliance.
    pub id: AllianceId,
    /// Days in force, `[begin, end)`; an `endyr` of 0 means in force at the end of the data.
    pub span: DateSpan,
    /// Obligations of any member (empty when the file has no flag columns).
    pub obligations: ObligationSet,
}

/// A whole number: `42`, or a float with no fraction such as `42.0` (as Stata exports write).
fn parse_whole(s: &str) -> Option<i64> {
    s.parse::<i64>().ok().or_else(|| {
        let f = s.parse::<f64>().ok()?;
        (f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15).then_some(f as i64)
    })
}

/// Reads one row's cells by column name and records the problems it finds.
struct RowReader<'a> {
    at: Location,
    row: &'a RawRow,
    columns: Columns,
    errors: Vec<ValidateError>,
}

impl<'a> RowReader<'a> {
    fn new(file: &Arc<str>, row: &'a RawRow, columns: Columns) -> Self {
        RowReader { at: Location::new(file, row.line), row, columns, errors: Vec::new() }
    }

    fn cell(&self, field: &'static str) -> &'a str {
        self.row.cells.get(self.columns.position(field)).map_or("", String::as_str)
    }

    fn bad(&mut self, field: &'static str, expected: impl Into<String>) {
        let value = self.cell(field).to_string();
        self.errors.push(ValidateError::BadField { at: self.at.clone(), field, value, expected: expected.into() });
    }

    /// A whole number, or `None` for an empty cell; "3.0" is read as 3.
    fn int(&mut self, field: &'static str) -> Result<Option<i64>, ()> {
        let s = self.cell(field);
        if s.is_empty() {
            return Ok(None);
        }
        match parse_whole(s) {
            Some(v) => Ok(Some(v)),
            None => {
                self.bad(field, "not a whole number");
                Err(())
            }
        }
    }

    /// A required number within `range`.
    fn required(&mut self, field: &'static str, range: RangeInclusive<i64>, what: &str) -> Option<i64> {
        match self.int(field) {
            Ok(Some(v)) if range.contains(&v) => Some(v),
            Ok(_) => {
                self.bad(field, format!("not {what} ({}..={})", range.start(), range.end()));
                None
            }
            Err(()) => None,
        }
    }

    /// An optional number: empty → 0; else 0 or within `range`.
    fn optional(&mut self, field: &'static str, range: RangeInclusive<i64>, what: &str) -> Option<i64> {
        match self.int(field) {
            Ok(None) | Ok(Some(0)) => Some(0),
            Ok(Some(v)) if range.contains(&v) => Some(v),
            Ok(Some(_)) => {
                self.bad(field, format!("not {what} (0 or {}..={})", range.start(), range.end()));
                None
            }
            Err(()) => None,
        }
    }

    /// A month (0..=12) or day (0..=31) cell; empty → 0.
    fn month_or_day(&mut self, field: &'static str, max: i64) -> Option<u32> {
        match self.int(field) {
            Ok(None) => Some(0),
            Ok(Some(v)) if (0..=max).contains(&v) => Some(v as u32),
            Ok(Some(_)) => {
                let problem = if max == 12 { DateProblem::Month } else { DateProblem::Day };
                self.bad(field, problem.expected());
                None
            }
            Err(()) => None,
        }
    }

    /// An obligation flag: exactly 0 or 1.
    fn flag(&mut self, field: &'static str) -> Option<bool> {
        match self.cell(field) {
            "0" => Some(false),
            "1" => Some(true),
            _ => match self.int(field) {
                Ok(Some(v)) if v == 0 || v == 1 => Some(v == 1),
                Ok(_) => {
                    self.bad(field, "not an obligation flag (0 or 1)");
                    None
                }
                Err(()) => None,
            },
        }
    }

    /// A 0/1 flag that may be empty (`None`, no error); another value is an error (`None`).
    fn optional_flag(&mut self, field: &'static str) -> Option<bool> {
        if self.cell(field).is_empty() {
            None
        } else {
            self.flag(field)
        }
    }

    /// A date from three cells with the given rule; the problem is attributed to the right cell.
    fn date(
        &mut self,
        fields: [&'static str; 3],
        (y, m, d): (i64, u32, u32),
        rule: fn(i32, u32, u32) -> Result<NaiveDate, DateProblem>,
    ) -> Option<NaiveDate> {
        match rule(y as i32, m, d) {
            Ok(date) => Some(date),
            Err(p) => {
                let field = if p == DateProblem::Month { fields[1] } else { fields[2] };
                let expected = format!("{} ({y}-{m:02}-{d:02})", p.expected());
                self.bad(field, expected);
                None
            }
        }
    }
}

/// A date as written: year, month, day (0 = missing month or day; year 0 = none).
type Written = (i64, u32, u32);

/// The date cells of a table and how they are read.
struct DateColumns {
    /// Year, month and day columns of the entry (first day inside).
    entry: [&'static str; 3],
    /// Year, month and day columns of the exit.
    exit: [&'static str; 3],
    /// How a complete or partial exit becomes the first day outside.
    exit_rule: fn(i32, u32, u32) -> Result<NaiveDate, DateProblem>,
    /// When an exit year of 0 or empty is allowed: the first day after the data.
    in_force_until: Option<NaiveDate>,
}

impl RowReader<'_> {
    /// A year (required, or 0/empty when `optional_year`), month and day.
    fn written(&mut self, fields: [&'static str; 3], optional_year: bool) -> Option<Written> {
        let year = if optional_year {
            self.optional(fields[0], YEARS, "a year")
        } else {
            self.required(fields[0], YEARS, "a year")
        };
        let month = self.month_or_day(fields[1], 12);
        let day = self.month_or_day(fields[2], 31);
        Some((year?, month?, day?))
    }

    /// The span `[entry, exit)` of a row, with the dates as written.
    fn span(&mut self, cols: &DateColumns) -> Option<(DateSpan, Written, Written)> {
        let entry = self.written(cols.entry, false);
        let exit = self.written(cols.exit, cols.in_force_until.is_some());
        let (entry, exit) = (entry?, exit?);
        let start = self.date(cols.entry, entry, entry_date);
        let end = match (exit.0, cols.in_force_until) {
            (0, Some(until)) => Some(until),
            _ => self.date(cols.exit, exit, cols.exit_rule),
        };
        let (start, end) = (start?, end?);
        match DateSpan::new(start, end) {
            Some(span) => Some((span, entry, exit)),
            None => {
                let (y, m, d) = exit;
                // An exit year of 0 or empty (in force) is shown as written, not as "0-0-0".
                let value = if y == 0 { self.cell(cols.exit[0]).to_string() } else { format!("{y}-{m}-{d}") };
                let (at, field) = (self.at.clone(), cols.exit[0]);
                self.errors.push(ValidateError::ExitBeforeEntry { at, field, value, start, end });
                None
            }
        }
    }

    /// The five obligation flags; a column absent from the file (empty cell) counts as 0 when
    /// `absent_is_zero`.
    fn obligations(&mut self, absent_is_zero: bool) -> ObligationSet {
        let mut set = ObligationSet::EMPTY;
        for o in Obligation::ALL {
            if absent_is_zero && self.cell(o.atop_column()).is_empty() {
                continue;
            }
            if self.flag(o.atop_column()) == Some(true) {
                set = set.with(o);
            }
        }
        set
    }
}

/// The first day after the data: 1 January after `data_end`.
fn day_after_data(data_end: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(data_end + 1, 1, 1).unwrap_or(NaiveDate::MAX)
}

/// Sorts a table's errors by line and adds them to `diag`.
fn report(mut errors: Vec<ValidateError>, diag: &mut Diagnostics) {
    errors.sort_by_key(|e| e.location().line);
    diag.errors.extend(errors);
}

/// Validates the member file: every row becomes a [`MemberSpell`] or an error in `diag`.
///
/// `data_end` overrides the data's last year (default: the largest valid `yrent`/`yrexit`).
pub fn members(table: &RawTable, data_end: Option<i32>, diag: &mut Diagnostics) -> Members {
    let file = &table.file;
    let year_of = |row: &RawRow, field| {
        let cell = row.cells.get(atop::MEMBER_COLUMNS.position(field)).map_or("", String::as_str);
        parse_whole(cell).filter(|y| YEARS.contains(y))
    };
    let data_end = data_end.unwrap_or_else(|| {
        let years = table.rows.iter().flat_map(|r| [year_of(r, "yrent"), year_of(r, "yrexit")]).flatten();
        years.max().map_or(*YEARS.end(), |y| y) as i32
    });
    let until = day_after_data(data_end);
    let cols = DateColumns {
        entry: ["yrent", "moent", "dayent"],
        exit: ["yrexit", "moexit", "dayexit"],
        exit_rule: exit_date,
        in_force_until: Some(until),
    };
    let mut errors: Vec<ValidateError> = table.problems.clone();
    let mut seen = HashSet::with_capacity(table.rows.len());
    let mut spells = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let mut r = RowReader::new(file, row, atop::MEMBER_COLUMNS);
        let alliance = r.required("atopid", ALLIANCE_IDS, "an alliance id");
        let state = r.required("member", STATE_CODES, "a COW state code");
        let dates = r.span(&cols);
        let phase = r.optional("phase", 1..=i64::from(u16::MAX), "a phase number");
        let obligations = r.obligations(false);
        let (Some(alliance), Some(state), Some((span, entry, exit)), Some(phase), true) =
            (alliance, state, dates, phase, r.errors.is_empty())
        else {
            errors.extend(r.errors);
            continue;
        };
        let spell = MemberSpell {
            line: row.line,
            alliance: AllianceId(alliance as u32),
            state: StateId(state as u16),
            phase: phase as u16,
            span,
            obligations,
            exact_exit: exit.0 != 0 && exit.1 != 0 && exit.2 != 0,
        };
        let at = &r.at;
        if !seen.insert((spell.alliance, spell.state, spell.phase, span, obligations)) {
            diag.warn(WarningKind::DuplicateRow, at, None);
            continue;
        }
        let quirks = [
            (entry.1 == 0, WarningKind::MissingEntryMonth),
            (entry.1 != 0 && entry.2 == 0, WarningKind::MissingEntryDay),
            (exit.0 == 0, WarningKind::InForce { until }),
            (exit.0 != 0 && exit.1 == 0, WarningKind::MissingExitMonth),
            (exit.0 != 0 && exit.1 != 0 && exit.2 == 0, WarningKind::MissingExitDay),
        ];
        for (_, kind) in quirks.iter().filter(|(hit, _)| *hit) {
            diag.warn(*kind, at, None);
        }
        spells.push(spell);
    }
    report(errors, diag);
    Members { spells, data_end }
}

/// Validates the COW state list: states (code, abbreviation, name) and their system spells.
pub fn states(table: &RawTable, diag: &mut Diagnostics) -> (Vec<State>, Vec<SystemSpell>) {
    let cols = DateColumns {
        entry: ["styear", "stmonth", "stday"],
        exit: ["endyear", "endmonth", "endday"],
        exit_rule: day_after,
        in_force_until: None,
    };
    let mut errors: Vec<ValidateError> = table.problems.clone();
    let mut states: BTreeMap<u16, State> = BTreeMap::new();
    let mut by_abbr: std::collections::HashMap<String, u16> = std::collections::HashMap::new();
    let mut spells = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let mut r = RowReader::new(&table.file, row, cow::STATE_COLUMNS);
        let code = r.required("ccode", STATE_CODES, "a COW state code");
        let dates = r.span(&cols);
        let (Some(code), Some((span, _, _))) = (code, dates) else {
            errors.extend(r.errors);
            continue;
        };
        let id = StateId(code as u16);
        let (abbr, name) = (r.cell("stateabb").to_string(), r.cell("statenme").to_string());
        match states.get(&id.0) {
            Some(first) if (first.abbr.as_str(), first.name.as_str()) != (abbr.as_str(), name.as_str()) => {
                diag.warn(WarningKind::StateConflict, &r.at, Some(u32::from(id.0)));
            }
            Some(_) => {}
            None => {
                if !abbr.is_empty() {
                    if let Some(other) = by_abbr.insert(abbr.to_ascii_lowercase(), id.0) {
                        diag.warn(WarningKind::DuplicateAbbreviation, &r.at, [u32::from(other), u32::from(id.0)]);
                    }
                }
                states.insert(id.0, State { id, abbr, name });
            }
        }
        spells.push(SystemSpell { line: row.line, state: id, span });
    }
    report(errors, diag);
    (states.into_values().collect(), spells)
}

/// Validates the alliance-level file; an `endyr` of 0 means in force until the end of `data_end`.
pub fn alliances(table: &RawTable, data_end: i32, diag: &mut Diagnostics) -> Vec<AllianceRecord> {
    let cols = DateColumns {
        entry: ["begyr", "begmo", "begday"],
        exit: ["endyr", "endmo", "endday"],
        exit_rule: exit_date,
        in_force_until: Some(day_after_data(data_end)),
    };
    let mut errors: Vec<ValidateError> = table.problems.clone();
    let mut out: Vec<AllianceRecord> = Vec::with_capacity(table.rows.len());
    // Per atopid: its record in `out` and its row in the table.
    let mut by_id: BTreeMap<u32, (usize, usize)> = BTreeMap::new();
    for (k, row) in table.rows.iter().enumerate() {
        let mut r = RowReader::new(&table.file, row, atop::ALLIANCE_COLUMNS);
        let id = r.required("atopid", ALLIANCE_IDS, "an alliance id");
        let dates = r.span(&cols);
        let obligations = r.obligations(true);
        let (Some(id), Some((span, _, _)), true) = (id, dates, r.errors.is_empty()) else {
            errors.extend(r.errors);
            continue;
        };
        let rec = AllianceRecord { line: row.line, id: AllianceId(id as u32), span, obligations };
        match by_id.get(&rec.id.0) {
            // Only a row identical in every column (the provisions too) is an exact duplicate.
            Some(&(i, first))
                if (out[i].span, out[i].obligations) == (rec.span, rec.obligations)
                    && same_provisions(&table.provisions, first, k) =>
            {
                diag.warn(WarningKind::DuplicateRow, &r.at, None)
            }
            Some(&(i, _)) => diag.warn_repeat(WarningKind::AllianceConflict, &r.at, out[i].line, Some(rec.id.0)),
            None => {
                by_id.insert(rec.id.0, (out.len(), k));
                out.push(rec);
            }
        }
    }
    report(errors, diag);
    out
}

/// Whether rows `a` and `b` hold the same provision values (compared as read: `01` is `1`).
fn same_provisions(provisions: &ProvisionTable, a: usize, b: usize) -> bool {
    provisions.row(a).map(|(_, v)| v).eq(provisions.row(b).map(|(_, v)| v))
}

/// The last year of a COW Formal Alliances member file: the largest valid `mem_st_year` or
/// `mem_end_year` (2012 in v4.1), or the last year pactnet accepts if there is none.
pub fn cow_data_end(table: &RawTable) -> i32 {
    use crate::io::cow_alliances::COW_ALLIANCE_COLUMNS as COLS;
    let year_of = |row: &RawRow, field| {
        let cell = row.cells.get(COLS.position(field)).map_or("", String::as_str);
        parse_whole(cell).filter(|y| YEARS.contains(y))
    };
    let years = table.rows.iter().flat_map(|r| [year_of(r, "mem_st_year"), year_of(r, "mem_end_year")]).flatten();
    years.max().map_or(*YEARS.end(), |y| y) as i32
}

/// COW's types in the file's column order, each with its obligation.
const COW_TYPES: [(&str, Obligation); 4] = [
    ("defense", Obligation::Defense),
    ("neutrality", Obligation::Neutrality),
    ("nonaggression", Obligation::Nonaggression),
    ("entente", Obligation::Entente),
];

/// The first year of COW's alliance data: a left-censored spell starts in it.
const COW_FIRST_YEAR: i64 = 1816;

/// Validates the COW Formal Alliances v4.1 member-level file into member spells, by the rules
/// of the ATOP member file: the member's spell is `[mem_st, mem_end)` with the same
/// partial-date rules (a missing month or day widens the spell to the month or year), an end
/// year of 0, empty, `NA` or `.` means in force until the end of `data_end`, and flags must be
/// 0 or 1; an empty flag cell is read as 0 (warning [`WarningKind::CowEmptyFlag`]). COW's four
/// types are their own obligations: defense, neutrality, nonaggression, entente (COW codes no
/// offense and no consultation). The `version4id` becomes the alliance id; one that is also an
/// atopid of an ATOP member file loaded with it (`atop_ids`, empty for COW alone) is an error,
/// since both would share one alliance.
///
/// Censoring (optional columns `left_censor`, `right_censor`): COW sets a member's start to
/// 1 January 1816 when its alliance began before COW's data (left-censored) and leaves the end
/// empty when the alliance was still in force at the data's end (right-censored). The dates
/// carry that information, so pactnet uses the dates: a left-censored spell starts in 1816 (the
/// alliance's earlier years are not in the data), a right-censored one lasts to the end of
/// `data_end`. A censoring flag that is empty or disagrees with the dates (left 1 with a start
/// after 1816, right 1 with an end date, right 0 without one) is counted as
/// [`WarningKind::CowCensoring`] and the dates are used.
pub fn cow_alliances(
    table: &RawTable,
    data_end: i32,
    atop_ids: &std::collections::BTreeSet<u32>,
    diag: &mut Diagnostics,
) -> Vec<MemberSpell> {
    use crate::io::cow_alliances::COW_ALLIANCE_COLUMNS as COLS;
    let cols = DateColumns {
        entry: ["mem_st_year", "mem_st_month", "mem_st_day"],
        exit: ["mem_end_year", "mem_end_month", "mem_end_day"],
        exit_rule: exit_date,
        in_force_until: Some(day_after_data(data_end)),
    };
    let has_column = |name: &str| table.present.get(COLS.position(name)).copied().unwrap_or(false);
    let censoring = has_column("left_censor") && has_column("right_censor");
    let mut errors: Vec<ValidateError> = table.problems.clone();
    let mut spells = Vec::with_capacity(table.rows.len());
    for raw in &table.rows {
        // COW's exports write missing values as NA or `.`: read them as empty cells.
        let mut row = raw.clone();
        for c in &mut row.cells {
            if c == "NA" || c == "." {
                c.clear();
            }
        }
        let mut r = RowReader::new(&table.file, &row, COLS);
        let id = r.required("version4id", ALLIANCE_IDS, "an alliance id");
        if let Some(id) = id.filter(|id| atop_ids.contains(&(*id as u32))) {
            r.bad("version4id", format!("not a free alliance id: {id} is also an atopid of the ATOP member file"));
        }
        let state = r.required("ccode", STATE_CODES, "a COW state code");
        let dates = r.span(&cols);
        let mut obligations = ObligationSet::EMPTY;
        let mut empty_flag = false;
        for (field, o) in COW_TYPES {
            if r.cell(field).is_empty() {
                empty_flag = true;
            } else if r.flag(field) == Some(true) {
                obligations = obligations.with(o);
            }
        }
        let censor = if censoring {
            let left = r.optional_flag("left_censor");
            let right = r.optional_flag("right_censor");
            Some((left, right))
        } else {
            None
        };
        let (Some(id), Some(state), Some((span, entry, exit)), true) = (id, state, dates, r.errors.is_empty()) else {
            errors.extend(r.errors);
            continue;
        };
        if empty_flag {
            diag.warn(WarningKind::CowEmptyFlag, &r.at, Some(id as u32));
        }
        if let Some((left, right)) = censor {
            // Left 1 needs a start in 1816; left 0 may start then too (a treaty of 1816).
            let left_agrees = left.is_some_and(|l| !l || entry.0 == COW_FIRST_YEAR);
            let right_agrees = right == Some(exit.0 == 0);
            let agrees = left_agrees && right_agrees;
            if !agrees {
                diag.warn(WarningKind::CowCensoring, &r.at, Some(id as u32));
            }
        }
        spells.push(MemberSpell {
            line: row.line,
            alliance: AllianceId(id as u32),
            state: StateId(state as u16),
            phase: 0,
            span,
            obligations,
            exact_exit: exit.0 != 0 && exit.1 != 0 && exit.2 != 0,
        });
    }
    report(errors, diag);
    spells
}

/// Interprets a coding sheet as an alliance record ([`crate::io::codesheet_record::record`]):
/// every problem goes to `diag` with its line, sorted by line; `None` when there is any.
pub fn codesheet(sheet: &crate::io::codesheet::RawSheet, diag: &mut Diagnostics) -> Option<CodesheetRecord> {
    match crate::io::codesheet_record::record(sheet) {
        Ok(record) => Some(record),
        Err(errors) => {
            report(errors, diag);
            None
        }
    }
}
