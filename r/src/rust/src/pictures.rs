//! The sizes of the pictures: the CLI's ranges, checked with R's argument names. The pictures
//! themselves are the library's (`pactnet::api::pictures`), as the CLI's and Python's.

use crate::errors::{Failure, Outcome};

/// A picture's size, in the CLI's ranges (`--width 200..=8000`, `--height 150..=8000`).
pub fn size(width: i32, height: i32) -> Outcome<(u32, u32)> {
    let check = |v: i32, name: &str, range: std::ops::RangeInclusive<i32>| {
        if range.contains(&v) {
            Ok(v as u32)
        } else {
            Err(Failure::usage(format!("{name} {v}: expected {}..={} pixels", range.start(), range.end())))
        }
    };
    Ok((check(width, "width", 200..=8000)?, check(height, "height", 150..=8000)?))
}
