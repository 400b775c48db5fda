//! Temporal exponential random graph models (TERGM) fitted by maximum pseudo-likelihood (MPLE),
//! with a bootstrap over years — what btergm computes (Desmarais & Cranmer 2012, "Statistical
//! mechanics of networks: estimation and uncertainty", Physica A 391; Leifeld, Cranmer &
//! Desmarais 2018, "Temporal exponential random graph models with btergm", JSS 83(6)).
//!
//! The data flow: a model formula in ergm's language ([`formula`]) becomes terms ([`terms`]);
//! the yearly networks ([`YearNetwork`]) and the state and dyad attributes ([`Attributes`])
//! become the change-statistic design, one row per dyad-year ([`design`], the statistics in
//! [`change`]); the pooled logistic regression of the ties on the design is the MPLE ([`logit`]);
//! [`bootstrap`] resamples whole years, [`predict`] checks a later year out of sample.
//!
//! Networks are undirected; a dyad is an unordered pair of two of the year's nodes.

pub mod bootstrap;
pub mod change;
pub mod covariates;
pub mod design;
pub mod formula;
pub mod logit;
pub mod model;
pub mod networks;
pub mod normal;
pub mod predict;
pub mod terms;
mod year_graph;

use crate::model::StateId;

pub use design::{build_design, Design, DesignRequest, DesignYear, DroppedYear};
pub use logit::{fit, Fit, FitError};
pub use model::{run, ModelError, ModelRequest, ModelResult};
pub use terms::{Term, TermError};
pub use year_graph::YearGraph;

/// One year's network: its nodes (the states that can hold ties that year) and its ties.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct YearNetwork {
    /// The year.
    pub year: i32,
    /// The nodes, sorted and distinct.
    pub nodes: Vec<StateId>,
    /// The ties, each `a < b`, both nodes of the year, sorted and distinct.
    pub ties: Vec<(StateId, StateId)>,
}

impl YearNetwork {
    /// A year's network from any nodes and ties: nodes sorted and deduplicated, each tie ordered
    /// `a < b` and deduplicated. Returns the network and the ties left out because an end is not a
    /// node of the year or both ends are one state (for the caller to count).
    pub fn new(
        year: i32,
        mut nodes: Vec<StateId>,
        ties: impl IntoIterator<Item = (StateId, StateId)>,
    ) -> (YearNetwork, Vec<(StateId, StateId)>) {
        nodes.sort_unstable();
        nodes.dedup();
        let mut kept = Vec::new();
        let mut left_out = Vec::new();
        for (a, b) in ties {
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            if a != b && nodes.binary_search(&a).is_ok() && nodes.binary_search(&b).is_ok() {
                kept.push((a, b));
            } else {
                left_out.push((a, b));
            }
        }
        kept.sort_unstable();
        kept.dedup();
        (YearNetwork { year, nodes, ties: kept }, left_out)
    }

    /// Dyads of the year: n(n − 1)/2.
    pub fn dyads(&self) -> usize {
        let n = self.nodes.len();
        n * n.saturating_sub(1) / 2
    }
}

/// A state attribute's value in a year.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeValue {
    /// A number (CINC, Polity, the year).
    Number(f64),
    /// A category (the region).
    Category(String),
}

/// The state and dyad attributes a model's terms read (state covariates, dyad covariates).
///
/// Two state attributes are always there unless a covariate of the same name replaces them:
/// `year` (the year, a number) and `region` (the COW region, a category).
pub trait Attributes: Sync {
    /// Names of the state attributes (without the built-in ones).
    fn node_names(&self) -> Vec<String>;
    /// The value of state attribute `name` for `state` in `year`; `None` when missing.
    fn node(&self, name: &str, state: StateId, year: i32) -> Option<NodeValue>;
    /// Names of the dyad attributes.
    fn dyad_names(&self) -> Vec<String>;
    /// The value of dyad attribute `name` for the dyad `a`–`b` in `year` (0 when not listed).
    fn dyad(&self, name: &str, a: StateId, b: StateId, year: i32) -> f64;
    /// How a state is named in messages (`USA (2)`).
    fn state_label(&self, state: StateId) -> String {
        state.to_string()
    }
}

/// No attributes beyond the built-in `year` and `region`.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoAttributes;

impl Attributes for NoAttributes {
    fn node_names(&self) -> Vec<String> {
        Vec::new()
    }
    fn node(&self, _: &str, _: StateId, _: i32) -> Option<NodeValue> {
        None
    }
    fn dyad_names(&self) -> Vec<String> {
        Vec::new()
    }
    fn dyad(&self, _: &str, _: StateId, _: StateId, _: i32) -> f64 {
        0.0
    }
}
