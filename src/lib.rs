//! pactnet: alliance networks from ATOP and COW data.
//!
//! The data flows through the modules in this order:
//! load ([`io`]) → validate ([`validate`], into a [`Dataset`]) → multigraph
//! ([`graph::AllianceGraph`]) → snapshot ([`graph::SnapshotBuilder`]) → metrics → output/plot.
//! Covariates and networks given as dyad-year lists ([`model::covariates`]) are read against the
//! data set's state list ([`io::covariates::read_covariates`], [`io::network`]) and join the
//! state-year and dyad-year exports ([`export::covariates`]).
//!
//! ```
//! use pactnet::{AllianceGraph, Dataset, Diagnostics, Inputs, Layer, LoadOptions, Period, SnapshotBuilder, SystemFilter, Timeline, YearRule};
//!
//! let (data, mut diag) = Dataset::load(&Inputs::sample(), &LoadOptions::default())?;
//! let graph = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
//! let timeline = Timeline::new(&graph);
//! let mut builder = SnapshotBuilder::new(&graph, &timeline);
//! let snap = builder.build(Period::Year(1950), Layer::Any)?;
//! // Every edge joins two nodes of the year, and weights count alliances.
//! assert!(snap.edges.iter().all(|e| snap.local_index(e.a).is_some() && e.weight >= 1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs, clippy::unwrap_used, clippy::print_stdout, clippy::print_stderr)]

pub mod analysis;
pub mod api;
pub mod dataset;
pub mod diagnostics;
pub mod error;
pub mod explore;
pub mod export;
pub mod filter;
pub mod graph;
pub mod io;
pub mod measures;
pub mod model;
pub mod names;
pub mod plot;
pub mod report;
pub mod rng;
pub mod synth;
pub mod tergm;
pub mod testdata;
pub mod validate;

pub use dataset::{Dataset, ExtraInputs, Inputs, LoadOptions, MemberSource, OnRowError, SystemEnd};
pub use diagnostics::{Diagnostics, WarningKind};
pub use error::{Error, Location, Result};
pub use graph::{
    AllianceGraph, MultiEdge, Period, SimpleEdge, Snapshot, SnapshotBuilder, SystemFilter, Timeline, YearRule,
};
pub use model::{AllianceId, DateSpan, Layer, Obligation, ObligationSet, StateId};
