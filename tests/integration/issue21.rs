//! Issue 21: the field's data as its publishers define it. ATOP 5.1 with a state list that ends
//! before the data, `--system atop`, and `--atop-dyads` against ATOP 5.1's own directed
//! dyad-year file (`reference/atop5_1_directed_dyad_years.csv`, 273,296 rows).

use crate::common::{pactnet, real_data, show};
use pactnet::io::Source;
use pactnet::{
    AllianceGraph, Dataset, Diagnostics, ExtraInputs, Inputs, LoadOptions, Obligation, ObligationSet, SystemEnd,
    SystemFilter, Timeline, WarningKind,
};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn atop51(dir: &Path) -> Inputs {
    Inputs {
        members: Source::File(dir.join("atop-5.1/atop5_1m.csv")),
        states: Source::File(dir.join("cow/states2016.csv")),
        alliances: Some(Source::File(dir.join("atop-5.1/atop5_1a.csv"))),
    }
}

fn reference(dir: &Path) -> std::path::PathBuf {
    dir.join("reference/atop5_1_directed_dyad_years.csv")
}

fn load(
    dir: &Path,
    filter: SystemFilter,
    dyads: bool,
    system_end: SystemEnd,
) -> (AllianceGraph, Timeline, Diagnostics) {
    let extra = ExtraInputs { atop_dyads: dyads.then(|| Source::File(reference(dir))), ..ExtraInputs::default() };
    let options = LoadOptions { system_end, ..LoadOptions::default() };
    let (data, mut diag) = Dataset::load_with(&atop51(dir), &extra, &options).expect("ATOP 5.1 loads");
    let g = AllianceGraph::build(data, filter, &mut diag);
    let t = Timeline::new(&g);
    (g, t, diag)
}

/// Directed dyad-years (ccode1, ccode2, year) → the five flags, from a CSV with ATOP's columns.
fn dyad_years(csv_text: &[u8]) -> BTreeMap<(u16, u16, i32), [u8; 5]> {
    let mut reader = csv::Reader::from_reader(csv_text);
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("column {name}"));
    let (a, b, y) = (col("ccode1"), col("ccode2"), col("year"));
    let flags = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"].map(col);
    let mut out = BTreeMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        let key = (row[a].parse().unwrap(), row[b].parse().unwrap(), row[y].parse().unwrap());
        out.insert(key, flags.map(|i| row[i].parse().unwrap()));
    }
    out
}

#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn issue21_atop_51_loads_with_its_known_quirks() {
    let Some(dir) = real_data() else { return };
    let (g, t, diag) = load(&dir, SystemFilter::Cow, false, SystemEnd::Data);
    assert_eq!(g.data.members.len(), 2510);
    assert_eq!(g.data.members.iter().map(|m| m.alliance).collect::<BTreeSet<_>>().len(), 789);
    assert_eq!(g.data.alliances.len(), 789);
    assert_eq!(g.data.data_end, 2018);
    assert_eq!(t.years(), 1816..=2018);
    assert_eq!(diag.count(WarningKind::MissingExitDay), 31);
    assert_eq!(diag.count(WarningKind::MissingEntryDay), 5);
    let until = chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    assert_eq!(diag.count(WarningKind::InForce { until }), 1146);
    let not_cow = diag.tally(WarningKind::NotInStateList).expect("8152 is warned about");
    assert_eq!(not_cow.subjects.iter().copied().collect::<Vec<_>>(), [8152]);
    // The 17 alliances ATOP codes with obvary = 1, where directed obligations are approximated.
    let vary = diag.tally(WarningKind::ObligationsVary).expect("obvary alliances are warned about");
    assert_eq!(vary.count, 17);
    assert!(vary.subjects.contains(&2130), "Locarno");
    assert!(diag.errors.is_empty());
}

