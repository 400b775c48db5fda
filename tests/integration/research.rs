//! Issue 15: assortativity, separation, reach, durations and windows, on hand-made cases through
//! the command line and on the real ATOP 4.01 data against independent Python computations
//! (networkx on the anchors' snapshots, `../shared/anchors/atop_common.py`).

use crate::common::{assert_text, pactnet, real_data, show, MEMBER_HEADER};
use pactnet::analysis::{self, GraphMetric, MetricRequest};
use pactnet::io::table::{write_table, OutputFormat, Table};
use pactnet::io::Source;
use pactnet::{AllianceGraph, Dataset, Inputs, Layer, LoadOptions, SystemFilter, Timeline};
use std::path::{Path, PathBuf};

fn load(dir: &Path) -> (AllianceGraph, Timeline) {
    let inputs = Inputs {
        members: Source::File(dir.join("atop-4.01/atop4_01m.csv")),
        states: Source::File(dir.join("cow/states2016.csv")),
        alliances: None,
    };
    let (data, mut diag) = Dataset::load(&inputs, &LoadOptions::default()).expect("ATOP 4.01 loads");
    let graph = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
    let timeline = Timeline::new(&graph);
    (graph, timeline)
}

fn csv(t: &dyn Table) -> String {
    let mut out = Vec::new();
    write_table(t, OutputFormat::Csv, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Runs a Python `script` with the anchors directory, the member file and the state list as
/// arguments 1..=3; `None` (the reason on stderr) without python3, networkx or numpy, which
/// fails under `CI=true`.
fn python(dir: &Path, script: &str, extra: &[&str]) -> Option<String> {
    let anchors: PathBuf = std::env::var_os("PACTNET_ANCHORS_DIR").map_or_else(|| dir.join("../anchors"), Into::into);
    let o = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&anchors)
        .arg(dir.join("atop-4.01/atop4_01m.csv"))
        .arg(dir.join("cow/states2016.csv"))
        .args(extra)
        .output();
    match o {
        Ok(o) if o.status.success() => Some(String::from_utf8(o.stdout).unwrap()),
        other => {
            let why = format!("python3 with networkx, numpy and {} is needed: {other:?}", anchors.display());
            assert!(std::env::var("CI").map_or(true, |v| v != "true"), "{why}");
            eprintln!("skipped: {why}");
            None
        }
    }
}

/// Compares two CSV texts line by line: equal cells, or floats within `tol`.
fn assert_csv_close(actual: &str, expected: &str, tol: f64) {
    let (a, e): (Vec<&str>, Vec<&str>) = (actual.lines().collect(), expected.lines().collect());
    assert_eq!(a.len(), e.len(), "line counts differ");
    for (x, y) in a.iter().zip(&e) {
        let ok = x.split(',').count() == y.split(',').count()
            && x.split(',').zip(y.split(',')).all(|(p, q)| {
                p == q || matches!((p.parse::<f64>(), q.parse::<f64>()), (Ok(u), Ok(v)) if (u - v).abs() <= tol)
            });
        assert!(ok, "row differs\n--- expected (independent)\n{y}\n--- actual\n{x}");
    }
}

const ASSORTATIVITY: &str = r#"
import sys, math, warnings
warnings.simplefilter("ignore")
sys.path.insert(0, sys.argv[1])
import atop_common as c
import networkx as nx
def region(x):
    for lo, hi, r in [(2, 165, 0), (200, 399, 1), (400, 626, 2), (630, 698, 3), (700, 899, 4), (900, 999, 5)]:
        if lo <= x <= hi:
            return r
    return 6
d = c.Data(sys.argv[2], sys.argv[3], filt="cow", rule="any")
for s in d.snapshots():
    G = nx.Graph(); G.add_nodes_from(s.nodes); G.add_edges_from((a, b) for a, b, w in s.wedges)
    nx.set_node_attributes(G, {v: region(v) for v in s.nodes}, "region")
    f = lambda x: "" if math.isnan(x) else repr(x)
    print("%d,%s,%s,%s" % (s.year, s.layer, f(nx.degree_assortativity_coefficient(G)),
                           f(nx.attribute_assortativity_coefficient(G, "region"))))
"#;

/// Degree and region assortativity of all 1,206 snapshots equal networkx's (1e-9), empty
/// exactly where networkx gives NaN.
#[test]
#[cfg_attr(
    not(all(pactnet_real_data, pactnet_networkx)),
    ignore = "needs the real data (PACTNET_DATA_DIR) and python3 with networkx and numpy"
)]
fn issue_15_assortativity_matches_networkx_on_every_snapshot() {
    let Some(dir) = real_data() else { return };
    let Some(expected) = python(&dir, ASSORTATIVITY, &[]) else { return };
    let (graph, timeline) = load(&dir);
    let request = MetricRequest {
        layers: Layer::ALL.to_vec(),
        graph_metrics: vec![GraphMetric::DegreeAssortativity, GraphMetric::RegionAssortativity],
        ..Default::default()
    };
    let tables = analysis::run(&graph, &timeline, &request).unwrap();
    let ours = csv(&tables.graph_table());
    let body: String = ours.lines().skip(1).map(|l| format!("{l}\n")).collect();
    assert_eq!(body.lines().count(), 1206);
    assert_csv_close(&body, &expected, 1e-9);
    // Some snapshots have no edge (empty cells) and both signs occur.
    assert!(body.lines().any(|l| l.ends_with(",,")));
    assert!(body.lines().any(|l| l.contains(",-0.")));
}

