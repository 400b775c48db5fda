//! COW Formal Alliances as a source of their own (issue 21, item 7): the layers and columns of
//! COW data, the double-counting rule, COW's ordinal similarity coding, and pactnet's dyad-years
//! from COW's member file compared with COW's own dyad file on the real v4.1 data.
//!
//! The small COW files here are invented (states, dates and flags made up for the arithmetic);
//! the real COW files are only read from `PACTNET_DATA_DIR`, never copied.

use crate::common::{assert_text, pactnet, real_data, show, STATES};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// An invented COW member file. 501: UKG–FRN defense + entente, left-censored (from 1816) to
/// 1 June 1820. 502: USA–RUS nonaggression from 15 March 1819, right-censored (no end). 503:
/// FRN–RUS entente in February 1820, RUS also pledging neutrality (asymmetric).
const COW: &str = "version4id,ccode,mem_st_day,mem_st_month,mem_st_year,mem_end_day,mem_end_month,mem_end_year,left_censor,right_censor,defense,neutrality,nonaggression,entente
501,200,1,1,1816,1,6,1820,1,0,1,0,0,1
501,220,1,1,1816,1,6,1820,1,0,1,0,0,1
502,2,15,3,1819,,,,0,1,0,0,1,0
502,365,15,3,1819,,,,0,1,0,0,1,0
503,220,1,2,1820,1,3,1820,0,0,0,0,0,1
503,365,1,2,1820,1,3,1820,0,0,0,1,0,1
";

/// A temporary directory with `states.csv` and `cow.csv` (= `cow`).
fn cow_dir(cow: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("states.csv"), STATES).expect("write states");
    std::fs::write(dir.path().join("cow.csv"), cow).expect("write cow");
    dir
}

/// Runs `pactnet -q --cow-alliances cow.csv --states states.csv <args>`, which must succeed.
fn run_cow(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["-q", "--cow-alliances", "cow.csv", "--states", "states.csv"];
    all.extend_from_slice(args);
    let o = pactnet(dir, &all);
    assert!(o.status.success(), "{}", show(&o));
    String::from_utf8(o.stdout).expect("UTF-8 output")
}

#[test]
fn cow_alone_dyadyears_write_peacesciencers_cow_columns() {
    let dir = cow_dir(COW);
    // 1819: USA–RUS nonaggression (both ways), UKG–FRN defense + entente. 1820 adds FRN–RUS
    // entente, RUS's neutrality only in its own row (directed rows give each side its flags).
    let out = run_cow(dir.path(), &["export", "dyadyears", "--years", "1819..1820"]);
    assert_text(
        &out,
        "ccode1,ccode2,year,cow_defense,cow_neutral,cow_nonagg,cow_entente,cow_number
2,365,1819,0,0,1,0,1
200,220,1819,1,0,0,1,1
220,200,1819,1,0,0,1,1
365,2,1819,0,0,1,0,1
2,365,1820,0,0,1,0,1
200,220,1820,1,0,0,1,1
220,200,1820,1,0,0,1,1
220,365,1820,0,0,0,1,1
365,2,1820,0,0,1,0,1
365,220,1820,0,1,0,1,1
",
    );
    // The data end in the file's last year (1820); the right-censored 502 runs to its end: UKG–FRN
    // in 1816, 1817, 1818, with USA–RUS in 1819, with FRN–RUS too in 1820.
    let out = run_cow(dir.path(), &["export", "dyadyears", "--undirected", "--years", "1816..1820"]);
    assert_eq!(out.lines().count(), 1 + 3 + 2 + 3, "{out}");
}

