//! Colours, fonts and sizes shared by every plot.
//!
//! Edge colours (one per [`Obligation`]) and node colours (regions, blocs) are chosen together:
//! edges dark and saturated (CIELAB L* 25–55), nodes light (L* 60–95), so that no node colour
//! is a near-twin of an edge colour. The test `palette_has_no_near_twins` computes the CIE76 ΔE
//! of every pair in CIELAB (sRGB, D65) and under simulated deuteranopia and protanopia (Machado,
//! Oliveira & Fernandes 2009, severity 1), edges also as drawn ([`EDGE_OPACITY`] over paper),
//! and pins the minima: node–edge ≥ 20 (≥ 15 under each dichromacy), edge–edge and region–region
//! ≥ 20 in all three visions, bloc–bloc ≥ 16 (≥ 13 under dichromacy: twelve light colours
//! cannot be farther apart). Text is DejaVu Sans, embedded (Bitstream Vera licence, which allows
//! redistribution; the notice is in `docs/fonts/DejaVu-LICENSE.txt`).
//!
//! [`Palette::Greyscale`] is for print: node fills are grey levels at least 11 L* apart (the
//! test `greyscale_is_grey_and_levels_stay_apart` pins it), and edge types differ by dash
//! pattern as well as grey level ([`EdgeStroke`]), so a black-and-white copy keeps every
//! distinction the legend names.

use super::{Palette, PlotError, PlotResult};
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

/// Colour of an obligation type's edges (dark, so that light node fills never match it).
pub fn obligation_color(o: Obligation) -> RGBColor {
    match o {
        Obligation::Defense => RGBColor(0x87, 0x0B, 0x0D),       // dark red
        Obligation::Offense => RGBColor(0x88, 0x00, 0x8D),       // purple
        Obligation::Neutrality => RGBColor(0x24, 0x6F, 0xE1),    // blue
        Obligation::Nonaggression => RGBColor(0x00, 0x62, 0x46), // dark green
        Obligation::Consultation => RGBColor(0xED, 0x51, 0x04),  // orange
        Obligation::Entente => RGBColor(0x19, 0x37, 0x3E),       // dark slate
    }
}

/// How the edges of one obligation type are stroked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EdgeStroke {
    /// Colour (drawn at [`EDGE_OPACITY`]).
    pub color: RGBColor,
    /// Dash and gap lengths in pixels at 1600×1200, scaled with the picture; `None`: solid.
    pub dash: Option<(f64, f64)>,
}

/// Greyscale edges: black solid and long-dashed for the two strongest types, dark grey short
/// dashes and dots, mid grey solid and dashed (consultation, entente).
fn grey_edge(o: Obligation) -> EdgeStroke {
    let (v, dash) = match o {
        Obligation::Defense => (0x00, None),
        Obligation::Offense => (0x00, Some((14.0, 5.0))),
        Obligation::Neutrality => (0x50, Some((7.0, 4.0))),
        Obligation::Nonaggression => (0x50, Some((2.5, 3.5))),
        Obligation::Consultation => (0x90, None),
        Obligation::Entente => (0x90, Some((9.0, 4.0))),
    };
    EdgeStroke { color: RGBColor(v, v, v), dash }
}

/// Greyscale region fills, L* about 100, 88, 76, 64, 52, 40 and 25 (Europe, the busiest
/// region, lightest, so its many labels and edges read best).
fn grey_region(r: Region) -> RGBColor {
    let v = match r {
        Region::Europe => 0xFF,
        Region::Americas => 0xDD,
        Region::Asia => 0xBC,
        Region::Africa => 0x9C,
        Region::MiddleEast => 0x7C,
        Region::Oceania => 0x5E,
        Region::Other => 0x3B,
    };
    RGBColor(v, v, v)
}

/// Greyscale bloc fills (L* about 30, 45, 60, 75): four greys are as many as print tells apart
/// beside the other blocs' [`GREY_OTHER_BLOC`] and the white of a state alone.
const GREY_BLOCS: [RGBColor; 4] =
    [RGBColor(0x47, 0x47, 0x47), RGBColor(0x6B, 0x6B, 0x6B), RGBColor(0x91, 0x91, 0x91), RGBColor(0xB8, 0xB8, 0xB8)];

