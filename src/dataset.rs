//! The validated inputs in one value: states, their system spells, member spells, alliances.
//!
//! [`Dataset::load`] runs the first two stages of the flow (load → validate) and is the usual
//! entry point of the library.

use crate::diagnostics::{Diagnostics, WarningKind};
use crate::error::{Error, Location, Result};
use crate::io::{atop, cow, sample, Source};
use crate::model::atop_dyads::AtopDyads;
use crate::model::{DateSpan, DenseIndex, MemberSpell, ProvisionTable, State, StateIndex};
use crate::validate::{self, AllianceRecord};
use std::collections::BTreeSet;
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
/// by [`Dataset::load_with`].
#[derive(Debug, Clone, Default)]
pub struct ExtraInputs {
    /// COW Formal Alliances v4.1 member-level CSV (`--cow-alliances`); default none.
    pub cow_alliances: Option<Source>,
    /// ATOP coding sheets (`--codesheets DIR`), in order; a sheet whose atopid is already in the
    /// data replaces that alliance's rows (with a warning); default none.
    pub codesheets: Vec<Source>,
    /// ATOP's directed dyad-year file (`--atop-dyads`): its directed obligations replace the
    /// member-file rule for the years it covers ([`crate::graph::dyad_override`]); default none.
    pub atop_dyads: Option<Source>,
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

/// Where the COW system membership of states still in the system at the state list's end stops,
/// when the list ends before the data (states2016.csv ends on 2016-12-31, ATOP 5.1 runs to 2018).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SystemEnd {
    /// A spell that runs to the list's last day (the latest end date in the file) continues to
    /// the end of the data, as peacesciencer's `mry = TRUE` extends states to the most recent
    /// year; warned once ([`WarningKind::SystemListExtended`]). The default.
    #[default]
    Data,
    /// Every spell ends where the list says (`--system-end list`): after the list's end no state
    /// is a system member.
    List,
}

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
    /// Display name of the member file.
    pub member_file: Arc<str>,
    /// Every whole-number column of the member file, one row per entry of `members` (empty
    /// rows for members from other sources: COW alliances, coding sheets).
    pub member_provisions: ProvisionTable,
    /// Every whole-number column of the alliance file, one row per entry of `alliances`.
    pub alliance_provisions: ProvisionTable,
    /// The `--where` expression the member rows were filtered by (canonical text), if any.
    pub row_filter: Option<Arc<str>>,
    /// ATOP's directed dyad-years (`--atop-dyads`), if given: the multigraph follows them.
    pub atop_dyads: Option<Arc<AtopDyads>>,
}

impl Dataset {
    /// Loads and validates `inputs`.
    ///
    /// # Errors
    /// [`Error::Load`] when a file cannot be read as a table; [`Error::Invalid`] when rows break
    /// the rules and `options.on_row_error` is [`OnRowError::Fail`].
    pub fn load(inputs: &Inputs, options: &LoadOptions) -> Result<(Dataset, Diagnostics)> {
        Dataset::load_with(inputs, &ExtraInputs::default(), options)
    }

    /// Loads and validates `inputs` and the alliances of `extra`: COW alliance rows are added to
    /// the member rows; each coding sheet adds its alliance, or replaces the rows of an
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
        if let Some(src) = &extra.cow_alliances {
            let table = crate::io::cow_alliances::read_cow_alliances(src)?;
            let atop_ids: BTreeSet<u32> = members.spells.iter().map(|m| m.alliance.0).collect();
            let cow = validate::cow_alliances(&table, members.data_end, &atop_ids, &mut diag);
            provision_row.resize(members.spells.len() + cow.len(), None);
            members.spells.extend(cow);
        }
        for src in &extra.codesheets {
            let sheet = crate::io::codesheet::read_codesheet(src)?;
            let Some(record) = validate::codesheet(&sheet, &mut diag) else { continue };
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
            members.spells.extend(spells);
        }
        let atop_dyads = match &extra.atop_dyads {
            Some(src) => Some(Arc::new(crate::io::atop_dyads::read_atop_dyads(src, &mut diag)?)),
            None => {
                warn_varying_obligations(&members.spells, &member_table, &mut diag);
                None
            }
        };
        let (mut states, spells) = validate::states(&state_table, &mut diag);
        let (alliances, alliance_provisions) = match &inputs.alliances {
            Some(src) => {
                let table = atop::read_alliances(src)?;
                let records = validate::alliances(&table, members.data_end, &mut diag);
                let index: Vec<Option<usize>> = records.iter().map(|a| table.row_of_line(a.line)).collect();
                (records, table.provisions.select(&index))
            }
            None => (Vec::new(), ProvisionTable::default()),
        };
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
        for m in &members.spells {
            if !known.contains(&m.state.0) {
                diag.warn(
                    WarningKind::NotInStateList,
                    &Location::new(&member_table.file, m.line),
                    Some(m.state.0.into()),
                );
                missing.insert(m.state);
            }
        }
        states.extend(missing.into_iter().map(|id| State { id, abbr: String::new(), name: String::new() }));
        if !alliances.is_empty() {
            let listed: BTreeSet<u32> = alliances.iter().map(|a| a.id.0).collect();
            for m in members.spells.iter().filter(|m| !listed.contains(&m.alliance.0)) {
                let at = Location::new(&member_table.file, m.line);
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
            extend_to_data_end(&mut system, &index, members.data_end, &state_table.file, &mut diag);
        }
        let dataset = Dataset {
            states: index,
            system,
            members: members.spells,
            alliances,
            data_end: members.data_end,
            member_file: member_table.file,
            member_provisions: member_table.provisions.select(&provision_row),
            alliance_provisions,
            row_filter: None,
            atop_dyads,
        };
        Ok((dataset, diag))
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
