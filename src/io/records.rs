//! Reading any input CSV by header name: the shared first step of every loader.
//!
//! Columns are found by name, case-insensitively and in any order; unknown columns are ignored;
//! a UTF-8 BOM, CRLF line ends, quoted fields and blanks around the cells pactnet reads are accepted. Structural
//! problems of a row (wrong field count, bytes that are not UTF-8) are returned with the rows so
//! that `validate` can list them all; problems of the whole file are a [`LoadError`]: among them a
//! record past [`MAX_RECORD_BYTES`], a UTF-16/UTF-32 byte-order mark, a quote never closed, and a
//! quoted field running over lines into a record with the wrong field count (a stray quote, which
//! would otherwise swallow the rows in between). Line numbers are physical lines: blank lines,
//! lone `\r` line ends and line ends inside quotes all count. [`read_table_with_provisions`]
//! also reads the provision columns of each row ([`super::provisions`]) in the same pass, so
//! rows and provisions come from the same records, and a pipe or a FIFO is read once.

use super::provisions::ProvisionReader;
use super::source::Source;
use crate::error::{LoadError, Location, ValidateError};
use crate::model::provisions::ProvisionTable;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Read;
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

/// The columns a loader needs: required ones and optional ones, all lower case.
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    /// Columns that must be in the header.
    pub required: &'static [&'static str],
    /// Columns used when present (read as empty cells otherwise).
    pub optional: &'static [&'static str],
}

impl Columns {
    /// Position of `name` among the selected cells (required first, then optional).
    ///
    /// # Panics
    /// If `name` is not one of the columns: a programming error.
    pub fn position(&self, name: &str) -> usize {
        self.required
            .iter()
            .chain(self.optional)
            .position(|c| *c == name)
            .unwrap_or_else(|| panic!("column {name} is not declared"))
    }

    fn all(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.required.iter().chain(self.optional).copied()
    }
}

/// One data row: its line and the selected cells, in [`Columns`] order.
#[derive(Debug, Clone)]
pub struct RawRow {
    /// 1-based line where the record starts (the header is line 1).
    pub line: u64,
    /// The selected cells, trimmed; an absent optional column gives "".
    pub cells: Vec<String>,
}

/// A whole input table.
#[derive(Debug)]
pub struct RawTable {
    /// Display name of the file.
    pub file: Arc<str>,
    /// Which selected columns the header actually has (optional ones may be absent).
    pub present: Vec<bool>,
    /// The rows that have the header's field count and valid UTF-8 in the selected cells.
    pub rows: Vec<RawRow>,
    /// Rows that could not be read and, from [`read_table_with_provisions`], provision cells
    /// that are not whole numbers (their rows are in `rows`, the cells read as missing); in
    /// line order.
    pub problems: Vec<ValidateError>,
    /// From [`read_table_with_provisions`]: the provision columns, one row per entry of `rows`;
    /// otherwise empty.
    pub provisions: ProvisionTable,
    /// From [`read_table_with_other_columns`]: the names of the header's other columns, as
    /// written (blanks and a BOM trimmed), in file order; each row's cells hold theirs after the
    /// selected cells. Otherwise empty.
    pub others: Vec<String>,
}

impl RawTable {
    /// The position in `rows` of the row starting on `line`, if any.
    pub fn row_of_line(&self, line: u64) -> Option<usize> {
        self.rows.binary_search_by_key(&line, |r| r.line).ok()
    }
}

/// What a read does with the columns beyond the selected ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OtherColumns {
    /// Not read.
    Ignored,
    /// Read as provisions ([`super::provisions`]).
    Provisions,
    /// Kept as text after the selected cells ([`read_table_with_other_columns`]).
    Text,
}

/// Most data rows read from one file: 5 million, 2,000 times ATOP 4.01's member file. Rows are
/// held in memory: a load with its multigraph peaks near 1 KB per member row (1.1 GB for a
/// 1.1-million-row synthetic file), so the limit keeps a load near 5 GB.
pub const MAX_ROWS: usize = 5_000_000;

/// Reads `source` as a CSV table with the given columns.
///
/// # Errors
/// [`LoadError`] when the file cannot be read, is empty, lacks a required column, is not CSV, or
/// has more than [`MAX_ROWS`] rows.
pub fn read_table(source: &Source, columns: Columns) -> Result<RawTable, LoadError> {
    read_records(source, columns, MAX_ROWS, OtherColumns::Ignored)
}

