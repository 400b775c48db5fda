//! The CSV record reader on arbitrary bytes, quotes and line ends above all: no panic, and every
//! row's line is a physical line of the input, strictly increasing (issue 12).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactnet::io::records::{read_table, Columns};
use pactnet::io::Source;

const COLUMNS: Columns = Columns { required: &["a", "b"], optional: &["c"] };

fuzz_target!(|data: &[u8]| {
    let Ok(table) = read_table(&Source::Bytes { name: "t.csv", data: data.into() }, COLUMNS) else { return };
    // Physical lines: `\n`, `\r\n` and a lone `\r` each end one.
    let breaks = data.iter().enumerate().filter(|&(i, &b)| b == b'\n' || (b == b'\r' && data.get(i + 1) != Some(&b'\n'))).count();
    let lines = breaks as u64 + 1;
    let mut last = 1;
    let mut all: Vec<u64> = table.rows.iter().map(|r| r.line).collect();
    all.extend(table.problems.iter().map(|p| p.location().line));
    all.sort_unstable();
    for line in all {
        assert!(line > last && line <= lines, "line {line} after {last}, {lines} lines");
        last = line;
    }
});
