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

/// The state-year obligation columns under `--system atop` against ATOP's own directed
/// dyad-years aggregated by (ccode1, year), 1815..=2018. ATOP's state-year file builds them from
/// the member rows, as pactnet does, so they differ from the aggregate exactly where ATOP's dyads
/// drop or correct a pledge: France's defense of Annam (no COW code) and Germany's under Locarno
/// (hand-corrected); `--atop-dyads` changes none of them.
#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn issue21_state_year_obligations_come_from_the_member_rows() {
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
    let mut tables = Vec::new();
    for dyads in [true, false] {
        let (g, t, _) = load(&dir, SystemFilter::Atop, dyads, SystemEnd::Data);
        let table = StateYears::new(&g, &t, None);
        let mut ours: BTreeMap<(u16, i32), (ObligationSet, u32)> = BTreeMap::new();
        for year in t.years() {
            for (&v, row) in t.nodes(year).iter().zip(table.atop(year)) {
                if row.number > 0 {
                    ours.insert((g.data.states.state(v).id.0, year), (row.obligations, row.number));
                }
            }
        }
        tables.push(ours);
    }
    assert_eq!(tables[0], tables[1], "--atop-dyads does not change the state-year columns");
    let ours = &tables[0];
    // 11,923 allied state-years, as many as ATOP 5.1's state-year file has: ATOP's dyads' 11,917
    // and France 1878–1883, a member of alliance 1320 with Annam alone.
    assert_eq!(ours.len(), 11_923);
    let only_ours: Vec<(u16, i32)> = ours.keys().filter(|k| !atop.contains_key(k)).copied().collect();
    assert_eq!(only_ours, (1878..=1883).map(|y| (220, y)).collect::<Vec<_>>());
    let differ: BTreeSet<(u16, i32)> = atop.iter().filter(|(k, v)| ours[k].0 != **v).map(|(k, _)| *k).collect();
    let expected: BTreeSet<(u16, i32)> =
        (1874..=1877).map(|y| (220, y)).chain((1925..=1936).map(|y| (255, y))).collect();
    assert_eq!(differ, expected);
    // Alliance members outside the COW system count under atop: Honduras (91) in 1888.
    assert_eq!(ours[&(91, 1888)].0, ObligationSet::EMPTY.with(Obligation::Defense));
}

/// ATOP 5.1's own state-year file (`reference/atop5_1sy.csv`, when present): every column of
/// every state-year equal under `--system atop`. The file is not among the shared data yet.
#[test]
#[cfg_attr(not(pactnet_atop_sy), ignore = "ATOP 5.1's state-year file reference/atop5_1sy.csv not found")]
fn issue21_state_years_equal_atops_state_year_file() {
    use pactnet::export::statelevel::StateYears;
    let Some(dir) = real_data() else { return };
    let Ok(text) = std::fs::read(dir.join("reference/atop5_1sy.csv")) else { return };
    let mut reader = csv::Reader::from_reader(&text[..]);
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let cols = ["defense", "offense", "neutral", "nonagg", "consul", "number", "transyr"].map(col);
    let (state, year) = (col("state"), col("year"));
    let mut atop: BTreeMap<(u16, i32), [u32; 7]> = BTreeMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        atop.insert((row[state].parse().unwrap(), row[year].parse().unwrap()), cols.map(|i| row[i].parse().unwrap()));
    }
    let (g, t, _) = load(&dir, SystemFilter::Atop, false, SystemEnd::Data);
    let table = StateYears::new(&g, &t, None);
    let mut ours: BTreeMap<(u16, i32), [u32; 7]> = BTreeMap::new();
    for y in t.years() {
        for (&v, r) in t.nodes(y).iter().zip(table.atop(y)) {
            if r.number > 0 {
                let f = |o| u32::from(r.obligations.contains(o));
                let row = [
                    f(Obligation::Defense),
                    f(Obligation::Offense),
                    f(Obligation::Neutrality),
                    f(Obligation::Nonaggression),
                    f(Obligation::Consultation),
                    r.number,
                    u32::from(r.transition),
                ];
                ours.insert((g.data.states.state(v).id.0, y), row);
            }
        }
    }
    assert_eq!(atop.len(), 11_923);
    let differ: Vec<_> = atop.iter().filter(|(k, v)| ours.get(k) != Some(v)).take(10).collect();
    assert!(differ.is_empty() && ours.len() == atop.len(), "{differ:?}");
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

