//! Regression tests of issue 12: writes that cannot destroy, bounded reading, no silent loss.

use crate::common::{inputs, pactnet, show, with_inputs, MEMBER_HEADER, STATES};
use std::path::Path;

const GOOD: &str = "1001,2,1900,1,1,1910,1,1,1,1,0,0,0,0\n1001,200,1900,1,1,1910,1,1,1,1,0,0,0,0\n";

/// Runs `snapshot --year 1900` on `members` (bytes) with `extra` flags first; returns the output.
fn snapshot(members: &[u8], extra: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("states.csv"), STATES).unwrap();
    std::fs::write(dir.path().join("members.csv"), members).unwrap();
    let mut args = with_inputs(extra);
    args.extend(["snapshot", "--year", "1900", "--format", "csv"]);
    pactnet(dir.path(), &args)
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn issue12_a_non_ascii_space_in_an_asymmetric_member_line_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = "1. ATOP ID: 1001\n3. Signature date(s): 2 March 1950\n4. Members of alliance (use COW country codes):\n200\u{3000}é: defense pact\n365 Russia\n14. Termination date(s): June 1955\n16. Type of alliance (defense pact, neutrality pact): asymmetric; neutrality pact\n";
    std::fs::write(dir.path().join("s.txt"), sheet).unwrap();
    let o = pactnet(dir.path(), &["codesheet", "s.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["members"][0]["name"], "é");
    assert_eq!(v[0]["members"][0]["obligations"], serde_json::json!(["defense"]));
    assert_eq!(v[0]["members"][1]["obligations"], serde_json::json!(["neutrality"]));
}

#[test]
fn issue12_a_coding_sheet_that_yields_no_rows_is_an_error_and_keeps_the_alliance() {
    let dir = inputs(GOOD);
    let sheets = dir.path().join("sheets");
    std::fs::create_dir(&sheets).unwrap();
    let sheet = "1. ATOP ID: 1001\n3. Signature date(s): 2 March 1950\n4. Members of alliance (use COW country codes):\n2 United States\n200 United Kingdom\n14. Termination date(s): Still in effect\n16. Type of alliance (defense pact): defense pact\n";
    std::fs::write(sheets.join("late.txt"), sheet).unwrap();
    let o = pactnet(dir.path(), &with_inputs(&["--codesheets", "sheets", "validate"]));
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("late.txt:2: field question 3 (signature date) = \"1950-03-02\": a date within the data (to the end of 1910): the sheet yields no member rows"),
        "{}",
        show(&o)
    );
}

