//! Issue 24, item 5: figure controls of `plot network` — `--highlight`, `--palette greyscale`,
//! `--font-size` and PDF output — on the embedded sample, end to end, and on the real data.

use crate::common::{pactnet, real_data, show};
use pactnet::api::pictures::render_network;
use pactnet::plot::network::Emphasis;
use pactnet::plot::output::ImageFormat;
use pactnet::plot::{NetworkPlotter, NetworkScene, Palette, PlotOptions};
use pactnet::{AllianceGraph, Dataset, Inputs, Layer, LoadOptions, Period, StateId, SystemFilter, Timeline};

fn sample() -> (AllianceGraph, Timeline) {
    let (data, mut diag) = Dataset::load(&Inputs::sample(), &LoadOptions::default()).unwrap();
    let graph = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
    let timeline = Timeline::new(&graph);
    (graph, timeline)
}

fn scene_of(g: &AllianceGraph, t: &Timeline, year: i32, options: &PlotOptions) -> NetworkScene {
    NetworkPlotter::new(g, t, Layer::Any, options, year..=year).unwrap().scene(Period::Year(year)).unwrap()
}

fn svg_of(scene: &NetworkScene, options: &PlotOptions) -> String {
    String::from_utf8(render_network(scene, options, ImageFormat::Svg).unwrap().0).unwrap()
}

/// Every `#RRGGBB` colour of an SVG.
fn colours(svg: &str) -> Vec<(u8, u8, u8)> {
    let b = svg.as_bytes();
    let mut out = Vec::new();
    for (i, _) in svg.match_indices('#') {
        let Some(hex) = svg.get(i + 1..i + 7) else { continue };
        if hex.chars().all(|c| c.is_ascii_hexdigit()) && b.get(i + 7).is_none_or(|c| !c.is_ascii_hexdigit()) {
            let v = |k: usize| u8::from_str_radix(&hex[k..k + 2], 16).unwrap();
            out.push((v(0), v(2), v(4)));
        }
    }
    out
}

/// HSV saturation (0..=1) of an sRGB colour: (max − min) / max.
fn saturation((r, g, b): (u8, u8, u8)) -> f64 {
    let (hi, lo) = (r.max(g).max(b), r.min(g).min(b));
    if hi == 0 {
        0.0
    } else {
        f64::from(hi - lo) / f64::from(hi)
    }
}

/// The value of attribute `name` in an element's text (`<circle cx="1" …`).
fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let at = element.find(&format!(" {name}=\""))? + name.len() + 3;
    element[at..].split('"').next()
}

/// The elements (up to their `>`) of an SVG starting with `start`, e.g. `<circle class="highlight"`.
fn elements<'a>(svg: &'a str, start: &str) -> Vec<&'a str> {
    svg.match_indices(start).map(|(i, _)| &svg[i..i + svg[i..].find('>').unwrap_or(0)]).collect()
}

/// The `font-size` of the text element reading exactly `text`.
fn font_size_of(svg: &str, text: &str) -> Option<f64> {
    let end = svg.find(&format!(">\n{text}\n</text>"))?;
    let start = svg[..end].rfind("<text")?;
    attr(&svg[start..end], "font-size")?.parse().ok()
}

