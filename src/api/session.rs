//! Loading as every front end loads: which files make the data (ATOP, COW alone, or both
//! combined), reading and validating them, the `--where` filter, the multigraph and the timeline
//! (with `--window`). The command line, the Python package and the R package all build a
//! [`LoadRequest`] and call [`LoadRequest::open`], so the same arguments give the same network and
//! the same refusals, word for word.

use crate::filter::{Expr, Filter};
use crate::graph::multigraph::GraphError;
use crate::io::Source;
use crate::{
    AllianceGraph, Dataset, Diagnostics, ExtraInputs, Inputs, LoadOptions, MemberSource, SystemFilter, Timeline,
    YearRule,
};
use std::path::{Path, PathBuf};

/// How a front end spells the load's arguments, so that a refusal names what its user typed:
/// `--cow-alliances` on the command line, `cow_alliances` in Python and R.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Spelling {
    /// The command line's flags: `--combine-sources`.
    #[default]
    Cli,
    /// Python's keyword arguments: `combine_sources=True`.
    Python,
    /// R's arguments: `combine_sources = TRUE`.
    R,
}

impl Spelling {
    /// The argument named `name` (the library's snake_case field name): `--cow-alliances` or
    /// `cow_alliances`.
    pub fn arg(self, name: &str) -> String {
        match self {
            Spelling::Cli => format!("--{}", name.replace('_', "-")),
            Spelling::Python | Spelling::R => name.to_string(),
        }
    }

    /// The argument `name` where a file is asked for: `--states FILE`, `states`.
    pub fn file(self, name: &str) -> String {
        match self {
            Spelling::Cli => format!("{} FILE", self.arg(name)),
            Spelling::Python | Spelling::R => name.to_string(),
        }
    }

    /// The switch `name` turned on: `--combine-sources`, `combine_sources=True`,
    /// `combine_sources = TRUE`.
    pub fn on(self, name: &str) -> String {
        match self {
            Spelling::Cli => self.arg(name),
            Spelling::Python => format!("{name}=True"),
            Spelling::R => format!("{name} = TRUE"),
        }
    }

    /// A usage error for a choice argument (`system`, `year_rule`, `system_end`) whose value is
    /// not one of its names, or the choice.
    ///
    /// # Errors
    /// [`SessionError::Usage`]: `system: unknown system filter "x": expected one of cow, none, atop`.
    pub fn choice<T>(self, name: &str, value: &str) -> Result<T, SessionError>
    where
        T: std::str::FromStr<Err = crate::names::UnknownName>,
    {
        value.parse().map_err(|e| SessionError::Usage(format!("{}: {e}", self.arg(name))))
    }

    /// The `--where` expression (`where` in Python and R) parsed, or a usage error naming it.
    ///
    /// # Errors
    /// [`SessionError::Filter`] with the parser's message.
    pub fn filter(self, text: &str) -> Result<Expr, SessionError> {
        crate::filter::parse(text).map_err(|e| SessionError::Filter(format!("{}: {e}", self.arg("where"))))
    }
}

/// What to load and how: the files (none: the embedded sample) and the CLI's global flags.
#[derive(Debug, Clone)]
pub struct LoadRequest {
    /// ATOP's member file (`--members`).
    pub members: Option<PathBuf>,
    /// The COW state list (`--states`).
    pub states: Option<PathBuf>,
    /// ATOP's alliance file (`--alliances`).
    pub alliances: Option<PathBuf>,
    /// COW Formal Alliances by member (`--cow-alliances`): alone with `states`, or added to ATOP's
    /// rows with `combine_sources`.
    pub cow_alliances: Option<PathBuf>,
    /// Add the COW rows to ATOP's (`--combine-sources`): treaties both code count twice.
    pub combine_sources: bool,
    /// A directory of ATOP coding sheets (`--codesheets DIR`), read in file-name order.
    pub codesheets: Option<PathBuf>,
    /// ATOP's directed dyad-year file (`--atop-dyads`).
    pub atop_dyads: Option<PathBuf>,
    /// Reading options (`--data-end`, `--lenient`, `--system-end`).
    pub options: LoadOptions,
    /// Which member rows take part (`--where`).
    pub filter: Option<Expr>,
    /// Who counts when (`--system`).
    pub system: SystemFilter,
    /// Which spells make a year (`--year-rule`).
    pub year_rule: YearRule,
    /// Years per window (`--window`); 1: single years.
    pub window: u32,
    /// Most multigraph edges the build may make (`--max-edges`; default
    /// [`MAX_EDGES`](crate::graph::multigraph::MAX_EDGES)).
    pub max_edges: usize,
    /// How the front end spells the arguments named in refusals.
    pub spelling: Spelling,
}

