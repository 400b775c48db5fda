//! Issue 22, items 1–2: covariates by state-year and dyad-year joined to `export statelevel` and
//! `export dyadyears`, networks from a dyad-year file; on hand-made files and on the covariates
//! of btergm's alliance example (`covariates-1981-2000/` of the real data).

use crate::common::{covariates_data, inputs, pactnet, real_data, show, with_inputs};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// USA–UKG defense 1950–1959; the COW list of `common::STATES` (USA, UKG, FRN, RUS).
const ROWS: &str = "1,2,1950,1,1,1960,1,1,0,1,0,0,0,0\n1,200,1950,1,1,1960,1,1,0,1,0,0,0,0\n";

/// The inputs with the covariate files written beside them.
fn setup() -> tempfile::TempDir {
    let dir = inputs(ROWS);
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).expect("write");
    write("sy.csv", "stateabb,year,cinc,polity\nUSA,1950,0.3,10\nukg,1950,0.1,\nRUS,1950,0.2,-7\nUSA,1951,0.31,10\n");
    write("contiguity.csv", "stateabb1,stateabb2\nUKG,FRN\n");
    write("trade.csv", "ccode1,ccode2,year,value\n2,200,1950,5.5\n");
    dir
}

fn run_ok(dir: &Path, args: &[&str]) -> String {
    let o = pactnet(dir, &with_inputs(args));
    assert!(o.status.success(), "{}", show(&o));
    String::from_utf8(o.stdout).expect("UTF-8")
}

/// The covariate flags of most tests.
const COVARIATES: [&str; 6] =
    ["--state-covariates", "sy.csv", "--dyad-covariates", "contiguity.csv", "--dyad-covariates", "trade=trade.csv"];

/// The last `k` cells of each line, and the line without them.
fn split_tail(line: &str, k: usize) -> (String, String) {
    let cells: Vec<&str> = line.split(',').collect();
    let cut = cells.len() - k;
    (cells[..cut].join(","), cells[cut..].join(","))
}

