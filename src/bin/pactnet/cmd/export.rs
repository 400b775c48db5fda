//! `pactnet export <format>`: the multigraph or a snapshot in the formats other tools read.

use crate::args::{FormatArg, InputArgs, OutputArgs, PeriodArgs, Session, WindowArgs, YearArgs};
use anyhow::Context as _;
use clap::{Args, Subcommand};
use pactnet::export::alliances::AllianceTable;
use pactnet::export::dyadyears::{Direction, DyadYearOptions, DyadYears, Dyads};
use pactnet::export::gexf::write_gexf;
use pactnet::export::graphml::write_graphml;
use pactnet::export::nodelink::write_node_link;
use pactnet::export::provisions::DyadProvisions;
use pactnet::export::statelevel::StateYears;
use pactnet::export::{NodeMetrics, SnapshotExport};
use pactnet::{Layer, SnapshotBuilder};
use std::path::PathBuf;

/// Export for Gephi, R, Python or Stata (GEXF, GraphML, JSON, dyad-years).
///
/// Export the alliance network for Gephi, R, Python or Stata: the whole dynamic multigraph
/// (gexf), one snapshot (graphml, json), or dyad-year and state-year tables.
///
/// Examples: `pactnet export gexf -o alliances.gexf`,
/// `pactnet export json --year 1950 --layer defense -o 1950.json`,
/// `pactnet export dyadyears --years 1946..1989 --undirected -o dyads.csv`,
/// `pactnet export dyadyears --provisions intcom,milcon,base -o dyads.csv`,
/// `pactnet --state-covariates state_years.csv --dyad-covariates contiguity.csv export dyadyears -o dyads.csv`,
/// `pactnet --alliances atop4_01a.csv … export alliances -o alliances.csv`
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    format: ExportFormat,
}

#[derive(Debug, Subcommand)]
enum ExportFormat {
    /// GEXF 1.3 dynamic graph for Gephi's timeline: node spells from system membership, one edge
    /// per (pair, obligation type) with `kind`, spells and a dynamic weight (closed date intervals).
    Gexf(FileArgs),
    /// GraphML of one snapshot: node ccode, abbr, name, region; edge weight, types, atopids.
    Graphml(SnapshotArgs),
    /// Node-link JSON of one snapshot, as networkx's node_link_data writes it.
    Json(SnapshotArgs),
    /// Dyad-years with ATOP's columns: ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,
    /// atop_nonagg,atop_consul,atop_number (directed: ccode1's obligations toward ccode2); with
    /// --state-covariates <name>1,<name>2 per covariate, with --dyad-covariates <name> each.
    Dyadyears(DyadYearArgs),
    /// State-years: ccode, year, number of alliances and of partners in each layer; with
    /// --state-covariates one column per covariate.
    Statelevel(StateLevelArgs),
    /// Alliances: one row per alliance with its dates, members, types and every provision
    /// (the alliance file's columns with --alliances, then the member file's others as the
    /// largest value over the alliance's rows).
    Alliances(AlliancesArgs),
}

#[derive(Debug, Args)]
struct AlliancesArgs {
    #[command(flatten)]
    output: OutputArgs,
}

/// `--provisions a,b`: provision columns added to dyads or edges.
#[derive(Debug, Args)]
struct ProvisionArgs {
    /// Add these provisions (member-file columns, or alliance.NAME with --alliances), each the
    /// largest value over the dyad's alliances in force in the period, e.g. intcom,milcon,base.
    #[arg(long, value_name = "NAME,…", value_delimiter = ',')]
    provisions: Vec<String>,
}

impl ProvisionArgs {
    /// The resolved columns (a usage error for an unknown name).
    fn resolve<'d>(&self, data: &'d pactnet::Dataset) -> anyhow::Result<DyadProvisions<'d>> {
        DyadProvisions::new(data, &self.provisions).map_err(|e| crate::args::usage(format!("--provisions: {e}")))
    }
}

