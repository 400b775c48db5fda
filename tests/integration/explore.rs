//! Issue 17: `pactnet explore` writes one self-contained page, checked in a real headless Chromium
//! driven through the DevTools protocol (`browser.py`): opened from a `file://` URL with a
//! fragment, its `#summary` and `#selected` must match pactnet's own `snapshot` for several years
//! and layers; moving the slider and changing the layer by script must update the summary and the
//! fragment; no console error, no request beyond the page itself. The drawing times are printed
//! (run with `--nocapture`), never asserted.

use crate::common::{pactnet, real_data, show};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Input flags of the full data, or nothing for the embedded sample.
fn input_flags(data: Option<&Path>) -> Vec<String> {
    match data {
        Some(d) => vec![
            "--members".into(),
            d.join("atop-4.01/atop4_01m.csv").display().to_string(),
            "--states".into(),
            d.join("cow/states2016.csv").display().to_string(),
        ],
        None => Vec::new(),
    }
}

fn run(dir: &Path, data: Option<&Path>, args: &[&str]) -> String {
    let mut all = input_flags(data);
    all.insert(0, "-q".into());
    all.extend(args.iter().map(|s| s.to_string()));
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    let o = pactnet(dir, &refs);
    assert!(o.status.success(), "{}", show(&o));
    String::from_utf8(o.stdout).unwrap()
}

/// pactnet's own view of (year, layer, state): the summary line and the partners' abbreviations
/// in COW-code order, from `pactnet snapshot`.
fn expected(dir: &Path, data: Option<&Path>, year: i32, layer: &str, state: &str) -> (String, String) {
    let y = year.to_string();
    let nodes = run(dir, data, &["snapshot", "--year", &y, "--layer", layer, "--nodes", "--format", "csv"]);
    let edges = run(dir, data, &["snapshot", "--year", &y, "--layer", layer, "--format", "csv"]);
    let abbr: BTreeMap<u32, String> = nodes
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].parse().unwrap(), if f[1].is_empty() { f[0].to_string() } else { f[1].to_string() })
        })
        .collect();
    let code = *abbr.iter().find(|(_, a)| a.as_str() == state).expect("the state is a node that year").0;
    let mut partners = Vec::new();
    let mut ties = 0;
    for l in edges.lines().skip(1) {
        let f: Vec<u32> = l.split(',').take(2).map(|x| x.parse().unwrap()).collect();
        ties += 1;
        if f[0] == code {
            partners.push(f[1]);
        } else if f[1] == code {
            partners.push(f[0]);
        }
    }
    partners.sort_unstable();
    let names: Vec<&str> = partners.iter().map(|c| abbr[c].as_str()).collect();
    (format!("{year} · {layer} · {} states · {ties} ties", abbr.len()), names.join(" "))
}

/// The Chromium binary (`.ci/run` installs Debian's `chromium`). The tests that need it are
/// ignored, with that reason, when the build found none; a Chromium that vanished since fails.
fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok_and(|o| o.status.success()));
    assert!(found.is_some(), "no chromium on this machine (apt-get install chromium), although the build found one");
    found
}

/// Runs `plan` (see browser.py) in headless Chromium; returns its JSON result.
fn browse(browser: &str, dir: &Path, plan: &serde_json::Value) -> serde_json::Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/integration/browser.py");
    let profile = tempfile::tempdir_in(dir).unwrap();
    let mut child = Command::new("python3")
        .arg(script)
        .arg(browser)
        .arg(profile.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), plan.to_string().as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "browser.py failed:\n{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// Summary, partners and URL fragment (read after 300 ms: the page updates the fragment at most
/// every 120 ms).
const READ: &str = "new Promise(ok => setTimeout(() => ok([document.getElementById('summary').textContent, \
                    document.getElementById('selected').textContent, location.hash]), 300))";

fn set_year(year: i32) -> String {
    format!(
        "(() => {{ const s = document.getElementById('year'); s.value = '{year}'; \
         s.dispatchEvent(new Event('input')); return {READ}; }})()"
    )
}

