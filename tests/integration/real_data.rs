//! Facts of the real ATOP 4.01 + COW 2016 data, and every snapshot compared with an independent
//! computation (the standard-library Python of `../shared/anchors/atop_common.py`).

use crate::common::real_data;
use pactnet::io::Source;
use pactnet::{
    AllianceGraph, AllianceId, Dataset, Diagnostics, Inputs, Layer, LoadOptions, Obligation, ObligationSet, Period,
    Snapshot, SnapshotBuilder, StateId, SystemFilter, Timeline, WarningKind, YearRule,
};
use std::collections::BTreeMap;
use std::path::Path;

fn inputs(dir: &Path) -> Inputs {
    Inputs {
        members: Source::File(dir.join("atop-4.01/atop4_01m.csv")),
        states: Source::File(dir.join("cow/states2016.csv")),
        alliances: Some(Source::File(dir.join("atop-4.01/atop4_01a.csv"))),
    }
}

fn load(dir: &Path, filter: SystemFilter) -> (AllianceGraph, Timeline, Diagnostics) {
    let (data, mut diag) = Dataset::load(&inputs(dir), &LoadOptions::default()).expect("ATOP 4.01 loads");
    let g = AllianceGraph::build(data, filter, &mut diag);
    let t = Timeline::new(&g);
    (g, t, diag)
}

#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn atop_401_loads_with_its_known_quirks() {
    let Some(dir) = real_data() else { return };
    let (g, t, diag) = load(&dir, SystemFilter::Cow);
    let data = &g.data;
    assert_eq!(data.members.len(), 2398);
    let alliances: std::collections::BTreeSet<_> = data.members.iter().map(|m| m.alliance).collect();
    assert_eq!(alliances.len(), 745);
    assert_eq!(data.alliances.len(), 745);
    assert_eq!(data.data_end, 2016);
    assert_eq!(t.years(), 1816..=2016);
    assert_eq!(diag.count(WarningKind::MissingExitDay), 31);
    assert_eq!(diag.count(WarningKind::MissingEntryDay), 5);
    let until = chrono::NaiveDate::from_ymd_opt(2017, 1, 1).unwrap();
    assert_eq!(diag.count(WarningKind::InForce { until }), 1062);
    let not_cow = diag.tally(WarningKind::NotInStateList).expect("8152 is warned about");
    assert_eq!(not_cow.subjects.iter().copied().collect::<Vec<_>>(), [8152]);
    assert_eq!(diag.count(WarningKind::AllianceNotInAllianceFile), 0);
    // Alliance members outside the COW system on some days of their ties, within 1816..=2016.
    let mut outside = diag.tally(WarningKind::EdgeNeverInSystem).unwrap().subjects.clone();
    outside.extend(&diag.tally(WarningKind::EdgePartlyOutsideSystem).unwrap().subjects);
    assert_eq!(outside.len(), 51);
    assert!(outside.contains(&8152) && outside.contains(&221), "8152 and Monaco (221)");
    assert!(diag.errors.is_empty());
}

#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn alliance_4255_is_one_edge_russia_kyrgyzstan() {
    let Some(dir) = real_data() else { return };
    let (g, _, _) = load(&dir, SystemFilter::Cow);
    let edges: Vec<_> = g.edges().iter().filter(|e| e.alliance == AllianceId(4255)).collect();
    assert_eq!(edges.len(), 1);
    let e = edges[0];
    let code = |v| g.data.states.state(v).id.0;
    assert_eq!((code(e.a), code(e.b)), (365, 703));
    let expected = [Obligation::Defense, Obligation::Neutrality, Obligation::Nonaggression, Obligation::Consultation]
        .into_iter()
        .fold(ObligationSet::EMPTY, ObligationSet::with);
    assert_eq!(e.types(), expected);
    assert_eq!(e.span.to_string(), "[1992-06-10, 2017-01-01)");
}

#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn member_8152_is_a_node_only_without_the_system_filter() {
    let Some(dir) = real_data() else { return };
    let (g, t, _) = load(&dir, SystemFilter::Cow);
    let v = g.data.states.index_of(StateId(8152)).expect("8152 is in the index");
    assert!(t.years().all(|y| !t.nodes(y).contains(&v)));
    let (g, t, _) = load(&dir, SystemFilter::None);
    let years: Vec<i32> = t.years().filter(|&y| t.nodes(y).contains(&v)).collect();
    assert_eq!(years, (1874..=1883).collect::<Vec<_>>());
    assert_eq!(t.years(), 1815..=2016);
    let snap = SnapshotBuilder::new(&g, &t).build(Period::Year(1880), Layer::Any).unwrap();
    assert!(snap.edges.iter().any(|e| e.a == v || e.b == v));
}