impl Default for LoadRequest {
    fn default() -> Self {
        LoadRequest {
            members: None,
            states: None,
            alliances: None,
            cow_alliances: None,
            combine_sources: false,
            codesheets: None,
            atop_dyads: None,
            options: LoadOptions::default(),
            filter: None,
            system: SystemFilter::Cow,
            year_rule: YearRule::Any,
            window: 1,
            max_edges: crate::graph::multigraph::MAX_EDGES,
            spelling: Spelling::Cli,
        }
    }
}

/// Why a load did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// Arguments that do not go together (a usage error: exit 2 in the CLI).
    #[error("{0}")]
    Usage(String),
    /// A file that cannot be read or data that breaks the data model's rules.
    #[error(transparent)]
    Data(#[from] crate::Error),
    /// The `--where` expression does not parse or names something the data does not have (a
    /// usage error); the message starts with the argument's name.
    #[error("{0}")]
    Filter(String),
    /// The coding-sheet directory cannot be listed (an I/O error).
    #[error("{}: cannot list the coding sheets: {error}", dir.display())]
    CodesheetDir {
        /// The directory given.
        dir: PathBuf,
        /// Why it cannot be listed.
        error: std::io::Error,
    },
    /// The multigraph would pass `max_edges`.
    #[error(transparent)]
    Graph(#[from] GraphError),
}

/// The loaded data: the multigraph, its timeline and what the load noticed.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The typed, dated multigraph.
    pub graph: AllianceGraph,
    /// The years (or windows) and who counts in each.
    pub timeline: Timeline,
    /// Warnings and counted quirks of the load.
    pub diagnostics: Diagnostics,
    /// The member and state files as read (the sample's names when none was given).
    pub inputs: Inputs,
    /// Whether the data is the embedded sample.
    pub sample: bool,
    /// The `--where` filter as applied, if any.
    pub filter: Option<Filter>,
}

impl LoadRequest {
    /// Whether the network is COW Formal Alliances alone (COW file and state list, no ATOP).
    pub fn cow_alone(&self) -> bool {
        self.members.is_none() && self.cow_alliances.is_some() && !self.combine_sources
    }

    /// Where the member rows come from.
    pub fn source(&self) -> MemberSource {
        match (self.cow_alone(), self.cow_alliances.is_some()) {
            (true, _) => MemberSource::Cow,
            (false, true) => MemberSource::Combined,
            (false, false) => MemberSource::Atop,
        }
    }