/// Greyscale fill of the blocs beyond the fourth (L* about 88).
const GREY_OTHER_BLOC: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);

impl Palette {
    /// The stroke of `o`'s edges: [`obligation_color`], solid, in colour; [`grey_edge`]'s grey
    /// and dashes in greyscale.
    pub fn edge(self, o: Obligation) -> EdgeStroke {
        match self {
            Palette::Colour => EdgeStroke { color: obligation_color(o), dash: None },
            Palette::Greyscale => grey_edge(o),
        }
    }

    /// The fill of a region's nodes.
    pub fn region(self, r: Region) -> RGBColor {
        match self {
            Palette::Colour => r.color(),
            Palette::Greyscale => grey_region(r),
        }
    }

    /// The bloc fills, most distinct first (the largest blocs get the first ones): the twelve
    /// [`BLOC_COLORS`], or four greys.
    pub fn blocs(self) -> &'static [RGBColor] {
        match self {
            Palette::Colour => &BLOC_COLORS,
            Palette::Greyscale => &GREY_BLOCS,
        }
    }

    /// The fill shared by the blocs beyond [`Palette::blocs`].
    pub fn other_bloc(self) -> RGBColor {
        match self {
            Palette::Colour => OTHER_BLOC,
            Palette::Greyscale => GREY_OTHER_BLOC,
        }
    }

    /// The fill of a state alone (coloured by bloc) and of every node when colour shows nothing.
    pub fn neutral(self) -> RGBColor {
        match self {
            Palette::Colour => NEUTRAL,
            Palette::Greyscale => PAPER,
        }
    }
}

/// The width of an edge of `weight` alliances, in pixels.
pub fn edge_width(weight: u32, m: Metrics) -> u32 {
    let w = (1.0 + 1.4 * f64::from(weight.max(1)).log2()).min(6.0) * m.scale.max(0.7);
    w.round().max(1.0) as u32
}

/// The dash and gap lengths (whole pixels) of `stroke` on a line `width` pixels wide in a
/// picture of sizes `m`: scaled with the picture, gaps widened by half the line width so they
/// stay open; `None` for a solid stroke.
pub fn dash_lengths(stroke: EdgeStroke, width: u32, m: Metrics) -> Option<(f64, f64)> {
    let (on, off) = stroke.dash?;
    let s = m.scale.max(0.7);
    Some(((on * s).round().max(1.0), (off * s + f64::from(width) / 2.0).round().max(1.0)))
}

/// Opacity of network edges over the paper (crossings stay visible, colours stay apart).
pub const EDGE_OPACITY: f64 = 0.8;

/// Opacity of the states that are not highlighted (`--highlight`): fill and outline.
pub const FADED: f64 = 0.3;

/// Opacity of the labels of states that are not highlighted.
pub const FADED_TEXT: f64 = 0.5;

/// Opacity of the edges that touch no highlighted state.
pub const FADED_EDGE_OPACITY: f64 = 0.3;

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

/// Twelve light bloc colours, most distinct first (the largest blocs get the first ones);
/// chosen against the edge colours (see the module docs).
pub const BLOC_COLORS: [RGBColor; 12] = [
    RGBColor(0xAA, 0xBB, 0xFF),
    RGBColor(0xEE, 0xAA, 0x11),
    RGBColor(0x00, 0xCC, 0x88),
    RGBColor(0xFF, 0xCC, 0xFF),
    RGBColor(0xDD, 0x88, 0x66),
    RGBColor(0x00, 0xBB, 0xCC),
    RGBColor(0xAA, 0xFF, 0x00),
    RGBColor(0xAA, 0x88, 0xAA),
    RGBColor(0xCC, 0xDD, 0x77),
    RGBColor(0x99, 0xEE, 0xBB),
    RGBColor(0x88, 0xFF, 0xAA),
    RGBColor(0xBB, 0xEE, 0x55),
];

/// Fill of the blocs beyond the twelfth.
pub const OTHER_BLOC: RGBColor = RGBColor(0xB0, 0xB0, 0xB0);

