//! `ctl completion bash|zsh|fish|powershell|elvish`: prints the shell completion script for the
//! whole command tree. The same scripts are committed under `completions/` (a test keeps them
//! current), for packagers who install them without running `ctl`.

use clap::{Args, CommandFactory, ValueEnum};
use clap_complete::Shell;

use crate::CliError;

/// The shells `ctl completion` writes scripts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

impl CompletionShell {
    fn shell(self) -> Shell {
        match self {
            CompletionShell::Bash => Shell::Bash,
            CompletionShell::Zsh => Shell::Zsh,
            CompletionShell::Fish => Shell::Fish,
            CompletionShell::Powershell => Shell::PowerShell,
            CompletionShell::Elvish => Shell::Elvish,
        }
    }

    /// The file name under `completions/`, as each shell's loader expects it.
    pub fn file_name(self) -> &'static str {
        match self {
            CompletionShell::Bash => "ctl.bash",
            CompletionShell::Zsh => "_ctl",
            CompletionShell::Fish => "ctl.fish",
            CompletionShell::Powershell => "_ctl.ps1",
            CompletionShell::Elvish => "ctl.elv",
        }
    }
}

#[derive(Debug, Args)]
pub struct CompletionArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: CompletionShell,
}

/// The completion script for `shell`.
pub fn script(shell: CompletionShell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell.shell(), &mut crate::Cli::command(), "ctl", &mut out);
    out
}

pub fn run(a: CompletionArgs) -> Result<(), CliError> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(&script(a.shell))
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(CliError::BrokenPipe),
        Err(e) => Err(CliError::Failed(format!("writing the script: {e}"))),
        Ok(()) => Ok(()),
    }
}