#[test]
fn statelevel_gains_one_column_per_state_covariate_empty_when_missing() {
    let dir = setup();
    let base = run_ok(dir.path(), &["export", "statelevel", "--years", "1950"]);
    let joined = run_ok(dir.path(), &["--state-covariates", "sy.csv", "export", "statelevel", "--years", "1950"]);
    let tails: Vec<(String, String)> = joined.lines().map(|l| split_tail(l, 2)).collect();
    // Without the two columns, every line is the table without covariates, byte for byte.
    let rest: Vec<&str> = tails.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(rest, base.lines().collect::<Vec<_>>());
    let tails: Vec<&str> = tails.iter().map(|t| t.1.as_str()).collect();
    // USA, UKG (polity empty), FRN (no row: both empty), RUS.
    assert_eq!(tails, ["cinc,polity", "0.3,10", "0.1,", ",", "0.2,-7"]);
    let json = run_ok(
        dir.path(),
        &["--state-covariates", "sy.csv", "export", "statelevel", "--years", "1950", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v[1]["cinc"], 0.1);
    assert!(v[1]["polity"].is_null() && v[2]["cinc"].is_null());
    assert_eq!(v[0]["polity"], 10);
}

#[test]
fn dyadyears_gain_both_sides_state_covariates_and_the_dyad_covariates() {
    let dir = setup();
    let mut args = COVARIATES.to_vec();
    args.extend(["export", "dyadyears", "--years", "1950", "--all-dyads"]);
    let joined = run_ok(dir.path(), &args);
    let base = run_ok(dir.path(), &["export", "dyadyears", "--years", "1950", "--all-dyads"]);
    let tails: BTreeMap<String, String> = joined
        .lines()
        .map(|l| split_tail(l, 6))
        .map(|(rest, tail)| (rest.split(',').take(2).collect::<Vec<_>>().join(","), tail))
        .collect();
    let rest: Vec<String> = joined.lines().map(|l| split_tail(l, 6).0).collect();
    assert_eq!(rest, base.lines().collect::<Vec<_>>());
    assert_eq!(tails["ccode1,ccode2"], "cinc1,cinc2,polity1,polity2,contiguity,trade");
    // Directed rows: ccode1's covariates first; undirected dyad covariates in both directions;
    // a dyad absent from a dyad file is 0.
    assert_eq!(tails["2,200"], "0.3,0.1,10,,0,5.5");
    assert_eq!(tails["200,2"], "0.1,0.3,,10,0,5.5");
    assert_eq!(tails["200,220"], "0.1,,,,1,0");
    assert_eq!(tails["220,200"], ",0.1,,,1,0");
    assert_eq!(tails["365,2"], "0.2,0.3,-7,10,0,0");
    // --directed-covariates: a row a,b gives a → b only.
    let mut args = COVARIATES.to_vec();
    args.extend(["--directed-covariates", "export", "dyadyears", "--years", "1950", "--all-dyads"]);
    let directed = run_ok(dir.path(), &args);
    let trade: BTreeMap<String, String> = directed
        .lines()
        .map(|l| (l.split(',').take(2).collect::<Vec<_>>().join(","), l.rsplit(',').next().unwrap_or("").to_string()))
        .collect();
    assert_eq!((trade["2,200"].as_str(), trade["200,2"].as_str(), trade["200,220"].as_str()), ("5.5", "0", "0"));
    // Undirected rows (ccode1 < ccode2) of allied dyads only.
    let mut args = COVARIATES.to_vec();
    args.extend(["export", "dyadyears", "--years", "1950..1951", "--undirected"]);
    let undirected = run_ok(dir.path(), &args);
    let lines: Vec<&str> = undirected.lines().skip(1).collect();
    assert_eq!(lines, ["2,200,1950,1,0,0,0,0,1,0.3,0.1,10,,0,5.5", "2,200,1951,1,0,0,0,0,1,0.31,,10,,0,0"]);
}

#[test]
fn bad_covariate_files_are_located_errors_and_misplaced_flags_usage_errors() {
    let dir = setup();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).expect("write");
    write("bad.csv", "stateabb,year,cinc\nUSA,1950,0.3\nXYZ,1950,0.1\nFRN,1950,high\n");
    let o = pactnet(dir.path(), &with_inputs(&["--state-covariates", "bad.csv", "export", "statelevel"]));
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.csv:3: field stateabb = \"XYZ\": not a COW state abbreviation"), "{err}");
    assert!(err.contains("(and 1 more errors"), "{err}");
    // validate lists every problem of the covariate and network files, and fails.
    std::fs::write(dir.path().join("net.csv"), "year,ccode1,ccode2\n1950,2,2\n1950,2,200\n").expect("write");
    let o = pactnet(dir.path(), &with_inputs(&["--state-covariates", "bad.csv", "--network", "net.csv", "validate"]));
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    let problems: Vec<&str> = out.lines().filter(|l| l.starts_with("bad.csv:") || l.starts_with("net.csv:")).collect();
    assert_eq!(problems.len(), 3, "{out}");
    assert!(problems[1].starts_with("bad.csv:4: field cinc = \"high\": not a number"), "{out}");
    assert!(problems[2].starts_with("net.csv:2: field ccode2 = \"2\": a state other than the first"), "{out}");
    assert!(out.contains("\n3 errors, 2 valid member rows\n"), "{out}");
    // A command that reads the network fails on its first problem, located.
    let o = pactnet(dir.path(), &with_inputs(&["--network", "net.csv", "info"]));
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("net.csv:2: field ccode2 = \"2\": a state other than the first (a tie is two states)"),
        "{err}"
    );
    // --lenient skips the two rows, counted.
    let o = pactnet(
        dir.path(),
        &with_inputs(&["--lenient", "-v", "--state-covariates", "bad.csv", "export", "statelevel", "--years", "1950"]),
    );
    assert!(o.status.success(), "{}", show(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.csv: 2 invalid rows skipped (--lenient)"), "{}", show(&o));
    // A covariate named as a column of the table.
    write("clash.csv", "stateabb,partners\nUSA,1\n");
    let o = pactnet(dir.path(), &with_inputs(&["--state-covariates", "clash.csv", "export", "statelevel"]));
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(String::from_utf8_lossy(&o.stderr)
        .contains("covariate \"partners\" of clash.csv would be the column \"partners\""));
    // Usage errors (exit 2): flags a command does not read, and --directed-covariates alone.
    for args in [
        &["--directed-covariates", "export", "dyadyears"][..],
        &["--state-covariates", "sy.csv", "snapshot", "--year", "1950"],
        &["--state-covariates", "sy.csv", "export", "gexf"],
        &["--dyad-covariates", "contiguity.csv", "export", "statelevel"],
        &["--network", "contiguity.csv", "export", "dyadyears"],
    ] {
        let o = pactnet(dir.path(), &with_inputs(args));
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", show(&o));
    }
    // An output never replaces a covariate file.
    let o =
        pactnet(dir.path(), &with_inputs(&["--state-covariates", "sy.csv", "export", "statelevel", "-o", "sy.csv"]));
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(std::fs::read_to_string(dir.path().join("sy.csv")).unwrap().starts_with("stateabb,year,cinc,polity\n"));
}

#[test]
fn info_summarises_covariate_and_network_files() {
    let dir = setup();
    std::fs::write(
        dir.path().join("net.csv"),
        "year,ccode1,ccode2,weight\n1950,2,200,1\n1952,200,2,1\n1952,220,365,2\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("nodes.csv"), "ccode\n2\n200\n220\n365\n").expect("write");
    let mut args = COVARIATES.to_vec();
    args.extend(["--network", "net.csv", "--network-nodes", "nodes.csv", "info"]);
    let out = run_ok(dir.path(), &args);
    let lines: Vec<&str> = out.lines().filter(|l| l.contains(".csv (")).collect();
    assert_eq!(
        lines,
        [
            "state covariates:  sy.csv (cinc, polity; 4 state-years, 1950..1951)",
            "dyad covariates:   contiguity.csv (contiguity; 1 undirected dyads, every year)",
            "                   trade.csv (trade; 1 undirected dyad-years, 1950..1950)",
            "network file:      net.csv (3 years 1950..1952, 3 ties, weighted)",
            "nodes file:        nodes.csv (4 states in every year)",
        ]
    );
}

/// The real data's files, the covariates, and a scratch directory.
fn real() -> Option<(std::path::PathBuf, std::path::PathBuf)> {
    let data = real_data()?;
    Some((data, covariates_data()?))
}

/// Runs pactnet on ATOP 4.01 + COW 2016 with `args`.
fn run_real(data: &Path, args: &[String]) -> (String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut all = vec![
        "--members".to_string(),
        data.join("atop-4.01/atop4_01m.csv").display().to_string(),
        "--states".to_string(),
        data.join("cow/states2016.csv").display().to_string(),
    ];
    all.extend(args.iter().cloned());
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    let o = pactnet(dir.path(), &refs);
    assert!(o.status.success(), "{}", show(&o));
    (String::from_utf8(o.stdout).expect("UTF-8"), String::from_utf8_lossy(&o.stderr).into_owned())
}

/// COW abbreviation → code, read independently of pactnet.
fn cow_codes(data: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(data.join("cow/states2016.csv")).expect("states2016.csv");
    text.lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .map(|c| (c[0].to_string(), c[1].to_string()))
        .collect()
}

/// The rows of a plain CSV (no quoted fields), header dropped.
fn cells(text: &str) -> Vec<Vec<String>> {
    text.lines().skip(1).map(|l| l.split(',').map(str::to_string).collect()).collect()
}

#[test]
#[cfg_attr(
    not(pactnet_covariates),
    ignore = "real data or covariates not found (set PACTNET_DATA_DIR; default ../shared/data)"
)]
fn real_data_state_years_join_cinc_and_polity_of_every_node() {
    let Some((data, cov)) = real() else { return };
    let sy = cov.join("state_years.csv").display().to_string();
    let args = ["-v", "--state-covariates", &sy, "export", "statelevel", "--years", "1981..2000"].map(String::from);
    let (out, err) = run_real(&data, &args);
    let rows = cells(&out);
    let cinc_at = out.lines().next().unwrap().split(',').position(|c| c == "cinc").expect("cinc column");
    let find = |code: &str, year: &str| rows.iter().find(|r| r[0] == code && r[1] == year).expect("row");
    // Published values of the file (btergm's example data).
    assert_eq!(find("2", "1981")[cinc_at..], ["0.1392099", "10"]);
    assert_eq!(find("20", "1981")[cinc_at..], ["0.0118267", "10"]);
    assert_eq!(find("40", "1981")[cinc_at..], ["0.002955", "-7"]);
    // Every node's cells against an independent reading of the file: its values where it has
    // the state-year, empty where not.
    let codes = cow_codes(&data);
    let text = std::fs::read_to_string(cov.join("state_years.csv")).expect("state_years.csv");
    let file: BTreeMap<(String, String), (f64, f64)> = cells(&text)
        .into_iter()
        .map(|r| ((codes[&r[0]].clone(), r[1].clone()), (r[2].parse().unwrap(), r[3].parse().unwrap())))
        .collect();
    let mut joined = 0;
    for r in &rows {
        match file.get(&(r[0].clone(), r[1].clone())) {
            Some(&(cinc, polity)) => {
                assert_eq!(
                    (r[cinc_at].parse::<f64>().unwrap(), r[cinc_at + 1].parse::<f64>().unwrap()),
                    (cinc, polity)
                );
                joined += 1;
            }
            None => assert_eq!(r[cinc_at..], ["", ""], "{r:?}"),
        }
    }
    let nodes: BTreeSet<(String, String)> = rows.iter().map(|r| (r[0].clone(), r[1].clone())).collect();
    let unjoined = file.keys().filter(|k| !nodes.contains(*k)).count();
    assert_eq!(joined + unjoined, 164 * 20);
    assert!(joined > 2900, "{joined}");
    // The rows that no node takes are counted, not dropped silently.
    let warning = format!(
        "state_years.csv: {unjoined} rows of the covariates within the table's years name a state that is no node of the state-year table in their years, so not joined (29 states: GMY (255) Germany in 1981–1989;"
    );
    assert!(err.contains(&warning), "{err}");
}

