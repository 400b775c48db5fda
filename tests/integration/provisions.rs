//! Issue 14: `--where` equals running on a member file filtered beforehand; the provisions of
//! the real data (`alliance`, exports, coding-sheet questions); issue 21's one reading of each
//! file in [`one_reading`].

mod one_reading;

use crate::common::{assert_text, pactnet, real_data, show};
use std::collections::BTreeMap;
use std::path::Path;

/// The cell of `name` in a record, as a whole number (`None`: empty or not a number).
fn int(header: &csv::StringRecord, row: &csv::StringRecord, name: &str) -> Option<i64> {
    let i = header.iter().position(|h| h.eq_ignore_ascii_case(name))?;
    row.get(i)?.trim().parse().ok()
}

/// Writes the member rows of the real file that `keep` accepts (with the header, bytes as read)
/// to `out`, and returns how many were kept.
fn prefilter(data: &Path, out: &Path, keep: Keep) -> usize {
    // hinst of each alliance, from the alliance file
    let mut alliances = csv::Reader::from_path(data.join("atop-4.01/atop4_01a.csv")).unwrap();
    let ah = alliances.headers().unwrap().clone();
    let hinst: BTreeMap<i64, Option<i64>> = alliances
        .records()
        .map(|r| r.unwrap())
        .map(|r| (int(&ah, &r, "atopid").unwrap(), int(&ah, &r, "hinst")))
        .collect();
    let mut members = csv::Reader::from_path(data.join("atop-4.01/atop4_01m.csv")).unwrap();
    let header = members.headers().unwrap().clone();
    let mut w = csv::Writer::from_path(out).unwrap();
    w.write_record(&header).unwrap();
    let mut kept = 0;
    for r in members.records() {
        let r = r.unwrap();
        if keep(&header, &r, &hinst) {
            w.write_record(&r).unwrap();
            kept += 1;
        }
    }
    w.flush().unwrap();
    kept
}

/// Predicates written independently of pactnet's parser, each with its `--where` text.
type Keep = fn(&csv::StringRecord, &csv::StringRecord, &BTreeMap<i64, Option<i64>>) -> bool;

fn cases() -> Vec<(&'static str, Keep, usize)> {
    vec![
        ("conditio = 0", |h, r, _| int(h, r, "conditio") == Some(0), 1352),
        (
            "intcom = 1 or base > 0",
            |h, r, _| int(h, r, "intcom") == Some(1) || int(h, r, "base").is_some_and(|b| b > 0),
            263,
        ),
        (
            "alliance.hinst = 1",
            |h, r, a| int(h, r, "atopid").and_then(|id| a.get(&id).copied().flatten()) == Some(1),
            327,
        ),
        // A missing dayexit is unknown for `>`, so those rows stay out unless `is missing`.
        (
            "DAYEXIT > 15 or (defense = 1 and dayent is missing)",
            |h, r, _| {
                int(h, r, "dayexit").is_some_and(|d| d > 15)
                    || (int(h, r, "defense") == Some(1) && int(h, r, "dayent").is_none())
            },
            635,
        ),
        (
            "not (milcon in (0, 1)) and member != 2",
            |h, r, _| int(h, r, "milcon").is_some_and(|m| m != 0 && m != 1) && int(h, r, "member") != Some(2),
            422,
        ),
    ]
}

