//! Provision columns of a dyad in a period (`export dyadyears|graphml|json --provisions`).
//!
//! Rule: a provision's value for states a and b in a period is the largest value over the
//! member rows of a and of b in the alliances that tie them in the period (those behind the
//! dyad's row or edge), among those rows in force on a day of the period; for an alliance-file
//! column (`alliance.NAME`), the largest over those alliances' rows of the alliance file. Empty
//! when every such cell is empty, or when the dyad has no tie. "Largest" reads ATOP's ordinal
//! codes as increasing strength (e.g. `milcon` 3 over 2, `base` 3 over 0).

use crate::dataset::Dataset;
use crate::filter::{resolve, Column, ColumnError, Slot, Source};
use crate::model::{AllianceId, DateSpan, DenseIndex};
use std::collections::BTreeMap;

/// The requested provision columns of a data set, ready for dyad look-ups.
#[derive(Debug, Clone)]
pub struct DyadProvisions<'d> {
    data: &'d Dataset,
    /// Output names (`intcom`, `alliance_hinst`) and resolved columns, in request order.
    columns: Vec<(&'static str, Slot)>,
    /// Member rows by (alliance, state).
    rows: BTreeMap<(AllianceId, DenseIndex), Vec<usize>>,
    /// Alliance-file row by alliance.
    alliance_rows: BTreeMap<AllianceId, usize>,
}

impl<'d> DyadProvisions<'d> {
    /// Resolves `names` (`NAME` of the member file, `alliance.NAME` of the alliance file).
    ///
    /// # Errors
    /// [`ColumnError`] for a column the data lacks (naming the closest ones).
    pub fn new(data: &'d Dataset, names: &[String]) -> Result<Self, ColumnError> {
        let mut columns = Vec::with_capacity(names.len());
        for n in names {
            let c = Column::parse(n);
            let slot = resolve(&c, data)?;
            let out = match c.source {
                Source::Member => c.name.clone(),
                Source::Alliance => format!("alliance_{}", c.name),
            };
            columns.push((super::alliances::static_name(&out), slot));
        }
        let mut rows: BTreeMap<(AllianceId, DenseIndex), Vec<usize>> = BTreeMap::new();
        for (i, m) in data.members.iter().enumerate() {
            rows.entry((m.alliance, data.member_index(m))).or_default().push(i);
        }
        let mut alliance_rows = BTreeMap::new();
        for (i, a) in data.alliances.iter().enumerate() {
            alliance_rows.entry(a.id).or_insert(i);
        }
        Ok(DyadProvisions { data, columns, rows, alliance_rows })
    }

    /// The output column names, in order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.columns.iter().map(|(n, _)| *n)
    }

    /// Whether no provision was requested.
    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }

    /// The values of states `a` and `b` tied by `alliances` during `period` (see the module docs).
    pub fn values(&self, a: DenseIndex, b: DenseIndex, alliances: &[AllianceId], period: DateSpan) -> Vec<Option<i32>> {
        let data = self.data;
        self.columns
            .iter()
            .map(|(_, slot)| {
                let mut best: Option<i32> = None;
                for &id in alliances {
                    let v = match *slot {
                        Slot::Member(c) => [a, b]
                            .iter()
                            .filter_map(|&s| self.rows.get(&(id, s)))
                            .flatten()
                            .filter(|&&r| data.members[r].span.overlaps(period))
                            .filter_map(|&r| data.member_provisions.get(r, c))
                            .max(),
                        Slot::Alliance(c) => {
                            self.alliance_rows.get(&id).and_then(|&r| data.alliance_provisions.get(r, c))
                        }
                    };
                    best = best.max(v);
                }
                best
            })
            .collect()
    }
}
