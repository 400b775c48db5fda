//! A table gathered into typed columns, for the language packages (Python, R): the same cells
//! the CSV writer writes, each column given the narrowest type that holds all of them, so a value
//! reads back to the CLI's text exactly.
//!
//! - whole numbers: [`Column::Int`]; with a float cell among them, [`Column::Float`];
//! - floats: [`Column::Float`] (`nan` stays NaN; a missing cell is `None`, not NaN);
//! - text: [`Column::Date`] when every cell is a day `YYYY-MM-DD`, [`Column::Bool`] when every
//!   cell is `yes`/`no` (or every cell `true`/`false`), else [`Column::Text`] (a column mixing numbers and text is text, each
//!   cell as the CSV writes it);
//! - lists (a list cell, or text in a column of obligation sets, `defense+consultation`):
//!   [`Column::IntList`] when every item is a whole number written canonically (`7`, not `007`),
//!   else [`Column::TextList`], with the separator the CSV joins them by; an empty cell is an
//!   empty list.
//!
//! The packages only convert: pandas dtypes in `python/src/columns.rs`, R vectors in
//! `r/src/rust/src/frame.rs`.

use super::table::{format_float, Cell, RowSink, Table};
use chrono::NaiveDate;
use std::io;

/// Columns of text that hold sets of obligation types joined by `+` (the CSV's
/// `defense+consultation`): the packages give them as lists.
const OBLIGATION_SET_COLUMNS: [&str; 4] = ["types", "obligations", "a_to_b", "b_to_a"];

/// One typed column; `None` is a missing (empty) cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// Whole numbers.
    Int(Vec<Option<i64>>),
    /// Floats (NaN where the CLI writes `nan`).
    Float(Vec<Option<f64>>),
    /// Days.
    Date(Vec<Option<NaiveDate>>),
    /// `yes`/`no` (or `true`/`false`).
    Bool(Vec<Option<bool>>),
    /// Text.
    Text(Vec<Option<String>>),
    /// Lists of whole numbers (alliance ids, COW codes), and the separator of their CSV text.
    IntList(Vec<Vec<i64>>, char),
    /// Lists of text (abbreviations, obligation types), and the separator of their CSV text.
    TextList(Vec<Vec<String>>, char),
}

impl Column {
    /// Number of cells.
    pub fn len(&self) -> usize {
        match self {
            Column::Int(v) => v.len(),
            Column::Float(v) => v.len(),
            Column::Date(v) => v.len(),
            Column::Bool(v) => v.len(),
            Column::Text(v) => v.len(),
            Column::IntList(v, _) => v.len(),
            Column::TextList(v, _) => v.len(),
        }
    }

    /// Whether the column has no cell.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A whole table as named, typed columns.
#[derive(Debug, Clone, PartialEq)]
pub struct TypedTable {
    /// Column names, as the CSV header.
    pub names: Vec<&'static str>,
    /// The columns, as long as each other.
    pub columns: Vec<Column>,
}

impl TypedTable {
    /// Gathers every row of `table`.
    ///
    /// # Errors
    /// A row of the wrong length (a bug of the table).
    pub fn of(table: &dyn Table) -> io::Result<TypedTable> {
        let names = table.columns();
        let mut sink = Gather { raw: names.iter().map(|_| Raw::Missing(0)).collect(), at: 0 };
        table.write_rows(&mut sink)?;
        if sink.at != 0 {
            return Err(io::Error::other("the last row has fewer cells than the table has columns"));
        }
        let columns = names.iter().zip(sink.raw).map(|(name, raw)| raw.finish(name)).collect();
        Ok(TypedTable { names, columns })
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, Column::len)
    }
}

/// A column as it fills: the narrowest kind that holds every cell so far.
enum Raw {
    /// Only missing cells so far (how many).
    Missing(usize),
    Int(Vec<Option<i64>>),
    Float(Vec<Option<f64>>),
    /// Cells as the CSV writes them.
    Text(Vec<Option<String>>),
    /// List cells' items, as given, and the first list cell's separator.
    List(Vec<Vec<String>>, char),
}

/// A cell's text as the CSV writes it (`None`: empty).
fn text_of(cell: Cell<'_>, buf: &mut ryu::Buffer) -> Option<String> {
    match cell {
        Cell::Int(v) => Some(v.to_string()),
        Cell::Float(v) => Some(format_float(v, buf).to_string()),
        Cell::Text("") | Cell::Missing => None,
        Cell::List([], _) => None,
        Cell::List(items, sep) => Some(items.join(sep.to_string().as_str())),
        Cell::Text(t) => Some(t.to_string()),
    }
}

