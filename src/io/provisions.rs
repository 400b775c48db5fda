//! The provision columns of an ATOP file, read in the same pass as its rows.
//!
//! [`super::records::read_table_with_provisions`] hands every record it keeps as a row to a
//! [`ProvisionReader`], so the provisions of row *k* are those of the record the row came from,
//! whatever the file's blank lines, line ends (`\n`, `\r\n`, a lone `\r`) or kind (a pipe or a
//! FIFO is read once). Each cell of a candidate column is read as a whole number (`3`, `-9`, or
//! `3.0` as Stata writes) in the range of [`ProvisionTable`] cells, `-2147483647..=2147483647`;
//! an empty cell is missing.
//!
//! Which columns are provisions, decided from the header and the whole file:
//! - not candidates: `version` (the release, `4.01` or `5.1`, never a provision even if a release
//!   writes it as a whole number), a column with an empty name, and a repeated name after its
//!   first column;
//! - always provisions: the columns the loader reads for its rows (`atopid`, `yrent`, …; their
//!   cells are checked by `validate`, so a bad one is only read as missing here), and every
//!   column the ATOP codebook names ([`crate::model::codebook::variable`]: `conditio`, `milcon`,
//!   `hinst`, …);
//! - any other column (one a newer release adds) is a provision column when it has no non-empty
//!   cell or when more than half of its non-empty cells are whole numbers; otherwise it is a
//!   text column and is ignored (`notes` with words in most rows).
//!
//! In a provision column, each non-empty cell that is not a whole number in range is a
//! [`ValidateError::BadProvision`] naming the file, line, column and value, and the cell is read
//! as missing: one bad cell never drops its column.

use crate::error::{Location, ValidateError};
use crate::model::codebook;
use crate::model::provisions::ProvisionTable;
use std::collections::HashSet;
use std::sync::Arc;

/// How a candidate column becomes a provision column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Read by the loader for its rows: always a provision; `validate` reports its bad cells.
    Selected,
    /// Named by the ATOP codebook: always a provision; a bad cell is an error.
    Codebook,
    /// Any other name: a provision when most of its non-empty cells are whole numbers.
    Majority,
}

/// Why a non-empty cell is not a provision value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    /// Text, a fraction, `inf`, `NaN`.
    NotWhole,
    /// A whole number outside `-2147483647..=2147483647`.
    OutOfRange,
}

impl Problem {
    fn expected(self) -> &'static str {
        match self {
            Problem::NotWhole => {
                "not a whole number (a provision column holds whole-number codes; leave a missing value empty)"
            }
            Problem::OutOfRange => "outside the range of provision codes (-2147483647..=2147483647)",
        }
    }
}

/// One cell, read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    Empty,
    Whole(i32),
    Bad(Problem),
}

/// Reads a cell (already trimmed of ASCII blanks) as a provision value.
fn read_cell(cell: &[u8]) -> Cell {
    if cell.is_empty() {
        return Cell::Empty;
    }
    // Fast path for the usual cell: an optional minus and ASCII digits.
    let (negative, digits) = match cell {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, cell),
    };
    if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) {
        let mut v: i64 = 0;
        for &d in digits {
            v = match v.checked_mul(10).and_then(|v| v.checked_add(i64::from(d - b'0'))) {
                Some(v) if v <= i64::from(i32::MAX) => v,
                _ => return Cell::Bad(Problem::OutOfRange),
            };
        }
        // i32::MAX fits; so does its negation (i32::MIN, the store's empty mark, never occurs).
        return Cell::Whole(if negative { -(v as i32) } else { v as i32 });
    }
    // Anything else: `3.0`, `+3`, `1e3` as a float without fraction, else not a whole number.
    let Some(f) = std::str::from_utf8(cell).ok().and_then(|s| s.parse::<f64>().ok()) else {
        return Cell::Bad(Problem::NotWhole);
    };
    if !f.is_finite() || f.fract() != 0.0 {
        return Cell::Bad(Problem::NotWhole);
    }
    if f.abs() > f64::from(i32::MAX) {
        return Cell::Bad(Problem::OutOfRange);
    }
    Cell::Whole(f as i32)
}

/// A non-empty cell that is not a provision value.
#[derive(Debug, Clone)]
struct BadCell {
    line: u64,
    value: String,
    problem: Problem,
}

/// A column that may be a provision column, and what its cells were so far.
#[derive(Debug)]
struct Candidate {
    /// Field index in the record.
    field: usize,
    rule: Rule,
    /// Non-empty cells that were whole numbers in range.
    whole: usize,
    /// The other non-empty cells, in file order.
    bad: Vec<BadCell>,
}

