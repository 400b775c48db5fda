//! Alliance-portfolio similarity of two states in one snapshot (Signorino & Ritter 1999; Häge 2011).
//!
//! A state's portfolio is its row of the snapshot's adjacency over all nodes, itself included
//! with the self-tie at the maximum. With [`SimilarityRequest::among`] the positions are the
//! nodes of a chosen set of states (Signorino & Ritter's regional S) and the two states compared:
//! a state always holds its own position at the maximum, inside the set or not. Valued ATOP
//! coding of a tie: 3 = defense or offense, 2 = neutrality or consultation, 1 = nonaggression
//! only, 0 = none; binary coding: 1 = any tie; COW's ordinal coding (Bueno de Mesquita 1975's
//! tau-b, Signorino & Ritter 1999's S on COW alliances): 3 = defense, 2 = neutrality or
//! nonaggression, 1 = entente, 0 = none.
//! Every measure is a function of the K×K contingency table of the two portfolios (K = 4 or 2),
//! built by merging two sparse rows, so a dyad costs O(deg a + deg b + K²), not O(n).

use crate::error::QueryError;
use crate::graph::snapshot::map_years;
use crate::graph::{AllianceGraph, Snapshot, Timeline};
use crate::io::table::{Cell, RowSink, Table};
use crate::model::{DenseIndex, Layer, Obligation, ObligationSet, StateId, StateIndex};
use crate::names::named_enum;
use std::ops::RangeInclusive;

named_enum!(
    /// How a tie is scored in a portfolio.
    #[derive(Default)]
    Coding, "coding", [
    /// 3 = defense or offense, 2 = neutrality or consultation, 1 = nonaggression only, 0 = none.
    #[default]
    Valued = "valued",
    /// 1 = any tie, 0 = none.
    Binary = "binary",
    /// COW's ordinal scores: 3 = defense, 2 = neutrality or nonaggression, 1 = entente (or a
    /// tie without a type), 0 = none. On ATOP data offense counts as defense and consultation
    /// as entente.
    Cow = "cow",
]);

impl Coding {
    /// The largest score (the self-tie), `d_max` of the S measures.
    pub fn max(self) -> u8 {
        match self {
            Coding::Valued | Coding::Cow => 3,
            Coding::Binary => 1,
        }
    }

    /// The score of a tie with these types (a tie without any type scores 1 in either coding).
    pub fn score(self, types: ObligationSet) -> u8 {
        match self {
            Coding::Binary => 1,
            Coding::Valued if types.contains(Obligation::Defense) || types.contains(Obligation::Offense) => 3,
            Coding::Valued if types.contains(Obligation::Neutrality) || types.contains(Obligation::Consultation) => 2,
            Coding::Valued => 1,
            Coding::Cow if types.contains(Obligation::Defense) || types.contains(Obligation::Offense) => 3,
            Coding::Cow if types.contains(Obligation::Neutrality) || types.contains(Obligation::Nonaggression) => 2,
            Coding::Cow => 1,
        }
    }
}

named_enum!(
    /// A similarity measure.
    Measure, "measure", [
    /// S with absolute distances: 1 − 2·(Σ|xₖ−yₖ|/n)/d_max (Signorino & Ritter 1999).
    S = "s",
    /// S with squared distances: 1 − 2·(Σ(xₖ−yₖ)²/n)/d_max².
    S2 = "s2",
    /// Kendall's tau-b of the two portfolios (ties corrected); NaN when a portfolio is constant.
    TauB = "taub",
    /// Cohen's kappa with quadratic disagreement weights (Häge 2011): 1 − D_obs/D_exp, the
    /// expected disagreement from each portfolio's own marginal distribution.
    Kappa = "kappa",
    /// Scott's pi with quadratic disagreement weights (Häge 2011): as kappa, the expected
    /// disagreement from the pooled marginal distribution of both portfolios.
    Pi = "pi",
]);

/// Joint counts of two portfolios' scores: `counts[a][b]` = positions where x = a and y = b.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Contingency {
    counts: [[u64; 4]; 4],
    k: usize,
}

impl Contingency {
    /// The table of two dense portfolios with scores below `k` (k = 2 or 4).
    pub fn of(x: &[u8], y: &[u8], k: usize) -> Self {
        let mut t = Contingency { counts: [[0; 4]; 4], k };
        for (&a, &b) in x.iter().zip(y) {
            t.counts[a as usize][b as usize] += 1;
        }
        t
    }

    fn n(&self) -> u64 {
        self.counts.iter().flatten().sum()
    }

    fn rows(&self) -> [u64; 4] {
        let mut r = [0; 4];
        for (a, row) in self.counts.iter().enumerate() {
            r[a] = row.iter().sum();
        }
        r
    }

    fn cols(&self) -> [u64; 4] {
        let mut c = [0; 4];
        for row in &self.counts {
            for (b, v) in row.iter().enumerate() {
                c[b] += v;
            }
        }
        c
    }

    /// Σ counts[a][b]·|a−b|^p / n.
    fn mean_distance(&self, p: u32) -> f64 {
        let mut sum = 0u64;
        for (a, row) in self.counts.iter().enumerate() {
            for (b, &v) in row.iter().enumerate() {
                sum += v * (a.abs_diff(b) as u64).pow(p);
            }
        }
        sum as f64 / self.n() as f64
    }