#[test]
fn issue12_outputs_never_replace_devices_symlinks_or_inputs() {
    let dir = inputs(GOOD);
    let run = |out: &str, extra: &[&str]| {
        let mut args = with_inputs(extra);
        args.extend(["snapshot", "--year", "1900", "--format", "csv", "-o", out]);
        pactnet(dir.path(), &args)
    };
    // A device is written, not replaced.
    let o = run("/dev/null", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
    if Path::new("/dev/full").exists() {
        let o = run("/dev/full", &[]);
        assert_eq!(o.status.code(), Some(1), "{}", show(&o));
        assert!(stderr(&o).contains("/dev/full: cannot write: No space left on device"), "{}", show(&o));
        assert!(!std::fs::metadata("/dev/full").unwrap().is_file());
    }
    // A symlink is written through and stays a link.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("real.csv", dir.path().join("link.csv")).unwrap();
        let o = run("link.csv", &[]);
        assert_eq!(o.status.code(), Some(0), "{}", show(&o));
        assert!(std::fs::symlink_metadata(dir.path().join("link.csv")).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(dir.path().join("real.csv")).unwrap(), "a,b,weight,atopids\n2,200,1,1001\n");
        // A symlink to the members file is refused.
        std::os::unix::fs::symlink("members.csv", dir.path().join("to_members.csv")).unwrap();
        let o = run("to_members.csv", &[]);
        assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    }
    // Coding sheets are inputs too.
    std::fs::create_dir(dir.path().join("sheets")).unwrap();
    let sheet = "1. ATOP ID: 1002\n3. Signature date(s): 2 March 1901\n4. Members of alliance (use COW country codes):\n2 United States\n220 France\n14. Termination date(s): Still in effect\n16. Type of alliance (defense pact): defense pact\n";
    std::fs::write(dir.path().join("sheets/s.txt"), sheet).unwrap();
    let o = run("sheets/s.txt", &["--codesheets", "sheets"]);
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(stderr(&o).contains("sheets/s.txt: refusing to overwrite an input file"), "{}", show(&o));
    assert_eq!(std::fs::read_to_string(dir.path().join("sheets/s.txt")).unwrap(), sheet);
    // No temporary is left anywhere.
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn issue12_similarity_weights_are_protected_from_output() {
    let dir = inputs(GOOD);
    std::fs::write(dir.path().join("w.csv"), "ccode,weight\n2,1\n200,1\n").unwrap();
    let o = pactnet(
        dir.path(),
        &with_inputs(&["similarity", "--measure", "s", "--weights", "w.csv", "--years", "1900..1900", "-o", "w.csv"]),
    );
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert_eq!(std::fs::read_to_string(dir.path().join("w.csv")).unwrap(), "ccode,weight\n2,1\n200,1\n");
}

#[test]
fn issue12_a_stray_quote_is_an_error_even_when_lenient() {
    let rows = format!("{MEMBER_HEADER}\n{GOOD}1001,\"220,1900,1,1,1910,1,1,1,1,0,0,0,0\n{GOOD}{GOOD}");
    for lenient in [false, true] {
        let flags: &[&str] = if lenient { &["--lenient"] } else { &[] };
        let o = snapshot(rows.as_bytes(), flags);
        assert_eq!(o.status.code(), Some(1), "{}", show(&o));
        assert!(stderr(&o).contains("members.csv:4: a quote opened on this line is never closed"), "{}", show(&o));
    }
    // Closed by a second stray quote lines later: the rows between are not silently lost.
    let rows = format!("{MEMBER_HEADER}\n1001,\"220,1900,1,1,1910,1,1,1,1,0,0,0,0\n{GOOD}1001,220\",1900\n{GOOD}");
    let o = snapshot(rows.as_bytes(), &["--lenient"]);
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(stderr(&o).contains("members.csv:2: a quote opened on this line closes on line 5"), "{}", show(&o));
}

#[test]
fn issue12_line_numbers_are_physical_lines() {
    // Blank lines before a bad row.
    let rows = format!("{MEMBER_HEADER}\n{GOOD}\n\n\n1001,2,19x0,1,1,1910,1,1,1,1,0,0,0,0\n");
    let o = snapshot(rows.as_bytes(), &[]);
    assert!(stderr(&o).contains("members.csv:7: field yrent = \"19x0\""), "{}", show(&o));
    // CR-only line ends.
    let rows = format!("{MEMBER_HEADER}\n{GOOD}1001,2,19x0,1,1,1910,1,1,1,1,0,0,0,0\n").replace('\n', "\r");
    let o = snapshot(rows.as_bytes(), &[]);
    assert!(stderr(&o).contains("members.csv:4: field yrent = \"19x0\""), "{}", show(&o));
    // A quoted field holding a line end: the next record's line is counted after it.
    let rows = format!("{MEMBER_HEADER},note\n1001,2,1900,1,1,1910,1,1,1,1,0,0,0,0,\"two\nlines\"\n1001,200,19x0,1,1,1910,1,1,1,1,0,0,0,0,\n");
    let o = snapshot(rows.as_bytes(), &[]);
    assert!(stderr(&o).contains("members.csv:4: field yrent = \"19x0\""), "{}", show(&o));
}

#[test]
fn issue12_unreadable_files_have_clear_errors() {
    let mut utf16 = vec![0xFF, 0xFE];
    for c in format!("{MEMBER_HEADER}\n{GOOD}").encode_utf16() {
        utf16.extend(c.to_le_bytes());
    }
    let o = snapshot(&utf16, &[]);
    assert!(
        stderr(&o).contains("members.csv: the file is UTF-16 LE (byte-order mark found): save it as UTF-8"),
        "{}",
        show(&o)
    );
    let o = snapshot(&[0xFF, 0xFE, 0, 0, b'a'], &[]);
    assert!(stderr(&o).contains("the file is UTF-32 LE"), "{}", show(&o));
    // A directory.
    let dir = inputs(GOOD);
    let o = pactnet(dir.path(), &["--members", ".", "--states", "states.csv", "info"]);
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(stderr(&o).contains(".: cannot read: it is a directory"), "{}", show(&o));
    // No line ends at all: an error at the 1 MiB record limit, not unbounded memory.
    let o = pactnet(dir.path(), &["--members", "/dev/zero", "--states", "states.csv", "info"]);
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(stderr(&o).contains("zero:1: a record longer than 1048576 bytes"), "{}", show(&o));
    let o = pactnet(dir.path(), &["codesheet", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(stderr(&o).contains("zero: larger than 4194304 bytes"), "{}", show(&o));
    // A duplicated column.
    let o = snapshot(format!("{MEMBER_HEADER},yrent\n1001,2,1900,1,1,1910,1,1,1,1,0,0,0,0,1900\n").as_bytes(), &[]);
    assert!(stderr(&o).contains("members.csv:1: column yrent appears twice in the header"), "{}", show(&o));
}

#[test]
fn issue12_long_values_are_shortened_in_messages() {
    let long = "9".repeat(5000);
    let rows = format!("{MEMBER_HEADER}\n1001,2,{long},1,1,1910,1,1,1,1,0,0,0,0\n");
    let o = snapshot(rows.as_bytes(), &[]);
    let err = stderr(&o);
    assert!(err.contains(&format!("field yrent = \"{}\"… (5000 bytes)", "9".repeat(60))), "{err}");
    assert!(err.len() < 400, "{err}");
}

#[test]
fn issue12_duplicates_are_compared_on_parsed_values() {
    // Equal values written differently ("01" vs "1", "1900.0" vs "1900").
    let rows = format!("{MEMBER_HEADER}\n{GOOD}1001,2,1900.0,01,1,1910,1,1,1,1,0,0,0,0\n");
    let o = snapshot(rows.as_bytes(), &["-v"]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    assert!(stderr(&o).contains("members.csv: 1 exact duplicate row ignored (first: line 4)"), "{}", show(&o));
}

#[test]
fn issue12_state_list_conflicts_are_warned_with_their_lines() {
    let dir = inputs(GOOD);
    let states =
        format!("{STATES}UKG,200,Britain,1816,1,1,2016,12,31,2016\nUSA,3,Usa again,1816,1,1,2016,12,31,2016\n");
    std::fs::write(dir.path().join("states.csv"), states).unwrap();
    let o = pactnet(dir.path(), &with_inputs(&["-v", "snapshot", "--year", "1900", "--format", "csv"]));
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let err = stderr(&o);
    assert!(err.contains("states.csv: 1 row gives a state code another abbreviation or name than its first row, which is used: 200 (first: line 6)"), "{err}");
    assert!(err.contains("states.csv: 1 row reuses an abbreviation of another state code; looking states up by it finds the lower code: 2 3 (first: line 7)"), "{err}");
}

#[test]
fn issue12_edges_before_the_state_list_are_counted() {
    let rows = "1005,200,1815,1,3,1815,2,8,0,1,0,0,0,0\n1005,220,1815,1,3,1815,2,8,0,1,0,0,0,0\n1001,2,1900,1,1,1910,1,1,1,1,0,0,0,0\n1001,200,1900,1,1,1910,1,1,1,1,0,0,0,0\n";
    let dir = inputs(rows);
    let o = pactnet(dir.path(), &with_inputs(&["-v", "snapshot", "--year", "1900", "--format", "csv"]));
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    assert!(
        stderr(&o).contains(
            "1 multigraph edge never counts: it ends before 1816, the COW state list's first year (2 states, with the years left out: UKG (200) United Kingdom in 1815; FRN (220) France in 1815)"
        ),
        "{}",
        show(&o)
    );
}

#[test]
fn issue12_edges_partly_before_the_state_list_are_counted() {
    // 1005 lies wholly in 1815 (lost); 1010 links UKG–FRN from 1 June 1814 to 1818 and USA–UKG
    // from 1815 to 1817: two edges that start before 1816 and count from 1 January 1816 on.
    let rows = "1005,200,1815,1,3,1815,2,8,0,1,0,0,0,0
1005,220,1815,1,3,1815,2,8,0,1,0,0,0,0
\
        1010,2,1815,3,1,1817,1,1,0,1,0,0,0,0
1010,200,1814,6,1,1818,1,1,0,1,0,0,0,0
1010,220,1814,6,1,1818,1,1,0,1,0,0,0,0
";
    let dir = inputs(rows);
    let o = pactnet(dir.path(), &with_inputs(&["-v", "snapshot", "--year", "1816", "--format", "csv"]));
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    // USA–FRN also starts in 1815: three edges of 1010, all partly before.
    assert!(
        stderr(&o).contains(
            "1 multigraph edge never counts: it ends before 1816, the COW state list's first year; 3 more start before it and count only from then on (3 states, with the years left out: USA (2) United States of America in 1815; UKG (200) United Kingdom in 1814–1815; FRN (220) France in 1814–1815)"
        ),
        "{}",
        show(&o)
    );
    // Their days from 1816 on count.
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out, "a,b,weight,atopids\n2,200,1,1010\n2,220,1,1010\n200,220,1,1010\n", "{}", show(&o));
    // Without the wholly-before alliance, only the partial count is named.
    let dir = inputs(&rows.lines().skip(2).map(|l| format!("{}\n", l.trim())).collect::<String>());
    let o = pactnet(dir.path(), &with_inputs(&["-v", "snapshot", "--year", "1816", "--format", "csv"]));
    assert!(
        stderr(&o).contains("warning: 3 multigraph edges start before 1816, the COW state list's first year, and count only from then on (3 states, with the years left out: USA (2) United States of America in 1815; UKG (200) United Kingdom in 1814–1815; FRN (220) France in 1814–1815)"),
        "{}",
        show(&o)
    );
}

#[test]
fn issue12_plot_state_names_its_file_safely() {
    let dir = inputs(GOOD);
    let states = STATES.replace("UKG,200", "../escaped,200");
    std::fs::write(dir.path().join("states.csv"), states).unwrap();
    let o = pactnet(dir.path(), &with_inputs(&["plot", "state", "200", "--width", "200", "--height", "150"]));
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let parent = dir.path().parent().unwrap();
    assert!(!parent.join("escaped (200).png").exists());
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().any(|n| n.starts_with("_._escaped") && n.ends_with(".png")), "{names:?}");
}

#[test]
fn issue12_xml_exports_drop_characters_xml_forbids() {
    let dir = inputs(GOOD);
    std::fs::write(
        dir.path().join("states.csv"),
        STATES.replace("United Kingdom", "United\u{fffe} King\u{ffff}dom\u{1}"),
    )
    .unwrap();
    for (what, file) in [("gexf", "g.gexf"), ("graphml", "g.graphml")] {
        let mut args = with_inputs(&["export", what, "-o", file]);
        if what == "graphml" {
            args.extend(["--year", "1900"]);
        }
        let o = pactnet(dir.path(), &args);
        assert_eq!(o.status.code(), Some(0), "{what}: {}", show(&o));
        let xml = std::fs::read_to_string(dir.path().join(file)).unwrap();
        assert!(xml.contains(">United Kingdom<") || xml.contains("\"United Kingdom\""), "{what}: {xml}");
        assert!(!xml.contains(['\u{fffe}', '\u{ffff}', '\u{1}']), "{what}");
    }
}

#[test]
fn issue12_validate_keeps_exit_1_into_a_closed_pipe() {
    let bad: String = (0..5000).map(|_| "1001,2,19x0,1,1,1910,1,1,1,1,0,0,0,0\n").collect();
    let dir = inputs(&format!("{GOOD}{bad}"));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pactnet"))
        .args(with_inputs(&["validate"]))
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(o.stderr.is_empty(), "{}", show(&o));
}

#[test]
fn issue12_similarity_without_a_weighted_node_is_empty_with_a_warning() {
    let dir = inputs(GOOD);
    // Every node of 1900 weighs 0.
    std::fs::write(dir.path().join("w.csv"), "ccode,weight\n2,0\n").unwrap();
    let o = pactnet(
        dir.path(),
        &with_inputs(&[
            "similarity",
            "--measure",
            "s",
            "--weights",
            "w.csv",
            "--years",
            "1900..1900",
            "--format",
            "csv",
        ]),
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("nan"), "{out}");
    assert!(out.contains("\n1900,2,200,\n"), "{out}");
    assert!(
        stderr(&o).contains(
            "similarity: in 1 year (first: 1900) no state with a --weights weight is a node: those values are empty"
        ),
        "{}",
        show(&o)
    );
}

#[test]
fn issue12_synth_rejects_years_pactnet_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    for years in ["-5..5", "1816..2147483647", "2147483600..2147483647"] {
        let o = pactnet(dir.path(), &["synth", &format!("--years={years}"), "-o", "out"]);
        assert_eq!(o.status.code(), Some(1), "{years}: {}", show(&o));
        assert!(stderr(&o).contains("expected A..B with 1000 <= A <= B <= 2100"), "{years}: {}", show(&o));
        assert!(!dir.path().join("out/members.csv").exists());
    }
}

#[test]
fn issue12_a_huge_alliance_is_a_clear_error_and_the_limit_can_be_raised() {
    let rows: String = (1..=120).map(|c| format!("1001,{c},1950,1,1,1960,1,1,1,1,0,0,0,0\n")).collect();
    let states: String = (1..=120).map(|c| format!("S{c},{c},State {c},1816,1,1,2016,12,31,2016\n")).collect();
    let dir = inputs(&rows);
    std::fs::write(
        dir.path().join("states.csv"),
        format!("{}{states}", STATES.lines().next().unwrap().to_owned() + "\n"),
    )
    .unwrap();
    let o = pactnet(dir.path(), &with_inputs(&["--max-edges", "7000", "info"]));
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(
        stderr(&o).contains("members.csv:2: alliance 1001 (120 member rows) takes the multigraph past 7000 edges"),
        "{}",
        show(&o)
    );
    let o = pactnet(dir.path(), &with_inputs(&["--max-edges", "7140", "info"]));
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("multigraph edges:  7140"), "{}", show(&o));
}