#[test]
fn cow_alone_lists_cows_layers_only() {
    let dir = cow_dir(COW);
    let out = run_cow(dir.path(), &["metrics", "--layers", "all", "--years", "1820", "--metrics", "edges"]);
    // 1820: ties USA–RUS (nonaggression), UKG–FRN (defense, entente), FRN–RUS (neutrality, entente).
    assert_text(
        &out,
        "year,layer,edges\n1820,any,3\n1820,defense,1\n1820,neutrality,1\n1820,nonaggression,1\n1820,entente,2\n",
    );
    let header = run_cow(dir.path(), &["export", "statelevel", "--years", "1820"]);
    assert_eq!(
        header.lines().next(),
        Some(
            "ccode,year,alliances,partners,defense_alliances,defense_partners,neutrality_alliances,neutrality_partners,nonaggression_alliances,nonaggression_partners,entente_alliances,entente_partners,cow_defense,cow_neutral,cow_nonagg,cow_entente,cow_number,cow_transyr"
        )
    );
    // FRN in 1820: 501 and 503, partners UKG and RUS; entente in both; the FRN–RUS tie is in the
    // neutrality layer (RUS's pledge: a layer keeps a tie whose types contain it). FRN's own
    // pledges: defense (501) and entente (501, 503), not neutrality; two alliances, 501 ends and
    // 503 starts and ends in 1820.
    assert!(header.contains("\n220,1820,2,2,1,1,1,1,0,0,2,2,1,0,0,1,2,1\n"), "{header}");
    // Alliances by COW's id; the right-censored 502 has no end (in force).
    assert_text(
        &run_cow(dir.path(), &["export", "alliances"]),
        "version4id,begin,end,phases,members,n_members,types
501,1816-01-01,1820-06-01,1,200 220,2,defense+entente
502,1819-03-15,,1,2 365,2,nonaggression
503,1820-02-01,1820-03-01,1,220 365,2,neutrality+entente
",
    );
    let record = run_cow(dir.path(), &["alliance", "502"]);
    assert!(record.starts_with("COW alliance 502: 2 member rows, 1 phase(s)\n"), "{record}");
    assert!(record.contains("1819-03-15 .. in force"), "{record}");
    let info = run_cow(dir.path(), &["info"]);
    assert!(info.contains("(COW Formal Alliances alone)"), "{info}");
    assert!(info.contains("  entente:         2\n") && !info.contains("offense") && !info.contains("consultation"));
    assert!(info.contains("5 layers"), "{info}");
    // A layer COW does not code is refused, naming the source's layers.
    let o = pactnet(
        dir.path(),
        &["--cow-alliances", "cow.csv", "--states", "states.csv", "snapshot", "--year", "1820", "--layer", "offense"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains(
            "layer offense is not in the data: COW codes no offense (its layers: any, defense, neutrality, nonaggression, entente)"
        ),
        "{}",
        show(&o)
    );
}

#[test]
fn cow_similarity_uses_cows_ordinal_scores() {
    let dir = cow_dir(COW);
    // 1820, positions USA, UKG, FRN, RUS, the self-tie at 3. COW coding: USA–RUS nonaggression 2,
    // FRN–RUS neutrality + entente 2. USA (3,0,0,2), RUS (2,0,2,3): Σ|x−y| = 1+0+2+1 = 4,
    // S = 1 − 2·(4/4)/3 = 1/3. Valued coding scores nonaggression 1: USA (3,0,0,1), RUS
    // (1,0,2,3): Σ = 2+0+2+2 = 6, S = 1 − 2·(6/4)/3 = 0.
    let cow = run_cow(dir.path(), &["similarity", "--coding", "cow", "--years", "1820", "--dyads", "USA,RUS"]);
    assert_text(&cow, "year,a,b,s\n1820,2,365,0.33333333333333337\n");
    let valued = run_cow(dir.path(), &["similarity", "--years", "1820", "--dyads", "USA,RUS"]);
    assert_text(&valued, "year,a,b,s\n1820,2,365,0.0\n");
}

#[test]
fn cow_with_atop_members_stops_on_double_counting_unless_combined() {
    let dir = cow_dir(COW);
    std::fs::write(
        dir.path().join("members.csv"),
        format!(
            "{}\n1001,200,1818,1,1,1819,1,1,1,0,0,0,0,1\n1001,220,1818,1,1,1819,1,1,1,0,0,0,0,1\n",
            crate::common::MEMBER_HEADER
        ),
    )
    .unwrap();
    let both = ["--members", "members.csv", "--states", "states.csv", "--cow-alliances", "cow.csv"];
    let mut args = both.to_vec();
    args.extend(["export", "dyadyears", "--undirected", "--years", "1818"]);
    let o = pactnet(dir.path(), &args);
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert_text(
        &String::from_utf8_lossy(&o.stderr),
        "pactnet: error: --members members.csv and --cow-alliances cow.csv would count most alliances twice: ATOP and COW Formal Alliances code largely the same treaties (a treaty coded by both becomes two alliances, so tie weights, alliance counts and degrees double). Give one of them, or add --combine-sources if the double counting is wanted\n",
    );
    // With --combine-sources: UKG–FRN's ATOP consultation pact and COW's 501 are two alliances;
    // entente keeps its own column beside ATOP's five.
    args.insert(0, "--combine-sources");
    args.insert(0, "-q");
    let o = pactnet(dir.path(), &args);
    assert!(o.status.success(), "{}", show(&o));
    assert_text(
        &String::from_utf8_lossy(&o.stdout),
        "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul,cow_entente,atop_number\n200,220,1818,1,0,0,0,1,1,2\n",
    );
    // The flags that go together.
    let cases: [(&[&str], &str); 3] = [
        (
            &["--cow-alliances", "cow.csv", "info"],
            "--cow-alliances without --members builds the network from COW alone: it needs --states FILE",
        ),
        (
            &["--combine-sources", "--states", "states.csv", "info"],
            "--combine-sources adds COW rows to the ATOP rows: it needs --cow-alliances FILE",
        ),
        (
            &["--cow-alliances", "cow.csv", "--states", "states.csv", "--alliances", "a.csv", "info"],
            "--alliances is ATOP's alliance-level file: it goes with --members, not with COW alone",
        ),
    ];
    for (args, message) in cases {
        let o = pactnet(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", show(&o));
        assert!(String::from_utf8_lossy(&o.stderr).contains(message), "{args:?}: {}", show(&o));
    }
}

#[test]
fn cow_empty_flags_and_contradicting_censoring_are_counted_warnings() {
    // Line 2: an empty entente cell (read as 0). Line 3: right_censor 1 with an end date. Line
    // 4: an empty left_censor. Line 5: left_censor 1 with a start after 1816.
    let cow = "version4id,ccode,mem_st_day,mem_st_month,mem_st_year,mem_end_day,mem_end_month,mem_end_year,left_censor,right_censor,defense,neutrality,nonaggression,entente
601,2,1,1,1850,1,1,1860,0,0,1,0,0,
601,200,1,1,1850,1,1,1860,0,1,1,0,0,0
602,220,1,1,1850,1,1,1860,,0,0,0,1,0
602,365,1,1,1850,1,1,1860,1,0,0,0,1,0
";
    let dir = cow_dir(cow);
    let o = pactnet(dir.path(), &["-v", "--cow-alliances", "cow.csv", "--states", "states.csv", "info"]);
    assert!(o.status.success(), "{}", show(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("cow.csv: 1 row with an empty defense, neutrality, nonaggression or entente cell, read as 0; alliances: 601 (first: line 2)"),
        "{out}"
    );
    assert!(
        out.contains("cow.csv: 3 rows whose left_censor or right_censor is empty or disagrees with the dates (left 1 = start in 1816, right 1 = no end date); the dates are used; alliances: 601 602 (first: line 3)"),
        "{out}"
    );
}

/// The COW alliance files of the real data, or `None` with the reason (a failure under CI).
fn cow_files(dir: &Path) -> Option<(PathBuf, PathBuf)> {
    let members = dir.join("cow-alliances-4.1/alliance_v4.1_by_member.csv");
    let dyads = dir.join("cow-alliances-4.1/alliance_v4.1_by_dyad.csv");
    if members.is_file() && dyads.is_file() {
        return Some((members, dyads));
    }
    let why = format!("COW alliance data not found: expected {} and {}", members.display(), dyads.display());
    assert!(std::env::var("CI").map_or(true, |v| v != "true"), "{why}");
    eprintln!("skipped: {why}");
    None
}

/// An undirected dyad-year: (ccode1 < ccode2, year).
type DyadYear = (u16, u16, i32);

/// Flags (defense, neutrality, nonaggression, entente) and the number of alliances.
type Coding = ([u8; 4], usize);

/// One record of COW's by-dyad file.
struct CowDyad {
    a: u16,
    b: u16,
    start: (i32, u32, u32),
    /// `None`: right-censored (in force at the data's end).
    end: Option<(i32, u32, u32)>,
    flags: [u8; 4],
    alliance: u32,
}

fn read_cow_dyads(path: &Path) -> Vec<CowDyad> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap_or_else(|| panic!("no column {name}"));
    let cols: Vec<usize> = [
        "ccode1",
        "ccode2",
        "dyad_st_year",
        "dyad_st_month",
        "dyad_st_day",
        "dyad_end_year",
        "dyad_end_month",
        "dyad_end_day",
        "defense",
        "neutrality",
        "nonaggression",
        "entente",
        "version4id",
    ]
    .iter()
    .map(|c| col(c))
    .collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let cell = |i: usize| rec.get(cols[i]).unwrap_or("").trim();
            let int = |i: usize| cell(i).parse::<i64>().ok();
            let (a, b) = (int(0).unwrap() as u16, int(1).unwrap() as u16);
            let end = int(5).map(|y| (y as i32, int(6).unwrap() as u32, int(7).unwrap() as u32));
            CowDyad {
                a: a.min(b),
                b: a.max(b),
                start: (int(2).unwrap() as i32, int(3).unwrap() as u32, int(4).unwrap() as u32),
                end,
                // COW leaves 1 flag cell empty in the dyad file (as 3 in the member file): 0.
                flags: [8, 9, 10, 11].map(|i| u8::from(int(i) == Some(1))),
                alliance: int(12).unwrap() as u32,
            }
        })
        .collect()
}