/// Six states: USA, CAN, UKG, FRN, RUS, CHN.
const STATES6: &str = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version
USA,2,United States of America,1816,1,1,2016,12,31,2016
CAN,20,Canada,1920,1,10,2016,12,31,2016
UKG,200,United Kingdom,1816,1,1,2016,12,31,2016
FRN,220,France,1816,1,1,2016,12,31,2016
RUS,365,Russia,1816,1,1,2016,12,31,2016
CHN,710,China,1816,1,1,2016,12,31,2016
";

/// 1950: a path USA–UKG–FRN–RUS of bilateral defense pacts (2001..2003).
/// 1960: a star around UKG (2004..2007: UKG with USA, CAN, FRN, RUS). CHN always isolated.
/// 1970: a two-alliance chain of one-sided pledges: in 2008 USA pledges defense to UKG, in 2009
/// UKG pledges defense to FRN (the partners pledge only consultation).
const HAND: &str = "2001,2,1950,1,1,1951,1,1,0,1,0,0,0,0
2001,200,1950,1,1,1951,1,1,0,1,0,0,0,0
2002,200,1950,1,1,1951,1,1,0,1,0,0,0,0
2002,220,1950,1,1,1951,1,1,0,1,0,0,0,0
2003,220,1950,1,1,1951,1,1,0,1,0,0,0,0
2003,365,1950,1,1,1951,1,1,0,1,0,0,0,0
2004,200,1960,1,1,1961,1,1,0,1,0,0,0,0
2004,2,1960,1,1,1961,1,1,0,1,0,0,0,0
2005,200,1960,1,1,1961,1,1,0,1,0,0,0,0
2005,20,1960,1,1,1961,1,1,0,1,0,0,0,0
2006,200,1960,1,1,1961,1,1,0,1,0,0,0,0
2006,220,1960,1,1,1961,1,1,0,1,0,0,0,0
2007,200,1960,1,1,1961,1,1,0,1,0,0,0,0
2007,365,1960,1,1,1961,1,1,0,1,0,0,0,0
2008,2,1970,1,1,1971,1,1,0,1,0,0,0,0
2008,200,1970,1,1,1971,1,1,0,0,0,0,0,1
2009,200,1970,1,1,1971,1,1,0,1,0,0,0,0
2009,220,1970,1,1,1971,1,1,0,0,0,0,0,1
";

/// A temporary directory with `states.csv` (six states) and `members.csv` (`HAND`).
fn hand_inputs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("states.csv"), STATES6).expect("write states");
    std::fs::write(dir.path().join("members.csv"), format!("{MEMBER_HEADER}\n{HAND}")).expect("write members");
    dir
}

