//! Colours, fonts and sizes shared by every plot.
//!
//! Edge colours: one per [`Obligation`] from the Okabe–Ito palette (Okabe & Ito 2008, "Color
//! Universal Design"), distinguishable with the common colour-vision deficiencies. Node colours
//! (regions, blocs) come from Paul Tol's "light" scheme, paler than the edges so that the two
//! codes never read as one. Text is DejaVu Sans, embedded (Bitstream Vera licence, which allows
//! redistribution; the notice is in `docs/fonts/DejaVu-LICENSE.txt`).

use super::{PlotError, PlotResult};
use crate::model::Obligation;
use plotters::style::{FontStyle, RGBColor};
use std::sync::OnceLock;

/// The font family name the plots ask for; [`register_fonts`] binds it to DejaVu Sans. It is a CSS
/// font list, so an SVG falls back to any sans-serif font where DejaVu Sans is not installed.
pub const FONT: &str = "DejaVu Sans, sans-serif";

/// Registers the embedded DejaVu Sans (regular and bold) under [`FONT`]; idempotent, and every
/// `draw_*` function calls it.
///
/// # Errors
/// [`PlotError::Font`] if the embedded font data cannot be parsed (a broken build).
pub fn register_fonts() -> PlotResult<()> {
    static DONE: OnceLock<bool> = OnceLock::new();
    let ok = *DONE.get_or_init(|| {
        plotters::style::register_font(FONT, FontStyle::Normal, dejavu::sans::regular()).is_ok()
            && plotters::style::register_font(FONT, FontStyle::Bold, dejavu::sans::bold()).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(PlotError::Font { name: "DejaVu Sans" })
    }
}

/// Okabe–Ito colour of an obligation type's edges.
pub fn obligation_color(o: Obligation) -> RGBColor {
    match o {
        Obligation::Defense => RGBColor(0xD5, 0x5E, 0x00),       // vermillion
        Obligation::Offense => RGBColor(0xCC, 0x79, 0xA7),       // reddish purple
        Obligation::Neutrality => RGBColor(0x00, 0x72, 0xB2),    // blue
        Obligation::Nonaggression => RGBColor(0x00, 0x9E, 0x73), // bluish green
        Obligation::Consultation => RGBColor(0xE6, 0x9F, 0x00),  // orange
        Obligation::Entente => RGBColor(0x56, 0xB4, 0xE9),       // sky blue
    }
}

/// Colour of the `any` layer's line in time series (Okabe–Ito black).
pub const ANY_LAYER: RGBColor = RGBColor(0, 0, 0);

/// Text and axis colour.
pub const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
/// Secondary text (captions).
pub const MUTED: RGBColor = RGBColor(0x66, 0x66, 0x66);
/// Node outline.
pub const OUTLINE: RGBColor = RGBColor(0x33, 0x33, 0x33);
/// Fill of nodes when colour shows nothing, of isolated blocs, and of shaded eras.
pub const NEUTRAL: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);
/// Background.
pub const PAPER: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

/// Paul Tol's "light" scheme without its grey: bloc colours, cycled by label.
pub const BLOC_COLORS: [RGBColor; 8] = [
    RGBColor(0x77, 0xAA, 0xDD),
    RGBColor(0xEE, 0x88, 0x66),
    RGBColor(0xEE, 0xDD, 0x88),
    RGBColor(0xFF, 0xAA, 0xBB),
    RGBColor(0x99, 0xDD, 0xFF),
    RGBColor(0x44, 0xBB, 0x99),
    RGBColor(0xBB, 0xCC, 0x33),
    RGBColor(0xAA, 0xAA, 0x00),
];

pub use crate::model::Region;

