//! Flags shared by several commands, and the loaded data every command starts from.

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use pactnet::api::session::{LoadRequest, SessionError, Spelling};
use pactnet::error::QueryError;
use pactnet::io::atomic::{write_atomically, WriteError};
use pactnet::io::covariates::CovariateInputs;
use pactnet::io::table::{write_table_with, CsvCells, OutputFormat, Table};
use pactnet::io::Source;
use pactnet::model::covariates::{Covariates, NodeList, YearlyNetworks};
use pactnet::{
    AllianceGraph, Dataset, Diagnostics, Inputs, Layer, LoadOptions, OnRowError, SystemEnd, SystemFilter, Timeline,
    YearRule,
};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Where the data comes from and how it is read: global flags, accepted before or after the command.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Input options (before or after the command)")]
pub struct InputArgs {
    /// ATOP member-level CSV (e.g. atop4_01m.csv); without it, the embedded sample is used.
    #[arg(long, global = true, value_name = "FILE")]
    pub members: Option<PathBuf>,
    /// COW state-system CSV (e.g. states2016.csv); goes with --members.
    #[arg(long, global = true, value_name = "FILE")]
    pub states: Option<PathBuf>,
    /// ATOP alliance-level CSV (e.g. atop4_01a.csv), optional: cross-checked against the members.
    #[arg(long, global = true, value_name = "FILE")]
    pub alliances: Option<PathBuf>,
    /// Last year of the data; rows with yrexit 0 stay in force until 1 January after it.
    /// [default: the largest year in the member file]
    #[arg(long, global = true, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1000..=2100))]
    pub data_end: Option<i32>,
    /// Which states and ties count: `cow` keeps states only while COW system members; `none`
    /// keeps every alliance member and every tie; `atop` is ATOP's own rule for its dyadic and
    /// state-year files: every member with a COW code counts on the days of its membership (an
    /// exit written as a full date counts as a day of it), codes outside the state list (Annam,
    /// 8152) are left out.
    #[arg(long, global = true, value_enum, default_value_t = SystemArg::Cow)]
    pub system: SystemArg,
    /// Where system membership stops when the state list ends before the data (states2016.csv
    /// ends on 2016-12-31, ATOP 5.1 runs to 2018): `data` continues every state still in the
    /// system on the list's last day to the data's end (as peacesciencer's mry = TRUE), with a
    /// warning; `list` keeps the list's end, so no state is a system member after it.
    #[arg(long, global = true, value_enum, default_value_t = SystemEndArg::Data)]
    pub system_end: SystemEndArg,
    /// What "in year Y" means: `any` day of Y, only 31 December (`end`), or only 1 January (`start`).
    #[arg(long, global = true, value_enum, default_value_t = YearRuleArg::Any)]
    pub year_rule: YearRuleArg,
    /// Skip invalid rows and read bad provision cells as missing (both counted as warnings)
    /// instead of stopping at the first.
    #[arg(long, global = true)]
    pub lenient: bool,
    /// No warnings or progress on stderr (errors are still shown).
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// List every data warning instead of a one-line count.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// COW Formal Alliances v4.1 member-level CSV (alliance_v4.1_by_member.csv). Without
    /// --members (and with --states) the network is COW's alone, with COW's layers: any,
    /// defense, neutrality, nonaggression, entente. With --members it needs --combine-sources.
    #[arg(long, global = true, value_name = "FILE")]
    pub cow_alliances: Option<PathBuf>,
    /// ATOP's directed dyad-year file (atop5_1ddyr.csv, or peacesciencer's atop_alliance as CSV:
    /// statea/stateb or ccode1/ccode2, year, and the five obligation flags): its directed
    /// obligations replace the member-file rule for the years it covers, in every view (ATOP
    /// corrects by hand the alliances whose members' obligations vary). Dyad-years only one of
    /// the two files has are counted in a warning.
    #[arg(long, global = true, value_name = "FILE")]
    pub atop_dyads: Option<PathBuf>,
    /// With --cow-alliances: add the COW rows to the ATOP rows of --members (or of the embedded
    /// sample) although the two code largely the same treaties (those are then counted twice);
    /// entente becomes a sixth layer beside ATOP's five.
    #[arg(long, global = true)]
    pub combine_sources: bool,
    /// A directory of ATOP coding sheets (text, one alliance each, read in name order): each adds
    /// its alliance or replaces one already in the data (with a warning).
    #[arg(long, global = true, value_name = "DIR")]
    pub codesheets: Option<PathBuf>,
    /// Most multigraph edges to build (one per pair of overlapping member rows of an alliance;
    /// about 40 bytes each, and 4 per year spanned): past it a run stops with an error rather
    /// than exhaust memory. ATOP 4.01 has about 60 thousand.
    #[arg(long, global = true, value_name = "N", default_value_t = pactnet::graph::multigraph::MAX_EDGES)]
    pub max_edges: usize,
    /// State covariates: a CSV with ccode or stateabb, optional year (without it, every year),
    /// then numeric columns, each a covariate named by its column (an empty cell is missing).
    /// Joins `export statelevel` (one column each) and `export dyadyears` (<name>1, <name>2).
    /// Repeatable.
    #[arg(long, global = true, value_name = "FILE")]
    pub state_covariates: Vec<PathBuf>,
    /// Dyad covariates: a CSV with ccode1/stateabb1, ccode2/stateabb2, optional year, then
    /// numeric columns; a dyad absent from the file is 0. Without value columns (a list of
    /// contiguous pairs, say) the file is an indicator, 1 for a listed dyad, named NAME or the
    /// file's stem; NAME= also names a file's single value column. Undirected unless
    /// --directed-covariates. Joins `export dyadyears`. Repeatable.
    #[arg(long, global = true, value_name = "[NAME=]FILE", value_parser = parse_dyad_covariates)]
    pub dyad_covariates: Vec<DyadCovariatesArg>,
    /// Read --dyad-covariates rows as directed: a row ccode1,ccode2 gives ccode1 → ccode2 only.
    #[arg(long, global = true)]
    pub directed_covariates: bool,
    /// A network as a dyad-year list: year, ccode1/ccode2 or stateabb1/stateabb2, optional
    /// weight; each row an undirected tie of that year (for models fitted to any network).
    #[arg(long, global = true, value_name = "FILE")]
    pub network: Option<PathBuf>,
    /// The states of each year for --network: ccode or stateabb, optional year (default: the
    /// states with a row in the state covariates that year). (Not `--nodes`: that is
    /// `snapshot`'s switch.)
    #[arg(long, global = true, value_name = "FILE")]
    pub network_nodes: Option<PathBuf>,
    /// Write CSV cells as they are. Without it, CSV is spreadsheet-safe: a text cell that a
    /// spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return
    /// and is not a number) gets a leading ' (OWASP's rule).
    #[arg(long, global = true, help_heading = "Output options")]
    pub raw_csv: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// One `--dyad-covariates [NAME=]FILE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DyadCovariatesArg {
    /// The NAME of `NAME=FILE`.
    pub name: Option<String>,
    /// The file.
    pub file: PathBuf,
}

