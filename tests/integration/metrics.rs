//! The metrics stage (issue 3): Zachary's karate club against networkx's published values,
//! properties on random alliance data (proptest), and values of the real ATOP 4.01 data pinned
//! from the networkx reference run (`../shared/anchors/anchor_networkx.py`).

use crate::common::real_data;
use pactnet::analysis::components::Components;
use pactnet::analysis::csr::Csr;
use pactnet::analysis::paths::{shortest_paths, PathResults, PathScratch, PathTargets};
use pactnet::analysis::{self, Execution, GraphMetric, Level, MetricRequest, NodeMetric};
use pactnet::io::table::{write_table, OutputFormat, Table};
use pactnet::io::Source;
use pactnet::{AllianceGraph, Dataset, Inputs, Layer, LoadOptions, StateId, SystemFilter, Timeline};
use proptest::prelude::*;

/// Zachary (1977): the 78 edges as networkx 3.6.1's `karate_club_graph()` numbers them.
use pactnet::testdata::KARATE_CLUB as KARATE;

/// networkx 3.6.1 `betweenness_centrality(G, normalized=True)` on the karate club (node 0's raw
/// value 231.0714… / C(33, 2) = 0.4376…, as in the literature).
const KARATE_BETWEENNESS: [f64; 34] = [
    0.43763528138528146,
    0.053936688311688304,
    0.14365680615680618,
    0.011909271284271283,
    0.0006313131313131313,
    0.02998737373737374,
    0.029987373737373736,
    0.0,
    0.05592682780182781,
    0.0008477633477633478,
    0.0006313131313131313,
    0.0,
    0.0,
    0.04586339586339586,
    0.0,
    0.0,
    0.0,
    0.0,
    0.0,
    0.03247504810004811,
    0.0,
    0.0,
    0.0,
    0.017613636363636363,
    0.0022095959595959595,
    0.0038404882154882154,
    0.0,
    0.02233345358345358,
    0.0017947330447330447,
    0.0029220779220779218,
    0.014411976911976909,
    0.13827561327561325,
    0.145247113997114,
    0.30407497594997596,
];

/// networkx 3.6.1 `closeness_centrality(G)` on the karate club.
const KARATE_CLOSENESS: [f64; 34] = [
    0.5689655172413793,
    0.4852941176470588,
    0.559322033898305,
    0.4647887323943662,
    0.3793103448275862,
    0.38372093023255816,
    0.38372093023255816,
    0.44,
    0.515625,
    0.4342105263157895,
    0.3793103448275862,
    0.36666666666666664,
    0.3707865168539326,
    0.515625,
    0.3707865168539326,
    0.3707865168539326,
    0.28448275862068967,
    0.375,
    0.3707865168539326,
    0.5,
    0.3707865168539326,
    0.375,
    0.3707865168539326,
    0.39285714285714285,
    0.375,
    0.375,
    0.3626373626373626,
    0.4583333333333333,
    0.4520547945205479,
    0.38372093023255816,
    0.4583333333333333,
    0.5409836065573771,
    0.515625,
    0.55,
];

