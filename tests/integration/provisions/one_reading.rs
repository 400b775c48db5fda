//! Issue 21, item 10: one reading of each file. The provisions come from the same pass as the
//! rows, so blank lines, CR-only line ends, a pipe and a FIFO give the data of the regular file,
//! and a bad provision cell is a located error (with `--lenient`, a counted warning for the
//! cell), never a dropped column.

use crate::common::{assert_text, pactnet, real_data, show};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Stdout of a successful run.
fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", show(o));
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// `--members MEMBERS --states STATES -q`, then `args`.
fn args<'a>(members: &'a str, states: &'a str, args: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec!["--members", members, "--states", states, "-q"];
    v.extend_from_slice(args);
    v
}

/// The `member rows:` line of `info` under `--where EXPR`.
fn rows_where(dir: &Path, members: &str, states: &str, expr: &str) -> String {
    let out = ok(&pactnet(dir, &args(members, states, &["--where", expr, "info"])));
    out.lines()
        .find(|l| l.starts_with("member rows:"))
        .unwrap_or_else(|| panic!("no member rows line in\n{out}"))
        .into()
}

/// Runs pactnet with `args` in `dir`, its stdin a pipe fed `bytes`.
fn run_with_stdin(dir: &Path, args: &[&str], bytes: Vec<u8>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pactnet"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // pactnet may stop reading early (an error): the writer's broken pipe is not the test's.
    let writer = std::thread::spawn(move || drop(stdin.write_all(&bytes)));
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap();
    o
}