#[test]
fn issue12_an_empty_yrexit_is_shown_as_written() {
    // Entry in 1911, after the data's end (1910): in force until 1911-01-01, before the entry.
    let o = snapshot(
        format!("{MEMBER_HEADER}\n{GOOD}1001,220,1911,3,1,,,,1,1,0,0,0,0\n").as_bytes(),
        &["--data-end", "1910"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(
        stderr(&o).contains("members.csv:4: field yrexit = \"\": exit 1911-01-01 is not after entry 1911-03-01"),
        "{}",
        show(&o)
    );
}

/// `-o FIFO`: a reader thread reads the FIFO while pactnet writes it; the FIFO stays a FIFO.
/// Linux only (the non-blocking open that unblocks the reader if pactnet fails before opening).
#[cfg(target_os = "linux")]
#[test]
fn issue12_a_fifo_output_is_written_and_stays_a_fifo() {
    use std::io::Read;
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    let dir = inputs(GOOD);
    let fifo = dir.path().join("out.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo {} failed", fifo.display());
    let mut args = with_inputs(&[]);
    args.extend(["snapshot", "--year", "1900", "--format", "csv", "-o", "out.fifo"]);
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_pactnet"))
        .args(&args)
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            std::fs::File::open(&fifo).unwrap().read_to_string(&mut text).unwrap();
            text
        })
    };
    let o = child.wait_with_output().unwrap();
    // If pactnet never opened the FIFO, the reader still waits in open(): a writer that comes
    // and goes releases it (with nothing to read). O_NONBLOCK (0o4000 on Linux): no wait when
    // no reader is there yet or any more.
    while !reader.is_finished() {
        drop(std::fs::OpenOptions::new().write(true).custom_flags(0o4000).open(&fifo));
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let text = reader.join().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    assert_eq!(text, "a,b,weight,atopids\n2,200,1,1001\n", "{}", show(&o));
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

/// `-o /dev/stdout` with stdout a pipe: the bytes arrive on the pipe, /dev/stdout is untouched.
#[cfg(unix)]
#[test]
fn issue12_dev_stdout_output_arrives_on_stdout() {
    let before = std::fs::symlink_metadata("/dev/stdout").map(|m| m.file_type());
    let dir = inputs(GOOD);
    let o = pactnet(dir.path(), &with_inputs(&["snapshot", "--year", "1900", "--format", "csv", "-o", "/dev/stdout"]));
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "a,b,weight,atopids\n2,200,1,1001\n", "{}", show(&o));
    let after = std::fs::symlink_metadata("/dev/stdout").map(|m| m.file_type());
    assert_eq!(format!("{before:?}"), format!("{after:?}"));
    assert!(after.is_ok_and(|t| !t.is_file()), "/dev/stdout became a regular file");
}

