//! Networks given as dyad-year lists (`--network FILE`) and the states of each year
//! (`--network-nodes FILE`), for models fitted to any published network.
//!
//! A network file has `year` and two state columns, `ccode1`/`ccode2` or `stateabb1`/`stateabb2`
//! (by name, any order and case), and optionally `weight`; other columns are ignored. Every row
//! is an undirected tie of the two states in the year (a–b and b–a are one tie). A node file
//! has `ccode` or `stateabb` and optionally `year` (without it, its states are nodes in every
//! year); other columns are ignored. States resolve against the data's state list as in
//! [`super::covariates`].
//!
//! Located errors: a state not in the list, a year outside 1000..=2100, a tie of a state with
//! itself, a weight that is not a finite number (an empty weight is missing), and a tie listed
//! twice with different weights. Exact repeats are counted warnings
//! ([`WarningKind::DuplicateRow`], [`WarningKind::BothDirections`] for the reverse order).

use super::covariates::{number, year_of, StateKey, StateResolver};
use super::records::{read_table, Columns};
use super::source::Source;
use crate::diagnostics::{Diagnostics, WarningKind};
use crate::error::{LoadError, Location, ValidateError};
use crate::model::covariates::{NodeList, YearlyNetworks};
use crate::model::{StateId, StateIndex};
use std::path::PathBuf;
use std::sync::Arc;

/// The columns of a network file.
const NETWORK_COLUMNS: Columns =
    Columns { required: &["year"], optional: &["ccode1", "stateabb1", "ccode2", "stateabb2", "weight"] };

/// The columns of a node file.
const NODE_COLUMNS: Columns = Columns { required: &[], optional: &["ccode", "stateabb", "year"] };

/// The path of a source (its display name for an embedded one).
fn path_of(source: &Source) -> PathBuf {
    source.path().map_or_else(|| PathBuf::from(&*source.display_name()), std::path::Path::to_path_buf)
}