/// `NAME=FILE` or `FILE`: NAME is letters, digits, `_` and `.` before the first `=` (a path
/// that exists as given is a file, whatever it holds).
fn parse_dyad_covariates(s: &str) -> Result<DyadCovariatesArg, String> {
    let whole = || DyadCovariatesArg { name: None, file: PathBuf::from(s) };
    if Path::new(s).exists() {
        return Ok(whole());
    }
    match s.split_once('=') {
        Some((name, file)) if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.') => {
            if file.is_empty() {
                return Err(format!("{name}= names no file (expected NAME=FILE, e.g. contiguity=contiguity.csv)"));
            }
            Ok(DyadCovariatesArg { name: Some(name.to_string()), file: PathBuf::from(file) })
        }
        _ => Ok(whole()),
    }
}

/// A usage error found after parsing (a bad combination or value): exits 2, like clap's own.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// A usage error (exit 2) with this message.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(UsageError(message.into()))
}

/// Data warnings of the load, printed by `main` after the command succeeded (an error is shown alone).
static DEFERRED_WARNINGS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Keeps the load's warnings for [`print_deferred_warnings`].
pub fn defer_warnings(lines: Vec<String>) {
    if let Ok(mut w) = DEFERRED_WARNINGS.lock() {
        w.extend(lines);
    }
}

/// After a successful command: nothing with `-q`, every warning with `-v`, else one line with the count.
pub fn print_deferred_warnings(input: &InputArgs) {
    let lines = DEFERRED_WARNINGS.lock().map(|mut w| std::mem::take(&mut *w)).unwrap_or_default();
    if input.quiet || lines.is_empty() {
        return;
    }
    if input.verbose {
        for w in &lines {
            eprintln!("pactnet: warning: {w}");
        }
    } else {
        let n = lines.len();
        eprintln!(
            "pactnet: {n} data warning{} (add -v to list {}, or run `pactnet validate`)",
            if n == 1 { "" } else { "s" },
            if n == 1 { "it" } else { "them" }
        );
    }
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

/// The system filter, as a command-line value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SystemArg {
    /// States count only while COW system members.
    Cow,
    /// Every alliance member counts.
    None,
    /// ATOP's rule: every member with a COW code counts while a member.
    Atop,
}

