//! Input and output: reading the ATOP/COW tables, ATOP coding sheets, the embedded sample,
//! writing tables atomically, escaping text and data for pages.

pub mod atomic;
pub mod atop;
pub mod atop_dyads;
pub mod codesheet;
mod codesheet_lines;
pub mod codesheet_questions;
pub mod codesheet_record;
pub mod columns;
pub mod covariates;
pub mod cow;
pub mod cow_alliances;
pub mod html;
pub mod network;
pub mod provisions;
pub mod records;
pub mod sample;
pub mod source;
pub mod table;

pub use source::Source;