/// Runs pactnet with `args` in `dir` while `bytes` are written once into the FIFO `fifo`, as soon
/// as pactnet opens it. Should pactnet open the FIFO again (a second pass), that open gets an
/// empty stream from a writer that comes and goes, so the test fails instead of hanging; so does
/// the writer's wait when pactnet never opens it. Linux only (O_NONBLOCK is 0o4000).
#[cfg(target_os = "linux")]
fn run_with_fifo(dir: &Path, args: &[&str], fifo: &Path, bytes: &[u8]) -> Output {
    use std::os::unix::fs::OpenOptionsExt;
    let made = Command::new("mkfifo").arg(fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo {} failed", fifo.display());
    let child = Command::new(env!("CARGO_BIN_EXE_pactnet"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let runner = std::thread::spawn(move || child.wait_with_output().unwrap());
    let open_writer = || std::fs::OpenOptions::new().write(true).custom_flags(0o4000).open(fifo);
    let pause = || std::thread::sleep(std::time::Duration::from_millis(5));
    // A non-blocking open for writing fails until a reader has the FIFO open.
    let mut writer = loop {
        match open_writer() {
            Ok(f) => break Some(f),
            Err(_) if runner.is_finished() => break None,
            Err(_) => pause(),
        }
    };
    let mut rest = bytes;
    while let (Some(f), false) = (&mut writer, rest.is_empty()) {
        match f.write(rest) {
            Ok(n) => rest = &rest[n..],
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock && !runner.is_finished() => pause(),
            Err(_) => break,
        }
    }
    drop(writer);
    while !runner.is_finished() {
        drop(open_writer());
        pause();
    }
    runner.join().unwrap()
}

/// ATOP 4.01's member file, the COW list, and facts of the clean file: `export alliances`, and
/// the `info` row counts under `atopid > 0` (every row) and `conditio = 0`.
struct Real {
    states: String,
    bytes: Vec<u8>,
    alliances: String,
}

impl Real {
    fn new(data: &Path, dir: &Path) -> Real {
        let members = data.join("atop-4.01/atop4_01m.csv");
        let states = data.join("cow/states2016.csv").display().to_string();
        let bytes = std::fs::read(&members).unwrap();
        let alliances = ok(&pactnet(dir, &args(&members.display().to_string(), &states, &["export", "alliances"])));
        // 7 columns of pactnet's own, then ATOP 4.01's 95 provisions (104 columns but
        // `version`, and the member-level ones: member, the six dates, phase).
        let header: Vec<&str> = alliances.lines().next().unwrap().split(',').collect();
        assert_eq!(header.len(), 102, "{header:?}");
        assert_eq!(header[7..10], ["cowid", "cow4id", "cowsys"]);
        assert_eq!(alliances.lines().count(), 746);
        Real { states, bytes, alliances }
    }

    /// `members` (a copy, a pipe, a FIFO) gives the clean file's data.
    fn assert_same(&self, dir: &Path, members: &str, what: &str) {
        let states = &self.states;
        assert_eq!(
            rows_where(dir, members, states, "atopid > 0"),
            "member rows:       2398 (where atopid > 0)",
            "{what}"
        );
        assert_eq!(
            rows_where(dir, members, states, "conditio = 0"),
            "member rows:       1352 (where conditio = 0)",
            "{what}"
        );
        let out = ok(&pactnet(dir, &args(members, states, &["export", "alliances"])));
        if out != self.alliances {
            assert_text(&out, &self.alliances);
        }
        let out = ok(&pactnet(dir, &args(members, states, &["validate"])));
        assert_eq!(out, "0 errors, 2398 valid member rows\n", "{what}");
    }
}

/// `text` with a blank line after the header, one before data row 1000 and one at the end,
/// written with line end `end`.
fn with_blank_lines(text: &str, end: &str) -> String {
    let mut out = String::new();
    for (k, line) in text.lines().enumerate() {
        if k == 1 || k == 1000 {
            out.push_str(end);
        }
        out.push_str(line);
        out.push_str(end);
    }
    out.push_str(end);
    out
}

#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn issue21_blank_lines_and_cr_only_line_ends_give_the_clean_files_rows_and_provisions() {
    let Some(data) = real_data() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let real = Real::new(&data, tmp.path());
    let text = String::from_utf8(real.bytes.clone()).unwrap();
    assert!(!text.contains('\r'), "ATOP 4.01 has \\n line ends");
    let variants = [
        ("blank lines", with_blank_lines(&text, "\n")),
        ("CR-only line ends", text.replace('\n', "\r")),
        ("CR-only line ends and blank lines", with_blank_lines(&text, "\r")),
        ("CRLF line ends and blank lines", with_blank_lines(&text, "\r\n")),
    ];
    for (k, (what, bytes)) in variants.iter().enumerate() {
        // The same file name as the clean file: messages and captions name it.
        let dir = tmp.path().join(k.to_string());
        std::fs::create_dir(&dir).unwrap();
        let members = dir.join("atop4_01m.csv");
        std::fs::write(&members, bytes).unwrap();
        real.assert_same(tmp.path(), &members.display().to_string(), what);
    }
}

#[cfg(target_os = "linux")]
#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn issue21_members_from_a_pipe_or_a_fifo_keep_every_provision() {
    let Some(data) = real_data() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let real = Real::new(&data, tmp.path());
    let run = |args: &[&str]| run_with_stdin(tmp.path(), args, real.bytes.clone());
    let out = ok(&run(&args("/dev/stdin", &real.states, &["export", "alliances"])));
    if out != real.alliances {
        assert_text(&out, &real.alliances);
    }
    let out = ok(&run(&args("/dev/stdin", &real.states, &["--where", "conditio = 0", "info"])));
    assert!(out.contains("\nmember rows:       1352 (where conditio = 0)\n"), "{out}");
    let fifo = tmp.path().join("members.fifo");
    let o =
        run_with_fifo(tmp.path(), &args("members.fifo", &real.states, &["export", "alliances"]), &fifo, &real.bytes);
    let out = ok(&o);
    if out != real.alliances {
        assert_text(&out, &real.alliances);
    }
}

#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn issue21_a_bad_provision_cell_in_atop_401_is_located_and_with_lenient_read_as_missing() {
    let Some(data) = real_data() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let real = Real::new(&data, tmp.path());
    // Line 118 (alliance 1160, member 200) has conditio 1, the 37th column.
    let text = String::from_utf8(real.bytes.clone()).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let mut cells: Vec<&str> = lines[117].split(',').collect();
    assert_eq!((cells[0], cells[3], cells[36]), ("1160", "200", "1"));
    cells[36] = "x";
    lines[117] = cells.join(",");
    let members = tmp.path().join("atop4_01m.csv");
    std::fs::write(&members, lines.join("\n") + "\n").unwrap();
    let members = members.display().to_string();
    let error = "atop4_01m.csv:118: field conditio = \"x\": not a whole number (a provision column holds whole-number codes; leave a missing value empty)";
    let o = pactnet(tmp.path(), &args(&members, &real.states, &["export", "alliances"]));
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert_text(&String::from_utf8_lossy(&o.stderr), &format!("pactnet: error: cannot load the data: {error}\n"));
    let o = pactnet(tmp.path(), &args(&members, &real.states, &["validate"]));
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert_text(&String::from_utf8_lossy(&o.stdout), &format!("{error}\n1 error, 2398 valid member rows\n"));
    // --lenient: the cell is missing, the column and the row stay.
    let lenient = |a: &[&str]| {
        let mut v = vec!["--lenient"];
        v.extend_from_slice(a);
        ok(&pactnet(tmp.path(), &args(&members, &real.states, &v)))
    };
    let out = lenient(&["export", "alliances"]);
    assert_eq!(out.lines().next(), real.alliances.lines().next());
    assert_eq!(out.lines().count(), 746);
    let info = |expr: &str| {
        let out = lenient(&["--where", expr, "info"]);
        out.lines().find(|l| l.starts_with("member rows:")).unwrap().to_string()
    };
    assert_eq!(info("conditio = 0"), "member rows:       1352 (where conditio = 0)");
    assert_eq!(info("conditio is missing"), "member rows:       1 (where conditio is missing)");
    assert_eq!(info("atopid > 0"), "member rows:       2398 (where atopid > 0)");
    // `info` lists the warnings in its output.
    let out = ok(&pactnet(tmp.path(), &["--members", &members, "--states", &real.states, "--lenient", "info"]));
    let warning =
        format!("\n  1 provision cell that is not a whole number read as missing (--lenient); first: {error}\n");
    assert!(out.contains(&warning), "{out}");
}

