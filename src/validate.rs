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
pub const YEARS: RangeInclusive<i64> = 1000..=2100;
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
    let mut by_id: BTreeMap<u32, usize> = BTreeMap::new();
    for row in &table.rows {
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
            Some(&i) if (out[i].span, out[i].obligations) != (rec.span, rec.obligations) => {
                diag.warn(WarningKind::AllianceConflict, &r.at, Some(rec.id.0));
            }
            Some(_) => diag.warn(WarningKind::DuplicateRow, &r.at, None),
            None => {
                by_id.insert(rec.id.0, out.len());
                out.push(rec);
            }
        }
    }
    report(errors, diag);
    out
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
        });
    }
    report(errors, diag);
    spells
}

/// One member of an alliance read from a coding sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodesheetMember {
    /// Line of the member in the sheet.
    pub line: u64,
    /// The member state.
    pub state: StateId,
    /// The name as written after the code (may be empty).
    pub name: String,
    /// The member's own obligations.
    pub obligations: ObligationSet,
}

/// An alliance read from an ATOP coding sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodesheetRecord {
    /// The sheet's display name.
    pub file: Arc<str>,
    /// The alliance (question 1).
    pub id: AllianceId,
    /// Signature date, the members' first day (question 3; the earliest date given).
    pub signed: NaiveDate,
    /// First day after termination (question 14), `None` while still in effect.
    pub terminated: Option<NaiveDate>,
    /// Obligation types of question 16.
    pub obligations: ObligationSet,
    /// Whether the sheet says obligations are asymmetric (then members' lines may name their own).
    pub asymmetric: bool,
    /// Members (question 4) in sheet order.
    pub members: Vec<CodesheetMember>,
}

impl CodesheetRecord {
    /// The member rows the CSV would give: one per member, `[signed, terminated)`, or in force
    /// until the end of `data_end`; `None` if termination falls on or before signature there.
    pub fn spells(&self, data_end: i32) -> Vec<MemberSpell> {
        let end = self.terminated.unwrap_or_else(|| day_after_data(data_end));
        let Some(span) = DateSpan::new(self.signed, end) else { return Vec::new() };
        self.members
            .iter()
            .map(|m| MemberSpell {
                line: m.line,
                alliance: self.id,
                state: m.state,
                phase: 0,
                span,
                obligations: m.obligations,
            })
            .collect()
    }
}

const Q_ID: &str = "question 1 (ATOP ID)";
const Q_SIGNED: &str = "question 3 (signature date)";
const Q_MEMBERS: &str = "question 4 (members)";
const Q_TERMINATED: &str = "question 14 (termination date)";
const Q_TYPES: &str = "question 16 (type of alliance)";
const EXPECT_DATE: &str = "not a date (expected e.g. \"April 4, 1949\", \"4 April 1949\" or 1949-04-04)";
const EXPECT_TYPES: &str =
    "no alliance type (expected one or more of defense pact, neutrality pact, nonaggression pact, consultation pact, offense pact)";

/// Obligation types named anywhere in `text` (defense/defence, offense/offence, neutrality,
/// nonaggression/non-aggression, consultation).
fn types_in(text: &str) -> ObligationSet {
    let t = text.to_lowercase().replace(['-', ' '], "");
    [
        ("defen", Obligation::Defense),
        ("offen", Obligation::Offense),
        ("neutral", Obligation::Neutrality),
        ("nonagg", Obligation::Nonaggression),
        ("consult", Obligation::Consultation),
    ]
    .into_iter()
    .filter(|(w, _)| t.contains(w))
    .fold(ObligationSet::EMPTY, |s, (_, o)| s.with(o))
}

