//! The validated inputs in one value: states, their system spells, member spells, alliances.
//!
//! [`Dataset::load`] runs the first two stages of the flow (load → validate) and is the usual
//! entry point of the library; [`Dataset::load_cow`] builds the data from COW Formal Alliances
//! alone. [`MemberSource`] says where the member rows came from, and so which obligation types
//! and layers the data have.

use crate::diagnostics::{Diagnostics, WarningKind};
use crate::error::{Error, Location, Result};
use crate::io::{atop, cow, sample, Source};
use crate::model::atop_dyads::AtopDyads;
use crate::model::{
    AllianceId, DateSpan, DenseIndex, Layer, MemberSpell, Obligation, ProvisionTable, State, StateIndex,
};
use crate::validate::{self, AllianceRecord};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The input files of a run.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// ATOP member-level CSV.
    pub members: Source,
    /// COW state-system CSV.
    pub states: Source,
    /// ATOP alliance-level CSV, optional.
    pub alliances: Option<Source>,
}

impl Inputs {
    /// The sample embedded in the binary (`data/sample/`).
    pub fn sample() -> Self {
        Inputs { members: sample::MEMBERS, states: sample::STATES, alliances: None }
    }
}

/// Alliance records from other sources than the ATOP member file, merged into its member rows
/// by [`Dataset::load_with`]. (COW Formal Alliances on their own: [`Dataset::load_cow`].)
#[derive(Debug, Clone, Default)]
pub struct ExtraInputs {
    /// COW Formal Alliances v4.1 member-level CSV (`--cow-alliances --combine-sources`), added to
    /// the ATOP rows with entente as its own type ([`MemberSource::Combined`]: treaties both code
    /// count twice); default none.
    pub cow_alliances: Option<Source>,
    /// ATOP coding sheets (`--codesheets DIR`), in order; a sheet whose atopid is already in the
    /// data replaces that alliance's rows (with a warning); default none.
    pub codesheets: Vec<Source>,
    /// ATOP's directed dyad-year file (`--atop-dyads`): its directed obligations replace the
    /// member-file rule for the years it covers ([`crate::graph::dyad_override`]); default none.
    pub atop_dyads: Option<Source>,
}

/// Where a data set's member rows came from. It decides the obligation types and layers that
/// exist (every later stage lists these, not all of [`Obligation::EVERY`]) and is named in
/// captions and summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MemberSource {
    /// An ATOP member file (the default): defense, offense, neutrality, nonaggression,
    /// consultation.
    #[default]
    Atop,
    /// COW Formal Alliances alone ([`Dataset::load_cow`]): defense, neutrality, nonaggression,
    /// entente.
    Cow,
    /// An ATOP member file with COW alliance rows added ([`ExtraInputs::cow_alliances`]): ATOP's
    /// five types and COW's entente as a sixth. The two data sets code largely the same
    /// treaties, so most of them are counted twice.
    Combined,
}

impl MemberSource {
    /// Name in output and messages: `ATOP`, `COW`, `ATOP+COW`.
    pub fn name(self) -> &'static str {
        match self {
            MemberSource::Atop => "ATOP",
            MemberSource::Cow => "COW",
            MemberSource::Combined => "ATOP+COW",
        }
    }

    /// The obligation types the source codes, in bit order.
    pub fn obligations(self) -> &'static [Obligation] {
        match self {
            MemberSource::Atop => &Obligation::ALL,
            MemberSource::Cow => &Obligation::COW,
            MemberSource::Combined => &Obligation::EVERY,
        }
    }

    /// The weakest type of the source (consultation for ATOP, entente for COW and combined):
    /// the colour of a tie whose members pledge nothing (asymmetric alliances).
    pub fn weakest(self) -> Obligation {
        match self {
            MemberSource::Atop => Obligation::Consultation,
            MemberSource::Cow | MemberSource::Combined => Obligation::Entente,
        }
    }

    /// The layers of the source in output order: `any`, then one per obligation type.
    pub fn layers(self) -> &'static [Layer] {
        match self {
            MemberSource::Atop => &Layer::ALL,
            MemberSource::Cow => &Layer::COW,
            MemberSource::Combined => &Layer::EVERY,
        }
    }
}

