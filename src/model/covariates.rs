//! Covariates of states and dyads, and networks given as dyad-year lists: the inputs of models
//! that explain ties (`--state-covariates`, `--dyad-covariates`, `--network`, `--network-nodes`).
//!
//! Pure data, no I/O: [`crate::io::covariates`] and [`crate::io::network`] read the files.
//!
//! - [`StateCovariates`]: named numeric columns per state-year (a file without `year` gives
//!   every year the same value). An empty cell is missing: [`StateCovariates::value`] is `None`.
//! - [`DyadCovariates`]: named numeric columns per dyad-year (or per dyad for every year),
//!   undirected unless read as directed; a dyad-year absent from the file is 0.
//! - [`YearlyNetworks`]: the ties of each year, undirected.
//! - [`NodeList`]: the states of each year.

use super::state::StateId;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The year key of a row of a file without a `year` column: it applies to every year.
const EVERY_YEAR: i32 = i32::MIN;

/// The key year of `year` in a table that is `yearly` or not.
fn key_year(yearly: bool, year: i32) -> i32 {
    if yearly {
        year
    } else {
        EVERY_YEAR
    }
}

/// A state file's row: state, year (`None` in a file without `year`), one cell per value column.
pub type StateRow = (StateId, Option<i32>, Vec<Option<f64>>);

/// A dyad file's row: the two states, year (`None` without `year`), one cell per value column.
pub type DyadRow = (StateId, StateId, Option<i32>, Vec<Option<f64>>);

/// One `--state-covariates` file: its value columns and one row per state(-year).
#[derive(Debug, Clone, PartialEq)]
pub struct StateTable {
    file: PathBuf,
    names: Vec<String>,
    yearly: bool,
    /// (state, year) per row, sorted, each once; the year is [`EVERY_YEAR`] without `year`.
    keys: Vec<(StateId, i32)>,
    /// Row-major cells, `names.len()` per row; `None` for an empty cell.
    values: Vec<Option<f64>>,
}

impl StateTable {
    /// A table of `rows` ((state, year, cells), `year` `None` in a file without `year`; each key
    /// once, as the reader leaves them; cells as long as `names`).
    pub fn new(file: PathBuf, names: Vec<String>, yearly: bool, mut rows: Vec<StateRow>) -> Self {
        rows.sort_by_key(|r| (r.0, r.1.unwrap_or(EVERY_YEAR)));
        rows.dedup_by_key(|r| (r.0, r.1.unwrap_or(EVERY_YEAR)));
        let width = names.len();
        let mut keys = Vec::with_capacity(rows.len());
        let mut values = Vec::with_capacity(rows.len() * width);
        for (state, year, mut cells) in rows {
            keys.push((state, key_year(yearly, year.unwrap_or(EVERY_YEAR))));
            cells.resize(width, None);
            values.extend(cells);
        }
        StateTable { file, names, yearly, keys, values }
    }

    /// The file's path.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The value columns, in file order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Whether the file has a `year` column.
    pub fn yearly(&self) -> bool {
        self.yearly
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// (state, year) of every row, sorted; `None` for every year (a file without `year`).
    pub fn keys(&self) -> impl Iterator<Item = (StateId, Option<i32>)> + '_ {
        self.keys.iter().map(|&(s, y)| (s, (y != EVERY_YEAR).then_some(y)))
    }

    /// The first and last year of the rows (`None` without `year` or without rows).
    pub fn years(&self) -> Option<std::ops::RangeInclusive<i32>> {
        let years = self.keys.iter().map(|k| k.1).filter(|_| self.yearly);
        years.clone().min().zip(years.max()).map(|(a, b)| a..=b)
    }

    /// The cell of column `col` for `state` in `year`.
    fn get(&self, col: usize, state: StateId, year: i32) -> Option<f64> {
        let row = self.keys.binary_search(&(state, key_year(self.yearly, year))).ok()?;
        self.values[row * self.names.len() + col]
    }
}

