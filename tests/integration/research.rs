//! Issue 15: assortativity, separation, reach, durations and windows, on hand-made cases through
//! the command line and on the real ATOP 4.01 data against independent Python computations
//! (networkx on the anchors' snapshots, `../shared/anchors/atop_common.py`).

use crate::common::real_data;
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
