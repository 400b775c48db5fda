//! ATOP's directed dyad-year file (`atop5_1ddyr.csv`, or peacesciencer's `atop_alliance`): the
//! directed obligations of every allied dyad-year as ATOP codes them, hand corrections included.
//!
//! Two spellings of the columns are read, by name and in any order:
//! - ATOP's own: `statea, stateb, year, defense, offense, neutral, nonagg, consul`, optional
//!   `shareob` (1 when the two share an alliance but owe each other nothing; empty otherwise);
//! - peacesciencer's: `ccode1, ccode2, year, atop_defense, atop_offense, atop_neutral,
//!   atop_nonagg, atop_consul`, optional `atop_shareob`.
//!
//! Other columns (`atopid1…`, `number`, …) are ignored. A row gives state A's obligations toward
//! state B in the year. Errors, with file, line, field and value: a state code outside 1..=9999,
//! a year outside 1000..=2100, an obligation flag other than 0 or 1 (an empty flag reads as 0),
//! a dyad of a state with itself, and a dyad-year listed twice with different obligations; an
//! exact repeat is a counted warning ([`WarningKind::DuplicateRow`]).

use super::records::{open_utf8, MAX_RECORD_BYTES, MAX_ROWS};
use super::source::Source;
use crate::diagnostics::{Diagnostics, WarningKind};
use crate::error::{LoadError, Location, ValidateError};
use crate::model::atop_dyads::{AtopDyads, DirectedDyadYear};
use crate::model::{Obligation, ObligationSet, StateId};
use std::cell::Cell;
use std::io::Read;
use std::rc::Rc;
use std::sync::Arc;

/// The two spellings of the columns: ATOP's, then peacesciencer's.
const SPELLINGS: [Spelling; 2] = [
    Spelling {
        states: ["statea", "stateb"],
        flags: ["defense", "offense", "neutral", "nonagg", "consul"],
        shareob: "shareob",
    },
    Spelling {
        states: ["ccode1", "ccode2"],
        flags: ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"],
        shareob: "atop_shareob",
    },
];

