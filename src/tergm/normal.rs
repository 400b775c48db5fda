//! The standard normal distribution's tail (libm's erfc, musl's, accurate to an ulp or two) and
//! quantile (statrs' erfc_inv refined by Newton steps on that erfc), and the bootstrap's
//! percentile interval as R's boot package computes it.

use libm::erfc;
use statrs::function::erf::erfc_inv;

/// Two-sided p-value of a z statistic: 2 Φ(−|z|).
pub fn two_sided_p(z: f64) -> f64 {
    if z.is_nan() {
        return f64::NAN;
    }
    erfc(z.abs() / std::f64::consts::SQRT_2)
}

/// The standard normal quantile Φ⁻¹(p), 0 < p < 1.
pub fn quantile(p: f64) -> f64 {
    if !(p > 0.0 && p < 1.0) {
        return if p == 0.0 {
            f64::NEG_INFINITY
        } else if p == 1.0 {
            f64::INFINITY
        } else {
            f64::NAN
        };
    }
    // Solve erfc(x) = 2p for x; Φ⁻¹(p) = −√2 x. Newton steps: d/dx erfc(x) = −2/√π e^(−x²).
    let target = 2.0 * p;
    let mut x = erfc_inv(target);
    for _ in 0..3 {
        let slope = -std::f64::consts::FRAC_2_SQRT_PI * (-x * x).exp();
        if slope == 0.0 {
            break;
        }
        x -= (erfc(x) - target) / slope;
    }
    -std::f64::consts::SQRT_2 * x
}

/// The bootstrap percentile interval's end at level `alpha` (e.g. 0.025) from the replicates
/// `sorted` (ascending, finite), as `boot.ci(type = "perc")` computes it (Davison & Hinkley
/// 1997, eq. 5.18; boot's `norm.inter`): the order statistic k = (R + 1)α when that is whole,
/// else the interpolation between the k-th and (k + 1)-th on the normal quantile scale; the
/// extreme replicates when k falls outside 1..R − 1.
pub fn percentile(sorted: &[f64], alpha: f64) -> f64 {
    let r = sorted.len();
    if r == 0 {
        return f64::NAN;
    }
    let rk = (r as f64 + 1.0) * alpha;
    let k = rk.trunc() as usize;
    if k == 0 {
        return sorted[0];
    }
    if k >= r {
        return sorted[r - 1];
    }
    if rk == k as f64 {
        return sorted[k - 1];
    }
    let (t1, t2, t3) =
        (quantile(alpha), quantile(k as f64 / (r as f64 + 1.0)), quantile((k as f64 + 1.0) / (r as f64 + 1.0)));
    let (tk, tk1) = (sorted[k - 1], sorted[k]);
    tk + (t1 - t2) / (t3 - t2) * (tk1 - tk)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_and_quantile_match_published_values() {
        // Φ(−1.959963984540054) = 0.025; 2Φ(−1) = 0.3173105078629141 (R: 2*pnorm(-1)).
        assert!((two_sided_p(1.959963984540054) - 0.05).abs() < 1e-15, "{}", two_sided_p(1.959963984540054));
        assert!((two_sided_p(-1.0) - 0.317_310_507_862_914_1).abs() < 1e-15);
        assert!((two_sided_p(10.0) - 1.523_970_604_832_105e-23).abs() < 1e-36);
        assert!((quantile(0.975) - 1.959_963_984_540_054).abs() < 1e-14);
        assert!((quantile(0.1) + 1.281_551_565_544_601).abs() < 1e-14);
    }

    #[test]
    fn percentile_interpolates_as_boot_does() {
        let t: Vec<f64> = (1..=999).map(f64::from).collect();
        // (999 + 1) × 0.025 = 25: the 25th order statistic.
        assert_eq!(percentile(&t, 0.025), 25.0);
        assert_eq!(percentile(&t, 0.975), 975.0);
        // R = 1000: rk = 25.025, between the 25th (25) and 26th (26) on the normal scale.
        let t: Vec<f64> = (1..=1000).map(f64::from).collect();
        let v = percentile(&t, 0.025);
        let expected =
            25.0 + (quantile(0.025) - quantile(25.0 / 1001.0)) / (quantile(26.0 / 1001.0) - quantile(25.0 / 1001.0));
        assert!((v - expected).abs() < 1e-12 && v > 25.0 && v < 26.0, "{v}");
        // Too few replicates: the extremes.
        assert_eq!(percentile(&[2.0, 3.0], 0.025), 2.0);
        assert_eq!(percentile(&[1.0, 2.0, 3.0], 0.975), 3.0);
    }
}