/// Reads a `--network` file; row problems go to `diag.errors`, the rows kept.
///
/// # Errors
/// [`LoadError`] when the file cannot be read as CSV, is empty, or lacks `year` or a state column.
pub fn read_network(source: &Source, states: &StateIndex, diag: &mut Diagnostics) -> Result<YearlyNetworks, LoadError> {
    let table = read_table(source, NETWORK_COLUMNS)?;
    let file = Arc::clone(&table.file);
    let first = StateKey::of(&table, NETWORK_COLUMNS, "ccode1", "stateabb1");
    let second = StateKey::of(&table, NETWORK_COLUMNS, "ccode2", "stateabb2");
    let (Some(first), Some(second)) = (first, second) else {
        let missing = [(first.is_none(), "ccode1 or stateabb1"), (second.is_none(), "ccode2 or stateabb2")];
        let missing: Vec<&str> = missing.iter().filter(|m| m.0).map(|m| m.1).collect();
        return Err(LoadError::MissingColumns {
            at: Location::new(&file, 1),
            missing: missing.join(", "),
            expected: "year, ccode1 or stateabb1, ccode2 or stateabb2 (one row per tie), optional weight".into(),
        });
    };
    let weight_at = NETWORK_COLUMNS.position("weight");
    let weighted = table.present[weight_at];
    let resolver = StateResolver::new(states);
    let mut errors: Vec<ValidateError> = table.problems.clone();
    // (year, a, b, line, weight, given in reverse order), a < b.
    let mut rows: Vec<(i32, StateId, StateId, u64, Option<f64>, bool)> = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let at = Location::new(&file, row.line);
        let a = first.resolve(row, &at, &resolver, &mut errors);
        let b = second.resolve(row, &at, &resolver, &mut errors);
        let year = year_of(row, Some(0), &at, &mut errors);
        let weight = match number(&row.cells[weight_at]) {
            Ok(w) => Some(w),
            Err(expected) => {
                let value = row.cells[weight_at].clone();
                errors.push(ValidateError::BadField { at: at.clone(), field: "weight", value, expected });
                None
            }
        };
        let (Some(a), Some(b), Ok(Some(year)), Some(weight)) = (a, b, year, weight) else { continue };
        if a == b {
            let (field, i) = second.code.or(second.abbr).unwrap_or(("ccode2", 0));
            errors.push(ValidateError::BadField {
                at,
                field,
                value: row.cells[i].clone(),
                expected: "a state other than the first (a tie is two states)".into(),
            });
            continue;
        }
        rows.push((year, a.min(b), a.max(b), row.line, weight, a > b));
    }
    rows.sort_by_key(|r| (r.0, r.1, r.2, r.3));
    let mut kept: Vec<(i32, StateId, StateId, Option<f64>)> = Vec::with_capacity(rows.len());
    // The first line of the current tie, and the orders it was listed in (as given, reversed).
    let (mut first_line, mut seen) = (0, [false; 2]);
    for (year, a, b, line, weight, reversed) in rows {
        match kept.last() {
            Some(k) if (k.0, k.1, k.2) == (year, a, b) => {
                let at = Location::new(&file, line);
                if k.3 != weight {
                    let shown = |w: Option<f64>| w.map_or_else(|| "empty".to_string(), |w| w.to_string());
                    errors.push(ValidateError::BadField {
                        at,
                        field: "weight",
                        value: shown(weight),
                        expected: format!(
                            "the weight of line {first_line} ({}) for the tie {a}–{b} in {year}: a tie is listed once, in either order",
                            shown(k.3)
                        ),
                    });
                } else if seen[usize::from(reversed)] {
                    diag.warn(WarningKind::DuplicateRow, &at, None);
                } else {
                    diag.warn(WarningKind::BothDirections, &at, None);
                }
                seen[usize::from(reversed)] = true;
            }
            _ => {
                first_line = line;
                seen = [false; 2];
                seen[usize::from(reversed)] = true;
                kept.push((year, a, b, weight));
            }
        }
    }
    errors.sort_by_key(|e| e.location().line);
    diag.errors.extend(errors);
    Ok(YearlyNetworks::new(path_of(source), weighted, kept))
}