/// Growth check: load (read, validate, multigraph, timeline), `state`, `state --by-year` and
/// `export gexf` on `synth` data of n, 4n and 16n member rows (200 states; 300, 1,200 and 4,800
/// alliances: about 1.1k, 4.5k and 18k rows). Each operation is timed in this process, through
/// the library, as the minimum over rounds that visit every size in turn (3 rounds; 7 for the
/// fast `state` tables), so a busy machine slows all sizes alike; only ratios within this run
/// are asserted, never absolute times: time(16n) / time(n) must stay under 100. Linear work
/// measures 16–45 here (the n case fits in the CPU caches, the 16n case does not, and sorts add
/// a log factor; 100 leaves room for a busy CI machine); quadratic work gives 256 and more.
/// Timing, not counting, because the quadratic passes this guards against (every member row scanned per membership, every edge of a pair
/// per type) live inside the functions, where a counter would have to be threaded through the
/// library's hot loops; what can be counted is: rows, multigraph edges and GEXF bytes must each
/// grow 12–20× from n to 16n, so the ratios measure what they claim.
#[test]
fn issue12_load_state_and_gexf_grow_linearly() {
    use pactnet::api::tables::{state_memberships, state_years};
    use pactnet::export::gexf::write_gexf;
    use pactnet::io::Source;
    use pactnet::synth::{generate, SynthOptions};
    use pactnet::{AllianceGraph, Dataset, Inputs, LoadOptions, SystemFilter, Timeline};
    use std::hint::black_box;
    use std::time::{Duration, Instant};
    fn time(f: impl FnOnce()) -> Duration {
        let t = Instant::now();
        f();
        t.elapsed()
    }
    /// Counts the bytes written to it.
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    fn open(inputs: &Inputs) -> (AllianceGraph, Timeline) {
        let (data, mut diag) = Dataset::load(inputs, &LoadOptions::default()).unwrap();
        let graph = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
        let timeline = Timeline::new(&graph);
        (graph, timeline)
    }
    const OPS: [&str; 4] = ["load", "state", "state --by-year", "export gexf"];
    let mut sizes = Vec::new();
    for k in [1, 4, 16] {
        let synth = generate(&SynthOptions { states: 200, alliances: 300 * k, years: 1816..=2016, seed: 12 }).unwrap();
        let inputs = Inputs {
            members: Source::Bytes { name: "members.csv", data: synth.members.into_bytes().into() },
            states: Source::Bytes { name: "states.csv", data: synth.states.into_bytes().into() },
            alliances: None,
        };
        let (graph, timeline) = open(&inputs);
        let v = graph.data.states.lookup("2").unwrap();
        let mut bytes = Count(0);
        write_gexf(&graph, &mut bytes).unwrap();
        let counts = [synth.member_rows, graph.edges().len(), bytes.0];
        sizes.push((counts, [Duration::MAX; 4], inputs, graph, timeline, v));
    }
    for round in 0..7 {
        for (_, times, inputs, graph, timeline, v) in &mut sizes {
            let mut keep = |op: usize, t: Duration| times[op] = times[op].min(t);
            if round < 3 {
                keep(0, time(|| drop(black_box(open(inputs)))));
                keep(3, time(|| write_gexf(graph, &mut std::io::sink()).unwrap()));
            }
            keep(1, time(|| drop(black_box(state_memberships(graph, *v)))));
            keep(2, time(|| drop(black_box(state_years(graph, timeline, *v)))));
        }
    }
    let shown: Vec<_> = sizes.iter().map(|(counts, times, ..)| (counts, times)).collect();
    // Shown with --nocapture, and in every failure message.
    let table = format!("[rows, edges, GEXF bytes], times of {OPS:?}:\n{shown:#?}");
    eprintln!("{table}");
    let (n, n16) = (shown[0], shown[2]);
    for (i, what) in ["rows", "edges", "GEXF bytes"].iter().enumerate() {
        let growth = n16.0[i] as f64 / n.0[i] as f64;
        assert!((12.0..=20.0).contains(&growth), "{what} grew {growth:.1}× from n to 16n:\n{table}");
    }
    for (i, op) in OPS.iter().enumerate() {
        let ratio = n16.1[i].as_secs_f64() / n.1[i].as_secs_f64().max(1e-9);
        assert!(ratio < 100.0, "{op}: time(16n) / time(n) = {ratio:.1} (linear ≈ 16, quadratic ≈ 256):\n{table}");
    }
}