impl From<SystemArg> for SystemFilter {
    fn from(s: SystemArg) -> Self {
        match s {
            SystemArg::Cow => SystemFilter::Cow,
            SystemArg::None => SystemFilter::None,
            SystemArg::Atop => SystemFilter::Atop,
        }
    }
}

/// Where system spells open at the state list's end stop, as a command-line value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SystemEndArg {
    /// At the end of the data.
    Data,
    /// At the list's end.
    List,
}

impl From<SystemEndArg> for SystemEnd {
    fn from(s: SystemEndArg) -> Self {
        match s {
            SystemEndArg::Data => SystemEnd::Data,
            SystemEndArg::List => SystemEnd::List,
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
    /// Checks the flags that go together (clap's `requires` does not see a global flag given on
    /// the other side of the command).
    ///
    /// # Errors
    /// A usage error: --members without --states or the reverse, --alliances without both;
    /// --cow-alliances with --members but without --combine-sources (double counting), or
    /// without --members and --states; --combine-sources without --cow-alliances.
    pub fn check(&self) -> anyhow::Result<()> {
        if self.directed_covariates && self.dyad_covariates.is_empty() {
            return Err(usage(
                "--directed-covariates says how --dyad-covariates files are read: it needs --dyad-covariates FILE",
            ));
        }
        self.request(OnRowError::Fail).check().map_err(session_error)
    }

    /// The library's load request for these flags: the files (the coding sheets of
    /// `--codesheets DIR` by name), `--data-end`, `--lenient`, `--system-end`, `--where`,
    /// `--system`, `--year-rule`, `--max-edges`. Windows are each command's (`--window`).
    ///
    /// # Errors
    /// A coding-sheet directory that cannot be listed.
    pub fn request(&self, on_row_error: OnRowError) -> LoadRequest {
        LoadRequest {
            members: self.members.clone(),
            states: self.states.clone(),
            alliances: self.alliances.clone(),
            cow_alliances: self.cow_alliances.clone(),
            combine_sources: self.combine_sources,
            codesheets: self.codesheets.clone(),
            atop_dyads: self.atop_dyads.clone(),
            options: self.load_options(on_row_error),
            filter: self.filter.expr.clone(),
            system: self.system.into(),
            year_rule: self.year_rule.into(),
            window: 1,
            max_edges: self.max_edges,
            spelling: Spelling::Cli,
        }
    }

    /// How CSV text cells are written: spreadsheet-safe unless `--raw-csv`.
    pub fn csv_cells(&self) -> CsvCells {
        if self.raw_csv {
            CsvCells::Raw
        } else {
            CsvCells::Guarded
        }
    }

    /// Where the member rows will come from, as [`LoadRequest::source`] says.
    pub fn source(&self) -> pactnet::MemberSource {
        self.request(OnRowError::Fail).source()
    }

    /// Loads and validates the inputs (before `--where` and the multigraph): COW alone, or the
    /// ATOP member file (or the sample) with the extra inputs.
    ///
    /// # Errors
    /// The library's load errors; a coding-sheet directory that cannot be listed.
    pub fn load(&self, on_row_error: OnRowError) -> anyhow::Result<(Dataset, Diagnostics)> {
        let (data, diagnostics, _) = self.request(on_row_error).read().map_err(session_error)?;
        Ok((data, diagnostics))
    }

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
        LoadOptions { data_end: self.data_end, on_row_error, system_end: self.system_end.into() }
    }

    /// Paths that outputs must never overwrite.
    pub fn input_paths(&self) -> Vec<&Path> {
        let mut paths: Vec<&Path> = [
            &self.members,
            &self.states,
            &self.alliances,
            &self.cow_alliances,
            &self.atop_dyads,
            &self.network,
            &self.network_nodes,
        ]
        .into_iter()
        .flatten()
        .map(PathBuf::as_path)
        .collect();
        paths.extend(self.state_covariates.iter().map(PathBuf::as_path));
        paths.extend(self.dyad_covariates.iter().map(|d| d.file.as_path()));
        paths
    }

    /// Whether covariate files are given (`--state-covariates`, `--dyad-covariates`).
    pub fn has_covariates(&self) -> bool {
        !self.state_covariates.is_empty() || !self.dyad_covariates.is_empty()
    }

    /// The covariate files as the library reads them.
    pub fn covariate_inputs(&self) -> CovariateInputs {
        CovariateInputs {
            state: self.state_covariates.iter().cloned().map(Source::File).collect(),
            dyad: self.dyad_covariates.iter().map(|d| (d.name.clone(), Source::File(d.file.clone()))).collect(),
            directed: self.directed_covariates,
        }
    }

    /// Reads the covariate files against the data's state list (`--lenient` skips bad rows);
    /// their warnings are printed after the command, as the load's.
    ///
    /// # Errors
    /// A file that cannot be read, a row error (without `--lenient`), a name two files give.
    pub fn covariates(&self, data: &Dataset) -> anyhow::Result<Covariates> {
        let (covariates, warnings) = self.covariates_and_warnings(data)?;
        defer_warnings(warnings);
        Ok(covariates)
    }

    /// [`InputArgs::covariates`], returning the warnings instead of printing them.
    pub fn covariates_and_warnings(&self, data: &Dataset) -> anyhow::Result<(Covariates, Vec<String>)> {
        let on_row_error = if self.lenient { OnRowError::Skip } else { OnRowError::Fail };
        let inputs = self.covariate_inputs();
        let (covariates, diags) = pactnet::io::covariates::read_covariates(&inputs, &data.states, on_row_error)
            .context("cannot load the covariates")?;
        Ok((covariates, diags.iter().flat_map(|d| d.warnings().map(|w| w.to_string())).collect()))
    }

    /// Reads `--network` and `--network-nodes` (each `None` when not given) against the data's state
    /// list; warnings are printed after the command.
    ///
    /// # Errors
    /// A file that cannot be read, a row error (without `--lenient`).
    #[allow(dead_code)] // For `pactnet tergm` (issue 22, item 3), which reads the networks.
    pub fn network(&self, data: &Dataset) -> anyhow::Result<(Option<YearlyNetworks>, Option<NodeList>)> {
        let (network, nodes, warnings) = self.network_and_warnings(data)?;
        defer_warnings(warnings);
        Ok((network, nodes))
    }

    /// [`InputArgs::network`], returning the warnings instead of printing them.
    #[allow(clippy::type_complexity)]
    pub fn network_and_warnings(
        &self,
        data: &Dataset,
    ) -> anyhow::Result<(Option<YearlyNetworks>, Option<NodeList>, Vec<String>)> {
        let on_row_error = if self.lenient { OnRowError::Skip } else { OnRowError::Fail };
        let mut diags = [Diagnostics::default(), Diagnostics::default()];
        let [net_diag, node_diag] = &mut diags;
        let network = match &self.network {
            Some(p) => Some(pactnet::io::network::read_network(&Source::File(p.clone()), &data.states, net_diag)?),
            None => None,
        };
        let nodes = match &self.network_nodes {
            Some(p) => Some(pactnet::io::network::read_nodes(&Source::File(p.clone()), &data.states, node_diag)?),
            None => None,
        };
        pactnet::io::covariates::settle_row_errors(&mut diags, on_row_error).context("cannot load the network")?;
        Ok((network, nodes, diags.iter().flat_map(|d| d.warnings().map(|w| w.to_string())).collect()))
    }

    /// For `validate`: the covariate, network and node files read against `states` with every
    /// row problem kept (one [`Diagnostics`] per file, in flag order; none without the flags).
    ///
    /// # Errors
    /// A file that cannot be read as a table; a covariate name that two files give.
    pub fn model_input_diagnostics(&self, states: &pactnet::model::StateIndex) -> anyhow::Result<Vec<Diagnostics>> {
        let mut out = Vec::new();
        if self.has_covariates() {
            let (_, diags) =
                pactnet::io::covariates::read_covariates(&self.covariate_inputs(), states, OnRowError::Skip)
                    .context("cannot read the covariates")?;
            out.extend(diags);
        }
        if let Some(p) = &self.network {
            let mut diag = Diagnostics::default();
            pactnet::io::network::read_network(&Source::File(p.clone()), states, &mut diag)?;
            out.push(diag);
        }
        if let Some(p) = &self.network_nodes {
            let mut diag = Diagnostics::default();
            pactnet::io::network::read_nodes(&Source::File(p.clone()), states, &mut diag)?;
            out.push(diag);
        }
        Ok(out)
    }

    /// Fails when covariate or network flags are given to a command that does not read them.
    ///
    /// # Errors
    /// A usage error naming the flag and the commands that read it.
    pub fn reject_model_inputs(
        &self,
        command: &str,
        reads_covariates: bool,
        reads_network: bool,
    ) -> anyhow::Result<()> {
        let covariate_flag = if !self.state_covariates.is_empty() {
            Some("--state-covariates")
        } else if !self.dyad_covariates.is_empty() {
            Some("--dyad-covariates")
        } else {
            None
        };
        if let (Some(flag), false) = (covariate_flag, reads_covariates) {
            return Err(usage(format!(
                "{flag} joins covariates to `export statelevel` and `export dyadyears` (`info` summarises them): `{command}` does not read them"
            )));
        }
        let network_flag = if self.network.is_some() {
            Some("--network")
        } else if self.network_nodes.is_some() {
            Some("--network-nodes")
        } else {
            None
        };
        if let (Some(flag), false) = (network_flag, reads_network) {
            return Err(usage(format!(
                "{flag} gives the yearly networks of a model (`info` summarises it): `{command}` does not read it"
            )));
        }
        Ok(())
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
    /// Loads, validates and builds the multigraph; keeps its warnings for the end of the command
    /// unless `print_warnings` is false (commands that report warnings themselves).
    pub fn open(input: &InputArgs, print_warnings: bool) -> anyhow::Result<Session> {
        let loaded = input.request(OnRowError::Fail).open().map_err(session_error)?;
        if print_warnings {
            defer_warnings(loaded.diagnostics.warnings().map(|w| w.to_string()).collect());
        }
        Ok(Session {
            graph: loaded.graph,
            timeline: loaded.timeline,
            diagnostics: loaded.diagnostics,
            filter: loaded.filter,
        })
    }
}

/// A load that did not happen, as the CLI reports it: arguments that do not go together and a
/// bad `--where` are usage errors (exit 2); data errors keep their cause (exit 1).
fn session_error(e: SessionError) -> anyhow::Error {
    match e {
        SessionError::Usage(m) => usage(m),
        SessionError::Filter(m) => usage(m),
        e @ SessionError::CodesheetDir { .. } => anyhow::Error::new(e),
        SessionError::Data(e) => anyhow::Error::new(e).context("cannot load the data"),
        SessionError::Graph(e) => anyhow::Error::new(e).context("cannot build the multigraph"),
    }
}

/// Where and how a table is written (`-o`, `--format`).
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Write to FILE (atomically: a temporary file renamed into place) instead of stdout; `-` is
    /// stdout.
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
        self.write_with(input, |out| write_table_with(table, format, input.csv_cells(), out))
    }

