//! The CLI's other pictures (`plot state`, `plot matrix`, `plot durations`, `plot reach`) as PNG
//! or SVG bytes: each builds the library's chart or scene and draws it with the library's draw
//! function, as `src/bin/pactnet/cmd/plot.rs` does; nothing is computed here.

use crate::errors::{Failure, Outcome};

/// Draws with `$draw` (a generic draw function) on a PNG or SVG canvas of `$w` × `$h` pixels.
macro_rules! picture {
    ($format:expr, $w:expr, $h:expr, |$area:ident| $draw:expr) => {
        match $format {
            pactnet::plot::output::ImageFormat::Svg => {
                pactnet::plot::output::svg($w, $h, |$area| $draw).map(String::into_bytes)
            }
            _ => pactnet::plot::output::png($w, $h, |$area| $draw),
        }
    };
}
pub(crate) use picture;

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
