//! btergm's out-of-sample check: fit on the years before a year, predict that year's ties from
//! the fitted tie probabilities (its dyad-dependent statistics computed on its observed network),
//! and measure the prediction by the areas under the ROC and precision–recall curves.

use super::design::Design;
use super::logit::{fit, linear_predictor, logistic, Fit, FitError, FitOptions};

/// The prediction of one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// The year predicted.
    pub year: i32,
    /// Its dyads.
    pub dyads: usize,
    /// Its ties.
    pub ties: usize,
    /// Area under the ROC curve (the probability that a tie scores above a non-tie, ties of
    /// scores counting a half).
    pub roc_auc: f64,
    /// Area under the precision–recall curve, by the trapezoid rule over the distinct scores, the
    /// curve starting at recall 0 with the precision of the highest score.
    pub pr_auc: f64,
    /// The tie probability of each dyad, in the design's row order.
    pub probabilities: Vec<f64>,
}

/// Why a year cannot be predicted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PredictError {
    /// The year is not among the design's.
    #[error("--predict {year}: not among the years modelled ({first}–{last}, after any dropped for lagged terms)")]
    NotModelled {
        /// The year.
        year: i32,
        /// First design year.
        first: i32,
        /// Last design year.
        last: i32,
    },
    /// No earlier year to fit on.
    #[error("--predict {0}: no earlier year to fit the model on; widen --years")]
    NothingBefore(i32),
    /// The year has no ties or only ties.
    #[error("--predict {0}: the year has no ties (or no non-ties), so its prediction cannot be measured")]
    NoVariation(i32),
    /// The fit on the earlier years fails.
    #[error("fitting the years before {year}: {error}")]
    Fit {
        /// The year.
        year: i32,
        /// The error.
        error: FitError,
    },
}

/// Fits `design`'s years before `year` and predicts `year`.
///
/// # Errors
/// [`PredictError`].
pub fn predict(design: &Design, year: i32) -> Result<(Fit, Prediction), PredictError> {
    let (first, last) = (design.years[0].year, design.years[design.years.len() - 1].year);
    let index =
        design.years.iter().position(|y| y.year == year).ok_or(PredictError::NotModelled { year, first, last })?;
    if index == 0 {
        return Err(PredictError::NothingBefore(year));
    }
    let block = &design.years[index];
    if block.ties() == 0 || block.ties() == block.rows() {
        return Err(PredictError::NoVariation(year));
    }
    let weights = design.years.iter().map(|y| f64::from(u8::from(y.year < year))).collect();
    let fitted = fit(design, &FitOptions { year_weights: Some(weights), ..FitOptions::default() })
        .map_err(|error| PredictError::Fit { year, error })?;
    let mut eta = Vec::new();
    linear_predictor(design, index, 0, block.rows(), &fitted.coefficients, &mut eta);
    let probabilities: Vec<f64> = eta.iter().map(|&e| logistic(e)).collect();
    let (roc_auc, pr_auc) = areas(&probabilities, &block.response());
    Ok((fitted, Prediction { year, dyads: block.rows(), ties: block.ties(), roc_auc, pr_auc, probabilities }))
}

/// ROC AUC and PR AUC of `scores` against the 0/1 `truth`.
pub fn areas(scores: &[f64], truth: &[f64]) -> (f64, f64) {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let positives = truth.iter().filter(|&&t| t == 1.0).count() as f64;
    let negatives = truth.len() as f64 - positives;
    // Walk the scores from the highest, a group of equal scores at a time.
    let (mut tp, mut fp) = (0.0, 0.0);
    let mut roc = 0.0;
    let mut pr = 0.0;
    let mut last_recall = 0.0;
    let mut last_precision: Option<f64> = None;
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        let (mut gp, mut gn) = (0.0, 0.0);
        while j < order.len() && scores[order[j]] == scores[order[i]] {
            if truth[order[j]] == 1.0 {
                gp += 1.0;
            } else {
                gn += 1.0;
            }
            j += 1;
        }
        // Each negative of the group is beaten by the positives above it and ties with half of the group's.
        roc += gn * (tp + gp / 2.0);
        tp += gp;
        fp += gn;
        let recall = tp / positives;
        let precision = tp / (tp + fp);
        let start = last_precision.unwrap_or(precision);
        pr += (recall - last_recall) * (start + precision) / 2.0;
        last_recall = recall;
        last_precision = Some(precision);
        i = j;
    }
    (roc / (positives * negatives), pr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_of_hand_computed_rankings() {
        // Perfect ranking.
        assert_eq!(areas(&[0.9, 0.8, 0.2, 0.1], &[1.0, 1.0, 0.0, 0.0]), (1.0, 1.0));
        // Reversed: ROC 0; PR: points (0.5, 0) ... (1, 0.5).
        let (roc, _) = areas(&[0.1, 0.2, 0.8, 0.9], &[1.0, 1.0, 0.0, 0.0]);
        assert_eq!(roc, 0.0);
        // All scores equal: ROC 0.5, precision the base rate throughout.
        assert_eq!(areas(&[0.5; 4], &[1.0, 0.0, 0.0, 0.0]), (0.5, 0.25));
        // Scores 0.9 (tie), 0.7 (none), 0.5 (tie), 0.3 (none): pairs (tie above none) 3 of 4.
        let (roc, pr) = areas(&[0.9, 0.7, 0.5, 0.3], &[1.0, 0.0, 1.0, 0.0]);
        assert_eq!(roc, 0.75);
        // Curve (0,1) → (0.5,1) → (0.5,0.5) → (1,2/3) → (1,0.5): 0.5 + 0.5·(0.5 + 2/3)/2.
        assert!((pr - (0.5 + 0.25 * (0.5 + 2.0 / 3.0))).abs() < 1e-15, "{pr}");
    }
}