impl std::fmt::Display for MemberSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What to do with a row that breaks the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnRowError {
    /// Fail the load with the first error (the default).
    #[default]
    Fail,
    /// Skip the row, counting it as a warning (`--lenient`, and `validate` which lists them all).
    Skip,
}

crate::names::named_enum!(
    /// Where the COW system membership of states still in the system at the state list's end
    /// stops, when the list ends before the data (states2016.csv ends on 2016-12-31, ATOP 5.1
    /// runs to 2018).
    #[derive(Default)]
    SystemEnd, "system end", [
    /// A spell that runs to the list's last day (the latest end date in the file) continues to
    /// the end of the data, as peacesciencer's `mry = TRUE` extends states to the most recent
    /// year; warned once ([`WarningKind::SystemListExtended`]). The default.
    #[default]
    Data = "data",
    /// Every spell ends where the list says (`--system-end list`): after the list's end no state
    /// is a system member.
    List = "list",
]);

/// How inputs are read.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// The data's last year; default (`None`): the largest `yrent`/`yrexit` in the member file.
    /// Rows with `yrexit` 0 stay in force until 1 January after it.
    pub data_end: Option<i32>,
    /// What an invalid row does; default [`OnRowError::Fail`].
    pub on_row_error: OnRowError,
    /// Whether system spells open at the state list's end continue to the data's end; default
    /// [`SystemEnd::Data`].
    pub system_end: SystemEnd,
}

/// The COW list's names and abbreviations, as words (lower case, letters and digits only), to
/// check the names written beside the codes of a coding sheet's members.
struct CowNames {
    /// Per code, its names and abbreviations (of each of its rows), as words.
    of_code: BTreeMap<u16, BTreeSet<Vec<String>>>,
    /// Per name or abbreviation (its words joined), the codes it belongs to.
    codes_of: BTreeMap<String, BTreeSet<u16>>,
}

impl CowNames {
    /// `name`'s words, lower case: `Korea, Republic of` → `korea`, `republic`, `of`.
    fn words(name: &str) -> Vec<String> {
        name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    }

    /// The forms of a written name, as words: the whole; the text outside parentheses; each
    /// parenthesis (`Russia (Union of Soviet Socialist Republics)` gives all three).
    fn forms(written: &str) -> Vec<Vec<String>> {
        let (mut outside, mut inside, mut depth) = (String::new(), Vec::<String>::new(), 0usize);
        for c in written.chars() {
            match (c, inside.last_mut()) {
                ('(', _) => {
                    depth += 1;
                    inside.push(String::new());
                }
                (')', _) => depth = depth.saturating_sub(1),
                (_, Some(part)) if depth > 0 => part.push(c),
                _ => outside.push(c),
            }
        }
        let mut forms: Vec<Vec<String>> = std::iter::once(written)
            .chain(std::iter::once(outside.as_str()))
            .chain(inside.iter().map(String::as_str))
            .map(Self::words)
            .filter(|w| !w.is_empty())
            .collect();
        forms.dedup();
        forms
    }

    fn of(table: &crate::io::records::RawTable) -> CowNames {
        let column = |name| cow::STATE_COLUMNS.position(name);
        let mut names = CowNames { of_code: BTreeMap::new(), codes_of: BTreeMap::new() };
        for row in &table.rows {
            let cell = |name| row.cells.get(column(name)).map_or("", String::as_str);
            let Ok(code) = cell("ccode").parse::<u16>() else { continue };
            for written in [cell("statenme"), cell("stateabb")] {
                let w = Self::words(written);
                if !w.is_empty() {
                    names.codes_of.entry(w.concat()).or_default().insert(code);
                    names.of_code.entry(code).or_default().insert(w);
                }
            }
        }
        names
    }

    /// Whether a form of a written name is `code`'s: one of its names or abbreviations (words
    /// joined, so `U.S.A.` is `USA`), or the first words of a name (`United States` for
    /// `United States of America`).
    fn is_own(&self, code: u16, form: &[String]) -> bool {
        self.of_code
            .get(&code)
            .is_some_and(|names| names.iter().any(|n| n.concat() == form.concat() || n.starts_with(form)))
    }

