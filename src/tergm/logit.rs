//! The pseudo-likelihood fit: logistic regression of the dyad-years' ties on their change
//! statistics, by Newton–Raphson (IRLS) to full convergence, with year weights (a bootstrap
//! sample counts a year as often as it was drawn).
//!
//! Every pass over the data runs in chunks of at most [`CHUNK`] rows of one year; the chunks'
//! sums are added in chunk order, so the result is the same for any number of threads.

use super::design::Design;
use rayon::prelude::*;

/// Rows per chunk of a pass.
pub const CHUNK: usize = 4096;

/// How to fit.
#[derive(Debug, Clone)]
pub struct FitOptions {
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
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions { tolerance: 1e-10, max_iterations: 100, start: None, year_weights: None, parallel: true }
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

/// Sums of one pass: log-likelihood, gradient, and the upper triangle of the information.
#[derive(Debug, Clone)]
struct Pass {
    log_likelihood: f64,
    gradient: Vec<f64>,
    /// Row-major p × p, upper triangle filled.
    information: Vec<f64>,
    observations: f64,
}

impl Pass {
    fn zero(p: usize) -> Pass {
        Pass { log_likelihood: 0.0, gradient: vec![0.0; p], information: vec![0.0; p * p], observations: 0.0 }
    }

    fn add(&mut self, other: &Pass) {
        self.log_likelihood += other.log_likelihood;
        self.observations += other.observations;
        for (a, b) in self.gradient.iter_mut().zip(&other.gradient) {
            *a += b;
        }
        for (a, b) in self.information.iter_mut().zip(&other.information) {
            *a += b;
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

/// log(1 + e^η) without overflow.
fn softplus(eta: f64) -> f64 {
    eta.max(0.0) + (-eta.abs()).exp().ln_1p()
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

/// η = Xβ for rows `start..end` of a year.
pub fn linear_predictor(design: &Design, year: usize, start: usize, end: usize, beta: &[f64], eta: &mut Vec<f64>) {
    let block = &design.years[year];
    eta.clear();
    eta.resize(end - start, 0.0);
    for (k, &b) in beta.iter().enumerate() {
        if b != 0.0 {
            for (e, x) in eta.iter_mut().zip(&block.column(k)[start..end]) {
                *e += b * x;
            }
        }
    }
}

/// One chunk's sums at `beta`.
fn chunk_pass(design: &Design, year: usize, start: usize, end: usize, weight: f64, beta: &[f64]) -> Pass {
    let p = beta.len();
    let block = &design.years[year];
    let mut pass = Pass::zero(p);
    let mut eta = Vec::new();
    linear_predictor(design, year, start, end, beta, &mut eta);
    let y = &block.y[start..end];
    let len = end - start;
    let mut resid = vec![0.0; len];
    let mut w = vec![0.0; len];
    let mut ll = 0.0;
    for r in 0..len {
        let mu = logistic(eta[r]);
        ll += y[r] * eta[r] - softplus(eta[r]);
        resid[r] = y[r] - mu;
        w[r] = mu * (1.0 - mu);
    }
    pass.log_likelihood = weight * ll;
    pass.observations = weight * len as f64;
    let mut wx = vec![0.0; len];
    for k in 0..p {
        let xk = &block.column(k)[start..end];
        pass.gradient[k] = weight * dot(&resid, xk);
        for ((o, a), b) in wx.iter_mut().zip(&w).zip(xk) {
            *o = a * b;
        }
        for l in k..p {
            pass.information[k * p + l] = weight * dot(&wx, &block.column(l)[start..end]);
        }
    }
    pass
}

/// The sums of a full pass at `beta`, chunk by chunk, added in chunk order.
fn full_pass(design: &Design, weights: &[f64], beta: &[f64], parallel: bool) -> Pass {
    let tasks: Vec<(usize, usize, usize)> = design
        .years
        .iter()
        .enumerate()
        .filter(|(y, _)| weights[*y] != 0.0)
        .flat_map(|(y, block)| (0..block.rows()).step_by(CHUNK).map(move |s| (y, s, (s + CHUNK).min(block.rows()))))
        .collect();
    let run = |&(y, s, e): &(usize, usize, usize)| chunk_pass(design, y, s, e, weights[y], beta);
    let parts: Vec<Pass> = if parallel { tasks.par_iter().map(run).collect() } else { tasks.iter().map(run).collect() };
    let mut total = Pass::zero(beta.len());
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
pub fn fit(design: &Design, options: &FitOptions) -> Result<Fit, FitError> {
    let p = design.columns.len();
    let weights = options.year_weights.clone().unwrap_or_else(|| vec![1.0; design.years.len()]);
    let weighted_rows: f64 = design.years.iter().zip(&weights).map(|(y, w)| w * y.rows() as f64).sum();
    let weighted_ties: f64 = design.years.iter().zip(&weights).map(|(y, w)| w * y.ties as f64).sum();
    if weighted_rows == 0.0 || p == 0 {
        return Err(FitError::Empty);
    }
    if weighted_ties == 0.0 || weighted_ties == weighted_rows {
        let what = if weighted_ties == 0.0 { "no dyad-year is tied" } else { "every dyad-year is tied" };
        return Err(FitError::NoVariation(what.into()));
    }
    let mut beta = options.start.clone().unwrap_or_else(|| vec![0.0; p]);
    let mut previous: Option<(Vec<f64>, f64)> = None;
    let mut step = vec![0.0; p];
    let mut halvings = 0;
    let mut history: Vec<Vec<f64>> = Vec::new();
    let mut iterations = 0;
    for iteration in 1..=options.max_iterations {
        iterations = iteration;
        let pass = full_pass(design, &weights, &beta, options.parallel);
        if let Some((old, old_ll)) = &previous {
            // A step that lowers the likelihood is halved (up to 30 times).
            if pass.log_likelihood < *old_ll - 1e-12 * old_ll.abs() && halvings < 30 {
                halvings += 1;
                for k in 0..p {
                    step[k] *= 0.5;
                    beta[k] = old[k] + step[k];
                }
                continue;
            }
        }
        halvings = 0;
        let (l, scale) = match scaled_cholesky(&pass.information, p) {
            Ok(f) => f,
            Err(k) if iteration == 1 && beta.iter().all(|&b| b == 0.0) => {
                return Err(singular_column(design, &pass.information, p, k));
            }
            // Later, a singular information means fitted probabilities of 0 or 1: separation.
            Err(_) => break,
        };
        step = solve(&l, &scale, &pass.gradient);
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
