//! `ctl completion bash|zsh|fish|powershell|elvish`: prints the shell completion script for the
//! whole command tree. The same scripts are committed under `completions/` (a test keeps them
//! current), for packagers who install them without running `ctl`.

use clap::{Args, CommandFactory, ValueEnum};

/// The first argument that selects [`CandidatesArgs`].
pub const CANDIDATES: &str = "__complete";
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

/// Bash only: live values where they are cheap to ask for. Node names after `force-leave` and
/// key prefixes after `kv get|delete|put` come from the agent (`ctl __complete`), quietly and
/// within a second; everything else goes to clap's completion.
const BASH_DYNAMIC: &str = r#"
_ctl_dynamic() {
    local cur="${COMP_WORDS[COMP_CWORD]}" kind=""
    if [[ "$cur" != -* ]]; then
        if [[ "${COMP_WORDS[1]}" == "force-leave" ]]; then
            kind=nodes
        elif [[ "${COMP_WORDS[1]}" == "kv" && "${COMP_WORDS[2]}" =~ ^(get|delete|put)$ && COMP_CWORD -ge 3 ]]; then
            kind=keys
        fi
    fi
    if [[ -n "$kind" ]]; then
        local IFS=$'
'
        COMPREPLY=($(timeout 1 "${COMP_WORDS[0]}" __complete "$kind" "$cur" 2>/dev/null))
        [[ ${#COMPREPLY[@]} -gt 0 ]] && return 0
    fi
    _ctl "$@"
}
complete -F _ctl_dynamic -o bashdefault -o default ctl
"#;

/// The completion script for `shell`.
pub fn script(shell: CompletionShell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell.shell(), &mut crate::Cli::command(), "ctl", &mut out);
    if shell == CompletionShell::Bash {
        out.extend_from_slice(BASH_DYNAMIC.as_bytes());
    }
    out
}

/// What `ctl __complete` completes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Candidates {
    /// Member names (for `force-leave`).
    Nodes,
    /// KV keys and folders under the typed prefix (for `kv get|put|delete`).
    Keys,
}

/// `ctl __complete …`, parsed on its own (before the main command line) so the hidden helper
/// never shows up among the completions it serves.
#[derive(Debug, clap::Parser)]
#[command(name = "ctl __complete")]
pub struct CandidatesArgs {
    #[command(flatten)]
    pub conn: crate::flags::ConnectionFlags,
    pub kind: Candidates,
    /// What has been typed so far.
    #[arg(default_value = "")]
    pub prefix: String,
}

/// `ctl __complete nodes|keys PREFIX`: one candidate per line, nothing at all on any error
/// (a completion must never print an error into the user's command line).
pub async fn candidates(a: CandidatesArgs) -> Result<(), CliError> {
    let Ok(client) = a.conn.client() else {
        return Ok(());
    };
    let found: Vec<String> = match a.kind {
        Candidates::Nodes => client
            .agent_members()
            .await
            .map(|ms| ms.into_iter().map(|m| m.name).collect())
            .unwrap_or_default(),
        Candidates::Keys => client
            .kv_keys(&a.prefix, Some("/"))
            .await
            .unwrap_or_default(),
    };
    for c in found.iter().filter(|c| c.starts_with(&a.prefix)) {
        crate::output::line(c)?;
    }
    Ok(())
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