/// A hand-made guarantee: UKG and FRN both pledge to defend RUS (alliance 10, 1950–1960), and a
/// dyad file that says, as ATOP's hand corrections do, that UKG and FRN owe each other nothing.
const GUARANTEE: &str = "10,200,1950,1,1,1960,1,1,1,1,0,0,0,0
10,220,1950,1,1,1960,1,1,1,1,0,0,0,0
10,365,1950,1,1,1960,1,1,1,0,0,0,0,0
";

fn dyad_file(years: std::ops::RangeInclusive<i32>) -> String {
    let mut s = String::from("ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n");
    for y in years {
        for (a, b, d) in [(200, 220, 0), (220, 200, 0), (200, 365, 1), (365, 200, 0), (220, 365, 1), (365, 220, 0)] {
            s.push_str(&format!("{a},{b},{y},{d},0,0,0,0\n"));
        }
    }
    s
}

#[test]
fn issue21_atop_dyads_correct_the_guarantors_in_every_view() {
    use crate::common::{inputs, with_inputs};
    let dir = inputs(GUARANTEE);
    std::fs::write(dir.path().join("ddyr.csv"), dyad_file(1950..=1959)).unwrap();
    let run = |args: &[&str]| {
        let o = pactnet(dir.path(), &with_inputs(args));
        assert!(o.status.success(), "{}", show(&o));
        String::from_utf8(o.stdout).unwrap()
    };
    // The member rule: UKG and FRN pledge defense to every co-member, each other included.
    let before = run(&["-q", "snapshot", "--year", "1955", "--layer", "defense"]);
    assert!(before.contains("\n200,220,"), "{before}");
    let after = run(&["-q", "--atop-dyads", "ddyr.csv", "snapshot", "--year", "1955", "--layer", "defense"]);
    assert!(!after.contains("\n200,220,") && after.contains("\n200,365,") && after.contains("\n220,365,"), "{after}");
    // The guarantors stay allied (the `any` layer) with no obligation toward each other.
    let dyad = run(&["-q", "--atop-dyads", "ddyr.csv", "dyad", "UKG", "FRN"]);
    assert_eq!(dyad.lines().nth(1), Some("10,1,1,1950-01-01,1960-01-01,none,none,none,\"[1950-01-01, 1960-01-01)\""));
    let before = run(&["-q", "dyad", "UKG", "FRN"]);
    assert_eq!(
        before.lines().nth(1),
        Some("10,1,1,1950-01-01,1960-01-01,defense,defense,defense,\"[1950-01-01, 1960-01-01)\"")
    );
    let dy = run(&["-q", "--atop-dyads", "ddyr.csv", "export", "dyadyears", "--years", "1955..1955"]);
    assert_eq!(
        dy,
        "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul,atop_number
200,220,1955,0,0,0,0,0,1
200,365,1955,1,0,0,0,0,1
220,200,1955,0,0,0,0,0,1
220,365,1955,1,0,0,0,0,1
365,200,1955,0,0,0,0,0,1
365,220,1955,0,0,0,0,0,1
"
    );
    // info names the file; every dyad-year of the ties is in it and every row has a tie, so no
    // mismatch is warned about (1960 holds no day of the alliance).
    let o = pactnet(dir.path(), &with_inputs(&["-v", "--atop-dyads", "ddyr.csv", "info"]));
    let all = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(
        all.contains("ATOP dyad file:    ddyr.csv (60 directed dyad-years, 1950..1959: its obligations are used)"),
        "{all}"
    );
    assert!(!all.contains("not listed in ATOP's dyad file") && !all.contains("of ATOP's dyad file ha"), "{all}");
}