    /// Writes through `fill` to `-o FILE` (atomically) or stdout.
    pub fn write_with(
        &self,
        input: &InputArgs,
        fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> anyhow::Result<()> {
        match &self.output {
            Some(path) if path.as_os_str() != "-" => {
                write_atomically(path, &input.input_paths(), fill).map_err(|e| match e {
                    WriteError::Io { path, error } => {
                        data_error(error).unwrap_or_else(|error| WriteError::Io { path, error }.into())
                    }
                    e => e.into(),
                })
            }
            _ => {
                let mut out = stdout()?;
                fill(&mut out).and_then(|()| out.flush()).map_err(|e| {
                    data_error(e).unwrap_or_else(|e| anyhow::Error::new(e).context("cannot write to stdout"))
                })
            }
        }
    }
}

/// The data error that stopped a table computed as it is written (a [`QueryError`] carried by
/// the I/O error, as [`pactnet::measures::cliques::CliqueStream`]'s bound), reported as itself
/// rather than as a failure to write; any other I/O error is given back.
fn data_error(e: std::io::Error) -> Result<anyhow::Error, std::io::Error> {
    if !e.get_ref().is_some_and(|inner| inner.is::<QueryError>()) {
        return Err(e);
    }
    match e.into_inner().map(|inner| inner.downcast::<QueryError>()) {
        Some(Ok(query)) => Ok(anyhow::Error::new(*query)),
        Some(Err(inner)) => Err(std::io::Error::other(inner)),
        None => Err(std::io::Error::other("write failed")),
    }
}

/// Whether stdout was closed when pactnet started (`pactnet info >&-`).
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Notes whether stdout was closed when pactnet started (`pactnet info >&-`), so that writing to
/// it is an error ([`stdout`]) instead of a silent success. Rust's runtime puts `/dev/null`
/// (opened read-write) in the place of a closed standard stream before `main`, so that no file
/// opened later takes its number; a stdout that is `/dev/null` opened read-write is that one
/// (the shell's `>/dev/null` opens it write-only, and stays a valid way to discard output).
pub fn guard_standard_streams() {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsFd;
        let out = std::io::stdout();
        let fd = out.as_fd();
        let null = std::fs::metadata("/dev/null").ok().map(|m| std::os::unix::fs::MetadataExt::rdev(&m));
        let is_null = rustix::fs::fstat(fd).is_ok_and(|st| {
            rustix::fs::FileType::from_raw_mode(st.st_mode) == rustix::fs::FileType::CharacterDevice
                && Some(st.st_rdev) == null
        });
        let read_write = rustix::fs::fcntl_getfl(fd)
            .is_ok_and(|flags| flags & rustix::fs::OFlags::ACCMODE == rustix::fs::OFlags::RDWR);
        if is_null && read_write {
            STDOUT_CLOSED.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
}

/// Stdout, locked and buffered; an error when stdout was closed at the start.
pub fn stdout() -> anyhow::Result<std::io::BufWriter<std::io::StdoutLock<'static>>> {
    if STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed) {
        anyhow::bail!("cannot write to stdout: it is closed");
    }
    Ok(std::io::BufWriter::new(std::io::stdout().lock()))
}

