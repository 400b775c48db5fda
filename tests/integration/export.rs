//! `pactnet export …` (issue 6): exact outputs on small hand-made inputs, the GEXF schema and
//! Gephi's rules (no overlapping spells, no duplicate edge ids), networkx reading the node-link
//! JSON and GraphML back, and facts of the real data.

use crate::common::{assert_text, pactnet, real_data, show, MEMBER_HEADER};
use std::path::Path;
use std::process::Command;

/// USA, UKG, FRN, RUS through 2016; AUH until 30 June 1900 and AUS from 1 July 1900, so that
/// both are in the system in 1900 but never on the same day.
const STATES: &str = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday
USA,2,United States of America,1816,1,1,2016,12,31
UKG,200,United Kingdom,1816,1,1,2016,12,31
FRN,220,France,1816,1,1,2016,12,31
AUH,300,Austria-Hungary,1816,1,1,1900,6,30
AUS,305,Austria,1900,7,1,2016,12,31
RUS,365,Russia,1816,1,1,2016,12,31
";

/// 1001: FRN pledges defense and consultation to UKG, UKG only consultation (asymmetric),
/// 1900-01-01 .. 1902-07-01 in two touching phases. 1002: UKG-RUS nonaggression in 1901 only.
/// 1003: UKG-FRN defense from 1 July 1902, overlapping nothing of 1001 (touching it).
const ROWS: &str = "1001,200,1900,1,1,1901,1,1,1,0,0,0,0,1
1001,220,1900,1,1,1901,1,1,1,1,0,0,0,1
1001,200,1901,1,1,1902,7,1,2,0,0,0,0,1
1001,220,1901,1,1,1902,7,1,2,1,0,0,0,1
1002,200,1901,6,1,1902,1,1,0,0,0,0,1,0
1002,365,1901,6,1,1902,1,1,0,0,0,0,1,0
1003,200,1902,7,1,1903,1,1,0,1,0,0,0,0
1003,220,1902,7,1,1903,1,1,0,1,0,0,0,0
";

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("states.csv"), STATES).expect("write states");
    std::fs::write(dir.path().join("members.csv"), format!("{MEMBER_HEADER}\n{ROWS}")).expect("write members");
    dir
}

/// Runs `pactnet -q --members members.csv --states states.csv <args>`, which must succeed.
fn run_ok(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["-q", "--members", "members.csv", "--states", "states.csv"];
    all.extend_from_slice(args);
    let o = pactnet(dir, &all);
    assert!(o.status.success(), "{}", show(&o));
    String::from_utf8(o.stdout).expect("UTF-8 output")
}

const DYAD_HEADER: &str =
    "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul,atop_number\n";

#[test]
fn dyadyears_directed_give_each_side_its_own_obligations() {
    let dir = setup();
    let out = run_ok(dir.path(), &["export", "dyadyears", "--years", "1900..1902"]);
    assert_text(
        &out,
        &format!(
            "{DYAD_HEADER}200,220,1900,0,0,0,0,1,1
220,200,1900,1,0,0,0,1,1
200,220,1901,0,0,0,0,1,1
200,365,1901,0,0,0,1,0,1
220,200,1901,1,0,0,0,1,1
365,200,1901,0,0,0,1,0,1
200,220,1902,1,0,0,0,1,2
220,200,1902,1,0,0,0,1,2
"
        ),
    );
    // --directed is the default, spelled out.
    assert_eq!(run_ok(dir.path(), &["export", "dyadyears", "--years", "1900..1902", "--directed"]), out);
}