    /// Expected quadratic disagreement when x and y are drawn from marginals `px`, `py` (counts).
    fn expected_quadratic(&self, px: &[u64; 4], py: &[u64; 4]) -> f64 {
        let (sx, sy): (u64, u64) = (px.iter().sum(), py.iter().sum());
        let mut sum = 0.0;
        for (a, &ca) in px.iter().enumerate().take(self.k) {
            for (b, &cb) in py.iter().enumerate().take(self.k) {
                sum += (ca as f64 / sx as f64) * (cb as f64 / sy as f64) * (a.abs_diff(b).pow(2) as f64);
            }
        }
        sum
    }

    /// The measure's value; `d_max` is the coding's largest score.
    pub fn measure(&self, m: Measure, d_max: u8) -> f64 {
        let d_max = f64::from(d_max);
        match m {
            Measure::S => 1.0 - 2.0 * self.mean_distance(1) / d_max,
            Measure::S2 => 1.0 - 2.0 * self.mean_distance(2) / (d_max * d_max),
            Measure::TauB => self.tau_b(),
            Measure::Kappa => 1.0 - self.mean_distance(2) / self.expected_quadratic(&self.rows(), &self.cols()),
            Measure::Pi => {
                let (r, c) = (self.rows(), self.cols());
                let pooled = [r[0] + c[0], r[1] + c[1], r[2] + c[2], r[3] + c[3]];
                1.0 - self.mean_distance(2) / self.expected_quadratic(&pooled, &pooled)
            }
        }
    }

    /// Kendall's tau-b: (C − D) / √((n₀ − n₁)(n₀ − n₂)), from the table in O(K⁴).
    fn tau_b(&self) -> f64 {
        let k = self.k;
        let (mut concordant, mut discordant) = (0u64, 0u64);
        for a in 0..k {
            for b in 0..k {
                let v = self.counts[a][b];
                if v == 0 {
                    continue;
                }
                for a2 in a + 1..k {
                    for b2 in 0..k {
                        if b2 > b {
                            concordant += v * self.counts[a2][b2];
                        } else if b2 < b {
                            discordant += v * self.counts[a2][b2];
                        }
                    }
                }
            }
        }
        let pairs = |c: u64| c * c.saturating_sub(1) / 2;
        let n0 = pairs(self.n());
        let n1: u64 = self.rows().iter().map(|&r| pairs(r)).sum();
        let n2: u64 = self.cols().iter().map(|&c| pairs(c)).sum();
        (concordant as f64 - discordant as f64) / (((n0 - n1) as f64) * ((n0 - n2) as f64)).sqrt()
    }
}

/// Weighted S of two dense portfolios (Signorino & Ritter 1999): 1 − 2·(Σ wₖ|xₖ−yₖ|^p / Σ wₖ)/d_max^p
/// with p = 1 (`squared` false) or 2; equal weights give [`Measure::S`] and [`Measure::S2`].
/// NaN when every weight is 0.
pub fn weighted_s(x: &[u8], y: &[u8], weights: &[f64], d_max: u8, squared: bool) -> f64 {
    let p = if squared { 2 } else { 1 };
    let total: f64 = weights.iter().sum();
    let d: f64 = x.iter().zip(y).zip(weights).map(|((&a, &b), &w)| w * f64::from(a.abs_diff(b)).powi(p)).sum();
    1.0 - 2.0 * (d / total) / f64::from(d_max).powi(p)
}

/// The sparse portfolios of every node of a snapshot (self-tie included), built once per
/// snapshot; [`Portfolios::table`] then gives any dyad's contingency table.
#[derive(Debug, Clone, Default)]
pub struct Portfolios {
    /// `offsets[i]..offsets[i+1]` in `entries`: (local index, score), sorted by index.
    offsets: Vec<u32>,
    entries: Vec<(u32, u8)>,
    coding: Coding,
    /// Per node (local index): whether it is a position of every dyad ([`Portfolios::set_among`]);
    /// empty: every node is.
    among: Vec<bool>,
    /// How many nodes `among` keeps.
    among_count: u64,
    // Scratch reused across snapshots.
    local: Vec<(u32, u32, u8)>,
    smaller: Vec<u32>,
    cursor: Vec<u32>,
}

impl Portfolios {
    /// Rebuilds the portfolios of `snap`, reusing the buffers. O(n + m log n).
    ///
    /// Snapshot edges are sorted by (a, b), so node u receives its smaller neighbours in
    /// ascending order before its larger ones; the self-tie is placed between the two runs.
    pub fn rebuild(&mut self, snap: &Snapshot, coding: Coding) {
        let n = snap.nodes.len();
        self.coding = coding;
        self.among.clear();
        self.local.clear();
        self.local.extend(snap.edges.iter().filter_map(|e| {
            Some((snap.local_index(e.a)? as u32, snap.local_index(e.b)? as u32, coding.score(e.types)))
        }));
        // smaller[u]: neighbours below u; offsets from degrees + 1 (the self-tie).
        self.smaller.clear();
        self.smaller.resize(n, 0);
        self.offsets.clear();
        self.offsets.resize(n + 1, 0);
        for &(a, b, _) in &self.local {
            self.offsets[a as usize + 1] += 1;
            self.offsets[b as usize + 1] += 1;
            self.smaller[b as usize] += 1;
        }
        for u in 0..n {
            self.offsets[u + 1] += self.offsets[u] + 1;
        }
        self.entries.clear();
        self.entries.resize(self.offsets[n] as usize, (0, 0));
        // cursor[u]: next slot for a smaller neighbour; after the self slot for larger ones.
        self.cursor.clear();
        self.cursor.extend_from_slice(&self.offsets[..n]);
        for u in 0..n {
            let self_slot = (self.offsets[u] + self.smaller[u]) as usize;
            self.entries[self_slot] = (u as u32, coding.max());
        }
        for &(a, b, s) in &self.local {
            let cb = &mut self.cursor[b as usize];
            self.entries[*cb as usize] = (a, s);
            *cb += 1;
            // a's larger neighbours start after its self slot.
            let ca = &mut self.cursor[a as usize];
            if *ca == self.offsets[a as usize] + self.smaller[a as usize] {
                *ca += 1;
            }
            self.entries[*ca as usize] = (b, s);
            *ca += 1;
        }
    }