/// COW system members of each year, counted straight from the CSV text.
fn cow_members_per_year(dir: &Path) -> BTreeMap<i32, usize> {
    let text = std::fs::read_to_string(dir.join("cow/states2016.csv")).unwrap();
    let mut per_year: BTreeMap<i32, std::collections::BTreeSet<u32>> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let n = f.len();
        // statenme may hold no commas in states2016.csv: ccode is field 1, years at n-7 and n-4.
        let (code, start, end): (u32, i32, i32) =
            (f[1].parse().unwrap(), f[n - 7].parse().unwrap(), f[n - 4].parse().unwrap());
        for y in start..=end {
            per_year.entry(y).or_default().insert(code);
        }
    }
    per_year.into_iter().map(|(y, s)| (y, s.len())).collect()
}

#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn node_counts_equal_cow_system_members() {
    let Some(dir) = real_data() else { return };
    let (_, t, _) = load(&dir, SystemFilter::Cow);
    let cow = cow_members_per_year(&dir);
    for y in t.years() {
        assert_eq!(t.nodes(y).len(), cow[&y], "year {y}");
    }
    assert_eq!(cow[&1816], 23);
    assert_eq!(cow[&2016], 195);
}

/// One snapshot as text: `year layer nodes alliances multi_edges | a-b-w ...`.
fn describe(g: &AllianceGraph, s: &Snapshot) -> String {
    let code = |v| g.data.states.state(v).id.0;
    let edges: Vec<String> = s.edges.iter().map(|e| format!("{}-{}-{}", code(e.a), code(e.b), e.weight)).collect();
    let (Some(Period::Year(y)), Some(layer)) = (s.period, s.layer) else { panic!("a year snapshot") };
    format!("{y} {layer} {} {} {} | {}", s.nodes.len(), s.alliances, s.multi_edges, edges.join(" "))
}

const PYTHON: &str = r#"
import sys
sys.path.insert(0, sys.argv[1])
import atop_common as c
d = c.Data(sys.argv[2], sys.argv[3], filt=sys.argv[4], rule=sys.argv[5])
out = sys.stdout
for s in d.snapshots():
    out.write("%d %s %d %d %d | %s\n" % (s.year, s.layer, len(s.nodes), s.alliances, s.multi_edges,
              " ".join("%d-%d-%d" % e for e in s.wedges)))
"#;

/// Compares every (year, layer) snapshot — nodes, simple edges with weights, alliances,
/// multigraph edges — with the anchors' standard-library implementation of the same contract.
fn compare_with_anchor(filter: SystemFilter, rule: YearRule, expected_snapshots: usize) {
    let Some(dir) = real_data() else { return };
    // The anchor scripts sit beside the data directory (`../shared/anchors` by default).
    let anchors = std::env::var_os("PACTNET_ANCHORS_DIR").map_or_else(|| dir.join("../anchors"), Into::into);
    let python = std::process::Command::new("python3")
        .arg("-c")
        .arg(PYTHON)
        .arg(&anchors)
        .arg(dir.join("atop-4.01/atop4_01m.csv"))
        .arg(dir.join("cow/states2016.csv"))
        .arg(filter.name())
        .arg(rule.name())
        .output();
    let reference = match python {
        Ok(o) if o.status.success() => String::from_utf8(o.stdout).unwrap(),
        other => {
            let why = format!("python3 with {} is needed: {other:?}", anchors.display());
            assert!(std::env::var("CI").map_or(true, |v| v != "true"), "{why}");
            eprintln!("skipped: {why}");
            return;
        }
    };
    let (g, _, _) = load(&dir, filter);
    let t = Timeline::with_rule(&g, rule);
    let mut b = SnapshotBuilder::new(&g, &t);
    let mut snap = Snapshot::default();
    let mut ours = Vec::new();
    for y in t.years() {
        for layer in Layer::ALL {
            b.build_into(Period::Year(y), layer, &mut snap).unwrap();
            ours.push(describe(&g, &snap));
        }
    }
    let theirs: Vec<&str> = reference.lines().collect();
    assert_eq!(ours.len(), expected_snapshots);
    assert_eq!(theirs.len(), expected_snapshots);
    for (a, b) in ours.iter().zip(&theirs) {
        assert!(a == b, "snapshot differs\n--- pactnet\n{a}\n--- anchor\n{b}");
    }
}