/// Collects the provision cells of each row as [`super::records`] reads it (see the module docs).
#[derive(Debug)]
pub(crate) struct ProvisionReader {
    candidates: Vec<Candidate>,
    /// One row per row read, one column per candidate.
    table: ProvisionTable,
    /// The row being read (reused).
    row: Vec<Option<i32>>,
}

impl ProvisionReader {
    /// A reader for a file with this `header` (names trimmed and lower case), of which the
    /// loader reads the columns at the field indices `selected` for its rows.
    pub(crate) fn new(header: &[String], selected: &[Option<usize>]) -> Self {
        let mut candidates = Vec::new();
        let mut names = Vec::new();
        let mut seen = HashSet::with_capacity(header.len());
        for (field, name) in header.iter().enumerate() {
            // `seen.insert` last: a name is kept for its first column only.
            if name.is_empty() || name == "version" || !seen.insert(name.as_str()) {
                continue;
            }
            let rule = if selected.contains(&Some(field)) {
                Rule::Selected
            } else if codebook::variable(name).is_some() {
                Rule::Codebook
            } else {
                Rule::Majority
            };
            candidates.push(Candidate { field, rule, whole: 0, bad: Vec::new() });
            names.push(name.as_str());
        }
        let row = Vec::with_capacity(candidates.len());
        ProvisionReader { candidates, table: ProvisionTable::new(names), row }
    }

    /// Reads the candidate cells of `record`, a row starting on `line` with the header's field
    /// count.
    pub(crate) fn read(&mut self, record: &csv::ByteRecord, line: u64) {
        self.row.clear();
        for c in &mut self.candidates {
            let raw = record.get(c.field).unwrap_or(b"").trim_ascii();
            let value = match read_cell(raw) {
                Cell::Empty => None,
                Cell::Whole(v) => {
                    c.whole += 1;
                    Some(v)
                }
                Cell::Bad(problem) => {
                    if c.rule != Rule::Selected {
                        let value = String::from_utf8_lossy(raw).into_owned();
                        c.bad.push(BadCell { line, value, problem });
                    }
                    None
                }
            };
            self.row.push(value);
        }
        self.table.push_row(self.row.iter().copied());
    }