/// The list ends on 2016-12-31 and ATOP 5.1 on 2018-12-31: states still in the system then
/// continue, so 2017 and 2018 are not empty; `--system-end list` keeps the old behaviour.
#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn issue21_a_state_list_ending_before_the_data_is_extended_to_its_end() {
    let Some(dir) = real_data() else { return };
    let (g, t, diag) = load(&dir, SystemFilter::Cow, false, SystemEnd::Data);
    let counts = |y: i32| (t.nodes(y).len(), t.edges(y).len());
    let (n2016, e2016) = counts(2016);
    assert_eq!(n2016, 195);
    for y in [2017, 2018] {
        let (n, e) = counts(y);
        assert_eq!(n, n2016, "{y}: the 195 states of 2016 stay");
        assert!(e.abs_diff(e2016) * 100 <= e2016, "{y}: {e} multigraph edges, {e2016} in 2016");
    }
    let list_last_day = chrono::NaiveDate::from_ymd_opt(2016, 12, 31).unwrap();
    let kind =
        WarningKind::SystemListExtended { list_last_day, until: chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap() };
    assert_eq!(diag.count(kind), 195);
    let text = diag.warnings().find(|w| w.kind == kind).unwrap().to_string();
    assert!(text.contains("ends on 2016-12-31") && text.contains("195 states") && text.contains("2017–2018"), "{text}");
    // A state that left before the list's end is not extended: the GDR (265) ends in 1990.
    let gdr = g.data.states.index_of(pactnet::StateId(265)).unwrap();
    assert_eq!(g.data.system[gdr as usize].last().unwrap().end().to_string(), "1990-10-03");
    let (_, t, _) = load(&dir, SystemFilter::Cow, false, SystemEnd::List);
    assert_eq!((t.nodes(2017).len(), t.edges(2018).len()), (0, 0));
}

/// `export dyadyears --system atop --atop-dyads FILE` writes ATOP's file: every row, every column.
#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn issue21_dyad_years_with_atop_dyads_equal_atops_file() {
    let Some(dir) = real_data() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let (m, s, r) = (dir.join("atop-5.1/atop5_1m.csv"), dir.join("cow/states2016.csv"), reference(&dir));
    let args = ["--members", m.to_str().unwrap(), "--states", s.to_str().unwrap(), "--system", "atop"];
    let with = [&args[..], &["--atop-dyads", r.to_str().unwrap(), "-q", "export", "dyadyears"]].concat();
    let o = pactnet(tmp.path(), &with);
    assert!(o.status.success(), "{}", show(&o));
    let ours = dyad_years(&o.stdout);
    let atop = dyad_years(&std::fs::read(&r).unwrap());
    assert_eq!(atop.len(), 273_296);
    assert_eq!(ours.len(), atop.len());
    let differ = atop.iter().filter(|(k, v)| ours.get(k) != Some(v)).count();
    assert_eq!(differ, 0);
    // ATOP's obligation-less (shareob) rows are there, as zeros.
    assert_eq!(ours.values().filter(|v| **v == [0; 5]).count(), 170);

    // Without the file: the same rows (ATOP's dates), and the flags differ only in alliances
    // with obvary = 1 (346 rows; the first years of Locarno, 2130, for instance).
    let o = pactnet(tmp.path(), &[&args[..], &["-q", "export", "dyadyears"]].concat());
    assert!(o.status.success(), "{}", show(&o));
    let member_rule = dyad_years(&o.stdout);
    assert_eq!(member_rule.keys().collect::<Vec<_>>(), atop.keys().collect::<Vec<_>>());
    let differ: Vec<_> = atop.iter().filter(|(k, v)| member_rule.get(k) != Some(v)).map(|(k, _)| *k).collect();
    assert_eq!(differ.len(), 346);
    assert!(differ.contains(&(255, 220, 1926)), "Germany's pledge to France under Locarno");
    let extra_only = atop.iter().filter(|(k, v)| member_rule[k].iter().zip(v.iter()).any(|(o, a)| o < a)).count();
    assert_eq!(extra_only, 0, "the member rule never misses an obligation ATOP codes");
}