fn set_layer(layer: &str) -> String {
    format!(
        "(() => {{ const l = document.getElementById('layer'); \
         l.value = String([...l.options].findIndex(o => o.textContent === '{layer}')); \
         l.dispatchEvent(new Event('change')); return {READ}; }})()"
    )
}

/// Writes the page, checks the views `cases` (year, layer, state) and one scripted walk
/// (cases[0] → year of cases[1] → layer of cases[1]); returns the directory and the page.
fn check_page(data: Option<&Path>, cases: &[(i32, &str, &str)]) -> Option<(tempfile::TempDir, PathBuf)> {
    let browser = chromium()?;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    run(&dir, data, &["explore", "-o", "explore.html"]);
    let page = dir.join("explore.html");
    let url = |y: i32, l: &str, s: &str| format!("file://{}#year={y}&layer={l}&state={s}", page.display());
    let mut plan = Vec::new();
    let mut want = Vec::new();
    for &(y, l, s) in cases {
        plan.push(serde_json::json!({ "goto": url(y, l, s) }));
        plan.push(serde_json::json!({ "eval": READ }));
        let (summary, partners) = expected(&dir, data, y, l, s);
        want.push((summary, partners, format!("#year={y}&layer={l}&state={s}")));
    }
    // The scripted walk: from the first view, move the slider to the second case's year, then
    // choose its layer; the selection (first case's state) stays.
    let ((y0, l0, s0), (y1, l1, _)) = (cases[0], cases[1]);
    plan.push(serde_json::json!({ "goto": url(y0, l0, s0) }));
    plan.push(serde_json::json!({ "eval": set_year(y1) }));
    plan.push(serde_json::json!({ "eval": set_layer(l1) }));
    let (s, p) = expected(&dir, data, y1, l0, s0);
    want.push((s, p, format!("#year={y1}&layer={l0}&state={s0}")));
    let (s, p) = expected(&dir, data, y1, l1, s0);
    want.push((s, p, format!("#year={y1}&layer={l1}&state={s0}")));
    // Search by name: "France" selects FRN.
    plan.push(serde_json::json!({ "eval":
        "(() => { const s = document.getElementById('search'); s.value = 'France';
          s.dispatchEvent(new Event('change'));
          return new Promise(ok => setTimeout(() =>
            ok([document.getElementById('selected-name').textContent, location.hash]), 300)); })()" }));
    // Play steps through the years (one every 450 ms) until pressed again.
    plan.push(serde_json::json!({ "eval":
        "(() => { const s = document.getElementById('year'), before = +s.value;
          document.getElementById('play').click();
          return new Promise(ok => setTimeout(() => { document.getElementById('play').click();
            ok([before, +s.value]); }, 2000)); })()" }));
    // Timings: first drawing, and a redraw for every year (slider moved by script).
    plan.push(serde_json::json!({ "eval": "window.pactnet.timings.firstDraw" }));
    plan.push(serde_json::json!({ "eval":
        "(() => { const s = document.getElementById('year'), t = [];
          for (let y = +s.min; y <= +s.max; y++) {
            const t0 = performance.now(); s.value = String(y); s.dispatchEvent(new Event('input'));
            t.push(performance.now() - t0); }
          return t; })()" }));
    // Year changes up to the next painted frame (two animation frames later), for 20 years.
    plan.push(serde_json::json!({ "eval":
        "(async () => { const s = document.getElementById('year'), t = [];
          const frame = () => new Promise(ok => requestAnimationFrame(() => requestAnimationFrame(ok)));
          for (let y = +s.max - 19; y <= +s.max; y++) {
            await frame(); const t0 = performance.now();
            s.value = String(y); s.dispatchEvent(new Event('input'));
            await frame(); t.push(performance.now() - t0); }
          return t; })()" }));
    let result = browse(browser, &dir, &serde_json::Value::Array(plan));
    let values = result["values"].as_array().unwrap();
    for (i, (summary, partners, hash)) in want.iter().enumerate() {
        let got = &values[i];
        assert_eq!(
            (got[0].as_str().unwrap(), got[1].as_str().unwrap(), got[2].as_str().unwrap()),
            (summary.as_str(), partners.as_str(), hash.as_str()),
            "view {i} differs from pactnet's snapshot"
        );
    }
    assert_eq!(result["console"].as_array().unwrap().len(), 0, "console: {}", result["console"]);
    let page_url = format!("file://{}", page.display());
    let requests: Vec<&str> = result["requests"].as_array().unwrap().iter().filter_map(|r| r.as_str()).collect();
    assert!(requests.iter().all(|r| *r == page_url), "the page made a request: {requests:?}");
    assert!(!requests.is_empty(), "the page was not loaded from {page_url}");
    let found = &values[want.len()];
    assert!(found[0].as_str().unwrap().starts_with("France (FRN, 220)"), "search for France: {found}");
    assert!(found[1].as_str().unwrap().ends_with("&state=FRN"), "search for France: {found}");
    let played = &values[want.len() + 1];
    assert!(played[1].as_i64() > played[0].as_i64(), "play did not advance the year: {played}");
    let first = values[want.len() + 2].as_f64().unwrap();
    let mut redraws: Vec<f64> =
        values[want.len() + 3].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    redraws.sort_by(f64::total_cmp);
    let mut frames: Vec<f64> = values[want.len() + 4].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    frames.sort_by(f64::total_cmp);
    let size = std::fs::metadata(&page).unwrap().len();
    eprintln!(
        "explore page ({}): {} bytes; first drawing {first:.0} ms after navigation start; \
         year change over {} years: median {:.1} ms, 90th percentile {:.1} ms, max {:.1} ms; \
         to the second frame after it, over the last 20 years: median {:.1} ms, max {:.1} ms",
        if data.is_some() { "full data" } else { "sample" },
        size,
        redraws.len(),
        redraws[redraws.len() / 2],
        redraws[redraws.len() * 9 / 10],
        redraws[redraws.len() - 1],
        frames[frames.len() / 2],
        frames[frames.len() - 1]
    );
    Some((tmp, page))
}

#[test]
#[cfg_attr(not(pactnet_chromium), ignore = "no chromium on this machine (apt-get install chromium)")]
fn issue17_explore_page_matches_the_snapshots_of_the_sample_in_chromium() {
    check_page(None, &[(1914, "defense", "FRN"), (1955, "any", "USA"), (1939, "nonaggression", "GMY")]);
}

#[test]
#[cfg_attr(
    not(all(pactnet_real_data, pactnet_chromium)),
    ignore = "needs the real data (PACTNET_DATA_DIR) and chromium (apt-get install chromium)"
)]
fn issue17_explore_page_matches_the_snapshots_of_the_full_data_in_chromium() {
    let Some(data) = real_data() else { return };
    let cases =
        [(1914, "defense", "FRN"), (1962, "any", "RUS"), (1939, "nonaggression", "GMY"), (2000, "consultation", "USA")];
    let Some((_dir, page)) = check_page(Some(&data), &cases) else { return };
    let size = std::fs::metadata(page).unwrap().len();
    assert!(size <= 2 * 1024 * 1024, "the full-data page is {size} bytes, more than 2 MB");
}

#[test]
fn issue17_explore_page_is_self_contained_and_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    for threads in ["1", "2"] {
        let o = Command::new(env!("CARGO_BIN_EXE_pactnet"))
            .args(["-q", "explore", "--years", "1900..1950", "-o", &format!("e{threads}.html")])
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", show(&o));
    }
    let a = std::fs::read_to_string(dir.path().join("e1.html")).unwrap();
    assert!(a == std::fs::read_to_string(dir.path().join("e2.html")).unwrap(), "output depends on the thread count");
    for external in ["http://", "https://", "src=", "href=", "@import", "url("] {
        assert!(!a.contains(external), "the page refers to something outside it: {external}");
    }
    assert!(a.contains("\"first\":1900,\"last\":1950"), "the years were not applied");
    assert!(a.contains("<title>Alliance network 1900–1950 · pactnet explore</title>"));
    let o = pactnet(dir.path(), &["explore", "--years", "1700..1750", "-o", "x.html"]);
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("1700"), "{}", show(&o));
    assert!(!dir.path().join("x.html").exists());
    let o = pactnet(dir.path(), &["explore"]);
    assert_eq!(o.status.code(), Some(2), "no -o is a usage error: {}", show(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--output"), "{}", show(&o));
}

/// Issue 24: the page's search resolves every COW code, abbreviation, name and alias of the
/// sample's state list as the CLI's resolver (`StateIndex::lookup`) does ("UK" is Britain, not
/// Ukraine); a failed search clears the selection and says why, with the CLI's suggestions; a
/// bad fragment is named instead of silently opening the first year; end dates are exclusive.
#[test]
fn issue24_explore_search_is_the_clis_resolver_and_bad_links_are_named() {
    let Some(browser) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    run(dir, None, &["explore", "-o", "explore.html"]);
    let page = dir.join("explore.html");
    let (data, _) = pactnet::Dataset::load(&pactnet::Inputs::sample(), &pactnet::LoadOptions::default()).unwrap();
    let states = &data.states;
    let mut queries: Vec<String> = Vec::new();
    for s in states.states() {
        queries.push(s.id.0.to_string());
        queries.push(s.abbr.clone());
        queries.push(s.abbr.to_lowercase());
        queries.push(s.name.clone());
        queries.push(format!("  {}  ", s.name.to_uppercase()));
    }
    for &(alias, _) in pactnet::model::state::STATE_ALIASES {
        queries.push(alias.to_string());
        queries.push(alias.to_lowercase());
    }
    queries.extend(
        ["UK", "Britain", "USSR", "Soviet Union", "Prussia", "Persia", "Ukr", "Frnace", "", "99999"].map(String::from),
    );
    let want: Vec<i64> =
        queries.iter().map(|q| states.lookup(q).map_or(-1, |v| i64::from(states.state(v).id.0))).collect();
    let list = serde_json::to_string(&queries).unwrap();
    let url = format!("file://{}", page.display());
    let plan = serde_json::json!([
        { "goto": format!("{url}#year=1914&layer=any&state=UKG") },
        { "eval": format!("{list}.map(q => {{ const v = window.pactnet.findState(q); \
            return v < 0 ? -1 : JSON.parse(document.getElementById('pactnet-data').textContent).states[v][0]; }})") },
        // A failed search: the selection is cleared and the message says why.
        { "eval": "(() => { const s = document.getElementById('search'); s.value = 'Frence';
            s.dispatchEvent(new Event('change'));
            return new Promise(ok => setTimeout(() => ok([document.getElementById('selected-name').textContent,
              document.getElementById('search-msg').textContent, location.hash]), 300)); })()" },
        { "goto": format!("{url}#year=1700&layer=foo") },
        { "eval": "new Promise(ok => setTimeout(() => ok([document.getElementById('search-msg').textContent,
            document.getElementById('dates-note').textContent]), 300))" },
    ]);
    let result = browse(browser, dir, &plan);
    let values = result["values"].as_array().unwrap();
    let got: Vec<i64> = values[0].as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect();
    for ((q, w), g) in queries.iter().zip(&want).zip(&got) {
        assert_eq!(g, w, "page and CLI resolve {q:?} differently");
    }
    let uk = queries.iter().position(|q| q == "UK").unwrap();
    assert_eq!(got[uk], 200, "UK is the United Kingdom");
    let failed = &values[1];
    assert_eq!(failed[0].as_str().unwrap(), "No state selected", "{failed}");
    // The CLI's suggestions, in its order.
    let suggested = states.suggestions("Frence");
    assert!(suggested.iter().any(|s| s == "FRN (220) France"), "{suggested:?}");
    let message = format!("no state matches \"Frence\"; did you mean {}?", suggested.join(", "));
    assert_eq!(failed[1].as_str().unwrap(), message, "{failed}");
    assert!(!failed[2].as_str().unwrap().contains("state="), "{failed}");
    let bad = values[2][0].as_str().unwrap();
    assert!(bad.contains("year \"1700\" is not in") && bad.contains("layer \"foo\" is not one of any"), "{bad}");
    assert!(values[2][1].as_str().unwrap().contains("the end day excluded"), "{}", values[2]);
    assert_eq!(result["console"].as_array().unwrap().len(), 0, "console: {}", result["console"]);
}
