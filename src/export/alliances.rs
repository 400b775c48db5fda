//! One alliance's whole record (`pactnet alliance ID`) and the alliance-level table
//! (`export alliances`), with every provision of the member and alliance files.
//!
//! The record lists the phases, the members of each with their dates and own obligations, and
//! every provision in the coding sheet's sections ([`crate::model::codebook`]): a member-file
//! column whose value is the same on all the alliance's rows is shown once, otherwise per row;
//! an alliance-file column is shown (as `alliance.NAME`) when the member file lacks it or the
//! member rows' common value differs from it.

use crate::dataset::Dataset;
use crate::io::table::{Cell, RowSink, Table};
use crate::model::codebook::{self, Section};
use crate::model::{AllianceId, ObligationSet, ProvisionTable};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Member-file columns that identify or date a row; they are shown as the member list, not as
/// provisions.
const ROW_COLUMNS: [&str; 9] = ["atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit", "phase"];

pub(crate) use crate::names::static_name;

/// One provision of an alliance: the column and its value(s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provision {
    /// Column name, lower case; `alliance.` columns come from the alliance file.
    pub name: String,
    /// From the alliance file (else the member file).
    pub alliance_file: bool,
    /// The value when all rows agree (`None` inside: an empty cell).
    pub value: Option<Option<i32>>,
    /// Per member row (index into the record's rows), when rows differ.
    pub per_row: Vec<Option<i32>>,
}

/// The whole record of one alliance.
#[derive(Debug, Clone)]
pub struct AllianceDetail<'d> {
    data: &'d Dataset,
    /// The alliance.
    pub id: AllianceId,
    /// Its member rows (indices into `data.members`), by (phase, entry, ccode).
    pub rows: Vec<usize>,
    /// Its row of the alliance file, if one was loaded and lists it.
    pub alliance_row: Option<usize>,
}

impl<'d> AllianceDetail<'d> {
    /// The record of `id`, or `None` when no member row has it.
    pub fn new(data: &'d Dataset, id: AllianceId) -> Option<Self> {
        let mut rows: Vec<usize> = (0..data.members.len()).filter(|&i| data.members[i].alliance == id).collect();
        if rows.is_empty() {
            return None;
        }
        rows.sort_by_key(|&i| {
            let m = &data.members[i];
            (m.phase, m.span.start(), m.state)
        });
        let alliance_row = data.alliances.iter().position(|a| a.id == id);
        Some(AllianceDetail { data, id, rows, alliance_row })
    }

    /// Every provision, grouped by section in sheet order, columns in file order within one.
    pub fn provisions(&self) -> Vec<(Section, Vec<Provision>)> {
        let mut by_section: BTreeMap<Section, Vec<Provision>> = BTreeMap::new();
        let section = |name: &str| codebook::variable(name).map_or(Section::Other, |v| v.section);
        let member = &self.data.member_provisions;
        for (c, name) in member.columns().iter().enumerate() {
            if ROW_COLUMNS.contains(&&**name) {
                continue;
            }
            let values: Vec<Option<i32>> = self.rows.iter().map(|&r| member.get(r, c)).collect();
            let same = values.windows(2).all(|w| w[0] == w[1]);
            let p = Provision {
                name: name.to_string(),
                alliance_file: false,
                value: same.then(|| values.first().copied().flatten()),
                per_row: if same { Vec::new() } else { values },
            };
            by_section.entry(section(name)).or_default().push(p);
        }
        if let Some(r) = self.alliance_row {
            let table = &self.data.alliance_provisions;
            // An alliance-file column is shown when the member rows lack it or say otherwise.
            let member_value: BTreeMap<String, Option<Option<i32>>> =
                by_section.values().flatten().map(|p| (p.name.clone(), p.value)).collect();
            for (c, name) in table.columns().iter().enumerate() {
                if name.as_ref() == "atopid" || is_member_list(name) {
                    continue;
                }
                if member_value.get(&**name).is_some_and(|v| *v == Some(table.get(r, c))) {
                    continue;
                }
                let p = Provision {
                    name: name.to_string(),
                    alliance_file: true,
                    value: Some(table.get(r, c)),
                    per_row: Vec::new(),
                };
                by_section.entry(section(name)).or_default().push(p);
            }
        }
        by_section.into_iter().collect()
    }

