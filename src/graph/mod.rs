//! The graph stages: the time-indexed multigraph (with ATOP's dyad-years applied, if given), its
//! timeline, and yearly/dated snapshots.

pub mod dyad_override;
pub mod multigraph;
pub mod snapshot;
pub mod timeline;

pub use multigraph::{AllianceGraph, MultiEdge, SystemFilter};
pub use snapshot::{Period, SimpleEdge, Snapshot, SnapshotBuilder};
pub use timeline::{Timeline, YearRule};