#[test]
fn issue_24_highlight_rings_exactly_the_highlighted_states_and_fades_the_rest() {
    let (g, t) = sample();
    // UKG (200) and GMY (255); the sample has both in 1914.
    let options =
        PlotOptions { highlight: vec![StateId(200), StateId(255)], width: 800, height: 600, ..PlotOptions::default() };
    let scene = scene_of(&g, &t, 1914, &options);
    let (bytes, geo) = render_network(&scene, &options, ImageFormat::Svg).unwrap();
    let svg = String::from_utf8(bytes).unwrap();
    let index = |c: u16| scene.nodes.iter().position(|n| n.ccode == c).expect("drawn in 1914");
    let (ukg, gmy) = (index(200), index(255));
    for (i, n) in scene.nodes.iter().enumerate() {
        let expected = if i == ukg || i == gmy { Emphasis::Highlight } else { Emphasis::Faded };
        assert_eq!(n.emphasis, expected, "{}", n.label);
    }
    // One ring each, centred on its node, outside the node's circle.
    let rings = elements(&svg, "<circle class=\"highlight\"");
    assert_eq!(rings.len(), 2, "{rings:?}");
    for (ring, i) in rings.iter().zip([ukg, gmy]) {
        let centre: (f64, f64) =
            (attr(ring, "cx").unwrap().parse().unwrap(), attr(ring, "cy").unwrap().parse().unwrap());
        assert_eq!(centre, geo.centres[i], "ring of {}", scene.nodes[i].label);
        let r: f64 = attr(ring, "r").unwrap().parse().unwrap();
        assert!(r > f64::from(geo.radii[i]), "{r} vs node radius {}", geo.radii[i]);
    }
    // Bold labels: exactly the two; both drawn.
    let mut bold: Vec<&str> = svg
        .match_indices("font-weight=\"bold\" opacity=\"1\" fill=\"#222222\"")
        .map(|(i, _)| svg[i..].split('\n').nth(1).unwrap())
        .collect();
    bold.sort();
    assert_eq!(bold, ["GMY", "UKG"]);
    // Every other node faded: its fill and outline circles at opacity 0.3.
    let faded_circles = elements(&svg, "<circle cx=").iter().filter(|c| attr(c, "opacity") == Some("0.3")).count();
    assert_eq!(faded_circles, 2 * (scene.nodes.len() - 2));
    // Edges touching neither state faded (opacity 0.3), the others as usual (0.8).
    let touching = scene.edges.iter().filter(|e| [e.a, e.b].iter().any(|&v| v == ukg || v == gmy)).count();
    assert!(touching > 0 && touching < scene.edges.len(), "{touching} of {}", scene.edges.len());
    let lines = elements(&svg, "<polyline");
    assert_eq!(lines.iter().filter(|l| attr(l, "opacity") == Some("0.8")).count(), touching);
    assert_eq!(lines.iter().filter(|l| attr(l, "opacity") == Some("0.3")).count(), scene.edges.len() - touching);
    // The legend names them.
    assert!(svg.contains(">\nUKG, GMY\n</text>"), "legend line");
}

#[test]
fn issue_24_default_controls_draw_todays_picture_byte_for_byte() {
    let (g, t) = sample();
    let base = PlotOptions { width: 800, height: 600, ..PlotOptions::default() };
    let explicit = PlotOptions { palette: Palette::Colour, font_size: None, highlight: Vec::new(), ..base.clone() };
    assert_eq!(svg_of(&scene_of(&g, &t, 1914, &base), &base), svg_of(&scene_of(&g, &t, 1914, &explicit), &explicit));
    // At 1600×1200 today's body text is 15 pt: asking for it changes nothing.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (file, extra) in [("a.svg", &[][..]), ("b.svg", &["--font-size", "15", "--palette", "colour"][..])] {
        let mut args = vec!["-q", "plot", "network", "--year", "1914", "-o", file];
        args.extend_from_slice(extra);
        let o = pactnet(d, &args);
        assert!(o.status.success(), "{}", show(&o));
    }
    assert_eq!(std::fs::read(d.join("a.svg")).unwrap(), std::fs::read(d.join("b.svg")).unwrap());
    // A highlight without states found is not a highlight: no ring, nothing faded.
    let svg = std::fs::read_to_string(d.join("a.svg")).unwrap();
    assert!(!svg.contains("class=\"highlight\"") && !svg.contains("opacity=\"0.3\""));
}

