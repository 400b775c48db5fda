//! The command line on small hand-written inputs: outputs, errors, warnings, exit codes.

use crate::common::{assert_text, inputs, pactnet, show, with_inputs};

/// Two alliances: 1001 UKG–FRN–RUS (defense, 1900–1910, RUS leaves 1905-06-01; FRN's exit day
/// missing), 1002 USA–UKG nonaggression in force (yrexit 0).
const ROWS: &str = "1001,200,1900,1,1,1910,1,1,1,1,0,0,0,1
1001,220,1900,1,1,1910,1,0,1,1,0,0,0,1
1001,365,1900,1,1,1905,6,1,1,1,0,0,0,0
1002,2,2000,3,15,0,,,0,0,0,0,1,0
1002,200,2000,3,15,0,,,0,0,0,0,1,0
";

#[test]
fn snapshot_edges_are_sorted_with_weights_and_atopids() {
    let dir = inputs(ROWS);
    let o = pactnet(dir.path(), &with_inputs(&["snapshot", "--year", "1905", "--format", "csv"]));
    assert!(o.status.success(), "{}", show(&o));
    assert_text(
        &String::from_utf8_lossy(&o.stdout),
        "a,b,weight,atopids\n200,220,1,1001\n200,365,1,1001\n220,365,1,1001\n",
    );
    // 1906: RUS has left (exit 1905-06-01).
    let o = pactnet(
        dir.path(),
        &with_inputs(&["snapshot", "--year", "1906", "--layer", "defense", "--nodes", "--format", "csv"]),
    );
    assert_text(
        &String::from_utf8_lossy(&o.stdout),
        "ccode,abbr,name,degree\n2,USA,United States of America,0\n200,UKG,United Kingdom,1\n220,FRN,France,1\n365,RUS,Russia,0\n",
    );
    // A single day: 1905-06-01 is RUS's first day outside.
    let o = pactnet(dir.path(), &with_inputs(&["snapshot", "--date", "1905-06-01", "--format", "csv"]));
    assert_text(&String::from_utf8_lossy(&o.stdout), "a,b,weight,atopids\n200,220,1,1001\n");
}

#[test]
fn snapshot_writes_json_and_files_atomically_never_onto_an_input() {
    let dir = inputs(ROWS);
    let o = pactnet(dir.path(), &with_inputs(&["snapshot", "--year", "2000", "--format", "json", "-o", "out.json"]));
    assert!(o.status.success(), "{}", show(&o));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).unwrap()).unwrap();
    assert_eq!(v, serde_json::json!([{"a": 2, "b": 200, "weight": 1, "atopids": ["1002"]}]));
    let before = std::fs::read(dir.path().join("members.csv")).unwrap();
    let o = pactnet(dir.path(), &with_inputs(&["snapshot", "--year", "2000", "-o", "members.csv"]));
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("members.csv: refusing to overwrite an input file"),
        "{}",
        show(&o)
    );
    assert_eq!(std::fs::read(dir.path().join("members.csv")).unwrap(), before);
}

/// Issue 13: one summary line by default, the list with -v (before or after the command),
/// nothing with -q; an error is shown alone.
#[test]
fn warnings_are_counted_once_on_stderr() {
    let dir = inputs(ROWS);
    let o = pactnet(dir.path(), &with_inputs(&["snapshot", "--year", "1901"]));
    assert_text(
        &String::from_utf8_lossy(&o.stderr),
        "pactnet: 2 data warnings (add -v to list them, or run `pactnet validate`)\n",
    );
    let o = pactnet(dir.path(), &with_inputs(&["snapshot", "--year", "1901", "-v"]));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(
        err.contains(
            "members.csv: 1 row with empty or 0 dayexit, taken as member through the end of that month (first: line 3)"
        ),
        "{err}"
    );
    assert!(err.contains("members.csv: 2 rows with yrexit 0 or empty, taken as in force until the end of the data (exit 2001-01-01) (first: line 5)"), "{err}");
    let o = pactnet(dir.path(), &with_inputs(&["-q", "snapshot", "--year", "1901"]));
    assert!(o.stderr.is_empty(), "{}", show(&o));
    let o = pactnet(dir.path(), &with_inputs(&["snapshot", "--year", "1700", "-v"]));
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("pactnet: error: --year 1700: outside the data's years 1816..=") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn state_and_dyad_show_memberships_and_directed_obligations() {
    let dir = inputs(ROWS);
    let o = pactnet(dir.path(), &with_inputs(&["state", "rus", "--format", "csv"]));
    assert_text(
        &String::from_utf8_lossy(&o.stdout),
        "atopid,phase,start,end,obligations,partners\n1001,1,1900-01-01,1905-06-01,defense,UKG FRN\n",
    );
    let o = pactnet(dir.path(), &with_inputs(&["state", "365", "--by-year", "--format", "csv"]));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("year,in_system,degree,strength,alliances\n"), "{out}");
    assert!(out.contains("\n1905,yes,2,2,1\n1906,yes,0,0,0\n"), "{out}");
    let o = pactnet(dir.path(), &with_inputs(&["dyad", "FRN", "RUS", "--format", "csv"]));
    assert_text(
        &String::from_utf8_lossy(&o.stdout),
        "atopid,phase_a,phase_b,start,end,types,a_to_b,b_to_a,counted\n1001,1,1,1900-01-01,1905-06-01,defense+consultation,defense+consultation,defense,\"[1900-01-01, 1905-06-01)\"\n",
    );
}