impl Raw {
    fn push(&mut self, cell: Cell<'_>) {
        // As the CLI writes it: a zero is never -0 (and -0.0 + 0.0 is +0.0; every other value stays).
        let cell = match cell {
            Cell::Float(v) => Cell::Float(v + 0.0),
            c => c,
        };
        let missing = matches!(cell, Cell::Text("") | Cell::Missing);
        match self {
            Raw::Missing(n) if missing => *n += 1,
            Raw::Missing(n) => {
                let n = *n;
                *self = match cell {
                    Cell::Int(_) => Raw::Int(vec![None; n]),
                    Cell::Float(_) => Raw::Float(vec![None; n]),
                    Cell::List(_, sep) => Raw::List(vec![Vec::new(); n], sep),
                    _ => Raw::Text(vec![None; n]),
                };
                self.push(cell);
            }
            Raw::Int(v) => match cell {
                Cell::Int(i) => v.push(Some(i)),
                _ if missing => v.push(None),
                Cell::Float(_) => {
                    *self = Raw::Float(v.iter().map(|i| i.map(|i| i as f64)).collect());
                    self.push(cell);
                }
                _ => {
                    *self = Raw::Text(v.iter().map(|i| i.map(|i| i.to_string())).collect());
                    self.push(cell);
                }
            },
            Raw::Float(v) => match cell {
                Cell::Int(i) => v.push(Some(i as f64)),
                Cell::Float(f) => v.push(Some(f)),
                _ if missing => v.push(None),
                _ => {
                    let mut buf = ryu::Buffer::new();
                    *self = Raw::Text(v.iter().map(|f| f.map(|f| format_float(f, &mut buf).to_string())).collect());
                    self.push(cell);
                }
            },
            Raw::Text(v) => v.push(text_of(cell, &mut ryu::Buffer::new())),
            Raw::List(v, _) => v.push(match cell {
                Cell::List(items, _) => items.to_vec(),
                c => text_of(c, &mut ryu::Buffer::new()).into_iter().collect(),
            }),
        }
    }

    /// The column's final type, from all its cells.
    fn finish(self, name: &str) -> Column {
        match self {
            Raw::Missing(n) => Column::Text(vec![None; n]),
            Raw::Int(v) => Column::Int(v),
            Raw::Float(v) => Column::Float(v),
            Raw::List(items, sep) => lists(items, sep),
            Raw::Text(v) if OBLIGATION_SET_COLUMNS.contains(&name) => lists(
                v.iter()
                    .map(|c| c.as_deref().map(|t| t.split('+').map(str::to_string).collect()).unwrap_or_default())
                    .collect(),
                '+',
            ),
            Raw::Text(v) => typed_text(v),
        }
    }
}

/// Text cells as days, booleans or text.
fn typed_text(cells: Vec<Option<String>>) -> Column {
    let present = || cells.iter().flatten();
    if present().next().is_none() {
        return Column::Text(cells);
    }
    if present().all(|t| is_day(t)) {
        return Column::Date(
            cells.iter().map(|c| c.as_deref().and_then(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())).collect(),
        );
    }
    for (yes, no) in [("yes", "no"), ("true", "false")] {
        if present().all(|t| t == yes || t == no) {
            return Column::Bool(cells.iter().map(|c| c.as_deref().map(|t| t == yes)).collect());
        }
    }
    Column::Text(cells)
}

/// `YYYY-MM-DD` exactly, and a real day.
fn is_day(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && NaiveDate::parse_from_str(t, "%Y-%m-%d").is_ok()
}

/// Lists of items as given: whole numbers when every item is one, written as Rust writes it
/// (so `007` and `+7` stay text), else text.
fn lists(items: Vec<Vec<String>>, sep: char) -> Column {
    let canonical = |s: &String| s.parse::<i64>().is_ok_and(|i| i.to_string() == *s);
    if items.iter().flatten().next().is_some() && items.iter().flatten().all(canonical) {
        Column::IntList(items.iter().map(|l| l.iter().map(|s| s.parse().unwrap_or_default()).collect()).collect(), sep)
    } else {
        Column::TextList(items, sep)
    }
}

/// Receives the rows, cell by cell.
struct Gather {
    raw: Vec<Raw>,
    at: usize,
}

impl RowSink for Gather {
    fn cell(&mut self, cell: Cell<'_>) -> io::Result<()> {
        let column = self
            .raw
            .get_mut(self.at)
            .ok_or_else(|| io::Error::other("a row has more cells than the table has columns"))?;
        column.push(cell);
        self.at += 1;
        Ok(())
    }

