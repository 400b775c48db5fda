//! Every change statistic against its definition: the statistic of the whole network computed
//! from scratch with the dyad's tie present, minus with it absent, on random small graphs.

use super::*;
use crate::measures::dynamics::gwesp as gwesp_of_esp;
use crate::rng::SplitMix64;
use crate::tergm::terms::parse_model;
use crate::tergm::YearNetwork;
use crate::StateId;
use std::collections::BTreeMap;

/// Numeric `x`, category `cat`, dyad weight `w`; state 7 has no `cinc`.
struct TestAttributes {
    x: BTreeMap<u16, f64>,
    cat: BTreeMap<u16, &'static str>,
    w: BTreeMap<(u16, u16), f64>,
}

impl Attributes for TestAttributes {
    fn node_names(&self) -> Vec<String> {
        vec!["x".into(), "cat".into(), "cinc".into()]
    }
    fn node(&self, name: &str, s: StateId, _year: i32) -> Option<NodeValue> {
        match name {
            "x" => self.x.get(&s.0).map(|v| NodeValue::Number(*v)),
            "cat" => self.cat.get(&s.0).map(|v| NodeValue::Category(v.to_string())),
            "cinc" => (s.0 != 7).then_some(NodeValue::Number(0.5)),
            _ => None,
        }
    }
    fn dyad_names(&self) -> Vec<String> {
        vec!["w".into()]
    }
    fn dyad(&self, _: &str, a: StateId, b: StateId, _: i32) -> f64 {
        self.w.get(&(a.0.min(b.0), a.0.max(b.0))).copied().unwrap_or(0.0)
    }
}

fn random_graph(rng: &mut SplitMix64, year: i32, nodes: &[u16], p: f64) -> YearGraph {
    let mut ties = Vec::new();
    for (k, &a) in nodes.iter().enumerate() {
        for &b in &nodes[k + 1..] {
            if rng.chance(p) {
                ties.push((StateId(a), StateId(b)));
            }
        }
    }
    YearGraph::new(&YearNetwork::new(year, nodes.iter().map(|&s| StateId(s)).collect(), ties).0)
}

fn edges_of(g: &YearGraph) -> Vec<(usize, usize)> {
    let n = g.len();
    (0..n).flat_map(|i| ((i + 1)..n).map(move |j| (i, j))).filter(|&(i, j)| g.tied(i, j)).collect()
}

fn with_tie(g: &YearGraph, i: usize, j: usize, tied: bool) -> YearGraph {
    let mut ties: Vec<(StateId, StateId)> =
        edges_of(g).into_iter().filter(|&e| e != (i, j)).map(|(a, b)| (g.nodes[a], g.nodes[b])).collect();
    if tied {
        ties.push((g.nodes[i], g.nodes[j]));
    }
    YearGraph::new(&YearNetwork::new(g.year, g.nodes.clone(), ties).0)
}

/// e^α Σ_k (1 − (1 − e^−α)^k) count_k, written as the definition reads.
fn geometric(counts: &[u64], alpha: f64) -> f64 {
    let r = 1.0 - (-alpha).exp();
    alpha.exp() * counts.iter().enumerate().map(|(k, &c)| (1.0 - r.powi(k as i32)) * c as f64).sum::<f64>()
}

fn binomial(n: usize, k: usize) -> f64 {
    if k > n {
        0.0
    } else {
        (0..k).fold(1.0, |a, i| a * (n - i) as f64 / (i + 1) as f64)
    }
}

