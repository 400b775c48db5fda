//! A whole TERGM run as the command line, Python and R ask for it: the formula read, the design
//! built, the model fitted, the bootstrap and the out-of-sample check run, and the results as
//! tables (one row per term; one row of fit statistics).

use super::bootstrap::{bootstrap, Bootstrap, BootstrapRequest};
use super::design::{build_design, Design, DesignError, DesignRequest, DesignYear};
use super::logit::{fit, Fit, FitError, FitOptions};
use super::normal::{quantile, two_sided_p};
use super::predict::{predict, PredictError, Prediction};
use super::terms::{parse_model, TermError};
use super::{Attributes, YearNetwork};
use crate::io::table::{Cell, RowSink, Table};
use std::collections::BTreeMap;
use std::io;
use std::ops::RangeInclusive;

/// What to fit.
pub struct ModelRequest<'a> {
    /// The model's right-hand side in ergm's formula language.
    pub formula: &'a str,
    /// The networks by year (the model's years and earlier years for lagged terms).
    pub networks: &'a BTreeMap<i32, YearNetwork>,
    /// The model's years.
    pub years: RangeInclusive<i32>,
    /// State and dyad attributes.
    pub attributes: &'a dyn Attributes,
    /// The bootstrap, if any.
    pub bootstrap: Option<BootstrapRequest>,
    /// Confidence level of the intervals.
    pub level: f64,
    /// Fit on the years before this one and predict it.
    pub predict: Option<i32>,
    /// Bound on the design's cells.
    pub max_cells: usize,
}

/// A fitted model and what came with it.
#[derive(Debug, Clone)]
pub struct ModelResult {
    /// The design (all years, the predicted one included).
    pub design: Design,
    /// The fit (on the years before the predicted one, with `--predict`).
    pub fit: Fit,
    /// The bootstrap, if asked for.
    pub bootstrap: Option<Bootstrap>,
    /// The prediction, if asked for.
    pub prediction: Option<Prediction>,
    /// The confidence level.
    pub level: f64,
    /// The bootstrap's seed.
    pub seed: Option<u64>,
}

/// Why a model cannot be fitted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    /// The formula or a term is wrong (a usage error).
    #[error(transparent)]
    Term(#[from] TermError),
    /// The design cannot be built.
    #[error(transparent)]
    Design(DesignError),
    /// The fit fails.
    #[error("the model cannot be fitted: {0}")]
    Fit(#[from] FitError),
    /// The prediction fails.
    #[error(transparent)]
    Predict(#[from] PredictError),
}

impl ModelError {
    /// Whether the error is the user's formula (exit 2) rather than the data (exit 1).
    pub fn is_usage(&self) -> bool {
        matches!(self, ModelError::Term(_) | ModelError::Design(DesignError::Term(_)))
    }
}

impl From<DesignError> for ModelError {
    fn from(e: DesignError) -> Self {
        ModelError::Design(e)
    }
}

/// Reads, builds, fits, bootstraps and predicts as `request` asks.
///
/// # Errors
/// [`ModelError`].
pub fn run(request: &ModelRequest<'_>) -> Result<ModelResult, ModelError> {
    let terms = parse_model(request.formula)?;
    let years = match request.predict {
        Some(p) => *request.years.start()..=p.max(*request.years.start()),
        None => request.years.clone(),
    };
    let design = build_design(&DesignRequest {
        networks: request.networks,
        years,
        terms: &terms,
        attributes: request.attributes,
        max_cells: request.max_cells,
    })?;
    let (fitted, prediction) = match request.predict {
        Some(year) => {
            let (f, p) = predict(&design, year)?;
            (f, Some(p))
        }
        None => (fit(&design, &FitOptions::default())?, None),
    };
    let bootstrap = request.bootstrap.map(|b| {
        let years: Vec<usize> =
            (0..design.years.len()).filter(|&i| request.predict.is_none_or(|p| design.years[i].year < p)).collect();
        bootstrap(&design, &years, &fitted, &b)
    });
    Ok(ModelResult {
        design,
        fit: fitted,
        bootstrap,
        prediction,
        level: request.level,
        seed: request.bootstrap.map(|b| b.seed),
    })
}

/// The largest lag of `formula`'s terms (0 when it does not parse: the run reports that).
pub fn max_lag(formula: &str) -> u32 {
    parse_model(formula).map(|t| t.iter().map(|t| t.term.lag()).max().unwrap_or(0)).unwrap_or(0)
}

impl ModelResult {
    /// The confidence intervals: bootstrap percentiles, else Wald's β ± z·SE.
    pub fn intervals(&self) -> (Vec<f64>, Vec<f64>) {
        match &self.bootstrap {
            Some(b) => (b.lower.clone(), b.upper.clone()),
            None => {
                let z = quantile(1.0 - (1.0 - self.level) / 2.0);
                let f = &self.fit;
                (
                    f.coefficients.iter().zip(&f.std_errors).map(|(b, s)| b - z * s).collect(),
                    f.coefficients.iter().zip(&f.std_errors).map(|(b, s)| b + z * s).collect(),
                )
            }
        }
    }

    /// The years fitted.
    pub fn fitted_years(&self) -> Vec<i32> {
        let p = self.prediction.as_ref().map(|p| p.year);
        self.design.years.iter().map(|y| y.year).filter(|&y| p.is_none_or(|p| y < p)).collect()
    }

    /// How the intervals were computed.
    pub fn interval_kind(&self) -> &'static str {
        if self.bootstrap.is_some() {
            "bootstrap percentile"
        } else {
            "Wald"
        }
    }

    /// The term table.
    pub fn terms_table(&self) -> TermTable<'_> {
        TermTable { result: self }
    }

    /// The one-row table of fit statistics.
    pub fn fit_table(&self) -> FitTable<'_> {
        FitTable { result: self }
    }

    /// A few lines for a reader: years, dyad-years, fit statistics, bootstrap, prediction.
    pub fn summary(&self) -> Vec<String> {
        let years = self.fitted_years();
        let f = &self.fit;
        let mut lines = vec![format!(
            "MPLE of {} term(s) on {} year(s) {}–{}: {} dyad-years, {} ties; log pseudo-likelihood {:.4}, AIC {:.4}, BIC {:.4} ({} Newton iterations)",
            f.coefficients.len(),
            years.len(),
            years.first().copied().unwrap_or_default(),
            years.last().copied().unwrap_or_default(),
            f.observations,
            self.design.years.iter().filter(|y| years.contains(&y.year)).map(DesignYear::ties).sum::<usize>(),
            f.log_likelihood,
            f.aic(),
            f.bic(),
            f.iterations
        )];
        for d in &self.design.dropped {
            lines.push(format!("year {} left out: {}", d.year, d.reason));
        }
        if let (Some(b), Some(seed)) = (&self.bootstrap, self.seed) {
            let mut line = format!(
                "bootstrap: {} replicates of the years drawn with replacement (seed {seed}); {:.0}% percentile intervals",
                b.replicates,
                self.level * 100.0
            );
            if b.failed > 0 {
                line.push_str(&format!(
                    "; {} replicate(s) could not be fitted and are left out ({})",
                    b.failed,
                    b.first_failure.as_deref().unwrap_or("estimates not finite")
                ));
            }
            lines.push(line);
        } else {
            lines.push(format!(
                "{:.0}% Wald intervals from the pseudo-likelihood's information, which understate the uncertainty of dependence terms: use --bootstrap",
                self.level * 100.0
            ));
        }
        if let Some(p) = &self.prediction {
            lines.push(format!(
                "prediction of {} ({} dyads, {} ties) from the years before: ROC AUC {:.4}, PR AUC {:.4}",
                p.year, p.dyads, p.ties, p.roc_auc, p.pr_auc
            ));
        }
        lines
    }
}

