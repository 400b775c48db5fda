//! The pseudo-likelihood fit: logistic regression of the dyad-years' ties on their change
//! statistics, by Newton–Raphson (IRLS) to full convergence, with year weights (a bootstrap
//! sample counts a year as often as it was drawn).
//!
//! Every pass over the data runs in chunks of at most [`CHUNK`] rows of one year; the chunks'
//! sums are added in chunk order, so the result is the same for any number of threads.

use super::design::{ColumnData, Design};
use rayon::prelude::*;

/// Rows per chunk of a pass.
pub const CHUNK: usize = 4096;

/// How to fit.
#[derive(Debug, Clone)]
pub struct FitOptions<'a> {
    /// Converged when every Newton step |δ_k| ≤ tolerance × max(1, |β_k|). Default 1e-10.
    pub tolerance: f64,
    /// Most Newton iterations. Default 100.
    pub max_iterations: usize,
    /// Starting values (default 0).
    pub start: Option<Vec<f64>>,
    /// Weight of each design year, in order (default 1 each); 0 leaves a year out.
    pub year_weights: Option<Vec<f64>>,
    /// Spread the passes over threads (the bootstrap runs its replicates in parallel instead).
    pub parallel: bool,
    /// Each design year's sums at `start` ([`year_sums`]): the first step then reads no data.
    pub start_sums: Option<&'a [Sums]>,
}

impl Default for FitOptions<'_> {
    fn default() -> Self {
        FitOptions {
            tolerance: 1e-10,
            max_iterations: 100,
            start: None,
            year_weights: None,
            parallel: true,
            start_sums: None,
        }
    }
}

/// A fitted model.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// Estimates, one per column.
    pub coefficients: Vec<f64>,
    /// Standard errors: the square roots of the inverse information's diagonal.
    pub std_errors: Vec<f64>,
    /// The inverse information (row-major, p × p).
    pub covariance: Vec<f64>,
    /// The maximised log pseudo-likelihood.
    pub log_likelihood: f64,
    /// Newton iterations.
    pub iterations: usize,
    /// Dyad-years fitted (weighted).
    pub observations: f64,
}

impl Fit {
    /// Akaike's criterion: −2ℓ + 2p.
    pub fn aic(&self) -> f64 {
        -2.0 * self.log_likelihood + 2.0 * self.coefficients.len() as f64
    }

    /// Schwarz's criterion: −2ℓ + p ln n, n the dyad-years.
    pub fn bic(&self) -> f64 {
        -2.0 * self.log_likelihood + self.coefficients.len() as f64 * self.observations.ln()
    }
}

/// A model that cannot be fitted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FitError {
    /// No dyad-year to fit.
    #[error("no dyad-year to fit")]
    Empty,
    /// Every dyad-year is tied, or none is.
    #[error("{0}: the ties cannot be modelled (perfect separation by the constant)")]
    NoVariation(String),
    /// A column is 0 on every dyad-year.
    #[error("`{0}` is 0 on every dyad-year modelled, so it cannot be estimated; leave it out")]
    ZeroColumn(String),
    /// A column is a linear combination of earlier ones.
    #[error("`{term}` is collinear with the terms before it ({combination}); leave one out")]
    Collinear {
        /// The term.
        term: String,
        /// The combination that equals it (`3962 × edges`).
        combination: String,
    },
    /// The estimates grow without bound: some terms predict ties or non-ties perfectly.
    #[error(
        "no finite estimate after {iterations} iterations: the estimates of {terms} keep growing, which means perfect or \
         quasi-complete separation (those terms predict some dyad-years' ties, or absence of ties, with certainty); \
         leave them out or model more years"
    )]
    Separation {
        /// Iterations run.
        iterations: usize,
        /// The terms whose estimates grow.
        terms: String,
    },
}

