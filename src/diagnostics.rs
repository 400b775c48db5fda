//! Diagnostics of a load: row errors, and tolerated quirks counted by kind.
//!
//! A warning kind is reported once, with how many rows (or edges) show it and the first line:
//! `warning: atop4_01m.csv: 31 rows with empty or 0 dayexit, ... (first: line 46)`.

use crate::error::{Location, ValidateError};
use crate::model::{StateId, StateIndex};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// A kind of tolerated quirk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningKind {
    /// An invalid row skipped under `--lenient`.
    SkippedRow,
    /// An exact duplicate of an earlier row, ignored.
    DuplicateRow,
    /// `export statelevel --state-covariates`: state-years of a covariate file, within the
    /// table's years, whose state is no node of the year: not joined (one count per row).
    CovariateRowsNotJoined,
    /// An undirected dyad(-year) listed in both orders with the same values (a covariate or
    /// `--network` file): one dyad.
    BothDirections,
    /// An entry date without a month (taken as January).
    MissingEntryMonth,
    /// An entry date without a day (taken as the 1st).
    MissingEntryDay,
    /// An exit date without a month (member through the end of that year).
    MissingExitMonth,
    /// An exit date without a day (member through the end of that month).
    MissingExitDay,
    /// `yrexit` 0 or empty: in force until the end of the data.
    InForce {
        /// The first day after the data (1 January after the last data year).
        until: NaiveDate,
    },
    /// A member code that the COW state list does not have.
    NotInStateList,
    /// A multigraph edge on none of whose days both states are system members.
    EdgeNeverInSystem,
    /// A multigraph edge on some of whose days a state is outside the system.
    EdgePartlyOutsideSystem,
    /// An alliance of the member file missing from the alliance file.
    AllianceNotInAllianceFile,
    /// An alliance listed twice in the alliance file with different dates.
    AllianceConflict,
    /// A coding sheet whose atopid is already in the member data: the sheet's rows replace it.
    CodesheetOverride,
    /// A coding sheet's member line whose code and name are two states of the COW list
    /// (`365 Kyrgyzstan`): the code is used.
    CodesheetNameMismatch,
    /// A coding sheet's member line whose name is no state's name or abbreviation in the COW
    /// list (`365 Narnia`), while its code is there: the code is used.
    CodesheetUnknownName,
    /// A multigraph edge that ends before the COW state list's first year: it never counts.
    EdgeBeforeStateList {
        /// The state list's first year.
        first_year: i32,
    },
    /// A state-list row giving its code another abbreviation or name than the code's first row.
    StateConflict,
    /// A state-list abbreviation used by two codes (looking states up by it finds the first).
    DuplicateAbbreviation,
    /// A provision cell that is not a whole number, read as missing under `--lenient`.
    BadProvisionCell,
    /// A multigraph edge left out under `--system atop`: a state of it has no COW code (not in the
    /// state list), as ATOP's dyadic files leave out Annam (8152).
    NotCowCoded,
    /// `--atop-dyads`: dyad-years of the member file's ties that ATOP's dyad file, within its
    /// years, does not list: they do not count (one count per dyad-year).
    MemberDyadYearsNotInAtopDyads,
    /// `--atop-dyads`: rows of ATOP's dyad file with no tie of the two states in the member file
    /// that year: left out (one count per directed row).
    AtopDyadYearsWithoutTie,
    /// `--atop-dyads`: dyad-years where the file gives an obligation no member row does: added
    /// to the dyad's first tie that year.
    AtopDyadsAddObligation,
    /// Alliances whose members' obligations vary (`obvary` = 1): directed obligations follow each
    /// member's own flags, which ATOP's dyadic files correct by hand (no `--atop-dyads` given).
    ObligationsVary,
    /// The state list ends before the data: a state whose system spell runs to the list's last
    /// day is taken as a member to the data's end (one count per state).
    SystemListExtended {
        /// The list's last day (its latest end date).
        list_last_day: NaiveDate,
        /// The first day after the data.
        until: NaiveDate,
    },
    /// A COW alliance row with an empty type flag (defense, neutrality, nonaggression or
    /// entente), read as 0.
    CowEmptyFlag,
    /// A COW alliance row whose `left_censor`/`right_censor` is empty or disagrees with its
    /// dates; the dates are used.
    CowCensoring,
}

