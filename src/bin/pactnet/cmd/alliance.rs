//! `pactnet alliance ATOPID`: one alliance's whole record, in the coding sheet's sections.

use crate::args::{InputArgs, OutputArgs, Session};
use clap::{Args, ValueEnum};
use pactnet::export::alliances::AllianceDetail;
use pactnet::AllianceId;
use std::path::PathBuf;

/// Show one alliance: phases, members, and every coded provision.
///
/// Show the whole record of one ATOP alliance: its phases, the members of each with their
/// dates and own obligations, and every provision of the member file (and of the alliance file
/// with --alliances), laid out in the coding sheet's sections (formation and duration;
/// obligations; institutionalization; context), each with a one-line description and, where
/// the table has a label for the code, the label (table: src/model/codebook.rs; descriptions are
/// paraphrased and most labels are not verified against the ATOP codebook, see its doc).
///
/// Example: `pactnet --members atop4_01m.csv --states states2016.csv --alliances atop4_01a.csv alliance 4255`
#[derive(Debug, Args)]
pub struct AllianceArgs {
    /// The alliance's ATOP id (atopid).
    #[arg(value_name = "ATOPID")]
    id: u32,
    /// text (sections for reading) or json.
    #[arg(long, value_enum, default_value_t = AllianceFormat::Text)]
    format: AllianceFormat,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Output format of `alliance`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AllianceFormat {
    /// Sections for reading.
    Text,
    /// One JSON object.
    Json,
}

pub fn run(args: &AllianceArgs, input: &InputArgs) -> anyhow::Result<()> {
    let s = Session::open(input, true)?;
    let data = &s.graph.data;
    let Some(detail) = AllianceDetail::new(data, AllianceId(args.id)) else {
        let mut ids: Vec<u32> = data.members.iter().map(|m| m.alliance.0).collect();
        ids.sort_unstable();
        ids.dedup();
        if let (true, Some(filter)) = (data.filtered_out.contains(&AllianceId(args.id)), &data.row_filter) {
            return Err(crate::args::usage(format!(
                "alliance {} in {} is filtered out: --where {filter} keeps none of its member rows",
                args.id, data.member_file
            )));
        }
        let near: Vec<String> = {
            let k = ids.partition_point(|&i| i < args.id);
            ids[k.saturating_sub(2)..(k + 2).min(ids.len())].iter().map(u32::to_string).collect()
        };
        let near = if near.is_empty() {
            match &data.row_filter {
                Some(filter) => format!(" (--where {filter} keeps no alliance)"),
                None => String::new(),
            }
        } else {
            format!(" (nearest atopids: {})", near.join(", "))
        };
        return Err(crate::args::usage(format!("no alliance {} in {}{near}", args.id, data.member_file)));
    };
    let out = OutputArgs { output: args.output.clone(), format: None };
    out.write_with(input, |w| match args.format {
        AllianceFormat::Text => detail.write_text(w),
        AllianceFormat::Json => {
            serde_json::to_writer_pretty(&mut *w, &detail.to_json()).map_err(|e| match e.io_error_kind() {
                Some(kind) => std::io::Error::new(kind, e),
                None => std::io::Error::other(e),
            })?;
            writeln!(w)
        }
    })
}
