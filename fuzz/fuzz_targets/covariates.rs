//! The covariate and network readers (`--state-covariates`, `--dyad-covariates`, `--network`,
//! `--network-nodes`): arbitrary bytes as each file, states resolved against the sample's list;
//! every value kept is finite.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactnet::diagnostics::Diagnostics;
use pactnet::io::covariates::{read_covariates, CovariateInputs};
use pactnet::io::network::{read_network, read_nodes};
use pactnet::io::Source;
use pactnet::{Dataset, Inputs, LoadOptions, OnRowError};

fuzz_target!(|data: &[u8]| {
    let Ok((dataset, _)) = Dataset::load(&Inputs::sample(), &LoadOptions::default()) else { return };
    let source = || Source::Bytes { name: "c.csv", data: data.into() };
    for directed in [false, true] {
        let inputs = CovariateInputs { state: vec![source()], dyad: vec![(None, source())], directed };
        if let Ok((c, diags)) = read_covariates(&inputs, &dataset.states, OnRowError::Skip) {
            let _ = diags.iter().flat_map(|d| d.warnings().map(|w| w.to_string())).count();
            for s in c.state.states(1914) {
                for name in c.state.names() {
                    assert!(c.state.value(name, s, 1914).is_none_or(f64::is_finite));
                }
            }
        }
    }
    let mut diag = Diagnostics::default();
    if let Ok(n) = read_network(&source(), &dataset.states, &mut diag) {
        for y in n.years() {
            assert!(n.ties(y).windows(2).all(|w| w[0] < w[1]) && n.ties(y).iter().all(|(a, b)| a < b));
        }
    }
    let _ = read_nodes(&source(), &dataset.states, &mut diag);
});
