//! Flags shared by several commands, and the loaded data every command starts from.

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use pactnet::io::atomic::write_atomically;
use pactnet::io::table::{write_table, OutputFormat, Table};
use pactnet::io::Source;
use pactnet::{
    AllianceGraph, Dataset, Diagnostics, ExtraInputs, Inputs, LoadOptions, OnRowError, SystemFilter, Timeline, YearRule,
};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Where the data comes from (flags before the command) and how it is read (before or after).
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// ATOP member-level CSV (e.g. atop4_01m.csv); without it, the embedded sample is used.
    #[arg(long, value_name = "FILE", requires = "states")]
    pub members: Option<PathBuf>,
    /// COW state-system CSV (e.g. states2016.csv); goes with --members.
    #[arg(long, value_name = "FILE", requires = "members")]
    pub states: Option<PathBuf>,
    /// ATOP alliance-level CSV (e.g. atop4_01a.csv), optional: cross-checked against the members.
    #[arg(long, value_name = "FILE", requires = "members")]
    pub alliances: Option<PathBuf>,
    /// Last year of the data; rows with yrexit 0 stay in force until 1 January after it.
    /// [default: the largest year in the member file]
    #[arg(long, global = true, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1000..=2100))]
    pub data_end: Option<i32>,
    /// Which states and ties count: `cow` keeps states only while COW system members; `none`
    /// keeps every alliance member and every tie.
    #[arg(long, global = true, value_enum, default_value_t = SystemArg::Cow)]
    pub system: SystemArg,
    /// What "in year Y" means: `any` day of Y, only 31 December (`end`), or only 1 January (`start`).
    #[arg(long, global = true, value_enum, default_value_t = YearRuleArg::Any)]
    pub year_rule: YearRuleArg,
    /// Skip invalid rows (counted as a warning) instead of stopping at the first.
    #[arg(long, global = true)]
    pub lenient: bool,
    /// No warnings or progress on stderr (errors are still shown).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// COW Formal Alliances v4.1 member-level CSV (alliance_v4.1_by_member.csv), added to the
    /// member rows (entente → consultation).
    #[arg(long, global = true, value_name = "FILE")]
    pub cow_alliances: Option<PathBuf>,
    /// A directory of ATOP coding sheets (text, one alliance each, read in name order): each adds
    /// its alliance or replaces one already in the data (with a warning).
    #[arg(long, global = true, value_name = "DIR")]
    pub codesheets: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// `--where EXPR`: which member rows take part, applied once where the multigraph is built.
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// Only member rows for which EXPR is true take part; a tie exists when both its rows do.
    /// EXPR compares whole-number columns of the member file (any case), or of the alliance
    /// file as alliance.NAME (needs --alliances), with integers: = != < <= > >=, in (1, 2),
    /// not in (…), is missing, is not missing, and, or, not, parentheses. An empty cell is
    /// missing: a comparison with it is unknown (SQL's three-valued logic), and unknown rows
    /// do not take part. Examples: --where 'conditio = 0' (unconditional), --where 'intcom = 1
    /// or base > 0', --where 'alliance.hinst = 1'. (validate and bench read every row.)
    #[arg(long = "where", global = true, value_name = "EXPR", value_parser = parse_where)]
    pub expr: Option<pactnet::filter::Expr>,
}

fn parse_where(text: &str) -> Result<pactnet::filter::Expr, String> {
    pactnet::filter::parse(text).map_err(|e| e.to_string())
}

/// An error in what the user asked for (exit code 2), found after the flags were parsed.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct UsageError(#[from] pub anyhow::Error);

/// The system filter, as a command-line value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SystemArg {
    /// States count only while COW system members.
    Cow,
    /// Every alliance member counts.
    None,
}

impl From<SystemArg> for SystemFilter {
    fn from(s: SystemArg) -> Self {
        match s {
            SystemArg::Cow => SystemFilter::Cow,
            SystemArg::None => SystemFilter::None,
        }
    }
}

/// The year rule, as a command-line value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum YearRuleArg {
    /// Any day of the year.
    Any,
    /// 31 December only.
    End,
    /// 1 January only.
    Start,
}

impl From<YearRuleArg> for YearRule {
    fn from(r: YearRuleArg) -> Self {
        match r {
            YearRuleArg::Any => YearRule::Any,
            YearRuleArg::End => YearRule::End,
            YearRuleArg::Start => YearRule::Start,
        }
    }
}