#[test]
fn dyadyears_undirected_take_the_maximum_over_both_directions() {
    let dir = setup();
    let out = run_ok(dir.path(), &["export", "dyadyears", "--years", "1901..1902", "--undirected"]);
    assert_text(
        &out,
        &format!("{DYAD_HEADER}200,220,1901,1,0,0,0,1,1\n200,365,1901,0,0,0,1,0,1\n200,220,1902,1,0,0,0,1,2\n"),
    );
    // Year rule `end`: on 31 December 1902 only alliance 1003 is in force; 1002 ended in 1901
    // on 31 December 1901 (exit 1902-01-01), so it counts in 1901.
    let out =
        run_ok(dir.path(), &["--year-rule", "end", "export", "dyadyears", "--years", "1901..1902", "--undirected"]);
    assert_text(
        &out,
        &format!("{DYAD_HEADER}200,220,1901,1,0,0,0,1,1\n200,365,1901,0,0,0,1,0,1\n200,220,1902,1,0,0,0,0,1\n"),
    );
}

#[test]
fn all_dyads_skip_pairs_never_in_the_system_on_the_same_day() {
    let dir = setup();
    let out = run_ok(dir.path(), &["export", "dyadyears", "--years", "1900", "--undirected", "--all-dyads"]);
    // Nodes of 1900: 2, 200, 220, 300 (until 30 June), 305 (from 1 July), 365: 15 pairs less
    // (300, 305), which never share a day.
    assert_text(
        &out,
        &format!(
            "{DYAD_HEADER}2,200,1900,0,0,0,0,0,0
2,220,1900,0,0,0,0,0,0
2,300,1900,0,0,0,0,0,0
2,305,1900,0,0,0,0,0,0
2,365,1900,0,0,0,0,0,0
200,220,1900,1,0,0,0,1,1
200,300,1900,0,0,0,0,0,0
200,305,1900,0,0,0,0,0,0
200,365,1900,0,0,0,0,0,0
220,300,1900,0,0,0,0,0,0
220,305,1900,0,0,0,0,0,0
220,365,1900,0,0,0,0,0,0
300,365,1900,0,0,0,0,0,0
305,365,1900,0,0,0,0,0,0
"
        ),
    );
    let directed = run_ok(dir.path(), &["export", "dyadyears", "--years", "1900", "--all-dyads"]);
    assert_eq!(directed.lines().count(), 1 + 2 * 14);
    assert!(directed.contains("\n220,200,1900,1,0,0,0,1,1\n") && directed.contains("\n200,220,1900,0,0,0,0,1,1\n"));
}

#[test]
fn dyadyears_reject_bad_year_ranges() {
    let dir = setup();
    let mut args = vec!["--members", "members.csv", "--states", "states.csv", "export", "dyadyears", "--years"];
    args.push("1990..1950");
    let o = pactnet(dir.path(), &args);
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("years 1990..1950: the first year is after the last"),
        "{}",
        show(&o)
    );
    args.pop();
    args.push("1700..1901");
    let o = pactnet(dir.path(), &args);
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert_text(&String::from_utf8_lossy(&o.stderr), "pactnet: error: year 1700 is outside the data (1816..=1903)\n");
}

#[test]
fn statelevel_counts_alliances_and_partners_per_layer() {
    let dir = setup();
    let out = run_ok(dir.path(), &["export", "statelevel", "--years", "1901..1902"]);
    assert_text(
        &out,
        "ccode,year,alliances,partners,defense_alliances,defense_partners,offense_alliances,offense_partners,\
neutrality_alliances,neutrality_partners,nonaggression_alliances,nonaggression_partners,consultation_alliances,consultation_partners
2,1901,0,0,0,0,0,0,0,0,0,0,0,0
200,1901,2,2,1,1,0,0,0,0,1,1,1,1
220,1901,1,1,1,1,0,0,0,0,0,0,1,1
305,1901,0,0,0,0,0,0,0,0,0,0,0,0
365,1901,1,1,0,0,0,0,0,0,1,1,0,0
2,1902,0,0,0,0,0,0,0,0,0,0,0,0
200,1902,2,1,2,1,0,0,0,0,0,0,1,1
220,1902,2,1,2,1,0,0,0,0,0,0,1,1
305,1902,0,0,0,0,0,0,0,0,0,0,0,0
365,1902,0,0,0,0,0,0,0,0,0,0,0,0
",
    );
}

