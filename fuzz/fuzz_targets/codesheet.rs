//! The ATOP coding-sheet parser, directly and through a load (sheets replace or add alliances).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactnet::io::codesheet::parse_codesheet;
use pactnet::io::Source;
use pactnet::{Dataset, ExtraInputs, Inputs, LoadOptions, OnRowError};

fuzz_target!(|data: &[u8]| {
    let _ = parse_codesheet("sheet.txt".into(), &String::from_utf8_lossy(data));
    let extra =
        ExtraInputs { codesheets: vec![Source::Bytes { name: "sheet.txt", data: data.into() }], ..ExtraInputs::default() };
    let _ =
        Dataset::load_with(&Inputs::sample(), &extra, &LoadOptions { on_row_error: OnRowError::Skip, ..LoadOptions::default() });
});
