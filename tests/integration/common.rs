//! Shared helpers: running the binary, temporary inputs, locating the real data.

use std::path::{Path, PathBuf};
use std::process::Output;

/// Runs `pactnet` with `args` in `dir`.
pub fn pactnet(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_pactnet"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the pactnet binary runs")
}

/// Stdout and stderr of a run, for assertion messages.
pub fn show(o: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Asserts `actual == expected`, printing both in full on mismatch.
pub fn assert_text(actual: &str, expected: &str) {
    assert!(actual == expected, "output differs\n--- expected\n{expected}\n--- actual\n{actual}\n---");
}

/// The real data directory, or `None` (with the reason on stderr) when it is absent.
/// Under `CI=true` its absence fails the test.
pub fn real_data() -> Option<PathBuf> {
    let dir = std::env::var_os("PACTNET_DATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    let files = [
        dir.join("atop-4.01/atop4_01m.csv"),
        dir.join("cow/states2016.csv"),
        dir.join("atop-5.1/atop5_1m.csv"),
        dir.join("reference/atop5_1_directed_dyad_years.csv"),
    ];
    if files.iter().all(|f| f.is_file()) {
        return Some(dir);
    }
    let missing: Vec<String> = files.iter().filter(|f| !f.is_file()).map(|f| f.display().to_string()).collect();
    let why = format!("real data not found: expected {} (set PACTNET_DATA_DIR)", missing.join(", "));
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{why}; CI=true requires it");
    }
    eprintln!("skipped: {why}");
    None
}

/// The covariates of btergm's alliance example (`covariates-1981-2000/` of the real data), or
/// `None` (with the reason on stderr) when absent; under `CI=true` their absence fails the test.
pub fn covariates_data() -> Option<PathBuf> {
    let dir = real_data()?.join("covariates-1981-2000");
    let files = ["state_years.csv", "contiguity.csv", "war_dyad_years.csv"].map(|f| dir.join(f));
    if files.iter().all(|f| f.is_file()) {
        return Some(dir);
    }
    let why = format!("covariates not found in {} (set PACTNET_DATA_DIR)", dir.display());
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{why}; CI=true requires them");
    }
    eprintln!("skipped: {why}");
    None
}

/// A header line with every member column pactnet reads.
pub const MEMBER_HEADER: &str =
    "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul";

/// A small COW list: USA, UKG, FRN, RUS through 2016.
pub const STATES: &str = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version
USA,2,United States of America,1816,1,1,2016,12,31,2016
UKG,200,United Kingdom,1816,1,1,2016,12,31,2016
FRN,220,France,1816,1,1,2016,12,31,2016
RUS,365,Russia,1816,1,1,2016,12,31,2016
";

/// A temporary directory holding `states.csv` and `members.csv` (= `MEMBER_HEADER` + `rows`).
pub fn inputs(rows: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("states.csv"), STATES).expect("write states");
    std::fs::write(dir.path().join("members.csv"), format!("{MEMBER_HEADER}\n{rows}")).expect("write members");
    dir
}

/// `--members members.csv --states states.csv` followed by `args`.
pub fn with_inputs<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec!["--members", "members.csv", "--states", "states.csv"];
    v.extend_from_slice(args);
    v
}