impl InputArgs {
    /// The input files (the embedded sample when none is given).
    pub fn inputs(&self) -> Inputs {
        match (&self.members, &self.states) {
            (Some(m), Some(s)) => Inputs {
                members: Source::File(m.clone()),
                states: Source::File(s.clone()),
                alliances: self.alliances.clone().map(Source::File),
            },
            _ => Inputs::sample(),
        }
    }

    /// The library's load options.
    pub fn load_options(&self, on_row_error: OnRowError) -> LoadOptions {
        let on_row_error = if self.lenient { OnRowError::Skip } else { on_row_error };
        LoadOptions { data_end: self.data_end, on_row_error }
    }

    /// Paths that outputs must never overwrite.
    pub fn input_paths(&self) -> Vec<&Path> {
        [&self.members, &self.states, &self.alliances, &self.cow_alliances]
            .into_iter()
            .flatten()
            .map(PathBuf::as_path)
            .collect()
    }

    /// The COW alliance file and the coding sheets of `--codesheets DIR` (its files, by name).
    pub fn extra_inputs(&self) -> anyhow::Result<ExtraInputs> {
        let mut codesheets = Vec::new();
        if let Some(dir) = &self.codesheets {
            let entries =
                std::fs::read_dir(dir).with_context(|| format!("{}: cannot list the coding sheets", dir.display()))?;
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
                .collect();
            files.sort();
            codesheets = files.into_iter().map(Source::File).collect();
        }
        Ok(ExtraInputs { cow_alliances: self.cow_alliances.clone().map(Source::File), codesheets })
    }
}

/// The loaded data: multigraph, timeline and the load's diagnostics.
pub struct Session {
    pub graph: AllianceGraph,
    pub timeline: Timeline,
    pub diagnostics: Diagnostics,
    /// The `--where` filter applied to the member rows, if any.
    pub filter: Option<pactnet::filter::Filter>,
}

impl Session {
    /// Loads, validates and builds the multigraph; prints warnings unless `quiet` or `report`
    /// is false (commands that report warnings themselves).
    pub fn open(input: &InputArgs, print_warnings: bool) -> anyhow::Result<Session> {
        let inputs = input.inputs();
        let (mut data, mut diagnostics) =
            Dataset::load_with(&inputs, &input.extra_inputs()?, &input.load_options(OnRowError::Fail))
                .context("cannot load the data")?;
        let filter = match &input.filter.expr {
            Some(expr) => Some(
                pactnet::filter::Filter::new(expr, &data)
                    .map_err(|e| UsageError(anyhow::Error::new(e).context("--where")))?,
            ),
            None => None,
        };
        if let Some(f) = &filter {
            f.retain(&mut data);
        }
        let graph = AllianceGraph::build(data, input.system.into(), &mut diagnostics);
        let timeline = Timeline::with_rule(&graph, input.year_rule.into());
        if print_warnings && !input.quiet {
            for w in diagnostics.warnings() {
                eprintln!("pactnet: warning: {w}");
            }
        }
        Ok(Session { graph, timeline, diagnostics, filter })
    }
}

/// Where and how a table is written (`-o`, `--format`).
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Write to FILE (atomically: a temporary file renamed into place) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format [default: table on a terminal, csv otherwise].
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
}

/// Output formats on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Comma-separated values with a header.
    Csv,
    /// A JSON array of objects.
    Json,
    /// Aligned columns for reading.
    Table,
}

impl OutputArgs {
    /// The format: as given, else a table on a terminal and CSV on a pipe or file.
    pub fn format(&self) -> OutputFormat {
        match self.format {
            Some(FormatArg::Csv) => OutputFormat::Csv,
            Some(FormatArg::Json) => OutputFormat::Json,
            Some(FormatArg::Table) => OutputFormat::Table,
            None if self.output.is_none() && std::io::stdout().is_terminal() => OutputFormat::Table,
            None => OutputFormat::Csv,
        }
    }

    /// Writes `table` to the chosen destination in the chosen format.
    pub fn write(&self, table: &dyn Table, input: &InputArgs) -> anyhow::Result<()> {
        let format = self.format();
        self.write_with(input, |out| write_table(table, format, out))
    }