/// Sums of one pass: log-likelihood, gradient, and the information matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Sums {
    log_likelihood: f64,
    gradient: Vec<f64>,
    /// Row-major p × p, upper triangle filled.
    information: Vec<f64>,
    observations: f64,
}

impl Sums {
    fn zero(p: usize) -> Sums {
        Sums { log_likelihood: 0.0, gradient: vec![0.0; p], information: vec![0.0; p * p], observations: 0.0 }
    }

    fn add(&mut self, other: &Sums) {
        self.add_scaled(other, 1.0);
    }

    fn add_scaled(&mut self, other: &Sums, weight: f64) {
        self.log_likelihood += weight * other.log_likelihood;
        self.observations += weight * other.observations;
        for (a, b) in self.gradient.iter_mut().zip(&other.gradient) {
            *a += weight * b;
        }
        for (a, b) in self.information.iter_mut().zip(&other.information) {
            *a += weight * b;
        }
    }
}

/// Σ a_i b_i with eight accumulators (a fixed order, and loops the compiler vectorises).
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0f64; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    let mut tail = 0.0;
    for (x, y) in ra.iter().zip(rb) {
        tail += x * y;
    }
    ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7])) + tail
}

/// The logistic function.
pub fn logistic(eta: f64) -> f64 {
    if eta >= 0.0 {
        1.0 / (1.0 + (-eta).exp())
    } else {
        let e = eta.exp();
        e / (1.0 + e)
    }
}

/// The part of a sparse column's rows (and values) within `start..end`.
fn rows_in<'a>(index: &'a [u32], values: &'a [f64], start: usize, end: usize) -> (&'a [u32], &'a [f64]) {
    let a = index.partition_point(|&r| (r as usize) < start);
    let b = index.partition_point(|&r| (r as usize) < end);
    (&index[a..b], &values[a..b])
}

/// A column of a chunk as the kernel reads it.
#[derive(Clone, Copy)]
enum Chunk<'a> {
    /// The chunk's values.
    Dense(&'a [f64]),
    Constant(f64),
    /// The non-zero rows (of the chunk) and their values.
    Sparse(&'a [u32], &'a [f64]),
}

/// Column `k` of a year within `start..end`, with sparse row numbers made chunk offsets in `scratch`.
fn chunk_column<'a>(column: &'a ColumnData, start: usize, end: usize, scratch: &'a mut Vec<u32>) -> Chunk<'a> {
    match column {
        ColumnData::Dense(v) => Chunk::Dense(&v[start..end]),
        ColumnData::Constant(c) => Chunk::Constant(*c),
        ColumnData::Sparse(index, values) => {
            let (rows, values) = rows_in(index, values, start, end);
            scratch.clear();
            scratch.extend(rows.iter().map(|&r| r - start as u32));
            Chunk::Sparse(scratch, values)
        }
    }
}

/// η = Xβ for rows `start..end` of a year.
pub fn linear_predictor(design: &Design, year: usize, start: usize, end: usize, beta: &[f64], eta: &mut Vec<f64>) {
    let block = &design.years[year];
    let offset: f64 =
        block.columns.iter().zip(beta).map(|(c, b)| if let ColumnData::Constant(v) = c { b * v } else { 0.0 }).sum();
    eta.clear();
    eta.resize(end - start, offset);
    for (column, &b) in block.columns.iter().zip(beta) {
        if b == 0.0 {
            continue;
        }
        match column {
            ColumnData::Constant(_) => {}
            ColumnData::Sparse(index, values) => {
                let (rows, values) = rows_in(index, values, start, end);
                for (&r, &x) in rows.iter().zip(values) {
                    eta[r as usize - start] += b * x;
                }
            }
            ColumnData::Dense(v) => {
                for (e, x) in eta.iter_mut().zip(&v[start..end]) {
                    *e += b * x;
                }
            }
        }
    }
}

/// Σ over a sparse column's rows (chunk offsets) of f(row, value).
fn over(rows: &[u32], values: &[f64], f: impl Fn(usize, f64) -> f64) -> f64 {
    rows.iter().zip(values).map(|(&r, &v)| f(r as usize, v)).sum()
}

