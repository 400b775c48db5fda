//! The parsers of command-line values that the library owns: layers, year rules, filters,
//! measures, codings, metric names, and state names (look-up and close matches).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactnet::analysis::{GraphMetric, Level, NodeMetric};
use pactnet::measures::similarity::{Coding, Measure};
use pactnet::{Dataset, Inputs, Layer, LoadOptions, SystemFilter, YearRule};
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let _ = s.parse::<Layer>();
    let _ = s.parse::<YearRule>();
    let _ = s.parse::<SystemFilter>();
    let _ = s.parse::<Measure>();
    let _ = s.parse::<Coding>();
    let _ = s.parse::<GraphMetric>();
    let _ = s.parse::<NodeMetric>();
    let _ = s.parse::<Level>();
    let _ = s.parse::<chrono::NaiveDate>();
    static DATA: OnceLock<Dataset> = OnceLock::new();
    let data = DATA.get_or_init(|| Dataset::load(&Inputs::sample(), &LoadOptions::default()).expect("sample loads").0);
    let _ = data.states.lookup(&s);
    let _ = data.states.suggestions(&s);
});