/// Runs pactnet on the hand-made inputs with `args`, CSV to stdout; asserts success.
fn run_hand(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["--members", "members.csv", "--states", "states.csv", "-q"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "csv"]);
    let o = pactnet(dir, &all);
    assert!(o.status.success(), "{}", show(&o));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn issue_15_separation_on_a_path_a_star_and_a_chain() {
    let dir = hand_inputs();
    // Path USA–UKG–FRN–RUS plus CAN (not yet... in the system since 1920) and CHN isolated: N = 6,
    // 15 pairs; distance 1: 3 pairs, 2: USA–FRN and UKG–RUS, 3: USA–RUS, unreachable 15 − 6 = 9.
    let out = run_hand(dir.path(), &["separation", "--years", "1950", "--summary"]);
    assert_text(
        &out,
        "year,layer,distance,dyads,share\n1950,any,1,3,0.2\n1950,any,2,2,0.13333333333333333\n\
         1950,any,3,1,0.06666666666666667\n1950,any,unreachable,9,0.6\n",
    );
    // Star around UKG: 4 spokes, C(4,2) = 6 leaf pairs at 2, CHN's 5 pairs unreachable.
    let out = run_hand(dir.path(), &["separation", "--years", "1960", "--summary", "--layer", "defense"]);
    assert_text(
        &out,
        "year,layer,distance,dyads,share\n1960,defense,1,4,0.26666666666666666\n1960,defense,2,6,0.4\n\
         1960,defense,unreachable,5,0.3333333333333333\n",
    );
    // The pairs of the path year, a < b, and a chosen dyad in both orders and both years.
    let out = run_hand(dir.path(), &["separation", "--years", "1950"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1 + 15);
    assert_eq!(lines[1..4], ["1950,any,2,20,", "1950,any,2,200,1", "1950,any,2,220,2"]);
    assert!(lines.contains(&"1950,any,2,365,3") && lines.contains(&"1950,any,365,710,"));
    let out = run_hand(dir.path(), &["separation", "--years", "1950..1951", "--dyads", "RUS,USA", "220,2"]);
    assert_text(
        &out,
        "year,layer,a,b,distance\n1950,any,2,220,2\n1950,any,2,365,3\n1951,any,2,220,\n1951,any,2,365,\n",
    );
    // The chain year: USA–UKG–FRN in the undirected view, and JSON output.
    let o = pactnet(
        dir.path(),
        &[
            "--members",
            "members.csv",
            "--states",
            "states.csv",
            "-q",
            "separation",
            "--years",
            "1970",
            "--dyads",
            "USA,FRN",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v, serde_json::json!([{"year": 1970, "layer": "any", "a": 2, "b": 220, "distance": 2}]));
    // Bad dyads are usage errors with the value.
    let o =
        pactnet(dir.path(), &["--members", "members.csv", "--states", "states.csv", "separation", "--dyads", "USA"]);
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--dyads \"USA\": expected A,B"), "{}", show(&o));
}

const SEPARATION: &str = r#"
import sys, collections
sys.path.insert(0, sys.argv[1])
import atop_common as c
import networkx as nx
d = c.Data(sys.argv[2], sys.argv[3], filt="cow", rule="any")
for s in d.snapshots():
    if s.layer not in ("defense", "any"):
        continue
    G = nx.Graph(); G.add_nodes_from(s.nodes); G.add_edges_from((a, b) for a, b, w in s.wedges)
    n = len(s.nodes); total = n * (n - 1) // 2
    if s.layer == "defense":
        hist = collections.Counter()
        for u, dist in nx.all_pairs_shortest_path_length(G):
            for v, k in dist.items():
                if u < v:
                    hist[k] += 1
        for k in range(1, max(hist, default=0) + 1):
            print("S,%d,defense,%d,%d,%r" % (s.year, k, hist[k], hist[k] / total))
        print("S,%d,defense,unreachable,%d,%r" % (s.year, total - sum(hist.values()), (total - sum(hist.values())) / total))
    elif s.year == 2016:
        dist = dict(nx.all_pairs_shortest_path_length(G))
        for i, u in enumerate(s.nodes):
            for v in s.nodes[i + 1:]:
                print("P,2016,any,%d,%d,%s" % (u, v, dist[u].get(v, "")))
"#;

/// The defense-layer summary of every year and all 18,915 pairs of 2016 equal networkx's
/// shortest-path lengths on the anchors' snapshots.
#[test]
#[cfg_attr(
    not(all(pactnet_real_data, pactnet_networkx)),
    ignore = "needs the real data (PACTNET_DATA_DIR) and python3 with networkx and numpy"
)]
fn issue_15_separation_matches_networkx_on_the_real_data() {
    use pactnet::measures::separation::{separation, Pairs, SeparationRequest};
    let Some(dir) = real_data() else { return };
    let Some(expected) = python(&dir, SEPARATION, &[]) else { return };
    let (graph, timeline) = load(&dir);
    let defense = Layer::Only(pactnet::Obligation::Defense);
    let summary =
        separation(&graph, &timeline, &SeparationRequest { layer: defense, pairs: Pairs::None, ..Default::default() })
            .unwrap();
    let ours: String = csv(&summary.summary_table()).lines().skip(1).map(|l| format!("{l}\n")).collect();
    let theirs: String = expected.lines().filter_map(|l| l.strip_prefix("S,")).map(|l| format!("{l}\n")).collect();
    assert_csv_close(&ours, &theirs, 1e-15);
    let pairs =
        separation(&graph, &timeline, &SeparationRequest { years: Some(2016..=2016), ..Default::default() }).unwrap();
    let ours: String = csv(&pairs).lines().skip(1).map(|l| format!("{l}\n")).collect();
    let theirs: String = expected.lines().filter_map(|l| l.strip_prefix("P,")).map(|l| format!("{l}\n")).collect();
    assert_eq!(ours.lines().count(), 195 * 194 / 2);
    assert_text(&ours, &theirs);
    // 2016's defense network (as networkx counts it): 1,707 allied dyads, the longest chain 6.
    let y2016 = summary.years.last().unwrap();
    assert_eq!((y2016.year, y2016.histogram.as_slice()), (2016, &[1707, 2499, 2608, 2583, 696, 63][..]));
}