#[test]
fn data_end_sets_the_last_year_and_the_end_of_rows_in_force() {
    let dir = inputs(ROWS);
    let o = pactnet(dir.path(), &with_inputs(&["--data-end", "2005", "dyad", "USA", "UKG", "--format", "csv"]));
    assert!(o.status.success(), "{}", show(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains(",2000-03-15,2006-01-01,nonaggression,"), "{}", show(&o));
    let o = pactnet(dir.path(), &with_inputs(&["-q", "--data-end", "2005", "snapshot", "--year", "2006"]));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("pactnet: error: --year 2006: outside the data's years 1816..=2005\n"),
        "{}",
        show(&o)
    );
    let o = pactnet(dir.path(), &with_inputs(&["--data-end", "3000", "info"]));
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
}

#[test]
fn unknown_states_list_close_matches() {
    let dir = inputs(ROWS);
    let o = pactnet(dir.path(), &with_inputs(&["-q", "state", "RUSS"]));
    assert_eq!(o.status.code(), Some(1));
    assert_text(
        &String::from_utf8_lossy(&o.stderr),
        "pactnet: error: unknown state \"RUSS\": not a COW code, abbreviation, name or alias (see the README) in the data (close matches: RUS (365) Russia)\n",
    );
}

#[test]
fn flags_are_checked() {
    let dir = inputs(ROWS);
    let o = pactnet(dir.path(), &with_inputs(&["snapshot", "--year", "1700"]));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("pactnet: error: --year 1700: outside the data's years 1816..=2000\n"),
        "{}",
        show(&o)
    );
    let o = pactnet(dir.path(), &with_inputs(&["snapshot", "--year", "1900", "--layer", "defence"]));
    assert_eq!(o.status.code(), Some(2), "usage errors exit 2");
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown layer \"defence\""), "{}", show(&o));
    let o = pactnet(dir.path(), &["--members", "members.csv", "info"]);
    assert_eq!(o.status.code(), Some(2), "--members needs --states: {}", show(&o));
}

/// Runs `validate` on `rows` and returns (exit code, stdout).
fn validate(rows: &str) -> (Option<i32>, String) {
    let dir = inputs(rows);
    let o = pactnet(dir.path(), &with_inputs(&["validate"]));
    (o.status.code(), String::from_utf8_lossy(&o.stdout).into_owned())
}

#[test]
fn every_row_error_names_file_line_field_value_and_expectation() {
    let cases = [
        ("1001,2,19x0,1,1,1910,1,1,1,1,0,0,0,0", "members.csv:2: field yrent = \"19x0\": not a whole number"),
        (
            "1001,2,1900,13,1,1910,1,1,1,1,0,0,0,0",
            "members.csv:2: field moent = \"13\": not a month (expected 1..=12, or 0/empty for missing)",
        ),
        (
            "1001,2,1900,1,32,1910,1,1,1,1,0,0,0,0",
            "members.csv:2: field dayent = \"32\": not a day (expected 1..=31, or 0/empty for missing)",
        ),
        (
            "1001,2,1900,2,30,1910,1,1,1,1,0,0,0,0",
            "members.csv:2: field dayent = \"30\": no such day in that month (1900-02-30)",
        ),
        (
            "1001,2,1900,1,1,1901,2,29,1,1,0,0,0,0",
            "members.csv:2: field dayexit = \"29\": no such day in that month (1901-02-29)",
        ),
        (
            "1001,2,1900,1,1,1910,1,1,1,7,0,0,0,0",
            "members.csv:2: field defense = \"7\": not an obligation flag (0 or 1)",
        ),
        (
            "1001,-2,1900,1,1,1910,1,1,1,1,0,0,0,0",
            "members.csv:2: field member = \"-2\": not a COW state code (1..=9999)",
        ),
        ("1001,2,-1900,1,1,1910,1,1,1,1,0,0,0,0", "members.csv:2: field yrent = \"-1900\": not a year (1000..=2100)"),
        (
            "1001,2,1900,1,1,99999,1,1,1,1,0,0,0,0",
            "members.csv:2: field yrexit = \"99999\": not a year (0 or 1000..=2100)",
        ),
        (
            "1001,2,1900,5,1,1900,5,1,1,1,0,0,0,0",
            "members.csv:2: field yrexit = \"1900-5-1\": exit 1900-05-01 is not after entry 1900-05-01",
        ),
        ("1001,2,1900,1,1,1910", "members.csv:2: field count = 6: expected 14 fields as in the header"),
        (
            "1001,2,1900,1,1,1910,1,1,1,1,0,0,0,0,9",
            "members.csv:2: field count = 15: expected 14 fields as in the header",
        ),
    ];
    for (row, expected) in cases {
        let (code, out) = validate(&format!("{row}\n"));
        assert_eq!(code, Some(1), "{row}: {out}");
        assert_eq!(out.lines().next(), Some(expected), "{row}:\n{out}");
    }
}

