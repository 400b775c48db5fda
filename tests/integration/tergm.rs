//! Issue 22, item 3: `pactnet tergm` — on the embedded sample, on hand-made networks, and on ATOP
//! 4.01's defense network 1981–2000 with the covariates of btergm's alliance example, where the
//! fit is checked against statsmodels' logistic regression on the design pactnet writes.

use crate::common::{covariates_data, pactnet, real_data, show};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// btergm's alliance model (its `alliances` example), with pactnet's lagsp for btergm's LSP.
const BTERGM_MODEL: &str = "edges + gwesp(0, fixed=TRUE) + memory(type=\"autoregression\") + lagsp(lag=1) \
    + edgecov(war) + nodecov(polity) + nodecov(cinc) + absdiff(polity) + absdiff(cinc) + edgecov(contig) + nodecov(year)";

/// ATOP 4.01, COW 2016 and the covariates as input flags.
fn real_inputs() -> Option<Vec<String>> {
    let data = real_data()?;
    let cov = covariates_data()?;
    let p = |p: PathBuf| p.display().to_string();
    Some(vec![
        "--members".into(),
        p(data.join("atop-4.01/atop4_01m.csv")),
        "--states".into(),
        p(data.join("cow/states2016.csv")),
        "--state-covariates".into(),
        p(cov.join("state_years.csv")),
        "--dyad-covariates".into(),
        format!("contig={}", p(cov.join("contiguity.csv"))),
        "--dyad-covariates".into(),
        format!("war={}", p(cov.join("war_dyad_years.csv"))),
        "--network-nodes".into(),
        p(cov.join("state_years.csv")),
    ])
}

fn run(dir: &Path, args: &[String], envs: &[(&str, &str)]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_pactnet"))
        .args(args)
        .envs(envs.iter().copied())
        .current_dir(dir)
        .output()
        .expect("pactnet runs")
}

/// The term table: term → (estimate, std_error, ci_lower, ci_upper).
fn terms(csv: &str) -> BTreeMap<String, [f64; 4]> {
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("term,estimate,std_error,z,p,ci_lower,ci_upper"));
    lines
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            let f = |i: usize| c[i].parse::<f64>().unwrap_or_else(|_| panic!("{l}"));
            (c[0].to_string(), [f(1), f(2), f(5), f(6)])
        })
        .collect()
}

#[test]
#[cfg_attr(
    not(pactnet_covariates),
    ignore = "real data or covariates not found (set PACTNET_DATA_DIR; default ../shared/data)"
)]
fn btergm_alliance_model_equals_statsmodels_on_the_same_design() {
    let Some(inputs) = real_inputs() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let design = dir.path().join("design.csv");
    let mut args = inputs.clone();
    args.extend(
        ["tergm", "--years", "1981..2000", "--layer", "defense", "--model", BTERGM_MODEL, "--design"].map(String::from),
    );
    args.push(design.display().to_string());
    args.extend(["--fit".to_string(), dir.path().join("fit.csv").display().to_string()]);
    let o = run(dir.path(), &args, &[]);
    assert!(o.status.success(), "{}", show(&o));
    let ours = terms(&String::from_utf8(o.stdout).expect("UTF-8"));
    assert_eq!(ours.len(), 11);
    // 164 states in each of 20 years: 13,366 dyads a year; 1981's lag is 1980 (in the data).
    let text = std::fs::read_to_string(&design).expect("design");
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), 20 * 13_366);
    let fit = std::fs::read_to_string(dir.path().join("fit.csv")).expect("fit");
    let fit_row: Vec<&str> = fit.lines().nth(1).expect("a row").split(',').collect();
    assert_eq!(&fit_row[..7], ["1981", "2000", "20", "", "267320", fit_row[5], "11"]);
    // The design's ties of 1990 are the defense snapshot's edges among the 164 states.
    let mut snap_args = inputs[..4].to_vec();
    snap_args.extend(["snapshot", "--year", "1990", "--layer", "defense", "--format", "csv"].map(String::from));
    let snap = run(dir.path(), &snap_args, &[]);
    assert!(snap.status.success(), "{}", show(&snap));
    let nodes_1990: std::collections::BTreeSet<&str> =
        rows.iter().filter(|r| r.starts_with("1990,")).flat_map(|r| r.split(',').skip(1).take(2)).collect();
    assert_eq!(nodes_1990.len(), 164);
    let snapshot = String::from_utf8(snap.stdout).unwrap();
    assert!(snapshot.starts_with("a,b,"), "{snapshot}");
    let expected = snapshot
        .lines()
        .skip(1)
        .filter(|l| {
            let c: Vec<&str> = l.split(',').collect();
            nodes_1990.contains(c[0]) && nodes_1990.contains(c[1])
        })
        .count();
    let tied_1990 = rows.iter().filter(|r| r.starts_with("1990,") && r.split(',').nth(3) == Some("1")).count();
    assert_eq!(tied_1990, expected);
    assert!(expected > 500, "{expected}");

    // statsmodels on the same design: estimates and standard errors within 1e-6 (relative).
    let script = r#"
