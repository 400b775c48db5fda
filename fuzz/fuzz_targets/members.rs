//! The ATOP member-level reader and everything after it: arbitrary bytes as the member file,
//! with the embedded COW list. Any outcome but a panic is fine.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactnet::io::{sample, Source};
use pactnet::{
    AllianceGraph, Dataset, Inputs, Layer, LoadOptions, OnRowError, Period, SnapshotBuilder, SystemFilter, Timeline,
};

fuzz_target!(|data: &[u8]| {
    let inputs = Inputs {
        members: Source::Bytes { name: "members.csv", data: data.into() },
        states: sample::STATES,
        alliances: None,
    };
    for on_row_error in [OnRowError::Fail, OnRowError::Skip] {
        let Ok((dataset, mut diag)) = Dataset::load(&inputs, &LoadOptions { on_row_error, ..LoadOptions::default() }) else {
            continue;
        };
        let graph = AllianceGraph::build(dataset, SystemFilter::None, &mut diag);
        let timeline = Timeline::new(&graph);
        let mut builder = SnapshotBuilder::new(&graph, &timeline);
        for year in timeline.years().take(3) {
            let _ = builder.build(Period::Year(year), Layer::Any);
        }
    }
});
