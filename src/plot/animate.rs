//! Animated GIFs: frames rendered and colour-quantised in parallel (rayon keeps their order),
//! then written in sequence, looping forever.

use super::output;
use super::{PlotError, PlotResult};
use plotters::coord::Shift;
use plotters::prelude::*;
use rayon::prelude::*;

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
    let encoded: Vec<PlotResult<gif::Frame<'static>>> = frames
        .par_iter()
        .map(|item| {
            let pixels = output::rgb(width, height, |area| draw(area, item))?;
            let mut frame = gif::Frame::from_rgb_speed(w, h, &pixels, 10);
            frame.delay = delay;
            Ok(frame)
        })
        .collect();
    let enc_err = |e: gif::EncodingError| PlotError::Encode { format: "GIF", message: e.to_string() };
    let mut encoder = gif::Encoder::new(out, w, h, &[]).map_err(enc_err)?;
    encoder.set_repeat(gif::Repeat::Infinite).map_err(enc_err)?;
    for frame in encoded {
        encoder.write_frame(&frame?).map_err(enc_err)?;
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
}