    /// The provision columns of the file (one row per [`ProvisionReader::read`]) and the bad
    /// cells of those columns as errors, in line order.
    pub(crate) fn finish(self, file: &Arc<str>) -> (ProvisionTable, Vec<ValidateError>) {
        let ProvisionReader { candidates, mut table, .. } = self;
        let keep: Vec<bool> = candidates
            .iter()
            .map(|c| match c.rule {
                Rule::Selected | Rule::Codebook => true,
                Rule::Majority => c.bad.is_empty() || c.whole > c.bad.len(),
            })
            .collect();
        let mut errors = Vec::new();
        for ((c, name), _) in candidates.into_iter().zip(table.columns()).zip(&keep).filter(|(_, keep)| **keep) {
            let field: Arc<str> = Arc::from(&**name);
            errors.extend(c.bad.into_iter().map(|b| ValidateError::BadProvision {
                at: Location::new(file, b.line),
                field: Arc::clone(&field),
                value: b.value,
                expected: b.problem.expected(),
            }));
        }
        errors.sort_by_key(|e| e.location().line);
        table.retain_columns(&keep);
        (table, errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_whole_numbers_in_range_or_bad_for_a_reason() {
        assert_eq!(read_cell(b""), Cell::Empty);
        assert_eq!(read_cell(b"0"), Cell::Whole(0));
        assert_eq!(read_cell(b"-9"), Cell::Whole(-9));
        assert_eq!(read_cell(b"007"), Cell::Whole(7));
        assert_eq!(read_cell(b"3.0"), Cell::Whole(3));
        assert_eq!(read_cell(b"+3"), Cell::Whole(3));
        assert_eq!(read_cell(b"-0.0"), Cell::Whole(0));
        assert_eq!(read_cell(b"2147483647"), Cell::Whole(i32::MAX));
        assert_eq!(read_cell(b"-2147483647"), Cell::Whole(-i32::MAX));
        assert_eq!(read_cell(b"-2147483648"), Cell::Bad(Problem::OutOfRange));
        assert_eq!(read_cell(b"3000000000"), Cell::Bad(Problem::OutOfRange));
        assert_eq!(read_cell(b"99999999999999999999999"), Cell::Bad(Problem::OutOfRange));
        assert_eq!(read_cell(b"3e9"), Cell::Bad(Problem::OutOfRange));
        for bad in [&b"x"[..], b"1.5", b"-", b"4.01", b"inf", b"NaN", b"1 2", "3\u{00A0}".as_bytes(), b"\xff"] {
            assert_eq!(read_cell(bad), Cell::Bad(Problem::NotWhole), "{:?}", String::from_utf8_lossy(bad));
        }
    }

    /// Reads `text` (a header line and rows, every row with the header's field count) with the
    /// columns named in `selected` read for the rows.
    fn read(text: &str, selected: &[&str]) -> (ProvisionTable, Vec<String>) {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        let mut records = reader.byte_records().map(|r| r.unwrap());
        let header: Vec<String> =
            records.next().unwrap().iter().map(|h| String::from_utf8_lossy(h).trim().to_ascii_lowercase()).collect();
        let index: Vec<Option<usize>> = selected.iter().map(|s| header.iter().position(|h| h == s)).collect();
        let mut p = ProvisionReader::new(&header, &index);
        for (k, r) in records.enumerate() {
            p.read(&r, k as u64 + 2);
        }
        let (table, errors) = p.finish(&Arc::from("m.csv"));
        (table, errors.iter().map(ToString::to_string).collect())
    }

    fn columns(t: &ProvisionTable) -> Vec<&str> {
        t.columns().iter().map(|c| &**c).collect()
    }

    #[test]
    fn whole_number_and_codebook_columns_are_provisions_text_and_version_are_not() {
        // newprov: unknown name, whole numbers; notes: unknown, text; empty: no cell at all;
        // a repeated `intcom` and an unnamed column are not read.
        let (t, errors) = read(
            "atopid,newprov,notes,version,intcom,empty,,intcom\n\
             1,3,see art. 2,4.01,,,9,5\n\
             2,-1.0,none,4.01,1,,9,5\n\
             3,,2,4.01,2,,9,5\n",
            &["atopid"],
        );
        assert_eq!(columns(&t), ["atopid", "newprov", "intcom", "empty"]);
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(t.rows(), 3);
        assert_eq!(
            t.row(0).collect::<Vec<_>>(),
            [("atopid", Some(1)), ("newprov", Some(3)), ("intcom", None), ("empty", None)]
        );
        assert_eq!(t.value(1, "newprov"), Some(-1));
        assert_eq!(t.value(2, "intcom"), Some(2));
    }

    #[test]
    fn a_bad_cell_of_a_codebook_column_is_an_error_and_the_column_stays() {
        // conditio is a codebook name: even mostly bad, it stays, each bad cell an error.
        let (t, errors) = read("atopid,conditio,milcon\n1,x,1\n2,1.5,\n3,3000000000,2\n4,\u{3000}1,0\n", &["atopid"]);
        assert_eq!(columns(&t), ["atopid", "conditio", "milcon"]);
        assert_eq!(
            errors,
            [
                "m.csv:2: field conditio = \"x\": not a whole number (a provision column holds whole-number codes; leave a missing value empty)",
                "m.csv:3: field conditio = \"1.5\": not a whole number (a provision column holds whole-number codes; leave a missing value empty)",
                "m.csv:4: field conditio = \"3000000000\": outside the range of provision codes (-2147483647..=2147483647)",
                "m.csv:5: field conditio = \"\\u{3000}1\": not a whole number (a provision column holds whole-number codes; leave a missing value empty)",
            ]
        );
        assert_eq!((0..4).map(|r| t.value(r, "conditio")).collect::<Vec<_>>(), [None; 4]);
        assert_eq!((0..4).map(|r| t.value(r, "milcon")).collect::<Vec<_>>(), [Some(1), None, Some(2), Some(0)]);
    }

    #[test]
    fn an_unknown_column_is_a_provision_when_most_of_its_cells_are_whole_numbers() {
        // newa: 2 whole, 1 bad -> provision, 1 error. newb: 1 whole, 1 bad -> a tie is text.
        // newc: 1 whole, 2 text -> text. The loader's own columns never give an error here.
        let (t, errors) =
            read("atopid,newa,newb,newc,yrent\n1,1,1,a,19x5\n2,2,,b,1900\n3,z,q,3,1901\n", &["atopid", "yrent"]);
        assert_eq!(columns(&t), ["atopid", "newa", "yrent"]);
        assert_eq!(
            errors,
            ["m.csv:4: field newa = \"z\": not a whole number (a provision column holds whole-number codes; leave a missing value empty)"]
        );
        assert_eq!((0..3).map(|r| t.value(r, "newa")).collect::<Vec<_>>(), [Some(1), Some(2), None]);
        assert_eq!((0..3).map(|r| t.value(r, "yrent")).collect::<Vec<_>>(), [None, Some(1900), Some(1901)]);
    }

    #[test]
    fn version_is_never_a_provision_even_as_a_whole_number() {
        let (t, errors) = read("atopid,version\n1,5\n2,5\n", &["atopid"]);
        assert_eq!(columns(&t), ["atopid"]);
        assert!(errors.is_empty());
    }
}
