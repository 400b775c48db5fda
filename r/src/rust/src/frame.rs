//! A pactnet table, cell by cell, as the columns of an R `data.frame` (a named list; the R side
//! adds the class and row names). Each column takes the narrowest R type that holds every cell of
//! the CLI's CSV, so a cell reads back to the same text:
//! - whole numbers: `integer` (a `double` past R's integer range); with a float cell, `double`;
//! - floats: `double` (`nan` is `NaN`);
//! - text: `Date` when every cell is a day `YYYY-MM-DD`, `logical` when every cell is `yes`/`no`
//!   or `true`/`false`, else `character`;
//! - lists (`a;b;c` in the CSV): a list column of `integer` vectors when every item is a whole
//!   number, else of `character` vectors, with the CSV separator in the column's `sep` attribute;
//! - a missing (empty) cell is `NA` of the column's type; a column of missing cells only is
//!   `logical` `NA`.

use extendr_api::prelude::*;
use pactnet::io::table::{Cell, RowSink, Table};

/// A column as it fills: its kind is the narrowest that holds every cell so far.
enum Column {
    /// Only missing cells so far (how many).
    Missing(usize),
    Int(Vec<Option<i64>>),
    Float(Vec<Option<f64>>),
    Text(Vec<Option<String>>),
    /// Items' text, and the separator of the first list cell.
    List(Vec<Option<String>>, char),
}

/// A cell as text, as the CSV writes it (None: empty).
fn cell_text(cell: Cell<'_>) -> Option<String> {
    match cell {
        Cell::Int(v) => Some(v.to_string()),
        Cell::Float(v) => Some(pactnet::io::table::format_float(v, &mut ryu::Buffer::new()).to_string()),
        Cell::Text("") | Cell::Missing => None,
        Cell::Text(t) | Cell::List(t, _) => Some(t.to_string()),
    }
}

impl Column {
    fn push(&mut self, cell: Cell<'_>) {
        let missing = matches!(cell, Cell::Text("") | Cell::Missing);
        match self {
            Column::Missing(n) if missing => *n += 1,
            Column::Missing(n) => {
                let n = *n;
                *self = match cell {
                    Cell::Int(_) => Column::Int(vec![None; n]),
                    Cell::Float(_) => Column::Float(vec![None; n]),
                    Cell::List(_, sep) => Column::List(vec![None; n], sep),
                    _ => Column::Text(vec![None; n]),
                };
                self.push(cell);
            }
            Column::Int(v) => match cell {
                Cell::Int(i) => v.push(Some(i)),
                _ if missing => v.push(None),
                Cell::Float(_) => {
                    *self = Column::Float(v.iter().map(|i| i.map(|i| i as f64)).collect());
                    self.push(cell);
                }
                _ => {
                    *self = Column::Text(v.iter().map(|i| i.map(|i| i.to_string())).collect());
                    self.push(cell);
                }
            },
            Column::Float(v) => match cell {
                Cell::Int(i) => v.push(Some(i as f64)),
                Cell::Float(f) => v.push(Some(f)),
                _ if missing => v.push(None),
                _ => {
                    let mut buf = ryu::Buffer::new();
                    let text = v
                        .iter()
                        .map(|f| f.map(|f| pactnet::io::table::format_float(f, &mut buf).to_string()))
                        .collect();
                    *self = Column::Text(text);
                    self.push(cell);
                }
            },
            Column::Text(v) => v.push(cell_text(cell)),
            Column::List(v, _) => v.push(cell_text(cell)),
        }
    }

    /// The column as an R vector (see the module doc for the types).
    fn into_robj(self) -> extendr_api::Result<Robj> {
        Ok(match self {
            Column::Missing(n) => Logicals::from_values((0..n).map(|_| Rbool::na())).into(),
            Column::Int(v) => {
                let fits = v.iter().flatten().all(|&i| i > i32::MIN as i64 && i <= i32::MAX as i64);
                if fits {
                    Integers::from_values(v.iter().map(|i| i.map_or(Rint::na(), |i| Rint::from(i as i32)))).into()
                } else {
                    Doubles::from_values(v.iter().map(|i| i.map_or(Rfloat::na(), |i| Rfloat::from(i as f64)))).into()
                }
            }
            Column::Float(v) => Doubles::from_values(v.iter().map(|f| f.map_or(Rfloat::na(), Rfloat::from))).into(),
            Column::Text(v) => text_column(v)?,
            Column::List(v, sep) => list_column(v, sep)?,
        })
    }
}

