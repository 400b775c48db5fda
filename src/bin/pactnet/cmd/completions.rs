//! `pactnet completions SHELL`: shell completion script on stdout.

use clap::{Args, ValueEnum};

/// A shell completion script.
///
/// Print a shell completion script.
///
/// Example: `pactnet completions bash > ~/.local/share/bash-completion/completions/pactnet`
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    shell: Shell,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Shell {
    Bash,
    Zsh,
    Fish,
}

pub fn run(args: &CompletionsArgs, command: &mut clap::Command) -> anyhow::Result<()> {
    let shell = match args.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    let mut buf = Vec::new();
    clap_complete::generate(shell, command, "pactnet", &mut buf);
    use std::io::Write;
    let mut out = crate::args::stdout()?;
    out.write_all(&buf).and_then(|()| out.flush())?;
    Ok(())
}
