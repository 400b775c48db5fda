//! Reading every whole-number column of an ATOP file as provisions, by name.
//!
//! A second pass over the member (or alliance) file that keeps what [`super::records`] leaves
//! out: each column whose non-empty cells are all whole numbers (`3`, `-9`, or `3.0` as Stata
//! writes) in `i32` range becomes a provision column, whatever its name, so the columns a newer
//! ATOP release adds are kept too. Other columns (`version` `4.01`, text) are not provisions.
//! Rows whose field count differs from the header's are skipped (validation reports them).

use super::records::lf_only;
use super::source::Source;
use crate::error::{LoadError, Location};
use crate::model::provisions::ProvisionTable;

/// The provision columns of a file and, per row read, its line (1-based, header = line 1).
#[derive(Debug, Clone, Default)]
pub struct ProvisionRows {
    /// One row per data record with the header's field count, in file order.
    pub table: ProvisionTable,
    /// The line of each row of `table`, increasing.
    pub lines: Vec<u64>,
}

impl ProvisionRows {
    /// The row read from `line`, if any.
    pub fn row_of_line(&self, line: u64) -> Option<usize> {
        self.lines.binary_search(&line).ok()
    }
}

/// A whole number in `i32` range: `42`, `-9`, or `42.0`.
fn whole(cell: &[u8]) -> Option<i32> {
    let s = std::str::from_utf8(cell).ok()?;
    let v = s.parse::<i64>().ok().or_else(|| {
        let f = s.parse::<f64>().ok()?;
        (f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15).then_some(f as i64)
    })?;
    i32::try_from(v).ok().filter(|&v| v != i32::MIN)
}

/// Reads the whole-number columns of `source` (see the module docs).
///
/// # Errors
/// [`LoadError`] when the file cannot be read or is not CSV.
pub fn read_provisions(source: &Source) -> Result<ProvisionRows, LoadError> {
    let file = source.display_name();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(lf_only(source.open()?));
    let malformed = |e: csv::Error| LoadError::Malformed {
        at: Location::new(&file, e.position().map_or(0, |p| p.line())),
        message: e.to_string(),
    };
    let mut record = csv::ByteRecord::new();
    if !reader.read_byte_record(&mut record).map_err(malformed)? {
        return Ok(ProvisionRows::default());
    }
    let header: Vec<String> = record
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
        .collect();
    let width = header.len();
    let mut numeric: Vec<bool> = header.iter().map(|h| !h.is_empty()).collect();
    for (i, h) in header.iter().enumerate() {
        if header[..i].contains(h) {
            numeric[i] = false; // a repeated name: the first column of that name counts
        }
    }
    let mut cells: Vec<Option<i32>> = Vec::new();
    let mut lines = Vec::new();
    while reader.read_byte_record(&mut record).map_err(malformed)? {
        if record.len() != width {
            continue;
        }
        lines.push(record.position().map_or(0, |p| p.line()));
        for (c, cell) in record.iter().enumerate() {
            let cell = cell.trim_ascii();
            let v = if cell.is_empty() { None } else { whole(cell) };
            if v.is_none() && !cell.is_empty() {
                numeric[c] = false;
            }
            cells.push(v);
        }
    }
    let keep: Vec<usize> = (0..width).filter(|&c| numeric[c]).collect();
    let mut table = ProvisionTable::new(keep.iter().map(|&c| &header[c]));
    for row in cells.chunks_exact(width.max(1)) {
        table.push_row(keep.iter().map(|&c| row[c]));
    }
    Ok(ProvisionRows { table, lines })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_number_columns_are_kept_by_name_others_are_not() {
        let text =
            "\u{feff}AtopID,Name,NewProv5,version,intcom\r\n1,a,3,4.01,\r\n2,b,-1.0,4.01,1\r\n3\r\n4,c,,4.01,2\r\n";
        let p = read_provisions(&Source::Embedded { name: "m.csv", text }).unwrap();
        let cols: Vec<&str> = p.table.columns().iter().map(|c| &**c).collect();
        assert_eq!(cols, ["atopid", "newprov5", "intcom"]);
        assert_eq!(p.lines, [2, 3, 5]);
        assert_eq!(p.row_of_line(5), Some(2));
        assert_eq!(p.row_of_line(4), None);
        assert_eq!(p.table.value(1, "NEWPROV5"), Some(-1));
        assert_eq!(p.table.value(0, "intcom"), None);
        assert_eq!(p.table.value(2, "intcom"), Some(2));
        assert_eq!(p.table.value(2, "newprov5"), None);
    }
}