    /// Makes the positions of a dyad the nodes (local indices) `k` with `keep(k)` and the dyad's
    /// two nodes, until the next [`Portfolios::rebuild`]. O(n).
    pub fn set_among(&mut self, keep: impl Fn(usize) -> bool) {
        self.among.clear();
        self.among.extend((0..self.len()).map(keep));
        self.among_count = self.among.iter().filter(|&&k| k).count() as u64;
    }

    /// Whether node `k` is a position of the set (always true without one).
    fn in_set(&self, k: usize) -> bool {
        self.among.get(k).is_none_or(|&kept| kept)
    }

    /// The number of positions of dyad (i, j): every node, or the set and the dyad's nodes.
    fn positions(&self, i: usize, j: usize) -> u64 {
        if self.among.is_empty() {
            return self.len() as u64;
        }
        self.among_count + u64::from(!self.in_set(i)) + u64::from(i != j && !self.in_set(j))
    }

    /// Visits the positions of dyad (i, j) where either row is non-zero, in order, as
    /// (position, x, y), by merging the two sparse rows; O(deg i + deg j).
    fn merge(&self, i: usize, j: usize, mut visit: impl FnMut(u32, u8, u8)) {
        let (x, y) = (self.row(i), self.row(j));
        let (mut p, mut q) = (0, 0);
        while p < x.len() || q < y.len() {
            let (xi, yi) = (x.get(p).map_or(u32::MAX, |e| e.0), y.get(q).map_or(u32::MAX, |e| e.0));
            let (k, a, b) = if xi == yi {
                p += 1;
                q += 1;
                (xi, x[p - 1].1, y[q - 1].1)
            } else if xi < yi {
                p += 1;
                (xi, x[p - 1].1, 0)
            } else {
                q += 1;
                (yi, 0, y[q - 1].1)
            };
            let k_local = k as usize;
            if k_local == i || k_local == j || self.in_set(k_local) {
                visit(k, a, b);
            }
        }
    }

    /// Number of portfolios (nodes).
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn row(&self, i: usize) -> &[(u32, u8)] {
        &self.entries[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// The contingency table of nodes `i` and `j` (local indices) over the dyad's positions,
    /// merging their sparse rows: positions where both are 0 are counted without being visited.
    pub fn table(&self, i: usize, j: usize) -> Contingency {
        let k = usize::from(self.coding.max()) + 1;
        let mut t = Contingency { counts: [[0; 4]; 4], k };
        let mut visited = 0u64;
        self.merge(i, j, |_, a, b| {
            t.counts[a as usize][b as usize] += 1;
            visited += 1;
        });
        t.counts[0][0] += self.positions(i, j) - visited;
        t
    }

    /// Weighted S of nodes `i` and `j`: as [`weighted_s`], with `weights[k]` the weight of
    /// position (local index) k and `total` their sum over the set's positions (every node's
    /// without a set; the weights of `i` and `j` are added when they are outside it); only the
    /// two sparse rows are visited.
    pub fn weighted_s(&self, i: usize, j: usize, weights: &[f64], total: f64, squared: bool) -> f64 {
        let p = if squared { 2 } else { 1 };
        let weight = |k: usize| weights.get(k).copied().unwrap_or(0.0);
        let mut d = 0.0;
        self.merge(i, j, |k, a, b| d += weight(k as usize) * f64::from(a.abs_diff(b)).powi(p));
        let mut total = total;
        if !self.in_set(i) {
            total += weight(i);
        }
        if i != j && !self.in_set(j) {
            total += weight(j);
        }
        1.0 - 2.0 * (d / total) / f64::from(self.coding.max()).powi(p)
    }
}

/// What [`similarity`] computes.
#[derive(Debug, Clone, PartialEq)]
pub struct SimilarityRequest {
    /// Years (inclusive); `None`: every year of the timeline.
    pub years: Option<RangeInclusive<i32>>,
    /// The layer whose ties make the portfolios. Default: any.
    pub layer: Layer,
    /// Valued (default) or binary scores.
    pub coding: Coding,
    /// The measure. Default: S (absolute distances).
    pub measure: Measure,
    /// Only these dyads (dense indices, either order); `None`: every unordered pair of nodes.
    pub dyads: Option<Vec<(DenseIndex, DenseIndex)>>,
    /// Weights of the portfolio positions by state (dense index), for S and S² only (e.g. each
    /// state's share of capabilities); `None`: equal weights.
    pub weights: Option<Vec<f64>>,
    /// The portfolio positions: these states (dense indices) that are nodes of the year, and the
    /// two states of each dyad, as Signorino & Ritter's regional S; `None` (default): every node
    /// of the year. Dyads are not limited by it; a state outside the set still holds its own
    /// position at the maximum (and its weight, with `weights`).
    pub among: Option<Vec<DenseIndex>>,
}

impl Default for SimilarityRequest {
    fn default() -> Self {
        SimilarityRequest {
            years: None,
            layer: Layer::Any,
            coding: Coding::Valued,
            measure: Measure::S,
            dyads: None,
            weights: None,
            among: None,
        }
    }
}

/// One year's values: for every pair (i < j) of its nodes in order, or for the requested dyads
/// that are both nodes that year.
#[derive(Debug, Clone)]
struct YearValues {
    year: i32,
    pairs: Vec<(DenseIndex, DenseIndex)>,
    values: Vec<f64>,
    /// False when weights were given and no node of the year has one: the values are empty.
    weighted: bool,
}

/// Similarity of every dyad and year: rows `year,a,b,<measure>` (a < b by COW code).
#[derive(Debug, Clone)]
pub struct SimilarityTable<'g> {
    states: &'g StateIndex,
    measure: Measure,
    years: Vec<YearValues>,
}

impl SimilarityTable<'_> {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.years.iter().map(|y| y.values.len()).sum()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value for dyad (a, b) in `year`, by COW codes in either order.
    pub fn value(&self, year: i32, a: StateId, b: StateId) -> Option<f64> {
        let (a, b) = (self.states.index_of(a)?, self.states.index_of(b)?);
        let key = (a.min(b), a.max(b));
        let y = self.years.iter().find(|y| y.year == year && y.weighted)?;
        y.pairs.iter().position(|&p| p == key).map(|i| y.values[i])
    }