    /// Warns about each member whose written name is not its code's ([`CowNames::is_own`])
    /// but another state's name or abbreviation (`365 Kyrgyzstan`,
    /// [`WarningKind::CodesheetNameMismatch`], naming both states), or no state's at all
    /// (`365 Narnia`, [`WarningKind::CodesheetUnknownName`], quoting the name; only when the
    /// code is in the list, else the member is already warned about as not in it). The code is
    /// used either way; a line without a name is not checked.
    fn check_members(
        &self,
        file: &Arc<str>,
        members: &[crate::io::codesheet_record::CodesheetMember],
        diag: &mut Diagnostics,
    ) {
        for m in members {
            let forms = Self::forms(&m.name);
            if forms.is_empty() || forms.iter().any(|f| self.is_own(m.state.0, f)) {
                continue;
            }
            let others: BTreeSet<u16> =
                forms.iter().filter_map(|f| self.codes_of.get(&f.concat())).flatten().copied().collect();
            let at = Location::new(file, m.line);
            let code = u32::from(m.state.0);
            if !others.is_empty() {
                let subjects = std::iter::once(code).chain(others.iter().map(|&c| u32::from(c)));
                diag.warn(WarningKind::CodesheetNameMismatch, &at, subjects);
            } else if self.of_code.contains_key(&m.state.0) {
                diag.warn_written(WarningKind::CodesheetUnknownName, &at, &m.name, Some(code));
            }
        }
    }
}

/// The validated data set.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Every state of the COW list or the member file, in code order.
    pub states: StateIndex,
    /// Per state (dense index), its COW system spells: sorted, disjoint, touching ones merged.
    pub system: Vec<Vec<DateSpan>>,
    /// Valid member rows in file order.
    pub members: Vec<MemberSpell>,
    /// Rows of the alliance-level file, if one was given.
    pub alliances: Vec<AllianceRecord>,
    /// The data's last year.
    pub data_end: i32,
    /// Display name of the member file (the COW alliance file for [`MemberSource::Cow`]).
    pub member_file: Arc<str>,
    /// The file of each alliance whose rows came from elsewhere than the member file (a coding
    /// sheet, the COW file added by `--combine-sources`): see [`Dataset::file_of`].
    pub alliance_files: BTreeMap<AllianceId, Arc<str>>,
    /// Where the member rows came from.
    pub source: MemberSource,
    /// Every whole-number column of the member file, one row per entry of `members` (empty
    /// rows for members from other sources: COW alliances, coding sheets).
    pub member_provisions: ProvisionTable,
    /// Every whole-number column of the alliance file, one row per entry of `alliances`.
    pub alliance_provisions: ProvisionTable,
    /// The `--where` expression the member rows were filtered by (canonical text), if any.
    pub row_filter: Option<Arc<str>>,
    /// The alliances every row of which the `--where` expression dropped (so that a question
    /// about one can say it was filtered out, not that it does not exist).
    pub filtered_out: BTreeSet<AllianceId>,
    /// ATOP's directed dyad-years (`--atop-dyads`), if given: the multigraph follows them.
    pub atop_dyads: Option<Arc<AtopDyads>>,
}

impl Dataset {
    /// The file the rows of `alliance` came from: its coding sheet or the COW file when they
    /// came from there, else the member file.
    pub fn file_of(&self, alliance: AllianceId) -> &Arc<str> {
        self.alliance_files.get(&alliance).unwrap_or(&self.member_file)
    }

    /// Loads and validates `inputs`.
    ///
    /// # Errors
    /// [`Error::Load`] when a file cannot be read as a table; [`Error::Invalid`] when rows break
    /// the rules and `options.on_row_error` is [`OnRowError::Fail`].
    pub fn load(inputs: &Inputs, options: &LoadOptions) -> Result<(Dataset, Diagnostics)> {
        Dataset::load_with(inputs, &ExtraInputs::default(), options)
    }