#[test]
fn issue_24_greyscale_has_no_saturated_colour_and_tells_edge_types_apart_by_dashes() {
    let (g, t) = sample();
    for color in [pactnet::plot::NodeColor::Region, pactnet::plot::NodeColor::Community] {
        let colour = PlotOptions { color, width: 800, height: 600, ..PlotOptions::default() };
        let grey = PlotOptions { palette: Palette::Greyscale, ..colour.clone() };
        // The colour picture has saturated colours (the test can fail), the greyscale one none.
        let max_sat = |svg: &str| colours(svg).into_iter().map(saturation).fold(0.0, f64::max);
        let colour_svg = svg_of(&scene_of(&g, &t, 1914, &colour), &colour);
        assert!(max_sat(&colour_svg) > 0.5, "{color}: colour palette");
        let scene = scene_of(&g, &t, 1914, &grey);
        let svg = svg_of(&scene, &grey);
        let all = colours(&svg);
        assert!(all.len() > 100, "{} colours", all.len());
        assert_eq!(max_sat(&svg), 0.0, "{color}: a saturated colour in greyscale");
        // Node fills: distinct greys for distinct regions (or blocs), as in the legend.
        for (name, fill) in &scene.node_legend.1 {
            assert!(fill.0 == fill.1 && fill.1 == fill.2, "{name}: {fill:?}");
        }
        let mut fills: Vec<_> = scene.node_legend.1.iter().map(|(_, c)| c.0).collect();
        let n = fills.len();
        fills.sort();
        fills.dedup();
        assert_eq!(fills.len(), n, "{color}: two legend entries share a grey");
    }
    // Edge types: defense solid black, neutrality and nonaggression dashed dark grey,
    // consultation solid mid grey. In the SVG a dashed edge is one line with a dash array (the
    // PNG draws the dashes); the legend's swatches are drawn as pieces.
    let grey = PlotOptions { palette: Palette::Greyscale, width: 800, height: 600, ..PlotOptions::default() };
    let scene = scene_of(&g, &t, 1939, &grey);
    let svg = svg_of(&scene, &grey);
    let lines = elements(&svg, "<polyline");
    let count = |kind: pactnet::Obligation| scene.edges.iter().filter(|e| e.kind == kind).count();
    let (defense, neutrality) = (count(pactnet::Obligation::Defense), count(pactnet::Obligation::Neutrality));
    assert!(defense > 0 && neutrality > 0, "the sample's 1939 has defense and neutrality ties");
    assert_eq!(count(pactnet::Obligation::Offense), 0);
    let dashed: Vec<&&str> = lines.iter().filter(|l| attr(l, "stroke-dasharray").is_some()).collect();
    assert_eq!(dashed.len(), neutrality + count(pactnet::Obligation::Nonaggression));
    assert!(dashed.iter().all(|l| attr(l, "stroke") == Some("#505050")), "{dashed:?}");
    // Solid black: each defense edge and the legend's swatch.
    assert_eq!(lines.iter().filter(|l| attr(l, "stroke") == Some("#000000")).count(), defense + 1);
    // The legend's neutrality swatch comes in dashed pieces (opacity 1, unlike the edges).
    let pieces = lines.iter().filter(|l| attr(l, "stroke") == Some("#505050") && attr(l, "opacity") == Some("1"));
    assert!(pieces.count() >= 3);
}