/// Where an XML or JSON document goes.
#[derive(Debug, Args)]
struct FileArgs {
    /// Write to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

impl FileArgs {
    fn output(&self) -> OutputArgs {
        OutputArgs { output: self.output.clone(), format: None }
    }
}

#[derive(Debug, Args)]
struct SnapshotArgs {
    #[command(flatten)]
    period: PeriodArgs,
    /// The layer: any, defense, offense, neutrality, nonaggression or consultation (ATOP); any,
    /// defense, neutrality, nonaggression or entente (COW alone).
    #[arg(long, alias = "layers", default_value = "any")]
    layer: Layer,
    /// Add the node metrics to the node attributes (for --year every metric of `pactnet metrics
    /// --level node`; for --date degree and strength).
    #[arg(long)]
    with_metrics: bool,
    #[command(flatten)]
    provisions: ProvisionArgs,
    #[command(flatten)]
    file: FileArgs,
}

#[derive(Debug, Args)]
struct DyadYearArgs {
    #[command(flatten)]
    years: YearArgs,
    #[command(flatten)]
    window: WindowArgs,
    /// Ordered pairs, each with the first state's own obligations (the default).
    #[arg(long, conflicts_with = "undirected")]
    directed: bool,
    /// Unordered pairs, ccode1 < ccode2, the obligations of either toward the other.
    #[arg(long)]
    undirected: bool,
    /// Every dyad of system members in the year, not only those with a tie.
    #[arg(long)]
    all_dyads: bool,
    #[command(flatten)]
    provisions: ProvisionArgs,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Args)]
struct StateLevelArgs {
    #[command(flatten)]
    years: YearArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// Fails when `years` reaches outside the data's years.
pub fn run(args: &ExportArgs, input: &InputArgs) -> anyhow::Result<()> {
    let joins = matches!(args.format, ExportFormat::Dyadyears(_) | ExportFormat::Statelevel(_));
    if !joins {
        input.reject_model_inputs("export", false, false).map_err(|e| {
            crate::args::usage(format!("{e} (of the exports, only statelevel and dyadyears join covariates)"))
        })?;
    }
    if matches!(args.format, ExportFormat::Statelevel(_)) && !input.dyad_covariates.is_empty() {
        return Err(crate::args::usage(
            "--dyad-covariates joins `export dyadyears`: `export statelevel` has no dyads (give --state-covariates)",
        ));
    }
    let s = Session::open(input, true)?;
    let covariates = if input.has_covariates() { Some(input.covariates(&s.graph.data)?) } else { None };
    let clash = |e: pactnet::export::covariates::ColumnClash| anyhow::anyhow!(e);
    match &args.format {
        ExportFormat::Gexf(f) => f.output().write_with(input, |out| write_gexf(&s.graph, out)),
        ExportFormat::Graphml(a) | ExportFormat::Json(a) => {
            let period = a.period.period()?;
            let snap = SnapshotBuilder::new(&s.graph, &s.timeline).build(period, a.layer)?;
            let metrics =
                if a.with_metrics { NodeMetrics::all(&s.graph, &s.timeline, &snap)? } else { NodeMetrics::none() };
            let provisions = a.provisions.resolve(&s.graph.data)?;
            let x = SnapshotExport::new(&s.graph, &snap, metrics).with_provisions(&provisions, &s.timeline);
            let output = a.file.output();
            if matches!(args.format, ExportFormat::Json(_)) {
                output.write_with(input, |out| write_node_link(&x, out))
            } else {
                output.write_with(input, |out| write_graphml(&x, out))
            }
        }
        ExportFormat::Dyadyears(a) => {
            let windowed = (a.window.window > 1).then(|| s.timeline.windowed(a.window.window));
            let timeline = windowed.as_ref().unwrap_or(&s.timeline);
            timeline.select(a.years.range())?;
            let direction = if a.undirected { Direction::Undirected } else { Direction::Directed };
            let dyads = if a.all_dyads { Dyads::All } else { Dyads::Allied };
            let provisions = a.provisions.resolve(&s.graph.data)?;
            let mut table =
                DyadYears::new(&s.graph, timeline, DyadYearOptions { years: a.years.range(), direction, dyads })
                    .with_provisions(provisions);
            if let Some(c) = &covariates {
                table = table.with_covariates(c).map_err(clash)?;
            }
            csv_unless_told(&a.output).write(&table, input).context("cannot write the dyad-years")
        }
        ExportFormat::Statelevel(a) => {
            s.timeline.select(a.years.range())?;
            let mut table = StateYears::new(&s.graph, &s.timeline, a.years.range());
            if let Some(c) = &covariates {
                table = table.with_covariates(&c.state).map_err(clash)?;
                let unjoined = table.covariate_rows_not_joined();
                crate::args::defer_warnings(
                    unjoined.iter().flat_map(|d| d.warnings().map(|w| w.to_string())).collect(),
                );
            }
            csv_unless_told(&a.output).write(&table, input).context("cannot write the state-years")
        }
        ExportFormat::Alliances(a) => {
            let table = AllianceTable::new(&s.graph.data);
            csv_unless_told(&a.output).write(&table, input).context("cannot write the alliances")
        }
    }
}

/// Export tables are data files: CSV unless `--format` says otherwise, even on a terminal.
fn csv_unless_told(o: &OutputArgs) -> OutputArgs {
    OutputArgs { output: o.output.clone(), format: Some(o.format.unwrap_or(FormatArg::Csv)) }
}