    /// Years in which weights were given but no node has one: their values are written empty.
    pub fn unweighted_years(&self) -> Vec<i32> {
        self.years.iter().filter(|y| !y.weighted).map(|y| y.year).collect()
    }
}

impl Table for SimilarityTable<'_> {
    fn columns(&self) -> Vec<&'static str> {
        vec!["year", "a", "b", self.measure.name()]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> std::io::Result<()> {
        for y in &self.years {
            for (&(a, b), &v) in y.pairs.iter().zip(&y.values) {
                sink.cell(Cell::Int(i64::from(y.year)))?;
                sink.cell(Cell::Int(i64::from(self.states.state(a).id.0)))?;
                sink.cell(Cell::Int(i64::from(self.states.state(b).id.0)))?;
                sink.cell(if y.weighted { Cell::Float(v) } else { Cell::Missing })?;
                sink.end_row()?;
            }
        }
        Ok(())
    }
}

/// What every year of a request shares: the dyads asked for, the set of positions, the scale.
struct Prepared<'r> {
    request: &'r SimilarityRequest,
    /// The requested dyads (a < b), sorted; `None`: every pair of nodes.
    dyads: Option<Vec<(DenseIndex, DenseIndex)>>,
    /// Per state (dense index): whether it is a portfolio position; `None`: every node is.
    among: Option<Vec<bool>>,
}

impl<'r> Prepared<'r> {
    fn new(graph: &AllianceGraph, request: &'r SimilarityRequest) -> Self {
        let dyads = request.dyads.as_ref().map(|d| {
            let mut d: Vec<_> = d.iter().map(|&(a, b)| (a.min(b), a.max(b))).filter(|(a, b)| a != b).collect();
            d.sort_unstable();
            d.dedup();
            d
        });
        let among = request.among.as_ref().map(|set| {
            let mut mask = vec![false; graph.data.states.len()];
            for &v in set {
                if let Some(m) = mask.get_mut(v as usize) {
                    *m = true;
                }
            }
            mask
        });
        Prepared { request, dyads, among }
    }

    fn position(&self, v: DenseIndex) -> bool {
        self.among.as_ref().is_none_or(|m| m.get(v as usize).copied().unwrap_or(false))
    }

    /// The values of one year's snapshot.
    fn year(&self, portfolios: &mut Portfolios, year: i32, snap: &Snapshot) -> YearValues {
        let request = self.request;
        portfolios.rebuild(snap, request.coding);
        if self.among.is_some() {
            portfolios.set_among(|k| self.position(snap.nodes[k]));
        }
        let n = snap.nodes.len();
        let pairs: Vec<(usize, usize)> = match &self.dyads {
            Some(d) => d.iter().filter_map(|&(a, b)| Some((snap.local_index(a)?, snap.local_index(b)?))).collect(),
            None => (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j))).collect(),
        };
        let mut weighted = true;
        let values = match &request.weights {
            Some(w) => {
                let local: Vec<f64> = snap.nodes.iter().map(|&v| w.get(v as usize).copied().unwrap_or(0.0)).collect();
                let total: f64 = local.iter().zip(&snap.nodes).filter(|(_, &v)| self.position(v)).map(|(w, _)| w).sum();
                weighted = total > 0.0;
                let squared = request.measure == Measure::S2;
                pairs.iter().map(|&(i, j)| portfolios.weighted_s(i, j, &local, total, squared)).collect()
            }
            None => {
                let d_max = request.coding.max();
                pairs.iter().map(|&(i, j)| portfolios.table(i, j).measure(request.measure, d_max)).collect()
            }
        };
        let pairs = pairs.iter().map(|&(i, j)| (snap.nodes[i], snap.nodes[j])).collect();
        YearValues { year, pairs, values, weighted }
    }
}