/// [`read_table`], and in the same pass the provision columns of every row (see
/// [`super::provisions`] for which columns they are): [`RawTable::provisions`], with the bad
/// provision cells among [`RawTable::problems`].
///
/// # Errors
/// As [`read_table`].
pub fn read_table_with_provisions(source: &Source, columns: Columns) -> Result<RawTable, LoadError> {
    read_records(source, columns, MAX_ROWS, OtherColumns::Provisions)
}

/// [`read_table`], keeping every other column of the header too: their names in
/// [`RawTable::others`], their cells (trimmed of ASCII blanks, UTF-8 checked) after the selected
/// cells of each row. A column with an empty name is kept, named "" (the caller decides what
/// its cells mean).
///
/// # Errors
/// As [`read_table`]; [`LoadError::DuplicateColumn`] for an other column named twice
/// (case-insensitively).
pub fn read_table_with_other_columns(source: &Source, columns: Columns) -> Result<RawTable, LoadError> {
    read_records(source, columns, MAX_ROWS, OtherColumns::Text)
}

/// Longest record pactnet reads from a CSV file: 1 MiB (ATOP's longest line is under 1 KB), so
/// that a file without line ends (`/dev/zero`) or an unterminated quote fails fast.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// [`read_table`] with a row limit of `max_rows`.
///
/// # Errors
/// As [`read_table`].
pub fn read_table_limited(source: &Source, columns: Columns, max_rows: usize) -> Result<RawTable, LoadError> {
    read_records(source, columns, max_rows, OtherColumns::Ignored)
}

/// The one pass behind [`read_table`], [`read_table_limited`] and [`read_table_with_provisions`].
fn read_records(
    source: &Source,
    columns: Columns,
    max_rows: usize,
    others_mode: OtherColumns,
) -> Result<RawTable, LoadError> {
    let file = source.display_name();
    let inner = open_utf8(source, &file)?;
    let scan = Rc::new(RefCell::new(Scan { line: 1, ..Scan::default() }));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(Scanner { inner: LfOnly { inner, pending_cr: false }, scan: Rc::clone(&scan) });
    let malformed = |file: &Arc<str>, e: csv::Error| {
        let s = scan.borrow();
        if let Some(line) = s.too_long {
            return LoadError::RecordTooLong { at: Location::new(file, line), limit: MAX_RECORD_BYTES };
        }
        if let Some(line) = s.unterminated {
            return LoadError::UnterminatedQuote { at: Location::new(file, line) };
        }
        let line = e.position().map_or(0, |p| p.line());
        match e.into_kind() {
            csv::ErrorKind::Io(source) => {
                LoadError::Malformed { at: Location::new(file, line), message: source.to_string() }
            }
            other => LoadError::Malformed { at: Location::new(file, line), message: format!("{other:?}") },
        }
    };
    // The physical lines (first, last) of the record just read.
    let lines_of = |record: &csv::ByteRecord| {
        scan.borrow_mut().records.pop_front().unwrap_or_else(|| {
            let line = record.position().map_or(0, |p| p.line());
            (line, line)
        })
    };
    let mut record = csv::ByteRecord::new();
    if !reader.read_byte_record(&mut record).map_err(|e| malformed(&file, e))? {
        return Err(LoadError::Empty { at: Location::new(&file, 0) });
    }
    let (header_line, _) = lines_of(&record);
    let written: Vec<String> =
        record.iter().map(|h| String::from_utf8_lossy(h).trim_start_matches('\u{feff}').trim().to_string()).collect();
    let header: Vec<String> = written.iter().map(|h| h.to_ascii_lowercase()).collect();
    let mut index: Vec<Option<usize>> = columns.all().map(|c| header.iter().position(|h| h == c)).collect();
    let missing: Vec<&str> =
        columns.required.iter().zip(&index).filter(|(_, i)| i.is_none()).map(|(c, _)| *c).collect();
    if !missing.is_empty() {
        let mut expected = columns.required.join(", ");
        if header.len() == 1 && header[0].contains(';') {
            expected.push_str(" (the header has no commas but semicolons: pactnet reads comma-separated files)");
        }
        return Err(LoadError::MissingColumns {
            at: Location::new(&file, header_line),
            missing: missing.join(", "),
            expected,
        });
    }
    if let Some(column) = columns.all().find(|c| header.iter().filter(|h| h == c).count() > 1) {
        return Err(LoadError::DuplicateColumn { at: Location::new(&file, header_line), column });
    }
    let present = index.iter().map(Option::is_some).collect();
    let mut names: Vec<&str> = columns.all().collect();
    let mut others = Vec::new();
    if others_mode == OtherColumns::Text {
        for (i, h) in header.iter().enumerate() {
            if index.contains(&Some(i)) {
                continue;
            }
            if !h.is_empty() && header[..i].contains(h) {
                let at = Location::new(&file, header_line);
                return Err(LoadError::DuplicateColumn { at, column: crate::names::static_name(&written[i]) });
            }
            index.push(Some(i));
            others.push(written[i].clone());
        }
        names.extend(others.iter().map(String::as_str));
    }
    let mut provisions = (others_mode == OtherColumns::Provisions).then(|| ProvisionReader::new(&header, &index));
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(malformed(&file, e)),
        }
        let (line, last) = lines_of(&record);
        let at = Location::new(&file, line);
        if rows.len() + problems.len() >= max_rows {
            return Err(LoadError::TooManyRows { at, limit: max_rows });
        }
        if record.len() != header.len() {
            if last != line {
                // A quote opened here and closed lines later: skipping the record would lose
                // every row in between.
                return Err(LoadError::QuoteSpansLines { at, last, found: record.len(), expected: header.len() });
            }
            problems.push(ValidateError::FieldCount { at, found: record.len(), expected: header.len() });
            continue;
        }
        match select_cells(&record, &index, &names) {
            Ok(cells) => {
                if let Some(p) = &mut provisions {
                    p.read(&record, line);
                }
                rows.push(RawRow { line, cells });
            }
            Err((field, value)) => problems.push(ValidateError::BadField {
                at,
                field: crate::names::static_name(field),
                value,
                expected: "not UTF-8 text (save the file as UTF-8)".into(),
            }),
        }
    }
    if rows.is_empty() && problems.is_empty() {
        return Err(LoadError::NoRows { at: Location::new(&file, 0) });
    }
    let provisions = match provisions {
        Some(p) => {
            let (table, bad_cells) = p.finish(&file);
            if !bad_cells.is_empty() {
                problems.extend(bad_cells);
                problems.sort_by_key(|e| e.location().line);
            }
            table
        }
        None => ProvisionTable::default(),
    };
    Ok(RawTable { file, present, rows, problems, provisions, others })
}