/// The subject number of a dyad in a [`Tally`]: `a × 10000 + b` (codes are at most 9999).
pub fn pair_subject(a: StateId, b: StateId) -> u32 {
    u32::from(a.0) * 10_000 + u32::from(b.0)
}

/// Dyads of a tally (subjects made by [`pair_subject`]) as `220–8152 in 1874–1883`, the first 12.
fn list_pairs(t: &Tally) -> String {
    const SHOWN: usize = 12;
    let mut out: Vec<String> = t
        .subjects
        .iter()
        .take(SHOWN)
        .map(|&p| {
            let name = format!("{}–{}", p / 10_000, p % 10_000);
            match t.years.get(&p) {
                Some(y) if !y.is_empty() => format!("{name} in {}", year_ranges(y)),
                _ => name,
            }
        })
        .collect();
    if t.subjects.len() > SHOWN {
        out.push(format!("… ({} dyads in all)", t.subjects.len()));
    }
    out.join("; ")
}

/// How often a warning kind occurred, where first, and which states/alliances it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// Number of rows (or edges) showing it.
    pub count: usize,
    /// The first place it occurred (line 0 for graph-level warnings).
    pub first: Location,
    /// State codes or alliance ids concerned, where the kind names them.
    pub subjects: BTreeSet<u32>,
    /// For the system-filter kinds: per state code, the years of the days its ties fall outside
    /// the system (or before the state list).
    pub years: BTreeMap<u32, BTreeSet<i32>>,
    /// How many of the `count` occurrences concern only part of their item
    /// ([`Diagnostics::warn_partly`]: an edge with days before the state list and days after).
    pub partly: usize,
    /// For a repeated row ([`Diagnostics::warn_repeat`]): the earlier line the first
    /// occurrence repeats, so that the message names both.
    pub repeats: Option<u64>,
    /// For a warning about a written value ([`Diagnostics::warn_written`]): the first
    /// occurrence's value, as written.
    pub written: Option<String>,
}

/// Errors and counted warnings of a load.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    /// Row-level errors in file order (rows skipped when lenient).
    pub errors: Vec<ValidateError>,
    warnings: BTreeMap<WarningKind, Tally>,
    /// `ABB (code) Name` of the state codes that warnings name (see [`Diagnostics::name_states`]).
    names: BTreeMap<u32, String>,
}

impl Diagnostics {
    /// Counts one occurrence of `kind` at `at`, concerning `subjects` (codes or ids), if any.
    pub fn warn(&mut self, kind: WarningKind, at: &Location, subjects: impl IntoIterator<Item = u32>) {
        let t = self.warnings.entry(kind).or_insert_with(|| Tally {
            count: 0,
            first: at.clone(),
            subjects: BTreeSet::new(),
            years: BTreeMap::new(),
            partly: 0,
            repeats: None,
            written: None,
        });
        t.count += 1;
        if at.line != 0 && (t.first.line == 0 || (at.file == t.first.file && at.line < t.first.line)) {
            t.first = at.clone();
        }
        t.subjects.extend(subjects);
    }

    /// [`Diagnostics::warn`] for a row at `at` that repeats the row on line `earlier`: the
    /// message names both lines of the first occurrence.
    pub fn warn_repeat(
        &mut self,
        kind: WarningKind,
        at: &Location,
        earlier: u64,
        subjects: impl IntoIterator<Item = u32>,
    ) {
        let first_before = self.warnings.get(&kind).map(|t| t.first.clone());
        self.warn(kind, at, subjects);
        if let Some(t) = self.warnings.get_mut(&kind) {
            if first_before.as_ref() != Some(&t.first) {
                t.repeats = Some(earlier);
            }
        }
    }

    /// [`Diagnostics::warn`] for a value written in a file (a coding sheet's member name): the
    /// message quotes the first occurrence's value.
    pub fn warn_written(
        &mut self,
        kind: WarningKind,
        at: &Location,
        written: &str,
        subjects: impl IntoIterator<Item = u32>,
    ) {
        let first_before = self.warnings.get(&kind).map(|t| t.first.clone());
        self.warn(kind, at, subjects);
        if let Some(t) = self.warnings.get_mut(&kind) {
            if first_before.as_ref() != Some(&t.first) || t.written.is_none() {
                t.written = Some(written.to_string());
            }
        }
    }