/// Rows of a chunk at a time whose Π(1 + e^−|η|) is taken before one logarithm (≤ 2^512).
const PRODUCT_ROWS: usize = 512;

/// One chunk's sums at `beta`. Constant columns are never read, mostly-zero ones only at their
/// non-zero rows; log(1 + e^−|η|) is summed as the logarithm of products of 512 rows.
fn chunk_pass(design: &Design, year: usize, start: usize, end: usize, weight: f64, beta: &[f64]) -> Sums {
    let p = beta.len();
    let block = &design.years[year];
    let mut sums = Sums::zero(p);
    let mut eta = Vec::new();
    linear_predictor(design, year, start, end, beta, &mut eta);
    let len = end - start;
    let mut resid = vec![0.0; len];
    let mut w = vec![0.0; len];
    let mut linear = 0.0;
    let mut logs = 0.0;
    for (base, etas) in eta.chunks(PRODUCT_ROWS).enumerate() {
        let mut product = 1.0;
        for (o, &e) in etas.iter().enumerate() {
            // log L_r = y η − max(η, 0) − log(1 + e^−|η|); μ from the same exponential.
            let t = (-e.abs()).exp();
            let mu = if e >= 0.0 { 1.0 / (1.0 + t) } else { t / (1.0 + t) };
            linear -= e.max(0.0);
            product *= 1.0 + t;
            let r = base * PRODUCT_ROWS + o;
            resid[r] = -mu;
            w[r] = mu * (1.0 - mu);
        }
        logs += product.ln();
    }
    let a = block.tied.partition_point(|&r| (r as usize) < start);
    let b = block.tied.partition_point(|&r| (r as usize) < end);
    for &r in &block.tied[a..b] {
        let i = r as usize - start;
        linear += eta[i];
        resid[i] += 1.0;
    }
    sums.log_likelihood = weight * (linear - logs);
    sums.observations = weight * len as f64;
    let mut scratch: Vec<Vec<u32>> = vec![Vec::new(); p];
    let mut columns: Vec<Chunk<'_>> = Vec::with_capacity(p);
    for (column, buffer) in block.columns.iter().zip(scratch.iter_mut()) {
        columns.push(chunk_column(column, start, end, buffer));
    }
    let sum_resid: f64 = resid.iter().sum();
    // Σ_r w_r x_lr of every column, for its products with the constant columns.
    let weighted: Vec<f64> = columns
        .iter()
        .map(|c| match *c {
            Chunk::Dense(x) => dot(&w, x),
            Chunk::Constant(a) => a * w.iter().sum::<f64>(),
            Chunk::Sparse(rows, v) => over(rows, v, |i, x| w[i] * x),
        })
        .collect();
    let mut wx = vec![0.0; len];
    let mut spread = vec![0.0; len];
    for k in 0..p {
        sums.gradient[k] = weight
            * match columns[k] {
                Chunk::Dense(x) => dot(&resid, x),
                Chunk::Constant(c) => c * sum_resid,
                Chunk::Sparse(rows, v) => over(rows, v, |i, x| resid[i] * x),
            };
        if let Chunk::Dense(x) = columns[k] {
            for ((o, a), b) in wx.iter_mut().zip(&w).zip(x) {
                *o = a * b;
            }
        }
        for l in k..p {
            let value = match (columns[k], columns[l]) {
                (Chunk::Constant(a), _) => a * weighted[l],
                (_, Chunk::Constant(a)) => a * weighted[k],
                (Chunk::Dense(_), Chunk::Dense(xl)) => dot(&wx, xl),
                (Chunk::Sparse(rows, v), Chunk::Dense(xd)) | (Chunk::Dense(xd), Chunk::Sparse(rows, v)) => {
                    over(rows, v, |i, x| w[i] * x * xd[i])
                }
                (Chunk::Sparse(ra, va), Chunk::Sparse(rb, vb)) => {
                    // Spread the sparser column over the chunk, then visit the other's rows.
                    let ((rs, vs), (ro, vo)) =
                        if ra.len() <= rb.len() { ((ra, va), (rb, vb)) } else { ((rb, vb), (ra, va)) };
                    for (&r, &x) in rs.iter().zip(vs) {
                        spread[r as usize] = x;
                    }
                    let v = over(ro, vo, |i, x| w[i] * x * spread[i]);
                    for &r in rs {
                        spread[r as usize] = 0.0;
                    }
                    v
                }
            };
            sums.information[k * p + l] = weight * value;
        }
    }
    sums
}