/// One row per term: `term,estimate,std_error,z,p,ci_lower,ci_upper`.
pub struct TermTable<'a> {
    result: &'a ModelResult,
}

impl Table for TermTable<'_> {
    fn columns(&self) -> Vec<&'static str> {
        vec!["term", "estimate", "std_error", "z", "p", "ci_lower", "ci_upper"]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> io::Result<()> {
        let f = &self.result.fit;
        let (lower, upper) = self.result.intervals();
        for (k, column) in self.result.design.columns.iter().enumerate() {
            let z = f.coefficients[k] / f.std_errors[k];
            sink.cell(Cell::Text(&column.name))?;
            sink.cell(Cell::Float(f.coefficients[k]))?;
            sink.cell(Cell::Float(f.std_errors[k]))?;
            sink.cell(Cell::Float(z))?;
            sink.cell(Cell::Float(two_sided_p(z)))?;
            for v in [lower[k], upper[k]] {
                sink.cell(if v.is_finite() { Cell::Float(v) } else { Cell::Missing })?;
            }
            sink.end_row()?;
        }
        Ok(())
    }
}

/// The fit statistics in one row.
pub struct FitTable<'a> {
    result: &'a ModelResult,
}

impl Table for FitTable<'_> {
    fn columns(&self) -> Vec<&'static str> {
        vec![
            "first_year",
            "last_year",
            "years",
            "years_dropped",
            "dyad_years",
            "ties",
            "terms",
            "log_likelihood",
            "aic",
            "bic",
            "iterations",
            "intervals",
            "level",
            "replicates",
            "replicates_failed",
            "seed",
            "predicted_year",
            "roc_auc",
            "pr_auc",
        ]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> io::Result<()> {
        let r = self.result;
        let years = r.fitted_years();
        let f = &r.fit;
        let ties: usize = r.design.years.iter().filter(|y| years.contains(&y.year)).map(DesignYear::ties).sum();
        let dropped: Vec<String> = r.design.dropped.iter().map(|d| d.year.to_string()).collect();
        let int = |v: usize| Cell::Int(v as i64);
        sink.cell(years.first().map_or(Cell::Missing, |&y| Cell::Int(y.into())))?;
        sink.cell(years.last().map_or(Cell::Missing, |&y| Cell::Int(y.into())))?;
        sink.cell(int(years.len()))?;
        sink.cell(Cell::List(&dropped, ';'))?;
        sink.cell(Cell::Int(f.observations as i64))?;
        sink.cell(int(ties))?;
        sink.cell(int(f.coefficients.len()))?;
        sink.cell(Cell::Float(f.log_likelihood))?;
        sink.cell(Cell::Float(f.aic()))?;
        sink.cell(Cell::Float(f.bic()))?;
        sink.cell(int(f.iterations))?;
        sink.cell(Cell::Text(r.interval_kind()))?;
        sink.cell(Cell::Float(r.level))?;
        match &r.bootstrap {
            Some(b) => {
                sink.cell(int(b.replicates))?;
                sink.cell(int(b.failed))?;
                sink.cell(r.seed.map_or(Cell::Missing, |s| Cell::Int(s as i64)))?;
            }
            None => {
                for _ in 0..3 {
                    sink.cell(Cell::Missing)?;
                }
            }
        }
        match &r.prediction {
            Some(p) => {
                sink.cell(Cell::Int(p.year.into()))?;
                sink.cell(Cell::Float(p.roc_auc))?;
                sink.cell(Cell::Float(p.pr_auc))?;
            }
            None => {
                for _ in 0..3 {
                    sink.cell(Cell::Missing)?;
                }
            }
        }
        sink.end_row()
    }
}