    /// Checks the arguments that go together (no file is read): the files (`members` with
    /// `states`; COW alone; `combine_sources`), `window` and `data_end`.
    ///
    /// # Errors
    /// [`SessionError::Usage`] with the message every front end shows, in its own spelling.
    pub fn check(&self) -> Result<(), SessionError> {
        let usage = |m: String| Err(SessionError::Usage(m));
        let sp = self.spelling;
        let (arg, file) = (|n: &str| sp.arg(n), |n: &str| sp.file(n));
        if self.window == 0 {
            return usage(format!("{} 0: expected a number of years, 1 or more", arg("window")));
        }
        if let Some(y) = self.options.data_end.filter(|y| !(1000..=2100).contains(y)) {
            return usage(format!("{} {y}: expected a year in 1000..=2100", arg("data_end")));
        }
        match (&self.cow_alliances, &self.members, self.combine_sources) {
            (Some(cow), Some(m), false) => {
                return usage(format!(
                    "{} {} and {} {} would count most alliances twice: ATOP and COW Formal Alliances code largely the same treaties (a treaty coded by both becomes two alliances, so tie weights, alliance counts and degrees double). Give one of them, or add {} if the double counting is wanted",
                    arg("members"),
                    m.display(),
                    arg("cow_alliances"),
                    cow.display(),
                    sp.on("combine_sources")
                ))
            }
            (Some(_), None, false) => return self.check_cow_alone(),
            (None, _, true) => {
                return usage(format!(
                    "{} adds COW rows to the ATOP rows: it needs {}",
                    sp.on("combine_sources"),
                    file("cow_alliances")
                ))
            }
            // ATOP alone, or combined with the member file or (without it) the embedded sample.
            _ => {}
        }
        match (&self.members, &self.states, &self.alliances) {
            (Some(_), None, _) => {
                usage(format!("{} needs {} (the COW state-system list) too", arg("members"), file("states")))
            }
            (None, Some(_), _) => {
                usage(format!("{} needs {} (the ATOP member-level file) too", arg("states"), file("members")))
            }
            (None, None, Some(_)) => {
                usage(format!("{} needs {} and {} too", arg("alliances"), file("members"), file("states")))
            }
            _ => Ok(()),
        }
    }

    /// The arguments of a COW-alone load (`cow_alliances` without `members`).
    fn check_cow_alone(&self) -> Result<(), SessionError> {
        let sp = self.spelling;
        let (arg, file) = (|n: &str| sp.arg(n), |n: &str| sp.file(n));
        if self.states.is_none() {
            return Err(SessionError::Usage(format!(
                "{} without {} builds the network from COW alone: it needs {} (the COW state-system list) too",
                arg("cow_alliances"),
                arg("members"),
                file("states")
            )));
        }
        let alone = |name: &str, what: &str, with: String| {
            Err(SessionError::Usage(format!("{} {what}: it goes with {with}, not with COW alone", arg(name))))
        };
        if self.alliances.is_some() {
            return alone("alliances", "is ATOP's alliance-level file", arg("members"));
        }
        if self.codesheets.is_some() {
            return alone("codesheets", "adds ATOP coding sheets", arg("members"));
        }
        if self.atop_dyads.is_some() {
            return alone(
                "atop_dyads",
                "is ATOP's directed dyad-year file",
                format!("{} (ATOP's member file)", arg("members")),
            );
        }
        Ok(())
    }

    /// The member and state files (the embedded sample when none is given), or why the
    /// arguments do not go together ([`LoadRequest::check`]).
    ///
    /// # Errors
    /// [`SessionError::Usage`] with the message every front end shows.
    pub fn inputs(&self) -> Result<Inputs, SessionError> {
        self.check()?;
        Ok(match (&self.members, &self.states, &self.cow_alliances) {
            (Some(m), Some(s), _) => Inputs {
                members: Source::File(m.clone()),
                states: Source::File(s.clone()),
                alliances: self.alliances.clone().map(Source::File),
            },
            (None, Some(s), Some(cow)) => {
                Inputs { members: Source::File(cow.clone()), states: Source::File(s.clone()), alliances: None }
            }
            _ => Inputs::sample(),
        })
    }

    /// Paths that outputs must never overwrite: the files given and the coding sheets in the
    /// directory (a directory that cannot be listed adds none: the load refuses it anyway).
    pub fn input_paths(&self) -> Vec<PathBuf> {
        let files = [&self.members, &self.states, &self.alliances, &self.cow_alliances, &self.atop_dyads];
        let sheets = self.codesheets.as_deref().and_then(|dir| codesheet_files(dir).ok()).unwrap_or_default();
        let sheets = sheets.into_iter().filter_map(|s| match s {
            Source::File(p) => Some(p),
            _ => None,
        });
        files.into_iter().flatten().cloned().chain(sheets).collect()
    }

