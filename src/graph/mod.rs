//! The graph stages: the time-indexed multigraph, its timeline, the directed obligations of each
//! dyad-year, and yearly/dated snapshots.

pub mod directed;
pub mod dyad_override;
pub mod multigraph;
pub mod snapshot;
pub mod timeline;

pub use multigraph::{AllianceGraph, MultiEdge, SystemFilter};
pub use snapshot::{Period, SimpleEdge, Snapshot, SnapshotBuilder};
pub use timeline::{Timeline, YearRule};
