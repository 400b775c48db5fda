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
    assert_text(
        &String::from_utf8_lossy(&o.stderr),
        "pactnet: error: --years 1700..1901: year 1700 is outside the data's years 1816..=1903\n",
    );
}

#[test]
fn statelevel_counts_alliances_and_partners_per_layer() {
    // The ATOP columns (issue 21): 1901: UKG consults (1001, phase 2) and promises nonaggression
    // (1002): defense 0, nonagg 1, consul 1; two alliances; phase 2 of 1001 and 1002 start in
    // 1901: transyr 1. FRN defends and consults UKG (1001 phase 2 only: phase 1 ends on
    // 1901-01-01, the first day outside). RUS: 1002 starts. 1902: UKG and FRN defend each
    // other in 1003 (from 1 July) and still consult in 1001: two alliances, 1001 ends and 1003
    // starts; RUS has no alliance left: 1002's exit date (1902-01-01) is the first day outside,
    // so 1002 ends on its last day, in 1901 (under --system atop, where ATOP counts the exit day,
    // it would end in 1902).
    let dir = setup();
    let out = run_ok(dir.path(), &["export", "statelevel", "--years", "1901..1902"]);
    assert_text(
        &out,
        "ccode,year,alliances,partners,defense_alliances,defense_partners,offense_alliances,offense_partners,\
neutrality_alliances,neutrality_partners,nonaggression_alliances,nonaggression_partners,consultation_alliances,consultation_partners,\
atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul,atop_number,atop_transyr
2,1901,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0
200,1901,2,2,1,1,0,0,0,0,1,1,1,1,0,0,0,1,1,2,1
220,1901,1,1,1,1,0,0,0,0,0,0,1,1,1,0,0,0,1,1,1
305,1901,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0
365,1901,1,1,0,0,0,0,0,0,1,1,0,0,0,0,0,1,0,1,1
2,1902,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0
200,1902,2,1,2,1,0,0,0,0,0,0,1,1,1,0,0,0,1,2,1
220,1902,2,1,2,1,0,0,0,0,0,0,1,1,1,0,0,0,1,2,1
305,1902,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0
365,1902,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0
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
        // The defense layer of 1901: five states, one tie UKG–FRN. networkx 3.6.1 on that graph:
        // pagerank(tol=1e-15) 0.4081632653061216, eigenvector_centrality 0.7071067811865476,
        // closeness (Wasserman–Faust) 0.25.
        serde_json::json!({"id": 200, "ccode": 200, "abbr": "UKG", "name": "United Kingdom", "region": "europe",
            "degree": 1, "strength": 1, "betweenness": 0.0, "closeness": 0.25, "harmonic": 1.0,
            "pagerank": 0.4081632653061216, "eigenvector": std::f64::consts::FRAC_1_SQRT_2, "clustering": 0.0, "core": 1})
    );
    assert_eq!(
        v["edges"],
        serde_json::json!([{"source": 200, "target": 220, "weight": 1, "types": "defense+consultation", "atopids": [1001]}])
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
#[cfg_attr(not(pactnet_networkx), ignore = "needs python3 with networkx and numpy")]
fn networkx_reads_the_node_link_json_and_the_graphml_back() {
    let dir = setup();
    run_ok(dir.path(), &["export", "json", "--year", "1901", "-o", "g.json"]);
    run_ok(dir.path(), &["export", "graphml", "--year", "1901", "--with-metrics", "-o", "g.graphml"]);
    let script = r#"
import json, networkx as nx
g = nx.node_link_graph(json.load(open("g.json")))
print(type(g).__name__, sorted(g.nodes()), sorted(g.edges(data="weight")), g.nodes[200]["abbr"], g.graph["year"])
print(sorted(g.edges(data="atopids")))
h = nx.read_graphml("g.graphml")
print(type(h).__name__, sorted(h.nodes()), h.nodes["200"]["degree"], h.edges["200", "365"]["types"])
"#;
    let Some(out) = python_networkx(dir.path(), script) else { return };
    assert_text(
        &out,
        "Graph [2, 200, 220, 305, 365] [(200, 220, 1), (200, 365, 1)] UKG 1901\n\
[(200, 220, [1001]), (200, 365, [1002])]\n\
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
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
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
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
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
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
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

/// The coding-sheet fixtures, `tests/fixtures/codesheets/<sub>`.
fn sheets(sub: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codesheets").join(sub).display().to_string()
}

#[test]
fn codesheet_prints_the_parsed_record_despite_pdf_noise() {
    let dir = setup();
    let o = pactnet(dir.path(), &["codesheet", &sheets("good/9001.txt")]);
    assert!(o.status.success(), "{}", show(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let both = ["defense", "consultation"];
    let member = |c: u16, n: &str, l: u64| serde_json::json!({"ccode": c, "name": n, "line": l, "obligations": both});
    assert_eq!(
        v,
        serde_json::json!([{
            "file": "9001.txt", "atopid": 9001, "signed": "1949-04-04", "terminated": null,
            "obligations": both, "asymmetric": false,
            "members": [member(2, "United States", 15), member(200, "United Kingdom", 16), member(220, "France", 17)],
        }])
    );
    // Asymmetric: UKG names its own defense pledge, Russia gets question 16's neutrality; a
    // name spilling over two lines is joined; "June 1955" ends with the month.
    let o = pactnet(dir.path(), &["codesheet", &sheets("good/1001.txt")]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["asymmetric"], true);
    assert_eq!(v[0]["terminated"], "1955-07-01");
    assert_eq!(v[0]["signed"], "1950-03-02");
    assert_eq!(v[0]["members"][0]["obligations"], serde_json::json!(["defense"]));
    assert_eq!(v[0]["members"][1]["name"], "Russia (Union of Soviet Socialist Republics)");
    assert_eq!(v[0]["members"][1]["obligations"], serde_json::json!(["neutrality"]));
}

#[test]
fn codesheet_reports_every_problem_with_file_line_question_value_and_expectation() {
    let dir = setup();
    let o = pactnet(
        dir.path(),
        &["codesheet", &sheets("bad/errors.txt"), &sheets("bad/missing.txt"), &sheets("bad/reversed.txt")],
    );
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(o.stdout.is_empty());
    assert_text(
        &String::from_utf8_lossy(&o.stderr),
        r#"pactnet: error: errors.txt:1: field question 1 (ATOP ID) = "x12": not an alliance id (1..=999999)
pactnet: error: errors.txt:2: field question 3 (signature date) = "sometime in spring": not a date (expected e.g. "April 4, 1949", "4 April 1949" or 1949-04-04)
pactnet: error: errors.txt:4: field question 4 (members) = "United States": not a member line (expected a COW code and a name, e.g. "2 United States")
pactnet: error: errors.txt:5: field question 4 (members) = "12345 Nowhere": not a COW state code (1..=9999) at the start of the line
pactnet: error: errors.txt:6: field question 14 (termination date) = "unknown": not a date or "Still in effect" (expected e.g. "April 4, 1949" or "Still in effect")
pactnet: error: errors.txt:7: field question 16 (type of alliance) = "friendship": no alliance type (expected one or more of defense pact, neutrality pact, nonaggression pact, consultation pact, offense pact)
pactnet: error: missing.txt: field question 3 (signature date) = "": missing: the sheet has no question 3 (expected e.g. "3. Signature date(s): April 4, 1949")
pactnet: error: missing.txt: field question 14 (termination date) = "": missing: the sheet has no question 14 (expected e.g. "14. Termination date(s): Still in effect")
pactnet: error: missing.txt: field question 16 (type of alliance) = "": missing: the sheet has no question 16 (expected e.g. "16. Type of alliance (...): defense pact")
pactnet: error: reversed.txt:6: field question 14 (termination date) = "1950-05-01": exit 1950-05-01 is not after entry 1960-05-01
"#,
    );
}

#[test]
fn codesheets_add_alliances_and_override_one_with_a_warning() {
    let dir = setup();
    let good = sheets("good");
    let args = ["--members", "members.csv", "--states", "states.csv", "--data-end", "1960", "--codesheets", &good];
    let mut run = args.to_vec();
    run.extend(["export", "dyadyears", "--undirected", "--years", "1900..1950", "-v"]);
    let o = pactnet(dir.path(), &run);
    assert!(o.status.success(), "{}", show(&o));
    assert_text(
        &String::from_utf8_lossy(&o.stderr),
        "pactnet: warning: 1001.txt: 1 coding sheet replaces the member rows of alliances already in the data: 1001 (first: line 2)\n",
    );
    let out = String::from_utf8_lossy(&o.stdout);
    // 1001 of the member file (UKG-FRN 1900-1902) is gone: 1900 has no dyad; 1001 is now
    // UKG-RUS from 1950 (UKG defense, RUS neutrality); 9001 links USA, UKG and FRN from 1949.
    assert!(!out.contains(",1900,"), "{out}");
    assert!(out.contains("\n200,220,1902,1,0,0,0,0,1\n"), "1003 stays: {out}");
    assert!(
        out.ends_with(
            "2,200,1950,1,0,0,0,1,1\n2,220,1950,1,0,0,0,1,1\n200,220,1950,1,0,0,0,1,1\n200,365,1950,1,0,1,0,0,1\n"
        ),
        "{out}"
    );
}

const COW_HEADER: &str = "version4id,ccode,state_name,mem_st_day,mem_st_month,mem_st_year,mem_end_day,mem_end_month,mem_end_year,left_censor,right_censor,defense,neutrality,nonaggression,entente,version";

#[test]
fn cow_alliances_combined_join_the_member_rows_with_entente_as_its_own_type() {
    let dir = setup();
    let cow = format!(
        "{COW_HEADER}\n300,2,United States of America,1,1,1910,NA,NA,NA,0,1,0,0,0,1,4.1
300,365,Russia,1,1,1910,NA,NA,NA,0,1,0,0,0,1,4.1
301,200,United Kingdom,15,3,1902,1,1,1903,0,0,0,1,1,0,4.1
301,220,France,15,3,1902,1,1,1903,0,0,0,1,1,0,4.1
"
    );
    std::fs::write(dir.path().join("cow.csv"), cow).unwrap();
    let out = run_ok(
        dir.path(),
        &[
            "--data-end",
            "1912",
            "--cow-alliances",
            "cow.csv",
            "--combine-sources",
            "export",
            "dyadyears",
            "--undirected",
            "--years",
            "1902..1910",
        ],
    );
    // Entente is COW's own type (column cow_entente), no longer read as ATOP's consultation.
    let header = DYAD_HEADER.replace("atop_consul,", "atop_consul,cow_entente,");
    assert_text(&out, &format!("{header}200,220,1902,1,0,1,1,1,0,3\n2,365,1910,0,0,0,0,0,1,1\n"));
}

#[test]
fn cow_alliance_rows_that_break_the_rules_are_errors_with_their_line() {
    let dir = setup();
    let cow = "version4id,ccode,mem_st_day,mem_st_month,mem_st_year,mem_end_day,mem_end_month,mem_end_year,defense,neutrality,nonaggression,entente
1001,2,1,1,1910,,,,0,0,0,1
302,2,1,13,1910,,,,0,0,0,1
303,2,1,1,1910,,,,0,0,0,2
304,2,1,1,1910,1,1,1905,0,0,0,1
";
    std::fs::write(dir.path().join("cow.csv"), cow).unwrap();
    let mut args =
        vec!["--members", "members.csv", "--states", "states.csv", "--data-end", "1912", "--combine-sources"];
    args.push("--cow-alliances");
    args.extend(["cow.csv", "export", "statelevel"]);
    let o = pactnet(dir.path(), &args);
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert_text(
        &String::from_utf8_lossy(&o.stderr),
        "pactnet: error: cannot load the data: cow.csv:2: field version4id = \"1001\": not a free alliance id: 1001 is also an atopid of the ATOP member file (and 3 more errors; `pactnet validate` lists them all, `--lenient` skips such rows)\n",
    );
    // With --lenient the four rows are skipped and counted, and the first problem is shown.
    args.insert(0, "--lenient");
    args.push("-v");
    let o = pactnet(dir.path(), &args);
    assert!(o.status.success(), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("cow.csv: 4 invalid rows skipped (--lenient); first: cow.csv:2:")
    );
    // Each rule's message, from the library.
    let table =
        pactnet::io::cow_alliances::read_cow_alliances(&pactnet::io::Source::File(dir.path().join("cow.csv"))).unwrap();
    let mut diag = pactnet::Diagnostics::default();
    let ids = [1001u32].into_iter().collect();
    assert!(pactnet::validate::cow_alliances(&table, 1912, &ids, &mut diag).is_empty());
    let msgs: Vec<String> = diag.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        msgs,
        [
            "cow.csv:2: field version4id = \"1001\": not a free alliance id: 1001 is also an atopid of the ATOP member file",
            "cow.csv:3: field mem_st_month = \"13\": not a month (expected 1..=12, or 0/empty for missing)",
            "cow.csv:4: field entente = \"2\": not an obligation flag (0 or 1)",
            "cow.csv:5: field mem_end_year = \"1905-1-1\": exit 1905-01-01 is not after entry 1910-01-01",
        ]
    );
}
