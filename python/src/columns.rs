//! A table, cell by cell, gathered into typed columns for pandas: integers (int64), floats
//! (float64, a missing cell as NaN) or objects (text, a missing cell as None). A list cell is
//! its CSV text (items joined by its separator), split in `pactnet/__init__.py` where needed.

use pactnet::io::table::{Cell, RowSink, Table};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};
use std::collections::HashMap;

/// One cell of an object column.
enum Obj {
    Int(i64),
    Float(f64),
    Text(String),
    None,
}

/// A column as it fills: its kind is the narrowest that holds every cell so far.
enum Column {
    /// Only missing cells so far (how many).
    Missing(usize),
    Int(Vec<i64>),
    Float(Vec<f64>),
    Obj(Vec<Obj>),
}

impl Column {
    fn push(&mut self, cell: Cell<'_>) {
        match self {
            Column::Missing(n) => {
                *self = match cell {
                    Cell::Text("") | Cell::Missing => Column::Missing(*n + 1),
                    Cell::Int(v) if *n == 0 => Column::Int(vec![v]),
                    Cell::Int(v) => Column::Float(nans_then(*n, v as f64)),
                    Cell::Float(v) => Column::Float(nans_then(*n, v)),
                    c @ (Cell::Text(_) | Cell::List(..)) => {
                        let mut objs: Vec<Obj> = (0..*n).map(|_| Obj::None).collect();
                        objs.push(Obj::Text(text(c)));
                        Column::Obj(objs)
                    }
                }
            }
            Column::Int(ints) => match cell {
                Cell::Int(v) => ints.push(v),
                Cell::Float(_) | Cell::Text("") | Cell::Missing => {
                    let mut floats: Vec<f64> = ints.iter().map(|&i| i as f64).collect();
                    floats.push(if let Cell::Float(v) = cell { v } else { f64::NAN });
                    *self = Column::Float(floats);
                }
                c @ (Cell::Text(_) | Cell::List(..)) => {
                    let mut objs: Vec<Obj> = ints.iter().map(|&i| Obj::Int(i)).collect();
                    objs.push(Obj::Text(text(c)));
                    *self = Column::Obj(objs);
                }
            },
            Column::Float(floats) => match cell {
                Cell::Int(v) => floats.push(v as f64),
                Cell::Float(v) => floats.push(v),
                Cell::Text("") | Cell::Missing => floats.push(f64::NAN),
                c @ (Cell::Text(_) | Cell::List(..)) => {
                    let mut objs: Vec<Obj> = floats.iter().map(|&f| Obj::Float(f)).collect();
                    objs.push(Obj::Text(text(c)));
                    *self = Column::Obj(objs);
                }
            },
            Column::Obj(objs) => objs.push(match cell {
                Cell::Int(v) => Obj::Int(v),
                Cell::Float(v) => Obj::Float(v),
                Cell::Text("") | Cell::Missing => Obj::None,
                c @ (Cell::Text(_) | Cell::List(..)) => Obj::Text(text(c)),
            }),
        }
    }
}

/// The text of a text cell, or a list's items joined by its separator (as in CSV).
fn text(cell: Cell<'_>) -> String {
    match cell {
        Cell::Text(t) => t.to_string(),
        Cell::List(items, sep) => items.join(sep.encode_utf8(&mut [0; 4])),
        Cell::Int(v) => v.to_string(),
        Cell::Float(v) => v.to_string(),
        Cell::Missing => String::new(),
    }
}

fn nans_then(n: usize, v: f64) -> Vec<f64> {
    let mut floats = vec![f64::NAN; n];
    floats.push(v);
    floats
}

/// A whole table as named columns.
pub struct Columns {
    names: Vec<&'static str>,
    columns: Vec<Column>,
    at: usize,
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
        let mut out = Columns { names, columns, at: 0 };
        table.write_rows(&mut out)?;
        Ok(out)
    }

    /// `[(name, kind, data)]`: kind `int64` or `float64` with the values' native-endian bytes,
    /// or `object` with a list.
    pub fn into_py(self, py: Python<'_>) -> PyResult<Py<PyList>> {
        let out = PyList::empty(py);
        for (name, column) in self.names.into_iter().zip(self.columns) {
            let item: (&str, &str, Py<PyAny>) = match column {
                Column::Int(v) => (name, "int64", PyBytes::new(py, &bytes(&v, i64::to_ne_bytes)).into_any().unbind()),
                Column::Float(v) => {
                    (name, "float64", PyBytes::new(py, &bytes(&v, f64::to_ne_bytes)).into_any().unbind())
                }
                Column::Missing(n) => (name, "object", PyList::new(py, (0..n).map(|_| py.None()))?.into_any().unbind()),
                Column::Obj(objs) => {
                    // Text repeats (layers, names): one Python string per distinct value.
                    let mut seen: HashMap<String, Py<PyString>> = HashMap::new();
                    let list = PyList::empty(py);
                    for o in objs {
                        match o {
                            Obj::Int(i) => list.append(i)?,
                            Obj::Float(f) => list.append(f)?,
                            Obj::Text(t) => {
                                let s = seen.entry(t).or_insert_with_key(|t| PyString::new(py, t).unbind());
                                list.append(s.clone_ref(py))?
                            }
                            Obj::None => list.append(py.None())?,
                        }
                    }
                    (name, "object", list.into_any().unbind())
                }
            };
            out.append(item)?;
        }
        Ok(out.unbind())
    }
}

/// Native-endian bytes of a slice of numbers.
fn bytes<T: Copy, const N: usize>(values: &[T], to: fn(T) -> [u8; N]) -> Vec<u8> {
    let mut out = Vec::with_capacity(values.len() * N);
    for &v in values {
        out.extend_from_slice(&to(v));
    }
    out
}