    /// Loads and validates `inputs` and the alliances of `extra`: COW alliance rows are added to
    /// the member rows (the data's source is then [`MemberSource::Combined`], else
    /// [`MemberSource::Atop`]); each coding sheet adds its alliance, or replaces the rows of an
    /// alliance already loaded (warning [`WarningKind::CodesheetOverride`]).
    ///
    /// # Errors
    /// As [`Dataset::load`]; problems of the COW file and the sheets count as row errors.
    pub fn load_with(inputs: &Inputs, extra: &ExtraInputs, options: &LoadOptions) -> Result<(Dataset, Diagnostics)> {
        let mut diag = Diagnostics::default();
        let member_table = atop::read_members(&inputs.members)?;
        let state_table = cow::read_states(&inputs.states)?;
        let mut members = validate::members(&member_table, options.data_end, &mut diag);
        // Per spell, its row of the member file's provisions (none for spells from other
        // sources), kept in step.
        let mut provision_row: Vec<Option<usize>> =
            members.spells.iter().map(|m| member_table.row_of_line(m.line)).collect();
        let mut alliance_files = BTreeMap::new();
        if let Some(src) = &extra.cow_alliances {
            let table = crate::io::cow_alliances::read_cow_alliances(src)?;
            let atop_ids: BTreeSet<u32> = members.spells.iter().map(|m| m.alliance.0).collect();
            let cow = validate::cow_alliances(&table, members.data_end, &atop_ids, &mut diag);
            alliance_files.extend(cow.iter().map(|m| (m.alliance, Arc::clone(&table.file))));
            provision_row.resize(members.spells.len() + cow.len(), None);
            members.spells.extend(cow);
        }
        let cow_names = (!extra.codesheets.is_empty()).then(|| CowNames::of(&state_table));
        for src in &extra.codesheets {
            let sheet = crate::io::codesheet::read_codesheet(src)?;
            let Some(record) = validate::codesheet(&sheet, &mut diag) else { continue };
            if let Some(names) = &cow_names {
                names.check_members(&sheet.file, &record.members, &mut diag);
            }
            let spells = record.spells(members.data_end);
            if spells.is_empty() {
                // Signed after the data's end: the sheet would silently remove its alliance.
                let line = sheet.question(3).map_or(0, |q| q.line);
                diag.errors.push(crate::error::ValidateError::BadField {
                    at: Location::new(&sheet.file, line),
                    field: "question 3 (signature date)",
                    value: record.signed.to_string(),
                    expected: format!(
                        "a date within the data (to the end of {}): the sheet yields no member rows",
                        members.data_end
                    ),
                });
                continue;
            }
            if members.spells.iter().any(|m| m.alliance == record.id) {
                let line = sheet.question(1).map_or(0, |q| q.line);
                diag.warn(WarningKind::CodesheetOverride, &Location::new(&sheet.file, line), Some(record.id.0));
                let keep: Vec<bool> = members.spells.iter().map(|m| m.alliance != record.id).collect();
                let mut flags = keep.iter();
                provision_row.retain(|_| flags.next().copied().unwrap_or(true));
                members.spells.retain(|m| m.alliance != record.id);
            }
            provision_row.resize(members.spells.len() + spells.len(), None);
            alliance_files.insert(record.id, Arc::clone(&sheet.file));
            members.spells.extend(spells);
        }
        let atop_dyads = match &extra.atop_dyads {
            Some(src) => Some(Arc::new(crate::io::atop_dyads::read_atop_dyads(src, &mut diag)?)),
            None => {
                warn_varying_obligations(&members.spells, &member_table, &mut diag);
                None
            }
        };
        let (alliances, alliance_provisions) = match &inputs.alliances {
            Some(src) => {
                let table = atop::read_alliances(src)?;
                let records = validate::alliances(&table, members.data_end, &mut diag);
                let index: Vec<Option<usize>> = records.iter().map(|a| table.row_of_line(a.line)).collect();
                (records, table.provisions.select(&index))
            }
            None => (Vec::new(), ProvisionTable::default()),
        };
        let source = if extra.cow_alliances.is_some() { MemberSource::Combined } else { MemberSource::Atop };
        let dataset = Dataset {
            states: StateIndex::default(),
            system: Vec::new(),
            members: members.spells,
            alliances,
            data_end: members.data_end,
            member_file: member_table.file,
            alliance_files,
            source,
            member_provisions: member_table.provisions.select(&provision_row),
            alliance_provisions,
            row_filter: None,
            filtered_out: BTreeSet::new(),
            atop_dyads,
        };
        dataset.finish(&state_table, options, diag)
    }

