//! Errors of every stage (load → validate → graph), each naming where in which file it happened.
//!
//! Input problems carry a [`Location`] (file name and 1-based line), the field, the offending
//! value and what was expected, so a message reads
//! `atop4_01m.csv:118: field yrexit = "19x5": not a year (0 or 1000..=2100)`.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A place in an input file: its display name and a 1-based line number (0 = the whole file).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    /// File name as shown to the user (the path's last component, or the sample's name).
    pub file: Arc<str>,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: u64,
}

impl Location {
    /// A location in `file` at `line`.
    pub fn new(file: &Arc<str>, line: u64) -> Self {
        Location { file: Arc::clone(file), line }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.file)
        } else {
            write!(f, "{}:{}", self.file, self.line)
        }
    }
}

/// Problems reading an input file as a table (before any value is interpreted).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {error}")]
    Io {
        /// The path as given.
        path: PathBuf,
        /// The operating system's error.
        error: std::io::Error,
    },
    /// The path names a directory.
    #[error("{path}: cannot read: it is a directory (expected a CSV or text file)")]
    Directory {
        /// The path as given.
        path: PathBuf,
    },
    /// The file is in an encoding other than UTF-8 (found by its byte-order mark).
    #[error("{at}: the file is {encoding} (byte-order mark found): save it as UTF-8")]
    Encoding {
        /// The file.
        at: Location,
        /// The encoding the mark names, e.g. `UTF-16 LE`.
        encoding: &'static str,
    },
    /// A line or record is longer than pactnet reads.
    #[error("{at}: a record longer than {limit} bytes (no line end, or an unterminated quote): expected CSV text with line ends")]
    RecordTooLong {
        /// The line where the record starts.
        at: Location,
        /// The limit in bytes.
        limit: usize,
    },
    /// A quoted field is never closed before the end of the file.
    #[error("{at}: a quote opened on this line is never closed (expected a closing \" before the end of the file)")]
    UnterminatedQuote {
        /// The line where the quoted field opens.
        at: Location,
    },
    /// A quoted field runs over several lines and the record then has the wrong field count:
    /// a stray quote, most likely.
    #[error("{at}: a quote opened on this line closes on line {last}, giving {found} fields (expected {expected} as in the header): a stray quote? The lines in between are not read")]
    QuoteSpansLines {
        /// The line where the record (and the quote) starts.
        at: Location,
        /// The record's last line.
        last: u64,
        /// Fields in the record.
        found: usize,
        /// Fields in the header.
        expected: usize,
    },
    /// A column pactnet reads is named twice in the header.
    #[error("{at}: column {column} appears twice in the header (expected each column once)")]
    DuplicateColumn {
        /// The header line.
        at: Location,
        /// The column.
        column: &'static str,
    },
    /// The file is larger than pactnet reads of its kind.
    #[error("{at}: larger than {limit} bytes: expected a coding sheet's text (a few KB)")]
    TooLarge {
        /// The file.
        at: Location,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file has no header line.
    #[error("{at}: empty file: expected a CSV header line")]
    Empty {
        /// The file.
        at: Location,
    },
    /// The file has a header but no data rows.
    #[error("{at}: no data rows after the header: expected at least one row")]
    NoRows {
        /// The file.
        at: Location,
    },
    /// The file has more data rows than pactnet reads from one file.
    #[error("{at}: more than {limit} data rows: pactnet stops here rather than exhaust memory (split the file, or filter it by year)")]
    TooManyRows {
        /// The first row past the limit.
        at: Location,
        /// The limit.
        limit: usize,
    },
    /// Required columns are absent from the header.
    #[error("{at}: missing column(s) {missing}: expected a header naming {expected}")]
    MissingColumns {
        /// The header line.
        at: Location,
        /// The absent columns, comma-separated.
        missing: String,
        /// Every required column, comma-separated.
        expected: String,
    },
    /// The CSV structure itself is broken (an unterminated quote, say).
    #[error("{at}: malformed CSV: {message}")]
    Malformed {
        /// Where the reader stopped.
        at: Location,
        /// The CSV reader's description.
        message: String,
    },
}