    /// Reads and validates the files: the data set before the filter and the multigraph.
    ///
    /// # Errors
    /// The arguments' [`SessionError::Usage`]; the library's load errors.
    pub fn read(&self) -> Result<(Dataset, Diagnostics, Inputs), SessionError> {
        let inputs = self.inputs()?;
        let (data, diagnostics) = if self.cow_alone() {
            Dataset::load_cow(&inputs.members, &inputs.states, &self.options)?
        } else {
            let extra = ExtraInputs {
                cow_alliances: self.cow_alliances.clone().map(Source::File),
                codesheets: match &self.codesheets {
                    Some(dir) => {
                        codesheet_files(dir).map_err(|error| SessionError::CodesheetDir { dir: dir.clone(), error })?
                    }
                    None => Vec::new(),
                },
                atop_dyads: self.atop_dyads.clone().map(Source::File),
            };
            Dataset::load_with(&inputs, &extra, &self.options)?
        };
        Ok((data, diagnostics, inputs))
    }

    /// Loads, validates, filters and builds the multigraph and the timeline.
    ///
    /// # Errors
    /// See [`SessionError`].
    pub fn open(&self) -> Result<Loaded, SessionError> {
        let (mut data, mut diagnostics, inputs) = self.read()?;
        let filter = match &self.filter {
            Some(expr) => Some(
                Filter::new(expr, &data)
                    .map_err(|e| SessionError::Filter(format!("{}: {e}", self.spelling.arg("where"))))?,
            ),
            None => None,
        };
        if let Some(f) = &filter {
            f.retain(&mut data);
        }
        let graph = AllianceGraph::build_limited(data, self.system, self.max_edges, &mut diagnostics)?;
        let mut timeline = Timeline::with_rule(&graph, self.year_rule);
        if self.window > 1 {
            timeline = timeline.windowed(self.window);
        }
        let sample = self.members.is_none() && self.states.is_none();
        Ok(Loaded { graph, timeline, diagnostics, inputs, sample, filter })
    }
}

