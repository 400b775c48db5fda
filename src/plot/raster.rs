//! The bitmap backend of the PNG and GIF pictures: plotters' [`BitMapBackend`] with text set
//! glyph by glyph.
//!
//! Place in the flow: a drawing function (`draw_*`) → **this backend** → pixels
//! ([`super::output::rgb`]). plotters' own text rasterizer (0.3.7) places each glyph's bitmap at
//! the pen position without the glyph's left side bearing, so narrow glyphs shift left and
//! leave gaps after them ("191 4" for "1914" in a bold title). [`Raster::draw_text`] sets the
//! text itself with ab_glyph: each glyph at its pen position (advances plus kerning, the same
//! widths plotters measures, so layouts made with `FontDesc::box_size` still hold) and its own
//! bounds. Everything else is drawn by the wrapped [`BitMapBackend`].

use super::style::{register_fonts, FONT};
use ab_glyph::{point, Font, FontRef, ScaleFont};
use plotters::prelude::BitMapBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontStyle,
    FontTransform,
};
use std::sync::OnceLock;

/// A [`BitMapBackend`] whose text is set with the glyphs' bearings and kerning.
pub struct Raster<'a>(pub BitMapBackend<'a>);

/// The embedded faces, parsed once: regular and bold DejaVu Sans.
fn faces() -> Option<&'static (FontRef<'static>, FontRef<'static>)> {
    static FACES: OnceLock<Option<(FontRef<'static>, FontRef<'static>)>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            let regular = FontRef::try_from_slice(dejavu::sans::regular()).ok()?;
            let bold = FontRef::try_from_slice(dejavu::sans::bold()).ok()?;
            Some((regular, bold))
        })
        .as_ref()
}

impl<'a> DrawingBackend for Raster<'a> {
    type ErrorType = <BitMapBackend<'a> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.fill_polygon(vert, style)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        (iw, ih): (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.blit_bitmap(pos, (iw, ih), src)
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        self.0.estimate_text_size(text, style)
    }

    /// Sets `text` glyph by glyph (see the module docs); text in another family than
    /// [`FONT`], or turned, is drawn by the wrapped backend.
    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        let face = faces().filter(|_| register_fonts().is_ok() && style.family().as_str() == FONT);
        let (Some((regular, bold)), FontTransform::None) = (face, style.transform()) else {
            return self.0.draw_text(text, style, pos);
        };
        if color.alpha == 0.0 {
            return Ok(());
        }
        let font = if matches!(style.style(), FontStyle::Bold) { bold } else { regular };
        let size = style.size();
        let scaled = font.as_scaled(size as f32);
        // The box plotters measures (advances and kerning), so anchors match the geometry.
        let ((min_x, min_y), (max_x, max_y)) =
            style.layout_box(text).map_err(|e| DrawingErrorKind::FontError(Box::new(e)))?;
        let (width, height) = (max_x - min_x, max_y - min_y);
        let dx = match style.anchor().h_pos {
            HPos::Left => 0,
            HPos::Right => -width,
            HPos::Center => -width / 2,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0,
            VPos::Center => -height / 2,
            VPos::Bottom => -height,
        };
        let (w, h) = self.get_size();
        // plotters' baseline: half the size below the top of the box.
        let baseline = (size / 2.0) as f32;
        let mut pen = 0f32;
        let mut previous = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = previous {
                pen += scaled.kern(p, id);
            }
            previous = Some(id);
            let glyph = id.with_scale_and_position(scaled.scale(), point(pen, baseline));
            pen += scaled.h_advance(id);
            let Some(outline) = font.outline_glyph(glyph) else { continue };
            let bounds = outline.px_bounds();
            let (left, top) = (bounds.min.x as i32, bounds.min.y as i32);
            let mut pixels = Vec::new();
            outline.draw(|x, y, coverage| pixels.push((x as i32, y as i32, coverage)));
            for (x, y, coverage) in pixels {
                let (x, y) = (pos.0 + dx - min_x + left + x, pos.1 + dy - min_y + top + y);
                if x >= 0 && x < w as i32 && y >= 0 && y < h as i32 && coverage > 0.0 {
                    let c = BackendColor { alpha: color.alpha * f64::from(coverage.min(1.0)), rgb: color.rgb };
                    self.0.draw_pixel((x, y), c)?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;

    /// The columns of a `w`-wide RGB buffer that hold any dark pixel.
    fn inked_columns(buf: &[u8], w: usize) -> Vec<bool> {
        let mut cols = vec![false; w];
        for (k, px) in buf.chunks(3).enumerate() {
            if px.iter().all(|&v| v < 128) {
                cols[k % w] = true;
            }
        }
        cols
    }

    /// The first column of each run of inked columns.
    fn run_starts(cols: &[bool]) -> Vec<i32> {
        (0..cols.len()).filter(|&x| cols[x] && (x == 0 || !cols[x - 1])).map(|x| x as i32).collect()
    }

    fn render(text: &str, ours: bool) -> Vec<u8> {
        register_fonts().unwrap();
        let (w, h) = (400u32, 80u32);
        let mut buf = vec![255u8; (w * h * 3) as usize];
        {
            let font = (FONT, 40.0, FontStyle::Bold).into_font().color(&BLACK);
            if ours {
                let area = Raster(BitMapBackend::with_buffer(&mut buf, (w, h))).into_drawing_area();
                area.draw_text(text, &font, (10, 10)).unwrap();
                area.present().unwrap();
            } else {
                let area = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
                area.draw_text(text, &font, (10, 10)).unwrap();
                area.present().unwrap();
            }
        }
        buf
    }

    #[test]
    fn bold_digits_sit_at_their_pen_positions() {
        // Each digit of "1914" is one run of ink; its first column must be where the font puts
        // it: the pen position (advances and kerning) plus the glyph's left side bearing. In
        // DejaVu Sans Bold at 40 px every digit advances 27.8 px, and a "1" has a wide left
        // bearing (about 5 px), which plotters' own rasterizer leaves out ("191 4").
        let (_, bold) = faces().unwrap();
        let scaled = bold.as_scaled(40.0);
        let mut pen = 0f32;
        let mut previous = None;
        let mut expected = Vec::new();
        for c in "1914".chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = previous {
                pen += scaled.kern(p, id);
            }
            previous = Some(id);
            let glyph = id.with_scale_and_position(scaled.scale(), point(pen, 20.0));
            expected.push(10 + bold.outline_glyph(glyph).unwrap().px_bounds().min.x as i32);
            pen += scaled.h_advance(id);
        }
        let ours = run_starts(&inked_columns(&render("1914", true), 400));
        let theirs = run_starts(&inked_columns(&render("1914", false), 400));
        assert_eq!(ours.len(), 4, "{ours:?}");
        for (o, e) in ours.iter().zip(&expected) {
            assert!((o - e).abs() <= 1, "ink starts {ours:?}, font {expected:?}");
        }
        let off = theirs.iter().zip(&expected).map(|(t, e)| (t - e).abs()).max().unwrap_or(0);
        assert!(off >= 3, "plotters' rasterizer is {off} px off: {theirs:?} vs {expected:?}");
    }
}