/// Computes the similarity of every dyad (or the requested ones) in every requested year, in
/// parallel across years, and holds them all (see [`SimilarityStream`] for a table computed as
/// it is written). Cost per year: O(n + m) for the portfolios and O(d_a + d_b) per dyad.
///
/// # Errors
/// [`QueryError::YearOutOfRange`] when a requested year lies outside the timeline.
pub fn similarity<'g>(
    graph: &'g AllianceGraph,
    timeline: &Timeline,
    request: &SimilarityRequest,
) -> Result<SimilarityTable<'g>, QueryError> {
    let years = timeline.select(request.years.clone())?;
    let prepared = Prepared::new(graph, request);
    let out = map_years(graph, timeline, years, request.layer, |portfolios: &mut Portfolios, year, snap| {
        Ok::<_, QueryError>(prepared.year(portfolios, year, snap))
    })?;
    Ok(SimilarityTable { states: &graph.data.states, measure: request.measure, years: out })
}

/// Memory of the years computed at once by a [`SimilarityStream`]: 256 MiB (a dyad takes about
/// 40 bytes while its year is held).
const STREAM_BYTES: usize = 256 << 20;

/// The rows of [`similarity`], computed a few years at a time as they are written (in parallel
/// within a batch, at most [`STREAM_BYTES`] of dyads and at least one year): memory is that of
/// a batch, not of every year (all years of 2,000 states held 2.7 GB).
pub struct SimilarityStream<'a> {
    graph: &'a AllianceGraph,
    timeline: &'a Timeline,
    years: RangeInclusive<i32>,
    prepared: Prepared<'a>,
    unweighted: std::sync::Mutex<Vec<i32>>,
}

/// [`similarity`] as a [`SimilarityStream`].
///
/// # Errors
/// [`QueryError::YearOutOfRange`] when a requested year lies outside the timeline.
pub fn similarity_stream<'a>(
    graph: &'a AllianceGraph,
    timeline: &'a Timeline,
    request: &'a SimilarityRequest,
) -> Result<SimilarityStream<'a>, QueryError> {
    let years = timeline.select(request.years.clone())?;
    let prepared = Prepared::new(graph, request);
    Ok(SimilarityStream { graph, timeline, years, prepared, unweighted: std::sync::Mutex::new(Vec::new()) })
}

impl SimilarityStream<'_> {
    /// Years written so far in which weights were given but no node has one (their values are
    /// empty); complete once the table is written.
    pub fn unweighted_years(&self) -> Vec<i32> {
        self.unweighted.lock().map(|y| y.clone()).unwrap_or_default()
    }

    /// Years per batch: as many as rayon has threads, within [`STREAM_BYTES`] for a year of
    /// every state of the data, at least 1.
    fn batch_len(&self) -> usize {
        let n = self.graph.data.states.len().max(1);
        let dyads = match &self.prepared.dyads {
            Some(d) => d.len().max(1),
            None => n * (n - 1) / 2 + 1,
        };
        (STREAM_BYTES / (dyads * 40)).clamp(1, rayon::current_num_threads().max(1))
    }
}

