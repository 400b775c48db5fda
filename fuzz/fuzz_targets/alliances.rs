//! The ATOP alliance-level reader: arbitrary bytes as the alliance file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactnet::io::{sample, Source};
use pactnet::{Dataset, Inputs, LoadOptions, OnRowError};

fuzz_target!(|data: &[u8]| {
    let inputs = Inputs {
        members: sample::MEMBERS,
        states: sample::STATES,
        alliances: Some(Source::Bytes { name: "alliances.csv", data: data.into() }),
    };
    let _ = Dataset::load(&inputs, &LoadOptions { on_row_error: OnRowError::Skip, ..LoadOptions::default() });
});