    /// Loads and validates COW Formal Alliances v4.1 alone (the member-level file `cow`) with the
    /// state list `states`: the data's types are COW's (defense, neutrality, nonaggression,
    /// entente; [`MemberSource::Cow`]), the data end at `options.data_end` or the file's last year
    /// (2012 in v4.1), and the rules of [`validate::cow_alliances`] apply (censoring, empty flags).
    /// There are no provision columns and no alliance-level file.
    ///
    /// # Errors
    /// As [`Dataset::load`].
    pub fn load_cow(cow: &Source, states: &Source, options: &LoadOptions) -> Result<(Dataset, Diagnostics)> {
        let mut diag = Diagnostics::default();
        let table = crate::io::cow_alliances::read_cow_alliances(cow)?;
        let state_table = cow::read_states(states)?;
        let data_end = options.data_end.unwrap_or_else(|| validate::cow_data_end(&table));
        let spells = validate::cow_alliances(&table, data_end, &BTreeSet::new(), &mut diag);
        let dataset = Dataset {
            states: StateIndex::default(),
            system: Vec::new(),
            members: spells,
            alliances: Vec::new(),
            data_end,
            member_file: table.file,
            alliance_files: BTreeMap::new(),
            source: MemberSource::Cow,
            // COW's file has no provision columns (a table without columns has no cells).
            member_provisions: ProvisionTable::default(),
            alliance_provisions: ProvisionTable::default(),
            row_filter: None,
            filtered_out: BTreeSet::new(),
            atop_dyads: None,
        };
        dataset.finish(&state_table, options, diag)
    }

    /// The steps after the member rows are read, whatever their source: the state list, the
    /// row-error policy, member codes missing from the list, alliances missing from the alliance
    /// file, the dense state index and the system spells.
    fn finish(
        mut self,
        state_table: &crate::io::records::RawTable,
        options: &LoadOptions,
        mut diag: Diagnostics,
    ) -> Result<(Dataset, Diagnostics)> {
        let (mut states, spells) = validate::states(state_table, &mut diag);
        if let Some(first) = diag.errors.first() {
            match options.on_row_error {
                OnRowError::Fail => return Err(Error::Invalid { first: first.clone(), count: diag.errors.len() }),
                OnRowError::Skip => {
                    let (rows, cells): (Vec<_>, Vec<_>) = diag.errors.iter().partition(|e| e.skips_row());
                    let lines: BTreeSet<(Arc<str>, u64)> =
                        rows.iter().map(|e| (e.location().file.clone(), e.location().line)).collect();
                    let cells: Vec<Location> = cells.iter().map(|e| e.location().clone()).collect();
                    for (file, line) in lines {
                        diag.warn(WarningKind::SkippedRow, &Location { file, line }, None);
                    }
                    // A bad provision cell is read as missing; its row stays.
                    for at in &cells {
                        diag.warn(WarningKind::BadProvisionCell, at, None);
                    }
                }
            }
        }
        let known: BTreeSet<u16> = states.iter().map(|s| s.id.0).collect();
        let mut missing = BTreeSet::new();
        for m in &self.members {
            if !known.contains(&m.state.0) {
                diag.warn(
                    WarningKind::NotInStateList,
                    &Location::new(&self.member_file, m.line),
                    Some(m.state.0.into()),
                );
                missing.insert(m.state);
            }
        }
        states.extend(missing.into_iter().map(|id| State { id, abbr: String::new(), name: String::new() }));
        if !self.alliances.is_empty() {
            let listed: BTreeSet<u32> = self.alliances.iter().map(|a| a.id.0).collect();
            for m in self.members.iter().filter(|m| !listed.contains(&m.alliance.0)) {
                let at = Location::new(&self.member_file, m.line);
                diag.warn(WarningKind::AllianceNotInAllianceFile, &at, Some(m.alliance.0));
            }
        }
        let index = StateIndex::new(states);
        let mut system = vec![Vec::new(); index.len()];
        for s in &spells {
            if let Some(i) = index.index_of(s.state) {
                system[i as usize].push(s.span);
            }
        }
        system.iter_mut().for_each(merge_spans);
        if options.system_end == SystemEnd::Data {
            extend_to_data_end(&mut system, &index, self.data_end, &state_table.file, &mut diag);
        }
        self.states = index;
        self.system = system;
        Ok((self, diag))
    }

