//! The CSV cell writer (issue 25): a guarded cell never starts a formula, reads back (csv crate)
//! as the text with at most a leading `'`, and a raw cell reads back exactly; JSON lists keep
//! their items.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactnet::io::table::{guard_csv_cell, write_table_with, CsvCells, OutputFormat, OwnedTable, Value};

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data).into_owned();
    let guarded = guard_csv_cell(&s);
    if guarded.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        // Only a number (`-12.5`, `+3`, `-1e999`) may start so: a spreadsheet reads it as one.
        assert!(
            guarded.parse::<f64>().is_ok() && !guarded.contains(['n', 'N', 'i', 'I']),
            "{guarded:?} would run as a formula"
        );
    }
    assert!(guarded == s || guarded.strip_prefix('\'') == Some(s.as_str()));
    let items: Vec<String> = s.split(' ').map(str::to_string).collect();
    let mut table = OwnedTable::new(&["text", "list"]);
    table.push(vec![Value::Text(s.clone()), Value::List(items.clone(), ';')]);
    for (cells, expected) in [(CsvCells::Guarded, guarded.to_string()), (CsvCells::Raw, s.clone())] {
        let mut out = Vec::new();
        write_table_with(&table, OutputFormat::Csv, cells, &mut out).expect("in memory");
        let mut reader = csv::ReaderBuilder::new().from_reader(out.as_slice());
        let row = reader.records().next().expect("one row").expect("valid CSV");
        assert_eq!(&row[0], expected.as_str());
    }
    let mut out = Vec::new();
    write_table_with(&table, OutputFormat::Json, CsvCells::Guarded, &mut out).expect("in memory");
    let rows: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    assert_eq!(rows[0]["list"], serde_json::json!(items));
    assert_eq!(rows[0]["text"], serde_json::json!(s));
});
