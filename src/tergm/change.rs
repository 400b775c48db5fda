//! Change statistics: for every dyad of a year, how much each statistic of the model changes when
//! the dyad's tie is switched from absent to present, the rest of the network as observed. These
//! are the predictors of MPLE (Strauss & Ikeda 1990).
//!
//! The definitions are ergm's for undirected networks (Hunter 2007, "Curved exponential family
//! models for social networks", Social Networks 29; Morris, Handcock & Hunter 2008, "Specification
//! of exponential-family random graph models: terms and computational aspects", JSS 24(4)) and
//! btergm's for its temporal terms (Leifeld, Cranmer & Desmarais 2018). With y the network
//! without the dyad i–j, sp(u, v) the shared partners of u and v in y, d(u) the degree in y and
//! r = 1 − e^−α:
//! - `triangle`: sp(i, j);
//! - `kstar(k)`: C(d(i), k − 1) + C(d(j), k − 1);
//! - `gwesp(α)` = e^α Σ_k (1 − r^k) ESP_k: e^α (1 − r^sp(i,j)) + Σ over the common neighbours k of
//!   r^sp(i,k) + r^sp(j,k) (each of the edges i–k and j–k gains a shared partner);
//! - `gwdsp(α)` = e^α Σ_k (1 − r^k) DSP_k: Σ over k ∈ N(j) \ i of r^sp(i,k), plus the same for j;
//! - `gwdegree(α)` = e^α Σ_k (1 − r^k) D_k: r^d(i) + r^d(j).
//!
//! The powers are computed as exp(L · ln_1p(−e^−α)) and 1 − r^s as −expm1(s · ln_1p(−e^−α)), free
//! of the cancellation of 1 − (1 − e^−α)^s when α is large; α = 0 gives the indicators (0^0 = 1).

use super::terms::{r_number, Term};
use super::{Attributes, NodeValue, YearGraph};
use crate::model::region::Region;
use std::collections::BTreeSet;

/// One column of the design: a statistic and its name.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The coefficient's name, as ergm prints it (`gwesp.fixed.0.5`, `nodefactor.region.Asia`).
    pub name: String,
    /// What the column holds.
    pub statistic: Statistic,
}

/// A statistic of one column: a term, or one level of a term with a statistic per level.
#[derive(Debug, Clone, PartialEq)]
pub enum Statistic {
    /// A term with a single statistic.
    Term(Term),
    /// `nodematch(x, diff=TRUE)`: both ends have this value.
    MatchLevel(String, String),
    /// `nodefactor(x)`: ends with this value (0, 1 or 2).
    FactorLevel(String, String),
}

/// A year to compute the statistics of, with the networks its lagged terms read.
pub struct YearView<'a> {
    /// The year's network.
    pub graph: &'a YearGraph,
    /// The networks `lag` years before, by lag, for the lags the model uses.
    pub lagged: Vec<(u32, &'a YearGraph)>,
    /// btergm's time step t of the year (1 in the first year of the model's years).
    pub time: i64,
    /// The last time step (the default `maximum` of `timecov`).
    pub last_time: i64,
    /// The attributes.
    pub attributes: &'a dyn Attributes,
}

/// A statistic that cannot be computed from the data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    /// A state of the year has no value of an attribute a term reads.
    #[error(
        "`{term}`: {state} has no `{attribute}` in {year}; MPLE cannot use a dyad with a missing covariate: \
         add the value, or leave the state out of the year's nodes (--network-nodes)"
    )]
    Missing {
        /// The term's name.
        term: String,
        /// The attribute.
        attribute: String,
        /// The state, as named in messages.
        state: String,
        /// The year.
        year: i32,
    },
    /// A dyad covariate's cell is empty for a dyad of the year.
    #[error("`{term}`: the dyad {a}–{b} has no `{attribute}` in {year} (an empty cell); MPLE cannot use it: fill the cell or leave the row out (a dyad not listed is 0)")]
    MissingDyad {
        /// The term's name.
        term: String,
        /// The attribute.
        attribute: String,
        /// One state.
        a: String,
        /// The other.
        b: String,
        /// The year.
        year: i32,
    },
    /// A number was needed and the attribute is a category.
    #[error("`{term}`: `{attribute}` is a category ({state} in {year}: {value:?}), not a number")]
    Category {
        /// The term's name.
        term: String,
        /// The attribute.
        attribute: String,
        /// The state.
        state: String,
        /// The year.
        year: i32,
        /// The value.
        value: String,
    },
    /// A lagged term's year is not available (the design drops such years before).
    #[error("`{term}` needs the network {lag} year(s) before {year}")]
    NoLag {
        /// The term's name.
        term: String,
        /// The lag.
        lag: u32,
        /// The year.
        year: i32,
    },
}

