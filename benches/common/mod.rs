//! Inputs shared by the benches: the embedded sample and, when present, the real ATOP 4.01 +
//! COW 2016 files (located through `PACTNET_DATA_DIR`, default `../shared/data`).
#![allow(dead_code)]

use pactnet::io::Source;
use pactnet::{AllianceGraph, Dataset, Inputs, LoadOptions, SystemFilter, Timeline};
use std::path::{Path, PathBuf};

/// The real data's inputs, or `None` with a message on stderr when the files are absent.
pub fn real_inputs() -> Option<Inputs> {
    let dir = std::env::var_os("PACTNET_DATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    let members = dir.join("atop-4.01/atop4_01m.csv");
    let states = dir.join("cow/states2016.csv");
    if members.is_file() && states.is_file() {
        Some(Inputs { members: Source::File(members), states: Source::File(states), alliances: None })
    } else {
        eprintln!("real data not found under {} (set PACTNET_DATA_DIR): benchmarking the sample only", dir.display());
        None
    }
}

/// The real data directory (`PACTNET_DATA_DIR`, default `../shared/data`).
pub fn data_dir() -> PathBuf {
    std::env::var_os("PACTNET_DATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"))
}

/// ATOP 5.1's member file with the COW list, if present.
pub fn atop51_inputs() -> Option<Inputs> {
    let dir = data_dir();
    let (members, states) = (dir.join("atop-5.1/atop5_1m.csv"), dir.join("cow/states2016.csv"));
    let found = members.is_file() && states.is_file();
    found.then_some(Inputs { members: Source::File(members), states: Source::File(states), alliances: None })
}

/// ATOP 5.1's directed dyad-year file (`reference/`), if present.
pub fn atop51_dyads() -> Option<Source> {
    let f = data_dir().join("reference/atop5_1_directed_dyad_years.csv");
    f.is_file().then_some(Source::File(f))
}

/// `("sample", …)` and, when present, `("atop4.01", …)` and `("atop5.1", …)`.
pub fn datasets() -> Vec<(&'static str, Inputs)> {
    let mut v = vec![("sample", Inputs::sample())];
    v.extend(real_inputs().map(|i| ("atop4.01", i)));
    v.extend(atop51_inputs().map(|i| ("atop5.1", i)));
    v
}

/// Loads, validates and builds the multigraph and timeline (outside any timed loop).
pub fn graph(inputs: &Inputs) -> (AllianceGraph, Timeline) {
    let (data, mut diag) = Dataset::load(inputs, &LoadOptions::default()).expect("bench inputs load");
    let g = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
    let t = Timeline::new(&g);
    (g, t)
}