#[test]
fn validate_lists_every_error_and_other_commands_stop_at_the_first() {
    let rows = "1001,2,1900,13,1,1910,1,1,1,1,0,0,0,0\n1001,200,1900,1,1,1910,1,1,1,1,0,0,0,0\n1001,220,1900,1,1,1910,1,1,1,2,0,0,0,0\n";
    let (code, out) = validate(rows);
    assert_eq!(code, Some(1));
    assert!(out.contains("members.csv:2: field moent") && out.contains("members.csv:4: field defense"), "{out}");
    assert!(out.ends_with("2 errors, 1 valid member rows\n"), "{out}");
    let dir = inputs(rows);
    let o = pactnet(dir.path(), &with_inputs(&["snapshot", "--year", "1900", "-o", "out.csv"]));
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("pactnet: error: cannot load the data: members.csv:2: field moent = \"13\""), "{err}");
    assert!(
        err.contains("(and 1 more errors; `pactnet validate` lists them all, `--lenient` skips such rows)"),
        "{err}"
    );
    assert!(!dir.path().join("out.csv").exists(), "nothing is written on error");
    let o = pactnet(dir.path(), &with_inputs(&["--lenient", "snapshot", "--year", "1900", "--format", "csv", "-v"]));
    assert!(o.status.success(), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("members.csv: 2 invalid rows skipped (--lenient); first: members.csv:2: field moent"),
        "{}",
        show(&o)
    );
    assert_text(&String::from_utf8_lossy(&o.stdout), "a,b,weight,atopids\n");
}

#[test]
fn file_level_errors_name_the_file() {
    let dir = inputs("");
    std::fs::write(dir.path().join("empty.csv"), "").unwrap();
    std::fs::write(dir.path().join("semi.csv"), "atopid;member\n1;2\n").unwrap();
    std::fs::write(
        dir.path().join("bin.csv"),
        format!("{}\n1001,2,1900,1,1,1910,1,1,1,\u{0}\u{1},0,0,0,0\n", crate::common::MEMBER_HEADER),
    )
    .unwrap();
    let mut latin1 = format!("{}\n", crate::common::MEMBER_HEADER).into_bytes();
    latin1.extend_from_slice(b"1001,2,1900,1,1,1910,1,1,1,1,0,0,0,\xe9\n");
    std::fs::write(dir.path().join("latin1.csv"), latin1).unwrap();
    let run = |file: &str, cmd: &str| pactnet(dir.path(), &["--members", file, "--states", "states.csv", cmd]);
    let e = |o: std::process::Output| (o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned());
    assert_eq!(
        e(run("empty.csv", "info")),
        (Some(1), "pactnet: error: cannot load the data: empty.csv: empty file: expected a CSV header line\n".into())
    );
    let (code, msg) = e(run("semi.csv", "info"));
    assert_eq!(code, Some(1));
    assert!(msg.contains("semi.csv:1: missing column(s) atopid, member, yrent") && msg.contains("semicolons"), "{msg}");
    let (code, msg) = e(run("missing.csv", "info"));
    assert_eq!(code, Some(1));
    assert!(msg.contains("missing.csv: cannot read: No such file"), "{msg}");
    let o = run("latin1.csv", "validate");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stdout).starts_with("latin1.csv:2: field consul = \"\u{fffd}\": not UTF-8 text"),
        "{}",
        show(&o)
    );
    let o = run("bin.csv", "validate");
    assert!(
        String::from_utf8_lossy(&o.stdout).starts_with("bin.csv:2: field defense = \"\\0\\u{1}\": not a whole number"),
        "{}",
        show(&o)
    );
}

#[test]
fn header_case_bom_crlf_quotes_and_unknown_columns_are_fine() {
    let dir = inputs("");
    let text = format!(
        "\u{feff}EXTRA,{}\r\nx,\"1001\",2,1900,1,1,1910,1,1,1,1,0,0,0,0\r\ny,1001,200,1900,1,1,1910,1,1,1,1,0,0,0,0\r\ny,1001,200,1900,1,1,1910,1,1,1,1,0,0,0,0\r\n",
        crate::common::MEMBER_HEADER.to_uppercase()
    );
    std::fs::write(dir.path().join("members.csv"), text).unwrap();
    let o = pactnet(dir.path(), &with_inputs(&["snapshot", "--year", "1900", "--format", "csv", "--verbose"]));
    assert!(o.status.success(), "{}", show(&o));
    assert_text(&String::from_utf8_lossy(&o.stdout), "a,b,weight,atopids\n2,200,1,1001\n");
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("members.csv: 1 exact duplicate row ignored (first: line 4)"),
        "{}",
        show(&o)
    );
}