/// Opens `source`, failing on a UTF-16 or UTF-32 byte-order mark.
///
/// # Errors
/// [`LoadError::Io`] or [`LoadError::Encoding`].
pub fn open_utf8(source: &Source, file: &Arc<str>) -> Result<Box<dyn Read>, LoadError> {
    let mut inner = source.open()?;
    let mut head = [0u8; 4];
    let mut n = 0;
    while n < head.len() {
        match inner.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => {
                let path = source.path().map_or_else(|| file.to_string().into(), Path::to_path_buf);
                return Err(LoadError::Io { path, error });
            }
        }
    }
    let encoding = match &head[..n] {
        [0xFF, 0xFE, 0, 0] => Some("UTF-32 LE"),
        [0, 0, 0xFE, 0xFF] => Some("UTF-32 BE"),
        [0xFF, 0xFE, ..] => Some("UTF-16 LE"),
        [0xFE, 0xFF, ..] => Some("UTF-16 BE"),
        _ => None,
    };
    if let Some(encoding) = encoding {
        return Err(LoadError::Encoding { at: Location::new(file, 0), encoding });
    }
    Ok(Box::new(std::io::Cursor::new(head[..n].to_vec()).chain(inner)))
}

/// Where the CSV scanner is in the quoting rules of the csv crate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Quoting {
    /// At the start of a field.
    #[default]
    FieldStart,
    /// In an unquoted field.
    Unquoted,
    /// In a quoted field.
    Quoted,
    /// Just after a quote inside a quoted field (a closing quote, or the first of `""`).
    QuoteInQuoted,
}

