//! `pactnet durations` and `pactnet plot durations`: Kaplan–Meier survival of alliances.

use super::plot::{format_of, write_file, SizeArgs};
use crate::args::{InputArgs, OutputArgs, Session};
use clap::Args;
use pactnet::api::pictures::{durations_picture, Canvas};
use pactnet::measures::survival::{durations, GroupBy};
use pactnet::plot::output::ImageFormat;
use std::path::PathBuf;

/// Alliance survival: Kaplan–Meier curves of alliance durations, with censoring.
///
/// An alliance lasts from its earliest member entry to its latest member exit (gaps between
/// phases ignored), in years of 365.25 days; it is censored when one of its rows is still in
/// force at the end of the data (yrexit 0 or empty). Rows
/// `group,time,at_risk,events,censored,survival` at every time with a termination or a
/// censoring; --by type adds one group per obligation type (an alliance is in a type's group
/// when any of its rows carries it). --summary: `group,alliances,events,median_years` (the
/// first time with survival ≤ 0.5; empty if the curve never gets there).
///
/// Example: `pactnet durations --by type --summary`
#[derive(Debug, Args)]
pub struct DurationsArgs {
    /// Groups: `none` (one curve, `all`) or `type` (all, then defense … consultation).
    #[arg(long, default_value = "none")]
    by: GroupBy,
    /// One row per group instead of the curves.
    #[arg(long)]
    summary: bool,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(args: &DurationsArgs, input: &InputArgs) -> anyhow::Result<()> {
    let s = Session::open(input, true)?;
    let table = durations(&s.graph.data, args.by);
    if args.summary {
        args.output.write(&table.summary_table(), input)
    } else {
        args.output.write(&table, input)
    }
}

/// Kaplan–Meier survival curves of alliances: one step curve per group, censoring ticks, the
/// medians marked, the number at risk under the axis (see `pactnet durations`).
///
/// Example: `pactnet plot durations --by type -o survival.png`
#[derive(Debug, Args)]
pub struct PlotDurationsArgs {
    /// Groups: `none` (one curve) or `type` (all, then one per obligation type).
    #[arg(long, default_value = "none")]
    by: GroupBy,
    #[command(flatten)]
    size: SizeArgs,
    /// Output file: .png or .svg.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

pub fn plot(args: &PlotDurationsArgs, input: &InputArgs) -> anyhow::Result<()> {
    let format = format_of(&args.output, &[ImageFormat::Png, ImageFormat::Svg])?;
    let s = Session::open(input, true)?;
    let canvas = Canvas { format, width: args.size.width, height: args.size.height };
    let bytes = durations_picture(&s.graph.data, args.by, canvas)?;
    write_file(&args.output, &bytes, input)
}