/// The files of a coding-sheet directory, by name (hidden files and subdirectories left out).
///
/// # Errors
/// A directory that cannot be listed.
pub fn codesheet_files(dir: &Path) -> std::io::Result<Vec<Source>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    files.sort();
    Ok(files.into_iter().map(Source::File).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usage(r: &LoadRequest) -> String {
        match r.inputs() {
            Err(SessionError::Usage(m)) => m,
            other => panic!("expected a usage error, got {other:?}"),
        }
    }

    #[test]
    fn no_files_is_the_sample_and_loads() {
        let loaded = LoadRequest::default().open().expect("the sample loads");
        assert!(loaded.sample);
        assert!(!loaded.graph.edges().is_empty());
        assert_eq!(loaded.timeline.years(), Timeline::new(&loaded.graph).years());
    }

    #[test]
    fn files_that_do_not_go_together_are_refused_by_name() {
        let p = |s: &str| Some(PathBuf::from(s));
        let r = LoadRequest { members: p("m.csv"), ..LoadRequest::default() };
        assert_eq!(usage(&r), "--members needs --states FILE (the COW state-system list) too");
        let r = LoadRequest { states: p("s.csv"), ..LoadRequest::default() };
        assert_eq!(usage(&r), "--states needs --members FILE (the ATOP member-level file) too");
        let r = LoadRequest { alliances: p("a.csv"), ..LoadRequest::default() };
        assert_eq!(usage(&r), "--alliances needs --members FILE and --states FILE too");
        let r = LoadRequest {
            members: p("m.csv"),
            states: p("s.csv"),
            cow_alliances: p("c.csv"),
            ..LoadRequest::default()
        };
        assert!(usage(&r).starts_with("--members m.csv and --cow-alliances c.csv would count most alliances twice"));
        assert!(usage(&r).ends_with("or add --combine-sources if the double counting is wanted"));
        let r = LoadRequest { cow_alliances: p("c.csv"), ..LoadRequest::default() };
        assert!(usage(&r).ends_with("it needs --states FILE (the COW state-system list) too"));
        let cow_alone = LoadRequest { cow_alliances: p("c.csv"), states: p("s.csv"), ..LoadRequest::default() };
        let r = LoadRequest { alliances: p("a.csv"), ..cow_alone.clone() };
        assert_eq!(usage(&r), "--alliances is ATOP's alliance-level file: it goes with --members, not with COW alone");
        let r = LoadRequest { codesheets: p("sheets"), ..cow_alone.clone() };
        assert!(usage(&r).starts_with("--codesheets adds ATOP coding sheets"));
        let r = LoadRequest { atop_dyads: p("d.csv"), ..cow_alone };
        assert!(usage(&r).starts_with("--atop-dyads is ATOP's directed dyad-year file"));
        let r = LoadRequest { combine_sources: true, ..LoadRequest::default() };
        assert_eq!(usage(&r), "--combine-sources adds COW rows to the ATOP rows: it needs --cow-alliances FILE");
        let r = LoadRequest { window: 0, ..LoadRequest::default() };
        assert_eq!(usage(&r), "--window 0: expected a number of years, 1 or more");
        let options = LoadOptions { data_end: Some(999), ..LoadOptions::default() };
        let r = LoadRequest { options, ..LoadRequest::default() };
        assert_eq!(usage(&r), "--data-end 999: expected a year in 1000..=2100");
    }

    #[test]
    fn each_front_end_is_told_in_its_own_spelling() {
        let p = |s: &str| Some(PathBuf::from(s));
        let twice = |spelling| LoadRequest {
            members: p("m.csv"),
            states: p("s.csv"),
            cow_alliances: p("c.csv"),
            spelling,
            ..LoadRequest::default()
        };
        assert!(usage(&twice(Spelling::Python)).starts_with("members m.csv and cow_alliances c.csv would"));
        assert!(
            usage(&twice(Spelling::Python)).ends_with("or add combine_sources=True if the double counting is wanted")
        );
        assert!(usage(&twice(Spelling::R)).ends_with("or add combine_sources = TRUE if the double counting is wanted"));
        let r = LoadRequest { members: p("m.csv"), spelling: Spelling::R, ..LoadRequest::default() };
        assert_eq!(usage(&r), "members needs states (the COW state-system list) too");
        let r = LoadRequest { combine_sources: true, spelling: Spelling::Python, ..LoadRequest::default() };
        assert_eq!(usage(&r), "combine_sources=True adds COW rows to the ATOP rows: it needs cow_alliances");
        let bad: Result<SystemFilter, _> = Spelling::R.choice("system", "cows");
        assert_eq!(
            bad.expect_err("not a system filter").to_string(),
            "system: unknown system filter \"cows\": expected one of cow, none, atop"
        );
        let bad: Result<YearRule, _> = Spelling::Cli.choice("year_rule", "mid");
        assert!(bad.expect_err("not a rule").to_string().starts_with("--year-rule: unknown year rule \"mid\""));
        assert_eq!(Spelling::Python.choice::<YearRule>("year_rule", "END").expect("a rule"), YearRule::End);
        let err = Spelling::Python.filter("defense =").expect_err("incomplete");
        assert!(matches!(&err, SessionError::Filter(m) if m.starts_with("where: ")), "{err}");
    }

    #[test]
    fn the_filter_and_the_window_apply() {
        let all = LoadRequest::default().open().expect("the sample");
        let expr = crate::filter::parse("defense = 1").expect("an expression");
        let some = LoadRequest { filter: Some(expr), window: 5, ..LoadRequest::default() }.open().expect("filtered");
        assert!(some.graph.edges().len() < all.graph.edges().len());
        assert!(some.filter.is_some());
        let bad = crate::filter::parse("nosuchcolumn = 1").expect("parses");
        let err = LoadRequest { filter: Some(bad), ..LoadRequest::default() }.open().expect_err("unknown column");
        assert!(matches!(err, SessionError::Filter(_)), "{err}");
    }
}