/// Reads a `--network-nodes` file; row problems go to `diag.errors`, the rows kept.
///
/// # Errors
/// [`LoadError`] when the file cannot be read as CSV, is empty, or has neither `ccode` nor
/// `stateabb`.
pub fn read_nodes(source: &Source, states: &StateIndex, diag: &mut Diagnostics) -> Result<NodeList, LoadError> {
    let table = read_table(source, NODE_COLUMNS)?;
    let file = Arc::clone(&table.file);
    let Some(key) = StateKey::of(&table, NODE_COLUMNS, "ccode", "stateabb") else {
        return Err(LoadError::MissingColumns {
            at: Location::new(&file, 1),
            missing: "ccode or stateabb".into(),
            expected: "ccode or stateabb (a node), optional year".into(),
        });
    };
    let year_at = table.present[2].then_some(2);
    let resolver = StateResolver::new(states);
    let mut errors: Vec<ValidateError> = table.problems.clone();
    let mut rows: Vec<(Option<i32>, StateId, u64)> = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let at = Location::new(&file, row.line);
        let state = key.resolve(row, &at, &resolver, &mut errors);
        let year = year_of(row, year_at, &at, &mut errors);
        if let (Some(state), Ok(year)) = (state, year) {
            rows.push((year, state, row.line));
        }
    }
    rows.sort_unstable();
    for w in rows.windows(2).filter(|w| (w[0].0, w[0].1) == (w[1].0, w[1].1)) {
        diag.warn(WarningKind::DuplicateRow, &Location::new(&file, w[1].2), None);
    }
    errors.sort_by_key(|e| e.location().line);
    diag.errors.extend(errors);
    Ok(NodeList::new(path_of(source), rows.into_iter().map(|(y, s, _)| (y, s))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::State;

    fn states() -> StateIndex {
        let st = |code: u16, abbr: &str| State { id: StateId(code), abbr: abbr.into(), name: abbr.into() };
        StateIndex::new(vec![st(2, "USA"), st(20, "CAN"), st(40, "CUB"), st(200, "UKG")])
    }

    fn network(text: &str) -> (Result<YearlyNetworks, LoadError>, Vec<String>, Diagnostics) {
        let mut diag = Diagnostics::default();
        let r = read_network(&Source::Bytes { name: "net.csv", data: text.as_bytes().into() }, &states(), &mut diag);
        let m = diag.errors.iter().map(ToString::to_string).collect();
        (r, m, diag)
    }

    #[test]
    fn ties_per_year_undirected_with_repeats_counted() {
        let text = "year,stateabb1,stateabb2,atopid\n1981,CAN,USA,3180\n1981,USA,CAN,3180\n1981,USA,CAN,3181\n1983,UKG,usa,1\n";
        let (n, m, diag) = network(text);
        assert!(m.is_empty(), "{m:?}");
        let n = n.unwrap();
        assert_eq!(n.years(), [1981, 1982, 1983]);
        assert_eq!(n.ties(1981), [(StateId(2), StateId(20))]);
        assert!(n.ties(1982).is_empty());
        assert_eq!(n.ties(1983), [(StateId(2), StateId(200))]);
        assert!(!n.weighted() && n.weight(1981, StateId(2), StateId(20)).is_none());
        assert_eq!((diag.count(WarningKind::BothDirections), diag.count(WarningKind::DuplicateRow)), (1, 1));
    }

    #[test]
    fn weights_self_ties_and_unknown_states() {
        let text =
            "ccode1,ccode2,year,weight\n2,20,1981,2\n20,2,1981,3\n2,2,1981,1\n2,365,1981,1\n2,40,1981,x\n2,40,1982,\n";
        let (n, m, _) = network(text);
        assert_eq!(m.len(), 4, "{m:#?}");
        assert_eq!(
            m[0],
            "net.csv:3: field weight = \"3\": the weight of line 2 (2) for the tie 2–20 in 1981: a tie is listed once, in either order"
        );
        assert!(m[1].starts_with("net.csv:4: field ccode2 = \"2\": a state other than the first"), "{}", m[1]);
        assert!(
            m[2].starts_with("net.csv:5: field ccode2 = \"365\": not a state of the data's state list"),
            "{}",
            m[2]
        );
        assert!(m[3].starts_with("net.csv:6: field weight = \"x\": not a number"), "{}", m[3]);
        let n = n.unwrap();
        assert_eq!(n.weight(1981, StateId(20), StateId(2)), Some(2.0));
        assert!(n.has_tie(1982, StateId(40), StateId(2)) && n.weight(1982, StateId(2), StateId(40)).is_none());
        let (r, _, _) = network("ccode1,ccode2\n2,20\n");
        assert!(r.unwrap_err().to_string().contains("missing column(s) year"));
    }

    #[test]
    fn node_lists_by_year_and_for_every_year() {
        let mut diag = Diagnostics::default();
        let text = "stateabb,year\nUSA,1981\nCAN,1981\nUSA,1981\nUKG,1982\n";
        let n =
            read_nodes(&Source::Bytes { name: "n.csv", data: text.as_bytes().into() }, &states(), &mut diag).unwrap();
        assert_eq!(n.states(1981), [StateId(2), StateId(20)]);
        assert_eq!(n.states(1982), [StateId(200)]);
        assert_eq!(diag.count(WarningKind::DuplicateRow), 1);
        let text = "ccode\n2\n40\nXX\n";
        let n =
            read_nodes(&Source::Bytes { name: "n.csv", data: text.as_bytes().into() }, &states(), &mut diag).unwrap();
        assert_eq!(n.states(1700), [StateId(2), StateId(40)]);
        assert!(diag.errors[0].to_string().starts_with("n.csv:4: field ccode = \"XX\": not a COW state code"));
    }
}