pub use crate::model::Region;

impl Region {
    /// Node fill colour (light; see the module docs).
    pub fn color(self) -> RGBColor {
        match self {
            Region::Americas => RGBColor(0xCF, 0xD0, 0xFF),
            Region::Europe => RGBColor(0xF5, 0xF1, 0x5E),
            Region::Africa => RGBColor(0xE5, 0xF7, 0xC9),
            Region::MiddleEast => RGBColor(0xF0, 0xCC, 0x81),
            Region::Asia => RGBColor(0xB9, 0xA0, 0xB9),
            Region::Oceania => RGBColor(0x9B, 0xBD, 0x96),
            Region::Other => NEUTRAL,
        }
    }
}

/// The body text size at 1600×1200 (pixels): legend entries and the caption.
pub const BODY_TEXT: f64 = 15.0;

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

    /// These sizes with body text (legend entries, caption) of `pt` points, the other texts in
    /// proportion (`None`: unchanged). Geometry keeps the picture's scale.
    pub fn with_font_size(self, pt: Option<f64>) -> Self {
        match pt {
            Some(pt) => Metrics { text: pt / BODY_TEXT, ..self },
            None => self,
        }
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

/// [`source_caption`] of `data`'s member file, followed by ATOP's dyad-years when their
/// directed obligations are used (`--atop-dyads`) and the `--where` filter its member rows
/// passed, if any: `…; COW state system; directed obligations of ATOP's dyad-years; member rows
/// where conditio = 0`. Captions name data sets, never file names (a figure in a paper cites
/// the data, not the reader's folder).
pub fn data_caption(data: &crate::Dataset) -> String {
    let mut caption = caption_of_source(&data.member_file, data.source);
    if data.atop_dyads.is_some() {
        caption.push_str("; directed obligations of ATOP's dyad-years");
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
/// `Source: ATOP 4.01 alliance members; COW state system` (the version read off the name).
/// The embedded sample (`sample/members.csv`) gives `Source: pactnet's embedded sample of ATOP
/// 4.01; COW state system`.
pub fn source_caption(member_file: &str) -> String {
    caption_of_source(member_file, crate::MemberSource::Atop)
}

/// The source caption of member rows from `source` read from `member_file`: for ATOP as
/// [`source_caption`]; COW alone `Source: COW Formal Alliances v4.1 alliance members; COW state
/// system`; ATOP and COW combined names both and the double count.
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
            format!("Source: COW Formal Alliances {version}alliance members; COW state system")
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
        return "Source: pactnet's embedded sample of ATOP 4.01; COW state system".to_string();
    }
    let version = base
        .strip_prefix("atop")
        .and_then(|rest| rest.split(['m', 'a', '.']).next())
        .filter(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '_'))
        .map(|v| format!("ATOP {} ", v.replace('_', ".")));
    match version {
        Some(v) => format!("Source: {v}alliance members; COW state system"),
        None => "Source: ATOP alliance members; COW state system".to_string(),
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

    /// CIELAB (D65) of an sRGB colour, after an optional linear-RGB matrix (a dichromacy).
    fn lab(c: RGBColor, m: Option<&[[f64; 3]; 3]>) -> [f64; 3] {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let mut rgb = [lin(c.0), lin(c.1), lin(c.2)];
        if let Some(m) = m {
            let s = rgb;
            for (out, row) in rgb.iter_mut().zip(m) {
                *out = (row[0] * s[0] + row[1] * s[1] + row[2] * s[2]).clamp(0.0, 1.0);
            }
        }
        let [r, g, b] = rgb;
        let x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
        let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        let z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
        let f = |t: f64| {
            if t > (6.0f64 / 29.0).powi(3) {
                t.cbrt()
            } else {
                t / (3.0 * (6.0f64 / 29.0).powi(2)) + 4.0 / 29.0
            }
        };
        [116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))]
    }

    /// Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
    const PROTANOPIA: [[f64; 3]; 3] =
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]];
    const DEUTERANOPIA: [[f64; 3]; 3] =
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]];

    /// The smallest CIE76 ΔE between a colour of `a` and one of `b` (pairs within `a` when `b`
    /// is `None`) in normal vision and the smaller of the two dichromacies.
    fn min_delta_e(a: &[RGBColor], b: Option<&[RGBColor]>) -> (f64, f64) {
        let de =
            |x: [f64; 3], y: [f64; 3]| ((x[0] - y[0]).powi(2) + (x[1] - y[1]).powi(2) + (x[2] - y[2]).powi(2)).sqrt();
        let pair = |p: RGBColor, q: RGBColor| {
            let normal = de(lab(p, None), lab(q, None));
            let cvd = de(lab(p, Some(&PROTANOPIA)), lab(q, Some(&PROTANOPIA)))
                .min(de(lab(p, Some(&DEUTERANOPIA)), lab(q, Some(&DEUTERANOPIA))));
            (normal, cvd)
        };
        let mut out = (f64::INFINITY, f64::INFINITY);
        for (i, &p) in a.iter().enumerate() {
            let others: &[RGBColor] = match b {
                Some(b) => b,
                None => &a[i + 1..],
            };
            for &q in others {
                let (n, c) = pair(p, q);
                out = (out.0.min(n), out.1.min(c));
            }
        }
        out
    }

    #[test]
    fn the_colour_difference_is_cie76() {
        // White is L* 100, a* b* 0; sRGB red is L* 53.24, a* 80.09, b* 67.20 (Lindbloom's
        // calculator); black–white ΔE is 100.
        let w = lab(PAPER, None);
        assert!((w[0] - 100.0).abs() < 0.01 && w[1].abs() < 0.01 && w[2].abs() < 0.01, "{w:?}");
        let r = lab(RGBColor(255, 0, 0), None);
        assert!((r[0] - 53.24).abs() < 0.05 && (r[1] - 80.09).abs() < 0.1 && (r[2] - 67.20).abs() < 0.1, "{r:?}");
        assert!((min_delta_e(&[PAPER], Some(&[RGBColor(0, 0, 0)])).0 - 100.0).abs() < 0.01);
        // Under either dichromacy pure red and green come closer than in normal vision.
        let (n, c) = min_delta_e(&[RGBColor(200, 0, 0)], Some(&[RGBColor(0, 120, 0)]));
        assert!(c < n / 2.0, "{n} {c}");
    }

    #[test]
    fn palette_has_no_near_twins() {
        let edges: Vec<RGBColor> = Obligation::EVERY.iter().map(|&o| obligation_color(o)).collect();
        // As drawn: at EDGE_OPACITY over the paper.
        let blend = |c: u8, p: u8| (EDGE_OPACITY * f64::from(c) + (1.0 - EDGE_OPACITY) * f64::from(p)).round() as u8;
        let drawn: Vec<RGBColor> =
            edges.iter().map(|c| RGBColor(blend(c.0, PAPER.0), blend(c.1, PAPER.1), blend(c.2, PAPER.2))).collect();
        let all_edges: Vec<RGBColor> = edges.iter().chain(&drawn).copied().collect();
        let regions: Vec<RGBColor> = Region::ALL.iter().map(|r| r.color()).collect();
        let blocs: Vec<RGBColor> = BLOC_COLORS.iter().copied().chain([OTHER_BLOC, NEUTRAL]).collect();
        let nodes: Vec<RGBColor> = regions.iter().chain(&blocs).copied().collect();
        let (n, c) = min_delta_e(&nodes, Some(&all_edges));
        assert!(n >= 20.0 && c >= 15.0, "node–edge ΔE {n:.1}, dichromacy {c:.1}");
        let (n, c) = min_delta_e(&edges, None);
        assert!(n >= 20.0 && c >= 20.0, "edge–edge ΔE {n:.1}, dichromacy {c:.1}");
        let (n, c) = min_delta_e(&regions, None);
        assert!(n >= 20.0 && c >= 20.0, "region–region ΔE {n:.1}, dichromacy {c:.1}");
        let (n, c) = min_delta_e(&blocs, None);
        assert!(n >= 16.0 && c >= 13.0, "bloc–bloc ΔE {n:.1}, dichromacy {c:.1}");
        // The old palette had near-twins (Africa #44BB99 vs nonaggression #009E73): the test
        // would fail on it.
        let (n, _) = min_delta_e(&[RGBColor(0x44, 0xBB, 0x99)], Some(&[RGBColor(0x00, 0x9E, 0x73)]));
        assert!(n < 20.0, "{n}");
    }

    #[test]
    fn greyscale_is_grey_and_levels_stay_apart() {
        let grey = |c: RGBColor| c.0 == c.1 && c.1 == c.2;
        let min_gap = |cs: &[RGBColor]| {
            let mut l: Vec<f64> = cs.iter().map(|&c| lab(c, None)[0]).collect();
            l.sort_by(f64::total_cmp);
            l.windows(2).map(|w| w[1] - w[0]).fold(f64::INFINITY, f64::min)
        };
        let p = Palette::Greyscale;
        let regions: Vec<RGBColor> = Region::ALL.iter().map(|&r| p.region(r)).collect();
        let blocs: Vec<RGBColor> = p.blocs().iter().copied().chain([p.other_bloc(), p.neutral()]).collect();
        assert!(regions.iter().chain(&blocs).all(|&c| grey(c)));
        // L* 100, 88.1, 76.3, 64.4, 52.0, 39.9, 24.9: at least 11 apart (#DDDDDD is L* 88.1).
        assert!((lab(RGBColor(0xDD, 0xDD, 0xDD), None)[0] - 88.1).abs() < 0.1);
        let (r, b) = (min_gap(&regions), min_gap(&blocs));
        assert!(r >= 11.0 && b >= 11.0, "region ΔL* {r:.1}, bloc ΔL* {b:.1}");
        // Edge types: grey, and no two alike in both grey and dash pattern.
        let edges: Vec<EdgeStroke> = Obligation::EVERY.iter().map(|&o| p.edge(o)).collect();
        assert!(edges.iter().all(|e| grey(e.color)));
        for (i, a) in edges.iter().enumerate() {
            assert!(edges[i + 1..].iter().all(|b| b != a), "{a:?} repeats");
        }
        // The colour palette keeps today's colours.
        assert_eq!(
            Palette::Colour.edge(Obligation::Defense),
            EdgeStroke { color: obligation_color(Obligation::Defense), dash: None }
        );
        assert_eq!(Palette::Colour.region(Region::Europe), Region::Europe.color());
        assert_eq!((Palette::Colour.blocs(), Palette::Colour.other_bloc()), (&BLOC_COLORS[..], OTHER_BLOC));
    }

    #[test]
    fn captions_name_the_atop_version() {
        assert_eq!(source_caption("../data/atop4_01m.csv"), "Source: ATOP 4.01 alliance members; COW state system");
        assert_eq!(source_caption("/data/atop5_1m.csv"), "Source: ATOP 5.1 alliance members; COW state system");
        assert_eq!(
            source_caption("sample/members.csv"),
            "Source: pactnet's embedded sample of ATOP 4.01; COW state system"
        );
        assert_eq!(source_caption("members.csv"), "Source: ATOP alliance members; COW state system");
    }

    #[test]
    fn captions_name_cow_alone_and_the_combination() {
        use crate::MemberSource;
        assert_eq!(
            caption_of_source("../d/alliance_v4.1_by_member.csv", MemberSource::Cow),
            "Source: COW Formal Alliances v4.1 alliance members; COW state system"
        );
        assert_eq!(
            caption_of_source("cow.csv", MemberSource::Cow),
            "Source: COW Formal Alliances alliance members; COW state system"
        );
        assert_eq!(
            caption_of_source("atop4_01m.csv", MemberSource::Combined),
            "Source: ATOP 4.01 alliance members with COW Formal Alliances rows added (treaties both code count twice); COW state system"
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
        // --font-size 24: body 24, title 28·24/15 = 44.8 → 45, whatever the picture size.
        let big = small.with_font_size(Some(24.0));
        assert_eq!((big.font(BODY_TEXT), big.font(28.0), big.px(10.0)), (24.0, 45.0, 5));
        assert_eq!(small.with_font_size(None), small);
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