/// The value of a state attribute: a covariate, else the built-in `year` or `region`.
pub fn node_value(attributes: &dyn Attributes, name: &str, state: crate::StateId, year: i32) -> Option<NodeValue> {
    if let Some(v) = attributes.node(name, state, year) {
        return Some(v);
    }
    if attributes.node_names().iter().any(|n| n == name) {
        return None;
    }
    match name {
        "year" => Some(NodeValue::Number(f64::from(year))),
        "region" => Some(NodeValue::Category(Region::of(state).name().to_string())),
        _ => None,
    }
}

/// A value as a level name: numbers as R prints them.
pub fn level_of(value: &NodeValue) -> String {
    match value {
        NodeValue::Number(v) => r_number(*v),
        NodeValue::Category(c) => c.clone(),
    }
}

/// Sorts levels as R sorts a factor's: numerically when every level is a number, else by text.
pub fn sort_levels(levels: BTreeSet<String>) -> Vec<String> {
    let mut v: Vec<String> = levels.into_iter().collect();
    let numbers: Option<Vec<f64>> = v.iter().map(|s| s.parse::<f64>().ok()).collect();
    if let Some(n) = numbers {
        let mut pairs: Vec<(f64, String)> = n.into_iter().zip(v).collect();
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
        v = pairs.into_iter().map(|p| p.1).collect();
    }
    v
}

/// The columns of `terms`: one per term, one per level of `nodematch(x, diff=TRUE)` and one per
/// level but the first of `nodefactor(x)` (`levels` gives the sorted values of an attribute over
/// the model's years).
pub fn columns(terms: &[Term], levels: impl Fn(&str) -> Vec<String>) -> Vec<Column> {
    let mut out = Vec::new();
    for term in terms {
        match term {
            Term::NodeMatch(a, true) => {
                for l in levels(a) {
                    out.push(Column {
                        name: format!("nodematch.{a}.{l}"),
                        statistic: Statistic::MatchLevel(a.clone(), l),
                    });
                }
            }
            Term::NodeFactor(a) => {
                for l in levels(a).into_iter().skip(1) {
                    out.push(Column {
                        name: format!("nodefactor.{a}.{l}"),
                        statistic: Statistic::FactorLevel(a.clone(), l),
                    });
                }
            }
            t => out.push(Column { name: t.name(), statistic: Statistic::Term(t.clone()) }),
        }
    }
    out
}

/// Powers of r = 1 − e^−α and the weights e^α (1 − r^s), by shared-partner or degree count.
struct Decay {
    power: Vec<f64>,
    weight: Vec<f64>,
}

impl Decay {
    fn new(alpha: f64, max: usize) -> Decay {
        let (power, weight) = if alpha > 700.0 {
            // r rounds to 1 and e^α (1 − r^s) to s.
            (vec![1.0; max + 1], (0..=max).map(|s| s as f64).collect())
        } else if alpha > 0.0 {
            let log_r = (-(-alpha).exp()).ln_1p();
            (
                (0..=max).map(|l| (l as f64 * log_r).exp()).collect(),
                (0..=max).map(|s| -alpha.exp() * (s as f64 * log_r).exp_m1()).collect(),
            )
        } else {
            (
                (0..=max).map(|l| f64::from(u8::from(l == 0))).collect(),
                (0..=max).map(|s| f64::from(u8::from(s > 0))).collect(),
            )
        };
        Decay { power, weight }
    }
}