/// State covariates from one or more files (`--state-covariates`, in flag order).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StateCovariates {
    files: Vec<PathBuf>,
    tables: Vec<StateTable>,
    /// Every value column, files in order, columns in file order.
    names: Vec<String>,
    /// Per name: (table, column).
    slots: BTreeMap<String, (usize, usize)>,
    /// (table, column) of each of `names`, in order.
    columns: Vec<(usize, usize)>,
}

impl StateCovariates {
    /// The covariates of `tables`.
    ///
    /// # Errors
    /// The first name given by two tables, with the files of both (a name comes from one file).
    pub fn new(tables: Vec<StateTable>) -> Result<Self, DuplicateName> {
        let mut out = StateCovariates::default();
        for (t, table) in tables.iter().enumerate() {
            for (c, name) in table.names.iter().enumerate() {
                if let Some(&(first, _)) = out.slots.get(name) {
                    return Err(DuplicateName {
                        name: name.clone(),
                        first: tables[first].file.clone(),
                        second: table.file.clone(),
                    });
                }
                out.slots.insert(name.clone(), (t, c));
                out.names.push(name.clone());
                out.columns.push((t, c));
            }
            out.files.push(table.file.clone());
        }
        out.tables = tables;
        Ok(out)
    }

    /// Column names, in file order, files in flag order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// [`StateCovariates::value`] of the `k`-th of [`StateCovariates::names`] (no look-up by
    /// name, for loops over many rows); `None` for `k` out of range too.
    pub fn value_at(&self, k: usize, state: StateId, year: i32) -> Option<f64> {
        let &(t, c) = self.columns.get(k)?;
        self.tables[t].get(c, state, year)
    }

    /// Whether a covariate of this name was read (names are case-sensitive, as written).
    pub fn has(&self, name: &str) -> bool {
        self.slots.contains_key(name)
    }

    /// The value of covariate `name` for `state` in `year`: `None` when the name is unknown, the
    /// state-year has no row in its file, or the cell is empty. A file without `year` gives
    /// every year its row's value.
    pub fn value(&self, name: &str, state: StateId, year: i32) -> Option<f64> {
        let &(t, c) = self.slots.get(name)?;
        self.tables[t].get(c, state, year)
    }