/// Five alliances (USA and UKG in each), data end 1920 (`yrexit` 0 → in force until 1921-01-01):
/// 3001 1900→1902 (730 days, defense); 3002 1900→1901 consultation, then 1903→1905 defense
/// (earliest entry to latest exit: 1,826 days); 3003 1910→1912 (730 days, nonaggression);
/// 3004 1915→in force (2,192 days, censored, defense); 3005 1919→in force (731 days, censored,
/// consultation).
const SURVIVAL: &str = "3001,2,1900,1,1,1902,1,1,0,1,0,0,0,0
3001,200,1900,1,1,1902,1,1,0,1,0,0,0,0
3002,2,1900,1,1,1901,1,1,1,0,0,0,0,1
3002,200,1900,1,1,1901,1,1,1,0,0,0,0,1
3002,2,1903,1,1,1905,1,1,2,1,0,0,0,0
3002,200,1903,1,1,1905,1,1,2,1,0,0,0,0
3003,2,1910,1,1,1912,1,1,0,0,0,0,1,0
3003,200,1910,1,1,1912,1,1,0,0,0,0,1,0
3004,2,1915,1,1,0,,,0,1,0,0,0,0
3004,200,1915,1,1,0,,,0,1,0,0,0,0
3005,2,1919,1,1,0,,,0,0,0,0,0,1
3005,200,1919,1,1,0,,,0,0,0,0,0,1
";

#[test]
fn issue_15_durations_by_hand_with_ties_and_censoring() {
    let dir = crate::common::inputs(SURVIVAL);
    let args = |extra: &[&str]| {
        let mut v = vec!["--members", "members.csv", "--states", "states.csv", "-q", "--data-end", "1920", "durations"];
        v.extend_from_slice(extra);
        v.extend_from_slice(&["--format", "csv"]);
        let o = pactnet(dir.path(), &v);
        assert!(o.status.success(), "{}", show(&o));
        String::from_utf8(o.stdout).unwrap()
    };
    // Product limit, all five: t = 730 d: 5 at risk, 2 events (tie) → S = 3/5;
    // t = 731 d: 3 at risk, 1 censored → 3/5; t = 1826 d: 2 at risk, 1 event → 3/5 · 1/2 = 3/10;
    // t = 2192 d: 1 at risk, censored → 3/10.
    // Defense (3001, 3002, 3004): 730 d: 3 at risk, 1 event → 2/3; 1826 d: 2, 1 event → 1/3; 2192 d: censored.
    let expected = [
        ("all", 730, 5, 2, 0, 0.6),
        ("all", 731, 3, 0, 1, 0.6),
        ("all", 1826, 2, 1, 0, 0.3),
        ("all", 2192, 1, 0, 1, 0.3),
        ("defense", 730, 3, 1, 0, 2.0 / 3.0),
        ("defense", 1826, 2, 1, 0, 1.0 / 3.0),
        ("defense", 2192, 1, 0, 1, 1.0 / 3.0),
        ("nonaggression", 730, 1, 1, 0, 0.0),
        ("consultation", 731, 2, 0, 1, 1.0),
        ("consultation", 1826, 1, 1, 0, 0.0),
    ];
    let out = args(&["--by", "type"]);
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(out.lines().next(), Some("group,time,at_risk,events,censored,survival"));
    assert_eq!(rows.len(), expected.len(), "{out}");
    for (row, (g, days, n, d, c, s)) in rows.iter().zip(expected) {
        let f: Vec<&str> = row.split(',').collect();
        assert_eq!((f[0], f[2], f[3], f[4]), (g, &*n.to_string(), &*d.to_string(), &*c.to_string()), "{row}");
        assert!((f[1].parse::<f64>().unwrap() - days as f64 / 365.25).abs() < 1e-12, "{row}");
        assert!((f[5].parse::<f64>().unwrap() - s).abs() < 1e-12, "{row}");
    }
    // Summary: medians at 1826 days (all, defense), 730 (nonaggression), 1826 (consultation);
    // offense and neutrality have no alliance and no median.
    assert_text(
        &args(&["--by", "type", "--summary"]),
        "group,alliances,events,median_years\nall,5,3,4.999315537303217\ndefense,3,2,4.999315537303217\n\
         offense,0,0,\nneutrality,0,0,\nnonaggression,1,1,1.998631074606434\nconsultation,2,1,4.999315537303217\n",
    );
}