    /// [`Diagnostics::warn`] for an occurrence that concerns only part of its item (an edge
    /// whose other days count); the warning says how many.
    pub fn warn_partly(&mut self, kind: WarningKind, at: &Location, subjects: impl IntoIterator<Item = u32>) {
        self.warn(kind, at, subjects);
        if let Some(t) = self.warnings.get_mut(&kind) {
            t.partly += 1;
        }
    }

    /// Adds `years` to the years in which `subject`'s ties show `kind` (after [`Diagnostics::warn`]).
    pub fn warn_years(&mut self, kind: WarningKind, subject: u32, years: std::ops::RangeInclusive<i32>) {
        if let Some(t) = self.warnings.get_mut(&kind) {
            t.years.entry(subject).or_default().extend(years);
        }
    }

    /// Names the states of the state warnings as `ABB (code) Name` (codes missing from `states`,
    /// or without a COW name, stay bare codes).
    pub fn name_states(&mut self, states: &StateIndex) {
        for (kind, t) in &self.warnings {
            let about_states = matches!(
                kind,
                WarningKind::NotInStateList
                    | WarningKind::EdgeNeverInSystem
                    | WarningKind::EdgePartlyOutsideSystem
                    | WarningKind::EdgeBeforeStateList { .. }
                    | WarningKind::SystemListExtended { .. }
                    | WarningKind::NotCowCoded
                    | WarningKind::CovariateRowsNotJoined
                    | WarningKind::CodesheetNameMismatch
                    | WarningKind::CodesheetUnknownName
            );
            if !about_states {
                continue;
            }
            for &code in &t.subjects {
                let Some(st) =
                    u16::try_from(code).ok().and_then(|c| states.index_of(StateId(c))).map(|i| states.state(i))
                else {
                    continue;
                };
                if !st.abbr.is_empty() {
                    self.names.insert(code, format!("{} ({}) {}", st.abbr, st.id, st.name));
                }
            }
        }
    }

    /// The tally of one kind.
    pub fn tally(&self, kind: WarningKind) -> Option<&Tally> {
        self.warnings.get(&kind)
    }

    /// Number of occurrences of a kind (0 if none).
    pub fn count(&self, kind: WarningKind) -> usize {
        self.tally(kind).map_or(0, |t| t.count)
    }

    /// Every warning kind with its tally, in a fixed order.
    pub fn warnings(&self) -> impl Iterator<Item = Warning<'_>> {
        // A skipped row shows the first error that skips a row; a bad cell the first bad cell.
        let first_row = self.errors.iter().find(|e| e.skips_row());
        let first_cell = self.errors.iter().find(|e| !e.skips_row());
        self.warnings.iter().map(move |(kind, tally)| Warning {
            kind: *kind,
            tally,
            first_error: if *kind == WarningKind::BadProvisionCell { first_cell } else { first_row },
            names: &self.names,
        })
    }
}

/// A warning kind with its tally, displayed as one line.
#[derive(Debug, Clone, Copy)]
pub struct Warning<'a> {
    /// The kind.
    pub kind: WarningKind,
    /// Its tally.
    pub tally: &'a Tally,
    first_error: Option<&'a ValidateError>,
    names: &'a BTreeMap<u32, String>,
}

/// Years as ranges: `1834–1859, 1866`; past three ranges, `…`.
fn year_ranges(years: &BTreeSet<i32>) -> String {
    let mut ranges: Vec<(i32, i32)> = Vec::new();
    for &y in years {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == y => *end = y,
            _ => ranges.push((y, y)),
        }
    }
    let mut out: Vec<String> =
        ranges.iter().take(3).map(|&(a, b)| if a == b { a.to_string() } else { format!("{a}–{b}") }).collect();
    if ranges.len() > 3 {
        out.push("…".to_string());
    }
    out.join(", ")
}