/// The closed intervals `(start, end)` of every `<spell …/>` line of `xml`, grouped per element
/// (node or edge) with its id; asserts ids are unique.
fn spells_by_element(xml: &str) -> Vec<(String, Vec<(String, String)>)> {
    let attr = |line: &str, name: &str| -> String {
        let key = format!(" {name}=\"");
        let at = line.find(&key).unwrap_or_else(|| panic!("no {name} in {line}")) + key.len();
        line[at..].split('"').next().unwrap().to_string()
    };
    let mut out: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut kind = "";
    for line in xml.lines().map(str::trim) {
        if line.starts_with("<node ") {
            kind = "node";
            out.push((format!("node {}", attr(line, "id")), Vec::new()));
        } else if line.starts_with("<edge ") {
            kind = "edge";
            out.push((format!("edge {}", attr(line, "id")), Vec::new()));
        } else if line.starts_with("<spell ") {
            assert!(!kind.is_empty());
            out.last_mut().unwrap().1.push((attr(line, "start"), attr(line, "end")));
        }
    }
    let mut ids: Vec<&String> = out.iter().map(|(id, _)| id).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate node or edge ids");
    out
}

/// Asserts Gephi's rules: every element has spells, each a closed interval start <= end, and
/// consecutive spells neither overlap nor touch (the next starts more than a day after the end).
fn assert_gephi_safe(xml: &str) -> usize {
    let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap_or_else(|e| panic!("{s}: {e}"));
    let elements = spells_by_element(xml);
    for (id, spells) in &elements {
        assert!(!spells.is_empty(), "{id} has no spell");
        for (s, e) in spells {
            assert!(d(s) <= d(e), "{id}: spell {s}..{e} ends before it starts");
        }
        for w in spells.windows(2) {
            let gap = d(&w[1].0) - d(&w[0].1);
            assert!(gap.num_days() > 1, "{id}: spells {:?} and {:?} overlap or touch", w[0], w[1]);
        }
    }
    elements.len()
}

/// Validates `file` against the GEXF 1.3 schema with xmllint; without xmllint, says so and
/// passes, except under CI=true.
fn assert_valid_gexf(file: &Path) {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gexf-1.3/gexf.xsd");
    let o = match Command::new("xmllint").arg("--noout").arg("--schema").arg(&schema).arg(file).output() {
        Ok(o) => o,
        Err(e) => {
            let why = format!("xmllint not runnable ({e}): install libxml2-utils");
            assert!(std::env::var("CI").map_or(true, |v| v != "true"), "{why}; CI=true requires it");
            eprintln!("skipped: GEXF schema validation: {why}");
            return;
        }
    };
    assert!(o.status.success(), "{} does not validate:\n{}", file.display(), String::from_utf8_lossy(&o.stderr));
}

