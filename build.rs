//! Finds out whether the real data is there for the real-data tests: sets `cfg(pactnet_real_data)`
//! when `PACTNET_DATA_DIR` (default `../shared/data`) holds the ATOP member file and the COW list,
//! or when `CI=true` (there the tests must run, and fail with a clear message if the data is
//! absent). Without it the real-data tests are `#[ignore]`d, so `cargo test`'s summary counts them.

use std::path::PathBuf;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(pactnet_real_data)");
    println!("cargo::rustc-check-cfg=cfg(pactnet_atop_sy)");
    println!("cargo::rustc-check-cfg=cfg(pactnet_covariates)");
    println!("cargo::rustc-check-cfg=cfg(pactnet_chromium)");
    println!("cargo::rustc-check-cfg=cfg(pactnet_root)");
    println!("cargo::rustc-check-cfg=cfg(pactnet_networkx)");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=PACTNET_DATA_DIR");
    println!("cargo::rerun-if-env-changed=CI");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = std::env::var_os("PACTNET_DATA_DIR").map_or_else(|| manifest.join("../shared/data"), PathBuf::from);
    let files = [
        dir.join("atop-4.01/atop4_01m.csv"),
        dir.join("cow/states2016.csv"),
        dir.join("atop-5.1/atop5_1m.csv"),
        dir.join("reference/atop5_1_directed_dyad_years.csv"),
    ];
    // The data directory, when it exists, is watched (files arriving or changing rerun this
    // script); a directory that does not exist yet is not (set PACTNET_DATA_DIR to recheck).
    if dir.is_dir() {
        println!("cargo::rerun-if-changed={}", dir.display());
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    if ci || files.iter().all(|f| f.is_file()) {
        println!("cargo::rustc-cfg=pactnet_real_data");
    }
    // The covariates of btergm's alliance example (issue 22), beside the ATOP files: their tests
    // run with the real data and, like them, must run under CI.
    let covariates = dir.join("covariates-1981-2000");
    let covariate_files = ["state_years.csv", "contiguity.csv", "war_dyad_years.csv"];
    if ci || (files.iter().all(|f| f.is_file()) && covariate_files.iter().all(|f| covariates.join(f).is_file())) {
        println!("cargo::rustc-cfg=pactnet_covariates");
    }
    // Chromium for the page tests (tests/integration/explore.rs, report.rs, adversarial.rs):
    // without it (and outside CI, which installs it) they are ignored with that reason.
    let on_path = |name: &str| {
        std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(name).is_file()))
    };
    if ci || ["chromium", "chromium-browser", "google-chrome"].iter().any(|b| on_path(b)) {
        println!("cargo::rustc-cfg=pactnet_chromium");
    }
    // python3 with networkx and numpy, for the tests that compare with them (research.rs,
    // export.rs); without them (and outside CI) those tests are ignored with that reason.
    let networkx = std::process::Command::new("python3")
        .args(["-c", "import networkx, numpy"])
        .output()
        .is_ok_and(|o| o.status.success());
    if ci || networkx {
        println!("cargo::rustc-cfg=pactnet_networkx");
    }
    // Root, with setpriv, can run a command as an unprivileged user (the permission tests of
    // tests/integration/adversarial.rs); otherwise those tests are ignored with that reason.
    let root = std::fs::read_to_string("/proc/self/status")
        .is_ok_and(|s| s.lines().any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(2) == Some("0")));
    if root && on_path("setpriv") {
        println!("cargo::rustc-cfg=pactnet_root");
    }
    // ATOP 5.1's state-year file is an optional reference (not yet among the shared data): its
    // test runs when the file is there and is ignored, with its reason, when not.
    if dir.join("reference/atop5_1sy.csv").is_file() {
        println!("cargo::rustc-cfg=pactnet_atop_sy");
    }
}
