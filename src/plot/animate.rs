//! Animated GIFs: frames rendered and colour-quantised in parallel (rayon keeps their order),
//! a few at a time, each batch written before the next is drawn, looping forever. Memory is
//! that of one batch (at most [`BATCH_BYTES`] of pixels, and at least one frame), whatever the
//! number of frames: 201 frames of 8000×8000 take as much as one.

use super::output;
use super::{PlotError, PlotResult};
use plotters::coord::Shift;
use plotters::prelude::*;
use rayon::prelude::*;

/// Pixel memory of one batch of frames drawn in parallel: 512 MiB (a frame takes 8 bytes per
/// pixel while drawn and quantised: 3 of RGB, 4 of the RGBA copy the quantiser makes, 1 of
/// palette index).
pub const BATCH_BYTES: u64 = 512 << 20;

/// Frames drawn at once: as many as rayon has threads, within [`BATCH_BYTES`], at least 1.
fn batch_len(width: u32, height: u32) -> usize {
    let frame = u64::from(width) * u64::from(height) * 8;
    let fit = usize::try_from(BATCH_BYTES / frame.max(1)).unwrap_or(usize::MAX);
    fit.clamp(1, rayon::current_num_threads().max(1))
}

/// Frame delay in hundredths of a second for `fps` frames per second (at least 1).
pub fn delay_for(fps: u32) -> u16 {
    (100 / fps.clamp(1, 100)) as u16
}

/// Writes an animated GIF of `frames` items to `out`: `draw` draws one frame; `fps` frames per
/// second; NeuQuant colour quantisation per frame (speed 10).
///
/// # Errors
/// [`PlotError::BadSize`] (GIF sides are at most 65535), any error of `draw`, or
/// [`PlotError::Encode`] when writing fails.
pub fn write_gif<T, F>(
    width: u32,
    height: u32,
    fps: u32,
    frames: &[T],
    draw: F,
    out: &mut dyn std::io::Write,
) -> PlotResult<()>
where
    T: Sync,
    F: Fn(&DrawingArea<super::raster::Raster<'_>, Shift>, &T) -> PlotResult<()> + Sync,
{
    super::check_size(width, height)?;
    let (w, h) = (u16::try_from(width), u16::try_from(height));
    let (Ok(w), Ok(h)) = (w, h) else { return Err(PlotError::BadSize { width, height }) };
    let delay = delay_for(fps);
    let enc_err = |e: gif::EncodingError| PlotError::Encode { format: "GIF", message: e.to_string() };
    let mut encoder = gif::Encoder::new(out, w, h, &[]).map_err(enc_err)?;
    encoder.set_repeat(gif::Repeat::Infinite).map_err(enc_err)?;
    for batch in frames.chunks(batch_len(width, height)) {
        let encoded: Vec<PlotResult<gif::Frame<'static>>> = batch
            .par_iter()
            .map(|item| {
                let pixels = output::rgb(width, height, |area| draw(area, item))?;
                let mut frame = gif::Frame::from_rgb_speed(w, h, &pixels, 10);
                frame.delay = delay;
                Ok(frame)
            })
            .collect();
        for frame in encoded {
            encoder.write_frame(&frame?).map_err(enc_err)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_two_frame_gif_decodes_with_two_frames() {
        let mut bytes = Vec::new();
        let colors = [RED, BLUE];
        write_gif(200, 150, 2, &colors, |a, c| a.fill(c).map_err(crate::plot::draw_error("test")), &mut bytes).unwrap();
        assert_eq!(&bytes[..6], b"GIF89a");
        let mut decoder = gif::DecodeOptions::new().read_info(bytes.as_slice()).unwrap();
        let mut n = 0;
        while let Some(f) = decoder.read_next_frame().unwrap() {
            assert_eq!(f.delay, 50);
            n += 1;
        }
        assert_eq!(n, 2);
        assert_eq!(delay_for(0), 100);
    }

    #[test]
    fn issue25_batches_fit_their_memory_and_hold_a_frame_at_least() {
        assert_eq!(batch_len(8000, 8000), 1);
        assert_eq!(batch_len(4000, 4000), 4usize.min(rayon::current_num_threads()));
        assert_eq!(batch_len(65535, 65535), 1);
        assert!(batch_len(200, 150) >= 1);
        assert!(batch_len(200, 150) <= rayon::current_num_threads());
    }
}
