//! Covariate files (`--state-covariates`, `--dyad-covariates`): numeric columns keyed by
//! state(-year) or dyad(-year), as peacesciencer and btergm's examples write them.
//!
//! Columns are found by name, in any order and case (the value columns keep the names as
//! written; a covariate is named by its column):
//! - state files: `ccode` or `stateabb`, optional `year`, then the value columns;
//! - dyad files: `ccode1`/`stateabb1`, `ccode2`/`stateabb2`, optional `year`, then the value
//!   columns. A dyad file without a value column (a list of contiguous pairs, of wars) is an
//!   indicator: 1 for a listed dyad(-year), named by `NAME=FILE` or else by the file's stem. A
//!   file with one value column given as `NAME=FILE` takes the name NAME.
//!
//! Every column other than the keys is a value column. A file without `year` applies to every
//! year. A state is a COW code of the data's state list (`ccode`) or a COW abbreviation of it
//! (`stateabb`, any case); with both columns, the two must name the same state. Dyad rows are
//! undirected (a–b and b–a are one dyad) unless read as directed (`--directed-covariates`).
//!
//! Cells: a number (`0.25`, `-7`, `1e-3`; ASCII blanks around it are ignored); an empty cell is
//! a missing value. Located errors (file, line, field, value, what was expected): a state not in
//! the data's state list, a year outside 1000..=2100, a cell that is not a finite number (`NA`,
//! text, a number with a non-ASCII blank such as U+00A0), a dyad of a state with itself, and a
//! key listed twice with different values. An exact repeat is a counted warning
//! ([`WarningKind::DuplicateRow`]), an undirected dyad listed in both orders with the same values
//! too ([`WarningKind::BothDirections`]).

use super::records::{read_table_with_other_columns, Columns, RawRow, RawTable};
use super::source::Source;
use crate::dataset::OnRowError;
use crate::diagnostics::{Diagnostics, WarningKind};
use crate::error::{Error, LoadError, Location, ValidateError};
use crate::model::covariates::{
    Covariates, DuplicateName, DyadCovariates, DyadRow, DyadTable, StateCovariates, StateRow, StateTable,
};
use crate::model::{StateId, StateIndex};
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

/// The key columns of a state file.
const STATE_COLUMNS: Columns = Columns { required: &[], optional: &["ccode", "stateabb", "year"] };

/// The key columns of a dyad file.
const DYAD_COLUMNS: Columns =
    Columns { required: &[], optional: &["ccode1", "stateabb1", "ccode2", "stateabb2", "year"] };

/// Finds states by COW code or abbreviation in the data's state list.
#[derive(Debug)]
pub(crate) struct StateResolver<'a> {
    states: &'a StateIndex,
    /// Upper-case abbreviation → code (the first code of an abbreviation used twice).
    by_abbr: HashMap<String, StateId>,
}

impl<'a> StateResolver<'a> {
    /// A resolver over `states`.
    pub(crate) fn new(states: &'a StateIndex) -> Self {
        let mut by_abbr = HashMap::new();
        for s in states.states().iter().filter(|s| !s.abbr.is_empty()) {
            by_abbr.entry(s.abbr.to_ascii_uppercase()).or_insert(s.id);
        }
        StateResolver { states, by_abbr }
    }

    /// A `ccode` cell: a whole number that is a state of the list.
    pub(crate) fn code(&self, cell: &str) -> Result<StateId, String> {
        let code = whole_number(cell).filter(|c| crate::model::limits::STATE_CODES.contains(c));
        let Some(code) = code else {
            return Err(format!("not a COW state code (1..=9999){}", blank_hint(cell)));
        };
        let id = StateId(code as u16);
        match self.states.index_of(id) {
            Some(_) => Ok(id),
            None => Err("not a state of the data's state list (the COW list given with --states)".to_string()),
        }
    }

    /// A `stateabb` cell: a COW abbreviation of the list, any case.
    pub(crate) fn abbreviation(&self, cell: &str) -> Result<StateId, String> {
        if let Some(&id) = self.by_abbr.get(&cell.to_ascii_uppercase()) {
            return Ok(id);
        }
        let close = self.states.suggestions(cell);
        let close = if close.is_empty() { String::new() } else { format!(" (close matches: {})", close.join(", ")) };
        Err(format!(
            "not a COW state abbreviation of the data's state list (the COW list given with --states){close}{}",
            blank_hint(cell)
        ))
    }
}