#[test]
fn karate_club_matches_networkx() {
    let g = Csr::from_edges(34, &KARATE);
    let mut comps = Components::default();
    comps.compute(&g, &mut Vec::new());
    let mut r = PathResults::default();
    let all = PathTargets { betweenness: true, closeness: true, harmonic: true };
    let mut twins = pactnet::analysis::twins::Twins::default();
    twins.compute(&g);
    let mut q = pactnet::analysis::twins::Quotient::default();
    q.compute(&g, &twins);
    shortest_paths(&q, &comps, all, &mut PathScratch::default(), &mut r);
    for u in 0..34 {
        assert!((r.betweenness[u] - KARATE_BETWEENNESS[u]).abs() < 1e-15, "betweenness of {u}: {}", r.betweenness[u]);
        assert!((r.closeness[u] - KARATE_CLOSENESS[u]).abs() < 1e-15, "closeness of {u}: {}", r.closeness[u]);
    }
    // networkx: diameter 5, average_shortest_path_length 2.408199643493761.
    assert_eq!(r.diameter, 5);
    assert!((r.avg_path_length - 2.408199643493761).abs() < 1e-15);
    let mut t = pactnet::analysis::clustering::Triangles::default();
    t.compute(&g);
    let mut local = Vec::new();
    t.local_clustering(&g, &mut local);
    // networkx: transitivity 0.2556818181818182, average_clustering 0.5706384782076823.
    assert_eq!(t.transitivity(&g), 0.2556818181818182);
    assert!((pactnet::analysis::clustering::average_clustering(&local) - 0.5706384782076823).abs() < 1e-15);
    let mut core = Vec::new();
    pactnet::analysis::cores::core_numbers(&g, &mut Default::default(), &mut core);
    let nx_core =
        [4, 4, 4, 4, 3, 3, 3, 4, 4, 2, 3, 1, 2, 4, 2, 2, 2, 2, 2, 3, 2, 2, 2, 3, 3, 3, 2, 3, 3, 3, 4, 3, 4, 4];
    assert_eq!(core, nx_core);
    // networkx: eigenvector_centrality(tol=1e-12) 0.3554914445167459 (node 0), 0.3733634702989749
    // (node 33); pagerank(weight=None, tol=1e-15) 0.09699728538830414, 0.10091918233261697.
    let (mut pr, mut ev) = (Vec::new(), Vec::new());
    let mut s = Default::default();
    pactnet::analysis::spectral::pagerank(&q, &mut s, &mut pr);
    pactnet::analysis::spectral::eigenvector(&q, &mut s, &mut ev);
    assert!((ev[0] - 0.3554914445167459).abs() < 1e-12 && (ev[33] - 0.3733634702989749).abs() < 1e-12, "{ev:?}");
    assert!((pr[0] - 0.09699728538830414).abs() < 1e-14 && (pr[33] - 0.10091918233261697).abs() < 1e-14, "{pr:?}");
}

/// Eight states, all in the system 1816..2016.
const STATES: &str = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version
USA,2,United States,1816,1,1,2016,12,31,2016
UKG,200,United Kingdom,1816,1,1,2016,12,31,2016
FRN,220,France,1816,1,1,2016,12,31,2016
GMY,255,Germany,1816,1,1,2016,12,31,2016
AUH,300,Austria-Hungary,1816,1,1,2016,12,31,2016
ITA,325,Italy,1816,1,1,2016,12,31,2016
RUS,365,Russia,1816,1,1,2016,12,31,2016
TUR,640,Turkey,1816,1,1,2016,12,31,2016
";
const CODES: [u16; 8] = [2, 200, 220, 255, 300, 325, 365, 640];

/// Member rows: (members as a bitmask of the eight states, never empty, start year, length,
/// obligation flags).
fn members_csv(alliances: &[(u8, u16, u16, u8)]) -> String {
    let mut s = String::from(
        "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul\n",
    );
    for (i, &(mask, start, len, flags)) in alliances.iter().enumerate() {
        let flags = if flags & 0b1_1111 == 0 { 0b1_0000 } else { flags };
        let f: Vec<String> = (0..5).map(|b| ((flags >> b) & 1).to_string()).collect();
        for (k, code) in CODES.iter().enumerate() {
            if mask & (1 << k) != 0 {
                let (y0, y1) = (1900 + start, 1900 + start + len + 1);
                s.push_str(&format!("{},{code},{y0},1,1,{y1},1,1,1,{}\n", 1001 + i, f.join(",")));
            }
        }
    }
    s
}

