//! pactnet's errors as Python exceptions: `DataError` (a `ValueError` with `file`, `line`,
//! `field`, `value`) for bad data, `FileNotFoundError`/`OSError` for files, `ValueError` for a
//! request the data cannot answer or a bad argument.

use pactnet::error::{LoadError, QueryError, ValidateError};
use pactnet::io::atomic::WriteError;
use pactnet::plot::PlotError;
use pactnet::report::ReportError;
use pyo3::exceptions::{PyFileNotFoundError, PyIsADirectoryError, PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;

pyo3::create_exception!(
    _pactnet,
    DataError,
    PyValueError,
    "Bad input data: `file`, `line` (1-based; 0 for the whole file), `field` and `value` (None when not about one cell) say where."
);

/// A `DataError` with its attributes set.
fn data_error(message: String, file: &str, line: u64, field: Option<&str>, value: Option<&str>) -> PyErr {
    Python::attach(|py| {
        let err = DataError::new_err(message);
        let v = err.value(py);
        let set = || -> PyResult<()> {
            v.setattr("file", file)?;
            v.setattr("line", line)?;
            v.setattr("field", field)?;
            v.setattr("value", value)?;
            Ok(())
        };
        match set() {
            Ok(()) => err,
            Err(e) => e,
        }
    })
}

/// An I/O error on `path` as `FileNotFoundError` (with `filename`) or `OSError`.
fn io_error(message: String, path: &std::path::Path, error: &std::io::Error) -> PyErr {
    let errno = error.raw_os_error().unwrap_or(0);
    let filename = path.display().to_string();
    if error.kind() == std::io::ErrorKind::NotFound {
        PyFileNotFoundError::new_err((errno.max(2), message, filename))
    } else {
        PyOSError::new_err((errno, message, filename))
    }
}

/// Any library error.
pub fn from_error(e: pactnet::Error) -> PyErr {
    let message = e.to_string();
    match e {
        pactnet::Error::Load(l) => from_load(l),
        pactnet::Error::Invalid { first, .. } => {
            let at = first.location().clone();
            match &first {
                ValidateError::BadField { field, value, .. } | ValidateError::ExitBeforeEntry { field, value, .. } => {
                    data_error(message, &at.file, at.line, Some(field), Some(value))
                }
                ValidateError::BadProvision { field, value, .. } => {
                    data_error(message, &at.file, at.line, Some(field), Some(value))
                }
                ValidateError::FieldCount { .. } => data_error(message, &at.file, at.line, None, None),
            }
        }
        pactnet::Error::Query(q) => from_query(q),
    }
}

/// A load that did not happen: arguments that do not go together and a bad `where` are
/// `ValueError`s; data and file errors as [`from_error`].
pub fn from_session(e: pactnet::api::session::SessionError) -> PyErr {
    use pactnet::api::session::SessionError;
    match e {
        SessionError::Data(e) => from_error(e),
        e @ (SessionError::Usage(_) | SessionError::Filter(_) | SessionError::Graph(_)) => {
            PyValueError::new_err(e.to_string())
        }
        SessionError::CodesheetDir { ref dir, ref error } => io_error(e.to_string(), dir, error),
    }
}

/// A file that cannot be read as a table.
pub fn from_load(e: LoadError) -> PyErr {
    let message = e.to_string();
    match e {
        LoadError::Io { path, error } => io_error(message, &path, &error),
        LoadError::Directory { path } => PyIsADirectoryError::new_err((21, message, path.display().to_string())),
        LoadError::Encoding { at, .. }
        | LoadError::RecordTooLong { at, .. }
        | LoadError::UnterminatedQuote { at }
        | LoadError::QuoteSpansLines { at, .. }
        | LoadError::DuplicateColumn { at, .. }
        | LoadError::TooLarge { at, .. }
        | LoadError::Empty { at }
        | LoadError::NoRows { at }
        | LoadError::TooManyRows { at, .. }
        | LoadError::MissingColumns { at, .. }
        | LoadError::Malformed { at, .. } => data_error(message, &at.file, at.line, None, None),
    }
}

/// A question the data cannot answer (a year outside it, an unknown state).
pub fn from_query(e: QueryError) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// A failed write.
pub fn from_write(e: WriteError) -> PyErr {
    let message = e.to_string();
    match e {
        WriteError::WouldOverwriteInput(_) => PyValueError::new_err(message),
        WriteError::IsDirectory(path) => PyIsADirectoryError::new_err((21, message, path.display().to_string())),
        WriteError::Io { path, error } | WriteError::NotWritable { path, error } => io_error(message, &path, &error),
    }
}

/// A picture that cannot be made.
pub fn from_plot(e: PlotError) -> PyErr {
    let message = e.to_string();
    match e {
        PlotError::Query(q) => from_query(q),
        PlotError::BadSize { .. } | PlotError::MetricNeedsYear { .. } => PyValueError::new_err(message),
        PlotError::Io(_) => PyOSError::new_err(message),
        _ => PyRuntimeError::new_err(message),
    }
}

/// A report that cannot be written.
pub fn from_report(e: ReportError) -> PyErr {
    let message = e.to_string();
    match e {
        ReportError::Query(q) => from_query(q),
        ReportError::Plot(p) => from_plot(p),
        ReportError::Write(w) => from_write(w),
        ReportError::Directory { path, error } => io_error(message, &path, &error),
    }
}

/// A bad argument (an unknown name, say).
pub fn bad_argument(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}
