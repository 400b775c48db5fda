//! Front-end helpers shared by the command line and the Python and R packages: loading
//! ([`session`]), the tables of
//! `pactnet snapshot`, `state`, `dyad` and `info`, the parsing of layer and metric lists, and
//! whole pictures as bytes. Each returns what the CLI writes, so both faces give the same values.

pub mod choices;
pub mod pictures;
pub mod session;
pub mod summary;
pub mod tables;
