//! The COW Formal Alliances reader: arbitrary bytes as `--cow-alliances`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactnet::io::{sample, Source};
use pactnet::{AllianceGraph, Dataset, ExtraInputs, Inputs, LoadOptions, OnRowError, SystemFilter};

fuzz_target!(|data: &[u8]| {
    let extra = ExtraInputs {
        cow_alliances: Some(Source::Bytes { name: "cow.csv", data: data.into() }),
        ..ExtraInputs::default()
    };
    let options = LoadOptions { on_row_error: OnRowError::Skip, ..LoadOptions::default() };
    if let Ok((dataset, mut diag)) = Dataset::load_with(&Inputs::sample(), &extra, &options) {
        let _ = AllianceGraph::build(dataset, SystemFilter::Cow, &mut diag);
    }
    let _ = sample::README.len();
});