    /// The states with a row for `year` in any file (a file without `year` has its states in
    /// every year), sorted, each once: the node set a model takes from the covariates.
    pub fn states(&self, year: i32) -> Vec<StateId> {
        let mut out: Vec<StateId> = self
            .tables
            .iter()
            .flat_map(|t| {
                let y = key_year(t.yearly, year);
                t.keys.iter().filter(move |k| k.1 == y).map(|k| k.0)
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether no file was given.
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty()
    }

    /// The files, in flag order.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// The file that gives covariate `name`.
    pub fn file_of(&self, name: &str) -> Option<&Path> {
        self.slots.get(name).map(|&(t, _)| self.tables[t].file())
    }

    /// The tables, in flag order.
    pub fn tables(&self) -> &[StateTable] {
        &self.tables
    }
}

/// A covariate name given by two files.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("covariate {name:?} is a column of both {} and {}: a covariate comes from one file (rename the column in one of them)", .first.display(), .second.display())]
pub struct DuplicateName {
    /// The name.
    pub name: String,
    /// The file that gave it first.
    pub first: PathBuf,
    /// The file that gave it again.
    pub second: PathBuf,
}

/// One `--dyad-covariates` file: its value columns and one row per dyad(-year).
#[derive(Debug, Clone, PartialEq)]
pub struct DyadTable {
    file: PathBuf,
    names: Vec<String>,
    yearly: bool,
    directed: bool,
    /// (a, b, year) per row, sorted, each once; a < b when undirected; the year is
    /// [`EVERY_YEAR`] without `year`.
    keys: Vec<(StateId, StateId, i32)>,
    /// Row-major cells, `names.len()` per row; `None` for an empty cell.
    values: Vec<Option<f64>>,
}

impl DyadTable {
    /// A table of `rows` ((a, b, year, cells); `year` `None` in a file without `year`; each key
    /// once as the reader leaves them; undirected: a < b).
    pub fn new(file: PathBuf, names: Vec<String>, yearly: bool, directed: bool, mut rows: Vec<DyadRow>) -> Self {
        let key = |r: &DyadRow| {
            let (a, b) = if directed { (r.0, r.1) } else { (r.0.min(r.1), r.0.max(r.1)) };
            (a, b, r.2.unwrap_or(EVERY_YEAR))
        };
        rows.sort_by_key(key);
        rows.dedup_by_key(|r| key(r));
        let width = names.len();
        let mut keys = Vec::with_capacity(rows.len());
        let mut values = Vec::with_capacity(rows.len() * width);
        for r in rows {
            let (a, b, y) = key(&r);
            keys.push((a, b, key_year(yearly, y)));
            let mut cells = r.3;
            cells.resize(width, None);
            values.extend(cells);
        }
        DyadTable { file, names, yearly, directed, keys, values }
    }

    /// The file's path.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The value columns, in file order (the indicator's name for a file without any).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Whether the file has a `year` column.
    pub fn yearly(&self) -> bool {
        self.yearly
    }

    /// Whether rows are directed (a → b only).
    pub fn directed(&self) -> bool {
        self.directed
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The first and last year of the rows (`None` without `year` or without rows).
    pub fn years(&self) -> Option<std::ops::RangeInclusive<i32>> {
        let years = self.keys.iter().map(|k| k.2).filter(|_| self.yearly);
        years.clone().min().zip(years.max()).map(|(a, b)| a..=b)
    }

    /// The cell of column `col` for a → b in `year`: `None` when the dyad-year is not listed,
    /// `Some(None)` for an empty cell.
    fn get(&self, col: usize, a: StateId, b: StateId, year: i32) -> Option<Option<f64>> {
        let (a, b) = if self.directed { (a, b) } else { (a.min(b), a.max(b)) };
        let row = self.keys.binary_search(&(a, b, key_year(self.yearly, year))).ok()?;
        Some(self.values[row * self.names.len() + col])
    }
}

/// Dyad covariates from one or more files (`--dyad-covariates`, in flag order).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DyadCovariates {
    files: Vec<PathBuf>,
    tables: Vec<DyadTable>,
    names: Vec<String>,
    /// Per name: (table, column).
    slots: BTreeMap<String, (usize, usize)>,
    /// (table, column) of each of `names`, in order.
    columns: Vec<(usize, usize)>,
}

impl DyadCovariates {
    /// The covariates of `tables`.
    ///
    /// # Errors
    /// The first name given by two tables.
    pub fn new(tables: Vec<DyadTable>) -> Result<Self, DuplicateName> {
        let mut out = DyadCovariates::default();
        for (t, table) in tables.iter().enumerate() {
            for (c, name) in table.names.iter().enumerate() {
                if let Some(&(first, _)) = out.slots.get(name) {
                    return Err(DuplicateName {
                        name: name.clone(),
                        first: tables[first].file.clone(),
                        second: table.file.clone(),
                    });
                }
                out.slots.insert(name.clone(), (t, c));
                out.names.push(name.clone());
                out.columns.push((t, c));
            }
            out.files.push(table.file.clone());
        }
        out.tables = tables;
        Ok(out)
    }

    /// Column names, in file order, files in flag order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// [`DyadCovariates::get`] of the `k`-th of [`DyadCovariates::names`] (no look-up by name);
    /// `Some(0.0)` for `k` out of range, as for an unknown name.
    pub fn get_at(&self, k: usize, a: StateId, b: StateId, year: i32) -> Option<f64> {
        let Some(&(t, c)) = self.columns.get(k) else { return Some(0.0) };
        self.tables[t].get(c, a, b, year).unwrap_or(Some(0.0))
    }

    /// Whether a covariate of this name was read.
    pub fn has(&self, name: &str) -> bool {
        self.slots.contains_key(name)
    }

    /// The value of covariate `name` for the dyad a–b in `year` (a → b when the files were read
    /// as directed): 0 when the dyad-year is not in its file (or the name is unknown), NaN when
    /// it is listed with an empty cell ([`DyadCovariates::get`] tells the two apart).
    pub fn value(&self, name: &str, a: StateId, b: StateId, year: i32) -> f64 {
        self.get(name, a, b, year).unwrap_or(f64::NAN)
    }

    /// As [`DyadCovariates::value`], with `None` for a listed dyad-year whose cell is empty.
    pub fn get(&self, name: &str, a: StateId, b: StateId, year: i32) -> Option<f64> {
        let Some(&(t, c)) = self.slots.get(name) else { return Some(0.0) };
        self.tables[t].get(c, a, b, year).unwrap_or(Some(0.0))
    }

    /// Whether covariate `name` has an empty cell anywhere (a model cannot use it as it is).
    pub fn has_missing(&self, name: &str) -> bool {
        self.slots.get(name).is_some_and(|&(t, c)| {
            let table = &self.tables[t];
            table.values.iter().skip(c).step_by(table.names.len()).any(Option::is_none)
        })
    }

    /// Whether no file was given.
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty()
    }

    /// The files, in flag order.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// The file that gives covariate `name`.
    pub fn file_of(&self, name: &str) -> Option<&Path> {
        self.slots.get(name).map(|&(t, _)| self.tables[t].file())
    }

    /// The tables, in flag order.
    pub fn tables(&self) -> &[DyadTable] {
        &self.tables
    }
}

/// State and dyad covariates together.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Covariates {
    /// `--state-covariates`.
    pub state: StateCovariates,
    /// `--dyad-covariates`.
    pub dyad: DyadCovariates,
}