/// Finds a state by COW code, abbreviation, name or alias, or fails listing close matches.
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

/// A year on the command line: a whole number (clap names the flag and the value).
pub fn parse_year(s: &str) -> Result<i32, String> {
    s.trim().parse::<i32>().map_err(|_| "expected a year, a whole number such as 1914".to_string())
}

/// A day on the command line, `YYYY-MM-DD`; the error says what is wrong with the value
/// (`February 1914 has 28 days`) and the expected form (clap names the flag and the value).
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    const FORM: &str = "expected a date YYYY-MM-DD, e.g. 1939-09-01";
    let parts: Vec<&str> = s.trim().split('-').collect();
    let [y, m, d] = parts[..] else { return Err(FORM.to_string()) };
    let number = |t: &str, what: &str| {
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) || t.len() > 4 {
            Err(format!("{what} {t:?} is not a number; {FORM}"))
        } else {
            t.parse::<u32>().map_err(|_| format!("{what} {t:?} is not a number; {FORM}"))
        }
    };
    let (year, month, day) = (number(y, "year")?, number(m, "month")?, number(d, "day")?);
    let year = i32::try_from(year).map_err(|_| FORM.to_string())?;
    if !(1..=12).contains(&month) {
        return Err(format!("month {month} is not in 1..=12; {FORM}"));
    }
    chrono::NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let first = chrono::NaiveDate::from_ymd_opt(year, month, 1);
        let next = if month == 12 {
            chrono::NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            chrono::NaiveDate::from_ymd_opt(year, month + 1, 1)
        };
        match (first, next) {
            (Some(a), Some(b)) => format!("{} {year} has {} days", a.format("%B"), (b - a).num_days()),
            _ => FORM.to_string(),
        }
    })
}

