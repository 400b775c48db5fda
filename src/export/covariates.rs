//! Covariate columns joined to the state-year and dyad-year tables, as peacesciencer merges
//! them: `export statelevel` gains `<name>` per state covariate; `export dyadyears` gains
//! `<name>1`, `<name>2` per state covariate (of ccode1 and of ccode2) and `<name>` per dyad
//! covariate, after its other columns, in flag and file order. A directed dyad covariate
//! (`--directed-covariates`) gives a row ccode1 → ccode2, so an undirected row (ccode1 < ccode2)
//! takes the value of that direction.
//!
//! A state-year without a row in its file, or with an empty cell, is empty (`null` in JSON); a
//! dyad-year absent from a dyad covariate's file is 0 (an empty cell stays empty). Values are
//! written exactly: a whole number as an integer (`10`, `-7`), any other number in the shortest
//! form that reads back to the same value (`0.1392099`).

use crate::io::table::{Cell, RowSink};
use crate::model::covariates::{Covariates, StateCovariates};
use std::io;

/// A covariate whose column name the table already has.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("covariate {covariate:?} of {file} would be the column {column:?}, which the table already has: rename the covariate's column")]
pub struct ColumnClash {
    /// The covariate.
    pub covariate: String,
    /// Its file.
    pub file: String,
    /// The clashing column name.
    pub column: String,
}

/// Appends `column` to `columns` unless it is there already.
fn push(
    columns: &mut Vec<&'static str>,
    column: String,
    covariate: &str,
    file: Option<&std::path::Path>,
) -> Result<(), ColumnClash> {
    if columns.contains(&column.as_str()) {
        let file = file.map_or_else(String::new, |f| f.display().to_string());
        return Err(ColumnClash { covariate: covariate.to_string(), file, column });
    }
    columns.push(crate::names::static_name(&column));
    Ok(())
}

/// The state-year table's columns with `<name>` per state covariate appended.
///
/// # Errors
/// [`ColumnClash`] for a covariate named as an existing column.
pub fn state_columns(
    covariates: &StateCovariates,
    mut columns: Vec<&'static str>,
) -> Result<Vec<&'static str>, ColumnClash> {
    for name in covariates.names() {
        push(&mut columns, name.clone(), name, covariates.file_of(name))?;
    }
    Ok(columns)
}

/// The dyad-year table's columns with `<name>1`, `<name>2` per state covariate and `<name>` per
/// dyad covariate appended.
///
/// # Errors
/// [`ColumnClash`] for a covariate column named as an existing one.
pub fn dyad_columns(covariates: &Covariates, mut columns: Vec<&'static str>) -> Result<Vec<&'static str>, ColumnClash> {
    for name in covariates.state.names() {
        for side in ["1", "2"] {
            push(&mut columns, format!("{name}{side}"), name, covariates.state.file_of(name))?;
        }
    }
    for name in covariates.dyad.names() {
        push(&mut columns, name.clone(), name, covariates.dyad.file_of(name))?;
    }
    Ok(columns)
}

/// Largest whole number written as an integer (2^53: every integer up to it is exact).
const EXACT_INTEGER: f64 = 9_007_199_254_740_992.0;

/// Writes a covariate value: empty when missing, a whole number as an integer.
pub(crate) fn write_value(sink: &mut dyn RowSink, value: Option<f64>) -> io::Result<()> {
    match value {
        None => sink.cell(Cell::Missing),
        Some(v) if v.fract() == 0.0 && v.abs() <= EXACT_INTEGER => sink.cell(Cell::Int(v as i64)),
        Some(v) => sink.cell(Cell::Float(v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::table::{write_table, OutputFormat, Table};
    use crate::model::covariates::{DyadCovariates, DyadTable, StateTable};
    use crate::model::StateId;

    fn covariates() -> Covariates {
        let st = StateTable::new(
            "sy.csv".into(),
            vec!["cinc".into(), "polity".into()],
            true,
            vec![(StateId(2), Some(1981), vec![Some(0.1392099), Some(10.0)])],
        );
        let dy = DyadTable::new("c.csv".into(), vec!["contiguity".into()], false, false, vec![]);
        Covariates { state: StateCovariates::new(vec![st]).unwrap(), dyad: DyadCovariates::new(vec![dy]).unwrap() }
    }

    #[test]
    fn columns_are_appended_and_clashes_named() {
        let c = covariates();
        assert_eq!(state_columns(&c.state, vec!["ccode", "year"]).unwrap(), ["ccode", "year", "cinc", "polity"]);
        assert_eq!(
            dyad_columns(&c, vec!["ccode1", "ccode2", "year"]).unwrap(),
            ["ccode1", "ccode2", "year", "cinc1", "cinc2", "polity1", "polity2", "contiguity"]
        );
        let e = state_columns(&c.state, vec!["polity"]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "covariate \"polity\" of sy.csv would be the column \"polity\", which the table already has: rename the covariate's column"
        );
        assert_eq!(dyad_columns(&c, vec!["cinc2"]).unwrap_err().column, "cinc2");
    }

    #[test]
    fn values_are_exact_whole_numbers_as_integers_missing_empty() {
        struct Row;
        impl Table for Row {
            fn columns(&self) -> Vec<&'static str> {
                vec!["a", "b", "c", "d", "e"]
            }
            fn write_rows(&self, sink: &mut dyn RowSink) -> io::Result<()> {
                for v in [Some(0.1392099), Some(10.0), Some(-7.0), None, Some(1e300)] {
                    write_value(sink, v)?;
                }
                sink.end_row()
            }
        }
        let mut out = Vec::new();
        write_table(&Row, OutputFormat::Csv, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "a,b,c,d,e\n0.1392099,10,-7,,1e300\n");
    }
}
