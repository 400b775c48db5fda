//! Plots: yearly network pictures, the adjacency matrix, metric time series, a state's chart and
//! animations, drawn with plotters on any backend.
//!
//! Place in the flow: snapshot → metrics ([`crate::analysis`]) → **plot**. The drawing functions
//! (`draw_*`) take a `&DrawingArea<DB, Shift>` for any plotters backend and draw what they are
//! given: a scene (positions, sizes, colours, texts) prepared from snapshots and metric tables by
//! the builders here ([`NetworkPlotter`], [`StateChart::build`], [`MatrixScene::build`],
//! [`SeriesChart::from_tables`]); no metric is computed in this module. [`output`] turns a scene
//! into PNG bytes, an SVG string, a PDF (fonts embedded) or an animated GIF.
//!
//! Text is set in DejaVu Sans, embedded in the binary ([`style::register_fonts`]), so pictures
//! are the same on every machine, with or without system fonts. Layouts are seeded, and drawing
//! order is fixed, so the same input gives the same picture.
//!
//! ```
//! use pactnet::plot::{output, NetworkPlotter, PlotOptions};
//! use pactnet::{AllianceGraph, Dataset, Inputs, Layer, LoadOptions, Period, SystemFilter, Timeline};
//!
//! let (data, mut diag) = Dataset::load(&Inputs::sample(), &LoadOptions::default())?;
//! let graph = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
//! let timeline = Timeline::new(&graph);
//! let options = PlotOptions { width: 800, height: 600, ..PlotOptions::default() };
//! let plotter = NetworkPlotter::new(&graph, &timeline, Layer::Any, &options, 1950..=1950)?;
//! let scene = plotter.scene(Period::Year(1950))?;
//! let svg = output::svg(options.width, options.height, |area| pactnet::plot::network::draw_network(area, &scene))?;
//! assert!(svg.contains("1950"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod animate;
pub mod durations;
pub mod geometry;
pub mod layout;
pub mod matrix;
pub mod measure;
pub mod network;
pub mod output;
pub mod raster;
pub mod reach;
pub mod series;
pub mod state;
pub mod style;

use crate::analysis::NodeMetric;
use crate::error::QueryError;
use crate::model::StateId;

pub use layout::{positions, LayoutKind, LayoutOptions, Layouter, YearLayout};
pub use matrix::MatrixScene;
pub use network::{NetworkPlotter, NetworkScene};
pub use series::SeriesChart;
pub use state::StateChart;

/// Everything that can go wrong while preparing or drawing a plot.
#[derive(Debug, thiserror::Error)]
pub enum PlotError {
    /// The embedded font could not be read (a broken build).
    #[error("the embedded font {name} cannot be read")]
    Font {
        /// Font name.
        name: &'static str,
    },
    /// A plotters backend failed while drawing.
    #[error("cannot draw {what}: {message}")]
    Draw {
        /// What was being drawn (`network`, `legend`, …).
        what: &'static str,
        /// The backend's message.
        message: String,
    },
    /// Encoding the image (PNG or GIF) failed.
    #[error("cannot encode the {format} image: {message}")]
    Encode {
        /// `PNG` or `GIF`.
        format: &'static str,
        /// The encoder's message.
        message: String,
    },
    /// The picture size is not usable.
    #[error("image size {width}×{height} is outside 200×150..=8000×8000 pixels")]
    BadSize {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// A metric cannot be drawn for this request.
    #[error("{metric} cannot size nodes of a single day (--date): node metrics are yearly; use --year, or degree or strength")]
    MetricNeedsYear {
        /// The metric asked for.
        metric: NodeMetric,
    },
    /// The text size is not usable.
    #[error("font size {size} is outside {}..={} points", FONT_SIZES.start(), FONT_SIZES.end())]
    BadFontSize {
        /// The size asked for (points).
        size: f64,
    },
    /// The year or date lies outside the data.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// Writing the output failed.
    #[error("cannot write the image: {0}")]
    Io(#[from] std::io::Error),
}

/// Result of plot functions.
pub type PlotResult<T> = std::result::Result<T, PlotError>;

/// Turns a plotters drawing error into a [`PlotError::Draw`] naming what was drawn.
pub(crate) fn draw_error<E: std::error::Error + Send + Sync>(
    what: &'static str,
) -> impl Fn(plotters::drawing::DrawingAreaErrorKind<E>) -> PlotError {
    move |e| PlotError::Draw { what, message: e.to_string() }
}

pub(crate) use crate::names::named_enum as choice;
pub use crate::names::UnknownName as UnknownChoice;

choice!(
    /// What a node's fill colour shows.
    NodeColor, "node colour", [
    /// Its COW region ([`style::Region`]).
    Region = "region",
    /// Its bloc: Louvain communities of the year's snapshot, labels kept across years.
    Community = "community",
    /// One neutral colour.
    None = "none",
]);

choice!(
    /// The colours of a network picture: node fills, edge strokes and the legend's swatches.
    Palette, "palette", [
    /// Colour ([`style`]'s module docs): light node colours, dark edge colours, no near-twins.
    Colour = "colour",
    /// Print-safe greys: node fills in distinct grey levels (regions, the four largest blocs),
    /// edge types told apart by dash pattern as well as grey level ([`style::EdgeStroke`]).
    Greyscale = "greyscale",
]);

choice!(
    /// Which nodes get a text label (the COW abbreviation).
    Labels, "label mode", [
    /// The largest nodes first, each only where its label overlaps no other label or node;
    /// the caption counts those left out.
    Auto = "auto",
    /// Every node (labels may overlap).
    All = "all",
    /// No labels.
    None = "none",
]);

choice!(
    /// Whether states without a tie in the period are drawn.
    Isolates, "isolate mode", [
    /// Draw them (the default): the picture shows the whole state system.
    Show = "show",
    /// Leave them out.
    Hide = "hide",
]);

/// A figure's title or caption: pactnet's text, none (the space goes to the drawing), or the
/// user's own. Parsed from a flag: `none` is [`FigureText::None`], any other text is itself.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum FigureText {
    /// pactnet's text (the period, layer and counts; the data source).
    #[default]
    Default,
    /// No text.
    None,
    /// This text.
    Text(String),
}

impl FigureText {
    /// The text to draw: `default` for [`FigureText::Default`], "" for none.
    pub fn or(&self, default: impl FnOnce() -> String) -> String {
        match self {
            FigureText::Default => default(),
            FigureText::None => String::new(),
            FigureText::Text(t) => t.clone(),
        }
    }
}

impl std::str::FromStr for FigureText {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(if s.trim().eq_ignore_ascii_case("none") { FigureText::None } else { FigureText::Text(s.to_string()) })
    }
}