#[test]
fn issue21_bad_provision_cells_are_located_errors_never_dropped_columns() {
    // conditio (a codebook name) has "x", "1.5" and "3000000000"; newprov (no ATOP name) is
    // whole but for "-"; notes is text in most rows, so not a provision, and not an error.
    let members = "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul,conditio,newprov,notes
1,2,1950,1,1,1960,12,31,0,1,0,0,0,0,x,3,art. 2
1,200,1950,1,1,1960,12,31,0,1,0,0,0,0,1.5,3,see 1
2,2,1955,1,1,1970,12,31,0,0,0,0,0,1,0,-,1
2,200,1955,1,1,1970,12,31,0,0,0,0,0,1,3000000000,4,
";
    let dir = crate::common::inputs("");
    std::fs::write(dir.path().join("members.csv"), members).unwrap();
    let run = |a: &[&str]| pactnet(dir.path(), &crate::common::with_inputs(a));
    let not_whole = "not a whole number (a provision column holds whole-number codes; leave a missing value empty)";
    let o = run(&["export", "alliances"]);
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert_text(
        &String::from_utf8_lossy(&o.stderr),
        &format!("pactnet: error: cannot load the data: members.csv:2: field conditio = \"x\": {not_whole} (and 3 more errors; `pactnet validate` lists them all, `--lenient` reads such provision cells as missing)\n"),
    );
    let o = run(&["validate"]);
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert_text(
        &String::from_utf8_lossy(&o.stdout),
        &format!(
            "members.csv:2: field conditio = \"x\": {not_whole}
members.csv:3: field conditio = \"1.5\": {not_whole}
members.csv:4: field newprov = \"-\": {not_whole}
members.csv:5: field conditio = \"3000000000\": outside the range of provision codes (-2147483647..=2147483647)
4 errors, 4 valid member rows
"
        ),
    );
    let o = run(&["--lenient", "export", "alliances"]);
    assert_text(
        &ok(&o),
        "atopid,begin,end,phases,members,n_members,types,defense,offense,neutral,nonagg,consul,conditio,newprov
1,1950-01-01,1960-12-31,1,2 200,2,defense,1,0,0,0,0,,3
2,1955-01-01,1970-12-31,1,2 200,2,consultation,0,0,0,0,1,0,4
",
    );
    let o = run(&["--lenient", "-v", "--where", "conditio is missing", "snapshot", "--year", "1956"]);
    assert_text(&ok(&o), "a,b,weight,atopids\n2,200,1,1\n");
    assert_text(
        &String::from_utf8_lossy(&o.stderr),
        &format!("pactnet: warning: 4 provision cells that are not whole numbers read as missing (--lenient); first: members.csv:2: field conditio = \"x\": {not_whole}\n"),
    );
}