#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn every_snapshot_matches_the_anchor_computation_with_the_cow_filter() {
    compare_with_anchor(SystemFilter::Cow, YearRule::Any, 1206);
}

#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn every_31_december_and_1_january_snapshot_matches_the_anchor_computation() {
    compare_with_anchor(SystemFilter::Cow, YearRule::End, 1206);
    compare_with_anchor(SystemFilter::Cow, YearRule::Start, 1206);
}

#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn every_snapshot_matches_the_anchor_computation_without_a_filter() {
    compare_with_anchor(SystemFilter::None, YearRule::Any, 1212);
}

#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn defense_dyads_on_31_december_match_the_published_counts() {
    // A published study (earlier ATOP version) reports 8 defense dyads for 1900 and 1,115 for 2000.
    let Some(dir) = real_data() else { return };
    let (g, _, _) = load(&dir, SystemFilter::Cow);
    let t = Timeline::with_rule(&g, YearRule::End);
    let mut b = SnapshotBuilder::new(&g, &t);
    let defense = Layer::Only(Obligation::Defense);
    assert_eq!(b.build(Period::Year(1900), defense).unwrap().edges.len(), 8);
    let n2000 = b.build(Period::Year(2000), defense).unwrap().edges.len();
    assert_eq!(n2000, 1085, "within 5 % of 1,115");
}

#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn portfolio_similarity_matches_an_independent_computation() {
    // Expected values: S (valued, absolute) computed in Python from the anchors' multigraph
    // (`atop_common.Data`): dense portfolios over the year's nodes, self-tie 3, and
    // S = 1 − 2·(Σ|x−y|/n)/3, printed with repr.
    use pactnet::measures::similarity::{similarity, SimilarityRequest};
    let Some(dir) = real_data() else { return };
    let (g, t, _) = load(&dir, SystemFilter::Cow);
    let table = similarity(&g, &t, &SimilarityRequest::default()).unwrap();
    assert_eq!(table.len(), 956_175);
    for (year, a, b, s) in [
        (1816, 2, 200, 0.5652173913043479),
        (1914, 255, 300, 0.9555555555555556),
        (1950, 2, 365, -0.057777777777777706),
        (2000, 2, 200, 0.5602094240837696),
    ] {
        assert_eq!(table.value(year, StateId(a), StateId(b)), Some(s), "{year} {a} {b}");
    }
}

#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn blocs_of_1950_reach_the_modularity_networkx_finds() {
    // networkx 3.6.1: `modularity(G, our blocs)` = 0.4921942526175095 on the 1950 `any` snapshot,
    // and the best of `louvain_communities(G, seed=s)` over s = 0..30 has the same Q.
    use pactnet::measures::blocs::{yearly_blocs, BlocRequest};
    let Some(dir) = real_data() else { return };
    let (g, t, _) = load(&dir, SystemFilter::Cow);
    let request = BlocRequest { years: Some(1949..=1950), ..BlocRequest::default() };
    let table = yearly_blocs(&g, &t, &request).unwrap();
    let y1950 = &table.years[1];
    assert_eq!(y1950.year, 1950);
    assert!((y1950.modularity - 0.4921942526175095).abs() < 1e-12, "{}", y1950.modularity);
    assert_eq!(y1950.blocs, 21);
    assert!(y1950.nmi_prev.is_some_and(|v| (0.0..=1.0).contains(&v)));
    assert!(table.years[0].nmi_prev.is_none());
}