import sys, pandas as pd, statsmodels.api as sm
d = pd.read_csv(sys.argv[1])
r = sm.Logit(d["tie"], d.iloc[:, 4:]).fit(method="newton", tol=1e-12, maxiter=200, disp=0)
for name in r.params.index:
    print(f"{name},{float(r.params[name])!r},{float(r.bse[name])!r}")
print(f"llf,{float(r.llf)!r},0")
"#;
    let py = std::process::Command::new("python3").arg("-c").arg(script).arg(&design).output();
    let out = match py {
        Ok(o) if o.status.success() => String::from_utf8(o.stdout).unwrap(),
        other => {
            let why = format!("python3 with pandas and statsmodels is needed: {other:?}");
            assert!(std::env::var("CI").map_or(true, |v| v != "true"), "{why}");
            eprintln!("skipped the statsmodels comparison: {why}");
            return;
        }
    };
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * b.abs().max(1e-300);
    for line in out.lines() {
        let c: Vec<&str> = line.split(',').collect();
        let (b, se): (f64, f64) = (c[1].parse().unwrap(), c[2].parse().unwrap());
        if c[0] == "llf" {
            let ll: f64 = fit_row[7].parse().unwrap();
            assert!(close(ll, b), "log-likelihood {ll} vs statsmodels {b}");
            continue;
        }
        let [ob, ose, ..] = ours[c[0]];
        assert!(close(ob, b), "{}: estimate {ob} vs statsmodels {b}", c[0]);
        assert!(close(ose, se), "{}: std_error {ose} vs statsmodels {se}", c[0]);
    }
}

#[test]
#[cfg_attr(
    not(pactnet_covariates),
    ignore = "real data or covariates not found (set PACTNET_DATA_DIR; default ../shared/data)"
)]
fn bootstrap_is_the_same_for_any_thread_count_and_predict_measures_2000() {
    let Some(inputs) = real_inputs() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let mut args = inputs.clone();
    args.extend(
        [
            "tergm",
            "--years",
            "1981..2000",
            "--layer",
            "defense",
            "--model",
            "edges + gwesp(0.5, fixed=TRUE) + memory(type=\"stability\") + edgecov(contig) + absdiff(polity)",
            "--bootstrap",
            "40",
            "--seed",
            "7",
        ]
        .map(String::from),
    );
    let one = run(dir.path(), &args, &[("RAYON_NUM_THREADS", "1")]);
    let two = run(dir.path(), &args, &[("RAYON_NUM_THREADS", "2")]);
    assert!(one.status.success(), "{}", show(&one));
    assert_eq!(one.stdout, two.stdout, "same bytes for 1 and 2 threads");
    let stderr = String::from_utf8_lossy(&one.stderr);
    assert!(
        stderr.contains(
            "bootstrap: 40 replicates of the years drawn with replacement (seed 7); 95% percentile intervals"
        ),
        "{stderr}"
    );
    let boot = terms(&String::from_utf8(one.stdout).unwrap());
    // The percentile interval holds the estimate and differs from Wald's.
    args.truncate(args.len() - 4);
    let wald = terms(&String::from_utf8(run(dir.path(), &args, &[]).stdout).unwrap());
    for (name, [b, se, lo, hi]) in &boot {
        assert_eq!(wald[name][0], *b, "{name}: the same estimate");
        assert_eq!(wald[name][1], *se);
        assert!(lo <= b && b <= hi, "{name}: {lo} ≤ {b} ≤ {hi}");
        assert_ne!(wald[name][2], *lo, "{name}");
    }
    // Fit on 1981–1999, predict 2000: the persistence of alliances makes it near perfect.
    args.extend(["--predict".to_string(), "2000".to_string(), "--fit".to_string(), "fit.csv".to_string()]);
    let o = run(dir.path(), &args, &[]);
    assert!(o.status.success(), "{}", show(&o));
    let fit = std::fs::read_to_string(dir.path().join("fit.csv")).unwrap();
    let row: Vec<&str> = fit.lines().nth(1).unwrap().split(',').collect();
    assert_eq!((row[0], row[1], row[16]), ("1981", "1999", "2000"));
    let (roc, pr): (f64, f64) = (row[17].parse().unwrap(), row[18].parse().unwrap());
    assert!(roc > 0.95 && roc <= 1.0 && pr > 0.8 && pr <= 1.0, "ROC {roc}, PR {pr}");
}

/// The sample's network of 1950–1960 and a model with a lagged term.
fn sample(args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().expect("temp dir");
    pactnet(dir.path(), args)
}

