//! Research measures beyond the standard metrics: alliance-portfolio similarity, blocs, cliques,
//! dynamics, degrees of separation, chains of obligation (reach) and alliance survival.

pub mod blocs;
pub mod bron_kerbosch;
pub mod cliques;
pub mod dynamics;
pub mod reach;
pub mod separation;
pub mod similarity;
pub mod survival;
