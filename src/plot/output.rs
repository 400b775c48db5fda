//! From a drawing function to bytes: PNG (RGB, fast deflate), SVG text, and the output format
//! chosen by a file's extension.

use super::raster::Raster;
use super::{check_size, PlotError, PlotResult};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;

/// An image format, chosen by the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// `.png`: a bitmap.
    Png,
    /// `.svg`: vector graphics (text stays text).
    Svg,
    /// `.gif`: an animation.
    Gif,
}

impl ImageFormat {
    /// The format of `path` by its extension (case-insensitive), if known.
    pub fn of_path(path: &Path) -> Option<ImageFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "png" => Some(ImageFormat::Png),
            "svg" => Some(ImageFormat::Svg),
            "gif" => Some(ImageFormat::Gif),
            _ => None,
        }
    }

    /// The extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Svg => "svg",
            ImageFormat::Gif => "gif",
        }
    }
}

/// Renders `draw` on a `width`×`height` RGB bitmap ([`Raster`]: text set glyph by glyph) and
/// returns the raw pixels (row-major RGB).
///
/// # Errors
/// [`PlotError::BadSize`], or whatever `draw` returns.
pub fn rgb<F>(width: u32, height: u32, draw: F) -> PlotResult<Vec<u8>>
where
    F: FnOnce(&DrawingArea<Raster<'_>, Shift>) -> PlotResult<()>,
{
    check_size(width, height)?;
    let mut buf = vec![0u8; width as usize * height as usize * 3];
    {
        let area = Raster(BitMapBackend::with_buffer(&mut buf, (width, height))).into_drawing_area();
        draw(&area)?;
        area.present().map_err(super::draw_error("bitmap"))?;
    }
    Ok(buf)
}

/// Encodes RGB pixels as PNG into `out` (fast deflate: these pictures are flat colour).
///
/// # Errors
/// [`PlotError::Encode`] when the encoder or `out` fails.
pub fn encode_png(width: u32, height: u32, pixels: &[u8], out: &mut dyn std::io::Write) -> PlotResult<()> {
    let enc_err = |e: png::EncodingError| PlotError::Encode { format: "PNG", message: e.to_string() };
    let mut enc = png::Encoder::new(out, width, height);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Fast);
    let mut writer = enc.write_header().map_err(enc_err)?;
    writer.write_image_data(pixels).map_err(enc_err)?;
    writer.finish().map_err(enc_err)
}

/// Renders `draw` as a PNG file's bytes.
///
/// # Errors
/// As [`rgb`] and [`encode_png`].
pub fn png<F>(width: u32, height: u32, draw: F) -> PlotResult<Vec<u8>>
where
    F: FnOnce(&DrawingArea<Raster<'_>, Shift>) -> PlotResult<()>,
{
    let pixels = rgb(width, height, draw)?;
    let mut out = Vec::with_capacity(pixels.len() / 8);
    encode_png(width, height, &pixels, &mut out)?;
    Ok(out)
}

/// Renders `draw` as an SVG document.
///
/// # Errors
/// [`PlotError::BadSize`], or whatever `draw` returns.
pub fn svg<F>(width: u32, height: u32, draw: F) -> PlotResult<String>
where
    F: FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> PlotResult<()>,
{
    check_size(width, height)?;
    let mut text = String::new();
    {
        let area = SVGBackend::with_string(&mut text, (width, height)).into_drawing_area();
        draw(&area)?;
        area.present().map_err(super::draw_error("svg"))?;
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_the_extension() {
        assert_eq!(ImageFormat::of_path(Path::new("a/b.PNG")), Some(ImageFormat::Png));
        assert_eq!(ImageFormat::of_path(Path::new("x.svg")), Some(ImageFormat::Svg));
        assert_eq!(ImageFormat::of_path(Path::new("x.gif")), Some(ImageFormat::Gif));
        assert_eq!(ImageFormat::of_path(Path::new("x.jpg")), None);
        assert_eq!(ImageFormat::of_path(Path::new("png")), None);
    }

    #[test]
    fn png_bytes_start_with_the_signature_and_sizes_are_checked() {
        let bytes = png(200, 150, |a| a.fill(&WHITE).map_err(crate::plot::draw_error("test"))).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        assert!(matches!(png(10, 10, |_| Ok(())), Err(PlotError::BadSize { width: 10, height: 10 })));
    }
}