/// Every date written in `text`, as (year, month, day) with 0 for a missing day: `April 4,
/// 1949`, `Apr. 4 1949`, `4 April 1949`, `April 1949`, `1949-04-04`.
fn dates_in(text: &str) -> Vec<Written> {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let tokens: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .flat_map(|t| {
            if t.matches('-').count() == 2 {
                vec![t.to_string()]
            } else {
                t.split('-').map(str::to_string).collect()
            }
        })
        .filter(|t| !t.is_empty())
        .collect();
    let year = |t: &str| t.parse::<i64>().ok().filter(|y| t.len() == 4 && YEARS.contains(y));
    let day = |t: &str| t.parse::<u32>().ok().filter(|d| (1..=31).contains(d) && t.len() <= 2);
    let month = |t: &str| {
        let l = t.to_lowercase();
        MONTHS
            .iter()
            .position(|m| {
                l.len() >= 3
                    && l.starts_with(m)
                    && (l.len() == 3
                        || "january february march april may june july august september october november december sept"
                            .split(' ')
                            .any(|f| f == l))
            })
            .map(|i| i as u32 + 1)
    };
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if let [y, m, d] = t.split('-').collect::<Vec<_>>()[..] {
            if let (Some(y), Ok(m), Ok(d)) = (year(y), m.parse::<u32>(), d.parse::<u32>()) {
                out.push((y, m, d));
            }
            continue;
        }
        let Some(m) = month(t) else { continue };
        let next = tokens.get(i + 1).map(String::as_str);
        let after = tokens.get(i + 2).map(String::as_str);
        let before = i.checked_sub(1).and_then(|j| tokens.get(j)).map(String::as_str);
        match (next.and_then(day), after.and_then(year), next.and_then(year)) {
            (Some(d), Some(y), _) => out.push((y, m, d)),
            (_, _, Some(y)) => out.push((y, m, before.and_then(day).unwrap_or(0))),
            _ => {}
        }
    }
    out
}