#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn issue14_where_equals_a_prefiltered_member_file_on_every_command() {
    let Some(data) = real_data() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let members = data.join("atop-4.01/atop4_01m.csv");
    let states = data.join("cow/states2016.csv");
    let alliances = data.join("atop-4.01/atop4_01a.csv");
    let commands: [&[&str]; 13] = [
        &["snapshot", "--year", "1960"],
        &["snapshot", "--year", "2000", "--layer", "defense"],
        &["metrics", "--years", "1946..1965", "--layers", "all", "--level", "node"],
        &["metrics", "--layers", "all"],
        &["blocs", "--years", "1950..1952"],
        &["similarity", "--years", "1980..1981"],
        &["closure", "--years", "1900..1990"],
        &["cliques", "--years", "1990..1992"],
        &["export", "dyadyears", "--years", "1914..1918"],
        &["export", "graphml", "--year", "1985"],
        &["export", "statelevel", "--years", "1816..2016"],
        &["state", "USA", "--by-year"],
        &["dyad", "UKG", "FRN"],
    ];
    for (k, (expr, keep, expected_rows)) in cases().into_iter().enumerate() {
        let filtered = tmp.path().join(format!("m{k}.csv"));
        let kept = prefilter(&data, &filtered, keep);
        // Counted by the predicate above on ATOP 4.01 (of 2,398 rows): a filter that keeps all or
        // none would test little.
        assert_eq!(kept, expected_rows, "{expr}");
        for cmd in commands {
            // --data-end fixed: a pre-filtered file could otherwise end in an earlier year.
            let base = |m: &Path| -> Vec<String> {
                let mut v: Vec<String> =
                    ["--members", &m.display().to_string(), "--states", &states.display().to_string()]
                        .iter()
                        .map(|s| s.to_string())
                        .collect();
                v.extend(["--alliances".into(), alliances.display().to_string(), "--data-end".into(), "2016".into()]);
                v.push("-q".into());
                v.extend(cmd.iter().map(|s| s.to_string()));
                v
            };
            let mut with_where = base(&members);
            with_where.extend(["--where".to_string(), expr.to_string()]);
            let prefiltered = base(&filtered);
            let a = pactnet(tmp.path(), &with_where.iter().map(String::as_str).collect::<Vec<_>>());
            let b = pactnet(tmp.path(), &prefiltered.iter().map(String::as_str).collect::<Vec<_>>());
            assert!(a.status.success(), "{expr} {cmd:?}: {}", show(&a));
            assert!(b.status.success(), "{expr} {cmd:?} (pre-filtered): {}", show(&b));
            assert!(a.stdout.len() > 10, "{expr} {cmd:?}: empty output: {}", show(&a));
            if a.stdout != b.stdout {
                assert_text(&String::from_utf8_lossy(&a.stdout), &String::from_utf8_lossy(&b.stdout));
            }
        }
    }
}

#[test]
fn issue14_where_usage_errors_exit_2_naming_the_closest_columns() {
    let dir = tempfile::tempdir().unwrap();
    let o = pactnet(dir.path(), &["snapshot", "--year", "1950", "--where", "defence = 1"]);
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert_text(
        &String::from_utf8_lossy(&o.stderr),
        "pactnet: error: --where: no column \"defence\" in the member file (closest: defense)\n",
    );
    let o = pactnet(dir.path(), &["metrics", "--where", "alliance.hinst = 1"]);
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("give it with --alliances FILE"), "{}", show(&o));
    let o = pactnet(dir.path(), &["blocs", "--where", "defense = = 1"]);
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("at character 11: expected a column name, an integer"),
        "{}",
        show(&o)
    );
    // On the sample: 139 of its 227 rows have defense 1 and offense 0 (counted with awk).
    let o = pactnet(dir.path(), &["info", "--where", "Defense = 1 AND offense = 0"]);
    assert!(o.status.success(), "{}", show(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("member rows:       139 (where (defense = 1) and (offense = 0))\n"), "{out}");
}

/// `--members … --states … --alliances …` of the real data, then `args`.
fn real_args(data: &Path, args: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = vec![
        "--members".into(),
        data.join("atop-4.01/atop4_01m.csv").display().to_string(),
        "--states".into(),
        data.join("cow/states2016.csv").display().to_string(),
        "--alliances".into(),
        data.join("atop-4.01/atop4_01a.csv").display().to_string(),
        "-q".into(),
    ];
    v.extend(args.iter().map(|s| s.to_string()));
    v
}