/// Column names of one spelling; `flags` in [`Obligation::ALL`] order.
struct Spelling {
    states: [&'static str; 2],
    flags: [&'static str; 5],
    shareob: &'static str,
}

/// Reads and checks a directed dyad-year file; row problems go to `diag.errors`.
///
/// The file is streamed record by record (ATOP 5.1's has 273,296 rows): no row is held as
/// text, and a physical line past [`MAX_RECORD_BYTES`] stops the read.
///
/// # Errors
/// [`LoadError`] when the file cannot be read as CSV, is empty, or has neither spelling's columns.
pub fn read_atop_dyads(source: &Source, diag: &mut Diagnostics) -> Result<AtopDyads, LoadError> {
    let file = source.display_name();
    let too_long = Rc::new(Cell::new(None));
    let inner = open_utf8(source, &file)?;
    let inner = LineLimit { inner, line: 1, length: 0, after_cr: false, too_long: Rc::clone(&too_long) };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(inner);
    let malformed = |e: csv::Error| match too_long.get() {
        Some(line) => LoadError::RecordTooLong { at: Location::new(&file, line), limit: MAX_RECORD_BYTES },
        None => LoadError::Malformed {
            at: Location::new(&file, e.position().map_or(0, |p| p.line())),
            message: e.to_string(),
        },
    };
    let mut record = csv::ByteRecord::new();
    if !reader.read_byte_record(&mut record).map_err(malformed)? {
        return Err(LoadError::Empty { at: Location::new(&file, 0) });
    }
    let header: Vec<String> = record
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    let (spelling, states, flags, year_at) = spelling_of(&header, &file)?;
    let shareob_at = column(spelling.shareob);
    let mut errors: Vec<ValidateError> = Vec::new();
    let mut rows: Vec<DirectedDyadYear> = Vec::new();
    while reader.read_byte_record(&mut record).map_err(malformed)? {
        let line = record.position().map_or(0, |p| p.line());
        let at = Location::new(&file, line);
        if rows.len() + errors.len() >= MAX_ROWS {
            return Err(LoadError::TooManyRows { at, limit: MAX_ROWS });
        }
        if record.len() != header.len() {
            errors.push(ValidateError::FieldCount { at, found: record.len(), expected: header.len() });
            continue;
        }
        let cell = |i: usize| record.get(i).map_or(&b""[..], <[u8]>::trim_ascii);
        let text = |i: usize| String::from_utf8_lossy(cell(i)).into_owned();
        let mut bad = |field: &'static str, value: String, expected: &str| {
            errors.push(ValidateError::BadField { at: at.clone(), field, value, expected: expected.to_string() });
        };
        let year = whole(cell(year_at)).filter(|y| crate::model::limits::YEARS.contains(y));
        if year.is_none() {
            bad("year", text(year_at), "not a year (1000..=2100)");
        }
        let code = |i: usize| whole(cell(i)).filter(|c| crate::model::limits::STATE_CODES.contains(c));
        let (a, b) = (code(states[0]), code(states[1]));
        for (k, v) in [(0, a), (1, b)] {
            if v.is_none() {
                bad(spelling.states[k], text(states[k]), "not a COW state code (1..=9999)");
            }
        }
        if a.is_some() && a == b {
            bad(spelling.states[1], text(states[1]), "a state other than the first (a dyad is two states)");
        }
        let mut obligations = ObligationSet::EMPTY;
        let mut flags_ok = true;
        for (o, (&i, &name)) in Obligation::ALL.into_iter().zip(flags.iter().zip(&spelling.flags)) {
            match cell(i) {
                b"" | b"0" => {}
                b"1" => obligations = obligations.with(o),
                _ => {
                    bad(name, text(i), "not an obligation flag (0 or 1)");
                    flags_ok = false;
                }
            }
        }
        let shares_only = match shareob_at.map_or(&b""[..], cell) {
            b"" | b"0" => false,
            b"1" => true,
            _ => {
                let value = shareob_at.map(text).unwrap_or_default();
                bad(spelling.shareob, value, "1, 0 or empty (1: the dyad shares an alliance without obligations)");
                flags_ok = false;
                false
            }
        };
        if shares_only && !obligations.is_empty() {
            bad(spelling.shareob, "1".into(), "empty or 0 where the row has an obligation (shareob 1 means none)");
            flags_ok = false;
        }
        let (Some(year), Some(a), Some(b), true) = (year, a, b, flags_ok && a != b) else { continue };
        rows.push(DirectedDyadYear {
            line,
            year: year as i32,
            from: StateId(a as u16),
            to: StateId(b as u16),
            obligations,
        });
    }
    if rows.is_empty() && errors.is_empty() {
        return Err(LoadError::NoRows { at: Location::new(&file, 0) });
    }
    rows.sort_unstable_by_key(|r| (r.from, r.to, r.year, r.line));
    let mut kept: Vec<DirectedDyadYear> = Vec::with_capacity(rows.len());
    for r in rows {
        match kept.last() {
            Some(first) if first.key() == r.key() => {
                let at = Location::new(&file, r.line);
                if first.obligations == r.obligations {
                    diag.warn(WarningKind::DuplicateRow, &at, None);
                } else {
                    errors.push(ValidateError::BadField {
                        at,
                        field: "obligation flags",
                        value: r.obligations.to_string(),
                        expected: format!(
                            "the obligations of line {} ({}) for {}→{} in {}: a directed dyad-year is listed once",
                            first.line, first.obligations, r.from.0, r.to.0, r.year
                        ),
                    });
                }
            }
            _ => kept.push(r),
        }
    }
    errors.sort_by_key(|e| e.location().line);
    diag.errors.extend(errors);
    Ok(AtopDyads::new(file, kept))
}

/// Which spelling the header has (every column of one of them), with the positions of its
/// state, flag and year columns.
#[allow(clippy::type_complexity)]
fn spelling_of(
    header: &[String],
    file: &Arc<str>,
) -> Result<(&'static Spelling, [usize; 2], [usize; 5], usize), LoadError> {
    let column = |name: &str| header.iter().position(|h| h == name);
    for s in &SPELLINGS {
        if let (Some(a), Some(b), Some(year)) = (column(s.states[0]), column(s.states[1]), column("year")) {
            let flags: Vec<usize> = s.flags.iter().filter_map(|f| column(f)).collect();
            if let Ok(flags) = <[usize; 5]>::try_from(flags) {
                return Ok((s, [a, b], flags, year));
            }
        }
    }
    let missing = SPELLINGS
        .iter()
        .map(|s| {
            let names = s.states.iter().chain(["year"].iter()).chain(&s.flags);
            names.filter(|c| column(c).is_none()).copied().collect::<Vec<_>>().join(", ")
        })
        .collect::<Vec<_>>();
    Err(LoadError::MissingColumns {
        at: Location::new(file, 1),
        missing: format!("{} (ATOP's spelling), or {} (peacesciencer's)", missing[0], missing[1]),
        expected: "statea, stateb, year, defense, offense, neutral, nonagg, consul (ATOP's directed dyad-year file) or ccode1, ccode2, year, atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul (peacesciencer's)".to_string(),
    })
}

/// The dyad file's bytes for the CSV reader: line ends made `\n` (`\r\n` and a lone `\r`
/// alike, so the reader's line numbers are physical lines), and a failure once a physical line
/// passes [`MAX_RECORD_BYTES`] (a file without line ends would otherwise become one record),
/// that line noted in `too_long`. Blocks without `\r` pass through after one scan.
struct LineLimit<R> {
    inner: R,
    line: u64,
    length: usize,
    /// The previous block ended in `\r` (already written as `\n`): a `\n` first is dropped.
    after_cr: bool,
    too_long: Rc<Cell<Option<u64>>>,
}

impl<R: Read> Read for LineLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = self.inner.read(buf)?;
        if self.after_cr && n > 0 && buf[0] == b'\n' {
            buf.copy_within(1..n, 0);
            n -= 1;
        }
        if n > 0 {
            self.after_cr = false;
        }
        if buf[..n].contains(&b'\r') {
            let mut out = 0;
            let mut i = 0;
            while i < n {
                let b = buf[i];
                if b == b'\r' {
                    buf[out] = b'\n';
                    out += 1;
                    if i + 1 < n && buf[i + 1] == b'\n' {
                        i += 1;
                    } else if i + 1 == n {
                        self.after_cr = true;
                    }
                } else {
                    buf[out] = b;
                    out += 1;
                }
                i += 1;
            }
            n = out;
        }
        let block = &buf[..n];
        match block.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                self.line += block.iter().filter(|&&b| b == b'\n').count() as u64;
                self.length = n - last - 1;
            }
            None => self.length += n,
        }
        if self.length > MAX_RECORD_BYTES {
            self.too_long.set(Some(self.line));
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "line too long"));
        }
        Ok(n)
    }
}

