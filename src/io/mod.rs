//! Input and output: reading the ATOP/COW tables, the embedded sample, writing tables atomically.

pub mod atomic;
pub mod atop;
pub mod atop_dyads;
pub mod codesheet;
pub mod codesheet_questions;
pub mod cow;
pub mod cow_alliances;
pub mod provisions;
pub mod records;
pub mod sample;
pub mod source;
pub mod table;

pub use source::Source;
