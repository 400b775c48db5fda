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
    /// ATOP coding sheets (`--codesheets DIR`'s files, in order).
    pub codesheets: Vec<Source>,
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
    /// Most multigraph edges the build may make (`--max-edges`).
    pub max_edges: usize,
}

impl Default for LoadRequest {
    fn default() -> Self {
        LoadRequest {
            members: None,
            states: None,
            alliances: None,
            cow_alliances: None,
            combine_sources: false,
            codesheets: Vec::new(),
            atop_dyads: None,
            options: LoadOptions::default(),
            filter: None,
            system: SystemFilter::Cow,
            year_rule: YearRule::Any,
            window: 1,
            max_edges: usize::MAX,
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
    /// The `--where` expression names something the data does not have (a usage error).
    #[error("--where: {0}")]
    Filter(String),
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

    /// The member and state files (the embedded sample when none is given), or why the files
    /// given do not go together.
    ///
    /// # Errors
    /// [`SessionError::Usage`] with the message every front end shows.
    pub fn inputs(&self) -> Result<Inputs, SessionError> {
        let usage = |m: &str| Err(SessionError::Usage(m.to_string()));
        if self.window == 0 {
            return usage("window 0: expected a number of years, 1 or more");
        }
        if self.combine_sources && self.cow_alliances.is_none() {
            return usage("--combine-sources adds COW rows to the ATOP rows: it needs --cow-alliances");
        }
        if let (Some(cow), Some(m), false) = (&self.cow_alliances, &self.members, self.combine_sources) {
            return Err(SessionError::Usage(format!(
                "--members {} and --cow-alliances {} would count most alliances twice: ATOP and COW Formal Alliances code largely the same treaties (a treaty coded by both becomes two alliances, so tie weights, alliance counts and degrees double). Give one of them, or --combine-sources if the double counting is wanted",
                m.display(),
                cow.display()
            )));
        }
        if self.cow_alone() {
            if self.alliances.is_some() || !self.codesheets.is_empty() || self.atop_dyads.is_some() {
                return usage(
                    "--alliances, --codesheets and --atop-dyads are ATOP's: they go with --members, not with COW alone",
                );
            }
            return match (&self.cow_alliances, &self.states) {
                (Some(cow), Some(s)) => {
                    Ok(Inputs { members: Source::File(cow.clone()), states: Source::File(s.clone()), alliances: None })
                }
                _ => {
                    usage("--cow-alliances without --members builds the network from COW alone: it needs --states too")
                }
            };
        }
        match (&self.members, &self.states) {
            (Some(m), Some(s)) => Ok(Inputs {
                members: Source::File(m.clone()),
                states: Source::File(s.clone()),
                alliances: self.alliances.clone().map(Source::File),
            }),
            (None, None) if self.alliances.is_none() => Ok(Inputs::sample()),
            _ => usage("--members and --states go together (--alliances needs them too)"),
        }
    }

    /// Paths that outputs must never overwrite.
    pub fn input_paths(&self) -> Vec<&Path> {
        [&self.members, &self.states, &self.alliances, &self.cow_alliances, &self.atop_dyads]
            .into_iter()
            .flatten()
            .map(PathBuf::as_path)
            .chain(self.codesheets.iter().filter_map(|s| match s {
                Source::File(p) => Some(p.as_path()),
                _ => None,
            }))
            .collect()
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
                codesheets: self.codesheets.clone(),
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
            Some(expr) => Some(Filter::new(expr, &data).map_err(|e| SessionError::Filter(e.to_string()))?),
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
        assert!(usage(&r).contains("--members and --states go together"));
        let r = LoadRequest {
            members: p("m.csv"),
            states: p("s.csv"),
            cow_alliances: p("c.csv"),
            ..LoadRequest::default()
        };
        assert!(usage(&r).contains("would count most alliances twice"));
        let r = LoadRequest { cow_alliances: p("c.csv"), ..LoadRequest::default() };
        assert!(usage(&r).contains("needs --states too"));
        let r = LoadRequest {
            cow_alliances: p("c.csv"),
            states: p("s.csv"),
            alliances: p("a.csv"),
            ..LoadRequest::default()
        };
        assert!(usage(&r).contains("are ATOP's"));
        let r = LoadRequest { combine_sources: true, ..LoadRequest::default() };
        assert!(usage(&r).contains("needs --cow-alliances"));
        let r = LoadRequest { window: 0, ..LoadRequest::default() };
        assert!(usage(&r).contains("window 0"));
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