/// A whole number: `42`, or `42.0` as Stata writes.
fn whole(cell: &[u8]) -> Option<i64> {
    if !cell.is_empty() && cell.len() <= 18 && cell.iter().all(u8::is_ascii_digit) {
        return Some(cell.iter().fold(0i64, |v, &d| v * 10 + i64::from(d - b'0')));
    }
    let s = std::str::from_utf8(cell).ok()?;
    s.parse::<i64>().ok().or_else(|| {
        let f = s.parse::<f64>().ok()?;
        (f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15).then_some(f as i64)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &'static str) -> (Result<AtopDyads, LoadError>, Diagnostics) {
        let mut diag = Diagnostics::default();
        let r = read_atop_dyads(&Source::Embedded { name: "ddyr.csv", text }, &mut diag);
        (r, diag)
    }

    #[test]
    fn both_spellings_read_the_same_dyad_years() {
        let atop = "stateA,stateB,year,defense,offense,neutral,nonagg,consul,shareob,atopid1\n\
                    2,20,1950,1,0,0,0,1,,3180\n20,2,1950,1,0,0,0,1,,3180\n200,220,1950,0,0,0,0,0,1,3180\n";
        let ps = "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n\
                  200,220,1950,0,0,0,0,0\n20,2,1950,1,0,0,0,1\n2,20,1950,1,0,0,0,1\n";
        let (a, da) = read(atop);
        let (b, db) = read(ps);
        let (a, b) = (a.unwrap(), b.unwrap());
        assert!(da.errors.is_empty() && db.errors.is_empty());
        let key =
            |d: &AtopDyads| d.rows().iter().map(|r| (r.year, r.from.0, r.to.0, r.obligations)).collect::<Vec<_>>();
        assert_eq!(key(&a), key(&b));
        let d = ObligationSet::EMPTY.with(Obligation::Defense).with(Obligation::Consultation);
        assert_eq!(a.get(1950, StateId(2), StateId(20)), Some(d));
        assert_eq!(a.get(1950, StateId(200), StateId(220)), Some(ObligationSet::EMPTY));
        assert_eq!(a.get(1950, StateId(220), StateId(200)), None);
        assert_eq!(a.get(1951, StateId(2), StateId(20)), None);
        assert_eq!(a.years(), Some(1950..=1950));
    }

    #[test]
    fn bad_cells_are_located_errors_and_repeats_are_counted() {
        let text = "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n\
                    2,20,1950,1,0,0,0,0\n2,20,1950,1,0,0,0,0\n2,20,1950,0,0,0,0,1\n2,2,1950,1,0,0,0,0\n\
                    2,x,1950,1,0,0,0,0\n2,20,19x0,1,0,0,0,0\n2,20,1951,2,0,0,0,0\n";
        let (r, diag) = read(text);
        let d = r.unwrap();
        assert_eq!(d.rows().len(), 1);
        assert_eq!(diag.count(WarningKind::DuplicateRow), 1);
        let msgs: Vec<String> = diag.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs.len(), 5, "{msgs:#?}");
        assert_eq!(
            msgs[0],
            "ddyr.csv:4: field obligation flags = \"consultation\": the obligations of line 2 (defense) for 2→20 in 1950: a directed dyad-year is listed once"
        );
        assert!(msgs[1].starts_with("ddyr.csv:5: field ccode2") && msgs[1].contains("a state other than the first"));
        assert!(msgs[2].starts_with("ddyr.csv:6: field ccode2 = \"x\""));
        assert!(msgs[3].starts_with("ddyr.csv:7: field year = \"19x0\""));
        assert!(msgs[4].starts_with("ddyr.csv:8: field atop_defense = \"2\""));
    }

    #[test]
    fn a_file_with_neither_spelling_names_what_is_missing() {
        let (r, _) = read("ccode1,ccode2,year,defense\n2,20,1950,1\n");
        let e = r.unwrap_err().to_string();
        assert!(e.contains("ddyr.csv:1") && e.contains("atop_offense") && e.contains("statea"), "{e}");
    }

    proptest::proptest! {
        /// Any bytes, and rows of cells drawn from numbers, flags, blanks and wide spaces: the
        /// reader never panics, and every row it keeps is a valid, unique directed dyad-year.
        #[test]
        fn any_input_reads_without_panic(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400),
            cells in proptest::collection::vec(
                proptest::sample::select(vec!["0", "1", "", "2", "200", "220", "1914", "x", "\u{2003}1", "1\u{3000}", "\u{a0}", "\"1\"", "1.0", "-1", "99999"]),
                0..60,
            ),
        ) {
            let mut diag = Diagnostics::default();
            let _ = read_atop_dyads(&Source::Bytes { name: "b.csv", data: bytes.into() }, &mut diag);
            let mut text = String::from("ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n");
            for row in cells.chunks(8) {
                text.push_str(&row.join(","));
                text.push('\n');
            }
            let mut diag = Diagnostics::default();
            if let Ok(d) = read_atop_dyads(&Source::Bytes { name: "c.csv", data: text.into_bytes().into() }, &mut diag) {
                proptest::prop_assert!(d.rows().windows(2).all(|w| w[0].key() < w[1].key()));
                proptest::prop_assert!(d.rows().iter().all(|r| r.from != r.to && (1000..=2100).contains(&r.year)));
            }
        }
    }
}