const DURATIONS: &str = r#"
import sys, csv, datetime
from fractions import Fraction
rows = list(csv.DictReader(open(sys.argv[2])))
last = max(int(r[k]) for r in rows for k in ("yrent", "yrexit") if r[k] not in ("", "0"))
def start(r):
    return datetime.date(int(r["yrent"]), int(r["moent"] or 0) or 1, int(r["dayent"] or 0) or 1)
def end(r):
    y, m, d = int(r["yrexit"] or 0), int(r["moexit"] or 0), int(r["dayexit"] or 0)
    if y == 0: return datetime.date(last + 1, 1, 1), True
    if m == 0: return datetime.date(y + 1, 1, 1), False
    if d == 0: return (datetime.date(y + 1, 1, 1) if m == 12 else datetime.date(y, m + 1, 1)), False
    return datetime.date(y, m, d), False
al = {}
for r in rows:
    e, c = end(r)
    a = al.setdefault(r["atopid"], [start(r), e, False, set()])
    a[0] = min(a[0], start(r)); a[1] = max(a[1], e); a[2] |= c
    a[3] |= {t for t, col in [("defense", "defense"), ("offense", "offense"), ("neutrality", "neutral"),
             ("nonaggression", "nonagg"), ("consultation", "consul")] if r[col] == "1"}
for g in ["all", "defense", "offense", "neutrality", "nonaggression", "consultation"]:
    obs = sorted(((a[1] - a[0]).days, a[2]) for a in al.values() if g == "all" or g in a[3])
    n, s, i = len(obs), Fraction(1), 0
    while i < len(obs):
        t = obs[i][0]; run = [o for o in obs[i:] if o[0] == t]
        c = sum(1 for o in run if o[1]); d = len(run) - c
        s *= 1 - Fraction(d, n)
        print("%s,%d,%d,%d,%d,%r" % (g, t, n, d, c, float(s)))
        n -= len(run); i += len(run)
"#;

/// The curves of ATOP 4.01's 745 alliances equal an exact (rational) product-limit computation
/// from the raw member rows within 1e-12.
#[test]
#[cfg_attr(
    not(all(pactnet_real_data, pactnet_networkx)),
    ignore = "needs the real data (PACTNET_DATA_DIR) and python3 with networkx and numpy"
)]
fn issue_15_durations_match_an_exact_computation_on_the_real_data() {
    use pactnet::measures::survival::{durations, GroupBy, DAYS_PER_YEAR};
    let Some(dir) = real_data() else { return };
    let Some(expected) = python(&dir, DURATIONS, &[]) else { return };
    let (graph, _) = load(&dir);
    let table = durations(&graph.data, GroupBy::Type);
    let ours: String = table
        .groups
        .iter()
        .flat_map(|(g, _, c)| {
            c.iter().map(move |s| format!("{g},{},{},{},{},{}\n", s.days, s.at_risk, s.events, s.censored, s.survival))
        })
        .collect();
    assert_csv_close(&ours, &expected, 1e-12);
    assert_eq!(table.groups[0].1, 745);
    let events: usize = table.groups[0].2.iter().map(|s| s.events).sum();
    assert_eq!(events, 745 - 334, "334 alliances still in force at the end of 2016");
    let median = table.medians()[0].unwrap();
    assert!((median * DAYS_PER_YEAR - 7843.0).abs() < 1e-9, "{median}");
}

