//! `pactnet tergm`: a temporal ERGM fitted by MPLE with btergm's bootstrap.

use crate::args::{usage, FormatArg, InputArgs, OutputArgs, Session, YearArgs};
use anyhow::Context;
use clap::Args;
use pactnet::tergm::bootstrap::BootstrapRequest;
use pactnet::tergm::covariates::CovariateAttributes;
use pactnet::tergm::design::DEFAULT_MAX_CELLS;
use pactnet::tergm::model::max_lag;
use pactnet::tergm::networks;
use pactnet::tergm::ModelRequest;
use pactnet::Layer;
use std::io::Write;
use std::path::PathBuf;

/// Fit a temporal exponential random graph model (TERGM) by pseudo-likelihood, as btergm does.
///
/// Every dyad-year of the years is a row: its tie (1/0) and the change statistics of the model's
/// terms; the pooled logistic regression of the ties on them is the maximum pseudo-likelihood
/// estimate (MPLE). --bootstrap R draws whole years with replacement R times and refits: its
/// percentile intervals are btergm's confidence intervals (without it, Wald intervals, which
/// understate the uncertainty of dependence terms such as gwesp). The networks are pactnet's
/// yearly snapshots of --layer (nodes: the snapshot's states, or --network-nodes FILE), or --network FILE.
///
/// Terms (ergm's definitions; quoted or bare names): edges, triangle, kstar(k),
/// gwesp(decay, fixed=TRUE), gwdsp(decay, fixed=TRUE), gwdegree(decay, fixed=TRUE), nodecov(x),
/// absdiff(x), nodematch(x) [diff=TRUE], nodefactor(x), edgecov(x) [a --dyad-covariates name],
/// and btergm's memory(type="stability"|"autoregression"|"innovation"|"loss", lag=1),
/// timecov(x, minimum=1, maximum=T), and lagsp(lag=1) (shared partners lag years before).
/// State attributes are --state-covariates columns, and `year` and `region` built in.
/// Lagged terms read the network lag years before each year; a year whose lagged year the data
/// does not have is left out and named.
///
/// Output: term,estimate,std_error,z,p,ci_lower,ci_upper, one row per term; the fit (years,
/// dyad-years, log-likelihood, AIC, BIC, bootstrap) on stderr and with --fit FILE.
///
/// Example (full data): `pactnet --members atop4_01m.csv --states states2016.csv
/// --state-covariates state_years.csv --dyad-covariates contig=contiguity.csv --network-nodes
/// state_years.csv tergm --years 1981..2000 --layer defense --model 'edges + gwesp(0, fixed=TRUE)
/// + edgecov(contig) + nodecov(cinc) + absdiff(polity)' --bootstrap 1000 --seed 1`
#[derive(Debug, Args)]
pub struct TergmArgs {
    #[command(flatten)]
    years: YearArgs,
    /// The layer whose yearly snapshots are the networks (not with --network).
    #[arg(long, default_value = "any")]
    layer: Layer,
    /// The model's terms in ergm's formula language: `edges + gwesp(0.5, fixed=TRUE) + nodecov(cinc)`.
    #[arg(long, value_name = "TERMS")]
    model: String,
    /// Bootstrap replicates (years drawn with replacement); 0 for none.
    #[arg(long, value_name = "R", default_value_t = 0)]
    bootstrap: usize,
    /// Seed of the bootstrap's draws.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Confidence level of the intervals.
    #[arg(long, default_value_t = 0.95, value_parser = level)]
    level: f64,
    /// Fit on the years before YEAR and report ROC and PR AUC of YEAR's ties.
    #[arg(long, value_name = "YEAR")]
    predict: Option<i32>,
    /// Write the design (one row per dyad-year: year, ccode1, ccode2, tie, change statistics) as CSV.
    #[arg(long, value_name = "FILE")]
    design: Option<PathBuf>,
    /// Write the fit statistics (one row) to FILE, in --format.
    #[arg(long, value_name = "FILE")]
    fit: Option<PathBuf>,
    /// Most numbers (dyad-years × (terms + 1)) the design may hold: 8 bytes each.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_CELLS)]
    max_design_cells: usize,
    #[command(flatten)]
    output: OutputArgs,
}

