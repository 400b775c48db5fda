//! The COW state-list reader: arbitrary bytes as the state file, with the embedded members.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactnet::io::{sample, Source};
use pactnet::{AllianceGraph, Dataset, Inputs, LoadOptions, OnRowError, SystemFilter, Timeline};

fuzz_target!(|data: &[u8]| {
    let inputs = Inputs {
        members: sample::MEMBERS,
        states: Source::Bytes { name: "states.csv", data: data.into() },
        alliances: None,
    };
    let options = LoadOptions { on_row_error: OnRowError::Skip, ..LoadOptions::default() };
    if let Ok((dataset, mut diag)) = Dataset::load(&inputs, &options) {
        let graph = AllianceGraph::build(dataset, SystemFilter::Cow, &mut diag);
        let _ = Timeline::new(&graph);
    }
});
