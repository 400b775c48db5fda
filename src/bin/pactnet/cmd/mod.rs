//! One module per command: a clap `Args` struct and `run`.

pub mod bench;
pub mod blocs;
pub mod cliques;
pub mod closure;
pub mod codesheet;
pub mod completions;
pub mod dyad;
pub mod explore;
pub mod export;
pub mod info;
pub mod metrics;
pub mod plot;
pub mod report;
pub mod similarity;
pub mod snapshot;
pub mod state;
pub mod synth;
pub mod validate;