#[test]
fn issue_15_reach_follows_one_sided_pledges_along_a_two_alliance_chain() {
    let dir = hand_inputs();
    let header = "depth,ccode,abbr,name,via,atopids\n";
    // 1970: USA → UKG (2008, USA's row carries defense), UKG → FRN (2009).
    let out = run_hand(dir.path(), &["reach", "FRN", "--year", "1970"]);
    assert_text(
        &out,
        &format!("{header}1,200,UKG,United Kingdom,220,2009\n2,2,USA,United States of America,200,2008\n"),
    );
    let out = run_hand(dir.path(), &["reach", "2", "--date", "1970-07-01", "--direction", "out"]);
    assert_text(&out, &format!("{header}1,200,UKG,United Kingdom,2,2008\n2,220,FRN,France,200,2009\n"));
    // Nobody pledged defense to the USA; in the `any` layer UKG's consultation pledge counts.
    assert_text(&run_hand(dir.path(), &["reach", "USA", "--year", "1970"]), header);
    let out = run_hand(dir.path(), &["reach", "USA", "--year", "1970", "--layer", "any"]);
    assert_text(&out, &format!("{header}1,200,UKG,United Kingdom,2,2008\n2,220,FRN,France,200,2009\n"));
    // The 1960 star: every spoke is two-way, so the other spokes are at depth 2 through UKG.
    let out = run_hand(dir.path(), &["reach", "USA", "--year", "1960"]);
    assert_text(
        &out,
        &format!(
            "{header}1,200,UKG,United Kingdom,2,2004\n2,20,CAN,Canada,200,2005\n2,220,FRN,France,200,2006\n2,365,RUS,Russia,200,2007\n"
        ),
    );
    // Errors: a year outside the data, an unknown state.
    let o = pactnet(
        dir.path(),
        &["--members", "members.csv", "--states", "states.csv", "-q", "reach", "USA", "--year", "1700"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("--year 1700: outside the data's years 1816..="),
        "{}",
        show(&o)
    );
    let o = pactnet(
        dir.path(),
        &["--members", "members.csv", "--states", "states.csv", "-q", "reach", "XYZ", "--year", "1960"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown state \"XYZ\""), "{}", show(&o));
}

const REACH: &str = r#"
import sys, csv, datetime
rows = list(csv.DictReader(open(sys.argv[2])))
last = max(int(r[k]) for r in rows for k in ("yrent", "yrexit") if r[k] not in ("", "0"))
def start(r):
    return datetime.date(int(r["yrent"]), int(r["moent"] or 0) or 1, int(r["dayent"] or 0) or 1)
def end(r):
    y, m, d = int(r["yrexit"] or 0), int(r["moexit"] or 0), int(r["dayexit"] or 0)
    if y == 0: return datetime.date(last + 1, 1, 1)
    if m == 0: return datetime.date(y + 1, 1, 1)
    if d == 0: return datetime.date(y + 1, 1, 1) if m == 12 else datetime.date(y, m + 1, 1)
    return datetime.date(y, m, d)
cow = {}
for s in csv.DictReader(open(sys.argv[3])):
    a = datetime.date(int(s["styear"]), int(s["stmonth"]), int(s["stday"]))
    b = datetime.date(int(s["endyear"]), int(s["endmonth"]), int(s["endday"]))
    cow.setdefault(int(s["ccode"]), []).append((a, b))
def in_system(c, day):
    return any(a <= day <= b for a, b in cow.get(c, []))
for text in sys.argv[4:]:
    day = datetime.date.fromisoformat(text)
    live = [r for r in rows if start(r) <= day < end(r) and in_system(int(r["member"]), day)]
    pledges = set()
    for r in live:
        for q in live:
            if r["atopid"] == q["atopid"] and r["member"] != q["member"] and r["defense"] == "1":
                pledges.add((int(r["member"]), int(q["member"]), int(r["atopid"])))
    roots = sorted(c for c in cow if in_system(c, day))
    for direction in ("in", "out"):
        step = {}
        for a, b, al in pledges:
            key, other = (b, a) if direction == "in" else (a, b)
            step.setdefault(key, {}).setdefault(other, set()).add(al)
        for root in roots:
            seen, level, depth = {root}, [root], 0
            while level:
                depth += 1; found = {}
                for x in sorted(level):
                    for v in step.get(x, {}):
                        if v not in seen and v not in found:
                            found[v] = x
                seen |= set(found)
                for v in sorted(found):
                    print("%s,%s,%d,%d,%d,%d,%s" % (text, direction, root, depth, v, found[v],
                          ";".join(str(a) for a in sorted(step[found[v]][v]))))
                level = sorted(found)
"#;

/// Every state's defense chains in both directions on four days equal a computation straight
/// from the member rows and the COW list.
#[test]
#[cfg_attr(
    not(all(pactnet_real_data, pactnet_networkx)),
    ignore = "needs the real data (PACTNET_DATA_DIR) and python3 with networkx and numpy"
)]
fn issue_15_reach_matches_the_member_rows_on_the_real_data() {
    use pactnet::measures::reach::{reach, Direction};
    use pactnet::{Obligation, Period};
    let Some(dir) = real_data() else { return };
    let days = ["1914-06-28", "1939-09-01", "1962-10-16", "2016-06-30"];
    let Some(expected) = python(&dir, REACH, &days) else { return };
    let (graph, timeline) = load(&dir);
    let states = &graph.data.states;
    let mut ours = String::new();
    for day in days {
        let d: chrono::NaiveDate = day.parse().unwrap();
        for direction in [Direction::In, Direction::Out] {
            for root in 0..states.len() as u32 {
                if !graph.is_node_on(root, d) {
                    continue;
                }
                let rows = reach(&graph, &timeline, Period::Date(d), Layer::Only(Obligation::Defense), root, direction)
                    .unwrap();
                for r in rows {
                    let ids: Vec<String> = r.alliances.iter().map(|a| a.to_string()).collect();
                    let code = |v| states.state(v).id.0;
                    ours += &format!(
                        "{day},{},{},{},{},{},{}\n",
                        direction.name(),
                        code(root),
                        r.depth,
                        code(r.state),
                        code(r.via),
                        ids.join(";")
                    );
                }
            }
        }
    }
    assert!(ours.lines().count() > 1000, "{}", ours.lines().count());
    assert_text(&ours, &expected);
}