impl Region {
    /// Node fill colour (Tol "light").
    pub fn color(self) -> RGBColor {
        match self {
            Region::Americas => RGBColor(0x77, 0xAA, 0xDD),
            Region::Europe => RGBColor(0xEE, 0xDD, 0x88),
            Region::Africa => RGBColor(0x44, 0xBB, 0x99),
            Region::MiddleEast => RGBColor(0xEE, 0x88, 0x66),
            Region::Asia => RGBColor(0xFF, 0xAA, 0xBB),
            Region::Oceania => RGBColor(0x99, 0xDD, 0xFF),
            Region::Other => NEUTRAL,
        }
    }
}

/// Bloc colour of a persistent bloc label; `None` (a one-state bloc) is neutral grey.
pub fn bloc_color(label: Option<u32>) -> RGBColor {
    match label {
        Some(l) => BLOC_COLORS[l as usize % BLOC_COLORS.len()],
        None => NEUTRAL,
    }
}

/// Sizes derived from the picture size, so that 800×600 and 1600×1200 read alike.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    /// Geometry scale: 1 at 1600×1200.
    pub scale: f64,
    /// Text scale: the geometry scale clamped to 0.75..=2 so small pictures stay legible.
    pub text: f64,
}

impl Metrics {
    /// Sizes for a `width`×`height` picture.
    pub fn for_size(width: u32, height: u32) -> Self {
        let scale = (f64::from(width) / 1600.0).min(f64::from(height) / 1200.0);
        Metrics { scale, text: scale.clamp(0.75, 2.0) }
    }

    /// A length in pixels: `px` at 1600×1200.
    pub fn px(self, px: f64) -> i32 {
        (px * self.scale).round().max(1.0) as i32
    }

    /// A font size in pixels: `px` at 1600×1200, never below 75 % of it.
    pub fn font(self, px: f64) -> f64 {
        (px * self.text).round()
    }
}

/// [`source_caption`] of `data`'s member file, followed by ATOP's dyad-year file when its
/// directed obligations are used (`--atop-dyads`) and the `--where` filter its member rows
/// passed, if any: `…; COW state system; directed obligations of ATOP's dyad-years
/// (atop5_1ddyr.csv); member rows where conditio = 0`.
pub fn data_caption(data: &crate::Dataset) -> String {
    let mut caption = caption_of_source(&data.member_file, data.source);
    if let Some(dyads) = &data.atop_dyads {
        caption.push_str(&format!("; directed obligations of ATOP's dyad-years ({})", dyads.file()));
    }
    match &data.row_filter {
        Some(f) => format!("{caption}; member rows where {f}"),
        None => caption,
    }
}

/// ` (where EXPR)` for a title when `data`'s member rows were filtered by `--where`, else "".
pub fn filter_suffix(data: &crate::Dataset) -> String {
    data.row_filter.as_ref().map_or(String::new(), |f| format!(" (where {f})"))
}

/// A one-line source caption for a member file name: `atop4_01m.csv` gives
/// `Source: ATOP 4.01 (atop4_01m.csv) alliance members; COW state system`.
/// The embedded sample (`sample/members.csv`) gives `Source: pactnet's embedded sample of ATOP 4.01
/// (sample/members.csv); COW state system`.
pub fn source_caption(member_file: &str) -> String {
    caption_of_source(member_file, crate::MemberSource::Atop)
}

/// The source caption of member rows from `source` read from `member_file`: for ATOP as
/// [`source_caption`]; COW alone `Source: COW Formal Alliances v4.1 (alliance_v4.1_by_member.csv)
/// alliance members; COW state system`; ATOP and COW combined names both and the double count.
pub fn caption_of_source(member_file: &str, source: crate::MemberSource) -> String {
    let base = member_file.rsplit(['/', '\\']).next().unwrap_or(member_file);
    match source {
        crate::MemberSource::Atop => atop_caption(member_file, base),
        crate::MemberSource::Cow => {
            // `alliance_v4.1_by_member.csv` → `v4.1 `.
            let version = base
                .split('_')
                .find(|part| {
                    part.strip_prefix('v')
                        .is_some_and(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '.'))
                })
                .map(|v| format!("{v} "))
                .unwrap_or_default();
            format!("Source: COW Formal Alliances {version}({base}) alliance members; COW state system")
        }
        crate::MemberSource::Combined => {
            let atop = atop_caption(member_file, base);
            let atop = atop.strip_suffix("; COW state system").unwrap_or(&atop);
            format!("{atop} with COW Formal Alliances rows added (treaties both code count twice); COW state system")
        }
    }
}

