//! A pactnet table as the columns of an R `data.frame` (a named list; the R side adds the class
//! and row names), from the library's [`TypedTable`]: the column types are decided once there, for
//! R and Python alike, so a cell reads back to the CLI's text:
//! - whole numbers: `integer` (a `double` past R's integer range);
//! - floats: `double` (`nan` is `NaN`, a missing cell `NA`);
//! - days `YYYY-MM-DD`: `Date`; `yes`/`no` (or `true`/`false`): `logical`; other text: `character`;
//! - lists (`a;b;c` in the CSV, obligation sets `defense+consultation`): a list column of
//!   `integer` vectors when every item is a whole number, else of `character` vectors, with the
//!   CSV separator in the column's `sep` attribute; an empty cell is an empty vector;
//! - a missing (empty) cell is `NA` of the column's type; a column of missing cells only is
//!   `logical` `NA`.

use extendr_api::prelude::*;
use pactnet::io::columns::{Column, TypedTable};
use pactnet::io::table::Table;

/// A whole table as named, typed columns.
pub struct Columns(TypedTable);

impl Columns {
    /// Gathers every row of `table`.
    ///
    /// # Errors
    /// A row of the wrong length (a bug of the table).
    pub fn of(table: &dyn Table) -> std::io::Result<Columns> {
        TypedTable::of(table).map(Columns)
    }

    /// The columns as a named R list (with attribute `pactnet_rows`, the row count, for a table
    /// without columns).
    pub fn into_robj(self) -> extendr_api::Result<Robj> {
        let rows = self.0.rows();
        let values = self.0.columns.into_iter().map(column).collect::<extendr_api::Result<Vec<_>>>()?;
        let mut out: Robj = List::from_names_and_values(self.0.names, values)?.into();
        out.set_attrib("pactnet_rows", rows as i32)?;
        Ok(out)
    }
}

/// R's integer range (its `NA` is `i32::MIN`).
fn fits_r_integer(i: i64) -> bool {
    i > i64::from(i32::MIN) && i <= i64::from(i32::MAX)
}

/// One column as an R vector (see the module doc for the types).
fn column(c: Column) -> extendr_api::Result<Robj> {
    Ok(match c {
        Column::Int(v) if v.iter().flatten().all(|&i| fits_r_integer(i)) => {
            Integers::from_values(v.iter().map(|i| i.map_or(Rint::na(), |i| Rint::from(i as i32)))).into()
        }
        Column::Int(v) => {
            Doubles::from_values(v.iter().map(|i| i.map_or(Rfloat::na(), |i| Rfloat::from(i as f64)))).into()
        }
        Column::Float(v) => Doubles::from_values(v.iter().map(|f| f.map_or(Rfloat::na(), Rfloat::from))).into(),
        Column::Date(v) => {
            let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("a day");
            let days = v.iter().map(|d| d.map_or(Rfloat::na(), |d| Rfloat::from((d - epoch).num_days() as f64)));
            let mut out: Robj = Doubles::from_values(days).into();
            out.set_class(["Date"])?;
            out
        }
        Column::Bool(v) => Logicals::from_values(v.iter().map(|b| b.map_or(Rbool::na(), Rbool::from))).into(),
        Column::Text(v) if v.iter().all(Option::is_none) => Logicals::from_values(v.iter().map(|_| Rbool::na())).into(),
        Column::Text(v) => Strings::from_values(v.iter().map(|s| s.as_deref().map_or(Rstr::na(), Rstr::from))).into(),
        Column::IntList(v, sep) if v.iter().flatten().all(|&i| fits_r_integer(i)) => {
            let cells: Vec<Robj> =
                v.iter().map(|l| Integers::from_values(l.iter().map(|&i| Rint::from(i as i32))).into()).collect();
            with_sep(List::from_values(cells).into(), sep)?
        }
        Column::IntList(v, sep) => {
            let cells: Vec<Robj> = v.iter().map(|l| Doubles::from_values(l.iter().map(|&i| i as f64)).into()).collect();
            with_sep(List::from_values(cells).into(), sep)?
        }
        Column::TextList(v, sep) => {
            let cells: Vec<Robj> =
                v.iter().map(|l| Strings::from_values(l.iter().map(String::as_str)).into()).collect();
            with_sep(List::from_values(cells).into(), sep)?
        }
    })
}

/// A list column with the separator its CSV cells are joined by.
fn with_sep(mut list: Robj, sep: char) -> extendr_api::Result<Robj> {
    list.set_attrib("sep", sep.to_string())?;
    Ok(list)
}