impl Covariates {
    /// Whether no covariate file was given.
    pub fn is_empty(&self) -> bool {
        self.state.is_empty() && self.dyad.is_empty()
    }
}

/// The yearly networks of a dyad-year file (`--network`): undirected ties per year.
#[derive(Debug, Clone, PartialEq)]
pub struct YearlyNetworks {
    file: PathBuf,
    /// The first year; `ties[k]` is year `first + k`.
    first: i32,
    /// Per year, its ties (a < b), sorted, each once.
    ties: Vec<Vec<(StateId, StateId)>>,
    /// With a `weight` column: per year, the weight of each tie (parallel to `ties`; `None`
    /// for an empty cell).
    weights: Option<Vec<Vec<Option<f64>>>>,
}

impl YearlyNetworks {
    /// The networks of `rows` ((year, a, b, weight); each undirected dyad-year once as the
    /// reader leaves them). With `weighted` false the weights are dropped.
    pub fn new(file: PathBuf, weighted: bool, mut rows: Vec<(i32, StateId, StateId, Option<f64>)>) -> Self {
        for r in &mut rows {
            if r.1 > r.2 {
                std::mem::swap(&mut r.1, &mut r.2);
            }
        }
        rows.sort_by_key(|r| (r.0, r.1, r.2));
        rows.dedup_by_key(|r| (r.0, r.1, r.2));
        let first = rows.first().map_or(0, |r| r.0);
        let last = rows.last().map_or(first - 1, |r| r.0);
        let years = usize::try_from(last - first + 1).unwrap_or(0);
        let mut ties = vec![Vec::new(); years];
        let mut weights = vec![Vec::new(); years];
        for (year, a, b, w) in rows {
            let k = (year - first) as usize;
            ties[k].push((a, b));
            weights[k].push(w);
        }
        YearlyNetworks { file, first, ties, weights: weighted.then_some(weights) }
    }

    /// Every year from the file's first to its last: a year between them without a row has no ties.
    pub fn years(&self) -> Vec<i32> {
        (0..self.ties.len() as i32).map(|k| self.first + k).collect()
    }

    /// The ties of `year` (a < b), sorted, each once; none for a year outside the file.
    pub fn ties(&self, year: i32) -> &[(StateId, StateId)] {
        self.index(year).map_or(&[], |k| &self.ties[k])
    }

    /// Whether the file has a `weight` column.
    pub fn weighted(&self) -> bool {
        self.weights.is_some()
    }

    /// The weight of the tie a–b in `year`: `None` without a tie, without a `weight` column, or
    /// for an empty weight cell.
    pub fn weight(&self, year: i32, a: StateId, b: StateId) -> Option<f64> {
        let k = self.index(year)?;
        let i = self.ties[k].binary_search(&(a.min(b), a.max(b))).ok()?;
        self.weights.as_ref()?[k][i]
    }

