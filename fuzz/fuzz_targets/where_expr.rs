//! The `--where` expression parser and coding-sheet question reader: no panic on any input, and
//! a parsed expression prints to text that parses back to the same tree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactnet::filter::parse;
use pactnet::io::codesheet_questions::questions;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(e) = parse(&text) {
        let again = parse(&e.to_string()).expect("the canonical text parses");
        assert_eq!(again, e);
    }
    let _ = questions(&text);
});
