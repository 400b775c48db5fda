//! A table as typed columns for pandas, from the library's [`TypedTable`] (the same cells the
//! CSV writer writes, each column typed once for Python and R alike): `int64` and `float64` as
//! native-endian bytes (a whole-number column with a missing cell is `float64` with NaN), `bool`
//! as bytes (with a missing cell: objects `True`/`False`/`None`), `date` as int64 days since
//! 1970-01-01 (`NaT` for missing: numpy's `datetime64[D]`), and `object` lists of text (None
//! for missing) or of Python lists.

use pactnet::io::columns::{Column, TypedTable};
use pactnet::io::table::Table;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};
use std::collections::HashMap;

/// A whole table as named, typed columns.
pub struct Columns(TypedTable);

/// numpy's `NaT` as int64.
const NAT: i64 = i64::MIN;

impl Columns {
    /// Gathers every row of `table`.
    ///
    /// # Errors
    /// A row of the wrong length (a bug of the table).
    pub fn of(table: &dyn Table) -> std::io::Result<Columns> {
        TypedTable::of(table).map(Columns)
    }

    /// `[(name, kind, data)]`: kind `int64`, `float64`, `bool` or `date` with bytes, or `object`
    /// with a list.
    pub fn into_py(self, py: Python<'_>) -> PyResult<Py<PyList>> {
        let out = PyList::empty(py);
        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("a day");
        for (name, column) in self.0.names.into_iter().zip(self.0.columns) {
            let (kind, data): (&str, Py<PyAny>) = match column {
                Column::Int(v) if v.iter().all(Option::is_some) => {
                    ("int64", bytes(py, v.iter().map(|i| i.unwrap_or_default().to_ne_bytes())))
                }
                Column::Int(v) => {
                    ("float64", bytes(py, v.iter().map(|i| i.map_or(f64::NAN, |i| i as f64).to_ne_bytes())))
                }
                Column::Float(v) => ("float64", bytes(py, v.iter().map(|f| f.unwrap_or(f64::NAN).to_ne_bytes()))),
                Column::Date(v) => {
                    ("date", bytes(py, v.iter().map(|d| d.map_or(NAT, |d| (d - epoch).num_days()).to_ne_bytes())))
                }
                Column::Bool(v) if v.iter().all(Option::is_some) => {
                    ("bool", bytes(py, v.iter().map(|b| [u8::from(b.unwrap_or_default())])))
                }
                Column::Bool(v) => ("object", PyList::new(py, v)?.into_any().unbind()),
                Column::Text(v) => ("object", texts(py, v)?),
                Column::IntList(v, _) => ("object", PyList::new(py, v)?.into_any().unbind()),
                Column::TextList(v, _) => ("object", PyList::new(py, v)?.into_any().unbind()),
            };
            out.append((name, kind, data))?;
        }
        Ok(out.unbind())
    }
}

/// Text cells, one Python string per distinct value (layers and names repeat), None for missing.
fn texts(py: Python<'_>, cells: Vec<Option<String>>) -> PyResult<Py<PyAny>> {
    let mut seen: HashMap<String, Py<PyString>> = HashMap::new();
    let list = PyList::empty(py);
    for cell in cells {
        match cell {
            Some(t) => {
                let s = seen.entry(t).or_insert_with_key(|t| PyString::new(py, t).unbind());
                list.append(s.clone_ref(py))?
            }
            None => list.append(py.None())?,
        }
    }
    Ok(list.into_any().unbind())
}

/// The values' bytes, one after another.
fn bytes<const N: usize>(py: Python<'_>, values: impl Iterator<Item = [u8; N]>) -> Py<PyAny> {
    let raw: Vec<u8> = values.flatten().collect();
    PyBytes::new(py, &raw).into_any().unbind()
}