/// One year or one day (`--year Y | --date YYYY-MM-DD`), for commands about a single snapshot.
#[derive(Debug, Clone, Args)]
pub struct PeriodArgs {
    /// The year: states and ties present on at least one of its days (under --year-rule).
    #[arg(long, value_name = "YEAR", required_unless_present = "date", conflicts_with = "date", value_parser = parse_year)]
    pub year: Option<i32>,
    /// A single day, YYYY-MM-DD: states and ties present on that day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
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

/// One `--layers` item: a layer or `all` (the six).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayerChoice {
    /// Every layer.
    All,
    /// One layer.
    One(Layer),
}

impl std::str::FromStr for LayerChoice {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        if s.trim().eq_ignore_ascii_case("all") {
            return Ok(LayerChoice::All);
        }
        s.parse::<Layer>().map(LayerChoice::One).map_err(|e| format!("{e}, or all"))
    }
}

/// Layer choices → the layers, in output order, each once (`all` = the layers of the data's
/// source: ATOP's six unless the input flags say COW alone or combined).
pub fn expand_layers(choices: &[LayerChoice], source: pactnet::MemberSource) -> Vec<Layer> {
    let mut out: Vec<Layer> = Vec::new();
    for c in choices {
        match c {
            LayerChoice::All => out.extend(source.layers()),
            LayerChoice::One(l) => out.push(*l),
        }
    }
    out.sort_by_key(|l| l.index());
    out.dedup();
    out
}

/// Global flags that take a value (to find the command word among the arguments).
const VALUE_FLAGS: &[&str] = &[
    "--members",
    "--states",
    "--alliances",
    "--data-end",
    "--system",
    "--system-end",
    "--atop-dyads",
    "--year-rule",
    "--cow-alliances",
    "--codesheets",
    "--max-edges",
    "--where",
    "--state-covariates",
    "--dyad-covariates",
    "--network",
    "--network-nodes",
];