#[test]
fn members_missing_from_the_state_list_are_warned_about() {
    let dir = inputs("1001,2,1900,1,1,1910,1,1,1,1,0,0,0,0\n1001,8152,1900,1,1,1910,1,1,1,1,0,0,0,0\n");
    let o = pactnet(dir.path(), &with_inputs(&["validate"]));
    assert_eq!(o.status.code(), Some(0), "warnings only: {}", show(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(
            "warning: members.csv: 1 row names a member code missing from the COW state list: 8152 (first: line 3)"
        ),
        "{out}"
    );
    assert!(out.contains("warning: 1 multigraph edge never counts: on none of their days within the data's years are both states COW system members (1 state outside the system then: 8152 in 1900–1909)"), "{out}");
}

#[test]
fn the_embedded_sample_runs_without_any_file() {
    let dir = tempfile::tempdir().unwrap();
    let o = pactnet(dir.path(), &["info"]);
    assert!(o.status.success(), "{}", show(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("members file:      sample/members.csv (embedded sample)\n"), "{out}");
    for line in [
        "alliances:         34\n",
        "member rows:       227\n",
        "years:             1816..2016 (data end 2016, system filter cow)\n",
    ] {
        assert!(out.contains(line), "{line}: {out}");
    }
    let o = pactnet(dir.path(), &["completions", "bash"]);
    assert!(o.status.success() && String::from_utf8_lossy(&o.stdout).contains("_pactnet()"), "{}", show(&o));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // One alliance of 150 states: 11,175 edges, far more than a pipe buffer holds.
    let dir = inputs("");
    let mut states = String::from("stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\n");
    let mut members = format!("{}\n", crate::common::MEMBER_HEADER);
    for code in 1..=150 {
        states.push_str(&format!("S{code},{code},State {code},1816,1,1,2016,12,31,2016\n"));
        members.push_str(&format!("1001,{code},1900,1,1,1910,1,1,1,1,0,0,0,0\n"));
    }
    std::fs::write(dir.path().join("states.csv"), states).unwrap();
    std::fs::write(dir.path().join("members.csv"), members).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pactnet"))
        .args(with_inputs(&["snapshot", "--year", "1900", "--format", "csv"]))
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    assert!(o.stderr.is_empty(), "{}", show(&o));
}

#[test]
fn closure_counts_new_ties_that_close_triangles() {
    // 1001: UKG–FRN–RUS from 1900; 1002: USA–UKG from 1901 (no common ally in 1900: open);
    // 1003: USA–FRN from 1902 (common ally UKG in 1901: closes a triangle).
    let dir = inputs(
        "1001,200,1900,1,1,1910,1,1,1,1,0,0,0,0\n1001,220,1900,1,1,1910,1,1,1,1,0,0,0,0\n1001,365,1900,1,1,1910,1,1,1,1,0,0,0,0\n\
         1002,2,1901,1,1,1910,1,1,0,0,0,0,1,0\n1002,200,1901,1,1,1910,1,1,0,0,0,0,1,0\n\
         1003,2,1902,1,1,1910,1,1,0,0,0,0,1,0\n1003,220,1902,1,1,1910,1,1,0,0,0,0,1,0\n",
    );
    let o = pactnet(dir.path(), &with_inputs(&["-q", "closure", "--years", "1900..1902", "--format", "csv"]));
    assert!(o.status.success(), "{}", show(&o));
    // 1900: a triangle, ESP_1 = 3, GWESP = 3 for any decay; alliance 1001 formed; compared
    // with the (empty) year 1899: 3 ties added, none closing a triangle.
    // 1901: + USA–UKG (USA had no ally): 1 added, 0 closing; Jaccard 3/4; 1 of 4 ties bilateral.
    // 1902: + USA–FRN (common ally UKG in 1901): closes a triangle.
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "year,layer,edges,added,removed,jaccard,new_ties_closing_triangles,closure_share,gwesp,alliances_formed,alliances_ended,bilateral_share");
    assert_eq!(lines[1], "1900,any,3,3,0,0.0,0,0.0,3.0,1,0,0.0");
    assert!(lines[2].starts_with("1901,any,4,1,0,0.75,0,0.0,"), "{out}");
    assert!(lines[2].ends_with(",1,0,0.25"), "{out}");
    assert!(lines[3].starts_with("1902,any,5,1,0,0.8,1,1.0,"), "{out}");
    let o = pactnet(dir.path(), &with_inputs(&["-q", "closure", "--years", "1902", "--esp", "--format", "csv"]));
    // 1902: UKG–FRN has partners RUS and USA (2); USA–UKG, USA–FRN, UKG–RUS, FRN–RUS one each.
    assert_text(&String::from_utf8_lossy(&o.stdout), "year,layer,shared_partners,edges\n1902,any,1,4\n1902,any,2,1\n");
}

#[test]
fn validate_checks_coding_sheets_too() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codesheets/bad");
    let o = pactnet(dir.path(), &["--codesheets", sheets.to_str().unwrap(), "validate"]);
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("errors.txt:1: field question 1 (ATOP ID) = \"x12\": not an alliance id"), "{out}");
    assert!(out.contains("missing.txt: field question 3 (signature date)"), "{out}");
}

