//! Raw rows → model types + [`Diagnostics`]. Every data-quirk rule of pactnet lives here.
//!
//! Errors (the row is invalid): a field that is not a whole number where one is required, a month
//! outside 0..=12, a day outside 0..=31, a day the month does not have, an obligation flag other
//! than 0/1, a year outside 1800..=2100 (0/empty allowed for `yrexit`), a state code outside
//! 1..=9999, an atopid outside 1..=999999, an exit on or before the entry, a wrong field count,
//! bytes that are not UTF-8. Warnings (tolerated, counted): missing months and days (filled by
//! the rules of [`crate::model::date`]), `yrexit` 0 (in force), exact duplicate rows (ignored).

use crate::diagnostics::{Diagnostics, WarningKind};
use crate::error::{Location, ValidateError};
use crate::io::records::{Columns, RawRow, RawTable};
use crate::io::{atop, cow};
use crate::model::date::{day_after, entry_date, exit_date, DateProblem};
use crate::model::{AllianceId, DateSpan, MemberSpell, Obligation, ObligationSet, State, StateId, SystemSpell};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashSet};
use std::ops::RangeInclusive;
use std::sync::Arc;

/// Accepted calendar years.
pub const YEARS: RangeInclusive<i64> = 1800..=2100;
/// Accepted state codes.
pub const STATE_CODES: RangeInclusive<i64> = 1..=StateId::MAX as i64;
/// Accepted alliance ids.
pub const ALLIANCE_IDS: RangeInclusive<i64> = 1..=999_999;

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
        if let Ok(v) = s.parse::<i64>() {
            return Ok(Some(v));
        }
        match s.parse::<f64>() {
            Ok(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 => Ok(Some(f as i64)),
            _ => {
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

/// The numbers of a member row before dates are built (they need the data's last year).
struct MemberCells {
    row: usize,
    line: u64,
    alliance: u32,
    state: u16,
    phase: u16,
    entry: (i64, u32, u32),
    exit: (i64, u32, u32),
    obligations: ObligationSet,
    record_hash: u64,
}

fn member_cells(file: &Arc<str>, index: usize, row: &RawRow) -> Result<MemberCells, Vec<ValidateError>> {
    let mut r = RowReader::new(file, row, atop::MEMBER_COLUMNS);
    let alliance = r.required("atopid", ALLIANCE_IDS, "an alliance id");
    let state = r.required("member", STATE_CODES, "a COW state code");
    let yrent = r.required("yrent", YEARS, "a year");
    let moent = r.month_or_day("moent", 12);
    let dayent = r.month_or_day("dayent", 31);
    let yrexit = r.optional("yrexit", YEARS, "a year");
    let moexit = r.month_or_day("moexit", 12);
    let dayexit = r.month_or_day("dayexit", 31);
    let phase = r.optional("phase", 1..=i64::from(u16::MAX), "a phase number");
    let mut obligations = ObligationSet::EMPTY;
    for o in Obligation::ALL {
        if r.flag(o.atop_column()) == Some(true) {
            obligations = obligations.with(o);
        }
    }
    match (alliance, state, yrent, moent, dayent, yrexit, moexit, dayexit, phase) {
        (Some(a), Some(s), Some(ye), Some(me), Some(de), Some(yx), Some(mx), Some(dx), Some(p))
            if r.errors.is_empty() =>
        {
            Ok(MemberCells {
                row: index,
                line: row.line,
                alliance: a as u32,
                state: s as u16,
                phase: p as u16,
                entry: (ye, me, de),
                exit: (yx, mx, dx),
                obligations,
                record_hash: row.record_hash,
            })
        }
        _ => Err(r.errors),
    }
}

const ENTRY_FIELDS: [&str; 3] = ["yrent", "moent", "dayent"];
const EXIT_FIELDS: [&str; 3] = ["yrexit", "moexit", "dayexit"];

/// Validates the member file: every row becomes a [`MemberSpell`] or an error in `diag`.
///
/// `data_end` overrides the data's last year (default: the largest `yrent`/`yrexit`).
pub fn members(table: &RawTable, data_end: Option<i32>, diag: &mut Diagnostics) -> Members {
    let file = &table.file;
    let mut errors: Vec<ValidateError> = table.problems.clone();
    let mut cells = Vec::with_capacity(table.rows.len());
    for (i, row) in table.rows.iter().enumerate() {
        match member_cells(file, i, row) {
            Ok(c) => cells.push(c),
            Err(e) => errors.extend(e),
        }
    }
    let data_end = data_end.unwrap_or_else(|| {
        cells.iter().map(|c| c.entry.0.max(c.exit.0)).max().map_or(*YEARS.end() as i32, |y| y as i32)
    });
    let until = NaiveDate::from_ymd_opt(data_end + 1, 1, 1).unwrap_or(NaiveDate::MAX);
    let mut seen = HashSet::with_capacity(cells.len());
    let mut spells = Vec::with_capacity(cells.len());
    for c in &cells {
        let at = Location::new(file, c.line);
        let mut r = RowReader::new(file, &table.rows[c.row], atop::MEMBER_COLUMNS);
        let start = r.date(ENTRY_FIELDS, c.entry, entry_date);
        let end = if c.exit.0 == 0 { Some(until) } else { r.date(EXIT_FIELDS, c.exit, exit_date) };
        let (Some(start), Some(end)) = (start, end) else {
            errors.extend(r.errors);
            continue;
        };
        let Some(span) = DateSpan::new(start, end) else {
            let (y, m, d) = c.exit;
            errors.push(ValidateError::ExitBeforeEntry {
                at,
                field: "yrexit",
                value: format!("{y}-{m}-{d}"),
                start,
                end,
            });
            continue;
        };
        if !seen.insert((c.record_hash, c.alliance, c.state, c.phase, span, c.obligations)) {
            diag.warn(WarningKind::DuplicateRow, &at, None);
            continue;
        }
        let quirks = [
            (c.entry.1 == 0, WarningKind::MissingEntryMonth),
            (c.entry.1 != 0 && c.entry.2 == 0, WarningKind::MissingEntryDay),
            (c.exit.0 == 0, WarningKind::InForce { until }),
            (c.exit.0 != 0 && c.exit.1 == 0, WarningKind::MissingExitMonth),
            (c.exit.0 != 0 && c.exit.1 != 0 && c.exit.2 == 0, WarningKind::MissingExitDay),
        ];
        for (_, kind) in quirks.iter().filter(|(hit, _)| *hit) {
            diag.warn(*kind, &at, None);
        }
        spells.push(MemberSpell {
            line: c.line,
            alliance: AllianceId(c.alliance),
            state: StateId(c.state),
            phase: c.phase,
            span,
            obligations: c.obligations,
        });
    }
    errors.sort_by_key(|e| e.location().line);
    diag.errors.extend(errors);
    Members { spells, data_end }
}

/// Validates the COW state list: states (code, abbreviation, name) and their system spells.
pub fn states(table: &RawTable, diag: &mut Diagnostics) -> (Vec<State>, Vec<SystemSpell>) {
    let file = &table.file;
    let mut errors: Vec<ValidateError> = table.problems.clone();
    let mut states: BTreeMap<u16, State> = BTreeMap::new();
    let mut spells = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let mut r = RowReader::new(file, row, cow::STATE_COLUMNS);
        let code = r.required("ccode", STATE_CODES, "a COW state code");
        let sy = r.required("styear", YEARS, "a year");
        let sm = r.month_or_day("stmonth", 12);
        let sd = r.month_or_day("stday", 31);
        let ey = r.required("endyear", YEARS, "a year");
        let em = r.month_or_day("endmonth", 12);
        let ed = r.month_or_day("endday", 31);
        let (Some(code), Some(sy), Some(sm), Some(sd), Some(ey), Some(em), Some(ed)) = (code, sy, sm, sd, ey, em, ed)
        else {
            errors.extend(r.errors);
            continue;
        };
        let start = r.date(["styear", "stmonth", "stday"], (sy, sm, sd), entry_date);
        let end = r.date(["endyear", "endmonth", "endday"], (ey, em, ed), day_after);
        let (Some(start), Some(end)) = (start, end) else {
            errors.extend(r.errors);
            continue;
        };
        let at = Location::new(file, row.line);
        let Some(span) = DateSpan::new(start, end) else {
            errors.push(ValidateError::ExitBeforeEntry {
                at,
                field: "endyear",
                value: format!("{ey}-{em}-{ed}"),
                start,
                end,
            });
            continue;
        };
        let code = code as u16;
        let abbr = r.cell("stateabb").to_string();
        let name = r.cell("statenme").to_string();
        states.entry(code).or_insert(State { id: StateId(code), abbr, name });
        spells.push(SystemSpell { line: row.line, state: StateId(code), span });
    }
    errors.sort_by_key(|e| e.location().line);
    diag.errors.extend(errors);
    (states.into_values().collect(), spells)
}

/// Validates the alliance-level file; an `endyr` of 0 means in force until `data_end`'s end.
pub fn alliances(table: &RawTable, data_end: i32, diag: &mut Diagnostics) -> Vec<AllianceRecord> {
    let file = &table.file;
    let mut errors: Vec<ValidateError> = table.problems.clone();
    let until = NaiveDate::from_ymd_opt(data_end + 1, 1, 1).unwrap_or(NaiveDate::MAX);
    let mut out: Vec<AllianceRecord> = Vec::with_capacity(table.rows.len());
    let mut by_id: BTreeMap<u32, usize> = BTreeMap::new();
    for row in &table.rows {
        let mut r = RowReader::new(file, row, atop::ALLIANCE_COLUMNS);
        let id = r.required("atopid", ALLIANCE_IDS, "an alliance id");
        let by = r.required("begyr", YEARS, "a year");
        let bm = r.month_or_day("begmo", 12);
        let bd = r.month_or_day("begday", 31);
        let ey = r.optional("endyr", YEARS, "a year");
        let em = r.month_or_day("endmo", 12);
        let ed = r.month_or_day("endday", 31);
        let mut obligations = ObligationSet::EMPTY;
        for o in Obligation::ALL {
            if r.cell(o.atop_column()).is_empty() {
                continue;
            }
            if r.flag(o.atop_column()) == Some(true) {
                obligations = obligations.with(o);
            }
        }
        let (Some(id), Some(by), Some(bm), Some(bd), Some(ey), Some(em), Some(ed)) = (id, by, bm, bd, ey, em, ed)
        else {
            errors.extend(r.errors);
            continue;
        };
        let start = r.date(["begyr", "begmo", "begday"], (by, bm, bd), entry_date);
        let end = if ey == 0 { Some(until) } else { r.date(["endyr", "endmo", "endday"], (ey, em, ed), exit_date) };
        let (Some(start), Some(end)) = (start, end) else {
            errors.extend(r.errors);
            continue;
        };
        let at = Location::new(file, row.line);
        if !r.errors.is_empty() {
            errors.extend(r.errors);
            continue;
        }
        let Some(span) = DateSpan::new(start, end) else {
            errors.push(ValidateError::ExitBeforeEntry {
                at,
                field: "endyr",
                value: format!("{ey}-{em}-{ed}"),
                start,
                end,
            });
            continue;
        };
        let rec = AllianceRecord { line: row.line, id: AllianceId(id as u32), span, obligations };
        match by_id.get(&rec.id.0) {
            Some(&i) => {
                let first = out[i];
                if (first.span, first.obligations) != (rec.span, rec.obligations) {
                    diag.warn(WarningKind::AllianceConflict, &at, Some(rec.id.0));
                } else {
                    diag.warn(WarningKind::DuplicateRow, &at, None);
                }
            }
            None => {
                by_id.insert(rec.id.0, out.len());
                out.push(rec);
            }
        }
    }
    errors.sort_by_key(|e| e.location().line);
    diag.errors.extend(errors);
    out
}