/// pactnet's undirected dyad-years of `export dyadyears --undirected` output.
fn read_pactnet(csv_text: &str) -> BTreeMap<DyadYear, Coding> {
    let mut lines = csv_text.lines();
    assert_eq!(lines.next(), Some("ccode1,ccode2,year,cow_defense,cow_neutral,cow_nonagg,cow_entente,cow_number"));
    lines
        .map(|l| {
            let v: Vec<i64> = l.split(',').map(|c| c.parse().unwrap()).collect();
            ((v[0] as u16, v[1] as u16, v[2] as i32), ([v[3] as u8, v[4] as u8, v[5] as u8, v[6] as u8], v[7] as usize))
        })
        .collect()
}

/// Numbers to reach (issue 21): pactnet's dyad-years from COW v4.1's member file against COW's
/// own dyad-year coding, built here from the by-dyad file with COW's year rule (a dyad counts in
/// every year from its start year to its end year, both included; right-censored dyads to 2012;
/// per dyad-year the maximum flag over its alliances). Every difference has a reason:
/// - state-system filter: with `--system none` pactnet has the row, with the default `cow` a
///   state is outside the COW system list (states2016) on every day of the tie in that year
///   (or on some days, so an alliance drops out of the count);
/// - end on 1 January: the dyad ends on 1 January of the year, which COW's year rule counts and
///   pactnet does not (an exit day is not a day of membership: spans are `[start, end)`);
/// - dyad dates that never overlap: the by-dyad file's end is before its start (one member left
///   the day before the other joined), so the members were never allies on a common day.
///
/// The by-dyad file's dates are also checked against the member file: every dyad's dates are the
/// intersection of its two members' spells.
#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn issue21_cow_v4_1_dyad_years_equal_cows_own_dyad_coding() {
    let Some(dir) = real_data() else { return };
    let Some((members, dyads)) = cow_files(&dir) else { return };
    let states = dir.join("cow/states2016.csv");
    let run = |system: &str| {
        let (m, s) = (members.to_str().unwrap(), states.to_str().unwrap());
        let args =
            ["-q", "--cow-alliances", m, "--states", s, "--system", system, "export", "dyadyears", "--undirected"];
        let o = pactnet(&dir, &args);
        assert!(o.status.success(), "{}", show(&o));
        read_pactnet(&String::from_utf8(o.stdout).unwrap())
    };
    let (ours, unfiltered) = (run("cow"), run("none"));

    // COW's own dyad-years.
    let records = read_cow_dyads(&dyads);
    assert_eq!(records.len(), 3222);
    let mut theirs: BTreeMap<DyadYear, ([u8; 4], BTreeSet<u32>)> = BTreeMap::new();
    for d in &records {
        let last = d.end.map_or(2012, |e| e.0);
        for y in d.start.0..=last {
            let e = theirs.entry((d.a, d.b, y)).or_default();
            for k in 0..4 {
                e.0[k] = e.0[k].max(d.flags[k]);
            }
            e.1.insert(d.alliance);
        }
    }
    let end_on_new_year =
        |key: &DyadYear| records.iter().any(|d| (d.a, d.b) == (key.0, key.1) && d.end == Some((key.2, 1, 1)));
    let never_overlap = |key: &DyadYear| {
        records.iter().filter(|d| (d.a, d.b) == (key.0, key.1)).any(|d| d.end.is_some_and(|e| e < d.start))
    };

    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unexplained = Vec::new();
    for (key, (flags, ids)) in &theirs {
        let cow: Coding = (*flags, ids.len());
        let reason = match (ours.get(key), unfiltered.get(key)) {
            (Some(o), _) if *o == cow => "agree",
            (Some(o), Some(u)) if *u == cow && o.0 == cow.0 => {
                "state-system filter (an alliance outside the system all year)"
            }
            (None, Some(u)) if *u == cow => "state-system filter (a state outside the system all year)",
            (None, None) if end_on_new_year(key) => "end on 1 January (COW counts the year)",
            (None, None) if never_overlap(key) => "by-dyad dates never overlap (end before start)",
            _ => {
                unexplained.push((*key, cow, ours.get(key).copied()));
                "unexplained"
            }
        };
        *reasons.entry(reason).or_default() += 1;
    }
    let extra: Vec<&DyadYear> = ours.keys().filter(|k| !theirs.contains_key(*k)).collect();
    eprintln!(
        "COW v4.1 dyad-years: COW {}, pactnet {} ({} with --system none): {reasons:?}",
        theirs.len(),
        ours.len(),
        unfiltered.len()
    );
    assert!(unexplained.is_empty(), "unexplained: {:?}", &unexplained[..unexplained.len().min(20)]);
    assert!(extra.is_empty(), "pactnet rows COW does not have: {:?}", &extra[..extra.len().min(20)]);
    assert_eq!(theirs.len(), 60_372);
    assert_eq!(ours.len(), 59_804);
    assert_eq!(unfiltered.len(), 60_366);
    let expected: BTreeMap<&str, usize> = [
        ("agree", 59_802),
        ("state-system filter (an alliance outside the system all year)", 2),
        ("state-system filter (a state outside the system all year)", 562),
        ("end on 1 January (COW counts the year)", 3),
        ("by-dyad dates never overlap (end before start)", 3),
    ]
    .into_iter()
    .collect();
    assert_eq!(reasons, expected);

    // Censoring: right-censored dyads (no end date) run to 2012 in both codings; left-censored
    // ones start in 1816 in both.
    let censored: Vec<DyadYear> = records
        .iter()
        .filter(|d| d.end.is_none())
        .flat_map(|d| (d.start.0..=2012).map(move |y| (d.a, d.b, y)))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(censored.iter().all(|k| unfiltered.get(k).is_some_and(|u| theirs.get(k).is_some_and(|t| u.0 == t.0))));
    assert!(censored.contains(&(2, 20, 2012)), "NATO's USA–Canada runs to the data's end");
}