#[test]
fn metrics_writes_both_tables_into_a_directory() {
    let dir = inputs(ROWS);
    let o = pactnet(
        dir.path(),
        &with_inputs(&[
            "-q",
            "metrics",
            "--years",
            "1905",
            "--level",
            "graph",
            "--metrics",
            "nodes,edges,density,transitivity",
            "--format",
            "csv",
        ]),
    );
    assert!(o.status.success(), "{}", show(&o));
    // 1905: 4 nodes (USA, UKG, FRN, RUS), the triangle UKG–FRN–RUS: density 3/6, transitivity 1.
    assert_text(
        &String::from_utf8_lossy(&o.stdout),
        "year,layer,nodes,edges,density,transitivity\n1905,any,4,3,0.5,1.0\n",
    );
    let o = pactnet(
        dir.path(),
        &with_inputs(&["-q", "metrics", "--years", "1905..1906", "--layers", "all", "--level", "both", "-o", "out"]),
    );
    assert!(o.status.success(), "{}", show(&o));
    let graph = std::fs::read_to_string(dir.path().join("out/graph_metrics.csv")).unwrap();
    let node = std::fs::read_to_string(dir.path().join("out/node_metrics.csv")).unwrap();
    assert_eq!(graph.lines().count(), 1 + 2 * 6, "{graph}");
    assert_eq!(node.lines().count(), 1 + 2 * 6 * 4, "{node}");
    assert!(node.contains("\n1905,any,365,RUS,2,2,"), "{node}");
    let o = pactnet(dir.path(), &with_inputs(&["-q", "metrics", "--level", "both"]));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--level both writes two files: give -o DIR"), "{}", show(&o));
    let o = pactnet(dir.path(), &with_inputs(&["-q", "metrics", "--metrics", "betweenness"]));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("--metrics betweenness: a node metric, not a graph metric"),
        "{}",
        show(&o)
    );
}

#[test]
fn cliques_and_their_overlap() {
    let dir = inputs(ROWS);
    let o = pactnet(dir.path(), &with_inputs(&["-q", "cliques", "--years", "1905", "--format", "csv"]));
    assert_text(&String::from_utf8_lossy(&o.stdout), "year,layer,clique,size,members\n1905,any,1,3,200 220 365\n");
    let o = pactnet(dir.path(), &with_inputs(&["-q", "cliques", "--years", "1905", "--overlap", "--format", "csv"]));
    assert_text(
        &String::from_utf8_lossy(&o.stdout),
        "year,layer,a,b,shared_cliques\n1905,any,200,220,1\n1905,any,200,365,1\n1905,any,220,365,1\n",
    );
}

#[test]
fn weighted_similarity_reads_a_weight_file() {
    // 1906: no state has a tie (RUS left alliance 1001 in 1905). Portfolios over (USA, UKG, FRN,
    // RUS): USA [3,0,0,0], RUS [0,0,0,3]. Unweighted: Σ|d| = 6 over 4 positions →
    // S = 1 − 2·(6/4)/3 = 0. Weights UKG 1, FRN 1 (USA and RUS absent: 0): Σ w|d| = 0 → S = 1.
    let dir = inputs(ROWS);
    std::fs::write(dir.path().join("w.csv"), "ccode,weight\n200,1\n220,1\n").unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["-q", "similarity", "--years", "1906", "--dyads", "USA,RUS", "--format", "csv"];
        args.extend_from_slice(extra);
        String::from_utf8_lossy(&pactnet(dir.path(), &with_inputs(&args)).stdout).into_owned()
    };
    assert_text(&run(&[]), "year,a,b,s\n1906,2,365,0.0\n");
    assert_text(&run(&["--weights", "w.csv"]), "year,a,b,s\n1906,2,365,1.0\n");
    std::fs::write(dir.path().join("bad.csv"), "ccode,weight\n2,-1\n").unwrap();
    let o = pactnet(dir.path(), &with_inputs(&["-q", "similarity", "--weights", "bad.csv"]));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("bad.csv:2: field weight = \"-1\": not a weight"),
        "{}",
        show(&o)
    );
    let o = pactnet(dir.path(), &with_inputs(&["-q", "similarity", "--measure", "kappa", "--weights", "w.csv"]));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("--weights applies to --measure s or s2, not kappa"),
        "{}",
        show(&o)
    );
}

