//! ATOP's directed dyad-year reader and its application to the multigraph: arbitrary bytes as
//! `--atop-dyads`, with the embedded sample as the member file, under each system filter.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactnet::io::Source;
use pactnet::{AllianceGraph, Dataset, ExtraInputs, Inputs, LoadOptions, OnRowError, SystemFilter, Timeline};

fuzz_target!(|data: &[u8]| {
    let extra = ExtraInputs {
        atop_dyads: Some(Source::Bytes { name: "ddyr.csv", data: data.into() }),
        ..ExtraInputs::default()
    };
    let options = LoadOptions { on_row_error: OnRowError::Skip, ..LoadOptions::default() };
    for filter in [SystemFilter::Cow, SystemFilter::Atop] {
        if let Ok((dataset, mut diag)) = Dataset::load_with(&Inputs::sample(), &extra, &options) {
            let graph = AllianceGraph::build(dataset, filter, &mut diag);
            let _ = Timeline::new(&graph);
            let _ = diag.warnings().map(|w| w.to_string()).count();
        }
    }
});