fn run_real(data: &Path, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let a = real_args(data, args);
    let o = pactnet(dir.path(), &a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(o.status.success(), "{args:?}: {}", show(&o));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn issue14_alliance_4255_shows_what_its_coding_sheet_says() {
    let Some(data) = real_data() else { return };
    let text = run_real(&data, &["alliance", "4255"]);
    // The sheet of 4255 answers questions 31, 33, 35, 36, 38, 50 and 56 with "Yes"; the member
    // file codes them milcon 2, intcom 1, organ1 1, base 2, armred 2, nomicoop 1, interv 1.
    for line in [
        "ATOP alliance 4255: 2 member rows, 1 phase(s)\n",
        "    RUS (365) Russia                 1992-06-10 .. in force    defense+neutrality+nonaggression+consultation\n",
        "    KYR (703) Kyrgyzstan             1992-06-10 .. in force    defense+neutrality+nonaggression+consultation\n",
        "  intcom            1 (yes)                      Integrated military command in peace and war [sheet Q33]\n",
        "  conditio          0 (unconditional)            Any obligation is conditional (0: unconditional)\n",
        "  alliance.hinst    1 (yes)                      Highly institutionalized alliance (Leeds & Anac 2005)\n",
    ] {
        assert!(text.contains(line), "{line:?} not in\n{text}");
    }
    let sections: Vec<&str> = text.lines().filter(|l| !l.is_empty() && !l.starts_with(' ')).collect();
    assert_eq!(
        sections,
        [
            "ATOP alliance 4255: 2 member rows, 1 phase(s)",
            "Phases and members (entry .. exit as ATOP dates them, own obligations)",
            "Formation and duration",
            "Obligations",
            "Institutionalization",
            "Context and other provisions"
        ]
    );
    let json: serde_json::Value =
        serde_json::from_str(&run_real(&data, &["alliance", "4255", "--format", "json"])).unwrap();
    let mut by_question = std::collections::BTreeMap::new();
    for s in json["sections"].as_array().unwrap() {
        for v in s["variables"].as_array().unwrap() {
            if let (Some(q), Some(x)) = (v["question"].as_u64(), v["value"].as_i64()) {
                by_question.insert(q, (v["name"].as_str().unwrap().to_string(), x));
            }
        }
    }
    let expected: Vec<(u64, (String, i64))> = [
        (31, "milcon", 2),
        (33, "intcom", 1),
        (35, "organ1", 1),
        (36, "base", 2),
        (38, "armred", 2),
        (50, "nomicoop", 1),
        (56, "interv", 1),
    ]
    .into_iter()
    .map(|(q, n, v)| (q, (n.to_string(), v)))
    .collect();
    assert_eq!(by_question.into_iter().collect::<Vec<_>>(), expected);
    assert_eq!(json["phases"][0]["members"][1]["abbr"], "KYR");
}

#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn issue14_alliance_3180_shows_both_phases_and_what_varies() {
    let Some(data) = real_data() else { return };
    let text = run_real(&data, &["alliance", "3180"]);
    for part in [
        "ATOP alliance 3180: 42 member rows, 2 phase(s)\n",
        "  phase 1\n    USA (2) United States of America 1949-04-04 .. 1951-06-19  defense+nonaggression+consultation\n",
        "    GFR (260) German Federal Republic 1954-10-23 .. 1990-10-03  defense+nonaggression+consultation\n",
        "  organ1            varies:                      An organization established or meetings scheduled by the agreement [sheet Q35]\n      phase 1: 2\n      phase 2: 3\n",
        "  base              varies:                      Troop placements or basing rights in a member's territory [sheet Q36]\n      phase 1: 0 (none)\n      phase 2: 3\n",
        "  ineffect          varies:                      In effect at the end of the data\n      phase 1: 0 (no)\n      phase 2: 1 (yes), except GFR 0 (no)\n",
    ] {
        assert!(text.contains(part), "{part:?} not in\n{text}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&run_real(&data, &["alliance", "3180", "--format", "json"])).unwrap();
    let sizes: Vec<usize> =
        json["phases"].as_array().unwrap().iter().map(|p| p["members"].as_array().unwrap().len()).collect();
    assert_eq!(sizes, [12, 30]);
    let dir = tempfile::tempdir().unwrap();
    let a = real_args(&data, &["alliance", "4256"]);
    let o = pactnet(dir.path(), &a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert_text(
        &String::from_utf8_lossy(&o.stderr),
        "pactnet: error: no alliance 4256 in atop4_01m.csv (nearest atopids: 4250, 4255, 4260, 4265)\n",
    );
}

/// Three alliances with two ATOP provisions and a column no ATOP release has (`newprov`).
const PROVISION_MEMBERS: &str = "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul,IntCom,milcon,newprov
1,2,1950,1,1,1960,12,31,0,1,0,0,0,0,1,,7
1,200,1950,1,1,1960,12,31,0,1,0,0,0,0,1,,7
2,2,1955,1,1,1970,12,31,0,0,0,0,0,1,0,2,
2,200,1955,1,1,1970,12,31,0,0,0,0,0,1,0,2,
3,220,1950,1,1,1952,12,31,0,0,0,0,1,0,,1,3
3,365,1950,1,1,1952,12,31,0,0,0,0,1,0,,1,3
";

fn provision_run(args: &[&str]) -> String {
    let dir = crate::common::inputs("");
    std::fs::write(dir.path().join("members.csv"), PROVISION_MEMBERS).unwrap();
    let o = pactnet(dir.path(), &crate::common::with_inputs(args));
    assert!(o.status.success(), "{args:?}: {}", show(&o));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn issue14_dyadyears_provisions_take_the_largest_value_over_the_alliances_in_force() {
    // 1954: only alliance 1 ties USA-UKG (intcom 1, milcon empty, newprov 7); 1955-56 also
    // alliance 2 (intcom 0, milcon 2, newprov empty): the largest of each is 1, 2, 7.
    let out = provision_run(&[
        "export",
        "dyadyears",
        "--years",
        "1954..1956",
        "--undirected",
        "--provisions",
        "intcom,MILCON,newprov",
    ]);
    assert_text(
        &out,
        "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul,atop_number,intcom,milcon,newprov
2,200,1954,1,0,0,0,0,1,1,,7
2,200,1955,1,0,0,0,1,2,1,2,7
2,200,1956,1,0,0,0,1,2,1,2,7
",
    );
    // 1951: FRN-RUS by alliance 3 (intcom empty); all dyads: USA-FRN has no tie, so empty.
    let out = provision_run(&[
        "export",
        "dyadyears",
        "--years",
        "1951",
        "--provisions",
        "intcom,milcon",
        "--all-dyads",
        "--undirected",
    ]);
    assert_text(
        &out,
        "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul,atop_number,intcom,milcon
2,200,1951,1,0,0,0,0,1,1,
2,220,1951,0,0,0,0,0,0,,
2,365,1951,0,0,0,0,0,0,,
200,220,1951,0,0,0,0,0,0,,
200,365,1951,0,0,0,0,0,0,,
220,365,1951,0,0,0,1,0,1,,1
",
    );
    let json: serde_json::Value =
        serde_json::from_str(&provision_run(&["export", "json", "--year", "1955", "--provisions", "newprov,milcon"]))
            .unwrap();
    let edge = &json["edges"][0];
    assert_eq!(
        (&edge["atopids"], edge["newprov"].as_i64(), edge["milcon"].as_i64()),
        (&serde_json::json!([1, 2]), Some(7), Some(2))
    );
    let graphml = provision_run(&["export", "graphml", "--year", "1951", "--provisions", "intcom"]);
    assert!(graphml.contains(r#"<key id="intcom" for="edge" attr.name="intcom" attr.type="int"/>"#), "{graphml}");
    // USA-UKG carries intcom 1; FRN-RUS has it empty, so no <data key="intcom"> on that edge.
    assert_eq!(graphml.matches(r#"<data key="intcom">1</data>"#).count(), 1, "{graphml}");
    assert_eq!(graphml.matches(r#"<data key="intcom">"#).count(), 1, "{graphml}");
}

#[test]
fn issue14_unknown_extra_columns_work_in_where_and_export_alliances() {
    // `newprov is missing` keeps only alliance 2's rows.
    let out = provision_run(&["snapshot", "--year", "1955", "--where", "newprov is missing"]);
    assert_text(&out, "a,b,weight,atopids\n2,200,1,2\n");
    let out = provision_run(&["snapshot", "--year", "1951", "--where", "not newprov > 5"]);
    assert_text(&out, "a,b,weight,atopids\n220,365,1,3\n");
    let out = provision_run(&["export", "alliances"]);
    assert_text(
        &out,
        "atopid,begin,end,phases,members,n_members,types,defense,offense,neutral,nonagg,consul,intcom,milcon,newprov
1,1950-01-01,1960-12-31,1,2 200,2,defense,1,0,0,0,0,1,,7
2,1955-01-01,1970-12-31,1,2 200,2,consultation,0,0,0,0,1,0,2,
3,1950-01-01,1952-12-31,1,220 365,2,nonaggression,0,0,0,1,0,,1,3
",
    );
    let dir = crate::common::inputs("");
    std::fs::write(dir.path().join("members.csv"), PROVISION_MEMBERS).unwrap();
    let o = pactnet(dir.path(), &crate::common::with_inputs(&["export", "dyadyears", "--provisions", "newprof"]));
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert_text(
        &String::from_utf8_lossy(&o.stderr),
        "pactnet: error: --provisions: no column \"newprof\" in the member file (closest: newprov)\n",
    );
}

#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn issue14_export_alliances_on_the_real_data_has_one_row_per_alliance() {
    let Some(data) = real_data() else { return };
    let out = run_real(&data, &["export", "alliances"]);
    let mut lines = out.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header[..7], ["atopid", "begin", "end", "phases", "members", "n_members", "types"]);
    assert!(header.contains(&"hinst") && header.contains(&"intcom") && !header.contains(&"mem1"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 745);
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let row4255: Vec<&str> = rows.iter().find(|r| r.starts_with("4255,")).unwrap().split(',').collect();
    assert_eq!(
        [row4255[1], row4255[2], row4255[4], row4255[col("intcom")], row4255[col("hinst")]],
        ["1992-06-10", "", "365 703", "1", "1"]
    );
}

fn questions(files: &[&str]) -> Vec<serde_json::Value> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<String> = files.iter().map(|f| root.join(f).display().to_string()).collect();
    let mut args = vec!["codesheet", "--questions"];
    args.extend(paths.iter().map(String::as_str));
    let o = pactnet(dir.path(), &args);
    assert!(o.status.success(), "{}", show(&o));
    serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap().as_array().unwrap().clone()
}

#[test]
fn issue14_codesheet_questions_finds_all_61_of_a_full_sheet_and_none_invented() {
    // A hand-made full sheet with each quirk: `4,` and `45,`, section headings repeated and
    // misnumbered, a Roman-numeral heading, page lines and the title repeated, blank answers,
    // answers on the following lines, a URL and pasted treaty text (with `2. …` and `:`) inside
    // answers.
    let qs = questions(&["tests/fixtures/codesheets/4255.txt"]);
    let numbers: Vec<u64> = qs.iter().map(|q| q["number"].as_u64().unwrap()).collect();
    assert_eq!(numbers, (1..=61).collect::<Vec<u64>>());
    let yes: Vec<u64> = qs.iter().filter(|q| q["yes_no"] == true).map(|q| q["number"].as_u64().unwrap()).collect();
    assert_eq!(yes, [10, 13, 23, 28, 30, 31, 33, 35, 36, 38, 42, 44, 50, 52, 54, 55, 56]);
    let no = qs.iter().filter(|q| q["yes_no"] == false).count();
    let blank: Vec<u64> = qs.iter().filter(|q| q["answer"] == "").map(|q| q["number"].as_u64().unwrap()).collect();
    assert_eq!((no, blank), (28, vec![5, 18, 46]));
    let q = |n: usize| (qs[n - 1]["question"].as_str().unwrap(), qs[n - 1]["answer"].as_str().unwrap());
    assert_eq!(q(33), ("Does the agreement establish an integrated military command?", "Yes"));
    assert_eq!(
        q(4),
        (
            "Members of alliance (use COW country codes)",
            "365 Russia: defense pact, neutrality pact, nonaggression pact, consultation pact\n703 Kyrgyzstan: defense pact, neutrality pact, nonaggression pact, consultation pact"
        )
    );
    assert_eq!(q(45), ("Are there companion agreements?", "No"));
    assert_eq!(q(44), ("Does the agreement refer to other alliances?", "Yes:\nthe CIS collective security treaty"));
    assert_eq!(q(57).1, "https://example.org/treaties/russia-kyrgyzstan-1992\nUNTS registration pending");
    assert!(q(61).1.ends_with("including military assistance.\"\n2. The parties shall consult."), "{:?}", q(61));
    assert_eq!(q(30).1, "Yes, members shall settle disputes peacefully");
    // The records built from the same sheet are those of a sheet read for --codesheets.
    let dir = tempfile::tempdir().unwrap();
    let sheet = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codesheets/4255.txt");
    let o = pactnet(dir.path(), &["codesheet", &sheet.display().to_string()]);
    assert!(o.status.success(), "{}", show(&o));
    let rec: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!((rec[0]["atopid"].as_u64(), rec[0]["signed"].as_str()), (Some(4255), Some("1992-06-10")));
}

#[test]
fn issue14_codesheet_questions_on_the_fuzz_seed_sheets() {
    let seeds = ["1001", "9001", "errors", "missing", "reversed"].map(|s| format!("fuzz/seeds/codesheet/{s}.txt"));
    let got: Vec<(String, u64)> = questions(&seeds.iter().map(String::as_str).collect::<Vec<_>>())
        .iter()
        .map(|q| (q["file"].as_str().unwrap().to_string(), q["number"].as_u64().unwrap()))
        .collect();
    let expected: Vec<(String, u64)> = [
        ("1001.txt", &[1, 3, 4, 14, 15, 16][..]),
        ("9001.txt", &[1, 2, 3, 4, 14, 16]),
        ("errors.txt", &[1, 3, 4, 14, 16]),
        ("missing.txt", &[1, 4]),
        ("reversed.txt", &[1, 3, 4, 14, 16]),
    ]
    .iter()
    .flat_map(|(f, ns)| ns.iter().map(move |n| (f.to_string(), *n)))
    .collect();
    assert_eq!(got, expected);
    let q15 = questions(&["fuzz/seeds/codesheet/1001.txt"]);
    assert_eq!(
        (q15[4]["question"].as_str(), q15[4]["answer"].as_str(), q15[4]["yes_no"].as_bool()),
        (Some("Are the obligations asymmetric?"), Some("Yes"), Some(true))
    );
}

#[test]
fn issue14_pictures_and_the_report_name_their_filter() {
    let dir = tempfile::tempdir().unwrap();
    let o = pactnet(dir.path(), &["plot", "network", "--year", "1950", "--where", "defense = 1", "-o", "n.svg"]);
    assert!(o.status.success(), "{}", show(&o));
    let svg = std::fs::read_to_string(dir.path().join("n.svg")).unwrap();
    assert!(svg.contains("Alliances 1950, layer any: 59 states, 278 ties (where defense = 1)\n</text>"), "title");
    assert!(svg.contains("COW state system; member rows where defense = 1\n</text>"), "caption");
    let o = pactnet(dir.path(), &["report", "--years", "1950..1951", "--where", "defense = 1", "-o", "r"]);
    assert!(o.status.success(), "{}", show(&o));
    let page = std::fs::read_to_string(dir.path().join("r/index.html")).unwrap();
    assert!(page.contains("<h1>Alliance network 1950–1951 (where defense = 1)</h1>"), "{page}");
    assert!(page.contains("COW state system; member rows where defense = 1."), "{page}");
}