/// The state-year obligation columns under `--system atop --atop-dyads` equal ATOP's own
/// directed dyad-years aggregated by (ccode1, year), in every year 1815..=2018.
#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn issue21_state_year_obligations_equal_atops_with_atop_dyads() {
    use pactnet::export::statelevel::StateYears;
    let Some(dir) = real_data() else { return };
    let atop_rows = dyad_years(&std::fs::read(reference(&dir)).unwrap());
    let mut atop: BTreeMap<(u16, i32), ObligationSet> = BTreeMap::new();
    for ((a, _, y), flags) in &atop_rows {
        let set = Obligation::ALL
            .iter()
            .zip(flags)
            .filter(|(_, f)| **f == 1)
            .fold(ObligationSet::EMPTY, |s, (o, _)| s.with(*o));
        let e = atop.entry((*a, *y)).or_default();
        *e = e.union(set);
    }
    for (dyads, differing) in [(true, 0), (false, 12)] {
        let (g, t, _) = load(&dir, SystemFilter::Atop, dyads, SystemEnd::Data);
        let table = StateYears::new(&g, &t, None);
        let mut ours: BTreeMap<(u16, i32), ObligationSet> = BTreeMap::new();
        for year in t.years() {
            for (&v, row) in t.nodes(year).iter().zip(table.atop(year)) {
                if row.number > 0 {
                    ours.insert((g.data.states.state(v).id.0, year), row.obligations);
                }
            }
        }
        let only_atop: Vec<_> = atop.keys().filter(|k| !ours.contains_key(k)).take(20).collect();
        assert!(only_atop.is_empty(), "only ATOP: {only_atop:?}");
        // France's alliance 1320 with Annam alone (no COW code) is a membership without a tie.
        let only_ours: Vec<_> = ours.iter().filter(|(k, _)| !atop.contains_key(k)).collect();
        let france: Vec<_> = (1878..=1883).map(|y| (220u16, y)).collect();
        assert_eq!(only_ours.iter().map(|(k, _)| **k).collect::<Vec<_>>(), france);
        assert!(only_ours.iter().all(|(_, o)| o.is_empty()));
        // Alliance members outside the COW system count under atop: Honduras (91) in 1888.
        assert_eq!(ours[&(91, 1888)], ObligationSet::EMPTY.with(Obligation::Defense));
        let differ: Vec<_> = atop.iter().filter(|(k, v)| ours[k] != **v).map(|(k, _)| *k).collect();
        // Without the file only Germany 1925–1936 differs (Locarno, 2130, obvary = 1).
        assert_eq!(differ.len(), differing, "with --atop-dyads: {dyads}; {differ:?}");
        assert!(differ.iter().all(|&(state, y)| state == 255 && (1925..=1936).contains(&y)));
    }
}

/// ATOP 4.01 loads under `--system atop` too; Annam (8152) is left out with a counted warning.
#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn issue21_system_atop_leaves_out_codes_without_a_cow_code() {
    let Some(dir) = real_data() else { return };
    let inputs = Inputs {
        members: Source::File(dir.join("atop-4.01/atop4_01m.csv")),
        states: Source::File(dir.join("cow/states2016.csv")),
        alliances: None,
    };
    let (data, mut diag) = Dataset::load(&inputs, &LoadOptions::default()).expect("ATOP 4.01 loads");
    let annam = data.states.index_of(pactnet::StateId(8152)).unwrap();
    let g = AllianceGraph::build(data, SystemFilter::Atop, &mut diag);
    let t = Timeline::new(&g);
    let left_out = diag.tally(WarningKind::NotCowCoded).expect("8152's ties are left out");
    assert_eq!(left_out.subjects.iter().copied().collect::<Vec<_>>(), [8152]);
    assert!(t.years().all(|y| !t.nodes(y).contains(&annam)));
    assert_eq!(t.years(), 1815..=2016);
}