#[test]
fn issue21_similarity_among_a_region_or_a_list_of_states() {
    // 1950: UKG–FRN defense (3), USA–UKG nonaggression (1), FRN–RUS neutrality (2). Rows over
    // (USA, UKG, FRN, RUS): USA [3,1,0,0], UKG [1,3,3,0], FRN [0,3,3,2], RUS [0,0,2,3].
    // Europe's positions are UKG, FRN, RUS, and USA's own in its dyads (outside the set, it
    // still holds its position at 3). S: USA–UKG Σ|d| = 2+2+3+0 = 7 over 4 → 1 − 2·(7/4)/3 =
    // −1/6; USA–FRN 3+2+3+2 = 10 → −2/3; USA–RUS 3+1+2+3 = 9 → −1/2; over (UKG, FRN, RUS):
    // UKG–FRN [3,3,0] vs [3,3,2]: 2 over 3 → 1 − 2·(2/3)/3 = 5/9; UKG–RUS 3+1+3 = 7 → −5/9;
    // FRN–RUS 3+1+1 = 5 → −1/9.
    let rows = "3001,200,1950,1,1,1951,1,1,1,1,0,0,0,0
3001,220,1950,1,1,1951,1,1,1,1,0,0,0,0
3002,2,1950,1,1,1951,1,1,1,0,0,0,1,0
3002,200,1950,1,1,1951,1,1,1,0,0,0,1,0
3003,220,1950,1,1,1951,1,1,1,0,0,1,0,0
3003,365,1950,1,1,1951,1,1,1,0,0,1,0,0
";
    let dir = inputs(rows);
    let run = |extra: &[&str]| {
        let mut args = vec!["-q", "similarity", "--years", "1950", "--format", "csv"];
        args.extend_from_slice(extra);
        pactnet(dir.path(), &with_inputs(&args))
    };
    let europe = "year,a,b,s
1950,2,200,-0.16666666666666674
1950,2,220,-0.6666666666666667
1950,2,365,-0.5
1950,200,220,0.5555555555555556
1950,200,365,-0.5555555555555556
1950,220,365,-0.11111111111111116
";
    for among in ["europe", "UKG,France,365", "Europe,RUS"] {
        let o = run(&["--among", among]);
        assert!(o.status.success(), "{}", show(&o));
        assert_text(&String::from_utf8_lossy(&o.stdout), europe);
    }
    // Every state of the data: today's output.
    let all = String::from_utf8_lossy(&run(&[]).stdout).into_owned();
    assert_text(&String::from_utf8_lossy(&run(&["--among", "europe,americas"]).stdout), &all);
    // Weights only outside the set: no weighted position, empty values and a warning.
    std::fs::write(dir.path().join("w.csv"), "ccode,weight\n2,1\n").unwrap();
    let mut args = vec!["similarity", "--years", "1950", "--dyads", "UKG,FRN", "--among", "europe"];
    args.extend(["--weights", "w.csv", "--format", "csv"]);
    let o = pactnet(dir.path(), &with_inputs(&args));
    assert_text(&String::from_utf8_lossy(&o.stdout), "year,a,b,s\n1950,200,220,\n");
    assert!(
        String::from_utf8_lossy(&o.stderr).contains(
            "similarity: in 1 year (first: 1950) no state of --among with a --weights weight is a node: those values are empty"
        ),
        "{}",
        show(&o)
    );
    let o = run(&["--among", "europe,Atlantis"]);
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("--among: unknown state or region \"Atlantis\""),
        "{}",
        show(&o)
    );
}

/// Issue 13: every command, given a bad value (an unknown name of a closed set, a malformed date
/// or year range, a flag that does not apply), exits 2 with a message naming it, and writes nothing.
#[test]
fn every_command_exits_2_on_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["info", "--system", "bogus"], "invalid value 'bogus' for '--system"),
        (&["validate", "--year-rule", "noon"], "invalid value 'noon'"),
        (&["snapshot", "--year", "1914", "--layer", "defence"], "unknown layer \"defence\""),
        (
            &["snapshot", "--date", "1914-02-30"],
            "invalid value '1914-02-30' for '--date <YYYY-MM-DD>': February 1914 has 28 days",
        ),
        (
            &["snapshot", "--date", "1914-2-x"],
            "'1914-2-x' for '--date <YYYY-MM-DD>': day \"x\" is not a number; expected a date YYYY-MM-DD",
        ),
        (&["snapshot", "--year", "19x4"], "invalid value '19x4' for '--year <YEAR>': expected a year"),
        (&["snapshot", "--year", "1914", "--format", "xml"], "invalid value 'xml' for '--format"),
        (&["snapshot", "--year", "1914", "--bogus"], "unexpected argument '--bogus'"),
        (&["snapshot", "--year", "1914", "--members", "m.csv"], "--members needs --states FILE"),
        (&["info", "--alliances", "a.csv"], "--alliances needs --members FILE and --states FILE too"),
        (&["metrics", "--metrics", "degre"], "unknown graph metric \"degre\""),
        (&["metrics", "--layers", "defence"], "unknown layer \"defence\""),
        (&["metrics", "--level", "nodes"], "unknown level \"nodes\""),
        (&["metrics", "--years", "1950..19x0"], "\"19x0\" is not a year"),
        (&["metrics", "--only-states", "USA"], "needs --level node or both, not graph"),
        (&["state", "FRN", "--format", "xml"], "invalid value 'xml'"),
        (&["similarity", "--measure", "tau"], "tau"),
        (&["similarity", "--dyads", "USA-RUS"], "--dyads USA-RUS: expected two states as A,B"),
        (
            &["similarity", "--measure", "kappa", "--weights", "w.csv"],
            "--weights applies to --measure s or s2, not kappa",
        ),
        (&["blocs", "--alpha", "2"], "\"2\" is not a number in 0..=1.6"),
        (&["closure", "--decay", "NaN"], "\"NaN\" is not a number above 0"),
        (&["closure", "--decay", "0.3", "--esp"], "'--decay <DECAY>' cannot be used with '--esp'"),
        (&["blocs", "--alpha", "0.5"], "required arguments were not provided:\n  --summary"),
        (&["cliques", "--min-size", "1"], "1 is not in 2.."),
        (&["synth", "--years", "2000..1990", "-o", "synth"], "the first year is after the last"),
        (&["bench", "--analyses", "nothing"], "invalid value 'nothing'"),
        (&["report", "--width", "0", "-o", "report"], "0 is not in 200..=8000"),
        (&["report", "--layers", "defence", "-o", "report"], "unknown layer \"defence\""),
        (&["dyad", "USA", "usa"], "dyad USA usa: name two different states"),
        (&["export", "graphml", "--year", "1914", "--layer", "defence"], "unknown layer \"defence\""),
        (&["plot", "network", "--year", "1914", "--layout", "spiral", "-o", "x.png"], "unknown layout \"spiral\""),
        (&["plot", "network", "--year", "1914", "--color", "purple", "-o", "x.png"], "\"purple\""),
        (&["plot", "network", "--year", "1914", "-o", "x.jpg"], "-o x.jpg: the output must end in .png, .svg or .pdf"),
        (&["plot", "years", "--format", "gif", "-o", "frames"], "invalid value 'gif'"),
        (&["plot", "animate", "--years", "1914..1915", "--fps", "0", "-o", "x.gif"], "0 is not in 1..=50"),
        (&["plot", "series", "--metrics", "degre", "-o", "x.svg"], "unknown graph metric \"degre\""),
        (&["plot", "series", "--layers", "defence", "-o", "x.svg"], "unknown layer \"defence\""),
        (&["plot", "state", "RUS", "--layer", "x", "-o", "x.png"], "unknown layer \"x\""),
        (&["plot", "matrix", "--year", "1914", "--height", "9", "-o", "m.png"], "9 is not in 150..=8000"),
        (&["completions", "tcsh"], "invalid value 'tcsh'"),
        (&["codesheet"], "required"),
    ];
    for (args, message) in cases {
        let o = pactnet(dir.path(), args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}\n{}", show(&o));
        assert!(err.contains(message), "{args:?}: expected {message:?} in\n{err}");
        assert!(o.stdout.is_empty(), "{args:?}\n{}", show(&o));
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "usage errors leave nothing behind: {left:?}");
}

