//! The report: every file it promises, links that resolve, foreign files kept, and the page
//! checked in a real headless browser (Chromium): no console errors, every picture displayed.

use crate::common::{pactnet, show};
use std::path::Path;

#[test]
fn the_report_holds_every_file_its_page_links_and_keeps_foreign_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("rep")).unwrap();
    std::fs::write(dir.path().join("rep/notes.txt"), "mine").unwrap();
    let o = pactnet(
        dir.path(),
        &["-q", "report", "--years", "1900..1960", "--width", "800", "--height", "600", "-o", "rep"],
    );
    assert!(o.status.success(), "{}", show(&o));
    let rep = dir.path().join("rep");
    assert_eq!(std::fs::read_to_string(rep.join("notes.txt")).unwrap(), "mine", "a foreign file was touched");
    let page = std::fs::read_to_string(rep.join("index.html")).unwrap();
    let mut linked = Vec::new();
    for attr in ["src=\"", "href=\""] {
        for part in page.split(attr).skip(1) {
            linked.push(part.split('"').next().unwrap().to_string());
        }
    }
    // 3 series + the network years in 1900..1960 (1914, 1939, 1955), each drawn twice (layer any
    // by region, defense by bloc: issue 11) + 5 CSV files (linked twice).
    let pictures: Vec<&String> = linked.iter().filter(|l| l.ends_with(".png")).collect();
    assert_eq!(pictures.len(), 9, "{pictures:?}");
    assert!(pictures.iter().any(|p| *p == "network-1955-defense.png"), "{pictures:?}");
    for l in &linked {
        assert!(rep.join(l).is_file(), "index.html links {l}, which is missing");
        assert!(!l.contains("://"), "{l}: the page must not reach the network");
    }
    for f in ["graph_metrics.csv", "node_metrics.csv", "blocs.csv", "blocs_summary.csv", "closure.csv"] {
        assert!(linked.iter().any(|l| l == f), "{f} is not linked");
    }
    let graph = std::fs::read_to_string(rep.join("graph_metrics.csv")).unwrap();
    assert_eq!(graph.lines().count(), 1 + 61 * 6);
    assert!(page.contains("<h1>Alliance network 1900–1960</h1>"), "{page}");
}

/// The report's explore page is `pactnet explore`'s for the same years (the report computes the
/// layout and blocs once for its pictures and the page), byte for byte.
#[test]
fn the_reports_explore_page_is_the_explore_commands() {
    let dir = tempfile::tempdir().unwrap();
    let o = pactnet(dir.path(), &["-q", "report", "--years", "1900..1960", "--network-years", "1914", "-o", "rep"]);
    assert!(o.status.success(), "{}", show(&o));
    let o = pactnet(dir.path(), &["-q", "explore", "--years", "1900..1960", "-o", "explore.html"]);
    assert!(o.status.success(), "{}", show(&o));
    let report = std::fs::read(dir.path().join("rep/explore.html")).unwrap();
    let explore = std::fs::read(dir.path().join("explore.html")).unwrap();
    assert!(report.len() > 10_000, "{} bytes", report.len());
    assert!(report == explore, "the report's explore.html differs from `pactnet explore`'s");
}

/// The Chromium binary, if installed (`.ci/run` installs Debian's `chromium`).
fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| std::process::Command::new(b).arg("--version").output().is_ok_and(|o| o.status.success()))
}

#[test]
#[cfg_attr(not(pactnet_chromium), ignore = "no chromium on this machine (apt-get install chromium)")]
fn the_report_page_loads_in_a_headless_browser_with_every_picture() {
    let browser =
        chromium().expect("chromium (apt-get install chromium): the test is ignored when the build finds none");
    let dir = tempfile::tempdir().unwrap();
    let o = pactnet(
        dir.path(),
        &["-q", "report", "--years", "1910..1920", "--width", "800", "--height", "600", "-o", "rep"],
    );
    assert!(o.status.success(), "{}", show(&o));
    let page = dir.path().join("rep/index.html");
    let profile = dir.path().join("profile");
    let o = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&o.stdout);
    let log = String::from_utf8_lossy(&o.stderr);
    // 3 series and 1914 twice (any, defense; the only default network year in 1910..1920).
    assert!(dom.contains("data-images=\"5/5\""), "not every picture was displayed:\n{dom}\n{log}");
    let console: Vec<&str> = log.lines().filter(|l| l.contains("CONSOLE") || l.contains("Uncaught")).collect();
    assert!(console.is_empty(), "console messages: {console:?}");
    assert!(Path::new(&page).is_file());
}
