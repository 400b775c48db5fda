//! The `pactnet` command line: parse → run → exit code.
//!
//! Errors print as `pactnet: error: …` with their causes on stderr, alone (the load's warnings
//! are printed only after a command succeeds) and exit 1; usage errors (clap's, an unknown name,
//! a flag that does not apply) exit 2; a closed pipe (`pactnet … | head`) exits 0 quietly.

mod args;
mod cmd;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// Alliance networks from ATOP and COW data: a time-indexed multigraph of states, yearly
/// snapshots, and the commands to inspect them.
///
/// With no input flags pactnet uses its embedded illustrative sample; point it at the full data
/// with --members atop4_01m.csv --states states2016.csv.
#[derive(Debug, Parser)]
#[command(
    name = "pactnet",
    version,
    after_help = "Examples:\n  pactnet info\n  pactnet snapshot --year 1950 --layer defense\n  pactnet --members atop4_01m.csv --states states2016.csv validate"
)]
struct Cli {
    #[command(flatten)]
    input: args::InputArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Info(cmd::info::InfoArgs),
    Validate(cmd::validate::ValidateArgs),
    Snapshot(cmd::snapshot::SnapshotArgs),
    Metrics(cmd::metrics::MetricsArgs),
    State(cmd::state::StateArgs),
    Similarity(cmd::similarity::SimilarityArgs),
    Separation(cmd::separation::SeparationArgs),
    Durations(cmd::durations::DurationsArgs),
    Reach(cmd::reach::ReachArgs),
    Blocs(cmd::blocs::BlocsArgs),
    Closure(cmd::closure::ClosureArgs),
    Cliques(cmd::cliques::CliquesArgs),
    Synth(cmd::synth::SynthArgs),
    Bench(cmd::bench::BenchArgs),
    Report(cmd::report::ReportArgs),
    Dyad(cmd::dyad::DyadArgs),
    Codesheet(cmd::codesheet::CodesheetArgs),
    Alliance(cmd::alliance::AllianceArgs),
    Export(cmd::export::ExportArgs),
    Tergm(cmd::tergm::TergmArgs),
    Explore(cmd::explore::ExploreArgs),
    Plot(cmd::plot::PlotArgs),
    Completions(cmd::completions::CompletionsArgs),
}

fn run(cli: Cli, command: &str) -> anyhow::Result<i32> {
    let input = &cli.input;
    input.check()?;
    // Which commands read the covariate and network flags (export: statelevel and dyadyears).
    let (covariates, network) = match cli.command {
        Command::Info(_) | Command::Validate(_) | Command::Tergm(_) => (true, true),
        Command::Export(_) => (true, false),
        _ => (false, false),
    };
    input.reject_model_inputs(command, covariates, network)?;
    match cli.command {
        Command::Info(a) => cmd::info::run(&a, input).map(|()| 0),
        Command::Validate(a) => cmd::validate::run(&a, input),
        Command::Snapshot(a) => cmd::snapshot::run(&a, input).map(|()| 0),
        Command::Metrics(a) => cmd::metrics::run(&a, input).map(|()| 0),
        Command::State(a) => cmd::state::run(&a, input).map(|()| 0),
        Command::Similarity(a) => cmd::similarity::run(&a, input).map(|()| 0),
        Command::Separation(a) => cmd::separation::run(&a, input).map(|()| 0),
        Command::Durations(a) => cmd::durations::run(&a, input).map(|()| 0),
        Command::Reach(a) => cmd::reach::run(&a, input).map(|()| 0),
        Command::Blocs(a) => cmd::blocs::run(&a, input).map(|()| 0),
        Command::Closure(a) => cmd::closure::run(&a, input).map(|()| 0),
        Command::Cliques(a) => cmd::cliques::run(&a, input).map(|()| 0),
        Command::Synth(a) => cmd::synth::run(&a, input).map(|()| 0),
        Command::Bench(a) => cmd::bench::run(&a, input).map(|()| 0),
        Command::Report(a) => cmd::report::run(&a, input).map(|()| 0),
        Command::Dyad(a) => cmd::dyad::run(&a, input).map(|()| 0),
        Command::Codesheet(a) => cmd::codesheet::run(&a),
        Command::Alliance(a) => cmd::alliance::run(&a, input).map(|()| 0),
        Command::Export(a) => cmd::export::run(&a, input).map(|()| 0),
        Command::Tergm(a) => cmd::tergm::run(&a, input).map(|()| 0),
        Command::Explore(a) => cmd::explore::run(&a, input).map(|()| 0),
        Command::Plot(a) => cmd::plot::run(&a, input).map(|()| 0),
        Command::Completions(a) => cmd::completions::run(&a, &mut Cli::command()).map(|()| 0),
    }
}

/// Whether the error comes from writing into a closed pipe.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

/// On every catchable signal whose default action ends the process (INT, TERM, HUP, QUIT, USR1,
/// USR2, ALRM, VTALRM, PROF, XCPU, XFSZ): removes the temporary files of writes in progress, then
/// exits with 128 + the signal's number, as the shell would report it. SIGPIPE needs no handler:
/// Rust's runtime ignores it, so a closed pipe is a write error (a closed stdout exits 0 quietly)
/// and a `kill -PIPE` ends nothing, so leaves nothing.
fn remove_temporaries_on_signals() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{
            SIGALRM, SIGHUP, SIGINT, SIGPROF, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGVTALRM, SIGXCPU, SIGXFSZ,
        };
        let fatal = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ];
        if let Ok(mut signals) = signal_hook::iterator::Signals::new(fatal) {
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    pactnet::io::atomic::remove_pending();
                    std::process::exit(128 + signal);
                }
            });
        }
    }
}

/// Whether the error is a usage error (a bad value or combination of flags): exit 2.
fn is_usage_error(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.is::<args::UsageError>()
            || c.is::<pactnet::names::UnknownName>()
            || c.is::<pactnet::model::obligation::UnknownLayer>()
            || c.is::<clap::Error>()
    })
}

fn main() {
    args::guard_standard_streams();
    remove_temporaries_on_signals();
    let matches = Cli::command().get_matches_from(args::deprecated_spellings(std::env::args_os()));
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let input = cli.input.clone();
    let command = matches.subcommand_name().unwrap_or_default().to_string();
    let code = match run(cli, &command) {
        Ok(code) => {
            args::print_deferred_warnings(&input);
            code
        }
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            let e = args::name_the_year_flag(e, &matches);
            eprintln!("pactnet: error: {e:#}");
            if is_usage_error(&e) {
                2
            } else {
                1
            }
        }
    };
    std::process::exit(code);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