#[test]
#[cfg_attr(
    not(pactnet_covariates),
    ignore = "real data or covariates not found (set PACTNET_DATA_DIR; default ../shared/data)"
)]
fn real_data_contiguity_and_wars_join_every_allied_dyad_year_in_both_directions() {
    let Some((data, cov)) = real() else { return };
    let path = |f: &str| cov.join(f).display().to_string();
    let war = format!("war={}", path("war_dyad_years.csv"));
    let args = [
        "--dyad-covariates",
        &path("contiguity.csv"),
        "--dyad-covariates",
        &war,
        "export",
        "dyadyears",
        "--years",
        "1981..2000",
    ]
    .map(String::from);
    let (out, _) = run_real(&data, &args);
    let header: Vec<&str> = out.lines().next().unwrap().split(',').collect();
    assert_eq!(header[header.len() - 2..], ["contiguity", "war"]);
    let rows = cells(&out);
    let codes = cow_codes(&data);
    let pairs = |f: &str, with_year: bool| -> BTreeSet<(String, String, String)> {
        let text = std::fs::read_to_string(cov.join(f)).expect("covariate file");
        cells(&text)
            .into_iter()
            .flat_map(|r| {
                let (a, b) = (codes[&r[0]].clone(), codes[&r[1]].clone());
                let y = if with_year { r[2].clone() } else { String::new() };
                [(a.clone(), b.clone(), y.clone()), (b, a, y)]
            })
            .collect()
    };
    let (contiguous, wars) = (pairs("contiguity.csv", false), pairs("war_dyad_years.csv", true));
    let n = header.len();
    for r in &rows {
        let listed = contiguous.contains(&(r[0].clone(), r[1].clone(), String::new()));
        assert_eq!(r[n - 2], if listed { "1" } else { "0" }, "{r:?}");
        let at_war = wars.contains(&(r[0].clone(), r[1].clone(), r[2].clone()));
        assert_eq!(r[n - 1], if at_war { "1" } else { "0" }, "{r:?}");
    }
    let get =
        |a: &str, b: &str| rows.iter().find(|r| r[0] == a && r[1] == b && r[2] == "1981").expect("allied in 1981");
    assert_eq!((get("2", "20")[n - 2].as_str(), get("20", "2")[n - 2].as_str()), ("1", "1"));
    assert_eq!(get("2", "200")[n - 2], "0");
    assert!(rows.iter().filter(|r| r[n - 2] == "1").count() > 1000);
}