    /// Number of ties over all years.
    pub fn tie_count(&self) -> usize {
        self.ties.iter().map(Vec::len).sum()
    }

    /// The ties of `year` with a state outside `nodes` (sorted): a model on those nodes cannot
    /// hold them.
    pub fn ties_outside(&self, year: i32, nodes: &[StateId]) -> Vec<(StateId, StateId)> {
        let inside = |s: &StateId| nodes.binary_search(s).is_ok();
        self.ties(year).iter().filter(|(a, b)| !inside(a) || !inside(b)).copied().collect()
    }

    /// Whether a and b are tied in `year`.
    pub fn has_tie(&self, year: i32, a: StateId, b: StateId) -> bool {
        self.ties(year).binary_search(&(a.min(b), a.max(b))).is_ok()
    }

    /// The file's path.
    pub fn file(&self) -> &Path {
        &self.file
    }

    fn index(&self, year: i32) -> Option<usize> {
        let k = usize::try_from(year.checked_sub(self.first)?).ok()?;
        (k < self.ties.len()).then_some(k)
    }
}

/// The nodes of `year` for a network: the states of `nodes` when a node list is given, else
/// those with a row in the state covariates that year (sorted, each once).
pub fn node_set(year: i32, nodes: Option<&NodeList>, covariates: &StateCovariates) -> Vec<StateId> {
    match nodes {
        Some(n) => n.states(year),
        None => covariates.states(year),
    }
}

/// The states of each year (`--network-nodes`): a file without `year` gives its states in every year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NodeList {
    file: PathBuf,
    /// (year, state), sorted, each once; [`EVERY_YEAR`] for rows of a file without `year`.
    rows: Vec<(i32, StateId)>,
}

impl NodeList {
    /// The list of `rows` ((year or `None` for every year, state)).
    pub fn new(file: PathBuf, rows: impl IntoIterator<Item = (Option<i32>, StateId)>) -> Self {
        let mut rows: Vec<(i32, StateId)> = rows.into_iter().map(|(y, s)| (y.unwrap_or(EVERY_YEAR), s)).collect();
        rows.sort_unstable();
        rows.dedup();
        NodeList { file, rows }
    }

    /// `4 states in every year`, or `164 states in 1981..2000` (the distinct states, the years).
    pub fn summary(&self) -> String {
        let mut states: Vec<StateId> = self.rows.iter().map(|r| r.1).collect();
        states.sort_unstable();
        states.dedup();
        let years: Vec<i32> = self.rows.iter().map(|r| r.0).filter(|&y| y != EVERY_YEAR).collect();
        let span = match (years.iter().min(), years.iter().max()) {
            (Some(a), Some(b)) => format!("in {a}..{b}"),
            _ => "in every year".to_string(),
        };
        format!("{} states {span}", states.len())
    }

