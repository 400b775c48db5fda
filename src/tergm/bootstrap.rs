//! btergm's bootstrap: whole years drawn with replacement, the model refitted on each sample, and
//! percentile confidence intervals (Desmarais & Cranmer 2012; btergm draws with `boot::boot`
//! over the time steps and reports `boot.ci(type = "perc")`).
//!
//! The samples come from one seeded stream drawn before any refit, and each refit runs alone on
//! its thread, so the numbers are the same for any thread count.

use super::design::Design;
use super::logit::{fit, year_sums, Fit, FitOptions};
use super::normal::percentile;
use crate::rng::SplitMix64;
use rayon::prelude::*;

/// A bootstrap to run.
#[derive(Debug, Clone, Copy)]
pub struct BootstrapRequest {
    /// Replicates (R).
    pub replicates: usize,
    /// Seed of the draws.
    pub seed: u64,
    /// Confidence level of the intervals (0.95).
    pub level: f64,
}

/// The bootstrap's results.
#[derive(Debug, Clone, PartialEq)]
pub struct Bootstrap {
    /// Replicates asked for.
    pub replicates: usize,
    /// Replicates whose refit failed (left out of the intervals, as btergm drops them).
    pub failed: usize,
    /// Why the first failed refit failed.
    pub first_failure: Option<String>,
    /// Lower ends of the intervals, one per term.
    pub lower: Vec<f64>,
    /// Upper ends.
    pub upper: Vec<f64>,
    /// Mean of the replicates' estimates, per term.
    pub mean: Vec<f64>,
    /// The replicates' estimates (successful replicates, in draw order).
    pub estimates: Vec<Vec<f64>>,
}

/// How often each of `years` years is drawn in each replicate.
pub fn draws(years: usize, request: &BootstrapRequest) -> Vec<Vec<f64>> {
    let mut rng = SplitMix64::new(request.seed);
    (0..request.replicates)
        .map(|_| {
            let mut counts = vec![0.0; years];
            for _ in 0..years {
                counts[rng.below(years as u64) as usize] += 1.0;
            }
            counts
        })
        .collect()
}

/// Runs the bootstrap of `design`, drawing from the design years `years` (indices), each refit
/// starting at the estimates `full` of those years.
pub fn bootstrap(design: &Design, years: &[usize], full: &Fit, request: &BootstrapRequest) -> Bootstrap {
    let samples = draws(years.len(), request);
    let start = year_sums(design, &full.coefficients);
    let results: Vec<Result<Vec<f64>, String>> = samples
        .into_par_iter()
        .map(|counts| {
            let mut weights = vec![0.0; design.years.len()];
            for (&y, c) in years.iter().zip(counts) {
                weights[y] = c;
            }
            let options = FitOptions {
                start: Some(full.coefficients.clone()),
                start_sums: Some(&start),
                year_weights: Some(weights),
                parallel: false,
                // Newton converges quadratically: after a step of at most 1e-6 (relative) the
                // error is of order 1e-12, far below the bootstrap's own sampling error.
                tolerance: 1e-6,
                ..FitOptions::default()
            };
            fit(design, &options).map(|f| f.coefficients).map_err(|e| e.to_string())
        })
        .collect();
    let p = full.coefficients.len();
    let mut estimates = Vec::new();
    let mut failed = 0;
    let mut first_failure = None;
    for r in results {
        match r {
            Ok(b) if b.iter().all(|v| v.is_finite()) => estimates.push(b),
            Ok(_) => failed += 1,
            Err(e) => {
                failed += 1;
                first_failure.get_or_insert(e);
            }
        }
    }
    let alpha = (1.0 - request.level) / 2.0;
    let mut lower = Vec::with_capacity(p);
    let mut upper = Vec::with_capacity(p);
    let mut mean = Vec::with_capacity(p);
    for k in 0..p {
        let mut column: Vec<f64> = estimates.iter().map(|b| b[k]).collect();
        column.sort_by(f64::total_cmp);
        lower.push(percentile(&column, alpha));
        upper.push(percentile(&column, 1.0 - alpha));
        mean.push(if column.is_empty() { f64::NAN } else { column.iter().sum::<f64>() / column.len() as f64 });
    }
    Bootstrap { replicates: request.replicates, failed, first_failure, lower, upper, mean, estimates }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_are_years_with_replacement_from_one_seeded_stream() {
        let r = BootstrapRequest { replicates: 2000, seed: 7, level: 0.95 };
        let d = draws(20, &r);
        assert_eq!(d, draws(20, &r));
        assert_ne!(d, draws(20, &BootstrapRequest { seed: 8, ..r }));
        assert!(d.iter().all(|c| c.iter().sum::<f64>() == 20.0));
        // A year is left out of a sample with probability (19/20)^20 ≈ 0.358.
        let left_out =
            d.iter().map(|c| c.iter().filter(|&&v| v == 0.0).count()).sum::<usize>() as f64 / (2000.0 * 20.0);
        assert!((left_out - 0.358).abs() < 0.01, "{left_out}");
    }
}
