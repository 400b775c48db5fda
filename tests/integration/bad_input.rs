//! One case per kind of bad input: the exit code, a message naming file and line (and field
//! where there is one), and no output file left behind.

use crate::common::{pactnet, show, MEMBER_HEADER, STATES};

const GOOD: &str = "1001,2,1900,1,1,1910,1,1,1,1,0,0,0,0\n1001,200,1900,1,1,1910,1,1,1,1,0,0,0,0\n";

/// Runs `snapshot --year 1900 -o out.csv` on a member file with `members` as its bytes, and
/// checks exit code 1, every expected fragment in stderr, and that out.csv does not exist.
fn rejects(case: &str, members: &[u8], expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("states.csv"), STATES).unwrap();
    std::fs::write(dir.path().join("members.csv"), members).unwrap();
    let o = pactnet(
        dir.path(),
        &["--members", "members.csv", "--states", "states.csv", "snapshot", "--year", "1900", "-o", "out.csv"],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{case}: {}", show(&o));
    for e in expected {
        assert!(err.contains(e), "{case}: expected {e:?} in\n{err}");
    }
    assert!(!dir.path().join("out.csv").exists(), "{case}: an output file was created");
}

fn with_header(rows: &str) -> Vec<u8> {
    format!("{MEMBER_HEADER}\n{rows}").into_bytes()
}

#[test]
fn every_kind_of_bad_member_file_is_a_located_error() {
    let cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        ("empty file", Vec::new(), vec!["members.csv: empty file"]),
        ("header only", with_header(""), vec!["members.csv: no data rows after the header"]),
        ("missing column", b"atopid,member\n1001,2\n".to_vec(), vec!["members.csv:1: missing column(s) yrent"]),
        (
            "not a number",
            with_header("1001,2,abc,1,1,1910,1,1,1,1,0,0,0,0\n"),
            vec!["members.csv:2: field yrent = \"abc\""],
        ),
        (
            "negative",
            with_header("1001,-5,1900,1,1,1910,1,1,1,1,0,0,0,0\n"),
            vec!["members.csv:2: field member = \"-5\""],
        ),
        (
            "absurdly large",
            with_header("99999999999999999999999,2,1900,1,1,1910,1,1,1,1,0,0,0,0\n"),
            vec!["members.csv:2: field atopid = \"99999999999999999999999\": not a whole number"],
        ),
        (
            "month 13",
            with_header("1001,2,1900,13,1,1910,1,1,1,1,0,0,0,0\n"),
            vec!["members.csv:2: field moent = \"13\""],
        ),
        (
            "day 32",
            with_header("1001,2,1900,1,32,1910,1,1,1,1,0,0,0,0\n"),
            vec!["members.csv:2: field dayent = \"32\""],
        ),
        (
            "30 February",
            with_header("1001,2,1900,2,30,1910,1,1,1,1,0,0,0,0\n"),
            vec!["no such day in that month (1900-02-30)"],
        ),
        (
            "29 February, not a leap year",
            with_header("1001,2,1900,1,1,1901,2,29,1,1,0,0,0,0\n"),
            vec!["members.csv:2: field dayexit = \"29\": no such day in that month (1901-02-29)"],
        ),
        (
            "exit before entry",
            with_header("1001,2,1900,5,1,1899,1,1,1,1,0,0,0,0\n"),
            vec!["members.csv:2: field yrexit", "is not after entry"],
        ),
        (
            "flag 7",
            with_header("1001,2,1900,1,1,1910,1,1,1,7,0,0,0,0\n"),
            vec!["members.csv:2: field defense = \"7\": not an obligation flag (0 or 1)"],
        ),
        ("too few fields", with_header("1001,2,1900,1,1\n"), vec!["members.csv:2: 5 fields, expected 14"]),
        (
            "too many fields",
            with_header("1001,2,1900,1,1,1910,1,1,1,1,0,0,0,0,1,2\n"),
            vec!["members.csv:2: 16 fields, expected 14"],
        ),
        (
            "truncated last line",
            with_header(&format!("{GOOD}1001,220,1900,1,")),
            vec!["members.csv:4: 5 fields, expected 14"],
        ),
        (
            "semicolons",
            format!("{}\n1001;2;1900\n", MEMBER_HEADER.replace(',', ";")).into_bytes(),
            vec!["members.csv:1: missing column(s)", "semicolons"],
        ),
        (
            "not UTF-8",
            with_header("1001,2,1900,1,1,1910,1,1,1,1,0,0,0,\u{0}").into_iter().chain(*b"\xff\xfe\n").collect(),
            vec!["members.csv:2: field consul", "not UTF-8 text"],
        ),
        (
            "binary garbage",
            vec![0x89, b'P', b'N', b'G', 0, 0, 0xff, b'\n', 1, 2, 3],
            vec!["members.csv:1: missing column(s) atopid"],
        ),
    ];
    for (case, members, expected) in &cases {
        rejects(case, members, expected);
    }
}