fn csv(t: &dyn Table) -> String {
    let mut out = Vec::new();
    write_table(t, OutputFormat::Csv, &mut out).expect("write to memory");
    String::from_utf8(out).expect("utf-8")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn properties_on_random_alliances(alliances in prop::collection::vec((1u8..=255, 0u16..12, 0u16..6, any::<u8>()), 1..12)) {
        let text: &'static str = Box::leak(members_csv(&alliances).into_boxed_str());
        let inputs = Inputs {
            members: Source::Embedded { name: "m.csv", text },
            states: Source::Embedded { name: "s.csv", text: STATES },
            alliances: None,
        };
        let opts = LoadOptions { data_end: Some(1920), ..Default::default() };
        let (data, mut diag) = Dataset::load(&inputs, &opts).expect("generated rows are valid");
        let graph = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
        let timeline = Timeline::new(&graph);
        let request = MetricRequest { years: Some(1898..=1920), layers: Layer::ALL.to_vec(), level: Level::Both, ..Default::default() };
        let par = analysis::run(&graph, &timeline, &request).expect("years of the data");
        let seq = analysis::run(&graph, &timeline, &MetricRequest { execution: Execution::Sequential, ..request.clone() })
            .expect("years of the data");
        // Parallel and sequential output are byte-identical.
        prop_assert_eq!(csv(&par.graph_table()), csv(&seq.graph_table()));
        prop_assert_eq!(csv(&par.node_table()), csv(&seq.node_table()));
        let graph_rows: Vec<_> = par.graph_rows().collect();
        let node_rows: Vec<_> = par.node_rows().collect();
        for g in &graph_rows {
            let rows: Vec<_> = node_rows.iter().filter(|r| (r.year, r.layer) == (g.year, g.layer)).collect();
            // Degree sum = 2E; strength ≥ degree; clustering in [0, 1].
            prop_assert_eq!(rows.iter().map(|r| r.degree as usize).sum::<usize>(), 2 * g.edges);
            prop_assert!(rows.iter().all(|r| r.strength >= r.degree));
            prop_assert!(rows.iter().all(|r| (0.0..=1.0).contains(&r.clustering)));
            prop_assert!((0.0..=1.0).contains(&g.avg_clustering) && (0.0..=1.0).contains(&g.transitivity));
            let pr: f64 = rows.iter().map(|r| r.pagerank).sum();
            prop_assert!((pr - 1.0).abs() < 1e-12);
            // Each layer's snapshot is a subgraph of `any`: same nodes, no more ties per node.
            let any: Vec<_> = node_rows.iter().filter(|r| (r.year, r.layer) == (g.year, Layer::Any)).collect();
            prop_assert_eq!(rows.len(), any.len());
            for (r, a) in rows.iter().zip(&any) {
                prop_assert_eq!(r.state, a.state);
                prop_assert!(r.degree <= a.degree && r.strength <= a.strength && r.core <= a.core);
            }
        }
    }
}

#[test]
fn choices_parse_by_name_and_unknown_names_list_the_valid_ones() {
    assert_eq!("avg-path-length".parse::<GraphMetric>(), Ok(GraphMetric::AvgPathLength));
    assert_eq!("PageRank".parse::<NodeMetric>(), Ok(NodeMetric::Pagerank));
    assert_eq!("both".parse::<Level>(), Ok(Level::Both));
    let err = "betweeness".parse::<NodeMetric>().unwrap_err().to_string();
    assert_eq!(
        err,
        "unknown node metric \"betweeness\": expected one of degree, strength, betweenness, closeness, harmonic, \
         pagerank, eigenvector, clustering, core"
    );
    assert!(GraphMetric::ALL.iter().all(|m| m.name().parse::<GraphMetric>() == Ok(*m)));
}

#[test]
fn a_selection_writes_only_its_columns_for_the_chosen_states() {
    let (data, mut diag) = Dataset::load(&Inputs::sample(), &LoadOptions::default()).expect("sample loads");
    let graph = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
    let timeline = Timeline::new(&graph);
    let usa = graph.data.states.index_of(StateId(2)).expect("USA");
    let request = MetricRequest {
        years: Some(1950..=1950),
        layers: vec![Layer::Only(pactnet::Obligation::Defense), Layer::Any],
        level: Level::Both,
        graph_metrics: vec![GraphMetric::Edges, GraphMetric::Nodes],
        node_metrics: vec![NodeMetric::Degree],
        states: Some(vec![usa]),
        ..Default::default()
    };
    let t = analysis::run(&graph, &timeline, &request).expect("1950 is in the sample");
    let g = csv(&t.graph_table());
    let lines: Vec<&str> = g.lines().collect();
    assert_eq!(lines[0], "year,layer,nodes,edges");
    assert!(lines[1].starts_with("1950,any,") && lines[2].starts_with("1950,defense,"), "{g}");
    let n = csv(&t.node_table());
    assert_eq!(n.lines().next(), Some("year,layer,ccode,abbr,degree"));
    assert_eq!(n.lines().count(), 3, "{n}");
    assert!(n.lines().skip(1).all(|l| l.contains(",2,USA,")), "{n}");
    let err = analysis::run(&graph, &timeline, &MetricRequest { years: Some(1700..=1800), ..Default::default() });
    assert!(err.unwrap_err().to_string().contains("year 1700 is outside the data"));
}

