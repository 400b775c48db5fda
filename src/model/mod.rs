//! Pure types of the data model, no I/O: states, dates, obligations, alliances, covariates.

pub mod alliance;
pub mod atop_dyads;
pub mod codebook;
pub mod covariates;
pub mod date;
pub mod limits;
pub mod obligation;
pub mod provisions;
pub mod region;
pub mod state;

pub use alliance::{AllianceId, MemberSpell, SystemSpell};
pub use date::DateSpan;
pub use obligation::{Layer, Obligation, ObligationSet};
pub use provisions::ProvisionTable;
pub use region::Region;
pub use state::{DenseIndex, State, StateId, StateIndex};
