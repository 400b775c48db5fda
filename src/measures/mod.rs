//! Research measures on snapshots beyond the standard metrics: alliance-portfolio similarity.

pub mod blocs;
pub mod cliques;
pub mod dynamics;
pub mod reach;
pub mod separation;
pub mod similarity;
pub mod survival;
