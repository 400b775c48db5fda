//! The MPLE design: one row per dyad-year of the model's years, the tie as response and the
//! change statistics of every term as predictors, held year by year (column-major within a
//! year), with a bound on its size checked before anything is allocated.

use super::change::{self, Column, YearView};
use super::terms::{ModelTerm, Term, TermError};
use super::{Attributes, YearGraph, YearNetwork};
use crate::model::StateId;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;

/// The default bound on the design's cells (dyad-years × columns): 250 million, 2 GB of numbers.
pub const DEFAULT_MAX_CELLS: usize = 250_000_000;

/// What to build a design of.
pub struct DesignRequest<'a> {
    /// The networks by year: the model's years and any earlier year a lagged term reads.
    pub networks: &'a BTreeMap<i32, YearNetwork>,
    /// The model's years (those of `networks` in this range).
    pub years: RangeInclusive<i32>,
    /// The terms.
    pub terms: &'a [ModelTerm],
    /// State and dyad attributes.
    pub attributes: &'a dyn Attributes,
    /// Bound on dyad-years × columns ([`DEFAULT_MAX_CELLS`]).
    pub max_cells: usize,
}

/// One year of the design.
#[derive(Debug, Clone)]
pub struct DesignYear {
    /// The year.
    pub year: i32,
    /// btergm's time step (1 in the first of the model's years).
    pub time: i64,
    /// The year's nodes; the rows are their pairs i < j in this order.
    pub nodes: Vec<StateId>,
    /// The rows whose dyad is tied (the response is 1 there, 0 elsewhere), ascending.
    pub tied: Vec<u32>,
    /// The predictors, one per column.
    pub columns: Vec<ColumnData>,
    rows: usize,
}

/// A column of a year, stored as the fit reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnData {
    /// Every row's value.
    Dense(Vec<f64>),
    /// One value on every row (`edges`, `nodecov(year)`, `timecov()`).
    Constant(f64),
    /// Fewer than a quarter of the rows are not 0: those rows (ascending) and their values.
    Sparse(Vec<u32>, Vec<f64>),
}

impl ColumnData {
    /// The column of `values`, in the cheapest form.
    pub fn new(values: Vec<f64>) -> ColumnData {
        let rows = values.len();
        let nonzero = values.iter().filter(|&&v| v != 0.0).count();
        if values.first().is_some_and(|&v| values.iter().all(|&c| c.to_bits() == v.to_bits())) {
            ColumnData::Constant(values[0])
        } else if nonzero * 4 < rows {
            let index: Vec<u32> = (0..rows as u32).filter(|&r| values[r as usize] != 0.0).collect();
            let kept = index.iter().map(|&r| values[r as usize]).collect();
            ColumnData::Sparse(index, kept)
        } else {
            ColumnData::Dense(values)
        }
    }

    /// Every row's value (`rows` of them).
    pub fn to_dense(&self, rows: usize) -> Vec<f64> {
        match self {
            ColumnData::Dense(v) => v.clone(),
            ColumnData::Constant(c) => vec![*c; rows],
            ColumnData::Sparse(index, values) => {
                let mut v = vec![0.0; rows];
                for (&r, &x) in index.iter().zip(values) {
                    v[r as usize] = x;
                }
                v
            }
        }
    }
}

impl DesignYear {
    /// A year of the design from its response (0/1 per row) and its columns' values.
    pub fn new(year: i32, time: i64, nodes: Vec<StateId>, y: &[f64], columns: Vec<Vec<f64>>) -> Self {
        debug_assert!(columns.iter().all(|c| c.len() == y.len()));
        let tied = (0..y.len() as u32).filter(|&r| y[r as usize] == 1.0).collect();
        DesignYear {
            year,
            time,
            nodes,
            tied,
            columns: columns.into_iter().map(ColumnData::new).collect(),
            rows: y.len(),
        }
    }

    /// Dyads (rows) of the year.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Ties of the year.
    pub fn ties(&self) -> usize {
        self.tied.len()
    }

    /// The response of every row (1 tied, 0 not).
    pub fn response(&self) -> Vec<f64> {
        let mut y = vec![0.0; self.rows];
        for &r in &self.tied {
            y[r as usize] = 1.0;
        }
        y
    }

    /// Every row's value of column `k`.
    pub fn column(&self, k: usize) -> Vec<f64> {
        self.columns[k].to_dense(self.rows)
    }

    /// The dyads in row order.
    pub fn dyads(&self) -> impl Iterator<Item = (StateId, StateId)> + '_ {
        let n = self.nodes.len();
        (0..n).flat_map(move |i| ((i + 1)..n).map(move |j| (self.nodes[i], self.nodes[j])))
    }
}

/// A year of the range the model cannot use, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedYear {
    /// The year.
    pub year: i32,
    /// Why (a lagged term's year missing).
    pub reason: String,
}

/// The design of a model.
#[derive(Debug, Clone)]
pub struct Design {
    /// The columns (predictors), in formula order.
    pub columns: Vec<Column>,
    /// The years used, ascending.
    pub years: Vec<DesignYear>,
    /// Years of the range left out.
    pub dropped: Vec<DroppedYear>,
}