#[test]
fn issue21_dyad_years_only_in_one_file_are_named() {
    use crate::common::{inputs, with_inputs};
    let dir = inputs(GUARANTEE);
    // 1950–1953 only (the file's years end there, so 1954–1959 keep the member rule), without
    // 200–220 in 1951, and with USA–RUS in 1952, which the member file does not have.
    let mut text = dyad_file(1950..=1953).replace("200,220,1951,0,0,0,0,0\n220,200,1951,0,0,0,0,0\n", "");
    text.push_str("2,365,1952,0,0,0,0,1\n");
    std::fs::write(dir.path().join("ddyr.csv"), text).unwrap();
    let o = pactnet(dir.path(), &with_inputs(&["-v", "--atop-dyads", "ddyr.csv", "info"]));
    assert!(o.status.success(), "{}", show(&o));
    let err = String::from_utf8_lossy(&o.stdout);
    assert!(
        err.contains("ddyr.csv: 1 dyad-year of the member file's ties is not listed in ATOP's dyad file and does not count (--atop-dyads): 200–220 in 1951"),
        "{err}"
    );
    assert!(err.contains("200–220 in 1951"), "{err}");
    assert!(err.contains("1 row of ATOP's dyad file has no tie of the two states in the member file that year and is left out: 2–365 in 1952"), "{err}");
    let dy = pactnet(
        dir.path(),
        &with_inputs(&["-q", "--atop-dyads", "ddyr.csv", "export", "dyadyears", "--years", "1951..1955"]),
    );
    let dy = String::from_utf8(dy.stdout).unwrap();
    assert!(!dy.contains("200,220,1951") && dy.contains("200,220,1952,0,"), "{dy}");
    assert!(dy.contains("200,220,1955,1,"), "after the file's years the member rule holds: {dy}");
}

#[test]
fn issue21_bad_atop_dyads_and_cow_alone_are_clear_errors() {
    use crate::common::{inputs, with_inputs};
    let dir = inputs(GUARANTEE);
    std::fs::write(
        dir.path().join("ddyr.csv"),
        "statea,stateb,year,defense,offense,neutral,nonagg,consul,shareob\n200,220,1955,0,0,0,0,0,1\n200,365,1955,yes,0,0,0,0,\n",
    )
    .unwrap();
    let o = pactnet(dir.path(), &with_inputs(&["--atop-dyads", "ddyr.csv", "info"]));
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("ddyr.csv:3: field defense = \"yes\": not an obligation flag (0 or 1)"), "{err}");
    std::fs::write(dir.path().join("ddyr.csv"), "a,b\n1,2\n").unwrap();
    let o = pactnet(dir.path(), &with_inputs(&["--atop-dyads", "ddyr.csv", "info"]));
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("statea, stateb, year"), "{}", show(&o));
    let o = pactnet(
        dir.path(),
        &["--cow-alliances", "x.csv", "--states", "states.csv", "--atop-dyads", "ddyr.csv", "info"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("--atop-dyads is ATOP's directed dyad-year file"),
        "{}",
        show(&o)
    );
}

/// `--system atop` on hand-made rows: an exit on 1 January keeps the dyad in that year; rows that
/// only touch never pair; a code outside the state list is left out with a warning.
#[test]
fn issue21_system_atop_counts_the_exit_day_and_leaves_out_uncoded_states() {
    use crate::common::{inputs, with_inputs};
    let dir = inputs(
        "20,2,1950,1,1,1960,1,1,0,1,0,0,0,0
20,200,1950,1,1,1960,1,1,0,1,0,0,0,0
21,220,1950,1,1,1955,3,1,0,0,0,0,0,1
21,365,1955,3,1,1960,1,1,0,0,0,0,0,1
22,220,1950,1,1,1960,1,1,0,0,0,0,1,0
22,8152,1950,1,1,1960,1,1,0,0,0,0,1,0
",
    );
    let dyads = |system: &str| {
        let o = pactnet(dir.path(), &with_inputs(&["-q", "--system", system, "export", "dyadyears", "--undirected"]));
        assert!(o.status.success(), "{}", show(&o));
        String::from_utf8(o.stdout).unwrap()
    };
    let atop = dyads("atop");
    assert!(atop.contains("\n2,200,1960,"), "the exit day 1960-01-01 is a day of membership: {atop}");
    assert!(!atop.contains("220,365"), "FRN leaves on RUS's entry day: no tie");
    assert!(!atop.contains("8152"), "{atop}");
    let none = dyads("none");
    assert!(!none.contains("\n2,200,1960,") && none.contains("\n2,200,1959,"), "{none}");
    assert!(none.contains("220,8152"), "{none}");
    let o = pactnet(dir.path(), &with_inputs(&["-v", "--system", "atop", "info"]));
    let err = String::from_utf8_lossy(&o.stdout);
    assert!(err.contains("1 multigraph edge left out (--system atop): a state of it has no COW country code"), "{err}");
}