#[test]
fn issue21_blank_lines_cr_line_ends_and_a_pipe_give_the_same_provisions() {
    // Hand-made: row 2's provisions (intcom 0, milcon 2) must stay row 2's.
    let rows = [
        "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul,intcom,milcon",
        "1,2,1950,1,1,1960,12,31,0,1,0,0,0,0,1,",
        "1,200,1950,1,1,1960,12,31,0,1,0,0,0,0,1,",
        "2,2,1955,1,1,1970,12,31,0,0,0,0,0,1,0,2",
        "2,200,1955,1,1,1970,12,31,0,0,0,0,0,1,0,2",
    ];
    let expected = "atopid,begin,end,phases,members,n_members,types,defense,offense,neutral,nonagg,consul,intcom,milcon
1,1950-01-01,1960-12-31,1,2 200,2,defense,1,0,0,0,0,1,
2,1955-01-01,1970-12-31,1,2 200,2,consultation,0,0,0,0,1,0,2
";
    let dir = crate::common::inputs("");
    for (what, text) in [
        ("LF", rows.join("\n") + "\n"),
        ("blank lines", format!("{}\n\n{}\n\n\n{}\n\n", rows[0], rows[1..3].join("\n"), rows[3..].join("\n\n"))),
        ("CR only", rows.join("\r") + "\r"),
        ("CR only, blank lines", format!("{}\r\r{}\r", rows[0], rows[1..].join("\r\r"))),
    ] {
        std::fs::write(dir.path().join("members.csv"), &text).unwrap();
        let run = |a: &[&str]| ok(&pactnet(dir.path(), &crate::common::with_inputs(a)));
        assert_eq!(run(&["export", "alliances"]), expected, "{what}");
        assert_eq!(
            run(&["--where", "milcon = 2", "snapshot", "--year", "1956"]),
            "a,b,weight,atopids\n2,200,1,2\n",
            "{what}"
        );
        let o = run_with_stdin(
            dir.path(),
            &["--members", "/dev/stdin", "--states", "states.csv", "export", "alliances"],
            text.into_bytes(),
        );
        assert_eq!(ok(&o), expected, "{what}, from a pipe");
    }
}

/// ATOP 5.1's member file, or `None` with the reason (a failure under `CI=true`).
fn atop51(data: &Path) -> Option<PathBuf> {
    let path = data.join("atop-5.1/atop5_1m.csv");
    if path.is_file() {
        return Some(path);
    }
    let why = format!("ATOP 5.1 not found: expected {}", path.display());
    assert!(!std::env::var("CI").is_ok_and(|v| v == "true"), "{why}; CI=true requires it");
    eprintln!("skipped: {why}");
    None
}

#[test]
#[cfg_attr(not(pactnet_real_data), ignore = "real data not found (set PACTNET_DATA_DIR; default ../shared/data)")]
fn issue21_atop_51_provisions_load_with_blank_cells_as_missing() {
    let Some(data) = real_data() else { return };
    let Some(members) = atop51(&data) else { return };
    let tmp = tempfile::tempdir().unwrap();
    let states = data.join("cow/states2016.csv").display().to_string();
    let m = members.display().to_string();
    // Counted with Python's csv module on atop5_1m.csv (2,510 rows): conditio 0 in 1,440 rows,
    // milcon blank in 21, cowid blank in 1,450.
    for (expr, rows) in
        [("atopid > 0", 2510), ("conditio = 0", 1440), ("milcon is missing", 21), ("cowid is missing", 1450)]
    {
        assert_eq!(rows_where(tmp.path(), &m, &states, expr), format!("member rows:       {rows} (where {expr})"));
    }
    let out = ok(&pactnet(tmp.path(), &args(&m, &states, &["export", "alliances"])));
    let header: Vec<&str> = out.lines().next().unwrap().split(',').collect();
    assert_eq!(header.len(), 102, "{header:?}");
    assert!(header.ends_with(&["source", "new5", "rev5"]), "{header:?}");
    assert_eq!(out.lines().count(), 790);
    // The same with a blank line after the header, in a temporary copy.
    let text = std::fs::read_to_string(&members).unwrap();
    let copy = tmp.path().join("atop5_1m.csv");
    std::fs::write(&copy, with_blank_lines(&text, "\n")).unwrap();
    let c = copy.display().to_string();
    assert_eq!(
        rows_where(tmp.path(), &c, &states, "milcon is missing"),
        "member rows:       21 (where milcon is missing)"
    );
    assert_eq!(ok(&pactnet(tmp.path(), &args(&c, &states, &["export", "alliances"]))), out);
}