    /// The states of `year`, sorted, each once.
    pub fn states(&self, year: i32) -> Vec<StateId> {
        let of = |y: i32| {
            let lo = self.rows.partition_point(|r| r.0 < y);
            let hi = self.rows.partition_point(|r| r.0 <= y);
            self.rows[lo..hi].iter().map(|r| r.1)
        };
        let mut out: Vec<StateId> = of(EVERY_YEAR)
            .chain(if year == EVERY_YEAR { None } else { Some(of(year)) }.into_iter().flatten())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The file's path.
    pub fn file(&self) -> &Path {
        &self.file
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(c: u16) -> StateId {
        StateId(c)
    }

    #[test]
    fn state_values_by_year_and_for_every_year() {
        let yearly = StateTable::new(
            "sy.csv".into(),
            vec!["cinc".into(), "polity".into()],
            true,
            vec![(s(20), Some(1981), vec![Some(0.5), None]), (s(2), Some(1981), vec![Some(0.1), Some(10.0)])],
        );
        let fixed =
            StateTable::new("region.csv".into(), vec!["west".into()], false, vec![(s(2), None, vec![Some(1.0)])]);
        let c = StateCovariates::new(vec![yearly, fixed]).unwrap();
        assert_eq!(c.names(), ["cinc", "polity", "west"]);
        assert!(c.has("polity") && !c.has("Polity"));
        assert_eq!(c.value("cinc", s(2), 1981), Some(0.1));
        assert_eq!(c.value("polity", s(20), 1981), None);
        assert_eq!(c.value("cinc", s(2), 1982), None);
        assert_eq!(c.value("west", s(2), 1700), Some(1.0));
        assert_eq!(c.value("west", s(20), 1981), None);
        assert_eq!(c.states(1981), [s(2), s(20)]);
        assert_eq!(c.states(1990), [s(2)]);
        assert_eq!(c.files(), [PathBuf::from("sy.csv"), PathBuf::from("region.csv")]);
        let again = StateTable::new("b.csv".into(), vec!["cinc".into()], true, vec![]);
        let e = StateCovariates::new(vec![c.tables()[0].clone(), again]).unwrap_err();
        assert_eq!(e.name, "cinc");
        assert_eq!(e.second, PathBuf::from("b.csv"));
    }

    #[test]
    fn dyad_values_are_zero_when_absent_and_symmetric_unless_directed() {
        let rows = vec![(s(20), s(2), None, vec![Some(1.0)]), (s(2), s(40), None, vec![None])];
        let t = DyadTable::new("contig.csv".into(), vec!["contig".into()], false, false, rows.clone());
        let d = DyadCovariates::new(vec![t]).unwrap();
        assert_eq!(d.value("contig", s(2), s(20), 1981), 1.0);
        assert_eq!(d.value("contig", s(20), s(2), 1700), 1.0);
        assert_eq!(d.value("contig", s(2), s(200), 1981), 0.0);
        assert!(d.value("contig", s(40), s(2), 1981).is_nan());
        assert_eq!(d.get("contig", s(40), s(2), 1981), None);
        assert_eq!(
            (d.get_at(0, s(2), s(20), 1), d.get_at(0, s(40), s(2), 1), d.get_at(1, s(2), s(20), 1)),
            (Some(1.0), None, Some(0.0))
        );
        assert!(d.has_missing("contig"));
        let t = DyadTable::new("contig.csv".into(), vec!["contig".into()], false, true, rows);
        let d = DyadCovariates::new(vec![t]).unwrap();
        assert_eq!(d.value("contig", s(20), s(2), 1981), 1.0);
        assert_eq!(d.value("contig", s(2), s(20), 1981), 0.0);
    }

    #[test]
    fn networks_are_undirected_per_year_with_empty_years_between() {
        let rows = vec![(1982, s(20), s(2), Some(2.0)), (1980, s(2), s(200), None), (1982, s(2), s(200), Some(1.0))];
        let n = YearlyNetworks::new("net.csv".into(), true, rows);
        assert_eq!(n.years(), [1980, 1981, 1982]);
        assert_eq!(n.ties(1982), [(s(2), s(20)), (s(2), s(200))]);
        assert!(n.ties(1981).is_empty() && n.ties(1979).is_empty() && n.ties(i32::MIN).is_empty());
        assert_eq!(n.weight(1982, s(20), s(2)), Some(2.0));
        assert_eq!(n.weight(1980, s(2), s(200)), None);
        assert!(n.has_tie(1980, s(200), s(2)));
        let nodes = NodeList::new("n.csv".into(), [(Some(1981), s(20)), (None, s(2)), (Some(1981), s(20))]);
        assert_eq!(nodes.states(1981), [s(2), s(20)]);
        assert_eq!(nodes.states(1982), [s(2)]);
        assert_eq!(nodes.summary(), "2 states in 1981..1981");
        assert_eq!(n.ties_outside(1982, &nodes.states(1982)), [(s(2), s(20)), (s(2), s(200))]);
        assert_eq!(n.ties_outside(1982, &[s(2), s(20), s(200)]), []);
        assert_eq!(node_set(1982, Some(&nodes), &StateCovariates::default()), [s(2)]);
        assert!(node_set(1982, None, &StateCovariates::default()).is_empty());
    }
}
