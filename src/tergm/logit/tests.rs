//! The fit against closed forms and its errors.

use super::*;
use crate::tergm::change::{Column, Statistic};
use crate::tergm::design::DesignYear;
use crate::tergm::Term;
use crate::StateId;

/// A design of one "year" per block with given columns (row-major rows) and ties.
fn design(names: &[&str], blocks: &[(Vec<Vec<f64>>, Vec<f64>)]) -> Design {
    let columns =
        names.iter().map(|n| Column { name: n.to_string(), statistic: Statistic::Term(Term::Edges) }).collect();
    let years = blocks
        .iter()
        .enumerate()
        .map(|(t, (rows, y))| {
            let columns = (0..names.len()).map(|k| rows.iter().map(|row| row[k]).collect()).collect();
            DesignYear::new(2000 + t as i32, t as i64 + 1, vec![StateId(1)], y, columns)
        })
        .collect();
    Design { columns, years, dropped: vec![] }
}

fn logit(p: f64) -> f64 {
    (p / (1.0 - p)).ln()
}

/// Group 0: 3 ties of 10; group 1: 6 ties of 8 (and two years of 9000 rows to cross chunks).
fn grouped(scale: usize) -> Design {
    let mut rows = Vec::new();
    let mut y = Vec::new();
    for _ in 0..scale {
        for i in 0..10 {
            rows.push(vec![1.0, 0.0]);
            y.push(f64::from(u8::from(i < 3)));
        }
        for i in 0..8 {
            rows.push(vec![1.0, 1.0]);
            y.push(f64::from(u8::from(i < 6)));
        }
    }
    design(&["edges", "x"], &[(rows.clone(), y.clone()), (rows, y)])
}

#[test]
fn a_binary_predictor_gives_the_closed_form_and_its_standard_errors() {
    for scale in [1, 500] {
        let f = fit(&grouped(scale), &FitOptions::default()).unwrap();
        let (b0, b1) = (logit(0.3), logit(0.75) - logit(0.3));
        assert!((f.coefficients[0] - b0).abs() < 1e-12, "{:?}", f.coefficients);
        assert!((f.coefficients[1] - b1).abs() < 1e-12, "{:?}", f.coefficients);
        // Var(β0) = 1/(n0 p0 (1−p0)); Var(β1) = Var(β0) + 1/(n1 p1 (1−p1)); two years of `scale` copies.
        let n0 = 20.0 * scale as f64;
        let n1 = 16.0 * scale as f64;
        let v0 = 1.0 / (n0 * 0.3 * 0.7);
        let v1 = v0 + 1.0 / (n1 * 0.75 * 0.25);
        assert!((f.std_errors[0] - v0.sqrt()).abs() < 1e-12 * v0.sqrt().max(1.0));
        assert!((f.std_errors[1] - v1.sqrt()).abs() < 1e-12);
        let ll = n0 * (0.3f64 * 0.3f64.ln() + 0.7 * 0.7f64.ln()) + n1 * (0.75f64 * 0.75f64.ln() + 0.25 * 0.25f64.ln());
        assert!((f.log_likelihood - ll).abs() < 1e-9 * ll.abs());
        assert_eq!(f.observations, n0 + n1);
        assert!((f.aic() - (-2.0 * ll + 4.0)).abs() < 1e-8);
    }
}

#[test]
fn year_weights_count_a_year_as_often_as_drawn_and_the_threads_do_not_matter() {
    let d = grouped(700);
    let twice = fit(&d, &FitOptions { year_weights: Some(vec![2.0, 0.0]), ..FitOptions::default() }).unwrap();
    let once = fit(&d, &FitOptions::default()).unwrap();
    assert_eq!(twice.observations, once.observations);
    assert!((twice.coefficients[1] - once.coefficients[1]).abs() < 1e-12);
    let serial = fit(&d, &FitOptions { parallel: false, ..FitOptions::default() }).unwrap();
    assert_eq!(serial, once, "same bits with and without threads");
}