#[test]
fn issue_24_font_size_scales_every_text_of_the_picture() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (file, size) in [("15.svg", "15"), ("24.svg", "24")] {
        let o = pactnet(d, &["-q", "plot", "network", "--year", "1914", "--font-size", size, "-o", file]);
        assert!(o.status.success(), "{}", show(&o));
    }
    let (normal, big) =
        (std::fs::read_to_string(d.join("15.svg")).unwrap(), std::fs::read_to_string(d.join("24.svg")).unwrap());
    let title = "Alliances 1914, layer any: 41 states, 7 ties";
    let caption = "Source: pactnet&apos;s embedded sample of ATOP 4.01; COW state system";
    // plotters' SVG writes a text of `px` pixels as font-size px / 1.24 (its em box); the labels
    // (pactnet's own elements) as px.
    let plotters = |svg: &str, text: &str| font_size_of(svg, text).map(|s| (s * 1.24 * 1e6).round() / 1e6);
    // 15 pt: title 28, caption and legend 15, headings 16, labels 14 (pixels at 1600×1200).
    assert_eq!(plotters(&normal, title), Some(28.0), "title");
    assert_eq!(plotters(&normal, caption), Some(15.0));
    assert_eq!(plotters(&normal, "defense"), Some(15.0));
    assert_eq!(plotters(&normal, "Ties, by strongest type"), Some(16.0));
    assert_eq!(font_size_of(&normal, "GMY"), Some(14.0));
    // 24 pt: 28·24/15 = 44.8 → 45, 24, 16·24/15 = 25.6 → 26, 14·24/15 = 22.4 → 22.
    assert_eq!(plotters(&big, title), Some(45.0));
    assert_eq!(plotters(&big, caption), Some(24.0));
    assert_eq!(plotters(&big, "defense"), Some(24.0));
    assert_eq!(plotters(&big, "Ties, by strongest type"), Some(26.0));
    let labels: Vec<Option<&str>> =
        elements(&big, "<text").iter().filter(|e| e.contains("paint-order")).map(|e| attr(e, "font-size")).collect();
    assert!(!labels.is_empty() && labels.iter().all(|&s| s == Some("22")), "{labels:?}");
    // Out of range, or not a number: usage errors.
    for bad in ["5", "61", "big", "NaN"] {
        let o = pactnet(d, &["plot", "network", "--year", "1914", "--font-size", bad, "-o", "x.svg"]);
        assert_eq!(o.status.code(), Some(2), "{}", show(&o));
        assert!(String::from_utf8_lossy(&o.stderr).contains("is not a size in 6..=60 points"), "{}", show(&o));
    }
    // The library checks it too.
    let options = PlotOptions { font_size: Some(100.0), ..PlotOptions::default() };
    assert_eq!(options.check().unwrap_err().to_string(), "font size 100 is outside 6..=60 points");
}

#[test]
fn issue_24_highlight_takes_every_name_the_state_resolver_takes_and_rejects_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // An alias (Britain), a historical name (Prussia → GMY), a code and a duplicate.
    let o =
        pactnet(d, &["-q", "plot", "network", "--year", "1914", "--highlight", "Britain,Prussia,255", "-o", "h.svg"]);
    assert!(o.status.success(), "{}", show(&o));
    let svg = std::fs::read_to_string(d.join("h.svg")).unwrap();
    assert_eq!(svg.matches("class=\"highlight\"").count(), 2);
    // An unknown name: a usage error with the resolver's suggestion.
    let o = pactnet(d, &["plot", "network", "--year", "1914", "--highlight", "UKG,Germny", "-o", "x.svg"]);
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--highlight: unknown state \"Germny\"") && err.contains("close matches: GMY (255)"), "{err}");
    assert!(!d.join("x.svg").exists());
    // A state that is not in the picture: drawn anyway, with a warning.
    let o = pactnet(d, &["plot", "network", "--year", "1950", "--highlight", "GMY", "-o", "w.svg"]);
    assert!(o.status.success(), "{}", show(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--highlight GMY: not in the 1950 picture"), "{}", show(&o));
    // Under --labels none the highlighted states keep their labels, and only they.
    let o = pactnet(
        d,
        &["-q", "plot", "network", "--year", "1914", "--labels", "none", "--highlight", "UKG", "-o", "n.svg"],
    );
    assert!(o.status.success(), "{}", show(&o));
    let svg = std::fs::read_to_string(d.join("n.svg")).unwrap();
    let labels: Vec<&str> =
        svg.match_indices("paint-order=\"stroke\">\n").map(|(i, _)| svg[i..].split('\n').nth(1).unwrap()).collect();
    assert_eq!(labels, ["UKG"]);
    // `plot years` and `plot animate` take the same controls.
    let o = pactnet(
        d,
        &["-q", "plot", "years", "--years", "1913..1914", "--format", "svg", "--highlight", "Prussia", "-o", "y"],
    );
    assert!(o.status.success(), "{}", show(&o));
    for y in [1913, 1914] {
        let svg = std::fs::read_to_string(d.join(format!("y/network-{y}-any.svg"))).unwrap();
        assert_eq!(svg.matches("class=\"highlight\"").count(), 1, "{y}");
    }
    let args = ["-q", "plot", "animate", "--years", "1913..1914", "--width", "400", "--height", "300"];
    let o = pactnet(d, &[&args[..], &["--highlight", "GMY", "--palette", "greyscale", "-o", "a.gif"]].concat());
    assert!(o.status.success(), "{}", show(&o));
    assert!(std::fs::read(d.join("a.gif")).unwrap().starts_with(b"GIF89a"));
}

/// The PDF's facts: the header, one embedded TrueType program per face used, the page size.
fn assert_pdf(bytes: &[u8], width: u32, height: u32) {
    assert_eq!(&bytes[..5], b"%PDF-");
    let text = String::from_utf8_lossy(bytes);
    assert!(text.trim_end().ends_with("%%EOF"));
    assert_eq!(text.matches("/FontFile2").count(), 2, "regular and bold embedded");
    assert!(text.contains("/FontName /") && text.contains("+DejaVuSans-Bold") && text.contains("+DejaVuSans\n"));
    assert!(text.contains(&format!("/MediaBox [0 0 {width} {height}]")), "page size");
}

#[test]
fn issue_24_pdf_is_vector_with_its_fonts_embedded_and_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let args = ["-q", "plot", "network", "--year", "1914", "--highlight", "GMY", "--palette", "greyscale"];
    for file in ["a.pdf", "b.PDF"] {
        let o = pactnet(d, &[&args[..], &["-o", file]].concat());
        assert!(o.status.success(), "{}", show(&o));
    }
    let a = std::fs::read(d.join("a.pdf")).unwrap();
    assert_pdf(&a, 1600, 1200);
    assert_eq!(a, std::fs::read(d.join("b.PDF")).unwrap(), "same input, same bytes");
    // No bitmap inside: vector only.
    assert!(!String::from_utf8_lossy(&a).contains("/Subtype /Image"));
    // `plot years --format pdf`.
    let o = pactnet(
        d,
        &[
            "-q",
            "plot",
            "years",
            "--years",
            "1913..1914",
            "--format",
            "pdf",
            "--width",
            "800",
            "--height",
            "600",
            "-o",
            "f",
        ],
    );
    assert!(o.status.success(), "{}", show(&o));
    for y in [1913, 1914] {
        assert_pdf(&std::fs::read(d.join(format!("f/network-{y}-any.pdf"))).unwrap(), 800, 600);
    }
}