/// The statistic of the whole network `g`, from its definition.
fn statistic(column: &Column, g: &YearGraph, view: &YearView<'_>, a: &dyn Attributes) -> f64 {
    let n = g.len();
    let edges = edges_of(g);
    let level = |attr: &str, s: StateId| level_of(&node_value(a, attr, s, g.year).expect("value"));
    let number = |attr: &str, s: StateId| match node_value(a, attr, s, g.year) {
        Some(NodeValue::Number(v)) => v,
        _ => panic!("no number"),
    };
    let sum_edges = |f: &dyn Fn(usize, usize) -> f64| edges.iter().map(|&(i, j)| f(i, j)).sum::<f64>();
    let sp = |i: usize, j: usize| (0..n).filter(|&k| k != i && k != j && g.tied(i, k) && g.tied(j, k)).count();
    let degree = |i: usize| (0..n).filter(|&k| k != i && g.tied(i, k)).count();
    match &column.statistic {
        Statistic::MatchLevel(x, l) => {
            sum_edges(&|i, j| f64::from(u8::from(level(x, g.nodes[i]) == *l && level(x, g.nodes[j]) == *l)))
        }
        Statistic::FactorLevel(x, l) => {
            sum_edges(&|i, j| f64::from(u8::from(level(x, g.nodes[i]) == *l) + u8::from(level(x, g.nodes[j]) == *l)))
        }
        Statistic::Term(t) => match t {
            Term::Edges => edges.len() as f64,
            Term::Triangle => sum_edges(&|i, j| sp(i, j) as f64) / 3.0,
            Term::KStar(k) => (0..n).map(|i| binomial(degree(i), *k as usize)).sum(),
            Term::Gwesp(alpha) => {
                let mut esp = vec![0u64; n];
                for &(i, j) in &edges {
                    esp[sp(i, j)] += 1;
                }
                gwesp_of_esp(&esp, *alpha)
            }
            Term::Gwdsp(alpha) => {
                let mut dsp = vec![0u64; n];
                for i in 0..n {
                    for j in (i + 1)..n {
                        dsp[sp(i, j)] += 1;
                    }
                }
                geometric(&dsp, *alpha)
            }
            Term::Gwdegree(alpha) => {
                let mut deg = vec![0u64; n];
                for i in 0..n {
                    deg[degree(i)] += 1;
                }
                geometric(&deg, *alpha)
            }
            Term::NodeCov(x) => sum_edges(&|i, j| number(x, g.nodes[i]) + number(x, g.nodes[j])),
            Term::AbsDiff(x, pow) => {
                sum_edges(&|i, j| (number(x, g.nodes[i]) - number(x, g.nodes[j])).abs().powf(*pow))
            }
            Term::NodeMatch(x, _) => {
                sum_edges(&|i, j| f64::from(u8::from(level(x, g.nodes[i]) == level(x, g.nodes[j]))))
            }
            Term::NodeFactor(_) => 2.0 * edges.len() as f64,
            Term::EdgeCov(x) => sum_edges(&|i, j| a.dyad(x, g.nodes[i], g.nodes[j], g.year)),
            Term::Memory(kind, lag) => {
                let before = view.lagged.iter().find(|l| l.0 == *lag).expect("lag").1;
                sum_edges(&|i, j| kind.value(before.tied_states(g.nodes[i], g.nodes[j])))
            }
            Term::TimeCov { x, minimum, maximum, .. } => {
                let t = view.time;
                let v = if t >= *minimum && t <= maximum.unwrap_or(view.last_time) { t as f64 } else { 0.0 };
                sum_edges(&|i, j| v * x.as_ref().map_or(1.0, |x| a.dyad(x, g.nodes[i], g.nodes[j], g.year)))
            }
            Term::LagSp(lag) => {
                let before = view.lagged.iter().find(|l| l.0 == *lag).expect("lag").1;
                sum_edges(&|i, j| f64::from(before.shared_states(g.nodes[i], g.nodes[j])))
            }
        },
    }
}

/// Year 3 of 5, with the lagged networks 1, 2, … years before.
fn view_of<'a>(graph: &'a YearGraph, lags: &'a [YearGraph], attributes: &'a dyn Attributes) -> YearView<'a> {
    YearView {
        graph,
        lagged: lags.iter().enumerate().map(|(k, g)| (k as u32 + 1, g)).collect(),
        time: 3,
        last_time: 5,
        attributes,
    }
}

fn model_columns(formula: &str) -> Vec<Column> {
    let terms: Vec<Term> = parse_model(formula).expect("formula").into_iter().map(|t| t.term).collect();
    columns(&terms, |attr| match attr {
        "cat" => vec!["a".into(), "b".into(), "c".into()],
        "region" => vec!["Americas".into(), "Europe".into()],
        _ => vec![],
    })
}