#[test]
fn tolerated_quirks_are_fine() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("states.csv"), STATES).unwrap();
    let text = format!(
        "\u{feff}{}\r\n\"1001\",\"2\",1900,1,1,1910,1,1,1,1,0,0,0,0\r\n1001,200,1900,1,1,1910,1,1,1,1,0,0,0,0\r\n",
        MEMBER_HEADER.to_uppercase()
    );
    std::fs::write(dir.path().join("members.csv"), text).unwrap();
    let o = pactnet(
        dir.path(),
        &["--members", "members.csv", "--states", "states.csv", "snapshot", "--year", "1900", "-o", "out.csv"],
    );
    assert!(o.status.success(), "{}", show(&o));
    assert_eq!(std::fs::read_to_string(dir.path().join("out.csv")).unwrap(), "a,b,weight,atopids\n2,200,1,1001\n");
}

#[test]
fn conflicting_alliance_level_rows_are_a_counted_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("states.csv"), STATES).unwrap();
    std::fs::write(dir.path().join("members.csv"), with_header(GOOD)).unwrap();
    std::fs::write(
        dir.path().join("alliances.csv"),
        "atopid,begyr,begmo,begday,endyr,endmo,endday\n1001,1900,1,1,1910,1,1\n1001,1900,1,1,1912,1,1\n",
    )
    .unwrap();
    let o = pactnet(
        dir.path(),
        &["--members", "members.csv", "--states", "states.csv", "--alliances", "alliances.csv", "validate"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .contains("alliances.csv: 1 row repeats an atopid with different alliance-level data; the first row is used: 1001 (first: line 3, which repeats line 2)"),
        "{}",
        show(&o)
    );
}

#[test]
fn bad_flags_are_usage_errors_naming_the_value() {
    let dir = tempfile::tempdir().unwrap();
    for (args, fragment) in [
        (&["metrics", "--years", "1950..1900"][..], "years 1950..1900: the first year is after the last"),
        (&["snapshot", "--year", "1900", "--layer", "defence"][..], "unknown layer \"defence\""),
        (&["snapshot", "--date", "1900-02-30"][..], "--date <YYYY-MM-DD>"),
        (&["similarity", "--measure", "cosine"][..], "unknown measure \"cosine\""),
    ] {
        let o = pactnet(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", show(&o));
        assert!(String::from_utf8_lossy(&o.stderr).contains(fragment), "{args:?}: {}", show(&o));
    }
    let o = pactnet(dir.path(), &["-q", "metrics", "--years", "1700..1800"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("--years 1700..1800: year 1700 is outside the data's years 1816..=2016\n"),
        "{}",
        show(&o)
    );
}

#[cfg(unix)]
#[test]
fn a_write_error_names_the_path_and_leaves_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    // A target whose parent is a file fails for every user, root included.
    std::fs::write(dir.path().join("plain"), "x").unwrap();
    let o = pactnet(dir.path(), &["-q", "snapshot", "--year", "1950", "-o", "plain/out.csv"]);
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("plain/out.csv: cannot write: Not a directory"),
        "{}",
        show(&o)
    );
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    // root ignores permissions: as root, the write is tried as the unprivileged user nobody.
    let args = ["-q", "snapshot", "--year", "1950", "-o", "ro/out.csv"];
    let o = if std::fs::write(ro.join("probe"), "x").is_ok() {
        std::fs::remove_file(ro.join("probe")).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(env!("CARGO_BIN_EXE_pactnet"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("setpriv runs (root runs this part as nobody)")
    } else {
        pactnet(dir.path(), &args)
    };
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("ro/out.csv: cannot write: Permission denied"), "{}", show(&o));
    // Issue 25: the target is named, never the temporary file.
    assert!(!String::from_utf8_lossy(&o.stderr).contains(".pactnet-"), "{}", show(&o));
    assert_eq!(std::fs::read_dir(&ro).unwrap().count(), 0);
}

#[test]
fn outputs_do_not_depend_on_the_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let run = |threads: Option<&str>, args: &[&str]| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_pactnet"));
        c.args(args).current_dir(dir.path());
        if let Some(t) = threads {
            c.env("RAYON_NUM_THREADS", t);
        }
        let o = c.output().unwrap();
        assert!(o.status.success(), "{}", show(&o));
        o.stdout
    };
    for args in [
        &["-q", "metrics", "--layers", "all", "--level", "node", "--format", "csv"][..],
        &["-q", "blocs", "--format", "csv"][..],
        &["-q", "similarity", "--years", "1950..1960", "--measure", "taub", "--format", "csv"][..],
        &["-q", "export", "gexf"][..],
        &["-q", "export", "json", "--year", "1960"][..],
    ] {
        let one = run(Some("1"), args);
        assert!(one.len() > 1000, "{args:?}");
        assert_eq!(one, run(None, args), "{args:?}: 1 thread and the default differ");
        assert_eq!(one, run(Some("2"), args), "{args:?}: not the same across runs");
    }
}

#[test]
fn pictures_do_not_depend_on_the_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let picture = |threads: &str, name: &str| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_pactnet"))
            .args([
                "-q",
                "plot",
                "network",
                "--year",
                "1955",
                "--color",
                "community",
                "--width",
                "400",
                "--height",
                "300",
                "-o",
                name,
            ])
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", show(&o));
        std::fs::read(dir.path().join(name)).unwrap()
    };
    for ext in ["png", "svg"] {
        let one = picture("1", &format!("a.{ext}"));
        assert!(one.len() > 1000);
        assert_eq!(one, picture("2", &format!("b.{ext}")), "{ext}: 1 and 2 threads differ");
        assert_eq!(one, picture("2", &format!("c.{ext}")), "{ext}: two runs differ");
    }
}
