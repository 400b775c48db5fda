//! pactnet's errors as the R conditions the package signals. Rust never raises an R error itself:
//! an entry point returns a `pactnet_failure` list (class, message, file, line, field, value) and
//! `R/call.R` turns it into a condition of that class, so no R longjmp crosses Rust frames.
//!
//! Classes (each also `pactnet_error`, `error`, `condition`), as the CLI's exit codes divide them:
//! - `pactnet_usage_error`: a bad argument or combination (the CLI exits 2);
//! - `pactnet_data_error`: a file that is not valid data, with `file`, `line`, `field`, `value`;
//! - `pactnet_io_error`: a file that cannot be read or written;
//! - `pactnet_query_error`: a request the data cannot answer (a year outside it, an unknown state);
//! - `pactnet_internal_error`: a bug (a Rust panic, caught at the entry point).

use extendr_api::prelude::*;
use pactnet::api::session::SessionError;
use pactnet::error::{LoadError, QueryError, ValidateError};
use pactnet::io::atomic::WriteError;
use pactnet::plot::PlotError;

/// A failure on its way to R (boxed: entry points pass it up through many `?`).
#[derive(Debug)]
pub struct Failure(Box<Detail>);

#[derive(Debug)]
struct Detail {
    class: &'static str,
    message: String,
    file: Option<String>,
    line: Option<u64>,
    field: Option<String>,
    value: Option<String>,
}

/// Entry-point results.
pub type Outcome<T> = std::result::Result<T, Failure>;

impl Failure {
    fn new(class: &'static str, message: impl Into<String>) -> Self {
        Failure(Box::new(Detail { class, message: message.into(), file: None, line: None, field: None, value: None }))
    }

    /// A bad argument (the CLI's usage error).
    pub fn usage(message: impl std::fmt::Display) -> Self {
        Failure::new("pactnet_usage_error", message.to_string())
    }

    /// A request the data cannot answer.
    pub fn query(e: impl std::fmt::Display) -> Self {
        Failure::new("pactnet_query_error", e.to_string())
    }

    /// A bug: a panic, or a table that breaks its own shape.
    pub fn internal(message: impl Into<String>) -> Self {
        Failure::new("pactnet_internal_error", message)
    }

    /// A file that cannot be read or written.
    pub fn io(message: impl Into<String>, path: &std::path::Path) -> Self {
        let mut f = Failure::new("pactnet_io_error", message);
        f.0.file = Some(path.display().to_string());
        f
    }

    /// Data that cannot be used as a whole (no one cell to blame).
    pub fn data_whole(message: impl Into<String>) -> Self {
        Failure::new("pactnet_data_error", message)
    }

    fn data(message: String, file: &str, line: u64, field: Option<&str>, value: Option<&str>) -> Self {
        let mut f = Failure::new("pactnet_data_error", message);
        f.0.file = Some(file.to_string());
        f.0.line = Some(line);
        f.0.field = field.map(str::to_string);
        f.0.value = value.map(str::to_string);
        f
    }

    /// The `pactnet_failure` list `R/call.R` reads.
    pub fn into_robj(self) -> Robj {
        let d = *self.0;
        let text =
            |s: Option<String>| -> Robj { s.map_or_else(|| Strings::from_values([Rstr::na()]).into(), |s| s.into()) };
        let line: Robj = d.line.map_or_else(|| Rfloat::na().into(), |l| (l as f64).into());
        let names = ["class", "message", "file", "line", "field", "value"];
        let values: Vec<Robj> =
            vec![d.class.into(), d.message.into(), text(d.file), line, text(d.field), text(d.value)];
        match List::from_names_and_values(names, values) {
            Ok(list) => {
                let mut out: Robj = list.into();
                // Setting a class on a fresh list cannot fail; if it did, R/call.R reports a bare list.
                let _ = out.set_class(["pactnet_failure"]);
                out
            }
            Err(_) => Robj::from("pactnet: cannot build the error condition"),
        }
    }
}

impl From<pactnet::Error> for Failure {
    fn from(e: pactnet::Error) -> Self {
        let message = e.to_string();
        match e {
            pactnet::Error::Load(l) => Failure::from(l),
            pactnet::Error::Invalid { first, .. } => {
                let at = first.location().clone();
                match &first {
                    ValidateError::BadField { field, value, .. }
                    | ValidateError::ExitBeforeEntry { field, value, .. } => {
                        Failure::data(message, &at.file, at.line, Some(field), Some(value))
                    }
                    ValidateError::BadProvision { field, value, .. } => {
                        Failure::data(message, &at.file, at.line, Some(field), Some(value))
                    }
                    ValidateError::FieldCount { .. } => Failure::data(message, &at.file, at.line, None, None),
                }
            }
            pactnet::Error::Query(q) => Failure::from(q),
        }
    }
}

impl From<SessionError> for Failure {
    fn from(e: SessionError) -> Self {
        match e {
            SessionError::Usage(m) | SessionError::Filter(m) => Failure::usage(m),
            SessionError::Data(e) => Failure::from(e),
            SessionError::CodesheetDir { ref dir, .. } => Failure::io(e.to_string(), dir),
            SessionError::Graph(e) => Failure::data_whole(format!("cannot build the multigraph: {e}")),
        }
    }
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Self {
        let message = e.to_string();
        match e {
            LoadError::Io { path, .. } | LoadError::Directory { path } => Failure::io(message, &path),
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
            | LoadError::Malformed { at, .. } => Failure::data(message, &at.file, at.line, None, None),
        }
    }
}

impl From<QueryError> for Failure {
    fn from(e: QueryError) -> Self {
        Failure::query(e)
    }
}

impl From<WriteError> for Failure {
    fn from(e: WriteError) -> Self {
        let message = e.to_string();
        match e {
            WriteError::WouldOverwriteInput(_) => Failure::usage(message),
            WriteError::IsDirectory(path) | WriteError::Io { path, .. } | WriteError::NotWritable { path, .. } => {
                Failure::io(message, &path)
            }
        }
    }
}

impl From<PlotError> for Failure {
    fn from(e: PlotError) -> Self {
        let message = e.to_string();
        match e {
            PlotError::Query(q) => Failure::from(q),
            PlotError::BadSize { .. } | PlotError::MetricNeedsYear { .. } => Failure::usage(message),
            _ => Failure::internal(message),
        }
    }
}