/// The by-dyad file's dates are those its members' rows give: each dyad's start and end are
/// the later start and the earlier end of a spell of each of its two members in the alliance.
#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn issue21_cow_dyad_dates_are_the_intersection_of_the_members_dates() {
    let Some(dir) = real_data() else { return };
    let Some((members, dyads)) = cow_files(&dir) else { return };
    let mut r = csv::Reader::from_path(&members).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let names = [
        "version4id",
        "ccode",
        "mem_st_year",
        "mem_st_month",
        "mem_st_day",
        "mem_end_year",
        "mem_end_month",
        "mem_end_day",
    ];
    let cols: Vec<usize> = names.iter().map(|n| col(n)).collect();
    // (alliance, state) → spells (start, end or None).
    type Day = (i32, u32, u32);
    type Spell = (Day, Option<Day>);
    let mut spells: BTreeMap<(u32, u16), Vec<Spell>> = BTreeMap::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        let int = |i: usize| rec.get(cols[i]).unwrap_or("").trim().parse::<i64>().ok();
        let start = (int(2).unwrap() as i32, int(3).unwrap() as u32, int(4).unwrap() as u32);
        let end = int(5).map(|y| (y as i32, int(6).unwrap() as u32, int(7).unwrap() as u32));
        spells.entry((int(0).unwrap() as u32, int(1).unwrap() as u16)).or_default().push((start, end));
    }
    let records = read_cow_dyads(&dyads);
    let mut matched = 0;
    let mut never_overlap = 0;
    for d in &records {
        let (Some(a), Some(b)) = (spells.get(&(d.alliance, d.a)), spells.get(&(d.alliance, d.b))) else {
            panic!("dyad {} {}–{} has a member missing from the member file", d.alliance, d.a, d.b)
        };
        // None (no end) sorts before Some: the earlier end of two is the Some one, if any.
        let earlier = |x: Option<Day>, y: Option<Day>| match (x, y) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, None) => x,
            (None, y) => y,
        };
        if a.iter().any(|sa| b.iter().any(|sb| (sa.0.max(sb.0), earlier(sa.1, sb.1)) == (d.start, d.end))) {
            matched += 1;
        }
        if d.end.is_some_and(|e| e < d.start) {
            never_overlap += 1;
        }
    }
    assert_eq!((records.len(), matched, never_overlap), (3222, 3222, 11));
}