/// Where a state is in a row: its `ccode` and/or `stateabb` cell.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StateKey {
    /// Name and position among the row's cells of the code column, if the file has it.
    pub(crate) code: Option<(&'static str, usize)>,
    /// Name and position of the abbreviation column, if the file has it.
    pub(crate) abbr: Option<(&'static str, usize)>,
}

impl StateKey {
    /// The key of `code`/`abbr` (column names) in a table read with `columns`; `None` when the
    /// file has neither.
    pub(crate) fn of(table: &RawTable, columns: Columns, code: &'static str, abbr: &'static str) -> Option<Self> {
        let at = |name: &'static str| {
            let i = columns.position(name);
            table.present[i].then_some((name, i))
        };
        let key = StateKey { code: at(code), abbr: at(abbr) };
        (key.code.is_some() || key.abbr.is_some()).then_some(key)
    }

    /// The row's state, or the errors of its cells (pushed to `errors`).
    pub(crate) fn resolve(
        &self,
        row: &RawRow,
        at: &Location,
        states: &StateResolver<'_>,
        errors: &mut Vec<ValidateError>,
    ) -> Option<StateId> {
        let mut bad = |field: &'static str, value: &str, expected: String| {
            errors.push(ValidateError::BadField { at: at.clone(), field, value: value.to_string(), expected });
        };
        // The non-empty cells of the two columns.
        let cell = |c: Option<(&'static str, usize)>| c.filter(|&(_, i)| !row.cells[i].is_empty());
        let by_code = cell(self.code).map(|(name, i)| (name, i, states.code(&row.cells[i])));
        let by_abbr = cell(self.abbr).map(|(name, i)| (name, i, states.abbreviation(&row.cells[i])));
        let mut failed = false;
        for (name, i, r) in by_code.iter().chain(&by_abbr) {
            if let Err(e) = r {
                bad(name, &row.cells[*i], e.clone());
                failed = true;
            }
        }
        match (by_code, by_abbr) {
            _ if failed => None,
            (Some((_, _, Ok(a))), Some((name, i, Ok(b)))) if a != b => {
                let expected =
                    format!("the abbreviation of the row's code {a} (the two columns name different states)");
                bad(name, &row.cells[i], expected);
                None
            }
            (Some((_, _, Ok(a))), _) | (None, Some((_, _, Ok(a)))) => Some(a),
            _ => {
                let (name, _) = self.code.or(self.abbr)?;
                bad(name, "", "empty: expected a state (a COW code or abbreviation)".to_string());
                None
            }
        }
    }
}

/// A `year` cell: `Ok(None)` when the file has no `year` column.
pub(crate) fn year_of(
    row: &RawRow,
    year: Option<usize>,
    at: &Location,
    errors: &mut Vec<ValidateError>,
) -> Result<Option<i32>, ()> {
    let Some(i) = year else { return Ok(None) };
    match whole_number(&row.cells[i]).filter(|y| crate::model::limits::YEARS.contains(y)) {
        Some(y) => Ok(Some(y as i32)),
        None => {
            errors.push(ValidateError::BadField {
                at: at.clone(),
                field: "year",
                value: row.cells[i].clone(),
                expected: format!("not a year (1000..=2100){}", blank_hint(&row.cells[i])),
            });
            Err(())
        }
    }
}

/// A whole number: `42`, or `42.0` as Stata writes.
pub(crate) fn whole_number(cell: &str) -> Option<i64> {
    cell.parse::<i64>().ok().or_else(|| {
        let f = cell.parse::<f64>().ok()?;
        (f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15).then_some(f as i64)
    })
}

/// A value cell: `Ok(None)` when empty, the number, or what was expected.
pub(crate) fn number(cell: &str) -> Result<Option<f64>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    match cell.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(format!(
            "not a number (a covariate cell holds a finite number such as 0.25, -7 or 1e-3; a missing value is an empty cell, not NA; every column besides the state and year columns is a covariate){}",
            blank_hint(cell)
        )),
    }
}

/// `: the cell holds U+00A0 (a non-ASCII blank), …` when it holds a blank other than ASCII's.
fn blank_hint(cell: &str) -> String {
    match cell.chars().find(|c| c.is_whitespace() && !c.is_ascii()) {
        Some(c) => format!("; the cell holds U+{:04X}, a non-ASCII blank: remove it", u32::from(c)),
        None => String::new(),
    }
}

/// The path of a source (its display name for an embedded one).
fn path_of(source: &Source) -> PathBuf {
    source.path().map_or_else(|| PathBuf::from(&*source.display_name()), std::path::Path::to_path_buf)
}