/// The sums of each design year at `beta` (weight 1), for a bootstrap's first step.
pub fn year_sums(design: &Design, beta: &[f64]) -> Vec<Sums> {
    (0..design.years.len())
        .into_par_iter()
        .map(|y| {
            let mut w = vec![0.0; design.years.len()];
            w[y] = 1.0;
            full_pass(design, &w, beta, false)
        })
        .collect()
}

/// The sums of a full pass at `beta`, chunk by chunk, added in chunk order.
fn full_pass(design: &Design, weights: &[f64], beta: &[f64], parallel: bool) -> Sums {
    let tasks: Vec<(usize, usize, usize)> = design
        .years
        .iter()
        .enumerate()
        .filter(|(y, _)| weights[*y] != 0.0)
        .flat_map(|(y, block)| (0..block.rows()).step_by(CHUNK).map(move |s| (y, s, (s + CHUNK).min(block.rows()))))
        .collect();
    let run = |&(y, s, e): &(usize, usize, usize)| chunk_pass(design, y, s, e, weights[y], beta);
    let parts: Vec<Sums> = if parallel { tasks.par_iter().map(run).collect() } else { tasks.iter().map(run).collect() };
    let mut total = Sums::zero(beta.len());
    for part in &parts {
        total.add(part);
    }
    let p = beta.len();
    for k in 0..p {
        for l in 0..k {
            total.information[k * p + l] = total.information[l * p + k];
        }
    }
    total
}

/// Cholesky factor (lower, row-major) of the symmetric `a` after scaling by its diagonal;
/// `Err(k)` at the first column whose pivot vanishes (relative 1e-10).
fn scaled_cholesky(a: &[f64], p: usize) -> Result<(Vec<f64>, Vec<f64>), usize> {
    let scale: Vec<f64> = (0..p).map(|k| if a[k * p + k] > 0.0 { 1.0 / a[k * p + k].sqrt() } else { 0.0 }).collect();
    let mut l = vec![0.0; p * p];
    for j in 0..p {
        if scale[j] == 0.0 {
            return Err(j);
        }
        let mut d = a[j * p + j] * scale[j] * scale[j];
        for k in 0..j {
            d -= l[j * p + k] * l[j * p + k];
        }
        if d <= 1e-10 {
            return Err(j);
        }
        let d = d.sqrt();
        l[j * p + j] = d;
        for i in (j + 1)..p {
            let mut s = a[i * p + j] * scale[i] * scale[j];
            for k in 0..j {
                s -= l[i * p + k] * l[j * p + k];
            }
            l[i * p + j] = s / d;
        }
    }
    Ok((l, scale))
}

/// Solves (S⁻¹ L Lᵀ S⁻¹) x = b.
fn solve(l: &[f64], scale: &[f64], b: &[f64]) -> Vec<f64> {
    let p = b.len();
    let mut z: Vec<f64> = (0..p).map(|k| b[k] * scale[k]).collect();
    for i in 0..p {
        for k in 0..i {
            z[i] -= l[i * p + k] * z[k];
        }
        z[i] /= l[i * p + i];
    }
    for i in (0..p).rev() {
        for k in (i + 1)..p {
            z[i] -= l[k * p + i] * z[k];
        }
        z[i] /= l[i * p + i];
    }
    z.iter().zip(scale).map(|(v, s)| v * s).collect()
}