/// Issue 13: the input flags are global (before or after the command), listed after the
/// command's own options under their own heading; `--layer` and `--layers` are both accepted.
#[test]
fn input_flags_go_on_either_side_and_layer_spellings_are_aliases() {
    let dir = inputs(ROWS);
    let before = pactnet(dir.path(), &with_inputs(&["-q", "snapshot", "--year", "1901", "--format", "csv"]));
    let mut after = vec!["snapshot", "--year", "1901", "--format", "csv"];
    after.extend(["--members", "members.csv", "-q", "--states", "states.csv"]);
    let after = pactnet(dir.path(), &after);
    assert!(before.status.success() && after.status.success(), "{}\n{}", show(&before), show(&after));
    assert_eq!(before.stdout, after.stdout);
    assert!(before.stdout.len() > "a,b,weight,atopids\n".len(), "{}", show(&before));
    let plural = pactnet(dir.path(), &with_inputs(&["-q", "snapshot", "--year", "1901", "--layers", "defense"]));
    let single = pactnet(dir.path(), &with_inputs(&["-q", "snapshot", "--year", "1901", "--layer", "defense"]));
    assert!(plural.status.success(), "{}", show(&plural));
    assert_eq!(plural.stdout, single.stdout);
    let m1 = pactnet(dir.path(), &with_inputs(&["-q", "metrics", "--years", "1905", "--layer", "any,defense"]));
    let m2 = pactnet(dir.path(), &with_inputs(&["-q", "metrics", "--years", "1905", "--layers", "any,defense"]));
    assert!(m1.status.success(), "{}", show(&m1));
    assert_eq!(m1.stdout, m2.stdout);
    assert_eq!(String::from_utf8_lossy(&m1.stdout).lines().count(), 3);
    let help = pactnet(dir.path(), &["metrics", "--help"]);
    let help = String::from_utf8_lossy(&help.stdout);
    let own = help.find("--only-states").expect("metrics' own option");
    let heading = help.find("Input options (before or after the command):").expect("the global heading");
    let global = help.find("--members <FILE>").expect("a global option");
    assert!(own < heading && heading < global, "{help}");
    // The old spelling of the node filter still works, with a note.
    let o =
        pactnet(dir.path(), &with_inputs(&["-q", "metrics", "--years", "1905", "--level", "node", "--states", "RUS"]));
    assert!(o.status.success(), "{}", show(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("`metrics --states` is now `--only-states`"), "{}", show(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 2, "{}", show(&o));
}

/// Issue 13: `validate --alliances` says that the cross-check ran and what it found.
#[test]
fn validate_reports_the_alliance_file_cross_check() {
    let dir = inputs(ROWS);
    let header = "atopid,begyr,begmo,begday,endyr,endmo,endday\n";
    std::fs::write(dir.path().join("a.csv"), format!("{header}1001,1900,1,1,1911,1,1\n1002,2000,3,15,0,,\n")).unwrap();
    // 1001 ends 1905-01-01 here: its three member spells (to 1905-06-01, 1910-01-01, 1910-02-01)
    // reach past it; 1002 (two member rows) is missing.
    std::fs::write(dir.path().join("b.csv"), format!("{header}1001,1900,1,1,1905,1,1\n")).unwrap();
    let run = |file: &str| {
        let o = pactnet(dir.path(), &with_inputs(&["validate", "-q", "--alliances", file]));
        assert_eq!(o.status.code(), Some(0), "{}", show(&o));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    assert_text(
        &run("a.csv"),
        "alliance file: 2 alliances, all member atopids present, dates consistent (every member spell within its alliance's dates)\n0 errors, 5 valid member rows\n",
    );
    assert_text(
        &run("b.csv"),
        "alliance file: 1 alliance, 2 member rows name atopids it lacks, 3 member spells outside their alliance's dates, 0 atopids listed twice with different data\n0 errors, 5 valid member rows\n",
    );
}

/// Issue 13: `report` says which network years it cannot draw.
#[test]
fn report_warns_about_network_years_outside_the_years() {
    let dir = tempfile::tempdir().unwrap();
    let o = pactnet(
        dir.path(),
        &["report", "--years", "1946..1950", "--layers", "any", "--network-years", "1914,1950", "-o", "r"],
    );
    assert!(o.status.success(), "{}", show(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("pactnet: warning: --network-years 1914 outside the years 1946..1950: not drawn\n"),
        "{err}"
    );
    assert!(dir.path().join("r/index.html").is_file());
}

/// Issue 13: the report page opens with a summary computed from its own tables, counts states as
/// `info` does, shows the drawn years' rows in boxes that scroll, never `-0`, and the sample's
/// default pictures all have ties.
#[test]
fn the_report_page_summarises_the_tables_it_links() {
    let dir = tempfile::tempdir().unwrap();
    let o = pactnet(dir.path(), &["-q", "report", "--width", "400", "--height", "300", "-o", "r"]);
    assert!(o.status.success(), "{}", show(&o));
    let r = dir.path().join("r");
    let page = std::fs::read_to_string(r.join("index.html")).unwrap();
    let graph = std::fs::read_to_string(r.join("graph_metrics.csv")).unwrap();
    // Layer any: (year, nodes, edges, density); the largest year by ties (the earliest of equals).
    let rows: Vec<(i32, usize, usize, f64)> = graph
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|c| c[1] == "any")
        .map(|c| (c[0].parse().unwrap(), c[2].parse().unwrap(), c[3].parse().unwrap(), c[4].parse().unwrap()))
        .collect();
    let largest = rows.iter().max_by_key(|r| (r.2, r.1, std::cmp::Reverse(r.0))).unwrap();
    let densest = rows.iter().fold(rows[0], |b, r| if r.3 > b.3 { *r } else { b });
    let expected =
        format!("The network was largest in {}, with {} ties among {} states", largest.0, largest.2, largest.1);
    assert!(page.contains(&expected), "{expected:?} not in the page");
    assert!(page.contains(&format!("It was densest in {} (density", densest.0)), "{page}");
    let info = pactnet(dir.path(), &["-q", "info"]);
    let info = String::from_utf8_lossy(&info.stdout);
    let states = info.lines().find_map(|l| l.strip_prefix("states:")).unwrap().trim();
    assert!(page.contains(&format!("states: {states};")), "{states:?} not in the page");
    assert!(page.contains("<div class=\"scroll\"><table>"), "{page}");
    // A cell "-0" or "-0.000…" (negative values such as an assortativity of -0.6 are fine).
    let negative_zero = page.split(">-0").skip(1).any(|rest| rest.trim_start_matches(['.', '0']).starts_with('<'));
    assert!(!negative_zero, "a -0 on the page");
    // 1870 has no tie in the sample: it is not drawn by default.
    assert!(!r.join("network-1870.png").exists() && r.join("network-1914.png").is_file());
    for year in [1816, 1914, 1939, 1955, 1989, 2016] {
        assert!(rows.iter().any(|r| r.0 == year && r.2 > 0), "{year} is drawn without ties");
        assert!(page.contains(&format!("<tr><td>{year}</td><td>any</td>")), "no row of {year} on the page");
    }
}

/// Issue 13: a year or date outside the data names the flag, the value and the data's years,
/// whatever command (and library error type) it reaches; exit 1, as the README says.
#[test]
fn year_errors_name_the_flag_the_value_and_the_data_years() {
    let dir = inputs(ROWS);
    let cases: [(&[&str], &str); 7] = [
        (&["snapshot", "--year", "1700"], "--year 1700: outside the data's years 1816..=2000"),
        (&["snapshot", "--date", "1700-05-01"], "--date 1700-05-01: outside the data's years 1816..=2000"),
        (
            &["metrics", "--years", "1700..1710"],
            "--years 1700..1710: year 1700 is outside the data's years 1816..=2000",
        ),
        (&["closure", "--years", "2001"], "--years 2001: outside the data's years 1816..=2000"),
        (&["reach", "USA", "--year", "1700"], "--year 1700: outside the data's years 1816..=2000"),
        (&["plot", "network", "--year", "1700", "-o", "n.png"], "--year 1700: outside the data's years 1816..=2000"),
        (
            &["report", "--years", "1700..1701", "-o", "r"],
            "--years 1700..1701: year 1700 is outside the data's years 1816..=2000",
        ),
    ];
    for (args, message) in cases {
        let mut all = vec!["-q"];
        all.extend_from_slice(args);
        let o = pactnet(dir.path(), &with_inputs(&all));
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", show(&o));
        assert_text(&String::from_utf8_lossy(&o.stderr), &format!("pactnet: error: {message}\n"));
    }
    // Nothing written: not even the report's directory.
    assert!(!dir.path().join("r").exists() && !dir.path().join("n.png").exists());
}