    /// Whether member row `row` is still in force at the data's end: an ATOP row with `yrexit`
    /// 0; a row without that column (COW's, a coding sheet's) of a COW or combined data set when
    /// it runs to the day after the data (COW's right-censored rows).
    pub fn in_force(&self, row: usize) -> bool {
        match self.member_provisions.value(row, "yrexit") {
            Some(y) => y == 0,
            None => {
                let after = chrono::NaiveDate::from_ymd_opt(self.data_end + 1, 1, 1);
                self.source != MemberSource::Atop && self.members.get(row).map(|m| m.span.end()) == after
            }
        }
    }

    /// The dense index of a member spell's state (every member state is in the index).
    pub fn member_index(&self, m: &MemberSpell) -> DenseIndex {
        self.states.index_of(m.state).expect("member states are added to the index on load")
    }
}

/// Warns once about the alliances with a member whose obligations vary among its co-members
/// (`obvary` = 1 in the member file): their directed obligations are approximated.
fn warn_varying_obligations(spells: &[MemberSpell], table: &crate::io::records::RawTable, diag: &mut Diagnostics) {
    let mut first: std::collections::BTreeMap<u32, u64> = std::collections::BTreeMap::new();
    for m in spells {
        let varies = table.row_of_line(m.line).and_then(|r| table.provisions.value(r, "obvary")) == Some(1);
        if varies {
            let line = first.entry(m.alliance.0).or_insert(m.line);
            *line = (*line).min(m.line);
        }
    }
    for (id, line) in first {
        diag.warn(WarningKind::ObligationsVary, &Location::new(&table.file, line), Some(id));
    }
}

/// Continues to the end of `data_end` every system spell that runs to the state list's last day,
/// when the list ends before the data; one warning names the list's end, the states extended and
/// the years added. A state whose membership ended earlier (a list's end is the latest end date
/// of any spell) is not extended.
fn extend_to_data_end(
    system: &mut [Vec<DateSpan>],
    states: &StateIndex,
    data_end: i32,
    file: &Arc<str>,
    diag: &mut Diagnostics,
) {
    let Some(list_end) = system.iter().flatten().map(|s| s.end()).max() else { return };
    let Some(data_stop) = chrono::NaiveDate::from_ymd_opt(data_end + 1, 1, 1) else { return };
    if list_end >= data_stop {
        return;
    }
    let list_last_day = list_end.pred_opt().unwrap_or(list_end);
    let kind = WarningKind::SystemListExtended { list_last_day, until: data_stop };
    for (v, spells) in system.iter_mut().enumerate() {
        let Some(last) = spells.last_mut().filter(|s| s.end() == list_end) else { continue };
        let Some(extended) = DateSpan::new(last.start(), data_stop) else { continue };
        *last = extended;
        let code = u32::from(states.state(v as DenseIndex).id.0);
        diag.warn(kind, &Location::new(file, 0), Some(code));
    }
}

