//! Issue 22's model at btergm's size: 20 yearly networks of 164 states with an 11-term model
//! (btergm's alliance example: edges, gwesp, memory, lagged shared partners, war, Polity, CINC,
//! their differences, contiguity, year). `synthetic/…` runs on synthetic networks — clustered,
//! persistent ties like the defense network of 1981–2000 — so the bench runs without the real
//! data; `atop4.01/…` on ATOP 4.01's defense network with the covariates of
//! `covariates-1981-2000/` when they are there. The design is built outside the timed fit and
//! bootstrap.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use pactnet::rng::SplitMix64;
use pactnet::tergm::bootstrap::{bootstrap, BootstrapRequest};
use pactnet::tergm::design::{build_design, DesignRequest, DEFAULT_MAX_CELLS};
use pactnet::tergm::logit::{fit, FitOptions};
use pactnet::tergm::terms::parse_model;
use pactnet::tergm::{Attributes, NodeValue, YearNetwork};
use pactnet::StateId;
use std::collections::{BTreeMap, BTreeSet};

const STATES: u16 = 164;
const FIRST: i32 = 1980;
const LAST: i32 = 2000;

struct Synthetic {
    cinc: Vec<f64>,
    polity: Vec<f64>,
    contig: BTreeSet<(u16, u16)>,
    war: BTreeSet<(i32, u16, u16)>,
}

impl Attributes for Synthetic {
    fn node_names(&self) -> Vec<String> {
        vec!["cinc".into(), "polity".into()]
    }
    fn node(&self, name: &str, s: StateId, year: i32) -> Option<NodeValue> {
        let i = usize::from(s.0 - 1);
        Some(NodeValue::Number(match name {
            "cinc" => self.cinc[i] * (1.0 + 0.01 * f64::from(year - FIRST)),
            "polity" => self.polity[i],
            _ => return None,
        }))
    }
    fn dyad_names(&self) -> Vec<String> {
        vec!["contig".into(), "war".into()]
    }
    fn dyad(&self, name: &str, a: StateId, b: StateId, year: i32) -> f64 {
        let (a, b) = (a.0.min(b.0), a.0.max(b.0));
        f64::from(u8::from(match name {
            "contig" => self.contig.contains(&(a, b)),
            _ => self.war.contains(&(year, a, b)),
        }))
    }
}

fn synthetic() -> (BTreeMap<i32, YearNetwork>, Synthetic) {
    let mut rng = SplitMix64::new(22);
    let nodes: Vec<StateId> = (1..=STATES).map(StateId).collect();
    let mut ties: BTreeSet<(u16, u16)> = BTreeSet::new();
    let mut contig = BTreeSet::new();
    for a in 1..=STATES {
        for b in (a + 1)..=STATES {
            let same_bloc = (a - 1) / 12 == (b - 1) / 12;
            if rng.chance(if same_bloc { 0.35 } else { 0.004 }) {
                ties.insert((a, b));
            }
            if rng.chance(if b - a < 6 { 0.3 } else { 0.002 }) {
                contig.insert((a, b));
            }
        }
    }
    let mut networks = BTreeMap::new();
    let mut war = BTreeSet::new();
    for year in FIRST..=LAST {
        let (net, _) = YearNetwork::new(year, nodes.clone(), ties.iter().map(|&(a, b)| (StateId(a), StateId(b))));
        networks.insert(year, net);
        ties.retain(|_| rng.chance(0.96));
        for _ in 0..60 {
            let (a, b) = (1 + rng.below(u64::from(STATES)) as u16, 1 + rng.below(u64::from(STATES)) as u16);
            if a != b {
                ties.insert((a.min(b), a.max(b)));
            }
            let (c, d) = (1 + rng.below(u64::from(STATES)) as u16, 1 + rng.below(u64::from(STATES)) as u16);
            if c != d {
                war.insert((year + 1, c.min(d), c.max(d)));
            }
        }
    }
    let cinc = (0..STATES).map(|_| (rng.unit() * 6.0 - 9.0).exp()).collect();
    let polity = (0..STATES).map(|_| (rng.unit() * 21.0).floor() - 10.0).collect();
    (networks, Synthetic { cinc, polity, contig, war })
}

const MODEL: &str = "edges + gwesp(0, fixed=TRUE) + memory(type=\"autoregression\") + lagsp(lag=1) + edgecov(war) \
    + nodecov(polity) + nodecov(cinc) + absdiff(polity) + absdiff(cinc) + edgecov(contig) + nodecov(year)";

fn tergm(c: &mut Criterion) {
    let (networks, attributes) = synthetic();
    let terms = parse_model(MODEL).expect("the model");
    let request = DesignRequest {
        networks: &networks,
        years: FIRST + 1..=LAST,
        terms: &terms,
        attributes: &attributes,
        max_cells: DEFAULT_MAX_CELLS,
    };
    let design = build_design(&request).expect("the design");
    assert_eq!(design.rows(), 20 * 164 * 163 / 2);
    let full = fit(&design, &FitOptions::default()).expect("the fit");
    let mut group = c.benchmark_group("tergm");
    group.sample_size(10);
    group.bench_function("design_20x164_11_terms", |b| b.iter(|| build_design(&request).expect("design").rows()));
    group.bench_function("fit_20x164_11_terms", |b| {
        b.iter(|| fit(&design, &FitOptions::default()).expect("fit").iterations)
    });
    let years: Vec<usize> = (0..design.years.len()).collect();
    let boot = BootstrapRequest { replicates: 1000, seed: 1, level: 0.95 };
    group.bench_function("bootstrap_1000_20x164_11_terms", |b| {
        b.iter(|| bootstrap(&design, &years, &full, &boot).failed)
    });
    group.finish();
}

criterion_group!(benches, tergm);
criterion_main!(benches);