/// How a network picture is made. Every field's default is stated on it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlotOptions {
    /// Node placement. Default: [`LayoutKind::Stable`].
    pub layout: LayoutKind,
    /// Anchoring weight α of the stable layout ([`LayoutOptions::anchoring`]). Default: 0.05.
    pub anchoring: f64,
    /// Node colour. Default: [`NodeColor::Region`].
    pub color: NodeColor,
    /// Node metric behind node size (area ∝ value), from [`crate::analysis`]; `None`: one size.
    /// Default: `Some(NodeMetric::Degree)`.
    pub size: Option<NodeMetric>,
    /// Labels. Default: [`Labels::Auto`].
    pub labels: Labels,
    /// Isolates. Default: [`Isolates::Show`].
    pub isolates: Isolates,
    /// Width in pixels. Default: 1600.
    pub width: u32,
    /// Height in pixels. Default: 1200.
    pub height: u32,
    /// Seed of the bloc search. Default: 0.
    pub seed: u64,
    /// Title. Default: [`FigureText::Default`] (period, layer, counts).
    pub title: FigureText,
    /// Caption. Default: [`FigureText::Default`] (the data source, and how many labels were left
    /// out).
    pub caption: FigureText,
    /// Colours or greys. Default: [`Palette::Colour`].
    pub palette: Palette,
    /// Size of the body text (legend entries, caption) in points, 1 pt = 1 pixel of the picture
    /// (and 1 pt of a PDF page); the title, legend headings and labels keep their proportions to
    /// it (28, 16 and 14 to 15). Within [`FONT_SIZES`]. Default: `None`, pactnet's size: 15 at
    /// 1600×1200, scaled with the picture ([`style::Metrics`]; 11 at 800×600).
    pub font_size: Option<f64>,
    /// States to highlight: each drawn with a ring and a bold label (labelled whatever
    /// [`PlotOptions::labels`] says), every other state faded, and every edge that touches no
    /// highlighted state faded. Empty: nothing highlighted, nothing faded. Default: empty.
    pub highlight: Vec<StateId>,
}

/// The font sizes [`PlotOptions::font_size`] accepts, in points.
pub const FONT_SIZES: std::ops::RangeInclusive<f64> = 6.0..=60.0;

impl Default for PlotOptions {
    fn default() -> Self {
        PlotOptions {
            layout: LayoutKind::Stable,
            anchoring: layout::DEFAULT_ANCHORING,
            color: NodeColor::Region,
            size: Some(NodeMetric::Degree),
            labels: Labels::Auto,
            isolates: Isolates::Show,
            width: 1600,
            height: 1200,
            seed: 0,
            title: FigureText::Default,
            caption: FigureText::Default,
            palette: Palette::Colour,
            font_size: None,
            highlight: Vec::new(),
        }
    }
}

impl PlotOptions {
    /// Checks the picture size and the font size.
    ///
    /// # Errors
    /// [`PlotError::BadSize`] outside 200×150..=8000×8000; [`PlotError::BadFontSize`] for a
    /// font size outside [`FONT_SIZES`].
    pub fn check(&self) -> PlotResult<()> {
        check_size(self.width, self.height)?;
        match self.font_size {
            Some(size) if !FONT_SIZES.contains(&size) => Err(PlotError::BadFontSize { size }),
            _ => Ok(()),
        }
    }
}

/// Checks a picture size.
///
/// # Errors
/// [`PlotError::BadSize`] outside 200×150..=8000×8000.
pub fn check_size(width: u32, height: u32) -> PlotResult<()> {
    if (200..=8000).contains(&width) && (150..=8000).contains(&height) {
        Ok(())
    } else {
        Err(PlotError::BadSize { width, height })
    }
}