/// [`source_caption`] of an ATOP member file (`base` is its name without folders).
fn atop_caption(member_file: &str, base: &str) -> String {
    if member_file.starts_with("sample/") {
        return format!("Source: pactnet's embedded sample of ATOP 4.01 ({member_file}); COW state system");
    }
    let version = base
        .strip_prefix("atop")
        .and_then(|rest| rest.split(['m', 'a', '.']).next())
        .filter(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '_'))
        .map(|v| format!("ATOP {} ", v.replace('_', ".")));
    match version {
        Some(v) => format!("Source: {v}({base}) alliance members; COW state system"),
        None => format!("Source: ATOP alliance members ({base}); COW state system"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_obligation_has_its_own_colour() {
        let colors: Vec<_> = Obligation::EVERY.iter().map(|&o| obligation_color(o)).collect();
        for (i, a) in colors.iter().enumerate() {
            assert!(colors[i + 1..].iter().all(|b| b != a), "{a:?} repeats");
        }
    }

    #[test]
    fn captions_name_the_atop_version() {
        assert_eq!(
            source_caption("../data/atop4_01m.csv"),
            "Source: ATOP 4.01 (atop4_01m.csv) alliance members; COW state system"
        );
        assert_eq!(
            source_caption("sample/members.csv"),
            "Source: pactnet's embedded sample of ATOP 4.01 (sample/members.csv); COW state system"
        );
        assert_eq!(source_caption("members.csv"), "Source: ATOP alliance members (members.csv); COW state system");
    }

    #[test]
    fn captions_name_cow_alone_and_the_combination() {
        use crate::MemberSource;
        assert_eq!(
            caption_of_source("../d/alliance_v4.1_by_member.csv", MemberSource::Cow),
            "Source: COW Formal Alliances v4.1 (alliance_v4.1_by_member.csv) alliance members; COW state system"
        );
        assert_eq!(
            caption_of_source("cow.csv", MemberSource::Cow),
            "Source: COW Formal Alliances (cow.csv) alliance members; COW state system"
        );
        assert_eq!(
            caption_of_source("atop4_01m.csv", MemberSource::Combined),
            "Source: ATOP 4.01 (atop4_01m.csv) alliance members with COW Formal Alliances rows added (treaties both code count twice); COW state system"
        );
    }

    #[test]
    fn fonts_register_and_sizes_scale() {
        register_fonts().unwrap();
        register_fonts().unwrap();
        let small = Metrics::for_size(800, 600);
        assert_eq!(small.px(10.0), 5);
        assert_eq!(small.font(20.0), 15.0, "text shrinks to 75 % at most");
        assert_eq!(Metrics::for_size(1600, 1200).font(20.0), 20.0);
    }

    #[test]
    fn bold_text_is_drawn_with_the_bold_face() {
        // plotters' `FontDesc::style` keeps the regular glyphs (the SVG says bold, the PNG is
        // not): a bold font must be made with its style, `(FONT, size, FontStyle::Bold)`.
        use plotters::style::IntoFont;
        register_fonts().unwrap();
        let width = |f: plotters::style::FontDesc<'_>| f.box_size("Alliances 1914").unwrap().0;
        let regular = width((FONT, 28.0).into_font());
        let bold = width((FONT, 28.0, FontStyle::Bold).into_font());
        assert!(bold > regular + 5, "DejaVu Sans Bold is wider: {bold} vs {regular}");
        assert_eq!(width((FONT, 28.0).into_font().style(FontStyle::Bold)), regular, "the plotters pitfall");
    }
}