    /// The distinct phases, in order.
    pub fn phases(&self) -> Vec<u16> {
        let mut p: Vec<u16> = self.rows.iter().map(|&r| self.data.members[r].phase).collect();
        p.dedup();
        p
    }

    fn state_label(&self, row: usize) -> String {
        let m = &self.data.members[row];
        let st = self.data.states.state(self.data.member_index(m));
        if st.abbr.is_empty() {
            format!("({})", m.state.0)
        } else {
            format!("{} ({}) {}", st.abbr, m.state.0, st.name)
        }
    }

    /// The member's abbreviation, or its code when it has none.
    fn short_label(&self, row: usize) -> String {
        let m = &self.data.members[row];
        let st = self.data.states.state(self.data.member_index(m));
        if st.abbr.is_empty() {
            m.state.0.to_string()
        } else {
            st.abbr.clone()
        }
    }

    /// The exit date of a row as ATOP codes it (the first day out), or `in force`.
    fn exit_text(&self, row: usize) -> String {
        if self.data.in_force(row) {
            "in force".to_string()
        } else {
            self.data.members[row].span.end().to_string()
        }
    }

    /// Writes the record as text: header, phases with members, then each section.
    ///
    /// # Errors
    /// The writer's I/O errors.
    pub fn write_text(&self, out: &mut dyn Write) -> io::Result<()> {
        let source = self.data.source.name();
        writeln!(
            out,
            "{source} alliance {}: {} member rows, {} phase(s)",
            self.id,
            self.rows.len(),
            self.phases().len()
        )?;
        writeln!(out)?;
        writeln!(out, "Phases and members (entry .. exit as {source} dates them, own obligations)")?;
        for phase in self.phases() {
            writeln!(out, "  phase {phase}")?;
            for &r in self.rows.iter().filter(|&&r| self.data.members[r].phase == phase) {
                let m = &self.data.members[r];
                writeln!(
                    out,
                    "    {:<32} {} .. {:<10}  {}",
                    self.state_label(r),
                    m.span.start(),
                    self.exit_text(r),
                    obligations(m.obligations)
                )?;
            }
        }
        for (section, provisions) in self.provisions() {
            writeln!(out)?;
            writeln!(out, "{}", section.title())?;
            for p in provisions {
                let var = codebook::variable(&p.name);
                let name = if p.alliance_file { format!("alliance.{}", p.name) } else { p.name.clone() };
                let q = var.and_then(|v| v.question).map_or(String::new(), |q| format!(" [sheet Q{q}]"));
                let desc = var.map_or("", |v| v.description);
                match p.value {
                    Some(v) => writeln!(out, "  {name:<17} {:<28} {desc}{q}", value_text(&p.name, v))?,
                    None => {
                        writeln!(out, "  {name:<17} {:<28} {desc}{q}", "varies:")?;
                        for phase in self.phases() {
                            let in_phase: Vec<(usize, Option<i32>)> = self
                                .rows
                                .iter()
                                .zip(&p.per_row)
                                .filter(|(&r, _)| self.data.members[r].phase == phase)
                                .map(|(&r, v)| (r, *v))
                                .collect();
                            if in_phase.windows(2).all(|w| w[0].1 == w[1].1) {
                                let v = in_phase.first().and_then(|x| x.1);
                                writeln!(out, "      phase {phase}: {}", value_text(&p.name, v))?;
                            } else {
                                // the most common value, then the rows that differ from it
                                let mut counts: BTreeMap<Option<i32>, usize> = BTreeMap::new();
                                for (_, v) in &in_phase {
                                    *counts.entry(*v).or_default() += 1;
                                }
                                let common = counts.iter().max_by_key(|(v, n)| (**n, std::cmp::Reverse(**v)));
                                let common = common.and_then(|(v, _)| *v);
                                let others: Vec<String> = in_phase
                                    .iter()
                                    .filter(|(_, v)| *v != common)
                                    .map(|&(r, v)| format!("{} {}", self.short_label(r), value_text(&p.name, v)))
                                    .collect();
                                let common = value_text(&p.name, common);
                                writeln!(out, "      phase {phase}: {common}, except {}", others.join(", "))?;
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The record as JSON: `atopid`, `phases` (each with its members), and `sections` (each with
    /// its variables: name, file, value or per-row values, label, description, question).
    pub fn to_json(&self) -> Value {
        let phases: Vec<Value> = self
            .phases()
            .into_iter()
            .map(|phase| {
                let members: Vec<Value> = self
                    .rows
                    .iter()
                    .filter(|&&r| self.data.members[r].phase == phase)
                    .map(|&r| {
                        let m = &self.data.members[r];
                        let st = self.data.states.state(self.data.member_index(m));
                        json!({
                            "ccode": m.state.0, "abbr": st.abbr, "name": st.name, "line": m.line,
                            "entry": m.span.start().to_string(), "exit": m.span.end().to_string(),
                            "in_force": self.data.in_force(r),
                            "obligations": m.obligations.iter().map(|o| o.name()).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                json!({ "phase": phase, "members": members })
            })
            .collect();
        let sections: Vec<Value> = self
            .provisions()
            .into_iter()
            .map(|(section, provisions)| {
                let vars: Vec<Value> = provisions
                    .iter()
                    .map(|p| {
                        let var = codebook::variable(&p.name);
                        let mut v = json!({
                            "name": p.name,
                            "file": if p.alliance_file { "alliance" } else { "member" },
                            "description": var.map(|v| v.description),
                            "question": var.and_then(|v| v.question),
                        });
                        match p.value {
                            Some(x) => {
                                v["value"] = json!(x);
                                v["label"] = json!(x.and_then(|x| var.and_then(|v| v.label(x))));
                            }
                            None => {
                                v["values"] = p
                                    .per_row
                                    .iter()
                                    .zip(&self.rows)
                                    .map(|(x, &r)| {
                                        let m = &self.data.members[r];
                                        json!({ "phase": m.phase, "ccode": m.state.0, "value": x,
                                                "label": x.and_then(|x| var.and_then(|v| v.label(x))) })
                                    })
                                    .collect();
                            }
                        }
                        v
                    })
                    .collect();
                json!({ "section": section.title(), "variables": vars })
            })
            .collect();
        json!({ "atopid": self.id.0, "phases": phases, "sections": sections })
    }
}

/// `mem1` … `mem59` of the alliance file (its member list, shown as members instead).
fn is_member_list(name: &str) -> bool {
    name.strip_prefix("mem").is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

fn obligations(set: ObligationSet) -> String {
    set.to_string()
}

/// `2 (label)`, `1`, or `missing`.
fn value_text(name: &str, v: Option<i32>) -> String {
    match v {
        None => "missing".to_string(),
        Some(x) => match codebook::variable(name).and_then(|var| var.label(x)) {
            Some(l) => format!("{x} ({l})"),
            None => x.to_string(),
        },
    }
}

/// The alliance-level table: one row per alliance, sorted by atopid.
///
/// Columns: `atopid` (`version4id` for COW Formal Alliances alone), `begin` and `end` (first
/// entry and last exit over its member rows, as ATOP dates them; `end` empty while in force: an
/// ATOP row with `yrexit` 0, a COW row without an end date), `phases`, `members` (COW codes, space-separated, ascending),
/// `n_members`, `types` (`defense+…`, the union of the members' obligations), then every
/// provision: the alliance file's columns when it is loaded (by their own names, its
/// `mem1..mem59` list left out), then each member-file column the alliance file lacks, as the
/// largest value over the alliance's member rows (empty when all are empty).
#[derive(Debug)]
pub struct AllianceTable<'d> {
    data: &'d Dataset,
    /// Per alliance, its member rows.
    groups: Vec<(AllianceId, Vec<usize>)>,
    /// Alliance-file columns shown, with their positions.
    alliance_cols: Vec<(usize, &'static str)>,
    /// Member-file columns shown, with their positions.
    member_cols: Vec<(usize, &'static str)>,
    /// Per alliance id, its row of the alliance file.
    alliance_rows: BTreeMap<AllianceId, usize>,
}

impl<'d> AllianceTable<'d> {
    /// The table of `data`.
    pub fn new(data: &'d Dataset) -> Self {
        let mut groups: BTreeMap<AllianceId, Vec<usize>> = BTreeMap::new();
        for (i, m) in data.members.iter().enumerate() {
            groups.entry(m.alliance).or_default().push(i);
        }
        let fixed = ["atopid", "begin", "end", "phases", "members", "n_members", "types"];
        let alliance_cols: Vec<(usize, &'static str)> = data
            .alliance_provisions
            .columns()
            .iter()
            .enumerate()
            .filter(|(_, n)| !is_member_list(n) && !fixed.contains(&&***n))
            .map(|(c, n)| (c, static_name(n)))
            .collect();
        let member_cols: Vec<(usize, &'static str)> = data
            .member_provisions
            .columns()
            .iter()
            .enumerate()
            .filter(|(_, n)| !ROW_COLUMNS.contains(&&***n) && !fixed.contains(&&***n))
            .filter(|(_, n)| data.alliance_provisions.column(n).is_none())
            .map(|(c, n)| (c, static_name(n)))
            .collect();
        let mut alliance_rows = BTreeMap::new();
        for (i, a) in data.alliances.iter().enumerate() {
            alliance_rows.entry(a.id).or_insert(i);
        }
        AllianceTable { data, groups: groups.into_iter().collect(), alliance_cols, member_cols, alliance_rows }
    }
}

/// The largest non-empty value of column `c` over `rows`.
pub(crate) fn largest(table: &ProvisionTable, rows: impl IntoIterator<Item = usize>, c: usize) -> Option<i32> {
    rows.into_iter().filter_map(|r| table.get(r, c)).max()
}

impl Table for AllianceTable<'_> {
    fn columns(&self) -> Vec<&'static str> {
        let id = if self.data.source == crate::MemberSource::Cow { "version4id" } else { "atopid" };
        let mut c = vec![id, "begin", "end", "phases", "members", "n_members", "types"];
        c.extend(self.alliance_cols.iter().map(|(_, n)| *n));
        c.extend(self.member_cols.iter().map(|(_, n)| *n));
        c
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> io::Result<()> {
        let data = self.data;
        for (id, rows) in &self.groups {
            let members = rows.iter().map(|&r| &data.members[r]);
            let begin = members.clone().map(|m| m.span.start()).min();
            let in_force = rows.iter().any(|&r| data.in_force(r));
            let end = if in_force { None } else { members.clone().map(|m| m.span.end()).max() };
            let mut phases: Vec<u16> = members.clone().map(|m| m.phase).collect();
            phases.sort_unstable();
            phases.dedup();
            let mut codes: Vec<u16> = members.clone().map(|m| m.state.0).collect();
            codes.sort_unstable();
            codes.dedup();
            let types = members.fold(ObligationSet::EMPTY, |s, m| s.union(m.obligations));
            sink.cell(Cell::Int(i64::from(id.0)))?;
            for date in [begin, end] {
                // A missing date (an alliance still in force has no end): empty in CSV, null in JSON.
                match date {
                    Some(d) => sink.cell(Cell::Text(&d.to_string()))?,
                    None => sink.cell(Cell::Missing)?,
                }
            }
            sink.cell(Cell::Int(phases.len() as i64))?;
            let list: Vec<String> = codes.iter().map(u16::to_string).collect();
            sink.cell(Cell::List(&list, ' '))?;
            sink.cell(Cell::Int(codes.len() as i64))?;
            sink.cell(Cell::Text(&types.to_string()))?;
            let arow = self.alliance_rows.get(id);
            for (c, _) in &self.alliance_cols {
                write_opt(sink, arow.and_then(|&r| data.alliance_provisions.get(r, *c)))?;
            }
            for (c, _) in &self.member_cols {
                write_opt(sink, largest(&data.member_provisions, rows.iter().copied(), *c))?;
            }
            sink.end_row()?;
        }
        Ok(())
    }
}

/// An integer cell, or an empty one.
pub(crate) fn write_opt(sink: &mut dyn RowSink, v: Option<i32>) -> io::Result<()> {
    match v {
        Some(v) => sink.cell(Cell::Int(i64::from(v))),
        None => sink.cell(Cell::Missing),
    }
}