/// COW v4.1's member file as the README describes it: 1,221 rows of 414 alliances to 2012, 3
/// rows with an empty type cell, 2 with an empty `left_censor`, every other censoring flag
/// agreeing with the dates.
#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn issue21_cow_v4_1_loads_alone_with_its_counted_quirks() {
    use pactnet::io::Source;
    let Some(dir) = real_data() else { return };
    let Some((members, _)) = cow_files(&dir) else { return };
    let states = Source::File(dir.join("cow/states2016.csv"));
    let (data, diag) =
        pactnet::Dataset::load_cow(&Source::File(members), &states, &pactnet::LoadOptions::default()).unwrap();
    assert_eq!(data.source, pactnet::MemberSource::Cow);
    assert_eq!((data.members.len(), data.data_end), (1221, 2012));
    assert_eq!(data.members.iter().map(|m| m.alliance).collect::<BTreeSet<_>>().len(), 414);
    assert_eq!(diag.count(pactnet::WarningKind::CowEmptyFlag), 3);
    assert_eq!(diag.count(pactnet::WarningKind::CowCensoring), 2);
    assert!(diag.errors.is_empty());
    let entente = data.members.iter().filter(|m| m.obligations.contains(pactnet::Obligation::Entente)).count();
    // 649 rows have entente = 1 (counted independently with a CSV reader).
    assert_eq!(entente, 649);
}