/// What the scanner has seen of the bytes handed to the CSV reader.
#[derive(Debug, Default, PartialEq, Eq)]
struct Scan {
    /// The current physical line (1-based; `\n` and a lone `\r` end a line).
    line: u64,
    quoting: Quoting,
    /// First line of the record being scanned (`None` between records: blank lines are skipped).
    record_start: Option<u64>,
    /// Bytes of the record being scanned.
    record_bytes: usize,
    /// Line where the open quoted field began.
    quote_open: u64,
    /// Finished records, (first line, last line), in order, not yet taken by the reader.
    records: VecDeque<(u64, u64)>,
    /// Set when a record passed [`MAX_RECORD_BYTES`]: its first line.
    too_long: Option<u64>,
    /// Set when the file ended inside a quoted field: the line where the quote opened.
    unterminated: Option<u64>,
}

impl Scan {
    fn step(&mut self, b: u8) {
        let newline = b == b'\n' || b == b'\r';
        if self.quoting == Quoting::Quoted {
            if b == b'"' {
                self.quoting = Quoting::QuoteInQuoted;
            } else if newline {
                self.line += 1;
            }
        } else if newline {
            if let Some(start) = self.record_start.take() {
                self.records.push_back((start, self.line));
            }
            self.line += 1;
            self.quoting = Quoting::FieldStart;
            self.record_bytes = 0;
            return;
        } else {
            if self.record_start.is_none() {
                self.record_start = Some(self.line);
            }
            self.quoting = match (self.quoting, b) {
                (Quoting::FieldStart, b'"') => {
                    self.quote_open = self.line;
                    Quoting::Quoted
                }
                (Quoting::QuoteInQuoted, b'"') => Quoting::Quoted,
                (_, b',') => Quoting::FieldStart,
                _ => Quoting::Unquoted,
            };
        }
        self.record_bytes += 1;
        if self.record_bytes > MAX_RECORD_BYTES && self.too_long.is_none() {
            self.too_long = Some(self.record_start.unwrap_or(self.line));
        }
    }

    /// [`Scan::step`] over `buf`, a run at a time: the bytes between quotes and line ends are
    /// taken together ([`Scan::run`]), found with `memchr` (the common bytes of a record cost
    /// no state change each).
    fn feed(&mut self, mut buf: &[u8]) {
        while let Some(i) = memchr::memchr3(b'\n', b'\r', b'"', buf) {
            self.run(&buf[..i]);
            self.step(buf[i]);
            buf = &buf[i + 1..];
        }
        self.run(buf);
    }

    /// What [`Scan::step`] does byte by byte over `run`, which holds no quote and no line end:
    /// inside quotes only the record's length grows; outside, the record starts (if it had not)
    /// and the state is that of the run's last byte (after a comma, a field starts).
    fn run(&mut self, run: &[u8]) {
        let Some(&last) = run.last() else { return };
        if self.quoting != Quoting::Quoted {
            self.record_start.get_or_insert(self.line);
            self.quoting = if last == b',' { Quoting::FieldStart } else { Quoting::Unquoted };
        }
        self.record_bytes += run.len();
        if self.record_bytes > MAX_RECORD_BYTES && self.too_long.is_none() {
            self.too_long = Some(self.record_start.unwrap_or(self.line));
        }
    }

    fn finish(&mut self) {
        if self.quoting == Quoting::Quoted {
            self.unterminated = Some(self.quote_open);
        } else if let Some(start) = self.record_start.take() {
            self.records.push_back((start, self.line));
        }
    }
}

/// Passes bytes through to the CSV reader, following records and lines in [`Scan`]; fails the
/// read when a record is too long or the file ends inside quotes.
struct Scanner<R> {
    inner: R,
    scan: Rc<RefCell<Scan>>,
}

impl<R: Read> Read for Scanner<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut scan = self.scan.borrow_mut();
        if n == 0 {
            scan.finish();
        } else {
            scan.feed(&buf[..n]);
        }
        if scan.too_long.is_some() || scan.unterminated.is_some() {
            return Err(std::io::Error::other("unreadable record"));
        }
        Ok(n)
    }
}

/// Drops the `\r` of every `\r\n`, so that the CSV reader's line numbers count CRLF files right.
struct LfOnly<R> {
    inner: R,
    /// A `\r` ended the previous read; it is written out unless a `\n` follows.
    pending_cr: bool,
}