/// Interprets a coding sheet ([`crate::io::codesheet`]) as an alliance record. Required: question
/// 1 (the ATOP id), 3 (a signature date; the earliest if several), 4 (members: one per line, a
/// COW code then the name; a line without a code continues the name above), 14 (a date, or text
/// such as "Still in effect" for an alliance in force), 16 (one or more types anywhere in the
/// answer). Question 16's types apply to every member unless the sheet says the obligations are
/// asymmetric (the word in question 16's answer, or "yes" to a question that mentions it): then
/// a member line that names types (`220 France: defense pact`) gets those. Every problem goes
/// to `diag` with its line; `None` when there is any.
pub fn codesheet(sheet: &crate::io::codesheet::RawSheet, diag: &mut Diagnostics) -> Option<CodesheetRecord> {
    let file = &sheet.file;
    let mut errors: Vec<ValidateError> = Vec::new();
    let mut bad = |line: u64, field: &'static str, value: &str, expected: &str| {
        errors.push(ValidateError::BadField {
            at: Location::new(file, line),
            field,
            value: value.to_string(),
            expected: expected.to_string(),
        });
    };
    // The answer of a question joined into one text, with the line of its first answer line.
    let answer = |n: u16| {
        sheet.question(n).map(|q| {
            let text: Vec<&str> = q.answer.iter().map(|(_, a)| a.as_str()).collect();
            (q.answer.first().map_or(q.line, |(l, _)| *l), text.join(" "))
        })
    };
    let missing = |n: u16, example: &str| format!("missing: the sheet has no question {n} (expected e.g. {example:?})");
    let id = match answer(1) {
        None => {
            bad(0, Q_ID, "", &missing(1, "1. ATOP ID: 3180"));
            None
        }
        Some((line, text)) => {
            let first = text.split_whitespace().next().unwrap_or("");
            match first.parse::<i64>().ok().filter(|v| ALLIANCE_IDS.contains(v)) {
                Some(v) => Some(AllianceId(v as u32)),
                None => {
                    bad(line, Q_ID, &text, "not an alliance id (1..=999999)");
                    None
                }
            }
        }
    };
    let signed = match answer(3) {
        None => {
            bad(0, Q_SIGNED, "", &missing(3, "3. Signature date(s): April 4, 1949"));
            None
        }
        Some((line, text)) => {
            let dates: Vec<NaiveDate> =
                dates_in(&text).into_iter().filter_map(|(y, m, d)| entry_date(y as i32, m, d).ok()).collect();
            match dates.into_iter().min() {
                Some(d) => Some(d),
                None => {
                    bad(line, Q_SIGNED, &text, EXPECT_DATE);
                    None
                }
            }
        }
    };
    let terminated = match answer(14) {
        None => {
            bad(0, Q_TERMINATED, "", &missing(14, "14. Termination date(s): Still in effect"));
            None
        }
        Some((line, text)) => {
            let lower = text.to_lowercase();
            let date = dates_in(&text).into_iter().filter_map(|(y, m, d)| exit_date(y as i32, m, d).ok()).max();
            match date {
                Some(d) => Some(Some(d)),
                None if ["in effect", "in force", "still valid", "not terminated"]
                    .iter()
                    .any(|w| lower.contains(w)) =>
                {
                    Some(None)
                }
                None => {
                    bad(
                        line,
                        Q_TERMINATED,
                        &text,
                        "not a date or \"Still in effect\" (expected e.g. \"April 4, 1949\" or \"Still in effect\")",
                    );
                    None
                }
            }
        }
    };
    let (types, asymmetric) = match answer(16) {
        None => {
            bad(0, Q_TYPES, "", &missing(16, "16. Type of alliance (...): defense pact"));
            (None, false)
        }
        Some((line, text)) => {
            let said = sheet.questions.iter().any(|q| {
                q.text.to_lowercase().contains("asymmetric")
                    && q.answer.first().is_some_and(|(_, a)| a.to_lowercase().starts_with("yes"))
            });
            let asym = said || text.to_lowercase().contains("asymmetric");
            match types_in(&text) {
                t if t.is_empty() => {
                    bad(line, Q_TYPES, &text, EXPECT_TYPES);
                    (None, asym)
                }
                t => (Some(t), asym),
            }
        }
    };
    let mut members: Vec<CodesheetMember> = Vec::new();
    match sheet.question(4) {
        None => bad(0, Q_MEMBERS, "", &missing(4, "4. Members of alliance (use COW country codes): 2 United States")),
        Some(q) => {
            for (line, a) in &q.answer {
                let digits = a.len() - a.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                if digits == 0 {
                    match members.last_mut() {
                        Some(m) => {
                            m.name = format!("{} {a}", m.name).trim().to_string();
                        }
                        None => bad(
                            *line,
                            Q_MEMBERS,
                            a,
                            "not a member line (expected a COW code and a name, e.g. \"2 United States\")",
                        ),
                    }
                    continue;
                }
                let code = a[..digits].parse::<i64>().ok().filter(|c| STATE_CODES.contains(c));
                let Some(code) = code else {
                    bad(*line, Q_MEMBERS, a, "not a COW state code (1..=9999) at the start of the line");
                    continue;
                };
                let rest = a[digits..].trim_start_matches(['.', ',', ':', '-', ' ', '\t']);
                // `head` is a prefix of `rest` (the name before any `:`, dash or ` - `); the
                // types follow it. Slicing by `head`, not by the trimmed name, stays on a char
                // boundary whatever spaces surround the name.
                let head = rest.split([':', '—', '–']).next().unwrap_or("").split(" - ").next().unwrap_or("");
                let name = head.trim();
                let own = if asymmetric { types_in(&rest[head.len()..]) } else { ObligationSet::EMPTY };
                members.push(CodesheetMember {
                    line: *line,
                    state: StateId(code as u16),
                    name: name.to_string(),
                    obligations: own,
                });
            }
            if members.is_empty() && q.answer.is_empty() {
                bad(q.line, Q_MEMBERS, "", "no members (expected one line per member, e.g. \"2 United States\")");
            }
        }
    }
    let (Some(id), Some(signed), Some(terminated), Some(types)) = (id, signed, terminated, types) else {
        report(errors, diag);
        return None;
    };
    if let Some(end) = terminated.filter(|end| *end <= signed) {
        let line = sheet.question(14).map_or(0, |q| q.line);
        errors.push(ValidateError::ExitBeforeEntry {
            at: Location::new(file, line),
            field: Q_TERMINATED,
            value: end.to_string(),
            start: signed,
            end,
        });
    }
    if !errors.is_empty() {
        report(errors, diag);
        return None;
    }
    for m in &mut members {
        if m.obligations.is_empty() {
            m.obligations = types;
        }
    }
    Some(CodesheetRecord { file: file.clone(), id, signed, terminated, obligations: types, asymmetric, members })
}