/// Why column `k` makes the (unweighted, at β = 0) information singular: zero, or the
/// combination of earlier independent columns that equals it.
fn singular_column(design: &Design, information: &[f64], p: usize, k: usize) -> FitError {
    let names = design.names();
    if information[k * p + k] <= 0.0 {
        return FitError::ZeroColumn(names[k].to_string());
    }
    // The earlier columns that are independent, then regress column k on them: c = G_JJ⁻¹ G_Jk.
    let mut independent: Vec<usize> = Vec::new();
    for j in 0..k {
        let mut trial = independent.clone();
        trial.push(j);
        if scaled_cholesky(&sub(information, p, &trial), trial.len()).is_ok() {
            independent = trial;
        }
    }
    let combination = match scaled_cholesky(&sub(information, p, &independent), independent.len()) {
        Ok((l, s)) if !independent.is_empty() => {
            let rhs: Vec<f64> = independent.iter().map(|&j| information[j * p + k]).collect();
            let c = solve(&l, &s, &rhs);
            let parts: Vec<String> = independent
                .iter()
                .zip(&c)
                .filter(|(_, v)| v.abs() > 1e-9)
                .map(|(&j, v)| format!("{} × {}", super::terms::r_number((v * 1e6).round() / 1e6), names[j]))
                .collect();
            format!("it equals {}", if parts.is_empty() { "0".into() } else { parts.join(" + ") })
        }
        _ => "it equals a combination of them".into(),
    };
    FitError::Collinear { term: names[k].to_string(), combination }
}

fn sub(a: &[f64], p: usize, idx: &[usize]) -> Vec<f64> {
    idx.iter().flat_map(|&i| idx.iter().map(move |&j| a[i * p + j])).collect()
}