#[test]
fn the_sample_fits_and_a_lagged_term_drops_only_years_without_their_lag() {
    let o =
        sample(&["tergm", "--years", "1950..1960", "--model", "edges + gwesp(0.5, fixed=TRUE) + nodematch(region)"]);
    assert!(o.status.success(), "{}", show(&o));
    let t = terms(&String::from_utf8(o.stdout).unwrap());
    assert_eq!(t.keys().collect::<Vec<_>>(), ["edges", "gwesp.fixed.0.5", "nodematch.region"]);
    for [b, se, lo, hi] in t.values() {
        assert!(b.is_finite() && *se > 0.0 && lo < b && b < hi);
    }
    // The sample starts in 1816: a lag of 3 drops 1816–1818, named, and no other year.
    let o = sample(&["tergm", "--model", "edges + memory(lag=3)", "--years", "1816..1900"]);
    assert!(o.status.success(), "{}", show(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    let dropped: Vec<&str> = err.lines().filter(|l| l.contains("left out:")).collect();
    assert_eq!(dropped.len(), 3, "{err}");
    for (line, year) in dropped.iter().zip([1816, 1817, 1818]) {
        assert!(
            line.contains(&format!("year {year} left out: its lagged terms need the network of {}", year - 3)),
            "{line}"
        );
    }
    assert!(err.contains("on 82 year(s) 1819–1900"), "{err}");
}

#[test]
fn formula_and_model_errors_are_clear_and_exit_as_they_should() {
    let check = |args: &[&str], code: i32, text: &str| {
        let o = sample(args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(code), "{}", show(&o));
        assert!(err.contains(text), "expected {text:?} in\n{err}");
    };
    check(&["tergm", "--years", "1950..1960", "--model", "edges + foo(1)"], 2, "unknown term `foo`");
    check(&["tergm", "--years", "1950..1960", "--model", "edges + gwesp(0.5, fixed=FALSE)"], 2, "MCMC");
    check(&["tergm", "--years", "1950..1960", "--model", "edges +"], 2, "character 8");
    check(&["tergm", "--years", "1950..1960", "--model", "edges + nodecov(cinc)"], 2, "no state attribute `cinc`");
    check(&["tergm", "--years", "1950..1960", "--model", "edges + edgecov(contig)"], 2, "no dyad attribute `contig`");
    // One year: nodecov(year) is 2 × year on every dyad, a multiple of edges.
    check(
        &["tergm", "--years", "1950", "--model", "edges + nodecov(year)"],
        1,
        "`nodecov.year` is collinear with the terms before it (it equals 3900 × edges)",
    );
    check(&["tergm", "--years", "1950..1960", "--model", "edges", "--level", "2"], 2, "between 0 and 1");
    check(&["tergm", "--years", "1950..1960", "--model", "edges", "--predict", "1950"], 1, "no earlier year");
    check(
        &["tergm", "--years", "1950..1960", "--model", "edges + triangle", "--max-design-cells", "10"],
        1,
        "above the bound of 10 (--max-design-cells)",
    );
}

#[test]
fn a_network_file_with_nodes_fits_the_same_model_as_the_same_snapshots() {
    // The sample's defense snapshots 1950–1955 written as a dyad-year file, with their nodes.
    let dir = tempfile::tempdir().expect("temp dir");
    let export = pactnet(dir.path(), &["export", "dyadyears", "--years", "1950..1955", "--format", "csv"]);
    assert!(export.status.success(), "{}", show(&export));
    let text = String::from_utf8(export.stdout).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let col = |n: &str| header.iter().position(|c| *c == n).unwrap_or_else(|| panic!("{n} in {header:?}"));
    let (y, a, b) = (col("year"), col("ccode1"), col("ccode2"));
    let mut net = String::from("year,ccode1,ccode2\n");
    for l in text.lines().skip(1) {
        let c: Vec<&str> = l.split(',').collect();
        if c[a] < c[b] || c[a].parse::<u32>().unwrap() < c[b].parse::<u32>().unwrap() {
            net.push_str(&format!("{},{},{}\n", c[y], c[a], c[b]));
        }
    }
    std::fs::write(dir.path().join("net.csv"), net).unwrap();
    let states = pactnet(dir.path(), &["export", "statelevel", "--years", "1950..1955", "--format", "csv"]);
    let st = String::from_utf8(states.stdout).unwrap();
    let sh: Vec<&str> = st.lines().next().unwrap().split(',').collect();
    let (sy, sc) = (sh.iter().position(|c| *c == "year").unwrap(), sh.iter().position(|c| *c == "ccode").unwrap());
    let mut nodes = String::from("ccode,year\n");
    for l in st.lines().skip(1) {
        let c: Vec<&str> = l.split(',').collect();
        nodes.push_str(&format!("{},{}\n", c[sc], c[sy]));
    }
    std::fs::write(dir.path().join("nodes.csv"), nodes).unwrap();
    let model = "edges + triangle + nodematch(region)";
    let own = pactnet(dir.path(), &["tergm", "--years", "1950..1955", "--model", model]);
    let file = pactnet(
        dir.path(),
        &["--network", "net.csv", "--network-nodes", "nodes.csv", "tergm", "--years", "1950..1955", "--model", model],
    );
    assert!(own.status.success() && file.status.success(), "{}\n{}", show(&own), show(&file));
    assert_eq!(String::from_utf8_lossy(&own.stdout), String::from_utf8_lossy(&file.stdout));
}