/// Issue 13: on the full data, every table command's CSV and JSON is free of `-0` and of empty
/// strings standing for numbers (a missing number is an empty CSV field and a JSON `null`).
#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn every_command_writes_clean_numbers_on_the_full_data() {
    let Some(dir) = real_data() else { return };
    let members = dir.join("atop-4.01/atop4_01m.csv");
    let states = dir.join("cow/states2016.csv");
    let commands: &[&[&str]] = &[
        &["snapshot", "--year", "1919"],
        &["snapshot", "--year", "1919", "--nodes"],
        &["metrics", "--years", "1910..1925", "--layers", "all"],
        &["metrics", "--years", "1919", "--level", "node", "--layers", "all"],
        &["closure", "--years", "1900..1950"],
        &["closure", "--years", "1919", "--esp"],
        &["blocs", "--years", "1910..1925", "--summary"],
        &["blocs", "--years", "1919"],
        &["cliques", "--years", "1914"],
        &["cliques", "--years", "1914", "--overlap"],
        &["similarity", "--years", "1919"],
        &["state", "France"],
        &["state", "FRN", "--by-year"],
        &["dyad", "FRN", "RUS"],
        &["export", "dyadyears", "--years", "1919"],
        &["export", "statelevel", "--years", "1919"],
        &["separation", "--years", "1900..1920"],
        &["separation", "--summary"],
        &["durations"],
        &["durations", "--by", "type", "--summary"],
        &["reach", "--year", "1914", "RUS"],
        &["export", "alliances"],
        &["similarity", "--years", "1906", "--weights", "weights.csv"],
    ];
    let work = tempfile::tempdir().unwrap();
    // Capability-like shares; a -0 weight must not come out as -0, a state missing weighs 0.
    std::fs::write(work.path().join("weights.csv"), "ccode,weight\n2,0.3\n200,0.25\n220,-0.0\n255,0.2\n365,0.25\n")
        .unwrap();
    let mut gwesp_zeros = 0;
    for args in commands {
        for format in ["csv", "json"] {
            let mut full: Vec<&str> = args.to_vec();
            full.extend(["-q", "--format", format, "--members", members.to_str().unwrap()]);
            full.extend(["--states", states.to_str().unwrap()]);
            let o = crate::common::pactnet(work.path(), &full);
            assert!(o.status.success(), "{args:?}: {}", crate::common::show(&o));
            let text = String::from_utf8_lossy(&o.stdout);
            assert!(text.lines().count() > 1, "{args:?} {format}: no rows\n{text}");
            if format == "csv" {
                let mut lines = text.lines();
                let header: Vec<&str> = lines.next().unwrap().split(',').collect();
                for line in lines {
                    for (i, field) in line.split(',').enumerate() {
                        let negative_zero = field.starts_with('-') && field.parse::<f64>().is_ok_and(|v| v == 0.0);
                        assert!(!negative_zero, "{args:?}: -0 in column {:?}: {line}", header.get(i));
                        if header.get(i) == Some(&"gwesp") && field == "0.0" {
                            gwesp_zeros += 1;
                        }
                    }
                }
            } else {
                let rows: Vec<serde_json::Map<String, serde_json::Value>> =
                    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: not JSON: {e}\n{text}"));
                let numeric: std::collections::BTreeSet<&String> =
                    rows.iter().flat_map(|r| r.iter().filter(|(_, v)| v.is_number()).map(|(k, _)| k)).collect();
                for r in &rows {
                    for (k, v) in r {
                        if let Some(n) = v.as_f64() {
                            assert!(!(n == 0.0 && v.to_string().starts_with('-')), "{args:?}: -0 in {k}: {r:?}");
                        }
                        assert!(!(v == "" && numeric.contains(k)), "{args:?}: \"\" for the number {k}: {r:?}");
                        // Lists are arrays of the items as strings (issue 25: atopids and members
                        // of codes, written as they are), never a joined string (`partners` of
                        // `export statelevel` is a count).
                        if ["atopids", "members", "partners"].contains(&k.as_str()) {
                            let codes = |a: &Vec<serde_json::Value>| {
                                k == "partners"
                                    || a.iter().all(|s| s.as_str().is_some_and(|s| s.parse::<u32>().is_ok()))
                            };
                            assert!(v.as_array().map_or(v.is_number(), codes), "{args:?}: {k} is not a list: {r:?}");
                        }
                    }
                }
            }
        }
    }
    // 1919's closure row (layer any) had gwesp -0.0 before the fix: the case is exercised.
    assert!(gwesp_zeros >= 1, "expected the 1919 gwesp zero, found {gwesp_zeros}");
    // `alliance` writes one JSON document (text otherwise): no -0 and no "" anywhere in it.
    let mut full = vec!["-q", "alliance", "3180", "--format", "json", "--members", members.to_str().unwrap()];
    full.extend(["--states", states.to_str().unwrap()]);
    let o = crate::common::pactnet(work.path(), &full);
    assert!(o.status.success(), "{}", crate::common::show(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["atopid"], 3180);
    fn walk(v: &serde_json::Value, bad: &mut Vec<String>) {
        match v {
            serde_json::Value::Number(n) if n.as_f64() == Some(0.0) && n.to_string().starts_with('-') => {
                bad.push(n.to_string())
            }
            serde_json::Value::String(t) if t.is_empty() => bad.push("\"\"".into()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, bad)),
            serde_json::Value::Object(m) => m.values().for_each(|x| walk(x, bad)),
            _ => {}
        }
    }
    let mut bad = Vec::new();
    walk(&doc, &mut bad);
    assert!(bad.is_empty(), "alliance 3180: {bad:?}");
    // An alliance still in force has no end: null in JSON, not "" (334 on the full data).
    full = vec!["-q", "export", "alliances", "--format", "json", "--members", members.to_str().unwrap()];
    full.extend(["--states", states.to_str().unwrap()]);
    let o = crate::common::pactnet(work.path(), &full);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rows.iter().filter(|r| r["end"].is_null()).count(), 334);
}