#[test]
fn every_change_statistic_equals_the_difference_of_the_statistic() {
    let formula = "edges + triangle + kstar(2) + kstar(3) + gwesp(0.5, fixed=TRUE) + gwesp(0, fixed=TRUE) + gwesp(2.5, fixed=TRUE) \
        + gwdsp(0.7, fixed=TRUE) + gwdsp(0, fixed=TRUE) + gwdegree(0.3, fixed=TRUE) + gwdegree(0, fixed=TRUE) \
        + nodecov(x) + absdiff(x) + absdiff(x, pow=2) + nodematch(cat) + nodematch(region, diff=TRUE) + nodefactor(cat) \
        + edgecov(w) + memory(type=\"stability\") + memory(type=\"autoregression\", lag=2) + memory(type=\"innovation\", lag=3) \
        + memory(type=\"loss\", lag=4) + timecov() + timecov(w, minimum=2) + lagsp(lag=1) + lagsp(lag=2) + nodecov(year)";
    let cols = model_columns(formula);
    assert_eq!(cols.iter().filter(|c| c.name.starts_with("nodefactor.cat.")).count(), 2);
    let mut rng = SplitMix64::new(20261207);
    let mut checked = 0;
    for round in 0..12 {
        // States 2..=20 and 200..=210 (two regions); some absent in earlier years.
        let nodes: Vec<u16> = (2..=9).chain(200..=203).filter(|_| rng.chance(0.85)).collect();
        let mut attributes = TestAttributes { x: BTreeMap::new(), cat: BTreeMap::new(), w: BTreeMap::new() };
        for &s in &nodes {
            attributes.x.insert(s, (rng.unit() * 10.0 - 5.0).round() / 4.0);
            attributes.cat.insert(s, ["a", "b", "c"][rng.below(3) as usize]);
            for &t in &nodes {
                if s < t && rng.chance(0.4) {
                    attributes.w.insert((s, t), rng.unit());
                }
            }
        }
        let p = [0.2, 0.45, 0.7][round % 3];
        let g = random_graph(&mut rng, 2000, &nodes, p);
        let lag_nodes: Vec<u16> = (2..=9).chain(200..=203).filter(|_| rng.chance(0.8)).collect();
        let lags: Vec<YearGraph> = (1..=4).map(|l| random_graph(&mut rng, 2000 - l, &lag_nodes, 0.4)).collect();

        let v = view_of(&g, &lags, &attributes);
        let n = g.len();
        for column in &cols {
            let mut out = vec![f64::NAN; n * n.saturating_sub(1) / 2];
            v.fill(column, &mut out).unwrap_or_else(|e| panic!("{e}"));
            let mut row = 0;
            for i in 0..n {
                for j in (i + 1)..n {
                    let plus = with_tie(&g, i, j, true);
                    let minus = with_tie(&g, i, j, false);
                    let expected = statistic(column, &plus, &view_of(&plus, &lags, &attributes), &attributes)
                        - statistic(column, &minus, &view_of(&minus, &lags, &attributes), &attributes);
                    let got = out[row];
                    assert!(
                        (got - expected).abs() <= 1e-9 * expected.abs().max(1.0),
                        "{}: dyad {}–{} in round {round}: change {got}, definition {expected}",
                        column.name,
                        g.nodes[i],
                        g.nodes[j]
                    );
                    row += 1;
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 10_000, "{checked}");
}

#[test]
fn gwesp_of_a_triangle_and_its_large_decay_limit() {
    // A path a–b–c: closing a–c makes a triangle, whose gwesp is 3 for every decay (each edge has one partner).
    let net = YearNetwork::new(
        1,
        vec![StateId(1), StateId(2), StateId(3)],
        [(StateId(1), StateId(2)), (StateId(2), StateId(3))],
    )
    .0;
    let g = YearGraph::new(&net);
    for alpha in [0.0, 0.5, 3.0, 40.0, 800.0] {
        let v = YearView { graph: &g, lagged: vec![], time: 1, last_time: 1, attributes: &crate::tergm::NoAttributes };
        let col = Column { name: "g".into(), statistic: Statistic::Term(Term::Gwesp(alpha)) };
        let mut out = vec![0.0; 3];
        v.fill(&col, &mut out).unwrap();
        // Rows: 1–2 (tied), 1–3 (open), 2–3 (tied).
        assert!((out[1] - 3.0).abs() < 1e-12, "α = {alpha}: {}", out[1]);
        // Toggling 1–2 with 1–3 absent: 1–2 has no partner; e^α(1 − r^0) = 0 and no other edge gains one.
        assert_eq!(out[0], 0.0, "α = {alpha}");
    }
    // Large α: e^α (1 − r^s) tends to s without cancellation: a 4-clique minus an edge.
    let ties = [(1, 3), (1, 4), (2, 3), (2, 4), (3, 4)].map(|(a, b)| (StateId(a), StateId(b)));
    let g = YearGraph::new(&YearNetwork::new(1, (1..=4).map(StateId).collect(), ties).0);
    let v = YearView { graph: &g, lagged: vec![], time: 1, last_time: 1, attributes: &crate::tergm::NoAttributes };
    let mut out = vec![0.0; 6];
    // Closing 1–2 (two partners) makes 4 triangles from 2: Σ k·ESP_k goes from 3·2 to 3·4 = +6.
    v.fill(&Column { name: "g".into(), statistic: Statistic::Term(Term::Gwesp(60.0)) }, &mut out).unwrap();
    assert!((out[0] - 6.0).abs() < 1e-9, "{}", out[0]);
}

#[test]
fn a_missing_covariate_names_the_state_and_year() {
    let net = YearNetwork::new(1990, vec![StateId(2), StateId(7)], []).0;
    let g = YearGraph::new(&net);
    let a = TestAttributes { x: BTreeMap::new(), cat: BTreeMap::new(), w: BTreeMap::new() };
    let v = YearView { graph: &g, lagged: vec![], time: 1, last_time: 1, attributes: &a };
    let col = &model_columns("nodecov(cinc)")[0];
    let e = v.fill(col, &mut [0.0]).unwrap_err().to_string();
    assert!(e.contains("`nodecov.cinc`: 7 has no `cinc` in 1990"), "{e}");
    let col = &model_columns("nodecov(cat)")[0];
    let a = TestAttributes { x: BTreeMap::new(), cat: [(2, "a"), (7, "b")].into(), w: BTreeMap::new() };
    let v = YearView { graph: &g, lagged: vec![], time: 1, last_time: 1, attributes: &a };
    assert!(v.fill(col, &mut [0.0]).unwrap_err().to_string().contains("is a category"));
    let col = &model_columns("memory")[0];
    assert!(v.fill(col, &mut [0.0]).unwrap_err().to_string().contains("needs the network 1 year(s) before 1990"));
}

#[test]
fn an_empty_dyad_cell_names_the_dyad() {
    let net = YearNetwork::new(1990, vec![StateId(2), StateId(7), StateId(9)], []).0;
    let g = YearGraph::new(&net);
    let a = TestAttributes { x: BTreeMap::new(), cat: BTreeMap::new(), w: [((7, 9), f64::NAN)].into() };
    let v = YearView { graph: &g, lagged: vec![], time: 1, last_time: 1, attributes: &a };
    let e = v.fill(&model_columns("edgecov(w)")[0], &mut [0.0; 3]).unwrap_err().to_string();
    assert!(e.contains("the dyad 7–9 has no `w` in 1990"), "{e}");
}

#[test]
fn levels_sort_as_r_sorts_factors() {
    let l = |v: &[&str]| sort_levels(v.iter().map(|s| s.to_string()).collect());
    assert_eq!(l(&["10", "9", "-1"]), ["-1", "9", "10"]);
    assert_eq!(l(&["b", "Asia", "a"]), ["Asia", "a", "b"]);
}