#[test]
fn gexf_is_valid_dynamic_and_gephi_safe() {
    let dir = setup();
    run_ok(dir.path(), &["export", "gexf", "-o", "out.gexf"]);
    let xml = std::fs::read_to_string(dir.path().join("out.gexf")).unwrap();
    assert_valid_gexf(&dir.path().join("out.gexf"));
    assert!(xml.contains(r#"<graph mode="dynamic" defaultedgetype="undirected" timeformat="date""#), "{xml}");
    // Nodes: 6 states; edges: UKG-FRN defense and consultation, UKG-RUS nonaggression.
    assert_eq!(assert_gephi_safe(&xml), 6 + 3);
    // 1001 and 1003 touch on 1 July 1902: one defense spell 1900-01-01 .. 1902-12-31 (closed),
    // with weight 1 throughout; the weight attribute follows the alliances.
    let edge = xml.split("<edge ").nth(1).unwrap();
    assert_text(
        &format!("<edge {}", &edge[..edge.find("</edge>").unwrap()]),
        r#"<edge id="200-220-defense" source="200" target="220" kind="defense">
        <attvalues>
          <attvalue for="atopids" value="1001;1003"/>
          <attvalue for="weight" value="1" start="1900-01-01" end="1902-12-31"/>
        </attvalues>
        <spells>
          <spell start="1900-01-01" end="1902-12-31"/>
        </spells>
      "#,
    );
    assert!(xml.contains(r#"<edge id="200-220-consultation" source="200" target="220" kind="consultation">"#));
    assert!(xml.contains(r#"<edge id="200-365-nonaggression" source="200" target="365" kind="nonaggression">"#));
    // AUH leaves on 30 June 1900 (its last day, inclusive); the data ends in 1903 (the largest
    // yrexit), so AUS's spell is clipped to 31 December 1903.
    assert!(xml.contains(r#"<spell start="1816-01-01" end="1900-06-30"/>"#), "{xml}");
    assert!(xml.contains(r#"<spell start="1900-07-01" end="1903-12-31"/>"#), "{xml}");
}

#[test]
fn graphml_and_json_of_one_snapshot() {
    let dir = setup();
    let out = run_ok(dir.path(), &["export", "json", "--year", "1901", "--layer", "defense", "--with-metrics"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["directed"], false);
    assert_eq!(v["multigraph"], false);
    assert_eq!(v["graph"], serde_json::json!({"year": 1901, "layer": "defense"}));
    assert_eq!(v["nodes"].as_array().unwrap().len(), 5);
    assert_eq!(
        v["nodes"][1],
        serde_json::json!({"id": 200, "ccode": 200, "abbr": "UKG", "name": "United Kingdom", "region": "europe", "degree": 1, "strength": 1})
    );
    assert_eq!(
        v["edges"],
        serde_json::json!([{"source": 200, "target": 220, "weight": 1, "types": "defense+consultation", "atopids": "1001"}])
    );
    let out = run_ok(dir.path(), &["export", "graphml", "--year", "1901"]);
    assert!(out.contains(r#"<graph id="G" edgedefault="undirected">"#), "{out}");
    assert!(out.contains(
        "    <edge id=\"e1\" source=\"200\" target=\"365\">\n      <data key=\"weight\">1</data>\n      <data key=\"types\">nonaggression</data>\n      <data key=\"atopids\">1002</data>\n    </edge>\n"
    ), "{out}");
}

/// Runs `script` with python3 if python3 and networkx are at hand; `None` (with the reason on
/// stderr) otherwise.
fn python_networkx(dir: &Path, script: &str) -> Option<String> {
    let probe = Command::new("python3").args(["-c", "import networkx"]).output();
    if !probe.as_ref().is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: python3 with networkx is not available, so networkx cannot read the export back");
        return None;
    }
    let o = Command::new("python3").args(["-c", script]).current_dir(dir).output().expect("python3 runs");
    assert!(o.status.success(), "python failed:\n{}", String::from_utf8_lossy(&o.stderr));
    Some(String::from_utf8_lossy(&o.stdout).into_owned())
}

#[test]
fn networkx_reads_the_node_link_json_and_the_graphml_back() {
    let dir = setup();
    run_ok(dir.path(), &["export", "json", "--year", "1901", "-o", "g.json"]);
    run_ok(dir.path(), &["export", "graphml", "--year", "1901", "--with-metrics", "-o", "g.graphml"]);
    let script = r#"
import json, networkx as nx
g = nx.node_link_graph(json.load(open("g.json")))
print(type(g).__name__, sorted(g.nodes()), sorted(g.edges(data="weight")), g.nodes[200]["abbr"], g.graph["year"])
h = nx.read_graphml("g.graphml")
print(type(h).__name__, sorted(h.nodes()), h.nodes["200"]["degree"], h.edges["200", "365"]["types"])
"#;
    let Some(out) = python_networkx(dir.path(), script) else { return };
    assert_text(
        &out,
        "Graph [2, 200, 220, 305, 365] [(200, 220, 1), (200, 365, 1)] UKG 1901\n\
Graph ['2', '200', '220', '305', '365'] 2 nonaggression\n",
    );
}

#[test]
fn export_never_writes_onto_an_input() {
    let dir = setup();
    let o = pactnet(
        dir.path(),
        &["--members", "members.csv", "--states", "states.csv", "export", "gexf", "-o", "states.csv"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("states.csv: refusing to overwrite an input file"));
    assert_eq!(std::fs::read_to_string(dir.path().join("states.csv")).unwrap(), STATES);
}

/// `--members … --states …` of the real data.
fn real_args(dir: &Path) -> Vec<String> {
    let m = dir.join("atop-4.01/atop4_01m.csv");
    let s = dir.join("cow/states2016.csv");
    vec!["-q".into(), "--members".into(), m.display().to_string(), "--states".into(), s.display().to_string()]
}

fn run_real(data: &Path, cwd: &Path, args: &[&str]) -> String {
    let mut all = real_args(data);
    all.extend(args.iter().map(|a| a.to_string()));
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    let o = pactnet(cwd, &all);
    assert!(o.status.success(), "{}", show(&o));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn real_data_alliance_1060_france_pledges_defense_to_belgium_not_the_reverse() {
    let Some(data) = real_data() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = run_real(&data, tmp.path(), &["export", "dyadyears", "--years", "1832..1833"]);
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("220,211,") || l.starts_with("211,220,")).collect();
    assert_eq!(
        rows,
        [
            "211,220,1832,0,0,0,0,0,1",
            "220,211,1832,1,0,0,0,0,1",
            "211,220,1833,0,0,0,0,0,1",
            "220,211,1833,1,0,0,0,0,1"
        ]
    );
    let out = run_real(&data, tmp.path(), &["export", "dyadyears", "--years", "1832..1833", "--undirected"]);
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("211,220,")).collect();
    assert_eq!(rows, ["211,220,1832,1,0,0,0,0,1", "211,220,1833,1,0,0,0,0,1"]);
}

#[test]
fn real_data_gexf_validates_and_is_gephi_safe() {
    let Some(data) = real_data() else { return };
    let tmp = tempfile::tempdir().unwrap();
    run_real(&data, tmp.path(), &["export", "gexf", "-o", "atop.gexf"]);
    let file = tmp.path().join("atop.gexf");
    assert_valid_gexf(&file);
    let xml = std::fs::read_to_string(&file).unwrap();
    assert!(xml.contains(r#"<nodes count="217">"#));
    assert!(assert_gephi_safe(&xml) > 217);
    // Russia-Kyrgyzstan: defense in 4220 from 15 May 1992, then also 4255 and 4400, in force at
    // the end of the data (31 December 2016): one spell, the weight counting the alliances.
    let edge = xml.split(r#"<edge id="365-703-defense""#).nth(1).expect("365-703 defense edge");
    let edge = &edge[..edge.find("</edge>").unwrap()];
    assert!(edge.contains(r#"<attvalue for="atopids" value="4220;4255;4400"/>"#), "{edge}");
    assert!(edge.contains(r#"<attvalue for="weight" value="3" start="1993-01-22" end="2016-12-31"/>"#), "{edge}");
    assert!(
        edge.contains("<spells>\n          <spell start=\"1992-05-15\" end=\"2016-12-31\"/>\n        </spells>"),
        "{edge}"
    );
}

#[test]
fn real_data_dyadyears_agree_with_the_snapshots() {
    let Some(data) = real_data() else { return };
    let tmp = tempfile::tempdir().unwrap();
    // Undirected allied dyads of 1950 are the edges of the 1950 snapshot.
    let dyads = run_real(&data, tmp.path(), &["export", "dyadyears", "--years", "1950", "--undirected"]);
    let snap = run_real(&data, tmp.path(), &["snapshot", "--year", "1950", "--format", "csv"]);
    let pairs = |t: &str| -> Vec<String> {
        t.lines().skip(1).map(|l| l.split(',').take(2).collect::<Vec<_>>().join(",")).collect()
    };
    assert_eq!(pairs(&dyads), pairs(&snap));
    let weights: Vec<String> = snap.lines().skip(1).map(|l| l.split(',').nth(2).unwrap().to_string()).collect();
    let numbers: Vec<String> = dyads.lines().skip(1).map(|l| l.rsplit(',').next().unwrap().to_string()).collect();
    assert_eq!(weights, numbers, "atop_number = snapshot weight");
}
