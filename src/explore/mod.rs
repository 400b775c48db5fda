//! The explore page: one self-contained HTML file (script, style and data inline, no request to
//! any network) to look around the network in a browser: a year slider with play, a layer
//! choice, colour by region or bloc, search, hover and click details, and the view kept in the
//! URL fragment (`#year=1914&layer=defense&state=FRN`).
//!
//! Place in the flow: after the snapshot, blocs and layout stages. pactnet computes everything
//! the page shows ([`data::page_data`]); the page's script only selects the ties of a year and
//! layer (the edges counted that year whose types the layer admits, grouped by pair, as
//! [`crate::SnapshotBuilder`] does) and draws them with the colours and widths of the PNGs.

pub mod data;

use crate::error::QueryError;
use crate::graph::{AllianceGraph, Timeline};
use crate::measures::blocs::BlocTable;
use crate::plot::layout::YearLayout;
use std::ops::RangeInclusive;

/// The page template; [`page`] fills in the title and the data.
const TEMPLATE: &str = include_str!("explore.html");

/// What goes into the page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExploreOptions {
    /// Years; `None` (the default): every year of the data.
    pub years: Option<RangeInclusive<i32>>,
    /// Seed of the layout and the blocs. Default: 0 (as `plot years` and `report`).
    pub seed: u64,
}

/// The explore page of `graph`, as one HTML string.
///
/// # Errors
/// [`QueryError::YearOutOfRange`] when the years reach outside the data.
pub fn page(graph: &AllianceGraph, timeline: &Timeline, options: &ExploreOptions) -> Result<String, QueryError> {
    Ok(render(&data::page_data(graph, timeline, options.years.clone(), options.seed)?))
}

/// The explore page from layer `any`'s stable layouts and blocs of its years, computed by the
/// caller (the report's, shared with its pictures): the same page as [`page`] with the same
/// years and seed.
///
/// # Errors
/// As [`data::page_data_from`].
pub fn page_from(
    graph: &AllianceGraph,
    timeline: &Timeline,
    layouts: &[YearLayout],
    blocs: &BlocTable<'_>,
) -> Result<String, QueryError> {
    Ok(render(&data::page_data_from(graph, timeline, layouts, blocs)?))
}

/// The template filled with the page's data.
fn render(data: &data::PageData) -> String {
    let json = crate::io::html::script_json(&serde_json::to_string(&data).unwrap_or_default());
    let title = format!("Alliance network {}–{}", data.first, data.last);
    TEMPLATE.replace("{{TITLE}}", &crate::io::html::text(&title)).replacen("{{DATA}}", &json, 1)
}
