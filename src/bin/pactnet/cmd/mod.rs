//! One module per command: a clap `Args` struct and `run`.

pub mod alliance;
pub mod bench;
pub mod blocs;
pub mod cliques;
pub mod closure;
pub mod codesheet;
pub mod completions;
pub mod durations;
pub mod dyad;
pub mod explore;
pub mod export;
pub mod info;
pub mod metrics;
pub mod plot;
pub mod reach;
pub mod report;
pub mod separation;
pub mod similarity;
pub mod snapshot;
pub mod state;
pub mod synth;
pub mod tergm;
pub mod validate;