/// The covariate names of a table's other columns: those with a name (a column without one, a
/// trailing comma in the header, holds no covariate; a cell in it is an error of its row).
fn named(others: &[String]) -> Vec<String> {
    others.iter().filter(|n| !n.is_empty()).cloned().collect()
}

/// The value cells of a row (after the `keys` key cells; `others` the table's other columns),
/// or `None` with their errors pushed.
fn values_of(
    row: &RawRow,
    keys: usize,
    others: &[String],
    at: &Location,
    errors: &mut Vec<ValidateError>,
) -> Option<Vec<Option<f64>>> {
    let mut out = Vec::with_capacity(others.len());
    let mut ok = true;
    for (name, cell) in others.iter().zip(&row.cells[keys..]) {
        if name.is_empty() {
            if !cell.is_empty() {
                let expected = "empty: the column has no name in the header (name it, or remove the cell)".to_string();
                errors.push(ValidateError::BadField {
                    at: at.clone(),
                    field: "(unnamed column)",
                    value: cell.clone(),
                    expected,
                });
                ok = false;
            }
            continue;
        }
        match number(cell) {
            Ok(v) => out.push(v),
            Err(expected) => {
                let field = crate::names::static_name(name);
                errors.push(ValidateError::BadField { at: at.clone(), field, value: cell.clone(), expected });
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

/// Values as written in a message: `0.5, empty`.
fn show_values(values: &[Option<f64>]) -> String {
    let shown: Vec<String> = values.iter().map(|v| v.map_or_else(|| "empty".to_string(), |v| v.to_string())).collect();
    shown.join(", ")
}

/// Reads one `--state-covariates` file; row problems go to `diag.errors`, the rows kept.
///
/// # Errors
/// [`LoadError`] when the file cannot be read as CSV, is empty, or has neither `ccode` nor
/// `stateabb`.
pub fn read_state_covariates(
    source: &Source,
    states: &StateIndex,
    diag: &mut Diagnostics,
) -> Result<StateTable, LoadError> {
    let table = read_table_with_other_columns(source, STATE_COLUMNS)?;
    let file = Arc::clone(&table.file);
    let Some(key) = StateKey::of(&table, STATE_COLUMNS, "ccode", "stateabb") else {
        return Err(LoadError::MissingColumns {
            at: Location::new(&file, 1),
            missing: "ccode or stateabb".into(),
            expected: "ccode or stateabb (the state), optional year, then numeric covariate columns".into(),
        });
    };
    let year_at = table.present[2].then_some(2);
    let resolver = StateResolver::new(states);
    let mut errors: Vec<ValidateError> = table.problems.clone();
    // (state, year, line, values) of every valid row.
    type Lined = (StateId, Option<i32>, u64, Vec<Option<f64>>);
    let mut rows: Vec<Lined> = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let at = Location::new(&file, row.line);
        let state = key.resolve(row, &at, &resolver, &mut errors);
        let year = year_of(row, year_at, &at, &mut errors);
        let values = values_of(row, 3, &table.others, &at, &mut errors);
        if let (Some(state), Ok(year), Some(values)) = (state, year, values) {
            rows.push((state, year, row.line, values));
        }
    }
    rows.sort_by_key(|r| (r.0, r.1, r.2));
    let mut kept: Vec<StateRow> = Vec::with_capacity(rows.len());
    let mut first_line = 0;
    for (state, year, line, values) in rows {
        match kept.last() {
            Some(k) if (k.0, k.1) == (state, year) => {
                let at = Location::new(&file, line);
                if k.2 == values {
                    diag.warn(WarningKind::DuplicateRow, &at, None);
                } else {
                    let when = year.map_or_else(|| "(every year)".to_string(), |y| format!("in {y}"));
                    errors.push(ValidateError::BadField {
                        at,
                        field: "covariate values",
                        value: show_values(&values),
                        expected: format!(
                            "the values of line {first_line} ({}) for state {state} {when}: a state-year is listed once",
                            show_values(&k.2)
                        ),
                    });
                }
            }
            _ => {
                first_line = line;
                kept.push((state, year, values));
            }
        }
    }
    errors.sort_by_key(|e| e.location().line);
    diag.errors.extend(errors);
    Ok(StateTable::new(path_of(source), named(&table.others), year_at.is_some(), kept))
}

/// Reads one `--dyad-covariates` file (`name`: the `NAME` of `NAME=FILE`); row problems go to
/// `diag.errors`, the rows kept.
///
/// # Errors
/// [`LoadError`] when the file cannot be read as CSV, is empty, or lacks a state column.
pub fn read_dyad_covariates(
    source: &Source,
    name: Option<&str>,
    directed: bool,
    states: &StateIndex,
    diag: &mut Diagnostics,
) -> Result<DyadTable, LoadError> {
    let table = read_table_with_other_columns(source, DYAD_COLUMNS)?;
    let file = Arc::clone(&table.file);
    let first = StateKey::of(&table, DYAD_COLUMNS, "ccode1", "stateabb1");
    let second = StateKey::of(&table, DYAD_COLUMNS, "ccode2", "stateabb2");
    let (Some(first), Some(second)) = (first, second) else {
        let missing = [(first.is_none(), "ccode1 or stateabb1"), (second.is_none(), "ccode2 or stateabb2")];
        let missing: Vec<&str> = missing.iter().filter(|m| m.0).map(|m| m.1).collect();
        return Err(LoadError::MissingColumns {
            at: Location::new(&file, 1),
            missing: missing.join(", "),
            expected: "ccode1 or stateabb1, ccode2 or stateabb2 (the dyad), optional year, then numeric covariate columns (none: an indicator of the listed dyads)".into(),
        });
    };
    let year_at = table.present[4].then_some(4);
    let mut errors: Vec<ValidateError> = table.problems.clone();
    let stem = || {
        let path = path_of(source);
        path.file_stem().map_or_else(|| file.to_string(), |s| s.to_string_lossy().into_owned())
    };
    let columns = named(&table.others);
    let indicator = columns.is_empty();
    let names: Vec<String> = match (name, columns.len()) {
        (Some(n), 0 | 1) => vec![n.to_string()],
        (None, 0) => vec![stem()],
        (None, _) => columns.clone(),
        (Some(n), _) => {
            errors.push(ValidateError::BadField {
                at: Location::new(&file, 1),
                field: "header",
                value: columns.join(","),
                expected: format!(
                    "one value column, which {n}= names (give the file without {n}= to name its covariates by their columns)"
                ),
            });
            columns.clone()
        }
    };
    let resolver = StateResolver::new(states);
    type Row = (StateId, StateId, Option<i32>, u64, Vec<Option<f64>>);
    let mut rows: Vec<Row> = Vec::with_capacity(table.rows.len());
    let mut reversed: BTreeSet<u64> = BTreeSet::new();
    for row in &table.rows {
        let at = Location::new(&file, row.line);
        let a = first.resolve(row, &at, &resolver, &mut errors);
        let b = second.resolve(row, &at, &resolver, &mut errors);
        if let (Some(a), Some(b)) = (a, b) {
            if a == b {
                let (field, i) = second.code.or(second.abbr).unwrap_or(("ccode2", 2));
                errors.push(ValidateError::BadField {
                    at: at.clone(),
                    field,
                    value: row.cells[i].clone(),
                    expected: "a state other than the first (a dyad is two states)".into(),
                });
            }
        }
        let year = year_of(row, year_at, &at, &mut errors);
        let values = if indicator { Some(vec![Some(1.0)]) } else { values_of(row, 5, &table.others, &at, &mut errors) };
        let (Some(a), Some(b), Ok(year), Some(values)) = (a, b, year, values) else { continue };
        if a == b {
            continue;
        }
        let (a, b) = if directed || a < b {
            (a, b)
        } else {
            reversed.insert(row.line);
            (b, a)
        };
        rows.push((a, b, year, row.line, values));
    }
    rows.sort_by_key(|r| (r.0, r.1, r.2, r.3));
    let mut kept: Vec<DyadRow> = Vec::with_capacity(rows.len());
    // The first line of the current dyad, and the orders it was listed in (as given, reversed).
    let (mut first_line, mut seen) = (0, [false; 2]);
    for (a, b, year, line, values) in rows {
        let this_reversed = reversed.contains(&line);
        match kept.last() {
            Some(k) if (k.0, k.1, k.2) == (a, b, year) => {
                let at = Location::new(&file, line);
                if k.3 == values && seen[usize::from(this_reversed)] {
                    diag.warn(WarningKind::DuplicateRow, &at, None);
                } else if k.3 == values {
                    diag.warn(WarningKind::BothDirections, &at, None);
                } else {
                    let when = year.map_or_else(|| "(every year)".to_string(), |y| format!("in {y}"));
                    let order = if directed {
                        "a directed dyad-year is listed once"
                    } else {
                        "an undirected dyad-year is listed once, in either order (give --directed-covariates for a directed file)"
                    };
                    errors.push(ValidateError::BadField {
                        at,
                        field: "covariate values",
                        value: show_values(&values),
                        expected: format!(
                            "the values of line {first_line} ({}) for {a}–{b} {when}: {order}",
                            show_values(&k.3)
                        ),
                    });
                }
            }
            _ => {
                first_line = line;
                seen = [false; 2];
                kept.push((a, b, year, values));
            }
        }
        seen[usize::from(this_reversed)] = true;
    }
    errors.sort_by_key(|e| e.location().line);
    diag.errors.extend(errors);
    Ok(DyadTable::new(path_of(source), names, year_at.is_some(), directed, kept))
}

/// Where the covariates come from: the files of `--state-covariates`, `--dyad-covariates
/// [NAME=]FILE` and whether `--directed-covariates` was given.
#[derive(Debug, Clone, Default)]
pub struct CovariateInputs {
    /// State covariate files, in flag order.
    pub state: Vec<Source>,
    /// Dyad covariate files with their `NAME=`, in flag order.
    pub dyad: Vec<(Option<String>, Source)>,
    /// Whether dyad rows are directed.
    pub directed: bool,
}

/// Reads every covariate file against the data's state list: the covariates, and one
/// [`Diagnostics`] per file (state files, then dyad files; its counted warnings).
///
/// # Errors
/// [`Error::Load`] for a file that cannot be read; [`Error::Invalid`] for row errors (under
/// [`OnRowError::Fail`]; under [`OnRowError::Skip`] their rows are left out and counted as
/// [`WarningKind::SkippedRow`]) and for a covariate name that two files give.
pub fn read_covariates(
    inputs: &CovariateInputs,
    states: &StateIndex,
    on_row_error: OnRowError,
) -> Result<(Covariates, Vec<Diagnostics>), Error> {
    let mut diags = Vec::new();
    let mut state_tables = Vec::new();
    for src in &inputs.state {
        let mut diag = Diagnostics::default();
        state_tables.push(read_state_covariates(src, states, &mut diag)?);
        diags.push(diag);
    }
    let mut dyad_tables = Vec::new();
    for (name, src) in &inputs.dyad {
        let mut diag = Diagnostics::default();
        dyad_tables.push(read_dyad_covariates(src, name.as_deref(), inputs.directed, states, &mut diag)?);
        diags.push(diag);
    }
    settle_row_errors(&mut diags, on_row_error)?;
    let duplicate = |e: DuplicateName, sources: Vec<&Source>| {
        let file = sources.iter().find(|s| path_of(s) == e.second).map_or_else(|| Arc::from("?"), |s| s.display_name());
        Error::Invalid {
            first: ValidateError::BadField {
                at: Location::new(&file, 1),
                field: "header",
                value: e.name.clone(),
                expected: format!("a covariate name not already given by {} (rename the column)", e.first.display()),
            },
            count: 1,
        }
    };
    let state = StateCovariates::new(state_tables).map_err(|e| duplicate(e, inputs.state.iter().collect()))?;
    let dyad =
        DyadCovariates::new(dyad_tables).map_err(|e| duplicate(e, inputs.dyad.iter().map(|d| &d.1).collect()))?;
    Ok((Covariates { state, dyad }, diags))
}

/// The row-error policy over the diagnostics of several files: the first error (in file order)
/// fails the load, or every row with an error is counted as skipped.
///
/// # Errors
/// [`Error::Invalid`] under [`OnRowError::Fail`] when a file has a row error.
pub fn settle_row_errors(diags: &mut [Diagnostics], on_row_error: OnRowError) -> Result<(), Error> {
    let count: usize = diags.iter().map(|d| d.errors.len()).sum();
    let Some(first) = diags.iter().find_map(|d| d.errors.first()) else { return Ok(()) };
    if on_row_error == OnRowError::Fail {
        return Err(Error::Invalid { first: first.clone(), count });
    }
    for diag in diags {
        let lines: BTreeSet<(Arc<str>, u64)> =
            diag.errors.iter().map(|e| (e.location().file.clone(), e.location().line)).collect();
        for (file, line) in lines {
            diag.warn(WarningKind::SkippedRow, &Location { file, line }, None);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::State;

    fn states() -> StateIndex {
        let st = |code: u16, abbr: &str| State { id: StateId(code), abbr: abbr.into(), name: format!("State {abbr}") };
        StateIndex::new(vec![st(2, "USA"), st(20, "CAN"), st(40, "CUB"), st(200, "UKG"), st(8152, "")])
    }

    fn state_file(text: &str) -> (Result<StateTable, LoadError>, Diagnostics) {
        let mut diag = Diagnostics::default();
        let src = Source::Bytes { name: "sy.csv", data: text.as_bytes().into() };
        (read_state_covariates(&src, &states(), &mut diag), diag)
    }

    fn dyad_file(text: &str, name: Option<&str>, directed: bool) -> (Result<DyadTable, LoadError>, Diagnostics) {
        let mut diag = Diagnostics::default();
        let src = Source::Bytes { name: "contiguity.csv", data: text.as_bytes().into() };
        (read_dyad_covariates(&src, name, directed, &states(), &mut diag), diag)
    }

    fn messages(diag: &Diagnostics) -> Vec<String> {
        diag.errors.iter().map(ToString::to_string).collect()
    }

    fn state_values(t: StateTable) -> StateCovariates {
        StateCovariates::new(vec![t]).unwrap()
    }

    #[test]
    fn state_files_by_code_or_abbreviation_with_missing_cells() {
        let (t, diag) =
            state_file("StateAbb,Year,cinc,Polity\nUSA,1981,0.1392099,10\ncan,1981, ,10\nCUB,1981,0.002955,-7\n");
        assert!(diag.errors.is_empty(), "{:?}", messages(&diag));
        let c = state_values(t.unwrap());
        assert_eq!(c.names(), ["cinc", "Polity"]);
        assert_eq!(c.value("cinc", StateId(2), 1981), Some(0.1392099));
        assert_eq!(c.value("Polity", StateId(40), 1981), Some(-7.0));
        // An empty (or blank) cell is a missing value.
        assert_eq!(c.value("cinc", StateId(20), 1981), None);
        assert_eq!(c.value("Polity", StateId(20), 1981), Some(10.0));
        assert_eq!(c.states(1981), [StateId(2), StateId(20), StateId(40)]);
        // Codes, a code outside the COW list that the data has (8152), and no year: every year.
        let (t, diag) = state_file("ccode,stateabb,west\n2,USA,1\n8152,,0\n");
        assert!(diag.errors.is_empty(), "{:?}", messages(&diag));
        let c = state_values(t.unwrap());
        assert_eq!(c.value("west", StateId(2), 1816), Some(1.0));
        assert_eq!(c.value("west", StateId(8152), 2016), Some(0.0));
        assert_eq!(c.states(1900), [StateId(2), StateId(8152)]);
    }

    #[test]
    fn unknown_states_bad_cells_and_conflicting_repeats_are_located_errors() {
        let text = "stateabb,year,cinc\nUSA,1981,0.1\nUSA,1981,0.1\nUSA,1981,0.2\nUSX,1981,1\nCAN,19x1,1\nCAN,1982,NA\nCUB,1981,inf\n";
        let (t, diag) = state_file(text);
        let c = state_values(t.unwrap());
        assert_eq!(c.value("cinc", StateId(2), 1981), Some(0.1));
        assert_eq!(diag.count(WarningKind::DuplicateRow), 1);
        let m = messages(&diag);
        assert_eq!(m.len(), 5, "{m:#?}");
        assert_eq!(
            m[0],
            "sy.csv:4: field covariate values = \"0.2\": the values of line 2 (0.1) for state 2 in 1981: a state-year is listed once"
        );
        assert!(
            m[1].starts_with(
                "sy.csv:5: field stateabb = \"USX\": not a COW state abbreviation of the data's state list"
            ),
            "{}",
            m[1]
        );
        assert!(m[1].contains("close matches: USA (2) State USA"), "{}", m[1]);
        assert!(m[2].starts_with("sy.csv:6: field year = \"19x1\": not a year"), "{}", m[2]);
        assert!(m[3].starts_with("sy.csv:7: field cinc = \"NA\": not a number"), "{}", m[3]);
        assert!(m[4].starts_with("sy.csv:8: field cinc = \"inf\": not a number"), "{}", m[4]);
        // A code outside the list; two key columns that disagree.
        let (_, diag) = state_file("ccode,stateabb,x\n365,,1\n2,CAN,1\n");
        let m = messages(&diag);
        assert_eq!(
            m[0],
            "sy.csv:2: field ccode = \"365\": not a state of the data's state list (the COW list given with --states)"
        );
        assert_eq!(
            m[1],
            "sy.csv:3: field stateabb = \"CAN\": the abbreviation of the row's code 2 (the two columns name different states)"
        );
        let (r, _) = state_file("state,year,x\nUSA,1981,1\n");
        assert!(r.unwrap_err().to_string().starts_with("sy.csv:1: missing column(s) ccode or stateabb"));
        let (r, _) = state_file("stateabb,cinc,CINC\nUSA,1,2\n");
        assert_eq!(
            r.unwrap_err().to_string(),
            "sy.csv:1: column CINC appears twice in the header (expected each column once)"
        );
    }

    /// A trailing comma in the header makes a column without a name: no covariate, and a cell
    /// in it is an error, never dropped silently.
    #[test]
    fn a_column_without_a_name_holds_no_covariate_and_no_value() {
        let (t, diag) = state_file("stateabb,year,cinc,\nUSA,1981,0.5,\nCAN,1981,0.1,7\n");
        assert_eq!(
            messages(&diag),
            ["sy.csv:3: field (unnamed column) = \"7\": empty: the column has no name in the header (name it, or remove the cell)"]
        );
        let c = state_values(t.unwrap());
        assert_eq!(c.names(), ["cinc"]);
        assert_eq!(c.value("cinc", StateId(2), 1981), Some(0.5));
        let (t, diag) = dyad_file("stateabb1,stateabb2,\nUSA,CAN,\n", None, false);
        assert!(diag.errors.is_empty());
        assert_eq!(t.unwrap().names(), ["contiguity"]);
    }

    /// Wide blanks are not ASCII blanks: a cell holding one is an error that names it, never a
    /// silent value or a panic.
    #[test]
    fn non_ascii_blanks_in_cells_are_named_in_the_error() {
        let (t, diag) = state_file(
            "stateabb,year,cinc\nUSA,1981,\u{a0}0.5\nCAN\u{3000},1981,1\nCUB,1981,\u{2003}\n ukg ,1981, 2 \n",
        );
        let m = messages(&diag);
        assert_eq!(m.len(), 3, "{m:#?}");
        assert!(m[0].starts_with("sy.csv:2: field cinc = \"\\u{a0}0.5\": not a number"), "{}", m[0]);
        assert!(m[0].ends_with("; the cell holds U+00A0, a non-ASCII blank: remove it"), "{}", m[0]);
        assert!(m[1].starts_with("sy.csv:3: field stateabb = \"CAN\\u{3000}\""), "{}", m[1]);
        assert!(m[1].ends_with("U+3000, a non-ASCII blank: remove it"), "{}", m[1]);
        assert!(m[2].contains("U+2003"), "{}", m[2]);
        // ASCII blanks around a cell are trimmed.
        assert_eq!(state_values(t.unwrap()).value("cinc", StateId(200), 1981), Some(2.0));
    }

    #[test]
    fn a_dyad_file_without_value_columns_is_an_indicator_undirected_by_default() {
        let text = "stateabb1,stateabb2\nUSA,CAN\nCAN,USA\nUSA,CUB\nUSA,CUB\n";
        let (t, diag) = dyad_file(text, None, false);
        assert!(diag.errors.is_empty());
        assert_eq!((diag.count(WarningKind::BothDirections), diag.count(WarningKind::DuplicateRow)), (1, 1));
        let d = DyadCovariates::new(vec![t.unwrap()]).unwrap();
        assert_eq!(d.names(), ["contiguity"]);
        assert_eq!(d.value("contiguity", StateId(2), StateId(20), 1981), 1.0);
        assert_eq!(d.value("contiguity", StateId(20), StateId(2), 1999), 1.0);
        assert_eq!(d.value("contiguity", StateId(40), StateId(2), 1999), 1.0);
        assert_eq!(d.value("contiguity", StateId(20), StateId(40), 1999), 0.0);
        // NAME=FILE names it; directed, each order is its own dyad.
        let (t, diag) = dyad_file("stateabb1,stateabb2,year\nUSA,CAN,1981\n", Some("war"), true);
        assert!(diag.errors.is_empty());
        let d = DyadCovariates::new(vec![t.unwrap()]).unwrap();
        assert_eq!(d.value("war", StateId(2), StateId(20), 1981), 1.0);
        assert_eq!(d.value("war", StateId(20), StateId(2), 1981), 0.0);
        assert_eq!(d.value("war", StateId(2), StateId(20), 1982), 0.0);
    }

    #[test]
    fn dyad_values_directed_and_undirected_and_their_conflicts() {
        let text = "ccode1,ccode2,year,trade\n2,20,1981,5\n20,2,1981,7\n2,2,1981,1\n2,40,1981,\n";
        let (t, diag) = dyad_file(text, None, true);
        assert_eq!(messages(&diag).len(), 1);
        assert!(messages(&diag)[0].starts_with("contiguity.csv:4: field ccode2 = \"2\": a state other than the first"));
        let d = DyadCovariates::new(vec![t.unwrap()]).unwrap();
        assert_eq!(d.value("trade", StateId(2), StateId(20), 1981), 5.0);
        assert_eq!(d.value("trade", StateId(20), StateId(2), 1981), 7.0);
        assert_eq!(d.get("trade", StateId(2), StateId(40), 1981), None);
        // Undirected, the two orders with different values conflict.
        let (_, diag) = dyad_file(text, None, false);
        let m = messages(&diag);
        assert_eq!(m.len(), 2, "{m:#?}");
        assert_eq!(
            m[0],
            "contiguity.csv:3: field covariate values = \"7\": the values of line 2 (5) for 2–20 in 1981: an undirected dyad-year is listed once, in either order (give --directed-covariates for a directed file)"
        );
        // One value column takes NAME; several cannot.
        let (t, _) = dyad_file("ccode1,ccode2,km\n2,20,10\n", Some("distance"), false);
        assert_eq!(t.unwrap().names(), ["distance"]);
        let (_, diag) = dyad_file("ccode1,ccode2,km,miles\n2,20,10,6\n", Some("distance"), false);
        assert!(messages(&diag)[0].starts_with("contiguity.csv:1: field header = \"km,miles\": one value column"));
        let (r, _) = dyad_file("ccode1,year\n2,1981\n", None, false);
        assert!(r.unwrap_err().to_string().contains("missing column(s) ccode2 or stateabb2"));
    }

    #[test]
    fn read_covariates_fails_on_the_first_error_or_skips_under_lenient() {
        let inputs = CovariateInputs {
            state: vec![
                Source::Embedded { name: "a.csv", text: "stateabb,year,cinc\nUSA,1981,0.5\nCAN,1981,x\n" },
                Source::Embedded { name: "b.csv", text: "stateabb,polity\nUSA,10\n" },
            ],
            dyad: vec![(Some("contig".into()), Source::Embedded { name: "c.csv", text: "ccode1,ccode2\n2,20\n" })],
            directed: false,
        };
        let e = read_covariates(&inputs, &states(), OnRowError::Fail).unwrap_err().to_string();
        assert!(e.starts_with("a.csv:3: field cinc = \"x\": not a number"), "{e}");
        let (c, diags) = read_covariates(&inputs, &states(), OnRowError::Skip).unwrap();
        assert_eq!(diags[0].count(WarningKind::SkippedRow), 1);
        assert_eq!(c.state.names(), ["cinc", "polity"]);
        assert_eq!(c.state.value("polity", StateId(2), 1981), Some(10.0));
        assert_eq!(c.dyad.value("contig", StateId(20), StateId(2), 1981), 1.0);
        let twice = CovariateInputs {
            state: vec![inputs.state[1].clone(), inputs.state[1].clone()],
            dyad: Vec::new(),
            directed: false,
        };
        let e = read_covariates(&twice, &states(), OnRowError::Fail).unwrap_err().to_string();
        assert_eq!(
            e,
            "b.csv:1: field header = \"polity\": a covariate name not already given by b.csv (rename the column)"
        );
    }

    proptest::proptest! {
        /// Rows of cells drawn from codes, numbers, blanks and wide spaces: the readers never
        /// panic, and every value kept is finite.
        #[test]
        fn any_cells_read_without_panic(
            cells in proptest::collection::vec(
                proptest::sample::select(vec!["2", "20", "USA", "can", "", "x", "1981", "0.5", "-7", "\u{2003}1", "1\u{3000}", "\u{a0}", "\"1\"", "1e400", "NaN", "99999"]),
                0..48,
            ),
        ) {
            let mut text = String::from("ccode1,stateabb2,year,v\n");
            for row in cells.chunks(4) {
                text.push_str(&row.join(","));
                text.push('\n');
            }
            let (t, _) = dyad_file(&text, None, false);
            if let Ok(t) = t {
                let d = DyadCovariates::new(vec![t]).unwrap();
                for (a, b) in [(2, 20), (20, 2), (2, 40), (20, 20)] {
                    let v = d.get("v", StateId(a), StateId(b), 1981);
                    proptest::prop_assert!(v.is_none_or(f64::is_finite), "{v:?}");
                }
            }
            let text = text.replacen("ccode1,stateabb2", "ccode,stateabb", 1);
            let _ = state_file(&text);
        }
    }
}
