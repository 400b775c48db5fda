//! Coded provisions: every whole-number column of an ATOP file, kept per row by name.
//!
//! ATOP codes about 100 provisions per member row (`conditio`, `milcon`, `intcom`, `base`, …) and
//! more per alliance (`hinst`, `minst`, …). A [`ProvisionTable`] keeps each of them — and any
//! column a newer release adds — as `i32` cells in one row-major vector (4 bytes a cell; ATOP
//! 4.01's member file takes under 1 MB), with `None` for an empty cell.

use std::sync::Arc;

/// The stored value of an empty cell (a code no ATOP column uses).
const MISSING: i32 = i32::MIN;

/// Whole-number columns of a table, by name, and one row of cells per record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProvisionTable {
    /// Column names, lower case, in file order.
    columns: Arc<[Box<str>]>,
    /// Row-major cells, `columns.len()` per row; [`MISSING`] for an empty cell.
    cells: Vec<i32>,
}

impl ProvisionTable {
    /// An empty table with these columns (names are lower-cased).
    pub fn new(columns: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
        let columns: Vec<Box<str>> = columns.into_iter().map(|c| c.as_ref().to_ascii_lowercase().into()).collect();
        ProvisionTable { columns: columns.into(), cells: Vec::new() }
    }

    /// The column names, lower case, in file order.
    pub fn columns(&self) -> &[Box<str>] {
        &self.columns
    }

    /// The position of column `name`, case-insensitively.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.eq_ignore_ascii_case(name))
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.cells.len().checked_div(self.columns.len()).unwrap_or(0)
    }

    /// Appends a row; `cells` is cut or padded with empty cells to the column count. A cell of
    /// `i32::MIN` is stored as empty.
    pub fn push_row(&mut self, cells: impl IntoIterator<Item = Option<i32>>) {
        let width = self.columns.len();
        let start = self.cells.len();
        self.cells.extend(cells.into_iter().take(width).map(|c| c.unwrap_or(MISSING)));
        self.cells.resize(start + width, MISSING);
    }

    /// Appends a row of empty cells (a record with no provisions, e.g. from a coding sheet).
    pub fn push_empty(&mut self) {
        self.cells.resize(self.cells.len() + self.columns.len(), MISSING);
    }

    /// The cell of `row` in column `col`; `None` when empty or out of range.
    pub fn get(&self, row: usize, col: usize) -> Option<i32> {
        if col >= self.columns.len() {
            return None;
        }
        self.cells.get(row * self.columns.len() + col).copied().filter(|&v| v != MISSING)
    }

    /// The cell of `row` in the column named `name` (case-insensitive).
    pub fn value(&self, row: usize, name: &str) -> Option<i32> {
        self.get(row, self.column(name)?)
    }

    /// `(name, value)` of every column of `row`, in column order.
    pub fn row(&self, row: usize) -> impl Iterator<Item = (&str, Option<i32>)> + '_ {
        self.columns.iter().enumerate().map(move |(c, name)| (&**name, self.get(row, c)))
    }

    /// A table of the same columns whose rows are `rows[k]` of this one (`None`: empty row).
    pub fn select(&self, rows: &[Option<usize>]) -> ProvisionTable {
        let width = self.columns.len();
        let mut cells = Vec::with_capacity(rows.len() * width);
        for r in rows {
            match r.and_then(|r| self.cells.get(r * width..(r + 1) * width)) {
                Some(row) => cells.extend_from_slice(row),
                None => cells.resize(cells.len() + width, MISSING),
            }
        }
        ProvisionTable { columns: Arc::clone(&self.columns), cells }
    }

    /// Keeps the columns whose `keep` flag is true (flags in column order; missing flags keep),
    /// in order, with their cells.
    pub fn retain_columns(&mut self, keep: &[bool]) {
        let width = self.columns.len();
        let kept: Vec<usize> = (0..width).filter(|&c| keep.get(c).copied().unwrap_or(true)).collect();
        if kept.len() == width {
            return;
        }
        // In place: the k-th kept cell of row r moves to r * kept + k, never after where it was.
        let mut out = 0;
        for r in 0..self.rows() {
            for &c in &kept {
                self.cells[out] = self.cells[r * width + c];
                out += 1;
            }
        }
        self.cells.truncate(out);
        let columns: Vec<Box<str>> = kept.iter().map(|&c| self.columns[c].clone()).collect();
        self.columns = columns.into();
    }

    /// Keeps the rows whose `keep` flag is true (flags in row order; missing flags keep).
    pub fn retain_rows(&mut self, keep: &[bool]) {
        let width = self.columns.len();
        if width == 0 {
            return;
        }
        let mut out = 0;
        for r in 0..self.rows() {
            if keep.get(r).copied().unwrap_or(true) {
                self.cells.copy_within(r * width..(r + 1) * width, out * width);
                out += 1;
            }
        }
        self.cells.truncate(out * width);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_by_name_case_insensitively_with_empty_cells() {
        let mut t = ProvisionTable::new(["IntCom", "base"]);
        t.push_row([Some(1), None]);
        t.push_row([Some(0), Some(2), Some(9)]);
        t.push_empty();
        assert_eq!(t.rows(), 3);
        assert_eq!(t.columns(), [Box::from("intcom"), Box::from("base")]);
        assert_eq!(t.value(0, "INTCOM"), Some(1));
        assert_eq!(t.value(0, "base"), None);
        assert_eq!(t.value(1, "base"), Some(2));
        assert_eq!(t.value(2, "intcom"), None);
        assert_eq!(t.value(0, "milcon"), None);
        assert_eq!(t.get(7, 0), None);
        let s = t.select(&[Some(1), None, Some(0)]);
        assert_eq!(s.row(0).collect::<Vec<_>>(), [("intcom", Some(0)), ("base", Some(2))]);
        assert_eq!(s.row(1).collect::<Vec<_>>(), [("intcom", None), ("base", None)]);
        let mut r = s.clone();
        r.retain_rows(&[false, true, true]);
        assert_eq!(r.rows(), 2);
        assert_eq!(r.value(1, "intcom"), Some(1));
    }

    #[test]
    fn dropping_columns_keeps_the_other_cells_in_their_rows() {
        let mut t = ProvisionTable::new(["a", "b", "c"]);
        t.push_row([Some(1), Some(2), Some(3)]);
        t.push_row([None, Some(5), Some(6)]);
        t.retain_columns(&[false, true]);
        assert_eq!(t.columns(), [Box::from("b"), Box::from("c")]);
        assert_eq!(t.row(0).collect::<Vec<_>>(), [("b", Some(2)), ("c", Some(3))]);
        assert_eq!(t.row(1).collect::<Vec<_>>(), [("b", Some(5)), ("c", Some(6))]);
        t.retain_columns(&[true, false]);
        assert_eq!(t.rows(), 2);
        assert_eq!(t.row(1).collect::<Vec<_>>(), [("b", Some(5))]);
        t.retain_columns(&[false]);
        assert_eq!((t.columns().len(), t.rows()), (0, 0));
    }
}