impl Table for SimilarityStream<'_> {
    fn columns(&self) -> Vec<&'static str> {
        vec!["year", "a", "b", self.prepared.request.measure.name()]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> std::io::Result<()> {
        let years: Vec<i32> = self.years.clone().collect();
        let request = self.prepared.request;
        for batch in years.chunks(self.batch_len()) {
            let (Some(&first), Some(&last)) = (batch.first(), batch.last()) else { continue };
            let values = map_years(self.graph, self.timeline, first..=last, request.layer, |p, year, snap| {
                Ok::<_, QueryError>(self.prepared.year(p, year, snap))
            })
            .map_err(std::io::Error::other)?;
            let table = SimilarityTable { states: &self.graph.data.states, measure: request.measure, years: values };
            if let Ok(mut unweighted) = self.unweighted.lock() {
                unweighted.extend(table.unweighted_years());
            }
            table.write_rows(sink)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-7
    }

    #[test]
    fn published_checks_for_the_issue() {
        // [3,3,2,2] vs [2,2,3,3]: every position differs by 1, so mean |d| = 1 and
        // S = 1 − 2·1/3 = 1/3; all pairs tied in x are tied in y and the rest discordant: tau-b = −1.
        let t = Contingency::of(&[3, 3, 2, 2], &[2, 2, 3, 3], 4);
        assert!(close(t.measure(Measure::S, 3), 1.0 / 3.0));
        // Weighted [.5,.3,.1,.1]: Σ w|d| = 1 and Σ w = 1, so S = 1/3 as well.
        assert!(close(weighted_s(&[3, 3, 2, 2], &[2, 2, 3, 3], &[0.5, 0.3, 0.1, 0.1], 3, false), 1.0 / 3.0));
        // Weights that stress the agreeing positions raise S: [3,3,0] vs [3,0,0], w = [2,1,1]:
        // Σ w|d| = 3, Σ w = 4: S = 1 − 2·(3/4)/3 = 0.5 (unweighted: 1 − 2·(1)/3 = 1/3).
        assert!(close(weighted_s(&[3, 3, 0], &[3, 0, 0], &[2.0, 1.0, 1.0], 3, false), 0.5));
        assert!(close(t.measure(Measure::TauB, 3), -1.0));
        assert!(close(t.measure(Measure::Kappa, 3), -1.0));
        // [3,3,0,0,1,0] vs [3,3,0,2,0,0]: Σ|d| = 3 → S = 1 − 2·(3/6)/3; Σd² = 5 → S² = 1 − 2·(5/6)/9;
        // kappa: D_obs = 5/6, D_exp = 134/36 → 1 − 30/134.
        let t = Contingency::of(&[3, 3, 0, 0, 1, 0], &[3, 3, 0, 2, 0, 0], 4);
        assert!(close(t.measure(Measure::S, 3), 0.666667));
        assert!(close(t.measure(Measure::S2, 3), 0.814815));
        assert!(close(t.measure(Measure::TauB, 3), 0.636364), "{}", t.measure(Measure::TauB, 3));
        assert!(close(t.measure(Measure::Kappa, 3), 0.776119));
        // pi: pooled shares 0: 6/12, 1: 1/12, 2: 1/12, 3: 4/12; D_exp = Σ p_a p_b (a−b)² = 89/24
        // (2·(1/24 + 1/6 + 3/2 + 1/144 + 1/9 + 1/36)), so pi = 1 − (5/6)/(89/24) = 1 − 20/89.
        assert!(close(t.measure(Measure::Pi, 3), 1.0 - 20.0 / 89.0), "{}", t.measure(Measure::Pi, 3));
    }

    #[test]
    fn identical_portfolios_score_one() {
        let t = Contingency::of(&[3, 0, 1, 2], &[3, 0, 1, 2], 4);
        for &m in Measure::ALL {
            assert!(close(t.measure(m, 3), 1.0), "{m}");
        }
    }

    #[test]
    fn sparse_tables_equal_dense_ones() {
        // Three states: 0–1 defense, 1–2 nonaggression; portfolios (valued, self = 3):
        // 0: [3,3,0], 1: [3,3,1], 2: [0,1,3].
        let mut p = Portfolios { coding: Coding::Valued, ..Default::default() };
        p.offsets = vec![0, 2, 5, 7];
        p.entries = vec![(0, 3), (1, 3), (0, 3), (1, 3), (2, 1), (1, 1), (2, 3)];
        let dense = [[3u8, 3, 0], [3, 3, 1], [0, 1, 3]];
        for i in 0..3 {
            for j in 0..3 {
                assert_eq!(p.table(i, j), Contingency::of(&dense[i], &dense[j], 4), "{i} {j}");
            }
        }
    }

    #[test]
    fn portfolios_of_a_sample_snapshot_equal_dense_rows() {
        use crate::{
            AllianceGraph, Dataset, Inputs, Layer, LoadOptions, Period, SnapshotBuilder, SystemFilter, Timeline,
        };
        let (data, mut diag) = Dataset::load(&Inputs::sample(), &LoadOptions::default()).unwrap();
        let g = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
        let t = Timeline::new(&g);
        let snap = SnapshotBuilder::new(&g, &t).build(Period::Year(1955), Layer::Any).unwrap();
        let n = snap.nodes.len();
        let mut dense = vec![vec![0u8; n]; n];
        for (i, row) in dense.iter_mut().enumerate() {
            row[i] = 3;
        }
        for e in &snap.edges {
            let (a, b) = (snap.local_index(e.a).unwrap(), snap.local_index(e.b).unwrap());
            dense[a][b] = Coding::Valued.score(e.types);
            dense[b][a] = dense[a][b];
        }
        let mut p = Portfolios::default();
        p.rebuild(&snap, Coding::Valued);
        assert!(snap.edges.len() > 100);
        let weights: Vec<f64> = (0..n).map(|k| 1.0 + (k % 7) as f64).collect();
        let total: f64 = weights.iter().sum();
        for (i, j) in [(0, 1), (3, 40), (10, 11)] {
            let dense_s = weighted_s(&dense[i], &dense[j], &weights, 3, true);
            assert!(close(p.weighted_s(i, j, &weights, total, true), dense_s), "{i} {j}");
        }
        for i in 0..n {
            for j in 0..n {
                assert_eq!(p.table(i, j), Contingency::of(&dense[i], &dense[j], 4), "{i} {j}");
            }
        }
    }

    /// USA (2), UKG (200), FRN (220), RUS (365) in 1950 (dense indices 0..4): UKG–FRN defense
    /// (valued 3), USA–UKG nonaggression (1), FRN–RUS neutrality (2).
    fn four_states() -> (AllianceGraph, Timeline) {
        use crate::{LoadOptions, SystemFilter};
        let members =
            "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul
3001,200,1950,1,1,1951,1,1,1,1,0,0,0,0
3001,220,1950,1,1,1951,1,1,1,1,0,0,0,0
3002,2,1950,1,1,1951,1,1,1,0,0,0,1,0
3002,200,1950,1,1,1951,1,1,1,0,0,0,1,0
3003,220,1950,1,1,1951,1,1,1,0,0,1,0,0
3003,365,1950,1,1,1951,1,1,1,0,0,1,0,0
";
        let states = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version
USA,2,United States of America,1816,1,1,2016,12,31,2016
UKG,200,United Kingdom,1816,1,1,2016,12,31,2016
FRN,220,France,1816,1,1,2016,12,31,2016
RUS,365,Russia,1816,1,1,2016,12,31,2016
";
        let (data, mut diag) = crate::testdata::load_texts(members, states, &LoadOptions::default()).unwrap();
        let g = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
        let t = Timeline::new(&g);
        (g, t)
    }

    #[test]
    fn among_limits_the_portfolio_positions() {
        let (g, t) = four_states();
        let (usa, ukg, frn, rus) = (StateId(2), StateId(200), StateId(220), StateId(365));
        let run = |measure, among: Option<Vec<DenseIndex>>| {
            let request = SimilarityRequest { years: Some(1950..=1950), measure, among, ..Default::default() };
            similarity(&g, &t, &request).unwrap()
        };
        // Full rows over (USA, UKG, FRN, RUS): USA [3,1,0,0], UKG [1,3,3,0], FRN [0,3,3,2],
        // RUS [0,0,2,3]. Without a set, UKG–FRN: Σ|d| = 3 over 4: S = 1 − 2·(3/4)/3 = 0.5.
        assert!(close(run(Measure::S, None).value(1950, ukg, frn).unwrap(), 0.5));
        // Europe (UKG, FRN, RUS). UKG–FRN: [3,3,0] vs [3,3,2]: S = 1 − 2·(2/3)/3 = 5/9.
        let europe = Some(vec![1, 2, 3]);
        let s = run(Measure::S, europe.clone());
        assert!(close(s.value(1950, ukg, frn).unwrap(), 5.0 / 9.0));
        // USA is outside but holds its own position: all four, Σ|d| = 2+2+3+0 = 7:
        // S = 1 − 2·(7/4)/3 = −1/6.
        assert!(close(s.value(1950, usa, ukg).unwrap(), -1.0 / 6.0));
        let tau = run(Measure::TauB, europe.clone());
        // UKG [3,3,0] vs RUS [0,2,3]: pair (1,2) tied in x; (1,3) and (2,3) discordant: C = 0,
        // D = 2, n0 = 3, n1 = 1, n2 = 0: tau-b = −2/√(2·3).
        assert!(close(tau.value(1950, ukg, rus).unwrap(), -2.0 / 6f64.sqrt()));
        // FRN alone: USA–UKG over (USA, UKG, FRN): [3,1,0] vs [1,3,3]: Σ|d| = 7 over 3:
        // S = 1 − 2·(7/3)/3 = −5/9; (1,2) and (1,3) discordant, (2,3) tied in y: C = 0, D = 2,
        // n0 = 3, n1 = 0, n2 = 1: tau-b = −2/√(3·2). USA–RUS over (USA, FRN, RUS): [3,0,0] vs
        // [0,2,3]: Σ|d| = 8: S = 1 − 2·(8/3)/3 = −7/9.
        let france = Some(vec![2]);
        assert!(close(run(Measure::S, france.clone()).value(1950, usa, ukg).unwrap(), -5.0 / 9.0));
        assert!(close(run(Measure::S, france.clone()).value(1950, usa, rus).unwrap(), -7.0 / 9.0));
        assert!(close(run(Measure::TauB, france).value(1950, usa, ukg).unwrap(), -2.0 / 6f64.sqrt()));
        // An empty set leaves the dyad's own two positions: UKG–FRN [3,3] vs [3,3]: S = 1,
        // tau-b undefined (constant portfolios); USA–RUS [3,0] vs [0,3]: S = 1 − 2·(6/2)/3 = −1.
        let none = run(Measure::S, Some(Vec::new()));
        assert!(close(none.value(1950, ukg, frn).unwrap(), 1.0));
        assert!(close(none.value(1950, usa, rus).unwrap(), -1.0));
        assert!(run(Measure::TauB, Some(Vec::new())).value(1950, ukg, frn).unwrap().is_nan());
        // Weights 5 (USA), 1, 1, 1 over Europe: UKG–FRN uses only the set's weights (5/9 as
        // unweighted); USA–UKG adds USA's own: Σ w|d| = 5·2 + 2 + 3 = 15, Σ w = 8:
        // S = 1 − 2·(15/8)/3 = −0.25.
        let request = SimilarityRequest {
            years: Some(1950..=1950),
            weights: Some(vec![5.0, 1.0, 1.0, 1.0]),
            among: europe,
            ..Default::default()
        };
        let weighted = similarity(&g, &t, &request).unwrap();
        assert!(close(weighted.value(1950, ukg, frn).unwrap(), 5.0 / 9.0));
        assert!(close(weighted.value(1950, usa, ukg).unwrap(), -0.25));
    }

    #[test]
    fn among_every_state_is_the_default() {
        use crate::{Dataset, Inputs, LoadOptions, SystemFilter};
        let (data, mut diag) = Dataset::load(&Inputs::sample(), &LoadOptions::default()).unwrap();
        let g = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
        let t = Timeline::new(&g);
        let all: Vec<DenseIndex> = (0..g.data.states.len() as DenseIndex).collect();
        for measure in [Measure::S, Measure::TauB, Measure::Kappa] {
            let request = SimilarityRequest { years: Some(1900..=1960), measure, ..Default::default() };
            let plain = similarity(&g, &t, &request).unwrap();
            let among = similarity(&g, &t, &SimilarityRequest { among: Some(all.clone()), ..request }).unwrap();
            let csv = |t: &SimilarityTable| {
                let mut out = Vec::new();
                crate::io::table::write_table(t, crate::io::table::OutputFormat::Csv, &mut out).unwrap();
                String::from_utf8(out).unwrap()
            };
            assert!(plain.len() > 1000);
            assert_eq!(csv(&plain), csv(&among), "{measure}");
        }
    }

    #[test]
    fn sparse_tables_over_a_set_equal_dense_ones() {
        // The rows of sparse_tables_equal_dense_ones, 0: [3,3,0], 1: [3,3,1], 2: [0,1,3], over
        // the set {1} and the dyad's own nodes: (0, 2) over positions 0, 1, 2: every column;
        // (0, 0) over 0 and 1; (1, 2) over 1 and 2.
        let mut p = Portfolios { coding: Coding::Valued, ..Default::default() };
        p.offsets = vec![0, 2, 5, 7];
        p.entries = vec![(0, 3), (1, 3), (0, 3), (1, 3), (2, 1), (1, 1), (2, 3)];
        p.set_among(|k| k == 1);
        assert_eq!(p.table(0, 2), Contingency::of(&[3, 3, 0], &[0, 1, 3], 4));
        assert_eq!(p.table(0, 0), Contingency::of(&[3, 3], &[3, 3], 4));
        assert_eq!(p.table(1, 2), Contingency::of(&[3, 1], &[1, 3], 4));
        assert_eq!(p.table(1, 1), Contingency::of(&[3], &[3], 4));
        // Weights 1, 2, 4 with the set's total 2: (1, 2) adds node 2's 4: Σ w|d| = 2·2 + 4·2 = 12,
        // Σ w = 6: S = 1 − 2·(12/6)/3 = −1/3.
        assert!(close(p.weighted_s(1, 2, &[1.0, 2.0, 4.0], 2.0, false), -1.0 / 3.0));
    }

    #[test]
    fn codings_score_types() {
        let nonagg = ObligationSet::EMPTY.with(Obligation::Nonaggression);
        assert_eq!(Coding::Valued.score(nonagg), 1);
        assert_eq!(Coding::Valued.score(nonagg.with(Obligation::Consultation)), 2);
        assert_eq!(Coding::Valued.score(nonagg.with(Obligation::Offense)), 3);
        assert_eq!(Coding::Binary.score(nonagg.with(Obligation::Defense)), 1);
        // COW's ordinal coding: defense 3, neutrality or nonaggression 2, entente 1.
        let entente = ObligationSet::EMPTY.with(Obligation::Entente);
        assert_eq!(Coding::Cow.score(entente), 1);
        assert_eq!(Coding::Cow.score(nonagg), 2);
        assert_eq!(Coding::Cow.score(entente.with(Obligation::Neutrality)), 2);
        assert_eq!(Coding::Cow.score(entente.with(Obligation::Nonaggression).with(Obligation::Defense)), 3);
        assert_eq!(Coding::Cow.score(ObligationSet::EMPTY), 1);
        assert_eq!(Coding::Cow.max(), 3);
        assert_eq!(Coding::Valued.score(entente), 1);
        assert_eq!("cow".parse::<Coding>(), Ok(Coding::Cow));
        assert_eq!("TAUB".parse::<Measure>(), Ok(Measure::TauB));
    }

    /// Issue 25: the streamed table writes the same bytes as the one held whole, in every
    /// measure, with weights and with a set of positions.
    #[test]
    fn issue25_the_stream_writes_what_the_whole_table_holds() {
        use crate::io::table::{write_table, OutputFormat};
        use crate::{Dataset, Inputs, LoadOptions, SystemFilter};
        let (data, mut diag) = Dataset::load(&Inputs::sample(), &LoadOptions::default()).unwrap();
        let g = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
        let t = Timeline::new(&g);
        let weights: Vec<f64> = (0..g.data.states.len()).map(|i| (i % 3) as f64).collect();
        let among: Vec<DenseIndex> = (0..g.data.states.len() as DenseIndex).step_by(2).collect();
        for request in [
            SimilarityRequest { years: Some(1900..=1960), ..Default::default() },
            SimilarityRequest { years: Some(1940..=1960), measure: Measure::TauB, ..Default::default() },
            SimilarityRequest { years: Some(1950..=1955), weights: Some(weights.clone()), ..Default::default() },
            SimilarityRequest { years: Some(1950..=1955), among: Some(among.clone()), ..Default::default() },
        ] {
            let render = |table: &dyn Table| {
                let mut out = Vec::new();
                write_table(table, OutputFormat::Csv, &mut out).unwrap();
                out
            };
            let whole = similarity(&g, &t, &request).unwrap();
            let stream = similarity_stream(&g, &t, &request).unwrap();
            assert_eq!(render(&stream), render(&whole));
            assert_eq!(stream.unweighted_years(), whole.unweighted_years());
        }
    }
}