#[test]
fn zero_collinear_and_separated_columns_are_named() {
    let rows: Vec<Vec<f64>> = (0..20).map(|i| vec![1.0, f64::from(i % 3), 2.0 * f64::from(i % 3) + 1.0, 0.0]).collect();
    let y: Vec<f64> = (0..20).map(|i| f64::from(u8::from(i % 4 == 0))).collect();
    let e = fit(
        &design(&["edges", "a", "b"], &[(rows.iter().map(|r| r[..3].to_vec()).collect(), y.clone())]),
        &FitOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e, FitError::Collinear { term: "b".into(), combination: "it equals 1 × edges + 2 × a".into() });
    let e = fit(
        &design(&["edges", "a", "z"], &[(rows.iter().map(|r| vec![r[0], r[1], r[3]]).collect(), y.clone())]),
        &FitOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e, FitError::ZeroColumn("z".into()));
    // `s` is 1 exactly on the ties: complete separation.
    let sep: Vec<Vec<f64>> = y.iter().zip(&rows).map(|(t, r)| vec![1.0, r[1], *t]).collect();
    let e = fit(&design(&["edges", "a", "s"], &[(sep, y.clone())]), &FitOptions::default()).unwrap_err();
    match e {
        FitError::Separation { terms, .. } => assert!(terms.contains("s ("), "{terms}"),
        other => panic!("{other}"),
    }
    let e = fit(
        &design(&["edges", "a"], &[(rows.iter().map(|r| r[..2].to_vec()).collect(), vec![0.0; 20])]),
        &FitOptions::default(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("no dyad-year is tied"));
}

#[test]
fn the_gradient_vanishes_at_the_estimate() {
    // A continuous predictor: no closed form; the score must be 0 at the estimate.
    let rows: Vec<Vec<f64>> =
        (0..400).map(|i| vec![1.0, (f64::from(i) * 0.37).sin() * 3.0, f64::from(i % 7)]).collect();
    let y: Vec<f64> = (0..400).map(|i| f64::from(u8::from((i * 7919) % 13 < 4 + (i % 7) / 2))).collect();
    let d = design(&["edges", "s", "m"], &[(rows, y)]);
    let f = fit(&d, &FitOptions::default()).unwrap();
    let pass = full_pass(&d, &[1.0], &f.coefficients, false);
    for g in &pass.gradient {
        assert!(g.abs() < 1e-9, "{:?}", pass.gradient);
    }
    assert!(f.iterations < 15, "{}", f.iterations);
}

#[test]
fn constant_and_sparse_columns_give_the_dense_fit() {
    // `rare` is non-zero on 1 row in 10, `rarer` on 1 in 50: both read sparsely.
    let rows: Vec<Vec<f64>> = (0..6000)
        .map(|i| {
            vec![
                1.0,
                f64::from(u8::from(i % 10 == 0)) * 2.5,
                f64::from(u8::from(i % 50 == 3)),
                (f64::from(i) * 0.01).cos(),
            ]
        })
        .collect();
    let y: Vec<f64> =
        (0..6000).map(|i| f64::from(u8::from((i * 7919) % 11 < 3 + usize::from(i % 10 == 0) * 4))).collect();
    let d = design(&["edges", "rare", "rarer", "c"], &[(rows.clone(), y.clone()), (rows, y)]);
    use crate::tergm::design::ColumnData;
    let c = &d.years[0].columns;
    assert!(
        matches!((&c[0], &c[1], &c[2], &c[3]), (ColumnData::Constant(c), ColumnData::Sparse(..), ColumnData::Sparse(..), ColumnData::Dense(_)) if *c == 1.0)
    );
    let mut dense = d.clone();
    for year in &mut dense.years {
        let rows = year.rows();
        year.columns.iter_mut().for_each(|c| *c = ColumnData::Dense(c.to_dense(rows)));
    }
    let (a, b) = (fit(&d, &FitOptions::default()).unwrap(), fit(&dense, &FitOptions::default()).unwrap());
    for k in 0..4 {
        assert!((a.coefficients[k] - b.coefficients[k]).abs() < 1e-12 * b.coefficients[k].abs().max(1.0));
        assert!((a.std_errors[k] - b.std_errors[k]).abs() < 1e-12);
    }
    assert!((a.log_likelihood - b.log_likelihood).abs() < 1e-9);
    // A bootstrap-like refit from the estimate with the precomputed year sums: the same estimate.
    let sums = year_sums(&d, &a.coefficients);
    let again =
        fit(&d, &FitOptions { start: Some(a.coefficients.clone()), start_sums: Some(&sums), ..FitOptions::default() })
            .unwrap();
    for k in 0..4 {
        assert!((again.coefficients[k] - a.coefficients[k]).abs() < 1e-12 * a.coefficients[k].abs().max(1.0));
    }
    assert!(again.iterations <= 2, "{}", again.iterations);
}