#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn issue_24_real_1914_highlight_of_germany_and_britain_in_greyscale() {
    let Some(data) = real_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let members = data.join("atop-4.01/atop4_01m.csv");
    let states = data.join("cow/states2016.csv");
    let (m, s) = (members.to_str().unwrap(), states.to_str().unwrap());
    let common = ["--members", m, "--states", s, "-q", "plot", "network", "--year", "1914"];
    let extra = ["--highlight", "GMY,UKG", "--palette", "greyscale", "-o", "g.svg", "--positions", "g.csv"];
    let o = pactnet(d, &[&common[..], &extra[..]].concat());
    assert!(o.status.success(), "{}", show(&o));
    let svg = std::fs::read_to_string(d.join("g.svg")).unwrap();
    assert_eq!(svg.matches("class=\"highlight\"").count(), 2);
    assert!(colours(&svg).into_iter().all(|c| saturation(c) == 0.0));
    // 1914 (layer any): 29 ties; GMY's five (AUH, ITA, ROM, TUR, BUL) and UKG's five (POR, JPN,
    // SPN, FRN, RUS) as usual, the other 19 faded; no GMY–UKG tie.
    let lines = elements(&svg, "<polyline");
    let faded = lines.iter().filter(|l| attr(l, "opacity") == Some("0.3")).count();
    let plain = lines.iter().filter(|l| attr(l, "opacity") == Some("0.8")).count();
    assert_eq!((plain, faded), (10, 19), "edges of GMY and UKG, and the others");
    let positions = std::fs::read_to_string(d.join("g.csv")).unwrap();
    let fills: std::collections::BTreeSet<&str> =
        positions.lines().skip(1).map(|l| l.split(',').nth(5).unwrap()).collect();
    assert!(fills.iter().all(|f| f[1..3] == f[3..5] && f[3..5] == f[5..7]), "{fills:?}");
}