    fn end_row(&mut self) -> io::Result<()> {
        if self.at != self.raw.len() {
            return Err(io::Error::other("a row has fewer cells than the table has columns"));
        }
        self.at = 0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::table::{OwnedTable, Value};

    fn table(columns: &[&'static str], rows: Vec<Vec<Value>>) -> TypedTable {
        let mut t = OwnedTable::new(columns);
        for r in rows {
            t.push(r);
        }
        TypedTable::of(&t).expect("rows of the right length")
    }

    fn day(s: &str) -> Option<NaiveDate> {
        Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }

    #[test]
    fn each_column_takes_the_narrowest_type_of_its_cells() {
        use Value::{Float, Int, Missing, Text};
        let t = table(
            &["n", "x", "mixed", "start", "in_system", "name", "empty"],
            vec![
                vec![Int(1), Int(2), Int(1), Text("1914-08-04".into()), Text("yes".into()), Text("no".into()), Missing],
                vec![
                    Missing,
                    Float(0.5),
                    Text("unreachable".into()),
                    Missing,
                    Text("no".into()),
                    Text("France".into()),
                    Missing,
                ],
            ],
        );
        assert_eq!(t.rows(), 2);
        assert_eq!(t.columns[0], Column::Int(vec![Some(1), None]));
        assert_eq!(t.columns[1], Column::Float(vec![Some(2.0), Some(0.5)]));
        // Mixed numbers and text: text, as the CSV writes each cell.
        assert_eq!(t.columns[2], Column::Text(vec![Some("1".into()), Some("unreachable".into())]));
        assert_eq!(t.columns[3], Column::Date(vec![day("1914-08-04"), None]));
        assert_eq!(t.columns[4], Column::Bool(vec![Some(true), Some(false)]));
        assert_eq!(t.columns[5], Column::Text(vec![Some("no".into()), Some("France".into())]));
        assert_eq!(t.columns[6], Column::Text(vec![None, None]));
    }

    #[test]
    fn true_false_columns_are_booleans_but_not_mixed_with_yes_no() {
        use Value::Text;
        let t = table(
            &["a", "b"],
            vec![vec![Text("true".into()), Text("yes".into())], vec![Text("false".into()), Text("false".into())]],
        );
        assert_eq!(t.columns[0], Column::Bool(vec![Some(true), Some(false)]));
        assert_eq!(t.columns[1], Column::Text(vec![Some("yes".into()), Some("false".into())]));
    }

    #[test]
    fn text_that_only_looks_like_a_day_or_a_boolean_stays_text() {
        use Value::Text;
        let t = table(
            &["d", "b"],
            vec![
                vec![Text("1914-02-30".into()), Text("yes".into())],
                vec![Text("1914-08-04".into()), Text("Yes".into())],
            ],
        );
        assert_eq!(t.columns[0], Column::Text(vec![Some("1914-02-30".into()), Some("1914-08-04".into())]));
        assert_eq!(t.columns[1], Column::Text(vec![Some("yes".into()), Some("Yes".into())]));
    }

    #[test]
    fn lists_keep_their_items_as_written() {
        let t = table(
            &["atopids", "partners", "codes", "types"],
            vec![
                vec![
                    Value::list([1035, 1040], ';'),
                    Value::list(["U S", "RUS"], ' '),
                    Value::list(["007", "2"], ' '),
                    Value::Text("defense+consultation".into()),
                ],
                vec![Value::list(Vec::<i64>::new(), ';'), Value::Missing, Value::list(["2"], ' '), Value::Missing],
            ],
        );
        assert_eq!(t.columns[0], Column::IntList(vec![vec![1035, 1040], vec![]], ';'));
        assert_eq!(t.columns[1], Column::TextList(vec![vec!["U S".into(), "RUS".into()], vec![]], ' '));
        // `007` is not how a number is written: the column stays text, nothing re-typed.
        assert_eq!(t.columns[2], Column::TextList(vec![vec!["007".into(), "2".into()], vec!["2".into()]], ' '));
        assert_eq!(t.columns[3], Column::TextList(vec![vec!["defense".into(), "consultation".into()], vec![]], '+'));
    }

    #[test]
    fn negative_zero_is_zero_and_nan_stays_nan() {
        let t = table(&["x"], vec![vec![Value::Float(-0.0)], vec![Value::Float(f64::NAN)]]);
        let Column::Float(v) = &t.columns[0] else { panic!("a float column") };
        assert!(v[0] == Some(0.0) && v[0].unwrap().is_sign_positive());
        assert!(v[1].unwrap().is_nan());
    }
}