/// Binomial coefficient C(n, k) as a float.
fn choose(n: u32, k: u32) -> f64 {
    if k > n {
        return 0.0;
    }
    (0..k).fold(1.0, |acc, i| acc * f64::from(n - i) / f64::from(i + 1))
}

impl YearView<'_> {
    fn year(&self) -> i32 {
        self.graph.year
    }

    fn lag(&self, lag: u32, term: &str) -> Result<&YearGraph, ChangeError> {
        self.lagged.iter().find(|(l, _)| *l == lag).map(|(_, g)| *g).ok_or_else(|| ChangeError::NoLag {
            term: term.into(),
            lag,
            year: self.year(),
        })
    }

    fn numbers(&self, attribute: &str, term: &str) -> Result<Vec<f64>, ChangeError> {
        let year = self.year();
        self.graph
            .nodes
            .iter()
            .map(|&s| match node_value(self.attributes, attribute, s, year) {
                Some(NodeValue::Number(v)) => Ok(v),
                Some(NodeValue::Category(c)) => Err(ChangeError::Category {
                    term: term.into(),
                    attribute: attribute.into(),
                    state: self.attributes.state_label(s),
                    year,
                    value: c,
                }),
                None => Err(self.missing(attribute, term, s)),
            })
            .collect()
    }

    fn levels(&self, attribute: &str, term: &str) -> Result<Vec<String>, ChangeError> {
        let year = self.year();
        self.graph
            .nodes
            .iter()
            .map(|&s| {
                node_value(self.attributes, attribute, s, year)
                    .map(|v| level_of(&v))
                    .ok_or_else(|| self.missing(attribute, term, s))
            })
            .collect()
    }

    fn missing(&self, attribute: &str, term: &str, state: crate::StateId) -> ChangeError {
        ChangeError::Missing {
            term: term.into(),
            attribute: attribute.into(),
            state: self.attributes.state_label(state),
            year: self.year(),
        }
    }

    /// Fills `out` (one value per dyad, in row order: i < j, by node position) with `column`'s
    /// change statistics.
    ///
    /// # Errors
    /// [`ChangeError`] for a missing or categorical value, or a lagged year not given.
    pub fn fill(&self, column: &Column, out: &mut [f64]) -> Result<(), ChangeError> {
        let g = self.graph;
        let n = g.len();
        debug_assert_eq!(out.len(), n * n.saturating_sub(1) / 2);
        let name = column.name.as_str();
        let year = self.year();
        let each = |out: &mut [f64], f: &mut dyn FnMut(usize, usize) -> f64| {
            let mut row = 0;
            for i in 0..n {
                for j in (i + 1)..n {
                    out[row] = f(i, j);
                    row += 1;
                }
            }
        };
        let y = |i: usize, j: usize| u32::from(g.tied(i, j));
        match &column.statistic {
            Statistic::MatchLevel(a, level) => {
                let l = self.levels(a, name)?;
                each(out, &mut |i, j| f64::from(u8::from(l[i] == *level && l[j] == *level)));
            }
            Statistic::FactorLevel(a, level) => {
                let l = self.levels(a, name)?;
                each(out, &mut |i, j| f64::from(u8::from(l[i] == *level) + u8::from(l[j] == *level)));
            }
            Statistic::Term(term) => match term {
                Term::Edges => out.fill(1.0),
                Term::Triangle => each(out, &mut |i, j| f64::from(g.shared(i, j))),
                Term::KStar(k) => {
                    let c: Vec<f64> = (0..=n as u32).map(|d| choose(d, k - 1)).collect();
                    each(out, &mut |i, j| {
                        let t = y(i, j);
                        c[(g.degree[i] - t) as usize] + c[(g.degree[j] - t) as usize]
                    });
                }
                Term::Gwesp(alpha) => {
                    let d = Decay::new(*alpha, n);
                    each(out, &mut |i, j| {
                        let t = y(i, j);
                        let mut v = d.weight[g.shared(i, j) as usize];
                        for k in g.common_neighbours(i, j) {
                            v += d.power[(g.shared(i, k) - t) as usize] + d.power[(g.shared(j, k) - t) as usize];
                        }
                        v
                    });
                }
                Term::Gwdsp(alpha) => {
                    let d = Decay::new(*alpha, n);
                    each(out, &mut |i, j| {
                        let t = y(i, j);
                        let mut v = 0.0;
                        for &k in &g.neighbours[j] {
                            if k as usize != i {
                                v += d.power[(g.shared(i, k as usize) - t) as usize];
                            }
                        }
                        for &k in &g.neighbours[i] {
                            if k as usize != j {
                                v += d.power[(g.shared(j, k as usize) - t) as usize];
                            }
                        }
                        v
                    });
                }
                Term::Gwdegree(alpha) => {
                    let d = Decay::new(*alpha, n);
                    each(out, &mut |i, j| {
                        let t = y(i, j);
                        d.power[(g.degree[i] - t) as usize] + d.power[(g.degree[j] - t) as usize]
                    });
                }
                Term::NodeCov(a) => {
                    let x = self.numbers(a, name)?;
                    each(out, &mut |i, j| x[i] + x[j]);
                }
                Term::AbsDiff(a, pow) => {
                    let x = self.numbers(a, name)?;
                    each(out, &mut |i, j| {
                        if *pow == 1.0 {
                            (x[i] - x[j]).abs()
                        } else {
                            (x[i] - x[j]).abs().powf(*pow)
                        }
                    });
                }
                Term::NodeMatch(a, _) => {
                    let l = self.levels(a, name)?;
                    each(out, &mut |i, j| f64::from(u8::from(l[i] == l[j])));
                }
                // `columns` expands nodefactor into its levels; summed over all levels it is 2.
                Term::NodeFactor(_) => out.fill(2.0),
                Term::EdgeCov(x) => {
                    each(out, &mut |i, j| self.attributes.dyad(x, g.nodes[i], g.nodes[j], year));
                    self.no_missing_dyad(out, x, name)?;
                }
                Term::Memory(kind, lag) => {
                    let before = self.lag(*lag, name)?;
                    let at = self.positions_in(before);
                    each(out, &mut |i, j| {
                        kind.value(matches!((at[i], at[j]), (Some(a), Some(b)) if before.tied(a, b)))
                    });
                }
                Term::TimeCov { x, minimum, maximum, .. } => {
                    let t = self.time;
                    let on = t >= *minimum && t <= maximum.unwrap_or(self.last_time);
                    let value = if on { t as f64 } else { 0.0 };
                    match x {
                        None => out.fill(value),
                        Some(x) => {
                            each(out, &mut |i, j| value * self.attributes.dyad(x, g.nodes[i], g.nodes[j], year));
                            self.no_missing_dyad(out, x, name)?;
                        }
                    }
                }
                Term::LagSp(lag) => {
                    let before = self.lag(*lag, name)?;
                    let at = self.positions_in(before);
                    each(out, &mut |i, j| match (at[i], at[j]) {
                        (Some(a), Some(b)) => f64::from(before.shared(a, b)),
                        _ => 0.0,
                    });
                }
            },
        }
        Ok(())
    }

    /// An error naming the first dyad whose value is NaN (an empty covariate cell).
    fn no_missing_dyad(&self, out: &[f64], attribute: &str, term: &str) -> Result<(), ChangeError> {
        let Some(row) = out.iter().position(|v| v.is_nan()) else { return Ok(()) };
        let n = self.graph.len();
        let (mut i, mut left) = (0, row);
        while left >= n - 1 - i {
            left -= n - 1 - i;
            i += 1;
        }
        let j = i + 1 + left;
        let label = |k: usize| self.attributes.state_label(self.graph.nodes[k]);
        Err(ChangeError::MissingDyad {
            term: term.into(),
            attribute: attribute.into(),
            a: label(i),
            b: label(j),
            year: self.year(),
        })
    }

    /// Each node's position in `other` (a lagged year's network), if it is a node there.
    fn positions_in(&self, other: &YearGraph) -> Vec<Option<usize>> {
        self.graph.nodes.iter().map(|&s| other.position(s)).collect()
    }
}

#[cfg(test)]
mod tests;