/// Fits the model: maximises the log pseudo-likelihood of `design` by Newton–Raphson with step
/// halving, from `options.start` (or 0).
///
/// # Errors
/// [`FitError`]: nothing to fit, no variation in the ties, a zero or collinear column (named),
/// separation (estimates that grow without bound, or fitted probabilities of exactly 0 or 1;
/// named).
pub fn fit(design: &Design, options: &FitOptions<'_>) -> Result<Fit, FitError> {
    let p = design.columns.len();
    let weights = options.year_weights.clone().unwrap_or_else(|| vec![1.0; design.years.len()]);
    let weighted_rows: f64 = design.years.iter().zip(&weights).map(|(y, w)| w * y.rows() as f64).sum();
    let weighted_ties: f64 = design.years.iter().zip(&weights).map(|(y, w)| w * y.ties() as f64).sum();
    if weighted_rows == 0.0 || p == 0 {
        return Err(FitError::Empty);
    }
    if weighted_ties == 0.0 || weighted_ties == weighted_rows {
        let what = if weighted_ties == 0.0 { "no dyad-year is tied" } else { "every dyad-year is tied" };
        return Err(FitError::NoVariation(what.into()));
    }
    // From 0 (as statsmodels), where the information is X'X / 4 and names collinear columns.
    let mut beta = options.start.clone().unwrap_or_else(|| vec![0.0; p]);
    let mut previous: Option<(Vec<f64>, f64)> = None;
    let mut step = vec![0.0; p];
    let mut halvings = 0;
    // The share of the last Newton step taken, and ℓ's slope along the full step.
    let mut fraction = 1.0;
    let mut slope = 0.0;
    let mut history: Vec<Vec<f64>> = Vec::new();
    let mut iterations = 0;
    for iteration in 1..=options.max_iterations {
        iterations = iteration;
        let pass = match options.start_sums {
            Some(years) if iteration == 1 => {
                let mut total = Sums::zero(p);
                for (sums, &w) in years.iter().zip(&weights) {
                    if w != 0.0 {
                        total.add_scaled(sums, w);
                    }
                }
                total
            }
            _ => full_pass(design, &weights, &beta, options.parallel),
        };
        if let Some((old, old_ll)) = &previous {
            // A step that lowers the likelihood is shortened (up to 30 times) to the maximum of
            // the quadratic through ℓ(0), ℓ'(0) and ℓ(s), kept within [s/10, s/2].
            if pass.log_likelihood < *old_ll - 1e-12 * old_ll.abs() && halvings < 30 {
                halvings += 1;
                let c = (pass.log_likelihood - old_ll - slope * fraction) / (fraction * fraction);
                let best = if c < 0.0 { -slope / (2.0 * c) } else { fraction / 2.0 };
                let shorter = best.clamp(fraction / 10.0, fraction / 2.0);
                for k in 0..p {
                    beta[k] = old[k] + step[k] * shorter;
                }
                fraction = shorter;
                continue;
            }
        }
        halvings = 0;
        let (l, scale) = match scaled_cholesky(&pass.information, p) {
            Ok(f) => f,
            Err(k) if iteration == 1 && options.start.is_none() => {
                return Err(singular_column(design, &pass.information, p, k));
            }
            // Later, a singular information means fitted probabilities of 0 or 1: separation.
            Err(_) => break,
        };
        step = solve(&l, &scale, &pass.gradient);
        slope = pass.gradient.iter().zip(&step).map(|(g, d)| g * d).sum();
        fraction = 1.0;
        let converged = step.iter().zip(&beta).all(|(d, b)| d.abs() <= options.tolerance * b.abs().max(1.0));
        // At the limit of precision, a step that no longer raises the likelihood ends the search.
        let stalled = previous.as_ref().is_some_and(|(_, old_ll)| pass.log_likelihood - old_ll <= 1e-13 * old_ll.abs())
            && step.iter().zip(&beta).all(|(d, b)| d.abs() <= 1e-7 * b.abs().max(1.0));
        if converged || stalled {
            let covariance = inverse(&l, &scale, p);
            for k in 0..p {
                beta[k] += step[k];
            }
            let std_errors = (0..p).map(|k| covariance[k * p + k].sqrt()).collect();
            return Ok(Fit {
                coefficients: beta,
                std_errors,
                covariance,
                log_likelihood: pass.log_likelihood,
                iterations: iteration,
                observations: pass.observations,
            });
        }
        previous = Some((beta.clone(), pass.log_likelihood));
        history.push(beta.clone());
        for k in 0..p {
            beta[k] += step[k];
        }
    }
    separation(design, &beta, &history, iterations)
}

/// The separation error: the estimates that kept moving over the last iterations.
fn separation(design: &Design, beta: &[f64], history: &[Vec<f64>], iterations: usize) -> Result<Fit, FitError> {
    let p = beta.len();
    let names = design.names();
    let back = history.len().saturating_sub(10);
    let growing: Vec<String> = (0..p)
        .filter(|&k| (beta[k] - history.get(back).map_or(0.0, |h| h[k])).abs() > 1e-3 * beta[k].abs().max(1.0))
        .map(|k| format!("{} ({})", names[k], super::terms::r_number((beta[k] * 100.0).round() / 100.0)))
        .collect();
    Err(FitError::Separation {
        iterations,
        terms: if growing.is_empty() { "some terms".into() } else { growing.join(", ") },
    })
}

/// The inverse of S⁻¹ L Lᵀ S⁻¹, column by column.
fn inverse(l: &[f64], scale: &[f64], p: usize) -> Vec<f64> {
    let mut inv = vec![0.0; p * p];
    for c in 0..p {
        let mut e = vec![0.0; p];
        e[c] = 1.0;
        let col = solve(l, scale, &e);
        for r in 0..p {
            inv[r * p + c] = col[r];
        }
    }
    inv
}

#[cfg(test)]
mod tests;