impl Design {
    /// Dyad-years (rows) in all.
    pub fn rows(&self) -> usize {
        self.years.iter().map(DesignYear::rows).sum()
    }

    /// Ties in all.
    pub fn ties(&self) -> usize {
        self.years.iter().map(DesignYear::ties).sum()
    }

    /// The column names.
    pub fn names(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.name.as_str()).collect()
    }
}

/// Why a design cannot be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DesignError {
    /// A term names an attribute that is not there (a usage error).
    #[error(transparent)]
    Term(#[from] TermError),
    /// A statistic cannot be computed from the data.
    #[error(transparent)]
    Change(#[from] change::ChangeError),
    /// No year of the range can be modelled.
    #[error("no year of {first}..{last} can be modelled{}", detail)]
    NoYears {
        /// First year asked for.
        first: i32,
        /// Last year asked for.
        last: i32,
        /// Why, if years were dropped.
        detail: String,
    },
    /// The design would be larger than the bound.
    #[error(
        "the design would hold {rows} dyad-years × {columns} columns = {cells} numbers ({gib:.1} GiB), above the bound \
         of {bound} (--max-design-cells); model fewer years or states, or raise the bound"
    )]
    TooLarge {
        /// Dyad-years.
        rows: usize,
        /// Columns.
        columns: usize,
        /// rows × (columns + 1).
        cells: usize,
        /// The size in GiB.
        gib: f64,
        /// The bound.
        bound: usize,
    },
}

/// Builds the design of `request`.
///
/// # Errors
/// [`DesignError`]: an attribute not there, a missing covariate value, no usable year, or a
/// design above the bound.
pub fn build_design(request: &DesignRequest<'_>) -> Result<Design, DesignError> {
    for t in request.terms {
        t.check_attributes(request.attributes)?;
    }
    let terms: Vec<Term> = request.terms.iter().map(|t| t.term.clone()).collect();
    let mut lags: Vec<u32> = terms.iter().map(Term::lag).filter(|&l| l > 0).collect();
    lags.sort_unstable();
    lags.dedup();
    let first = *request.years.start();
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    for (&year, network) in request.networks.range(request.years.clone()) {
        let missing: Vec<i32> =
            lags.iter().map(|&l| year - l as i32).filter(|y| !request.networks.contains_key(y)).collect();
        if missing.is_empty() {
            kept.push(network);
        } else {
            let list: Vec<String> = missing.iter().map(i32::to_string).collect();
            dropped.push(DroppedYear {
                year,
                reason: format!(
                    "its lagged terms need the network of {}, which the data does not have",
                    list.join(", ")
                ),
            });
        }
    }
    if kept.is_empty() {
        let detail = if dropped.is_empty() {
            " (no network in these years)".to_string()
        } else {
            format!(" ({} year(s) dropped: {})", dropped.len(), dropped[0].reason)
        };
        return Err(DesignError::NoYears { first, last: *request.years.end(), detail });
    }
    let levels = |attribute: &str| {
        let mut set = BTreeSet::new();
        for n in &kept {
            for &s in &n.nodes {
                if let Some(v) = change::node_value(request.attributes, attribute, s, n.year) {
                    set.insert(change::level_of(&v));
                }
            }
        }
        change::sort_levels(set)
    };
    let columns = change::columns(&terms, levels);
    let rows: usize = kept.iter().map(|n| n.dyads()).sum();
    let cells = rows.saturating_mul(columns.len() + 1);
    if cells > request.max_cells {
        return Err(DesignError::TooLarge {
            rows,
            columns: columns.len(),
            cells,
            gib: cells as f64 * 8.0 / (1u64 << 30) as f64,
            bound: request.max_cells,
        });
    }
    let last_time = i64::from(kept.last().map_or(first, |n| n.year) - first + 1);
    let lagged_graphs: BTreeMap<i32, YearGraph> = {
        let needed: BTreeSet<i32> = kept.iter().flat_map(|n| lags.iter().map(move |&l| n.year - l as i32)).collect();
        needed.into_par_iter().map(|y| (y, YearGraph::new(&request.networks[&y]))).collect()
    };
    let years = kept
        .par_iter()
        .map(|network| {
            let graph = YearGraph::new(network);
            let view = YearView {
                graph: &graph,
                lagged: lags.iter().map(|&l| (l, &lagged_graphs[&(network.year - l as i32)])).collect(),
                time: i64::from(network.year - first + 1),
                last_time,
                attributes: request.attributes,
            };
            let r = network.dyads();
            let mut values = Vec::with_capacity(columns.len());
            for column in &columns {
                let mut v = vec![0.0; r];
                view.fill(column, &mut v)?;
                values.push(v);
            }
            let n = graph.len();
            let y: Vec<f64> = (0..n)
                .flat_map(|i| ((i + 1)..n).map(move |j| (i, j)))
                .map(|(i, j)| f64::from(u8::from(graph.tied(i, j))))
                .collect();
            Ok(DesignYear::new(network.year, view.time, network.nodes.clone(), &y, values))
        })
        .collect::<Result<Vec<_>, change::ChangeError>>()?;
    Ok(Design { columns, years, dropped })
}
