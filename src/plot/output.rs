//! From a drawing function to bytes: PNG (RGB, fast deflate), SVG text, PDF (the SVG converted
//! by `usvg` and `krilla-svg`, DejaVu Sans embedded), and the output format chosen by a file's
//! extension.

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
    /// `.pdf`: vector graphics with the fonts embedded (text stays text), one page of the
    /// picture's size, 1 pixel = 1 pt.
    Pdf,
}

impl ImageFormat {
    /// The format of `path` by its extension (case-insensitive), if known.
    pub fn of_path(path: &Path) -> Option<ImageFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "png" => Some(ImageFormat::Png),
            "svg" => Some(ImageFormat::Svg),
            "gif" => Some(ImageFormat::Gif),
            "pdf" => Some(ImageFormat::Pdf),
            _ => None,
        }
    }

    /// The extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Svg => "svg",
            ImageFormat::Gif => "gif",
            ImageFormat::Pdf => "pdf",
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

/// The fonts a PDF may embed: the DejaVu Sans faces the pictures are drawn with, and no other
/// (no system fonts: the same PDF on every machine). Built once.
#[cfg(feature = "pdf")]
fn pdf_fonts() -> std::sync::Arc<usvg::fontdb::Database> {
    static DB: std::sync::OnceLock<std::sync::Arc<usvg::fontdb::Database>> = std::sync::OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(dejavu::sans::regular().to_vec());
        db.load_font_data(dejavu::sans::bold().to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        std::sync::Arc::new(db)
    })
    .clone()
}

/// Converts an SVG document made by [`svg`] into a one-page PDF with `usvg` and `krilla-svg`:
/// vector shapes, text kept as text in DejaVu Sans with the used glyphs of each face embedded
/// (subset). The page is the SVG's size with one pixel as one point. Images linked from the SVG
/// are not loaded (pactnet's SVGs have none). Deterministic: the same SVG gives the same bytes
/// (krilla writes no date or random document id unless asked to).
///
/// # Errors
/// [`PlotError::Encode`] when the SVG cannot be parsed or converted.
#[cfg(feature = "pdf")]
pub fn pdf_from_svg(svg: &str) -> PlotResult<Vec<u8>> {
    use krilla_svg::SurfaceExt as _;
    let encode = |message: String| PlotError::Encode { format: "PDF", message };
    let options = usvg::Options {
        font_family: "DejaVu Sans".to_string(),
        fontdb: pdf_fonts(),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    // A stroked line's `opacity` is its stroke's opacity (it has no fill and does not overlap
    // itself), and saying so spares krilla a transparency group per edge (2,500 in 2016).
    let svg = svg.replace("<polyline fill=\"none\" opacity=\"", "<polyline fill=\"none\" stroke-opacity=\"");
    let tree = usvg::Tree::from_str(&svg, &options).map_err(|e| encode(e.to_string()))?;
    let size = krilla::geom::Size::from_wh(tree.size().width(), tree.size().height())
        .ok_or_else(|| encode("the picture has no size".to_string()))?;
    let mut document = krilla::Document::new();
    let mut page = document.start_page_with(krilla::page::PageSettings::new(size));
    let mut surface = page.surface();
    let drawn = surface.draw_svg(&tree, size, krilla_svg::SvgSettings::default());
    surface.finish();
    page.finish();
    drawn.ok_or_else(|| encode("the SVG could not be drawn".to_string()))?;
    document.finish().map_err(|e| encode(format!("{e:?}")))
}

/// Without the `pdf` feature (the Python and R packages leave it out: they draw no PDF, and the
/// PDF writer's crates would lengthen their builds) a PDF is refused by name.
///
/// # Errors
/// Always [`PlotError::Encode`].
#[cfg(not(feature = "pdf"))]
pub fn pdf_from_svg(_svg: &str) -> PlotResult<Vec<u8>> {
    Err(PlotError::Encode {
        format: "PDF",
        message: "this build of pactnet has no PDF output (built without the `pdf` feature)".to_string(),
    })
}

/// Renders `draw` as a PDF file's bytes: [`svg`], then [`pdf_from_svg`].
///
/// # Errors
/// As [`svg`] and [`pdf_from_svg`].
pub fn pdf<F>(width: u32, height: u32, draw: F) -> PlotResult<Vec<u8>>
where
    F: FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> PlotResult<()>,
{
    pdf_from_svg(&svg(width, height, draw)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_the_extension() {
        assert_eq!(ImageFormat::of_path(Path::new("a/b.PNG")), Some(ImageFormat::Png));
        assert_eq!(ImageFormat::of_path(Path::new("x.svg")), Some(ImageFormat::Svg));
        assert_eq!(ImageFormat::of_path(Path::new("x.gif")), Some(ImageFormat::Gif));
        assert_eq!(ImageFormat::of_path(Path::new("x.Pdf")), Some(ImageFormat::Pdf));
        assert_eq!(ImageFormat::of_path(Path::new("x.jpg")), None);
        assert_eq!(ImageFormat::of_path(Path::new("png")), None);
    }

    #[test]
    fn png_bytes_start_with_the_signature_and_sizes_are_checked() {
        let bytes = png(200, 150, |a| a.fill(&WHITE).map_err(crate::plot::draw_error("test"))).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        assert!(matches!(png(10, 10, |_| Ok(())), Err(PlotError::BadSize { width: 10, height: 10 })));
    }

    #[test]
    #[cfg(feature = "pdf")]
    fn pdf_embeds_the_fonts_of_its_text() {
        let bytes = pdf(300, 200, |a| {
            let err = crate::plot::draw_error("test");
            a.fill(&WHITE).map_err(&err)?;
            crate::plot::style::register_fonts()?;
            let regular = (crate::plot::style::FONT, 20.0).into_font();
            let bold = (crate::plot::style::FONT, 20.0, FontStyle::Bold).into_font();
            a.draw_text("Alliances", &regular.color(&BLACK), (10, 10)).map_err(&err)?;
            a.draw_text("1914", &bold.color(&BLACK), (10, 50)).map_err(&err)
        })
        .unwrap();
        assert_eq!(&bytes[..5], b"%PDF-");
        let text = String::from_utf8_lossy(&bytes);
        // One embedded (subset) TrueType program per face: /FontFile2, named `XXXXXX+DejaVuSans…`.
        assert_eq!(text.matches("/FontFile2").count(), 2, "two embedded faces");
        assert!(text.contains("+DejaVuSans-Bold") && text.contains("+DejaVuSans"), "subset names");
        // The page is the picture's size in points.
        assert!(text.contains("/MediaBox [0 0 300 200]"), "media box");
        // Deterministic: the same picture gives the same bytes.
        let again = pdf(300, 200, |a| a.fill(&WHITE).map_err(crate::plot::draw_error("test"))).unwrap();
        let twice = pdf(300, 200, |a| a.fill(&WHITE).map_err(crate::plot::draw_error("test"))).unwrap();
        assert_eq!(again, twice);
    }
}