impl<R: std::io::Read> std::io::Read for LfOnly<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.len() < 2 {
            return self.inner.read(buf);
        }
        loop {
            let start = usize::from(self.pending_cr);
            if self.pending_cr {
                buf[0] = b'\r';
            }
            let n = self.inner.read(&mut buf[start..])?;
            if n == 0 {
                self.pending_cr = false;
                return Ok(start);
            }
            self.pending_cr = false;
            let end = start + n;
            let mut out = 0;
            for i in 0..end {
                let b = buf[i];
                if b == b'\r' {
                    if i + 1 == end {
                        self.pending_cr = true;
                        continue;
                    }
                    if buf[i + 1] == b'\n' {
                        continue;
                    }
                }
                buf[out] = b;
                out += 1;
            }
            if out > 0 {
                return Ok(out);
            }
        }
    }
}

fn select_cells<'n>(
    record: &csv::ByteRecord,
    index: &[Option<usize>],
    names: &[&'n str],
) -> Result<Vec<String>, (&'n str, String)> {
    index
        .iter()
        .zip(names)
        .map(|(i, name)| {
            let bytes = i.and_then(|i| record.get(i)).unwrap_or(b"").trim_ascii();
            std::str::from_utf8(bytes)
                .map(str::to_owned)
                .map_err(|_| (*name, String::from_utf8_lossy(bytes).into_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLS: Columns = Columns { required: &["a", "b"], optional: &["c"] };

    #[test]
    fn scanning_by_runs_is_scanning_byte_by_byte() {
        let texts: [&[u8]; 7] = [
            b"a,b,c\n1,2,3\n",
            b"a,b\r\n\"x\ny\",2\r\n\n\n3,\"\"\"q\"\"\"\n",
            b"a,b\r1,\"open\r\r",
            b"\"a\"x,b,\n,\"\",\n",
            b"a,b\n1,2,",
            b"",
            b"\"\"\"\"\n\r\n\"",
        ];
        for text in texts {
            // Fed whole, in pieces of every size, and byte by byte: the same state.
            let mut bytewise = Scan { line: 1, ..Scan::default() };
            text.iter().for_each(|&b| bytewise.step(b));
            for piece in 1..=text.len().max(1) {
                let mut runs = Scan { line: 1, ..Scan::default() };
                text.chunks(piece).for_each(|c| runs.feed(c));
                assert_eq!(runs, bytewise, "{:?} in pieces of {piece}", String::from_utf8_lossy(text));
            }
        }
        // A record longer than the limit is caught by a run as by the bytes.
        let long = [b'x'; MAX_RECORD_BYTES + 2];
        let mut runs = Scan { line: 1, ..Scan::default() };
        runs.feed(&long);
        assert_eq!(runs.too_long, Some(1));
    }

    fn table(text: &'static str) -> Result<RawTable, LoadError> {
        read_table(&Source::Embedded { name: "t.csv", text }, COLS)
    }

    #[test]
    fn header_by_name_any_case_any_order_with_bom_crlf_and_quotes() {
        let t = table("\u{feff}X,B,\"A\"\r\n9, 2 ,\"1\"\r\n").unwrap();
        assert_eq!(t.present, vec![true, true, false]);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].cells, vec!["1", "2", ""]);
        assert_eq!(t.rows[0].line, 2);
    }

    #[test]
    fn missing_columns_and_empty_files_are_errors() {
        let e = table("a,x\n1,2\n").unwrap_err().to_string();
        assert_eq!(e, "t.csv:1: missing column(s) b: expected a header naming a, b");
        let e = table("a;b\n1;2\n").unwrap_err().to_string();
        assert!(e.contains("semicolons"), "{e}");
        assert_eq!(table("").unwrap_err().to_string(), "t.csv: empty file: expected a CSV header line");
        assert_eq!(
            table("a,b\r\n").unwrap_err().to_string(),
            "t.csv: no data rows after the header: expected at least one row"
        );
    }

    #[test]
    fn crlf_is_read_as_lf_across_buffer_boundaries() {
        use std::io::Read;
        let text = b"a,b\r\n1,\"x\ry\"\r\n\r";
        for chunk in 1..text.len() {
            // A reader that hands out `chunk` bytes at a time.
            struct Chunks<'a>(&'a [u8], usize);
            impl std::io::Read for Chunks<'_> {
                fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                    let n = self.1.min(self.0.len()).min(buf.len());
                    buf[..n].copy_from_slice(&self.0[..n]);
                    self.0 = &self.0[n..];
                    Ok(n)
                }
            }
            let mut out = Vec::new();
            let mut r = LfOnly { inner: Chunks(text, chunk), pending_cr: false };
            let mut buf = [0u8; 4];
            loop {
                let n = r.read(&mut buf).unwrap();
                if n == 0 {
                    break;
                }
                out.extend_from_slice(&buf[..n]);
            }
            assert_eq!(out, b"a,b\n1,\"x\ry\"\n\r", "chunk {chunk}");
        }
    }

    #[test]
    fn a_file_past_the_row_limit_is_an_error_naming_the_row() {
        let src = Source::Embedded { name: "t.csv", text: "a,b\n1,2\n3,4\n5,6\n" };
        assert_eq!(read_table_limited(&src, COLS, 3).unwrap().rows.len(), 3);
        let e = read_table_limited(&src, COLS, 2).unwrap_err().to_string();
        assert!(e.starts_with("t.csv:4: more than 2 data rows"), "{e}");
    }

    /// Issue 21: the provisions of each row are those of its own record, whatever the line
    /// ends and blank lines; bad provision cells are problems in line order, their rows kept.
    #[test]
    fn provisions_come_from_the_rows_own_records_with_any_line_ends() {
        let rows = ["1,2,3,x", "4,5,,6", "7", "8,9,1.5,10"];
        for (end, blank) in [("\n", ""), ("\r\n", ""), ("\r", ""), ("\n", "\n"), ("\r", "\r"), ("\r\n", "\r\n")] {
            // Row k (0-based) starts on line 1 + step * (k + 1); row 2 has one field.
            let text = format!("a,b,conditio,newprov{end}{blank}{}{end}", rows.join(&format!("{end}{blank}")));
            let step = if blank.is_empty() { 1 } else { 2 };
            let line = |k: u64| 1 + step * (k + 1);
            let data: Arc<[u8]> = text.as_bytes().into();
            let t = read_table_with_provisions(&Source::Bytes { name: "t.csv", data }, COLS).unwrap();
            let lines: Vec<u64> = t.rows.iter().map(|r| r.line).collect();
            assert_eq!(lines, [line(0), line(1), line(3)], "{text:?}");
            assert_eq!(t.row_of_line(line(3)), Some(2));
            assert_eq!(t.row_of_line(line(2)), None);
            let cols: Vec<&str> = t.provisions.columns().iter().map(|c| &**c).collect();
            assert_eq!(cols, ["a", "b", "conditio", "newprov"], "{text:?}");
            let cells: Vec<Vec<Option<i32>>> =
                (0..t.provisions.rows()).map(|r| t.provisions.row(r).map(|(_, v)| v).collect()).collect();
            assert_eq!(
                cells,
                [
                    [Some(1), Some(2), Some(3), None],
                    [Some(4), Some(5), None, Some(6)],
                    [Some(8), Some(9), None, Some(10)]
                ],
                "{text:?}"
            );
            let problems: Vec<String> = t.problems.iter().map(ToString::to_string).collect();
            let not_whole =
                "not a whole number (a provision column holds whole-number codes; leave a missing value empty)";
            assert_eq!(
                problems,
                [
                    format!("t.csv:{}: field newprov = \"x\": {not_whole}", line(0)),
                    format!("t.csv:{}: 1 fields, expected 4 as in the header", line(2)),
                    format!("t.csv:{}: field conditio = \"1.5\": {not_whole}", line(3)),
                ],
                "{text:?}"
            );
        }
        // Without provisions asked for: the same rows, no provision problems.
        let t = table("a,b,conditio\n1,2,x\n").unwrap();
        assert_eq!((t.rows.len(), t.problems.len(), t.provisions.columns().len()), (1, 0, 0));
    }

    #[test]
    fn wrong_field_counts_are_row_problems() {
        let t = table("a,b\n1,2\n1\n1,2,3\n").unwrap();
        assert_eq!(t.rows.len(), 1);
        let msgs: Vec<String> = t.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            msgs,
            ["t.csv:3: 1 fields, expected 2 as in the header", "t.csv:4: 3 fields, expected 2 as in the header"]
        );
    }
}