/// The full workload on ATOP 4.01 + COW 2016: row counts, byte-identical parallel and sequential
/// output, and values pinned from the networkx reference (`anchor_networkx.py`, networkx 3.6.1;
/// all 1,206 graph rows and 95,706 node rows agree with it: see the issue 3 report).
#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn atop_401_every_year_and_layer_matches_networkx_pins() {
    let Some(dir) = real_data() else { return };
    let inputs = Inputs {
        members: Source::File(dir.join("atop-4.01/atop4_01m.csv")),
        states: Source::File(dir.join("cow/states2016.csv")),
        alliances: None,
    };
    let (data, mut diag) = Dataset::load(&inputs, &LoadOptions::default()).expect("ATOP 4.01 loads");
    let graph = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
    let timeline = Timeline::new(&graph);
    let request = MetricRequest { layers: Layer::ALL.to_vec(), level: Level::Both, ..Default::default() };
    let par = analysis::run(&graph, &timeline, &request).expect("all years");
    let seq = analysis::run(&graph, &timeline, &MetricRequest { execution: Execution::Sequential, ..request.clone() })
        .expect("all years");
    let (gp, np) = (csv(&par.graph_table()), csv(&par.node_table()));
    assert!(gp == csv(&seq.graph_table()) && np == csv(&seq.node_table()), "parallel output differs from sequential");
    assert_eq!((gp.lines().count(), np.lines().count()), (1 + 1206, 1 + 95_706));
    // Graph rows of the networkx reference (float columns to 1e-12, the rest exactly); the last
    // two columns are networkx's degree and region assortativity (issue 15).
    let pins = [
        "1914,defense,45,15,0.015151515151515152,32,35,8,0.6666666666666666,0.0962962962962963,0.5806451612903226,0.10306553911205074,4,1.8928571428571428,12,19,0.44306930693069363,-0.08433734939759031",
        "1950,any,75,335,0.12072072072072072,16,18,57,8.933333333333334,0.5817403373209825,0.9241787624140565,0.30636801184746393,6,2.7205513784461153,49,579,0.7041497803871177,0.8097384791502125",
        "2016,any,195,4203,0.22220459952418714,9,10,186,43.10769230769231,0.8418833672093757,0.8756878199361612,0.37441910154372093,3,2.043126997965708,334,6375,0.14933347177630837,0.6849881090945364",
    ];
    for pin in pins {
        let key: String = pin.split(',').take(2).collect::<Vec<_>>().join(",") + ",";
        let line = gp.lines().find(|l| l.starts_with(&key)).unwrap_or_else(|| panic!("no row {key}"));
        assert_close(line, pin);
    }
    // Node rows (year,layer,ccode,degree,…,core; our abbr column removed).
    let pins = [
        "1950,any,2,31,51,0.2665679378008145,0.4114405667803726,40.083333333333336,0.031638168855128254,0.22895194206004643,0.5268817204301075,20",
        "1914,defense,255,5,8,0.006871035940803383,0.11136363636363636,5.833333333333334,0.08496557207687858,0.5166973167012006,0.5,3",
        "2016,any,365,92,159,0.06935640816541076,0.6345954164503449,138.5,0.01080031069018394,0.14688209201728167,0.49092212135690394,55",
    ];
    for pin in pins {
        let key: String = pin.split(',').take(3).collect::<Vec<_>>().join(",") + ",";
        let line = np.lines().find(|l| l.starts_with(&key)).unwrap_or_else(|| panic!("no row {key}"));
        let without_abbr: Vec<&str> = line.split(',').enumerate().filter(|(i, _)| *i != 3).map(|(_, c)| c).collect();
        assert_close(&without_abbr.join(","), pin);
    }
}

/// Compares two CSV lines cell by cell: equal text, or floats within 1e-12.
fn assert_close(actual: &str, expected: &str) {
    let ok = actual.split(',').count() == expected.split(',').count()
        && actual.split(',').zip(expected.split(',')).all(|(a, e)| {
            a == e || matches!((a.parse::<f64>(), e.parse::<f64>()), (Ok(x), Ok(y)) if (x - y).abs() < 1e-12)
        });
    assert!(ok, "row differs\n--- expected (networkx)\n{expected}\n--- actual\n{actual}");
}