/// Rewrites old spellings that the global `--states FILE` / `--alliances FILE` now shadow, with a
/// note on stderr: `metrics --states LIST` (now `--only-states`; a value that is neither an
/// existing file nor a `.csv` name) and `synth --states N --alliances M` (now `--state-count`,
/// `--alliance-count`; a whole number).
pub fn deprecated_spellings(args: impl IntoIterator<Item = std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = args.into_iter().collect();
    let mut command = None;
    let mut i = 1;
    while i < args.len() {
        let a = args[i].to_string_lossy();
        if VALUE_FLAGS.contains(&a.as_ref()) {
            i += 2;
            continue;
        }
        if !a.starts_with('-') {
            command = Some(i);
            break;
        }
        i += 1;
    }
    let Some(start) = command else { return args };
    let is_list = |v: &str| !v.to_ascii_lowercase().ends_with(".csv") && !Path::new(v).is_file();
    let is_count = |v: &str| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit());
    type Rule = (&'static str, &'static str, fn(&str) -> bool);
    let rules: Vec<Rule> = match args[start].to_str() {
        Some("metrics") => vec![("--states", "--only-states", is_list)],
        Some("synth") => vec![("--states", "--state-count", is_count), ("--alliances", "--alliance-count", is_count)],
        _ => return args,
    };
    let command = args[start].to_string_lossy().into_owned();
    let mut i = start + 1;
    while i < args.len() {
        let a = args[i].to_string_lossy().into_owned();
        for &(old, new, applies) in &rules {
            let next = args.get(i + 1).map(|v| v.to_string_lossy().into_owned());
            let replacement = if a == old && next.as_deref().is_some_and(applies) {
                Some(std::ffi::OsString::from(new))
            } else {
                a.strip_prefix(old)
                    .and_then(|rest| rest.strip_prefix('='))
                    .filter(|v| applies(v))
                    .map(|v| format!("{new}={v}").into())
            };
            if let Some(r) = replacement {
                eprintln!("pactnet: note: `{command} {old}` is now `{new}` ({old} names an input file)");
                args[i] = r;
            }
        }
        i += 1;
    }
    args
}

/// Multi-year windows (`--window N`), shared by the commands about yearly snapshots.
#[derive(Debug, Clone, Args)]
pub struct WindowArgs {
    /// Years per window: "year Y" becomes the N years up to Y, [(Y−N+1)-01-01, (Y+1)-01-01);
    /// a state or tie counts when it does on a day of the window and weights count the window's
    /// distinct alliances (the first N−1 years use the years that exist). 1: each year alone.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=500))]
    pub window: u32,
}

impl WindowArgs {
    /// Loads the data (as [`Session::open`], warnings printed) with the windowed timeline.
    pub fn open(&self, input: &InputArgs) -> anyhow::Result<Session> {
        let mut s = Session::open(input, true)?;
        if self.window > 1 {
            s.timeline = s.timeline.windowed(self.window);
        }
        Ok(s)
    }