fn level(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v > 0.0 && v < 1.0 => Ok(v),
        _ => Err(format!("{s:?} is not a level between 0 and 1 (e.g. 0.95)")),
    }
}

pub fn run(args: &TergmArgs, input: &InputArgs) -> anyhow::Result<()> {
    let s = Session::open(input, true)?;
    let covariates = input.covariates(&s.graph.data)?;
    let (network, nodes) = input.network(&s.graph.data)?;
    if network.is_some() && args.layer != Layer::Any {
        return Err(usage("--layer chooses among pactnet's snapshots; with --network the file is the network"));
    }
    let source = match &network {
        Some(file) => networks::Source::File(file),
        None => networks::Source::Snapshots { graph: &s.graph, timeline: &s.timeline, layer: args.layer },
    };
    let built = networks::networks(&source, args.years.range(), max_lag(&args.model), nodes.as_ref(), &covariates)
        .map_err(|e| if matches!(e, networks::NetworksError::NoNodes) { usage(e.to_string()) } else { e.into() })?;
    let what = match &network {
        Some(file) => format!("of --network {}", file.file().display()),
        None => "of the snapshots".to_string(),
    };
    if let Some(line) = networks::left_out_warning(&built.left_out, &what) {
        crate::args::defer_warnings(vec![line]);
    }
    let (networks, years) = (built.networks, built.years);
    let attributes = CovariateAttributes::new(&covariates, &s.graph.data.states);
    let request = ModelRequest {
        formula: &args.model,
        networks: &networks,
        years,
        attributes: &attributes,
        bootstrap: (args.bootstrap > 0).then_some(BootstrapRequest {
            replicates: args.bootstrap,
            seed: args.seed,
            level: args.level,
        }),
        level: args.level,
        predict: args.predict,
        max_cells: args.max_design_cells,
    };
    let result =
        pactnet::tergm::run(&request).map_err(|e| if e.is_usage() { usage(e.to_string()) } else { e.into() })?;
    if !input.quiet {
        for line in result.summary() {
            eprintln!("pactnet tergm: {line}");
        }
    }
    if let Some(path) = &args.design {
        let out = OutputArgs { output: Some(path.clone()), format: Some(FormatArg::Csv) };
        out.write_with(input, |w| write_design(&result.design, input.csv_cells(), w))
            .with_context(|| format!("--design {}", path.display()))?;
    }
    if let Some(path) = &args.fit {
        let out = OutputArgs { output: Some(path.clone()), format: args.output.format };
        out.write(&result.fit_table(), input)?;
    }
    args.output.write(&result.terms_table(), input)
}

/// The design as CSV: `year,ccode1,ccode2,tie,<terms>` (term names, which may come from a
/// covariate file's header, spreadsheet-safe as in every CSV unless `--raw-csv`).
fn write_design(
    design: &pactnet::tergm::Design,
    cells: pactnet::io::table::CsvCells,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["year".to_string(), "ccode1".into(), "ccode2".into(), "tie".into()];
    header.extend(design.columns.iter().map(|c| match cells {
        pactnet::io::table::CsvCells::Guarded => pactnet::io::table::guard_csv_cell(&c.name).into_owned(),
        pactnet::io::table::CsvCells::Raw => c.name.clone(),
    }));
    w.write_record(&header)?;
    let mut floats = ryu::Buffer::new();
    let mut record: Vec<String> = Vec::with_capacity(header.len());
    for year in &design.years {
        let p = design.columns.len();
        let y = year.response();
        let columns: Vec<Vec<f64>> = (0..p).map(|k| year.column(k)).collect();
        for (row, (a, b)) in year.dyads().enumerate() {
            record.clear();
            record.push(year.year.to_string());
            record.push(a.to_string());
            record.push(b.to_string());
            record.push(if y[row] == 1.0 { "1".into() } else { "0".into() });
            for column in &columns {
                let v = column[row];
                record.push(if v.fract() == 0.0 && v.abs() < 1e15 {
                    format!("{}", v as i64)
                } else {
                    floats.format(v).to_string()
                });
            }
            w.write_record(&record)?;
        }
    }
    w.flush()
}