    /// Writes through `fill` to `-o FILE` (atomically) or stdout.
    pub fn write_with(
        &self,
        input: &InputArgs,
        fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> anyhow::Result<()> {
        match &self.output {
            Some(path) => Ok(write_atomically(path, &input.input_paths(), fill)?),
            None => {
                let stdout = std::io::stdout();
                let mut out = std::io::BufWriter::new(stdout.lock());
                fill(&mut out).and_then(|()| out.flush()).context("cannot write to stdout")
            }
        }
    }
}

/// Finds a state by COW code or abbreviation, or fails listing close matches.
pub fn find_state(session: &Session, name: &str) -> anyhow::Result<pactnet::model::DenseIndex> {
    let states = &session.graph.data.states;
    states.lookup(name).ok_or_else(|| {
        pactnet::error::QueryError::UnknownState { name: name.to_string(), suggestions: states.suggestions(name) }
            .into()
    })
}

/// `ABB (code)`, or the bare code for a state missing from the COW list.
pub fn state_label(session: &Session, v: pactnet::model::DenseIndex) -> String {
    let st = session.graph.data.states.state(v);
    if st.abbr.is_empty() {
        st.id.to_string()
    } else {
        st.abbr.clone()
    }
}

/// An inclusive range of years from the command line: `1900..1950`, or one year `1914`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearRange(pub std::ops::RangeInclusive<i32>);

impl std::str::FromStr for YearRange {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let year = |t: &str| {
            t.trim()
                .parse::<i32>()
                .map_err(|_| format!("{t:?} is not a year in {s:?} (expected A..B or one year, e.g. 1900..1950)"))
        };
        let (a, b) = match s.split_once("..") {
            Some((a, b)) => (year(a)?, year(b.trim_start_matches('='))?),
            None => (year(s)?, year(s)?),
        };
        if a > b {
            return Err(format!("years {a}..{b}: the first year is after the last"));
        }
        Ok(YearRange(a..=b))
    }
}

/// One year or one day (`--year Y | --date YYYY-MM-DD`), for commands about a single snapshot.
#[derive(Debug, Clone, Args)]
pub struct PeriodArgs {
    /// The year: states and ties present on at least one of its days (under --year-rule).
    #[arg(long, value_name = "YEAR", required_unless_present = "date", conflicts_with = "date")]
    pub year: Option<i32>,
    /// A single day, YYYY-MM-DD: states and ties present on that day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<chrono::NaiveDate>,
}

impl PeriodArgs {
    /// The period asked for (clap makes sure one of the two is given).
    pub fn period(&self) -> anyhow::Result<pactnet::Period> {
        match (self.year, self.date) {
            (_, Some(d)) => Ok(pactnet::Period::Date(d)),
            (Some(y), None) => Ok(pactnet::Period::Year(y)),
            (None, None) => anyhow::bail!("give --year or --date"),
        }
    }
}

/// Which years a command covers (`--years A..B`; default: every year of the data).
#[derive(Debug, Clone, Args)]
pub struct YearArgs {
    /// Years, inclusive: `1900..1950`, or one year `1914` [default: every year of the data].
    #[arg(long, value_name = "A..B")]
    pub years: Option<YearRange>,
}

impl YearArgs {
    /// The requested years, or `None` for all of them.
    pub fn range(&self) -> Option<std::ops::RangeInclusive<i32>> {
        self.years.as_ref().map(|y| y.0.clone())
    }
}

/// A progress bar on stderr when it is a terminal, unless quiet; hidden otherwise.
pub fn progress_bar(len: usize, input: &InputArgs, what: &str) -> indicatif::ProgressBar {
    if input.quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(&format!("{what} {{bar:40}} {{pos}}/{{len}} {{eta}}")) {
        bar.set_style(style);
    }
    bar
}

/// A spinner with a message on stderr when it is a terminal, unless quiet; hidden otherwise.
pub fn spinner(input: &InputArgs, what: &str) -> indicatif::ProgressBar {
    if input.quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner().with_message(what.to_string());
    bar.enable_steady_tick(std::time::Duration::from_millis(100));
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_ranges_parse_and_reject_reversed_ones() {
        assert_eq!("1900..1950".parse(), Ok(YearRange(1900..=1950)));
        assert_eq!("1914".parse(), Ok(YearRange(1914..=1914)));
        assert_eq!("1900..=1901".parse(), Ok(YearRange(1900..=1901)));
        assert_eq!("1950..1900".parse::<YearRange>(), Err("years 1950..1900: the first year is after the last".into()));
        assert!("19x0..1950".parse::<YearRange>().unwrap_err().contains("\"19x0\" is not a year"));
    }
}