/// Sorts spans and joins overlapping or touching ones.
pub fn merge_spans(spans: &mut Vec<DateSpan>) {
    // In place (no allocation): the exporters call this once per edge.
    spans.sort_unstable();
    let mut kept: usize = 0;
    for i in 0..spans.len() {
        let s = spans[i];
        match kept.checked_sub(1).map(|k| spans[k]) {
            Some(last) if s.start() <= last.end() => {
                if s.end() > last.end() {
                    spans[kept - 1] = DateSpan::new(last.start(), s.end()).unwrap_or(last);
                }
            }
            _ => {
                spans[kept] = s;
                kept += 1;
            }
        }
    }
    spans.truncate(kept);
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATES: &str = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version
UKG,200,United Kingdom,1816,1,1,2016,12,31,2016
FRN,220,France,1816,1,1,2016,12,31,2016
";

    fn bytes(name: &'static str, text: &str) -> Source {
        Source::Bytes { name, data: text.as_bytes().to_vec().into() }
    }

    #[test]
    fn cow_alone_has_cows_types_and_ends_in_the_files_last_year() {
        // An invented alliance: UKG and FRN, defense + entente, 3 May 1890 to the end of the data
        // (right-censored); FRN's second row ends 1 July 1895.
        let cow = "version4id,ccode,mem_st_day,mem_st_month,mem_st_year,mem_end_day,mem_end_month,mem_end_year,left_censor,right_censor,defense,neutrality,nonaggression,entente
7,200,3,5,1890,,,,0,1,1,0,0,1
7,220,3,5,1890,1,7,1895,0,0,1,0,0,1
";
        let (data, diag) =
            Dataset::load_cow(&bytes("cow.csv", cow), &bytes("s.csv", STATES), &LoadOptions::default()).unwrap();
        assert_eq!(data.source, MemberSource::Cow);
        assert_eq!(data.data_end, 1895, "the largest start or end year");
        assert_eq!(data.members.len(), 2);
        let m = &data.members[0];
        assert_eq!(m.obligations.to_string(), "defense+entente");
        assert_eq!(m.span.end(), chrono::NaiveDate::from_ymd_opt(1896, 1, 1).unwrap(), "in force to the data's end");
        assert!(data.member_provisions.columns().is_empty(), "COW has no provision columns");
        assert_eq!(diag.warnings().count(), 0);
        assert_eq!(&*data.member_file, "cow.csv");
    }

    #[test]
    fn each_source_lists_its_own_layers() {
        let names = |s: MemberSource| s.layers().iter().map(|l| l.name()).collect::<Vec<_>>().join(",");
        assert_eq!(names(MemberSource::Atop), "any,defense,offense,neutrality,nonaggression,consultation");
        assert_eq!(names(MemberSource::Cow), "any,defense,neutrality,nonaggression,entente");
        assert_eq!(names(MemberSource::Combined), "any,defense,offense,neutrality,nonaggression,consultation,entente");
        for s in [MemberSource::Atop, MemberSource::Cow, MemberSource::Combined] {
            assert_eq!(s.layers().len(), s.obligations().len() + 1);
            assert_eq!(s.obligations().last(), Some(&s.weakest()));
        }
        assert_eq!(MemberSource::default(), MemberSource::Atop);
    }

    /// A COW list of another version (ending 2011-12-31) and data running to 2013: the states
    /// still in the system on the list's last day continue to 2013-12-31, one that left before
    /// (FRN, 2005) does not, and `SystemEnd::List` keeps the list's end.
    #[test]
    fn a_state_list_ending_before_the_data_is_extended_to_its_end() {
        use chrono::NaiveDate;
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let members =
            "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul
1,2,1990,1,1,0,,,1,1,0,0,0,0
1,200,1990,1,1,2013,6,30,1,1,0,0,0,0
";
        let states = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version
USA,2,United States of America,1816,1,1,2011,12,31,2011
UKG,200,United Kingdom,1816,1,1,1940,6,1,2011
UKG,200,United Kingdom,1945,1,1,2011,12,31,2011
FRN,220,France,1816,1,1,2005,3,1,2011
";
        let load = |options: &LoadOptions| crate::testdata::load_texts(members, states, options).unwrap();
        let (data, diag) = load(&LoadOptions::default());
        assert_eq!(data.data_end, 2013);
        let spells = |code: u16| data.system[data.states.index_of(crate::StateId(code)).unwrap() as usize].clone();
        assert_eq!(spells(2).last().unwrap().end(), d(2014, 1, 1));
        assert_eq!(spells(200).len(), 2, "only the spell open at the list's end moves");
        assert_eq!(spells(200)[1].end(), d(2014, 1, 1));
        assert_eq!(spells(220).last().unwrap().end(), d(2005, 3, 2), "France left before the list's end");
        let kind = WarningKind::SystemListExtended { list_last_day: d(2011, 12, 31), until: d(2014, 1, 1) };
        assert_eq!(diag.count(kind), 2);
        let text = diag.warnings().find(|w| w.kind == kind).unwrap().to_string();
        assert_eq!(
            text,
            "s.csv: the COW state list ends on 2011-12-31, before the data's end (2013): 2 states still in the system then are taken as members through 2013-12-31 (years 2012–2013 added; --system-end list keeps the list's end)"
        );
        let options = LoadOptions { system_end: SystemEnd::List, ..LoadOptions::default() };
        let (data, diag) = load(&options);
        assert_eq!(data.system[0].last().unwrap().end(), d(2012, 1, 1));
        assert_eq!(diag.count(kind), 0);
        // A list that reaches the data's end extends nothing.
        let options = LoadOptions { data_end: Some(2011), ..LoadOptions::default() };
        let (_, diag) = load(&options);
        assert_eq!(diag.count(kind), 0);
    }
}