const WINDOWS: &str = r#"
import sys, datetime
sys.path.insert(0, sys.argv[1])
import atop_common as c
d = c.Data(sys.argv[2], sys.argv[3], filt="cow", rule="any")
n = int(sys.argv[4])
for year in range(d.first, d.last + 1):
    lo, hi = datetime.date(max(year - n + 1, d.first), 1, 1), datetime.date(year + 1, 1, 1)
    meets = lambda ivs: any(s < hi and e > lo for s, e in ivs)
    nodes = sorted(v for v, sp in d.spells.items() if meets(sp))
    live = [(e[1], e[2], e[0], e[5]) for e, ivs in zip(d.edges, d.counted) if meets(ivs)]
    for layer in ("any", "defense"):
        bit = c.LAYER_BIT[layer]
        sel = [x for x in live if not bit or x[3] & bit]
        pairs = {}
        for a, b, atopid, _ in sel:
            pairs.setdefault((a, b), set()).add(atopid)
        print("%d %s %d %d %d | %s" % (year, layer, len(nodes), len({x[2] for x in sel}), len(sel),
              " ".join("%d-%d-%d" % (a, b, len(s)) for (a, b), s in sorted(pairs.items()))))
"#;

/// Every 5-year-window snapshot (nodes, edges, weights = distinct alliances of the window,
/// alliance and multigraph-edge counts) of the `any` and `defense` layers equals a computation
/// from the anchors' dated multigraph edges and COW spells against the window's days.
#[test]
#[cfg_attr(
    not(all(pactnet_real_data, pactnet_networkx)),
    ignore = "needs the real data (PACTNET_DATA_DIR) and python3 with networkx and numpy"
)]
fn issue_15_five_year_windows_match_an_independent_computation() {
    use pactnet::{Obligation, Period, Snapshot, SnapshotBuilder};
    let Some(dir) = real_data() else { return };
    let Some(expected) = python(&dir, WINDOWS, &["5"]) else { return };
    let (graph, timeline) = load(&dir);
    let w = timeline.windowed(5);
    let mut b = SnapshotBuilder::new(&graph, &w);
    let mut snap = Snapshot::default();
    let code = |v| graph.data.states.state(v).id.0;
    let mut ours = String::new();
    for y in w.years() {
        for layer in [Layer::Any, Layer::Only(Obligation::Defense)] {
            b.build_into(Period::Year(y), layer, &mut snap).unwrap();
            let edges: Vec<String> =
                snap.edges.iter().map(|e| format!("{}-{}-{}", code(e.a), code(e.b), e.weight)).collect();
            ours += &format!(
                "{y} {layer} {} {} {} | {}\n",
                snap.nodes.len(),
                snap.alliances,
                snap.multi_edges,
                edges.join(" ")
            );
        }
    }
    assert_eq!(ours.lines().count(), 2 * 201);
    for (a, e) in ours.lines().zip(expected.lines()) {
        assert!(a == e, "window snapshot differs\n--- pactnet\n{a}\n--- independent\n{e}");
    }
    assert_eq!(ours.lines().count(), expected.lines().count());
    // Windows only add: every yearly tie is in its window, and 1950's window has more.
    let mut yearly = SnapshotBuilder::new(&graph, &timeline);
    let (y1950, w1950) =
        (yearly.build(Period::Year(1950), Layer::Any).unwrap(), b.build(Period::Year(1950), Layer::Any).unwrap());
    assert!(w1950.edges.len() > y1950.edges.len());
    assert!(y1950.edges.iter().all(|e| w1950.edges.iter().any(|f| (f.a, f.b) == (e.a, e.b) && f.weight >= e.weight)));
}