/// States as `ABB (code) Name` (with the years of the tally, when it has them), the first 12.
fn list_states(t: &Tally, names: &BTreeMap<u32, String>) -> String {
    const SHOWN: usize = 12;
    let mut out: Vec<String> = t
        .subjects
        .iter()
        .take(SHOWN)
        .map(|code| {
            let name = names.get(code).cloned().unwrap_or_else(|| code.to_string());
            match t.years.get(code) {
                Some(y) if !y.is_empty() => format!("{name} in {}", year_ranges(y)),
                _ => name,
            }
        })
        .collect();
    if t.subjects.len() > SHOWN {
        out.push(format!("… ({} in all)", t.subjects.len()));
    }
    out.join("; ")
}

fn list_subjects(s: &BTreeSet<u32>) -> String {
    const SHOWN: usize = 12;
    let mut out: Vec<String> = s.iter().take(SHOWN).map(u32::to_string).collect();
    if s.len() > SHOWN {
        out.push(format!("… ({} in all)", s.len()));
    }
    out.join(" ")
}

impl fmt::Display for Warning<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.tally;
        let n = t.count;
        let rows = if n == 1 { "row" } else { "rows" };
        let edges = if n == 1 { "multigraph edge" } else { "multigraph edges" };
        let (name, count, replace) =
            if n == 1 { ("names", "counts", "replaces") } else { ("name", "count", "replace") };
        let (give, reuse) = if n == 1 { ("gives", "reuses") } else { ("give", "reuse") };
        let states = |k: usize| if k == 1 { "1 state".to_string() } else { format!("{k} states") };
        let file = &t.first.file;
        let first = format!("first: line {}", t.first.line);
        match self.kind {
            WarningKind::SkippedRow => match self.first_error {
                Some(e) => write!(f, "{file}: {n} invalid {rows} skipped (--lenient); first: {e}"),
                None => write!(f, "{file}: {n} invalid {rows} skipped (--lenient) ({first})"),
            },
            WarningKind::DuplicateRow => write!(f, "{file}: {n} exact duplicate {rows} ignored ({first})"),
            WarningKind::BothDirections => write!(
                f,
                "{file}: {n} {rows} {} a dyad whose reverse is listed too, with the same values: read as one undirected dyad ({first})",
                if n == 1 { "repeats" } else { "repeat" }
            ),
            WarningKind::MissingEntryMonth => {
                write!(f, "{file}: {n} {rows} with empty or 0 moent, taken as January ({first})")
            }
            WarningKind::MissingEntryDay => {
                write!(f, "{file}: {n} {rows} with empty or 0 dayent, taken as the 1st of the month ({first})")
            }
            WarningKind::MissingExitMonth => write!(
                f,
                "{file}: {n} {rows} with empty or 0 moexit, taken as member through the end of that year ({first})"
            ),
            WarningKind::MissingExitDay => write!(
                f,
                "{file}: {n} {rows} with empty or 0 dayexit, taken as member through the end of that month ({first})"
            ),
            WarningKind::InForce { until } => write!(
                f,
                "{file}: {n} {rows} with yrexit 0 or empty, taken as in force until the end of the data (exit {until}) ({first})"
            ),
            WarningKind::NotInStateList => write!(
                f,
                "{file}: {n} {rows} {name} a member code missing from the COW state list: {} ({first})",
                list_states(t, self.names)
            ),
            WarningKind::EdgeNeverInSystem => write!(
                f,
                "{n} {edges} never {count}: on none of their days within the data's years are both states COW system members ({} outside the system then: {})",
                states(t.subjects.len()),
                list_states(t, self.names)
            ),
            WarningKind::EdgePartlyOutsideSystem => write!(
                f,
                "{n} {edges} {count} only on part of their days: on the others a state is outside the COW system ({}, with the years of those days: {})",
                states(t.subjects.len()),
                list_states(t, self.names)
            ),
            WarningKind::AllianceNotInAllianceFile => write!(
                f,
                "{file}: {n} {rows} of the member file {name} alliances missing from the alliance file: {} ({first})",
                list_subjects(&t.subjects)
            ),
            WarningKind::AllianceConflict => write!(
                f,
                "{file}: {n} {rows} {} an atopid with different alliance-level data; the first row is used: {} ({first}{})",
                if n == 1 { "repeats" } else { "repeat" },
                list_subjects(&t.subjects),
                t.repeats.map_or(String::new(), |l| format!(", which repeats line {l}"))
            ),
            WarningKind::EdgeBeforeStateList { first_year } => {
                // Edges wholly before the list never count; those that start before it lose
                // their earlier days.
                let (whole, partly) = (n - t.partly, t.partly);
                let edges = |k: usize| if k == 1 { "1 multigraph edge".to_string() } else { format!("{k} multigraph edges") };
                let verb = |k: usize, one: &'static str, many: &'static str| if k == 1 { one } else { many };
                let list = format!(
                    "({}, with the years left out: {})",
                    states(t.subjects.len()),
                    list_states(t, self.names)
                );
                let list_year = format!("{first_year}, the COW state list's first year");
                if partly == 0 {
                    let end = verb(whole, "it ends", "they end");
                    write!(f, "{} never {count}: {end} before {list_year} {list}", edges(whole))
                } else if whole == 0 {
                    let (start, counts) = (verb(partly, "starts", "start"), verb(partly, "counts", "count"));
                    write!(f, "{} {start} before {list_year}, and {counts} only from then on {list}", edges(partly))
                } else {
                    let end = verb(whole, "it ends", "they end");
                    write!(
                        f,
                        "{} never {}: {end} before {list_year}; {partly} more {} before it and {} only from then on {list}",
                        edges(whole),
                        verb(whole, "counts", "count"),
                        verb(partly, "starts", "start"),
                        verb(partly, "counts", "count"),
                    )
                }
            }
            WarningKind::StateConflict => write!(
                f,
                "{file}: {n} {rows} {give} a state code another abbreviation or name than its first row, which is used: {} ({first})",
                list_subjects(&t.subjects)
            ),
            WarningKind::DuplicateAbbreviation => write!(
                f,
                "{file}: {n} {rows} {reuse} an abbreviation of another state code; looking states up by it finds the lower code: {} ({first})",
                list_subjects(&t.subjects)
            ),
            WarningKind::MemberDyadYearsNotInAtopDyads => write!(
                f,
                "{file}: {n} dyad-{} of the member file's ties {} not listed in ATOP's dyad file and {} not count (--atop-dyads): {}",
                if n == 1 { "year" } else { "years" },
                if n == 1 { "is" } else { "are" },
                if n == 1 { "does" } else { "do" },
                list_pairs(t)
            ),
            WarningKind::AtopDyadYearsWithoutTie => write!(
                f,
                "{file}: {n} {rows} of ATOP's dyad file {} no tie of the two states in the member file that year and {} left out: {} ({first})",
                if n == 1 { "has" } else { "have" },
                if n == 1 { "is" } else { "are" },
                list_pairs(t)
            ),
            WarningKind::AtopDyadsAddObligation => write!(
                f,
                "{file}: in {n} dyad-{} ATOP's dyad file gives an obligation that no member row gives; added to the dyad's first tie: {}",
                if n == 1 { "year" } else { "years" },
                list_pairs(t)
            ),
            WarningKind::ObligationsVary => write!(
                f,
                "{file}: {n} {} {} members' obligations as varying (obvary = 1): pactnet gives each member its own flags toward every co-member, which ATOP's dyadic files correct by hand; --atop-dyads FILE uses ATOP's directed dyad-years: {} ({first})",
                if n == 1 { "alliance" } else { "alliances" },
                if n == 1 { "codes its" } else { "code their" },
                list_subjects(&t.subjects)
            ),
            WarningKind::NotCowCoded => write!(
                f,
                "{n} {edges} left out (--system atop): a state of {} has no COW country code, as in ATOP's dyadic files ({}: {})",
                if n == 1 { "it" } else { "each" },
                states(t.subjects.len()),
                list_states(t, self.names)
            ),
            WarningKind::SystemListExtended { list_last_day, until } => {
                let last_data_year = until.year() - 1;
                let first_added = list_last_day.year() + 1;
                let years = if first_added >= last_data_year {
                    last_data_year.to_string()
                } else {
                    format!("{first_added}–{last_data_year}")
                };
                write!(
                    f,
                    "{file}: the COW state list ends on {list_last_day}, before the data's end ({last_data_year}): {} still in the system then {} taken as members through {} (years {years} added; --system-end list keeps the list's end)",
                    states(n),
                    if n == 1 { "is" } else { "are" },
                    until.pred_opt().unwrap_or(until),
                )
            }
            WarningKind::BadProvisionCell => {
                let cells = if n == 1 { "cell that is not a whole number" } else { "cells that are not whole numbers" };
                match self.first_error {
                    Some(e) => write!(f, "{n} provision {cells} read as missing (--lenient); first: {e}"),
                    None => write!(f, "{file}: {n} provision {cells} read as missing (--lenient) ({first})"),
                }
            }
            WarningKind::CowEmptyFlag => write!(
                f,
                "{file}: {n} {rows} with an empty defense, neutrality, nonaggression or entente cell, read as 0; alliances: {} ({first})",
                list_subjects(&t.subjects)
            ),
            WarningKind::CovariateRowsNotJoined => write!(
                f,
                "{file}: {n} {rows} of the covariates within the table's years {name} a state that is no node of the state-year table in {}, so not joined ({}: {})",
                if n == 1 { "its year" } else { "their years" },
                states(t.subjects.len()),
                list_states(t, self.names)
            ),
            WarningKind::CowCensoring => write!(
                f,
                "{file}: {n} {rows} whose left_censor or right_censor is empty or disagrees with the dates (left 1 = start in 1816, right 1 = no end date); the dates are used; alliances: {} ({first})",
                list_subjects(&t.subjects)
            ),
            WarningKind::CodesheetOverride => write!(
                f,
                "{file}: {n} coding {} {replace} the member rows of alliances already in the data: {} ({first})",
                if n == 1 { "sheet" } else { "sheets" },
                list_subjects(&t.subjects)
            ),
            WarningKind::CodesheetNameMismatch => write!(
                f,
                "{file}: {n} member {} {give} a COW code with the name of another state in the COW list; the code is used (the states: {}) ({first})",
                if n == 1 { "line" } else { "lines" },
                list_states(t, self.names)
            ),
            WarningKind::CodesheetUnknownName => write!(
                f,
                "{file}: {n} member {} {give} a name that is no state's name or abbreviation in the COW list; the code is used (the states: {}) ({first}: {})",
                if n == 1 { "line" } else { "lines" },
                list_states(t, self.names),
                t.written.as_deref().map_or_else(|| "\"\"".to_string(), crate::error::shown)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// Every warning kind's message, for one occurrence at line 7 concerning state 8152.
    #[test]
    fn every_warning_kind_has_a_clear_message() {
        let file: Arc<str> = Arc::from("m.csv");
        let until = NaiveDate::from_ymd_opt(2017, 1, 1).unwrap();
        let expected = [
            (WarningKind::SkippedRow, "m.csv: 1 invalid row skipped (--lenient) (first: line 7)"),
            (WarningKind::DuplicateRow, "m.csv: 1 exact duplicate row ignored (first: line 7)"),
            (
                WarningKind::BothDirections,
                "m.csv: 1 row repeats a dyad whose reverse is listed too, with the same values: read as one undirected dyad (first: line 7)",
            ),
            (
                WarningKind::CovariateRowsNotJoined,
                "m.csv: 1 row of the covariates within the table's years names a state that is no node of the state-year table in its year, so not joined (1 state: 8152)",
            ),
            (WarningKind::MissingEntryMonth, "m.csv: 1 row with empty or 0 moent, taken as January (first: line 7)"),
            (WarningKind::MissingEntryDay, "m.csv: 1 row with empty or 0 dayent, taken as the 1st of the month (first: line 7)"),
            (
                WarningKind::MissingExitMonth,
                "m.csv: 1 row with empty or 0 moexit, taken as member through the end of that year (first: line 7)",
            ),
            (
                WarningKind::MissingExitDay,
                "m.csv: 1 row with empty or 0 dayexit, taken as member through the end of that month (first: line 7)",
            ),
            (
                WarningKind::InForce { until },
                "m.csv: 1 row with yrexit 0 or empty, taken as in force until the end of the data (exit 2017-01-01) (first: line 7)",
            ),
            (
                WarningKind::NotInStateList,
                "m.csv: 1 row names a member code missing from the COW state list: 8152 (first: line 7)",
            ),
            (
                WarningKind::EdgeNeverInSystem,
                "1 multigraph edge never counts: on none of their days within the data's years are both states COW system members (1 state outside the system then: 8152)",
            ),
            (
                WarningKind::EdgePartlyOutsideSystem,
                "1 multigraph edge counts only on part of their days: on the others a state is outside the COW system (1 state, with the years of those days: 8152)",
            ),
            (
                WarningKind::AllianceNotInAllianceFile,
                "m.csv: 1 row of the member file names alliances missing from the alliance file: 8152 (first: line 7)",
            ),
            (
                WarningKind::CodesheetOverride,
                "m.csv: 1 coding sheet replaces the member rows of alliances already in the data: 8152 (first: line 7)",
            ),
            (
                WarningKind::EdgeBeforeStateList { first_year: 1816 },
                "1 multigraph edge never counts: it ends before 1816, the COW state list's first year (1 state, with the years left out: 8152)",
            ),
            (
                WarningKind::StateConflict,
                "m.csv: 1 row gives a state code another abbreviation or name than its first row, which is used: 8152 (first: line 7)",
            ),
            (
                WarningKind::DuplicateAbbreviation,
                "m.csv: 1 row reuses an abbreviation of another state code; looking states up by it finds the lower code: 8152 (first: line 7)",
            ),
            (
                WarningKind::BadProvisionCell,
                "m.csv: 1 provision cell that is not a whole number read as missing (--lenient) (first: line 7)",
            ),
            (
                WarningKind::AllianceConflict,
                "m.csv: 1 row repeats an atopid with different alliance-level data; the first row is used: 8152 (first: line 7)",
            ),
            (
                WarningKind::CowEmptyFlag,
                "m.csv: 1 row with an empty defense, neutrality, nonaggression or entente cell, read as 0; alliances: 8152 (first: line 7)",
            ),
            (
                WarningKind::CowCensoring,
                "m.csv: 1 row whose left_censor or right_censor is empty or disagrees with the dates (left 1 = start in 1816, right 1 = no end date); the dates are used; alliances: 8152 (first: line 7)",
            ),
            (
                WarningKind::CodesheetNameMismatch,
                "m.csv: 1 member line gives a COW code with the name of another state in the COW list; the code is used (the states: 8152) (first: line 7)",
            ),
            (
                WarningKind::CodesheetUnknownName,
                "m.csv: 1 member line gives a name that is no state's name or abbreviation in the COW list; the code is used (the states: 8152) (first: line 7: \"\")",
            ),
        ];
        for (kind, text) in expected {
            let mut d = Diagnostics::default();
            d.warn(kind, &Location::new(&file, 7), Some(8152));
            let shown: Vec<String> = d.warnings().map(|w| w.to_string()).collect();
            assert_eq!(shown, [text], "{kind:?}");
        }
    }

    /// Issue 21: a skipped row shows the first error that skips a row, a bad provision cell
    /// the first bad cell, whichever comes first in the file.
    #[test]
    fn skipped_rows_and_bad_provision_cells_each_show_their_own_first_error() {
        let file: Arc<str> = Arc::from("m.csv");
        let mut d = Diagnostics::default();
        d.errors.push(ValidateError::BadProvision {
            at: Location::new(&file, 3),
            field: Arc::from("conditio"),
            value: "x".into(),
            expected: "not a whole number",
        });
        d.errors.push(ValidateError::FieldCount { at: Location::new(&file, 5), found: 1, expected: 14 });
        d.warn(WarningKind::SkippedRow, &Location::new(&file, 5), None);
        d.warn(WarningKind::BadProvisionCell, &Location::new(&file, 3), None);
        d.warn(WarningKind::BadProvisionCell, &Location::new(&file, 9), None);
        let shown: Vec<String> = d.warnings().map(|w| w.to_string()).collect();
        assert_eq!(
            shown,
            [
                "m.csv: 1 invalid row skipped (--lenient); first: m.csv:5: 1 fields, expected 14 as in the header",
                "2 provision cells that are not whole numbers read as missing (--lenient); first: m.csv:3: field conditio = \"x\": not a whole number",
            ]
        );
    }

    /// Issue 12: edges wholly and partly before the state list in one warning, both counted.
    #[test]
    fn edges_partly_before_the_state_list_are_counted_apart() {
        let at = Location::new(&Arc::from("m.csv"), 0);
        let kind = WarningKind::EdgeBeforeStateList { first_year: 1816 };
        let mut d = Diagnostics::default();
        d.warn_partly(kind, &at, [2, 200]);
        d.warn_partly(kind, &at, [2, 220]);
        d.warn_years(kind, 2, 1814..=1815);
        let shown: Vec<String> = d.warnings().map(|w| w.to_string()).collect();
        assert_eq!(shown, ["2 multigraph edges start before 1816, the COW state list's first year, and count only from then on (3 states, with the years left out: 2 in 1814–1815; 200; 220)"]);
        d.warn(kind, &at, [200, 220]);
        let shown: Vec<String> = d.warnings().map(|w| w.to_string()).collect();
        assert_eq!(shown, ["1 multigraph edge never counts: it ends before 1816, the COW state list's first year; 2 more start before it and count only from then on (3 states, with the years left out: 2 in 1814–1815; 200; 220)"]);
    }

    /// Issue 13: states named `ABB (code) Name`, with the years their ties fall outside the system.
    #[test]
    fn state_warnings_name_states_and_their_years() {
        use crate::model::State;
        let file: Arc<str> = Arc::from("m.csv");
        let at = Location::new(&file, 0);
        let mut d = Diagnostics::default();
        d.warn(WarningKind::EdgePartlyOutsideSystem, &at, [710, 8152]);
        d.warn_years(WarningKind::EdgePartlyOutsideSystem, 710, 1834..=1859);
        d.warn_years(WarningKind::EdgePartlyOutsideSystem, 710, 1850..=1851);
        d.warn_years(WarningKind::EdgePartlyOutsideSystem, 8152, 1990..=1990);
        let st = |code: u16, abbr: &str, name: &str| State { id: StateId(code), abbr: abbr.into(), name: name.into() };
        d.name_states(&StateIndex::new(vec![st(710, "CHN", "China"), st(8152, "", "")]));
        let shown: Vec<String> = d.warnings().map(|w| w.to_string()).collect();
        assert_eq!(
            shown,
            ["1 multigraph edge counts only on part of their days: on the others a state is outside the COW system (2 states, with the years of those days: CHN (710) China in 1834–1859; 8152 in 1990)"]
        );
        let years: BTreeSet<i32> = [1900, 1901, 1902, 1905, 1910, 1911, 1920].into_iter().collect();
        assert_eq!(year_ranges(&years), "1900–1902, 1905, 1910–1911, …");
    }

    /// Issue 25: a warning about written values quotes the value of its first line, whatever
    /// the order the occurrences were counted in.
    #[test]
    fn a_written_value_warning_quotes_the_value_of_its_first_line() {
        let file: Arc<str> = Arc::from("s.txt");
        let mut d = Diagnostics::default();
        d.warn_written(WarningKind::CodesheetUnknownName, &Location::new(&file, 12), "Kirgisia", Some(703));
        d.warn_written(WarningKind::CodesheetUnknownName, &Location::new(&file, 9), "Narnia", Some(365));
        d.warn_written(WarningKind::CodesheetUnknownName, &Location::new(&file, 15), "Ruritania", Some(365));
        let shown: Vec<String> = d.warnings().map(|w| w.to_string()).collect();
        assert_eq!(
            shown,
            ["s.txt: 3 member lines give a name that is no state's name or abbreviation in the COW list; the code is used (the states: 365; 703) (first: line 9: \"Narnia\")"]
        );
    }

    #[test]
    fn counts_add_up_and_the_first_line_is_kept() {
        let file: Arc<str> = Arc::from("m.csv");
        let mut d = Diagnostics::default();
        for line in [9, 4, 12] {
            d.warn(WarningKind::DuplicateRow, &Location::new(&file, line), None);
        }
        assert_eq!(d.count(WarningKind::DuplicateRow), 3);
        assert_eq!(d.tally(WarningKind::DuplicateRow).unwrap().first.line, 4);
        assert_eq!(d.count(WarningKind::MissingEntryDay), 0);
        let subjects: BTreeSet<u32> = (1..=20).collect();
        assert_eq!(list_subjects(&subjects), "1 2 3 4 5 6 7 8 9 10 11 12 … (20 in all)");
    }
}
