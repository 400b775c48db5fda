//! Integration tests: the command line (`cli`), and facts of the real ATOP 4.01 + COW 2016 data
//! (`real_data`, located through `PACTNET_DATA_DIR`, default `../shared/data`).

mod adversarial;
mod bad_input;
mod cli;
mod codesheets;
mod common;
mod covariates;
mod cow;
mod explore;
mod export;
mod issue12;
mod issue21;
mod issue24;
mod metrics;
mod plot;
mod provisions;
mod readme;
mod real_data;
mod report;
mod research;
mod tergm;