/// A row whose values break the data model's rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidateError {
    /// A field holds a value that is not of the expected form or range.
    #[error("{at}: field {field} = {}: {expected}", shown(value))]
    BadField {
        /// The row.
        at: Location,
        /// Column name (lower case).
        field: &'static str,
        /// The cell as found (lossily decoded if it was not UTF-8).
        value: String,
        /// What was expected, e.g. `not a month (0..=12)`.
        expected: String,
    },
    /// The row has a different number of fields from the header.
    #[error("{at}: {found} fields, expected {expected} as in the header")]
    FieldCount {
        /// The row.
        at: Location,
        /// Fields in the row.
        found: usize,
        /// Fields in the header.
        expected: usize,
    },
    /// The exit date is on or before the entry date.
    #[error("{at}: field {field} = {}: exit {end} is not after entry {start}", shown(value))]
    ExitBeforeEntry {
        /// The row.
        at: Location,
        /// The exit-year column's name.
        field: &'static str,
        /// The exit as written, `year-month-day`.
        value: String,
        /// First day inside (after the partial-date rules).
        start: chrono::NaiveDate,
        /// First day outside (after the partial-date rules).
        end: chrono::NaiveDate,
    },
    /// A cell of a provision column that is not a whole number in range. The row is valid: the
    /// cell is read as missing under `--lenient` ([`ValidateError::skips_row`] is false).
    #[error("{at}: field {field} = {}: {expected}", shown(value))]
    BadProvision {
        /// The row.
        at: Location,
        /// Column name (lower case).
        field: Arc<str>,
        /// The cell as found (lossily decoded if it was not UTF-8).
        value: String,
        /// What is wrong, e.g. `not a whole number (…)`.
        expected: &'static str,
    },
}

impl ValidateError {
    /// Where the problem is.
    pub fn location(&self) -> &Location {
        match self {
            ValidateError::BadField { at, .. }
            | ValidateError::FieldCount { at, .. }
            | ValidateError::ExitBeforeEntry { at, .. }
            | ValidateError::BadProvision { at, .. } => at,
        }
    }

    /// Whether the error makes its row invalid (skipped under `--lenient`); a bad provision cell
    /// does not: only the cell is read as missing.
    pub fn skips_row(&self) -> bool {
        !matches!(self, ValidateError::BadProvision { .. })
    }
}

/// Longest value quoted in a message, in characters; longer values are cut with their length.
pub const SHOWN_CHARS: usize = 60;

/// A value quoted for a message: `"1949"`, or its first [`SHOWN_CHARS`] characters and its
/// length for a long one (`"xxxx…" (104857600 bytes)`).
pub fn shown(value: &str) -> String {
    match value.char_indices().nth(SHOWN_CHARS) {
        None => format!("{value:?}"),
        Some((cut, _)) => format!("{:?}… ({} bytes)", &value[..cut], value.len()),
    }
}

/// What [`Error::Invalid`] adds after its first problem when there are more: how many, and what
/// `--lenient` does with such a problem (skips its row; reads a bad provision cell as missing).
fn more_errors(first: &ValidateError, count: usize) -> String {
    if count <= 1 {
        return String::new();
    }
    let lenient = if first.skips_row() { "skips such rows" } else { "reads such provision cells as missing" };
    format!(" (and {} more errors; `pactnet validate` lists them all, `--lenient` {lenient})", count - 1)
}

/// Every error pactnet's library returns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading a file as a table failed.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Rows broke the data model's rules; `count` of them in all, the first shown.
    #[error("{first}{}", more_errors(first, *.count))]
    Invalid {
        /// The first problem in file order.
        first: ValidateError,
        /// How many problems there are.
        count: usize,
    },
    /// A request that the loaded data cannot answer (a year outside the data, an unknown state).
    #[error("{0}")]
    Query(#[from] QueryError),
}

/// A question about the data that has no answer in it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// The year lies outside the data's years.
    #[error("year {year} is outside the data ({first}..={last})")]
    YearOutOfRange {
        /// The year asked for.
        year: i32,
        /// First year of the data.
        first: i32,
        /// Last year of the data.
        last: i32,
    },
    /// The date lies outside the data's years.
    #[error("date {date} is outside the data ({first}..={last})")]
    DateOutOfRange {
        /// The date asked for.
        date: chrono::NaiveDate,
        /// First year of the data.
        first: i32,
        /// Last year of the data.
        last: i32,
    },
    /// A layer of a type the data's source does not code (offense or consultation with COW
    /// alone, entente with ATOP alone).
    #[error("layer {layer} is not in the data: {data_source} codes no {layer} (its layers: {layers})")]
    LayerNotInData {
        /// The layer asked for.
        layer: &'static str,
        /// The source's name (`ATOP`, `COW`).
        data_source: &'static str,
        /// The source's layers, comma-separated.
        layers: String,
    },
    /// The maximal cliques asked for are more than the bound on those kept.
    #[error("more than {limit} maximal cliques of at least {min_size} states in the years {first}..{last}: pactnet stops here rather than exhaust memory (about 4 bytes per member and 16 per clique; raise --min-size, ask fewer years, or raise the bound with --max-cliques)")]
    TooManyCliques {
        /// The bound.
        limit: usize,
        /// The smallest clique size kept.
        min_size: usize,
        /// First year asked for.
        first: i32,
        /// Last year asked for.
        last: i32,
    },
    /// No state has this code or abbreviation.
    #[error("unknown state {name:?}: not a COW code, abbreviation, name or alias (see the README) in the data{}", if .suggestions.is_empty() { String::new() } else { format!(" (close matches: {})", .suggestions.join(", ")) })]
    UnknownState {
        /// The name as given.
        name: String,
        /// Close matches, `ABB (code)`.
        suggestions: Vec<String>,
    },
}