    /// Fails when a window is asked for with a single day (`--date`).
    pub fn reject_date(&self, period: &PeriodArgs) -> anyhow::Result<()> {
        if self.window > 1 && period.date.is_some() {
            anyhow::bail!("--window {} applies to years: give --year instead of --date", self.window);
        }
        Ok(())
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

/// The [`QueryError`](pactnet::error::QueryError) of an error, also inside the
/// `#[error(transparent)]` wrappers, which hide it from the source chain.
fn query_error<'a>(c: &'a (dyn std::error::Error + 'static)) -> Option<&'a pactnet::error::QueryError> {
    if let Some(q) = c.downcast_ref() {
        return Some(q);
    }
    match (c.downcast_ref(), c.downcast_ref()) {
        (Some(pactnet::plot::PlotError::Query(q)), _) | (_, Some(pactnet::report::ReportError::Query(q))) => Some(q),
        _ => None,
    }
}

/// Names the flag behind a year or date outside the data: the library's
/// [`QueryError::YearOutOfRange`](pactnet::error::QueryError) becomes
/// `--year 1700: outside the data's years 1816..=2016` (`--years`, `--network-years`, `--date`
/// alike), found among the flags given to the (sub)command that ran; any other error, or a year
/// that no flag asked for, is returned as it is. The exit code stays 1 (a question the data
/// cannot answer, not a usage error).
pub fn name_the_year_flag(e: anyhow::Error, matches: &clap::ArgMatches) -> anyhow::Error {
    use pactnet::error::QueryError;
    let Some(q) = e.chain().find_map(query_error) else { return e };
    let (asked, first, last) = match *q {
        QueryError::YearOutOfRange { year, first, last } => (Err(year), first, last),
        QueryError::DateOutOfRange { date, first, last } => (Ok(date), first, last),
        _ => return e,
    };
    // The given flags, innermost subcommand first (global flags reach every level).
    let mut levels = vec![matches];
    while let Some((_, sub)) = levels.last().and_then(|m| m.subcommand()) {
        levels.push(sub);
    }
    for m in levels.iter().rev() {
        let flag = match asked {
            Ok(date) => {
                m.try_get_one::<chrono::NaiveDate>("date").ok().flatten().filter(|&&d| d == date).map(|_| "--date")
            }
            Err(year) => {
                let one = m.try_get_one::<i32>("year").ok().flatten().is_some_and(|&y| y == year);
                let range = m.try_get_one::<YearRange>("years").ok().flatten().is_some_and(|r| r.0.contains(&year));
                let list =
                    m.try_get_many::<i32>("network_years").ok().flatten().is_some_and(|mut ys| ys.any(|&y| y == year));
                [(one, "--year"), (range, "--years"), (list, "--network-years")].into_iter().find(|c| c.0).map(|c| c.1)
            }
        };
        let Some(flag) = flag else { continue };
        let id = flag.trim_start_matches("--").replace('-', "_");
        let value: Vec<String> =
            m.get_raw(&id).into_iter().flatten().map(|v| v.to_string_lossy().trim().to_string()).collect();
        let value = value.join(",");
        let what = match asked {
            Err(year) if value != year.to_string() => format!("year {year} is "),
            Ok(date) if value != date.to_string() => format!("{date} is "),
            _ => String::new(),
        };
        return anyhow::anyhow!("{flag} {value}: {what}outside the data's years {first}..={last}");
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<std::ffi::OsString> {
        args.iter().map(Into::into).collect()
    }

    #[test]
    fn old_spellings_shadowed_by_global_input_flags_are_rewritten() {
        let m = deprecated_spellings(os(&["pactnet", "--states", "s.csv", "metrics", "--states", "USA,RUS"]));
        assert_eq!(m, os(&["pactnet", "--states", "s.csv", "metrics", "--only-states", "USA,RUS"]));
        let m = deprecated_spellings(os(&[
            "pactnet",
            "metrics",
            "--states=USA",
            "--members",
            "m.csv",
            "--states",
            "x.csv",
        ]));
        assert_eq!(m, os(&["pactnet", "metrics", "--only-states=USA", "--members", "m.csv", "--states", "x.csv"]));
        let s = deprecated_spellings(os(&["pactnet", "-q", "synth", "--states", "20", "--alliances=7", "-o", "d"]));
        assert_eq!(s, os(&["pactnet", "-q", "synth", "--state-count", "20", "--alliance-count=7", "-o", "d"]));
        let other = os(&["pactnet", "info", "--states", "USA"]);
        assert_eq!(deprecated_spellings(other.clone()), other);
    }

    #[test]
    fn layer_lists_take_all_and_keep_the_output_order_once() {
        let parse = |s: &str| s.split(',').map(|x| x.parse::<LayerChoice>()).collect::<Result<Vec<_>, _>>();
        let names = |c: &[LayerChoice]| {
            expand_layers(c, pactnet::MemberSource::Atop).iter().map(|l| l.name()).collect::<Vec<_>>().join(",")
        };
        assert_eq!(names(&parse("defense,any,defense").unwrap()), "any,defense");
        assert_eq!(names(&parse("ALL,offense").unwrap()).split(',').count(), 6);
        assert!(parse("defence").unwrap_err().ends_with("consultation, or all"));
    }

    /// Issue 13: a date error names what is wrong and the expected form.
    #[test]
    fn dates_parse_and_errors_say_what_is_wrong() {
        assert_eq!(parse_date("1939-09-01"), Ok(chrono::NaiveDate::from_ymd_opt(1939, 9, 1).unwrap()));
        assert_eq!(parse_date("1914-2-28"), Ok(chrono::NaiveDate::from_ymd_opt(1914, 2, 28).unwrap()));
        assert_eq!(parse_date("1914-02-30"), Err("February 1914 has 28 days".into()));
        assert_eq!(parse_date("1916-02-30"), Err("February 1916 has 29 days".into()));
        assert_eq!(parse_date("1914-04-31"), Err("April 1914 has 30 days".into()));
        assert_eq!(
            parse_date("1914-13-01"),
            Err("month 13 is not in 1..=12; expected a date YYYY-MM-DD, e.g. 1939-09-01".into())
        );
        assert_eq!(
            parse_date("1914-2-x"),
            Err("day \"x\" is not a number; expected a date YYYY-MM-DD, e.g. 1939-09-01".into())
        );
        assert_eq!(parse_date("1914"), Err("expected a date YYYY-MM-DD, e.g. 1939-09-01".into()));
        assert_eq!(parse_year("19x4"), Err("expected a year, a whole number such as 1914".into()));
    }

    #[test]
    fn year_ranges_parse_and_reject_reversed_ones() {
        assert_eq!("1900..1950".parse(), Ok(YearRange(1900..=1950)));
        assert_eq!("1914".parse(), Ok(YearRange(1914..=1914)));
        assert_eq!("1900..=1901".parse(), Ok(YearRange(1900..=1901)));
        assert_eq!("1950..1900".parse::<YearRange>(), Err("years 1950..1900: the first year is after the last".into()));
        assert!("19x0..1950".parse::<YearRange>().unwrap_err().contains("\"19x0\" is not a year"));
    }
}