/// Days since 1970-01-01 of an ISO day `YYYY-MM-DD` (exactly that form).
fn iso_day(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let form = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !form {
        return None;
    }
    let day = s.parse::<chrono::NaiveDate>().ok()?;
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?;
    Some((day - epoch).num_days() as f64)
}

/// `yes`/`true` → TRUE, `no`/`false` → FALSE, from one pair only.
fn truth(s: &str, pair: &mut Option<bool>) -> Option<bool> {
    let (value, words_yes) = match s {
        "yes" => (true, true),
        "no" => (false, true),
        "true" => (true, false),
        "false" => (false, false),
        _ => return None,
    };
    match pair {
        Some(p) if *p != words_yes => None,
        _ => {
            *pair = Some(words_yes);
            Some(value)
        }
    }
}

fn text_column(v: Vec<Option<String>>) -> extendr_api::Result<Robj> {
    let present = || v.iter().flatten();
    if present().all(|s| iso_day(s).is_some()) {
        let days = v.iter().map(|s| s.as_deref().and_then(iso_day).map_or(Rfloat::na(), Rfloat::from));
        let mut out: Robj = Doubles::from_values(days).into();
        out.set_class(["Date"])?;
        return Ok(out);
    }
    let mut pair = None;
    if present().all(|s| truth(s, &mut pair).is_some()) {
        let mut pair = None;
        let values = v.iter().map(|s| s.as_deref().and_then(|s| truth(s, &mut pair)).map_or(Rbool::na(), Rbool::from));
        return Ok(Logicals::from_values(values).into());
    }
    Ok(Strings::from_values(v.iter().map(|s| s.as_deref().map_or(Rstr::na(), Rstr::from))).into())
}

fn list_column(v: Vec<Option<String>>, sep: char) -> extendr_api::Result<Robj> {
    let items = |s: &str| -> Vec<String> {
        if s.is_empty() {
            Vec::new()
        } else {
            s.split(sep).map(str::to_string).collect()
        }
    };
    let whole = |t: &str| t.parse::<i32>().ok().filter(|&i| i != i32::MIN);
    let all_whole = v.iter().flatten().all(|s| items(s).iter().all(|t| whole(t).is_some()));
    let cells: Vec<Robj> = v
        .iter()
        .map(|cell| match (cell, all_whole) {
            (None, true) => Integers::from_values([Rint::na()]).into(),
            (None, false) => Strings::from_values([Rstr::na()]).into(),
            (Some(s), true) => {
                Integers::from_values(items(s).iter().map(|t| whole(t).map_or(Rint::na(), Rint::from))).into()
            }
            (Some(s), false) => Strings::from_values(items(s)).into(),
        })
        .collect();
    let mut out: Robj = List::from_values(cells).into();
    out.set_attrib("sep", sep.to_string())?;
    Ok(out)
}

/// A whole table as named columns.
pub struct Columns {
    names: Vec<&'static str>,
    columns: Vec<Column>,
    at: usize,
    rows: usize,
}

impl RowSink for Columns {
    fn cell(&mut self, cell: Cell<'_>) -> std::io::Result<()> {
        // As the CLI writes it: a zero is never -0.
        let cell = match cell {
            Cell::Float(v) => Cell::Float(if v == 0.0 { 0.0 } else { v }),
            c => c,
        };
        let column = self
            .columns
            .get_mut(self.at)
            .ok_or_else(|| std::io::Error::other("a row has more cells than the table has columns"))?;
        column.push(cell);
        self.at += 1;
        Ok(())
    }

    fn end_row(&mut self) -> std::io::Result<()> {
        if self.at != self.columns.len() {
            return Err(std::io::Error::other("a row has fewer cells than the table has columns"));
        }
        self.at = 0;
        self.rows += 1;
        Ok(())
    }
}

impl Columns {
    /// Gathers every row of `table`.
    ///
    /// # Errors
    /// A row of the wrong length (a bug of the table).
    pub fn of(table: &dyn Table) -> std::io::Result<Columns> {
        let names = table.columns();
        let columns = names.iter().map(|_| Column::Missing(0)).collect();
        let mut out = Columns { names, columns, at: 0, rows: 0 };
        table.write_rows(&mut out)?;
        Ok(out)
    }

    /// The columns as a named R list (with attribute `pactnet_rows`, the row count, for a table
    /// without columns).
    pub fn into_robj(self) -> extendr_api::Result<Robj> {
        let rows = self.rows;
        let values = self.columns.into_iter().map(Column::into_robj).collect::<extendr_api::Result<Vec<_>>>()?;
        let mut out: Robj = List::from_names_and_values(self.names, values)?.into();
        out.set_attrib("pactnet_rows", rows as i32)?;
        Ok(out)
    }
}
