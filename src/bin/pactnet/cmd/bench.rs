//! `pactnet bench`: time each analysis on the chosen data, in this process.

use crate::args::{expand_layers, InputArgs, LayerChoice, OutputArgs, YearArgs};
use clap::{Args, ValueEnum};
use pactnet::analysis::{self, Level, MetricRequest};
use pactnet::io::table::{OwnedTable, Value};
use pactnet::measures::blocs::{yearly_blocs, BlocRequest};
use pactnet::measures::similarity::{similarity, SimilarityRequest};
use pactnet::plot::network::draw_network;
use pactnet::plot::{output, NetworkPlotter, PlotOptions};
use pactnet::{AllianceGraph, Layer, OnRowError, Period, Snapshot, SnapshotBuilder, Timeline};
use std::time::Instant;

/// Time the analyses on the chosen data.
///
/// Time the analyses on the chosen data: each runs once to warm up, then --repeat times; the
/// table gives the median, minimum and maximum wall time, snapshots (or years) per second, and
/// the process's peak resident memory after it. `plots` (every year's network picture) is not
/// in the default list: add it with --analyses.
///
/// Example: `pactnet --members atop4_01m.csv --states states2016.csv bench --repeat 10`
#[derive(Debug, Args)]
pub struct BenchArgs {
    #[command(flatten)]
    years: YearArgs,
    /// Layers, comma-separated, or `all`.
    #[arg(long, alias = "layer", value_delimiter = ',', default_value = "all")]
    layers: Vec<LayerChoice>,
    /// Analyses to time, comma-separated.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "load,multigraph,snapshots,metrics,blocs,similarity"
    )]
    analyses: Vec<Analysis>,
    /// Timed runs of each analysis (after one warm-up run).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    repeat: u32,
    #[command(flatten)]
    output: OutputArgs,
}

/// An analysis that `bench` can time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Analysis {
    /// Read and validate the input files.
    Load,
    /// Build the multigraph and the timeline.
    Multigraph,
    /// Build every (year, layer) snapshot.
    Snapshots,
    /// Every graph- and node-level metric of every (year, layer).
    Metrics,
    /// Blocs of every year (layer any).
    Blocs,
    /// Portfolio similarity of every dyad-year (layer any).
    Similarity,
    /// The network picture of every year (layer any, force layout, 1600×1200 PNG, in memory).
    Plots,
}

impl Analysis {
    fn name(self) -> &'static str {
        match self {
            Analysis::Load => "load",
            Analysis::Multigraph => "multigraph",
            Analysis::Snapshots => "snapshots",
            Analysis::Metrics => "metrics",
            Analysis::Blocs => "blocs",
            Analysis::Similarity => "similarity",
            Analysis::Plots => "plots",
        }
    }
}

/// Peak resident memory of this process so far, in MiB (Linux `VmHWM`; `None` elsewhere).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

pub fn run(args: &BenchArgs, input: &InputArgs) -> anyhow::Result<()> {
    let layers = expand_layers(&args.layers, input.source());
    let load = || input.load(OnRowError::Fail);
    let (data, mut diag) = load()?;
    let graph = AllianceGraph::build(data.clone(), input.system.into(), &mut diag);
    let timeline = Timeline::with_rule(&graph, input.year_rule.into());
    let years = timeline.select(args.years.range())?;
    let snapshots = years.clone().count() * layers.len();
    let mut table = OwnedTable::new(&["analysis", "runs", "median_s", "min_s", "max_s", "snapshots_per_s", "peak_mib"]);
    for &analysis in &args.analyses {
        let once = || -> anyhow::Result<()> {
            match analysis {
                Analysis::Load => drop(load()?),
                Analysis::Multigraph => {
                    let mut d = diag.clone();
                    let g = AllianceGraph::build(data.clone(), input.system.into(), &mut d);
                    drop(Timeline::with_rule(&g, input.year_rule.into()));
                }
                Analysis::Snapshots => {
                    let mut builder = SnapshotBuilder::new(&graph, &timeline);
                    let mut snap = Snapshot::default();
                    for y in years.clone() {
                        for &layer in &layers {
                            builder.build_into(Period::Year(y), layer, &mut snap)?;
                        }
                    }
                }
                Analysis::Metrics => {
                    let request = MetricRequest {
                        years: Some(years.clone()),
                        layers: layers.clone(),
                        level: Level::Both,
                        ..MetricRequest::default()
                    };
                    drop(analysis::run(&graph, &timeline, &request)?);
                }
                Analysis::Blocs => {
                    let request = BlocRequest { years: Some(years.clone()), ..BlocRequest::default() };
                    drop(yearly_blocs(&graph, &timeline, &request)?);
                }
                Analysis::Similarity => {
                    let request = SimilarityRequest { years: Some(years.clone()), ..SimilarityRequest::default() };
                    drop(similarity(&graph, &timeline, &request)?);
                }
                Analysis::Plots => {
                    use rayon::prelude::*;
                    let options = PlotOptions::default();
                    let plotter = NetworkPlotter::new(&graph, &timeline, Layer::Any, &options, years.clone())?;
                    let list: Vec<i32> = years.clone().collect();
                    list.par_iter().try_for_each(|&y| -> anyhow::Result<()> {
                        let scene = plotter.scene(Period::Year(y))?;
                        drop(output::png(options.width, options.height, |area| draw_network(area, &scene))?);
                        Ok(())
                    })?;
                }
            }
            Ok(())
        };
        once()?;
        let mut times = Vec::with_capacity(args.repeat as usize);
        for _ in 0..args.repeat {
            let start = Instant::now();
            once()?;
            times.push(start.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        let per_second = match analysis {
            Analysis::Snapshots | Analysis::Metrics => Some(snapshots as f64 / median),
            Analysis::Blocs | Analysis::Similarity | Analysis::Plots => Some(years.clone().count() as f64 / median),
            Analysis::Load | Analysis::Multigraph => None,
        };
        table.push(vec![
            analysis.name().into(),
            i64::from(args.repeat).into(),
            median.into(),
            times[0].into(),
            times[times.len() - 1].into(),
            per_second.map_or(Value::Missing, Into::into),
            peak_rss_mib().map_or(Value::Missing, Into::into),
        ]);
    }
    args.output.write(&table, input)
}