/// Issue 21: `export statelevel`'s obligation columns against ATOP 5.1's own directed dyad-years
/// aggregated by (ccode1, year), under `--system none`, in 1815..=2016 (the COW list's years).
/// Every difference is one of four documented causes; measured once and pinned here.
#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn issue21_statelevel_obligations_agree_with_atop_51_directed_dyad_years() {
    use pactnet::export::statelevel::StateYears;
    use std::collections::BTreeSet;
    let Some(dir) = real_data() else { return };
    let inputs = Inputs {
        members: Source::File(dir.join("atop-5.1/atop5_1m.csv")),
        states: Source::File(dir.join("cow/states2016.csv")),
        alliances: None,
    };
    let (data, mut diag) = Dataset::load(&inputs, &LoadOptions::default()).expect("ATOP 5.1 loads");
    let g = AllianceGraph::build(data, SystemFilter::None, &mut diag);
    let t = Timeline::new(&g);
    let table = StateYears::new(&g, &t, Some(1815..=2016));
    let mut ours: BTreeMap<(u16, i32), ObligationSet> = BTreeMap::new();
    for year in t.years().filter(|&y| y <= 2016) {
        for (&v, atop) in t.nodes(year).iter().zip(table.atop(year)) {
            ours.insert((g.data.states.state(v).id.0, year), atop.obligations);
        }
    }
    // ATOP: the union of ccode1's flags toward every ccode2 of the year.
    let mut atop: BTreeMap<(u16, i32), ObligationSet> = BTreeMap::new();
    let mut reader = csv::Reader::from_path(dir.join("reference/atop5_1_directed_dyad_years.csv")).unwrap();
    for row in reader.records() {
        let row = row.unwrap();
        let year: i32 = row[2].parse().unwrap();
        if year > 2016 {
            continue;
        }
        let flags = Obligation::ALL
            .iter()
            .enumerate()
            .filter(|(k, _)| &row[3 + k] == "1")
            .fold(ObligationSet::EMPTY, |set, (_, &o)| set.with(o));
        let entry = atop.entry((row[0].parse().unwrap(), year)).or_insert(ObligationSet::EMPTY);
        *entry = entry.union(flags);
    }
    assert_eq!(atop.len(), 11_545);
    let differ: BTreeSet<(u16, i32)> =
        atop.iter().filter(|(k, flags)| ours.get(k).is_some_and(|o| o != *flags)).map(|(k, _)| *k).collect();
    let agree = atop.iter().filter(|(k, flags)| ours.get(k) == Some(flags)).count();
    assert_eq!(agree, 11_519);
    let mut expected: BTreeSet<(u16, i32)> = BTreeSet::new();
    // A phase change within the year: ATOP's dyad-year carries the flags of the later phase,
    // pactnet those of every day of the year (1362 in 1888, 1155 in 1857, 1415 in 1905).
    expected.extend([(90, 1888), (91, 1888), (92, 1888), (94, 1888), (140, 1857), (740, 1905)]);
    // France's defense of Annam (1320; Annam, 8152, has no COW code: ATOP drops the dyad).
    expected.extend((1874..=1877).map(|y| (220, y)));
    // Locarno (2130): Germany's member row pledges defense; ATOP's hand-corrected dyads do not.
    expected.extend((1925..=1936).map(|y| (255, y)));
    // Exit on 1 January: a day of membership in ATOP's file, the first day outside in pactnet.
    expected.extend([(345, 1895), (484, 1974), (713, 1980)]);
    assert_eq!(differ, expected);
    let missing: Vec<_> = atop.keys().filter(|k| !ours.contains_key(k)).collect();
    assert_eq!(missing, [&(315, 1993)], "Czechoslovakia: its last rows exit on 1993-01-01");
    // State-years with an obligation that ATOP's file lacks: France–Annam alone.
    let extra: BTreeSet<(u16, i32)> =
        ours.iter().filter(|(k, o)| !o.is_empty() && !atop.contains_key(k)).map(|(k, _)| *k).collect();
    let france_annam: BTreeSet<(u16, i32)> =
        (1878..=1883).map(|y| (220, y)).chain((1874..=1883).map(|y| (8152, y))).collect();
    assert_eq!(extra, france_annam);
}