#[test]
fn issue_15_window_flag_on_the_hand_made_data() {
    let dir = hand_inputs();
    // 1951..=1952 hold no tie; the 3-year window ending in 1952 still holds the 1950 path.
    assert_text(&run_hand(dir.path(), &["snapshot", "--year", "1952"]), "a,b,weight,atopids\n");
    assert_text(
        &run_hand(dir.path(), &["snapshot", "--year", "1952", "--window", "3"]),
        "a,b,weight,atopids\n2,200,1,2001\n200,220,1,2002\n220,365,1,2003\n",
    );
    // --window 1 is the yearly snapshot; a window of 11 years ending in 1960 holds path and star:
    // USA–UKG in 2001 and 2004 has weight 2.
    assert_eq!(
        run_hand(dir.path(), &["snapshot", "--year", "1960", "--window", "1"]),
        run_hand(dir.path(), &["snapshot", "--year", "1960"])
    );
    let out = run_hand(dir.path(), &["snapshot", "--year", "1960", "--window", "11"]);
    assert!(out.contains("\n2,200,2,2001;2004\n"), "{out}");
    // The window reaches metrics, separation-like summaries and dyad-years alike.
    let out = run_hand(dir.path(), &["metrics", "--years", "1952", "--window", "3", "--metrics", "edges,diameter"]);
    assert_text(&out, "year,layer,edges,diameter\n1952,any,3,3\n");
    let out = run_hand(dir.path(), &["export", "dyadyears", "--years", "1952", "--window", "3", "--undirected"]);
    assert_eq!(out.lines().count(), 1 + 3, "{out}");
    // Blocs and similarity see the window too: in 1952 alone the six states are six one-state
    // blocs (modularity 0); the window's path splits in two, beside CAN and CHN.
    let alone = run_hand(dir.path(), &["blocs", "--years", "1952", "--summary"]);
    let window = run_hand(dir.path(), &["blocs", "--years", "1952", "--summary", "--window", "3"]);
    assert!(alone.contains("\n1952,any,6,0.0,") && window.contains("\n1952,any,4,0.1666"), "{alone}{window}");
    let alone = run_hand(dir.path(), &["similarity", "--years", "1952", "--dyads", "USA,UKG"]);
    let window = run_hand(dir.path(), &["similarity", "--years", "1952", "--dyads", "USA,UKG", "--window", "3"]);
    assert_ne!(alone, window);
    // A window's picture names its years.
    let o = pactnet(
        dir.path(),
        &[
            "--members",
            "members.csv",
            "--states",
            "states.csv",
            "-q",
            "plot",
            "network",
            "--year",
            "1952",
            "--window",
            "3",
            "--width",
            "800",
            "--height",
            "600",
            "-o",
            "w.svg",
        ],
    );
    assert!(o.status.success(), "{}", show(&o));
    let svg = std::fs::read_to_string(dir.path().join("w.svg")).unwrap();
    assert!(svg.contains("Alliances 1950–1952, layer any: 6 states, 3 ties"), "{svg}");
    // Windows of years, not days; 0 is no window.
    let o = pactnet(
        dir.path(),
        &["--members", "members.csv", "--states", "states.csv", "snapshot", "--date", "1952-01-01", "--window", "3"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--window 3 applies to years"), "{}", show(&o));
    let o = pactnet(dir.path(), &["--members", "members.csv", "--states", "states.csv", "metrics", "--window", "0"]);
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
}

#[test]
fn issue_15_plot_reach_and_durations_write_pictures_and_tables_in_every_format() {
    let dir = hand_inputs();
    let base = ["--members", "members.csv", "--states", "states.csv", "-q"];
    let run = |args: &[&str]| {
        let all: Vec<&str> = base.iter().chain(args).copied().collect();
        let o = pactnet(dir.path(), &all);
        assert!(o.status.success(), "{}", show(&o));
        o
    };
    run(&["plot", "reach", "FRN", "--year", "1970", "--width", "800", "--height", "600", "-o", "reach.svg"]);
    let svg = std::fs::read_to_string(dir.path().join("reach.svg")).unwrap();
    // Root FRN, UKG at depth 1, USA at depth 2: two rings, two nodes with outlines, the root.
    assert_eq!(svg.matches("<circle").count(), 2 + 2 * 2 + 2, "{svg}");
    assert!(svg.contains("Chains of defense pledges to FRN, 1970") && svg.contains("\nUSA\n"));
    run(&["plot", "durations", "--by", "type", "-o", "survival.png"]);
    let png = std::fs::read(dir.path().join("survival.png")).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let o = pactnet(
        dir.path(),
        &base.iter().chain(&["plot", "durations", "-o", "survival.gif"]).copied().collect::<Vec<_>>(),
    );
    // A wrong extension is a usage error (issue 13).
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    // The nine hand-made alliances all last 365 or 366 days; none is censored (data end 1971).
    let o = run(&["durations", "--summary", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["group"], "all");
    assert_eq!((v[0]["alliances"].as_i64(), v[0]["events"].as_i64()), (Some(9), Some(9)));
    assert!((v[0]["median_years"].as_f64().unwrap() - 365.0 / 365.25).abs() < 1e-12);
    let o = run(&["reach", "FRN", "--year", "1970", "--format", "table"]);
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("depth  ccode  abbr"), "{}", show(&o));
}
